//! The matcher stage: `ArticleStatements` records in; unverified-claim and
//! official-denial events out, each keyed by claim id so that a claim and its
//! denials stay in order on one partition.

use chrono::Utc;
use claimwatch_shared::bus::Message;
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::events::{ArticleStatements, OfficialDenial, UnverifiedClaim};
use claimwatch_shared::ids::hash_id;
use claimwatch_shared::stage::{Process, Rejection};
use claimwatch_shared::topics::Topics;

use tokio::sync::mpsc;

use crate::process::{MatchEvent, Matcher};

/// The matcher's [`Process`].
pub struct MatcherStage {
    matcher: Matcher,
    topics: Topics,
    /// Claims and denials published by other replicas, added to the
    /// indexes before each record is matched.
    updates: Option<mpsc::Receiver<Update>>,
}

impl MatcherStage {
    pub fn new(matcher: Matcher, topics: Topics) -> Self {
        MatcherStage {
            matcher,
            topics,
            updates: None,
        }
    }

    /// Events from `updates` join the indexes before each record is matched.
    pub fn with_updates(mut self, updates: mpsc::Receiver<Update>) -> Self {
        self.updates = Some(updates);
        self
    }

    /// Rebuilds the indexes from records read back from the claims and
    /// denials topics; records that do not parse are skipped with a warning.
    pub fn restore(&mut self, records: &[Message]) -> usize {
        let mut n = 0;
        for r in records {
            match Update::from_message(r, &self.topics) {
                Ok(u) => {
                    self.apply(u);
                    n += 1;
                }
                Err(e) => tracing::warn!(error = %e, "Skipping a record that does not parse."),
            }
        }
        n
    }

    fn apply(&mut self, u: Update) {
        match u {
            Update::Claim(c) => self.matcher.remember(&c),
            Update::Denial(d) => self.matcher.remember_denial(&d),
        }
    }
}

/// A claim or denial read back from the output topics.
pub enum Update {
    Claim(UnverifiedClaim),
    Denial(OfficialDenial),
}

impl Update {
    /// The event of a record of the claims or denials topic.
    pub fn from_message(m: &Message, topics: &Topics) -> Result<Update, serde_json::Error> {
        if m.topic == topics.denials {
            serde_json::from_slice(&m.payload).map(Update::Denial)
        } else {
            serde_json::from_slice(&m.payload).map(Update::Claim)
        }
    }
}

/// The record of one matcher event on its topic. The CloudEvents id covers
/// the event's content, so a replayed input yields the same id while an
/// update (a new appearance, a new link) gets a new one.
pub fn event_message(event: &MatchEvent, topics: &Topics) -> Message {
    let source = "/claimwatch/matcher";
    match event {
        MatchEvent::Claim(c) => {
            let last = c
                .appearances
                .last()
                .map(|a| format!("{}#{}", a.article.id, a.article.revision))
                .unwrap_or_default();
            let ce_id = hash_id("ce-", &[&c.id, &c.appearances.len().to_string(), &last]);
            Message::event(
                &topics.claims,
                &c.id,
                &ce_id,
                types::CLAIM,
                source,
                c.first_seen,
                c,
            )
        }
        MatchEvent::Denial(d) => {
            let links: Vec<&str> = d.refutes.iter().map(|r| r.claim_id.as_str()).collect();
            let ce_id = hash_id("ce-", &[&d.id, &links.join(",")]);
            Message::event(
                &topics.denials,
                d.key(),
                &ce_id,
                types::DENIAL,
                source,
                d.seen_at,
                d,
            )
        }
    }
}

impl Process for MatcherStage {
    fn name(&self) -> &'static str {
        "matcher"
    }

    fn process(&mut self, input: &Message) -> Result<Vec<Message>, Rejection> {
        let stmts: ArticleStatements = serde_json::from_slice(&input.payload)
            .map_err(|e| Rejection(format!("not a statements event: {e}")))?;
        for s in &stmts.statements {
            for sp in [s.content.as_ref(), s.cue.as_ref().map(|c| &c.span)]
                .into_iter()
                .flatten()
            {
                if stmts.text.get(sp.start..sp.end) != Some(sp.text.as_str()) {
                    return Err(Rejection(format!(
                        "statement {} has a span {}..{} that does not match the text",
                        s.id, sp.start, sp.end
                    )));
                }
            }
        }
        if let Some(rx) = &mut self.updates {
            let mut pending = Vec::new();
            while let Ok(u) = rx.try_recv() {
                pending.push(u);
            }
            for u in pending {
                self.apply(u);
            }
        }
        let events = self.matcher.process(&stmts, Utc::now());
        Ok(events
            .iter()
            .map(|e| event_message(e, &self.topics))
            .collect())
    }
}
