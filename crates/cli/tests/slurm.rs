//! Slurm job arrays through the real binary: array tasks take their shard from the array's
//! environment and write to their own subdirectory, merged = unsharded byte for byte; a step
//! other than 1 is an error; an explicit `--shard` wins and the disagreement is reported; the
//! merge names missing and incomplete shards; `deterrence slurm` writes scripts that parse
//! (`bash -n`), carry the key lines, and, run by bash as Slurm would run them, give the bytes of
//! an unsharded run. (`scripts/slurm-test` runs them on a real Slurm.)

mod common;

use common::{bin, read, run, temp_dir, test_world};
use std::path::Path;
use std::process::Output;

/// A small LHS experiment on the engine's test world, recording series.
fn spec_text() -> String {
    format!(
        r#"schema = 1

[experiment]
name = "arrayed"
scenario = "{world}"
years = 12
seed = 7
replications = 2
outcomes = ["nuclear_uses", "wars", "crises"]

[design]
kind = "lhs"
samples = 8

[[parameters]]
name = "accident_hazard"
kind = "real"
low = 0.0
high = 0.2

[[parameters]]
name = "regime"
kind = "categorical"
values = ["strong", "failed"]

[record]
years = ["crises", "warheads_total"]
states = ["warheads", "status"]
"#,
        world = test_world().replace('\\', "\\\\")
    )
}

const FILES: [&str; 4] = ["results.csv", "results.jsonl", "years.csv", "states.csv"];

