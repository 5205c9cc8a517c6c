//! The layered configuration: compiled-in defaults, then a TOML file, then
//! `CLAIMWATCH__SECTION__KEY` environment variables. Validated as a whole,
//! every problem reported at once.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::topics::{Topics, DEFAULT_PREFIX};
use crate::{Error, Result};

/// The prefix of environment variables that override the config.
pub const ENV_PREFIX: &str = "CLAIMWATCH__";

/// The whole configuration of a claimwatch process.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Absent (no `brokers`) means the embedded mode.
    pub kafka: KafkaConfig,
    pub fetcher: FetcherConfig,
    pub matcher: MatcherSettings,
    pub alerter: AlerterConfig,
    pub admin: AdminConfig,
}

/// Kafka settings: typed fields plus a raw librdkafka pass-through map.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct KafkaConfig {
    /// `host:port[,host:port]`; empty means no broker (embedded mode).
    pub brokers: String,
    pub topic_prefix: String,
    /// Consumer groups are named `<group_prefix>.<stage>`.
    pub group_prefix: String,
    pub partitions: i32,
    pub replication: i32,
    /// Passed to librdkafka as is, e.g. `security.protocol = "SASL_SSL"`.
    pub options: BTreeMap<String, String>,
}

impl Default for KafkaConfig {
    fn default() -> Self {
        KafkaConfig {
            brokers: String::new(),
            topic_prefix: DEFAULT_PREFIX.to_string(),
            group_prefix: DEFAULT_PREFIX.to_string(),
            partitions: 3,
            replication: 1,
            options: BTreeMap::new(),
        }
    }
}

impl KafkaConfig {
    pub fn topics(&self) -> Topics {
        Topics::new(&self.topic_prefix)
    }

    /// The consumer group of `stage`.
    pub fn group(&self, stage: &str) -> String {
        format!("{}.{stage}", self.group_prefix)
    }

    pub fn enabled(&self) -> bool {
        !self.brokers.trim().is_empty()
    }
}

/// One feed to poll.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// An http(s) URL or a local file path.
    pub url: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Whether to fetch each item's page for its main text.
    #[serde(default = "yes")]
    pub fetch_articles: bool,
    /// How the feed's items are told apart: `auto` (GUID, else link, else
    /// content hash), `link` or `content`.
    #[serde(default)]
    pub identity: crate::events::ItemIdentity,
}

fn yes() -> bool {
    true
}

/// The fetcher's settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FetcherConfig {
    pub feeds: Vec<FeedConfig>,
    /// Seconds between polls of a feed that gives no hint of its own.
    pub interval_secs: u64,
    pub connect_timeout_secs: u64,
    pub timeout_secs: u64,
    /// Responses larger than this are cut off and reported as errors.
    pub max_bytes: usize,
    pub user_agent: String,
    /// Hosts or IPs (e.g. `127.0.0.1`) that may be fetched although they are
    /// loopback or private; by default every such target is refused.
    pub allow_hosts: Vec<String>,
    /// Concurrent requests to one host.
    pub per_host_concurrency: usize,
}

impl Default for FetcherConfig {
    fn default() -> Self {
        FetcherConfig {
            feeds: Vec::new(),
            interval_secs: 300,
            connect_timeout_secs: 10,
            timeout_secs: 30,
            max_bytes: 10 * 1024 * 1024,
            user_agent: format!(
                "claimwatch/{} (+https://example.invalid/claimwatch)",
                env!("CARGO_PKG_VERSION")
            ),
            allow_hosts: Vec::new(),
            per_host_concurrency: 2,
        }
    }
}

/// The matcher's settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MatcherSettings {
    /// How long a claim stays linkable, in hours.
    pub window_hours: i64,
    /// Links scoring below this are not emitted.
    pub min_link_score: f32,
}

impl Default for MatcherSettings {
    fn default() -> Self {
        MatcherSettings {
            window_hours: 72,
            min_link_score: 0.3,
        }
    }
}

/// What a hook does with an event.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum HookKind {
    /// A JSON POST of the event, signed with HMAC-SHA256 when a secret is set.
    #[default]
    Webhook,
    /// A Slack incoming webhook message.
    Slack,
}

