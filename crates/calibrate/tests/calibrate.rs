//! The calibration spec's located errors, the training window, and a small calibration that is
//! the same on one thread or two, when resumed from a checkpoint, and when its particles are
//! shared between shards.

use calibrate::shard::{Alone, Directory, Shard};
use calibrate::{CalibrationError, Problem, parse_spec, training_patterns};
use history::record::Record;
use std::time::Duration;

const SPEC: &str = r#"
schema = 1
[calibration]
name = "test"
seed = 7
particles = 12
generations = 3
training_until = 1970
predictive_runs = 4

[[parameters]]
name = "willingness_intercept"
prior = "uniform"
low = -5.0
high = -2.0

[[parameters]]
name = "explore_hazard"
prior = "log-uniform"
low = 0.05
high = 0.4
"#;

fn problem(text: &str) -> Problem {
    Problem::new(parse_spec(text, "test.toml").unwrap()).unwrap()
}

#[test]
fn errors_name_the_line_and_field() {
    let bad = SPEC.replace("willingness_intercept", "no_such_parameter");
    let e = parse_spec(&bad, "bad.toml").unwrap_err().to_string();
    assert!(e.contains("bad.toml") && e.contains("parameters[0].name") && e.contains("no_such_parameter"), "{e}");
    let bad = SPEC.replace("low = 0.05", "low = 0.0");
    let e = parse_spec(&bad, "bad.toml").unwrap_err().to_string();
    assert!(e.contains("parameters[1].low") && e.contains("log-uniform"), "{e}");
    let bad = SPEC.replace("high = 0.4", "high = 1.5");
    let e = parse_spec(&bad, "bad.toml").unwrap_err().to_string();
    assert!(e.contains("parameters[1].high") && e.contains("at most 1"), "{e}");
    let bad = format!("{SPEC}\n[statistics]\npatterns = [\"armed_states_1999\"]\n");
    let e = parse_spec(&bad, "bad.toml").unwrap_err().to_string();
    assert!(e.contains("statistics.patterns[0]") && e.contains("unknown pattern"), "{e}");
    let bad = SPEC.replace("particles = 12", "particles = 1");
    assert!(parse_spec(&bad, "bad.toml").unwrap_err().to_string().contains("calibration.particles"));
    let bad = SPEC.replace("seed = 7", "seed = 7\nsped = 1");
    assert!(parse_spec(&bad, "bad.toml").is_err());
}

#[test]
fn the_training_window_holds_only_patterns_it_has_seen() {
    let record = Record::builtin().unwrap();
    let fitted = training_patterns(1990, &record);
    for name in ["armed_states_1950", "armed_states_1990", "arsenal_USA_1986", "acquisition_year_PAK"] {
        assert!(fitted.iter().any(|f| f == name), "{name} in {fitted:?}");
    }
    for name in ["armed_states_2000", "acquisition_year_PRK", "crises_between_armed", "no_violence_share_armed"] {
        assert!(!fitted.iter().any(|f| f == name), "{name} in {fitted:?}");
    }
    let problem = problem(SPEC);
    assert_eq!(problem.patterns, training_patterns(1970, &record));
    // Each statistic has the record's value and the pattern's tolerance as scale.
    let stats = problem.statistics();
    let first = stats.iter().find(|s| s.name == "armed_states_1950").unwrap();
    assert!((first.record - 2.0).abs() < 1e-12 && (first.scale - 1.0).abs() < 1e-12, "{first:?}");
}

