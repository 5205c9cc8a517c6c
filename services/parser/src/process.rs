//! Statement extraction: a pure function from article text to statements.
//!
//! The rules work on tokens, sentences and quote regions ([`crate::doc`]):
//! find reporting cues from the lexicon, then for each cue its speaker (to
//! the left, inverted to the right, "according to X", or the subject of a
//! participle clause) and its content (the reported clause after the cue,
//! or the quote or clause before it). Attributions do not nest, as in
//! PolNeAR: a cue inside an accepted statement's content or inside a
//! quotation is not a statement of its own.

use claimwatch_shared::events::{Cue, CueClass, QuoteKind, Span, Statement};

use crate::coref;
use crate::doc::Doc;
use crate::statement_model::{self, StatementModel};
use crate::tokens::Kind;

/// Every attributed statement of `text`, in text order, with ids `s1`, `s2`...
/// and spans as UTF-8 byte offsets into `text`.
pub fn extract_statements(text: &str) -> Vec<Statement> {
    let (doc, raws, statements) = unfiltered(text);
    match StatementModel::get() {
        Some(model) => filter(&doc, &raws, statements, model),
        None => statements,
    }
}

/// Every statement of `text`, unfiltered, with the features the statement
/// model judges it by (`None` for those it never drops): the statement
/// model's training examples.
pub fn statements_with_features(text: &str) -> Vec<(Statement, Option<Vec<String>>)> {
    let (doc, raws, statements) = unfiltered(text);
    let context = statement_model::Context::new(&doc, &raws);
    let features: Vec<Option<Vec<String>>> = (0..raws.len())
        .map(|k| {
            judged(&doc, &raws[k])
                .then(|| statement_model::feature_names(&doc, &context, &raws, &statements, k))
        })
        .collect();
    statements.into_iter().zip(features).collect()
}

/// Whether the statement model judges this statement.
fn judged(doc: &Doc, r: &Raw) -> bool {
    statement_model::judges(doc.lex.entries[r.cue.entry].class)
}

/// The document, every statement the rules find (in text order), and those
/// statements built, before the statement model's filter.
pub(crate) fn unfiltered(text: &str) -> (Doc<'_>, Vec<Raw>, Vec<Statement>) {
    let mut doc = Doc::new(text);
    let hits = cues(&doc);
    for h in &hits {
        for m in doc.cue_mark.iter_mut().take(h.last).skip(h.first) {
            *m = true;
        }
    }
    let mut raws = find(&doc, &hits);
    raws.sort_by_key(|r| (r.cue.first, r.content.0));
    let statements = build(&doc, &raws);
    (doc, raws, statements)
}

/// The statements the statement model keeps (or does not judge),
/// renumbered `s1`, `s2`...
fn filter(
    doc: &Doc,
    raws: &[Raw],
    statements: Vec<Statement>,
    model: &StatementModel,
) -> Vec<Statement> {
    let context = statement_model::Context::new(doc, raws);
    let keep: Vec<bool> = (0..raws.len())
        .map(|k| !judged(doc, &raws[k]) || model.keeps(doc, &context, raws, &statements, k))
        .collect();
    statements
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .enumerate()
        .map(|(n, s)| Statement {
            id: format!("s{}", n + 1),
            ..s
        })
        .collect()
}

/// A cue found in the text: tokens `first..last` and its lexicon entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) entry: usize,
    /// For a noun cue: the possessor's "'s" token or the light verb
    /// ("made a claim") that leads to its speaker.
    pub(crate) noun: Option<NounLead>,
}

/// How a noun cue finds its speaker.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NounLead {
    /// "X's claim that", "his claim that": the token index of "'s" or of
    /// the possessive pronoun.
    Possessor(usize),
    /// "X made a claim that": the light verb's token index.
    LightVerb(usize),
    /// "the claim that": no speaker.
    Bare,
}

/// A statement in token ranges (end exclusive), before resolution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw {
    pub(crate) speaker: Option<(usize, usize)>,
    pub(crate) cue: CueHit,
    pub(crate) content: (usize, usize),
}

/// Back from token `j` over lowercase `skippable` words ("has also
/// said"), not below `lo`.
fn skip_back(doc: &Doc, mut j: usize, lo: usize) -> usize {
    while j > lo && doc.is_word(j - 1) && !doc.upper(j - 1) && skippable(doc.lw(j - 1)) {
        j -= 1;
    }
    j
}

/// Words skipped between a speaker and its cue ("has also said").
fn skippable(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "also"
            | "was"
            | "is"
            | "were"
            | "are"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "later"
            | "then"
            | "again"
            | "once"
            | "still"
            | "just"
            | "first"
            | "even"
            | "only"
            | "now"
            | "since"
            | "ever"
            | "always"
            | "often"
            | "too"
            | "long"
            | "had long"
    ) || (w.len() > 4 && w.ends_with("ly") && w != "italy" && w != "sally")
        // "didn't", "doesn’t", "won't": negated auxiliaries.
        || (w.len() > 3 && (w.ends_with("n't") || w.ends_with("n’t")))
}

/// Words passed over between a subject and its cue: [`skippable`] ones,
/// degree adverbs (`was more measured`, `are well known`, `wasn't so much
/// saying`, `has yet figured out`), verbs that take a gerund (`began
/// writing`, `have all but stopped confirming`) and the verb of a phrasal
/// cue (`has spoken out`).
fn passable(doc: &Doc, k: usize, cue_first: usize) -> bool {
    let w = doc.lw(k);
    skippable(w)
        || matches!(
            w,
            "more"
                | "less"
                | "so"
                | "much"
                | "well"
                | "yet"
                | "outright"
                | "began"
                | "begun"
                | "begin"
                | "begins"
                | "started"
                | "start"
                | "starts"
                | "stopped"
                | "stop"
                | "stops"
                | "continued"
                | "continue"
                | "continues"
                | "kept"
                | "keep"
                | "keeps"
        )
        || (w == "but" && k > 0 && doc.lw(k - 1) == "all" && k + 1 < cue_first)
        || (w == "all" && doc.lw(k + 1) == "but")
        // "Republican figures — whose ... — both suggested": after a dash or
        // comma closing an appositive.
        || (matches!(w, "both" | "all")
            && k > doc.sentence(k).first
            && separator(doc, k - 1))
        || (k + 1 == cue_first && doc.lw(cue_first) == "out")
}

/// Single-word interjections set off by commas ("X, however, said").
fn interjection(w: &str) -> bool {
    matches!(
        w,
        "however"
            | "meanwhile"
            | "though"
            | "too"
            | "also"
            | "instead"
            | "nonetheless"
            | "nevertheless"
            | "moreover"
            | "furthermore"
            | "separately"
            | "later"
            | "earlier"
            | "then"
            | "previously"
    )
}

/// Light verbs that take a noun cue: "made a claim", "issued a statement".
fn light_verb(w: &str) -> bool {
    matches!(
        w,
        "made"
            | "make"
            | "makes"
            | "making"
            | "issued"
            | "issue"
            | "issues"
            | "released"
            | "repeated"
            | "reiterated"
            | "renewed"
            | "offered"
            | "put"
    )
}

/// Finds every cue candidate outside quotations, longest form first.
pub(crate) fn cues(doc: &Doc) -> Vec<CueHit> {
    let model = crate::cue_model::CueModel::get();
    let mut out = Vec::new();
    let n = doc.len();
    let mut i = 0;
    while i < n {
        if doc.in_quote[i].is_some() {
            i += 1;
            continue;
        }
        if !doc.is_word(i) {
            if let Some(h) = colon_cue(doc, i).or_else(|| named_colon_cue(doc, i)) {
                out.push(h);
            }
            i += 1;
            continue;
        }
        if let Some(h) = colon_cue(doc, i)
            .or_else(|| survey_cue(doc, i))
            .or_else(|| view_cue(doc, i))
            .or_else(|| perspective_cue(doc, i))
        {
            out.push(h);
            i = h.last;
            continue;
        }
        if let Some(h) = noun_cue(doc, i) {
            out.push(h);
            i = h.last;
            continue;
        }
        let hit = doc.form_at_start(i).map(|f| CueHit {
            first: i,
            last: i + f.words.len(),
            entry: f.entry,
            noun: None,
        });
        let hit = match hit {
            // A lexicon cue; a weak one ("call", "show") unless the learned
            // share and the model both say this context rarely is one.
            Some(h) => {
                let share = doc
                    .word(i)
                    .and_then(|w| w.learned(|| (doc.prev_class(i), doc.next_class(i))))
                    .map(|(p, _)| p);
                let p = if doc.lex.entries[h.entry].weak {
                    let lex = crate::cue_model::form_status(true, h.last > h.first + 1);
                    let p = model.probability(doc, i, lex);
                    share.map_or(p, |x| x.max(p))
                } else {
                    share.unwrap_or(0.0)
                };
                let keep = share.is_none() || p >= REJECT_BELOW || h.last > h.first + 1;
                (keep && !inside_name(doc, h) && (p >= 0.5 || !noun_reading(doc, h))).then_some(h)
            }
            // A word the lexicon lacks but the model marks as a cue.
            None if crate::cue_model::candidate(doc, i)
                && model.may_be_cue(doc, i)
                // Noun cues ("statement", "claim") had their chance above.
                && doc.noun(i).is_none()
                && !function_word(doc, i)
                && !verb_cue_follows(doc, i + 1) =>
            {
                let p = model.probability(doc, i, "none");
                let h = CueHit {
                    first: i,
                    last: i + 1,
                    entry: doc.lex.learned_entry(doc.word(i)),
                    noun: None,
                };
                // "a snarky statement", "the campaign's initial statement": a
                // noun after a determiner (and an adjective) unless the
                // model says it is most likely a cue.
                let nominal = p < 0.5
                    && (noun_reading(doc, h)
                        || (i > 1 && doc.is_determiner(i - 2) && doc.is_word(i - 1)));
                (p >= ACCEPT_FROM && !inside_name(doc, h) && !nominal).then_some(h)
            }
            None => None,
        };
        let hit = hit.filter(|h| !(h.last == h.first + 1 && idiom(doc, h.first)));
        match hit {
            Some(h) => {
                out.push(h);
                i = h.last;
            }
            None => i += 1,
        }
    }
    out
}

/// Set phrases where a cue word does not report: "think tank", "talk
/// show", "show up", "found guilty", "found himself", "called off".
fn idiom(doc: &Doc, i: usize) -> bool {
    let w = doc.lw(i);
    let next = if i + 1 < doc.len() { doc.lw(i + 1) } else { "" };
    let prev = if i > 0 { doc.lw(i - 1) } else { "" };
    match w {
        "think" => matches!(next, "tank" | "tanks" | "twice"),
        // "the most telling promise", "all told".
        "telling" => matches!(
            prev,
            "most"
                | "more"
                | "very"
                | "particularly"
                | "especially"
                | "a"
                | "the"
                | "other"
                | "provide"
                | "provides"
        ),
        "told" => prev == "all",
        // A byline: "Smith reported from Washington."
        "reported" | "reporting" => next == "from" && i + 2 < doc.len() && doc.upper(i + 2),
        "show" | "shows" | "showed" | "showing" | "shown" => {
            matches!(next, "up" | "host" | "hosts" | "off")
                || matches!(
                    prev,
                    "talk"
                        | "award"
                        | "awards"
                        | "game"
                        | "reality"
                        | "slide"
                        | "radio"
                        | "tv"
                        | "television"
                        | "morning"
                        | "news"
                        | "comedy"
                        | "cooking"
                        | "road"
                )
        }
        "found" | "finds" | "find" => {
            matches!(
                next,
                "guilty"
                    | "dead"
                    | "slain"
                    | "himself"
                    | "herself"
                    | "itself"
                    | "themselves"
                    | "myself"
                    | "ourselves"
                    | "yourself"
                    | "ways"
                    | "time"
                    | "jobs"
                    | "work"
            ) || (next == "a" && i + 2 < doc.len() && doc.lw(i + 2) == "way")
        }
        "called" | "call" | "calls" | "calling" => {
            // "a company called Northwind", "a move called the boneless".
            let naming = w == "called"
                && i + 1 < doc.len()
                && (doc.upper(i + 1) || doc.kind(i + 1) == Kind::Open || next == "the")
                && (i.saturating_sub(5)..i).rev().any(|k| {
                    matches!(doc.lw(k), "a" | "an" | "one" | "another")
                        && (k + 1..i).all(|m| doc.is_word(m))
                });
            naming || matches!(next, "off" | "up" | "in")
        }
        _ => false,
    }
}

/// Whether a strong lexicon verb cue starts at token `i`: a learned cue
/// word just before it is its subject ("the statement said").
fn verb_cue_follows(doc: &Doc, i: usize) -> bool {
    i < doc.len()
        && doc
            .forms_starting(i)
            .iter()
            .any(|f| !doc.lex.entries[f.entry].weak && doc.form_at(i, f))
}

/// Words that are in cue spans only as part of a longer cue ("also said",
/// "talking about"): never a cue by themselves.
fn function_word(doc: &Doc, i: usize) -> bool {
    let w = doc.lw(i);
    skippable(w) || is_preposition(w) || doc.is_determiner(i) || w == "to"
}

/// A weak lexicon cue is dropped where the cue model's probability is below
/// this.
const REJECT_BELOW: f32 = 0.2;
/// A word outside the lexicon is a cue where the cue model's probability
/// reaches this (tuned by cross-validation on train: `tools/cue_cv.py`).
const ACCEPT_FROM: f32 = 0.4;

/// Labels before a colon that are not speakers.
fn colon_label(w: &str) -> bool {
    matches!(
        w,
        "q" | "a"
            | "note"
            | "update"
            | "updated"
            | "photo"
            | "related"
            | "watch"
            | "read"
            | "more"
            | "editor"
            | "source"
            | "sources"
            | "credit"
            | "video"
            | "image"
            | "breaking"
            | "exclusive"
            | "opinion"
            | "analysis"
            | "live"
            | "listen"
            | "see"
            | "also"
            | "correction"
            | "warning"
            | "topics"
            | "tags"
            | "share"
            | "by"
            | "advertisement"
            | "look"
            | "plus"
            | "revealed"
            | "reports"
            | "confirmed"
            | "latest"
            | "twitter"
            | "facebook"
            | "instagram"
            | "email"
            | "e-mail"
            | "follow"
            | "contributing"
            | "bombshell"
            | "just"
            | "wow"
            | "boom"
            | "fix"
            | "is"
    )
}

/// "Sanders: Endorsements prove ...": a short name, a colon, then content,
/// at the start of a sentence.
fn colon_cue(doc: &Doc, i: usize) -> Option<CueHit> {
    if doc.w(i) != ":" || doc.kind(i) != Kind::Punct {
        return None;
    }
    let s = doc.sentence(i);
    let n = i - s.first;
    // A title (the first line, or a title-case line) may name its speaker
    // more loosely: "Clinton camp: ...", "Dr. Ben Carson: ...", "Former AG
    // Mukasey at RNC: ...".
    let title = s.first == 0 || doc.in_headline(i);
    let max = if title { 7 } else { 4 };
    if !(1..=max).contains(&n) || i + 2 >= s.last {
        return None;
    }
    let names = if title {
        doc.upper(s.first)
            && (s.first..i).all(|k| {
                (doc.is_word(k) && !colon_label(doc.lw(k)))
                    || doc.w(k) == "."
                    || doc.lw(k) == "'s"
                    || doc.lw(k) == "’s"
            })
            && (s.first..i)
                .filter(|&k| doc.is_word(k) && doc.upper(k))
                .count()
                * 2
                >= n
    } else {
        (s.first..i).all(|k| {
            (doc.is_word(k)
                && doc.upper(k)
                && !colon_label(doc.lw(k))
                && !doc.lex.is_abbreviation(doc.w(k)))
                || (doc.lw(k) == "'s" || doc.lw(k) == "’s")
        })
    };
    if !names || doc.is_determiner(s.first) {
        return None;
    }
    // "Nevada: 1,501", "Twitter: @handle", "Contributing: A, B and C": a
    // figure, a handle or a list of names is not a statement.
    let next = doc.w(i + 1);
    if next.starts_with(|ch: char| ch.is_ascii_digit() || ch == '@' || ch == '#') {
        return None;
    }
    let commas = (i + 1..s.last).filter(|&k| doc.w(k) == ",").count();
    let listed = commas >= 2
        && (i + 1..s.last).all(|k| {
            doc.w(k) != "," || (k + 1 < s.last && (doc.upper(k + 1) || doc.lw(k + 1) == "and"))
        });
    if listed {
        return None;
    }
    Some(CueHit {
        first: i,
        last: i + 1,
        entry: doc.lex.entry("say (colon)")?,
        noun: None,
    })
}

/// The name before a colon that opens a quotation, after a dash or "More
/// from": "What the polls missed - Jane Roe and Tom Poe: “...”". Returns
/// the first token of the name.
fn colon_name(doc: &Doc, colon: usize) -> Option<usize> {
    if doc.w(colon) != ":" || colon + 1 >= doc.len() || doc.kind(colon + 1) != Kind::Open {
        return None;
    }
    let lo = doc.sentence(colon).first;
    let mut a = colon;
    while a > lo && colon - a < 8 {
        let k = a - 1;
        let part = (doc.is_word(k) && doc.upper(k))
            || (doc.w(k) == "." && a < colon)
            || (doc.lw(k) == "and" && a < colon && doc.upper(a));
        if !part {
            break;
        }
        a = k;
    }
    if a == colon || !doc.upper(a) || a == lo {
        return None;
    }
    let before = doc.w(a - 1);
    let dash = matches!(before, "-" | "—" | "–" | "--");
    let more_from = doc.lw(a - 1) == "from" && a >= lo + 2 && doc.lw(a - 2) == "more";
    (dash || more_from).then_some(a)
}

fn named_colon_cue(doc: &Doc, i: usize) -> Option<CueHit> {
    colon_name(doc, i)?;
    Some(CueHit {
        first: i,
        last: i + 1,
        entry: doc.lex.entry("say (named colon)")?,
        noun: None,
    })
}

/// "In a new Quinnipiac poll, ...": the poll is the source of the clause.
/// Later in a sentence, "X leads in a new CNN poll" reports the clause
/// before "in" (see `poll_after_in`).
fn survey_cue(doc: &Doc, i: usize) -> Option<CueHit> {
    let s = doc.sentence(i);
    if doc.lw(i) != "in" {
        return None;
    }
    let entry = doc.lex.entry("in (survey)")?;
    let hit = CueHit {
        first: i,
        last: i + 1,
        entry,
        noun: None,
    };
    if i != s.first {
        return poll_after_in(doc, i).map(|_| hit);
    }
    let comma = (i + 1..s.last.min(i + 12)).find(|&k| doc.w(k) == ",")?;
    // "In a CNN poll released Monday, ...": the poll noun may come before
    // a participle or time phrase.
    if (i + 1..comma).any(|k| matches!(doc.lw(k), "poll" | "survey")) {
        return Some(hit);
    }
    let head = doc.lw(comma - 1);
    if !matches!(
        head,
        "poll"
            | "polls"
            | "survey"
            | "surveys"
            | "study"
            | "report"
            | "analysis"
            | "review"
            | "audit"
            | "census"
            | "tally"
            | "count"
            | "forecast"
            | "model"
    ) {
        return None;
    }
    Some(hit)
}

/// "in Bolton's view", "In their view", "in the view of X": the holder of a
/// view. The cue runs from "in" to "view".
fn view_cue(doc: &Doc, i: usize) -> Option<CueHit> {
    let s = doc.sentence(i);
    if doc.lw(i) != "in" || i + 2 >= s.last {
        return None;
    }
    // "in their view", "in the view of X".
    let the_view_of = doc.lw(i + 1) == "the"
        && i + 3 < s.last
        && doc.lw(i + 2) == "view"
        && doc.lw(i + 3) == "of";
    let view = if the_view_of
        || matches!(
            doc.lw(i + 1),
            "my" | "his" | "her" | "their" | "our" | "its"
        ) {
        i + 2
    } else {
        // "in Bolton's view", "in Professor Knittel's view".
        let apos = (i + 1..s.last.min(i + 5)).find(|&k| matches!(doc.lw(k), "'s" | "’s"))?;
        if !(i + 1..apos).all(|k| doc.is_word(k) && doc.upper(k)) {
            return None;
        }
        apos + 1
    };
    if doc.lw(view) != "view" {
        return None;
    }
    Some(CueHit {
        first: i,
        last: view + 1,
        entry: doc.lex.entry("in (view)")?,
        noun: None,
    })
}

/// "To Sanders, X", "To them, X", "To many voters, X" opening a sentence:
/// X as they see it. The cue is "To", the source the phrase before the
/// comma, which must name people (a name, a pronoun, a quantified noun).
fn perspective_cue(doc: &Doc, i: usize) -> Option<CueHit> {
    let s = doc.sentence(i);
    if i != s.first || doc.lw(i) != "to" || i + 3 >= s.last {
        return None;
    }
    let comma = (i + 1..s.last.min(i + 10)).find(|&k| doc.w(k) == ",")?;
    if comma < i + 2 || comma + 2 >= s.last {
        return None;
    }
    let first = i + 1;
    let w = doc.lw(first);
    let people = matches!(
        w,
        "them" | "him" | "her" | "me" | "us" | "many" | "some" | "others" | "most"
    ) || (doc.upper(first) && !time_word(w) && !doc.is_determiner(first));
    if !people || !(first..comma).all(|k| doc.is_word(k) || doc.w(k) == ".") {
        return None;
    }
    Some(CueHit {
        first: i,
        last: i + 1,
        entry: doc.lex.entry("to (perspective)")?,
        noun: None,
    })
}

/// "in a new CNN poll", "in the latest NBC News/Wall Street Journal
/// survey", "in Monday's poll" after its clause: the end of the poll's noun
/// phrase (past the noun), when `i` is such an "in". A determiner that
/// names one poll is required; "in the polls" is mostly no attribution.
fn poll_after_in(doc: &Doc, i: usize) -> Option<usize> {
    let s = doc.sentence(i);
    let mut k = i + 1;
    if k + 1 >= s.last {
        return None;
    }
    match doc.lw(k) {
        "a" | "an" | "another" => k += 1,
        "the" if matches!(doc.lw(k + 1), "latest" | "new" | "same" | "most") => k += 1,
        _ if k + 1 < s.last && matches!(doc.lw(k + 1), "'s" | "’s") && doc.upper(k) => k += 2,
        _ => return None,
    }
    let start = k;
    while k < s.last && k < start + 7 {
        let w = doc.lw(k);
        if matches!(w, "poll" | "survey") {
            return Some(k + 1);
        }
        let modifier = matches!(
            w,
            "latest" | "recent" | "most" | "new" | "national" | "statewide" | "same" | "online"
        ) || (doc.is_word(k) && (doc.upper(k) || w.contains('-')))
            || matches!(w, "/" | "-" | "–" | "&");
        if !modifier {
            return None;
        }
        k += 1;
    }
    None
}

/// A noun cue with a content clause: "X's claim that", "made a bizarre
/// claim that", "the allegation that".
fn noun_cue(doc: &Doc, i: usize) -> Option<CueHit> {
    let entry = doc.noun(i)?;
    let n = doc.len();
    if !(i + 1 < n
        && (doc.lw(i + 1) == "that" || doc.kind(i + 1) == Kind::Open || doc.w(i + 1) == ":"))
    {
        return hearsay_noun(doc, i, entry);
    }
    if doc.lw(i + 1) == "that" && relative_that(doc, i + 1) {
        return None;
    }
    // Back over up to two adjectives to a determiner or possessive.
    let mut k = i;
    let lo = doc.sentence(i).first;
    let mut det = None;
    while k > lo && i - k < 4 {
        k -= 1;
        if doc.is_determiner(k) {
            det = Some(k);
            break;
        }
        if !doc.is_word(k) || doc.upper(k) || doc.np_boundary(k) {
            break;
        }
    }
    let lead = match det {
        Some(d) if matches!(doc.lw(d), "'s" | "’s") => NounLead::Possessor(d),
        Some(d) if d > lo && light_verb(doc.lw(d - 1)) => NounLead::LightVerb(d - 1),
        // "his claim that", "her repeated insistence that": the pronoun
        // speaks ("her allies fear that" is a plural subject and its verb).
        Some(d)
            if possessive_pronoun(doc.lw(d))
                && (d + 1..i).all(|k| !doc.lw(k).ends_with('s') || doc.lw(k).ends_with("ous")) =>
        {
            NounLead::Possessor(d)
        }
        // Without a speaker, only distancing nouns ("the claim that ...")
        // make a statement; "a statement that" is usually not one.
        Some(_) if doc.lex.entries[entry].class == CueClass::Claim => NounLead::Bare,
        // "the news that ...", "the rumours that ...": hearsay with no
        // speaker.
        // ("the agency reports that": a verb after its subject, unless a
        // usual modifier of the noun stands between.)
        Some(d)
            if hearsay(doc.lw(i))
                && doc.lw(i + 1) == "that"
                && (d + 1 == i
                    || !matches!(doc.lw(i), "report" | "reports")
                    || matches!(
                        doc.lw(i - 1),
                        "latest"
                            | "new"
                            | "recent"
                            | "earlier"
                            | "initial"
                            | "unconfirmed"
                            | "media"
                            | "press"
                            | "news"
                            | "conflicting"
                            | "several"
                            | "many"
                            | "numerous"
                    )) =>
        {
            NounLead::Bare
        }
        Some(_) => return None,
        None if i > lo && light_verb(doc.lw(i - 1)) => NounLead::LightVerb(i - 1),
        // "amid speculation that ...", "Reports that ... spread": hearsay
        // with no speaker and no determiner.
        None if doc.lw(i + 1) == "that" && bare_hearsay(doc, i) => NounLead::Bare,
        None => return None,
    };
    let first = match lead {
        NounLead::LightVerb(v) => v,
        _ => i,
    };
    Some(CueHit {
        first,
        last: i + 1,
        entry,
        noun: Some(lead),
    })
}

/// "his", "her", "their", ...: a possessive determiner that names a speaker.
fn possessive_pronoun(w: &str) -> bool {
    matches!(w, "his" | "her" | "their" | "its" | "our" | "my" | "your")
}

/// Nouns naming hearsay, whose content clause is a claim no one in the
/// sentence vouches for: "news that", "rumours that", "speculation that".
fn hearsay(w: &str) -> bool {
    matches!(
        w,
        "news"
            | "rumour"
            | "rumours"
            | "rumor"
            | "rumors"
            | "speculation"
            | "report"
            | "reports"
            | "claims"
            | "allegations"
            | "suggestions"
    )
}

/// A hearsay noun without a determiner heads a noun phrase ("amid
/// speculation that", "Reports that ... spread") rather than being a verb
/// ("the firm reports that"): at the start of its sentence, after a
/// preposition, a comma or a lower-case verb-like word for the nouns that
/// are no verbs.
fn bare_hearsay(doc: &Doc, i: usize) -> bool {
    let w = doc.lw(i);
    if !hearsay(w) {
        return false;
    }
    let lo = doc.sentence(i).first;
    if i == lo {
        return true;
    }
    let p = doc.lw(i - 1);
    // ("and claims that" is a coordinated verb.)
    if is_preposition(p) || matches!(p, "amid" | "following" | "despite" | "over") {
        return true;
    }
    // "claims", "reports": verbs after a subject; the others are nouns
    // wherever they stand, except inside a name ("Fox News").
    let verb_like = matches!(w, "claims" | "reports" | "report");
    let in_name = doc.upper(i) || (doc.upper(i - 1) && i - 1 > lo);
    !(verb_like || in_name)
}

