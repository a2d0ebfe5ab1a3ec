//! `deterrence forecast`: the forecast of a scenario under a posterior (or the defaults),
//! printed as a table, JSON or CSV and optionally written to a directory.

use crate::args::{ForecastArgs, Format};
use crate::input::{bad, load};
use experiment::draws::PosteriorSource;
use std::path::Path;

/// Reads the posterior `--posterior PATH` names (a directory `deterrence calibrate` wrote, or
/// its posterior.csv), with its source (file and hash of its text); every problem located,
/// exit status 2.
pub fn read_posterior(path: &Path) -> anyhow::Result<(lab::Posterior, PosteriorSource)> {
    let file = if path.is_dir() { path.join("posterior.csv") } else { path.to_path_buf() };
    let name = file.display().to_string();
    let text = lab::scenario::read_utf8(&file).map_err(|e| {
        bad(format!("--posterior: cannot read {name}: {e} (expected a directory `deterrence calibrate` wrote)"))
    })?;
    let posterior =
        lab::Posterior::from_csv(&text, &name).map_err(|p| bad(format!("--posterior:\n{}", p.join("\n"))))?;
    let source = PosteriorSource::new(&posterior, &text);
    Ok((posterior, source))
}

/// Runs the command.
pub fn run(args: ForecastArgs) -> anyhow::Result<()> {
    if args.runs == 0 {
        return Err(bad("--runs must be at least 1"));
    }
    let loaded = load(&args.scenario)?;
    let posterior = args.posterior.as_deref().map(read_posterior).transpose()?;
    if let Some(dir) = &args.out {
        crate::input::writable_dir(dir, args.force, "--out")?;
    }
    let settings = experiment::forecast::Settings {
        runs: args.runs,
        seed: args.seed,
        request: lab::RunRequest {
            years: args.years,
            lenses: (!args.lens.is_empty()).then(|| args.lens.iter().map(|&l| l.into()).collect()),
            ..lab::RunRequest::default()
        },
        posterior,
    };
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(u64::from(args.runs)), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("forecast [{bar:30}] {pos}/{len} runs, {per_sec}, eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: u64, _total: u64| bar.set_position(done);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let f = pool
        .install(|| experiment::forecast::forecast(&loaded, &settings, &progress))
        .map_err(|e| bad(format!("forecast of {}: {e}", args.scenario)))?;
    bar.finish_and_clear();
    let json = lab::document::render("forecast", &f);
    let csv = experiment::forecast::forecast_csv(&f);
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).map_err(|e| bad(format!("cannot create --out {}: {e}", dir.display())))?;
        experiment::store::write_atomic(dir, "forecast.json", &json).map_err(|e| bad(e.to_string()))?;
        experiment::store::write_atomic(dir, "forecast.csv", &csv).map_err(|e| bad(e.to_string()))?;
    }
    match args.format {
        Format::Table => print!("{}", report::table::forecast(&f)),
        Format::Json => print!("{json}"),
        Format::Csv => print!("{csv}"),
    }
    Ok(())
}
