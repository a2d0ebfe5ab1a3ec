//! Replay validation: run the history scenario from 1945 as an ensemble and score it against
//! the record, pattern by pattern.
//!
//! Each pattern has the record's value (computed here from data/, with the rows it uses), the
//! ensemble's central value (the median of the runs; for a share, the share of runs), its 90 %
//! interval as information, and a tolerance fixed in [`pattern_specs`] before any result was
//! seen (docs/validation.md). A pattern **passes** when the central value lies within the
//! tolerance of the record: |median − record| ≤ tolerance, a relative tolerance being a share of
//! the record. A wide interval does not help a wrong median. The overall score is the share of
//! patterns that pass; a miss is reported as a miss.

use crate::record::{Programme, Record};
use engine::observe::YearRecord;
use serde::Serialize;

/// Decades at whose end the number of nuclear-armed states is compared.
pub const DECADES: [i32; 8] = [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020];

/// The historical possessors whose acquisition is scored one by one (ISO3; `RUS` is the USSR
/// until 1991). South Africa acquired and gave up its weapons.
pub const POSSESSORS: [&str; 10] = ["USA", "RUS", "GBR", "FRA", "CHN", "ISR", "IND", "PAK", "PRK", "ZAF"];

/// States that acquired and then gave up their weapons, scored on giving up too.
pub const GAVE_UP: [&str; 1] = ["ZAF"];

/// (state, year) of the per-state arsenals compared with the record: the US build-up peak
/// (1967) and the Soviet peak and world peak (1986).
pub const ARSENALS: [(&str, i32); 4] = [("USA", 1967), ("RUS", 1967), ("USA", 1986), ("RUS", 1986)];

/// First and last year of the window in which false alarms are compared: the years whose
/// serious US and Soviet/Russian false warnings are documented in declassified or published
/// accounts (data/false_alarms.csv); later years are not yet in the public record.
pub const FALSE_ALARM_WINDOW: (i32, i32) = (1960, 1995);

/// The states whose false alarms the record holds (data/false_alarms.csv): the United States
/// and the Soviet Union/Russia. Other states' false alarms are not public — unknown, not none —
/// so the replay's alarms are counted for these two states only.
pub const FALSE_ALARM_STATES: [&str; 2] = ["USA", "RUS"];

/// The last year of the replay's window.
pub const LAST_YEAR: i32 = 2025;

/// How far from the record the ensemble's central value may lie.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Tolerance {
    /// In the pattern's units.
    Absolute(f64),
    /// As a share of the record's value.
    Relative(f64),
}

impl Tolerance {
    /// The tolerance in the pattern's units for a record value.
    pub fn width(self, record: f64) -> f64 {
        match self {
            Tolerance::Absolute(t) => t,
            Tolerance::Relative(r) => r * record.abs(),
        }
    }
}

/// What the ensemble's central value of a pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    /// The median over runs; the interval is the runs' 5 % and 95 % quantiles.
    Median,
    /// The share of runs in which the event happens (each run gives 0 or 1); the interval is
    /// the 90 % Wilson interval of that share.
    Share,
}

/// The groups patterns are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Nuclear-armed states at the end of each decade.
    Decades,
    /// Programmes started and ended.
    Programmes,
    /// World and per-state arsenals.
    Arsenals,
    /// Per-state acquisition (and giving up).
    Acquisition,
    /// Crises, wars and nuclear use between armed principals.
    Crises,
}

impl Group {
    /// The group's heading.
    pub fn heading(self) -> &'static str {
        match self {
            Group::Decades => "Nuclear-armed states by decade",
            Group::Programmes => "Programmes",
            Group::Arsenals => "Arsenals",
            Group::Acquisition => "Per-state acquisition",
            Group::Crises => "Crises between armed principals",
        }
    }
}

/// A pattern's definition, fixed before any replay was looked at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spec {
    /// Short name.
    pub name: String,
    /// What is compared.
    pub description: String,
    /// Group it is shown in.
    pub group: Group,
    /// Median or share.
    pub statistic: Statistic,
    /// Tolerance around the record.
    pub tolerance: Tolerance,
}

fn spec(name: String, description: String, group: Group, statistic: Statistic, tolerance: Tolerance) -> Spec {
    Spec { name, description, group, statistic, tolerance }
}

