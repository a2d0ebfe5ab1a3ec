//! The ensemble executor: every caller that runs the model more than once — experiments, the
//! replay validation, the paradox experiment, the explorer, report regeneration — goes through
//! [`Executor::run`].
//!
//! A job is a prepared starting world and a run index; run `i` draws from stream `(seed, i)`
//! (`engine::run::run_rng`), so results never depend on thread count, shard or order. Jobs are
//! spread over the current rayon pool, one task per run, and results come back in job order.
//! An observer hears progress; a cancellation flag stops the ensemble between runs (in the
//! spirit of argmin's executor with observers).

use engine::{RunOutput, Template};
use rayon::prelude::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// One run: a starting world and a run index.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// The starting world.
    pub template: &'a Template,
    /// The run index (the run's random stream).
    pub run: u64,
}

/// The ensemble was cancelled before every run finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled after {done} of {total} runs")]
pub struct Cancelled {
    /// Runs finished before the ensemble stopped.
    pub done: u64,
    /// Runs asked for.
    pub total: u64,
}

/// Progress callback: `(runs done, runs in all)`, with counts that only increase.
pub type Observer<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Runs ensembles (see the module documentation).
#[derive(Clone, Copy)]
pub struct Executor<'a> {
    seed: u64,
    observer: Option<Observer<'a>>,
    every: Option<u64>,
    cancel: Option<&'a AtomicBool>,
    keep: engine::Keep,
}

impl<'a> Executor<'a> {
    /// An executor drawing every run from master seed `seed`.
    pub fn new(seed: u64) -> Executor<'a> {
        Executor { seed, observer: None, every: None, cancel: None, keep: engine::Keep::ALL }
    }

    /// Calls `observer(done, total)` every [`Executor::every`] finished runs (default: every
    /// `max(1, total / 50)`) and once all are done.
    pub fn observe(mut self, observer: Observer<'a>) -> Executor<'a> {
        self.observer = Some(observer);
        self
    }

    /// Reports progress every `runs` finished runs.
    pub fn every(mut self, runs: u64) -> Executor<'a> {
        self.every = Some(runs.max(1));
        self
    }

    /// Keeps only these records of each run (default: every record). Experiments and the
    /// replay validation need year records only; the runs themselves are the same.
    pub fn keep(mut self, keep: engine::Keep) -> Executor<'a> {
        self.keep = keep;
        self
    }

    /// Stops the ensemble (between runs) once `flag` is set.
    pub fn cancel_on(mut self, flag: &'a AtomicBool) -> Executor<'a> {
        self.cancel = Some(flag);
        self
    }

    /// The master seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Runs every job and maps each output with `per_run(job index, output)`, results in job order.
    pub fn run<T, F>(&self, jobs: &[Job<'_>], per_run: F) -> Result<Vec<T>, Cancelled>
    where
        T: Send,
        F: Fn(usize, RunOutput) -> T + Sync,
    {
        let keep = self.keep;
        self.run_with(jobs, |k, job| per_run(k, job.template.run_keeping(self.seed, job.run, keep)))
    }

    /// Runs every job through `per_job(job index, job)`, which runs the job itself from this
    /// executor's seed ([`Executor::seed`]) — e.g. with an observer
    /// ([`crate::series::Recorder::run`]) — with the progress, cancellation and result order of
    /// [`Executor::run`].
    pub fn run_with<T, F>(&self, jobs: &[Job<'_>], per_job: F) -> Result<Vec<T>, Cancelled>
    where
        T: Send,
        F: Fn(usize, &Job<'_>) -> T + Sync,
    {
        let total = jobs.len() as u64;
        let every = self.every.unwrap_or((total / 50).max(1));
        let done = Mutex::new(0u64);
        let finished = || {
            if let Some(observe) = self.observer {
                // Counted and reported under the lock, so reported counts only increase.
                let mut d = done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                *d += 1;
                if (*d).is_multiple_of(every) || *d == total {
                    observe(*d, total);
                }
            }
        };
        let cancelled = || self.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
        let results: Vec<Option<T>> = jobs
            .par_iter()
            .enumerate()
            .map(|(k, job)| {
                if cancelled() {
                    return None;
                }
                let out = per_job(k, job);
                finished();
                Some(out)
            })
            .collect();
        let finished_runs = results.iter().filter(|r| r.is_some()).count() as u64;
        if finished_runs < total {
            return Err(Cancelled { done: finished_runs, total });
        }
        Ok(results.into_iter().flatten().collect())
    }

    /// Runs indices `runs` of one starting world, mapping each output with
    /// `per_run(run index, output)`, results in run order.
    pub fn ensemble<T, F>(
        &self,
        template: &Template,
        runs: std::ops::Range<u64>,
        per_run: F,
    ) -> Result<Vec<T>, Cancelled>
    where
        T: Send,
        F: Fn(u64, RunOutput) -> T + Sync,
    {
        let jobs: Vec<Job<'_>> = runs.map(|run| Job { template, run }).collect();
        self.run(&jobs, |k, out| per_run(jobs[k].run, out))
    }
}
