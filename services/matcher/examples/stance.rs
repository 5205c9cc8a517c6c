//! Stance check on the Emergent data set: each `articleHeadline` is run
//! through the parser and `decide` as a one-line text, and a headline with a
//! denial counts as predicting `against`. Prints precision, recall and F1 of
//! that prediction, plus the confusion with the other stances.
//!
//! Usage: `cargo run --release -p claimwatch-matcher --example stance -- [CSV] [--official] [--misses N]`
//! (default CSV: `../shared/corpus/stance/emergent.csv` from the repository
//! root). `--official` counts only official denials.

use claimwatch_matcher::decide::decide;

/// Splits one CSV record (RFC 4180 quoting) into fields.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Records of a CSV text, allowing quoted line breaks.
fn records(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for line in text.lines() {
        if !buf.is_empty() {
            buf.push('\n');
        }
        buf.push_str(line);
        if buf.matches('"').count().is_multiple_of(2) {
            out.push(fields(&buf));
            buf.clear();
        }
    }
    out
}

fn main() {
    let mut path = String::from("../shared/corpus/stance/emergent.csv");
    let mut official_only = false;
    let mut misses = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--official" => official_only = true,
            "--misses" => misses = args.next().and_then(|n| n.parse().ok()).unwrap_or(20),
            _ => path = a,
        }
    }
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("stance: {path} not found; skipped");
        return;
    };
    let rows = records(&text);
    let Some(header) = rows.first() else {
        println!("stance: {path} is empty");
        return;
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(h), Some(s)) = (col("articleHeadline"), col("articleHeadlineStance")) else {
        println!("stance: {path} lacks articleHeadline/articleHeadlineStance");
        return;
    };
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut by_stance: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let (mut shown_fn, mut shown_fp) = (0, 0);
    // `against` headlines with at least one attributed statement, and how
    // many of those have a denial: most of the rest are the writer's own
    // debunks ("No, X did not ..."), which are no one's official denial.
    let mut attributed = (0usize, 0usize);
    for r in rows.iter().skip(1) {
        let (Some(headline), Some(stance)) = (r.get(h), r.get(s)) else {
            continue;
        };
        let statements = claimwatch_parser::extract_statements(headline);
        let d = decide(headline, &statements);
        let denial = d.denials.iter().any(|x| x.official || !official_only);
        let gold = stance == "against";
        if gold && !statements.is_empty() {
            attributed.0 += 1;
            attributed.1 += usize::from(denial);
        }
        let e = by_stance.entry(stance.clone()).or_default();
        e.0 += 1;
        e.1 += usize::from(denial);
        match (denial, gold) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                if shown_fp < misses {
                    shown_fp += 1;
                    println!("  false positive ({stance}): {headline}");
                }
            }
            (false, true) => {
                fn_ += 1;
                if shown_fn < misses {
                    shown_fn += 1;
                    println!("  missed: {headline}");
                }
            }
            (false, false) => {}
        }
    }
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("headlines {}  against {}", rows.len() - 1, tp + fn_);
    for (stance, (n, k)) in &by_stance {
        println!("  {stance:10} {n:5} headlines, {k:4} with a denial");
    }
    println!("against-as-denial  P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {tp}, fp {fp}, fn {fn_})");
    if attributed.0 > 0 {
        println!(
            "  recall on the {} against headlines with an attributed statement: {:.3}",
            attributed.0,
            attributed.1 as f64 / attributed.0 as f64
        );
    }
}
