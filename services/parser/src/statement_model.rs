//! A learned statement filter: logistic regression over features of a
//! finished statement (its cue and where the cue came from, its speaker,
//! its content, their order and the words around the cue), trained on
//! PolNeAR's **train** split and compiled in from
//! `lexicon/statement_model.tsv` (one readable `feature <TAB> weight` per
//! line).
//!
//! The rules and the cue model decide statement by statement; this model
//! sees the whole result and drops the assertions and beliefs that look
//! like the ones the rules get wrong ("a show of force" read as a
//! statement, a fragment of a verb phrase taken for a speaker). Its
//! training examples are the statements the parser makes on train texts it
//! did not learn its cue model from (`tools/cue_cv.py
//! --write-statement-model`), labelled by whether `eval/score.py` would
//! count them.

use std::fmt::Write;
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
            .get_or_init(|| {
                let off = std::env::var_os(MODEL_ENV).is_some_and(|v| v == "off");
                (!off)
                    .then(|| StatementModel::parse(&crate::logistic::model_text(MODEL_ENV, MODEL)))
            })
            .as_ref()
    }

    /// Reads `feature <TAB> weight` lines; `#` lines are comments, the
    /// feature `bias` is the intercept and `keep_from` the threshold.
    pub fn parse(text: &str) -> StatementModel {
        let mut m = StatementModel::default();
        for (name, w) in crate::logistic::read(text) {
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

    /// Whether statement `k` is kept: the model gives it at least
    /// `keep_from`. Its features are scored as they are named, in one
    /// reused buffer.
    pub(crate) fn keeps(
        &self,
        doc: &Doc,
        context: &Context,
        raws: &[Raw],
        statements: &[Statement],
        k: usize,
    ) -> bool {
        let mut z = self.bias;
        let mut name = String::new();
        features(doc, context, raws, statements, k, &mut |f| {
            name.clear();
            // Writing to a String cannot fail.
            let _ = name.write_fmt(f);
            z += self.weights.get(name.as_str()).copied().unwrap_or(0.0);
        });
        sigmoid(z) >= self.keep_from
    }

    /// The probability that a statement with these named features is right
    /// (what `tools/cue_cv.py` computes from the file).
    #[cfg(test)]
    fn probability(&self, features: &[String]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f.as_str()))
                .sum::<f32>();
        sigmoid(z)
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
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

/// What the features of one statement need to know about the others,
/// computed once per document so that scoring stays linear in its length.
pub(crate) struct Context {
    /// How many statements have their cue in each sentence.
    per_sentence: Vec<usize>,
    /// How many statements' contents cover each token.
    covered: Vec<u32>,
}

impl Context {
    pub(crate) fn new(doc: &Doc, raws: &[Raw]) -> Context {
        let mut per_sentence = vec![0; doc.sents.len()];
        for r in raws {
            per_sentence[doc.sent_of[r.cue.first] as usize] += 1;
        }
        Context {
            per_sentence,
            covered: crate::process::coverage(doc, raws),
        }
    }
}

/// Feeds the features of statement `k` (`raws[k]`, built into
/// `statements[k]`) to `emit`, one name at a time.
pub(crate) fn features(
    doc: &Doc,
    context: &Context,
    raws: &[Raw],
    statements: &[Statement],
    k: usize,
    emit: &mut dyn FnMut(std::fmt::Arguments),
) {
    let r = &raws[k];
    let st = &statements[k];
    let c = r.cue;
    let lemma = st.cue.as_ref().map_or("", |c| c.lemma.as_str());
    let before = if c.first > 0 {
        doc.lw(c.first - 1)
    } else {
        "<s>"
    };
    let after = if c.last < doc.len() {
        doc.lw(c.last)
    } else {
        "</s>"
    };
    let kind = st.kind;
    let party = st.speaker.as_ref().map(|s| s.kind);
    let cue_text = doc.lower[doc.toks[c.first].start..doc.toks[c.last - 1].end].trim();
    emit(format_args!("lemma={lemma}"));
    emit(format_args!("cue={cue_text}"));
    emit(format_args!("cuelen={}", (c.last - c.first).min(3)));
    emit(format_args!("origin={}", origin(doc, r)));
    emit(format_args!("class={:?}", doc.lex.entries[c.entry].class));
    emit(format_args!("kind={kind:?}"));
    emit(format_args!("lemmakind={lemma}|{kind:?}"));
    emit(format_args!("prew={before}"));
    emit(format_args!("postw={after}"));
    emit(format_args!("lemmapost={lemma}|{after}"));
    match party {
        Some(p) => {
            emit(format_args!("spk={p:?}"));
            emit(format_args!("lemmaspk={lemma}|{p:?}"));
        }
        None => {
            emit(format_args!("spk=none"));
            emit(format_args!("lemmaspk={lemma}|none"));
        }
    }
    match r.speaker {
        Some((a, b)) => {
            let words = (a..b).filter(|&i| doc.is_word(i)).count();
            emit(format_args!("spklen={}", words.min(6)));
            emit(format_args!("spkfirst={}", doc.lw(a)));
            emit(format_args!("spklast={}", doc.lw(b - 1)));
            if doc.upper(a) {
                emit(format_args!("spkupper"));
            }
            let (side, gap) = if b <= c.first {
                ("before", c.first - b)
            } else {
                ("after", a.saturating_sub(c.last))
            };
            emit(format_args!("spkside={side}"));
            emit(format_args!("spkgap={}", gap.min(5)));
        }
        None => emit(format_args!("nospk")),
    }
    let (a, b) = r.content;
    let words = (a..b).filter(|&i| doc.is_word(i)).count();
    emit(format_args!("conlen={}", (words / 4).min(8)));
    emit(format_args!("confirst={}", doc.lw(a)));
    let side = if b <= c.first { "before" } else { "after" };
    emit(format_args!("conside={side}"));
    if doc.sent_of[c.first] == 0 {
        emit(format_args!("title"));
    }
    if crate::process::nested(&context.covered, r) {
        emit(format_args!("nested"));
    }
    let same = context.per_sentence[doc.sent_of[c.first] as usize];
    emit(format_args!("insentence={}", same.min(3)));
}

/// The features of statement `k` as names (training examples).
pub(crate) fn feature_names(
    doc: &Doc,
    context: &Context,
    raws: &[Raw],
    statements: &[Statement],
    k: usize,
) -> Vec<String> {
    let mut names = Vec::new();
    features(doc, context, raws, statements, k, &mut |f| {
        names.push(f.to_string())
    });
    names
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
        assert!(p(&["lemma=say"]) >= 0.5);
        assert!(p(&["lemma=say", "nospk"]) < 0.5);
    }

    #[test]
    fn features_describe_cue_speaker_and_content() {
        let (doc, raws, statements) = crate::process::unfiltered(
            "The mayor of Tarrow said on Monday that the bridge would reopen.",
        );
        assert_eq!(raws.len(), 1, "{statements:#?}");
        let f = feature_names(&doc, &Context::new(&doc, &raws), &raws, &statements, 0);
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
