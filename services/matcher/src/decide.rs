//! Per-article decisions: which statements are unverified claims, which are
//! official denials, and which claims of the same article each denial refutes.
//! Pure and I/O-free.
//!
//! Every decision is a sum of weighted [`Signal`]s from the lexicons under
//! `lexicon/`, so a subscriber can see why something was flagged. The order
//! is: denials first (a statement that denies is never also a claim), then
//! claims, then claims embedded in a denial ("denied reports that X"), then
//! links, then statements that become claims because a denial answers them,
//! and finally merging of duplicates (the same denial act repeated by the
//! same party, a headline repeating a body claim).

use std::collections::{BTreeSet, HashSet};

use claimwatch_shared::events::{CueClass, PartyType, Signal, Span, Speaker, Statement};

use crate::lexicon::{is_negation, is_stopword, lexicons, stem, Token};

/// A claim decision needs at least this score.
pub const CLAIM_THRESHOLD: f32 = 0.5;
/// A denial decision needs at least this score.
pub const DENIAL_THRESHOLD: f32 = 0.5;
/// A link from a denial to a claim needs at least this score.
pub const LINK_THRESHOLD: f32 = 0.4;
/// A link that turns an ordinary statement into a claim ("denied later")
/// needs at least this score.
pub const PROMOTE_THRESHOLD: f32 = 0.45;

/// A statement judged to be an unverified claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDecision {
    /// The statement's id within the article.
    pub statement: String,
    pub score: f32,
    pub signals: Vec<Signal>,
    /// The claim's own text when it is embedded in another statement (a
    /// denial's "reports that X"); `None` means the statement's content.
    pub span: Option<Span>,
    /// The claimant when it is not the statement's speaker (an embedded
    /// claim: "Trump's claim", "a BBC report"); `None` means the speaker.
    pub claimant: Option<String>,
}

/// A link from a denial to a claim of the same article.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalLink {
    /// The claim's statement id.
    pub statement: String,
    pub score: f32,
    pub evidence: Vec<String>,
}

/// A statement judged to be a denial.
#[derive(Debug, Clone, PartialEq)]
pub struct DenialDecision {
    pub statement: String,
    pub official: bool,
    pub denier_type: PartyType,
    pub score: f32,
    pub signals: Vec<Signal>,
    pub refutes: Vec<LocalLink>,
    /// Other statements of the article that repeat this denial act (the
    /// same party quoted again); they are not separate denials.
    pub also: Vec<String>,
}

/// Everything decided about one article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decisions {
    pub claims: Vec<ClaimDecision>,
    pub denials: Vec<DenialDecision>,
}

/// One statement with the tokens the rules look at.
struct View<'a> {
    st: &'a Statement,
    region: (usize, usize),
    cue: Vec<Token>,
    content: Vec<Token>,
    sentence: Vec<Token>,
    speaker: Vec<Token>,
    /// Stems of the content's words (and the sentence's when there is no content).
    terms: HashSet<String>,
    /// Stems of capitalised words: names of people, places, organisations.
    entities: HashSet<String>,
    /// Terms and entities of the whole sentence, which a denial's links use
    /// ("Mexico's ministry says no such call took place").
    sent_terms: HashSet<String>,
    sent_entities: HashSet<String>,
    headline: bool,
}

fn sig(name: impl Into<String>, text: Option<&str>, weight: f32) -> Signal {
    Signal {
        name: name.into(),
        text: text.map(str::to_string),
        weight,
    }
}

fn slug(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .filter(|w| *w != "~" && *w != "@")
        .map(|w| w.trim_end_matches('*'))
        .collect::<Vec<_>>()
        .join("-")
}

fn text_of(text: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.end].to_string(),
        _ => String::new(),
    }
}

/// Where the article's headline ends: the first line, when a blank line
/// follows it.
fn headline_end(text: &str) -> Option<usize> {
    let Some(first) = text.find('\n') else {
        // A text of one short line (a headline on its own) is all headline.
        let line = text.trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        let capitals = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let headline_like = !line.ends_with('.') || capitals * 2 > words.len();
        return (line.len() < 300 && headline_like).then_some(text.len());
    };
    let rest = &text[first..];
    let blank = rest
        .trim_start_matches([' ', '\t', '\r'])
        .starts_with("\n\n")
        || rest.starts_with("\n\n")
        || rest.starts_with("\r\n\r\n");
    // A lede paragraph also stands alone; a headline has no final full
    // stop, or is in title case.
    let line = text[..first].trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitals = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let title_case = capitals * 2 > words.len();
    let headline_like = !line.ends_with('.') || title_case;
    (blank && first < 300 && line.len() > 10 && headline_like).then_some(first)
}

/// Sentence ranges of `text`: split after `.`, `!`, `?` (and closing quotes)
/// followed by white space, and at line breaks.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (off, ch) = bytes[i];
        let boundary = if ch == '\n' {
            Some(off)
        } else if matches!(ch, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j].1.is_whitespace() {
                let end = if j < bytes.len() {
                    bytes[j].0
                } else {
                    text.len()
                };
                i = j;
                Some(end)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(end) = boundary {
            if !text[start..end].trim().is_empty() {
                out.push((start, end));
            }
            start = end;
        }
        i += 1;
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

fn terms_of(toks: &[Token]) -> (HashSet<String>, HashSet<String>) {
    let lex = lexicons();
    let mut terms = HashSet::new();
    let mut entities = HashSet::new();
    for (i, t) in toks.iter().enumerate() {
        if is_stopword(&t.norm) || t.norm.len() < 2 {
            continue;
        }
        // Denial and reporting vocabulary says nothing about what is claimed.
        let one = [t.clone()];
        if lex.denial_phrases.at(&one, 0, "phrase").is_some()
            || lex.denial_cues.at(&one, 0, "cue").is_some()
            || lex.distancing.at(&one, 0, "cue").is_some()
        {
            continue;
        }
        let s = stem(&t.norm);
        if t.capital && i > 0 {
            entities.insert(s.clone());
        }
        terms.insert(s);
    }
    (terms, entities)
}

fn speaker_text(text: &str, sp: &Speaker) -> String {
    let mut s = String::new();
    if let Some(span) = &sp.span {
        s.push_str(&text[span.start..span.end]);
        s.push(' ');
    }
    s.push_str(&sp.name);
    for x in [&sp.role, &sp.organisation].into_iter().flatten() {
        s.push(' ');
        s.push_str(x);
    }
    s
}

fn view<'a>(text: &str, st: &'a Statement, headline: Option<usize>) -> View<'a> {
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
    let region = if spans.is_empty() {
        (st.sentence.start, st.sentence.end)
    } else {
        (
            spans.iter().map(|s| s.0).min().unwrap_or(0),
            spans.iter().map(|s| s.1).max().unwrap_or(0),
        )
    };
    let toks = |s: Option<&Span>| s.map(|s| crate::lexicon::tokens(text, s.start, s.end));
    let cue = toks(st.cue.as_ref().map(|c| &c.span)).unwrap_or_default();
    let sentence = toks(Some(&st.sentence)).unwrap_or_default();
    let content = match addressee_quote(text, st) {
        // "'This is untrue,' a spokesman told Nordic Radio": the parse took
        // the addressee for the content; what was said is the quote.
        Some((a, b)) => crate::lexicon::tokens(text, a, b),
        None => toks(st.content.as_ref()).unwrap_or_else(|| sentence.clone()),
    };
    let speaker = st
        .speaker
        .as_ref()
        .map(|sp| {
            let s = speaker_text(text, sp);
            crate::lexicon::tokens(&s, 0, s.len())
        })
        .unwrap_or_default();
    let (terms, entities) = terms_of(&content);
    // The speaker's own name is everywhere in an article about them; it
    // says nothing about which claim they answer.
    let speaker_span = st
        .speaker
        .as_ref()
        .and_then(|s| s.span.as_ref())
        .map(|s| (s.start, s.end));
    let outside_speaker: Vec<Token> = sentence
        .iter()
        .filter(|t| !speaker_span.is_some_and(|(a, b)| t.start < b && a < t.end))
        .cloned()
        .collect();
    let (sent_terms, sent_entities) = terms_of(&outside_speaker);
    View {
        sent_terms,
        sent_entities,
        st,
        region,
        cue,
        content,
        sentence,
        speaker,
        terms,
        entities,
        headline: headline.is_some_and(|h| region.0 < h),
    }
}

/// The quotation opening a sentence of the form "'...,' X told Y", when the
/// statement's content is only the addressee Y (a name right after a
/// telling cue): the byte range inside the quotation marks.
fn addressee_quote(text: &str, st: &Statement) -> Option<(usize, usize)> {
    let cue = st.cue.as_ref()?;
    let content = st.content.as_ref()?;
    let mention = st.speaker.as_ref()?.span.as_ref()?;
    let tell = crate::lexicon::tokens(text, cue.span.start, cue.span.end);
    if !matches!(
        tell.first().map(|t| t.norm.as_str()),
        Some("told" | "tells" | "tell" | "telling")
    ) {
        return None;
    }
    // The content is the addressee: it follows the cue and is a short name.
    let words = crate::lexicon::tokens(text, content.start, content.end);
    let name_like =
        !words.is_empty() && words.len() <= 5 && words.iter().all(|t| t.capital || t.norm == "the");
    if content.start < cue.span.end || !name_like {
        return None;
    }
    // The sentence opens with a quotation that closes before the speaker.
    let sent = &text[st.sentence.start..mention.start.max(st.sentence.start)];
    let lead = sent.len() - sent.trim_start().len();
    let open = sent[lead..].chars().next()?;
    let close: &[char] = match open {
        '"' => &['"'],
        '\u{201c}' => &['\u{201d}', '"'],
        '\'' => &['\''],
        '\u{2018}' => &['\u{2019}'],
        _ => return None,
    };
    let inner_start = lead + open.len_utf8();
    let inner_end = inner_start + sent[inner_start..].rfind(close)?;
    (inner_end > inner_start).then(|| {
        (
            st.sentence.start + inner_start,
            st.sentence.start + inner_end,
        )
    })
}

