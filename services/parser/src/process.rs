//! Statement extraction: a pure function from article text to statements.
//!
//! The rules work on tokens, sentences and quote regions ([`crate::doc`]):
//! find reporting cues from the lexicon, then for each cue its speaker (to
//! the left, inverted to the right, "according to X", or the subject of a
//! participle clause) and its content (the reported clause after the cue,
//! or the quote or clause before it). Attributions do not nest, as in
//! PolNeAR: a cue inside an accepted statement's content or inside a
//! quotation is not a statement of its own.

use claimwatch_shared::events::{Cue, QuoteKind, Span, Statement};

use crate::coref;
use crate::doc::Doc;
use crate::tokens::Kind;

/// Every attributed statement of `text`, in text order, with ids `s1`, `s2`...
/// and spans as UTF-8 byte offsets into `text`.
pub fn extract_statements(text: &str) -> Vec<Statement> {
    let doc = Doc::new(text);
    let raws = find(&doc);
    build(&doc, raws)
}

/// A cue found in the text: tokens `first..last` and its lexicon entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) entry: usize,
}

/// A statement in token ranges (end exclusive), before resolution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw {
    pub(crate) speaker: Option<(usize, usize)>,
    pub(crate) cue: CueHit,
    pub(crate) content: (usize, usize),
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

/// Finds every cue candidate outside quotations, longest form first.
fn cues(doc: &Doc) -> Vec<CueHit> {
    let mut out = Vec::new();
    let n = doc.len();
    let mut i = 0;
    while i < n {
        if !doc.is_word(i) || doc.in_quote[i].is_some() {
            i += 1;
            continue;
        }
        let mut hit = None;
        for f in doc.lex.forms_starting(doc.lw(i)) {
            let k = f.words.len();
            if i + k <= n && (0..k).all(|j| doc.lw(i + j) == f.words[j]) {
                hit = Some(CueHit {
                    first: i,
                    last: i + k,
                    entry: f.entry,
                });
                break;
            }
        }
        match hit {
            Some(h) if !noun_reading(doc, h) => {
                out.push(h);
                i = h.last;
            }
            _ => i += 1,
        }
    }
    out
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
    Some(trim_np(doc, i, end))
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
    (i > start).then_some((start, i))
}

/// The speaker to the left of a cue: "X said", "X, the commander of Y,
/// said", "X, however, said".
fn speaker_left(doc: &Doc, cue_first: usize, lo: usize) -> Option<(usize, usize)> {
    let mut j = cue_first;
    loop {
        while j > lo && doc.is_word(j - 1) && skippable(doc.lw(j - 1)) {
            j -= 1;
        }
        if j >= lo + 3 && doc.w(j - 1) == "," && interjection(doc.lw(j - 2)) && doc.w(j - 3) == ","
        {
            j -= 3;
            continue;
        }
        break;
    }
    if j == lo {
        return None;
    }
    if doc.w(j - 1) == "," {
        // An appositive or relative clause between commas.
        let seg_end = j - 1;
        let mut k = seg_end;
        while k > lo && seg_end - k < 14 {
            let t = doc.kind(k - 1);
            if doc.w(k - 1) == "," || matches!(t, Kind::Open | Kind::Close) {
                break;
            }
            k -= 1;
        }
        if k > lo && k < seg_end && doc.w(k - 1) == "," {
            let first = doc.lw(k);
            let appositive = matches!(first, "who" | "which" | "the" | "a" | "an" | "whose")
                || doc.lex.is_role(first)
                || (doc.is_word(k) && !doc.upper(k) && doc.lw(k) != "and");
            if appositive {
                if let Some((a, _)) = np_left(doc, k - 1, lo) {
                    return Some((a, seg_end));
                }
            }
        }
        return None;
    }
    np_left(doc, j, lo)
}

