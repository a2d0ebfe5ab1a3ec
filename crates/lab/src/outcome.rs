//! The outcome catalogue: every per-run measure an experiment, the paradox experiment, the
//! explorer or a report can ask for, with its label, unit, description and how it is computed
//! from a run's summary. Names are looked up here and nowhere else; an unknown name is an error
//! listing the known ones (`deterrence outcomes`).

use engine::observe::RunSummary;
use serde::Serialize;

/// One per-run measure.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Outcome {
    /// The name used in specs, results files and requests.
    pub name: &'static str,
    /// A short label for tables and charts.
    pub label: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it measures and how it is computed from a run.
    pub description: &'static str,
    /// The value of a run (NaN where undefined, e.g. a rate over no armed dyad-years).
    #[serde(skip)]
    pub value: fn(&RunSummary) -> f64,
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

fn count(x: u32) -> f64 {
    f64::from(x)
}

/// Every outcome, in a fixed order (the default outcome columns of an experiment).
pub const OUTCOMES: [Outcome; 21] = [
    Outcome {
        name: "nuclear_uses",
        label: "nuclear uses",
        unit: "count per run",
        description: "Crises or preventive strikes in which nuclear weapons were used, any pair of states, over the run.",
        value: |s| count(s.nuclear_uses),
    },
    Outcome {
        name: "any_nuclear_use",
        label: "any nuclear use",
        unit: "0 or 1",
        description: "1 when the run saw at least one nuclear use, else 0; its mean over runs is the probability of nuclear use within the horizon.",
        value: |s| f64::from(u8::from(s.nuclear_uses > 0)),
    },
    Outcome {
        name: "wars",
        label: "wars",
        unit: "count per run",
        description: "Crises that reached war (rung 3, at least 1,000 battle deaths), any pair of states.",
        value: |s| count(s.wars),
    },
    Outcome {
        name: "wars_between_nuclear",
        label: "wars between armed states",
        unit: "count per run",
        description: "Wars (rung 3 or higher) between two nuclear-armed states.",
        value: |s| count(s.wars_between_nuclear),
    },
    Outcome {
        name: "major_war_hazard_nuclear_dyads",
        label: "major-war hazard, armed pairs",
        unit: "per armed dyad-year",
        description: "Major wars (rung 4) between two armed states divided by the run's dyad-years in which both sides of a rivalry were armed; undefined without such dyad-years.",
        value: |s| s.major_war_hazard_nuclear_dyads,
    },
    Outcome {
        name: "major_war_risk_nuclear_dyads",
        label: "major-war risk, armed pairs",
        unit: "per armed dyad-year",
        description: "Expected major wars (rung 4) between two armed states per armed dyad-year: for each crisis between armed states, the probability that a crisis in that world reaches major war, estimated by multilevel splitting (run option major_war_particles), summed and divided by the armed dyad-years; with splitting off, the major-war hazard itself. Measures a rare event that a run's own count almost never shows; undefined without armed dyad-years.",
        value: |s| s.major_war_risk_nuclear_dyads,
    },
    Outcome {
        name: "war_hazard_nuclear_dyads",
        label: "war hazard, armed pairs",
        unit: "per armed dyad-year",
        description: "Wars (limited or major) between two armed states per dyad-year in which both sides were armed; undefined without such dyad-years.",
        value: |s| s.war_hazard_nuclear_dyads,
    },
    Outcome {
        name: "nuclear_use_hazard_nuclear_dyads",
        label: "nuclear-use hazard, armed pairs",
        unit: "per armed dyad-year",
        description: "Nuclear uses in crises between two armed states per dyad-year in which both sides were armed (uses against states without weapons are not counted); undefined without such dyad-years.",
        value: |s| s.nuclear_use_hazard_nuclear_dyads,
    },
    Outcome {
        name: "share_mutually_vulnerable",
        label: "share mutually vulnerable",
        unit: "share of armed dyad-years",
        description: "Share of armed dyad-years in which each side kept a secure second strike against the other (mutual vulnerability, generated alert).",
        value: |s| s.share_mutually_vulnerable,
    },
    Outcome {
        name: "mean_first_strike_stability",
        label: "first-strike stability",
        unit: "index, 0–1",
        description: "Mean Kent–Thaler first-strike stability index over armed dyad-years (1: neither side gains by striking first).",
        value: |s| s.mean_first_strike_stability,
    },
    Outcome {
        name: "nuclear_armed_states_end",
        label: "armed states at the end",
        unit: "count",
        description: "Nuclear-armed states in the run's last year.",
        value: |s| count(s.nuclear_armed_states_end),
    },
    Outcome {
        name: "acquisitions",
        label: "acquisitions",
        unit: "count per run",
        description: "States that acquired nuclear weapons during the run.",
        value: |s| count(s.acquisitions),
    },
    Outcome {
        name: "reversals",
        label: "reversals",
        unit: "count per run",
        description: "Programmes abandoned or arsenals given up during the run.",
        value: |s| count(s.reversals),
    },
    Outcome {
        name: "preventive_strikes",
        label: "preventive strikes",
        unit: "count per run",
        description: "Strikes on a rival's weapons programme before it acquired.",
        value: |s| count(s.preventive_strikes),
    },
    Outcome {
        name: "sub_war_crises_involving_nuclear",
        label: "sub-war crises with an armed state",
        unit: "count per run",
        description: "Crises involving at least one armed state that stayed below war (the stability–instability paradox's low-level conflict).",
        value: |s| count(s.sub_war_crises_involving_nuclear),
    },
    Outcome {
        name: "crises",
        label: "crises",
        unit: "count per run",
        description: "Militarised crises between rivals, any pair of states.",
        value: |s| count(s.crises),
    },
    Outcome {
        name: "nuclear_damage",
        label: "nuclear damage",
        unit: "states destroyed (sum of shares)",
        description: "Shares of states' value destroyed by nuclear use, summed over the run (1 = one state's value destroyed).",
        value: |s| s.nuclear_damage,
    },
    Outcome {
        name: "nuclear_deaths",
        label: "nuclear deaths",
        unit: "deaths per run",
        description: "Deaths from nuclear use over the run, from a simple accounting model: warheads arriving × deaths per warhead on cities or on forces (OTA 1979 cases) × (yield / 1 Mt)^(2/3). Not capped by population (states carry none); no famine, fallout beyond the OTA cases or later deaths; an order of magnitude, not a forecast.",
        value: |s| s.nuclear_deaths,
    },
    Outcome {
        name: "battle_deaths",
        label: "battle deaths",
        unit: "deaths per run",
        description: "Battle deaths of the run's wars: a parameter per limited war and per major war (at least 1,000 a war, the Correlates of War threshold), not a model of the fighting.",
        value: |s| s.battle_deaths,
    },
    Outcome {
        name: "occupations",
        label: "occupations",
        unit: "count per run",
        description: "Occupations or regime changes of states without weapons after a major war.",
        value: |s| count(s.occupations),
    },
    Outcome {
        name: "first_nuclear_use_year",
        label: "first nuclear use",
        unit: "year",
        description: "Year of the run's first nuclear use; undefined when there was none.",
        value: |s| s.first_nuclear_use_year.map_or(f64::NAN, f64::from),
    },
];

