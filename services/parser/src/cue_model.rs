//! A learned cue scorer: logistic regression over sparse features of a
//! word and its neighbours, trained on PolNeAR's **train** split by
//! `examples/train_cue_model.rs` and compiled in from
//! `lexicon/cue_model.tsv` (one readable `feature <TAB> weight` per line).
//!
//! The rules in `process.rs` ask it how likely a word outside quotations is
//! to be (part of) a reporting cue where the word lists alone cannot tell:
//! a lexicon cue in a context where it rarely reports ("a show of force"),
//! or a word the lists lack ("Clinton voiced concern"). Features are the
//! word, its suffix, its neighbours and their classes, whether the lexicon
//! knows the word, and whether a quotation or a "that" is near.
//!
//! Feature names are hashed with FNV-1a over their bytes, so the same name
//! hashes alike whether it is read from the model file or built from a
//! token; the table maps hashes to weights.

use std::sync::OnceLock;

use crate::doc::Doc;
use crate::lexicon::HashMap;
use crate::tokens::Kind;

const MODEL: &str = include_str!("../lexicon/cue_model.tsv");

/// Overrides the compiled-in model with a file, for cross-validation
/// (`tools/cue_cv.py`); not meant for production use.
const MODEL_ENV: &str = "CLAIMWATCH_CUE_MODEL";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// One value of a feature: its text (for naming) and its hash.
#[derive(Clone, Copy)]
pub(crate) struct Part<'a> {
    text: &'a str,
    hash: u64,
}

fn part(text: &str) -> Part<'_> {
    Part {
        text,
        hash: fnv(text.as_bytes()),
    }
}

