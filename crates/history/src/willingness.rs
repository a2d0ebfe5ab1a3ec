//! The willingness index estimated from the record: which states proliferate, and when.
//!
//! The engine's proliferation process turns each state's yearly willingness,
//! `logistic(intercept + β_t·threat + β_v·value + β_i·inequity + β_n·norm weakness −
//! β_c·cost + β_m·major power + β_s·shock)`
//! ([`engine::proliferation::willingness_index`]), into three decisions: a state with no
//! programme starts exploring with probability `explore_hazard × willingness`; an explorer that
//! leaves exploration goes on to pursue with probability `willingness`; a pursuer stops with
//! [`engine::proliferation::stop_probability`]. This module fits the index's coefficients and
//! `explore_hazard` by maximum likelihood to the programme histories of the record (Bleek 2017,
//! data/programmes.csv), in the manner of the discrete-time hazard models of Singh & Way (2004)
//! and Jo & Gartzke (2007), but with the engine's own covariates, so the estimate is of the
//! model's parameters rather than of a different regression:
//!
//! 1. **The record's path.** The `history-1945` scenario is replayed with every state's nuclear
//!    status following the record ([`record_schedule`]: `nuclear-status` events at each recorded
//!    exploration, pursuit, acquisition, stop and dismantlement;
//!    [`engine::Template::with_statuses_from_schedule`]), while the rest of the world — rivalries,
//!    alliances, the regime, arsenals, crises, learning — runs as in any replay. Each year the
//!    engine scores every state's covariates as the proliferation process would.
//! 2. **Observations** ([`observations`]): each state-year without a programme is an onset
//!    trial (did exploration start that year?); each exit from exploration is a pursue-or-stop
//!    trial; each year of pursuit is a stop trial. Years run from [`FIRST_YEAR`] (the replay's
//!    first decisions) to [`CENSOR_YEAR`] (the end of Bleek's coding).
//! 3. **The likelihood** ([`log_likelihood`]) is the engine's own probabilities of what the
//!    record shows. Crises and learning draw random numbers, so the covariates differ a little
//!    between replays; the log-likelihood is averaged over `runs` replays (one history's worth of
//!    information, so the standard errors are those of one history).
//! 4. **The fit** ([`fit`]): Nelder–Mead and Newton steps (`stats::optimize`), Wald standard
//!    errors and 90 % intervals from the observed information.
//!
//! The security shock's coefficient (`willingness_shock`, [`engine::proliferation::shock`]) is
//! one of the estimated coefficients; its window is profiled over a grid and the coefficient
//! tested against the nested fit with it held at 0 ([`shock_window_profile`], [`fit_held`]): the
//! engine keeps it only when the test rejects 0 at 5 %.
//!
//! The onset law's shift (`onset_shift`, [`engine::proliferation::onset_probability`]: onset at
//! `explore_hazard × logistic(index + onset_shift)`) is held at its engine value by [`fit`] and
//! estimated jointly with [`ESTIMATED`] by [`fit_onset_shift`], which tests it against 0: the
//! engine adopts the joint estimates only when the test rejects 0 at 5 %.
//!
//! The norm coefficient is not estimated: it is zero under the deterrence lens the replay runs
//! under, and the institutionalist lens's value is the lens's claim, not a fitted number.

use crate::hazards::CENSOR_YEAR;
use crate::record::Programme;
use engine::params::Params;
use engine::proliferation::{
    Covariates, arsenal_reversal_probability, onset_probability, pursuit_index, stop_probability, willingness_index,
};
use engine::{Keep, Resolved, Template};
use model::{EventKind, NuclearStatus, Scenario};

/// The first year whose programme decisions the replay makes (the scenario holds 1945's
/// statuses as its initial conditions).
pub const FIRST_YEAR: i32 = 1946;

/// The parameters [`fit`] estimates, in the order of its estimates.
pub const ESTIMATED: [&str; 9] = [
    "willingness_intercept",
    "willingness_threat",
    "willingness_value",
    "willingness_inequity",
    "willingness_cost",
    "ally_pressure",
    "willingness_major_power",
    "willingness_shock",
    "explore_hazard",
];

/// The number of [`ESTIMATED`] parameters; the last is `explore_hazard`.
const K: usize = ESTIMATED.len();

/// The length of the internal parameter vector: [`ESTIMATED`], then `onset_shift` (index `K`),
/// which [`fit`] holds at its value in the parameters and [`fit_onset_shift`] frees.
const N: usize = K + 1;

