//! The cost of the use of force, estimated from the record: the engine's `force_cost` (the cost
//! a side pays for taking a crisis from threats to violence, docs/model.md §6) is the value at
//! which the `history-1945` replay's crises between rivals *without* nuclear weapons stay
//! non-violent as often as the International Crisis Behavior (ICB v14) crises without a
//! nuclear-armed actor did, 1946–2017.
//!
//! The observed share comes from data/icb_violence.csv: ICB v14 crises tabulated by the number
//! of nuclear-armed actors (`nuclear` coded 3 or 4) against the most severe violence over the
//! crisis's actors (`sevvio`), the table of [`crate::icb`] restricted to crises triggered
//! 1946–2017. The estimate is by simulated moments: the replay is run at a candidate cost, the
//! share of its crises between two unarmed sides (1946–2017) that never leave the crisis rung is
//! counted, and the cost is found by bisection (the share falls as the cost rises), with the
//! same runs and seed at every candidate (common random numbers). The 90 % interval is the cost
//! at the ends of the share's 90 % Wilson interval: the record's sampling error, not the
//! simulation's.
//!
//! Crises between nuclear-armed states are not used: their share without violence is what the
//! validation scores (`no_violence_share_armed`), an out-of-sample check of the estimate.

use crate::icb::IcbError;
use crate::validate::wilson90;
use serde::Serialize;

/// The ICB violence table (data/icb_violence.csv), compiled in.
pub const VIOLENCE_CSV: &str = include_str!("../../../data/icb_violence.csv");

/// Largest cost the bisection considers (in units of a unit stake): a cost twice the largest
/// stake stops every first violent step.
pub const MAX_FORCE_COST: f64 = 4.0;

/// Bisection steps: the bracket [0, [`MAX_FORCE_COST`]] narrows to 4 / 2^16 ≈ 6e-5.
const BISECTION_STEPS: u32 = 16;

/// One row of data/icb_violence.csv: crises with a given number of nuclear-armed actors, by
/// their most severe violence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViolenceRow {
    /// Nuclear-armed actors: "0", "1" or "2+".
    pub nuclear_actors: String,
    /// First year triggered.
    pub from: i32,
    /// Last year triggered.
    pub to: i32,
    /// Crises by most severe violence: none, minor clashes, serious clashes, full-scale war.
    pub counts: [u32; 4],
    /// Where the counts come from.
    pub source: String,
}

impl ViolenceRow {
    /// Crises in the row.
    pub fn crises(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// Reads a violence table in the layout of data/icb_violence.csv.
pub fn read_violence_table(text: &str) -> Result<Vec<ViolenceRow>, IcbError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| IcbError(format!("line {}: {e}", i + 2)))?;
        let field = |k: usize| rec.get(k).unwrap_or("").trim();
        let int = |k: usize| {
            field(k)
                .parse::<i64>()
                .map_err(|_| IcbError(format!("line {}: column {} is not a whole number", i + 2, k + 1)))
        };
        let count = |k: usize| {
            int(k).and_then(|x| u32::try_from(x).map_err(|_| IcbError(format!("line {}: bad count", i + 2))))
        };
        rows.push(ViolenceRow {
            nuclear_actors: field(0).to_owned(),
            from: int(1)? as i32,
            to: int(2)? as i32,
            counts: [count(3)?, count(4)?, count(5)?, count(6)?],
            source: field(7).to_owned(),
        });
    }
    Ok(rows)
}

/// The built-in table of data/icb_violence.csv.
pub fn violence_table() -> Vec<ViolenceRow> {
    read_violence_table(VIOLENCE_CSV).unwrap_or_else(|e| unreachable!("data/icb_violence.csv is valid (tested): {e}"))
}

/// Tabulates dated ICB crises ([`crate::icb::read_dated_actor_file`]) triggered `from`–`to`:
/// counts by violence for 0, 1 and 2+ nuclear-armed actors.
pub fn tabulate(crises: &[(Option<i32>, u32, u8)], from: i32, to: i32) -> [[u32; 4]; 3] {
    let mut table = [[0u32; 4]; 3];
    for &(year, nuclear, violence) in crises {
        if year.is_some_and(|y| (from..=to).contains(&y)) && (1..=4).contains(&violence) {
            table[nuclear.min(2) as usize][usize::from(violence - 1)] += 1;
        }
    }
    table
}

