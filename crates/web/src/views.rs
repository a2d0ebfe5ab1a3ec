//! The explorer's per-dyad view and world map: each rival pair's yearly series and each state's
//! nuclear status by year, summarised over the runs of an ensemble.
//!
//! A run is first reduced ([`DyadRun`], [`status_by_year`]) so that only small arrays outlive
//! it; [`dyad_views`] and [`status_views`] then summarise the reduced runs year by year.

use engine::observe::DyadYearRecord;
use engine::record::{EventKind, EventRecord};
use model::NuclearStatus;
use serde::Serialize;
use std::collections::BTreeMap;

/// Fewest runs (with the value defined) for which a 90 % band over runs is shown; below it the
/// page says "too few runs". The same threshold as the page's intervals.
pub const MIN_N: usize = 30;

/// A yearly band over runs: the median and the 5–95 % quantiles (type 7, `stats::summarise`),
/// and how many runs define the value each year. The median is missing (`null`) in years no run
/// defines it; the band is missing in years with fewer than [`MIN_N`] runs defining it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// 5 % quantile by year.
    pub q05: Vec<Option<f64>>,
    /// Median by year.
    pub q50: Vec<Option<f64>>,
    /// 95 % quantile by year.
    pub q95: Vec<Option<f64>>,
    /// Runs with the value defined, by year.
    pub n: Vec<usize>,
}

impl Band {
    /// The band of `values[year][run]` (NaN where undefined).
    pub fn of(values: &[Vec<f64>]) -> Band {
        let mut b = Band { q05: vec![], q50: vec![], q95: vec![], n: vec![] };
        for year in values {
            let s = stats::summarise(year);
            let some = |v: f64| if v.is_nan() { None } else { Some(v) };
            let wide = s.n >= MIN_N;
            b.q05.push(if wide { some(s.q05) } else { None });
            b.q50.push(some(s.q50));
            b.q95.push(if wide { some(s.q95) } else { None });
            b.n.push(s.n);
        }
        b
    }
}

/// One dyad-year of one run, reduced to what the dyad view shows.
#[derive(Debug, Clone, Copy)]
struct DyadPoint {
    adequacy1: f64,
    adequacy2: f64,
    fsi: f64,
    crisis: bool,
    max_rung: u8,
}

/// The dyad-years of one run, by pair (COW codes) and year index.
#[derive(Debug, Clone, Default)]
pub struct DyadRun {
    pairs: BTreeMap<(u32, u32), PairRun>,
}

#[derive(Debug, Clone)]
struct PairRun {
    iso: (String, String),
    points: Vec<Option<DyadPoint>>,
}

impl DyadRun {
    /// Reduces a run's dyad-year records (`start_year` is the first simulated year, `years` the
    /// number of years).
    pub fn new(records: &[DyadYearRecord], start_year: i32, years: usize) -> DyadRun {
        let mut pairs: BTreeMap<(u32, u32), PairRun> = BTreeMap::new();
        for d in records {
            let Ok(y) = usize::try_from(d.year - start_year) else { continue };
            if y >= years {
                continue;
            }
            let pair = pairs.entry((d.ccode1, d.ccode2)).or_insert_with(|| PairRun {
                iso: (d.iso3_1.as_str().to_owned(), d.iso3_2.as_str().to_owned()),
                points: vec![None; years],
            });
            pair.points[y] = Some(DyadPoint {
                adequacy1: d.adequacy1.unwrap_or(f64::NAN),
                adequacy2: d.adequacy2.unwrap_or(f64::NAN),
                fsi: d.fss_index.unwrap_or(f64::NAN),
                crisis: d.crisis,
                max_rung: d.max_rung,
            });
        }
        DyadRun { pairs }
    }
}

