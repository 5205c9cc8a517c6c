//! The fetcher's HTTP client: conditional GET (ETag and Last-Modified kept
//! apart), redirects followed by hand so every hop passes the SSRF guard,
//! a body size cap enforced while streaming, and connect and total timeouts.
//!
//! The SSRF guard refuses loopback, private, link-local (cloud metadata),
//! shared, multicast and reserved addresses, both as literals in URLs and
//! as results of DNS resolution (a custom resolver filters them), unless
//! the URL's host is listed in `allow_hosts`.
//!
//! Proxies come from the standard environment variables (`HTTP_PROXY`,
//! `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, in either case). A proxy resolves
//! names itself, out of the resolver's reach, so for a proxied request the
//! guard resolves the host beforehand and refuses it when any address is
//! guarded; a name that does not resolve here is left to the proxy.
//! Loopback addresses are never proxied.

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
    /// The proxies in use, when the environment names any.
    proxy: Option<Arc<ProxyEnv>>,
}

/// Proxy settings read from the standard environment variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ProxyEnv {
    http: Option<String>,
    https: Option<String>,
    /// Hosts (and domain suffixes) reached directly, comma-separated.
    no_proxy: Option<String>,
}

impl ProxyEnv {
    /// Reads `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` (upper
    /// or lower case, lower case first as curl does) through `var`; `None`
    /// when no proxy is set.
    pub(crate) fn read(var: impl Fn(&str) -> Option<String>) -> Option<ProxyEnv> {
        let get = |name: &str| {
            [name.to_ascii_lowercase(), name.to_string()]
                .iter()
                .find_map(|n| var(n).filter(|v| !v.trim().is_empty()))
        };
        let all = get("ALL_PROXY");
        let env = ProxyEnv {
            http: get("HTTP_PROXY").or_else(|| all.clone()),
            https: get("HTTPS_PROXY").or(all),
            no_proxy: get("NO_PROXY"),
        };
        (env.http.is_some() || env.https.is_some()).then_some(env)
    }

    /// Whether a request to `u` goes through a proxy.
    fn proxies(&self, u: &url::Url) -> bool {
        let proxy = if u.scheme() == "https" {
            &self.https
        } else {
            &self.http
        };
        proxy.is_some() && !self.bypassed(u.host_str().unwrap_or(""))
    }

    /// `NO_PROXY` plus the loopback addresses, which no proxy can reach
    /// for us.
    fn no_proxy_list(&self) -> String {
        let mut list = String::from("127.0.0.1,::1");
        if let Some(more) = &self.no_proxy {
            list.push(',');
            list.push_str(more);
        }
        list
    }

    /// `NO_PROXY` semantics: `*`, exact hosts, and domain suffixes (with or
    /// without a leading dot).
    fn bypassed(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let host = host.to_ascii_lowercase();
        self.no_proxy_list().split(',').any(|entry| {
            let entry = entry.trim().trim_start_matches('.').to_ascii_lowercase();
            entry == "*"
                || (!entry.is_empty() && (host == entry || host.ends_with(&format!(".{entry}"))))
        })
    }

    /// The proxies' own host names: the resolver must reach them even when
    /// they are on a private network, as proxies usually are.
    fn hosts(&self) -> Vec<String> {
        [&self.http, &self.https]
            .into_iter()
            .flatten()
            .filter_map(|p| url::Url::parse(p).ok()?.host_str().map(str::to_string))
            .collect()
    }

    fn apply(&self, mut b: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder> {
        let bad = |p: &str, e: reqwest::Error| Error::Config(format!("bad proxy {p}: {e}"));
        let no_proxy = || reqwest::NoProxy::from_string(&self.no_proxy_list());
        if let Some(p) = &self.http {
            b = b.proxy(
                reqwest::Proxy::http(p)
                    .map_err(|e| bad(p, e))?
                    .no_proxy(no_proxy()),
            );
        }
        if let Some(p) = &self.https {
            b = b.proxy(
                reqwest::Proxy::https(p)
                    .map_err(|e| bad(p, e))?
                    .no_proxy(no_proxy()),
            );
        }
        Ok(b)
    }
}

impl HttpClient {
    /// A client with the proxies of the process's environment.
    pub(crate) fn new(cfg: &FetcherConfig) -> Result<HttpClient> {
        HttpClient::with_proxy(cfg, ProxyEnv::read(|n| std::env::var(n).ok()))
    }

