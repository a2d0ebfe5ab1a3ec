//! The on-disk format of an experiment: a manifest, results as CSV and JSON Lines (one pair of
//! files per shard), the recorded series when the spec asks for them (`years.csv`,
//! `states.csv`), and a checkpoint that makes an interrupted run resumable.
//!
//! After each chunk of runs (which may end inside a point's replications) the results (and
//! series) are appended and synced, then `progress*.json` is replaced atomically with the
//! number of runs (and whole points) done and the files' lengths. Resuming truncates the files
//! to those lengths (dropping anything written after the last checkpoint, e.g. by a `kill -9`)
//! and continues with the next run, so the final files are byte for byte those of an
//! uninterrupted run. `merge` joins shard files in run order into
//! the files an unsharded run writes.

use crate::design::Plan;
use crate::rows::{Problems, RowCheck, results_header};
use crate::runner::RunRecord;
use crate::spec::Spec;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file operation failed.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// The error (kept out of the error chain so it is printed once).
        error: std::io::Error,
    },
    /// The directory's contents do not fit the request.
    #[error("{0}")]
    Invalid(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |error| StoreError::Io { path: path.display().to_string(), error }
}

/// Checkpoint of a (shard of an) experiment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Points of this shard whose every replication is written.
    pub points_done: usize,
    /// Runs of this shard written, in the shard's order (its points' replications in turn);
    /// absent from checkpoints written before chunks could split a point, whose runs done are
    /// `points_done` × replications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs_done: Option<u64>,
    /// Length of the CSV file at the checkpoint.
    pub csv_bytes: u64,
    /// Length of the JSON Lines file at the checkpoint.
    pub jsonl_bytes: u64,
    /// All points done.
    pub complete: bool,
    /// Length of the year-series file at the checkpoint (when the spec records year series;
    /// absent from checkpoints written without them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_bytes: Option<u64>,
    /// Length of the state-series file at the checkpoint (when the spec records state series).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states_bytes: Option<u64>,
}

impl Progress {
    /// The checkpointed length of a series file.
    pub fn series_bytes(&self, series: Series) -> Option<u64> {
        match series {
            Series::Years => self.years_bytes,
            Series::States => self.states_bytes,
        }
    }

    fn series_bytes_mut(&mut self, series: Series) -> &mut Option<u64> {
        match series {
            Series::Years => &mut self.years_bytes,
            Series::States => &mut self.states_bytes,
        }
    }
}

/// The recorded-series files of an experiment (`[record]` in the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// `years.csv`: one row per run and year, the chosen year series.
    Years,
    /// `states.csv`: one row per run, year and state, the chosen state variables.
    States,
}

impl Series {
    /// Both, in the order files are written.
    pub const ALL: [Series; 2] = [Series::Years, Series::States];

    /// The file name of a shard (`None`: the whole experiment).
    pub fn file_name(self, shard: Option<(usize, usize)>) -> String {
        let stem = match self {
            Series::Years => "years",
            Series::States => "states",
        };
        match shard {
            None => format!("{stem}.csv"),
            Some((k, n)) => format!("{stem}-shard-{k}-of-{n}.csv"),
        }
    }
}

/// The headers of a shard's files: results, and each series file the spec records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    /// `results.csv`.
    pub results: Vec<String>,
    /// `years.csv`, when year series are recorded.
    pub years: Option<Vec<String>>,
    /// `states.csv`, when state series are recorded.
    pub states: Option<Vec<String>>,
}

impl Headers {
    /// The headers of `spec`'s files under `plan`.
    pub fn new(spec: &Spec, plan: &Plan) -> Headers {
        let r = &spec.record;
        Headers {
            results: csv_header(plan, &spec.experiment.outcomes),
            years: (!r.years.is_empty()).then(|| series_header(Series::Years, &r.years)),
            states: (!r.states.is_empty()).then(|| series_header(Series::States, &r.states)),
        }
    }

    /// The header of a series file, when it is recorded.
    pub fn series(&self, series: Series) -> Option<&[String]> {
        match series {
            Series::Years => self.years.as_deref(),
            Series::States => self.states.as_deref(),
        }
    }
}

/// The CSV header of a series file: `point, replication, run, year` (and `iso3` for states),
/// then the recorded names.
pub fn series_header(series: Series, names: &[String]) -> Vec<String> {
    let mut h: Vec<String> = ["point", "replication", "run", "year"].map(String::from).to_vec();
    if series == Series::States {
        h.push("iso3".into());
    }
    h.extend(names.iter().cloned());
    h
}

