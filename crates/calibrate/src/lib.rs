//! Calibration of the nuclear-age replay (`history-1945`) to the historical record by ABC-SMC
//! (docs/calibration.md).
//!
//! - [`spec`] reads the TOML spec: parameters with priors, the patterns to fit, the sampler's
//!   settings, the training window;
//! - [`Problem`] turns a spec into the sampler's pieces: the prior, the observed statistics (the
//!   record's values of the scorecard patterns, each scaled by its tolerance as observation
//!   error) and the simulator (one replay at the proposed parameters → the patterns' values);
//! - [`Problem::calibrate`] runs the generations, each in parallel (rayon) with bit-identical
//!   results on any number of threads, from the prior or from a checkpoint, alone or as one
//!   of several processes sharing each generation's particles ([`shard`]);
//! - [`Problem::predict`] replays draws from the posterior and scores every pattern, those of
//!   the training window and those after it (out of sample), beside the default parameters.

pub mod output;
pub mod shard;
pub mod spec;

use history::record::Record;
use history::validate::{self, LAST_YEAR, Pattern};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use serde::Serialize;
use stats::calibration::{AbcConfig, AbcSmc, Generation, KernelKind, Observed, Parameter, Prior, StopReason};

pub use spec::{Spec, parse_spec};

/// A model value of an acquisition year for a run without weapons by [`LAST_YEAR`]: ten years
/// later, so the distance counts a state that never acquires as a miss of at least ten years.
pub const NEVER_YEAR: f64 = (LAST_YEAR + 10) as f64;

/// Why a calibration cannot be set up or run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CalibrationError {
    /// The scenario or the record cannot be loaded or resolved.
    #[error("{0}")]
    Setup(String),
    /// The sampler failed (a message from the statistics library).
    #[error("ABC-SMC: {0}")]
    Sampler(String),
    /// A generation's particles are not all made yet (other shards have not finished): run
    /// again to continue.
    #[error("generation not complete: {0}")]
    Incomplete(String),
}

/// The last year a pattern looks at in the record: the decade of an `armed_states_YEAR`, the
/// year of an arsenal, the recorded acquisition of an `acquisition_year_ISO`, the end of the
/// false-alarm window, 1991 for South Africa's giving up; the whole replay (2025) otherwise.
pub fn pattern_last_year(name: &str, record: &Record) -> i32 {
    let year_suffix = || name.rsplit('_').next().and_then(|y| y.parse::<i32>().ok());
    if name.starts_with("armed_states_")
        || (name.starts_with("arsenal_") && name != "arsenal_peak_year" && name != "arsenal_peak_size")
    {
        return year_suffix().unwrap_or(LAST_YEAR);
    }
    if let Some(iso) = name.strip_prefix("acquisition_year_") {
        return record.programmes.iter().find(|p| p.iso3 == iso).and_then(|p| p.acquire_year).unwrap_or(LAST_YEAR);
    }
    if name.starts_with("false_alarms_") {
        return validate::FALSE_ALARM_WINDOW.1;
    }
    if name == "gives_up_ZAF" {
        return 1991;
    }
    LAST_YEAR
}

/// Patterns whose per-run value can be undefined (NaN); they cannot be fitted.
const UNDEFINED_IN_SOME_RUNS: [&str; 1] = ["no_violence_share_armed"];

/// The patterns of the training window: every pattern that looks only at years up to `until`
/// and is defined in every run, in scorecard order.
pub fn training_patterns(until: i32, record: &Record) -> Vec<String> {
    validate::pattern_specs()
        .into_iter()
        .map(|s| s.name)
        .filter(|n| pattern_last_year(n, record) <= until && !UNDEFINED_IN_SOME_RUNS.contains(&n.as_str()))
        .collect()
}

/// A calibration ready to run: the replay, the prior, the observed statistics.
pub struct Problem {
    /// The spec it came from.
    pub spec: Spec,
    scenario: model::Scenario,
    record: Record,
    /// The fitted patterns (scorecard names), in order.
    pub patterns: Vec<String>,
    indices: Vec<usize>,
    /// The record's value of each fitted pattern.
    pub observed: Vec<f64>,
    /// Each fitted pattern's scale (its tolerance, as observation error).
    pub scales: Vec<f64>,
    recorder: lab::series::Recorder,
}

/// One fitted or predicted pattern's record value and scale, as the outputs list them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statistic {
    /// Pattern name.
    pub name: String,
    /// The record's value.
    pub record: f64,
    /// Observation error (the pattern's tolerance).
    pub scale: f64,
}

