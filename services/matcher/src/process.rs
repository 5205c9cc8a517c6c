//! The stateful matcher: per-article decisions plus the indexes of recent
//! claims and denials, turned into `UnverifiedClaim` and `OfficialDenial`
//! events. I/O-free: the stage loop feeds it records and publishes what it
//! returns.
//!
//! Invariants:
//! - ids are content hashes: a claim's id is the hash of its normalised
//!   claimant and its content's key terms, so the same claim seen in many
//!   articles keeps one id and a growing `appearances` list; a denial's id is
//!   the hash of its article id and its statement's content;
//! - processing the same input twice gives the same events (no duplicate
//!   appearance, no duplicate link);
//! - a denial's `refutes` list only grows: a later record with the same id
//!   supersedes the earlier one;
//! - memory is bounded: claims and denials older than the window are
//!   dropped, and at most [`MAX_ITEMS`] of each are kept.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{DateTime, Duration, Utc};
use claimwatch_shared::events::{
    Appearance, ArticleStatements, Denier, OfficialDenial, Party, PartyType, Refutation, Statement,
    UnverifiedClaim, SCHEMA_VERSION,
};
use claimwatch_shared::ids::hash_id;

use crate::decide::{decide, party_type, ClaimDecision, DenialDecision};
use crate::index::{Index, IndexConfig, Keys};
use crate::lexicon::{is_stopword, stem, tokens};

/// At most this many claims (and, separately, denials) are remembered.
pub const MAX_ITEMS: usize = 1_000_000;
/// At most this many claims from other articles are linked to one denial.
const MAX_CROSS_LINKS: usize = 3;
/// How many key terms make a claim's identity.
const ID_TERMS: usize = 12;

/// The matcher's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MatcherConfig {
    /// How long claims and denials stay linkable.
    pub window: Duration,
    /// The least score of a link between articles (0..=1).
    pub min_link_score: f32,
}

impl Default for MatcherConfig {
    fn default() -> Self {
        MatcherConfig {
            window: Duration::hours(72),
            min_link_score: 0.35,
        }
    }
}

/// One output of the matcher.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchEvent {
    Claim(UnverifiedClaim),
    Denial(OfficialDenial),
}

struct StoredDenial {
    event: OfficialDenial,
    /// Claim ids refuted in the denial's own article: never re-linked.
    last_seen: i64,
}

/// The stateful matcher. See the module docs.
pub struct Matcher {
    cfg: MatcherConfig,
    claims: HashMap<String, (UnverifiedClaim, i64)>,
    claim_order: VecDeque<(i64, String)>,
    claim_index: Index,
    denials: HashMap<String, StoredDenial>,
    denial_order: VecDeque<(i64, String)>,
    denial_index: Index,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("cfg", &self.cfg)
            .field("claims", &self.claims.len())
            .field("denials", &self.denials.len())
            .finish()
    }
}

/// The key terms, entities and party words of a claim or denial.
pub fn keys_for(content: &str, party: &str) -> Keys {
    let mut terms: Vec<String> = Vec::new();
    let mut entities: Vec<String> = Vec::new();
    for (i, t) in tokens(content, 0, content.len()).iter().enumerate() {
        if is_stopword(&t.norm) || t.norm.len() < 2 {
            continue;
        }
        let s = stem(&t.norm);
        if t.capital && i > 0 && !entities.contains(&s) {
            entities.push(s.clone());
        }
        if !terms.contains(&s) {
            terms.push(s);
        }
    }
    let party = tokens(party, 0, party.len())
        .into_iter()
        .filter(|t| !is_stopword(&t.norm))
        .map(|t| stem(&t.norm))
        .collect();
    Keys {
        terms,
        entities,
        party,
    }
}

