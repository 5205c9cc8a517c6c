//! A learned statement filter: logistic regression over features of a
//! finished statement (its cue and where the cue came from, its speaker,
//! its content, their order and the words around the cue), trained on
//! PolNeAR's **train** split and compiled in from
//! `lexicon/statement_model.tsv` (one readable `feature <TAB> weight` per
//! line).
//!
//! The rules and the cue model decide statement by statement; this model
//! sees the whole result and drops the assertions and beliefs that look
//! like the ones the rules get wrong ("a show of force" read as a statement, a fragment of
//! a verb phrase taken for a speaker). Its training examples are the
//! statements the parser makes on train texts it did not learn its cue
//! model from (`tools/cue_cv.py --write-statement-model`), labelled by whether
//! `eval/score.py` would count them.

use std::sync::OnceLock;

use claimwatch_shared::events::{CueClass, Statement};

use crate::doc::Doc;
use crate::lexicon::HashMap;
use crate::process::Raw;

const MODEL: &str = include_str!("../lexicon/statement_model.tsv");

/// Overrides the compiled-in model with a file, or turns the filter off
/// with `off` (for cross-validation, `tools/cue_cv.py`); not meant for
/// production use.
const MODEL_ENV: &str = "CLAIMWATCH_STATEMENT_MODEL";

/// The trained weights, by feature name, and the threshold.
#[derive(Debug, Default)]
pub struct StatementModel {
    bias: f32,
    weights: HashMap<String, f32>,
    /// Statements given less than this are dropped: the model file's
    /// `keep_from`, the best threshold in cross-validation on train.
    keep_from: f32,
}

impl StatementModel {
    /// The model in use: the file named by `CLAIMWATCH_STATEMENT_MODEL`
    /// when set (none at all for `off`), else the compiled-in one.
    pub(crate) fn get() -> Option<&'static StatementModel> {
        static MODEL_CELL: OnceLock<Option<StatementModel>> = OnceLock::new();
        MODEL_CELL
            .get_or_init(|| match std::env::var_os(MODEL_ENV) {
                Some(v) if v == "off" => None,
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| panic!("{MODEL_ENV}={}: {e}", path.to_string_lossy()));
                    Some(StatementModel::parse(&text))
                }
                None => Some(StatementModel::parse(MODEL)),
            })
            .as_ref()
    }

    /// Reads `feature <TAB> weight` lines; `#` lines are comments, the
    /// feature `bias` is the intercept and `keep_from` the threshold.
    pub fn parse(text: &str) -> StatementModel {
        let mut m = StatementModel::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((name, w)) = line.split_once('\t') else {
                continue;
            };
            let Ok(w) = w.trim().parse::<f32>() else {
                continue;
            };
            if name == "bias" {
                m.bias = w;
            } else if name == "keep_from" {
                m.keep_from = w;
            } else {
                m.weights.insert(name.to_string(), w);
            }
        }
        m
    }

    /// Whether a statement with these features is kept.
    pub(crate) fn keeps(&self, features: &[String]) -> bool {
        self.probability(features) >= self.keep_from
    }

    /// The probability that a statement with these features is right.
    pub(crate) fn probability(&self, features: &[String]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f.as_str()))
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Where a statement's cue came from.
fn origin(doc: &Doc, r: &Raw) -> &'static str {
    let entry = &doc.lex.entries[r.cue.entry];
    if r.cue.noun.is_some() {
        "noun"
    } else if doc.lex.is_learned(r.cue.entry) {
        "model"
    } else if entry.weak {
        "weak"
    } else {
        "strong"
    }
}

/// Whether the model judges a statement with a cue of this class at all.
/// Claims, denials, rejections, confirmations and hearsay are what the
/// matcher acts on; dropping the doubtful ones cost its events more than it
/// gained here, so only assertions and beliefs are filtered.
pub(crate) fn judges(class: CueClass) -> bool {
    matches!(class, CueClass::Assert | CueClass::Belief)
}

