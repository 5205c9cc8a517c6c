//! A learned cue scorer: logistic regression over sparse features of a
//! word and its neighbours, trained on PolNeAR's **train** split by
//! `examples/train_cue_model.rs` and compiled in from
//! `lexicon/cue_model.tsv` (one readable `feature <TAB> weight` per line).
//!
//! The rules in `process.rs` ask it how likely a word outside quotations is
//! to be (part of) a reporting cue where the word lists alone cannot tell:
//! a lexicon cue in a context where it rarely reports ("a show of force"),
//! or a word the lists lack ("Clinton voiced concern"). Features are the
//! word and its stem, its suffix, its neighbours and their classes, whether the lexicon
//! knows the word, and whether a quotation or a "that" is near.
//!
//! Feature values are hashed with `lexicon::word_hash` and combined with
//! their tag's hash, so the same name hashes alike whether it is read from
//! the model file or built from a token; a table per tag maps hashes to
//! weights.

use std::sync::OnceLock;

use crate::doc::Doc;
use crate::lexicon::{word_hash, HashMap, IdentityMap};
use crate::tokens::Kind;

const MODEL: &str = include_str!("../lexicon/cue_model.tsv");

/// Overrides the compiled-in model with a file, for cross-validation
/// (`tools/cue_cv.py`); not meant for production use.
const MODEL_ENV: &str = "CLAIMWATCH_CUE_MODEL";

/// One value of a feature: its text (for naming) and its hash.
#[derive(Clone, Copy)]
pub(crate) struct Part<'a> {
    text: &'a str,
    hash: u64,
}

const fn part(text: &str) -> Part<'_> {
    Part {
        text,
        hash: word_hash(text.as_bytes()),
    }
}

/// The values of the words before a sentence's start and after its end.
const SENTENCE_START: Part<'static> = part("<s>");
const SENTENCE_END: Part<'static> = part("</s>");

/// A feature tag: which property of a token (and its neighbours) a
/// feature names. The model keeps one weight table per tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    W,
    S3,
    P1,
    P2,
    N1,
    N2,
    Pc,
    Nc,
    WPc,
    WNc,
    WN1,
    WP1,
    Shape,
    Lex,
    That3,
    Q,
    St,
    StPc,
    StNc,
}

impl Tag {
    const ALL: [Tag; 19] = [
        Tag::W,
        Tag::S3,
        Tag::P1,
        Tag::P2,
        Tag::N1,
        Tag::N2,
        Tag::Pc,
        Tag::Nc,
        Tag::WPc,
        Tag::WNc,
        Tag::WN1,
        Tag::WP1,
        Tag::Shape,
        Tag::Lex,
        Tag::That3,
        Tag::Q,
        Tag::St,
        Tag::StPc,
        Tag::StNc,
    ];

    /// The tag as the model file writes it.
    const fn name(self) -> &'static str {
        match self {
            Tag::W => "w",
            Tag::S3 => "s3",
            Tag::P1 => "p1",
            Tag::P2 => "p2",
            Tag::N1 => "n1",
            Tag::N2 => "n2",
            Tag::Pc => "pc",
            Tag::Nc => "nc",
            Tag::WPc => "wpc",
            Tag::WNc => "wnc",
            Tag::WN1 => "wn1",
            Tag::WP1 => "wp1",
            Tag::Shape => "shape",
            Tag::Lex => "lex",
            Tag::That3 => "that3",
            Tag::Q => "q",
            Tag::St => "st",
            Tag::StPc => "stpc",
            Tag::StNc => "stnc",
        }
    }

    /// How many values the tag joins (with `|` in the model file; only the
    /// last value may itself contain a `|`, a punctuation token).
    const fn arity(self) -> usize {
        match self {
            Tag::That3 => 0,
            Tag::WPc | Tag::WNc | Tag::WN1 | Tag::WP1 | Tag::StPc | Tag::StNc => 2,
            _ => 1,
        }
    }

    /// The [`word_hash`] of the tag's name, computed at compile time.
    fn hash(self) -> u64 {
        const HASHES: [u64; Tag::ALL.len()] = {
            let mut out = [0; Tag::ALL.len()];
            let mut k = 0;
            while k < out.len() {
                out[k] = word_hash(Tag::ALL[k].name().as_bytes());
                k += 1;
            }
            out
        };
        HASHES[self as usize]
    }
}

