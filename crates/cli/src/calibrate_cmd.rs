//! `deterrence calibrate SPEC --out DIR [--resume] [--shard K/N [--wait S]] [--threads N]`:
//! ABC-SMC calibration of the replay to the record, a checkpoint after every generation, each
//! generation's particles made by one process or shared between shards
//! (`calibrate::shard`), then the posterior-predictive check of every pattern (fitted and out
//! of sample).

use crate::args::CalibrateArgs;
use crate::input::bad;
use calibrate::output::{self, Checkpoint, GenerationSummary};
use calibrate::shard::{Directory, Shard};
use std::path::Path;
use std::time::Duration;

/// How long a shard waits for the others' particles of a generation, unless --wait says.
pub const DEFAULT_WAIT_SECONDS: u64 = 3600;

/// How often a waiting shard looks for the others' files.
const POLL: Duration = Duration::from_millis(200);

/// Runs the command.
pub fn run(a: CalibrateArgs) -> anyhow::Result<()> {
    let file = a.spec.display().to_string();
    let text = lab::scenario::read_utf8(&a.spec).map_err(|e| bad(format!("cannot read {file}: {e}")))?;
    let spec = calibrate::parse_spec(&text, &file).map_err(|e| bad(e.to_string()))?;
    let spec_hash = lab::hash::fnv1a_hex(&text);
    let shard = match a.shard.as_deref() {
        Some(t) => {
            let (k, n) = crate::experiment::parse_shard(t)?;
            Some(Shard::new(k, n).map_err(|e| bad(e.to_string()))?)
        }
        None => None,
    };
    if let Some(s) = shard
        && s.count > spec.calibration.particles
    {
        return Err(bad(format!(
            "--shard {}/{}: more shards than the spec's {} particles",
            s.index, s.count, spec.calibration.particles
        )));
    }
    let dir = a.out.as_path();
    let mut resume = None;
    let mut before: Vec<GenerationSummary> = Vec::new();
    if a.resume || shard.is_some() {
        // Shards share the directory: each continues from the checkpoint, if there is one, and
        // from the shard files written after it.
        match output::read_checkpoint(dir).map_err(bad)? {
            Some(checkpoint) => {
                if checkpoint.spec_hash != spec_hash {
                    return Err(bad(format!(
                        "{}: {} was calibrated with a different spec (hash {} ≠ {spec_hash})",
                        if a.resume { "--resume" } else { "--shard" },
                        dir.display(),
                        checkpoint.spec_hash
                    )));
                }
                before = checkpoint.history;
                resume = Some(checkpoint.last);
            }
            None if a.resume && !dir.join("shards").is_dir() => {
                return Err(bad(format!("--resume: {} holds no checkpoint.json", dir.display())));
            }
            None => {}
        }
    } else if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false) {
        return Err(bad(format!(
            "{} is not empty: give an empty directory, --resume to continue, or --shard K/N for a shard",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| bad(format!("cannot create output directory {}: {e}", dir.display())))?;
    if a.threads == Some(0) {
        return Err(bad("--threads must be at least 1"));
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(a.threads.unwrap_or(0)).build()?;
    let problem = calibrate::Problem::new(spec.clone()).map_err(|e| bad(e.to_string()))?;
    let wait = Duration::from_secs(a.wait.unwrap_or(DEFAULT_WAIT_SECONDS));
    let label = shard.map(|s| format!("shard {} of {}: ", s.index, s.count)).unwrap_or_default();
    let coordinator = {
        let label = label.clone();
        Directory::new(dir, shard, &spec_hash, wait, POLL).on_wait(move |m| eprintln!("{label}{m}"))
    };
    // Shard 1 (or the one process) keeps the checkpoint and writes the results.
    let writes = shard.is_none_or(|s| s.index == 1);
    let started = std::time::Instant::now();
    let mut history = before.clone();
    let mut write_error: Option<std::io::Error> = None;
    let calibrated = pool.install(|| {
        problem.calibrate(resume, &coordinator, &mut |g| {
            history.push(GenerationSummary::of(g));
            if writes {
                let checkpoint = Checkpoint { spec_hash: spec_hash.clone(), history: history.clone(), last: g.clone() };
                if let Err(e) = output::write_checkpoint(dir, &checkpoint) {
                    write_error.get_or_insert(e);
                }
            }
            eprintln!(
                "{label}generation {:>2}: tolerance {:>10}, acceptance {:>6.3}, ESS {:>7.1}, {} replays ({:.1} s)",
                g.index,
                g.tolerance.map_or_else(|| "prior".to_owned(), |t| format!("{t:.4}")),
                g.acceptance_rate,
                g.ess,
                g.simulations,
                started.elapsed().as_secs_f64()
            );
        })
    });
    if let Some(e) = write_error {
        return Err(bad(format!("cannot write the checkpoint in {}: {e}", dir.display())));
    }
    let calibrated = match calibrated {
        Err(e @ calibrate::CalibrationError::Incomplete(_)) => return Err(anyhow::anyhow!("{label}{e}")),
        other => other,
    };
    let calibrated = calibrated.map_err(|e| anyhow::anyhow!("{e}"))?;
    if !writes {
        eprintln!(
            "{label}the calibration stopped ({:?}); shard 1 writes the results in {}",
            calibrated.stop,
            dir.display()
        );
        return Ok(());
    }
    let checkpoint = output::read_checkpoint(dir).map_err(|e| anyhow::anyhow!(e))?;
    let Some(checkpoint) = checkpoint else {
        return Err(anyhow::anyhow!("no generation was made: {:?}", calibrated.stop));
    };
    let last = &checkpoint.last;
    let marginals = problem.marginals(last);
    let predictions = pool
        .install(|| problem.predict(last, spec.calibration.predictive_runs, spec.calibration.seed))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let loaded = lab::Loaded::load(&spec.calibration.scenario).map_err(|e| bad(e.0))?;
    let provenance = lab::Provenance::current(&loaded);
    let report = output::Report {
        spec: &spec,
        provenance: &provenance,
        statistics: problem.statistics(),
        generations: &checkpoint.history,
        stop: &calibrated.stop,
        marginals: &marginals,
        predictions: &predictions,
    };
    write(dir, "generations.csv", &output::generations_csv(&checkpoint.history))?;
    write(dir, "posterior.csv", &output::posterior_csv(&problem, last))?;
    write(dir, "prediction.csv", &output::prediction_csv(&predictions))?;
    write(dir, "calibration.json", &lab::document::render("calibration", &report))?;
    print!("{}", table(&spec, &calibrated.stop, &checkpoint.history, &marginals, &predictions));
    eprintln!("wrote {} ({:.1} s)", dir.display(), started.elapsed().as_secs_f64());
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) -> anyhow::Result<()> {
    output::write_atomic(dir, name, text).map_err(|e| bad(format!("cannot write {}: {e}", dir.join(name).display())))
}

/// The summary printed at the end: diagnostics, marginals, and the patterns at the defaults and
/// under the posterior.
fn table(
    spec: &calibrate::Spec,
    stop: &stats::calibration::StopReason,
    history: &[GenerationSummary],
    marginals: &[calibrate::Marginal],
    predictions: &[calibrate::Prediction],
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let c = &spec.calibration;
    let _ = writeln!(
        s,
        "Calibration `{}` of {}: {} particles × {} replay(s), training window to {}, seed {}",
        c.name, c.scenario, c.particles, c.replications, c.training_until, c.seed
    );
    let replays: u64 = history.iter().map(|g| g.simulations).sum();
    let _ = writeln!(s, "{} generations, {replays} replays; stopped: {stop:?}", history.len());
    let _ = writeln!(s);
    let _ = writeln!(s, "{:<32} {:>10} {:>10} {:>10} {:>10} {:>10}", "parameter", "default", "mean", "sd", "5%", "95%");
    for m in marginals {
        let _ = writeln!(
            s,
            "{:<32} {:>10.4} {:>10.4} {:>10.4} {:>10.4} {:>10.4}",
            m.name, m.default, m.mean, m.sd, m.quantiles[0], m.quantiles[2]
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Every pattern, {} posterior-predictive replays beside as many at the defaults (median rule of `deterrence validate`):",
        c.predictive_runs
    );
    let _ = writeln!(
        s,
        "{:<30} {:<13} {:>9} {:>10} {:>5} {:>10} {:>5} {:>6} | {:>9} {:>9} {:>9}",
        "pattern", "window", "record", "default", "", "posterior", "", "in 90%", "CRPS def", "CRPS post", "baseline"
    );
    let mark = |pass: bool| if pass { "pass" } else { "MISS" };
    let num = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"));
    let mut counts = [[0u32; 2]; 2];
    for p in predictions {
        let w = usize::from(!p.fitted);
        counts[w][0] += u32::from(p.default.pass);
        counts[w][1] += u32::from(p.posterior.pass);
        let _ = writeln!(
            s,
            "{:<30} {:<13} {:>9.4} {:>10.4} {:>5} {:>10.4} {:>5} {:>6} | {:>9} {:>9} {:>9}",
            p.posterior.name,
            if p.fitted { "fitted" } else { "out-of-sample" },
            p.posterior.record,
            p.default.median,
            mark(p.default.pass),
            p.posterior.median,
            mark(p.posterior.pass),
            if p.covered { "yes" } else { "no" },
            num(p.crps_default),
            num(p.crps_posterior),
            num(p.crps_baseline)
        );
    }
    let n = |fitted: bool| predictions.iter().filter(|p| p.fitted == fitted).count();
    let out: Vec<&calibrate::Prediction> = predictions.iter().filter(|p| !p.fitted).collect();
    let covered = out.iter().filter(|p| p.covered).count();
    let with_baseline: Vec<&&calibrate::Prediction> = out.iter().filter(|p| p.crps_baseline.is_some()).collect();
    let beats =
        with_baseline.iter().filter(|p| p.crps_posterior.zip(p.crps_baseline).is_some_and(|(m, b)| m < b)).count();
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "fitted patterns: {} of {} pass at the defaults, {} under the posterior",
        counts[0][0],
        n(true),
        counts[0][1]
    );
    let _ = writeln!(
        s,
        "out-of-sample patterns: {} of {} pass at the defaults, {} under the posterior",
        counts[1][0],
        n(false),
        counts[1][1]
    );
    let _ = writeln!(
        s,
        "out of sample: the record lies in the posterior's 90 % interval for {covered} of {} patterns; the posterior beats the baseline (lower CRPS) on {beats} of the {} patterns that have one",
        out.len(),
        with_baseline.len()
    );
    let _ = writeln!(
        s,
        "CRPS: continuous ranked probability score against the record, in the pattern's units (lower is better); a year never reached counts as {}. Baseline: the armed states at the end of the training window plus a constant-rate Poisson process of acquisitions fitted on it, or the arsenal at its end (persistence).",
        calibrate::NEVER_YEAR
    );
    s
}