/// What a state-year puts at risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    /// A state with no programme may start exploring.
    Onset,
    /// An explorer leaving exploration goes on to pursue (the event) or stops.
    ExplorationExit,
    /// A pursuer may stop (the event) in this year of pursuit.
    PursuitYear,
    /// An armed state may give up its weapons (the event) this year; estimated separately
    /// ([`fit_arsenal_reversal`]), not part of the willingness likelihood.
    ArmedYear,
}

/// One trial of the likelihood.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The state.
    pub iso3: String,
    /// The year.
    pub year: i32,
    /// What was at risk.
    pub risk: Risk,
    /// Whether it happened: exploration started, pursuit chosen, pursuit stopped.
    pub event: bool,
    /// The state's covariates that year, one per replay.
    pub covariates: Vec<Covariates>,
}

/// The `nuclear-status` events that make a replay of `scenario` follow the record's programmes
/// after its first year: exploring at each `explore_start`, pursuing at each `pursue_start`,
/// possessing at each `acquire_year`, none when a programme stopped (at `explore_end` of a
/// programme that never pursued, at `pursue_end` of one that never acquired), disarmed at each
/// `gave_up_year` of a state that had acquired. States the scenario does not hold are skipped.
pub fn record_schedule(scenario: &Scenario, programmes: &[Programme]) -> Vec<model::Event> {
    let start = scenario.simulation.as_ref().map_or(FIRST_YEAR - 1, |s| s.start_year);
    let mut events = Vec::new();
    let mut push = |year: Option<i32>, iso3: &str, status: NuclearStatus| {
        if let Some(year) = year.filter(|&y| y > start) {
            let mut e = model::Event::new(year, EventKind::NuclearStatus);
            e.state = Some(iso3.to_owned());
            e.nuclear_status = Some(status);
            events.push(e);
        }
    };
    for p in programmes {
        if !scenario.states.iter().any(|s| s.iso3 == p.iso3) {
            continue;
        }
        push(p.explore_start, &p.iso3, NuclearStatus::Exploring);
        push(p.pursue_start, &p.iso3, NuclearStatus::Pursuing);
        push(p.acquire_year, &p.iso3, NuclearStatus::Possessing);
        match (p.pursue_start, p.acquire_year) {
            (None, _) => push(p.explore_end, &p.iso3, NuclearStatus::None),
            (Some(_), None) => push(p.pursue_end, &p.iso3, NuclearStatus::None),
            (Some(_), Some(_)) => push(p.gave_up_year, &p.iso3, NuclearStatus::Disarmed),
        }
    }
    // Same-year events apply in file order: keep each state's stages in order within a year.
    events.sort_by_key(|e| e.year);
    events
}

/// Where a state stands in the record in `year` (after that year's changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    None,
    Exploring,
    Pursuing,
    Armed,
}

fn stage(programmes: &[&Programme], year: i32) -> Stage {
    for p in programmes {
        if p.acquire_year.is_some_and(|a| a <= year) {
            if p.gave_up_year.is_some_and(|g| g <= year) {
                continue;
            }
            return Stage::Armed;
        }
        // Not armed by `year` (acquisition was handled above).
        if p.pursue_start.is_some_and(|ps| ps <= year) {
            if p.pursue_end.is_none_or(|e| e > year) {
                return Stage::Pursuing;
            }
            continue;
        }
        if p.explore_start.is_some_and(|es| es <= year) && p.explore_end.is_none_or(|e| e > year) {
            return Stage::Exploring;
        }
    }
    Stage::None
}

/// The trials of the record ([`Risk`]) for every state of `scenario` that starts without weapons,
/// from [`FIRST_YEAR`] to [`CENSOR_YEAR`], each with no covariates yet.
pub fn trials(scenario: &Scenario, programmes: &[Programme]) -> Vec<Observation> {
    let mut out = Vec::new();
    for s in &scenario.states {
        let rows: Vec<&Programme> = programmes.iter().filter(|p| p.iso3 == s.iso3).collect();
        let mut trial = |year: i32, risk: Risk, event: bool| {
            out.push(Observation { iso3: s.iso3.clone(), year, risk, event, covariates: Vec::new() })
        };
        for year in FIRST_YEAR..=CENSOR_YEAR {
            let before = stage(&rows, year - 1);
            let started = rows.iter().any(|p| p.explore_start == Some(year));
            let pursued = rows.iter().any(|p| p.pursue_start == Some(year));
            match before {
                Stage::None => {
                    trial(year, Risk::Onset, started);
                    // Explored and pursued in the same year: the exit to pursuit is a trial too.
                    if started && pursued {
                        trial(year, Risk::ExplorationExit, true);
                    }
                }
                Stage::Exploring => {
                    let stopped = rows
                        .iter()
                        .any(|p| p.pursue_start.is_none() && p.explore_end == Some(year) && p.acquire_year.is_none());
                    if pursued || stopped {
                        trial(year, Risk::ExplorationExit, pursued);
                    }
                }
                Stage::Pursuing => {
                    let stopped = rows
                        .iter()
                        .any(|p| p.acquire_year.is_none() && p.pursue_end == Some(year) && p.pursue_start < Some(year));
                    trial(year, Risk::PursuitYear, stopped);
                }
                Stage::Armed => {
                    let gave_up = rows.iter().any(|p| p.acquire_year.is_some() && p.gave_up_year == Some(year));
                    trial(year, Risk::ArmedYear, gave_up);
                }
            }
        }
    }
    out
}

