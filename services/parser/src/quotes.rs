//! Quotation regions: pairs of opening and closing quote marks, including
//! quotes that run over several paragraphs (each new paragraph reopens the
//! quote and only the last one closes it).

use crate::tokens::{Kind, Token};

/// A quotation: token indices of its opening and closing marks (inclusive).
/// A quote left open at a paragraph end that the next paragraph does not
/// continue is closed at the paragraph's last token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote {
    pub(crate) open: usize,
    pub(crate) close: usize,
}

/// Finds quotation regions; `inside[i]` is the index of the quote holding
/// token `i` (marks included).
pub(crate) fn find(toks: &[Token]) -> (Vec<Quote>, Vec<Option<u32>>) {
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if t.para {
            if let Some(o) = open {
                if t.kind == Kind::Open {
                    // A multi-paragraph quote: this paragraph reopens it.
                    continue;
                }
                if i > o + 1 {
                    quotes.push(Quote {
                        open: o,
                        close: i - 1,
                    });
                }
                open = None;
            }
        }
        match t.kind {
            // Two openers in a row: the first was a stray mark.
            Kind::Open => open = Some(i),
            Kind::Close => {
                if let Some(o) = open.take() {
                    quotes.push(Quote { open: o, close: i });
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        if toks.len() > o + 1 {
            quotes.push(Quote {
                open: o,
                close: toks.len() - 1,
            });
        }
    }
    let mut inside = vec![None; toks.len()];
    for (qi, q) in quotes.iter().enumerate() {
        for slot in inside.iter_mut().take(q.close + 1).skip(q.open) {
            *slot = Some(qi as u32);
        }
    }
    (quotes, inside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn quoted(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        let (q, _) = find(&toks);
        q.iter()
            .map(|q| text[toks[q.open].start..toks[q.close].end].to_string())
            .collect()
    }

    #[test]
    fn pairs_curly_and_straight_quotes() {
        assert_eq!(
            quoted("He said “yes” and then \"no.\""),
            vec!["“yes”", "\"no.\""]
        );
    }

    #[test]
    fn a_quote_runs_over_paragraphs() {
        let text = "She said: “First part.\n\n“Second part,” she added.";
        assert_eq!(quoted(text), vec!["“First part.\n\n“Second part,”"]);
    }

    #[test]
    fn unbalanced_quote_closes_at_paragraph_end() {
        let text = "He said “never closed\n\nNext paragraph.";
        assert_eq!(quoted(text), vec!["“never closed"]);
        assert!(quoted("stray ” close").is_empty());
    }
}
