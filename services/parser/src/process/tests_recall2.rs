//! Tests for the second round of recall rules and entries, with invented
//! sentences.

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
fn chanting_emailing_portraying_and_going_after() {
    let st = extract_statements("The farmers chanted “Save the valley!” outside the hall.");
    let s = one(&st, "chanted");
    assert_eq!(speaker(s), "The farmers");
    assert!(content(s).contains("Save the valley!"), "{}", content(s));

    let st = extract_statements(
        "Councillor Ruth Abara emailed the harbour board about the dredging plan.",
    );
    let s = one(&st, "emailed");
    assert_eq!(speaker(s), "Councillor Ruth Abara");

    let st = extract_statements("The mayor portrayed the ferry strike as a gift to her rivals.");
    let s = one(&st, "portrayed");
    assert_eq!(speaker(s), "The mayor");
    assert!(content(s).contains("ferry strike"), "{}", content(s));

    let st =
        extract_statements("Governor Tamsin Hale went after the dairy lobby over its tax bill.");
    let s = one(&st, "went after");
    assert_eq!(speaker(s), "Governor Tamsin Hale");
    assert!(content(s).contains("dairy lobby"), "{}", content(s));
}

#[test]
fn referencing_after_a_quote() {
    let text = "“We cannot wait another winter,” Ms. Abara said, referencing the flood of 2009.";
    let st = extract_statements(text);
    let s = one(&st, "referencing");
    assert_eq!(speaker(s), "Ms. Abara");
    assert!(content(s).contains("flood of 2009"), "{}", content(s));
}

#[test]
fn coordinated_cues_share_overlapping_speakers() {
    let text = "The chair of the harbour board, Ruth Abara, told the Gazette her staff never met \
                the developers and said the plan was dead.";
    let st = extract_statements(text);
    let s = one(&st, "told");
    assert!(speaker(s).contains("Ruth Abara"), "{}", speaker(s));
    assert!(content(s).contains("her staff never met"), "{}", content(s));
    let s = one(&st, "said");
    assert!(
        speaker(s).contains("The chair of the harbour board"),
        "{}",
        speaker(s)
    );
    assert_eq!(content(s), "the plan was dead");
}

#[test]
fn as_reported_by_an_agent() {
    let st = extract_statements(
        "As reported by the Harbour Gazette, the ferry company will cut its winter timetable.",
    );
    let s = one(&st, "reported");
    assert_eq!(speaker(s), "the Harbour Gazette");
    assert_eq!(
        content(s),
        "the ferry company will cut its winter timetable"
    );

    let st = extract_statements(
        "The council voted to close the old pier, as first reported by the Lakeside Courier.",
    );
    let s = one(&st, "reported");
    assert_eq!(speaker(s), "the Lakeside Courier");
    assert_eq!(content(s), "The council voted to close the old pier");
}

#[test]
fn would_vote_for() {
    let st =
        extract_statements("Among harbour workers, 61 percent would vote for Ruth Abara in May.");
    let s = one(&st, "vote for");
    assert_eq!(speaker(s), "61 percent");
    assert!(content(s).contains("Ruth Abara"), "{}", content(s));
}

#[test]
fn base_forms_of_phrasal_cues() {
    let st = extract_statements("Harbour pilots point out that the channel silts up every spring.");
    let s = one(&st, "point out");
    assert_eq!(speaker(s), "Harbour pilots");
    assert_eq!(content(s), "that the channel silts up every spring");

    let st =
        extract_statements("Growers point to the late frost as the cause of the poor harvest.");
    let s = one(&st, "point to");
    assert_eq!(speaker(s), "Growers");
    assert!(content(s).contains("late frost"), "{}", content(s));
}

#[test]
fn phrasal_cues_of_criticism_and_dismissal() {
    let st = extract_statements("The fishing union railed against the new quota rules on Monday.");
    let s = one(&st, "railed against");
    assert_eq!(speaker(s), "The fishing union");
    assert!(content(s).contains("quota rules"), "{}", content(s));

    let st =
        extract_statements("Governor Tamsin Hale shrugged off the criticism from the dairy lobby.");
    let s = one(&st, "shrugged off");
    assert_eq!(speaker(s), "Governor Tamsin Hale");
    assert!(content(s).contains("criticism"), "{}", content(s));

    let st = extract_statements("Several councillors balked at the cost of the new bridge.");
    let s = one(&st, "balked at");
    assert_eq!(speaker(s), "Several councillors");
    assert!(
        content(s).contains("cost of the new bridge"),
        "{}",
        content(s)
    );
}

#[test]
fn defended_is_a_strong_cue() {
    let st = extract_statements(
        "A spokesman for the port authority defended the new berth fees and said they were fair.",
    );
    let s = one(&st, "defended");
    assert_eq!(speaker(s), "A spokesman for the port authority");
    assert_eq!(content(s), "the new berth fees");
}

#[test]
fn blamed_echoed_condemned_are_strong_cues() {
    let st = extract_statements("The harbour master blamed the late tide for the grounding.");
    let s = one(&st, "blamed");
    assert_eq!(speaker(s), "The harbour master");
    assert!(content(s).contains("late tide"), "{}", content(s));

    let st =
        extract_statements("Councillor Ruth Abara condemned the vandalism at the ferry terminal.");
    let s = one(&st, "condemned");
    assert_eq!(speaker(s), "Councillor Ruth Abara");
    assert!(content(s).contains("vandalism"), "{}", content(s));
}
