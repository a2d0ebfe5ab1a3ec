//! The escalation ladder (docs/model.md §3): its rungs, and the record of one crisis played on it.
//!
//! Rungs: 0 dispute, 1 militarised crisis, 2 conventional clashes, 3 limited war, 4 major war
//! (the conventional track), 5 nuclear alert or threat, 6 limited nuclear use, 7 general nuclear
//! war (the nuclear track, armed sides only). A crisis stands at a conventional level and a
//! nuclear level (0 before any nuclear step); its rung is the higher of the two. How a crisis is
//! played is process 6 ([`crate::crisis`]); this module is the vocabulary that the crisis
//! process, the records and the reports share.

use serde::Serialize;

/// The ladder's top rung.
pub const TOP_RUNG: u8 = 7;
/// The conventional-clashes rung: the first rung with violence (ICB's minor clashes).
pub const CLASHES_RUNG: u8 = 2;
/// First rung counted as war (≥ 1,000 battle deaths).
pub const WAR_RUNG: u8 = 3;
/// The major-war rung.
pub const MAJOR_WAR_RUNG: u8 = 4;
/// The nuclear alert / threat rung.
pub const ALERT_RUNG: u8 = 5;
/// First rung with nuclear use.
pub const NUCLEAR_USE_RUNG: u8 = 6;

/// The name of `rung` (0 to [`TOP_RUNG`]), as the reports print it.
pub fn rung_name(rung: u8) -> &'static str {
    match rung {
        0 => "dispute",
        1 => "militarised crisis",
        2 => "conventional clashes",
        3 => "limited war",
        4 => "major war",
        5 => "nuclear alert or threat",
        6 => "limited nuclear use",
        _ => "general nuclear war",
    }
}

/// How a crisis ended, by side of the dyad (the run's records name the states instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// The first side of the dyad backed down.
    FirstBackedDown,
    /// The second side backed down.
    SecondBackedDown,
    /// Both held.
    Stalemate,
    /// General nuclear war.
    GeneralWar,
}

/// How a side came to use nuclear weapons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UseKind {
    /// Chosen: an escalation the side's leaders picked (including retaliation).
    Deliberate,
    /// An accident at the nuclear-alert rung: an unauthorised or accidental launch, not chosen.
    Accidental,
    /// A false warning of attack, taken for a real one at the nuclear-alert rung (launch on
    /// warning), not chosen on the facts.
    Inadvertent,
}

impl UseKind {
    /// The kind's name, as the records print it.
    pub fn as_str(self) -> &'static str {
        match self {
            UseKind::Deliberate => "deliberate",
            UseKind::Accidental => "accidental",
            UseKind::Inadvertent => "inadvertent",
        }
    }
}

/// One side's own nuclear use in a crisis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SideUse {
    /// How its first use came about. Accidents and false warnings act only before anyone has
    /// used, so any later use by the side (general war) is deliberate.
    pub kind: UseKind,
    /// The highest rung of its own use (6 limited use, 7 general war).
    pub rung: u8,
}

/// The record of one crisis, by side of the dyad (0 = its first state, 1 = its second).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CrisisOutcome {
    /// Highest rung reached.
    pub max_rung: u8,
    /// Highest conventional level (1 crisis, 2 clashes, 3 limited war, 4 major war).
    pub max_conventional: u8,
    /// Highest nuclear level (0 none, 5 alert or threat, 6 limited use, 7 general war).
    pub max_nuclear: u8,
    /// Which side (0 = the dyad's first state, 1 = its second) challenged.
    pub challenger: u8,
    /// How it ended.
    pub ending: Ending,
    /// Whether the crisis's first nuclear use was an accident ([`UseKind::Accidental`]).
    pub accidental: bool,
    /// The side that first took the crisis to war (rung 3), if any.
    pub war_initiator: Option<u8>,
    /// The side that first used nuclear weapons, if any (whatever the kind of its use).
    pub nuclear_initiator: Option<u8>,
    /// Each side's own nuclear use, if any (index 0 = the dyad's first state).
    pub uses: [Option<SideUse>; 2],
}

impl CrisisOutcome {
    /// The kind of the crisis's first nuclear use, if any.
    pub fn first_use(&self) -> Option<UseKind> {
        self.nuclear_initiator.and_then(|i| self.uses[usize::from(i)]).map(|u| u.kind)
    }
}
