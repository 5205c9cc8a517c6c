//! Main-text extraction from article pages: pure, site-independent
//! heuristics (text and link density, paragraph clustering under a common
//! container, boilerplate words in class and id), no per-site rules.
//!
//! The page is first flattened into text blocks (one per paragraph-level
//! element), each remembering the chain of containers it sits in; the
//! container holding the densest cluster of real paragraphs wins, and its
//! blocks that are not link lists or boilerplate make the text.

use chrono::{DateTime, Utc};
use ego_tree::iter::Edge;
use scraper::{Html, Node};
use serde::Serialize;

use crate::charset;

/// The title and main text of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MainText {
    pub title: Option<String>,
    /// Paragraphs separated by `"\n\n"`; empty when nothing looked like text.
    pub text: String,
}

/// Decodes an HTML page to text. The charset comes from, in order: a
/// byte-order mark, the Content-Type header, a `<meta>` declaration in the
/// first bytes, then UTF-8 if the bytes are valid UTF-8, else windows-1252.
/// Invalid sequences are replaced, never an error.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    if let Some((enc, len)) = charset::bom(bytes) {
        return charset::decode(&bytes[len..], enc);
    }
    let enc = charset::from_content_type(content_type)
        .or_else(|| meta_charset(bytes))
        .map(|e| {
            // A page cannot be UTF-16 without a BOM once it has reached us
            // as ASCII-compatible bytes; the declaration is wrong.
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                e
            }
        })
        .unwrap_or_else(|| charset::sniff(bytes));
    charset::decode(bytes, enc)
}

/// The charset declared by `<meta charset>` or `<meta http-equiv
/// content="...; charset=...">` in the first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(j) = find(tag, b"charset") {
            let rest = &tag[j + 7..];
            let rest = rest
                .iter()
                .position(|&b| b != b' ' && b != b'=' && b != b'"' && b != b'\'')
                .map_or(&[][..], |k| &rest[k..]);
            let len = rest
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':'))
                .unwrap_or(rest.len());
            if let Some(enc) = std::str::from_utf8(&rest[..len])
                .ok()
                .and_then(charset::label)
            {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Extracts the title and main text of an article page. `url` is accepted
/// for future use of the page address (e.g. resolving links) and does not
/// change the result today: the heuristics are site-independent.
pub fn extract_main_text(html: &str, url: Option<&str>) -> MainText {
    extract_page(html, url).main
}

/// What a page says besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Extracted {
    pub(crate) main: MainText,
    /// The page's canonical address (absolute, resolved against its URL).
    pub(crate) canonical: Option<String>,
    /// When the page says the article was first published.
    pub(crate) published: Option<DateTime<Utc>>,
}

/// [`extract_main_text`], plus the page's canonical address (absolute,
/// resolved against `url`) when it declares one, and its publication date.
pub(crate) fn extract_page(html: &str, url: Option<&str>) -> Extracted {
    // The HTML tree builder takes time quadratic in the nesting depth; a
    // page nested thousands deep (hostile or broken) is read as plain text.
    if nesting_estimate(html) > MAX_PARSE_DEPTH {
        let main = MainText {
            title: None,
            text: strip_tags(html),
        };
        return Extracted {
            main,
            canonical: None,
            published: None,
        };
    }
    let doc = Html::parse_document(html);
    let page = flatten(&doc, false);
    let text = select(&page);
    let canonical = page.canonical.as_deref().and_then(|c| {
        let base = url.and_then(|u| url::Url::parse(u).ok());
        let abs = match base {
            Some(b) => b.join(c).ok()?,
            None => url::Url::parse(c).ok()?,
        };
        matches!(abs.scheme(), "http" | "https").then(|| abs.to_string())
    });
    Extracted {
        main: MainText {
            title: page.title.clone(),
            text,
        },
        canonical,
        published: published_date(&doc),
    }
}

/// `<meta>` names and properties that carry the publication date, best
/// first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
];

