//! Throughput of `extract_statements` in MB of article text per second on
//! one core, over the PolNeAR texts in `../shared/corpus` (read, never
//! copied), and how time and peak memory grow with article size (one
//! article repeated 1x, 10x and 100x). A plain bench binary (no criterion):
//! `cargo bench -p claimwatch-parser --bench throughput`.
//!
//! Everything runs on one thread, so MB/s is per core. Peak memory is the
//! growth of the process's peak resident size (`VmHWM`, reset through
//! `/proc/self/clear_refs`) over its resident size before the calls; it is
//! reported as unavailable off Linux.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`), if readable.
fn status_bytes(field: &str) -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/polnear")
}

fn corpus_dirs() -> Vec<PathBuf> {
    let root = corpus_root();
    ["train", "dev"]
        .iter()
        .map(|s| root.join(s).join("text"))
        .filter(|p| p.is_dir())
        .collect()
}

/// Seconds per call (best of `runs`) and the number of statements.
fn time_it(text: &str, runs: u32) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let st = claimwatch_parser::extract_statements(std::hint::black_box(text));
        best = best.min(t0.elapsed().as_secs_f64());
        n = st.len();
    }
    (best, n)
}

/// The text of `copies` copies of `one`, one paragraph apart.
fn repeated(one: &str, copies: usize) -> String {
    vec![one; copies].join("\n\n")
}

/// In a fresh child process (this binary, re-run with `CW_BENCH_CHILD`):
/// how much the peak resident size grows over the resident size before one
/// call on the repeated text. Prints the bytes, or nothing off Linux.
fn child(path: &str, copies: usize) {
    let Ok(one) = std::fs::read_to_string(path) else {
        return;
    };
    let text = repeated(&one, copies);
    // Warm up first: the lexicons are parsed once per process.
    std::hint::black_box(claimwatch_parser::extract_statements("Warm-up, he said."));
    let Some(before) = status_bytes("VmRSS") else {
        return;
    };
    let st = claimwatch_parser::extract_statements(std::hint::black_box(&text));
    std::hint::black_box(&st);
    if let Some(peak) = status_bytes("VmHWM") {
        println!("{}", peak.saturating_sub(before));
    }
}

/// The peak memory growth of one call, measured in a child process.
fn peak_growth(path: &Path, copies: usize) -> Option<usize> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .env("CW_BENCH_CHILD", format!("{copies}"))
        .env("CW_BENCH_FILE", path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    if let (Ok(copies), Ok(path)) = (
        std::env::var("CW_BENCH_CHILD"),
        std::env::var("CW_BENCH_FILE"),
    ) {
        child(&path, copies.parse().unwrap_or(1));
        return;
    }
    let dirs = corpus_dirs();
    if dirs.is_empty() {
        println!(
            "throughput: SKIPPED: the PolNeAR corpus is absent (looked for {}/{{train,dev}}/text); \
             nothing was measured",
            corpus_root().display()
        );
        return;
    }
    let mut texts = Vec::new();
    let mut files = Vec::new();
    for d in &dirs {
        let Ok(entries) = std::fs::read_dir(d) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                texts.push(t);
                files.push(p);
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
        "throughput: {} PolNeAR texts, {:.2} MB, {} statements per pass; {} passes in {:.2} s: \
         {:.1} MB/s per core (one thread; target >= 20)",
        texts.len(),
        bytes as f64 / 1e6,
        statements,
        passes,
        secs,
        mb / secs
    );

    // Flatness in article size: the median-length article alone, then
    // repeated 10x, 100x and 1000x as one text. Time per MB and peak memory
    // per input byte should stay about constant (linear cost, no blow-up).
    let mut by_len: Vec<usize> = (0..texts.len()).collect();
    by_len.sort_by_key(|&k| texts[k].len());
    let median = by_len[by_len.len() / 2];
    let one = texts[median].as_str();
    println!(
        "throughput: scaling of one median article ({} bytes), peak memory measured in a fresh process:",
        one.len()
    );
    println!(
        "throughput:   copies      bytes  statements   ms/call    MB/s   peak RSS growth  per input byte"
    );
    for copies in [1usize, 10, 100, 1000] {
        let text = repeated(one, copies);
        let runs = if copies >= 1000 {
            3
        } else if copies >= 100 {
            10
        } else {
            50
        };
        let (s, n) = time_it(&text, runs);
        let (peak_kb, ratio) = match peak_growth(&files[median], copies) {
            Some(p) => (
                format!("{:.0} KB", p as f64 / 1024.0),
                format!("{:.1}", p as f64 / text.len() as f64),
            ),
            None => ("unavailable".to_string(), "-".to_string()),
        };
        println!(
            "throughput: {:>6}x {:>10} {:>11} {:>9.3} {:>7.1} {:>17} {:>15}",
            copies,
            text.len(),
            n,
            s * 1e3,
            text.len() as f64 / 1e6 / s,
            peak_kb,
            ratio
        );
    }
}
