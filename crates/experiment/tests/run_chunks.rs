//! Chunks of runs that split a point's replications write the same bytes as whole points: for
//! one point with many replications, many points with one replication and a mix, on one and
//! two threads, interrupted and resumed inside a point (also from a checkpoint written before
//! checkpoints counted runs), and sharded and merged.

use experiment::design::{Plan, plan};
use experiment::spec::{Spec, parse_spec};
use experiment::store::{Headers, Progress, ShardRuns, csv_rows, jsonl_rows, series_rows};
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("deterrence-run-chunks-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

const FILES: [&str; 4] = ["results.csv", "results.jsonl", "years.csv", "states.csv"];

const HEAD: &str = r#"schema = 1

[experiment]
name = "chunks"
scenario = "south-asia"
years = 6
seed = 77
outcomes = ["nuclear_uses", "crises", "acquisitions", "nuclear_armed_states_end"]

[record]
years = ["nuclear_armed_states", "warheads_total", "crises"]
states = ["status", "warheads", "willingness"]
"#;

/// One case with 13 replications.
fn one_point_many_runs() -> Spec {
    let text = format!(
        "{HEAD}\n[design]\nkind = \"cases\"\n\n[[cases]]\nname = \"failed\"\nvalues = {{ regime = \"failed\" }}\n"
    );
    parse_spec(&text.replace("outcomes", "replications = 13\noutcomes"), "one.toml").unwrap()
}

/// An LHS of `samples` points with `replications` each.
fn lhs(samples: u32, replications: u32) -> Spec {
    let text = format!(
        "{HEAD}\n[design]\nkind = \"lhs\"\nsamples = {samples}\n\n[[parameters]]\nname = \"accident_hazard\"\nkind = \"real\"\nlow = 0.0\nhigh = 0.2\n"
    );
    parse_spec(&text.replace("outcomes", &format!("replications = {replications}\noutcomes")), "lhs.toml").unwrap()
}

/// Two points with 6 replications each, every run drawing its parameters from a posterior of
/// three particles.
fn with_posterior() -> Spec {
    let text = "particle,weight,distance,inadvertent_use_hazard,accident_hazard\n0,1,0,0.001,0.01\n1,2,0,0.004,0.05\n2,1,0,0.002,0.1\n";
    Spec { posterior: Some(lab::Posterior::from_csv(text, "posterior.csv").unwrap()), ..lhs(2, 6) }
}

fn designs() -> Vec<(&'static str, Spec)> {
    vec![
        ("one-point", one_point_many_runs()),
        ("one-run-each", lhs(9, 1)),
        ("mixed", lhs(4, 5)),
        ("posterior", with_posterior()),
    ]
}

fn loaded() -> lab::Loaded {
    lab::Loaded::builtin("south-asia").unwrap()
}

/// Runs (or resumes) `shard` of `spec` into `dir`, `runs` runs a chunk, on `threads` threads,
/// calling `progress` after each chunk.
#[allow(clippy::too_many_arguments)]
fn execute(
    spec: &Spec,
    plan: &Plan,
    dir: &Path,
    shard: Option<(usize, usize)>,
    resume: bool,
    runs: u64,
    threads: usize,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<u64, experiment::ExperimentError> {
    let scenario = loaded().scenario;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    pool.install(|| experiment::execute_runs(spec, &scenario, plan, dir, shard, resume, runs, progress))
}

/// The files of the whole design computed as one batch of whole points (the runner's
/// `run_points`) and written without the store's chunk loop.
fn expected(spec: &Spec, plan: &Plan) -> Vec<Vec<u8>> {
    let points: Vec<_> = plan.points.iter().collect();
    let records = experiment::runner::run_points(spec, &loaded().scenario, plan, &points).unwrap();
    let headers = Headers::new(spec, plan);
    let with_header = |header: &[String], rows: Vec<u8>| {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(header).unwrap();
        let mut bytes = w.into_inner().unwrap();
        bytes.extend(rows);
        bytes
    };
    use experiment::store::Series;
    vec![
        with_header(&headers.results, csv_rows(&records)),
        jsonl_rows(&records),
        with_header(headers.years.as_deref().unwrap(), series_rows(Series::Years, &records)),
        with_header(headers.states.as_deref().unwrap(), series_rows(Series::States, &records)),
    ]
}

fn assert_files(expected: &[Vec<u8>], dir: &Path, what: &str) {
    for (file, bytes) in FILES.iter().zip(expected) {
        assert!(&read(dir, file) == bytes, "{what}: {file} differs from the run of whole points");
    }
}

#[test]
fn every_chunk_size_and_thread_count_writes_the_bytes_of_whole_points() {
    let d = temp_dir("sizes");
    for (name, spec) in designs() {
        let plan = plan(&spec).unwrap();
        let want = expected(&spec, &plan);
        let total = plan.points.len() as u64 * u64::from(spec.experiment.replications);
        for (runs, threads) in [(u64::MAX, 1), (1, 2), (3, 1), (3, 2), (7, 2), (total - 1, 2)] {
            let dir = d.join(format!("{name}-{runs}-{threads}"));
            let mut calls = Vec::new();
            let n = execute(&spec, &plan, &dir, None, false, runs, threads, &mut |done, all| calls.push((done, all)))
                .unwrap();
            assert_eq!(n, total);
            assert_files(&want, &dir, &format!("{name}, {runs} runs a chunk, {threads} threads"));
            // One report before the first chunk and one after each: chunks of `runs` runs.
            let chunk = runs.min(total);
            let mut at: Vec<u64> = (0..total).step_by(usize::try_from(chunk).unwrap()).collect();
            at.push(total);
            assert_eq!(calls, at.iter().map(|&r| (r, total)).collect::<Vec<_>>(), "{name}, {runs} runs a chunk");
            let p: Progress = serde_json::from_slice(&read(&dir, "progress.json")).unwrap();
            assert_eq!((p.runs_done, p.points_done, p.complete), (Some(total), plan.points.len(), true));
        }
    }
}

/// Runs `spec` into `dir` `runs` at a time and stops it (as a `kill -9` would, right after a
/// checkpoint) once `stop` runs are checkpointed; then tears a write after the checkpoint.
fn interrupt(spec: &Spec, plan: &Plan, dir: &Path, shard: Option<(usize, usize)>, runs: u64, stop: u64) {
    let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        execute(spec, plan, dir, shard, false, runs, 2, &mut |done, _| assert!(done < stop, "stopped at {done} runs"))
    }));
    assert!(stopped.is_err(), "the run finished before {stop} runs");
    let suffix = shard.map(|(k, n)| format!("-shard-{k}-of-{n}")).unwrap_or_default();
    use std::io::Write;
    for f in ["results", "years", "states"] {
        let path = dir.join(format!("{f}{suffix}.csv"));
        std::fs::OpenOptions::new().append(true).open(path).unwrap().write_all(b"9,,9,999,torn").unwrap();
    }
}

