//! claimwatch's fetcher stage: feeds and article pages in, `Article` records out.
//!
//! # Layout
//! - [`feed`]: the pure feed parser, `parse_feed(bytes, content_type, base)`:
//!   RSS 0.9x/1.0/2.0, Atom and JSON Feed through feed-rs, with the charset
//!   worked out before parsing and lenient recovery for broken feeds.
//! - [`article`]: the pure main-text extractor, `extract_main_text(html)`,
//!   and `decode_html(bytes, content_type)`.
//! - [`stage`]: the polling loop, `Fetcher::build(cfg)` and `Fetcher::run`.
//! - `http`: the HTTP client: conditional GET, SSRF guard, size and time limits.
//! - `process`: the item identity and revision state (GUID, link, content hash).
//! - [`error`]: the crate's error type; each variant says whether a retry can help.

pub mod article;
mod charset;
mod dates;
pub mod error;
pub mod feed;
mod http;
mod process;
pub mod stage;

pub use article::{decode_html, extract_main_text, MainText};
pub use error::{Error, Result};
pub use feed::{parse_feed, Entry, ParsedFeed};
pub use stage::{FetchStats, Fetcher};