/// "that" opening a relative clause ("the report that was published"),
/// not a content clause.
fn relative_that(doc: &Doc, k: usize) -> bool {
    k + 1 < doc.len()
        && (doc.is_auxiliary(k + 1)
            || matches!(
                doc.lw(k + 1),
                "appeared"
                    | "appears"
                    | "seemed"
                    | "seems"
                    | "claimed"
                    | "said"
                    | "started"
                    | "emerged"
                    | "surfaced"
                    | "circulated"
                    | "spread"
                    | "began"
                    | "went"
                    | "came"
                    | "sparked"
                    | "prompted"
                    | "caused"
            ))
}

/// Hearsay with its content a little way off: "speculation earlier in the
/// day that X", "rumours erupted that X", "rumors swirled about X". The cue
/// runs to the word before "that"/"about"; no speaker.
fn hearsay_noun(doc: &Doc, i: usize, entry: usize) -> Option<CueHit> {
    let w = doc.lw(i);
    if !matches!(
        w,
        "news" | "rumour" | "rumours" | "rumor" | "rumors" | "speculation"
    ) {
        return None;
    }
    let lo = doc.sentence(i).first;
    let hi = doc.sentence(i).last;
    // Not "the rumour's", "his speculation": only bare or "the"/"a" nouns,
    // and not as a modifier ("news conference").
    if i > lo && (doc.lw(i - 1).ends_with("'s") || doc.lw(i - 1).ends_with("’s")) {
        return None;
    }
    let spread = |v: &str| {
        matches!(
            v,
            "erupted"
                | "swirled"
                | "circulated"
                | "spread"
                | "surfaced"
                | "emerged"
                | "grew"
                | "mounted"
                | "began"
                | "started"
                | "abounded"
                | "intensified"
                | "persisted"
        )
    };
    let mut k = i + 1;
    while k < hi && k < i + 6 {
        if !doc.is_word(k) || doc.cue_mark[k] {
            return None;
        }
        let v = doc.lw(k);
        if v == "that" && !relative_that(doc, k) && k > i + 1 {
            break;
        }
        if v == "about" && k == i + 2 && spread(doc.lw(i + 1)) {
            break;
        }
        // Only a time phrase or a spreading verb in between.
        let filler = spread(v)
            || matches!(
                v,
                "earlier"
                    | "later"
                    | "in"
                    | "on"
                    | "the"
                    | "day"
                    | "week"
                    | "month"
                    | "year"
                    | "last"
                    | "this"
                    | "today"
                    | "yesterday"
                    | "recently"
                    | "again"
                    | "also"
                    | "for"
                    | "weeks"
                    | "months"
                    | "days"
                    | "had"
                    | "have"
                    | "has"
            );
        if !filler {
            return None;
        }
        k += 1;
    }
    if k >= hi.min(i + 6) {
        return None;
    }
    // Content must follow.
    if k + 2 >= hi {
        return None;
    }
    Some(CueHit {
        first: i,
        last: k,
        entry,
        noun: Some(NounLead::Bare),
    })
}

/// A capitalised cue word inside a name ("United States"), outside headlines.
fn inside_name(doc: &Doc, h: CueHit) -> bool {
    let i = h.first;
    if !doc.upper(i) || doc.in_headline(i) {
        return false;
    }
    let s = doc.sentence(i);
    i > s.first && doc.kind(i - 1) != Kind::Open && doc.upper(i - 1)
}

/// A cue word used as a noun ("the report", "a show") is not a verb cue.
fn noun_reading(doc: &Doc, h: CueHit) -> bool {
    if doc.lex.entries[h.entry].lemma == "according to" {
        return false;
    }
    h.first > 0 && doc.is_determiner(h.first - 1)
}

/// The noun phrase that ends just before `end`, not reaching before `lo`.
fn np_left(doc: &Doc, end: usize, lo: usize) -> Option<(usize, usize)> {
    let mut i = end;
    while i > lo && end - i < 10 && !doc.np_boundary(i - 1) {
        i -= 1;
    }
    if i == end {
        return None;
    }
    if is_preposition(doc.lw(i)) && i > lo && matches!(doc.lw(i - 1), "and" | "but") {
        // "... and in an interview said": a phrase, not a subject.
        return Some((i, end));
    }
    Some(trim_np(doc, i, end))
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "during"
            | "for"
            | "from"
            | "with"
            | "after"
            | "before"
            | "by"
            | "of"
            | "about"
            | "over"
            | "under"
            | "despite"
            | "since"
            | "until"
            | "amid"
            | "following"
            | "without"
            | "through"
            | "throughout"
            | "into"
            | "last"
    )
}

/// "Romney, who campaigned on X and sought Y", "Weaver, who came out and
/// endorsed Clinton": a verb coordinated inside a relative clause has the
/// relative pronoun as its subject. The clause must run unbroken from the
/// pronoun to the "and"/"but".
fn coordinated_relative(doc: &Doc, cue_first: usize, lo: usize) -> Option<(usize, usize)> {
    let mut j = cue_first;
    while j > lo && doc.is_word(j - 1) && !doc.upper(j - 1) && passable(doc, j - 1, cue_first) {
        j -= 1;
    }
    if j <= lo || !matches!(doc.lw(j - 1), "and" | "but") {
        return None;
    }
    // "a man who has neglected his duties, and urged": the comma closes
    // the relative clause.
    let end = j - 1;
    let mut k = end;
    while k > lo && end - k < 25 {
        k -= 1;
        let w = doc.lw(k);
        if matches!(w, "who" | "which") {
            // "questions on who Cameron would like": an interrogative.
            let relative = k > lo && !is_preposition(doc.lw(k - 1)) && !doc.cue_mark[k - 1];
            return (relative && k + 1 < end).then_some((k, k + 1));
        }
        if !doc.is_word(k) && !matches!(doc.w(k), "-" | "'" | "’" | "(" | ")" | "." | "$" | "%") {
            return None;
        }
        if doc.cue_mark[k] && k + 1 < end && doc.lw(k + 1) == "that" {
            // "who said he is friendly with X but took issue": the clause
            // reported inside is passed over.
            continue;
        }
    }
    None
}

/// "... when he brought up the bombing and later said", "as they pushed
/// against X and encouraged": the pronoun subject opening the clause the
/// first verb belongs to, when no cue stands between it and the "and".
fn clause_pronoun(doc: &Doc, cue_first: usize, lo: usize) -> Option<(usize, usize)> {
    let mut j = cue_first;
    while j > lo && doc.is_word(j - 1) && !doc.upper(j - 1) && passable(doc, j - 1, cue_first) {
        j -= 1;
    }
    if j <= lo || !matches!(doc.lw(j - 1), "and" | "but") {
        return None;
    }
    let conj = j - 1;
    let mut k = conj;
    while k > lo && conj - k < 20 {
        k -= 1;
        if doc.cue_mark[k] || doc.is_final(k) || matches!(doc.w(k), ";" | ":") {
            return None;
        }
        if matches!(doc.lw(k), "he" | "she" | "they" | "we" | "i") {
            let opens = k == lo
                || matches!(
                    doc.lw(k - 1),
                    "as" | "when"
                        | "while"
                        | "because"
                        | "though"
                        | "although"
                        | "if"
                        | ","
                        | "and"
                        | "but"
                        | "then"
                );
            return opens.then_some((k, k + 1));
        }
    }
    None
}

/// Whether the cue's verb is coordinated with an earlier one: "... and
/// said", "but in an interview said": its subject is the earlier verb's.
fn coordinated(doc: &Doc, cue_first: usize, lo: usize) -> bool {
    let mut j = cue_first;
    while j > lo && doc.is_word(j - 1) && !doc.upper(j - 1) && passable(doc, j - 1, cue_first) {
        j -= 1;
    }
    if j > lo && matches!(doc.lw(j - 1), "and" | "but") {
        return j - 1 > lo;
    }
    // A short prepositional phrase between: "but in a later interview said".
    let mut k = j;
    while k > lo && j - k < 7 && doc.is_word(k - 1) {
        k -= 1;
        if is_preposition(doc.lw(k)) {
            return k > lo + 1 && matches!(doc.lw(k - 1), "and" | "but");
        }
    }
    false
}

/// Drops a leading time or place phrase ("On Sunday the ministry").
fn trim_np(doc: &Doc, a: usize, b: usize) -> (usize, usize) {
    let lead = doc.lw(a);
    if matches!(
        lead,
        "on" | "in"
            | "at"
            | "during"
            | "for"
            | "from"
            | "with"
            | "after"
            | "last"
            | "earlier"
            | "later"
            | "this"
            | "next"
            | "by"
            | "of"
            | "about"
            | "over"
    ) {
        if let Some(k) = (a + 1..b)
            .rev()
            .find(|&k| matches!(doc.lw(k), "the" | "a" | "an"))
        {
            return (k, b);
        }
        if b - a > 2 {
            return (a + 2, b);
        }
    }
    (a, b)
}

/// The noun phrase that starts at `start`, not reaching `hi`.
fn np_right(doc: &Doc, start: usize, hi: usize) -> Option<(usize, usize)> {
    let mut i = start;
    while i < hi && i - start < 10 && !doc.np_boundary(i) {
        i += 1;
    }
    while i > start && doc.is_final(i - 1) {
        i -= 1;
    }
    (i > start).then_some((start, i))
}

/// The speaker to the left of a cue: "X said", "X, the commander of Y,
/// said", "X, who ..., said", "X, however, said", "X (R-Texas) said".
fn speaker_left(doc: &Doc, cue_first: usize, lo: usize) -> Option<(usize, usize)> {
    let mut j = cue_first;
    loop {
        while j > lo && doc.is_word(j - 1) && !doc.upper(j - 1) && passable(doc, j - 1, cue_first) {
            j -= 1;
        }
        // "Trump last year proposed", "X on Tuesday said", "X, had already
        // endorsed": a time adverbial between the subject and its verb.
        if let Some(k) = time_tail(doc, j, lo) {
            j = k;
            continue;
        }
        if j >= lo + 3 && doc.w(j - 1) == "," && interjection(doc.lw(j - 2)) && doc.w(j - 3) == ","
        {
            j -= 3;
            continue;
        }
        // "The campaign had, earlier Tuesday, sent", "X, on Wednesday,
        // added": a time set off by commas.
        if j >= lo + 3 && doc.w(j - 1) == "," {
            if let Some(k) =
                time_tail(doc, j - 1, lo).filter(|&k| k > lo + 1 && doc.w(k - 1) == ",")
            {
                j = k - 1;
                continue;
            }
        }
        // ", so far,", ", in fact,", ", through a spokeswoman,": a short
        // lowercase phrase set off by commas.
        if j >= lo + 4 && doc.w(j - 1) == "," {
            let open = (j.saturating_sub(6).max(lo)..j - 1)
                .rev()
                .find(|&k| doc.w(k) == ",");
            if let Some(k) = open {
                let words = k + 1..j - 1;
                let lead = doc.lw(k + 1);
                if words.len() >= 2
                    && words.clone().all(|m| doc.is_word(m) && !doc.upper(m))
                    && (is_preposition(lead)
                        || matches!(lead, "so" | "through" | "as" | "once" | "at"))
                    && k > lo
                    && doc.is_word(k - 1)
                {
                    j = k;
                    continue;
                }
            }
        }
        break;
    }
    if j == lo {
        return None;
    }
    if matches!(doc.lw(j - 1), "who" | "which") {
        return Some((j - 1, j));
    }
    // "“...,” said X" is not a speaker chain, but "X, who calls Y a
    // “liar,” said" is: a closing quote after a comma acts as the comma.
    let comma_quote = doc.kind(j - 1) == Kind::Close && j >= lo + 2 && doc.w(j - 2) == ",";
    if comma_quote {
        let q = doc.quote(j - 1)?;
        if q.open <= lo || separator(doc, q.open - 1) {
            return None;
        }
    }
    if !separator(doc, j - 1) && !comma_quote {
        let mut np = np_left(doc, j, lo)?;
        // "who in two earlier opinions had made clear", "who last year
        // threatened": the relative pronoun speaks, not the adverbial.
        if let Some(w) = (np.0.saturating_sub(3).max(lo)..np.0)
            .rev()
            .find(|&k| matches!(doc.lw(k), "who" | "which"))
        {
            let lead = doc.lw(w + 1);
            if (w + 1..np.1).all(|k| doc.is_word(k) && !doc.upper(k))
                && (is_preposition(lead) || matches!(lead, "last" | "this" | "earlier" | "later"))
            {
                return Some((w, w + 1));
            }
        }
        // "officials who spoke with the Post said", "an aide who asked not
        // to be named said", "economists who favor the tax agree", "a
        // source speaking to the Post said": a restrictive relative clause
        // (or a participle phrase) on the subject is passed over to its
        // head. The relative verb may be a cue itself; no cue may follow it.
        let modifier = |relative: bool| {
            (np.0.saturating_sub(12).max(lo + 1)..np.0)
                .rev()
                .take_while(|&k| doc.is_word(k) || matches!(doc.w(k), "'" | "’" | "-"))
                .find(|&k| {
                    if relative {
                        doc.lw(k) == "who"
                    } else {
                        gerund(doc.w(k))
                    }
                })
        };
        // "who said he would": a pronoun opens a clause of its own.
        let pronoun = np.1 == np.0 + 1
            && matches!(
                doc.lw(np.0),
                "he" | "she" | "they" | "we" | "i" | "you" | "it"
            );
        let relative = modifier(true).filter(|_| !pronoun);
        if let Some(w) = relative.or_else(|| modifier(false).filter(|_| !pronoun)) {
            let lead = doc.lw(w + 1);
            let verbish = if relative.is_none() {
                // "voters heading to the polls say", but not "hitting Trump
                // after he said": only "to" may break the participle phrase.
                !(w + 1..j).any(|k| doc.cue_mark[k] || (doc.np_boundary(k) && doc.lw(k) != "to"))
            } else {
                w + 1 < j
                    && doc.is_word(w + 1)
                    && !doc.upper(w + 1)
                    && !doc.is_determiner(w + 1)
                    && !matches!(lead, "he" | "she" | "they" | "we" | "i" | "you" | "it")
                    && !is_preposition(lead)
                    && !time_word(lead)
                    && !matches!(lead, "is" | "are" | "was" | "were" | "has" | "have" | "had")
                    && !(w + 2..j).any(|k| doc.cue_mark[k])
            };
            if verbish {
                if let Some(subject) = np_left(doc, w, lo) {
                    let head_ok = !is_preposition(doc.lw(subject.0))
                        && (subject.0 == lo
                            || !doc.is_word(subject.0 - 1)
                            || doc.lw(subject.0 - 1) == "and");
                    if head_ok {
                        return Some((subject.0, np.1));
                    }
                }
            }
        }
        // "X, whose office has been locked in talks about", "X would almost
        // certainly have provided the vote for": a cue inside the object of
        // another verb is that verb's subject's.
        if let Some(subject) = predicate_subject(doc, np, cue_first, lo) {
            return Some(subject);
        }
        // "critics have in particular noted", "insiders are now more
        // convinced": a short adverbial after an auxiliary is passed over
        // (not a pronoun after "since": "costs since he announced"; nor the
        // noun a participle cue follows after an expletive "there": "There
        // is no record showing").
        if !pronoun
            && np.1 - np.0 <= 3
            && np.0 > lo + 1
            && (np.0..np.1).all(|k| doc.is_word(k) && !doc.upper(k))
            && doc.is_word(np.0 - 1)
            && skippable(doc.lw(np.0 - 1))
        {
            let k = skip_back(doc, np.0, lo);
            if k > lo && !separator(doc, k - 1) {
                if let Some(subject) = np_left(doc, k, lo) {
                    let expletive = subject.1 == subject.0 + 1 && doc.lw(subject.0) == "there";
                    if !(expletive && doc.lw(cue_first).ends_with("ing")) {
                        np = subject;
                    }
                }
            }
        }
        if is_preposition(doc.lw(np.0)) && np.0 > lo && matches!(doc.lw(np.0 - 1), "and" | "but") {
            return None;
        }
        // "Sanders was on CNN talking about", "who like many others did not
        // want": a phrase opening with "on" or "like" is an adverbial; the
        // subject stands before it. ("Half of the voters", "three in 10",
        // "with polls showing" are not.)
        if matches!(doc.lw(np.0), "on" | "like") && np.0 > lo {
            if let Some(subject) = speaker_left(doc, np.0, lo)
                .filter(|s| !is_preposition(doc.lw(s.0)) && doc.lw(s.0) != "like")
            {
                return Some(subject);
            }
        }
        return Some(np);
    }
    let j = if comma_quote { j - 1 } else { j };
    // Comma- or dash-separated segments before the cue: appositives and
    // relative clauses are passed over to the noun phrase that starts the
    // chain ("Giovanni Maria Vian, the editor of X, Y, said").
    let seg_end = j - 1;
    let mut end = seg_end;
    let mut best = None;
    for _ in 0..5 {
        let mut k = end;
        while k > lo && seg_end - k < 45 && !separator(doc, k - 1) {
            if doc.kind(k - 1) == Kind::Close {
                // `- who once said he would "bomb the" oil fields - said`: a
                // quotation inside a dash-set segment is passed over.
                let inner = doc.quote(k - 1).filter(|q| {
                    q.open > lo + 1
                        && !separator(doc, q.open - 1)
                        && doc.is_word(q.open - 1)
                        && (lo..q.open)
                            .rev()
                            .find(|&m| separator(doc, m))
                            .is_some_and(|m| matches!(doc.w(m), "-" | "—" | "–" | "--"))
                });
                match inner {
                    Some(q) => {
                        k = q.open;
                        continue;
                    }
                    None => break,
                }
            }
            k -= 1;
        }
        if k == end {
            break;
        }
        let first = doc.lw(k);
        let more = k > lo && separator(doc, k - 1);
        // "Bret Stephens, who, after trading insults with X, said": the
        // relative pronoun set off alone is the cue's subject.
        if end == k + 1 && end < seg_end && matches!(first, "who" | "which") && more {
            return Some((k, k + 1));
        }
        if doc.kind(k) == Kind::Open {
            // A quoted title inside an appositive chain, else quoted content.
            if more && end != seg_end {
                end = k - 1;
                continue;
            }
            break;
        }
        let clean_words = (k..end).all(|x| !doc.np_boundary(x) || doc.lw(x) == "and");
        // Only a segment set off on both sides is an appositive; the first
        // one is the head ("The official, who ..., said").
        let appositive = more
            && (matches!(first, "who" | "which" | "whose" | "the" | "a" | "an")
                || (k..end).any(|x| doc.is_role(x))
                || (doc.is_word(k) && !doc.upper(k) && first != "and" && clean_words)
                // "X, appearing on Fox News, said", "X, in a statement, said".
                || (doc.is_word(k)
                    && !doc.upper(k)
                    && (is_preposition(first)
                        || (first.len() > 4 && first.ends_with("ing"))
                        // "X, asked about Y, said", "X, joined by Y, said".
                        || (first.len() > 4 && first.ends_with("ed") && k > lo + 1))));
        let np = np_left(doc, end, k);
        // "Mexico must rebut the claims, said X": a verb phrase, not a name.
        let clean = np.is_some_and(|np| {
            (np.0 <= k + 2 && (np.0 == k || !doc.is_auxiliary(np.0 - 1)))
                || (np.0 > k && (doc.lw(np.0 - 1) == "that" || doc.cue_mark[np.0 - 1]))
                // "Voter turnout: Sanders, whose ..., said": after a label.
                || (np.0 > k && doc.w(np.0 - 1) == ":")
                // "after Mr. Trump, asked about X, had said": the subject of
                // a subordinate clause.
                || (np.0 > k
                    && matches!(
                        doc.lw(np.0 - 1),
                        "after" | "when" | "as" | "because" | "while" | "before" | "since"
                            | "though" | "although" | "if" | "until"
                    ))
        }) && end - k <= 14
            && !is_preposition(first)
            && !doc.in_headline(k);
        if clean && !appositive {
            best = np.map(|np| np.0);
        } else if clean && best.is_none() {
            best = np.map(|np| np.0);
        }
        if (appositive || clean) && more {
            end = k - 1;
            continue;
        }
        break;
    }
    best.map(|a| (a, seg_end))
        .or_else(|| chain_head(doc, lo, seg_end))
}

/// "made an" (in "X made an emotional call for"), "locked in" (in "X has
/// been locked in talks about"): a phrase [`np_left`] found before a cue
/// that opens with a finite verb is a predicate, not a subject; so is the
/// object of a light verb ("the same" in "X issued the same demands of").
/// The subject of that verb, found as a speaker of its own, is returned
/// (never a phrase opening with a preposition). Not when the phrase may be a subject after all: "retired
/// judge Ann Lee said", "trusted aides talked", "questions she preferred"
/// (its last word a name or pronoun, or no determiner or preposition after
/// the verb), nor for a participle cue on the object ("X poured money into
/// groups backing Y", "X issued a statement on Monday saying").
fn predicate_subject(
    doc: &Doc,
    (a, b): (usize, usize),
    cue_first: usize,
    lo: usize,
) -> Option<(usize, usize)> {
    let last = doc.lw(b - 1);
    if doc.upper(b - 1)
        || matches!(last, "he" | "she" | "they" | "we" | "i" | "you" | "it")
        || doc.lw(cue_first).ends_with("ing")
    {
        return None;
    }
    let finite =
        |v: usize| v > lo && doc.is_word(v) && !doc.upper(v) && verb_like(doc, v, b.max(v + 1));
    let object = |k: usize| {
        k == b
            || doc.is_determiner(k)
            || is_preposition(doc.lw(k))
            || matches!(doc.lw(k), "out" | "up" | "to" | "more")
    };
    let v = if finite(a) && !doc.cue_mark[a] && object(a + 1) {
        a
    } else if a > lo && light_verb(doc.lw(a - 1)) && finite(a - 1) && doc.is_determiner(a) {
        a - 1
    } else {
        return None;
    };
    // "has been locked": the auxiliaries before the verb.
    let mut k = v;
    while k > lo && matches!(doc.lw(k - 1), "been" | "being" | "be") {
        k = skip_back(doc, k - 1, lo);
    }
    speaker_left(doc, k, lo).filter(|s| !doc.is_word(s.0) || !is_preposition(doc.lw(s.0)))
}

/// "Jeffrey Salkin, a rabbi helping to organize the boycott, said ...",
/// "Some voters who have listened to him, on television or at rallies,
/// said ...": when the segments before the cue are too long or too varied
/// for an appositive chain, a name or determiner phrase that opens the
/// sentence and is followed by a comma or relative pronoun is the subject.
fn chain_head(doc: &Doc, lo: usize, seg_end: usize) -> Option<(usize, usize)> {
    let mut a = lo;
    while a + 1 < seg_end && matches!(doc.lw(a), "but" | "and" | "yet" | "so") {
        a += 1;
    }
    if seg_end <= a + 3 || seg_end - a > 45 || !doc.is_word(a) || is_preposition(doc.lw(a)) {
        return None;
    }
    let head = np_right(doc, a, seg_end)?;
    if head.1 - head.0 > 6 || head.1 >= seg_end {
        return None;
    }
    let name = doc.upper(head.0)
        && (head.0..head.1).all(|k| !doc.is_word(k) || doc.upper(k) || doc.lw(k) == "of");
    let determined = doc.is_determiner(head.0)
        && (head.0 + 1..head.1).all(|k| doc.is_word(k) && !doc.cue_mark[k]);
    let next = doc.lw(head.1);
    let opens = doc.w(head.1) == "," || matches!(next, "who" | "whose" | "which");
    // The chain must stay a description: no sentence end, colon or
    // semicolon before the cue.
    // ("a Hollywood, Fla., rabbi": an abbreviation's period does not break it.)
    let abbreviation = |k: usize| {
        doc.w(k) == "." && k > 0 && doc.is_word(k - 1) && doc.lex.is_abbreviation(doc.w(k - 1))
    };
    let unbroken = (head.1..seg_end)
        .all(|k| (!doc.is_final(k) || abbreviation(k)) && !matches!(doc.w(k), ";" | ":"));
    ((name || determined) && opens && unbroken).then_some((head.0, seg_end))
}

/// The start of a time adverbial that ends just before `j` and follows a
/// word or comma of its own subject: "last week", "on Tuesday night",
/// "earlier this month", "less than two weeks ago", "already", "both".
fn time_tail(doc: &Doc, j: usize, lo: usize) -> Option<usize> {
    if j < lo + 2 || !doc.is_word(j - 1) {
        return None;
    }
    let last = doc.lw(j - 1);
    let day = |w: &str| {
        matches!(
            w,
            "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "today"
                | "yesterday"
        )
    };
    let noun = |w: &str| {
        day(w)
            || matches!(
                w,
                "week"
                    | "weekend"
                    | "month"
                    | "year"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "night"
                    | "spring"
                    | "summer"
                    | "fall"
                    | "autumn"
                    | "winter"
            )
    };
    // "have both urged": "both" floats after an auxiliary; "and both
    // vowed" is a subject.
    let floated = last == "both" && j >= lo + 3 && skippable(doc.lw(j - 2));
    // "most recently defended", "more accurately predicted".
    let degree = matches!(last, "most" | "more")
        && j < doc.len()
        && doc.lw(j).len() > 4
        && doc.lw(j).ends_with("ly");
    let start = if (floated
        || degree
        || matches!(
            last,
            "already"
                | "earlier"
                | "initially"
                | "originally"
                | "jointly"
                | "together"
                | "instead"
                | "seldom"
                | "almost"
        ))
        && !doc.upper(j - 1)
    {
        j - 1
    } else if matches!(last, "'s" | "’s")
        && matches!(doc.lw(j - 2), "who" | "he" | "she" | "it")
        && j < doc.len()
        && doc.is_word(j)
        && doc.lw(j).ends_with("ed")
    {
        // "who's called for", "he’s argued": the contracted "has".
        j - 1
    } else if last == "past" && j >= lo + 3 && doc.lw(j - 2) == "the" && doc.lw(j - 3) == "in" {
        // "have in the past said".
        j - 3
    } else if last == "ago" {
        // "two weeks ago", "less than a year ago".
        let mut k = j - 1;
        while k > lo
            && j - k < 6
            && doc.is_word(k - 1)
            && !doc.upper(k - 1)
            && (doc.w(k - 1).chars().all(|ch| ch.is_ascii_digit())
                || matches!(
                    doc.lw(k - 1),
                    "a" | "an"
                        | "one"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "few"
                        | "several"
                        | "less"
                        | "more"
                        | "than"
                        | "about"
                        | "nearly"
                        | "just"
                        | "only"
                        | "some"
                        | "days"
                        | "weeks"
                        | "months"
                        | "years"
                        | "hours"
                        | "day"
                        | "week"
                        | "month"
                        | "year"
                ))
        {
            k -= 1;
        }
        (k < j - 1).then_some(k)?
    } else if noun(last) {
        // "on Tuesday", "last week", "earlier this month", "on Sunday night",
        // "Wednesday".
        let mut k = j - 1;
        let mut lead = day(last);
        while k > lo && j - k < 5 && doc.is_word(k - 1) {
            let w = doc.lw(k - 1);
            if matches!(
                w,
                "on" | "last" | "this" | "earlier" | "late" | "early" | "over" | "past"
            ) {
                lead = true;
            } else if !day(w) {
                break;
            }
            k -= 1;
        }
        if !lead {
            return None;
        }
        k
    } else {
        return None;
    };
    // A subject must come before it, and not end in a participle ("figures
    // reported on Sunday suggest").
    let p = start.checked_sub(1).filter(|&p| p >= lo)?;
    let subject_end = doc.is_word(p) || doc.w(p) == "," || doc.w(p) == ")";
    let participle = doc.is_word(p) && (doc.cue_mark[p] || doc.lw(p).ends_with("ed"));
    (subject_end && !participle).then_some(start)
}

