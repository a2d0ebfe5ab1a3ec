//! Technology that changes, by scheduled `deploy` events: the new element enters the state's
//! service (recorded, held until the state is armed), growth goes to the newest element of each
//! class and reductions come off the oldest, retired systems are withdrawn by their last year,
//! the exchange calculus sees the new element at once (its cache included), and the event draws
//! no random number.

#![allow(clippy::float_cmp)]

use engine::observe::EventKind;
use engine::world::World;
use engine::{arsenal, effects, events, run};
use model::DeliveryClass;

mod common;

use common::{TEST_WORLD, idx};

/// The test world (2025–2054) with `events` appended.
fn scenario(events: &str) -> model::Scenario {
    model::parse_scenario(&(TEST_WORLD.to_string() + events), "test-world.toml").unwrap()
}

/// A `deploy` event for `state` in `year`: an accurate MIRVed silo ICBM `system` with
/// `launchers`, retiring `retire` by `retire_by`.
fn deploy(state: &str, year: i32, system: &str, launchers: f64, retire: &str) -> String {
    format!(
        "\n[[events]]\nyear = {year}\nkind = \"deploy\"\nstate = \"{state}\"\n{retire}sources = [\"test\"]\n\
         [events.element]\nclass = \"silo_icbm\"\nsystem = \"{system}\"\nlaunchers = {launchers}\n\
         warheads_per_launcher = 10\nyield_kt = 300\ncep_m = 90\nreliability = 0.85\nrange_km = 13000\n\
         hardness_psi = 3000\nday_to_day_survivable_fraction = 0\ngenerated_survivable_fraction = 0\n"
    )
}

fn world(s: &model::Scenario) -> World {
    let r = engine::resolve(s, &engine::RunOptions::default()).unwrap();
    World::new(s, 2025, 30, r.regime, r.params.clone(), r.lenses.clone())
}

fn launchers(w: &World, i: usize, system: &str) -> f64 {
    w.actors[i].state.forces.iter().find(|f| f.system == system).unwrap().launchers.best
}

#[test]
fn a_deployment_enters_service_and_is_recorded() {
    let s = scenario(&deploy("AAA", 2026, "A-MIRV", 0.0, ""));
    let mut w = world(&s);
    let a = idx(&w, "AAA");
    w.year = 2026;
    events::apply_scheduled(&mut w);
    let forces = &w.actors[a].state.forces;
    assert_eq!(forces.len(), 3);
    assert_eq!((forces[2].system.as_str(), forces[2].launchers.best), ("A-MIRV", 0.0));
    assert_eq!(w.actors[a].generations.first, Some(2));
    assert!(forces[2].sources.is_empty(), "citations dropped, as for the scenario's forces");
    let e = &w.events[0];
    assert_eq!(
        e.kind,
        EventKind::Deploy {
            class: DeliveryClass::SiloIcbm,
            warheads_per_launcher: 10.0,
            yield_kt: 300.0,
            cep_m: 90.0,
            retired: 0
        }
    );
    assert_eq!(e.kind.as_str(), "deploy");
    assert_eq!(e.first.unwrap().1.to_string(), "AAA");
}

#[test]
fn growth_goes_to_the_newest_element_of_each_class_and_cuts_to_the_oldest() {
    // Without a deployment, growth goes to the most survivable element (the SSBN).
    let mut w = world(&scenario(""));
    let a = idx(&w, "AAA");
    let total = w.actors[a].warheads();
    arsenal::set_total(&mut w, a, total + 100.0);
    assert_eq!(launchers(&w, a, "A-SLBM"), 160.0 + 25.0);
    assert_eq!(launchers(&w, a, "A-ICBM"), 300.0);

    // With one: all of it to the new silo element (the only class deployed), 10 per launcher.
    let mut w = world(&scenario(&deploy("AAA", 2026, "A-MIRV", 0.0, "")));
    w.year = 2026;
    events::apply_scheduled(&mut w);
    arsenal::set_total(&mut w, a, total + 100.0);
    assert_eq!(launchers(&w, a, "A-MIRV"), 10.0);
    assert_eq!((launchers(&w, a, "A-ICBM"), launchers(&w, a, "A-SLBM")), (300.0, 160.0));
    assert_eq!(w.actors[a].warheads(), total + 100.0);
    // Cuts come off the oldest element first: 250 of the A-ICBM's 300.
    arsenal::set_total(&mut w, a, total - 150.0);
    assert!((launchers(&w, a, "A-ICBM") - 50.0).abs() < 1e-9);
    assert_eq!((launchers(&w, a, "A-SLBM"), launchers(&w, a, "A-MIRV")), (160.0, 10.0));
}

