//! The alerter against local HTTP receivers (axum on 127.0.0.1:0), fed
//! through the in-memory bus: signatures verify, alerts are deduplicated,
//! failures retry and dead-letter, and a slow hook does not hold up a fast one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use chrono::{TimeZone, Utc};
use claimwatch_alerter::sign;
use claimwatch_alerter::stage::{AlertStats, Alerter};
use claimwatch_shared::bus::{MemoryBus, Message, Publisher, Subscriber};
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::config::{AlerterConfig, HookConfig};
use claimwatch_shared::events::{
    Appearance, ArticleRef, DeadLetter, Denier, OfficialDenial, Party, PartyType, Refutation,
    UnverifiedClaim, SCHEMA_VERSION,
};
use claimwatch_shared::metrics::Metrics;
use claimwatch_shared::topics::Topics;
use serde_json::{json, Value};
use tokio::sync::{mpsc, Semaphore};

const SECRET: &str = "test-secret";

/// How a receiver answers.
#[derive(Clone)]
enum Behaviour {
    Ok,
    /// Answers with this status every time.
    Fail(u16),
    /// Answers 429 with `Retry-After: 1` this many times, then 200.
    LimitedFirst(usize),
    /// Waits for a permit of the semaphore (the test hands them out), then 200.
    Gated(Arc<Semaphore>),
}

/// One request as received.
#[derive(Debug, Clone)]
struct Received {
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

struct Receiver {
    behaviour: Behaviour,
    attempts: AtomicUsize,
    received: Mutex<Vec<Received>>,
    /// Every accepted request is also sent here, for tests that wait.
    notify: mpsc::UnboundedSender<Received>,
}

async fn receive(State(r): State<Arc<Receiver>>, headers: HeaderMap, body: Bytes) -> Response {
    let n = r.attempts.fetch_add(1, Ordering::SeqCst);
    let got = Received {
        headers,
        body: body.to_vec(),
    };
    match &r.behaviour {
        Behaviour::Ok => {}
        Behaviour::Fail(status) => {
            return StatusCode::from_u16(*status)
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response()
        }
        Behaviour::LimitedFirst(k) if n < *k => {
            return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")]).into_response();
        }
        Behaviour::LimitedFirst(_) => {}
        Behaviour::Gated(gate) => {
            let permit = gate.acquire().await;
            if let Ok(p) = permit {
                p.forget();
            }
        }
    }
    r.received.lock().unwrap().push(got.clone());
    let _ = r.notify.send(got);
    StatusCode::NO_CONTENT.into_response()
}

/// A receiver on 127.0.0.1:0: its URL, its state, and a stream of accepted requests.
async fn receiver(
    behaviour: Behaviour,
) -> Result<(String, Arc<Receiver>, mpsc::UnboundedReceiver<Received>)> {
    let (tx, rx) = mpsc::unbounded_channel();
    let state = Arc::new(Receiver {
        behaviour,
        attempts: AtomicUsize::new(0),
        received: Mutex::new(Vec::new()),
        notify: tx,
    });
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((format!("http://{addr}/hook"), state, rx))
}

fn hook(name: &str, url: &str, extra: Value) -> HookConfig {
    let mut v = json!({"name": name, "url": url, "secret": SECRET, "rate_per_sec": 1000.0});
    if let (Some(obj), Value::Object(more)) = (v.as_object_mut(), extra) {
        obj.extend(more);
    }
    serde_json::from_value(v).expect("a valid hook config")
}

fn config(hooks: Vec<HookConfig>) -> AlerterConfig {
    AlerterConfig {
        hooks,
        allow_private: true,
        timeout_secs: 30,
        ..AlerterConfig::default()
    }
}

fn article(id: &str) -> ArticleRef {
    ArticleRef {
        id: id.into(),
        revision: 1,
        feed: "https://feeds.example/world.xml".into(),
        url: Some(format!("https://news.example/{id}")),
        title: format!("Story {id}"),
        published: None,
    }
}

fn claim(id: &str, articles: &[&str]) -> UnverifiedClaim {
    let t = Utc.with_ymd_and_hms(2024, 6, 2, 10, 0, 0).unwrap();
    UnverifiedClaim {
        schema_version: SCHEMA_VERSION,
        id: id.into(),
        claimant: Party {
            name: "Rostamali Rafiei Atani".into(),
            role: Some("commander".into()),
            organisation: Some("IRGC".into()),
            kind: PartyType::Person,
        },
        content: format!("the US sent Iran a written message ({id})"),
        signals: vec![],
        score: 0.8,
        first_seen: t,
        appearances: articles
            .iter()
            .map(|a| Appearance {
                article: article(a),
                statement: "s1".into(),
                seen_at: t,
            })
            .collect(),
        terms: vec![],
    }
}

fn denial(id: &str, refutes: &[&str]) -> OfficialDenial {
    OfficialDenial {
        schema_version: SCHEMA_VERSION,
        id: id.into(),
        denier: Denier {
            party: Party {
                name: "the Biden administration".into(),
                role: None,
                organisation: None,
                kind: PartyType::Government,
            },
            official: true,
        },
        content: "the exchange did not happen".into(),
        signals: vec![],
        score: 0.9,
        refutes: refutes
            .iter()
            .map(|c| Refutation {
                claim_id: c.to_string(),
                score: 0.7,
                evidence: vec![],
            })
            .collect(),
        article: article("a9"),
        statement: "s4".into(),
        seen_at: Utc.with_ymd_and_hms(2024, 6, 2, 12, 0, 0).unwrap(),
    }
}

fn claim_msg(topics: &Topics, c: &UnverifiedClaim) -> Message {
    Message::event(
        &topics.claims,
        &c.id,
        &format!("ce-{}-{}", c.id, c.appearances.len()),
        types::CLAIM,
        "/t",
        c.first_seen,
        c,
    )
}

fn denial_msg(topics: &Topics, d: &OfficialDenial) -> Message {
    Message::event(
        &topics.denials,
        d.key(),
        &format!("ce-{}-{}", d.id, d.refutes.len()),
        types::DENIAL,
        "/t",
        d.seen_at,
        d,
    )
}

/// An alerter running over a memory bus: feed it, then `finish` to close the
/// input and collect its stats and dead letters.
struct Harness {
    topics: Topics,
    feed: Option<Publisher>,
    dead: mpsc::Receiver<Message>,
    run: tokio::task::JoinHandle<Result<AlertStats, claimwatch_alerter::Error>>,
}

impl Harness {
    fn start(cfg: &AlerterConfig) -> Result<Harness> {
        Self::start_with(cfg, std::future::pending())
    }

