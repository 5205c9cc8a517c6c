//! Content rules (agentless passives, relative clauses, fronted clauses, adverbials), with invented sentences.

use super::test_support::*;

#[test]
fn an_agentless_passive_reports_its_subject() {
    let text = "The harbour levy was announced on Tuesday after months of talks.";
    let st = rules(text);
    let s = one(&st, "announced");
    assert_eq!(speaker(s), "");
    assert_eq!(content(s), "The harbour levy");
}

#[test]
fn a_passive_with_an_object_after_it_is_left_to_other_rules() {
    let text = "The council members were worried about the cost of the new bridge.";
    let st = rules(text);
    let s = one(&st, "worried");
    assert_eq!(speaker(s), "The council members");
    assert!(content(s).contains("the cost"), "{}", content(s));
}

#[test]
fn an_object_relative_pronoun_is_the_content() {
    let text = "The toll plan, which the mayor has criticized, will cost the city millions.";
    let st = rules(text);
    let s = one(&st, "criticized");
    assert_eq!(speaker(s), "the mayor");
    assert_eq!(content(s), "which");
}

#[test]
fn a_relative_after_a_preposition_keeps_its_clause() {
    let text = "She gave a lecture in which she argued that rents must fall.";
    let st = rules(text);
    let s = one(&st, "argued");
    assert_eq!(content(s), "that rents must fall");
}

#[test]
fn a_reduced_object_relative_reports_its_head_noun() {
    let text = "The bridge tolls are a subject she knows well.";
    let st = rules(text);
    let s = one(&st, "knows");
    assert_eq!(speaker(s), "she");
    assert_eq!(content(s), "a subject");
}

#[test]
fn a_reduced_object_relative_with_a_determiner_subject() {
    let text = "It was a compromise the union had rejected in March.";
    let st = rules(text);
    let s = one(&st, "rejected");
    assert_eq!(speaker(s), "the union");
    assert_eq!(content(s), "a compromise");
}

#[test]
fn a_clause_after_a_fronted_phrase_is_the_content_of_a_closing_cue() {
    let text =
        "In Harbor City, the mayor opened a new ferry terminal, the Coast Gazette reported Monday.";
    let st = rules(text);
    let s = one(&st, "reported");
    assert_eq!(speaker(s), "the Coast Gazette");
    assert_eq!(
        content(s),
        "In Harbor City, the mayor opened a new ferry terminal"
    );
}

#[test]
fn a_quoted_show_title_after_the_cue_opens_no_content() {
    let text = "The ferry will be free by June, she said on Tuesday on KRTV’s “Morning Harbor.”";
    let st = rules(text);
    let s = one(&st, "said");
    assert_eq!(speaker(s), "she");
    assert_eq!(content(s), "The ferry will be free by June");
}

#[test]
fn an_infinitive_object_is_the_content_after_a_closed_quotation() {
    let text = "“The bridge is unsafe.” A spokeswoman for the port declined to comment.";
    let st = rules(text);
    let s = one(&st, "declined");
    assert_eq!(speaker(s), "A spokeswoman for the port");
    assert_eq!(content(s), "to comment");
}

#[test]
fn a_fronted_where_clause_needs_a_main_clause_to_be_content() {
    let text = "Where the toll had once seemed like a fair deal, now it seemed like a burden.";
    let st = rules(text);
    let s = st
        .iter()
        .rfind(|s| s.cue.as_ref().is_some_and(|c| c.span.text == "seemed"))
        .expect("second seemed");
    assert_eq!(content(s), "like a burden");
}

#[test]
fn a_participle_phrase_on_a_subject_reports_the_subject() {
    let text = "The ferry contract, announced Tuesday, would run for ten years.";
    let st = rules(text);
    let s = one(&st, "announced");
    assert_eq!(speaker(s), "");
    assert_eq!(content(s), "The ferry contract");
}

