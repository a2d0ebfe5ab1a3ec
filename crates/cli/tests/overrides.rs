//! Overrides on the command line (`--param`, `--lever`, `--set`), ensembles without a spec
//! (`run --runs N`), and the catalogues (`outcomes`, `inputs`).

mod common;

use common::{read, run, temp_dir};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn levers_and_inputs_change_the_run_and_are_recorded() {
    let base = run(&["run", "korea", "--seed", "5", "--years", "15", "--format", "json"]);
    assert!(base.status.success(), "{}", stderr(&base));
    let set = run(&[
        "run",
        "korea",
        "--seed",
        "5",
        "--years",
        "15",
        "--format",
        "json",
        "--lever",
        "enforcement=0.05",
        "--set",
        "rivalries.USA-PRK.intensity=0",
        "--param",
        "accident_hazard=0.01",
    ]);
    assert!(set.status.success(), "{}", stderr(&set));
    let (b, s) = (json(&base), json(&set));
    let m = &s["manifest"];
    let overrides: Vec<String> =
        m["overrides"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_owned()).collect();
    // Parameters, then levers, then inputs (they set different things, so order does not matter).
    assert_eq!(overrides, ["accident_hazard", "regime.enforcement", "rivalries.USA-PRK.intensity"]);
    assert_eq!(m["resolved"]["regime"]["enforcement"].as_f64(), Some(0.05));
    assert_eq!(m["resolved"]["params"]["accident_hazard"].as_f64(), Some(0.01));
    // The recorded scenario is the one the run used, with the input set.
    let toml = m["scenario_toml"].as_str().unwrap();
    let used = model::parse_scenario(toml, "manifest").unwrap();
    let usa_prk = |a: &str, b: &str| (a == "USA" && b == "PRK") || (a == "PRK" && b == "USA");
    let r = used.rivalries.iter().find(|r| usa_prk(&r.pair[0], &r.pair[1])).unwrap();
    assert!(r.intensity.best.abs() < 1e-12);
    // With the USA–DPRK rivalry switched off, that pair has no crisis.
    let crises = |v: &serde_json::Value| {
        v["output"]["dyad_years"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| usa_prk(d["iso3_1"].as_str().unwrap(), d["iso3_2"].as_str().unwrap()) && d["crisis"] == true)
            .count()
    };
    assert_eq!(crises(&s), 0);
    assert!(b["manifest"]["overrides"].as_array().unwrap().is_empty());
}

