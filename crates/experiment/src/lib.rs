//! Experiments: designs over uncertain parameters, replicated runs in parallel, results
//! streamed to disk with sharding and resume, and their analysis.
//!
//! The pieces cooperate in this order:
//! - [`spec`] reads an experiment specification (TOML) with located errors, and expands
//!   `inputs.uncertain` against the scenario into one parameter per uncertain input
//!   ([`spec::Spec::expand`]);
//! - [`design`] turns it into design points (factorial, LHS, Sobol'/Saltelli, Morris, cases),
//!   drawing on the `stats` crate for the designs themselves;
//! - [`runner`] runs every point × replication with rayon, run `i` drawing from stream
//!   `(seed, run index)`, results (and the series the spec records) collected in order, a
//!   chunk of runs at a time (a chunk may split a point's replications);
//! - [`store`] appends finished chunks to CSV and JSON Lines (and the recorded series to
//!   `years.csv` and `states.csv`), checkpoints, resumes and merges shards (the one module
//!   that touches files: the format of an experiment directory is this crate's to own);
//! - [`execute`] ties these together for one shard, a chunk of at most [`MAX_CHUNK_RUNS`]
//!   runs at a time ([`MAX_CHUNK_RUNS_UNRECORDED`] without recorded series), so memory does
//!   not grow with the design;
//! - [`cluster`] maps a Slurm job array's task onto a shard and its subdirectory;
//! - [`analysis`] reads a results directory back and computes summaries, Sobol and Morris
//!   indices and PRIM boxes;
//! - [`rows`] checks the rows of a results file against the manifest's design (for
//!   [`analysis`] and [`store::merge`]);
//! - [`paradox`] is the pre-specified experiment of the mission;
//! - [`draws`] builds the starting worlds of an ensemble of one request whose runs draw their
//!   parameters from a posterior (the forecast, the replay validation under a posterior);
//! - [`forecast`] reduces such an ensemble from world-2025 to probabilities and arsenals by
//!   year (`deterrence forecast`);
//! - [`workflow`] holds the one-call workflows the front ends use (run an experiment into a
//!   directory, analyse a directory, the whole paradox experiment).

pub mod analysis;
pub mod cluster;
pub mod design;
pub mod draws;
pub mod forecast;
pub mod paradox;
pub mod rows;
pub mod runner;
pub mod spec;
pub mod store;
pub mod workflow;

use design::Plan;
use serde::{Deserialize, Serialize};
use spec::Spec;
use std::path::Path;

/// Version of the experiment manifest format; a directory written with another version is
/// refused with a message saying so.
pub const MANIFEST_SCHEMA: u32 = 2;