/// The hash of a feature from its tag and the hashes of its values: each
/// word is hashed once per token, however many features use it.
fn combine(tag: &str, parts: impl Iterator<Item = u64>) -> u64 {
    let mut h = fnv(tag.as_bytes());
    for x in parts {
        h = (h.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    h
}

/// Every feature tag and how many values it joins (with `|` in the model
/// file; only the last value may itself contain a `|`, a punctuation
/// token).
const TAGS: &[(&str, usize)] = &[
    ("w", 1),
    ("s3", 1),
    ("s2", 1),
    ("p1", 1),
    ("p2", 1),
    ("n1", 1),
    ("n2", 1),
    ("pc", 1),
    ("nc", 1),
    ("pcnc", 2),
    ("wpc", 2),
    ("wnc", 2),
    ("wn1", 2),
    ("wp1", 2),
    ("s3nc", 2),
    ("s3pc", 2),
    ("shape", 1),
    ("lex", 1),
    ("lexnc", 2),
    ("lexpc", 2),
    ("that3", 0),
    ("q", 1),
    ("st", 1),
    ("stpc", 2),
    ("stnc", 2),
];

/// The hash of a feature as the model file names it (`tag=value|value`).
fn name_hash(name: &str) -> Option<u64> {
    let (tag, rest) = name.split_once('=')?;
    let &(_, arity) = TAGS.iter().find(|(t, _)| *t == tag)?;
    if arity == 0 {
        return Some(combine(tag, std::iter::empty()));
    }
    let parts: Vec<&str> = rest.splitn(arity, '|').collect();
    (parts.len() == arity).then(|| combine(tag, parts.iter().map(|p| fnv(p.as_bytes()))))
}

/// A hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Weights = std::collections::HashMap<u64, f32, std::hash::BuildHasherDefault<IdentityHasher>>;

/// The trained weights.
#[derive(Debug, Default)]
pub struct CueModel {
    bias: f32,
    weights: Weights,
}

/// Words whose own and stem weights sum to this or less are not scored,
/// which keeps the model cheap. Cross-validated on train, −0.5 loses 0.001
/// relation F1 against scoring every word; −1 loses nothing.
const WORD_WEIGHT_FLOOR: f32 = -1.0;

/// Where features go: a sink that hashes (scoring) or also names them
/// (training, to write the model file).
pub(crate) trait Sink {
    fn feature(&mut self, tag: &str, parts: &[Part]);
}

struct Score<'m> {
    model: &'m CueModel,
    sum: f32,
}

impl Sink for Score<'_> {
    fn feature(&mut self, tag: &str, parts: &[Part]) {
        let h = combine(tag, parts.iter().map(|p| p.hash));
        if let Some(w) = self.model.weights.get(&h) {
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
    fn feature(&mut self, tag: &str, parts: &[Part]) {
        let h = combine(tag, parts.iter().map(|p| p.hash));
        self.features.push(h);
        self.names.entry(h).or_insert_with(|| {
            let values: Vec<&str> = parts.iter().map(|p| p.text).collect();
            format!("{tag}={}", values.join("|"))
        });
    }
}

/// Whether token `i` is one the model scores: a word outside quotations
/// that is not a closed-class word.
pub(crate) fn candidate(doc: &Doc, i: usize) -> bool {
    doc.is_word(i) && doc.in_quote[i].is_none() && !closed_class(doc.lw(i))
}

fn closed_class(w: &str) -> bool {
    crate::doc::AUXILIARIES.contains(&w)
        || crate::doc::DETERMINERS.contains(&w)
        || matches!(
            w,
            "and"
                | "or"
                | "but"
                | "of"
                | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "with"
                | "from"
                | "into"
                | "as"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "you"
                | "which"
                | "who"
                | "not"
                | "to"
                | "than"
                | "if"
                | "so"
                | "there"
        )
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
    let word = |k: isize| -> &str {
        if k < s.first as isize {
            "<s>"
        } else if k >= s.last as isize {
            "</s>"
        } else {
            doc.lw(k as usize)
        }
    };
    let ii = i as isize;
    let w = part(doc.lw(i));
    let (p1, p2, n1, n2) = (
        part(word(ii - 1)),
        part(word(ii - 2)),
        part(word(ii + 1)),
        part(word(ii + 2)),
    );
    let pc = part(class_name_prev(doc, i));
    let nc = part(class_name_next(doc, i));
    let s3 = part(suffix(w.text, 3));
    let s2 = part(suffix(w.text, 2));
    sink.feature("w", &[w]);
    sink.feature("s3", &[s3]);
    sink.feature("s2", &[s2]);
    sink.feature("p1", &[p1]);
    sink.feature("p2", &[p2]);
    sink.feature("n1", &[n1]);
    sink.feature("n2", &[n2]);
    sink.feature("pc", &[pc]);
    sink.feature("nc", &[nc]);
    sink.feature("pcnc", &[pc, nc]);
    sink.feature("wpc", &[w, pc]);
    sink.feature("wnc", &[w, nc]);
    sink.feature("wn1", &[w, n1]);
    sink.feature("wp1", &[w, p1]);
    sink.feature("s3nc", &[s3, nc]);
    sink.feature("s3pc", &[s3, pc]);
    // The stem shares what the model learns across a verb's forms
    // ("chided", "chides", "chiding").
    let st = part(stem(w.text));
    sink.feature("st", &[st]);
    sink.feature("stpc", &[st, pc]);
    sink.feature("stnc", &[st, nc]);
    let shape = match (doc.upper(i), i == s.first, doc.in_headline(i)) {
        (_, _, true) => "headline",
        (true, true, _) => "Cap-first",
        (true, false, _) => "Cap",
        (false, true, _) => "low-first",
        (false, false, _) => "low",
    };
    sink.feature("shape", &[part(shape)]);
    let lex = part(lex);
    sink.feature("lex", &[lex]);
    sink.feature("lexnc", &[lex, nc]);
    sink.feature("lexpc", &[lex, pc]);
    let that = (i + 1..(i + 4).min(s.last)).any(|k| doc.lw(k) == "that");
    if that {
        sink.feature("that3", &[]);
    }
    let lo = i.saturating_sub(12).max(s.first);
    let hi = (i + 13).min(s.last);
    let quote_before = (lo..i).any(|k| matches!(doc.kind(k), Kind::Close));
    let quote_after = (i + 1..hi).any(|k| matches!(doc.kind(k), Kind::Open));
    match (quote_before, quote_after) {
        (true, true) => sink.feature("q", &[part("both")]),
        (true, false) => sink.feature("q", &[part("before")]),
        (false, true) => sink.feature("q", &[part("after")]),
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
    let n = doc.len();
    for f in doc.lex.forms_starting(doc.lw(i)) {
        let k = f.words.len();
        if i + k <= n && (0..k).all(|j| doc.lw(i + j) == f.words[j]) {
            return form_status(doc.lex.entries[f.entry].weak, k > 1);
        }
    }
    if doc.lex.noun(doc.lw(i)).is_some() {
        return "noun";
    }
    "none"
}

impl CueModel {
    /// The model in use: the file named by `CLAIMWATCH_CUE_MODEL` when set
    /// (cross-validation), else the compiled-in one.
    pub(crate) fn get() -> &'static CueModel {
        static MODEL_CELL: OnceLock<CueModel> = OnceLock::new();
        MODEL_CELL.get_or_init(|| match std::env::var_os(MODEL_ENV) {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{MODEL_ENV}={}: {e}", path.to_string_lossy()));
                CueModel::parse(&text)
            }
            None => CueModel::parse(MODEL),
        })
    }

    /// Reads `feature <TAB> weight` lines; `#` lines are comments and the
    /// feature `bias` is the intercept.
    pub fn parse(text: &str) -> CueModel {
        let mut m = CueModel::default();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((name, w)) = line.split_once('\t') else {
                continue;
            };
            let Ok(w) = w.trim().parse::<f32>() else {
                continue;
            };
            if name == "bias" {
                m.bias = w;
                continue;
            }
            if let Some(h) = name_hash(name) {
                m.weights.insert(h, w);
            }
        }
        m
    }

    /// Whether word `w` (lowercase) may be a cue at all: the weights of the
    /// word and its stem, which every context adds to, sum above the floor.
    pub(crate) fn may_be_cue(&self, w: &str) -> bool {
        let weight = |tag: &str, value: &str| {
            let h = combine(tag, std::iter::once(fnv(value.as_bytes())));
            self.weights.get(&h).copied().unwrap_or(0.0)
        };
        weight("w", w) + weight("st", stem(w)) > WORD_WEIGHT_FLOOR
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

/// How to train: passes, the smallest weight written, the fewest
/// occurrences a feature needs, and AdaGrad's rate.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    pub prune: f32,
    pub min_count: u32,
    pub rate: f32,
}

impl Default for Training {
    fn default() -> Training {
        Training {
            epochs: 4,
            prune: 0.02,
            min_count: 3,
            rate: 0.1,
        }
    }
}

/// One training example: a token's feature hashes and whether it is in a
/// gold cue.
struct Example {
    features: Vec<u64>,
    cue: bool,
}

/// Trains a model on texts with their gold cue spans (byte ranges) and
/// writes it as `feature <TAB> weight` lines, weights under `prune`
/// dropped. Logistic regression by AdaGrad, `epochs` passes in a fixed
/// shuffled order.
pub fn train(docs: &[(String, Vec<(usize, usize)>)], settings: &Training) -> String {
    let Training {
        epochs,
        prune,
        min_count,
        rate,
    } = *settings;
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
            examples.push(Example {
                features: named.features,
                cue,
            });
        }
    }
    // Features seen fewer than `min_count` times only memorise.
    let mut counts: HashMap<u64, u32> = HashMap::default();
    for ex in &examples {
        for h in &ex.features {
            *counts.entry(*h).or_default() += 1;
        }
    }
    for ex in &mut examples {
        ex.features.retain(|h| counts[h] >= min_count);
    }
    let mut w: HashMap<u64, (f32, f32)> = HashMap::default();
    let (mut bias, mut bias_g) = (0.0f32, 0.0f32);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &e in &order {
            let ex = &examples[e];
            let z: f32 = bias
                + ex.features
                    .iter()
                    .map(|h| w.get(h).map_or(0.0, |x| x.0))
                    .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - if ex.cue { 1.0 } else { 0.0 };
            bias_g += g * g;
            bias -= rate * g / (bias_g.sqrt() + 1e-6);
            for h in &ex.features {
                let (wt, gs) = w.entry(*h).or_insert((0.0, 0.0));
                *gs += g * g;
                let step = rate / (gs.sqrt() + 1e-6);
                *wt -= step * g;
            }
        }
    }
    let mut rows: Vec<(&String, f32)> = w
        .iter()
        .filter(|(_, (x, _))| x.abs() >= prune)
        .filter_map(|(h, (x, _))| names.get(h).map(|n| (n, *x)))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::new();
    out.push_str("# Cue model: logistic regression trained on PolNeAR train by\n");
    out.push_str("# examples/train_cue_model.rs (feature <TAB> weight; see src/cue_model.rs).\n");
    out.push_str(&format!("bias\t{bias:.4}\n"));
    for (n, x) in rows {
        out.push_str(&format!("{n}\t{x:.4}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_hashes_alike_from_parts_and_from_its_file_name() {
        let hash = |tag, parts: &[&str]| combine(tag, parts.iter().map(|p| part(p).hash));
        assert_eq!(
            Some(hash("wnc", &["said", "that"])),
            name_hash("wnc=said|that")
        );
        // Only the last value may hold a "|": a punctuation token.
        assert_eq!(Some(hash("wn1", &["said", "|"])), name_hash("wn1=said||"));
        assert_eq!(Some(hash("that3", &[])), name_hash("that3="));
        assert_ne!(hash("w", &["said"]), hash("p1", &["said"]));
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
            assert_eq!(name_hash(name), Some(*h), "{name}");
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