/// A comma or dash that sets off an appositive.
fn separator(doc: &Doc, i: usize) -> bool {
    matches!(doc.w(i), "," | "—" | "–" | "--")
        || (doc.w(i) == "-"
            && doc.kind(i) == Kind::Punct
            && doc.toks[i].start > 0
            && doc.text.as_bytes()[doc.toks[i].start - 1] == b' ')
}

/// Whether the content before a cue looks like reported speech and not a
/// fronted phrase ("Despite the claims, X suggests").
fn clause_like(doc: &Doc, a: usize, b: usize) -> bool {
    if b < a + 3 {
        return false;
    }
    // "And although he thanked them, he ...": a subordinate clause.
    let lead = if matches!(doc.lw(a), "and" | "but" | "so") {
        a + 1
    } else {
        a
    };
    if matches!(
        doc.lw(lead),
        "although"
            | "while"
            | "if"
            | "when"
            | "because"
            | "as"
            | "though"
            | "since"
            | "after"
            | "before"
            | "unless"
            | "once"
            | "until"
            | "where"
            | "whereas"
    ) {
        // "While he trails in the polls, a strong showing could help him,
        // aides said", "If elected, he will build a wall, Trump said": a
        // main clause follows the subordinate one.
        return (lead + 2..b.saturating_sub(3))
            .any(|k| doc.w(k) == "," && doc.in_quote[k].is_none());
    }
    // "Also, Trump is no conservative, he said": an adverb and its comma,
    // then the clause.
    let adverb = |w: &str| {
        interjection(w)
            || (w.len() > 4 && w.ends_with("ly"))
            || matches!(
                w,
                "still" | "now" | "yet" | "indeed" | "first" | "finally" | "plus" | "again" | "so"
            )
    };
    if b > a + 4 && doc.w(a + 1) == "," && doc.is_word(a) && adverb(doc.lw(a)) {
        return clause_like(doc, a + 2, b);
    }
    b > a + 8
        || !matches!(
            doc.lw(a),
            "despite"
                | "in"
                | "on"
                | "after"
                | "however"
                | "when"
                | "while"
                | "if"
                | "as"
                | "although"
                | "because"
                | "since"
                | "before"
                | "under"
                | "with"
                | "for"
                | "at"
                | "by"
                | "from"
                | "during"
                | "following"
                | "like"
                | "unlike"
                | "meanwhile"
                | "yet"
                | "still"
                | "also"
                | "then"
                | "now"
                | "later"
                | "earlier"
                | "last"
                | "asked"
                | "speaking"
                | "according"
                | "instead"
                | "until"
                | "among"
                | "amid"
                | "to"
                | "of"
                | "over"
                | "through"
                | "without"
                | "once"
                | "here"
                | "there"
                | "today"
                | "yesterday"
        )
}

/// Whether a quotation before a speaker is quoted content: a long one, or
/// one that opens its clause and ends in a comma (`“Absolutely,” he
/// said`); a short one inside a phrase is a title or a scare quote (`on
/// “Fox and Friends,” he said`).
fn long_or_leading(doc: &Doc, q: crate::quotes::Quote, lo: usize) -> bool {
    q.close >= q.open + 5
        || (q.open <= lo
            && q.close > q.open + 1
            && (matches!(doc.w(q.close - 1), "," | "?" | "!")
                || (q.close + 1 < doc.len() && doc.w(q.close + 1) == ",")))
}

/// The content before a speaker or cue at `p`: `“...,” he said` (quoted) or
/// `The plan will fail, he said` (bare).
fn content_before(doc: &Doc, p: usize, lo: usize) -> Option<((usize, usize), bool)> {
    if p <= lo + 1 {
        return None;
    }
    // "X, a fact he mentions", "Y, which opposed it": the phrase after the
    // comma describes the clause before; it does not report it.
    let after_quote = doc.kind(p - 1) == Kind::Close
        || (matches!(doc.w(p - 1), "," | "—" | "--") && doc.kind(p - 2) == Kind::Close);
    // "a fact he mentions" has a pronoun subject of its own; "a former
    // official said" does not, and speaks.
    let described = match doc.lw(p) {
        // "..., whose campaign arm has endorsed Y": a relative clause.
        "which" | "who" | "whose" | "something" => true,
        "a" | "an" => (p + 1..doc.len())
            .take_while(|&k| !doc.cue_mark[k] && doc.is_word(k))
            .any(|k| matches!(doc.lw(k), "he" | "she" | "they" | "we" | "i" | "it" | "you")),
        _ => false,
    };
    if described && !after_quote {
        return None;
    }
    // "..., as David Dayen noted": the clause before the comma.
    let p = if doc.lw(p - 1) == "as" && p >= lo + 2 && doc.w(p - 2) == "," {
        p - 1
    } else {
        p
    };
    let mut end = p;
    let mut quoted = false;
    let mut saw = false;
    // Accept ", ”", "”,", "," or "”" (with optional dash) before the speaker.
    for _ in 0..2 {
        if end > lo {
            let w = doc.w(end - 1);
            if doc.kind(end - 1) == Kind::Close {
                saw = true;
                quoted = doc
                    .quote(end - 1)
                    .is_some_and(|q| long_or_leading(doc, q, lo));
                break;
            }
            if matches!(w, "," | "—" | "–" | "--") {
                end -= 1;
                saw = true;
                continue;
            }
        }
        break;
    }
    if !saw || end <= lo {
        return None;
    }
    let mut start = lo;
    if let Some(q) = doc.quote(end - 1) {
        start = start.min(q.open);
        // A short quoted title ("Fox and Friends,") is not quoted content.
        if long_or_leading(doc, q, lo) && (q.close + 1 == end || q.close + 2 == end) {
            quoted = true;
        }
    }
    if let Some(q) = doc.quote(lo) {
        start = start.min(q.open);
    }
    // `To a question on "public sector jobs," Sanders said ...`: a fronted
    // phrase that ends in a quoted title is not the content.
    // A quoted title: short, its words capitalised ("CBS This Morning").
    let title = |q: crate::quotes::Quote| {
        q.close <= q.open + 7
            && ((q.open + 1..q.close)
                .all(|k| !doc.is_word(k) || doc.upper(k) || doc.w(k).len() <= 3)
                || (q.open > 0
                    && matches!(
                        doc.lw(q.open - 1),
                        "the" | "on" | "about" | "of" | "titled" | "called" | "dubbed"
                    )))
    };
    if quoted
        && doc
            .quote(end - 1)
            .is_some_and(|q| start < q.open && title(q))
        && (is_preposition(doc.lw(start)) || doc.lw(start) == "to")
    {
        return None;
    }
    // `Asked about it on "CBS This Morning," X said`: a short quoted title at
    // the end of a longer phrase does not make the phrase a quotation.
    if quoted
        && doc
            .quote(end - 1)
            .is_some_and(|q| start + 3 < q.open && title(q))
    {
        quoted = false;
    }
    // `X declared the need for resolve: “Change the world,” she said`: the
    // frame before the quotation has its own cue; the quotation is the
    // content.
    if quoted {
        if let Some(q) = doc.quote(end - 1) {
            if start < q.open && (start..q.open).any(|k| doc.cue_mark[k]) {
                start = q.open;
            }
        }
    }
    if !quoted {
        if let Some(k) = (start..end).rev().find(|&k| doc.w(k) == ":") {
            start = k + 1;
        }
        // "... her ratings (at one point as low as 19%, Gutin says) ...":
        // inside a parenthesis, the words since its opening.
        if let Some(k) = (start..end).rev().find(|&k| doc.w(k) == "(") {
            if !(k..end).any(|j| doc.w(j) == ")") {
                start = k + 1;
            }
        }
    }
    if start >= end || (!quoted && !clause_like(doc, start, end)) {
        return None;
    }
    Some(((start, end), quoted))
}

/// The content after a cue: the rest of the sentence, or the quotation it
/// opens (which may run over several sentences and paragraphs), stopping
/// before a following independent statement ("..., while X says ...") or a
/// participle clause (", telling ...").
fn content_after(
    doc: &Doc,
    from: usize,
    hi: usize,
    next_cues: &[CueHit],
) -> Option<(usize, usize)> {
    let mut j = from;
    while j < hi && matches!(doc.w(j), "," | ":" | "—" | "–" | "--") {
        j += 1;
    }
    if j >= hi {
        // "In a speech, he said:" and the words in the next paragraph.
        if j == hi && hi > from && doc.w(hi - 1) == ":" && hi < doc.len() && doc.toks[hi].para {
            return next_paragraph(doc, hi);
        }
        return None;
    }
    let mut end = hi;
    while end > j && doc.kind(end - 1) == Kind::Punct && doc.is_final(end - 1) {
        end -= 1;
    }
    for c in next_cues {
        if c.first >= end {
            // Cues are in text order: none further can cut.
            break;
        }
        if c.first <= j {
            continue;
        }
        if doc.in_quote[c.first].is_some() {
            continue;
        }
        if participle(doc, *c) && c.first - 1 > j {
            end = c.first - 1;
            break;
        }
        if coordinated(doc, c.first, j) {
            // "... and said ...": cut before the conjunction (and its comma).
            let mut cut = c.first;
            while cut > j && !matches!(doc.lw(cut - 1), "and" | "but") {
                cut -= 1;
            }
            cut = cut.saturating_sub(1);
            if cut > j && doc.w(cut - 1) == "," {
                cut -= 1;
            }
            if cut > j && doc.in_quote[cut].is_none() {
                end = cut;
                break;
            }
        }
        if let Some((a, _)) = speaker_left(doc, c.first, j) {
            // "said yes, compared with 23 percent who said X": a relative
            // clause that reports on its own ends the content at the last
            // comma before its head.
            if a > j + 1 && matches!(doc.lw(a), "who") && a + 1 == c.first {
                if let Some(cut) = (j + 1..a)
                    .rev()
                    .find(|&k| doc.w(k) == "," && doc.in_quote[k].is_none())
                {
                    end = cut;
                    break;
                }
            }
            if a > j {
                let b = a - 1;
                let w = doc.lw(b);
                if doc.kind(b) == Kind::Close && b > j + 1 && doc.w(b - 1) == "," {
                    // `..., "CBS This Morning," Sanders said`: cut after the quote.
                    end = b + 1;
                    break;
                }
                if matches!(w, "," | ";" | "while" | "but" | "whereas" | "and") && b > j {
                    let cut = if matches!(w, "while" | "but" | "whereas" | "and")
                        && b > j + 1
                        && doc.w(b - 1) == ","
                    {
                        b - 1
                    } else {
                        b
                    };
                    if doc.in_quote[cut].is_none() {
                        end = cut;
                        break;
                    }
                }
            }
        }
    }
    // "... said:" with the quote in the next paragraph.
    if end == hi && hi > j && doc.w(hi - 1) == ":" && hi < doc.len() {
        // "X argued that:", "X tweeted the following:", "X reported after
        // the raid:": only what follows the colon. ("X listed the
        // qualities:" keeps its object.)
        let frame = {
            let (a, b) = (j, hi - 1);
            let only =
                |ws: &[&str]| b == a + ws.len() && (0..ws.len()).all(|k| doc.lw(a + k) == ws[k]);
            only(&["that"])
                || only(&["the", "following"])
                || only(&["this"])
                || only(&["as", "follows"])
                || (b > a
                    && matches!(
                        doc.lw(a),
                        "after"
                            | "before"
                            | "during"
                            | "following"
                            | "when"
                            | "while"
                            | "in"
                            | "on"
                    ))
        };
        if frame && doc.toks[hi].para {
            return next_paragraph(doc, hi);
        }
        if doc.kind(hi) == Kind::Open {
            if let Some(q) = doc.quote(hi) {
                end = q.close + 1;
            }
        }
    }
    // A quotation opened inside the content runs to its close.
    let scan_end = end;
    for k in j..scan_end {
        if doc.kind(k) == Kind::Open {
            if let Some(q) = doc.quote(k) {
                end = end.max(q.close + 1);
            }
        }
    }
    (j < end).then_some((j, end))
}

/// The words a colon at the end of a paragraph introduces, from `start`
/// (the next paragraph's first token): its quotation, or its first
/// sentence.
fn next_paragraph(doc: &Doc, start: usize) -> Option<(usize, usize)> {
    if let Some(q) = doc.quote(start) {
        return Some((start, q.close + 1));
    }
    let mut end = doc.sentence(start).last;
    while end > start && doc.is_final(end - 1) {
        end -= 1;
    }
    (end > start).then_some((start, end))
}

/// Whether content after a cue is a short object or adverbial that ends the
/// sentence ("..., X told a Senate panel Wednesday."): no clause of its own.
fn bare_object(doc: &Doc, (a, b): (usize, usize), hi: usize) -> bool {
    b + 1 >= hi
        && b <= a + 4
        && (a..b).all(|k| {
            doc.is_word(k) && !doc.is_auxiliary(k) && doc.lw(k) != "that" && !doc.starts_cue_form(k)
        })
}

/// A fronted adverbial rather than a reported clause: "At a rally in
/// Ohio, she railed against ...", "With his campaign in disarray, he
/// claimed the nomination".
fn fronted_phrase(doc: &Doc, (a, b): (usize, usize)) -> bool {
    let mut a = a;
    while a + 1 < b
        && (matches!(doc.lw(a), "and" | "but" | "yet" | "so" | "still") || doc.w(a) == ",")
    {
        a += 1;
    }
    // "Shortly after the vote", "Back in 2000", "Just after noon".
    if a + 2 < b
        && ((doc.lw(a).len() > 3 && doc.lw(a).ends_with("ly"))
            || matches!(doc.lw(a), "just" | "back" | "right" | "only"))
        && (is_preposition(doc.lw(a + 1)) || matches!(doc.lw(a + 1), "as" | "when"))
    {
        a += 1;
    }
    let lead = doc.lw(a);
    // "NEW YORK, Dec. 22 --": a dateline.
    let dateline = doc.w(a).len() >= 3
        && doc.w(a).chars().all(|ch| ch.is_ascii_uppercase())
        && a + 1 < b
        && (doc.w(a + 1) == "," || doc.w(a + 1).chars().all(|ch| ch.is_ascii_uppercase()));
    // "And a couple of years later, he echoed ...".
    let ago = b >= a + 2 && matches!(doc.lw(b - 1), "later" | "ago" | "earlier");
    b > a
        && !(a..b).any(|k| doc.kind(k) == Kind::Open)
        && (is_preposition(lead)
            || dateline
            || ago
            || matches!(lead, "beyond" | "besides" | "unlike" | "like" | "outside")
            || matches!(
                lead,
                "with"
                    | "almost"
                    | "nearly"
                    | "rather"
                    | "across"
                    | "among"
                    | "once"
                    | "as"
                    | "when"
            )
            // "Even though the critics scoff, we can see ...".
            || (lead == "even"
                && matches!(doc.lw(a + 1), "though" | "as" | "if" | "when" | "before" | "after"))
            || (lead.len() > 4 && lead.ends_with("ing"))
            // "Although the unions backed it, the party has shown little
            // interest": a subordinate clause.
            || matches!(
                lead,
                "while" | "although" | "though" | "whereas" | "because" | "if" | "unless"
            ))
}

/// Whether the words before a speaker only frame the speaker's own clause
/// rather than report anything: a fronted adverbial or subordinate clause
/// (`fronted_phrase`), a participle phrase ("Pressed about the rumors,
/// Jones ..."), a short phrase with no verb ("Worst of all, X is exposing
/// Y", "A veteran organizer, Perkins complained of Y"), or a clause whose
/// last part opens the speaker's ("X was due to speak, but on Friday, the
/// party announced Y").
fn frames_clause(doc: &Doc, (a, b): (usize, usize)) -> bool {
    if fronted_phrase(doc, (a, b)) || verbless(doc, (a, b)) {
        return true;
    }
    // "Pressed again about X", "Asked Tuesday whether Y".
    let next = doc.lw(a + 1);
    if doc.lw(a).ends_with("ed")
        && a + 2 < b
        && (is_preposition(next)
            || time_word(next)
            || next.ends_with("ly")
            || matches!(
                next,
                "again" | "whether" | "if" | "why" | "how" | "what" | "who"
            ))
    {
        return true;
    }
    // "..., but on Friday": the last comma's part is a conjunction and a
    // phrase with no verb.
    (a + 1..b)
        .rev()
        .find(|&k| doc.w(k) == "," && doc.in_quote[k].is_none())
        .is_some_and(|k| {
            k + 2 < b
                && matches!(doc.lw(k + 1), "but" | "and" | "yet")
                && (fronted_phrase(doc, (k + 1, b)) || verbless(doc, (k + 2, b)))
        })
}

/// Whether a short phrase has no sign of a verb: no auxiliary, negation,
/// cue word or subject pronoun, no "-ed" word after its first and no "-s"
/// word after a lowercase noun ("Late last month", "Back then, in 2010",
/// "An enthusiastic supporter"; not "The plan includes new funds").
fn verbless(doc: &Doc, (a, b): (usize, usize)) -> bool {
    let third_person = |k: usize| {
        let w = doc.lw(k);
        k > a
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && w.chars().all(char::is_alphabetic)
            && !doc.upper(k)
            && doc.is_word(k - 1)
            && !doc.upper(k - 1)
            && !doc.is_determiner(k - 1)
            && !is_preposition(doc.lw(k - 1))
    };
    b > a
        && b <= a + 6
        && (a..b).all(|k| {
            let w = doc.lw(k);
            (doc.is_word(k) || matches!(w, "," | "." | "'s" | "’s"))
                && !doc.cue_mark[k]
                && !doc.is_auxiliary(k)
                && !w.ends_with("n't")
                && !w.ends_with("n’t")
                && !matches!(
                    w,
                    "he" | "she" | "it" | "they" | "we" | "i" | "you" | "there" | "not"
                )
                && !(k > a && w.len() > 3 && w.ends_with("ed"))
                && !third_person(k)
        })
}

/// Whether a clause before the speaker is more than a fronted phrase: a
/// comma inside it is followed by a clause of its own ("In Orlando, Clinton
/// made a stop at X, the AP reported").
fn clause_after_fronted(doc: &Doc, (a, b): (usize, usize)) -> bool {
    (a + 1..b).any(|k| {
        doc.w(k) == ","
            && doc.in_quote[k].is_none()
            && k + 4 < b
            && clause_like(doc, k + 1, b)
            && !fronted_phrase(doc, (k + 1, b))
    })
}

/// Whether content after a cue runs to the end of its sentence.
fn bare_end(doc: &Doc, (_, b): (usize, usize), hi: usize) -> bool {
    (b..hi).all(|k| doc.is_final(k) || doc.kind(k) == Kind::Punct)
}

/// "told Breitbart News in an interview": after "tell", a recipient and
/// adverbials with no clause or quote of their own.
fn recipient_only(doc: &Doc, c: CueHit, (a, b): (usize, usize)) -> bool {
    doc.lex.entries[c.entry].lemma == "tell"
        && b <= a + 10
        && doc.upper(a)
        && !(a..b).any(|k| {
            doc.kind(k) == Kind::Open
                || doc.lw(k) == "that"
                || doc.is_auxiliary(k)
                // "told Politico he planned ...": a subject opens the clause.
                || (k > a && matches!(doc.lw(k), "he" | "she" | "they" | "we" | "i" | "it"))
        })
}

/// "..., he told the court in his filing.", "told his closest advisers as
/// he ...": after "tell", a lowercase recipient (a determiner or possessive
/// and up to three words) and then nothing or an adverbial.
fn lower_recipient(doc: &Doc, c: CueHit, (a, b): (usize, usize)) -> bool {
    if doc.lex.entries[c.entry].lemma != "tell"
        || !matches!(
            doc.lw(a),
            "the" | "his" | "her" | "their" | "its" | "our" | "my" | "reporters"
        )
    {
        return false;
    }
    let mut k = a + 1;
    while k < b
        && k < a + 4
        && doc.is_word(k)
        && !is_preposition(doc.lw(k))
        && !time_word(doc.lw(k))
        && !matches!(doc.lw(k), "as" | "when" | "while")
    {
        if doc.lw(k) == "that" || doc.is_auxiliary(k) {
            return false;
        }
        k += 1;
    }
    k >= b || adverbial_lead(doc, (k, b)) || time_or_place_lead(doc.lw(k))
}

/// Whether content after a cue is only a time or place adverbial
/// ("he said on Sunday", "she told reporters").
fn trivial(doc: &Doc, (a, b): (usize, usize)) -> bool {
    if b <= a + 3 {
        return true;
    }
    let opens = (a..b).any(|k| doc.kind(k) == Kind::Open || doc.lw(k) == "that");
    !opens && b <= a + 10 && time_or_place_lead(doc.lw(a))
}

/// The first word of a time or place adverbial, or of a recipient:
/// "on Sunday", "last week", "reporters".
fn time_or_place_lead(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "during"
            | "last"
            | "this"
            | "after"
            | "before"
            | "while"
            | "when"
            | "earlier"
            | "later"
            | "reporters"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "of"
    )
}

/// Whether content after a cue opens with an adverbial rather than what was
/// said ("..., the office reported on Tuesday -- a development that ...",
/// "she said at the outset - ...", "he wrote recently"): a time, place or
/// manner phrase, a subordinate clause or a coordinated verb, with no
/// `that` or quotation before its first break.
fn adverbial_lead(doc: &Doc, (a, b): (usize, usize)) -> bool {
    let lead = doc.lw(a);
    // `on MSNBC's “Morning Joe.”`: a short quoted title opens nothing.
    let title = |k: usize| {
        k > a
            && doc.quote(k).is_some_and(|q| {
                q.open == k
                    && q.close <= q.open + 6
                    && (q.open + 1..q.close).all(|m| !doc.is_word(m) || doc.upper(m))
            })
    };
    let opens = (a..b)
        .take_while(|&k| !separator(doc, k) && !matches!(doc.w(k), ";" | "(" | "--"))
        .any(|k| (doc.kind(k) == Kind::Open && !title(k)) || doc.lw(k) == "that");
    if opens {
        return false;
    }
    matches!(lead, ")" | ";" | "-" | "--" | "—" | "–")
        || (doc.is_word(a)
            && (matches!(
                lead,
                "in" | "during" | "after" | "before" | "since" | "until" | "amid" | "last"
                    | "following" | "throughout"
            ) || (lead == "at" && !matches!(doc.lw(a + 1), "least" | "most"))
                // "on Tuesday", "on MSNBC", not the object of "focus on".
                || (lead == "on" && a + 1 < b && doc.upper(a + 1))
                || (lead.len() > 4 && lead.ends_with("ly"))
                || matches!(
                    lead,
                    "when"
                        | "while"
                        | "as"
                        | "because"
                        | "though"
                        | "although"
                        | "even"
                        | "again"
                        | "recently"
                        | "now"
                        | "then"
                        | "later"
                        | "earlier"
                        | "this"
                        | "next"
                        | "yesterday"
                        | "today"
                        | "tonight"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "and"
                        | "but"
                        | "or"
                        | "within"
                )))
}

/// Whether a cue is a participle continuing a clause: ", adding that".
fn participle(doc: &Doc, c: CueHit) -> bool {
    doc.lw(c.first).ends_with("ing")
        && c.first > 0
        && (doc.w(c.first - 1) == ","
            // `... of “New York values,” saying`: the comma inside the quote.
            || (doc.kind(c.first - 1) == Kind::Close && c.first > 1 && doc.w(c.first - 2) == ","))
}

/// Whether a cue ends its sentence, give or take a short phrase ("he said
/// on Sunday.").
fn closes_sentence(doc: &Doc, c: CueHit) -> bool {
    let s = doc.sentence(c.first);
    let mut k = c.last;
    while k < s.last && k - c.last < 5 {
        if doc.is_final(k) {
            return true;
        }
        if doc.kind(k) != Kind::Word {
            return false;
        }
        k += 1;
    }
    k >= s.last
}