/// An outcome name that is not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown outcome `{0}`; outcomes (deterrence outcomes): {names}", names = names().join(", "))]
pub struct UnknownOutcome(pub String);

impl Outcome {
    /// The outcome named `name`.
    pub fn find(name: &str) -> Result<&'static Outcome, UnknownOutcome> {
        OUTCOMES.iter().find(|o| o.name == name).ok_or_else(|| UnknownOutcome(name.to_owned()))
    }

    /// Its value for a run.
    pub fn of(&self, summary: &RunSummary) -> f64 {
        (self.value)(summary)
    }
}

/// Every outcome name, in catalogue order.
pub fn names() -> Vec<&'static str> {
    OUTCOMES.iter().map(|o| o.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> RunSummary {
        RunSummary {
            years: 10,
            first_nuclear_use_year: Some(2031),
            nuclear_uses: 2,
            wars: 3,
            wars_between_nuclear: 1,
            major_war_hazard_nuclear_dyads: 0.01,
            major_war_risk_nuclear_dyads: 0.015,
            war_hazard_nuclear_dyads: 0.02,
            nuclear_use_hazard_nuclear_dyads: 0.03,
            share_mutually_vulnerable: 0.4,
            mean_first_strike_stability: 0.7,
            nuclear_armed_states_end: 9,
            acquisitions: 4,
            reversals: 5,
            preventive_strikes: 6,
            sub_war_crises_involving_nuclear: 7,
            crises: 8,
            nuclear_damage: 0.25,
            nuclear_deaths: 1.0e6,
            battle_deaths: 5.0e4,
            occupations: 11,
        }
    }

    #[test]
    fn every_outcome_reads_its_own_field() {
        let s = summary();
        let expected = [
            ("nuclear_uses", 2.0),
            ("any_nuclear_use", 1.0),
            ("wars", 3.0),
            ("wars_between_nuclear", 1.0),
            ("major_war_hazard_nuclear_dyads", 0.01),
            ("major_war_risk_nuclear_dyads", 0.015),
            ("war_hazard_nuclear_dyads", 0.02),
            ("nuclear_use_hazard_nuclear_dyads", 0.03),
            ("share_mutually_vulnerable", 0.4),
            ("mean_first_strike_stability", 0.7),
            ("nuclear_armed_states_end", 9.0),
            ("acquisitions", 4.0),
            ("reversals", 5.0),
            ("preventive_strikes", 6.0),
            ("sub_war_crises_involving_nuclear", 7.0),
            ("crises", 8.0),
            ("nuclear_damage", 0.25),
            ("nuclear_deaths", 1.0e6),
            ("battle_deaths", 5.0e4),
            ("occupations", 11.0),
            ("first_nuclear_use_year", 2031.0),
        ];
        assert_eq!(expected.len(), OUTCOMES.len());
        for (name, value) in expected {
            let got = Outcome::find(name).unwrap().of(&s);
            assert!((got - value).abs() < 1e-12, "{name}: {got} ≠ {value}");
        }
    }

    #[test]
    fn undefined_values_are_nan_and_unknown_names_are_errors() {
        let mut s = summary();
        s.nuclear_uses = 0;
        s.first_nuclear_use_year = None;
        assert!(Outcome::find("first_nuclear_use_year").unwrap().of(&s).is_nan());
        assert_eq!(Outcome::find("any_nuclear_use").unwrap().of(&s), 0.0);
        let e = Outcome::find("nuclear_usez").unwrap_err();
        assert!(e.to_string().contains("nuclear_uses"), "{e}");
    }

    #[test]
    fn names_are_unique_and_documented() {
        for (i, o) in OUTCOMES.iter().enumerate() {
            assert!(OUTCOMES[..i].iter().all(|p| p.name != o.name), "{} twice", o.name);
            assert!(!o.label.is_empty() && !o.unit.is_empty() && o.description.len() > 20, "{}", o.name);
        }
    }
}
