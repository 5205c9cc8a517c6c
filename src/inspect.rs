//! The `feed` and `article` commands: what the fetcher makes of a feed file
//! or an article page, one JSON object per file.

use std::io::Read;
use std::path::Path;

use claimwatch_fetcher::article::{decode_html, extract_main_text};
use claimwatch_fetcher::feed::{parse_feed, Entry};
use serde::Serialize;

/// The `feed` command's object for one file. A file that cannot be read or
/// parsed has `ok: false` and the error; it still gets its line.
#[derive(Debug, Serialize)]
pub struct FeedReport {
    pub file: String,
    pub ok: bool,
    pub error: Option<String>,
    pub format: Option<String>,
    pub title: Option<String>,
    pub entries: Vec<Entry>,
}

/// Parses one feed file.
pub fn feed(file: &str) -> FeedReport {
    let failed = |error: String| FeedReport {
        file: file.to_string(),
        ok: false,
        error: Some(error),
        format: None,
        title: None,
        entries: Vec::new(),
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return failed(format!("cannot read the file: {e}")),
    };
    match parse_feed(&bytes, None, None) {
        Ok(f) => FeedReport {
            file: file.to_string(),
            ok: true,
            error: None,
            format: Some(f.format),
            title: f.title,
            entries: f.entries,
        },
        Err(e) => failed(e.to_string()),
    }
}

/// The `article` command's object for one page.
#[derive(Debug, Serialize)]
pub struct ArticleReport {
    pub file: String,
    pub title: Option<String>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Reads an HTML file, gunzipping `.gz` files.
pub fn read_html(file: &str) -> std::io::Result<String> {
    let raw = std::fs::read(file)?;
    let bytes = if Path::new(file).extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    Ok(decode_html(&bytes, None))
}

/// Extracts the main text of one page.
pub fn article(file: &str) -> ArticleReport {
    match read_html(file) {
        Ok(html) => {
            let m = extract_main_text(&html, None);
            ArticleReport {
                file: file.to_string(),
                title: m.title,
                text: m.text,
                error: None,
            }
        }
        Err(e) => ArticleReport {
            file: file.to_string(),
            title: None,
            text: String::new(),
            error: Some(format!("cannot read the file: {e}")),
        },
    }
}