/// The index of the first sentence token at or after byte `pos`.
fn tok_at(toks: &[Token], pos: usize) -> usize {
    toks.iter()
        .position(|t| t.start >= pos)
        .unwrap_or(toks.len())
}

fn negated_before(toks: &[Token], i: usize, window: usize) -> bool {
    toks[i.saturating_sub(window)..i]
        .iter()
        .any(|t| is_negation(&t.norm))
}

/// Denial signals of one statement, or `None` when a trap rules it out.
fn denial_signals(text: &str, v: &View<'_>) -> Option<(f32, Vec<Signal>)> {
    let lex = lexicons();
    let mut signals = Vec::new();
    let mut score = 0.0f32;
    // No-comment phrasing anywhere in the statement is never a denial.
    let region_toks = crate::lexicon::tokens(text, v.region.0, v.region.1);
    if let Some(h) = lex.traps.find(&region_toks, Some("no-comment")).first() {
        let _ = h;
        return None;
    }
    // A denial cue, unless a modal/negation precedes it or a procedural
    // object follows it.
    let mut cue_toks: Vec<Token> = v.cue.clone();
    let mut cue_hits = lex.denial_cues.find(&cue_toks, Some("cue"));
    // The parse of a headline often puts the verb in the speaker or the
    // content ("Officials Refute Media Reports That ..."): there, a denial
    // verb anywhere in the headline is the cue.
    let mut headline_cue = false;
    if cue_hits.is_empty() && v.headline {
        if let Some(h) = lex.denial_cues.find(&v.sentence, Some("cue")).first() {
            cue_toks = v.sentence[h.first..h.end].to_vec();
            cue_hits = lex.denial_cues.find(&cue_toks, Some("cue"));
            headline_cue = true;
        }
    }
    if let (Some(h), Some(first_cue)) = (cue_hits.first(), cue_toks.first()) {
        let cue_tok = cue_toks[h.first].start;
        let i = tok_at(&v.sentence, cue_tok);
        let j = tok_at(&v.sentence, cue_toks[h.end - 1].end);
        let before = lex.traps.ending_at(&v.sentence, i, "before-cue");
        let after = lex.traps.at(&v.sentence, j, "after-cue");
        let look_alike = lex.traps.at(&cue_toks, 0, "look-alike");
        if let Some(t) = before.or(after).or(look_alike) {
            if t.entry.weight > 0.0 {
                return None;
            }
        }
        // Passive without an agent ("was dismissed", "were denied entry").
        let passive = i > 0 && lex.traps.at(&v.sentence, i - 1, "passive").is_some();
        let by_agent = v.sentence[j.min(v.sentence.len())..]
            .iter()
            .take(6)
            .any(|t| t.norm == "by");
        // Nothing after a firing/refusing verb ("official dismissed").
        let no_object =
            j >= v.sentence.len() && lex.traps.at(&cue_toks, h.first, "no-object").is_some();
        if (passive && !by_agent) || no_object {
            return None;
        }
        // A passive with an agent denies only what its subject names: "the
        // reports were denied by the ministry", not "bail was denied by the
        // judge" or "the measure was rejected by voters".
        if passive {
            let subject_claim = (i.saturating_sub(6)..i.saturating_sub(1))
                .any(|k| lex.references.at(&v.sentence, k, "claim-noun").is_some());
            let content_false = lex
                .denial_phrases
                .find(&v.content, Some("phrase"))
                .iter()
                .any(|h| h.entry.weight >= 0.8);
            if !subject_claim && !content_false {
                return None;
            }
        }
        // The object's head: "rejected a media request" is procedural.
        let object: Vec<Token> = v.sentence[j.min(v.sentence.len())..]
            .iter()
            .take(7)
            .enumerate()
            .take_while(|(k, t)| {
                let stop = matches!(t.norm.as_str(), "as" | "saying" | "and");
                let clause = *k > 0 && t.norm == "that";
                !(stop || clause)
            })
            .map(|(_, t)| t)
            .cloned()
            .collect();
        let object_end = (0..object.len())
            .find(|&k| {
                // Not at full stops: "U.S. President Donald Trump's claim".
                k > 0 && text[object[k - 1].end..object[k].start].contains([',', ';', ':'])
            })
            .unwrap_or(object.len());
        let object = &object[..object_end];
        // The claim noun heads the object: not part of a name ("a Fox
        // News proposal"), not a modifier of a procedural head ("a news
        // conference"), and for a weak verb not behind a cause ("blasts X
        // over the idea").
        let strong_verb = h.entry.weight >= 1.0;
        let claim_object = (0..object.len()).find(|&k| {
            lex.references.at(object, k, "claim-noun").is_some()
                && !(object[k].capital && !v.headline && k > 0)
                && lex.traps.at(object, k + 1, "object-head").is_none()
                && (strong_verb
                    || !object[..k].iter().any(|t| {
                        matches!(
                            t.norm.as_str(),
                            "over" | "for" | "after" | "during" | "despite" | "amid"
                        )
                    }))
        });
        let trap_object = (0..claim_object.unwrap_or(object.len()))
            .any(|k| lex.traps.at(object, k, "object-head").is_some());
        let clause_start = v.sentence[j.min(v.sentence.len())..]
            .first()
            .is_some_and(|t| t.norm == "that")
            && v.sentence
                .get(j + 1)
                .is_some_and(|n| opens_clause(n) || n.norm == "no");
        if trap_object && !passive && !clause_start {
            return None;
        }
        // Weaker verbs ("dismissed", "rejected", "disputed") deny only when
        // their object is a claim ("dismissed the reports") or a clause, or
        // the content says "false" itself.
        let strong = h.entry.weight >= 1.0;
        // "rejected that the ..." is a clause; "rejected that argument" is
        // not.
        let after = &v.sentence[j.min(v.sentence.len())..];
        let clause = after
            .iter()
            .take(2)
            .position(|t| t.norm == "that")
            .is_some_and(|k| after.get(k + 1).is_some_and(opens_clause));
        let says_false = !lex
            .denial_phrases
            .find(&v.content, Some("phrase"))
            .is_empty();
        if !strong && claim_object.is_none() && !clause && !says_false && !passive {
            return None;
        }
        // A headline verb found outside the parsed cue must act on a claim
        // or a clause, or be a strong denial verb.
        if headline_cue && !strong && claim_object.is_none() && !clause {
            return None;
        }
        let _ = first_cue;
        let w = 0.6 * h.entry.weight;
        score += w;
        signals.push(sig(
            format!(
                "{}:{}",
                if headline_cue {
                    "headline-cue:deny"
                } else {
                    "cue:deny"
                },
                slug(&h.entry.phrase)
            ),
            Some(&text_of(text, &cue_toks[h.first..h.end])),
            w,
        ));
        // The verb's object is a claim ("slammed the rumours", "shot down
        // the minister's assertion"): even a weak verb denies it.
        if let Some(k) = claim_object {
            if !strong {
                score += 0.25;
                signals.push(sig(
                    "object:claim",
                    Some(&text_of(text, &object[k..k + 1])),
                    0.25,
                ));
            }
        }
    }
    // "X called the allegation 'a lie' and said ...": the denial sits in a
    // first predicate of the same subject, between the speaker and the
    // parsed cue.
    if cue_hits.is_empty() {
        if let Some((a, b)) = predicate_denial(v) {
            score += 0.5;
            signals.push(sig("predicate:deny", Some(&text[a..b]), 0.5));
        }
    }
    // Denial phrases in the content ("false", "never took place").
    let mut best = 0.0f32;
    let mut count = 0;
    // In a headline the parse of "Categorically false: X denies Y" is often
    // off, so the phrase may sit in any part of the statement.
    // ("It's rubbish that X, says Y" puts the phrase before the parsed
    // speaker, so the whole headline is looked at.)
    let phrase_toks = if v.headline {
        v.sentence.clone()
    } else {
        v.content.clone()
    };
    let mut about_claim: Option<(usize, usize)> = None;
    for h in lex.denial_phrases.find(&phrase_toks, Some("phrase")) {
        if h.entry.weight <= 0.0 {
            continue;
        }
        // One word modifying a noun that is no claim ("false passports", "a
        // false sense of", "inaccurate crime statistics") rejects nothing.
        // (A claim noun itself, "speculation circulated", is no modifier.)
        if h.end == h.first + 1 && lex.references.at(&phrase_toks, h.first, "noun").is_none() {
            // The noun phrase it modifies: the words right after it, up to
            // a function word or punctuation; it may end in a claim noun
            // ("fake stolen car report") or another denial word ("fake
            // death hoax").
            let mut np = Vec::new();
            let mut prev_end = phrase_toks[h.first].end;
            for (k, t) in phrase_toks.iter().enumerate().skip(h.end).take(3) {
                let joined = text[prev_end..t.start].chars().all(char::is_whitespace);
                if !joined || is_negation(&t.norm) {
                    break;
                }
                // ("report" is a stop word for the terms, not here.)
                if is_stopword(&t.norm) && lex.references.at(&phrase_toks, k, "noun").is_none() {
                    break;
                }
                np.push(k);
                prev_end = t.end;
            }
            let about_claim_np = np.iter().any(|&k| {
                lex.references.at(&phrase_toks, k, "claim-noun").is_some()
                    || lex.references.at(&phrase_toks, k, "noun").is_some()
                    || lex.denial_phrases.at(&phrase_toks, k, "phrase").is_some()
            });
            if !np.is_empty() && !about_claim_np {
                continue;
            }
        }
        let starts_negated = is_negation(&phrase_toks[h.first].norm);
        if !starts_negated && negated_before(&phrase_toks, h.first, 4) {
            continue;
        }
        // "calls the claims absurd", "the reports are completely false":
        // a claim noun just before says what the phrase is about.
        if about_claim.is_none() && h.entry.weight >= 0.5 {
            about_claim = (h.first.saturating_sub(4)..h.first)
                .find(|&k| lex.references.at(&phrase_toks, k, "claim-noun").is_some())
                .map(|k| (k, h.end))
                // "fake reports", "baseless allegations": the phrase as
                // the claim noun's adjective.
                // (Not inside a prepositional phrase: "fired over a
                // fabricated story" says nothing about that story's truth.)
                .or_else(|| {
                    let in_pp = h.first > 0
                        && matches!(
                            phrase_toks[h.first - 1].norm.as_str(),
                            "over"
                                | "for"
                                | "about"
                                | "of"
                                | "with"
                                | "by"
                                | "from"
                                | "after"
                                | "in"
                                | "on"
                                | "amid"
                        );
                    // Only an adjective: "bogus reports", not "absolutely
                    // no idea".
                    let adjective = !phrase_toks[h.first..h.end]
                        .iter()
                        .any(|t| is_negation(&t.norm));
                    if in_pp || h.entry.weight < 0.7 || !adjective {
                        return None;
                    }
                    (h.end..(h.end + 3).min(phrase_toks.len()))
                        .find(|&k| lex.references.at(&phrase_toks, k, "claim-noun").is_some())
                        .map(|k| (h.first, k + 1))
                });
        }
        count += 1;
        best = best.max(h.entry.weight);
        signals.push(sig(
            format!("phrase:{}", slug(&h.entry.phrase)),
            Some(&text_of(text, &phrase_toks[h.first..h.end])),
            0.0,
        ));
    }
    if count > 0 {
        let w = 0.55 * best + 0.05 * (count - 1).min(3) as f32;
        if let Some(s) = signals
            .iter_mut()
            .rev()
            .find(|s| s.name.starts_with("phrase:"))
        {
            s.weight = w;
        }
        score += w;
        if let Some((a, b)) = about_claim {
            score += 0.2;
            signals.push(sig(
                "phrase:about-claim",
                Some(&text_of(text, &phrase_toks[a..b])),
                0.2,
            ));
        }
    }
    // A flat "X? No, says Y" (or content that is nothing but "no").
    let says = |t: &Token| {
        matches!(
            t.norm.as_str(),
            "says" | "said" | "say" | "insists" | "insisted" | "tells" | "told"
        )
    };
    let flat_no = (v.content.len() == 1 && matches!(v.content[0].norm.as_str(), "no" | "nope"))
        || v.sentence.windows(2).any(|w| {
            matches!(w[0].norm.as_str(), "no" | "nope")
                && says(&w[1])
                && text[w[0].end..w[1].start].contains(',')
                && v.region.0 <= w[1].end
                && w[0].start < v.region.1 + 2
        });
    // (Only in a headline: in a story, "said no" mostly answers a
    // reporter's question, not a claim.)
    if flat_no && best < 0.5 && v.headline {
        score += 0.5;
        signals.push(sig("content:flat-no", None, 0.5));
    }
    // A negated main clause: a flat denial in a headline ("X is not Y, Z
    // says") or when it points at the claim ("the reports were not true").
    let modal = |i: usize| {
        v.content[i.saturating_sub(2)..i].iter().any(|t| {
            matches!(
                t.norm.as_str(),
                "would" | "could" | "will" | "may" | "might" | "should" | "can" | "must"
            )
        })
    };
    let headline_negations = if v.headline {
        lex.denial_phrases
            .find(&v.content, Some("negated-headline"))
            .into_iter()
            // ("Says No To X" refuses X; it denies nothing.)
            .filter(|h| {
                v.content[h.first].norm != "no"
                    || (h.first == 0 && v.content.get(h.first + 1).is_none_or(|t| t.norm != "to"))
            })
            .collect()
    } else {
        Vec::new()
    };
    let after_preposition = |i: usize| {
        (i > 0
            && matches!(
                v.content[i - 1].norm.as_str(),
                "for" | "of" | "to" | "by" | "with" | "from" | "about"
            ))
            // A conditional is not a denial: "if voters don't rally".
            || v.content[i.saturating_sub(3)..i]
                .iter()
                .any(|t| matches!(t.norm.as_str(), "if" | "whether" | "unless" | "when"))
    };
    // "Hands up, don't shoot": a subjectless "don't" is an imperative.
    let imperative = |i: usize| {
        matches!(v.content[i].norm.as_str(), "don't" | "do")
            && (i == 0
                || text[v.content[i - 1].end..v.content[i].start]
                    .contains([',', ':', ';', '"', '\u{201c}', '!']))
    };
    let negated = lex
        .denial_phrases
        .find(&v.content, Some("negated"))
        .into_iter()
        .chain(headline_negations)
        .find(|h| !modal(h.first) && !after_preposition(h.first) && !imperative(h.first));
    if let Some(h) = &negated {
        let mut w = 0.3;
        let mut why = vec!["negated"];
        if v.headline {
            w += 0.15;
            why.push("headline");
        }
        // The claim noun must come before the negation: it is what the
        // negated clause is about.
        let refers = (0..h.first).any(|i| {
            lex.references.at(&v.content, i, "claim-noun").is_some()
                && h.first - i <= 3
                && (1..=3).any(|gap| {
                    i >= gap
                        && lex
                            .references
                            .ending_at(&v.content, i + 1 - gap, "determiner")
                            .is_some()
                })
        });
        if refers {
            w += 0.2;
            why.push("refers-to-claim");
        }
        score += w;
        signals.push(sig(
            format!("content:{}", why.join("+")),
            Some(&text_of(text, &v.content[h.first..h.end])),
            w,
        ));
    }
    // "We can confirm that X is neither ... nor ...", "Dow confirms it is
    // not in talks": a confirmed negation denies.
    if let Some(h) = negated {
        // Only in the speaker's own first-person words: "the office
        // confirmed that X is not registered" confirms a fact, it denies
        // no claim.
        let lead = &v.content[..h.first.min(v.content.len()).min(8)];
        let first_person_confirm = lead.iter().enumerate().any(|(k, t)| {
            t.norm.starts_with("confirm")
                && lead[k.saturating_sub(4)..k]
                    .iter()
                    .any(|p| matches!(p.norm.as_str(), "we" | "i"))
        });
        if first_person_confirm {
            score += 0.2;
            signals.push(sig(
                "content:confirmed-negation",
                Some(&text_of(text, &v.content[h.first..h.end])),
                0.2,
            ));
        }
    }
    if score == 0.0 {
        return None;
    }
    // A confirming or distancing cue with no denial phrase is not a denial.
    if let Some(c) = &v.st.cue {
        if matches!(c.class, CueClass::Deny | CueClass::Reject) && cue_hits.is_empty() {
            score += 0.2;
            signals.push(sig("cue-class:deny", Some(&c.span.text), 0.2));
        }
    }
    // "X claimed the report was false" distances the writer from X; "X
    // insisted it was false" does not.
    // (Not when the headline's denial verb stands in for a misparsed cue:
    // "experts cast doubt on claims" is no distancing.)
    if !headline_cue
        && lex
            .distancing
            .find(&v.cue, Some("cue"))
            .iter()
            .any(|h| h.entry.weight >= 1.0)
    {
        score -= 0.3;
        signals.push(sig("cue:distancing", None, -0.3));
    }
    // "X reportedly not happy with Y": a hedged statement is a claim, not
    // an on-the-record denial.
    let region_toks = crate::lexicon::tokens(text, v.region.0, v.region.1);
    if let Some(h) = lex.distancing.find(&region_toks, Some("hedge")).first() {
        score -= 0.3;
        signals.push(sig(
            format!("hedge:{}", slug(&h.entry.phrase)),
            Some(&text_of(text, &region_toks[h.first..h.end])),
            -0.3,
        ));
    }
    if v.st.speaker.is_none() {
        score -= 0.25;
        signals.push(sig("speaker:none", None, -0.25));
    } else {
        score += 0.05;
        signals.push(sig("speaker:on-record", None, 0.05));
    }
    Some((score, signals))
}

