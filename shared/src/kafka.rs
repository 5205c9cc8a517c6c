//! Kafka plumbing in one place: client configuration, the idempotent
//! publisher, the at-least-once subscriber, topic creation and reading a
//! topic to its end (for state rebuilt on start).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures::future::join_all;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, StreamConsumer};
use rdkafka::message::{Header, Headers, Message as _, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};

use crate::bus::{Delivery, Message};
use crate::cloudevents::Attributes;
use crate::config::KafkaConfig;
use crate::metrics::{self, StatsContext};
use crate::{Error, Result};

/// How often librdkafka reports statistics (consumer lag, producer queue)
/// into the metrics registry.
const STATISTICS_INTERVAL_MS: &str = "15000";

/// How long a publish may wait in the producer queue before failing.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// The configuration of one Kafka client: the brokers, then `defaults`
/// chosen by the caller, then the raw librdkafka pass-through options from
/// the config, which win, so an operator can tune anything.
pub fn client_config(cfg: &KafkaConfig, defaults: &[(&str, &str)]) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", &cfg.brokers);
    for (k, v) in defaults {
        c.set(*k, *v);
    }
    for (k, v) in &cfg.options {
        c.set(k, v);
    }
    c
}

/// An idempotent producer; `publish` resolves when the broker has
/// acknowledged every record.
#[derive(Clone)]
pub struct KafkaPublisher {
    producer: Arc<FutureProducer<StatsContext>>,
}

impl KafkaPublisher {
    pub fn new(cfg: &KafkaConfig) -> Result<Self> {
        let producer: FutureProducer<StatsContext> = client_config(
            cfg,
            &[
                ("enable.idempotence", "true"),
                ("acks", "all"),
                ("compression.type", "lz4"),
                ("message.timeout.ms", "30000"),
                ("statistics.interval.ms", STATISTICS_INTERVAL_MS),
            ],
        )
        .create_with_context(StatsContext::new(metrics::global().clone()))?;
        Ok(KafkaPublisher {
            producer: Arc::new(producer),
        })
    }

    pub(crate) async fn publish(&self, messages: Vec<Message>) -> Result<()> {
        let sends = messages.iter().map(|m| {
            let mut headers = OwnedHeaders::new();
            if let Some(a) = &m.attributes {
                for (k, v) in a.headers() {
                    headers = headers.insert(Header {
                        key: k,
                        value: Some(v.as_bytes()),
                    });
                }
            }
            let record = FutureRecord::to(&m.topic)
                .key(&m.key)
                .payload(&m.payload)
                .headers(headers);
            self.producer.send(record, SEND_TIMEOUT)
        });
        for result in join_all(sends).await {
            result.map_err(|(e, _)| Error::Kafka(e))?;
        }
        Ok(())
    }

    pub(crate) fn flush(&self) -> Result<()> {
        self.producer.flush(Duration::from_secs(30))?;
        Ok(())
    }
}

/// A consumer-group member with auto-commit of *stored* offsets only: an
/// offset is stored by [`KafkaSubscriber::store`] once the record's outputs
/// are acknowledged, which gives at-least-once processing.
pub struct KafkaSubscriber {
    consumer: StreamConsumer<StatsContext>,
}

impl KafkaSubscriber {
    pub fn new(cfg: &KafkaConfig, group: &str, topics: &[&str]) -> Result<Self> {
        let consumer: StreamConsumer<StatsContext> = client_config(
            cfg,
            &[
                ("group.id", group),
                ("enable.auto.commit", "true"),
                ("auto.commit.interval.ms", "1000"),
                ("auto.offset.reset", "earliest"),
                ("session.timeout.ms", "10000"),
                ("statistics.interval.ms", STATISTICS_INTERVAL_MS),
            ],
        )
        // Not overridable: storing offsets by hand is what makes the stage
        // at-least-once.
        .set("enable.auto.offset.store", "false")
        .create_with_context(StatsContext::new(metrics::global().clone()))?;
        consumer.subscribe(topics)?;
        Ok(KafkaSubscriber { consumer })
    }

    pub(crate) async fn next(&self) -> Result<Delivery> {
        let m = self.consumer.recv().await?;
        Ok(Delivery {
            message: owned(&m),
            partition: Some(m.partition()),
            offset: Some(m.offset()),
        })
    }

    pub(crate) fn store(&self, d: &Delivery) -> Result<()> {
        if let (Some(p), Some(o)) = (d.partition, d.offset) {
            self.consumer.store_offset(&d.message.topic, p, o)?;
        }
        Ok(())
    }