/// The trials of the record with each state's covariates from `runs` replays of `scenario`
/// whose statuses follow the record (replays `0..runs` of `seed`).
pub fn observations(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
) -> Vec<Observation> {
    let mut conditioned = scenario.clone();
    conditioned.events.extend(record_schedule(scenario, programmes));
    conditioned.events.sort_by_key(|e| e.year);
    let template = Template::new(&conditioned, resolved).with_statuses_from_schedule();
    let start = resolved.start_year;
    let mut trials = trials(scenario, programmes);
    let index: Vec<usize> = trials
        .iter()
        .map(|t| scenario.states.iter().position(|s| s.iso3 == t.iso3).expect("trials come from the scenario's states"))
        .collect();
    for run in 0..runs {
        // by_year[y][i]: state i's covariates in year start + y.
        let mut by_year: Vec<Vec<Covariates>> = Vec::new();
        template.run_observed_keeping(seed, run, Keep::YEARS, |w| {
            by_year.push(w.actors.iter().map(|a| a.willingness_inputs).collect());
        });
        for (t, &i) in trials.iter_mut().zip(&index) {
            let y = usize::try_from(t.year - start).unwrap_or(usize::MAX);
            if let Some(row) = by_year.get(y) {
                t.covariates.push(row[i]);
            }
        }
    }
    trials.retain(|t| t.covariates.len() as u64 == runs);
    trials
}

/// `params` with the estimated parameters ([`ESTIMATED`]) set to `theta`, where entry 8 is
/// `explore_hazard` on the logit scale; a tenth entry, if present, is `onset_shift`.
pub fn with_theta(params: &Params, theta: &[f64]) -> Params {
    let mut p = params.clone();
    p.willingness_intercept = theta[0];
    p.willingness_threat = theta[1];
    p.willingness_value = theta[2];
    p.willingness_inequity = theta[3];
    p.willingness_cost = theta[4];
    p.ally_pressure = theta[5];
    p.willingness_major_power = theta[6];
    p.willingness_shock = theta[7];
    p.explore_hazard = 1.0 / (1.0 + (-theta[8]).exp());
    if let Some(&shift) = theta.get(K) {
        p.onset_shift = shift;
    }
    p
}

/// The log-likelihood of the record's trials under `params`, averaged over the replays: the
/// engine's probabilities of each trial's outcome ([`Risk`]; onsets at
/// [`onset_probability`], with `params`' `onset_shift`).
pub fn log_likelihood(params: &Params, observations: &[Observation]) -> f64 {
    let mut total = 0.0;
    for o in observations {
        let n = o.covariates.len().max(1) as f64;
        let mut sum = 0.0;
        for c in &o.covariates {
            let logistic = |z: f64| 1.0 / (1.0 + (-z).exp());
            let p = match o.risk {
                Risk::ArmedYear => continue,
                Risk::Onset => onset_probability(params, willingness_index(params, c)),
                Risk::ExplorationExit => logistic(pursuit_index(params, c)),
                Risk::PursuitYear => stop_probability(params, logistic(pursuit_index(params, c)), false),
            };
            let p = if o.event { p } else { 1.0 - p };
            sum += p.max(1e-300).ln();
        }
        total += sum / n;
    }
    total
}

pub use crate::Estimate;

/// The fitted willingness index.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The estimates, in [`ESTIMATED`] order, then `onset_shift` when it is estimated
    /// ([`fit_onset_shift`]).
    pub estimates: Vec<Estimate>,
    /// Log-likelihood at the estimate.
    pub log_likelihood: f64,
    /// Trials and events per kind: onsets, exploration exits, pursuit years.
    pub counts: [(usize, usize); 3],
    /// Replays averaged over.
    pub runs: u64,
}

