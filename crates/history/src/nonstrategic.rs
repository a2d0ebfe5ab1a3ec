//! Non-strategic (theatre) nuclear warheads of the United States and the Soviet Union/Russia,
//! from data/nonstrategic.csv, and the one coefficient of a theatre requirement estimated from
//! them (docs/model.md, "Known limits": the arms race is bounded by production, not by demand).
//!
//! **The file.** One row per state, year and source: the best value with the range the sources
//! give (`low`/`high`), and what is counted (`measure`): `stockpile` for all non-strategic
//! warheads assigned to forces, deployed or stored (retired warheads awaiting dismantlement are
//! not counted), `deployed` for those deployed only (in Europe), a lower bound on the stockpile.
//! Years no source gives are missing, never zero and never interpolated.
//!
//! **The theatre requirement.** Warheads held against the conventional forces of a state's rivals
//! and their allies, `non-strategic ≈ c × P`, where `P` is the conventional power of the rival
//! coalition that year in the `history-1945` scenario: the `conventional_power` (best) of every
//! state in a rivalry with the state that year (intensity above 0 after the scenario's `rivalry`
//! events to that year), plus the conventional power of each ally of those rivals (an alliance
//! in either direction, other than with the state itself) times the alliance's credibility that
//! year (after the `alliance-credibility` events), each state counted once at its largest
//! weight. `ln c` is estimated by least squares on `ln N − ln P` over the `stockpile` rows (best
//! values) of a window of years: their mean, with the standard error of a mean; `c` and its
//! standard error follow by the exponential and the delta method. The scenario holds each state's
//! conventional power fixed for the replay, so `P` moves only as rivalries and alliances start
//! and end; a window that spans 1991 mixes the Cold War requirement with the later one.

use crate::record::{Inventory, RecordError, parse_table};
use model::{EventKind, Scenario};
use serde::Deserialize;
use std::ops::RangeInclusive;

/// The file compiled in: (path, text).
pub const FILE: (&str, &str) = ("data/nonstrategic.csv", include_str!("../../../data/nonstrategic.csv"));

/// The values of `measure`.
pub const MEASURES: [&str; 2] = ["stockpile", "deployed"];

/// The values of `flag` (docs/record.md, Conventions).
pub const FLAGS: [&str; 4] = ["ok", "secondary", "check", "disputed"];

/// One row: a state's non-strategic warheads in a year, as one source (or concordant sources)
/// give them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Row {
    /// ISO3 code.
    pub iso3: String,
    /// COW code.
    pub cow: u32,
    /// Year.
    pub year: i32,
    /// Best value.
    pub warheads: f64,
    /// Lowest value the sources support.
    pub low: Option<f64>,
    /// Highest value the sources support.
    pub high: Option<f64>,
    /// `stockpile` or `deployed` (the module documentation).
    pub measure: String,
    /// Citation(s) with URL, joined by ` | `.
    pub source: String,
    /// Reliability flag (docs/record.md).
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

impl Row {
    /// The low value, the best where none is given.
    pub fn low(&self) -> f64 {
        self.low.unwrap_or(self.warheads)
    }

    /// The high value, the best where none is given.
    pub fn high(&self) -> f64 {
        self.high.unwrap_or(self.warheads)
    }
}

/// The rows of data/nonstrategic.csv, checked ([`check`]); errors name the file, line and field.
pub fn rows() -> Result<Vec<Row>, RecordError> {
    let rows: Vec<Row> = parse_table(FILE.0, FILE.1)?;
    check(&rows)?;
    Ok(rows)
}

/// The error for row `k` (0-based, after the header) of the file.
fn bad(k: usize, message: String) -> RecordError {
    RecordError { file: FILE.0.into(), line: k as u64 + 2, message }
}

/// Checks each row of the file: a source, a known `measure` and `flag`, and
/// `0 <= low <= warheads <= high`, all finite.
pub fn check(rows: &[Row]) -> Result<(), RecordError> {
    for (k, r) in rows.iter().enumerate() {
        if r.source.trim().is_empty() {
            return Err(bad(k, "field `source`: every row needs a source".into()));
        }
        if !MEASURES.contains(&r.measure.as_str()) {
            return Err(bad(k, format!("field `measure`: expected `stockpile` or `deployed`, got `{}`", r.measure)));
        }
        if !FLAGS.contains(&r.flag.as_str()) {
            return Err(bad(k, format!("field `flag`: expected one of {FLAGS:?}, got `{}`", r.flag)));
        }
        let (low, high) = (r.low(), r.high());
        let finite = low.is_finite() && r.warheads.is_finite() && high.is_finite();
        if !(finite && 0.0 <= low && low <= r.warheads && r.warheads <= high) {
            return Err(bad(
                k,
                format!("field `warheads`: expected 0 <= low <= warheads <= high, got {low}, {}, {high}", r.warheads),
            ));
        }
    }
    Ok(())
}