/// Every pattern, in output order; tolerances are fixed here and in docs/validation.md, not
/// tuned. The justification of each is in docs/validation.md.
pub fn pattern_specs() -> Vec<Spec> {
    use Statistic::{Median, Share};
    let mut v: Vec<Spec> = DECADES
        .iter()
        .map(|y| {
            spec(
                format!("armed_states_{y}"),
                format!("nuclear-armed states at the end of {y}"),
                Group::Decades,
                Median,
                Tolerance::Absolute(1.0),
            )
        })
        .collect();
    v.push(spec(
        "programmes_started".into(),
        "programmes started (explorations) 1946–2025".into(),
        Group::Programmes,
        Median,
        Tolerance::Absolute(3.0),
    ));
    v.push(spec(
        "programmes_reversed".into(),
        "programmes abandoned or arsenals given up 1946–2025".into(),
        Group::Programmes,
        Median,
        Tolerance::Absolute(3.0),
    ));
    v.push(spec(
        "arsenal_peak_year".into(),
        "year of the world arsenal's peak".into(),
        Group::Arsenals,
        Median,
        Tolerance::Absolute(5.0),
    ));
    v.push(spec(
        "arsenal_peak_size".into(),
        "size of the world arsenal at its peak (warheads)".into(),
        Group::Arsenals,
        Median,
        Tolerance::Relative(0.25),
    ));
    for (iso, year) in ARSENALS {
        v.push(spec(
            format!("arsenal_{iso}_{year}"),
            format!("warheads of {iso} in {year}"),
            Group::Arsenals,
            Median,
            Tolerance::Relative(0.25),
        ));
    }
    for iso in POSSESSORS {
        v.push(spec(
            format!("acquires_{iso}"),
            format!("share of runs in which {iso} holds weapons by {LAST_YEAR}"),
            Group::Acquisition,
            Share,
            Tolerance::Absolute(0.5),
        ));
        v.push(spec(
            format!("acquisition_year_{iso}"),
            format!("year {iso} first holds weapons (median over runs; no weapons by {LAST_YEAR} counts as later)"),
            Group::Acquisition,
            Median,
            Tolerance::Absolute(5.0),
        ));
    }
    for iso in GAVE_UP {
        v.push(spec(
            format!("gives_up_{iso}"),
            format!("share of runs in which {iso} acquires and then gives up its weapons by {LAST_YEAR}"),
            Group::Acquisition,
            Share,
            Tolerance::Absolute(0.5),
        ));
    }
    v.push(spec(
        "crises_between_armed".into(),
        "crises whose principal adversaries were both nuclear-armed, 1946–2025".into(),
        Group::Crises,
        Median,
        Tolerance::Absolute(3.0),
    ));
    v.push(spec(
        "no_violence_share_armed".into(),
        "share of crises between nuclear-armed principal adversaries that ended without violence (ICB: no clashes), 1946–2025".into(),
        Group::Crises,
        Median,
        Tolerance::Absolute(0.15),
    ));
    v.push(spec(
        "wars_between_armed".into(),
        "wars (≥ 1,000 battle deaths) between nuclear-armed principal adversaries".into(),
        Group::Crises,
        Median,
        Tolerance::Absolute(1.0),
    ));
    v.push(spec(
        "nuclear_use_after_1945".into(),
        "nuclear uses after 1945".into(),
        Group::Crises,
        Median,
        Tolerance::Absolute(0.0),
    ));
    v.push(spec(
        "nuclear_deaths_after_1945".into(),
        "deaths from nuclear use after 1945".into(),
        Group::Crises,
        Median,
        Tolerance::Absolute(0.0),
    ));
    let (from, to) = FALSE_ALARM_WINDOW;
    v.push(spec(
        format!("false_alarms_{from}_{to}"),
        format!("serious false warnings of nuclear attack, {from}–{to} (United States and Soviet Union/Russia, the states whose alarms are public)"),
        Group::Crises,
        Median,
        Tolerance::Relative(0.5),
    ));
    v
}

/// The record's value of one pattern, with the rows it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The value (NaN when the record cannot say).
    pub value: f64,
    /// The rows used, as `file: key`.
    pub rows: Vec<String>,
    /// Distinct source citations of those rows.
    pub sources: Vec<String>,
}

impl Target {
    fn new(value: f64) -> Target {
        Target { value, rows: Vec::new(), sources: Vec::new() }
    }

    fn with(mut self, file: &str, key: String, source: &str) -> Target {
        self.rows.push(format!("{file}: {key}"));
        for part in source.split(" | ") {
            let part = part.trim();
            if !part.is_empty() && !self.sources.iter().any(|s| s == part) {
                self.sources.push(part.to_owned());
            }
        }
        self
    }
}