/// Finds the statements of a document in token ranges.
pub(crate) fn find(doc: &Doc, hits: &[CueHit]) -> Vec<Raw> {
    let mut taken = vec![false; doc.len()];
    // The speaker span each token belongs to, for relative clauses in it.
    let mut speaker_of: Vec<Option<(usize, usize)>> = vec![None; doc.len()];
    let mut out: Vec<Raw> = Vec::new();
    let mut coverers = Coverers::new(doc.len());
    // The statements found so far in each sentence, for participles and
    // coordinated verbs that share a subject.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sents.len()];
    // Strong cues before weak ones, and within each, cues that close their
    // sentence ("..., the senator said.") first: they take the clause.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_cached_key(|&k| {
        let c = hits[k];
        let relative = speaker_left(doc, c.first, doc.sentence(c.first).first)
            .is_some_and(|(a, b)| b == a + 1 && matches!(doc.lw(a), "who" | "which"));
        // Among equals, the more reliable cue ("said" over "concluded")
        // takes the clause first.
        let reliability = doc
            .word(c.first)
            .and_then(|w| w.learned(|| (doc.prev_class(c.first), doc.next_class(c.first))))
            .map_or(50, |(p, _)| (p * 10.0) as i32 * 10);
        (
            doc.lex.entries[c.entry].weak || relative,
            !closes_sentence(doc, c),
            -reliability,
            k,
        )
    });
    for hi_idx in order {
        let c = hits[hi_idx];
        // A claim named inside another statement ("rejected X's claim that
        // ...") is a statement of its own; other cues do not nest.
        // ("his claim that" inside another statement stays part of it.)
        let nests =
            matches!(c.noun, Some(NounLead::Possessor(p)) if !possessive_pronoun(doc.lw(p)));
        if !nests && taken[c.first..c.last].iter().any(|&t| t) {
            // "X, who recalled ..., said": a relative clause inside another
            // statement's speaker reports on its own.
            if let Some(raw) = relative_in_speaker(doc, c, &speaker_of) {
                record(&mut out, &mut coverers, raw);
            } else if let Some((k, raw, cut)) =
                inner_clause(doc, c, &out, &coverers, &hits[hi_idx + 1..])
            {
                // "X, although the mayor warned Y", "X, opposed Y": the
                // outer content ends before the inner statement.
                out[k].content.1 = cut;
                by_sentence[doc.sent_of[c.first] as usize].push(out.len());
                record(&mut out, &mut coverers, raw);
            }
            continue;
        }
        let mut s = doc.sentence(c.first);
        // "WASHINGTON (AP) — X said": the dateline is no part of the clause.
        s.first = dateline_end(doc, s.first, c.first);
        let rest = &hits[hi_idx + 1..];
        let lemma = doc.lex.entries[c.entry].lemma.as_str();
        let raw = if lemma == "in (view)" {
            view_statement(doc, c, s.first, s.last)
        } else if lemma == "to (perspective)" {
            let comma = (c.last..s.last)
                .find(|&k| doc.w(k) == ",")
                .unwrap_or(c.last);
            content_after(doc, comma + 1, s.last, &[]).map(|content| Raw {
                speaker: Some((c.last, comma)),
                cue: c,
                content,
            })
        } else if lemma == "say (named colon)" {
            colon_name(doc, c.first).and_then(|a| {
                content_after(doc, c.last, s.last, &[]).map(|content| Raw {
                    speaker: Some((a, c.first)),
                    cue: c,
                    content,
                })
            })
        } else if lemma == "say (colon)" || lemma == "in (survey)" {
            // Source before the colon, or between "In" and the comma.
            let (src, from) = if lemma == "say (colon)" {
                ((s.first, c.first), c.last)
            } else if c.first != s.first {
                // "X leads in a new CNN poll": the clause before "in".
                let Some(end) = poll_after_in(doc, c.first) else {
                    continue;
                };
                let mut b = c.first;
                while b > s.first && matches!(doc.w(b - 1), "," | "—" | "–" | "--") {
                    b -= 1;
                }
                let content = (s.first, b);
                // "20 percent of people in a CNN poll said ...": the verb
                // reports, with the poll phrase in its subject.
                let verb_after = rest
                    .iter()
                    .take_while(|h| h.first <= end + 4)
                    .any(|h| h.first >= end && h.first < s.last);
                if verb_after || b < s.first + 2 || taken[s.first..b].iter().any(|&t| t) {
                    continue;
                }
                record(
                    &mut out,
                    &mut coverers,
                    Raw {
                        speaker: Some((c.last, end)),
                        cue: c,
                        content,
                    },
                );
                for t in taken.iter_mut().take(end).skip(s.first) {
                    *t = true;
                }
                by_sentence[doc.sent_of[c.first] as usize].push(out.len() - 1);
                continue;
            } else {
                let comma = (c.last..s.last)
                    .find(|&k| doc.w(k) == ",")
                    .unwrap_or(c.last);
                ((c.last, comma), comma + 1)
            };
            (src.0 < src.1)
                .then(|| content_after(doc, from, s.last, &[]))
                .flatten()
                .map(|content| Raw {
                    speaker: Some(src),
                    cue: c,
                    content,
                })
        } else if let Some(lead) = c.noun {
            noun_statement(doc, c, lead, s.first, s.last, rest)
        } else if doc.lex.entries[c.entry].lemma == "according to" {
            according_to(doc, c, s.first, s.last)
        } else if matches!(lemma, "reportedly" | "allegedly") {
            attributing_adverb(doc, c, s.first, s.last)
        } else {
            let same: Vec<Raw> = by_sentence[doc.sent_of[c.first] as usize]
                .iter()
                .map(|&k| out[k])
                .collect();
            verb_cue(doc, c, s.first, s.last, rest, &same)
        };
        let Some(raw) = raw else { continue };
        // ", saying ..." with no subject found: too unsure to report.
        if raw.speaker.is_none() && participle(doc, c) {
            continue;
        }
        // "found a way", "found someone": only findings report ("the audit
        // found that ...", "the poll found Clinton ahead").
        if lemma == "find" && doc.lw(raw.content.0) != "that" {
            let finder = raw.speaker.is_some_and(|(a, b)| {
                (a..b).any(|k| {
                    matches!(
                        doc.lw(k),
                        "poll"
                            | "polls"
                            | "survey"
                            | "surveys"
                            | "study"
                            | "studies"
                            | "report"
                            | "analysis"
                            | "review"
                            | "investigation"
                            | "audit"
                            | "researchers"
                            | "inquiry"
                            | "probe"
                            | "inspector"
                            | "court"
                            | "jury"
                            | "judge"
                            | "investigators"
                            | "data"
                            | "research"
                    )
                })
            });
            if !finder {
                continue;
            }
        }
        // "the statement", "a show": an article alone is no speaker.
        if raw
            .speaker
            .is_some_and(|(a, b)| b == a + 1 && matches!(doc.lw(a), "the" | "a" | "an"))
        {
            continue;
        }
        if let Some((a, b)) = raw.speaker {
            if taken[a..b].iter().any(|&t| t) {
                // The speaker words belong to another statement: only a
                // participle clause may share them.
                // A coordinated verb ("... and said") reuses its
                // sentence's speaker on purpose.
                let shares = by_sentence[doc.sent_of[c.first] as usize]
                    .iter()
                    .any(|&k| out[k].speaker.is_some_and(|(c, d)| c < b && a < d));
                if !participle(doc, c) && !nests && !shares {
                    continue;
                }
            }
        }
        for t in taken.iter_mut().take(raw.content.1).skip(raw.content.0) {
            *t = true;
        }
        for t in taken.iter_mut().take(c.last).skip(c.first) {
            *t = true;
        }

        if let Some((a, b)) = raw.speaker {
            for t in taken.iter_mut().take(b).skip(a) {
                *t = true;
            }
            for t in speaker_of.iter_mut().take(b).skip(a) {
                *t = Some((a, b));
            }
        }
        by_sentence[doc.sent_of[c.first] as usize].push(out.len());
        record(&mut out, &mut coverers, raw);
    }
    prune(doc, out)
}

/// Adds a statement to those `find` has found, noting what its content
/// covers.
fn record(out: &mut Vec<Raw>, coverers: &mut Coverers, raw: Raw) {
    coverers.add(out.len(), raw.content);
    out.push(raw);
}

/// For each token, the statements whose content covered it when they were
/// found (a content may shrink later, never grow), as lists chained through
/// one vector: finding the statements around a cue costs the few that cover
/// it, not all the statements of the text.
struct Coverers {
    /// Per token, its latest link, or `NO_LINK`.
    head: Vec<u32>,
    /// (statement, the token's previous link).
    links: Vec<(u32, u32)>,
}

const NO_LINK: u32 = u32::MAX;

impl Coverers {
    fn new(tokens: usize) -> Coverers {
        Coverers {
            head: vec![NO_LINK; tokens],
            links: Vec::new(),
        }
    }

    fn add(&mut self, statement: usize, (a, b): (usize, usize)) {
        for t in a..b {
            self.links.push((statement as u32, self.head[t]));
            self.head[t] = (self.links.len() - 1) as u32;
        }
    }

    /// The statements whose content covered token `t`, latest first.
    fn of(&self, t: usize) -> impl Iterator<Item = usize> + '_ {
        let link = |l: u32| (l != NO_LINK).then_some(l);
        std::iter::successors(link(self.head[t]), move |&l| link(self.links[l as usize].1))
            .map(|l| self.links[l as usize].0 as usize)
    }
}

/// How many statements' contents cover each token: computed once, so that
/// asking which cues lie inside other contents stays linear in the text.
pub(crate) fn coverage(doc: &Doc, raws: &[Raw]) -> Vec<u32> {
    let mut covered = vec![0u32; doc.len()];
    for r in raws {
        for c in &mut covered[r.content.0..r.content.1] {
            *c += 1;
        }
    }
    covered
}

/// Whether the contents of other statements (by [`coverage`]) hold every
/// word of `r`'s cue.
pub(crate) fn nested(covered: &[u32], r: &Raw) -> bool {
    (r.cue.first..r.cue.last).all(|t| {
        let own = u32::from((r.content.0..r.content.1).contains(&t));
        covered[t] > own
    })
}

/// Drops statements whose speaker shows the cue is no report: a speaker
/// opening with a lowercase gerund ("raising questions about X", "making
/// calls", "having referred to") is a participle phrase, not a subject.
/// A cue only the cue model found does not nest in another statement's
/// content ("X said the plan, which organizes Y, ...").
fn prune(doc: &Doc, raws: Vec<Raw>) -> Vec<Raw> {
    let covered = coverage(doc, &raws);
    let keep: Vec<bool> = raws
        .iter()
        .map(|r| {
            let gerund_speaker = r.speaker.is_some_and(|(a, _)| gerund(doc.w(a)));
            let nested_model_cue = doc.lex.is_learned(r.cue.entry) && nested(&covered, r);
            !gerund_speaker && !nested_model_cue
        })
        .collect();
    raws.into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// A lowercase "-ing" word other than the prepositions "including",
/// "according", "following".
fn gerund(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ing")
        && w.chars().all(|ch| ch.is_lowercase() || ch == '-')
        && !matches!(w, "including" | "according" | "following")
}

/// "In his view, X" (X after the comma), "X, in Bolton's view." (X before
/// "in"), "which in his view has grown" (the clause after "view").
fn view_statement(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    let holder = if doc.lw(c.first + 1) == "the" {
        // "in the view of many economists"
        let a = c.last + 1;
        let b = (a..hi)
            .find(|&k| !doc.is_word(k) || is_preposition(doc.lw(k)))
            .unwrap_or(hi);
        (a < b).then_some((a, b))?
    } else {
        let b = c.last - 1;
        let b = if matches!(doc.lw(b - 1), "'s" | "’s") {
            b - 1
        } else {
            b
        };
        (c.first + 1, b)
    };
    let after = if doc.lw(c.first + 1) == "the" {
        holder.1
    } else {
        c.last
    };
    let mut b = c.first;
    while b > lo && matches!(doc.w(b - 1), "," | "—" | "–" | "--") {
        b -= 1;
    }
    let content = if b > lo + 2 {
        (lo, b)
    } else {
        content_after(doc, after, hi, &[])?
    };
    Some(Raw {
        speaker: Some(holder),
        cue: c,
        content,
    })
}

/// The first token after a dateline that opens a sentence at `first`
/// ("WASHINGTON —", "MANCHESTER, N.H. -", "New York (AFP) –"), or `first`.
/// A dateline is a place in capitals, or any place with a news agency in
/// brackets, then a dash; it must end before `limit`.
fn dateline_end(doc: &Doc, first: usize, limit: usize) -> usize {
    let caps = |k: usize| {
        doc.is_word(k)
            && doc.w(k).chars().any(|ch| ch.is_alphabetic())
            && doc.w(k).chars().all(|ch| !ch.is_lowercase())
    };
    let mut k = first;
    while k < limit && k - first < 4 && doc.is_word(k) && doc.upper(k) {
        k += 1;
    }
    if k == first {
        return first;
    }
    let all_caps = (first..k).all(|m| caps(m) && doc.w(m).chars().count() > 1);
    // ", N.H.", ", Fla.": a state after the city.
    if k + 1 < limit && doc.w(k) == "," && doc.upper(k + 1) && k + 1 - first < 6 {
        k += 2;
        while k < limit && doc.w(k) == "." {
            k += 1;
        }
    }
    let mut agency = false;
    if k + 2 < limit && doc.w(k) == "(" && doc.upper(k + 1) && doc.w(k + 2) == ")" {
        agency = true;
        k += 3;
    }
    if (all_caps || agency)
        && k < limit
        && matches!(doc.w(k), "-" | "—" | "–" | "--")
        && k + 1 < limit
    {
        k + 1
    } else {
        first
    }
}

/// A cue inside another statement's content that starts a statement of
/// its own (PolNeAR does not nest attributions): a verb in a list that
/// shares the outer speaker ("She mocked X, questioned Y and ..."), or a
/// clause with its own subject after "although", "whom" or a dash ("X,
/// although the mayor warned Y", "X — critics warn Y"). ("though" and
/// "which" cost the matcher's events more than they gained.) Returns the
/// outer statement, the inner one and where the outer content now ends.
fn inner_clause(
    doc: &Doc,
    c: CueHit,
    out: &[Raw],
    coverers: &Coverers,
    rest: &[CueHit],
) -> Option<(usize, Raw, usize)> {
    if c.noun.is_some() {
        return None;
    }
    // The first statement found whose content holds the cue.
    let k = coverers
        .of(c.first)
        .filter(|&k| {
            let r = out[k];
            r.content.0 < c.first
                && c.last <= r.content.1
                && r.cue.last <= r.content.0
                && r.cue.noun.is_none()
        })
        .min()?;
    let outer = out[k];
    let (lo, hi) = outer.content;
    let j = skip_back(doc, c.first, lo);
    let subject = speaker_left(doc, c.first, lo);
    let comma_list = j > lo + 1 && doc.w(j - 1) == "," && !doc.lw(c.first).ends_with("ing");
    let (speaker, boundary) = match subject {
        Some((a, b))
            if a > lo + 1
                && b <= c.first
                && matches!(doc.lw(a - 1), "although" | "whom" | "—" | "–") =>
        {
            ((a, b), a - 1)
        }
        // "..., opposed his trade pact": a finite verb after a comma, with
        // no subject of its own (a phrase before the comma is not one).
        s if comma_list && s.is_none_or(|(_, b)| b < j) => {
            // "Mr. Ruiz, who said X, issued Y": the comma closes the
            // relative clause, and its head is the subject of the verb.
            let head = outer.speaker.and_then(|(a, b)| {
                let first = doc.sentence(c.first).first;
                (b == a + 1 && doc.lw(a) == "who" && a > first + 1 && doc.w(a - 1) == ",")
                    .then(|| np_left(doc, a - 1, first))
                    .flatten()
            });
            (head.or(outer.speaker)?, j - 1)
        }
        _ => return None,
    };
    let mut cut = boundary;
    if cut > lo && doc.w(cut - 1) == "," {
        cut -= 1;
    }
    if cut <= lo || doc.in_quote[cut].is_some() {
        return None;
    }
    let content = content_after(doc, c.last, hi, rest)?;
    Some((
        k,
        Raw {
            speaker: Some(speaker),
            cue: c,
            content,
        },
        cut,
    ))
}

/// A cue in a relative clause inside another statement's speaker
/// ("Crawford, who recalled meeting him, said ..."): "who" speaks, and the
/// content runs to the end of the clause.
fn relative_in_speaker(doc: &Doc, c: CueHit, speaker_of: &[Option<(usize, usize)>]) -> Option<Raw> {
    if c.noun.is_some() {
        return None;
    }
    let (a, b) = speaker_of[c.first]?;
    if (c.first..c.last).any(|k| speaker_of[k] != Some((a, b))) {
        return None;
    }
    let mut j = c.first;
    while j > a && doc.is_word(j - 1) && skippable(doc.lw(j - 1)) {
        j -= 1;
    }
    let speaker = if j > a && matches!(doc.lw(j - 1), "who" | "which") {
        (j - 1, j)
    } else if c.first > a + 1 && doc.w(c.first - 1) == "," && doc.lw(c.first).ends_with("ing") {
        // "Mr. Ruiz, citing the figures, said": the head of the chain.
        let head = (a..c.first).find(|&k| doc.w(k) == ",")?;
        (a, head)
    } else {
        return None;
    };
    if speaker.1 <= speaker.0 {
        return None;
    }
    let mut end = b;
    while end > c.last && matches!(doc.w(end - 1), "," | "—" | "–" | "--" | ")") {
        end -= 1;
    }
    let content = content_after(doc, c.last, end, &[])?;
    Some(Raw {
        speaker: Some(speaker),
        cue: c,
        content,
    })
}

/// A noun cue's statement: "X's claim that ...", "X made a claim that ...".
fn noun_statement(
    doc: &Doc,
    c: CueHit,
    lead: NounLead,
    lo: usize,
    hi: usize,
    rest: &[CueHit],
) -> Option<Raw> {
    let speaker = match lead {
        NounLead::Possessor(p) if possessive_pronoun(doc.lw(p)) => Some((p, p + 1)),
        NounLead::Possessor(p) => np_left(doc, p, lo),
        NounLead::LightVerb(v) => speaker_left(doc, v, lo),
        NounLead::Bare => None,
    };
    let content = content_after(doc, c.last, hi, rest)?;
    Some(Raw {
        speaker,
        cue: c,
        content,
    })
}

/// "The group is reportedly spending $1 million": no source, the clause
/// around the adverb is the content.
fn attributing_adverb(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    // The clause starts after the last comma or closing quote before the
    // adverb, if any, or at a relative pronoun ("Republicans who had
    // allegedly indicated ...": the relative clause).
    let start = (lo..c.first)
        .rev()
        .find_map(|k| {
            if doc.in_quote[k].is_some() && doc.kind(k) != Kind::Close {
                return None;
            }
            if doc.w(k) == "," || doc.kind(k) == Kind::Close {
                Some(k + 1)
            } else if c.first - k <= 3 && matches!(doc.lw(k), "who" | "which") {
                Some(k)
            } else {
                None
            }
        })
        .unwrap_or(lo);
    let mut end = hi;
    while end > c.last && (doc.is_final(end - 1) || doc.kind(end - 1) == Kind::Punct) {
        end -= 1;
    }
    (start < c.first || c.last < end).then_some(Raw {
        speaker: None,
        cue: c,
        content: (start.min(c.first), end.max(c.last)),
    })
}

/// "According to X, Y" and "Y, according to X".
fn according_to(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    let src = source_right(doc, c.last, hi)?;
    // "In addition, according to X, Y": a fronted phrase is not the content;
    // nor is a conjunction or bracket ("But according to X, Y").
    let lead_only = (lo..c.first)
        .all(|k| !doc.is_word(k) || matches!(doc.lw(k), "and" | "but" | "yet" | "so" | "still"));
    let fronted = lead_only
        || c.first > lo + 1 && {
            let mut end = c.first;
            while end > lo && matches!(doc.w(end - 1), "," | "—" | "–" | "--" | "(") {
                end -= 1;
            }
            doc.quote(lo).is_none() && !clause_like(doc, lo, end) && src.1 + 1 < hi
        };
    let mut end = c.first;
    while end > lo && matches!(doc.w(end - 1), "," | "—" | "–" | "--" | "(") {
        end -= 1;
    }
    // "He left after, according to him, the network fired him", "It was
    // noticed: According to polls, X": the words before open the clause
    // that follows.
    let opens = end > lo
        && (doc.w(end - 1) == ":"
            || matches!(
                doc.lw(end - 1),
                "after" | "because" | "while" | "when" | "since" | "before" | "that" | "if"
            ));
    // "That's according to X": the pronoun, not its verb.
    let that_is = end == lo + 2
        && matches!(doc.lw(lo), "that" | "this" | "it")
        && matches!(doc.lw(lo + 1), "'s" | "’s" | "is" | "was");
    let content = if that_is {
        (lo, lo + 1)
    } else if fronted || opens || c.first == lo || (c.first > lo && doc.lw(c.first - 1) == "and") {
        let mut j = src.1;
        while j < hi && doc.w(j) == "," {
            j += 1;
        }
        // "According to X, writing for Y: Z": a participle phrase on the
        // source ends at the colon.
        if doc.lw(j).ends_with("ing") {
            if let Some(k) = (j + 1..hi.min(j + 10)).find(|&k| doc.w(k) == ":") {
                // (`content_after` skips the colon, or goes on to the next
                // paragraph after it.)
                j = k;
            }
        }
        content_after(doc, j, hi, &[])?
    } else {
        if end <= lo {
            return None;
        }
        let mut start = lo;
        if let Some(q) = doc.quote(lo) {
            start = start.min(q.open);
        }
        (start, end)
    };
    Some(Raw {
        speaker: Some(src),
        cue: c,
        content,
    })
}

/// The source after "according to": a noun phrase that may hold cue words
/// as nouns ("the statement", "reports filed by X") and a short quoted
/// title ("the \u{201c}Medicare for all\u{201d} document").
fn source_right(doc: &Doc, start: usize, hi: usize) -> Option<(usize, usize)> {
    let mut i = start;
    while i < hi && i - start < 14 {
        if doc.kind(i) == Kind::Open {
            match doc.quote(i) {
                Some(q) if q.close < hi && q.close <= q.open + 10 && i > start => {
                    i = q.close + 1;
                    continue;
                }
                _ => break,
            }
        }
        if doc.np_boundary_unmarked(i) {
            break;
        }
        i += 1;
    }
    while i > start && (doc.is_final(i - 1) || doc.w(i - 1) == ",") {
        i -= 1;
    }
    (i > start).then_some((start, i))
}

/// A passive cue with its agent: "Cruz was endorsed by Fiorina", "Assad,
/// opposed by the U.S., ...": the agent speaks, the subject is the content.
fn passive(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    if c.last != c.first + 1 || matches!(doc.lex.entries[c.entry].lemma.as_str(), "ask" | "tell") {
        return None;
    }
    let w = doc.lw(c.first);
    if !(w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn")) {
        return None;
    }
    // "As reported by the Gazette, X" / "X, as first reported by the
    // Gazette": the agent reports the clause.
    if let Some(asw) = (lo..c.first).rev().take(2).find(|&k| doc.lw(k) == "as") {
        if (asw + 1..c.first).all(|k| doc.is_word(k) && skippable(doc.lw(k)))
            && c.last < hi
            && doc.lw(c.last) == "by"
        {
            let agent = np_right(doc, c.last + 1, hi)?;
            let mut end = asw;
            while end > lo && separator(doc, end - 1) {
                end -= 1;
            }
            let content = if end >= lo + 3 {
                Some((lo, end))
            } else {
                (agent.1..hi)
                    .find(|&k| doc.w(k) == ",")
                    .filter(|&k| k <= agent.1 + 3)
                    .and_then(|k| content_after(doc, k + 1, hi, &[]))
            }?;
            return Some(Raw {
                speaker: Some(agent),
                cue: c,
                content,
            });
        }
    }
    let be_form = |k: usize| {
        matches!(
            doc.lw(k),
            "was" | "were" | "is" | "are" | "been" | "be" | "being"
        )
    };
    let mut j = c.first;
    while j > lo
        && doc.is_word(j - 1)
        && !be_form(j - 1)
        && (skippable(doc.lw(j - 1)) || doc.lw(j - 1) == "already")
    {
        j -= 1;
    }
    let be = j > lo && be_form(j - 1);
    // ", backed by X", "(favored strongly by X)".
    let reduced = j > lo + 1 && matches!(doc.w(j - 1), "," | "(");
    // "a sentiment endorsed by the crowd", "a measure strongly opposed by
    // unions": a participle (and its adverbs) right after a noun.
    let attributive = (j == c.first
        || (j..c.first).all(|k| {
            let w = doc.lw(k);
            w.ends_with("ly") || matches!(w, "first" | "later" | "since" | "also")
        }))
        && j > lo
        && doc.is_word(j - 1)
        && !doc.upper(j - 1)
        && !doc.is_determiner(j - 1)
        && !function_word(doc, j - 1)
        && c.last < hi
        && doc.lw(c.last) == "by";
    // "Suspect Named By Police": a headline passive.
    let headline =
        j == c.first && j > lo && doc.in_headline(c.first) && c.last < hi && doc.lw(c.last) == "by";
    let attributive = attributive || headline;
    if !be && !reduced && !attributive {
        return reduced_participle(doc, c, lo, hi);
    }
    let first_by = (c.last..hi.min(c.last + 6)).find(|&k| doc.lw(k) == "by");
    let near = first_by.filter(|&by| (c.last..by).all(|k| doc.is_word(k)));
    // "was declared the winner in the Pennsylvania, Maryland and Delaware
    // primaries by news organizations": a later agent after a plain object,
    // not "by a wide margin", "by 2020" or "by calling".
    let far = || {
        let by = (c.last..hi.min(c.last + 16)).find(|&k| doc.lw(k) == "by")?;
        let next = by + 1;
        let agentive = next < hi
            && doc.is_word(next)
            && !doc.lw(next).ends_with("ing")
            && !doc
                .lw(next)
                .chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_digit())
            && !time_word(doc.lw(next))
            && !matches!(
                doc.lw(next),
                "far" | "phone" | "email" | "mail" | "then" | "now"
            )
            && !(matches!(doc.lw(next), "a" | "an" | "the")
                && next + 1 < hi
                && matches!(
                    doc.lw(next + 1),
                    "margin"
                        | "wide"
                        | "narrow"
                        | "large"
                        | "small"
                        | "vote"
                        | "factor"
                        | "landslide"
                ));
        let plain = (c.last..by).all(|k| {
            (doc.is_word(k)
                && !doc.cue_mark[k]
                && !matches!(doc.lw(k), "that" | "and" | "who" | "which"))
                // "the Pennsylvania, Maryland and Delaware primaries".
                || (doc.lw(k) == "and" && k > c.last && doc.upper(k - 1))
                || (doc.w(k) == "," && k > c.last && doc.upper(k - 1))
        });
        (be && agentive && plain && c.last < hi && !matches!(doc.lw(c.last), "to" | "that"))
            .then_some(by)
    };
    let Some(by) = near.or_else(far) else {
        return if first_by.is_some() {
            None
        } else if be {
            agentless(doc, c, j - 1, lo, hi)
        } else {
            reduced_participle(doc, c, lo, hi)
        };
    };
    let mut agent = np_right(doc, by + 1, hi)?;
    // "(favored by farmers) on fuel": the bracket closes the agent.
    if let Some(k) = (agent.0..agent.1).find(|&k| doc.w(k) == ")") {
        if !(agent.0..k).any(|m| doc.w(m) == "(") && k > agent.0 {
            agent.1 = k;
        }
    }
    let content = if be {
        // "He studied law and was nominated to the bench by X": the
        // coordinated subject.
        speaker_left(doc, c.first, lo).or_else(|| {
            coordinated(doc, j - 1, lo)
                .then(|| sentence_subject(doc, lo, j - 1))
                .flatten()
        })?
    } else if attributive {
        // The noun phrase from its last determiner: "a sentiment".
        let (a, b) = np_left(doc, j, lo)?;
        let det = (a..b).rev().find(|&k| doc.is_determiner(k)).unwrap_or(a);
        (det, b)
    } else {
        np_left(doc, j - 1, lo)?
    };
    Some(Raw {
        speaker: Some(agent),
        cue: c,
        content,
    })
}

