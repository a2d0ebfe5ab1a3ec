//! The forecast (`deterrence forecast`): from a scenario (world-2025 by default), an ensemble
//! whose runs draw their parameters from a calibration's posterior (or run at the defaults),
//! reduced to a few headline numbers by year — the probability of at least one new
//! nuclear-armed state, of any nuclear use and of at least 10 million deaths, each with a Wilson
//! interval, and each state's arsenal (mean and the 5th–95th percentiles over runs) — with the
//! lenses used and the caveats that go with them.
//!
//! Run `r` draws from stream `(seed, r)` and takes the particle drawn for it
//! ([`crate::draws::Worlds`]), so the forecast's runs are those of `deterrence run SCENARIO
//! --runs N --seed S` with the same posterior, and its numbers do not depend on thread count.

use crate::draws::{PosteriorSource, Worlds};
use lab::{Executor, Posterior, Recorder, RunRequest};
use serde::{Deserialize, Serialize};

/// Runs when none are asked for.
pub const DEFAULT_RUNS: u32 = 2000;

/// The years reported (when the run reaches them), besides the run's last year.
pub const YEARS: [i32; 2] = [2035, 2050];

/// The deaths threshold of the deaths probability.
pub const DEATHS_THRESHOLD: f64 = 1.0e7;

/// The confidence of every interval.
pub const CONFIDENCE: f64 = 0.9;

/// What the forecast is asked for.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Runs (run indices `0..runs`).
    pub runs: u32,
    /// Master seed.
    pub seed: u64,
    /// Years, lenses and overrides on top of the scenario.
    pub request: RunRequest,
    /// The posterior each run draws its parameters from, with where it came from.
    pub posterior: Option<(Posterior, PosteriorSource)>,
}

/// A probability: the share of runs in which something happened by a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Probability {
    /// Machine name (`new_nuclear_state`, `nuclear_use`, `deaths_10m`).
    pub measure: String,
    /// What it is, in words.
    pub label: String,
    /// By the end of this year.
    pub year: i32,
    /// Runs in which it happened.
    pub runs_with: u64,
    /// Runs in all.
    pub runs: u64,
    /// The share of runs.
    pub estimate: f64,
    /// Lower end of the Wilson interval at [`CONFIDENCE`].
    pub low: f64,
    /// Upper end of the Wilson interval.
    pub high: f64,
}

/// One state's arsenal in one year over the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Arsenal {
    /// ISO3 code.
    pub state: String,
    /// At the end of this year.
    pub year: i32,
    /// Mean warheads over runs.
    pub mean: f64,
    /// 5th percentile over runs.
    pub low: f64,
    /// 95th percentile over runs.
    pub high: f64,
    /// Share of runs in which the state holds any warhead.
    pub armed_share: f64,
}

/// The forecast (`forecast.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The scenario and the build.
    pub provenance: lab::Provenance,
    /// Master seed.
    pub seed: u64,
    /// Runs.
    pub runs: u64,
    /// First and last simulated year.
    pub span: (i32, i32),
    /// The lenses on in every run.
    pub lenses: Vec<String>,
    /// The request's settings in words (`deterrence run` flags), empty for none.
    pub settings: Vec<String>,
    /// The posterior the runs drew from; none when the runs used the defaults.
    pub posterior: Option<PosteriorSource>,
    /// The years reported.
    pub years: Vec<i32>,
    /// What the intervals are.
    pub intervals: String,
    /// The probabilities, measure by measure, each by year.
    pub probabilities: Vec<Probability>,
    /// Arsenals, state by state (scenario order), each by year; states never armed in any
    /// reported year of any run are left out.
    pub arsenals: Vec<Arsenal>,
    /// What the numbers leave out.
    pub caveats: Vec<String>,
}

/// The forecast cannot be computed from what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ForecastError(pub String);

