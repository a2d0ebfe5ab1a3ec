//! The catalogue of recorded series: what an experiment can record year by year from each run
//! (in the spirit of Mesa's model and agent reporters), read from the run itself rather than
//! simulated again.
//!
//! - **Year series** ([`YEAR_SERIES`]) are the fields of the run's year records
//!   (`engine::observe::YearRecord`): one value per run and year.
//! - **State series** ([`STATE_SERIES`]) are variables of each state (`engine::world::Actor`),
//!   read from the world at the end of every simulated year, after all of the year's
//!   processes: one value per run, year and state.
//!
//! Names are looked up here and nowhere else; an unknown name is an error listing the known
//! ones. A [`Recorder`] runs a starting world with an observer that reads the chosen state
//! variables; the observer draws no random numbers, so recording changes no result.

use engine::observe::YearRecord;
use engine::world::{Actor, World};
use engine::{RunOutput, Template};
use model::NuclearStatus;
use serde::Serialize;
use std::fmt;

/// One yearly series of a run: a field of its year records.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct YearSeries {
    /// The name used in specs and as the column of `years.csv` (the field's name).
    pub name: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it measures.
    pub description: &'static str,
    /// The value in one year's record (NaN where undefined).
    #[serde(skip)]
    pub value: fn(&YearRecord) -> f64,
}

