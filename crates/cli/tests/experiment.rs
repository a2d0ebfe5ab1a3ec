//! `deterrence experiment | merge | analyze | paradox` through the real binary:
//! determinism across threads, shards merged = unsharded, resume after kill -9 = uninterrupted
//! (results and the recorded series), recording changes no result and agrees with a single
//! `deterrence run`, every uncertain input as factors, malformed specs, and a paradox experiment
//! that can come out either way.

mod common;

use common::{bin, read, run, temp_dir, test_world};
use std::path::Path;
use std::process::Output;

/// A small LHS experiment on the engine's test world.
fn spec_text(samples: u32, reps: u32) -> String {
    format!(
        r#"schema = 1

[experiment]
name = "small"
scenario = "{world}"
years = 15
seed = 99
replications = {reps}
outcomes = ["nuclear_uses", "any_nuclear_use", "wars", "crises", "share_mutually_vulnerable"]

[design]
kind = "lhs"
samples = {samples}

[[parameters]]
name = "accident_hazard"
kind = "real"
low = 0.0
high = 0.2

[[parameters]]
name = "regime"
kind = "categorical"
values = ["strong", "eroded", "failed"]

[[parameters]]
name = "prudence_base"
kind = "real"
low = 1.0
high = 20.0
distribution = "log-uniform"
"#,
        world = test_world().replace('\\', "\\\\")
    )
}

/// The `[record]` table the series tests add to a spec.
const RECORD: &str = r#"
[record]
years = ["nuclear_armed_states", "warheads_total", "crises", "mean_first_strike_stability"]
states = ["warheads", "status", "willingness", "threat", "value", "latency", "survivable_warheads"]
"#;

/// The small LHS experiment recording year and state series.
fn recorded_spec_text(samples: u32, reps: u32) -> String {
    spec_text(samples, reps) + RECORD
}

/// The files a recording experiment writes and that must agree byte for byte.
const FILES: [&str; 4] = ["results.csv", "results.jsonl", "years.csv", "states.csv"];

