//! The scenario file's types: what a user writes, as serde reads it.
//!
//! A scenario is a TOML document (see `docs/scenario.md`). Every table rejects unknown fields,
//! so a typo is an error rather than a silently ignored setting. Deserialising only checks
//! shapes and types; [`crate::validate`] checks meaning (ranges, references between tables) and
//! reports each problem with the path of the offending field.

use crate::estimate::Estimate;
use serde::{Deserialize, Serialize};

/// The only scenario schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A complete scenario: who exists, what forces they hold, who is rival or ally of whom, and
/// the settings of the calculus and the regime.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// File format version; must equal [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Name, title and date of the scenario.
    pub scenario: ScenarioInfo,
    /// Settings of the force-exchange calculus.
    #[serde(default)]
    pub exchange: ExchangeSettings,
    /// Levers of the non-proliferation regime (used by the simulation engine).
    #[serde(default)]
    pub regime: Option<RegimeLevers>,
    /// Citation table: every key used in a `sources` list is defined here.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The states of the scenario.
    pub states: Vec<State>,
    /// Adversary pairs.
    #[serde(default)]
    pub rivalries: Vec<Rivalry>,
    /// Alliances and security guarantees.
    #[serde(default)]
    pub alliances: Vec<Alliance>,
    /// Settings of the year-by-year simulation.
    #[serde(default)]
    pub simulation: Option<Simulation>,
    /// Exogenous events scheduled by year.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// Settings of the year-by-year simulation (docs/model.md).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    /// First simulated year.
    pub start_year: i32,
    /// Number of simulated years.
    #[serde(default = "default_horizon")]
    pub horizon_years: u32,
    /// Theory lenses switched on (docs/model.md §4); empty means `deterrence`.
    #[serde(default)]
    pub lenses: Vec<Lens>,
    /// A regime preset replacing the `[regime]` levers and their dynamics.
    #[serde(default)]
    pub regime_preset: Option<RegimePreset>,
    /// Overrides of named engine parameters (see docs/model.md for names and defaults).
    #[serde(default)]
    pub parameters: std::collections::BTreeMap<String, Estimate>,
}

fn default_horizon() -> u32 {
    50
}

/// A theory lens: a named set of mechanism parameters (docs/model.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lens {
    /// Realist deterrence: prudence grows with mutual vulnerability.
    Deterrence,
    /// Liberal institutionalism: norm strength itself restrains proliferation and escalation.
    Institutionalist,
    /// Organisational risk (Sagan): weak command and control, accidents, preventive-war windows.
    Organisational,
    /// Stability–instability paradox (Snyder): secure second strikes license sub-nuclear conflict.
    StabilityInstability,
}

impl Lens {
    /// All lenses in a fixed order.
    pub const ALL: [Lens; 4] =
        [Lens::Deterrence, Lens::Institutionalist, Lens::Organisational, Lens::StabilityInstability];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Lens::Deterrence => "deterrence",
            Lens::Institutionalist => "institutionalist",
            Lens::Organisational => "organisational",
            Lens::StabilityInstability => "stability-instability",
        }
    }
}

/// A documented set of regime levers and dynamics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegimePreset {
    /// Strong norm, effective verification, impartial enforcement.
    Strong,
    /// Today's regime: selective non-compliance, eroding norm, inequitable application.
    Eroded,
    /// A regime that no longer constrains: weak norm, little verification or enforcement.
    Failed,
}

impl RegimePreset {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            RegimePreset::Strong => "strong",
            RegimePreset::Eroded => "eroded",
            RegimePreset::Failed => "failed",
        }
    }
}

/// Which lever a `regime-shock` event moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegimeLever {
    /// Norm strength.
    NormStrength,
    /// Verification.
    Verification,
    /// Enforcement.
    Enforcement,
    /// Selectivity of enforcement.
    Selectivity,
    /// Perceived inequity.
    Inequity,
    /// Credibility of security assurances.
    AssuranceCredibility,
}

