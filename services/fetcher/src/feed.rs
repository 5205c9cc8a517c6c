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
    /// How long the feed says it stays fresh (RSS `<ttl>`, or
    /// `sy:updatePeriod` / `sy:updateFrequency`); the stage's polling hint.
    #[serde(skip)]
    pub(crate) refresh: Option<std::time::Duration>,
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

    /// A hash of the item's title, summary and content.
    pub fn content_id(&self) -> String {
        content_id(&self.title, &self.summary, &self.content)
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
    let mut text = normalise_root(&repair(&decode_feed(bytes, content_type)));
    let cdf = is_cdf(&text);
    if cdf {
        text = cdf_to_atom(&text);
    }
    // feed-rs refuses a whole feed for one odd element: an Atom text
    // construct of a media type it does not know (`application/xhtml+xml`,
    // base64 `application/octet-stream`, empty), or an empty <content>.
    // Such types are read as XHTML or plain text, empty elements dropped.
    for _ in 0..4 {
        match parse_text(&text, base_url) {
            Ok(feed) => {
                let mut parsed = convert(feed, base_url);
                if cdf {
                    parsed.format = "cdf".to_string();
                }
                parsed.refresh = parsed.refresh.or_else(|| syndication_period(&text));
                return Ok(parsed);
            }
            Err(Error::Feed(msg)) => {
                let fixed = if let Some(bad) = msg.split("unsupported content type").nth(1) {
                    let bad = bad.trim();
                    let with = if bad.contains("xhtml") {
                        "xhtml"
                    } else {
                        "text"
                    };
                    retype(&text, bad, with)
                } else if msg.contains("missing content element") {
                    drop_empty(
                        &retype(&text, "application/xhtml+xml", "xhtml"),
                        &["content", "summary"],
                    )
                } else {
                    return Err(Error::Feed(msg));
                };
                if fixed == text {
                    return Err(Error::Feed(msg));
                }
                text = fixed;
            }
            Err(e) => return Err(e),
        }
    }
    parse_text(&text, base_url).map(|f| convert(f, base_url))
}

/// The refresh period of the syndication module: `sy:updatePeriod`
/// (hourly, daily, ...) divided by `sy:updateFrequency` (default 1).
fn syndication_period(text: &str) -> Option<std::time::Duration> {
    let value = |tag: &str| {
        let open = format!("{tag}>");
        let i = text.find(&format!("<{open}"))? + open.len() + 1;
        let j = text[i..].find('<')? + i;
        Some(text[i..j].trim().to_ascii_lowercase())
    };
    let period = match value("sy:updatePeriod")?.as_str() {
        "hourly" => 3600,
        "daily" => 86_400,
        "weekly" => 7 * 86_400,
        "monthly" => 30 * 86_400,
        "yearly" => 365 * 86_400,
        _ => return None,
    };
    let freq = value("sy:updateFrequency")
        .and_then(|f| f.parse::<u64>().ok())
        .filter(|f| *f > 0)
        .unwrap_or(1);
    Some(std::time::Duration::from_secs(period / freq))
}

/// Whether the document is Microsoft's Channel Definition Format (a
/// `<CHANNEL>` root), which feed-rs does not read.
fn is_cdf(text: &str) -> bool {
    root_start(text).is_some_and(|i| {
        let tag = &text.as_bytes()[i + 1..];
        tag.len() >= 8
            && tag[..7].eq_ignore_ascii_case(b"channel")
            && (tag[7].is_ascii_whitespace() || tag[7] == b'>' || tag[7] == b'/')
    })
}

/// The value of attribute `name` (case-insensitive) in the start tag `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| i + from) {
        let before_ok = lower[..i].ends_with(|c: char| c.is_whitespace());
        let rest = lower[i + name.len()..].trim_start();
        if before_ok && rest.starts_with('=') {
            let off = tag.len() - rest.len() + 1;
            let v = tag[off..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                return v[1..].find(q).map(|e| &v[1..1 + e]);
            }
            return v.split(|c: char| c.is_whitespace() || c == '>').next();
        }
        from = i + name.len();
    }
    None
}

