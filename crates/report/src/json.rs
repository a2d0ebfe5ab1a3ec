//! JSON output. Stable and versioned: the top-level object carries `"schema": JSON_SCHEMA`
//! and `"kind"`; fields are only ever added within a schema version (docs/output.md).

use crate::{Citation, StabilityReport};
use serde::Serialize;

pub use lab::document::render;

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
