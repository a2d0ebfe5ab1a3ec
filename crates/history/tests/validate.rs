//! The median pass rule on constructed ensembles, and the record values of the patterns
//! computed from data/ against hand-checked numbers.

#![allow(clippy::float_cmp)]

use history::record::Record;
use history::validate::{
    Group, Spec, Statistic, Target, Tolerance, pattern_specs, record_targets, run_targets, score, state_years,
};
use lab::series::{StateRow, StateValue};

fn spec(statistic: Statistic, tolerance: Tolerance) -> Spec {
    Spec { name: "p".into(), description: "d".into(), group: Group::Arsenals, statistic, tolerance }
}

fn target(value: f64) -> Target {
    Target { value, rows: Vec::new(), sources: Vec::new() }
}

#[test]
fn a_wide_interval_around_a_wrong_median_fails() {
    // Runs spread from 1945 to 2017 with median 1967: the old rule (record inside the widened
    // 90 % interval) passed this; the median rule does not.
    let values: Vec<f64> =
        (0..101).map(|k| if k < 50 { 1945.0 + f64::from(k) * 0.4 } else { 1967.0 + f64::from(k - 50) }).collect();
    let p = score(&spec(Statistic::Median, Tolerance::Absolute(5.0)), &target(1986.0), &values);
    assert_eq!(p.median, 1967.0);
    assert!(p.q05 <= 1986.0 && p.q95 >= 1986.0, "the record is inside the interval: {} {}", p.q05, p.q95);
    assert_eq!(p.distance, -19.0);
    assert!(!p.pass);
}

#[test]
fn a_median_inside_the_tolerance_passes() {
    let values: Vec<f64> = (0..11).map(|k| 1978.0 + f64::from(k) * 2.0).collect(); // median 1988
    let p = score(&spec(Statistic::Median, Tolerance::Absolute(5.0)), &target(1986.0), &values);
    assert_eq!(p.median, 1988.0);
    assert!(p.pass);
    // Exactly at the tolerance passes; beyond it misses.
    let at = score(&spec(Statistic::Median, Tolerance::Absolute(2.0)), &target(1986.0), &values);
    assert!(at.pass);
    let beyond = score(&spec(Statistic::Median, Tolerance::Absolute(1.9)), &target(1986.0), &values);
    assert!(!beyond.pass);
}

#[test]
fn a_relative_tolerance_is_a_share_of_the_record() {
    let p =
        score(&spec(Statistic::Median, Tolerance::Relative(0.25)), &target(40_000.0), &[29_000.0, 31_000.0, 33_000.0]);
    assert_eq!(p.tolerance, 10_000.0);
    assert!(p.pass, "31,000 is within 25 % of 40,000");
    let q = score(&spec(Statistic::Median, Tolerance::Relative(0.25)), &target(40_000.0), &[500.0, 600.0, 40_000.0]);
    assert!(!q.pass, "a median of 600 is not 40,000 even with one run at the record");
}

#[test]
fn a_share_passes_when_at_least_half_the_runs_have_the_event() {
    let s = spec(Statistic::Share, Tolerance::Absolute(0.5));
    let half = score(&s, &target(1.0), &[1.0, 0.0, 1.0, 0.0]);
    assert_eq!(half.median, 0.5);
    assert!(half.pass);
    let few = score(&s, &target(1.0), &[1.0, 0.0, 0.0, 0.0]);
    assert_eq!(few.median, 0.25);
    assert!(!few.pass);
    assert!(few.q05 < 0.25 && few.q95 > 0.25 && few.q05 >= 0.0 && few.q95 <= 1.0);
}

#[test]
fn a_state_that_acquires_in_fewer_than_half_the_runs_has_no_median_year() {
    let s = spec(Statistic::Median, Tolerance::Absolute(5.0));
    let inf = f64::INFINITY;
    let p = score(&s, &target(1964.0), &[1964.0, 1965.0, inf, inf, inf]);
    assert!(p.median.is_nan() && p.q95.is_nan());
    assert_eq!(p.runs_with_value, 2);
    assert!(!p.pass);
    let q = score(&s, &target(1964.0), &[1962.0, 1964.0, 1966.0, inf, inf]);
    assert_eq!(q.median, 1966.0);
    assert!(q.pass);
}

fn record() -> Record {
    Record::builtin().unwrap_or_else(|e| panic!("{e}"))
}

fn value(name: &str) -> Target {
    let specs = pattern_specs();
    let k = specs.iter().position(|s| s.name == name).unwrap_or_else(|| panic!("no pattern {name}"));
    record_targets(&record()).values[k].clone()
}

#[test]
fn arsenal_records_are_the_inventory_rows() {
    // Hand-checked in data/inventories.csv (FAS via OWID): USA 1967 31,255; USA 1986 23,317;
    // RUS 1967 8,400; RUS 1986 40,159.
    for (name, expected) in [
        ("arsenal_USA_1967", 31_255.0),
        ("arsenal_USA_1986", 23_317.0),
        ("arsenal_RUS_1967", 8_400.0),
        ("arsenal_RUS_1986", 40_159.0),
    ] {
        let t = value(name);
        assert_eq!(t.value, expected, "{name}");
        assert_eq!(t.rows.len(), 1, "{name}");
        assert!(t.rows[0].starts_with("data/inventories.csv: "), "{}", t.rows[0]);
        assert!(t.sources.iter().any(|s| s.contains("FAS")), "{:?}", t.sources);
    }
    assert_eq!(value("arsenal_peak_year").value, 1986.0);
    assert_eq!(value("arsenal_peak_size").value, 64_452.0);
    // One stockpile row per state and year: the row used is the only one.
    let r = record();
    for (iso, year) in history::validate::ARSENALS {
        assert_eq!(r.inventories.iter().filter(|i| i.iso3 == iso && i.year == year).count(), 1, "{iso} {year}");
    }
}

