//! An inverted index of recent items (claims, or denials waiting for a late
//! claim) by key terms, entities and party names, for linking across
//! articles.
//!
//! Bounded: items older than the window are dropped, and at most
//! `max_items` are kept (oldest evicted first). Fast: a lookup walks only
//! the posting lists of the query's rarest terms (at most eight), newest
//! first, at most `max_scan` entries of each and three `max_scan`s in all,
//! so a very common term cannot make a lookup slow (rare terms, the ones
//! that identify a claim, have short lists); and it compares all keys of
//! at most 512 candidates, the best by those rare terms.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Duration, Utc};

/// Limits of an [`Index`].
#[derive(Debug, Clone, PartialEq)]
pub struct IndexConfig {
    /// Items older than this (by `seen`) are not returned and get dropped.
    pub window: Duration,
    /// At most this many items are kept; the oldest go first.
    pub max_items: usize,
    /// At most this many entries of one posting list are scanned per lookup.
    pub max_scan: usize,
}

impl Default for IndexConfig {
    fn default() -> Self {
        IndexConfig {
            window: Duration::hours(72),
            max_items: 2_000_000,
            max_scan: 1_024,
        }
    }
}

/// What an item is indexed under. Each kind weighs differently in a lookup:
/// a shared party name or entity says more than a shared common word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keys {
    /// Content terms (stems).
    pub terms: Vec<String>,
    /// Names of people, places, organisations in the content (stems).
    pub entities: Vec<String>,
    /// The claimant's (or denier's) name words (stems).
    pub party: Vec<String>,
}

/// A lookup result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    /// The idf-weighted share of the query's keys the item also has, 0..=1.
    pub score: f32,
    /// The keys both share, for the link's evidence.
    pub shared: Vec<String>,
}

/// At most this many of a query's keys, the rarest, seed candidates.
const MAX_SEEDS: usize = 8;
/// A lookup reads at most this many `max_scan`s of postings in all.
const SCAN_BUDGET_LISTS: usize = 3;
/// At most this many candidates of a lookup have all their keys compared.
const MAX_CANDIDATES: usize = 512;

const TERM: u8 = 0;
const ENTITY: u8 = 1;
const PARTY: u8 = 2;

fn weight_of(kind: u8) -> f32 {
    match kind {
        TERM => 1.0,
        ENTITY => 1.5,
        _ => 1.2,
    }
}

struct Term {
    key: Box<str>,
    kind: u8,
    /// Postings, oldest first.
    postings: Vec<Posting>,
    /// How many postings point at evicted items.
    stale: u32,
}

/// One entry of a posting list. It carries the item's time (minutes since
/// the epoch) so that a lookup can skip items outside the window without
/// touching their slot, which is a cache miss.
#[derive(Clone, Copy)]
struct Posting {
    slot: u32,
    generation: u32,
    minute: u32,
}

fn minute_of(secs: i64) -> u32 {
    (secs.max(0) / 60).min(u32::MAX as i64) as u32
}

struct Slot {
    id: Box<str>,
    terms: Box<[u32]>,
    seen: i64,
    generation: u32,
    live: bool,
}

/// The inverted index. See the module docs.
pub struct Index {
    cfg: IndexConfig,
    /// Term ids by key, one map per kind (term, entity, party).
    vocab: [HashMap<Box<str>, u32>; 3],
    terms: Vec<Term>,
    free_terms: Vec<u32>,
    slots: Vec<Slot>,
    free_slots: Vec<u32>,
    by_id: HashMap<Box<str>, u32>,
    /// Slots in insertion order, for eviction.
    order: VecDeque<(u32, u32)>,
    live: usize,
    /// The per-lookup accumulator, kept between lookups: allocating and
    /// freeing a map of thousands of candidates each time makes the
    /// allocator consolidate its free lists, the main cause of slow
    /// lookups.
    scratch: std::sync::Mutex<Accumulator>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("items", &self.live)
            .field("terms", &self.vocab.iter().map(HashMap::len).sum::<usize>())
            .finish()
    }
}

impl Index {
    pub fn new(cfg: IndexConfig) -> Self {
        Index {
            cfg,
            vocab: Default::default(),
            terms: Vec::new(),
            free_terms: Vec::new(),
            slots: Vec::new(),
            free_slots: Vec::new(),
            by_id: HashMap::new(),
            order: VecDeque::new(),
            live: 0,
            scratch: Default::default(),
        }
    }

