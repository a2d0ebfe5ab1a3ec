//! The records the world keeps during a year: the year's counters ([`YearRecord`]), the signals
//! gathered for next year's regime step ([`RegimeSignals`]) and the events ([`EventRecord`]).
//!
//! The processes write them as things happen; observation (process 9, [`crate::observe`])
//! completes the year record and turns the year into the run's output.

use exchange::forces::Code;
use serde::Serialize;

/// Counters and levels of one year (MODEL.md §6).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct YearRecord {
    /// Year.
    pub year: i32,
    /// States holding weapons at the end of the year.
    pub nuclear_armed_states: u32,
    /// Programmes under way (exploring or pursuing).
    pub programmes: u32,
    /// Warheads on launchers, all states.
    pub warheads_total: f64,
    /// Warheads that survive a counterforce strike in the generated posture (by force element).
    pub warheads_survivable: f64,
    /// Norm strength.
    pub norm_strength: f64,
    /// Perceived inequity.
    pub inequity: f64,
    /// Credibility of security assurances.
    pub assurance_credibility: f64,
    /// Explorations started.
    pub explorations: u32,
    /// Pursuits started.
    pub pursuits: u32,
    /// Acquisitions.
    pub acquisitions: u32,
    /// Programmes reversed.
    pub reversals: u32,
    /// Programmes detected.
    pub detections: u32,
    /// Enforcement actions.
    pub enforcements: u32,
    /// Preventive strikes.
    pub preventive_strikes: u32,
    /// Crises.
    pub crises: u32,
    /// Crises involving an armed state that stayed below war.
    pub sub_war_crises_involving_nuclear: u32,
    /// Crises between two armed states.
    pub crises_between_nuclear: u32,
    /// Wars (≥ 1,000 battle deaths), any pair.
    pub wars: u32,
    /// Wars between two armed states.
    pub wars_between_nuclear: u32,
    /// Major wars between two armed states.
    pub major_wars_between_nuclear: u32,
    /// Wars against states without weapons by armed or great powers.
    pub invasions_of_non_nuclear: u32,
    /// Crises reaching nuclear alert or threat.
    pub nuclear_alerts: u32,
    /// Crises (or strikes) with nuclear use.
    pub nuclear_use: u32,
    /// Of those, accidental or inadvertent.
    pub accidental_use: u32,
    /// Nuclear uses in crises between two armed states.
    pub nuclear_use_between_nuclear: u32,
    /// Shares of states' value destroyed by nuclear use, summed (1 = one state destroyed).
    pub nuclear_damage: f64,
    /// Occupations or regime changes of states without weapons after a major war.
    pub occupations: u32,
    /// Mutually vulnerable dyads among dyads of two armed states.
    pub mutually_vulnerable_dyads: u32,
    /// Dyads of two armed states.
    pub nuclear_dyads: u32,
    /// Mean first-strike stability index over dyads of two armed states (NaN when none).
    pub mean_first_strike_stability: f64,
}

/// What happened during a year that moves the regime the next year (process 1,
/// [`crate::regime`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RegimeSignals {
    /// Detected programmes against which enforcement was applied.
    pub enforcements: u32,
    /// Detected violations left unpunished.
    pub unpunished: u32,
    /// Of those, violators shielded by a great power (exceptions).
    pub exceptions: u32,
    /// New nuclear-armed states.
    pub acquisitions: u32,
    /// Relative growth of nuclear-weapon-state (NPT) warheads, e.g. 0.02 for +2 %.
    pub nws_arsenal_growth: f64,
    /// Invasions of states without weapons.
    pub invasions_of_non_nuclear: u32,
    /// Nuclear uses.
    pub nuclear_uses: u32,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// Year.
    pub year: i32,
    /// Kind (`explore`, `pursue`, `acquire`, `crisis`, `preventive-strike`, ...).
    pub kind: &'static str,
    /// First state (COW code, ISO3).
    pub first: Option<(u32, Code)>,
    /// Second state.
    pub second: Option<(u32, Code)>,
    /// Details.
    pub detail: String,
}
