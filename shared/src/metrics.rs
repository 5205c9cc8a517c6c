//! Prometheus metrics: a small hand-written registry (counters, gauges,
//! histograms with labels), the named metrics every stage records, and a
//! librdkafka client context that turns its statistics into gauges.
//!
//! The registry is written by hand rather than taken from a crate because
//! claimwatch needs only three metric types and the text format, and a
//! hand-written one stays readable in one file. Handles ([`Counter`],
//! [`Gauge`], [`Histogram`]) are cheap clones of atomics: look one up once
//! and keep it, then recording is lock-free (histograms take a short lock).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::ConsumerContext;
use serde::Deserialize;

use crate::topics::Topics;

/// The names of claimwatch's metrics, one place to keep dashboards in sync.
pub mod names {
    pub const RECORDS_RECEIVED: &str = "claimwatch_records_received_total";
    pub const RECORDS_PUBLISHED: &str = "claimwatch_records_published_total";
    pub const RECORD_DURATION: &str = "claimwatch_record_duration_seconds";
    pub const FEEDS_FETCHED: &str = "claimwatch_feeds_fetched_total";
    pub const FEEDS: &str = "claimwatch_feeds";
    pub const FEED_FAILURES: &str = "claimwatch_feed_consecutive_failures";
    pub const FEED_LAST_SUCCESS: &str = "claimwatch_feed_last_success_timestamp_seconds";
    pub const ARTICLES: &str = "claimwatch_articles_total";
    pub const STATEMENTS: &str = "claimwatch_statements_total";
    pub const CLAIMS: &str = "claimwatch_claims_total";
    pub const DENIALS: &str = "claimwatch_denials_total";
    pub const DEAD_LETTERS: &str = "claimwatch_dead_letters_total";
    pub const HOOK_DELIVERIES: &str = "claimwatch_hook_deliveries_total";
    pub const HOOK_DURATION: &str = "claimwatch_hook_delivery_duration_seconds";
    pub const HOOK_QUEUE: &str = "claimwatch_hook_queue_alerts";
    pub const KAFKA_CONSUMER_LAG: &str = "claimwatch_kafka_consumer_lag";
    pub const KAFKA_PRODUCER_QUEUE_MESSAGES: &str = "claimwatch_kafka_producer_queue_messages";
    pub const KAFKA_PRODUCER_QUEUE_BYTES: &str = "claimwatch_kafka_producer_queue_bytes";
}

/// Latency buckets in seconds, from 1 ms to 1 min.
pub const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// A monotonically increasing count.
#[derive(Debug, Clone, Default)]
pub struct Counter(Arc<AtomicU64>);

impl Counter {
    pub fn inc(&self) {
        self.inc_by(1);
    }

    pub fn inc_by(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A value that goes up and down (queue sizes, lag).
#[derive(Debug, Clone, Default)]
pub struct Gauge(Arc<AtomicI64>);

impl Gauge {
    pub fn set(&self, v: i64) {
        self.0.store(v, Ordering::Relaxed);
    }

    pub fn add(&self, v: i64) {
        self.0.fetch_add(v, Ordering::Relaxed);
    }

    pub fn get(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Debug)]
struct HistogramState {
    bounds: Vec<f64>,
    /// Per bucket, not cumulative; the last one is `+Inf`.
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

/// A distribution of observations (latencies) in fixed buckets.
#[derive(Debug, Clone)]
pub struct Histogram(Arc<Mutex<HistogramState>>);

impl Histogram {
    fn new(bounds: &[f64]) -> Self {
        Histogram(Arc::new(Mutex::new(HistogramState {
            bounds: bounds.to_vec(),
            counts: vec![0; bounds.len() + 1],
            sum: 0.0,
            count: 0,
        })))
    }

    pub fn observe(&self, v: f64) {
        let mut s = lock(&self.0);
        let i = s
            .bounds
            .iter()
            .position(|b| v <= *b)
            .unwrap_or(s.bounds.len());
        s.counts[i] += 1;
        s.sum += v;
        s.count += 1;
    }

    pub fn observe_duration(&self, d: Duration) {
        self.observe(d.as_secs_f64());
    }

    /// How many observations were made.
    pub fn count(&self) -> u64 {
        lock(&self.0).count
    }
}

/// A poisoned lock only means another thread panicked while recording a
/// metric; the numbers are still usable, so carry on with them.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Debug, Clone)]
enum Series {
    Counter(Counter),
    Gauge(Gauge),
    Histogram(Histogram),
}

impl Series {
    fn kind(&self) -> &'static str {
        match self {
            Series::Counter(_) => "counter",
            Series::Gauge(_) => "gauge",
            Series::Histogram(_) => "histogram",
        }
    }
}

type Labels = Vec<(String, String)>;

#[derive(Debug)]
struct Family {
    help: String,
    kind: &'static str,
    series: BTreeMap<Labels, Series>,
}

/// The registry: every metric of a process, rendered by [`Metrics::render`].
/// Clones share the registry.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    families: Arc<Mutex<BTreeMap<String, Family>>>,
}

/// The process's registry: what the admin endpoint serves, and where stages
/// record unless given another (tests pass their own, to count in isolation).
pub fn global() -> &'static Metrics {
    static GLOBAL: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
    GLOBAL.get_or_init(Metrics::new)
}