/// One rival pair's yearly series over the runs.
#[derive(Debug, Clone, Serialize)]
pub struct DyadView {
    /// ISO 3166-1 alpha-3 of the first state.
    pub iso3_1: String,
    /// ISO 3166-1 alpha-3 of the second state.
    pub iso3_2: String,
    /// COW code of the first state.
    pub ccode1: u32,
    /// COW code of the second state.
    pub ccode2: u32,
    /// The first state's second-strike adequacy against the second (defined while the second
    /// is armed).
    pub adequacy1: Band,
    /// The second state's adequacy against the first.
    pub adequacy2: Band,
    /// First-strike stability index (defined while both are armed).
    pub fsi: Band,
    /// Share of runs with a crisis in the pair that year.
    pub crisis_share: Vec<f64>,
    /// Highest rung of the year's crisis (0 without one), over every run.
    pub max_rung: Band,
}

/// The yearly series of every pair that appears in any run, in order of the pairs' ISO codes.
pub fn dyad_views(runs: &[DyadRun], years: usize) -> Vec<DyadView> {
    let mut keys: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();
    for r in runs {
        for (k, p) in &r.pairs {
            keys.entry(p.iso.clone()).or_insert(*k);
        }
    }
    keys.into_iter()
        .map(|((iso3_1, iso3_2), key)| {
            let column = |f: &dyn Fn(&DyadPoint) -> f64| -> Vec<Vec<f64>> {
                (0..years)
                    .map(|y| {
                        runs.iter()
                            .map(|r| r.pairs.get(&key).and_then(|p| p.points[y]).map_or(f64::NAN, |pt| f(&pt)))
                            .collect()
                    })
                    .collect()
            };
            let crisis = column(&|p| if p.crisis { 1.0 } else { 0.0 });
            let crisis_share = crisis
                .iter()
                .map(|year| {
                    // A run without the pair that year (a rivalry not yet started) has no crisis.
                    year.iter().filter(|v| **v > 0.5).count() as f64 / runs.len().max(1) as f64
                })
                .collect();
            DyadView {
                iso3_1,
                iso3_2,
                ccode1: key.0,
                ccode2: key.1,
                adequacy1: Band::of(&column(&|p| p.adequacy1)),
                adequacy2: Band::of(&column(&|p| p.adequacy2)),
                fsi: Band::of(&column(&|p| p.fsi)),
                crisis_share,
                max_rung: Band::of(&column(&|p| f64::from(p.max_rung))),
            }
        })
        .collect()
}

/// A state's status class on the map: 0 no weapons and no programme (including disarmed),
/// 1 exploring, 2 pursuing, 3 armed.
pub fn class(status: NuclearStatus) -> u8 {
    match status {
        NuclearStatus::None | NuclearStatus::Disarmed => 0,
        NuclearStatus::Exploring => 1,
        NuclearStatus::Pursuing => 2,
        NuclearStatus::Possessing => 3,
    }
}

/// Each state's status class ([`class`]) at the end of every simulated year of one run:
/// `[state][year]`, states in the scenario's order. Replays the run's events on the scenario's
/// starting statuses: `explore`, `pursue`, `acquire`, `disarm`, `reversal` (back to none), a
/// scheduled `status`, and a preventive strike on an armed state (its young arsenal destroyed,
/// it is pursuing again).
pub fn status_by_year(states: &[model::State], events: &[EventRecord], start_year: i32, years: usize) -> Vec<Vec<u8>> {
    let index: BTreeMap<u32, usize> = states.iter().enumerate().map(|(i, s)| (s.cow, i)).collect();
    let mut now: Vec<NuclearStatus> = states.iter().map(|s| s.nuclear_status).collect();
    let mut out = vec![Vec::with_capacity(years); states.len()];
    let mut next = events.iter().peekable();
    for y in 0..years {
        let year = start_year + y as i32;
        while let Some(e) = next.next_if(|e| e.year <= year) {
            let first = e.first.and_then(|(c, _)| index.get(&c).copied());
            let second = e.second.and_then(|(c, _)| index.get(&c).copied());
            match (e.kind, first, second) {
                (EventKind::Explore { .. }, Some(i), _) => now[i] = NuclearStatus::Exploring,
                (EventKind::Pursue { .. }, Some(i), _) => now[i] = NuclearStatus::Pursuing,
                (EventKind::Acquire { .. }, Some(i), _) => now[i] = NuclearStatus::Possessing,
                (EventKind::Disarm, Some(i), _) => now[i] = NuclearStatus::Disarmed,
                (EventKind::Reversal { .. }, Some(i), _) => now[i] = NuclearStatus::None,
                (EventKind::Status { status }, Some(i), _) => now[i] = status,
                (EventKind::PreventiveStrike { .. }, _, Some(t)) if now[t] == NuclearStatus::Possessing => {
                    now[t] = NuclearStatus::Pursuing;
                }
                _ => {}
            }
        }
        for (i, s) in now.iter().enumerate() {
            out[i].push(class(*s));
        }
    }
    out
}

