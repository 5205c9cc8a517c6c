//! Helpers shared by the rule tests in `process/tests_*.rs`.

use claimwatch_shared::events::Statement;

/// The statement whose cue text is exactly `cue`; panics with all of them.
pub(super) fn one<'a>(stmts: &'a [Statement], cue: &str) -> &'a Statement {
    stmts
        .iter()
        .find(|s| s.cue.as_ref().is_some_and(|c| c.span.text == cue))
        .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {stmts:#?}"))
}

/// The statement whose cue text contains `cue`; panics with all of them.
pub(super) fn one_with<'a>(stmts: &'a [Statement], cue: &str) -> &'a Statement {
    stmts
        .iter()
        .find(|s| s.cue.as_ref().is_some_and(|c| c.span.text.contains(cue)))
        .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {stmts:#?}"))
}

/// Every cue text, in order.
pub(super) fn cue_texts(stmts: &[Statement]) -> Vec<&str> {
    stmts
        .iter()
        .filter_map(|s| s.cue.as_ref().map(|c| c.span.text.as_str()))
        .collect()
}

/// The speaker span's text, or "" when there is none.
pub(super) fn speaker(s: &Statement) -> &str {
    s.speaker
        .as_ref()
        .and_then(|sp| sp.span.as_ref())
        .map_or("", |x| x.text.as_str())
}

/// The content's text, or "".
pub(super) fn content(s: &Statement) -> &str {
    s.content.as_ref().map_or("", |c| c.text.as_str())
}

/// The statements the rules and the cue model find in `text`, before the
/// statement model's filter: what the rule tests check, so that retraining
/// that model cannot change them (its own tests are in `statement_model`).
pub(super) fn rules(text: &str) -> Vec<Statement> {
    super::unfiltered(text).2
}