impl Metrics {
    /// A new, empty registry (not the [`global`] one).
    pub fn new() -> Self {
        Self::default()
    }

    fn series(
        &self,
        name: &str,
        help: &str,
        labels: &[(&str, &str)],
        make: impl FnOnce() -> Series,
    ) -> Series {
        let labels: Labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut families = lock(&self.families);
        let fresh = make();
        let family = families.entry(name.to_string()).or_insert_with(|| Family {
            help: help.to_string(),
            kind: fresh.kind(),
            series: BTreeMap::new(),
        });
        if family.kind != fresh.kind() {
            // A name registered twice with different types is a bug in the
            // caller; recording into a detached series keeps the process up
            // and the exposition valid.
            tracing::warn!(
                metric = name,
                "A metric was registered with two types; the second is not exported."
            );
            return fresh;
        }
        family.series.entry(labels).or_insert(fresh).clone()
    }

    /// Drops the series `name{labels}` from the exposition, e.g. the health
    /// of a feed this process no longer polls.
    pub fn forget(&self, name: &str, labels: &[(&str, &str)]) {
        let labels: Labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if let Some(f) = lock(&self.families).get_mut(name) {
            f.series.remove(&labels);
        }
    }

    /// The counter `name{labels}`, created on first use.
    pub fn counter(&self, name: &str, help: &str, labels: &[(&str, &str)]) -> Counter {
        match self.series(name, help, labels, || Series::Counter(Counter::default())) {
            Series::Counter(c) => c,
            _ => Counter::default(),
        }
    }

    /// The gauge `name{labels}`, created on first use.
    pub fn gauge(&self, name: &str, help: &str, labels: &[(&str, &str)]) -> Gauge {
        match self.series(name, help, labels, || Series::Gauge(Gauge::default())) {
            Series::Gauge(g) => g,
            _ => Gauge::default(),
        }
    }

    /// The histogram `name{labels}` with `buckets` (upper bounds, ascending),
    /// created on first use.
    pub fn histogram(
        &self,
        name: &str,
        help: &str,
        labels: &[(&str, &str)],
        buckets: &[f64],
    ) -> Histogram {
        match self.series(name, help, labels, || {
            Series::Histogram(Histogram::new(buckets))
        }) {
            Series::Histogram(h) => h,
            _ => Histogram::new(buckets),
        }
    }