/// A participle phrase with no agent on a subject noun, before the main
/// verb: "The plan rejected on Monday was similar to ...", "A merger
/// announced Monday would turn ...", "The candidates named in his email
/// are ...". No one is named as the source; the noun phrase (from its last
/// determiner) is what the cue is about.
fn reduced_participle(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    let w = doc.lw(c.first);
    if c.last != c.first + 1
        || !(w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn"))
        || c.first <= lo
        || doc.lex.is_learned(c.entry)
        || doc.lex.entries[c.entry].class == CueClass::Belief
    {
        return None;
    }
    // "The deal, announced Friday, would ...": set off by commas.
    let p = if doc.w(c.first - 1) == "," && c.first >= lo + 2 {
        c.first - 2
    } else {
        c.first - 1
    };
    if !doc.is_word(p) || doc.upper(p) || doc.is_determiner(p) || function_word(doc, p) {
        return None;
    }
    // The main verb within a short adverbial after the participle.
    let verb = (c.last..hi.min(c.last + 6)).find(|&k| {
        matches!(
            doc.lw(k),
            "was"
                | "were"
                | "is"
                | "are"
                | "would"
                | "will"
                | "has"
                | "have"
                | "had"
                | "could"
                | "can"
                | "should"
                | "must"
                | "may"
                | "might"
        )
    })?;
    // Only the adverbial between: no new subject ("As the paper reported on
    // Saturday, the senator has ...").
    if verb == c.last
        || (c.last..verb).any(|k| {
            !(doc.is_word(k) || (doc.w(k) == "," && k + 1 == verb))
                || doc.cue_mark[k]
                || matches!(
                    doc.lw(k),
                    "that" | "he" | "she" | "they" | "it" | "we" | "i" | "the" | "a" | "an"
                )
        })
        || !(adverbial_lead(doc, (c.last, verb)) || time_word(doc.lw(c.last)))
    {
        return None;
    }
    if p + 1 < c.first && doc.w(verb - 1) != "," {
        return None;
    }
    let (a, b) = np_left(doc, p + 1, lo)?;
    let det = (a..b).rev().find(|&k| doc.is_determiner(k)).unwrap_or(a);
    Some(Raw {
        speaker: None,
        cue: c,
        content: (det, b),
    })
}

/// An agentless passive of a cue ("Schilling was dismissed after ...",
/// "Sanders was declared the winner", "the plan is expected to pass"):
/// no one is named as the source, and the subject is what the cue is about
/// (with the infinitive after it: "is expected to pass").
fn agentless(doc: &Doc, c: CueHit, be: usize, lo: usize, hi: usize) -> Option<Raw> {
    // A belief ("are convinced"): other rules take it.
    if doc.lex.entries[c.entry].class == CueClass::Belief {
        return None;
    }
    // A cue only the model found needs a break or adverbial after it
    // ("was booed at the rally", "were introduced last year"), not a clause
    // ("is convinced the plan will fail": other rules take it).
    if doc.lex.is_learned(c.entry)
        && c.last < hi
        && doc.is_word(c.last)
        && !is_preposition(doc.lw(c.last))
        && !time_word(doc.lw(c.last))
        && !matches!(doc.lw(c.last), "and" | "but" | "when" | "while" | "as")
    {
        return None;
    }
    let subject = speaker_left(doc, c.first, lo)?;
    if subject.1 > be || matches!(doc.lw(subject.0), "it" | "there") {
        return None;
    }
    // "are worried about X", "was pressed on why", "is convinced that",
    // "is expected to endorse", "is seen as": the experiencer or an
    // object after the participle; other rules take these. ("was booed at
    // the rally": "at" opens an adverbial.)
    let mut k = c.last;
    while k < hi && doc.is_word(k) && doc.lw(k).len() > 3 && doc.lw(k).ends_with("ly") {
        k += 1;
    }
    if k < hi {
        let next = doc.lw(k);
        if doc.kind(k) == Kind::Open
            || matches!(
                next,
                "that"
                    | "to"
                    | "as"
                    | "about"
                    | "of"
                    | "with"
                    | "over"
                    | "for"
                    | "by"
                    | "from"
                    | "into"
                    | "whether"
                    | "if"
                    | ":"
            )
            || (next == "on" && !(k + 1 < hi && (doc.upper(k + 1) || time_word(doc.lw(k + 1)))))
        {
            return None;
        }
    }
    Some(Raw {
        speaker: None,
        cue: c,
        content: subject,
    })
}

/// "Sanders was asked by host Bill Maher whether ...": the agent of a
/// passive "asked"/"told" speaks; the question or message after the agent
/// (or its relative clause) is the content.
fn asked_by(doc: &Doc, c: CueHit, lo: usize, hi: usize, rest: &[CueHit]) -> Option<Raw> {
    if c.last != c.first + 1
        || c.last + 1 >= hi
        || !matches!(doc.lw(c.first), "asked" | "told")
        || doc.lw(c.last) != "by"
    {
        return None;
    }
    let mut j = c.first;
    while j > lo && doc.is_word(j - 1) && skippable(doc.lw(j - 1)) && !doc.upper(j - 1) {
        if matches!(doc.lw(j - 1), "was" | "were" | "is" | "are") {
            break;
        }
        j -= 1;
    }
    let be = j > lo
        && matches!(
            doc.lw(j - 1),
            "was" | "were" | "is" | "are" | "been" | "be" | "being"
        );
    // "When asked by a reporter whether ...", "Asked by Ingraham about ...".
    let reduced = c.first == lo
        || (doc.lw(c.first) == "asked"
            && matches!(
                doc.lw(c.first - 1),
                "when" | "after" | "before" | "if" | "once"
            ));
    if !be && !reduced {
        return None;
    }
    let agent = np_right(doc, c.last + 1, hi)?;
    // Past ", who is supporting Sanders," to the question.
    let mut from = agent.1;
    if from + 1 < hi && doc.w(from) == "," && matches!(doc.lw(from + 1), "who" | "a" | "an" | "the")
    {
        if let Some(k) = (from + 1..hi).find(|&k| doc.w(k) == ",") {
            from = k;
        }
    }
    let mut content = content_after(doc, from, hi, rest)?;
    // A fronted "Asked by X if Y, she ...": the question ends at its comma.
    if reduced && !be {
        if let Some(k) = (content.0 + 1..content.1).find(|&k| doc.w(k) == ",") {
            content.1 = k;
        }
    }
    Some(Raw {
        speaker: Some(agent),
        cue: c,
        content,
    })
}

/// Agentless passives of saying, with no one named as the source:
/// "It had been claimed that X", "it is alleged X" (the cue runs from
/// "it"; the clause after it is the content) and "X is said to have ...",
/// "X was rumoured to be ..." (the cue is the passive; the content runs from
/// the subject to the end of the clause).
fn impersonal(doc: &Doc, c: CueHit, lo: usize, hi: usize, rest: &[CueHit]) -> Option<Raw> {
    if c.last != c.first + 1 || c.noun.is_some() || c.last >= hi {
        return None;
    }
    if !matches!(
        doc.lw(c.first),
        "claimed"
            | "alleged"
            | "reported"
            | "said"
            | "rumoured"
            | "rumored"
            | "believed"
            | "understood"
            | "thought"
            | "suggested"
            | "speculated"
            | "reputed"
            | "asserted"
            | "contended"
    ) {
        return None;
    }
    let be_form = |k: usize| {
        matches!(
            doc.lw(k),
            "is" | "was" | "were" | "are" | "been" | "be" | "being"
        )
    };
    let mut j = c.first;
    // Adverbs between the auxiliary and the participle ("is widely said").
    while j > lo
        && c.first - j < 2
        && doc.is_word(j - 1)
        && doc.lw(j - 1).ends_with("ly")
        && !be_form(j - 1)
    {
        j -= 1;
    }
    if j == lo || !be_form(j - 1) {
        return None;
    }
    let be = j - 1;
    // Back over the rest of the verb group: "had been", "has long been",
    // "may have been", "is not".
    let mut a = be;
    while a > lo
        && doc.is_word(a - 1)
        && matches!(
            doc.lw(a - 1),
            "had"
                | "has"
                | "have"
                | "will"
                | "would"
                | "may"
                | "might"
                | "could"
                | "can"
                | "should"
                | "must"
                | "also"
                | "long"
                | "previously"
                | "widely"
                | "already"
                | "now"
                | "been"
        )
    {
        a -= 1;
    }
    let next = doc.lw(c.last);
    // "was said by X": the agent speaks; other rules take it.
    if next == "by" {
        return None;
    }
    if a > lo && doc.lw(a - 1) == "it" {
        // "It is alleged that ...": "it" must open its clause.
        let it = a - 1;
        let opens = it == lo
            || matches!(doc.w(it - 1), "," | ";" | "—" | "–" | "--" | "(")
            || matches!(
                doc.lw(it - 1),
                "and" | "but" | "as" | "while" | "although" | "though"
            );
        if !opens || matches!(next, "to" | "as" | "for" | "in" | "on" | "at") {
            return None;
        }
        let content = content_after(doc, c.last, hi, rest)?;
        // A clause, not a bare object ("it was reported widely").
        if content.1 < content.0 + 3 {
            return None;
        }
        return Some(Raw {
            speaker: None,
            cue: CueHit { first: it, ..c },
            content,
        });
    }
    // "X is said to have ...": the subject and the infinitive clause.
    if next != "to" || a != be {
        return None;
    }
    let subject = speaker_left(doc, be, lo).or_else(|| sentence_subject(doc, lo, be))?;
    if subject.1 != be || matches!(doc.lw(subject.0), "it" | "this" | "that" | "there") {
        return None;
    }
    let after = content_after(doc, c.last, hi, rest)?;
    if after.1 < after.0 + 3 {
        return None;
    }
    Some(Raw {
        speaker: None,
        cue: CueHit { first: be, ..c },
        content: (subject.0, after.1),
    })
}

/// Verbs of feeling whose object feels: "The remark worried analysts"
/// (the analysts speak about the remark); "Neither man was impressed by
/// her" (the subject feels about the agent).
fn psych(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    let w = doc.lw(c.first);
    if c.last != c.first + 1
        || c.last >= hi
        || !matches!(
            w,
            "worried"
                | "angered"
                | "alarmed"
                | "frustrated"
                | "upset"
                | "troubled"
                | "surprised"
                | "pleased"
                | "disappointed"
                | "rattled"
                | "outraged"
                | "infuriated"
                | "irritated"
                | "annoyed"
                | "impressed"
                | "shocked"
                | "stunned"
                | "delighted"
                | "angers"
                | "worries"
                | "alarms"
                | "frustrates"
                | "troubles"
                | "impresses"
        )
    {
        return None;
    }
    let prev = if c.first > lo {
        doc.lw(c.first - 1)
    } else {
        ""
    };
    let passive = matches!(prev, "was" | "were" | "is" | "are" | "been" | "be")
        || (c.first > lo + 1
            && skippable(prev)
            && matches!(doc.lw(c.first - 2), "was" | "were" | "is" | "are" | "been"));
    if passive {
        // "Neither man was impressed by her": the subject feels.
        if !matches!(doc.lw(c.last), "by" | "with") {
            return None;
        }
        let stimulus = content_after(doc, c.last + 1, hi, &[])?;
        let subject = speaker_left(doc, c.first, lo)?;
        return Some(Raw {
            speaker: Some(subject),
            cue: c,
            content: stimulus,
        });
    }
    // Active with an object: the object feels about the subject.
    let next = doc.lw(c.last);
    let object_starts = doc.is_determiner(c.last)
        || doc.upper(c.last)
        || matches!(
            next,
            "some" | "many" | "most" | "him" | "her" | "them" | "us" | "me" | "voters"
        );
    if !object_starts || matches!(next, "that" | "about" | "by") {
        return None;
    }
    let experiencer = np_right(doc, c.last, hi)?;
    let stimulus = speaker_left(doc, c.first, lo)?;
    Some(Raw {
        speaker: Some(experiencer),
        cue: c,
        content: stimulus,
    })
}

/// "The bill has drawn criticism from X", "Cruz picked up an endorsement
/// from Y": the one after "from" speaks about the subject.
fn received(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    let w = doc.lw(c.first);
    if c.last != c.first + 1
        || c.last + 1 >= hi
        || doc.lw(c.last) != "from"
        || w.ends_with("ed")
        || w.ends_with("ing")
        || c.first <= lo
    {
        return None;
    }
    let speaker = np_right(doc, c.last + 1, hi)?;
    let mut subject = sentence_subject(doc, lo, c.first)?;
    if subject.1 >= c.first {
        return None;
    }
    // The subject ends before its verb and any adverb on it ("The plan
    // quickly drew sharp criticism from X"): the first receiving verb in it.
    if let Some(v) = (subject.0 + 1..subject.1).find(|&k| receiving_verb(doc.lw(k))) {
        subject.1 = v;
    }
    while subject.1 > subject.0 + 1 && doc.lw(subject.1 - 1).ends_with("ly") {
        subject.1 -= 1;
    }
    // "faced criticism from rivals that his rallies are unsafe": the clause
    // after the source is what was said.
    if speaker.1 < hi && (doc.lw(speaker.1) == "that" || doc.kind(speaker.1) == Kind::Open) {
        if let Some(content) = content_after(doc, speaker.1, hi, &[]) {
            return Some(Raw {
                speaker: Some(speaker),
                cue: c,
                content,
            });
        }
    }
    Some(Raw {
        speaker: Some(speaker),
        cue: c,
        content: subject,
    })
}

/// Verbs that receive a noun cue ("won the endorsement of X", "drew
/// criticism from X", "has drawn ...").
fn receiving_verb(w: &str) -> bool {
    matches!(
        w,
        "won"
            | "wins"
            | "win"
            | "winning"
            | "received"
            | "receives"
            | "receive"
            | "receiving"
            | "got"
            | "gets"
            | "earned"
            | "earns"
            | "gained"
            | "secured"
            | "secures"
            | "landed"
            | "has"
            | "had"
            | "drew"
            | "drawn"
            | "draws"
            | "drawing"
            | "faced"
            | "faces"
            | "facing"
            | "face"
            | "met"
            | "meets"
            | "attracted"
            | "up"
    )
}

/// "Cruz won the endorsement of X", "the statement quickly drew sharp
/// criticism from X", "measures met with fierce opposition by X": a noun
/// cue a light verb receives has the phrase after "of"/"from"/"by" as its
/// speaker and the light verb's subject as its content.
fn light_verb_agent(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    if c.last != c.first + 1 || c.last + 1 >= hi {
        return None;
    }
    let w = doc.lw(c.first);
    let prep = doc.lw(c.last);
    let of_ok = matches!(w, "endorsement" | "endorsements" | "backing" | "blessing");
    if !(matches!(prep, "from" | "by") || (prep == "of" && of_ok))
        || w.ends_with("ed")
        || w.ends_with("ing") && w != "backing"
    {
        return None;
    }
    // Back over determiners and adjectives to the light verb.
    let mut v = c.first;
    while v > lo && c.first - v < 4 && doc.is_word(v - 1) && !receiving_verb(doc.lw(v - 1)) {
        v -= 1;
    }
    if v == lo || !receiving_verb(doc.lw(v - 1)) {
        return None;
    }
    let mut verb = v - 1;
    if doc.lw(verb) == "up" && verb > lo && matches!(doc.lw(verb - 1), "picked" | "picks") {
        verb -= 1;
    } else if doc.lw(verb) == "up" {
        return None;
    }
    let speaker = np_right(doc, c.last + 1, hi)?;
    let content = speaker_left(doc, verb, lo)?;
    Some(Raw {
        speaker: Some(speaker),
        cue: c,
        content,
    })
}

/// Words before "to" whose subject says what the infinitive cue after
/// them says: "tried to explain", "was not willing to say", "went on to
/// attack", "is expected to endorse".
fn subject_control(w: &str) -> bool {
    raising_adjective(w)
        || matches!(
            w,
            "refused"
                | "refuses"
                | "refuse"
                | "declined"
                | "declines"
                | "decline"
                | "wants"
                | "wanted"
                | "want"
                | "plans"
                | "planned"
                | "hopes"
                | "hoped"
                | "tried"
                | "tries"
                | "sought"
                | "seeks"
                | "vowed"
                | "vows"
                | "promised"
                | "promises"
                | "agreed"
                | "agrees"
                | "continued"
                | "continues"
                | "began"
                | "begins"
                | "started"
                | "decided"
                | "decides"
                | "chose"
                | "threatened"
                | "threatens"
                | "pledged"
                | "pledges"
                | "failed"
                | "fails"
                | "quick"
                | "expected"
                | "going"
                | "about"
                | "on"
        )
}

/// Verbs whose object says what the infinitive cue after it says: "the
/// vote prompted Jones to advocate", "the ruling led her to declare".
fn object_control(w: &str) -> bool {
    matches!(
        w,
        "prompted"
            | "prompts"
            | "led"
            | "leads"
            | "urged"
            | "urges"
            | "pushed"
            | "pressed"
            | "allowed"
            | "allows"
            | "encouraged"
            | "forced"
            | "invited"
            | "caused"
            | "inspired"
            | "leaving"
            | "left"
            | "asked"
            | "asks"
    )
}

/// Adjectives before "to" that leave the cue to the infinitive: "was
/// not willing to say", "is likely to endorse".
fn raising_adjective(w: &str) -> bool {
    matches!(
        w,
        "willing"
            | "unwilling"
            | "able"
            | "unable"
            | "likely"
            | "unlikely"
            | "eager"
            | "ready"
            | "poised"
            | "reluctant"
    )
}

/// An infinitive cue: "X refused to say Y", "X went on to attack Y", "X
/// went so far as to say: Y" (the subject speaks), "the vote prompted X in
/// 2011 to advocate Y", "led her to declare Y" (the object speaks). The
/// content is what follows the infinitive. ("I have nothing to say",
/// "it is hard to say" have no such verb before "to".)
fn infinitive(doc: &Doc, c: CueHit, lo: usize, hi: usize, rest: &[CueHit]) -> Option<Raw> {
    if c.first < lo + 2 || doc.lw(c.first - 1) != "to" {
        return None;
    }
    let to = c.first - 1;
    let gov = to - 1;
    // "declined to say X", "wanted to know Y": the first verb is the cue,
    // unless it is an adjective only the model found ("was not willing to
    // say X").
    if doc.cue_mark[gov] && (doc.starts_cue_form(gov) || !raising_adjective(doc.lw(gov))) {
        return None;
    }
    let speaker = if subject_control(doc.lw(gov)) {
        // "went on to", "is about to": the verb before the particle.
        let mut v = gov;
        if matches!(doc.lw(gov), "on" | "about") {
            if gov == lo
                || !matches!(
                    doc.lw(gov - 1),
                    "went" | "goes" | "go" | "going" | "is" | "was" | "are" | "were"
                )
            {
                return None;
            }
            v = gov - 1;
        }
        speaker_left(doc, v, lo)?
    } else if doc.lw(gov) == "as"
        && gov >= lo + 3
        && doc.lw(gov - 1) == "far"
        && doc.lw(gov - 2) == "so"
    {
        // "went so far as to say".
        speaker_left(doc, gov - 3, lo)?
    } else {
        // "prompted Jones in 2011 to": an object, maybe a time phrase after it.
        let mut end = to;
        if let Some(k) = (end.saturating_sub(4).max(lo)..end).find(|&k| is_preposition(doc.lw(k))) {
            let last = doc.w(end - 1);
            let when =
                last.chars().all(|ch| ch.is_ascii_digit()) || time_word(&last.to_lowercase());
            if k > lo && (k + 1..end).all(|m| doc.is_word(m)) && when {
                end = k;
            }
        }
        let v = (end.saturating_sub(6).max(lo)..end)
            .rev()
            .find(|&k| object_control(doc.lw(k)))?;
        if v + 1 >= end || !(v + 1..end).all(|k| doc.is_word(k) && !doc.cue_mark[k]) {
            return None;
        }
        (v + 1, end)
    };
    let content = content_after(doc, c.last, hi, rest)?;
    Some(Raw {
        speaker: Some(speaker),
        cue: c,
        content,
    })
}

/// A verb cue: find its speaker and content.
fn verb_cue(
    doc: &Doc,
    c: CueHit,
    lo: usize,
    hi: usize,
    rest: &[CueHit],
    prev: &[Raw],
) -> Option<Raw> {
    // "was not willing to say X", "went so far as to say X": the model's
    // cue gives way to the infinitive (see `infinitive`).
    let infinitive_at = if raising_adjective(doc.lw(c.first)) && doc.lw(c.last) == "to" {
        Some(c.last + 1)
    } else if doc.lw(c.first) == "far" && doc.lw(c.last) == "as" && doc.lw(c.last + 1) == "to" {
        Some(c.last + 2)
    } else {
        None
    };
    let gives_way = c.last == c.first + 1
        && !doc.starts_cue_form(c.first)
        && infinitive_at.is_some_and(|k| {
            k < hi
                && rest
                    .iter()
                    .take_while(|h| h.first <= k)
                    .find(|h| h.first == k)
                    .is_some_and(|&h| infinitive(doc, h, lo, hi, rest).is_some())
        });
    if gives_way {
        return None;
    }
    if let Some(r) = infinitive(doc, c, lo, hi, rest)
        .or_else(|| impersonal(doc, c, lo, hi, rest))
        .or_else(|| asked_by(doc, c, lo, hi, rest))
        .or_else(|| psych(doc, c, lo, hi))
        .or_else(|| passive(doc, c, lo, hi))
        .or_else(|| received(doc, c, lo, hi))
        .or_else(|| light_verb_agent(doc, c, lo, hi))
    {
        return Some(r);
    }
    // "their criticism of X", "Clinton's support for Y": the possessor.
    if c.first > lo {
        let p = c.first - 1;
        let possessor = match doc.lw(p) {
            w if possessive_pronoun(w) => {
                Some(object_possessor_subject(doc, p, lo).unwrap_or((p, p + 1)))
            }
            "'s" | "’s" => np_left(doc, p, lo),
            _ => None,
        };
        if let Some(src) = possessor {
            let content = content_after(doc, c.last, hi, rest)?;
            return Some(Raw {
                speaker: Some(src),
                cue: c,
                content,
            });
        }
    }
    if let Some(src) = object_noun_subject(doc, c, lo).or_else(|| in_hopes_subject(doc, c, lo)) {
        if let Some(content) = content_after(doc, c.last, hi, rest) {
            return Some(Raw {
                speaker: Some(src),
                cue: c,
                content,
            });
        }
    }
    let gerund = doc.lw(c.first).ends_with("ing")
        && ((c.first > lo
            && (is_preposition(doc.lw(c.first - 1))
                || matches!(doc.lw(c.first - 1), "while" | "when")))
            // "Emphasizing the urgency, Trump said ...".
            || (c.first == lo && doc.upper(c.first) && !doc.in_headline(c.first)));
    if gerund {
        // "by announcing ...", "In rejecting ..., the commission": the
        // subject of the main clause speaks.
        let content = content_after(doc, c.last, hi, rest)?;
        let speaker = if let Some(src) = main_clause_speaker(doc, c, lo, hi, rest) {
            Some(src)
        } else if c.first <= lo + 1 {
            (c.last..hi)
                .find(|&k| doc.w(k) == ",")
                .and_then(|k| np_right(doc, k + 1, hi))
        } else {
            let before = prev
                .iter()
                .rev()
                .find(|r| r.cue.first >= lo && r.cue.first < c.first);
            let floor = before.map_or(lo, |r| r.cue.last.max(r.content.1).min(c.first));
            // "Ryan, who a week ago surprised Trump by declaring X": a gerund
            // inside a relative clause has the relative pronoun as speaker.
            let relative = (floor.max(lo + 1)..c.first)
                .rev()
                .take_while(|&k| !separator(doc, k) && doc.w(k) != ";")
                .find(|&k| doc.lw(k) == "who")
                .map(|k| (k, k + 1));
            relative
                .or_else(|| nearest_subject(doc, floor, c.first - 1, true).filter(|s| s.0 > lo))
                .or_else(|| before.and_then(|r| r.speaker))
                .or_else(|| sentence_subject(doc, lo, c.first))
        };
        let content = match speaker {
            // The fronted clause ends at the comma before its subject.
            Some((a, _)) if a > c.last && a - 1 > content.0 => (content.0, a - 1),
            _ => content,
        };
        return Some(Raw {
            speaker,
            cue: c,
            content,
        });
    }
    if let Some(r) = inverted_tail(doc, c, lo, hi) {
        return Some(r);
    }
    if let Some(r) =
        reduced_relative(doc, c, lo, hi, rest).or_else(|| named_relative(doc, c, lo, hi, rest))
    {
        return Some(r);
    }
    let src = if participle(doc, c) {
        None
    } else {
        speaker_left(doc, c.first, lo).map(|np| object_before_gerund(doc, c, np, lo).unwrap_or(np))
    };
    if let Some(src) = src {
        let before =
            content_before(doc, src.0, lo).or_else(|| quote_closing_before(doc, src.0, lo, c));
        let after = content_after(doc, c.last, hi, rest);
        // "As the paper reported on Saturday, he has emerged as ...": a
        // parenthetical "as" frame reports the main clause after its comma.
        if src.0 > lo && doc.lw(src.0 - 1) == "as" {
            if let Some(a) = after {
                // A short adverbial ("on Saturday,"), not an object ("as
                // the White House hints at what ..., Y").
                // (The content may end at that comma when a cue follows:
                // "As X reported, even on Friday, the city was refusing".)
                let main = if adverbial_lead(doc, a) {
                    (a.0..(a.1 + 1).min(hi))
                        .find(|&k| doc.w(k) == "," && doc.in_quote[k].is_none())
                        .filter(|&k| {
                            k <= a.0 + 5
                                && !(a.0..k).any(|j| {
                                    matches!(doc.lw(j), "what" | "how" | "whether" | "why" | "who")
                                })
                        })
                        .and_then(|k| content_after(doc, k + 1, hi, rest))
                } else if doc.w(a.0 - 1) == "," {
                    Some(a)
                } else {
                    None
                };
                if let Some(content) = main {
                    return Some(Raw {
                        speaker: Some(src),
                        cue: c,
                        content,
                    });
                }
            }
        }
        let after_opens =
            after.is_some_and(|(a, _)| doc.kind(a) == Kind::Open || doc.lw(a) == "that");
        let ends_clause =
            c.last >= hi || doc.is_final(c.last) || (doc.w(c.last) == "," && !after_opens);
        // `“It is over.” Kaine did not see the point.`: a quotation that
        // ends its own sentence before the speaker is not the content of a
        // cue with an object of its own.
        let own_object = |(b, a): ((usize, usize), (usize, usize))| {
            b.1 == src.0
                && b.1 >= 2
                && doc.kind(b.1 - 1) == Kind::Close
                && matches!(doc.w(b.1 - 2), "." | "?" | "!")
                && a.0 == c.last
                && !time_or_place_lead(doc.lw(a.0))
                && !matches!(doc.lw(a.0), "about" | "from")
                // "declined to comment", "vowed to fight on": an infinitive
                // object, not "added to reporters".
                && (doc.lw(a.0) != "to"
                    || (a.0 + 1 < a.1
                        && doc.is_word(a.0 + 1)
                        && !doc.upper(a.0 + 1)
                        && !doc.is_determiner(a.0 + 1)
                        && !doc.lw(a.0 + 1).ends_with('s')
                        && !matches!(
                            doc.lw(a.0 + 1),
                            "him" | "her" | "them" | "me" | "us" | "you" | "it"
                        )))
                && !(doc.lw(a.0).len() > 4 && doc.lw(a.0).ends_with("ing"))
                && !adverbial_lead(doc, a)
                && !recipient_only(doc, c, a)
                // "he told the cheering crowd", "he urged them, as ...".
                && !(matches!(doc.lex.entries[c.entry].lemma.as_str(), "tell" | "ask" | "urge")
                    && (a.0..a.1)
                        .find(|&k| separator(doc, k))
                        .unwrap_or(a.1)
                        <= a.0 + 4)
        };
        // "the ruling, which he has denied, ...", "what she truly
        // believes": an object relative pronoun before the subject is what
        // the cue reports, with the rest of the relative clause.
        // After a preposition ("in which he declares X") the pronoun is
        // no object unless nothing but a short phrase follows the cue ("on
        // which they see eye to eye").
        let pronoun = src.0.checked_sub(1).filter(|&k| {
            k >= lo
                && matches!(doc.lw(k), "which" | "whom" | "what")
                && (k == lo
                    || !is_preposition(doc.lw(k - 1))
                    || (!doc.cue_mark[k - 1] && after.is_some_and(|a| trivial(doc, a))))
        });
        if let Some(pronoun) = pronoun {
            let start = if pronoun > lo && is_preposition(doc.lw(pronoun - 1)) {
                pronoun - 1
            } else {
                pronoun
            };
            let end = after
                .filter(|&(a, _)| a == c.last)
                .map_or(pronoun + 1, |(_, b)| b);
            return Some(Raw {
                speaker: Some(src),
                cue: c,
                content: (start, end),
            });
        }
        // "Asked whether X, 75 percent said yes": the answer.
        let answer = after.filter(|&(a, b)| {
            a == c.last && matches!(doc.lw(a), "yes" | "no") && (b == a + 1 || !doc.is_word(a + 1))
        });
        let content = match (before, after) {
            (_, Some(a)) if answer.is_some() => (a.0, a.0 + 1),
            (Some((b, true)), Some(a)) if own_object((b, a)) => a,
            (Some((b, true)), Some(a)) if after_opens => (b.0, a.1),
            (Some((b, true)), _) => b,
            (Some((b, false)), a)
                if (ends_clause
                    || a.is_none_or(|a| {
                        trivial(doc, a)
                            || bare_object(doc, a, hi)
                            || recipient_only(doc, c, a)
                            || lower_recipient(doc, c, a)
                            || adverbial_lead(doc, a)
                            // "..., allies believe — backers she will need":
                            // an afterthought after a dash.
                            || (a.0 > c.last
                                && matches!(doc.w(c.last), "—" | "–" | "--")
                                && doc.kind(a.0) != Kind::Open)
                    }))
                    && (a.is_none()
                        || !frames_clause(doc, b)
                        // "In Orlando, Clinton made a stop, the AP reported
                        // Friday": only a time or place after the cue.
                        // ("Walters complained of the noise": "of" is an
                        // object here.)
                        || (a.is_none_or(|a| {
                            adverbial_lead(doc, a)
                                || (time_or_place_lead(doc.lw(a.0)) && doc.lw(a.0) != "of")
                        }) && (!fronted_phrase(doc, b)
                            || (clause_after_fronted(doc, b) && closes_sentence(doc, c))))) =>
            {
                b
            }
            // "X told Yahoo." with nothing reported: no statement.
            (_, Some(a)) if recipient_only(doc, c, a) && bare_end(doc, a, hi) => return None,
            (_, Some(a)) => a,
            (_, None) => return None,
        };
        return Some(Raw {
            speaker: Some(src),
            cue: c,
            content,
        });
    }
    // "X rejected the idea and said that ...": the first verb's subject.
    if coordinated(doc, c.first, lo) {
        if let Some(content) = content_after(doc, c.last, hi, rest) {
            let speaker = coordinated_relative(doc, c.first, lo)
                .or_else(|| absolute_with(doc, c, lo, prev))
                .or_else(|| {
                    prev.iter()
                        .rev()
                        .find(|r| r.cue.first >= lo && r.cue.first < c.first)
                        .and_then(|r| r.speaker)
                })
                .or_else(|| {
                    // "The mayor left early and argued": the subject of the
                    // nearest clause before the conjunction.
                    let floor = prev
                        .iter()
                        .rev()
                        .find(|r| r.cue.first >= lo && r.cue.first < c.first)
                        .map_or(lo, |r| r.cue.last.max(r.content.1).min(c.first));
                    let mut j = c.first;
                    while j > floor && doc.is_word(j - 1) && !matches!(doc.lw(j - 1), "and" | "but")
                    {
                        j -= 1;
                    }
                    (j > floor + 1)
                        .then(|| nearest_subject(doc, floor, j - 1, true))
                        .flatten()
                })
                .or_else(|| clause_pronoun(doc, c.first, lo))
                .or_else(|| sentence_subject(doc, lo, c.first))
                .or_else(|| {
                    // "For that she drew his ire - he called her weak and
                    // said ...": the subject after the last dash or semicolon.
                    let seg = (lo..c.first)
                        .rev()
                        .find(|&k| separator(doc, k) || doc.w(k) == ";")?;
                    sentence_subject(doc, seg + 1, c.first)
                });
            if speaker.is_some() {
                return Some(Raw {
                    speaker,
                    cue: c,
                    content,
                });
            }
        }
    }
    // Inverted: "..., said the ministry."
    let prev_tok = (c.first > lo).then(|| c.first - 1);
    let after_comma = prev_tok
        .is_some_and(|p| matches!(doc.w(p), "," | "—" | "--") || doc.kind(p) == Kind::Close);
    // "Biden complained about X, mocked the Republican Party, and ...": a
    // verb that takes an object continues a list of verbs after a comma
    // and shares the previous statement's speaker.
    let object_verb = matches!(
        doc.lex.entries[c.entry].lemma.as_str(),
        "mock"
            | "criticize"
            | "praise"
            | "denounce"
            | "attack"
            | "accuse"
            | "defend"
            | "blast"
            | "slam"
            | "urge"
            | "endorse"
            | "oppose"
            | "reject"
            | "dismiss"
            | "blame"
            | "condemn"
            | "thank"
            | "cite"
            | "tout"
            | "challenge"
            | "threaten"
            | "question"
    );
    if after_comma && !participle(doc, c) && object_verb && doc.w(c.first - 1) == "," {
        let before = prev
            .iter()
            .rev()
            .find(|r| r.cue.first >= lo && r.cue.first < c.first && r.speaker.is_some());
        if let (Some(r), Some(content)) = (before, content_after(doc, c.last, hi, rest)) {
            return Some(Raw {
                speaker: r.speaker,
                cue: c,
                content,
            });
        }
    }
    if after_comma && !participle(doc, c) {
        if let Some(src) = np_right(doc, c.last, hi) {
            if let Some((content, _)) = content_before(doc, c.first, lo) {
                return Some(Raw {
                    speaker: Some(src),
                    cue: c,
                    content,
                });
            }
        }
    }
    // "Said Dorothy Poynter, who grew up with him, “We were proud.”"
    // ("Asked about the vote, she ..." asks; see below).
    if c.first == lo && c.last < hi && doc.lw(c.first) != "asked" {
        if let Some(src) = np_right(doc, c.last, hi) {
            let open = (src.1..hi).find(|&k| doc.kind(k) == Kind::Open || doc.w(k) == ":");
            if let Some(content) = open.and_then(|k| content_after(doc, k, hi, rest)) {
                return Some(Raw {
                    speaker: Some(src),
                    cue: c,
                    content,
                });
            }
        }
    }
    // "..., he said when asked whether ...", "Asked about X, she ...": the
    // one asking is not named.
    let asked = doc.lw(c.first) == "asked";
    if asked && (c.first == lo || matches!(doc.lw(c.first - 1), "when" | "after" | "before" | "if"))
    {
        if let Some(content) = content_after(doc, c.last, hi, rest) {
            // "Asked if he was bullied, Smith laughed": the question ends at
            // the comma before the main clause.
            let content = match (content.0 + 1..content.1)
                .find(|&k| doc.w(k) == "," && doc.in_quote[k].is_none())
            {
                Some(k) if c.first == lo => (content.0, k),
                _ => content,
            };
            // "Asked by a reporter if ...": the one asking.
            if doc.lw(content.0) == "by" {
                if let Some(src) = np_right(doc, content.0 + 1, content.1) {
                    if src.1 < content.1 {
                        return Some(Raw {
                            speaker: Some(src),
                            cue: c,
                            content: (src.1, content.1),
                        });
                    }
                }
            }
            return Some(Raw {
                speaker: None,
                cue: c,
                content,
            });
        }
    }
    // A participle clause takes the speaker of its sentence, or of the
    // nearest clause after the previous statement.
    if participle(doc, c) {
        let content = content_after(doc, c.last, hi, rest)?;
        let before = prev
            .iter()
            .rev()
            .find(|r| r.cue.first >= lo && r.cue.first < c.first);
        let floor = before.map_or(lo, |r| r.cue.last.max(r.content.1).min(c.first));
        let near = nearest_subject(doc, floor, c.first - 1, false).filter(|s| s.0 > lo);
        let speaker = near
            .or_else(|| before.and_then(|r| r.speaker))
            .or_else(|| sentence_subject(doc, lo, c.first));
        return Some(Raw {
            speaker,
            cue: c,
            content,
        });
    }
    None
}

/// "He has stepped up his attacks on X", "Clinton chose to make her case
/// for Y": a possessive in the object of a verb refers back to the clause's
/// subject, which is the speaker (a pronoun must agree with the possessive).
fn object_possessor_subject(doc: &Doc, p: usize, lo: usize) -> Option<(usize, usize)> {
    if p <= lo + 1 || !doc.is_word(p - 1) || doc.upper(p - 1) {
        return None;
    }
    let v = doc.lw(p - 1);
    let verbish = |w: &str| {
        !is_preposition(w)
            && !doc.is_determiner(p - 1)
            && !matches!(
                w,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "and"
                    | "or"
                    | "but"
                    | "that"
                    | "which"
                    | "who"
                    | "to"
                    | "as"
                    | "than"
                    | "of"
                    | "not"
            )
    };
    let particle = matches!(v, "up" | "upon" | "out" | "off" | "down")
        && p >= lo + 2
        && doc.is_word(p - 2)
        && doc.lw(p - 2).len() > 4
        && doc.lw(p - 2).ends_with("ed");
    if !(verbish(v) || particle) {
        return None;
    }
    let subject =
        nearest_subject(doc, lo, p - 1, false).or_else(|| sentence_subject(doc, lo, p - 1))?;
    if subject.1 > p - 1 || subject.1 + 6 < p {
        return None;
    }
    let agree = match doc.lw(subject.0) {
        "he" => doc.lw(p) == "his",
        "she" => doc.lw(p) == "her",
        "they" => doc.lw(p) == "their",
        "we" => doc.lw(p) == "our",
        "i" => doc.lw(p) == "my",
        "it" => doc.lw(p) == "its",
        "you" | "who" | "which" | "there" | "this" | "that" => false,
        // A name, not a determiner phrase ("The crowd cheered his attacks").
        _ => {
            doc.upper(subject.0)
                && !doc.is_determiner(subject.0)
                && !matches!(doc.lw(p), "our" | "my")
        }
    };
    agree.then_some(subject)
}

/// "A deadlocked court failed to reach a decision on X", "Trump has made
/// other public promises to Y", "The senators voted in favor of Z": a noun
/// cue in the object of a verb has the verb's clause subject as speaker.
fn object_noun_subject(doc: &Doc, c: CueHit, lo: usize) -> Option<(usize, usize)> {
    let mut d = c.first;
    while d > lo && c.first - d <= 3 {
        d -= 1;
        let w = doc.lw(d);
        if matches!(w, "a" | "an" | "another" | "other") || (d + 1 == c.first && w == "in") {
            break;
        }
        if !doc.is_word(d) || doc.upper(d) || doc.np_boundary(d) || d == lo {
            return None;
        }
    }
    let w = doc.lw(d);
    if !(matches!(w, "a" | "an" | "another" | "other") || w == "in") || d <= lo + 1 {
        return None;
    }
    // "a spokesman said": a noun between the determiner and a verb cue.
    let noun = doc.noun(c.first).is_some()
        || (!doc.starts_cue_form(c.first) && !doc.lw(c.first).ends_with("ed"));
    if d + 1 < c.first && !noun {
        return None;
    }
    // "while another says": a pronoun, not a determiner.
    if d + 1 == c.first && matches!(w, "another" | "other") {
        return None;
    }
    // The verb before: "reach a", "made other", "voted in".
    let mut v = d - 1;
    while v > lo
        && doc.is_word(v)
        && !doc.upper(v)
        && skippable(doc.lw(v))
        && doc.lw(v).ends_with("ly")
    {
        v -= 1;
    }
    let verb = doc.lw(v);
    if !doc.is_word(v)
        || doc.upper(v)
        || is_preposition(verb)
        || doc.is_determiner(v)
        || matches!(
            verb,
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "and"
                | "or"
                | "but"
                | "of"
                | "that"
                | "which"
                | "who"
                | "there"
                | "as"
                | "than"
                | "not"
                | "such"
                | "when"
                | "while"
                | "after"
                | "before"
                | "because"
                | "if"
                | "since"
                | "where"
                | "though"
                | "although"
                | "until"
                | "whether"
        )
    {
        return None;
    }
    let subject = nearest_subject(doc, lo, v + 1, false)?;
    (subject.1 <= v).then_some(subject)
}

/// "X met the chief executive in hopes of persuading him", "The court sent
/// the case back in the hope that ...": the hope is the clause subject's,
/// looked for after any relative pronoun or semicolon ("a senator who
/// many had backed in the hope of").
fn in_hopes_subject(doc: &Doc, c: CueHit, lo: usize) -> Option<(usize, usize)> {
    if !matches!(doc.lw(c.first), "hope" | "hopes") {
        return None;
    }
    let mut i = c.first;
    if i > lo && doc.lw(i - 1) == "the" {
        i -= 1;
    }
    if i <= lo + 1 || doc.lw(i - 1) != "in" {
        return None;
    }
    let floor = (lo..i - 1)
        .rev()
        .find(|&k| matches!(doc.lw(k), "who" | "whom" | "which" | "that" | ";" | ":"))
        .map_or(lo, |k| k + 1);
    nearest_subject(doc, floor, i - 1, true)
}

/// "Cruz is making a pitch to New York voters saying X", "The senator
/// emailed supporters saying Y": a gerund cue right after a verb's object
/// has the clause subject as speaker, not the object.
fn object_before_gerund(
    doc: &Doc,
    c: CueHit,
    np: (usize, usize),
    lo: usize,
) -> Option<(usize, usize)> {
    let w = doc.lw(c.first);
    if !(w.len() > 4 && w.ends_with("ing")) || np.1 != c.first || np.0 <= lo + 1 {
        return None;
    }
    let before = np.0 - 1;
    let bw = doc.lw(before);
    // "the former president, who spent much of his speech defending X": the
    // relative pronoun before a verb phrase.
    if bw == "who" && !doc.upper(np.0) && !doc.is_determiner(np.0) {
        return Some((before, np.0));
    }
    if !doc.is_word(before)
        || matches!(
            bw,
            "with"
                | "and"
                | "but"
                | "or"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "of"
                | "that"
                | "who"
                | "which"
                | "there"
                | "as"
                | "when"
                | "while"
                | "after"
                | "before"
                | "because"
                | "if"
        )
    {
        return None;
    }
    if matches!(
        bw,
        "has" | "have" | "had" | "given" | "alongside" | "around"
    ) || (np.0..np.1).any(|k| matches!(doc.lw(k), "'s" | "’s"))
    {
        return None;
    }
    let subject = nearest_subject(doc, lo, before + 1, false)?;
    // "with 30 percent of voters saying", "to see a Republican
    // administration defending", "including an adviser acknowledging": the
    // noun phrase is the gerund's own subject.
    let own_subject = (subject.1..c.first).any(|k| {
        let w = doc.lw(k);
        matches!(
            w,
            "with"
                | "including"
                | "see"
                | "seeing"
                | "saw"
                | "seen"
                | "hear"
                | "heard"
                | "watch"
                | "watched"
                | "watching"
        ) || separator(doc, k)
            // "now has over 170 researchers compiling": a possessive `has`.
            || (matches!(w, "has" | "have" | "had")
                && k + 1 < c.first
                && !doc.lw(k + 1).ends_with("ed")
                && !doc.lw(k + 1).ends_with("en")
                && !irregular_past(doc.lw(k + 1))
                && !skippable(doc.lw(k + 1)))
            // "Mr. Clinton jetting around the world asking": a gerund with
            // its own subject before.
            || (k > subject.1
                && w.len() > 4
                && w.ends_with("ing")
                && !matches!(doc.lw(k - 1), "is" | "are" | "was" | "were" | "be" | "been"))
    });
    (subject.1 <= before && !own_subject).then_some(subject)
}

/// "..., with Donald Trump tweeting that X and asking Y": a coordinated
/// gerund in an absolute `with` clause has the clause's noun phrase as
/// speaker.
fn absolute_with(doc: &Doc, c: CueHit, lo: usize, prev: &[Raw]) -> Option<(usize, usize)> {
    let w = doc.lw(c.first);
    if !(w.len() > 4 && w.ends_with("ing")) {
        return None;
    }
    let floor = prev
        .iter()
        .rev()
        .find(|r| r.cue.first >= lo && r.cue.first < c.first)
        .map_or(lo, |r| r.cue.first.min(c.first));
    let with = (floor..c.first)
        .rev()
        .take_while(|&k| !matches!(doc.w(k), ";" | "—" | "–" | "--"))
        .find(|&k| doc.lw(k) == "with")?;
    let v = (with + 2..c.first.min(with + 9))
        .find(|&k| doc.lw(k).len() > 4 && doc.lw(k).ends_with("ing"))?;
    let mut end = v;
    while end > with + 2
        && doc.is_word(end - 1)
        && !doc.upper(end - 1)
        && skippable(doc.lw(end - 1))
    {
        end -= 1;
    }
    let plain = (with + 1..end).all(|k| doc.is_word(k) || matches!(doc.w(k), "'s" | "’s" | "."))
        && !(with + 1..end).any(|k| doc.np_boundary(k));
    plain.then_some((with + 1, end))
}

/// Past-tense verbs without `-ed`, for finding a clause's verb.
fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "took"
            | "made"
            | "said"
            | "told"
            | "went"
            | "came"
            | "gave"
            | "won"
            | "ran"
            | "led"
            | "spoke"
            | "wrote"
            | "sent"
            | "held"
            | "met"
            | "brought"
            | "got"
            | "became"
            | "began"
            | "left"
            | "kept"
            | "saw"
            | "stood"
            | "broke"
            | "drew"
            | "felt"
            | "found"
            | "heard"
            | "knew"
            | "lost"
            | "paid"
            | "thought"
            | "struck"
            | "sought"
            | "fought"
            | "spent"
            | "threw"
            | "rose"
            | "quit"
    )
}