fn progress_of(dir: &Path) -> Progress {
    serde_json::from_slice(&read(dir, "progress.json")).unwrap()
}

#[test]
fn a_run_interrupted_inside_a_point_resumes_to_the_same_bytes() {
    let d = temp_dir("resume");
    for (name, spec) in designs() {
        let plan = plan(&spec).unwrap();
        let want = expected(&spec, &plan);
        let reps = u64::from(spec.experiment.replications);
        let dir = d.join(name);
        interrupt(&spec, &plan, &dir, None, 3, 6);
        let p = progress_of(&dir);
        assert_eq!((p.runs_done, p.points_done, p.complete), (Some(6), usize::try_from(6 / reps).unwrap(), false));
        // Resumed with another chunk size and thread count.
        execute(&spec, &plan, &dir, None, true, 4, 1, &mut |_, _| {}).unwrap();
        assert_files(&want, &dir, &format!("{name}, resumed after 6 runs"));
    }
}

#[test]
fn a_checkpoint_without_runs_done_resumes_at_its_points_and_a_bad_one_is_refused() {
    let d = temp_dir("old-checkpoint");
    let spec = lhs(4, 5);
    let plan = plan(&spec).unwrap();
    let want = expected(&spec, &plan);
    let dir = d.join("old");
    // Chunks of whole points, stopped after two points; the checkpoint then loses `runs_done`,
    // as checkpoints written before chunks could split a point.
    interrupt(&spec, &plan, &dir, None, 5, 10);
    let mut old: serde_json::Value = serde_json::from_slice(&read(&dir, "progress.json")).unwrap();
    assert_eq!(old["runs_done"], 10);
    old.as_object_mut().unwrap().remove("runs_done");
    std::fs::write(dir.join("progress.json"), old.to_string()).unwrap();
    execute(&spec, &plan, &dir, None, true, 3, 2, &mut |_, _| {}).unwrap();
    assert_files(&want, &dir, "resumed from a checkpoint without runs_done");

    // Runs done that disagree with the points done, or exceed the shard, are refused by name.
    let bad = d.join("bad");
    interrupt(&spec, &plan, &bad, None, 3, 6);
    for (field, value, points) in [("runs_done", 12, 1), ("runs_done", 25, 5), ("points_done", -1, 7)] {
        let mut p: serde_json::Value = serde_json::from_slice(&read(&bad, "progress.json")).unwrap();
        if value < 0 {
            p.as_object_mut().unwrap().remove("runs_done");
        } else {
            p["runs_done"] = value.into();
        }
        p["points_done"] = points.into();
        std::fs::write(bad.join("progress.json"), p.to_string()).unwrap();
        let e = execute(&spec, &plan, &bad, None, true, 3, 1, &mut |_, _| {}).unwrap_err().to_string();
        assert!(e.contains("progress.json") && e.contains(&format!("field `{field}`")), "{e}");
    }
}

