//! The fetcher's HTTP client: conditional GET (ETag and Last-Modified kept
//! apart), redirects followed by hand so every hop passes the SSRF guard,
//! a body size cap enforced while streaming, and connect and total timeouts.
//!
//! The SSRF guard refuses loopback, private, link-local (cloud metadata),
//! shared, multicast and reserved addresses, both as literals in URLs and
//! as results of DNS resolution (a custom resolver filters them), unless
//! the URL's host is listed in `allow_hosts`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use claimwatch_shared::config::FetcherConfig;
use reqwest::header::{self, HeaderMap};
use reqwest::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::{Error, Result};

/// How many redirects one request may follow.
const MAX_REDIRECTS: usize = 8;

/// What the server said last time, to ask "has it changed?" next time. The
/// two are kept apart: a server may send either or both, and each is
/// echoed only in its own header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Validators {
    pub(crate) etag: Option<String>,
    pub(crate) last_modified: Option<String>,
}

/// A successful response.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    /// The URL after redirects.
    pub(crate) url: String,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Vec<u8>,
    pub(crate) validators: Validators,
    /// Set when every redirect on the way was permanent (301, 308): the
    /// resource now lives at `url`.
    pub(crate) moved_permanently: bool,
    /// The server's freshness hint (`Cache-Control: max-age`).
    pub(crate) max_age: Option<Duration>,
}

/// The outcome of a conditional GET.
#[derive(Debug)]
pub(crate) enum Fetched {
    NotModified,
    Ok(Response),
}

/// Hosts that may be fetched although they resolve to guarded addresses.
#[derive(Debug, Default)]
struct AllowList(Vec<String>);

impl AllowList {
    fn contains(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.0.iter().any(|h| {
            h.trim_start_matches('[')
                .trim_end_matches(']')
                .eq_ignore_ascii_case(host)
        })
    }
}

/// Resolves names with the system resolver and drops guarded addresses, so
/// a public-looking name that points at 127.0.0.1 or 169.254.169.254 is
/// refused at connect time (no DNS-rebinding window between check and use).
struct GuardedResolver {
    allow: Arc<AllowList>,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let allowed = self.allow.contains(&host);
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| allowed || !guarded(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(format!(
                    "{host} resolves only to refused (private or loopback) addresses"
                )
                .into());
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Whether `ip` is an address the fetcher must not reach by default.
pub(crate) fn guarded(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => guarded_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return guarded_v4(v4);
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local, incl. fd00:ec2::254
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
                || (s[0] == 0x64 && s[1] == 0xff9b) // NAT64 of any v4
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0 && s[4] == 0 && s[5] == 0)
            // v4-compatible
        }
    }
}

fn guarded_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local() // 169.254/16: cloud metadata lives here
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64/10 shared (CGNAT)
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0/24 protocol assignments
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // 198.18/15 benchmarking
        || o[0] >= 240 // reserved
}

/// Per-host request slots: at most `per_host` requests to one host at once.
#[derive(Debug)]
struct Hosts {
    per_host: usize,
    slots: std::sync::Mutex<std::collections::HashMap<String, Arc<Semaphore>>>,
}

/// Hosts remembered before idle ones are forgotten.
const MAX_HOSTS: usize = 1024;

impl Hosts {
    async fn permit(&self, host: &str) -> Option<OwnedSemaphorePermit> {
        let sem = {
            let mut slots = self.slots.lock().ok()?;
            if slots.len() >= MAX_HOSTS {
                // Forget hosts with no request in flight.
                slots.retain(|_, s| s.available_permits() < self.per_host);
            }
            slots
                .entry(host.to_ascii_lowercase())
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_host)))
                .clone()
        };
        sem.acquire_owned().await.ok()
    }
}

/// The HTTP client of the fetcher.
#[derive(Clone)]
pub(crate) struct HttpClient {
    client: reqwest::Client,
    allow: Arc<AllowList>,
    max_bytes: usize,
    hosts: Arc<Hosts>,
}