/// The terms that make a claim's identity: entities first, then the longest
/// words, at most [`ID_TERMS`], sorted.
fn id_terms(keys: &Keys) -> Vec<String> {
    let mut ranked: Vec<&String> = keys.terms.iter().collect();
    ranked.sort_by(|a, b| {
        keys.entities
            .contains(b)
            .cmp(&keys.entities.contains(a))
            .then(b.len().cmp(&a.len()))
            .then(a.cmp(b))
    });
    let mut out: Vec<String> = ranked.into_iter().take(ID_TERMS).cloned().collect();
    out.sort();
    out
}

/// The possessive names before a reference noun in `sentence` ("Vosk's
/// remarks", "Rafiei's claims"): the name's stem, as the index keys party
/// words, and the phrase as written.
fn possessive_references(sentence: &str) -> Vec<(String, String)> {
    let toks = tokens(sentence, 0, sentence.len());
    let refs = &crate::lexicon::lexicons().references;
    let mut out: Vec<(String, String)> = Vec::new();
    for i in 1..toks.len() {
        let t = &toks[i - 1];
        if !t.capital || !t.norm.ends_with("'s") {
            continue;
        }
        let Some(noun) = refs.at(&toks, i, "noun") else {
            continue;
        };
        let owner = stem(&t.norm);
        if is_stopword(&owner) || out.iter().any(|o| o.0 == owner) {
            continue;
        }
        let phrase = sentence[t.start..toks[noun.end - 1].end].to_string();
        out.push((owner, phrase));
    }
    // "a report by the Harbin Post", "claims from Vosk": the name after
    // the noun.
    for i in 0..toks.len() {
        let Some(noun) = refs.at(&toks, i, "claim-noun") else {
            continue;
        };
        let Some(p) = toks.get(noun.end) else {
            continue;
        };
        if !matches!(p.norm.as_str(), "by" | "in" | "from") {
            continue;
        }
        let name = toks[noun.end + 1..]
            .iter()
            .skip_while(|t| t.norm == "the")
            .take_while(|t| t.capital)
            .find(|t| !is_stopword(&t.norm));
        let Some(n) = name else {
            continue;
        };
        let owner = stem(&n.norm);
        if out.iter().any(|o| o.0 == owner) {
            continue;
        }
        let phrase = sentence[toks[i].start..n.end].to_string();
        out.push((owner, phrase));
    }
    out
}

