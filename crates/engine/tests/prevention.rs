//! Preventive strikes (process 3): a known programme of a capable rival's target is struck at
//! the engine's probability, through the proliferation process, and never without the mechanism.

use engine::levers::preset;
use engine::params::{Params, with_lenses};
use engine::prevention::{exposure, strike_probability};
use engine::world::World;
use engine::{prevention, proliferation};
use model::{Lens, NuclearStatus, RegimePreset, Scenario};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

fn scenario() -> Scenario {
    model::parse_scenario(include_str!("data/test-world.toml"), "test-world.toml").unwrap()
}

fn idx(w: &World, iso: &str) -> usize {
    w.actors.iter().position(|a| a.state.iso3 == iso).unwrap()
}

/// The test world with DDD (no allies, rival of the armed BBB) pursuing a known programme
/// half-way to the median time to a weapon.
fn pursuing_world(params: Params) -> World {
    let s = scenario();
    let lenses = [Lens::Deterrence];
    let mut w = World::new(&s, 2025, 30, preset(RegimePreset::Eroded), params, lenses.to_vec());
    w.update_stability();
    engine::threat::assess(&mut w);
    let d = idx(&w, "DDD");
    let a = &mut w.actors[d];
    a.status = NuclearStatus::Pursuing;
    a.state.nuclear_status = NuclearStatus::Pursuing;
    a.status_since = 2025;
    a.detected = true;
    a.pursuit_progress = 0.5 * w.params.pursuit_median_years;
    w
}

#[test]
fn a_known_programme_is_struck_at_the_engines_probability() {
    let params = Params { preventive_strike_rate: 0.5, ..with_lenses(Params::default(), &[Lens::Deterrence]) };
    let w = pursuing_world(params);
    let (b, d) = (idx(&w, "BBB"), idx(&w, "DDD"));
    let k = w.dyads.iter().position(|x| (x.a, x.b) == (b, d) || (x.a, x.b) == (d, b)).unwrap();
    let x = exposure(&w, k, b, d, Some(0.5)).expect("BBB can strike DDD's programme");
    // Intensity 0.7 × progress 0.5, no cover, no retaliation: 1 − exp(−0.5 × 0.35).
    assert!((x.value(&w.params) - 0.35).abs() < 1e-12, "{x:?}");
    let expected = strike_probability(&w.params, &x);
    assert!((expected - (1.0 - (-0.175f64).exp())).abs() < 1e-12);
    let n = 4000u64;
    let struck: u32 = (0..n)
        .map(|seed| {
            let mut v = w.clone();
            prevention::step(&mut v, &mut ChaCha8Rng::seed_from_u64(seed));
            v.tally.preventive_strikes
        })
        .sum();
    let share = f64::from(struck) / n as f64;
    // Binomial standard error about 0.006 at 4,000 draws: 4 of them.
    assert!((share - expected).abs() < 0.025, "struck {share:.3}, expected {expected:.3}");
    // An unknown programme is not in the window.
    let mut hidden = w.clone();
    hidden.actors[d].detected = false;
    let none: u32 = (0..200)
        .map(|seed| {
            let mut v = hidden.clone();
            prevention::step(&mut v, &mut ChaCha8Rng::seed_from_u64(seed));
            v.tally.preventive_strikes
        })
        .sum();
    assert_eq!(none, 0, "an undetected programme was struck");
}

#[test]
fn the_proliferation_process_strikes_and_never_at_rate_zero() {
    let count = |rate: f64| {
        let params = Params {
            preventive_strike_rate: rate,
            pursuit_stop_rate: 0.0,
            ..with_lenses(Params::default(), &[Lens::Deterrence])
        };
        let w = pursuing_world(params);
        (0..300u64)
            .map(|seed| {
                let mut v = w.clone();
                proliferation::step(&mut v, &mut ChaCha8Rng::seed_from_u64(seed));
                v.tally.preventive_strikes
            })
            .sum::<u32>()
    };
    assert!(count(1.0) > 0, "the proliferation process never struck a known programme");
    assert_eq!(count(0.0), 0);
}
