//! Warhead production capacity estimated from the record: the `production_warheads_per_year`
//! of each state in the `history-1945` scenario (the most warheads the arsenal process may add
//! in a year, docs/model.md process 4) is the average yearly growth of that state's stockpile
//! over its build-up in the FAS series of data/inventories.csv (`fas-owid-2023`: Kristensen,
//! Korda & Norris, as packaged by Our World in Data), with the slowest and fastest five-year
//! growth within the build-up as the range.
//!
//! **The rule.** The build-up runs from the first year with a stockpile above zero to the first
//! year of the series' maximum. The estimate is (maximum − first stockpile) / (years between);
//! the range is the smallest and largest mean yearly growth over the five-year windows inside
//! the build-up (the whole build-up if it is shorter), widened if need be to hold the estimate
//! and floored at zero. The engine holds one capacity a state for the whole run, so the average
//! rate is the one that lets a replay reach the record's peak in the record's time when demand
//! runs ahead of production; the yearly capacity itself was not constant (fissile material bound
//! the first years; the fastest years ran several times the average).

use crate::record::Record;
use serde::Serialize;

/// The inventory series the rule reads: FAS stockpiles as packaged by OWID.
pub const SERIES: &str = "fas-owid-2023";

/// Length of the windows that give the range, in years.
pub const WINDOW_YEARS: i32 = 5;

/// One state's build-up and the production capacity estimated from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuildUp {
    /// ISO3 code.
    pub iso3: String,
    /// First year with a stockpile above zero.
    pub first_year: i32,
    /// Stockpile in that year.
    pub first: f64,
    /// First year of the series' maximum.
    pub peak_year: i32,
    /// The maximum.
    pub peak: f64,
    /// Average yearly growth over the build-up (warheads a year): the estimate.
    pub rate: f64,
    /// Slowest five-year mean yearly growth within the build-up (floored at zero).
    pub low: f64,
    /// Fastest five-year mean yearly growth within the build-up.
    pub high: f64,
}

/// `iso3`'s stockpile series, by year.
fn series(record: &Record, iso3: &str) -> Vec<(i32, f64)> {
    let mut s: Vec<(i32, f64)> = record
        .inventories
        .iter()
        .filter(|r| r.series == SERIES && r.iso3 == iso3)
        .filter_map(|r| r.warheads.map(|w| (r.year, w)))
        .collect();
    s.sort_by_key(|&(y, _)| y);
    s
}

/// `iso3`'s build-up in the FAS series; `None` if the series never holds a stockpile above zero
/// or its maximum comes in its first year with one.
pub fn build_up(record: &Record, iso3: &str) -> Option<BuildUp> {
    let s = series(record, iso3);
    let &(first_year, first) = s.iter().find(|&&(_, w)| w > 0.0)?;
    let (peak_year, peak) = s.iter().fold((first_year, first), |m, &(y, w)| if w > m.1 { (y, w) } else { m });
    if peak_year <= first_year {
        return None;
    }
    let rate = (peak - first) / f64::from(peak_year - first_year);
    let at = |year: i32| s.iter().find(|&&(y, _)| y == year).map(|&(_, w)| w);
    let window = WINDOW_YEARS.min(peak_year - first_year);
    let rates: Vec<f64> = (first_year..=peak_year - window)
        .filter_map(|y| Some((at(y + window)? - at(y)?) / f64::from(window)))
        .collect();
    let low = rates.iter().copied().fold(rate, f64::min).max(0.0);
    let high = rates.iter().copied().fold(rate, f64::max);
    Some(BuildUp { iso3: iso3.to_owned(), first_year, first, peak_year, peak, rate, low, high })
}

