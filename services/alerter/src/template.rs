//! Templated bodies: a JSON document whose strings may hold `{{path}}`
//! placeholders, filled from the alert. A string that is exactly one
//! placeholder takes the value itself (any JSON type); placeholders inside a
//! longer string are replaced by the value's text. I/O-free.
//!
//! The paths start at `alert` (`id`, `kind`, `key`, `claim_id`), `event`
//! (the event as received), `claim`, `denial` and `refutation` (null when
//! absent), e.g. `{{denial.denier.name}}`, `{{claim.appearances.0.article.url}}`.

use serde_json::{json, Map, Value};

use crate::alert::Alert;

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(Value);

impl Template {
    /// Parses the template's JSON text.
    pub fn parse(text: &str) -> Result<Template, String> {
        serde_json::from_str(text)
            .map(Template)
            .map_err(|e| format!("template is not JSON: {e}"))
    }

    /// The body for `alert`.
    pub fn render(&self, alert: &Alert) -> Value {
        render_value(&self.0, &context(alert))
    }
}

/// The values placeholders can name.
pub fn context(alert: &Alert) -> Value {
    json!({
        "alert": {
            "id": alert.id,
            "kind": alert.kind.as_str(),
            "key": alert.key,
            "claim_id": alert.claim_id,
        },
        "event": alert.event.value,
        "claim": alert.claim.as_deref(),
        "denial": alert.denial.as_deref(),
        "refutation": alert.refutation,
    })
}

/// The value at a dotted path (`a.b.0.c`); `None` when any step is missing.
pub fn lookup<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |v, step| match v {
        Value::Object(m) => m.get(step),
        Value::Array(a) => step.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn render_value(t: &Value, ctx: &Value) -> Value {
    match t {
        Value::String(s) => render_string(s, ctx),
        Value::Array(a) => Value::Array(a.iter().map(|v| render_value(v, ctx)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), render_value(v, ctx)))
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

fn render_string(s: &str, ctx: &Value) -> Value {
    let trimmed = s.trim();
    if let Some(path) = trimmed
        .strip_prefix("{{")
        .and_then(|r| r.strip_suffix("}}"))
    {
        if !path.contains("{{") && !path.contains("}}") {
            return lookup(ctx, path.trim()).cloned().unwrap_or(Value::Null);
        }
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let path = rest[start + 2..start + 2 + len].trim();
        match lookup(ctx, path) {
            Some(Value::String(v)) => out.push_str(v),
            Some(Value::Null) | None => {}
            Some(v) => out.push_str(&v.to_string()),
        }
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    Value::String(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::tests::{claim, denial, denial_event};
    use crate::alert::{alerts_for, ClaimCache};
    use std::sync::Arc;

    fn link() -> Alert {
        let mut cache = ClaimCache::new(4);
        cache.insert(Arc::new(claim("c1", &["a1"])));
        alerts_for(&denial_event(&denial("d1", &["c1"])), &cache).remove(0)
    }

    #[test]
    fn whole_placeholders_keep_their_type_and_inline_ones_become_text() {
        let t = Template::parse(
            r#"{"who": "{{denial.denier.name}}", "score": "{{denial.score}}",
                "line": "{{denial.denier.name}} denied {{claim.claimant.name}} ({{refutation.score}})",
                "url": "{{claim.appearances.0.article.url}}", "missing": "{{claim.nope}}",
                "list": ["{{alert.kind}}", 1, true], "open": "a {{ b"}"#,
        )
        .unwrap();
        let v = t.render(&link());
        assert_eq!(v["who"], "the Biden administration");
        assert!((v["score"].as_f64().unwrap() - 0.9).abs() < 1e-6);
        assert_eq!(
            v["line"].as_str().unwrap(),
            format!(
                "the Biden administration denied Rostamali Rafiei Atani ({})",
                v_score(0.7)
            )
        );
        assert_eq!(v["url"], "https://news.example/a1");
        assert_eq!(v["missing"], Value::Null);
        assert_eq!(v["list"], json!(["denial", 1, true]));
        assert_eq!(v["open"], "a {{ b");
    }

    fn v_score(x: f32) -> String {
        serde_json::to_value(x).unwrap().to_string()
    }

    #[test]
    fn the_event_as_received_is_available() {
        let t = Template::parse(r#"{"id": "{{event.id}}", "alert": "{{alert.id}}"}"#).unwrap();
        let a = link();
        let v = t.render(&a);
        assert_eq!(v["id"], "d1");
        assert_eq!(v["alert"], a.id.as_str());
    }

    #[test]
    fn a_template_that_is_not_json_is_refused() {
        assert!(Template::parse("{").is_err());
    }
}