#[test]
fn acquisition_records_are_bleek_years() {
    // Hand-checked in data/programmes.csv, column acquire_year (Bleek 2017).
    for (iso, year) in [
        ("USA", 1945.0),
        ("RUS", 1949.0),
        ("GBR", 1952.0),
        ("FRA", 1960.0),
        ("CHN", 1964.0),
        ("ISR", 1967.0),
        ("IND", 1987.0),
        ("PAK", 1987.0),
        ("PRK", 2006.0),
        ("ZAF", 1979.0),
    ] {
        assert_eq!(value(&format!("acquires_{iso}")).value, 1.0, "{iso}");
        let t = value(&format!("acquisition_year_{iso}"));
        assert_eq!(t.value, year, "{iso}");
        assert_eq!(t.rows.len(), 1);
        assert!(t.rows[0].starts_with(&format!("data/programmes.csv: {iso} ")), "{}", t.rows[0]);
        assert!(t.sources.iter().any(|s| s.contains("Bleek")));
    }
    let z = value("gives_up_ZAF");
    assert_eq!(z.value, 1.0);
    assert!(z.rows[0].contains("gave up 1991"), "{}", z.rows[0]);
}

#[test]
fn kept_patterns_keep_their_record_values() {
    // The values of docs/validation.md before the median rule.
    for (name, expected) in [
        ("armed_states_1950", 2.0),
        ("armed_states_1970", 6.0),
        ("armed_states_1990", 9.0),
        ("armed_states_2020", 9.0),
        ("programmes_started", 23.0),
        ("programmes_reversed", 20.0),
        ("crises_between_armed", 24.0),
        ("wars_between_armed", 1.0),
        ("nuclear_use_after_1945", 0.0),
    ] {
        let t = value(name);
        assert_eq!(t.value, expected, "{name}");
        assert_eq!(t.rows.len() as f64, if name == "nuclear_use_after_1945" { 0.0 } else { expected }, "{name}");
    }
    assert!(value("wars_between_armed").rows[0].contains("Kargil"));
}

fn row(year: i32, iso: &str, status: &'static str, warheads: f64) -> StateRow {
    StateRow { year, iso3: iso.into(), values: vec![StateValue::Text(status), StateValue::Number(warheads)] }
}

#[test]
fn the_run_side_reads_acquisition_giving_up_and_arsenals_from_state_rows() {
    let rows = vec![
        row(1967, "USA", "possessing", 30_000.0),
        row(1967, "ZAF", "pursuing", 0.0),
        row(1980, "ZAF", "possessing", 6.0),
        row(1986, "USA", "possessing", 20_000.0),
        row(1992, "ZAF", "disarmed", 0.0),
        row(1993, "ISR", "disarmed", 0.0),
    ];
    let s = state_years(&rows);
    let v = run_targets(&[], &s);
    let specs = pattern_specs();
    let at = |name: &str| v[specs.iter().position(|p| p.name == name).unwrap()];
    assert_eq!(at("arsenal_USA_1967"), 30_000.0);
    assert_eq!(at("arsenal_USA_1986"), 20_000.0);
    assert!(at("arsenal_RUS_1986").is_nan());
    assert_eq!(at("acquires_ZAF"), 1.0);
    assert_eq!(at("acquisition_year_ZAF"), 1980.0);
    assert_eq!(at("gives_up_ZAF"), 1.0);
    assert_eq!(at("acquires_USA"), 1.0);
    assert_eq!(at("acquisition_year_USA"), 1967.0);
    // Disarmed without ever possessing is not an acquisition.
    assert_eq!(at("acquires_ISR"), 0.0);
    assert_eq!(at("acquisition_year_ISR"), f64::INFINITY);
    assert_eq!(v.len(), specs.len());
}

#[test]
fn false_alarms_count_for_the_united_states_and_the_soviet_union_in_the_window_only() {
    let alarms = |year: i32, iso: &str, n: f64| StateRow {
        year,
        iso3: iso.into(),
        values: vec![StateValue::Text("possessing"), StateValue::Number(100.0), StateValue::Number(n)],
    };
    let rows = vec![
        alarms(1959, "USA", 5.0), // before the window
        alarms(1960, "USA", 1.0),
        alarms(1983, "RUS", 2.0),
        alarms(1983, "CHN", 7.0), // a state whose alarms are not public
        alarms(1995, "RUS", 1.0),
        alarms(1996, "USA", 3.0), // after the window
    ];
    let v = run_targets(&[], &state_years(&rows));
    let specs = pattern_specs();
    let at = |name: &str| v[specs.iter().position(|p| p.name == name).unwrap()];
    assert_eq!(at("false_alarms_1960_1995"), 4.0);
}
