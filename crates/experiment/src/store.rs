//! The on-disk format of an experiment: a manifest, results as CSV and JSON Lines (one pair of
//! files per shard), and a checkpoint that makes an interrupted run resumable.
//!
//! After each chunk of points the results are appended and synced, then `progress*.json` is
//! replaced atomically with the number of points done and the files' lengths. Resuming
//! truncates the files to those lengths (dropping anything written after the last checkpoint,
//! e.g. by a `kill -9`) and continues with the next point, so the final files are byte for byte
//! those of an uninterrupted run. `merge` joins shard files in run order into the files an
//! unsharded run writes.

use crate::design::Plan;
use crate::runner::RunRecord;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{Seek, Write};
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
    /// Points of this shard finished and written.
    pub points_done: usize,
    /// Length of the CSV file at the checkpoint.
    pub csv_bytes: u64,
    /// Length of the JSON Lines file at the checkpoint.
    pub jsonl_bytes: u64,
    /// All points done.
    pub complete: bool,
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

/// The CSV header of a plan's results.
pub fn csv_header(plan: &Plan, outcomes: &[String]) -> Vec<String> {
    let mut h: Vec<String> = vec!["point".into(), "case".into(), "replication".into(), "run".into()];
    h.extend(plan.columns.iter().cloned());
    h.extend(outcomes.iter().cloned());
    h
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

/// An open results store for one shard, positioned after the last checkpoint.
pub struct Writer {
    dir: PathBuf,
    csv: File,
    jsonl: File,
    progress_name: String,
    /// The checkpoint the store is at.
    pub progress: Progress,
}

impl Writer {
    /// Opens (or, with `resume`, reopens) the shard's files in `dir`. Without `resume` the
    /// files must not exist yet.
    pub fn open(
        dir: &Path,
        shard: Option<(usize, usize)>,
        header: &[String],
        resume: bool,
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
        let open =
            |p: &Path| OpenOptions::new().create(true).read(true).write(true).truncate(false).open(p).map_err(io(p));
        let mut csv = open(&csv_path)?;
        let mut jsonl = open(&jsonl_path)?;
        let progress = match progress {
            Some(p) => {
                // Drop whatever was written after the last checkpoint.
                csv.set_len(p.csv_bytes).map_err(io(&csv_path))?;
                jsonl.set_len(p.jsonl_bytes).map_err(io(&jsonl_path))?;
                p
            }
            None => {
                csv.set_len(0).map_err(io(&csv_path))?;
                jsonl.set_len(0).map_err(io(&jsonl_path))?;
                let mut w = csv::Writer::from_writer(Vec::new());
                let _ = w.write_record(header);
                let bytes = w.into_inner().unwrap_or_default();
                csv.write_all(&bytes).map_err(io(&csv_path))?;
                Progress { points_done: 0, csv_bytes: bytes.len() as u64, jsonl_bytes: 0, complete: false }
            }
        };
        csv.seek(std::io::SeekFrom::End(0)).map_err(io(&csv_path))?;
        jsonl.seek(std::io::SeekFrom::End(0)).map_err(io(&jsonl_path))?;
        let mut w = Writer { dir: dir.to_owned(), csv, jsonl, progress_name, progress };
        w.checkpoint()?;
        Ok(w)
    }

    /// Appends the records of `points` finished points and checkpoints.
    pub fn append(&mut self, records: &[RunRecord], points: usize) -> Result<(), StoreError> {
        let (c, j) = (csv_rows(records), jsonl_rows(records));
        let dir = self.dir.clone();
        self.csv.write_all(&c).map_err(io(&dir))?;
        self.jsonl.write_all(&j).map_err(io(&dir))?;
        self.csv.sync_data().map_err(io(&dir))?;
        self.jsonl.sync_data().map_err(io(&dir))?;
        self.progress.points_done += points;
        self.progress.csv_bytes += c.len() as u64;
        self.progress.jsonl_bytes += j.len() as u64;
        self.checkpoint()
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

/// Writes `text` to `dir/name` atomically (temporary file, then rename).
pub fn write_atomic(dir: &Path, name: &str, text: &str) -> Result<(), StoreError> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).map_err(io(&tmp))?;
    std::fs::rename(&tmp, &path).map_err(io(&path))?;
    Ok(())
}

/// Joins the complete shards found in `dirs` into `out`'s `results.csv` and `results.jsonl`,
/// in run order — the bytes an unsharded run writes. Returns the number of runs.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<usize, StoreError> {
    let mut header: Option<csv::StringRecord> = None;
    let mut rows: Vec<(u64, csv::StringRecord)> = Vec::new();
    let mut lines: Vec<(u64, String)> = Vec::new();
    let mut shards_seen: Vec<(usize, usize)> = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir).map_err(io(dir))?;
        let mut names: Vec<String> =
            entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for name in names.iter().filter(|n| n.starts_with("results-shard-") && n.ends_with(".csv")) {
            let tag = &name["results-shard-".len()..name.len() - ".csv".len()];
            let (k, n) = tag
                .split_once("-of-")
                .and_then(|(k, n)| Some((k.parse::<usize>().ok()?, n.parse::<usize>().ok()?)))
                .ok_or_else(|| {
                    StoreError::Invalid(format!("{}: unexpected shard file name", dir.join(name).display()))
                })?;
            let progress_path = dir.join(format!("progress-shard-{k}-of-{n}.json"));
            let progress: Progress =
                std::fs::read_to_string(&progress_path).ok().and_then(|t| serde_json::from_str(&t).ok()).ok_or_else(
                    || StoreError::Invalid(format!("{}: missing or unreadable checkpoint", progress_path.display())),
                )?;
            if !progress.complete {
                return Err(StoreError::Invalid(format!(
                    "shard {k} of {n} in {} is not complete; resume it first",
                    dir.display()
                )));
            }
            if shards_seen.contains(&(k, n)) {
                return Err(StoreError::Invalid(format!("shard {k} of {n} appears twice")));
            }
            if let Some(&(_, m)) = shards_seen.first()
                && m != n
            {
                return Err(StoreError::Invalid(format!("shards of different splits ({m} and {n}) cannot be merged")));
            }
            shards_seen.push((k, n));
            let path = dir.join(name);
            let mut reader =
                csv::Reader::from_path(&path).map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display())))?;
            let h = reader.headers().map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display())))?.clone();
            match &header {
                Some(old) if old != &h => {
                    return Err(StoreError::Invalid(format!("{}: header differs from other shards", path.display())));
                }
                _ => header = Some(h),
            }
            for rec in reader.records() {
                let rec = rec.map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display())))?;
                let run: u64 = rec
                    .get(3)
                    .and_then(|r| r.parse().ok())
                    .ok_or_else(|| StoreError::Invalid(format!("{}: bad run index", path.display())))?;
                rows.push((run, rec));
            }
            let jpath = dir.join(format!("results-shard-{k}-of-{n}.jsonl"));
            let text = std::fs::read_to_string(&jpath).map_err(io(&jpath))?;
            for line in text.lines() {
                let v: serde_json::Value =
                    serde_json::from_str(line).map_err(|e| StoreError::Invalid(format!("{}: {e}", jpath.display())))?;
                let run = v["run"]
                    .as_u64()
                    .ok_or_else(|| StoreError::Invalid(format!("{}: bad run index", jpath.display())))?;
                lines.push((run, line.to_owned()));
            }
        }
    }
    let n = shards_seen.first().map_or(0, |s| s.1);
    if shards_seen.len() != n || n == 0 {
        return Err(StoreError::Invalid(format!("found {} of {n} shards; all are needed", shards_seen.len())));
    }
    rows.sort_by_key(|(run, _)| *run);
    lines.sort_by_key(|(run, _)| *run);
    std::fs::create_dir_all(out).map_err(io(out))?;
    let mut w = csv::Writer::from_writer(Vec::new());
    if let Some(h) = &header {
        let _ = w.write_record(h);
    }
    for (_, r) in &rows {
        let _ = w.write_record(r);
    }
    let csv_bytes = w.into_inner().unwrap_or_default();
    write_atomic(out, "results.csv", &String::from_utf8_lossy(&csv_bytes))?;
    let mut jsonl = String::new();
    for (_, l) in &lines {
        jsonl.push_str(l);
        jsonl.push('\n');
    }
    write_atomic(out, "results.jsonl", &jsonl)?;
    let mut points: Vec<&str> = rows.iter().filter_map(|(_, r)| r.get(0)).collect();
    points.dedup();
    let progress = Progress {
        points_done: points.len(),
        csv_bytes: csv_bytes.len() as u64,
        jsonl_bytes: jsonl.len() as u64,
        complete: true,
    };
    write_atomic(out, "progress.json", &serde_json::to_string_pretty(&progress).unwrap_or_default())?;
    Ok(rows.len())
}