/// When the page says its article was published: `<meta>` dates
/// (`article:published_time` and kin), then JSON-LD `datePublished`, then
/// microdata `itemprop="datePublished"`, then the first `<time datetime>`
/// (one marked `pubdate` first). Unreadable dates are skipped.
pub(crate) fn published_date(doc: &Html) -> Option<DateTime<Utc>> {
    let mut metas: Vec<(usize, DateTime<Utc>)> = Vec::new();
    let mut json_ld = None;
    let mut itemprop = None;
    let mut time_pubdate = None;
    let mut time_first = None;
    for node in doc.root_element().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        match el.name() {
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .map(|k| k.trim().to_ascii_lowercase());
                let rank = key.and_then(|k| DATE_METAS.iter().position(|m| *m == k));
                if let (Some(rank), Some(t)) =
                    (rank, el.attr("content").and_then(crate::dates::parse))
                {
                    metas.push((rank, t));
                }
            }
            "script"
                if json_ld.is_none()
                    && el
                        .attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let raw: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                json_ld = serde_json::from_str::<serde_json::Value>(raw.trim())
                    .ok()
                    .and_then(|v| ld_date(&v, 0));
            }
            "time" => {
                let t = el.attr("datetime").and_then(crate::dates::parse);
                if el.attr("pubdate").is_some() && time_pubdate.is_none() {
                    time_pubdate = t;
                }
                if time_first.is_none() {
                    time_first = t;
                }
            }
            _ => {}
        }
        if itemprop.is_none()
            && el.name() != "meta"
            && el
                .attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        {
            itemprop = el
                .attr("content")
                .or_else(|| el.attr("datetime"))
                .and_then(crate::dates::parse)
                .or_else(|| crate::dates::parse(&node_text(node)));
        }
    }
    metas.sort_by_key(|(rank, _)| *rank);
    metas
        .first()
        .map(|(_, t)| *t)
        .or(json_ld)
        .or(itemprop)
        .or(time_pubdate)
        .or(time_first)
}

/// The text under a node, whitespace as written.
fn node_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// `datePublished` anywhere in a JSON-LD document (objects, arrays,
/// `@graph`), depth-first, bounded in depth.
fn ld_date(v: &serde_json::Value, depth: usize) -> Option<DateTime<Utc>> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Object(m) => m
            .get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(crate::dates::parse)
            .or_else(|| m.values().find_map(|x| ld_date(x, depth + 1))),
        serde_json::Value::Array(a) => a.iter().find_map(|x| ld_date(x, depth + 1)),
        _ => None,
    }
}

/// Nesting deeper than this is not handed to the HTML parser.
const MAX_PARSE_DEPTH: usize = 1500;

/// Elements that never hold others or whose end tag is optional (the parser
/// closes them itself), so they do not deepen the estimate.
fn flat_element(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "rb"
            | "rt"
            | "rtc"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

/// The deepest element nesting the raw markup suggests (start tags minus
/// end tags), without parsing: linear and cheap.
fn nesting_estimate(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'!') if b[i..].starts_with(b"!--") => match html[i..].find("-->") {
                Some(e) => i += e + 3,
                None => break,
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let end = b[i..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(b.len(), |e| i + e);
                let name = &html[i..end];
                let close = b[end..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |e| end + e);
                if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
                    // Skip the raw text up to the matching end tag.
                    match find_end_tag(&b[close.min(b.len())..], name.as_bytes()) {
                        Some(e) => i = close + e + 1,
                        None => break,
                    }
                    continue;
                }
                let self_closed = close > 0 && b.get(close - 1) == Some(&b'/');
                let mut lower = [0u8; 16];
                let flat = name.len() <= lower.len() && {
                    lower[..name.len()].copy_from_slice(name.as_bytes());
                    lower[..name.len()].make_ascii_lowercase();
                    std::str::from_utf8(&lower[..name.len()]).is_ok_and(flat_element)
                };
                if !(flat || self_closed) {
                    depth += 1;
                    max = max.max(depth);
                }
                i = close.min(b.len());
            }
            _ => {}
        }
        if i >= b.len() {
            break;
        }
    }
    max
}

