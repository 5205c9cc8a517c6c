//! Prints the `extract` contract of `eval/score.py` for text files given as
//! arguments: one JSON object per file with its statements (no claims or
//! denials; those are the matcher's).

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
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
