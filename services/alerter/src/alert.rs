//! What an alert is and when one is due: events read from the two topics
//! become alerts (one per claim, one per claim→denial link), and [`Seen`]
//! decides which of them are new. I/O-free.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use claimwatch_shared::cloudevents::types;
use claimwatch_shared::events::{OfficialDenial, Refutation, UnverifiedClaim};
use claimwatch_shared::ids::hash_id;
use serde_json::Value;

/// The two kinds of alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    /// A new unverified claim.
    Claim,
    /// An official denial, of a known claim (a link) or of nothing known yet.
    Denial,
}

impl AlertKind {
    /// The name used in config (`events`), headers and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Claim => "claim",
            AlertKind::Denial => "denial",
        }
    }
}

/// An event as received: its bytes (sent as they are) and its JSON (for
/// templates), unknown newer fields included.
#[derive(Debug, Clone, PartialEq)]
pub struct RawEvent {
    pub value: Value,
    pub bytes: Vec<u8>,
}

/// One event read from the claims or denials topic, parsed once.
#[derive(Debug, Clone)]
pub enum Event {
    Claim {
        claim: Arc<UnverifiedClaim>,
        /// The payload as received, so unknown (newer) fields reach hooks.
        raw: Arc<RawEvent>,
    },
    Denial {
        denial: Arc<OfficialDenial>,
        raw: Arc<RawEvent>,
    },
}

/// Parses a record of the claims or denials topic. The topic decides the
/// type; a CloudEvents `ce_type` decides when the topic is neither (tests,
/// renamed topics).
pub fn parse_event(
    topic: &str,
    ce_type: Option<&str>,
    claims_topic: &str,
    denials_topic: &str,
    payload: &[u8],
) -> Result<Event, String> {
    let raw: Value =
        serde_json::from_slice(payload).map_err(|e| format!("not a JSON event: {e}"))?;
    let is_claim = if topic == claims_topic {
        true
    } else if topic == denials_topic {
        false
    } else {
        match ce_type {
            Some(types::CLAIM) => true,
            Some(types::DENIAL) => false,
            _ => return Err(format!("no alert type for a record of topic {topic}")),
        }
    };
    if is_claim {
        let claim: UnverifiedClaim = serde_json::from_value(raw.clone())
            .map_err(|e| format!("not an unverified-claim event: {e}"))?;
        Ok(Event::Claim {
            claim: Arc::new(claim),
            raw: Arc::new(RawEvent {
                value: raw,
                bytes: payload.to_vec(),
            }),
        })
    } else {
        let denial: OfficialDenial = serde_json::from_value(raw.clone())
            .map_err(|e| format!("not an official-denial event: {e}"))?;
        Ok(Event::Denial {
            denial: Arc::new(denial),
            raw: Arc::new(RawEvent {
                value: raw,
                bytes: payload.to_vec(),
            }),
        })
    }
}

/// One alert: what a hook is sent.
#[derive(Debug, Clone)]
pub struct Alert {
    /// Deterministic (a hash of [`Alert::key`]), so a receiver can drop
    /// repeats after a restart of the alerter.
    pub id: String,
    /// What makes two alerts the same alert: `claim:<claim id>`,
    /// `link:<claim id>:<denier>`, or `denial:<denial id>` for a denial that
    /// refutes nothing known yet.
    pub key: String,
    pub kind: AlertKind,
    /// The claim alerted on, or the claim a denial refutes when the alerter
    /// has seen it.
    pub claim: Option<Arc<UnverifiedClaim>>,
    pub denial: Option<Arc<OfficialDenial>>,
    /// For a link: the refutation it comes from.
    pub refutation: Option<Refutation>,
    /// The claim id a link points at, known even when the claim is not.
    pub claim_id: Option<String>,
    /// The event as received.
    pub event: Arc<RawEvent>,
}

impl Alert {
    /// The score filters compare: the claim's, or the denial's.
    pub fn score(&self) -> f32 {
        match (self.kind, &self.denial, &self.claim) {
            (AlertKind::Denial, Some(d), _) => d.score,
            (_, _, Some(c)) => c.score,
            _ => 0.0,
        }
    }

    /// The article to link to: the denial's, else the claim's first.
    pub fn article_url(&self) -> Option<&str> {
        match (&self.denial, &self.claim) {
            (Some(d), _) => d.article.url.as_deref(),
            (None, Some(c)) => c.appearances.first().and_then(|a| a.article.url.as_deref()),
            _ => None,
        }
    }
}

/// Normalises a party name for the link key, so "the Ministry" and "The
/// ministry " are one denier.
fn party_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn alert(key: String, kind: AlertKind, event: Arc<RawEvent>) -> Alert {
    Alert {
        id: hash_id("alert-", &[&key]),
        key,
        kind,
        claim: None,
        denial: None,
        refutation: None,
        claim_id: None,
        event,
    }
}

