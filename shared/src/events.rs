//! The wire types of every topic.
//!
//! Each payload carries `schema_version`; unknown fields are ignored on read
//! (no `deny_unknown_fields`), so a newer producer never breaks an older
//! consumer. Ids are content hashes ([`crate::ids`]).

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of every payload defined here.
pub const SCHEMA_VERSION: u32 = 1;

fn schema_version() -> u32 {
    SCHEMA_VERSION
}

/// A byte range of an article's text, end exclusive, with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Span {
    /// The span `start..end` of `text`.
    ///
    /// # Panics
    /// When the range is out of bounds or not on char boundaries: callers
    /// compute ranges from the same text, so that is a bug.
    pub fn of(text: &str, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            text: text[start..end].to_string(),
        }
    }
}

/// An article as fetched: one record per identity and content revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Article {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// Stable across revisions: a hash of the item's identity (GUID, else
    /// canonical link, else content hash).
    pub id: String,
    /// 1 for the first version seen, incremented when the content changes.
    pub revision: u32,
    /// A hash of `title` and `text`; changes exactly when the content does.
    pub content_hash: String,
    /// The feed the item came from (its URL or path).
    pub feed: String,
    pub url: Option<String>,
    pub title: String,
    /// The main text: extracted from the article page, else the feed's content.
    pub text: String,
    /// Where `text` came from: `page` or `feed`.
    pub text_source: String,
    pub published: Option<DateTime<Utc>>,
    pub fetched_at: DateTime<Utc>,
}

impl Article {
    /// The reference to this article carried by downstream events.
    pub fn reference(&self) -> ArticleRef {
        ArticleRef {
            id: self.id.clone(),
            revision: self.revision,
            feed: self.feed.clone(),
            url: self.url.clone(),
            title: self.title.clone(),
            published: self.published,
        }
    }
}

/// Enough of an article for a subscriber to show it and find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleRef {
    pub id: String,
    pub revision: u32,
    pub feed: String,
    pub url: Option<String>,
    pub title: String,
    pub published: Option<DateTime<Utc>>,
}

/// What kind of party a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum PartyType {
    Person,
    Government,
    Military,
    Company,
    Organisation,
    MediaOutlet,
    AnonymousSource,
    #[default]
    Unknown,
}

/// Who made a statement: the mention in the text and the entity it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// The mention as written ("he", "the ministry", "Rafiei"); absent for
    /// agentless forms ("it is understood that ...").
    #[serde(flatten)]
    pub span: Option<Span>,
    /// The canonical name the mention resolves to ("Rostamali Rafiei Atani").
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    #[serde(rename = "type")]
    pub kind: PartyType,
}

/// The reporting cue's class, from the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum CueClass {
    /// Neutral reporting: said, told, stated, according to.
    #[default]
    Assert,
    /// Distancing: claimed, alleged, purported, insisted.
    Claim,
    /// Denying: denied, refuted, "false".
    Deny,
    /// Rejecting: rejected, dismissed.
    Reject,
    /// Confirming: confirmed, acknowledged.
    Confirm,
    /// Beliefs and knowledge: believes, thinks, has learned, knows.
    Belief,
    /// Reports by outlets: reported, revealed.
    Report,
}

/// The reporting cue: a verb ("said"), a phrase ("according to") or a noun
/// ("in a statement").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Cue {
    #[serde(flatten)]
    pub span: Span,
    pub lemma: String,
    pub class: CueClass,
}

/// Whether the content is quoted, paraphrased, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

/// One attributed statement: who said what, with which cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Statement {
    /// Unique within the article: `s1`, `s2`, ... in text order.
    pub id: String,
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
    pub content: Option<Span>,
    pub kind: QuoteKind,
    /// The sentence (or sentences) the statement spans.
    pub sentence: Span,
}

/// The `statements` topic: every statement of one article revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleStatements {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    pub article: ArticleRef,
    /// The article's text the spans point into.
    pub text: String,
    pub statements: Vec<Statement>,
}

