//! The paradox experiment: a pre-specified design that asks, for each theory lens and for all
//! of them together, what regime failure does to stability among nuclear-armed states.
//!
//! Part one crosses the regime presets (`strong`, `eroded`, `failed`) with the lens sets, on
//! world-2025 over 50 years, with many replications per cell; the effect of regime failure is
//! the difference failed − strong in each measure's mean, with a percentile-bootstrap interval,
//! and a plain-language verdict. Part two samples the uncertain mechanism parameters (a Latin
//! hypercube, one run per point) and uses PRIM to find the regions of parameter space where the
//! paradox fails (nuclear use occurs). Nothing here is tuned: the design and the measures were
//! fixed before any result was looked at.

use crate::analysis::Results;
use crate::spec::{
    AnalysisSettings, Case, Design, DesignKind, Distribution, ExperimentInfo, Parameter, ParameterKind, Record,
    SCHEMA_VERSION, Spec,
};
use rand::RngExt;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use serde::Serialize;

/// The lens sets compared: each lens alone, then all four together.
pub const LENS_SETS: [&str; 5] = [
    "deterrence",
    "institutionalist",
    "organisational",
    "stability-instability",
    "deterrence+institutionalist+organisational+stability-instability",
];

/// The regime presets compared.
pub const PRESETS: [&str; 3] = ["strong", "eroded", "failed"];

/// The measures reported, with the words used in verdicts.
pub const MEASURES: [(&str, &str); 7] = [
    ("major_war_hazard_nuclear_dyads", "the hazard of major war between nuclear-armed states (per armed dyad-year)"),
    (
        "war_hazard_nuclear_dyads",
        "the hazard of war (limited or major) between nuclear-armed states (per armed dyad-year)",
    ),
    ("any_nuclear_use", "the probability of any nuclear use"),
    ("share_mutually_vulnerable", "the share of nuclear dyads that are mutually vulnerable"),
    ("mean_first_strike_stability", "mean first-strike stability"),
    ("nuclear_armed_states_end", "the number of nuclear-armed states"),
    ("sub_war_crises_involving_nuclear", "sub-nuclear conflict (crises below war involving a nuclear-armed state)"),
];

fn outcomes() -> Vec<String> {
    MEASURES.iter().map(|(m, _)| (*m).to_owned()).collect()
}

/// Part one: the preset × lens cells, `runs` replications each.
pub fn cells_spec(scenario: &str, runs: u32, seed: u64, years: Option<u32>) -> Spec {
    let cases = LENS_SETS
        .iter()
        .flat_map(|lens| {
            PRESETS.iter().map(move |preset| Case {
                name: format!("{lens}/{preset}"),
                values: [
                    ("lenses".to_owned(), toml::Value::String((*lens).into())),
                    ("regime".to_owned(), toml::Value::String((*preset).into())),
                ]
                .into_iter()
                .collect(),
            })
        })
        .collect();
    Spec {
        schema: SCHEMA_VERSION,
        experiment: ExperimentInfo {
            name: "paradox-cells".into(),
            scenario: scenario.into(),
            years,
            seed,
            replications: runs,
            outcomes: outcomes(),
        },
        design: Design { kind: DesignKind::Cases, samples: None, levels: None },
        parameters: Vec::new(),
        correlations: Vec::new(),
        cases,
        analysis: AnalysisSettings::default(),
        record: Record::default(),
    }
}

fn real(name: &str, low: f64, high: f64) -> Parameter {
    Parameter {
        name: name.into(),
        kind: ParameterKind::Real,
        low: Some(low),
        high: Some(high),
        distribution: Some(Distribution::Uniform),
        mode: None,
        values: Vec::new(),
    }
}

fn categorical(name: &str, values: &[&str]) -> Parameter {
    Parameter {
        name: name.into(),
        kind: ParameterKind::Categorical,
        low: None,
        high: None,
        distribution: None,
        mode: None,
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    }
}

/// Part two: a Latin hypercube over the regime, the lenses and the mechanism parameters whose
/// values are least certain, one run per point, for scenario discovery.
pub fn discovery_spec(scenario: &str, samples: u32, seed: u64, years: Option<u32>) -> Spec {
    let mut outcomes = outcomes();
    outcomes.push("nuclear_uses".into());
    Spec {
        schema: SCHEMA_VERSION,
        experiment: ExperimentInfo {
            name: "paradox-discovery".into(),
            scenario: scenario.into(),
            years,
            seed: seed ^ 0x5eed_d15c_0ffe_e000,
            replications: 1,
            outcomes,
        },
        design: Design { kind: DesignKind::Lhs, samples: Some(samples), levels: None },
        parameters: vec![
            categorical("regime", &PRESETS),
            categorical("lenses", &LENS_SETS),
            real("accident_hazard", 0.0, 0.1),
            real("prudence_base", 2.0, 20.0),
            real("crisis_base_rate", 0.05, 0.25),
            real("nuclear_risk_major_war", 0.05, 0.3),
            real("nuclear_use_cost", 0.5, 4.0),
            real("learn_cascade", 0.0, 0.4),
        ],
        correlations: Vec::new(),
        cases: Vec::new(),
        analysis: AnalysisSettings { prim_outcome: "nuclear_uses".into(), ..AnalysisSettings::default() },
        record: Record::default(),
    }
}

