//! The fetcher stage end to end against a local HTTP server on 127.0.0.1:0:
//! feeds, pages, conditional GET, revisions, dead letters and the SSRF guard,
//! with articles read back from the in-memory bus.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use claimwatch_fetcher::Fetcher;
use claimwatch_shared::bus::{MemoryBus, Message, Publisher};
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::config::{FeedConfig, FetcherConfig};
use claimwatch_shared::events::{Article, DeadLetter};
use claimwatch_shared::topics::Topics;
use tokio::sync::mpsc::Receiver;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[derive(Default)]
struct Server {
    old_hits: AtomicUsize,
    busy_hits: AtomicUsize,
    version: AtomicUsize,
    feed_hits: AtomicUsize,
    not_modified: AtomicUsize,
    page_hits: AtomicUsize,
}

fn paragraph(topic: &str, n: usize) -> String {
    format!(
        "<p>Paragraph {n} about {topic}: the council met on Tuesday, and members argued, at length, over the budget for the coming year.</p>"
    )
}

fn page(topic: &str, extra: &str) -> String {
    let body: String = (1..=4).map(|n| paragraph(topic, n)).collect();
    format!(
        "<html><head><title>{topic}</title></head><body><nav><a href='/'>Home</a><a href='/x'>World</a></nav>\
         <article>{body}{extra}</article><footer><p>Copyright the example paper, all rights reserved forever.</p></footer></body></html>"
    )
}

async fn feed(State(s): State<Arc<Server>>, headers: HeaderMap) -> Response {
    s.feed_hits.fetch_add(1, Ordering::SeqCst);
    let v = s.version.load(Ordering::SeqCst);
    let etag = format!("\"v{v}\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|h| h.to_str().ok())
        == Some(etag.as_str())
    {
        s.not_modified.fetch_add(1, Ordering::SeqCst);
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let body = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Budget row</title><link>/a1.html</link><guid>urn:test:1</guid></item>
<item><title>Harbour</title><link>/a2.html?utm_source=rss</link><guid>urn:test:2</guid><pubDate>Tue, 04 Jun 2024 10:00:00 GMT</pubDate><description>v{v}</description></item>
<item><title>Gone</title><link>/missing.html</link><guid>urn:test:3</guid><description>The feed's own summary of the missing story.</description></item>
<item><title>Document</title><link>/report.pdf</link><guid>urn:test:4</guid><description>A report, as a PDF.</description></item>
</channel></rss>"#
    );
    (
        [
            (header::ETAG, etag),
            (header::CONTENT_TYPE, "application/rss+xml".to_string()),
        ],
        body,
    )
        .into_response()
}

async fn a1(State(s): State<Arc<Server>>) -> impl IntoResponse {
    s.page_hits.fetch_add(1, Ordering::SeqCst);
    let html = page("budget", "").replace(
        "<head>",
        "<head><link rel=\"canonical\" href=\"/canonical/budget\">",
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html)
}

/// A feed linking the budget story by its canonical address.
async fn canonical_feed() -> Response {
    let body = r#"<rss version="2.0"><channel><title>Canonical</title>
<item><title>Budget row</title><link>/canonical/budget</link><guid>canon-1</guid></item>
</channel></rss>"#;
    ([(header::CONTENT_TYPE, "application/rss+xml")], body).into_response()
}

async fn a2(State(s): State<Arc<Server>>) -> impl IntoResponse {
    s.page_hits.fetch_add(1, Ordering::SeqCst);
    let extra = if s.version.load(Ordering::SeqCst) > 0 {
        "<p>Update: the ministry denied the report on Wednesday, calling it false and baseless in a statement.</p>"
    } else {
        ""
    };
    (
        [(header::CONTENT_TYPE, "text/html")],
        page("harbour", extra),
    )
}

async fn old_feed(State(s): State<Arc<Server>>) -> Response {
    s.old_hits.fetch_add(1, Ordering::SeqCst);
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, "/feed.xml")],
    )
        .into_response()
}

async fn busy(State(s): State<Arc<Server>>) -> Response {
    s.busy_hits.fetch_add(1, Ordering::SeqCst);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "3600")],
    )
        .into_response()
}

/// A feed whose links go through a click-tracking redirect.
async fn tracked_feed() -> Response {
    let body = r#"<rss version="2.0"><channel><title>Tracked</title>
<item><title>Budget row</title><link>/track/1</link><guid>tracked-1</guid></item>
</channel></rss>"#;
    ([(header::CONTENT_TYPE, "application/rss+xml")], body).into_response()
}

