//! Reading an experiment directory back and analysing it: per-point summaries with bootstrap
//! intervals, Sobol' indices with a convergence diagnostic (sobol designs), Morris μ* and σ
//! (morris designs), and PRIM scenario discovery for a binary outcome.

use crate::Manifest;
use crate::rows::{Problems, RowCheck};
use crate::spec::DesignKind;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use serde::Serialize;
use std::path::Path;

/// Errors reading results.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// A file could not be read or parsed.
    #[error("{0}")]
    Read(String),
    /// The results do not support the analysis.
    #[error("{0}")]
    Unsupported(String),
}

/// The rows of `results.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Parameter column names.
    pub columns: Vec<String>,
    /// Outcome names.
    pub outcomes: Vec<String>,
    /// One row per run, in run order.
    pub rows: Vec<Row>,
}

/// One run's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Design point.
    pub point: usize,
    /// Case name.
    pub case: String,
    /// Parameter values as written.
    pub values: Vec<String>,
    /// Outcomes (NaN where empty).
    pub outcomes: Vec<f64>,
}

/// Reads `manifest.json` and `results.csv` of a complete experiment directory. Every row is
/// checked against the design the manifest's spec gives ([`crate::rows::RowCheck`]): typed
/// fields, the run index of its point and replication, the point's parameter values, finite
/// outcomes, runs in increasing order; every problem is reported (up to
/// [`crate::rows::MAX_REPORTED`]), each with file, line and field.
pub fn load(dir: &Path) -> Result<(Manifest, Results), AnalysisError> {
    let mpath = dir.join("manifest.json");
    let text = std::fs::read_to_string(&mpath).map_err(|e| AnalysisError::Read(format!("{}: {e}", mpath.display())))?;
    let manifest = Manifest::from_json(&text).map_err(|e| AnalysisError::Read(format!("{}: {e}", mpath.display())))?;
    let check = RowCheck::new(&manifest).map_err(|e| AnalysisError::Read(format!("{}: {e}", mpath.display())))?;
    let rpath = dir.join("results.csv");
    let file = rpath.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&rpath)
        .map_err(|e| AnalysisError::Read(format!("{file}: {e}")))?;
    let header = reader.headers().map_err(|e| AnalysisError::Read(format!("{file}: {e}")))?.clone();
    // The header must be exactly what the runner writes for this manifest.
    if header.iter().ne(check.header().iter().map(String::as_str)) {
        return Err(AnalysisError::Read(format!(
            "{file}:1: the header does not match manifest.json (expected {})",
            check.header().join(",")
        )));
    }
    let n_cols = check.header().len() - 4 - manifest.spec.experiment.outcomes.len();
    let columns: Vec<String> = check.header()[4..4 + n_cols].to_vec();
    let mut rows = Vec::new();
    let mut problems = Problems::default();
    let mut last_run: Option<u64> = None;
    for rec in reader.records() {
        let rec = rec.map_err(|e| AnalysisError::Read(format!("{file}: {e}")))?;
        let line = rec.position().map_or(0, |p| p.line());
        let mut found = Vec::new();
        if let Some(row) = check.check(&rec, &mut found) {
            if last_run.is_some_and(|last| row.run <= last) {
                found.push(format!(
                    "field `run`: expected a run after {} (rows in increasing run order, each run once), found {}",
                    last_run.unwrap_or_default(),
                    row.run
                ));
            }
            last_run = Some(row.run);
            rows.push(Row { point: row.point, case: row.case, values: row.values, outcomes: row.outcomes });
        }
        problems.add(&file, line, found);
    }
    if !problems.is_empty() {
        return Err(AnalysisError::Read(problems.message()));
    }
    let expected = manifest.total_runs as usize;
    if manifest.shard.is_none() && rows.len() != expected {
        return Err(AnalysisError::Unsupported(format!(
            "{} holds {} of {expected} runs: finish it (--resume) or merge its shards first",
            dir.display(),
            rows.len()
        )));
    }
    let outcomes = manifest_outcomes(&manifest);
    Ok((manifest, Results { columns, outcomes, rows }))
}