/// CSV rows (no header) of the records' series: one per run and year (`years`), or per run,
/// year and state (`states`), runs in the records' order.
pub fn series_rows(series: Series, records: &[RunRecord]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for r in records {
        let key = [r.point.to_string(), r.replication.to_string(), r.run.to_string()];
        match series {
            Series::Years => {
                for y in &r.series.years {
                    let mut row: Vec<String> = key.to_vec();
                    row.push(y.year.to_string());
                    row.extend(y.values.iter().map(|&x| num(x)));
                    let _ = w.write_record(&row);
                }
            }
            Series::States => {
                for s in &r.series.states {
                    let mut row: Vec<String> = key.to_vec();
                    row.push(s.year.to_string());
                    row.push(s.iso3.clone());
                    row.extend(s.values.iter().map(ToString::to_string));
                    let _ = w.write_record(&row);
                }
            }
        }
    }
    w.into_inner().unwrap_or_default()
}

/// File names of a shard (`None`: the whole experiment).
pub fn file_names(shard: Option<(usize, usize)>) -> (String, String, String) {
    match shard {
        None => ("results.csv".into(), "results.jsonl".into(), "progress.json".into()),
        Some((k, n)) => (
            format!("results-shard-{k}-of-{n}.csv"),
            format!("results-shard-{k}-of-{n}.jsonl"),
            format!("progress-shard-{k}-of-{n}.json"),
        ),
    }
}

/// Removes the files a run of `shard` writes into `dir` — its results, progress, recorded series
/// and, for the whole experiment, the manifest, summary and analysis — so that a run asked to
/// replace earlier results (`--force` without `--resume`) starts afresh. Other files are left;
/// a file that is not there is no error.
pub fn clear_results(dir: &Path, shard: Option<(usize, usize)>) -> Result<(), StoreError> {
    let (csv, jsonl, progress) = file_names(shard);
    let mut names = vec![csv, jsonl, progress];
    names.extend(Series::ALL.iter().map(|s| s.file_name(shard)));
    if shard.is_none() {
        names.extend(["manifest.json", "summary.csv", "analysis.json"].map(String::from));
    }
    for name in names {
        let path = dir.join(&name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(StoreError::Io { path: path.display().to_string(), error }),
        }
    }
    Ok(())
}

/// The CSV header of a plan's results.
pub fn csv_header(plan: &Plan, outcomes: &[String]) -> Vec<String> {
    results_header(plan, outcomes)
}

fn num(x: f64) -> String {
    if x.is_nan() { String::new() } else { x.to_string() }
}

