//! The curated historical record (data/*.csv, compiled in): one typed table per file, each row
//! with its source. Files are parsed strictly: a bad row names its file, line and field.
//! docs/record.md documents coverage and sources.

use serde::{Deserialize, Serialize};

/// A bad row in a record file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RecordError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// A state's nuclear programme (Bleek 2017; Singh & Way 2004).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// ISO3.
    pub iso3: String,
    /// Correlates of War code.
    pub cow: u32,
    /// Name.
    pub name: String,
    /// Bleek: first year of exploring.
    pub explore_start: Option<i32>,
    /// Bleek: last year of exploring.
    pub explore_end: Option<i32>,
    /// Bleek: first year of pursuit.
    pub pursue_start: Option<i32>,
    /// Bleek: last year of pursuit.
    pub pursue_end: Option<i32>,
    /// Bleek: year of acquisition.
    pub acquire_year: Option<i32>,
    /// Year weapons were given up.
    pub gave_up_year: Option<i32>,
    /// Singh & Way: exploration onset.
    pub sw_explore: Option<i32>,
    /// Singh & Way: pursuit onset.
    pub sw_pursue: Option<i32>,
    /// Singh & Way: acquisition.
    pub sw_acquire: Option<i32>,
    /// First nuclear test (ISO date).
    pub first_test: Option<String>,
    /// Status in 2025.
    pub status_2025: String,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// One pursuit spell of a programme (Bleek 2017): a state pursued weapons from `start` until
/// `end`, when it acquired them or stopped; an `ongoing` spell was open in 2017.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pursuit {
    /// ISO3.
    pub iso3: String,
    /// Correlates of War code.
    pub cow: u32,
    /// First year of the spell.
    pub start: i32,
    /// Year the spell ended (empty when ongoing).
    pub end: Option<i32>,
    /// `acquired`, `stopped` or `ongoing`.
    pub outcome: String,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// NPT membership of a state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NptRecord {
    /// ISO3.
    pub iso3: String,
    /// COW code.
    pub cow: u32,
    /// Name.
    pub name: String,
    /// Signature date.
    pub signed: Option<String>,
    /// Ratification or accession date.
    pub joined: Option<String>,
    /// Withdrawal date.
    pub withdrawn: Option<String>,
    /// Status in 2025.
    pub status_2025: String,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// A stockpile estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// ISO3.
    pub iso3: String,
    /// COW code.
    pub cow: u32,
    /// Year.
    pub year: i32,
    /// Military stockpile (best).
    pub warheads: Option<f64>,
    /// Lower estimate.
    pub low: Option<f64>,
    /// Upper estimate.
    pub high: Option<f64>,
    /// Series.
    pub series: String,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
}

impl Inventory {
    /// A test row of series `series`: `warheads` for `iso3` in `year`, no range, source or COW code.
    #[cfg(test)]
    pub(crate) fn test_row(iso3: &str, year: i32, warheads: f64, series: &str) -> Inventory {
        Inventory {
            iso3: iso3.into(),
            cow: 0,
            year,
            warheads: Some(warheads),
            low: None,
            high: None,
            series: series.into(),
            source: String::new(),
            flag: "ok".into(),
        }
    }
}

/// A regime event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegimeEvent {
    /// Date.
    pub date: String,
    /// Kind.
    pub kind: String,
    /// What happened.
    pub event: String,
    /// ISO3 codes separated by `;`.
    pub states: Option<String>,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// A preventive strike on a programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreventiveStrike {
    /// Date.
    pub date: String,
    /// Striker(s), ISO3 separated by `;`.
    pub striker: String,
    /// Target ISO3.
    pub target: String,
    /// Facility.
    pub facility: Option<String>,
    /// air, cyber or ground.
    pub kind: String,
    /// none or during-war.
    pub war_context: String,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// A crisis or war involving a nuclear-armed state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crisis {
    /// Name.
    pub name: String,
    /// Start date.
    pub start: String,
    /// End date.
    pub end: Option<String>,
    /// Side A ISO3 codes separated by `;`.
    pub side_a: String,
    /// Side B.
    pub side_b: String,
    /// Both sides armed at the start.
    pub both_armed: bool,
    /// none, minor-clashes, serious-clashes or full-war.
    pub highest_violence: Option<String>,
    /// At least 1,000 battle deaths.
    pub war: Option<bool>,
    /// Battle deaths, low estimate.
    pub battle_deaths_low: Option<f64>,
    /// Battle deaths, high estimate.
    pub battle_deaths_high: Option<f64>,
    /// Nuclear threat made (empty: unknown).
    pub nuclear_threat: Option<String>,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// A serious false warning of nuclear attack that reached decision-makers or alert forces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FalseAlarm {
    /// Date.
    pub date: String,
    /// ISO3 of the state whose warning system raised it.
    pub state: String,
    /// The warning system.
    pub system: String,
    /// What happened.
    pub event: String,
    /// Source.
    pub source: String,
    /// Quality flag.
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// The whole record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Programmes.
    pub programmes: Vec<Programme>,
    /// NPT membership.
    pub npt: Vec<NptRecord>,
    /// Stockpile series.
    pub inventories: Vec<Inventory>,
    /// Regime events.
    pub regime_events: Vec<RegimeEvent>,
    /// Preventive strikes.
    pub preventive_strikes: Vec<PreventiveStrike>,
    /// Crises and wars involving nuclear-armed states.
    pub crises: Vec<Crisis>,
    /// Serious false warnings of nuclear attack.
    pub false_alarms: Vec<FalseAlarm>,
    /// Pursuit spells.
    pub pursuits: Vec<Pursuit>,
}

