//! Running the stages: all in one process over the embedded bus (the
//! default), all in one process over Kafka (`run --kafka`), or one stage alone
//! over Kafka (what each container runs).

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::io::Write;
use std::time::Duration;

use anyhow::{bail, Context};
use claimwatch_alerter::stage::Alerter;
use claimwatch_fetcher::stage::{FeedControl, Fetcher};
use claimwatch_matcher::process::{Matcher, MatcherConfig};
use claimwatch_matcher::stage::{MatcherStage, Update};
use claimwatch_parser::stage::Parser;
use claimwatch_shared::bus::{MemoryBus, Message, Publisher, Subscriber};
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::config::Config;
use claimwatch_shared::events::{Article, FeedSpec, FetcherCheckpoint};
use claimwatch_shared::ids;
use claimwatch_shared::kafka::{self, KafkaPublisher, KafkaSubscriber};
use claimwatch_shared::stage;
use claimwatch_shared::{admin, metrics};
use futures::FutureExt;
use tokio::sync::{mpsc, watch};

/// Records each embedded channel holds: enough to keep stages busy, small
/// enough to bound memory and give backpressure.
const CHANNEL_CAPACITY: usize = 64;

/// The stages a container can run alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StageName {
    Fetcher,
    Parser,
    Matcher,
    Alerter,
}

/// The matcher's settings from the config.
pub fn matcher_config(cfg: &Config) -> MatcherConfig {
    MatcherConfig {
        window: chrono::Duration::hours(cfg.matcher.window_hours),
        min_link_score: cfg.matcher.min_link_score,
    }
}

/// A shutdown signal that can be awaited by many tasks.
#[derive(Clone)]
pub struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// A signal that fires when `trigger` resolves.
    pub fn on(trigger: impl Future<Output = ()> + Send + 'static) -> Self {
        let (tx, rx) = watch::channel(false);
        tokio::spawn(async move {
            trigger.await;
            let _ = tx.send(true);
        });
        Shutdown(rx)
    }

    /// Resolves once the signal has fired.
    pub async fn wait(mut self) {
        let _ = self.0.wait_for(|fired| *fired).await;
    }
}

/// Writes each claim and denial as a CloudEvents structured-mode JSON line.
async fn print_events(mut rx: mpsc::Receiver<Message>, out: impl Write + Send) -> u64 {
    let mut out = out;
    let mut n = 0;
    while let Some(m) = rx.recv().await {
        if let Some(line) = event_line(&m) {
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
            n += 1;
        }
    }
    n
}

/// One event as a CloudEvents JSON object (structured mode).
pub fn event_line(m: &Message) -> Option<String> {
    let data: serde_json::Value = serde_json::from_slice(&m.payload).ok()?;
    let a = m.attributes.as_ref()?;
    Some(
        serde_json::json!({
            "specversion": "1.0",
            "id": a.id,
            "type": a.kind,
            "source": a.source,
            "time": a.time,
            "subject": m.key,
            "datacontenttype": "application/json",
            "data": data,
        })
        .to_string(),
    )
}

/// Logs each dead letter at WARN: in the embedded mode there is no topic an
/// operator could read them from later.
async fn log_dead_letters(mut rx: mpsc::Receiver<Message>) -> u64 {
    let mut n = 0;
    while let Some(m) = rx.recv().await {
        n += 1;
        match serde_json::from_slice::<claimwatch_shared::events::DeadLetter>(&m.payload) {
            Ok(d) => {
                tracing::warn!(stage = %d.stage, source = %d.source, reason = %d.reason, "Dead letter.")
            }
            Err(e) => tracing::warn!(error = %e, "Dead letter that does not parse."),
        }
    }
    n
}

/// What an embedded run produced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunStats {
    /// Claims and denials printed.
    pub events: u64,
    /// Dead letters (embedded mode only; over Kafka they are on their topic).
    pub dead_letters: u64,
}

