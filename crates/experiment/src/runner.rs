//! Running a design: every point × replication, in parallel, results in run order.
//!
//! Run `i` of point `p` has global run index `p × replications + i` and draws from stream
//! `run_rng(seed, run index)`, so results never depend on thread count, shard or order. Points
//! are computed in chunks (rayon, order-preserving `collect`), so memory stays flat however many
//! runs there are, and each finished chunk can be written and checkpointed.

use crate::design::{Plan, Point, Value, run_options};
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

/// One outcome of a run summary by name.
pub fn outcome(summary: &engine::observe::RunSummary, name: &str) -> f64 {
    let s = summary;
    match name {
        "nuclear_uses" => f64::from(s.nuclear_uses),
        "any_nuclear_use" => f64::from(u8::from(s.nuclear_uses > 0)),
        "wars" => f64::from(s.wars),
        "wars_between_nuclear" => f64::from(s.wars_between_nuclear),
        "major_war_hazard_nuclear_dyads" => s.major_war_hazard_nuclear_dyads,
        "war_hazard_nuclear_dyads" => s.war_hazard_nuclear_dyads,
        "nuclear_use_hazard_nuclear_dyads" => s.nuclear_use_hazard_nuclear_dyads,
        "share_mutually_vulnerable" => s.share_mutually_vulnerable,
        "mean_first_strike_stability" => s.mean_first_strike_stability,
        "nuclear_armed_states_end" => f64::from(s.nuclear_armed_states_end),
        "acquisitions" => f64::from(s.acquisitions),
        "reversals" => f64::from(s.reversals),
        "preventive_strikes" => f64::from(s.preventive_strikes),
        "sub_war_crises_involving_nuclear" => f64::from(s.sub_war_crises_involving_nuclear),
        "crises" => f64::from(s.crises),
        "nuclear_damage" => s.nuclear_damage,
        "occupations" => f64::from(s.occupations),
        "first_nuclear_use_year" => s.first_nuclear_use_year.map_or(f64::NAN, f64::from),
        _ => f64::NAN,
    }
}

/// Runs the replications of one point, in order.
pub fn run_point(spec: &Spec, scenario: &Scenario, plan: &Plan, point: &Point) -> Result<Vec<RunRecord>, RunError> {
    run_points(spec, scenario, plan, &[point])
}

/// Runs replication `i` of `point` from its template.
fn run_one(spec: &Spec, point: &Point, template: &engine::Template, i: u32) -> RunRecord {
    let run = point.index as u64 * u64::from(spec.experiment.replications) + u64::from(i);
    let out = template.run(spec.experiment.seed, run);
    RunRecord {
        point: point.index,
        case: point.case.clone(),
        replication: i,
        run,
        values: point.values.clone(),
        outcomes: spec.experiment.outcomes.iter().map(|o| outcome(&out.summary, o)).collect(),
    }
}

/// Runs `points` × replications in parallel (on the current rayon pool; every run is a task,
/// so a single point with many replications uses every core) and returns the records in point
/// and replication order.
pub fn run_points(
    spec: &Spec,
    scenario: &Scenario,
    plan: &Plan,
    points: &[&Point],
) -> Result<Vec<RunRecord>, RunError> {
    let templates: Vec<engine::Template> = points
        .par_iter()
        .map(|p| {
            let options = run_options(plan, p, spec.experiment.years);
            engine::resolve(scenario, &options)
                .map(|r| engine::Template::new(scenario, &r))
                .map_err(|e| RunError { point: p.index, message: e.to_string() })
        })
        .collect::<Result<_, _>>()?;
    let reps = spec.experiment.replications;
    let jobs: Vec<(usize, u32)> = (0..points.len()).flat_map(|k| (0..reps).map(move |i| (k, i))).collect();
    Ok(jobs.par_iter().map(|&(k, i)| run_one(spec, points[k], &templates[k], i)).collect())
}

/// Which points a shard `k` of `n` (1-based) runs: those with `index % n == k − 1`.
pub fn shard_points(plan: &Plan, shard: Option<(usize, usize)>) -> Vec<&Point> {
    plan.points.iter().filter(|p| shard.is_none_or(|(k, n)| p.index % n == k - 1)).collect()
}
