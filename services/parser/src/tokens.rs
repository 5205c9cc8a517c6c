//! Tokenizer: article text to words, punctuation and quote marks with byte offsets.
//!
//! One linear pass, no regular expressions. Abbreviations with inner periods
//! ("U.S.", "D.C.") stay one word; possessive "'s" is its own token so that
//! "Rafiei's remarks" exposes the name.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, digits, inner hyphens and apostrophes, abbreviation periods.
    Word,
    /// A quotation mark that opens a quote.
    Open,
    /// A quotation mark that closes a quote.
    Close,
    /// Any other punctuation or symbol (one char).
    Punct,
}

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// A paragraph break (blank line or newline) precedes this token.
    pub(crate) para: bool,
    /// The first char is uppercase.
    pub(crate) upper: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// How many bytes at the start of `bytes` are ASCII letters or digits.
///
/// Eight bytes at a time ("SWAR"): most words end within the first eight,
/// so the loop that a byte-by-byte scan would leave at an unpredictable
/// point mostly runs once.
fn ascii_alphanumeric_prefix(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// Per byte of `v` (each below 0x80): the high bit set where the byte
    /// is in `lo..=hi`. No sum carries into the next byte.
    fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
        let at_least_lo = v + 0x0101_0101_0101_0101 * u64::from(0x80 - lo);
        let above_hi = v + 0x0101_0101_0101_0101 * u64::from(0x7f - hi);
        at_least_lo & !above_hi & HIGH
    }
    let mut n = 0;
    while let Some(chunk) = bytes[n..].first_chunk::<8>() {
        let x = u64::from_le_bytes(*chunk);
        let v = x & LOW7;
        let alnum =
            (in_range(v, b'0', b'9') | in_range(v | 0x2020_2020_2020_2020, b'a', b'z')) & !x;
        // Bytes in text order from the lowest: count the leading matches.
        let run = ((!alnum & HIGH).trailing_zeros() / 8) as usize;
        n += run;
        if run < 8 {
            return n;
        }
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// The char starting at byte `pos` of `text`, if any.
fn char_at(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// Splits `text` into tokens.
///
/// One pass with a byte cursor `pos`, always on a char boundary: each
/// step reads the char at `pos` and moves past what it consumed. Runs of
/// ASCII letters and digits inside a word are skipped bytewise.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut pos = 0;
    let mut newlines = 0usize;
    let mut prev_char: Option<char> = None;
    while let Some(c) = char_at(text, pos) {
        let i = pos;
        pos += c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            prev_char = Some(c);
            continue;
        }
        let para = newlines > 0 || out.is_empty();
        newlines = 0;
        if is_word_char(c) {
            let mut end = pos;
            let mut last = c;
            // A word: alphanumerics, with inner hyphens, apostrophes (not a
            // possessive 's, which becomes its own token) and periods
            // between single letters ("U.S.").
            loop {
                let ascii_run = ascii_alphanumeric_prefix(&bytes[end..]);
                if ascii_run > 0 {
                    end += ascii_run;
                    last = char::from(bytes[end - 1]);
                    continue;
                }
                let Some(d) = char_at(text, end) else {
                    break;
                };
                let j = end;
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    last = d;
                    continue;
                }
                // Numbers keep their decimal point and thousands separators.
                if (d == '.' || d == ',') && last.is_ascii_digit() {
                    let rest = &text[j + 1..];
                    if rest.starts_with(|x: char| x.is_ascii_digit()) {
                        end = j + 1;
                        last = d;
                        continue;
                    }
                }
                if d == '-' || is_apostrophe(d) || d == '.' || d == '&' {
                    let rest = &text[j + d.len_utf8()..];
                    let mut it = rest.chars();
                    let n1 = it.next();
                    let n2 = it.next();
                    let next_is_word = n1.is_some_and(is_word_char);
                    if !next_is_word {
                        // "U.S." keeps its final period when the word is an
                        // initialism (letters separated by periods).
                        if d == '.' && is_initialism(&text[i..end]) {
                            end = j + 1;
                        }
                        break;
                    }
                    if is_apostrophe(d) {
                        // Possessive or clitic "'s" at word end splits off.
                        let n1c = n1.unwrap_or(' ');
                        let single = !n2.is_some_and(is_word_char);
                        if single && (n1c == 's' || n1c == 'S') {
                            break;
                        }
                    }
                    if d == '.' {
                        // Only initialisms: "U.S", single letters between.
                        let single_before = text[i..end].chars().count() == 1
                            || text[i..end]
                                .rsplit('.')
                                .next()
                                .is_some_and(|p| p.chars().count() == 1);
                        let single_after = !n2.is_some_and(is_word_char);
                        if !(single_before && single_after && last.is_alphabetic()) {
                            break;
                        }
                    }
                    end = j + d.len_utf8();
                    last = d;
                    continue;
                }
                break;
            }
            pos = end;
            out.push(Token {
                start: i,
                end,
                kind: Kind::Word,
                para,
                upper: c.is_uppercase(),
            });
            prev_char = text[..end].chars().next_back();
            continue;
        }
        // Possessive 's / ’s as its own word token.
        if is_apostrophe(c) {
            let rest = &text[pos..];
            let mut it = rest.chars();
            let n1 = it.next();
            let n2 = it.next();
            let after_word = prev_char.is_some_and(is_word_char);
            if after_word && matches!(n1, Some('s') | Some('S')) && !n2.is_some_and(is_word_char) {
                pos += 1;
                out.push(Token {
                    start: i,
                    end: pos,
                    kind: Kind::Word,
                    para,
                    upper: false,
                });
                prev_char = Some('s');
                continue;
            }
        }
        // Two apostrophes stand for a double quote in some feeds (''yes'').
        // Three after a word close an inner quote, then the outer one
        // (`'I'm sorry,'''`): the first is the single mark.
        let closes_inner =
            text[i..].starts_with("'''") && prev_char.is_some_and(|p| !p.is_whitespace());
        if c == '\'' && text[i + 1..].starts_with('\'') && !closes_inner {
            pos += 1;
            let before_space = prev_char.is_none_or(|p| {
                p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '/')
            });
            let after_space = char_at(text, pos).is_none_or(char::is_whitespace);
            out.push(Token {
                start: i,
                end: i + 2,
                kind: if before_space && !after_space {
                    Kind::Open
                } else {
                    Kind::Close
                },
                para,
                upper: false,
            });
            prev_char = Some(c);
            continue;
        }
        // "--" stands for a dash in some feeds: one token.
        if c == '-' && text[i + 1..].starts_with('-') {
            pos += 1;
            out.push(Token {
                start: i,
                end: i + 2,
                kind: Kind::Punct,
                para,
                upper: false,
            });
            prev_char = Some(c);
            continue;
        }
        let kind = match c {
            '“' | '”' | '«' | '»' | '„' => {
                // Curly marks typed the wrong way round (`problems,“ said`,
                // `”Hello`) are read by their position when it is clear.
                let before_space = prev_char.is_none_or(|p| {
                    p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '/')
                });
                let after_space = char_at(text, pos).is_none_or(char::is_whitespace);
                let opener = matches!(c, '“' | '«' | '„');
                let reversed = if opener {
                    !before_space && after_space
                } else {
                    before_space && !after_space
                };
                if opener != reversed {
                    Kind::Open
                } else {
                    Kind::Close
                }
            }
            '"' => {
                let before_space = prev_char.is_none_or(|p| {
                    p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '/')
                });
                let after_space = char_at(text, pos).is_none_or(char::is_whitespace);
                if before_space && !after_space {
                    Kind::Open
                } else {
                    Kind::Close
                }
            }
            _ => Kind::Punct,
        };
        out.push(Token {
            start: i,
            end: pos,
            kind,
            para,
            upper: false,
        });
        prev_char = Some(c);
    }
    out
}