/// A CDF document rewritten as Atom: CHANNEL → feed, ITEM → entry, TITLE,
/// ABSTRACT → summary, HREF → link, LASTMOD → updated, BASE → xml:base.
fn cdf_to_atom(text: &str) -> String {
    let mut out = String::from("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    let mut rest = &text[root_start(text).unwrap_or(0)..];
    let mut first = true;
    while let Some(lt) = rest.find('<') {
        let Some(gt) = rest[lt..].find('>').map(|g| lt + g) else {
            break;
        };
        let tag = &rest[lt + 1..gt];
        let text_before = &rest[..lt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.ends_with('/');
        match (name.as_str(), closing) {
            ("channel", false) if !first => {} // nested channels: flattened
            ("channel" | "item", false) => {
                first = false;
                if name == "item" {
                    out.push_str("<entry");
                }
                if let Some(b) = attr(tag, "base") {
                    out.push_str(&format!(" xml:base=\"{b}\""));
                }
                out.push('>');
                if let Some(h) = attr(tag, "href") {
                    out.push_str(&format!("<link href=\"{h}\"/>"));
                }
                if let Some(m) = attr(tag, "lastmod") {
                    out.push_str(&format!("<updated>{m}</updated>"));
                }
                if self_closing && name == "item" {
                    out.push_str("</entry>");
                }
            }
            ("item", true) => out.push_str("</entry>"),
            ("title", false) => out.push_str("<title>"),
            ("abstract", false) => out.push_str("<summary>"),
            ("title", true) | ("abstract", true) => {
                out.push_str(text_before.trim());
                out.push_str(if name == "title" {
                    "</title>"
                } else {
                    "</summary>"
                });
            }
            _ => {}
        }
        rest = &rest[gt + 1..];
    }
    out.push_str("</feed>");
    out
}

/// `type="from"` attributes rewritten to `type="to"`.
fn retype(text: &str, from: &str, to: &str) -> String {
    text.replace(&format!("type=\"{from}\""), &format!("type=\"{to}\""))
        .replace(&format!("type='{from}'"), &format!("type=\"{to}\""))
}

/// `text` without empty `<name .../>` and `<name ...></name>` elements,
/// in one pass.
fn drop_empty(text: &str, names: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        for name in names {
            let after = &rest[1..];
            if !after.starts_with(name) {
                continue;
            }
            let after = &after[name.len()..];
            if !after.starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace()) {
                continue;
            }
            let Some(gt) = rest.find('>') else { break };
            let open = &rest[..=gt];
            if open.ends_with("/>") {
                rest = &rest[gt + 1..];
                continue 'scan;
            }
            let inner = &rest[gt + 1..];
            let ws = inner.len() - inner.trim_start().len();
            let close = format!("</{name}>");
            if inner[ws..].starts_with(&close) {
                rest = &inner[ws + close.len()..];
                continue 'scan;
            }
        }
        out.push('<');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// The offset of the root element's start tag, past the XML declaration,
/// processing instructions, comments and the doctype.
fn root_start(text: &str) -> Option<usize> {
    let mut i = 0;
    let b = text.as_bytes();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let rest = &text[i..];
        let skip_to = |close: &str| rest.find(close).map(|e| i + e + close.len());
        i = if rest.starts_with("<?") {
            skip_to("?>")?
        } else if rest.starts_with("<!--") {
            skip_to("-->")?
        } else if rest.starts_with("<!") {
            // A doctype, perhaps with an internal subset in brackets.
            match (rest.find('['), rest.find('>')) {
                (Some(o), Some(c)) if o < c => skip_to("]>").or_else(|| skip_to(">"))?,
                _ => skip_to(">")?,
            }
        } else if rest.starts_with('<') {
            return Some(i);
        } else {
            return None;
        };
    }
}

/// Old namespaces feed-rs does not know, mapped to the ones it does:
/// Atom 0.3 to Atom 1.0 (with its renamed elements), RSS 0.90 to RSS 1.0,
/// and UserLand's RSS 2.0 namespace dropped.
fn normalise_namespaces(text: &str) -> String {
    let mut t = std::borrow::Cow::Borrowed(text);
    if t.contains("http://purl.org/atom/ns#") {
        let mut s = t.replace("http://purl.org/atom/ns#", "http://www.w3.org/2005/Atom");
        for (old, new) in [
            ("issued", "published"),
            ("modified", "updated"),
            ("tagline", "subtitle"),
            ("copyright", "rights"),
        ] {
            s = s
                .replace(&format!("<{old}>"), &format!("<{new}>"))
                .replace(&format!("<{old} "), &format!("<{new} "))
                .replace(&format!("</{old}>"), &format!("</{new}>"));
        }
        t = s.into();
    }
    if t.contains("http://my.netscape.com/rdf/simple/0.9/") {
        t = t
            .replace(
                "http://my.netscape.com/rdf/simple/0.9/",
                "http://purl.org/rss/1.0/",
            )
            .into();
    }
    for ns in [
        "http://backend.userland.com/rss2",
        "http://backend.userland.com/rss",
    ] {
        for q in ['"', '\''] {
            let decl = format!("xmlns={q}{ns}{q}");
            if t.contains(&decl) {
                t = t.replace(&decl, "").into();
            }
        }
    }
    t.into_owned()
}

/// RSS roots feed-rs would not recognise, made recognisable: `<rss>`
/// without a version, or with 0.93/0.94 or other versions, is read as 2.0.
fn normalise_root(text: &str) -> String {
    let text = &normalise_namespaces(text);
    let Some(start) = root_start(text) else {
        return text.to_string();
    };
    let rest = &text[start..];
    let Some(end) = rest.find('>') else {
        return text.to_string();
    };
    let tag = &rest[..end];
    if !(tag.starts_with("<rss") && tag[4..].starts_with(|c: char| c.is_whitespace() || c == '/'))
        && tag != "<rss"
    {
        return text.to_string();
    }
    let version = ["version=\"", "version='"].iter().find_map(|k| {
        let i = tag.find(k)? + k.len();
        let q = tag.as_bytes()[i - 1] as char;
        let j = tag[i..].find(q)? + i;
        Some((i, j))
    });
    let text = match version {
        Some((i, j)) if matches!(&tag[i..j], "2.0" | "0.91" | "0.92") => text.to_string(),
        Some((i, j)) => format!("{}2.0{}", &text[..start + i], &text[start + j..]),
        None => format!("{}<rss version=\"2.0\"{}", &text[..start], &rest[4..]),
    };
    // Items straight under <rss>, with no <channel>: wrap them in one.
    if !text.contains("<channel") && !tag.ends_with('/') {
        if let (Some(open_end), Some(close)) = (
            text[start..].find('>').map(|e| start + e + 1),
            text.rfind("</rss"),
        ) {
            if open_end <= close {
                return format!(
                    "{}<channel>{}</channel>{}",
                    &text[..open_end],
                    &text[open_end..close],
                    &text[close..]
                );
            }
        }
    }
    text
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
    if let Some((be, skip)) = charset::utf32(bytes) {
        let text = charset::decode_utf32(&bytes[skip..], be);
        return rewrite_declaration(text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']));
    }
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
            if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") {
                out.push('&');
                continue;
            }
            if let Some(num) = name.strip_prefix('#') {
                // XML wants a lowercase x in hex references; HTML takes both.
                match num.strip_prefix('X') {
                    Some(hex) => {
                        out.push_str("&#x");
                        out.push_str(hex);
                        out.push(';');
                        rest = &rest[name_len + 1..];
                    }
                    None => out.push('&'),
                }
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
    // A document cut off inside its last end tag (`</feed`) is closed.
    let tail = out.trim_end();
    if let Some(i) = tail.rfind("</") {
        if !tail[i..].contains('>')
            && tail[i + 2..]
                .chars()
                .all(|c| c.is_alphanumeric() || c == ':')
        {
            out.truncate(tail.len());
            out.push('>');
        }
    }
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
            // An RSS guid is a permalink unless it says otherwise; with no
            // <link>, a guid that is a web address is the item's page.
            let link = entry_link(&e.links, base).or_else(|| {
                let id = e.id.trim();
                (id.starts_with("http://") || id.starts_with("https://")).then(|| id.to_string())
            });
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
        refresh: feed
            .ttl
            .filter(|m| *m > 0)
            .map(|m| std::time::Duration::from_secs(u64::from(m) * 60)),
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
    fn rss_without_a_known_version_is_read_as_rss2() {
        for root in [
            "<rss>",
            "<rss version=\"0.94\">",
            "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">",
        ] {
            let x = format!("<!-- c -->\n<!DOCTYPE rss [<!ENTITY x \"y\">]>{root}<channel><title>T</title></channel></rss>");
            let f = parse_feed(x.as_bytes(), None, None).unwrap();
            assert_eq!(f.format, "rss2", "{root}");
            assert_eq!(f.title.as_deref(), Some("T"));
        }
    }

    #[test]
    fn rss_without_a_channel_is_read() {
        let x = "<rss version=\"0.92\"><item><title>I</title></item></rss>";
        let f = parse_feed(x.as_bytes(), None, None).unwrap();
        assert_eq!(f.entries[0].title.as_deref(), Some("I"));
        assert!(parse_feed(b"<rss version=\"2.0\"></rss>", None, None).is_ok());
    }

    #[test]
    fn unknown_atom_text_types_are_read_as_text() {
        let x = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="application/octet-stream">abc</title></entry>
<entry><title type="">evil</title></entry></feed>"#;
        let f = parse_feed(x.as_bytes(), None, None).unwrap();
        assert_eq!(f.entries[0].title.as_deref(), Some("abc"));
        assert_eq!(f.entries[1].title.as_deref(), Some("evil"));
    }

    #[test]
    fn cut_off_end_tags_and_uppercase_hex_references_are_mended() {
        let x = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&#X41;&#66;</title></feed";
        let f = parse_feed(x.as_bytes(), None, None).unwrap();
        assert_eq!(f.title.as_deref(), Some("AB"));
    }

    #[test]
    fn utf32_feeds_are_decoded() {
        let x = "<?xml version=\"1.0\" encoding=\"utf-32be\"?><rss version=\"2.0\"><channel><title>caf\u{e9}</title></channel></rss>";
        let mut b = vec![0, 0, 0xFE, 0xFF];
        b.extend(x.chars().flat_map(|c| (c as u32).to_be_bytes()));
        let f = parse_feed(&b, None, None).unwrap();
        assert_eq!(f.title.as_deref(), Some("caf\u{e9}"));
    }

    #[test]
    fn old_namespaces_are_understood() {
        let atom03 = r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
<entry><title>E</title><id>urn:e</id><issued>2004-01-01T00:00:00Z</issued><link rel="alternate" href="https://example.org/e"/></entry></feed>"#;
        let f = parse_feed(atom03.as_bytes(), None, None).unwrap();
        assert_eq!(f.title.as_deref(), Some("Old"));
        assert_eq!(f.entries[0].title.as_deref(), Some("E"));
        assert!(f.entries[0].published.is_some());
        let userland = r#"<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>U</title>
<item><guid>https://example.org/g</guid><title>I</title></item></channel></rss>"#;
        let f = parse_feed(userland.as_bytes(), None, None).unwrap();
        assert_eq!(f.title.as_deref(), Some("U"));
        assert_eq!(f.entries[0].link.as_deref(), Some("https://example.org/g"));
    }

    #[test]
    fn one_empty_or_odd_content_element_does_not_lose_the_feed() {
        let x = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
<entry><id>urn:1</id><title>Empty</title><content type="html"></content></entry>
<entry><id>urn:2</id><title>Odd</title><content type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">Hi <b>there</b></div></content></entry>
<entry><id>urn:3</id><title>Self-closed</title><content type="text/plain"/></entry></feed>"#;
        let f = parse_feed(x.as_bytes(), None, None).unwrap();
        assert_eq!(f.entries.len(), 3);
        assert!(f.entries[1]
            .content
            .as_deref()
            .unwrap_or("")
            .contains("there"));
    }

    #[test]
    fn refresh_hints_come_from_ttl_and_the_syndication_module() {
        let ttl = "<rss version=\"2.0\"><channel><title>T</title><ttl>30</ttl></channel></rss>";
        let f = parse_feed(ttl.as_bytes(), None, None).unwrap();
        assert_eq!(f.refresh, Some(std::time::Duration::from_secs(1800)));
        let sy = r#"<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>
<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rss>"#;
        let f = parse_feed(sy.as_bytes(), None, None).unwrap();
        assert_eq!(f.refresh, Some(std::time::Duration::from_secs(900)));
        assert_eq!(
            parse_feed(RSS.as_bytes(), None, None).unwrap().refresh,
            None
        );
    }

    #[test]
    fn channel_definition_format_is_read() {
        let x = r#"<!-- c --><CHANNEL HREF="http://example.org/" LASTMOD="2004-04-06T23:05:43-05:00">
<TITLE>Chan</TITLE><ITEM HREF="/item/1" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>It &amp; em</TITLE>
<ABSTRACT>About it</ABSTRACT></ITEM></CHANNEL>"#;
        let f = parse_feed(x.as_bytes(), None, Some("http://example.org/feed.cdf")).unwrap();
        assert_eq!(f.format, "cdf");
        assert_eq!(f.title.as_deref(), Some("Chan"));
        let e = &f.entries[0];
        assert_eq!(e.title.as_deref(), Some("It & em"));
        assert_eq!(e.link.as_deref(), Some("http://example.org/item/1"));
        assert_eq!(e.summary.as_deref(), Some("About it"));
        assert!(e.updated.is_some());
    }

    #[test]
    fn drop_empty_removes_only_empty_elements() {
        assert_eq!(
            drop_empty(
                "<a><content/><content type='x'> </content><content>k</content><contents/>",
                &["content"]
            ),
            "<a><content>k</content><contents/>"
        );
    }

    #[test]
    fn no_truncation_or_stray_character_makes_the_parser_panic() {
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>a</id><content type=\"html\"></content></entry></feed>";
        for doc in [
            RSS,
            atom,
            "<!-- c --><CHANNEL HREF=\"x\"><ITEM><TITLE>t</TITLE></ITEM></CHANNEL>",
        ] {
            for cut in 0..=doc.len() {
                let mut bytes = doc.as_bytes()[..cut].to_vec();
                let _ = parse_feed(&bytes, None, Some("https://example.org/"));
                bytes.extend_from_slice("\u{bd}&#X;<".as_bytes());
                let _ = parse_feed(&bytes, Some("text/xml; charset=utf-16"), None);
            }
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        // Found by fuzzing: a multi-byte character where a root name is read.
        assert!(parse_feed("<feed v\u{bd}rsion=\"0.3\">".as_bytes(), None, None).is_err());
        assert!(parse_feed("<channe\u{bd}>".as_bytes(), None, None).is_err());
        let e = parse_feed(b"hello world", None, None).unwrap_err();
        assert!(!e.is_transient());
        assert!(parse_feed(b"", None, None).is_err());
        assert!(parse_feed(b"<html><body>x</body></html>", None, None).is_err());
    }
}