#[test]
fn growth_is_shared_by_the_classes_in_service() {
    let mut s = deploy("AAA", 2026, "A-MIRV", 0.0, "");
    s += &deploy("AAA", 2026, "A-SLBM-2", 0.0, "")
        .replace("class = \"silo_icbm\"", "class = \"ssbn\"")
        .replace("generated_survivable_fraction = 0\n", "generated_survivable_fraction = 0.9\n");
    let mut w = world(&scenario(&s));
    let a = idx(&w, "AAA");
    let total = w.actors[a].warheads();
    w.year = 2026;
    events::apply_scheduled(&mut w);
    arsenal::set_total(&mut w, a, total + 200.0);
    assert_eq!((launchers(&w, a, "A-MIRV"), launchers(&w, a, "A-SLBM-2")), (10.0, 10.0));
}

#[test]
fn retired_systems_are_withdrawn_by_their_last_year_and_replaced() {
    let s = scenario(&deploy("AAA", 2026, "A-MIRV", 0.0, "retire = [\"A-ICBM\"]\nretire_by = 2028\n"));
    let mut w = world(&s);
    let a = idx(&w, "AAA");
    let total = w.actors[a].warheads();
    // A third of what is left each year, then the rest; each time the same total is restored on
    // the new element (10 warheads a launcher).
    for (year, left, mirv) in [(2026, 200.0, 10.0), (2027, 100.0, 20.0), (2028, 0.0, 30.0)] {
        w.year = year;
        events::apply_scheduled(&mut w);
        arsenal::withdraw(&mut w, a);
        assert!((launchers(&w, a, "A-ICBM") - left).abs() < 1e-9, "{year}");
        arsenal::set_total(&mut w, a, total);
        assert!((launchers(&w, a, "A-MIRV") - mirv).abs() < 1e-9, "{year}");
        assert_eq!(launchers(&w, a, "A-SLBM"), 160.0);
    }
    assert!(w.actors[a].generations.retiring.is_empty());
    // Through the whole yearly step as well: gone by 2028.
    let mut w = world(&s);
    for year in 2026..=2028 {
        w.year = year;
        events::apply_scheduled(&mut w);
        arsenal::step(&mut w);
        w.update_stability();
    }
    assert_eq!(launchers(&w, a, "A-ICBM"), 0.0);
    assert!(launchers(&w, a, "A-MIRV") > 0.0);
}

#[test]
fn a_deployment_for_an_unarmed_state_is_held_until_it_acquires() {
    let s = scenario(&deploy("CCC", 2026, "C-MIRV", 0.0, ""));
    let mut w = world(&s);
    let c = idx(&w, "CCC");
    w.year = 2026;
    events::apply_scheduled(&mut w);
    assert!(w.actors[c].state.forces.is_empty());
    assert_eq!(w.actors[c].generations.held.len(), 1);
    assert!(w.events.is_empty());
    effects::acquire(&mut w, c);
    w.year = 2027;
    w.events.clear();
    events::apply_scheduled(&mut w);
    let forces = &w.actors[c].state.forces;
    assert_eq!(forces.len(), 2, "the engine's first force, then the deployment");
    assert_eq!(forces[1].system, "C-MIRV");
    assert!(w.events.iter().any(|e| e.year == 2027 && e.kind.as_str() == "deploy"));
    assert!(w.actors[c].generations.held.is_empty());
}