/// A second feed carrying the budget story under another GUID and with
/// tracking parameters on its link.
async fn other_feed() -> Response {
    let body = r#"<rss version="2.0"><channel><title>Other</title>
<item><title>Budget row</title><link>/a1.html?utm_source=other&amp;utm_medium=rss</link><guid>other-7</guid></item>
</channel></rss>"#;
    ([(header::CONTENT_TYPE, "application/rss+xml")], body).into_response()
}

/// 4 MiB of feed in 64 KiB chunks with no Content-Length: only counting
/// while streaming can stop it.
async fn huge_streamed() -> Response {
    let chunk = axum::body::Bytes::from(vec![b' '; 64 * 1024]);
    let chunks =
        futures::stream::iter((0..64).map(move |_| Ok::<_, std::io::Error>(chunk.clone())));
    (
        [(header::CONTENT_TYPE, "application/rss+xml")],
        axum::body::Body::from_stream(chunks),
    )
        .into_response()
}

/// 16 MiB of zeros gzipped to a few KiB: the cap counts decompressed bytes.
async fn gzip_bomb() -> Response {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..16 {
        gz.write_all(&zeros).unwrap();
    }
    let body = gz.finish().unwrap();
    (
        [
            (header::CONTENT_TYPE, "application/rss+xml"),
            (header::CONTENT_ENCODING, "gzip"),
        ],
        body,
    )
        .into_response()
}

/// Headers at once, then a body that never finishes.
async fn stalled_body() -> Response {
    let chunks = futures::stream::unfold(0u8, |n| async move {
        if n > 0 {
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Some((
            Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"<rss><channel>")),
            n + 1,
        ))
    });
    (
        [(header::CONTENT_TYPE, "application/rss+xml")],
        axum::body::Body::from_stream(chunks),
    )
        .into_response()
}

async fn serve() -> Result<(Arc<Server>, String), Box<dyn std::error::Error>> {
    let state = Arc::new(Server::default());
    let app = Router::new()
        .route("/feed.xml", get(feed))
        .route("/a1.html", get(a1))
        .route("/a2.html", get(a2))
        .route("/old-feed.xml", get(old_feed))
        .route(
            "/report.pdf",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/pdf")],
                    "%PDF-1.4 not html",
                )
            }),
        )
        .route("/busy.xml", get(busy))
        .route("/other.xml", get(other_feed))
        .route("/tracked.xml", get(tracked_feed))
        .route("/canon.xml", get(canonical_feed))
        .route("/canonical/budget", get(a1))
        .route(
            "/to-metadata.xml",
            get(|| async {
                (
                    StatusCode::FOUND,
                    [(header::LOCATION, "http://169.254.169.254/latest/meta-data/")],
                )
                    .into_response()
            }),
        )
        .route("/huge.xml", get(huge_streamed))
        .route(
            "/huge-declared.xml",
            get(|| async { "<rss>".repeat(100_000) }),
        )
        .route("/bomb.xml", get(gzip_bomb))
        .route(
            "/slow.xml",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                "<rss/>"
            }),
        )
        .route("/stalled.xml", get(stalled_body))
        .route(
            "/track/1",
            get(|| async { (StatusCode::FOUND, [(header::LOCATION, "/a1.html")]).into_response() }),
        )
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((state, format!("http://{addr}")))
}

fn config(base: &str, allow: bool) -> FetcherConfig {
    config_for(base, allow, &["/feed.xml"])
}

fn config_for(base: &str, allow: bool, paths: &[&str]) -> FetcherConfig {
    FetcherConfig {
        feeds: paths
            .iter()
            .map(|p| FeedConfig {
                url: format!("{base}{p}"),
                name: None,
                fetch_articles: true,
                identity: Default::default(),
            })
            .collect(),
        interval_secs: 1,
        timeout_secs: 5,
        connect_timeout_secs: 5,
        allow_hosts: if allow {
            vec!["127.0.0.1".into()]
        } else {
            vec![]
        },
        ..FetcherConfig::default()
    }
}

struct Bus {
    publisher: Publisher,
    articles: Receiver<Message>,
    dead: Receiver<Message>,
}

