//! The experiment workflows the front ends call, one library call each: run (or resume) an
//! experiment into a directory, analyse a directory, and the whole paradox experiment. The
//! command line adds only its flags, a progress bar and the rendering of the result.

use crate::analysis::{Analysis, AnalysisOptions, PrimReport, analyse_with};
use crate::design::plan;
use crate::paradox::{Effect, cells_spec, discovery_spec, effects};
use crate::spec::Spec;
use crate::store::{StoreError, write_atomic};
use crate::{ExperimentError, Manifest};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;

/// Progress of a workflow: `(label, runs done, runs in all)`.
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

/// How one experiment directory is written.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Run only shard `k` of `n` (1-based).
    pub shard: Option<(usize, usize)>,
    /// Continue an interrupted run in the same directory.
    pub resume: bool,
    /// Design points per checkpoint.
    pub chunk: usize,
}

/// Runs (or resumes) `spec` on `loaded` into `dir`. The spec is first expanded against the
/// scenario (`inputs.uncertain`, [`Spec::expand`]); the manifest records the expanded spec, so
/// analysis, merging, resuming and reports read it unchanged. Every design point (of the
/// shard) is checked against the scenario before any file is written; a directory holding another experiment is
/// refused; the manifest is written once the store has accepted the directory. Returns the
/// shard's runs.
pub fn run(
    spec: &Spec,
    loaded: &lab::Loaded,
    dir: &Path,
    options: RunOptions,
    label: &str,
    progress: Progress<'_>,
) -> Result<u64, ExperimentError> {
    let spec = &expand(spec, &loaded.scenario)?;
    let plan = plan(spec)?;
    // Checked in parallel (setting many scenario inputs is the slow part); the first failing
    // point in design order is reported. A shard checks its own points only: in a job array of
    // N tasks, checking every point in each task would cost N checks of the whole design.
    let checks: Vec<Result<(), ExperimentError>> = crate::runner::shard_points(&plan, options.shard)
        .into_par_iter()
        .map(|p| {
            let fail = |e: String| ExperimentError::Invalid(format!("design point {}: {e}", p.index));
            crate::design::spec_request(spec, &plan, p)
                .map_err(|e| fail(e.to_string()))?
                .check(&loaded.scenario)
                .map_err(|e| fail(e.to_string()))
        })
        .collect();
    checks.into_iter().collect::<Result<Vec<()>, _>>()?;
    let manifest = Manifest::new(spec, loaded, plan.points.len(), options.shard);
    let manifest_path = dir.join("manifest.json");
    if options.resume && manifest_path.exists() {
        let text = std::fs::read_to_string(&manifest_path)
            .map_err(|error| StoreError::Io { path: manifest_path.display().to_string(), error })?;
        let old = Manifest::from_json(&text)
            .map_err(|e| ExperimentError::Invalid(format!("{}: {e}", manifest_path.display())))?;
        if !old.same_experiment(&manifest) || old.shard != manifest.shard {
            return Err(ExperimentError::Invalid(format!(
                "{} holds a different experiment (spec, scenario, shard or build differ); resume it with the same inputs and the same build",
                dir.display()
            )));
        }
    }
    let mut first = true;
    let mut write_error = None;
    let total = crate::execute(
        spec,
        &loaded.scenario,
        &plan,
        dir,
        options.shard,
        options.resume,
        options.chunk,
        &mut |done, total| {
            // The store refuses to overwrite without --resume; the manifest is written only
            // once it has accepted the directory.
            if first {
                first = false;
                if let Err(e) = write_atomic(dir, "manifest.json", &manifest.to_json()) {
                    write_error = Some(e);
                }
            }
            progress(label, done, total);
        },
    )?;
    match write_error {
        Some(e) => Err(e.into()),
        None => Ok(total),
    }
}

/// `spec` expanded against `scenario` ([`Spec::expand`]), its problems joined into one error
/// naming each field.
pub fn expand(spec: &Spec, scenario: &model::Scenario) -> Result<Spec, ExperimentError> {
    spec.expand(scenario).map_err(|problems| {
        let lines: Vec<String> =
            problems.iter().map(|(path, message)| format!("  field `{path}`: {message}")).collect();
        ExperimentError::Invalid(format!(
            "experiment spec `{}` expanded against scenario `{}`:\n{}",
            spec.experiment.name,
            scenario.scenario.name,
            lines.join("\n")
        ))
    })
}

