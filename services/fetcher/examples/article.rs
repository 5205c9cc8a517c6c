//! Extracts the main text of HTML files (plain or `.html.gz`) and prints one
//! JSON line per file, the output of `claimwatch article FILE...`:
//! `{"file","title","text"}`. Files are spread over the available cores.
//! `--explain FILE` lists the page's blocks and container scores instead.

use std::io::{Read, Write};

fn extract(file: &str) -> serde_json::Value {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            return serde_json::json!({"file": file, "title": null, "text": "", "error": e.to_string()})
        }
    };
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        match flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            Ok(_) => out,
            Err(e) => {
                return serde_json::json!({"file": file, "title": null, "text": "", "error": e.to_string()})
            }
        }
    } else {
        bytes
    };
    let html = claimwatch_fetcher::decode_html(&bytes, None);
    let m = claimwatch_fetcher::extract_main_text(&html, None);
    serde_json::json!({"file": file, "title": m.title, "text": m.text})
}

fn read_html(file: &str) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(file)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        return Ok(out);
    }
    Ok(bytes)
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.first().map(String::as_str) == Some("--explain") {
        for f in &files[1..] {
            match read_html(f) {
                Ok(b) => print!(
                    "{}",
                    claimwatch_fetcher::article::explain(&claimwatch_fetcher::decode_html(
                        &b, None
                    ))
                ),
                Err(e) => eprintln!("{f}: {e}"),
            }
        }
        return;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<Vec<serde_json::Value>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(|f| extract(f)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in results.into_iter().flatten() {
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
}