/// CSV rows (no header) of records.
pub fn csv_rows(records: &[RunRecord]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for r in records {
        let mut row: Vec<String> =
            vec![r.point.to_string(), r.case.clone().unwrap_or_default(), r.replication.to_string(), r.run.to_string()];
        row.extend(r.values.iter().map(|v| v.as_ref().map_or(String::new(), |v| v.to_string())));
        row.extend(r.outcomes.iter().map(|&x| num(x)));
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// JSON Lines of records (NaN outcomes as null).
pub fn jsonl_rows(records: &[RunRecord]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let _ = serde_json::to_writer(&mut out, r);
        out.push(b'\n');
    }
    out
}

fn header_bytes(header: &[String]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    w.into_inner().unwrap_or_default()
}

/// An open results store for one shard, positioned after the last checkpoint.
pub struct Writer {
    dir: PathBuf,
    csv: File,
    jsonl: File,
    /// The open series files, in [`Series::ALL`] order (none when not recorded).
    series: Vec<(Series, File)>,
    progress_name: String,
    /// The checkpoint the store is at.
    pub progress: Progress,
}

impl Writer {
    /// Opens (or, with `resume`, reopens) the shard's files in `dir`, for the shard `runs`
    /// describes. Without `resume` the files must not exist yet. A
    /// checkpoint whose runs done do not fit the shard is refused, naming the file and field;
    /// one written before checkpoints counted runs is read as whole points.
    pub fn open(
        dir: &Path,
        shard: Option<(usize, usize)>,
        headers: &Headers,
        resume: bool,
        runs: ShardRuns,
    ) -> Result<Writer, StoreError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let (csv_name, jsonl_name, progress_name) = file_names(shard);
        let (csv_path, jsonl_path, progress_path) =
            (dir.join(&csv_name), dir.join(&jsonl_name), dir.join(&progress_name));
        let progress: Option<Progress> = if progress_path.exists() {
            let text = std::fs::read_to_string(&progress_path).map_err(io(&progress_path))?;
            Some(
                serde_json::from_str(&text)
                    .map_err(|e| StoreError::Invalid(format!("{}: {e}", progress_path.display())))?,
            )
        } else {
            None
        };
        if !resume && (progress.is_some() || csv_path.exists()) {
            return Err(StoreError::Invalid(format!(
                "{} already holds results; pass --resume to continue them, or choose another --out",
                dir.display()
            )));
        }
        let progress = match progress {
            Some(p) => {
                let done =
                    runs.resolve(&p).map_err(|e| StoreError::Invalid(format!("{}: {e}", progress_path.display())))?;
                Some(Progress { runs_done: Some(done), ..p })
            }
            None => None,
        };
        let open =
            |p: &Path| OpenOptions::new().create(true).read(true).write(true).truncate(false).open(p).map_err(io(p));
        let mut csv = open(&csv_path)?;
        let mut jsonl = open(&jsonl_path)?;
        let mut series = Vec::new();
        let progress = match progress {
            Some(p) => {
                // Drop whatever was written after the last checkpoint.
                csv.set_len(p.csv_bytes).map_err(io(&csv_path))?;
                jsonl.set_len(p.jsonl_bytes).map_err(io(&jsonl_path))?;
                for kind in Series::ALL.into_iter().filter(|&k| headers.series(k).is_some()) {
                    let path = dir.join(kind.file_name(shard));
                    let bytes = p.series_bytes(kind).ok_or_else(|| {
                        StoreError::Invalid(format!(
                            "{}: the checkpoint has no length for {}; it was written by an experiment that did not record it: start afresh in another directory",
                            progress_path.display(),
                            path.display()
                        ))
                    })?;
                    let mut file = open(&path)?;
                    file.set_len(bytes).map_err(io(&path))?;
                    file.seek(std::io::SeekFrom::End(0)).map_err(io(&path))?;
                    series.push((kind, file));
                }
                p
            }
            None => {
                csv.set_len(0).map_err(io(&csv_path))?;
                jsonl.set_len(0).map_err(io(&jsonl_path))?;
                let bytes = header_bytes(&headers.results);
                csv.write_all(&bytes).map_err(io(&csv_path))?;
                let mut p = Progress { csv_bytes: bytes.len() as u64, runs_done: Some(0), ..Progress::default() };
                for kind in Series::ALL {
                    let Some(header) = headers.series(kind) else { continue };
                    let path = dir.join(kind.file_name(shard));
                    let mut file = open(&path)?;
                    file.set_len(0).map_err(io(&path))?;
                    let bytes = header_bytes(header);
                    file.write_all(&bytes).map_err(io(&path))?;
                    *p.series_bytes_mut(kind) = Some(bytes.len() as u64);
                    series.push((kind, file));
                }
                p
            }
        };
        csv.seek(std::io::SeekFrom::End(0)).map_err(io(&csv_path))?;
        jsonl.seek(std::io::SeekFrom::End(0)).map_err(io(&jsonl_path))?;
        let mut w = Writer { dir: dir.to_owned(), csv, jsonl, series, progress_name, progress };
        w.checkpoint()?;
        Ok(w)
    }

    /// Appends the records (results and series) of the next runs of the shard, in order, with
    /// `replications` runs per point, and checkpoints.
    pub fn append(&mut self, records: &[RunRecord], replications: u32) -> Result<(), StoreError> {
        let (c, j) = (csv_rows(records), jsonl_rows(records));
        let dir = self.dir.clone();
        self.csv.write_all(&c).map_err(io(&dir))?;
        self.jsonl.write_all(&j).map_err(io(&dir))?;
        let mut series_lengths = Vec::with_capacity(self.series.len());
        for (kind, file) in &mut self.series {
            let rows = series_rows(*kind, records);
            file.write_all(&rows).map_err(io(&dir))?;
            series_lengths.push((*kind, rows.len() as u64));
        }
        self.csv.sync_data().map_err(io(&dir))?;
        self.jsonl.sync_data().map_err(io(&dir))?;
        for (_, file) in &self.series {
            file.sync_data().map_err(io(&dir))?;
        }
        let runs = self.runs_done() + records.len() as u64;
        self.progress.runs_done = Some(runs);
        self.progress.points_done = usize::try_from(runs / u64::from(replications.max(1))).unwrap_or(usize::MAX);
        self.progress.csv_bytes += c.len() as u64;
        self.progress.jsonl_bytes += j.len() as u64;
        for (kind, added) in series_lengths {
            let bytes = self.progress.series_bytes_mut(kind);
            *bytes = Some(bytes.unwrap_or(0) + added);
        }
        self.checkpoint()
    }

    /// Runs of the shard written at the checkpoint the store is at.
    pub fn runs_done(&self) -> u64 {
        self.progress.runs_done.unwrap_or(0)
    }

    /// Marks the shard complete.
    pub fn finish(&mut self) -> Result<(), StoreError> {
        self.progress.complete = true;
        self.checkpoint()
    }

    fn checkpoint(&mut self) -> Result<(), StoreError> {
        let path = self.dir.join(&self.progress_name);
        let tmp = self.dir.join(format!(".{}.tmp", self.progress_name));
        let text = serde_json::to_string_pretty(&self.progress).unwrap_or_default();
        std::fs::write(&tmp, text).map_err(io(&tmp))?;
        File::open(&tmp).and_then(|f| f.sync_all()).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
        Ok(())
    }
}