/// Whether token `i` reads as the finite verb of a clause (adverbs before
/// it passed over).
fn verb_like(doc: &Doc, i: usize, hi: usize) -> bool {
    let mut i = i;
    while i + 1 < hi && doc.is_word(i) && !doc.upper(i) && skippable(doc.lw(i)) {
        if doc.is_auxiliary(i) || doc.lw(i).ends_with("n't") {
            return true;
        }
        i += 1;
    }
    if i >= hi || !doc.is_word(i) || doc.upper(i) {
        return false;
    }
    let w = doc.lw(i);
    doc.is_auxiliary(i)
        || (w.len() > 3 && w.ends_with("ed"))
        || irregular_past(w)
        || (doc.cue_mark[i] && !w.ends_with("ing"))
}

/// The subject of a clause starting at `k`: a personal pronoun, or a name or
/// determiner phrase, right before a finite verb.
fn clause_subject_at(doc: &Doc, k: usize, hi: usize) -> Option<(usize, usize)> {
    if doc.in_quote[k].is_some() || !doc.is_word(k) {
        return None;
    }
    let w = doc.lw(k);
    if matches!(w, "he" | "she" | "they" | "we" | "it") {
        let next = k + 1;
        let contracted = next < hi && matches!(doc.lw(next), "'s" | "’s" | "'d" | "’d");
        return (contracted || verb_like(doc, next, hi)).then_some((k, k + 1));
    }
    if !(doc.upper(k) || matches!(w, "the" | "a" | "an")) || doc.np_boundary(k) {
        return None;
    }
    let mut i = k + 1;
    while i < hi && i - k < 8 && !doc.np_boundary(i) && !verb_like(doc, i, hi) {
        i += 1;
    }
    // "the most qualified": a degree word before an adjective in `-ed`.
    let degree = matches!(
        doc.lw(i - 1),
        "most" | "more" | "very" | "less" | "least" | "so" | "too"
    );
    if !(i < hi && i > k && !degree && verb_like(doc, i, hi)) {
        return None;
    }
    // "The ministry on Monday rejected": the subject without its time.
    let end = time_tail(doc, i, k).filter(|&t| t > k).unwrap_or(i);
    Some(trim_np(doc, k, end))
}

/// The subject of the nearest clause before `end` that starts after `floor`:
/// `... and the ACLU has sued the city, saying`, `as he defended X, saying`.
/// With `subordinate`, clauses opened by `when`, `because` ... count too
/// (`when he brought up X and later said`, `when X began by calling`), but
/// not `after`/`before` ones.
fn nearest_subject(
    doc: &Doc,
    floor: usize,
    end: usize,
    subordinate: bool,
) -> Option<(usize, usize)> {
    for k in (floor..end).rev() {
        // `“...,” Rubio replied before adding`: a closing quote opens one too.
        let opens = k == floor
            || matches!(doc.w(k - 1), "," | ";" | "—" | "–" | "--")
            || doc.kind(k - 1) == Kind::Close
            || matches!(
                doc.lw(k - 1),
                "and" | "but" | "as" | "while" | "though" | "although"
            )
            || (subordinate
                && matches!(doc.lw(k - 1), "when" | "because" | "since" | "if" | "where"));
        if !opens {
            continue;
        }
        if let Some(s) = clause_subject_at(doc, k, end) {
            return Some(s);
        }
    }
    None
}

/// A reduced object relative clause: "a topic she knew well", "a fact he
/// mentions on the trail", "the sort of change the party warned about in
/// its report": a noun phrase right before a subject pronoun, and nothing
/// after the cue that could be its object. The pronoun speaks; the noun
/// phrase (from its last determiner) is what the cue reports.
fn reduced_relative(doc: &Doc, c: CueHit, lo: usize, hi: usize, rest: &[CueHit]) -> Option<Raw> {
    let j = skip_back(doc, c.first, lo);
    // "jetting around the world asking for X": a bare gerund has no
    // subject of its own.
    if j < lo + 2 || (j == c.first && doc.lw(c.first).ends_with("ing")) {
        return None;
    }
    // The subject: a pronoun, or a phrase opened by a determiner ("the
    // party", "many Latinos").
    let pronoun = if matches!(
        doc.lw(j - 1),
        "he" | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "we've"
            | "they've"
            | "i've"
            | "nobody"
            | "everyone"
            | "everybody"
            | "someone"
    ) {
        j - 1
    } else {
        let (a, b) = np_left(doc, j, lo)?;
        (a.max(b.saturating_sub(4)).max(a + 1)..b).find(|&k| {
            matches!(doc.lw(k), "the" | "a" | "an" | "many")
                && doc.is_word(k - 1)
                && !doc.upper(k - 1)
        })?
    };
    let head = pronoun - 1;
    let hw = doc.lw(head);
    // "The Harry Stone we remember": a name after "the" before a pronoun.
    let the_name = doc.upper(head)
        && doc.is_word(pronoun)
        && !doc.upper(pronoun)
        && np_left(doc, pronoun, lo).is_some_and(|(a, b)| {
            doc.lw(a) == "the" && (a + 1..b).all(|k| doc.is_word(k) && doc.upper(k))
        });
    if !doc.is_word(head)
        || doc.cue_mark[head]
        || function_word(doc, head)
        || time_word(hw)
        || (doc.upper(head) && !the_name)
        || hw.chars().any(|ch| ch.is_ascii_digit())
        || matches!(
            hw,
            "that"
                | "which"
                | "who"
                | "what"
                | "when"
                | "where"
                | "how"
                | "why"
                | "if"
                | "and"
                | "but"
                | "or"
                | "because"
                | "so"
                | "whether"
                | "than"
                | "as"
                | "said"
                | "says"
                | "more"
                | "less"
        )
        || (hw.len() > 4 && hw.ends_with("ly"))
        || doc.is_auxiliary(head)
    {
        return None;
    }
    // Nothing after the cue that could be its object: the end of the
    // clause, a break, an adverbial, or a stranded preposition.
    let after = content_after(doc, c.last, hi, rest);
    let gap = match after {
        None => true,
        Some(a) => {
            let opens = (a.0..a.1).any(|k| doc.kind(k) == Kind::Open || doc.lw(k) == "that");
            // "a subject he knew well, having ...": an adverb and a break.
            let adverb_only = (a.0..a.1).find(|&k| separator(doc, k)).is_some_and(|k| {
                k <= a.0 + 2
                    && (a.0..k).all(|m| doc.is_word(m) && !doc.upper(m) && !doc.is_determiner(m))
            });
            // "the question nobody asked was ...": the main clause's verb.
            let main_verb = matches!(
                doc.lw(a.0),
                "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "would"
            );
            a.0 > c.last
                || adverb_only
                || main_verb
                || adverbial_lead(doc, a)
                || (!opens
                    && (is_preposition(doc.lw(a.0)) || (a.1 <= a.0 + 2 && !doc.is_determiner(a.0))))
        }
    };
    if !gap {
        return None;
    }
    let (a, b) = np_left(doc, pronoun, lo)?;
    if b != pronoun {
        return None;
    }
    let det = (a..b).rev().find(|&k| doc.is_determiner(k))?;
    Some(Raw {
        speaker: Some((pronoun, j)),
        cue: c,
        content: (det, b),
    })
}

/// "The candidates Smith named in his letter are ...": a plural noun
/// phrase opened by "the", a name and the cue, then the main clause's verb
/// (right after the cue or after an adverbial). The name speaks; the noun
/// phrase is what the cue is about.
fn named_relative(doc: &Doc, c: CueHit, lo: usize, hi: usize, rest: &[CueHit]) -> Option<Raw> {
    let j = skip_back(doc, c.first, lo);
    let mut n = j;
    while n > lo && doc.is_word(n - 1) && doc.upper(n - 1) {
        n -= 1;
    }
    if n == j || n < lo + 2 {
        return None;
    }
    let head = n - 1;
    let hw = doc.lw(head);
    if !doc.is_word(head)
        || doc.upper(head)
        || doc.cue_mark[head]
        || function_word(doc, head)
        || !hw.ends_with('s')
        || hw.ends_with("ss")
    {
        return None;
    }
    let det = (head.saturating_sub(3).max(lo)..head)
        .rev()
        .find(|&k| matches!(doc.lw(k), "the" | "these" | "those"))?;
    if !(det + 1..head).all(|k| doc.is_word(k) && !doc.upper(k) && !doc.cue_mark[k]) {
        return None;
    }
    let after = content_after(doc, c.last, hi, rest)?;
    if after.0 != c.last {
        return None;
    }
    let main = |k: usize| {
        matches!(
            doc.lw(k),
            "is" | "are" | "was" | "were" | "will" | "would" | "has" | "have"
        )
    };
    let verb = main(after.0)
        || (adverbial_lead(doc, after)
            && (after.0..after.1)
                .take_while(|&k| {
                    !separator(doc, k) && doc.kind(k) != Kind::Open && doc.lw(k) != "that"
                })
                .any(main));
    verb.then_some(Raw {
        speaker: Some((n, j)),
        cue: c,
        content: (det, head + 1),
    })
}

/// Words of time that head an adverbial, not a speaker ("said Tuesday",
/// "last week said").
fn time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
            | "recently"
            | "earlier"
            | "later"
            | "previously"
            | "last"
            | "this"
            | "next"
            | "ago"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "day"
            | "days"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "already"
            | "again"
            | "once"
            | "now"
            | "then"
    )
}

/// `..., said Black, who ...`, `“...,” says Evan Tracey, a consultant.`: a
/// cue after a comma or closing quote whose noun phrase ends the clause
/// (sentence end or a comma opening an appositive) is inverted. The chain
/// before the comma is the content, not the speaker's appositive.
fn inverted_tail(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    if c.first <= lo + 1 || participle(doc, c) || c.noun.is_some() {
        return None;
    }
    let p = c.first - 1;
    if !(matches!(doc.w(p), "," | "—" | "--") || doc.kind(p) == Kind::Close) {
        return None;
    }
    // Verbs that invert; "told CBS", "criticized Clinton" take objects.
    let lemma = doc.lex.entries[c.entry].lemma.as_str();
    if c.last != c.first + 1
        || !matches!(
            lemma,
            "say" | "add" | "write" | "explain" | "argue" | "joke" | "insist" | "conclude"
        )
    {
        return None;
    }
    let src = np_right(doc, c.last, hi)?;
    let ends = src.1 >= hi || doc.is_final(src.1) || doc.w(src.1) == ",";
    if !ends || time_word(doc.lw(src.0)) {
        return None;
    }
    if let Some(content) = parenthetical(doc, c, src, lo, hi) {
        return Some(Raw {
            speaker: Some(src),
            cue: c,
            content,
        });
    }
    // A name ("David Axelrod", "Senator John McCain of Arizona"), or a
    // common noun phrase an appositive or relative clause describes ("said
    // a senior official, who ...").
    let name = doc.upper(src.0)
        && (src.0..src.1).all(|k| {
            !doc.is_word(k) || doc.upper(k) || matches!(doc.lw(k), "of" | "and" | "the" | "de")
        });
    let described = src.1 < hi
        && doc.w(src.1) == ","
        && src.1 + 1 < hi
        && doc.is_determiner(src.0)
        && (matches!(doc.lw(src.1 + 1), "who" | "a" | "an" | "the") || doc.is_role(src.1 + 1));
    if !name && !described {
        return None;
    }
    let (content, _) = content_before(doc, c.first, lo)?;
    Some(Raw {
        speaker: Some(src),
        cue: c,
        content,
    })
}