#[test]
fn only_the_worlds_of_a_point_a_chunk_ends_inside_are_kept() {
    let starts_of = loaded();
    let starts = lab::Starts::new(&starts_of.scenario);
    let spec = lhs(4, 5);
    let plan = plan(&spec).unwrap();
    let points: Vec<_> = plan.points.iter().collect();
    let mut worlds = experiment::runner::ChunkWorlds::default();
    let mut all = Vec::new();
    for (range, kept) in [(0..7, 1), (7..10, 0), (10..11, 1), (11..20, 0)] {
        let records =
            experiment::runner::run_range(&spec, &starts, &plan, &points, range.clone(), &mut worlds).unwrap();
        assert_eq!(records.iter().map(|r| r.run).collect::<Vec<_>>(), range.collect::<Vec<_>>());
        assert_eq!(worlds.len(), kept);
        all.extend(records);
    }
    let whole = experiment::runner::run_points_from(&spec, &starts, &plan, &points).unwrap();
    assert!(all == whole, "chunks of runs differ from the whole design");
    let e = experiment::runner::run_range(&spec, &starts, &plan, &points, 18..21, &mut worlds).unwrap_err();
    assert!(e.message.contains("18..21") && e.message.contains("20 runs"), "{e}");
    let none =
        Spec { experiment: experiment::spec::ExperimentInfo { replications: 0, ..spec.experiment.clone() }, ..spec };
    let e = experiment::runner::run_range(&none, &starts, &plan, &points, 0..1, &mut worlds).unwrap_err();
    assert!(e.message.contains("sequence of 0 runs"), "{e}");
}

#[test]
fn the_runs_of_a_checkpoint_are_read_against_the_shard() {
    let shard = ShardRuns { replications: 5, total: 20 };
    let at = |points_done: usize, runs_done: Option<u64>| Progress { points_done, runs_done, ..Progress::default() };
    assert_eq!(shard.resolve(&at(2, None)), Ok(10));
    assert_eq!(shard.resolve(&at(2, Some(13))), Ok(13));
    assert_eq!(shard.resolve(&at(4, Some(20))), Ok(20));
    assert!(shard.resolve(&at(2, Some(15))).unwrap_err().contains("field `runs_done`"));
    assert!(shard.resolve(&at(5, None)).unwrap_err().contains("field `points_done`"));
    assert!(shard.resolve(&at(5, Some(25))).unwrap_err().contains("field `runs_done`"));
}

#[test]
fn shards_in_chunks_that_split_points_merge_to_the_bytes_of_whole_points() {
    let d = temp_dir("shards");
    let loaded = loaded();
    for (name, spec) in designs() {
        let plan = plan(&spec).unwrap();
        let want = expected(&spec, &plan);
        let shards = d.join(format!("{name}-shards"));
        // Shard 1 of 2 is interrupted inside a point and resumed; shard 2 runs in one go.
        if name == "one-point" {
            interrupt(&spec, &plan, &shards, Some((1, 2)), 3, 5);
            execute(&spec, &plan, &shards, Some((1, 2)), true, 2, 2, &mut |_, _| {}).unwrap();
        } else {
            interrupt(&spec, &plan, &shards, Some((1, 2)), 3, 3);
            execute(&spec, &plan, &shards, Some((1, 2)), true, 4, 2, &mut |_, _| {}).unwrap();
        }
        execute(&spec, &plan, &shards, Some((2, 2)), false, 3, 1, &mut |_, _| {}).unwrap();
        let manifest = experiment::Manifest::new(&spec, &loaded, plan.points.len(), None);
        let check = experiment::rows::RowCheck::new(&manifest).unwrap();
        let merged = d.join(format!("{name}-merged"));
        let runs = experiment::store::merge(std::slice::from_ref(&shards), &merged, &check).unwrap();
        assert_eq!(runs as u64, plan.points.len() as u64 * u64::from(spec.experiment.replications));
        assert_files(&want, &merged, &format!("{name}, sharded in chunks of runs and merged"));
        let p = progress_of(&merged);
        assert_eq!((p.runs_done, p.points_done, p.complete), (Some(runs as u64), plan.points.len(), true));
    }
}