/// The runs of a shard, against which a checkpoint is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRuns {
    /// Runs per design point.
    pub replications: u32,
    /// Runs of the shard (its points × replications).
    pub total: u64,
}

impl ShardRuns {
    /// The runs done at checkpoint `p`: its `runs_done`, or, in a checkpoint written before
    /// checkpoints counted runs, `points_done` × replications. A count beyond the shard's runs,
    /// or runs done that disagree with the whole points done, is an error naming the field.
    pub fn resolve(&self, p: &Progress) -> Result<u64, String> {
        let reps = u64::from(self.replications);
        let points = p.points_done as u64;
        let done = match p.runs_done {
            Some(runs) => {
                if reps > 0 && runs / reps != points {
                    return Err(format!(
                        "field `runs_done`: {runs} runs at {reps} replications per point make {} whole points, but field `points_done` says {points}",
                        runs / reps
                    ));
                }
                runs
            }
            None => points.checked_mul(reps).ok_or_else(|| format!("field `points_done`: {points} is too large"))?,
        };
        if done > self.total {
            let field = if p.runs_done.is_some() { "runs_done" } else { "points_done" };
            return Err(format!(
                "field `{field}`: {done} runs done, but the shard has {} runs: the checkpoint belongs to another experiment",
                self.total
            ));
        }
        Ok(done)
    }
}

/// Writes `text` to `dir/name` atomically (temporary file, then rename).
pub fn write_atomic(dir: &Path, name: &str, text: &str) -> Result<(), StoreError> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).map_err(io(&tmp))?;
    std::fs::rename(&tmp, &path).map_err(io(&path))?;
    Ok(())
}

