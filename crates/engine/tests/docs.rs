//! docs/model.md states every parameter and its default, and the speed settings that are run
//! options instead.

#![allow(clippy::float_cmp)]

#[test]
fn every_parameter_is_documented_with_its_default() {
    let doc = include_str!("../../../docs/model.md");
    for spec in engine::params::SPECS {
        let row = format!("| `{}` | {} |", spec.name, spec.default);
        assert!(
            doc.contains(&row),
            "docs/model.md lacks the row for `{}` (default {}): run `deterrence params`",
            spec.name,
            spec.default
        );
    }
}

/// The rows of the parameter table of docs/model.md §8 (the lines after its header row up to
/// the first blank line).
fn parameter_table(doc: &str) -> Vec<&str> {
    let start = doc.find("| parameter | default |").expect("the parameter table");
    doc[start..].lines().skip(2).take_while(|l| l.starts_with('|')).collect()
}

#[test]
fn the_parameter_table_lists_model_parameters_only() {
    let doc = include_str!("../../../docs/model.md");
    let rows = parameter_table(doc);
    assert_eq!(rows.len(), engine::params::SPECS.len(), "one row per parameter");
    for row in rows {
        let name = row.split('`').nth(1).unwrap_or_default();
        assert!(
            engine::params::SPECS.iter().any(|s| s.name == name),
            "docs/model.md lists `{name}` as a parameter, but it is none: run `deterrence params`"
        );
    }
}

#[test]
fn speed_settings_are_documented_as_run_options_with_their_defaults() {
    let doc = include_str!("../../../docs/model.md");
    let options = engine::RunOptions::default();
    let row = format!("| `stability_refresh_threshold` | {} |", options.stability_refresh_threshold);
    let start = doc.find("### Speed settings (run options)").expect("a section on speed settings");
    let section = &doc[start..];
    assert!(section.contains(&row), "docs/model.md lacks the run option row {row}");
    assert!(section.contains("RunOptions"), "the section says where speed settings live");
}

#[test]
fn the_documented_scenario_example_runs() {
    let doc = include_str!("../../../docs/scenario.md");
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let s = model::parse_scenario(&doc[start..end], "docs/scenario.md").unwrap();
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    assert_eq!(r.params.accident_hazard, 0.01);
    let out = engine::run(&s, &r, 1, 0);
    assert_eq!(out.years.len(), 50);
}
