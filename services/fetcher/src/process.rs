//! Item identity and revisions, I/O-free: which feed items are new, which
//! changed, and which revision an article is at.
//!
//! An item's identity is its GUID, else its canonical link, else a hash of
//! its content. A canonical link seen under another identity (the same
//! story in two feeds) maps to the first identity, so it is emitted once.
//! The state is bounded: past `capacity` items the least recently seen are
//! forgotten.

use std::collections::HashMap;

use claimwatch_shared::events::ItemIdentity;
use claimwatch_shared::ids::hash_id;

use crate::feed::Entry;

/// Query parameters that only track where a click came from.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "ocid",
    "cmpid",
    "icid",
    "ito",
    "ref",
    "ref_src",
    "ref_url",
    "smid",
    "smtyp",
    "cmp",
    "_ga",
    "yclid",
    "igshid",
    "sr_share",
    "at_medium",
    "at_campaign",
    "at_custom1",
    "at_custom2",
    "at_custom3",
    "at_custom4",
    "rss",
    "feed",
    "output",
];

/// The URL with what does not change the page removed: fragment, default
/// port, `utm_*` and other tracking parameters, case of scheme and host.
pub(crate) fn canonical_url(link: &str) -> String {
    let Ok(mut u) = url::Url::parse(link) else {
        return link.trim().to_string();
    };
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    u.to_string()
}

/// What the state remembers of one item.
#[derive(Debug, Clone)]
struct Seen {
    revision: u32,
    content_hash: String,
    /// Per feed, a hash of what that feed said about the item; while it
    /// stays the same the page is not fetched again. Kept per feed so two
    /// feeds describing one story differently do not refetch it each poll.
    fingerprints: Vec<(String, String)>,
    last_seen: u64,
    /// Polls that re-checked the item because its page failed transiently.
    retries: u8,
}

/// How often an item whose page failed transiently is checked again.
const MAX_RETRIES: u8 = 3;

/// What to do with a feed item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Nothing changed in the feed since the last poll.
    Unchanged,
    /// New or changed in the feed: fetch and compare. `key` is the identity.
    Check { key: String, fingerprint: String },
}

/// The identity and revision state of every item seen.
#[derive(Debug)]
pub(crate) struct State {
    items: HashMap<String, Seen>,
    by_link: HashMap<String, String>,
    capacity: usize,
    tick: u64,
}

