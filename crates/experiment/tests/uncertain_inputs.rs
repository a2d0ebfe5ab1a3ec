//! `inputs.uncertain`: one spec entry samples every uncertain scenario input within its range;
//! it expands against the scenario, deterministically and in file order, into the parameters
//! the manifest records.

use experiment::spec::{Distribution, ParameterKind, parse_spec};
use experiment::workflow::{RunOptions, run};
use lab::inputs::uncertain_inputs;
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("deterrence-experiment-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn spec_text(parameters: &str) -> String {
    format!(
        r#"schema = 1

[experiment]
name = "every-input"
scenario = "south-asia"
years = 6
seed = 8
replications = 1
outcomes = ["crises", "nuclear_uses"]

[design]
kind = "lhs"
samples = 6
{parameters}"#
    )
}

const GROUP: &str = "\n[[parameters]]\nname = \"inputs.uncertain\"\nkind = \"real\"\n";

fn south_asia() -> lab::Loaded {
    lab::Loaded::builtin("south-asia").unwrap()
}

#[test]
fn an_lhs_over_every_uncertain_input_samples_each_within_its_range() {
    let loaded = south_asia();
    let inputs = uncertain_inputs(&loaded.scenario);
    assert!(inputs.len() > 10, "{}", inputs.len());
    let spec = parse_spec(&spec_text(GROUP), "every.toml").unwrap();
    let expanded = spec.expand(&loaded.scenario).unwrap();
    let names: Vec<&str> = expanded.parameters.iter().map(|p| p.name.as_str()).collect();
    let paths: Vec<&str> = inputs.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(names, paths);
    for (p, (_, e)) in expanded.parameters.iter().zip(&inputs) {
        assert_eq!(p.kind, ParameterKind::Real);
        assert_eq!((p.low, p.high, p.mode), (Some(e.low), Some(e.high), None), "{}", p.name);
        assert_eq!(p.distribution, Some(Distribution::Uniform));
    }
    // Deterministic.
    assert_eq!(spec.expand(&loaded.scenario).unwrap(), expanded);
    // An unexpanded spec cannot be planned.
    let e = experiment::design::plan(&spec).unwrap_err().to_string();
    assert!(e.contains("inputs.uncertain") && e.contains("expand"), "{e}");
    let plan = experiment::design::plan(&expanded).unwrap();
    assert_eq!(plan.points.len(), 6);
    for point in &plan.points {
        for (value, (path, e)) in point.values.iter().zip(&inputs) {
            let Some(experiment::design::Value::Number(x)) = value else { panic!("{path}: {value:?}") };
            assert!((e.low..=e.high).contains(x), "{path}: {x} outside [{}, {}]", e.low, e.high);
        }
    }
    // The runs succeed, the header lists the paths and the manifest holds the expanded spec.
    let dir = temp_dir("every-input");
    let runs =
        run(&spec, &loaded, &dir, RunOptions { shard: None, resume: false, chunk: 4 }, "x", &mut |_, _, _| {}).unwrap();
    assert_eq!(runs, 6);
    // (Some force elements are named by a system name with commas: the CSV quotes them.)
    let mut reader = csv::Reader::from_path(dir.join("results.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[4..4 + paths.len()], paths[..]);
    assert_eq!(header.len(), 4 + paths.len() + 2);
    assert_eq!(reader.records().count(), 6);
    let (manifest, analysis, _) = experiment::workflow::analyse_dir(&dir).unwrap();
    assert_eq!(manifest.spec, expanded);
    assert_eq!(analysis.points.len(), 6);
    // Resuming the finished directory with the unexpanded spec is accepted (same experiment).
    run(&spec, &loaded, &dir, RunOptions { shard: None, resume: true, chunk: 4 }, "x", &mut |_, _, _| {}).unwrap();
}

#[test]
fn triangular_prefixes_and_explicit_entries() {
    let loaded = south_asia();
    let inputs = uncertain_inputs(&loaded.scenario);
    let first_ind = inputs.iter().find(|(p, _)| p.as_str().starts_with("states.IND.")).unwrap().0.to_string();
    let text = spec_text(&format!(
        r#"
[[parameters]]
name = "{first_ind}"
kind = "real"
low = {low}
high = {high}

[[parameters]]
name = "inputs.uncertain:states.IND."
kind = "real"
distribution = "triangular"

[[parameters]]
name = "accident_hazard"
kind = "real"
low = 0.0
high = 0.1
"#,
        low = inputs.iter().find(|(p, _)| p.as_str() == first_ind).unwrap().1.low,
        high = inputs.iter().find(|(p, _)| p.as_str() == first_ind).unwrap().1.best,
    ));
    let spec = parse_spec(&text, "prefix.toml").unwrap();
    let expanded = spec.expand(&loaded.scenario).unwrap();
    let ind: Vec<_> = inputs.iter().filter(|(p, _)| p.as_str().starts_with("states.IND.")).collect();
    // The explicit entry first (its own bounds), then the other IND inputs, then the rest.
    assert_eq!(expanded.parameters.len(), 1 + (ind.len() - 1) + 1);
    assert_eq!(expanded.parameters[0], spec.parameters[0]);
    for (p, (path, e)) in expanded.parameters[1..ind.len()].iter().zip(&ind[1..]) {
        assert_eq!(p.name, path.as_str());
        assert_eq!(p.distribution, Some(Distribution::Triangular));
        assert_eq!((p.low, p.mode, p.high), (Some(e.low), Some(e.best), Some(e.high)));
    }
    assert_eq!(expanded.parameters.last().unwrap().name, "accident_hazard");
    let plan = experiment::design::plan(&expanded).unwrap();
    for point in &plan.points {
        experiment::design::request(&plan, point, Some(6)).unwrap().resolve(&loaded.scenario).unwrap();
    }
}

#[test]
fn bad_groups_are_errors_naming_the_field() {
    let loaded = south_asia();
    let located = |parameters: &str, field: &str, message: &str| {
        let e = parse_spec(&spec_text(parameters), "bad.toml").unwrap_err().to_string();
        assert!(e.contains("bad.toml:") && e.contains(field) && e.contains(message), "{field} / {message}: {e}");
    };
    located(&(GROUP.to_owned() + "low = 0.0\n"), "parameters[0].low", "leave `low` out");
    located(&GROUP.replace("real", "integer"), "parameters[0].kind", "is real");
    located(&(GROUP.to_owned() + "distribution = \"log-uniform\"\n"), "parameters[0].distribution", "triangular");
    located(&GROUP.replace("inputs.uncertain", "inputs.uncertain:nations."), "parameters[0].name", "path prefix");
    located(&GROUP.replace("inputs.uncertain", "inputs.uncertainty"), "parameters[0].name", "inputs.uncertain");
    // A prefix that picks nothing is found against the scenario, naming the field.
    let spec =
        parse_spec(&spec_text(&GROUP.replace("inputs.uncertain", "inputs.uncertain:states.RUS.")), "x.toml").unwrap();
    let problems = spec.expand(&loaded.scenario).unwrap_err();
    assert_eq!(problems[0].0.to_string(), "parameters[0].name");
    assert!(problems[0].1.contains("picks no uncertain input"), "{}", problems[0].1);
    let e = experiment::workflow::expand(&spec, &loaded.scenario).unwrap_err().to_string();
    assert!(e.contains("parameters[0].name") && e.contains("south-asia"), "{e}");
    // Correlations may name an input the group supplies; a wrong path is found on expansion.
    let first = uncertain_inputs(&loaded.scenario)[0].0.to_string();
    let correlated = format!(
        "{GROUP}\n[[parameters]]\nname = \"accident_hazard\"\nkind = \"real\"\nlow = 0.0\nhigh = 0.1\n\n[[correlations]]\npair = [\"accident_hazard\", \"{first}\"]\nrho = 0.5\n"
    );
    let spec = parse_spec(&spec_text(&correlated), "c.toml").unwrap();
    spec.expand(&loaded.scenario).unwrap();
    let wrong = correlated.replace(&first, "states.IND.no_such_input");
    let spec = parse_spec(&spec_text(&wrong), "c.toml").unwrap();
    let problems = spec.expand(&loaded.scenario).unwrap_err();
    assert_eq!(problems[0].0.to_string(), "correlations[0].pair[1]");
}

/// A force element's generated survivable fraction may not fall below its day-to-day one (the
/// scenario's validation): where independent ranges could break that, the expansion cuts the
/// ranges so that every design point is a valid scenario.
#[test]
fn the_survivability_order_between_inputs_is_kept() {
    let loaded = lab::Loaded::builtin("world-2025").unwrap();
    let inputs = uncertain_inputs(&loaded.scenario);
    let day = "states.GBR.forces.ssbn.day_to_day_survivable_fraction";
    let generated = "states.GBR.forces.ssbn.generated_survivable_fraction";
    let range = |path: &str| inputs.iter().find(|(p, _)| p.as_str() == path).unwrap().1;
    // The data this test relies on: overlapping ranges with equal lows.
    assert!(range(day).high > range(generated).low && range(day).low >= range(generated).low);
    let text = spec_text(GROUP).replace("south-asia", "world-2025").replace("years = 6", "years = 1");
    let spec = parse_spec(&text, "world.toml").unwrap();
    let expanded = spec.expand(&loaded.scenario).unwrap();
    // Every other input is sampled within its full range; the GBR day-to-day fraction has no
    // room below the generated one and keeps its value.
    let names: Vec<&str> = expanded.parameters.iter().map(|p| p.name.as_str()).collect();
    let expected: Vec<&str> = inputs.iter().map(|(p, _)| p.as_str()).filter(|p| *p != day).collect();
    assert_eq!(names, expected);
    for p in &expanded.parameters {
        let e = range(&p.name);
        assert_eq!((p.low, p.high), (Some(e.low), Some(e.high)), "{}", p.name);
    }
    let plan = experiment::design::plan(&expanded).unwrap();
    for point in &plan.points {
        experiment::design::request(&plan, point, Some(1))
            .unwrap()
            .resolve(&loaded.scenario)
            .unwrap_or_else(|e| panic!("design point {}: {e}", point.index));
    }
    // With the generated fraction listed explicitly (its own bounds), the day-to-day range is
    // cut from above at the generated fraction's low.
    let explicit = format!("\n[[parameters]]\nname = \"{generated}\"\nkind = \"real\"\nlow = 0.4\nhigh = 0.6\n{GROUP}");
    let text = spec_text(&explicit).replace("south-asia", "world-2025");
    let expanded = parse_spec(&text, "world.toml").unwrap().expand(&loaded.scenario).unwrap();
    let d = expanded.parameters.iter().find(|p| p.name == day).unwrap();
    assert_eq!((d.low, d.high), (Some(range(day).low), Some(0.4)));
    assert_eq!(expanded.parameters.iter().filter(|p| p.name == generated).count(), 1);
}
