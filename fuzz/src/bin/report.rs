//! `deterrence report` inputs: the first byte picks what the rest is written as — a run
//! directory (manifest.json, years.csv, dyad_years.csv, events.csv), an experiment directory
//! (manifest.json, results.csv), a paradox directory (paradox.json) or a validation document —
//! with the files separated by NUL bytes; whatever they hold, the report is a page or an error
//! naming the file, never a panic.

use std::path::PathBuf;

fn main() {
    let root = std::env::temp_dir().join(format!("deterrence-fuzz-report-{}", std::process::id()));
    afl::fuzz!(|data: &[u8]| {
        let Some((&kind, rest)) = data.split_first() else { return };
        let _ = std::fs::remove_dir_all(&root);
        if std::fs::create_dir_all(&root).is_err() {
            return;
        }
        let names: &[&str] = match kind % 4 {
            0 => &["manifest.json", "years.csv", "dyad_years.csv", "events.csv"],
            1 => &["manifest.json", "results.csv"],
            2 => &["paradox.json"],
            _ => &["validation.json"],
        };
        for (name, bytes) in names.iter().zip(rest.split(|&b| b == 0)) {
            if std::fs::write(root.join(name), bytes).is_err() {
                return;
            }
        }
        let target: PathBuf = if kind % 4 == 3 { root.join("validation.json") } else { root.clone() };
        let _ = html::load::page_for(&target);
    });
}
