//! The pipeline over a real Kafka-protocol broker (Tansu): each stage runs as
//! its own task with its own consumer group, exactly as the containers do.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use claimwatch::pipeline::{self, Shutdown, StageName};
use claimwatch_fetcher::stage::Fetcher;
use claimwatch_shared::bus::{Message, Publisher};
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::config::Config;
use claimwatch_shared::events::FeedSpec;
use claimwatch_shared::kafka::{ensure_topics, KafkaPublisher};
use tokio::sync::oneshot;

use crate::helpers::{self, find_link, linked, Served, Tansu};

const WAIT: Duration = Duration::from_secs(90);

/// Starts the parser, two matcher replicas (one consumer group, so they
/// split the statements' partitions and must share claims through the
/// claims topic) and the alerter as separate tasks; returns a trigger that
/// stops them and the tasks' handles.
fn start_stages(
    cfg: &Config,
) -> (
    oneshot::Sender<()>,
    Vec<tokio::task::JoinHandle<anyhow::Result<()>>>,
) {
    let (tx, rx) = oneshot::channel::<()>();
    let stop = Shutdown::on(async move {
        let _ = rx.await;
    });
    let tasks = [
        StageName::Parser,
        StageName::Matcher,
        StageName::Matcher,
        StageName::Alerter,
    ]
    .into_iter()
    .map(|name| {
        let (cfg, stop) = (cfg.clone(), stop.clone());
        tokio::spawn(async move { pipeline::run_stage(&cfg, name, stop).await })
    })
    .collect();
    (tx, tasks)
}

/// One pass of a fetcher over `cfg`'s feeds, publishing to Kafka.
async fn fetch_once(cfg: &Config) -> anyhow::Result<()> {
    let topics = cfg.kafka.topics();
    ensure_topics(&cfg.kafka, &topics.all()).await?;
    let publisher = Publisher::Kafka(KafkaPublisher::new(&cfg.kafka)?);
    Fetcher::build(&cfg.fetcher)?
        .run(publisher, &topics, true, std::future::pending())
        .await?;
    Ok(())
}

