//! The `claimwatch` command: the pipeline's entry points.
//!
//! # Layout
//! - [`cli`]: the subcommands and their dispatch.
//! - [`pipeline`]: running the stages, all in one process over the embedded
//!   bus or over Kafka, alone or together.
//! - [`extract`]: the `extract` command's output (the contract that
//!   `shared/eval/score.py` measures).
//! - [`inspect`]: the `feed` and `article` commands.
//! - [`feeds`]: OPML import and export of the feed list.

pub mod cli;
pub mod extract;
pub mod feeds;
pub mod inspect;
pub mod pipeline;