/// A denial of a claim noun between the speaker mention and the cue: a
/// denial verb acting on it ("rejected the reports and said"), or a denial
/// phrase right after it ("called the allegation a lie and said"). The
/// byte range of the words found.
fn predicate_denial(v: &View<'_>) -> Option<(usize, usize)> {
    let lex = lexicons();
    let mention = v.st.speaker.as_ref()?.span.as_ref()?;
    let cue = v.st.cue.as_ref()?;
    if mention.end > cue.span.start {
        return None;
    }
    let gap: Vec<Token> = v
        .sentence
        .iter()
        .filter(|t| t.start >= mention.end && t.end <= cue.span.start)
        .cloned()
        .collect();
    if gap.len() < 2 || gap.len() > 16 {
        return None;
    }
    for k in 0..gap.len() {
        if lex.references.at(&gap, k, "claim-noun").is_none() {
            continue;
        }
        // A verb a few words before: "rejected the reports".
        let verb = (k.saturating_sub(4)..k).find(|&i| {
            lex.denial_cues
                .at(&gap, i, "cue")
                .is_some_and(|h| h.end <= k && h.entry.weight >= 0.4)
                && !negated_before(&gap, i, 2)
        });
        if let Some(i) = verb {
            return Some((gap[i].start, gap[k].end));
        }
        // A phrase right after: "called the allegation a lie".
        let phrase = (k + 1..(k + 4).min(gap.len())).find_map(|i| {
            lex.denial_phrases
                .at(&gap, i, "phrase")
                .filter(|h| h.entry.weight >= 0.5)
        });
        if let Some(h) = phrase {
            return Some((gap[k].start, gap[h.end - 1].end));
        }
    }
    None
}