/// Crises between two unarmed sides in replays of `template` (`runs` runs from `seed`), years
/// `from`–`to`: (those that stayed at the crisis rung, all).
pub fn simulated_unarmed(template: &engine::Template, runs: u32, seed: u64, from: i32, to: i32) -> (u64, u64) {
    lab::Executor::new(seed)
        .ensemble(template, 0..u64::from(runs), |_, out| {
            out.dyad_years
                .iter()
                .filter(|d| d.crisis && !d.armed1 && !d.armed2 && (from..=to).contains(&d.year))
                .fold((0u64, 0u64), |(calm, all), d| (calm + u64::from(d.max_conventional == 1), all + 1))
        })
        .unwrap_or_else(|never| unreachable!("an ensemble without a cancellation flag finishes: {never}"))
        .into_iter()
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
}

/// The share of crises between unarmed sides that stay non-violent in replays of `scenario`
/// under `resolved` with `force_cost` = `cost`.
fn share_at(
    scenario: &model::Scenario,
    resolved: &engine::Resolved,
    cost: f64,
    runs: u32,
    seed: u64,
    years: (i32, i32),
) -> f64 {
    let mut r = resolved.clone();
    r.params.force_cost = cost;
    let (calm, all) = simulated_unarmed(&engine::Template::new(scenario, &r), runs, seed, years.0, years.1);
    if all > 0 { calm as f64 / all as f64 } else { f64::NAN }
}

/// The cost of force at which the replays' share of non-violent crises between unarmed sides
/// (years `years`) equals `target`, by bisection on [0, [`MAX_FORCE_COST`]]; 0 when even a
/// cost of 0 gives at least the target, [`MAX_FORCE_COST`] when even that cost gives less.
pub fn calibrate(
    scenario: &model::Scenario,
    resolved: &engine::Resolved,
    target: f64,
    runs: u32,
    seed: u64,
    years: (i32, i32),
) -> f64 {
    let share = |cost: f64| share_at(scenario, resolved, cost, runs, seed, years);
    if share(0.0) >= target {
        return 0.0;
    }
    if share(MAX_FORCE_COST) < target {
        return MAX_FORCE_COST;
    }
    let (mut lo, mut hi) = (0.0, MAX_FORCE_COST);
    for _ in 0..BISECTION_STEPS {
        let mid = 0.5 * (lo + hi);
        if share(mid) >= target { hi = mid } else { lo = mid }
    }
    0.5 * (lo + hi)
}

/// The estimate of `force_cost` with what it was estimated from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForceCostEstimate {
    /// ICB crises without a nuclear-armed actor, [`Self::years`].
    pub crises: u32,
    /// Of them, crises without violence.
    pub non_violent: u32,
    /// Their share, with its 90 % Wilson interval.
    pub share: (f64, f64, f64),
    /// Years of the ICB crises and of the simulated ones.
    pub years: (i32, i32),
    /// The estimated cost, with the costs at the ends of the share's interval (a higher share
    /// needs a higher cost).
    pub cost: (f64, f64, f64),
    /// Replays per candidate cost.
    pub runs: u32,
    /// Master seed of the replays.
    pub seed: u64,
}

/// Estimates `force_cost` from the ICB table and replays of `scenario` (`history-1945`) under
/// `resolved` (see the module docs); `None` when the table has no row for crises without a
/// nuclear-armed actor.
pub fn estimate_force_cost(
    scenario: &model::Scenario,
    resolved: &engine::Resolved,
    runs: u32,
    seed: u64,
) -> Option<ForceCostEstimate> {
    let row = violence_table().into_iter().find(|r| r.nuclear_actors == "0")?;
    let (crises, non_violent) = (row.crises(), row.counts[0]);
    let share = f64::from(non_violent) / f64::from(crises);
    let (lo, hi) = wilson90(f64::from(non_violent), f64::from(crises));
    let years = (row.from, row.to);
    let at = |target: f64| calibrate(scenario, resolved, target, runs, seed, years);
    Some(ForceCostEstimate {
        crises,
        non_violent,
        share: (share, lo, hi),
        years,
        cost: (at(share), at(lo), at(hi)),
        runs,
        seed,
    })
}
