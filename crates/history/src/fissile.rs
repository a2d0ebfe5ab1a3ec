//! Fissile material produced, from data/fissile.csv: the dated totals of weapon plutonium and
//! highly enriched uranium that bound each state's stockpile in the engine (`fissile_material`
//! of a scenario state; docs/model.md, "Fissile material").
//!
//! **The rule.** A state's series is the union of the years of its rows; at each year each
//! material is its own rows' value, linear between them and held after the last (the engine
//! reads the series the same way, `engine::arsenal::material_at`, so the union points change
//! nothing). A state gets a series only if both materials are known and its production has
//! ended by its last row (`ongoing` = `no`): for a producer that goes on (Israel, India,
//! Pakistan, North Korea) the totals after the last row are unknown, and unknown is no bound.
//! `stock` rows (holdings, IPFM) stand in for production where no production total is
//! published; they are below it by what tests and losses consumed.

use crate::record::{Record, RecordError, parse_table};
use model::{Estimate, FissilePoint};
use serde::{Deserialize, Serialize};

/// The file compiled in: (path, text).
pub const FILE: (&str, &str) = ("data/fissile.csv", include_str!("../../../data/fissile.csv"));

/// One row: a state's cumulative production (or stock) of one material at the end of a year.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Row {
    /// ISO3 code.
    pub iso3: String,
    /// COW code.
    pub cow: u32,
    /// Year (the total at its end).
    pub year: i32,
    /// `plutonium` or `heu`.
    pub material: String,
    /// Tonnes (best value).
    pub tonnes: f64,
    /// Lowest value the sources support.
    pub low: Option<f64>,
    /// Highest value the sources support.
    pub high: Option<f64>,
    /// `production` (cumulative produced) or `stock` (holdings at the date).
    pub measure: String,
    /// `yes` if the state was still producing at the row's date.
    pub ongoing: String,
    /// Citation(s) with URL, joined by ` | `.
    pub source: String,
    /// Reliability flag (docs/record.md).
    pub flag: String,
    /// Note.
    pub note: Option<String>,
}

/// The rows of data/fissile.csv; errors name the file and line.
pub fn rows() -> Result<Vec<Row>, RecordError> {
    let rows: Vec<Row> = parse_table(FILE.0, FILE.1)?;
    for (k, r) in rows.iter().enumerate() {
        let bad = |message: String| RecordError { file: FILE.0.into(), line: k as u64 + 2, message };
        if r.material != "plutonium" && r.material != "heu" {
            return Err(bad(format!("field `material`: expected `plutonium` or `heu`, got `{}`", r.material)));
        }
        if r.measure != "production" && r.measure != "stock" {
            return Err(bad(format!("field `measure`: expected `production` or `stock`, got `{}`", r.measure)));
        }
        if r.ongoing != "yes" && r.ongoing != "no" {
            return Err(bad(format!("field `ongoing`: expected `yes` or `no`, got `{}`", r.ongoing)));
        }
        let low = r.low.unwrap_or(r.tonnes);
        let high = r.high.unwrap_or(r.tonnes);
        if !(r.tonnes.is_finite() && 0.0 <= low && low <= r.tonnes && r.tonnes <= high) {
            return Err(bad(format!(
                "field `tonnes`: expected 0 <= low <= tonnes <= high, got {low}, {}, {high}",
                r.tonnes
            )));
        }
    }
    Ok(rows)
}

/// One material's value at `year` from its rows (sorted by year): linear between rows, the last
/// row's after it, `None` before the first.
fn value_at(points: &[(i32, Estimate)], year: i32) -> Option<Estimate> {
    let first = points.first()?;
    if year < first.0 {
        return None;
    }
    for pair in points.windows(2) {
        let ((ya, a), (yb, b)) = (pair[0], pair[1]);
        if year < yb {
            let t = f64::from(year - ya) / f64::from(yb - ya);
            let mix = |x: f64, y: f64| x + t * (y - x);
            return Some(Estimate { low: mix(a.low, b.low), best: mix(a.best, b.best), high: mix(a.high, b.high) });
        }
    }
    points.last().map(|p| p.1)
}