/// Kinds of scheduled event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// A bilateral arms-control treaty between `parties`, from `year` until `until_year`: a cap
    /// on deployed warheads, on launchers, on MIRVed missiles, and the elimination of a range
    /// band of ground-launched missiles, in any combination.
    TreatyCap,
    /// A jump of `delta` in one regime `lever`.
    RegimeShock,
    /// `state` gives up its arsenal (status becomes `disarmed`).
    Disarm,
    /// `state` is invaded by `attacker` (exogenous war; others learn from it).
    Invasion,
    /// The credibility of `guarantor`'s commitment to `protege` becomes `credibility`.
    AllianceCredibility,
    /// `state`'s nuclear status is set to `nuclear_status` (e.g. an exogenous acquisition).
    NuclearStatus,
    /// The rivalry of `pair` (listed in `[[rivalries]]`) takes `intensity` (0 ends it; above 0
    /// starts a dormant one or changes it) and, if given, `stakes`.
    Rivalry,
    /// `supplier` gives `recipient` sensitive nuclear assistance (Kroenig 2009: enrichment or
    /// reprocessing help, weapon designs, weapons-grade material): the recipient's latency rises
    /// by `latency_gain` (or the engine's default) of the way to 1.
    Assistance,
    /// `state`'s latency becomes the larger of its current value and `latency` (e.g. its first
    /// enrichment or reprocessing facility began operating; a facility is not un-built by it).
    Latency,
    /// A new force element (`element`, a full `[[states.forces]]` entry) enters service for
    /// `state`, and the systems named in `retire` are withdrawn by `retire_by`. Held until the
    /// state is armed.
    Deploy,
    /// `state`'s standing with the NPT becomes `npt` (it joins as a non-nuclear-weapon state,
    /// as a nuclear-weapon state, or withdraws).
    Npt,
}

impl EventKind {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::TreatyCap => "treaty-cap",
            EventKind::RegimeShock => "regime-shock",
            EventKind::Disarm => "disarm",
            EventKind::Invasion => "invasion",
            EventKind::AllianceCredibility => "alliance-credibility",
            EventKind::NuclearStatus => "nuclear-status",
            EventKind::Rivalry => "rivalry",
            EventKind::Assistance => "assistance",
            EventKind::Latency => "latency",
            EventKind::Deploy => "deploy",
            EventKind::Npt => "npt",
        }
    }
}

/// An exogenous event scheduled for a year. Which optional fields are required depends on
/// `kind` (docs/scenario.md); validation says which is missing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Year the event happens (within the simulated horizon).
    pub year: i32,
    /// What happens.
    pub kind: EventKind,
    /// The state concerned (`disarm`, `invasion` victim, `nuclear-status`, `latency`).
    #[serde(default)]
    pub state: Option<String>,
    /// The invading state (`invasion`).
    #[serde(default)]
    pub attacker: Option<String>,
    /// Treaty parties (`treaty-cap`).
    #[serde(default)]
    pub parties: Option<[String; 2]>,
    /// Last year the treaty is in force (`treaty-cap`).
    #[serde(default)]
    pub until_year: Option<i32>,
    /// Cap on each party's deployed strategic warheads (`treaty-cap`; optional when the treaty
    /// limits launchers or bans a range band instead).
    #[serde(default)]
    pub deployed_cap_warheads: Option<Estimate>,
    /// Cap on each party's launchers of the classes in `launcher_classes`, one value per party in
    /// the order of `parties` (`treaty-cap`: SALT I's freeze, SALT II's aggregate).
    #[serde(default)]
    pub launcher_caps: Option<[Estimate; 2]>,
    /// Delivery classes whose launchers count against `launcher_caps`; all strategic classes
    /// (silo and mobile ICBMs, SSBNs, bombers) when empty (`treaty-cap`).
    #[serde(default)]
    pub launcher_classes: Vec<DeliveryClass>,
    /// Cap on each party's launchers of ballistic missiles (silo or mobile ICBMs, SLBMs) with
    /// more than one warhead per launcher (`treaty-cap`: SALT II's MIRV sub-limit).
    #[serde(default)]
    pub mirv_cap: Option<Estimate>,
    /// Range band, in km, of the ground-launched missiles (silo and mobile ICBM classes) the
    /// treaty eliminates: lower and upper bound, both included (`treaty-cap`: INF's 500–5,500 km).
    #[serde(default)]
    pub banned_range_km: Option<[f64; 2]>,
    /// Last year of the elimination of the banned band, linear from the event's year; the
    /// event's year when absent (`treaty-cap` with `banned_range_km`).
    #[serde(default)]
    pub eliminate_by: Option<i32>,
    /// Lever moved (`regime-shock`).
    #[serde(default)]
    pub lever: Option<RegimeLever>,
    /// Change of the lever, added and clamped to [0, 1] (`regime-shock`).
    #[serde(default)]
    pub delta: Option<Estimate>,
    /// Guarantor (`alliance-credibility`).
    #[serde(default)]
    pub guarantor: Option<String>,
    /// Protégé (`alliance-credibility`).
    #[serde(default)]
    pub protege: Option<String>,
    /// New credibility (`alliance-credibility`).
    #[serde(default)]
    pub credibility: Option<Estimate>,
    /// New status (`nuclear-status`).
    #[serde(default)]
    pub nuclear_status: Option<NuclearStatus>,
    /// New standing with the NPT (`npt`).
    #[serde(default)]
    pub npt: Option<NptStatus>,
    /// The two states of a rivalry listed in `[[rivalries]]`, in either order (`rivalry`).
    #[serde(default)]
    pub pair: Option<[String; 2]>,
    /// New rivalry intensity in [0, 1]; 0 ends the rivalry (`rivalry`).
    #[serde(default)]
    pub intensity: Option<Estimate>,
    /// New stakes in [0, 1]; unchanged when absent (`rivalry`).
    #[serde(default)]
    pub stakes: Option<Estimate>,
    /// The state giving sensitive nuclear assistance (`assistance`).
    #[serde(default)]
    pub supplier: Option<String>,
    /// The state receiving it (`assistance`).
    #[serde(default)]
    pub recipient: Option<String>,
    /// Share of the recipient's remaining gap to full latency that the assistance closes, in
    /// [0, 1]; the engine's `assistance_latency_gain` when absent (`assistance`).
    #[serde(default)]
    pub latency_gain: Option<Estimate>,
    /// The state's latency from this year on, in [0, 1], if higher than its current latency
    /// (`latency`).
    #[serde(default)]
    pub latency: Option<Estimate>,
    /// The force element entering service, launchers included (`deploy`).
    #[serde(default)]
    pub element: Option<ForceElement>,
    /// Systems of `state` withdrawn from service, by their `system` names (`deploy`).
    #[serde(default)]
    pub retire: Vec<String>,
    /// Last year of the withdrawal of `retire`, linear from the event's year; the event's year
    /// when absent (`deploy`).
    #[serde(default)]
    pub retire_by: Option<i32>,
    /// Citation keys.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

