//! Scenarios as the front ends name them: a built-in name or a file path, read with the text
//! and origin that provenance records.

use model::{Scenario, builtin, parse_scenario};

/// A scenario with the text it was read from and where that came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated scenario.
    pub scenario: Scenario,
    /// Its TOML text.
    pub text: String,
    /// `built-in:scenarios/world-2025.toml` or the path given.
    pub origin: String,
}

/// A scenario that could not be found or read, or is malformed (the message names the file,
/// line and field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub String);

impl Loaded {
    /// Loads `name_or_path`: a file if one exists at that path, else a built-in scenario.
    pub fn load(name_or_path: &str) -> Result<Loaded, LoadError> {
        let path = std::path::Path::new(name_or_path);
        if path.is_file() {
            let text =
                read_utf8(path).map_err(|e| LoadError(format!("cannot read scenario file {name_or_path}: {e}")))?;
            return Loaded::from_text(text, name_or_path.to_owned());
        }
        if builtin::get(name_or_path).is_none() {
            return Err(LoadError(format!(
                "no scenario file `{name_or_path}` and no built-in scenario of that name (built-in: {})",
                builtin_names().join(", ")
            )));
        }
        // A built-in that fails to load reports its own problem, not a missing name.
        Loaded::builtin(name_or_path)
    }

    /// Loads a built-in scenario by name.
    pub fn builtin(name: &str) -> Result<Loaded, LoadError> {
        let b = builtin::get(name)
            .ok_or_else(|| LoadError(format!("unknown scenario `{name}`; built-in: {}", builtin_names().join(", "))))?;
        Loaded::from_text(b.text.to_owned(), format!("built-in:{}", b.path))
    }

    /// Reads and validates scenario text from `origin`.
    pub fn from_text(text: String, origin: String) -> Result<Loaded, LoadError> {
        let scenario = parse_scenario(&text, &origin).map_err(|e| LoadError(e.to_string()))?;
        // The scenario's own `[simulation.parameters]` are checked here, with the engine's
        // domains, so that a file is valid for every command (check, run, stability,
        // experiments, the explorer) or for none.
        if let Err(e) = engine::resolve(&scenario, &engine::RunOptions::default()) {
            let located = match &e.path {
                Some(path) => {
                    let p = model::Locator::new(&text).problem_at_path(path, e.message.clone());
                    format!(
                        "invalid scenario {origin}:\n  {origin}:{}:{}: field `{}`: {}",
                        p.line, p.column, p.field, p.message
                    )
                }
                None => format!("invalid scenario {origin}: {}", e.message),
            };
            return Err(LoadError(located));
        }
        Ok(Loaded { scenario, text, origin })
    }

    /// Reads a scenario again from its recorded origin (`built-in:PATH` or a file path), checking
    /// that its text still has `hash` when one is given (as recorded in a manifest).
    pub fn reload(origin: &str, hash: Option<&str>) -> Result<Loaded, LoadError> {
        let text = match origin.strip_prefix("built-in:") {
            Some(path) => builtin::BUILTINS
                .iter()
                .find(|b| b.path == path)
                .map(|b| b.text.to_owned())
                .ok_or_else(|| LoadError(format!("no built-in scenario at {path} in this build")))?,
            None => std::fs::read_to_string(origin)
                .map_err(|e| LoadError(format!("cannot read the scenario {origin}: {e}")))?,
        };
        if let Some(h) = hash {
            let now = crate::hash::fnv1a_hex(&text);
            if now != h {
                return Err(LoadError(format!("the scenario at {origin} has changed since (hash {now} ≠ {h})")));
            }
        }
        Loaded::from_text(text, origin.to_owned())
    }
}

/// Names of the built-in scenarios.
pub fn builtin_names() -> Vec<&'static str> {
    builtin::BUILTINS.iter().map(|b| b.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_list_the_builtins() {
        let e = Loaded::load("no-such-scenario").unwrap_err();
        assert!(e.0.contains("world-2025"), "{e}");
    }

    #[test]
    fn reload_checks_the_hash() {
        let loaded = Loaded::builtin("korea").unwrap();
        let hash = crate::hash::fnv1a_hex(&loaded.text);
        assert!(Loaded::reload(&loaded.origin, Some(&hash)).is_ok());
        let e = Loaded::reload(&loaded.origin, Some("0000000000000000")).unwrap_err();
        assert!(e.0.contains("has changed"), "{e}");
    }
}

/// Reads a text file that must be UTF-8. Invalid UTF-8 is located: the error names the line and
/// the byte column (1-based) of the first byte that is not UTF-8.
pub fn read_utf8(path: &std::path::Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    utf8_text(bytes)
}

/// `bytes` as text, or where they stop being UTF-8 (see [`read_utf8`]).
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |k| k + 1);
        format!(
            "line {line}, byte column {}: invalid UTF-8 (byte 0x{:02X}): the file must be UTF-8 text",
            at - line_start + 1,
            bytes[at]
        )
    })
}

#[cfg(test)]
mod utf8_tests {
    use super::utf8_text;

    #[test]
    fn invalid_utf8_is_located_by_line_and_byte_column() {
        let e = utf8_text(b"schema = 1\nname = \"a\xffb\"\n".to_vec()).unwrap_err();
        assert!(e.starts_with("line 2, byte column 10: invalid UTF-8 (byte 0xFF)"), "{e}");
        let e = utf8_text(vec![0xC3]).unwrap_err();
        assert!(e.starts_with("line 1, byte column 1:"), "{e}");
        assert_eq!(utf8_text("é\n".as_bytes().to_vec()).unwrap(), "é\n");
    }
}
