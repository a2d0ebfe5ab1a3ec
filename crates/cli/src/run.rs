//! `deterrence run`: one simulation run, printed as a timeline and written as CSV/JSON files.

use crate::args::{RunArgs, TextFormat};
use crate::input::{Loaded, bad, load, provenance};
use model::Locator;
use std::path::Path;

/// Runs the command.
pub fn run(args: RunArgs) -> anyhow::Result<()> {
    let loaded = load(&args.scenario)?;
    let scenario = &loaded.scenario;
    let mut parameters = Vec::new();
    for p in &args.params {
        let Some((name, value)) = p.split_once('=') else {
            return Err(bad(format!("--param expects NAME=VALUE, got `{p}`")));
        };
        let value: f64 =
            value.trim().parse().map_err(|_| bad(format!("--param {name}: expected a number, got `{value}`")))?;
        if !value.is_finite() {
            return Err(bad(format!("--param {name}: expected a finite number, got `{value}`")));
        }
        parameters.push((name.trim().to_owned(), value));
    }
    let options = engine::RunOptions {
        years: args.years,
        regime: args.regime.map(Into::into),
        lenses: (!args.lens.is_empty()).then(|| args.lens.iter().map(|&l| l.into()).collect()),
        parameters,
        levers: Vec::new(),
    };
    if let Some(y) = options.years
        && !(1..=500).contains(&y)
    {
        return Err(bad(format!("--years expects 1 to 500, got {y}")));
    }
    let resolved = engine::resolve(scenario, &options).map_err(|e| match &e.path {
        Some(path) => {
            let p = Locator::new(&loaded.text).problem_at_path(path, e.message.clone());
            bad(format!(
                "invalid scenario {}:\n  {}:{}:{}: field `{}`: {}",
                loaded.origin, loaded.origin, p.line, p.column, p.field, p.message
            ))
        }
        None => bad(format!("--param: {}", e.message)),
    })?;
    let seed = match args.seed {
        Some(s) => s,
        None => {
            let s = fresh_seed();
            eprintln!("seed: {s} (pass --seed {s} to reproduce this run)");
            s
        }
    };
    let output = engine::run(scenario, &resolved, seed, 0);
    let report = report::RunReport {
        manifest: manifest(&loaded, seed, resolved),
        title: scenario.scenario.title.clone(),
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

fn manifest(loaded: &Loaded, seed: u64, resolved: engine::Resolved) -> report::RunManifest {
    report::RunManifest {
        provenance: provenance(loaded),
        seed,
        run_index_range: [0, 0],
        rng: "rand::rngs::ChaCha8Rng::seed_from_u64(seed), then set_stream(run_index)".into(),
        rand_versions: env!("DETERRENCE_RAND_VERSIONS").to_owned(),
        resolved,
        scenario_toml: toml::to_string(&loaded.scenario).unwrap_or_default(),
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
        std::fs::write(&tmp, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &path).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// A fresh seed from the clock and the process id, mixed by SplitMix64 (printed, so the run
/// can be reproduced; this is the only non-reproducible input and it never enters model code
/// except as the recorded seed).
fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mut z = nanos ^ (u64::from(std::process::id()) << 32);
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