/// The features of statement `k` (`raws[k]`, built into `statements[k]`)
/// among all the statements of a document.
pub(crate) fn features(doc: &Doc, raws: &[Raw], statements: &[Statement], k: usize) -> Vec<String> {
    let r = &raws[k];
    let st = &statements[k];
    let c = r.cue;
    let lemma = st.cue.as_ref().map_or("", |c| c.lemma.as_str());
    let word = |i: Option<usize>| i.map_or("<s>", |i| doc.lw(i));
    let before = word((c.first > 0).then(|| c.first - 1));
    let after = if c.last < doc.len() {
        doc.lw(c.last)
    } else {
        "</s>"
    };
    let kind = format!("{:?}", st.kind);
    let party = st
        .speaker
        .as_ref()
        .map_or("none".to_string(), |s| format!("{:?}", s.kind));
    let mut f = vec![
        format!("lemma={lemma}"),
        format!(
            "cue={}",
            doc.lower[doc.toks[c.first].start..doc.toks[c.last - 1].end].trim()
        ),
        format!("cuelen={}", (c.last - c.first).min(3)),
        format!("origin={}", origin(doc, r)),
        format!("class={:?}", doc.lex.entries[c.entry].class),
        format!("kind={kind}"),
        format!("lemmakind={lemma}|{kind}"),
        format!("prew={before}"),
        format!("postw={after}"),
        format!("lemmapost={lemma}|{after}"),
        format!("spk={party}"),
        format!("lemmaspk={lemma}|{party}"),
    ];
    match r.speaker {
        Some((a, b)) => {
            let words = (a..b).filter(|&i| doc.is_word(i)).count();
            f.push(format!("spklen={}", words.min(6)));
            f.push(format!("spkfirst={}", doc.lw(a)));
            f.push(format!("spklast={}", doc.lw(b - 1)));
            if doc.upper(a) {
                f.push("spkupper".to_string());
            }
            let (side, gap) = if b <= c.first {
                ("before", c.first - b)
            } else {
                ("after", a.saturating_sub(c.last))
            };
            f.push(format!("spkside={side}"));
            f.push(format!("spkgap={}", gap.min(5)));
        }
        None => f.push("nospk".to_string()),
    }
    let (a, b) = r.content;
    let words = (a..b).filter(|&i| doc.is_word(i)).count();
    f.push(format!("conlen={}", (words / 4).min(8)));
    f.push(format!("confirst={}", doc.lw(a)));
    f.push(format!(
        "conside={}",
        if b <= c.first { "before" } else { "after" }
    ));
    if doc.sent_of[c.first] == 0 {
        f.push("title".to_string());
    }
    let nested = raws
        .iter()
        .enumerate()
        .any(|(j, o)| j != k && o.content.0 <= c.first && c.last <= o.content.1);
    if nested {
        f.push("nested".to_string());
    }
    let sentence = doc.sent_of[c.first];
    let same = raws
        .iter()
        .filter(|o| doc.sent_of[o.cue.first] == sentence)
        .count();
    f.push(format!("insentence={}", same.min(3)));
    f
}

/// Trains a model on statements' features and whether each was right,
/// and writes it as `feature <TAB> weight` lines (weights under `prune`
/// dropped), like the cue model's trainer.
pub fn train(examples: &[(Vec<String>, bool)], settings: &Training) -> String {
    let (bias, weights) = crate::logistic::fit(examples, settings);
    crate::logistic::write(
        "# Statement model: logistic regression trained on PolNeAR train by\n\
         # tools/cue_cv.py --write-statement-model (feature <TAB> weight; see src/statement_model.rs).\n",
        bias,
        weights.iter().map(|(name, &w)| (name.as_str(), w)),
        settings.prune,
    )
}

pub use crate::logistic::Training;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_bias_the_threshold_and_the_weights() {
        let m = StatementModel::parse(
            "# a comment\nkeep_from\t0.5\nbias\t-1.0\nlemma=say\t3.0\nnospk\t-3.0\n",
        );
        let p = |f: &[&str]| m.probability(&f.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!((p(&[]) - 1.0 / (1.0 + 1f32.exp())).abs() < 1e-6);
        assert!((p(&["lemma=say", "unknown"]) - 1.0 / (1.0 + (-2f32).exp())).abs() < 1e-6);
        assert!(m.keeps(&["lemma=say".to_string()]));
        assert!(!m.keeps(&["lemma=say".to_string(), "nospk".to_string()]));
    }

    #[test]
    fn features_describe_cue_speaker_and_content() {
        let (doc, raws, statements) = crate::process::unfiltered(
            "The mayor of Tarrow said on Monday that the bridge would reopen.",
        );
        assert_eq!(raws.len(), 1, "{statements:#?}");
        let f = features(&doc, &raws, &statements, 0);
        for name in [
            "lemma=say",
            "cue=said",
            "origin=strong",
            "spkside=before",
            "spkfirst=the",
            "spklast=tarrow",
            "spkupper",
            "conside=after",
            "postw=on",
            "prew=tarrow",
            "title",
            "insentence=1",
        ] {
            assert!(f.iter().any(|x| x == name), "{name} not in {f:?}");
        }
        assert!(!f.iter().any(|x| x == "nospk" || x == "nested"), "{f:?}");
    }

    #[test]
    fn learns_a_separable_toy_problem_the_same_way_twice() {
        let examples: Vec<(Vec<String>, bool)> = (0..40)
            .map(|k| {
                let good = k % 2 == 0;
                let f = if good { "a" } else { "b" };
                (vec![f.to_string(), "both".to_string()], good)
            })
            .collect();
        let t = Training {
            epochs: 50,
            ..Training::default()
        };
        let text = train(&examples, &t);
        assert_eq!(text, train(&examples, &t));
        let m = StatementModel::parse(&text);
        assert!(m.probability(&["a".to_string(), "both".to_string()]) > 0.8);
        assert!(m.probability(&["b".to_string(), "both".to_string()]) < 0.2);
    }
}