    /// How many items are indexed.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Whether `id` is indexed.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// An estimate of the heap bytes held, for the benchmark's
    /// memory-per-item figure.
    pub fn heap_bytes(&self) -> usize {
        let slots: usize = self
            .slots
            .iter()
            .map(|s| std::mem::size_of::<Slot>() + s.id.len() + 4 * s.terms.len())
            .sum();
        let terms: usize = self
            .terms
            .iter()
            .map(|t| {
                std::mem::size_of::<Term>()
                    + t.key.len()
                    + std::mem::size_of::<Posting>() * t.postings.capacity()
            })
            .sum();
        let maps =
            (self.vocab.iter().map(HashMap::capacity).sum::<usize>() + self.by_id.capacity()) * 24
                + self.by_id.keys().map(|k| k.len()).sum::<usize>()
                + self
                    .vocab
                    .iter()
                    .flat_map(HashMap::keys)
                    .map(|k| k.len())
                    .sum::<usize>();
        slots + terms + maps + self.order.capacity() * 8
    }

    /// Adds (or refreshes) `id`, seen at `seen`, under `keys`. Re-inserting
    /// an id replaces its keys and time.
    pub fn insert(&mut self, id: &str, keys: &Keys, seen: DateTime<Utc>) {
        if self.by_id.contains_key(id) {
            self.remove(id);
        }
        while self.live >= self.cfg.max_items {
            if !self.evict_oldest() {
                break;
            }
        }
        let mut tids: Vec<u32> = Vec::new();
        for (kind, list) in [
            (TERM, &keys.terms),
            (ENTITY, &keys.entities),
            (PARTY, &keys.party),
        ] {
            for k in list {
                let tid = self.term_id(kind, k);
                if !tids.contains(&tid) {
                    tids.push(tid);
                }
            }
        }
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.slots.push(Slot {
                    id: "".into(),
                    terms: Box::new([]),
                    seen: 0,
                    generation: 0,
                    live: false,
                });
                (self.slots.len() - 1) as u32
            }
        };
        let s = &mut self.slots[slot as usize];
        s.generation = s.generation.wrapping_add(1);
        s.id = id.into();
        s.seen = seen.timestamp();
        s.live = true;
        let generation = s.generation;
        let minute = minute_of(seen.timestamp());
        for &t in &tids {
            self.terms[t as usize].postings.push(Posting {
                slot,
                generation,
                minute,
            });
        }
        self.slots[slot as usize].terms = tids.into_boxed_slice();
        self.by_id.insert(id.into(), slot);
        self.order.push_back((slot, generation));
        self.live += 1;
    }

    /// Removes `id`, if present.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(slot) = self.by_id.remove(id) else {
            return false;
        };
        self.kill(slot);
        true
    }

    /// Drops every item seen before `now - window`.
    pub fn expire(&mut self, now: DateTime<Utc>) {
        let cutoff = (now - self.cfg.window).timestamp();
        while let Some(&(slot, generation)) = self.order.front() {
            let s = &self.slots[slot as usize];
            if !s.live || s.generation != generation {
                self.order.pop_front();
                continue;
            }
            if s.seen >= cutoff {
                break;
            }
            self.order.pop_front();
            let id = s.id.clone();
            self.by_id.remove(&id);
            self.kill(slot);
        }
    }

    fn evict_oldest(&mut self) -> bool {
        while let Some((slot, generation)) = self.order.pop_front() {
            let s = &self.slots[slot as usize];
            if s.live && s.generation == generation {
                let id = s.id.clone();
                self.by_id.remove(&id);
                self.kill(slot);
                return true;
            }
        }
        false
    }

    fn kill(&mut self, slot: u32) {
        let s = &mut self.slots[slot as usize];
        if !s.live {
            return;
        }
        s.live = false;
        s.id = "".into();
        let tids = std::mem::take(&mut s.terms);
        for t in tids.iter() {
            let term = &mut self.terms[*t as usize];
            term.stale += 1;
            if term.stale as usize * 2 >= term.postings.len() {
                let slots = &self.slots;
                term.postings.retain(|p| {
                    let s = &slots[p.slot as usize];
                    s.live && s.generation == p.generation
                });
                term.stale = 0;
                if term.postings.is_empty() {
                    let key = std::mem::take(&mut term.key);
                    self.vocab[term.kind as usize].remove(&key);
                    term.postings = Vec::new();
                    self.free_terms.push(*t);
                }
            }
        }
        self.free_slots.push(slot);
        self.live -= 1;
    }

    fn term_id(&mut self, kind: u8, key: &str) -> u32 {
        if let Some(&t) = self.vocab[kind as usize].get(key) {
            return t;
        }
        let term = Term {
            key: key.into(),
            kind,
            postings: Vec::new(),
            stale: 0,
        };
        let t = match self.free_terms.pop() {
            Some(t) => {
                self.terms[t as usize] = term;
                t
            }
            None => {
                self.terms.push(term);
                (self.terms.len() - 1) as u32
            }
        };
        self.vocab[kind as usize].insert(key.into(), t);
        t
    }

    /// The newest items indexed under the party key `key` (a stemmed name
    /// word), seen within the window before `now`: at most `limit`, newest
    /// first. For a denial that names the claimant and nothing else of the
    /// claim ("rejected Vosk's remarks").
    pub fn newest_with_party(&self, key: &str, now: DateTime<Utc>, limit: usize) -> Vec<String> {
        let cutoff = minute_of((now - self.cfg.window).timestamp());
        let latest = minute_of(now.timestamp()) + 1;
        let Some(&t) = self.vocab[PARTY as usize].get(key) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for p in self.terms[t as usize].postings.iter().rev() {
            if out.len() >= limit {
                break;
            }
            if p.minute < cutoff || p.minute > latest {
                continue;
            }
            let s = &self.slots[p.slot as usize];
            if s.live && s.generation == p.generation && !out.iter().any(|x| **x == *s.id) {
                out.push(s.id.to_string());
            }
        }
        out
    }

    /// The items sharing keys with `query`, seen within the window before
    /// `now`, best first, with score at least `min_score`; at most `limit`.
    ///
    /// Candidates come from the posting lists of the query's discriminative
    /// keys (at most `max_scan` items each, newest first); keys shared by
    /// more items than that are too common to find a claim by, so they only
    /// add to the score of candidates found otherwise.
    pub fn lookup(
        &self,
        query: &Keys,
        now: DateTime<Utc>,
        min_score: f32,
        limit: usize,
    ) -> Vec<Hit> {
        let cutoff = minute_of((now - self.cfg.window).timestamp());
        let latest = minute_of(now.timestamp()) + 1;
        let n = self.live.max(1) as f32;
        // (term id, weight, live document frequency)
        let mut qterms: Vec<(u32, f32, usize)> = Vec::new();
        let mut total = 0.0f32;
        for (kind, list) in [
            (TERM, &query.terms),
            (ENTITY, &query.entities),
            (PARTY, &query.party),
        ] {
            for k in list {
                match self.vocab[kind as usize].get(k.as_str()) {
                    Some(&t) if !qterms.iter().any(|q| q.0 == t) => {
                        let term = &self.terms[t as usize];
                        let df = term
                            .postings
                            .len()
                            .saturating_sub(term.stale as usize)
                            .max(1);
                        let w = weight_of(kind) * (1.0 + n / df as f32).ln();
                        qterms.push((t, w, df));
                        total += w;
                    }
                    Some(_) => {}
                    // Unknown keys still count in the denominator: a query
                    // whose keys mostly match nothing is a weak match.
                    None => total += weight_of(kind) * (1.0 + n).ln(),
                }
            }
        }
        if qterms.is_empty() || total <= 0.0 {
            return Vec::new();
        }
        qterms.sort_by_key(|q| q.2);
        let rare: Vec<&(u32, f32, usize)> =
            qterms.iter().filter(|q| q.2 <= self.cfg.max_scan).collect();
        // If every key is common, fall back to the newest items of the
        // rarest ones.
        // Only the rarest keys seed candidates (they identify a claim; the
        // others only add to the score), which bounds a lookup's work.
        let seeds: Vec<&(u32, f32, usize)> = if rare.is_empty() {
            qterms.iter().take(2).collect()
        } else {
            rare.into_iter().take(MAX_SEEDS).collect()
        };
        let seed_ids: Vec<u32> = seeds.iter().map(|q| q.0).collect();
        let common_weight: f32 = qterms
            .iter()
            .filter(|q| !seed_ids.contains(&q.0))
            .map(|q| q.1)
            .sum();
        let mut acc = self
            .scratch
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        acc.clear();
        // A map grown by an unusual query is not kept at that size.
        if acc.capacity() > 1 << 16 {
            acc.shrink_to(1 << 12);
        }
        // Rarest first, and at most a few lists' worth of postings in all:
        // the rare keys are read whole, a common one only in part.
        let mut budget = SCAN_BUDGET_LISTS * self.cfg.max_scan;
        for &&(t, w, _) in &seeds {
            let postings = &self.terms[t as usize].postings;
            let take = self.cfg.max_scan.min(budget);
            budget -= take.min(postings.len());
            for p in postings.iter().rev().take(take) {
                if p.minute < cutoff || p.minute > latest {
                    continue;
                }
                let e = acc
                    .entry(p.slot)
                    .or_insert((0.0, 0, p.generation, p.minute));
                e.0 += w;
                e.1 += 1;
            }
        }
        let floor = min_score * total;
        let mut hits: Vec<(u32, f32)> = Vec::new();
        // Cheap tests first: a candidate needs two shared keys, and even
        // every common key must be able to lift it over the floor.
        let mut cands: Vec<(u32, f32, u32, u32, u32)> = acc
            .iter()
            .filter(|(_, v)| !((v.1 < 2 && seeds.len() >= 2) || v.0 + common_weight < floor))
            .map(|(&slot, &(w, count, generation, minute))| (slot, w, count, generation, minute))
            .collect();
        drop(acc);
        // Reading a candidate's keys is a cache miss: only the best by the
        // seed keys (the newest of equals) are read.
        if cands.len() > MAX_CANDIDATES {
            cands.select_nth_unstable_by(MAX_CANDIDATES, |a, b| {
                b.1.total_cmp(&a.1).then(b.4.cmp(&a.4)).then(a.0.cmp(&b.0))
            });
            cands.truncate(MAX_CANDIDATES);
        }
        for (slot, mut w, mut count, generation, _) in cands {
            let s = &self.slots[slot as usize];
            if !s.live || s.generation != generation {
                continue;
            }
            if common_weight > 0.0 {
                for st in s.terms.iter() {
                    if seed_ids.contains(st) {
                        continue;
                    }
                    if let Some(q) = qterms.iter().find(|q| q.0 == *st) {
                        w += q.1;
                        count += 1;
                    }
                }
            }
            if count >= 2 && w >= floor {
                hits.push((slot, w / total));
            }
        }
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(limit);
        hits.into_iter()
            .map(|(slot, score)| {
                let s = &self.slots[slot as usize];
                let shared = s
                    .terms
                    .iter()
                    .filter(|t| qterms.iter().any(|q| q.0 == **t))
                    .map(|t| self.terms[*t as usize].key.to_string())
                    .collect();
                Hit {
                    id: s.id.to_string(),
                    score: score.min(1.0),
                    shared,
                }
            })
            .collect()
    }
}

