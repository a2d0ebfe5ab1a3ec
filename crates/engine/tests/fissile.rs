//! Vertical proliferation bounded by fissile material and driven by the requirements against
//! every armed rival (issue 10, item 3): each test fails if its mechanism is removed.

#![allow(clippy::float_cmp)]

use engine::arsenal;
use engine::params::Params;
use engine::targeting;
use engine::world::World;
use model::{NuclearStatus, Scenario};

/// The test world with AAA renamed USA and BBB renamed RUS, both counterforce; `usa` is added
/// to the United States' entry (e.g. a `fissile_material` series).
fn superpowers(usa: &str) -> Scenario {
    let text = include_str!("data/test-world.toml")
        .replace("AAA", "USA")
        .replace("BBB", "RUS")
        .replace("iso3 = \"USA\"", &format!("iso3 = \"USA\"\ntargeting = \"counterforce\"\n{usa}"))
        .replace("iso3 = \"RUS\"", "iso3 = \"RUS\"\ntargeting = \"counterforce\"");
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

/// Gives `k` many rival silos so that the counterforce requirement runs far ahead.
fn add_silos(w: &mut World, k: usize, n: f64) {
    let mut f = w.actors[k].state.forces[0].clone();
    f.class = model::DeliveryClass::SiloIcbm;
    f.launchers = model::Estimate::exact(n);
    f.warheads_per_launcher = model::Estimate::exact(1.0);
    w.actors[k].state.forces.push(f);
}

/// Runs the arsenal process `years` times and returns the United States' stockpiles.
fn grow(w: &mut World, years: usize) -> Vec<f64> {
    let us = idx(w, "USA");
    (0..years)
        .map(|_| {
            arsenal::step(w);
            w.year += 1;
            w.actors[us].warheads()
        })
        .collect()
}

/// With a requirement far ahead and 20 warheads a year of production, a state whose material
/// supports its stockpile plus 30 warheads stops 30 above it (plutonium only: (start + 30) ×
/// 4 kg); without the series it goes on growing by 20 a year.
#[test]
fn fissile_material_bounds_the_stockpile() {
    let free = superpowers("");
    let mut w = world(&free);
    let (us, ru) = (idx(&w, "USA"), idx(&w, "RUS"));
    let start = w.actors[us].warheads();
    let tonnes = (start + 30.0) * 4.0 / 1000.0;
    add_silos(&mut w, ru, 5000.0);
    let unbounded = grow(&mut w, 4);
    assert!((unbounded[3] - (start + 80.0)).abs() < 1e-6, "{start} -> {unbounded:?}");

    let bounded =
        superpowers(&format!("fissile_material = [{{ year = 2000, plutonium_tonnes = {tonnes}, heu_tonnes = 0 }}]"));
    let mut w = world(&bounded);
    assert_eq!(arsenal::fissile_bound(&w.params, &w.actors[us].state, 2025), Some(start + 30.0));
    add_silos(&mut w, ru, 5000.0);
    let stock = grow(&mut w, 4);
    assert!((stock[0] - (start + 20.0)).abs() < 1e-6, "{stock:?}");
    for s in &stock[1..] {
        assert!((s - (start + 30.0)).abs() < 1e-6, "{stock:?}");
    }
}

/// Material known only from a later year bounds nothing before it (unknown is no bound), and
/// the bound then follows the series.
#[test]
fn no_bound_before_the_series_begins() {
    let s = superpowers("fissile_material = [{ year = 2027, plutonium_tonnes = 0, heu_tonnes = 0 }]");
    let w = world(&s);
    let us = idx(&w, "USA");
    let p = Params::default();
    assert_eq!(arsenal::fissile_bound(&p, &w.actors[us].state, 2026), None);
    assert_eq!(arsenal::fissile_bound(&p, &w.actors[us].state, 2027), Some(0.0));
}

/// The requirement against several armed rivals is the sum of the requirements against each:
/// an armed third state adds its own aim points (its unacceptable damage, at least the
/// countervalue aim points, plus its targetable launchers), and the Soviet-style build-up
/// reaches the sum, not the largest.
#[test]
fn requirements_add_up_over_armed_rivals() {
    let s = superpowers("");
    let mut w = world(&s);
    let (us, ru, c) = (idx(&w, "USA"), idx(&w, "RUS"), idx(&w, "CCC"));
    let p = w.params.clone();
    let against_us = targeting::requirement(&p, &w.actors[ru].state, &w.actors[us].state);
    assert_eq!(targeting::total_requirement(&w, ru), against_us);
    // CCC (a rival of RUS) becomes armed with a copy of the United States' first element.
    let element = w.actors[us].state.forces[0].clone();
    w.actors[c].state.forces = vec![element];
    w.actors[c].status = NuclearStatus::Possessing;
    w.actors[c].state.nuclear_status = NuclearStatus::Possessing;
    let against_c = targeting::requirement(&p, &w.actors[ru].state, &w.actors[c].state);
    assert!(against_c >= p.countervalue_aim_points);
    let total = targeting::total_requirement(&w, ru);
    assert!((total - (against_us + against_c)).abs() < 1e-9, "{total} vs {against_us} + {against_c}");
    assert!(total > against_us.max(against_c));
    // Production unbounded: one year takes Russia's deployed force to at least the sum of what
    // it faced in its turn (states move in index order: the United States before it, CCC after).
    w.actors[ru].production = 1e9;
    w.update_stability();
    let c_before = w.actors[c].state.clone();
    arsenal::step(&mut w);
    let faced = targeting::requirement(&p, &w.actors[ru].state, &w.actors[us].state)
        + targeting::requirement(&p, &w.actors[ru].state, &c_before);
    assert!(faced > against_us + 0.5 * against_c, "{faced}");
    assert!(w.actors[ru].deployed() >= faced - 1e-6, "{} < {faced}", w.actors[ru].deployed());
}
