//! Suppliers' sensitive nuclear assistance (Kroenig 2009, "Exporting the Bomb"): who is eligible
//! (a supplier that is armed or has mastered the fuel cycle, a recipient with a programme, a
//! shared enemy, no rivalry between them), the assistance an eligible pair gives, and no draw
//! at all when the rate is 0.

#![allow(clippy::float_cmp)]

use engine::supply::{can_supply, common_enemy, eligible, eligible_in, enemy_sets, rivals, sharing_candidates};
use engine::world::World;
use model::NuclearStatus;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

mod common;

use common::{idx, pursuing_ddd as scenario};

fn world() -> World {
    let s = scenario("");
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    World::new(&s, 2025, 30, r.regime, r.params.clone(), r.lenses.clone())
}

#[test]
fn eligibility_follows_the_shared_enemy_rule() {
    let mut w = world();
    let (a, b, c, d) = (idx(&w, "AAA"), idx(&w, "BBB"), idx(&w, "CCC"), idx(&w, "DDD"));
    // AAA (armed) and DDD (pursuing) are both rivals of BBB and not of each other.
    assert!(rivals(&w, a, b) && rivals(&w, d, b) && !rivals(&w, a, d));
    assert!(common_enemy(&w, a, d));
    assert!(eligible(&w, a, d));
    // BBB is DDD's rival: it does not help.
    assert!(!eligible(&w, b, d));
    // CCC has no weapons but latency 0.9, above supplier_min_latency: it can supply.
    assert!(can_supply(&w, c) && eligible(&w, c, d));
    w.actors[c].latency = w.params.supplier_min_latency - 0.01;
    assert!(!can_supply(&w, c) && !eligible(&w, c, d));
    // A state without a programme is no recipient.
    w.actors[d].status = NuclearStatus::None;
    assert!(!eligible(&w, a, d));
    w.actors[d].status = NuclearStatus::Exploring;
    assert!(eligible(&w, a, d));
    // No shared enemy once the AAA–BBB rivalry has ended.
    for dy in &mut w.dyads {
        if (dy.a, dy.b) == (a, b) || (dy.a, dy.b) == (b, a) {
            dy.intensity = 0.0;
        }
    }
    assert!(!common_enemy(&w, a, d) && !eligible(&w, a, d));
}

/// The bit-set form the yearly step uses agrees with the plain rule on every pair, in every
/// status and rivalry setting tried.
#[test]
fn the_fast_rule_agrees_with_the_plain_one() {
    let w = world();
    let n = w.actors.len();
    for status in [NuclearStatus::None, NuclearStatus::Exploring, NuclearStatus::Pursuing] {
        for cut in 0..=w.dyads.len() {
            let mut v = w.clone();
            if cut < v.dyads.len() {
                v.dyads[cut].intensity = 0.0;
            }
            for i in 0..n {
                if !v.actors[i].is_armed() {
                    v.actors[i].status = status;
                }
            }
            let sets = enemy_sets(&v);
            for s in 0..n {
                for r in 0..n {
                    assert_eq!(eligible_in(&v, &sets, s, r), eligible(&v, s, r), "{s}→{r}");
                }
            }
        }
    }
}

/// Every state that shares an enemy with `r` is among `r`'s candidates, which come sorted and
/// without repeats: on the test world with each dyad cut in turn, and on every built-in scenario.
#[test]
fn the_candidates_hold_every_state_sharing_an_enemy() {
    let check = |v: &World| {
        let mut out = Vec::new();
        for r in 0..v.actors.len() {
            sharing_candidates(v, r, &mut out);
            assert!(out.windows(2).all(|p| p[0] < p[1]) && !out.contains(&r), "{out:?}");
            for s in 0..v.actors.len() {
                if s != r && common_enemy(v, s, r) {
                    assert!(out.contains(&s), "{s} shares an enemy with {r} but is no candidate");
                }
            }
        }
    };
    let w = world();
    for cut in 0..=w.dyads.len() {
        let mut v = w.clone();
        if cut < v.dyads.len() {
            v.dyads[cut].intensity = 0.0;
        }
        check(&v);
    }
    for b in model::builtin::BUILTINS {
        let s = model::parse_scenario(b.text, b.path).unwrap();
        let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
        check(&World::new(&s, r.start_year, r.years, r.regime, r.params.clone(), r.lenses.clone()));
    }
}

#[test]
fn an_eligible_supplier_assists_and_a_zero_rate_draws_nothing() {
    let mut w = world();
    let (a, d) = (idx(&w, "AAA"), idx(&w, "DDD"));
    // Rate 0: nothing happens, and the random stream is untouched.
    w.params.supply_rate = 0.0;
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    engine::supply::step(&mut w, &mut rng);
    assert!(!w.actors[d].assisted);
    assert_eq!(rng.random::<u64>(), ChaCha8Rng::seed_from_u64(3).random::<u64>(), "no draw at rate 0");
    // A rate so high the year's probability is 1: the first eligible supplier (AAA) assists.
    w.params.supply_rate = 1e6;
    let before = w.actors[d].latency;
    engine::supply::step(&mut w, &mut rng);
    assert!(w.actors[d].assisted);
    let gain = w.params.assistance_latency_gain;
    assert!((w.actors[d].latency - (before + gain * (1.0 - before))).abs() < 1e-12);
    let e = w.events.iter().find(|e| e.kind.as_str() == "assistance").expect("recorded");
    assert_eq!(e.first.unwrap().1.to_string(), w.actors[a].state.iso3);
    assert_eq!(e.second.unwrap().1.to_string(), w.actors[d].state.iso3);
    // Assisted once: no second episode.
    let latency = w.actors[d].latency;
    engine::supply::step(&mut w, &mut rng);
    assert_eq!(w.actors[d].latency, latency);
    assert_eq!(w.events.iter().filter(|e| e.kind.as_str() == "assistance").count(), 1);
}

#[test]
fn runs_generate_assistance_only_with_a_positive_rate() {
    let with = scenario("\n[simulation.parameters]\nsupply_rate = 0.5\n");
    let without = scenario("\n[simulation.parameters]\nsupply_rate = 0.0\n");
    let count = |s: &model::Scenario| {
        let r = engine::resolve(s, &engine::RunOptions::default()).unwrap();
        (0..20)
            .map(|i| engine::run(s, &r, 9, i).events.iter().filter(|e| e.kind.as_str() == "assistance").count())
            .sum::<usize>()
    };
    assert!(count(&with) > 0, "eligible pairs with a high rate assist");
    assert_eq!(count(&without), 0);
}
