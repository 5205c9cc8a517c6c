//! Regression test on PolNeAR dev: relation F1 (speaker, cue and content
//! each overlapping one gold attribution, as `eval/score.py attributions`
//! counts it) must stay above a floor. Reads the corpus from
//! `../shared/corpus` and skips, saying why, when it is absent.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use claimwatch_parser::brat::{self, Span};
use claimwatch_parser::extract_statements;

/// Just under the F1 measured when this floor was set (0.755).
const FLOOR: f64 = 0.745;

fn dev_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/polnear/dev")
}

fn overlaps(a: Option<Span>, b: Option<Span>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.0 < b.1 && b.0 < a.1)
}

#[test]
fn relation_f1_on_polnear_dev_stays_above_the_floor() -> Result<(), Box<dyn std::error::Error>> {
    let dir = dev_dir();
    let tdir = dir.join("text");
    if !tdir.is_dir() {
        println!(
            "skipped: the PolNeAR dev split is not at {} (it lives outside the repository)",
            dir.display()
        );
        return Ok(());
    }
    let mut names: Vec<String> = std::fs::read_dir(&tdir)?
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let (mut tp, mut npred, mut ngold) = (0usize, 0usize, 0usize);
    for name in &names {
        let text = std::fs::read_to_string(tdir.join(name))?;
        let ann_path = brat::ann_for(&dir.join("attributions"), name).ok_or("no annotation")?;
        let gold = brat::relations(
            &std::fs::read_to_string(ann_path)?,
            &brat::char_to_byte(&text),
        );
        let preds: Vec<(Option<Span>, Option<Span>, Option<Span>)> = extract_statements(&text)
            .into_iter()
            .map(|s| {
                for sp in [
                    s.content.as_ref(),
                    s.cue.as_ref().map(|c| &c.span),
                    s.speaker.as_ref().and_then(|x| x.span.as_ref()),
                ]
                .into_iter()
                .flatten()
                {
                    assert_eq!(&text[sp.start..sp.end], sp.text, "span text in {name}");
                }
                (
                    s.speaker.and_then(|x| x.span).map(|x| (x.start, x.end)),
                    s.cue.map(|c| (c.span.start, c.span.end)),
                    s.content.map(|c| (c.start, c.end)),
                )
            })
            .collect();
        // Greedy one-to-one matching in gold order, as the scorer does.
        let mut used = HashSet::new();
        for g in &gold {
            let hit = preds.iter().enumerate().find(|(pi, p)| {
                !used.contains(pi)
                    && overlaps(g.cue, p.1)
                    && overlaps(g.content, p.2)
                    && (g.source.is_none() || overlaps(g.source, p.0))
            });
            if let Some((pi, _)) = hit {
                used.insert(pi);
                tp += 1;
            }
        }
        npred += preds.len();
        ngold += gold.len();
    }
    let p = tp as f64 / npred.max(1) as f64;
    let r = tp as f64 / ngold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "polnear dev: {} files, relation P {p:.3} R {r:.3} F1 {f:.3} (floor {FLOOR})",
        names.len()
    );
    assert!(f >= FLOOR, "relation F1 {f:.3} fell below {FLOOR}");
    Ok(())
}
