//! docs/model.md states every parameter and its default.

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
