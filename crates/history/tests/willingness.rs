//! The willingness index fitted to the record: the record's path as a schedule, the trials
//! counted against the transition counts of `hazards`, parameter recovery on data simulated
//! from known coefficients (and a known onset shift), the sign constraint, and the engine's
//! defaults equal to the estimates.

#![allow(clippy::float_cmp)]

use engine::params::Params;
use engine::proliferation::{
    Covariates, arsenal_reversal_probability, onset_probability, pursuit_index, stop_probability, willingness_index,
};
use history::hazards::programme_hazards;
use history::record::Record;
use history::willingness::{
    Observation, Risk, boundary_p_value, fit, fit_arsenal_reversal, fit_held, fit_onset_shift, likelihood_ratio,
    observations, record_schedule, trials, two_sided_p_value,
};
use model::NuclearStatus;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

fn replay() -> (model::Scenario, engine::Resolved) {
    let loaded = lab::scenario::Loaded::builtin("history-1945").unwrap();
    let resolved = engine::resolve(&loaded.scenario, &engine::RunOptions::default()).unwrap();
    (loaded.scenario, resolved)
}

fn record() -> Record {
    Record::builtin().unwrap()
}

#[test]
fn the_schedule_holds_each_recorded_stage_after_1945() {
    let (scenario, _) = replay();
    let events = record_schedule(&scenario, &record().programmes);
    let of = |iso: &str| -> Vec<(i32, NuclearStatus)> {
        events.iter().filter(|e| e.state.as_deref() == Some(iso)).map(|e| (e.year, e.nuclear_status.unwrap())).collect()
    };
    assert_eq!(of("FRA"), [(1954, NuclearStatus::Pursuing), (1960, NuclearStatus::Possessing)]);
    assert_eq!(
        of("ZAF"),
        [
            (1969, NuclearStatus::Exploring),
            (1974, NuclearStatus::Pursuing),
            (1979, NuclearStatus::Possessing),
            (1991, NuclearStatus::Disarmed)
        ]
    );
    assert_eq!(of("JPN"), [(1972, NuclearStatus::None)], "explored from 1941, stopped in 1972");
    assert_eq!(
        of("BRA"),
        [(1966, NuclearStatus::Exploring), (1975, NuclearStatus::Pursuing), (1990, NuclearStatus::None)]
    );
    assert!(of("UKR").is_empty(), "not a state of the scenario");
    assert!(events.windows(2).all(|p| p[0].year <= p[1].year));
}

#[test]
fn the_replay_along_the_record_arms_the_recorded_states_and_generates_no_programme() {
    let (scenario, resolved) = replay();
    let mut conditioned = scenario.clone();
    conditioned.events.extend(record_schedule(&scenario, &record().programmes));
    conditioned.events.sort_by_key(|e| e.year);
    let template = engine::Template::new(&conditioned, &resolved).with_statuses_from_schedule();
    let out = template.run(1945, 0);
    let armed = |year: i32| out.years.iter().find(|y| y.year == year).unwrap().nuclear_armed_states;
    // The record: USA 1945, USSR 1949, UK 1952, France 1960, China 1964, Israel 1967, India and
    // Pakistan 1987, South Africa 1979–1991, North Korea 2006.
    assert_eq!([armed(1948), armed(1950), armed(1965), armed(1970), armed(1980)], [1, 2, 5, 6, 7]);
    assert_eq!([armed(1990), armed(1995), armed(2010)], [9, 8, 9]);
    for e in &out.events {
        assert!(
            !matches!(e.kind.as_str(), "explore" | "pursue" | "reversal" | "preventive-strike"),
            "the engine moved a programme on its own: {e:?}"
        );
    }
    let acquisitions: Vec<(i32, String)> = out
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "acquire")
        .map(|e| (e.year, e.first.as_ref().unwrap().1.to_string()))
        .collect();
    let want = [(1949, "RUS"), (1952, "GBR"), (1960, "FRA"), (1964, "CHN"), (1967, "ISR"), (1979, "ZAF")];
    assert_eq!(acquisitions[..6].iter().map(|(y, s)| (*y, s.as_str())).collect::<Vec<_>>(), want);
    assert_eq!(acquisitions.len(), 9, "{acquisitions:?}");
    // The same template without the mode generates its own programmes.
    let free = engine::Template::new(&scenario, &resolved).run(1945, 0);
    assert!(free.events.iter().any(|e| e.kind.as_str() == "explore"));
}