async fn stop(
    trigger: oneshot::Sender<()>,
    tasks: Vec<tokio::task::JoinHandle<anyhow::Result<()>>>,
) -> anyhow::Result<()> {
    let _ = trigger.send(());
    for t in tasks {
        t.await??;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_and_its_denial_in_one_article_become_linked_events() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let served = Served::with_examples()?;
    let base = helpers::serve(served.clone()).await?;
    let cfg = helpers::config(Some(&broker.addr), &base, &["northern-wire.xml"]);
    let topics = cfg.kafka.topics();
    fetch_once(&cfg).await?;
    let (trigger, tasks) = start_stages(&cfg);

    let records = helpers::read_until(
        &broker.addr,
        &[&topics.claims, &topics.denials],
        WAIT,
        |rs| linked(rs, "Varga", "Ardenian"),
    )
    .await?;
    let (claim, denial) = find_link(&records, "Varga", "Ardenian").expect("linked");
    assert_eq!(
        claim.key,
        claim.event["id"].as_str().unwrap(),
        "claims are keyed by claim id"
    );
    assert_eq!(
        denial.key, claim.key,
        "a denial is keyed by the claim it refutes"
    );
    assert_eq!(denial.event["denier"]["official"], true);
    assert_eq!(claim.event["schema_version"], 1);
    for r in [claim, denial] {
        for h in [
            "ce_specversion",
            "ce_id",
            "ce_type",
            "ce_source",
            "ce_time",
            "content-type",
        ] {
            assert!(
                r.headers.contains_key(h),
                "{h} missing on {}: {:?}",
                r.topic,
                r.headers
            );
        }
        assert_eq!(r.headers["ce_specversion"], "1.0");
        assert_eq!(r.headers["content-type"], "application/json");
    }
    assert_eq!(
        claim.headers["ce_type"],
        "io.claimwatch.claim.unverified.v1"
    );
    assert_eq!(
        denial.headers["ce_type"],
        "io.claimwatch.denial.official.v1"
    );
    let ids: Vec<&str> = records
        .iter()
        .map(|r| r.headers["ce_id"].as_str())
        .collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        ids.len(),
        unique.len(),
        "an event id appears twice: {ids:?}"
    );

    // The alerter delivered the link to the webhook.
    let deadline = tokio::time::Instant::now() + WAIT;
    while served.hook_bodies("all").is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(!served.hook_bodies("all").is_empty(), "no webhook delivery");
    stop(trigger, tasks).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_and_a_denial_from_two_feeds_are_linked_in_either_order() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let served = Served::with_examples()?;
    let base = helpers::serve(served).await?;

    // Claim first, then the denial from another feed.
    let claim_cfg = helpers::config(Some(&broker.addr), &base, &["lorn-gazette.atom"]);
    let mut denial_cfg = claim_cfg.clone();
    denial_cfg.fetcher.feeds = helpers::config(None, &base, &["harbour-times.json"])
        .fetcher
        .feeds;
    let topics = claim_cfg.kafka.topics();
    let (trigger, tasks) = start_stages(&claim_cfg);
    fetch_once(&claim_cfg).await?;
    helpers::read_until(&broker.addr, &[&topics.claims], WAIT, |rs| {
        rs.iter().any(|r| {
            r.event["claimant"]["name"]
                .as_str()
                .is_some_and(|n| n.contains("Brandt"))
        })
    })
    .await?;
    fetch_once(&denial_cfg).await?;
    let records = helpers::read_until(
        &broker.addr,
        &[&topics.claims, &topics.denials],
        WAIT,
        |rs| linked(rs, "Brandt", "Castell"),
    )
    .await?;
    let (claim, denial) = find_link(&records, "Brandt", "Castell").expect("linked");
    assert_ne!(
        claim.event["appearances"][0]["article"]["id"], denial.event["article"]["id"],
        "the claim and the denial come from different articles"
    );
    stop(trigger, tasks).await?;

    // The reverse: the denial arrives first; when the claim arrives, the
    // denial is published again with the link.
    let late_claim = helpers::config(Some(&broker.addr), &base, &["lorn-gazette.atom"]);
    let mut early_denial = late_claim.clone();
    early_denial.fetcher.feeds = denial_cfg.fetcher.feeds.clone();
    let topics = late_claim.kafka.topics();
    let (trigger, tasks) = start_stages(&late_claim);
    fetch_once(&early_denial).await?;
    helpers::read_until(&broker.addr, &[&topics.denials], WAIT, |rs| !rs.is_empty()).await?;
    fetch_once(&late_claim).await?;
    helpers::read_until(
        &broker.addr,
        &[&topics.claims, &topics.denials],
        WAIT,
        |rs| linked(rs, "Brandt", "Castell"),
    )
    .await?;
    stop(trigger, tasks).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_bad_record_goes_to_the_dead_letter_topic_and_the_stage_goes_on() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let served = Served::with_examples()?;
    let base = helpers::serve(served).await?;
    let cfg = helpers::config(Some(&broker.addr), &base, &["northern-wire.xml"]);
    let topics = cfg.kafka.topics();
    ensure_topics(&cfg.kafka, &topics.all()).await?;
    let publisher = Publisher::Kafka(KafkaPublisher::new(&cfg.kafka)?);
    publisher
        .publish(vec![claimwatch_shared::bus::Message {
            topic: topics.articles.clone(),
            key: "garbage".into(),
            payload: b"{not json".to_vec(),
            attributes: None,
        }])
        .await?;
    let (trigger, tasks) = start_stages(&cfg);
    fetch_once(&cfg).await?;
    let records = helpers::read_until(
        &broker.addr,
        &[&topics.deadletter, &topics.denials],
        WAIT,
        |rs| {
            rs.iter().any(|r| r.topic == topics.deadletter)
                && rs.iter().any(|r| r.topic == topics.denials)
        },
    )
    .await?;
    let dl = records
        .iter()
        .find(|r| r.topic == topics.deadletter)
        .unwrap();
    assert_eq!(dl.event["stage"], "parser");
    assert_eq!(dl.event["key"], "garbage");
    assert!(
        dl.event["reason"]
            .as_str()
            .unwrap()
            .contains("not an article"),
        "{:?}",
        dl.event
    );
    stop(trigger, tasks).await
}

