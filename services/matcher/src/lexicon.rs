//! Word tokens and the phrase lexicons under `lexicon/`, compiled in with
//! `include_str!` and parsed once.
//!
//! The file format is documented in `lexicon/README.md`: sections, phrases
//! with optional weights, `word*` prefixes, `~` (0..=3 words) and `@` (one
//! word) gaps.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A word of the text: its byte range and its lower-cased, apostrophe-folded
/// form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    /// Whether the word starts with an upper-case letter as written.
    pub capital: bool,
}

/// The word tokens of `text[start..end]`, with offsets into `text`.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let slice = &text[start..end];
    let mut cur: Option<usize> = None;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    for (i, &(off, ch)) in chars.iter().enumerate() {
        let apostrophe_inside = (ch == '\'' || ch == '’')
            && cur.is_some()
            && chars
                .get(i + 1)
                .is_some_and(|&(_, next)| next.is_alphanumeric());
        if ch.is_alphanumeric() || apostrophe_inside {
            if cur.is_none() {
                cur = Some(off);
            }
        } else if let Some(s) = cur.take() {
            out.push(token(text, start + s, start + off));
        }
    }
    if let Some(s) = cur {
        out.push(token(text, start + s, end));
    }
    out
}

fn token(text: &str, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    Token {
        start,
        end,
        norm: raw.to_lowercase().replace('’', "'"),
        capital: raw.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether a token negates what follows it.
pub fn is_negation(t: &str) -> bool {
    matches!(t, "not" | "no" | "never" | "neither" | "nor" | "without") || t.ends_with("n't")
}

#[derive(Debug, Clone, PartialEq)]
enum Pat {
    Word(String),
    Prefix(String),
    /// Exactly one arbitrary word.
    Any,
    /// Zero to three arbitrary words.
    Gap,
}

/// One phrase of a lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The phrase as written in the file.
    pub phrase: String,
    pub section: String,
    pub weight: f32,
    pats: Vec<Pat>,
}

/// A phrase found in a token sequence: token indices `first..last+1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub entry: &'a Entry,
    pub first: usize,
    pub end: usize,
}

/// A parsed lexicon file.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Entries by their first word, so that a position is tried only
    /// against the phrases that can start there.
    by_first: HashMap<String, Vec<usize>>,
    /// Entries starting with a prefix or a gap: tried everywhere.
    wild_first: Vec<usize>,
}

