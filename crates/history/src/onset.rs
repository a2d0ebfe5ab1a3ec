//! The crisis onset rate estimated from the record: the engine's `crisis_base_rate` is the
//! maximum-likelihood rate at which the `history-1945` scenario's rivalries had International
//! Crisis Behavior (ICB v14) crises, 1946–2017, given the engine's own form of the onset hazard.
//!
//! 1. **Crises per rivalry** (data/rivalry_crises.csv, derived from ICB v14's actor-level file
//!    by [`from_icb`]): a crisis counts for a listed rivalry when both states are among its
//!    crisis actors, or when one is a crisis actor whose crisis the other triggered (ICB
//!    `trigent`). A crisis with several actors counts for every listed rivalry it joins (Berlin
//!    1961 for the Soviet Union against the United States, Britain, France and West Germany):
//!    the engine draws each rivalry's crises separately.
//! 2. **Exposure** ([`observations`]): the scenario is replayed with every state's nuclear
//!    status following the record (as in [`crate::willingness`]); each year the engine states
//!    every dyad's onset rate per unit of base rate ([`engine::crisis::onset_exposure`]:
//!    intensity × (0.5 + stakes) × the proliferation-window, power-shift and
//!    stability–instability factors), averaged over the replays. Dyad-years of a dormant or ended
//!    rivalry (exposure 0) carry no information and are left out.
//! 3. **Likelihood** ([`log_likelihood`]): the engine draws at most one crisis per dyad-year,
//!    with probability `1 − exp(−b × x)`, so a dyad-year with at least one recorded crisis has
//!    that probability and one without has `exp(−b × x)`. The log-likelihood is concave in `b`;
//!    [`fit`] finds its maximum by bisection on the score and gives a Wald interval from the
//!    observed information. With equal exposures it has the closed form
//!    `b = −ln(1 − k/n) / x` (k crisis-years of n).

use crate::icb::IcbError;
use crate::record::Programme;
use engine::{Keep, Resolved, Template};
use model::Scenario;
use serde::Serialize;

/// First year whose crises are counted (the replay's first year).
pub const FIRST_YEAR: i32 = 1946;

/// Last year whose crises are counted: ICB v14 codes crises triggered to 2017.
pub const LAST_YEAR: i32 = 2017;

/// The crises of the history scenario's rivalries (data/rivalry_crises.csv), compiled in.
pub const RIVALRY_CRISES_CSV: &str = include_str!("../../../data/rivalry_crises.csv");

/// z for a two-sided 90 % interval.
const Z90: f64 = 1.644_853_626_951_472_2;

/// One ICB crisis of a listed rivalry (a row of data/rivalry_crises.csv).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RivalryCrisis {
    /// The rivalry's first state (ISO3, in the scenario's order).
    pub state_a: String,
    /// The rivalry's second state.
    pub state_b: String,
    /// ICB crisis number.
    pub crisno: u32,
    /// Year the crisis was triggered (ICB `yrtrig`).
    pub year: i32,
    /// ICB crisis name.
    pub crisis: String,
    /// How the pair is in the crisis: `actors` (both crisis actors), `trigger` (one triggered
    /// the other's crisis) or `actors-and-trigger`.
    pub link: String,
    /// Where the row comes from.
    pub source: String,
}

/// The links [`RivalryCrisis::link`] may take.
pub const LINKS: [&str; 3] = ["actors", "trigger", "actors-and-trigger"];

/// Reads a table in the layout of data/rivalry_crises.csv; a bad row is an error naming its line.
pub fn read_rivalry_crises(text: &str) -> Result<Vec<RivalryCrisis>, IcbError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| IcbError(format!("line {line}: {e}")))?;
        let field = |k: usize| rec.get(k).unwrap_or("").trim().to_owned();
        let crisno = field(2).parse().map_err(|_| IcbError(format!("line {line}: `crisno` is not a whole number")))?;
        let year = field(3).parse().map_err(|_| IcbError(format!("line {line}: `year` is not a year")))?;
        let link = field(5);
        if !LINKS.contains(&link.as_str()) {
            return Err(IcbError(format!("line {line}: `link` must be one of {}", LINKS.join(", "))));
        }
        let (state_a, state_b) = (field(0), field(1));
        if state_a.is_empty() || state_b.is_empty() {
            return Err(IcbError(format!("line {line}: both states are needed")));
        }
        rows.push(RivalryCrisis { state_a, state_b, crisno, year, crisis: field(4), link, source: field(6) });
    }
    Ok(rows)
}

