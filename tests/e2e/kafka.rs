//! The pipeline over a real Kafka-protocol broker (Tansu): each stage runs as
//! its own task with its own consumer group, exactly as the containers do.

use std::collections::HashSet;
use std::time::Duration;

use claimwatch::pipeline::{self, Shutdown, StageName};
use claimwatch_fetcher::stage::Fetcher;
use claimwatch_shared::bus::Publisher;
use claimwatch_shared::config::Config;
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
