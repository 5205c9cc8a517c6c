//! Feed parsing: RSS 0.9x/1.0/2.0, Atom and JSON Feed through feed-rs.
//!
//! Bytes are decoded here, not by feed-rs: the charset comes from a
//! byte-order mark, then the HTTP Content-Type, then the XML declaration
//! (RFC 7303), then UTF-8 or windows-1252. The XML is handed on as UTF-8
//! with its declaration rewritten to say so. A feed that fails to parse is
//! repaired (HTML entities, stray ampersands, control characters) and tried
//! once more before it is reported as an error.

use chrono::{DateTime, Utc};
use feed_rs::model;
use serde::Serialize;

use crate::{charset, dates, Error, Result};

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedFeed {
    /// `rss2`, `rss1`, `rss0`, `atom` or `json`.
    pub format: String,
    pub title: Option<String>,
    pub entries: Vec<Entry>,
}

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The item's GUID (RSS), id (Atom, JSON Feed); else its link; else
    /// `sha:` and a hash of its title and content.
    pub id: String,
    pub title: Option<String>,
    /// The item's page, absolute when the feed gave a base.
    pub link: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// The short description, as the feed gave it (may be HTML).
    pub summary: Option<String>,
    /// The full content, as the feed gave it (may be HTML).
    pub content: Option<String>,
}

impl Entry {
    /// Whether `id` came from the feed (a GUID or id element) rather than
    /// being made up from the link or content.
    pub fn has_guid(&self) -> bool {
        !self.id.starts_with("sha:") && Some(&self.id) != self.link.as_ref()
    }
}

/// Parses a feed from raw bytes. `content_type` is the HTTP header (for its
/// charset), `base_url` the feed's own address, against which relative
/// links are resolved (xml:base inside the feed takes precedence).
pub fn parse_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
) -> Result<ParsedFeed> {
    // feed-rs drops text with undefined entities silently instead of
    // failing, so the repair runs up front; it leaves well-formed XML alone.
    let text = repair(&decode_feed(bytes, content_type));
    let feed = parse_text(&text, base_url)?;
    Ok(convert(feed, base_url))
}

fn parse_text(text: &str, base_url: Option<&str>) -> Result<model::Feed> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        // Leave missing ids empty so identity can fall back to the link.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(dates::parse)
        .sanitize_content(false)
        .build();
    parser
        .parse(text.as_bytes())
        .map_err(|e| Error::Feed(e.to_string()))
}

/// Decodes the feed's bytes to UTF-8 text with a declaration that says so.
pub(crate) fn decode_feed(bytes: &[u8], content_type: Option<&str>) -> String {
    let (enc, body) = if let Some((enc, len)) = charset::bom(bytes) {
        (enc, &bytes[len..])
    } else if let Some(enc) = utf16_without_bom(bytes) {
        (enc, bytes)
    } else {
        let enc = charset::from_content_type(content_type)
            .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
            .or_else(|| xml_declared(bytes))
            .unwrap_or_else(|| charset::sniff(bytes));
        (enc, bytes)
    };
    let text = charset::decode(body, enc);
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    rewrite_declaration(text)
}

/// `<?xml` in UTF-16 without a byte-order mark.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes.get(..4)? {
        [0x3C, 0, 0x3F, 0] => Some(encoding_rs::UTF_16LE),
        [0, 0x3C, 0, 0x3F] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// The `encoding` of the XML declaration, when it names a known encoding.
fn xml_declared(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let head = std::str::from_utf8(head)
        .unwrap_or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""));
    let start = head.find("<?xml")?;
    let end = head[start..].find("?>")? + start;
    let decl = &head[start..end];
    let i = decl.find("encoding")?;
    let rest = decl[i + 8..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    let rest = &rest[quote.len_utf8()..];
    let value = &rest[..rest.find(quote)?];
    charset::label(value).filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
}

/// Replaces the XML declaration's `encoding` with UTF-8, which the text now is.
fn rewrite_declaration(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("<?xml") {
        if let Some(end) = rest.find("?>") {
            return format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>{}",
                &rest[end + 2..]
            );
        }
    }
    text.to_string()
}

