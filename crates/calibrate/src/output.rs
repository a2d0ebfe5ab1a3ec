//! The files a calibration writes and reads back: `checkpoint.json` after every generation (the
//! whole state a resumed run needs), `generations.csv`, `posterior.csv`, `prediction.csv` and
//! `calibration.json` (spec, provenance, statistics, diagnostics, marginals, predictions).

use crate::{Calibrated, Marginal, Prediction, Problem, Statistic};
use serde::{Deserialize, Serialize};
use stats::calibration::{Generation, StopReason};
use std::fmt::Write as _;
use std::path::Path;

/// The checkpoint: the last generation made, with the hash of the spec text it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// FNV-1a hash of the spec text.
    pub spec_hash: String,
    /// Diagnostics of every generation made so far (particles left out), in order.
    pub history: Vec<GenerationSummary>,
    /// The last generation, with its particles.
    pub last: Generation,
}

/// One generation's diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerationSummary {
    /// Index (0 = draws from the prior).
    pub index: usize,
    /// Tolerance (none for generation 0).
    pub tolerance: Option<f64>,
    /// Parameter vectors proposed.
    pub proposals: u64,
    /// Replays run.
    pub simulations: u64,
    /// Accepted / proposed.
    pub acceptance_rate: f64,
    /// Kish effective sample size.
    pub ess: f64,
}

impl GenerationSummary {
    /// The diagnostics of `g`.
    pub fn of(g: &Generation) -> GenerationSummary {
        GenerationSummary {
            index: g.index,
            tolerance: g.tolerance,
            proposals: g.proposals,
            simulations: g.simulations,
            acceptance_rate: g.acceptance_rate,
            ess: g.ess,
        }
    }
}

/// The body of `calibration.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    /// The spec.
    pub spec: &'a crate::Spec,
    /// Build and scenario provenance.
    pub provenance: &'a lab::Provenance,
    /// The fitted statistics.
    pub statistics: Vec<Statistic>,
    /// Every generation's diagnostics.
    pub generations: &'a [GenerationSummary],
    /// Why the sampler stopped.
    pub stop: &'a StopReason,
    /// Posterior marginals of the last generation.
    pub marginals: &'a [Marginal],
    /// Every pattern at the defaults and under the posterior predictive.
    pub predictions: &'a [Prediction],
}

/// `generations.csv`.
pub fn generations_csv(history: &[GenerationSummary]) -> String {
    let mut s = String::from("generation,tolerance,proposals,simulations,acceptance_rate,ess\n");
    for g in history {
        let tol = g.tolerance.map_or_else(String::new, |t| t.to_string());
        let _ = writeln!(s, "{},{tol},{},{},{},{}", g.index, g.proposals, g.simulations, g.acceptance_rate, g.ess);
    }
    s
}

/// `posterior.csv`: the last generation's particles.
pub fn posterior_csv(problem: &Problem, g: &Generation) -> String {
    let mut s = String::from("particle,weight,distance");
    for p in &problem.spec.parameters {
        s.push(',');
        s.push_str(&p.name);
    }
    s.push('\n');
    for (i, q) in g.particles.iter().enumerate() {
        let _ = write!(s, "{i},{},{}", q.weight, q.distance);
        for v in &q.theta {
            let _ = write!(s, ",{v}");
        }
        s.push('\n');
    }
    s
}

/// `prediction.csv`: every pattern at the defaults and under the posterior predictive.
pub fn prediction_csv(predictions: &[Prediction]) -> String {
    let mut s = String::from(
        "pattern,window,record,tolerance,default_median,default_pass,posterior_median,posterior_low,posterior_high,posterior_pass,covered,crps_default,crps_posterior,baseline,crps_baseline\n",
    );
    for p in predictions {
        let (d, q) = (&p.default, &p.posterior);
        let window = if p.fitted { "fitted" } else { "out-of-sample" };
        let opt = |x: Option<f64>| x.map_or_else(String::new, |v| v.to_string());
        let _ = writeln!(
            s,
            "{},{window},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            q.name,
            q.record,
            q.tolerance,
            d.median,
            d.pass,
            q.median,
            q.q05,
            q.q95,
            q.pass,
            p.covered,
            opt(p.crps_default),
            opt(p.crps_posterior),
            opt(p.baseline),
            opt(p.crps_baseline)
        );
    }
    s
}

/// Writes `text` to `dir/name` through a temporary file and a rename, so an interrupted write
/// never leaves a half-written file.
pub fn write_atomic(dir: &Path, name: &str, text: &str) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, dir.join(name))
}

/// Reads `dir/checkpoint.json`; `None` when there is none.
pub fn read_checkpoint(dir: &Path) -> Result<Option<Checkpoint>, String> {
    let path = dir.join("checkpoint.json");
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map(Some).map_err(|e| format!("{}: not a calibration checkpoint: {e}", path.display()))
}

/// Writes the checkpoint after a generation.
pub fn write_checkpoint(dir: &Path, checkpoint: &Checkpoint) -> std::io::Result<()> {
    let text = serde_json::to_string(checkpoint).map_err(std::io::Error::other)?;
    write_atomic(dir, "checkpoint.json", &text)
}

/// The whole generation history after `calibrated` ran on top of `before`.
pub fn history(before: &[GenerationSummary], calibrated: &Calibrated) -> Vec<GenerationSummary> {
    let mut all = before.to_vec();
    all.extend(calibrated.generations.iter().map(GenerationSummary::of));
    all
}
