//! Shutdown as a future: resolves on SIGINT or SIGTERM. Stages take it as
//! `shutdown: impl Future`, stop intake when it resolves, drain what is in
//! flight, flush their producer and commit.

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
pub async fn signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("Shutdown requested.");
}
