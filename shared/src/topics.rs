//! Topic names. Every topic lives under a configurable prefix (default
//! `claimwatch`), so several deployments can share one cluster.

/// The default topic prefix.
pub const DEFAULT_PREFIX: &str = "claimwatch";

/// The names of every topic of one deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topics {
    pub articles: String,
    pub statements: String,
    pub claims: String,
    pub denials: String,
    pub deadletter: String,
    /// The feeds to poll (compacted; key: feed URL, value: the feed's
    /// settings as JSON, a tombstone removes it), shared out among fetcher
    /// replicas by consumer-group partition assignment.
    pub feeds: String,
    /// The fetcher's per-feed checkpoints (compacted; key: feed URL).
    pub fetcher_state: String,
}

impl Topics {
    /// The topics under `prefix`, e.g. `claimwatch.claims.unverified`.
    pub fn new(prefix: &str) -> Self {
        Topics {
            articles: format!("{prefix}.articles"),
            statements: format!("{prefix}.statements"),
            claims: format!("{prefix}.claims.unverified"),
            denials: format!("{prefix}.denials.official"),
            deadletter: format!("{prefix}.deadletter"),
            feeds: format!("{prefix}.feeds"),
            fetcher_state: format!("{prefix}.fetcher.state"),
        }
    }

    /// Every topic events flow through, in pipeline order (the fetcher's
    /// own compacted topics are [`Topics::fetcher`]).
    pub fn all(&self) -> [&str; 5] {
        [
            &self.articles,
            &self.statements,
            &self.claims,
            &self.denials,
            &self.deadletter,
        ]
    }
}

impl Topics {
    /// The fetcher's compacted topics: the feeds and its checkpoints. They
    /// are tables (the latest record per key is what counts), created with
    /// `cleanup.policy=compact`.
    pub fn fetcher(&self) -> [&str; 2] {
        [&self.feeds, &self.fetcher_state]
    }
}

impl Default for Topics {
    fn default() -> Self {
        Topics::new(DEFAULT_PREFIX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_design() {
        let t = Topics::new("cw");
        assert_eq!(t.articles, "cw.articles");
        assert_eq!(t.statements, "cw.statements");
        assert_eq!(t.claims, "cw.claims.unverified");
        assert_eq!(t.denials, "cw.denials.official");
        assert_eq!(t.deadletter, "cw.deadletter");
        assert_eq!(t.fetcher(), ["cw.feeds", "cw.fetcher.state"]);
    }
}