/// Runs every stage in this process over bounded in-memory channels,
/// printing claims and denials to `out`. With `once`, one pass over the feeds,
/// then everything drains and the function returns.
pub async fn run_embedded(
    cfg: &Config,
    once: bool,
    out: impl Write + Send + 'static,
    shutdown: Shutdown,
) -> anyhow::Result<RunStats> {
    let topics = cfg.kafka.topics();
    start_admin(cfg, || true, shutdown.clone()).await?;
    let mut fetcher = Fetcher::build(&cfg.fetcher).context("fetcher")?;
    let alerter = Alerter::build(&cfg.alerter).context("alerter")?;
    let mut bus = MemoryBus::new();
    let articles = bus.subscribe(&topics.articles, CHANNEL_CAPACITY);
    let statements = bus.subscribe(&topics.statements, CHANNEL_CAPACITY);
    let printed = bus.subscribe_many(&[&topics.claims, &topics.denials], CHANNEL_CAPACITY);
    let alerts = bus.subscribe_many(&[&topics.claims, &topics.denials], CHANNEL_CAPACITY);
    let dead = bus.subscribe(&topics.deadletter, CHANNEL_CAPACITY);
    let to = |ts: &[&str]| Publisher::Memory(bus.publisher_for(ts));
    let fetch_out = to(&[&topics.articles, &topics.deadletter]);
    let parse_out = to(&[&topics.statements, &topics.deadletter]);
    let match_out = to(&[&topics.claims, &topics.denials, &topics.deadletter]);
    let alert_out = to(&[&topics.deadletter]);
    drop(bus);

    let printer = tokio::spawn(print_events(printed, out));
    let dlq = tokio::spawn(log_dead_letters(dead));
    let matcher = MatcherStage::new(Matcher::new(matcher_config(cfg)), topics.clone());
    let parser = Parser::new(topics.clone());
    // Only the fetcher watches the shutdown signal: once it stops, every
    // channel downstream closes in turn and each stage drains what it holds.
    let never = std::future::pending::<()>;
    let (fetched, parsed, matched, alerted) = tokio::join!(
        fetcher.run(fetch_out, &topics, once, shutdown.wait()),
        stage::run(
            Subscriber::Memory(articles),
            parser,
            parse_out,
            &topics,
            never()
        ),
        stage::run(
            Subscriber::Memory(statements),
            matcher,
            match_out,
            &topics,
            never()
        ),
        alerter.run(Subscriber::Memory(alerts), alert_out, &topics, never()),
    );
    fetched.context("fetcher")?;
    parsed.context("parser")?;
    matched.context("matcher")?;
    alerted.context("alerter")?;
    let events = printer.await?;
    let dead_letters = dlq.await?;
    Ok(RunStats {
        events,
        dead_letters,
    })
}

