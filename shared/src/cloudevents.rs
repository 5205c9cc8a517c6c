//! CloudEvents 1.0 in Kafka binary mode: the event's attributes travel as
//! record headers (`ce_specversion`, `ce_id`, ...), the payload is the event.

use chrono::{DateTime, SecondsFormat, Utc};

/// The `ce_type` of each event claimwatch publishes.
pub mod types {
    pub const ARTICLE: &str = "io.claimwatch.article.v1";
    pub const STATEMENTS: &str = "io.claimwatch.statements.v1";
    pub const CLAIM: &str = "io.claimwatch.claim.unverified.v1";
    pub const DENIAL: &str = "io.claimwatch.denial.official.v1";
    pub const DEADLETTER: &str = "io.claimwatch.deadletter.v1";
    pub const FEED: &str = "io.claimwatch.feed.v1";
    pub const FETCHER_CHECKPOINT: &str = "io.claimwatch.fetcher.checkpoint.v1";
}

/// The attributes of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributes {
    pub id: String,
    pub kind: String,
    pub source: String,
    pub time: DateTime<Utc>,
}

impl Attributes {
    /// The Kafka headers of these attributes, in binary content mode.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ce_specversion", "1.0".to_string()),
            ("ce_id", self.id.clone()),
            ("ce_type", self.kind.clone()),
            ("ce_source", self.source.clone()),
            (
                "ce_time",
                self.time.to_rfc3339_opts(SecondsFormat::Millis, true),
            ),
            ("content-type", "application/json".to_string()),
        ]
    }

    /// Reads attributes back from headers; `None` when a required one is missing.
    pub fn from_headers<'a>(
        headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Option<Self> {
        let (mut id, mut kind, mut source, mut time, mut version) = (None, None, None, None, None);
        for (k, v) in headers {
            let v = std::str::from_utf8(v).ok()?.to_string();
            match k {
                "ce_id" => id = Some(v),
                "ce_type" => kind = Some(v),
                "ce_source" => source = Some(v),
                "ce_time" => time = DateTime::parse_from_rfc3339(&v).ok(),
                "ce_specversion" => version = Some(v),
                _ => {}
            }
        }
        if version.as_deref() != Some("1.0") {
            return None;
        }
        Some(Attributes {
            id: id?,
            kind: kind?,
            source: source?,
            time: time?.with_timezone(&Utc),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip() {
        let a = Attributes {
            id: "clm-1".into(),
            kind: types::CLAIM.into(),
            source: "/claimwatch/matcher".into(),
            time: DateTime::parse_from_rfc3339("2024-06-02T10:00:00.123Z")
                .unwrap()
                .with_timezone(&Utc),
        };
        let hs = a.headers();
        assert!(hs.contains(&("ce_specversion", "1.0".into())));
        assert!(hs.contains(&("content-type", "application/json".into())));
        let back = Attributes::from_headers(hs.iter().map(|(k, v)| (*k, v.as_bytes()))).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn a_missing_spec_version_is_not_a_cloudevent() {
        let hs = [("ce_id", b"x".as_slice())];
        assert!(Attributes::from_headers(hs).is_none());
    }
}