impl PartialEq for YearSeries {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

fn n(x: u32) -> f64 {
    f64::from(x)
}

/// Every year series, in the order of the year record's fields (`year` itself is always a
/// column and is not a series).
pub const YEAR_SERIES: [YearSeries; 37] = [
    YearSeries {
        name: "nuclear_armed_states",
        unit: "count",
        description: "States holding nuclear weapons at the end of the year.",
        value: |y| n(y.nuclear_armed_states),
    },
    YearSeries {
        name: "programmes",
        unit: "count",
        description: "Weapons programmes under way (states exploring or pursuing) at the end of the year.",
        value: |y| n(y.programmes),
    },
    YearSeries {
        name: "warheads_total",
        unit: "warheads",
        description: "Stockpiles, all states, at the end of the year: warheads on launchers plus those a treaty took off launchers and the states hold in reserve.",
        value: |y| y.warheads_total,
    },
    YearSeries {
        name: "warheads_survivable",
        unit: "warheads",
        description: "Warheads that survive a counterforce strike in the generated posture, summed by force element, all states.",
        value: |y| y.warheads_survivable,
    },
    YearSeries {
        name: "norm_strength",
        unit: "index, 0–1",
        description: "Strength of the non-proliferation norm (regime lever) at the end of the year.",
        value: |y| y.norm_strength,
    },
    YearSeries {
        name: "inequity",
        unit: "index, 0–1",
        description: "Perceived inequity between nuclear haves and have-nots (regime lever) at the end of the year.",
        value: |y| y.inequity,
    },
    YearSeries {
        name: "assurance_credibility",
        unit: "index, 0–1",
        description: "Credibility of security assurances to states without weapons (regime lever) at the end of the year.",
        value: |y| y.assurance_credibility,
    },
    YearSeries {
        name: "explorations",
        unit: "count per year",
        description: "States that started exploring the weapons option.",
        value: |y| n(y.explorations),
    },
    YearSeries {
        name: "pursuits",
        unit: "count per year",
        description: "Exploring states that started pursuing weapons.",
        value: |y| n(y.pursuits),
    },
    YearSeries {
        name: "acquisitions",
        unit: "count per year",
        description: "States that acquired nuclear weapons.",
        value: |y| n(y.acquisitions),
    },
    YearSeries {
        name: "reversals",
        unit: "count per year",
        description: "Programmes abandoned or arsenals given up.",
        value: |y| n(y.reversals),
    },
    YearSeries {
        name: "detections",
        unit: "count per year",
        description: "Programmes detected by the regime's verification.",
        value: |y| n(y.detections),
    },
    YearSeries {
        name: "enforcements",
        unit: "count per year",
        description: "Enforcement actions against detected programmes.",
        value: |y| n(y.enforcements),
    },
    YearSeries {
        name: "preventive_strikes",
        unit: "count per year",
        description: "Strikes on a rival's weapons programme before it acquired.",
        value: |y| n(y.preventive_strikes),
    },
    YearSeries {
        name: "crises",
        unit: "count per year",
        description: "Militarised crises between rivals, any pair of states.",
        value: |y| n(y.crises),
    },
    YearSeries {
        name: "sub_war_crises_involving_nuclear",
        unit: "count per year",
        description: "Crises involving at least one armed state that stayed below war.",
        value: |y| n(y.sub_war_crises_involving_nuclear),
    },
    YearSeries {
        name: "crises_between_nuclear",
        unit: "count per year",
        description: "Crises between two armed states.",
        value: |y| n(y.crises_between_nuclear),
    },
    YearSeries {
        name: "violence_free_crises_between_nuclear",
        unit: "count per year",
        description: "Crises between two armed states that ended without clashes (conventional track at the militarised-crisis rung or below; ICB's \"no violence\").",
        value: |y| n(y.violence_free_crises_between_nuclear),
    },
    YearSeries {
        name: "wars",
        unit: "count per year",
        description: "Crises that reached war (at least 1,000 battle deaths), any pair of states.",
        value: |y| n(y.wars),
    },
    YearSeries {
        name: "wars_between_nuclear",
        unit: "count per year",
        description: "Wars between two armed states.",
        value: |y| n(y.wars_between_nuclear),
    },
    YearSeries {
        name: "major_wars_between_nuclear",
        unit: "count per year",
        description: "Major wars (rung 4) between two armed states.",
        value: |y| n(y.major_wars_between_nuclear),
    },
    YearSeries {
        name: "major_war_risk_between_nuclear",
        unit: "expected count per year",
        description: "The year's crises between armed states' splitting estimates of the probability of reaching major war (run option major_war_particles); their count of major wars when splitting is off.",
        value: |y| y.major_war_risk_between_nuclear,
    },
    YearSeries {
        name: "invasions_of_non_nuclear",
        unit: "count per year",
        description: "Wars against states without weapons by armed states or great powers.",
        value: |y| n(y.invasions_of_non_nuclear),
    },
    YearSeries {
        name: "nuclear_alerts",
        unit: "count per year",
        description: "Crises that reached nuclear alert or threat.",
        value: |y| n(y.nuclear_alerts),
    },
    YearSeries {
        name: "nuclear_use",
        unit: "count per year",
        description: "Crises or preventive strikes in which nuclear weapons were used.",
        value: |y| n(y.nuclear_use),
    },
    YearSeries {
        name: "deliberate_use",
        unit: "count per year",
        description: "Nuclear uses begun by a deliberate choice (including retaliation for a preventive strike).",
        value: |y| n(y.deliberate_use),
    },
    YearSeries {
        name: "accidental_use",
        unit: "count per year",
        description: "Nuclear uses begun by an accident at the alert rung (unauthorised or accidental launch).",
        value: |y| n(y.accidental_use),
    },
    YearSeries {
        name: "inadvertent_use",
        unit: "count per year",
        description: "Nuclear uses begun by a false warning taken for an attack at the alert rung.",
        value: |y| n(y.inadvertent_use),
    },
    YearSeries {
        name: "false_alarms",
        unit: "count per year",
        description: "Serious false warnings of attack (armed states' yearly false alarms and those taken for an attack in a crisis).",
        value: |y| n(y.false_alarms),
    },
    YearSeries {
        name: "nuclear_use_between_nuclear",
        unit: "count per year",
        description: "Nuclear uses in crises between two armed states.",
        value: |y| n(y.nuclear_use_between_nuclear),
    },
    YearSeries {
        name: "nuclear_damage",
        unit: "states destroyed (sum of shares)",
        description: "Shares of states' value destroyed by nuclear use in the year, summed (1 = one state's value).",
        value: |y| y.nuclear_damage,
    },
    YearSeries {
        name: "nuclear_deaths",
        unit: "deaths per year",
        description: "Deaths from nuclear use in the year: warheads arriving × deaths per warhead (OTA 1979 cases; cities or forces) × (yield / 1 Mt)^(2/3); not capped by population, no famine or later deaths.",
        value: |y| y.nuclear_deaths,
    },
    YearSeries {
        name: "battle_deaths",
        unit: "deaths per year",
        description: "Battle deaths of the year's wars: a parameter per limited or major war, at least 1,000 a war (the Correlates of War threshold).",
        value: |y| y.battle_deaths,
    },
    YearSeries {
        name: "occupations",
        unit: "count per year",
        description: "Occupations or regime changes of states without weapons after a major war.",
        value: |y| n(y.occupations),
    },
    YearSeries {
        name: "mutually_vulnerable_dyads",
        unit: "count",
        description: "Rival pairs of two armed states in which each side keeps a secure second strike (generated alert).",
        value: |y| n(y.mutually_vulnerable_dyads),
    },
    YearSeries {
        name: "nuclear_dyads",
        unit: "count",
        description: "Rival pairs in which both states are armed.",
        value: |y| n(y.nuclear_dyads),
    },
    YearSeries {
        name: "mean_first_strike_stability",
        unit: "index, 0–1",
        description: "Mean Kent–Thaler first-strike stability index over rival pairs of two armed states; undefined (empty) without such pairs.",
        value: |y| y.mean_first_strike_stability,
    },
];

/// A state variable's value in one year: a number, or a name (the nuclear status).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum StateValue {
    /// A number (NaN where undefined; written as an empty cell).
    Number(f64),
    /// A name, e.g. `possessing`.
    Text(&'static str),
}

impl fmt::Display for StateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateValue::Number(x) if x.is_nan() => Ok(()),
            StateValue::Number(x) => write!(f, "{x}"),
            StateValue::Text(t) => f.write_str(t),
        }
    }
}