/// Binds the admin endpoint (`/healthz`, `/readyz`, `/metrics`) when
/// `admin.listen` is set, failing fast when the address cannot be bound, and
/// serves it in the background until `shutdown`.
async fn start_admin(
    cfg: &Config,
    ready: impl Fn() -> bool + Send + Sync + 'static,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let listen = cfg.admin.listen.trim();
    if listen.is_empty() {
        return Ok(());
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding the admin endpoint to {listen}"))?;
    let registry = metrics::global().clone();
    tokio::spawn(async move {
        if let Err(e) = admin::serve_on(listener, registry, ready, shutdown.wait()).await {
            tracing::error!(error = %e, "The admin endpoint failed.");
        }
    });
    Ok(())
}

/// Waits until the brokers answer a metadata request, saying so in the log
/// with capped backoff between tries, so a stage started before its broker
/// (a common order in containers) waits for it instead of failing. Fails
/// only when `shutdown` comes first.
pub async fn wait_for_brokers(
    k: &claimwatch_shared::config::KafkaConfig,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let check = std::sync::Arc::new(admin::broker_check(k, Duration::from_secs(2))?);
    let stop = shutdown.wait();
    tokio::pin!(stop);
    let mut wait = Duration::from_secs(1);
    loop {
        let probe = check.clone();
        if tokio::task::spawn_blocking(move || (*probe)()).await? {
            return Ok(());
        }
        tracing::warn!(
            brokers = %k.brokers,
            retry_in_secs = wait.as_secs(),
            "The Kafka brokers do not answer; waiting for them."
        );
        tokio::select! {
            _ = &mut stop => bail!("stopped before the Kafka brokers at {} answered", k.brokers),
            _ = tokio::time::sleep(wait) => {}
        }
        wait = (wait * 2).min(Duration::from_secs(30));
    }
}

/// Runs one stage over Kafka until `shutdown`.
pub async fn run_stage(cfg: &Config, name: StageName, shutdown: Shutdown) -> anyhow::Result<()> {
    if !cfg.kafka.enabled() {
        bail!("the {name:?} stage runs over Kafka: set kafka.brokers (or --kafka HOST:PORT, or CLAIMWATCH__KAFKA__BROKERS)");
    }
    let k = &cfg.kafka;
    let topics = k.topics();
    let ready = admin::broker_check(k, Duration::from_secs(2))?;
    start_admin(cfg, ready, shutdown.clone()).await?;
    wait_for_brokers(k, shutdown.clone()).await?;
    kafka::ensure_topics(k, &topics.all())
        .await
        .context("creating the topics")?;
    let publisher = Publisher::Kafka(KafkaPublisher::new(k)?);
    match name {
        StageName::Fetcher => run_fetcher(cfg, publisher, shutdown).await?,
        StageName::Parser => {
            let input = KafkaSubscriber::new(k, &k.group("parser"), &[&topics.articles])?;
            let parser = Parser::new(topics.clone());
            stage::run(
                Subscriber::Kafka(input),
                parser,
                publisher,
                &topics,
                shutdown.wait(),
            )
            .await?;
        }
        StageName::Matcher => {
            let matcher = MatcherStage::new(Matcher::new(matcher_config(cfg)), topics.clone());
            let matcher = follow_outputs(k, &topics, matcher).await?;
            let input = KafkaSubscriber::new(k, &k.group("matcher"), &[&topics.statements])?;
            stage::run(
                Subscriber::Kafka(input),
                matcher,
                publisher,
                &topics,
                shutdown.wait(),
            )
            .await?;
        }
        StageName::Alerter => {
            let alerter = Alerter::build(&cfg.alerter)?;
            let input =
                KafkaSubscriber::new(k, &k.group("alerter"), &[&topics.claims, &topics.denials])?;
            alerter
                .run(
                    Subscriber::Kafka(input),
                    publisher,
                    &topics,
                    shutdown.wait(),
                )
                .await?;
        }
    }
    Ok(())
}

/// The fetcher over Kafka: the configured feeds are published to the
/// compacted feeds topic, and this replica polls the feeds of the partitions
/// its consumer group assigns to it; each feed starts from its latest
/// checkpoint in the compacted state topic, which every replica follows, and
/// the identities of the items published before come back from the
/// articles topic, so a restarted or rebalanced fetcher neither re-emits nor
/// forgets.
async fn run_fetcher(cfg: &Config, publisher: Publisher, shutdown: Shutdown) -> anyhow::Result<()> {
    let k = &cfg.kafka;
    let topics = k.topics();
    let mut fetcher = Fetcher::build(&cfg.fetcher)?;
    kafka::ensure_compacted_topics(k, &topics.fetcher())
        .await
        .context("creating the fetcher's topics")?;
    let read = |topic: &str| {
        let (k, topic) = (k.clone(), topic.to_string());
        tokio::task::spawn_blocking(move || kafka::read_table(&k, &topic, Duration::from_secs(120)))
    };
    // Identity state comes back from the articles topic, so a restarted or
    // rescheduled fetcher does not re-emit what it had.
    let seen = read(&topics.articles).await??;
    let n = fetcher.restore(&seen.records);
    tracing::info!(
        articles = n,
        "Fetcher state rebuilt from the articles topic."
    );

    // The configured feeds join the table, unless it already says the same.
    let n = publish_specs(k, &publisher, fetcher.shared_feeds()).await?;
    tracing::info!(feeds = n, "Configured feeds published to the feeds topic.");

    // Checkpoints: the table as it is, then every later one.
    let state = read(&topics.fetcher_state).await??;
    let n = fetcher.restore_checkpoints(&state.records);
    tracing::info!(checkpoints = n, "Fetcher checkpoints read.");
    let (tx, rx) = mpsc::channel(1024);
    let tail = kafka::Tail::new(k, &topics.fetcher_state, &state.ends)?;
    let tail_tx = tx.clone();
    tokio::spawn(async move {
        loop {
            let next = tokio::select! {
                _ = tail_tx.closed() => return, // the fetcher has stopped
                m = tail.next() => m,
            };
            match next {
                Ok(m) if m.payload.is_empty() => {}
                Ok(m) => match serde_json::from_slice::<FetcherCheckpoint>(&m.payload) {
                    Ok(cp) => {
                        if tail_tx
                            .send(FeedControl::Checkpoint(Box::new(cp)))
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "Skipping a record that is not a checkpoint.")
                    }
                },
                Err(e) => {
                    tracing::warn!(error = %e, "Following the fetcher state failed; retrying.");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    // What other replicas publish: the same story in two feeds polled by two
    // replicas is one article, and its revisions count on.
    let tail = kafka::Tail::new(k, &topics.articles, &seen.ends)?;
    let articles_tx = tx.clone();
    tokio::spawn(async move {
        loop {
            let next = tokio::select! {
                _ = articles_tx.closed() => return, // the fetcher has stopped
                m = tail.next() => m,
            };
            match next {
                Ok(m) => {
                    if let Ok(a) = serde_json::from_slice::<Article>(&m.payload) {
                        let known = FeedControl::Published {
                            id: a.id,
                            revision: a.revision,
                            content_hash: a.content_hash,
                            url: a.url,
                        };
                        if articles_tx.send(known).await.is_err() {
                            return;
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "Following the articles failed; retrying.");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    let table = kafka::GroupTable::new(k, &k.group("fetcher"), &topics.feeds)?;
    tokio::spawn(share_feeds(table, tx));
    let mut fetcher = fetcher.with_control(rx, &topics.fetcher_state);
    fetcher
        .run(publisher, &topics, false, shutdown.wait())
        .await?;
    Ok(())
}

/// Publishes `feeds` (http(s) URLs only: a fetcher never takes a local path
/// from a topic) to the compacted feeds topic, creating it when missing;
/// feeds the topic already holds as they are are left alone. Returns how
/// many records were published.
pub async fn publish_feeds(
    k: &claimwatch_shared::config::KafkaConfig,
    feeds: &[claimwatch_shared::config::FeedConfig],
) -> anyhow::Result<usize> {
    let cfg = claimwatch_shared::config::FetcherConfig {
        feeds: feeds.to_vec(),
        ..Default::default()
    };
    let specs = Fetcher::build(&cfg).context("the feeds")?.shared_feeds();
    kafka::ensure_compacted_topics(k, &k.topics().fetcher())
        .await
        .context("creating the fetcher's topics")?;
    let publisher = Publisher::Kafka(KafkaPublisher::new(k)?);
    let n = publish_specs(k, &publisher, specs).await?;
    publisher.flush()?;
    Ok(n)
}

/// Publishes the `specs` the feeds topic does not already hold as they are.
async fn publish_specs(
    k: &claimwatch_shared::config::KafkaConfig,
    publisher: &Publisher,
    specs: Vec<FeedSpec>,
) -> anyhow::Result<usize> {
    let topics = k.topics();
    let (k2, t2) = (k.clone(), topics.feeds.clone());
    let table =
        tokio::task::spawn_blocking(move || kafka::read_table(&k2, &t2, Duration::from_secs(60)))
            .await??;
    let mut listed: HashMap<String, Vec<u8>> = HashMap::new();
    for r in table.records {
        listed.insert(r.key, r.payload);
    }
    let now = chrono::Utc::now();
    let add: Vec<Message> = specs
        .into_iter()
        .filter(|f| {
            listed
                .get(&f.url)
                .and_then(|p| serde_json::from_slice::<FeedSpec>(p).ok())
                .as_ref()
                != Some(f)
        })
        .map(|f| {
            let body = serde_json::to_string(&f).unwrap_or_default();
            let id = ids::hash_id("feed-", &[&f.url, &body]);
            Message::event(
                &topics.feeds,
                &f.url,
                &id,
                types::FEED,
                "/claimwatch/fetcher",
                now,
                &f,
            )
        })
        .collect();
    let n = add.len();
    if n > 0 {
        publisher
            .publish(add)
            .await
            .context("publishing the feeds")?;
    }
    Ok(n)
}

/// Turns the feeds topic, as shared out by the consumer group, into feed
/// changes for this replica's fetcher: the feeds of the partitions assigned
/// here are added, those of revoked partitions removed, tombstones remove.
async fn share_feeds(mut table: kafka::GroupTable, tx: mpsc::Sender<FeedControl>) {
    // Per assigned partition, the feeds it holds.
    let mut owned: HashMap<i32, HashSet<String>> = HashMap::new();
    loop {
        let event = tokio::select! {
            _ = tx.closed() => return, // the fetcher has stopped
            e = table.next() => e,
        };
        let mut changes = Vec::new();
        match event {
            Ok(kafka::TableEvent::Assigned(parts)) => {
                tracing::info!(partitions = ?parts, "Feed partitions assigned.");
                for p in parts {
                    owned.entry(p).or_default();
                }
            }
            Ok(kafka::TableEvent::Revoked(parts)) => {
                tracing::info!(partitions = ?parts, "Feed partitions revoked.");
                for p in parts {
                    changes.extend(
                        owned
                            .remove(&p)
                            .into_iter()
                            .flatten()
                            .map(FeedControl::Remove),
                    );
                }
            }
            Ok(kafka::TableEvent::Record { partition, message }) => {
                // A record of a partition no longer assigned is not ours.
                let Some(feeds) = owned.get_mut(&partition) else {
                    continue;
                };
                let url = message.key.trim().to_string();
                if message.payload.is_empty() {
                    if feeds.remove(&url) {
                        changes.push(FeedControl::Remove(url));
                    }
                } else {
                    match serde_json::from_slice::<FeedSpec>(&message.payload) {
                        Ok(spec) if spec.url.trim() == url => {
                            feeds.insert(url);
                            changes.push(FeedControl::Add(spec));
                        }
                        Ok(spec) => {
                            tracing::warn!(key = %url, url = %spec.url, "Skipping a feed whose URL is not its key.")
                        }
                        Err(e) => {
                            tracing::warn!(key = %url, error = %e, "Skipping a feed record that does not parse.")
                        }
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "Reading the feeds topic failed; retrying.");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
        if !send_all(&tx, changes).await {
            return;
        }
    }
}

/// Sends `changes` to the fetcher; `false` once it has stopped.
async fn send_all(tx: &mpsc::Sender<FeedControl>, changes: Vec<FeedControl>) -> bool {
    for c in changes {
        if tx.send(c).await.is_err() {
            return false;
        }
    }
    true
}

/// Rebuilds the matcher's indexes from the claims and denials topics, then
/// keeps them up to date with what every replica publishes (a global table:
/// each replica reads all of both topics, outside any consumer group), so a
/// denial seen by one replica is linked when another sees its claim.
async fn follow_outputs(
    k: &claimwatch_shared::config::KafkaConfig,
    topics: &claimwatch_shared::topics::Topics,
    mut matcher: MatcherStage,
) -> anyhow::Result<MatcherStage> {
    let (tx, rx) = mpsc::channel(1024);
    for topic in [&topics.claims, &topics.denials] {
        let (k2, t2) = (k.clone(), topic.clone());
        let table = tokio::task::spawn_blocking(move || {
            kafka::read_table(&k2, &t2, Duration::from_secs(60))
        })
        .await??;
        let n = matcher.restore(&table.records);
        tracing::info!(topic = %topic, records = n, "Matcher index rebuilt from the topic.");
        let tail = kafka::Tail::new(k, topic, &table.ends)?;
        let (tx, topics) = (tx.clone(), topics.clone());
        tokio::spawn(async move {
            loop {
                match tail.next().await {
                    Ok(m) => match Update::from_message(&m, &topics) {
                        Ok(u) => {
                            if tx.send(u).await.is_err() {
                                return; // the matcher has stopped
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "Skipping a record that does not parse.")
                        }
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, "Following an output topic failed; retrying.");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                }
            }
        });
    }
    Ok(matcher.with_updates(rx))
}

/// Runs every stage in this process over Kafka, and prints the claims and
/// denials read back from their topics. With `once`, the fetcher makes one
/// pass and the process exits after `idle` without a new event.
pub async fn run_kafka_all(
    cfg: &Config,
    once: bool,
    idle: Duration,
    out: impl Write + Send + 'static,
    shutdown: Shutdown,
) -> anyhow::Result<RunStats> {
    let k = &cfg.kafka;
    let topics = k.topics();
    wait_for_brokers(k, shutdown.clone()).await?;
    kafka::ensure_topics(k, &topics.all())
        .await
        .context("creating the topics")?;
    // One admin endpoint for the process, not one per stage.
    let ready = admin::broker_check(k, Duration::from_secs(2))?;
    start_admin(cfg, ready, shutdown.clone()).await?;
    let mut stage_cfg = cfg.clone();
    stage_cfg.admin.listen.clear();
    let cfg = &stage_cfg;
    let (stop_tx, stop_rx) = watch::channel(false);
    let stop = Shutdown(stop_rx);
    let mut tasks = Vec::new();
    for name in [StageName::Parser, StageName::Matcher, StageName::Alerter] {
        let (cfg, stop) = (cfg.clone(), stop.clone());
        tasks.push(tokio::spawn(
            async move { run_stage(&cfg, name, stop).await },
        ));
    }
    let mut fetcher = Fetcher::build(&cfg.fetcher)?;
    let fetch_out = Publisher::Kafka(KafkaPublisher::new(k)?);
    let fetch_stop = stop.clone();
    let fetch_topics = topics.clone();
    let fetch = tokio::spawn(async move {
        fetcher
            .run(fetch_out, &fetch_topics, once, fetch_stop.wait())
            .await
    });
    // The printer reads as a group of its own, so it sees every event.
    let group = format!("{}.printer-{}", k.group_prefix, std::process::id());
    let printer = KafkaSubscriber::new(k, &group, &[&topics.claims, &topics.denials])?;
    let mut printer = Subscriber::Kafka(printer);
    let mut out = out;
    let mut events = 0;
    let mut shutdown_fut = shutdown.wait().boxed();
    loop {
        let next = tokio::select! {
            _ = &mut shutdown_fut => break,
            n = tokio::time::timeout(idle, printer.next()) => n,
        };
        match next {
            Ok(Some(Ok(d))) => {
                if let Some(line) = event_line(&d.message) {
                    writeln!(out, "{line}")?;
                    out.flush()?;
                    events += 1;
                }
            }
            Ok(Some(Err(e))) => tracing::warn!(error = %e, "Reading events failed."),
            Ok(None) => break,
            Err(_) if once && fetch.is_finished() => break,
            Err(_) => {}
        }
    }
    let _ = stop_tx.send(true);
    fetch.await?.context("fetcher")?;
    for t in tasks {
        t.await??;
    }
    Ok(RunStats {
        events,
        dead_letters: 0,
    })
}
