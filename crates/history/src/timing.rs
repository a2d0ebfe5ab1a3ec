//! Proliferation timing by stage: when the replay's states start exploring, start the pursuit
//! that ends in a weapon, and acquire, against Bleek's (2017) recorded `explore_start`,
//! `pursue_start` and `acquire_year` (data/programmes.csv). It tells which stage of the
//! proliferation process is late or early — the onset, the step from exploration to pursuit, or
//! the pursuit-to-bomb lag — for each historical possessor and for the states that never built
//! weapons (`deterrence data timing`).
//!
//! Stage rules, per run: the **onset** is the year the state's first programme began (the
//! `status_since` of the first status other than none or disarmed); the **pursuit** is the start
//! of the last pursuit spell begun before acquisition (a programme that stopped and resumed is
//! timed from its resumption, as Bleek dates the programme that succeeded); the **acquisition**
//! is the year the state first possessed weapons. Years after [`LAST_YEAR`] are not counted.
//! Lags are taken over the runs in which both stages happen.

use crate::record::Programme;
use crate::validate::LAST_YEAR;
use engine::{Keep, Resolved, Template};
use model::{NuclearStatus, Scenario};
use stats::analysis::quantile_sorted;

/// The stages one state reached in one run (years; `None` when not reached by [`LAST_YEAR`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stages {
    /// First year of the state's first programme (exploration or later).
    pub onset: Option<i32>,
    /// Start of the pursuit spell that ended in a weapon, or of the last pursuit if none did.
    pub pursuit: Option<i32>,
    /// First year with weapons.
    pub acquisition: Option<i32>,
}

impl Stages {
    /// Updates the stages with a state's status this year and the year that status began.
    pub fn observe(&mut self, status: NuclearStatus, since: i32) {
        if self.acquisition.is_some() || since > LAST_YEAR {
            return;
        }
        match status {
            NuclearStatus::None | NuclearStatus::Disarmed => {}
            NuclearStatus::Exploring => {
                self.onset.get_or_insert(since);
            }
            NuclearStatus::Pursuing => {
                self.onset.get_or_insert(since);
                // A new spell (or the first): time the pursuit from its start.
                if self.pursuit.is_none_or(|p| since > p) {
                    self.pursuit = Some(since);
                }
            }
            NuclearStatus::Possessing => {
                self.onset.get_or_insert(since);
                self.acquisition = Some(since);
            }
        }
    }
}

/// Each state's stages in one replay, in the scenario's state order.
pub fn run_stages(template: &Template, seed: u64, run: u64) -> Vec<(String, Stages)> {
    let mut out: Vec<(String, Stages)> = Vec::new();
    template.run_observed_keeping(seed, run, Keep::YEARS, |w| {
        if out.is_empty() {
            out = w.actors.iter().map(|a| (a.state.iso3.clone(), Stages::default())).collect();
        }
        for (slot, a) in out.iter_mut().zip(&w.actors) {
            slot.1.observe(a.status, a.status_since);
        }
    });
    out
}

/// The distribution of one stage's year (or lag) over runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Share of runs with a value.
    pub share: f64,
    /// Median over the runs with a value (NaN when none).
    pub median: f64,
    /// 10 % quantile over the runs with a value.
    pub q10: f64,
    /// 90 % quantile over the runs with a value.
    pub q90: f64,
}

/// The [`Spread`] of `values` (one per run that has one) over `runs` runs.
pub fn spread(mut values: Vec<f64>, runs: usize) -> Spread {
    values.sort_by(f64::total_cmp);
    Spread {
        share: if runs == 0 { f64::NAN } else { values.len() as f64 / runs as f64 },
        median: quantile_sorted(&values, 0.5),
        q10: quantile_sorted(&values, 0.1),
        q90: quantile_sorted(&values, 0.9),
    }
}

/// One state's recorded and replayed timing.
#[derive(Debug, Clone, PartialEq)]
pub struct StateTiming {
    /// The state.
    pub iso3: String,
    /// Bleek's exploration start, pursuit start and acquisition year of the state's last
    /// programme begun after 1938 (`None` when not coded).
    pub record: (Option<i32>, Option<i32>, Option<i32>),
    /// Onset year over runs.
    pub onset: Spread,
    /// Pursuit start over runs.
    pub pursuit: Spread,
    /// Acquisition year over runs.
    pub acquisition: Spread,
    /// Years from onset to pursuit, over runs with both.
    pub onset_to_pursuit: Spread,
    /// Years from pursuit to acquisition, over runs with both.
    pub pursuit_to_acquisition: Spread,
}

/// The recorded stages of `iso3`: its last programme in the record (West Germany's 1957 one,
/// not the Reich's), as (explore, pursue, acquire).
pub fn recorded(programmes: &[Programme], iso3: &str) -> (Option<i32>, Option<i32>, Option<i32>) {
    programmes
        .iter()
        .rfind(|p| p.iso3 == iso3)
        .map_or((None, None, None), |p| (p.explore_start, p.pursue_start, p.acquire_year))
}

