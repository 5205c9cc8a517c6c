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

use std::path::PathBuf;

use claimwatch_parser::brat;

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
        let ann = brat::ann_for(&adir, name).ok_or_else(|| format!("no annotation for {name}"))?;
        let cues = brat::cue_fragments(&std::fs::read_to_string(ann)?, &brat::char_to_byte(&text));
        docs.push((text, cues));
    }
    eprintln!("training on {} texts: {t:?}", docs.len());
    print!("{}", claimwatch_parser::cue_model::train(&docs, &t));
    Ok(())
}
