//! The records the world keeps during a year: the year's counters ([`YearRecord`]), the signals
//! gathered for next year's regime step ([`RegimeSignals`]) and the events ([`EventRecord`],
//! typed by [`EventKind`]).
//!
//! The processes write them as things happen; observation (process 9, [`crate::observe`])
//! completes the year record and turns the year into the run's output.

use crate::ladder::{CrisisOutcome, Ending, UseKind};
use exchange::forces::Code;
use model::{DeliveryClass, NuclearStatus, RegimeLever};
use serde::Serialize;

/// Counters and levels of one year (docs/model.md §6).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct YearRecord {
    /// Year.
    pub year: i32,
    /// States holding weapons at the end of the year.
    pub nuclear_armed_states: u32,
    /// Programmes under way (exploring or pursuing).
    pub programmes: u32,
    /// Stockpiles, all states: warheads on launchers plus those held in reserve after a treaty
    /// took them off launchers.
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
    /// Crises between two armed states that ended without clashes: the conventional track
    /// stayed at the militarised-crisis rung or below (ICB's "no violence").
    pub violence_free_crises_between_nuclear: u32,
    /// Wars (≥ 1,000 battle deaths), any pair.
    pub wars: u32,
    /// Wars between two armed states.
    pub wars_between_nuclear: u32,
    /// Major wars between two armed states.
    pub major_wars_between_nuclear: u32,
    /// Expected major wars between two armed states in the year's crises between them: the sum
    /// over those crises of the splitting estimate of the probability that a crisis in that world
    /// reaches major war (run option `major_war_particles`), or, with splitting off, the count
    /// of those that did (then equal to `major_wars_between_nuclear`).
    pub major_war_risk_between_nuclear: f64,
    /// Wars against states without weapons by armed or great powers.
    pub invasions_of_non_nuclear: u32,
    /// Crises reaching nuclear alert or threat.
    pub nuclear_alerts: u32,
    /// Crises (or strikes) with nuclear use.
    pub nuclear_use: u32,
    /// Of those, begun by a deliberate choice (including retaliation for a preventive strike).
    pub deliberate_use: u32,
    /// Of those, begun by an accident at the alert rung (unauthorised or accidental launch).
    pub accidental_use: u32,
    /// Of those, begun by a false warning taken for an attack at the alert rung.
    pub inadvertent_use: u32,
    /// Serious false warnings of attack: armed states' yearly false alarms, and those taken for
    /// an attack in a crisis.
    pub false_alarms: u32,
    /// Nuclear uses in crises between two armed states.
    pub nuclear_use_between_nuclear: u32,
    /// Shares of states' value destroyed by nuclear use, summed (1 = one state destroyed).
    pub nuclear_damage: f64,
    /// Deaths from nuclear use (casualties model: warheads arriving × deaths per warhead of the
    /// target class × (yield / 1 Mt)^(2/3); not capped by population).
    pub nuclear_deaths: f64,
    /// Battle deaths of the year's wars (at least 1,000 a war, the Correlates of War threshold).
    pub battle_deaths: f64,
    /// Occupations or regime changes of states without weapons after a major war.
    pub occupations: u32,
    /// Mutually vulnerable dyads among dyads of two armed states.
    pub mutually_vulnerable_dyads: u32,
    /// Active rivalries (intensity above 0) of two armed states.
    pub nuclear_dyads: u32,
    /// Mean first-strike stability index over active rivalries of two armed states (NaN when
    /// none).
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

/// One event of a run: when, what, and the states involved.
///
/// Serialised (JSON) as `year`, `kind` (the [`EventKind`] name) and the kind's own fields,
/// then `first`, `second` and `detail`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// Year.
    pub year: i32,
    /// What happened, with its data.
    #[serde(flatten)]
    pub kind: EventKind,
    /// First state (COW code, ISO3): the one acting, or the first of a pair ([`EventKind`] says
    /// which for each kind).
    pub first: Option<(u32, Code)>,
    /// Second state: the one acted on, or the second of a pair.
    pub second: Option<(u32, Code)>,
    /// A readable account of `kind`'s data ([`EventKind::describe`]).
    pub detail: String,
}

