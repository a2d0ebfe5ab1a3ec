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

/// How lethal radius is computed from yield and hardness (EXCHANGE.md §2).
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

/// Delivery classes (EXCHANGE.md §1).
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