/// Everything needed to reproduce any run of an experiment (`manifest.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Manifest format version ([`MANIFEST_SCHEMA`]).
    pub schema: u32,
    /// The tool build and the scenario (name, origin, data date, hash of its text).
    pub provenance: lab::Provenance,
    /// Versions of the random-number crates.
    pub rand_versions: String,
    /// The specification, as parsed.
    pub spec: Spec,
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
        Manifest {
            schema: MANIFEST_SCHEMA,
            provenance: lab::Provenance::current(loaded),
            rand_versions: lab::provenance::RAND_VERSIONS.to_owned(),
            spec: spec.clone(),
            points,
            replications: spec.experiment.replications,
            total_runs: points as u64 * u64::from(spec.experiment.replications),
            rng: RNG_DERIVATION.to_owned(),
            shard: shard.map(|(k, n)| [k, n]),
        }
    }

    /// Reads a manifest from JSON text, refusing other format versions by name.
    pub fn from_json(text: &str) -> Result<Manifest, String> {
        #[derive(Deserialize)]
        struct Version {
            schema: Option<u32>,
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !value.is_object() {
            return Err(format!(
                "expected an experiment manifest (a JSON object with `schema` {MANIFEST_SCHEMA}), found {}",
                match value {
                    serde_json::Value::Null => "null",
                    serde_json::Value::Array(_) => "an array",
                    serde_json::Value::String(_) => "a string",
                    serde_json::Value::Number(_) => "a number",
                    serde_json::Value::Bool(_) => "a boolean",
                    serde_json::Value::Object(_) => "an object",
                }
            ));
        }
        let v: Version = serde_json::from_value(value).map_err(|e| e.to_string())?;
        match v.schema {
            Some(MANIFEST_SCHEMA) => serde_json::from_str(text).map_err(|e| e.to_string()),
            Some(other) => Err(format!(
                "manifest format version {other}; this build reads version {MANIFEST_SCHEMA}: rerun the experiment with this build"
            )),
            None => Err(format!(
                "a manifest without a format version (written before version {MANIFEST_SCHEMA}): rerun the experiment with this build"
            )),
        }
    }

    /// The manifest as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Whether `other` describes the same experiment from the same build (the condition for
    /// resuming or merging): same spec, scenario text, tool and commit.
    pub fn same_experiment(&self, other: &Manifest) -> bool {
        let (a, b) = (&self.provenance, &other.provenance);
        self.spec == other.spec
            && a.scenario_hash == b.scenario_hash
            && a.git_commit == b.git_commit
            && a.tool == b.tool
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
    /// The request does not fit: a design point the scenario rejects, a directory holding
    /// another experiment, an unreadable manifest or results file.
    #[error("{0}")]
    Invalid(String),
}

/// Runs per checkpoint the default chunk ([`default_chunk`]) aims at: each checkpoint syncs
/// the result files, and a checkpoint every few runs (one-run-per-point designs with chunks of
/// 16 points) spent more time syncing than running.
pub const CHECKPOINT_RUNS: u64 = 512;

/// Design points per checkpoint when none is asked for: 16, or enough points for
/// [`CHECKPOINT_RUNS`] runs when points have few replications. Results do not depend on it.
pub fn default_chunk(replications: u32) -> usize {
    let points = CHECKPOINT_RUNS.div_ceil(u64::from(replications.max(1)));
    usize::try_from(points).unwrap_or(usize::MAX).max(16)
}

/// The most runs a chunk holds when the spec records series (`[record]`), however many points
/// `--chunk` asks for: a point with more replications is split between chunks. A chunk is held
/// in memory until it is written (with `[record] states`, a world-2025 run's rows take about
/// 0.6 MiB until then), so this bounds an experiment's memory whatever its design; it equals
/// [`CHECKPOINT_RUNS`], the runs a checkpoint needs for its sync to cost little time.
pub const MAX_CHUNK_RUNS: u64 = CHECKPOINT_RUNS;

/// The most runs a chunk holds when the spec records no series: a run's results take well under
/// a kilobyte until written (8,192 runs, a few megabytes), and the old default chunk of 16
/// points × 500 replications synced about as often.
pub const MAX_CHUNK_RUNS_UNRECORDED: u64 = 16 * CHECKPOINT_RUNS;

/// Runs per chunk for `chunk` design points of `replications` runs each: `chunk` ×
/// `replications`, at least 1 and at most [`MAX_CHUNK_RUNS`] when series are `recorded`,
/// [`MAX_CHUNK_RUNS_UNRECORDED`] when not. Results do not depend on it.
pub fn chunk_runs(chunk: usize, replications: u32, recorded: bool) -> u64 {
    let cap = if recorded { MAX_CHUNK_RUNS } else { MAX_CHUNK_RUNS_UNRECORDED };
    (chunk.max(1) as u64).saturating_mul(u64::from(replications)).clamp(1, cap)
}

/// Runs (or resumes) `shard` of the experiment into `dir`, `chunk` points at a time (but at
/// most [`MAX_CHUNK_RUNS`] runs, or [`MAX_CHUNK_RUNS_UNRECORDED`] without `[record]`:
/// [`chunk_runs`]), calling `progress(runs_done, runs_total)` after
/// each chunk. Returns the number of runs of the shard.
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
    let recorded = !spec.record.years.is_empty() || !spec.record.states.is_empty();
    let runs = chunk_runs(chunk, spec.experiment.replications, recorded);
    execute_runs(spec, scenario, plan, dir, shard, resume, runs, progress)
}

/// [`execute`] with `runs` runs per chunk (at least 1): each chunk is a range of the shard's
/// runs in order (its points' replications in turn), which may begin and end inside a point,
/// computed, appended and checkpointed before the next. The files are byte for byte the same
/// for every chunk size, thread count and sequence of interruptions and resumes.
#[allow(clippy::too_many_arguments)]
pub fn execute_runs(
    spec: &Spec,
    scenario: &model::Scenario,
    plan: &Plan,
    dir: &Path,
    shard: Option<(usize, usize)>,
    resume: bool,
    runs: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u64, ExperimentError> {
    let points = runner::shard_points(plan, shard);
    let headers = store::Headers::new(spec, plan);
    let replications = spec.experiment.replications;
    let total = points.len() as u64 * u64::from(replications);
    let mut writer = store::Writer::open(dir, shard, &headers, resume, store::ShardRuns { replications, total })?;
    let mut done = writer.runs_done();
    progress(done, total);
    // Built once: the starting world's force-only parts, shared by every point and chunk.
    let starts = lab::Starts::new(scenario);
    let mut worlds = runner::ChunkWorlds::default();
    while done < total {
        let end = done.saturating_add(runs.max(1)).min(total);
        let records = runner::run_range(spec, &starts, plan, &points, done..end, &mut worlds)?;
        writer.append(&records, replications)?;
        done = end;
        progress(done, total);
    }
    writer.finish()?;
    Ok(total)
}

#[cfg(test)]
mod chunk_tests {
    #[test]
    fn the_default_chunk_holds_enough_runs() {
        assert_eq!(super::default_chunk(1), 512);
        assert_eq!(super::default_chunk(0), 512);
        assert_eq!(super::default_chunk(100), 16);
        assert_eq!(super::default_chunk(20), 26);
    }

    #[test]
    fn a_chunk_holds_chunk_points_of_runs_up_to_the_cap() {
        use super::chunk_runs;
        for recorded in [false, true] {
            assert_eq!(chunk_runs(16, 20, recorded), 320);
            assert_eq!(chunk_runs(0, 20, recorded), 20);
            assert_eq!(chunk_runs(3, 0, recorded), 1);
        }
        assert_eq!(chunk_runs(16, 500, true), 512);
        assert_eq!(chunk_runs(1, 200_000, true), 512);
        assert_eq!(chunk_runs(16, 500, false), 8000);
        assert_eq!(chunk_runs(1, 200_000, false), 8192);
        assert_eq!(chunk_runs(usize::MAX, u32::MAX, false), 8192);
    }
}
