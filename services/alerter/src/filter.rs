//! Which alerts a hook wants: event type, minimum score, official deniers
//! only, speaker, organisation, keyword and feed. I/O-free.

use claimwatch_shared::config::HookConfig;

use crate::alert::{Alert, AlertKind};

/// A hook's filter, compiled from its config (lists lowercased once).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Empty means both kinds.
    pub kinds: Vec<AlertKind>,
    pub min_score: f32,
    /// Denials only from official deniers; claims are not affected.
    pub official_only: bool,
    /// Denials only when they refute a known claim.
    pub linked_only: bool,
    pub speakers: Vec<String>,
    pub organisations: Vec<String>,
    pub keywords: Vec<String>,
    pub feeds: Vec<String>,
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Filter {
    pub fn from_config(h: &HookConfig) -> Filter {
        Filter {
            kinds: h
                .events
                .iter()
                .filter_map(|e| match e.as_str() {
                    "claim" => Some(AlertKind::Claim),
                    "denial" => Some(AlertKind::Denial),
                    // Config validation rejects anything else.
                    _ => None,
                })
                .collect(),
            min_score: h.min_score,
            official_only: h.official_only,
            linked_only: h.linked_only,
            speakers: lower(&h.speakers),
            organisations: lower(&h.organisations),
            keywords: lower(&h.keywords),
            feeds: lower(&h.feeds),
        }
    }

    /// Whether the hook wants `alert`. Every criterion set must hold; within
    /// a list, one match is enough. A denial's speakers and organisations are
    /// its denier's and, when known, the refuted claim's claimant's.
    pub fn matches(&self, alert: &Alert) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&alert.kind) {
            return false;
        }
        if alert.score() < self.min_score {
            return false;
        }
        if let Some(d) = &alert.denial {
            if self.official_only && !d.denier.official {
                return false;
            }
            if self.linked_only && d.refutes.is_empty() {
                return false;
            }
        }
        let mut names: Vec<&str> = Vec::new();
        let mut orgs: Vec<&str> = Vec::new();
        let mut texts: Vec<&str> = Vec::new();
        let mut feeds: Vec<&str> = Vec::new();
        if let Some(d) = &alert.denial {
            names.push(&d.denier.party.name);
            orgs.extend(d.denier.party.organisation.as_deref());
            texts.push(&d.content);
            feeds.push(&d.article.feed);
        }
        if let Some(c) = &alert.claim {
            names.push(&c.claimant.name);
            orgs.extend(c.claimant.organisation.as_deref());
            texts.push(&c.content);
            // A link's feed is the denial's article; a claim's is any article
            // it appeared in.
            if alert.kind == AlertKind::Claim {
                feeds.extend(c.appearances.iter().map(|a| a.article.feed.as_str()));
            }
        }
        let any = |wanted: &[String], fields: &[&str]| {
            wanted.is_empty()
                || fields.iter().any(|f| {
                    let f = f.to_lowercase();
                    wanted.iter().any(|w| f.contains(w.as_str()))
                })
        };
        let all_fields: Vec<&str> = names.iter().chain(&orgs).chain(&texts).copied().collect();
        any(&self.speakers, &names)
            && any(&self.organisations, &orgs)
            && any(&self.keywords, &all_fields)
            && any(&self.feeds, &feeds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::tests::{claim, claim_event, denial, denial_event};
    use crate::alert::{alerts_for, ClaimCache};
    use std::sync::Arc;

    fn claim_alert() -> Alert {
        alerts_for(&claim_event(&claim("c1", &["a1"])), &ClaimCache::new(4)).remove(0)
    }

    fn link_alert(official: bool, refutes: &[&str]) -> Alert {
        let mut d = denial("d1", refutes);
        d.denier.official = official;
        let mut cache = ClaimCache::new(4);
        cache.insert(Arc::new(claim("c1", &["a1"])));
        alerts_for(&denial_event(&d), &cache).remove(0)
    }

    fn hook() -> HookConfig {
        serde_json::from_value(serde_json::json!({"name": "h", "url": "http://x"})).unwrap()
    }

    fn filter(edit: impl FnOnce(&mut HookConfig)) -> Filter {
        let mut h = hook();
        edit(&mut h);
        Filter::from_config(&h)
    }

    #[test]
    fn an_empty_filter_takes_everything() {
        let f = filter(|_| {});
        assert!(f.matches(&claim_alert()));
        assert!(f.matches(&link_alert(false, &[])));
    }

    #[test]
    fn event_types_and_minimum_score() {
        let f = filter(|h| h.events = vec!["denial".into()]);
        assert!(!f.matches(&claim_alert()));
        assert!(f.matches(&link_alert(true, &["c1"])));
        // The claim scores 0.8, the denial 0.9.
        let f = filter(|h| h.min_score = 0.85);
        assert!(!f.matches(&claim_alert()));
        assert!(f.matches(&link_alert(true, &["c1"])));
    }

    #[test]
    fn official_only_and_linked_only_apply_to_denials() {
        let f = filter(|h| h.official_only = true);
        assert!(f.matches(&claim_alert()));
        assert!(f.matches(&link_alert(true, &["c1"])));
        assert!(!f.matches(&link_alert(false, &["c1"])));
        let f = filter(|h| h.linked_only = true);
        assert!(f.matches(&link_alert(true, &["c1"])));
        assert!(!f.matches(&link_alert(true, &[])));
    }

    #[test]
    fn speakers_organisations_and_keywords_are_case_insensitive_substrings() {
        let f = filter(|h| h.speakers = vec!["RAFIEI".into()]);
        assert!(f.matches(&claim_alert()));
        // The refuted claim's claimant counts for a link.
        assert!(f.matches(&link_alert(true, &["c1"])));
        assert!(!f.matches(&link_alert(true, &[])));
        let f = filter(|h| h.organisations = vec!["irgc".into()]);
        assert!(f.matches(&claim_alert()));
        let f = filter(|h| h.organisations = vec!["kremlin".into()]);
        assert!(!f.matches(&claim_alert()));
        let f = filter(|h| h.keywords = vec!["did not HAPPEN".into()]);
        assert!(!f.matches(&claim_alert()));
        assert!(f.matches(&link_alert(true, &[])));
        let f = filter(|h| h.keywords = vec!["  ".into()]);
        assert!(f.matches(&claim_alert()), "blank keywords are ignored");
    }

    #[test]
    fn feeds_match_the_article_the_alert_comes_from() {
        let f = filter(|h| h.feeds = vec!["world.xml".into()]);
        assert!(f.matches(&claim_alert()));
        // The denial came from us.xml, although its claim came from world.xml.
        assert!(!f.matches(&link_alert(true, &["c1"])));
        let f = filter(|h| h.feeds = vec!["feeds.example/us".into()]);
        assert!(f.matches(&link_alert(true, &["c1"])));
    }
}
