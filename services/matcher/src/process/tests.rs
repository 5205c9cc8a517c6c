//! Unit tests of the stateful matcher: events, ids, idempotence, and links
//! across articles in both orders. Fixture sentences are written for them.

use super::*;
use crate::decide::tests::{build, S};
use claimwatch_shared::events::{ArticleRef, CueClass};

fn article(id: &str, text: &str, parts: &[S<'_>]) -> ArticleStatements {
    ArticleStatements {
        schema_version: SCHEMA_VERSION,
        article: ArticleRef {
            id: id.into(),
            revision: 1,
            feed: "https://feeds.example.invalid/world".into(),
            url: None,
            title: id.into(),
            published: None,
        },
        text: text.into(),
        statements: build(text, parts),
    }
}

fn t(h: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
        + Duration::hours(h)
}

const CLAIM_TEXT: &str = "Opposition leader Tarek Vosk alleged that the Interior Ministry wiretapped supreme court judges in Maralto.";

fn claim_article(id: &str) -> ArticleStatements {
    article(
        id,
        CLAIM_TEXT,
        &[S {
            speaker: Some((
                "Opposition leader Tarek Vosk",
                "Tarek Vosk",
                PartyType::Person,
            )),
            cue: "alleged",
            class: CueClass::Claim,
            content: "the Interior Ministry wiretapped supreme court judges in Maralto",
        }],
    )
}

fn denial_article(id: &str) -> ArticleStatements {
    let text = "The Interior Ministry on Tuesday denied that it had wiretapped supreme court judges in Maralto, \
                calling Vosk's allegations baseless.";
    article(
        id,
        text,
        &[S {
            speaker: Some(("The Interior Ministry", "Interior Ministry", PartyType::Government)),
            cue: "denied",
            class: CueClass::Deny,
            content: "it had wiretapped supreme court judges in Maralto, calling Vosk's allegations baseless",
        }],
    )
}

fn claims(ev: &[MatchEvent]) -> Vec<&UnverifiedClaim> {
    ev.iter()
        .filter_map(|e| match e {
            MatchEvent::Claim(c) => Some(c),
            MatchEvent::Denial(_) => None,
        })
        .collect()
}

fn denials(ev: &[MatchEvent]) -> Vec<&OfficialDenial> {
    ev.iter()
        .filter_map(|e| match e {
            MatchEvent::Denial(d) => Some(d),
            MatchEvent::Claim(_) => None,
        })
        .collect()
}

#[test]
fn in_article_claim_and_denial_are_linked() {
    let text =
        format!("{CLAIM_TEXT} The Interior Ministry rejected Vosk's allegations as baseless.");
    let input = article(
        "a1",
        &text,
        &[
            S {
                speaker: Some((
                    "Opposition leader Tarek Vosk",
                    "Tarek Vosk",
                    PartyType::Person,
                )),
                cue: "alleged",
                class: CueClass::Claim,
                content: "the Interior Ministry wiretapped supreme court judges in Maralto",
            },
            S {
                speaker: Some((
                    "The Interior Ministry rejected",
                    "Interior Ministry",
                    PartyType::Government,
                )),
                cue: "rejected",
                class: CueClass::Reject,
                content: "Vosk's allegations as baseless",
            },
        ],
    );
    let mut m = Matcher::new(MatcherConfig::default());
    let ev = m.process(&input, t(0));
    let c = claims(&ev);
    let d = denials(&ev);
    assert_eq!(c.len(), 1);
    assert_eq!(d.len(), 1);
    assert_eq!(c[0].claimant.name, "Tarek Vosk");
    assert!(c[0].id.starts_with("clm-"));
    assert!(d[0].id.starts_with("den-"));
    assert_eq!(d[0].refutes.len(), 1);
    assert_eq!(d[0].refutes[0].claim_id, c[0].id);
    assert!(d[0].denier.official);
    assert_eq!(d[0].key(), c[0].id);
}

#[test]
fn processing_twice_is_idempotent() {
    let mut m = Matcher::new(MatcherConfig::default());
    let input = claim_article("a1");
    let first = m.process(&input, t(0));
    let second = m.process(&input, t(1));
    let (a, b) = (claims(&first), claims(&second));
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].id, b[0].id);
    assert_eq!(b[0].appearances.len(), 1);
    assert_eq!(m.sizes().0, 1);
}

