//! Pursuit-to-bomb durations fitted to the record: the spell rules, the likelihood against
//! independently computed values, parameter recovery on simulated durations, the sign
//! constraint, the pursuit spells against the programme table, and the engine's defaults equal
//! to the estimates.

#![allow(clippy::float_cmp)]

use engine::params::Params;
use engine::proliferation::{pursuit_speed, pursuit_survival};
use history::durations::{History, PursuitYear, fit, histories, log_likelihood, record_histories};
use history::record::{Pursuit, Record};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

fn spell(iso3: &str, start: i32, end: Option<i32>, outcome: &str) -> Pursuit {
    Pursuit {
        iso3: iso3.into(),
        cow: 0,
        start,
        end,
        outcome: outcome.into(),
        source: "test".into(),
        flag: "ok".into(),
        note: None,
    }
}

#[test]
fn spells_become_histories_by_the_rules() {
    let spells = [
        spell("AAA", 1964, Some(1966), "stopped"),
        spell("BBB", 1950, Some(1955), "acquired"),
        spell("AAA", 1972, Some(1975), "acquired"),
        spell("CCC", 2010, None, "ongoing"),
    ];
    let h = histories(&spells, |iso, year| (iso == "AAA" && year >= 1973).then_some((0.5, true)));
    assert_eq!(h.len(), 3);
    // AAA: 1965 (a stopped spell's last year is the stop), then 1973–1975; acquired.
    assert_eq!(h[0].iso3, "AAA");
    assert_eq!(h[0].years.iter().map(|y| y.year).collect::<Vec<_>>(), [1965, 1973, 1974, 1975]);
    assert_eq!(h[0].years.iter().map(|y| y.spell_start).collect::<Vec<_>>(), [1964, 1972, 1972, 1972]);
    assert_eq!((h[0].years[0].latency, h[0].years[0].assisted), (0.0, false), "uncovered years: 0, no assistance");
    assert_eq!((h[0].years[1].latency, h[0].years[1].assisted), (0.5, true));
    assert!(h[0].acquired);
    // BBB: 1951–1955, the last the year of the weapon.
    assert_eq!(h[1].years.len(), 5);
    assert!(h[1].acquired);
    // CCC: open, censored at 2017.
    assert_eq!(h[2].years.len(), 7);
    assert!(!h[2].acquired);
}

fn years(n: i32, start: i32, latency: f64, assisted: bool) -> Vec<PursuitYear> {
    (1..=n).map(|k| PursuitYear { year: start + k, spell_start: start, latency, assisted }).collect()
}

#[test]
fn the_likelihood_matches_independent_values() {
    let p = Params {
        pursuit_median_years: 10.0,
        pursuit_sigma: 1.0,
        pursuit_latency_effect: 0.5,
        pursuit_assistance_effect: 0.0,
        pursuit_npt_era_effect: 0.0,
        ..Params::default()
    };
    let acquired = History { iso3: "A".into(), years: years(10, 1950, 0.0, false), acquired: true };
    let censored = History { iso3: "C".into(), years: years(20, 1950, 0.0, false), acquired: false };
    let fast = History { iso3: "F".into(), years: years(5, 1950, 0.6, false), acquired: true };
    // ln(S(9) − S(10)) and ln S(20) for a log-normal of median 10 and σ 1 (computed with
    // erfc in double precision), and with 5 years at speed exp(0.5 × 0.6): ln(S(4e^0.3) − S(5e^0.3)).
    let tol = 1e-5;
    assert!((log_likelihood(&p, std::slice::from_ref(&acquired)) - -3.171_154_631_503_072_5).abs() < tol);
    assert!((log_likelihood(&p, std::slice::from_ref(&censored)) - -1.410_142_088_005_838_2).abs() < tol);
    assert!((log_likelihood(&p, std::slice::from_ref(&fast)) - -2.547_794_539_512_087_6).abs() < tol);
    let all = [acquired, censored, fast];
    assert!(
        (log_likelihood(&p, &all) - (-3.171_154_631_503_072_5 - 1.410_142_088_005_838_2 - 2.547_794_539_512_087_6))
            .abs()
            < 3.0 * tol
    );
}

/// Histories simulated from `truth`: random latency, assistance and start year; the weapon
/// comes in the first year whose progress passes a log-normal threshold; censored after a
/// random number of years.
fn simulate(truth: &Params, n: usize, seed: u64) -> Vec<History> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let start = if rng.random::<f64>() < 0.5 { 1950 } else { 1980 };
            let latency = rng.random::<f64>();
            let assisted = rng.random::<f64>() < 0.4;
            // Standard normal by Box–Muller.
            let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-300), rng.random());
            let z = (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos();
            let threshold = (truth.pursuit_median_years.ln() + truth.pursuit_sigma * z).exp();
            let horizon = 5 + (rng.random::<f64>() * 40.0) as i32;
            let speed = pursuit_speed(truth, latency, assisted, start);
            let mut progress = 0.0;
            let mut h = History { iso3: format!("S{i}"), years: Vec::new(), acquired: false };
            for k in 1..=horizon {
                progress += speed;
                h.years.push(PursuitYear { year: start + k, spell_start: start, latency, assisted });
                if progress >= threshold {
                    h.acquired = true;
                    break;
                }
            }
            h
        })
        .collect()
}

