//! Experiments: designs over uncertain parameters, replicated runs in parallel, results
//! streamed to disk with sharding and resume, and their analysis.
//!
//! The pieces cooperate in this order:
//! - [`spec`] reads an experiment specification (TOML) with located errors;
//! - [`design`] turns it into design points (factorial, LHS, Sobol'/Saltelli, Morris, cases),
//!   drawing on the `stats` crate for the designs themselves;
//! - [`runner`] runs every point × replication with rayon, run `i` drawing from stream
//!   `(seed, run index)`, results collected in order;
//! - [`store`] appends finished chunks to CSV and JSON Lines, checkpoints, resumes and merges
//!   shards (the one module that touches files: the format of an experiment directory is this
//!   crate's to own);
//! - [`execute`] ties these together for one shard;
//! - [`analysis`] reads a results directory back and computes summaries, Sobol and Morris
//!   indices and PRIM boxes;
//! - [`paradox`] is the pre-specified experiment of the mission.

pub mod analysis;
pub mod design;
pub mod paradox;
pub mod runner;
pub mod spec;
pub mod store;

use design::Plan;
use serde::{Deserialize, Serialize};
use spec::Spec;
use std::path::Path;

/// Everything needed to reproduce any run of an experiment (`manifest.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Tool name and version.
    pub tool: String,
    /// Git commit of the binary.
    pub git_commit: String,
    /// Versions of the random-number crates.
    pub rand_versions: String,
    /// The specification, as parsed.
    pub spec: Spec,
    /// Scenario name.
    pub scenario: String,
    /// Where the scenario came from.
    pub scenario_origin: String,
    /// FNV-1a hash of the scenario text.
    pub scenario_hash: String,
    /// Design points.
    pub points: usize,
    /// Runs per point.
    pub replications: u32,
    /// All runs.
    pub total_runs: u64,
    /// How run indices and random streams are derived.
    pub rng: String,
    /// The shard this directory holds (`[k, n]`), or none for the whole experiment.
    pub shard: Option<[usize; 2]>,
}

impl Manifest {
    /// The manifest of `spec` run on `loaded` by this build, with `points` design points.
    pub fn new(spec: &Spec, loaded: &lab::Loaded, points: usize, shard: Option<(usize, usize)>) -> Manifest {
        let p = lab::Provenance::current(loaded);
        Manifest {
            tool: p.tool,
            git_commit: p.git_commit,
            rand_versions: lab::provenance::RAND_VERSIONS.to_owned(),
            spec: spec.clone(),
            scenario: p.scenario,
            scenario_origin: p.scenario_origin,
            scenario_hash: p.scenario_hash,
            points,
            replications: spec.experiment.replications,
            total_runs: points as u64 * u64::from(spec.experiment.replications),
            rng: RNG_DERIVATION.to_owned(),
            shard: shard.map(|(k, n)| [k, n]),
        }
    }

    /// Whether `other` describes the same experiment from the same build (the condition for
    /// resuming or merging): same spec, scenario text, tool and commit.
    pub fn same_experiment(&self, other: &Manifest) -> bool {
        self.spec == other.spec
            && self.scenario_hash == other.scenario_hash
            && self.git_commit == other.git_commit
            && self.tool == other.tool
    }

    /// The provenance part of the manifest.
    pub fn provenance(&self) -> lab::Provenance {
        lab::Provenance {
            tool: self.tool.clone(),
            git_commit: self.git_commit.clone(),
            scenario: self.scenario.clone(),
            scenario_origin: self.scenario_origin.clone(),
            data_as_of: None,
            scenario_hash: self.scenario_hash.clone(),
        }
    }
}

/// The RNG derivation stated in every manifest.
pub const RNG_DERIVATION: &str = "run index = point × replications + replication; each run draws from \
rand::rngs::ChaCha8Rng::seed_from_u64(seed) with set_stream(run index); LHS and Morris designs from \
stream 2^64 − 1";

/// Errors of an experiment.
#[derive(Debug, thiserror::Error)]
pub enum ExperimentError {
    /// Building the design failed.
    #[error(transparent)]
    Design(#[from] design::DesignError),
    /// A run failed.
    #[error(transparent)]
    Run(#[from] runner::RunError),
    /// Reading or writing results failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// Runs (or resumes) `shard` of the experiment into `dir`, `chunk` points at a time, calling
/// `progress(runs_done, runs_total)` after each chunk. Returns the number of runs of the shard.
#[allow(clippy::too_many_arguments)]
pub fn execute(
    spec: &Spec,
    scenario: &model::Scenario,
    plan: &Plan,
    dir: &Path,
    shard: Option<(usize, usize)>,
    resume: bool,
    chunk: usize,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u64, ExperimentError> {
    let points = runner::shard_points(plan, shard);
    let header = store::csv_header(plan, &spec.experiment.outcomes);
    let mut writer = store::Writer::open(dir, shard, &header, resume)?;
    let reps = u64::from(spec.experiment.replications);
    let total = points.len() as u64 * reps;
    let mut done = writer.progress.points_done;
    progress(done as u64 * reps, total);
    while done < points.len() {
        let end = (done + chunk.max(1)).min(points.len());
        let records = runner::run_points(spec, scenario, plan, &points[done..end])?;
        writer.append(&records, end - done)?;
        done = end;
        progress(done as u64 * reps, total);
    }
    writer.finish()?;
    Ok(total)
}