/// The result of [`Problem::calibrate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibrated {
    /// The generations made by this call, in order (a resumed generation is not repeated).
    pub generations: Vec<Generation>,
    /// Why the sampler stopped.
    pub stop: StopReason,
}

/// A parameter's weighted posterior summary.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Marginal {
    /// Parameter name.
    pub name: String,
    /// The engine's default.
    pub default: f64,
    /// Weighted mean.
    pub mean: f64,
    /// Weighted standard deviation.
    pub sd: f64,
    /// Weighted 5 %, 50 % and 95 % quantiles.
    pub quantiles: [f64; 3],
}

/// One pattern scored at the default parameters and under the posterior predictive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Whether the pattern was fitted (inside the training window) or is predicted out of sample.
    pub fitted: bool,
    /// The pattern scored with the engine's default parameters.
    pub default: Pattern,
    /// The pattern scored with parameters drawn from the posterior.
    pub posterior: Pattern,
    /// Continuous ranked probability score of the default replays against the record (lower
    /// is better; in the pattern's units).
    pub crps_default: Option<f64>,
    /// Continuous ranked probability score of the posterior-predictive replays.
    pub crps_posterior: Option<f64>,
    /// Whether the record lies inside the posterior predictive's 90 % interval.
    pub covered: bool,
    /// A simple baseline's forecast made from the training window alone ([`baseline`]), where
    /// one applies.
    pub baseline: Option<f64>,
    /// The baseline's score: its absolute error, which is the CRPS of a point forecast.
    pub crps_baseline: Option<f64>,
}

/// A simple forecast of pattern `name` from the record of the training window (years up to
/// `until`), to beat: for the nuclear-armed states at the end of a later year, the number armed
/// at `until` plus a constant-rate Poisson process of acquisitions fitted on 1945–`until`
/// (its mean); for a later arsenal, persistence (the arsenal at `until`). `None` for other
/// patterns and for years inside the window.
pub fn baseline(name: &str, until: i32, record: &Record) -> Option<f64> {
    let year: i32 = name.rsplit('_').next()?.parse().ok()?;
    if year <= until {
        return None;
    }
    if name.starts_with("armed_states_") {
        let armed = |y: i32| {
            record
                .programmes
                .iter()
                .filter(|p| p.acquire_year.is_some_and(|a| a <= y) && p.gave_up_year.is_none_or(|g| g > y))
                .count() as f64
        };
        let acquisitions =
            record.programmes.iter().filter(|p| p.acquire_year.is_some_and(|a| (1945..=until).contains(&a))).count();
        let rate = acquisitions as f64 / f64::from(until - 1945 + 1);
        return Some(armed(until) + rate * f64::from(year - until));
    }
    if let Some(rest) = name.strip_prefix("arsenal_") {
        let iso = rest.split('_').next()?;
        let value = validate::arsenal_target(record, iso, until).value;
        return value.is_finite().then_some(value);
    }
    None
}

impl Problem {
    /// Sets up a calibration from a checked spec.
    pub fn new(spec: Spec) -> Result<Problem, CalibrationError> {
        let loaded =
            lab::Loaded::load(&spec.calibration.scenario).map_err(|e| CalibrationError::Setup(e.to_string()))?;
        let scenario = loaded.scenario;
        let record = Record::builtin().map_err(|e| CalibrationError::Setup(format!("the built-in record: {e}")))?;
        let patterns = if spec.statistics.patterns.is_empty() {
            training_patterns(spec.calibration.training_until, &record)
        } else {
            spec.statistics.patterns.clone()
        };
        if let Some(bad) = patterns.iter().find(|p| UNDEFINED_IN_SOME_RUNS.contains(&p.as_str())) {
            return Err(CalibrationError::Setup(format!(
                "pattern `{bad}` is undefined in runs without its events and cannot be fitted"
            )));
        }
        let specs = validate::pattern_specs();
        let targets = validate::record_targets(&record);
        let mut indices = Vec::new();
        let (mut observed, mut scales) = (Vec::new(), Vec::new());
        for name in &patterns {
            let k = specs
                .iter()
                .position(|s| &s.name == name)
                .ok_or_else(|| CalibrationError::Setup(format!("unknown pattern `{name}`")))?;
            let value = targets.values[k].value;
            if !value.is_finite() {
                return Err(CalibrationError::Setup(format!("the record has no value for pattern `{name}`")));
            }
            indices.push(k);
            observed.push(value);
            scales.push(specs[k].tolerance.width(value).max(1e-9));
        }
        if indices.is_empty() {
            return Err(CalibrationError::Setup("no pattern to fit in the training window".into()));
        }
        let recorder = validate::state_recorder();
        // Every prior bound must give a scenario the engine accepts.
        let problem = Problem { spec, scenario, record, patterns, indices, observed, scales, recorder };
        for p in &problem.spec.parameters {
            for v in [p.low, p.high] {
                problem.template(&[(p.name.clone(), v)])?;
            }
        }
        Ok(problem)
    }