impl State {
    pub(crate) fn new(capacity: usize) -> State {
        State {
            items: HashMap::new(),
            by_link: HashMap::new(),
            capacity: capacity.max(1),
            tick: 0,
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// The article id of `entry` read from `feed`: a hash of its identity
    /// (see [`identity`]), or the id already given to its canonical link.
    pub(crate) fn key(&self, feed: &str, entry: &Entry, rule: ItemIdentity) -> String {
        if rule != ItemIdentity::Content {
            if let Some(l) = entry.link.as_deref().map(canonical_url) {
                if let Some(id) = self.by_link.get(&l) {
                    return id.clone();
                }
            }
        }
        article_id(&identity(feed, entry, rule))
    }
    /// Remembers an article published before (read back from the articles
    /// topic after a restart), so it is not emitted again as new. Its feed
    /// fingerprint is unknown, so the item is checked once more, and
    /// re-emitted only if its content changed meanwhile.
    pub(crate) fn remember(
        &mut self,
        id: &str,
        revision: u32,
        content_hash: &str,
        link: Option<&str>,
    ) {
        self.tick += 1;
        let tick = self.tick;
        let link = link.map(canonical_url);
        let seen = self.items.entry(id.to_string()).or_insert_with(|| Seen {
            revision: 0,
            content_hash: String::new(),
            fingerprints: Vec::new(),
            last_seen: tick,
            retries: 0,
        });
        if revision >= seen.revision {
            seen.revision = revision;
            seen.content_hash = content_hash.to_string();
        }
        if let Some(l) = link {
            self.by_link.entry(l).or_insert_with(|| id.to_string());
        }
        self.evict();
    }

    /// What the state holds of item `key` as read from `feed`: its
    /// revision, content hash and that feed's fingerprint of it (empty when
    /// the item is due for another check).
    pub(crate) fn snapshot(&self, feed: &str, key: &str) -> Option<(u32, String, String)> {
        let seen = self.items.get(key)?;
        let fingerprint = seen
            .fingerprints
            .iter()
            .find(|(f, _)| f == feed)
            .map(|(_, fp)| fp.clone())
            .unwrap_or_default();
        Some((seen.revision, seen.content_hash.clone(), fingerprint))
    }

    /// Takes back an item of a feed's checkpoint: as [`State::remember`],
    /// plus the feed's fingerprint, so an item unchanged in the feed is not
    /// even fetched again. A later revision already known wins.
    pub(crate) fn restore(
        &mut self,
        feed: &str,
        key: &str,
        revision: u32,
        content_hash: &str,
        fingerprint: &str,
        link: Option<&str>,
    ) {
        self.remember(key, revision, content_hash, link);
        let Some(seen) = self.items.get_mut(key) else {
            return;
        };
        // A fingerprint only vouches for the content it was taken with.
        let fingerprint = if seen.revision == revision {
            fingerprint
        } else {
            ""
        };
        match seen.fingerprints.iter_mut().find(|(f, _)| f == feed) {
            Some((_, fp)) => *fp = fingerprint.to_string(),
            None => seen
                .fingerprints
                .push((feed.to_string(), fingerprint.to_string())),
        }
    }

    /// Makes `link` lead to the item `id` too (the page a feed's tracking
    /// link redirected to), unless it already leads to another item.
    pub(crate) fn alias(&mut self, id: &str, link: &str) {
        if self.items.contains_key(id) {
            self.by_link
                .entry(canonical_url(link))
                .or_insert_with(|| id.to_string());
        }
    }

    /// Whether `entry` needs a look: new, or changed in the feed.
    pub(crate) fn decide(&mut self, feed: &str, entry: &Entry, rule: ItemIdentity) -> Decision {
        self.tick += 1;
        let key = self.key(feed, entry, rule);
        let fingerprint = hash_id(
            "",
            &[
                entry.title.as_deref().unwrap_or(""),
                entry.link.as_deref().unwrap_or(""),
                entry.summary.as_deref().unwrap_or(""),
                entry.content.as_deref().unwrap_or(""),
                &entry.updated.map(|t| t.to_rfc3339()).unwrap_or_default(),
            ],
        );
        let tick = self.tick;
        if let Some(seen) = self.items.get_mut(&key) {
            seen.last_seen = tick;
            if seen
                .fingerprints
                .iter()
                .any(|(f, fp)| f == feed && *fp == fingerprint)
            {
                return Decision::Unchanged;
            }
        }
        Decision::Check { key, fingerprint }
    }

    /// The revision `content_hash` would be recorded as: 1 for a new item,
    /// previous + 1 for changed content, `None` for the same content.
    pub(crate) fn next_revision(&self, key: &str, content_hash: &str) -> Option<u32> {
        match self.items.get(key) {
            None => Some(1),
            Some(seen) if seen.revision > 0 && seen.content_hash == content_hash => None,
            Some(seen) => Some(seen.revision + 1),
        }
    }

    /// Records the item's content after a check (`content_hash` is `None`
    /// when no text was found: the item is remembered, at revision 0, so it
    /// is not checked again until the feed changes it). With `retry` (its
    /// page failed transiently) the item is checked again at the next
    /// polls, up to [`MAX_RETRIES`] times. Returns the revision recorded, as
    /// [`State::next_revision`] would, `None` when nothing new was recorded.
    pub(crate) fn commit(
        &mut self,
        feed: &str,
        key: &str,
        fingerprint: &str,
        link: Option<&str>,
        content_hash: Option<&str>,
        retry: bool,
    ) -> Option<u32> {
        self.tick += 1;
        let tick = self.tick;
        let link = link.map(canonical_url);
        let seen = self.items.entry(key.to_string()).or_insert_with(|| Seen {
            revision: 0,
            content_hash: String::new(),
            fingerprints: Vec::new(),
            last_seen: tick,
            retries: 0,
        });
        seen.last_seen = tick;
        // An empty fingerprint never matches, so the item is checked again.
        let retry = retry && seen.retries < MAX_RETRIES;
        seen.retries = if retry { seen.retries + 1 } else { 0 };
        let fingerprint = if retry { "" } else { fingerprint };
        match seen.fingerprints.iter_mut().find(|(f, _)| f == feed) {
            Some((_, fp)) => *fp = fingerprint.to_string(),
            None => seen
                .fingerprints
                .push((feed.to_string(), fingerprint.to_string())),
        }
        let revision = match content_hash {
            Some(h) if h != seen.content_hash => {
                seen.revision += 1;
                seen.content_hash = h.to_string();
                Some(seen.revision)
            }
            _ => None,
        };
        if let Some(l) = link {
            self.by_link.entry(l).or_insert_with(|| key.to_string());
        }
        self.evict();
        revision
    }

    /// Forgets the least recently seen tenth once over capacity.
    fn evict(&mut self) {
        if self.items.len() <= self.capacity {
            return;
        }
        let mut ticks: Vec<u64> = self.items.values().map(|s| s.last_seen).collect();
        ticks.sort_unstable();
        let drop_n = (self.items.len() - self.capacity)
            .max(self.capacity / 10)
            .max(1);
        let cutoff = ticks[drop_n.min(ticks.len()) - 1];
        let gone: Vec<String> = self
            .items
            .iter()
            .filter(|(_, s)| s.last_seen <= cutoff)
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            self.items.remove(&k);
        }
        // Every address of a forgotten item goes too (its own link and the
        // pages its tracking links led to).
        let items = &self.items;
        self.by_link.retain(|_, id| items.contains_key(id));
    }
}

/// The identity of `entry` under `rule`. `Auto`: its GUID (scoped by feed
/// when it is a bare number or word), else its canonical link, else its
/// content hash; `Link` skips the GUID; `Content` is the content hash of
/// the title and text, scoped by feed.
pub(crate) fn identity(feed: &str, entry: &Entry, rule: ItemIdentity) -> String {
    if rule == ItemIdentity::Content {
        return format!("content:{feed}#{}", entry.content_id());
    }
    let link = entry.link.as_deref().map(canonical_url);
    if rule == ItemIdentity::Auto && entry.has_guid() {
        // GUIDs that look global (URLs, URNs, tags) identify an item
        // across feeds; bare numbers only within their feed.
        if entry.id.contains(':') {
            return format!("guid:{}", entry.id);
        }
        return format!("guid:{feed}#{}", entry.id);
    }
    match link {
        Some(l) => format!("link:{l}"),
        None => format!("hash:{}", entry.id),
    }
}

/// The article id of an identity.
pub(crate) fn article_id(key: &str) -> String {
    hash_id("art-", &[key])
}

/// The content hash of an article's title and text.
pub(crate) fn content_hash(title: &str, text: &str) -> String {
    hash_id("", &[title, text])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, link: Option<&str>, title: &str) -> Entry {
        Entry {
            id: id.to_string(),
            title: Some(title.to_string()),
            link: link.map(str::to_string),
            published: None,
            updated: None,
            summary: None,
            content: None,
        }
    }