/// One state on the map: its codes and, by year, how many runs have it armed, pursuing or
/// exploring (the rest have neither weapons nor a programme).
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    /// ISO 3166-1 numeric (the map's shape), `None` for a code without one.
    pub numeric: Option<u16>,
    /// COW code.
    pub cow: u32,
    /// English short name.
    pub name: String,
    /// Runs with the state armed at the end of each year.
    pub armed: Vec<u32>,
    /// Runs with the state pursuing weapons.
    pub pursuing: Vec<u32>,
    /// Runs with the state exploring the option.
    pub exploring: Vec<u32>,
}

/// Counts, state by state and year by year, the runs in each status (`runs[run][state][year]`
/// from [`status_by_year`]).
pub fn status_views(states: &[model::State], runs: &[Vec<Vec<u8>>], years: usize) -> Vec<StatusView> {
    states
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let count = |c: u8| -> Vec<u32> {
                (0..years).map(|y| runs.iter().filter(|r| r[i].get(y) == Some(&c)).count() as u32).collect()
            };
            StatusView {
                iso3: s.iso3.clone(),
                numeric: crate::iso::numeric(&s.iso3),
                cow: s.cow,
                name: s.name.clone(),
                armed: count(3),
                pursuing: count(2),
                exploring: count(1),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn band_quantiles_by_hand() {
        // 0, 1, …, 39 (n = 40): type 7 puts the p-quantile at index 39 p, so the 5 % quantile
        // is 1.95, the median 19.5 and the 95 % quantile 37.05.
        let year: Vec<f64> = (0..40).map(f64::from).collect();
        let b = Band::of(&[year]);
        assert!((b.q05[0].unwrap() - 1.95).abs() < 1e-12);
        assert_eq!(b.q50[0], Some(19.5));
        assert!((b.q95[0].unwrap() - 37.05).abs() < 1e-12);
        assert_eq!(b.n, vec![40]);
    }

    #[test]
    fn band_hides_below_min_n_and_skips_undefined() {
        // 29 defined values and 11 undefined: the median of 1..=29 is 15; no band.
        let mut year: Vec<f64> = (1..=29).map(f64::from).collect();
        year.extend(std::iter::repeat_n(f64::NAN, 11));
        let b = Band::of(&[year, vec![f64::NAN; 5]]);
        assert_eq!(b.n, vec![29, 0]);
        assert_eq!(b.q50, vec![Some(15.0), None]);
        assert_eq!(b.q05, vec![None, None]);
        assert_eq!(b.q95, vec![None, None]);
    }

    fn record(year: i32, a: u32, b: u32, adequacy1: Option<f64>, crisis: bool, rung: u8) -> DyadYearRecord {
        DyadYearRecord {
            year,
            ccode1: a,
            ccode2: b,
            iso3_1: exchange::forces::Code::new(if a == 2 { "USA" } else { "CHN" }),
            iso3_2: exchange::forces::Code::new("RUS"),
            armed1: true,
            armed2: true,
            surviving1: None,
            surviving2: None,
            adequacy1,
            adequacy2: None,
            fss_index: None,
            mutual_vulnerability: false,
            crisis,
            max_rung: rung,
            max_conventional: 0,
            max_nuclear: 0,
            war: false,
            nuclear_use: false,
        }
    }

    #[test]
    fn dyad_views_summarise_over_runs() {
        // 40 runs of two years; pair USA–RUS in every run, adequacy k in run k in year 0 and
        // undefined in year 1; a crisis at rung 3 in runs 0–9 of year 1. Pair CHN–RUS only in
        // run 0, year 1.
        let runs: Vec<DyadRun> = (0..40)
            .map(|k| {
                let mut recs = vec![
                    record(2000, 2, 365, Some(f64::from(k)), false, 0),
                    record(2001, 2, 365, None, k < 10, if k < 10 { 3 } else { 0 }),
                ];
                if k == 0 {
                    recs.push(record(2001, 710, 365, Some(2.0), true, 5));
                }
                DyadRun::new(&recs, 2000, 2)
            })
            .collect();
        let v = dyad_views(&runs, 2);
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].iso3_1.as_str(), v[1].iso3_1.as_str()), ("CHN", "USA"));
        let usa = &v[1];
        assert_eq!(usa.adequacy1.q50, vec![Some(19.5), None]);
        assert_eq!(usa.adequacy1.n, vec![40, 0]);
        assert_eq!(usa.crisis_share, vec![0.0, 0.25]);
        // Rungs in year 1: ten 3s and thirty 0s; type 7 median 0, 95 % quantile at index 37.05
        // of the sorted values (30 zeros, then 3s): 3.
        assert_eq!(usa.max_rung.q50[1], Some(0.0));
        assert_eq!(usa.max_rung.q95[1], Some(3.0));
        let chn = &v[0];
        assert_eq!(chn.crisis_share, vec![0.0, 1.0 / 40.0]);
        assert_eq!(chn.adequacy1.n, vec![0, 1]);
        assert_eq!(chn.adequacy1.q50, vec![None, Some(2.0)]);
        assert_eq!(chn.max_rung.n, vec![0, 1]);
    }

    /// The status replay agrees with the engine's own yearly counts of armed states and of
    /// programmes in every year of many runs of scenarios where states explore, pursue,
    /// acquire, reverse, disarm and are struck.
    #[test]
    fn status_replay_matches_the_engines_counts() {
        for (name, runs) in [("world-2025", 12), ("history-1945", 12), ("cascade", 20), ("ukraine-1994-gave-up", 8)] {
            let loaded = lab::Loaded::builtin(name).unwrap();
            let resolved = engine::resolve(&loaded.scenario, &engine::RunOptions::default()).unwrap();
            let mut changes = 0;
            for run in 0..runs {
                let out = engine::run(&loaded.scenario, &resolved, 7, run);
                let years = out.years.len();
                let st = status_by_year(&loaded.scenario.states, &out.events, resolved.start_year, years);
                for (y, rec) in out.years.iter().enumerate() {
                    let armed = st.iter().filter(|s| s[y] == 3).count() as u32;
                    let programmes = st.iter().filter(|s| s[y] == 1 || s[y] == 2).count() as u32;
                    assert_eq!(armed, rec.nuclear_armed_states, "{name} run {run} {}", rec.year);
                    assert_eq!(programmes, rec.programmes, "{name} run {run} {}", rec.year);
                }
                changes += st.iter().filter(|s| s.windows(2).any(|w| w[0] != w[1])).count();
            }
            assert!(changes > 0, "{name}: some state changes status");
        }
    }

    #[test]
    fn status_views_count_runs() {
        let s = lab::Loaded::builtin("south-asia").unwrap().scenario.states;
        // Two runs, two years: state 0 armed in both runs; state 1 exploring then pursuing in
        // run 0, none in run 1.
        let mut r0 = vec![vec![0u8, 0]; s.len()];
        let mut r1 = r0.clone();
        r0[0] = vec![3, 3];
        r1[0] = vec![3, 3];
        r0[1] = vec![1, 2];
        r1[1] = vec![0, 0];
        let v = status_views(&s, &[r0, r1], 2);
        assert_eq!(v[0].armed, vec![2, 2]);
        assert_eq!(v[1].exploring, vec![1, 0]);
        assert_eq!(v[1].pursuing, vec![0, 1]);
        assert_eq!(v[1].armed, vec![0, 0]);
        assert_eq!(v[0].numeric, crate::iso::numeric(&s[0].iso3));
    }
}