impl EventRecord {
    /// The record of `kind` in `year` between `first` and `second`, with its readable detail.
    pub fn new(year: i32, kind: EventKind, first: Option<(u32, Code)>, second: Option<(u32, Code)>) -> EventRecord {
        EventRecord { year, kind, first, second, detail: kind.describe() }
    }
}

/// What happened in a run: the kind of an [`EventRecord`], with its data.
///
/// Not to be confused with `model::EventKind`, the kinds of exogenous event a scenario
/// schedules (`[[events]]`). When a scheduled event fires, the run records it here under the
/// same name (`treaty-cap`, `regime-shock`, `invasion`, `alliance-credibility`, `disarm`,
/// `rivalry`); a
/// scheduled `nuclear-status` change is recorded as `acquire`, `disarm` or `status`. The other
/// kinds are what the run's own processes produced.
///
/// Names (serialised, and [`EventKind::as_str`]) are kebab-case, as in events.csv.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EventKind {
    /// The state started exploring the weapons option.
    Explore {
        /// Its willingness to proliferate that year, in (0, 1).
        willingness: f64,
    },
    /// The state moved from exploring to pursuing weapons.
    Pursue {
        /// Its willingness to proliferate that year, in (0, 1).
        willingness: f64,
    },
    /// The state acquired weapons: a first-generation force.
    Acquire {
        /// Warheads of the new force.
        warheads: f64,
    },
    /// The state gave up its weapons (scheduled).
    Disarm,
    /// The state abandoned its programme.
    Reversal {
        /// Whether it was under sanctions (enforcement that worked).
        under_sanctions: bool,
    },
    /// The regime detected the programme of a state outside the NPT: no violation to enforce.
    Detected,
    /// The regime enforced (sanctions) against the state's detected NPT violation.
    Enforcement {
        /// Credibility of the state's ties to a veto-holding nuclear-weapon state, in [0, 1].
        shield: f64,
    },
    /// The state's detected NPT violation went unpunished.
    Unpunished {
        /// Credibility of the state's ties to a veto-holding nuclear-weapon state, in [0, 1].
        shield: f64,
    },
    /// The first state struck the second's programme or young arsenal preventively.
    PreventiveStrike {
        /// The target's second-strike adequacy against the striker (arriving warheads over the
        /// striker's unacceptable damage; 0 without weapons).
        target_adequacy: f64,
    },
    /// The first state, its young arsenal struck preventively, retaliated with nuclear weapons
    /// on the second (the striker).
    NuclearUse,
    /// The first state's preventive strike on the second became a war.
    War,
    /// A crisis between a rival pair (first and second in the scenario's order).
    Crisis(CrisisEvent),
    /// The first state's warning systems reported an attack that was not happening; when it led
    /// to use (in a crisis), the second state is the one it was used on.
    FalseAlarm {
        /// Whether the state stood at the nuclear-alert rung in a crisis that year.
        on_alert: bool,
        /// Whether the warning was taken for an attack and answered with nuclear use.
        led_to_use: bool,
    },
    /// The second state, without weapons, was occupied (or its regime changed) by the first after
    /// backing down in a major war the first started.
    Occupation,
    /// The first state invaded the second (scheduled).
    Invasion,
    /// A cap on the deployed warheads of both parties came into force (scheduled).
    TreatyCap {
        /// Cap on each party's deployed warheads (New START counting); infinite (null in JSON)
        /// for a treaty that limits only launchers, MIRVed missiles or a range band.
        cap_warheads: f64,
        /// Last year in force.
        until: i32,
    },
    /// A regime lever jumped (scheduled).
    RegimeShock {
        /// The lever.
        lever: RegimeLever,
        /// The change.
        delta: f64,
    },
    /// The credibility of the first state's commitment to the second was set (scheduled).
    AllianceCredibility {
        /// The new credibility, in [0, 1].
        credibility: f64,
    },
    /// The state's nuclear status was set (scheduled), other than acquisition or disarmament.
    Status {
        /// The new status.
        status: NuclearStatus,
    },
    /// The rivalry between the first and the second state (in the scenario's order) started,
    /// changed intensity or ended (scheduled).
    Rivalry {
        /// Started (from intensity 0), changed, or ended (to intensity 0).
        change: RivalryChange,
        /// Intensity before the event.
        from: f64,
        /// Intensity from this year on.
        intensity: f64,
    },
    /// The first state gave the second sensitive nuclear assistance (scheduled): the
    /// recipient's latency rose.
    Assistance {
        /// Recipient's latency before the assistance.
        from: f64,
        /// Recipient's latency after it.
        latency: f64,
    },
    /// The state's latency was raised to a scheduled value (never lowered), e.g. as its first
    /// enrichment or reprocessing facility began operating (scheduled).
    Latency {
        /// Latency before the event.
        from: f64,
        /// Latency after it: the larger of `from` and the scheduled value.
        latency: f64,
    },
    /// The state's standing with the NPT changed (scheduled `npt`: it joined or withdrew).
    Npt {
        /// The new standing.
        status: model::NptStatus,
    },
    /// A new force element entered the state's service (scheduled `deploy`; a deployment held
    /// until the state was armed is recorded in the year it took effect).
    Deploy {
        /// Delivery class of the new element.
        class: DeliveryClass,
        /// Its warheads per launcher (above 1: MIRV or a bomber's load).
        warheads_per_launcher: f64,
        /// Its yield, kilotons.
        yield_kt: f64,
        /// Its CEP, metres.
        cep_m: f64,
        /// Systems whose withdrawal it started.
        retired: u32,
    },
}