/// "The plan, said Lee, who chairs the board, would fail": an inverted cue
/// set off inside its clause, after the bare subject and before the rest
/// of the clause (a verb after the speaker's comma, or after one more
/// segment describing the speaker). The whole clause is the content.
fn parenthetical(
    doc: &Doc,
    c: CueHit,
    (_, end): (usize, usize),
    lo: usize,
    hi: usize,
) -> Option<(usize, usize)> {
    let p = c.first - 1;
    let mut a = lo;
    while a < p && matches!(doc.lw(a), "and" | "but" | "so" | "yet") {
        a += 1;
    }
    let bare = doc.w(p) == ","
        && a < p
        && p - a <= 12
        && (a..p).all(|k| doc.is_word(k) && (!doc.np_boundary(k) || doc.lw(k) == "and"));
    if !bare || end >= hi || doc.w(end) != "," {
        return None;
    }
    let next = (end + 1..hi.min(end + 20))
        .take_while(|&k| !doc.is_final(k) && doc.kind(k) != Kind::Open)
        .find(|&k| doc.w(k) == ",");
    // "never forgets": a present-tense verb counts in this position.
    let present = |k: usize| {
        let mut m = k;
        while m < hi && doc.is_word(m) && !doc.upper(m) && skippable(doc.lw(m)) {
            m += 1;
        }
        m < hi
            && doc.is_word(m)
            && !doc.upper(m)
            && doc.lw(m).ends_with('s')
            && !doc.is_determiner(m)
            && !matches!(doc.lw(m), "his" | "its" | "us" | "as" | "this")
    };
    let verb = [Some(end), next]
        .into_iter()
        .flatten()
        .find(|&k| k + 1 < hi && (verb_like(doc, k + 1, hi) || present(k + 1)))?;
    let mut b = hi;
    while b > verb + 1 && doc.is_final(b - 1) {
        b -= 1;
    }
    (b > verb + 2).then_some((lo, b))
}

/// "Acknowledging that Trump “says a lot,” Allen said ...", "In rejecting
/// a similar challenge, the commission wrote ...": the subject of the next
/// cue in the sentence, when it follows the fronted phrase's comma (or
/// closing quote), speaks for the fronted gerund too.
fn main_clause_speaker(
    doc: &Doc,
    c: CueHit,
    lo: usize,
    hi: usize,
    rest: &[CueHit],
) -> Option<(usize, usize)> {
    // Fronted: only connectives and prepositions before the gerund ("But in
    // describing", "Instead of calling"), not "Murphy followed up by"; or
    // phrases set off by commas without a verb ("Sunday, on CNN, while
    // commenting").
    let connective = |w: &str| {
        is_preposition(w)
            || matches!(
                w,
                "but" | "and" | "yet" | "so" | "instead" | "while" | "when" | "now"
            )
    };
    let verbless = c.first > lo + 1
        && matches!(doc.lw(c.first - 1), "while" | "when")
        && (doc.w(c.first - 2) == "," || doc.kind(c.first - 2) == Kind::Close)
        && (lo..c.first - 2).all(|k| {
            !doc.is_word(k)
                || doc.upper(k)
                || !(verb_like(doc, k, k + 1) || doc.cue_mark[k] || doc.lw(k).ends_with("ing"))
        });
    let fronted = verbless || (lo..c.first).all(|k| connective(doc.lw(k)));
    if !fronted {
        return None;
    }
    // The first later verb cue whose subject follows a comma: cues inside
    // the fronted phrase ("highlighted by") are passed over.
    let mut next: Vec<&CueHit> = rest
        .iter()
        .take_while(|r| r.first < hi)
        .filter(|r| r.first > c.last && r.noun.is_none())
        .collect();
    next.sort_by_key(|r| r.first);
    next.into_iter().find_map(|next| {
        let (a, b) = speaker_left(doc, next.first, c.last)?;
        let after_comma = a > c.last && (doc.w(a - 1) == "," || doc.kind(a - 1) == Kind::Close);
        let pronoun_or_name = doc.upper(a)
            || doc.is_determiner(a)
            || doc.lw(a) == "he"
            || doc.lw(a) == "she"
            || doc.lw(a) == "they"
            || doc.lw(a) == "we";
        (after_comma && pronoun_or_name && doc.in_quote[a].is_none()).then_some((a, b))
    })
}

/// `“... missing.” Trump said.`: the quotation that ends just before a
/// sentence made of its speaker and cue only. A quotation ending in "?" or
/// "!" ends no sentence of its own: `“All the way!” Dawson shouted, ...`.
fn quote_closing_before(
    doc: &Doc,
    p: usize,
    lo: usize,
    c: CueHit,
) -> Option<((usize, usize), bool)> {
    if p != lo || lo < 2 || doc.kind(lo - 1) != Kind::Close {
        return None;
    }
    if !closes_sentence(doc, c) && (doc.toks[lo].para || !matches!(doc.w(lo - 2), "?" | "!")) {
        return None;
    }
    let q = doc.quote(lo - 1)?;
    (q.close >= q.open + 4).then_some(((q.open, q.close + 1), true))
}

/// The noun phrase a sentence opens with, up to its first verb-like word.
fn sentence_subject(doc: &Doc, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut lo = lo;
    while lo + 1 < hi && matches!(doc.lw(lo), "but" | "and" | "so" | "yet" | "still") {
        lo += 1;
    }
    let first = doc.lw(lo);
    // "A few days later, ...", "Back in 1999, ...", "Hours later, ...".
    let timed = (lo..hi.min(lo + 6))
        .find(|&k| doc.w(k) == ",")
        .is_some_and(|k| {
            first == "back"
                || (lo..k).any(|m| {
                    matches!(
                        doc.lw(m),
                        "later"
                            | "ago"
                            | "earlier"
                            | "year"
                            | "years"
                            | "days"
                            | "weeks"
                            | "months"
                            | "hours"
                            | "morning"
                            | "night"
                            | "week"
                            | "month"
                    )
                })
        });
    let fronted = timed
        || is_preposition(first)
        || (matches!(
            first,
            "outside" | "inside" | "unlike" | "here" | "across" | "beyond"
        ) && (lo + 1..hi.min(lo + 8)).any(|k| doc.w(k) == ","))
        || interjection(first)
        || (first.len() > 4 && (first.ends_with("ly") || first.ends_with("ing")))
        || matches!(
            first,
            "earlier" | "later" | "now" | "today" | "yesterday" | "this" | "once" | "as" | "when"
        );
    if fronted {
        // "At a meeting on Tuesday, some senators ...", "Ultimately, the
        // minister ...", "Speaking on TV, she ...": skip the fronted phrase.
        lo = (lo..hi).find(|&k| doc.w(k) == ",")? + 1;
        // "At a rally in Portsmouth, N.H., on Tuesday, Sanders ...": a
        // place's state and a time set off by their own commas.
        while let Some(k) = (lo..hi.min(lo + 5)).find(|&k| doc.w(k) == ",") {
            let place = (lo..k).all(|m| doc.upper(m) || doc.w(m) == ".");
            let time = is_preposition(doc.lw(lo)) && (lo + 1..k).any(|m| time_word(doc.lw(m)));
            if k > lo && (place || time) && k + 1 < hi {
                lo = k + 1;
            } else {
                break;
            }
        }
    }
    let mut i = lo;
    // A bracketed party and state ("Sen. Ted Cruz (R-Tex.)") counts as one.
    let mut extra = 0;
    while i < hi && i - lo < 6 + extra && !doc.np_boundary(i) {
        let w = doc.lw(i);
        if i > lo && !doc.upper(i) && (w.ends_with("ed") || doc.starts_cue_form(i)) {
            break;
        }
        // "X on Wednesday downplayed": the time starts after the subject.
        if i > lo
            && matches!(w, "on" | "last" | "earlier" | "late" | "this")
            && i + 1 < hi
            && time_word(doc.lw(i + 1))
        {
            break;
        }
        if w == "(" {
            if let Some(close) = (i + 1..hi.min(i + 8)).find(|&k| doc.w(k) == ")") {
                extra += close - i;
                i = close;
            }
        }
        i += 1;
    }
    // "Sanders late Monday acquiesced": the subject without its time.
    if let Some(k) = time_tail(doc, i, lo) {
        i = k;
    }
    (i > lo).then_some((lo, i))
}

/// Turns token-range statements into sorted, resolved [`Statement`]s.
/// The statements of `raws` (in text order), speakers resolved.
fn build(doc: &Doc, raws: &[Raw]) -> Vec<Statement> {
    let speakers = coref::resolve(doc, raws);
    let text = doc.text;
    let mut out = Vec::with_capacity(raws.len());
    for (n, (r, speaker)) in raws.iter().zip(speakers).enumerate() {
        let entry = &doc.lex.entries[r.cue.entry];
        let (cs, ce) = doc.bytes(r.cue.first, r.cue.last);
        let (ks, ke) = doc.bytes(r.content.0, r.content.1);
        let mut lo_tok = r.cue.first.min(r.content.0);
        let mut hi_tok = r.cue.last.max(r.content.1);
        if let Some((a, b)) = r.speaker {
            lo_tok = lo_tok.min(a);
            hi_tok = hi_tok.max(b);
        }
        let s1 = doc.sentence(lo_tok);
        let s2 = doc.sentence(hi_tok - 1);
        let (ss, se) = doc.bytes(s1.first, s2.last);
        let kind = quote_kind(doc, r.content);
        out.push(Statement {
            id: format!("s{}", n + 1),
            speaker,
            cue: Some(Cue {
                span: Span::of(text, cs, ce),
                lemma: if entry.lemma.is_empty() {
                    doc.lower[cs..ce].to_string()
                } else {
                    entry.lemma.clone()
                },
                class: entry.class,
            }),
            content: Some(Span::of(text, ks, ke)),
            kind,
            sentence: Span::of(text, ss, se),
        });
    }
    out
}

