//! The complete example in docs/scenario.md is a valid scenario.

const DOC: &str = include_str!("../../../docs/scenario.md");

#[test]
fn documented_example_parses() {
    let start = DOC.find("```toml\n").expect("docs/scenario.md has a ```toml block") + "```toml\n".len();
    let end = start + DOC[start..].find("```").expect("closed block");
    let s = model::parse_scenario(&DOC[start..end], "docs/scenario.md").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.scenario.name, "two-rivals");
    assert_eq!(s.states.len(), 3);
    assert_eq!(s.states[0].forces.len(), 3);
}
