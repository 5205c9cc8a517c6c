//! The admin endpoint every stage serves beside its work: `/healthz` (the
//! process is up), `/readyz` (a readiness check, e.g. the broker answers) and
//! `/metrics` (Prometheus text), on the address of `admin.listen`.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};

use crate::config::KafkaConfig;
use crate::metrics::Metrics;
use crate::{Error, Result};

/// The admin port the deployment files use (`0.0.0.0:9090`).
pub const DEFAULT_PORT: u16 = 9090;

/// The address the deployment files set `admin.listen` to.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:9090";

/// The Prometheus text format's content type.
const METRICS_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

type Ready = Arc<dyn Fn() -> bool + Send + Sync>;

#[derive(Clone)]
struct AdminState {
    metrics: Metrics,
    ready: Ready,
}

/// The admin routes. `ready` may block (it runs on the blocking pool), but
/// it is called on every probe, so it should answer within a probe timeout.
pub fn router(metrics: Metrics, ready: impl Fn() -> bool + Send + Sync + 'static) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .with_state(AdminState {
            metrics,
            ready: Arc::new(ready),
        })
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(s): State<AdminState>) -> impl IntoResponse {
    let ready = s.ready.clone();
    match tokio::task::spawn_blocking(move || ready()).await {
        Ok(true) => (StatusCode::OK, "ready\n"),
        Ok(false) => (StatusCode::SERVICE_UNAVAILABLE, "not ready\n"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "readiness check failed\n"),
    }
}

async fn metrics_text(State(s): State<AdminState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, METRICS_CONTENT_TYPE)],
        s.metrics.render(),
    )
}

/// A readiness check for Kafka stages: ready while the brokers answer a
/// metadata request within `timeout`. The client is made once; each probe
/// makes one request (on the blocking pool, see [`router`]).
pub fn broker_check(
    cfg: &KafkaConfig,
    timeout: Duration,
) -> Result<impl Fn() -> bool + Send + Sync + 'static> {
    // Built here rather than with kafka::client_config so the probe's own
    // settings come first and the operator's pass-through options still win.
    let mut config = ClientConfig::new();
    config
        .set("bootstrap.servers", &cfg.brokers)
        .set("group.id", "claimwatch-readiness")
        .set("enable.auto.commit", "false");
    for (k, v) in &cfg.options {
        config.set(k, v);
    }
    let client: BaseConsumer = config.create()?;
    Ok(move || match client.fetch_metadata(None, timeout) {
        Ok(md) => !md.brokers().is_empty(),
        Err(e) => {
            tracing::debug!(error = %e, "Readiness check: the brokers did not answer.");
            false
        }
    })
}

/// Binds `listen` and serves the admin routes until `shutdown` resolves.
/// An empty `listen` disables the endpoint: the function waits for
/// `shutdown` and returns.
pub async fn serve(
    listen: &str,
    metrics: Metrics,
    ready: impl Fn() -> bool + Send + Sync + 'static,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    if listen.trim().is_empty() {
        shutdown.await;
        return Ok(());
    }
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|source| Error::Io {
            path: listen.to_string(),
            source,
        })?;
    serve_on(listener, metrics, ready, shutdown).await
}

/// [`serve`] on a listener the caller bound (tests bind `127.0.0.1:0`).
pub async fn serve_on(
    listener: TcpListener,
    metrics: Metrics,
    ready: impl Fn() -> bool + Send + Sync + 'static,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    tracing::info!(%addr, "Admin endpoint listening.");
    axum::serve(listener, router(metrics, ready))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|source| Error::Io { path: addr, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A plain HTTP/1.1 GET, so the test needs no client crate.
    async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String, String) {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let req = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).await.unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).await.unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    #[tokio::test]
    async fn health_readiness_and_metrics_are_served() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let metrics = Metrics::new();
        metrics.records_received("parser").inc_by(2);
        let ready = Arc::new(AtomicBool::new(false));
        let flag = ready.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve_on(
            listener,
            metrics.clone(),
            move || flag.load(Ordering::SeqCst),
            async move {
                let _ = stopped.await;
            },
        ));

        let (status, _, body) = get(addr, "/healthz").await;
        assert_eq!((status, body.as_str()), (200, "ok\n"));
        assert_eq!(get(addr, "/readyz").await.0, 503);
        ready.store(true, Ordering::SeqCst);
        assert_eq!(get(addr, "/readyz").await.0, 200);

        metrics.records_received("parser").inc();
        let (status, head, body) = get(addr, "/metrics").await;
        assert_eq!(status, 200);
        assert!(
            head.contains("content-type: text/plain; version=0.0.4"),
            "{head}"
        );
        assert!(
            body.contains("claimwatch_records_received_total{stage=\"parser\"} 3"),
            "{body}"
        );
        assert_eq!(get(addr, "/nope").await.0, 404);

        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
    }

    #[tokio::test]
    async fn an_unreachable_broker_is_not_ready() {
        let cfg = KafkaConfig {
            // Port 9 (discard) on loopback: nothing speaks Kafka there.
            brokers: "127.0.0.1:9".into(),
            ..KafkaConfig::default()
        };
        let check = broker_check(&cfg, Duration::from_millis(300)).unwrap();
        assert!(!tokio::task::spawn_blocking(check).await.unwrap());
    }

    #[tokio::test]
    async fn an_empty_listen_address_disables_the_endpoint() {
        serve("", Metrics::new(), || true, async {}).await.unwrap();
    }

    #[tokio::test]
    async fn a_bad_listen_address_is_an_error() {
        let err = serve("not-an-address", Metrics::new(), || true, async {})
            .await
            .unwrap_err();
        assert!(err.to_string().contains("not-an-address"), "{err}");
    }
}