/// The alerts an event stands for, before deduplication: one per claim, one
/// per claim→denial link (keyed by claim and denier, so the same denial
/// reported by many articles is one link), or one for a denial that refutes
/// nothing known yet. `claims` resolves refuted claim ids to claims seen.
pub fn alerts_for(event: &Event, claims: &ClaimCache) -> Vec<Alert> {
    match event {
        Event::Claim { claim, raw } => {
            let mut a = alert(format!("claim:{}", claim.id), AlertKind::Claim, raw.clone());
            a.claim = Some(claim.clone());
            a.claim_id = Some(claim.id.clone());
            vec![a]
        }
        Event::Denial { denial, raw } => {
            if denial.refutes.is_empty() {
                let mut a = alert(
                    format!("denial:{}", denial.id),
                    AlertKind::Denial,
                    raw.clone(),
                );
                a.denial = Some(denial.clone());
                return vec![a];
            }
            let denier = party_key(&denial.denier.party.name);
            let mut out: Vec<Alert> = Vec::new();
            for r in &denial.refutes {
                let key = format!("link:{}:{denier}", r.claim_id);
                if out.iter().any(|a| a.key == key) {
                    continue;
                }
                let mut a = alert(key, AlertKind::Denial, raw.clone());
                a.denial = Some(denial.clone());
                a.claim = claims.get(&r.claim_id);
                a.claim_id = Some(r.claim_id.clone());
                a.refutation = Some(r.clone());
                out.push(a);
            }
            out
        }
    }
}

/// A set of keys with a bound: past `capacity`, the oldest key is forgotten
/// (and could alert again; far older than any re-emission in practice).
#[derive(Debug)]
pub struct Seen {
    keys: HashSet<String>,
    order: VecDeque<String>,
    capacity: usize,
}