#[test]
fn the_trials_count_the_transitions_hazards_counts_after_1945() {
    let (scenario, _) = replay();
    let r = record();
    let t = trials(&scenario, &r.programmes);
    let h = programme_hazards(&r.programmes).unwrap();
    let count = |risk: Risk| {
        let of: Vec<&Observation> = t.iter().filter(|o| o.risk == risk).collect();
        (of.len(), of.iter().filter(|o| o.event).count())
    };
    // hazards counts every programme from 1939; the United States, the USSR and the UK went on to
    // pursue before 1946 and Germany's wartime exploration stopped in 1945 — four exits and three
    // pursuits the replay does not see.
    let exits = (h.to_pursuit + h.stopped_exploring) as usize;
    assert_eq!(count(Risk::ExplorationExit), (exits - 4, h.to_pursuit as usize - 3));
    assert_eq!(count(Risk::PursuitYear).1, h.stopped_pursuing as usize, "every stop came after 1945");
    let onsets = count(Risk::Onset);
    assert_eq!(onsets.1, 23, "explorations beginning 1946–2017 among the scenario's states");
    assert!(onsets.0 > 1000);
}

/// Trials drawn from the engine's own probabilities at `truth`, with covariates spread over
/// their ranges.
fn simulated(truth: &Params, n: usize, seed: u64) -> Vec<Observation> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::new();
    for k in 0..n {
        let risk = match k % 10 {
            0..=5 => Risk::Onset,
            6..=7 => Risk::ExplorationExit,
            _ => Risk::PursuitYear,
        };
        let c = Covariates {
            threat: rng.random::<f64>(),
            value: rng.random::<f64>(),
            inequity: rng.random::<f64>(),
            norm_weakness: 0.5,
            enforcement_cost: 0.1 * rng.random::<f64>(),
            ally_dependence: if rng.random::<f64>() < 0.5 { 0.0 } else { rng.random::<f64>() },
            major_power: if rng.random::<f64>() < 0.2 { 1.0 } else { 0.0 },
            shock: if rng.random::<f64>() < 0.25 { 1.0 } else { 0.0 },
        };
        let pursue = 1.0 / (1.0 + (-pursuit_index(truth, &c)).exp());
        let p = match risk {
            Risk::Onset => onset_probability(truth, willingness_index(truth, &c)),
            Risk::ExplorationExit => pursue,
            Risk::PursuitYear => stop_probability(truth, pursue, false),
            Risk::ArmedYear => unreachable!("simulated trials are of the willingness likelihood"),
        };
        let event = rng.random::<f64>() < p;
        out.push(Observation { iso3: "X".into(), year: 2000, risk, event, covariates: vec![c] });
    }
    out
}

/// Known coefficients for simulated trials, with `value` as the value coefficient.
fn known(value: f64) -> Params {
    Params {
        willingness_intercept: -1.0,
        willingness_threat: 2.0,
        willingness_value: value,
        willingness_inequity: 0.5,
        willingness_cost: 10.0,
        ally_pressure: 2.0,
        willingness_major_power: 1.2,
        willingness_shock: 0.8,
        explore_hazard: 0.3,
        ..Params::default()
    }
}

