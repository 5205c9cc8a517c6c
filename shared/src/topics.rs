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
        }
    }

    /// Every topic, in pipeline order.
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
    }
}
