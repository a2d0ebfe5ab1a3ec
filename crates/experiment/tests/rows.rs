//! Results read back are checked against the manifest's design: `analysis::load` and
//! `store::merge` refuse a row the runner could not have written, naming file, line and field,
//! and report every problem at once.

use experiment::Manifest;
use experiment::rows::RowCheck;
use experiment::spec::parse_spec;
use experiment::workflow::{RunOptions, run};
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("deterrence-experiment-rows-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const SPEC: &str = r#"schema = 1

[experiment]
name = "rows"
scenario = "south-asia"
years = 5
seed = 7
replications = 2
outcomes = ["nuclear_uses", "crises", "nuclear_armed_states_end"]

[design]
kind = "lhs"
samples = 4

[[parameters]]
name = "accident_hazard"
kind = "real"
low = 0.0
high = 0.2

[[parameters]]
name = "regime"
kind = "categorical"
values = ["strong", "failed"]
"#;

fn experiment(dir: &Path, shard: Option<(usize, usize)>) {
    let spec = parse_spec(SPEC, "rows.toml").unwrap();
    let loaded = lab::Loaded::builtin("south-asia").unwrap();
    run(&spec, &loaded, dir, RunOptions { shard, resume: false, chunk: 2 }, "rows", &mut |_, _, _| {}).unwrap();
}

/// Rewrites `file` in `dir` with `edit` applied to its rows (header is row 0).
fn edit_csv(path: &Path, edit: impl FnOnce(&mut Vec<Vec<String>>)) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows: Vec<Vec<String>> = text.lines().map(|l| l.split(',').map(str::to_owned).collect()).collect();
    edit(&mut rows);
    let out: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    std::fs::write(path, out).unwrap();
}

/// An edit of a results file's rows.
type Edit = fn(&mut Vec<Vec<String>>);

fn load_error(dir: &Path) -> String {
    experiment::analysis::load(dir).map(|_| ()).unwrap_err().to_string()
}

#[test]
fn a_clean_directory_loads_and_every_corruption_is_located() {
    let d = temp_dir("load");
    let good = d.join("good");
    experiment(&good, None);
    let (_, results) = experiment::analysis::load(&good).unwrap();
    assert_eq!(results.rows.len(), 8);

    let cases: [(&str, Edit, &str); 7] = [
        ("text outcome", |r| r[2][7] = "abc".into(), "results.csv:3: field `crises`: expected a finite number"),
        ("infinite outcome", |r| r[3][8] = "inf".into(), "results.csv:4: field `nuclear_armed_states_end`"),
        ("edited parameter", |r| r[1][4] = "0.5".into(), "results.csv:2: field `accident_hazard`: expected `"),
        ("unknown category", |r| r[1][5] = "bogus".into(), "results.csv:2: field `regime`: expected `"),
        ("run index", |r| r[2][3] = "99".into(), "results.csv:3: field `run`: expected 1 (point × replications"),
        ("replication", |r| r[2][2] = "2".into(), "results.csv:3: field `replication`: expected a replication 0–1"),
        ("order", |r| r.swap(1, 2), "results.csv:3: field `run`: expected a run after 1"),
    ];
    for (what, edit, expected) in cases {
        let bad = d.join(what.replace(' ', "-"));
        let _ = std::fs::remove_dir_all(&bad);
        std::fs::create_dir_all(&bad).unwrap();
        for f in ["manifest.json", "results.csv", "results.jsonl", "progress.json"] {
            std::fs::copy(good.join(f), bad.join(f)).unwrap();
        }
        edit_csv(&bad.join("results.csv"), edit);
        let e = load_error(&bad);
        assert!(e.contains(expected), "{what}: {e}");
    }
}

#[test]
fn every_problem_is_reported_at_once_up_to_a_limit() {
    let d = temp_dir("many");
    experiment(&d, None);
    edit_csv(&d.join("results.csv"), |rows| {
        for r in rows.iter_mut().skip(1) {
            r[6] = "x".into();
            r[7] = "y".into();
        }
    });
    let e = load_error(&d);
    // Two problems in each of 8 rows: 16 lines, every one located.
    assert_eq!(e.lines().count(), 16, "{e}");
    assert!(e.lines().all(|l| l.contains("results.csv:")), "{e}");
    assert!(e.contains("results.csv:9: field `crises`"), "{e}");
}

#[test]
fn a_manifest_that_disagrees_with_its_design_is_refused() {
    let d = temp_dir("manifest");
    experiment(&d, None);
    let path = d.join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut m = Manifest::from_json(&text).unwrap();
    m.points = 5;
    std::fs::write(&path, m.to_json()).unwrap();
    let e = load_error(&d);
    assert!(e.contains("manifest.json: field `points`: expected 4 (the design of its spec), found 5"), "{e}");
}

#[test]
fn merge_refuses_a_shard_row_the_design_could_not_have_written() {
    let d = temp_dir("merge");
    let shards: Vec<PathBuf> = (1..=2).map(|k| d.join(format!("s{k}"))).collect();
    for (k, dir) in shards.iter().enumerate() {
        experiment(dir, Some((k + 1, 2)));
    }
    let manifest = Manifest::from_json(&std::fs::read_to_string(shards[0].join("manifest.json")).unwrap()).unwrap();
    let check = RowCheck::new(&manifest).unwrap();
    // Intact shards merge into what an unsharded run writes.
    let merged = d.join("merged");
    assert_eq!(experiment::store::merge(&shards, &merged, &check).unwrap(), 8);
    let whole = d.join("whole");
    experiment(&whole, None);
    assert_eq!(
        std::fs::read_to_string(merged.join("results.csv")).unwrap(),
        std::fs::read_to_string(whole.join("results.csv")).unwrap()
    );
    // A corrupted outcome in shard 2 is located and nothing is written.
    let csv = shards[1].join("results-shard-2-of-2.csv");
    edit_csv(&csv, |rows| rows[1][7] = "NaN?".into());
    let out = d.join("merged-bad");
    let e = experiment::store::merge(&shards, &out, &check).unwrap_err().to_string();
    assert!(e.contains("results-shard-2-of-2.csv:2: field `crises`: expected a finite number"), "{e}");
    assert!(!out.join("results.csv").exists());
}

#[test]
fn a_manifest_that_is_not_an_object_says_what_it_is() {
    for (text, found) in
        [("null", "found null"), ("[]", "found an array"), ("3", "found a number"), ("\"x\"", "found a string")]
    {
        let e = Manifest::from_json(text).unwrap_err();
        assert!(e.starts_with("expected an experiment manifest (a JSON object with `schema` 2)"), "{e}");
        assert!(e.ends_with(found), "{text}: {e}");
    }
    assert!(Manifest::from_json("{}").unwrap_err().contains("without a format version"));
}
