//! JSON Schemas of every event, derived from the types. The checked-in copies
//! under `schemas/` are compared with these in a test, so they cannot drift.

use schemars::schema::RootSchema;
use schemars::schema_for;

use crate::events::{
    Article, ArticleStatements, DeadLetter, FeedSpec, FetcherCheckpoint, OfficialDenial,
    UnverifiedClaim,
};

/// `(file name, schema)` for every event type, in pipeline order, then
/// the fetcher's tables.
pub fn all() -> Vec<(&'static str, RootSchema)> {
    vec![
        ("article.schema.json", schema_for!(Article)),
        ("statements.schema.json", schema_for!(ArticleStatements)),
        ("claim.unverified.schema.json", schema_for!(UnverifiedClaim)),
        ("denial.official.schema.json", schema_for!(OfficialDenial)),
        ("deadletter.schema.json", schema_for!(DeadLetter)),
        ("feed.schema.json", schema_for!(FeedSpec)),
        (
            "fetcher.checkpoint.schema.json",
            schema_for!(FetcherCheckpoint),
        ),
    ]
}

/// The pretty JSON text of a schema, as checked in.
pub fn render(schema: &RootSchema) -> String {
    let mut s = serde_json::to_string_pretty(schema).expect("schemas serialise");
    s.push('\n');
    s
}