/// Summarises per-run stages (`runs[r]` = each state's stages in run `r`) against the record.
pub fn summarise(programmes: &[Programme], runs: &[Vec<(String, Stages)>]) -> Vec<StateTiming> {
    let Some(first) = runs.first() else { return Vec::new() };
    let n = runs.len();
    first
        .iter()
        .enumerate()
        .map(|(k, (iso3, _))| {
            let stages: Vec<Stages> = runs.iter().filter_map(|r| r.get(k).map(|s| s.1)).collect();
            let years = |f: fn(&Stages) -> Option<i32>| stages.iter().filter_map(f).map(f64::from).collect();
            let lag = |a: fn(&Stages) -> Option<i32>, b: fn(&Stages) -> Option<i32>| {
                let v: Vec<f64> = stages.iter().filter_map(|s| Some(f64::from(b(s)? - a(s)?))).collect();
                let m = v.len();
                spread(v, m)
            };
            StateTiming {
                iso3: iso3.clone(),
                record: recorded(programmes, iso3),
                onset: spread(years(|s| s.onset), n),
                pursuit: spread(years(|s| s.pursuit), n),
                acquisition: spread(years(|s| s.acquisition), n),
                onset_to_pursuit: lag(|s| s.onset, |s| s.pursuit),
                pursuit_to_acquisition: lag(|s| s.pursuit, |s| s.acquisition),
            }
        })
        .collect()
}

/// Replays `scenario` `runs` times (one stream per run from `seed`, in parallel) and summarises
/// each state's stage timing against the record.
pub fn timing(
    scenario: &Scenario,
    resolved: &Resolved,
    programmes: &[Programme],
    runs: u32,
    seed: u64,
) -> Vec<StateTiming> {
    let template = Template::new(scenario, resolved);
    let jobs: Vec<lab::Job<'_>> = (0..u64::from(runs)).map(|run| lab::Job { template: &template, run }).collect();
    let per_run: Vec<Vec<(String, Stages)>> = lab::Executor::new(seed)
        .run_with(&jobs, |_, job| run_stages(job.template, seed, job.run))
        .unwrap_or_else(|never| unreachable!("an ensemble without a cancellation flag finishes: {never}"));
    summarise(programmes, &per_run)
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn stages_follow_the_rules() {
        let mut s = Stages::default();
        s.observe(NuclearStatus::None, 1945);
        s.observe(NuclearStatus::Exploring, 1950);
        s.observe(NuclearStatus::Exploring, 1950);
        s.observe(NuclearStatus::Pursuing, 1955);
        s.observe(NuclearStatus::None, 1960);
        s.observe(NuclearStatus::Exploring, 1962);
        s.observe(NuclearStatus::Pursuing, 1965);
        s.observe(NuclearStatus::Possessing, 1971);
        s.observe(NuclearStatus::Disarmed, 1990);
        assert_eq!(s, Stages { onset: Some(1950), pursuit: Some(1965), acquisition: Some(1971) });
        let mut late = Stages::default();
        late.observe(NuclearStatus::Exploring, LAST_YEAR + 1);
        assert_eq!(late, Stages::default());
    }

    #[test]
    fn spread_is_the_type_7_quantiles() {
        let s = spread(vec![4.0, 1.0, 3.0, 2.0], 8);
        assert_eq!(s.share, 0.5);
        assert!((s.median - 2.5).abs() < 1e-12);
        // h = 3 × 0.1 = 0.3: 1 + 0.3 × (2 − 1).
        assert!((s.q10 - 1.3).abs() < 1e-12);
        assert!((s.q90 - 3.7).abs() < 1e-12);
    }

    #[test]
    fn summary_counts_lags_over_runs_with_both_stages() {
        let st = |o, p, a| Stages { onset: o, pursuit: p, acquisition: a };
        let runs = vec![
            vec![("AAA".to_owned(), st(Some(1950), Some(1955), Some(1960)))],
            vec![("AAA".to_owned(), st(Some(1952), Some(1960), None))],
            vec![("AAA".to_owned(), st(None, None, None))],
            vec![("AAA".to_owned(), st(Some(1948), Some(1950), Some(1970)))],
        ];
        let t = summarise(&[], &runs);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].onset.share, 0.75);
        assert_eq!(t[0].onset.median, 1950.0);
        assert_eq!(t[0].acquisition.share, 0.5);
        assert_eq!(t[0].acquisition.median, 1965.0);
        // Lags 5 and 20 over the two runs that acquired.
        assert_eq!(t[0].pursuit_to_acquisition.median, 12.5);
        assert_eq!(t[0].pursuit_to_acquisition.share, 1.0);
        // Onset to pursuit: 5, 8, 2.
        assert_eq!(t[0].onset_to_pursuit.median, 5.0);
        assert_eq!(t[0].record, (None, None, None));
    }
}
