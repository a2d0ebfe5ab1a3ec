//! Arms-control treaties (scheduled `treaty-cap` events) beyond the warhead cap: launcher caps
//! per party over the classes the treaty counts (SALT I, SALT II), a sub-limit on MIRVed
//! ballistic-missile launchers (SALT II), and the elimination of ground-launched missiles in a
//! range band by a given year (INF). Each test fails if its limit is removed.

#![allow(clippy::float_cmp)]

use engine::arsenal;
use engine::world::World;
use model::DeliveryClass;

mod common;

use common::{TEST_WORLD, idx};

/// A treaty between AAA and BBB in force 2025–`until` with the limit lines `limits`.
fn treaty(until: i32, limits: &str) -> String {
    format!(
        "\n[[events]]\nyear = 2025\nkind = \"treaty-cap\"\nparties = [\"AAA\", \"BBB\"]\nuntil_year = {until}\n{limits}sources = [\"test\"]\n"
    )
}

/// A world of `text` (2025–2054), ready to step.
fn world(text: &str) -> World {
    let s = model::parse_scenario(text, "treaty.toml").unwrap();
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(&s, r.start_year, r.years, r.regime, r.params.clone(), r.lenses.clone());
    w.update_stability();
    w
}

/// Steps `w` through `years` years from its current year, with one RNG stream.
fn step_years(w: &mut World, years: i32) {
    let mut rng = engine::run::run_rng(7, 0);
    for k in 0..years {
        if k > 0 {
            w.year += 1;
        }
        engine::schedule::step(w, &mut rng);
    }
}

fn launchers(w: &World, i: usize, system: &str) -> f64 {
    w.actors[i].state.forces.iter().find(|f| f.system == system).unwrap().launchers.best
}

#[test]
fn a_launcher_cap_binds_each_party_at_its_own_level_over_the_counted_classes() {
    // AAA holds 300 silo ICBMs and 160 SLBM launchers (460); each party has its own cap.
    let classes = [DeliveryClass::SiloIcbm, DeliveryClass::Ssbn];
    let mut w = world(
        &(TEST_WORLD.to_owned()
            + &treaty(2030, "launcher_caps = [200, 100000]\nlauncher_classes = [\"silo_icbm\", \"ssbn\"]\n")),
    );
    let a = idx(&w, "AAA");
    assert_eq!(arsenal::launcher_count(&w.actors[a].state.forces, &classes), 460.0);
    step_years(&mut w, 1);
    let after = arsenal::launcher_count(&w.actors[a].state.forces, &classes);
    assert!((after - 200.0).abs() < 1e-6, "capped at 200, got {after}");
    // In proportion (AAA's forces came by no deployment): both classes cut.
    let (silo, slbm) = (launchers(&w, a, "A-ICBM"), launchers(&w, a, "A-SLBM"));
    assert!((silo / slbm - 300.0 / 160.0).abs() < 0.05, "both classes counted: {silo}, {slbm}");
    // The caps follow the order of `parties`: swapped, AAA's cap is the large one.
    let mut w = world(&(TEST_WORLD.to_owned() + &treaty(2030, "launcher_caps = [100000, 200]\n")));
    step_years(&mut w, 1);
    let free = arsenal::launcher_count(&w.actors[a].state.forces, &classes);
    assert!(free > 400.0, "AAA not capped when the 200 is BBB's: {free}");
}

#[test]
fn a_launcher_cap_lapses_after_the_treaty() {
    let text = TEST_WORLD.to_owned() + &treaty(2025, "launcher_caps = [200, 200]\n");
    let mut w = world(&text);
    let a = idx(&w, "AAA");
    let original = w.actors[a].state.forces.clone();
    step_years(&mut w, 1);
    let capped = arsenal::launcher_count(&w.actors[a].state.forces, &DeliveryClass::ALL[..4]);
    assert!(capped <= 200.0 + 1e-9, "{capped}");
    // Rebuilt after the treaty's last year, the force is not cut again.
    w.actors[a].state.forces = original;
    w.year += 1;
    step_years(&mut w, 1);
    let later = arsenal::launcher_count(&w.actors[a].state.forces, &DeliveryClass::ALL[..4]);
    assert!(later > 400.0, "no cap after 2025: {later}");
}

