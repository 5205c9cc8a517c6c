//! Tests for the recall rules (poll phrases, ...), with invented sentences.

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

fn content(s: &Statement) -> &str {
    s.content.as_ref().map_or("", |c| c.text.as_str())
}

#[test]
fn poll_after_its_clause() {
    let text = "The mayor holds a narrow lead in a new Harbor Gazette poll released Friday.";
    let st = extract_statements(text);
    let s = one(&st, "in");
    assert_eq!(speaker(s), "a new Harbor Gazette poll");
    assert_eq!(content(s), "The mayor holds a narrow lead");
}

#[test]
fn poll_with_participle_before_the_comma() {
    let text =
        "In a Lakeside Radio survey published Tuesday, 40 percent of farmers backed the levy.";
    let st = extract_statements(text);
    let s = one(&st, "In");
    assert!(
        speaker(s).contains("Lakeside Radio survey"),
        "{}",
        speaker(s)
    );
    assert!(
        content(s).starts_with("40 percent of farmers"),
        "{}",
        content(s)
    );
}

#[test]
fn poll_in_the_subject_of_a_verb_is_not_the_cue() {
    let text = "Most drivers in a recent Motor Club poll said the tolls were too high.";
    let st = extract_statements(text);
    assert!(
        st.iter()
            .all(|s| s.cue.as_ref().is_none_or(|c| c.span.text != "in")),
        "{st:#?}"
    );
}

#[test]
fn plural_polls_are_not_a_source() {
    let text = "The senator has slipped in the polls since the debate.";
    let st = extract_statements(text);
    assert!(
        st.iter()
            .all(|s| s.cue.as_ref().is_none_or(|c| c.span.text != "in")),
        "{st:#?}"
    );
}

#[test]
fn possessive_view_after_its_clause() {
    let text = "The bridge tolls should be scrapped, in Councillor Brandt's view.";
    let st = extract_statements(text);
    let s = one(&st, "in Councillor Brandt's view");
    assert_eq!(speaker(s), "Councillor Brandt");
    assert_eq!(content(s), "The bridge tolls should be scrapped");
}

#[test]
fn pronoun_view_before_its_clause() {
    let text = "In their view, the harbour plan favours the shipping firms.";
    let st = extract_statements(text);
    let s = one(&st, "In their view");
    assert_eq!(speaker(s), "their");
    assert!(
        content(s).starts_with("the harbour plan favours"),
        "{}",
        content(s)
    );
}

#[test]
fn to_a_person_opening_a_sentence() {
    let text = "To Ms. Okafor, the new curfew is an insult to the town's teenagers.";
    let st = extract_statements(text);
    let s = one(&st, "To");
    assert_eq!(speaker(s), "Ms. Okafor");
    assert!(
        content(s).starts_with("the new curfew is an insult"),
        "{}",
        content(s)
    );
}

#[test]
fn to_with_an_infinitive_or_time_is_no_perspective() {
    for text in [
        "To win the county, the mayor needs the farm vote.",
        "To date, the council has spent nothing on the bridge.",
    ] {
        let st = extract_statements(text);
        assert!(
            st.iter()
                .all(|s| s.cue.as_ref().is_none_or(|c| c.span.text != "To")),
            "{st:#?}"
        );
    }
}

#[test]
fn the_view_of_a_group() {
    let text = "The levy is unfair to small farms in the view of the growers' union.";
    let st = extract_statements(text);
    let s = one(&st, "in the view");
    assert!(speaker(s).contains("growers"), "{}", speaker(s));
    assert_eq!(content(s), "The levy is unfair to small farms");
}

#[test]
fn report_headline_colon() {
    let text = "Report: Harbour Authority Paid Its Consultants Twice.\n\nThe authority declined to comment.";
    let st = extract_statements(text);
    let s = one(&st, ":");
    assert_eq!(speaker(s), "Report");
    assert!(
        content(s).starts_with("Harbour Authority Paid"),
        "{}",
        content(s)
    );
}

#[test]
fn stance_verbs_report_a_position() {
    let text = "Most dairy farmers in the valley supported the water levy.";
    let st = extract_statements(text);
    let s = one(&st, "supported");
    assert!(speaker(s).contains("dairy farmers"), "{}", speaker(s));
    assert_eq!(content(s), "the water levy");

    let text = "A clear majority of cyclists favored the riverside route.";
    let st = extract_statements(text);
    let s = one(&st, "favored");
    assert!(speaker(s).contains("cyclists"), "{}", speaker(s));
    assert_eq!(content(s), "the riverside route");

    let text = "The ferry company is planning to cut the winter timetable.";
    let st = extract_statements(text);
    let s = one(&st, "planning");
    assert_eq!(speaker(s), "The ferry company");
    assert!(
        content(s).contains("cut the winter timetable"),
        "{}",
        content(s)
    );
}

#[test]
fn name_after_a_dash_before_a_quotation() {
    let text = "Why the county count ran late - Priya Nair and Ole Berg: “Two machines failed before noon.” [Gazette.]";
    let st = extract_statements(text);
    let s = one(&st, ":");
    assert_eq!(speaker(s), "Priya Nair and Ole Berg");
    assert!(content(s).contains("Two machines failed"), "{}", content(s));
}

#[test]
fn percentage_as_subject() {
    let text = "Among commuters, 58% say the ferry is too slow.";
    let st = extract_statements(text);
    let s = one(&st, "say");
    assert_eq!(speaker(s), "58%");
    assert_eq!(content(s), "the ferry is too slow");
}

#[test]
fn relative_clause_reporting_on_its_own_ends_the_content() {
    let text = "Half the anglers said yes, compared with 23 percent who said the quota was unfair.";
    let st = extract_statements(text);
    let first = st
        .iter()
        .find(|s| speaker(s) == "Half the anglers")
        .expect("the first statement");
    assert_eq!(content(first), "yes");
    let s = st
        .iter()
        .find(|s| speaker(s) == "who")
        .expect("the relative statement");
    assert_eq!(content(s), "the quota was unfair");
}
