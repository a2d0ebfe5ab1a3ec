//! Reading scenarios named on the command line, and the error type for bad user input
//! (exit status 2).

use model::Locator;
use std::fmt;

/// An error in what the user gave us: a malformed scenario or flag value.
#[derive(Debug)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.trim_end())
    }
}

impl std::error::Error for InputError {}

/// Shorthand for an input error.
pub fn bad(message: impl Into<String>) -> anyhow::Error {
    InputError(message.into()).into()
}

pub use lab::Loaded;

/// Loads `name_or_path`: a file if one exists at that path, else a built-in scenario.
pub fn load(name_or_path: &str) -> anyhow::Result<Loaded> {
    Loaded::load(name_or_path).map_err(|e| bad(e.0))
}

/// Provenance of a result computed from `loaded`.
pub fn provenance(loaded: &Loaded) -> report::Provenance {
    lab::Provenance::current(loaded)
}

/// Splits `A,B` into two trimmed codes.
pub fn pair(text: &str, flag: &str) -> anyhow::Result<(String, String)> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() => Ok(((*a).to_owned(), (*b).to_owned())),
        _ => Err(bad(format!("{flag} expects two state codes separated by a comma, e.g. USA,RUS; got `{text}`"))),
    }
}

/// Prepares `request` on `loaded`, mapping errors in the scenario's own settings to located
/// scenario errors and the rest to flag errors (exit status 2).
pub fn prepare(loaded: &Loaded, request: &lab::RunRequest) -> anyhow::Result<lab::Prepared> {
    request.prepare(&loaded.scenario).map_err(|e| match e {
        lab::RequestError::Scenario { path, message } => {
            let p = Locator::new(&loaded.text).problem_at_path(&path, message);
            bad(format!(
                "invalid scenario {}:\n  {}:{}:{}: field `{}`: {}",
                loaded.origin, loaded.origin, p.line, p.column, p.field, p.message
            ))
        }
        lab::RequestError::Years(y) => bad(format!("--years expects 1 to {}, got {y}", lab::request::MAX_YEARS)),
        lab::RequestError::Input(e) => bad(format!("--set {e}")),
        lab::RequestError::Override(e) => bad(format!("--param {e}")),
    })
}

/// A fresh seed from the clock and the process id, mixed by SplitMix64 (printed, so the run
/// can be reproduced; this is the only non-reproducible input and it never enters model code
/// except as the recorded seed).
pub fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mut z = nanos ^ (u64::from(std::process::id()) << 32);
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// What kind of output directory `dir` is, told by its files: a run (`run --out`), an
/// experiment (`experiment`, `run --runs`), a paradox experiment, or none of them.
pub fn dir_kind(dir: &std::path::Path) -> Option<&'static str> {
    let has = |f: &str| dir.join(f).is_file();
    let has_prefix = |p: &str| {
        std::fs::read_dir(dir)
            .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with(p)))
            .unwrap_or(false)
    };
    if has("paradox.json") {
        Some("a paradox directory (from `deterrence paradox`)")
    } else if has_prefix("results") {
        Some("an experiment directory (from `deterrence experiment` or `run --runs`)")
    } else if has("events.csv") && has("years.csv") {
        Some("a run directory (from `deterrence run --out`)")
    } else {
        None
    }
}

/// Checks that a command may write its files into `dir`: a directory that does not exist yet
/// or is empty, or any directory with `force`. A file where a directory should be is refused.
pub fn writable_dir(dir: &std::path::Path, force: bool, flag: &str) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(bad(format!("{} is a file; {flag} expects a directory", dir.display())));
    }
    let non_empty = std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()).unwrap_or(false);
    if non_empty && !force {
        let what = dir_kind(dir).map(|k| format!(" ({k})")).unwrap_or_default();
        return Err(bad(format!(
            "{} is not empty{what}; choose another {flag}, or pass --force to write into it anyway",
            dir.display()
        )));
    }
    Ok(())
}
