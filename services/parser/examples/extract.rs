//! Prints the `extract` contract of `eval/score.py` for text files given as
//! arguments: one JSON object per file with its statements (no claims or
//! denials; those are the matcher's). Its statements are those of
//! `claimwatch extract`, so it scores the same on `score.py attributions`
//! and builds much faster. Accepts and ignores `extract --format jsonl`, so
//! it can stand in for the full binary in a `--cmd`.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "extract") {
        args.next();
    }
    while let Some(path) = args.next() {
        if path == "--format" {
            args.next();
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let text = String::from_utf8_lossy(&bytes);
        let statements = claimwatch_parser::extract_statements(&text);
        let line = serde_json::json!({
            "file": path,
            "statements": statements,
            "claims": [],
            "denials": [],
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
