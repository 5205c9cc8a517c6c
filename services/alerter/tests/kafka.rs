//! The alerter over Kafka (rdkafka's in-process `MockCluster`): offsets are
//! committed only up to the last record whose alerts all settled, so a
//! record stuck behind a hook at shutdown — and every record after it on its
//! partition — is read again by the next member of the group.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use chrono::Utc;
use claimwatch_alerter::stage::Alerter;
use claimwatch_shared::bus::{Message, Publisher, Subscriber};
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::config::{AlerterConfig, HookConfig, KafkaConfig};
use claimwatch_shared::events::{Party, PartyType, UnverifiedClaim, SCHEMA_VERSION};
use claimwatch_shared::kafka::{KafkaPublisher, KafkaSubscriber};
use claimwatch_shared::metrics::Metrics;
use claimwatch_shared::topics::Topics;
use rdkafka::mocking::MockCluster;

#[derive(Default)]
struct Hook {
    held: AtomicUsize,
    delivered: Mutex<Vec<String>>,
}

/// Accepts every claim.
async fn accept(State(h): State<Arc<Hook>>, body: Bytes) -> StatusCode {
    let claim: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let id = claim["id"].as_str().unwrap_or("").to_string();
    h.delivered.lock().unwrap().push(id);
    StatusCode::NO_CONTENT
}

/// Holds every request forever.
async fn hold(State(h): State<Arc<Hook>>) -> StatusCode {
    h.held.fetch_add(1, Ordering::SeqCst);
    std::future::pending::<()>().await;
    StatusCode::NO_CONTENT
}

fn claim(id: &str) -> UnverifiedClaim {
    UnverifiedClaim {
        schema_version: SCHEMA_VERSION,
        id: id.into(),
        claimant: Party {
            name: "Someone".into(),
            role: None,
            organisation: None,
            kind: PartyType::Person,
        },
        content: format!("claim {id}"),
        signals: vec![],
        score: 0.5,
        first_seen: Utc::now(),
        appearances: vec![],
        terms: vec![],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_stuck_at_shutdown_is_not_committed_nor_is_anything_after_it() -> Result<()> {
    let cluster = MockCluster::new(1)?;
    let kafka = KafkaConfig {
        brokers: cluster.bootstrap_servers(),
        partitions: 1,
        ..KafkaConfig::default()
    };
    let topics = Topics::new("mock");
    for t in [&topics.claims, &topics.denials, &topics.deadletter] {
        cluster.create_topic(t, 1, 1)?;
    }
    let publisher = Publisher::Kafka(KafkaPublisher::new(&kafka)?);
    let records: Vec<Message> = ["c0", "c1", "c2"]
        .iter()
        .map(|id| {
            let c = claim(id);
            Message::event(&topics.claims, id, id, types::CLAIM, "/t", c.first_seen, &c)
        })
        .collect();
    publisher.publish(records).await?;

    let hook = Arc::new(Hook::default());
    let app = Router::new()
        .route("/ok", post(accept))
        .route("/stuck", post(hold))
        .with_state(hook.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    // Every claim goes to "ok"; only c1 goes to "stuck", which never answers.
    let hooks: Vec<HookConfig> = vec![
        serde_json::from_value(serde_json::json!({"name": "ok", "url": format!("{base}/ok")}))?,
        serde_json::from_value(serde_json::json!({
            "name": "stuck", "url": format!("{base}/stuck"), "keywords": ["claim c1"], "max_retries": 0
        }))?,
    ];
    let cfg = AlerterConfig {
        hooks,
        allow_private: true,
        drain_secs: 1,
        ..AlerterConfig::default()
    };

    let group = "alerter-test";
    let input = Subscriber::Kafka(KafkaSubscriber::new(
        &kafka,
        group,
        &[&topics.claims, &topics.denials],
    )?);
    let alerter = Alerter::build(&cfg)?.with_metrics(Metrics::new());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let t = topics.clone();
    let out = publisher.clone();
    let run = tokio::spawn(async move {
        alerter
            .run(input, out, &t, async move {
                let _ = stopped.await;
            })
            .await
    });

    // Wait until "ok" has every claim and "stuck" holds c1.
    for _ in 0..6000 {
        if hook.delivered.lock().unwrap().len() == 3 && hook.held.load(Ordering::SeqCst) == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    ensure!(
        *hook.delivered.lock().unwrap() == ["c0", "c1", "c2"],
        "{:?}",
        hook.delivered.lock().unwrap()
    );
    ensure!(hook.held.load(Ordering::SeqCst) == 1);
    let _ = stop.send(());
    let stats = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .context("the alerter did not stop")???;
    ensure!(stats.delivered == 3 && stats.received == 3, "{stats:?}");

    // The next member of the group starts at c1: c0 was committed, c1 was
    // not (stuck on one hook), and c2 was not either although every hook
    // took it, because it comes after c1.
    let mut next = Subscriber::Kafka(KafkaSubscriber::new(&kafka, group, &[&topics.claims])?);
    let d = tokio::time::timeout(Duration::from_secs(60), next.next())
        .await
        .context("no record for the next member")?
        .context("input closed")??;
    ensure!(d.message.key == "c1", "resumed at {}", d.message.key);
    Ok(())
}