/// The built-in table of data/rivalry_crises.csv.
pub fn rivalry_crises() -> Vec<RivalryCrisis> {
    read_rivalry_crises(RIVALRY_CRISES_CSV)
        .unwrap_or_else(|e| unreachable!("data/rivalry_crises.csv is valid (tested): {e}"))
}

/// The crises of `scenario`'s rivalries in ICB v14's actor-level file (icb2v14.csv) `text`,
/// triggered [`FIRST_YEAR`]–[`LAST_YEAR`], by the rule of the module docs: states are matched
/// by their Correlates of War codes (`cow`); rivalries in file order, crises by number. Rows
/// carry no source (the caller knows the file).
pub fn from_icb(text: &str, scenario: &Scenario) -> Result<Vec<RivalryCrisis>, IcbError> {
    struct Crisis {
        year: Option<i32>,
        name: String,
        actors: Vec<u32>,
        triggers: Vec<(u32, u32)>,
    }
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| IcbError(format!("cannot read the header: {e}")))?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name).ok_or_else(|| {
            IcbError(format!("column `{name}` not found: expected the ICB v14 actor-level file (icb2v14.csv)"))
        })
    };
    let (c_crisno, c_actor, c_trigger, c_year, c_name) =
        (col("crisno")?, col("cracid")?, col("trigent")?, col("yrtrig")?, col("crisname")?);
    let mut crises: std::collections::BTreeMap<u32, Crisis> = std::collections::BTreeMap::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| IcbError(format!("line {line}: {e}")))?;
        let int = |k: usize| rec.get(k).and_then(|x| x.trim().parse::<u32>().ok());
        let crisno = int(c_crisno).ok_or_else(|| IcbError(format!("line {line}: bad `crisno`")))?;
        let actor = int(c_actor).ok_or_else(|| IcbError(format!("line {line}: bad `cracid`")))?;
        let c = crises.entry(crisno).or_insert_with(|| Crisis {
            year: rec.get(c_year).and_then(|x| x.trim().parse().ok()),
            name: rec.get(c_name).unwrap_or("").trim().to_owned(),
            actors: Vec::new(),
            triggers: Vec::new(),
        });
        c.actors.push(actor);
        if let Some(t) = int(c_trigger) {
            c.triggers.push((actor, t));
        }
    }
    let cow = |iso: &str| scenario.states.iter().find(|s| s.iso3 == iso).map(|s| s.cow);
    let mut out = Vec::new();
    for r in &scenario.rivalries {
        let (Some(a), Some(b)) = (cow(&r.pair[0]), cow(&r.pair[1])) else { continue };
        for (&crisno, c) in &crises {
            let Some(year) = c.year.filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y)) else { continue };
            let actors = c.actors.contains(&a) && c.actors.contains(&b);
            let trigger = c.triggers.iter().any(|&t| t == (a, b) || t == (b, a));
            let link = match (actors, trigger) {
                (true, true) => "actors-and-trigger",
                (true, false) => "actors",
                (false, true) => "trigger",
                (false, false) => continue,
            };
            out.push(RivalryCrisis {
                state_a: r.pair[0].clone(),
                state_b: r.pair[1].clone(),
                crisno,
                year,
                crisis: c.name.clone(),
                link: link.to_owned(),
                source: String::new(),
            });
        }
    }
    Ok(out)
}

/// One active rivalry-year of the replay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadYear {
    /// The rivalry's states (ISO3, in the scenario's order).
    pub pair: [String; 2],
    /// The year.
    pub year: i32,
    /// Whether the record has at least one crisis of the pair triggered that year.
    pub crisis: bool,
    /// Onset rate per unit of base rate, averaged over the replays.
    pub exposure: f64,
}