#[test]
fn a_mirv_sub_limit_counts_only_ballistic_launchers_with_several_warheads() {
    // A-SLBM carries 4 warheads a launcher (MIRVed), A-ICBM one.
    let mut w = world(&(TEST_WORLD.to_owned() + &treaty(2030, "mirv_cap = 50\n")));
    let a = idx(&w, "AAA");
    step_years(&mut w, 1);
    let mirved: f64 = w.actors[a].state.forces.iter().filter(|f| arsenal::is_mirved(f)).map(|f| f.launchers.best).sum();
    assert!((mirved - 50.0).abs() < 1e-6, "MIRVed launchers capped at 50, got {mirved}");
    assert!((launchers(&w, a, "A-SLBM") - 50.0).abs() < 1e-6);
    let silo = launchers(&w, a, "A-ICBM");
    assert!(silo > 250.0, "single-warhead missiles are not MIRVed and not cut: {silo}");
}

#[test]
fn is_mirved_follows_salt_counting() {
    let w = world(TEST_WORLD);
    let a = idx(&w, "AAA");
    let mut f = w.actors[a].state.forces[0].clone();
    assert_eq!(f.class, DeliveryClass::SiloIcbm);
    f.warheads_per_launcher = model::Estimate::exact(1.0);
    assert!(!arsenal::is_mirved(&f));
    f.warheads_per_launcher = model::Estimate::exact(3.0);
    assert!(arsenal::is_mirved(&f));
    f.class = DeliveryClass::Bomber;
    assert!(!arsenal::is_mirved(&f), "bombers are not MIRVed missiles");
}

#[test]
fn elimination_keeps_a_linear_share_ending_in_the_last_year() {
    // Independently: from 2025 to 2027 a third goes each year: 2/3, then 1/2 of the rest, then 0.
    assert_eq!(arsenal::elimination_keep(2025, 2027), 2.0 / 3.0);
    assert_eq!(arsenal::elimination_keep(2026, 2027), 0.5);
    assert_eq!(arsenal::elimination_keep(2027, 2027), 0.0);
    assert_eq!(arsenal::elimination_keep(2030, 2027), 0.0);
}

#[test]
fn a_banned_range_band_eliminates_ground_launched_missiles_and_takes_no_growth() {
    // AAA's silo missiles become road-mobile missiles of intermediate range (3,000 km) and the
    // highest survivability (so that growth would go to them but for the ban); the SLBMs
    // (sea-launched) are not in the ban whatever their range.
    let text = TEST_WORLD
        .replacen("class = \"silo_icbm\"", "class = \"mobile_icbm\"", 1)
        .replacen("range_km = 13000", "range_km = 3000", 1)
        .replacen("generated_survivable_fraction = 0\n", "generated_survivable_fraction = 0.95\n", 1);
    let mut w = world(&(text + &treaty(2040, "banned_range_km = [500, 5500]\neliminate_by = 2027\n")));
    let a = idx(&w, "AAA");
    assert_eq!(launchers(&w, a, "A-ICBM"), 300.0);
    assert_eq!(w.actors[a].state.forces[0].generated_survivable_fraction.best, 0.95);
    assert!(arsenal::in_band(&w.actors[a].state.forces[0], [500.0, 5500.0]));
    assert!(!arsenal::in_band(&w.actors[a].state.forces[1], [0.0, 1e6]), "SLBMs are not ground-launched");
    step_years(&mut w, 1);
    // A third eliminated in 2025 (then the year's fatigue, in proportion, takes a little more).
    let silo = launchers(&w, a, "A-ICBM");
    assert!(silo <= 200.0 + 1e-9 && silo > 180.0, "{silo}");
    w.year += 1;
    step_years(&mut w, 2);
    assert_eq!(launchers(&w, a, "A-ICBM"), 0.0, "all gone by 2027");
    // Growth while the ban is in force goes elsewhere, never back to the banned element.
    let slbm = launchers(&w, a, "A-SLBM");
    assert!(w.actors[a].reserve > 0.0, "the eliminated missiles' warheads went to the reserve");
    let total = w.actors[a].deployed();
    arsenal::set_total(&mut w, a, total + 100.0);
    assert_eq!(launchers(&w, a, "A-ICBM"), 0.0);
    assert!((launchers(&w, a, "A-SLBM") - slbm - 25.0).abs() < 1e-9, "100 warheads on 4-warhead SLBMs");
}