/// What a scheduled `rivalry` event did to a rivalry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RivalryChange {
    /// A dormant rivalry (intensity 0) became active.
    Start,
    /// An active rivalry's intensity changed.
    Change,
    /// The rivalry's intensity became 0: no crises, threat or preventive strikes from it.
    End,
}

impl RivalryChange {
    /// What a rivalry going from intensity `from` to `to` is: an end when `to` is 0, a start
    /// when `from` was 0, a change otherwise.
    pub fn of(from: f64, to: f64) -> RivalryChange {
        if to <= 0.0 {
            RivalryChange::End
        } else if from <= 0.0 {
            RivalryChange::Start
        } else {
            RivalryChange::Change
        }
    }
}

impl EventKind {
    /// Every kind's name, in declaration order.
    pub const NAMES: [&'static str; 24] = [
        "explore",
        "pursue",
        "acquire",
        "disarm",
        "reversal",
        "detected",
        "enforcement",
        "unpunished",
        "preventive-strike",
        "nuclear-use",
        "war",
        "crisis",
        "false-alarm",
        "occupation",
        "invasion",
        "treaty-cap",
        "regime-shock",
        "alliance-credibility",
        "status",
        "rivalry",
        "assistance",
        "latency",
        "deploy",
        "npt",
    ];