fn bus(topics: &Topics) -> Bus {
    let mut b = MemoryBus::new();
    let articles = b.subscribe(&topics.articles, 100);
    let dead = b.subscribe(&topics.deadletter, 100);
    Bus {
        publisher: Publisher::Memory(b.publisher()),
        articles,
        dead,
    }
}

fn drain<T: serde::de::DeserializeOwned>(
    rx: &mut Receiver<Message>,
) -> Result<Vec<(Message, T)>, serde_json::Error> {
    let mut out = Vec::new();
    while let Ok(m) = rx.try_recv() {
        let v = serde_json::from_slice(&m.payload)?;
        out.push((m, v));
    }
    Ok(out)
}

#[tokio::test]
async fn one_pass_publishes_articles_and_dead_letters() -> TestResult {
    let (server, base) = serve().await?;
    let topics = Topics::new("t1");
    let mut b = bus(&topics);
    let metrics = claimwatch_shared::metrics::Metrics::new();
    let mut fetcher = Fetcher::build(&config(&base, true))?.with_metrics(metrics.clone());
    let stats = fetcher
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(stats.polls, 1);
    assert_eq!(stats.items, 4);
    let articles: Vec<(Message, Article)> = drain(&mut b.articles)?;
    assert_eq!(articles.len(), 4, "{articles:?}");
    for (m, a) in &articles {
        assert_eq!(m.key, a.id);
        let attrs = m.attributes.as_ref().ok_or("no CloudEvents attributes")?;
        assert_eq!(attrs.kind, types::ARTICLE);
        assert_eq!(attrs.source, "/claimwatch/fetcher");
        assert_eq!(a.revision, 1);
    }
    let budget = &articles[0].1;
    assert_eq!(budget.title, "Budget row");
    assert_eq!(budget.text_source, "page");
    assert_eq!(
        budget.url.as_deref(),
        Some(format!("{base}/a1.html").as_str())
    );
    assert!(
        budget.text.contains("Paragraph 4 about budget"),
        "{}",
        budget.text
    );
    assert!(!budget.text.contains("Copyright"), "{}", budget.text);
    assert_eq!(budget.text.matches("\n\n").count(), 3);
    let harbour = &articles[1].1;
    assert!(harbour.published.is_some());
    let gone = &articles[2].1;
    assert_eq!(gone.text_source, "feed");
    assert_eq!(gone.text, "The feed's own summary of the missing story.");
    let pdf = &articles[3].1;
    assert_eq!(pdf.text_source, "feed", "a PDF is not extracted as HTML");
    let dead: Vec<(Message, DeadLetter)> = drain(&mut b.dead)?;
    assert_eq!(dead.len(), 2, "{dead:?}");
    assert!(dead[0].1.reason.contains("404"), "{}", dead[0].1.reason);
    assert!(
        dead[1].1.reason.contains("not an HTML page"),
        "{}",
        dead[1].1.reason
    );
    assert_eq!(dead[0].1.stage, "fetcher");
    assert_eq!(server.page_hits.load(Ordering::SeqCst), 2);
    assert_eq!(metrics.feeds_fetched("ok").get(), 1);
    assert_eq!(metrics.articles().get(), 4);
    assert_eq!(metrics.dead_letters("fetcher").get(), 2);
    assert_eq!(
        metrics.records_published("fetcher", &topics.articles).get(),
        4
    );
    let url = format!("{base}/feed.xml");
    assert_eq!(metrics.feed_failures(&url).get(), 0);
    assert!(metrics.feed_last_success(&url).get() > 1_700_000_000);
    assert_eq!(metrics.feeds_polled("ok").get(), 1);
    Ok(())
}

