//! Recorded series (`[record]`): `years.csv` and `states.csv` are the same unsharded, merged
//! from shards and resumed after an interruption (byte for byte); recording changes no result;
//! state series agree with the year series and with a run made directly.

use experiment::spec::parse_spec;
use experiment::workflow::{RunOptions, run};
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("deterrence-experiment-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

const RECORD: &str = r#"
[record]
years = ["nuclear_armed_states", "warheads_total", "crises", "mean_first_strike_stability"]
states = ["status", "warheads", "willingness", "threat", "value", "survivable_warheads"]
"#;

fn spec_text(record: bool) -> String {
    format!(
        r#"schema = 1

[experiment]
name = "recorded"
scenario = "south-asia"
years = 12
seed = 31
replications = 2
outcomes = ["nuclear_uses", "crises", "acquisitions", "nuclear_armed_states_end"]

[design]
kind = "lhs"
samples = 7

[[parameters]]
name = "accident_hazard"
kind = "real"
low = 0.0
high = 0.2

[[parameters]]
name = "regime"
kind = "categorical"
values = ["strong", "failed"]
{}"#,
        if record { RECORD } else { "" }
    )
}

fn south_asia() -> lab::Loaded {
    lab::Loaded::builtin("south-asia").unwrap()
}

fn options(shard: Option<(usize, usize)>, resume: bool) -> RunOptions {
    RunOptions { shard, resume, chunk: 2 }
}

const FILES: [&str; 4] = ["results.csv", "results.jsonl", "years.csv", "states.csv"];

#[test]
fn series_are_the_same_unsharded_merged_and_resumed() {
    let d = temp_dir("series-three-ways");
    let spec = parse_spec(&spec_text(true), "recorded.toml").unwrap();
    let loaded = south_asia();
    let whole = d.join("whole");
    run(&spec, &loaded, &whole, options(None, false), "whole", &mut |_, _, _| {}).unwrap();
    assert_eq!(read(&whole, "years.csv").lines().count(), 1 + 7 * 2 * 12);
    assert_eq!(read(&whole, "states.csv").lines().count(), 1 + 7 * 2 * 12 * loaded.scenario.states.len());
    assert!(read(&whole, "years.csv").starts_with(
        "point,replication,run,year,nuclear_armed_states,warheads_total,crises,mean_first_strike_stability\n"
    ));
    assert!(
        read(&whole, "states.csv").starts_with(
            "point,replication,run,year,iso3,status,warheads,willingness,threat,value,survivable_warheads\n"
        )
    );

    // Three shards merged.
    let shards: Vec<PathBuf> = (1..=3).map(|k| d.join(format!("s{k}"))).collect();
    for (k, dir) in shards.iter().enumerate() {
        run(&spec, &loaded, dir, options(Some((k + 1, 3)), false), "shard", &mut |_, _, _| {}).unwrap();
        assert!(dir.join(format!("years-shard-{}-of-3.csv", k + 1)).is_file());
        assert!(dir.join(format!("states-shard-{}-of-3.csv", k + 1)).is_file());
    }
    let merged = d.join("merged");
    let manifest =
        experiment::Manifest::from_json(&std::fs::read_to_string(shards[0].join("manifest.json")).unwrap()).unwrap();
    let check = experiment::rows::RowCheck::new(&manifest).unwrap();
    let runs = experiment::store::merge(&shards, &merged, &check).unwrap();
    assert_eq!(runs, 14);
    for f in FILES.into_iter().chain(["progress.json"]) {
        assert!(read(&whole, f) == read(&merged, f), "{f}: merged shards differ from the unsharded run");
    }

    // Interrupted after the second checkpoint, with torn writes after it, then resumed.
    let cut = d.join("cut");
    let mut saved: Option<String> = None;
    let mut calls = 0;
    run(&spec, &loaded, &cut, options(None, false), "cut", &mut |_, done, _| {
        calls += 1;
        if calls == 3 {
            saved = Some(read(&cut, "progress.json"));
            assert!(done > 0);
        }
    })
    .unwrap();
    let saved = saved.expect("a checkpoint partway");
    assert!(saved.contains("\"years_bytes\"") && saved.contains("\"states_bytes\""), "{saved}");
    std::fs::write(cut.join("progress.json"), &saved).unwrap();
    for f in FILES {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new().append(true).open(cut.join(f)).unwrap();
        file.write_all(b"9,9,99,2099,torn").unwrap();
    }
    run(&spec, &loaded, &cut, options(None, true), "resume", &mut |_, _, _| {}).unwrap();
    for f in FILES.into_iter().chain(["progress.json"]) {
        assert!(read(&whole, f) == read(&cut, f), "{f}: the resumed run differs from the uninterrupted run");
    }
}

#[test]
fn recording_changes_no_result_and_leaves_unrecorded_experiments_as_they_were() {
    let d = temp_dir("series-no-change");
    let loaded = south_asia();
    let (plain, recorded) = (d.join("plain"), d.join("recorded"));
    let spec = |record| parse_spec(&spec_text(record), "recorded.toml").unwrap();
    run(&spec(false), &loaded, &plain, options(None, false), "plain", &mut |_, _, _| {}).unwrap();
    run(&spec(true), &loaded, &recorded, options(None, false), "recorded", &mut |_, _, _| {}).unwrap();
    assert_eq!(read(&plain, "results.csv"), read(&recorded, "results.csv"));
    assert_eq!(read(&plain, "results.jsonl"), read(&recorded, "results.jsonl"));
    // Without [record]: no series files, and the checkpoint and manifest hold no trace of them.
    assert!(!plain.join("years.csv").exists() && !plain.join("states.csv").exists());
    assert!(!read(&plain, "progress.json").contains("years_bytes"));
    assert!(!read(&plain, "manifest.json").contains("\"record\""));
    assert!(read(&recorded, "manifest.json").contains("\"record\""));
    // A checkpoint written before series existed still reads.
    let old: experiment::store::Progress =
        serde_json::from_str(r#"{"points_done": 3, "csv_bytes": 10, "jsonl_bytes": 20, "complete": false}"#).unwrap();
    assert_eq!((old.years_bytes, old.states_bytes), (None, None));
}

#[test]
fn state_series_agree_with_year_series_and_a_direct_run() {
    let d = temp_dir("series-agree");
    let spec = parse_spec(&spec_text(true), "recorded.toml").unwrap();
    let loaded = south_asia();
    let out = d.join("out");
    run(&spec, &loaded, &out, options(None, false), "agree", &mut |_, _, _| {}).unwrap();
    let rows = |file: &str| -> Vec<Vec<String>> {
        read(&out, file).lines().skip(1).map(|l| l.split(',').map(str::to_owned).collect()).collect()
    };
    let (years, states) = (rows("years.csv"), rows("states.csv"));
    let n_states = loaded.scenario.states.len();
    assert_eq!(states.len(), years.len() * n_states);
    for (y, group) in years.iter().zip(states.chunks(n_states)) {
        assert!(group.iter().all(|s| s[..4] == y[..4]), "rows of run {} year {} out of step", y[2], y[3]);
        let armed = group.iter().filter(|s| s[5] == "possessing").count();
        assert_eq!(armed.to_string(), y[4], "run {} year {}", y[2], y[3]);
        let warheads: f64 = group.iter().map(|s| s[6].parse::<f64>().unwrap()).sum();
        let total: f64 = y[5].parse().unwrap();
        assert!((warheads - total).abs() <= 1e-9 * total.max(1.0), "run {} year {}: {warheads} vs {total}", y[2], y[3]);
    }
    // Run 3 made directly: the same year records.
    let expanded = experiment::workflow::expand(&spec, &loaded.scenario).unwrap();
    let plan = experiment::design::plan(&expanded).unwrap();
    let point = &plan.points[1];
    let request = experiment::design::request(&plan, point, expanded.experiment.years).unwrap();
    let output = request.prepare(&loaded.scenario).unwrap().template.run(31, 3);
    let run3: Vec<&Vec<String>> = years.iter().filter(|y| y[2] == "3").collect();
    assert_eq!(run3.len(), output.years.len());
    for (row, y) in run3.iter().zip(&output.years) {
        assert_eq!(row[1], "1");
        assert_eq!(row[3], y.year.to_string());
        assert_eq!(row[4], y.nuclear_armed_states.to_string());
        assert_eq!(row[5], y.warheads_total.to_string());
        assert_eq!(row[6], y.crises.to_string());
    }
}

#[test]
fn unknown_series_are_located_spec_errors_listing_the_known_names() {
    let text =
        spec_text(false) + "\n[record]\nyears = [\"crises\", \"crisis\"]\nstates = [\"warheads\", \"warheads\"]\n";
    let e = parse_spec(&text, "bad.toml").unwrap_err().to_string();
    assert!(e.contains("bad.toml:"), "{e}");
    assert!(e.contains("record.years[1]") && e.contains("unknown year series `crisis`"), "{e}");
    assert!(e.contains("nuclear_armed_states, programmes"), "{e}");
    assert!(e.contains("record.states[1]") && e.contains("listed twice"), "{e}");
    let text = spec_text(false) + "\n[record]\nstates = [\"status\", \"belief\"]\n";
    let e = parse_spec(&text, "bad.toml").unwrap_err().to_string();
    assert!(e.contains("record.states[1]") && e.contains("unknown state series `belief`"), "{e}");
    assert!(e.contains("warheads, survivable_warheads, status"), "{e}");
    let text = spec_text(false) + "\n[record]\nyear = [\"crises\"]\n";
    let e = parse_spec(&text, "bad.toml").unwrap_err().to_string();
    assert!(e.contains("unknown field `year`"), "{e}");
}