/// The rivalry-years [`FIRST_YEAR`]–[`LAST_YEAR`] of `scenario` with their exposure from `runs`
/// replays (`0..runs` of `seed`) whose statuses follow the record `programmes`, and whether the
/// record `crises` has a crisis of the pair that year; dyad-years with exposure 0 are left out.
pub fn observations(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    crises: &[RivalryCrisis],
    runs: u64,
    seed: u64,
) -> Vec<DyadYear> {
    let mut conditioned = scenario.clone();
    conditioned.events.extend(crate::willingness::record_schedule(scenario, programmes));
    conditioned.events.sort_by_key(|e| e.year);
    let template = Template::new(&conditioned, resolved).with_statuses_from_schedule();
    let years = usize::try_from(LAST_YEAR - FIRST_YEAR + 1).unwrap_or(0);
    let dyads = scenario.rivalries.len();
    // sum[y][k]: dyad k's exposure in year FIRST_YEAR + y, summed over runs.
    let mut sum = vec![vec![0.0; dyads]; years];
    for run in 0..runs {
        template.run_observed_keeping(seed, run, Keep::YEARS, |w| {
            if let Some(row) = usize::try_from(w.year - FIRST_YEAR).ok().and_then(|y| sum.get_mut(y)) {
                for (s, d) in row.iter_mut().zip(&w.dyads) {
                    *s += d.onset_exposure;
                }
            }
        });
    }
    let n = runs.max(1) as f64;
    let mut out = Vec::new();
    for (k, r) in scenario.rivalries.iter().enumerate() {
        let same = |c: &RivalryCrisis| {
            (c.state_a == r.pair[0] && c.state_b == r.pair[1]) || (c.state_a == r.pair[1] && c.state_b == r.pair[0])
        };
        for (y, row) in sum.iter().enumerate() {
            let exposure = row[k] / n;
            if exposure <= 0.0 {
                continue;
            }
            let year = FIRST_YEAR + y as i32;
            out.push(DyadYear {
                pair: r.pair.clone(),
                year,
                crisis: crises.iter().any(|c| same(c) && c.year == year),
                exposure,
            });
        }
    }
    out
}

/// Log-likelihood of onset rate `rate` for (exposure, crisis) observations:
/// `Σ_crisis ln(1 − e^(−rate·x)) − Σ_no crisis rate·x`.
pub fn log_likelihood(rate: f64, obs: &[(f64, bool)]) -> f64 {
    obs.iter().map(|&(x, y)| if y { (-(-rate * x).exp_m1()).ln() } else { -rate * x }).sum()
}

/// Score (first derivative of [`log_likelihood`]) at `rate`.
fn score(rate: f64, obs: &[(f64, bool)]) -> f64 {
    obs.iter().map(|&(x, y)| if y { x / (rate * x).exp_m1() } else { -x }).sum()
}

/// Observed information (minus the second derivative of [`log_likelihood`]) at `rate`.
fn information(rate: f64, obs: &[(f64, bool)]) -> f64 {
    obs.iter()
        .filter(|o| o.1)
        .map(|&(x, _)| {
            let e = (rate * x).exp_m1();
            x * x * (e + 1.0) / (e * e)
        })
        .sum()
}

/// The maximum-likelihood onset rate, its standard error and 90 % interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateFit {
    /// The estimate (crises per dyad-year at exposure 1).
    pub rate: f64,
    /// Standard error from the observed information.
    pub se: f64,
    /// 90 % Wald interval (lower end at least 0).
    pub interval: (f64, f64),
    /// Dyad-years with a crisis.
    pub crisis_years: u32,
    /// Dyad-years observed.
    pub dyad_years: u32,
    /// Summed exposure.
    pub exposure: f64,
    /// Log-likelihood at the estimate.
    pub log_likelihood: f64,
}

/// Fits the onset rate to (exposure, crisis) observations; `None` without both a crisis-year
/// and a quiet year of positive exposure (the likelihood then has no interior maximum).
pub fn fit(obs: &[(f64, bool)]) -> Option<RateFit> {
    let obs: Vec<(f64, bool)> = obs.iter().copied().filter(|o| o.0 > 0.0 && o.0.is_finite()).collect();
    if !obs.iter().any(|o| o.1) || !obs.iter().any(|o| !o.1) {
        return None;
    }
    // The score falls from +∞ at 0 to −Σ quiet exposure as the rate grows: bisect on the log scale.
    let (mut lo, mut hi) = (1e-12_f64, 1.0_f64);
    while score(hi, &obs) > 0.0 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = (lo * hi).sqrt();
        if score(mid, &obs) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let rate = 0.5 * (lo + hi);
    let se = information(rate, &obs).sqrt().recip();
    Some(RateFit {
        rate,
        se,
        interval: ((rate - Z90 * se).max(0.0), rate + Z90 * se),
        crisis_years: obs.iter().filter(|o| o.1).count() as u32,
        dyad_years: obs.len() as u32,
        exposure: obs.iter().map(|o| o.0).sum(),
        log_likelihood: log_likelihood(rate, &obs),
    })
}