/// One variable of each state, recorded every year.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct StateSeries {
    /// The name used in specs and as the column of `states.csv`.
    pub name: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it measures.
    pub description: &'static str,
    /// The value for a state at the end of a year.
    #[serde(skip)]
    pub value: fn(&Actor) -> StateValue,
}

impl PartialEq for StateSeries {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// The nuclear status as scenario files spell it (`none`, `exploring`, `pursuing`,
/// `possessing`, `disarmed`).
pub fn status_name(status: NuclearStatus) -> &'static str {
    status.as_str()
}

fn number(x: f64) -> StateValue {
    StateValue::Number(x)
}

fn flag(x: bool) -> StateValue {
    StateValue::Number(f64::from(u8::from(x)))
}

/// Every state series, in a fixed order.
pub const STATE_SERIES: [StateSeries; 11] = [
    StateSeries {
        name: "warheads",
        unit: "warheads",
        description: "The stockpile: warheads on launchers (launchers × warheads per launcher, summed over the state's force elements) plus those a treaty took off launchers and the state holds in reserve (0 without weapons).",
        value: |a| number(a.warheads()),
    },
    StateSeries {
        name: "survivable_warheads",
        unit: "warheads",
        description: "Warheads that survive a counterforce strike in the generated posture: launchers × warheads per launcher × generated survivable fraction, summed over force elements.",
        value: |a| {
            number(
                a.state
                    .forces
                    .iter()
                    .map(|f| f.launchers.best * f.warheads_per_launcher.best * f.generated_survivable_fraction.best)
                    .sum(),
            )
        },
    },
    StateSeries {
        name: "status",
        unit: "name",
        description: "Nuclear status as scenario files spell it: none, exploring, pursuing, possessing or disarmed.",
        value: |a| StateValue::Text(status_name(a.status)),
    },
    StateSeries {
        name: "willingness",
        unit: "probability weight, 0–1",
        description: "Willingness to proliferate (logistic in threat, belief in the value of weapons, inequity, norm weakness and expected enforcement cost); computed each year for states without weapons only: an armed state keeps its last value (0 if armed from the start).",
        value: |a| number(a.willingness),
    },
    StateSeries {
        name: "threat",
        unit: "index, 0–1",
        description: "Threat the state perceives this year: the largest over its rivals of rivalry intensity × (weight on the rival's weapons and conventional edge), discounted by allies' nuclear guarantees.",
        value: |a| number(a.threat),
    },
    StateSeries {
        name: "value",
        unit: "belief, 0–1",
        description: "Belief in the value of nuclear weapons, moved by lessons from events and decaying toward its initial level.",
        value: |a| number(a.value),
    },
    StateSeries {
        name: "latency",
        unit: "index, 0–1",
        description: "Nuclear latency (technical base for a weapon); shortens the time from pursuit to a weapon. Rises with sensitive nuclear assistance, with scheduled latency events, and by the progress a stopped programme leaves behind.",
        value: |a| number(a.latency),
    },
    StateSeries {
        name: "command_and_control",
        unit: "index, 0–1",
        description: "Quality of nuclear command and control (new arsenals start at the `new_arsenal_c2` parameter).",
        value: |a| number(a.c2),
    },
    StateSeries {
        name: "detected",
        unit: "0 or 1",
        description: "1 when the state's current programme has been detected, else 0.",
        value: |a| flag(a.detected),
    },
    StateSeries {
        name: "sanctioned",
        unit: "0 or 1",
        description: "1 when the state is under sanctions for its programme, else 0.",
        value: |a| flag(a.sanctioned),
    },
    StateSeries {
        name: "false_alarms",
        unit: "count",
        description: "False alarms the state had this year: warnings of attack that proved false, with or without use (the year series `false_alarms` is their sum over states).",
        value: |a| number(f64::from(a.false_alarms)),
    },
];

