//! The preventive-strike rate estimated from the record: the record's strikes as counted, the
//! engine's defaults equal to the estimates, and the size effect's test.

#![allow(clippy::float_cmp)]

use history::record::Record;
use history::strikes::{CHI2_95, Counted, size_test, trials, window_exposure, window_upper_bound};

#[test]
fn the_record_has_three_peacetime_strikes_and_the_defaults_are_the_estimates() {
    let loaded = lab::scenario::Loaded::builtin("history-1945").unwrap();
    let resolved = engine::resolve(&loaded.scenario, &engine::RunOptions::default()).unwrap();
    let r = Record::builtin().unwrap();
    let (ts, recorded) = trials(&loaded.scenario, &resolved, &r.programmes, &r.preventive_strikes, 3, 1945);
    let named = |c: Counted| -> Vec<(i32, &str, &str)> {
        recorded.iter().filter(|x| x.3 == c).map(|(y, s, t, _)| (*y, s.as_str(), t.as_str())).collect()
    };
    assert_eq!(named(Counted::Event), [(1981, "ISR", "IRQ"), (2007, "ISR", "SYR"), (2025, "ISR", "IRN")]);
    assert_eq!(named(Counted::InWar), [(1980, "IRN", "IRQ"), (1991, "USA", "IRQ"), (2025, "USA", "IRN")]);
    assert!(named(Counted::Outside).is_empty());
    assert_eq!(ts.iter().filter(|t| t.event).count(), 3);
    // No in-war pair-year is a trial.
    assert!(!ts.iter().any(|t| t.year == 1991 && t.striker == "USA" && t.target == "IRQ"));

    let default = engine::params::Params::default();
    let (without, with, lr) = size_test(&resolved.params, &ts).expect("events on eligible pairs");
    assert!(without.interval.0 < without.rate && without.rate < without.interval.1);
    assert!(
        (without.rate - default.preventive_strike_rate).abs() <= 0.005 * without.rate,
        "estimate {} but engine default {}: run `deterrence data strikes`",
        without.rate,
        default.preventive_strike_rate
    );
    // The size effect improves the fit, but not significantly: not adopted.
    assert!(with.log_likelihood >= without.log_likelihood);
    assert!(lr < CHI2_95, "the size effect is now supported (LR {lr}): adopt it and its estimate");
    assert_eq!(default.preventive_size_effect, 0.0);

    // No strike on a young arsenal: the multiplier's maximum is 0, the default.
    let (exposure, n, k) = window_exposure(&resolved.params, &ts);
    assert!(n > 0 && k == 0 && exposure > 0.0);
    assert_eq!(default.window_strike_multiplier, 0.0);
    let bound = window_upper_bound(without.rate, exposure);
    assert!(bound > 1.0 && bound < 2.0, "bound {bound}");
}
