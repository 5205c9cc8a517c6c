//! Unit tests of the per-article decisions, on fixture sentences written for
//! them (not taken from any corpus).

use super::*;
use claimwatch_shared::events::{Cue, QuoteKind};

/// A statement over `text`: the speaker mention, cue and content are given
/// as substrings (the first occurrence at or after the previous part).
pub(crate) struct S<'a> {
    pub speaker: Option<(&'a str, &'a str, PartyType)>,
    pub cue: &'a str,
    pub class: CueClass,
    pub content: &'a str,
}

pub(crate) fn build(text: &str, parts: &[S<'_>]) -> Vec<Statement> {
    let sents = sentences(text);
    let mut out = Vec::new();
    for (n, p) in parts.iter().enumerate() {
        let find = |needle: &str, from: usize| -> Span {
            let i = text[from..]
                .find(needle)
                .map(|i| i + from)
                .or_else(|| text.find(needle))
                .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
            Span::of(text, i, i + needle.len())
        };
        // The cue and content are looked for after the speaker mention, so
        // that a second "said" finds its own statement.
        let mention = p
            .speaker
            .and_then(|(m, _, _)| (!m.is_empty()).then(|| find(m, 0)));
        let from = mention.as_ref().map(|m| m.start).unwrap_or(0);
        let cue = find(p.cue, from);
        let content = (!p.content.is_empty()).then(|| find(p.content, from));
        let speaker = p.speaker.map(|(_, name, kind)| Speaker {
            span: mention.clone(),
            name: name.to_string(),
            role: None,
            organisation: None,
            kind,
        });
        let lo = [Some(cue.start), content.as_ref().map(|c| c.start)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(0);
        let hi = [Some(cue.end), content.as_ref().map(|c| c.end)]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
        let s0 = sents
            .iter()
            .find(|s| s.0 <= lo && lo < s.1)
            .map(|s| s.0)
            .unwrap_or(lo);
        let s1 = sents
            .iter()
            .find(|s| s.0 < hi && hi <= s.1)
            .map(|s| s.1)
            .unwrap_or(hi);
        out.push(Statement {
            id: format!("s{}", n + 1),
            speaker,
            cue: Some(Cue {
                lemma: p.cue.to_lowercase(),
                span: cue,
                class: p.class,
            }),
            content,
            kind: QuoteKind::Indirect,
            sentence: Span::of(text, s0, s1),
        });
    }
    out
}

fn claim_ids(d: &Decisions) -> Vec<&str> {
    d.claims.iter().map(|c| c.statement.as_str()).collect()
}

fn denial_ids(d: &Decisions) -> Vec<&str> {
    d.denials.iter().map(|c| c.statement.as_str()).collect()
}

const GOV: PartyType = PartyType::Government;
const PERSON: PartyType = PartyType::Person;

#[test]
fn distancing_cue_makes_a_claim_and_plain_attribution_does_not() {
    let text = "The mayor of Brellin claimed that the harbour had been sold to a foreign fund. \
                Police said the coastal road reopened on Friday.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("The mayor of Brellin", "mayor of Brellin", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "the harbour had been sold to a foreign fund",
            },
            S {
                speaker: Some(("Police", "Police", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "the coastal road reopened on Friday",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1"]);
    assert!(d.denials.is_empty());
    assert!(d.claims[0]
        .signals
        .iter()
        .any(|s| s.name.starts_with("cue:claim")));
}

#[test]
fn flags_anonymous_sources_and_outlets_make_claims() {
    let text = "A source close to the club said the coach would resign within days. \
                The striker said he had been offered a contract, a claim that could not be independently verified. \
                According to a report in the Harbour Gazette, the plant will close in March.";
    let st = build(
        text,
        &[
            S {
                speaker: Some((
                    "A source close to the club",
                    "a source close to the club",
                    PartyType::AnonymousSource,
                )),
                cue: "said",
                class: CueClass::Assert,
                content: "the coach would resign within days",
            },
            S {
                speaker: Some(("The striker", "The striker", PERSON)),
                cue: "said",
                class: CueClass::Assert,
                content: "he had been offered a contract",
            },
            S {
                speaker: Some((
                    "a report in the Harbour Gazette",
                    "Harbour Gazette",
                    PartyType::MediaOutlet,
                )),
                cue: "According to",
                class: CueClass::Report,
                content: "the plant will close in March",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1", "s2", "s3"]);
}

#[test]
fn denial_links_to_the_claim_by_reference() {
    let text = "Opposition leader Tarek Vosk alleged that the Interior Ministry had wiretapped judges in Maralto. \
                The Interior Ministry rejected Vosk's allegations, calling them baseless.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("Opposition leader Tarek Vosk", "Tarek Vosk", PERSON)),
                cue: "alleged",
                class: CueClass::Claim,
                content: "the Interior Ministry had wiretapped judges in Maralto",
            },
            S {
                speaker: Some(("The Interior Ministry", "Interior Ministry", GOV)),
                cue: "rejected",
                class: CueClass::Reject,
                content: "Vosk's allegations, calling them baseless",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1"]);
    assert_eq!(denial_ids(&d), ["s2"]);
    let den = &d.denials[0];
    assert!(den.official);
    assert_eq!(den.denier_type, PartyType::Government);
    assert_eq!(den.refutes.len(), 1);
    assert_eq!(den.refutes[0].statement, "s1");
    assert!(den.refutes[0].evidence.iter().any(|e| e.contains("Vosk")));
}

#[test]
fn a_denial_by_content_phrase_counts() {
    let text = "Several websites reported that the singer Lina Marr had cancelled her tour. \
                \"That is completely false, the tour goes ahead,\" her publicist Dov Heller said.";
    let st = build(
        text,
        &[
            S {
                speaker: Some((
                    "Several websites",
                    "Several websites",
                    PartyType::MediaOutlet,
                )),
                cue: "reported",
                class: CueClass::Report,
                content: "the singer Lina Marr had cancelled her tour",
            },
            S {
                speaker: Some(("her publicist Dov Heller", "Dov Heller", PERSON)),
                cue: "said",
                class: CueClass::Assert,
                content: "That is completely false, the tour goes ahead,",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1"]);
    assert_eq!(denial_ids(&d), ["s2"]);
    assert_eq!(d.denials[0].refutes[0].statement, "s1");
}

#[test]
fn a_plain_statement_denied_later_becomes_a_claim() {
    let text = "Local officials said that a drone strike destroyed a school in Vettra village. \
                The army denied that any strike hit a school in Vettra.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("Local officials", "Local officials", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "a drone strike destroyed a school in Vettra village",
            },
            S {
                speaker: Some(("The army", "The army", PartyType::Military)),
                cue: "denied",
                class: CueClass::Deny,
                content: "any strike hit a school in Vettra",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1"]);
    assert!(d.claims[0].signals.iter().any(|s| s.name == "denied-later"));
    assert_eq!(d.denials[0].refutes[0].statement, "s1");
    assert_eq!(d.denials[0].denier_type, PartyType::Military);
}

#[test]
fn embedded_claim_in_a_denial() {
    let text = "The ministry denied reports that the finance minister Oren Lask had resigned over the budget.";
    let st = build(
        text,
        &[S {
            speaker: Some(("The ministry", "The ministry", GOV)),
            cue: "denied",
            class: CueClass::Deny,
            content: "reports that the finance minister Oren Lask had resigned over the budget",
        }],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"]);
    assert_eq!(claim_ids(&d), ["s1"]);
    let span = d.claims[0].span.as_ref().map(|s| s.text.as_str());
    assert_eq!(
        span,
        Some("the finance minister Oren Lask had resigned over the budget")
    );
    assert_eq!(d.denials[0].refutes[0].statement, "s1");
}

fn one(text: &str, speaker: &str, cue: &str, content: &str) -> Decisions {
    let st = build(
        text,
        &[S {
            speaker: Some((speaker, speaker, PartyType::Government)),
            cue,
            class: CueClass::Deny,
            content,
        }],
    );
    decide(text, &st)
}

#[test]
fn traps_are_not_denials() {
    let cases = [
        (
            "The court denied bail to the two men.",
            "The court",
            "denied",
            "bail to the two men",
        ),
        (
            "The board rejected a bid from Kestrel Holdings.",
            "The board",
            "rejected",
            "a bid from Kestrel Holdings",
        ),
        (
            "The club turned down an offer for its striker.",
            "The club",
            "turned down",
            "an offer for its striker",
        ),
        (
            "The ministry refused to comment on the report.",
            "The ministry",
            "refused to comment",
            "on the report",
        ),
        (
            "The embassy declined to comment on the allegations.",
            "The embassy",
            "declined to comment",
            "on the allegations",
        ),
        (
            "The firm dismissed 200 staff last month.",
            "The firm",
            "dismissed",
            "200 staff last month",
        ),
        (
            "The minister will deny the claims in parliament.",
            "The minister",
            "deny",
            "the claims in parliament",
        ),
        (
            "Analysts said oil price declines were slowing.",
            "Analysts",
            "said",
            "oil price declines were slowing",
        ),
        (
            "The company said it does not comment on rumours.",
            "The company",
            "said",
            "it does not comment on rumours",
        ),
        (
            "The mayor was dismissed after the audit.",
            "The mayor",
            "dismissed",
            "after the audit",
        ),
        (
            "The council rejected a media request to open the file.",
            "The council",
            "rejected",
            "a media request to open the file",
        ),
        (
            "The minister dismissed the striker as too slow.",
            "The minister",
            "dismissed",
            "the striker as too slow",
        ),
        (
            "The palace won't say if the prince was told not to travel.",
            "The palace",
            "won't say",
            "if the prince was told not to travel",
        ),
        (
            "The regulator said it could not confirm the reports.",
            "The regulator",
            "said",
            "it could not confirm the reports",
        ),
        (
            "The mayor refused to confirm or deny reports that she will resign.",
            "The mayor",
            "deny",
            "reports that she will resign",
        ),
        (
            "Minister refuses to deny report of cabinet reshuffle",
            "Minister",
            "deny",
            "report of cabinet reshuffle",
        ),
        (
            "The measure was rejected by voters in Dalsby.",
            "voters",
            "rejected",
            "in Dalsby",
        ),
        (
            "Bail was denied by the judge on Friday.",
            "the judge",
            "denied",
            "on Friday",
        ),
        (
            "The committee rejected a Channel Nine News proposal for a debate.",
            "The committee",
            "rejected",
            "a Channel Nine News proposal for a debate",
        ),
        (
            "Analysts said the figures gave a false sense of security.",
            "Analysts",
            "said",
            "the figures gave a false sense of security",
        ),
        (
            "Police said border guards found false passports in the truck.",
            "Police",
            "said",
            "border guards found false passports in the truck",
        ),
        (
            "Pollsters said most voters had made up their minds.",
            "Pollsters",
            "said",
            "most voters had made up their minds",
        ),
        (
            "The senator blasted the governor over the idea of a new tax.",
            "The senator",
            "blasted",
            "the governor over the idea of a new tax",
        ),
        (
            "Governor Says No To Third Debate In Velta",
            "Governor",
            "Says",
            "No To Third Debate In Velta",
        ),
        (
            "Marchers in Velta chant: Hands up, don't shoot",
            "Marchers in Velta",
            "chant",
            "Hands up, don't shoot",
        ),
        (
            "The coach slammed the referee after the match.",
            "The coach",
            "slammed",
            "the referee after the match",
        ),
    ];
    for (text, speaker, cue, content) in cases {
        let d = one(text, speaker, cue, content);
        assert!(d.denials.is_empty(), "trap taken as a denial: {text}");
    }
}

#[test]
fn denial_phrases_without_a_denial_verb() {
    let cases = [
        (
            "The ministry said the meeting never took place.",
            "The ministry",
            "said",
            "the meeting never took place",
        ),
        (
            "The company said it was not in talks with Halvard.",
            "The company",
            "said",
            "it was not in talks with Halvard",
        ),
        (
            "The palace said the story was fake news.",
            "The palace",
            "said",
            "the story was fake news",
        ),
        (
            "The agency categorically denied the accusation.",
            "The agency",
            "denied",
            "the accusation",
        ),
        (
            "The ministry dismissed the reports as baseless.",
            "The ministry",
            "dismissed",
            "the reports as baseless",
        ),
        (
            "The allegation was denied by the embassy.",
            "the embassy",
            "denied",
            "The allegation",
        ),
        (
            "The club said the reports were not true.",
            "The club",
            "said",
            "the reports were not true",
        ),
    ];
    for (text, speaker, cue, content) in cases {
        let d = one(text, speaker, cue, content);
        assert_eq!(d.denials.len(), 1, "missed denial: {text}");
        assert!(d.denials[0].score >= DENIAL_THRESHOLD);
        assert!(!d.denials[0].signals.is_empty());
    }
}

#[test]
fn negated_denial_phrase_is_not_a_denial() {
    let d = one(
        "The spokesman said he would not call the account false.",
        "The spokesman",
        "said",
        "he would not call the account false",
    );
    assert!(d.denials.is_empty());
}

#[test]
fn anonymous_denier_is_not_official() {
    let text = "A tabloid reported that the actor Remy Sole had split from his wife. \
                A source close to the couple said the report was untrue.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("A tabloid", "A tabloid", PartyType::MediaOutlet)),
                cue: "reported",
                class: CueClass::Report,
                content: "the actor Remy Sole had split from his wife",
            },
            S {
                speaker: Some((
                    "A source close to the couple",
                    "a source close to the couple",
                    PartyType::AnonymousSource,
                )),
                cue: "said",
                class: CueClass::Assert,
                content: "the report was untrue",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s2"]);
    assert!(!d.denials[0].official);
    assert_eq!(claim_ids(&d), ["s1"]);
}

#[test]
fn the_same_party_repeating_a_denial_is_one_denial() {
    let text = "Kestrel Airways denied reports that it would cut 3,000 pilot jobs. \
                \"These reports are baseless,\" Kestrel Airways said.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("Kestrel Airways", "Kestrel Airways", PartyType::Company)),
                cue: "denied",
                class: CueClass::Deny,
                content: "reports that it would cut 3,000 pilot jobs",
            },
            S {
                speaker: Some((
                    "Kestrel Airways said",
                    "Kestrel Airways",
                    PartyType::Company,
                )),
                cue: "said",
                class: CueClass::Assert,
                content: "These reports are baseless,",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"]);
    assert_eq!(d.denials[0].also, ["s2"]);
}

#[test]
fn headline_denial_is_kept_apart_and_linked() {
    let text = "Ministry denies claims of secret arms deal\n\n\
                Opposition MP Rana Feld claimed the government signed a secret arms deal with Osterland. \
                The defence ministry denied that any arms deal with Osterland existed.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("Ministry", "Ministry", GOV)),
                cue: "denies",
                class: CueClass::Deny,
                content: "claims of secret arms deal",
            },
            S {
                speaker: Some(("Opposition MP Rana Feld", "Rana Feld", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "the government signed a secret arms deal with Osterland",
            },
            S {
                speaker: Some(("The defence ministry", "defence ministry", GOV)),
                cue: "denied",
                class: CueClass::Deny,
                content: "any arms deal with Osterland existed",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1", "s3"]);
    assert_eq!(claim_ids(&d), ["s2"]);
    for den in &d.denials {
        assert_eq!(den.refutes[0].statement, "s2", "{den:?}");
    }
}

#[test]
fn a_negated_headline_is_a_flat_denial() {
    let text = "Aid worker not kidnapped in Dovar, ministry says";
    let d = one(
        text,
        "ministry",
        "says",
        "Aid worker not kidnapped in Dovar",
    );
    assert_eq!(d.denials.len(), 1);
    // The same words in a body sentence need more than a negation.
    let body = "The report appeared on Monday.\nOn Tuesday the ministry says an aid worker was not in Dovar.";
    let st = build(
        body,
        &[S {
            speaker: Some(("the ministry", "the ministry", GOV)),
            cue: "says",
            class: CueClass::Assert,
            content: "an aid worker was not in Dovar",
        }],
    );
    let d = decide(body, &st);
    assert!(d.denials.is_empty(), "{d:?}");
}

#[test]
fn a_noun_is_not_a_distancing_cue() {
    let text = "Despite the claims, the harbour remained open on Sunday.";
    let st = build(
        text,
        &[S {
            speaker: Some(("Despite the", "Despite the", PartyType::Unknown)),
            cue: "claims",
            class: CueClass::Claim,
            content: "the harbour remained open on Sunday",
        }],
    );
    assert!(decide(text, &st).claims.is_empty());
}

#[test]
fn agentless_hedges_are_claims_and_agentless_fragments_are_not() {
    let text = "It had been claimed that the port would close. \
                Asked about the unconfirmed reports later, the mayor smiled.";
    let mut st = build(
        text,
        &[
            S {
                speaker: None,
                cue: "had been claimed",
                class: CueClass::Claim,
                content: "the port would close",
            },
            S {
                speaker: None,
                cue: "Asked",
                class: CueClass::Assert,
                content: "about the unconfirmed reports later",
            },
        ],
    );
    st.iter_mut().for_each(|s| s.speaker = None);
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1"]);
}

#[test]
fn denials_given_to_different_outlets_are_separate_and_share_the_claim() {
    let text = "The Valen Courier reported that Kestrel Airways would sell its cargo arm. \
                \"There is no truth in this report,\" a spokeswoman for Kestrel Airways told the Courier. \
                \"This is simply untrue,\" a spokesman for Kestrel Airways in Oslo told Nordic Radio.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("The Valen Courier", "Valen Courier", PartyType::MediaOutlet)),
                cue: "reported",
                class: CueClass::Report,
                content: "Kestrel Airways would sell its cargo arm",
            },
            S {
                speaker: Some(("a spokeswoman for Kestrel Airways", "a spokeswoman", PERSON)),
                cue: "told",
                class: CueClass::Assert,
                content: "There is no truth in this report,",
            },
            S {
                speaker: Some((
                    "a spokesman for Kestrel Airways in Oslo",
                    "a spokesman",
                    PERSON,
                )),
                cue: "told",
                class: CueClass::Assert,
                content: "This is simply untrue,",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1"]);
    assert_eq!(denial_ids(&d), ["s2", "s3"]);
    for den in &d.denials {
        assert_eq!(den.refutes[0].statement, "s1", "{den:?}");
    }
}

#[test]
fn statements_with_spans_outside_the_text_are_ignored() {
    let text = "The ministry denied the reports. Café owners said the reports were false.";
    let mut st = build(
        text,
        &[S {
            speaker: Some(("The ministry", "The ministry", GOV)),
            cue: "denied",
            class: CueClass::Deny,
            content: "the reports",
        }],
    );
    let mut bad = st[0].clone();
    bad.id = "s2".into();
    bad.content = Some(Span {
        start: 34,
        end: 500,
        text: String::new(),
    });
    st.push(bad);
    let mut split = st[0].clone();
    split.id = "s3".into();
    // Inside the two bytes of "é".
    split.sentence = Span {
        start: 37,
        end: 40,
        text: String::new(),
    };
    st.push(split);
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"]);
    assert!(d.denials[0].also.is_empty(), "{:?}", d.denials[0].also);
}

#[test]
fn a_quote_inside_a_denial_is_not_a_second_denial() {
    let text = "The ministry said the meeting in which Vosk said he was thanked never took place.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("The ministry", "The ministry", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "the meeting in which Vosk said he was thanked never took place",
            },
            S {
                speaker: Some(("Vosk", "Tarek Vosk", PERSON)),
                cue: "said he",
                class: CueClass::Assert,
                content: "he was thanked never took place",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"]);
    assert!(d.denials[0].also.is_empty());
}

#[test]
fn a_quote_before_the_speaker_is_the_content_when_the_parse_took_the_addressee() {
    let text = "Corvel Mining said there was no basis to a Harbin Post report that it would close its Tamsa pit. \
                \"That is simply not true,\" a spokesman for Corvel Mining in Lund told Radio Nord.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("Corvel Mining", "Corvel Mining", PartyType::Company)),
                cue: "said",
                class: CueClass::Assert,
                content:
                    "there was no basis to a Harbin Post report that it would close its Tamsa pit",
            },
            S {
                speaker: Some((
                    "a spokesman for Corvel Mining in Lund",
                    "a spokesman",
                    PERSON,
                )),
                cue: "told",
                class: CueClass::Assert,
                content: "Radio Nord",
            },
        ],
    );
    let d = decide(text, &st);
    // The same company's spokesman repeating the denial: one act, with s2
    // among its statements.
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
    assert_eq!(d.denials[0].also, ["s2"], "{d:?}");
    // An addressee after "told" with no quotation before it stays content.
    let plain = "A spokesman told Radio Nord.";
    let st = build(
        plain,
        &[S {
            speaker: Some(("A spokesman", "a spokesman", PERSON)),
            cue: "told",
            class: CueClass::Assert,
            content: "Radio Nord",
        }],
    );
    assert!(decide(plain, &st).denials.is_empty());
}

#[test]
fn a_headline_denial_verb_outside_the_parsed_cue_counts() {
    // The parse swallowed the verb into the speaker.
    let text = "Officials Refute Media Reports That Tamsa Dam Has Cracked";
    let st = build(
        text,
        &[S {
            speaker: Some(("Officials Refute Media", "Officials", GOV)),
            cue: "Reports",
            class: CueClass::Report,
            content: "That Tamsa Dam Has Cracked",
        }],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
    assert!(d.denials[0]
        .signals
        .iter()
        .any(|s| s.name.starts_with("headline-cue:deny")));
    // A weak verb found that way still needs a claim as its object.
    let text = "Coach Slams Referee After Cup Final, Fans Say";
    let st = build(
        text,
        &[S {
            speaker: Some(("Fans", "Fans", PERSON)),
            cue: "Say",
            class: CueClass::Assert,
            content: "Coach Slams Referee After Cup Final",
        }],
    );
    assert!(decide(text, &st).denials.is_empty());
}

#[test]
fn a_weak_verb_with_a_claim_as_its_object_denies() {
    let text = "Singer Mara Velt slams rumours that she quit her band";
    let d = one(
        text,
        "Singer Mara Velt",
        "slams",
        "rumours that she quit her band",
    );
    assert_eq!(d.denials.len(), 1, "{d:?}");
    assert!(d.denials[0]
        .signals
        .iter()
        .any(|s| s.name == "object:claim"));
    let body =
        "The vote was on Monday.\nThe minister slammed the reports as politically motivated.";
    let st = build(
        body,
        &[S {
            speaker: Some(("The minister", "The minister", GOV)),
            cue: "slammed",
            class: CueClass::Assert,
            content: "the reports as politically motivated",
        }],
    );
    assert_eq!(decide(body, &st).denials.len(), 1);
}

#[test]
fn a_flat_no_is_a_denial() {
    // Headline parse with speaker and content swapped.
    let text = "Kestrel merger back on? No, says chief executive Ilsa Brand";
    let st = build(
        text,
        &[S {
            speaker: Some(("No", "No", PERSON)),
            cue: "says",
            class: CueClass::Assert,
            content: "chief executive Ilsa Brand",
        }],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
    assert!(d.denials[0]
        .signals
        .iter()
        .any(|s| s.name == "content:flat-no"));
    // In a story, "said no" answers a question.
    let body = "The vote was on Monday.\nAsked whether she would run again, the mayor said no.";
    let st = build(
        body,
        &[S {
            speaker: Some(("the mayor", "the mayor", GOV)),
            cue: "said",
            class: CueClass::Assert,
            content: "no",
        }],
    );
    assert!(decide(body, &st).denials.is_empty());
    // "no" inside a longer content is not a flat denial.
    let body = "The vote was on Monday.\nThe mayor said there was no money left for the bridge.";
    let st = build(
        body,
        &[S {
            speaker: Some(("The mayor", "The mayor", GOV)),
            cue: "said",
            class: CueClass::Assert,
            content: "there was no money left for the bridge",
        }],
    );
    assert!(decide(body, &st).denials.is_empty());
}

#[test]
fn a_denial_word_about_a_claim_noun_denies() {
    let body = "The vote was on Monday.\nThe mayor called the bribery claims absurd.";
    let st = build(
        body,
        &[S {
            speaker: Some(("The mayor", "The mayor", GOV)),
            cue: "called",
            class: CueClass::Assert,
            content: "the bribery claims absurd",
        }],
    );
    let d = decide(body, &st);
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
    assert!(d.denials[0]
        .signals
        .iter()
        .any(|s| s.name == "phrase:about-claim"));
}

/// Three statements: two claims by different parties and one denial; the
/// denial must refute only the claim it points at.
fn links_of(text: &str, parts: &[S<'_>]) -> Vec<String> {
    let st = build(text, parts);
    let d = decide(text, &st);
    assert_eq!(d.denials.len(), 1, "{d:?}");
    d.denials[0]
        .refutes
        .iter()
        .map(|l| l.statement.clone())
        .collect()
}

#[test]
fn a_possessive_reference_beats_the_nearest_claim() {
    let text =
        "Senator Ilya Brandt claimed that the port authority had hidden losses of $40 million. \
                Separately, the Harbin Post reported that the mayor plans to sell the stadium. \
                The port authority rejected Brandt's remarks as false.";
    let links = links_of(
        text,
        &[
            S {
                speaker: Some(("Senator Ilya Brandt", "Ilya Brandt", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "the port authority had hidden losses of $40 million",
            },
            S {
                speaker: Some(("the Harbin Post", "Harbin Post", PartyType::MediaOutlet)),
                cue: "reported",
                class: CueClass::Report,
                content: "the mayor plans to sell the stadium",
            },
            S {
                speaker: Some(("The port authority", "port authority", GOV)),
                cue: "rejected",
                class: CueClass::Reject,
                content: "Brandt's remarks as false",
            },
        ],
    );
    assert_eq!(links, ["s1"]);
}

#[test]
fn such_a_noun_points_at_the_claim_it_names() {
    let text = "Former aide Rolf Keir claimed that the premier phoned the rebel leader last week. \
                The Valen Courier reported, citing unnamed sources, that the army is moving tanks to the border. \
                The premier's office said no such call took place.";
    let links = links_of(
        text,
        &[
            S {
                speaker: Some(("Former aide Rolf Keir", "Rolf Keir", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "the premier phoned the rebel leader last week",
            },
            S {
                speaker: Some(("The Valen Courier", "Valen Courier", PartyType::MediaOutlet)),
                cue: "reported",
                class: CueClass::Report,
                content: "the army is moving tanks to the border",
            },
            S {
                speaker: Some(("The premier's office", "premier's office", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "no such call took place",
            },
        ],
    );
    assert_eq!(links, ["s1"]);
}

#[test]
fn the_report_points_at_the_outlets_claim() {
    let text = "Opposition MP Dana Ruiz alleged that the budget hides a tax rise. \
                The Harbin Post reported that the finance minister will resign next month. \
                The finance ministry said the report was untrue.";
    let links = links_of(
        text,
        &[
            S {
                speaker: Some(("Opposition MP Dana Ruiz", "Dana Ruiz", PERSON)),
                cue: "alleged",
                class: CueClass::Claim,
                content: "the budget hides a tax rise",
            },
            S {
                speaker: Some(("The Harbin Post", "Harbin Post", PartyType::MediaOutlet)),
                cue: "reported",
                class: CueClass::Report,
                content: "the finance minister will resign next month",
            },
            S {
                speaker: Some(("The finance ministry", "finance ministry", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "the report was untrue",
            },
        ],
    );
    assert_eq!(links, ["s2"]);
}

#[test]
fn the_denials_content_picks_the_claim() {
    let text = "Activists claimed that police fired tear gas at students in Korvat. \
                Unverified posts also claimed that the river bridge in Selma had collapsed. \
                The interior ministry denied that police used tear gas in Korvat.";
    let links = links_of(
        text,
        &[
            S {
                speaker: Some(("Activists", "Activists", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "police fired tear gas at students in Korvat",
            },
            S {
                speaker: Some(("Unverified posts", "Unverified posts", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "the river bridge in Selma had collapsed",
            },
            S {
                speaker: Some(("The interior ministry", "interior ministry", GOV)),
                cue: "denied",
                class: CueClass::Deny,
                content: "police used tear gas in Korvat",
            },
        ],
    );
    assert_eq!(links, ["s1"]);
}

#[test]
fn the_claimant_named_in_the_denial_picks_the_claim() {
    let text = "Rival candidate Omar Feld claimed that the governor had bought votes in Dessa. \
                Local bloggers alleged that ballots were burned in Tivo. \
                The governor's spokeswoman said Feld was lying.";
    let links = links_of(
        text,
        &[
            S {
                speaker: Some(("Rival candidate Omar Feld", "Omar Feld", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "the governor had bought votes in Dessa",
            },
            S {
                speaker: Some(("Local bloggers", "Local bloggers", PERSON)),
                cue: "alleged",
                class: CueClass::Claim,
                content: "ballots were burned in Tivo",
            },
            S {
                speaker: Some(("The governor's spokeswoman", "governor's spokeswoman", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "Feld was lying",
            },
        ],
    );
    assert_eq!(links, ["s1"]);
}

#[test]
fn the_addressee_of_a_denial_is_not_the_claimant_it_names() {
    let text = "The Valen Courier reported that Morva Bank will cut 900 jobs. \
                Union leader Ana Ruiz claimed that Morva Bank hid losses in Selt. \
                \"There is no truth in that,\" a bank spokesman told the Valen Courier.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("The Valen Courier", "Valen Courier", PartyType::MediaOutlet)),
                cue: "reported",
                class: CueClass::Report,
                content: "Morva Bank will cut 900 jobs",
            },
            S {
                speaker: Some(("Union leader Ana Ruiz", "Ana Ruiz", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "Morva Bank hid losses in Selt",
            },
            S {
                speaker: Some(("a bank spokesman", "a bank spokesman", PERSON)),
                cue: "told",
                class: CueClass::Assert,
                content: "There is no truth in that,",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s3"], "{d:?}");
    assert!(
        d.denials[0]
            .refutes
            .iter()
            .flat_map(|l| l.evidence.iter())
            .all(|e| !e.starts_with("names the claimant")),
        "{d:?}"
    );
}

#[test]
fn a_denial_adjective_on_a_claim_noun_denies_unless_in_a_prepositional_phrase() {
    let text = "Mayor Ilse Born hits out at fake reports of her resignation, aide says";
    let d = one(
        text,
        "aide",
        "says",
        "Mayor Ilse Born hits out at fake reports of her resignation",
    );
    assert_eq!(d.denials.len(), 1, "{d:?}");
    let text = "The vote was on Monday.\nThe senator said he had absolutely no idea who leaked it.";
    let st = build(
        text,
        &[S {
            speaker: Some(("The senator", "The senator", GOV)),
            cue: "said",
            class: CueClass::Assert,
            content: "he had absolutely no idea who leaked it",
        }],
    );
    assert!(decide(text, &st).denials.is_empty());
    let text = "Senator reportedly wants anchor fired over fabricated war story, aides say";
    let st = build(
        text,
        &[S {
            speaker: Some(("aides", "aides", PERSON)),
            cue: "say",
            class: CueClass::Assert,
            content: "Senator reportedly wants anchor fired over fabricated war story",
        }],
    );
    assert!(decide(text, &st).denials.is_empty());
}

#[test]
fn experts_casting_doubt_on_claims_in_a_headline_deny_them() {
    // The parse took the claim noun for the cue.
    let text = "Blast reported near Velta blamed on meteor, but astronomers cast doubt on claims";
    let st = build(
        text,
        &[S {
            speaker: Some(("cast doubt on", "cast doubt on", PERSON)),
            cue: "claims",
            class: CueClass::Claim,
            content: "Blast reported near Velta blamed on meteor, but astronomers",
        }],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
}

#[test]
fn a_passive_denial_with_an_agent_denies_its_subject_claim() {
    let text = "The reports of a secret deal were denied by the ministry on Friday.";
    let d = one(text, "the ministry", "denied", "on Friday");
    assert_eq!(d.denials.len(), 1, "{d:?}");
}

#[test]
fn a_pronoun_denial_answers_the_claim_just_before_it() {
    let text = "The Valen Courier reported that the Lund ferry line will close in May. \
                \"This is simply untrue,\" the port authority's director Eva Holm said.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("The Valen Courier", "Valen Courier", PartyType::MediaOutlet)),
                cue: "reported",
                class: CueClass::Report,
                content: "the Lund ferry line will close in May",
            },
            S {
                speaker: Some(("the port authority's director Eva Holm", "Eva Holm", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "This is simply untrue,",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s2"], "{d:?}");
    assert_eq!(d.denials[0].refutes.len(), 1, "{d:?}");
    assert_eq!(d.denials[0].refutes[0].statement, "s1");
    assert!(d.denials[0].refutes[0]
        .evidence
        .iter()
        .any(|e| e == "reference: pronoun"));
}

#[test]
fn a_headline_denial_answers_the_claim_in_the_story_below() {
    let text = "Palace says no such call took place\n\n\
                Former aide Ivo Sand claimed that the king had phoned the rebel leader twice.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("Palace", "Palace", GOV)),
                cue: "says",
                class: CueClass::Assert,
                content: "no such call took place",
            },
            S {
                speaker: Some(("Former aide Ivo Sand", "Ivo Sand", PERSON)),
                cue: "claimed",
                class: CueClass::Claim,
                content: "the king had phoned the rebel leader twice",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
    assert_eq!(d.denials[0].refutes.len(), 1, "{d:?}");
    assert_eq!(d.denials[0].refutes[0].statement, "s2");
}

#[test]
fn sources_cited_as_the_content_make_a_claim() {
    let text = "The Harbin Post reported on Monday, citing people familiar with the matter, \
                that Morva Bank will close 40 branches.";
    let st = build(
        text,
        &[S {
            speaker: Some(("The Harbin Post", "Harbin Post", PERSON)),
            cue: "citing",
            class: CueClass::Assert,
            content: "people familiar with the matter, that Morva Bank will close 40 branches",
        }],
    );
    let d = decide(text, &st);
    assert_eq!(claim_ids(&d), ["s1"], "{d:?}");
    // A fragment naming only the sources is no claim.
    let text = "Citing people familiar with the matter, the Harbin Post said the bank will close.";
    let st = build(
        text,
        &[S {
            speaker: Some(("the Harbin Post", "Harbin Post", PERSON)),
            cue: "Citing",
            class: CueClass::Assert,
            content: "people familiar with the matter",
        }],
    );
    assert!(decide(text, &st).claims.is_empty());
}

#[test]
fn the_speakers_own_statement_is_not_an_embedded_claim() {
    let text = "The band's label said in a statement that the rumours were untrue.";
    let st = build(
        text,
        &[S {
            speaker: Some(("The band's label", "The band's label", PartyType::Company)),
            cue: "said",
            class: CueClass::Assert,
            content: "in a statement that the rumours were untrue",
        }],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
    assert!(d.claims.is_empty(), "{d:?}");
}

#[test]
fn a_denial_in_a_first_predicate_of_the_speaker_counts() {
    let text = "Rebels said a missile struck the hospital in Dorval. \
                The ministry spokesman, Colonel Ilya Dorn, called the allegation a lie and said the missile hit a warehouse.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("Rebels", "Rebels", PERSON)),
                cue: "said",
                class: CueClass::Assert,
                content: "a missile struck the hospital in Dorval",
            },
            S {
                speaker: Some(("The ministry spokesman", "Ilya Dorn", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content: "the missile hit a warehouse",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s2"], "{d:?}");
    assert!(d.denials[0]
        .signals
        .iter()
        .any(|s| s.name == "predicate:deny"));
    // A procedural first predicate is not a denial.
    let text =
        "The vote was on Monday.\nThe court rejected the appeal and said the hearing would resume.";
    let st = build(
        text,
        &[S {
            speaker: Some(("The court", "The court", GOV)),
            cue: "said",
            class: CueClass::Assert,
            content: "the hearing would resume",
        }],
    );
    assert!(decide(text, &st).denials.is_empty());
}

#[test]
fn a_reference_to_an_act_the_claim_does_not_name_is_no_link() {
    let text = "A former employee alleged that Kestrel Foods had falsified safety records. \
                The company said the meeting with regulators did not occur.";
    let st = build(
        text,
        &[
            S {
                speaker: Some(("A former employee", "A former employee", PERSON)),
                cue: "alleged",
                class: CueClass::Claim,
                content: "Kestrel Foods had falsified safety records",
            },
            S {
                speaker: Some(("The company", "The company", PartyType::Company)),
                cue: "said",
                class: CueClass::Assert,
                content: "the meeting with regulators did not occur",
            },
        ],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s2"], "{d:?}");
    assert!(
        d.denials[0]
            .refutes
            .iter()
            .flat_map(|l| l.evidence.iter())
            .all(|e| !e.starts_with("reference: meeting")),
        "{d:?}"
    );
}

#[test]
fn legal_and_quote_denials_count() {
    for (text, content) in [
        (
            "The vote was on Monday.\nThe firm said the allegations were without merit.",
            "the allegations were without merit",
        ),
        (
            "The vote was on Monday.\nThe minister said: I never said that.",
            "I never said that",
        ),
        (
            "The vote was on Monday.\nThe ministry said the meeting did not occur.",
            "the meeting did not occur",
        ),
    ] {
        let st = build(
            text,
            &[S {
                speaker: Some(("The", "The speaker", GOV)),
                cue: "said",
                class: CueClass::Assert,
                content,
            }],
        );
        assert_eq!(decide(text, &st).denials.len(), 1, "{text}");
    }
}

#[test]
fn a_denial_adjective_before_a_modified_claim_noun_counts() {
    let text = "Director Ana Holt responds to fake stolen car report";
    let st = build(
        text,
        &[S {
            speaker: Some(("Director Ana Holt", "Ana Holt", PERSON)),
            cue: "responds",
            class: CueClass::Assert,
            content: "to fake stolen car report",
        }],
    );
    let d = decide(text, &st);
    assert_eq!(denial_ids(&d), ["s1"], "{d:?}");
}

/// The parser's statements and the decisions over them.
fn parsed(text: &str) -> (Vec<Statement>, Decisions) {
    let st = claimwatch_parser::extract_statements(text);
    let d = decide(text, &st);
    (st, d)
}

/// The cue text of each claim.
fn claim_cues(st: &[Statement], d: &Decisions) -> Vec<String> {
    d.claims
        .iter()
        .filter_map(|c| st.iter().find(|s| s.id == c.statement))
        .filter_map(|s| s.cue.as_ref().map(|c| c.span.text.clone()))
        .collect()
}

#[test]
fn impersonal_passives_and_hearsay_nouns_are_claims() {
    for (text, cue) in [
        (
            "It had been claimed that the brewer was preparing a rival offer.",
            "It had been claimed",
        ),
        (
            "It is alleged that the mayor took payments from a paving firm.",
            "It is alleged",
        ),
        (
            "It was reported that the striker had agreed terms with the club.",
            "It was reported",
        ),
        (
            "The minister is said to have met the envoy twice in March.",
            "is said",
        ),
        (
            "The singer was rumoured to be leaving the band after the tour.",
            "was rumoured",
        ),
        (
            "Speculation that the airline would cut its routes grew on Monday.",
            "Speculation",
        ),
        (
            "Shares rose after reports that the grocer was in talks with a buyer.",
            "reports",
        ),
        (
            "Rumours erupted that the coach had quit after the final.",
            "Rumours erupted",
        ),
        (
            "The pair reportedly held talks in Geneva last week.",
            "reportedly",
        ),
    ] {
        let (st, d) = parsed(text);
        assert_eq!(claim_cues(&st, &d), [cue], "{text}: {st:#?}");
    }
    // "News that X" is often plain fact: a claim only once it is denied.
    let (st, d) = parsed("The news that the bakery had closed saddened the town.");
    assert!(d.claims.is_empty(), "{st:#?}");
    let text = "The news that the bakery had closed saddened the town. \
                \"All the reports are false,\" the owner said.";
    let (st, d) = parsed(text);
    assert_eq!(claim_cues(&st, &d), ["news"], "{st:#?}");
    assert_eq!(d.denials.len(), 1);
    assert_eq!(d.denials[0].refutes[0].statement, d.claims[0].statement);
}

#[test]
fn a_denial_answers_a_claim_about_the_denier() {
    let text = "Halvard Shipping said on Tuesday it was not in merger talks. \
                This followed speculation that Halvard was a target for a rival line.";
    let (st, d) = parsed(text);
    assert_eq!(claim_cues(&st, &d), ["speculation"], "{st:#?}");
    assert_eq!(d.denials.len(), 1, "{st:#?}");
    assert_eq!(d.denials[0].refutes.len(), 1, "{:#?}", d.denials);
    assert_eq!(d.denials[0].refutes[0].statement, d.claims[0].statement);
}

#[test]
fn confirmed_negations_and_no_plans_deny() {
    for text in [
        "\"We can confirm that the engineer is neither an employee nor a contractor of the firm,\" \
         a company spokeswoman said.",
        "The company said there are no plans to close the plant.",
        "The council has no plans to sell the park, a spokesman said.",
        "A spokesman told the paper: \"I am happy to confirm we are not in merger talks.\"",
    ] {
        let (st, d) = parsed(text);
        assert_eq!(d.denials.len(), 1, "{text}: {st:#?}");
        assert!(d.denials[0].official, "{text}");
    }
    // Not confirming, or a confirmation of something negative in passing,
    // is no denial.
    for text in [
        "\"We can neither confirm nor deny that the engineer works here,\" a spokeswoman said.",
        "The spokeswoman confirmed that the plant will close in May.",
        "The registry confirmed that the charity is not registered in the state.",
    ] {
        let (st, d) = parsed(text);
        assert!(d.denials.is_empty(), "{text}: {st:#?}");
    }
}

#[test]
fn a_follow_up_by_the_claimant_continues_the_claim() {
    let text = "The colonel claimed that the convoy had been ambushed near the border. \
                He went on to say that two drones had shadowed the trucks. \
                Officials said the road was quiet.";
    let (st, d) = parsed(text);
    assert_eq!(
        claim_cues(&st, &d),
        ["claimed", "went on to say"],
        "{st:#?}"
    );
    // "Added" continues only right after the claim.
    let text = "The colonel claimed that the convoy had been ambushed near the border. \
                The ministry published its figures on Monday. \
                Prices of fuel rose again in the capital. \
                The colonel added that the weather had been fine all week.";
    let (st, d) = parsed(text);
    assert_eq!(claim_cues(&st, &d), ["claimed"], "{st:#?}");
    let text = "The colonel claimed that the convoy had been ambushed near the border. \
                He added that two drones had shadowed the trucks.";
    let (st, d) = parsed(text);
    assert_eq!(claim_cues(&st, &d), ["claimed", "added"], "{st:#?}");
}

#[test]
fn company_words_type_an_unknown_speaker_as_a_company() {
    let text = "Nordvik Shipping denied the report.";
    let sp = Speaker {
        span: Some(Span::of(text, 0, 16)),
        name: "Nordvik Shipping".into(),
        role: None,
        organisation: None,
        kind: PartyType::Unknown,
    };
    assert_eq!(party_type(text, &sp), PartyType::Company);
    let sp = Speaker {
        name: "Anna Lind".into(),
        span: Some(Span::of(text, 0, 7)),
        ..sp
    };
    assert_eq!(party_type(text, &sp), PartyType::Person);
}