/// A series name that is not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} series `{name}`; known: {known}")]
pub struct UnknownSeries {
    /// `year` or `state`.
    pub kind: &'static str,
    /// The name as given.
    pub name: String,
    /// The known names, comma-separated.
    pub known: String,
}

impl YearSeries {
    /// The year series named `name`.
    pub fn find(name: &str) -> Result<&'static YearSeries, UnknownSeries> {
        YEAR_SERIES.iter().find(|s| s.name == name).ok_or_else(|| UnknownSeries {
            kind: "year",
            name: name.to_owned(),
            known: YEAR_SERIES.iter().map(|s| s.name).collect::<Vec<_>>().join(", "),
        })
    }
}

impl StateSeries {
    /// The state series named `name`.
    pub fn find(name: &str) -> Result<&'static StateSeries, UnknownSeries> {
        STATE_SERIES.iter().find(|s| s.name == name).ok_or_else(|| UnknownSeries {
            kind: "state",
            name: name.to_owned(),
            known: STATE_SERIES.iter().map(|s| s.name).collect::<Vec<_>>().join(", "),
        })
    }
}

/// One year of a run's year series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRow {
    /// Year.
    pub year: i32,
    /// The recorded series, in the recorder's order.
    pub values: Vec<f64>,
}

/// One state in one year of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateRow {
    /// Year.
    pub year: i32,
    /// The state's ISO3 code.
    pub iso3: String,
    /// The recorded variables, in the recorder's order.
    pub values: Vec<StateValue>,
}

/// The series recorded from one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunSeries {
    /// One row per simulated year (empty when no year series is recorded).
    pub years: Vec<YearRow>,
    /// One row per simulated year and state, states in scenario order (empty when no state
    /// series is recorded).
    pub states: Vec<StateRow>,
}

/// What to record from each run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recorder {
    /// Year series, in column order.
    pub years: Vec<&'static YearSeries>,
    /// State series, in column order.
    pub states: Vec<&'static StateSeries>,
}

impl Recorder {
    /// The recorder of the named series (the first unknown name is an error).
    pub fn new(years: &[String], states: &[String]) -> Result<Recorder, UnknownSeries> {
        Ok(Recorder {
            years: years.iter().map(|s| YearSeries::find(s)).collect::<Result<_, _>>()?,
            states: states.iter().map(|s| StateSeries::find(s)).collect::<Result<_, _>>()?,
        })
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty() && self.states.is_empty()
    }

