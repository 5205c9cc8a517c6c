//! Speaker resolution: canonical names, roles, organisations and party types,
//! with pronouns ("he"), titles ("the commander", "the ministry") and
//! surname-only mentions ("Rafiei") resolved to an entity named earlier.

use claimwatch_shared::events::{PartyType, Span, Speaker};

use crate::doc::Doc;
use crate::lexicon::HashMap;
use crate::process::Raw;
use crate::tokens::Kind;

/// Something named in the article: its texts borrow the article's.
#[derive(Debug, Clone)]
struct Entity<'d> {
    name: &'d str,
    /// The lowercase words of the name, for surname matching.
    words: Vec<&'d str>,
    role: Option<&'d str>,
    org: Option<&'d str>,
    kind: PartyType,
}

/// Nationality adjectives that do not make a mention a name.
fn nationality(w: &str) -> bool {
    w.ends_with("ian")
        || w.ends_with("ese")
        || w.ends_with("ish")
        || w.ends_with("can")
        || matches!(
            w,
            "israeli" | "iraqi" | "saudi" | "british" | "french" | "u.s." | "us" | "thai"
        )
}

/// Runs of capitalised words: candidate names, as token ranges.
fn name_runs(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = doc.len();
    let mut i = 0;
    while i < n {
        if !(doc.is_word(i) && doc.upper(i)) || doc.cue_mark[i] {
            i += 1;
            continue;
        }
        let s = doc.sentence(i);
        if (i == s.first || doc.kind(i - 1) == Kind::Open) && doc.is_not_name(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < s.last {
            if doc.is_word(j) && doc.upper(j) && !doc.cue_mark[j] {
                j += 1;
            } else if matches!(doc.lw(j), "of" | "for" | "the")
                && j + 1 < s.last
                && doc.upper(j + 1)
                && doc.is_word(j + 1)
            {
                j += 2;
            } else {
                break;
            }
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Role and organisation from an appositive or title, e.g. "the Commander
/// of the Islamic Revolutionary Guard Corps" or "a spokesperson for X".
fn role_org<'d>(doc: &'d Doc, a: usize, b: usize) -> (Option<&'d str>, Option<&'d str>) {
    let mut k = a;
    while k < b && (doc.is_determiner(k) || doc.lw(k) == "former") {
        k += 1;
    }
    let mut role_end = None;
    for i in k..b {
        let w = doc.lw(i);
        if doc.is_role(i) {
            role_end = Some(i + 1);
            if i + 1 < b
                && doc.starts_phrase(i)
                && doc.lex.is_role(&format!("{w} {}", doc.lw(i + 1)))
            {
                role_end = Some(i + 2);
            }
        }
        if matches!(w, "of" | "for" | "at" | "with" | "in") && role_end.is_some() {
            break;
        }
    }
    let Some(re) = role_end else {
        return (None, None);
    };
    let (rs, _) = doc.bytes(k, re);
    let role = &doc.text[rs..doc.toks[re - 1].end];
    let mut org = None;
    if re < b && matches!(doc.lw(re), "of" | "for" | "at" | "with") {
        let mut os = re + 1;
        if os < b && doc.lw(os) == "the" {
            os += 1;
        }
        if os < b {
            let (x, y) = doc.bytes(os, b);
            org = Some(&doc.text[x..y]);
        }
    } else if k > a && k >= 2 && matches!(doc.lw(k - 1), "'s" | "’s") {
        // "The IRGC's commander": the possessor is the organisation.
        let mut os = a;
        if doc.lw(os) == "the" {
            os += 1;
        }
        if os < k - 1 {
            let (x, y) = doc.bytes(os, k - 1);
            org = Some(&doc.text[x..y]);
        }
    }
    (Some(role), org)
}

/// The party type a mention's words suggest.
fn party_type(doc: &Doc, a: usize, b: usize) -> Option<PartyType> {
    let mut found = None;
    for i in a..b {
        if !doc.is_word(i) {
            continue;
        }
        if i + 1 < b && doc.starts_phrase(i) {
            let two = format!("{} {}", doc.lw(i), doc.lw(i + 1));
            if let Some(t) = doc.lex.party(&two) {
                found = Some(t);
                continue;
            }
        }
        if let Some(t) = doc.party(i) {
            found = Some(t);
        } else if doc.is_role(i) && found != Some(PartyType::AnonymousSource) {
            found = Some(PartyType::Person);
        }
    }
    found
}

/// Resolves every statement's speaker mention, in text order.
pub(crate) fn resolve(doc: &Doc, raws: &[Raw]) -> Vec<Option<Speaker>> {
    // Events in text order: a name run (0) or a speaker mention (1).
    let runs = name_runs(doc);
    let mut events: Vec<(usize, u8, usize)> = Vec::new();
    for (ri, &(a, _)) in runs.iter().enumerate() {
        events.push((a, 0, ri));
    }
    for (si, r) in raws.iter().enumerate() {
        if let Some((a, _)) = r.speaker {
            events.push((a, 1, si));
        }
    }
    events.sort_unstable();
    let mut ents = Ents::default();
    let mut recent: Vec<usize> = Vec::new();
    let mut out: Vec<Option<Speaker>> = vec![None; raws.len()];
    let mut in_speaker = vec![false; doc.len()];
    for r in raws {
        if let Some((a, b)) = r.speaker {
            for t in in_speaker.iter_mut().take(b).skip(a) {
                *t = true;
            }
        }
    }
    for (pos, what, idx) in events {
        if what == 0 {
            if in_speaker[pos] {
                continue;
            }
            let (a, b) = runs[idx];
            // A run followed by ", the commander of X" carries its role.
            let mut role = (None, None);
            if b + 1 < doc.len()
                && doc.w(b) == ","
                && (doc.is_determiner(b + 1) || doc.is_role(b + 1))
            {
                let s = doc.sentence(b);
                let mut e = b + 1;
                while e < s.last
                    && e - b < 16
                    && !matches!(doc.w(e), "," | "." | ";" | ":")
                    && doc.kind(e) != Kind::Open
                {
                    e += 1;
                }
                role = role_org(doc, b + 1, e);
            }
            let ei = register(doc, &mut ents, a, b, role);
            touch(&mut recent, ei);
            continue;
        }
        let Some((a, b)) = raws[idx].speaker else {
            continue;
        };
        let sp = resolve_one(doc, &mut ents, &mut recent, a, b);
        out[idx] = Some(sp);
    }
    out
}

/// How many entities pronouns and titles look back over: bounded, so that
/// resolution stays linear in the article's length.
const RECENT: usize = 64;

fn touch(recent: &mut Vec<usize>, ei: usize) {
    recent.retain(|&x| x != ei);
    recent.push(ei);
    if recent.len() > RECENT {
        recent.remove(0);
    }
}

/// Adds or refreshes the entity named by tokens `a..b`.
fn register<'d>(
    doc: &'d Doc,
    ents: &mut Ents<'d>,
    a: usize,
    b: usize,
    (role, org): (Option<&'d str>, Option<&'d str>),
) -> usize {
    let (x, y) = doc.bytes(a, b);
    let name = &doc.text[x..y];
    let words = (a..b)
        .filter(|&k| doc.is_word(k) && doc.upper(k))
        .map(|k| doc.lw(k));
    // The same entity named again, or a surname of it.
    if let Some(ei) = ents.find(words.clone()) {
        let e = &mut ents[ei];
        if role.is_some() && e.role.is_none() {
            e.role = role;
            e.org = org;
        }
        return ei;
    }
    let words: Vec<&str> = words.collect();
    let kind = party_type(doc, a, b).unwrap_or(if words.len() >= 2 || role.is_some() {
        PartyType::Person
    } else {
        PartyType::Unknown
    });
    ents.push(Entity {
        name,
        words,
        role,
        org,
        kind,
    });
    ents.len() - 1
}

/// The entities named so far, indexed by their words.
#[derive(Default)]
struct Ents<'d> {
    list: Vec<Entity<'d>>,
    /// One link per word of every entity, in the order they were named.
    links: Vec<Link>,
    /// Each word's latest link: following `previous` from it visits the
    /// entities holding the word, latest first.
    by_word: HashMap<&'d str, usize>,
}

/// An entity holding a word, and the link of the entity before it that
/// holds the same word (a chain per word, without a list per word).
struct Link {
    entity: usize,
    previous: Option<usize>,
}

impl<'d> Ents<'d> {
    fn push(&mut self, e: Entity<'d>) {
        let ei = self.list.len();
        for &w in &e.words {
            let previous = self.by_word.insert(w, self.links.len());
            self.links.push(Link {
                entity: ei,
                previous,
            });
        }
        self.list.push(e);
    }

    /// The entities holding `word`, latest first.
    fn holding(&self, word: &str) -> impl Iterator<Item = usize> + '_ {
        let mut link = self.by_word.get(word).copied();
        std::iter::from_fn(move || {
            let l = &self.links[link?];
            link = l.previous;
            Some(l.entity)
        })
    }

    fn len(&self) -> usize {
        self.list.len()
    }

    /// The latest-named entity whose name holds all of `words`.
    /// (An iterator rather than a slice, so that a lookup that finds the
    /// entity allocates nothing.)
    fn find<'w>(&self, words: impl Iterator<Item = &'w str> + Clone) -> Option<usize> {
        let mut rest = words.clone();
        let first = rest.next()?;
        let count = 1 + rest.count();
        self.holding(first).take(32).find(|&ei| {
            let e = &self.list[ei];
            e.words.len() >= count && words.clone().all(|w| e.words.contains(&w))
        })
    }
}