/// Strategic launchers of `classes` held by `iso` in `w`.
fn held(w: &World, iso: &str, classes: &[DeliveryClass]) -> f64 {
    arsenal::launcher_count(&w.actors[idx(w, iso)].state.forces, classes)
}

#[test]
fn history_1945_schedules_salt_i_salt_ii_and_inf_with_the_treaty_limits() {
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let treaties: Vec<&model::Event> = s.events.iter().filter(|e| e.kind == model::EventKind::TreatyCap).collect();
    let find = |year: i32| treaties.iter().find(|e| e.year == year).unwrap_or_else(|| panic!("no treaty in {year}"));
    // SALT I: ICBM + SLBM launchers, US 1,054 + 656, USSR 1,618 + 740; bombers not counted.
    let salt1 = find(1972);
    let caps = salt1.launcher_caps.unwrap();
    assert_eq!((caps[0].best, caps[1].best), (1054.0 + 656.0, 1618.0 + 740.0));
    assert!(!salt1.launcher_classes.contains(&DeliveryClass::Bomber));
    // SALT II: 2,400 then 2,250 delivery vehicles, 1,200 MIRVed missiles, observed to 1986.
    assert_eq!(find(1979).launcher_caps.unwrap()[0].best, 2400.0);
    let salt2 = find(1981);
    assert_eq!(
        (salt2.launcher_caps.unwrap()[1].best, salt2.mirv_cap.unwrap().best, salt2.until_year),
        (2250.0, 1200.0, Some(1986))
    );
    // INF: 500-5,500 km, eliminated by 1991, in force until the US withdrawal of 2019.
    let inf = find(1988);
    assert_eq!(
        (inf.banned_range_km, inf.eliminate_by, inf.until_year),
        (Some([500.0, 5500.0]), Some(1991), Some(2019))
    );
    // New START expired on 5 February 2026: 2025 is its last full year.
    assert_eq!(find(2011).until_year, Some(2025));
}

#[test]
fn the_history_1945_replay_keeps_within_salt_while_it_is_observed() {
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(&s, r.start_year, r.years, r.regime, r.params.clone(), r.lenses.clone());
    w.update_stability();
    let mut rng = engine::run::run_rng(1945, 0);
    let missiles = [DeliveryClass::SiloIcbm, DeliveryClass::MobileIcbm, DeliveryClass::Ssbn];
    let strategic = &DeliveryClass::ALL[..4];
    let mut most_before: f64 = 0.0;
    while w.year <= 1986 {
        engine::schedule::step(&mut w, &mut rng);
        let (us, su) = (held(&w, "USA", &missiles), held(&w, "RUS", &missiles));
        if w.year < 1972 {
            most_before = most_before.max(su);
        }
        if (1972..=1979).contains(&w.year) {
            assert!(us <= 1710.0 + 1e-6 && su <= 2358.0 + 1e-6, "{}: SALT I, US {us}, USSR {su}", w.year);
        }
        if (1981..=1986).contains(&w.year) {
            for iso in ["USA", "RUS"] {
                let n = held(&w, iso, strategic);
                let mirved: f64 = w.actors[idx(&w, iso)]
                    .state
                    .forces
                    .iter()
                    .filter(|f| arsenal::is_mirved(f))
                    .map(|f| f.launchers.best)
                    .sum();
                assert!(
                    n <= 2250.0 + 1e-6 && mirved <= 1200.0 + 1e-6,
                    "{}: SALT II, {iso} {n} ({mirved} MIRVed)",
                    w.year
                );
            }
        }
        w.year += 1;
    }
    assert!(most_before > 0.0, "the Soviet missile force was built before SALT I");
}