/// The record files compiled into the binary: (path, text).
pub const FILES: [(&str, &str); 8] = [
    ("data/programmes.csv", include_str!("../../../data/programmes.csv")),
    ("data/npt.csv", include_str!("../../../data/npt.csv")),
    ("data/inventories.csv", include_str!("../../../data/inventories.csv")),
    ("data/regime_events.csv", include_str!("../../../data/regime_events.csv")),
    ("data/preventive_strikes.csv", include_str!("../../../data/preventive_strikes.csv")),
    ("data/crises.csv", include_str!("../../../data/crises.csv")),
    ("data/false_alarms.csv", include_str!("../../../data/false_alarms.csv")),
    ("data/pursuits.csv", include_str!("../../../data/pursuits.csv")),
];

/// Parses one CSV table, checking every row has a non-empty source.
pub fn parse_table<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<Vec<T>, RecordError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers =
        reader.headers().map_err(|e| RecordError { file: file.into(), line: 1, message: e.to_string() })?.clone();
    let source_col = headers.iter().position(|h| h == "source");
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| RecordError {
            file: file.into(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        if let Some(c) = source_col
            && rec.get(c).is_none_or(|s| s.trim().is_empty())
        {
            return Err(RecordError {
                file: file.into(),
                line,
                message: "field `source`: every row needs a source".into(),
            });
        }
        let row: T = rec.deserialize(Some(&headers)).map_err(|e| RecordError {
            file: file.into(),
            line,
            message: match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => format!(
                    "{}{err}",
                    err.field()
                        .and_then(|i| headers.get(i as usize))
                        .map(|h| format!("field `{h}`: "))
                        .unwrap_or_default()
                ),
                _ => e.to_string(),
            },
        })?;
        out.push(row);
    }
    Ok(out)
}

impl Record {
    /// The compiled-in record.
    pub fn builtin() -> Result<Record, RecordError> {
        let [p, n, i, r, s, c, f, u] = FILES;
        Ok(Record {
            programmes: parse_table(p.0, p.1)?,
            npt: parse_table(n.0, n.1)?,
            inventories: parse_table(i.0, i.1)?,
            regime_events: parse_table(r.0, r.1)?,
            preventive_strikes: parse_table(s.0, s.1)?,
            crises: parse_table(c.0, c.1)?,
            false_alarms: parse_table(f.0, f.1)?,
            pursuits: parse_table(u.0, u.1)?,
        })
    }

    /// Distinct source citations of every file, with the file they appear in.
    pub fn sources(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut push = |file: &str, s: &str| {
            for part in s.split(" | ") {
                let part = part.trim().to_owned();
                if !part.is_empty() && !out.iter().any(|(_, x)| *x == part) {
                    out.push((file.to_owned(), part));
                }
            }
        };
        self.programmes.iter().for_each(|r| push("data/programmes.csv", &r.source));
        self.npt.iter().for_each(|r| push("data/npt.csv", &r.source));
        self.inventories.iter().for_each(|r| push("data/inventories.csv", &r.source));
        self.regime_events.iter().for_each(|r| push("data/regime_events.csv", &r.source));
        self.preventive_strikes.iter().for_each(|r| push("data/preventive_strikes.csv", &r.source));
        self.crises.iter().for_each(|r| push("data/crises.csv", &r.source));
        self.false_alarms.iter().for_each(|r| push("data/false_alarms.csv", &r.source));
        self.pursuits.iter().for_each(|r| push("data/pursuits.csv", &r.source));
        out
    }

    /// Year of a date string (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub fn year_of(date: &str) -> Option<i32> {
        date.get(..4).and_then(|y| y.parse().ok())
    }
}
