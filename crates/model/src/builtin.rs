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
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "world-2025",
        path: "scenarios/world-2025.toml",
        text: include_str!("../../../scenarios/world-2025.toml"),
    },
    Builtin {
        name: "south-asia",
        path: "scenarios/south-asia.toml",
        text: include_str!("../../../scenarios/south-asia.toml"),
    },
    Builtin { name: "korea", path: "scenarios/korea.toml", text: include_str!("../../../scenarios/korea.toml") },
    Builtin {
        name: "iran-threshold",
        path: "scenarios/iran-threshold.toml",
        text: include_str!("../../../scenarios/iran-threshold.toml"),
    },
    Builtin {
        name: "us-russia-china-2026",
        path: "scenarios/us-russia-china-2026.toml",
        text: include_str!("../../../scenarios/us-russia-china-2026.toml"),
    },
    Builtin {
        name: "ukraine-1994-kept",
        path: "scenarios/ukraine-1994-kept.toml",
        text: include_str!("../../../scenarios/ukraine-1994-kept.toml"),
    },
    Builtin {
        name: "ukraine-1994-gave-up",
        path: "scenarios/ukraine-1994-gave-up.toml",
        text: include_str!("../../../scenarios/ukraine-1994-gave-up.toml"),
    },
    Builtin { name: "cascade", path: "scenarios/cascade.toml", text: include_str!("../../../scenarios/cascade.toml") },
    Builtin {
        name: "history-1945",
        path: "scenarios/history-1945.toml",
        text: include_str!("../../../scenarios/history-1945.toml"),
    },
];

/// The default scenario's name.
pub const DEFAULT: &str = "world-2025";

/// Looks a built-in scenario up by name.
pub fn get(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}