fn normalised(name: &str) -> String {
    tokens(name, 0, name.len())
        .into_iter()
        .filter(|t| !is_stopword(&t.norm))
        .map(|t| t.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

fn statement_text(text: &str, st: &Statement) -> String {
    match &st.content {
        Some(c) => text[c.start..c.end].to_string(),
        None => text[st.sentence.start..st.sentence.end].to_string(),
    }
}

fn claimant_of(text: &str, d: &ClaimDecision, st: &Statement) -> Party {
    if let Some(name) = &d.claimant {
        let toks = tokens(name, 0, name.len());
        let outlet = !crate::lexicon::lexicons()
            .sources
            .find(&toks, Some("outlet"))
            .is_empty();
        return Party {
            name: name.clone(),
            role: None,
            organisation: None,
            kind: if outlet {
                PartyType::MediaOutlet
            } else {
                PartyType::Unknown
            },
        };
    }
    match &st.speaker {
        Some(sp) => Party {
            name: sp.name.clone(),
            role: sp.role.clone(),
            organisation: sp.organisation.clone(),
            kind: match sp.kind {
                PartyType::Unknown => party_type(text, sp),
                k => k,
            },
        },
        None => Party {
            name: "unattributed".into(),
            role: None,
            organisation: None,
            kind: PartyType::Unknown,
        },
    }
}

impl Matcher {
    pub fn new(cfg: MatcherConfig) -> Self {
        let icfg = IndexConfig {
            window: cfg.window,
            max_items: MAX_ITEMS,
            ..IndexConfig::default()
        };
        Matcher {
            cfg,
            claims: HashMap::new(),
            claim_order: VecDeque::new(),
            claim_index: Index::new(icfg.clone()),
            denials: HashMap::new(),
            denial_order: VecDeque::new(),
            denial_index: Index::new(icfg),
        }
    }

    /// How many claims and denials are remembered.
    pub fn sizes(&self) -> (usize, usize) {
        (self.claims.len(), self.denials.len())
    }

    fn expire(&mut self, now: DateTime<Utc>) {
        let cutoff = (now - self.cfg.window).timestamp();
        self.claim_index.expire(now);
        self.denial_index.expire(now);
        while let Some((t, id)) = self.claim_order.front().cloned() {
            if t >= cutoff && self.claims.len() <= MAX_ITEMS {
                break;
            }
            self.claim_order.pop_front();
            if self.claims.get(&id).is_some_and(|c| c.1 <= t) {
                self.claims.remove(&id);
                self.claim_index.remove(&id);
            }
        }
        while let Some((t, id)) = self.denial_order.front().cloned() {
            if t >= cutoff && self.denials.len() <= MAX_ITEMS {
                break;
            }
            self.denial_order.pop_front();
            if self.denials.get(&id).is_some_and(|d| d.last_seen <= t) {
                self.denials.remove(&id);
                self.denial_index.remove(&id);
            }
        }
    }

    /// Adds a claim to the index: a new one, or one with new appearances
    /// merged in. Returns the stored claim and whether it changed.
    fn upsert_claim(
        &mut self,
        claim: UnverifiedClaim,
        now: DateTime<Utc>,
    ) -> (UnverifiedClaim, bool) {
        let ts = now.timestamp();
        let (stored, changed) = match self.claims.get_mut(&claim.id) {
            Some((existing, last)) => {
                let mut changed = false;
                for a in claim.appearances {
                    if !existing
                        .appearances
                        .iter()
                        .any(|x| x.article.id == a.article.id)
                    {
                        existing.appearances.push(a);
                        changed = true;
                    }
                }
                if claim.score > existing.score {
                    existing.score = claim.score;
                    existing.signals = claim.signals;
                }
                *last = ts;
                (existing.clone(), changed)
            }
            None => {
                self.claims.insert(claim.id.clone(), (claim.clone(), ts));
                (claim, true)
            }
        };
        let keys = keys_for(&stored.content, &stored.claimant.name);
        self.claim_index.insert(&stored.id, &keys, now);
        self.claim_order.push_back((ts, stored.id.clone()));
        (stored, changed)
    }

    /// Adds a claim published elsewhere (read back from the claims topic on
    /// start, or by another replica) to the index.
    pub fn remember(&mut self, claim: &UnverifiedClaim) {
        let seen = claim
            .appearances
            .iter()
            .map(|a| a.seen_at)
            .max()
            .unwrap_or(claim.first_seen);
        self.upsert_claim(claim.clone(), seen);
    }

    /// Adds a denial published elsewhere (by another replica, or read back
    /// on start) so that a claim arriving later can still be linked to it:
    /// whichever replica sees that claim re-emits the denial. Links merge
    /// (never dropped); nothing is emitted here.
    pub fn remember_denial(&mut self, denial: &OfficialDenial) {
        let now = denial.seen_at;
        let ts = now.timestamp();
        let mut event = denial.clone();
        if let Some(prev) = self.denials.get(&denial.id) {
            for r in &prev.event.refutes {
                if !event.refutes.iter().any(|x| x.claim_id == r.claim_id) {
                    event.refutes.push(r.clone());
                }
            }
        }
        let mut query = keys_for(&denial.content, "");
        query.party = query.entities.clone();
        self.denial_index.insert(&denial.id, &query, now);
        self.denial_order.push_back((ts, denial.id.clone()));
        self.denials.insert(
            denial.id.clone(),
            StoredDenial {
                event,
                last_seen: ts,
            },
        );
    }

    /// Events for one article revision: its claims (new ones, and known ones
    /// with the new appearance added), its denials with `refutes` (links
    /// within the article and to indexed claims from other articles), and,
    /// when a claim arrives after a denial that refutes it, that denial
    /// again with the new link (same denial id, longer refutes list).
    pub fn process(&mut self, input: &ArticleStatements, now: DateTime<Utc>) -> Vec<MatchEvent> {
        self.expire(now);
        let text = &input.text;
        let by_id: HashMap<&str, &Statement> = input
            .statements
            .iter()
            .filter(|s| crate::decide::spans_fit(text, s))
            .map(|s| (s.id.as_str(), s))
            .collect();
        let decisions = decide(text, &input.statements);
        let mut events = Vec::new();

        // Claims. A statement may carry one claim of its own and an embedded
        // one; links point at the embedded one when the statement is a denial.
        let mut claim_of_statement: HashMap<String, String> = HashMap::new();
        let mut article_claims: HashSet<String> = HashSet::new();
        let mut touched: Vec<UnverifiedClaim> = Vec::new();
        for d in &decisions.claims {
            let Some(st) = by_id.get(d.statement.as_str()) else {
                continue;
            };
            let claimant = claimant_of(text, d, st);
            let content = match &d.span {
                Some(s) => s.text.clone(),
                None => statement_text(text, st),
            };
            let keys = keys_for(&content, &claimant.name);
            let terms = id_terms(&keys);
            let id = hash_id("clm-", &[&normalised(&claimant.name), &terms.join(" ")]);
            let claim = UnverifiedClaim {
                schema_version: SCHEMA_VERSION,
                id: id.clone(),
                claimant,
                content,
                signals: d.signals.clone(),
                score: d.score,
                first_seen: now,
                appearances: vec![Appearance {
                    article: input.article.clone(),
                    statement: d.statement.clone(),
                    seen_at: now,
                }],
                terms,
            };
            let (stored, _changed) = self.upsert_claim(claim, now);
            claim_of_statement.insert(d.statement.clone(), id.clone());
            article_claims.insert(id);
            events.push(MatchEvent::Claim(stored.clone()));
            touched.push(stored);
        }

        // Denials of this article, linked locally and across articles.
        for d in &decisions.denials {
            let Some(st) = by_id.get(d.statement.as_str()) else {
                continue;
            };
            let event = self.denial_event(input, st, d, &claim_of_statement, &article_claims, now);
            events.push(MatchEvent::Denial(event));
        }

        // Claims that arrive after a denial from another article.
        let mut relinked: Vec<String> = Vec::new();
        for claim in &touched {
            let keys = keys_for(&claim.content, &claim.claimant.name);
            let query = Keys {
                party: Vec::new(),
                ..keys
            };
            let hits =
                self.denial_index
                    .lookup(&query, now, self.cfg.min_link_score, MAX_CROSS_LINKS);
            for h in hits {
                let Some(stored) = self.denials.get_mut(&h.id) else {
                    continue;
                };
                if stored.event.article.id == input.article.id
                    || stored.event.refutes.iter().any(|r| r.claim_id == claim.id)
                    || normalised(&stored.event.denier.party.name)
                        == normalised(&claim.claimant.name)
                {
                    continue;
                }
                stored.event.refutes.push(Refutation {
                    claim_id: claim.id.clone(),
                    score: h.score,
                    evidence: vec![format!("later claim shares: {}", h.shared.join(", "))],
                });
                if !relinked.contains(&h.id) {
                    relinked.push(h.id.clone());
                }
            }
        }
        for id in relinked {
            if let Some(stored) = self.denials.get(&id) {
                events.push(MatchEvent::Denial(stored.event.clone()));
            }
        }
        events
    }

    fn denial_event(
        &mut self,
        input: &ArticleStatements,
        st: &Statement,
        d: &DenialDecision,
        claim_of_statement: &HashMap<String, String>,
        article_claims: &HashSet<String>,
        now: DateTime<Utc>,
    ) -> OfficialDenial {
        let text = &input.text;
        let content = statement_text(text, st);
        let id = hash_id("den-", &[&input.article.id, &content]);
        let denier = match &st.speaker {
            Some(sp) => Party {
                name: sp.name.clone(),
                role: sp.role.clone(),
                organisation: sp.organisation.clone(),
                kind: d.denier_type,
            },
            None => Party {
                name: "unattributed".into(),
                role: None,
                organisation: None,
                kind: d.denier_type,
            },
        };
        let mut refutes: Vec<Refutation> = Vec::new();
        for l in &d.refutes {
            if let Some(cid) = claim_of_statement.get(&l.statement) {
                if !refutes.iter().any(|r| &r.claim_id == cid) {
                    refutes.push(Refutation {
                        claim_id: cid.clone(),
                        score: l.score,
                        evidence: l.evidence.clone(),
                    });
                }
            }
        }
        // Across articles: the denial's sentence names the claim's parties
        // and terms ("rejected Rafiei's remarks").
        let sentence = &text[st.sentence.start..st.sentence.end];
        let mut query = keys_for(&format!("{content} {sentence}"), "");
        query.party = query.entities.clone();
        let hits =
            self.claim_index
                .lookup(&query, now, self.cfg.min_link_score, MAX_CROSS_LINKS + 8);
        let denier_norm = normalised(&denier.name);
        let mut cross = 0;
        for h in hits {
            if cross >= MAX_CROSS_LINKS {
                break;
            }
            if article_claims.contains(&h.id) || refutes.iter().any(|r| r.claim_id == h.id) {
                continue;
            }
            let Some((claim, _)) = self.claims.get(&h.id) else {
                continue;
            };
            if normalised(&claim.claimant.name) == denier_norm {
                continue;
            }
            refutes.push(Refutation {
                claim_id: h.id.clone(),
                score: h.score,
                evidence: vec![format!("indexed claim shares: {}", h.shared.join(", "))],
            });
            cross += 1;
        }
        // "rejected Vosk's remarks": a possessive name before a reference
        // noun names the claimant; with nothing else shared, the newest
        // claim of that claimant in the window is the one answered.
        for (owner, phrase) in possessive_references(sentence) {
            if cross >= MAX_CROSS_LINKS || denier_norm.contains(&owner) {
                continue;
            }
            for id in self.claim_index.newest_with_party(&owner, now, 1) {
                if article_claims.contains(&id) || refutes.iter().any(|r| r.claim_id == id) {
                    continue;
                }
                let Some((claim, _)) = self.claims.get(&id) else {
                    continue;
                };
                if normalised(&claim.claimant.name) == denier_norm {
                    continue;
                }
                refutes.push(Refutation {
                    claim_id: id,
                    score: 0.6,
                    evidence: vec![format!("reference to the claimant: {phrase}")],
                });
                cross += 1;
            }
        }
        // Monotonic: never drop a link an earlier record carried.
        let ts = now.timestamp();
        if let Some(prev) = self.denials.get(&id) {
            for r in &prev.event.refutes {
                if !refutes.iter().any(|x| x.claim_id == r.claim_id) {
                    refutes.push(r.clone());
                }
            }
        }
        let seen_at = self
            .denials
            .get(&id)
            .map(|p| p.event.seen_at)
            .unwrap_or(now);
        let event = OfficialDenial {
            schema_version: SCHEMA_VERSION,
            id: id.clone(),
            denier: Denier {
                party: denier,
                official: d.official,
            },
            content: content.clone(),
            signals: d.signals.clone(),
            score: d.score,
            refutes,
            article: input.article.clone(),
            statement: d.statement.clone(),
            seen_at,
        };
        self.denial_index.insert(&id, &query, now);
        self.denial_order.push_back((ts, id.clone()));
        self.denials.insert(
            id,
            StoredDenial {
                event: event.clone(),
                last_seen: ts,
            },
        );
        event
    }
}

#[cfg(test)]
mod tests;
