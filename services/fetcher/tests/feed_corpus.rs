//! Every file of the shared feed corpus (feedparser's tests, feed-rs's real
//! feeds) goes through `parse_feed`: none may panic, each gets a result,
//! and at least 99 % of feedparser's `wellformed/` files must parse.
//!
//! The corpus is third-party and lives outside the repository, at
//! `../../../shared/corpus/feeds` from this crate; when it is absent the
//! test says so plainly and checks nothing else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            files(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// The Content-Type a feedparser test says its HTTP response had, in a
/// `Header: Content-type: ...` line of its opening comment.
fn declared_content_type(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1000)]);
    head.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("Header:")?.trim();
        let (k, v) = rest.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-type")
            .then(|| v.trim().to_string())
    })
}

/// The corpus folder a file is counted under: `feedparser/wellformed`,
/// `feed-rs/rss2`, ...
fn folder(root: &Path, file: &Path) -> String {
    let rel: Vec<String> = file
        .strip_prefix(root)
        .unwrap_or(file)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match rel.as_slice() {
        [a, t, b, ..] if a == "feedparser" && t == "tests" => format!("{a}/{b}"),
        [a, b, _, ..] => format!("{a}/{b}"),
        [a, ..] => a.clone(),
        [] => String::new(),
    }
}

/// Compares our parse of a feed-rs fixture with feed-rs's own expected
/// output beside it (`NAME.serde.json`): the same entries, titles, and
/// dates wherever feed-rs found one. Returns the differences.
fn compare_with_expected(
    feed: &claimwatch_fetcher::ParsedFeed,
    expected: &serde_json::Value,
) -> Vec<String> {
    let mut diffs = Vec::new();
    let want = expected["entries"].as_array().cloned().unwrap_or_default();
    if want.len() != feed.entries.len() {
        diffs.push(format!(
            "{} entries, expected {}",
            feed.entries.len(),
            want.len()
        ));
    }
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (w, got) in want.iter().zip(&feed.entries) {
        let title = w["title"]["content"].as_str().map(norm);
        if title != got.title {
            diffs.push(format!("title {:?}, expected {:?}", got.title, title));
        }
        for (k, ours) in [("published", got.published), ("updated", got.updated)] {
            let Some(theirs) = w[k].as_str() else {
                continue;
            };
            let theirs = chrono::DateTime::parse_from_rfc3339(theirs)
                .ok()
                .map(|t| t.timestamp());
            if theirs != ours.map(|t| t.timestamp()) {
                diffs.push(format!("{k} {ours:?}, expected {theirs:?}"));
            }
        }
    }
    diffs
}

#[test]
fn the_whole_feed_corpus_parses_without_panics() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/feeds");
    if !root.is_dir() {
        eprintln!(
            "feed corpus absent at {}: nothing to check (it is third-party data kept outside the repository)",
            root.display()
        );
        return Ok(());
    }
    let mut all = Vec::new();
    files(&root, &mut all)?;
    all.sort();
    all.retain(|p| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("LICENSE"))
    });
    // Per folder: files, parsed, failed with an error.
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut mismatches = Vec::new();
    for path in &all {
        let bytes = std::fs::read(path)?;
        let base = url::Url::from_file_path(path).ok().map(|u| u.to_string());
        let content_type = declared_content_type(&bytes);
        let result = std::panic::catch_unwind(|| {
            claimwatch_fetcher::parse_feed(&bytes, content_type.as_deref(), base.as_deref())
                .map(|f| f.entries.len())
        });
        // feed-rs's expected-output fixtures (`*.serde.json`) are not feeds:
        // they must not crash the parser, and are counted apart.
        let mut key = folder(&root, path);
        if path.to_string_lossy().ends_with(".serde.json") {
            key.push_str(" (expected-output json)");
        }
        let real_feed_rs = key.starts_with("feed-rs/") && !key.ends_with(')');
        let c = counts.entry(key).or_default();
        c.0 += 1;
        let expected = path.with_extension("serde.json");
        if real_feed_rs && expected.is_file() {
            if let Ok(feed) = claimwatch_fetcher::parse_feed(&bytes, None, base.as_deref()) {
                let want: serde_json::Value = serde_json::from_slice(&std::fs::read(&expected)?)?;
                for d in compare_with_expected(&feed, &want) {
                    mismatches.push(format!("{}: {d}", path.display()));
                }
            }
        }
        match result {
            Ok(Ok(_)) => c.1 += 1,
            Ok(Err(e)) => {
                // Every error must say something.
                assert!(!e.to_string().is_empty(), "{}: empty error", path.display());
                c.2 += 1;
            }
            Err(_) => panics.push(path.display().to_string()),
        }
    }
    for (f, (n, ok, err)) in &counts {
        eprintln!("{f:52} files {n:5}  ok {ok:5}  errors {err:4}");
    }
    assert!(panics.is_empty(), "parse_feed panicked on: {panics:?}");
    // feed-rs's expected output for its own fixtures: same entries, titles
    // and dates (we may read more dates than it does, never fewer or others).
    assert!(
        mismatches.is_empty(),
        "differences from feed-rs's expected output: {mismatches:#?}"
    );
    let (n, ok, _) = counts
        .get("feedparser/wellformed")
        .copied()
        .ok_or("feedparser/wellformed is missing from the corpus")?;
    assert!(
        ok * 100 >= n * 99,
        "only {ok} of {n} feedparser wellformed files parsed (< 99 %)"
    );
    // The real feeds from feed-rs's fixtures must parse (its `xml/` folder
    // holds XML that is not a feed, which must be an error, not a crash).
    for (f, (n, ok, _)) in counts
        .iter()
        .filter(|(f, _)| f.starts_with("feed-rs/") && !f.ends_with(')') && !f.ends_with("/xml"))
    {
        assert!(ok * 100 >= n * 90, "{f}: only {ok} of {n} parsed");
    }
    Ok(())
}
