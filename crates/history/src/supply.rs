//! The suppliers' rate of sensitive nuclear assistance estimated from the record: how often a
//! state that could supply a programme by Kroenig's (2009) rule — it holds weapons or has
//! mastered part of the fuel cycle, and shares an enemy with a state that has a programme
//! ([`engine::supply::eligible`]) — in fact did. The engine's default `supply_rate` is this
//! estimate (tested).
//!
//! **Counting.** The `history-1945` scenario is replayed along the record's path (statuses from
//! the record, [`crate::willingness::record_schedule`]); each year from [`FIRST_YEAR`] to
//! [`CENSOR_YEAR`] every pair eligible at the end of the year before (a decision precedes the
//! help it brings: the Soviet–Chinese accord of October 1957 preceded the help of 1958, the year
//! the scenario's Sino-Soviet rivalry begins) whose recipient had received no assistance in an
//! earlier year is a trial; a trial is an event when the scenario schedules an `assistance`
//! event of that pair in that year (the record's episodes, Kroenig 2009, 2010).
//! Episodes whose pair is not eligible that year (no shared enemy among the scenario's
//! rivalries) are outside the rule and counted apart. The engine's yearly probability is
//! `1 − exp(−rate)`, so the maximum-likelihood rate is `−ln(1 − events / trials)`, with a 90 %
//! interval from the Wilson interval of the share.

use crate::hazards::CENSOR_YEAR;
use crate::record::Programme;
use crate::validate::wilson90;
use crate::willingness::{FIRST_YEAR, record_schedule};
use engine::{Keep, Resolved, Template};
use model::{EventKind, Scenario};

/// The counts and the estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyRate {
    /// Eligible pair-years at risk.
    pub trials: u64,
    /// Scheduled episodes on an eligible pair in their year: (year, supplier, recipient).
    pub events: Vec<(i32, String, String)>,
    /// Scheduled episodes outside the rule: (year, supplier, recipient).
    pub outside: Vec<(i32, String, String)>,
    /// Maximum-likelihood rate (per year, continuous) and its 90 % interval.
    pub rate: (f64, f64, f64),
}

/// The rate of the yearly probability `share`: `−ln(1 − share)`.
pub fn rate_of(share: f64) -> f64 {
    -(1.0 - share).ln()
}

/// Counts eligible pair-years and the record's episodes in the replay of `scenario` along the
/// record's path, and estimates the rate (module docs). `None` when no pair-year is eligible.
pub fn supply_rate(scenario: &Scenario, resolved: &Resolved, programmes: &[Programme]) -> Option<SupplyRate> {
    let mut conditioned = scenario.clone();
    conditioned.events.extend(record_schedule(scenario, programmes));
    conditioned.events.sort_by_key(|e| e.year);
    let template = Template::new(&conditioned, resolved).with_statuses_from_schedule();
    // Each decision year's eligible pairs (eligible at the end of the year before), by state code.
    let mut pairs: Vec<(i32, String, String)> = Vec::new();
    template.run_observed_keeping(0, 0, Keep::YEARS, |w| {
        let decision = w.year + 1;
        if !(FIRST_YEAR..=CENSOR_YEAR).contains(&decision) {
            return;
        }
        for r in 0..w.actors.len() {
            for s in 0..w.actors.len() {
                if engine::supply::eligible(w, s, r) {
                    pairs.push((decision, w.actors[s].state.iso3.clone(), w.actors[r].state.iso3.clone()));
                }
            }
        }
    });
    let episodes: Vec<(i32, String, String)> = scenario
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Assistance)
        .filter_map(|e| Some((e.year, e.supplier.clone()?, e.recipient.clone()?)))
        .collect();
    let first_assisted =
        |r: &str| episodes.iter().filter(|(_, _, x)| x == r).map(|(y, _, _)| *y).min().unwrap_or(i32::MAX);
    let trials = pairs.iter().filter(|(y, _, r)| *y <= first_assisted(r)).count() as u64;
    let (events, outside): (Vec<_>, Vec<_>) = episodes.into_iter().partition(|ep| pairs.contains(ep));
    if trials == 0 {
        return None;
    }
    let k = events.len() as f64;
    let n = trials as f64;
    let (lo, hi) = wilson90(k, n);
    Some(SupplyRate { trials, events, outside, rate: (rate_of(k / n), rate_of(lo), rate_of(hi)) })
}