    /// The kind's name, as in events.csv (kebab-case).
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Explore { .. } => "explore",
            EventKind::Pursue { .. } => "pursue",
            EventKind::Acquire { .. } => "acquire",
            EventKind::Disarm => "disarm",
            EventKind::Reversal { .. } => "reversal",
            EventKind::Detected => "detected",
            EventKind::Enforcement { .. } => "enforcement",
            EventKind::Unpunished { .. } => "unpunished",
            EventKind::PreventiveStrike { .. } => "preventive-strike",
            EventKind::NuclearUse => "nuclear-use",
            EventKind::War => "war",
            EventKind::Crisis(_) => "crisis",
            EventKind::FalseAlarm { .. } => "false-alarm",
            EventKind::Occupation => "occupation",
            EventKind::Invasion => "invasion",
            EventKind::TreatyCap { .. } => "treaty-cap",
            EventKind::RegimeShock { .. } => "regime-shock",
            EventKind::AllianceCredibility { .. } => "alliance-credibility",
            EventKind::Status { .. } => "status",
            EventKind::Rivalry { .. } => "rivalry",
            EventKind::Assistance { .. } => "assistance",
            EventKind::Latency { .. } => "latency",
            EventKind::Deploy { .. } => "deploy",
            EventKind::Npt { .. } => "npt",
        }
    }

    /// A readable account of the kind's data (the `detail` column of events.csv).
    pub fn describe(&self) -> String {
        match *self {
            EventKind::Explore { willingness } | EventKind::Pursue { willingness } => {
                format!("willingness {willingness:.3}")
            }
            EventKind::Acquire { warheads } => format!("{warheads} warheads"),
            EventKind::Disarm => String::new(),
            EventKind::Reversal { under_sanctions } => {
                if under_sanctions {
                    "under sanctions".into()
                } else {
                    String::new()
                }
            }
            EventKind::Detected => "not an NPT member: no violation".into(),
            EventKind::Enforcement { shield } | EventKind::Unpunished { shield } => format!("shield {shield:.2}"),
            // + 0.0: no "-0.00".
            EventKind::PreventiveStrike { target_adequacy } => format!("target adequacy {:.2}", target_adequacy + 0.0),
            EventKind::NuclearUse => "retaliation for a preventive strike".into(),
            EventKind::War => "after a preventive strike".into(),
            EventKind::Crisis(c) => c.describe(),
            EventKind::FalseAlarm { on_alert, led_to_use } => match (on_alert, led_to_use) {
                (_, true) => "on alert in a crisis; taken for an attack: inadvertent use".into(),
                (true, false) => "on alert in a crisis; no use".into(),
                (false, false) => "no use".into(),
            },
            EventKind::Occupation => "defeat in a major war".into(),
            EventKind::Invasion => "scheduled".into(),
            EventKind::TreatyCap { cap_warheads, until } if cap_warheads.is_finite() => {
                format!("deployed warheads capped at {cap_warheads} until {until}")
            }
            EventKind::TreatyCap { until, .. } => format!("launchers or a range band limited until {until}"),
            EventKind::RegimeShock { lever, delta } => format!("{} {delta:+}", lever_name(lever)),
            EventKind::AllianceCredibility { credibility } => format!("credibility {credibility}"),
            EventKind::Status { status } => status.as_str().into(),
            EventKind::Rivalry { change, from, intensity } => match change {
                RivalryChange::Start => format!("started at intensity {intensity}"),
                RivalryChange::Change => format!("intensity {from} to {intensity}"),
                RivalryChange::End => format!("ended (intensity was {from})"),
            },
            EventKind::Assistance { from, latency } | EventKind::Latency { from, latency } => {
                format!("latency {from:.2} to {latency:.2}")
            }
            EventKind::Npt { status } => status.as_str().to_owned(),
            EventKind::Deploy { class, warheads_per_launcher, yield_kt, cep_m, retired } => {
                let retiring = if retired > 0 { format!("; retiring {retired} system(s)") } else { String::new() };
                format!(
                    "{} × {warheads_per_launcher} warheads of {yield_kt} kt, CEP {cep_m} m{retiring}",
                    class.as_str()
                )
            }
        }
    }
}

/// One crisis, as the run records it: how far it went and how it ended, naming the states.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CrisisEvent {
    /// Highest rung reached (the higher of the two levels; [`crate::ladder`]).
    pub rung: u8,
    /// Highest conventional level: 1 crisis, 2 clashes, 3 limited war, 4 major war.
    pub conventional: u8,
    /// Highest nuclear level: 0 none, 5 alert or threat, 6 limited use, 7 general war.
    pub nuclear: u8,
    /// The state that challenged (moved first).
    pub challenger: Code,
    /// How it ended.
    pub ending: CrisisEnding,
    /// The state that first took the crisis to war (rung 3), if any.
    pub war_initiator: Option<Code>,
    /// The state that first used nuclear weapons, if any.
    pub nuclear_initiator: Option<Code>,
    /// Whether the first nuclear use was an accident.
    pub accidental: bool,
    /// Each state's own nuclear use (the pair's first state, then its second), if any.
    pub uses: [Option<StateUse>; 2],
}