/// The content before a speaker or cue at `p`: `“...,” he said`.
fn content_before(doc: &Doc, p: usize, lo: usize) -> Option<(usize, usize)> {
    if p <= lo + 1 {
        return None;
    }
    let mut end = p;
    let mut saw = false;
    // Accept ", ”", "”,", "," or "”" (with optional dash) before the speaker.
    for _ in 0..2 {
        if end > lo {
            let w = doc.w(end - 1);
            if doc.kind(end - 1) == Kind::Close {
                saw = true;
                break;
            }
            if matches!(w, "," | "—" | "–") {
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
    }
    if let Some(q) = doc.quote(lo) {
        start = start.min(q.open);
    }
    (start < end).then_some((start, end))
}

/// The content after a cue: the rest of the sentence, or the quotation it
/// opens (which may run over several sentences and paragraphs), stopping
/// before a following independent statement ("..., while X says ...").
fn content_after(
    doc: &Doc,
    from: usize,
    hi: usize,
    next_cues: &[CueHit],
) -> Option<(usize, usize)> {
    let mut j = from;
    while j < hi && matches!(doc.w(j), "," | ":" | "—" | "–") {
        j += 1;
    }
    if j >= hi {
        return None;
    }
    let mut end = hi;
    while end > j && doc.kind(end - 1) == Kind::Punct && doc.is_final(end - 1) {
        end -= 1;
    }
    // Stop before ", while X says" and "; X said".
    for c in next_cues {
        if c.first <= j || c.first >= end {
            continue;
        }
        if let Some((a, _)) = speaker_left(doc, c.first, j) {
            if a > j {
                let b = a - 1;
                let w = doc.lw(b);
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
    // A quotation opened inside the content runs to its close.
    for k in j..end {
        if doc.kind(k) == Kind::Open {
            if let Some(q) = doc.quote(k) {
                end = end.max(q.close + 1);
            }
        }
    }
    (j < end).then_some((j, end))
}

/// Whether a cue is a participle continuing a clause: ", adding that".
fn participle(doc: &Doc, c: CueHit) -> bool {
    doc.lw(c.first).ends_with("ing") && c.first > 0 && doc.w(c.first - 1) == ","
}

/// Finds the statements of a document in token ranges.
pub(crate) fn find(doc: &Doc) -> Vec<Raw> {
    let hits = cues(doc);
    let mut taken = vec![false; doc.len()];
    let mut out: Vec<Raw> = Vec::new();
    for (hi_idx, &c) in hits.iter().enumerate() {
        if taken[c.first] {
            continue;
        }
        let s = doc.sentence(c.first);
        let rest = &hits[hi_idx + 1..];
        let raw = if doc.lex.entries[c.entry].lemma == "according to" {
            according_to(doc, c, s.first, s.last)
        } else {
            verb_cue(doc, c, s.first, s.last, rest, &out)
        };
        let Some(raw) = raw else { continue };
        if let Some((a, b)) = raw.speaker {
            if taken[a..b].iter().any(|&t| t) {
                // The speaker words belong to another statement: only a
                // participle clause may share them.
                if !participle(doc, c) {
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
        }
        out.push(raw);
    }
    out
}

/// "According to X, Y" and "Y, according to X".
fn according_to(doc: &Doc, c: CueHit, lo: usize, hi: usize) -> Option<Raw> {
    let src = np_right(doc, c.last, hi)?;
    let content = if c.first == lo || (c.first > lo && doc.lw(c.first - 1) == "and") {
        let mut j = src.1;
        while j < hi && doc.w(j) == "," {
            j += 1;
        }
        content_after(doc, j, hi, &[])?
    } else {
        let mut end = c.first;
        while end > lo && matches!(doc.w(end - 1), "," | "—" | "–" | "(") {
            end -= 1;
        }
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

/// A verb cue: find its speaker and content.
fn verb_cue(
    doc: &Doc,
    c: CueHit,
    lo: usize,
    hi: usize,
    rest: &[CueHit],
    prev: &[Raw],
) -> Option<Raw> {
    if let Some(src) = speaker_left(doc, c.first, lo) {
        let before = content_before(doc, src.0, lo);
        let after_opens = {
            let mut j = c.last;
            while j < hi && matches!(doc.w(j), "," | ":") {
                j += 1;
            }
            j < hi && (doc.kind(j) == Kind::Open || doc.lw(j) == "that")
        };
        let content = match before {
            Some(b) if after_opens => {
                let a = content_after(doc, c.last, hi, rest);
                Some(a.map_or(b, |a| (b.0, a.1)))
            }
            Some(b) => Some(b),
            None => content_after(doc, c.last, hi, rest),
        }?;
        return Some(Raw {
            speaker: Some(src),
            cue: c,
            content,
        });
    }
    // Inverted: "..., said the ministry."
    let prev_tok = (c.first > lo).then(|| c.first - 1);
    let after_comma =
        prev_tok.is_some_and(|p| matches!(doc.w(p), "," | "—") || doc.kind(p) == Kind::Close);
    if after_comma && !participle(doc, c) {
        if let Some(src) = np_right(doc, c.last, hi) {
            if let Some(content) = content_before(doc, c.first, lo) {
                return Some(Raw {
                    speaker: Some(src),
                    cue: c,
                    content,
                });
            }
        }
    }
    // A participle clause takes the speaker of its sentence.
    if participle(doc, c) {
        let content = content_after(doc, c.last, hi, rest)?;
        let speaker = prev
            .iter()
            .rev()
            .find(|r| r.cue.first >= lo && r.cue.first < c.first)
            .and_then(|r| r.speaker)
            .or_else(|| sentence_subject(doc, lo, c.first));
        return Some(Raw {
            speaker,
            cue: c,
            content,
        });
    }
    None
}

/// The noun phrase a sentence opens with, up to its first verb-like word.
fn sentence_subject(doc: &Doc, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut i = lo;
    while i < hi && i - lo < 6 && !doc.np_boundary(i) {
        let w = doc.lw(i);
        if i > lo && (w.ends_with("ed") || !doc.lex.forms_starting(w).is_empty()) {
            break;
        }
        i += 1;
    }
    (i > lo).then_some((lo, i))
}

/// Turns token-range statements into sorted, resolved [`Statement`]s.
fn build(doc: &Doc, mut raws: Vec<Raw>) -> Vec<Statement> {
    raws.sort_by_key(|r| (r.cue.first, r.content.0));
    let speakers = coref::resolve(doc, &raws);
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
                lemma: entry.lemma.clone(),
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