fn manifest_outcomes(m: &Manifest) -> Vec<String> {
    m.spec.experiment.outcomes.clone()
}

/// Summary of one outcome at one design point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeSummary {
    /// Outcome name.
    pub outcome: String,
    /// Descriptive statistics over the point's replications.
    pub summary: stats::analysis::Summary,
    /// Bootstrap interval of the mean.
    pub mean_ci: (f64, f64),
}

/// Summaries of a design point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointSummary {
    /// Point index.
    pub point: usize,
    /// Case name (empty unless a cases design).
    pub case: String,
    /// Parameter values.
    pub values: Vec<String>,
    /// One summary per outcome.
    pub outcomes: Vec<OutcomeSummary>,
}

/// Sobol' indices of one outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolReport {
    /// Outcome name.
    pub outcome: String,
    /// Indices, in parameter order, on each point's mean over its replications.
    pub indices: stats::analysis::SobolIndices,
    /// Convergence warnings.
    pub warnings: Vec<String>,
    /// How much of the variance the indices see is the model's own noise.
    pub noise: NoiseReport,
}

/// The model's own noise in an outcome's Sobol' indices (docs/experiments.md, "Noise"; Marrel,
/// Iooss, Da Veiga & Ribatet 2012; Iooss & Lemaître 2015).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoiseReport {
    /// Replications per design point (harmonic mean over points).
    pub replications: f64,
    /// Within-point (noise) and between-point variance, when some point has 2 or more runs.
    pub decomposition: Option<stats::analysis::NoiseDecomposition>,
    /// Noise share of the replication mean the indices were computed on, when estimated.
    pub share_of_mean: Option<f64>,
    /// Upper bound on that share from the smallest total index (see
    /// `stats::analysis::SobolIndices::noise_share_bound`).
    pub share_bound: f64,
    /// The noise share of the mean aimed for (`analysis.noise_target`).
    pub target: f64,
    /// Replications per point that bring the noise share of the mean to the target (from the
    /// estimated share, or with one replication from its bound); `None` when unreachable.
    pub replications_needed: Option<u64>,
    /// The indices of the mean function, corrected for the estimated noise share (`None` when
    /// the share is not estimated, is 0, or exceeds [`MAX_CORRECTED_SHARE`]).
    pub corrected: Option<stats::analysis::SobolIndices>,
    /// The finding as a sentence.
    pub message: String,
}

/// The noise report of an outcome whose Sobol' indices `indices` were computed on the means of
/// the replicated outputs `groups` (one group per design point), aiming at `target`.
pub fn noise_report(
    outcome: &str,
    groups: &[Vec<f64>],
    indices: &stats::analysis::SobolIndices,
    target: f64,
) -> NoiseReport {
    use stats::analysis::{noise_decomposition, replications_for_share};
    let replications = groups.len() as f64 / groups.iter().map(|g| 1.0 / g.len().max(1) as f64).sum::<f64>();
    let share_bound = indices.noise_share_bound();
    let sum_st: f64 = indices.st.iter().sum();
    let pct = |x: f64| format!("{:.1} %", 100.0 * x);
    match noise_decomposition(groups) {
        Ok(d) if d.within == 0.0 => NoiseReport {
            replications,
            share_of_mean: Some(0.0),
            share_bound,
            target,
            replications_needed: Some(1),
            corrected: None,
            message: format!(
                "`{outcome}` does not vary between replications of a point: no model noise in its indices"
            ),
            decomposition: Some(d),
        },
        Ok(d) => {
            let eta = d.share_of_mean();
            let needed = replications_for_share(d.within, d.between, target);
            let advice = match needed {
                _ if eta <= target => format!("below the {} target", pct(target)),
                Some(r) => format!("{r} replications per point would bring it below {}", pct(target)),
                None => format!(
                    "the factors explain none of the variance, so no number of replications brings it below {}",
                    pct(target)
                ),
            };
            let correctable = eta > 0.0 && eta <= MAX_CORRECTED_SHARE;
            let message = format!(
                "model noise in `{outcome}`: {} of a single run's variance is the model's own randomness \
                 (within-point variance {}, between-point {}); the indices use the mean of {} \
                 replications, still {} noise, which lowers every S1 and raises every ST by that share \
                 ({}); {advice}",
                pct(d.share_of_run()),
                fmt_var(d.within),
                fmt_var(d.between),
                fmt_reps(d.replications),
                pct(eta),
                if correctable {
                    "noise-corrected indices below"
                } else {
                    "too much to correct: dividing by 1 - share would amplify the estimates' errors more than twofold"
                },
            );
            let corrected = correctable.then(|| indices.corrected_for_noise(eta));
            NoiseReport {
                replications,
                decomposition: Some(d),
                share_of_mean: Some(eta),
                share_bound,
                target,
                replications_needed: needed,
                corrected,
                message,
            }
        }
        Err(_) => {
            // One replication per point: a single run's noise share is at most the bound.
            let needed = replications_for_share(share_bound, 1.0 - share_bound, target);
            let advice = if share_bound <= target {
                format!("that is below the {} target", pct(target))
            } else {
                match needed {
                    Some(r) => format!(
                        "rerun with replications >= 2 to estimate it; at most {r} replications per point bring it below {} \
                         (from the bound)",
                        pct(target)
                    ),
                    None => "rerun with replications >= 2 to estimate it".to_owned(),
                }
            };
            NoiseReport {
                replications,
                decomposition: None,
                share_of_mean: None,
                share_bound,
                target,
                replications_needed: needed,
                corrected: None,
                message: format!(
                    "one replication per point: the model's own noise cannot be estimated, so if `{outcome}` is \
                     stochastic every total index includes the noise share (ST sum to {sum_st:.2}); the smallest ST \
                     bounds that share at {}; {advice}",
                    pct(share_bound)
                ),
            }
        }
    }
}

