//! Slack incoming-webhook messages: a readable alert (who claimed what, who
//! denied it, a link to the article) within Slack's limits — message text at
//! most 40,000 characters, at most 50 blocks, section text at most 3,000.
//! I/O-free.

use serde_json::{json, Value};

use claimwatch_shared::events::Party;

use crate::alert::{Alert, AlertKind};

/// Slack's limit on a message's top-level `text`.
pub const MAX_TEXT: usize = 40_000;
/// Slack's limit on the text of a section block.
pub const MAX_SECTION: usize = 3_000;
/// Slack's limit on blocks in one message.
pub const MAX_BLOCKS: usize = 50;
/// Quoted contents are cut here, so two fit in a section with room to spare.
const MAX_QUOTE: usize = 1_200;

/// Escapes the three characters Slack's mrkdwn treats as control characters.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `s` cut to at most `max` characters, ending in an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Escaped mrkdwn cut to `max` characters without splitting an `&amp;`-style
/// entity.
fn truncate_mrkdwn(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    if let Some(amp) = out.rfind('&') {
        if !out[amp..].contains(';') {
            out.truncate(amp);
        }
    }
    out.push('…');
    out
}

/// A link in mrkdwn: `<url|text>`. Characters that would end the link early
/// are percent-encoded in the URL and replaced in the text.
fn link(url: &str, text: &str) -> String {
    let url = url
        .replace('|', "%7C")
        .replace('<', "%3C")
        .replace('>', "%3E");
    let text = escape(&text.replace('|', "¦"));
    format!("<{url}|{text}>")
}

