//! A stand-in for `claimwatch extract`: reads text files and prints the
//! extract contract of `eval/score.py` (statements, claims, denials) from the
//! parser's `extract_statements` and the matcher's `decide`, one JSON object
//! per line.
//!
//! Usage: `cargo run --release -p claimwatch-matcher --example matcher_extract -- FILE...`
//! (named apart from the parser's `extract` example: examples of a workspace
//! share one output directory, so two `extract`s would overwrite each other).

use claimwatch_matcher::decide::decide;
use serde_json::{json, Value};

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("extract: cannot read {path}: {e}");
                failed = true;
                continue;
            }
        };
        let statements = claimwatch_parser::extract_statements(&text);
        let d = decide(&text, &statements);
        let claims: Vec<Value> = d
            .claims
            .iter()
            .map(|c| {
                json!({
                    "statement": c.statement,
                    "score": c.score,
                    "signals": c.signals,
                    "span": c.span,
                    "claimant": c.claimant,
                })
            })
            .collect();
        let denials: Vec<Value> = d
            .denials
            .iter()
            .map(|x| {
                json!({
                    "statement": x.statement,
                    "official": x.official,
                    "denier_type": x.denier_type,
                    "score": x.score,
                    "signals": x.signals,
                    "refutes": x.refutes.iter().map(|l| l.statement.clone()).collect::<Vec<_>>(),
                    "links": x.refutes.iter().map(|l| json!({"statement": l.statement, "score": l.score, "evidence": l.evidence})).collect::<Vec<_>>(),
                    "also": x.also,
                })
            })
            .collect();
        let out =
            json!({"file": path, "statements": statements, "claims": claims, "denials": denials});
        println!("{out}");
    }
    if failed {
        std::process::exit(1);
    }
}