#[test]
fn the_same_claim_in_two_articles_keeps_one_id() {
    let mut m = Matcher::new(MatcherConfig::default());
    let a = claims(&m.process(&claim_article("a1"), t(0)))[0].clone();
    let ev = m.process(&claim_article("a2"), t(2));
    let b = claims(&ev)[0];
    assert_eq!(a.id, b.id);
    assert_eq!(b.appearances.len(), 2);
    assert_eq!(b.appearances[0].article.id, "a1");
    assert_eq!(b.first_seen, t(0));
}

#[test]
fn denial_links_to_a_claim_from_an_earlier_article() {
    let mut m = Matcher::new(MatcherConfig::default());
    let c = claims(&m.process(&claim_article("a1"), t(0)))[0].clone();
    let ev = m.process(&denial_article("a2"), t(5));
    let d = denials(&ev);
    assert_eq!(d.len(), 1);
    assert!(
        d[0].refutes.iter().any(|r| r.claim_id == c.id),
        "{:?}",
        d[0].refutes
    );
}

#[test]
fn a_late_claim_re_emits_the_denial_with_the_link() {
    let mut m = Matcher::new(MatcherConfig::default());
    let ev = m.process(&denial_article("a2"), t(0));
    let d0 = denials(&ev)[0].clone();
    assert!(d0.refutes.is_empty());
    let ev = m.process(&claim_article("a1"), t(3));
    let c = claims(&ev)[0].clone();
    let d = denials(&ev);
    assert_eq!(d.len(), 1, "the denial is re-emitted");
    assert_eq!(d[0].id, d0.id);
    assert_eq!(d[0].refutes.len(), 1);
    assert_eq!(d[0].refutes[0].claim_id, c.id);
    // Seeing the claim again does not link it twice.
    let ev = m.process(&claim_article("a1"), t(4));
    assert!(denials(&ev).is_empty());
}

#[test]
fn claims_outside_the_window_are_not_linked() {
    let mut m = Matcher::new(MatcherConfig {
        window: Duration::hours(24),
        ..MatcherConfig::default()
    });
    m.process(&claim_article("a1"), t(0));
    let ev = m.process(&denial_article("a2"), t(48));
    assert!(denials(&ev)[0].refutes.is_empty());
    assert_eq!(m.sizes().0, 0);
}

#[test]
fn remembered_claims_are_linked() {
    let mut other = Matcher::new(MatcherConfig::default());
    let c = claims(&other.process(&claim_article("a1"), t(0)))[0].clone();
    let mut m = Matcher::new(MatcherConfig::default());
    m.remember(&c);
    m.remember(&c);
    assert_eq!(m.sizes().0, 1);
    let ev = m.process(&denial_article("a2"), t(1));
    assert_eq!(denials(&ev)[0].refutes[0].claim_id, c.id);
}

#[test]
fn a_remembered_denial_is_linked_to_a_late_claim() {
    let mut other = Matcher::new(MatcherConfig::default());
    let d = denials(&other.process(&denial_article("a2"), t(0)))[0].clone();
    let mut m = Matcher::new(MatcherConfig::default());
    m.remember_denial(&d);
    m.remember_denial(&d);
    assert_eq!(m.sizes().1, 1);
    let ev = m.process(&claim_article("a1"), t(2));
    let c = claims(&ev)[0].clone();
    let re = denials(&ev);
    assert_eq!(re.len(), 1);
    assert_eq!(re[0].id, d.id);
    assert_eq!(re[0].refutes[0].claim_id, c.id);
}

