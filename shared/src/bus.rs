//! The bus the stages talk over: Kafka topics, or bounded in-memory channels
//! in the embedded mode. Stages see only [`Publisher`] and [`Subscriber`], so
//! the same stage code runs in both.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::mpsc;

use crate::cloudevents::Attributes;
use crate::kafka::{KafkaPublisher, KafkaSubscriber};
use crate::{Error, Result};

/// One record on a topic: key, JSON payload and CloudEvents attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub topic: String,
    pub key: String,
    pub payload: Vec<u8>,
    pub attributes: Option<Attributes>,
}

impl Message {
    /// A message carrying `event` as JSON, with CloudEvents attributes.
    pub fn event<T: Serialize>(
        topic: &str,
        key: &str,
        id: &str,
        kind: &str,
        source: &str,
        time: DateTime<Utc>,
        event: &T,
    ) -> Message {
        Message {
            topic: topic.to_string(),
            key: key.to_string(),
            // Serialising our own types to JSON cannot fail: they hold no
            // maps with non-string keys and no failing Serialize impls.
            payload: serde_json::to_vec(event).expect("event types serialise to JSON"),
            attributes: Some(Attributes {
                id: id.to_string(),
                kind: kind.to_string(),
                source: source.to_string(),
                time,
            }),
        }
    }
}

/// Where a stage sends its outputs.
#[derive(Clone)]
pub enum Publisher {
    Kafka(KafkaPublisher),
    Memory(MemoryPublisher),
}

impl Publisher {
    /// Sends every message and resolves once all of them are acknowledged
    /// (by the broker, or accepted by the receiving channels).
    pub async fn publish(&self, messages: Vec<Message>) -> Result<()> {
        match self {
            Publisher::Kafka(p) => p.publish(messages).await,
            Publisher::Memory(p) => p.publish(messages).await,
        }
    }

    /// Waits until everything queued has been delivered.
    pub fn flush(&self) -> Result<()> {
        match self {
            Publisher::Kafka(p) => p.flush(),
            Publisher::Memory(_) => Ok(()),
        }
    }
}

/// One received record and where it came from.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub message: Message,
    pub partition: Option<i32>,
    pub offset: Option<i64>,
}

/// Where a stage reads its inputs.
pub enum Subscriber {
    Kafka(KafkaSubscriber),
    Memory(mpsc::Receiver<Message>),
}

impl Subscriber {
    /// The next record; `None` when the input is closed (embedded mode, once
    /// every upstream stage has finished).
    pub async fn next(&mut self) -> Option<Result<Delivery>> {
        match self {
            Subscriber::Kafka(s) => Some(s.next().await),
            Subscriber::Memory(rx) => rx.recv().await.map(|message| {
                Ok(Delivery {
                    message,
                    partition: None,
                    offset: None,
                })
            }),
        }
    }

    /// Marks `d` as done: every output of it has been acknowledged, so its
    /// offset may be committed.
    pub fn done(&self, d: &Delivery) -> Result<()> {
        match self {
            Subscriber::Kafka(s) => s.store(d),
            Subscriber::Memory(_) => Ok(()),
        }
    }

    /// Commits stored offsets synchronously; called on shutdown.
    pub fn commit(&self) -> Result<()> {
        match self {
            Subscriber::Kafka(s) => s.commit(),
            Subscriber::Memory(_) => Ok(()),
        }
    }
}

/// The embedded bus: each topic fans out to the bounded channels of its
/// in-process subscribers.
#[derive(Default)]
pub struct MemoryBus {
    routes: HashMap<String, Vec<mpsc::Sender<Message>>>,
}

impl MemoryBus {
    pub fn new() -> Self {
        Self::default()
    }

    /// A new subscriber of `topic`, with a channel of `capacity` records.
    pub fn subscribe(&mut self, topic: &str, capacity: usize) -> mpsc::Receiver<Message> {
        let (tx, rx) = mpsc::channel(capacity);
        self.routes.entry(topic.to_string()).or_default().push(tx);
        rx
    }

    /// One subscriber of several topics, sharing one channel of `capacity`.
    pub fn subscribe_many(&mut self, topics: &[&str], capacity: usize) -> mpsc::Receiver<Message> {
        let (tx, rx) = mpsc::channel(capacity);
        for t in topics {
            self.routes
                .entry(t.to_string())
                .or_default()
                .push(tx.clone());
        }
        rx
    }

    /// A publisher into every topic of this bus. A channel closes when every
    /// sender into it is dropped, which is how the embedded pipeline drains.
    pub fn publisher(&self) -> MemoryPublisher {
        MemoryPublisher {
            routes: Arc::new(self.routes.clone()),
        }
    }

    /// A publisher into `topics` only, so that a stage's own input channel
    /// closes once its upstream stages are done, not when it is.
    pub fn publisher_for(&self, topics: &[&str]) -> MemoryPublisher {
        let routes = self
            .routes
            .iter()
            .filter(|(t, _)| topics.contains(&t.as_str()))
            .map(|(t, s)| (t.clone(), s.clone()))
            .collect();
        MemoryPublisher {
            routes: Arc::new(routes),
        }
    }
}

/// Publishes into a [`MemoryBus`]; a full channel makes `publish` wait, which
/// is the embedded mode's backpressure.
#[derive(Clone)]
pub struct MemoryPublisher {
    routes: Arc<HashMap<String, Vec<mpsc::Sender<Message>>>>,
}

impl MemoryPublisher {
    async fn publish(&self, messages: Vec<Message>) -> Result<()> {
        for m in messages {
            let Some(subs) = self.routes.get(&m.topic) else {
                return Err(Error::Malformed(format!(
                    "no subscriber for topic {} in the embedded bus",
                    m.topic
                )));
            };
            for tx in subs {
                // A closed receiver means that stage has stopped (shutdown);
                // its loss is the receiver's choice, not a delivery failure.
                let _ = tx.send(m.clone()).await;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_bus_fans_out_and_closes_when_publishers_drop() {
        let mut bus = MemoryBus::new();
        let mut a = bus.subscribe("t", 4);
        let mut b = bus.subscribe("t", 4);
        let p = Publisher::Memory(bus.publisher());
        drop(bus);
        let m = Message {
            topic: "t".into(),
            key: "k".into(),
            payload: b"{}".to_vec(),
            attributes: None,
        };
        p.publish(vec![m.clone()]).await.unwrap();
        drop(p);
        assert_eq!(a.recv().await, Some(m.clone()));
        assert_eq!(b.recv().await, Some(m));
        assert_eq!(a.recv().await, None);
    }

    #[tokio::test]
    async fn an_unrouted_topic_is_an_error_not_a_silent_drop() {
        let bus = MemoryBus::new();
        let p = Publisher::Memory(bus.publisher());
        let m = Message {
            topic: "nowhere".into(),
            key: "k".into(),
            payload: vec![],
            attributes: None,
        };
        assert!(p.publish(vec![m]).await.is_err());
    }
}
