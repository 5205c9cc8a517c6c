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

/// UTF-32, which `encoding_rs` does not know: by its byte-order mark, or
/// by a first ASCII character padded with three zero bytes. Returns
/// whether it is big-endian and how many bytes of mark to skip.
pub(crate) fn utf32(bytes: &[u8]) -> Option<(bool, usize)> {
    match *bytes.get(..4)? {
        [0, 0, 0xFE, 0xFF] => Some((true, 4)),
        [0xFF, 0xFE, 0, 0] => Some((false, 4)),
        [0, 0, 0, b] if b != 0 && b.is_ascii() => Some((true, 0)),
        [b, 0, 0, 0] if b != 0 && b.is_ascii() => Some((false, 0)),
        _ => None,
    }
}

/// Decodes UTF-32, replacing invalid code points.
pub(crate) fn decode_utf32(bytes: &[u8], big_endian: bool) -> String {
    bytes
        .chunks(4)
        .map(|c| {
            let mut b = [0u8; 4];
            b[..c.len()].copy_from_slice(c);
            let n = if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            };
            char::from_u32(n).unwrap_or('\u{fffd}')
        })
        .collect()
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
    fn utf32_is_detected_and_decoded() {
        let be: Vec<u8> = "<a>\u{e9}</a>"
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        assert_eq!(utf32(&be), Some((true, 0)));
        assert_eq!(decode_utf32(&be, true), "<a>\u{e9}</a>");
        let mut le = vec![0xFF, 0xFE, 0, 0];
        le.extend("<a>".chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(utf32(&le), Some((false, 4)));
        assert_eq!(decode_utf32(&le[4..], false), "<a>");
        assert_eq!(utf32(b"<?xml"), None);
    }

    #[test]
    fn sniffing_falls_back_to_windows_1252() {
        assert_eq!(sniff("caf\u{e9}".as_bytes()), encoding_rs::UTF_8);
        assert_eq!(sniff(b"caf\xe9"), encoding_rs::WINDOWS_1252);
    }
}