    /// The rows of the chosen state variables for every state of `world`, in actor order.
    pub fn state_rows(&self, world: &World) -> Vec<StateRow> {
        world
            .actors
            .iter()
            .map(|a| StateRow {
                year: world.year,
                iso3: a.state.iso3.clone(),
                values: self.states.iter().map(|s| (s.value)(a)).collect(),
            })
            .collect()
    }

    /// Runs `template` from `(master_seed, run_index)` and records the series. The run is
    /// exactly that of `Template::run` (state variables are read by an observer that draws
    /// nothing; without state series the run is not observed at all); the output keeps the year
    /// records and the summary, not the dyad rows or events (`engine::Keep::YEARS`).
    pub fn run(&self, template: &Template, master_seed: u64, run_index: u64) -> (RunOutput, RunSeries) {
        let mut states = Vec::new();
        // Series need the year records and the world, not dyad rows or events.
        let keep = engine::Keep::YEARS;
        let output = if self.states.is_empty() {
            template.run_keeping(master_seed, run_index, keep)
        } else {
            template.run_observed_keeping(master_seed, run_index, keep, |w| states.extend(self.state_rows(w)))
        };
        let years = if self.years.is_empty() {
            Vec::new()
        } else {
            output
                .years
                .iter()
                .map(|y| YearRow { year: y.year, values: self.years.iter().map(|s| (s.value)(y)).collect() })
                .collect()
        };
        (output, RunSeries { years, states })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_catalogue_is_every_field_of_the_year_record() {
        let v = serde_json::to_value(YearRecord::default()).unwrap();
        let fields: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).filter(|k| *k != "year").collect();
        let mut names: Vec<&str> = YEAR_SERIES.iter().map(|s| s.name).collect();
        let mut sorted = fields.clone();
        sorted.sort_unstable();
        names.sort_unstable();
        assert_eq!(names, sorted);
    }

    #[test]
    fn each_year_series_reads_its_own_field() {
        // Give every field a distinct value through JSON and check each series reads it.
        let mut v = serde_json::to_value(YearRecord::default()).unwrap();
        for (i, (_, x)) in v.as_object_mut().unwrap().iter_mut().enumerate() {
            *x = serde_json::json!(i + 1);
        }
        let record = year_record_from(&v);
        for s in &YEAR_SERIES {
            assert_eq!((s.value)(&record), v[s.name].as_f64().unwrap(), "{}", s.name);
        }
    }

    /// Builds a year record from JSON field values (the record has no Deserialize).
    fn year_record_from(v: &serde_json::Value) -> YearRecord {
        let u = |k: &str| v[k].as_u64().unwrap() as u32;
        let f = |k: &str| v[k].as_f64().unwrap();
        YearRecord {
            year: v["year"].as_i64().unwrap() as i32,
            nuclear_armed_states: u("nuclear_armed_states"),
            programmes: u("programmes"),
            warheads_total: f("warheads_total"),
            warheads_survivable: f("warheads_survivable"),
            norm_strength: f("norm_strength"),
            inequity: f("inequity"),
            assurance_credibility: f("assurance_credibility"),
            explorations: u("explorations"),
            pursuits: u("pursuits"),
            acquisitions: u("acquisitions"),
            reversals: u("reversals"),
            detections: u("detections"),
            enforcements: u("enforcements"),
            preventive_strikes: u("preventive_strikes"),
            crises: u("crises"),
            sub_war_crises_involving_nuclear: u("sub_war_crises_involving_nuclear"),
            crises_between_nuclear: u("crises_between_nuclear"),
            violence_free_crises_between_nuclear: u("violence_free_crises_between_nuclear"),
            wars: u("wars"),
            wars_between_nuclear: u("wars_between_nuclear"),
            major_wars_between_nuclear: u("major_wars_between_nuclear"),
            major_war_risk_between_nuclear: f("major_war_risk_between_nuclear"),
            invasions_of_non_nuclear: u("invasions_of_non_nuclear"),
            nuclear_alerts: u("nuclear_alerts"),
            nuclear_use: u("nuclear_use"),
            deliberate_use: u("deliberate_use"),
            accidental_use: u("accidental_use"),
            inadvertent_use: u("inadvertent_use"),
            false_alarms: u("false_alarms"),
            nuclear_use_between_nuclear: u("nuclear_use_between_nuclear"),
            nuclear_damage: f("nuclear_damage"),
            nuclear_deaths: f("nuclear_deaths"),
            battle_deaths: f("battle_deaths"),
            occupations: u("occupations"),
            mutually_vulnerable_dyads: u("mutually_vulnerable_dyads"),
            nuclear_dyads: u("nuclear_dyads"),
            mean_first_strike_stability: f("mean_first_strike_stability"),
        }
    }

