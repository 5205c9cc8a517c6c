//! Trains the statement model (`lexicon/statement_model.tsv`) from labelled
//! statements on standard input, one JSON object per line:
//! `{"features": ["lemma=say", ...], "label": true}`. `tools/cue_cv.py
//! --write-statement-model` makes them: the statements the parser finds on
//! PolNeAR train texts held out from its cue model, labelled by whether
//! `eval/score.py` counts them. Writes only feature names and weights.
//!
//! `--epochs E`, `--prune W`, `--min-count C` and `--rate R` override the
//! settings of `statement_model::Training::default()`.

use std::io::BufRead;

use claimwatch_parser::statement_model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut t = statement_model::Training::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--epochs" => t.epochs = value()?.parse()?,
            "--prune" => t.prune = value()?.parse()?,
            "--min-count" => t.min_count = value()?.parse()?,
            "--rate" => t.rate = value()?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let mut examples = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let features = v["features"]
            .as_array()
            .ok_or("no features")?
            .iter()
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect();
        examples.push((features, v["label"].as_bool().ok_or("no label")?));
    }
    eprintln!("training on {} statements: {t:?}", examples.len());
    print!("{}", statement_model::train(&examples, &t));
    Ok(())
}