#[test]
fn a_paraphrased_denial_links_across_articles() {
    let claim_text = "The Harbour Gazette reported that finance minister Oren Lask resigned after a row over the Maralto budget.";
    let claim = article(
        "g1",
        claim_text,
        &[S {
            speaker: Some((
                "The Harbour Gazette",
                "Harbour Gazette",
                PartyType::MediaOutlet,
            )),
            cue: "reported",
            class: CueClass::Report,
            content: "finance minister Oren Lask resigned after a row over the Maralto budget",
        }],
    );
    let denial_text =
        "The finance ministry said Lask had not resigned and called the reports false.";
    let denial = article(
        "g2",
        denial_text,
        &[S {
            speaker: Some((
                "The finance ministry",
                "finance ministry",
                PartyType::Government,
            )),
            cue: "said",
            class: CueClass::Assert,
            content: "Lask had not resigned and called the reports false",
        }],
    );
    let unrelated_text =
        "The Harbour Gazette reported that the Maralto ferry will run twice a day from June.";
    let unrelated = article(
        "g3",
        unrelated_text,
        &[S {
            speaker: Some((
                "The Harbour Gazette",
                "Harbour Gazette",
                PartyType::MediaOutlet,
            )),
            cue: "reported",
            class: CueClass::Report,
            content: "the Maralto ferry will run twice a day from June",
        }],
    );
    let mut m = Matcher::new(MatcherConfig::default());
    let c = claims(&m.process(&claim, t(0)))[0].clone();
    let other = claims(&m.process(&unrelated, t(1)))[0].clone();
    let ev = m.process(&denial, t(2));
    let d = denials(&ev)[0];
    assert!(
        d.refutes.iter().any(|r| r.claim_id == c.id),
        "{:?}",
        d.refutes
    );
    assert!(
        !d.refutes.iter().any(|r| r.claim_id == other.id),
        "{:?}",
        d.refutes
    );
}

#[test]
fn a_denial_naming_only_the_claimant_links_across_articles() {
    let mut m = Matcher::new(MatcherConfig::default());
    let c = claims(&m.process(&claim_article("v1"), t(0)))[0].clone();
    let text = "The State Department on Friday rejected Vosk's remarks as false.";
    let denial = article(
        "v2",
        text,
        &[S {
            speaker: Some((
                "The State Department",
                "State Department",
                PartyType::Government,
            )),
            cue: "rejected",
            class: CueClass::Reject,
            content: "Vosk's remarks as false",
        }],
    );
    let ev = m.process(&denial, t(3));
    let d = denials(&ev)[0];
    assert!(
        d.refutes
            .iter()
            .any(|r| r.claim_id == c.id && r.evidence.iter().any(|e| e.contains("Vosk's remarks"))),
        "{:?}",
        d.refutes
    );
    // Someone else's remarks do not link to Vosk's claim.
    let text = "The State Department on Friday rejected Brandt's remarks as false.";
    let other = article(
        "v3",
        text,
        &[S {
            speaker: Some((
                "The State Department",
                "State Department",
                PartyType::Government,
            )),
            cue: "rejected",
            class: CueClass::Reject,
            content: "Brandt's remarks as false",
        }],
    );
    let ev = m.process(&other, t(4));
    assert!(denials(&ev)[0].refutes.is_empty(), "{:?}", denials(&ev)[0]);
}

#[test]
fn a_denial_naming_the_outlet_after_the_noun_links_across_articles() {
    let mut m = Matcher::new(MatcherConfig::default());
    let text = "The Harbin Post reported that Morva Bank will close 40 branches in Selt.";
    let claim = article(
        "h1",
        text,
        &[S {
            speaker: Some(("The Harbin Post", "Harbin Post", PartyType::MediaOutlet)),
            cue: "reported",
            class: CueClass::Report,
            content: "Morva Bank will close 40 branches in Selt",
        }],
    );
    let c = claims(&m.process(&claim, t(0)))[0].clone();
    let text = "A bank spokeswoman denied a report by the Harbin Post on Friday.";
    let denial = article(
        "h2",
        text,
        &[S {
            speaker: Some((
                "A bank spokeswoman",
                "a bank spokeswoman",
                PartyType::Person,
            )),
            cue: "denied",
            class: CueClass::Deny,
            content: "a report by the Harbin Post on Friday",
        }],
    );
    let ev = m.process(&denial, t(2));
    let d = denials(&ev)[0];
    assert!(
        d.refutes.iter().any(|r| r.claim_id == c.id),
        "{:?}",
        d.refutes
    );
}
