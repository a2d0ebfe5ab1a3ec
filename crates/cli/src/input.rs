//! Reading scenarios named on the command line, and the error type for bad user input
//! (exit status 2).

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