    /// Every metric in the Prometheus text exposition format (0.0.4).
    pub fn render(&self) -> String {
        let families = lock(&self.families);
        let mut out = String::new();
        for (name, f) in families.iter() {
            let _ = writeln!(out, "# HELP {name} {}", escape_help(&f.help));
            let _ = writeln!(out, "# TYPE {name} {}", f.kind);
            for (labels, s) in &f.series {
                match s {
                    Series::Counter(c) => {
                        let _ = writeln!(out, "{name}{} {}", label_text(labels, None), c.get());
                    }
                    Series::Gauge(g) => {
                        let _ = writeln!(out, "{name}{} {}", label_text(labels, None), g.get());
                    }
                    Series::Histogram(h) => {
                        let h = lock(&h.0);
                        let mut cumulative = 0;
                        for (i, n) in h.counts.iter().enumerate() {
                            cumulative += n;
                            let le = h
                                .bounds
                                .get(i)
                                .map(|b| format_float(*b))
                                .unwrap_or_else(|| "+Inf".into());
                            let _ = writeln!(
                                out,
                                "{name}_bucket{} {cumulative}",
                                label_text(labels, Some(&le))
                            );
                        }
                        let _ = writeln!(
                            out,
                            "{name}_sum{} {}",
                            label_text(labels, None),
                            format_float(h.sum)
                        );
                        let _ =
                            writeln!(out, "{name}_count{} {}", label_text(labels, None), h.count);
                    }
                }
            }
        }
        out
    }

    // The named metrics of the stages. Each returns a handle to keep.

    /// Records a stage took from its input.
    pub fn records_received(&self, stage: &str) -> Counter {
        self.counter(
            names::RECORDS_RECEIVED,
            "Records a stage received from its input.",
            &[("stage", stage)],
        )
    }

    /// Records a stage published (acknowledged by the bus), by topic.
    pub fn records_published(&self, stage: &str, topic: &str) -> Counter {
        self.counter(
            names::RECORDS_PUBLISHED,
            "Records a stage published and the bus acknowledged.",
            &[("stage", stage), ("topic", topic)],
        )
    }

    /// How long a stage took over one record, from receipt to acknowledgement.
    pub fn record_duration(&self, stage: &str) -> Histogram {
        self.histogram(
            names::RECORD_DURATION,
            "Seconds from receiving a record to acknowledging its outputs.",
            &[("stage", stage)],
            LATENCY_BUCKETS,
        )
    }

    /// Feed polls by outcome: `ok`, `not_modified`, `error`.
    pub fn feeds_fetched(&self, outcome: &str) -> Counter {
        self.counter(
            names::FEEDS_FETCHED,
            "Feed polls by outcome.",
            &[("outcome", outcome)],
        )
    }

    /// A feed's consecutive failed polls (0 when healthy), by feed URL.
    pub fn feed_failures(&self, feed: &str) -> Gauge {
        self.gauge(
            names::FEED_FAILURES,
            "Consecutive failed polls of a feed this process polls (0: healthy).",
            &[("feed", feed)],
        )
    }

    /// When a feed last answered a poll (200 or 304), as Unix seconds.
    pub fn feed_last_success(&self, feed: &str) -> Gauge {
        self.gauge(
            names::FEED_LAST_SUCCESS,
            "Unix time of a feed's last successful poll (200 or 304).",
            &[("feed", feed)],
        )
    }

    /// Feeds this process polls, and how many of them are failing.
    pub fn feeds_polled(&self, health: &str) -> Gauge {
        self.gauge(
            names::FEEDS,
            "Feeds this process polls, by health (ok, failing).",
            &[("health", health)],
        )
    }

    /// Forgets the health series of a feed handed to another replica.
    pub fn forget_feed(&self, feed: &str) {
        self.forget(names::FEED_FAILURES, &[("feed", feed)]);
        self.forget(names::FEED_LAST_SUCCESS, &[("feed", feed)]);
    }

    /// Articles (new or revised) the fetcher emitted.
    pub fn articles(&self) -> Counter {
        self.counter(
            names::ARTICLES,
            "Articles emitted (new identities and revisions).",
            &[],
        )
    }

    /// Statements the parser extracted.
    pub fn statements(&self) -> Counter {
        self.counter(
            names::STATEMENTS,
            "Statements extracted from articles.",
            &[],
        )
    }

    /// Unverified-claim events the matcher emitted.
    pub fn claims(&self) -> Counter {
        self.counter(names::CLAIMS, "Unverified-claim events emitted.", &[])
    }

    /// Official-denial events the matcher emitted.
    pub fn denials(&self) -> Counter {
        self.counter(names::DENIALS, "Official-denial events emitted.", &[])
    }

