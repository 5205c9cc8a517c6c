//! Reading brat standoff annotations, the format of PolNeAR (the corpus
//! the parser is tuned and measured on, outside the repository): what the
//! cue model's trainer and the dev regression test share. Offsets in brat
//! count chars; these functions return byte ranges into the text.

use std::path::{Path, PathBuf};

/// A byte range of the text.
pub type Span = (usize, usize);

/// One annotated attribution: its cue, and its source and content when
/// annotated. Each span is the outer range of its fragments.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Option<Span>,
}

/// The byte offset of every char offset of `text`, plus its end.
pub fn char_to_byte(text: &str) -> Vec<usize> {
    let mut t: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    t.push(text.len());
    t
}

/// The annotation of text `name` (`STEM.txt`) in `adir`: `STEM.ann`, else
/// the first `STEM_<annotator>.ann` by name, as `eval/score.py` picks it.
pub fn ann_for(adir: &Path, name: &str) -> Option<PathBuf> {
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    let exact = adir.join(format!("{stem}.ann"));
    if exact.exists() {
        return Some(exact);
    }
    let prefix = format!("{stem}_");
    let mut cands: Vec<PathBuf> = std::fs::read_dir(adir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(&prefix) && f.ends_with(".ann"))
        })
        .collect();
    cands.sort();
    cands.into_iter().next()
}

/// A `T` line: its id, label and byte fragments.
fn text_bound<'a>(line: &'a str, c2b: &[usize]) -> Option<(&'a str, &'a str, Vec<Span>)> {
    let mut cols = line.split('\t');
    let id = cols.next().filter(|id| id.starts_with('T'))?;
    let (label, ranges) = cols.next()?.split_once(' ')?;
    let frags = ranges
        .split(';')
        .filter_map(|frag| {
            let mut it = frag.split_whitespace().map(str::parse::<usize>);
            match (it.next(), it.next()) {
                (Some(Ok(a)), Some(Ok(b))) if a < b && b < c2b.len() => Some((c2b[a], c2b[b])),
                _ => None,
            }
        })
        .collect();
    Some((id, label, frags))
}

/// The attributions of an annotation: `E` lines tying `Source`, `Cue` and
/// `Content` spans together; those without a cue are left out.
pub fn relations(ann: &str, c2b: &[usize]) -> Vec<Relation> {
    let mut spans = std::collections::HashMap::new();
    for (id, _, frags) in ann.lines().filter_map(|l| text_bound(l, c2b)) {
        let lo = frags.iter().map(|f| f.0).min();
        let hi = frags.iter().map(|f| f.1).max();
        if let (Some(lo), Some(hi)) = (lo, hi) {
            spans.insert(id, (lo, hi));
        }
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(roles) = line.split('\t').nth(1) else {
            continue;
        };
        let mut r = Relation::default();
        for role in roles.split_whitespace() {
            let Some((kind, id)) = role.split_once(':') else {
                continue;
            };
            let sp = spans.get(id).copied();
            match kind {
                "Source" => r.source = sp,
                "Cue" => r.cue = sp,
                "Content" => r.content = sp,
                _ => {}
            }
        }
        if r.cue.is_some() {
            out.push(r);
        }
    }
    out
}

/// Every fragment of every `Cue` span, related or not.
pub fn cue_fragments(ann: &str, c2b: &[usize]) -> Vec<Span> {
    ann.lines()
        .filter_map(|l| text_bound(l, c2b))
        .filter(|(_, label, _)| *label == "Cue")
        .flat_map(|(_, _, frags)| frags)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANN: &str = "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 14;15 20\tx\n\
                       T5\tAttribution 4 8\tsaid\n\
                       E1\tAttribution:T5 Content:T3 Cue:T2 Source:T1\nT4\tCue 21 23\tok\n";

    #[test]
    fn relations_tie_roles_and_take_the_outer_range_of_fragments() {
        let text = "Ann said the cat; was ok. né";
        let c2b = char_to_byte(text);
        let r = relations(ANN, &c2b);
        assert_eq!(
            r,
            vec![Relation {
                source: Some((0, 3)),
                cue: Some((4, 8)),
                content: Some((9, 20)),
            }]
        );
        assert_eq!(cue_fragments(ANN, &c2b), vec![(4, 8), (21, 23)]);
    }

    #[test]
    fn offsets_count_chars() {
        let c2b = char_to_byte("né x");
        assert_eq!(c2b, vec![0, 1, 3, 4, 5]);
    }
}
