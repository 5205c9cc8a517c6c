//! Precision rules: statements the parser must not report.

use super::test_support::*;
use super::*;

#[test]
fn gerund_phrase_is_no_speaker() {
    // "while raising questions", "having rejected": participle phrases,
    // not the subjects of a report.
    let text = "The mayor praised the police chief, while raising questions about the \
                new budget. After spending most of the spring focused on the budget, the \
                council turned to housing. The governor has hired a new aide, having \
                rejected the need for one last year.";
    let st = rules(text);
    let cues = cue_texts(&st);
    for cue in ["questions", "focused on", "rejected"] {
        assert!(!cues.contains(&cue), "{cues:?}");
    }
    assert_eq!(speaker(one(&st, "praised")), "The mayor");
}

#[test]
fn gerund_rule_keeps_including_and_real_subjects() {
    let text = "Several mayors, including Ana Ruiz, said the plan was too costly.";
    let st = rules(text);
    assert!(
        speaker(one(&st, "said")).contains("Ana Ruiz")
            || speaker(one(&st, "said")).contains("mayors")
    );
}

#[test]
fn model_cue_does_not_nest_in_content() {
    // "The aide said the council, which opposed the tax, would meet.": a
    // cue only the model found, inside the content of "said", is dropped.
    let doc = Doc::new("The aide said the council, which opposed the tax, would meet.");
    let said = doc.lex.word("said").expect("a cue word").forms[0].entry;
    let hit = |first: usize, entry: usize| CueHit {
        first,
        last: first + 1,
        entry,
        noun: None,
    };
    let outer = Raw {
        speaker: Some((0, 2)),
        cue: hit(2, said),
        content: (3, 13),
    };
    let inner = Raw {
        speaker: Some((6, 7)),
        cue: hit(7, doc.lex.learned_entry(doc.lex.word("opposed"))),
        content: (8, 10),
    };
    let kept = prune(&doc, vec![outer, inner]);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].cue.first, 2);
    // Alone, the same statement stays.
    assert_eq!(prune(&doc, vec![inner]).len(), 1);
}

#[test]
fn the_statement_filter_drops_doubtful_assertions_but_never_denials() {
    let text = "The mayor said the bridge would reopen. The ministry denied the report.";
    let (doc, raws, statements) = unfiltered(text);
    assert_eq!(cue_texts(&statements), ["said", "denied"]);
    // A model that gives every statement it judges almost nothing.
    let strict = StatementModel::parse("keep_from\t0.5\nbias\t-10\n");
    let kept = filter(&doc, &raws, statements.clone(), &strict);
    assert_eq!(cue_texts(&kept), ["denied"]);
    assert_eq!(kept[0].id, "s1");
    let lenient = StatementModel::parse("keep_from\t0.5\nbias\t10\n");
    assert_eq!(filter(&doc, &raws, statements, &lenient).len(), 2);
}