/// The record's values of the patterns, in the order of [`pattern_specs`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    /// Values with their rows, one per pattern.
    pub values: Vec<Target>,
}

const PROGRAMMES: &str = "data/programmes.csv";
const INVENTORIES: &str = "data/inventories.csv";
const CRISES: &str = "data/crises.csv";
const FALSE_ALARMS: &str = "data/false_alarms.csv";

fn programme_key(p: &Programme) -> String {
    let y = |x: Option<i32>| x.map_or_else(|| "-".to_owned(), |v| v.to_string());
    format!(
        "{} (programme {}–{}, acquire {}, gave up {}, {})",
        p.iso3,
        y(p.explore_start),
        p.explore_end.or(p.pursue_end).map_or_else(String::new, |e| e.to_string()),
        y(p.acquire_year),
        y(p.gave_up_year),
        p.status_2025
    )
}

fn armed_in(p: &Programme, year: i32) -> bool {
    p.acquire_year.is_some_and(|a| a <= year) && p.gave_up_year.is_none_or(|g| g > year)
}

fn programmes_target<'a>(ps: impl Iterator<Item = &'a Programme>) -> Target {
    let mut t = Target::new(0.0);
    for p in ps {
        t.value += 1.0;
        t = t.with(PROGRAMMES, programme_key(p), &p.source);
    }
    t
}

/// The programme of `iso3`.
fn programme<'a>(record: &'a Record, iso3: &str) -> Option<&'a Programme> {
    record.programmes.iter().find(|p| p.iso3 == iso3)
}

/// The stockpile of `iso3` in `year` (the first row of that state and year with an estimate).
pub fn arsenal_target(record: &Record, iso3: &str, year: i32) -> Target {
    record.inventories.iter().find(|i| i.iso3 == iso3 && i.year == year && i.warheads.is_some()).map_or_else(
        || Target::new(f64::NAN),
        |i| {
            let w = i.warheads.unwrap_or(f64::NAN);
            Target::new(w).with(INVENTORIES, format!("{iso3} {year} warheads {w} ({})", i.series), &i.source)
        },
    )
}