/// The military stockpile of `iso3` in `year` in data/inventories.csv: the FAS series
/// ([`crate::production::SERIES`]) where it has the year, else any series that does (SIPRI for
/// 2024–2025).
pub fn total(inventories: &[Inventory], iso3: &str, year: i32) -> Option<f64> {
    let of = |fas: bool| {
        inventories
            .iter()
            .filter(|r| r.iso3 == iso3 && r.year == year && (r.series == crate::production::SERIES) == fas)
            .find_map(|r| r.warheads)
    };
    of(true).or_else(|| of(false))
}

/// Checks that no row's high value exceeds the whole military stockpile of its state and year in
/// `inventories` (data/inventories.csv), and that the stockpile is known.
pub fn check_totals(rows: &[Row], inventories: &[Inventory]) -> Result<(), RecordError> {
    for (k, r) in rows.iter().enumerate() {
        let Some(t) = total(inventories, &r.iso3, r.year) else {
            return Err(bad(
                k,
                format!("field `year`: no stockpile of {} in {} in data/inventories.csv", r.iso3, r.year),
            ));
        };
        if r.high() > t {
            return Err(bad(
                k,
                format!(
                    "field `{}`: {} non-strategic warheads exceed the whole stockpile of {} in {} ({t})",
                    if r.high.is_some() { "high" } else { "warheads" },
                    r.high(),
                    r.iso3,
                    r.year
                ),
            ));
        }
    }
    Ok(())
}

/// An error of the theatre estimate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TheatreError {
    /// A state the coalition counts, or the state itself, is not in the scenario.
    #[error("state `{0}` is not in the scenario")]
    UnknownState(String),
    /// A state the coalition counts has no `conventional_power`.
    #[error("state `{0}` has no conventional_power in the scenario")]
    NoPower(String),
    /// Fewer than two observations with a rival coalition.
    #[error("{0} observation(s) with a rival coalition; the estimate needs at least 2")]
    TooFew(usize),
}

/// Whether `iso3` held weapons in `year` on the record: a stockpile above zero in
/// data/inventories.csv ([`total`]).
pub fn armed_in(inventories: &[Inventory], iso3: &str, year: i32) -> bool {
    total(inventories, iso3, year).is_some_and(|w| w > 0.0)
}

/// The conventional power of the coalition of `iso3`'s rivals in `year` in `scenario` (the
/// module documentation); 0 when the state has no active rivalry that year.
pub fn rival_coalition_power(scenario: &Scenario, iso3: &str, year: i32) -> Result<f64, TheatreError> {
    coalition(scenario, iso3, year).map(|(power, _)| power)
}