#[test]
fn the_fit_recovers_known_coefficients_from_simulated_trials() {
    let truth = known(1.5);
    let data = simulated(&truth, 40_000, 7);
    let f = fit(&Params::default(), &data, 1).unwrap();
    let want = [-1.0, 2.0, 1.5, 0.5, 10.0, 2.0, 1.2, 0.8, 0.3];
    assert_eq!(f.estimates.len(), want.len());
    for (e, w) in f.estimates.iter().zip(want) {
        assert!(e.se.is_finite() && e.se > 0.0, "{e:?}");
        assert!((e.value - w).abs() < 3.5 * e.se, "{}: {} ± {} vs {w}", e.name, e.value, e.se);
        assert!(e.interval.0 < e.value && e.value < e.interval.1);
    }
}

#[test]
fn a_coefficient_with_the_wrong_sign_sits_at_its_boundary() {
    // Value lowers willingness in these data; the model's value coefficient cannot be negative.
    let truth = Params {
        willingness_intercept: 0.0,
        willingness_threat: 2.0,
        willingness_value: -2.0,
        willingness_inequity: 0.0,
        willingness_cost: 5.0,
        ally_pressure: 1.0,
        explore_hazard: 0.3,
        ..Params::default()
    };
    let data = simulated(&truth, 20_000, 11);
    let f = fit(&Params::default(), &data, 1).unwrap();
    let value = &f.estimates[2];
    assert_eq!(value.name, "willingness_value");
    assert_eq!(value.value, 0.0);
    assert!(value.se.is_nan());
    assert!(f.estimates[1].value > 0.0 && f.estimates[1].se.is_finite());
}

#[test]
fn the_engine_defaults_are_the_estimates_from_the_record() {
    let (scenario, resolved) = replay();
    let obs = observations(&scenario, &resolved, &record().programmes, 20, 1945);
    let full = fit(&resolved.params, &obs, 20).unwrap();
    // The shock's coefficient is adopted when the likelihood ratio rejects 0 at 5 %; otherwise
    // the nested model, with it held at 0, is the engine's.
    let lr = likelihood_ratio(&resolved.params, &obs, &full, "willingness_shock").unwrap();
    let f =
        if lr.p_value < 0.05 { full } else { fit_held(&resolved.params, &obs, 20, &["willingness_shock"]).unwrap() };
    let defaults = Params::default();
    for e in &f.estimates {
        let default = defaults.get(e.name).unwrap();
        // Defaults are the estimates rounded to three significant figures.
        assert!(
            (default - e.value).abs() <= 0.005 * e.value.abs().max(1.0),
            "{}: default {default}, estimate {} (run `deterrence data willingness`)",
            e.name,
            e.value
        );
    }
}

#[test]
fn the_fit_recovers_a_known_shock_coefficient_and_the_test_finds_it() {
    let truth = Params { willingness_shock: 1.5, ..known(0.0) };
    let data = simulated(&truth, 40_000, 23);
    let f = fit(&Params::default(), &data, 1).unwrap();
    let e = f.estimates.iter().find(|e| e.name == "willingness_shock").unwrap();
    assert!((e.value - 1.5).abs() < 3.5 * e.se, "{e:?}");
    let lr = likelihood_ratio(&Params::default(), &data, &f, "willingness_shock").unwrap();
    assert!(lr.p_value < 1e-4, "{lr:?}");
    // Held at 0, it is reported at 0 with no standard error, and the nested fit is worse.
    let nested = fit_held(&Params::default(), &data, 1, &["willingness_shock"]).unwrap();
    let held = nested.estimates.iter().find(|e| e.name == "willingness_shock").unwrap();
    assert!(held.value == 0.0 && held.se.is_nan());
    assert!((2.0 * (f.log_likelihood - nested.log_likelihood) - lr.statistic).abs() < 1e-6);
    // Without a shock effect in the data the test does not reject.
    let flat = simulated(&Params { willingness_shock: 0.0, ..known(0.0) }, 20_000, 29);
    let f0 = fit(&Params::default(), &flat, 1).unwrap();
    let lr0 = likelihood_ratio(&Params::default(), &flat, &f0, "willingness_shock").unwrap();
    assert!(lr0.p_value > 0.01, "{lr0:?}");
    assert!(fit_held(&Params::default(), &flat, 1, &["explore_hazard"]).is_none(), "only coefficients are held");
}