/// The record's values, each with the rows it was computed from.
pub fn record_targets(record: &Record) -> Targets {
    let mut values = Vec::new();
    for &y in &DECADES {
        values.push(programmes_target(record.programmes.iter().filter(|p| armed_in(p, y))));
    }
    values.push(programmes_target(
        record.programmes.iter().filter(|p| p.explore_start.is_some_and(|s| (1946..=LAST_YEAR).contains(&s))),
    ));
    let ended = |p: &&Programme| {
        let stopped = p.acquire_year.is_none()
            && (p.pursue_end.or(p.explore_end)).is_some_and(|e| (1946..=LAST_YEAR).contains(&e))
            && p.status_2025 != "threshold";
        let gave_up = p.gave_up_year.is_some_and(|g| (1946..=LAST_YEAR).contains(&g)) && p.acquire_year.is_some();
        stopped || gave_up
    };
    values.push(programmes_target(record.programmes.iter().filter(ended)));
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
    let mut peak_rows = Target::new(0.0);
    for inv in record.inventories.iter().filter(|i| i.year == peak.0 && i.warheads.is_some()) {
        let w = inv.warheads.unwrap_or(0.0);
        peak_rows = peak_rows.with(
            INVENTORIES,
            format!("{} {} warheads {w} ({})", inv.iso3, inv.year, inv.series),
            &inv.source,
        );
    }
    values.push(Target { value: f64::from(peak.0), ..peak_rows.clone() });
    values.push(Target { value: peak.1, ..peak_rows });
    for (iso, year) in ARSENALS {
        values.push(arsenal_target(record, iso, year));
    }
    for iso in POSSESSORS {
        let p = programme(record, iso);
        let with = |t: Target| match p {
            Some(p) => t.with(PROGRAMMES, programme_key(p), &p.source),
            None => t,
        };
        let acquired = p.is_some_and(|p| p.acquire_year.is_some_and(|a| a <= LAST_YEAR));
        values.push(with(Target::new(f64::from(u8::from(acquired)))));
        values.push(with(Target::new(p.and_then(|p| p.acquire_year).map_or(f64::NAN, f64::from))));
    }
    for iso in GAVE_UP {
        let p = programme(record, iso);
        let gave_up = p.is_some_and(|p| p.acquire_year.is_some() && p.gave_up_year.is_some_and(|g| g <= LAST_YEAR));
        let t = Target::new(f64::from(u8::from(gave_up)));
        values.push(match p {
            Some(p) => t.with(PROGRAMMES, programme_key(p), &p.source),
            None => t,
        });
    }
    // Like for like with the model's dyads: the principal (first-listed) state of each side must
    // itself be armed at the crisis's start — a patron's arsenal behind a client does not count.
    let armed_at = |iso: &str, year: i32| record.programmes.iter().any(|p| p.iso3 == iso && armed_in(p, year));
    let direct = |c: &&crate::record::Crisis| {
        let year = Record::year_of(&c.start).unwrap_or(0);
        let principal = |side: &str| side.split(';').next().unwrap_or("").trim().to_owned();
        year >= 1946 && armed_at(&principal(&c.side_a), year) && armed_at(&principal(&c.side_b), year)
    };
    let crises_target = |war_only: bool| {
        let mut t = Target::new(0.0);
        for c in record.crises.iter().filter(direct).filter(|c| !war_only || c.war == Some(true)) {
            t.value += 1.0;
            t = t.with(CRISES, format!("{} ({} v {})", c.name, c.side_a, c.side_b), &c.source);
        }
        t
    };
    values.push(crises_target(false));
    // Of the crises between armed principals whose violence is coded, the share without any.
    let mut calm = Target::new(0.0);
    let mut coded = 0.0;
    for c in record.crises.iter().filter(direct) {
        let Some(violence) = c.highest_violence.as_deref().filter(|v| !v.is_empty()) else { continue };
        coded += 1.0;
        if violence == "none" {
            calm.value += 1.0;
        }
        calm = calm.with(CRISES, format!("{} ({violence})", c.name), &c.source);
    }
    calm.value = if coded > 0.0 { calm.value / coded } else { f64::NAN };
    values.push(calm);
    values.push(crises_target(true));
    values.push(Target::new(0.0));
    values.push(Target::new(0.0));
    let (from, to) = FALSE_ALARM_WINDOW;
    let mut alarms = Target::new(0.0);
    for a in &record.false_alarms {
        if Record::year_of(&a.date).is_some_and(|y| (from..=to).contains(&y)) {
            alarms.value += 1.0;
            alarms = alarms.with(FALSE_ALARMS, format!("{} {} ({})", a.date, a.state, a.system), &a.source);
        }
    }
    values.push(alarms);
    Targets { values }
}

/// What one run says about each state: the year it first holds weapons, whether it later gave
/// them up, and its warheads at the end of each year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StateYears {
    /// (ISO3, year of first `possessing` status, gave up afterwards).
    pub acquisitions: Vec<(String, Option<i32>, bool)>,
    /// (ISO3, year, warheads) at the end of each year, for the states and years of [`ARSENALS`].
    pub arsenals: Vec<(String, i32, f64)>,
    /// False alarms of the [`FALSE_ALARM_STATES`] in the [`FALSE_ALARM_WINDOW`].
    pub false_alarms: f64,
}

/// The recorder of the state series [`state_years`] reads: `status`, `warheads` and
/// `false_alarms`, in that order.
pub fn state_recorder() -> lab::series::Recorder {
    lab::series::Recorder::new(&[], &["status".to_owned(), "warheads".to_owned(), "false_alarms".to_owned()])
        .unwrap_or_else(|e| unreachable!("status, warheads and false_alarms are state series: {e:?}"))
}

/// The per-state record of one run from its state rows (`lab::series`, state series `status`,
/// `warheads` and `false_alarms`, in that order).
pub fn state_years(rows: &[lab::series::StateRow]) -> StateYears {
    use lab::series::StateValue;
    let mut out = StateYears::default();
    for row in rows {
        let status = match row.values.first() {
            Some(StateValue::Text(t)) => *t,
            _ => "",
        };
        let warheads = match row.values.get(1) {
            Some(StateValue::Number(x)) => *x,
            _ => f64::NAN,
        };
        let entry = match out.acquisitions.iter().position(|(iso, _, _)| *iso == row.iso3) {
            Some(k) => k,
            None => {
                out.acquisitions.push((row.iso3.clone(), None, false));
                out.acquisitions.len() - 1
            }
        };
        let e = &mut out.acquisitions[entry];
        if status == "possessing" && e.1.is_none() {
            e.1 = Some(row.year);
        }
        if status == "disarmed" && e.1.is_some() {
            e.2 = true;
        }
        if ARSENALS.iter().any(|(iso, y)| *iso == row.iso3 && *y == row.year) {
            out.arsenals.push((row.iso3.clone(), row.year, warheads));
        }
        let (from, to) = FALSE_ALARM_WINDOW;
        if FALSE_ALARM_STATES.contains(&row.iso3.as_str())
            && (from..=to).contains(&row.year)
            && let Some(StateValue::Number(n)) = row.values.get(2)
        {
            out.false_alarms += n;
        }
    }
    out
}

