//! The crate every claimwatch stage uses: event types, topic names, the Kafka
//! bus, configuration, telemetry and shutdown.
//!
//! # Layout
//! - [`events`]: the wire types of every topic, with `schema_version` and
//!   deterministic ids; [`schema`] derives their JSON Schemas.
//! - [`bus`]: the stages' view of topics: Kafka, or in-memory channels.
//! - [`ids`]: content hashes used as event ids.
//! - [`topics`]: topic names under a configurable prefix.
//! - [`cloudevents`]: CloudEvents 1.0 binary-mode headers.
//! - [`kafka`]: client configuration, the idempotent publisher, the
//!   at-least-once subscriber, topic creation, reading a topic to its end.
//! - [`config`]: the layered configuration (defaults, TOML, environment).
//! - [`telemetry`]: one function that sets up `tracing`.
//! - [`stage`]: the at-least-once loop of every consuming stage.
//! - [`shutdown`]: SIGINT/SIGTERM as a future.
//! - [`error`]: the crate's error type.
//! - [`admin`]: the admin endpoint (`/healthz`, `/readyz`, `/metrics`).
//! - [`metrics`]: the Prometheus registry, the stages' named metrics and
//!   librdkafka statistics.

pub mod admin;
pub mod bus;
pub mod cloudevents;
pub mod config;
pub mod error;
pub mod events;
pub mod ids;
pub mod kafka;
pub mod metrics;
pub mod schema;
pub mod shutdown;
pub mod stage;
pub mod telemetry;
pub mod topics;

pub use error::{Error, Result};
