//! Every class of malformed scenario gets a problem naming the line and the field.

use model::{ScenarioError, parse_scenario};

const MINI: &str = include_str!("data/mini.toml");

fn err(text: &str) -> ScenarioError {
    parse_scenario(text, "test.toml").expect_err("expected the scenario to be rejected")
}

/// Replaces the first occurrence of `from` (which must exist) in the mini scenario.
fn mini_with(from: &str, to: &str) -> String {
    assert!(MINI.contains(from), "fixture lacks {from:?}");
    MINI.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle present") + 1
}

fn single(e: &ScenarioError) -> &model::Problem {
    assert_eq!(e.problems.len(), 1, "expected one problem, got {e}");
    &e.problems[0]
}

#[test]
fn the_fixture_is_valid() {
    let s = parse_scenario(MINI, "mini.toml").unwrap();
    assert_eq!(s.states.len(), 3);
    assert_eq!(s.states[0].forces.len(), 2);
    assert_eq!(s.state_index("bbb"), Some(1));
    assert_eq!(s.state_index("2"), Some(1));
}

#[test]
fn toml_syntax_error_names_line() {
    let text = mini_with("launchers = 50", "launchers = = 50");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "launchers = = 50"));
    assert!(e.to_string().contains("test.toml:"), "{e}");
}

#[test]
fn unknown_field_names_line_and_field() {
    let text = mini_with("launchers = 50", "launchers = 50\nlaunchrs = 5");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "launchrs"));
    assert!(p.message.contains("unknown field `launchrs`"), "{}", p.message);
    assert!(p.field.starts_with("states[0].forces[0]"), "{}", p.field);
}

#[test]
fn wrong_type_names_line_and_field() {
    let text = mini_with("cep_m = 150", "cep_m = \"accurate\"");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "cep_m = \"accurate\""));
    assert_eq!(p.field, "states[0].forces[0].cep_m");
    assert!(p.message.contains("a number or a range"), "{}", p.message);
}

#[test]
fn wrong_enum_value_says_what_was_expected() {
    let text = mini_with("class = \"ssbn\"", "class = \"submarine\"");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "submarine"));
    assert!(p.message.contains("ssbn"), "{}", p.message);
}

#[test]
fn missing_field_is_reported() {
    let text = mini_with("cep_m = 120\n", "");
    let e = err(&text);
    let p = single(&e);
    assert!(p.message.contains("missing field `cep_m`"), "{}", p.message);
    assert!(p.field.starts_with("states[0].forces[1]"), "{}", p.field);
}

#[test]
fn negative_count_is_rejected() {
    let text = mini_with("launchers = 60", "launchers = -60");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "launchers = -60"));
    assert_eq!(p.field, "states[1].forces[0].launchers");
    assert!(p.message.contains("a launcher count from 0"), "{}", p.message);
}

#[test]
fn fraction_outside_unit_interval_is_rejected() {
    let text = mini_with("generated_survivable_fraction = 1.0", "generated_survivable_fraction = 1.3");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "= 1.3"));
    assert_eq!(p.field, "states[0].forces[1].generated_survivable_fraction");
    assert!(p.message.contains("between 0 and 1"), "{}", p.message);
}

#[test]
fn range_bound_outside_limits_is_rejected() {
    let text = mini_with(
        "reliability = { low = 0.75, best = 0.8, high = 0.85 }",
        "reliability = { low = 0.75, best = 0.8, high = 1.2 }",
    );
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "states[0].forces[0].reliability");
    assert!(p.message.contains("`high`"), "{}", p.message);
}

#[test]
fn disordered_range_is_rejected_with_line() {
    let text = mini_with(
        "reliability = { low = 0.75, best = 0.8, high = 0.85 }",
        "reliability = { low = 0.9, best = 0.8, high = 0.85 }",
    );
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "low = 0.9"));
    assert!(p.message.contains("low <= best <= high"), "{}", p.message);
}

#[test]
fn unknown_state_code_in_pair_is_rejected() {
    let text = mini_with("pair = [\"AAA\", \"BBB\"]", "pair = [\"AAA\", \"XYZ\"]");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "XYZ"));
    assert_eq!(p.field, "rivalries[0].pair[1]");
    assert!(p.message.contains("unknown state `XYZ`"), "{}", p.message);
}

#[test]
fn unknown_state_in_alliance_is_rejected() {
    let text = mini_with("protege = \"CCC\"", "protege = \"DDD\"");
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "alliances[0].protege");
    assert_eq!(p.line, line_of(&text, "protege = \"DDD\""));
}

#[test]
fn possessing_state_without_forces_is_rejected() {
    // Beta claims weapons; remove its only force element.
    let start = MINI.find("[[states.forces]]\nclass = \"mobile_icbm\"").unwrap();
    let end = MINI[start..].find("\n\n").unwrap() + start;
    let text = format!("{}{}", &MINI[..start], &MINI[end + 2..]);
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "states[1].nuclear_status");
    assert!(p.message.contains("no force element"), "{}", p.message);
    assert_eq!(
        p.line,
        text.lines().enumerate().filter(|(_, l)| l.contains("nuclear_status = \"possessing\"")).nth(1).unwrap().0 + 1
    );
}

#[test]
fn silo_cannot_be_survivable() {
    let text = mini_with("day_to_day_survivable_fraction = 0\n", "day_to_day_survivable_fraction = 0.3\n");
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "states[0].forces[0].day_to_day_survivable_fraction");
    assert!(p.message.contains("silos cannot flee"), "{}", p.message);
}

#[test]
fn unknown_source_key_is_rejected() {
    let text =
        mini_with("sources = [\"illustrative\"]\n\n[[states.forces]]", "sources = [\"nope\"]\n\n[[states.forces]]");
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "states[0].sources[0]");
    assert!(p.message.contains("unknown source key `nope`"), "{}", p.message);
}

#[test]
fn several_problems_are_all_reported_in_line_order() {
    let text = mini_with("launchers = 60", "launchers = -60").replacen("intensity = 0.7", "intensity = 7", 1);
    let e = err(&text);
    assert_eq!(e.problems.len(), 2, "{e}");
    assert!(e.problems[0].line < e.problems[1].line);
    assert_eq!(e.problems[1].field, "rivalries[0].intensity");
}

#[test]
fn wrong_schema_version_is_rejected() {
    let text = mini_with("schema = 1", "schema = 2");
    let p = single(&err(&text)).clone();
    assert_eq!((p.field.as_str(), p.line), ("schema", line_of(&text, "schema = 2")));
}

#[test]
fn a_major_power_year_before_the_state_system_is_located() {
    let first_iso3 = MINI.lines().find(|l| l.starts_with("iso3 = ")).expect("a state");
    let text = mini_with(first_iso3, &format!("{first_iso3}\nmajor_power_since = 1700"));
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.line, line_of(&text, "major_power_since = 1700"));
    assert_eq!(p.field, "states[0].major_power_since");
    assert!(p.message.contains("from 1816"), "{}", p.message);
    let fine = mini_with(first_iso3, &format!("{first_iso3}\nmajor_power_since = 1945"));
    assert_eq!(parse_scenario(&fine, "test.toml").unwrap().states[0].major_power_since, Some(1945));
}