#[test]
fn bad_overrides_exit_2_naming_the_flag_and_the_name() {
    let cases: [(&[&str], &str); 8] = [
        (&["--lever", "enforcement=1.5"], "--lever regime lever `enforcement` lies in [0, 1], got 1.5"),
        (&["--lever", "charisma=0.5"], "unknown regime lever `charisma`"),
        (&["--param", "accident_hazard=NaN"], "--param"),
        (&["--param", "prudence_base=1e308"], "parameter `prudence_base` is at most 1e9 in magnitude"),
        (&["--set", "states.XXX.resolve=0.5"], "no state `XXX`"),
        (&["--set", "states.USA.forces.silo_icbm.cep_m=-3"], "states.USA.forces.silo_icbm.cep_m"),
        (&["--set", "states.USA.command_control_quality=inf"], "finite"),
        (&["--set", "planets.MARS.x=1"], "not a scenario input"),
    ];
    for (flags, expected) in cases {
        let mut args = vec!["run", "--seed", "1", "--years", "2"];
        args.extend_from_slice(flags);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{flags:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{flags:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
}

#[test]
fn run_with_runs_writes_an_experiment_store_and_summary() {
    let dir = temp_dir("run-runs");
    let out = dir.join("ens");
    let o = run(&[
        "run",
        "korea",
        "--runs",
        "6",
        "--seed",
        "9",
        "--years",
        "10",
        "--lever",
        "verification=0.2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("6 runs written"), "{}", stdout(&o));
    let results = read(&out, "results.csv");
    assert_eq!(results.lines().count(), 7, "{results}");
    assert!(results.lines().next().unwrap().contains("regime.verification"));
    let manifest: serde_json::Value = serde_json::from_str(&read(&out, "manifest.json")).unwrap();
    assert_eq!(manifest["total_runs"], 6);
    assert!(out.join("summary.csv").is_file() && out.join("analysis.json").is_file());
    // The ensemble's run 0 is the single run of the same request and seed.
    let single =
        run(&["run", "korea", "--seed", "9", "--years", "10", "--lever", "verification=0.2", "--format", "json"]);
    let s = json(&single);
    let crises = s["output"]["summary"]["crises"].as_f64().unwrap();
    let header: Vec<&str> = results.lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "crises").unwrap();
    let row0: Vec<&str> = results.lines().nth(1).unwrap().split(',').collect();
    // A count, written and read back exactly.
    assert!((row0[col].parse::<f64>().unwrap() - crises).abs() < 1e-9);
}

#[test]
fn stability_set_moves_the_calculus() {
    let base = run(&["stability", "--pair", "USA,RUS", "--alert", "generated", "--format", "json"]);
    let hard = run(&[
        "stability",
        "--pair",
        "USA,RUS",
        "--alert",
        "generated",
        "--format",
        "json",
        "--set",
        "states.RUS.forces.silo_icbm.hardness_psi=100",
    ]);
    assert!(hard.status.success(), "{}", stderr(&hard));
    let (b, h) = (json(&base), json(&hard));
    assert_ne!(b["pairs"], h["pairs"]);
    assert_eq!(h["inputs"][0]["name"], "states.RUS.forces.silo_icbm.hardness_psi");
    assert!(b.get("inputs").is_none());
}

#[test]
fn catalogues_list_outcomes_and_inputs() {
    let o = run(&["outcomes", "--format", "json"]);
    assert!(o.status.success());
    let v = json(&o);
    let names: Vec<&str> = v["outcomes"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, lab::outcome::names());
    let t = run(&["outcomes"]);
    assert!(stdout(&t).contains("| `any_nuclear_use` |"), "{}", stdout(&t));
    let i = run(&["inputs", "south-asia", "--format", "json"]);
    assert!(i.status.success(), "{}", stderr(&i));
    let v = json(&i);
    let inputs = v["inputs"].as_array().unwrap();
    assert!(!inputs.is_empty());
    for x in inputs {
        assert!(x["low"].as_f64() < x["high"].as_f64(), "{x}");
    }
}

#[test]
fn unknown_outcomes_in_specs_are_located_errors() {
    let dir = temp_dir("bad-outcome");
    let spec = dir.join("spec.toml");
    std::fs::write(
        &spec,
        "schema = 1\n[experiment]\nname = \"x\"\nscenario = \"korea\"\nseed = 1\noutcomes = [\"crises\", \"nukes\"]\n\
         [design]\nkind = \"cases\"\n[[cases]]\nname = \"a\"\nvalues = {}\n",
    )
    .unwrap();
    let o = run(&["experiment", spec.to_str().unwrap(), "--out", dir.join("o").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(":6:") && stderr(&o).contains("unknown outcome `nukes`"), "{}", stderr(&o));
}

#[test]
fn the_reproduce_line_reruns_the_same_run() {
    let args = [
        "run",
        "korea",
        "--seed",
        "11",
        "--years",
        "8",
        "--lens",
        "organisational,stability-instability",
        "--regime",
        "failed",
        "--lever",
        "verification=0.15",
        "--set",
        "rivalries.KOR-PRK.intensity=0.9",
        "--param",
        "accident_hazard=0.02",
    ];
    let first = run(&args);
    assert!(first.status.success(), "{}", stderr(&first));
    let text = stdout(&first);
    let line = text.lines().find_map(|l| l.strip_prefix("Reproduce: deterrence ")).expect("a reproduce line");
    let again: Vec<&str> = line.split(' ').collect();
    let second = run(&again);
    assert!(second.status.success(), "{line}: {}", stderr(&second));
    assert_eq!(stdout(&second), text, "{line}");
}

#[test]
fn the_series_catalogue_lists_year_and_state_series() {
    let o = run(&["series", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let names = |k: &str| -> Vec<String> {
        v[k].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_owned()).collect()
    };
    assert!(names("years").contains(&"warheads_total".to_owned()));
    assert!(names("states").contains(&"status".to_owned()));
    assert!(stdout(&run(&["series"])).contains("| `willingness` |"));
}
