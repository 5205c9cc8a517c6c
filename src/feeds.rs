//! The `feeds import|export` commands: the feed list to and from OPML, the
//! format every feed reader exports.

use claimwatch_shared::config::FeedConfig;
use quick_xml::events::Event;
use quick_xml::Reader;

/// Every feed of an OPML document: each `outline` with an `xmlUrl`, at any
/// depth (folders are flattened), named by its `title` or `text`.
pub fn import_opml(xml: &str) -> anyhow::Result<Vec<FeedConfig>> {
    let mut reader = Reader::from_str(xml);
    let mut feeds = Vec::new();
    let mut saw_opml = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                if name.as_ref().eq_ignore_ascii_case(b"opml") {
                    saw_opml = true;
                }
                if !name.as_ref().eq_ignore_ascii_case(b"outline") {
                    continue;
                }
                let (mut url, mut title, mut text) = (None, None, None);
                for a in e.attributes() {
                    let a = a?;
                    let v = a
                        .decoded_and_normalized_value(
                            quick_xml::XmlVersion::Implicit1_0,
                            reader.decoder(),
                        )?
                        .trim()
                        .to_string();
                    match a.key.as_ref() {
                        b"xmlUrl" | b"xmlurl" => url = Some(v),
                        b"title" => title = Some(v),
                        b"text" => text = Some(v),
                        _ => {}
                    }
                }
                if let Some(url) = url.filter(|u| !u.is_empty()) {
                    feeds.push(FeedConfig {
                        url,
                        name: title.or(text).filter(|t| !t.is_empty()),
                        fetch_articles: true,
                        identity: Default::default(),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        anyhow::bail!("not an OPML document: no <opml> element");
    }
    Ok(feeds)
}

fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// An OPML 2.0 document listing `feeds`.
pub fn export_opml(feeds: &[FeedConfig]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>claimwatch feeds</title></head>\n  <body>\n",
    );
    for f in feeds {
        let name = escape(f.name.as_deref().unwrap_or(&f.url));
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{}\"/>\n",
            escape(&f.url)
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// `feeds` as TOML `[[fetcher.feeds]]` tables, to paste into a config.
pub fn to_toml(feeds: &[FeedConfig]) -> anyhow::Result<String> {
    #[derive(serde::Serialize)]
    struct Fetcher<'a> {
        feeds: &'a [FeedConfig],
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        fetcher: Fetcher<'a>,
    }
    Ok(toml::to_string(&Doc {
        fetcher: Fetcher { feeds },
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="World">
    <outline text="Wire &amp; Co" type="rss" xmlUrl="https://wire.example/rss?a=1&amp;b=2"/>
    <outline text="No feed here" htmlUrl="https://x.example/"/>
  </outline>
  <outline title="Gazette" text="g" xmlUrl="https://gazette.example/atom"></outline>
</body></opml>"#;

    #[test]
    fn nested_outlines_are_flattened_and_unescaped() {
        let feeds = import_opml(SAMPLE).unwrap();
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "https://wire.example/rss?a=1&b=2");
        assert_eq!(feeds[0].name.as_deref(), Some("Wire & Co"));
        assert_eq!(feeds[1].name.as_deref(), Some("Gazette"));
    }

    #[test]
    fn export_then_import_round_trips() {
        let feeds = import_opml(SAMPLE).unwrap();
        assert_eq!(import_opml(&export_opml(&feeds)).unwrap(), feeds);
    }

    #[test]
    fn a_document_that_is_not_opml_is_an_error() {
        assert!(import_opml("<rss><channel/></rss>").is_err());
        assert!(import_opml("<opml><body><outline xmlUrl='x'").is_err());
    }

    #[test]
    fn imported_feeds_become_config_tables() {
        let t = to_toml(&import_opml(SAMPLE).unwrap()).unwrap();
        assert!(t.contains("[[fetcher.feeds]]"), "{t}");
        let cfg: claimwatch_shared::config::Config = toml::from_str(&t).unwrap();
        assert_eq!(cfg.fetcher.feeds.len(), 2);
    }
}