#[test]
fn a_cap_cuts_the_oldest_elements_first_once_forces_have_an_age_order() {
    let w = world(TEST_WORLD);
    let a = idx(&w, "AAA");
    // Two counted elements, 300 (older) and 160 (newer) launchers, cap 400: 60 to cut.
    let mut forces = w.actors[a].state.forces.clone();
    assert!(arsenal::cut_to_cap(&mut forces, |_| true, 400.0, true));
    assert_eq!((forces[0].launchers.best, forces[1].launchers.best), (240.0, 160.0));
    // A cut larger than the oldest element goes on to the next.
    let mut forces = w.actors[a].state.forces.clone();
    arsenal::cut_to_cap(&mut forces, |_| true, 100.0, true);
    assert_eq!((forces[0].launchers.best, forces[1].launchers.best), (0.0, 100.0));
    // Without an age order: in proportion, 400/460 of each.
    let mut forces = w.actors[a].state.forces.clone();
    arsenal::cut_to_cap(&mut forces, |_| true, 400.0, false);
    assert!((forces[0].launchers.best - 300.0 * 400.0 / 460.0).abs() < 1e-9);
    assert!((forces[1].launchers.best - 160.0 * 400.0 / 460.0).abs() < 1e-9);
    // Under the cap: nothing changes.
    let mut forces = w.actors[a].state.forces.clone();
    assert!(!arsenal::cut_to_cap(&mut forces, |_| true, 500.0, true));
}

#[test]
fn growth_draws_on_the_reserve_before_production() {
    // Independently: 500 wanted, 120 in reserve, 300 producible: 120 + 300 = 420, 120 drawn.
    assert_eq!(arsenal::growth_sources(500.0, 120.0, 300.0), (420.0, 120.0));
    // A reserve larger than the need covers it without production.
    assert_eq!(arsenal::growth_sources(50.0, 120.0, 300.0), (50.0, 50.0));
    // A reduction takes nothing from either, and is not limited by production.
    assert_eq!(arsenal::growth_sources(-700.0, 120.0, 300.0), (-700.0, 0.0));
    // Reserve retires at the fatigue rate: 2 % of 1,000.
    assert_eq!(arsenal::retire_reserve(1000.0, 0.02), 980.0);
    assert_eq!(arsenal::retire_reserve(0.0, 0.02), 0.0);
}

#[test]
fn warheads_a_treaty_takes_off_launchers_stay_in_the_stockpile_as_reserve() {
    // A launcher cap of 200 on AAA's 460 launchers (940 warheads: 300 × 1 + 160 × 4).
    let mut w = world(&(TEST_WORLD.to_owned() + &treaty(2030, "launcher_caps = [200, 100000]\n")));
    let a = idx(&w, "AAA");
    assert_eq!((w.actors[a].deployed(), w.actors[a].reserve), (940.0, 0.0));
    let mut free = world(TEST_WORLD);
    step_years(&mut w, 1);
    step_years(&mut free, 1);
    let (capped, uncapped) = (&w.actors[a], &free.actors[a]);
    assert!(capped.deployed() < 0.5 * uncapped.deployed(), "the cap cut deployed warheads");
    assert!(capped.reserve > 0.0, "the cut warheads went to the reserve");
    // The stockpile is what was deployed without the cap, less the reserve's year of fatigue.
    let fatigue = w.params.fatigue_coefficient;
    let expected = uncapped.warheads() - fatigue * capped.reserve / (1.0 - fatigue);
    assert!((capped.warheads() - expected).abs() < 1e-6, "{} against {expected}", capped.warheads());
}

#[test]
fn a_state_that_gives_up_its_weapons_gives_up_its_reserve() {
    let mut w = world(&(TEST_WORLD.to_owned() + &treaty(2030, "launcher_caps = [200, 100000]\n")));
    let a = idx(&w, "AAA");
    step_years(&mut w, 1);
    assert!(w.actors[a].reserve > 0.0);
    engine::effects::disarm(&mut w, a);
    w.year += 1;
    step_years(&mut w, 1);
    assert_eq!((w.actors[a].reserve, w.actors[a].warheads()), (0.0, 0.0));
}