/// Largest noise share of the mean for which noise-corrected indices are reported: beyond it,
/// dividing by `1 − η` more than doubles the estimates' errors.
pub const MAX_CORRECTED_SHARE: f64 = 0.5;

/// A variance in fixed notation when of ordinary size, else in scientific notation.
fn fmt_var(v: f64) -> String {
    if v == 0.0 || (1e-3..1e4).contains(&v.abs()) { format!("{v:.4}") } else { format!("{v:.3e}") }
}

/// Replications as a whole number when they are one.
fn fmt_reps(r: f64) -> String {
    if (r - r.round()).abs() < 1e-9 { format!("{}", r.round()) } else { format!("{r:.1}") }
}

/// Morris indices of one outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MorrisReport {
    /// Outcome name.
    pub outcome: String,
    /// Indices, in parameter order.
    pub indices: Vec<stats::analysis::MorrisIndex>,
}

/// PRIM on a binary outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrimReport {
    /// The outcome (positive when > 0).
    pub outcome: String,
    /// Parameter names of the box dimensions.
    pub columns: Vec<String>,
    /// Categories of categorical columns (boxes use their indices).
    pub categories: Vec<Vec<String>>,
    /// The peeling trajectory and the chosen box.
    pub result: stats::analysis::PrimResult,
    /// Index in the trajectory of the box reported: the user's pick (`analyze --prim-box`) or
    /// the chosen one.
    pub selected: usize,
    /// The selected box after pasting (Friedman & Fisher 1999, `paste_alpha` =
    /// [`PRIM_PASTE_ALPHA`]); `None` if pasting failed.
    pub pasted: Option<stats::analysis::PrimBox>,
    /// Quasi-p-values of the selected box's restricted inputs (Bryant & Lempert 2010; the EMA
    /// Workbench's), in input order.
    pub quasi_p: Vec<stats::analysis::QuasiP>,
    /// Quasi-p-values of the pasted box's restricted inputs (empty without a pasted box).
    pub pasted_quasi_p: Vec<stats::analysis::QuasiP>,
}

/// CART on the PRIM outcome: a classification tree whose leaves are boxes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CartReport {
    /// The outcome (positive when > 0).
    pub outcome: String,
    /// Parameter names of the box dimensions.
    pub columns: Vec<String>,
    /// Categories of categorical columns (boxes use their indices).
    pub categories: Vec<Vec<String>>,
    /// Share of runs where the outcome is positive.
    pub base_rate: f64,
    /// The tree's leaves.
    pub result: stats::analysis::CartResult,
}

