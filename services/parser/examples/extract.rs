//! Prints the `extract` contract of `eval/score.py` for text files given as
//! arguments: one JSON object per file with its statements (no claims or
//! denials; those are the matcher's). Its statements are those of
//! `claimwatch extract`, so it scores the same on `score.py attributions`
//! and builds much faster. Accepts and ignores `extract --format jsonl`, so
//! it can stand in for the full binary in a `--cmd`.
//!
//! `--features` prints every statement before the statement model's filter,
//! with a `features` list beside `statements` (what `tools/cue_cv.py
//! --write-statement-model` trains that model on).

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "extract") {
        args.next();
    }
    let mut with_features = false;
    while let Some(path) = args.next() {
        match path.as_str() {
            "--format" => {
                args.next();
                continue;
            }
            "--features" => {
                with_features = true;
                continue;
            }
            _ => {}
        }
        let bytes = std::fs::read(&path)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut line = serde_json::json!({
            "file": path,
            "claims": [],
            "denials": [],
        });
        if with_features {
            let (statements, features): (Vec<_>, Vec<_>) =
                claimwatch_parser::statements_with_features(&text)
                    .into_iter()
                    .unzip();
            line["statements"] = serde_json::json!(statements);
            line["features"] = serde_json::json!(features);
        } else {
            line["statements"] = serde_json::json!(claimwatch_parser::extract_statements(&text));
        }
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
