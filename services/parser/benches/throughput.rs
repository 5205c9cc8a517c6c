//! Throughput of `extract_statements` in MB of article text per second on
//! one core, over the PolNeAR texts in `../shared/corpus` (read, never
//! copied). A plain bench binary (no criterion): `cargo bench -p
//! claimwatch-parser --bench throughput`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/polnear");
    ["train", "dev"]
        .iter()
        .map(|s| root.join(s).join("text"))
        .filter(|p| p.is_dir())
        .collect()
}

fn main() {
    let dirs = corpus_dirs();
    if dirs.is_empty() {
        println!(
            "throughput: skipped: the PolNeAR corpus is not at {}/../../../shared/corpus/polnear",
            env!("CARGO_MANIFEST_DIR")
        );
        return;
    }
    let mut texts = Vec::new();
    for d in &dirs {
        let Ok(entries) = std::fs::read_dir(d) else {
            continue;
        };
        for e in entries.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    // One warm-up pass (lexicon parsing, caches), then passes for at least
    // two seconds.
    let mut statements = 0usize;
    for t in &texts {
        statements += claimwatch_parser::extract_statements(t).len();
    }
    let start = Instant::now();
    let mut passes = 0u32;
    while start.elapsed() < Duration::from_secs(2) || passes < 3 {
        for t in &texts {
            std::hint::black_box(claimwatch_parser::extract_statements(std::hint::black_box(
                t,
            )));
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 * f64::from(passes) / 1e6;
    println!(
        "throughput: {} texts, {:.1} MB, {} statements per pass; {} passes in {:.2} s: {:.1} MB/s on one core",
        texts.len(),
        bytes as f64 / 1e6,
        statements,
        passes,
        secs,
        mb / secs
    );
    // Memory stays flat in article size: a 200x longer article costs 200x
    // the time of one, not more.
    let long: String = texts
        .iter()
        .take(200)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n\n");
    let t0 = Instant::now();
    let mut n = 0;
    for _ in 0..5 {
        n = claimwatch_parser::extract_statements(std::hint::black_box(&long)).len();
    }
    let s = t0.elapsed().as_secs_f64() / 5.0;
    println!(
        "throughput: one {:.2} MB article: {} statements in {:.3} s ({:.1} MB/s)",
        long.len() as f64 / 1e6,
        n,
        s,
        long.len() as f64 / 1e6 / s
    );
}
