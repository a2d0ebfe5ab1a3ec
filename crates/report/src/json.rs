//! JSON output. Stable and versioned: the top-level object carries `"schema": JSON_SCHEMA`
//! and `"kind"`; fields are only ever added within a schema version (docs/output.md).

use crate::{Citation, JSON_SCHEMA, StabilityReport};
use serde::Serialize;

#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    schema: u32,
    kind: &'a str,
    #[serde(flatten)]
    body: &'a T,
}

/// Renders a stability report.
pub fn stability(report: &StabilityReport) -> String {
    render("stability", report)
}

/// Renders a list of citations.
pub fn citations(citations: &[Citation]) -> String {
    #[derive(Serialize)]
    struct Body<'a> {
        citations: &'a [Citation],
    }
    render("citations", &Body { citations })
}

/// Renders any serialisable value inside the versioned envelope.
pub fn render<T: Serialize>(kind: &str, body: &T) -> String {
    let mut s = serde_json::to_string_pretty(&Envelope { schema: JSON_SCHEMA, kind, body })
        .unwrap_or_else(|e| format!("{{\"schema\":{JSON_SCHEMA},\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
