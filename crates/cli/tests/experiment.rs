//! `deterrence experiment | merge | analyze | paradox` through the real binary:
//! determinism across threads, shards merged = unsharded, resume after kill -9 = uninterrupted,
//! malformed specs, and a paradox experiment that can come out either way.

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
    let spec = write_spec(&d, &spec_text(12, 3));
    let (one, two) = (d.join("one"), d.join("two"));
    ok(&run(&["experiment", &spec, "--out", one.to_str().unwrap(), "--threads", "1"]));
    ok(&run(&["experiment", &spec, "--out", two.to_str().unwrap(), "--threads", "2", "--chunk", "5"]));
    assert_eq!(read(&one, "results.csv"), read(&two, "results.csv"));
    assert_eq!(read(&one, "results.jsonl"), read(&two, "results.jsonl"));
    assert_eq!(read(&one, "results.csv").lines().count(), 1 + 12 * 3);
    let m: serde_json::Value = serde_json::from_str(&read(&one, "manifest.json")).unwrap();
    assert_eq!(m["total_runs"], 36);
    assert!(m["rng"].as_str().unwrap().contains("set_stream"));
}

#[test]
fn merged_shards_equal_the_unsharded_run_byte_for_byte() {
    let d = temp_dir("shards");
    let spec = write_spec(&d, &spec_text(10, 2));
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
    assert_eq!(read(&whole, "results.csv"), read(&merged, "results.csv"));
    assert_eq!(read(&whole, "results.jsonl"), read(&merged, "results.jsonl"));
    // A missing shard is an error.
    let o = run(&["merge", a.to_str().unwrap(), b.to_str().unwrap(), "--out", d.join("partial").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn resume_after_kill_equals_an_uninterrupted_run() {
    let d = temp_dir("resume");
    let spec = write_spec(&d, &spec_text(40, 2));
    let whole = d.join("whole");
    ok(&run(&["experiment", &spec, "--out", whole.to_str().unwrap(), "--chunk", "2"]));
    let cut = d.join("cut");
    // Start, kill -9 partway (after some checkpoints), then resume.
    let mut child = bin()
        .args(["experiment", &spec, "--out", cut.to_str().unwrap(), "--chunk", "2", "--threads", "1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let progress = cut.join("progress.json");
    let start = std::time::Instant::now();
    loop {
        let done = std::fs::read_to_string(&progress)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v["points_done"].as_u64())
            .unwrap_or(0);
        if done >= 4 || start.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let _ = child.wait();
    // Also simulate a torn write after the last checkpoint.
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(cut.join("results.csv")).unwrap();
    f.write_all(b"999,,0,9999,garbage").unwrap();
    drop(f);
    // Without --resume the directory is refused.
    let o = run(&["experiment", &spec, "--out", cut.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    ok(&run(&["experiment", &spec, "--out", cut.to_str().unwrap(), "--resume", "--chunk", "3"]));
    assert_eq!(read(&whole, "results.csv"), read(&cut, "results.csv"));
    assert_eq!(read(&whole, "results.jsonl"), read(&cut, "results.jsonl"));
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
        ("unknown-outcome", good.replace("\"crises\"", "\"crisis\""), "experiment.outcomes[3]", "unknown outcome `crisis`"),
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
}

/// The experiment can come out either way: under the organisational lens with accidents
/// possible, regime failure raises the probability of nuclear use (more, younger arsenals with
/// weak command and control); under the deterrence lens without accidents it does not.
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
replications = 200
outcomes = ["any_nuclear_use"]
[design]
kind = "cases"
[[cases]]
name = "strong"
values = {{ regime = "strong", lenses = "{lens}", accident_hazard = {accident} }}
[[cases]]
name = "failed"
values = {{ regime = "failed", lenses = "{lens}", accident_hazard = {accident} }}
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
    // in the transition window) with accidents possible.
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
