//! The preventive-strike rate estimated from the record: how often a capable rival struck a
//! known programme in peacetime, by maximum likelihood on the engine's own eligibility and
//! probability rule ([`engine::prevention`]), along the record's path.
//!
//! **The record's path.** The `history-1945` scenario is replayed with every state's nuclear
//! status following the record ([`crate::willingness::record_schedule`]), the rest of the world
//! running as in any replay (rivalries, alliances, arsenals and their survivability). Each year
//! from [`FIRST_YEAR`] to [`LAST_YEAR`] every active rivalry is considered in both directions, as
//! the engine does. Bleek's (2017) coding ends in 2017, but data/programmes.csv dates no change
//! of status after 2007 and its `status_2025` column has the same statuses in 2025, so the
//! recorded path covers 2025 and the strikes on Iran's programme of June 2025 are in the window.
//!
//! **Trials** ([`trials`]): a (striker, target) pair-year is a trial when the engine's rule
//! ([`engine::prevention::exposure`]) makes the target strikable: a programme that pursues in
//! that year by the record (at its end, or at the end of the year before: the strike on Al Kibar
//! in September 2007 ended Syria's pursuit that year, and Iraq's pursuit is dated from 1981,
//! the year of Osirak), or an arsenal younger than `preventive_window_years`, and a capable
//! striker without a secure second strike against it. Along the record's path every pursuing
//! programme counts as known: the programmes the record dates were known to their rivals (the
//! engine's regime detection applies to its own generated programmes). The programme's progress
//! is the engine's own: the years of pursuit at the engine's pace
//! ([`engine::params::pursuit_speed`]), less `preventive_setback_years` after a recorded strike.
//!
//! **Events.** A recorded air strike in peacetime (`war_context` none) on a trial pair-year is an
//! event: Israel on Osirak (1981), on Al Kibar (2007) and on Iran (2025). Strikes within an
//! ongoing war — Iran on Osirak (September 1980, the Iran–Iraq war), the coalition on Iraq (1991,
//! the Gulf War), the United States on Iran (June 2025, the Israel–Iran war) — are acts of those
//! wars, which the engine's crisis process generates, not preventive decisions in peace: the
//! pair-year is left out of the trials (neither a strike nor a restraint in peace). The cyber
//! sabotage of Natanz (Stuxnet, by 2009) has no acknowledged striker and is not a military strike:
//! not counted. A recorded peacetime strike outside the rule is listed apart.
//!
//! **The likelihood** ([`log_likelihood`]) is the engine's probability of each trial's outcome,
//! `1 − exp(−rate × exposure)`, averaged over replays (arsenals, and with them retaliation, vary
//! a little between replays). The rate ([`fit`]) is fitted on the log scale with a Wald 90 %
//! interval. The young-arsenal multiplier has no event in the record: its maximum is 0, with the
//! one-sided upper bound where the likelihood ratio reaches 2.706 (χ²₁, 90 %), in closed form
//! ([`window_upper_bound`]). The size effect of Debs & Monteiro (2014) is tested by the
//! likelihood ratio of the rate with and without it ([`size_test`]).

use crate::record::{PreventiveStrike, Programme};
use crate::willingness::record_schedule;
use engine::params::{Params, pursuit_speed};
use engine::prevention::{Exposure, exposure};
use engine::{Keep, Resolved, Template};
use model::{NuclearStatus, Scenario};

/// The first year of the trials.
pub const FIRST_YEAR: i32 = crate::willingness::FIRST_YEAR;

/// The last year of the trials: the record's last year (the recorded path holds to 2025).
pub const LAST_YEAR: i32 = crate::validate::LAST_YEAR;

/// χ²₁ quantile at 0.90: the likelihood-ratio bound of a 90 % interval (one-sided 95 %).
pub const CHI2_90: f64 = 2.705_543_454_095_404;

/// χ²₁ quantile at 0.95: the critical value of a likelihood-ratio test at the 5 % level.
pub const CHI2_95: f64 = 3.841_458_820_694_124;

/// One trial of the likelihood.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    /// The year.
    pub year: i32,
    /// The striker's ISO3.
    pub striker: String,
    /// The target's ISO3.
    pub target: String,
    /// Whether the record shows a peacetime strike of this pair in this year.
    pub event: bool,
    /// The pair's exposure in each replay.
    pub exposures: Vec<Exposure>,
}

impl Trial {
    /// Whether the target is a young arsenal (else a programme).
    pub fn young_arsenal(&self) -> bool {
        self.exposures.first().is_some_and(|x| x.young_arsenal)
    }
}

/// A recorded strike: year, striker, target and how it counts.
pub type Recorded = (i32, String, String, Counted);