#[test]
fn the_engines_shock_window_is_the_profile_maximum_and_the_coefficient_follows_the_test() {
    let (scenario, resolved) = replay();
    let r = record();
    let s = history::willingness::shock_window_profile(&scenario, &resolved, &r.programmes, 20, 1945).unwrap();
    assert_eq!(s.points.len(), history::willingness::shock_window_grid().len());
    assert!(s.points.iter().all(|p| p.1 <= s.fit.log_likelihood + 1e-9));
    assert!(s.nested.log_likelihood <= s.fit.log_likelihood + 1e-9);
    let defaults = Params::default();
    assert_eq!(defaults.shock_window_years, s.window, "run `deterrence data willingness --shock`");
    let estimate = s.fit.estimates.iter().find(|e| e.name == "willingness_shock").unwrap().value;
    let adopted = if s.test.p_value < 0.05 { estimate } else { 0.0 };
    assert!(
        (defaults.willingness_shock - adopted).abs() <= 0.005 * adopted.abs().max(1.0),
        "default {}, adopted {adopted} (estimate {estimate}, LR {:.2}, p {:.3})",
        defaults.willingness_shock,
        s.test.statistic,
        s.test.p_value
    );
}

#[test]
fn the_engines_arsenal_reversal_rate_is_the_estimate_from_the_record() {
    let (scenario, resolved) = replay();
    let obs = observations(&scenario, &resolved, &record().programmes, 20, 1945);
    let armed: Vec<&Observation> = obs.iter().filter(|o| o.risk == Risk::ArmedYear).collect();
    let events: Vec<(i32, &str)> = armed.iter().filter(|o| o.event).map(|o| (o.year, o.iso3.as_str())).collect();
    assert_eq!(events, [(1991, "ZAF")], "South Africa is the record's one reversal of an arsenal");
    assert!(armed.iter().all(|o| o.covariates.len() == 20), "armed states are scored too");
    let e = fit_arsenal_reversal(&Params::default(), &obs).unwrap();
    let default = Params::default().arsenal_reversal_rate;
    assert!(
        (default - e.value).abs() <= 0.005 * e.value,
        "default {default}, estimate {} (run `deterrence data willingness`)",
        e.value
    );
    // One event: the log-rate's standard error is 1, so the rate's is the rate itself.
    assert!((e.se / e.value - 1.0).abs() < 0.05, "{e:?}");
}

#[test]
fn the_arsenal_reversal_fit_recovers_a_known_rate_and_needs_an_event() {
    let truth = Params { arsenal_reversal_rate: 0.05, ..Params::default() };
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut data = Vec::new();
    for _ in 0..20_000 {
        let c = Covariates {
            threat: rng.random::<f64>(),
            inequity: rng.random::<f64>(),
            enforcement_cost: 0.05 * rng.random::<f64>(),
            ..Covariates::default()
        };
        let will = 1.0 / (1.0 + (-willingness_index(&truth, &c)).exp());
        let event = rng.random::<f64>() < arsenal_reversal_probability(&truth, will);
        data.push(Observation { iso3: "X".into(), year: 2000, risk: Risk::ArmedYear, event, covariates: vec![c] });
    }
    let e = fit_arsenal_reversal(&Params::default(), &data).unwrap();
    assert!((e.value - 0.05).abs() < 3.5 * e.se, "{e:?}");
    assert!(e.interval.0 < e.value && e.value < e.interval.1);
    // The willingness likelihood ignores armed years.
    assert_eq!(history::willingness::log_likelihood(&truth, &data), 0.0);
    for o in &mut data {
        o.event = false;
    }
    assert!(fit_arsenal_reversal(&Params::default(), &data).is_none(), "no event: no estimate");
}