/// The analysis of an experiment with the provenance of the experiment it analyses
/// (`analysis.json`).
#[derive(Serialize)]
pub struct AnalysisDocument<'a> {
    /// The experiment's manifest.
    pub provenance: &'a Manifest,
    /// The analysis.
    #[serde(flatten)]
    pub analysis: &'a Analysis,
}

/// Analyses the experiment in `dir` and writes `summary.csv` and `analysis.json` there.
/// Returns the manifest, the analysis and the text of `analysis.json`.
pub fn analyse_dir(dir: &Path) -> Result<(Manifest, Analysis, String), ExperimentError> {
    analyse_dir_with(dir, &AnalysisOptions::default())
}

/// [`analyse_dir`] with `options` (e.g. the PRIM box to report).
pub fn analyse_dir_with(
    dir: &Path,
    options: &AnalysisOptions,
) -> Result<(Manifest, Analysis, String), ExperimentError> {
    let (manifest, results) = crate::analysis::load(dir).map_err(|e| ExperimentError::Invalid(e.to_string()))?;
    let analysis = analyse_with(&manifest, &results, options).map_err(|e| ExperimentError::Invalid(e.to_string()))?;
    write_atomic(dir, "summary.csv", &summary_csv(&analysis))?;
    let doc = lab::document::render("analysis", &AnalysisDocument { provenance: &manifest, analysis: &analysis });
    write_atomic(dir, "analysis.json", &doc)?;
    Ok((manifest, analysis, doc))
}

/// `summary.csv`: one row per design point and outcome, with the point's values and the
/// outcome's summary (empty cells where undefined).
pub fn summary_csv(a: &Analysis) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["point".to_owned(), "case".to_owned()];
    header.extend(a.columns.iter().cloned());
    header.extend(
        ["outcome", "n", "missing", "mean", "ci_low", "ci_high", "sd", "min", "q05", "q25", "q50", "q75", "q95", "max"]
            .map(String::from),
    );
    let _ = w.write_record(&header);
    for p in &a.points {
        for o in &p.outcomes {
            let s = &o.summary;
            let mut row = vec![p.point.to_string(), p.case.clone()];
            row.extend(p.values.iter().cloned());
            row.push(o.outcome.clone());
            row.extend(
                [
                    s.n as f64,
                    s.missing as f64,
                    s.mean,
                    o.mean_ci.0,
                    o.mean_ci.1,
                    s.sd,
                    s.min,
                    s.q05,
                    s.q25,
                    s.q50,
                    s.q75,
                    s.q95,
                    s.max,
                ]
                .map(|x| if x.is_nan() { String::new() } else { x.to_string() }),
            );
            let _ = w.write_record(&row);
        }
    }
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

/// What the paradox experiment is asked for.
#[derive(Debug, Clone)]
pub struct ParadoxSettings {
    /// Scenario name or path, as given.
    pub scenario: String,
    /// Runs per preset × lens cell.
    pub runs: u32,
    /// Latin-hypercube samples of the scenario-discovery part.
    pub samples: u32,
    /// Runs per scenario-discovery sample (default [`crate::paradox::DISCOVERY_REPLICATIONS`]).
    pub discovery_replications: u32,
    /// Master seed.
    pub seed: u64,
    /// Years per run (default: the scenario's horizon).
    pub years: Option<u32>,
    /// Particles per level of the cells' splitting estimate of major war between armed states
    /// (default [`crate::paradox::MAJOR_WAR_PARTICLES`]).
    pub major_war_particles: u32,
    /// Continue an interrupted run.
    pub resume: bool,
    /// The posterior every run draws its parameters from ([`paradox_posteriors`]), with where
    /// it came from; none to run at the defaults.
    pub posterior: Option<(lab::Posterior, crate::draws::PosteriorSource)>,
}