/// Whether the speaker is an anonymous source, judged from the words of the
/// mention and name ("a source close to", "people familiar with"); unnamed
/// but identified officials ("police officials said") are not anonymous.
fn is_anonymous(v: &View<'_>) -> Option<String> {
    lexicons()
        .sources
        .find(&v.speaker, Some("anonymous"))
        .first()
        .map(|h| h.entry.phrase.clone())
}

fn is_outlet(v: &View<'_>) -> bool {
    let Some(sp) = &v.st.speaker else {
        return false;
    };
    // The mention as written is more reliable than what it was resolved to:
    // pronouns are judged by nothing but the parser's type, and a named
    // mention by its head ("The New York Post reports" is an outlet; "a
    // Washington Post poll" and "NBC moderator Matt Lauer" are not).
    let Some(m) = &sp.span else {
        return sp.kind == PartyType::MediaOutlet;
    };
    let toks = crate::lexicon::tokens(&m.text, 0, m.text.len());
    if let [t] = toks.as_slice() {
        if matches!(t.norm.as_str(), "it" | "they" | "its" | "them") {
            // Only if what it resolves to reads as an outlet too.
            let name = crate::lexicon::tokens(&sp.name, 0, sp.name.len());
            return sp.kind == PartyType::MediaOutlet
                && !lexicons().sources.find(&name, Some("outlet")).is_empty();
        }
    }
    let head = toks
        .iter()
        .position(|t| {
            matches!(
                t.norm.as_str(),
                "released"
                    | "published"
                    | "by"
                    | "in"
                    | "of"
                    | "on"
                    | "from"
                    | "that"
                    | "which"
                    | "who"
                    | "with"
                    | "at"
                    | "operating"
            )
        })
        .unwrap_or(toks.len());
    if head == 0 {
        return false;
    }
    // "a report in the Gazette", "an article by Politico": the outlet is in
    // the modifier.
    if matches!(
        toks[head - 1].norm.as_str(),
        "report" | "reports" | "article" | "articles" | "story" | "interview" | "column"
    ) {
        return !lexicons().sources.find(&toks, Some("outlet")).is_empty();
    }
    // A name the lexicon does not know ("Tasnim", "the Valen Courier") is
    // an outlet when the parser typed it so.
    // (Only when the parser resolved the mention to itself: a mention
    // resolved to some other, longer name is a coreference guess.)
    let strip = |x: &str| {
        x.trim()
            .trim_start_matches("The ")
            .trim_start_matches("the ")
            .to_lowercase()
    };
    let named = toks[head - 1].capital
        && sp.kind == PartyType::MediaOutlet
        && strip(&m.text) == strip(&sp.name);
    named
        || lexicons()
            .sources
            .find(&toks[..head], Some("outlet"))
            .iter()
            .any(|h| h.end == head)
}

/// Whether the word after "that" starts a clause ("that the ...", "that
/// he ...", "that Ardenia ...") rather than "that" being a determiner
/// ("that argument").
fn opens_clause(n: &crate::lexicon::Token) -> bool {
    n.capital
        || matches!(
            n.norm.as_str(),
            "the"
                | "a"
                | "an"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "his"
                | "her"
                | "its"
                | "their"
                | "there"
                | "this"
                | "any"
                | "such"
        )
}

/// The type of the party a denier speaks for.
pub fn party_type(text: &str, sp: &Speaker) -> PartyType {
    let lex = lexicons();
    let all = speaker_text(text, sp);
    let all_toks = crate::lexicon::tokens(&all, 0, all.len());
    if sp.kind == PartyType::AnonymousSource
        || !lex.sources.find(&all_toks, Some("anonymous")).is_empty()
    {
        return PartyType::AnonymousSource;
    }
    // "A spokesman for former President X": a former office-holder is a
    // private person.
    if all_toks
        .iter()
        .position(|t| t.norm == "former")
        .is_some_and(|i| {
            (i + 1..(i + 3).min(all_toks.len())).any(|k| {
                lex.parties.at(&all_toks, k, "government").is_some()
                    || lex.parties.at(&all_toks, k, "military").is_some()
            })
        })
    {
        return PartyType::Person;
    }
    // A spokesperson speaks for their organisation: type that first.
    let org = sp.organisation.clone().unwrap_or_default();
    let org_toks = crate::lexicon::tokens(&org, 0, org.len());
    for toks in [&org_toks, &all_toks] {
        for (section, kind) in [
            ("military", PartyType::Military),
            ("government", PartyType::Government),
            ("company", PartyType::Company),
            ("organisation", PartyType::Organisation),
        ] {
            if !lex.parties.find(toks, Some(section)).is_empty() {
                return kind;
            }
        }
    }
    match sp.kind {
        PartyType::Unknown => PartyType::Person,
        k => k,
    }
}

/// Nominal claims inside a statement: "reports that X", "Trump's claim
/// that X", "a BBC report saying X", "speculation ... that X".
fn embedded_claims(text: &str, v: &View<'_>) -> Vec<(Span, String, String)> {
    let lex = lexicons();
    let toks = &v.content;
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(noun) = lex.references.at(toks, i, "noun") else {
            continue;
        };
        // "said in a statement that ...", "wrote in a post that ...": the
        // speaker's own medium, not a claim of someone else.
        if noun.first > 0
            && (noun.first.saturating_sub(3)..noun.first).any(|k| toks[k].norm == "in")
            && matches!(
                toks[noun.end - 1].norm.as_str(),
                "statement" | "statements" | "post" | "posts" | "tweet" | "message" | "video"
            )
        {
            continue;
        }
        // The clause: "that", "saying", "claiming", "alleging", "of" within
        // eight words of the noun.
        let Some(k) = (noun.end..(noun.end + 8).min(toks.len())).find(|&k| {
            matches!(
                toks[k].norm.as_str(),
                "that" | "saying" | "claiming" | "alleging" | "suggesting" | "stating"
            )
        }) else {
            continue;
        };
        // Not across a coordination or a clause boundary ("call ever
        // happened and declaring that ...").
        let gap_breaks = toks[noun.end..k]
            .iter()
            .any(|t| matches!(t.norm.as_str(), "and" | "but" | "or"))
            || text[toks[noun.first].end..toks[k].start].contains([',', ';', ':']);
        // "stories that are intended to ..." is a relative clause, not the
        // content of the stories.
        let relative = toks[k].norm == "that"
            && toks.get(k + 1).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "is" | "are"
                        | "was"
                        | "were"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "can"
                        | "could"
                        | "may"
                        | "might"
                        | "should"
                        | "did"
                        | "does"
                        | "do"
                        | "appeared"
                        | "appear"
                        | "appears"
                        | "seemed"
                        | "claimed"
                        | "said"
                        // "the report that started from X": a verb right
                        // after "that" has no subject of its own.
                        | "started"
                        | "began"
                        | "emerged"
                        | "surfaced"
                        | "circulated"
                        | "spread"
                        | "went"
                        | "came"
                        | "sparked"
                        | "prompted"
                        | "caused"
                )
            });
        if gap_breaks || relative {
            continue;
        }
        // "that alleges that X": skip the relative clause's verb.
        let mut start = k + 1;
        if start + 1 < toks.len()
            && lex.distancing.at(toks, start, "cue").is_some()
            && toks[start + 1].norm == "that"
        {
            start += 2;
        }
        if start >= toks.len() {
            continue;
        }
        // The clause runs to the end of the content, or of the sentence of
        // the noun.
        let sent_end = sentences(text)
            .into_iter()
            .find(|s| s.0 <= toks[start].start && toks[start].start < s.1)
            .map(|s| s.1)
            .unwrap_or(text.len());
        let content_end = v.st.content.as_ref().map(|c| c.end).unwrap_or(sent_end);
        let end_limit = sent_end.min(content_end.max(toks[start].end));
        let mut end_tok = start;
        while end_tok + 1 < toks.len() && toks[end_tok + 1].end <= end_limit {
            // Stop at ", saying ..." / ", telling ..." that start the denial's
            // own account.
            let next = &toks[end_tok + 1];
            let comma_before = text[toks[end_tok].end..next.start].contains(',');
            if comma_before
                && (next.norm.ends_with("ing") || matches!(next.norm.as_str(), "but" | "and"))
            {
                break;
            }
            end_tok += 1;
        }
        let span = Span::of(text, toks[start].start, toks[end_tok].end);
        // The claimant: a possessor or capitalised words before the noun,
        // or "on/by/in <Name>" after it.
        let mut claimant = String::new();
        let mut j = i;
        while j > 0 && (toks[j - 1].capital || toks[j - 1].norm.ends_with("'s")) {
            j -= 1;
            if i - j > 5 {
                break;
            }
        }
        if j < i {
            claimant = text[toks[j].start..toks[i - 1].end]
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_string();
        } else if let Some(p) = (noun.end..k)
            .find(|&p| matches!(toks[p].norm.as_str(), "on" | "by" | "in" | "from") && p + 1 < k)
        {
            claimant = text_of(text, &toks[p + 1..k]);
        }
        let _ = t;
        out.push((span, claimant, text_of(text, &toks[noun.first..noun.end])));
    }
    out
}