/// One state's own nuclear use in a crisis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StateUse {
    /// The state.
    pub state: Code,
    /// How its first use came about (deliberate, accidental or inadvertent); any later use by it
    /// was deliberate.
    pub kind: UseKind,
    /// The highest rung of its own use (6 limited use, 7 general war).
    pub rung: u8,
}

/// How a crisis ended, naming the states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum CrisisEnding {
    /// `state` backed down; its rival `prevailed`.
    BackedDown {
        /// The state that backed down.
        state: Code,
        /// The state that prevailed.
        prevailed: Code,
    },
    /// Neither backed down: both held for the stalemate rounds, or the round limit passed.
    Stalemate,
    /// The crisis ended in general nuclear war.
    GeneralWar,
}

impl CrisisEvent {
    /// The record of crisis `o` between the pair `states` (the dyad's first and second state).
    pub fn new(o: &CrisisOutcome, states: [Code; 2]) -> CrisisEvent {
        let state = |side: u8| states[usize::from(side)];
        let ending = match o.ending {
            Ending::FirstBackedDown => CrisisEnding::BackedDown { state: states[0], prevailed: states[1] },
            Ending::SecondBackedDown => CrisisEnding::BackedDown { state: states[1], prevailed: states[0] },
            Ending::Stalemate => CrisisEnding::Stalemate,
            Ending::GeneralWar => CrisisEnding::GeneralWar,
        };
        CrisisEvent {
            rung: o.max_rung,
            conventional: o.max_conventional,
            nuclear: o.max_nuclear,
            challenger: state(o.challenger),
            ending,
            war_initiator: o.war_initiator.map(state),
            nuclear_initiator: o.nuclear_initiator.map(state),
            accidental: o.accidental,
            uses: [0, 1].map(|i| o.uses[i].map(|u| StateUse { state: states[i], kind: u.kind, rung: u.rung })),
        }
    }

    /// A readable account, e.g. `rung 3 (conventional 3, nuclear 0), BBB backed down;
    /// challenger AAA, war started by AAA`.
    pub fn describe(&self) -> String {
        let mut s = format!("rung {} (conventional {}, nuclear {}), ", self.rung, self.conventional, self.nuclear);
        match self.ending {
            CrisisEnding::BackedDown { state, .. } => s.push_str(&format!("{state} backed down")),
            CrisisEnding::Stalemate => s.push_str("stalemate"),
            CrisisEnding::GeneralWar => s.push_str("general nuclear war"),
        }
        s.push_str(&format!("; challenger {}", self.challenger));
        if let Some(x) = self.war_initiator {
            s.push_str(&format!(", war started by {x}"));
        }
        if let Some(x) = self.nuclear_initiator {
            s.push_str(&format!(", first nuclear use by {x}"));
        }
        let mut uses = self.uses.iter().flatten().collect::<Vec<_>>();
        // The first user first.
        uses.sort_by_key(|u| Some(u.state) != self.nuclear_initiator);
        for (n, u) in uses.iter().enumerate() {
            let sep = if n == 0 { "; use: " } else { ", " };
            s.push_str(&format!("{sep}{} {} (rung {})", u.state, u.kind.as_str(), u.rung));
        }
        s
    }
}