fn write_spec(dir: &Path, text: &str) -> String {
    let p = dir.join("spec.toml");
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn results_do_not_depend_on_thread_count() {
    let d = temp_dir("threads");
    let spec = write_spec(&d, &recorded_spec_text(12, 3));
    let (one, two) = (d.join("one"), d.join("two"));
    ok(&run(&["experiment", &spec, "--out", one.to_str().unwrap(), "--threads", "1"]));
    ok(&run(&["experiment", &spec, "--out", two.to_str().unwrap(), "--threads", "2", "--chunk", "5"]));
    for f in FILES {
        assert!(read(&one, f) == read(&two, f), "{f} depends on the thread count");
    }
    assert_eq!(read(&one, "results.csv").lines().count(), 1 + 12 * 3);
    let m: serde_json::Value = serde_json::from_str(&read(&one, "manifest.json")).unwrap();
    assert_eq!(m["total_runs"], 36);
    assert!(m["rng"].as_str().unwrap().contains("set_stream"));
}

#[test]
fn merged_shards_equal_the_unsharded_run_byte_for_byte() {
    let d = temp_dir("shards");
    let spec = write_spec(&d, &recorded_spec_text(10, 2));
    let whole = d.join("whole");
    ok(&run(&["experiment", &spec, "--out", whole.to_str().unwrap()]));
    let (a, b, c) = (d.join("s1"), d.join("s2"), d.join("s3"));
    for (k, dir) in [(1, &a), (2, &b), (3, &c)] {
        ok(&run(&["experiment", &spec, "--out", dir.to_str().unwrap(), "--shard", &format!("{k}/3")]));
    }
    let merged = d.join("merged");
    ok(&run(&[
        "merge",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
        "--out",
        merged.to_str().unwrap(),
    ]));
    for f in FILES {
        assert!(read(&whole, f) == read(&merged, f), "{f}: merged shards differ from the unsharded run");
    }
    assert!(a.join("years-shard-1-of-3.csv").is_file() && c.join("states-shard-3-of-3.csv").is_file());
    assert_eq!(read(&whole, "years.csv").lines().count(), 1 + 10 * 2 * 15);
    // A missing shard is an error.
    let o = run(&["merge", a.to_str().unwrap(), b.to_str().unwrap(), "--out", d.join("partial").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

/// Starts `deterrence ARGS`, waits until the checkpoint `progress` counts at least `points`
/// design points done (at most 60 s), then kills it with SIGKILL.
fn kill_after_points(args: &[&str], progress: &Path, points: u64) {
    let mut child =
        bin().args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let start = std::time::Instant::now();
    loop {
        let done = std::fs::read_to_string(progress)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v["points_done"].as_u64())
            .unwrap_or(0);
        if done >= points || start.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let _ = child.wait();
}

#[test]
fn resume_after_kill_equals_an_uninterrupted_run() {
    let d = temp_dir("resume");
    let spec = write_spec(&d, &recorded_spec_text(40, 2));
    let whole = d.join("whole");
    ok(&run(&["experiment", &spec, "--out", whole.to_str().unwrap(), "--chunk", "2"]));
    let cut = d.join("cut");
    // Start, kill -9 partway (after some checkpoints), then resume.
    let args = ["experiment", &spec, "--out", cut.to_str().unwrap(), "--chunk", "2", "--threads", "1"];
    kill_after_points(&args, &cut.join("progress.json"), 4);
    // Also simulate a torn write after the last checkpoint.
    use std::io::Write;
    for f in ["results.csv", "years.csv", "states.csv"] {
        let mut f = std::fs::OpenOptions::new().append(true).open(cut.join(f)).unwrap();
        f.write_all(b"999,,0,9999,garbage").unwrap();
    }
    // Without --resume the directory is refused.
    let o = run(&["experiment", &spec, "--out", cut.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    ok(&run(&["experiment", &spec, "--out", cut.to_str().unwrap(), "--resume", "--chunk", "3"]));
    for f in FILES {
        assert!(read(&whole, f) == read(&cut, f), "{f}: the resumed run differs from the uninterrupted run");
    }
}

/// A shard killed with SIGKILL at several points (after 1, 3 and 6 checkpointed points of its
/// own), each time with a torn write after its checkpoint, resumes; the merged shards are the
/// bytes of an unsharded run.
#[test]
fn killed_shards_resume_and_merge_to_the_uninterrupted_run() {
    let d = temp_dir("shard-kill");
    let spec = write_spec(&d, &recorded_spec_text(40, 2));
    let whole = d.join("whole");
    ok(&run(&["experiment", &spec, "--out", whole.to_str().unwrap(), "--chunk", "2"]));
    let shards = d.join("shards");
    for (k, stop_after) in [(1, 1u64), (2, 3), (3, 6)] {
        let shard = format!("{k}/3");
        let progress = shards.join(format!("progress-shard-{k}-of-3.json"));
        let args = ["experiment", &spec, "--out", shards.to_str().unwrap(), "--shard", &shard, "--chunk", "1"];
        kill_after_points(&[&args[..], &["--threads", "1"]].concat(), &progress, stop_after);
        let checkpoint: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&progress).unwrap()).unwrap();
        assert_eq!(checkpoint["complete"], false, "shard {k} finished before it was killed: {checkpoint}");
        use std::io::Write;
        let csv = shards.join(format!("results-shard-{k}-of-3.csv"));
        let mut f = std::fs::OpenOptions::new().append(true).open(&csv).unwrap();
        f.write_all(b"7,,1,15,torn").unwrap();
        // Resuming drops the torn write and completes the shard.
        ok(&run(&["experiment", &spec, "--out", shards.to_str().unwrap(), "--shard", &shard, "--resume"]));
    }
    let merged = d.join("merged");
    ok(&run(&["merge", shards.to_str().unwrap(), "--out", merged.to_str().unwrap()]));
    for f in FILES {
        assert!(
            read(&whole, f) == read(&merged, f),
            "{f}: killed, resumed and merged shards differ from the whole run"
        );
    }
}

/// Parses CSV text into its header and rows.
fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r.records().map(|row| row.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn recording_changes_no_result() {
    let d = temp_dir("record-same");
    let (plain, recorded) = (d.join("plain"), d.join("recorded"));
    ok(&run(&["experiment", &write_spec(&d, &spec_text(8, 2)), "--out", plain.to_str().unwrap()]));
    ok(&run(&["experiment", &write_spec(&d, &recorded_spec_text(8, 2)), "--out", recorded.to_str().unwrap()]));
    assert_eq!(read(&plain, "results.csv"), read(&recorded, "results.csv"));
    assert_eq!(read(&plain, "results.jsonl"), read(&recorded, "results.jsonl"));
    assert!(!plain.join("years.csv").exists() && !plain.join("states.csv").exists());
    // The analysis reads a recording experiment like any other.
    ok(&run(&["analyze", recorded.to_str().unwrap()]));
}

/// The series agree with each other and with a single `deterrence run` of the same settings
/// and seed (run 0 of an experiment is `deterrence run` with the same flags).
#[test]
fn series_agree_with_a_single_run() {
    let d = temp_dir("record-run");
    let text = format!(
        r#"schema = 1
[experiment]
name = "one-case"
scenario = "{world}"
years = 20
seed = 4242
replications = 3
outcomes = ["crises"]
[design]
kind = "cases"
[[cases]]
name = "hazardous"
values = {{ accident_hazard = 0.05, regime = "failed" }}
{RECORD}"#,
        world = test_world().replace('\\', "\\\\")
    );
    let out = d.join("exp");
    ok(&run(&["experiment", &write_spec(&d, &text), "--out", out.to_str().unwrap()]));
    let single = d.join("single");
    ok(&run(&[
        "run",
        &test_world(),
        "--seed",
        "4242",
        "--years",
        "20",
        "--param",
        "accident_hazard=0.05",
        "--regime",
        "failed",
        "--out",
        single.to_str().unwrap(),
    ]));
    let (sh, srows) = table(&read(&single, "years.csv"));
    let (yh, yrows) = table(&read(&out, "years.csv"));
    let (th, trows) = table(&read(&out, "states.csv"));
    assert_eq!(yrows.len(), 3 * 20);
    let run0: Vec<&Vec<String>> = yrows.iter().filter(|r| r[column(&yh, "run")] == "0").collect();
    assert_eq!(run0.len(), srows.len());
    for (e, s) in run0.iter().zip(&srows) {
        for name in ["year", "nuclear_armed_states", "warheads_total", "crises", "mean_first_strike_stability"] {
            assert_eq!(e[column(&yh, name)], s[column(&sh, name)], "{name} in year {}", s[column(&sh, "year")]);
        }
    }
    // Per run-year: states with status `possessing` number the armed states; warheads add up.
    for y in &yrows {
        let key = |r: &Vec<String>, h: &[String]| (r[column(h, "run")].clone(), r[column(h, "year")].clone());
        let rows: Vec<&Vec<String>> = trows.iter().filter(|t| key(t, &th) == key(y, &yh)).collect();
        assert!(!rows.is_empty());
        let armed = rows.iter().filter(|t| t[column(&th, "status")] == "possessing").count();
        assert_eq!(armed.to_string(), y[column(&yh, "nuclear_armed_states")], "{:?}", key(y, &yh));
        let warheads: f64 = rows.iter().map(|t| t[column(&th, "warheads")].parse::<f64>().unwrap()).sum();
        let total: f64 = y[column(&yh, "warheads_total")].parse().unwrap();
        assert!((warheads - total).abs() <= 1e-9 * total.max(1.0), "{:?}: {warheads} vs {total}", key(y, &yh));
    }
}

/// `inputs.uncertain` on a built-in scenario: one column per uncertain input (the paths
/// `deterrence inputs` lists), each value within its range; sharded and merged = unsharded;
/// analysed like any experiment.
#[test]
fn every_uncertain_input_as_a_factor() {
    let d = temp_dir("every-input");
    let text = r#"schema = 1
[experiment]
name = "every-input"
scenario = "south-asia"
years = 5
seed = 3
replications = 1
outcomes = ["crises", "nuclear_uses"]
[design]
kind = "lhs"
samples = 6
[[parameters]]
name = "inputs.uncertain"
kind = "real"
distribution = "triangular"
"#;
    let spec = write_spec(&d, text);
    let whole = d.join("whole");
    ok(&run(&["experiment", &spec, "--out", whole.to_str().unwrap()]));
    let o = run(&["inputs", "south-asia", "--format", "json"]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let inputs = v["inputs"].as_array().unwrap();
    let (header, rows) = table(&read(&whole, "results.csv"));
    let paths: Vec<&str> = inputs.iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(header[4..4 + paths.len()], paths[..]);
    assert_eq!(rows.len(), 6);
    for row in &rows {
        for (k, input) in inputs.iter().enumerate() {
            let x: f64 = row[4 + k].parse().unwrap();
            let (lo, hi) = (input["low"].as_f64().unwrap(), input["high"].as_f64().unwrap());
            assert!((lo..=hi).contains(&x), "{}: {x} outside [{lo}, {hi}]", paths[k]);
        }
    }
    let (s1, s2) = (d.join("s1"), d.join("s2"));
    ok(&run(&["experiment", &spec, "--out", s1.to_str().unwrap(), "--shard", "1/2"]));
    ok(&run(&["experiment", &spec, "--out", s2.to_str().unwrap(), "--shard", "2/2"]));
    let merged = d.join("merged");
    ok(&run(&["merge", s1.to_str().unwrap(), s2.to_str().unwrap(), "--out", merged.to_str().unwrap()]));
    assert_eq!(read(&whole, "results.csv"), read(&merged, "results.csv"));
    ok(&run(&["analyze", merged.to_str().unwrap()]));
    // The manifest holds the expanded parameters; the merged one the same spec.
    let m: serde_json::Value = serde_json::from_str(&read(&whole, "manifest.json")).unwrap();
    let mm: serde_json::Value = serde_json::from_str(&read(&merged, "manifest.json")).unwrap();
    assert_eq!(m["spec"], mm["spec"]);
    assert_eq!(m["spec"]["parameters"].as_array().unwrap().len(), paths.len());
    assert_eq!(m["spec"]["parameters"][0]["name"], paths[0]);
}

#[test]
fn malformed_specs_exit_2_naming_file_line_and_field() {
    let d = temp_dir("bad");
    let good = spec_text(8, 1);
    let cases = [
        ("unknown-param", good.replace("name = \"accident_hazard\"", "name = \"accident_rate\""), "parameters[0].name", "unknown parameter `accident_rate`"),
        ("empty-range", good.replace("low = 0.0\nhigh = 0.2", "low = 0.2\nhigh = 0.2"), "parameters[0].high", "empty range"),
        ("unknown-lens", good.replace("values = [\"strong\", \"eroded\", \"failed\"]", "values = [\"strong\"]\n\n[[parameters]]\nname = \"lenses\"\nkind = \"categorical\"\nvalues = [\"realism\"]"), "parameters[2].values[0]", "unknown value `realism`"),
        ("sobol-small", good.replace("kind = \"lhs\"\nsamples = 8", "kind = \"sobol\"\nsamples = 4"), "design.samples", "sample size too small"),
        ("unknown-field", good.replace("seed = 99", "seed = 99\nsed = 1"), "experiment", "unknown field `sed`"),
        ("second-order-lhs", good.replace("samples = 8", "samples = 8\nsecond_order = true"), "design.second_order", "need a `sobol` design"),
        ("noise-target", good.clone() + "\n[analysis]\nnoise_target = 1.5\n", "analysis.noise_target", "strictly between 0 and 1"),
        ("unknown-outcome", good.replace("\"crises\"", "\"crisis\""), "experiment.outcomes[3]", "unknown outcome `crisis`"),
        ("unknown-year-series", good.clone() + "\n[record]\nyears = [\"crises\", \"crisis\"]\n", "record.years[1]", "unknown year series `crisis`; known: nuclear_armed_states"),
        ("unknown-state-series", good.clone() + "\n[record]\nstates = [\"belief\"]\n", "record.states[0]", "unknown state series `belief`; known: warheads"),
        ("uncertain-inputs-with-bounds", good.replace("name = \"prudence_base\"", "name = \"inputs.uncertain\""), "parameters[2].low", "leave `low` out"),
    ];
    for (name, text, field, message) in cases {
        let path = d.join(format!("{name}.toml"));
        std::fs::write(&path, &text).unwrap();
        let o = run(&["experiment", path.to_str().unwrap(), "--out", d.join(name).to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(field), "{name}: field {field} not in {err}");
        assert!(err.contains(message), "{name}: message {message} not in {err}");
        assert!(err.contains(&format!("{}:", path.display())), "{name}: no file:line in {err}");
    }
}

#[test]
fn analyze_reports_summaries_and_prim() {
    let d = temp_dir("analyze");
    let spec = write_spec(&d, &spec_text(40, 2));
    let out = d.join("out");
    ok(&run(&["experiment", &spec, "--out", out.to_str().unwrap()]));
    let o = run(&["analyze", out.to_str().unwrap(), "--format", "json"]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "analysis");
    assert_eq!(v["points"].as_array().unwrap().len(), 40);
    assert!(out.join("summary.csv").exists() && out.join("analysis.json").exists());
    // PRIM: the whole trajectory by index, the chosen box and its pasted version; a box picked
    // by index is reported instead; an index beyond the trajectory is an input error.
    let boxes = v["prim"]["result"]["trajectory"].as_array().unwrap().len();
    assert_eq!(v["prim"]["selected"], v["prim"]["result"]["chosen"]);
    assert!(v["prim"]["pasted"].is_object());
    // Quasi-p-values: one entry per restricted input of the selected box, each a probability.
    let selected = v["prim"]["selected"].as_u64().unwrap() as usize;
    let restricted = v["prim"]["result"]["trajectory"][selected]["restricted"].as_array().unwrap().len();
    let qp = v["prim"]["quasi_p"].as_array().unwrap();
    assert_eq!(qp.len(), restricted);
    for q in qp {
        for side in ["lower", "upper"] {
            if let Some(p) = q[side].as_f64() {
                assert!((0.0..=1.0).contains(&p), "{q}");
            }
        }
    }
    // CART: leaves that partition the runs.
    let leaves = v["cart"]["result"]["leaves"].as_array().unwrap();
    let mass: f64 = leaves.iter().map(|b| b["mass"].as_f64().unwrap()).sum();
    assert!((mass - 1.0).abs() < 1e-9, "{leaves:?}");
    // Feature scores: per scored outcome, one score per parameter, summing to 1.
    let f = &v["feature_scores"];
    let params = f["columns"].as_array().unwrap().len();
    assert!(params > 0 && !f["outcomes"].as_array().unwrap().is_empty(), "{f}");
    for s in f["scores"].as_array().unwrap() {
        let s: Vec<f64> = s.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        assert_eq!(s.len(), params);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{s:?}");
    }
    let table = String::from_utf8(run(&["analyze", out.to_str().unwrap()]).stdout).unwrap();
    assert!(table.contains("Feature scores (extra trees on 40 design points"), "{table}");
    assert!(table.contains("CART leaves for `"), "{table}");
    if restricted > 0 {
        assert!(table.contains("(qp "), "{table}");
    }
    assert!(table.contains("pick one with --prim-box INDEX"), "{table}");
    assert!(table.contains("after pasting"), "{table}");
    assert_eq!(table.lines().filter(|l| l.contains("  <- chosen")).count(), 1, "{table}");
    let last = (boxes - 1).to_string();
    let picked = run(&["analyze", out.to_str().unwrap(), "--prim-box", &last]);
    ok(&picked);
    let picked = String::from_utf8(picked.stdout).unwrap();
    assert!(picked.contains(&format!("box {last} bounds")), "{picked}");
    let o = run(&["analyze", out.to_str().unwrap(), "--prim-box", &boxes.to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not exist"));
}

/// A Sobol' design with second-order indices: with replications, `analyze` reports the noise
/// share of the replication mean and the replications that bring it to the target; with one
/// replication it says the noise cannot be estimated and bounds it.
#[test]
fn analyze_reports_second_order_indices_and_the_noise_share() {
    let d = temp_dir("sobol-noise");
    for reps in [1, 3] {
        let text = spec_text(8, reps)
            .replace("kind = \"lhs\"\nsamples = 8", "kind = \"sobol\"\nsamples = 8\nsecond_order = true");
        let spec = write_spec(&d, &text);
        let out = d.join(format!("out-{reps}"));
        ok(&run(&["experiment", &spec, "--out", out.to_str().unwrap()]));
        let o = run(&["analyze", out.to_str().unwrap(), "--format", "json"]);
        ok(&o);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        // 8 base rows × (2 × 3 factors + 2).
        assert_eq!(v["points"].as_array().unwrap().len(), 64);
        let sobol = v["sobol"].as_array().unwrap();
        assert!(!sobol.is_empty());
        for s in sobol {
            assert_eq!(s["indices"]["s2"].as_array().unwrap().len(), 3, "{s}");
            assert!(s["noise"]["share_bound"].is_number());
        }
        let table = String::from_utf8(run(&["analyze", out.to_str().unwrap()]).stdout).unwrap();
        assert!(table.contains("second order S2 ± CI"), "{table}");
        assert!(table.contains("accident_hazard × regime"), "{table}");
        if reps == 1 {
            assert!(sobol.iter().all(|s| s["noise"]["decomposition"].is_null()));
            assert!(table.contains("one replication per point: the model's own noise cannot be estimated"), "{table}");
        } else {
            assert!(sobol.iter().any(|s| s["noise"]["decomposition"]["within"].as_f64().is_some_and(|w| w > 0.0)));
            assert!(table.contains("of a single run's variance is the model's own randomness"), "{table}");
        }
    }
}

/// The experiment can come out either way: under the organisational lens with accidents
/// possible, regime failure raises the probability of nuclear use (more, younger arsenals with
/// weak command and control); under the deterrence lens without accidents it does not. The
/// false-warning channel (`inadvertent_use_hazard`) is held at 0 so that `accident_hazard`
/// alone sets how often use comes without a choice.
#[test]
fn the_paradox_can_come_out_either_way() {
    let d = temp_dir("either-way");
    let effect = |lens: &str, accident: f64| -> (f64, f64, f64) {
        let text = format!(
            r#"schema = 1
[experiment]
name = "either-way"
scenario = "world-2025"
years = 50
seed = 7
replications = 800
outcomes = ["any_nuclear_use"]
[design]
kind = "cases"
[[cases]]
name = "strong"
values = {{ regime = "strong", lenses = "{lens}", accident_hazard = {accident}, inadvertent_use_hazard = 0 }}
[[cases]]
name = "failed"
values = {{ regime = "failed", lenses = "{lens}", accident_hazard = {accident}, inadvertent_use_hazard = 0 }}
"#
        );
        let dir = d.join(format!("{lens}-{accident}"));
        std::fs::create_dir_all(&dir).unwrap();
        let spec = write_spec(&dir, &text);
        ok(&run(&["experiment", &spec, "--out", dir.join("out").to_str().unwrap()]));
        let csv = read(&dir.join("out"), "results.csv");
        let mut strong = Vec::new();
        let mut failed = Vec::new();
        for line in csv.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let v: f64 = f.last().unwrap().parse().unwrap();
            if f[1] == "strong" { strong.push(v) } else { failed.push(v) }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let (ps, pf) = (mean(&strong), mean(&failed));
        // Standard error of the difference of two proportions.
        let se = (ps * (1.0 - ps) / strong.len() as f64 + pf * (1.0 - pf) / failed.len() as f64).sqrt();
        (ps, pf, se)
    };
    // Organisational lens (accident hazard ×5, weak command and control in new arsenals, strikes
    // in the transition window) with accidents possible. 800 replications: at the estimated
    // preventive-strike rate the effect is about 0.12 (0.36 against 0.47), too close to two
    // standard errors at 200.
    let (s, f, se) = effect("organisational", 0.003);
    assert!(
        f - s > 2.0 * se,
        "organisational, accidents: failure should raise nuclear use: strong {s}, failed {f}, se {se}"
    );
    let (s, f, se) = effect("deterrence", 0.0);
    assert!(
        f - s < 2.0 * se.max(0.01),
        "deterrence, no accidents: failure should not raise nuclear use: strong {s}, failed {f}, se {se}"
    );
}
