//! Process 9, observation: the records a run produces — one per year, one per dyad and year
//! (a panel with Correlates of War codes), and one per event — and the per-run summary.
//!
//! The year and event records are kept by the world while the year runs ([`crate::record`]);
//! they are re-exported here with the records this process makes.

use crate::ladder::{MAJOR_WAR_RUNG, NUCLEAR_USE_RUNG, WAR_RUNG};
use crate::world::World;
use exchange::forces::Code;
use serde::Serialize;

pub use crate::record::{CrisisEnding, CrisisEvent, EventKind, EventRecord, RivalryChange, StateUse, YearRecord};

/// One dyad in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadYearRecord {
    /// Year.
    pub year: i32,
    /// COW code of the first state.
    pub ccode1: u32,
    /// COW code of the second state.
    pub ccode2: u32,
    /// ISO3 of the first state.
    pub iso3_1: Code,
    /// ISO3 of the second state.
    pub iso3_2: Code,
    /// Whether each side is armed.
    pub armed1: bool,
    /// Whether the second side is armed.
    pub armed2: bool,
    /// First side's surviving warheads after the second's best strike (generated posture).
    pub surviving1: Option<f64>,
    /// Second side's surviving warheads after the first's best strike.
    pub surviving2: Option<f64>,
    /// First side's second-strike adequacy.
    pub adequacy1: Option<f64>,
    /// Second side's second-strike adequacy.
    pub adequacy2: Option<f64>,
    /// First-strike stability index.
    pub fss_index: Option<f64>,
    /// Mutual vulnerability.
    pub mutual_vulnerability: bool,
    /// A crisis broke out.
    pub crisis: bool,
    /// Highest rung of the crisis (0 without one).
    pub max_rung: u8,
    /// Highest conventional level of the crisis (0 without one; 1 crisis … 4 major war).
    pub max_conventional: u8,
    /// Highest nuclear level of the crisis (0 none, 5 alert, 6 use, 7 general war).
    pub max_nuclear: u8,
    /// The crisis reached war.
    pub war: bool,
    /// The crisis saw nuclear use.
    pub nuclear_use: bool,
}

/// Fills the year's levels and panel from the world's state at the end of the year.
pub fn finish_year(w: &mut World) {
    // Battle deaths of the wars that were not crises (crises' wars counted theirs as they
    // ended): a war after a preventive strike (a `war` event) is a limited war, a scheduled
    // invasion a major war.
    let count = |f: fn(&EventKind) -> bool| w.events.iter().filter(|e| f(&e.kind)).count() as f64;
    let preventive_wars = count(|k| matches!(k, EventKind::War));
    let invasions = count(|k| matches!(k, EventKind::Invasion));
    w.tally.battle_deaths += preventive_wars * crate::casualties::battle_deaths(&w.params, WAR_RUNG)
        + invasions * crate::casualties::battle_deaths(&w.params, MAJOR_WAR_RUNG);
    let t = &mut w.tally;
    t.nuclear_armed_states = w.actors.iter().filter(|a| a.is_armed()).count() as u32;
    t.programmes = w.actors.iter().filter(|a| a.has_programme()).count() as u32;
    t.warheads_total = w.actors.iter().map(|a| a.warheads()).sum();
    t.warheads_survivable = w
        .actors
        .iter()
        .flat_map(|a| a.state.forces.iter())
        .map(|f| f.launchers.best * f.warheads_per_launcher.best * f.generated_survivable_fraction.best)
        .sum();
    t.norm_strength = w.regime.norm_strength;
    t.inequity = w.regime.inequity;
    t.assurance_credibility = w.regime.assurance_credibility;
    let mut sum = 0.0;
    let (mut n, mut mv) = (0u32, 0u32);
    for d in w.dyads.iter().filter(|d| d.is_active()) {
        if let Some(s) = &d.stability
            && w.actors[d.a].is_armed()
            && w.actors[d.b].is_armed()
        {
            n += 1;
            sum += s.index;
            mv += u32::from(s.mutual_vulnerability);
        }
    }
    t.nuclear_dyads = n;
    t.mutually_vulnerable_dyads = mv;
    t.mean_first_strike_stability = if n > 0 { sum / f64::from(n) } else { f64::NAN };
}

/// The dyad-year panel rows of the current year.
pub fn dyad_rows(w: &World) -> Vec<DyadYearRecord> {
    w.dyads
        .iter()
        .map(|d| {
            let (a, b) = (&w.actors[d.a], &w.actors[d.b]);
            let s = d.stability.as_ref();
            let c = d.crisis;
            DyadYearRecord {
                year: w.year,
                ccode1: a.state.cow,
                ccode2: b.state.cow,
                iso3_1: Code::new(&a.state.iso3),
                iso3_2: Code::new(&b.state.iso3),
                armed1: a.is_armed(),
                armed2: b.is_armed(),
                surviving1: s.map(|s| s.b_strikes.surviving_warheads),
                surviving2: s.map(|s| s.a_strikes.surviving_warheads),
                adequacy1: s.map(|s| s.b_strikes.adequacy),
                adequacy2: s.map(|s| s.a_strikes.adequacy),
                fss_index: s.map(|s| s.index),
                mutual_vulnerability: s.is_some_and(|s| s.mutual_vulnerability),
                crisis: c.is_some(),
                max_rung: c.map_or(0, |c| c.max_rung),
                max_conventional: c.map_or(0, |c| c.max_conventional),
                max_nuclear: c.map_or(0, |c| c.max_nuclear),
                war: c.is_some_and(|c| c.max_conventional >= WAR_RUNG),
                nuclear_use: c.is_some_and(|c| c.max_nuclear >= NUCLEAR_USE_RUNG),
            }
        })
        .collect()
}

