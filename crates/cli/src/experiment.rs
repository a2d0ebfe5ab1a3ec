//! `deterrence experiment | merge | analyze | paradox`: ensembles on disk and their analysis.

use crate::args::{ExperimentArgs, ParadoxArgs, TextFormat};
use crate::input::{Loaded, bad, load};
use experiment::Manifest;
use experiment::analysis::{Analysis, analyse};
use experiment::spec::Spec;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Parses `K/N`.
fn parse_shard(text: &str) -> anyhow::Result<(usize, usize)> {
    let parsed = text
        .split_once('/')
        .and_then(|(k, n)| Some((k.trim().parse::<usize>().ok()?, n.trim().parse::<usize>().ok()?)));
    match parsed {
        Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Ok((k, n)),
        _ => Err(bad(format!("--shard expects K/N with 1 <= K <= N, e.g. 2/8; got `{text}`"))),
    }
}

/// Loads the scenario a spec names: a built-in, or a file relative to the spec's directory.
fn load_scenario(spec: &Spec, spec_path: Option<&Path>) -> anyhow::Result<Loaded> {
    let name = &spec.experiment.scenario;
    if model::builtin::get(name).is_some() && !Path::new(name).is_file() {
        return load(name);
    }
    let path = match spec_path.and_then(Path::parent) {
        Some(dir) if Path::new(name).is_relative() => dir.join(name),
        _ => PathBuf::from(name),
    };
    load(&path.to_string_lossy())
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// Runs one experiment into `dir`, with a progress bar on a terminal.
#[allow(clippy::too_many_arguments)]
fn execute(
    spec: &Spec,
    loaded: &Loaded,
    dir: &Path,
    shard: Option<(usize, usize)>,
    resume: bool,
    threads: Option<usize>,
    chunk: usize,
    label: &str,
) -> anyhow::Result<u64> {
    let plan = experiment::design::plan(spec).map_err(|e| bad(e.to_string()))?;
    // Every point must resolve before any file is written.
    for p in &plan.points {
        experiment::design::request(&plan, p, spec.experiment.years)
            .map_err(|e| bad(format!("design point {}: {e}", p.index)))?
            .resolve(&loaded.scenario)
            .map_err(|e| bad(format!("design point {}: {e}", p.index)))?;
    }
    let m = Manifest::new(spec, loaded, plan.points.len(), shard);
    let manifest_path = dir.join("manifest.json");
    if resume && manifest_path.exists() {
        let old: Manifest = serde_json::from_str(&std::fs::read_to_string(&manifest_path)?)
            .map_err(|e| bad(format!("{}: {e}", manifest_path.display())))?;
        if !old.same_experiment(&m) || old.shard != m.shard {
            return Err(bad(format!(
                "{} holds a different experiment (spec, scenario, shard or build differ); resume it with the same inputs and the same build",
                dir.display()
            )));
        }
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{label} [{{bar:30}}] {{pos}}/{{len}} runs, {{per_sec}}, eta {{eta}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let runs = pool.install(|| {
        let writer_check = || -> anyhow::Result<u64> {
            // The store refuses to overwrite without --resume; write the manifest only once it
            // has accepted the directory.
            let mut first = true;
            let total =
                experiment::execute(spec, &loaded.scenario, &plan, dir, shard, resume, chunk, &mut |done, total| {
                    if first {
                        first = false;
                        let _ = experiment::store::write_atomic(dir, "manifest.json", &json(&m));
                        bar.set_length(total);
                    }
                    bar.set_position(done);
                })
                .map_err(|e| match e {
                    experiment::ExperimentError::Store(experiment::store::StoreError::Invalid(m)) => bad(m),
                    other => anyhow::anyhow!(other),
                })?;
            Ok(total)
        };
        writer_check()
    })?;
    bar.finish_and_clear();
    Ok(runs)
}

/// `deterrence experiment`.
pub fn run(args: ExperimentArgs) -> anyhow::Result<()> {
    let file = args.spec.display().to_string();
    let text =
        std::fs::read_to_string(&args.spec).map_err(|e| bad(format!("cannot read experiment spec {file}: {e}")))?;
    let spec = experiment::spec::parse_spec(&text, &file)
        .map_err(|e| bad(e.to_string().replacen("invalid scenario", "invalid experiment spec", 1)))?;
    let loaded = load_scenario(&spec, Some(&args.spec))?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;
    if args.threads == Some(0) {
        return Err(bad("--threads must be at least 1"));
    }
    let dir = args.out.unwrap_or_else(|| PathBuf::from("experiments").join(&spec.experiment.name));
    let runs = execute(&spec, &loaded, &dir, shard, args.resume, args.threads, args.chunk, &spec.experiment.name)?;
    println!(
        "{runs} runs of `{}`{} written to {} (results{}.csv and .jsonl, manifest.json)",
        spec.experiment.name,
        shard.map(|(k, n)| format!(", shard {k} of {n}")).unwrap_or_default(),
        dir.display(),
        shard.map(|(k, n)| format!("-shard-{k}-of-{n}")).unwrap_or_default()
    );
    Ok(())
}

/// `deterrence run --runs N`: an ensemble of one request, stored and summarised as an experiment
/// with one design point (a `cases` design whose one case holds the request's settings).
pub fn ensemble(args: &crate::args::RunArgs, loaded: &Loaded, request: &lab::RunRequest) -> anyhow::Result<()> {
    let runs = args.runs.unwrap_or(1);
    if runs == 0 {
        return Err(bad("--runs must be at least 1"));
    }
    if args.threads == Some(0) {
        return Err(bad("--threads must be at least 1"));
    }
    crate::run::prepare(loaded, request)?;
    let seed = match args.seed {
        Some(s) => s,
        None => {
            let s = crate::run::fresh_seed();
            eprintln!("seed: {s} (pass --seed {s} to reproduce this ensemble)");
            s
        }
    };
    let spec = experiment::spec::ensemble_spec(&args.scenario, request, runs, seed);
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("experiments").join(&spec.experiment.name));
    let total = execute(&spec, loaded, &dir, None, false, args.threads, 16, &spec.experiment.name)?;
    let (manifest, results) = experiment::analysis::load(&dir).map_err(|e| bad(e.to_string()))?;
    let a = analyse(&manifest, &results).map_err(|e| bad(e.to_string()))?;
    write_analysis_files(&dir, &a)?;
    let doc = report::json::render("analysis", &AnalysisDocument { provenance: &manifest, analysis: &a });
    experiment::store::write_atomic(&dir, "analysis.json", &doc)?;
    match args.format {
        TextFormat::Table => {
            print!("{}", render_analysis(&a));
            println!(
                "\n{total} runs written to {} (results.csv and .jsonl, summary.csv, analysis.json, manifest.json)",
                dir.display()
            );
        }
        TextFormat::Json => print!("{doc}"),
    }
    Ok(())
}

/// `deterrence merge`.
pub fn merge(dirs: &[PathBuf], out: Option<&Path>) -> anyhow::Result<()> {
    let out = out.unwrap_or(&dirs[0]).to_path_buf();
    // Every shard must come from the same experiment and build.
    let mut manifest: Option<Manifest> = None;
    for d in dirs {
        let path = d.join("manifest.json");
        let text = std::fs::read_to_string(&path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
        let m: Manifest = serde_json::from_str(&text).map_err(|e| bad(format!("{}: {e}", path.display())))?;
        if let Some(first) = &manifest {
            if !first.same_experiment(&m) {
                return Err(bad(format!(
                    "{} holds a shard of a different experiment or build than {}: spec, scenario and build must match",
                    d.display(),
                    dirs[0].display()
                )));
            }
        } else {
            manifest = Some(m);
        }
    }
    let runs = experiment::store::merge(dirs, &out).map_err(|e| bad(e.to_string()))?;
    let mut m = manifest.ok_or_else(|| bad("no manifest.json found in the shard directories"))?;
    m.shard = None;
    experiment::store::write_atomic(&out, "manifest.json", &json(&m))?;
    println!("merged {runs} runs into {}", out.display());
    Ok(())
}

fn fmt(x: f64) -> String {
    if x.is_nan() { "n/a".into() } else { format!("{x:.4}") }
}

fn render_analysis(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Analysis of `{}`", a.experiment);
    let _ = writeln!(out, "\nPer design point (mean [CI] over replications):");
    for p in a.points.iter().take(40) {
        let label = if p.case.is_empty() { format!("point {}", p.point) } else { p.case.clone() };
        let _ = writeln!(out, "  {label} {}", p.values.join(", "));
        for o in &p.outcomes {
            let _ = writeln!(
                out,
                "    {:<36} {} [{} – {}]  (median {}, n {})",
                o.outcome,
                fmt(o.summary.mean),
                fmt(o.mean_ci.0),
                fmt(o.mean_ci.1),
                fmt(o.summary.q50),
                o.summary.n
            );
        }
    }
    if a.points.len() > 40 {
        let _ = writeln!(out, "  ... {} more points in summary.csv", a.points.len() - 40);
    }
    for s in &a.sobol {
        let _ = writeln!(out, "\nSobol indices of `{}` (first order S1 ± CI, total ST ± CI):", s.outcome);
        for (i, c) in a.columns.iter().enumerate() {
            let ix = &s.indices;
            let _ = writeln!(
                out,
                "  {c:<28} S1 {} ± {}   ST {} ± {}",
                fmt(ix.s1[i]),
                fmt(ix.s1_conf[i]),
                fmt(ix.st[i]),
                fmt(ix.st_conf[i])
            );
        }
        for w in &s.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
    }
    for m in &a.morris {
        let _ = writeln!(out, "\nMorris elementary effects of `{}`:", m.outcome);
        for (c, ix) in a.columns.iter().zip(&m.indices) {
            let _ = writeln!(
                out,
                "  {c:<28} mu* {} (± {})  mu {}  sigma {}",
                fmt(ix.mu_star),
                fmt(ix.mu_star_conf),
                fmt(ix.mu),
                fmt(ix.sigma)
            );
        }
    }
    if let Some(p) = &a.prim {
        out.push_str(&render_prim(p));
    }
    for n in &a.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out
}

fn render_prim(p: &experiment::analysis::PrimReport) -> String {
    let mut out = String::new();
    let r = &p.result;
    let _ =
        writeln!(out, "\nPRIM boxes for `{} > 0` (coverage / density / mass along the peeling trajectory):", p.outcome);
    for (i, b) in r.trajectory.iter().enumerate() {
        if i % 5 == 0 || i == r.chosen || i + 1 == r.trajectory.len() {
            let mark = if i == r.chosen { "  <- chosen" } else { "" };
            let _ = writeln!(
                out,
                "  box {i:>3}: coverage {:.3}  density {:.3}  mass {:.3}{mark}",
                b.coverage, b.density, b.mass
            );
        }
    }
    if let Some(b) = r.trajectory.get(r.chosen) {
        let _ = writeln!(out, "  chosen box bounds:");
        for &d in &b.restricted {
            let name = &p.columns[d];
            let cats = &p.categories[d];
            if cats.is_empty() {
                let _ = writeln!(out, "    {name:<28} {} to {}", fmt(b.lower[d]), fmt(b.upper[d]));
            } else {
                let inside: Vec<&str> = cats
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| (*k as f64) >= b.lower[d] && (*k as f64) <= b.upper[d])
                    .map(|(_, c)| c.as_str())
                    .collect();
                let _ = writeln!(out, "    {name:<28} one of {}", inside.join(", "));
            }
        }
    }
    out
}

fn write_analysis_files(dir: &Path, a: &Analysis) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["point".to_owned(), "case".to_owned()];
    header.extend(a.columns.iter().cloned());
    header.extend(
        ["outcome", "n", "missing", "mean", "ci_low", "ci_high", "sd", "min", "q05", "q25", "q50", "q75", "q95", "max"]
            .map(String::from),
    );
    w.write_record(&header)?;
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
            w.write_record(&row)?;
        }
    }
    experiment::store::write_atomic(dir, "summary.csv", &String::from_utf8_lossy(&w.into_inner()?))?;
    Ok(())
}

