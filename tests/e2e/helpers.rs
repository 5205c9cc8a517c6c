//! Test helpers: a Tansu broker on a free loopback port, a local HTTP server
//! for feeds, pages and webhooks, and readers of the output topics.

use std::collections::HashMap;
use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{bail, Context};
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use claimwatch_shared::config::{Config, FeedConfig, HookConfig};
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Headers, Message};
use rdkafka::ClientConfig;

/// The repository's `examples/` directory.
pub(crate) fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// A running Tansu broker, killed when dropped.
pub(crate) struct Tansu {
    pub(crate) addr: String,
    _child: tokio::process::Child,
}

fn tansu_binary() -> anyhow::Result<PathBuf> {
    if let Ok(p) = std::env::var("TANSU") {
        return Ok(PathBuf::from(p));
    }
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("tansu")).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join(".cargo/bin/tansu"));
    }
    candidates.into_iter().find(|p| p.is_file()).context(
        "the tansu broker is not installed: run the README's test command (scripts/test.sh), \
         which installs it with `cargo install tansu --locked --features dynostore,libsql`",
    )
}

fn free_port() -> anyhow::Result<u16> {
    Ok(StdListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl Tansu {
    /// Starts Tansu with in-memory storage and waits until it accepts
    /// connections.
    pub(crate) async fn start() -> anyhow::Result<Tansu> {
        let bin = tansu_binary()?;
        let port = free_port()?;
        let url = format!("tcp://127.0.0.1:{port}");
        let child = tokio::process::Command::new(bin)
            .args([
                "broker",
                "--listener-url",
                &url,
                "--advertised-listener-url",
                &url,
            ])
            .args(["--storage-engine", "memory://tansu/"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("starting tansu")?;
        let addr = format!("127.0.0.1:{port}");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(&addr).await.is_ok() {
                return Ok(Tansu {
                    addr,
                    _child: child,
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("tansu did not start listening on {addr}")
    }
}

/// Shared state of the local HTTP server.
#[derive(Clone, Default)]
pub(crate) struct Served {
    /// Path (without the leading slash) → body.
    pub(crate) files: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    /// Bodies POSTed to `/hook/<name>`, per name.
    pub(crate) hooks: Arc<Mutex<HashMap<String, Vec<Vec<u8>>>>>,
    /// Every GET of a file, in order.
    pub(crate) requests: Arc<Mutex<Vec<Request>>>,
}

/// One GET the server answered.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// The path without the leading slash.
    pub(crate) path: String,
    pub(crate) user_agent: String,
    pub(crate) if_none_match: Option<String>,
    pub(crate) if_modified_since: Option<String>,
    pub(crate) status: u16,
}

/// The Last-Modified of every served file.
pub(crate) const LAST_MODIFIED: &str = "Mon, 01 Jan 2024 00:00:00 GMT";

/// The ETag of a served body.
pub(crate) fn etag(body: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

impl Served {
    /// Serves every file under `examples/` at its relative path.
    pub(crate) fn with_examples() -> anyhow::Result<Served> {
        let s = Served::default();
        for dir in ["feeds", "pages"] {
            for e in std::fs::read_dir(examples().join(dir))? {
                let p = e?.path();
                let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
                s.files.lock().unwrap().insert(name, std::fs::read(&p)?);
            }
        }
        Ok(s)
    }

    /// Serves `body` at `path` (replacing what was there).
    pub(crate) fn put(&self, path: &str, body: impl Into<Vec<u8>>) {
        self.files
            .lock()
            .unwrap()
            .insert(path.to_string(), body.into());
    }

    /// The GETs answered so far.
    pub(crate) fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub(crate) fn hook_bodies(&self, name: &str) -> Vec<serde_json::Value> {
        self.hooks
            .lock()
            .unwrap()
            .get(name)
            .map(|v| {
                v.iter()
                    .filter_map(|b| serde_json::from_slice(b).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Answers a GET, conditionally: every file has an ETag (a hash of its
/// body) and a fixed Last-Modified, and a matching If-None-Match (or, without
/// one, If-Modified-Since) gets 304 Not Modified.
async fn serve_file(
    State(s): State<Served>,
    UrlPath(path): UrlPath<String>,
    headers: header::HeaderMap,
) -> impl IntoResponse {
    let body = s.files.lock().unwrap().get(&path).cloned();
    let h = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut request = Request {
        path: path.clone(),
        user_agent: h(header::USER_AGENT).unwrap_or_default(),
        if_none_match: h(header::IF_NONE_MATCH),
        if_modified_since: h(header::IF_MODIFIED_SINCE),
        status: 200,
    };
    let tag = body.as_deref().map(etag);
    let not_modified = match (&request.if_none_match, &request.if_modified_since) {
        (Some(inm), _) => tag.as_deref() == Some(inm.as_str()),
        (None, Some(ims)) => body.is_some() && ims == LAST_MODIFIED,
        (None, None) => false,
    };
    request.status = match (&body, not_modified) {
        (None, _) => 404,
        (Some(_), true) => 304,
        (Some(_), false) => 200,
    };
    s.requests.lock().unwrap().push(request);
    if not_modified {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let kind = match Path::new(&path).extension().and_then(|e| e.to_str()) {
        Some("xml") => "application/rss+xml",
        Some("atom") => "application/atom+xml",
        Some("json") => "application/feed+json",
        _ => "text/html; charset=utf-8",
    };
    match body {
        Some(b) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, kind.to_string()),
                (header::ETAG, tag.unwrap_or_default()),
                (header::LAST_MODIFIED, LAST_MODIFIED.to_string()),
            ],
            b,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn take_hook(
    State(s): State<Served>,
    UrlPath(name): UrlPath<String>,
    body: Bytes,
) -> StatusCode {
    s.hooks
        .lock()
        .unwrap()
        .entry(name)
        .or_default()
        .push(body.to_vec());
    StatusCode::NO_CONTENT
}

/// Starts the HTTP server on a free loopback port; returns its base URL.
pub(crate) async fn serve(s: Served) -> anyhow::Result<String> {
    let app = Router::new()
        .route("/hook/{name}", post(take_hook))
        .route("/{*path}", get(serve_file))
        .with_state(s);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(format!("http://{addr}"))
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A config for one test: unique topic prefix and groups, the given feeds,
/// loopback allowed for the local servers, one webhook into the server.
pub(crate) fn config(brokers: Option<&str>, base: &str, feeds: &[&str]) -> Config {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let mut cfg = Config::default();
    if let Some(b) = brokers {
        cfg.kafka.brokers = b.to_string();
        cfg.kafka.topic_prefix = format!("e2e{}x{n}", std::process::id());
        cfg.kafka.group_prefix = cfg.kafka.topic_prefix.clone();
        cfg.kafka.partitions = 2;
    }
    cfg.fetcher.feeds = feeds
        .iter()
        .map(|f| FeedConfig {
            url: format!("{base}/feeds/{f}"),
            name: Some(f.to_string()),
            fetch_articles: true,
            identity: Default::default(),
        })
        .collect();
    cfg.fetcher.allow_hosts = vec!["127.0.0.1".into()];
    cfg.alerter.allow_private = true;
    let hook: HookConfig = serde_json::from_value(serde_json::json!({
        "name": "all",
        "url": format!("{base}/hook/all"),
        "secret": "test-secret",
        "max_retries": 3,
        "rate_per_sec": 100.0,
    }))
    .expect("a valid hook");
    cfg.alerter.hooks = vec![hook];
    cfg
}

/// One record read from an output topic.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) topic: String,
    pub(crate) key: String,
    pub(crate) headers: HashMap<String, String>,
    pub(crate) event: serde_json::Value,
}

/// Reads `topics` from the beginning until `done` holds for what has been
/// read, or `timeout` passes (an error naming what was seen).
pub(crate) async fn read_until(
    brokers: &str,
    topics: &[&str],
    timeout: Duration,
    done: impl Fn(&[Record]) -> bool,
) -> anyhow::Result<Vec<Record>> {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let consumer: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", format!("e2e-reader-{}-{n}", std::process::id()))
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .create()?;
    consumer.subscribe(topics)?;
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + timeout;
    while !done(&seen) {
        let m = match tokio::time::timeout_at(deadline, consumer.recv()).await {
            Ok(m) => m?,
            Err(_) => bail!(
                "timed out after {timeout:?}; read {} records: {:#?}",
                seen.len(),
                seen.iter().map(|r| (&r.topic, &r.key)).collect::<Vec<_>>()
            ),
        };
        let headers = m
            .headers()
            .map(|h| {
                h.iter()
                    .map(|x| {
                        let v = x.value.map(|v| String::from_utf8_lossy(v).into_owned());
                        (x.key.to_string(), v.unwrap_or_default())
                    })
                    .collect()
            })
            .unwrap_or_default();
        seen.push(Record {
            topic: m.topic().to_string(),
            key: String::from_utf8_lossy(m.key().unwrap_or_default()).into_owned(),
            headers,
            event: serde_json::from_slice(m.payload().unwrap_or_default())?,
        });
    }
    Ok(seen)
}

/// Whether `records` hold a denial refuting a claim whose claimant name
/// contains `claimant`, and that claim itself.
pub(crate) fn linked(records: &[Record], claimant: &str, denier: &str) -> bool {
    find_link(records, claimant, denier).is_some()
}

/// The (claim, denial) pair linking `claimant` to `denier`, if present.
pub(crate) fn find_link<'a>(
    records: &'a [Record],
    claimant: &str,
    denier: &str,
) -> Option<(&'a Record, &'a Record)> {
    let claims: Vec<&Record> = records
        .iter()
        .filter(|r| r.topic.ends_with(".claims.unverified"))
        .filter(|r| {
            r.event["claimant"]["name"]
                .as_str()
                .is_some_and(|n| n.contains(claimant))
        })
        .collect();
    records
        .iter()
        .filter(|r| r.topic.ends_with(".denials.official"))
        .filter(|r| {
            r.event["denier"]["name"]
                .as_str()
                .is_some_and(|n| n.contains(denier))
        })
        .find_map(|d| {
            let refuted = d.event["refutes"].as_array()?;
            claims
                .iter()
                .find(|c| refuted.iter().any(|x| x["claim_id"] == c.event["id"]))
                .map(|c| (*c, d))
        })
}
