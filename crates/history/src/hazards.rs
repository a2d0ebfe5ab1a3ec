//! Programme transition rates from the record: how fast states leave exploration, how often
//! they go on to pursue, and how fast pursuers stop — maximum-likelihood rates (events over
//! exposure) from Bleek's (2017) programme dates in data/programmes.csv. The engine's defaults
//! for `explore_exit_rate`, `programme_reference_willingness` and `pursuit_stop_rate` are these
//! estimates (tested), so the horizontal-proliferation process runs at the recorded pace.
//!
//! Counting rules: a programme explores from `explore_start` to its `pursue_start` (an exit to
//! pursuit) or its `explore_end` (an exit by stopping); it pursues from `pursue_start` to its
//! `acquire_year` (an acquisition) or its `pursue_end` (a stop). A spell still open is censored
//! at [`CENSOR_YEAR`], the last year Bleek codes. Exposure is counted in years (end − start), so
//! a state that explored and pursued in the same year adds an exit and no exposure.

use crate::record::Programme;
use crate::validate::wilson90;
use stats::analysis::poisson_rate;

/// The last year of Bleek's (2017) coding: spells open then are censored there.
pub const CENSOR_YEAR: i32 = 2017;

/// Counts, exposures and rates of programme transitions, with 90 % intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeHazards {
    /// Years spent exploring, summed over programmes.
    pub explore_years: f64,
    /// Exits from exploration to pursuit.
    pub to_pursuit: u64,
    /// Exits from exploration by stopping.
    pub stopped_exploring: u64,
    /// Years spent pursuing, summed over programmes.
    pub pursuit_years: f64,
    /// Pursuits that ended in a weapon.
    pub acquired: u64,
    /// Pursuits that stopped without a weapon.
    pub stopped_pursuing: u64,
    /// Rate of leaving exploration (per exploration-year) and its 90 % Garwood interval.
    pub explore_exit_rate: (f64, f64, f64),
    /// Share of exits from exploration that went to pursuit, with its 90 % Wilson interval.
    pub pursue_share: (f64, f64, f64),
    /// Rate of stopping a pursuit (per pursuit-year) and its 90 % Garwood interval.
    pub pursuit_stop_rate: (f64, f64, f64),
}

/// Estimates the transition rates from programme records (see the module docs for the rules).
/// `None` when the records hold no exploration or no pursuit exposure.
pub fn programme_hazards(programmes: &[Programme]) -> Option<ProgrammeHazards> {
    let (mut explore_years, mut to_pursuit, mut stopped_exploring) = (0.0, 0u64, 0u64);
    let (mut pursuit_years, mut acquired, mut stopped_pursuing) = (0.0, 0u64, 0u64);
    for p in programmes {
        let Some(explore) = p.explore_start else { continue };
        match (p.pursue_start, p.explore_end) {
            (Some(pursue), _) => {
                explore_years += f64::from((pursue - explore).max(0));
                to_pursuit += 1;
                let end = match (p.acquire_year, p.pursue_end) {
                    (Some(year), _) => {
                        acquired += 1;
                        year
                    }
                    (None, Some(year)) => {
                        stopped_pursuing += 1;
                        year
                    }
                    (None, None) => CENSOR_YEAR,
                };
                pursuit_years += f64::from((end - pursue).max(0));
            }
            (None, Some(end)) => {
                explore_years += f64::from((end - explore).max(0));
                stopped_exploring += 1;
            }
            (None, None) => explore_years += f64::from((CENSOR_YEAR - explore).max(0)),
        }
    }
    let exits = to_pursuit + stopped_exploring;
    let explore_exit_rate = poisson_rate(exits, explore_years, 0.9)?;
    let pursuit_stop_rate = poisson_rate(stopped_pursuing, pursuit_years, 0.9)?;
    let (lo, hi) = wilson90(to_pursuit as f64, exits as f64);
    let share = to_pursuit as f64 / exits as f64;
    Some(ProgrammeHazards {
        explore_years,
        to_pursuit,
        stopped_exploring,
        pursuit_years,
        acquired,
        stopped_pursuing,
        explore_exit_rate,
        pursue_share: (share, lo, hi),
        pursuit_stop_rate,
    })
}
