//! The report of a calibration (`deterrence calibrate --out DIR`, docs/calibration.md): the
//! sampler's diagnostics by generation, each parameter's weighted posterior marginal against its
//! prior range and the engine's default, every pair of parameters as a scatter of the weighted
//! particles with their weighted correlations, and the posterior-predictive check of every
//! scorecard pattern, fitted and out of sample, against the defaults and the simple baselines.

use super::*;
use crate::chart::{Axes, Chart, Series};
use crate::page::{Block, Page, Section, Table, render};
use calibrate::output::GenerationSummary;
use calibrate::spec::{ParameterSpec, PriorKind};
use calibrate::{Marginal, Spec};

/// Bins of a marginal's histogram over its prior range.
pub const MARGINAL_BINS: usize = 20;

/// Most parameters drawn pairwise (the first ones, in spec order): 8 give 28 scatters.
pub const MAX_PAIRED: usize = 8;

/// One pattern at the defaults and under the posterior predictive.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PredictionRow {
    /// Fitted (inside the training window) or out of sample.
    pub fitted: bool,
    /// Scored with the defaults.
    pub default: PatternRow,
    /// Scored under the posterior predictive.
    pub posterior: PatternRow,
    /// CRPS of the default replays.
    pub crps_default: Option<f64>,
    /// CRPS of the posterior-predictive replays.
    pub crps_posterior: Option<f64>,
    /// Whether the record lies in the posterior predictive's 90 % interval.
    pub covered: bool,
    /// The baseline's forecast, where one applies.
    pub baseline: Option<f64>,
    /// The baseline's CRPS (absolute error).
    pub crps_baseline: Option<f64>,
}

/// A calibration document (`kind: "calibration"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CalibrationDoc {
    /// Document kind; `calibration`.
    pub kind: String,
    /// The spec.
    pub spec: Spec,
    /// Every generation's diagnostics.
    pub generations: Vec<GenerationSummary>,
    /// Why the sampler stopped (as written: `{"reason": …}`).
    pub stop: serde_json::Value,
    /// Posterior marginals.
    pub marginals: Vec<Marginal>,
    /// Every pattern, fitted and out of sample.
    pub predictions: Vec<PredictionRow>,
}

/// Inputs of a calibration's report.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationInput {
    /// Report title.
    pub title: String,
    /// Provenance.
    pub provenance: Provenance,
    /// `calibration.json`.
    pub doc: CalibrationDoc,
    /// The last generation's particles (`posterior.csv`): weights, and values in the order of
    /// the spec's parameters.
    pub weights: Vec<f64>,
    /// `values[k][j]`: particle `k`'s value of parameter `j`.
    pub values: Vec<Vec<f64>>,
}

/// The weighted histogram of `xs` over `[low, high]` in `bins` equal bins, as densities (each
/// bin's weight share divided by its width; the bars' area is 1 when every value lies inside).
pub fn weighted_histogram(xs: &[f64], weights: &[f64], low: f64, high: f64, bins: usize) -> (Vec<f64>, Vec<f64>) {
    let bins = bins.max(1);
    let width = (high - low) / bins as f64;
    let edges: Vec<f64> = (0..=bins).map(|i| low + width * i as f64).collect();
    let mut heights = vec![0.0; bins];
    let total: f64 = weights.iter().filter(|w| w.is_finite()).sum();
    if width.is_nan() || width <= 0.0 || total.is_nan() || total <= 0.0 {
        return (edges, heights);
    }
    for (&x, &w) in xs.iter().zip(weights) {
        if !x.is_finite() || !w.is_finite() || x < low || x > high {
            continue;
        }
        let i = (((x - low) / width) as usize).min(bins - 1);
        heights[i] += w / total / width;
    }
    (edges, heights)
}

/// The weighted Pearson correlation of `x` and `y` (NaN when either has no spread).
pub fn weighted_correlation(x: &[f64], y: &[f64], w: &[f64]) -> f64 {
    let total: f64 = w.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return f64::NAN;
    }
    let mean = |v: &[f64]| v.iter().zip(w).map(|(a, b)| a * b).sum::<f64>() / total;
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for ((&a, &b), &k) in x.iter().zip(y).zip(w) {
        sxy += k * (a - mx) * (b - my);
        sxx += k * (a - mx) * (a - mx);
        syy += k * (b - my) * (b - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return f64::NAN;
    }
    sxy / (sxx * syy).sqrt()
}

fn stop_reason(stop: &serde_json::Value) -> String {
    match stop.get("reason").and_then(|r| r.as_str()) {
        Some("attempt_limit") => format!(
            "a particle was not accepted within the attempt limit in generation {}",
            stop.get("generation").map_or_else(|| "?".into(), ToString::to_string)
        ),
        Some(r) => r.replace('_', " "),
        None => stop.to_string(),
    }
}