impl Event {
    /// An event of `kind` in `year` with no other field set: the caller fills in the fields
    /// its kind needs (docs/scenario.md).
    pub fn new(year: i32, kind: EventKind) -> Event {
        Event {
            year,
            kind,
            state: None,
            attacker: None,
            parties: None,
            until_year: None,
            deployed_cap_warheads: None,
            launcher_caps: None,
            launcher_classes: Vec::new(),
            mirv_cap: None,
            banned_range_km: None,
            eliminate_by: None,
            lever: None,
            delta: None,
            guarantor: None,
            protege: None,
            credibility: None,
            nuclear_status: None,
            npt: None,
            pair: None,
            intensity: None,
            stakes: None,
            supplier: None,
            recipient: None,
            latency_gain: None,
            latency: None,
            element: None,
            retire: Vec::new(),
            retire_by: None,
            sources: Vec::new(),
            note: None,
        }
    }
}

/// Descriptive header of a scenario.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioInfo {
    /// Short machine name, e.g. `world-2025`.
    pub name: String,
    /// Human title.
    #[serde(default)]
    pub title: Option<String>,
    /// The date the force data describe (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default)]
    pub as_of: Option<String>,
    /// A paragraph on what the scenario represents.
    #[serde(default)]
    pub description: Option<String>,
}

/// How lethal radius is computed from yield and hardness (docs/model.md, Part II).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LethalRadiusModel {
    /// Brode (1987) surface-burst airblast fit, solved for the lethal range (default).
    #[default]
    Brode,
    /// `LR_nmi = 2.62 · Y_Mt^(1/3) · H^(−1/3)`: fast, overstates LR by 3–4 % at silo hardness.
    CubeRoot,
}

