//! `deterrence forecast`, and `validate` and `paradox` under a posterior, through the real
//! binary: the forecast against an independent count over the same runs of `run --runs`, the
//! same bytes on any thread count, and bad input as located errors (exit 2).

mod common;

use common::{read, run, temp_dir};
use std::path::Path;

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs with at least one acquisition, one nuclear use and 10 million deaths, counted from
/// the results of `run --runs` (the outcomes over the whole run).
fn counts(results: &str) -> (u64, u64, u64, u64) {
    let mut lines = results.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name}"));
    let (acq, uses, nd, bd) = (col("acquisitions"), col("nuclear_uses"), col("nuclear_deaths"), col("battle_deaths"));
    let (mut n, mut a, mut u, mut d) = (0, 0, 0, 0);
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let x = |k: usize| f[k].parse::<f64>().unwrap();
        n += 1;
        a += u64::from(x(acq) > 0.0);
        u += u64::from(x(uses) > 0.0);
        d += u64::from(x(nd) + x(bd) >= 1.0e7);
    }
    (n, a, u, d)
}

/// The forecast's rows for the last year: (runs, with a new state, with use, with 10 M deaths).
fn forecast_counts(json: &str, last: i64) -> (u64, u64, u64, u64) {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let get = |m: &str| {
        v["probabilities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["measure"] == m && p["year"] == last)
            .unwrap_or_else(|| panic!("{m} by {last}"))["runs_with"]
            .as_u64()
            .unwrap()
    };
    (v["runs"].as_u64().unwrap(), get("new_nuclear_state"), get("nuclear_use"), get("deaths_10m"))
}

#[test]
fn the_forecast_counts_the_runs_of_run_runs() {
    let d = temp_dir("forecast-count");
    std::fs::write(
        d.join("posterior.csv"),
        "particle,weight,distance,accident_hazard,crisis_base_rate\n0,1,0.1,0.0,0.05\n1,2,0.1,0.2,0.4\n",
    )
    .unwrap();
    for (name, post) in [("defaults", None), ("posterior", Some(d.join("posterior.csv")))] {
        let out = d.join(name);
        let mut args = vec!["run", "cascade", "--runs", "60", "--years", "15", "--seed", "11", "--out", s(&out)];
        let mut fargs =
            vec!["forecast", "cascade", "--runs", "60", "--years", "15", "--seed", "11", "--format", "json"];
        if let Some(p) = &post {
            args.extend(["--posterior", s(p)]);
            fargs.extend(["--posterior", s(p)]);
        }
        ok(&run(&args));
        let json = ok(&run(&fargs));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let last = v["span"][1].as_i64().unwrap();
        let expected = counts(&read(&out, "results.csv"));
        assert_eq!(forecast_counts(&json, last), expected, "{name}");
        assert_eq!(v["posterior"].is_null(), post.is_none(), "{name}");
        let caveats = v["caveats"].to_string();
        if post.is_none() {
            assert!(caveats.contains("Monte-Carlo intervals only"), "{caveats}");
        } else {
            assert_eq!(v["posterior"]["particles"], 2);
            assert_eq!(v["posterior"]["hash"].as_str().unwrap().len(), 16);
        }
        assert_eq!(v["lenses"], serde_json::json!(["deterrence"]));
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_forecast_is_the_same_on_one_or_two_threads() {
    let d = temp_dir("forecast-threads");
    let go = |threads: &str, format: &str, out: &Path| {
        ok(&run(&[
            "forecast",
            "south-asia",
            "--runs",
            "40",
            "--years",
            "30",
            "--seed",
            "5",
            "--threads",
            threads,
            "--format",
            format,
            "--out",
            s(out),
            "--force",
        ]))
    };
    for format in ["table", "json", "csv"] {
        let (a, b) = (go("1", format, &d.join("one")), go("2", format, &d.join("two")));
        assert_eq!(a, b, "{format}");
    }
    assert_eq!(read(&d.join("one"), "forecast.json"), read(&d.join("two"), "forecast.json"));
    assert_eq!(read(&d.join("one"), "forecast.csv"), read(&d.join("two"), "forecast.csv"));
    let table = go("2", "table", &d.join("three"));
    assert!(table.contains("Forecast from south-asia (2025–2054): 40 runs, seed 5"), "{table}");
    assert!(table.contains("Lenses: deterrence"), "{table}");
    assert!(table.contains("the defaults (no --posterior)"), "{table}");
    assert!(table.contains("at least one new nuclear-armed state") && table.contains("by 2035"), "{table}");
    assert!(table.contains("Caveats:") && table.contains("docs/model.md"), "{table}");
    assert!(table.contains("IND") && table.contains("PAK"), "arsenals by state: {table}");
    let csv = read(&d.join("one"), "forecast.csv");
    assert!(csv.starts_with("kind,measure,state,year,estimate,low,high,runs_with,runs,armed_share\n"), "{csv}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn bad_forecast_input_is_a_located_error() {
    let d = temp_dir("forecast-bad");
    let err = |args: &[&str], expect: &str| {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains(expect), "{args:?}: {e}");
    };
    err(&["forecast", "--lens", "realism"], "--lens");
    err(&["forecast", "--runs", "0"], "--runs must be at least 1");
    err(&["forecast", "--posterior", s(&d.join("nothing"))], "--posterior: cannot read");
    std::fs::write(d.join("posterior.csv"), "particle,weight,distance,accident_hazard\n0,-1,0.1,0.01\n").unwrap();
    err(&["forecast", "south-asia", "--posterior", s(&d)], "posterior.csv:2: field `weight`");
    err(&["forecast", "no-such-scenario"], "no-such-scenario");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn validate_names_a_what_if_and_a_posterior() {
    let d = temp_dir("validate-posterior");
    let t = ok(&run(&[
        "validate",
        "--runs",
        "3",
        "--seed",
        "5",
        "--param",
        "accident_hazard=0.01",
        "--lens",
        "organisational",
    ]));
    assert!(t.starts_with("Under lenses organisational; parameters set: accident_hazard=0.01;"), "{t}");
    std::fs::write(d.join("posterior.csv"), "particle,weight,distance,prudence_base\n0,1,0.1,5\n1,1,0.1,8\n").unwrap();
    let j = ok(&run(&["validate", "--runs", "3", "--seed", "5", "--posterior", s(&d), "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&j).unwrap();
    assert_eq!(v["kind"], "validation");
    assert_eq!(v["conditions"]["posterior"]["particles"], 2);
    assert!(v["patterns"].as_array().is_some_and(|p| !p.is_empty()));
    // A one-particle posterior is the replay with its value set by --param.
    std::fs::write(d.join("one.csv"), "particle,weight,distance,prudence_base\n0,1,0.1,5\n").unwrap();
    let a =
        ok(&run(&["validate", "--runs", "3", "--seed", "5", "--posterior", s(&d.join("one.csv")), "--format", "json"]));
    let b = ok(&run(&["validate", "--runs", "3", "--seed", "5", "--param", "prudence_base=5", "--format", "json"]));
    let patterns = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap()["patterns"].clone();
    assert_eq!(patterns(&a), patterns(&b));
    // Bad input.
    let o = run(&["validate", "--param", "no_such=1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--param"));
    let o = run(&["validate", "--runs", "3", "--param", "prudence_base=5", "--posterior", s(&d.join("one.csv"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("set by the request and by the posterior"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_paradox_draws_from_a_posterior_and_records_it() {
    let d = temp_dir("paradox-posterior");
    let text = "particle,weight,distance,accident_hazard,crisis_base_rate,inadvertent_use_hazard\n\
                0,1,0.1,0.01,0.1,0.001\n1,1,0.1,0.02,0.2,0.002\n";
    std::fs::write(d.join("posterior.csv"), text).unwrap();
    let out = d.join("p");
    let t = ok(&run(&[
        "paradox",
        "--runs",
        "2",
        "--samples",
        "20",
        "--years",
        "3",
        "--out",
        s(&out),
        "--posterior",
        s(&d),
    ]));
    assert!(t.contains("Parameters drawn by weight from the posterior"), "{t}");
    let v: serde_json::Value = serde_json::from_str(&read(&out, "paradox.json")).unwrap();
    assert_eq!(v["posterior"]["hash"].as_str().unwrap(), lab_hash(text));
    assert!(v["posterior"]["origin"].as_str().unwrap().ends_with("posterior.csv"));
    let cells: serde_json::Value = serde_json::from_str(&read(&out.join("cells"), "manifest.json")).unwrap();
    assert_eq!(cells["spec"]["posterior"]["names"].as_array().unwrap().len(), 3);
    // The discovery sample draws only what its Latin hypercube does not sample.
    let discovery: serde_json::Value = serde_json::from_str(&read(&out.join("discovery"), "manifest.json")).unwrap();
    assert_eq!(discovery["spec"]["posterior"]["names"], serde_json::json!(["inadvertent_use_hazard"]));
    // A posterior that sets a regime lever would override the presets the cells compare.
    std::fs::write(d.join("lever.csv"), "particle,weight,distance,regime.enforcement\n0,1,0.1,0.5\n").unwrap();
    let o = run(&[
        "paradox",
        "--runs",
        "2",
        "--samples",
        "20",
        "--years",
        "3",
        "--out",
        s(&d.join("q")),
        "--posterior",
        s(&d.join("lever.csv")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("regime lever(s) regime.enforcement"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// FNV-1a 64 of a text, as 16 hex digits (written out here independently of the lab crate).
fn lab_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