#[test]
fn results_do_not_depend_on_threads_and_a_resumed_run_continues_exactly() {
    let problem = problem(SPEC);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| problem.calibrate(None, &Alone, &mut |_| {}).unwrap())
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
    assert_eq!(one.generations.len(), 3);
    assert!(one.generations[2].tolerance.unwrap() < one.generations[1].tolerance.unwrap());
    // Resume from generation 1, as from a checkpoint: generation 2 is the same, bit for bit.
    let checkpoint: stats::calibration::Generation =
        serde_json::from_str(&serde_json::to_string(&one.generations[1]).unwrap()).unwrap();
    let resumed = problem.calibrate(Some(checkpoint), &Alone, &mut |_| {}).unwrap();
    assert_eq!(resumed.generations.len(), 1);
    assert_eq!(resumed.generations[0], one.generations[2]);
    // The posterior-predictive check scores every pattern, marking the fitted ones.
    let predictions = problem.predict(&one.generations[2], 4, 7).unwrap();
    assert_eq!(predictions.len(), history::validate::pattern_specs().len());
    assert!(predictions.iter().any(|p| p.fitted) && predictions.iter().any(|p| !p.fitted));
    let marginals = problem.marginals(&one.generations[2]);
    assert!(marginals[0].quantiles[0] >= -5.0 && marginals[0].quantiles[2] <= -2.0, "{marginals:?}");
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("deterrence-calibrate-lib-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Three shards running at once in one directory each make a third of every generation's
/// particles and all end with the generations one process makes alone, bit for bit.
#[test]
fn shards_sharing_a_directory_make_the_generations_of_one_process() {
    let problem = problem(SPEC);
    let alone = problem.calibrate(None, &Alone, &mut |_| {}).unwrap();
    let dir = temp_dir("three");
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..=3)
            .map(|k| {
                let (problem, dir) = (&problem, &dir);
                scope.spawn(move || {
                    let shard = Shard::new(k, 3).unwrap();
                    let c =
                        Directory::new(dir, Some(shard), "spec", Duration::from_secs(300), Duration::from_millis(5));
                    problem.calibrate(None, &c, &mut |_| {}).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in &results {
        assert_eq!(r, &alone);
    }
    // Each shard's file holds its own particles only: shard 2 of 3 holds 1, 4, 7, 10.
    let text = std::fs::read_to_string(dir.join("shards/generation-1/shard-2-of-3.json")).unwrap();
    let file: calibrate::shard::ShardFile = serde_json::from_str(&text).unwrap();
    assert_eq!(file.outcomes.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![1, 4, 7, 10]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A shard that does not wait writes its share and reports the generation incomplete; a process
/// without a shard then makes only the missing particles and ends where one process alone does.
/// A shard file of another spec is refused with its path and field.
#[test]
fn a_lone_shard_stops_incomplete_and_an_unsharded_process_finishes_its_generation() {
    let problem = problem(SPEC);
    let alone = problem.calibrate(None, &Alone, &mut |_| {}).unwrap();
    let dir = temp_dir("lone");
    let shard = Directory::new(&dir, Some(Shard::new(1, 2).unwrap()), "spec", Duration::ZERO, Duration::ZERO);
    let e = problem.calibrate(None, &shard, &mut |_| {}).unwrap_err();
    assert!(
        matches!(&e, CalibrationError::Incomplete(m) if m.contains("6 particle(s) missing (those of shard 2 of 2)")),
        "{e}"
    );
    let file = dir.join("shards/generation-0/shard-1-of-2.json");
    assert!(file.is_file());
    let rest = Directory::new(&dir, None, "spec", Duration::ZERO, Duration::ZERO);
    assert_eq!(problem.calibrate(None, &rest, &mut |_| {}).unwrap(), alone);
    let other = Directory::new(&dir, None, "another spec", Duration::ZERO, Duration::ZERO);
    let e = problem.calibrate(None, &other, &mut |_| {}).unwrap_err().to_string();
    assert!(e.contains("shard-1-of-2.json") && e.contains("`spec_hash`"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_shard_owns_every_nth_particle() {
    let s = Shard::new(2, 3).unwrap();
    assert_eq!((0..9).filter(|&i| s.owns(i)).collect::<Vec<_>>(), vec![1, 4, 7]);
    assert!(Shard::new(0, 3).is_err() && Shard::new(4, 3).is_err());
    assert_eq!(s.file_name(), "shard-2-of-3.json");
}