/// The analysis with the provenance of the experiment it analyses.
#[derive(serde::Serialize)]
struct AnalysisDocument<'a> {
    provenance: &'a Manifest,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

/// `deterrence analyze`.
pub fn analyze(dir: &Path, format: TextFormat) -> anyhow::Result<()> {
    let (manifest, results) = experiment::analysis::load(dir).map_err(|e| bad(e.to_string()))?;
    let a = analyse(&manifest, &results).map_err(|e| bad(e.to_string()))?;
    write_analysis_files(dir, &a)?;
    let doc = report::json::render("analysis", &AnalysisDocument { provenance: &manifest, analysis: &a });
    experiment::store::write_atomic(dir, "analysis.json", &doc)?;
    match format {
        TextFormat::Table => print!("{}", render_analysis(&a)),
        TextFormat::Json => print!("{doc}"),
    }
    Ok(())
}

/// `deterrence paradox`.
pub fn paradox(args: ParadoxArgs) -> anyhow::Result<()> {
    if args.runs < 2 || args.samples < 20 {
        return Err(bad("--runs must be at least 2 and --samples at least 20"));
    }
    let loaded = load(&args.scenario)?;
    let cells = experiment::paradox::cells_spec(&args.scenario, args.runs, args.seed, args.years);
    let discovery = experiment::paradox::discovery_spec(&args.scenario, args.samples, args.seed, args.years);
    let (cells_dir, discovery_dir) = (args.out.join("cells"), args.out.join("discovery"));
    execute(&cells, &loaded, &cells_dir, None, args.resume, args.threads, 1, "paradox cells")?;
    execute(&discovery, &loaded, &discovery_dir, None, args.resume, args.threads, 64, "scenario discovery")?;
    let (m1, r1) = experiment::analysis::load(&cells_dir).map_err(|e| bad(e.to_string()))?;
    let effects = experiment::paradox::effects(&r1, 2000, 0.95, args.seed);
    let (m2, r2) = experiment::analysis::load(&discovery_dir).map_err(|e| bad(e.to_string()))?;
    let discovery_analysis = analyse(&m2, &r2).map_err(|e| bad(e.to_string()))?;
    let cells_analysis = analyse(&m1, &r1).map_err(|e| bad(e.to_string()))?;
    write_analysis_files(&cells_dir, &cells_analysis)?;
    write_analysis_files(&discovery_dir, &discovery_analysis)?;
    for (dir, m, a) in [(&cells_dir, &m1, &cells_analysis), (&discovery_dir, &m2, &discovery_analysis)] {
        let doc = report::json::render("analysis", &AnalysisDocument { provenance: m, analysis: a });
        experiment::store::write_atomic(dir, "analysis.json", &doc)?;
    }
    #[derive(serde::Serialize)]
    struct ParadoxReport<'a> {
        provenance: report::Provenance,
        scenario: String,
        seed: u64,
        runs_per_cell: u32,
        discovery_samples: u32,
        effects: &'a [experiment::paradox::Effect],
        prim: Option<&'a experiment::analysis::PrimReport>,
    }
    let rep = ParadoxReport {
        provenance: crate::input::provenance(&loaded),
        scenario: loaded.scenario.scenario.name.clone(),
        seed: args.seed,
        runs_per_cell: args.runs,
        discovery_samples: args.samples,
        effects: &effects,
        prim: discovery_analysis.prim.as_ref(),
    };
    let json_text = report::json::render("paradox", &rep);
    experiment::store::write_atomic(&args.out, "paradox.json", &json_text)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
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
        "verdict",
    ])?;
    for e in &effects {
        w.write_record([
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
            e.verdict.clone(),
        ])?;
    }
    experiment::store::write_atomic(&args.out, "paradox.csv", &String::from_utf8_lossy(&w.into_inner()?))?;
    match args.format {
        TextFormat::Json => print!("{json_text}"),
        TextFormat::Table => {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "The paradox experiment: {}, {} runs per preset × lens cell, seed {}",
                rep.scenario, args.runs, args.seed
            );
            let _ = writeln!(
                out,
                "Caveat: effects of a simplified model's mechanisms under stated assumptions, not forecasts.\n"
            );
            let mut last = String::new();
            for e in &effects {
                if e.lenses != last {
                    let _ = writeln!(out, "{}:", e.lenses);
                    last = e.lenses.clone();
                }
                let _ = writeln!(out, "  - {}", e.verdict.split_once(", ").map_or(e.verdict.as_str(), |(_, v)| v));
            }
            if let Some(p) = &discovery_analysis.prim {
                out.push_str(&render_prim(p));
            }
            let _ = writeln!(out, "\nFiles: {}/paradox.csv, paradox.json, cells/, discovery/", args.out.display());
            print!("{out}");
        }
    }
    Ok(())
}