    pub(crate) fn commit(&self) -> Result<()> {
        match self.consumer.commit_consumer_state(CommitMode::Sync) {
            // Nothing stored since the last commit is not a failure.
            Err(rdkafka::error::KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => Ok(()),
            other => Ok(other?),
        }
    }
}

fn owned(m: &impl rdkafka::message::Message) -> Message {
    let attributes = m.headers().and_then(|h| {
        Attributes::from_headers(h.iter().filter_map(|hd| hd.value.map(|v| (hd.key, v))))
    });
    Message {
        topic: m.topic().to_string(),
        key: m
            .key()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .unwrap_or_default(),
        payload: m.payload().unwrap_or_default().to_vec(),
        attributes,
    }
}

/// Creates `topics` when missing, with the configured partitions and
/// replication; topics that already exist are left as they are.
pub async fn ensure_topics(cfg: &KafkaConfig, topics: &[&str]) -> Result<()> {
    create_topics(cfg, topics, &[]).await
}

/// [`ensure_topics`] for tables: the topics are created with
/// `cleanup.policy=compact`, so the broker keeps the latest record of each
/// key (a record with an empty value deletes its key).
pub async fn ensure_compacted_topics(cfg: &KafkaConfig, topics: &[&str]) -> Result<()> {
    create_topics(cfg, topics, &[("cleanup.policy", "compact")]).await
}

async fn create_topics(cfg: &KafkaConfig, topics: &[&str], config: &[(&str, &str)]) -> Result<()> {
    let admin: AdminClient<DefaultClientContext> = client_config(cfg, &[]).create()?;
    let new: Vec<NewTopic> = topics
        .iter()
        .map(|t| {
            config.iter().fold(
                NewTopic::new(t, cfg.partitions, TopicReplication::Fixed(cfg.replication)),
                |n, (k, v)| n.set(k, v),
            )
        })
        .collect();
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)));
    for r in admin.create_topics(&new, &opts).await? {
        match r {
            Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((t, code)) => {
                return Err(Error::Kafka(rdkafka::error::KafkaError::AdminOp(code))).map_err(|e| {
                    tracing::warn!(topic = %t, error = %e, "Could not create a topic.");
                    e
                })
            }
        }
    }
    Ok(())
}

/// Every record of `topic` from the beginning up to its end at the time of
/// the call, read without a consumer group: state such as the matcher's claim
/// index is rebuilt from this on start.
pub fn read_to_end(cfg: &KafkaConfig, topic: &str, timeout: Duration) -> Result<Vec<Message>> {
    Ok(read_table(cfg, topic, timeout)?.records)
}

/// A topic read to its end: the records, and where each partition ended.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub records: Vec<Message>,
    /// `(partition, end offset)` for every partition, empty ones included.
    pub ends: Vec<(i32, i64)>,
}

/// [`read_to_end`], plus the end offset of every partition at the time of
/// the call, from which a [`Tail`] goes on.
pub fn read_table(cfg: &KafkaConfig, topic: &str, timeout: Duration) -> Result<Table> {
    // A group id is required by librdkafka, but nothing is committed: the
    // partitions are assigned by hand.
    let consumer: BaseConsumer = client_config(cfg, &[("group.id", "claimwatch-reader")])
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "true")
        .create()?;
    let md = consumer.fetch_metadata(Some(topic), timeout)?;
    let mut all_ends = Vec::new();
    let mut ends: HashMap<i32, i64> = HashMap::new();
    let mut tpl = TopicPartitionList::new();
    for t in md.topics() {
        for p in t.partitions() {
            let (low, high) = consumer.fetch_watermarks(topic, p.id(), timeout)?;
            all_ends.push((p.id(), high));
            if high > low {
                ends.insert(p.id(), high);
                tpl.add_partition_offset(topic, p.id(), Offset::Beginning)?;
            }
        }
    }
    let mut out = Vec::new();
    if ends.is_empty() {
        return Ok(Table {
            records: out,
            ends: all_ends,
        });
    }
    consumer.assign(&tpl)?;
    let deadline = std::time::Instant::now() + timeout;
    while !ends.is_empty() && std::time::Instant::now() < deadline {
        match consumer.poll(Duration::from_millis(200)) {
            Some(Ok(m)) => {
                let (p, o) = (m.partition(), m.offset());
                out.push(owned(&m));
                if let Some(e) = all_ends.iter_mut().find(|(q, _)| *q == p) {
                    e.1 = e.1.max(o + 1);
                }
            }
            // The partition is read to the end the broker reported with the
            // records. That end, not ListOffsets', decides: some brokers
            // (Tansu 0.6) answer ListOffsets with one past the first offset
            // of the last batch, and transaction markers or compaction can
            // leave the last offsets without a record.
            Some(Err(rdkafka::error::KafkaError::PartitionEOF(p))) => {
                ends.remove(&p);
            }
            Some(Err(e)) => return Err(e.into()),
            None => {}
        }
    }
    Ok(Table {
        records: out,
        ends: all_ends,
    })
}