/// How a recorded strike enters the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// A peacetime strike on a trial pair-year: an event.
    Event,
    /// A strike within an ongoing war: its pair-year is left out.
    InWar,
    /// Not a military strike by an acknowledged state (cyber sabotage): not counted.
    NotMilitary,
    /// A peacetime strike on a pair-year outside the engine's rule.
    Outside,
}

/// The record's strikes, each with its year, striker, target and how it counts.
pub fn classify(strikes: &[PreventiveStrike]) -> Vec<Recorded> {
    let mut out = Vec::new();
    for s in strikes {
        let year: i32 = s.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        let strikers: Vec<&str> = s.striker.split(';').map(str::trim).filter(|x| !x.is_empty()).collect();
        if strikers.is_empty() || s.kind != "air" {
            out.push((year, s.striker.clone(), s.target.clone(), Counted::NotMilitary));
            continue;
        }
        let counted = if s.war_context == "none" { Counted::Event } else { Counted::InWar };
        for striker in strikers {
            out.push((year, striker.to_owned(), s.target.clone(), counted));
        }
    }
    out
}

/// The trials of the record from `runs` replays of `scenario` along the record's path (replays
/// `0..runs` of `seed`), and the record's strikes as counted (an `Event` without a trial becomes
/// `Outside`).
pub fn trials(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    strikes: &[PreventiveStrike],
    runs: u64,
    seed: u64,
) -> (Vec<Trial>, Vec<Recorded>) {
    let mut recorded = classify(strikes);
    let mut conditioned = scenario.clone();
    conditioned.events.extend(record_schedule(scenario, programmes));
    conditioned.events.sort_by_key(|e| e.year);
    let template = Template::new(&conditioned, resolved).with_statuses_from_schedule();
    let is = |c: Counted, y: i32, s: &str, t: &str| {
        recorded.iter().any(|(ry, rs, rt, rc)| *rc == c && *ry == y && rs == s && rt == t)
    };
    let mut out: Vec<Trial> = Vec::new();
    // Run 0's trials by (year, striker, target): later replays add their exposures to these.
    let mut index: std::collections::BTreeMap<(i32, usize, usize), usize> = std::collections::BTreeMap::new();
    for run in 0..runs {
        let mut progress: Vec<f64> = Vec::new();
        let mut pursued_before: Vec<bool> = Vec::new();
        template.run_observed_keeping(seed, run, Keep::YEARS, |w| {
            let p = &w.params;
            if progress.is_empty() {
                progress = w.actors.iter().map(|a| a.pursuit_progress).collect();
                pursued_before = vec![false; w.actors.len()];
            }
            for (i, a) in w.actors.iter().enumerate() {
                if a.status == NuclearStatus::Pursuing {
                    progress[i] += pursuit_speed(p, a.latency, a.assisted, a.status_since);
                }
            }
            let year = w.year;
            if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
                for k in 0..w.dyads.len() {
                    let (a, b) = (w.dyads[k].a, w.dyads[k].b);
                    for (target, striker) in [(a, b), (b, a)] {
                        let pursuing = w.actors[target].status == NuclearStatus::Pursuing || pursued_before[target];
                        let share = (progress[target] / p.pursuit_median_years.max(1e-9)).min(1.0);
                        let programme = (pursuing && !w.actors[target].is_armed()).then_some(share);
                        let Some(x) = exposure(w, k, striker, target, programme) else { continue };
                        let (s, t) = (&w.actors[striker].state.iso3, &w.actors[target].state.iso3);
                        if is(Counted::InWar, year, s, t) {
                            continue;
                        }
                        if run == 0 {
                            index.insert((year, striker, target), out.len());
                            out.push(Trial {
                                year,
                                striker: s.clone(),
                                target: t.clone(),
                                event: is(Counted::Event, year, s, t),
                                exposures: vec![x],
                            });
                        } else if let Some(&j) = index.get(&(year, striker, target)) {
                            out[j].exposures.push(x);
                        }
                    }
                }
            }
            for (i, a) in w.actors.iter().enumerate() {
                pursued_before[i] = a.status == NuclearStatus::Pursuing;
                // A recorded strike sets the programme back as the engine's strike does.
                if recorded.iter().any(|(ry, _, rt, rc)| {
                    *ry == year && rt == &a.state.iso3 && matches!(rc, Counted::Event | Counted::InWar)
                }) {
                    progress[i] = (progress[i] - p.preventive_setback_years).max(0.0);
                }
            }
        });
    }
    // A pair-year present in one replay and not another (retaliation reached 1) is dropped.
    let runs = usize::try_from(runs).unwrap_or(usize::MAX);
    out.retain(|t| t.exposures.len() == runs);
    for r in &mut recorded {
        if r.3 == Counted::Event && !out.iter().any(|t| t.event && t.year == r.0 && t.striker == r.1 && t.target == r.2)
        {
            r.3 = Counted::Outside;
        }
    }
    (out, recorded)
}

