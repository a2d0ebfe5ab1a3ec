//! Properties of the calculus that must hold for any posture (docs/model.md, Part II).

#![allow(clippy::float_cmp)]

use exchange::forces::{Alert, Side};
use exchange::ktlite::{KtSide, kt_lite};
use exchange::stability::{StopSearch, evaluate_dyad};
use model::{Bound, DeliveryClass, Estimate, ExchangeSettings, ForceElement, NptStatus, NuclearStatus, State};
use proptest::prelude::*;

#[allow(clippy::too_many_arguments)]
fn element(
    class: DeliveryClass,
    launchers: f64,
    mirv: f64,
    per_aim: f64,
    yield_kt: f64,
    cep_m: f64,
    hardness: f64,
    surv_d2d: f64,
    surv_gen: f64,
) -> ForceElement {
    ForceElement {
        class,
        system: format!("{class:?}"),
        launchers: Estimate::exact(launchers),
        warheads_per_launcher: Estimate::exact(mirv),
        launchers_per_aim_point: Estimate::exact(per_aim),
        yield_kt: Estimate::exact(yield_kt),
        cep_m: Estimate::exact(cep_m),
        reliability: Estimate::exact(0.8),
        range_km: Estimate::exact(12_000.0),
        hardness_psi: Estimate::exact(hardness),
        day_to_day_survivable_fraction: Estimate::exact(surv_d2d),
        generated_survivable_fraction: Estimate::exact(surv_gen),
        sources: vec![],
        note: None,
    }
}

fn state(iso3: &str, forces: Vec<ForceElement>, d: f64, w80: f64) -> State {
    State {
        cow: 1,
        iso3: iso3.into(),
        name: iso3.into(),
        npt: NptStatus::NonMember,
        nuclear_status: NuclearStatus::Possessing,
        stockpile_warheads: None,
        unacceptable_damage_warheads: Some(Estimate::exact(d)),
        w80_warheads: Some(Estimate::exact(w80)),
        incoming_penetration_fraction: None,
        region: None,
        latency: None,
        economic_capacity: None,
        conventional_power: None,
        command_control_quality: None,
        resolve: None,
        value_of_weapons: None,
        doctrine: None,
        targeting: None,
        production_warheads_per_year: None,
        fissile_material: vec![],
        status_since: None,
        major_power_since: None,
        forces,
        sources: vec![],
        note: None,
    }
}

/// A triad-like posture: silos, SSBNs (survivable share `sea`), mobiles (share `dispersed`).
fn triad(iso3: &str, silos: f64, mirv: f64, cep: f64, sea: f64, dispersed: f64) -> State {
    state(
        iso3,
        vec![
            element(DeliveryClass::SiloIcbm, silos, mirv, 1.0, 300.0, cep, 2000.0, 0.0, 0.0),
            element(DeliveryClass::Ssbn, 64.0, 4.0, 16.0, 100.0, cep, 10.0, sea, sea),
            element(DeliveryClass::MobileIcbm, 40.0, 1.0, 4.0, 500.0, cep * 1.5, 15.0, dispersed, dispersed),
        ],
        100.0,
        300.0,
    )
}

