//! Pursuit-to-bomb durations estimated from the record: how long a pursuit takes to produce a
//! first weapon, and what speeds or slows it — a log-normal accelerated-failure-time model
//! fitted by maximum likelihood, with right-censoring, to the pursuit spells of Bleek (2017)
//! (data/pursuits.csv). The engine's defaults for `pursuit_median_years`, `pursuit_sigma`,
//! `pursuit_latency_effect`, `pursuit_assistance_effect` and `pursuit_npt_era_effect` are these
//! estimates (tested), and the engine draws acquisition from the same law
//! ([`engine::proliferation::acquisition_probability`]).
//!
//! **The model.** A pursuit advances each year by its speed,
//! `exp(β_L × latency + β_A × assisted − β_E × [spell began in or after 1970])`
//! ([`engine::proliferation::pursuit_speed`]), and yields a weapon once its progress (the sum of
//! the speeds, in baseline years) passes a log-normal threshold with median
//! `pursuit_median_years` and log-spread `pursuit_sigma`. Covariates: latency (Fuhrmann & Tkach
//! 2015), sensitive nuclear assistance received (Kroenig 2009), and the era after the NPT's
//! entry into force, when pursuits grew longer and fewer succeeded (Hymans 2012).
//!
//! **The data.** Each state's pursuit spells in order; a state that stopped and resumed keeps
//! its progress (as the engine does for a stop without sanctions), so its spells form one
//! history. The years of a spell are its start + 1 to its end: the last year of an `acquired`
//! spell is the year of the weapon; a `stopped` spell's last year is the stop (the engine draws
//! the stop before the weapon, so that year is no trial); an `ongoing` spell is censored at
//! [`CENSOR_YEAR`]. A history that never acquired is right-censored: stopping is a competing
//! risk, estimated on its own (`pursuit_stop_rate`).
//!
//! **The covariates** are the engine's own along the record's path: the `history-1945` scenario
//! replayed with the recorded statuses ([`crate::willingness::record_schedule`]) gives each
//! state's latency and whether it has received assistance, year by year (scheduled `latency` and
//! `assistance` events; no random number moves them). Years before the replay's first year (the
//! wartime programmes) have latency 0 and no assistance: no enrichment or reprocessing plant
//! existed before those programmes built one.
//!
//! **The fit** ([`fit`]): Nelder–Mead and Newton steps (`stats::optimize`) on (ln median,
//! ln σ, β_L, β_A, β_E); each effect has the sign the model gives it (latency and assistance
//! speed a pursuit, the later era slows it), and one whose unconstrained estimate has the wrong
//! sign is held at 0, its boundary (the constrained maximum). Wald standard errors and 90 %
//! intervals from the observed information.

use crate::hazards::CENSOR_YEAR;
use crate::record::{Programme, Pursuit};
use crate::willingness::{FIRST_YEAR, record_schedule};
use engine::params::Params;
use engine::proliferation::{pursuit_speed, pursuit_survival};
use engine::{Keep, Resolved, Template};
use model::Scenario;

/// The parameters [`fit`] estimates, in the order of its estimates.
pub const ESTIMATED: [&str; 5] = [
    "pursuit_median_years",
    "pursuit_sigma",
    "pursuit_latency_effect",
    "pursuit_assistance_effect",
    "pursuit_npt_era_effect",
];

const K: usize = ESTIMATED.len();

/// One year of pursuit with the engine's covariates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PursuitYear {
    /// The year.
    pub year: i32,
    /// First year of the spell the year belongs to.
    pub spell_start: i32,
    /// The state's latency that year.
    pub latency: f64,
    /// Whether the state had received sensitive nuclear assistance by then.
    pub assisted: bool,
}

/// A state's pursuit history: its years of pursuit in order, and whether the last ended in a
/// weapon (otherwise the history is censored).
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The state.
    pub iso3: String,
    /// Years of pursuit, in order.
    pub years: Vec<PursuitYear>,
    /// Whether the history ended in a weapon.
    pub acquired: bool,
}