/// The shard directories `dirs` name: each directory that holds shard files itself, and each
/// of its `shard-K-of-N` subdirectories (where the tasks of a job array write), in order.
pub fn shard_dirs(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, StoreError> {
    let mut found = Vec::new();
    for dir in dirs {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(io(dir))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        if names.iter().any(|n| n.starts_with("results-shard-") || n.starts_with("progress-shard-")) {
            found.push(dir.clone());
        }
        let mut subdirs: Vec<((usize, usize), PathBuf)> = names
            .iter()
            .filter_map(|n| crate::cluster::parse_shard_dir_name(n).map(|s| (s, dir.join(n))))
            .filter(|(_, p)| p.is_dir())
            .collect();
        subdirs.sort();
        found.extend(subdirs.into_iter().map(|(_, p)| p));
    }
    Ok(found)
}

/// A shard found by [`merge`]: its split, directory and checkpoint.
struct FoundShard {
    k: usize,
    n: usize,
    dir: PathBuf,
    progress: Progress,
}

/// Finds the shards in `dirs` ([`shard_dirs`]) and checks that they are one complete split:
/// every shard of the same `N`, each once, each complete. Every problem is reported at once,
/// naming the missing shards and the incomplete ones with their directories.
fn complete_shards(dirs: &[PathBuf]) -> Result<Vec<FoundShard>, StoreError> {
    let mut shards: Vec<FoundShard> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for dir in shard_dirs(dirs)? {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(io(&dir))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names.iter().filter(|n| n.starts_with("progress-shard-") && n.ends_with(".json")) {
            let tag = &name["progress-shard-".len()..name.len() - ".json".len()];
            let (k, n) = tag
                .split_once("-of-")
                .and_then(|(k, n)| Some((k.parse::<usize>().ok()?, n.parse::<usize>().ok()?)))
                .ok_or_else(|| {
                    StoreError::Invalid(format!("{}: unexpected shard file name", dir.join(name).display()))
                })?;
            let progress_path = dir.join(name);
            let Some(progress) =
                std::fs::read_to_string(&progress_path).ok().and_then(|t| serde_json::from_str::<Progress>(&t).ok())
            else {
                problems.push(format!("shard {k} of {n}: unreadable checkpoint {}", progress_path.display()));
                continue;
            };
            if !progress.complete {
                let runs = progress.runs_done.map(|r| format!(", {r} runs")).unwrap_or_default();
                problems.push(format!(
                    "shard {k} of {n} in {} is incomplete ({} design points{runs} done): resume it with --resume",
                    dir.display(),
                    progress.points_done
                ));
            }
            if let Some(other) = shards.iter().find(|s| (s.k, s.n) == (k, n)) {
                problems.push(format!(
                    "shard {k} of {n} appears twice, in {} and {}",
                    other.dir.display(),
                    dir.display()
                ));
                continue;
            }
            shards.push(FoundShard { k, n, dir: dir.clone(), progress });
        }
    }
    let splits: std::collections::BTreeSet<usize> = shards.iter().map(|s| s.n).collect();
    if splits.len() > 1 {
        let list: Vec<String> = splits.iter().map(ToString::to_string).collect();
        problems.push(format!("shards of different splits ({}) cannot be merged", list.join(", ")));
    }
    let places: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    match splits.first() {
        None => problems.push(format!("no shards found in {}", places.join(", "))),
        Some(&n) if splits.len() == 1 => {
            let missing: Vec<String> =
                (1..=n).filter(|k| !shards.iter().any(|s| s.k == *k)).map(|k| k.to_string()).collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "found {} of {n} shards; missing shard{} {} of {n} (neither in {} nor in a shard-K-of-{n} subdirectory): run {} first",
                    shards.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", "),
                    places.join(", "),
                    if missing.len() == 1 { "it" } else { "them" }
                ));
            }
        }
        Some(_) => {}
    }
    if !problems.is_empty() {
        return Err(StoreError::Invalid(format!("cannot merge: {}", problems.join("; "))));
    }
    shards.sort_by_key(|s| s.k);
    Ok(shards)
}

/// Joins the complete shards found in `dirs` ([`shard_dirs`]: the directories themselves or
/// their `shard-K-of-N` subdirectories) into `out`'s `results.csv` and `results.jsonl`, and
/// the series files (`years.csv`, `states.csv`) when the shards recorded them, in run order —
/// the bytes an unsharded run writes. Every file is streamed (each shard holds its runs in
/// increasing order), so memory does not grow with the number of runs. Missing or incomplete
/// shards are refused, each named; so is a row of a shard's results that the experiment's
/// design could not have written (`check`, built from the shards' manifest: every problem
/// located, nothing written). Returns the number of runs.
pub fn merge(dirs: &[PathBuf], out: &Path, check: &RowCheck) -> Result<usize, StoreError> {
    let shards = complete_shards(dirs)?;
    let file = |s: &FoundShard, ext: &str| s.dir.join(format!("results-shard-{}-of-{}.{ext}", s.k, s.n));
    let csvs: Vec<PathBuf> = shards.iter().map(|s| file(s, "csv")).collect();
    let jsonls: Vec<PathBuf> = shards.iter().map(|s| file(s, "jsonl")).collect();
    let results = merge_csv(&csvs, out, "results.csv", RESULTS_RUN_COLUMN, Some(check))?;
    let jsonl_bytes = merge_jsonl(&jsonls, out, "results.jsonl")?;
    if jsonl_bytes.1 != results.rows {
        return Err(StoreError::Invalid(format!(
            "the shards' results.csv files hold {} runs but their results.jsonl files {}",
            results.rows, jsonl_bytes.1
        )));
    }
    let mut progress = Progress {
        points_done: results.points,
        runs_done: Some(results.rows as u64),
        csv_bytes: results.bytes,
        jsonl_bytes: jsonl_bytes.0,
        complete: true,
        ..Progress::default()
    };
    for kind in Series::ALL {
        let sources: Vec<PathBuf> = shards
            .iter()
            .filter(|s| s.progress.series_bytes(kind).is_some())
            .map(|s| s.dir.join(kind.file_name(Some((s.k, s.n)))))
            .collect();
        if sources.is_empty() {
            continue;
        }
        if sources.len() != shards.len() {
            return Err(StoreError::Invalid(format!(
                "{} of {} shards hold {}: shards of one experiment record the same series",
                sources.len(),
                shards.len(),
                kind.file_name(None)
            )));
        }
        *progress.series_bytes_mut(kind) =
            Some(merge_csv(&sources, out, &kind.file_name(None), SERIES_RUN_COLUMN, None)?.bytes);
    }
    write_atomic(out, "progress.json", &serde_json::to_string_pretty(&progress).unwrap_or_default())?;
    Ok(results.rows)
}

