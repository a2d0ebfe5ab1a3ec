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

#[test]
fn a_dyad_prepared_with_kept_lethal_radii_is_the_same() {
    let settings = ExchangeSettings::default();
    let mut scratch = EvalScratch::default();
    for (cep, hardness) in [(120.0, 2000.0), (90.0, 2000.0), (90.0, 300.0)] {
        let (a, b) = sides(300.0, cep, hardness);
        let kept = PreparedDyad::new_in(&a, &b, &settings, 0.0, &mut scratch).unwrap();
        let fresh = PreparedDyad::new(&a, &b, &settings, 0.0).unwrap();
        let x = kept.evaluate(&a, &b, Alert::Generated, StopSearch::Fast, &mut EvalScratch::default());
        let y = fresh.evaluate(&a, &b, Alert::Generated, StopSearch::Fast, &mut EvalScratch::default());
        assert_eq!(x, y);
    }
    let mut ranges = exchange::strike::RangeCache::default();
    for h in [5.0, 300.0, 2000.0, 300.0] {
        assert_eq!(ranges.brode(h).unwrap(), exchange::blast::brode_scaled_range(h).unwrap());
    }
    assert!(ranges.brode(0.0).is_err(), "out of the fit's range, as uncached");
}