#[test]
fn a_lowercase_recipient_after_tell_leaves_the_clause_before() {
    let text = "The port had followed every rule, she told the tribunal in her appeal.";
    let st = rules(text);
    let s = one(&st, "told");
    assert_eq!(speaker(s), "she");
    assert_eq!(content(s), "The port had followed every rule");
}

#[test]
fn a_subordinate_clause_before_the_subject_is_not_the_content() {
    let text = "While the farmers had lobbied hard for the subsidy, the ministry has shown little sympathy.";
    let st = rules(text);
    let s = one(&st, "shown");
    assert_eq!(speaker(s), "the ministry");
    assert_eq!(content(s), "little sympathy");
}

#[test]
fn a_short_phrase_without_a_verb_is_not_the_content() {
    let text = "Best of all, the new owner is promising lower ticket prices.";
    let st = rules(text);
    let s = one(&st, "promising");
    assert_eq!(content(s), "lower ticket prices");
    let text = "An old friend of the family, Walters complained of the noise from the quarry.";
    let st = rules(text);
    let s = one(&st, "complained");
    assert_eq!(speaker(s), "Walters");
    assert_eq!(content(s), "of the noise from the quarry");
}

#[test]
fn a_participle_phrase_before_the_subject_is_not_the_content() {
    let text = "Pressed again about the merger, the chief executive praised the staff.";
    let st = rules(text);
    let s = one(&st, "praised");
    assert_eq!(content(s), "the staff");
}

#[test]
fn a_coordinated_clause_before_the_subject_is_not_the_content() {
    let text = "The singer had been due to perform at the gala in Leeds, but on Monday, her agent announced she was ill.";
    let st = rules(text);
    let s = one(&st, "announced");
    assert_eq!(speaker(s), "her agent");
    assert_eq!(content(s), "she was ill");
}

#[test]
fn a_whose_relative_clause_reports_its_own_object() {
    let text = "The first donor was the Harbor Trust, whose board has endorsed Ms. Patel.";
    let st = rules(text);
    let s = one(&st, "endorsed");
    assert_eq!(content(s), "Ms. Patel");
}

#[test]
fn a_clause_with_an_elliptical_if_phrase_is_the_content() {
    let text = "If elected, he will build a new stadium, the developer said.";
    let st = rules(text);
    let s = one(&st, "said");
    assert_eq!(speaker(s), "the developer");
    assert_eq!(content(s), "If elected, he will build a new stadium");
}

#[test]
fn a_verbless_looking_clause_before_an_adverbial_is_still_the_content() {
    let text = "Jones won the county race, the paper reported on Friday, a day after the count.";
    let st = rules(text);
    let s = one(&st, "reported");
    assert_eq!(content(s), "Jones won the county race");
}

#[test]
fn according_to_after_a_subordinator_reports_the_clause_after() {
    let text =
        "She moved to Ohio in 1990 after, according to her sister, the factory closed its doors.";
    let st = rules(text);
    let s = one(&st, "according to");
    assert_eq!(speaker(s), "her sister");
    assert_eq!(content(s), "the factory closed its doors");
}

#[test]
fn according_to_after_a_colon_reports_the_clause_after() {
    let text = "And it did not go unnoticed: According to recent surveys, the governor holds only a third of the rural vote.";
    let st = rules(text);
    let s = one(&st, "According to");
    assert_eq!(
        content(s),
        "the governor holds only a third of the rural vote"
    );
}

#[test]
fn according_to_a_writer_reports_what_follows_the_colon() {
    let text = "According to Tom Baker, writing for the Daily Ledger:\n\nThe harbour fund has lost half its value.";
    let st = rules(text);
    let s = one(&st, "According to");
    assert_eq!(speaker(s), "Tom Baker");
    assert_eq!(content(s), "The harbour fund has lost half its value");
}

#[test]
fn thats_according_to_reports_the_pronoun() {
    let text = "That's according to early figures released by the county clerk.";
    let st = rules(text);
    let s = one(&st, "according to");
    assert_eq!(content(s), "That");
}