/// A small multiplicative hasher for the per-lookup accumulator, whose keys
/// are slot numbers: SipHash's DoS resistance buys nothing there.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type BuildFx = std::hash::BuildHasherDefault<Fx>;

/// Candidates of a lookup by slot: (seed weight, seed keys shared,
/// generation, newest minute).
type Accumulator = HashMap<u32, (f32, u32, u32, u32), BuildFx>;

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(terms: &str, entities: &str, party: &str) -> Keys {
        let v = |s: &str| s.split_whitespace().map(str::to_string).collect();
        Keys {
            terms: v(terms),
            entities: v(entities),
            party: v(party),
        }
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn finds_the_item_sharing_rare_keys() {
        let mut ix = Index::new(IndexConfig::default());
        ix.insert("a", &keys("merger bank talks", "zorvia", "minister"), t0());
        ix.insert("b", &keys("bridge collapse river", "vantor", "mayor"), t0());
        let hits = ix.lookup(&keys("talks merger", "zorvia", ""), t0(), 0.3, 5);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "a");
        assert!(hits[0].shared.contains(&"zorvia".to_string()));
    }

    #[test]
    fn window_and_capacity_bound_the_index() {
        let cfg = IndexConfig {
            window: Duration::hours(1),
            max_items: 2,
            max_scan: 100,
        };
        let mut ix = Index::new(cfg);
        ix.insert("old", &keys("alpha beta", "", ""), t0());
        ix.insert(
            "mid",
            &keys("alpha beta", "", ""),
            t0() + Duration::minutes(30),
        );
        ix.insert(
            "new",
            &keys("alpha beta", "", ""),
            t0() + Duration::minutes(50),
        );
        assert_eq!(ix.len(), 2);
        assert!(!ix.contains("old"));
        let later = t0() + Duration::minutes(95);
        let ids: Vec<String> = ix
            .lookup(&keys("alpha beta", "", ""), later, 0.1, 5)
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(ids, ["new"]);
        ix.expire(later);
        assert_eq!(ix.len(), 1);
    }

    #[test]
    fn reinserting_replaces() {
        let mut ix = Index::new(IndexConfig::default());
        ix.insert("a", &keys("alpha beta", "", ""), t0());
        ix.insert("a", &keys("gamma delta", "", ""), t0());
        assert_eq!(ix.len(), 1);
        assert!(ix
            .lookup(&keys("alpha beta", "", ""), t0(), 0.1, 5)
            .is_empty());
        assert_eq!(
            ix.lookup(&keys("gamma delta", "", ""), t0(), 0.1, 5).len(),
            1
        );
    }
}