fn evaluate(a: &State, b: &State) -> exchange::DyadStability {
    let settings = ExchangeSettings::default();
    let sa = Side::from_state(a, Alert::Generated, 6000.0, &settings, Bound::Best);
    let sb = Side::from_state(b, Alert::Generated, 6000.0, &settings, Bound::Best);
    evaluate_dyad(&sa, &sb, Alert::Generated, &settings, 0.0, StopSearch::Fast).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn more_accuracy_leaves_fewer_survivors(silos in 10.0..300.0f64, mirv in 1.0..6.0f64, cep in 80.0..600.0f64, better in 0.3..0.95f64, sea in 0.0..1.0f64) {
        let b = triad("BBB", silos, mirv, 200.0, sea, 0.5);
        let coarse = evaluate(&triad("AAA", 200.0, 3.0, cep, 0.5, 0.5), &b);
        let fine = evaluate(&triad("AAA", 200.0, 3.0, cep * better, 0.5, 0.5), &b);
        prop_assert!(fine.a_strikes.surviving_warheads <= coarse.a_strikes.surviving_warheads + 1e-9);
    }

    #[test]
    fn more_at_sea_or_dispersed_leaves_more_survivors(sea in 0.0..0.9f64, more in 0.0..0.1f64, dispersed in 0.0..0.9f64) {
        let a = triad("AAA", 200.0, 3.0, 150.0, 0.5, 0.5);
        let low = evaluate(&a, &triad("BBB", 100.0, 3.0, 150.0, sea, dispersed));
        let high = evaluate(&a, &triad("BBB", 100.0, 3.0, 150.0, sea + more, dispersed + more));
        prop_assert!(high.a_strikes.surviving_warheads >= low.a_strikes.surviving_warheads - 1e-9);
    }

    #[test]
    fn identical_forces_give_equal_ratios(silos in 0.0..300.0f64, mirv in 1.0..10.0f64, cep in 80.0..600.0f64, sea in 0.0..1.0f64) {
        let r = evaluate(&triad("AAA", silos, mirv, cep, sea, 0.5), &triad("BBB", silos, mirv, cep, sea, 0.5));
        prop_assert_eq!(r.ratio_a, r.ratio_b);
        prop_assert_eq!(r.a_strikes.surviving_warheads, r.b_strikes.surviving_warheads);
    }

    #[test]
    fn outputs_stay_in_range(silos in 0.0..300.0f64, mirv in 1.0..10.0f64, cep in 50.0..2000.0f64, sea in 0.0..1.0f64, dispersed in 0.0..1.0f64) {
        let a = triad("AAA", silos, mirv, cep, sea, dispersed);
        let b = triad("BBB", 300.0 - silos, 11.0 - mirv, 2050.0 - cep, 1.0 - sea, 1.0 - dispersed);
        let r = evaluate(&a, &b);
        for s in [&r.a_strikes, &r.b_strikes] {
            prop_assert!(s.surviving_warheads >= -1e-9 && s.surviving_warheads <= s.defender_warheads + 1e-9);
            prop_assert!(s.arriving_warheads >= 0.0 && s.arriving_warheads <= s.surviving_warheads + 1e-9);
            prop_assert!(s.stop.spent >= 0.0 && s.stop.spent <= s.attacker_warheads_spent + 1e-9);
        }
        prop_assert!(r.ratio_a > 0.0 && r.ratio_a <= 1.0);
        prop_assert!(r.ratio_b > 0.0 && r.ratio_b <= 1.0);
        prop_assert!(r.index > 0.0 && r.index <= 1.0);
    }

    #[test]
    fn fast_stop_search_matches_exhaustive_on_multi_piece_paths(silos in 0.0..300.0f64, mirv in 1.0..10.0f64, cep in 50.0..600.0f64, sea in 0.0..1.0f64, dispersed in 0.0..1.0f64) {
        let a = triad("AAA", silos, mirv, cep, sea, dispersed);
        let b = triad("BBB", 300.0 - silos, 11.0 - mirv, 650.0 - cep, 1.0 - sea, dispersed);
        let settings = ExchangeSettings::default();
        let sa = Side::from_state(&a, Alert::DayToDay, 6000.0, &settings, Bound::Best);
        let sb = Side::from_state(&b, Alert::DayToDay, 6000.0, &settings, Bound::Best);
        let fast = evaluate_dyad(&sa, &sb, Alert::DayToDay, &settings, 0.0, StopSearch::Fast).unwrap();
        let exact = evaluate_dyad(&sa, &sb, Alert::DayToDay, &settings, 0.0, StopSearch::Exhaustive).unwrap();
        prop_assert!((fast.a_strikes.stop.striker_cost - exact.a_strikes.stop.striker_cost).abs() < 1e-12);
        prop_assert!((fast.b_strikes.stop.striker_cost - exact.b_strikes.stop.striker_cost).abs() < 1e-12);
        prop_assert!((fast.index - exact.index).abs() < 1e-9);
    }

    #[test]
    fn fast_stop_search_matches_exhaustive(
        nf_a in 1.0..150.0f64, mf_a in 1.0..10.0f64, ws_a in 0.0..400.0f64, p_a in 0.0..1.0f64, w80_a in 10.0..500.0f64,
        nf_b in 1.0..150.0f64, mf_b in 1.0..10.0f64, ws_b in 0.0..400.0f64, p_b in 0.0..1.0f64, w80_b in 10.0..500.0f64,
    ) {
        let a = KtSide { fixed_launchers: nf_a.round(), warheads_per_fixed: mf_a.round(), survivable_warheads: ws_a.round(), kill_probability: p_a, w80: w80_a };
        let b = KtSide { fixed_launchers: nf_b.round(), warheads_per_fixed: mf_b.round(), survivable_warheads: ws_b.round(), kill_probability: p_b, w80: w80_b };
        let fast = kt_lite(&a, &b, StopSearch::Fast);
        let exact = kt_lite(&a, &b, StopSearch::Exhaustive);
        prop_assert!((fast.a_first.striker_cost - exact.a_first.striker_cost).abs() < 1e-12,
            "A: fast {:?} exhaustive {:?}", fast.a_first, exact.a_first);
        prop_assert!((fast.b_first.striker_cost - exact.b_first.striker_cost).abs() < 1e-12,
            "B: fast {:?} exhaustive {:?}", fast.b_first, exact.b_first);
        prop_assert!((fast.index - exact.index).abs() < 1e-9);
    }
}

