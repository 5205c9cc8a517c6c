//! The fetcher's error type. Each variant says whether retrying can help.

use std::time::Duration;

/// Everything that can go wrong while fetching and parsing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration is invalid; retrying will not help.
    #[error("invalid fetcher configuration: {0}")]
    Config(String),
    /// The URL is not one the fetcher may or can request (bad scheme,
    /// loopback or private address, unparsable); retrying will not help.
    #[error("{url}: refused: {reason}")]
    Refused { url: String, reason: String },
    /// The network failed or timed out; a later attempt may succeed.
    #[error("{url}: request failed: {reason}")]
    Network { url: String, reason: String },
    /// The server answered with an error status. 408, 429 and 5xx are
    /// transient; `retry_after` is the server's hint, when it gave one.
    #[error("{url}: HTTP status {status}")]
    Status {
        url: String,
        status: u16,
        retry_after: Option<Duration>,
    },
    /// The body exceeded the configured size limit; retrying will not help.
    #[error("{url}: response larger than {limit} bytes")]
    TooLarge { url: String, limit: usize },
    /// The page is not HTML (a PDF, an image, ...); retrying will not help.
    #[error("{url}: not an HTML page ({content_type})")]
    NotHtml { url: String, content_type: String },
    /// A local file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a feed the parser can read; retrying will not help.
    #[error("not a readable feed: {0}")]
    Feed(String),
    /// Publishing to the bus failed; transient when the bus says so.
    #[error("publishing failed: {0}")]
    Publish(#[from] claimwatch_shared::Error),
}

impl Error {
    /// Whether the same operation may succeed if retried later.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Network { .. } => true,
            Error::Status { status, .. } => *status == 408 || *status == 429 || *status >= 500,
            Error::Publish(e) => e.is_transient(),
            Error::Io { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::Interrupted | std::io::ErrorKind::TimedOut
            ),
            Error::Config(_)
            | Error::Refused { .. }
            | Error::TooLarge { .. }
            | Error::NotHtml { .. }
            | Error::Feed(_) => false,
        }
    }

    /// The server's `Retry-After` hint, when the error carries one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// `Result` with this crate's [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_errors_are_the_ones_worth_retrying() {
        let status = |s| Error::Status {
            url: "u".into(),
            status: s,
            retry_after: None,
        };
        assert!(status(503).is_transient());
        assert!(status(429).is_transient());
        assert!(!status(404).is_transient());
        assert!(!Error::Feed("x".into()).is_transient());
        assert!(Error::Network {
            url: "u".into(),
            reason: "timeout".into()
        }
        .is_transient());
    }
}
