//! Helpers shared by the tests of scheduled events: the mini scenario with one event, the
//! rejection of a text, and where a problem stands.

#![allow(dead_code)]

use model::{ScenarioError, parse_scenario};

const MINI: &str = include_str!("../data/mini.toml");

/// The mini scenario with a `[simulation]` table and one event of `kind` whose body is `event`.
pub fn with_event(kind: &str, event: &str) -> String {
    format!(
        "{MINI}\n[simulation]\nstart_year = 2000\nhorizon_years = 20\n\n[[events]]\nyear = 2005\nkind = \"{kind}\"\n{event}sources = [\"illustrative\"]\n"
    )
}

/// The errors of a text that must be rejected.
pub fn err(text: &str) -> ScenarioError {
    parse_scenario(text, "test.toml").expect_err("expected the scenario to be rejected")
}

/// The 1-based line of the last line of `text` containing `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines().collect::<Vec<_>>().iter().rposition(|l| l.contains(needle)).expect("needle present") + 1
}

/// The one problem of an error.
pub fn single(e: &ScenarioError) -> &model::Problem {
    assert_eq!(e.problems.len(), 1, "expected one problem, got {e}");
    &e.problems[0]
}