/// Fits [`ESTIMATED`] to `observations` by maximum likelihood, starting from `params`; the other
/// parameters stay at their values in `params`. The coefficients of threat, value, inequity and
/// cost have the signs the model gives them (docs/model.md: each can only raise, or for cost
/// only lower, willingness; the engine refuses negative values): a coefficient whose
/// unconstrained estimate has the wrong sign is fixed at 0, its boundary, and the rest refitted
/// (the constrained maximum), and is reported with no standard error. `None` when the
/// information of the free parameters is singular (a parameter the record does not identify).
pub fn fit(params: &Params, observations: &[Observation], runs: u64) -> Option<Fit> {
    fit_held(params, observations, runs, &[])
}

/// [`fit`] with the coefficients named in `held` (of [`ESTIMATED`], other than the intercept and
/// `explore_hazard`) fixed at 0: the nested model. Such a coefficient is reported at 0 with no
/// standard error. `onset_shift` stays at its value in `params`. `None` for another name or when
/// the information is singular.
pub fn fit_held(params: &Params, observations: &[Observation], runs: u64, held: &[&str]) -> Option<Fit> {
    let m = maximise_with(params, observations, held_mask(held)?, false)?;
    let se = standard_errors(params, observations, &m)?;
    Some(summarise(&m, &se, observations, runs))
}

/// The mask of [`ESTIMATED`] for the coefficients named in `held`; `None` for a name that is not
/// a coefficient (the intercept and `explore_hazard` are not held).
fn held_mask(held: &[&str]) -> Option<[bool; K]> {
    let mut fixed = [false; K];
    for name in held {
        let k = ESTIMATED.iter().position(|n| n == name).filter(|&k| (1..K - 1).contains(&k))?;
        fixed[k] = true;
    }
    Some(fixed)
}

/// Wald standard errors of the free parameters of `m` from the observed information (NaN for
/// the fixed ones); `None` when the information is singular.
fn standard_errors(params: &Params, observations: &[Observation], m: &Maximum) -> Option<[f64; N]> {
    let free: Vec<usize> = (0..N).filter(|&k| !m.fixed[k]).collect();
    let nll = |x: &[f64]| -log_likelihood(&with_theta(params, &with_free(&m.theta, &free, x)), observations);
    let at: Vec<f64> = free.iter().map(|&k| m.theta[k]).collect();
    let se_free = stats::optimize::standard_errors(&nll, &at)?;
    let mut se = [f64::NAN; N];
    for (&k, &s) in free.iter().zip(&se_free) {
        se[k] = s;
    }
    Some(se)
}

/// The onset shift estimated with the index and its likelihood-ratio test against 0.
#[derive(Debug, Clone, PartialEq)]
pub struct OnsetShift {
    /// The joint fit: [`ESTIMATED`] and, last, `onset_shift` (standard errors NaN when the
    /// information at the maximum is singular, as when `explore_hazard` runs to its bound 1).
    pub fit: Fit,
    /// The fit with `onset_shift` held at 0 (the engine's onset law `explore_hazard ×
    /// willingness`).
    pub nested: Fit,
    /// `2 (ℓ̂ − ℓ₀)` against the nested fit, p = P(χ²₁ > LR) (0 is inside the shift's range).
    pub test: LikelihoodRatio,
}

/// `onset_shift` ([`onset_probability`]) estimated jointly with [`ESTIMATED`] by maximum
/// likelihood, the coefficients named in `held` fixed at 0 as in [`fit_held`], and tested against
/// the nested fit with the shift held at 0. `None` for a name [`fit_held`] refuses or when a
/// maximum or the nested fit's information fails.
pub fn fit_onset_shift(params: &Params, observations: &[Observation], runs: u64, held: &[&str]) -> Option<OnsetShift> {
    let null = Params { onset_shift: 0.0, ..params.clone() };
    let nested = fit_held(&null, observations, runs, held)?;
    let mask = held_mask(held)?;
    // From the engine's values and from a steeper start (the shift at −3 with a higher ceiling):
    // the better maximum.
    let steep = Params { onset_shift: -3.0, explore_hazard: 0.5, ..null.clone() };
    let m = [&null, &steep]
        .into_iter()
        .filter_map(|start| maximise_with(start, observations, mask, true))
        .max_by(|a, b| a.log_likelihood.total_cmp(&b.log_likelihood))?;
    let se = standard_errors(params, observations, &m).unwrap_or([f64::NAN; N]);
    let fit = summarise(&m, &se, observations, runs);
    let statistic = (2.0 * (fit.log_likelihood - nested.log_likelihood)).max(0.0);
    Some(OnsetShift { fit, nested, test: LikelihoodRatio { statistic, p_value: two_sided_p_value(statistic) } })
}

