//! `deterrence experiment | merge | analyze | paradox`: ensembles on disk and their analysis.

use crate::args::{ExperimentArgs, ParadoxArgs, TextFormat};
use crate::input::{Loaded, bad, load};
use experiment::Manifest;
use experiment::spec::Spec;
use std::path::{Path, PathBuf};

/// Parses `K/N`.
pub(crate) fn parse_shard(text: &str) -> anyhow::Result<(usize, usize)> {
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

/// Maps a workflow error to an input or output-path error (exit status 2).
fn failure(e: experiment::ExperimentError) -> anyhow::Error {
    // Every experiment error is in what the user gave or where they asked for output (a file
    // that cannot be read or written): exit status 2.
    bad(e.to_string())
}

/// A progress bar on standard error (drawn only on a terminal), reset for each label.
fn progress_bar() -> impl FnMut(&str, u64, u64) {
    let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    let mut current = String::new();
    move |label: &str, done: u64, total: u64| {
        if label != current {
            current = label.to_owned();
            bar.reset();
            bar.set_style(
                indicatif::ProgressStyle::with_template(&format!(
                    "{label} [{{bar:30}}] {{pos}}/{{len}} runs, {{per_sec}}, eta {{eta}}"
                ))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_length(total);
        }
        bar.set_position(done);
        if done == total {
            bar.finish_and_clear();
        }
    }
}

/// The rayon pool of `--threads` (all cores without it).
fn pool(threads: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    if threads == Some(0) {
        return Err(bad("--threads must be at least 1"));
    }
    Ok(rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?)
}

/// Runs one experiment into `dir`, with a progress bar on a terminal.
fn execute(
    spec: &Spec,
    loaded: &Loaded,
    dir: &Path,
    options: experiment::workflow::RunOptions,
    threads: Option<usize>,
) -> anyhow::Result<u64> {
    let mut bar = progress_bar();
    let mut first = true;
    let mut progress = |label: &str, done: u64, total: u64| {
        // Say where a resumed run continues (a requeued Slurm task's log shows it).
        if std::mem::take(&mut first) && done > 0 {
            eprintln!("resuming {}: {done} of {total} runs already done", dir.display());
        }
        bar(label, done, total);
    };
    pool(threads)?
        .install(|| experiment::workflow::run(spec, loaded, dir, options, &spec.experiment.name, &mut progress))
        .map_err(failure)
}

/// Reads an experiment spec and the scenario it names.
pub fn read_spec(path: &Path) -> anyhow::Result<(Spec, Loaded)> {
    let file = path.display().to_string();
    if path.is_dir() {
        let what = crate::input::dir_kind(path).map(|k| format!(" ({k})")).unwrap_or_default();
        return Err(bad(format!(
            "{file} is a directory{what}; experiment expects a spec file (TOML, docs/experiments.md; examples/ has some)"
        )));
    }
    let text = lab::scenario::read_utf8(path).map_err(|e| bad(format!("cannot read experiment spec {file}: {e}")))?;
    let spec = experiment::spec::parse_spec(&text, &file)
        .map_err(|e| bad(e.to_string().replacen("invalid scenario", "invalid experiment spec", 1)))?;
    let loaded = load_scenario(&spec, Some(path))?;
    Ok((spec, loaded))
}

/// `spec` with the posterior read from `path` (a calibration directory or its posterior.csv),
/// checked against the spec (every problem located; exit status 2).
pub fn with_posterior(mut spec: Spec, path: &Path) -> anyhow::Result<Spec> {
    let (posterior, source) = crate::forecast::read_posterior(path)?;
    let name = source.origin;
    spec.posterior = Some(posterior);
    let problems = experiment::spec::validate(&spec);
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(|(path, m)| format!("{path}: {m}")).collect();
        return Err(bad(format!("--posterior {name}:\n{}", lines.join("\n"))));
    }
    Ok(spec)
}

/// `deterrence experiment`.
pub fn run(args: ExperimentArgs) -> anyhow::Result<()> {
    let (spec, loaded) = read_spec(&args.spec)?;
    let spec = match &args.posterior {
        Some(path) => with_posterior(spec, path)?,
        None => spec,
    };
    let explicit = args.shard.as_deref().map(parse_shard).transpose()?;
    // Inside a Slurm job array the shard comes from the array (an explicit --shard wins), and
    // each task writes to its own `shard-K-of-N` subdirectory of --out.
    let array = experiment::cluster::ArrayEnv::from_lookup(|name| std::env::var(name).ok());
    let choice = experiment::cluster::choose_shard(explicit, &array).map_err(bad)?;
    if let Some(note) = &choice.note {
        eprintln!("note: {note}");
    }
    let shard = choice.shard;
    let out = args.out.unwrap_or_else(|| PathBuf::from("experiments").join(&spec.experiment.name));
    let dir = experiment::cluster::shard_dir(&out, &choice);
    crate::input::writable_dir(&dir, args.force || args.resume || shard.is_some(), "--out")?;
    let options = experiment::workflow::RunOptions {
        shard,
        resume: args.resume,
        chunk: args.chunk.unwrap_or_else(|| experiment::default_chunk(spec.experiment.replications)),
    };
    let runs = execute(&spec, &loaded, &dir, options, args.threads)?;
    let suffix = shard.map(|(k, n)| format!("-shard-{k}-of-{n}")).unwrap_or_default();
    let mut files = vec![format!("results{suffix}.csv and .jsonl")];
    if !spec.record.years.is_empty() {
        files.push(format!("years{suffix}.csv"));
    }
    if !spec.record.states.is_empty() {
        files.push(format!("states{suffix}.csv"));
    }
    files.push("manifest.json".into());
    println!(
        "{runs} runs of `{}`{} written to {} ({})",
        spec.experiment.name,
        shard.map(|(k, n)| format!(", shard {k} of {n}")).unwrap_or_default(),
        dir.display(),
        files.join(", ")
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
    crate::input::prepare(loaded, request)?;
    let seed = match args.seed {
        Some(s) => s,
        None => {
            let s = crate::input::fresh_seed();
            eprintln!("seed: {s} (pass --seed {s} to reproduce this ensemble)");
            s
        }
    };
    let spec = experiment::spec::ensemble_spec(&args.scenario, request, runs, seed);
    let spec = match &args.posterior {
        Some(path) => with_posterior(spec, path)?,
        None => spec,
    };
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("experiments").join(&spec.experiment.name));
    // `run --out DIR --force` replaces files of the same names (its help), the results too.
    if args.force {
        experiment::store::clear_results(&dir, None).map_err(|e| bad(e.to_string()))?;
    }
    let options = experiment::workflow::RunOptions { shard: None, resume: false, chunk: 16 };
    let total = execute(&spec, loaded, &dir, options, args.threads)?;
    let (_, a, doc) = experiment::workflow::analyse_dir(&dir).map_err(failure)?;
    match args.format {
        TextFormat::Table => {
            print!("{}", report::table::analysis(&a));
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
pub fn merge(dirs: &[PathBuf], out: Option<&Path>, force: bool) -> anyhow::Result<()> {
    // Merging into one of the directories merged (the parent of a Slurm array's shards) is
    // what `merge DIR` does without --out; any other --out must be empty unless forced.
    if let Some(out) = out
        && !dirs.iter().any(|d| d.as_path() == out)
    {
        crate::input::writable_dir(out, force, "--out")?;
    }
    let out = out.unwrap_or(&dirs[0]).to_path_buf();
    // Every shard (in the directories given or their `shard-K-of-N` subdirectories) must come
    // from the same experiment and build.
    let shard_dirs = experiment::store::shard_dirs(dirs).map_err(|e| bad(e.to_string()))?;
    if shard_dirs.is_empty() {
        // Say what a directory is when it is not an experiment's.
        for d in dirs {
            if let Some(kind) = crate::input::dir_kind(d).filter(|k| !k.starts_with("an experiment")) {
                return Err(bad(format!(
                    "{} is {kind}; merge expects experiment shard directories (from `deterrence experiment --shard K/N`)",
                    d.display()
                )));
            }
        }
    }
    for d in &shard_dirs {
        match crate::input::dir_kind(d) {
            Some(kind) if kind.starts_with("an experiment") => {}
            Some(kind) => {
                return Err(bad(format!(
                    "{} is {kind}; merge expects experiment shard directories (from `deterrence experiment --shard K/N`)",
                    d.display()
                )));
            }
            None => {
                return Err(bad(format!(
                    "{} holds no experiment results; merge expects experiment shard directories (from `deterrence experiment --shard K/N`)",
                    d.display()
                )));
            }
        }
    }
    let mut manifest: Option<Manifest> = None;
    for d in &shard_dirs {
        let path = d.join("manifest.json");
        let text = std::fs::read_to_string(&path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
        let m = Manifest::from_json(&text).map_err(|e| bad(format!("{}: {e}", path.display())))?;
        if let Some(first) = &manifest {
            if !first.same_experiment(&m) {
                return Err(bad(format!(
                    "{} holds a shard of a different experiment or build than {}: spec, scenario and build must match",
                    d.display(),
                    shard_dirs[0].display()
                )));
            }
        } else {
            manifest = Some(m);
        }
    }
    let mut m = manifest.ok_or_else(|| bad("no manifest.json found in the shard directories"))?;
    let check = experiment::rows::RowCheck::new(&m)
        .map_err(|e| bad(format!("{}: {e}", shard_dirs[0].join("manifest.json").display())))?;
    let runs = experiment::store::merge(dirs, &out, &check).map_err(|e| bad(e.to_string()))?;
    m.shard = None;
    experiment::store::write_atomic(&out, "manifest.json", &m.to_json())?;
    println!("merged {runs} runs into {}", out.display());
    Ok(())
}

/// `deterrence analyze`, reporting and pasting PRIM box `prim_box` (default: the chosen one).
pub fn analyze(dir: &Path, format: TextFormat, prim_box: Option<usize>) -> anyhow::Result<()> {
    expect_experiment_dir(dir)?;
    let options = experiment::analysis::AnalysisOptions { prim_box };
    let (_, a, doc) = experiment::workflow::analyse_dir_with(dir, &options).map_err(failure)?;
    match format {
        TextFormat::Table => print!("{}", report::table::analysis(&a)),
        TextFormat::Json => print!("{doc}"),
    }
    Ok(())
}

/// `analyze` reads an experiment directory: anything else is named, with what to do instead.
fn expect_experiment_dir(dir: &Path) -> anyhow::Result<()> {
    if !dir.is_dir() {
        return Err(bad(format!(
            "{} is not a directory; analyze expects an experiment directory (from `deterrence experiment` or `run --runs`)",
            dir.display()
        )));
    }
    match crate::input::dir_kind(dir) {
        Some(kind) if kind.starts_with("an experiment") => Ok(()),
        Some(kind) => Err(bad(format!(
            "{} is {kind}; analyze expects an experiment directory (from `deterrence experiment` or `run --runs`). \
             For this one use `deterrence report {}`",
            dir.display(),
            dir.display()
        ))),
        None => Err(bad(format!(
            "{} holds no experiment results (results.csv); analyze expects an experiment directory \
             (from `deterrence experiment` or `run --runs`)",
            dir.display()
        ))),
    }
}

/// `deterrence paradox`.
pub fn paradox(args: ParadoxArgs) -> anyhow::Result<()> {
    if args.runs < 2 || args.samples < 20 {
        return Err(bad("--runs must be at least 2 and --samples at least 20"));
    }
    crate::input::writable_dir(&args.out, args.force || args.resume, "--out")?;
    let loaded = load(&args.scenario)?;
    let settings = experiment::workflow::ParadoxSettings {
        scenario: args.scenario.clone(),
        runs: args.runs,
        samples: args.samples,
        discovery_replications: args.discovery_replications,
        seed: args.seed,
        years: args.years,
        major_war_particles: args.major_war_particles,
        resume: args.resume,
        posterior: args.posterior.as_deref().map(crate::forecast::read_posterior).transpose()?,
    };
    let mut bar = progress_bar();
    let (rep, json_text) = pool(args.threads)?
        .install(|| experiment::workflow::paradox(&settings, &loaded, &args.out, &mut bar))
        .map_err(failure)?;
    match args.format {
        TextFormat::Json => print!("{json_text}"),
        TextFormat::Table => {
            if let Some(p) = &rep.posterior {
                println!(
                    "Parameters drawn by weight from the posterior {} ({} particles of {}; FNV-1a {})\n",
                    p.origin,
                    p.particles,
                    p.names.join(", "),
                    p.hash
                );
            }
            print!("{}", report::table::paradox(&rep, &args.out.display().to_string()));
        }
    }
    Ok(())
}