/// One piece of evidence behind a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signal {
    /// A stable name, e.g. `cue:claim`, `flag:cannot-be-verified`.
    pub name: String,
    /// The text that produced it, when there is one.
    pub text: Option<String>,
    /// Its contribution to the score.
    pub weight: f32,
}

/// A party in an event: claimant or denier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Party {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    #[serde(rename = "type")]
    pub kind: PartyType,
}

/// One article in which a claim appeared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Appearance {
    pub article: ArticleRef,
    /// The statement's id within that article.
    pub statement: String,
    pub seen_at: DateTime<Utc>,
}

/// The `claims.unverified` topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnverifiedClaim {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// A hash of the claimant and the content's key terms: the same claim
    /// seen in many articles keeps one id.
    pub id: String,
    pub claimant: Party,
    pub content: String,
    pub signals: Vec<Signal>,
    /// In 0..=1.
    pub score: f32,
    pub first_seen: DateTime<Utc>,
    /// Every article the claim was seen in, first one first.
    pub appearances: Vec<Appearance>,
    /// Key terms used to link denials to the claim.
    pub terms: Vec<String>,
}

/// One claim a denial refutes, with how sure the link is and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Refutation {
    pub claim_id: String,
    pub score: f32,
    pub evidence: Vec<String>,
}

/// The denier of an official denial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Denier {
    #[serde(flatten)]
    pub party: Party,
    /// Whether the denier speaks for the party concerned or an authority.
    pub official: bool,
}

/// The `denials.official` topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OfficialDenial {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// A hash of the article identity and the denial's statement.
    pub id: String,
    pub denier: Denier,
    pub content: String,
    pub signals: Vec<Signal>,
    pub score: f32,
    /// The claims this denial refutes; empty until one is known. A later
    /// record with the same id and a longer list supersedes earlier ones.
    pub refutes: Vec<Refutation>,
    pub article: ArticleRef,
    /// The denial's statement id within the article.
    pub statement: String,
    pub seen_at: DateTime<Utc>,
}

impl OfficialDenial {
    /// The Kafka key: the first claim refuted, so a claim and its denials
    /// share a partition; the denial's own id when it refutes nothing yet.
    pub fn key(&self) -> &str {
        self.refutes
            .first()
            .map(|r| r.claim_id.as_str())
            .unwrap_or(&self.id)
    }
}

/// The `deadletter` topic: a record a stage could not handle, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeadLetter {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    pub id: String,
    /// The stage that gave up: fetcher, parser, matcher, alerter.
    pub stage: String,
    pub reason: String,
    /// Where the input came from: a topic, a feed URL, a hook name.
    pub source: String,
    pub partition: Option<i32>,
    pub offset: Option<i64>,
    pub key: Option<String>,
    /// The input as text (lossily decoded when it was not UTF-8), truncated.
    pub payload: String,
    pub at: DateTime<Utc>,
}

impl DeadLetter {
    /// Payloads longer than this are cut, so a huge bad record cannot make a
    /// dead letter that is itself too large for the broker.
    pub const MAX_PAYLOAD: usize = 64 * 1024;

