//! BibTeX output of the citation list (`deterrence data cite --format bibtex`).
//!
//! Every distinct source becomes one `@misc` entry: the full citation as the title (the
//! project's citations are free text, so no author or journal fields are guessed), the
//! publication year and date where known, the address, and a note naming the source's kind and
//! the scenarios or record files that use it.

use crate::{Citation, distinct_sources};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Renders the citations as a BibTeX file, grouped by kind.
pub fn citations(citations: &[Citation]) -> String {
    let mut out = String::from("% Sources of the Deterrence Lab built-in data, grouped by kind.\n");
    let mut used_keys: BTreeSet<String> = BTreeSet::new();
    let mut record_no = 0usize;
    let mut last_kind = None;
    for (c, users) in distinct_sources(citations) {
        if last_kind != Some(c.kind) {
            let _ = write!(out, "\n% {}\n", c.kind.heading());
            last_kind = Some(c.kind);
        }
        let base = if c.key.is_empty() {
            record_no += 1;
            let stem = users
                .first()
                .map(|u| u.trim_start_matches("data/").trim_end_matches(".csv").replace('_', "-"))
                .unwrap_or_default();
            format!("record-{stem}-{record_no}")
        } else {
            sanitize_key(&c.key)
        };
        let mut key = base.clone();
        let mut n = 2;
        while !used_keys.insert(key.clone()) {
            key = format!("{base}-{n}");
            n += 1;
        }
        let _ = writeln!(out, "@misc{{{key},");
        let _ = writeln!(out, "  title = {{{}}},", escape(&c.citation));
        if let Some(d) = &c.published {
            if let Some(year) = d.get(..4).filter(|y| y.chars().all(|ch| ch.is_ascii_digit())) {
                let _ = writeln!(out, "  year = {{{year}}},");
            }
            let _ = writeln!(out, "  date = {{{}}},", escape(d));
        }
        if let Some(u) = &c.url {
            let _ = writeln!(out, "  url = {{{}}},", u.replace(['{', '}'], ""));
        }
        let _ = writeln!(out, "  note = {{{}. Used by: {}.}},", c.kind.heading(), escape(&users.join(", ")));
        out.push_str("}\n");
    }
    out
}

/// A BibTeX key: letters, digits and `-_:.` only.
fn sanitize_key(key: &str) -> String {
    key.chars().map(|c| if c.is_ascii_alphanumeric() || "-_:.".contains(c) { c } else { '-' }).collect()
}

/// Escapes the characters (La)TeX treats specially.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceKind;

    fn cite(scenario: &str, key: &str, citation: &str) -> Citation {
        Citation {
            scenario: scenario.into(),
            key: key.into(),
            citation: citation.into(),
            url: Some("https://example.org/a".into()),
            published: Some("2025-03".into()),
            kind: SourceKind::classify(key, citation),
        }
    }

    #[test]
    fn one_entry_per_source_with_its_users_and_escaped_text() {
        let list = vec![
            cite("world-2025", "fas-x", "Kristensen, H. M. 'X', Bulletin of the Atomic Scientists 81(2): 5 % & more"),
            cite("korea", "fas-x", "Kristensen, H. M. 'X', Bulletin of the Atomic Scientists 81(2): 5 % & more"),
            cite("korea", "assume-y", "Project assumption. Why."),
        ];
        let b = citations(&list);
        assert_eq!(b.matches("@misc{").count(), 2, "{b}");
        assert!(b.contains("@misc{fas-x,"));
        assert!(b.contains("5 \\% \\& more"));
        assert!(b.contains("year = {2025},"));
        assert!(b.contains("Used by: world-2025, korea."));
        // Force estimates come before assumptions.
        assert!(b.find("@misc{fas-x").unwrap() < b.find("@misc{assume-y").unwrap());
    }

    #[test]
    fn record_sources_get_unique_keys() {
        let mut a = cite("data/npt.csv", "", "UNODA treaty database");
        a.published = None;
        let mut b = cite("data/npt.csv", "", "FRUS 1968");
        b.published = None;
        let out = citations(&[a, b]);
        assert!(out.contains("@misc{record-npt-1,"), "{out}");
        assert!(out.contains("@misc{record-npt-2,"), "{out}");
        assert!(!out.contains("year ="));
    }
}
