//! Replay validation: run the history scenario from 1945 as an ensemble and score it against
//! the record, pattern by pattern.
//!
//! Each pattern has the record's value, the ensemble's median and 90 % interval, and a
//! tolerance fixed here before any result was seen (docs/validation.md): a pattern passes when
//! the record lies within the interval widened by the tolerance. The overall score is the share
//! of patterns that pass. A miss is reported as a miss.

use crate::record::Record;
use engine::observe::YearRecord;
use serde::Serialize;

/// Decades at whose end the number of nuclear-armed states is compared.
pub const DECADES: [i32; 8] = [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020];

/// One validated pattern.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pattern {
    /// Short name.
    pub name: String,
    /// What is compared.
    pub description: String,
    /// The record's value (NaN when the record cannot say).
    pub record: f64,
    /// Ensemble median.
    pub median: f64,
    /// Ensemble 5 % quantile.
    pub q05: f64,
    /// Ensemble 95 % quantile.
    pub q95: f64,
    /// Tolerance added on both sides of the interval (fixed in advance).
    pub tolerance: f64,
    /// The record lies within [q05 − tolerance, q95 + tolerance].
    pub pass: bool,
}

/// The record's values of the patterns, in the order of [`pattern_specs`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    /// Values, one per pattern.
    pub values: Vec<f64>,
}

/// (name, description, tolerance) of every pattern; tolerances are fixed, not tuned.
pub fn pattern_specs() -> Vec<(String, String, Tolerance)> {
    let mut v: Vec<(String, String, Tolerance)> = DECADES
        .iter()
        .map(|y| {
            (format!("armed_states_{y}"), format!("nuclear-armed states at the end of {y}"), Tolerance::Absolute(1.0))
        })
        .collect();
    v.push((
        "programmes_started".into(),
        "programmes started (explorations) 1946–2025".into(),
        Tolerance::Absolute(3.0),
    ));
    v.push((
        "programmes_reversed".into(),
        "programmes abandoned or arsenals given up 1946–2025".into(),
        Tolerance::Absolute(3.0),
    ));
    v.push(("arsenal_peak_year".into(), "year of the world arsenal's peak".into(), Tolerance::Absolute(5.0)));
    v.push((
        "arsenal_peak_size".into(),
        "size of the world arsenal at its peak (warheads)".into(),
        Tolerance::Relative(0.25),
    ));
    v.push((
        "crises_between_armed".into(),
        "crises whose principal adversaries were both nuclear-armed, 1946–2025".into(),
        Tolerance::Absolute(3.0),
    ));
    v.push((
        "wars_between_armed".into(),
        "wars (≥ 1,000 battle deaths) between nuclear-armed principal adversaries".into(),
        Tolerance::Absolute(1.0),
    ));
    v.push(("nuclear_use_after_1945".into(), "nuclear uses after 1945".into(), Tolerance::Absolute(0.0)));
    v
}

/// How far outside the ensemble interval the record may lie.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Tolerance {
    /// In the pattern's units.
    Absolute(f64),
    /// As a share of the record's value.
    Relative(f64),
}

/// The record's values.
pub fn record_targets(record: &Record) -> Targets {
    let mut values = Vec::new();
    for &y in &DECADES {
        let n = record
            .programmes
            .iter()
            .filter(|p| p.acquire_year.is_some_and(|a| a <= y) && p.gave_up_year.is_none_or(|g| g > y))
            .count();
        values.push(n as f64);
    }
    let started =
        record.programmes.iter().filter(|p| p.explore_start.is_some_and(|s| (1946..=2025).contains(&s))).count();
    values.push(started as f64);
    let ended = |p: &crate::record::Programme| {
        let stopped = p.acquire_year.is_none()
            && (p.pursue_end.or(p.explore_end)).is_some_and(|e| (1946..=2025).contains(&e))
            && p.status_2025 != "threshold";
        let gave_up = p.gave_up_year.is_some_and(|g| (1946..=2025).contains(&g)) && p.acquire_year.is_some();
        stopped || gave_up
    };
    values.push(record.programmes.iter().filter(|p| ended(p)).count() as f64);
    // World stockpile by year: the sum of country estimates.
    let mut totals: Vec<(i32, f64)> = Vec::new();
    for inv in &record.inventories {
        let Some(w) = inv.warheads else { continue };
        match totals.iter_mut().find(|(y, _)| *y == inv.year) {
            Some((_, t)) => *t += w,
            None => totals.push((inv.year, w)),
        }
    }
    totals.sort_by_key(|(y, _)| *y);
    let peak = totals.iter().copied().fold((0, 0.0f64), |best, (y, t)| if t > best.1 { (y, t) } else { best });
    values.push(f64::from(peak.0));
    values.push(peak.1);
    // Like for like with the model's dyads: the principal (first-listed) state of each side must
    // itself be armed at the crisis's start — a patron's arsenal behind a client does not count.
    let armed_at = |iso: &str, year: i32| {
        record.programmes.iter().any(|p| {
            p.iso3 == iso && p.acquire_year.is_some_and(|a| a <= year) && p.gave_up_year.is_none_or(|g| g > year)
        })
    };
    let direct = |c: &&crate::record::Crisis| {
        let year = Record::year_of(&c.start).unwrap_or(0);
        let principal = |side: &str| side.split(';').next().unwrap_or("").trim().to_owned();
        year >= 1946 && armed_at(&principal(&c.side_a), year) && armed_at(&principal(&c.side_b), year)
    };
    values.push(record.crises.iter().filter(direct).count() as f64);
    values.push(record.crises.iter().filter(direct).filter(|c| c.war == Some(true)).count() as f64);
    values.push(0.0);
    Targets { values }
}

