//! A hook compiled from its config: target, secret, filter, body format, and
//! the guard that keeps hooks off loopback and private networks unless
//! allowed.

use std::net::{IpAddr, SocketAddr};

use claimwatch_shared::config::{HookConfig, HookKind};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

use crate::alert::Alert;
use crate::filter::Filter;
use crate::template::Template;
use crate::{slack, Error, Result};

/// One alert hook, ready to deliver.
pub struct Hook {
    pub name: String,
    pub kind: HookKind,
    pub url: Url,
    /// The HMAC key; never logged (see the `Debug` impl).
    secret: Option<Vec<u8>>,
    pub filter: Filter,
    pub template: Option<Template>,
    pub max_retries: u32,
    pub rate_per_sec: f64,
}

impl std::fmt::Debug for Hook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hook")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("url", &redacted(&self.url))
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

/// A URL safe to log: Slack webhook paths are secrets, so only the origin.
pub fn redacted(url: &Url) -> String {
    format!("{}://{}/…", url.scheme(), url.host_str().unwrap_or(""))
}

impl Hook {
    /// Compiles `cfg`; refuses a loopback or private literal target unless
    /// `allow_private` (names that resolve to such addresses are refused at
    /// connection time by [`PublicOnly`]).
    pub fn from_config(cfg: &HookConfig, allow_private: bool) -> Result<Hook> {
        Self::from_config_with_env(cfg, allow_private, |k| std::env::var(k).ok())
    }

    /// [`Hook::from_config`] with an explicit environment, for tests.
    /// `secret_env` and `url_env` name variables that, when present,
    /// replace `secret` and `url`.
    pub fn from_config_with_env(
        cfg: &HookConfig,
        allow_private: bool,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Hook> {
        let bad = |reason: String| Error::Hook {
            hook: cfg.name.clone(),
            reason,
        };
        let from_env = |name: &Option<String>| {
            name.as_deref()
                .filter(|n| !n.is_empty())
                .and_then(&env)
                .filter(|v| !v.trim().is_empty())
        };
        let url_text = from_env(&cfg.url_env).unwrap_or_else(|| cfg.url.clone());
        let secret = from_env(&cfg.secret_env).or_else(|| cfg.secret.clone());
        let url = Url::parse(url_text.trim()).map_err(|e| bad(format!("bad url: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad("url must be http(s)".into()));
        }
        if !allow_private {
            let host = url.host_str().unwrap_or("").trim_matches(['[', ']']);
            let local_name = host.eq_ignore_ascii_case("localhost")
                || host.to_ascii_lowercase().ends_with(".localhost");
            let private_ip = host.parse::<IpAddr>().is_ok_and(|ip| !is_public(ip));
            if local_name || private_ip {
                return Err(bad(format!(
                    "{host} is a loopback or private target; set alerter.allow_private to allow it"
                )));
            }
        }
        let template = cfg
            .template
            .as_deref()
            .map(Template::parse)
            .transpose()
            .map_err(bad)?;
        Ok(Hook {
            name: cfg.name.clone(),
            kind: cfg.kind,
            url,
            secret: secret.filter(|s| !s.is_empty()).map(|s| s.into_bytes()),
            filter: Filter::from_config(cfg),
            template,
            max_retries: cfg.max_retries,
            rate_per_sec: cfg.rate_per_sec,
        })
    }

    pub fn secret(&self) -> Option<&[u8]> {
        self.secret.as_deref()
    }

    /// The request body for `alert`: the template when set; else a Slack
    /// message for Slack hooks, and the event as received for webhooks.
    pub fn body(&self, alert: &Alert) -> Vec<u8> {
        let value = match (&self.template, self.kind) {
            (Some(t), _) => t.render(alert),
            (None, HookKind::Slack) => slack::message(alert),
            // The bytes as published: the receiver sees exactly the event.
            (None, HookKind::Webhook) => return alert.event.bytes.clone(),
        };
        // A serde_json::Value always serialises.
        serde_json::to_vec(&value).expect("JSON values serialise")
    }
}

/// Whether `ip` is a public unicast address (not loopback, private,
/// link-local, shared, documentation, unspecified, multicast or broadcast).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80)
        }
    }
}

/// A DNS resolver that drops every non-public address, so a hook name that
/// resolves to an internal service cannot be reached.
#[derive(Debug, Default)]
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| is_public(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> HookConfig {
        serde_json::from_value(serde_json::json!({"name": "h", "url": url, "secret": "s3cret"}))
            .unwrap()
    }

    #[test]
    fn private_targets_need_permission() {
        for url in [
            "http://127.0.0.1:9/x",
            "http://localhost/x",
            "http://[::1]/x",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://169.254.169.254/latest",
            "http://api.localhost/",
        ] {
            assert!(Hook::from_config(&cfg(url), false).is_err(), "{url}");
            assert!(Hook::from_config(&cfg(url), true).is_ok(), "{url}");
        }
        assert!(Hook::from_config(&cfg("https://hooks.example.com/x"), false).is_ok());
        assert!(Hook::from_config(&cfg("ftp://hooks.example.com/x"), true).is_err());
    }

    #[test]
    fn public_addresses() {
        for ip in ["8.8.8.8", "2606:4700::1111"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "100.64.0.1",
            "0.0.0.0",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "224.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn the_secret_and_slack_paths_stay_out_of_logs() {
        let h =
            Hook::from_config(&cfg("https://hooks.slack.com/services/T0/B0/XYZ"), false).unwrap();
        let shown = format!("{h:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains("XYZ"), "{shown}");
        assert_eq!(h.secret(), Some(b"s3cret".as_slice()));
    }

    #[test]
    fn secrets_and_urls_can_come_from_the_environment() {
        let mut c = cfg("https://placeholder.example/");
        c.secret_env = Some("HOOK_KEY".into());
        c.url_env = Some("HOOK_URL".into());
        let env = |k: &str| match k {
            "HOOK_KEY" => Some("from-env".to_string()),
            "HOOK_URL" => Some("https://hooks.example.com/real".to_string()),
            _ => None,
        };
        let h = Hook::from_config_with_env(&c, false, env).unwrap();
        assert_eq!(h.secret(), Some(b"from-env".as_slice()));
        assert_eq!(h.url.as_str(), "https://hooks.example.com/real");
        // Absent variables leave the file's values.
        let h = Hook::from_config_with_env(&c, false, |_| None).unwrap();
        assert_eq!(h.secret(), Some(b"s3cret".as_slice()));
        assert_eq!(h.url.as_str(), "https://placeholder.example/");
    }

    #[test]
    fn a_bad_template_is_a_build_error() {
        let mut c = cfg("https://x.example/");
        c.template = Some("{nope".into());
        let err = Hook::from_config(&c, false).unwrap_err().to_string();
        assert!(err.contains("template"), "{err}");
    }
}
