//! The parser stage: `Article` records in, one `ArticleStatements` record
//! out per article revision, keyed by article id.

use chrono::Utc;
use claimwatch_shared::bus::Message;
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::events::{Article, ArticleStatements, SCHEMA_VERSION};
use claimwatch_shared::ids::hash_id;
use claimwatch_shared::stage::{Process, Rejection};
use claimwatch_shared::topics::Topics;

use crate::process::extract_statements;

/// Articles larger than this are dead-lettered rather than parsed: no real
/// news article comes near it, and it bounds the work one record can cause.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// The parser's [`Process`].
pub struct Parser {
    topics: Topics,
}

impl Parser {
    pub fn new(topics: Topics) -> Self {
        Parser { topics }
    }

    /// The statements of one article, as the record the stage publishes.
    ///
    /// The text parsed is the headline, a blank line, then the body (the
    /// layout the quality corpora use): headlines carry statements of their
    /// own ("Ministry denies ..."), and the fetcher keeps the headline out of
    /// the body. The spans point into that text, which the record carries.
    pub fn parse(&self, article: &Article) -> ArticleStatements {
        let title = article.title.trim();
        let text = if title.is_empty() || article.text.starts_with(title) {
            article.text.clone()
        } else {
            format!("{title}\n\n{}", article.text)
        };
        ArticleStatements {
            schema_version: SCHEMA_VERSION,
            article: article.reference(),
            statements: extract_statements(&text),
            text,
        }
    }
}

impl Process for Parser {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn process(&mut self, input: &Message) -> Result<Vec<Message>, Rejection> {
        let article: Article = serde_json::from_slice(&input.payload)
            .map_err(|e| Rejection(format!("not an article event: {e}")))?;
        if article.text.len() > MAX_TEXT_BYTES {
            return Err(Rejection(format!(
                "article text is {} bytes, over the {MAX_TEXT_BYTES}-byte limit",
                article.text.len()
            )));
        }
        let out = self.parse(&article);
        let id = hash_id(
            "stm-",
            &[
                &article.id,
                &article.revision.to_string(),
                &article.content_hash,
            ],
        );
        Ok(vec![Message::event(
            &self.topics.statements,
            &article.id,
            &id,
            types::STATEMENTS,
            "/claimwatch/parser",
            Utc::now(),
            &out,
        )])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_is_parsed_with_the_body() {
        let article = Article {
            schema_version: SCHEMA_VERSION,
            id: "a".into(),
            revision: 1,
            content_hash: "h".into(),
            feed: "f".into(),
            url: None,
            title: "Ministry denies report of secret talks".into(),
            text: "The ministry said on Monday that no talks had taken place.".into(),
            text_source: "page".into(),
            published: None,
            fetched_at: chrono::Utc::now(),
        };
        let out = Parser::new(Topics::default()).parse(&article);
        assert!(out
            .text
            .starts_with("Ministry denies report of secret talks\n\nThe ministry"));
        for s in &out.statements {
            let c = s.cue.as_ref().expect("a cue");
            assert_eq!(&out.text[c.span.start..c.span.end], c.span.text);
        }
    }

    #[test]
    fn a_record_that_is_not_an_article_is_rejected_with_a_reason() {
        let mut p = Parser::new(Topics::default());
        let m = Message {
            topic: "claimwatch.articles".into(),
            key: "k".into(),
            payload: b"{\"nope\":1}".to_vec(),
            attributes: None,
        };
        let Rejection(reason) = p.process(&m).unwrap_err();
        assert!(reason.starts_with("not an article event"), "{reason}");
    }
}
