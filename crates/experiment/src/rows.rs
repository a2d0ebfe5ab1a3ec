//! The rows of an experiment's `results.csv` checked against its `manifest.json`: every field
//! typed, and every run consistent with the design the manifest's spec gives.
//!
//! `analyze`, `report` and `merge` read results a user may have edited, truncated or joined by
//! hand; a row that the runner could not have written is an error naming the file, the line
//! and the field, never a silently wrong analysis. The design is rebuilt from the manifest's
//! (expanded) spec, so a row's parameter values are compared with the values the design gives
//! its point, byte for byte as the runner writes them.

use crate::Manifest;
use crate::design::{Plan, plan};

/// How many problems a check reports before it says how many more it found.
pub const MAX_REPORTED: usize = 20;

/// The header of `results.csv` for a plan's results: `point, case, replication, run`, the
/// plan's parameter columns, then the outcomes.
pub fn results_header(plan: &Plan, outcomes: &[String]) -> Vec<String> {
    let mut h: Vec<String> = ["point", "case", "replication", "run"].map(String::from).to_vec();
    h.extend(plan.columns.iter().cloned());
    h.extend(outcomes.iter().cloned());
    h
}

/// What a results row must hold, built from a manifest.
#[derive(Debug, Clone)]
pub struct RowCheck {
    plan: Plan,
    replications: u32,
    header: Vec<String>,
    outcomes: usize,
}

/// One checked row of `results.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedRow {
    /// Design point.
    pub point: usize,
    /// Run index (point × replications + replication).
    pub run: u64,
    /// Case name (empty unless a `cases` design).
    pub case: String,
    /// Parameter values as written.
    pub values: Vec<String>,
    /// Outcomes (NaN where the field is empty: the outcome was undefined in that run).
    pub outcomes: Vec<f64>,
}

impl RowCheck {
    /// The check for rows of the experiment `manifest` describes. Fails when the manifest does
    /// not describe a design this build can rebuild (its spec, points and runs disagree).
    pub fn new(manifest: &Manifest) -> Result<RowCheck, String> {
        let plan = plan(&manifest.spec).map_err(|e| format!("its spec gives no design: {e}"))?;
        if plan.points.len() != manifest.points {
            return Err(format!(
                "field `points`: expected {} (the design of its spec), found {}",
                plan.points.len(),
                manifest.points
            ));
        }
        if manifest.replications != manifest.spec.experiment.replications {
            return Err(format!(
                "field `replications`: expected {} (its spec's `experiment.replications`), found {}",
                manifest.spec.experiment.replications, manifest.replications
            ));
        }
        let total = manifest.points as u64 * u64::from(manifest.replications);
        if manifest.total_runs != total {
            return Err(format!(
                "field `total_runs`: expected {total} (points × replications), found {}",
                manifest.total_runs
            ));
        }
        let header = results_header(&plan, &manifest.spec.experiment.outcomes);
        Ok(RowCheck {
            plan,
            replications: manifest.replications,
            header,
            outcomes: manifest.spec.experiment.outcomes.len(),
        })
    }

    /// The header `results.csv` must have.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// Checks one record; returns the row, or pushes every problem of the record (without a
    /// location: the caller prefixes file and line) and returns `None`.
    pub fn check(&self, rec: &csv::StringRecord, problems: &mut Vec<String>) -> Option<CheckedRow> {
        if rec.len() != self.header.len() {
            problems.push(format!("expected {} fields, found {}", self.header.len(), rec.len()));
            return None;
        }
        let before = problems.len();
        let field = |i: usize| rec.get(i).unwrap_or_default();
        let points = self.plan.points.len();
        let point = field(0).parse::<usize>().ok().filter(|&p| p < points);
        if point.is_none() {
            problems.push(format!(
                "field `point`: expected a design point 0–{}, found `{}`",
                points.saturating_sub(1),
                field(0)
            ));
        }
        let replication = field(2).parse::<u32>().ok().filter(|&r| r < self.replications);
        if replication.is_none() {
            problems.push(format!(
                "field `replication`: expected a replication 0–{}, found `{}`",
                self.replications.saturating_sub(1),
                field(2)
            ));
        }
        let run = field(3).parse::<u64>().ok();
        if let (Some(p), Some(r)) = (point, replication) {
            let expected = p as u64 * u64::from(self.replications) + u64::from(r);
            if run != Some(expected) {
                problems.push(format!(
                    "field `run`: expected {expected} (point × replications + replication), found `{}`",
                    field(3)
                ));
            }
        } else if run.is_none() {
            problems.push(format!("field `run`: expected a run index, found `{}`", field(3)));
        }
        let columns = self.plan.columns.len();
        if let Some(p) = point {
            let design = &self.plan.points[p];
            let case = design.case.clone().unwrap_or_default();
            if field(1) != case {
                problems.push(format!("field `case`: expected `{case}` (design point {p}), found `{}`", field(1)));
            }
            for (c, (name, value)) in self.plan.columns.iter().zip(&design.values).enumerate() {
                let expected = value.as_ref().map_or(String::new(), ToString::to_string);
                if field(4 + c) != expected {
                    problems.push(format!(
                        "field `{name}`: expected `{expected}`, the value the manifest's design gives point {p}, found `{}`",
                        field(4 + c)
                    ));
                }
            }
        }
        let mut outcomes = Vec::with_capacity(self.outcomes);
        for (k, name) in self.header.iter().skip(4 + columns).enumerate() {
            let text = field(4 + columns + k);
            if text.is_empty() {
                outcomes.push(f64::NAN);
                continue;
            }
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => outcomes.push(x),
                _ => problems.push(format!(
                    "field `{name}`: expected a finite number, or nothing where the outcome is undefined, found `{text}`"
                )),
            }
        }
        if problems.len() > before {
            return None;
        }
        Some(CheckedRow {
            point: point?,
            run: run?,
            case: field(1).to_owned(),
            values: (0..columns).map(|c| field(4 + c).to_owned()).collect(),
            outcomes,
        })
    }
}

/// Located problems of one file, at most [`MAX_REPORTED`] kept, the rest counted.
#[derive(Debug, Default)]
pub struct Problems {
    kept: Vec<String>,
    more: usize,
}

impl Problems {
    /// Records `problems` found at `file:line`.
    pub fn add(&mut self, file: &str, line: u64, problems: Vec<String>) {
        for p in problems {
            if self.kept.len() < MAX_REPORTED {
                self.kept.push(format!("{file}:{line}: {p}"));
            } else {
                self.more += 1;
            }
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Every kept problem, one per line, then how many more there were.
    pub fn message(&self) -> String {
        let mut s = self.kept.join("\n");
        if self.more > 0 {
            s.push_str(&format!("\n… and {} more problems", self.more));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_keep_the_first_twenty_and_count_the_rest() {
        let mut p = Problems::default();
        assert!(p.is_empty());
        for line in 1..=25 {
            p.add("r.csv", line, vec![format!("bad {line}")]);
        }
        let m = p.message();
        assert_eq!(m.lines().count(), MAX_REPORTED + 1);
        assert!(m.starts_with("r.csv:1: bad 1\n"));
        assert!(m.contains("r.csv:20: bad 20\n"));
        assert!(!m.contains("bad 21"));
        assert!(m.ends_with("… and 5 more problems"));
    }
}
