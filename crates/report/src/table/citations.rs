//! The citation list (`deterrence data cite`).

use crate::Citation;
use std::fmt::Write;

/// Renders citations for a person.
pub fn citations(citations: &[Citation]) -> String {
    let mut out = String::new();
    let mut last = "";
    for c in citations {
        if c.scenario != last {
            let what = if c.scenario.starts_with("data/") { "record file" } else { "scenario" };
            let _ = writeln!(out, "Sources of {what} {}:", c.scenario);
            last = &c.scenario;
        }
        if c.key.is_empty() {
            let _ = write!(out, "  {}", c.citation);
        } else {
            let _ = write!(out, "  [{}] {}", c.key, c.citation);
        }
        if let Some(d) = &c.published {
            let _ = write!(out, " ({d})");
        }
        if let Some(u) = &c.url {
            let _ = write!(out, " <{u}>");
        }
        out.push('\n');
    }
    out
}