impl Lexicon {
    /// Parses the lexicon format of `lexicon/README.md`.
    ///
    /// # Panics
    /// On a malformed weight: the files are compiled in, so a unit test
    /// catches it.
    pub fn parse(src: &str) -> Lexicon {
        let mut section = String::from("default");
        let mut entries = Vec::new();
        for line in src.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.trim().to_string();
                continue;
            }
            let (phrase, weight) = match line.split_once('=') {
                Some((p, w)) => (
                    p.trim(),
                    w.trim()
                        .parse::<f32>()
                        .unwrap_or_else(|_| panic!("bad weight in lexicon line {line:?}")),
                ),
                None => (line, 1.0),
            };
            let pats = phrase_pats(phrase);
            if pats.is_empty() {
                continue;
            }
            entries.push(Entry {
                phrase: phrase.to_string(),
                section: section.clone(),
                weight,
                pats,
            });
        }
        // Longest phrases first, so callers taking the first hit at a
        // position get the most specific one ("not true" before "no").
        entries.sort_by_key(|e| std::cmp::Reverse(e.pats.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut wild_first = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match e.pats.first() {
                Some(Pat::Word(w)) => by_first.entry(w.clone()).or_default().push(i),
                _ => wild_first.push(i),
            }
        }
        Lexicon {
            entries,
            by_first,
            wild_first,
        }
    }

    /// Indices of the entries that may match at token `t`, in file order
    /// (longest first).
    fn candidates(&self, t: &Token) -> Vec<usize> {
        let mut out: Vec<usize> = self.wild_first.clone();
        let mut add = |k: &str| {
            if let Some(v) = self.by_first.get(k) {
                out.extend_from_slice(v);
            }
        };
        add(&t.norm);
        if let Some(base) = t.norm.strip_suffix("'s") {
            add(base);
        }
        if t.norm.ends_with("n't") && t.norm != "n't" {
            add("n't");
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The entries of one section.
    pub fn section<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.section == name)
    }

    /// Every hit of `section` (or of all sections when `None`) in `toks`:
    /// the longest at each position, unless it lies inside an earlier hit.
    pub fn find<'a>(&'a self, toks: &[Token], section: Option<&str>) -> Vec<Hit<'a>> {
        let mut hits: Vec<Hit<'a>> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut best: Option<Hit<'a>> = None;
            for e in self
                .candidates(&toks[i])
                .into_iter()
                .map(|k| &self.entries[k])
            {
                if section.is_some_and(|s| s != e.section) {
                    continue;
                }
                if let Some(end) = match_at(&e.pats, toks, i) {
                    if best.as_ref().is_none_or(|b| end > b.end) {
                        best = Some(Hit {
                            entry: e,
                            first: i,
                            end,
                        });
                    }
                }
            }
            // Overlapping hits are kept ("there was no" must not hide "no
            // basis"); only a hit inside a longer one found earlier is not.
            if let Some(h) = best {
                if hits.last().is_none_or(|l| h.end > l.end) {
                    hits.push(h);
                }
            }
            i += 1;
        }
        hits
    }

    /// The hit of `section` that starts exactly at token `i`, if any.
    pub fn at<'a>(&'a self, toks: &[Token], i: usize, section: &str) -> Option<Hit<'a>> {
        let t = toks.get(i)?;
        self.candidates(t)
            .into_iter()
            .map(|k| &self.entries[k])
            .filter(|e| e.section == section)
            .filter_map(|e| {
                match_at(&e.pats, toks, i).map(|end| Hit {
                    entry: e,
                    first: i,
                    end,
                })
            })
            .max_by_key(|h| h.end)
    }

    /// The hit of `section` that ends exactly at token index `end`.
    pub fn ending_at<'a>(&'a self, toks: &[Token], end: usize, section: &str) -> Option<Hit<'a>> {
        (end.saturating_sub(6)..end)
            .filter_map(|i| self.at(toks, i, section))
            .find(|h| h.end == end)
    }
}

fn phrase_pats(phrase: &str) -> Vec<Pat> {
    phrase
        .split_whitespace()
        .map(|w| {
            let w = w.to_lowercase().replace('’', "'");
            match w.as_str() {
                "~" => Pat::Gap,
                "@" => Pat::Any,
                _ => match w.strip_suffix('*') {
                    Some(p) => Pat::Prefix(p.to_string()),
                    None => Pat::Word(w),
                },
            }
        })
        .collect()
}

/// The token index after a match of `pats` starting at `i`.
fn match_at(pats: &[Pat], toks: &[Token], i: usize) -> Option<usize> {
    let Some((first, rest)) = pats.split_first() else {
        return Some(i);
    };
    match first {
        Pat::Gap => (0..=3)
            .filter(|k| i + k <= toks.len())
            .find_map(|k| match_at(rest, toks, i + k)),
        Pat::Any => (i < toks.len())
            .then(|| match_at(rest, toks, i + 1))
            .flatten(),
        Pat::Word(w) => {
            let t = toks.get(i)?;
            (t.norm == *w
                || (w == "n't" && t.norm.ends_with("n't"))
                || t.norm.strip_suffix("'s") == Some(w.as_str()))
            .then(|| match_at(rest, toks, i + 1))
            .flatten()
        }
        Pat::Prefix(p) => {
            let t = toks.get(i)?;
            t.norm
                .starts_with(p.as_str())
                .then(|| match_at(rest, toks, i + 1))
                .flatten()
        }
    }
}