/// The posteriors of the paradox experiment's two parts: the cells (and their seed checks)
/// draw every parameter of the posterior; the scenario-discovery sample draws those its Latin
/// hypercube does not sample (a parameter has one value per run), none when it samples them
/// all. A posterior that sets a regime lever is refused: the presets it would override are the
/// experiment's treatment.
pub fn paradox_posteriors(posterior: &lab::Posterior) -> Result<(lab::Posterior, Option<lab::Posterior>), String> {
    let levers: Vec<&str> = posterior
        .names
        .iter()
        .filter(|n| matches!(lab::Target::from_name(n), Ok(lab::Target::Lever(_))))
        .map(String::as_str)
        .collect();
    if !levers.is_empty() {
        return Err(format!(
            "the posterior sets the regime lever(s) {}, which the paradox's regime presets set: drop those columns",
            levers.join(", ")
        ));
    }
    let sampled: Vec<String> = discovery_spec("", 20, 0, None, 1).parameters.into_iter().map(|p| p.name).collect();
    let keep: Vec<usize> = (0..posterior.names.len()).filter(|&k| !sampled.contains(&posterior.names[k])).collect();
    let discovery = (!keep.is_empty()).then(|| lab::Posterior {
        origin: posterior.origin.clone(),
        names: keep.iter().map(|&k| posterior.names[k].clone()).collect(),
        weights: posterior.weights.clone(),
        values: posterior.values.iter().map(|row| keep.iter().map(|&k| row[k]).collect()).collect(),
    });
    Ok((posterior.clone(), discovery))
}

/// The paradox experiment's result (`paradox.json`).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ParadoxReport {
    /// Provenance of the scenario and the tool.
    pub provenance: lab::Provenance,
    /// Scenario name.
    pub scenario: String,
    /// Master seed.
    pub seed: u64,
    /// Runs per cell.
    pub runs_per_cell: u32,
    /// Scenario-discovery samples.
    pub discovery_samples: u32,
    /// Runs per scenario-discovery sample (1 in reports written before the option existed).
    #[serde(default = "one")]
    pub discovery_replications: u32,
    /// The posterior the runs drew their parameters from (file, hash of its text, particles);
    /// none when every run used the defaults.
    #[serde(default)]
    pub posterior: Option<crate::draws::PosteriorSource>,
    /// The effect of regime failure on each measure under each lens set.
    pub effects: Vec<Effect>,
    /// PRIM's box of the discovery sample, if it found one (not read back from files: it is
    /// recomputed from `discovery/`).
    #[serde(skip_deserializing)]
    pub prim: Option<PrimReport>,
}

fn one() -> u32 {
    1
}

impl ParadoxReport {
    /// Reads `paradox.json` (a JSON document of kind `paradox`), refusing another schema or kind.
    pub fn from_json(text: &str) -> Result<ParadoxReport, String> {
        let mut v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let obj = v.as_object_mut().ok_or("paradox.json is not a JSON object")?;
        let schema = obj.remove("schema").and_then(|s| s.as_u64());
        let kind = obj.remove("kind");
        if schema != Some(u64::from(lab::document::JSON_SCHEMA))
            || kind.as_ref().and_then(|k| k.as_str()) != Some("paradox")
        {
            return Err(format!(
                "expected a paradox document of JSON schema {} (kind `paradox`)",
                lab::document::JSON_SCHEMA
            ));
        }
        serde_json::from_value(v).map_err(|e| e.to_string())
    }
}

