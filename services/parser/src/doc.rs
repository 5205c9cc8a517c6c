//! The analysed article: tokens, sentences and quotes, with the small word
//! tests the extraction rules share.

use crate::lexicon::{Lexicon, Next, Prev};
use crate::quotes::{self, Quote};
use crate::sentences::{self, Sentence};
use crate::tokens::{self, Kind, Token};

/// Function words that end a noun phrase when scanning for a speaker.
fn np_stop(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "where"
            | "when"
            | "while"
            | "because"
            | "but"
            | "or"
            | "if"
            | "as"
            | "since"
            | "although"
            | "though"
            | "after"
            | "before"
            | "than"
            | "so"
            | "whether"
            | "until"
            | "unless"
            | "what"
            | "how"
            | "why"
            | "whereas"
            | "nor"
            | "yet"
            | "to"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "not"
            | "also"
            | "said"
            | "says"
            | "say"
            | "told"
            | "tells"
    )
}

/// Auxiliary and modal verbs: a phrase holding one is a clause.
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "do", "does", "did",
];

/// Determiners and possessives: a following cue word is a noun.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
    "your", "'s", "’s", "no", "any", "every", "each", "some", "another", "such",
];

/// An analysed text.
pub(crate) struct Doc<'a> {
    pub(crate) text: &'a str,
    /// `text` with ASCII letters lowercased: same byte offsets.
    pub(crate) lower: String,
    pub(crate) toks: Vec<Token>,
    pub(crate) sents: Vec<Sentence>,
    /// The sentence of each token.
    pub(crate) sent_of: Vec<u32>,
    pub(crate) quotes: Vec<Quote>,
    /// The quote holding each token, marks included.
    pub(crate) in_quote: Vec<Option<u32>>,
    pub(crate) lex: &'static Lexicon,
    /// Per sentence: a title-case headline ("Mexico Says Nope").
    pub(crate) headline: Vec<bool>,
    /// Tokens that are part of a cue candidate: they end speaker phrases.
    pub(crate) cue_mark: Vec<bool>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str) -> Doc<'a> {
        let lex = Lexicon::get();
        let toks = tokens::tokenize(text);
        let sents = sentences::split(text, &toks, lex);
        let mut sent_of = vec![0u32; toks.len()];
        for (si, s) in sents.iter().enumerate() {
            for slot in sent_of.iter_mut().take(s.last).skip(s.first) {
                *slot = si as u32;
            }
        }
        let (quotes, in_quote) = quotes::find(&toks);
        let n = toks.len();
        let headline = sents.iter().map(|s| is_headline(&toks, *s)).collect();
        Doc {
            headline,
            text,
            lower: text.to_ascii_lowercase(),
            toks,
            sents,
            sent_of,
            quotes,
            cue_mark: vec![false; n],
            in_quote,
            lex,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The token as written.
    pub(crate) fn w(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    /// The token with ASCII letters lowercased.
    pub(crate) fn lw(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.lower[t.start..t.end]
    }

    pub(crate) fn kind(&self, i: usize) -> Kind {
        self.toks[i].kind
    }

    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word
    }

    pub(crate) fn upper(&self, i: usize) -> bool {
        self.toks[i].upper
    }

    pub(crate) fn is_determiner(&self, i: usize) -> bool {
        DETERMINERS.contains(&self.lw(i))
    }

    /// Sentence-final punctuation.
    pub(crate) fn is_final(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Punct && matches!(self.w(i), "." | "!" | "?")
    }

    /// Whether token `i` cannot be part of a speaker noun phrase.
    pub(crate) fn np_boundary(&self, i: usize) -> bool {
        self.cue_mark[i] || self.np_boundary_unmarked(i)
    }

    /// [`Doc::np_boundary`] without the cue marks: for phrases that may
    /// hold a cue word as a noun ("according to the statement").
    pub(crate) fn np_boundary_unmarked(&self, i: usize) -> bool {
        let t = self.toks[i];
        match t.kind {
            Kind::Open | Kind::Close => true,
            Kind::Punct => !matches!(self.w(i), "-" | "&" | "." | "'" | "’" | "(" | ")" | "%"),
            Kind::Word => {
                let w = self.lw(i);
                if w == "and" {
                    // "Clinton and Sanders said", "Hawkins and others said": a
                    // coordination of names.
                    let prev_word = i > 0 && self.is_word(i - 1) && !self.cue_mark[i - 1];
                    let next_up = i + 1 < self.len()
                        && (self.upper(i + 1) || (self.lw(i + 1) == "others" && self.upper(i - 1)));
                    return !(prev_word && next_up);
                }
                if w == "to" && i > 0 && matches!(self.lw(i - 1), "close" | "closer" | "loyal") {
                    // "a source close to the family said".
                    return false;
                }
                np_stop(w) || (w.len() > 3 && (w.ends_with("n't") || w.ends_with("n’t")))
            }
        }
    }

    /// The byte span of tokens `a..b` (exclusive).
    pub(crate) fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        (self.toks[a].start, self.toks[b - 1].end)
    }

    /// The sentence holding token `i`.
    pub(crate) fn sentence(&self, i: usize) -> Sentence {
        self.sents[self.sent_of[i] as usize]
    }

    /// The context class of the token before `i` (for the learned table).
    pub(crate) fn prev_class(&self, i: usize) -> Prev {
        if i == 0 || self.toks[i].para {
            return Prev::Start;
        }
        let k = i - 1;
        let w = self.lw(k);
        if DETERMINERS.contains(&w) {
            Prev::Det
        } else if matches!(
            w,
            "has"
                | "have"
                | "had"
                | "was"
                | "is"
                | "were"
                | "are"
                | "be"
                | "been"
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
                | "also"
        ) {
            Prev::Aux
        } else if w == "to" {
            Prev::To
        } else if matches!(w, "he" | "she" | "they" | "it" | "we" | "i" | "who" | "you") {
            Prev::Pron
        } else if self.toks[k].kind != Kind::Word {
            Prev::Punct
        } else if self.toks[k].upper {
            Prev::Cap
        } else {
            Prev::Other
        }
    }

    /// The context class of the token after `i` (for the learned table).
    pub(crate) fn next_class(&self, i: usize) -> Next {
        let k = i + 1;
        if k >= self.toks.len() || self.toks[k].para {
            return Next::End;
        }
        let w = self.lw(k);
        if self.toks[k].kind == Kind::Open {
            Next::Quote
        } else if w == "that" {
            Next::That
        } else if w == "to" {
            Next::To
        } else if DETERMINERS.contains(&w) {
            Next::Det
        } else if matches!(w, "he" | "she" | "they" | "it" | "we" | "i" | "who" | "you") {
            Next::Pron
        } else if matches!(
            w,
            "about"
                | "for"
                | "of"
                | "on"
                | "in"
                | "with"
                | "as"
                | "at"
                | "by"
                | "from"
                | "against"
                | "over"
                | "into"
        ) {
            Next::Prep
        } else if self.toks[k].kind != Kind::Word {
            Next::Punct
        } else if self.toks[k].upper {
            Next::Cap
        } else {
            Next::Other
        }
    }

    /// Whether token `i` is in a headline.
    pub(crate) fn in_headline(&self, i: usize) -> bool {
        self.headline[self.sent_of[i] as usize]
    }

    /// The quote holding token `i`.
    pub(crate) fn quote(&self, i: usize) -> Option<Quote> {
        self.in_quote[i].map(|q| self.quotes[q as usize])
    }
}

/// Whether a sentence is a title-case headline: no final period, and nearly
/// every word capitalised or short.
fn is_headline(toks: &[Token], s: Sentence) -> bool {
    let words: Vec<&Token> = toks[s.first..s.last]
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .collect();
    let last = toks[s.last - 1];
    // The first line is the title even when a feed gave it a final period.
    let final_stop = last.kind == Kind::Punct && last.end - last.start == 1 && s.first > 0;
    if words.len() < 3 || (final_stop && words.len() > 14) || words.len() > 30 {
        return false;
    }
    let ups = words
        .iter()
        .filter(|t| t.upper || (!final_stop && t.end - t.start <= 3))
        .count();
    ups * 10 >= words.len() * 8
}
