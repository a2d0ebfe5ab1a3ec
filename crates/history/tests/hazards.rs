//! Programme transition rates: counted by hand on a small table, and the engine's defaults equal
//! to the estimates from the built-in record.

#![allow(clippy::float_cmp)]

use history::hazards::{CENSOR_YEAR, programme_hazards};
use history::record::{Programme, Record};

fn programme(
    explore: Option<i32>,
    explore_end: Option<i32>,
    pursue: Option<i32>,
    pursue_end: Option<i32>,
    acquire: Option<i32>,
) -> Programme {
    Programme {
        iso3: "XXX".into(),
        cow: 1,
        name: "X".into(),
        explore_start: explore,
        explore_end,
        pursue_start: pursue,
        pursue_end,
        acquire_year: acquire,
        gave_up_year: None,
        sw_explore: None,
        sw_pursue: None,
        sw_acquire: None,
        first_test: None,
        status_2025: "none".into(),
        source: "test".into(),
        flag: "ok".into(),
        note: None,
    }
}

#[test]
fn counts_and_rates_match_a_hand_count() {
    let table = [
        // explores 1950-1955, pursues 1955-1965, acquires 1965
        programme(Some(1950), None, Some(1955), None, Some(1965)),
        // explores 1960-1970 and stops
        programme(Some(1960), Some(1970), None, None, None),
        // explores and pursues in 1980, stops pursuing 1990
        programme(Some(1980), Some(1990), Some(1980), Some(1990), None),
        // still exploring: censored at CENSOR_YEAR
        programme(Some(2010), None, None, None, None),
        // no programme
        programme(None, None, None, None, None),
    ];
    let h = programme_hazards(&table).unwrap();
    let censored = f64::from(CENSOR_YEAR - 2010);
    assert_eq!(h.explore_years, 5.0 + 10.0 + 0.0 + censored);
    assert_eq!((h.to_pursuit, h.stopped_exploring), (2, 1));
    assert_eq!(h.pursuit_years, 10.0 + 10.0);
    assert_eq!((h.acquired, h.stopped_pursuing), (1, 1));
    assert!((h.explore_exit_rate.0 - 3.0 / (15.0 + censored)).abs() < 1e-12);
    assert!((h.pursue_share.0 - 2.0 / 3.0).abs() < 1e-12);
    assert!((h.pursuit_stop_rate.0 - 1.0 / 20.0).abs() < 1e-12);
    assert!(h.pursuit_stop_rate.1 < 0.05 && 0.05 < h.pursuit_stop_rate.2);
}

#[test]
fn no_exposure_gives_none() {
    assert!(programme_hazards(&[]).is_none());
}

/// The engine's programme-transition defaults are the estimates from data/programmes.csv, to
/// the precision the parameter table states, and their sources quote the same counts.
#[test]
fn engine_defaults_are_the_record_estimates() {
    let record = Record::builtin().unwrap();
    let h = programme_hazards(&record.programmes).unwrap();
    let p = engine::params::Params::default();
    let close = |default: f64, estimate: f64, digits: i32| {
        let scale = 10f64.powi(digits);
        (default * scale).round() == (estimate * scale).round()
    };
    assert!(close(p.explore_exit_rate, h.explore_exit_rate.0, 3), "{} vs {:?}", p.explore_exit_rate, h);
    assert!(close(p.programme_reference_willingness, h.pursue_share.0, 3), "{:?}", h.pursue_share);
    assert!(close(p.pursuit_stop_rate, h.pursuit_stop_rate.0, 4), "{:?}", h.pursuit_stop_rate);
    let source = |name: &str| engine::params::SPECS.iter().find(|s| s.name == name).unwrap().source;
    let exits = h.to_pursuit + h.stopped_exploring;
    assert!(source("explore_exit_rate").contains(&format!(
        "{exits} exits from exploration ({} to pursuit, {} stopped) over {} exploration-years",
        h.to_pursuit, h.stopped_exploring, h.explore_years
    )));
    assert!(
        source("explore_exit_rate")
            .contains(&format!("interval {:.3}–{:.3}", h.explore_exit_rate.1, h.explore_exit_rate.2))
    );
    assert!(
        source("programme_reference_willingness")
            .contains(&format!("interval {:.2}–{:.2}", h.pursue_share.1, h.pursue_share.2))
    );
    assert!(
        source("pursuit_stop_rate")
            .contains(&format!("{} pursuers stopped over {} pursuit-years", h.stopped_pursuing, h.pursuit_years))
    );
    assert!(
        source("pursuit_stop_rate")
            .contains(&format!("interval {:.3}–{:.3}", h.pursuit_stop_rate.1, h.pursuit_stop_rate.2))
    );
}
