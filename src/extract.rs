//! The `extract` contract: one text (or HTML) file to its statements, claims
//! and denials, as one JSON object. Spans are UTF-8 byte offsets into the
//! file as read (with `--html`, into the `text` field of the output, which
//! is the page's extracted main text).

use claimwatch_matcher::decide::{decide, Decisions};
use claimwatch_parser::extract_statements;
use claimwatch_shared::events::{PartyType, Signal, Statement};
use serde::Serialize;

/// The output object of one file.
#[derive(Debug, Serialize)]
pub struct Extraction {
    pub file: String,
    /// The text the spans point into, present only when it is not the file
    /// itself (HTML input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub statements: Vec<Statement>,
    pub claims: Vec<ClaimOut>,
    pub denials: Vec<DenialOut>,
}

/// A claim: the statement it is, with the score and signals behind it.
#[derive(Debug, Serialize)]
pub struct ClaimOut {
    pub statement: String,
    pub score: f32,
    pub signals: Vec<Signal>,
}

/// A denial: its statement, who denies, and the claim statements it refutes.
#[derive(Debug, Serialize)]
pub struct DenialOut {
    pub statement: String,
    pub official: bool,
    pub denier_type: PartyType,
    pub score: f32,
    pub signals: Vec<Signal>,
    /// Statement ids of the claims refuted.
    pub refutes: Vec<String>,
    /// The same links with their scores and evidence.
    pub links: Vec<LinkOut>,
}

/// One denial→claim link.
#[derive(Debug, Serialize)]
pub struct LinkOut {
    pub statement: String,
    pub score: f32,
    pub evidence: Vec<String>,
}

/// Extracts everything from `text`, reported under the name `file`.
pub fn extract(file: &str, text: &str) -> Extraction {
    let statements = extract_statements(text);
    let Decisions { claims, denials } = decide(text, &statements);
    Extraction {
        file: file.to_string(),
        text: None,
        statements,
        claims: claims
            .into_iter()
            .map(|c| ClaimOut {
                statement: c.statement,
                score: c.score,
                signals: c.signals,
            })
            .collect(),
        denials: denials
            .into_iter()
            .map(|d| DenialOut {
                refutes: d.refutes.iter().map(|l| l.statement.clone()).collect(),
                links: d
                    .refutes
                    .into_iter()
                    .map(|l| LinkOut {
                        statement: l.statement,
                        score: l.score,
                        evidence: l.evidence,
                    })
                    .collect(),
                statement: d.statement,
                official: d.official,
                denier_type: d.denier_type,
                score: d.score,
                signals: d.signals,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_into_the_text() {
        let text =
            "Police said the road was closed. \u{201c}It is open,\u{201d} the mayor claimed.";
        let out = extract("f", text);
        for s in &out.statements {
            for sp in [s.content.as_ref(), s.cue.as_ref().map(|c| &c.span)]
                .into_iter()
                .flatten()
            {
                assert_eq!(&text[sp.start..sp.end], sp.text);
            }
        }
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(v["file"], "f");
        assert!(v.get("text").is_none());
    }
}
