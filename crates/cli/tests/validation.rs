//! `deterrence validate` under the median pass rule: the JSON lists the new patterns with their
//! rule, distance, tolerance and record rows, the table is grouped, and the document is read
//! back by `deterrence report` into a grouped HTML scorecard.

mod common;

use common::{run, temp_dir};
use std::process::Output;

fn ok(args: &[&str]) -> Output {
    let o = run(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn validate_json_lists_the_new_patterns_under_the_median_rule() {
    let o = ok(&["validate", "--runs", "6", "--seed", "3", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "validation");
    assert!(v["rule"].as_str().unwrap().contains("|median − record| ≤ tolerance"));
    let patterns = v["patterns"].as_array().unwrap();
    let find =
        |name: &str| patterns.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("no pattern {name}")).clone();
    for iso in ["USA", "RUS", "GBR", "FRA", "CHN", "ISR", "IND", "PAK", "PRK", "ZAF"] {
        let share = find(&format!("acquires_{iso}"));
        assert_eq!(share["group"], "acquisition");
        assert_eq!(share["statistic"], "share");
        assert_eq!(share["record"], 1.0);
        let year = find(&format!("acquisition_year_{iso}"));
        assert_eq!(year["tolerance"], 5.0);
        assert!(year["record_rows"][0].as_str().unwrap().starts_with("data/programmes.csv: "));
    }
    assert_eq!(find("gives_up_ZAF")["record"], 1.0);
    let usa = find("arsenal_USA_1967");
    assert_eq!(usa["group"], "arsenals");
    assert_eq!(usa["record"], 31_255.0);
    assert_eq!(usa["tolerance"], 0.25 * 31_255.0);
    for name in
        ["arsenal_RUS_1967", "arsenal_USA_1986", "arsenal_RUS_1986", "arsenal_peak_year", "crises_between_armed"]
    {
        find(name);
    }
    // The pass flag is the median rule, whatever the interval says.
    for p in patterns {
        let (Some(m), Some(r), Some(t)) = (p["median"].as_f64(), p["record"].as_f64(), p["tolerance"].as_f64()) else {
            assert_eq!(p["pass"], false, "{}", p["name"]);
            continue;
        };
        assert_eq!(p["pass"].as_bool().unwrap(), (m - r).abs() <= t + 1e-9, "{}", p["name"]);
        assert!((p["distance"].as_f64().unwrap() - (m - r)).abs() < 1e-9);
    }
}

#[test]
fn validate_table_is_grouped_and_the_json_renders_as_html() {
    let t = ok(&["validate", "--runs", "4", "--seed", "5"]);
    let text = String::from_utf8(t.stdout).unwrap();
    for heading in ["-- Nuclear-armed states by decade", "-- Arsenals", "-- Per-state acquisition", "-- Crises"] {
        assert!(text.contains(heading), "{heading}\n{text}");
    }
    assert!(text.contains("distance") && text.contains("acquisition_year_PRK"));
    let dir = temp_dir("validation-median");
    let o = ok(&["validate", "--runs", "4", "--seed", "5", "--format", "json"]);
    let file = dir.join("v.json");
    std::fs::write(&file, &o.stdout).unwrap();
    let out = dir.join("v.html");
    ok(&["report", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(&out).unwrap();
    for needle in [
        "Validation scorecard: Per-state acquisition",
        "Validation scorecard: Arsenals",
        "Validation scorecard: Crises between armed principals",
        "acquires_ZAF",
        "arsenal_RUS_1986",
        "median − record",
        "Where the record values come from",
        "data/inventories.csv: USA 1967",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn data_production_prints_the_estimates_beside_the_scenario_inputs() {
    let o = ok(&["data", "production"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let us = text.lines().find(|l| l.starts_with("USA")).unwrap_or_else(|| panic!("no US row: {text}"));
    let cols: Vec<&str> = us.split_whitespace().collect();
    assert_eq!((cols[1], cols[2], cols[4], cols[cols.len() - 1]), ("1945", "1967", "1420.6", "1420.6"), "{us}");
    let su = text.lines().find(|l| l.starts_with("RUS")).unwrap_or_else(|| panic!("no Soviet row: {text}"));
    assert!(su.contains("1085.4") && su.contains("1986"), "{su}");
}

#[test]
fn data_nonstrategic_prints_the_series_and_the_fit_by_era() {
    let o = ok(&["data", "nonstrategic"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let rows = history::nonstrategic::rows().unwrap();
    let listed = text.lines().filter(|l| l.starts_with("USA ") || l.starts_with("RUS ")).count();
    assert_eq!(listed, rows.len(), "one line per row of the file: {text}");
    let b = model::builtin::get("history-1945").unwrap();
    let scenario = model::parse_scenario(b.text, b.path).unwrap();
    let record = history::record::Record::builtin().unwrap();
    let armed = |j: &str, y: i32| history::nonstrategic::armed_in(&record.inventories, j, y);
    for (label, years) in [("1945–2025", 1945..=2025), ("1945–1990", 1945..=1990), ("1991–2025", 1991..=2025)] {
        let fit = history::nonstrategic::estimate(&scenario, &rows, years, armed).unwrap();
        let line = text.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label} line: {text}"));
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols[1], fit.points.len().to_string(), "{line}");
        assert_eq!(cols[2], format!("{:.0}", fit.c), "{line}");
    }
}

#[test]
fn data_hazards_and_willingness_print_the_estimates_beside_the_engine_defaults() {
    let o = ok(&["data", "hazards"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("leave exploration (per year)") && text.contains("0.103"), "{text}");
    let o = ok(&["data", "willingness", "--runs", "2", "--seed", "3"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for name in history::willingness::ESTIMATED {
        let row = text.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no row {name}: {text}"));
        assert_eq!(row.split_whitespace().count(), 6, "{row}");
    }
    assert!(text.contains("23 explorations began") && text.contains("14 to pursuit"), "{text}");
    let bad = run(&["data", "willingness", "--runs", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn data_willingness_aggregation_prints_the_profile_and_its_test() {
    let o = ok(&["data", "willingness", "--runs", "1", "--seed", "3", "--aggregation"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let points = text.lines().filter(|l| l.trim_start().starts_with("κ ")).count();
    assert_eq!(points, history::willingness::aggregation_grid().len(), "{text}");
    assert!(text.contains("likelihood ratio against κ = 0") && text.contains("engine default 0"), "{text}");
}

#[test]
fn data_timing_prints_each_states_stages_beside_the_record() {
    let o = ok(&["data", "timing", "--runs", "4", "--seed", "3"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let fra = text.lines().find(|l| l.starts_with("FRA")).unwrap_or_else(|| panic!("no France row: {text}"));
    assert!(fra.contains("1945/1954/1960"), "Bleek's France: {fra}");
    let usa = text.lines().find(|l| l.starts_with("USA")).unwrap_or_else(|| panic!("no US row: {text}"));
    assert!(usa.contains("100% 1945"), "armed from the start: {usa}");
    let bad = run(&["data", "timing", "--runs", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}
