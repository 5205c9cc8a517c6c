//! Character-set detection shared by the feed and page decoders: byte-order
//! marks, the `charset` parameter of a Content-Type, and in-document
//! declarations, resolved to an `encoding_rs` encoding.

use encoding_rs::Encoding;

/// The encoding announced by a byte-order mark, and the mark's length.
pub(crate) fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// The `charset` parameter of a Content-Type header value, when it names an
/// encoding `encoding_rs` knows.
pub(crate) fn from_content_type(content_type: Option<&str>) -> Option<&'static Encoding> {
    let ct = content_type?;
    ct.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        label(v)
    })
}

/// The encoding named by a label such as `"ISO-8859-1"` (quotes allowed).
pub(crate) fn label(v: &str) -> Option<&'static Encoding> {
    let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    Encoding::for_label(v.as_bytes())
}

/// Decodes `bytes` as `enc` (BOM already removed), replacing bad sequences.
pub(crate) fn decode(bytes: &[u8], enc: &'static Encoding) -> String {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// UTF-8 when the bytes are valid UTF-8, else windows-1252, the encoding
/// that undeclared legacy Western pages almost always use.
pub(crate) fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        encoding_rs::UTF_8
    } else {
        encoding_rs::WINDOWS_1252
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_charset_is_read_case_insensitively() {
        assert_eq!(
            from_content_type(Some("text/html; Charset=\"ISO-8859-1\"")),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(from_content_type(Some("text/html")), None);
        assert_eq!(from_content_type(Some("text/xml;charset=bogus-enc")), None);
    }

    #[test]
    fn sniffing_falls_back_to_windows_1252() {
        assert_eq!(sniff("caf\u{e9}".as_bytes()), encoding_rs::UTF_8);
        assert_eq!(sniff(b"caf\xe9"), encoding_rs::WINDOWS_1252);
    }
}