impl<'d> std::ops::Index<usize> for Ents<'d> {
    type Output = Entity<'d>;
    fn index(&self, i: usize) -> &Entity<'d> {
        &self.list[i]
    }
}

impl<'d> std::ops::IndexMut<usize> for Ents<'d> {
    fn index_mut(&mut self, i: usize) -> &mut Entity<'d> {
        &mut self.list[i]
    }
}

/// Resolves one speaker mention `a..b`.
fn resolve_one<'d>(
    doc: &'d Doc,
    ents: &mut Ents<'d>,
    recent: &mut Vec<usize>,
    a: usize,
    b: usize,
) -> Speaker {
    let (x, y) = doc.bytes(a, b);
    let span = Some(Span::of(doc.text, x, y));
    // Split an appositive off: "X, the commander of Y".
    let mut head_end = (a..b).find(|&k| doc.w(k) == ",").unwrap_or(b);
    // "The IRGC's commander in Qazvin": a title's head ends before its
    // prepositional phrase.
    if let Some(r) = (a..head_end).find(|&k| doc.is_role(k)) {
        if let Some(p) =
            (r + 1..head_end).find(|&k| matches!(doc.lw(k), "in" | "of" | "at" | "for" | "from"))
        {
            let named_before = (a..r).any(|k| {
                doc.upper(k)
                    && !(k == a && doc.is_not_name(k))
                    && !nationality(doc.lw(k))
                    && doc.party(k).is_none()
                    && !doc.is_role(k)
            });
            if !named_before {
                head_end = p;
            }
        }
    }
    let appositive = (head_end < b).then(|| role_org(doc, head_end + 1, b));
    let (hx, hy) = doc.bytes(a, head_end.max(a + 1));
    let head_text = &doc.text[hx..hy];
    let first = doc.lw(a);
    // Pronouns.
    if head_end == a + 1 && doc.is_pronoun(a) {
        let want_person = matches!(first, "he" | "she" | "him" | "her" | "his" | "hers");
        let found = recent.iter().rev().copied().find(|&ei| {
            let k = ents[ei].kind;
            if want_person {
                k == PartyType::Person
            } else {
                matches!(first, "they" | "them" | "it")
                    && k != PartyType::Person
                    && k != PartyType::Unknown
            }
        });
        if let Some(ei) = found {
            touch(recent, ei);
            return speaker_of(span, &ents[ei]);
        }
        return Speaker {
            span,
            name: head_text.to_string(),
            role: None,
            organisation: None,
            kind: if want_person {
                PartyType::Person
            } else {
                PartyType::Unknown
            },
        };
    }
    // Names: capitalised words that are not nationalities or roles.
    let name_words: Vec<usize> = (a..head_end)
        .filter(|&k| {
            doc.is_word(k)
                && doc.upper(k)
                && !(k == a && doc.is_not_name(k))
                && !nationality(doc.lw(k))
                && !doc.is_role(k)
                && doc.party(k).is_none()
        })
        .collect();
    let last_word = (a..head_end).rev().find(|&k| doc.is_word(k));
    let head_is_role = last_word.is_some_and(|k| doc.is_role(k));
    let kind_hint = party_type(doc, a, head_end);
    if name_words.is_empty() {
        // A description: "the commander", "the ministry", "Iranian Commander".
        if let Some(hk) = last_word {
            let head = doc.lw(hk);
            let found = recent.iter().rev().copied().find(|&ei| {
                let e = &ents[ei];
                (head_is_role && e.role.is_some_and(|r| contains_ascii_lowercase(r, head)))
                    || (!head_is_role && e.words.contains(&head))
            });
            if let Some(ei) = found {
                touch(recent, ei);
                return speaker_of(span, &ents[ei]);
            }
        }
        let (role, org) = if head_is_role {
            role_org(doc, a, head_end)
        } else {
            (None, None)
        };
        return Speaker {
            span,
            name: head_text.to_string(),
            role: role.map(str::to_string),
            organisation: org.map(str::to_string),
            kind: kind_hint.unwrap_or(if head_is_role {
                PartyType::Person
            } else {
                PartyType::Unknown
            }),
        };
    }
    // A name, possibly a surname of someone named before.
    // Every capitalised word, so that "the ministry" finds "The Foreign Ministry".
    let all_words: Vec<&str> = (a..head_end)
        .filter(|&k| doc.is_word(k) && doc.upper(k) && !(k == a && doc.is_not_name(k)))
        .map(|k| doc.lw(k))
        .collect();
    let only_name = name_words.len() == head_end - a
        || (name_words.len() + 1 == head_end - a
            && matches!(first, "the" | "mr." | "ms." | "mrs." | "dr."));
    if only_name {
        if let Some(ei) = ents.find(name_words.iter().map(|&k| doc.lw(k))) {
            if let Some((role, org)) = appositive {
                if ents[ei].role.is_none() && role.is_some() {
                    ents[ei].role = role;
                    ents[ei].org = org;
                }
            }
            touch(recent, ei);
            return speaker_of(span, &ents[ei]);
        }
    }
    let (role, org) = appositive.unwrap_or_else(|| role_org(doc, a, head_end));
    let kind = kind_hint.unwrap_or(if name_words.len() >= 2 || role.is_some() {
        PartyType::Person
    } else {
        PartyType::Unknown
    });
    let kind = if kind == PartyType::Unknown && !only_name {
        PartyType::Unknown
    } else {
        kind
    };
    ents.push(Entity {
        name: head_text,
        words: all_words,
        role,
        org,
        kind,
    });
    let ei = ents.len() - 1;
    touch(recent, ei);
    speaker_of(span, &ents[ei])
}

fn speaker_of(span: Option<Span>, e: &Entity) -> Speaker {
    Speaker {
        span,
        name: e.name.to_string(),
        role: e.role.map(str::to_string),
        organisation: e.org.map(str::to_string),
        kind: e.kind,
    }
}

/// Whether `text` with ASCII letters lowercased contains `needle` (which
/// has no ASCII uppercase letters), without building the lowercased copy.
fn contains_ascii_lowercase(text: &str, needle: &str) -> bool {
    needle.is_empty()
        || text
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_ascii_lowercase_matches_a_lowercased_copy() {
        for (text, needle) in [
            ("Foreign Minister", "minister"),
            ("Foreign Minister", "foreign m"),
            ("Chief of Staff", "staff"),
            ("Président", "président"),
            ("Spokesman", "woman"),
            ("", "x"),
            ("Any", ""),
        ] {
            assert_eq!(
                contains_ascii_lowercase(text, needle),
                text.to_ascii_lowercase().contains(needle),
                "{text} / {needle}"
            );
        }
    }
}