/// Feature scores of every outcome: extremely randomized trees on the design points (EMA
/// Workbench's `get_feature_scores_all`, regression on each outcome's replication mean).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureScores {
    /// Parameter names, the order of each row of `scores`.
    pub columns: Vec<String>,
    /// Outcome names, one per row of `scores`.
    pub outcomes: Vec<String>,
    /// Per outcome, the score of each parameter (summing to 1).
    pub scores: Vec<Vec<f64>>,
    /// How the forests were grown.
    pub options: stats::analysis::ExtraTreesOptions,
    /// Design points scored (the first [`FEATURE_SCORE_MAX_POINTS`] at most).
    pub points: usize,
}

/// The most design points feature scoring reads (the first ones, in design order); the forests'
/// cost grows as `N log N` per tree.
pub const FEATURE_SCORE_MAX_POINTS: usize = 20_000;

/// Share of a box's cases PRIM peels off per step (the EMA Workbench's default).
pub const PRIM_PEEL_ALPHA: f64 = 0.05;
/// Share of a box's cases PRIM pastes on per step (the EMA Workbench's default).
pub const PRIM_PASTE_ALPHA: f64 = 0.05;
/// Smallest mass of a PRIM box (the EMA Workbench's default).
pub const PRIM_MASS_MIN: f64 = 0.05;

/// Choices of `analyze` that are not part of the experiment's specification.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// The PRIM box to report and paste, by its index on the peeling trajectory (default: the
    /// box PRIM chooses).
    pub prim_box: Option<usize>,
}

/// A whole analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Experiment name.
    pub experiment: String,
    /// Parameter names.
    pub columns: Vec<String>,
    /// Per-point summaries.
    pub points: Vec<PointSummary>,
    /// Sobol' indices (sobol designs).
    pub sobol: Vec<SobolReport>,
    /// Morris indices (morris designs).
    pub morris: Vec<MorrisReport>,
    /// PRIM boxes (designs with numeric or categorical parameters and enough runs).
    pub prim: Option<PrimReport>,
    /// CART leaves on the PRIM outcome (same conditions as PRIM).
    pub cart: Option<CartReport>,
    /// Feature scores (designs with parameters and at least 20 design points).
    pub feature_scores: Option<FeatureScores>,
    /// Notes on what could not be computed.
    pub notes: Vec<String>,
}

/// Mean of the finite values (NaN when none).
pub fn finite_mean(values: &[f64]) -> f64 {
    let (mut sum, mut n) = (0.0, 0u32);
    for v in values.iter().filter(|v| v.is_finite()) {
        sum += v;
        n += 1;
    }
    if n == 0 { f64::NAN } else { sum / f64::from(n) }
}

/// Analyses a loaded experiment with the default [`AnalysisOptions`].
pub fn analyse(manifest: &Manifest, results: &Results) -> Result<Analysis, AnalysisError> {
    analyse_with(manifest, results, &AnalysisOptions::default())
}