/// The statistics of one simulated run, in the order of [`pattern_specs`]. An acquisition year
/// of a state without weapons by [`LAST_YEAR`] is +∞ (later than any year).
pub fn run_targets(years: &[YearRecord], states: &StateYears) -> Vec<f64> {
    let mut v = Vec::new();
    for &y in &DECADES {
        v.push(years.iter().find(|r| r.year == y).map_or(f64::NAN, |r| f64::from(r.nuclear_armed_states)));
    }
    let window = |r: &&YearRecord| (1946..=LAST_YEAR).contains(&r.year);
    v.push(years.iter().filter(window).map(|r| f64::from(r.explorations)).sum());
    v.push(years.iter().filter(window).map(|r| f64::from(r.reversals)).sum());
    let peak = years
        .iter()
        .fold((0, 0.0f64), |best, r| if r.warheads_total > best.1 { (r.year, r.warheads_total) } else { best });
    v.push(f64::from(peak.0));
    v.push(peak.1);
    for (iso, year) in ARSENALS {
        v.push(states.arsenals.iter().find(|(i, y, _)| i == iso && *y == year).map_or(f64::NAN, |a| a.2));
    }
    let acquisition = |iso: &str| {
        states
            .acquisitions
            .iter()
            .find(|(i, _, _)| i == iso)
            .and_then(|a| a.1.filter(|y| *y <= LAST_YEAR).map(|y| (y, a.2)))
    };
    for iso in POSSESSORS {
        let a = acquisition(iso);
        v.push(f64::from(u8::from(a.is_some())));
        v.push(a.map_or(f64::INFINITY, |(y, _)| f64::from(y)));
    }
    for iso in GAVE_UP {
        v.push(f64::from(u8::from(acquisition(iso).is_some_and(|(_, gave_up)| gave_up))));
    }
    let between: u32 = years.iter().filter(window).map(|r| r.crises_between_nuclear).sum();
    v.push(f64::from(between));
    let calm: u32 = years.iter().filter(window).map(|r| r.violence_free_crises_between_nuclear).sum();
    // A run without crises between armed states says nothing about their violence.
    v.push(if between > 0 { f64::from(calm) / f64::from(between) } else { f64::NAN });
    v.push(years.iter().filter(window).map(|r| f64::from(r.wars_between_nuclear)).sum());
    v.push(years.iter().filter(|r| r.year > 1945).map(|r| f64::from(r.nuclear_use)).sum());
    v.push(years.iter().filter(|r| r.year > 1945).map(|r| r.nuclear_deaths).sum());
    v.push(states.false_alarms);
    v
}

/// One validated pattern.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pattern {
    /// Short name.
    pub name: String,
    /// What is compared.
    pub description: String,
    /// Group it is shown in.
    pub group: Group,
    /// Whether the central value is a median or a share of runs.
    pub statistic: Statistic,
    /// The record's value (NaN when the record cannot say).
    pub record: f64,
    /// Rows of data/ the record's value was computed from (`file: key`).
    pub record_rows: Vec<String>,
    /// Distinct sources of those rows.
    pub sources: Vec<String>,
    /// The ensemble's central value: the median over runs, or the share of runs for a share
    /// pattern (NaN when undefined, e.g. a median acquisition year of a state that acquires in
    /// fewer than half the runs).
    pub median: f64,
    /// Lower end of the 90 % interval (5 % quantile, or Wilson bound of a share; NaN when
    /// undefined), information only.
    pub q05: f64,
    /// Upper end of the 90 % interval (NaN when undefined, e.g. beyond the replay's window).
    pub q95: f64,
    /// median − record (NaN when either is undefined).
    pub distance: f64,
    /// Tolerance in the pattern's units (fixed in advance; relative ones times the record).
    pub tolerance: f64,
    /// Runs with a value (for an acquisition year: runs in which the state acquires by 2025).
    pub runs_with_value: u32,
    /// |median − record| ≤ tolerance.
    pub pass: bool,
}