    #[test]
    fn tracking_parameters_and_fragments_are_stripped() {
        assert_eq!(
            canonical_url("HTTPS://Example.org:443/a?utm_source=x&id=3&fbclid=y#top"),
            "https://example.org/a?id=3"
        );
        assert_eq!(
            canonical_url("https://example.org/a?utm_medium=rss"),
            "https://example.org/a"
        );
    }

    #[test]
    fn a_feed_can_override_how_items_are_told_apart() {
        let s = State::new(100);
        let auto = ItemIdentity::Auto;
        // A feed that changes its GUIDs on every poll.
        let first = entry("urn:poll-1:7", Some("https://example.org/7"), "T");
        let again = entry(
            "urn:poll-2:7",
            Some("https://example.org/7?utm_source=x"),
            "T",
        );
        assert_ne!(s.key("f", &first, auto), s.key("f", &again, auto));
        let link = ItemIdentity::Link;
        assert_eq!(s.key("f", &first, link), s.key("f", &again, link));
        // A feed that gives every item the same link (its home page).
        let a = entry("", Some("https://example.org/"), "Storm closes port");
        let b = entry("", Some("https://example.org/"), "Ferry strike ends");
        assert_eq!(s.key("f", &a, link), s.key("f", &b, link));
        let content = ItemIdentity::Content;
        assert_ne!(s.key("f", &a, content), s.key("f", &b, content));
        let a_again = entry("x", Some("https://example.org/other"), "Storm closes port");
        assert_eq!(s.key("f", &a, content), s.key("f", &a_again, content));
        assert_ne!(s.key("f", &a, content), s.key("g", &a, content));
    }

    #[test]
    fn new_then_unchanged_then_revised() {
        let mut s = State::new(100);
        let e = entry("urn:1", Some("https://example.org/1"), "T");
        let Decision::Check { key, fingerprint } = s.decide("f", &e, ItemIdentity::Auto) else {
            panic!("a new item must be checked");
        };
        assert_eq!(
            s.commit(
                "f",
                &key,
                &fingerprint,
                e.link.as_deref(),
                Some("h1"),
                false
            ),
            Some(1)
        );
        assert_eq!(s.decide("f", &e, ItemIdentity::Auto), Decision::Unchanged);
        let e2 = entry("urn:1", Some("https://example.org/1"), "T, updated");
        let Decision::Check {
            key: k2,
            fingerprint,
        } = s.decide("f", &e2, ItemIdentity::Auto)
        else {
            panic!("a changed item must be checked");
        };
        assert_eq!(k2, key);
        // Same content after all: nothing to emit.
        assert_eq!(
            s.commit(
                "f",
                &k2,
                &fingerprint,
                e2.link.as_deref(),
                Some("h1"),
                false
            ),
            None
        );
        assert_eq!(
            s.commit(
                "f",
                &k2,
                &fingerprint,
                e2.link.as_deref(),
                Some("h2"),
                false
            ),
            Some(2)
        );
    }