/// Analyses a loaded experiment. Errors: a PRIM box index beyond the peeling trajectory.
pub fn analyse_with(
    manifest: &Manifest,
    results: &Results,
    options: &AnalysisOptions,
) -> Result<Analysis, AnalysisError> {
    let spec = &manifest.spec;
    let a = &spec.analysis;
    let mut rng = ChaCha8Rng::seed_from_u64(spec.experiment.seed);
    rng.set_stream(u64::MAX - 1);
    let resamples = a.resamples.max(10) as usize;
    // Rows grouped by point, in point order.
    let n_points = results.rows.iter().map(|r| r.point + 1).max().unwrap_or(0);
    let mut by_point: Vec<Vec<&Row>> = vec![Vec::new(); n_points];
    for r in &results.rows {
        by_point[r.point].push(r);
    }
    let mut points = Vec::with_capacity(n_points);
    for (p, rows) in by_point.iter().enumerate() {
        let Some(first) = rows.first() else { continue };
        let outcomes = results
            .outcomes
            .iter()
            .enumerate()
            .map(|(j, name)| {
                let v: Vec<f64> = rows.iter().map(|r| r.outcomes[j]).filter(|x| x.is_finite()).collect();
                let ci = if v.is_empty() {
                    (f64::NAN, f64::NAN)
                } else {
                    stats::analysis::bootstrap_mean_ci(&v, resamples, a.confidence, &mut rng)
                };
                OutcomeSummary { outcome: name.clone(), summary: stats::analysis::summarise(&v), mean_ci: ci }
            })
            .collect();
        points.push(PointSummary { point: p, case: first.case.clone(), values: first.values.clone(), outcomes });
    }
    let point_groups = |j: usize| -> Vec<Vec<f64>> {
        by_point.iter().map(|rows| rows.iter().map(|r| r.outcomes[j]).filter(|x| x.is_finite()).collect()).collect()
    };
    let point_means = |j: usize| -> Vec<f64> {
        by_point.iter().map(|rows| finite_mean(&rows.iter().map(|r| r.outcomes[j]).collect::<Vec<_>>())).collect()
    };
    let mut notes = Vec::new();
    let mut sobol = Vec::new();
    if spec.design.kind == DesignKind::Sobol {
        let n = spec.design.samples.unwrap_or(0) as usize;
        let k = spec.parameters.len();
        let design = stats::design::SaltelliDesign { n, k, second_order: spec.design.second_order };
        for (j, name) in results.outcomes.iter().enumerate() {
            let y = point_means(j);
            if y.iter().any(|v| !v.is_finite()) {
                notes.push(format!("Sobol indices of `{name}` skipped: undefined at some design points"));
                continue;
            }
            match stats::analysis::sobol_indices(&y, &design, resamples, a.confidence, &mut rng) {
                Ok(indices) => {
                    let names: Vec<&str> = spec.parameters.iter().map(|p| p.name.as_str()).collect();
                    let warnings = stats::analysis::sobol_convergence(&y, &design, resamples, a.confidence, &mut rng)
                        .map(|d| d.issues.iter().map(|i| i.describe(&names)).collect())
                        .unwrap_or_else(|e| vec![e.to_string()]);
                    let noise = noise_report(name, &point_groups(j), &indices, a.noise_target);
                    sobol.push(SobolReport { outcome: name.clone(), indices, warnings, noise });
                }
                Err(e) => notes.push(format!("Sobol indices of `{name}`: {e}")),
            }
        }
    }
    let mut morris = Vec::new();
    if spec.design.kind == DesignKind::Morris {
        let r = spec.design.samples.unwrap_or(0) as usize;
        let k = spec.parameters.len();
        let x: Vec<Vec<f64>> =
            by_point.iter().map(|rows| numeric_row(rows.first().map_or(&[][..], |r| &r.values[..]), spec)).collect();
        // Morris works on the unit scale of each parameter.
        let x = to_unit(&x, spec);
        for (j, name) in results.outcomes.iter().enumerate() {
            let y = point_means(j);
            if y.iter().any(|v| !v.is_finite()) {
                notes.push(format!("Morris indices of `{name}` skipped: undefined at some design points"));
                continue;
            }
            match stats::analysis::morris_indices(&x, &y, r, k, resamples, a.confidence, &mut rng) {
                Ok(indices) => morris.push(MorrisReport { outcome: name.clone(), indices }),
                Err(e) => notes.push(format!("Morris indices of `{name}`: {e}")),
            }
        }
    }
    let labelled = labelled_runs(spec, results, &mut notes);
    let prim = prim_report(spec, labelled.as_ref(), options.prim_box, &mut notes)?;
    let cart = cart_report(spec, labelled.as_ref(), &mut notes);
    let feature_scores = feature_scores(spec, results, &by_point, &point_means, &mut notes);
    Ok(Analysis {
        experiment: spec.experiment.name.clone(),
        columns: results.columns.clone(),
        points,
        sobol,
        morris,
        prim,
        cart,
        feature_scores,
        notes,
    })
}

