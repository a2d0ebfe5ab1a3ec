//! A prepared dyad keeps its kill matrices only while both force structures keep their
//! elements: new counts refresh it (same answer as preparing afresh), but an element replaced by
//! another with the same counts (a new generation: other yield, accuracy, reliability or
//! hardness) makes the refresh fail, so the caller prepares the dyad again.

#![allow(clippy::float_cmp)]

use exchange::StopSearch;
use exchange::forces::{Alert, Code, Element, Side};
use exchange::stability::{EvalScratch, PreparedDyad, evaluate_dyad};
use model::{DeliveryClass, ExchangeSettings};

fn element(index: usize, class: DeliveryClass, warheads: f64, yield_kt: f64, cep_m: f64, hardness: f64) -> Element {
    Element {
        index,
        class,
        warheads,
        survivable_warheads: 0.0,
        aim_points: warheads,
        warheads_per_aim_point: 1.0,
        hardness_psi: hardness,
        yield_kt,
        cep_m,
        reliability: 0.8,
        counterforce: true,
    }
}

fn side(code: &str, elements: Vec<Element>) -> Side {
    Side { iso3: Code::new(code), elements, unacceptable_damage: 50.0, w80: 300.0, incoming_penetration: 1.0 }
}

fn sides(a_warheads: f64, a_cep: f64, b_hardness: f64) -> (Side, Side) {
    let a = side(
        "AAA",
        vec![
            element(0, DeliveryClass::SiloIcbm, a_warheads, 300.0, a_cep, 2000.0),
            element(1, DeliveryClass::Ssbn, 200.0, 100.0, 150.0, 10.0),
        ],
    );
    let b = side("BBB", vec![element(0, DeliveryClass::SiloIcbm, 300.0, 500.0, 300.0, b_hardness)]);
    (a, b)
}

#[test]
fn new_counts_refresh_and_give_the_fresh_answer() {
    let settings = ExchangeSettings::default();
    let (a, b) = sides(300.0, 120.0, 2000.0);
    let mut p = PreparedDyad::new(&a, &b, &settings, 0.0).unwrap();
    let (a2, b2) = sides(450.0, 120.0, 2000.0);
    assert!(p.refresh(&a2, &b2, 0.0));
    let refreshed = p.evaluate(&a2, &b2, Alert::Generated, StopSearch::Fast, &mut EvalScratch::default());
    let fresh = evaluate_dyad(&a2, &b2, Alert::Generated, &settings, 0.0, StopSearch::Fast).unwrap();
    assert_eq!(refreshed, fresh);
}

#[test]
fn a_replaced_element_with_the_same_counts_fails_the_refresh() {
    let settings = ExchangeSettings::default();
    let (a, b) = sides(300.0, 120.0, 2000.0);
    // A more accurate attacking generation in the same place.
    let mut p = PreparedDyad::new(&a, &b, &settings, 0.0).unwrap();
    let (a2, b2) = sides(300.0, 90.0, 2000.0);
    assert!(!p.refresh(&a2, &b2, 0.0));
    // A harder target generation.
    let mut p = PreparedDyad::new(&a, &b, &settings, 0.0).unwrap();
    let (a3, b3) = sides(300.0, 120.0, 4000.0);
    assert!(!p.refresh(&a3, &b3, 0.0));
}