/// The histories of the record's pursuit spells, with each year's covariates from `covariates`
/// (state, year → latency and assistance; `None` for a year the replay does not cover, which
/// counts as latency 0 without assistance). States in order of their first spell.
pub fn histories(pursuits: &[Pursuit], covariates: impl Fn(&str, i32) -> Option<(f64, bool)>) -> Vec<History> {
    let mut out: Vec<History> = Vec::new();
    for spell in pursuits {
        let k = match out.iter().position(|h| h.iso3 == spell.iso3) {
            Some(k) => k,
            None => {
                out.push(History { iso3: spell.iso3.clone(), years: Vec::new(), acquired: false });
                out.len() - 1
            }
        };
        let last = match (spell.outcome.as_str(), spell.end) {
            ("acquired", Some(end)) => end,
            ("stopped", Some(end)) => end - 1,
            _ => CENSOR_YEAR,
        };
        for year in spell.start + 1..=last {
            let (latency, assisted) = covariates(&spell.iso3, year).unwrap_or((0.0, false));
            out[k].years.push(PursuitYear { year, spell_start: spell.start, latency, assisted });
        }
        out[k].acquired = spell.outcome == "acquired";
    }
    out
}

/// The record's pursuit histories with the engine's covariates along the record's path: one
/// replay of `scenario` whose statuses follow `programmes` (latency and assistance are moved
/// only by scheduled events, so one replay is enough).
pub fn record_histories(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    pursuits: &[Pursuit],
) -> Vec<History> {
    let mut conditioned = scenario.clone();
    conditioned.events.extend(record_schedule(scenario, programmes));
    conditioned.events.sort_by_key(|e| e.year);
    let template = Template::new(&conditioned, resolved).with_statuses_from_schedule();
    let start = resolved.start_year;
    let mut by_year: Vec<Vec<(f64, bool)>> = Vec::new();
    template.run_observed_keeping(0, 0, Keep::YEARS, |w| {
        by_year.push(w.actors.iter().map(|a| (a.latency, a.assisted)).collect());
    });
    let covariates = |iso3: &str, year: i32| {
        if year < FIRST_YEAR {
            return None;
        }
        let i = scenario.states.iter().position(|s| s.iso3 == iso3)?;
        by_year.get(usize::try_from(year - start).ok()?).map(|row| row[i])
    };
    histories(pursuits, covariates)
}

/// `params` with the estimated parameters ([`ESTIMATED`]) set from `theta` = (ln median, ln σ,
/// β_L, β_A, β_E).
pub fn with_theta(params: &Params, theta: &[f64]) -> Params {
    Params {
        pursuit_median_years: theta[0].exp(),
        pursuit_sigma: theta[1].exp(),
        pursuit_latency_effect: theta[2],
        pursuit_assistance_effect: theta[3],
        pursuit_npt_era_effect: theta[4],
        ..params.clone()
    }
}

/// The log-likelihood of `histories` under `params`: for each, the progress after each year
/// (the sum of its speeds), then `ln(S(before the last year) − S(after it))` for a history that
/// ended in a weapon and `ln S(after the last year)` for a censored one
/// ([`engine::proliferation::pursuit_survival`]).
pub fn log_likelihood(params: &Params, histories: &[History]) -> f64 {
    let mut total = 0.0;
    for h in histories {
        let (mut before, mut after) = (0.0, 0.0);
        for y in &h.years {
            before = after;
            after += pursuit_speed(params, y.latency, y.assisted, y.spell_start);
        }
        let p = if h.acquired {
            pursuit_survival(params, before) - pursuit_survival(params, after)
        } else {
            pursuit_survival(params, after)
        };
        total += p.max(1e-300).ln();
    }
    total
}

pub use crate::Estimate;

/// The fitted duration model.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The estimates, in [`ESTIMATED`] order.
    pub estimates: Vec<Estimate>,
    /// Log-likelihood at the estimate.
    pub log_likelihood: f64,
    /// Histories and how many ended in a weapon.
    pub counts: (usize, usize),
    /// The largest log-likelihood with each effect held at 0 (the others refitted), in the order
    /// latency, assistance, era: twice the difference from [`Fit::log_likelihood`] is the
    /// likelihood-ratio statistic of that effect.
    pub without: [f64; 3],
    /// The effects (latency, assistance, era) at the unconstrained maximum, where an effect may
    /// take the sign the model does not give it.
    pub unconstrained: [f64; 3],
}