/// Feature scores of every outcome that varies over the design points ([`FeatureScores`]). The
/// forests draw from one generator seeded with the experiment's seed (its own stream), outcome
/// after outcome in results order, so the scores are reproducible.
fn feature_scores(
    spec: &crate::spec::Spec,
    results: &Results,
    by_point: &[Vec<&Row>],
    point_means: &dyn Fn(usize) -> Vec<f64>,
    notes: &mut Vec<String>,
) -> Option<FeatureScores> {
    if spec.parameters.is_empty() || by_point.len() < 20 {
        return None;
    }
    let used = by_point.len().min(FEATURE_SCORE_MAX_POINTS);
    if used < by_point.len() {
        notes.push(format!("feature scores read the first {used} of {} design points", by_point.len()));
    }
    let x: Vec<Vec<f64>> = by_point[..used]
        .iter()
        .map(|rows| numeric_row(rows.first().map_or(&[][..], |r| &r.values[..]), spec))
        .collect();
    let options = stats::analysis::ExtraTreesOptions::workbench(used, spec.parameters.len());
    let mut rng = ChaCha8Rng::seed_from_u64(spec.experiment.seed);
    rng.set_stream(u64::MAX - 2);
    let (mut outcomes, mut scores) = (Vec::new(), Vec::new());
    for (j, name) in results.outcomes.iter().enumerate() {
        let y = point_means(j);
        // Points where the outcome is undefined in every replication are left out.
        let (xs, ys): (Vec<Vec<f64>>, Vec<f64>) =
            x.iter().zip(&y[..used]).filter(|(_, v)| v.is_finite()).map(|(r, &v)| (r.clone(), v)).unzip();
        if ys.len() < 20 {
            notes.push(format!("feature scores of `{name}` skipped: defined at fewer than 20 design points"));
            continue;
        }
        match stats::analysis::extra_trees_scores(&xs, &ys, &options, &mut rng) {
            Ok(s) => {
                outcomes.push(name.clone());
                scores.push(s);
            }
            Err(stats::StatsError::ZeroVariance { .. }) => {
                notes.push(format!("feature scores of `{name}` skipped: it does not vary over the design points"));
            }
            Err(e) => notes.push(format!("feature scores of `{name}`: {e}")),
        }
    }
    (!outcomes.is_empty()).then(|| FeatureScores {
        columns: spec.parameters.iter().map(|p| p.name.clone()).collect(),
        outcomes,
        scores,
        options,
        points: used,
    })
}

/// Categories of each spec parameter (empty for numeric ones).
fn categories(spec: &crate::spec::Spec) -> Vec<Vec<String>> {
    spec.parameters
        .iter()
        .map(|p| if p.kind == crate::spec::ParameterKind::Categorical { p.values.clone() } else { Vec::new() })
        .collect()
}

/// A row's parameter values as numbers (categories by index).
fn numeric_row(values: &[String], spec: &crate::spec::Spec) -> Vec<f64> {
    let cats = categories(spec);
    values
        .iter()
        .zip(&cats)
        .map(|(v, c)| {
            if c.is_empty() {
                v.parse().unwrap_or(f64::NAN)
            } else {
                c.iter().position(|x| x == v).map_or(f64::NAN, |i| i as f64)
            }
        })
        .collect()
}

fn to_unit(x: &[Vec<f64>], spec: &crate::spec::Spec) -> Vec<Vec<f64>> {
    x.iter()
        .map(|row| {
            row.iter()
                .zip(&spec.parameters)
                .map(|(&v, p)| match (p.low, p.high) {
                    (Some(lo), Some(hi)) if hi > lo => (v - lo) / (hi - lo),
                    _ => {
                        let n = p.values.len().max(1) as f64;
                        if n > 1.0 { v / (n - 1.0) } else { 0.0 }
                    }
                })
                .collect()
        })
        .collect()
}