/// `P(χ²₁ > statistic)` = `2 (1 − Φ(√statistic))`: the p-value of a likelihood ratio for one
/// parameter whose null value lies inside its range.
pub fn two_sided_p_value(statistic: f64) -> f64 {
    2.0 * boundary_p_value(statistic)
}

/// `theta` with its entries `free` set to `x`, in order.
fn with_free(theta: &[f64], free: &[usize], x: &[f64]) -> Vec<f64> {
    let mut t = theta.to_vec();
    for (&k, &v) in free.iter().zip(x) {
        t[k] = v;
    }
    t
}

/// The constrained maximum of the likelihood over [`ESTIMATED`] and, when free, `onset_shift`:
/// the estimate (explore_hazard on the logit scale), which parameters are fixed (coefficients at
/// their boundary 0, the shift when not estimated), and the log-likelihood.
struct Maximum {
    theta: Vec<f64>,
    fixed: [bool; N],
    log_likelihood: f64,
}

fn maximise(params: &Params, observations: &[Observation]) -> Option<Maximum> {
    maximise_with(params, observations, [false; K], false)
}

/// [`maximise`] with the coefficients `held` fixed at 0 from the start, and `onset_shift` free
/// when `shift_free` (else fixed at its value in `params`).
fn maximise_with(params: &Params, observations: &[Observation], held: [bool; K], shift_free: bool) -> Option<Maximum> {
    let h = params.explore_hazard.clamp(1e-6, 1.0 - 1e-6);
    let mut theta = vec![
        params.willingness_intercept,
        params.willingness_threat.max(0.0),
        params.willingness_value.max(0.0),
        params.willingness_inequity.max(0.0),
        params.willingness_cost.max(0.0),
        params.ally_pressure.max(0.0),
        params.willingness_major_power.max(0.0),
        params.willingness_shock.max(0.0),
        (h / (1.0 - h)).ln(),
        params.onset_shift,
    ];
    let mut fixed = [false; N];
    fixed[..K].copy_from_slice(&held);
    fixed[K] = !shift_free;
    for (k, _) in held.iter().enumerate().filter(|(_, h)| **h) {
        theta[k] = 0.0;
    }
    loop {
        let free: Vec<usize> = (0..N).filter(|&k| !fixed[k]).collect();
        let base = theta.clone();
        let full = |x: &[f64]| with_free(&base, &free, x);
        let nll = |x: &[f64]| -log_likelihood(&with_theta(params, &full(x)), observations);
        let start: Vec<f64> = free.iter().map(|&k| base[k]).collect();
        let m = stats::optimize::minimize(nll, &start, &vec![1.0; free.len()], 1e-10, 20_000).ok()?;
        let wrong_sign: Vec<usize> =
            free.iter().zip(&m.x).filter(|&(&k, &v)| (1..K - 1).contains(&k) && v < 0.0).map(|(&k, _)| k).collect();
        let fitted = full(&m.x);
        if wrong_sign.is_empty() {
            return Some(Maximum { theta: fitted, fixed, log_likelihood: -m.value });
        }
        theta = fitted;
        for k in wrong_sign {
            fixed[k] = true;
            theta[k] = 0.0;
        }
    }
}

/// A likelihood-ratio test of one coefficient against 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LikelihoodRatio {
    /// `2 (ℓ̂ − ℓ₀)`: the fit's log-likelihood against the fit with the coefficient held at 0.
    pub statistic: f64,
    /// `½ P(χ²₁ > statistic)`: the null value 0 is the boundary of the coefficient's range, so
    /// the statistic is a 50:50 mixture of 0 and χ²₁ under the null (Self & Liang 1987).
    pub p_value: f64,
}

/// Tests the coefficient `name` (one of [`ESTIMATED`] other than the intercept and
/// `explore_hazard`) of `fit` (the [`fit`] of the same `params` and `observations`) against 0
/// by refitting the rest with it held there. `None` for another name or when the refit fails.
pub fn likelihood_ratio(
    params: &Params,
    observations: &[Observation],
    fit: &Fit,
    name: &str,
) -> Option<LikelihoodRatio> {
    let k = ESTIMATED.iter().position(|&n| n == name).filter(|&k| (1..K - 1).contains(&k))?;
    let mut held = [false; K];
    held[k] = true;
    let null = maximise_with(params, observations, held, false)?;
    let statistic = (2.0 * (fit.log_likelihood - null.log_likelihood)).max(0.0);
    Some(LikelihoodRatio { statistic, p_value: boundary_p_value(statistic) })
}

