//! Scores main-text extraction on the Zyte article-extraction benchmark the
//! way `shared/eval/score_article.py shingles` does (word 4-gram multiset
//! precision, recall and F1, averaged over pages) and measures pages per
//! second of decoding plus extraction, on all cores.
//!
//! Usage: `cargo run --release -p claimwatch-fetcher --example article_eval
//! [-- [--gold DIR] [--worst N] [--threads N]]`. The corpus is read from
//! `shared/corpus/article-extraction` beside the repository by default; the
//! tool says so and exits non-zero when it is absent.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Instant;

fn shingles(s: &str) -> HashMap<[String; 4], u32> {
    let words: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut m = HashMap::new();
    for w in words.windows(4) {
        *m.entry([w[0].clone(), w[1].clone(), w[2].clone(), w[3].clone()])
            .or_insert(0) += 1;
    }
    m
}

fn score(gold: &str, got: &str) -> (f64, f64, f64) {
    let (g, p) = (shingles(gold), shingles(got));
    let inter: u32 = p
        .iter()
        .map(|(k, n)| (*n).min(*g.get(k).unwrap_or(&0)))
        .sum();
    let np: u32 = p.values().sum();
    let ng: u32 = g.values().sum();
    let pr = if np > 0 {
        inter as f64 / np as f64
    } else {
        0.0
    };
    let rc = if ng > 0 {
        inter as f64 / ng as f64
    } else {
        1.0
    };
    let f = if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    };
    (pr, rc, f)
}

/// CPU seconds this process has used (user + system), from /proc; `None`
/// where /proc is not available. Unlike wall time it is not inflated when
/// other work shares the machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    // The kernel's USER_HZ is 100 on every Linux platform Rust targets.
    Some((utime + stime) / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let gold_dir = opt("--gold").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/article-extraction")
    });
    let worst: usize = opt("--worst").and_then(|s| s.parse().ok()).unwrap_or(0);
    let threads: usize = opt("--threads")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let gt_path = gold_dir.join("ground-truth.json");
    let Ok(gt_text) = std::fs::read_to_string(&gt_path) else {
        eprintln!(
            "article_eval: the corpus is absent ({} not found); nothing to score.",
            gt_path.display()
        );
        std::process::exit(2);
    };
    let gt: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&gt_text).expect("ground-truth.json is a JSON object");
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    // Read and gunzip everything first: only decoding and extraction are timed.
    let pages: Vec<(String, Vec<u8>, String)> = ids
        .iter()
        .map(|id| {
            let path = gold_dir.join("html").join(format!("{id}.html.gz"));
            let gz = std::fs::read(&path).unwrap_or_default();
            let mut html = Vec::new();
            let _ = flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut html);
            let body = gt[*id]["articleBody"].as_str().unwrap_or("").to_string();
            (id.to_string(), html, body)
        })
        .collect();
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let chunk = pages.len().div_ceil(threads.max(1)).max(1);
    let timed: Vec<(String, f64)> = std::thread::scope(|s| {
        let hs: Vec<_> = pages
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || {
                    c.iter()
                        .map(|(_, html, _)| {
                            let t = Instant::now();
                            let h = claimwatch_fetcher::decode_html(html, None);
                            let text = claimwatch_fetcher::extract_main_text(&h, None).text;
                            (text, t.elapsed().as_secs_f64())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let slowest = timed.iter().map(|t| t.1).fold(0.0, f64::max);
    let texts: Vec<String> = timed.into_iter().map(|t| t.0).collect();
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
    let mut rows: Vec<(String, f64, f64, f64)> = pages
        .iter()
        .zip(&texts)
        .map(|((id, _, body), got)| {
            let (p, r, f) = score(body, got);
            (id.clone(), p, r, f)
        })
        .collect();
    let n = rows.len().max(1) as f64;
    // Write errors (a closed pipe, as with `| head`) end the report quietly.
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (p, r, f) = rows
        .iter()
        .fold((0.0, 0.0, 0.0), |a, x| (a.0 + x.1, a.1 + x.2, a.2 + x.3));
    let empty = texts.iter().filter(|t| t.trim().is_empty()).count();
    let _ = writeln!(
        out,
        "pages {}  empty {}  precision {:.4}  recall {:.4}  f1 {:.4}  seconds {:.3}  pages/s {:.0}  MB/s {:.1}  threads {}",
        rows.len(),
        empty,
        p / n,
        r / n,
        f / n,
        secs,
        rows.len() as f64 / secs,
        bytes as f64 / secs / 1e6,
        threads
    );
    let _ = writeln!(out, "slowest page {:.1} ms", slowest * 1000.0);
    if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
        let _ = writeln!(
            out,
            "cpu-seconds {cpu:.2}  pages per cpu-second {:.0} (per core; load-independent)",
            rows.len() as f64 / cpu
        );
    }
    if worst > 0 {
        rows.sort_by(|a, b| a.3.total_cmp(&b.3));
        for (id, p, r, f) in rows.iter().take(worst) {
            let _ = writeln!(out, "{f:.3}  p {p:.3}  r {r:.3}  {id}");
        }
    }
}