/// A regime lever's name, as in scenario files.
fn lever_name(lever: RegimeLever) -> &'static str {
    match lever {
        RegimeLever::NormStrength => "norm_strength",
        RegimeLever::Verification => "verification",
        RegimeLever::Enforcement => "enforcement",
        RegimeLever::Selectivity => "selectivity",
        RegimeLever::Inequity => "inequity",
        RegimeLever::AssuranceCredibility => "assurance_credibility",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_list_every_kind_once_in_declaration_order() {
        let code = Code::new("AAA");
        let crisis = CrisisEvent {
            rung: 1,
            conventional: 1,
            nuclear: 0,
            challenger: code,
            ending: CrisisEnding::Stalemate,
            war_initiator: None,
            nuclear_initiator: None,
            accidental: false,
            uses: [None, None],
        };
        // One of each kind; the match makes a new kind fail to compile until it is listed here.
        let every = [
            EventKind::Explore { willingness: 0.5 },
            EventKind::Pursue { willingness: 0.5 },
            EventKind::Acquire { warheads: 6.0 },
            EventKind::Disarm,
            EventKind::Reversal { under_sanctions: true },
            EventKind::Detected,
            EventKind::Enforcement { shield: 0.0 },
            EventKind::Unpunished { shield: 0.0 },
            EventKind::PreventiveStrike { target_adequacy: 0.0 },
            EventKind::NuclearUse,
            EventKind::War,
            EventKind::Crisis(crisis),
            EventKind::FalseAlarm { on_alert: false, led_to_use: false },
            EventKind::Occupation,
            EventKind::Invasion,
            EventKind::TreatyCap { cap_warheads: 1550.0, until: 2026 },
            EventKind::RegimeShock { lever: RegimeLever::Verification, delta: -0.1 },
            EventKind::AllianceCredibility { credibility: 0.5 },
            EventKind::Status { status: NuclearStatus::Exploring },
            EventKind::Rivalry { change: RivalryChange::End, from: 0.5, intensity: 0.0 },
            EventKind::Assistance { from: 0.1, latency: 0.55 },
            EventKind::Latency { from: 0.05, latency: 0.6 },
            EventKind::Deploy {
                class: DeliveryClass::Ssbn,
                warheads_per_launcher: 10.0,
                yield_kt: 40.0,
                cep_m: 550.0,
                retired: 1,
            },
            EventKind::Npt { status: model::NptStatus::NonNuclearMember },
        ];
        for k in &every {
            match k {
                EventKind::Explore { .. }
                | EventKind::Pursue { .. }
                | EventKind::Acquire { .. }
                | EventKind::Disarm
                | EventKind::Reversal { .. }
                | EventKind::Detected
                | EventKind::Enforcement { .. }
                | EventKind::Unpunished { .. }
                | EventKind::PreventiveStrike { .. }
                | EventKind::NuclearUse
                | EventKind::War
                | EventKind::Crisis(_)
                | EventKind::FalseAlarm { .. }
                | EventKind::Occupation
                | EventKind::Invasion
                | EventKind::TreatyCap { .. }
                | EventKind::RegimeShock { .. }
                | EventKind::AllianceCredibility { .. }
                | EventKind::Status { .. }
                | EventKind::Rivalry { .. }
                | EventKind::Assistance { .. }
                | EventKind::Latency { .. }
                | EventKind::Deploy { .. }
                | EventKind::Npt { .. } => {}
            }
        }
        assert_eq!(every.map(|k| k.as_str()), EventKind::NAMES);
    }

    #[test]
    fn details_use_the_names_of_scenario_files() {
        let shock = EventKind::RegimeShock { lever: RegimeLever::AssuranceCredibility, delta: -0.1 };
        assert_eq!(shock.describe(), "assurance_credibility -0.1");
        assert_eq!(EventKind::Status { status: NuclearStatus::Exploring }.describe(), "exploring");
        assert_eq!(EventKind::PreventiveStrike { target_adequacy: -0.0 }.describe(), "target adequacy 0.00");
        assert_eq!(EventKind::Latency { from: 0.05, latency: 0.6 }.describe(), "latency 0.05 to 0.60");
        let deploy = EventKind::Deploy {
            class: DeliveryClass::SiloIcbm,
            warheads_per_launcher: 3.0,
            yield_kt: 170.0,
            cep_m: 280.0,
            retired: 0,
        };
        assert_eq!(deploy.describe(), "silo_icbm × 3 warheads of 170 kt, CEP 280 m");
    }
}
