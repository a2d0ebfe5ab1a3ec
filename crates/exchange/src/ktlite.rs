//! "KT-lite": the reduced Kent–Thaler model (Kent & Thaler, RAND R-3765-AF, 1989), expressed as a
//! special case of the general calculus (one fixed class attacked one warhead per launcher with
//! a fixed kill probability, one invulnerable class, perfect reliability, no defences).

use crate::stability::{PathStart, StopPoint, StopSearch, break_even, stop_point, strike_path};
use crate::strike::{Group, Pool, StrikeProblem, allocate};
use serde::{Deserialize, Serialize};

/// One side of the KT-lite model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KtSide {
    /// Fixed (targetable) launchers.
    pub fixed_launchers: f64,
    /// Warheads per fixed launcher.
    pub warheads_per_fixed: f64,
    /// Invulnerable warheads.
    pub survivable_warheads: f64,
    /// Kill probability of one of this side's warheads against one enemy fixed launcher.
    pub kill_probability: f64,
    /// Enemy weapons that destroy 80 % of this side's value.
    pub w80: f64,
}

impl KtSide {
    /// All warheads.
    pub fn warheads(&self) -> f64 {
        self.fixed_launchers * self.warheads_per_fixed + self.survivable_warheads
    }
}

/// Results of the KT-lite calculus.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KtResult {
    /// A strikes first: A's stop point (s*, C1_A, C2_B).
    pub a_first: StopPoint,
    /// B strikes first: B's stop point (s*, C1_B, C2_A).
    pub b_first: StopPoint,
    /// r_A = min(1, C1_A / C2_A).
    pub ratio_a: f64,
    /// r_B = min(1, C1_B / C2_B).
    pub ratio_b: f64,
    /// r_A · r_B.
    pub index: f64,
}

fn strike(att: &KtSide, vic: &KtSide, search: StopSearch) -> StopPoint {
    let problem = StrikeProblem {
        pools: vec![Pool { warheads: att.warheads(), reliability: 1.0, lethality: 1.0 }],
        groups: vec![Group {
            aim_points: vic.fixed_launchers,
            warheads_per_aim_point: vic.warheads_per_fixed,
            hardness_psi: 1.0,
            reliability: 1.0,
        }],
        kill: vec![att.kill_probability],
        max_shots: 1,
    };
    let drawdown = allocate(&problem);
    let start = PathStart {
        striker_full: att.warheads(),
        victim_full: vic.warheads(),
        victim_penetration: 1.0,
        striker_penetration: 1.0,
    };
    let path = strike_path(&problem, &drawdown, start);
    stop_point(&path, att.w80, vic.w80, search)
}

/// Runs KT-lite for sides `a` and `b`.
pub fn kt_lite(a: &KtSide, b: &KtSide, search: StopSearch) -> KtResult {
    let a_first = strike(a, b, search);
    let b_first = strike(b, a, search);
    let ratio_a = break_even(a_first.striker_cost, b_first.victim_cost);
    let ratio_b = break_even(b_first.striker_cost, a_first.victim_cost);
    KtResult { a_first, b_first, ratio_a, ratio_b, index: ratio_a * ratio_b }
}
