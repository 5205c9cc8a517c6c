//! The parser's word lists, compiled in from `lexicon/*` (see `lexicon/README.md`),
//! and the closed-class words the rules and the cue model test for.

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::num::NonZeroU16;
use std::sync::OnceLock;

/// A fast, non-cryptographic hasher for short word keys (FxHash's mixing):
/// lookups run once per token, and the keys are our own word lists, so
/// hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type HashSet<K> = StdHashSet<K, BuildHasherDefault<FxHasher>>;

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

/// A map keyed by hashes that are already well mixed.
pub(crate) type IdentityMap<V> = StdHashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// FxHash's multiplier.
const WORD_HASH_K: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of a word, by which the lexicon's words are found and the cue
/// model's features named. FxHash-style mixing of the bytes eight at a time, seeded with the
/// length, so that most words take one step; the high half is folded into
/// the low one, which hash tables index by.
pub(crate) const fn word_hash(bytes: &[u8]) -> u64 {
    const fn mix(h: u64, word: u64) -> u64 {
        (h.rotate_left(5) ^ word).wrapping_mul(WORD_HASH_K)
    }
    let mut h = (bytes.len() as u64).wrapping_mul(WORD_HASH_K);
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        h = mix(h, u64::from_le_bytes(*chunk));
        rest = tail;
    }
    // The last 1 to 7 bytes as one word without a byte loop: two
    // overlapping 4-byte reads, or the first, middle and last byte. Either
    // covers every byte, so for a given length no two tails mix alike.
    let n = rest.len();
    if let (Some(first), Some(last)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        h = mix(
            h,
            u32::from_le_bytes(*first) as u64 | (u32::from_le_bytes(*last) as u64) << 32,
        );
    } else if n > 0 {
        h = mix(
            h,
            rest[0] as u64 | (rest[n / 2] as u64) << 8 | (rest[n - 1] as u64) << 16,
        );
    }
    h ^ (h >> 32)
}

use claimwatch_shared::events::{CueClass, PartyType};

const CUES: &str = include_str!("../lexicon/cues.tsv");
const ABBREVIATIONS: &str = include_str!("../lexicon/abbreviations.txt");
const PARTIES: &str = include_str!("../lexicon/parties.tsv");
const ROLES: &str = include_str!("../lexicon/roles.txt");
const NOUNS: &str = include_str!("../lexicon/nouns.tsv");
const LEARNED: &str = include_str!("../lexicon/learned.tsv");

/// Auxiliary and modal verbs: a phrase holding one is a clause.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "do", "does", "did",
];

/// Determiners and possessives: a following cue word is a noun.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
    "your", "'s", "’s", "no", "any", "every", "each", "some", "another", "such",
];

/// Closed-class words besides the auxiliaries and determiners: with them,
/// the words the cue model never scores.
const OTHER_CLOSED_CLASS: &[&str] = &[
    "and", "or", "but", "of", "in", "on", "at", "by", "for", "with", "from", "into", "as", "he",
    "she", "it", "they", "we", "i", "you", "which", "who", "not", "to", "than", "if", "so",
    "there",
];

/// Function words that end a noun phrase when scanning for a speaker.
const NP_STOPS: &[&str] = &[
    "that", "which", "who", "whom", "where", "when", "while", "because", "but", "or", "if", "as",
    "since", "although", "though", "after", "before", "than", "so", "whether", "until", "unless",
    "what", "how", "why", "whereas", "nor", "yet", "to", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "do",
    "does", "did", "not", "also", "said", "says", "say", "told", "tells",
];

/// Sentence-initial capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "if",
    "when",
    "while",
    "after",
    "before",
    "as",
    "for",
    "with",
    "from",
    "by",
    "to",
    "of",
    "so",
    "there",
    "still",
    "however",
    "meanwhile",
    "yet",
    "some",
    "many",
    "one",
    "two",
    "what",
    "who",
    "why",
    "how",
    "despite",
    "although",
    "though",
    "since",
    "because",
    "during",
    "last",
    "next",
    "more",
    "most",
    "no",
    "not",
    "all",
    "both",
    "each",
    "every",
    "other",
    "another",
    "such",
    "even",
    "also",
    "then",
    "now",
    "here",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "according",
    "said",
    "says",
];