#[tokio::test]
async fn run_over_kafka_prints_the_linked_events() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let served = Served::with_examples()?;
    let base = helpers::serve(served).await?;
    let cfg = helpers::config(Some(&broker.addr), &base, &["northern-wire.xml"]);
    let out = crate::embedded::Captured::default();
    let never = Shutdown::on(std::future::pending());
    pipeline::run_kafka_all(&cfg, true, Duration::from_secs(5), out.clone(), never).await?;
    let lines = out.lines();
    assert!(
        lines
            .iter()
            .any(|l| l["type"] == "io.claimwatch.denial.official.v1"),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l["type"] == "io.claimwatch.claim.unverified.v1"),
        "{lines:#?}"
    );
    Ok(())
}

/// Serves `n` generated RSS feeds (`feeds/gen-<i>.xml`) of `items` items
/// each, every item linking to its own page; returns the feeds' names.
fn generate_feeds(served: &Served, n: usize, items: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let name = format!("gen-{i}.xml");
            served.put(&format!("feeds/{name}"), generated_feed(served, i, items));
            name
        })
        .collect()
}

/// Feed `i` with items `0..items` (and their pages).
fn generated_feed(served: &Served, i: usize, items: usize) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
         <title>Generated {i}</title><link>https://example.org/</link>\
         <description>Generated feed {i}</description>"
    );
    for j in 0..items {
        xml += &format!(
            "<item><title>Generated story {i}.{j}</title>\
             <link>../pages/gen-{i}-{j}.html</link>\
             <guid isPermaLink=\"false\">urn:gen:{i}:{j}</guid>\
             <description>Summary of story {i}.{j}.</description></item>"
        );
        let para = format!(
            "<p>Story {i}.{j}: the council met on Tuesday and agreed the budget for \
             the harbour works after a long debate about the costs and the timetable, \
             which members said had slipped twice since the spring.</p>"
        );
        served.put(
            &format!("pages/gen-{i}-{j}.html"),
            format!(
                "<html><head><title>Generated story {i}.{j}</title></head><body>\
                 <article><h1>Generated story {i}.{j}</h1>{para}{para}</article></body></html>"
            ),
        );
    }
    xml + "</channel></rss>"
}

/// Starts a fetcher replica over Kafka as its container would run it;
/// returns its stop trigger and handle.
fn start_fetcher(
    cfg: Config,
) -> (
    oneshot::Sender<()>,
    tokio::task::JoinHandle<anyhow::Result<()>>,
) {
    let (tx, rx) = oneshot::channel::<()>();
    let stop = Shutdown::on(async move {
        let _ = rx.await;
    });
    let task =
        tokio::spawn(async move { pipeline::run_stage(&cfg, StageName::Fetcher, stop).await });
    (tx, task)
}

/// Every record of `topic` now, as `(key, payload)`.
async fn topic_now(cfg: &Config, topic: &str) -> anyhow::Result<Vec<serde_json::Value>> {
    let (k, t) = (cfg.kafka.clone(), topic.to_string());
    let records = tokio::task::spawn_blocking(move || {
        claimwatch_shared::kafka::read_to_end(&k, &t, Duration::from_secs(30))
    })
    .await??;
    records
        .iter()
        .map(|r| Ok(serde_json::from_slice(&r.payload)?))
        .collect()
}