#[test]
fn a_cue_ending_in_that_and_a_colon_reports_the_next_paragraph() {
    let text = "Miller argued that:\n\nOnly a few hundred families have been moved so far.";
    let st = rules(text);
    let s = one(&st, "argued");
    assert_eq!(
        content(s),
        "Only a few hundred families have been moved so far"
    );
}

#[test]
fn a_time_phrase_before_a_colon_is_not_the_content() {
    let text = "Anna Cole reported after the council appeared to drop the plan:\n\n\"The money has already been spent on consultants.\"";
    let st = rules(text);
    let s = one(&st, "reported");
    assert_eq!(
        content(s),
        "\"The money has already been spent on consultants.\""
    );
}

#[test]
fn an_object_before_a_colon_stays_the_content() {
    let text = "The coach listed the reasons for the defeat:\n\nThe pitch was wet and the players were tired.";
    let st = rules(text);
    let s = one(&st, "listed");
    assert!(
        content(s).starts_with("the reasons for the defeat"),
        "{}",
        content(s)
    );
}

#[test]
fn an_infinitive_cue_after_a_control_word_takes_the_subject() {
    let text = "The coach went on to praise the young players.";
    let st = rules(text);
    let s = one(&st, "praise");
    assert_eq!(speaker(s), "The coach");
    assert_eq!(content(s), "the young players");
}

#[test]
fn an_infinitive_cue_after_an_object_takes_the_object() {
    let text = "The strike vote prompted Jones in 2012 to argue that wages were too low.";
    let st = rules(text);
    let s = one(&st, "argue");
    assert_eq!(speaker(s), "Jones");
    assert_eq!(content(s), "that wages were too low");
}

#[test]
fn a_cue_verb_before_to_stays_the_cue() {
    let text = "The spokesman declined to say whether talks had resumed.";
    let st = rules(text);
    assert_eq!(cue_texts(&st), ["declined"]);
}

#[test]
fn an_infinitive_without_a_control_word_is_no_statement() {
    let text = "It is hard to say whether the plan will work.";
    let st = rules(text);
    assert!(!cue_texts(&st).contains(&"say"), "{st:#?}");
}

#[test]
fn a_reduced_relative_on_a_name_reports_the_name() {
    let text =
        "The Harry Stone we remember, the man who built the league, would not have allowed it.";
    let st = rules(text);
    let s = one(&st, "remember");
    assert_eq!(speaker(s), "we");
    assert_eq!(content(s), "The Harry Stone");
}

#[test]
fn a_reduced_relative_before_the_main_verb_reports_its_head() {
    let text = "Her answer to the question nobody asked was oddly cheerful.";
    let st = rules(text);
    let s = one(&st, "asked");
    assert_eq!(speaker(s), "nobody");
    assert_eq!(content(s), "the question");
}

#[test]
fn a_reduced_relative_with_an_adverb_and_a_break_reports_its_head() {
    let text = "He spoke to the farmers - a subject he knew well, having grown up on a farm.";
    let st = rules(text);
    let s = one(&st, "knew");
    assert_eq!(speaker(s), "he");
    assert_eq!(content(s), "a subject");
}

#[test]
fn a_name_object_before_a_break_is_no_reduced_relative() {
    let text = "To the extent she talks about Jones, her message will be simple.";
    let st = rules(text);
    let s = one_with(&st, "talks");
    assert!(content(s).starts_with("Jones"), "{}", content(s));
}

#[test]
fn an_agentless_passive_of_a_model_cue_reports_its_subject() {
    let text = "Smith was booed at Friday night's rally when he mentioned taxes.";
    let st = rules(text);
    let s = one(&st, "booed");
    assert_eq!(speaker(s), "");
    assert_eq!(content(s), "Smith");
    let text = "Bills were introduced last year in the House and are awaiting votes.";
    let st = rules(text);
    let s = one(&st, "introduced");
    assert_eq!(speaker(s), "");
    assert_eq!(content(s), "Bills");
}