#[test]
fn the_exchange_calculus_sees_the_new_element_at_once() {
    // BBB's 300 warheads cannot cover AAA's 300 silos; 20 accurate MIRVed launchers (200
    // warheads) change its strike at once, and so must 1 launcher (10 warheads, 3 %: below the
    // refresh threshold of the calculus's cache).
    for (n, system) in [(20.0, "B-MIRV"), (1.0, "B-MIRV-1")] {
        let s = scenario(&deploy("BBB", 2026, system, n, ""));
        let mut w = world(&s);
        let mut w0 = world(&scenario(""));
        w.update_stability();
        w0.update_stability();
        let (a, b) = (idx(&w, "AAA"), idx(&w, "BBB"));
        let k = w.dyads.iter().position(|d| (d.a, d.b) == (a, b)).unwrap();
        w.year = 2026;
        w0.year = 2026;
        events::apply_scheduled(&mut w);
        events::apply_scheduled(&mut w0);
        w.update_stability();
        w0.update_stability();
        let st = w.dyads[k].stability.as_ref().unwrap();
        let st0 = w0.dyads[k].stability.as_ref().unwrap();
        // AAA's strike on BBB meets the new silos: BBB's warheads as the defender include them.
        assert_eq!(st.a_strikes.defender_warheads, st0.a_strikes.defender_warheads + n * 10.0, "{system}");
        // BBB's counterforce strike draws on the new accurate warheads: more spent, fewer survive.
        assert!(st.b_strikes.attacker_warheads_spent > st0.b_strikes.attacker_warheads_spent, "{system}");
        assert!(st.b_strikes.surviving_warheads < st0.b_strikes.surviving_warheads, "{system}");
    }
}

#[test]
fn runs_with_a_deployment_are_deterministic_and_draw_in_the_same_order() {
    let s = scenario(&deploy("AAA", 2035, "A-MIRV", 0.0, "retire = [\"A-ICBM\"]\nretire_by = 2040\n"));
    common::assert_deterministic_and_no_draw_before(&s, &scenario(""), 2035);
}

#[test]
fn history_1945_deploys_its_generations_in_their_years() {
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let mut r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    // Deployments are what is tested: the United States keeps its weapons throughout.
    r.params.arsenal_reversal_rate = 0.0;
    let out = run(&s, &r, 1945, 0);
    let us: Vec<(i32, &EventKind)> = out
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "deploy" && e.first.map(|f| f.1.to_string()) == Some("USA".into()))
        .map(|e| (e.year, &e.kind))
        .collect();
    // The United States is armed from 1945, so each of its generations enters in its own year.
    let years: Vec<i32> = us.iter().map(|(y, _)| *y).collect();
    assert_eq!(years, [1948, 1951, 1955, 1959, 1960, 1962, 1964, 1966, 1970, 1971, 1979, 1982, 1986, 1990]);
    // MIRV arrives in 1970 (Minuteman III) and accuracy improves by generation.
    let mirv = us.iter().find(|(_, k)| matches!(k, EventKind::Deploy { warheads_per_launcher, class: DeliveryClass::SiloIcbm, .. } if *warheads_per_launcher > 1.0));
    assert_eq!(mirv.map(|(y, _)| *y), Some(1970));
    let silo_ceps: Vec<f64> = us
        .iter()
        .filter_map(|(_, k)| match k {
            EventKind::Deploy { class: DeliveryClass::SiloIcbm, cep_m, .. } => Some(*cep_m),
            _ => None,
        })
        .collect();
    assert!(silo_ceps.windows(2).all(|w| w[1] < w[0]), "{silo_ceps:?}");
    // Soviet deployments come only once the USSR is armed: never before its acquisition.
    let acquired = out
        .events
        .iter()
        .find(|e| e.kind.as_str() == "acquire" && e.first.map(|f| f.1.to_string()) == Some("RUS".into()))
        .map(|e| e.year);
    for e in out
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "deploy" && e.first.map(|f| f.1.to_string()) == Some("RUS".into()))
    {
        assert!(acquired.is_some_and(|y| e.year > y), "{} before acquisition {acquired:?}", e.year);
    }
}