/// The runs as scenario discovery reads them: the outcome's name, each run's parameter values
/// as numbers and whether the outcome is positive. `None` (with a note) when the outcome is not
/// recorded, the design has no parameters or fewer than 20 runs, or the outcome is never
/// positive.
fn labelled_runs(spec: &crate::spec::Spec, results: &Results, notes: &mut Vec<String>) -> Option<Labelled> {
    let name = &spec.analysis.prim_outcome;
    let j = results.outcomes.iter().position(|o| o == name)?;
    if spec.parameters.is_empty() || results.rows.len() < 20 {
        notes.push("PRIM and CART skipped: they need parameters and at least 20 runs".into());
        return None;
    }
    let x: Vec<Vec<f64>> = results.rows.iter().map(|r| numeric_row(&r.values, spec)).collect();
    let y: Vec<bool> = results.rows.iter().map(|r| r.outcomes[j] > 0.0).collect();
    if !y.iter().any(|&b| b) {
        notes.push(format!("PRIM and CART skipped: `{name}` is never positive"));
        return None;
    }
    Some(Labelled { outcome: name.clone(), x, y })
}

/// The runs scenario discovery reads ([`labelled_runs`]).
struct Labelled {
    /// The outcome's name.
    outcome: String,
    /// Each run's parameter values as numbers (categories by index).
    x: Vec<Vec<f64>>,
    /// Whether the outcome is positive in each run.
    y: Vec<bool>,
}

/// CART on the same runs and outcome as PRIM, with leaves of at least [`PRIM_MASS_MIN`] of the
/// runs (the EMA Workbench's `mass_min`).
fn cart_report(spec: &crate::spec::Spec, labelled: Option<&Labelled>, notes: &mut Vec<String>) -> Option<CartReport> {
    let Labelled { outcome: name, x, y } = labelled?;
    let min_leaf = ((PRIM_MASS_MIN * x.len() as f64).ceil() as usize).max(1);
    match stats::analysis::cart(x, y, min_leaf) {
        Ok(result) => Some(CartReport {
            outcome: name.clone(),
            columns: spec.parameters.iter().map(|p| p.name.clone()).collect(),
            categories: categories(spec),
            base_rate: y.iter().filter(|&&b| b).count() as f64 / y.len() as f64,
            result,
        }),
        Err(e) => {
            notes.push(format!("CART: {e}"));
            None
        }
    }
}

fn prim_report(
    spec: &crate::spec::Spec,
    labelled: Option<&Labelled>,
    pick: Option<usize>,
    notes: &mut Vec<String>,
) -> Result<Option<PrimReport>, AnalysisError> {
    let Some(Labelled { outcome: name, x, y }) = labelled else { return Ok(None) };
    let base = y.iter().filter(|&&b| b).count() as f64 / y.len() as f64;
    // Chosen box: the widest-coverage box whose density is at least halfway from the base rate
    // to certainty.
    let threshold = base + (1.0 - base) / 2.0;
    let result = match stats::analysis::prim(x, y, PRIM_PEEL_ALPHA, PRIM_MASS_MIN, threshold) {
        Ok(result) => result,
        Err(e) => {
            notes.push(format!("PRIM: {e}"));
            return Ok(None);
        }
    };
    let boxes = result.trajectory.len();
    let selected = match pick {
        Some(i) if i >= boxes => {
            return Err(AnalysisError::Unsupported(format!(
                "PRIM box {i} does not exist: the peeling trajectory of `{name}` has boxes 0 to {}",
                boxes - 1
            )));
        }
        Some(i) => i,
        None => result.chosen,
    };
    let pasted = match stats::analysis::paste(x, y, &result.trajectory[selected], PRIM_PASTE_ALPHA) {
        Ok(b) => Some(b),
        Err(e) => {
            notes.push(format!("PRIM pasting: {e}"));
            None
        }
    };
    let quasi = |b: &stats::analysis::PrimBox| {
        stats::analysis::quasi_p_values(x, y, b)
            .map_err(|e| AnalysisError::Unsupported(format!("PRIM quasi-p-values: {e}")))
    };
    let quasi_p = quasi(&result.trajectory[selected])?;
    let pasted_quasi_p = match &pasted {
        Some(b) => quasi(b)?,
        None => Vec::new(),
    };
    Ok(Some(PrimReport {
        outcome: name.clone(),
        columns: spec.parameters.iter().map(|p| p.name.clone()).collect(),
        categories: categories(spec),
        result,
        selected,
        pasted,
        quasi_p,
        pasted_quasi_p,
    }))
}