/// The effect of regime failure on one measure under one lens set.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Effect {
    /// Lens set.
    pub lenses: String,
    /// Measure name.
    pub measure: String,
    /// Mean under each preset (strong, eroded, failed).
    pub means: [f64; 3],
    /// failed − strong.
    pub difference: f64,
    /// Bootstrap confidence interval of the difference.
    pub ci: (f64, f64),
    /// Confidence level.
    pub confidence: f64,
    /// Runs with the measure defined (strong, failed).
    pub n: (usize, usize),
    /// The plain-language verdict.
    pub verdict: String,
}

/// Difference of means b − a with a percentile-bootstrap interval (each group resampled with
/// replacement, `resamples` times).
pub fn difference_ci(
    a: &[f64],
    b: &[f64],
    resamples: usize,
    confidence: f64,
    rng: &mut ChaCha8Rng,
) -> (f64, (f64, f64)) {
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let d = mean(b) - mean(a);
    if a.is_empty() || b.is_empty() {
        return (f64::NAN, (f64::NAN, f64::NAN));
    }
    let mut draws: Vec<f64> = (0..resamples)
        .map(|_| {
            let ma =
                (0..a.len()).map(|_| a[rng.random_range(0..a.len() as u32) as usize]).sum::<f64>() / a.len() as f64;
            let mb =
                (0..b.len()).map(|_| b[rng.random_range(0..b.len() as u32) as usize]).sum::<f64>() / b.len() as f64;
            mb - ma
        })
        .collect();
    draws.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = (draws.len() - 1) as f64 * p;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        draws[lo] + (h - lo as f64) * (draws[hi] - draws[lo])
    };
    let tail = (1.0 - confidence) / 2.0;
    (d, (q(tail), q(1.0 - tail)))
}

/// Effects of regime failure, per lens set and measure, from part one's results.
pub fn effects(results: &Results, resamples: usize, confidence: f64, seed: u64) -> Vec<Effect> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::MAX - 2);
    let mut out = Vec::new();
    for lens in LENS_SETS {
        for (j, (measure, words)) in MEASURES.iter().enumerate() {
            let Some(col) = results.outcomes.iter().position(|o| o == measure) else { continue };
            let _ = j;
            let group = |preset: &str| -> Vec<f64> {
                let case = format!("{lens}/{preset}");
                results
                    .rows
                    .iter()
                    .filter(|r| r.case == case)
                    .map(|r| r.outcomes[col])
                    .filter(|x| x.is_finite())
                    .collect()
            };
            let (strong, eroded, failed) = (group("strong"), group("eroded"), group("failed"));
            let mean = |v: &[f64]| if v.is_empty() { f64::NAN } else { v.iter().sum::<f64>() / v.len() as f64 };
            let (difference, ci) = difference_ci(&strong, &failed, resamples, confidence, &mut rng);
            let pct = (confidence * 100.0).round();
            let direction = if ci.0 > 0.0 {
                "raises"
            } else if ci.1 < 0.0 {
                "lowers"
            } else {
                "does not change"
            };
            let verdict = if difference.is_nan() {
                format!("under the {lens} lens, {words} is undefined (no runs with the measure defined)")
            } else {
                format!(
                    "under the {lens} lens, regime failure {direction} {words}: {:+.4} ({pct}% CI {:+.4} to {:+.4})",
                    difference, ci.0, ci.1
                )
            };
            out.push(Effect {
                lenses: lens.into(),
                measure: (*measure).into(),
                means: [mean(&strong), mean(&eroded), mean(&failed)],
                difference,
                ci,
                confidence,
                n: (strong.len(), failed.len()),
                verdict,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_are_catalogue_outcomes() {
        for (name, _) in MEASURES {
            assert!(lab::Outcome::find(name).is_ok(), "{name} is not in the outcome catalogue");
        }
    }

    #[test]
    fn both_specs_validate() {
        for spec in [cells_spec("world-2025", 2, 1, Some(5)), discovery_spec("world-2025", 20, 1, Some(5))] {
            assert!(crate::spec::validate(&spec).is_empty(), "{:?}", crate::spec::validate(&spec));
        }
    }
}
