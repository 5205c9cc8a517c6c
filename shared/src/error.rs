//! The shared crate's error type. Each variant says whether retrying can help.

/// Errors raised by the shared plumbing (Kafka, config, serialisation).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The broker or the network failed; trying again later may succeed.
    #[error("kafka: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    /// A record or event could not be (de)serialised; retrying will not help.
    #[error("malformed record: {0}")]
    Malformed(String),
    /// The configuration is invalid; every problem found is listed.
    #[error("invalid configuration:\n  - {}", .0.join("\n  - "))]
    Config(Vec<String>),
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Whether the same operation may succeed if retried later.
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Kafka(_))
    }
}

/// `Result` with this crate's [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
