//! The embedded mode: every stage in one process over in-memory channels,
//! the feeds served over local HTTP, events printed as JSON lines.

use std::collections::HashSet;
use std::io::Write;
use std::sync::{Arc, Mutex};

use claimwatch::pipeline::{self, Shutdown};

use crate::helpers::{self, Served};

/// A `Write` that keeps what was written, for reading back in the test.
#[derive(Clone, Default)]
pub(crate) struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Every line written, parsed as JSON.
    pub(crate) fn lines(&self) -> Vec<serde_json::Value> {
        String::from_utf8(self.0.lock().unwrap().clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect()
    }
}

/// Every example feed, served over local HTTP.
const ALL_FEEDS: [&str; 3] = [
    "northern-wire.xml",
    "lorn-gazette.atom",
    "harbour-times.json",
];

/// One embedded pass over `feeds` served from `examples/`: the run's stats,
/// the printed events, and the server's state (to read webhook deliveries).
async fn run_once(
    feeds: &[&str],
) -> anyhow::Result<(pipeline::RunStats, Vec<serde_json::Value>, Served)> {
    let served = Served::with_examples()?;
    let base = helpers::serve(served.clone()).await?;
    let cfg = helpers::config(None, &base, feeds);
    let out = Captured::default();
    let never = Shutdown::on(std::future::pending());
    let stats = pipeline::run_embedded(&cfg, true, out.clone(), never).await?;
    Ok((stats, out.lines(), served))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_pipeline_links_claims_and_denials_within_and_across_feeds(
) -> anyhow::Result<()> {
    let (stats, lines, served) = run_once(&ALL_FEEDS).await?;
    assert_eq!(stats.events as usize, lines.len());

    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.len(),
        ids.iter().collect::<HashSet<_>>().len(),
        "{ids:?}"
    );
    let claims_of = |who: &str| -> HashSet<String> {
        lines
            .iter()
            .filter(|l| l["type"] == "io.claimwatch.claim.unverified.v1")
            .filter(|l| {
                l["data"]["claimant"]["name"]
                    .as_str()
                    .unwrap_or("")
                    .contains(who)
            })
            .filter_map(|l| l["data"]["id"].as_str().map(String::from))
            .collect()
    };
    let refuted_by = |who: &str| -> HashSet<String> {
        lines
            .iter()
            .filter(|l| l["type"] == "io.claimwatch.denial.official.v1")
            .filter(|l| {
                l["data"]["denier"]["name"]
                    .as_str()
                    .unwrap_or("")
                    .contains(who)
            })
            .flat_map(|l| l["data"]["refutes"].as_array().cloned().unwrap_or_default())
            .filter_map(|r| r["claim_id"].as_str().map(String::from))
            .collect()
    };
    for (claimant, denier) in [("Varga", "Ardenian"), ("Brandt", "Castell")] {
        let claims = claims_of(claimant);
        assert!(!claims.is_empty(), "no claim by {claimant}: {lines:#?}");
        assert!(
            !claims.is_disjoint(&refuted_by(denier)),
            "no denial by {denier} refutes a claim by {claimant}: {lines:#?}"
        );
    }

    // The webhook received alerts, signed.
    assert!(!served.hook_bodies("all").is_empty());
    Ok(())
}

#[tokio::test]
async fn an_unreachable_feed_is_dead_lettered_and_the_rest_goes_on() -> anyhow::Result<()> {
    let served = Served::with_examples()?;
    let base = helpers::serve(served).await?;
    let mut cfg = helpers::config(None, &base, &["northern-wire.xml", "missing.xml"]);
    cfg.fetcher
        .feeds
        .push(claimwatch_shared::config::FeedConfig {
            url: "http://127.0.0.1:1/nothing-listens-here.xml".into(),
            name: None,
            fetch_articles: true,
            identity: Default::default(),
        });
    let out = Captured::default();
    let never = Shutdown::on(std::future::pending());
    let stats = pipeline::run_embedded(&cfg, true, out.clone(), never).await?;
    assert_eq!(
        stats.dead_letters, 2,
        "the 404 feed and the unreachable one"
    );
    assert!(out
        .lines()
        .iter()
        .any(|l| l["type"] == "io.claimwatch.denial.official.v1"));
    Ok(())
}

