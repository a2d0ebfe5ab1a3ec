//! Running a design: every point × replication, in parallel, results in run order.
//!
//! Run `i` of point `p` has global run index `p × replications + i` and draws from stream
//! `run_rng(seed, run index)`, so results never depend on thread count, shard or order. Points
//! are computed in chunks (rayon, order-preserving `collect`), so memory stays flat however many
//! runs there are, and each finished chunk can be written and checkpointed.

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
    let reps = spec.experiment.replications;
    let seed = spec.experiment.seed;
    // Each job: (point position, replication, run index, starting world index).
    let mut keys: Vec<(usize, u32, u64, usize)> = Vec::with_capacity(points.len() * reps as usize);
    let prepared = match &spec.posterior {
        None => {
            for (k, p) in points.iter().enumerate() {
                let run0 = p.index as u64 * u64::from(reps);
                keys.extend((0..reps).map(|i| (k, i, run0 + u64::from(i), k)));
            }
            prepare_points(spec, starts, plan, points)?
        }
        Some(posterior) => {
            // One starting world per (point, particle) pair the runs draw.
            let mut worlds: std::collections::BTreeMap<(usize, usize), usize> = std::collections::BTreeMap::new();
            for (k, p) in points.iter().enumerate() {
                let run0 = p.index as u64 * u64::from(reps);
                for i in 0..reps {
                    let run = run0 + u64::from(i);
                    let pair = (k, posterior.draw(seed, run));
                    let next = worlds.len();
                    let w = *worlds.entry(pair).or_insert(next);
                    keys.push((k, i, run, w));
                }
            }
            let mut pairs: Vec<((usize, usize), usize)> = worlds.into_iter().collect();
            pairs.sort_by_key(|&(_, w)| w);
            pairs
                .par_iter()
                .map(|&((k, j), _)| {
                    let p = points[k];
                    let fail = |message: String| RunError { point: p.index, message };
                    let mut request = crate::design::spec_request(spec, plan, p).map_err(|e| fail(e.to_string()))?;
                    request.overrides.extend(posterior.overrides(j));
                    starts.template(&request).map_err(|e| fail(format!("posterior particle {j}: {e}")))
                })
                .collect::<Result<Vec<_>, _>>()?
        }
    };
    let outcomes: Vec<&lab::Outcome> = spec
        .experiment
        .outcomes
        .iter()
        .map(|o| {
            lab::Outcome::find(o)
                .map_err(|e| RunError { point: points.first().map_or(0, |p| p.index), message: e.to_string() })
        })
        .collect::<Result<_, _>>()?;
    let recorder = lab::Recorder::new(&spec.record.years, &spec.record.states)
        .map_err(|e| RunError { point: points.first().map_or(0, |p| p.index), message: e.to_string() })?;
    let jobs: Vec<(usize, u32, lab::Job<'_>)> =
        keys.iter().map(|&(k, i, run, w)| (k, i, lab::Job { template: &prepared[w], run })).collect();
    let runs: Vec<lab::Job<'_>> = jobs.iter().map(|(_, _, j)| *j).collect();
    lab::Executor::new(seed)
        .run_with(&runs, |n, job| {
            // Without `[record]` this is `Template::run`: nothing observed, nothing recorded.
            let (out, series) = recorder.run(job.template, seed, job.run);
            let (k, i, _) = jobs[n];
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
        .map_err(|e| RunError { point: 0, message: e.to_string() })
}

/// Which points a shard `k` of `n` (1-based) runs: those with `index % n == k − 1`.
pub fn shard_points(plan: &Plan, shard: Option<(usize, usize)>) -> Vec<&Point> {
    plan.points.iter().filter(|p| shard.is_none_or(|(k, n)| p.index % n == k - 1)).collect()
}