/// `iso3`'s series for the scenario's `fissile_material` (the rule above); empty when a
/// material is unknown or production goes on after the last row.
pub fn series(rows: &[Row], iso3: &str) -> Vec<FissilePoint> {
    let of = |material: &str| {
        let mut v: Vec<(i32, Estimate)> = rows
            .iter()
            .filter(|r| r.iso3 == iso3 && r.material == material)
            .map(|r| {
                (r.year, Estimate { low: r.low.unwrap_or(r.tonnes), best: r.tonnes, high: r.high.unwrap_or(r.tonnes) })
            })
            .collect();
        v.sort_by_key(|p| p.0);
        v
    };
    let (pu, heu) = (of("plutonium"), of("heu"));
    let ongoing = rows.iter().filter(|r| r.iso3 == iso3).max_by_key(|r| r.year).is_none_or(|r| r.ongoing == "yes");
    if pu.is_empty() || heu.is_empty() || ongoing {
        return Vec::new();
    }
    let mut years: Vec<i32> = pu.iter().chain(&heu).map(|p| p.0).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .filter_map(|year| {
            Some(FissilePoint { year, plutonium_tonnes: value_at(&pu, year)?, heu_tonnes: value_at(&heu, year)? })
        })
        .collect()
}

/// How close one state's recorded stockpile came to its fissile bound.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headroom {
    /// ISO3 code.
    pub iso3: String,
    /// Year of the smallest ratio.
    pub year: i32,
    /// Plutonium and HEU to date in that year, tonnes.
    pub plutonium: f64,
    /// HEU to date in that year, tonnes.
    pub heu: f64,
    /// Warheads the material supports at the per-warhead masses given.
    pub bound: f64,
    /// The FAS stockpile that year.
    pub stockpile: f64,
    /// bound / stockpile: the factor by which both per-warhead masses could grow before the
    /// record broke the bound (below 1: the record breaks it).
    pub ratio: f64,
}