/// The rival coalition's power and the active rivals of `iso3` in `year`, in scenario order.
fn coalition(scenario: &Scenario, iso3: &str, year: i32) -> Result<(f64, Vec<String>), TheatreError> {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if !scenario.states.iter().any(|s| same(&s.iso3, iso3)) {
        return Err(TheatreError::UnknownState(iso3.to_owned()));
    }
    // Rivalry intensities and alliance credibilities after the events up to `year`, in the
    // order of the events list within a year.
    let mut intensity: Vec<f64> = scenario.rivalries.iter().map(|r| r.intensity.best).collect();
    let mut credibility: Vec<f64> = scenario.alliances.iter().map(|a| a.credibility.best).collect();
    let mut events: Vec<&model::Event> = scenario.events.iter().filter(|e| e.year <= year).collect();
    events.sort_by_key(|e| e.year);
    for e in events {
        match e.kind {
            EventKind::Rivalry => {
                if let (Some([a, b]), Some(v)) = (&e.pair, e.intensity) {
                    for (k, r) in scenario.rivalries.iter().enumerate() {
                        let [x, y] = &r.pair;
                        if (same(x, a) && same(y, b)) || (same(x, b) && same(y, a)) {
                            intensity[k] = v.best;
                        }
                    }
                }
            }
            EventKind::AllianceCredibility => {
                if let (Some(g), Some(p), Some(v)) = (&e.guarantor, &e.protege, e.credibility) {
                    for (k, a) in scenario.alliances.iter().enumerate() {
                        if same(&a.guarantor, g) && same(&a.protege, p) {
                            credibility[k] = v.best;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Each counted state with its weight: 1 for a rival, the largest credibility for an ally.
    let mut weight: Vec<(String, f64)> = Vec::new();
    let mut add = |who: &str, w: f64| {
        if let Some(entry) = weight.iter_mut().find(|(s, _)| same(s, who)) {
            entry.1 = entry.1.max(w);
        } else {
            weight.push((who.to_owned(), w));
        }
    };
    let rivals: Vec<&str> = scenario
        .rivalries
        .iter()
        .zip(&intensity)
        .filter(|&(_, &v)| v > 0.0)
        .filter_map(|(r, _)| {
            let [a, b] = &r.pair;
            if same(a, iso3) {
                Some(b.as_str())
            } else if same(b, iso3) {
                Some(a.as_str())
            } else {
                None
            }
        })
        .collect();
    for &j in &rivals {
        add(j, 1.0);
        for (a, &c) in scenario.alliances.iter().zip(&credibility) {
            let ally = if same(&a.guarantor, j) {
                &a.protege
            } else if same(&a.protege, j) {
                &a.guarantor
            } else {
                continue;
            };
            if c > 0.0 && !same(ally, iso3) {
                add(ally, c);
            }
        }
    }
    let mut power = 0.0;
    for (who, w) in &weight {
        let s = scenario
            .states
            .iter()
            .find(|s| same(&s.iso3, who))
            .ok_or_else(|| TheatreError::UnknownState(who.clone()))?;
        let p = s.conventional_power.ok_or_else(|| TheatreError::NoPower(who.clone()))?;
        power += w * p.best;
    }
    Ok((power, rivals.iter().map(|r| (*r).to_owned()).collect()))
}

/// One observation of the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct TheatrePoint {
    /// ISO3 code.
    pub iso3: String,
    /// Year.
    pub year: i32,
    /// Non-strategic warheads (best value of a `stockpile` row).
    pub warheads: f64,
    /// The rival coalition's conventional power that year.
    pub power: f64,
}

/// The estimate of `c` in `non-strategic ≈ c × P`.
#[derive(Debug, Clone, PartialEq)]
pub struct TheatreFit {
    /// `c`: warheads per unit of the rival coalition's conventional power (the leading power = 1).
    pub c: f64,
    /// Standard error of `c` (delta method from `ln c`).
    pub se: f64,
    /// `ln c`, the mean of `ln N − ln P`.
    pub ln_c: f64,
    /// Standard error of `ln c`: the sample standard deviation of `ln N − ln P` over `√n`.
    pub se_ln_c: f64,
    /// The observations used.
    pub points: Vec<TheatrePoint>,
    /// `stockpile` rows left out because the state had no rival coalition that year: (iso3, year).
    pub excluded: Vec<(String, i32)>,
}

/// Least squares of `ln N = ln c + ln P` on (warheads, power) pairs with both above zero:
/// (`ln c`, its standard error); `None` with fewer than two such pairs.
pub fn fit_log(pairs: &[(f64, f64)]) -> Option<(f64, f64)> {
    let d: Vec<f64> = pairs.iter().filter(|&&(n, p)| n > 0.0 && p > 0.0).map(|&(n, p)| n.ln() - p.ln()).collect();
    if d.len() < 2 {
        return None;
    }
    let n = d.len() as f64;
    let mean = d.iter().sum::<f64>() / n;
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some((mean, (var / n).sqrt()))
}

/// Estimates the theatre coefficient `c` from the `stockpile` rows of `rows` dated within
/// `years` and the rival coalitions of `scenario` (`history-1945`). As in the engine, a
/// coalition counts only while one of the state's active rivals is armed (`armed(iso3, year)`;
/// on the record, [`armed_in`]): rows without one are left out.
pub fn estimate(
    scenario: &Scenario,
    rows: &[Row],
    years: RangeInclusive<i32>,
    armed: impl Fn(&str, i32) -> bool,
) -> Result<TheatreFit, TheatreError> {
    let mut points = Vec::new();
    let mut excluded = Vec::new();
    for r in rows.iter().filter(|r| r.measure == "stockpile" && years.contains(&r.year)) {
        let (power, rivals) = coalition(scenario, &r.iso3, r.year)?;
        if power > 0.0 && r.warheads > 0.0 && rivals.iter().any(|j| armed(j, r.year)) {
            points.push(TheatrePoint { iso3: r.iso3.clone(), year: r.year, warheads: r.warheads, power });
        } else {
            excluded.push((r.iso3.clone(), r.year));
        }
    }
    let pairs: Vec<(f64, f64)> = points.iter().map(|p| (p.warheads, p.power)).collect();
    let (ln_c, se_ln_c) = fit_log(&pairs).ok_or(TheatreError::TooFew(points.len()))?;
    let c = ln_c.exp();
    Ok(TheatreFit { c, se: c * se_ln_c, ln_c, se_ln_c, points, excluded })
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // values read from the file are compared exactly
mod tests {
    use super::*;
    use crate::record::Record;

    fn row(iso3: &str, year: i32, warheads: f64, low: Option<f64>, high: Option<f64>) -> Row {
        Row {
            iso3: iso3.into(),
            cow: 0,
            year,
            warheads,
            low,
            high,
            measure: "stockpile".into(),
            source: "s".into(),
            flag: "ok".into(),
            note: None,
        }
    }

    fn inventory(iso3: &str, year: i32, warheads: f64, series: &str) -> Inventory {
        Inventory::test_row(iso3, year, warheads, series)
    }

    /// The file parses, every row has a source, the ranges are ordered, the US and Soviet
    /// rows of 1989 are the Databook's (10,000; 18,900 within 14,800–20,000), and no row exceeds
    /// the FAS stockpile of its state and year.
    #[test]
    fn the_file_parses_with_sources_and_fits_inside_the_totals() {
        let rows = rows().unwrap();
        assert!(rows.len() >= 10);
        assert!(rows.iter().all(|r| !r.source.trim().is_empty()));
        assert!(rows.iter().all(|r| r.low() <= r.warheads && r.warheads <= r.high()));
        assert!(rows.iter().all(|r| r.iso3 == "USA" || r.iso3 == "RUS"));
        let get = |iso3: &str, year: i32| rows.iter().find(|r| r.iso3 == iso3 && r.year == year).unwrap();
        assert_eq!(get("USA", 1989).warheads, 10000.0);
        let su = get("RUS", 1989);
        assert_eq!((su.low, su.warheads, su.high), (Some(14800.0), 18900.0, Some(20000.0)));
        let record = Record::builtin().unwrap();
        check_totals(&rows, &record.inventories).unwrap();
    }

    /// A row without a source, with an unknown measure or flag, or with its range out of order
    /// is rejected, naming its line and field.
    #[test]
    fn bad_rows_are_rejected_with_line_and_field() {
        let good = row("USA", 1989, 100.0, Some(50.0), Some(150.0));
        assert!(check(std::slice::from_ref(&good)).is_ok());
        let cases: Vec<(Row, &str)> = vec![
            (Row { source: " ".into(), ..good.clone() }, "field `source`"),
            (Row { measure: "total".into(), ..good.clone() }, "field `measure`"),
            (Row { flag: "maybe".into(), ..good.clone() }, "field `flag`"),
            (Row { low: Some(120.0), ..good.clone() }, "field `warheads`"),
            (Row { high: Some(90.0), ..good.clone() }, "field `warheads`"),
            (Row { warheads: f64::NAN, ..good.clone() }, "field `warheads`"),
            (Row { low: Some(-1.0), ..good.clone() }, "field `warheads`"),
        ];
        for (bad_row, field) in cases {
            let e = check(&[good.clone(), bad_row]).unwrap_err();
            assert_eq!((e.file.as_str(), e.line), (FILE.0, 3), "{e}");
            assert!(e.message.starts_with(field), "{e}");
        }
    }

    /// A row above its state's whole stockpile fails the check against the totals (FAS first,
    /// SIPRI where FAS has no year); a row without a total fails too.
    #[test]
    fn a_row_above_the_whole_stockpile_fails() {
        let inv = vec![
            inventory("AAA", 1989, 1000.0, crate::production::SERIES),
            inventory("AAA", 1989, 900.0, "other"),
            inventory("AAA", 2024, 500.0, "sipri-2024"),
        ];
        assert_eq!(total(&inv, "AAA", 1989), Some(1000.0));
        assert_eq!(total(&inv, "AAA", 2024), Some(500.0));
        assert!(check_totals(&[row("AAA", 1989, 950.0, None, Some(1000.0))], &inv).is_ok());
        let e = check_totals(&[row("AAA", 1989, 950.0, None, None), row("AAA", 1989, 950.0, None, Some(1001.0))], &inv)
            .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("field `high`"), "{e}");
        let e = check_totals(&[row("AAA", 2024, 501.0, None, None)], &inv).unwrap_err();
        assert!(e.message.starts_with("field `warheads`"), "{e}");
        let e = check_totals(&[row("AAA", 2000, 1.0, None, None)], &inv).unwrap_err();
        assert!(e.message.starts_with("field `year`"), "{e}");
    }

    /// Synthetic data with a known c = 2,500: warheads = c × P × e^(±0.1), the deviations
    /// summing to zero, so ln ĉ = ln 2,500 exactly; the standard error by hand: deviations
    /// +0.1, −0.1, +0.1, −0.1 have sample variance 4 × 0.01 / 3, so se(ln c) = √(0.04/3 / 4) =
    /// 0.057735…, se(c) = 2,500 × that = 144.337….
    #[test]
    fn the_log_fit_recovers_a_known_coefficient() {
        let c = 2500.0_f64;
        let power = [0.3, 0.8, 1.4, 2.0];
        let dev = [0.1, -0.1, 0.1, -0.1];
        let pairs: Vec<(f64, f64)> = power.iter().zip(dev).map(|(&p, d)| (c * p * f64::exp(d), p)).collect();
        let (ln_c, se) = fit_log(&pairs).unwrap();
        assert!((ln_c - c.ln()).abs() < 1e-12, "{ln_c}");
        assert!((se - (0.04_f64 / 3.0 / 4.0).sqrt()).abs() < 1e-12, "{se}");
        assert!((ln_c.exp() * se - 144.337_567_297_406_4).abs() < 1e-6);
        // Exact proportionality: zero standard error; a zero power is left out.
        let exact = [(1000.0, 0.5), (3000.0, 1.5), (7.0, 0.0)];
        let (ln_c, se) = fit_log(&exact).unwrap();
        assert!((ln_c - 2000.0_f64.ln()).abs() < 1e-12 && se.abs() < 1e-12);
        assert!(fit_log(&[(1.0, 1.0)]).is_none());
    }

    const WORLD: &str = r#"
schema = 1
[scenario]
name = "t"
title = "t"
as_of = "1945-12"
[simulation]
start_year = 1945
horizon_years = 40
[[states]]
iso3 = "AAA"
name = "A"
cow = 1
nuclear_status = "none"
npt = "non-member"
unacceptable_damage_warheads = 10
w80_warheads = 100
conventional_power = 1.0
[[states]]
iso3 = "BBB"
name = "B"
cow = 2
nuclear_status = "none"
npt = "non-member"
unacceptable_damage_warheads = 10
w80_warheads = 100
conventional_power = 0.6
[[states]]
iso3 = "CCC"
name = "C"
cow = 3
nuclear_status = "none"
npt = "non-member"
unacceptable_damage_warheads = 10
w80_warheads = 100
conventional_power = 0.2
[[states]]
iso3 = "DDD"
name = "D"
cow = 4
nuclear_status = "none"
npt = "non-member"
unacceptable_damage_warheads = 10
w80_warheads = 100
conventional_power = 0.4
[[rivalries]]
pair = ["AAA", "BBB"]
intensity = 0.8
distance_km = 1000
[[rivalries]]
pair = ["DDD", "AAA"]
intensity = 0
distance_km = 1000
[[alliances]]
guarantor = "BBB"
protege = "CCC"
kind = "defence-pact"
credibility = 0.0
[[alliances]]
guarantor = "AAA"
protege = "CCC"
kind = "defence-pact"
credibility = 0.3
[[events]]
year = 1950
kind = "alliance-credibility"
guarantor = "BBB"
protege = "CCC"
credibility = 0.5
[[events]]
year = 1960
kind = "rivalry"
pair = ["AAA", "DDD"]
intensity = 0.7
[[events]]
year = 1970
kind = "rivalry"
pair = ["BBB", "AAA"]
intensity = 0
"#;

    fn world() -> Scenario {
        model::parse_scenario(WORLD, "t.toml").unwrap()
    }

    /// By hand, for AAA: 1945, rival BBB (0.6; its ally CCC at credibility 0) = 0.6; 1955, CCC
    /// at 0.5 = 0.6 + 0.5 × 0.2 = 0.7; 1965, DDD joins = 1.1; 1975, only DDD = 0.4. For BBB in
    /// 1955: AAA (1.0) and AAA's ally CCC at 0.3 = 1.06 (BBB's own alliance with CCC is not the
    /// coalition against BBB, but AAA's is). CCC has no rival: 0.
    #[test]
    fn the_rival_coalition_follows_the_events() {
        let w = world();
        let p = |s: &str, y: i32| rival_coalition_power(&w, s, y).unwrap();
        assert!((p("AAA", 1945) - 0.6).abs() < 1e-12);
        assert!((p("AAA", 1955) - 0.7).abs() < 1e-12);
        assert!((p("AAA", 1965) - 1.1).abs() < 1e-12);
        assert!((p("AAA", 1975) - 0.4).abs() < 1e-12);
        assert!((p("BBB", 1955) - 1.06).abs() < 1e-12);
        assert_eq!(p("CCC", 1955), 0.0);
        assert_eq!(rival_coalition_power(&w, "ZZZ", 1955), Err(TheatreError::UnknownState("ZZZ".into())));
    }

    /// The estimate on the synthetic world: AAA 1955 (P 0.7) with 1,400 and AAA 1965 (P 1.1)
    /// with 2,200 give c = 2,000 exactly; CCC (no rival) is left out, `deployed` rows are not
    /// read, and one usable row is too few.
    #[test]
    fn the_estimate_uses_stockpile_rows_with_a_rival_coalition() {
        let w = world();
        let mut deployed = row("AAA", 1975, 99.0, None, None);
        deployed.measure = "deployed".into();
        let rows = vec![
            row("AAA", 1955, 1400.0, None, None),
            row("AAA", 1965, 2200.0, None, None),
            row("CCC", 1955, 50.0, None, None),
            deployed,
        ];
        let all = |_: &str, _: i32| true;
        let f = estimate(&w, &rows, 1945..=1990, all).unwrap();
        assert!((f.c - 2000.0).abs() < 1e-9 && f.se.abs() < 1e-9, "{f:?}");
        assert_eq!(f.points.len(), 2);
        assert_eq!(f.excluded, vec![("CCC".to_owned(), 1955)]);
        assert_eq!(estimate(&w, &rows[..1], 1945..=1990, all), Err(TheatreError::TooFew(1)));
        assert_eq!(estimate(&w, &rows, 1960..=1990, all), Err(TheatreError::TooFew(1)));
        // A coalition counts only while a rival is armed: with none armed in 1955, the 1955
        // row is left out.
        let armed_from_1960 = |_: &str, year: i32| year >= 1960;
        assert_eq!(estimate(&w, &rows, 1945..=1990, armed_from_1960), Err(TheatreError::TooFew(1)));
    }

    /// On the file and the built-in history-1945 scenario the estimate exists, every
    /// `stockpile` row of a year with a rival coalition is used, and c lies inside the range of
    /// the single-year ratios N / P.
    #[test]
    fn the_estimate_on_the_record() {
        let b = model::builtin::get("history-1945").unwrap();
        let s = model::parse_scenario(b.text, b.path).unwrap();
        let rows = rows().unwrap();
        let record = Record::builtin().unwrap();
        let f = estimate(&s, &rows, 1945..=2025, |j, y| armed_in(&record.inventories, j, y)).unwrap();
        let used = rows.iter().filter(|r| r.measure == "stockpile").count();
        assert_eq!(f.points.len() + f.excluded.len(), used);
        let ratios: Vec<f64> = f.points.iter().map(|p| p.warheads / p.power).collect();
        let (lo, hi) = ratios.iter().fold((f64::INFINITY, 0.0_f64), |(a, b), &r| (a.min(r), b.max(r)));
        assert!(lo <= f.c && f.c <= hi, "{f:?}");
        assert!(f.se > 0.0);
    }

    /// The engine's theatre coefficients are the estimates: the Cold War coefficient (rows to
    /// 1990) and the share of it that the rows from the restraint year on show, to the digits
    /// the defaults carry.
    #[test]
    fn the_engine_defaults_are_the_estimates() {
        let b = model::builtin::get("history-1945").unwrap();
        let s = model::parse_scenario(b.text, b.path).unwrap();
        let rows = rows().unwrap();
        let p = engine::params::Params::default();
        let year = p.theatre_restraint_year as i32;
        let record = Record::builtin().unwrap();
        let armed = |j: &str, y: i32| armed_in(&record.inventories, j, y);
        let cold = estimate(&s, &rows, 1945..=year - 1, armed).unwrap();
        let after = estimate(&s, &rows, year..=2025, armed).unwrap();
        assert_eq!(p.theatre_warheads_per_power, cold.c.round(), "{cold:?}");
        let share = after.c / cold.c;
        assert!((p.theatre_restraint_factor - share).abs() < 5e-5, "{share}");
    }
}
