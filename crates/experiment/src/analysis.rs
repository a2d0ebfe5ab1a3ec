//! Reading an experiment directory back and analysing it: per-point summaries with bootstrap
//! intervals, Sobol' indices with a convergence diagnostic (sobol designs), Morris μ* and σ
//! (morris designs), and PRIM scenario discovery for a binary outcome.

use crate::Manifest;
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

/// Reads `manifest.json` and `results.csv` of a complete experiment directory.
pub fn load(dir: &Path) -> Result<(Manifest, Results), AnalysisError> {
    let mpath = dir.join("manifest.json");
    let text = std::fs::read_to_string(&mpath).map_err(|e| AnalysisError::Read(format!("{}: {e}", mpath.display())))?;
    let manifest = Manifest::from_json(&text).map_err(|e| AnalysisError::Read(format!("{}: {e}", mpath.display())))?;
    let rpath = dir.join("results.csv");
    let mut reader =
        csv::Reader::from_path(&rpath).map_err(|e| AnalysisError::Read(format!("{}: {e}", rpath.display())))?;
    let header = reader.headers().map_err(|e| AnalysisError::Read(format!("{}: {e}", rpath.display())))?.clone();
    let n_out = manifest.spec.experiment.outcomes.len();
    let n_cols = header.len().saturating_sub(4 + n_out);
    let columns: Vec<String> = header.iter().skip(4).take(n_cols).map(str::to_owned).collect();
    // The header must be exactly what the runner writes for this manifest.
    let expected_params: Vec<String> = if manifest.spec.design.kind == DesignKind::Cases {
        columns.clone()
    } else {
        manifest.spec.parameters.iter().map(|p| p.name.clone()).collect()
    };
    let mut expected: Vec<String> = ["point", "case", "replication", "run"].map(String::from).to_vec();
    expected.extend(expected_params);
    expected.extend(manifest.spec.experiment.outcomes.iter().cloned());
    if header.iter().map(str::to_owned).collect::<Vec<_>>() != expected {
        return Err(AnalysisError::Read(format!(
            "{}: the header does not match manifest.json (expected {})",
            rpath.display(),
            expected.join(",")
        )));
    }
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| AnalysisError::Read(format!("{}: {e}", rpath.display())))?;
        let line = rec.position().map_or(0, |p| p.line());
        let point: usize =
            rec.get(0).and_then(|p| p.parse().ok()).filter(|&p: &usize| p < manifest.points).ok_or_else(|| {
                AnalysisError::Read(format!(
                    "{}:{line}: field `point`: expected a design point below {}",
                    rpath.display(),
                    manifest.points
                ))
            })?;
        if rec.len() != expected.len() {
            return Err(AnalysisError::Read(format!(
                "{}:{line}: expected {} fields, found {}",
                rpath.display(),
                expected.len(),
                rec.len()
            )));
        }
        rows.push(Row {
            point,
            case: rec.get(1).unwrap_or("").to_owned(),
            values: rec.iter().skip(4).take(n_cols).map(str::to_owned).collect(),
            outcomes: rec.iter().skip(4 + n_cols).map(|x| x.parse().unwrap_or(f64::NAN)).collect(),
        });
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
    /// Indices, in parameter order.
    pub indices: stats::analysis::SobolIndices,
    /// Convergence warnings.
    pub warnings: Vec<String>,
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

/// Analyses a loaded experiment.
pub fn analyse(manifest: &Manifest, results: &Results) -> Result<Analysis, AnalysisError> {
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
    let point_means = |j: usize| -> Vec<f64> {
        by_point.iter().map(|rows| finite_mean(&rows.iter().map(|r| r.outcomes[j]).collect::<Vec<_>>())).collect()
    };
    let mut notes = Vec::new();
    let mut sobol = Vec::new();
    if spec.design.kind == DesignKind::Sobol {
        let n = spec.design.samples.unwrap_or(0) as usize;
        let k = spec.parameters.len();
        let design = stats::design::SaltelliDesign::first_order(n, k);
        for (j, name) in results.outcomes.iter().enumerate() {
            let y = point_means(j);
            if y.iter().any(|v| !v.is_finite()) {
                notes.push(format!("Sobol indices of `{name}` skipped: undefined at some design points"));
                continue;
            }
            match stats::analysis::sobol_indices(&y, &design, resamples, a.confidence, &mut rng) {
                Ok(indices) => {
                    let warnings = stats::analysis::sobol_convergence(&y, &design, resamples, a.confidence, &mut rng)
                        .map(|d| d.warnings)
                        .unwrap_or_else(|e| vec![e.to_string()]);
                    sobol.push(SobolReport { outcome: name.clone(), indices, warnings });
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
    let prim = prim_report(spec, results, &mut notes);
    Ok(Analysis {
        experiment: spec.experiment.name.clone(),
        columns: results.columns.clone(),
        points,
        sobol,
        morris,
        prim,
        notes,
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

fn prim_report(spec: &crate::spec::Spec, results: &Results, notes: &mut Vec<String>) -> Option<PrimReport> {
    let name = &spec.analysis.prim_outcome;
    let j = results.outcomes.iter().position(|o| o == name)?;
    if spec.parameters.is_empty() || results.rows.len() < 20 {
        notes.push("PRIM skipped: it needs parameters and at least 20 runs".into());
        return None;
    }
    let x: Vec<Vec<f64>> = results.rows.iter().map(|r| numeric_row(&r.values, spec)).collect();
    let y: Vec<bool> = results.rows.iter().map(|r| r.outcomes[j] > 0.0).collect();
    if !y.iter().any(|&b| b) {
        notes.push(format!("PRIM skipped: `{name}` is never positive"));
        return None;
    }
    let base = y.iter().filter(|&&b| b).count() as f64 / y.len() as f64;
    // Chosen box: the widest-coverage box whose density is at least halfway from the base rate
    // to certainty.
    let threshold = base + (1.0 - base) / 2.0;
    match stats::analysis::prim(&x, &y, 0.05, 0.05, threshold) {
        Ok(result) => Some(PrimReport {
            outcome: name.clone(),
            columns: spec.parameters.iter().map(|p| p.name.clone()).collect(),
            categories: categories(spec),
            result,
        }),
        Err(e) => {
            notes.push(format!("PRIM: {e}"));
            None
        }
    }
}