/// The hash of a feature from its tag and the hashes of its values: each
/// word is hashed once per token, however many features use it.
fn combine(tag: Tag, parts: impl Iterator<Item = u64>) -> u64 {
    let mut h = tag.hash();
    for x in parts {
        h = (h.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    h
}

/// The tag and hash of a feature as the model file names it
/// (`tag=value|value`).
fn name_hash(name: &str) -> Option<(Tag, u64)> {
    let (tag, rest) = name.split_once('=')?;
    let tag = *Tag::ALL.iter().find(|t| t.name() == tag)?;
    let arity = tag.arity();
    if arity == 0 {
        return Some((tag, combine(tag, std::iter::empty())));
    }
    let parts: Vec<&str> = rest.splitn(arity, '|').collect();
    (parts.len() == arity).then(|| {
        (
            tag,
            combine(tag, parts.iter().map(|p| word_hash(p.as_bytes()))),
        )
    })
}

/// The trained weights.
#[derive(Debug, Default)]
pub struct CueModel {
    bias: f32,
    /// Each tag's feature weights by feature hash, indexed by `Tag as
    /// usize`. Apart, the tags of few values (classes, shape, lexicon
    /// status) stay in cache, and so does the word's own weight, which
    /// [`CueModel::may_be_cue`] asks for a third of all tokens.
    tables: [IdentityMap<f32>; Tag::ALL.len()],
}

/// Words whose own and stem weights sum to this or less are not scored,
/// which keeps the model cheap. Cross-validated on train, −0.5 loses 0.001
/// relation F1 against scoring every word; −1 loses nothing.
const WORD_WEIGHT_FLOOR: f32 = -1.0;

/// Where features go: a sink that hashes (scoring) or also names them
/// (training, to write the model file).
pub(crate) trait Sink {
    fn feature(&mut self, tag: Tag, parts: &[Part]);
}

struct Score<'m> {
    model: &'m CueModel,
    sum: f32,
}

impl Sink for Score<'_> {
    fn feature(&mut self, tag: Tag, parts: &[Part]) {
        let h = combine(tag, parts.iter().map(|p| p.hash));
        if let Some(w) = self.model.tables[tag as usize].get(&h) {
            self.sum += w;
        }
    }
}

/// Named, hashed features of one token, for training.
#[derive(Default)]
pub(crate) struct Named {
    pub(crate) features: Vec<u64>,
    pub(crate) names: HashMap<u64, String>,
}

impl Sink for Named {
    fn feature(&mut self, tag: Tag, parts: &[Part]) {
        let h = combine(tag, parts.iter().map(|p| p.hash));
        self.features.push(h);
        self.names.entry(h).or_insert_with(|| {
            let values: Vec<&str> = parts.iter().map(|p| p.text).collect();
            format!("{}={}", tag.name(), values.join("|"))
        });
    }
}

/// Whether token `i` is one the model scores: a word outside quotations
/// that is not a closed-class word.
pub(crate) fn candidate(doc: &Doc, i: usize) -> bool {
    doc.is_word(i) && doc.in_quote[i].is_none() && !doc.is_closed_class(i)
}

/// `w` without an inflection's ending: "-ing", "-ed", "-es", "-s" or a
/// final "-e" ("voiced" and "voice" both give "voic"), where at least three
/// letters stay. A crude stem, enough to share weights across a word's forms.
fn stem(w: &str) -> &str {
    ["ing", "ed", "es", "s", "e"]
        .iter()
        .find(|suf| w.len() >= suf.len() + 3 && w.ends_with(*suf))
        .map_or(w, |suf| &w[..w.len() - suf.len()])
}

/// The last `n` chars of `w` (all of it when shorter).
fn suffix(w: &str, n: usize) -> &str {
    let cut = w.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
    &w[cut..]
}

