//! `deterrence slurm`: an experiment as a Slurm job array and a merge job after it.
//!
//! Writes `DIR/slurm/array.sbatch` (one array task per shard: `deterrence experiment SPEC
//! --out DIR --shard $SLURM_ARRAY_TASK_ID/N --threads $SLURM_CPUS_PER_TASK --resume`, each
//! task writing `DIR/shard-K-of-N/`, requeueable, one log per task in `DIR/slurm/logs/`) and
//! `DIR/slurm/merge.sbatch` (`deterrence merge DIR --out DIR`), then prints the `sbatch`
//! commands that submit them (the merge with `--dependency=afterok:<array job>`), or runs
//! them with `--submit`.

use crate::args::SlurmArgs;
use crate::input::bad;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the scripts need to know.
#[derive(Debug, Clone)]
pub struct Job {
    /// The experiment's name (the job name).
    pub name: String,
    /// The `deterrence` binary the jobs run.
    pub bin: PathBuf,
    /// The spec (absolute).
    pub spec: PathBuf,
    /// The experiment directory (absolute).
    pub out: PathBuf,
    /// Array tasks.
    pub tasks: usize,
    /// CPUs per task.
    pub cpus: usize,
    /// Partition, time limit and memory, when given.
    pub partition: Option<String>,
    /// Time limit.
    pub time: Option<String>,
    /// Memory per task.
    pub mem: Option<String>,
    /// Design points per checkpoint.
    pub chunk: usize,
    /// Lines run before the command.
    pub setup: Vec<String>,
    /// Design points and runs (for the scripts' header comment).
    pub points: usize,
    /// All runs of the experiment.
    pub runs: u64,
}

/// Quotes `text` for a POSIX shell.
fn quote(text: &str) -> String {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-+=:,@".contains(&b)) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn path(p: &Path) -> String {
    quote(&p.to_string_lossy())
}

/// The `#SBATCH` lines the array and the merge job share.
fn common_lines(job: &Job) -> String {
    let mut s = String::new();
    for (flag, value) in [("partition", &job.partition), ("time", &job.time), ("mem", &job.mem)] {
        if let Some(v) = value {
            s += &format!("#SBATCH --{flag}={v}\n");
        }
    }
    s
}

fn setup_lines(job: &Job) -> String {
    job.setup.iter().map(|l| format!("{l}\n")).collect()
}

/// The array script: one task per shard.
pub fn array_script(job: &Job) -> String {
    let logs = job.out.join("slurm").join("logs");
    format!(
        "#!/bin/bash
# Written by `deterrence slurm`: experiment `{name}` ({points} design points, {runs} runs) as
# {n} array tasks, one shard each. Task K writes {out}/shard-K-of-{n}/; a requeued or
# resubmitted task continues from its last checkpoint (--resume).
#SBATCH --job-name={job_name}
#SBATCH --array=1-{n}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task={cpus}
#SBATCH --requeue
#SBATCH --open-mode=append
#SBATCH --output={logs}/task-%a.log
{common}set -euo pipefail
{setup}exec {bin} experiment {spec} --out {out_q} --shard \"${{SLURM_ARRAY_TASK_ID}}/{n}\" \\
    --threads \"${{SLURM_CPUS_PER_TASK:-{cpus}}}\" --chunk {chunk} --resume
",
        name = job.name,
        points = job.points,
        runs = job.runs,
        n = job.tasks,
        out = job.out.display(),
        job_name = slurm_name(&job.name),
        cpus = job.cpus,
        chunk = job.chunk,
        logs = logs.display(),
        common = common_lines(job),
        setup = setup_lines(job),
        bin = path(&job.bin),
        spec = path(&job.spec),
        out_q = path(&job.out),
    )
}

/// The merge script: joins the shards into the experiment directory.
pub fn merge_script(job: &Job) -> String {
    let logs = job.out.join("slurm").join("logs");
    format!(
        "#!/bin/bash
# Written by `deterrence slurm`: merges the {n} shards of experiment `{name}` into
# {out} (the bytes an unsharded run writes). Submit it with --dependency=afterok:<array job>;
# it refuses missing or incomplete shards, naming them.
#SBATCH --job-name={job_name}-merge
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --kill-on-invalid-dep=yes
#SBATCH --open-mode=append
#SBATCH --output={logs}/merge.log
{common}set -euo pipefail
{setup}exec {bin} merge {out_q} --out {out_q}
",
        n = job.tasks,
        name = job.name,
        out = job.out.display(),
        job_name = slurm_name(&job.name),
        logs = logs.display(),
        common = common_lines(job),
        setup = setup_lines(job),
        bin = path(&job.bin),
        out_q = path(&job.out),
    )
}