/// The column of the run index in `results*.csv` (`point, case, replication, run, …`).
const RESULTS_RUN_COLUMN: usize = 3;
/// The column of the run index in the series files (`point, replication, run, …`).
const SERIES_RUN_COLUMN: usize = 2;

/// The next row of a CSV file and its run index (in column `run_column`), checking that runs
/// do not go backwards within the file.
fn next_row(
    path: &Path,
    rows: &mut csv::StringRecordsIntoIter<File>,
    run_column: usize,
    last_run: Option<u64>,
) -> Result<Option<(u64, csv::StringRecord)>, StoreError> {
    let Some(row) = rows.next() else { return Ok(None) };
    let row = row.map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display())))?;
    let line = row.position().map_or(0, |p| p.line());
    let run: u64 = row
        .get(run_column)
        .and_then(|r| r.parse().ok())
        .ok_or_else(|| StoreError::Invalid(format!("{}:{line}: bad run index", path.display())))?;
    if last_run.is_some_and(|last| run < last) {
        return Err(StoreError::Invalid(format!("{}:{line}: rows out of run order", path.display())));
    }
    Ok(Some((run, row)))
}

/// What [`merge_csv`] wrote.
struct MergedCsv {
    /// Length of the file.
    bytes: u64,
    /// Data rows.
    rows: usize,
    /// Distinct values of the first column (`point`) in a row of runs.
    points: usize,
}

/// Joins CSV files of the shards into `out/name` in run order, streaming: each shard holds
/// whole runs in increasing run order, so the next rows to write are always those of the shard
/// whose next run is smallest. With `check`, every row is checked against the design first.
fn merge_csv(
    sources: &[PathBuf],
    out: &Path,
    name: &str,
    run_column: usize,
    check: Option<&RowCheck>,
) -> Result<MergedCsv, StoreError> {
    let invalid = |path: &Path, e: csv::Error| StoreError::Invalid(format!("{}: {e}", path.display()));
    let mut header: Option<csv::StringRecord> = None;
    let mut readers = Vec::with_capacity(sources.len());
    let mut heads = Vec::with_capacity(sources.len());
    for path in sources {
        let mut reader = csv::Reader::from_path(path).map_err(|e| invalid(path, e))?;
        let h = reader.headers().map_err(|e| invalid(path, e))?.clone();
        if let Some(check) = check
            && h.iter().ne(check.header().iter().map(String::as_str))
        {
            return Err(StoreError::Invalid(format!(
                "{}:1: the header does not match manifest.json (expected {})",
                path.display(),
                check.header().join(",")
            )));
        }
        match &header {
            Some(old) if old != &h => {
                return Err(StoreError::Invalid(format!("{}: header differs from other shards", path.display())));
            }
            _ => header = Some(h),
        }
        let mut rows = reader.into_records();
        heads.push(next_row(path, &mut rows, run_column, None)?);
        readers.push(rows);
    }
    std::fs::create_dir_all(out).map_err(io(out))?;
    let tmp = out.join(format!(".{name}.tmp"));
    let file = File::create(&tmp).map_err(io(&tmp))?;
    let mut w = csv::Writer::from_writer(BufWriter::new(file));
    let write_error = |e: csv::Error| StoreError::Invalid(format!("{}: {e}", tmp.display()));
    if let Some(h) = &header {
        w.write_record(h).map_err(write_error)?;
    }
    let (mut rows, mut points, mut last_point) = (0, 0, None::<String>);
    let mut problems = Problems::default();
    // The shard whose next run is smallest, and that run.
    let smallest = |heads: &[Option<(u64, csv::StringRecord)>]| {
        heads.iter().enumerate().filter_map(|(i, h)| h.as_ref().map(|h| (h.0, i))).min()
    };
    while let Some((run, i)) = smallest(&heads) {
        // Write the whole run from shard i.
        loop {
            match heads[i].take() {
                Some((r, row)) if r == run => {
                    if let Some(check) = check {
                        let mut found = Vec::new();
                        check.check(&row, &mut found);
                        let line = row.position().map_or(0, |p| p.line());
                        problems.add(&sources[i].display().to_string(), line, found);
                    }
                    w.write_record(&row).map_err(write_error)?;
                    rows += 1;
                    let point = row.get(0).unwrap_or_default();
                    if last_point.as_deref() != Some(point) {
                        points += 1;
                        last_point = Some(point.to_owned());
                    }
                    heads[i] = next_row(&sources[i], &mut readers[i], run_column, Some(r))?;
                }
                other => {
                    heads[i] = other;
                    break;
                }
            }
        }
    }
    let file = w
        .into_inner()
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", tmp.display())))?
        .into_inner()
        .map_err(|e| StoreError::Io { path: tmp.display().to_string(), error: e.into_error() })?;
    if !problems.is_empty() {
        drop(file);
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::Invalid(format!("cannot merge:\n{}", problems.message())));
    }
    file.sync_all().map_err(io(&tmp))?;
    let bytes = file.metadata().map_err(io(&tmp))?.len();
    let path = out.join(name);
    std::fs::rename(&tmp, &path).map_err(io(&path))?;
    Ok(MergedCsv { bytes, rows, points })
}