    /// The fitted statistics with their record values and scales.
    pub fn statistics(&self) -> Vec<Statistic> {
        self.patterns
            .iter()
            .zip(self.observed.iter().zip(&self.scales))
            .map(|(n, (&record, &scale))| Statistic { name: n.clone(), record, scale })
            .collect()
    }

    /// The prior of the spec's parameters.
    pub fn prior(&self) -> Result<Prior, CalibrationError> {
        Prior::new(
            self.spec
                .parameters
                .iter()
                .map(|p| Parameter { name: p.name.clone(), distribution: p.distribution() })
                .collect(),
        )
        .map_err(|e| CalibrationError::Sampler(e.to_string()))
    }

    /// The sampler's settings.
    pub fn config(&self) -> AbcConfig {
        let s = &self.spec.calibration;
        AbcConfig {
            particles: s.particles,
            replications: s.replications,
            quantile: s.quantile,
            kernel: KernelKind::MultivariateNormal,
            max_generations: s.generations,
            target_tolerance: 0.0,
            min_acceptance_rate: s.min_acceptance_rate,
            max_attempts: s.max_attempts,
            seed: s.seed,
        }
    }

    fn template(&self, values: &[(String, f64)]) -> Result<engine::Template, CalibrationError> {
        let options = engine::RunOptions { parameters: values.to_vec(), ..Default::default() };
        let resolved = engine::resolve(&self.scenario, &options).map_err(|e| CalibrationError::Setup(e.message))?;
        Ok(engine::Template::new(&self.scenario, &resolved))
    }

    fn named(&self, theta: &[f64]) -> Vec<(String, f64)> {
        self.spec.parameters.iter().zip(theta).map(|(p, &v)| (p.name.clone(), v)).collect()
    }

    /// Every pattern's value in one replay at `theta`: run `run` of master seed `seed`.
    fn replay(&self, theta: &[f64], seed: u64, run: u64) -> Vec<f64> {
        match self.template(&self.named(theta)) {
            Ok(template) => {
                let (out, series) = self.recorder.run(&template, seed, run);
                validate::run_targets(&out.years, &validate::state_years(&series.states))
            }
            Err(_) => vec![f64::NAN; validate::pattern_specs().len()],
        }
    }

    /// The fitted statistics of one replay at `theta`, its seed drawn from `rng` (a year never
    /// reached counts as [`NEVER_YEAR`]).
    pub fn simulate(&self, theta: &[f64], rng: &mut ChaCha8Rng) -> Vec<f64> {
        let all = self.replay(theta, rng.next_u64(), 0);
        self.indices.iter().map(|&k| if all[k].is_infinite() { NEVER_YEAR } else { all[k] }).collect()
    }

    /// Runs the sampler from the prior, or from `resume` (a checkpointed generation), telling
    /// `observer` of every generation as soon as it is made. `coordinator` says which particles
    /// of each generation this process makes and gathers the rest ([`shard::Alone`]: all of
    /// them). The particles are simulated in parallel; each proposal has its own random stream,
    /// so the result depends neither on the number of threads nor on how the particles are
    /// shared between processes.
    pub fn calibrate(
        &self,
        resume: Option<Generation>,
        coordinator: &dyn shard::Coordinator,
        observer: &mut dyn FnMut(&Generation),
    ) -> Result<Calibrated, CalibrationError> {
        let err = |e: stats::StatsError| CalibrationError::Sampler(e.to_string());
        let observed = Observed::new(self.observed.clone(), self.scales.clone()).map_err(err)?;
        let smc = AbcSmc::new(self.prior()?, observed, self.config(), |theta: &[f64], rng: &mut ChaCha8Rng| {
            self.simulate(theta, rng)
        })
        .map_err(err)?;
        let particles = self.spec.calibration.particles;
        let step = |parent: Option<&Generation>| -> Result<Option<Generation>, CalibrationError> {
            let plan = smc.plan(parent).map_err(err)?;
            let known = coordinator.known(plan.index, parent)?;
            let made = (0..particles)
                .into_par_iter()
                .filter(|i| !known.contains_key(i) && coordinator.owns(*i))
                .map(|i| smc.propose(&plan, parent, i).map(|o| (i, o)))
                .collect::<Result<std::collections::BTreeMap<_, _>, _>>()
                .map_err(err)?;
            let outcomes = coordinator.gather(plan.index, parent, particles, known, made)?;
            smc.assemble(&plan, parent, outcomes).map_err(err)
        };
        let mut generations = Vec::new();
        let mut current = match resume {
            Some(g) => g,
            None => match step(None)? {
                Some(g) => {
                    observer(&g);
                    generations.push(g.clone());
                    g
                }
                None => return Ok(Calibrated { generations, stop: StopReason::AttemptLimit { generation: 0 } }),
            },
        };
        loop {
            if let Some(stop) = smc.stop_after(&current) {
                return Ok(Calibrated { generations, stop });
            }
            match step(Some(&current))? {
                Some(g) => {
                    observer(&g);
                    generations.push(g.clone());
                    current = g;
                }
                None => {
                    let generation = current.index + 1;
                    return Ok(Calibrated { generations, stop: StopReason::AttemptLimit { generation } });
                }
            }
        }
    }