/// The character of an HTML named entity (`nbsp` -> U+00A0).
fn named_entity(name: &str) -> Option<char> {
    let key = format!("{name};");
    let (cp, second) = markup5ever::data::NAMED_ENTITIES.get(key.as_str())?;
    if *second != 0 {
        return None;
    }
    char::from_u32(*cp)
}

/// The usual damage in hand-written feeds, mended: HTML named entities that
/// XML does not define become characters, ampersands that start no entity
/// are escaped, and control characters XML forbids are dropped.
pub(crate) fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    let special =
        |c: char| c == '&' || c == '<' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    while let Some(i) = rest.find(special) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // CDATA sections and comments are copied as they are.
        for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
            if rest.starts_with(open) {
                let end = rest.find(close).map_or(rest.len(), |e| e + close.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if c == '<' {
            out.push('<');
            continue;
        }
        if c != '&' {
            continue;
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let terminated = rest[name_len..].starts_with(';');
        if terminated && !name.is_empty() {
            if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") || name.starts_with('#') {
                out.push('&');
                continue;
            }
            if let Some(ch) = named_entity(name) {
                match ch {
                    '<' => out.push_str("&lt;"),
                    '&' => out.push_str("&amp;"),
                    _ => out.push(ch),
                }
                rest = &rest[name_len + 1..];
                continue;
            }
        }
        out.push_str("&amp;");
    }
    out.push_str(rest);
    out
}

fn format_name(t: &model::FeedType) -> &'static str {
    match t {
        model::FeedType::Atom => "atom",
        model::FeedType::JSON => "json",
        model::FeedType::RSS0 => "rss0",
        model::FeedType::RSS1 => "rss1",
        model::FeedType::RSS2 => "rss2",
    }
}