    /// Records a stage sent to the dead-letter topic.
    pub fn dead_letters(&self, stage: &str) -> Counter {
        self.counter(
            names::DEAD_LETTERS,
            "Records sent to the dead-letter topic.",
            &[("stage", stage)],
        )
    }

    /// Hook deliveries by outcome: `delivered`, `retried`, `dead_lettered`,
    /// `dropped` (evicted from a full queue), `filtered`, `duplicate`.
    pub fn hook_deliveries(&self, hook: &str, outcome: &str) -> Counter {
        self.counter(
            names::HOOK_DELIVERIES,
            "Alert deliveries to hooks by outcome.",
            &[("hook", hook), ("outcome", outcome)],
        )
    }

    /// How long a hook took to answer one request.
    pub fn hook_duration(&self, hook: &str) -> Histogram {
        self.histogram(
            names::HOOK_DURATION,
            "Seconds a hook took to answer one delivery attempt.",
            &[("hook", hook)],
            LATENCY_BUCKETS,
        )
    }

    /// Alerts waiting in a hook's queue.
    pub fn hook_queue(&self, hook: &str) -> Gauge {
        self.gauge(
            names::HOOK_QUEUE,
            "Alerts waiting in a hook's queue.",
            &[("hook", hook)],
        )
    }
}

/// The metrics of one consuming stage's loop, looked up once: records
/// received, published (by topic, so articles, statements, claims, denials
/// and dead letters each show), dead-lettered, and the time per record.
#[derive(Debug, Clone)]
pub struct StageMetrics {
    metrics: Metrics,
    stage: String,
    /// The topic names, to count statements, claims and denials by kind.
    topics: Topics,
    received: Counter,
    dead_letters: Counter,
    duration: Histogram,
}

impl StageMetrics {
    pub fn new(metrics: &Metrics, stage: &str, topics: &Topics) -> Self {
        StageMetrics {
            metrics: metrics.clone(),
            stage: stage.to_string(),
            topics: topics.clone(),
            received: metrics.records_received(stage),
            dead_letters: metrics.dead_letters(stage),
            duration: metrics.record_duration(stage),
        }
    }

    /// One record taken from the input.
    pub fn received(&self) {
        self.received.inc();
    }

    /// One record sent to the dead-letter topic.
    pub fn dead_letter(&self) {
        self.dead_letters.inc();
    }

    /// Records acknowledged by the bus, counted per topic, and statements,
    /// claims and denials counted by kind.
    pub fn published<'a>(&self, topics: impl IntoIterator<Item = &'a str>) {
        for t in topics {
            self.metrics.records_published(&self.stage, t).inc();
            if t == self.topics.statements {
                self.metrics.statements().inc();
            } else if t == self.topics.claims {
                self.metrics.claims().inc();
            } else if t == self.topics.denials {
                self.metrics.denials().inc();
            }
        }
    }

    /// A record is done, `elapsed` after it was received.
    pub fn done(&self, elapsed: Duration) {
        self.duration.observe_duration(elapsed);
    }
}

fn escape_help(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n")
}

fn escape_label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn label_text(labels: &Labels, le: Option<&str>) -> String {
    let mut parts: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", escape_label(v)))
        .collect();
    if let Some(le) = le {
        parts.push(format!("le=\"{le}\""));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{{{}}}", parts.join(","))
    }
}

fn format_float(v: f64) -> String {
    if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.to_string()
    } else {
        format!("{v}")
    }
}

/// The part of librdkafka's statistics JSON claimwatch exports. Read from the
/// raw JSON (not rdkafka's full `Statistics`) so that fields missing from a
/// librdkafka version do not drop the whole report.
#[derive(Debug, Default, Deserialize)]
struct KafkaStats {
    #[serde(default, rename = "type")]
    client_type: String,
    #[serde(default)]
    msg_cnt: i64,
    #[serde(default)]
    msg_size: i64,
    #[serde(default)]
    topics: BTreeMap<String, KafkaTopicStats>,
}