    /// The weighted marginal summaries of a generation's particles.
    pub fn marginals(&self, posterior: &Generation) -> Vec<Marginal> {
        let weights = posterior.weights();
        let mean = posterior.mean();
        let sd = posterior.sd();
        self.spec
            .parameters
            .iter()
            .enumerate()
            .map(|(j, p)| {
                let xs: Vec<f64> = posterior.particles.iter().map(|q| q.theta[j]).collect();
                let q = |level| stats::calibration::weighted_quantile(&xs, &weights, level).unwrap_or(f64::NAN);
                Marginal {
                    name: p.name.clone(),
                    default: engine::params::Params::default().get(&p.name).unwrap_or(f64::NAN),
                    mean: mean[j],
                    sd: sd[j],
                    quantiles: [q(0.05), q(0.5), q(0.95)],
                }
            })
            .collect()
    }

    /// Posterior-predictive check: `runs` replays, each at a particle drawn from `posterior` by
    /// weight, beside `runs` replays at the engine's defaults; every scorecard pattern scored
    /// both ways, marked fitted or out of sample. Run `r` uses run index `r` of `seed` for both,
    /// and draws its particle from its own stream, so the result does not depend on threads.
    pub fn predict(&self, posterior: &Generation, runs: u32, seed: u64) -> Result<Vec<Prediction>, CalibrationError> {
        if posterior.particles.is_empty() {
            return Err(CalibrationError::Sampler("the posterior generation holds no particle".into()));
        }
        let defaults: Vec<f64> = self
            .spec
            .parameters
            .iter()
            .map(|p| engine::params::Params::default().get(&p.name).unwrap_or(f64::NAN))
            .collect();
        let pairs: Vec<(Vec<f64>, Vec<f64>)> = (0..u64::from(runs))
            .into_par_iter()
            .map(|r| {
                let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7072_6564_6963_7400);
                rng.set_stream(r);
                let j = posterior.draw_index(&mut rng).unwrap_or(0);
                (self.replay(&defaults, seed, r), self.replay(&posterior.particles[j].theta, seed, r))
            })
            .collect();
        let specs = validate::pattern_specs();
        let targets = validate::record_targets(&self.record);
        let until = self.spec.calibration.training_until;
        Ok(specs
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let column = |second: bool| -> Vec<f64> {
                    pairs.iter().map(|(a, b)| if second { b[k] } else { a[k] }).collect()
                };
                let record = targets.values[k].value;
                // A year never reached counts as NEVER_YEAR in the scores, as in the fit.
                let finite = |xs: Vec<f64>| -> Vec<f64> {
                    xs.into_iter().map(|x| if x.is_infinite() { NEVER_YEAR } else { x }).collect()
                };
                let posterior = validate::score(s, &targets.values[k], &column(true));
                let base = baseline(&s.name, until, &self.record);
                Prediction {
                    fitted: self.indices.contains(&k) || pattern_last_year(&s.name, &self.record) <= until,
                    default: validate::score(s, &targets.values[k], &column(false)),
                    covered: (posterior.q05..=posterior.q95).contains(&record),
                    posterior,
                    crps_default: stats::analysis::crps(&finite(column(false)), record),
                    crps_posterior: stats::analysis::crps(&finite(column(true)), record),
                    crps_baseline: base.map(|b| (b - record).abs()),
                    baseline: base,
                }
            })
            .collect())
    }
}
