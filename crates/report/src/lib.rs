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

pub use lab::document::JSON_SCHEMA;

/// The one-line caveat printed with every human-readable table.
pub const CAVEAT: &str = "Model estimates from open sources (FAS, SIPRI and stated assumptions), not intelligence \
assessments; expected values of a simplified exchange calculus.";

pub use lab::provenance::{Provenance, fnv1a_hex};

/// Everything `deterrence stability` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StabilityReport {
    /// Provenance of the run.
    pub provenance: Provenance,
    /// Scenario title.
    pub title: Option<String>,
    /// Constants and settings used.
    pub constants: Constants,
    /// Scenario inputs set on top of the scenario (`--set`), if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<lab::Override>,
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
    /// The scenario as resolved (TOML), with any scenario-input overrides applied.
    pub scenario_toml: String,
    /// The overrides given on top of the scenario (parameters, levers, inputs), in order.
    pub overrides: Vec<lab::Override>,
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
