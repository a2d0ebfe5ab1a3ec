//! Reading scenarios named on the command line, and the error type for bad user input
//! (exit status 2).

use model::{Scenario, builtin, parse_scenario};
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

/// A scenario with the text it was read from and where that came from.
pub struct Loaded {
    /// The validated scenario.
    pub scenario: Scenario,
    /// Its TOML text.
    pub text: String,
    /// `built-in:scenarios/world-2025.toml` or the path given.
    pub origin: String,
}

/// Loads `name_or_path`: a file if one exists at that path, else a built-in scenario.
pub fn load(name_or_path: &str) -> anyhow::Result<Loaded> {
    let path = std::path::Path::new(name_or_path);
    let (text, origin) = if path.is_file() {
        let text =
            std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read scenario file {name_or_path}: {e}")))?;
        (text, name_or_path.to_owned())
    } else if let Some(b) = builtin::get(name_or_path) {
        (b.text.to_owned(), format!("built-in:{}", b.path))
    } else {
        let names: Vec<&str> = builtin::BUILTINS.iter().map(|b| b.name).collect();
        return Err(bad(format!(
            "no scenario file `{name_or_path}` and no built-in scenario of that name (built-in: {})",
            names.join(", ")
        )));
    };
    let scenario = parse_scenario(&text, &origin).map_err(|e| bad(e.to_string()))?;
    Ok(Loaded { scenario, text, origin })
}

/// Provenance of a result computed from `loaded`.
pub fn provenance(loaded: &Loaded) -> report::Provenance {
    report::Provenance {
        tool: format!("deterrence {}", env!("CARGO_PKG_VERSION")),
        git_commit: env!("DETERRENCE_GIT_COMMIT").to_owned(),
        scenario: loaded.scenario.scenario.name.clone(),
        scenario_origin: loaded.origin.clone(),
        data_as_of: loaded.scenario.scenario.as_of.clone(),
        scenario_hash: report::fnv1a_hex(&loaded.text),
    }
}

/// Splits `A,B` into two trimmed codes.
pub fn pair(text: &str, flag: &str) -> anyhow::Result<(String, String)> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() => Ok(((*a).to_owned(), (*b).to_owned())),
        _ => Err(bad(format!("{flag} expects two state codes separated by a comma, e.g. USA,RUS; got `{text}`"))),
    }
}