/// Direct when the content is one quotation, mixed when it holds one.
fn quote_kind(doc: &Doc, (a, b): (usize, usize)) -> QuoteKind {
    let opens = (a..b).any(|k| doc.kind(k) == Kind::Open);
    if !opens {
        return QuoteKind::Indirect;
    }
    match doc.quote(a) {
        Some(q) if q.open == a && q.close + 1 >= b => QuoteKind::Direct,
        _ => QuoteKind::Mixed,
    }
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests_content;
#[cfg(test)]
mod tests_precision;
#[cfg(test)]
mod tests_recall;
#[cfg(test)]
mod tests_speakers;

#[cfg(test)]
mod tests {
    use super::test_support::rules;
    use super::*;
    use claimwatch_shared::events::PartyType;

    fn one<'a>(stmts: &'a [Statement], cue: &str) -> &'a Statement {
        stmts
            .iter()
            .find(|s| s.cue.as_ref().is_some_and(|c| c.span.text == cue))
            .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {stmts:#?}"))
    }

    fn speaker(s: &Statement) -> (&str, &str) {
        let sp = s.speaker.as_ref().expect("a speaker");
        (
            sp.span.as_ref().map_or("", |x| x.text.as_str()),
            sp.name.as_str(),
        )
    }

    fn content(s: &Statement) -> &str {
        s.content.as_ref().map_or("", |c| c.text.as_str())
    }

    #[test]
    fn direct_quote_with_speaker_after() {
        let text = "“We will never sign this deal,” the minister said on Monday.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "the minister");
        assert_eq!(content(s), "“We will never sign this deal,”");
        assert_eq!(s.kind, QuoteKind::Direct);
        assert_eq!(s.id, "s1");
    }

    #[test]
    fn indirect_speech_with_that_clause() {
        let text = "Maria Lopez said that the factory would close next year.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s), ("Maria Lopez", "Maria Lopez"));
        assert_eq!(content(s), "that the factory would close next year");
        assert_eq!(s.kind, QuoteKind::Indirect);
        assert_eq!(s.speaker.as_ref().map(|x| x.kind), Some(PartyType::Person));
    }

    #[test]
    fn mixed_quote() {
        let text = "The mayor said the plan was \"dead on arrival\" and would be dropped.";
        let st = rules(text);
        let s = &st[0];
        assert_eq!(s.kind, QuoteKind::Mixed);
        assert!(content(s).contains("dead on arrival"));
    }

    #[test]
    fn quote_over_several_paragraphs() {
        let text = "The governor said: “We have done everything we could.\n\n\
                    “Nobody could have predicted the flood.”\n\nOthers disagreed.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(content(s).starts_with("“We have done"));
        assert!(content(s).ends_with("flood.”"));
        assert_eq!(s.kind, QuoteKind::Direct);
    }

    #[test]
    fn quote_over_several_sentences_before_the_cue() {
        let text = "“It was a mistake. We regret it,” the company said.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(content(s), "“It was a mistake. We regret it,”");
        assert_eq!(s.sentence.text, text);
    }

    #[test]
    fn inverted_speaker() {
        let text = "The talks had stalled, said the ministry.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "the ministry");
        assert_eq!(content(s), "The talks had stalled");
        assert_eq!(
            s.speaker.as_ref().map(|x| x.kind),
            Some(PartyType::Government)
        );
    }

    #[test]
    fn according_to() {
        let text = "The convoy was hit twice, according to local officials.";
        let st = rules(text);
        let s = one(&st, "according to");
        assert_eq!(speaker(s).0, "local officials");
        assert_eq!(content(s), "The convoy was hit twice");
        let text = "According to the report, prices rose by a third.";
        let st = rules(text);
        let s = one(&st, "According to");
        assert_eq!(speaker(s).0, "the report");
        assert_eq!(content(s), "prices rose by a third");
    }

    #[test]
    fn quoted_as_saying() {
        let text = "Hamid Karimi was quoted as saying the border would stay shut.";
        let st = rules(text);
        let s = one(&st, "was quoted as saying");
        assert_eq!(speaker(s).0, "Hamid Karimi");
        assert_eq!(content(s), "the border would stay shut");
    }

    #[test]
    fn noun_cues() {
        let text = "Officials rejected Dana Reed's claim that the vote was rigged.";
        let st = rules(text);
        let s = one(&st, "claim");
        assert_eq!(speaker(s).0, "Dana Reed");
        assert_eq!(content(s), "that the vote was rigged");
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Claim));
        let text = "The colonel made a startling claim that the base had been emptied.";
        let st = rules(text);
        let s = one(&st, "made a startling claim");
        assert_eq!(speaker(s).0, "The colonel");
    }

    #[test]
    fn statement_noun_phrase_and_remarks() {
        let text = "The ministry said in a statement that the report was false.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(content(s).contains("the report was false"));
        let text = "The White House dismissed the remarks as baseless.";
        let st = rules(text);
        let s = one(&st, "dismissed");
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Reject));
        assert!(content(s).starts_with("the remarks"));
    }

    #[test]
    fn headline_forms() {
        let st = rules("Mexico Says Nope\n\nThe story follows.");
        let s = one(&st, "Says");
        assert_eq!(speaker(s).0, "Mexico");
        assert_eq!(content(s), "Nope");
        assert_eq!(
            s.speaker.as_ref().map(|x| x.kind),
            Some(PartyType::Government)
        );
        let st = rules("Pentagon denies troops crossed the border\n\nText.");
        let s = one(&st, "denies");
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Deny));
        assert_eq!(
            s.speaker.as_ref().map(|x| x.kind),
            Some(PartyType::Military)
        );
    }

    #[test]
    fn appositive_gives_role_and_organisation() {
        let text = "Lena Fischer, the chief executive of Nordwind Energy, said the plant was safe.";
        let st = rules(text);
        let s = one(&st, "said");
        let sp = s.speaker.as_ref().expect("speaker");
        assert_eq!(sp.name, "Lena Fischer");
        assert_eq!(sp.role.as_deref(), Some("chief executive"));
        assert_eq!(sp.organisation.as_deref(), Some("Nordwind Energy"));
        assert_eq!(sp.kind, PartyType::Person);
    }

    #[test]
    fn pronoun_title_and_surname_resolve_to_the_named_entity() {
        let text = "Omar Haddad, the commander of the northern brigade, spoke on Friday. \
                    He said the bridge was secure. The commander added that more troops \
                    would come. Haddad later insisted the report was wrong.";
        let st = rules(text);
        for cue in ["said", "added", "insisted"] {
            let s = one(&st, cue);
            assert_eq!(speaker(s).1, "Omar Haddad", "cue {cue}");
        }
        let s = one(&st, "added");
        assert_eq!(speaker(s).0, "The commander");
        assert_eq!(
            s.speaker.as_ref().and_then(|x| x.role.as_deref()),
            Some("commander")
        );
        assert_eq!(
            one(&st, "insisted").cue.as_ref().map(|c| c.class),
            Some(CueClass::Claim)
        );
    }

    #[test]
    fn institution_title_resolves() {
        let text = "The Foreign Ministry said talks would resume. The ministry later denied \
                    that any meeting took place.";
        let st = rules(text);
        let s = one(&st, "denied");
        assert_eq!(speaker(s), ("The ministry", "The Foreign Ministry"));
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Deny));
    }

    #[test]
    fn anonymous_sources_and_media() {
        let st = rules("Two sources said the deal was close.");
        let s = one(&st, "said");
        assert_eq!(
            s.speaker.as_ref().map(|x| x.kind),
            Some(PartyType::AnonymousSource)
        );
        let st = rules("The Daily Tribune reported that the mayor had resigned.");
        let s = one(&st, "reported");
        assert_eq!(
            s.speaker.as_ref().map(|x| x.kind),
            Some(PartyType::MediaOutlet)
        );
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Report));
    }

    #[test]
    fn beliefs_and_knowledge() {
        let st = rules("The committee believes the budget is too small.");
        let s = one(&st, "believes");
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Belief));
        assert_eq!(content(s), "the budget is too small");
        let st = rules("The Chronicle has learned that the hospital will close.");
        let s = one(&st, "learned");
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Belief));
    }

    #[test]
    fn participle_clause_shares_the_speaker() {
        let text = "The agency rejected the findings, telling reporters that the data was old.";
        let st = rules(text);
        let s = one(&st, "telling");
        assert_eq!(speaker(s).0, "The agency");
        assert!(content(s).contains("the data was old"));
        let r = one(&st, "rejected");
        assert_eq!(content(r), "the findings");
    }

    #[test]
    fn independent_clauses_get_their_own_statements() {
        let text = "Ruiz said the vote was fair, while the opposition says it was rigged.";
        let st = rules(text);
        assert_eq!(content(one(&st, "said")), "the vote was fair");
        assert_eq!(speaker(one(&st, "says")).0, "the opposition");
    }

    #[test]
    fn spans_are_byte_offsets_and_ids_run_in_order() {
        let text = "Ümit Öz said “café prices rose.” Later, Öz added that rents fell.";
        let st = rules(text);
        assert_eq!(st.len(), 2);
        for (n, s) in st.iter().enumerate() {
            assert_eq!(s.id, format!("s{}", n + 1));
            for sp in [
                s.content.as_ref(),
                s.cue.as_ref().map(|c| &c.span),
                s.speaker.as_ref().and_then(|x| x.span.as_ref()),
            ]
            .into_iter()
            .flatten()
            {
                assert_eq!(&text[sp.start..sp.end], sp.text);
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            " ",
            "\"",
            "“",
            "said",
            "he said",
            ", said",
            "according to",
            "“unclosed quote said the man",
            "’s ’s ’s said ''",
            "A: B: C said: \"\n\n\"",
            "é said ü, according to ß.",
            "- said - — said —",
        ] {
            let _ = rules(text);
        }
        // Pseudo-random strings over a hostile alphabet.
        let alphabet: Vec<char> = "ab Said,.:;\"“”‘’'()-—\n\nthatTheé漢😀according to told "
            .chars()
            .collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(x % 60) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            for st in rules(&s) {
                if let Some(c) = &st.content {
                    assert_eq!(&s[c.start..c.end], c.text);
                }
            }
        }
    }

    #[test]
    fn direct_quote_with_speaker_before_the_cue() {
        let text = "The minister said: “We will not sign this deal.”";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "The minister");
        assert_eq!(content(s), "“We will not sign this deal.”");
        assert_eq!(s.kind, QuoteKind::Direct);
        let text = "Ana Ruiz told reporters, “The count is not over.”";
        let st = rules(text);
        let s = one(&st, "told");
        assert_eq!(speaker(s).0, "Ana Ruiz");
        assert!(content(s).contains("The count is not over."));
    }

    #[test]
    fn quote_then_a_sentence_of_speaker_and_cue() {
        let text = "“The river will rise again by morning.” Ortega said.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "Ortega");
        assert_eq!(content(s), "“The river will rise again by morning.”");
    }

    #[test]
    fn quote_marks_typed_the_wrong_way_round() {
        let text = "“The harbour stays closed for now,“ said Pia Holm, a port official.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "Pia Holm");
        assert_eq!(content(s), "“The harbour stays closed for now,“");
    }

    #[test]
    fn doubled_apostrophe_quote_with_indefinite_speaker() {
        let text = "''Our rules are clear and we enforce them,'' a company spokesman said.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "a company spokesman");
        assert_eq!(content(s), "''Our rules are clear and we enforce them,''");
    }

    #[test]
    fn a_document_as_speaker() {
        let text = "“Mr. Varga pays his own rent,” the statement said.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "the statement");
    }

    #[test]
    fn fronted_subordinate_clause_before_the_speaker() {
        let text = "While the mayor trails in most polls, a strong debate could still \
                    save her, local strategists said.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "local strategists");
        assert!(content(s).starts_with("While the mayor trails"));
    }

    #[test]
    fn adverbials_between_speaker_and_cue() {
        let st = rules("Several economists have in particular noted the fall in wages.");
        assert_eq!(speaker(one(&st, "noted")).0, "Several economists");
        let st = rules("Yuki Sato also made clear that she would not run again.");
        let s = one(&st, "made clear");
        assert_eq!(speaker(s).0, "Yuki Sato");
        assert_eq!(content(s), "that she would not run again");
    }

    #[test]
    fn a_short_object_after_the_cue_is_not_the_content() {
        let text = "The plan includes new funds for rural clinics, the health minister \
                    told a committee Tuesday.";
        let st = rules(text);
        let s = one(&st, "told");
        assert_eq!(speaker(s).0, "the health minister");
        assert_eq!(content(s), "The plan includes new funds for rural clinics");
    }

    #[test]
    fn according_to_after_a_fronted_phrase() {
        let text = "In addition, according to the agency, about two million more \
                    households will qualify.";
        let st = rules(text);
        let s = one(&st, "according to");
        assert_eq!(speaker(s).0, "the agency");
        assert!(content(s).starts_with("about two million"));
    }

    #[test]
    fn speaker_types() {
        let cases = [
            (
                "The Interior Ministry said the roads were open.",
                PartyType::Government,
            ),
            ("The army said the drill had ended.", PartyType::Military),
            (
                "Northwind Airlines said the flights would resume.",
                PartyType::Company,
            ),
            (
                "The Green Party said the vote was unfair.",
                PartyType::Organisation,
            ),
            ("Maria Costa said the vote was unfair.", PartyType::Person),
        ];
        for (text, kind) in cases {
            let st = rules(text);
            let s = one(&st, "said");
            assert_eq!(s.speaker.as_ref().map(|x| x.kind), Some(kind), "{text}");
        }
    }

    #[test]
    fn abbreviations_stay_inside_the_statement() {
        let text = "Gen. Ray Brooks told Mr. Lee in Sept. that the U.S. Navy would stay. \
                    The base was quiet.";
        let st = rules(text);
        let s = one(&st, "told");
        assert_eq!(speaker(s).0, "Gen. Ray Brooks");
        assert!(content(s).contains("the U.S. Navy would stay"));
        assert!(!content(s).contains("The base was quiet"));
    }

    #[test]
    fn set_phrases_and_labels_are_not_statements() {
        for text in [
            "A liberal think tank published the figures on Monday.",
            "The talk show host laughed at the joke.",
            "The driver was found guilty of speeding on Friday.",
            "The union called off the strike after the vote.",
            "Contributing: Ana Ruiz, Tom Berg, Lea Moss and Jon Park.",
            "Twitter: @some_reporter",
        ] {
            assert!(rules(text).is_empty(), "{text}");
        }
        let st = rules("Poll: Most voters want the road rebuilt\n\nText.");
        assert_eq!(speaker(one(&st, ":")).0, "Poll");
    }

    #[test]
    fn a_fronted_adverbial_is_not_the_subject_of_a_coordinated_cue() {
        let text = "Ultimately, the governor ignored the advice and refused to sign the bill.";
        let st = rules(text);
        let s = one(&st, "refused");
        assert_eq!(speaker(s).0, "the governor");
    }

    #[test]
    fn clause_before_an_indefinite_or_adverb_led_attribution() {
        let text = "Still, the senator will rethink his approach, a source close to him said.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "a source close to him");
        assert!(content(s).contains("the senator will rethink his approach"));
        let text = "Also, the mayor is no progressive, he said.";
        assert!(content(one(&rules(text), "said")).contains("no progressive"));
        let text = "Whether the new model works will be part of the review, said Lars Berg.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "said")).0, "Lars Berg");
        // A describing phrase with its own subject is not an attribution.
        let st = rules("The levy, a fact he mentions often, was raised in 2010.");
        assert!(st.iter().all(|s| content(s) != "The levy"));
    }

    #[test]
    fn a_colon_then_the_words_in_the_next_paragraph() {
        let text = "In a speech last July, the governor said:\n\nNobody should doubt that \
                    the plan has failed.\n\nOther news.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(content(s), "Nobody should doubt that the plan has failed");
    }

    #[test]
    fn according_to_sources_with_cue_nouns_and_titles() {
        let text = "But according to reports filed by the lobbyist, the talks began in May.";
        let st = rules(text);
        let s = one(&st, "according to");
        assert_eq!(speaker(s).0, "reports filed by the lobbyist");
        assert_eq!(content(s), "the talks began in May");
        let text = "According to the statement, the two met to discuss a television special.";
        let st = rules(text);
        let s = one(&st, "According to");
        assert_eq!(speaker(s).0, "the statement");
        let text =
            "The plan would cost $2 billion, according to the \"Fair Rent\" paper she released.";
        let st = rules(text);
        let s = one(&st, "according to");
        assert_eq!(speaker(s).0, "the \"Fair Rent\" paper she released");
        assert_eq!(content(s), "The plan would cost $2 billion");
    }

    #[test]
    fn a_fronted_phrase_ending_in_a_quoted_title_is_not_the_content() {
        let text = "To a question on the \"future of public sector jobs,\" Lund said private \
                    firms can cost more.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(content(s), "private firms can cost more");
    }

    #[test]
    fn phrasal_cues_with_a_preposition() {
        let st = rules("The governor talked about the cost of the new bridge.");
        let s = one(&st, "talked about");
        assert_eq!(speaker(s).0, "The governor");
        assert_eq!(content(s), "the cost of the new bridge");
        let st = rules("Most of the delegates voted against the budget.");
        assert_eq!(
            speaker(one(&st, "voted against")).0,
            "Most of the delegates"
        );
    }

    #[test]
    fn passive_cue_with_its_agent() {
        let st = rules("Okafor was also endorsed on Monday by the teachers' union.");
        let s = one(&st, "endorsed");
        assert_eq!(speaker(s).0, "the teachers' union");
        assert_eq!(content(s), "Okafor");
        let st = rules("The levy, opposed by most farmers, passed anyway.");
        let s = one(&st, "opposed");
        assert_eq!(speaker(s).0, "most farmers");
        assert_eq!(content(s), "The levy");
        let st = rules("Their role was first reported by the Daily Ledger.");
        let s = one(&st, "reported");
        assert_eq!(speaker(s).0, "the Daily Ledger");
        assert_eq!(content(s), "Their role");
        let st = rules("The crowd cheered a plan endorsed by the union.");
        let s = one(&st, "endorsed");
        assert_eq!(speaker(s).0, "the union");
        assert_eq!(content(s), "a plan");
    }

    #[test]
    fn participle_or_prepositional_phrase_inside_the_speaker_chain() {
        let text =
            "Nadia Petrova, appearing on a radio show after the vote, said the count was fair.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(speaker(s).0.starts_with("Nadia Petrova"));
        assert_eq!(content(s), "the count was fair");
        let text = "The airline, in a statement released on Friday, said all flights would resume.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(speaker(s).0.starts_with("The airline"));
        assert_eq!(content(s), "all flights would resume");
    }

    #[test]
    fn sentence_initial_participle_cue() {
        let text = "Emphasizing the cost of delay, the mayor said the works would start in May.";
        let st = rules(text);
        let s = one(&st, "Emphasizing");
        assert_eq!(speaker(s).0, "the mayor");
        assert_eq!(content(s), "the cost of delay");
        assert_eq!(content(one(&st, "said")), "the works would start in May");
    }

    #[test]
    fn relative_clause_inside_a_speaker_reports_on_its_own() {
        let st = rules("Ana Berg, who recalled meeting him in 2010, said he was polite.");
        let r = one(&st, "recalled");
        assert_eq!(speaker(r).0, "who");
        assert_eq!(content(r), "meeting him in 2010");
        let s = one(&st, "said");
        assert!(speaker(s).0.starts_with("Ana Berg"));
        assert_eq!(content(s), "he was polite");
        let st = rules("Mr. Ruiz, citing the latest figures, said the plan was working.");
        let c = one(&st, "citing");
        assert_eq!(speaker(c).0, "Mr. Ruiz");
        assert_eq!(content(c), "the latest figures");
    }

    #[test]
    fn inverted_speaker_after_a_clause_with_a_modal() {
        let text =
            "The city must rebuild the bridge, said Ines Alvarez, a former mayor of the town.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "Ines Alvarez");
        assert_eq!(content(s), "The city must rebuild the bridge");
    }

    #[test]
    fn a_quoted_show_title_in_a_fronted_phrase() {
        let text = "Asked about the vote during an interview on \"Morning Report,\" Moss said \
                    the count was fair.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "Moss");
        assert_eq!(content(s), "the count was fair");
    }

    #[test]
    fn a_speaker_chain_stops_at_the_closing_quote() {
        let text = "“Yes, I back the plan,” Ivo Marek, founder of the Civic Lab, tells the \
                    Tribune in an interview.";
        let st = rules(text);
        let s = one(&st, "tells");
        assert_eq!(speaker(s).0, "Ivo Marek, founder of the Civic Lab");
        assert_eq!(content(s), "“Yes, I back the plan,”");
    }

    #[test]
    fn received_criticism_and_headline_passives() {
        let st = rules("The new levy has drawn criticism from several farm groups.");
        let s = one(&st, "criticism");
        assert_eq!(speaker(s).0, "several farm groups");
        assert_eq!(content(s), "The new levy");
        let st = rules("Harbour Plan Backed By Unions\n\nThe story follows.");
        let s = one(&st, "Backed");
        assert_eq!(speaker(s).0, "Unions");
        assert_eq!(content(s), "Harbour Plan");
    }

    #[test]
    fn naming_with_called_is_not_a_statement() {
        let st = rules("They paid a firm called Northwind Data for the ads.");
        assert!(st.is_empty(), "{st:#?}");
        let st = rules("The senator called the plan a disaster.");
        assert_eq!(speaker(one(&st, "called")).0, "The senator");
    }

    #[test]
    fn bylines_and_nouns_after_determiners_are_not_cues() {
        for text in [
            "Lena Park reported from Seoul.",
            "Then the senator showed up at the rally.",
            "The mayor has finally found a partner for the project.",
        ] {
            let st = rules(text);
            assert!(st.is_empty(), "{text}: {st:#?}");
        }
        let st = rules("The audit found the agency had lost track of funds.");
        assert_eq!(speaker(one(&st, "found")).0, "The audit");
    }

    #[test]
    fn phrases_between_speaker_and_cue() {
        let st = rules("It was a plan which he has, so far, refused to consider.");
        assert_eq!(speaker(one(&st, "refused")).0, "he");
        let st = rules(
            "Judge Ross, who in two earlier rulings had made clear that she would act, spoke.",
        );
        assert_eq!(speaker(one(&st, "made clear")).0, "who");
    }

    #[test]
    fn title_lines_with_loose_colon_speakers_and_a_final_period() {
        let st = rules("Dr. Ana Silva: The Clinic Must Stay Open.\n\nText follows.");
        let s = one(&st, ":");
        assert_eq!(speaker(s).0, "Dr. Ana Silva");
        let st = rules("Mayor camp: the vote was rigged.\n\nText follows.");
        assert_eq!(speaker(one(&st, ":")).0, "Mayor camp");
        let text =
            "Lena Berg Calls for New Inquiry after Audit Reveals Missing Funds in City.\n\nText.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "Calls")).0, "Lena Berg");
    }

    #[test]
    fn a_fronted_adverbial_is_not_the_content_of_a_short_object_cue() {
        let text = "At a rally in a small town in Ohio, the senator also railed against tariffs.";
        let st = rules(text);
        assert_eq!(content(one(&st, "railed against")), "tariffs");
        let text = "And yet, across most of the region, farmers want to limit imports.";
        let st = rules(text);
        assert_eq!(content(one(&st, "want")), "to limit imports");
    }

    #[test]
    fn mixed_quotes_before_the_speaker() {
        let text = "At public courses, fees may rise ''because members expect a certain \
                    level of service,'' Mr. Pohl said.";
        let st = rules(text);
        assert!(content(one(&st, "said")).starts_with("At public courses"));
        let text = "Ruiz, though, would have to \"move to the center,\" Lind said.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "Lind");
        assert!(content(s).starts_with("Ruiz, though"));
    }

    #[test]
    fn a_quote_after_a_framed_clause_is_its_own_statement() {
        let text = "In her speech, Ada Lind declared the need for resolve: “Change the town, \
                    then change it again,” she said.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "declared")).0, "Ada Lind");
        let s = one(&st, "said");
        assert_eq!(content(s), "“Change the town, then change it again,”");
    }

    #[test]
    fn attributing_adverbs() {
        let st = rules("The fund is reportedly spending $2 million on radio ads.");
        let s = one(&st, "reportedly");
        assert!(s.speaker.is_none() || speaker(s).0.is_empty());
        assert_eq!(
            content(s),
            "The fund is reportedly spending $2 million on radio ads"
        );
        let st = rules("In May, the colonel allegedly moved the files.");
        let s = one(&st, "allegedly");
        assert_eq!(s.cue.as_ref().map(|c| c.class), Some(CueClass::Claim));
        assert_eq!(content(s), "the colonel allegedly moved the files");
    }

    #[test]
    fn verbs_of_feeling_make_their_experiencer_the_speaker() {
        let st = rules("The ruling worried many farmers in the valley.");
        let s = one(&st, "worried");
        assert_eq!(speaker(s).0, "many farmers in the valley");
        assert_eq!(content(s), "The ruling");
        let st = rules("Neither judge was impressed by the argument.");
        let s = one(&st, "impressed");
        assert_eq!(speaker(s).0, "Neither judge");
        assert_eq!(content(s), "the argument");
        let st = rules("Farmers worried that the ruling would hurt them.");
        assert_eq!(speaker(one(&st, "worried")).0, "Farmers");
    }

    #[test]
    fn a_participle_after_a_comma_inside_a_quote() {
        let text = "Mayor Lund defended the \u{201c}harbour plan,\u{201d} saying the port would \
                    create jobs.";
        let st = rules(text);
        let s = one(&st, "saying");
        assert_eq!(speaker(s).0, "Mayor Lund");
        assert_eq!(content(s), "the port would create jobs");
    }

    #[test]
    fn a_coordinated_cue_after_a_semicolon_takes_that_clause_subject() {
        let text = "For that reason the vote was delayed; he called the plan weak and said \
                    it had no support.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "he");
        assert_eq!(content(s), "it had no support");
    }

    #[test]
    fn telling_as_an_adjective_recipients_alone_and_fronted_times() {
        for text in [
            "The most telling sign of the shift came on Monday.",
            "All told, about two million people could qualify.",
            "Nadia Berg told Reuters.",
        ] {
            let st = rules(text);
            assert!(st.is_empty(), "{text}: {st:#?}");
        }
        let st = rules("Hours later, Lund spoke again, telling reporters he would stay.");
        assert_eq!(speaker(one(&st, "telling")).0, "Lund");
        // A recipient followed by a clause of its own is not alone.
        let st = rules("Halvorsen told KTVB he planned to stay neutral.");
        let s = one(&st, "told");
        assert_eq!(speaker(s).0, "Halvorsen");
        assert!(content(s).ends_with("he planned to stay neutral"), "{s:#?}");
    }

    #[test]
    fn a_negated_auxiliary_is_not_part_of_the_speaker() {
        let st = rules("The mayor doesn’t want to run again.");
        let s = one(&st, "want");
        assert_eq!(speaker(s).0, "The mayor");
        assert_eq!(content(s), "to run again");
    }

    #[test]
    fn impersonal_passives_have_no_speaker() {
        for (text, cue, body) in [
            (
                "It had been claimed that the brewer was preparing a rival offer.",
                "It had been claimed",
                "that the brewer was preparing a rival offer",
            ),
            (
                "It is alleged that the mayor took payments from a paving firm.",
                "It is alleged",
                "that the mayor took payments from a paving firm",
            ),
            (
                "Last week, it was reported that the striker had agreed terms.",
                "it was reported",
                "that the striker had agreed terms",
            ),
            (
                "The minister is said to have met the envoy twice in March.",
                "is said",
                "The minister is said to have met the envoy twice in March",
            ),
            (
                "The singer was rumoured to be leaving the band after the tour.",
                "was rumoured",
                "The singer was rumoured to be leaving the band after the tour",
            ),
        ] {
            let st = rules(text);
            let s = one(&st, cue);
            assert!(s.speaker.is_none(), "{text}: {s:#?}");
            assert_eq!(content(s), body, "{text}");
        }
        // An agent speaks; a dummy "it" with no clause after it is nothing.
        let st = rules("It was reported by the local paper that the dam leaked.");
        assert!(st
            .iter()
            .all(|s| s.cue.as_ref().unwrap().span.text != "It was reported"));
    }

    #[test]
    fn hearsay_nouns_report_their_clause() {
        for (text, cue, body) in [
            (
                "Speculation that the airline would cut routes grew on Monday.",
                "Speculation",
                "that the airline would cut routes grew on Monday",
            ),
            (
                "Shares rose after reports that the grocer was in talks with a buyer.",
                "reports",
                "that the grocer was in talks with a buyer",
            ),
            (
                "Rumours erupted that the coach had quit after the final.",
                "Rumours erupted",
                "that the coach had quit after the final",
            ),
            (
                "This followed speculation earlier in the week that the mill would shut.",
                "speculation earlier in the week",
                "that the mill would shut",
            ),
            (
                "Last spring, rumors swirled about the drummer and a television host.",
                "rumors swirled",
                "about the drummer and a television host",
            ),
            (
                "As news that the duo had split spread, fans gathered outside.",
                "news",
                "that the duo had split spread",
            ),
        ] {
            let st = rules(text);
            let s = one(&st, cue);
            assert!(s.speaker.is_none(), "{text}: {s:#?}");
            assert!(content(s).starts_with(body), "{text}: {}", content(s));
        }
        // A verb keeps its subject; a relative clause is no content; a
        // noun inside a name is no cue.
        let st = rules("The agency reports that exports fell in May.");
        assert_eq!(speaker(one(&st, "reports")).0, "The agency");
        let st = rules("She lost the case and claims that the judge was biased.");
        assert!(one(&st, "claims").speaker.is_some(), "{st:#?}");
        let st = rules("The rumours that circulated last week were wrong.");
        assert!(st.is_empty(), "{st:#?}");
        let st = rules("She spoke to Fox News that evening about the fire.");
        assert!(st.iter().all(|s| s.speaker.is_some()), "{st:#?}");
    }

    #[test]
    fn an_attributing_adverb_takes_its_own_clause() {
        let text = "\u{201c}The plant will close,\u{201d} the paper reported in a list of firms \
                    which had allegedly cut jobs this year.";
        let st = rules(text);
        assert_eq!(
            content(one(&st, "allegedly")),
            "which had allegedly cut jobs this year"
        );
    }

    #[test]
    fn a_trailing_adverbial_is_not_the_content_of_a_fronted_clause() {
        let text = "Prices will keep rising through the winter, the central bank reported \
                    on Tuesday -- a warning that unsettled markets.";
        let st = rules(text);
        assert_eq!(
            content(one(&st, "reported")),
            "Prices will keep rising through the winter"
        );
        let text = "The mine will reopen in spring, the governor said at the outset - the \
                    crowd cheered.";
        let st = rules(text);
        assert_eq!(content(one(&st, "said")), "The mine will reopen in spring");
        // The object of a phrasal cue is not an adverbial.
        let text = "Earlier this week, the mayor was calling for the state to send more police.";
        let st = rules(text);
        assert_eq!(
            content(one(&st, "calling")),
            "for the state to send more police"
        );
        let text = "Even though critics will scoff, we can see this kind of growth everywhere.";
        let st = rules(text);
        assert_eq!(content(one(&st, "see")), "this kind of growth everywhere");
    }

    #[test]
    fn a_parenthetical_as_frame_reports_the_main_clause() {
        let text = "As the newspaper reported on Saturday, the senator has already become \
                    an adviser.";
        let st = rules(text);
        let s = one(&st, "reported");
        assert_eq!(speaker(s).0, "the newspaper");
        assert_eq!(content(s), "the senator has already become an adviser");
        // A temporal "as" with an object of its own stays as it was.
        let text = "As the mayor talks about what the plans might include, the council is \
                    not having any of it.";
        let st = rules(text);
        assert!(
            content(one(&st, "talks about")).starts_with("what the plans"),
            "{st:#?}"
        );
    }

    #[test]
    fn a_closed_quotation_before_a_cue_with_its_own_object() {
        let text = "\u{201c}We are done here.\u{201d}  The mayor said the talks had failed.";
        let st = rules(text);
        assert_eq!(content(one(&st, "said")), "the talks had failed");
        let text = "\u{201c}We are done here.\u{201d}  The mayor rejected the offer.";
        let st = rules(text);
        assert_eq!(content(one(&st, "rejected")), "the offer");
        // With only a time or a recipient after the cue, the quotation.
        let text = "\u{201c}We are done here.\u{201d}  The mayor said on Sunday.";
        let st = rules(text);
        assert_eq!(
            content(one(&st, "said")),
            "\u{201c}We are done here.\u{201d}"
        );
        let text = "\u{201c}We are done here!\u{201d} he told the cheering crowd.";
        let st = rules(text);
        assert_eq!(
            content(one(&st, "told")),
            "\u{201c}We are done here!\u{201d}"
        );
    }

    #[test]
    fn fronted_times_and_datelines_are_not_the_content_of_a_short_object() {
        let st = rules("Shortly after the vote, the mayor announced his resignation.");
        assert_eq!(content(one(&st, "announced")), "his resignation");
        let st = rules("Back in 1998, a young Smith sought more federal money.");
        assert_eq!(content(one(&st, "sought")), "more federal money");
        let st = rules("And a couple of years later, she echoed that remark.");
        assert_eq!(content(one(&st, "echoed")), "that remark");
        let st = rules("LONDON, March 3 -- The minister announced new rules.");
        assert_eq!(content(one(&st, "announced")), "new rules");
    }

    #[test]
    fn a_fronted_asked_takes_its_question() {
        let st = rules("Asked about the new tariffs, the minister said, \"We'll see.\"");
        let s = one(&st, "Asked");
        assert!(s.speaker.is_none(), "{st:#?}");
        assert_eq!(content(s), "about the new tariffs");
        assert_eq!(content(one(&st, "said")), "\"We'll see.\"");
        let st = rules("Asked if he was ever bullied, Smith laughed.");
        assert_eq!(content(one(&st, "Asked")), "if he was ever bullied");
        let st = rules("Asked by a reporter if the plan was dead, she shrugged.");
        let s = one(&st, "Asked");
        assert_eq!(speaker(s).0, "a reporter");
        assert_eq!(content(s), "if the plan was dead");
    }

    #[test]
    fn an_afterthought_after_a_dash_leaves_the_fronted_clause() {
        let text = "Such a move could alienate voters, her allies believe \u{2014} voters she \
                    will need in November.";
        let st = rules(text);
        assert_eq!(
            content(one(&st, "believe")),
            "Such a move could alienate voters"
        );
    }

    #[test]
    fn a_weak_coordinated_cue_ends_the_first_verb_content() {
        let text = "The mayor defended the budget on Monday and urged the council to approve it.";
        let st = rules(text);
        assert_eq!(content(one(&st, "defended")), "the budget on Monday");
        let s = one(&st, "urged");
        assert_eq!(speaker(s).0, "The mayor");
        assert_eq!(content(s), "the council to approve it");
    }

    #[test]
    fn a_cue_inside_a_content_with_its_own_clause_reports_on_its_own() {
        // A list of verbs sharing the subject.
        let text = "Ms. Lund mocked the governor as weak, questioned his record on taxes \
                    and promised a tunnel.";
        let st = rules(text);
        assert_eq!(content(one(&st, "mocked")), "the governor as weak");
        let s = one(&st, "questioned");
        assert_eq!(speaker(s).0, "Ms. Lund");
        assert_eq!(content(s), "his record on taxes");
        // A clause with its own subject after "although" or a dash.
        let text = "Residents rejected the tax, although the mayor warned that the bridge \
                    would close.";
        let st = rules(text);
        assert_eq!(content(one(&st, "rejected")), "the tax");
        let s = one(&st, "warned");
        assert_eq!(speaker(s).0, "the mayor");
        assert_eq!(content(s), "that the bridge would close");
        let text = "The minister said the plan was sound \u{2014} critics warn it will fail.";
        let st = rules(text);
        assert_eq!(content(one(&st, "said")), "the plan was sound");
        assert_eq!(speaker(one(&st, "warn")).0, "critics");
    }

    #[test]
    fn received_criticism_with_a_that_clause_reports_the_clause() {
        let text =
            "The mayor has faced criticism from rivals that the new stadium is too expensive.";
        let st = rules(text);
        let s = one(&st, "criticism");
        assert_eq!(speaker(s).0, "rivals");
        assert_eq!(content(s), "that the new stadium is too expensive");
        // Without a clause, the one criticised.
        let st = rules("The mayor has faced criticism from rivals.");
        assert_eq!(content(one(&st, "criticism")), "The mayor");
    }

    #[test]
    fn inverted_speaker_after_a_clause_and_comma() {
        // The clause before the comma is content, not the speaker's
        // appositive chain.
        let text = "The harbour tunnel will run over budget, but the council still backs \
                    it, said Tomas Lind, who chairs the transport committee.";
        let st = rules(text);
        let s = one(&st, "said");
        assert_eq!(speaker(s).0, "Tomas Lind");
        assert!(
            content(s).starts_with("The harbour tunnel"),
            "{}",
            content(s)
        );
        let text = "\u{201c}We have waited long enough,\u{201d} says a senior engineer, who \
                    asked not to be named.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "says")).0, "a senior engineer");
        // A transitive cue takes an object, and a chain still leads to its
        // head.
        let st = rules("Ana Ruiz, a former mayor, told Reuters.");
        assert!(
            st.iter().all(|s| speaker(s).0.starts_with("Ana Ruiz")),
            "{st:#?}"
        );
        let text = "Ana Ruiz, a former mayor, said the bridge was unsafe.";
        assert!(speaker(one(&rules(text), "said")).0.starts_with("Ana Ruiz"));
    }

    #[test]
    fn time_adverbial_between_subject_and_cue_is_not_the_speaker() {
        for (text, cue, who) in [
            (
                "Harbour Logistics on Wednesday said the cranes were safe.",
                "said",
                "Harbour Logistics",
            ),
            (
                "The ministry less than two weeks ago said it would publish the data.",
                "said",
                "The ministry",
            ),
            (
                "Mara Ortiz last year proposed a tax on parking.",
                "proposed",
                "Mara Ortiz",
            ),
            (
                "The planning chief, Mara Ortiz, had already endorsed the bid.",
                "endorsed",
                "The planning chief, Mara Ortiz",
            ),
            (
                "Ivo Berg, who runs the port, earlier this week announced that fees would rise.",
                "announced",
                "Ivo Berg, who runs the port",
            ),
            (
                "The two unions, Unite and Forum, have both urged members to vote no.",
                "urged",
                "The two unions, Unite and Forum",
            ),
        ] {
            let st = rules(text);
            assert_eq!(speaker(one(&st, cue)).0, who, "{text}");
        }
    }

    #[test]
    fn a_dateline_is_not_the_speaker() {
        let text = "PORTVILLE, Ore. - Mayor Lena Holt (D-Portville) toured the dam on \
                    Friday, saying the repairs were overdue.";
        let st = rules(text);
        assert_eq!(
            speaker(one(&st, "saying")).0,
            "Mayor Lena Holt (D-Portville)"
        );
        let text = "Lisbon (AFP) – The ministry on Monday rejected the bid and said the \
                    price was too low.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "said")).0, "The ministry");
        assert_eq!(speaker(one(&st, "rejected")).0, "The ministry");
        // A capitalised subject before a dash is no dateline.
        let text = "The Harbour Board - a body of nine - said the fees would rise.";
        let st = rules(text);
        assert!(
            speaker(one(&st, "said")).0.starts_with("The Harbour Board"),
            "{st:#?}"
        );
    }

    #[test]
    fn verb_coordinated_inside_a_relative_clause_has_the_pronoun_as_speaker() {
        let text = "The vote was backed by Ines Moreau, who toured the site in March and \
                    praised the new design.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "praised")).0, "who");
        // A comma closes the relative clause; an interrogative "who" opens
        // none.
        let text = "They called him a rookie who had ignored the port, and urged him to quit.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "urged")).0, "They");
        let text = "The aide declined to say who would chair the panel but said talks would \
                    resume.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "said")).0, "The aide");
    }

    #[test]
    fn the_agent_of_a_passive_asked_is_the_speaker() {
        let text = "Ortiz was asked by moderator Jan Field, who hosts the morning show, \
                    whether the tunnel would be finished.";
        let st = rules(text);
        let s = one(&st, "asked");
        assert_eq!(speaker(s).0, "moderator Jan Field");
        assert_eq!(content(s), "whether the tunnel would be finished");
        let text = "The mayor was told by engineers that the bridge was unsafe.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "told")).0, "engineers");
        // A reduced passive: "When asked by X ...", "Asked by X ...".
        let text = "When asked by a reporter whether the port would close, the mayor said no.";
        let st = rules(text);
        let s = one(&st, "asked");
        assert_eq!(speaker(s).0, "a reporter");
        assert_eq!(content(s), "whether the port would close");
        assert_eq!(speaker(one(&st, "said")).0, "the mayor");
    }

    #[test]
    fn a_long_description_after_the_opening_name_keeps_it_as_speaker() {
        let text = "Lena Holt, whose latest firm, Portwise, helps shippers to find berths, \
                    said the harbour was a model for the region.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(speaker(s).0.starts_with("Lena Holt"), "{st:#?}");
        assert_eq!(content(s), "the harbour was a model for the region");
        let text =
            "Some owners who have lived in the town for years, in the old harbour or nearby, \
                    said the fines were too low.";
        let st = rules(text);
        assert!(
            speaker(one(&st, "said")).0.starts_with("Some owners"),
            "{st:#?}"
        );
    }

    #[test]
    fn a_fronted_gerund_takes_the_subject_of_the_main_clause() {
        let text = "Conceding that the ferry \u{201c}was late, and badly so,\u{201d} Ortiz \
                    said the new timetable would fix it.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "Conceding")).0, "Ortiz");
        let text = "Citing \u{201c}duties at home,\u{201d} the mayor's spokeswoman said she \
                    would skip the summit.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "Citing")).0, "the mayor's spokeswoman");
        // Not fronted: the gerund belongs to its own clause's subject.
        let text = "Later, Ortiz followed up by lamenting the delays: \u{201c}It is a \
                    mess,\u{201d} he said.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "lamenting")).0, "Ortiz");
    }

    #[test]
    fn a_restrictive_relative_clause_on_the_subject_keeps_its_head() {
        let text = "Two engineers who inspected the dam last spring said the spillway was cracked.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(speaker(s).0.starts_with("Two engineers"), "{st:#?}");
        assert_eq!(content(s), "the spillway was cracked");
        // "that" with its own subject is an object clause, not a relative on
        // the speaker.
        let text = "It was a plan that they think will fail.";
        let st = rules(text);
        assert!(
            st.iter().all(|s| speaker(s).0 != "a plan that they"),
            "{st:#?}"
        );
    }

    #[test]
    fn a_participle_after_a_fronted_place_and_time_takes_the_subject() {
        let text = "At a rally in Dover, Del., on Tuesday, Mayor Ana Ruiz backed the plan, \
                    saying the harbour needed it.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "saying")).0, "Mayor Ana Ruiz");
        let text = "Outside the town hall in Dover, about 300 workers gathered, chanting \
                    \u{201c}Save the docks.\u{201d}";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "chanting")).0, "about 300 workers");
    }

    #[test]
    fn a_double_hyphen_sets_off_an_appositive_like_a_dash() {
        let text = "The harbour master -- who has clashed with the council for months -- \
                    said the fees would stay.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(speaker(s).0.starts_with("The harbour master"), "{st:#?}");
        assert_eq!(content(s), "the fees would stay");
    }

    #[test]
    fn a_received_noun_cue_takes_the_agent_after_of_or_from() {
        let text = "Last week, Mayor Ruiz won the endorsement of the dockworkers' union.";
        let st = rules(text);
        let s = one(&st, "endorsement");
        assert_eq!(speaker(s).0, "the dockworkers' union");
        assert_eq!(content(s), "Mayor Ruiz");
        let text = "The toll plan quickly drew sharp criticism from both parties.";
        let st = rules(text);
        let s = one(&st, "criticism");
        assert_eq!(speaker(s).0, "both parties");
        assert_eq!(content(s), "The toll plan");
    }

    #[test]
    fn a_coordinated_verb_takes_the_pronoun_opening_its_clause() {
        let text = "The crowd grew restless when she reached the podium and said the \
                    vote was lost.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "said")).0, "she");
        // A pronoun in a temporal clause does not take the main verb's place.
        let text = "Ruiz was quick to back the plan after he saw the costs and said it \
                    would pass.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "said")).0, "Ruiz");
    }

    #[test]
    fn a_relative_pronoun_set_off_by_commas_speaks() {
        let text = "The port's new director, Ivo Berg, who, after a long meeting with the \
                    unions, said the strike would end.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "said")).0, "who");
    }

    #[test]
    fn passive_agents_after_adverbs_brackets_and_coordination() {
        let text = "The toll was a measure strongly opposed by truckers.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "opposed")).0, "truckers");
        let text = "It cut two levies, one (endorsed mostly by farmers) on fuel.";
        let st = rules(text);
        assert_eq!(speaker(one(&st, "endorsed")).0, "farmers");
        let text = "Ortiz studied law in Lyon and was nominated to the court in 2012 by \
                    the governor.";
        let st = rules(text);
        let s = one(&st, "nominated");
        assert_eq!(speaker(s).0, "the governor");
        assert!(content(s).starts_with("Ortiz"), "{}", content(s));
    }

    #[test]
    fn a_participle_appositive_and_a_subordinate_subject_in_the_chain() {
        let text = "The row began after Mayor Ruiz, asked about the port fees, had said \
                    the city would not pay.";
        let st = rules(text);
        let s = one(&st, "said");
        assert!(speaker(s).0.starts_with("Mayor Ruiz"), "{st:#?}");
        assert_eq!(content(s), "the city would not pay");
    }
}