/// The same statistics from one simulated run's year records.
pub fn run_targets(years: &[YearRecord]) -> Vec<f64> {
    let mut v = Vec::new();
    for &y in &DECADES {
        v.push(years.iter().find(|r| r.year == y).map_or(f64::NAN, |r| f64::from(r.nuclear_armed_states)));
    }
    let window = |r: &&YearRecord| (1946..=2025).contains(&r.year);
    v.push(years.iter().filter(window).map(|r| f64::from(r.explorations)).sum());
    v.push(years.iter().filter(window).map(|r| f64::from(r.reversals)).sum());
    let peak = years
        .iter()
        .fold((0, 0.0f64), |best, r| if r.warheads_total > best.1 { (r.year, r.warheads_total) } else { best });
    v.push(f64::from(peak.0));
    v.push(peak.1);
    v.push(years.iter().filter(window).map(|r| f64::from(r.crises_between_nuclear)).sum());
    v.push(years.iter().filter(window).map(|r| f64::from(r.wars_between_nuclear)).sum());
    v.push(years.iter().filter(|r| r.year > 1945).map(|r| f64::from(r.nuclear_use)).sum());
    v
}

/// The outcome of a validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    /// Runs in the ensemble.
    pub runs: u32,
    /// Master seed.
    pub seed: u64,
    /// The patterns.
    pub patterns: Vec<Pattern>,
    /// Share of patterns that pass.
    pub score: f64,
}

/// Runs `runs` replays of `scenario` (already resolved) in parallel and scores them.
pub fn validate(
    scenario: &model::Scenario,
    resolved: &engine::Resolved,
    record: &Record,
    runs: u32,
    seed: u64,
) -> Validation {
    let template = engine::Template::new(scenario, resolved);
    let sims: Vec<Vec<f64>> = lab::Executor::new(seed)
        .ensemble(&template, 0..u64::from(runs), |_, out| run_targets(&out.years))
        .unwrap_or_else(|never| unreachable!("an ensemble without a cancellation flag finishes: {never}"));
    let targets = record_targets(record);
    let patterns: Vec<Pattern> = pattern_specs()
        .into_iter()
        .enumerate()
        .map(|(k, (name, description, tol))| {
            let mut xs: Vec<f64> = sims.iter().map(|s| s[k]).filter(|x| x.is_finite()).collect();
            xs.sort_by(f64::total_cmp);
            let q = |p: f64| if xs.is_empty() { f64::NAN } else { stats::analysis::quantile_sorted(&xs, p) };
            let record_value = targets.values[k];
            let tolerance = match tol {
                Tolerance::Absolute(t) => t,
                Tolerance::Relative(r) => r * record_value.abs(),
            };
            let (q05, q95) = (q(0.05), q(0.95));
            let pass = record_value.is_finite() && record_value >= q05 - tolerance && record_value <= q95 + tolerance;
            Pattern { name, description, record: record_value, median: q(0.5), q05, q95, tolerance, pass }
        })
        .collect();
    let score = patterns.iter().filter(|p| p.pass).count() as f64 / patterns.len() as f64;
    Validation { runs, seed, patterns, score }
}