/// Huge, compressed-huge, slow and stalled responses each become a dead
/// letter with a clear reason, quickly, and the good feed is still read.
#[tokio::test]
async fn huge_and_slow_responses_are_dead_lettered_and_the_rest_goes_on() -> TestResult {
    let (_server, base) = serve().await?;
    let topics = Topics::new("t-bad");
    let mut b = bus(&topics);
    let bad = [
        "/huge.xml",
        "/huge-declared.xml",
        "/bomb.xml",
        "/slow.xml",
        "/stalled.xml",
    ];
    let mut cfg = config_for(&base, true, &[&["/feed.xml"][..], &bad[..]].concat());
    cfg.max_bytes = 256 * 1024;
    cfg.timeout_secs = 2;
    let mut fetcher = Fetcher::build(&cfg)?;
    let started = std::time::Instant::now();
    let stats = fetcher
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    // The servers answer after 30 s or never: the timeouts cut them off.
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(stats.polls, 6);
    let articles: Vec<(Message, Article)> = drain(&mut b.articles)?;
    assert_eq!(articles.len(), 4, "the good feed is read in full");
    let dead: Vec<(Message, DeadLetter)> = drain(&mut b.dead)?;
    let reason = |path: &str| -> String {
        let url = format!("{base}{path}");
        dead.iter()
            .find(|(_, d)| d.reason.contains(&url))
            .map(|(_, d)| d.reason.clone())
            .unwrap_or_else(|| panic!("no dead letter for {url}: {dead:?}"))
    };
    for path in ["/huge.xml", "/huge-declared.xml", "/bomb.xml"] {
        let r = reason(path);
        assert!(r.contains("larger than 262144 bytes"), "{path}: {r}");
    }
    for path in ["/slow.xml", "/stalled.xml"] {
        let r = reason(path);
        assert!(r.contains("timed out"), "{path}: {r}");
    }
    Ok(())
}

#[tokio::test]
async fn a_failing_feed_shows_in_the_health_metrics() -> TestResult {
    let (_server, base) = serve().await?;
    let topics = Topics::new("t-health");
    let b = bus(&topics);
    let metrics = claimwatch_shared::metrics::Metrics::new();
    let cfg = config_for(&base, true, &["/feed.xml", "/no-such-feed.xml"]);
    let mut fetcher = Fetcher::build(&cfg)?.with_metrics(metrics.clone());
    fetcher
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    let broken = format!("{base}/no-such-feed.xml");
    assert_eq!(metrics.feed_failures(&broken).get(), 1);
    assert_eq!(metrics.feed_last_success(&broken).get(), 0);
    assert_eq!(metrics.feeds_polled("failing").get(), 1);
    assert_eq!(metrics.feeds_polled("ok").get(), 1);
    let text = metrics.render();
    assert!(
        text.contains(&format!(
            "claimwatch_feed_consecutive_failures{{feed=\"{broken}\"}} 1"
        )),
        "{text}"
    );
    Ok(())
}