/// For `iso3`'s series, the year in which the recorded stockpile (FAS series of
/// data/inventories.csv) comes closest to the bound at `pu_kg` and `heu_kg` a warhead: the
/// smallest bound / stockpile over the years with a stockpile above zero and a known bound.
pub fn headroom(record: &Record, rows: &[Row], iso3: &str, pu_kg: f64, heu_kg: f64) -> Option<Headroom> {
    let points = series(rows, iso3);
    if points.is_empty() || pu_kg <= 0.0 || heu_kg <= 0.0 {
        return None;
    }
    let pu: Vec<(i32, Estimate)> = points.iter().map(|p| (p.year, p.plutonium_tonnes)).collect();
    let heu: Vec<(i32, Estimate)> = points.iter().map(|p| (p.year, p.heu_tonnes)).collect();
    record
        .inventories
        .iter()
        .filter(|r| r.series == crate::production::SERIES && r.iso3 == iso3)
        .filter_map(|r| {
            let stockpile = r.warheads.filter(|&w| w > 0.0)?;
            let (p, h) = (value_at(&pu, r.year)?.best, value_at(&heu, r.year)?.best);
            let bound = 1000.0 * (p / pu_kg + h / heu_kg);
            Some(Headroom {
                iso3: iso3.to_owned(),
                year: r.year,
                plutonium: p,
                heu: h,
                bound,
                stockpile,
                ratio: bound / stockpile,
            })
        })
        .min_by(|a, b| a.ratio.total_cmp(&b.ratio).then(a.year.cmp(&b.year)))
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // values read from the file are compared exactly
mod tests {
    use super::*;

    fn row(iso3: &str, year: i32, material: &str, tonnes: f64, ongoing: &str) -> Row {
        Row {
            iso3: iso3.into(),
            cow: 0,
            year,
            material: material.into(),
            tonnes,
            low: None,
            high: None,
            measure: "production".into(),
            ongoing: ongoing.into(),
            source: "s".into(),
            flag: "ok".into(),
            note: None,
        }
    }

    /// Hand-computed: plutonium 0 (1944) and 100 (1988); HEU 0 (1944), 480 (1964), 1,000 (1992).
    /// Union years 1944, 1964, 1988, 1992: plutonium 0, 100 × 20/44 = 45.4545…, 100, 100; HEU 0,
    /// 480, 480 + 520 × 24/28 = 925.714…, 1,000.
    #[test]
    fn the_union_of_years_with_each_material_interpolated() {
        let rows = vec![
            row("AAA", 1944, "plutonium", 0.0, "no"),
            row("AAA", 1988, "plutonium", 100.0, "no"),
            row("AAA", 1944, "heu", 0.0, "no"),
            row("AAA", 1964, "heu", 480.0, "no"),
            row("AAA", 1992, "heu", 1000.0, "no"),
        ];
        let s = series(&rows, "AAA");
        let years: Vec<i32> = s.iter().map(|p| p.year).collect();
        assert_eq!(years, [1944, 1964, 1988, 1992]);
        let pu: Vec<f64> = s.iter().map(|p| p.plutonium_tonnes.best).collect();
        let heu: Vec<f64> = s.iter().map(|p| p.heu_tonnes.best).collect();
        assert!((pu[1] - 100.0 * 20.0 / 44.0).abs() < 1e-9 && pu[2] == 100.0 && pu[3] == 100.0, "{pu:?}");
        assert!(heu[1] == 480.0 && (heu[2] - (480.0 + 520.0 * 24.0 / 28.0)).abs() < 1e-9 && heu[3] == 1000.0);
    }

    /// A producer that goes on, or a state with one material unknown, has no series.
    #[test]
    fn no_series_without_both_materials_or_while_production_goes_on() {
        let rows = vec![
            row("BBB", 2010, "plutonium", 0.5, "yes"),
            row("BBB", 2010, "heu", 1.3, "yes"),
            row("CCC", 2010, "plutonium", 0.03, "no"),
        ];
        assert!(series(&rows, "BBB").is_empty());
        assert!(series(&rows, "CCC").is_empty());
        assert!(series(&rows, "DDD").is_empty());
    }

    /// The file parses, every row has a source, and the US and Soviet totals are the sources':
    /// 103.4 t of plutonium (DOE 1996), 994 t of HEU (DOE 1994), 1,250 ± 120 t of HEU (Podvig
    /// 2011).
    #[test]
    fn the_file_parses_with_sources() {
        let rows = rows().unwrap();
        assert!(rows.iter().all(|r| !r.source.trim().is_empty()));
        let last = |iso3: &str, m: &str| {
            rows.iter().filter(|r| r.iso3 == iso3 && r.material == m).max_by_key(|r| r.year).unwrap().clone()
        };
        assert_eq!(last("USA", "plutonium").tonnes, 103.4);
        assert_eq!(last("USA", "heu").tonnes, 994.0);
        let su = last("RUS", "heu");
        assert_eq!((su.low, su.tonnes, su.high), (Some(1130.0), 1250.0, Some(1370.0)));
        for iso3 in ["USA", "RUS", "GBR", "FRA", "CHN"] {
            assert!(!series(&rows, iso3).is_empty(), "{iso3}");
        }
        for iso3 in ["ISR", "IND", "PAK", "PRK"] {
            assert!(series(&rows, iso3).is_empty(), "{iso3}");
        }
    }

    /// The record's closest approach, by hand: a stockpile of 100 (1950) and 300 (1960) with
    /// 0.4 t of plutonium in 1950 and 1.0 t in 1960 (no HEU) at 4 kg: bounds 100 and 250,
    /// ratios 1.0 and 0.8333…; the smallest is 1960's.
    #[test]
    fn headroom_is_the_smallest_bound_over_stockpile() {
        let mut record = Record::builtin().unwrap();
        let inv = |year: i32, w: f64| crate::record::Inventory {
            iso3: "AAA".into(),
            cow: 0,
            year,
            warheads: Some(w),
            low: None,
            high: None,
            series: crate::production::SERIES.into(),
            source: String::new(),
            flag: "ok".into(),
        };
        record.inventories = vec![inv(1950, 100.0), inv(1960, 300.0)];
        let rows = vec![
            row("AAA", 1950, "plutonium", 0.4, "no"),
            row("AAA", 1960, "plutonium", 1.0, "no"),
            row("AAA", 1950, "heu", 0.0, "no"),
        ];
        let h = headroom(&record, &rows, "AAA", 4.0, 18.0).unwrap();
        assert_eq!(h.year, 1960);
        assert!((h.bound - 250.0).abs() < 1e-9 && (h.ratio - 250.0 / 300.0).abs() < 1e-12, "{h:?}");
        assert!(headroom(&record, &rows, "AAA", 0.0, 18.0).is_none());
    }
}