/// Personal pronouns a speaker mention may be.
const PRONOUNS: &[&str] = &[
    "he", "she", "him", "her", "they", "them", "it", "we", "i", "you", "his", "hers",
];

/// The class of the word before a cue candidate, as in `tools/learn_cues.py`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Prev {
    Start,
    Det,
    Aux,
    To,
    Pron,
    Punct,
    Cap,
    Other,
}

/// The class of the word after a cue candidate, as in `tools/learn_cues.py`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Next {
    End,
    That,
    To,
    Quote,
    Det,
    Pron,
    Prep,
    Punct,
    Cap,
    Other,
}

fn prev_of(name: &str) -> Option<Prev> {
    Some(match name {
        "start" => Prev::Start,
        "det" => Prev::Det,
        "aux" => Prev::Aux,
        "to" => Prev::To,
        "pron" => Prev::Pron,
        "punct" => Prev::Punct,
        "cap" => Prev::Cap,
        "other" => Prev::Other,
        _ => return None,
    })
}

fn next_of(name: &str) -> Option<Next> {
    Some(match name {
        "end" => Next::End,
        "that" => Next::That,
        "to" => Next::To,
        "quote" => Next::Quote,
        "det" => Next::Det,
        "pron" => Next::Pron,
        "prep" => Next::Prep,
        "punct" => Next::Punct,
        "cap" => Next::Cap,
        "other" => Next::Other,
        _ => return None,
    })
}

/// How often a word was a cue in the training data, overall and by context.
#[derive(Debug, Default)]
struct Learned {
    cue: u32,
    total: u32,
    contexts: HashMap<(Prev, Next), (u32, u32)>,
    /// The entry used when the word is a cue only by these counts.
    entry: usize,
}

/// One cue lemma and its class.
#[derive(Debug, Clone)]
pub(crate) struct CueEntry {
    pub(crate) lemma: String,
    pub(crate) class: CueClass,
    /// Often not a reporting cue: tried only after the strong cues, so a
    /// "said" nearby claims the clause first.
    pub(crate) weak: bool,
}

/// One surface form of a cue: its lowercase words and its entry.
#[derive(Debug, Clone)]
pub(crate) struct CueForm {
    pub(crate) words: Vec<String>,
    pub(crate) entry: usize,
}

/// What the word lists say about one lowercase word, so that a rule asks
/// them with one lookup; [`crate::doc::Doc`] looks each token up once.
#[derive(Debug, Default)]
pub(crate) struct Word {
    /// The word itself (lowercase).
    text: String,
    /// Every cue form starting with the word, longest first.
    pub(crate) forms: Vec<CueForm>,
    /// Its entry as a noun cue form.
    pub(crate) noun: Option<usize>,
    /// Its party type as a one-word party phrase.
    pub(crate) party: Option<PartyType>,
    /// A one-word role noun.
    pub(crate) role: bool,
    /// The first word of a two-or-more-word party or role phrase.
    pub(crate) starts_phrase: bool,
    /// One of [`AUXILIARIES`].
    pub(crate) auxiliary: bool,
    /// One of [`DETERMINERS`].
    pub(crate) determiner: bool,
    /// An auxiliary, a determiner or one of [`OTHER_CLOSED_CLASS`].
    pub(crate) closed_class: bool,
    /// One of [`NP_STOPS`].
    pub(crate) np_stop: bool,
    /// One of [`NOT_NAMES`].
    pub(crate) not_name: bool,
    /// One of [`PRONOUNS`].
    pub(crate) pronoun: bool,
    /// How often it was a cue in the training data.
    learned: Option<Learned>,
}

impl Word {
    /// The learned share of the word being a cue in this context, smoothed
    /// towards its overall share, with the entry to use; `None` for words
    /// never seen as cues.
    pub(crate) fn learned(&self, context: impl FnOnce() -> (Prev, Next)) -> Option<(f32, usize)> {
        let l = self.learned.as_ref()?;
        let (prev, next) = context();
        let overall = l.cue as f32 / (l.total as f32 + 1.0);
        const WEIGHT: f32 = 3.0;
        let p = match l.contexts.get(&(prev, next)) {
            Some(&(c, t)) => (c as f32 + WEIGHT * overall) / (t as f32 + WEIGHT),
            None => overall,
        };
        Some((p, l.entry))
    }