/// One alert hook.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HookConfig {
    pub name: String,
    #[serde(default)]
    pub kind: HookKind,
    pub url: String,
    /// The HMAC key; never logged.
    #[serde(default)]
    pub secret: Option<String>,
    /// `claim`, `denial`; empty means both.
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub min_score: f32,
    #[serde(default)]
    pub official_only: bool,
    /// Only events whose party name, organisation or content contains one
    /// of these (case-insensitive); empty means all.
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default = "default_retries")]
    pub max_retries: u32,
    /// Deliveries per second at most.
    #[serde(default = "default_rate")]
    pub rate_per_sec: f64,
    /// Only events whose claimant or denier name contains one of these
    /// (case-insensitive); empty means all.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Only events whose claimant or denier organisation contains one of
    /// these (case-insensitive); empty means all.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Only events from articles whose feed contains one of these
    /// (case-insensitive); empty means all.
    #[serde(default)]
    pub feeds: Vec<String>,
    /// Only denials that refute a known claim; by default a denial that
    /// refutes nothing yet alerts too.
    #[serde(default)]
    pub linked_only: bool,
    /// A JSON body with `{{path}}` placeholders (e.g. `{{claim.content}}`)
    /// instead of the default body; see services/alerter/README.md.
    #[serde(default)]
    pub template: Option<String>,
    /// The name of an environment variable holding the HMAC key; when set
    /// and present it replaces `secret` (for Kubernetes Secrets).
    #[serde(default)]
    pub secret_env: Option<String>,
    /// The name of an environment variable holding the URL; when set and
    /// present it replaces `url` (Slack webhook URLs are secrets too).
    #[serde(default)]
    pub url_env: Option<String>,
}

fn default_retries() -> u32 {
    5
}

fn default_rate() -> f64 {
    5.0
}

/// The alerter's settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AlerterConfig {
    pub hooks: Vec<HookConfig>,
    pub timeout_secs: u64,
    /// Alerts waiting per hook before the oldest are dead-lettered.
    pub queue: usize,
    /// Hooks may target loopback or private hosts (for local receivers).
    pub allow_private: bool,
    /// On shutdown, seconds to finish deliveries in flight before giving up
    /// (undelivered records are not committed, so they are retried on start).
    pub drain_secs: u64,
}

impl Default for AlerterConfig {
    fn default() -> Self {
        AlerterConfig {
            hooks: Vec::new(),
            timeout_secs: 10,
            queue: 1000,
            allow_private: false,
            drain_secs: 10,
        }
    }
}

/// The admin endpoint (`/healthz`, `/readyz`, `/metrics`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AdminConfig {
    /// `host:port`; empty disables the endpoint.
    pub listen: String,
}

impl Config {
    /// Defaults, overlaid with `file` when given, then with the environment.
    pub fn load(file: Option<&Path>) -> Result<Config> {
        Self::load_with_env(file, std::env::vars())
    }

    /// [`Config::load`] with an explicit environment, for tests.
    pub fn load_with_env(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config> {
        let mut doc = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                text.parse::<toml::Table>().map_err(|e| {
                    Error::Config(vec![format!("{}: {}", path.display(), e.message())])
                })?
            }
            None => toml::Table::new(),
        };
        let mut errors = Vec::new();
        for (k, v) in env {
            let Some(path) = k.strip_prefix(ENV_PREFIX) else {
                continue;
            };
            let keys: Vec<String> = path.split("__").map(|s| s.to_ascii_lowercase()).collect();
            if let Err(e) = set_path(&mut doc, &keys, &v) {
                errors.push(format!("{k}: {e}"));
            }
        }
        let cfg: Config = match toml::Value::Table(doc).try_into() {
            Ok(c) => c,
            Err(e) => {
                errors.push(e.to_string().trim().to_string());
                return Err(Error::Config(errors));
            }
        };
        errors.extend(cfg.problems());
        if errors.is_empty() {
            Ok(cfg)
        } else {
            Err(Error::Config(errors))
        }
    }

    /// Every problem with this configuration (empty when it is valid).
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if self.kafka.partitions < 1 {
            p.push("kafka.partitions must be at least 1".to_string());
        }
        if self.kafka.replication < 1 {
            p.push("kafka.replication must be at least 1".to_string());
        }
        if self.kafka.topic_prefix.is_empty() {
            p.push("kafka.topic_prefix must not be empty".to_string());
        }
        if self.fetcher.interval_secs == 0 {
            p.push("fetcher.interval_secs must be at least 1".to_string());
        }
        if self.fetcher.max_bytes < 1024 {
            p.push("fetcher.max_bytes must be at least 1024".to_string());
        }
        if self.fetcher.per_host_concurrency == 0 {
            p.push("fetcher.per_host_concurrency must be at least 1".to_string());
        }
        for (i, f) in self.fetcher.feeds.iter().enumerate() {
            if f.url.trim().is_empty() {
                p.push(format!("fetcher.feeds[{i}].url must not be empty"));
            }
        }
        if self.matcher.window_hours < 1 {
            p.push("matcher.window_hours must be at least 1".to_string());
        }
        for h in &self.alerter.hooks {
            if !(h.url.starts_with("http://") || h.url.starts_with("https://")) {
                p.push(format!("alerter.hooks.{}: url must be http(s)", h.name));
            }
            for e in &h.events {
                if e != "claim" && e != "denial" {
                    p.push(format!(
                        "alerter.hooks.{}: unknown event {e:?} (claim, denial)",
                        h.name
                    ));
                }
            }
            if h.rate_per_sec <= 0.0 {
                p.push(format!(
                    "alerter.hooks.{}: rate_per_sec must be > 0",
                    h.name
                ));
            }
            if let Some(t) = &h.template {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(t) {
                    p.push(format!(
                        "alerter.hooks.{}: template is not JSON: {e}",
                        h.name
                    ));
                }
            }
            if h.name.trim().is_empty() {
                p.push("alerter.hooks: every hook needs a name".to_string());
            }
            if !(0.0..=1.0).contains(&h.min_score) {
                p.push(format!(
                    "alerter.hooks.{}: min_score must be in 0..=1",
                    h.name
                ));
            }
            for (key, var) in [("secret_env", &h.secret_env), ("url_env", &h.url_env)] {
                if var.as_deref().is_some_and(|v| v.trim().is_empty()) {
                    p.push(format!(
                        "alerter.hooks.{}: {key} must name a variable",
                        h.name
                    ));
                }
            }
        }
        let mut names: Vec<&str> = self.alerter.hooks.iter().map(|h| h.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() != self.alerter.hooks.len() {
            p.push("alerter.hooks: hook names must be unique".to_string());
        }
        if self.alerter.queue == 0 {
            p.push("alerter.queue must be at least 1".to_string());
        }
        if self.alerter.timeout_secs == 0 {
            p.push("alerter.timeout_secs must be at least 1".to_string());
        }
        p
    }
}

