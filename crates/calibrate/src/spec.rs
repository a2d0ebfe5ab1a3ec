//! The calibration spec: which parameters, with which priors, against which patterns of the
//! record, with how many particles — read from TOML and checked with located errors.

use model::{FieldPath, Locator, Problem, ScenarioError};
use serde::{Deserialize, Serialize};

/// The spec format version.
pub const SCHEMA_VERSION: u32 = 1;

/// A calibration spec (docs/calibration.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Format version ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// What to calibrate and how hard.
    pub calibration: Settings,
    /// The parameters and their priors, in the order of every parameter vector.
    pub parameters: Vec<ParameterSpec>,
    /// The scorecard patterns the posterior must reproduce.
    #[serde(default)]
    pub statistics: Statistics,
}

/// The `[calibration]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Short name.
    pub name: String,
    /// The replay scenario (only `history-1945` has a record to compare with).
    #[serde(default = "default_scenario")]
    pub scenario: String,
    /// Master seed of every random stream.
    pub seed: u64,
    /// Particles per generation.
    pub particles: usize,
    /// Replays per proposed parameter vector (their distances are averaged).
    #[serde(default = "one")]
    pub replications: usize,
    /// Most generations, counting the draws from the prior.
    pub generations: usize,
    /// Stop after a generation whose acceptance rate falls below this.
    #[serde(default)]
    pub min_acceptance_rate: f64,
    /// Quantile of the previous generation's distances that sets the next tolerance.
    #[serde(default = "half")]
    pub quantile: f64,
    /// Most proposals for one particle in one generation.
    #[serde(default = "attempts")]
    pub max_attempts: u64,
    /// Last year of the training window: patterns that look only at years up to it are fitted
    /// (unless `statistics.patterns` names them); the others are predicted out of sample.
    pub training_until: i32,
    /// Posterior-predictive replays for the out-of-sample check.
    #[serde(default = "predictive")]
    pub predictive_runs: u32,
}

fn default_scenario() -> String {
    "history-1945".into()
}
fn one() -> usize {
    1
}
fn half() -> f64 {
    0.5
}
fn attempts() -> u64 {
    10_000
}
fn predictive() -> u32 {
    200
}

/// One calibrated parameter and its prior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterSpec {
    /// An engine parameter (`deterrence params`).
    pub name: String,
    /// `uniform`, `log-uniform` or `normal` (truncated to `[low, high]`).
    pub prior: PriorKind,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// Mean (normal prior only).
    #[serde(default)]
    pub mean: Option<f64>,
    /// Standard deviation (normal prior only).
    #[serde(default)]
    pub sd: Option<f64>,
    /// Where the prior comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// The shape of a prior.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PriorKind {
    /// Uniform on `[low, high]`.
    Uniform,
    /// Log-uniform on `[low, high]` (`low > 0`).
    LogUniform,
    /// Normal (`mean`, `sd`) truncated to `[low, high]`.
    Normal,
}

/// The `[statistics]` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistics {
    /// Scorecard patterns to fit (`deterrence validate` names); empty: every pattern of the
    /// training window ([`crate::training_patterns`]).
    #[serde(default)]
    pub patterns: Vec<String>,
}

impl ParameterSpec {
    /// The prior as the sampler takes it.
    pub fn distribution(&self) -> stats::calibration::Distribution {
        use stats::calibration::Distribution;
        match self.prior {
            PriorKind::Uniform => Distribution::Uniform { lo: self.low, hi: self.high },
            PriorKind::LogUniform => Distribution::LogUniform { lo: self.low, hi: self.high },
            PriorKind::Normal => Distribution::Normal {
                mean: self.mean.unwrap_or(f64::NAN),
                sd: self.sd.unwrap_or(f64::NAN),
                lo: self.low,
                hi: self.high,
            },
        }
    }
}

/// Reads and checks a spec from TOML text named `file`: every problem with its line, column
/// and field.
pub fn parse_spec(text: &str, file: &str) -> Result<Spec, ScenarioError> {
    let locator = Locator::new(text);
    let spec: Spec = toml::from_str(text)
        .map_err(|e| ScenarioError { file: file.to_owned(), problems: vec![locator.problem_from_toml(&e)] })?;
    let findings = check(&spec);
    if findings.is_empty() {
        return Ok(spec);
    }
    let mut problems: Vec<Problem> = findings.into_iter().map(|(p, m)| locator.problem_at_path(&p, m)).collect();
    problems.sort_by_key(|p| (p.line, p.column));
    Err(ScenarioError { file: file.to_owned(), problems })
}