    #[test]
    fn recording_reads_the_run_and_changes_nothing() {
        let loaded = crate::Loaded::builtin("world-2025").unwrap();
        let request = crate::RunRequest { years: Some(15), ..Default::default() };
        let prepared = request.prepare(&loaded.scenario).unwrap();
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let recorder = Recorder::new(
            &names(&["nuclear_armed_states", "warheads_total"]),
            &names(&["status", "warheads", "survivable_warheads"]),
        )
        .unwrap();
        let plain = prepared.template.run(11, 4);
        let (output, series) = recorder.run(&prepared.template, 11, 4);
        assert_eq!((&plain.years, &plain.summary), (&output.years, &output.summary), "recording changes no result");
        assert!(output.dyad_years.is_empty() && output.events.is_empty(), "series keep year records only");
        let states = loaded.scenario.states.len();
        assert_eq!(series.years.len(), 15);
        assert_eq!(series.states.len(), 15 * states);
        for (y, rows) in output.years.iter().zip(series.states.chunks(states)) {
            let armed = rows.iter().filter(|r| r.values[0] == StateValue::Text("possessing")).count();
            assert_eq!(armed as u32, y.nuclear_armed_states, "{}", y.year);
            let warheads: f64 = rows
                .iter()
                .map(|r| match r.values[1] {
                    StateValue::Number(x) => x,
                    StateValue::Text(_) => f64::NAN,
                })
                .sum();
            assert!((warheads - y.warheads_total).abs() <= 1e-9 * y.warheads_total.max(1.0), "{}", y.year);
            assert!(rows.iter().all(|r| r.year == y.year));
        }
        for (row, y) in series.years.iter().zip(&output.years) {
            assert_eq!(row.values, vec![f64::from(y.nuclear_armed_states), y.warheads_total]);
        }
        let none = Recorder::default();
        assert!(none.is_empty());
        let (bare, no_series) = none.run(&prepared.template, 11, 4);
        assert_eq!((bare.years, bare.summary, no_series), (plain.years, plain.summary, RunSeries::default()));
        assert!(Recorder::new(&names(&["crisis"]), &[]).unwrap_err().to_string().contains("`crisis`"));
    }

    #[test]
    fn status_names_are_the_scenario_spelling() {
        for s in [
            NuclearStatus::None,
            NuclearStatus::Exploring,
            NuclearStatus::Pursuing,
            NuclearStatus::Possessing,
            NuclearStatus::Disarmed,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), status_name(s));
        }
    }

    #[test]
    fn names_are_unique_documented_and_unknown_names_list_the_known() {
        for (i, s) in STATE_SERIES.iter().enumerate() {
            assert!(STATE_SERIES[..i].iter().all(|t| t.name != s.name), "{} twice", s.name);
            assert!(!s.unit.is_empty() && s.description.len() > 20, "{}", s.name);
        }
        for s in &YEAR_SERIES {
            assert!(!s.unit.is_empty() && s.description.len() > 20, "{}", s.name);
        }
        let e = StateSeries::find("warhead").unwrap_err();
        assert!(e.to_string().contains("unknown state series `warhead`") && e.to_string().contains("warheads, "));
        let e = YearSeries::find("year").unwrap_err();
        assert!(e.to_string().contains("nuclear_armed_states"), "{e}");
        assert_eq!(StateValue::Number(f64::NAN).to_string(), "");
        assert_eq!(StateValue::Number(3.0).to_string(), "3");
    }
}