fn prior_text(p: &ParameterSpec) -> String {
    match (p.prior, p.mean, p.sd) {
        (PriorKind::Normal, Some(m), Some(s)) => {
            format!("normal({}, {}) on [{}, {}]", num(m), num(s), num(p.low), num(p.high))
        }
        (PriorKind::LogUniform, ..) => format!("log-uniform on [{}, {}]", num(p.low), num(p.high)),
        _ => format!("uniform on [{}, {}]", num(p.low), num(p.high)),
    }
}

/// The calibration page.
pub fn calibration_report(input: &CalibrationInput) -> String {
    let d = &input.doc;
    let c = &d.spec.calibration;
    let params = &d.spec.parameters;
    let replays: u64 = d.generations.iter().map(|g| g.simulations).sum();
    let mut sampler = vec![Block::Note(format!(
        "ABC-SMC calibration `{}` of {}: {} particles × {} replay(s) per proposal, patterns of 1945–{} fitted, seed {}. \
         {} generation(s), {replays} replays; stopped: {}. The posterior is that of the fitted patterns within the final \
         tolerance (docs/calibration.md).",
        c.name,
        c.scenario,
        c.particles,
        c.replications,
        c.training_until,
        c.seed,
        d.generations.len(),
        stop_reason(&d.stop)
    ))];
    sampler.push(Block::Table(Table {
        caption: "Generations: tolerance, proposals, replays, acceptance rate, effective sample size".into(),
        header: vec![
            "generation".into(),
            "tolerance".into(),
            "proposals".into(),
            "replays".into(),
            "acceptance rate".into(),
            "ESS".into(),
        ],
        rows: d
            .generations
            .iter()
            .map(|g| {
                vec![
                    g.index.to_string(),
                    g.tolerance.map_or_else(|| "prior".into(), num),
                    g.proposals.to_string(),
                    g.simulations.to_string(),
                    num(g.acceptance_rate),
                    num(g.ess),
                ]
            })
            .collect(),
    }));
    if d.generations.len() > 1 {
        let points = |f: &dyn Fn(&GenerationSummary) -> f64| -> Vec<(f64, f64)> {
            d.generations.iter().map(|g| (g.index as f64, f(g))).collect()
        };
        sampler.push(Block::Chart(Chart::Lines {
            axes: Axes::new("Tolerance by generation", "generation", "tolerance (scaled distance)"),
            series: vec![Series { name: "tolerance".into(), points: points(&|g| g.tolerance.unwrap_or(f64::NAN)) }],
        }));
        sampler.push(Block::Chart(Chart::Lines {
            axes: Axes::new("Acceptance rate and effective sample share by generation", "generation", "share (0–1)"),
            series: vec![
                Series { name: "acceptance rate".into(), points: points(&|g| g.acceptance_rate) },
                Series { name: "ESS / particles".into(), points: points(&|g| g.ess / c.particles.max(1) as f64) },
            ],
        }));
    }
    let mut sections = vec![Section { heading: "Sampler".into(), blocks: sampler }];

    let column =
        |j: usize| -> Vec<f64> { input.values.iter().map(|v| v.get(j).copied().unwrap_or(f64::NAN)).collect() };
    let mut marginal_blocks = vec![Block::Table(Table {
        caption: "Posterior marginals (weighted) beside the prior and the engine's default".into(),
        header: vec![
            "parameter".into(),
            "prior".into(),
            "default".into(),
            "mean".into(),
            "sd".into(),
            "5 %".into(),
            "median".into(),
            "95 %".into(),
        ],
        rows: d
            .marginals
            .iter()
            .map(|m| {
                let prior = params.iter().find(|p| p.name == m.name).map_or_else(|| "n/a".into(), prior_text);
                vec![
                    m.name.clone(),
                    prior,
                    num(m.default),
                    num(m.mean),
                    num(m.sd),
                    num(m.quantiles[0]),
                    num(m.quantiles[1]),
                    num(m.quantiles[2]),
                ]
            })
            .collect(),
    })];
    for (j, p) in params.iter().enumerate() {
        let (edges, heights) = weighted_histogram(&column(j), &input.weights, p.low, p.high, MARGINAL_BINS);
        let mut marks = Vec::new();
        if let Some(m) = d.marginals.iter().find(|m| m.name == p.name) {
            marks.push((m.default, "engine default".to_owned()));
            marks.push((m.mean, "posterior mean".to_owned()));
        }
        marginal_blocks.push(Block::Chart(Chart::Histogram {
            axes: Axes::new(
                format!("Posterior of {} over its prior range", p.name),
                format!("{} (prior {})", p.name, prior_text(p)),
                "posterior density (weighted)",
            ),
            edges,
            heights,
            marks,
        }));
    }
    sections.push(Section { heading: "Posterior marginals".into(), blocks: marginal_blocks });

    let paired = params.len().min(MAX_PAIRED);
    if paired >= 2 {
        let mut rows = Vec::new();
        let mut scatters = Vec::new();
        let default_of = |name: &str| d.marginals.iter().find(|m| m.name == name).map(|m| m.default);
        for a in 0..paired {
            for b in (a + 1)..paired {
                let (x, y) = (column(a), column(b));
                let r = weighted_correlation(&x, &y, &input.weights);
                rows.push(vec![params[a].name.clone(), params[b].name.clone(), num(r)]);
                let mark = default_of(&params[a].name)
                    .zip(default_of(&params[b].name))
                    .map(|p| (p, "engine default".to_owned()));
                scatters.push(Block::Chart(Chart::Scatter {
                    axes: Axes::new(
                        format!("{} against {}", params[b].name, params[a].name),
                        params[a].name.clone(),
                        params[b].name.clone(),
                    ),
                    points: x.into_iter().zip(y).collect(),
                    weights: input.weights.clone(),
                    points_label: "posterior particle (area by weight)".into(),
                    mark,
                }));
            }
        }
        let mut blocks = vec![Block::Table(Table {
            caption: "Weighted correlations of the posterior particles, pair by pair".into(),
            header: vec!["parameter".into(), "with".into(), "correlation".into()],
            rows,
        })];
        if params.len() > MAX_PAIRED {
            blocks.push(Block::Note(format!(
                "The first {MAX_PAIRED} of {} parameters are drawn pairwise; posterior.csv holds every particle.",
                params.len()
            )));
        }
        blocks.push(Block::Details { summary: format!("{} pairwise scatters", scatters.len()), blocks: scatters });
        sections.push(Section { heading: "Pairs of parameters".into(), blocks });
    }

    let covered = d.predictions.iter().filter(|p| !p.fitted && p.covered).count();
    let out_of_sample = d.predictions.iter().filter(|p| !p.fitted).count();
    let wins = d
        .predictions
        .iter()
        .filter_map(|p| Some((p.crps_posterior?, p.crps_baseline?)))
        .filter(|(model, baseline)| model < baseline)
        .count();
    let with_baseline = d.predictions.iter().filter(|p| p.crps_baseline.is_some()).count();
    let mut check = vec![Block::Note(format!(
        "{} posterior-predictive replays, each at a particle drawn by weight, beside as many at the engine's defaults \
         (same run seeds). Out of sample, the record lies inside the posterior predictive's 90 % interval for \
         {covered} of {out_of_sample} patterns; the posterior beats the simple baseline (lower CRPS) on {wins} of \
         {with_baseline} patterns that have one. CRPS is in the pattern's units, lower is better.",
        c.predictive_runs
    ))];
    check.push(Block::Table(Table {
        caption: "Every scorecard pattern at the defaults and under the posterior predictive".into(),
        header: vec![
            "pattern".into(),
            "window".into(),
            "record".into(),
            "default median".into(),
            "posterior median".into(),
            "posterior 90 % interval".into(),
            "covered".into(),
            "CRPS default".into(),
            "CRPS posterior".into(),
            "baseline".into(),
            "CRPS baseline".into(),
        ],
        rows: d
            .predictions
            .iter()
            .map(|p| {
                let q = &p.posterior;
                vec![
                    q.name.clone(),
                    if p.fitted { "fitted".into() } else { "out of sample".into() },
                    opt_num(q.record),
                    opt_num(p.default.median),
                    opt_num(q.median),
                    format!("[{}, {}]", opt_num(q.q05), opt_num(q.q95)),
                    if p.covered { "yes".into() } else { "no".into() },
                    opt_num(p.crps_default),
                    opt_num(p.crps_posterior),
                    opt_num(p.baseline),
                    opt_num(p.crps_baseline),
                ]
            })
            .collect(),
    }));
    check.extend(decade_chart(
        format!("Nuclear-armed states by decade: record vs posterior predictive (fitted to {})", c.training_until),
        d.predictions.iter().map(|p| &p.posterior),
    ));
    sections.push(Section { heading: "Posterior-predictive check, fitted and out of sample".into(), blocks: check });
    render(&Page {
        title: input.title.clone(),
        subtitle: "Calibration: the replay's parameters fitted to the record by ABC-SMC, and checked out of sample."
            .into(),
        provenance: input.provenance.clone(),
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weighted_histogram_is_a_density_over_the_prior_range() {
        // Weights 1, 1, 2 at 0.1, 0.6, 0.9 on [0, 1] in 2 bins of width 0.5: shares 1/4 and 3/4,
        // densities 0.5 and 1.5; a value outside the range is left out.
        let (edges, heights) = weighted_histogram(&[0.1, 0.6, 0.9, 2.0], &[1.0, 1.0, 2.0, 0.0], 0.0, 1.0, 2);
        assert_eq!(edges, vec![0.0, 0.5, 1.0]);
        assert!((heights[0] - 0.5).abs() < 1e-12 && (heights[1] - 1.5).abs() < 1e-12, "{heights:?}");
        // The upper bound falls in the last bin.
        let (_, h) = weighted_histogram(&[1.0], &[1.0], 0.0, 1.0, 4);
        assert_eq!(h, vec![0.0, 0.0, 0.0, 4.0]);
    }

    #[test]
    fn the_weighted_correlation_matches_a_hand_computation() {
        // Equal weights: Pearson's r of (1, 2, 3) and (1, 3, 2) is 0.5.
        assert!((weighted_correlation(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0], &[1.0; 3]) - 0.5).abs() < 1e-12);
        // Weight 2 on the first point equals duplicating it: (1, 1, 2, 3) with (1, 1, 3, 2).
        let dup = weighted_correlation(&[1.0, 1.0, 2.0, 3.0], &[1.0, 1.0, 3.0, 2.0], &[1.0; 4]);
        let weighted = weighted_correlation(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0], &[2.0, 1.0, 1.0]);
        assert!((dup - weighted).abs() < 1e-12);
        assert!(weighted_correlation(&[1.0, 1.0], &[1.0, 2.0], &[1.0, 1.0]).is_nan());
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;

    fn pattern(name: &str, record: f64, median: f64) -> serde_json::Value {
        serde_json::json!({"name": name, "description": name, "record": record, "median": median,
            "q05": median - 1.0, "q95": median + 1.0, "tolerance": 1.0, "pass": true})
    }

    /// Two parameters give one pair: its scatter, the correlation table; the prediction table
    /// marks the windows, and the decade chart is drawn from the armed-states patterns.
    #[test]
    fn the_page_draws_marginals_a_pair_and_the_predictive_check() {
        let doc: CalibrationDoc = serde_json::from_value(serde_json::json!({
            "kind": "calibration",
            "spec": {"schema": 1, "calibration": {"name": "t", "scenario": "history-1945", "seed": 1, "particles": 3,
                "replications": 1, "generations": 2, "min_acceptance_rate": 0.02, "quantile": 0.5, "max_attempts": 100,
                "training_until": 1970, "predictive_runs": 4},
                "parameters": [{"name": "a", "prior": "uniform", "low": 0.0, "high": 1.0},
                               {"name": "b", "prior": "normal", "low": -1.0, "high": 1.0, "mean": 0.0, "sd": 0.5}]},
            "generations": [{"index": 0, "tolerance": null, "proposals": 3, "simulations": 3, "acceptance_rate": 1.0, "ess": 3.0},
                            {"index": 1, "tolerance": 2.5, "proposals": 9, "simulations": 9, "acceptance_rate": 0.33, "ess": 2.7}],
            "stop": {"reason": "max_generations"},
            "marginals": [{"name": "a", "default": 0.5, "mean": 0.4, "sd": 0.1, "quantiles": [0.2, 0.4, 0.6]},
                          {"name": "b", "default": 0.0, "mean": 0.1, "sd": 0.2, "quantiles": [-0.2, 0.1, 0.4]}],
            "predictions": [
                {"fitted": true, "default": pattern("armed_states_1960", 4.0, 3.0), "posterior": pattern("armed_states_1960", 4.0, 4.0),
                 "crps_default": 0.5, "crps_posterior": 0.3, "covered": true, "baseline": null, "crps_baseline": null},
                {"fitted": false, "default": pattern("armed_states_1990", 9.0, 8.0), "posterior": pattern("armed_states_1990", 9.0, 12.0),
                 "crps_default": 0.7, "crps_posterior": 2.0, "covered": false, "baseline": 8.5, "crps_baseline": 0.5}]
        }))
        .unwrap();
        let input = CalibrationInput {
            title: "cal".into(),
            provenance: Provenance::default(),
            doc,
            weights: vec![0.2, 0.3, 0.5],
            values: vec![vec![0.1, -0.5], vec![0.5, 0.0], vec![0.9, 0.5]],
        };
        let html = calibration_report(&input);
        for part in [
            "Posterior of a over its prior range",
            "normal(0, 0.5000) on [-1, 1]",
            "b against a",
            "Weighted correlations",
            "out of sample",
            "90 % interval for 0 of 1 patterns",
            "beats the simple baseline (lower CRPS) on 0 of 1",
            "Nuclear-armed states by decade: record vs posterior predictive",
        ] {
            assert!(html.contains(part), "{part}");
        }
        // The three particles lie on a line: correlation 1.
        assert!((weighted_correlation(&[0.1, 0.5, 0.9], &[-0.5, 0.0, 0.5], &input.weights) - 1.0).abs() < 1e-12);
    }
}
