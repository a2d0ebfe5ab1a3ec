//! Scenarios compiled into the binary, so that `deterrence stability` works with no files.

/// A built-in scenario: its name and TOML text.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// Name used on the command line, e.g. `world-2025`.
    pub name: &'static str,
    /// Path of the file in the repository.
    pub path: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

/// Every built-in scenario; the first is the default.
pub const BUILTINS: &[Builtin] = &[Builtin {
    name: "world-2025",
    path: "scenarios/world-2025.toml",
    text: include_str!("../../../scenarios/world-2025.toml"),
}];

/// The default scenario's name.
pub const DEFAULT: &str = "world-2025";

/// Looks a built-in scenario up by name.
pub fn get(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}
