//! Cue and construction rules that raise recall (polls, views, headlines, phrasal cues), with invented sentences.

use super::test_support::*;

#[test]
fn poll_after_its_clause() {
    let text = "The mayor holds a narrow lead in a new Harbor Gazette poll released Friday.";
    let st = rules(text);
    let s = one(&st, "in");
    assert_eq!(speaker(s), "a new Harbor Gazette poll");
    assert_eq!(content(s), "The mayor holds a narrow lead");
}

#[test]
fn poll_with_participle_before_the_comma() {
    let text =
        "In a Lakeside Radio survey published Tuesday, 40 percent of farmers backed the levy.";
    let st = rules(text);
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
    let st = rules(text);
    assert!(
        st.iter()
            .all(|s| s.cue.as_ref().is_none_or(|c| c.span.text != "in")),
        "{st:#?}"
    );
}

#[test]
fn plural_polls_are_not_a_source() {
    let text = "The senator has slipped in the polls since the debate.";
    let st = rules(text);
    assert!(
        st.iter()
            .all(|s| s.cue.as_ref().is_none_or(|c| c.span.text != "in")),
        "{st:#?}"
    );
}

#[test]
fn possessive_view_after_its_clause() {
    let text = "The bridge tolls should be scrapped, in Councillor Brandt's view.";
    let st = rules(text);
    let s = one(&st, "in Councillor Brandt's view");
    assert_eq!(speaker(s), "Councillor Brandt");
    assert_eq!(content(s), "The bridge tolls should be scrapped");
}

#[test]
fn pronoun_view_before_its_clause() {
    let text = "In their view, the harbour plan favours the shipping firms.";
    let st = rules(text);
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
    let st = rules(text);
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
        let st = rules(text);
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
    let st = rules(text);
    let s = one(&st, "in the view");
    assert!(speaker(s).contains("growers"), "{}", speaker(s));
    assert_eq!(content(s), "The levy is unfair to small farms");
}

#[test]
fn report_headline_colon() {
    let text = "Report: Harbour Authority Paid Its Consultants Twice.\n\nThe authority declined to comment.";
    let st = rules(text);
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
    let st = rules(text);
    let s = one(&st, "supported");
    assert!(speaker(s).contains("dairy farmers"), "{}", speaker(s));
    assert_eq!(content(s), "the water levy");

    let text = "A clear majority of cyclists favored the riverside route.";
    let st = rules(text);
    let s = one(&st, "favored");
    assert!(speaker(s).contains("cyclists"), "{}", speaker(s));
    assert_eq!(content(s), "the riverside route");

    let text = "The ferry company is planning to cut the winter timetable.";
    let st = rules(text);
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
    let st = rules(text);
    let s = one(&st, ":");
    assert_eq!(speaker(s), "Priya Nair and Ole Berg");
    assert!(content(s).contains("Two machines failed"), "{}", content(s));
}

#[test]
fn percentage_as_subject() {
    let text = "Among commuters, 58% say the ferry is too slow.";
    let st = rules(text);
    let s = one(&st, "say");
    assert_eq!(speaker(s), "58%");
    assert_eq!(content(s), "the ferry is too slow");
}

