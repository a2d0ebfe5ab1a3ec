//! `deterrence run` through the real binary: outputs, reproducibility, golden outputs, errors.

mod common;

use common::{read, run, temp_dir, test_world};

#[test]
fn writes_the_four_outputs_with_provenance() {
    let dir = temp_dir("outputs");
    let o = run(&["run", "--seed", "42", "--years", "10", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Key events:") && out.contains("Headline measures:"), "{out}");
    let years = read(&dir, "years.csv");
    assert_eq!(years.lines().count(), 1 + 10);
    assert!(years.starts_with("scenario,run,year,nuclear_armed_states"));
    let dyads = read(&dir, "dyad_years.csv");
    assert!(dyads.lines().next().unwrap().contains("ccode1,ccode2"));
    assert!(dyads.lines().nth(1).unwrap().starts_with("world-2025,0,2025,2,365,"), "{}", dyads.lines().nth(1).unwrap());
    let events = read(&dir, "events.csv");
    assert!(events.contains("treaty-cap"), "the New START event is recorded");
    let m: serde_json::Value = serde_json::from_str(&read(&dir, "manifest.json")).unwrap();
    assert_eq!(m["schema"], 1);
    assert_eq!(m["seed"], 42);
    assert_eq!(m["resolved"]["years"], 10);
    assert_eq!(m["resolved"]["lenses"][0], "deterrence");
    assert!(m["rand_versions"].as_str().unwrap().contains("rand 0.10"));
    assert!(m["resolved"]["params"]["crisis_base_rate"].is_number());
    assert!(m["scenario_toml"].as_str().unwrap().contains("[[states]]"));
}

#[test]
fn same_seed_gives_byte_identical_outputs() {
    let run_in = |seed: &str, dir: &std::path::Path| {
        let args = ["run", "--seed", seed, "--years", "25", "--regime", "failed", "--lens", "organisational"];
        run(&[&args[..], &["--out", dir.to_str().unwrap()]].concat())
    };
    let (a, b) = (temp_dir("same-a"), temp_dir("same-b"));
    for d in [&a, &b] {
        assert!(run_in("7", d).status.success());
    }
    for f in ["years.csv", "dyad_years.csv", "events.csv", "manifest.json"] {
        assert_eq!(read(&a, f), read(&b, f), "{f} differs between identical runs");
    }
    let c = temp_dir("same-c");
    run_in("8", &c);
    assert_ne!(read(&a, "events.csv"), read(&c, "events.csv"));
}

#[test]
fn without_a_seed_one_is_drawn_and_printed() {
    let dir = temp_dir("noseed");
    let o = run(&["run", "--years", "3", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let seed: u64 = err.split_whitespace().nth(1).unwrap().parse().expect("seed printed");
    let m: serde_json::Value = serde_json::from_str(&read(&dir, "manifest.json")).unwrap();
    assert_eq!(m["seed"].as_u64(), Some(seed));
}

#[test]
fn golden_outputs_of_a_fixed_seed() {
    // A deliberate change to these snapshots must be explained in the commit message.
    let dir = temp_dir("golden");
    let o = run(&[
        "run",
        &test_world(),
        "--seed",
        "2026",
        "--years",
        "20",
        "--lens",
        "deterrence,organisational",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    insta::assert_snapshot!("test_world_years", read(&dir, "years.csv"));
    insta::assert_snapshot!("test_world_events", read(&dir, "events.csv"));
}

#[test]
fn json_output_has_summary_and_records() {
    let o = run(&["run", &test_world(), "--seed", "1", "--years", "5", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "run");
    assert_eq!(v["output"]["years"].as_array().unwrap().len(), 5);
    assert!(v["output"]["summary"]["crises"].is_number());
}

#[test]
fn bad_run_input_exits_2_with_location() {
    let o = run(&["run", "--param", "no_such_parameter=1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown parameter `no_such_parameter`"));
    let o = run(&["run", "--param", "crisis_base_rate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["run", "--years", "0"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["run", "--lens", "realism"]);
    assert_eq!(o.status.code(), Some(2));

    let base = std::fs::read_to_string(test_world()).unwrap();
    let cases = [
        (
            "param.toml",
            base.replace("horizon_years = 30", "horizon_years = 30\n[simulation.parameters]\ncrisis_rate = 0.1"),
            "simulation.parameters.crisis_rate",
            "unknown parameter",
        ),
        (
            "year.toml",
            format!("{base}\n[[events]]\nyear = 2100\nkind = \"disarm\"\nstate = \"BBB\"\n"),
            "events[0].year",
            "horizon",
        ),
        (
            "state.toml",
            format!("{base}\n[[events]]\nyear = 2030\nkind = \"disarm\"\nstate = \"ZZZ\"\n"),
            "events[0].state",
            "unknown state `ZZZ`",
        ),
        (
            "missing.toml",
            format!("{base}\n[[events]]\nyear = 2030\nkind = \"treaty-cap\"\nparties = [\"AAA\", \"BBB\"]\n"),
            "events[0].until_year",
            "needs `until_year`",
        ),
        (
            "lens.toml",
            base.replace("horizon_years = 30", "horizon_years = 30\nlenses = [\"realism\"]"),
            "simulation.lenses",
            "realism",
        ),
    ];
    let dir = temp_dir("bad");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text, field, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &text).unwrap();
        let o = run(&["run", path.to_str().unwrap(), "--years", "2"]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(field), "{name}: no field {field} in {err}");
        assert!(err.contains(message), "{name}: no message {message} in {err}");
        assert!(err.contains(&format!("{}:", path.display())), "{name}: no file:line in {err}");
    }
}

/// Every command that writes a directory refuses a non-empty one unless --force (issue 14).
#[test]
fn a_non_empty_out_directory_is_refused_unless_forced() {
    let dir = temp_dir("non-empty");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let d = dir.to_str().unwrap();
    let o = run(&["run", "--seed", "1", "--years", "3", "--out", d]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not empty") && err.contains("--force"), "{err}");
    assert!(!dir.join("years.csv").exists(), "nothing written");
    // The same with --runs (an ensemble) and for the paradox experiment.
    let o = run(&["run", "--seed", "1", "--years", "3", "--runs", "2", "--out", d]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["paradox", "--runs", "2", "--samples", "20", "--years", "3", "--out", d]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    // --force writes into it, and keeps the other files.
    let o = run(&["run", "--seed", "1", "--years", "3", "--out", d, "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(read(&dir, "notes.txt"), "mine");
    assert_eq!(read(&dir, "years.csv").lines().count(), 1 + 3);
    // A second run into the run directory is refused and names what is there.
    let o = run(&["run", "--seed", "2", "--years", "3", "--out", d]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("a run directory"), "{err}");
    // An ensemble into a directory that holds an ensemble's results: refused without --force;
    // with it the results are replaced (the same bytes as into a new directory), other files kept.
    let ens = temp_dir("ensemble-force");
    let e = ens.to_str().unwrap();
    let args = |out: &str, seed: &str, force: bool| {
        let mut a = vec!["run", "--seed", seed, "--years", "3", "--runs", "3", "--out", out];
        if force {
            a.push("--force");
        }
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let go = |a: Vec<String>| run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(go(args(e, "1", false)).status.success());
    std::fs::write(ens.join("notes.txt"), "mine").unwrap();
    assert_eq!(go(args(e, "2", false)).status.code(), Some(2));
    let o = go(args(e, "2", true));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let fresh = temp_dir("ensemble-fresh");
    assert!(go(args(fresh.to_str().unwrap(), "2", false)).status.success());
    assert_eq!(read(&ens, "results.csv"), read(&fresh, "results.csv"));
    assert_eq!(read(&ens, "notes.txt"), "mine");
    let _ = std::fs::remove_dir_all(&ens);
    let _ = std::fs::remove_dir_all(&fresh);
    // A file where a directory should be.
    let o = run(&["run", "--seed", "1", "--years", "3", "--out", dir.join("notes.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expects a directory"));
}

/// `analyze` given a run directory says what it expected and what to use instead.
#[test]
fn analyze_names_the_directory_it_expected() {
    let dir = temp_dir("analyze-a-run");
    let d = dir.to_str().unwrap();
    assert!(run(&["run", "--seed", "1", "--years", "3", "--out", d]).status.success());
    let o = run(&["analyze", d]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is a run directory") && err.contains("expects an experiment directory"), "{err}");
    assert!(err.contains("deterrence report"), "{err}");
    assert!(!err.contains("missing field"), "{err}");
    let empty = temp_dir("analyze-empty");
    let o = run(&["analyze", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds no experiment results"));
}

/// `merge` and `experiment` given a run directory say what they expected.
#[test]
fn merge_and_experiment_name_what_they_expected() {
    let dir = temp_dir("merge-a-run");
    let d = dir.to_str().unwrap();
    assert!(run(&["run", "--seed", "1", "--years", "3", "--out", d]).status.success());
    let o = run(&["merge", d, d, "--out", temp_dir("merge-out").join("m").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is a run directory") && err.contains("merge expects experiment shard directories"), "{err}");
    let o = run(&["experiment", d]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("experiment expects a spec file"), "{err}");
}
