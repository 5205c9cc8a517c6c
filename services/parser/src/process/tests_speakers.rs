//! Speaker rules (subjects across clauses, passives, relative pronouns, appositives), with invented sentences.

use super::test_support::*;

#[test]
fn a_participle_takes_the_subject_of_the_nearest_clause() {
    let text = "Ferry fares rose again in March, and the harbor union has filed a complaint, \
                saying the increase breaks the contract.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "saying")), "the harbor union");
    let text = "The council voted late on Monday, as Mayor Lena Ortiz defended the budget, \
                arguing that the parks needed the money.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "arguing")), "Mayor Lena Ortiz");
}

#[test]
fn a_gerund_after_a_preposition_takes_the_nearest_clause_subject() {
    let text = "Although the vote was close, Senator Mira Holt won the seat by promising \
                to repair every bridge in the county.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "promising")), "Senator Mira Holt");
}

#[test]
fn adverbs_and_contractions_before_the_verb_are_not_the_speaker() {
    let text = "The harbor master, who's argued that the pier is sinking, spoke on Friday.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "argued")), "who");
    let text = "Port officials have in the past said the ferry would stay.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "said")), "Port officials");
    let text = "The mayor seldom argued that the budget was fine.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "argued")), "The mayor");
}

#[test]
fn a_coordinated_cue_takes_the_subject_of_the_nearest_clause() {
    let text = "Likewise, Governor Ada Brandt went after the shipping lobby and called for \
                a ban on night flights.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "called")), "Governor Ada Brandt");
}

#[test]
fn a_verb_after_a_relative_clause_with_a_cue_takes_its_head() {
    let text = "Mayor Dana Whitlow, who praised the ferry plan in May, offered her firmest \
                promise yet that the pier would reopen.";
    let st = rules(text);
    assert_eq!(speaker(one(&st, "praised")), "who");
    assert_eq!(speaker(one(&st, "offered")), "Mayor Dana Whitlow");
}

#[test]
fn a_possessive_in_the_object_of_a_verb_refers_to_the_subject() {
    let st = rules("She has stepped up her attacks on the harbor plan.");
    assert_eq!(speaker(one_with(&st, "attacks")), "She");
    // A determiner-phrase subject or a pronoun that does not agree leaves
    // the possessive as the speaker.
    let st = rules("The crowd cheered his attacks on the harbor plan.");
    assert_eq!(speaker(one_with(&st, "attacks")), "his");
    let st = rules("They stepped up his attacks on the harbor plan.");
    assert_eq!(speaker(one_with(&st, "attacks")), "his");
}

#[test]
fn degree_adverbs_and_gerund_taking_verbs_lie_between_subject_and_cue() {
    let st = rules("Dana Pruitt, the ferry captain, was more measured on the fare increase.");
    assert_eq!(
        speaker(one_with(&st, "measured")),
        "Dana Pruitt, the ferry captain"
    );
    let st = rules(
        "The harbor board decamped to Tacoma and began writing letters against the fare increase.",
    );
    assert_eq!(speaker(one_with(&st, "writing")), "The harbor board");
}

#[test]
fn a_noun_cue_in_a_verb_object_takes_the_clause_subject() {
    let st = rules(
        "The appeals court failed to reach a decision on whether the ferry contract was legal.",
    );
    assert_eq!(speaker(one_with(&st, "decision")), "The appeals court");
    // A subordinator is no verb: "when a deckhand shouted".
    let st = rules("Later that night, when a deckhand shouted, the captain left.");
    assert_eq!(speaker(one_with(&st, "shouted")), "a deckhand");
}

#[test]
fn a_gerund_inside_a_relative_clause_takes_the_relative_pronoun() {
    let st = rules(
        "The mayor met Lena Ortiz, who had angered the board by claiming the pier was unsafe.",
    );
    assert_eq!(speaker(one_with(&st, "claiming")), "who");
}

#[test]
fn a_gerund_after_a_verb_object_takes_the_clause_subject() {
    let st = rules(
        "The harbor chief is making a pitch to ferry riders saying the pier would reopen in May.",
    );
    assert_eq!(speaker(one_with(&st, "saying")), "The harbor chief");
    // "with X VERBing": the noun phrase is the gerund's own subject.
    let st = rules("The fares rose again, with most riders saying the ferry was too slow.");
    assert!(speaker(one_with(&st, "saying")).ends_with("riders"));
}

#[test]
fn an_abbreviated_state_does_not_break_an_opening_name_chain() {
    let st = rules(
        "Marta Quill, a Tampa, Fla., pilot helping to organize the protest, said she and other \
         captains were worried.",
    );
    assert!(speaker(one_with(&st, "said")).starts_with("Marta Quill"));
}