impl Seen {
    pub fn new(capacity: usize) -> Self {
        Seen {
            keys: HashSet::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// Whether `key` is new; remembers it. This is the dedup decision.
    pub fn first_time(&mut self, key: &str) -> bool {
        if self.keys.contains(key) {
            return false;
        }
        if self.order.len() >= self.capacity {
            if let Some(old) = self.order.pop_front() {
                self.keys.remove(&old);
            }
        }
        self.keys.insert(key.to_string());
        self.order.push_back(key.to_string());
        true
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The claims seen recently, so a denial's alert can show the claim it
/// refutes. Bounded like [`Seen`]; the latest version of a claim wins.
#[derive(Debug)]
pub struct ClaimCache {
    claims: HashMap<String, Arc<UnverifiedClaim>>,
    order: VecDeque<String>,
    capacity: usize,
}

impl ClaimCache {
    pub fn new(capacity: usize) -> Self {
        ClaimCache {
            claims: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    pub fn insert(&mut self, claim: Arc<UnverifiedClaim>) {
        if self
            .claims
            .insert(claim.id.clone(), claim.clone())
            .is_none()
        {
            if self.order.len() >= self.capacity {
                if let Some(old) = self.order.pop_front() {
                    self.claims.remove(&old);
                }
            }
            self.order.push_back(claim.id.clone());
        }
    }

    pub fn get(&self, id: &str) -> Option<Arc<UnverifiedClaim>> {
        self.claims.get(id).cloned()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use claimwatch_shared::events::{
        Appearance, ArticleRef, Denier, Party, PartyType, SCHEMA_VERSION,
    };

    pub(crate) fn article(id: &str, feed: &str) -> ArticleRef {
        ArticleRef {
            id: id.into(),
            revision: 1,
            feed: feed.into(),
            url: Some(format!("https://news.example/{id}")),
            title: format!("Story {id}"),
            published: None,
        }
    }

    pub(crate) fn claim(id: &str, articles: &[&str]) -> UnverifiedClaim {
        let t = Utc.with_ymd_and_hms(2024, 6, 2, 10, 0, 0).unwrap();
        UnverifiedClaim {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            claimant: Party {
                name: "Rostamali Rafiei Atani".into(),
                role: Some("commander".into()),
                organisation: Some("IRGC".into()),
                kind: PartyType::Person,
            },
            content: "the US sent Iran a written message".into(),
            signals: vec![],
            score: 0.8,
            first_seen: t,
            appearances: articles
                .iter()
                .map(|a| Appearance {
                    article: article(a, "https://feeds.example/world.xml"),
                    statement: "s1".into(),
                    seen_at: t,
                })
                .collect(),
            terms: vec!["message".into()],
        }
    }

    pub(crate) fn denial(id: &str, refutes: &[&str]) -> OfficialDenial {
        OfficialDenial {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            denier: Denier {
                party: Party {
                    name: "the Biden administration".into(),
                    role: None,
                    organisation: Some("US government".into()),
                    kind: PartyType::Government,
                },
                official: true,
            },
            content: "the exchange did not happen".into(),
            signals: vec![],
            score: 0.9,
            refutes: refutes
                .iter()
                .map(|c| Refutation {
                    claim_id: c.to_string(),
                    score: 0.7,
                    evidence: vec!["coref".into()],
                })
                .collect(),
            article: article("a9", "https://feeds.example/us.xml"),
            statement: "s4".into(),
            seen_at: Utc.with_ymd_and_hms(2024, 6, 2, 12, 0, 0).unwrap(),
        }
    }

    pub(crate) fn claim_event(c: &UnverifiedClaim) -> Event {
        Event::Claim {
            claim: Arc::new(c.clone()),
            raw: Arc::new(RawEvent {
                value: serde_json::to_value(c).unwrap(),
                bytes: serde_json::to_vec(c).unwrap(),
            }),
        }
    }

    pub(crate) fn denial_event(d: &OfficialDenial) -> Event {
        Event::Denial {
            denial: Arc::new(d.clone()),
            raw: Arc::new(RawEvent {
                value: serde_json::to_value(d).unwrap(),
                bytes: serde_json::to_vec(d).unwrap(),
            }),
        }
    }

    /// The keys of the alerts `events` produce after dedup, in order.
    fn new_keys(events: &[Event]) -> Vec<String> {
        let mut seen = Seen::new(100);
        let mut cache = ClaimCache::new(100);
        let mut out = vec![];
        for e in events {
            if let Event::Claim { claim, .. } = e {
                cache.insert(claim.clone());
            }
            for a in alerts_for(e, &cache) {
                if seen.first_time(&a.key) {
                    out.push(a.key);
                }
            }
        }
        out
    }

    #[test]
    fn a_claim_alerts_once_however_many_appearances() {
        let keys = new_keys(&[
            claim_event(&claim("c1", &["a1"])),
            claim_event(&claim("c1", &["a1", "a2"])),
        ]);
        assert_eq!(keys, ["claim:c1"]);
    }

    #[test]
    fn a_denial_alerts_once_per_link_and_again_for_a_new_link() {
        let keys = new_keys(&[
            denial_event(&denial("d1", &[])),
            denial_event(&denial("d1", &["c1"])),
            denial_event(&denial("d1", &["c1"])),
            denial_event(&denial("d1", &["c1", "c2"])),
        ]);
        assert_eq!(
            keys,
            [
                "denial:d1",
                "link:c1:the biden administration",
                "link:c2:the biden administration"
            ]
        );
    }

    #[test]
    fn the_same_denial_in_another_article_is_the_same_link() {
        let keys = new_keys(&[
            denial_event(&denial("d1", &["c1"])),
            denial_event(&denial("d2-other-article", &["c1"])),
        ]);
        assert_eq!(keys, ["link:c1:the biden administration"]);
    }

    #[test]
    fn a_link_carries_the_claim_when_it_was_seen() {
        let mut cache = ClaimCache::new(10);
        cache.insert(Arc::new(claim("c1", &["a1"])));
        let alerts = alerts_for(&denial_event(&denial("d1", &["c1", "c404"])), &cache);
        assert_eq!(alerts.len(), 2);
        assert_eq!(alerts[0].claim.as_ref().unwrap().id, "c1");
        assert!(alerts[1].claim.is_none());
        assert_eq!(alerts[1].claim_id.as_deref(), Some("c404"));
        assert_ne!(alerts[0].id, alerts[1].id);
        assert_eq!(alerts[0].kind, AlertKind::Denial);
    }

    #[test]
    fn seen_is_bounded_and_forgets_the_oldest() {
        let mut s = Seen::new(2);
        assert!(s.first_time("a"));
        assert!(s.first_time("b"));
        assert!(!s.first_time("a"));
        assert!(s.first_time("c"));
        assert_eq!(s.len(), 2);
        assert!(s.first_time("a"));
    }

    #[test]
    fn events_parse_by_topic_or_cloudevents_type() {
        let c = serde_json::to_vec(&claim("c1", &["a1"])).unwrap();
        let d = serde_json::to_vec(&denial("d1", &["c1"])).unwrap();
        assert!(matches!(
            parse_event("x.claims", None, "x.claims", "x.denials", &c),
            Ok(Event::Claim { .. })
        ));
        assert!(matches!(
            parse_event("x.denials", None, "x.claims", "x.denials", &d),
            Ok(Event::Denial { .. })
        ));
        assert!(matches!(
            parse_event("other", Some(types::DENIAL), "x.claims", "x.denials", &d),
            Ok(Event::Denial { .. })
        ));
        assert!(parse_event("other", None, "x.claims", "x.denials", &d).is_err());
        let err = parse_event("x.claims", None, "x.claims", "x.denials", &d).unwrap_err();
        assert!(err.contains("unverified-claim"), "{err}");
        assert!(parse_event("x.claims", None, "x.claims", "x.denials", b"{").is_err());
    }

    #[test]
    fn unknown_fields_reach_the_raw_event() {
        let mut v = serde_json::to_value(claim("c1", &["a1"])).unwrap();
        v["added_later"] = Value::from(1);
        let bytes = serde_json::to_vec(&v).unwrap();
        let Ok(Event::Claim { raw, .. }) = parse_event("t", None, "t", "u", &bytes) else {
            panic!("a claim");
        };
        assert_eq!(raw.value["added_later"], 1);
        assert_eq!(raw.bytes, bytes);
    }
}