/// The constrained maximum over `theta` with the entries `fixed` held at their values.
fn maximise(
    params: &Params,
    histories: &[History],
    start: &[f64],
    held: [bool; K],
    constrained: bool,
) -> Option<(Vec<f64>, [bool; K], f64)> {
    let mut theta = start.to_vec();
    let mut fixed = held;
    loop {
        let free: Vec<usize> = (0..K).filter(|&k| !fixed[k]).collect();
        let base = theta.clone();
        let full = |x: &[f64]| {
            let mut t = base.clone();
            for (&k, &v) in free.iter().zip(x) {
                t[k] = v;
            }
            t
        };
        let nll = |x: &[f64]| -log_likelihood(&with_theta(params, &full(x)), histories);
        let x0: Vec<f64> = free.iter().map(|&k| base[k]).collect();
        let m = stats::optimize::minimize(nll, &x0, &vec![0.5; free.len()], 1e-12, 20_000).ok()?;
        let fitted = full(&m.x);
        // Effects (entries 2..5) with the wrong sign: the most negative is held at 0.
        let wrong = free
            .iter()
            .copied()
            .filter(|&k| constrained && k >= 2 && fitted[k] < 0.0)
            .min_by(|&a, &b| fitted[a].total_cmp(&fitted[b]));
        match wrong {
            None => return Some((fitted, fixed, -m.value)),
            Some(k) => {
                theta = fitted;
                theta[k] = 0.0;
                fixed[k] = true;
            }
        }
    }
}

/// Fits [`ESTIMATED`] to `histories` by maximum likelihood, starting from `params` (see the
/// module docs for the constraints). `None` when the information of the free parameters is
/// singular or the histories hold no weapon and no censoring.
pub fn fit(params: &Params, histories: &[History]) -> Option<Fit> {
    const Z90: f64 = 1.644_853_626_951_472_2;
    let acquired = histories.iter().filter(|h| h.acquired).count();
    if acquired == 0 {
        return None;
    }
    let start = [
        params.pursuit_median_years.max(1e-3).ln(),
        params.pursuit_sigma.max(1e-3).ln(),
        params.pursuit_latency_effect.max(0.0),
        params.pursuit_assistance_effect.max(0.0),
        params.pursuit_npt_era_effect.max(0.0),
    ];
    let (theta, fixed, ll) = maximise(params, histories, &start, [false; K], true)?;
    let unconstrained =
        maximise(params, histories, &start, [false; K], false).map_or([f64::NAN; 3], |m| [m.0[2], m.0[3], m.0[4]]);
    let free: Vec<usize> = (0..K).filter(|&k| !fixed[k]).collect();
    let nll = |x: &[f64]| {
        let mut t = theta.clone();
        for (&k, &v) in free.iter().zip(x) {
            t[k] = v;
        }
        -log_likelihood(&with_theta(params, &t), histories)
    };
    let at: Vec<f64> = free.iter().map(|&k| theta[k]).collect();
    let se_free = stats::optimize::standard_errors(&nll, &at)?;
    let mut se = [f64::NAN; K];
    for (&k, &s) in free.iter().zip(&se_free) {
        se[k] = s;
    }
    let estimates = (0..K)
        .map(|k| {
            if k < 2 {
                let value = theta[k].exp();
                Estimate {
                    name: ESTIMATED[k],
                    value,
                    se: value * se[k],
                    interval: ((theta[k] - Z90 * se[k]).exp(), (theta[k] + Z90 * se[k]).exp()),
                }
            } else if fixed[k] {
                Estimate { name: ESTIMATED[k], value: 0.0, se: f64::NAN, interval: (f64::NAN, f64::NAN) }
            } else {
                Estimate {
                    name: ESTIMATED[k],
                    value: theta[k],
                    se: se[k],
                    interval: (theta[k] - Z90 * se[k], theta[k] + Z90 * se[k]),
                }
            }
        })
        .collect();
    let mut without = [f64::NAN; 3];
    for (j, slot) in without.iter_mut().enumerate() {
        let k = j + 2;
        if fixed[k] {
            *slot = ll;
            continue;
        }
        let mut held = fixed;
        held[k] = true;
        let mut t = theta.clone();
        t[k] = 0.0;
        *slot = maximise(params, histories, &t, held, true).map_or(f64::NAN, |m| m.2);
    }
    Some(Fit { estimates, log_likelihood: ll, counts: (histories.len(), acquired), without, unconstrained })
}