/// Runs the paradox experiment into `out` (`cells/`, `discovery/`, `paradox.json`,
/// `paradox.csv`) and returns its report and the JSON text written.
pub fn paradox(
    settings: &ParadoxSettings,
    loaded: &lab::Loaded,
    out: &Path,
    progress: Progress<'_>,
) -> Result<(ParadoxReport, String), ExperimentError> {
    if settings.runs < 2 || settings.samples < 20 || settings.discovery_replications == 0 {
        return Err(ExperimentError::Invalid(
            "--runs must be at least 2, --samples at least 20 and --discovery-replications at least 1".into(),
        ));
    }
    let s = settings;
    let (cells_posterior, discovery_posterior) = match &s.posterior {
        Some((p, _)) => {
            let (c, d) = paradox_posteriors(p).map_err(ExperimentError::Invalid)?;
            (Some(c), d)
        }
        None => (None, None),
    };
    let cells_at = |seed: u64| Spec {
        posterior: cells_posterior.clone(),
        ..cells_spec(&s.scenario, s.runs, seed, s.years, s.major_war_particles)
    };
    let cells = cells_at(s.seed);
    let discovery = Spec {
        posterior: discovery_posterior,
        ..discovery_spec(&s.scenario, s.samples, s.seed, s.years, s.discovery_replications)
    };
    for spec in [&cells, &discovery] {
        let problems = crate::spec::validate(spec);
        if !problems.is_empty() {
            let lines: Vec<String> = problems.iter().map(|(path, m)| format!("  {path}: {m}")).collect();
            return Err(ExperimentError::Invalid(format!(
                "paradox experiment `{}`:\n{}",
                spec.experiment.name,
                lines.join("\n")
            )));
        }
    }
    let (cells_dir, discovery_dir) = (out.join("cells"), out.join("discovery"));
    let options = |chunk| RunOptions { shard: None, resume: s.resume, chunk };
    run(&cells, loaded, &cells_dir, options(1), "paradox cells", progress)?;
    run(&discovery, loaded, &discovery_dir, options(64), "scenario discovery", progress)?;
    let (_, r1) = crate::analysis::load(&cells_dir).map_err(|e| ExperimentError::Invalid(e.to_string()))?;
    let mut effects = effects(&r1, 2000, 0.95, s.seed);
    // The same cells at further master seeds: a verdict that flips is flagged.
    let mut checks = Vec::new();
    for k in 1..=crate::paradox::SEED_CHECKS {
        let seed = s.seed.wrapping_add(k);
        let dir = out.join(format!("cells-seed-check-{k}"));
        run(&cells_at(seed), loaded, &dir, options(1), "paradox seed check", progress)?;
        let (_, r) = crate::analysis::load(&dir).map_err(|e| ExperimentError::Invalid(e.to_string()))?;
        checks.push(crate::paradox::effects(&r, 2000, 0.95, seed));
    }
    crate::paradox::mark_stability(&mut effects, &checks);
    analyse_dir(&cells_dir)?;
    let (_, discovery_analysis, _) = analyse_dir(&discovery_dir)?;
    let report = ParadoxReport {
        provenance: lab::Provenance::current(loaded),
        scenario: loaded.scenario.scenario.name.clone(),
        seed: s.seed,
        runs_per_cell: s.runs,
        discovery_samples: s.samples,
        discovery_replications: s.discovery_replications,
        posterior: s.posterior.as_ref().map(|(_, source)| source.clone()),
        effects,
        prim: discovery_analysis.prim,
    };
    let json = lab::document::render("paradox", &report);
    write_atomic(out, "paradox.json", &json)?;
    write_atomic(out, "paradox.csv", &paradox_csv(&report.effects))?;
    Ok((report, json))
}

/// `paradox.csv`: one row per lens set and measure.
pub fn paradox_csv(effects: &[Effect]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "lenses",
        "measure",
        "mean_strong",
        "mean_eroded",
        "mean_failed",
        "difference_failed_minus_strong",
        "ci_low",
        "ci_high",
        "n_strong",
        "n_failed",
        "p_value",
        "p_holm",
        "smallest_effect",
        "minimum_detectable_effect",
        "kind",
        "stable_across_seeds",
        "verdict",
    ]);
    for e in effects {
        let _ = w.write_record([
            e.lenses.clone(),
            e.measure.clone(),
            e.means[0].to_string(),
            e.means[1].to_string(),
            e.means[2].to_string(),
            e.difference.to_string(),
            e.ci.0.to_string(),
            e.ci.1.to_string(),
            e.n.0.to_string(),
            e.n.1.to_string(),
            e.p_value.to_string(),
            e.p_holm.to_string(),
            e.smallest_effect.to_string(),
            e.mde.to_string(),
            serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            e.stable.to_string(),
            e.verdict.clone(),
        ]);
    }
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_discovery_sample_draws_only_what_it_does_not_sample_and_levers_are_refused() {
        let text =
            "particle,weight,distance,accident_hazard,inadvertent_use_hazard\n0,1,0,0.01,0.001\n1,2,0,0.02,0.002\n";
        let p = lab::Posterior::from_csv(text, "p.csv").unwrap();
        let (cells, discovery) = paradox_posteriors(&p).unwrap();
        assert_eq!(cells, p);
        let d = discovery.unwrap();
        assert_eq!(d.names, ["inadvertent_use_hazard"]);
        assert_eq!(d.values, [vec![0.001], vec![0.002]]);
        assert_eq!(d.weights, p.weights);
        let only_sampled = lab::Posterior::from_csv("particle,weight,distance,prudence_base\n0,1,0,5\n", "q").unwrap();
        assert!(paradox_posteriors(&only_sampled).unwrap().1.is_none());
        let lever = lab::Posterior::from_csv("particle,weight,distance,regime.enforcement\n0,1,0,0.5\n", "r").unwrap();
        let e = paradox_posteriors(&lever).unwrap_err();
        assert!(e.contains("enforcement"), "{e}");
    }
}
