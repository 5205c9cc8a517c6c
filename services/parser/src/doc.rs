//! The analysed article: tokens, sentences and quotes, with the small word
//! tests the extraction rules share.

use claimwatch_shared::events::PartyType;

use crate::lexicon::{word_hash, CueForm, Lexicon, Next, Prev, Word, WordId};
use crate::quotes::{self, Quote};
use crate::sentences::{self, Sentence};
use crate::tokens::{self, Kind, Token};

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
    /// Per token: its lowercase text's entry in the word lists, looked up
    /// once here rather than by every rule that asks (two bytes a token:
    /// on a long text, a wider list costs more in page faults than it
    /// saves).
    words: Vec<Option<WordId>>,
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
        let lower = text.to_ascii_lowercase();
        let words = toks
            .iter()
            .map(|t| lex.word_id(&lower[t.start..t.end]))
            .collect();
        Doc {
            headline,
            text,
            lower,
            words,
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

    /// The [`word_hash`] of token `i`'s lowercase text, by which the cue
    /// model names its features. (Computed when asked: the model asks for
    /// few tokens, and a stored hash per token costs memory on long texts.)
    #[inline]
    pub(crate) fn hash(&self, i: usize) -> u64 {
        let t = self.toks[i];
        word_hash(&self.lower.as_bytes()[t.start..t.end])
    }

    /// What the word lists say about token `i`.
    pub(crate) fn word(&self, i: usize) -> Option<&'static Word> {
        self.words[i].map(|id| self.lex.word_of(id))
    }

    /// Every cue form starting with token `i`'s word, longest first.
    pub(crate) fn forms_starting(&self, i: usize) -> &'static [CueForm] {
        self.word(i).map_or(&[], |w| w.forms.as_slice())
    }

    /// Whether any cue form of the word lists starts with token `i`'s word.
    pub(crate) fn starts_cue_form(&self, i: usize) -> bool {
        !self.forms_starting(i).is_empty()
    }

    /// Whether cue form `f` (one of [`Doc::forms_starting`]`(i)`) is
    /// written at token `i`: all its words, not just the first.
    pub(crate) fn form_at(&self, i: usize, f: &CueForm) -> bool {
        let k = f.words.len();
        i + k <= self.len() && (1..k).all(|j| self.lw(i + j) == f.words[j])
    }

    /// The first (longest) cue form written at token `i`.
    pub(crate) fn form_at_start(&self, i: usize) -> Option<&'static CueForm> {
        self.forms_starting(i).iter().find(|f| self.form_at(i, f))
    }

    /// The entry of token `i` as a noun cue.
    pub(crate) fn noun(&self, i: usize) -> Option<usize> {
        self.word(i).and_then(|w| w.noun)
    }

    /// Whether token `i` is a one-word role noun.
    pub(crate) fn is_role(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.role)
    }

    /// Whether token `i`'s word starts a party or role phrase of several
    /// words (only then is the two-word phrase worth looking up).
    pub(crate) fn starts_phrase(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.starts_phrase)
    }

    /// The party type of token `i` as a one-word party phrase.
    pub(crate) fn party(&self, i: usize) -> Option<PartyType> {
        self.word(i).and_then(|w| w.party)
    }

    /// Whether token `i` is a determiner or possessive.
    pub(crate) fn is_determiner(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.determiner)
    }

    /// Whether token `i` is an auxiliary or modal verb.
    pub(crate) fn is_auxiliary(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.auxiliary)
    }

    /// Whether token `i` is a capitalised word that opens sentences
    /// without being a name ("The", "However", "Monday").
    pub(crate) fn is_not_name(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.not_name)
    }

    /// Whether token `i` is a personal pronoun.
    pub(crate) fn is_pronoun(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.pronoun)
    }

    /// Whether token `i` is a closed-class word (which the cue model does
    /// not score).
    pub(crate) fn is_closed_class(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.closed_class)
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
                self.word(i).is_some_and(|w| w.np_stop)
                    || (w.len() > 3 && (w.ends_with("n't") || w.ends_with("n’t")))
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
        if self.is_determiner(k) {
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
        } else if self.is_determiner(k) {
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
    let words = || {
        toks[s.first..s.last]
            .iter()
            .filter(|t| t.kind == Kind::Word)
    };
    let n_words = words().count();
    let last = toks[s.last - 1];
    // The first line is the title even when a feed gave it a final period.
    let final_stop = last.kind == Kind::Punct && last.end - last.start == 1 && s.first > 0;
    if n_words < 3 || (final_stop && n_words > 14) || n_words > 30 {
        return false;
    }
    let ups = words()
        .filter(|t| t.upper || (!final_stop && t.end - t.start <= 3))
        .count();
    ups * 10 >= n_words * 8
}
