//! Exporters of Deterrence Lab results: one module per format, as in hyperfine.
//!
//! A [`StabilityReport`] gathers what `deterrence stability` computed — the [`Provenance`] of
//! the run, the [`Constants`] used and one [`PairStability`] per adversary pair — and each
//! format module renders it: [`table`] for people, [`json`] for programs (versioned schema),
//! [`csv`] for spreadsheets and statistics packages. The same split holds for the
//! deterrence-region grid ([`csv::grid`]) and the citation list ([`Citation`]).

pub mod csv;
pub mod json;
pub mod table;

use exchange::dyad::{Constants, PairStability};
use serde::Serialize;

/// Version of the JSON output schema; bumped on any incompatible change (see docs/output.md).
pub const JSON_SCHEMA: u32 = 1;

/// The one-line caveat printed with every human-readable table.
pub const CAVEAT: &str = "Model estimates from open sources (FAS, SIPRI and stated assumptions), not intelligence \
assessments; expected values of a simplified exchange calculus.";

/// Where a result came from: enough to reproduce it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Tool name and version, e.g. `deterrence 0.1.0`.
    pub tool: String,
    /// Git commit the binary was built from (`unknown` outside a checkout).
    pub git_commit: String,
    /// Scenario name.
    pub scenario: String,
    /// Where the scenario came from (built-in path or the file given).
    pub scenario_origin: String,
    /// Date the scenario's data describe.
    pub data_as_of: Option<String>,
    /// FNV-1a 64-bit hash of the scenario text, in hex: identifies the exact data version.
    pub scenario_hash: String,
}

/// Everything `deterrence stability` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StabilityReport {
    /// Provenance of the run.
    pub provenance: Provenance,
    /// Scenario title.
    pub title: Option<String>,
    /// Constants and settings used.
    pub constants: Constants,
    /// One entry per adversary pair.
    pub pairs: Vec<PairStability>,
}

/// One citation of a data source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Scenario the source is used by.
    pub scenario: String,
    /// Citation key.
    pub key: String,
    /// Full citation.
    pub citation: String,
    /// Address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
}

/// FNV-1a 64-bit hash of a text, as 16 hex digits (stable across platforms and versions).
pub fn fnv1a_hex(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn fnv1a_known_values() {
        // Reference values of FNV-1a 64 (Fowler–Noll–Vo test suite).
        assert_eq!(super::fnv1a_hex(""), "cbf29ce484222325");
        assert_eq!(super::fnv1a_hex("a"), "af63dc4c8601ec8c");
        assert_eq!(super::fnv1a_hex("foobar"), "85944171f73967e8");
    }
}

/// Everything needed to reproduce a simulation run (written as `manifest.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunManifest {
    /// Provenance of the scenario and the tool.
    pub provenance: Provenance,
    /// Master seed.
    pub seed: u64,
    /// Run indices covered (a single run: `[0, 0]`).
    pub run_index_range: [u64; 2],
    /// How the run's random stream is derived.
    pub rng: String,
    /// Versions of the random-number crates (from Cargo.lock).
    pub rand_versions: String,
    /// Settings the run used: lenses, regime preset and levers, every parameter.
    pub resolved: engine::Resolved,
    /// The scenario as resolved (TOML).
    pub scenario_toml: String,
}

/// A run's report: manifest, headline measures and records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// Manifest.
    pub manifest: RunManifest,
    /// Title of the scenario.
    pub title: Option<String>,
    /// The run's records and summary.
    pub output: engine::RunOutput,
}
