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

/// Hand values of the split of a year's production between strategic and theatre growth.
#[test]
fn strategic_and_theatre_growth_share_production_in_proportion() {
    use engine::arsenal::{growth_sources, share_growth};
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    // Wants 440 and 4,856 against 1,421: each want counted at most 1,421, so 440 and 1,421
    // share 1,421 in proportion: 440 × 1421 / 1861 = 335.97… and 1421 × 1421 / 1861 = 1085.03….
    let (s, t, r) = share_growth(440.0, 4856.0, 0.0, 1421.0);
    assert!(close(s, 440.0 * 1421.0 / 1861.0) && close(t, 1421.0 * 1421.0 / 1861.0) && r == 0.0, "{s} {t} {r}");
    assert!(close(s + t, 1421.0));
    // An unbounded strategic want takes the share of a want as large as production.
    let (s, t, _) = share_growth(f64::INFINITY, 1000.0, 0.0, 1421.0);
    assert!(close(s, 1421.0 * 1421.0 / 2421.0) && close(t, 1000.0 * 1421.0 / 2421.0), "{s} {t}");
    // Enough production: both wants are met; the reserve serves the strategic side first.
    assert_eq!(share_growth(100.0, 50.0, 30.0, 500.0), (100.0, 50.0, 30.0));
    // No theatre want: exactly the strategic rule of before.
    for (c, r, p) in [(100.0, 30.0, 50.0), (10.0, 30.0, 50.0), (-5.0, 30.0, 50.0), (f64::INFINITY, 0.0, 7.0)] {
        let (s, t, from) = share_growth(c, 0.0, r, p);
        assert_eq!((s, from), growth_sources(c, r, p), "{c} {r} {p}");
        assert_eq!(t, 0.0);
    }
    // Reductions take no production.
    assert_eq!(share_growth(-50.0, -20.0, 10.0, 100.0), (-50.0, -20.0, 0.0));
}

#[test]
fn theatre_change_builds_to_the_requirement_and_retires_the_excess_slowly() {
    use engine::arsenal::theatre_change;
    assert_eq!(theatre_change(100.0, 300.0, 0.02), 200.0);
    assert!((theatre_change(500.0, 300.0, 0.02) + 4.0).abs() < 1e-12);
    assert_eq!(theatre_change(300.0, 300.0, 0.02), 0.0);
}

/// The rival coalition by hand: RUS's rivals USA (1.0) and DDD (0.3), and CCC (0.3) as the
/// USA's ally at credibility 0.8 once the RUS–CCC rivalry has ended: 1.0 + 0.3 + 0.8 × 0.3.
#[test]
fn the_rival_coalition_counts_rivals_whole_and_their_allies_by_credibility() {
    let s = superpowers("");
    let mut w = world(&s);
    let (us, ru) = (idx(&w, "USA"), idx(&w, "RUS"));
    let ccc = idx(&w, "CCC");
    assert!((targeting::rival_coalition_power(&w, us) - 0.7).abs() < 1e-12);
    // All three of RUS's rivals count whole; CCC is a rival as well as an ally: weight 1.
    assert!((targeting::rival_coalition_power(&w, ru) - 1.6).abs() < 1e-12);
    let k = w.dyad_between(ru, ccc).unwrap();
    w.dyads[k].intensity = 0.0;
    assert!((targeting::rival_coalition_power(&w, ru) - (1.0 + 0.3 + 0.8 * 0.3)).abs() < 1e-12);
    // Only unarmed rivals left (DDD): no coalition is counted.
    let k = w.dyad_between(ru, us).unwrap();
    w.dyads[k].intensity = 0.0;
    assert!(!w.actors[idx(&w, "DDD")].is_armed());
    assert_eq!(targeting::rival_coalition_power(&w, ru), 0.0);
    // Without any active rivalry the coalition is empty.
    for d in &mut w.dyads {
        d.intensity = 0.0;
    }
    assert_eq!(targeting::rival_coalition_power(&w, ru), 0.0);
}

#[test]
fn the_theatre_requirement_is_the_coefficient_times_the_coalition_restrained_after_1991() {
    let s = superpowers("");
    let mut w = world(&s);
    let us = idx(&w, "USA");
    let p = w.params.clone();
    w.year = 1980;
    let cold = targeting::theatre_requirement(&w, us);
    assert!((cold - p.theatre_warheads_per_power * 0.7).abs() < 1e-9, "{cold}");
    w.year = p.theatre_restraint_year as i32;
    let after = targeting::theatre_requirement(&w, us);
    assert!((after - p.theatre_restraint_factor * cold).abs() < 1e-9, "{after}");
    // A minimal (countervalue) deterrent holds no theatre requirement.
    w.actors[us].state.targeting = Some(model::Targeting::Countervalue);
    assert_eq!(targeting::theatre_requirement(&w, us), 0.0);
}

/// The theatre pool over `years` arsenal steps of the USA in 1980 with theatre coefficient
/// `per_power` and production `production` a year.
fn theatre_path(per_power: f64, production: f64, years: usize) -> Vec<(f64, f64)> {
    let s = superpowers("");
    let mut w = world(&s);
    w.params.theatre_warheads_per_power = per_power;
    w.year = 1980;
    let us = idx(&w, "USA");
    w.actors[us].production = production;
    let mut path = Vec::new();
    for _ in 0..years {
        engine::arsenal::step(&mut w);
        w.update_stability();
        let f = &w.actors[us].state.forces;
        path.push((engine::arsenal::theatre_warheads(f), engine::arsenal::strategic_warheads(f)));
    }
    path
}

#[test]
fn a_counterforce_state_builds_theatre_weapons_toward_its_requirement_within_production() {
    let with = theatre_path(10_000.0, 1_000.0, 12);
    let without = theatre_path(0.0, 1_000.0, 12);
    // Requirement 10,000 × 0.7 = 7,000 theatre warheads, reached within production.
    assert!(without.iter().all(|&(t, _)| t == 0.0), "{without:?}");
    let mut last = (0.0, without[0].1.min(with[0].1));
    for (k, &(t, s)) in with.iter().enumerate() {
        assert!(t >= last.0 - 1e-9 && t <= 7_000.0 + 1e-6, "year {k}: {with:?}");
        assert!(t - last.0 + (s - last.1).max(0.0) <= 1_000.0 + 1e-6 || k == 0, "year {k}: {with:?}");
        last = (t, s);
    }
    assert!((with[11].0 - 7_000.0).abs() < 1e-6, "{with:?}");
    // The theatre element stays out of the strategic exchange and is no counterforce aim point.
    let s = superpowers("");
    let mut w = world(&s);
    w.params.theatre_warheads_per_power = 10_000.0;
    w.year = 1980;
    let us = idx(&w, "USA");
    engine::arsenal::step(&mut w);
    let theatre: Vec<_> = w.actors[us].state.forces.iter().filter(|f| f.class == DeliveryClass::Nonstrategic).collect();
    assert_eq!(theatre.len(), 1);
    assert_eq!(theatre[0].range_km.best, 0.0);
    assert_eq!(targeting::counterforce_targets(&w.actors[us].state), {
        let mut st = w.actors[us].state.clone();
        st.forces.retain(|f| f.class != DeliveryClass::Nonstrategic);
        targeting::counterforce_targets(&st)
    });
}