/// The log-likelihood of `trials` under `params` (rate, young-arsenal multiplier, size effect):
/// each trial's outcome at the engine's probability ([`engine::prevention::strike_probability`]),
/// averaged over its replays.
pub fn log_likelihood(params: &Params, trials: &[Trial]) -> f64 {
    let mut total = 0.0;
    for t in trials {
        let n = t.exposures.len().max(1) as f64;
        let mut sum = 0.0;
        for x in &t.exposures {
            let h = params.preventive_strike_rate * x.value(params);
            // ln(1 − e^(−h)) for an event, −h for none.
            sum += if t.event { (-(-h).exp_m1()).max(1e-300).ln() } else { -h };
        }
        total += sum / n;
    }
    total
}

/// A rate and its 90 % interval, with the log-likelihood at the maximum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateFit {
    /// Maximum-likelihood rate.
    pub rate: f64,
    /// 90 % Wald interval of the rate (from the log scale).
    pub interval: (f64, f64),
    /// The size effect at the maximum (0 when not fitted).
    pub size_effect: f64,
    /// Its 90 % Wald interval (NaN when not fitted).
    pub size_interval: (f64, f64),
    /// Log-likelihood at the maximum.
    pub log_likelihood: f64,
}

/// The rate (and, with `fit_size`, the size effect, constrained ≥ 0) by maximum likelihood on
/// the programme trials of `trials`, the other parameters at their values in `params`. `None`
/// without an event, or when the information is singular.
pub fn fit(params: &Params, trials: &[Trial], fit_size: bool) -> Option<RateFit> {
    const Z90: f64 = 1.644_853_626_951_472_2;
    let programmes: Vec<Trial> = trials.iter().filter(|t| !t.young_arsenal()).cloned().collect();
    if !programmes.iter().any(|t| t.event) {
        return None;
    }
    let at = |x: &[f64]| Params {
        preventive_strike_rate: x[0].exp(),
        preventive_size_effect: if fit_size { x[1].max(0.0) } else { 0.0 },
        ..params.clone()
    };
    let nll = |x: &[f64]| -log_likelihood(&at(x), &programmes);
    let start: Vec<f64> = if fit_size { vec![0.0, 1.0] } else { vec![0.0] };
    let m = stats::optimize::minimize(nll, &start, &vec![1.0; start.len()], 1e-12, 20_000).ok()?;
    let mut x = m.x.clone();
    if fit_size && x[1] <= 0.0 {
        // The boundary: no size effect; refit the rate alone.
        let r = fit(params, trials, false)?;
        return Some(RateFit { size_interval: (0.0, f64::NAN), ..r });
    }
    if fit_size {
        x[1] = x[1].max(0.0);
    }
    let se = stats::optimize::standard_errors(&nll, &x)?;
    let rate = x[0].exp();
    Some(RateFit {
        rate,
        interval: ((x[0] - Z90 * se[0]).exp(), (x[0] + Z90 * se[0]).exp()),
        size_effect: if fit_size { x[1] } else { 0.0 },
        size_interval: if fit_size {
            ((x[1] - Z90 * se[1]).max(0.0), x[1] + Z90 * se[1])
        } else {
            (f64::NAN, f64::NAN)
        },
        log_likelihood: -m.value,
    })
}

/// The likelihood-ratio test of the size effect: twice the gain in log-likelihood from fitting
/// it, with both fits. Adopted when the ratio exceeds [`CHI2_95`].
pub fn size_test(params: &Params, trials: &[Trial]) -> Option<(RateFit, RateFit, f64)> {
    let without = fit(params, trials, false)?;
    let with = fit(params, trials, true)?;
    Some((without, with, 2.0 * (with.log_likelihood - without.log_likelihood)))
}

/// The young-arsenal trials' summed exposure at multiplier 1 under `params` (averaged over
/// replays), and the record's strikes among them.
pub fn window_exposure(params: &Params, trials: &[Trial]) -> (f64, usize, usize) {
    let p = Params { window_strike_multiplier: 1.0, ..params.clone() };
    let young: Vec<&Trial> = trials.iter().filter(|t| t.young_arsenal()).collect();
    let exposure = young
        .iter()
        .map(|t| t.exposures.iter().map(|x| x.value(&p)).sum::<f64>() / t.exposures.len().max(1) as f64)
        .sum();
    (exposure, young.len(), young.iter().filter(|t| t.event).count())
}

