//! The alerter's error type. Each variant says whether retrying can help.

/// Everything that can go wrong while building or running the alerter.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A hook's configuration is unusable (bad URL, refused target, bad
    /// template); retrying will not help.
    #[error("hook {hook}: {reason}")]
    Hook { hook: String, reason: String },
    /// The HTTP client could not be built; retrying will not help.
    #[error("http client: {0}")]
    Client(String),
    /// The bus failed (receiving, committing, flushing); transient when the
    /// bus says so.
    #[error("bus: {0}")]
    Bus(#[from] claimwatch_shared::Error),
}

impl Error {
    /// Whether the same operation may succeed if retried later.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Hook { .. } | Error::Client(_) => false,
            Error::Bus(e) => e.is_transient(),
        }
    }
}

/// `Result` with this crate's [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