/// `½ P(χ²₁ > statistic)` = `1 − Φ(√statistic)`: the p-value of a likelihood ratio for one
/// parameter whose null value is the boundary of its range (Self & Liang 1987).
pub fn boundary_p_value(statistic: f64) -> f64 {
    1.0 - stats::calibration::normal_cdf(statistic.max(0.0).sqrt())
}

/// The log-likelihood of the record's armed state-years ([`Risk::ArmedYear`]) under
/// `arsenal_reversal_rate` = `rate` and the rest of `params`: each year an armed state gives up
/// its weapons with [`arsenal_reversal_probability`] at its willingness, averaged over replays.
pub fn arsenal_reversal_log_likelihood(params: &Params, rate: f64, observations: &[Observation]) -> f64 {
    let p = Params { arsenal_reversal_rate: rate, ..params.clone() };
    let mut total = 0.0;
    for o in observations.iter().filter(|o| o.risk == Risk::ArmedYear) {
        let n = o.covariates.len().max(1) as f64;
        let mut sum = 0.0;
        for c in &o.covariates {
            let will = 1.0 / (1.0 + (-willingness_index(&p, c)).exp());
            let q = arsenal_reversal_probability(&p, will);
            sum += (if o.event { q } else { 1.0 - q }).max(1e-300).ln();
        }
        total += sum / n;
    }
    total
}

/// `arsenal_reversal_rate` by maximum likelihood on the record's armed state-years at the
/// willingness index of `params` ([`arsenal_reversal_log_likelihood`]; the rate is fitted on the
/// log scale, so it stays positive), with its Wald standard error (delta method) and 90 %
/// interval (the log-scale interval transformed). `None` when the record holds no armed year or
/// no state that gave up its weapons (the maximum is then at 0).
pub fn fit_arsenal_reversal(params: &Params, observations: &[Observation]) -> Option<Estimate> {
    const Z90: f64 = 1.644_853_626_951_472_2;
    let armed: Vec<&Observation> = observations.iter().filter(|o| o.risk == Risk::ArmedYear).collect();
    if !armed.iter().any(|o| o.event) || armed.iter().all(|o| o.event) {
        return None;
    }
    let nll = |x: &[f64]| -arsenal_reversal_log_likelihood(params, x[0].exp(), observations);
    let start = [params.arsenal_reversal_rate.max(1e-3).ln()];
    let m = stats::optimize::minimize(nll, &start, &[1.0], 1e-12, 10_000).ok()?;
    let se = stats::optimize::standard_errors(&nll, &m.x)?[0];
    let (theta, value) = (m.x[0], m.x[0].exp());
    Some(Estimate {
        name: "arsenal_reversal_rate",
        value,
        se: value * se,
        interval: ((theta - Z90 * se).exp(), (theta + Z90 * se).exp()),
    })
}

/// The parameters of threat assessment that shape the willingness covariates themselves, fitted
/// by profile likelihood ([`profile`]).
pub const PROFILED: [&str; 2] = ["guarantee_cover", "threat_nuclear_weight"];

/// The profile log-likelihood at `guarantee_cover` and `threat_nuclear_weight` = `at`: the
/// record's path replayed with those values (they change every state's threat), then the
/// constrained maximum over [`ESTIMATED`]. `None` outside [0, 1]² or where the maximum fails.
pub fn profile_log_likelihood(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
    at: [f64; 2],
) -> Option<f64> {
    if !at.iter().all(|v| (0.0..=1.0).contains(v)) {
        return None;
    }
    refitted_log_likelihood(scenario, resolved, programmes, runs, seed, |p| {
        p.guarantee_cover = at[0];
        p.threat_nuclear_weight = at[1];
    })
}

/// The maximised log-likelihood of the index on the record replayed under `resolved` with the
/// parameters `set` changes (the index refitted there): one point of a profile likelihood.
fn refitted_log_likelihood(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
    set: impl FnOnce(&mut Params),
) -> Option<f64> {
    let mut r = resolved.clone();
    set(&mut r.params);
    let obs = observations(scenario, &r, programmes, runs, seed);
    maximise(&r.params, &obs).map(|m| m.log_likelihood)
}