#[derive(Debug, Default, Deserialize)]
struct KafkaTopicStats {
    #[serde(default)]
    partitions: BTreeMap<String, KafkaPartitionStats>,
}

#[derive(Debug, Default, Deserialize)]
struct KafkaPartitionStats {
    #[serde(default)]
    consumer_lag: i64,
}

/// Records one librdkafka statistics report (its JSON) into `metrics`:
/// producer queue size for producers, consumer lag per partition for
/// consumers. Lag is `-1` in librdkafka until known; such values are skipped,
/// as is the internal partition `-1`.
pub fn record_kafka_statistics(metrics: &Metrics, json: &[u8]) {
    let stats: KafkaStats = match serde_json::from_slice(json) {
        Ok(s) => s,
        Err(e) => {
            tracing::debug!(error = %e, "Kafka statistics did not parse.");
            return;
        }
    };
    if stats.client_type == "producer" {
        metrics
            .gauge(
                names::KAFKA_PRODUCER_QUEUE_MESSAGES,
                "Messages in the producer's queue.",
                &[],
            )
            .set(stats.msg_cnt);
        metrics
            .gauge(
                names::KAFKA_PRODUCER_QUEUE_BYTES,
                "Bytes in the producer's queue.",
                &[],
            )
            .set(stats.msg_size);
    }
    if stats.client_type == "consumer" {
        for (topic, t) in &stats.topics {
            for (partition, p) in &t.partitions {
                if partition == "-1" || p.consumer_lag < 0 {
                    continue;
                }
                metrics
                    .gauge(
                        names::KAFKA_CONSUMER_LAG,
                        "Messages between the committed offset and the end of a partition.",
                        &[("topic", topic), ("partition", partition)],
                    )
                    .set(p.consumer_lag);
            }
        }
    }
}

/// A librdkafka client context that exports statistics into a [`Metrics`]
/// registry. Use it as the context of a producer or consumer
/// (`create_with_context`) and enable statistics with [`enable_statistics`].
#[derive(Debug, Clone, Default)]
pub struct StatsContext {
    pub metrics: Metrics,
}

impl StatsContext {
    pub fn new(metrics: Metrics) -> Self {
        StatsContext { metrics }
    }
}

impl ClientContext for StatsContext {
    fn stats_raw(&self, statistics: &[u8]) {
        record_kafka_statistics(&self.metrics, statistics);
    }
}

impl ConsumerContext for StatsContext {}

