//! The Kafka plumbing against rdkafka's in-process `MockCluster`: records
//! round-trip with their CloudEvents headers, offsets are committed only
//! once a record is marked done, and a topic can be read to its end. (Topic
//! creation through the admin API is covered against Tansu in `tests/e2e`:
//! the mock cluster does not answer it.)

use std::time::Duration;

use chrono::Utc;
use claimwatch_shared::bus::{Message, Publisher, Subscriber};
use claimwatch_shared::config::KafkaConfig;
use claimwatch_shared::kafka::{read_to_end, KafkaPublisher, KafkaSubscriber};
use rdkafka::mocking::MockCluster;

fn config(brokers: &str) -> KafkaConfig {
    KafkaConfig {
        brokers: brokers.to_string(),
        partitions: 2,
        ..KafkaConfig::default()
    }
}

fn event(topic: &str, n: u32) -> Message {
    Message::event(
        topic,
        &format!("key-{n}"),
        &format!("id-{n}"),
        "io.claimwatch.test.v1",
        "/claimwatch/test",
        Utc::now(),
        &serde_json::json!({ "n": n }),
    )
}

async fn next(sub: &mut Subscriber) -> claimwatch_shared::bus::Delivery {
    tokio::time::timeout(Duration::from_secs(30), sub.next())
        .await
        .expect("a record within 30 s")
        .expect("an open input")
        .expect("a record, not an error")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_round_trip_with_cloudevents_headers() -> anyhow::Result<()> {
    let cluster = MockCluster::new(1)?;
    let cfg = config(&cluster.bootstrap_servers());
    cluster.create_topic("t.in", 2, 1)?;
    let publisher = Publisher::Kafka(KafkaPublisher::new(&cfg)?);
    publisher.publish(vec![event("t.in", 1)]).await?;
    let mut sub = Subscriber::Kafka(KafkaSubscriber::new(&cfg, "g1", &["t.in"])?);
    let d = next(&mut sub).await;
    assert_eq!(d.message.key, "key-1");
    let a = d.message.attributes.clone().expect("CloudEvents headers");
    assert_eq!(a.id, "id-1");
    assert_eq!(a.kind, "io.claimwatch.test.v1");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&d.message.payload)?["n"],
        1
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_records_marked_done_are_committed() -> anyhow::Result<()> {
    let cluster = MockCluster::new(1)?;
    let mut cfg = config(&cluster.bootstrap_servers());
    cfg.partitions = 1;
    cluster.create_topic("t.commit", 1, 1)?;
    let publisher = Publisher::Kafka(KafkaPublisher::new(&cfg)?);
    publisher
        .publish(vec![event("t.commit", 1), event("t.commit", 2)])
        .await?;
    {
        let mut sub = Subscriber::Kafka(KafkaSubscriber::new(&cfg, "g2", &["t.commit"])?);
        let first = next(&mut sub).await;
        sub.done(&first)?;
        let _second = next(&mut sub).await; // read, never marked done
        sub.commit()?;
    }
    // A new member of the group resumes after the last record marked done.
    let mut sub = Subscriber::Kafka(KafkaSubscriber::new(&cfg, "g2", &["t.commit"])?);
    let again = next(&mut sub).await;
    assert_eq!(again.message.key, "key-2");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_topic_is_read_to_its_end() -> anyhow::Result<()> {
    let cluster = MockCluster::new(1)?;
    let cfg = config(&cluster.bootstrap_servers());
    cluster.create_topic("t.state", 2, 1)?;
    cluster.create_topic("t.empty", 2, 1)?;
    let publisher = Publisher::Kafka(KafkaPublisher::new(&cfg)?);
    publisher
        .publish((0..10).map(|n| event("t.state", n)).collect())
        .await?;
    let cfg2 = cfg.clone();
    let records =
        tokio::task::spawn_blocking(move || read_to_end(&cfg2, "t.state", Duration::from_secs(30)))
            .await??;
    assert_eq!(records.len(), 10);
    let empty =
        tokio::task::spawn_blocking(move || read_to_end(&cfg, "t.empty", Duration::from_secs(30)))
            .await??;
    assert!(empty.is_empty());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_broker_is_an_error_not_a_hang() -> anyhow::Result<()> {
    let cfg = KafkaConfig {
        brokers: "127.0.0.1:1".into(),
        options: [("message.timeout.ms".to_string(), "2000".to_string())].into(),
        ..KafkaConfig::default()
    };
    let publisher = Publisher::Kafka(KafkaPublisher::new(&cfg)?);
    let r = publisher.publish(vec![event("t.none", 1)]).await;
    assert!(r.is_err(), "publishing to no broker must fail");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn librdkafka_statistics_reach_the_metrics_registry() -> anyhow::Result<()> {
    let cluster = MockCluster::new(1)?;
    cluster.create_topic("t.stats", 1, 1)?;
    let mut cfg = config(&cluster.bootstrap_servers());
    cfg.options
        .insert("statistics.interval.ms".into(), "100".into());
    let publisher = Publisher::Kafka(KafkaPublisher::new(&cfg)?);
    publisher.publish(vec![event("t.stats", 1)]).await?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let name = claimwatch_shared::metrics::names::KAFKA_PRODUCER_QUEUE_MESSAGES;
    while !claimwatch_shared::metrics::global().render().contains(name) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no producer statistics within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}