/// [`PROFILED`] estimated by maximising [`profile_log_likelihood`] (Nelder–Mead from
/// `resolved`'s values, each point a replay and an inner fit), with Wald standard errors from
/// the curvature of the profile log-likelihood (central differences of step 0.02): the values,
/// their standard errors (NaN when the curvature is not negative definite) and the maximum.
pub fn profile(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
) -> Option<([f64; 2], [f64; 2], f64)> {
    let nll = |x: &[f64]| {
        profile_log_likelihood(scenario, resolved, programmes, runs, seed, [x[0], x[1]]).map_or(f64::INFINITY, |l| -l)
    };
    let start = [resolved.params.guarantee_cover, resolved.params.threat_nuclear_weight];
    let m = stats::optimize::minimize(nll, &start, &[0.2, 0.2], 1e-6, 200).ok()?;
    let h = 0.02;
    let f0 = -m.value;
    let ll = |d: [f64; 2]| -nll(&[m.x[0] + d[0], m.x[1] + d[1]]);
    let d00 = (ll([h, 0.0]) - 2.0 * f0 + ll([-h, 0.0])) / (h * h);
    let d11 = (ll([0.0, h]) - 2.0 * f0 + ll([0.0, -h])) / (h * h);
    let d01 = (ll([h, h]) - ll([h, -h]) - ll([-h, h]) + ll([-h, -h])) / (4.0 * h * h);
    let info = vec![vec![-d00, -d01], vec![-d01, -d11]];
    let se = stats::optimize::invert_positive_definite(&info)
        .map_or([f64::NAN; 2], |inv| [inv[0][0].sqrt(), inv[1][1].sqrt()]);
    Some(([m.x[0], m.x[1]], se, f0))
}

/// The values of `threat_aggregation` (κ) [`aggregation_profile`] evaluates: 0 to 1 by 0.1.
pub fn aggregation_grid() -> Vec<f64> {
    (0..=10).map(|k| f64::from(k) / 10.0).collect()
}

/// The profile likelihood of `threat_aggregation` (κ, [`engine::threat::aggregate`]) and its
/// likelihood-ratio test against κ = 0, the worst-rival rule.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregationProfile {
    /// `(κ, profile log-likelihood)` at each point of [`aggregation_grid`].
    pub points: Vec<(f64, f64)>,
    /// The maximising κ: the best grid point refined by golden-section search between its
    /// neighbours (to 0.002).
    pub estimate: f64,
    /// The profile log-likelihood at `estimate`.
    pub log_likelihood: f64,
    /// The test against κ = 0 (its boundary): `2 (ℓ(κ̂) − ℓ(0))`, p = ½ P(χ²₁ > LR).
    pub test: LikelihoodRatio,
}

/// The profile log-likelihood at `threat_aggregation` = `kappa`: the record's path replayed
/// with it (it changes the threat of every state with more than one rival), then the
/// constrained maximum over [`ESTIMATED`]. `None` outside [0, 1] or where the maximum fails.
pub fn aggregation_log_likelihood(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
    kappa: f64,
) -> Option<f64> {
    if !(0.0..=1.0).contains(&kappa) {
        return None;
    }
    refitted_log_likelihood(scenario, resolved, programmes, runs, seed, |p| p.threat_aggregation = kappa)
}

/// `threat_aggregation` estimated by profile likelihood ([`aggregation_log_likelihood`] over
/// [`aggregation_grid`], the other parameters refitted at each point) and tested against 0.
/// `None` when a point's maximum fails.
pub fn aggregation_profile(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
) -> Option<AggregationProfile> {
    let ll = |kappa: f64| aggregation_log_likelihood(scenario, resolved, programmes, runs, seed, kappa);
    let mut points = Vec::new();
    for kappa in aggregation_grid() {
        points.push((kappa, ll(kappa)?));
    }
    let best = (0..points.len()).fold(0, |b, k| if points[k].1 > points[b].1 { k } else { b });
    // Golden-section search between the best point's neighbours.
    let (mut lo, mut hi) = (points[best.saturating_sub(1)].0, points[(best + 1).min(points.len() - 1)].0);
    let (mut estimate, mut log_likelihood) = points[best];
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut x1, mut x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
    let (mut f1, mut f2) = (ll(x1)?, ll(x2)?);
    loop {
        for (x, f) in [(x1, f1), (x2, f2)] {
            if f > log_likelihood {
                (estimate, log_likelihood) = (x, f);
            }
        }
        if hi - lo <= 0.002 {
            break;
        }
        if f1 > f2 {
            (hi, x2, f2) = (x2, x1, f1);
            x1 = hi - g * (hi - lo);
            f1 = ll(x1)?;
        } else {
            (lo, x1, f1) = (x1, x2, f2);
            x2 = lo + g * (hi - lo);
            f2 = ll(x2)?;
        }
    }
    let statistic = (2.0 * (log_likelihood - points[0].1)).max(0.0);
    Some(AggregationProfile {
        points,
        estimate,
        log_likelihood,
        test: LikelihoodRatio { statistic, p_value: boundary_p_value(statistic) },
    })
}