/// The next line of a JSON Lines file and its `run`, checking that runs go forwards.
fn next_line(
    path: &Path,
    lines: &mut std::io::Lines<std::io::BufReader<File>>,
    last_run: Option<u64>,
) -> Result<Option<(u64, String)>, StoreError> {
    #[derive(Deserialize)]
    struct Run {
        run: u64,
    }
    let Some(line) = lines.next() else { return Ok(None) };
    let line = line.map_err(io(path))?;
    let run = serde_json::from_str::<Run>(&line)
        .map_err(|e| StoreError::Invalid(format!("{}: bad run index: {e}", path.display())))?
        .run;
    if last_run.is_some_and(|last| run <= last) {
        return Err(StoreError::Invalid(format!("{}: lines out of run order", path.display())));
    }
    Ok(Some((run, line)))
}

/// Joins JSON Lines files of the shards into `out/name` in run order, streaming (one line per
/// run). Returns the length of the file and the number of lines.
fn merge_jsonl(sources: &[PathBuf], out: &Path, name: &str) -> Result<(u64, usize), StoreError> {
    use std::io::BufRead;
    let mut readers = Vec::with_capacity(sources.len());
    let mut heads = Vec::with_capacity(sources.len());
    for path in sources {
        let mut lines = std::io::BufReader::new(File::open(path).map_err(io(path))?).lines();
        heads.push(next_line(path, &mut lines, None)?);
        readers.push(lines);
    }
    std::fs::create_dir_all(out).map_err(io(out))?;
    let tmp = out.join(format!(".{name}.tmp"));
    let mut w = BufWriter::new(File::create(&tmp).map_err(io(&tmp))?);
    let mut count = 0;
    while let Some((run, i)) = heads.iter().enumerate().filter_map(|(i, h)| h.as_ref().map(|h| (h.0, i))).min() {
        let (_, line) = heads[i].take().unwrap_or_default();
        w.write_all(line.as_bytes()).and_then(|()| w.write_all(b"\n")).map_err(io(&tmp))?;
        count += 1;
        heads[i] = next_line(&sources[i], &mut readers[i], Some(run))?;
    }
    let file = w.into_inner().map_err(|e| StoreError::Io { path: tmp.display().to_string(), error: e.into_error() })?;
    file.sync_all().map_err(io(&tmp))?;
    let bytes = file.metadata().map_err(io(&tmp))?.len();
    let path = out.join(name);
    std::fs::rename(&tmp, &path).map_err(io(&path))?;
    Ok((bytes, count))
}