#[tokio::test]
async fn unchanged_feeds_are_not_refetched_and_changes_make_revisions() -> TestResult {
    let (server, base) = serve().await?;
    let topics = Topics::new("t2");
    let mut b = bus(&topics);
    let mut fetcher = Fetcher::build(&config(&base, true))?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let publisher = b.publisher.clone();
    let t = topics.clone();
    let task = tokio::spawn(async move {
        fetcher
            .run(publisher, &t, false, async {
                let _ = stop_rx.await;
            })
            .await
    });
    // The first poll: four articles.
    let mut first = Vec::new();
    for _ in 0..4 {
        let m = tokio::time::timeout(Duration::from_secs(10), b.articles.recv())
            .await?
            .ok_or("bus closed")?;
        first.push(serde_json::from_slice::<Article>(&m.payload)?);
    }
    // Wait for a conditional poll answered 304, then change the story.
    tokio::time::timeout(Duration::from_secs(10), async {
        while server.not_modified.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await?;
    let pages_before = server.page_hits.load(Ordering::SeqCst);
    assert_eq!(pages_before, 2, "an unchanged feed must not refetch pages");
    server.version.store(1, Ordering::SeqCst);
    let m = tokio::time::timeout(Duration::from_secs(10), b.articles.recv())
        .await?
        .ok_or("bus closed")?;
    let revised: Article = serde_json::from_slice(&m.payload)?;
    assert_eq!(revised.id, first[1].id, "same identity");
    assert_eq!(revised.revision, 2);
    assert!(revised.text.contains("ministry denied"), "{}", revised.text);
    stop_tx.send(()).map_err(|_| "the stage stopped early")?;
    let stats = tokio::time::timeout(Duration::from_secs(10), task).await???;
    assert!(stats.not_modified >= 1);
    assert_eq!(stats.articles, 5);
    // Only the changed item was published again.
    assert!(b.articles.try_recv().is_err());
    Ok(())
}

#[tokio::test]
async fn loopback_feeds_are_refused_unless_allowed() -> TestResult {
    let (server, base) = serve().await?;
    let topics = Topics::new("t3");
    let mut b = bus(&topics);
    let mut fetcher = Fetcher::build(&config(&base, false))?;
    let stats = fetcher
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(stats.articles, 0);
    let dead: Vec<(Message, DeadLetter)> = drain(&mut b.dead)?;
    assert_eq!(dead.len(), 1);
    assert!(dead[0].1.reason.contains("refused"), "{}", dead[0].1.reason);
    assert_eq!(
        server.feed_hits.load(Ordering::SeqCst),
        0,
        "no request may reach the server"
    );
    Ok(())
}

#[tokio::test]
async fn a_redirect_to_a_private_address_is_refused() -> TestResult {
    let (_server, base) = serve().await?;
    let topics = Topics::new("t11");
    let mut b = bus(&topics);
    // 127.0.0.1 is allowed; the metadata address it redirects to is not.
    let stats = Fetcher::build(&config_for(&base, true, &["/to-metadata.xml"]))?
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(stats.articles, 0);
    let dead: Vec<(Message, DeadLetter)> = drain(&mut b.dead)?;
    assert_eq!(dead.len(), 1);
    assert!(
        dead[0].1.reason.contains("169.254.169.254"),
        "{}",
        dead[0].1.reason
    );
    assert!(dead[0].1.reason.contains("refused"), "{}", dead[0].1.reason);
    Ok(())
}

#[tokio::test]
async fn local_feeds_read_relative_pages_from_disk() -> TestResult {
    let dir = std::env::temp_dir().join(format!("cw-fetcher-local-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pages"))?;
    std::fs::write(dir.join("pages/one.html"), page("the local story", ""))?;
    std::fs::write(
        dir.join("feed.xml"),
        r#"<rss version="2.0"><channel><title>L</title><item><title>One</title><link>pages/one.html</link></item></channel></rss>"#,
    )?;
    let topics = Topics::new("t4");
    let mut b = bus(&topics);
    let cfg = FetcherConfig {
        feeds: vec![FeedConfig {
            url: dir.join("feed.xml").display().to_string(),
            name: None,
            fetch_articles: true,
            identity: Default::default(),
        }],
        ..FetcherConfig::default()
    };
    let stats = Fetcher::build(&cfg)?
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    let articles: Vec<(Message, Article)> = drain(&mut b.articles)?;
    let dead: Vec<(Message, DeadLetter)> = drain(&mut b.dead)?;
    assert!(dead.is_empty(), "{dead:?}");
    assert_eq!(stats.articles, 1);
    assert_eq!(articles[0].1.text_source, "page");
    assert!(articles[0].1.text.contains("the local story"));
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Runs the stage in its loop for `secs` seconds, then stops it.
async fn run_for(
    cfg: &FetcherConfig,
    topics: &Topics,
    b: &Bus,
    secs: f64,
) -> Result<claimwatch_fetcher::FetchStats, Box<dyn std::error::Error>> {
    let mut fetcher = Fetcher::build(cfg)?;
    let stop = tokio::time::sleep(Duration::from_secs_f64(secs));
    Ok(fetcher
        .run(b.publisher.clone(), topics, false, stop)
        .await?)
}

#[tokio::test]
async fn a_permanent_redirect_moves_the_feed() -> TestResult {
    let (server, base) = serve().await?;
    let topics = Topics::new("t5");
    let mut b = bus(&topics);
    let mut fetcher = Fetcher::build(&config_for(&base, true, &["/old-feed.xml"]))?;
    for _ in 0..2 {
        fetcher
            .run(b.publisher.clone(), &topics, true, std::future::pending())
            .await?;
    }
    assert_eq!(
        server.old_hits.load(Ordering::SeqCst),
        1,
        "the second pass goes to the new address"
    );
    assert_eq!(server.feed_hits.load(Ordering::SeqCst), 2);
    assert_eq!(drain::<Article>(&mut b.articles)?.len(), 4);
    Ok(())
}

#[tokio::test]
async fn retry_after_is_honoured() -> TestResult {
    let (server, base) = serve().await?;
    let topics = Topics::new("t6");
    let mut b = bus(&topics);
    // The interval is one second, but the server asked for an hour.
    let stats = run_for(&config_for(&base, true, &["/busy.xml"]), &topics, &b, 2.5).await?;
    assert_eq!(stats.polls, 1, "{stats:?}");
    assert_eq!(server.busy_hits.load(Ordering::SeqCst), 1);
    let dead: Vec<(Message, DeadLetter)> = drain(&mut b.dead)?;
    assert_eq!(dead.len(), 1);
    assert!(dead[0].1.reason.contains("429"), "{}", dead[0].1.reason);
    Ok(())
}

#[tokio::test]
async fn the_same_story_in_two_feeds_is_emitted_once() -> TestResult {
    let (server, base) = serve().await?;
    let topics = Topics::new("t7");
    let mut b = bus(&topics);
    let stats = Fetcher::build(&config_for(&base, true, &["/feed.xml", "/other.xml"]))?
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(stats.polls, 2);
    let articles: Vec<(Message, Article)> = drain(&mut b.articles)?;
    let budget: Vec<_> = articles
        .iter()
        .filter(|(_, a)| a.title == "Budget row")
        .collect();
    assert_eq!(budget.len(), 1, "{articles:?}");
    // The second feed's copy was checked (fetched) but had the same content.
    assert_eq!(server.page_hits.load(Ordering::SeqCst), 3);
    Ok(())
}

#[tokio::test]
async fn a_tracking_link_and_the_page_it_leads_to_are_one_story() -> TestResult {
    let (_server, base) = serve().await?;
    let topics = Topics::new("t10");
    let mut b = bus(&topics);
    let stats = Fetcher::build(&config_for(&base, true, &["/tracked.xml", "/other.xml"]))?
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(stats.polls, 2);
    let articles: Vec<(Message, Article)> = drain(&mut b.articles)?;
    assert_eq!(articles.len(), 1, "{articles:?}");
    assert_eq!(articles[0].1.text_source, "page");
    Ok(())
}

#[tokio::test]
async fn a_page_and_its_canonical_address_are_one_story() -> TestResult {
    let (_server, base) = serve().await?;
    let topics = Topics::new("t12");
    let mut b = bus(&topics);
    Fetcher::build(&config_for(&base, true, &["/feed.xml", "/canon.xml"]))?
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    let articles: Vec<(Message, Article)> = drain(&mut b.articles)?;
    let budget = articles
        .iter()
        .filter(|(_, a)| a.title == "Budget row")
        .count();
    assert_eq!(budget, 1, "{articles:?}");
    Ok(())
}

#[tokio::test]
async fn a_restarted_fetcher_restored_from_its_articles_emits_nothing_known() -> TestResult {
    let (_server, base) = serve().await?;
    let topics = Topics::new("t8");
    let mut b = bus(&topics);
    let cfg = config(&base, true);
    Fetcher::build(&cfg)?
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    let first: Vec<Message> = drain::<Article>(&mut b.articles)?
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(first.len(), 4);
    let mut again = Fetcher::build(&cfg)?;
    let mut records = first.clone();
    records.push(Message {
        topic: topics.articles.clone(),
        key: "x".into(),
        payload: b"not an article".to_vec(),
        attributes: None,
    });
    assert_eq!(again.restore(&records), 4);
    let stats = again
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(stats.articles, 0, "{stats:?}");
    assert!(b.articles.try_recv().is_err());
    Ok(())
}

#[tokio::test]
async fn a_second_pass_keeps_what_the_first_learned() -> TestResult {
    let (server, base) = serve().await?;
    let topics = Topics::new("t9");
    let mut b = bus(&topics);
    let mut fetcher = Fetcher::build(&config(&base, true))?;
    let first = fetcher
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(first.articles, 4);
    let second = fetcher
        .run(b.publisher.clone(), &topics, true, std::future::pending())
        .await?;
    assert_eq!(second.not_modified, 1, "{second:?}");
    assert_eq!(second.articles, 0);
    assert_eq!(drain::<Article>(&mut b.articles)?.len(), 4);
    assert_eq!(server.not_modified.load(Ordering::SeqCst), 1);
    Ok(())
}

#[test]
fn bad_configuration_is_refused_at_build() {
    let cfg = FetcherConfig {
        feeds: vec![FeedConfig {
            url: "ftp://example.org/feed".into(),
            name: None,
            fetch_articles: true,
            identity: Default::default(),
        }],
        max_bytes: 10,
        ..FetcherConfig::default()
    };
    let e = Fetcher::build(&cfg).unwrap_err().to_string();
    assert!(e.contains("max_bytes"), "{e}");
    assert!(e.contains("ftp://"), "{e}");
}