struct Candidate {
    /// Index of the statement.
    idx: usize,
    score: f32,
    signals: Vec<Signal>,
    span: Option<Span>,
    claimant: Option<String>,
    /// Terms of the claim (the embedded span's, or the statement's).
    terms: HashSet<String>,
    entities: HashSet<String>,
    /// Whether it sits inside a denial ("denied reports that X").
    embedded: bool,
    /// The noun that introduced an embedded claim ("reports").
    embedded_noun: Option<String>,
    /// Whether it became a claim only because a denial answers it.
    promoted: bool,
    dropped: bool,
}

/// The distinctive words of a name: capitalised, and neither function
/// words nor titles ("President", "Ministry").
fn norm_name(s: &str) -> HashSet<String> {
    let toks = crate::lexicon::tokens(s, 0, s.len());
    let parties = &lexicons().parties;
    toks.iter()
        .enumerate()
        .filter(|(i, t)| {
            t.capital
                && !is_stopword(&t.norm)
                && !lexicons()
                    .sources
                    .find(&toks[*i..*i + 1], None)
                    .iter()
                    .any(|_| true)
                && parties.at(&toks, *i, "official-role").is_none()
        })
        .map(|(_, t)| stem(&t.norm))
        .collect()
}

fn same_party(a: &Statement, b: &Statement) -> bool {
    let (Some(x), Some(y)) = (&a.speaker, &b.speaker) else {
        return false;
    };
    if x.name.eq_ignore_ascii_case(&y.name) {
        return true;
    }
    let nx = norm_name(&x.name);
    let ny = norm_name(&y.name);
    if !nx.is_disjoint(&ny) {
        return true;
    }
    let ox = norm_name(x.organisation.as_deref().unwrap_or(""));
    let oy = norm_name(y.organisation.as_deref().unwrap_or(""));
    (!ox.is_empty() && (!ox.is_disjoint(&ny) || !ox.is_disjoint(&oy)))
        || (!oy.is_empty() && !oy.is_disjoint(&nx))
}

/// [`same_party`], or the mentions as written share a name ("Dow
/// Chemical" and "a spokesman for Dow Chemical in Zurich").
fn same_party_loose(a: &Statement, b: &Statement) -> bool {
    let words = |st: &Statement| -> HashSet<String> {
        st.speaker
            .as_ref()
            .map(|sp| {
                let mut w = norm_name(&sp.name);
                if let Some(m) = &sp.span {
                    w.extend(norm_name(&m.text));
                }
                w
            })
            .unwrap_or_default()
    };
    same_party(a, b) || !words(a).is_disjoint(&words(b))
}