/// Settings of the force-exchange calculus; every field has a documented default.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExchangeSettings {
    /// Lethal-radius model.
    pub lethal_radius_model: LethalRadiusModel,
    /// Most warheads the attacker aims at one target (the Cold War "2-on-1" convention).
    pub max_warheads_per_target: u32,
    /// Share of counterforce-capable warheads the attacker holds back for its own deterrence.
    pub withhold_fraction: Estimate,
    /// Weapons with a CEP above this (metres) are not used for counterforce.
    pub counterforce_max_cep_m: Estimate,
    /// Whether the victim launches its silo ICBMs on warning of a counterforce strike.
    pub launch_under_attack: bool,
    /// Share of silo ICBMs that escape when launched under attack (Kent & Thaler: 0.9).
    pub launch_under_attack_escape_fraction: Estimate,
}

impl Default for ExchangeSettings {
    fn default() -> Self {
        Self {
            lethal_radius_model: LethalRadiusModel::Brode,
            max_warheads_per_target: 2,
            withhold_fraction: Estimate::exact(0.0),
            counterforce_max_cep_m: Estimate::exact(1000.0),
            launch_under_attack: false,
            launch_under_attack_escape_fraction: Estimate::exact(0.9),
        }
    }
}

/// The levers of the global non-proliferation regime, each in [0, 1].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeLevers {
    /// Strength of the non-proliferation norm.
    pub norm_strength: Estimate,
    /// Yearly probability that a covert programme is detected.
    pub verification: Estimate,
    /// Probability that a detected violator bears costly enforcement.
    pub enforcement: Estimate,
    /// How strongly enforcement spares friends of the enforcers (0 impartial, 1 never punished).
    pub selectivity: Estimate,
    /// Perceived unfairness of the regime.
    pub inequity: Estimate,
    /// Credibility of security assurances to states without weapons.
    pub assurance_credibility: Estimate,
    /// Citation keys.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// One entry of the citation table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Key used in `sources` lists.
    pub key: String,
    /// Full citation.
    pub citation: String,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default)]
    pub published: Option<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Membership of the NPT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NptStatus {
    /// One of the five nuclear-weapon states recognised by the treaty.
    NuclearWeaponState,
    /// A non-nuclear-weapon state party.
    NonNuclearMember,
    /// Never joined.
    NonMember,
    /// Joined, then withdrew.
    Withdrawn,
}

impl NptStatus {
    /// The name scenario files use (`non-nuclear-member`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            NptStatus::NuclearWeaponState => "nuclear-weapon-state",
            NptStatus::NonNuclearMember => "non-nuclear-member",
            NptStatus::NonMember => "non-member",
            NptStatus::Withdrawn => "withdrawn",
        }
    }
}

/// Where a state stands with respect to nuclear weapons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NuclearStatus {
    /// No programme.
    None,
    /// Exploring the option (Bleek 2017's first stage).
    Exploring,
    /// Pursuing weapons.
    Pursuing,
    /// Possessing weapons.
    Possessing,
    /// Once possessed weapons, gave them up.
    Disarmed,
}

impl NuclearStatus {
    /// The name used in scenario files and outputs (`none`, `exploring`, `pursuing`,
    /// `possessing`, `disarmed`).
    pub fn as_str(self) -> &'static str {
        match self {
            NuclearStatus::None => "none",
            NuclearStatus::Exploring => "exploring",
            NuclearStatus::Pursuing => "pursuing",
            NuclearStatus::Possessing => "possessing",
            NuclearStatus::Disarmed => "disarmed",
        }
    }
}

/// A state's cumulative production of weapon fissile material by the end of `year` (data/fissile.csv).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FissilePoint {
    /// Year (the total at its end).
    pub year: i32,
    /// Weapon plutonium produced to date, tonnes.
    pub plutonium_tonnes: Estimate,
    /// Highly enriched uranium (weapon-grade equivalent) produced to date, tonnes.
    pub heu_tonnes: Estimate,
}

