//! End-to-end tests: the whole pipeline turning local feeds into linked
//! claim and denial events, over a real Kafka-protocol broker (Tansu) and in
//! the embedded mode. One test binary; helpers start the broker and the
//! local HTTP server with unique topic and group names per test.

mod cli;
mod embedded;
mod helpers;
mod kafka;
