//! Trains the cue model (`lexicon/cue_model.tsv`) from PolNeAR's train
//! split: every word outside quotations is an example, labelled by whether
//! it lies in an annotated Cue span. Writes only feature names and weights,
//! no corpus text.
//!
//! ```text
//! cargo run --release -p claimwatch-parser --example train_cue_model -- \
//!     ../shared/corpus/polnear/train > services/parser/lexicon/cue_model.tsv
//! ```
//!
//! `--fold K/N` leaves out every N-th file starting at the K-th (sorted by
//! name) for cross-validation (`tools/cue_cv.py`); `--epochs E`,
//! `--prune W`, `--min-count C` and `--rate R` override the settings of
//! `cue_model::Training::default()`.

use std::path::{Path, PathBuf};

/// Byte offset of every char offset (brat offsets count chars).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut t: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    t.push(text.len());
    t
}

/// The annotation of `stem`: STEM.ann, else the first STEM_<annotator>.ann
/// (as `eval/score.py` picks it).
fn ann_for(adir: &Path, stem: &str) -> Option<PathBuf> {
    let exact = adir.join(format!("{stem}.ann"));
    if exact.exists() {
        return Some(exact);
    }
    let mut cands: Vec<PathBuf> = std::fs::read_dir(adir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(&format!("{stem}_")) && f.ends_with(".ann"))
        })
        .collect();
    cands.sort();
    cands.into_iter().next()
}

/// The byte ranges of every Cue span (each fragment) in a brat file.
fn cue_spans(ann: &str, c2b: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let Some(body) = line.split('\t').nth(1) else {
            continue;
        };
        let Some(ranges) = body.strip_prefix("Cue ") else {
            continue;
        };
        for frag in ranges.split(';') {
            let mut it = frag
                .split_whitespace()
                .filter_map(|x| x.parse::<usize>().ok());
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                if a < b && b < c2b.len() {
                    out.push((c2b[a], c2b[b]));
                }
            }
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir = None;
    let mut fold: Option<(usize, usize)> = None;
    let mut t = claimwatch_parser::cue_model::Training::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--fold" => {
                let v = args.next().ok_or("--fold K/N")?;
                let (k, n) = v.split_once('/').ok_or("--fold K/N")?;
                fold = Some((k.parse()?, n.parse()?));
            }
            "--epochs" => t.epochs = args.next().ok_or("--epochs E")?.parse()?,
            "--prune" => t.prune = args.next().ok_or("--prune W")?.parse()?,
            "--min-count" => t.min_count = args.next().ok_or("--min-count C")?.parse()?,
            "--rate" => t.rate = args.next().ok_or("--rate R")?.parse()?,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.ok_or("usage: train_cue_model TRAIN_DIR [--fold K/N] [--epochs E]")?;
    let (tdir, adir) = (dir.join("text"), dir.join("attributions"));
    let mut names: Vec<String> = std::fs::read_dir(&tdir)?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for (k, name) in names.iter().enumerate() {
        if fold.is_some_and(|(f, n)| k % n == f) {
            continue;
        }
        let text = std::fs::read_to_string(tdir.join(name))?;
        let stem = name.trim_end_matches(".txt");
        let ann = ann_for(&adir, stem).ok_or_else(|| format!("no annotation for {name}"))?;
        let cues = cue_spans(&std::fs::read_to_string(ann)?, &char_to_byte(&text));
        docs.push((text, cues));
    }
    eprintln!("training on {} texts: {t:?}", docs.len());
    print!("{}", claimwatch_parser::cue_model::train(&docs, &t));
    Ok(())
}