/// The schema under `schemas/` that validates events of CloudEvents `type`.
fn schema_for(kind: &str) -> jsonschema::Validator {
    let file = match kind {
        "io.claimwatch.claim.unverified.v1" => "claim.unverified.schema.json",
        "io.claimwatch.denial.official.v1" => "denial.official.schema.json",
        other => panic!("no schema for {other}"),
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(file);
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid schema")
}

#[tokio::test]
async fn every_printed_event_validates_against_its_checked_in_schema() -> anyhow::Result<()> {
    let (_, lines, _) = run_once(&ALL_FEEDS).await?;
    assert!(!lines.is_empty());
    for l in &lines {
        let v = schema_for(l["type"].as_str().unwrap());
        let errors: Vec<String> = v.iter_errors(&l["data"]).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", l["type"]);
    }
    // And the schema can fail: an event without its id does not validate.
    let mut broken = lines[0]["data"].clone();
    broken.as_object_mut().unwrap().remove("id");
    assert!(!schema_for(lines[0]["type"].as_str().unwrap()).is_valid(&broken));
    Ok(())
}

#[tokio::test]
async fn the_admin_endpoint_serves_health_and_stage_metrics() -> anyhow::Result<()> {
    let served = Served::with_examples()?;
    let base = helpers::serve(served).await?;
    let mut cfg = helpers::config(None, &base, &["northern-wire.xml"]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    cfg.admin.listen = format!("127.0.0.1:{port}");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let run = tokio::spawn({
        let cfg = cfg.clone();
        async move {
            let stop = Shutdown::on(async move {
                let _ = rx.await;
            });
            pipeline::run_embedded(&cfg, false, Captured::default(), stop).await
        }
    });
    let admin = format!("http://127.0.0.1:{port}");
    let client = reqwest_like_get(&format!("{admin}/healthz")).await;
    assert_eq!(client.0, 200, "{}", client.1);
    // The registry is the process's, shared with the other tests of this
    // binary: the count only has to move.
    let value = |m: &str, series: &str| -> u64 {
        m.lines()
            .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    let matched = |m: &str| value(m, "claimwatch_records_received_total{stage=\"matcher\"}");
    let mut metrics = String::new();
    for _ in 0..100 {
        metrics = reqwest_like_get(&format!("{admin}/metrics")).await.1;
        if matched(&metrics) > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(matched(&metrics) > 0, "{metrics}");
    // The northern-wire feed holds a claim and its denial in one article.
    for _ in 0..100 {
        if value(&metrics, "claimwatch_denials_total") > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        metrics = reqwest_like_get(&format!("{admin}/metrics")).await.1;
    }
    for series in [
        "claimwatch_articles_total",
        "claimwatch_statements_total",
        "claimwatch_claims_total",
        "claimwatch_denials_total",
    ] {
        assert!(value(&metrics, series) > 0, "{series} in\n{metrics}");
    }
    assert!(metrics.contains("claimwatch_record_duration_seconds_bucket{stage=\"parser\""));
    assert_eq!(reqwest_like_get(&format!("{admin}/readyz")).await.0, 200);
    let _ = tx.send(());
    run.await??;
    Ok(())
}

/// A minimal HTTP/1.1 GET over a TCP stream: (status, body).
async fn reqwest_like_get(url: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    for _ in 0..50 {
        if let Ok(mut s) = tokio::net::TcpStream::connect(host).await {
            let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            s.write_all(req.as_bytes()).await.unwrap();
            let mut buf = String::new();
            s.read_to_string(&mut buf).await.unwrap();
            let status = buf[9..12].parse().unwrap();
            let body = buf
                .split_once("\r\n\r\n")
                .map(|x| x.1.to_string())
                .unwrap_or_default();
            return (status, body);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("nothing listens at {host}");
}