#[cfg(test)]
// The hand-computed values below are exact in binary floating point.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use stats::analysis::SobolIndices;

    fn indices(st: Vec<f64>) -> SobolIndices {
        let k = st.len();
        SobolIndices { s1: vec![0.2; k], s1_conf: vec![0.01; k], st, st_conf: vec![0.01; k], s2: Vec::new() }
    }

    /// Point means 0 and 4 of two replications each, within-point variance 2: `σ²_m` = 8 − 2/2
    /// = 7, the mean of 2 runs is (2/2) / 8 = 12.5 % noise, and `r ≥ 2 (0.9) / (0.1 × 7)` = 2.57
    /// gives 3 replications for 10 %.
    #[test]
    fn replicated_points_give_the_noise_share_and_the_replications_needed() {
        let groups = vec![vec![-1.0, 1.0], vec![3.0, 5.0]];
        let r = noise_report("wars", &groups, &indices(vec![0.5, 0.3]), 0.1);
        assert_eq!(r.replications, 2.0);
        let d = r.decomposition.as_ref().unwrap();
        assert_eq!((d.within, d.between), (2.0, 7.0));
        assert_eq!(r.share_of_mean, Some(0.125));
        assert_eq!(r.replications_needed, Some(3));
        let c = r.corrected.as_ref().unwrap();
        assert!((c.st[1] - (0.3 - 0.125) / 0.875).abs() < 1e-12);
        assert!((c.s1[0] - 0.2 / 0.875).abs() < 1e-12);
        assert!(r.message.contains("12.5 % noise"), "{}", r.message);
        assert!(r.message.contains("3 replications per point would bring it below 10.0 %"), "{}", r.message);
        // A looser target is already met.
        let loose = noise_report("wars", &groups, &indices(vec![0.5, 0.3]), 0.2);
        assert!(loose.message.contains("below the 20.0 % target"), "{}", loose.message);
        // Means 0 and 1 with within-point variance 18: nothing left for the factors, η = 1.
        let noise_only = noise_report("wars", &[vec![-3.0, 3.0], vec![-2.0, 4.0]], &indices(vec![1.0]), 0.1);
        assert_eq!(noise_only.share_of_mean, Some(1.0));
        assert!(noise_only.corrected.is_none() && noise_only.replications_needed.is_none());
        assert!(noise_only.message.contains("too much to correct"), "{}", noise_only.message);
        assert!(noise_only.message.contains("no number of replications"), "{}", noise_only.message);
    }

    /// One run per point: the noise cannot be estimated; the smallest ST (0.5) bounds a single
    /// run's noise share, and `r ≥ 1 × 0.9 / 0.1` = 9 replications are enough for 10 %.
    #[test]
    fn one_replication_says_so_and_bounds_the_noise() {
        let groups = vec![vec![1.0], vec![2.0], vec![4.0]];
        let r = noise_report("wars", &groups, &indices(vec![1.2, 0.8, 0.5]), 0.1);
        assert!(r.decomposition.is_none() && r.share_of_mean.is_none() && r.corrected.is_none());
        assert_eq!(r.share_bound, 0.5);
        assert_eq!(r.replications_needed, Some(9));
        assert!(r.message.starts_with("one replication per point"), "{}", r.message);
        assert!(r.message.contains("ST sum to 2.50"), "{}", r.message);
        assert!(r.message.contains("at most 9 replications per point"), "{}", r.message);
        // A deterministic-looking outcome (an inert factor with ST 0) is not flagged.
        let quiet = noise_report("wars", &groups, &indices(vec![0.9, 0.0]), 0.1);
        assert!(quiet.message.contains("below the 10.0 % target"), "{}", quiet.message);
    }

    #[test]
    fn identical_replications_are_no_noise() {
        let r = noise_report("wars", &[vec![1.0, 1.0], vec![3.0, 3.0]], &indices(vec![1.0]), 0.1);
        assert_eq!(r.share_of_mean, Some(0.0));
        assert!(r.corrected.is_none());
        assert!(r.message.contains("no model noise"));
    }
}