/// "U.S", "D.C", "U.N": single letters separated by periods.
fn is_initialism(w: &str) -> bool {
    w.contains('.') && w.split('.').all(|p| p.chars().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn splits_possessives_and_keeps_initialisms() {
        assert_eq!(
            words("The U.S. rejected Rafiei's remarks."),
            vec!["The", "U.S.", "rejected", "Rafiei", "'s", "remarks", "."]
        );
        assert_eq!(words("Tehran’s envoy"), vec!["Tehran", "’s", "envoy"]);
    }

    #[test]
    fn keeps_hyphens_and_contractions_inside_words() {
        assert_eq!(
            words("IRGC-affiliated outlets didn't say"),
            vec!["IRGC-affiliated", "outlets", "didn't", "say"]
        );
    }

    #[test]
    fn classifies_straight_quotes_by_position() {
        let text = "He said \"no way,\" then left.";
        let kinds: Vec<Kind> = tokenize(text)
            .iter()
            .filter(|t| &text[t.start..t.end] == "\"")
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, vec![Kind::Open, Kind::Close]);
    }

    #[test]
    fn numbers_keep_their_points() {
        assert_eq!(
            words("$56.5 million, 1,000 votes"),
            vec!["$", "56.5", "million", ",", "1,000", "votes"]
        );
    }

    #[test]
    fn doubled_apostrophes_are_quote_marks() {
        let text = "''Yes,'' he said.";
        let t = tokenize(text);
        assert_eq!(t[0].kind, Kind::Open);
        assert_eq!(&text[t[0].start..t[0].end], "''");
        assert_eq!(t[3].kind, Kind::Close);
    }

    #[test]
    fn three_apostrophes_close_an_inner_then_an_outer_quote() {
        let text = "''She said, 'not yet,''' he recalled.";
        let t = tokenize(text);
        let close = t
            .iter()
            .position(|t| &text[t.start..t.end] == "''" && t.kind == Kind::Close);
        let close = close.expect("a closing double mark");
        assert_eq!(&text[t[close - 1].start..t[close - 1].end], "'");
        assert_eq!(&text[t[close + 1].start..t[close + 1].end], "he");
    }

    #[test]
    fn a_double_hyphen_is_one_dash() {
        assert_eq!(
            words("Ruiz -- a mayor -- said"),
            vec!["Ruiz", "--", "a", "mayor", "--", "said"]
        );
    }

    #[test]
    fn curly_marks_typed_the_wrong_way_round() {
        let text = "“Yes,“ he said. ”No” and “maybe”";
        let kinds: Vec<Kind> = tokenize(text)
            .into_iter()
            .filter(|t| matches!(&text[t.start..t.end], "“" | "”"))
            .map(|t| t.kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Open,
                Kind::Close,
                Kind::Open,
                Kind::Close,
                Kind::Open,
                Kind::Close
            ]
        );
    }

    #[test]
    fn ascii_alphanumeric_prefix_agrees_with_a_byte_scan() {
        let naive = |b: &[u8]| b.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let mut text: Vec<u8> =
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".to_vec();
        for stop in 0..=255u8 {
            for at in [0, 1, 7, 8, 9, 15, 16, 23] {
                let mut t = text.clone();
                t[at] = stop;
                assert_eq!(ascii_alphanumeric_prefix(&t), naive(&t), "{stop} at {at}");
                assert_eq!(ascii_alphanumeric_prefix(&t[..at + 1]), naive(&t[..at + 1]));
            }
        }
        text.truncate(5);
        assert_eq!(ascii_alphanumeric_prefix(&text), 5);
        assert_eq!(ascii_alphanumeric_prefix(b""), 0);
    }

    #[test]
    fn survives_odd_input() {
        assert!(tokenize("").is_empty());
        let t = tokenize("\u{301}'s .'\"”“ é’s");
        assert!(!t.is_empty());
    }
}