/// A country.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Correlates of War country code.
    pub cow: u32,
    /// ISO 3166-1 alpha-3 code; used to refer to the state elsewhere in the file.
    pub iso3: String,
    /// English short name.
    pub name: String,
    /// NPT membership.
    pub npt: NptStatus,
    /// Nuclear status.
    pub nuclear_status: NuclearStatus,
    /// Military stockpile (deployed plus reserve warheads), for reference.
    #[serde(default)]
    pub stockpile_warheads: Option<Estimate>,
    /// Arriving warheads on this state's value that its adversaries count as unacceptable damage.
    #[serde(default)]
    pub unacceptable_damage_warheads: Option<Estimate>,
    /// Arriving warheads that destroy 80 % of this state's value (Kent–Thaler damage curve).
    #[serde(default)]
    pub w80_warheads: Option<Estimate>,
    /// Share of attacking warheads that get through this state's missile defences (default 1).
    #[serde(default)]
    pub incoming_penetration_fraction: Option<Estimate>,
    /// World region (`north-america`, `europe`, `middle-east`, `south-asia`, `east-asia`, ...);
    /// neighbours in a region learn from each other's proliferation.
    #[serde(default)]
    pub region: Option<String>,
    /// Technical latency in [0, 1]: enrichment and reprocessing capacity (Fuhrmann & Tkach).
    #[serde(default)]
    pub latency: Option<Estimate>,
    /// Economic capacity in [0, 1] (share of the largest economy's GDP).
    #[serde(default)]
    pub economic_capacity: Option<Estimate>,
    /// Conventional military power in [0, 1] (share of the strongest state's capability).
    #[serde(default)]
    pub conventional_power: Option<Estimate>,
    /// Command-and-control quality in [0, 1] (1: no accidents or unauthorised use).
    #[serde(default)]
    pub command_control_quality: Option<Estimate>,
    /// Resolve in crises, in [0, 1].
    #[serde(default)]
    pub resolve: Option<Estimate>,
    /// Initial perceived value of nuclear weapons, in [0, 1].
    #[serde(default)]
    pub value_of_weapons: Option<Estimate>,
    /// Declared nuclear doctrine.
    #[serde(default)]
    pub doctrine: Option<Doctrine>,
    /// What the state's warheads are aimed at, which sets its force requirement (docs/model.md,
    /// "Vertical proliferation from targeting"); countervalue when absent.
    #[serde(default)]
    pub targeting: Option<Targeting>,
    /// Most warheads the state can add in a year.
    #[serde(default)]
    pub production_warheads_per_year: Option<Estimate>,
    /// Cumulative production of weapon fissile material, a dated series (docs/model.md,
    /// "Fissile material"): the stockpile may hold no more warheads than the material produced
    /// by the year supports. Empty when unknown: then no bound.
    #[serde(default)]
    pub fissile_material: Vec<FissilePoint>,
    /// Year the current `nuclear_status` began (programme stage timing).
    #[serde(default)]
    pub status_since: Option<i32>,
    /// First year of the state's current spell as a major power in the Correlates of War list
    /// (State System Membership v2016, `majors2016.csv`); absent: not a major power. A major
    /// power values weapons for the rank they confer (docs/model.md, process 3).
    #[serde(default)]
    pub major_power_since: Option<i32>,
    /// Force elements, one per delivery class or system.
    #[serde(default)]
    pub forces: Vec<ForceElement>,
    /// Citation keys.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Declared nuclear doctrine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Doctrine {
    /// Reserves the option of using nuclear weapons first.
    FirstUse,
    /// Declares it will not use nuclear weapons first.
    NoFirstUse,
}

/// Targeting doctrine: what a state's warheads are aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Targeting {
    /// The rival's forces as well as its cities and industry: the requirement grows with the
    /// rival's targetable launchers (the US SIOP, Soviet and Russian planning).
    Counterforce,
    /// Cities and industry only: a minimal deterrent whose requirement does not grow with the
    /// rival's forces.
    Countervalue,
}

/// Delivery classes (docs/model.md, Part II).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryClass {
    /// Silo-based ICBMs: hard point targets that cannot flee.
    SiloIcbm,
    /// Road- or rail-mobile land-based ballistic missiles (ICBMs, and for regional powers MRBMs/IRBMs).
    MobileIcbm,
    /// Ballistic-missile submarines: boats at sea survive, boats in port do not.
    Ssbn,
    /// Bombers: aircraft on alert survive, aircraft on the ground do not.
    Bomber,
    /// Non-strategic weapons: storage sites are soft targets, dispersed weapons survive.
    Nonstrategic,
}

impl DeliveryClass {
    /// All classes in a fixed order.
    pub const ALL: [DeliveryClass; 5] = [
        DeliveryClass::SiloIcbm,
        DeliveryClass::MobileIcbm,
        DeliveryClass::Ssbn,
        DeliveryClass::Bomber,
        DeliveryClass::Nonstrategic,
    ];

