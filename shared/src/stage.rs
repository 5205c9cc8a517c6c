//! The loop every consuming stage runs, over Kafka or the embedded bus:
//! receive a record, transform it, publish the outputs, and only then mark
//! the record done. A record the transformation rejects goes to the
//! dead-letter topic with its reason, and the loop goes on.

use std::future::Future;
use std::time::Duration;

use crate::bus::{Delivery, Message, Publisher, Subscriber};
use crate::cloudevents::types;
use crate::events::DeadLetter;
use crate::metrics::{self, StageMetrics};
use crate::topics::Topics;
use crate::Result;

/// Why a record could not be handled; it goes to the dead-letter topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection(pub String);

impl<E: std::fmt::Display> From<E> for Rejection {
    fn from(e: E) -> Self {
        Rejection(e.to_string())
    }
}

/// A stage's transformation of one input record into its outputs.
pub trait Process: Send {
    /// The stage's name, used for dead letters, logs and consumer groups.
    fn name(&self) -> &'static str;

    /// The records to publish for `input`, or why it cannot be handled.
    fn process(&mut self, input: &Message) -> std::result::Result<Vec<Message>, Rejection>;
}

/// What a stage loop did, for logs and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageStats {
    pub received: u64,
    pub published: u64,
    pub dead_letters: u64,
}

/// Runs `process` over `input` until the input closes (embedded mode) or
/// `shutdown` resolves; then flushes the publisher and commits.
///
/// Offsets are stored only after the outputs are acknowledged. Publishing is
/// retried with capped backoff while it fails, so an unreachable broker stalls
/// the stage (and it resumes when the broker returns) instead of losing data.
pub async fn run<P: Process>(
    mut input: Subscriber,
    mut process: P,
    publisher: Publisher,
    topics: &Topics,
    shutdown: impl Future<Output = ()>,
) -> Result<StageStats> {
    let mut stats = StageStats::default();
    let m = StageMetrics::new(metrics::global(), process.name(), topics);
    tokio::pin!(shutdown);
    loop {
        let delivery = tokio::select! {
            biased;
            _ = &mut shutdown => break,
            next = input.next() => match next {
                None => break,
                Some(Ok(d)) => d,
                Some(Err(e)) => {
                    tracing::warn!(stage = process.name(), error = %e, "Receiving failed; retrying.");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    continue;
                }
            },
        };
        stats.received += 1;
        m.received();
        let started = std::time::Instant::now();
        let outputs = match process.process(&delivery.message) {
            Ok(outputs) => outputs,
            Err(Rejection(reason)) => {
                tracing::debug!(stage = process.name(), %reason, "Record dead-lettered.");
                stats.dead_letters += 1;
                m.dead_letter();
                vec![dead_letter(process.name(), &delivery, &reason, topics)]
            }
        };
        stats.published += outputs.len() as u64;
        let published: Vec<String> = outputs.iter().map(|o| o.topic.clone()).collect();
        publish_until_acked(&publisher, outputs, process.name()).await;
        m.published(published.iter().map(String::as_str));
        input.done(&delivery)?;
        m.done(started.elapsed());
    }
    publisher.flush()?;
    input.commit()?;
    tracing::info!(stage = process.name(), ?stats, "Stage stopped.");
    Ok(stats)
}

/// Publishes `outputs`, retrying with capped exponential backoff until the
/// bus acknowledges them.
pub async fn publish_until_acked(publisher: &Publisher, outputs: Vec<Message>, stage: &str) {
    if outputs.is_empty() {
        return;
    }
    let mut wait = Duration::from_millis(100);
    loop {
        match publisher.publish(outputs.clone()).await {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(stage, error = %e, retry_in = ?wait, "Publishing failed; retrying.");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        }
    }
}

/// The dead-letter record for `d`, keyed like the input.
pub fn dead_letter(stage: &str, d: &Delivery, reason: &str, topics: &Topics) -> Message {
    let mut dl = DeadLetter::new(stage, &d.message.topic, reason, &d.message.payload);
    dl.partition = d.partition;
    dl.offset = d.offset;
    dl.key = Some(d.message.key.clone());
    Message::event(
        &topics.deadletter,
        &d.message.key,
        &dl.id,
        types::DEADLETTER,
        &format!("/claimwatch/{stage}"),
        dl.at,
        &dl,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bus::MemoryBus;

    struct Upper;

    impl Process for Upper {
        fn name(&self) -> &'static str {
            "upper"
        }

        fn process(&mut self, input: &Message) -> std::result::Result<Vec<Message>, Rejection> {
            let text = std::str::from_utf8(&input.payload)?;
            if text.is_empty() {
                return Err(Rejection("empty".into()));
            }
            Ok(vec![Message {
                topic: "out".into(),
                key: input.key.clone(),
                payload: text.to_uppercase().into_bytes(),
                attributes: None,
            }])
        }
    }

    #[tokio::test]
    async fn bad_records_are_dead_lettered_and_the_stage_goes_on() {
        let topics = Topics::new("t");
        let mut bus = MemoryBus::new();
        let input = bus.subscribe("in", 8);
        let mut out = bus.subscribe("out", 8);
        let mut dlq = bus.subscribe(&topics.deadletter, 8);
        // The stage publishes only downstream, so its input closes once the
        // feeding publisher is dropped.
        let publisher = Publisher::Memory(bus.publisher_for(&["out", &topics.deadletter]));
        let feed = bus.publisher_for(&["in"]);
        drop(bus);
        let msg = |p: &[u8]| Message {
            topic: "in".into(),
            key: "k".into(),
            payload: p.to_vec(),
            attributes: None,
        };
        Publisher::Memory(feed)
            .publish(vec![msg(b"a"), msg(b"\xff"), msg(b""), msg(b"b")])
            .await
            .unwrap();
        let stats = run(
            Subscriber::Memory(input),
            Upper,
            publisher,
            &topics,
            std::future::pending(),
        )
        .await
        .unwrap();
        assert_eq!(stats.received, 4);
        assert_eq!(stats.dead_letters, 2);
        assert_eq!(out.recv().await.unwrap().payload, b"A");
        assert_eq!(out.recv().await.unwrap().payload, b"B");
        let d: DeadLetter = serde_json::from_slice(&dlq.recv().await.unwrap().payload).unwrap();
        assert!(d.reason.contains("utf-8"), "{}", d.reason);
        assert_eq!(d.stage, "upper");
        let d: DeadLetter = serde_json::from_slice(&dlq.recv().await.unwrap().payload).unwrap();
        assert_eq!(d.reason, "empty");
    }
}