/// Headline measures of a run (docs/model.md §6), including the paradox measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    /// Years simulated.
    pub years: u32,
    /// First year with nuclear use, if any.
    pub first_nuclear_use_year: Option<i32>,
    /// Nuclear uses.
    pub nuclear_uses: u32,
    /// Wars.
    pub wars: u32,
    /// Wars between armed states.
    pub wars_between_nuclear: u32,
    /// Major wars between armed states per armed dyad-year.
    pub major_war_hazard_nuclear_dyads: f64,
    /// Expected major wars between armed states per armed dyad-year: the sum over the run's
    /// crises between armed states of each one's splitting estimate of reaching major war (run
    /// option `major_war_particles`), per armed dyad-year; with splitting off, equal to
    /// `major_war_hazard_nuclear_dyads`.
    pub major_war_risk_nuclear_dyads: f64,
    /// Wars (limited or major) between armed states per armed dyad-year.
    pub war_hazard_nuclear_dyads: f64,
    /// Nuclear uses in crises between armed states per armed dyad-year.
    pub nuclear_use_hazard_nuclear_dyads: f64,
    /// Share of armed dyad-years that were mutually vulnerable.
    pub share_mutually_vulnerable: f64,
    /// Mean first-strike stability over armed dyad-years.
    pub mean_first_strike_stability: f64,
    /// Armed states at the end.
    pub nuclear_armed_states_end: u32,
    /// Acquisitions.
    pub acquisitions: u32,
    /// Reversals.
    pub reversals: u32,
    /// Preventive strikes.
    pub preventive_strikes: u32,
    /// Crises involving an armed state that stayed below war (sub-nuclear conflict).
    pub sub_war_crises_involving_nuclear: u32,
    /// Crises.
    pub crises: u32,
    /// Value destroyed by nuclear use (sum of state shares).
    pub nuclear_damage: f64,
    /// Deaths from nuclear use (sum of the years').
    pub nuclear_deaths: f64,
    /// Battle deaths of wars (sum of the years').
    pub battle_deaths: f64,
    /// Occupations of states without weapons.
    pub occupations: u32,
}

/// Summarises the year records of a run.
pub fn summarise(years: &[YearRecord]) -> RunSummary {
    let dyad_years: u32 = years.iter().map(|y| y.nuclear_dyads).sum();
    let per = |x: u32| if dyad_years > 0 { f64::from(x) / f64::from(dyad_years) } else { f64::NAN };
    let fss: Vec<f64> = years
        .iter()
        .filter(|y| y.nuclear_dyads > 0)
        .map(|y| y.mean_first_strike_stability * f64::from(y.nuclear_dyads))
        .collect();
    RunSummary {
        years: years.len() as u32,
        first_nuclear_use_year: years.iter().find(|y| y.nuclear_use > 0).map(|y| y.year),
        nuclear_uses: years.iter().map(|y| y.nuclear_use).sum(),
        wars: years.iter().map(|y| y.wars).sum(),
        wars_between_nuclear: years.iter().map(|y| y.wars_between_nuclear).sum(),
        major_war_hazard_nuclear_dyads: per(years.iter().map(|y| y.major_wars_between_nuclear).sum()),
        major_war_risk_nuclear_dyads: if dyad_years > 0 {
            years.iter().map(|y| y.major_war_risk_between_nuclear).sum::<f64>() / f64::from(dyad_years)
        } else {
            f64::NAN
        },
        war_hazard_nuclear_dyads: per(years.iter().map(|y| y.wars_between_nuclear).sum()),
        nuclear_use_hazard_nuclear_dyads: per(years.iter().map(|y| y.nuclear_use_between_nuclear).sum()),
        share_mutually_vulnerable: per(years.iter().map(|y| y.mutually_vulnerable_dyads).sum()),
        mean_first_strike_stability: if dyad_years > 0 {
            fss.iter().sum::<f64>() / f64::from(dyad_years)
        } else {
            f64::NAN
        },
        nuclear_armed_states_end: years.last().map_or(0, |y| y.nuclear_armed_states),
        acquisitions: years.iter().map(|y| y.acquisitions).sum(),
        reversals: years.iter().map(|y| y.reversals).sum(),
        preventive_strikes: years.iter().map(|y| y.preventive_strikes).sum(),
        sub_war_crises_involving_nuclear: years.iter().map(|y| y.sub_war_crises_involving_nuclear).sum(),
        crises: years.iter().map(|y| y.crises).sum(),
        nuclear_damage: years.iter().map(|y| y.nuclear_damage).sum(),
        nuclear_deaths: years.iter().map(|y| y.nuclear_deaths).sum(),
        battle_deaths: years.iter().map(|y| y.battle_deaths).sum(),
        occupations: years.iter().map(|y| y.occupations).sum(),
    }
}