    /// The entry of the word as a learned cue.
    fn learned_entry(&self) -> Option<usize> {
        self.learned.as_ref().map(|l| l.entry)
    }
}

/// A word of the lexicon, in two bytes: [`crate::doc::Doc`] keeps one per
/// token, which on a long text adds up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordId(NonZeroU16);

/// Every list the parser uses, parsed once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) entries: Vec<CueEntry>,
    /// Each lemma to its first entry (rules name special entries by lemma).
    by_lemma: HashMap<String, usize>,
    /// Every word that starts a cue form, is a noun cue, a learned cue, a
    /// one-word party or role, or on a closed list, with what the lists say
    /// about it.
    words: Vec<Word>,
    /// Each of `words` by its [`word_hash`] hash (no two of them alike).
    by_hash: IdentityMap<WordId>,
    abbreviations: HashSet<String>,
    /// Party words (single or multiword, lowercase) to their type.
    parties: HashMap<String, PartyType>,
    roles: HashSet<String>,
    /// The entry of a cue word found by the cue model alone.
    unlisted: usize,
}

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn class_of(name: &str) -> Option<CueClass> {
    Some(match name {
        "assert" => CueClass::Assert,
        "claim" => CueClass::Claim,
        "deny" => CueClass::Deny,
        "reject" => CueClass::Reject,
        "confirm" => CueClass::Confirm,
        "belief" => CueClass::Belief,
        "report" => CueClass::Report,
        _ => return None,
    })
}