    /// A dead letter for `payload`, with a deterministic id.
    pub fn new(stage: &str, source: &str, reason: impl Into<String>, payload: &[u8]) -> Self {
        let reason = reason.into();
        let mut text = String::from_utf8_lossy(payload).into_owned();
        if text.len() > Self::MAX_PAYLOAD {
            let mut cut = Self::MAX_PAYLOAD;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        let id = crate::ids::hash_id("dlq-", &[stage, source, &reason, &text]);
        DeadLetter {
            schema_version: SCHEMA_VERSION,
            id,
            stage: stage.to_string(),
            reason,
            source: source.to_string(),
            partition: None,
            offset: None,
            key: None,
            payload: text,
            at: Utc::now(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_span_is_flattened_for_the_extract_contract() {
        let s = Speaker {
            span: Some(Span::of("He said", 0, 2)),
            name: "John Doe".into(),
            role: None,
            organisation: None,
            kind: PartyType::Person,
        };
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["start"], 0);
        assert_eq!(v["end"], 2);
        assert_eq!(v["text"], "He");
        assert_eq!(v["type"], "person");
        let back: Speaker = serde_json::from_value(v).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn unknown_fields_are_tolerated() {
        let json = r#"{"schema_version":1,"id":"a","revision":1,"content_hash":"h","feed":"f",
            "url":null,"title":"t","text":"x","text_source":"feed","published":null,
            "fetched_at":"2024-06-02T00:00:00Z","added_in_v2":true}"#;
        let a: Article = serde_json::from_str(json).unwrap();
        assert_eq!(a.id, "a");
    }

    #[test]
    fn dead_letter_payload_is_bounded_on_a_char_boundary() {
        let big = "é".repeat(DeadLetter::MAX_PAYLOAD);
        let d = DeadLetter::new("parser", "t", "bad", big.as_bytes());
        assert!(d.payload.len() <= DeadLetter::MAX_PAYLOAD);
        assert_eq!(
            d.id,
            DeadLetter::new("parser", "t", "bad", big.as_bytes()).id
        );
    }
}

/// One feed to poll, as a record of the compacted feeds topic (keyed by
/// `url`; a record with an empty value removes the feed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FeedSpec {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// An http(s) URL (or, for a fetcher with local files, a path).
    pub url: String,
    /// The name articles carry as their `feed`; the URL when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether to fetch each item's page for its main text.
    #[serde(default = "yes")]
    pub fetch_articles: bool,
    /// How the feed's items are told apart.
    #[serde(default)]
    pub identity: ItemIdentity,
}

fn yes() -> bool {
    true
}

/// How a feed's items are told apart, for feeds whose GUIDs (or links)
/// cannot be trusted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemIdentity {
    /// The GUID, else the canonical link, else a hash of the content.
    #[default]
    Auto,
    /// The canonical link, else a hash of the content: for feeds whose
    /// GUIDs change between polls.
    Link,
    /// A hash of the title and content: for feeds that give every item the
    /// same link or GUID.
    Content,
}

/// What the fetcher knows about one feed after a poll, as a record of the
/// compacted fetcher state topic (keyed by the feed's URL): a fetcher that
/// takes the feed over (after a restart or a rebalance) starts from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FetcherCheckpoint {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// The feed's URL as configured (the record key).
    pub feed: String,
    /// Where the feed is fetched now: its URL, or where a permanent redirect
    /// moved it.
    pub location: String,
    /// When the checkpoint was taken; a later one supersedes it.
    pub at: DateTime<Utc>,
    /// The validators for the next conditional GET, kept apart.
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
    /// Failed polls in a row (the backoff grows with them).
    #[serde(default)]
    pub failures: u32,
    /// Polls in a row that brought nothing new (the interval grows with them).
    #[serde(default)]
    pub idle: u32,
    /// When the feed is due again.
    pub next_due: DateTime<Utc>,
    /// The server's freshness hint (Cache-Control max-age), in seconds.
    #[serde(default)]
    pub max_age_secs: Option<u64>,
    /// The feed's own refresh hint (ttl, sy:updatePeriod), in seconds.
    #[serde(default)]
    pub refresh_secs: Option<u64>,
    /// The items of the feed's latest document (at most the newest 200).
    #[serde(default)]
    pub items: Vec<CheckpointItem>,
}

/// One item of a feed as the fetcher last saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CheckpointItem {
    /// The article id of the item.
    pub id: String,
    /// The revision last published (0: none, the item had no text).
    pub revision: u32,
    /// The content hash of that revision.
    pub content_hash: String,
    /// A hash of what the feed said about the item; while it stays the same
    /// the page is not fetched again. Empty: check the item again.
    pub fingerprint: String,
    /// The item's link.
    #[serde(default)]
    pub link: Option<String>,
}