impl HttpClient {
    pub(crate) fn new(cfg: &FetcherConfig) -> Result<HttpClient> {
        let allow = Arc::new(AllowList(cfg.allow_hosts.clone()));
        let client = reqwest::Client::builder()
            .user_agent(cfg.user_agent.clone())
            .connect_timeout(Duration::from_secs(cfg.connect_timeout_secs))
            .timeout(Duration::from_secs(cfg.timeout_secs))
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve names itself, out of the guard's reach.
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver {
                allow: allow.clone(),
            }))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(HttpClient {
            client,
            allow,
            max_bytes: cfg.max_bytes,
            hosts: Arc::new(Hosts {
                per_host: cfg.per_host_concurrency.max(1),
                slots: Default::default(),
            }),
        })
    }

    /// Refuses URLs that are not http(s) or whose host is a guarded IP
    /// literal (names are checked by the resolver when connecting).
    pub(crate) fn check(&self, url: &str) -> Result<url::Url> {
        let refused = |reason: &str| Error::Refused {
            url: url.to_string(),
            reason: reason.to_string(),
        };
        let u = url::Url::parse(url).map_err(|e| refused(&format!("not a URL: {e}")))?;
        if u.scheme() != "http" && u.scheme() != "https" {
            return Err(refused("only http and https URLs are fetched"));
        }
        let host = u.host().ok_or_else(|| refused("no host"))?;
        let ip = match host {
            url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
            url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
            url::Host::Domain(d) => d.trim_end_matches('.').parse::<IpAddr>().ok(),
        };
        let host_str = u.host_str().unwrap_or("");
        if let Some(ip) = ip {
            if guarded(ip) && !self.allow.contains(host_str) {
                return Err(refused(&format!(
                    "{ip} is a loopback, private or reserved address (allow it with fetcher.allow_hosts)"
                )));
            }
        }
        Ok(u)
    }

    /// GETs `url`, conditionally when `validators` are given, following
    /// redirects through the guard, reading at most `max_bytes`.
    pub(crate) async fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched> {
        let mut current = self.check(url)?;
        let mut permanent = true;
        for _ in 0..=MAX_REDIRECTS {
            // Politeness: wait for a free slot on this host; the slot is held
            // until the body has been read.
            let _slot = self.hosts.permit(current.host_str().unwrap_or("")).await;
            let mut req = self.client.get(current.clone());
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    req = req.header(header::IF_NONE_MATCH, etag);
                }
                if let Some(lm) = &v.last_modified {
                    req = req.header(header::IF_MODIFIED_SINCE, lm);
                }
            }
            let resp = req.send().await.map_err(|e| network(current.as_str(), e))?;
            let status = resp.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let Some(loc) = resp
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                else {
                    return Err(Error::Status {
                        url: current.to_string(),
                        status: status.as_u16(),
                        retry_after: None,
                    });
                };
                let next = current.join(loc).map_err(|e| Error::Refused {
                    url: loc.to_string(),
                    reason: format!("bad redirect target: {e}"),
                })?;
                permanent &= matches!(
                    status,
                    StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
                );
                current = self.check(next.as_str())?;
                continue;
            }
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched::NotModified);
            }
            if !status.is_success() {
                return Err(Error::Status {
                    url: current.to_string(),
                    status: status.as_u16(),
                    retry_after: retry_after(resp.headers()),
                });
            }
            let headers = resp.headers().clone();
            let body = self.read_capped(current.as_str(), resp).await?;
            let validators = Validators {
                etag: header_str(&headers, header::ETAG),
                last_modified: header_str(&headers, header::LAST_MODIFIED),
            };
            let moved = permanent && current.as_str() != url;
            return Ok(Fetched::Ok(Response {
                url: current.to_string(),
                content_type: header_str(&headers, header::CONTENT_TYPE),
                body,
                validators,
                moved_permanently: moved,
                max_age: max_age(&headers),
            }));
        }
        Err(Error::Refused {
            url: url.to_string(),
            reason: format!("more than {MAX_REDIRECTS} redirects"),
        })
    }

    async fn read_capped(&self, url: &str, mut resp: reqwest::Response) -> Result<Vec<u8>> {
        let too_large = || Error::TooLarge {
            url: url.to_string(),
            limit: self.max_bytes,
        };
        if resp
            .content_length()
            .is_some_and(|n| n as usize > self.max_bytes)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        // Chunks arrive decompressed, so the cap also bounds gzip bombs.
        while let Some(chunk) = resp.chunk().await.map_err(|e| network(url, e))? {
            if body.len() + chunk.len() > self.max_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

fn network(url: &str, e: reqwest::Error) -> Error {
    // reqwest hides the resolver's refusal inside the error's sources.
    let mut reason = e.to_string();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = src {
        reason.push_str(": ");
        reason.push_str(&s.to_string());
        src = s.source();
    }
    if reason.contains("refused (private or loopback)") {
        return Error::Refused {
            url: url.to_string(),
            reason,
        };
    }
    Error::Network {
        url: url.to_string(),
        reason,
    }
}

fn header_str(h: &HeaderMap, name: header::HeaderName) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// `Retry-After` as seconds or as an HTTP date.
pub(crate) fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = header_str(h, header::RETRY_AFTER)?;
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(&v).ok()?;
    let secs = (when.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(secs as u64))
}

/// `Cache-Control: max-age=N`.
fn max_age(h: &HeaderMap) -> Option<Duration> {
    let v = header_str(h, header::CACHE_CONTROL)?;
    v.split(',').find_map(|d| {
        let (k, n) = d.trim().split_once('=')?;
        (k.trim().eq_ignore_ascii_case("max-age"))
            .then(|| n.trim().trim_matches('"').parse::<u64>().ok())
            .flatten()
            .map(Duration::from_secs)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(allow: &[&str]) -> HttpClient {
        let cfg = FetcherConfig {
            allow_hosts: allow.iter().map(|s| s.to_string()).collect(),
            ..FetcherConfig::default()
        };
        HttpClient::new(&cfg).unwrap()
    }

    #[test]
    fn guarded_addresses() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(guarded(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
            assert!(!guarded(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn literal_guarded_hosts_are_refused_unless_allowed() {
        let c = client(&[]);
        for url in [
            "http://127.0.0.1/feed",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:8080/",
            "http://10.0.0.1/",
            "file:///etc/passwd",
            "gopher://example.org/",
            // Other spellings of loopback, normalised by the URL parser.
            "http://2130706433/",
            "http://0x7f.0.0.1/",
            "http://127.1/",
            "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0:8080/",
        ] {
            let e = c.check(url).unwrap_err();
            assert!(matches!(e, Error::Refused { .. }), "{url}: {e}");
        }
        assert!(c.check("https://example.org/feed").is_ok());
        let c = client(&["127.0.0.1"]);
        assert!(c.check("http://127.0.0.1:8080/feed").is_ok());
        assert!(c.check("http://10.0.0.1/").is_err());
    }

    #[tokio::test]
    async fn names_resolving_to_loopback_are_refused() {
        let c = client(&[]);
        // localhost resolves to loopback without any network access.
        let e = c.get("http://localhost:9/", None).await.unwrap_err();
        assert!(matches!(e, Error::Refused { .. }), "{e}");
    }

    #[tokio::test]
    async fn requests_to_one_host_wait_for_a_free_slot() {
        let hosts = Hosts {
            per_host: 2,
            slots: Default::default(),
        };
        let a = hosts.permit("example.org").await;
        let b = hosts.permit("EXAMPLE.org").await;
        assert!(a.is_some() && b.is_some());
        let third =
            tokio::time::timeout(Duration::from_millis(50), hosts.permit("example.org")).await;
        assert!(third.is_err(), "a third request must wait");
        assert!(hosts.permit("other.example").await.is_some());
        drop(a);
        assert!(hosts.permit("example.org").await.is_some());
    }

    #[test]
    fn retry_after_and_max_age_are_read() {
        let mut h = HeaderMap::new();
        h.insert(header::RETRY_AFTER, "120".parse().unwrap());
        h.insert(
            header::CACHE_CONTROL,
            "public, max-age=600".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::from_secs(120)));
        assert_eq!(max_age(&h), Some(Duration::from_secs(600)));
    }
}
