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

/// Particles per level of the splitting estimate of major war between armed states in the
/// cells (the measure `major_war_risk_nuclear_dyads`): at the default parameters a run's own
/// count of such wars is almost always 0, so the cells measure each crisis's probability of
/// reaching major war instead (`engine::crisis::major_war_probability`).
pub const MAJOR_WAR_PARTICLES: u32 = 100;

/// The regime presets compared.
pub const PRESETS: [&str; 3] = ["strong", "eroded", "failed"];

/// The measures reported, with the words used in verdicts.
pub const MEASURES: [(&str, &str); 7] = [
    (
        "major_war_risk_nuclear_dyads",
        "the risk of major war between nuclear-armed states (expected major wars per armed dyad-year)",
    ),
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

/// The smallest effect of interest of each measure (in [`MEASURES`] order), stated before any
/// result was looked at: a difference smaller than this is no change worth reporting, and "does
/// not change" is claimed only when an equivalence test (TOST) shows the effect lies within it.
/// Hazards per armed dyad-year: 0.001 (major war) and 0.002 (any war); probability of any
/// nuclear use in a run: 0.02; share of mutually vulnerable dyads: 0.05; mean first-strike
/// stability: 0.02; nuclear-armed states at the end: 0.5; sub-war crises involving an armed
/// state per run: 1.
pub const SMALLEST_EFFECTS: [f64; 7] = [0.001, 0.002, 0.02, 0.05, 0.02, 0.5, 1.0];

/// How many further master seeds (the experiment's seed + 1, + 2, …) re-run the cells to check
/// that each verdict does not flip with the seed.
pub const SEED_CHECKS: u64 = 2;

/// Records the verdict kinds of the same cells run at other master seeds (`checks`, one list of
/// effects per seed, in the same order) and flags every verdict that flips.
pub fn mark_stability(effects: &mut [Effect], checks: &[Vec<Effect>]) {
    for (k, e) in effects.iter_mut().enumerate() {
        e.kinds_at_check_seeds = checks.iter().filter_map(|c| c.get(k).map(|x| x.kind)).collect();
        e.stable = e.kinds_at_check_seeds.iter().all(|&kind| kind == e.kind);
        if !e.stable {
            e.verdict.push_str(" [unstable: another master seed gives another verdict]");
        }
    }
}

/// The family-wise error rate of the verdicts (Holm-corrected across every lens set × measure)
/// and the level of each one-sided test of the equivalence test.
pub const ALPHA: f64 = 0.05;

fn outcomes() -> Vec<String> {
    MEASURES.iter().map(|(m, _)| (*m).to_owned()).collect()
}

/// Part one: the preset × lens cells, `runs` replications each.
pub fn cells_spec(scenario: &str, runs: u32, seed: u64, years: Option<u32>, major_war_particles: u32) -> Spec {
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
            major_war_particles,
        },
        design: Design { kind: DesignKind::Cases, samples: None, levels: None, second_order: false },
        parameters: Vec::new(),
        correlations: Vec::new(),
        cases,
        analysis: AnalysisSettings::default(),
        record: Record::default(),
        posterior: None,
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

/// Replications per design point of the scenario-discovery sample (`--discovery-replications`):
/// PRIM then peels on runs whose points each carry several draws of the model's own noise, so a
/// box's density is not one run's luck.
pub const DISCOVERY_REPLICATIONS: u32 = 4;

/// Part two: a Latin hypercube over the regime, the lenses and the mechanism parameters whose
/// values are least certain, `replications` runs per point, for scenario discovery.
pub fn discovery_spec(scenario: &str, samples: u32, seed: u64, years: Option<u32>, replications: u32) -> Spec {
    let mut outcomes = outcomes();
    outcomes.push("nuclear_uses".into());
    Spec {
        schema: SCHEMA_VERSION,
        experiment: ExperimentInfo {
            name: "paradox-discovery".into(),
            scenario: scenario.into(),
            years,
            seed: seed ^ 0x5eed_d15c_0ffe_e000,
            replications,
            outcomes,
            major_war_particles: 0,
        },
        design: Design { kind: DesignKind::Lhs, samples: Some(samples), levels: None, second_order: false },
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
        posterior: None,
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
    /// Two-sided bootstrap p-value of "no difference": twice the smaller share of bootstrap
    /// differences on either side of 0.
    #[serde(default)]
    pub p_value: f64,
    /// The p-value after Holm's correction across every effect of the experiment.
    #[serde(default)]
    pub p_holm: f64,
    /// The measure's smallest effect of interest ([`SMALLEST_EFFECTS`]).
    #[serde(default)]
    pub smallest_effect: f64,
    /// The `1 − 2α` bootstrap interval used by the equivalence test.
    #[serde(default)]
    pub equivalence_interval: (f64, f64),
    /// Whether the equivalence test (TOST) shows |difference| < smallest effect.
    #[serde(default)]
    pub equivalent: bool,
    /// The verdict's kind.
    #[serde(default)]
    pub kind: VerdictKind,
    /// The verdict's kind under each check seed ([`SEED_CHECKS`] further master seeds), in order.
    #[serde(default)]
    pub kinds_at_check_seeds: Vec<VerdictKind>,
    /// Whether every check seed gives the same kind of verdict (a verdict that flips is flagged).
    #[serde(default)]
    pub stable: bool,
    /// The minimum detectable effect: the smallest |difference| these runs would detect with
    /// power [`MDE_POWER`] at the strictest level of Holm's procedure (α divided by the number
    /// of comparisons), from the bootstrap standard error ([`minimum_detectable_effect`]).
    #[serde(default)]
    pub mde: f64,
    /// The plain-language verdict.
    pub verdict: String,
}

/// The power at which [`Effect::mde`] is stated.
pub const MDE_POWER: f64 = 0.8;

/// The minimum detectable effect of a difference with standard error `se`, for a two-sided test
/// at level `alpha` with power `power`: `(z(1 − alpha/2) + z(power)) × se` (the normal
/// approximation; Cohen 1988, *Statistical Power Analysis for the Behavioral Sciences*). NaN when
/// `se` is not finite.
pub fn minimum_detectable_effect(se: f64, alpha: f64, power: f64) -> f64 {
    use stats::analysis::normal_quantile;
    (normal_quantile(1.0 - alpha / 2.0) + normal_quantile(power)) * se
}

/// The standard deviation of bootstrap draws (the bootstrap standard error); NaN for fewer than
/// two draws.
fn bootstrap_se(draws: &[f64]) -> f64 {
    if draws.len() < 2 { f64::NAN } else { stats::analysis::summarise(draws).sd }
}

/// What a verdict claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    /// Regime failure raises the measure (Holm-corrected p < α).
    Raises,
    /// Regime failure lowers the measure (Holm-corrected p < α).
    Lowers,
    /// The effect lies within the smallest effect of interest (TOST at α).
    NoChange,
    /// Neither: the runs cannot tell.
    Inconclusive,
    /// No run had the measure defined (and the kind of a verdict read from a file written
    /// before verdict kinds existed).
    #[default]
    Undefined,
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
    let (d, draws) = bootstrap_difference(a, b, resamples, rng);
    (d, percentile_interval(&draws, confidence))
}

/// The percentile interval at `confidence` of sorted bootstrap `draws` (NaN when empty).
pub fn percentile_interval(draws: &[f64], confidence: f64) -> (f64, f64) {
    let tail = (1.0 - confidence) / 2.0;
    (stats::analysis::quantile_sorted(draws, tail), stats::analysis::quantile_sorted(draws, 1.0 - tail))
}

/// Two-sided bootstrap p-value of "no difference" from sorted `draws`: twice the smaller share
/// of draws at or beyond 0 on either side, at most 1 (NaN when empty).
pub fn bootstrap_p(draws: &[f64]) -> f64 {
    if draws.is_empty() {
        return f64::NAN;
    }
    let n = draws.len() as f64;
    let below = draws.iter().filter(|&&d| d <= 0.0).count() as f64 / n;
    let above = draws.iter().filter(|&&d| d >= 0.0).count() as f64 / n;
    (2.0 * below.min(above)).min(1.0)
}

/// Difference of means b − a and its sorted percentile-bootstrap draws (each group resampled
/// with replacement, `resamples` times); empty draws when a group is empty.
pub fn bootstrap_difference(a: &[f64], b: &[f64], resamples: usize, rng: &mut ChaCha8Rng) -> (f64, Vec<f64>) {
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    if a.is_empty() || b.is_empty() {
        return (f64::NAN, Vec::new());
    }
    let d = mean(b) - mean(a);
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
    (d, draws)
}

/// The kind of verdict for an effect `difference` with Holm-corrected p-value `p_holm` and the
/// equivalence test's result: a direction when `p_holm < ALPHA`, no change when equivalent,
/// else inconclusive.
pub fn verdict_kind(difference: f64, p_holm: f64, equivalent: bool) -> VerdictKind {
    if difference.is_nan() || p_holm.is_nan() {
        VerdictKind::Undefined
    } else if p_holm < ALPHA {
        if difference > 0.0 { VerdictKind::Raises } else { VerdictKind::Lowers }
    } else if equivalent {
        VerdictKind::NoChange
    } else {
        VerdictKind::Inconclusive
    }
}

/// A signed number for a verdict: four decimals, or two significant digits in scientific
/// notation when it is non-zero and smaller than 0.001 in size (a rare-event risk of 1.5e-6
/// would otherwise print as +0.0000).
pub fn signed(x: f64) -> String {
    if x != 0.0 && x.is_finite() && x.abs() < 1e-3 { format!("{x:+.1e}") } else { format!("{x:+.4}") }
}

fn verdict_text(e: &Effect, words: &str) -> String {
    let lens = &e.lenses;
    let pct = (e.confidence * 100.0).round();
    let numbers = format!(
        "{} ({pct}% CI {} to {}; Holm-corrected p {:.3}; smallest effect of interest ±{})",
        signed(e.difference),
        signed(e.ci.0),
        signed(e.ci.1),
        e.p_holm,
        e.smallest_effect
    );
    // A detectable effect whose equivalence interval lies inside the smallest effect of interest
    // is real but negligible (Lakens, Scheel & Isager 2018, "Equivalence Testing for
    // Psychological Research", AMPPS 1(2)): the verdict says so.
    let negligible = if e.equivalent { ", by less than the smallest effect of interest (negligible)" } else { "" };
    match e.kind {
        VerdictKind::Undefined => {
            format!("under the {lens} lens, {words} is undefined (no runs with the measure defined)")
        }
        VerdictKind::Raises => format!("under the {lens} lens, regime failure raises {words}{negligible}: {numbers}"),
        VerdictKind::Lowers => format!("under the {lens} lens, regime failure lowers {words}{negligible}: {numbers}"),
        VerdictKind::NoChange => format!(
            "under the {lens} lens, regime failure does not change {words} (equivalent within the smallest effect of interest): {numbers}"
        ),
        VerdictKind::Inconclusive => {
            format!("under the {lens} lens, the runs cannot tell what regime failure does to {words}: {numbers}")
        }
    }
}

/// Effects of regime failure, per lens set and measure, from part one's results: difference of
/// means with a bootstrap interval, a bootstrap p-value corrected by Holm across every lens set
/// and measure, and an equivalence test (two one-sided tests at [`ALPHA`], i.e. the `1 − 2α`
/// interval inside ± the measure's smallest effect of interest), so that "does not change" is a
/// claim with evidence and "cannot tell" is its own verdict.
pub fn effects(results: &Results, resamples: usize, confidence: f64, seed: u64) -> Vec<Effect> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::MAX - 2);
    let mut out = Vec::new();
    for lens in LENS_SETS {
        for (j, (measure, words)) in MEASURES.iter().enumerate() {
            let Some(col) = results.outcomes.iter().position(|o| o == measure) else { continue };
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
            let (difference, draws) = bootstrap_difference(&strong, &failed, resamples, &mut rng);
            let ci = percentile_interval(&draws, confidence);
            let equivalence_interval = percentile_interval(&draws, 1.0 - 2.0 * ALPHA);
            let smallest_effect = SMALLEST_EFFECTS[j];
            let equivalent = equivalence_interval.0 > -smallest_effect && equivalence_interval.1 < smallest_effect;
            out.push(Effect {
                lenses: lens.into(),
                measure: (*measure).into(),
                means: [mean(&strong), mean(&eroded), mean(&failed)],
                difference,
                ci,
                confidence,
                n: (strong.len(), failed.len()),
                p_value: bootstrap_p(&draws),
                p_holm: f64::NAN,
                smallest_effect,
                equivalence_interval,
                equivalent,
                kind: VerdictKind::Undefined,
                kinds_at_check_seeds: Vec::new(),
                stable: true,
                mde: bootstrap_se(&draws),
                verdict: (*words).to_owned(),
            });
        }
    }
    // Holm's correction across every effect, then the verdicts.
    let adjusted = stats::analysis::holm(&out.iter().map(|e| e.p_value).collect::<Vec<_>>());
    let strictest = ALPHA / out.len().max(1) as f64;
    for (e, p_holm) in out.iter_mut().zip(adjusted) {
        // `mde` held the bootstrap standard error until the number of comparisons was known.
        e.mde = minimum_detectable_effect(e.mde, strictest, MDE_POWER);
        e.p_holm = p_holm;
        e.kind = verdict_kind(e.difference, p_holm, e.equivalent);
        e.verdict = verdict_text(e, &e.verdict);
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
        for spec in [
            cells_spec("world-2025", 2, 1, Some(5), MAJOR_WAR_PARTICLES),
            discovery_spec("world-2025", 20, 1, Some(5), DISCOVERY_REPLICATIONS),
        ] {
            assert!(crate::spec::validate(&spec).is_empty(), "{:?}", crate::spec::validate(&spec));
        }
    }

    #[test]
    fn the_minimum_detectable_effect_is_the_sum_of_two_normal_quantiles_times_the_standard_error() {
        // z(0.975) = 1.959964, z(0.8) = 0.841621 (standard normal tables).
        assert!((minimum_detectable_effect(1.0, 0.05, 0.8) - 2.801585).abs() < 1e-5);
        assert!((minimum_detectable_effect(0.5, 0.05, 0.8) - 1.400792).abs() < 1e-5);
        // Level 0.05 / 35, two-sided: z(1 − 0.05/70) = 3.188815.
        assert!((minimum_detectable_effect(1.0, 0.05 / 35.0, 0.8) - (3.188_815 + 0.841_621)).abs() < 1e-5);
        assert!(minimum_detectable_effect(f64::NAN, 0.05, 0.8).is_nan());
        let draws: Vec<f64> = vec![1.0, 2.0, 3.0, 4.0];
        assert!((bootstrap_se(&draws) - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn a_detectable_effect_inside_the_smallest_effect_of_interest_is_called_negligible() {
        let mut e = Effect {
            lenses: "deterrence".into(),
            measure: "major_war_risk_nuclear_dyads".into(),
            means: [1e-6, 2e-6, 2.5e-6],
            difference: 1.5e-6,
            ci: (0.8e-6, 2.3e-6),
            confidence: 0.95,
            n: (200, 200),
            p_value: 0.0,
            p_holm: 0.0,
            smallest_effect: 0.001,
            equivalence_interval: (0.9e-6, 2.1e-6),
            equivalent: true,
            kind: VerdictKind::Raises,
            kinds_at_check_seeds: Vec::new(),
            stable: true,
            mde: 1.5e-6,
            verdict: String::new(),
        };
        let text = verdict_text(&e, "the risk");
        assert!(text.contains("raises the risk, by less than the smallest effect of interest (negligible): +1.5e-6 (95% CI +8.0e-7 to +2.3e-6"), "{text}");
        e.equivalent = false;
        assert!(!verdict_text(&e, "the risk").contains("negligible"));
    }

    #[test]
    fn small_numbers_keep_their_digits_in_verdicts() {
        assert_eq!(signed(1.5e-6), "+1.5e-6");
        assert_eq!(signed(-0.0004), "-4.0e-4");
        assert_eq!(signed(0.0), "+0.0000");
        assert_eq!(signed(0.0123), "+0.0123");
    }

    #[test]
    fn verdict_kinds_follow_holm_and_the_equivalence_test() {
        assert_eq!(verdict_kind(0.3, 0.01, false), VerdictKind::Raises);
        assert_eq!(verdict_kind(-0.3, 0.049, true), VerdictKind::Lowers);
        assert_eq!(verdict_kind(0.001, 0.5, true), VerdictKind::NoChange);
        assert_eq!(verdict_kind(0.05, 0.5, false), VerdictKind::Inconclusive);
        assert_eq!(verdict_kind(f64::NAN, 0.5, false), VerdictKind::Undefined);
    }

    #[test]
    fn bootstrap_p_values_and_intervals_on_known_draws() {
        let positive: Vec<f64> = (1..=100).map(f64::from).collect();
        assert!(bootstrap_p(&positive).abs() < 1e-15);
        let symmetric: Vec<f64> = (-50..=50).map(f64::from).collect();
        assert!((bootstrap_p(&symmetric) - 1.0).abs() < 1e-12);
        // 10 of 100 draws at or below 0: p = 0.2.
        let mostly: Vec<f64> = (-9..=90).map(f64::from).collect();
        assert!((bootstrap_p(&mostly) - 0.2).abs() < 1e-12);
        let (lo, hi) = percentile_interval(&symmetric, 0.9);
        assert!((lo + 45.0).abs() < 1e-9 && (hi - 45.0).abs() < 1e-9, "{lo} {hi}");
    }

    #[test]
    fn identical_tight_groups_are_equivalent_and_distinct_ones_differ() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let a: Vec<f64> = (0..200).map(|i| 0.5 + 0.001 * f64::from(i % 3)).collect();
        let (d, draws) = bootstrap_difference(&a, &a, 500, &mut rng);
        assert!(d.abs() < 1e-12);
        let (lo, hi) = percentile_interval(&draws, 1.0 - 2.0 * ALPHA);
        assert!(lo > -0.02 && hi < 0.02, "equivalent within 0.02: {lo} {hi}");
        let b: Vec<f64> = a.iter().map(|x| x + 0.1).collect();
        let (d, draws) = bootstrap_difference(&a, &b, 500, &mut rng);
        assert!((d - 0.1).abs() < 1e-9 && bootstrap_p(&draws).abs() < 1e-15);
        // Small, noisy groups: neither a difference nor equivalence.
        let noisy_a = [0.0, 1.0, 0.0, 1.0, 1.0];
        let noisy_b = [1.0, 0.0, 1.0, 0.0, 1.0];
        let (_, draws) = bootstrap_difference(&noisy_a, &noisy_b, 500, &mut rng);
        let (lo, hi) = percentile_interval(&draws, 1.0 - 2.0 * ALPHA);
        assert!(bootstrap_p(&draws) > ALPHA && (lo < -0.02 || hi > 0.02));
    }

    #[test]
    fn a_verdict_that_flips_with_the_seed_is_flagged() {
        let effect = |kind| Effect {
            lenses: "deterrence".into(),
            measure: "any_nuclear_use".into(),
            means: [0.0; 3],
            difference: 0.0,
            ci: (0.0, 0.0),
            confidence: 0.95,
            n: (1, 1),
            p_value: 1.0,
            p_holm: 1.0,
            smallest_effect: 0.02,
            equivalence_interval: (0.0, 0.0),
            equivalent: true,
            kind,
            kinds_at_check_seeds: Vec::new(),
            stable: true,
            mde: 0.01,
            verdict: "v".into(),
        };
        let mut effects = vec![effect(VerdictKind::NoChange), effect(VerdictKind::Raises)];
        let checks = vec![
            vec![effect(VerdictKind::NoChange), effect(VerdictKind::Raises)],
            vec![effect(VerdictKind::NoChange), effect(VerdictKind::Inconclusive)],
        ];
        mark_stability(&mut effects, &checks);
        assert!(effects[0].stable && effects[0].verdict == "v");
        assert!(!effects[1].stable && effects[1].verdict.contains("unstable"));
        assert_eq!(effects[1].kinds_at_check_seeds, vec![VerdictKind::Raises, VerdictKind::Inconclusive]);
    }
}