/// Checks meaning: known names, priors inside the parameters' domains, sizes.
pub fn check(spec: &Spec) -> Vec<(FieldPath, String)> {
    let mut out = Vec::new();
    let root = FieldPath::root();
    if spec.schema != SCHEMA_VERSION {
        out.push((root.key("schema"), format!("expected schema version {SCHEMA_VERSION}, got {}", spec.schema)));
    }
    let c = root.key("calibration");
    let s = &spec.calibration;
    if s.scenario != "history-1945" {
        out.push((
            c.key("scenario"),
            format!("only `history-1945` has a record to calibrate against, got `{}`", s.scenario),
        ));
    }
    if s.particles < 2 {
        out.push((c.key("particles"), format!("expected at least 2 particles, got {}", s.particles)));
    }
    if s.replications < 1 {
        out.push((c.key("replications"), "expected at least 1 replication".into()));
    }
    if s.generations < 1 {
        out.push((c.key("generations"), "expected at least 1 generation".into()));
    }
    if s.max_attempts < 1 {
        out.push((c.key("max_attempts"), "expected at least 1 attempt".into()));
    }
    if !(s.quantile > 0.0 && s.quantile < 1.0) {
        out.push((c.key("quantile"), format!("expected a quantile strictly between 0 and 1, got {}", s.quantile)));
    }
    if !(0.0..=1.0).contains(&s.min_acceptance_rate) {
        out.push((c.key("min_acceptance_rate"), format!("expected a rate in [0, 1], got {}", s.min_acceptance_rate)));
    }
    if !(1946..history::validate::LAST_YEAR).contains(&s.training_until) {
        out.push((
            c.key("training_until"),
            format!("expected a year from 1946 to {}, got {}", history::validate::LAST_YEAR - 1, s.training_until),
        ));
    }
    if s.predictive_runs < 1 {
        out.push((c.key("predictive_runs"), "expected at least 1 posterior-predictive run".into()));
    }
    let ps = root.key("parameters");
    if spec.parameters.is_empty() {
        out.push((ps.clone(), "expected at least one [[parameters]] entry".into()));
    }
    for (i, p) in spec.parameters.iter().enumerate() {
        let at = ps.index(i);
        if spec.parameters[..i].iter().any(|q| q.name == p.name) {
            out.push((at.key("name"), format!("parameter `{}` is listed twice", p.name)));
        }
        match engine::params::SPECS.iter().find(|s| s.name == p.name) {
            None => {
                out.push((at.key("name"), format!("unknown engine parameter `{}` (see `deterrence params`)", p.name)))
            }
            Some(_) => {
                for (key, value) in [("low", p.low), ("high", p.high)] {
                    if let Err(e) = engine::params::check(&p.name, value) {
                        out.push((at.key(key), e));
                    }
                }
            }
        }
        if p.low >= p.high || p.low.is_nan() || p.high.is_nan() {
            out.push((at.key("high"), format!("expected high > low, got low {} and high {}", p.low, p.high)));
        }
        if p.prior == PriorKind::LogUniform && p.low <= 0.0 {
            out.push((at.key("low"), format!("a log-uniform prior needs low > 0, got {}", p.low)));
        }
        if p.prior == PriorKind::Normal {
            if p.mean.is_none_or(|m| !m.is_finite()) {
                out.push((at.key("mean"), "a normal prior needs a finite `mean`".into()));
            }
            if p.sd.is_none_or(|s| !(s > 0.0 && s.is_finite())) {
                out.push((at.key("sd"), "a normal prior needs a positive `sd`".into()));
            }
        } else {
            for (key, v) in [("mean", p.mean), ("sd", p.sd)] {
                if v.is_some() {
                    out.push((at.key(key), format!("`{key}` belongs to normal priors only")));
                }
            }
        }
    }
    let names: Vec<String> = history::validate::pattern_specs().into_iter().map(|s| s.name).collect();
    let st = root.key("statistics").key("patterns");
    for (i, n) in spec.statistics.patterns.iter().enumerate() {
        if !names.contains(n) {
            out.push((st.index(i), format!("unknown pattern `{n}`; known patterns: {}", names.join(", "))));
        } else if spec.statistics.patterns[..i].contains(n) {
            out.push((st.index(i), format!("pattern `{n}` is listed twice")));
        }
    }
    out
}
