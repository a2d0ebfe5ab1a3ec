//! Domain types of Deterrence Lab and the reading of scenario files.
//!
//! A [`Scenario`] holds states ([`State`]) with their force elements ([`ForceElement`], one per
//! [`DeliveryClass`]), adversary pairs ([`Rivalry`]), alliances ([`Alliance`]), the regime's
//! levers ([`RegimeLevers`]) and the settings of the exchange calculus ([`ExchangeSettings`]).
//! Numbers that sources dispute are [`Estimate`]s (best value plus range).
//!
//! Reading happens in two passes, as in ripgrep's "flags, then validated config": serde reads
//! the TOML text into the types of [`scenario`] (rejecting unknown fields and wrong types), then
//! [`validate::validate`] checks meaning. Both passes' problems come back together as one
//! [`ScenarioError`] naming the file, line, column and field of each [`Problem`]: after a wrong
//! type, an unknown field or a missing field, reading goes on with the offending value made
//! harmless, so that a file's every problem is reported at once (only a TOML syntax error is
//! reported alone).
//!
//! This crate does no I/O: callers pass the text and a name for it. Built-in scenarios are
//! compiled in ([`builtin`]).

#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod builtin;
pub mod domain;
pub mod error;
pub mod estimate;
mod recover;
pub mod scenario;
pub mod validate;

pub use error::{FieldPath, Locator, Problem, ScenarioError};
pub use estimate::{Bound, Estimate};
pub use scenario::{
    Alliance, AllianceKind, DeliveryClass, Doctrine, Event, EventKind, ExchangeSettings, FissilePoint, ForceElement,
    Lens, LethalRadiusModel, NptStatus, NuclearStatus, RegimeLever, RegimeLevers, RegimePreset, Rivalry, Scenario,
    ScenarioInfo, Simulation, Source, State, Targeting,
};

/// Reads and validates a scenario from TOML text; `file` names the text in error messages.
///
/// On failure the error lists every problem of the text, in line order: shape errors (wrong
/// types, unknown or missing fields, unknown names) and validation findings together. A TOML
/// syntax error is reported alone.
pub fn parse_scenario(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    let scenario: Scenario = match toml::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            return Err(ScenarioError { file: file.to_owned(), problems: recover::every_problem(text, &e) });
        }
    };
    let findings = validate::validate(&scenario);
    if findings.is_empty() {
        return Ok(scenario);
    }
    let locator = Locator::new(text);
    let mut problems: Vec<Problem> =
        findings.into_iter().map(|f| locator.problem_at_path(&f.path, f.message)).collect();
    problems.sort_by_key(|p| (p.line, p.column));
    Err(ScenarioError { file: file.to_owned(), problems })
}
