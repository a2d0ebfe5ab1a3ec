//! The calibration spec's located errors, the training window, and a small calibration that is
//! the same on one thread or two and when resumed from a checkpoint.

use calibrate::{Problem, parse_spec, training_patterns};
use history::record::Record;

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
        pool.install(|| problem.calibrate(None, &mut |_| {}).unwrap())
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
    assert_eq!(one.generations.len(), 3);
    assert!(one.generations[2].tolerance.unwrap() < one.generations[1].tolerance.unwrap());
    // Resume from generation 1, as from a checkpoint: generation 2 is the same, bit for bit.
    let checkpoint: stats::calibration::Generation =
        serde_json::from_str(&serde_json::to_string(&one.generations[1]).unwrap()).unwrap();
    let resumed = problem.calibrate(Some(checkpoint), &mut |_| {}).unwrap();
    assert_eq!(resumed.generations.len(), 1);
    assert_eq!(resumed.generations[0], one.generations[2]);
    // The posterior-predictive check scores every pattern, marking the fitted ones.
    let predictions = problem.predict(&one.generations[2], 4, 7).unwrap();
    assert_eq!(predictions.len(), history::validate::pattern_specs().len());
    assert!(predictions.iter().any(|p| p.fitted) && predictions.iter().any(|p| !p.fitted));
    let marginals = problem.marginals(&one.generations[2]);
    assert!(marginals[0].quantiles[0] >= -5.0 && marginals[0].quantiles[2] <= -2.0, "{marginals:?}");
}