#[test]
fn relative_clause_reporting_on_its_own_ends_the_content() {
    let text = "Half the anglers said yes, compared with 23 percent who said the quota was unfair.";
    let st = rules(text);
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

#[test]
fn chanting_emailing_portraying_and_going_after() {
    let st = rules("The farmers chanted “Save the valley!” outside the hall.");
    let s = one(&st, "chanted");
    assert_eq!(speaker(s), "The farmers");
    assert!(content(s).contains("Save the valley!"), "{}", content(s));

    let st = rules("Councillor Ruth Abara emailed the harbour board about the dredging plan.");
    let s = one(&st, "emailed");
    assert_eq!(speaker(s), "Councillor Ruth Abara");

    let st = rules("The mayor portrayed the ferry strike as a gift to her rivals.");
    let s = one(&st, "portrayed");
    assert_eq!(speaker(s), "The mayor");
    assert!(content(s).contains("ferry strike"), "{}", content(s));

    let st = rules("Governor Tamsin Hale went after the dairy lobby over its tax bill.");
    let s = one(&st, "went after");
    assert_eq!(speaker(s), "Governor Tamsin Hale");
    assert!(content(s).contains("dairy lobby"), "{}", content(s));
}

#[test]
fn referencing_after_a_quote() {
    let text = "“We cannot wait another winter,” Ms. Abara said, referencing the flood of 2009.";
    let st = rules(text);
    let s = one(&st, "referencing");
    assert_eq!(speaker(s), "Ms. Abara");
    assert!(content(s).contains("flood of 2009"), "{}", content(s));
}

#[test]
fn coordinated_cues_share_overlapping_speakers() {
    let text = "The chair of the harbour board, Ruth Abara, told the Gazette her staff never met \
                the developers and said the plan was dead.";
    let st = rules(text);
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
    let st = rules(
        "As reported by the Harbour Gazette, the ferry company will cut its winter timetable.",
    );
    let s = one(&st, "reported");
    assert_eq!(speaker(s), "the Harbour Gazette");
    assert_eq!(
        content(s),
        "the ferry company will cut its winter timetable"
    );

    let st = rules(
        "The council voted to close the old pier, as first reported by the Lakeside Courier.",
    );
    let s = one(&st, "reported");
    assert_eq!(speaker(s), "the Lakeside Courier");
    assert_eq!(content(s), "The council voted to close the old pier");
}

#[test]
fn would_vote_for() {
    let st = rules("Among harbour workers, 61 percent would vote for Ruth Abara in May.");
    let s = one(&st, "vote for");
    assert_eq!(speaker(s), "61 percent");
    assert!(content(s).contains("Ruth Abara"), "{}", content(s));
}

#[test]
fn base_forms_of_phrasal_cues() {
    let st = rules("Harbour pilots point out that the channel silts up every spring.");
    let s = one(&st, "point out");
    assert_eq!(speaker(s), "Harbour pilots");
    assert_eq!(content(s), "that the channel silts up every spring");

    let st = rules("Growers point to the late frost as the cause of the poor harvest.");
    let s = one(&st, "point to");
    assert_eq!(speaker(s), "Growers");
    assert!(content(s).contains("late frost"), "{}", content(s));
}

#[test]
fn phrasal_cues_of_criticism_and_dismissal() {
    let st = rules("The fishing union railed against the new quota rules on Monday.");
    let s = one(&st, "railed against");
    assert_eq!(speaker(s), "The fishing union");
    assert!(content(s).contains("quota rules"), "{}", content(s));

    let st = rules("Governor Tamsin Hale shrugged off the criticism from the dairy lobby.");
    let s = one(&st, "shrugged off");
    assert_eq!(speaker(s), "Governor Tamsin Hale");
    assert!(content(s).contains("criticism"), "{}", content(s));

    let st = rules("Several councillors balked at the cost of the new bridge.");
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
    let st = rules(
        "A spokesman for the port authority defended the new berth fees and said they were fair.",
    );
    let s = one(&st, "defended");
    assert_eq!(speaker(s), "A spokesman for the port authority");
    assert_eq!(content(s), "the new berth fees");
}

#[test]
fn blamed_echoed_condemned_are_strong_cues() {
    let st = rules("The harbour master blamed the late tide for the grounding.");
    let s = one(&st, "blamed");
    assert_eq!(speaker(s), "The harbour master");
    assert!(content(s).contains("late tide"), "{}", content(s));

    let st = rules("Councillor Ruth Abara condemned the vandalism at the ferry terminal.");
    let s = one(&st, "condemned");
    assert_eq!(speaker(s), "Councillor Ruth Abara");
    assert!(content(s).contains("vandalism"), "{}", content(s));
}