fn text_of(t: &model::Text) -> Option<String> {
    let s = t.content.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A plain-text title: markup in HTML titles is reduced to its text.
fn plain_title(t: &model::Text) -> Option<String> {
    let s = text_of(t)?;
    let s = if t.content_type.essence().to_string().contains("html") || s.contains('<') {
        crate::article::html_to_text(&s).replace("\n\n", " ")
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    (!s.is_empty()).then_some(s)
}

/// The item's page: the alternate link, else the first link that is not an
/// enclosure or self/edit link.
fn entry_link(links: &[model::Link], base: Option<&str>) -> Option<String> {
    let pick = links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| {
            links.iter().find(|l| {
                !matches!(
                    l.rel.as_deref(),
                    Some("enclosure" | "self" | "edit" | "replies" | "license")
                )
            })
        })?;
    let href = pick.href.trim();
    if href.is_empty() {
        return None;
    }
    Some(resolve(href, base))
}

/// `href` made absolute against `base` when it is relative and a base is known.
pub(crate) fn resolve(href: &str, base: Option<&str>) -> String {
    if url::Url::parse(href).is_ok() {
        return href.to_string();
    }
    base.and_then(|b| url::Url::parse(b).ok())
        .and_then(|b| b.join(href).ok())
        .map(|u| u.to_string())
        .unwrap_or_else(|| href.to_string())
}

fn convert(feed: model::Feed, base: Option<&str>) -> ParsedFeed {
    let entries = feed
        .entries
        .into_iter()
        .map(|e| {
            let title = e.title.as_ref().and_then(plain_title);
            let entry_base = e.base.as_deref().map(|b| resolve(b, base));
            let base = entry_base.as_deref().or(base);
            let link = entry_link(&e.links, base);
            let summary = e.summary.as_ref().and_then(text_of);
            let content = e
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            let id = match e.id.trim() {
                "" => match &link {
                    Some(l) => l.clone(),
                    None => content_id(&title, &summary, &content),
                },
                id => id.to_string(),
            };
            Entry {
                id,
                title,
                link,
                published: e.published,
                updated: e.updated,
                summary,
                content,
            }
        })
        .collect();
    ParsedFeed {
        format: format_name(&feed.feed_type).to_string(),
        title: feed.title.as_ref().and_then(plain_title),
        entries,
    }
}

fn content_id(
    title: &Option<String>,
    summary: &Option<String>,
    content: &Option<String>,
) -> String {
    let parts = [
        title.as_deref().unwrap_or(""),
        summary.as_deref().unwrap_or(""),
        content.as_deref().unwrap_or(""),
    ];
    claimwatch_shared::ids::hash_id("sha:", &parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example &amp; Co</title><link>https://example.org/</link>
<item><title>First</title><link>/news/1</link><guid isPermaLink="false">urn:x:1</guid>
<pubDate>Tue, 04 Jun 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Short.&lt;/p&gt;</description></item>
<item><title>No guid</title><link>https://example.org/news/2</link><pubDate>not a date</pubDate></item>
<item><title>Neither</title><description>Only words.</description></item>
</channel></rss>"#;

    #[test]
    fn rss2_items_get_ids_links_and_dates() {
        let f = parse_feed(RSS.as_bytes(), None, Some("https://example.org/feed.xml")).unwrap();
        assert_eq!(f.format, "rss2");
        assert_eq!(f.title.as_deref(), Some("Example & Co"));
        assert_eq!(f.entries.len(), 3);
        let e = &f.entries[0];
        assert_eq!(e.id, "urn:x:1");
        assert!(e.has_guid());
        assert_eq!(e.link.as_deref(), Some("https://example.org/news/1"));
        assert_eq!(
            e.published.unwrap().to_rfc3339(),
            "2024-06-04T10:00:00+00:00"
        );
        assert_eq!(e.summary.as_deref(), Some("<p>Short.</p>"));
        let e = &f.entries[1];
        assert_eq!(e.id, "https://example.org/news/2");
        assert!(!e.has_guid());
        assert_eq!(e.published, None, "an unreadable date is None, not now");
        assert!(f.entries[2].id.starts_with("sha:"));
    }

    #[test]
    fn atom_with_xml_base_resolves_links() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/blog/">
<title type="html">A &lt;b&gt;bold&lt;/b&gt; feed</title>
<entry><id>tag:example.com,2024:1</id><title>One</title><link href="posts/1"/>
<updated>2024-06-01T00:00:00Z</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"#;
        let f = parse_feed(atom.as_bytes(), None, Some("https://other.example/feed")).unwrap();
        assert_eq!(f.format, "atom");
        assert_eq!(f.title.as_deref(), Some("A bold feed"));
        let e = &f.entries[0];
        assert_eq!(e.link.as_deref(), Some("https://example.com/blog/posts/1"));
        assert_eq!(e.content.as_deref(), Some("<p>Body</p>"));
        assert!(e.updated.is_some());
    }

    #[test]
    fn json_feed_is_read() {
        let j = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
            {"id":"1","url":"https://example.org/1","content_text":"Hello","date_published":"2024-06-01T10:00:00Z"}]}"#;
        let f = parse_feed(j.as_bytes(), Some("application/feed+json"), None).unwrap();
        assert_eq!(f.format, "json");
        assert_eq!(f.entries[0].id, "1");
        assert_eq!(f.entries[0].content.as_deref(), Some("Hello"));
    }

    #[test]
    fn charset_comes_from_bom_then_header_then_declaration() {
        let latin = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>caf\xe9</title></channel></rss>";
        let f = parse_feed(latin, None, None).unwrap();
        assert_eq!(f.title.as_deref(), Some("caf\u{e9}"));
        // The header overrides the declaration.
        let utf8 = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>caf\u{e9}</title></channel></rss>";
        let f = parse_feed(
            utf8.as_bytes(),
            Some("application/xml; charset=utf-8"),
            None,
        )
        .unwrap();
        assert_eq!(f.title.as_deref(), Some("caf\u{e9}"));
        // A BOM overrides both.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf8.as_bytes());
        let f = parse_feed(&bom, Some("text/xml; charset=iso-8859-1"), None).unwrap();
        assert_eq!(f.title.as_deref(), Some("caf\u{e9}"));
    }

    #[test]
    fn html_entities_and_stray_ampersands_are_repaired() {
        let bad =
            "<rss version=\"2.0\"><channel><title>A&nbsp;B &copy; C & D</title></channel></rss>";
        let f = parse_feed(bad.as_bytes(), None, None).unwrap();
        assert_eq!(f.title.as_deref(), Some("A B \u{a9} C & D"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let e = parse_feed(b"hello world", None, None).unwrap_err();
        assert!(!e.is_transient());
        assert!(parse_feed(b"", None, None).is_err());
        assert!(parse_feed(b"<html><body>x</body></html>", None, None).is_err());
    }
}
