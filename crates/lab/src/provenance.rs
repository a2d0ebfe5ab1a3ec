//! Where a result came from: the tool build (version, git commit, random-number crates) and the
//! scenario (name, origin, data date, hash of its text). Every output of every front end carries
//! one [`Provenance`]; this module is the one place that builds it.

pub use crate::hash::fnv1a_hex;
use crate::scenario::Loaded;
use serde::{Deserialize, Serialize};

/// The tool's name and version, e.g. `deterrence 0.1.0`.
pub const TOOL: &str = concat!("deterrence ", env!("CARGO_PKG_VERSION"));

/// The git commit this build comes from (`unknown` outside a checkout; `-dirty` when the work
/// tree had uncommitted changes).
pub const GIT_COMMIT: &str = env!("DETERRENCE_GIT_COMMIT");

/// Versions of the random-number crates (from Cargo.lock), which fix every random stream.
pub const RAND_VERSIONS: &str = env!("DETERRENCE_RAND_VERSIONS");

/// How a run's random stream is derived from the master seed and its run index.
pub const RNG_STREAM: &str = "rand::rngs::ChaCha8Rng::seed_from_u64(seed), then set_stream(run_index)";

/// Where a result came from: enough to reproduce it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Tool name and version, e.g. `deterrence 0.1.0`.
    pub tool: String,
    /// Git commit the binary was built from (`unknown` outside a checkout).
    pub git_commit: String,
    /// Scenario name.
    pub scenario: String,
    /// Where the scenario came from (`built-in:PATH` or the file given).
    pub scenario_origin: String,
    /// Date the scenario's data describe.
    pub data_as_of: Option<String>,
    /// FNV-1a 64-bit hash of the scenario text, in hex: identifies the exact data version.
    pub scenario_hash: String,
}

impl Provenance {
    /// The provenance of a result computed now, by this build, from `loaded`.
    pub fn current(loaded: &Loaded) -> Provenance {
        Provenance {
            tool: TOOL.to_owned(),
            git_commit: GIT_COMMIT.to_owned(),
            scenario: loaded.scenario.scenario.name.clone(),
            scenario_origin: loaded.origin.clone(),
            data_as_of: loaded.scenario.scenario.as_of.clone(),
            scenario_hash: fnv1a_hex(&loaded.text),
        }
    }
}

/// `deterrence 0.1.0 (commit …)`: the build that produced a document.
pub fn build_label() -> String {
    format!("{TOOL} (commit {GIT_COMMIT})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_names_the_build_and_the_scenario() {
        let loaded = Loaded::builtin("korea").expect("built in");
        let p = Provenance::current(&loaded);
        assert_eq!(p.tool, TOOL);
        assert!(p.tool.starts_with("deterrence "));
        assert_eq!(p.scenario, "korea");
        assert_eq!(p.scenario_origin, "built-in:scenarios/korea.toml");
        assert_eq!(p.scenario_hash, fnv1a_hex(&loaded.text));
        assert!(RAND_VERSIONS.contains("rand "), "{RAND_VERSIONS}");
    }
}