/// The offset of `</name` (any case) in `hay`.
fn find_end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(off) = hay[from..].windows(2).position(|w| w == b"</") {
        let at = from + off;
        let tail = &hay[at + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The text of markup with every tag removed, for pages too broken to parse.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    normalise_ws(&out)
}

/// A listing of the page's blocks with their container paths and the
/// containers' scores, for tuning the heuristics (`examples/article.rs --explain`).
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    let doc = Html::parse_document(html);
    let page = flatten(&doc, true);
    let score = container_scores(&page);
    let mut out = String::new();
    for b in &page.blocks {
        let path: Vec<String> = b
            .path
            .iter()
            .map(|&c| {
                let k = &page.containers[c as usize];
                format!(
                    "{}#{}{}({:.0})",
                    k.tag,
                    c,
                    if k.class_weight != 0.0 || k.boiler {
                        format!(
                            "[{:+}{} {}]",
                            k.class_weight,
                            if k.boiler { "B" } else { "" },
                            k.label.as_deref().unwrap_or("")
                        )
                    } else {
                        String::new()
                    },
                    score[c as usize]
                )
            })
            .collect();
        let t: String = b.text.chars().take(80).collect();
        out.push_str(&format!(
            "{} | ld {:.2} | {}\n    {}\n",
            b.text.len(),
            link_density(b),
            t,
            path.join(" > ")
        ));
    }
    out
}

/// The visible text of an HTML fragment (a feed item's content), one
/// paragraph per block, separated by `"\n\n"`.
pub(crate) fn html_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return normalise_ws(html);
    }
    if nesting_estimate(html) > MAX_PARSE_DEPTH {
        return strip_tags(html);
    }
    let doc = Html::parse_fragment(html);
    let page = flatten(&doc, false);
    page.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn normalise_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// One paragraph-level run of text.
#[derive(Debug)]
struct Block {
    text: String,
    /// Characters of `text` inside links.
    link_chars: usize,
    /// The containers the block sits in, outermost first (indices into
    /// `Page::containers`); the last is the block's own element.
    path: Vec<u32>,
}

/// A block-level element that holds blocks.
#[derive(Debug)]
struct Container {
    /// The element's name, e.g. `p`, `div`, `li`.
    tag: &'static str,
    /// Class and id, kept only for [`explain`].
    label: Option<String>,
    /// Positive for class/id words of article bodies, negative for
    /// boilerplate words.
    class_weight: f32,
    /// Comment threads, share bars, navigation: never the article.
    boiler: bool,
    /// A `<div>` that says it is a paragraph (class `...paragraph...`).
    paragraph: bool,
    parent: Option<u32>,
}

#[derive(Debug, Default)]
struct Page {
    title: Option<String>,
    /// `<link rel="canonical" href>`, as written.
    canonical: Option<String>,
    blocks: Vec<Block>,
    containers: Vec<Container>,
}

/// The deepest container nesting that is tracked.
const MAX_DEPTH: usize = 96;

/// Elements whose content is never article text.
fn skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "title"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "nav"
            | "aside"
            | "footer"
            | "figcaption"
            | "dialog"
            | "menu"
    )
}

/// Elements that start a new block; anything else is inline.
fn block_tag(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "p" => "p",
        "div" => "div",
        "section" => "section",
        "article" => "article",
        "main" => "main",
        "header" => "header",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "li" => "li",
        "ul" => "ul",
        "ol" => "ol",
        "dl" => "dl",
        "dt" => "dt",
        "dd" => "dd",
        "blockquote" => "blockquote",
        "pre" => "pre",
        "table" => "table",
        "tr" => "tr",
        "td" => "td",
        "th" => "th",
        "figure" => "figure",
        "body" => "body",
        "html" => "html",
        "address" => "address",
        "center" => "center",
        "hr" => "hr",
        _ => return None,
    })
}

/// Class/id words of parts that are never the article, even when they are
/// mostly prose: comment threads.
const ALWAYS_BOILER: &[&str] = &["comment", "disqus", "replies", "reply"];
/// Class/id words of parts that are not the article unless the same
/// class also says it is (`share-tools` but not `article-share-body`).
const BOILER: &[&str] = &[
    "footer",
    "breadcrumb",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscri",
    "cookie",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "signup",
    "trending",
    "most-read",
    "more-stories",
    "promo",
    "sponsor",
    "navbar",
    "navigation",
];
const BOILER_TOKENS: &[&str] = &["nav", "menu"];
/// Class/id words that make a part less likely to be the article.
const WEAK: &[&str] = &[
    "sidebar", "widget", "banner", "masthead", "toolbar", "caption", "byline", "author", "tags",
    "footnote", "advert", "popular",
];
const WEAK_TOKENS: &[&str] = &["ad", "ads", "meta", "tag", "skip", "print", "hidden"];
const POSITIVE: &[&str] = &[
    "article", "content", "entry", "story", "post", "body", "text", "main", "blog",
];