fn quote(s: &str) -> String {
    escape(&truncate(s.trim(), MAX_QUOTE))
        .lines()
        .map(|l| format!(">{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "Name (role, organisation)", escaped.
fn party(p: &Party) -> String {
    let extra: Vec<&str> = [p.role.as_deref(), p.organisation.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    if extra.is_empty() {
        format!("*{}*", escape(&p.name))
    } else {
        format!("*{}* ({})", escape(&p.name), escape(&extra.join(", ")))
    }
}

fn section(text: String) -> Value {
    json!({"type": "section", "text": {"type": "mrkdwn", "text": truncate_mrkdwn(&text, MAX_SECTION)}})
}

fn context(parts: &[String]) -> Value {
    json!({"type": "context", "elements": [{"type": "mrkdwn", "text": truncate_mrkdwn(&parts.join("  ·  "), MAX_SECTION)}]})
}

/// The Slack message for `alert`: a plain-text fallback in `text` (shown in
/// notifications) and blocks for the message itself.
pub fn message(alert: &Alert) -> Value {
    let mut blocks = Vec::new();
    let mut fallback = Vec::new();
    let mut ctx = Vec::new();
    match (alert.kind, &alert.denial, &alert.claim) {
        (AlertKind::Denial, Some(d), claim) => {
            let who = if d.denier.official {
                "Official denial"
            } else {
                "Denial"
            };
            blocks.push(section(format!(
                ":no_entry: *{who}* by {}\n{}",
                party(&d.denier.party),
                quote(&d.content)
            )));
            fallback.push(format!(
                "{who} by {}: \"{}\"",
                d.denier.party.name, d.content
            ));
            match (claim, &alert.claim_id) {
                (Some(c), _) => {
                    blocks.push(section(format!(
                        "Refutes the unverified claim by {}\n{}",
                        party(&c.claimant),
                        quote(&c.content)
                    )));
                    fallback.push(format!(
                        "refutes the claim by {}: \"{}\"",
                        c.claimant.name, c.content
                    ));
                }
                (None, Some(id)) => {
                    blocks.push(section(format!("Refutes claim `{}`", escape(id))));
                    fallback.push(format!("refutes claim {id}"));
                }
                (None, None) => {}
            }
            if let Some(url) = &d.article.url {
                ctx.push(link(url, &d.article.title));
            } else {
                ctx.push(escape(&d.article.title));
            }
            ctx.push(format!("denial score {:.2}", d.score));
            if let Some(r) = &alert.refutation {
                ctx.push(format!("link score {:.2}", r.score));
            }
        }
        (_, _, Some(c)) => {
            blocks.push(section(format!(
                ":grey_question: *Unverified claim* by {}\n{}",
                party(&c.claimant),
                quote(&c.content)
            )));
            fallback.push(format!(
                "Unverified claim by {}: \"{}\"",
                c.claimant.name, c.content
            ));
            if let Some(first) = c.appearances.first() {
                match &first.article.url {
                    Some(url) => ctx.push(link(url, &first.article.title)),
                    None => ctx.push(escape(&first.article.title)),
                }
            }
            if c.appearances.len() > 1 {
                ctx.push(format!("{} articles", c.appearances.len()));
            }
            ctx.push(format!("score {:.2}", c.score));
        }
        _ => {
            blocks.push(section(format!("claimwatch alert `{}`", escape(&alert.id))));
            fallback.push(format!("claimwatch alert {}", alert.id));
        }
    }
    if let Some(url) = alert.article_url() {
        fallback.push(url.to_string());
    }
    blocks.push(context(&ctx));
    blocks.truncate(MAX_BLOCKS);
    json!({
        "text": truncate(&fallback.join(" — "), MAX_TEXT),
        "blocks": blocks,
        "unfurl_links": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::tests::{claim, claim_event, denial, denial_event};
    use crate::alert::{alerts_for, ClaimCache};
    use std::sync::Arc;

    fn sections(m: &Value) -> Vec<String> {
        m["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                b["text"]["text"]
                    .as_str()
                    .or(b["elements"][0]["text"].as_str())
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn a_claim_reads_as_who_claimed_what_with_a_link() {
        let a = alerts_for(
            &claim_event(&claim("c1", &["a1", "a2"])),
            &ClaimCache::new(1),
        )
        .remove(0);
        let m = message(&a);
        let s = sections(&m);
        assert!(
            s[0].contains("*Unverified claim* by *Rostamali Rafiei Atani* (commander, IRGC)"),
            "{}",
            s[0]
        );
        assert!(
            s[0].contains(">the US sent Iran a written message"),
            "{}",
            s[0]
        );
        assert!(
            s[1].contains("<https://news.example/a1|Story a1>"),
            "{}",
            s[1]
        );
        assert!(s[1].contains("2 articles"), "{}", s[1]);
        let text = m["text"].as_str().unwrap();
        assert!(
            text.starts_with("Unverified claim by Rostamali Rafiei Atani"),
            "{text}"
        );
        assert!(text.contains("https://news.example/a1"), "{text}");
    }

    #[test]
    fn a_link_names_the_denier_the_claim_and_the_article() {
        let mut cache = ClaimCache::new(4);
        cache.insert(Arc::new(claim("c1", &["a1"])));
        let alerts = alerts_for(&denial_event(&denial("d1", &["c1", "c9"])), &cache);
        let s = sections(&message(&alerts[0]));
        assert!(
            s[0].contains("*Official denial* by *the Biden administration* (US government)"),
            "{}",
            s[0]
        );
        assert!(s[0].contains(">the exchange did not happen"));
        assert!(
            s[1].contains("Refutes the unverified claim by *Rostamali Rafiei Atani*"),
            "{}",
            s[1]
        );
        assert!(
            s[2].contains("<https://news.example/a9|Story a9>"),
            "{}",
            s[2]
        );
        assert!(s[2].contains("link score 0.70"), "{}", s[2]);
        let s = sections(&message(&alerts[1]));
        assert!(s[1].contains("Refutes claim `c9`"), "{}", s[1]);
    }

    #[test]
    fn control_characters_are_escaped_and_links_cannot_be_broken() {
        let mut c = claim("c1", &["a1"]);
        c.content = "<!channel> & <https://evil|click>".into();
        c.appearances[0].article.title = "A | B > C".into();
        c.appearances[0].article.url = Some("https://x/?a=<b>|c".into());
        let a = alerts_for(&claim_event(&c), &ClaimCache::new(1)).remove(0);
        let s = sections(&message(&a));
        assert!(
            s[0].contains("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;"),
            "{}",
            s[0]
        );
        assert!(
            s[1].contains("<https://x/?a=%3Cb%3E%7Cc|A ¦ B &gt; C>"),
            "{}",
            s[1]
        );
    }

    #[test]
    fn huge_contents_stay_within_slacks_limits() {
        let mut cache = ClaimCache::new(4);
        let mut c = claim("c1", &["a1"]);
        c.content = "&<> ".repeat(50_000);
        c.claimant.name = "N".repeat(10_000);
        cache.insert(Arc::new(c.clone()));
        let mut d = denial("d1", &["c1"]);
        d.content = "é&".repeat(30_000);
        d.article.title = "T".repeat(20_000);
        for a in alerts_for(&denial_event(&d), &cache)
            .into_iter()
            .chain(alerts_for(&claim_event(&c), &cache))
        {
            let m = message(&a);
            assert!(m["text"].as_str().unwrap().chars().count() <= MAX_TEXT);
            let blocks = m["blocks"].as_array().unwrap();
            assert!(blocks.len() <= MAX_BLOCKS);
            for s in sections(&m) {
                assert!(s.chars().count() <= MAX_SECTION, "{}", s.chars().count());
                // No entity is cut in half.
                let tail = &s[s.rfind('&').unwrap_or(0)..];
                assert!(!tail.starts_with('&') || tail.contains(';'), "{tail}");
            }
        }
    }

    #[test]
    fn truncate_counts_characters_not_bytes() {
        assert_eq!(truncate("ééé", 3), "ééé");
        assert_eq!(truncate("éééé", 3), "éé…");
    }
}
