//! claimwatch's parser stage: article text to attributed statements (who
//! said what, with which reporting cue, quoted or reported).
//!
//! # Layout
//! - [`process`]: the pure, I/O-free extraction, `extract_statements(text)`.
//! - [`stage`]: the stage around it: `Article` records in, `ArticleStatements`
//!   records out.
//! - `tokens`, `sentences`, `quotes`, `doc`: tokenizer, sentence splitter and
//!   quotation finder the rules run on.
//! - `lexicon`: the word lists in `lexicon/` (cues and their classes, party
//!   words, roles, abbreviations), compiled in.
//! - [`cue_model`]: the learned cue scorer (`lexicon/cue_model.tsv`) and
//!   its trainer.
//! - [`statement_model`]: the learned filter over finished statements
//!   (`lexicon/statement_model.tsv`) and its trainer; `logistic` is the
//!   trainer both learned components share.
//! - [`brat`]: reads PolNeAR's brat annotations (for the trainer and the
//!   dev regression test).
//! - `coref`: speaker names, roles, types, and pronoun/title/surname resolution.

pub mod brat;
mod coref;
pub mod cue_model;
mod doc;
mod lexicon;
mod logistic;
pub mod process;
mod quotes;
mod sentences;
pub mod stage;
pub mod statement_model;
mod tokens;

pub use process::{extract_statements, statements_with_features};