/// Article ids published more than once.
fn repeated(articles: &[serde_json::Value]) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for a in articles {
        *counts
            .entry(a["id"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    counts.into_iter().filter(|(_, n)| *n > 1).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fetcher_replicas_share_the_feeds_and_emit_each_article_once() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let served = Served::with_examples()?;
    let mut names: Vec<String> = [
        "northern-wire.xml",
        "lorn-gazette.atom",
        "harbour-times.json",
    ]
    .map(String::from)
    .to_vec();
    names.extend(generate_feeds(&served, 8, 3));
    let base = helpers::serve(served.clone()).await?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let cfg = helpers::config(Some(&broker.addr), &base, &refs);
    let topics = cfg.kafka.topics();

    // Two replicas without feeds of their own join the group; then the
    // feeds arrive on the feeds topic and are shared out between them.
    let replica = |agent: &str| {
        let mut c = cfg.clone();
        c.fetcher.feeds.clear();
        c.fetcher.user_agent = agent.to_string();
        c.fetcher.interval_secs = 1;
        c
    };
    let (stop_a, a) = start_fetcher(replica("replica-a"));
    let (stop_b, b) = start_fetcher(replica("replica-b"));
    tokio::time::sleep(Duration::from_secs(12)).await;
    let now = chrono::Utc::now();
    let specs: Vec<Message> = cfg
        .fetcher
        .feeds
        .iter()
        .map(|f| {
            let spec = FeedSpec {
                schema_version: 1,
                url: f.url.clone(),
                name: f.name.clone(),
                fetch_articles: true,
                identity: Default::default(),
            };
            Message::event(
                &topics.feeds,
                &f.url,
                &f.url,
                types::FEED,
                "/e2e",
                now,
                &spec,
            )
        })
        .collect();
    Publisher::Kafka(KafkaPublisher::new(&cfg.kafka)?)
        .publish(specs)
        .await?;

    let generated = |rs: &[helpers::Record]| {
        rs.iter()
            .filter(|r| {
                r.event["title"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("Generated story"))
            })
            .count()
    };
    helpers::read_until(&broker.addr, &[&topics.articles], WAIT, |rs| {
        generated(rs) >= 8 * 3
    })
    .await?;
    // A few more polls of every feed (the interval is a second).
    tokio::time::sleep(Duration::from_secs(6)).await;
    let _ = stop_a.send(());
    let _ = stop_b.send(());
    a.await??;
    b.await??;

    let articles = topic_now(&cfg, &topics.articles).await?;
    assert_eq!(repeated(&articles), vec![], "an article was emitted twice");
    let requests = served.requests();
    let mut agents: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in &requests {
        agents
            .entry(r.path.as_str())
            .or_default()
            .insert(r.user_agent.as_str());
    }
    for name in &names {
        let path = format!("feeds/{name}");
        let by = agents.get(path.as_str()).cloned().unwrap_or_default();
        assert_eq!(by.len(), 1, "{path} was fetched by {by:?}");
        // The generated feeds give no refresh hint: polled every second.
        let polls = requests.iter().filter(|r| r.path == path).count();
        assert!(
            polls >= 2 || !name.starts_with("gen-"),
            "{path} was polled {polls} times"
        );
    }
    for (path, by) in &agents {
        assert_eq!(by.len(), 1, "{path} was fetched by {by:?}");
    }
    let used: HashSet<&str> = requests.iter().map(|r| r.user_agent.as_str()).collect();
    assert_eq!(used.len(), 2, "both replicas poll a share: {used:?}");
    // Polls after the first are conditional, and answered 304.
    assert!(
        requests
            .iter()
            .any(|r| r.status == 304 && r.if_none_match.is_some()),
        "no conditional GET"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_fetcher_resumes_from_the_checkpoints() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let served = Served::with_examples()?;
    let mut names = vec!["northern-wire.xml".to_string()];
    names.extend(generate_feeds(&served, 3, 2));
    let base = helpers::serve(served.clone()).await?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut cfg = helpers::config(Some(&broker.addr), &base, &refs);
    cfg.fetcher.interval_secs = 2;
    let topics = cfg.kafka.topics();
    let feed_paths: Vec<String> = names.iter().map(|n| format!("feeds/{n}")).collect();
    // northern-wire.xml says `<ttl>30</ttl>`: polled every half hour.
    let generated: Vec<&String> = feed_paths.iter().filter(|p| p.contains("gen-")).collect();
    ensure_topics(&cfg.kafka, &topics.all()).await?;

    // The first fetcher publishes its feeds, polls them, and stops.
    let mut first = cfg.clone();
    first.fetcher.user_agent = "first".into();
    let (stop, task) = start_fetcher(first);
    helpers::read_until(&broker.addr, &[&topics.articles], WAIT, |rs| {
        rs.iter()
            .filter(|r| {
                r.event["title"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("Generated story"))
            })
            .count()
            >= 3 * 2
    })
    .await?;
    // Every feed polled, so every feed has a checkpoint.
    let deadline = tokio::time::Instant::now() + WAIT;
    while !feed_paths
        .iter()
        .all(|p| served.requests().iter().any(|r| &r.path == p))
    {
        assert!(tokio::time::Instant::now() < deadline, "feeds not polled");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let _ = stop.send(());
    task.await??;
    let before = topic_now(&cfg, &topics.articles).await?;
    let feeds = topic_now(&cfg, &topics.feeds).await?;
    assert_eq!(feeds.len(), names.len(), "one record per configured feed");
    let checkpoints = topic_now(&cfg, &topics.fetcher_state).await?;
    assert!(
        checkpoints
            .iter()
            .any(|c| c["etag"].is_string() && !c["items"].as_array().unwrap().is_empty()),
        "{checkpoints:#?}"
    );

    // A new fetcher takes over: it asks conditionally with the stored
    // validators and emits nothing it had.
    let mut second = cfg.clone();
    second.fetcher.user_agent = "second".into();
    let (stop, task) = start_fetcher(second);
    let by_second = |p: &str| {
        served
            .requests()
            .into_iter()
            .filter(|r| r.user_agent == "second" && r.path == p)
            .count()
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    while !generated.iter().all(|p| by_second(p) > 0) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the second fetcher did not poll every generated feed"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // A new item in one feed is the only new article.
    served.put("feeds/gen-0.xml", generated_feed(&served, 0, 3));
    helpers::read_until(&broker.addr, &[&topics.articles], WAIT, |rs| {
        rs.iter().any(|r| r.event["title"] == "Generated story 0.2")
    })
    .await?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let _ = stop.send(());
    task.await??;

    let after = topic_now(&cfg, &topics.articles).await?;
    assert_eq!(repeated(&after), vec![], "an article was emitted again");
    assert_eq!(after.len(), before.len() + 1, "only the new item is new");
    let feeds = topic_now(&cfg, &topics.feeds).await?;
    assert_eq!(
        feeds.len(),
        names.len(),
        "the same feeds are not published again"
    );
    let second: Vec<helpers::Request> = served
        .requests()
        .into_iter()
        .filter(|r| r.user_agent == "second")
        .collect();
    assert_eq!(
        by_second("feeds/northern-wire.xml"),
        0,
        "a feed keeps its interval (ttl) across fetchers"
    );
    for p in &generated {
        let first_poll = second.iter().find(|r| &r.path == *p).unwrap();
        assert!(
            first_poll.if_none_match.is_some()
                && first_poll.if_modified_since.as_deref() == Some(helpers::LAST_MODIFIED),
            "{first_poll:?}"
        );
        assert_eq!(first_poll.status, 304, "{first_poll:?}");
    }
    let pages: Vec<&str> = second
        .iter()
        .filter(|r| r.path.starts_with("pages/"))
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(
        pages,
        ["pages/gen-0-2.html"],
        "only the new page is fetched"
    );
    Ok(())
}

#[tokio::test]
async fn feeds_are_published_to_the_feeds_topic_once() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let cfg = helpers::config(
        Some(&broker.addr),
        "http://news.example",
        &["a.xml", "b.xml"],
    );
    let topics = cfg.kafka.topics();
    let mut feeds = cfg.fetcher.feeds.clone();
    // A local path never goes to a topic: no fetcher would take it.
    feeds.push(claimwatch_shared::config::FeedConfig {
        url: "examples/feeds/northern-wire.xml".into(),
        name: None,
        fetch_articles: true,
        identity: Default::default(),
    });
    assert_eq!(pipeline::publish_feeds(&cfg.kafka, &feeds).await?, 2);
    assert_eq!(
        pipeline::publish_feeds(&cfg.kafka, &feeds).await?,
        0,
        "the same feeds again"
    );
    feeds[0].name = Some("Renamed".into());
    assert_eq!(pipeline::publish_feeds(&cfg.kafka, &feeds).await?, 1);
    let records = topic_now(&cfg, &topics.feeds).await?;
    assert_eq!(records.len(), 3, "{records:#?}");
    // One key, one partition: its records keep their order.
    let a: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["url"] == "http://news.example/feeds/a.xml")
        .collect();
    assert_eq!(a.len(), 2);
    assert_eq!(a[1]["name"], "Renamed");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_tombstone_in_the_feeds_topic_stops_the_polls_of_its_feed() -> anyhow::Result<()> {
    let broker = Tansu::start().await?;
    let served = Served::default();
    let names = generate_feeds(&served, 2, 1);
    let base = helpers::serve(served.clone()).await?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut cfg = helpers::config(Some(&broker.addr), &base, &refs);
    cfg.fetcher.interval_secs = 1;
    let topics = cfg.kafka.topics();
    let polls = |path: &str| served.requests().iter().filter(|r| r.path == path).count();
    let (stop, task) = start_fetcher(cfg.clone());
    let deadline = tokio::time::Instant::now() + WAIT;
    while polls("feeds/gen-0.xml") < 2 || polls("feeds/gen-1.xml") < 2 {
        assert!(tokio::time::Instant::now() < deadline, "feeds not polled");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let gone = &cfg.fetcher.feeds[1].url;
    Publisher::Kafka(KafkaPublisher::new(&cfg.kafka)?)
        .publish(vec![Message {
            topic: topics.feeds.clone(),
            key: gone.clone(),
            payload: Vec::new(),
            attributes: None,
        }])
        .await?;
    // Whatever poll was under way ends; then no more.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (kept, removed) = (polls("feeds/gen-0.xml"), polls("feeds/gen-1.xml"));
    tokio::time::sleep(Duration::from_secs(5)).await;
    let _ = stop.send(());
    task.await??;
    assert_eq!(
        polls("feeds/gen-1.xml"),
        removed,
        "a removed feed is polled"
    );
    assert!(
        polls("feeds/gen-0.xml") > kept,
        "the other feed is still polled"
    );
    Ok(())
}

/// A stage started before its broker waits for it, serving `/readyz` as not
/// ready, and stops cleanly with a clear error when asked to stop first.
#[tokio::test]
async fn a_stage_waits_for_an_unreachable_broker_and_stops_cleanly() -> anyhow::Result<()> {
    // A port nothing listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut cfg = helpers::config(
        Some(&format!("127.0.0.1:{port}")),
        "http://127.0.0.1:9",
        &[],
    );
    let admin = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    cfg.admin.listen = format!("127.0.0.1:{admin}");
    let (tx, rx) = oneshot::channel::<()>();
    let stop = Shutdown::on(async move {
        let _ = rx.await;
    });
    let stage =
        tokio::spawn(async move { pipeline::run_stage(&cfg, StageName::Parser, stop).await });
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(!stage.is_finished(), "the stage gave up instead of waiting");
    let ready = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", admin))?;
        s.write_all(b"GET /readyz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")?;
        let mut out = String::new();
        s.read_to_string(&mut out)?;
        anyhow::Ok(out)
    })
    .await??;
    assert!(ready.starts_with("HTTP/1.1 503"), "{ready}");
    let _ = tx.send(());
    let err = tokio::time::timeout(Duration::from_secs(10), stage)
        .await??
        .expect_err("a stage stopped before its broker answered reports it");
    assert!(err.to_string().contains("Kafka brokers"), "{err}");
    Ok(())
}