/// The Wilson score interval of `k` successes in `n` trials at `confidence` (Wilson 1927);
/// NaN for `n = 0`.
pub fn wilson(k: u64, n: u64, confidence: f64) -> (f64, f64) {
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let z = stats::analysis::normal_quantile(0.5 + confidence / 2.0);
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// What one run contributes, for each reported year.
#[derive(Debug, Clone, PartialEq)]
pub struct RunFacts {
    /// At least one state acquired weapons by the year.
    pub new_state: Vec<bool>,
    /// At least one nuclear use by the year.
    pub nuclear_use: Vec<bool>,
    /// Deaths (nuclear and battle) by the end of the year.
    pub deaths: Vec<f64>,
    /// Warheads of each state (scenario order) at the end of the year.
    pub warheads: Vec<Vec<f64>>,
}

/// The facts of one run's year records and state rows (series `warheads` only) for `years`.
pub fn run_facts(
    years: &[engine::observe::YearRecord],
    states: &[lab::series::StateRow],
    state_codes: &[String],
    report: &[i32],
) -> RunFacts {
    let mut f = RunFacts {
        new_state: Vec::with_capacity(report.len()),
        nuclear_use: Vec::with_capacity(report.len()),
        deaths: Vec::with_capacity(report.len()),
        warheads: Vec::with_capacity(report.len()),
    };
    for &y in report {
        let upto = years.iter().filter(|r| r.year <= y);
        let (mut acq, mut uses, mut deaths) = (0u64, 0u64, 0.0);
        for r in upto {
            acq += u64::from(r.acquisitions);
            uses += u64::from(r.nuclear_use);
            deaths += r.nuclear_deaths + r.battle_deaths;
        }
        f.new_state.push(acq > 0);
        f.nuclear_use.push(uses > 0);
        f.deaths.push(deaths);
        let mut w = vec![0.0; state_codes.len()];
        for row in states.iter().filter(|s| s.year == y) {
            if let (Some(k), Some(lab::series::StateValue::Number(x))) =
                (state_codes.iter().position(|c| *c == row.iso3), row.values.first())
                && x.is_finite()
            {
                w[k] = *x;
            }
        }
        f.warheads.push(w);
    }
    f
}

/// The years reported for runs spanning `first..=last`: [`YEARS`] within the span, then the
/// last year.
pub fn report_years(first: i32, last: i32) -> Vec<i32> {
    let mut out: Vec<i32> = YEARS.iter().copied().filter(|y| (first..last).contains(y)).collect();
    out.push(last);
    out
}

/// The caveats printed with every forecast.
pub fn caveats(with_posterior: bool) -> Vec<String> {
    let mut c = vec![
        "A model's numbers, not a prediction: the runs follow the mechanisms of docs/model.md from the scenario's open-source data; what the model leaves out (docs/model.md, \"Known limits\") is not in them.".to_owned(),
        "Left out, among others: non-state actors and nuclear terrorism, guarantors joining crises or wars, regime change, economic capacity, non-strategic (theatre) forces as their own requirement, and any limited answer once a side has used.".to_owned(),
        "Deaths are an accounting of orders of magnitude (nuclear deaths per arriving warhead from the OTA 1979 cases, plus one battle-deaths figure per war), not capped by population, with no famine, soot or later deaths (docs/model.md, \"Known limits\"; `deterrence outcomes`).".to_owned(),
        "The replay of 1945-2025 misses some patterns of the record (docs/validation.md): the mechanisms behind a miss carry into these runs.".to_owned(),
    ];
    if with_posterior {
        c.push("Calibrating on history-1945 and drawing on this scenario assumes the processes that produced the record still hold (docs/calibration.md); the intervals include the posterior's spread of parameters, not the uncertainty of the scenario's inputs or of the model's structure.".to_owned());
    } else {
        c.push("Every run uses the defaults of docs/model.md: the intervals are Monte-Carlo intervals only (the runs' chance), not the uncertainty of the parameters, the inputs or the model's structure. With --posterior the runs draw the parameters of a calibration (docs/calibration.md).".to_owned());
    }
    c
}

/// The three probabilities, with their labels.
const MEASURES: [(&str, &str); 3] = [
    ("new_nuclear_state", "at least one new nuclear-armed state"),
    ("nuclear_use", "any nuclear use"),
    ("deaths_10m", "at least 10 million deaths (nuclear use and war)"),
];

/// The forecast of `facts` (one per run, in run order) for `years`, states `codes`.
pub fn summarise(facts: &[RunFacts], years: &[i32], codes: &[String]) -> (Vec<Probability>, Vec<Arsenal>) {
    let n = facts.len() as u64;
    let mut probabilities = Vec::new();
    for (m, (name, label)) in MEASURES.iter().enumerate() {
        for (k, &year) in years.iter().enumerate() {
            let hit = |f: &RunFacts| match m {
                0 => f.new_state[k],
                1 => f.nuclear_use[k],
                _ => f.deaths[k] >= DEATHS_THRESHOLD,
            };
            let with = facts.iter().filter(|f| hit(f)).count() as u64;
            let (low, high) = wilson(with, n, CONFIDENCE);
            probabilities.push(Probability {
                measure: (*name).to_owned(),
                label: (*label).to_owned(),
                year,
                runs_with: with,
                runs: n,
                estimate: if n == 0 { f64::NAN } else { with as f64 / n as f64 },
                low,
                high,
            });
        }
    }
    let mut arsenals = Vec::new();
    let tail = (1.0 - CONFIDENCE) / 2.0;
    for (s, code) in codes.iter().enumerate() {
        let rows: Vec<Arsenal> = years
            .iter()
            .enumerate()
            .map(|(k, &year)| {
                let mut xs: Vec<f64> = facts.iter().map(|f| f.warheads[k][s]).collect();
                xs.sort_by(f64::total_cmp);
                let mean = if xs.is_empty() { f64::NAN } else { xs.iter().sum::<f64>() / xs.len() as f64 };
                Arsenal {
                    state: code.clone(),
                    year,
                    mean,
                    low: stats::analysis::quantile_sorted(&xs, tail),
                    high: stats::analysis::quantile_sorted(&xs, 1.0 - tail),
                    armed_share: if xs.is_empty() {
                        f64::NAN
                    } else {
                        xs.iter().filter(|x| **x > 0.0).count() as f64 / xs.len() as f64
                    },
                }
            })
            .collect();
        if rows.iter().any(|a| a.armed_share > 0.0) {
            arsenals.extend(rows);
        }
    }
    (probabilities, arsenals)
}

/// Runs the forecast of `settings` on `loaded`, calling `progress(done, total)` as runs finish.
pub fn forecast(
    loaded: &lab::Loaded,
    settings: &Settings,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Forecast, ForecastError> {
    if settings.runs == 0 {
        return Err(ForecastError("runs: expected at least 1".into()));
    }
    let runs = u64::from(settings.runs);
    let posterior = settings.posterior.as_ref();
    let worlds = Worlds::new(&loaded.scenario, &settings.request, posterior.map(|(p, _)| p), settings.seed, runs)
        .map_err(ForecastError)?;
    let resolved = &worlds.resolved;
    let first = resolved.start_year;
    let last = first + i32::try_from(resolved.years).unwrap_or(i32::MAX) - 1;
    let years = report_years(first, last);
    let codes: Vec<String> = loaded.scenario.states.iter().map(|s| s.iso3.clone()).collect();
    let recorder = Recorder::new(&[], &["warheads".to_owned()]).map_err(|e| ForecastError(e.to_string()))?;
    let seed = settings.seed;
    let facts: Vec<RunFacts> = Executor::new(seed)
        .observe(progress)
        .run_with(&worlds.jobs(), |_, job| {
            let (out, series) = recorder.run(job.template, seed, job.run);
            run_facts(&out.years, &series.states, &codes, &years)
        })
        .map_err(|e| ForecastError(e.to_string()))?;
    let (probabilities, arsenals) = summarise(&facts, &years, &codes);
    let pct = (CONFIDENCE * 100.0).round();
    let intervals = format!(
        "probabilities: {pct} % Wilson score intervals over the runs; arsenals: the mean and the 5th to 95th percentiles over the runs (the spread of outcomes, not an interval of the mean){}",
        if posterior.is_some() {
            "; the runs draw their parameters from the posterior"
        } else {
            "; Monte-Carlo intervals only: every run at the defaults"
        }
    );
    Ok(Forecast {
        provenance: lab::Provenance::current(loaded),
        seed,
        runs,
        span: (first, last),
        lenses: resolved.lenses.iter().map(|l| l.as_str().to_owned()).collect(),
        settings: settings.request.flags(),
        posterior: posterior.map(|(_, s)| s.clone()),
        years,
        intervals,
        probabilities,
        arsenals,
        caveats: caveats(posterior.is_some()),
    })
}

/// `forecast.csv`: one row per probability and per state's arsenal by year (`kind` says which;
/// empty cells where a column does not apply).
pub fn forecast_csv(f: &Forecast) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "kind",
        "measure",
        "state",
        "year",
        "estimate",
        "low",
        "high",
        "runs_with",
        "runs",
        "armed_share",
    ]);
    let num = |x: f64| if x.is_nan() { String::new() } else { x.to_string() };
    for p in &f.probabilities {
        let _ = w.write_record([
            "probability".to_owned(),
            p.measure.clone(),
            String::new(),
            p.year.to_string(),
            num(p.estimate),
            num(p.low),
            num(p.high),
            p.runs_with.to_string(),
            p.runs.to_string(),
            String::new(),
        ]);
    }
    for a in &f.arsenals {
        let _ = w.write_record([
            "arsenal".to_owned(),
            "warheads".to_owned(),
            a.state.clone(),
            a.year.to_string(),
            num(a.mean),
            num(a.low),
            num(a.high),
            String::new(),
            f.runs.to_string(),
            num(a.armed_share),
        ]);
    }
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_intervals_match_closed_form_values() {
        // k = 0: [0, z²/(n + z²)]; z = 1.6448536 at 90 %, n = 100: 2.705543 / 102.705543.
        let (lo, hi) = wilson(0, 100, 0.9);
        assert!(lo.abs() < 1e-15 && (hi - 0.026_342_78).abs() < 1e-7, "{lo} {hi}");
        // k = n: the mirror image.
        let (lo, hi) = wilson(100, 100, 0.9);
        assert!((lo - (1.0 - 0.026_342_78)).abs() < 1e-7 && (hi - 1.0).abs() < 1e-15);
        // k = 50, n = 100: centre 0.5, half-width z·sqrt(0.0025 + z²/40000)/(1 + z²/100).
        let z: f64 = 1.644_853_626_951_472;
        let half = z * (0.0025 + z * z / 40_000.0).sqrt() / (1.0 + z * z / 100.0);
        let (lo, hi) = wilson(50, 100, 0.9);
        assert!((lo - (0.5 - half)).abs() < 1e-8 && (hi - (0.5 + half)).abs() < 1e-8, "{lo} {hi}");
        assert!((half - 0.081_152).abs() < 1e-5, "{half}");
        // 95 %, k = 10, n = 20 (z = 1.959964): 0.299298 to 0.700702 (Newcombe 1998, method 3).
        let (lo, hi) = wilson(10, 20, 0.95);
        assert!((lo - 0.299_298).abs() < 1e-5 && (hi - 0.700_702).abs() < 1e-5, "{lo} {hi}");
        assert!(wilson(0, 0, 0.9).0.is_nan());
    }

    fn record(year: i32, acquisitions: u32, uses: u32, deaths: f64) -> engine::observe::YearRecord {
        engine::observe::YearRecord {
            year,
            acquisitions,
            nuclear_use: uses,
            nuclear_deaths: deaths,
            ..Default::default()
        }
    }

    #[test]
    fn run_facts_count_up_to_each_year() {
        let years = vec![record(2030, 0, 0, 0.0), record(2040, 1, 0, 0.0), record(2060, 0, 1, 2.0e7)];
        let row = |year, iso3: &str, w| lab::series::StateRow {
            year,
            iso3: iso3.into(),
            values: vec![lab::series::StateValue::Number(w)],
        };
        let states = vec![row(2035, "AAA", 10.0), row(2035, "BBB", 0.0), row(2050, "BBB", 5.0)];
        let codes = vec!["AAA".to_owned(), "BBB".to_owned()];
        let f = run_facts(&years, &states, &codes, &[2035, 2050, 2074]);
        assert_eq!(f.new_state, [false, true, true]);
        assert_eq!(f.nuclear_use, [false, false, true]);
        assert_eq!(f.deaths, [0.0, 0.0, 2.0e7]);
        assert_eq!(f.warheads, [vec![10.0, 0.0], vec![0.0, 5.0], vec![0.0, 0.0]]);
    }

    #[test]
    fn summaries_count_runs_and_take_percentiles() {
        let codes = vec!["AAA".to_owned(), "NON".to_owned()];
        let facts: Vec<RunFacts> = (0..10)
            .map(|i| RunFacts {
                new_state: vec![i < 3],
                nuclear_use: vec![i == 0],
                deaths: vec![if i < 2 { 1.0e7 } else { 9.9e6 }],
                warheads: vec![vec![f64::from(i), 0.0]],
            })
            .collect();
        let (p, a) = summarise(&facts, &[2035], &codes);
        let counts: Vec<u64> = p.iter().map(|x| x.runs_with).collect();
        assert_eq!(counts, [3, 1, 2]);
        assert!((p[0].estimate - 0.3).abs() < 1e-15);
        assert_eq!((p[0].low, p[0].high), wilson(3, 10, 0.9));
        // NON is never armed and is left out; AAA's mean is 4.5, its percentiles interpolate.
        assert_eq!(a.len(), 1);
        assert!((a[0].mean - 4.5).abs() < 1e-12);
        assert!((a[0].low - 0.45).abs() < 1e-12 && (a[0].high - 8.55).abs() < 1e-12, "{:?}", a[0]);
        assert!((a[0].armed_share - 0.9).abs() < 1e-15);
    }

    #[test]
    fn report_years_stop_at_the_last_year() {
        assert_eq!(report_years(2025, 2074), [2035, 2050, 2074]);
        assert_eq!(report_years(2025, 2050), [2035, 2050]);
        assert_eq!(report_years(2025, 2039), [2035, 2039]);
        assert_eq!(report_years(2025, 2030), [2030]);
    }

    #[test]
    fn the_caveats_say_what_the_intervals_hold() {
        assert!(caveats(false).iter().any(|c| c.contains("Monte-Carlo intervals only")));
        assert!(caveats(true).iter().any(|c| c.contains("posterior's spread")));
    }
}
