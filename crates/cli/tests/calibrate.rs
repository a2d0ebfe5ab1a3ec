//! `deterrence calibrate` end to end at a toy size: the files it writes, a refused non-empty
//! directory, a resume that continues from the checkpoint, shards that write the bytes of one
//! process, and a located spec error (exit 2).

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deterrence")).args(args).output().expect("binary runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("deterrence-calibrate-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const SPEC: &str = r#"schema = 1
[calibration]
name = "tiny"
seed = 3
particles = 6
generations = 2
training_until = 1960
predictive_runs = 3

[[parameters]]
name = "willingness_intercept"
prior = "uniform"
low = -5.0
high = -2.0
"#;

#[test]
fn calibrate_writes_its_files_refuses_a_used_directory_and_resumes() {
    let d = temp_dir("files");
    let spec = d.join("spec.toml");
    std::fs::write(&spec, SPEC).unwrap();
    let out = d.join("out");
    let (s, o) = (spec.to_str().unwrap(), out.to_str().unwrap());
    let first = run(&["calibrate", s, "--out", o, "--threads", "2"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    for f in ["checkpoint.json", "generations.csv", "posterior.csv", "prediction.csv", "calibration.json"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let table = String::from_utf8_lossy(&first.stdout).into_owned();
    assert!(table.contains("willingness_intercept") && table.contains("out-of-sample"), "{table}");
    let generations = std::fs::read_to_string(out.join("generations.csv")).unwrap();
    assert_eq!(generations.lines().count(), 3, "{generations}");
    // The report of the directory: diagnostics, the marginal, the predictive check.
    let report = run(&["report", o]);
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    for part in
        ["Tolerance by generation", "Posterior of willingness_intercept", "Posterior-predictive check", "out of sample"]
    {
        assert!(html.contains(part), "{part} in the report");
    }
    std::fs::remove_file(out.join("report.html")).unwrap();
    // The same directory again is refused; --resume continues (nothing left to do here) and
    // writes the same posterior.
    let again = run(&["calibrate", s, "--out", o]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    let posterior = std::fs::read_to_string(out.join("posterior.csv")).unwrap();
    let resumed = run(&["calibrate", s, "--out", o, "--resume", "--threads", "1"]);
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    assert_eq!(posterior, std::fs::read_to_string(out.join("posterior.csv")).unwrap());
    // A resume with another spec is refused.
    std::fs::write(&spec, SPEC.replace("seed = 3", "seed = 4")).unwrap();
    let other = run(&["calibrate", s, "--out", o, "--resume"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("different spec"));
}

#[test]
fn a_bad_spec_is_located_and_exits_2() {
    let d = temp_dir("bad");
    let spec = d.join("bad.toml");
    std::fs::write(&spec, SPEC.replace("willingness_intercept", "no_such_parameter")).unwrap();
    let o = run(&["calibrate", spec.to_str().unwrap(), "--out", d.join("out").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.toml") && err.contains("parameters[0].name"), "{err}");
}

/// A calibration killed with SIGKILL after its first checkpoint and resumed writes exactly what an
/// uninterrupted calibration writes.
#[test]
fn resume_after_kill_equals_an_uninterrupted_calibration() {
    let d = temp_dir("kill");
    let spec = d.join("spec.toml");
    std::fs::write(
        &spec,
        SPEC.replace("particles = 6", "particles = 24").replace("generations = 2", "generations = 5"),
    )
    .unwrap();
    let s = spec.to_str().unwrap();
    let whole = d.join("whole");
    let first = run(&["calibrate", s, "--out", whole.to_str().unwrap(), "--threads", "1"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let cut = d.join("cut");
    let mut child = Command::new(env!("CARGO_BIN_EXE_deterrence"))
        .args(["calibrate", s, "--out", cut.to_str().unwrap(), "--threads", "1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        // The checkpoint is written after each generation.
        if cut.join("checkpoint.json").is_file() || start.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let _ = child.wait();
    assert!(!cut.join("prediction.csv").exists(), "killed before the end (the prediction is written last)");
    let resumed = run(&["calibrate", s, "--out", cut.to_str().unwrap(), "--resume", "--threads", "2"]);
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    for f in ["generations.csv", "posterior.csv", "prediction.csv"] {
        let (a, b) = (std::fs::read_to_string(whole.join(f)).unwrap(), std::fs::read_to_string(cut.join(f)).unwrap());
        assert!(a == b, "{f}: the resumed calibration differs from the uninterrupted one");
    }
    let _ = std::fs::remove_dir_all(&d);
}

/// Two shards run at the same time in one directory write, through shard 1, exactly the files
/// one process writes; a shard that does not wait stops with the generation incomplete (exit
/// 1), and `--resume` without a shard makes the missing particles and writes the same files.
#[test]
fn shards_write_the_bytes_of_one_process() {
    let d = temp_dir("shards");
    let spec = d.join("spec.toml");
    std::fs::write(&spec, SPEC.replace("particles = 6", "particles = 12")).unwrap();
    let s = spec.to_str().unwrap();
    let whole = d.join("whole");
    let first = run(&["calibrate", s, "--out", whole.to_str().unwrap(), "--threads", "1"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let files = ["checkpoint.json", "generations.csv", "posterior.csv", "prediction.csv", "calibration.json"];
    let same = |dir: &std::path::Path| {
        for f in files {
            let (a, b) = (std::fs::read(whole.join(f)).unwrap(), std::fs::read(dir.join(f)).unwrap());
            assert!(a == b, "{f}: differs from one process's in {}", dir.display());
        }
    };
    let sharded = d.join("sharded");
    let o = sharded.to_str().unwrap();
    let spawn = |k: &str| {
        Command::new(env!("CARGO_BIN_EXE_deterrence"))
            .args(["calibrate", s, "--out", o, "--shard", k, "--wait", "300", "--threads", "1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (one, two) = (spawn("1/2"), spawn("2/2"));
    let (one, two) = (one.wait_with_output().unwrap(), two.wait_with_output().unwrap());
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    assert!(two.status.success(), "{}", String::from_utf8_lossy(&two.stderr));
    assert!(String::from_utf8_lossy(&two.stderr).contains("shard 1 writes the results"));
    assert!(sharded.join("shards/generation-1/shard-2-of-2.json").is_file());
    same(&sharded);
    assert_eq!(one.stdout, first.stdout, "the same summary table");

    let lone = d.join("lone");
    let l = lone.to_str().unwrap();
    let stopped = run(&["calibrate", s, "--out", l, "--shard", "1/2", "--wait", "0"]);
    assert_eq!(stopped.status.code(), Some(1));
    let err = String::from_utf8_lossy(&stopped.stderr);
    assert!(err.contains("shard 1 of 2") && err.contains("those of shard 2 of 2") && err.contains("--resume"), "{err}");
    let finished = run(&["calibrate", s, "--out", l, "--resume", "--threads", "2"]);
    assert!(finished.status.success(), "{}", String::from_utf8_lossy(&finished.stderr));
    same(&lone);
    // --wait needs --shard; a shard past N is refused.
    assert_eq!(run(&["calibrate", s, "--out", l, "--wait", "5"]).status.code(), Some(2));
    assert_eq!(run(&["calibrate", s, "--out", l, "--shard", "3/2"]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&d);
}
