//! Invariants that hold in every year of every run (issue 3): warheads never negative,
//! probabilities and levers in [0, 1], a state never both disarmed and armed.

use engine::levers::preset;
use engine::params::{Params, with_lenses};
use engine::world::World;
use model::{Lens, NuclearStatus, RegimePreset};
use proptest::prelude::*;

fn check(w: &World) -> Result<(), TestCaseError> {
    for a in &w.actors {
        for f in &a.state.forces {
            prop_assert!(
                f.launchers.best >= 0.0 && f.warheads_per_launcher.best >= 0.0,
                "{}: negative force",
                a.state.iso3
            );
            for x in [f.generated_survivable_fraction.best, f.day_to_day_survivable_fraction.best] {
                prop_assert!((0.0..=1.0).contains(&x));
            }
        }
        prop_assert!(a.warheads() >= 0.0);
        for x in [a.value, a.willingness, a.threat, a.c2] {
            prop_assert!((0.0..=1.0).contains(&x), "{}: {x} outside [0, 1]", a.state.iso3);
        }
        match a.status {
            NuclearStatus::Disarmed => prop_assert!(a.state.forces.is_empty(), "{} disarmed with forces", a.state.iso3),
            NuclearStatus::Possessing => {
                prop_assert!(!a.state.forces.is_empty(), "{} armed without forces", a.state.iso3)
            }
            _ => prop_assert!(a.state.forces.is_empty(), "{} has forces without weapons status", a.state.iso3),
        }
        prop_assert_eq!(a.status, a.state.nuclear_status);
    }
    let r = &w.regime;
    for x in [r.norm_strength, r.verification, r.enforcement, r.selectivity, r.inequity, r.assurance_credibility] {
        prop_assert!((0.0..=1.0).contains(&x));
    }
    for (k, _) in w.dyads.iter().enumerate() {
        let p = engine::crisis::onset_probability(w, k);
        prop_assert!((0.0..=1.0).contains(&p));
        if let Some(s) = &w.dyads[k].stability {
            prop_assert!(s.index > 0.0 && s.index <= 1.0);
            prop_assert!(s.a_strikes.surviving_warheads >= -1e-9 && s.b_strikes.surviving_warheads >= -1e-9);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_every_year(seed in 0u64..1_000_000, preset_ix in 0usize..3, lens_mask in 1u8..16) {
        let b = model::builtin::get("world-2025").unwrap();
        let s = model::parse_scenario(b.text, b.path).unwrap();
        let lenses: Vec<Lens> = Lens::ALL.iter().enumerate().filter(|(i, _)| lens_mask & (1 << i) != 0).map(|(_, l)| *l).collect();
        let regime = preset([RegimePreset::Strong, RegimePreset::Eroded, RegimePreset::Failed][preset_ix]);
        let mut w = World::new(&s, 2025, 30, regime, with_lenses(Params::default(), &lenses), lenses);
        w.update_stability();
        let mut rng = engine::run::run_rng(seed, 0);
        for _ in 0..30 {
            engine::schedule::step(&mut w, &mut rng);
            check(&w)?;
            w.year += 1;
        }
    }
}

#[test]
fn run_streams_are_reproducible_and_distinct() {
    use rand::RngExt;
    let draw = |seed, run| {
        let mut r = engine::run::run_rng(seed, run);
        (0..4).map(|_| r.random::<u64>()).collect::<Vec<_>>()
    };
    assert_eq!(draw(5, 3), draw(5, 3));
    assert_ne!(draw(5, 3), draw(5, 4));
    assert_ne!(draw(5, 3), draw(6, 3));
    // Value stability: the first word of stream 0 under seed 0 is pinned, so a change in the
    // generator (a rand/chacha20 update) is caught here before it silently changes results.
    let first = draw(0, 0)[0];
    assert_eq!(first, FIRST_WORD, "ChaCha8 stream changed: first word {first}");
}

/// First u64 of `ChaCha8Rng::seed_from_u64(0)` on stream 0, recorded with rand 0.10.4 and
/// chacha20 0.10.2 (reference/rust-stack.md §5.2: ChaCha8 output was identical across rand
/// 0.8, 0.9 and 0.10).
const FIRST_WORD: u64 = 13_080_132_717_333_068_652;

#[test]
fn same_seed_same_run_and_different_seeds_differ() {
    let b = model::builtin::get("world-2025").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let r = engine::resolve(&s, &engine::RunOptions { years: Some(20), ..Default::default() }).unwrap();
    let a = engine::run(&s, &r, 123, 0);
    assert_eq!(a, engine::run(&s, &r, 123, 0));
    let others: Vec<_> = (124..130).map(|seed| engine::run(&s, &r, seed, 0).events).collect();
    assert!(others.iter().any(|e| *e != a.events));
}