fn party_of(name: &str) -> Option<PartyType> {
    Some(match name {
        "person" => PartyType::Person,
        "government" => PartyType::Government,
        "military" => PartyType::Military,
        "company" => PartyType::Company,
        "organisation" => PartyType::Organisation,
        "media_outlet" => PartyType::MediaOutlet,
        "anonymous_source" => PartyType::AnonymousSource,
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The regular inflections of a one-word verb: base, -s, -ed, -ing.
fn inflect(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let chars: Vec<char> = lemma.chars().collect();
    let last = chars.last().copied().unwrap_or(' ');
    let before = if chars.len() >= 2 {
        chars[chars.len() - 2]
    } else {
        ' '
    };
    let stem_y = &lemma[..lemma.len().saturating_sub(1)];
    if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
    {
        out.push(format!("{lemma}es"));
    } else if last == 'y' && !is_vowel(before) {
        out.push(format!("{stem_y}ies"));
    } else {
        out.push(format!("{lemma}s"));
    }
    if last == 'e' {
        out.push(format!("{lemma}d"));
    } else if last == 'y' && !is_vowel(before) {
        out.push(format!("{stem_y}ied"));
    } else {
        out.push(format!("{lemma}ed"));
    }
    if last == 'e' && before != 'e' {
        out.push(format!("{stem_y}ing"));
    } else {
        out.push(format!("{lemma}ing"));
    }
    out
}

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub(crate) fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut entries = Vec::new();
        let mut forms: HashMap<String, Vec<CueForm>> = HashMap::default();
        for line in lines(CUES) {
            let mut cols = line.split('\t');
            let lemma = cols.next().unwrap_or("").trim();
            let Some(class) = class_of(cols.next().unwrap_or("").trim()) else {
                continue;
            };
            let listed: Vec<String> = cols
                .next()
                .unwrap_or("")
                .split(',')
                .map(|f| f.trim().to_lowercase())
                .filter(|f| !f.is_empty())
                .collect();
            let special = listed.len() == 1 && listed[0] == "-";
            let all = if special {
                Vec::new()
            } else if listed.is_empty() {
                inflect(lemma)
            } else {
                listed
            };
            let weak = cols.next().is_some_and(|f| f.trim() == "weak");
            let entry = entries.len();
            entries.push(CueEntry {
                lemma: lemma.to_string(),
                class,
                weak,
            });
            for f in all {
                let words: Vec<String> = f.split_whitespace().map(str::to_string).collect();
                let Some(first) = words.first().cloned() else {
                    continue;
                };
                forms
                    .entry(first)
                    .or_default()
                    .push(CueForm { words, entry });
            }
        }
        for v in forms.values_mut() {
            v.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        let abbreviations = lines(ABBREVIATIONS)
            .map(|l| l.trim().to_lowercase())
            .collect();
        let mut parties: HashMap<String, PartyType> = HashMap::default();
        for line in lines(PARTIES) {
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("").trim().to_lowercase();
            if let Some(kind) = party_of(cols.next().unwrap_or("").trim()) {
                parties.insert(word, kind);
            }
        }
        let roles: HashSet<String> = lines(ROLES).map(|l| l.trim().to_lowercase()).collect();
        let mut nouns = HashMap::default();
        for line in lines(NOUNS) {
            let mut cols = line.split('\t');
            let form = cols.next().unwrap_or("").trim().to_lowercase();
            let lemma = cols.next().unwrap_or("").trim();
            let Some(class) = class_of(cols.next().unwrap_or("").trim()) else {
                continue;
            };
            nouns.insert(form, entries.len());
            entries.push(CueEntry {
                lemma: lemma.to_string(),
                class,
                weak: true,
            });
        }
        let mut learned: HashMap<String, Learned> = HashMap::default();
        for line in lines(LEARNED) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [w, ctx, cue, total] = cols[..] else {
                continue;
            };
            let (Ok(cue), Ok(total)) = (cue.parse::<u32>(), total.parse::<u32>()) else {
                continue;
            };
            let l = learned.entry(w.to_string()).or_default();
            if ctx == "*" {
                l.cue = cue;
                l.total = total;
            } else if let Some((p, n)) = ctx.split_once('/') {
                if let (Some(p), Some(n)) = (prev_of(p), next_of(n)) {
                    l.contexts.insert((p, n), (cue, total));
                }
            }
        }
        let mut words: Vec<&String> = learned.keys().collect();
        words.sort();
        let mut entry_of = StdHashMap::new();
        for w in words {
            entry_of.insert(w.clone(), entries.len());
            entries.push(CueEntry {
                lemma: w.clone(),
                class: CueClass::Assert,
                weak: true,
            });
        }
        for (w, l) in learned.iter_mut() {
            l.entry = entry_of[w];
        }
        // Words outside every list that the cue model accepts: the cue's own
        // words stand in for the empty lemma.
        let unlisted = entries.len();
        entries.push(CueEntry {
            lemma: String::new(),
            class: CueClass::Assert,
            weak: true,
        });
        let mut by_lemma = HashMap::default();
        for (k, e) in entries.iter().enumerate() {
            by_lemma.entry(e.lemma.clone()).or_insert(k);
        }
        let mut words: HashMap<String, Word> = HashMap::default();
        for (w, f) in forms {
            words.entry(w).or_default().forms = f;
        }
        for (w, entry) in nouns {
            words.entry(w).or_default().noun = Some(entry);
        }
        for (w, l) in learned {
            words.entry(w).or_default().learned = Some(l);
        }
        for (w, &kind) in parties.iter().filter(|(w, _)| !w.contains(' ')) {
            words.entry(w.clone()).or_default().party = Some(kind);
        }
        for w in roles.iter().filter(|w| !w.contains(' ')) {
            words.entry(w.clone()).or_default().role = true;
        }
        // Each closed list and the flags it sets.
        type Mark = fn(&mut Word);
        let closed_lists: [(&[&str], Mark); 6] = [
            (AUXILIARIES, |w| {
                w.auxiliary = true;
                w.closed_class = true;
            }),
            (DETERMINERS, |w| {
                w.determiner = true;
                w.closed_class = true;
            }),
            (OTHER_CLOSED_CLASS, |w| w.closed_class = true),
            (NP_STOPS, |w| w.np_stop = true),
            (NOT_NAMES, |w| w.not_name = true),
            (PRONOUNS, |w| w.pronoun = true),
        ];
        for (list, mark) in closed_lists {
            for &w in list {
                mark(words.entry(w.to_string()).or_default());
            }
        }
        for phrase in parties.keys().chain(roles.iter()) {
            if let Some((first, _)) = phrase.split_once(' ') {
                words.entry(first.to_string()).or_default().starts_phrase = true;
            }
        }
        let mut by_hash = IdentityMap::default();
        let mut list = Vec::with_capacity(words.len());
        for (text, word) in words {
            let id = u16::try_from(list.len() + 1)
                .ok()
                .and_then(NonZeroU16::new)
                .expect("fewer lexicon words than a WordId counts");
            let clash = by_hash.insert(word_hash(text.as_bytes()), WordId(id));
            assert!(clash.is_none(), "two lexicon words hash alike");
            list.push(Word { text, ..word });
        }
        Lexicon {
            by_lemma,
            unlisted,
            words: list,
            by_hash,
            entries,
            abbreviations,
            parties,
            roles,
        }
    }

    /// Whether `word` (without its period) is an abbreviation.
    pub(crate) fn is_abbreviation(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.');
        w.len() <= 6 && self.abbreviations.contains(&w.to_ascii_lowercase())
    }

    /// The entry of a lemma (for cues that rules find, such as the colon).
    pub(crate) fn entry(&self, lemma: &str) -> Option<usize> {
        self.by_lemma.get(lemma).copied()
    }

    /// What the lists say about a lowercase word, if any list holds it.
    pub(crate) fn word(&self, word: &str) -> Option<&Word> {
        self.word_id(word).map(|id| self.word_of(id))
    }

    /// The [`WordId`] of a lowercase word, if any list holds it.
    pub(crate) fn word_id(&self, word: &str) -> Option<WordId> {
        let &id = self.by_hash.get(&word_hash(word.as_bytes()))?;
        (self.word_of(id).text == word).then_some(id)
    }

    /// The word a [`WordId`] names.
    pub(crate) fn word_of(&self, id: WordId) -> &Word {
        &self.words[usize::from(id.0.get()) - 1]
    }

    /// The entry for a word the cue model accepts: its learned entry, else
    /// the unlisted one (class `assert`, empty lemma).
    pub(crate) fn learned_entry(&self, word: Option<&Word>) -> usize {
        word.and_then(Word::learned_entry).unwrap_or(self.unlisted)
    }

    /// Whether an entry is a learned or unlisted word (a cue-model cue),
    /// not a `cues.tsv` or `nouns.tsv` entry.
    pub(crate) fn is_learned(&self, entry: usize) -> bool {
        entry == self.unlisted
            || self
                .word(self.entries[entry].lemma.as_str())
                .and_then(Word::learned_entry)
                == Some(entry)
    }

    /// The party type of a lowercase word or phrase.
    pub(crate) fn party(&self, words: &str) -> Option<PartyType> {
        self.parties.get(words).copied()
    }

    /// Whether a lowercase word or phrase is a role noun.
    pub(crate) fn is_role(&self, words: &str) -> bool {
        self.roles.contains(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        assert_eq!(
            inflect("state"),
            vec!["state", "states", "stated", "stating"]
        );
        assert_eq!(inflect("deny"), vec!["deny", "denies", "denied", "denying"]);
        assert_eq!(inflect("add"), vec!["add", "adds", "added", "adding"]);
    }

    #[test]
    fn lexicon_loads_classes_and_multiword_forms() {
        let lex = Lexicon::get();
        let forms_starting = |w: &str| lex.word(w).map_or(&[][..], |w| w.forms.as_slice());
        let f = forms_starting("rejected");
        assert_eq!(lex.entries[f[0].entry].class, CueClass::Reject);
        let f = forms_starting("according");
        assert_eq!(f[0].words, vec!["according", "to"]);
        let f = forms_starting("went");
        assert_eq!(lex.entries[f[0].entry].lemma, "go on to say");
        assert!(lex.is_abbreviation("Sept."));
        assert_eq!(lex.party("ministry"), Some(PartyType::Government));
        assert!(lex.is_role("commander"));
    }

    #[test]
    fn word_hashes_differ_for_words_differing_in_any_byte() {
        let words = [
            "a",
            "b",
            "ab",
            "ba",
            "abc",
            "acb",
            "abcd",
            "abce",
            "abcde",
            "abxde",
            "said",
            "sAid",
            "stated",
            "statee",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghj",
            "’s",
            "'s",
        ];
        let hashes: HashSet<u64> = words.iter().map(|w| word_hash(w.as_bytes())).collect();
        assert_eq!(hashes.len(), words.len());
    }

    #[test]
    fn a_word_is_found_by_its_own_text_only() {
        let lex = Lexicon::get();
        let said = lex.word("said").expect("a cue word");
        assert!(!said.forms.is_empty());
        assert!(lex.word("sad").is_none());
    }
}
