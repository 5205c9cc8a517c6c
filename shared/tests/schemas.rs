//! The checked-in JSON Schemas under `schemas/` are exactly the ones derived
//! from the event types: change a type, run `claimwatch schemas`, commit.

use std::path::Path;

#[test]
fn checked_in_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let mut stale = Vec::new();
    for (name, schema) in claimwatch_shared::schema::all() {
        let want = claimwatch_shared::schema::render(&schema);
        match std::fs::read_to_string(dir.join(name)) {
            Ok(have) if have == want => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(e) => stale.push(format!("{name}: {e}")),
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/ is out of date ({}); regenerate with `cargo run -- schemas schemas`",
        stale.join(", ")
    );
}