/// A consumer of every partition of `topic` from the given offsets on,
/// outside any consumer group: each replica that tails a topic this way sees
/// all of it (the global-table pattern).
pub struct Tail {
    consumer: StreamConsumer,
}

impl Tail {
    pub fn new(cfg: &KafkaConfig, topic: &str, from: &[(i32, i64)]) -> Result<Tail> {
        let consumer: StreamConsumer = client_config(cfg, &[("group.id", "claimwatch-tail")])
            .set("enable.auto.commit", "false")
            .create()?;
        let mut tpl = TopicPartitionList::new();
        for (p, o) in from {
            tpl.add_partition_offset(topic, *p, Offset::Offset(*o))?;
        }
        consumer.assign(&tpl)?;
        Ok(Tail { consumer })
    }

    /// The next record of the topic.
    pub async fn next(&self) -> Result<Message> {
        Ok(owned(&self.consumer.recv().await?))
    }
}

/// What a [`GroupTable`] reports, in the order it happened.
#[derive(Debug)]
pub enum TableEvent {
    /// Partitions given to this member; their records follow, from the
    /// beginning of each partition.
    Assigned(Vec<i32>),
    /// Partitions taken from this member: what they held is no longer its
    /// own.
    Revoked(Vec<i32>),
    /// A record of an assigned partition; an empty payload is a tombstone.
    Record { partition: i32, message: Message },
}

/// Reports rebalances of a [`GroupTable`]'s consumer.
struct GroupContext {
    events: tokio::sync::mpsc::UnboundedSender<TableEvent>,
}

impl rdkafka::client::ClientContext for GroupContext {}

impl rdkafka::consumer::ConsumerContext for GroupContext {
    fn post_rebalance(
        &self,
        _consumer: &BaseConsumer<Self>,
        rebalance: &rdkafka::consumer::Rebalance<'_>,
    ) {
        use rdkafka::consumer::Rebalance;
        let parts = |tpl: &TopicPartitionList| -> Vec<i32> {
            tpl.elements().iter().map(|e| e.partition()).collect()
        };
        let event = match rebalance {
            Rebalance::Assign(tpl) => TableEvent::Assigned(parts(tpl)),
            Rebalance::Revoke(tpl) => TableEvent::Revoked(parts(tpl)),
            Rebalance::Error(e) => {
                tracing::warn!(error = %e, "Rebalance failed.");
                return;
            }
        };
        let _ = self.events.send(event);
    }
}

/// A compacted topic shared out among the members of a consumer group: each
/// member reads the partitions assigned to it from the beginning (nothing is
/// ever committed), so the keys of its partitions are its share of the
/// table, and hears when partitions come and go.
pub struct GroupTable {
    consumer: StreamConsumer<GroupContext>,
    events: tokio::sync::mpsc::UnboundedReceiver<TableEvent>,
    queue: std::collections::VecDeque<TableEvent>,
}

impl GroupTable {
    pub fn new(cfg: &KafkaConfig, group: &str, topic: &str) -> Result<GroupTable> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let consumer: StreamConsumer<GroupContext> = client_config(
            cfg,
            &[
                ("group.id", group),
                ("auto.offset.reset", "earliest"),
                ("session.timeout.ms", "10000"),
            ],
        )
        // Not overridable: a member must read its partitions from the
        // beginning every time they are assigned to it.
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .create_with_context(GroupContext { events: tx })?;
        consumer.subscribe(&[topic])?;
        Ok(GroupTable {
            consumer,
            events: rx,
            queue: Default::default(),
        })
    }

    /// The next assignment change or record.
    pub async fn next(&mut self) -> Result<TableEvent> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Ok(e);
            }
            tokio::select! {
                biased;
                Some(e) = self.events.recv() => return Ok(e),
                m = self.consumer.recv() => {
                    let m = m?;
                    let record = TableEvent::Record {
                        partition: m.partition(),
                        message: owned(&m),
                    };
                    // A rebalance reported while the record was fetched
                    // came first.
                    while let Ok(e) = self.events.try_recv() {
                        self.queue.push_back(e);
                    }
                    self.queue.push_back(record);
                }
            }
        }
    }
}
