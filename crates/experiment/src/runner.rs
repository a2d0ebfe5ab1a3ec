//! Running a design: every point × replication, in parallel, results in run order.
//!
//! Run `i` of point `p` has global run index `p × replications + i` and draws from stream
//! `run_rng(seed, run index)`, so results never depend on thread count, shard or order. Runs
//! are computed in chunks of runs ([`run_range`]: rayon, order-preserving `collect`), which may
//! split a point's replications, so memory stays flat however many runs there are and however
//! they are spread over points, and each finished chunk can be written and checkpointed.

use crate::design::{Plan, Point, Value};
use crate::spec::Spec;
use model::Scenario;
use rayon::prelude::*;
use serde::Serialize;

/// The record of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunRecord {
    /// Design point index.
    pub point: usize,
    /// Case name (`cases` designs).
    pub case: Option<String>,
    /// Replication within the point.
    pub replication: u32,
    /// Global run index (the run's random stream).
    pub run: u64,
    /// Parameter values (in the plan's column order).
    pub values: Vec<Option<Value>>,
    /// Outcomes (in the spec's outcome order; NaN where undefined, e.g. no armed dyads).
    pub outcomes: Vec<f64>,
    /// The series the spec records (`[record]`), read from this run; empty when nothing is
    /// recorded. Written to `years.csv` and `states.csv`, not to `results.jsonl`.
    #[serde(skip)]
    pub series: lab::RunSeries,
}

/// Errors running a design.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("design point {point}: {message}")]
pub struct RunError {
    /// The point.
    pub point: usize,
    /// What went wrong.
    pub message: String,
}

/// Runs the replications of one point, in order.
pub fn run_point(spec: &Spec, scenario: &Scenario, plan: &Plan, point: &Point) -> Result<Vec<RunRecord>, RunError> {
    run_points(spec, scenario, plan, &[point])
}

/// Prepares the starting world of each point (in parallel), naming the point that fails. The
/// parts that depend on the scenario's forces only are shared from `starts`
/// ([`lab::Starts`]); each world equals that of the point's `RunRequest::prepare`.
pub fn prepare_points(
    spec: &Spec,
    starts: &lab::Starts<'_>,
    plan: &Plan,
    points: &[&Point],
) -> Result<Vec<engine::Template>, RunError> {
    points
        .par_iter()
        .map(|p| {
            let fail = |message: String| RunError { point: p.index, message };
            let request = crate::design::spec_request(spec, plan, p).map_err(|e| fail(e.to_string()))?;
            starts.template(&request).map_err(|e| fail(e.to_string()))
        })
        .collect()
}

/// Runs `points` × replications in parallel through the ensemble executor (every run is a
/// task, so a single point with many replications uses every core) and returns the records in
/// point and replication order, each with the series the spec records from it.
pub fn run_points(
    spec: &Spec,
    scenario: &Scenario,
    plan: &Plan,
    points: &[&Point],
) -> Result<Vec<RunRecord>, RunError> {
    run_points_from(spec, &lab::Starts::new(scenario), plan, points)
}

/// [`run_points`] sharing the force-only parts of the starting worlds from `starts`, built
/// once for all the chunks of an experiment. With a posterior in the spec, each run starts from
/// its point's world with the parameters of the particle drawn for its run index
/// ([`lab::Posterior::draw`]); runs of one point that draw the same particle share a world.
pub fn run_points_from(
    spec: &Spec,
    starts: &lab::Starts<'_>,
    plan: &Plan,
    points: &[&Point],
) -> Result<Vec<RunRecord>, RunError> {
    let all = points.len() as u64 * u64::from(spec.experiment.replications);
    run_range(spec, starts, plan, points, 0..all, &mut ChunkWorlds::default())
}

/// Which starting world a run starts from: its design point's index and, with a posterior,
/// the particle drawn for the run.
type WorldKey = (usize, Option<usize>);

/// The starting worlds of a sequence of chunks of runs ([`run_range`]). The worlds of the point
/// a chunk ends inside are kept for the next chunk, which continues that point, so a point
/// whose replications span many chunks is prepared once (with a posterior, once per particle
/// its runs draw, keeping at most the posterior's particles); every other world is dropped when
/// its chunk ends, so what is kept never grows with the number of runs.
#[derive(Default)]
pub struct ChunkWorlds {
    kept: std::collections::BTreeMap<WorldKey, engine::Template>,
}

impl ChunkWorlds {
    /// How many starting worlds are kept for the next chunk.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether no starting world is kept.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }
}