#[test]
fn the_profile_likelihood_at_the_defaults_is_the_fit_and_is_undefined_outside_the_unit_square() {
    let (scenario, resolved) = replay();
    let r = record();
    let at = [resolved.params.guarantee_cover, resolved.params.threat_nuclear_weight];
    let profile =
        history::willingness::profile_log_likelihood(&scenario, &resolved, &r.programmes, 4, 1945, at).unwrap();
    let obs = observations(&scenario, &resolved, &r.programmes, 4, 1945);
    let f = fit(&resolved.params, &obs, 4).unwrap();
    assert!((profile - f.log_likelihood).abs() < 1e-6, "{profile} vs {}", f.log_likelihood);
    // Threat counts in the likelihood: weighting only conventional power changes it.
    let other =
        history::willingness::profile_log_likelihood(&scenario, &resolved, &r.programmes, 4, 1945, [at[0], 0.0])
            .unwrap();
    assert!((other - profile).abs() > 1e-3);
    for bad in [[-0.1, 0.5], [0.5, 1.1]] {
        assert!(
            history::willingness::profile_log_likelihood(&scenario, &resolved, &r.programmes, 4, 1945, bad).is_none()
        );
    }
}

#[test]
fn the_boundary_p_value_halves_the_chi_square_tail() {
    // χ²₁ upper 10 % and 2 % points: 2.7055 and 5.4119 (tables), so half the tail is 5 % and 1 %.
    assert!((boundary_p_value(2.705_543) - 0.05).abs() < 1e-6);
    assert!((boundary_p_value(5.411_894) - 0.01).abs() < 1e-6);
    assert!((boundary_p_value(0.0) - 0.5).abs() < 1e-7);
}

#[test]
fn the_likelihood_ratio_finds_a_real_coefficient_and_not_an_absent_one() {
    let truth = known(0.0);
    let data = simulated(&truth, 20_000, 11);
    let f = fit(&Params::default(), &data, 1).unwrap();
    let present = likelihood_ratio(&Params::default(), &data, &f, "willingness_major_power").unwrap();
    assert!(present.statistic > 20.0 && present.p_value < 1e-4, "{present:?}");
    let absent = likelihood_ratio(&Params::default(), &data, &f, "willingness_value").unwrap();
    assert!(absent.statistic < 2.7 && absent.p_value > 0.05, "{absent:?}");
    assert!(likelihood_ratio(&Params::default(), &data, &f, "willingness_intercept").is_none());
    assert!(likelihood_ratio(&Params::default(), &data, &f, "explore_hazard").is_none());
}

#[test]
fn the_engines_threat_aggregation_is_the_profile_estimate_when_the_record_supports_it_and_else_zero() {
    let (scenario, resolved) = replay();
    let r = record();
    let a = history::willingness::aggregation_profile(&scenario, &resolved, &r.programmes, 20, 1945).unwrap();
    // The profile at the engine's default (κ = 0) is the willingness fit itself.
    assert_eq!(resolved.params.threat_aggregation, 0.0);
    let obs = observations(&scenario, &resolved, &r.programmes, 20, 1945);
    let f = fit(&resolved.params, &obs, 20).unwrap();
    assert!((a.points[0].1 - f.log_likelihood).abs() < 1e-6, "{} vs {}", a.points[0].1, f.log_likelihood);
    // Aggregation counts in the likelihood, and the estimate is the profile's maximum.
    assert!(a.points.iter().any(|p| (p.1 - a.points[0].1).abs() > 1e-3), "{:?}", a.points);
    assert!(a.points.iter().all(|p| p.1 <= a.log_likelihood + 1e-9));
    assert!((0.0..=1.0).contains(&a.estimate));
    assert!((a.test.statistic - 2.0 * (a.log_likelihood - a.points[0].1)).abs() < 1e-9);
    // The default is the estimate if the test against 0 rejects at 5 %, the boundary 0 if not.
    let adopted = if a.test.p_value < 0.05 { a.estimate } else { 0.0 };
    let default = Params::default().threat_aggregation;
    assert!(
        (default - adopted).abs() <= 0.005,
        "default {default}, adopted {adopted} (estimate {}, LR {:.2}, p {:.3}; run `deterrence data willingness --aggregation`)",
        a.estimate,
        a.test.statistic,
        a.test.p_value
    );
    for bad in [-0.1, 1.1] {
        assert!(
            history::willingness::aggregation_log_likelihood(&scenario, &resolved, &r.programmes, 20, 1945, bad)
                .is_none()
        );
    }
}