/// The class/id weight (+25 for body words, -25 for boilerplate words) and
/// whether the element is boilerplate outright.
fn class_info(class: Option<&str>, id: Option<&str>) -> (f32, bool) {
    let mut w = 0.0;
    let mut boiler = false;
    for attr in [class, id].into_iter().flatten() {
        let lower = attr.to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|n| lower.contains(n));
        let has_token = |words: &[&str]| {
            lower
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|t| words.contains(&t))
        };
        let positive = has(POSITIVE);
        let strong = has(BOILER) || has_token(BOILER_TOKENS);
        if has(ALWAYS_BOILER) || (strong && !positive) {
            boiler = true;
        }
        if strong || has(WEAK) || has_token(WEAK_TOKENS) {
            w -= 25.0;
        }
        if positive {
            w += 25.0;
        }
    }
    (w, boiler)
}

fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Flattens the document into blocks and containers.
fn flatten(doc: &Html, explain: bool) -> Page {
    let mut page = Page::default();
    let mut stack: Vec<u32> = Vec::new();
    // Open elements that started a container, to pop on close.
    let mut opened: Vec<bool> = Vec::new();
    let mut skip_until: Option<ego_tree::NodeId> = None;
    let mut in_link = 0usize;
    let mut cur = String::new();
    let mut cur_links = 0usize;
    let mut title_tag: Option<String> = None;
    let mut og_title: Option<String> = None;
    let mut h1: Option<String> = None;
    let mut in_title = false;
    let mut in_head = false;
    let mut br_run = 0u32;

    let flush = |cur: &mut String, cur_links: &mut usize, stack: &Vec<u32>, page: &mut Page| {
        let text = normalise_ws(cur);
        if !text.is_empty() {
            let links = (*cur_links).min(text.len());
            page.blocks.push(Block {
                text,
                link_chars: links,
                path: stack.clone(),
            });
        }
        cur.clear();
        *cur_links = 0;
    };

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        if name == "head" {
                            in_head = true;
                        }
                        if name == "title" && title_tag.is_none() {
                            in_title = true;
                            let t: String = node
                                .children()
                                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                                .collect();
                            title_tag = Some(normalise_ws(&t));
                        }
                        if name == "link"
                            && page.canonical.is_none()
                            && el
                                .attr("rel")
                                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                        {
                            page.canonical = el.attr("href").map(|h| h.trim().to_string());
                        }
                        if name == "meta" && og_title.is_none() {
                            let prop = el.attr("property").or_else(|| el.attr("name"));
                            if matches!(prop, Some("og:title") | Some("twitter:title")) {
                                og_title = el.attr("content").map(normalise_ws);
                            }
                        }
                        if skipped(name) || hidden(el) {
                            skip_until = Some(node.id());
                            opened.push(false);
                            continue;
                        }
                        if name == "br" {
                            // Two line breaks in a row end a paragraph, as
                            // on pages that write paragraphs as <br><br>.
                            br_run += 1;
                            if br_run >= 2 {
                                flush(&mut cur, &mut cur_links, &stack, &mut page);
                            } else {
                                cur.push(' ');
                            }
                        }
                        // Past MAX_DEPTH, block elements are read as inline:
                        // each block copies its container path, so a page of
                        // endlessly nested <div>s would otherwise cost
                        // memory quadratic in its size.
                        if let Some(tag) = block_tag(name).filter(|_| stack.len() < MAX_DEPTH) {
                            flush(&mut cur, &mut cur_links, &stack, &mut page);
                            let (class_weight, mut boiler) = class_info(el.attr("class"), el.id());
                            // Page-wide state classes on the root elements
                            // ("unsubscribed", "has-sidebar") say nothing
                            // about the text inside.
                            boiler &= !matches!(tag, "html" | "body" | "main" | "article");
                            page.containers.push(Container {
                                tag,
                                label: explain.then(|| {
                                    format!(
                                        "{}/{}",
                                        el.attr("class").unwrap_or(""),
                                        el.id().unwrap_or("")
                                    )
                                }),
                                class_weight,
                                boiler,
                                paragraph: el
                                    .attr("class")
                                    .is_some_and(|c| c.to_ascii_lowercase().contains("paragraph")),
                                parent: stack.last().copied(),
                            });
                            stack.push((page.containers.len() - 1) as u32);
                            opened.push(true);
                        } else {
                            if name == "a" {
                                in_link += 1;
                            }
                            opened.push(false);
                        }
                    }
                    Node::Text(t) => {
                        if in_title || in_head {
                            continue;
                        }
                        if !t.trim().is_empty() {
                            br_run = 0;
                        }
                        cur.push_str(t);
                        if in_link > 0 {
                            cur_links += t.trim().len();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip_until {
                    if id != node.id() {
                        continue;
                    }
                    skip_until = None;
                    opened.pop();
                    if let Node::Element(el) = node.value() {
                        if el.name() == "title" {
                            in_title = false;
                        }
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if el.name() == "head" {
                        in_head = false;
                    }
                    let container = opened.pop().unwrap_or(false);
                    if container {
                        let h = el.name();
                        if h == "h1" && h1.is_none() {
                            h1 = Some(normalise_ws(&cur));
                        }
                        flush(&mut cur, &mut cur_links, &stack, &mut page);
                        stack.pop();
                    } else if el.name() == "a" {
                        in_link = in_link.saturating_sub(1);
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut cur_links, &stack, &mut page);
    page.title = og_title
        .filter(|t| !t.is_empty())
        .or(title_tag.filter(|t| !t.is_empty()))
        .or(h1.filter(|t| !t.is_empty()));
    page
}

/// Whether a block reads like a paragraph of prose.
fn is_prose(b: &Block) -> bool {
    let len = b.text.chars().count();
    len >= 40 && (b.link_chars as f32) < 0.3 * len as f32
}

fn link_density(b: &Block) -> f32 {
    b.link_chars as f32 / b.text.len().max(1) as f32
}

/// Each container's score: the prose paragraphs it holds, nearer ones
/// weighing more.
fn container_scores(page: &Page) -> Vec<f32> {
    let mut score = vec![0f32; page.containers.len()];
    for b in page.blocks.iter().filter(|b| is_prose(b)) {
        // Prose inside comment sections, sidebars and the like is not a
        // candidate for the article, however much of it there is.
        if b.path.iter().any(|&c| page.containers[c as usize].boiler) {
            continue;
        }
        let len = b.text.chars().count() as f32;
        let commas = b.text.matches(',').count() as f32;
        let w = 1.0 + commas.min(10.0) + (len / 100.0).min(3.0);
        // The paragraph's own element and up to three levels up share the
        // score, nearer ones more: readability's clustering.
        for (level, &c) in b.path.iter().rev().skip(1).take(4).enumerate() {
            score[c as usize] += w / (1.0 + level as f32);
        }
    }
    score
}

/// Whether `a` and `b` are the same words, ignoring case and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (wa, wb) = (words(a), words(b));
    !wb.is_empty() && wa == wb
}

/// Whether the words of `title` begin with the (three or more) words of `head`.
fn title_starts_with(title: &str, head: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (t, h) = (words(title), words(head));
    h.len() >= 3 && t.starts_with(&h)
}

/// Words that, alone on a short line, label page furniture rather than
/// say anything: "Advertisement", "Related articles", "Don't miss".
const FURNITURE: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "related",
    "don't miss",
    "dont miss",
    "read more",
    "read next",
    "see also",
    "also read",
    "more from",
    "recommended",
    "most popular",
    "most read",
    "trending",
    "share this",
    "share on",
    "sign up",
    "subscribe",
    "follow us",
    "newsletter",
    "click here",
    "comments",
    "leave a comment",
    "print",
    "email",
];

/// Whether a short block is one of the [`FURNITURE`] labels.
fn furniture(text: &str) -> bool {
    if text.split_whitespace().count() > 4 {
        return false;
    }
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
    FURNITURE.iter().any(|f| lower.starts_with(f))
}

/// Whether block `b` is left out of the text: a link list, or inside a
/// boilerplate container at `path[from..]`, or inside a container with a
/// weak boilerplate word that is not on the best container's `chain`.
fn dropped(page: &Page, b: &Block, from: usize, chain: &[bool]) -> bool {
    link_density(b) > 0.5
        || b.path[from.min(b.path.len())..].iter().any(|&c| {
            let k = &page.containers[c as usize];
            k.boiler || (k.class_weight < 0.0 && !chain[c as usize])
        })
}

/// Climbs from the best-scoring container to its ancestors while what an
/// ancestor adds is mostly prose: an article split into sibling sections
/// is taken whole, a page wrapper with teasers and lists is not.
fn grow(page: &Page, best: u32, chain: &[bool]) -> u32 {
    let n = page.containers.len();
    let mut prose = vec![0usize; n];
    let mut text = vec![0usize; n];
    for b in &page.blocks {
        if dropped(page, b, 0, chain) {
            continue;
        }
        let len = b.text.len();
        // Only real paragraphs count as prose here: teaser lists are prose
        // too, but rarely in <p> elements of their own.
        let p = is_prose(b)
            && b.path.last().is_some_and(|&c| {
                let k = &page.containers[c as usize];
                matches!(k.tag, "p" | "blockquote") || k.paragraph
            });
        for &c in &b.path {
            text[c as usize] += len;
            if p {
                prose[c as usize] += len;
            }
        }
    }
    let mut c = best;
    while let Some(p) = page.containers[c as usize].parent {
        if matches!(page.containers[p as usize].tag, "body" | "html") {
            break;
        }
        let added_text = text[p as usize] - text[c as usize];
        let added_prose = prose[p as usize] - prose[c as usize];
        if added_text == 0 || (added_prose > 0 && added_prose as f32 >= 0.7 * added_text as f32) {
            c = p;
        } else {
            break;
        }
    }
    c
}

/// Picks the container with the best cluster of prose and returns its text.
fn select(page: &Page) -> String {
    if page.blocks.is_empty() {
        return String::new();
    }
    let score = container_scores(page);
    // A container holding several <article> elements is a listing (a feed
    // of teasers, "you may also like"), not an article.
    let mut articles_below = vec![0u32; page.containers.len()];
    for (i, k) in page.containers.iter().enumerate() {
        if k.tag == "article" {
            let mut p = page.containers[i].parent;
            while let Some(x) = p {
                articles_below[x as usize] += 1;
                p = page.containers[x as usize].parent;
            }
        }
    }
    let mut best: Option<(usize, f32)> = None;
    for (i, s) in score.iter().enumerate() {
        if *s <= 0.0 {
            continue;
        }
        let mut adj = s * (1.0 + page.containers[i].class_weight / 100.0);
        if articles_below[i] >= 2 {
            adj *= 0.3;
        }
        if best.is_none_or(|(_, b)| adj > b) {
            best = Some((i, adj));
        }
    }
    let Some((best, _)) = best else {
        // No prose anywhere: fall back to every block that is not a link.
        return page
            .blocks
            .iter()
            .filter(|b| link_density(b) < 0.5)
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
    };
    let best = best as u32;
    // The best container and its ancestors: a weak boilerplate word on
    // them ("has-sidebar", "non-ad-column") is not held against the text.
    let mut chain = vec![false; page.containers.len()];
    let mut c = Some(best);
    while let Some(x) = c {
        chain[x as usize] = true;
        c = page.containers[x as usize].parent;
    }
    let best = grow(page, best, &chain);
    let mut out: Vec<&str> = Vec::new();
    for b in &page.blocks {
        let Some(pos) = b.path.iter().position(|&c| c == best) else {
            continue;
        };
        if dropped(page, b, pos + 1, &chain) {
            continue;
        }
        // The headline is the title, not part of the body; an <h1> also
        // when the title is "Headline | Site".
        let h1 = b
            .path
            .last()
            .is_some_and(|&c| page.containers[c as usize].tag == "h1");
        if page
            .title
            .as_deref()
            .is_some_and(|t| same_words(t, &b.text) || (h1 && title_starts_with(t, &b.text)))
        {
            continue;
        }
        if furniture(&b.text) {
            continue;
        }
        out.push(&b.text);
    }
    out.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Harbour plan | The Daily Example</title>
<meta property="og:title" content="Harbour plan approved">
<script>var x = "not text";</script><style>p{}</style></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="sidebar"><p>Sign up for our newsletter, it is free, weekly and full of things.</p></div>
<article class="story-body">
<h1>Harbour plan approved</h1>
<p>The town council approved the harbour plan on Tuesday, ending a dispute that had lasted, by most counts, three years.</p>
<p>Residents said the plan, which adds a sea wall and a ferry pier, was overdue, and that the works should start soon.</p>
<div class="share-tools"><a href="/s">Share on the social network of your choice today</a></div>
<p>The mayor said construction would begin in the spring, weather permitting, and finish in two years.</p>
</article>
<footer><p>Copyright The Daily Example, all rights reserved, including the right to be boring.</p></footer>
</body></html>"#;

    #[test]
    fn the_article_body_is_kept_and_boilerplate_dropped() {
        let m = extract_main_text(PAGE, None);
        assert_eq!(m.title.as_deref(), Some("Harbour plan approved"));
        assert!(m.text.contains("approved the harbour plan"), "{}", m.text);
        assert!(m.text.contains("construction would begin"), "{}", m.text);
        assert!(!m.text.contains("newsletter"), "{}", m.text);
        assert!(!m.text.contains("Copyright"), "{}", m.text);
        assert!(!m.text.contains("Share on"), "{}", m.text);
        assert!(!m.text.contains("not text"), "{}", m.text);
        // Three paragraphs; the headline is the title, not the body.
        assert_eq!(m.text.matches("\n\n").count(), 2, "{}", m.text);
        assert!(!m.text.starts_with("Harbour plan approved"), "{}", m.text);
    }

    #[test]
    fn headlines_and_furniture_labels_are_left_out() {
        let body: String = (1..=3)
            .map(|i| format!("<p>Paragraph {i} says something, at some length, about the harbour and the town council.</p>"))
            .collect();
        let html = format!(
            "<title>Harbour news today | Example Paper</title><article><h1>Harbour news today</h1>\
             <p>Advertisement</p>{body}<h2>Related articles</h2></article>"
        );
        let m = extract_main_text(&html, None);
        assert!(m.text.starts_with("Paragraph 1"), "{}", m.text);
        assert!(!m.text.contains("Advertisement"), "{}", m.text);
        assert!(!m.text.contains("Related"), "{}", m.text);
        assert!(furniture("Don\u{2019}t miss"));
        assert!(!furniture("Related parties met on Monday to discuss it."));
    }

    #[test]
    fn endlessly_nested_pages_stay_cheap() {
        let n = 1_000;
        let mut html = String::from("<html><body>");
        for i in 0..n {
            html.push_str(&format!("<div>word {i}, "));
        }
        html.push_str(&"</div>".repeat(n));
        let page = flatten(&Html::parse_document(&html), false);
        assert!(
            page.containers.len() <= MAX_DEPTH,
            "{}",
            page.containers.len()
        );
        assert!(page.blocks.iter().all(|b| b.path.len() <= MAX_DEPTH));
        assert!(extract_main_text(&html, None).text.contains("word 999"));
        // Deeper still, the page is not parsed at all (the parser would take
        // quadratic time), but its words are kept.
        assert!(nesting_estimate(&html) >= n);
        let deeper = format!(
            "{}x{}",
            "<div>".repeat(MAX_PARSE_DEPTH + 1),
            "</div>".repeat(MAX_PARSE_DEPTH + 1)
        );
        assert_eq!(extract_main_text(&deeper, None).text, "x");
    }

    #[test]
    fn nesting_is_estimated_without_parsing() {
        assert_eq!(
            nesting_estimate("<div><p>a<p>b<br><img src=x></div><div><span>c</span></div>"),
            2
        );
        assert_eq!(
            nesting_estimate("<script>if (a<b) { x = '<div><div>'; }</script><div></div>"),
            1
        );
        assert_eq!(nesting_estimate("<!-- <div><div> --><div/>"), 0);
        assert_eq!(
            nesting_estimate("<SCRIPT>'<div>'</SCRIPT ><Div><DIV></div>"),
            2
        );
        assert_eq!(nesting_estimate("<"), 0);
        assert_eq!(nesting_estimate("<div"), 1);
    }

    #[test]
    fn the_canonical_address_is_read_and_made_absolute() {
        let html = "<head><link rel=\"Canonical\" href=\"/news/1\"></head><p>x</p>";
        let c = extract_page(html, Some("https://example.org/amp/news/1")).canonical;
        assert_eq!(c.as_deref(), Some("https://example.org/news/1"));
        let c = extract_page(
            "<link rel=canonical href=\"javascript:x\">",
            Some("https://e.org/"),
        )
        .canonical;
        assert_eq!(c, None);
    }

    #[test]
    fn the_publication_date_is_read_from_the_page() {
        let date = |html: &str| extract_page(html, None).published.map(|t| t.to_rfc3339());
        let meta = "<head><meta property=\"og:title\" content=\"T\">\
            <meta name=\"date\" content=\"2020-01-01\">\
            <meta property=\"article:published_time\" content=\"2024-03-05T08:30:00+01:00\">\
            </head><body><time datetime=\"2019-01-01\">old</time><p>Text.</p></body>";
        assert_eq!(date(meta).as_deref(), Some("2024-03-05T07:30:00+00:00"));
        let ld = r#"<script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
             {"@type":"NewsArticle","headline":"H","datePublished":"2024-02-01T10:00:00Z"}]}
            </script><p><time datetime="2019-01-01">x</time></p>"#;
        assert_eq!(date(ld).as_deref(), Some("2024-02-01T10:00:00+00:00"));
        let micro = r#"<article><span itemprop="datePublished" content="2023-11-30T12:00:00Z">30 Nov</span>
            <time datetime="2019-01-01">x</time></article>"#;
        assert_eq!(date(micro).as_deref(), Some("2023-11-30T12:00:00+00:00"));
        let times = r#"<p>Updated <time datetime="2024-05-02T09:00:00Z">2 May</time></p>
            <p><time pubdate datetime="2024-05-01T09:00:00Z">1 May</time></p>"#;
        assert_eq!(date(times).as_deref(), Some("2024-05-01T09:00:00+00:00"));
        let first = r#"<p><time datetime="not a date">?</time><time datetime="2024-05-03">3 May</time></p>"#;
        assert_eq!(date(first).as_deref(), Some("2024-05-03T00:00:00+00:00"));
        assert_eq!(date("<p>No date here.</p>"), None);
        let broken = r#"<script type="application/ld+json">{"datePublished": </script>"#;
        assert_eq!(date(broken), None);
    }

    #[test]
    fn no_truncation_makes_the_extractor_panic() {
        for cut in (0..=PAGE.len())
            .filter(|c| PAGE.is_char_boundary(*c))
            .step_by(7)
        {
            let _ = extract_page(&PAGE[..cut], Some("https://example.org/a"));
            let _ = decode_html(&PAGE.as_bytes()[..cut], Some("text/html; charset=utf-16"));
        }
    }

    #[test]
    fn an_empty_page_gives_empty_text() {
        let m = extract_main_text("", None);
        assert_eq!(m.text, "");
        assert_eq!(m.title, None);
    }

    #[test]
    fn charset_comes_from_bom_then_header_then_meta() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(latin, None).contains("caf\u{e9}"));
        let utf8 = "<meta charset=\"iso-8859-1\">caf\u{e9}".as_bytes();
        // The header wins over the meta declaration.
        assert!(decode_html(utf8, Some("text/html; charset=utf-8")).contains("caf\u{e9}"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf8);
        assert!(decode_html(&bom, Some("text/html; charset=iso-8859-1")).contains("caf\u{e9}"));
        // Undeclared, invalid UTF-8: windows-1252.
        assert!(decode_html(b"caf\xe9", None).contains("caf\u{e9}"));
    }

    #[test]
    fn double_line_breaks_make_paragraphs() {
        assert_eq!(
            html_to_text("<div>One line<br>same paragraph.<br><br>\n<br>Next one.</div>"),
            "One line same paragraph.\n\nNext one."
        );
    }

    #[test]
    fn feed_html_becomes_paragraphs() {
        assert_eq!(
            html_to_text("<p>One &amp; two.</p><p>Three <b>four</b>.</p>"),
            "One & two.\n\nThree four."
        );
        assert_eq!(html_to_text("  plain   text "), "plain text");
        let deep = format!("{}y{}", "<div>".repeat(5000), "</div>".repeat(5000));
        assert_eq!(html_to_text(&deep), "y");
    }
}
