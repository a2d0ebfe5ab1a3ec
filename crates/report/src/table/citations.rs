//! The citation list for people: distinct sources grouped by kind, each with its users.

use crate::{Citation, distinct_sources};
use std::fmt::Write as _;

/// Renders the citations grouped by kind (`deterrence data cite`).
pub fn citations(citations: &[Citation]) -> String {
    let mut out = String::new();
    let sources = distinct_sources(citations);
    let mut last = None;
    for (c, users) in &sources {
        if last != Some(c.kind) {
            let n = sources.iter().filter(|(d, _)| d.kind == c.kind).count();
            if last.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{} ({n}):", c.kind.heading());
            last = Some(c.kind);
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
        let _ = writeln!(out, "\n      used by: {}", users.join(", "));
    }
    out
}