/// The values of `shock_window_years` (D) [`shock_window_profile`] evaluates: 1, 2, 3, 5, 7, 10,
/// 15 and 20 years.
pub fn shock_window_grid() -> Vec<f64> {
    vec![1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0]
}

/// The profile likelihood of the shock window and the likelihood-ratio test of the shock's
/// coefficient (`willingness_shock`) against 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ShockProfile {
    /// `(D, maximised log-likelihood, estimate of willingness_shock)` at each point of
    /// [`shock_window_grid`].
    pub points: Vec<(f64, f64, f64)>,
    /// The window of the profile's maximum (the first, if several tie).
    pub window: f64,
    /// The fit at that window.
    pub fit: Fit,
    /// The fit with `willingness_shock` held at 0 (the nested model; the window then has no
    /// effect).
    pub nested: Fit,
    /// The test against the nested model: `2 (ℓ(D̂) − ℓ₀)`, p = ½ P(χ²₁ > LR) (0 being the
    /// coefficient's boundary). The window maximised over makes this p a little optimistic: D is
    /// not defined under the null.
    pub test: LikelihoodRatio,
}

/// The shock window by profile likelihood: at each D of [`shock_window_grid`] the record's path
/// is replayed with `shock_window_years` = D and the index, `willingness_shock` with it, refitted
/// ([`fit`]); the maximum is tested against the fit with the shock held at 0 ([`fit_held`]).
/// `None` when a fit fails.
pub fn shock_window_profile(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
) -> Option<ShockProfile> {
    let mut points = Vec::new();
    let mut best: Option<(f64, Fit, Vec<Observation>)> = None;
    for window in shock_window_grid() {
        let mut r = resolved.clone();
        r.params.shock_window_years = window;
        let obs = observations(scenario, &r, programmes, runs, seed);
        let f = fit(&r.params, &obs, runs)?;
        let coefficient = f.estimates.iter().find(|e| e.name == "willingness_shock").map_or(f64::NAN, |e| e.value);
        points.push((window, f.log_likelihood, coefficient));
        if best.as_ref().is_none_or(|b| f.log_likelihood > b.1.log_likelihood) {
            best = Some((window, f, obs));
        }
    }
    let (window, fit, obs) = best?;
    let mut r = resolved.clone();
    r.params.shock_window_years = window;
    let nested = fit_held(&r.params, &obs, runs, &["willingness_shock"])?;
    let statistic = (2.0 * (fit.log_likelihood - nested.log_likelihood)).max(0.0);
    Some(ShockProfile {
        points,
        window,
        fit,
        nested,
        test: LikelihoodRatio { statistic, p_value: boundary_p_value(statistic) },
    })
}

/// The [`Fit`] at the maximum `m`: [`ESTIMATED`], then `onset_shift` when it was free.
fn summarise(m: &Maximum, se: &[f64; N], observations: &[Observation], runs: u64) -> Fit {
    const Z90: f64 = 1.644_853_626_951_472_2;
    let logistic = |z: f64| 1.0 / (1.0 + (-z).exp());
    let (theta, log_likelihood) = (&m.theta, m.log_likelihood);
    let mut estimates: Vec<Estimate> = ESTIMATED
        .iter()
        .enumerate()
        .map(|(k, &name)| {
            if k == K - 1 {
                let v = logistic(theta[k]);
                Estimate {
                    name,
                    value: v,
                    se: se[k] * v * (1.0 - v),
                    interval: (logistic(theta[k] - Z90 * se[k]), logistic(theta[k] + Z90 * se[k])),
                }
            } else {
                Estimate {
                    name,
                    value: theta[k],
                    se: se[k],
                    interval: (theta[k] - Z90 * se[k], theta[k] + Z90 * se[k]),
                }
            }
        })
        .collect();
    if !m.fixed[K] {
        estimates.push(Estimate {
            name: "onset_shift",
            value: theta[K],
            se: se[K],
            interval: (theta[K] - Z90 * se[K], theta[K] + Z90 * se[K]),
        });
    }
    let count = |risk: Risk| {
        let of: Vec<&Observation> = observations.iter().filter(|o| o.risk == risk).collect();
        (of.len(), of.iter().filter(|o| o.event).count())
    };
    Fit {
        estimates,
        log_likelihood,
        counts: [count(Risk::Onset), count(Risk::ExplorationExit), count(Risk::PursuitYear)],
        runs,
    }
}
