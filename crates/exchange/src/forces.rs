//! From a scenario's [`model::State`] to the numbers the calculus works on.
//!
//! A [`Side`] is one state's forces as seen in one dyad and one [`Alert`] state: only elements
//! whose range reaches the rival count, each with its warheads split into the part that survives
//! any counterforce strike and the vulnerable aim points an attacker can target.

use model::{Bound, DeliveryClass, ExchangeSettings, State};
use serde::{Deserialize, Serialize};

/// The alert state of both sides' forces (docs/model.md, Part II).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Alert {
    /// Peacetime posture.
    DayToDay,
    /// Crisis posture: submarines flushed, mobiles dispersed, bombers on alert.
    Generated,
}

impl Alert {
    /// Both alert states in a fixed order.
    pub const BOTH: [Alert; 2] = [Alert::DayToDay, Alert::Generated];

    /// The name used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Alert::DayToDay => "day-to-day",
            Alert::Generated => "generated",
        }
    }
}

/// A three-letter state code (ISO 3166-1 alpha-3) held inline, so results copy it for free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code([u8; 3]);

impl Code {
    /// The code of `iso3`: its first three bytes, padded with `?` (scenario validation
    /// guarantees three upper-case letters).
    pub fn new(iso3: &str) -> Code {
        let mut b = [b'?'; 3];
        for (slot, byte) in b.iter_mut().zip(iso3.bytes().filter(u8::is_ascii_alphanumeric)) {
            *slot = byte;
        }
        Code(b)
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One force element, resolved to numbers for one alert state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Element {
    /// Index of the element in the state's `forces` list.
    pub index: usize,
    /// Delivery class.
    pub class: DeliveryClass,
    /// All warheads on this element's launchers.
    pub warheads: f64,
    /// Warheads that survive any counterforce strike (at sea, dispersed, on alert, or launched
    /// under attack).
    pub survivable_warheads: f64,
    /// Vulnerable aim points (boats in port, silos, bases, garrisons, storage sites).
    pub aim_points: f64,
    /// Warheads destroyed with one vulnerable aim point.
    pub warheads_per_aim_point: f64,
    /// Hardness of the vulnerable aim points, psi.
    pub hardness_psi: f64,
    /// Yield, kilotons.
    pub yield_kt: f64,
    /// CEP, metres.
    pub cep_m: f64,
    /// Probability a weapon launches, arrives and detonates.
    pub reliability: f64,
    /// Whether the element takes part in a counterforce strike (prompt class, accurate enough).
    pub counterforce: bool,
}

/// One state's forces that can reach a given rival, with its deterrence thresholds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// ISO3 code.
    pub iso3: Code,
    /// Elements that reach the rival.
    pub elements: Vec<Element>,
    /// Arriving warheads on this state that it regards as unacceptable damage.
    pub unacceptable_damage: f64,
    /// Arriving warheads destroying 80 % of this state's value.
    pub w80: f64,
    /// Share of incoming warheads that get through this state's defences.
    pub incoming_penetration: f64,
}

impl Side {
    /// Resolves `state`'s forces that can fly `distance_km`, in the given alert state, using
    /// the `bound` of every uncertain input.
    pub fn from_state(
        state: &State,
        alert: Alert,
        distance_km: f64,
        settings: &ExchangeSettings,
        bound: Bound,
    ) -> Side {
        let max_cep = settings.counterforce_max_cep_m.at(bound);
        let lua_escape = settings.launch_under_attack_escape_fraction.at(bound);
        // Sized for every element at once (the filter hides the count from `collect`).
        let mut elements = Vec::with_capacity(state.forces.len());
        elements.extend(state.forces.iter().enumerate().filter(|(_, f)| f.range_km.at(bound) >= distance_km).map(
            |(index, f)| {
                let launchers = f.launchers.at(bound);
                let per_launcher = f.warheads_per_launcher.at(bound);
                let warheads = launchers * per_launcher;
                let survivable = if f.class == DeliveryClass::SiloIcbm {
                    if settings.launch_under_attack { lua_escape } else { 0.0 }
                } else {
                    match alert {
                        Alert::DayToDay => f.day_to_day_survivable_fraction.at(bound),
                        Alert::Generated => f.generated_survivable_fraction.at(bound),
                    }
                };
                let per_aim_point = f.launchers_per_aim_point.at(bound).min(launchers.max(1.0));
                let cep_m = f.cep_m.at(bound);
                Element {
                    index,
                    class: f.class,
                    warheads,
                    survivable_warheads: warheads * survivable,
                    aim_points: launchers * (1.0 - survivable) / per_aim_point,
                    warheads_per_aim_point: per_aim_point * per_launcher,
                    hardness_psi: f.hardness_psi.at(bound),
                    yield_kt: f.yield_kt.at(bound),
                    cep_m,
                    reliability: f.reliability.at(bound),
                    counterforce: f.class.is_prompt() && cep_m <= max_cep,
                }
            },
        ));
        Side {
            iso3: Code::new(&state.iso3),
            elements,
            unacceptable_damage: state.unacceptable_damage_warheads.map_or(f64::NAN, |e| e.at(bound)),
            w80: state.w80_warheads.map_or(f64::NAN, |e| e.at(bound)),
            incoming_penetration: state.incoming_penetration_fraction.map_or(1.0, |e| e.at(bound)),
        }
    }

    /// All warheads of elements that reach the rival.
    pub fn warheads(&self) -> f64 {
        self.elements.iter().map(|e| e.warheads).sum()
    }

    /// Expected warheads that arrive on the rival if every warhead is launched:
    /// Σ warheads × reliability × the rival's penetration fraction.
    pub fn arriving_if_all_launched(&self, rival_penetration: f64) -> f64 {
        self.elements.iter().map(|e| e.warheads * e.reliability).sum::<f64>() * rival_penetration
    }
}
