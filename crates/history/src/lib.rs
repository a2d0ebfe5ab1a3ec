//! History: the 1945–2025 record, peace-science panels, and replay validation.
//!
//! - [`record`] parses the curated CSV files of data/ (compiled in), each row with its source;
//! - [`panel`] builds state-year and dyad-year panels with Correlates of War codes;
//! - [`validate`] replays the `history-1945` scenario as an ensemble (`lab::Executor`, one
//!   stream per run) and scores it against the record with tolerances fixed in advance;
//! - [`hazards`] estimates the programme transition rates of the proliferation process from
//!   the programme dates (maximum likelihood, exact intervals);
//! - [`willingness`] fits the willingness index of the proliferation process to the record's
//!   programme histories by maximum likelihood, on the engine's own covariates along the
//!   recorded path;
//! - [`timing`] replays history-1945 and times each state's proliferation stages (onset,
//!   pursuit, acquisition) against the record's dates;
//! - [`fissile`] reads the fissile material each state produced (data/fissile.csv) into the
//!   series that bounds its stockpile in the engine;
//! - [`production`] estimates each state's warhead production capacity from the record's
//!   stockpile series (the average growth over its build-up);
//! - [`force`] estimates the cost of the use of force in crises from ICB's share of crises
//!   without violence between states without nuclear weapons (simulated moments);
//! - [`strikes`] estimates the preventive-strike rate from the record's peacetime strikes by
//!   maximum likelihood on the engine's own rule along the recorded path;
//! - [`onset`] estimates the crisis onset rate of the scenario's rivalries from their ICB
//!   crises (maximum likelihood on the engine's own onset hazard);
//! - [`icb`] builds the crisis-escalation table of Asal & Beardsley (2007) from International
//!   Crisis Behavior data a user supplies, and the same table from simulated crises.
//!
//! [`Estimate`] is the one row the maximum-likelihood fits report per parameter.

pub mod durations;
pub mod fissile;
pub mod force;
pub mod hazards;
pub mod icb;
pub mod nonstrategic;
pub mod onset;
pub mod panel;
pub mod production;
pub mod record;
pub mod strikes;
pub mod supply;
pub mod timing;
pub mod validate;
pub mod willingness;

/// One parameter estimated by maximum likelihood (`willingness`, `durations`).
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Parameter name (docs/model.md).
    pub name: &'static str,
    /// Maximum-likelihood estimate.
    pub value: f64,
    /// Wald standard error (for a parameter fitted on a log or logit scale, by the delta method
    /// from that scale); NaN for a coefficient held at its boundary 0.
    pub se: f64,
    /// 90 % Wald interval (for a parameter fitted on a log or logit scale, that scale's interval
    /// transformed).
    pub interval: (f64, f64),
}
