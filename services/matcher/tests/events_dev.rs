//! Regression floor on the events-dev gold set (third-party text, read from
//! `/work/shared` when present, never copied into the repository): runs the
//! parser and `decide` over every gold file and checks official-denial F1,
//! unverified-claim F1, link accuracy and trap hits with the same overlap
//! rules as `eval/score.py`.

use std::path::{Path, PathBuf};

use claimwatch_matcher::decide::decide;
use claimwatch_shared::events::Statement;
use serde_json::Value;

/// Floors a little under what the matcher achieves with the parser of the
/// same commit; raise them as both improve.
const MIN_DENIAL_F1: f64 = 0.94;
const MIN_CLAIM_F1: f64 = 0.92;
const MIN_LINK_ACCURACY: f64 = 0.91;

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/events-dev")
}

fn region(st: Option<&Statement>) -> Option<(usize, usize)> {
    let st = st?;
    let spans: Vec<(usize, usize)> = [
        st.speaker
            .as_ref()
            .and_then(|s| s.span.as_ref())
            .map(|s| (s.start, s.end)),
        st.cue.as_ref().map(|c| (c.span.start, c.span.end)),
        st.content.as_ref().map(|c| (c.start, c.end)),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some((
        spans.iter().map(|s| s.0).min()?,
        spans.iter().map(|s| s.1).max()?,
    ))
}

fn overlaps(a: (usize, usize), b: Option<(usize, usize)>) -> bool {
    b.is_some_and(|b| a.0 < b.1 && b.0 < a.1)
}

fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else if ngold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        1.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[test]
fn events_dev_floors() -> Result<(), Box<dyn std::error::Error>> {
    let dir = gold_dir();
    if !dir.join("gold").is_dir() {
        println!("events_dev: {} not present; skipped", dir.display());
        return Ok(());
    }
    let (mut den_tp, mut den_pred, mut den_gold) = (0, 0, 0);
    let (mut clm_tp, mut clm_pred, mut clm_gold) = (0, 0, 0);
    let (mut link_ok, mut link_gold, mut traps) = (0, 0, 0);
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for gpath in names {
        let g: Value = serde_json::from_str(&std::fs::read_to_string(&gpath)?)?;
        let file = g["file"].as_str().ok_or("gold without file")?;
        let text = std::fs::read_to_string(dir.join("text").join(file))?;
        let loc = |s: &str| text.find(s).map(|i| (i, i + s.len()));
        let locs = |item: &Value| -> Vec<(usize, usize)> {
            std::iter::once(&item["evidence"])
                .chain(item["alt_evidence"].as_array().into_iter().flatten())
                .filter_map(|e| e.as_str().and_then(loc))
                .collect()
        };
        let statements = claimwatch_parser::extract_statements(&text);
        let by_id = |id: &str| statements.iter().find(|s| s.id == id);
        let d = decide(&text, &statements);
        let empty = vec![];
        let gden = g["denials"].as_array().unwrap_or(&empty);
        let gclm = g["claims"].as_array().unwrap_or(&empty);
        let pden: Vec<_> = d.denials.iter().filter(|x| x.official).collect();
        for t in g["traps"].as_array().unwrap_or(&empty) {
            if let Some(span) = t.as_str().and_then(loc) {
                traps += pden
                    .iter()
                    .filter(|p| overlaps(span, region(by_id(&p.statement))))
                    .count();
            }
        }
        // One-to-one greedy matching, as score.py does.
        let mut used = vec![false; pden.len()];
        let mut unofficial_absorbed = 0;
        for gd in gden {
            let spans = locs(gd);
            let official = gd["official"].as_bool().unwrap_or(true);
            den_gold += usize::from(official);
            let hit = (0..pden.len()).find(|&i| {
                !used[i]
                    && spans
                        .iter()
                        .any(|s| overlaps(*s, region(by_id(&pden[i].statement))))
            });
            let Some(i) = hit else {
                if official && gd["refutes"].as_array().is_some_and(|r| !r.is_empty()) {
                    link_gold += 1;
                }
                continue;
            };
            used[i] = true;
            if !official {
                unofficial_absorbed += 1;
                continue;
            }
            den_tp += 1;
            let refuted: Vec<(usize, usize)> = gd["refutes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|id| gclm.iter().find(|c| c["id"] == *id))
                .flat_map(locs)
                .collect();
            if !refuted.is_empty() {
                link_gold += 1;
                let ok = pden[i].refutes.iter().any(|l| {
                    refuted
                        .iter()
                        .any(|s| overlaps(*s, region(by_id(&l.statement))))
                });
                link_ok += usize::from(ok);
            }
        }
        den_pred += pden.len() - unofficial_absorbed;
        let mut used = vec![false; d.claims.len()];
        for gc in gclm {
            let spans = locs(gc);
            if let Some(i) = (0..d.claims.len()).find(|&i| {
                !used[i]
                    && spans
                        .iter()
                        .any(|s| overlaps(*s, region(by_id(&d.claims[i].statement))))
            }) {
                used[i] = true;
                clm_tp += 1;
            }
        }
        clm_pred += d.claims.len();
        clm_gold += gclm.len();
    }
    let den = prf(den_tp, den_pred, den_gold);
    let clm = prf(clm_tp, clm_pred, clm_gold);
    let link = if link_gold > 0 {
        link_ok as f64 / link_gold as f64
    } else {
        1.0
    };
    println!(
        "official_denial  P {:.3} R {:.3} F1 {:.3}",
        den.0, den.1, den.2
    );
    println!(
        "unverified_claim P {:.3} R {:.3} F1 {:.3}",
        clm.0, clm.1, clm.2
    );
    println!("link_accuracy    {link:.3}");
    println!("trap_hits        {traps}");
    assert_eq!(traps, 0, "a trap was taken for a denial");
    assert!(
        den.2 >= MIN_DENIAL_F1,
        "official-denial F1 {:.3} < {MIN_DENIAL_F1}",
        den.2
    );
    assert!(
        clm.2 >= MIN_CLAIM_F1,
        "unverified-claim F1 {:.3} < {MIN_CLAIM_F1}",
        clm.2
    );
    assert!(
        link >= MIN_LINK_ACCURACY,
        "link accuracy {link:.3} < {MIN_LINK_ACCURACY}"
    );
    Ok(())
}
