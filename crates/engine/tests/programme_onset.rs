//! The onset law (`proliferation::onset_probability`): its formula against hand-computed
//! values, the engine's former law `explore_hazard × willingness` exactly at a shift of 0, and
//! the mechanism — a high-willingness state starts exploring at the rate the formula gives at a
//! shift other than 0, not at the rate without the shift.

#![allow(clippy::float_cmp)]

mod common;

use common::eroded_world;
use engine::params::Params;
use engine::proliferation::{self, covariates, onset_probability, willingness_index};
use model::NuclearStatus;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

#[test]
fn the_onset_probability_matches_hand_values() {
    // 0.2 × logistic(1 − 2) = 0.2 / (1 + e) and 0.2 × logistic(3 − 2) = 0.2 / (1 + e^−1).
    let p = Params { explore_hazard: 0.2, onset_shift: -2.0, ..Params::default() };
    assert!((onset_probability(&p, 1.0) - 0.053_788_284_273_999_02).abs() < 1e-15);
    assert!((onset_probability(&p, 3.0) - 0.146_211_715_726_000_97).abs() < 1e-15);
    assert!((onset_probability(&p, 0.0) - 0.023_840_584_404_423_51).abs() < 1e-15);
    // A positive shift: 0.05 × logistic(0.5).
    let q = Params { explore_hazard: 0.05, onset_shift: 0.5, ..Params::default() };
    assert!((onset_probability(&q, 0.0) - 0.031_122_966_560_092_73).abs() < 1e-15);
    // The ceiling is explore_hazard, whatever the shift.
    assert!(onset_probability(&p, 60.0) <= 0.2 && onset_probability(&p, 60.0) > 0.2 - 1e-12);
}

#[test]
fn at_a_shift_of_zero_the_onset_probability_is_explore_hazard_times_willingness_exactly() {
    let p = Params::default();
    assert_eq!(p.onset_shift, 0.0, "the default is the nested model");
    for k in -400..=400 {
        let index = f64::from(k) / 37.0;
        assert_eq!(onset_probability(&p, index), p.explore_hazard * logistic(index), "index {index}");
    }
}

#[test]
fn a_high_willingness_state_starts_at_the_rate_the_shifted_formula_gives() {
    let base = Params { willingness_intercept: 3.0, explore_hazard: 0.5, ..Params::default() };
    let w = eroded_world(base);
    let i = w.actors.iter().position(|a| a.state.iso3 == "DDD").unwrap();
    assert_eq!(w.actors[i].status, NuclearStatus::None);
    let index = willingness_index(&w.params, &covariates(&w, i));
    assert!(logistic(index) > 0.9, "a high-willingness state: {}", logistic(index));
    let n = 4000;
    let rate = |shift: f64| {
        let mut count = 0u32;
        for seed in 0..n {
            let mut v = w.clone();
            v.params.onset_shift = shift;
            proliferation::step(&mut v, &mut ChaCha8Rng::seed_from_u64(seed));
            count += u32::from(v.actors[i].status == NuclearStatus::Exploring);
        }
        f64::from(count) / f64::from(u32::try_from(n).unwrap())
    };
    let shifted = Params { onset_shift: -6.0, ..w.params.clone() };
    let want = onset_probability(&shifted, index);
    let without = w.params.explore_hazard * logistic(index);
    let se = (want * (1.0 - want) / 4000.0).sqrt();
    assert!(without - want > 10.0 * se, "the shift matters at this index: {want} vs {without}");
    let measured = rate(-6.0);
    assert!((measured - want).abs() < 4.0 * se, "measured {measured}, formula {want} (without the shift {without})");
    let at_zero = rate(0.0);
    let se0 = (without * (1.0 - without) / 4000.0).sqrt();
    assert!((at_zero - without).abs() < 4.0 * se0, "measured {at_zero}, explore_hazard × willingness {without}");
}