    pub(crate) fn with_proxy(cfg: &FetcherConfig, proxy: Option<ProxyEnv>) -> Result<HttpClient> {
        let allow = Arc::new(AllowList(cfg.allow_hosts.clone()));
        let mut resolvable = cfg.allow_hosts.clone();
        resolvable.extend(proxy.iter().flat_map(ProxyEnv::hosts));
        let mut builder = reqwest::Client::builder()
            .user_agent(cfg.user_agent.clone())
            .connect_timeout(Duration::from_secs(cfg.connect_timeout_secs))
            .timeout(Duration::from_secs(cfg.timeout_secs))
            .redirect(reqwest::redirect::Policy::none())
            // Proxies are set below from `proxy` only, never implicitly.
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver {
                allow: Arc::new(AllowList(resolvable)),
            }));
        if let Some(p) = &proxy {
            builder = p.apply(builder)?;
        }
        let client = builder
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(HttpClient {
            client,
            allow,
            proxy: proxy.map(Arc::new),
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

    /// For a request that goes through a proxy, which resolves the name out
    /// of the resolver's reach: refuses the host when it resolves here to
    /// any guarded address. A name that does not resolve here is the
    /// proxy's to resolve.
    async fn check_proxied(&self, u: &url::Url) -> Result<()> {
        let host = u.host_str().unwrap_or("");
        if !self.proxy.as_ref().is_some_and(|p| p.proxies(u)) || self.allow.contains(host) {
            return Ok(());
        }
        let port = u.port_or_known_default().unwrap_or(80);
        let Ok(addrs) = tokio::net::lookup_host((host, port)).await else {
            return Ok(());
        };
        for a in addrs {
            if guarded(a.ip()) {
                return Err(Error::Refused {
                    url: u.to_string(),
                    reason: format!(
                        "{host} resolves to {} (private or loopback), refused before the proxy; allow it with fetcher.allow_hosts",
                        a.ip()
                    ),
                });
            }
        }
        Ok(())
    }

    /// GETs `url`, conditionally when `validators` are given, following
    /// redirects through the guard, reading at most `max_bytes`.
    pub(crate) async fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched> {
        let mut current = self.check(url)?;
        let mut permanent = true;
        for _ in 0..=MAX_REDIRECTS {
            // Politeness: wait for a free slot on this host; the slot is held
            // until the body has been read.
            self.check_proxied(&current).await?;
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
    fn proxies_are_read_from_the_standard_variables() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |n: &str| {
                vars.iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(ProxyEnv::read(env(&[("NO_PROXY", "x")])), None);
        assert_eq!(ProxyEnv::read(env(&[("HTTP_PROXY", " ")])), None);
        let p = ProxyEnv::read(env(&[
            ("http_proxy", "http://lower:3128"),
            ("HTTP_PROXY", "http://upper:3128"),
            ("ALL_PROXY", "http://all:3128"),
            ("no_proxy", "internal.example, .corp"),
        ]))
        .unwrap();
        assert_eq!(p.http.as_deref(), Some("http://lower:3128"));
        assert_eq!(p.https.as_deref(), Some("http://all:3128"));
        assert_eq!(p.hosts(), ["lower", "all"]);
        let u = |s: &str| url::Url::parse(s).unwrap();
        assert!(p.proxies(&u("http://news.example/feed")));
        assert!(!p.proxies(&u("http://internal.example/feed")));
        assert!(!p.proxies(&u("https://a.b.corp/feed")));
        assert!(p.proxies(&u("https://notcorp/feed")));
        assert!(!p.proxies(&u("http://127.0.0.1:8080/feed")));
    }

    /// A one-shot forward proxy on loopback: answers every request with a
    /// tiny feed and reports the request lines it saw.
    async fn forward_proxy() -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let mut buf = vec![0u8; 4096];
                let n = sock.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                let _ = tx.send(head.lines().next().unwrap_or("").to_string());
                let body = "<rss><channel><title>via proxy</title></channel></rss>";
                let resp = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(resp.as_bytes()).await;
            }
        });
        (format!("http://{addr}"), rx)
    }

    #[tokio::test]
    async fn requests_go_through_the_proxy_and_guarded_names_are_refused_before_it() {
        let (proxy, mut seen) = forward_proxy().await;
        let env = ProxyEnv {
            http: Some(proxy),
            ..ProxyEnv::default()
        };
        let c = HttpClient::with_proxy(&FetcherConfig::default(), Some(env)).unwrap();
        // `.invalid` never resolves here, so the proxy resolves it.
        let Fetched::Ok(r) = c
            .get("http://feeds.example.invalid/a.xml", None)
            .await
            .unwrap()
        else {
            panic!("expected a body");
        };
        assert!(String::from_utf8_lossy(&r.body).contains("via proxy"));
        assert_eq!(
            seen.recv().await.unwrap(),
            "GET http://feeds.example.invalid/a.xml HTTP/1.1"
        );
        // A name resolving to loopback here: refused, the proxy never asked.
        let e = c.get("http://localhost:9/", None).await.unwrap_err();
        assert!(matches!(e, Error::Refused { .. }), "{e}");
        assert!(seen.try_recv().is_err());
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