    fn start_with(
        cfg: &AlerterConfig,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<Harness> {
        Self::start_full(cfg, shutdown, Metrics::new())
    }

    fn start_full(
        cfg: &AlerterConfig,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
        metrics: Metrics,
    ) -> Result<Harness> {
        let topics = Topics::new("test");
        let alerter = Alerter::build(cfg)?.with_metrics(metrics);
        let mut bus = MemoryBus::new();
        // A small input channel: if the alerter waited on a hook, feeding
        // would stall and the tests below would never see the fast hook done.
        let input = bus.subscribe_many(&[&topics.claims, &topics.denials], 2);
        let dead = bus.subscribe(&topics.deadletter, 256);
        let feed = Publisher::Memory(bus.publisher_for(&[&topics.claims, &topics.denials]));
        let out = Publisher::Memory(bus.publisher_for(&[&topics.deadletter]));
        drop(bus);
        let t = topics.clone();
        let run = tokio::spawn(async move {
            alerter
                .run(Subscriber::Memory(input), out, &t, shutdown)
                .await
        });
        Ok(Harness {
            topics,
            feed: Some(feed),
            dead,
            run,
        })
    }

    async fn send(&self, messages: Vec<Message>) -> Result<()> {
        self.feed
            .as_ref()
            .context("input closed")?
            .publish(messages)
            .await?;
        Ok(())
    }

    async fn finish(mut self) -> Result<(AlertStats, Vec<DeadLetter>)> {
        self.feed = None;
        let stats = self.run.await??;
        let mut dead = Vec::new();
        while let Ok(m) = self.dead.try_recv() {
            dead.push(serde_json::from_slice(&m.payload)?);
        }
        Ok((stats, dead))
    }
}

#[tokio::test]
async fn webhook_deliveries_are_signed_and_sent_once_per_claim_and_link() -> Result<()> {
    let (url, recv, _) = receiver(Behaviour::Ok).await?;
    let h = Harness::start(&config(vec![hook("ops", &url, json!({}))]))?;
    let t = h.topics.clone();
    h.send(vec![
        claim_msg(&t, &claim("c1", &["a1"])),
        // The same claim seen in another article: no new alert.
        claim_msg(&t, &claim("c1", &["a1", "a2"])),
        denial_msg(&t, &denial("d1", &["c1"])),
        // Re-emitted with the same refutes set, and from another article.
        denial_msg(&t, &denial("d1", &["c1"])),
        denial_msg(&t, &denial("d2", &["c1"])),
        // A new link: alerts for c2 only.
        denial_msg(&t, &denial("d1", &["c1", "c2"])),
    ])
    .await?;
    let (stats, dead) = h.finish().await?;
    ensure!(dead.is_empty(), "{dead:?}");
    ensure!(
        stats.received == 6 && stats.delivered == 3 && stats.duplicates == 4,
        "{stats:?}"
    );

    let got = recv.received.lock().unwrap().clone();
    ensure!(got.len() == 3, "{} deliveries", got.len());
    let now = Utc::now().timestamp();
    let mut ids = Vec::new();
    for r in &got {
        sign::verify(
            SECRET.as_bytes(),
            r.header(sign::TIMESTAMP_HEADER),
            r.header(sign::SIGNATURE_HEADER),
            &r.body,
            now,
            sign::DEFAULT_TOLERANCE_SECS,
        )
        .map_err(|e| anyhow::anyhow!("signature rejected: {e:?}"))?;
        ensure!(r.header("content-type") == "application/json");
        ids.push(r.header(sign::ALERT_ID_HEADER).to_string());
    }
    ids.sort();
    ids.dedup();
    ensure!(ids.len() == 3, "alert ids are distinct: {ids:?}");
    // The default body is the event itself, byte for byte as published.
    ensure!(got[0].body == claim_msg(&t, &claim("c1", &["a1"])).payload);
    ensure!(got[0].json()["id"] == "c1" && got[0].header(sign::EVENT_HEADER) == "claim");
    ensure!(got[1].json()["id"] == "d1" && got[1].header(sign::EVENT_HEADER) == "denial");
    ensure!(got[2].json()["refutes"][1]["claim_id"] == "c2");
    let claims: Vec<&str> = got
        .iter()
        .map(|r| r.header(sign::CLAIM_ID_HEADER))
        .collect();
    ensure!(claims == ["c1", "c1", "c2"], "{claims:?}");
    // A body changed in transit no longer verifies.
    let mut tampered = got[0].body.clone();
    tampered[0] = b' ';
    ensure!(sign::verify(
        SECRET.as_bytes(),
        got[0].header(sign::TIMESTAMP_HEADER),
        got[0].header(sign::SIGNATURE_HEADER),
        &tampered,
        now,
        300
    )
    .is_err());
    Ok(())
}

#[tokio::test]
async fn a_failing_hook_is_retried_then_dead_lettered() -> Result<()> {
    let (url, recv, _) = receiver(Behaviour::Fail(503)).await?;
    let metrics = Metrics::new();
    let h = Harness::start_full(
        &config(vec![hook("broken", &url, json!({"max_retries": 2}))]),
        std::future::pending(),
        metrics.clone(),
    )?;
    let t = h.topics.clone();
    h.send(vec![claim_msg(&t, &claim("c1", &["a1"]))]).await?;
    let (stats, dead) = h.finish().await?;
    ensure!(
        recv.attempts.load(Ordering::SeqCst) == 3,
        "one try and two retries"
    );
    ensure!(stats.dead_letters == 1 && stats.delivered == 0, "{stats:?}");
    ensure!(dead.len() == 1, "{dead:?}");
    let d = &dead[0];
    ensure!(d.stage == "alerter" && d.source == "hook:broken", "{d:?}");
    ensure!(
        d.reason.contains("HTTP 503 after 3 attempts"),
        "{}",
        d.reason
    );
    ensure!(d.key.as_deref() == Some("c1"));
    let payload: UnverifiedClaim = serde_json::from_str(&d.payload)?;
    ensure!(payload.id == "c1");
    let text = metrics.render();
    for line in [
        r#"claimwatch_hook_deliveries_total{hook="broken",outcome="retried"} 2"#,
        r#"claimwatch_hook_deliveries_total{hook="broken",outcome="dead_lettered"} 1"#,
        r#"claimwatch_hook_delivery_duration_seconds_count{hook="broken"} 3"#,
        r#"claimwatch_records_received_total{stage="alerter"} 1"#,
    ] {
        ensure!(text.contains(line), "{line} not in\n{text}");
    }
    Ok(())
}

#[tokio::test]
async fn a_client_error_is_not_retried() -> Result<()> {
    let (url, recv, _) = receiver(Behaviour::Fail(410)).await?;
    let h = Harness::start(&config(vec![hook("gone", &url, json!({"max_retries": 5}))]))?;
    let t = h.topics.clone();
    h.send(vec![claim_msg(&t, &claim("c1", &["a1"]))]).await?;
    let (_, dead) = h.finish().await?;
    ensure!(recv.attempts.load(Ordering::SeqCst) == 1);
    ensure!(
        dead.len() == 1 && dead[0].reason.contains("HTTP 410"),
        "{dead:?}"
    );
    Ok(())
}

#[tokio::test]
async fn retry_after_is_honoured_and_the_retry_delivers() -> Result<()> {
    let (url, recv, _) = receiver(Behaviour::LimitedFirst(1)).await?;
    let h = Harness::start(&config(vec![hook(
        "limited",
        &url,
        json!({"max_retries": 1}),
    )]))?;
    let t = h.topics.clone();
    let started = std::time::Instant::now();
    h.send(vec![claim_msg(&t, &claim("c1", &["a1"]))]).await?;
    let (stats, dead) = h.finish().await?;
    ensure!(
        dead.is_empty() && stats.delivered == 1,
        "{stats:?} {dead:?}"
    );
    ensure!(recv.attempts.load(Ordering::SeqCst) == 2);
    // The hook asked for one second; the retry waited at least that.
    ensure!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    Ok(())
}

#[tokio::test]
async fn a_slow_hook_does_not_hold_up_a_fast_one() -> Result<()> {
    let gate = Arc::new(Semaphore::new(0));
    let (slow_url, slow, _) = receiver(Behaviour::Gated(gate.clone())).await?;
    let (fast_url, fast, mut fast_seen) = receiver(Behaviour::Ok).await?;
    let h = Harness::start(&config(vec![
        hook("slow", &slow_url, json!({})),
        hook("fast", &fast_url, json!({})),
    ]))?;
    let t = h.topics.clone();
    let n = 8;
    // More records than the input channel holds: feeding completes only if
    // the alerter keeps reading while the slow hook is stuck.
    h.send(
        (0..n)
            .map(|i| claim_msg(&t, &claim(&format!("c{i}"), &["a1"])))
            .collect(),
    )
    .await?;
    for _ in 0..n {
        tokio::time::timeout(Duration::from_secs(60), fast_seen.recv())
            .await
            .context("the fast hook was held up")?
            .context("receiver gone")?;
    }
    // The fast hook has everything while the slow one has delivered nothing.
    ensure!(slow.received.lock().unwrap().is_empty());
    gate.add_permits(n);
    let (stats, dead) = h.finish().await?;
    ensure!(dead.is_empty(), "{dead:?}");
    ensure!(stats.delivered == 2 * n as u64, "{stats:?}");
    ensure!(slow.received.lock().unwrap().len() == n && fast.received.lock().unwrap().len() == n);
    Ok(())
}

#[tokio::test]
async fn a_full_queue_dead_letters_its_oldest_alert_instead_of_blocking() -> Result<()> {
    let gate = Arc::new(Semaphore::new(0));
    let (url, recv, _) = receiver(Behaviour::Gated(gate.clone())).await?;
    let mut cfg = config(vec![hook("slow", &url, json!({}))]);
    cfg.queue = 1;
    let h = Harness::start(&cfg)?;
    let t = h.topics.clone();
    h.send(
        (0..4)
            .map(|i| claim_msg(&t, &claim(&format!("c{i}"), &["a1"])))
            .collect(),
    )
    .await?;
    gate.add_permits(4);
    let (stats, dead) = h.finish().await?;
    ensure!(stats.dropped >= 1, "{stats:?}");
    ensure!(stats.delivered + stats.dead_letters == 4, "{stats:?}");
    ensure!(dead.len() as u64 == stats.dropped, "{dead:?}");
    ensure!(
        dead.iter().all(|d| d.reason.contains("queue full")),
        "{dead:?}"
    );
    ensure!(recv.received.lock().unwrap().len() as u64 == stats.delivered);
    Ok(())
}

#[tokio::test]
async fn filters_decide_which_hook_gets_which_alert() -> Result<()> {
    let (all_url, all, _) = receiver(Behaviour::Ok).await?;
    let (den_url, den, _) = receiver(Behaviour::Ok).await?;
    let (kw_url, kw, _) = receiver(Behaviour::Ok).await?;
    let h = Harness::start(&config(vec![
        hook("all", &all_url, json!({})),
        hook(
            "denials",
            &den_url,
            json!({"events": ["denial"], "official_only": true, "linked_only": true}),
        ),
        hook("keyword", &kw_url, json!({"keywords": ["(c2)"]})),
    ]))?;
    let t = h.topics.clone();
    let mut unofficial = denial("d3", &["c1"]);
    unofficial.denier.official = false;
    unofficial.denier.party.name = "a blogger".into();
    h.send(vec![
        claim_msg(&t, &claim("c1", &["a1"])),
        claim_msg(&t, &claim("c2", &["a1"])),
        denial_msg(&t, &denial("d0", &[])),
        denial_msg(&t, &denial("d1", &["c1"])),
        denial_msg(&t, &unofficial),
    ])
    .await?;
    let (stats, _) = h.finish().await?;
    let count = |r: &Receiver| r.received.lock().unwrap().len();
    ensure!(count(&all) == 5, "all: {}", count(&all));
    ensure!(count(&den) == 1, "denials: {}", count(&den));
    ensure!(den.received.lock().unwrap()[0].json()["id"] == "d1");
    ensure!(count(&kw) == 1, "keyword: {}", count(&kw));
    ensure!(stats.delivered == 7, "{stats:?}");
    Ok(())
}

#[tokio::test]
async fn slack_hooks_get_a_readable_message_and_templates_shape_bodies() -> Result<()> {
    let (slack_url, slack, _) = receiver(Behaviour::Ok).await?;
    let (tpl_url, tpl, _) = receiver(Behaviour::Ok).await?;
    let template = r#"{"summary": "{{denial.denier.name}} denies {{claim.claimant.name}}", "link": "{{refutation.claim_id}}", "score": "{{denial.score}}"}"#;
    let h = Harness::start(&config(vec![
        hook(
            "slack",
            &slack_url,
            json!({"kind": "slack", "secret": null}),
        ),
        hook(
            "tpl",
            &tpl_url,
            json!({"events": ["denial"], "template": template}),
        ),
    ]))?;
    let t = h.topics.clone();
    h.send(vec![
        claim_msg(&t, &claim("c1", &["a1"])),
        denial_msg(&t, &denial("d1", &["c1"])),
    ])
    .await?;
    h.finish().await?;
    let got = slack.received.lock().unwrap().clone();
    ensure!(got.len() == 2);
    ensure!(
        got[0].header(sign::SIGNATURE_HEADER).is_empty(),
        "no secret, no signature"
    );
    let m = got[1].json();
    let text = m["text"].as_str().unwrap_or("");
    ensure!(
        text.contains("Official denial by the Biden administration"),
        "{text}"
    );
    ensure!(text.contains("Rostamali Rafiei Atani"), "{text}");
    let blocks = m["blocks"].as_array().context("blocks")?;
    ensure!(!blocks.is_empty() && blocks.len() <= 50);
    ensure!(
        m.to_string().contains("<https://news.example/a9|Story a9>"),
        "{m}"
    );
    let body = tpl.received.lock().unwrap()[0].json();
    ensure!(
        body == json!({"summary": "the Biden administration denies Rostamali Rafiei Atani", "link": "c1", "score": 0.9f32}),
        "{body}"
    );
    Ok(())
}

#[tokio::test]
async fn malformed_records_are_dead_lettered_and_the_alerter_goes_on() -> Result<()> {
    let (url, recv, _) = receiver(Behaviour::Ok).await?;
    let h = Harness::start(&config(vec![hook("ops", &url, json!({}))]))?;
    let t = h.topics.clone();
    let bad = Message {
        topic: t.claims.clone(),
        key: "k".into(),
        payload: b"{\"not\": \"a claim\"}".to_vec(),
        attributes: None,
    };
    h.send(vec![bad, claim_msg(&t, &claim("c1", &["a1"]))])
        .await?;
    let (stats, dead) = h.finish().await?;
    ensure!(stats.malformed == 1 && stats.delivered == 1, "{stats:?}");
    ensure!(
        dead.len() == 1 && dead[0].reason.contains("unverified-claim"),
        "{dead:?}"
    );
    ensure!(recv.received.lock().unwrap().len() == 1);
    Ok(())
}

#[tokio::test]
async fn shutdown_gives_up_on_a_stuck_hook_after_the_drain_deadline() -> Result<()> {
    let gate = Arc::new(Semaphore::new(0));
    let (url, recv, _) = receiver(Behaviour::Gated(gate)).await?;
    let mut cfg = config(vec![hook("stuck", &url, json!({}))]);
    cfg.drain_secs = 1;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let h = Harness::start_with(&cfg, async move {
        let _ = stopped.await;
    })?;
    let t = h.topics.clone();
    h.send(vec![claim_msg(&t, &claim("c1", &["a1"]))]).await?;
    // Stop only once the delivery is in flight (the receiver holds it).
    for _ in 0..6000 {
        if recv.attempts.load(Ordering::SeqCst) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    ensure!(
        recv.attempts.load(Ordering::SeqCst) == 1,
        "the delivery never started"
    );
    let _ = stop.send(());
    // Keep the input open: only the shutdown signal can end the run.
    let feed = h.feed.clone();
    let stats = tokio::time::timeout(Duration::from_secs(60), h.run)
        .await
        .context("the alerter did not stop")???;
    drop(feed);
    ensure!(stats.delivered == 0, "{stats:?}");
    Ok(())
}

#[tokio::test]
async fn without_hooks_records_are_read_and_done() -> Result<()> {
    let h = Harness::start(&config(vec![]))?;
    let t = h.topics.clone();
    h.send(vec![
        claim_msg(&t, &claim("c1", &["a1"])),
        denial_msg(&t, &denial("d1", &["c1"])),
    ])
    .await?;
    let (stats, dead) = h.finish().await?;
    ensure!(
        stats.received == 2 && stats.queued == 0 && dead.is_empty(),
        "{stats:?}"
    );
    Ok(())
}

#[test]
fn private_targets_are_refused_unless_allowed() {
    let mut cfg = config(vec![hook("local", "http://127.0.0.1:9/hook", json!({}))]);
    cfg.allow_private = false;
    let err = Alerter::build(&cfg).unwrap_err();
    assert!(!err.is_transient());
    assert!(err.to_string().contains("allow_private"), "{err}");
}

#[tokio::test]
async fn the_rate_limit_paces_a_hooks_deliveries() -> Result<()> {
    let (url, recv, mut seen) = receiver(Behaviour::Ok).await?;
    // Two per second, bursts of two: five alerts take at least 1.5 s.
    let h = Harness::start(&config(vec![hook(
        "paced",
        &url,
        json!({"rate_per_sec": 2.0}),
    )]))?;
    let t = h.topics.clone();
    h.send(
        (0..5)
            .map(|i| claim_msg(&t, &claim(&format!("c{i}"), &["a1"])))
            .collect(),
    )
    .await?;
    let mut arrivals = Vec::new();
    for _ in 0..5 {
        tokio::time::timeout(Duration::from_secs(60), seen.recv())
            .await
            .context("a delivery")?
            .context("receiver gone")?;
        arrivals.push(std::time::Instant::now());
    }
    let (stats, _) = h.finish().await?;
    ensure!(stats.delivered == 5 && recv.received.lock().unwrap().len() == 5);
    let spread = arrivals[4] - arrivals[0];
    ensure!(
        spread >= Duration::from_secs(1),
        "five deliveries within {spread:?}"
    );
    Ok(())
}

#[test]
fn config_validation_names_every_bad_hook_setting() -> Result<()> {
    use claimwatch_shared::config::Config;
    let dir = std::env::temp_dir().join(format!("cw-hooks-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("c.toml");
    std::fs::write(
        &file,
        r#"
[alerter]
queue = 0

[[alerter.hooks]]
name = "a"
url = "ftp://x"
events = ["claims"]
min_score = 2.0
rate_per_sec = 0.0
template = "{nope"
secret_env = " "

[[alerter.hooks]]
name = "a"
url = "https://x.example/"
"#,
    )?;
    let err = Config::load_with_env(Some(&file), Vec::<(String, String)>::new())
        .err()
        .context("an invalid config")?
        .to_string();
    let _ = std::fs::remove_dir_all(&dir);
    for problem in [
        "url must be http(s)",
        "unknown event \"claims\"",
        "min_score must be in 0..=1",
        "rate_per_sec must be > 0",
        "template is not JSON",
        "secret_env must name a variable",
        "hook names must be unique",
        "alerter.queue must be at least 1",
    ] {
        ensure!(err.contains(problem), "{problem:?} not in {err}");
    }
    Ok(())
}

#[tokio::test]
async fn a_denial_read_before_its_claim_waits_for_it() -> Result<()> {
    let (url, recv, _) = receiver(Behaviour::Ok).await?;
    let template = r#"{"claimant": "{{claim.claimant.name}}", "claim": "{{alert.claim_id}}"}"#;
    let h = Harness::start(&config(vec![hook(
        "links",
        &url,
        json!({"events": ["denial"], "template": template}),
    )]))?;
    let t = h.topics.clone();
    // Over Kafka the two topics are read independently: the denial can come first.
    h.send(vec![
        denial_msg(&t, &denial("d1", &["c1", "c9"])),
        claim_msg(&t, &claim("c1", &["a1"])),
    ])
    .await?;
    let (stats, dead) = h.finish().await?;
    ensure!(
        stats.delivered == 2 && dead.is_empty(),
        "{stats:?} {dead:?}"
    );
    let mut bodies: Vec<Value> = recv
        .received
        .lock()
        .unwrap()
        .iter()
        .map(Received::json)
        .collect();
    bodies.sort_by_key(|b| b["claim"].as_str().unwrap_or("").to_string());
    // c1 arrived while its link waited; c9 never did, so its link went out
    // without it when the input closed.
    ensure!(
        bodies[0] == json!({"claimant": "Rostamali Rafiei Atani", "claim": "c1"}),
        "{}",
        bodies[0]
    );
    ensure!(
        bodies[1] == json!({"claimant": null, "claim": "c9"}),
        "{}",
        bodies[1]
    );
    Ok(())
}

#[tokio::test]
async fn claims_restored_on_start_show_in_denial_alerts() -> Result<()> {
    let (url, recv, _) = receiver(Behaviour::Ok).await?;
    let template = r#"{"claimant": "{{claim.claimant.name}}"}"#;
    let cfg = config(vec![hook("links", &url, json!({"template": template}))]);
    let topics = Topics::new("test");
    let mut alerter = Alerter::build(&cfg)?.with_metrics(Metrics::new());
    let restored = alerter.restore(&[
        claim_msg(&topics, &claim("c1", &["a1"])),
        Message {
            topic: topics.claims.clone(),
            key: "x".into(),
            payload: b"not json".to_vec(),
            attributes: None,
        },
    ]);
    ensure!(restored == 1);
    let mut bus = MemoryBus::new();
    let input = bus.subscribe_many(&[&topics.claims, &topics.denials], 4);
    let _dead = bus.subscribe(&topics.deadletter, 4);
    let feed = Publisher::Memory(bus.publisher_for(&[&topics.denials]));
    let out = Publisher::Memory(bus.publisher_for(&[&topics.deadletter]));
    drop(bus);
    feed.publish(vec![denial_msg(&topics, &denial("d1", &["c1"]))])
        .await?;
    drop(feed);
    let stats = alerter
        .run(
            Subscriber::Memory(input),
            out,
            &topics,
            std::future::pending(),
        )
        .await?;
    // The restored claim is shown, and was not alerted itself.
    ensure!(stats.delivered == 1, "{stats:?}");
    let body = recv.received.lock().unwrap()[0].json();
    ensure!(
        body == json!({"claimant": "Rostamali Rafiei Atani"}),
        "{body}"
    );
    Ok(())
}