    #[test]
    fn failed_pages_are_retried_a_few_times_and_textless_items_wait() {
        let mut s = State::new(100);
        let e = entry("urn:r", None, "T");
        let check = |s: &mut State| match s.decide("f", &e, ItemIdentity::Auto) {
            Decision::Check { key, fingerprint } => Some((key, fingerprint)),
            Decision::Unchanged => None,
        };
        // The page failed transiently: checked again at the next polls.
        for _ in 0..MAX_RETRIES {
            let (k, fp) = check(&mut s).expect("retried");
            assert_eq!(s.next_revision(&k, "feed-text"), Some(1));
            s.commit("f", &k, &fp, None, None, true);
        }
        let (k, fp) = check(&mut s).expect("last try");
        s.commit("f", &k, &fp, None, None, true);
        assert!(check(&mut s).is_none(), "retries are bounded");
        // A later text is revision 1: nothing was published before.
        assert_eq!(s.next_revision(&k, "h"), Some(1));
        assert_eq!(s.commit("f", &k, &fp, None, Some("h"), false), Some(1));
        assert_eq!(s.next_revision(&k, "h"), None);
    }

    #[test]
    fn the_same_link_in_two_feeds_is_one_item() {
        let mut s = State::new(100);
        let a = entry(
            "https://example.org/1",
            Some("https://example.org/1?utm_source=a"),
            "T",
        );
        let Decision::Check { key, fingerprint } = s.decide("feed-a", &a, ItemIdentity::Auto)
        else {
            panic!()
        };
        s.commit(
            "feed-a",
            &key,
            &fingerprint,
            a.link.as_deref(),
            Some("h"),
            false,
        );
        let b = entry("42", Some("https://example.org/1?utm_source=b"), "T");
        assert_eq!(s.key("feed-b", &b, ItemIdentity::Auto), key);
    }

    #[test]
    fn a_snapshot_restores_into_a_fresh_state() {
        let mut s = State::new(100);
        let e = entry("urn:9", Some("https://example.org/9"), "T");
        let Decision::Check { key, fingerprint } = s.decide("f", &e, ItemIdentity::Auto) else {
            panic!()
        };
        s.commit("f", &key, &fingerprint, e.link.as_deref(), Some("h"), false);
        let (rev, hash, fp) = s.snapshot("f", &key).unwrap();
        assert_eq!(
            (rev, hash.as_str(), fp.as_str()),
            (1, "h", fingerprint.as_str())
        );
        assert_eq!(s.snapshot("f", "nope"), None);

        let mut fresh = State::new(100);
        fresh.restore("f", &key, rev, &hash, &fp, e.link.as_deref());
        assert_eq!(
            fresh.decide("f", &e, ItemIdentity::Auto),
            Decision::Unchanged
        );
        assert_eq!(fresh.next_revision(&key, "h"), None);
        assert_eq!(fresh.next_revision(&key, "h2"), Some(2));
        // The same story under another GUID in another feed is the same item.
        let other = entry("99", Some("https://example.org/9?utm_source=x"), "T");
        assert_eq!(fresh.key("g", &other, ItemIdentity::Auto), key);
        // Another feed's fingerprint does not vouch for this feed.
        assert!(matches!(
            fresh.decide("g", &other, ItemIdentity::Auto),
            Decision::Check { .. }
        ));
    }

    #[test]
    fn bare_guids_are_scoped_by_feed() {
        let s = State::new(10);
        let e = entry("42", None, "T");
        assert_ne!(
            s.key("a", &e, ItemIdentity::Auto),
            s.key("b", &e, ItemIdentity::Auto)
        );
    }

    #[test]
    fn state_is_bounded() {
        let mut s = State::new(50);
        for i in 0..500 {
            let link = format!("https://example.org/{i}");
            let e = entry(&format!("urn:{i}"), Some(&link), "T");
            if let Decision::Check { key, fingerprint } = s.decide("f", &e, ItemIdentity::Auto) {
                s.commit("f", &key, &fingerprint, Some(&link), Some("h"), false);
                s.alias(&key, &format!("https://example.org/landed/{i}"));
            }
        }
        assert!(s.len() <= 50, "{}", s.len());
        assert!(s.by_link.len() <= 100, "{}", s.by_link.len());
    }
}