#[test]
fn the_fit_recovers_a_known_onset_shift_and_the_test_finds_it() {
    // A steep onset law: ceiling 0.6, shift −2, threat spread wide enough to trace the curve.
    let truth = Params { explore_hazard: 0.6, onset_shift: -2.0, willingness_threat: 4.0, ..known(0.0) };
    let data = simulated(&truth, 40_000, 31);
    let s = fit_onset_shift(&Params::default(), &data, 1, &[]).unwrap();
    assert_eq!(s.fit.estimates.len(), 10);
    let shift = s.fit.estimates.last().unwrap();
    assert_eq!(shift.name, "onset_shift");
    assert!(shift.se.is_finite() && shift.se > 0.0, "{shift:?}");
    assert!((shift.value + 2.0).abs() < 3.5 * shift.se, "{shift:?}");
    let hazard = s.fit.estimates.iter().find(|e| e.name == "explore_hazard").unwrap();
    assert!((hazard.value - 0.6).abs() < 3.5 * hazard.se, "{hazard:?}");
    assert!(s.test.p_value < 0.01, "{:?}", s.test);
    assert!((s.test.statistic - 2.0 * (s.fit.log_likelihood - s.nested.log_likelihood)).abs() < 1e-9);
    // The nested fit holds the shift at 0 and does not report it; plain fits hold it too.
    assert_eq!(s.nested.estimates.len(), 9);
    assert_eq!(fit(&Params::default(), &data, 1).unwrap().log_likelihood, s.nested.log_likelihood);
    // Without a shift in the data the test does not reject.
    let flat = simulated(&known(0.0), 20_000, 41);
    let f = fit_onset_shift(&Params::default(), &flat, 1, &[]).unwrap();
    assert!(f.test.p_value > 0.01, "{:?}", f.test);
    assert!(fit_onset_shift(&Params::default(), &flat, 1, &["explore_hazard"]).is_none());
}

#[test]
fn the_two_sided_p_value_is_the_chi_square_tail() {
    // χ²₁ upper 5 % and 1 % points: 3.8415 and 6.6349 (tables).
    assert!((two_sided_p_value(3.841_459) - 0.05).abs() < 1e-6);
    assert!((two_sided_p_value(6.634_897) - 0.01).abs() < 1e-6);
    assert!((two_sided_p_value(0.0) - 1.0).abs() < 1e-7);
}

#[test]
fn the_engines_onset_shift_follows_the_test_on_the_record() {
    let (scenario, resolved) = replay();
    let obs = observations(&scenario, &resolved, &record().programmes, 20, 1945);
    let s = fit_onset_shift(&resolved.params, &obs, 20, &["willingness_shock"]).unwrap();
    let estimate = s.fit.estimates.last().unwrap().value;
    let adopted = if s.test.p_value < 0.05 { estimate } else { 0.0 };
    let default = Params::default().onset_shift;
    assert!(
        (default - adopted).abs() <= 0.005 * adopted.abs().max(1.0),
        "default {default}, adopted {adopted} (estimate {estimate}, LR {:.2}, p {:.3}; run `deterrence data willingness`)",
        s.test.statistic,
        s.test.p_value
    );
    // The nested fit is the engine's index at a shift of 0.
    let nested = fit_held(&resolved.params, &obs, 20, &["willingness_shock"]).unwrap();
    assert!((nested.log_likelihood - s.nested.log_likelihood).abs() < 1e-9);
    assert!(s.fit.log_likelihood >= s.nested.log_likelihood - 1e-9);
}