/// Feeds the features of token `i` to `sink`.
/// `lex` is the word's `lexicon_status`, which the rules already know.
pub(crate) fn features(doc: &Doc, i: usize, lex: &'static str, sink: &mut impl Sink) {
    let s = doc.sentence(i);
    let word = |k: usize| Part {
        text: doc.lw(k),
        hash: doc.hash(k),
    };
    let before = |back: usize| match i.checked_sub(back) {
        Some(k) if k >= s.first => word(k),
        _ => SENTENCE_START,
    };
    let after = |ahead: usize| match i + ahead {
        k if k < s.last => word(k),
        _ => SENTENCE_END,
    };
    let w = word(i);
    let (p1, p2, n1, n2) = (before(1), before(2), after(1), after(2));
    let pc = part(class_name_prev(doc, i));
    let nc = part(class_name_next(doc, i));
    let s3 = part(suffix(w.text, 3));
    sink.feature(Tag::W, &[w]);
    sink.feature(Tag::S3, &[s3]);
    sink.feature(Tag::P1, &[p1]);
    sink.feature(Tag::P2, &[p2]);
    sink.feature(Tag::N1, &[n1]);
    sink.feature(Tag::N2, &[n2]);
    sink.feature(Tag::Pc, &[pc]);
    sink.feature(Tag::Nc, &[nc]);
    sink.feature(Tag::WPc, &[w, pc]);
    sink.feature(Tag::WNc, &[w, nc]);
    sink.feature(Tag::WN1, &[w, n1]);
    sink.feature(Tag::WP1, &[w, p1]);
    // The stem shares what the model learns across a verb's forms
    // ("chided", "chides", "chiding").
    let st = part(stem(w.text));
    sink.feature(Tag::St, &[st]);
    sink.feature(Tag::StPc, &[st, pc]);
    sink.feature(Tag::StNc, &[st, nc]);
    let shape = match (doc.upper(i), i == s.first, doc.in_headline(i)) {
        (_, _, true) => "headline",
        (true, true, _) => "Cap-first",
        (true, false, _) => "Cap",
        (false, true, _) => "low-first",
        (false, false, _) => "low",
    };
    sink.feature(Tag::Shape, &[part(shape)]);
    sink.feature(Tag::Lex, &[part(lex)]);
    let that = (i + 1..(i + 4).min(s.last)).any(|k| doc.lw(k) == "that");
    if that {
        sink.feature(Tag::That3, &[]);
    }
    let lo = i.saturating_sub(12).max(s.first);
    let hi = (i + 13).min(s.last);
    let quote_before = (lo..i).any(|k| matches!(doc.kind(k), Kind::Close));
    let quote_after = (i + 1..hi).any(|k| matches!(doc.kind(k), Kind::Open));
    match (quote_before, quote_after) {
        (true, true) => sink.feature(Tag::Q, &[part("both")]),
        (true, false) => sink.feature(Tag::Q, &[part("before")]),
        (false, true) => sink.feature(Tag::Q, &[part("after")]),
        (false, false) => {}
    }
}

fn class_name_prev(doc: &Doc, i: usize) -> &'static str {
    use crate::lexicon::Prev::*;
    match doc.prev_class(i) {
        Start => "start",
        Det => "det",
        Aux => "aux",
        To => "to",
        Pron => "pron",
        Punct => "punct",
        Cap => "cap",
        Other => "other",
    }
}

fn class_name_next(doc: &Doc, i: usize) -> &'static str {
    use crate::lexicon::Next::*;
    match doc.next_class(i) {
        End => "end",
        That => "that",
        To => "to",
        Quote => "quote",
        Det => "det",
        Pron => "pron",
        Prep => "prep",
        Punct => "punct",
        Cap => "cap",
        Other => "other",
    }
}

/// The status of a word that starts a cue form: weak or strong, one word
/// or several.
pub(crate) fn form_status(weak: bool, multi: bool) -> &'static str {
    match (weak, multi) {
        (false, false) => "strong",
        (false, true) => "strong-multi",
        (true, false) => "weak",
        (true, true) => "weak-multi",
    }
}

/// Whether a cue form of the word lists starts at `i`, and how strong.
pub(crate) fn lexicon_status(doc: &Doc, i: usize) -> &'static str {
    if let Some(f) = doc.form_at_start(i) {
        return form_status(doc.lex.entries[f.entry].weak, f.words.len() > 1);
    }
    if doc.noun(i).is_some() {
        return "noun";
    }
    "none"
}

impl CueModel {
    /// The model in use: the file named by `CLAIMWATCH_CUE_MODEL` when set
    /// (cross-validation), else the compiled-in one.
    pub(crate) fn get() -> &'static CueModel {
        static MODEL_CELL: OnceLock<CueModel> = OnceLock::new();
        MODEL_CELL.get_or_init(|| CueModel::parse(&crate::logistic::model_text(MODEL_ENV, MODEL)))
    }

    /// Reads `feature <TAB> weight` lines; `#` lines are comments and the
    /// feature `bias` is the intercept.
    pub fn parse(text: &str) -> CueModel {
        let mut m = CueModel::default();
        for (name, w) in crate::logistic::read(text) {
            if name == "bias" {
                m.bias = w;
            } else if let Some((tag, h)) = name_hash(name) {
                m.tables[tag as usize].insert(h, w);
            }
        }
        m
    }

    /// Whether token `i`'s word may be a cue at all: the weights of the
    /// word and its stem, which every context adds to, sum above the floor.
    pub(crate) fn may_be_cue(&self, doc: &Doc, i: usize) -> bool {
        let weight = |tag: Tag, value: u64| {
            let h = combine(tag, std::iter::once(value));
            self.tables[tag as usize].get(&h).copied().unwrap_or(0.0)
        };
        let stem = word_hash(stem(doc.lw(i)).as_bytes());
        weight(Tag::W, doc.hash(i)) + weight(Tag::St, stem) > WORD_WEIGHT_FLOOR
    }

    /// The probability that token `i` is part of a reporting cue; `lex` is
    /// its `lexicon_status`, passed in because the caller has already
    /// matched the word lists.
    pub(crate) fn probability(&self, doc: &Doc, i: usize, lex: &'static str) -> f32 {
        debug_assert_eq!(lex, lexicon_status(doc, i));
        let mut s = Score {
            model: self,
            sum: self.bias,
        };
        features(doc, i, lex, &mut s);
        1.0 / (1.0 + (-s.sum).exp())
    }
}