#[test]
fn the_fit_recovers_known_parameters_from_simulated_durations() {
    let truth = Params {
        pursuit_median_years: 8.0,
        pursuit_sigma: 0.6,
        pursuit_latency_effect: 0.8,
        pursuit_assistance_effect: 0.4,
        pursuit_npt_era_effect: 1.0,
        ..Params::default()
    };
    let data = simulate(&truth, 3000, 11);
    let f = fit(&Params::default(), &data).expect("identified");
    let want = [8.0, 0.6, 0.8, 0.4, 1.0];
    for (e, w) in f.estimates.iter().zip(want) {
        // Within four standard errors (and the errors are small with 3,000 histories).
        assert!((e.value - w).abs() < 4.0 * e.se, "{}: {} ± {} against {w}", e.name, e.value, e.se);
        assert!(e.se < 0.25 * w.max(0.4), "{}: standard error {}", e.name, e.se);
    }
}

#[test]
fn an_effect_of_the_wrong_sign_is_held_at_zero() {
    // Assistance that slows pursuits: the model says it cannot, so the fit holds it at 0.
    let truth = Params {
        pursuit_median_years: 8.0,
        pursuit_sigma: 0.6,
        pursuit_latency_effect: 0.8,
        pursuit_npt_era_effect: 1.0,
        pursuit_assistance_effect: 0.0,
        ..Params::default()
    };
    let mut data = simulate(&truth, 2000, 5);
    // Slow every assisted history by stretching it: drop its weapon (censor it).
    for h in data.iter_mut().filter(|h| h.years[0].assisted) {
        h.acquired = false;
    }
    let f = fit(&Params::default(), &data).expect("identified");
    let assistance = &f.estimates[3];
    assert_eq!(assistance.value, 0.0);
    assert!(assistance.se.is_nan());
    assert!(f.unconstrained[1] < 0.0, "the unconstrained estimate has the wrong sign");
    // Held at 0, the log-likelihood without the effect is the fit's own.
    assert_eq!(f.without[1], f.log_likelihood);
}

#[test]
fn pursuit_spells_agree_with_the_programme_table() {
    let r = Record::builtin().unwrap();
    for p in r.programmes.iter().filter(|p| p.pursue_start.is_some()) {
        let spells: Vec<&Pursuit> = r.pursuits.iter().filter(|s| s.iso3 == p.iso3 && s.cow == p.cow).collect();
        assert!(!spells.is_empty(), "{}: a pursuer without spells", p.iso3);
        assert_eq!(Some(spells[0].start), p.pursue_start, "{}: first spell", p.iso3);
        let last = spells[spells.len() - 1];
        match (p.acquire_year, p.pursue_end) {
            (Some(year), _) => assert_eq!((last.outcome.as_str(), last.end), ("acquired", Some(year)), "{}", p.iso3),
            (None, Some(end)) => assert_eq!((last.outcome.as_str(), last.end), ("stopped", Some(end)), "{}", p.iso3),
            (None, None) => assert_eq!((last.outcome.as_str(), last.end), ("ongoing", None), "{}", p.iso3),
        }
        for w in spells.windows(2) {
            assert_eq!(w[0].outcome, "stopped", "{}: only the last spell may end otherwise", p.iso3);
            assert!(w[0].end.unwrap() < w[1].start, "{}: spells in order", p.iso3);
        }
    }
    // Every spell belongs to a pursuer of the table.
    for s in &r.pursuits {
        assert!(r.programmes.iter().any(|p| p.iso3 == s.iso3 && p.cow == s.cow && p.pursue_start.is_some()));
    }
}

fn replay() -> (model::Scenario, engine::Resolved) {
    let loaded = lab::scenario::Loaded::builtin("history-1945").unwrap();
    let resolved = engine::resolve(&loaded.scenario, &engine::RunOptions::default()).unwrap();
    (loaded.scenario, resolved)
}

#[test]
fn the_record_histories_carry_the_engines_covariates() {
    let (scenario, resolved) = replay();
    let r = Record::builtin().unwrap();
    let h = record_histories(&scenario, &resolved, &r.programmes, &r.pursuits);
    assert_eq!(h.len(), 17);
    assert_eq!(h.iter().filter(|h| h.acquired).count(), 10);
    let of = |iso: &str| h.iter().find(|h| h.iso3 == iso).unwrap();
    // France: 1955–1960 at the latency of the Fontenay plant (a `latency` event of 1954).
    let fra = of("FRA");
    assert_eq!(fra.years.len(), 6);
    assert!(fra.years.iter().all(|y| y.latency == 0.6 && !y.assisted));
    // China: assisted from the Soviet help of 1958.
    let chn = of("CHN");
    assert!(chn.years.iter().all(|y| y.assisted == (y.year >= 1958)));
    // India: 1965, 1973–1974 and 1981–1987 (three spells).
    assert_eq!(of("IND").years.len(), 1 + 2 + 7);
    // The wartime years have no covariates: the United States' 1943–1945.
    assert!(of("USA").years.iter().all(|y| y.latency == 0.0 && !y.assisted));
}

#[test]
fn the_engine_defaults_are_the_estimates() {
    let (scenario, resolved) = replay();
    let r = Record::builtin().unwrap();
    let h = record_histories(&scenario, &resolved, &r.programmes, &r.pursuits);
    let f = fit(&resolved.params, &h).expect("identified");
    let defaults = Params::default();
    for e in &f.estimates {
        let default = defaults.get(e.name).unwrap();
        // Defaults are the estimates to three significant figures.
        assert!(
            (e.value - default).abs() <= 0.005 * e.value.abs().max(1.0),
            "{}: estimate {} but engine default {default}: run `deterrence data durations`",
            e.name,
            e.value
        );
    }
    // The duration model's own consistency: the survival at the median baseline time is 0.5.
    assert!((pursuit_survival(&defaults, defaults.pursuit_median_years) - 0.5).abs() < 1e-7);
}
