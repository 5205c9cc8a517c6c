//! Tests for the second round of speaker rules, with invented sentences.

use super::*;

fn one<'a>(stmts: &'a [Statement], cue: &str) -> &'a Statement {
    stmts
        .iter()
        .find(|s| s.cue.as_ref().is_some_and(|c| c.span.text == cue))
        .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {stmts:#?}"))
}

fn speaker(s: &Statement) -> &str {
    s.speaker
        .as_ref()
        .and_then(|sp| sp.span.as_ref())
        .map_or("", |x| x.text.as_str())
}

#[test]
fn a_participle_takes_the_subject_of_the_nearest_clause() {
    let text = "Ferry fares rose again in March, and the harbor union has filed a complaint, \
                saying the increase breaks the contract.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "saying")), "the harbor union");
    let text = "The council voted late on Monday, as Mayor Lena Ortiz defended the budget, \
                arguing that the parks needed the money.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "arguing")), "Mayor Lena Ortiz");
}

#[test]
fn a_gerund_after_a_preposition_takes_the_nearest_clause_subject() {
    let text = "Although the vote was close, Senator Mira Holt won the seat by promising \
                to repair every bridge in the county.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "promising")), "Senator Mira Holt");
}

#[test]
fn adverbs_and_contractions_before_the_verb_are_not_the_speaker() {
    let text = "The harbor master, who's argued that the pier is sinking, spoke on Friday.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "argued")), "who");
    let text = "Port officials have in the past said the ferry would stay.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "said")), "Port officials");
    let text = "The mayor seldom argued that the budget was fine.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "argued")), "The mayor");
}

#[test]
fn a_coordinated_cue_takes_the_subject_of_the_nearest_clause() {
    let text = "Likewise, Governor Ada Brandt went after the shipping lobby and called for \
                a ban on night flights.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "called")), "Governor Ada Brandt");
}

#[test]
fn a_verb_after_a_relative_clause_with_a_cue_takes_its_head() {
    let text = "Mayor Dana Whitlow, who praised the ferry plan in May, offered her firmest \
                promise yet that the pier would reopen.";
    let st = extract_statements(text);
    assert_eq!(speaker(one(&st, "praised")), "who");
    assert_eq!(speaker(one(&st, "offered")), "Mayor Dana Whitlow");
}
