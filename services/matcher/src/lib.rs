//! claimwatch's matcher stage: decides which statements are unverified claims
//! and which are official denials, and links each denial to the claims it
//! refutes, within one article and across articles.
//!
//! # Layout
//! - [`decide`]: the pure per-article decisions (claims, denials, local links).
//! - [`lexicon`]: word tokens and the compiled-in lexicons of `lexicon/`.
//! - [`index`]: the index of recent claims used to link across articles.
//! - [`process`]: the stateful matcher: decisions plus index to events.
//! - [`stage`]: the stage loop around it.

pub mod decide;
pub mod index;
pub mod lexicon;
pub mod process;
pub mod stage;
