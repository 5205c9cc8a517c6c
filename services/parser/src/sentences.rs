//! Sentence segmentation over tokens, robust to abbreviations ("U.S.", "Mr.",
//! "Gen.", "Sept.") and to punctuation inside quotes.

use crate::lexicon::Lexicon;
use crate::tokens::{Kind, Token};

/// A sentence: the token range `first..last` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub(crate) first: usize,
    pub(crate) last: usize,
}

/// Words that start a sentence after an initialism such as "U.S.".
const STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "His",
    "Her",
    "Their",
    "Its",
    "On",
    "At",
    "As",
    "After",
    "When",
    "While",
    "There",
    "If",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Still",
    "Yet",
    "However",
    "Meanwhile",
    "Some",
    "Many",
    "Both",
];

/// Splits `toks` into sentences.
pub(crate) fn split(text: &str, toks: &[Token], lex: &Lexicon) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0usize;
    let n = toks.len();
    let mut i = 0usize;
    while i < n {
        // A paragraph break always ends the sentence before it.
        if i > first && toks[i].para {
            out.push(Sentence { first, last: i });
            first = i;
        }
        let t = toks[i];
        let s = &text[t.start..t.end];
        let mut ends = false;
        if t.kind == Kind::Punct && matches!(s, "." | "!" | "?") {
            ends = true;
            if s == "." && i > 0 {
                let p = toks[i - 1];
                if p.end == t.start && p.kind == Kind::Word {
                    let w = &text[p.start..p.end];
                    if lex.is_abbreviation(w) || is_initial(w) {
                        ends = false;
                    }
                }
            }
            // "E! News", "Yahoo! Finance": an exclamation mark inside a
            // brand name, right after a single capital letter or a known
            // brand, before a capitalised word.
            if s == "!" && i > 0 {
                let p = toks[i - 1];
                let w = &text[p.start..p.end];
                let brand =
                    p.end == t.start && p.kind == Kind::Word && (is_initial(w) || w == "Yahoo");
                let name_follows = toks
                    .get(i + 1)
                    .is_some_and(|nx| !nx.para && nx.upper && nx.kind == Kind::Word);
                if brand && name_follows {
                    ends = false;
                }
            }
        } else if t.kind == Kind::Word && s.ends_with('.') && s.len() > 1 {
            // "U.S." at the end of a sentence: only when a typical sentence
            // starter follows.
            if let Some(nx) = toks.get(i + 1) {
                let w = &text[nx.start..nx.end];
                ends = nx.para || STARTERS.contains(&w) || nx.kind == Kind::Open;
            }
        }
        if ends {
            // Take closing quotes and brackets along.
            let mut j = i + 1;
            while j < n && !toks[j].para {
                let u = toks[j];
                let us = &text[u.start..u.end];
                if u.kind == Kind::Close || matches!(us, ")" | "]" | "’" | "'") {
                    j += 1;
                } else {
                    break;
                }
            }
            // `"Is that all?" Trump said.`: a quote's question or exclamation
            // does not end the sentence when a short attribution follows.
            if j > i + 1 && s != "." && attribution_follows(text, toks, j) {
                i = j;
                continue;
            }
            // The next token must look like a sentence start.
            let starts = match toks.get(j) {
                None => true,
                Some(nx) => {
                    nx.para
                        || nx.upper
                        || nx.kind == Kind::Open
                        || text[nx.start..].starts_with(|c: char| c.is_ascii_digit())
                        || matches!(&text[nx.start..nx.end], "(" | "—" | "-" | "--" | "[")
                }
            };
            if starts {
                out.push(Sentence { first, last: j });
                first = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if first < n {
        out.push(Sentence { first, last: n });
    }
    out
}

/// Whether tokens from `j` are a short "Name said" attribution.
fn attribution_follows(text: &str, toks: &[Token], j: usize) -> bool {
    for k in j..(j + 5).min(toks.len()) {
        let t = toks[k];
        if t.para || t.kind != Kind::Word {
            return false;
        }
        let w = text[t.start..t.end].to_ascii_lowercase();
        if matches!(
            w.as_str(),
            "said"
                | "says"
                | "told"
                | "added"
                | "asked"
                | "wrote"
                | "explained"
                | "continued"
                | "noted"
                | "replied"
                | "tweeted"
                | "insisted"
                | "argued"
                | "declared"
                | "claimed"
        ) {
            return k > j || toks.get(k + 1).is_some_and(|n| n.kind == Kind::Word);
        }
    }
    false
}

/// A single capital letter: a middle initial ("John F. Kennedy").
fn is_initial(w: &str) -> bool {
    let mut it = w.chars();
    matches!((it.next(), it.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn sents(text: &str) -> Vec<String> {
        let lex = Lexicon::get();
        let toks = tokenize(text);
        split(text, &toks, lex)
            .iter()
            .map(|s| text[toks[s.first].start..toks[s.last - 1].end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = sents("Gen. Smith met Mr. Jones in Sept. last year. The U.S. Army agreed.");
        assert_eq!(
            s,
            vec![
                "Gen. Smith met Mr. Jones in Sept. last year.",
                "The U.S. Army agreed."
            ]
        );
    }

    #[test]
    fn initialism_at_sentence_end_splits_before_a_starter() {
        let s = sents("He flew to the U.S. The trip was short.");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn a_brand_exclamation_mark_does_not_end_a_sentence() {
        let s = sents("A friend told E! News that the band split. Wow! Then it rained.");
        assert_eq!(
            s,
            vec![
                "A friend told E! News that the band split.",
                "Wow!",
                "Then it rained."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let s = sents("She said, \"We will win.\" Then she left.");
        assert_eq!(s[0], "She said, \"We will win.\"");
        assert_eq!(s[1], "Then she left.");
    }

    #[test]
    fn a_quoted_question_stays_with_its_attribution() {
        let s = sents("\"Is that all there is?\" Trump said. Then he left.");
        assert_eq!(s[0], "\"Is that all there is?\" Trump said.");
    }

    #[test]
    fn paragraphs_and_headlines_split() {
        let s = sents("Mexico Says Nope\n\nThe ministry said no.");
        assert_eq!(s, vec!["Mexico Says Nope", "The ministry said no."]);
    }
}