#[test]
fn a_passive_agent_after_a_plain_object() {
    let st = rules(
        "Dana Pruitt was declared the winner of the Kent County council race by the county board.",
    );
    assert_eq!(speaker(one_with(&st, "declared")), "the county board");
    // "by a wide margin" is no agent: the passive is agentless, about its
    // subject.
    let st = rules(
        "Dana Pruitt was declared the winner of the Kent County council race by a wide margin.",
    );
    let s = one_with(&st, "declared");
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
    let st = rules(
        "The city raised fares, with transit officials underlining the deficit and vowing to \
         keep the ferries running.",
    );
    assert_eq!(speaker(one_with(&st, "vowing")), "transit officials");
}

#[test]
fn a_gerund_after_a_relative_verb_phrase_takes_the_pronoun() {
    let st = rules(
        "The mayor thanked the captain, who spent much of the meeting defending the fare increase.",
    );
    assert_eq!(speaker(one_with(&st, "defending")), "who");
}

#[test]
fn a_quotation_inside_a_dash_set_segment_is_passed_over() {
    let st = rules(
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
    let st = rules(
        "The ferry captains — whose union once blocked the pier — both criticized the fare plan \
         on Monday.",
    );
    assert!(speaker(one_with(&st, "criticized")).starts_with("The ferry captains"));
}

#[test]
fn an_object_verb_after_a_comma_continues_a_list_of_verbs() {
    let st = rules(
        "The mayor complained about the ferry schedule, mocked the harbor board, and said fares \
         would fall.",
    );
    assert_eq!(speaker(one_with(&st, "mocked")), "The mayor");
    assert_eq!(speaker(one_with(&st, "said")), "The mayor");
}

#[test]
fn a_relative_clause_with_a_cue_verb_or_a_participle_phrase_on_the_subject_is_passed_over() {
    let st = rules("Farmers who want to ban the pesticide said the ruling was a win.");
    assert_eq!(
        speaker(one(&st, "said")),
        "Farmers who want to ban the pesticide"
    );
    let st = rules("A port source speaking to the Herald said the deal was off.");
    assert_eq!(
        speaker(one(&st, "said")),
        "A port source speaking to the Herald"
    );
    // A pronoun after a subordinate clause is its own subject.
    let st = rules("The council kept blocking the mayor after she said the budget was fine.");
    assert_eq!(speaker(one(&st, "said")), "she");
}

#[test]
fn a_cue_inside_the_object_of_another_verb_takes_that_verbs_subject() {
    let st = rules(
        "Mayor Jones, whose office has been locked in talks about the ferry for weeks, stayed \
         quiet.",
    );
    assert_eq!(speaker(one(&st, "talks about")), "whose office");
    let st = rules(
        "The two nurses, who survived the fire last year, had been locked in talks about a new \
         contract.",
    );
    assert!(speaker(one(&st, "talks about")).starts_with("The two nurses"));
    // A participle before a name is part of the subject.
    let st = rules("Later, retired judge Ann Lee told reporters the law was clear.");
    assert_eq!(speaker(one(&st, "told")), "retired judge Ann Lee");
}

#[test]
fn a_gerund_after_a_preposition_takes_the_subject_of_its_subordinate_clause() {
    let st = rules(
        "When the mayor opened the meeting by praising the ferry crews, the council applauded.",
    );
    assert_eq!(speaker(one(&st, "praising")), "the mayor");
}

#[test]
fn a_subject_after_a_closing_quote_opens_the_clause_of_a_later_gerund() {
    let st =
        rules("“We will win,” Senator Ruth Calder smiled, before adding that the race was close.");
    assert_eq!(speaker(one(&st, "adding")), "Senator Ruth Calder");
}

#[test]
fn an_inverted_cue_set_off_inside_its_clause_reports_the_whole_clause() {
    let st =
        rules("And the mayor, said Lena Ortiz, who once worked for her, never forgets a slight.");
    let s = one(&st, "said");
    assert_eq!(speaker(s), "Lena Ortiz");
    assert!(content(s).starts_with("And the mayor") && content(s).ends_with("a slight"));
    // A whole clause before the comma is the content on its own.
    let st = rules("The ferry is late, said Ortiz, the harbor chief.");
    assert_eq!(content(one(&st, "said")), "The ferry is late");
}

#[test]
fn a_pronoun_after_since_is_the_subject_not_an_adverbial() {
    let st = rules(
        "The firm has billed the city $2 million in legal fees since she announced her run in \
         May.",
    );
    assert_eq!(speaker(one(&st, "announced")), "she");
    let st =
        rules("Ever since he endorsed the mayor last month, Mr. Reed has been her loudest ally.");
    assert_eq!(speaker(one(&st, "endorsed")), "he");
}

#[test]
fn a_name_and_others_is_one_speaker() {
    let st = rules("Ortiz and others said the ferry was late.");
    assert_eq!(speaker(one(&st, "said")), "Ortiz and others");
    let st = rules("The trouble with the ferry, said Ortiz and others, would be obvious by May.");
    assert_eq!(speaker(one(&st, "said")), "Ortiz and others");
    // After a common noun, "and others" opens a clause of its own.
    let st = rules("Many captains said they would strike, and others said they would not.");
    assert_eq!(speaker(&st[1]), "others");
}

#[test]
fn a_participle_cue_after_a_light_verb_object_keeps_the_object_as_speaker() {
    let st =
        rules("The harbor board issued a statement on Monday denying that the pier had closed.");
    assert_eq!(speaker(one(&st, "denying")), "a statement");
}

#[test]
fn a_participle_after_there_is_takes_its_noun_not_there() {
    let st = rules("There is no public record showing whether the fee was paid.");
    assert_eq!(speaker(one(&st, "showing")), "no public record");
}

#[test]
fn a_case_name_with_v_does_not_end_the_sentence() {
    let st = rules(
        "Ortiz attacked the board, saying its captains would overturn Smith v. Jones, and \
         reminded the audience of remarks the board made last year.",
    );
    assert_eq!(speaker(one(&st, "reminded")), "Ortiz");
}

#[test]
fn a_fronted_gerund_takes_the_main_clause_subject_past_inner_cues_and_set_off_phrases() {
    let st = rules(
        "After thanking the dock workers, who loudly praised his plan, Mayor Reed said the pier \
         would reopen.",
    );
    assert_eq!(speaker(one(&st, "thanking")), "Mayor Reed");
    let st = rules(
        "Sunday, on WKRP's \"Morning Show,\" while commenting on the ferry strike, Governor Ada \
         Brandt said the union had a point.",
    );
    assert_eq!(speaker(one(&st, "commenting on")), "Governor Ada Brandt");
}

#[test]
fn a_possessive_pronoun_before_a_noun_cue_is_its_speaker() {
    let st = rules("Reed is not alone in his contention that the pier was badly built.");
    assert_eq!(speaker(one(&st, "contention")), "his");
    // A plural noun between makes the noun cue a verb with its subject.
    let st = rules("On the harbor board, her allies fear that the pier will close.");
    assert_eq!(speaker(one(&st, "fear")), "her allies");
}

#[test]
fn an_adverbial_with_on_or_like_before_the_cue_is_not_the_speaker() {
    let st = rules("On Monday, Ortiz was on the radio talking about the pier.");
    assert_eq!(speaker(one(&st, "talking about")), "Ortiz");
    let st = rules(
        "\"Too much noise,\" said the woman, who like many in the town did not want to be named.",
    );
    assert_eq!(speaker(one(&st, "want")), "who");
}

#[test]
fn in_hopes_of_reports_the_hope_of_the_clause_subject() {
    let st = rules(
        "Before the vote, Ortiz met with dock workers and spoke briefly with harbor chief Tom \
         Reed in hopes of persuading him to stay.",
    );
    assert_eq!(speaker(one(&st, "hopes")), "Ortiz");
    let st = rules(
        "In May, the court sent the case back to the lower courts for further review in the \
         hope that the two sides could settle.",
    );
    assert_eq!(speaker(one(&st, "hope")), "the court");
}

#[test]
fn verbs_that_take_a_gerund_cue_lie_between_subject_and_cue() {
    let st = rules("Reed continues saying the pier is unsafe.");
    assert_eq!(speaker(one(&st, "saying")), "Reed");
    let st = rules(
        "The harbor chief, who has run every past campaign as an independent, will continue \
         calling himself a Democrat.",
    );
    assert!(speaker(one(&st, "calling")).starts_with("The harbor chief"));
}

#[test]
fn a_speaker_chain_may_start_after_a_label_and_colon() {
    let st = rules(
        "Here is what Ortiz wants to change.\n\nFerry fares: Ortiz, whose district includes the \
         harbor and the islands, said closed piers -- those owned by the city -- hurt many \
         families.",
    );
    assert!(speaker(one(&st, "said")).starts_with("Ortiz, whose district"));
}

#[test]
fn a_time_set_off_by_commas_lies_between_subject_and_cue() {
    let st =
        rules("The Ortiz campaign had, earlier Tuesday, sent a letter that criticized the board.");
    assert_eq!(speaker(one(&st, "sent")), "The Ortiz campaign");
    let st = rules("Reed, on Wednesday, added that the pier would close.");
    assert_eq!(speaker(one(&st, "added")), "Reed");
}
