//! Force requirements from targeting doctrine (issue 10, item 3): each test fails if the
//! mechanism is removed or inverted.

#![allow(clippy::float_cmp)]

use engine::params::Params;
use engine::targeting;
use engine::world::World;
use model::{DeliveryClass, Estimate, Scenario};

/// The test world with AAA renamed USA (a counterforce doctrine) and BBB renamed RUS.
fn superpowers(extra: &str) -> Scenario {
    let text = include_str!("data/test-world.toml")
        .replace("AAA", "USA")
        .replace("BBB", "RUS")
        .replace("iso3 = \"USA\"", "iso3 = \"USA\"\ntargeting = \"counterforce\"")
        .replace("iso3 = \"RUS\"", "iso3 = \"RUS\"\ntargeting = \"counterforce\"")
        + extra;
    model::parse_scenario(&text, "superpowers.toml").unwrap()
}

fn world(s: &Scenario) -> World {
    let r = engine::resolve(s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(s, r.start_year, r.years, r.regime, r.params.clone(), r.lenses.clone());
    w.update_stability();
    w
}

fn idx(w: &World, iso: &str) -> usize {
    w.actors.iter().position(|a| a.state.iso3 == iso).unwrap()
}

/// Gives `k` a silo force of `n` launchers (one warhead each) besides its other forces.
fn add_silos(w: &mut World, k: usize, n: f64) {
    let mut f = w.actors[k].state.forces[0].clone();
    f.class = DeliveryClass::SiloIcbm;
    f.launchers = Estimate::exact(n);
    f.warheads_per_launcher = Estimate::exact(1.0);
    w.actors[k].state.forces.push(f);
}

#[test]
fn requirement_grows_with_the_rivals_launchers_only_under_a_counterforce_doctrine() {
    let s = superpowers("");
    let p = Params::default();
    let mut w = world(&s);
    let (us, ru) = (idx(&w, "USA"), idx(&w, "RUS"));
    let before = targeting::requirement(&p, &w.actors[us].state, &w.actors[ru].state);
    add_silos(&mut w, ru, 1000.0);
    let after = targeting::requirement(&p, &w.actors[us].state, &w.actors[ru].state);
    let per = targeting::warheads_per_target(&p);
    assert!(per >= 1.0);
    assert!((after - before - per * 1000.0).abs() < 1e-6, "{before} -> {after}");
    // The same state with a minimal (countervalue-only) doctrine: no growth.
    let mut minimal = w.actors[us].state.clone();
    minimal.targeting = Some(model::Targeting::Countervalue);
    let mut rival = w.actors[ru].state.clone();
    let small = targeting::requirement(&p, &minimal, &rival);
    rival.forces.retain(|f| f.class != DeliveryClass::SiloIcbm);
    assert_eq!(small, targeting::requirement(&p, &minimal, &rival));
    assert!(small < before);
}

#[test]
fn the_arms_race_grows_within_the_production_bound_and_under_treaty_caps() {
    let s = superpowers("");
    let mut w = world(&s);
    let (us, ru) = (idx(&w, "USA"), idx(&w, "RUS"));
    add_silos(&mut w, ru, 5000.0);
    w.update_stability();
    let start = w.actors[us].warheads();
    let production = w.actors[us].production;
    assert!(production > 0.0);
    let mut last = start;
    for _ in 0..5 {
        engine::arsenal::step(&mut w);
        let now = w.actors[us].warheads();
        assert!(now - last <= production + 1e-6, "grew {} > {production}", now - last);
        last = now;
    }
    // Requirement far above the force: it grew, at the bound each year.
    assert!(last > start + 4.0 * production - 1e-6, "{start} -> {last}");

    // A treaty cap still binds however large the requirement.
    let capped = superpowers(
        "\n[[events]]\nyear = 2025\nkind = \"treaty-cap\"\nparties = [\"USA\", \"RUS\"]\nuntil_year = 2040\ndeployed_cap_warheads = 200\nsources = [\"test\"]\n",
    );
    let mut w = world(&capped);
    let (us, ru) = (idx(&w, "USA"), idx(&w, "RUS"));
    add_silos(&mut w, ru, 5000.0);
    let mut rng = engine::run::run_rng(1, 0);
    for _ in 0..3 {
        engine::schedule::step(&mut w, &mut rng);
        assert!(engine::arsenal::treaty_count(&w.actors[us].state.forces) <= 200.0 + 1e-9);
        w.year += 1;
    }
}

#[test]
fn runs_stay_deterministic() {
    let s = superpowers("");
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let a = engine::run(&s, &r, 7, 3);
    let b = engine::run(&s, &r, 7, 3);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn momentum_floor_follows_the_formula() {
    assert_eq!(engine::arsenal::momentum_floor(0.9, 1000.0), 900.0);
    assert_eq!(engine::arsenal::momentum_floor(0.9, -50.0), 0.0);
    assert_eq!(engine::arsenal::momentum_floor(0.0, 1000.0), 0.0);
    assert_eq!(engine::arsenal::momentum_floor(0.5, 30.0), 15.0);
}

/// The US deployed warheads year by year over `years` arsenal steps after its rival adds
/// 3,000 silos, with build momentum `momentum` and production `production` a year.
fn us_build_up(momentum: f64, production: f64, years: usize) -> Vec<f64> {
    let s = superpowers("");
    let mut w = world(&s);
    w.params.build_momentum = momentum;
    let (us, ru) = (idx(&w, "USA"), idx(&w, "RUS"));
    w.actors[us].production = production;
    add_silos(&mut w, ru, 3000.0);
    w.update_stability();
    let mut path = vec![w.actors[us].deployed()];
    for _ in 0..years {
        engine::arsenal::step(&mut w);
        w.update_stability();
        path.push(w.actors[us].deployed());
    }
    path
}

#[test]
fn organisational_momentum_carries_a_build_up_past_its_requirement() {
    let without = us_build_up(0.0, 1.0e6, 6);
    let with = us_build_up(0.9, 1.0e6, 6);
    // The first year's build-up meets the requirement in both.
    assert_eq!(without[1], with[1]);
    let first = with[1] - with[0];
    assert!(first > 1000.0, "a build-up toward the counterforce requirement: {first}");
    // Then, without momentum, growth stops short of the first year's; with it, each year adds
    // at least 0.9 of the last year's growth.
    for t in 2..with.len() {
        let growth = with[t] - with[t - 1];
        let last = with[t - 1] - with[t - 2];
        assert!(growth >= 0.9 * last - 1e-6, "year {t}: {growth} < 0.9 × {last}");
    }
    assert!(without[2] - without[1] < 0.9 * first, "without momentum the build-up stops: {without:?}");
    assert!(with[6] > without[6] + 2.0 * first, "{with:?} vs {without:?}");
}

#[test]
fn organisational_momentum_stays_within_production() {
    let with = us_build_up(0.9, 150.0, 5);
    for t in 1..with.len() {
        assert!(with[t] - with[t - 1] <= 150.0 + 1e-6, "year {t}: {with:?}");
    }
}

#[test]
fn the_organisational_lens_switches_momentum_on() {
    let base = Params::default();
    assert_eq!(base.build_momentum, 0.0);
    let org = engine::params::with_lenses(base.clone(), &[model::Lens::Organisational]);
    assert_eq!(org.build_momentum, 0.9);
    let det = engine::params::with_lenses(base, &[model::Lens::Deterrence]);
    assert_eq!(det.build_momentum, 0.0);
}