/// Runs positions `runs` of the sequence of `points` × replications (position `j` is
/// replication `j mod replications` of `points[j div replications]`, run index
/// `point × replications + replication`), in parallel through the ensemble executor, and
/// returns their records in that order, each with the series the spec records from it. A
/// range may start or end inside a point: consecutive ranges return, joined, exactly the
/// records of the whole sequence ([`run_points_from`]), so memory is bounded by the range's
/// length, not by a point's replications. `worlds` carries the starting worlds of a point
/// split between consecutive ranges.
pub fn run_range(
    spec: &Spec,
    starts: &lab::Starts<'_>,
    plan: &Plan,
    points: &[&Point],
    runs: std::ops::Range<u64>,
    worlds: &mut ChunkWorlds,
) -> Result<Vec<RunRecord>, RunError> {
    let reps = u64::from(spec.experiment.replications);
    let seed = spec.experiment.seed;
    let all = points.len() as u64 * reps;
    if runs.is_empty() {
        return Ok(Vec::new());
    }
    // Position j of the sequence: the position of its point in `points`, its replication.
    // (No replications make no runs: every non-empty range is refused below.)
    let locate = |j: u64| {
        let point = j.checked_div(reps).unwrap_or(u64::MAX);
        (usize::try_from(point).unwrap_or(usize::MAX), j.checked_rem(reps).unwrap_or(0) as u32)
    };
    let first_point = points.get(locate(runs.start).0).map_or(0, |p| p.index);
    if runs.end > all {
        return Err(RunError {
            point: first_point,
            message: format!("runs {}..{} asked of a sequence of {all} runs", runs.start, runs.end),
        });
    }
    // Each job: (point position, replication, run index, starting world).
    let keys: Vec<(usize, u32, u64, WorldKey)> = runs
        .clone()
        .map(|j| {
            let (k, i) = locate(j);
            let p = points[k];
            let run = p.index as u64 * reps + u64::from(i);
            let particle = spec.posterior.as_ref().map(|posterior| posterior.draw(seed, run));
            (k, i, run, (p.index, particle))
        })
        .collect();
    // The worlds this range needs that are not kept, in order of first use.
    let mut missing: Vec<(usize, WorldKey)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for &(k, _, _, key) in &keys {
        if !worlds.kept.contains_key(&key) && seen.insert(key) {
            missing.push((k, key));
        }
    }
    let fresh: Vec<(WorldKey, engine::Template)> = missing
        .par_iter()
        .map(|&(k, key)| {
            let p = points[k];
            let fail = |message: String| RunError { point: p.index, message };
            let mut request = crate::design::spec_request(spec, plan, p).map_err(|e| fail(e.to_string()))?;
            match (key.1, &spec.posterior) {
                (Some(j), Some(posterior)) => {
                    request.overrides.extend(posterior.overrides(j));
                    starts
                        .template(&request)
                        .map(|t| (key, t))
                        .map_err(|e| fail(format!("posterior particle {j}: {e}")))
                }
                _ => starts.template(&request).map(|t| (key, t)).map_err(|e| fail(e.to_string())),
            }
        })
        .collect::<Result<_, _>>()?;
    worlds.kept.extend(fresh);
    let outcomes: Vec<&lab::Outcome> = spec
        .experiment
        .outcomes
        .iter()
        .map(|o| lab::Outcome::find(o).map_err(|e| RunError { point: first_point, message: e.to_string() }))
        .collect::<Result<_, _>>()?;
    let recorder = lab::Recorder::new(&spec.record.years, &spec.record.states)
        .map_err(|e| RunError { point: first_point, message: e.to_string() })?;
    let kept = &worlds.kept;
    let jobs: Vec<lab::Job<'_>> = keys
        .iter()
        .map(|&(_, _, run, key)| match kept.get(&key) {
            Some(template) => Ok(lab::Job { template, run }),
            None => Err(RunError { point: key.0, message: "no starting world was prepared for this run".into() }),
        })
        .collect::<Result<_, _>>()?;
    let records = lab::Executor::new(seed)
        .run_with(&jobs, |n, job| {
            // Without `[record]` this is `Template::run`: nothing observed, nothing recorded.
            let (out, series) = recorder.run(job.template, seed, job.run);
            let (k, i, _, _) = keys[n];
            RunRecord {
                point: points[k].index,
                case: points[k].case.clone(),
                replication: i,
                run: job.run,
                values: points[k].values.clone(),
                outcomes: outcomes.iter().map(|o| o.of(&out.summary)).collect(),
                series,
            }
        })
        .map_err(|e| RunError { point: 0, message: e.to_string() })?;
    // Keep only the worlds of a point this range ends inside: the next range continues it.
    let continuing = (!runs.end.is_multiple_of(reps)).then(|| points[locate(runs.end - 1).0].index);
    worlds.kept.retain(|&(point, _), _| Some(point) == continuing);
    Ok(records)
}

/// Which points a shard `k` of `n` (1-based) runs: those with `index % n == k − 1`.
pub fn shard_points(plan: &Plan, shard: Option<(usize, usize)>) -> Vec<&Point> {
    plan.points.iter().filter(|p| shard.is_none_or(|(k, n)| p.index % n == k - 1)).collect()
}