/// Type-7 quantile of ascending values that may end in +∞ (censored): +∞ when the quantile
/// reaches into the censored values, NaN when there are no values.
pub fn quantile_censored(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    if lo == hi {
        return sorted[lo];
    }
    if sorted[hi].is_infinite() {
        return f64::INFINITY;
    }
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The 90 % Wilson interval of a share `k / n`.
pub fn wilson90(k: f64, n: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let z = 1.644_853_626_951_472_2_f64;
    let p = k / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Scores one pattern from the runs' values (NaN values are left out; +∞ means censored).
pub fn score(spec: &Spec, record: &Target, values: &[f64]) -> Pattern {
    let mut xs: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    xs.sort_by(f64::total_cmp);
    let finite = |x: f64| if x.is_finite() { x } else { f64::NAN };
    let (median, q05, q95) = match spec.statistic {
        Statistic::Median => (
            finite(quantile_censored(&xs, 0.5)),
            finite(quantile_censored(&xs, 0.05)),
            finite(quantile_censored(&xs, 0.95)),
        ),
        Statistic::Share => {
            let n = xs.len() as f64;
            let k: f64 = xs.iter().sum();
            let (lo, hi) = wilson90(k, n);
            (if n > 0.0 { k / n } else { f64::NAN }, lo, hi)
        }
    };
    let tolerance = spec.tolerance.width(record.value);
    let distance = median - record.value;
    let pass = distance.is_finite() && distance.abs() <= tolerance + 1e-9;
    Pattern {
        name: spec.name.clone(),
        description: spec.description.clone(),
        group: spec.group,
        statistic: spec.statistic,
        record: record.value,
        record_rows: record.rows.clone(),
        sources: record.sources.clone(),
        median,
        q05,
        q95,
        distance,
        tolerance,
        runs_with_value: xs.iter().filter(|x| x.is_finite()).count() as u32,
        pass,
    }
}

/// The outcome of a validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    /// Runs in the ensemble.
    pub runs: u32,
    /// Master seed.
    pub seed: u64,
    /// The pass rule, in words.
    pub rule: String,
    /// The patterns.
    pub patterns: Vec<Pattern>,
    /// Share of patterns that pass.
    pub score: f64,
}

/// The pass rule as printed with every validation.
pub const RULE: &str = "A pattern passes when the ensemble median (for a share pattern, the share of runs) lies within \
                        the tolerance of the record: |median − record| ≤ tolerance. The 90 % interval is information only.";

/// Scores every pattern from the runs' statistics (one vector per run, in the order of
/// [`pattern_specs`]).
pub fn scorecard(record: &Record, runs: u32, seed: u64, sims: &[Vec<f64>]) -> Validation {
    let targets = record_targets(record);
    let patterns: Vec<Pattern> = pattern_specs()
        .iter()
        .enumerate()
        .map(|(k, spec)| {
            let xs: Vec<f64> = sims.iter().map(|s| s.get(k).copied().unwrap_or(f64::NAN)).collect();
            score(spec, &targets.values[k], &xs)
        })
        .collect();
    let score = patterns.iter().filter(|p| p.pass).count() as f64 / patterns.len() as f64;
    Validation { runs, seed, rule: RULE.into(), patterns, score }
}

/// Runs `runs` replays of `scenario` (already resolved) in parallel, in one pass that keeps
/// each run's year records and each state's status and warheads by year, and scores them.
pub fn validate(
    scenario: &model::Scenario,
    resolved: &engine::Resolved,
    record: &Record,
    runs: u32,
    seed: u64,
) -> Validation {
    let template = engine::Template::new(scenario, resolved);
    let recorder = state_recorder();
    let jobs: Vec<lab::Job<'_>> = (0..u64::from(runs)).map(|run| lab::Job { template: &template, run }).collect();
    let sims: Vec<Vec<f64>> = lab::Executor::new(seed)
        .run_with(&jobs, |_, job| {
            let (out, series) = recorder.run(job.template, seed, job.run);
            run_targets(&out.years, &state_years(&series.states))
        })
        .unwrap_or_else(|never| unreachable!("an ensemble without a cancellation flag finishes: {never}"));
    scorecard(record, runs, seed, &sims)
}
