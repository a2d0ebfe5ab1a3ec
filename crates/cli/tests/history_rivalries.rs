//! history-1945's rivalries start, change and end by `rivalry` events: the scenario checks, a
//! run records the events in their years, crises between rivals happen only while the rivalry
//! is active, and `validate` runs.

mod common;

use common::{read, run, temp_dir};

#[test]
fn history_1945_checks_with_its_rivalry_events() {
    let o = run(&["scenario", "check", "history-1945"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The year, kind and pair (`iso3_1`, `iso3_2`) of each events.csv row.
fn rows(events: &str) -> Vec<(i32, String, [String; 2])> {
    let header: Vec<&str> = events.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name} column"));
    let (year, kind, first, second) = (col("year"), col("kind"), col("iso3_1"), col("iso3_2"));
    events
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[year].parse().unwrap(), f[kind].to_owned(), [f[first].to_owned(), f[second].to_owned()])
        })
        .collect()
}

#[test]
fn a_history_run_starts_and_ends_rivalries_in_their_years() {
    let dir = temp_dir("history-rivalries");
    for seed in ["1945", "7"] {
        let o = run(&["run", "history-1945", "--seed", seed, "--out", dir.to_str().unwrap(), "--force"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let rows = rows(&read(&dir, "events.csv"));
        let is = |p: &[String; 2], a: &str, b: &str| (p[0] == a && p[1] == b) || (p[0] == b && p[1] == a);
        let rivalry =
            |year: i32, a: &str, b: &str| rows.iter().any(|(y, k, p)| *y == year && k == "rivalry" && is(p, a, b));
        assert!(rivalry(1990, "USA", "RUS"), "the Cold War rivalry ends (intensity 0 from 1990)");
        assert!(rivalry(2007, "USA", "RUS"), "and is renewed in 2007");
        assert!(rivalry(1958, "RUS", "CHN") && rivalry(1990, "RUS", "CHN"), "the Sino-Soviet rivalry");
        assert!(rivalry(1973, "USA", "CHN") && rivalry(1996, "USA", "CHN"), "US-China ends 1972, renewed 1996");
        // No US-Soviet crisis while the rivalry is dormant (1990-2006), no Sino-Soviet crisis
        // before 1958 or after 1989.
        for (y, k, p) in &rows {
            if k == "crisis" {
                assert!(!((1990..2007).contains(y) && is(p, "USA", "RUS")), "crisis in a dormant rivalry: {y} {p:?}");
                assert!(!((*y < 1958 || *y >= 1990) && is(p, "RUS", "CHN")), "Sino-Soviet crisis in {y}");
            }
        }
    }
}

#[test]
fn validate_runs_with_the_rivalry_events() {
    let o = run(&["validate", "--runs", "50", "--seed", "1945", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "validation");
}