/// The one-sided 90 % upper bound of the young-arsenal multiplier when the record shows no
/// strike on a young arsenal: the log-likelihood is `−rate × m × exposure`, maximal at `m = 0`,
/// and twice its fall reaches [`CHI2_90`] at `m = CHI2_90 / (2 × rate × exposure)`. Infinite
/// without exposure.
pub fn window_upper_bound(rate: f64, exposure: f64) -> f64 {
    if rate * exposure <= 0.0 { f64::INFINITY } else { CHI2_90 / (2.0 * rate * exposure) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trial(event: bool, x: f64, size: f64) -> Trial {
        Trial {
            year: 2000,
            striker: "A".into(),
            target: "B".into(),
            event,
            exposures: vec![Exposure {
                intensity: x,
                progress: 1.0,
                cover: 1.0,
                retaliation: 0.0,
                young_arsenal: false,
                target_size: size,
            }],
        }
    }

    #[test]
    fn equal_exposures_give_the_closed_form_rate() {
        // 3 events in 40 trials of exposure 1: rate = −ln(1 − 3/40).
        let mut ts: Vec<Trial> = (0..37).map(|_| trial(false, 1.0, 0.0)).collect();
        ts.extend((0..3).map(|_| trial(true, 1.0, 0.0)));
        let f = fit(&Params::default(), &ts, false).unwrap();
        let expected = -(1.0f64 - 3.0 / 40.0).ln();
        assert!((f.rate - expected).abs() < 1e-6 * expected, "{} vs {expected}", f.rate);
        assert!(f.interval.0 < f.rate && f.rate < f.interval.1);
        // Exposure 0.5 everywhere: twice the rate.
        let half: Vec<Trial> = ts.iter().map(|t| trial(t.event, 0.5, 0.0)).collect();
        let g = fit(&Params::default(), &half, false).unwrap();
        assert!((g.rate - 2.0 * expected).abs() < 1e-6 * expected);
    }

    #[test]
    fn two_groups_give_the_closed_form_size_effect() {
        // Size 0: 2 of 10 struck; size 1: 1 of 20. The saturated fit has
        // rate = −ln(0.8) and exp(−β) = ln(0.95) / ln(0.8).
        let mut ts: Vec<Trial> = (0..8).map(|_| trial(false, 1.0, 0.0)).collect();
        ts.extend((0..2).map(|_| trial(true, 1.0, 0.0)));
        ts.extend((0..19).map(|_| trial(false, 1.0, 1.0)));
        ts.push(trial(true, 1.0, 1.0));
        let (without, with, lr) = size_test(&Params::default(), &ts).unwrap();
        let rate = -(0.8f64).ln();
        let beta = -((0.95f64).ln() / (0.8f64).ln()).ln();
        assert!((with.rate - rate).abs() < 1e-5, "{} vs {rate}", with.rate);
        assert!((with.size_effect - beta).abs() < 1e-4, "{} vs {beta}", with.size_effect);
        // Without the effect: 3 of 30.
        assert!((without.rate - -(0.9f64).ln()).abs() < 1e-6);
        // LR = 2 Σ ln L, the binomial log-likelihoods at the group shares against the pooled share.
        let ll = |k: f64, n: f64, p: f64| k * p.ln() + (n - k) * (1.0 - p).ln();
        let expected = 2.0 * (ll(2.0, 10.0, 0.2) + ll(1.0, 20.0, 0.05) - ll(3.0, 30.0, 0.1));
        assert!((lr - expected).abs() < 1e-6, "{lr} vs {expected}");
    }

    #[test]
    fn the_young_arsenal_bound_is_where_the_likelihood_ratio_reaches_2_706() {
        let (rate, exposure) = (0.05, 12.0);
        let m = window_upper_bound(rate, exposure);
        // 2 × (ll(0) − ll(m)) with ll(m) = −rate × m × exposure.
        assert!((2.0 * rate * m * exposure - CHI2_90).abs() < 1e-12);
        assert!(window_upper_bound(0.05, 0.0).is_infinite());
    }

    #[test]
    fn war_strikes_and_sabotage_are_not_peacetime_events() {
        let row = |striker: &str, kind: &str, war: &str| PreventiveStrike {
            date: "1981-06-07".into(),
            striker: striker.into(),
            target: "IRQ".into(),
            facility: None,
            kind: kind.into(),
            war_context: war.into(),
            source: String::new(),
            flag: "ok".into(),
            note: None,
        };
        let c = classify(&[row("ISR", "air", "none"), row("IRN", "air", "during-war"), row("", "cyber", "none")]);
        let kinds: Vec<Counted> = c.iter().map(|r| r.3).collect();
        assert_eq!(kinds, [Counted::Event, Counted::InWar, Counted::NotMilitary]);
        assert_eq!(c[0].0, 1981);
    }
}