pub use crate::logistic::Training;

/// Trains a model on texts with their gold cue spans (byte ranges) and
/// writes it as `feature <TAB> weight` lines, weights under `prune`
/// dropped: every candidate word is an example, positive when it lies in a
/// gold cue (`logistic::fit`).
pub fn train(docs: &[(String, Vec<(usize, usize)>)], settings: &Training) -> String {
    let mut names: HashMap<u64, String> = HashMap::default();
    let mut examples = Vec::new();
    for (text, cues) in docs {
        let doc = Doc::new(text);
        for i in 0..doc.len() {
            if !candidate(&doc, i) {
                continue;
            }
            let t = doc.toks[i];
            let cue = cues.iter().any(|&(a, b)| a < t.end && t.start < b);
            let mut named = Named::default();
            features(&doc, i, lexicon_status(&doc, i), &mut named);
            for (h, n) in named.names {
                names.entry(h).or_insert(n);
            }
            examples.push((named.features, cue));
        }
    }
    let (bias, weights) = crate::logistic::fit(&examples, settings);
    crate::logistic::write(
        "# Cue model: logistic regression trained on PolNeAR train by\n\
         # examples/train_cue_model.rs (feature <TAB> weight; see src/cue_model.rs).\n",
        bias,
        weights
            .iter()
            .filter_map(|(h, &x)| names.get(h).map(|n| (n.as_str(), x))),
        settings.prune,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_hashes_alike_from_parts_and_from_its_file_name() {
        let hash = |tag, parts: &[&str]| (tag, combine(tag, parts.iter().map(|p| part(p).hash)));
        assert_eq!(
            Some(hash(Tag::WNc, &["said", "that"])),
            name_hash("wnc=said|that")
        );
        // Only the last value may hold a "|": a punctuation token.
        assert_eq!(
            Some(hash(Tag::WN1, &["said", "|"])),
            name_hash("wn1=said||")
        );
        assert_eq!(Some(hash(Tag::That3, &[])), name_hash("that3="));
        assert_ne!(hash(Tag::W, &["said"]).1, hash(Tag::P1, &["said"]).1);
        assert_eq!(name_hash("nosuchtag=x"), None);
    }

    #[test]
    fn every_feature_name_reads_back_to_its_hash() {
        let doc = Doc::new("Officials said | that “the plan” failed, the mayor stated.");
        let mut named = Named::default();
        for i in (0..doc.len()).filter(|&i| candidate(&doc, i)) {
            features(&doc, i, lexicon_status(&doc, i), &mut named);
        }
        assert!(named.names.len() > 40);
        for (h, name) in &named.names {
            assert_eq!(name_hash(name).map(|(_, hash)| hash), Some(*h), "{name}");
        }
    }

    #[test]
    fn suffixes_count_chars_not_bytes() {
        assert_eq!(suffix("said", 3), "aid");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(suffix("café", 2), "fé");
    }

    #[test]
    fn a_trained_model_scores_its_cue_above_other_words() {
        let docs: Vec<(String, Vec<(usize, usize)>)> = (0..40)
            .map(|k| {
                let text = format!("Officer {k} stated that the road was closed on day {k}.");
                let a = text.find("stated").unwrap();
                (text, vec![(a, a + 6)])
            })
            .collect();
        let model = CueModel::parse(&train(
            &docs,
            &Training {
                min_count: 1,
                prune: 0.0,
                ..Training::default()
            },
        ));
        let text = "The mayor stated that the park was closed.";
        let doc = Doc::new(text);
        let at = |w: &str| (0..doc.len()).find(|&i| doc.lw(i) == w).unwrap();
        assert!(model.probability(&doc, at("stated"), lexicon_status(&doc, at("stated"))) > 0.8);
        assert!(model.probability(&doc, at("park"), lexicon_status(&doc, at("park"))) < 0.2);
    }
}