/// The build-up of every state in `states` that has one, in the order given.
pub fn build_ups(record: &Record, states: &[&str]) -> Vec<BuildUp> {
    states.iter().filter_map(|iso| build_up(record, iso)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Inventory;

    fn row(iso3: &str, year: i32, warheads: f64, series: &str) -> Inventory {
        Inventory::test_row(iso3, year, warheads, series)
    }

    /// Hand-computed: stockpile 0, 2, 4, 10, 12, 22, 30, 28 in 1945–52 (another series' 100
    /// ignored). Build-up 1946 (2) to 1951 (30): rate 28 / 5 = 5.6; windows of five years:
    /// 1946→1951 only, (30 − 2) / 5 = 5.6. A shorter build-up uses its own length as window.
    #[test]
    fn the_average_growth_over_the_build_up() {
        let mut record = Record::builtin().unwrap();
        let w = [0.0, 2.0, 4.0, 10.0, 12.0, 22.0, 30.0, 28.0];
        record.inventories = w.iter().enumerate().map(|(k, &x)| row("AAA", 1945 + k as i32, x, SERIES)).collect();
        record.inventories.push(row("AAA", 1949, 100.0, "other"));
        record.inventories.push(row("BBB", 1950, 1.0, SERIES));
        record.inventories.push(row("CCC", 1950, 0.0, SERIES));
        record.inventories.push(row("CCC", 1951, 4.0, SERIES));
        record.inventories.push(row("CCC", 1952, 10.0, SERIES));
        let b = build_up(&record, "AAA").unwrap();
        assert_eq!((b.first_year, b.first, b.peak_year, b.peak), (1946, 2.0, 1951, 30.0));
        assert!((b.rate - 5.6).abs() < 1e-12 && (b.low - 5.6).abs() < 1e-12 && (b.high - 5.6).abs() < 1e-12);
        // A single year with a stockpile is no build-up; neither is a missing series.
        assert!(build_up(&record, "BBB").is_none());
        assert!(build_up(&record, "DDD").is_none());
        // 1951 (4) to 1952 (10): rate 6, window 1 year, range [6, 6].
        let c = build_up(&record, "CCC").unwrap();
        assert_eq!((c.rate, c.low, c.high), (6.0, 6.0, 6.0));
    }

    /// Five-year windows: 0, 10, 10, 10, 10, 10, 40, 70 from 1950: build-up 1951 (10) to 1957
    /// (70), rate 60 / 6 = 10; windows 1951→56 (40 − 10) / 5 = 6, 1952→57 (70 − 10) / 5 = 12.
    #[test]
    fn the_range_is_the_slowest_and_fastest_five_years() {
        let mut record = Record::builtin().unwrap();
        let w = [0.0, 10.0, 10.0, 10.0, 10.0, 10.0, 40.0, 70.0];
        record.inventories = w.iter().enumerate().map(|(k, &x)| row("AAA", 1950 + k as i32, x, SERIES)).collect();
        let b = build_up(&record, "AAA").unwrap();
        assert_eq!((b.first_year, b.peak_year), (1951, 1957));
        assert!((b.rate - 10.0).abs() < 1e-12, "{}", b.rate);
        assert!((b.low - 6.0).abs() < 1e-12 && (b.high - 12.0).abs() < 1e-12, "{b:?}");
    }

    /// The record's US and Soviet build-ups, read off data/inventories.csv by hand: US 2 (1945)
    /// to 31,255 (1967), 31,253 / 22 = 1,420.6 a year; Soviet 1 (1949) to 40,159 (1986),
    /// 40,158 / 37 = 1,085.4 a year.
    #[test]
    fn the_us_and_soviet_build_ups_of_the_record() {
        let record = Record::builtin().unwrap();
        let us = build_up(&record, "USA").unwrap();
        assert_eq!((us.first_year, us.peak_year, us.peak), (1945, 1967, 31255.0));
        assert!((us.rate - 31253.0 / 22.0).abs() < 1e-9);
        let su = build_up(&record, "RUS").unwrap();
        assert_eq!((su.first_year, su.peak_year, su.peak), (1949, 1986, 40159.0));
        assert!((su.rate - 40158.0 / 37.0).abs() < 1e-9);
    }
}
