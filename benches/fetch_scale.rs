//! Fetcher throughput at scale: serves N generated feeds (default 10,000,
//! or `CLAIMWATCH_BENCH_FEEDS`) and their article pages from a local HTTP
//! server, then runs two passes of the fetcher over them: the first fetches
//! every feed and page (conditional-GET misses), the second is answered
//! `304 Not Modified` for every feed (hits). Prints feeds/s, articles/s and
//! the process's peak memory.
//!
//! Run: `cargo bench --bench fetch_scale`

use std::time::Instant;

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use claimwatch_fetcher::stage::Fetcher;
use claimwatch_shared::bus::{MemoryBus, Publisher};
use claimwatch_shared::config::{FeedConfig, FetcherConfig};
use claimwatch_shared::topics::Topics;

async fn feed(Path(name): Path<String>, headers: HeaderMap) -> impl IntoResponse {
    let n: usize = name.trim_end_matches(".xml").parse().unwrap_or(0);
    let etag = format!("\"feed-{n}-v1\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag)],
            String::new(),
        );
    }
    let body = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>
<item><title>Story {n}</title><link>/page/{n}.html</link><guid>story-{n}</guid>
<pubDate>Tue, 11 Jun 2024 09:00:00 GMT</pubDate><description>Summary of story {n}.</description></item>
</channel></rss>"#
    );
    (StatusCode::OK, [(header::ETAG, etag)], body)
}

async fn page(Path(name): Path<String>) -> impl IntoResponse {
    let n = name.trim_end_matches(".html");
    let para = format!(
        "<p>Officials in district {n} said on Tuesday that the new bridge would open in the spring, \
         and the mayor claimed the project had come in under budget, which the contractor disputed.</p>"
    );
    let body = format!(
        "<html><head><title>Story {n}</title></head><body><nav><a href='/'>Home</a></nav>\
         <article><h1>Story {n}</h1>{}</article><footer>Footer</footer></body></html>",
        para.repeat(6)
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = std::env::var("CLAIMWATCH_BENCH_FEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let app = Router::new()
        .route("/feed/{name}", get(feed))
        .route("/page/{name}", get(page));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });

    let cfg = FetcherConfig {
        feeds: (0..n)
            .map(|i| FeedConfig {
                url: format!("http://{addr}/feed/{i}.xml"),
                name: None,
                fetch_articles: true,
                identity: Default::default(),
            })
            .collect(),
        allow_hosts: vec!["127.0.0.1".into()],
        // Every generated feed lives on one host; politeness would measure
        // the limit, not the fetcher.
        per_host_concurrency: 64,
        ..FetcherConfig::default()
    };
    let topics = Topics::default();
    let mut fetcher = Fetcher::build(&cfg)?;
    for pass in ["misses (first fetch)", "hits (304 Not Modified)"] {
        let mut bus = MemoryBus::new();
        let mut articles = bus.subscribe(&topics.articles, 1024);
        let mut dead = bus.subscribe(&topics.deadletter, 1024);
        let publisher = Publisher::Memory(bus.publisher());
        drop(bus);
        let drain = tokio::spawn(async move {
            let (mut a, mut d) = (0u64, 0u64);
            loop {
                tokio::select! {
                    m = articles.recv() => match m { Some(_) => a += 1, None => break },
                    m = dead.recv() => if m.is_some() { d += 1 },
                }
            }
            (a, d)
        });
        let t0 = Instant::now();
        let stats = fetcher
            .run(publisher, &topics, true, std::future::pending())
            .await?;
        let secs = t0.elapsed().as_secs_f64();
        let (published, dead_letters) = drain.await?;
        println!(
            "pass: {pass}\n  feeds {n}  polls {}  not_modified {}  pages {}  articles {published}  dead_letters {dead_letters}\n  {:.2} s  {:.0} feeds/s  {:.0} articles/s",
            stats.polls,
            stats.not_modified,
            stats.pages,
            secs,
            stats.polls as f64 / secs,
            published as f64 / secs,
        );
    }
    match peak_rss_kib() {
        Some(kib) => println!("peak memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0),
        None => println!("peak memory: /proc/self/status is not readable here"),
    }
    Ok(())
}
