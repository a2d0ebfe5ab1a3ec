//! docs/model.md states every parameter and its default.

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
