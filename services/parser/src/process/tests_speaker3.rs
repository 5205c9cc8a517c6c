//! Tests for the third round of speaker rules, with invented sentences.

use super::*;

fn one<'a>(stmts: &'a [Statement], cue: &str) -> &'a Statement {
    stmts
        .iter()
        .find(|s| s.cue.as_ref().is_some_and(|c| c.span.text.contains(cue)))
        .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {stmts:#?}"))
}

fn speaker(s: &Statement) -> &str {
    s.speaker
        .as_ref()
        .and_then(|sp| sp.span.as_ref())
        .map_or("", |x| x.text.as_str())
}

#[test]
fn a_possessive_in_the_object_of_a_verb_refers_to_the_subject() {
    let st = extract_statements("She has stepped up her attacks on the harbor plan.");
    assert_eq!(speaker(one(&st, "attacks")), "She");
    // A determiner-phrase subject or a pronoun that does not agree leaves
    // the possessive as the speaker.
    let st = extract_statements("The crowd cheered his attacks on the harbor plan.");
    assert_eq!(speaker(one(&st, "attacks")), "his");
    let st = extract_statements("They stepped up his attacks on the harbor plan.");
    assert_eq!(speaker(one(&st, "attacks")), "his");
}

#[test]
fn degree_adverbs_and_gerund_taking_verbs_lie_between_subject_and_cue() {
    let st = extract_statements(
        "Dana Pruitt, the ferry captain, was more measured on the fare increase.",
    );
    assert_eq!(
        speaker(one(&st, "measured")),
        "Dana Pruitt, the ferry captain"
    );
    let st = extract_statements(
        "The harbor board decamped to Tacoma and began writing letters against the fare increase.",
    );
    assert_eq!(speaker(one(&st, "writing")), "The harbor board");
}

#[test]
fn a_noun_cue_in_a_verb_object_takes_the_clause_subject() {
    let st = extract_statements(
        "The appeals court failed to reach a decision on whether the ferry contract was legal.",
    );
    assert_eq!(speaker(one(&st, "decision")), "The appeals court");
    // A subordinator is no verb: "when a deckhand shouted".
    let st = extract_statements("Later that night, when a deckhand shouted, the captain left.");
    assert_eq!(speaker(one(&st, "shouted")), "a deckhand");
}

#[test]
fn a_gerund_inside_a_relative_clause_takes_the_relative_pronoun() {
    let st = extract_statements(
        "The mayor met Lena Ortiz, who had angered the board by claiming the pier was unsafe.",
    );
    assert_eq!(speaker(one(&st, "claiming")), "who");
}

#[test]
fn a_gerund_after_a_verb_object_takes_the_clause_subject() {
    let st = extract_statements(
        "The harbor chief is making a pitch to ferry riders saying the pier would reopen in May.",
    );
    assert_eq!(speaker(one(&st, "saying")), "The harbor chief");
    // "with X VERBing": the noun phrase is the gerund's own subject.
    let st =
        extract_statements("The fares rose again, with most riders saying the ferry was too slow.");
    assert!(speaker(one(&st, "saying")).ends_with("riders"));
}

#[test]
fn an_abbreviated_state_does_not_break_an_opening_name_chain() {
    let st = extract_statements(
        "Marta Quill, a Tampa, Fla., pilot helping to organize the protest, said she and other \
         captains were worried.",
    );
    assert!(speaker(one(&st, "said")).starts_with("Marta Quill"));
}

#[test]
fn a_passive_agent_after_a_plain_object() {
    let st = extract_statements(
        "Dana Pruitt was declared the winner of the Kent County council race by the county board.",
    );
    assert_eq!(speaker(one(&st, "declared")), "the county board");
    // "by a wide margin" is no agent: the passive is agentless, about its
    // subject.
    let st = extract_statements(
        "Dana Pruitt was declared the winner of the Kent County council race by a wide margin.",
    );
    let s = one(&st, "declared");
    assert_eq!(speaker(s), "");
    assert!(
        s.content
            .as_ref()
            .is_some_and(|c| c.text.starts_with("Dana Pruitt")),
        "{s:#?}"
    );
}

#[test]
fn a_coordinated_gerund_in_an_absolute_with_clause() {
    let st = extract_statements(
        "The city raised fares, with transit officials underlining the deficit and vowing to \
         keep the ferries running.",
    );
    assert_eq!(speaker(one(&st, "vowing")), "transit officials");
}

#[test]
fn a_gerund_after_a_relative_verb_phrase_takes_the_pronoun() {
    let st = extract_statements(
        "The mayor thanked the captain, who spent much of the meeting defending the fare increase.",
    );
    assert_eq!(speaker(one(&st, "defending")), "who");
}

#[test]
fn a_quotation_inside_a_dash_set_segment_is_passed_over() {
    let st = extract_statements(
        "Harbor chief Dana Pruitt - who once said she would \"sink the whole\" ferry fleet - said \
         on Monday that fares would rise.",
    );
    let outer = st
        .iter()
        .rfind(|s| s.cue.as_ref().is_some_and(|c| c.span.text == "said"))
        .expect("the outer said");
    assert!(speaker(outer).starts_with("Harbor chief Dana Pruitt"));
}

#[test]
fn both_after_a_dash_set_appositive_is_passed_over() {
    let st = extract_statements(
        "The ferry captains — whose union once blocked the pier — both criticized the fare plan \
         on Monday.",
    );
    assert!(speaker(one(&st, "criticized")).starts_with("The ferry captains"));
}

#[test]
fn an_object_verb_after_a_comma_continues_a_list_of_verbs() {
    let st = extract_statements(
        "The mayor complained about the ferry schedule, mocked the harbor board, and said fares \
         would fall.",
    );
    assert_eq!(speaker(one(&st, "mocked")), "The mayor");
    assert_eq!(speaker(one(&st, "said")), "The mayor");
}