/// Sets `keys` in `doc` to `raw`, read as a TOML value when it parses as
/// one (numbers, booleans, arrays) and as a string otherwise.
fn set_path(doc: &mut toml::Table, keys: &[String], raw: &str) -> std::result::Result<(), String> {
    let (last, parents) = keys.split_last().ok_or("empty key")?;
    let mut t = doc;
    for k in parents {
        t = t
            .entry(k.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .ok_or_else(|| format!("{k} is not a table"))?;
    }
    let value = format!("v = {raw}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(raw.to_string()));
    t.insert(last.clone(), value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_valid_and_embedded() {
        let c = Config::load_with_env(None, env(&[])).unwrap();
        assert!(!c.kafka.enabled());
        assert_eq!(c.kafka.topics().claims, "claimwatch.claims.unverified");
    }

    #[test]
    fn environment_overrides_the_file() {
        let dir = std::env::temp_dir().join(format!("cw-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("c.toml");
        std::fs::write(&f, "[kafka]\nbrokers = \"a:1\"\npartitions = 2\n").unwrap();
        let c = Config::load_with_env(
            Some(&f),
            env(&[
                ("CLAIMWATCH__KAFKA__BROKERS", "b:2"),
                ("CLAIMWATCH__MATCHER__WINDOW_HOURS", "5"),
                ("OTHER", "x"),
            ]),
        )
        .unwrap();
        assert_eq!(c.kafka.brokers, "b:2");
        assert_eq!(c.kafka.partitions, 2);
        assert_eq!(c.matcher.window_hours, 5);
    }

    #[test]
    fn every_problem_is_reported() {
        let err = Config::load_with_env(
            None,
            env(&[
                ("CLAIMWATCH__KAFKA__PARTITIONS", "0"),
                ("CLAIMWATCH__MATCHER__WINDOW_HOURS", "0"),
            ]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("kafka.partitions"), "{err}");
        assert!(err.contains("matcher.window_hours"), "{err}");
    }

    #[test]
    fn a_feed_names_its_identity_rule() {
        let dir = std::env::temp_dir().join(format!("cw-config-id-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("c.toml");
        std::fs::write(
            &f,
            "[[fetcher.feeds]]\nurl = \"https://a.example/feed\"\nidentity = \"link\"\n\n\
             [[fetcher.feeds]]\nurl = \"https://b.example/feed\"\n",
        )
        .unwrap();
        let c = Config::load_with_env(Some(&f), env(&[])).unwrap();
        use crate::events::ItemIdentity;
        assert_eq!(c.fetcher.feeds[0].identity, ItemIdentity::Link);
        assert_eq!(c.fetcher.feeds[1].identity, ItemIdentity::Auto);
        std::fs::write(&f, "[[fetcher.feeds]]\nurl = \"x\"\nidentity = \"title\"\n").unwrap();
        let err = Config::load_with_env(Some(&f), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("identity") || err.contains("title"), "{err}");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = Config::load_with_env(None, env(&[("CLAIMWATCH__KAFKA__BROKRES", "x")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("brokres"), "{err}");
    }
}