    /// The name used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryClass::SiloIcbm => "silo_icbm",
            DeliveryClass::MobileIcbm => "mobile_icbm",
            DeliveryClass::Ssbn => "ssbn",
            DeliveryClass::Bomber => "bomber",
            DeliveryClass::Nonstrategic => "nonstrategic",
        }
    }

    /// Whether weapons of this class are used in a prompt counterforce strike (ballistic
    /// missiles only: bombers and non-strategic weapons arrive too late or cannot reach).
    pub fn is_prompt(self) -> bool {
        matches!(self, DeliveryClass::SiloIcbm | DeliveryClass::MobileIcbm | DeliveryClass::Ssbn)
    }

    /// Whether weapons of this class are strategic: every class but non-strategic (theatre)
    /// weapons, which no strategic treaty counts and no counterforce plan targets one by one.
    pub fn is_strategic(self) -> bool {
        self != DeliveryClass::Nonstrategic
    }

    /// What the survivable fraction means for this class.
    pub fn survivable_meaning(self) -> &'static str {
        match self {
            DeliveryClass::SiloIcbm => "none (silos cannot flee)",
            DeliveryClass::MobileIcbm => "share dispersed from garrison",
            DeliveryClass::Ssbn => "share of missiles on boats at sea",
            DeliveryClass::Bomber => "share of aircraft on alert",
            DeliveryClass::Nonstrategic => "share dispersed from storage",
        }
    }
}

/// One force element: launchers of one class (or one system), their warheads and posture.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceElement {
    /// Delivery class.
    pub class: DeliveryClass,
    /// System name(s), e.g. `LGM-30G Minuteman III`.
    pub system: String,
    /// Deployed launchers (missiles, SLBMs, aircraft or delivery vehicles).
    pub launchers: Estimate,
    /// Average warheads per launcher.
    pub warheads_per_launcher: Estimate,
    /// Launchers destroyed by one hit on a vulnerable aim point (boat in port, air base, garrison).
    #[serde(default = "one")]
    pub launchers_per_aim_point: Estimate,
    /// Warhead yield, kilotons.
    pub yield_kt: Estimate,
    /// Circular error probable, metres.
    pub cep_m: Estimate,
    /// Probability that a weapon launches, arrives and detonates.
    pub reliability: Estimate,
    /// Range, kilometres.
    pub range_km: Estimate,
    /// Hardness of the element's vulnerable aim points, psi of peak overpressure.
    pub hardness_psi: Estimate,
    /// Share that survives a counterforce strike in the day-to-day posture.
    pub day_to_day_survivable_fraction: Estimate,
    /// Share that survives a counterforce strike once forces are generated in a crisis.
    pub generated_survivable_fraction: Estimate,
    /// Citation keys.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

fn one() -> Estimate {
    Estimate::exact(1.0)
}

/// An adversary pair.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rivalry {
    /// ISO3 codes of the two states.
    pub pair: [String; 2],
    /// Rivalry intensity in [0, 1].
    pub intensity: Estimate,
    /// Distance a weapon must fly from one side's launch areas to the other's value, km.
    pub distance_km: Estimate,
    /// What is at stake between them, in [0, 1] (default 0.5).
    #[serde(default)]
    pub stakes: Option<Estimate>,
    /// Whether they share a land border (or are separated by less than 400 miles of water).
    #[serde(default)]
    pub contiguous: Option<bool>,
    /// Citation keys.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Kind of alliance commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AllianceKind {
    /// Extended nuclear deterrence.
    NuclearGuarantee,
    /// A mutual-defence treaty without an explicit nuclear umbrella.
    DefencePact,
}

/// A security commitment from a guarantor to a protégé.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alliance {
    /// ISO3 of the guarantor.
    pub guarantor: String,
    /// ISO3 of the protected state.
    pub protege: String,
    /// Kind of commitment.
    pub kind: AllianceKind,
    /// Credibility of the commitment in [0, 1].
    pub credibility: Estimate,
    /// Citation keys.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

impl Scenario {
    /// The index of the state with this ISO3 code or Correlates of War code.
    pub fn state_index(&self, code: &str) -> Option<usize> {
        let code = code.trim();
        if let Ok(cow) = code.parse::<u32>() {
            return self.states.iter().position(|s| s.cow == cow);
        }
        self.states.iter().position(|s| s.iso3.eq_ignore_ascii_case(code))
    }

    /// The citation for a source key.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }
}
