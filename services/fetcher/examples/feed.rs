//! Parses feed files and prints one JSON line per file, the output of
//! `claimwatch feed FILE...`: `{"file","ok","error","format","title","entries"}`.

use std::io::Write;

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in std::env::args().skip(1) {
        let line = match std::fs::read(&file) {
            Ok(bytes) => {
                let base = std::path::absolute(&file)
                    .ok()
                    .and_then(|p| url::Url::from_file_path(p).ok())
                    .map(|u| u.to_string());
                match claimwatch_fetcher::parse_feed(&bytes, None, base.as_deref()) {
                    Ok(f) => serde_json::json!({
                        "file": file, "ok": true, "error": null,
                        "format": f.format, "title": f.title, "entries": f.entries,
                    }),
                    Err(e) => serde_json::json!({
                        "file": file, "ok": false, "error": e.to_string(),
                        "format": null, "title": null, "entries": [],
                    }),
                }
            }
            Err(e) => serde_json::json!({
                "file": file, "ok": false, "error": e.to_string(),
                "format": null, "title": null, "entries": [],
            }),
        };
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
}