/// Every lexicon of the matcher, parsed once.
#[derive(Debug)]
pub struct Lexicons {
    pub distancing: Lexicon,
    pub flags: Lexicon,
    pub sources: Lexicon,
    pub denial_cues: Lexicon,
    pub denial_phrases: Lexicon,
    pub traps: Lexicon,
    pub parties: Lexicon,
    pub references: Lexicon,
}

/// The compiled-in lexicons.
pub fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(|| Lexicons {
        distancing: Lexicon::parse(include_str!("../lexicon/distancing_cues.txt")),
        flags: Lexicon::parse(include_str!("../lexicon/claim_flags.txt")),
        sources: Lexicon::parse(include_str!("../lexicon/sources.txt")),
        denial_cues: Lexicon::parse(include_str!("../lexicon/denial_cues.txt")),
        denial_phrases: Lexicon::parse(include_str!("../lexicon/denial_phrases.txt")),
        traps: Lexicon::parse(include_str!("../lexicon/traps.txt")),
        parties: Lexicon::parse(include_str!("../lexicon/parties.txt")),
        references: Lexicon::parse(include_str!("../lexicon/references.txt")),
    })
}

/// Words too common to identify a claim.
pub fn is_stopword(w: &str) -> bool {
    static STOP: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    STOP.get_or_init(|| {
        "a an the of in on at to for and or but by with from as is was were be been being are am \
         his her their its it he she they them him this that these those there here who whom which \
         what when where why how not no nor so than then too very can could would should will shall \
         may might must do does did done has have had having i we you me my our your us mr ms mrs dr \
         said says say saying told tell tells telling stated states according reported reports report \
         claimed claims claim alleged alleges denied denies deny rejected rejects dismissed added \
         also just only over into about after before while during against between through up down \
         out off again further once all any both each few more most other some such own same s t \
         one two new last first year years day days week month time if because until upon \
         statement monday tuesday wednesday thursday friday saturday sunday yesterday today \
         earlier later now however meanwhile still even like well being within without"
            .split_whitespace()
            .map(|w| (w, ()))
            .collect()
    })
    .contains_key(w)
}

/// A crude stem so that "talks"/"talk" and "claimed"/"claim" meet.
pub fn stem(w: &str) -> String {
    let w = w.strip_suffix("'s").unwrap_or(w);
    if w.len() > 5 {
        for (suf, rep) in [("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] {
            if let Some(base) = w.strip_suffix(suf) {
                if base.len() >= 3 {
                    return format!("{base}{rep}");
                }
            }
        }
    } else if w.len() > 3 {
        if let Some(base) = w.strip_suffix('s') {
            if !base.ends_with('s') {
                return base.to_string();
            }
        }
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_parses_and_is_not_empty() {
        let l = lexicons();
        for lex in [
            &l.distancing,
            &l.flags,
            &l.sources,
            &l.denial_cues,
            &l.denial_phrases,
            &l.traps,
            &l.parties,
            &l.references,
        ] {
            assert!(!lex.entries.is_empty());
        }
    }

    #[test]
    fn tokens_fold_apostrophes_and_keep_offsets() {
        let text = "He didn’t say “no”.";
        let t = tokens(text, 0, text.len());
        let words: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, ["he", "didn't", "say", "no"]);
        assert_eq!(&text[t[1].start..t[1].end], "didn’t");
    }

    #[test]
    fn prefixes_and_gaps_match() {
        let lex = Lexicon::parse("[x]\nrefused ~ comment*\nalleg*\n");
        let text = "She refused to immediately comment on the allegations.";
        let hits = lex.find(&tokens(text, 0, text.len()), None);
        let phrases: Vec<&str> = hits.iter().map(|h| h.entry.phrase.as_str()).collect();
        assert_eq!(phrases, ["refused ~ comment*", "alleg*"]);
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("talks"), stem("talk"));
        assert_eq!(stem("claimed"), stem("claim"));
        assert_eq!(stem("Rafiei's"), "Rafiei");
    }
}