/// Asks librdkafka for a statistics report every `interval`.
pub fn enable_statistics(config: &mut ClientConfig, interval: Duration) -> &mut ClientConfig {
    config.set(
        "statistics.interval.ms",
        interval.as_millis().max(1).to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_gauges_render_in_the_text_format() {
        let m = Metrics::new();
        m.records_received("parser").inc_by(3);
        m.records_received("parser").inc();
        m.hook_deliveries("ops \"team\"", "delivered").inc();
        m.hook_queue("ops").set(7);
        let text = m.render();
        assert!(
            text.contains("# TYPE claimwatch_records_received_total counter\n"),
            "{text}"
        );
        assert!(
            text.contains("claimwatch_records_received_total{stage=\"parser\"} 4\n"),
            "{text}"
        );
        assert!(
            text.contains(
                r#"claimwatch_hook_deliveries_total{hook="ops \"team\"",outcome="delivered"} 1"#
            ),
            "{text}"
        );
        assert!(
            text.contains("claimwatch_hook_queue_alerts{hook=\"ops\"} 7\n"),
            "{text}"
        );
    }

    #[test]
    fn histograms_are_cumulative_with_sum_and_count() {
        let m = Metrics::new();
        let h = m.histogram("x_seconds", "X.", &[("stage", "a")], &[0.1, 1.0]);
        h.observe(0.05);
        h.observe(0.5);
        h.observe(5.0);
        let text = m.render();
        assert!(
            text.contains("x_seconds_bucket{stage=\"a\",le=\"0.1\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("x_seconds_bucket{stage=\"a\",le=\"1\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("x_seconds_bucket{stage=\"a\",le=\"+Inf\"} 3\n"),
            "{text}"
        );
        assert!(text.contains("x_seconds_sum{stage=\"a\"} 5.55\n"), "{text}");
        assert!(text.contains("x_seconds_count{stage=\"a\"} 3\n"), "{text}");
    }

    #[test]
    fn stage_metrics_count_per_topic_and_time_records() {
        let m = Metrics::new();
        let s = StageMetrics::new(&m, "matcher", &Topics::new("cw"));
        s.received();
        s.published([
            "cw.claims.unverified",
            "cw.denials.official",
            "cw.claims.unverified",
        ]);
        s.dead_letter();
        s.done(Duration::from_millis(3));
        let text = m.render();
        for line in [
            "claimwatch_records_received_total{stage=\"matcher\"} 1\n",
            "claimwatch_records_published_total{stage=\"matcher\",topic=\"cw.claims.unverified\"} 2\n",
            "claimwatch_records_published_total{stage=\"matcher\",topic=\"cw.denials.official\"} 1\n",
            "claimwatch_dead_letters_total{stage=\"matcher\"} 1\n",
            "claimwatch_claims_total 2\n",
            "claimwatch_denials_total 1\n",
            "claimwatch_record_duration_seconds_count{stage=\"matcher\"} 1\n",
            "claimwatch_record_duration_seconds_bucket{stage=\"matcher\",le=\"0.005\"} 1\n",
        ] {
            assert!(text.contains(line), "{line} not in\n{text}");
        }
    }

    #[test]
    fn a_name_reused_with_another_type_is_not_exported_twice() {
        let m = Metrics::new();
        m.counter("a_total", "A.", &[]).inc();
        m.gauge("a_total", "A.", &[]).set(5);
        let text = m.render();
        assert_eq!(text.matches("# TYPE a_total").count(), 1);
        assert!(text.contains("a_total 1\n"), "{text}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_producer_with_the_stats_context_reports_its_queue() {
        use rdkafka::mocking::MockCluster;
        use rdkafka::producer::{FutureProducer, FutureRecord};

        let cluster = MockCluster::new(1).unwrap();
        cluster.create_topic("stats", 1, 1).unwrap();
        let metrics = Metrics::new();
        let mut config = ClientConfig::new();
        config.set("bootstrap.servers", cluster.bootstrap_servers());
        enable_statistics(&mut config, Duration::from_millis(50));
        let producer: FutureProducer<StatsContext> = config
            .create_with_context(StatsContext::new(metrics.clone()))
            .unwrap();
        producer
            .send(
                FutureRecord::<str, str>::to("stats").payload("x"),
                Duration::from_secs(10),
            )
            .await
            .unwrap();
        let mut text = String::new();
        for _ in 0..800 {
            text = metrics.render();
            if text.contains(names::KAFKA_PRODUCER_QUEUE_MESSAGES) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        assert!(
            text.contains("claimwatch_kafka_producer_queue_messages "),
            "{text}"
        );
    }

    #[test]
    fn kafka_statistics_become_lag_and_queue_gauges() {
        let m = Metrics::new();
        let consumer = br#"{"type":"consumer","msg_cnt":0,"topics":{"cw.articles":{"partitions":
            {"0":{"consumer_lag":12},"1":{"consumer_lag":-1},"-1":{"consumer_lag":5}}}}}"#;
        record_kafka_statistics(&m, consumer);
        record_kafka_statistics(&m, br#"{"type":"producer","msg_cnt":3,"msg_size":300}"#);
        record_kafka_statistics(&m, b"not json");
        let text = m.render();
        assert!(
            text.contains(
                "claimwatch_kafka_consumer_lag{topic=\"cw.articles\",partition=\"0\"} 12\n"
            ),
            "{text}"
        );
        assert!(!text.contains("partition=\"1\""), "{text}");
        assert!(!text.contains("partition=\"-1\""), "{text}");
        assert!(
            text.contains("claimwatch_kafka_producer_queue_messages 3\n"),
            "{text}"
        );
        assert!(
            text.contains("claimwatch_kafka_producer_queue_bytes 300\n"),
            "{text}"
        );
    }
}