#[test]
fn index_is_exactly_one_without_counterforce_weapons() {
    // Bombers and non-strategic weapons take no part in a prompt counterforce strike.
    let bombers = |iso: &str| {
        state(
            iso,
            vec![
                element(DeliveryClass::Bomber, 50.0, 10.0, 10.0, 300.0, 100.0, 5.0, 0.0, 0.3),
                element(DeliveryClass::Nonstrategic, 100.0, 1.0, 20.0, 10.0, 50.0, 5.0, 0.0, 0.5),
            ],
            50.0,
            200.0,
        )
    };
    let r = evaluate(&bombers("AAA"), &bombers("BBB"));
    assert_eq!(r.index, 1.0);
    assert_eq!(r.a_strikes.attacker_warheads_spent, 0.0);
    // Missiles too inaccurate for counterforce (CEP above the 1,000 m default) likewise.
    let crude = |iso: &str| {
        state(iso, vec![element(DeliveryClass::SiloIcbm, 50.0, 1.0, 1.0, 300.0, 1500.0, 2000.0, 0.0, 0.0)], 20.0, 100.0)
    };
    assert_eq!(evaluate(&crude("AAA"), &crude("BBB")).index, 1.0);
}

#[test]
fn adequacy_boundary_at_exactly_one() {
    // B keeps 125 invulnerable warheads (all at sea) with reliability 0.8: 100 arrive.
    // A's unacceptable damage threshold 100 → adequacy exactly 1 → B deters A.
    let b =
        state("BBB", vec![element(DeliveryClass::Ssbn, 125.0, 1.0, 1.0, 100.0, 150.0, 10.0, 1.0, 1.0)], 100.0, 300.0);
    let a_at = |d: f64| {
        state("AAA", vec![element(DeliveryClass::Ssbn, 125.0, 1.0, 1.0, 100.0, 150.0, 10.0, 1.0, 1.0)], d, 300.0)
    };
    let r = evaluate(&a_at(100.0), &b);
    assert_eq!(r.a_strikes.arriving_warheads, 100.0);
    assert_eq!(r.a_strikes.adequacy, 1.0);
    assert!(r.mutual_vulnerability);
    let r = evaluate(&a_at(100.0 + 1e-9), &b);
    assert!(r.a_strikes.adequacy < 1.0);
    assert!(!r.mutual_vulnerability);
}

