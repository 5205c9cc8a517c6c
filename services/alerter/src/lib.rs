//! claimwatch's alerter stage: unverified-claim and official-denial events
//! to signed webhooks and Slack, filtered, deduplicated, rate-limited and
//! retried, with failures on the dead-letter topic.
//!
//! # Layout
//! - [`alert`]: events to alerts (one per claim, one per claim→denial link)
//!   and the dedup decision.
//! - [`filter`]: which alerts a hook wants.
//! - [`sign`]: HMAC-SHA256 request signatures and their verification.
//! - [`slack`]: Slack messages within Slack's limits.
//! - [`template`]: templated JSON bodies.
//! - [`retry`]: backoff, `Retry-After`, status classes, the rate limiter.
//! - [`track`]: which input records are done, in partition order.
//! - [`hook`]: a hook compiled from config, and the private-network guard.
//! - [`deliver`]: the per-hook bounded queue and worker (the only HTTP).
//! - [`stage`]: the stage loop, [`stage::Alerter`].
//! - [`error`]: the crate's error type.
//!
//! Everything but `deliver` and `stage` is I/O-free.

pub mod alert;
pub mod deliver;
pub mod error;
pub mod filter;
pub mod hook;
pub mod retry;
pub mod sign;
pub mod slack;
pub mod stage;
pub mod template;
pub mod track;

pub use error::{Error, Result};
