//! The suppliers' rate of sensitive assistance estimated from the record: the rate of a yearly
//! probability, the record's counts along the recorded path, and the engine's default equal to
//! the estimate.

#![allow(clippy::float_cmp)]

use history::record::Record;
use history::supply::{rate_of, supply_rate};

#[test]
fn the_rate_of_a_yearly_probability_inverts_one_minus_exp() {
    assert!((rate_of(0.5) - std::f64::consts::LN_2).abs() < 1e-15);
    assert_eq!(rate_of(0.0), 0.0);
    // 1 − exp(−rate_of(p)) = p.
    let p = 0.0123;
    assert!((1.0 - (-rate_of(p)).exp() - p).abs() < 1e-15);
}

#[test]
fn the_record_has_two_episodes_on_eligible_pairs_and_the_default_is_the_estimate() {
    let loaded = lab::scenario::Loaded::builtin("history-1945").unwrap();
    let resolved = engine::resolve(&loaded.scenario, &engine::RunOptions::default()).unwrap();
    let r = Record::builtin().unwrap();
    let s = supply_rate(&loaded.scenario, &resolved, &r.programmes).expect("eligible pairs");
    let named: Vec<(i32, &str, &str)> = s.events.iter().map(|(y, a, b)| (*y, a.as_str(), b.as_str())).collect();
    assert_eq!(named, [(1958, "RUS", "CHN"), (1982, "CHN", "PAK")]);
    assert_eq!(s.outside.len(), 4, "France→Israel and the Khan network's three");
    // −ln(1 − 2 / trials).
    let k = s.events.len() as f64;
    assert!((s.rate.0 - -(1.0 - k / s.trials as f64).ln()).abs() < 1e-15);
    assert!(s.rate.1 < s.rate.0 && s.rate.0 < s.rate.2);
    let default = engine::params::Params::default().supply_rate;
    assert!(
        (s.rate.0 - default).abs() <= 0.005 * s.rate.0,
        "estimate {} but engine default {default}: run `deterrence data supply`",
        s.rate.0
    );
    // history-1945 schedules the record's assistance, so its suppliers' decisions are off.
    assert_eq!(resolved.params.supply_rate, 0.0);
}