fn write_spec(dir: &Path) -> String {
    let p = dir.join("spec.toml");
    std::fs::write(&p, spec_text()).unwrap();
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `deterrence ARGS` as task `id` of an array of `count` tasks starting at `min`.
fn array_task(args: &[&str], id: usize, min: usize, count: usize, step: usize) -> Output {
    bin()
        .args(args)
        .env("SLURM_ARRAY_TASK_ID", id.to_string())
        .env("SLURM_ARRAY_TASK_MIN", min.to_string())
        .env("SLURM_ARRAY_TASK_COUNT", count.to_string())
        .env("SLURM_ARRAY_TASK_STEP", step.to_string())
        .output()
        .unwrap()
}

fn same_files(a: &Path, b: &Path) {
    for f in FILES {
        assert!(read(a, f) == read(b, f), "{f}: {} differs from {}", a.display(), b.display());
    }
}

#[test]
fn array_tasks_write_subdirectories_that_merge_into_the_unsharded_bytes() {
    let d = temp_dir("slurm-array");
    let spec = write_spec(&d);
    let whole = d.join("whole");
    ok(&run(&["experiment", &spec, "--out", whole.to_str().unwrap()]));
    let arr = d.join("arr");
    let args = ["experiment", &spec, "--out", arr.to_str().unwrap(), "--resume"];
    // An array 10-12: tasks 10 and 11 (shards 1 and 2 of 3) first.
    for id in [10, 11] {
        ok(&array_task(&args, id, 10, 3, 1));
    }
    assert!(arr.join("shard-1-of-3").join("results-shard-1-of-3.csv").is_file());
    assert!(arr.join("shard-2-of-3").join("states-shard-2-of-3.csv").is_file());
    // Shard 3 missing: the merge refuses and names it.
    let o = run(&["merge", arr.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("missing shard 3 of 3"), "{}", stderr(&o));
    ok(&array_task(&args, 12, 10, 3, 1));
    // An incomplete shard is refused and named.
    let progress = arr.join("shard-2-of-3").join("progress-shard-2-of-3.json");
    let text = std::fs::read_to_string(&progress).unwrap();
    std::fs::write(&progress, text.replace("\"complete\": true", "\"complete\": false")).unwrap();
    let o = run(&["merge", arr.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("shard 2 of 3 in") && stderr(&o).contains("incomplete"), "{}", stderr(&o));
    std::fs::write(&progress, text).unwrap();
    // All there: merged into the experiment directory itself, the bytes of the unsharded run.
    ok(&run(&["merge", arr.to_str().unwrap()]));
    same_files(&whole, &arr);
    ok(&run(&["analyze", arr.to_str().unwrap()]));
    // A rerun of a finished task (requeued after it completed) says so and changes nothing.
    let o = array_task(&args, 11, 10, 3, 1);
    ok(&o);
    assert!(stderr(&o).contains("shard-2-of-3: 6 of 6 runs already done"), "{}", stderr(&o));
    ok(&run(&["merge", arr.to_str().unwrap()]));
    same_files(&whole, &arr);
}

#[test]
fn a_step_other_than_one_is_an_error_and_an_explicit_shard_wins() {
    let d = temp_dir("slurm-step");
    let spec = write_spec(&d);
    let out = d.join("out");
    let o = array_task(&["experiment", &spec, "--out", out.to_str().unwrap()], 3, 1, 4, 2);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("step 2"), "{}", stderr(&o));
    // An explicit shard wins; the disagreement is reported; the shard goes to its subdirectory.
    let o = array_task(&["experiment", &spec, "--out", out.to_str().unwrap(), "--shard", "2/4"], 1, 1, 4, 1);
    ok(&o);
    assert!(stderr(&o).contains("--shard 2/4 differs from the Slurm array task's shard 1/4"), "{}", stderr(&o));
    assert!(out.join("shard-2-of-4").join("results-shard-2-of-4.csv").is_file());
}

/// `deterrence slurm` on the test spec into `out`, with `extra` flags.
fn slurm(spec: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["slurm", spec, "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn slurm_writes_an_array_script_and_a_merge_script() {
    let d = temp_dir("slurm-scripts");
    let spec = write_spec(&d);
    let exp = d.join("exp");
    let o = slurm(
        &spec,
        &exp,
        &[
            "--tasks",
            "4",
            "--cpus",
            "2",
            "--partition",
            "short",
            "--time",
            "0:30:00",
            "--mem",
            "2G",
            "--setup",
            "module load gcc",
        ],
    );
    ok(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("8 design points, 16 runs; 4 array tasks of at most 4 runs on 2 CPUs each"), "{stdout}");
    assert!(stdout.contains("array=$(sbatch --parsable "), "{stdout}");
    assert!(stdout.contains("sbatch --parsable --dependency=afterok:${array%%;*} "), "{stdout}");
    let scripts = exp.join("slurm");
    let array = read(&scripts, "array.sbatch");
    let exp_text = exp.to_string_lossy();
    for line in [
        "#!/bin/bash",
        "#SBATCH --job-name=arrayed",
        "#SBATCH --array=1-4",
        "#SBATCH --cpus-per-task=2",
        "#SBATCH --requeue",
        "#SBATCH --partition=short",
        "#SBATCH --time=0:30:00",
        "#SBATCH --mem=2G",
        &format!("#SBATCH --output={exp_text}/slurm/logs/task-%a.log"),
        "module load gcc",
    ] {
        assert!(array.lines().any(|l| l == line), "array.sbatch lacks `{line}`:\n{array}");
    }
    assert!(
        array.contains(&format!(" experiment {spec} --out {exp_text} --shard \"${{SLURM_ARRAY_TASK_ID}}/4\"")),
        "{array}"
    );
    // The default chunk is the experiment command's: 16 points, or enough points for 512 runs
    // (2 replications: 256 points).
    assert!(array.contains("--threads \"${SLURM_CPUS_PER_TASK:-2}\" --chunk 256 --resume"), "{array}");
    let merge = read(&scripts, "merge.sbatch");
    for line in [
        "#SBATCH --job-name=arrayed-merge",
        "#SBATCH --kill-on-invalid-dep=yes",
        &format!("#SBATCH --output={exp_text}/slurm/logs/merge.log"),
    ] {
        assert!(merge.lines().any(|l| l == line), "merge.sbatch lacks `{line}`:\n{merge}");
    }
    assert!(merge.contains(&format!(" merge {exp_text} --out {exp_text}\n")), "{merge}");
    for script in ["array.sbatch", "merge.sbatch"] {
        let o = std::process::Command::new("bash").arg("-n").arg(scripts.join(script)).output().unwrap();
        assert!(o.status.success(), "bash -n {script}: {}", stderr(&o));
    }
    assert!(scripts.join("logs").is_dir());
    // More tasks than design points is refused.
    let o = slurm(&spec, &d.join("too-many"), &["--tasks", "9"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("at most 8 tasks"), "{}", stderr(&o));
}

#[test]
fn the_scripts_run_as_slurm_runs_them_give_the_unsharded_bytes() {
    let d = temp_dir("slurm-bash");
    let spec = write_spec(&d);
    let whole = d.join("whole");
    ok(&run(&["experiment", &spec, "--out", whole.to_str().unwrap()]));
    let exp = d.join("exp");
    ok(&slurm(&spec, &exp, &["--tasks", "3"]));
    let scripts = exp.join("slurm");
    for k in 1..=3 {
        let o = std::process::Command::new("bash")
            .arg(scripts.join("array.sbatch"))
            .env("SLURM_ARRAY_TASK_ID", k.to_string())
            .env("SLURM_ARRAY_TASK_MIN", "1")
            .env("SLURM_ARRAY_TASK_COUNT", "3")
            .env("SLURM_ARRAY_TASK_STEP", "1")
            .env("SLURM_CPUS_PER_TASK", "1")
            .output()
            .unwrap();
        ok(&o);
    }
    ok(&std::process::Command::new("bash").arg(scripts.join("merge.sbatch")).output().unwrap());
    same_files(&whole, &exp);
}

#[test]
fn a_shard_checks_its_own_design_points_only() {
    let d = temp_dir("slurm-checks");
    let spec = d.join("cases.toml");
    std::fs::write(
        &spec,
        format!(
            r#"schema = 1

[experiment]
name = "checks"
scenario = "{world}"
years = 5
seed = 1
replications = 1
outcomes = ["wars"]

[design]
kind = "cases"

[[cases]]
name = "fine"
values = {{ regime = "strong" }}

[[cases]]
name = "broken"
values = {{ "states.AAA.command_control_quality" = 7.0 }}
"#,
            world = test_world().replace('\\', "\\\\")
        ),
    )
    .unwrap();
    let spec = spec.to_str().unwrap();
    // In an array of 2 the task holding point 0 runs; the one holding point 1 names it.
    let out = d.join("arr");
    let args = ["experiment", spec, "--out", out.to_str().unwrap()];
    ok(&array_task(&args, 1, 1, 2, 1));
    let o = array_task(&args, 2, 1, 2, 1);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("design point 1: states.AAA.command_control_quality"), "{}", stderr(&o));
    // The whole experiment checks every point before writing anything.
    let whole = d.join("whole");
    let o = run(&["experiment", spec, "--out", whole.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!whole.join("results.csv").exists());
}