#[test]
fn a_short_quotation_opening_the_sentence_is_the_content() {
    let text = "\"Absolutely,\" he said when asked by a reporter if that remains his view.";
    let st = rules(text);
    let s = one(&st, "said");
    assert_eq!(speaker(s), "he");
    assert_eq!(content(s), "\"Absolutely,\"");
}

#[test]
fn a_quotation_ending_in_an_exclamation_is_the_content_of_the_tag_after_it() {
    let text = "\"All the way!\" Dawson shouted, shorthand for taking the fight to the convention.";
    let st = rules(text);
    let s = one(&st, "shouted");
    assert_eq!(speaker(s), "Dawson");
    assert_eq!(content(s), "\"All the way!\"");
}

#[test]
fn a_question_in_the_previous_paragraph_is_not_the_content() {
    let text = "Critics kept asking, \"Why did he stay so long?\"\n\nSmith said in an interview with the paper last week that he would stay.";
    let st = rules(text);
    let s = one(&st, "said");
    assert!(content(s).ends_with("that he would stay"), "{}", content(s));
}

#[test]
fn an_as_frame_with_an_adverbial_reports_the_clause_after_its_comma() {
    let text = "As Harbor News reported, even on Friday morning, the city was refusing to call the fire arson.";
    let st = rules(text);
    let s = one(&st, "reported");
    assert_eq!(speaker(s), "Harbor News");
    assert_eq!(content(s), "the city was refusing to call the fire arson");
}

#[test]
fn an_adjective_before_to_leaves_the_cue_to_the_infinitive() {
    let text = "The mayor was not willing to say who his first choice would be.";
    let st = rules(text);
    assert_eq!(cue_texts(&st), ["say"]);
    let s = one(&st, "say");
    assert_eq!(speaker(s), "The mayor");
    assert_eq!(content(s), "who his first choice would be");
}

#[test]
fn went_so_far_as_to_say_reports_what_follows() {
    let text = "The columnist went so far as to say: \"Print is over.\"";
    let st = rules(text);
    assert_eq!(cue_texts(&st), ["say"]);
    let s = one(&st, "say");
    assert_eq!(speaker(s), "The columnist");
    assert_eq!(content(s), "\"Print is over.\"");
}

#[test]
fn a_recipient_and_an_as_clause_after_tell_leave_the_clause_before() {
    let text = "This is not about me, President Jones told his closest advisers as he labored over the speech.";
    let st = rules(text);
    let s = one(&st, "told");
    assert_eq!(speaker(s), "President Jones");
    assert_eq!(content(s), "This is not about me");
}

#[test]
fn a_yes_or_no_after_the_cue_is_the_content() {
    let text = "Asked whether the mayor \"has the integrity to serve,\" 75 percent of voters said yes, but 55 percent of independents said no.";
    let st = rules(text);
    let yes = st
        .iter()
        .find(|s| speaker(s) == "75 percent of voters")
        .expect("statement of 75 percent");
    assert_eq!(content(yes), "yes");
    let text = "No one said no to the plan.";
    let st = rules(text);
    let s = one(&st, "said");
    assert_eq!(content(s), "no to the plan");
}

#[test]
fn a_name_in_a_reduced_relative_before_the_main_verb_speaks_about_the_head() {
    let text = "The players Smith named in his letter are all from Ohio.";
    let st = rules(text);
    let s = one(&st, "named");
    assert_eq!(speaker(s), "Smith");
    assert_eq!(content(s), "The players");
}

#[test]
fn a_plural_noun_before_a_name_subject_with_a_clause_is_no_reduced_relative() {
    let text = "The Democratic rivals Smith said the plan is flawed.";
    let st = rules(text);
    let s = one(&st, "said");
    assert_eq!(content(s), "the plan is flawed");
}