/// 100 silos with 10 warheads each: the classic first-strike target.
fn mirved_silos(iso: &str) -> State {
    state(iso, vec![element(DeliveryClass::SiloIcbm, 100.0, 10.0, 1.0, 300.0, 120.0, 2000.0, 0.0, 0.0)], 100.0, 400.0)
}

#[test]
fn silo_heavy_forces_are_less_stable_than_survivable_ones() {
    // Same warhead totals; in one world both sides sit in MIRVed silos, in the other at sea.
    let silos = mirved_silos;
    let boats = |iso: &str| {
        state(iso, vec![element(DeliveryClass::Ssbn, 100.0, 10.0, 16.0, 300.0, 120.0, 10.0, 0.6, 0.9)], 100.0, 400.0)
    };
    let fragile = evaluate(&silos("AAA"), &silos("BBB"));
    let secure = evaluate(&boats("AAA"), &boats("BBB"));
    assert!(fragile.index < secure.index, "{} vs {}", fragile.index, secure.index);
    assert!(secure.mutual_vulnerability);
}

#[test]
fn launch_under_attack_raises_stability_of_silo_forces() {
    // Qualitative regression after R-3765 pp. 36–37 (0.76 → 0.91 in the report's case).
    let silos = mirved_silos;
    let mut settings = ExchangeSettings::default();
    let run = |settings: &ExchangeSettings| {
        let sa = Side::from_state(&silos("AAA"), Alert::Generated, 6000.0, settings, Bound::Best);
        let sb = Side::from_state(&silos("BBB"), Alert::Generated, 6000.0, settings, Bound::Best);
        evaluate_dyad(&sa, &sb, Alert::Generated, settings, 0.0, StopSearch::Fast).unwrap().index
    };
    let without = run(&settings);
    settings.launch_under_attack = true;
    assert!(run(&settings) > without);
}

#[test]
fn elements_out_of_range_neither_strike_nor_retaliate() {
    let mut short = element(DeliveryClass::MobileIcbm, 50.0, 1.0, 5.0, 20.0, 200.0, 15.0, 0.5, 0.9);
    short.range_km = Estimate::exact(1000.0);
    let a = state("AAA", vec![short], 10.0, 50.0);
    let b = triad("BBB", 100.0, 3.0, 150.0, 0.5, 0.5);
    let r = evaluate(&a, &b);
    assert_eq!(r.b_strikes.defender_warheads, 0.0);
    assert_eq!(r.b_strikes.arriving_warheads, 0.0);
    assert_eq!(r.a_strikes.attacker_warheads_spent, 0.0);
}

/// The deterrence-region grids of a scenario: rows and columns on their axes, the second
/// side's adequacy growing with its own arsenal, none for a scenario without armed rivals.
#[test]
fn region_grids_follow_their_axes() {
    let b = model::builtin::get("world-2025").expect("built in");
    let scenario = model::parse_scenario(b.text, b.path).expect("valid");
    let (grids, notes) = exchange::dyad::region_grids(&scenario, 1, 6);
    assert!(notes.is_empty(), "{notes:?}");
    let g = &grids[0];
    assert_eq!((g.a.as_str(), g.b.as_str()), ("USA", "RUS"));
    assert_eq!(g.cells.len(), 6);
    for (k, row) in g.cells.iter().enumerate() {
        assert_eq!(row.len(), 6);
        for (j, c) in row.iter().enumerate() {
            assert!((c.warheads_a - g.axis_a[k]).abs() < 1e-9 && (c.warheads_b - g.axis_b[j]).abs() < 1e-9);
        }
        for w in row.windows(2) {
            assert!(w[1].adequacy_b >= w[0].adequacy_b - 1e-9, "{w:?}");
        }
    }
    assert!(!g.cells[0][0].a_deterred() && !g.cells[0][0].b_deterred(), "no warheads deter no one");
    assert!(g.today.0 > 0.0 && g.today.1 > 0.0);
    let (none, notes) = exchange::dyad::region_grids(&scenario, 0, 6);
    assert!(none.is_empty());
    assert_eq!(notes.len(), 1);
}
