//! `deterrence run`: one simulation run, printed as a timeline and written as CSV/JSON files.

use crate::args::{RunArgs, TextFormat};
use crate::input::{Loaded, bad, fresh_seed, load, prepare, provenance};
use lab::{Kind, Override};
use std::path::Path;

/// The run request the flags describe: years, preset, lenses, and every `--param`, `--lever`
/// and `--set` override, checked (exit status 2 naming the flag and the name or path).
pub fn request(args: &RunArgs) -> anyhow::Result<lab::RunRequest> {
    let mut overrides = Vec::new();
    for (kind, texts) in [(Kind::Parameter, &args.params), (Kind::Lever, &args.levers), (Kind::Input, &args.inputs)] {
        for t in texts {
            overrides.push(Override::parse(kind, t).map_err(|e| bad(format!("{} {e}", kind.flag())))?);
        }
    }
    Ok(lab::RunRequest {
        years: args.years,
        regime: args.regime.map(Into::into),
        lenses: (!args.lens.is_empty()).then(|| args.lens.iter().map(|&l| l.into()).collect()),
        overrides,
        major_war_particles: args.major_war_particles,
    })
}

/// Runs the command.
pub fn run(args: RunArgs) -> anyhow::Result<()> {
    let loaded = load(&args.scenario)?;
    let request = request(&args)?;
    if let Some(dir) = &args.out {
        crate::input::writable_dir(dir, args.force, "--out")?;
    }
    if args.runs.is_some() {
        return crate::experiment::ensemble(&args, &loaded, &request);
    }
    if args.posterior.is_some() {
        return Err(bad("--posterior draws the parameters of an ensemble's runs: add --runs N"));
    }
    let prepared = prepare(&loaded, &request)?;
    let seed = match args.seed {
        Some(s) => s,
        None => {
            let s = fresh_seed();
            eprintln!("seed: {s} (pass --seed {s} to reproduce this run)");
            s
        }
    };
    let output = prepared.template.run(seed, 0);
    let report = report::RunReport {
        manifest: manifest(&loaded, &prepared, seed, &request),
        title: loaded.scenario.scenario.title.clone(),
        output,
    };
    if let Some(dir) = &args.out {
        write_outputs(dir, &report)?;
    }
    match args.format {
        TextFormat::Table => print!("{}", report::table::run(&report)),
        TextFormat::Json => print!("{}", report::json::render("run", &report)),
    }
    Ok(())
}

fn manifest(loaded: &Loaded, prepared: &lab::Prepared, seed: u64, request: &lab::RunRequest) -> report::RunManifest {
    report::RunManifest {
        provenance: provenance(loaded),
        seed,
        run_index_range: [0, 0],
        rng: lab::provenance::RNG_STREAM.into(),
        rand_versions: lab::provenance::RAND_VERSIONS.to_owned(),
        resolved: prepared.resolved.clone(),
        // The scenario the run used: with any `--set` inputs applied.
        scenario_toml: toml::to_string(&prepared.scenario).unwrap_or_default(),
        overrides: request.overrides.clone(),
    }
}

fn write_outputs(dir: &Path, report: &report::RunReport) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| bad(format!("cannot create output directory {}: {e}", dir.display())))?;
    let name = &report.manifest.provenance.scenario;
    let o = &report.output;
    let files = [
        ("years.csv", report::csv::years(name, 0, &o.years)),
        ("dyad_years.csv", report::csv::dyad_years(name, 0, &o.dyad_years)),
        ("events.csv", report::csv::events(name, 0, &o.events)),
        ("manifest.json", report::json::render("run-manifest", &report.manifest)),
    ];
    for (file, text) in files {
        let path = dir.join(file);
        // Write to a temporary name, then rename: an interrupted run never leaves a half file.
        let tmp = dir.join(format!(".{file}.tmp"));
        std::fs::write(&tmp, text).map_err(|e| bad(format!("cannot write {}: {e}", tmp.display())))?;
        std::fs::rename(&tmp, &path).map_err(|e| bad(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}
