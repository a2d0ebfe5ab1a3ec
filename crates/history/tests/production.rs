//! The history-1945 scenario's production capacities are the estimates of
//! `history::production` from the record's FAS stockpile series.

use history::production::build_up;
use history::record::Record;

/// Every state with a build-up in the record has that build-up's rate as its
/// `production_warheads_per_year` (to one decimal), with the five-year range; no state has a
/// capacity set by hand.
#[test]
fn history_1945_production_capacities_are_the_record_estimates() {
    let record = Record::builtin().unwrap();
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let mut checked = 0;
    for state in &s.states {
        let estimate = build_up(&record, &state.iso3);
        match (&state.production_warheads_per_year, estimate) {
            (Some(e), Some(b)) => {
                let close = |x: f64, y: f64| (x - y).abs() <= 0.05 + 1e-9;
                assert!(
                    close(e.best, b.rate) && close(e.low, b.low) && close(e.high, b.high),
                    "{}: scenario {:?}, record {:.1} [{:.1}, {:.1}]",
                    state.iso3,
                    e,
                    b.rate,
                    b.low,
                    b.high
                );
                checked += 1;
            }
            (None, Some(b)) => {
                panic!("{} has a build-up in the record ({:.1} a year) but no capacity", state.iso3, b.rate)
            }
            (Some(e), None) => panic!("{} has a capacity ({e:?}) but no build-up in the record", state.iso3),
            (None, None) => {}
        }
    }
    assert_eq!(checked, 10, "the ten states with an FAS build-up");
}
