//! history-1945's sensitive nuclear assistance (Kroenig 2009, 2010): the scenario checks with
//! its `assistance` events, a run records each in its year with supplier and recipient, and
//! `validate` runs.

mod common;

use common::{read, run, temp_dir};

#[test]
fn history_1945_checks_with_its_assistance_events() {
    let o = run(&["scenario", "check", "history-1945"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_history_run_records_the_assistance_in_its_years() {
    let dir = temp_dir("history-assistance");
    let o = run(&["run", "history-1945", "--seed", "1945", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let events = read(&dir, "events.csv");
    let header: Vec<&str> = events.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name} column"));
    let (year, kind, first, second) = (col("year"), col("kind"), col("iso3_1"), col("iso3_2"));
    let rows: Vec<(String, String, String, String)> = events
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[year].to_owned(), f[kind].to_owned(), f[first].to_owned(), f[second].to_owned())
        })
        .filter(|r| r.1 == "assistance")
        .collect();
    for (y, s, r) in [
        ("1957", "FRA", "ISR"),
        ("1958", "RUS", "CHN"),
        ("1982", "CHN", "PAK"),
        ("1987", "PAK", "IRN"),
        ("1997", "PAK", "PRK"),
        ("1997", "PAK", "LBY"),
    ] {
        assert!(
            rows.iter().any(|row| row.0 == y && row.2 == s && row.3 == r),
            "no assistance {s} -> {r} in {y}: {rows:?}"
        );
    }
    assert_eq!(rows.len(), 6, "{rows:?}");
}

#[test]
fn validate_runs_with_the_assistance_events() {
    let o = run(&["validate", "--runs", "50", "--seed", "1945", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "validation");
}