/// How strongly denial `d` points at claim candidate `c`, and why.
fn link_score(
    text: &str,
    d: &View<'_>,
    c: &Candidate,
    cv: &View<'_>,
    c_is_claim: bool,
) -> (f32, Vec<String>) {
    let lex = lexicons();
    let mut score = 0.0f32;
    let mut ev = Vec::new();
    if c.embedded && c.idx == usize::MAX {
        return (0.0, ev);
    }
    let shared: BTreeSet<&String> = d.sent_terms.intersection(&c.terms).collect();
    if !shared.is_empty() {
        let w = (0.12 * shared.len() as f32).min(0.5);
        score += w;
        ev.push(format!(
            "shared terms: {}",
            shared
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let shared_e: BTreeSet<&String> = d.sent_entities.intersection(&c.entities).collect();
    if !shared_e.is_empty() {
        score += (0.12 * shared_e.len() as f32).min(0.36);
        ev.push(format!(
            "shared entities: {}",
            shared_e
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    // A back-reference in the denial: "the report", "Rafiei's remarks",
    // "such a call".
    let cname = cv
        .st
        .speaker
        .as_ref()
        .map(|s| norm_name(&s.name))
        .unwrap_or_default();
    let claimant = c.claimant.as_deref().map(norm_name).unwrap_or_default();
    // A speakerless hearsay statement ("news that X", "speculation that X").
    let hearsay = !c.embedded
        && cv.st.speaker.is_none()
        && unattributed(&cv.cue).is_some_and(|(_, n)| n.starts_with("hearsay:"));
    // A claim about the denier ("speculation that Wood was a target",
    // denied by Wood Group): the party it is about answers it.
    if c_is_claim && !c.embedded {
        let denier =
            d.st.speaker
                .as_ref()
                .and_then(|s| s.span.as_ref())
                .map(|m| norm_name(&m.text))
                .unwrap_or_default();
        let about: BTreeSet<&String> = denier.intersection(&c.entities).collect();
        if !about.is_empty() && !same_party(d.st, cv.st) {
            score += 0.3;
            ev.push(format!(
                "about the denier: {}",
                about
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut possessive = false;
    for (i, t) in d.sentence.iter().enumerate() {
        let Some(noun) = lex.references.at(&d.sentence, i, "noun") else {
            continue;
        };
        let _ = t;
        let noun_text = text_of(text, &d.sentence[noun.first..noun.end]);
        if i > 0 && d.sentence[i - 1].norm.ends_with("'s") {
            let owner = stem(&d.sentence[i - 1].norm);
            if cname.contains(&owner) || claimant.contains(&owner) {
                possessive = true;
                score += 0.5;
                ev.push(format!(
                    "reference: {}",
                    text_of(text, &d.sentence[i - 1..noun.end])
                ));
                continue;
            }
        }
        // "the report", "such a call", "these false reports": a determiner
        // up to two words before the noun.
        let determiner = (0..=2).any(|gap| {
            i > gap
                && lex
                    .references
                    .ending_at(&d.sentence, i - gap, "determiner")
                    .is_some()
        });
        if determiner && (c_is_claim || hearsay) {
            let outlet_ref = matches!(
                d.sentence[i].norm.as_str(),
                "report" | "reports" | "article" | "story" | "stories" | "news"
            );
            // "this report" answers "the report claimed ..." or "X
            // reported ...": the same noun (or its verb) names the claim.
            let noun = stem(&d.sentence[i].norm);
            let claim_noun = lex.references.at(&d.sentence, i, "claim-noun").is_some();
            // "All the reports are false" answers "news that X" or
            // "speculation that X": any hearsay noun names hearsay.
            let names_it = cv
                .speaker
                .iter()
                .chain(cv.cue.iter())
                .any(|t| stem(&t.norm) == noun || stem(&t.norm).starts_with(&noun))
                || c.embedded_noun.as_deref().is_some_and(|n| stem(n) == noun)
                || (hearsay && (claim_noun || outlet_ref));
            // "such a call" answers "X phoned Y"; "the meeting", "X met Y":
            // the noun names what the claim is about.
            let about_it = !outlet_ref && content_names(&d.sentence[i].norm, &c.terms);
            // "The meeting did not occur" points at a claim about a meeting,
            // not at whatever claim came before.
            if !claim_noun && !outlet_ref && !names_it && !about_it {
                continue;
            }
            // Hearsay that is not a claim on its own ("news that X") is one
            // once a denial points back at it.
            let w = if hearsay && !c_is_claim {
                0.45
            } else if names_it || about_it {
                0.35
            } else if outlet_ref && (is_outlet(cv) || c.embedded) {
                0.3
            } else {
                0.15
            };
            score += w;
            ev.push(format!(
                "reference: {}{}",
                noun_text,
                if about_it && !names_it {
                    " (names the claim's content)"
                } else {
                    ""
                }
            ));
            // "the report", "such a call" point back: a claim stated only
            // after the denial is a weaker antecedent.
            // (A headline's antecedent is the story below it.)
            if cv.region.0 >= d.st.sentence.end && !c.embedded && !d.headline {
                score -= 0.15;
                ev.push("after the reference".into());
            }
            break;
        }
    }
    // The denial names the claimant ("Feld was lying", "the allegations by
    // Feld"), outside the denier's own mention.
    // (Not the addressee: "told BBC World" names whom the denial was
    // given to.)
    if !possessive && !c.embedded {
        let speaker_span =
            d.st.speaker
                .as_ref()
                .and_then(|s| s.span.as_ref())
                .map(|s| (s.start, s.end));
        let mut named: BTreeSet<String> = BTreeSet::new();
        let mut addressee = false;
        for (k, t) in d.sentence.iter().enumerate() {
            if matches!(t.norm.as_str(), "told" | "tells" | "tell" | "telling") {
                addressee = true;
                continue;
            }
            if addressee && (t.capital || t.norm == "the") {
                continue;
            }
            addressee = false;
            let in_speaker = speaker_span.is_some_and(|(a, b)| t.start < b && a < t.end);
            if k == 0 || !t.capital || in_speaker || is_stopword(&t.norm) {
                continue;
            }
            let st = stem(&t.norm);
            if cname.contains(&st) || claimant.contains(&st) {
                named.insert(st);
            }
        }
        if !named.is_empty() {
            score += 0.3;
            ev.push(format!(
                "names the claimant: {}",
                named
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if c_is_claim {
        score += 0.1;
    }
    // "This is simply untrue", "That never happened": a pronoun subject
    // points at what was just said, a claim shortly before the denial.
    let pronoun_subject = d
        .content
        .first()
        .is_some_and(|t| matches!(t.norm.as_str(), "this" | "that" | "it" | "these" | "those"))
        && d.content
            .get(1)
            .is_some_and(|t| lex.references.at(&d.content, 1, "noun").is_none() && t.norm != "the");
    if pronoun_subject
        && c_is_claim
        && !c.embedded
        && cv.region.1 <= d.region.0
        && d.region.0 - cv.region.1 < 600
    {
        score += 0.1;
        ev.push("reference: pronoun".into());
    }
    // A headline or lede carrying both ("X claims Y. Z says nope.").
    let same_sentence =
        cv.st.sentence.start < d.st.sentence.end && d.st.sentence.start < cv.st.sentence.end;
    let both_headline = cv.headline && d.headline;
    if !c.embedded && c_is_claim && (same_sentence || both_headline) && cv.st.id != d.st.id {
        score += 0.3;
        ev.push("same sentence".into());
    }
    if !c.embedded && same_party(d.st, cv.st) {
        score -= 0.6;
        ev.push("same speaker".into());
    }
    (score, ev)
}

/// Whether a reference noun ("call", "meeting") names what a claim's
/// content is about: the same stem, or the verb of the same act.
fn content_names(noun: &str, terms: &HashSet<String>) -> bool {
    let related: &[&str] = match noun {
        "call" | "calls" => &["call", "phon", "telephon", "rang", "spoke"],
        "meeting" => &["meet", "met"],
        "message" | "messages" => &["messag", "letter", "wrote", "sent", "note"],
        "tweet" | "tweets" => &["tweet", "post"],
        "post" | "posts" => &["post", "tweet"],
        "video" | "footage" => &["video", "footage", "film"],
        "photo" | "photos" | "photograph" | "photographs" => &["photo", "picture", "image"],
        _ => &[],
    };
    let own = stem(noun);
    terms.iter().any(|t| {
        *t == own
            || related.iter().any(|r| {
                if r.len() >= 4 {
                    t.starts_with(r)
                } else {
                    t == r
                }
            })
    })
}

/// The decisions for one article's `statements` over its `text`.
///
/// Statements whose spans do not fit `text` (out of range, or not on a
/// character boundary: a record from a buggy producer) are ignored rather
/// than allowed to panic the stage.
pub fn decide(text: &str, statements: &[Statement]) -> Decisions {
    let valid: Vec<Statement> = statements
        .iter()
        .filter(|s| spans_fit(text, s))
        .cloned()
        .collect();
    let statements = &valid[..];
    let lex = lexicons();
    let head = headline_end(text);
    let sents = sentences(text);
    let views: Vec<View<'_>> = statements.iter().map(|s| view(text, s, head)).collect();

    // 1. Denials.
    let mut denials: Vec<(usize, f32, Vec<Signal>)> = Vec::new();
    for (i, v) in views.iter().enumerate() {
        if let Some((score, signals)) = denial_signals(text, v) {
            if score >= DENIAL_THRESHOLD {
                denials.push((i, score.min(1.0), signals));
            }
        }
    }
    // A denial phrase quoted inside another denial's content ("...that the
    // call in which Trump said he was praised never took place") belongs to
    // the outer denial, not to the nested speaker.
    let nested: HashSet<usize> = denials
        .iter()
        .filter(|(i, _, _)| {
            let Some(cue) = views[*i].st.cue.as_ref() else {
                return false;
            };
            denials.iter().any(|(o, _, _)| {
                o != i
                    && views[*o]
                        .st
                        .content
                        .as_ref()
                        .is_some_and(|c| c.start <= cue.span.start && cue.span.end <= c.end)
            })
        })
        .map(|d| d.0)
        .collect();
    denials.retain(|d| !nested.contains(&d.0));
    let is_denial: HashSet<usize> = denials.iter().map(|d| d.0).collect();

    // 2. Claims from distancing cues, hedges, sources and flags.
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, v) in views.iter().enumerate() {
        if is_denial.contains(&i) {
            continue;
        }
        let mut signals = Vec::new();
        let mut score = 0.0f32;
        // "The claims come ...", "the alleged call": after a determiner the
        // cue word is a noun or an adjective, not a reporting verb.
        let noun_cue = v.cue.len() == 1 && {
            let i = tok_at(&v.sentence, v.cue[0].start);
            i > 0 && noun_before(&v.sentence[i - 1].norm)
        };
        if noun_cue {
            // Nothing from the cue.
        } else if let Some(h) = lex.distancing.find(&v.cue, Some("cue")).first() {
            let w = 0.6 * h.entry.weight;
            score += w;
            signals.push(sig(
                format!("cue:claim:{}", slug(&h.entry.phrase)),
                Some(&text_of(text, &v.cue[h.first..h.end])),
                w,
            ));
        } else if v
            .st
            .cue
            .as_ref()
            .is_some_and(|c| c.class == CueClass::Claim)
        {
            score += 0.5;
            signals.push(sig(
                "cue-class:claim",
                v.st.cue.as_ref().map(|c| c.span.text.as_str()),
                0.5,
            ));
        }
        let region_toks = crate::lexicon::tokens(text, v.region.0, v.region.1);
        if let Some(h) = lex.distancing.find(&region_toks, Some("hedge")).first() {
            score += 0.6;
            signals.push(sig(
                format!("hedge:{}", slug(&h.entry.phrase)),
                Some(&text_of(text, &region_toks[h.first..h.end])),
                0.6,
            ));
        }
        // No one named: "It had been claimed that X" (an impersonal
        // passive), "speculation that X", "rumours erupted that X" (hearsay
        // nouns as the cue).
        if v.st.speaker.is_none() {
            if let Some((w, name)) = unattributed(&v.cue) {
                if !signals.iter().any(|s| s.name.starts_with("hedge:")) {
                    score += w;
                    signals.push(sig(
                        name,
                        v.st.cue.as_ref().map(|c| c.span.text.as_str()),
                        w,
                    ));
                }
            }
        }
        if let Some(a) = is_anonymous(v) {
            score += 0.6;
            signals.push(sig("source:anonymous", Some(&a), 0.6));
        } else {
            if is_outlet(v) {
                // Another outlet's report, whatever verb introduces it.
                let report_cue = v.st.cue.as_ref().is_some_and(|c| {
                    c.class == CueClass::Report
                        || matches!(
                            c.lemma.as_str(),
                            "report" | "according to" | "reveal" | "cite"
                        )
                });
                let w = if report_cue { 0.55 } else { 0.5 };
                score += w;
                signals.push(sig(
                    "source:outlet",
                    v.st.speaker.as_ref().map(|s| s.name.as_str()),
                    w,
                ));
            }
            // "Citing people familiar with the matter, the paper said ...".
            let outside: Vec<Token> = v
                .sentence
                .iter()
                .filter(|t| t.end <= v.region.0 || t.start >= v.region.1)
                .cloned()
                .collect();
            if let Some(h) = lex.sources.find(&outside, Some("anonymous")).first() {
                score += 0.3;
                signals.push(sig(
                    "source:anonymous-cited",
                    Some(&text_of(text, &outside[h.first..h.end])),
                    0.3,
                ));
            } else if v.cue.first().is_some_and(|c| {
                matches!(c.norm.as_str(), "citing" | "cited" | "cites" | "quoting")
            }) {
                // "X reported, citing people familiar with the matter, that
                // ...": the parse made the sources the content.
                if let Some(h) = lex
                    .sources
                    .find(&v.content[..v.content.len().min(8)], Some("anonymous"))
                    .first()
                    // Not a fragment naming only the sources: a clause
                    // must follow them.
                    .filter(|h| {
                        v.content[h.end..]
                            .iter()
                            .filter(|t| !is_stopword(&t.norm))
                            .count()
                            >= 4
                            && v.content[h.end..].iter().any(|t| t.norm == "that")
                    })
                {
                    score += 0.5;
                    signals.push(sig(
                        "source:anonymous-cited",
                        Some(&text_of(text, &v.content[h.first..h.end])),
                        0.5,
                    ));
                }
            }
        }
        // Flags in the sentence, and in the sentences just around it.
        let sent_toks = &v.sentence;
        let mut flagged = false;
        if let Some(h) = lex.flags.find(sent_toks, Some("unverified")).first() {
            let w = 0.5 * h.entry.weight;
            score += w;
            flagged = true;
            signals.push(sig(
                format!("flag:{}", slug(&h.entry.phrase)),
                Some(&text_of(text, &sent_toks[h.first..h.end])),
                w,
            ));
        }
        if !flagged {
            let si = sents
                .iter()
                .position(|s| s.0 <= v.region.0 && v.region.0 < s.1)
                .unwrap_or(0);
            for &(a, b) in sents
                .iter()
                .skip(si.saturating_sub(1))
                .take(4)
                .filter(|s| s.0 >= v.st.sentence.end || s.1 <= v.st.sentence.start)
            {
                let toks = crate::lexicon::tokens(text, a, b);
                if let Some(h) = lex.flags.find(&toks, Some("unverified")).first() {
                    let w = 0.3 * h.entry.weight;
                    score += w;
                    signals.push(sig(
                        format!("flag-nearby:{}", slug(&h.entry.phrase)),
                        Some(&text_of(text, &toks[h.first..h.end])),
                        w,
                    ));
                    break;
                }
            }
        }
        // Content that is nothing but a flag ("claims that cannot be
        // independently verified") is commentary, not a claim.
        let flag_toks: usize = lex
            .flags
            .find(&v.content, Some("unverified"))
            .iter()
            .map(|h| h.end - h.first)
            .sum();
        let content_terms = v.content.iter().filter(|t| !is_stopword(&t.norm)).count();
        if content_terms <= flag_toks + 1 && flag_toks > 0 {
            score = 0.0;
        }
        // A claim asserts something: a fragment ("told E") does not, nor a
        // content that only names the sources ("citing people familiar
        // with the matter").
        let only_sources = lex
            .sources
            .find(&v.content, Some("anonymous"))
            .iter()
            .filter(|h| h.first <= 2)
            .map(|h| h.end)
            .max()
            .is_some_and(|end| {
                v.content[end..]
                    .iter()
                    .filter(|t| !is_stopword(&t.norm))
                    .count()
                    < 2
            });
        if content_terms < 2 || (only_sources && v.st.content.is_some()) {
            score = 0.0;
        }
        // Without a speaker, only a hedge ("reportedly", "is said to")
        // attributes the content to anyone.
        if v.st.speaker.is_none()
            && !signals.iter().any(|s| {
                s.name.starts_with("hedge:")
                    || s.name.starts_with("cue:claim")
                    || s.name.starts_with("hearsay:")
            })
        {
            score = 0.0;
        }
        if score > 0.0 {
            if let Some(c) = &v.st.cue {
                if c.class == CueClass::Confirm {
                    score -= 0.3;
                    signals.push(sig("cue:confirm", Some(&c.span.text), -0.3));
                }
            }
            let denial_content = lex
                .denial_phrases
                .find(&v.content, Some("phrase"))
                .iter()
                .any(|h| h.entry.weight >= 0.8);
            if denial_content {
                score -= 0.4;
                signals.push(sig("content:denial-like", None, -0.4));
            }
        }
        cands.push(Candidate {
            idx: i,
            score,
            signals,
            span: None,
            claimant: None,
            terms: v.terms.clone(),
            entities: v.entities.clone(),
            embedded: false,
            embedded_noun: None,
            promoted: false,
            dropped: false,
        });
    }

    // 3. Claims embedded in denials.
    for (di, _, _) in &denials {
        let v = &views[*di];
        for (span, claimant, noun) in embedded_claims(text, v) {
            let toks = crate::lexicon::tokens(text, span.start, span.end);
            let (terms, entities) = terms_of(&toks);
            if terms.len() < 2 {
                continue;
            }
            cands.push(Candidate {
                idx: *di,
                score: 0.7,
                signals: vec![
                    sig("embedded:denied", Some(&noun), 0.5),
                    sig(
                        "denied",
                        v.st.cue.as_ref().map(|c| c.span.text.as_str()),
                        0.2,
                    ),
                ],
                span: Some(span),
                claimant: (!claimant.is_empty()).then_some(claimant),
                terms,
                entities,
                embedded: true,
                embedded_noun: noun.split_whitespace().last().map(str::to_lowercase),
                promoted: false,
                dropped: false,
            });
            break;
        }
    }

    // 4. Links, and statements that become claims because a denial answers them.
    let mut links: Vec<Vec<(usize, f32, Vec<String>)>> = vec![Vec::new(); denials.len()];
    // A statement that itself says "false" or "never happened" is never
    // made a claim by a denial's link, whatever its parse.
    let denial_like: Vec<bool> = cands
        .iter()
        .map(|c| {
            let r = views[c.idx].region;
            let toks = crate::lexicon::tokens(text, r.0, r.1);
            lex.denial_phrases
                .find(&toks, Some("phrase"))
                .iter()
                .any(|h| h.entry.weight >= 0.8)
                || lex
                    .denial_cues
                    .find(&toks, Some("cue"))
                    .iter()
                    .any(|h| h.entry.weight >= 1.0)
        })
        .collect();
    for (n, (di, _, _)) in denials.iter().enumerate() {
        let d = &views[*di];
        let mut scored: Vec<(usize, f32, Vec<String>)> = Vec::new();
        // With no other evidence, a denial most likely answers the claim
        // just before it, or the article's only claim.
        let claim_count = cands.iter().filter(|c| c.score >= CLAIM_THRESHOLD).count();
        let nearest = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.score >= CLAIM_THRESHOLD && !c.embedded && views[c.idx].region.0 < d.region.0
            })
            .max_by_key(|(_, c)| views[c.idx].region.0)
            .map(|(i, _)| i);
        for (ci, c) in cands.iter().enumerate() {
            let is_claim = c.score >= CLAIM_THRESHOLD;
            if !is_claim && denial_like[ci] {
                continue;
            }
            let (mut s, mut ev) = link_score(text, d, c, &views[c.idx], is_claim);
            if nearest == Some(ci) {
                s += 0.15;
                ev.push("nearest claim before the denial".into());
            }
            if is_claim && claim_count == 1 {
                s += 0.1;
                ev.push("the article's only claim".into());
            }
            if c.embedded {
                if c.idx == *di {
                    s += 0.6;
                    ev.insert(0, "embedded in the denial".into());
                } else {
                    s -= 0.1;
                }
            }
            let need = if is_claim {
                LINK_THRESHOLD
            } else {
                PROMOTE_THRESHOLD
            };
            if s >= need {
                scored.push((ci, s, ev));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        if let Some(best) = scored.first().map(|s| s.1) {
            scored.retain(|s| s.1 >= best * 0.95);
            scored.truncate(3);
        }
        links[n] = scored;
    }
    for l in links.iter().flatten() {
        let c = &mut cands[l.0];
        if c.score < CLAIM_THRESHOLD {
            c.promoted = true;
            c.score = c.score.max(0.0) + 0.5;
        }
        if !c.signals.iter().any(|s| s.name == "denied-later") {
            c.signals.push(sig("denied-later", None, 0.5));
        }
    }

    // 4b. Follow-ups: "He went on to say that X", "she added that X" by
    //     the speaker of a claim continue that claim. "Went on to" refers
    //     back on its own, to any claim; "added" only right after a claim
    //     on its own evidence (its sentence or the next).
    let sent_of = |pos: usize| sents.iter().position(|s| s.0 <= pos && pos < s.1);
    // "He went on to say": a pronoun speaker is the claimant when no other
    // speaker comes between.
    let pronoun_of = |claim: usize, follow: usize| {
        let pronoun = views[follow]
            .st
            .speaker
            .as_ref()
            .and_then(|s| s.span.as_ref())
            .is_some_and(|m| matches!(m.text.to_lowercase().as_str(), "he" | "she" | "they"));
        pronoun
            && (claim + 1..follow)
                .all(|m| views[m].st.speaker.is_none() || same_party(views[m].st, views[claim].st))
    };
    for k in 0..cands.len() {
        if cands[k].score >= CLAIM_THRESHOLD {
            continue;
        }
        let v = &views[cands[k].idx];
        let Some(cue) = &v.st.cue else {
            continue;
        };
        let cue_l = cue.span.text.to_lowercase();
        let strong = ["went on to", "goes on to", "go on to", "going on to"]
            .iter()
            .any(|p| cue_l.starts_with(p));
        let weak = matches!(
            cue_l.as_str(),
            "added" | "adding" | "adds" | "continued" | "continues"
        );
        if !(strong || weak) || v.st.speaker.is_none() {
            continue;
        }
        let content_terms = v.content.iter().filter(|t| !is_stopword(&t.norm)).count();
        let denial_like = lex
            .denial_phrases
            .find(&v.content, Some("phrase"))
            .iter()
            .any(|h| h.entry.weight >= 0.5);
        if content_terms < 3 || denial_like {
            continue;
        }
        let here = sent_of(v.region.0);
        let prev = (0..k).rev().find(|&j| {
            let c = &cands[j];
            let cv = &views[c.idx];
            c.score >= CLAIM_THRESHOLD
                && !c.embedded
                && cv.region.1 <= v.region.0
                && (same_party(cv.st, v.st) || pronoun_of(c.idx, cands[k].idx))
                // ("Added" continues only a claim on its own evidence, not
                // one made a claim by a denial: what its speaker adds is
                // often an answer to that denial.)
                && (strong || !c.promoted)
                && (strong
                    || matches!((sent_of(cv.region.0), here), (Some(a), Some(b)) if b <= a + 1))
        });
        if let Some(j) = prev {
            let id = views[cands[j].idx].st.id.clone();
            let c = &mut cands[k];
            c.score = c.score.max(0.0) + 0.55;
            c.signals.push(sig(
                "continues-claim",
                Some(&format!("{} ({id})", cue.span.text)),
                0.55,
            ));
        }
    }

    // 5. Duplicates: an embedded or headline claim that repeats another
    //    claim is dropped and its links moved to the one kept.
    let is_claim = |c: &Candidate| c.score >= CLAIM_THRESHOLD;
    let mut redirect: Vec<usize> = (0..cands.len()).collect();
    for a in 0..cands.len() {
        if !is_claim(&cands[a]) {
            continue;
        }
        let a_weak = cands[a].embedded || views[cands[a].idx].headline;
        if !a_weak {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for b in 0..cands.len() {
            if a == b || !is_claim(&cands[b]) || cands[b].dropped {
                continue;
            }
            let b_weak = cands[b].embedded || views[cands[b].idx].headline;
            // Keep body claims over headline ones, standalone over embedded,
            // and the first of two equals.
            let b_better = (!views[cands[b].idx].headline && views[cands[a].idx].headline)
                || (!b_weak && a_weak)
                || (b_weak == a_weak
                    && views[cands[b].idx].headline == views[cands[a].idx].headline
                    && b < a);
            if !b_better {
                continue;
            }
            let shared = cands[a].terms.intersection(&cands[b].terms).count();
            let small = cands[a].terms.len().min(cands[b].terms.len()).max(1);
            if shared >= 2
                && shared as f32 / small as f32 >= 0.25
                && best.is_none_or(|x| shared > x.1)
            {
                best = Some((b, shared));
            }
        }
        if let Some((b, _)) = best {
            cands[a].dropped = true;
            redirect[a] = b;
        }
    }
    // Two claim statements over the same words (a report and the claim it
    // reports: "X revealed that Y had claimed Z") are one claim: keep the
    // stronger.
    for a in 0..cands.len() {
        if cands[a].dropped || cands[a].embedded || !is_claim(&cands[a]) {
            continue;
        }
        for b in 0..cands.len() {
            if a == b || cands[b].dropped || cands[b].embedded || !is_claim(&cands[b]) {
                continue;
            }
            let (ra, rb) = (views[cands[a].idx].region, views[cands[b].idx].region);
            let overlap = ra.1.min(rb.1).saturating_sub(ra.0.max(rb.0));
            let shorter = (ra.1 - ra.0).min(rb.1 - rb.0).max(1);
            let b_better =
                cands[b].score > cands[a].score || (cands[b].score == cands[a].score && b < a);
            if overlap * 2 > shorter && b_better {
                cands[a].dropped = true;
                redirect[a] = b;
                break;
            }
        }
    }
    let resolve = |mut i: usize| {
        while redirect[i] != i {
            i = redirect[i];
        }
        i
    };

    // 6. Output claims, then denials with links; merge denials repeating
    //    the same act (same party, same claims).
    let mut out = Decisions::default();
    let mut emitted: HashSet<usize> = HashSet::new();
    for (ci, c) in cands.iter().enumerate() {
        if c.dropped || !is_claim(c) {
            continue;
        }
        emitted.insert(ci);
        out.claims.push(ClaimDecision {
            statement: statements[c.idx].id.clone(),
            score: c.score.clamp(0.0, 1.0),
            signals: c.signals.clone(),
            span: c.span.clone(),
            claimant: c.claimant.clone(),
        });
    }
    for (n, (di, score, signals)) in denials.iter().enumerate() {
        let v = &views[*di];
        let mut refutes: Vec<LocalLink> = Vec::new();
        let mut seen = HashSet::new();
        for (ci, s, ev) in &links[n] {
            let target = resolve(*ci);
            if !emitted.contains(&target) || !seen.insert(target) {
                continue;
            }
            refutes.push(LocalLink {
                statement: statements[cands[target].idx].id.clone(),
                score: s.min(1.0),
                evidence: ev.clone(),
            });
        }
        let anonymous = is_anonymous(v).is_some();
        let denier_type =
            v.st.speaker
                .as_ref()
                .map(|sp| party_type(text, sp))
                .unwrap_or(PartyType::Unknown);
        let mut signals = signals.clone();
        if anonymous {
            signals.push(sig("denier:anonymous", None, 0.0));
        }
        let decision = DenialDecision {
            statement: statements[*di].id.clone(),
            official: !anonymous && v.st.speaker.is_some(),
            denier_type,
            score: *score,
            signals,
            refutes,
            also: Vec::new(),
        };
        // The same party (or its spokesperson) repeating a denial of the
        // same claims is one denial act: the first statement stands for it,
        // the others go to `also`, and the links are pooled.
        let prev = out.denials.iter_mut().find(|p| {
            let members: Vec<&View<'_>> = std::iter::once(&p.statement)
                .chain(p.also.iter())
                .filter_map(|id| statements.iter().position(|s| &s.id == id))
                .map(|i| &views[i])
                .collect();
            let compatible = p.refutes.is_empty()
                || decision.refutes.is_empty()
                || decision
                    .refutes
                    .iter()
                    .any(|l| p.refutes.iter().any(|q| q.statement == l.statement));
            // Statements given to different outlets ("told the BBC", "told
            // Reuters") are separate denial acts.
            let mine = addressee(text, v);
            let other_occasion = mine.is_some()
                && members
                    .iter()
                    .any(|m| addressee(text, m).is_some_and(|a| Some(&a) != mine.as_ref()));
            // "He said", "a statement on Wednesday": a continuation of the
            // denial just before, whatever it links to.
            let continuation =
                v.st.speaker
                    .as_ref()
                    .and_then(|s| s.span.as_ref())
                    .is_some_and(|m| {
                        let toks = crate::lexicon::tokens(&m.text, 0, m.text.len());
                        toks.first().is_some_and(|t| {
                            matches!(t.norm.as_str(), "he" | "she" | "it" | "they")
                                || (matches!(t.norm.as_str(), "a" | "the" | "its" | "their")
                                    && toks.get(1).is_some_and(|t| t.norm == "statement"))
                        })
                    })
                    && members
                        .iter()
                        .any(|m| m.region.1 <= v.region.0 && v.region.0 - m.region.1 < 800);
            !members[0].headline
                && !v.headline
                && p.official == decision.official
                && (compatible || continuation)
                && !other_occasion
                && members.iter().any(|m| {
                    same_party(m.st, v.st) || is_spokes(&v.speaker) || is_spokes(&m.speaker)
                })
        });
        match prev {
            Some(p) => {
                p.also.push(decision.statement);
                // The act keeps its strongest links: a weak guess from a
                // repetition does not dilute a clear one.
                let best = p.refutes.iter().map(|q| q.score).fold(0.0f32, f32::max);
                for l in decision.refutes {
                    if l.score >= best * 0.95
                        && !p.refutes.iter().any(|q| q.statement == l.statement)
                    {
                        p.refutes.push(l);
                    }
                }
                p.score = p.score.max(decision.score);
            }
            None => {
                let mut decision = decision;
                // "This is not true," a spokesman told Reuters: with nothing
                // of its own to go on, a denial by the same party answers
                // what that party's earlier denial answered.
                if decision.refutes.is_empty() {
                    let earlier = out.denials.iter().find(|p| {
                        !p.refutes.is_empty()
                            && std::iter::once(&p.statement)
                                .chain(p.also.iter())
                                .filter_map(|id| statements.iter().position(|s| &s.id == id))
                                .any(|i| same_party_loose(views[i].st, v.st))
                    });
                    if let Some(p) = earlier {
                        decision.refutes = p
                            .refutes
                            .iter()
                            .map(|l| LocalLink {
                                statement: l.statement.clone(),
                                score: l.score * 0.8,
                                evidence: vec![format!(
                                    "the same party's earlier denial ({})",
                                    p.statement
                                )],
                            })
                            .collect();
                    }
                }
                out.denials.push(decision);
            }
        }
    }
    out
}

/// The weight and signal of a speakerless statement's cue that attributes
/// its content to no one: an impersonal passive ("it is alleged", "it had
/// been reported") or a hearsay noun ("speculation", "rumours erupted",
/// "reports", "news"; news is often plain fact, so it needs more evidence,
/// such as a denial answering it).
fn unattributed(cue: &[Token]) -> Option<(f32, String)> {
    let first = cue.first()?;
    let be = |t: &Token| {
        matches!(
            t.norm.as_str(),
            "is" | "was" | "are" | "were" | "been" | "be"
        )
    };
    if first.norm == "it" && cue.len() >= 3 && cue[1..].iter().any(be) {
        return Some((0.6, "hedge:impersonal".into()));
    }
    let w = match first.norm.as_str() {
        "rumour" | "rumours" | "rumor" | "rumors" | "speculation" | "claims" | "allegations" => 0.6,
        "report" | "reports" => 0.55,
        "news" | "suggestions" => 0.35,
        _ => return None,
    };
    Some((w, format!("hearsay:{}", first.norm)))
}

/// Whether a word before a cue word makes the cue a noun or adjective
/// ("the claims", "the alleged call", "with claims of", "amid claims").
fn noun_before(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "these"
            | "those"
            | "this"
            | "such"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "any"
            | "all"
            | "of"
            | "with"
            | "about"
            | "over"
            | "amid"
            | "despite"
            | "against"
            | "to"
    )
}

/// Whether every span of `st` is a valid range of `text`.
pub fn spans_fit(text: &str, st: &Statement) -> bool {
    let ok = |a: usize, b: usize| {
        a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    };
    ok(st.sentence.start, st.sentence.end)
        && st.content.as_ref().is_none_or(|c| ok(c.start, c.end))
        && st.cue.as_ref().is_none_or(|c| ok(c.span.start, c.span.end))
        && st
            .speaker
            .as_ref()
            .and_then(|s| s.span.as_ref())
            .is_none_or(|m| ok(m.start, m.end))
}

/// Whom a statement was given to: the capitalised words after "told"
/// ("told Reuters", "told BBC World").
fn addressee(text: &str, v: &View<'_>) -> Option<String> {
    let cue = v.cue.first()?;
    if !matches!(cue.norm.as_str(), "told" | "tells" | "telling" | "tell") {
        return None;
    }
    let i = tok_at(&v.sentence, cue.end);
    let words: Vec<&Token> = v.sentence[i..]
        .iter()
        .skip_while(|t| t.norm == "the")
        .take_while(|t| t.capital)
        .take(4)
        .collect();
    let (first, last) = (words.first()?, words.last()?);
    Some(text[first.start..last.end].to_lowercase())
}

fn is_spokes(speaker: &[Token]) -> bool {
    speaker.iter().any(|t| {
        t.norm.starts_with("spokes")
            || matches!(
                t.norm.as_str(),
                "he" | "she" | "they" | "it" | "representative" | "statement"
            )
    })
}

#[cfg(test)]
pub(crate) mod tests;