/// The estimate with what it was made from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnsetEstimate {
    /// The fit.
    pub fit: RateFit,
    /// Crisis-years and dyad-years per rivalry, in the scenario's order:
    /// (pair, crisis-years, dyad-years, exposure).
    pub by_rivalry: Vec<([String; 2], u32, u32, f64)>,
    /// Replays averaged for the exposure.
    pub runs: u64,
    /// Their master seed.
    pub seed: u64,
}

/// Estimates `crisis_base_rate` from the built-in crises of the rivalries and the record's
/// programmes, on `runs` replays of `scenario` from `seed`.
pub fn estimate(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u64,
    seed: u64,
) -> Option<OnsetEstimate> {
    let obs = observations(scenario, resolved, programmes, &rivalry_crises(), runs, seed);
    let fit = fit(&obs.iter().map(|o| (o.exposure, o.crisis)).collect::<Vec<_>>())?;
    let by_rivalry = scenario
        .rivalries
        .iter()
        .map(|r| {
            let rows: Vec<&DyadYear> = obs.iter().filter(|o| o.pair == r.pair).collect();
            (
                r.pair.clone(),
                rows.iter().filter(|o| o.crisis).count() as u32,
                rows.len() as u32,
                rows.iter().map(|o| o.exposure).sum(),
            )
        })
        .collect();
    Some(OnsetEstimate { fit, by_rivalry, runs, seed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_exposures_give_the_closed_form() {
        // 7 crisis-years of 40 at exposure 0.8: b = −ln(1 − 7/40) / 0.8 = 0.240 464 866
        let obs: Vec<(f64, bool)> = (0..40).map(|i| (0.8, i < 7)).collect();
        let f = fit(&obs).unwrap();
        let closed = -(1.0 - 7.0 / 40.0_f64).ln() / 0.8;
        assert!((f.rate - closed).abs() < 1e-10, "{} vs {closed}", f.rate);
        assert!((closed - 0.240_464_866).abs() < 1e-8);
        // Information of the binomial in p = 1 − e^(−b x): n x² (1 − p) / p at the estimate.
        let p: f64 = 7.0 / 40.0;
        let info: f64 = 40.0 * 0.8 * 0.8 * (1.0 - p) / p;
        assert!((f.se - info.sqrt().recip()).abs() < 1e-9);
        assert_eq!((f.crisis_years, f.dyad_years), (7, 40));
        assert!((f.exposure - 32.0).abs() < 1e-9);
    }

    #[test]
    fn the_estimate_maximises_the_likelihood() {
        let obs = [(0.2, false), (1.1, true), (0.7, false), (0.5, true), (0.9, false), (1.4, false), (0.3, false)];
        let f = fit(&obs).unwrap();
        let best = log_likelihood(f.rate, &obs);
        for r in [0.5, 0.9, 0.99, 1.01, 1.1, 2.0] {
            assert!(log_likelihood(f.rate * r, &obs) < best);
        }
        // Zero exposures carry no information; all-crisis or all-quiet data have no maximum.
        let mut more = obs.to_vec();
        more.push((0.0, true));
        assert!((fit(&more).unwrap().rate - f.rate).abs() < 1e-12);
        assert!(fit(&[(1.0, true)]).is_none() && fit(&[(1.0, false)]).is_none());
    }

    #[test]
    fn the_table_reads_and_rejects_bad_rows() {
        let head = "state_a,state_b,crisno,year,crisis,link,source\n";
        let ok =
            read_rivalry_crises(&format!("{head}USA,RUS,196,1962,CUBAN MISSILES,actors-and-trigger,ICB\n")).unwrap();
        assert_eq!((ok[0].crisno, ok[0].year, ok[0].link.as_str()), (196, 1962, "actors-and-trigger"));
        let err = read_rivalry_crises(&format!("{head}USA,RUS,x,1962,C,actors,s\n")).unwrap_err();
        assert!(err.0.contains("line 2") && err.0.contains("crisno"), "{err}");
        assert!(read_rivalry_crises(&format!("{head}USA,RUS,1,1962,C,allies,s\n")).unwrap_err().0.contains("link"));
        assert!(read_rivalry_crises(&format!("{head},RUS,1,1962,C,actors,s\n")).is_err());
    }

    #[test]
    fn the_built_in_table_is_valid_and_sourced() {
        let rows = rivalry_crises();
        assert_eq!(rows.len(), 135);
        assert!(rows.iter().all(|r| (FIRST_YEAR..=LAST_YEAR).contains(&r.year) && r.source.contains("ICB v14")));
        let ind_pak = rows.iter().filter(|r| r.state_a == "IND" && r.state_b == "PAK").count();
        assert_eq!(ind_pak, 14);
    }
}