/// A job name Slurm accepts on an `#SBATCH` line (no spaces).
fn slurm_name(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect()
}

/// The shell commands that submit the two scripts.
pub fn submit_commands(array: &Path, merge: &Path) -> String {
    format!(
        "array=$(sbatch --parsable {})\nsbatch --parsable --dependency=afterok:${{array%%;*}} {}\n",
        path(array),
        path(merge)
    )
}

/// Runs `sbatch --parsable ARGS` and returns the job id it prints (without a `;cluster` tail).
fn sbatch(args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("sbatch").arg("--parsable").args(args).output().map_err(|e| {
        anyhow::anyhow!("cannot run sbatch ({e}); run `deterrence slurm` without --submit and submit the printed commands on a machine with Slurm")
    })?;
    if !out.status.success() {
        anyhow::bail!("sbatch {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let id = text.trim().split(';').next().unwrap_or_default().to_owned();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!("sbatch printed `{}`, not a job id", text.trim());
    }
    Ok(id)
}

/// `deterrence slurm`.
pub fn run(args: SlurmArgs) -> anyhow::Result<()> {
    if args.tasks == 0 || args.cpus == 0 || args.chunk == Some(0) {
        return Err(bad("--tasks, --cpus and --chunk must be at least 1"));
    }
    let (spec, loaded) = crate::experiment::read_spec(&args.spec)?;
    let expanded = experiment::workflow::expand(&spec, &loaded.scenario).map_err(|e| bad(e.to_string()))?;
    let plan = experiment::design::plan(&expanded).map_err(|e| bad(e.to_string()))?;
    let points = plan.points.len();
    if args.tasks > points {
        return Err(bad(format!(
            "--tasks {} is more than the experiment's {points} design points: a shard is a set of whole points; use at most {points} tasks",
            args.tasks
        )));
    }
    let absolute = |p: &Path| std::path::absolute(p).map_err(|e| bad(format!("{}: {e}", p.display())));
    let out = absolute(&args.out)?;
    let text = out.to_string_lossy();
    if text.chars().any(|c| c.is_whitespace() || c == '%') {
        return Err(bad(format!(
            "--out {text}: Slurm's #SBATCH --output lines cannot hold spaces or %; choose another directory"
        )));
    }
    let job = Job {
        name: spec.experiment.name.clone(),
        bin: std::env::current_exe()?,
        spec: absolute(&args.spec)?,
        out: out.clone(),
        tasks: args.tasks,
        cpus: args.cpus,
        partition: args.partition,
        time: args.time,
        mem: args.mem,
        chunk: args.chunk.unwrap_or_else(|| experiment::default_chunk(spec.experiment.replications)),
        setup: args.setup,
        points,
        runs: points as u64 * u64::from(spec.experiment.replications),
    };
    let dir = out.join("slurm");
    std::fs::create_dir_all(dir.join("logs"))?;
    let (array, merge) = (dir.join("array.sbatch"), dir.join("merge.sbatch"));
    std::fs::write(&array, array_script(&job))?;
    std::fs::write(&merge, merge_script(&job))?;
    let per_task = points.div_ceil(args.tasks) as u64 * u64::from(spec.experiment.replications);
    println!(
        "experiment `{}`: {points} design points, {} runs; {} array tasks of at most {per_task} runs on {} CPU{} each",
        job.name,
        job.runs,
        job.tasks,
        job.cpus,
        if job.cpus == 1 { "" } else { "s" }
    );
    println!("wrote {} and {} (logs in {})", array.display(), merge.display(), dir.join("logs").display());
    if !args.submit {
        print!("submit with:\n{}", submit_commands(&array, &merge));
        return Ok(());
    }
    let array_id = sbatch(&[&array.to_string_lossy()])?;
    let merge_id = sbatch(&[&format!("--dependency=afterok:{array_id}"), &merge.to_string_lossy()])?;
    println!("array job: {array_id}");
    println!("merge job: {merge_id}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_plain_paths_and_quotes_the_rest() {
        assert_eq!(quote("/a/b-c_d.toml"), "/a/b-c_d.toml");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(slurm_name("lens cases/1"), "lens_cases_1");
    }
}
