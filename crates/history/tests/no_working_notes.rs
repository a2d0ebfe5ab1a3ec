//! A user has only the repository: its docs, scenarios, data, reference tools and sources must
//! name their sources, not speak of how or when something was read, and must not point at notes
//! outside the repository (issue 14).

use std::fs;
use std::path::{Path, PathBuf};

/// Phrases of working notes and pointers outside the repository, matched without regard to case.
const BANNED: &[&str] = &[
    "not re-read",
    "as remembered",
    "recalled",
    "not verified",
    "not re-verified",
    "not re-opened",
    "could not be read",
    "in this session",
    "earlier notes",
    "consulted through",
    "secondary summary",
    "from knowledge",
    "reference note",
    "formal-models",
    "empirical-targets",
    "shared/",
    "/work/",
];

/// Weak sources (Wikipedia and its mirrors, flipbook copies), banned as citations in data/ and scenarios/,
/// matched without regard to case (issue 14: every figure cites a primary or authoritative source).
const BANNED_IN_DATA: &[&str] = &["wikipedia.org", "wikimili", "piglix", "flipbuilder"];

/// Design files that are not in the repository, matched with case (docs/model.md is fine).
const BANNED_EXACT: &[&str] = &["EXCHANGE.md", "MODEL.md"];

/// Phrases allowed in Rust sources, where they describe what a program does, not how a fact was
/// read (e.g. "A file could not be read or parsed.").
const ALLOWED_IN_CODE: &[&str] = &["could not be read"];

/// Files that hold the banned lists themselves.
const EXEMPT: &[&str] = &["crates/history/tests/no_working_notes.rs", "crates/cli/tests/world.rs"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_in(dir: &Path, ext: &[&str], recurse: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if recurse && name != "target" && name != "node_modules" && !name.starts_with('.') {
                files_in(&p, ext, recurse, out);
            }
        } else if ext.is_empty() || p.extension().and_then(|x| x.to_str()).is_some_and(|x| ext.contains(&x)) {
            out.push(p);
        }
    }
}

/// Problems in `text`: every banned phrase, with its line.
fn problems(rel: &str, text: &str, code: bool) -> Vec<String> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_lowercase();
        for b in BANNED {
            if lower.contains(b) && !(code && ALLOWED_IN_CODE.contains(b)) {
                found.push(format!("{rel}:{}: {b:?}: {}", i + 1, line.trim()));
            }
        }
        if rel.starts_with("data/") || rel.starts_with("scenarios/") {
            for b in BANNED_IN_DATA {
                if lower.contains(b) {
                    found.push(format!("{rel}:{}: {b:?}: {}", i + 1, line.trim()));
                }
            }
        }
        // Case-sensitive: "docs/model.md" is in the repository, "MODEL.md" is not.
        for b in BANNED_EXACT {
            if line.contains(b) {
                found.push(format!("{rel}:{}: {b:?}: {}", i + 1, line.trim()));
            }
        }
        // Numbered tables of notes outside the repository ("history-data.md T3b"); docs/history-data.md
        // itself has no numbered tables.
        let mut rest = line;
        while let Some(k) = rest.find("history-data.md T") {
            let after = &rest[k + "history-data.md T".len()..];
            if after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                found.push(format!("{rel}:{}: \"history-data.md T…\": {}", i + 1, line.trim()));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn docs_data_and_sources_carry_no_working_notes_or_outside_paths() {
    let root = root();
    let mut files = Vec::new();
    files_in(&root.join("docs"), &["md"], false, &mut files);
    files_in(&root.join("scenarios"), &["toml"], false, &mut files);
    files_in(&root.join("data"), &["csv"], false, &mut files);
    files_in(&root.join("tools/reference"), &[], false, &mut files);
    files_in(&root.join("examples"), &["toml", "md", "csv"], true, &mut files);
    for f in ["README.md", "ARCHITECTURE.md"] {
        files.push(root.join(f));
    }
    let n_text = files.len();
    files_in(&root.join("crates"), &["rs", "toml"], true, &mut files);

    let mut all = Vec::new();
    let mut read = 0;
    for (i, f) in files.iter().enumerate() {
        let rel = f.strip_prefix(&root).unwrap_or(f).to_string_lossy().replace('\\', "/");
        if EXEMPT.contains(&rel.as_str()) {
            continue;
        }
        let Ok(text) = fs::read_to_string(f) else { continue };
        read += 1;
        all.extend(problems(&rel, &text, i >= n_text));
    }
    assert!(read > 50, "only {read} files found under {}", root.display());
    assert!(all.is_empty(), "working notes or pointers outside the repository:\n{}", all.join("\n"));
}

#[test]
fn the_scan_finds_what_it_should() {
    assert_eq!(problems("x.md", "Maddison, recalled, ±30 %", false).len(), 1);
    assert_eq!(problems("x.md", "see shared/reference/formal-models.md §1.2", false).len(), 2);
    assert_eq!(problems("x.md", "Formula (EXCHANGE.md §2)", false).len(), 1);
    assert_eq!(problems("x.rs", "// FAS (history-data.md T3b).", true).len(), 1);
    assert!(problems("x.md", "see docs/model.md and docs/history-data.md", false).is_empty());
    assert!(problems("x.rs", "/// A file could not be read or parsed.", true).is_empty());
    assert_eq!(problems("x.md", "the appendix could not be read", false).len(), 1);
    assert_eq!(problems("data/npt.csv", "List of parties; http://piglix.com/piglix/List", false).len(), 1);
    assert_eq!(problems("scenarios/x.toml", "url = \"https://en.Wikipedia.org/wiki/X\"", false).len(), 1);
    assert_eq!(problems("data/x.csv", "https://wikimili.com/en/X | https://online.flipbuilder.com/p", false).len(), 2);
    assert!(problems("docs/x.md", "see https://en.wikipedia.org/wiki/X", false).is_empty());
    assert!(problems("data/x.csv", "UNODA treaty database; https://treaties.unoda.org/t/npt", false).is_empty());
}
