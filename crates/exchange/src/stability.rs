//! Second strike, mutual vulnerability and first-strike stability (EXCHANGE.md §4).
//!
//! [`evaluate_dyad`] runs, for one alert state, both sides' best counterforce strikes
//! ([`crate::strike::allocate`]) and derives from each:
//! - the defender's surviving and arriving warheads and its second-strike adequacy
//!   `A = arriving / D` (D: the attacker's unacceptable-damage threshold);
//! - the Kent–Thaler first-strike calculus: along the strike's drawdown the striker stops where
//!   its own cost `C = D_own^0.75 + 0.3 (1 − D_enemy^0.75)` is lowest (ties: where the victim's
//!   cost is highest, then fewer warheads), both sides' remaining weapons then go against value
//!   through the damage curve `D(w) = 1 − exp(−w ln 5 / w80)`; `r_X = min(1, C1_X / C2_X)` and
//!   the index is `r_A · r_B`.
//!
//! Kent, G. A. & Thaler, D. E., *First-Strike Stability: A Methodology for Evaluating Strategic
//! Forces*, RAND R-3765-AF (1989), App. C; Kent, DeValk & Thaler, RAND N-2526 (1988).

use crate::blast::BlastError;
use crate::forces::{Alert, Side};
use crate::strike::{Drawdown, StrikeProblem, allocate};
use model::ExchangeSettings;
use serde::Serialize;

/// Exponent on damage in the Kent–Thaler cost function (R-3765 App. C).
pub const KT_DAMAGE_EXPONENT: f64 = 0.75;
/// Weight of "enemy aims not denied" in the Kent–Thaler cost function (R-3765 App. C).
pub const KT_DENIAL_WEIGHT: f64 = 0.3;

/// Kent–Thaler cost to a side that loses `own` of its value while destroying `enemy` of the
/// other's: `own^0.75 + 0.3 (1 − enemy^0.75)`.
pub fn kt_cost(own: f64, enemy: f64) -> f64 {
    pow75(own) + KT_DENIAL_WEIGHT * (1.0 - pow75(enemy))
}

/// x^0.75 for x in [0, 1], as two square roots (exact to rounding, cheaper than `powf`).
fn pow75(x: f64) -> f64 {
    let r = x.sqrt();
    r * r.sqrt()
}

/// Share of a side's value destroyed by `arriving` warheads: `1 − exp(−w ln 5 / w80)`, so that
/// `w80` warheads destroy exactly 80 %.
pub fn damage(arriving: f64, w80: f64) -> f64 {
    if arriving <= 0.0 {
        0.0
    } else {
        1.0 - (-arriving * LN_5 / w80).exp()
    }
}

/// ln 5: the damage curve's rate constant times w80.
pub const LN_5: f64 = 1.609_437_912_434_100_3;

/// A point on a first-strike path: warheads the striker has spent on counterforce, the
/// striker's warheads that would then arrive on the victim's value, and the victim's warheads
/// that would arrive on the striker's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PathPoint {
    /// Counterforce warheads spent so far.
    pub spent: f64,
    /// Striker's arriving warheads if it now turns everything left on value.
    pub striker_arriving: f64,
    /// Victim's arriving warheads in retaliation.
    pub victim_arriving: f64,
}

/// The piecewise-linear first-strike path: vertices in order of increasing `spent`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrikePath {
    /// Vertices; the path is linear between consecutive ones.
    pub points: Vec<PathPoint>,
}

impl StrikePath {
    /// The path point after spending `s` warheads (clamped to the path).
    pub fn at(&self, s: f64) -> PathPoint {
        let pts = &self.points;
        if s <= pts[0].spent {
            return pts[0];
        }
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if s <= b.spent {
                let len = b.spent - a.spent;
                let t = if len > 0.0 { (s - a.spent) / len } else { 1.0 };
                return PathPoint {
                    spent: s,
                    striker_arriving: a.striker_arriving
                        + t * (b.striker_arriving - a.striker_arriving),
                    victim_arriving: a.victim_arriving
                        + t * (b.victim_arriving - a.victim_arriving),
                };
            }
        }
        *pts.last().unwrap_or(&pts[0])
    }

    /// Total warheads spent at the end of the path.
    pub fn max_spent(&self) -> f64 {
        self.points.last().map_or(0.0, |p| p.spent)
    }
}

/// Builds the path of `problem`'s drawdown: the striker's full arrival `striker_full` falls by
/// each step's warheads × pool reliability × `victim_penetration`; the victim's retaliation
/// `victim_full` falls by each step's destroyed warheads × their reliability ×
/// `striker_penetration`.
pub fn strike_path(
    problem: &StrikeProblem,
    drawdown: &Drawdown,
    striker_full: f64,
    victim_full: f64,
    victim_penetration: f64,
    striker_penetration: f64,
) -> StrikePath {
    let mut points = Vec::with_capacity(drawdown.steps.len() + 1);
    let mut p = PathPoint {
        spent: 0.0,
        striker_arriving: striker_full,
        victim_arriving: victim_full,
    };
    points.push(p);
    for step in &drawdown.steps {
        p.spent += step.warheads;
        p.striker_arriving -=
            step.warheads * problem.pools[step.pool].reliability * victim_penetration;
        p.victim_arriving -=
            step.destroyed * problem.groups[step.group].reliability * striker_penetration;
        p.striker_arriving = p.striker_arriving.max(0.0);
        p.victim_arriving = p.victim_arriving.max(0.0);
        points.push(p);
    }
    StrikePath { points }
}

/// How the stop rule searches the strike sizes (whole warheads, plus the path's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StopSearch {
    /// Path vertices and, inside each linear piece, the whole numbers around every local
    /// minimum of the striker's cost (found from its derivative). Default.
    #[default]
    Fast,
    /// Every whole number of warheads: the reference the fast search is tested against.
    Exhaustive,
}

/// Where a first striker stops, and both sides' costs there.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StopPoint {
    /// Counterforce warheads spent (s*).
    pub spent: f64,
    /// Striker's cost (C1 of the striker).
    pub striker_cost: f64,
    /// Victim's cost (C2 of the victim).
    pub victim_cost: f64,
    /// Damage to the striker's value.
    pub striker_damage: f64,
    /// Damage to the victim's value.
    pub victim_damage: f64,
}

fn costs_at(point: PathPoint, striker_w80: f64, victim_w80: f64) -> StopPoint {
    let ds = damage(point.victim_arriving, striker_w80);
    let dv = damage(point.striker_arriving, victim_w80);
    StopPoint {
        spent: point.spent,
        striker_cost: kt_cost(ds, dv),
        victim_cost: kt_cost(dv, ds),
        striker_damage: ds,
        victim_damage: dv,
    }
}

/// Whether `a` beats `b` under the stop rule: lower striker cost; ties (1e-12) to the higher
/// victim cost, then to fewer warheads.
fn better(a: &StopPoint, b: &StopPoint) -> bool {
    const TOL: f64 = 1e-12;
    if a.striker_cost < b.striker_cost - TOL {
        return true;
    }
    if a.striker_cost > b.striker_cost + TOL {
        return false;
    }
    if a.victim_cost > b.victim_cost + TOL {
        return true;
    }
    if a.victim_cost < b.victim_cost - TOL {
        return false;
    }
    a.spent < b.spent
}

/// Derivative of the striker's cost along a linear piece with slopes `da` (striker arrival per
/// warhead, ≤ 0) and `db` (victim arrival per warhead, ≤ 0).
fn cost_slope(point: PathPoint, da: f64, db: f64, striker_w80: f64, victim_w80: f64) -> f64 {
    let ks = LN_5 / striker_w80;
    let kv = LN_5 / victim_w80;
    let es = (-ks * point.victim_arriving).exp();
    let ev = (-kv * point.striker_arriving).exp();
    let ds = 1.0 - es;
    let dv = 1.0 - ev;
    // d/ds of D^0.75 = 0.75 D^-0.25 dD/ds, with dD/ds = k e^{-k w} dw/ds.
    let own = if db != 0.0 && ds > 0.0 {
        KT_DAMAGE_EXPONENT * ks * es * db / ds.sqrt().sqrt()
    } else {
        0.0
    };
    let enemy = if da != 0.0 && dv > 0.0 {
        KT_DAMAGE_EXPONENT * kv * ev * da / dv.sqrt().sqrt()
    } else {
        0.0
    };
    own - KT_DENIAL_WEIGHT * enemy
}

/// Applies the Kent–Thaler stop rule to a strike path.
pub fn stop_point(
    path: &StrikePath,
    striker_w80: f64,
    victim_w80: f64,
    search: StopSearch,
) -> StopPoint {
    let end = path.max_spent();
    let eval = |s: f64| costs_at(path.at(s), striker_w80, victim_w80);
    let mut best = eval(0.0);
    let consider = |s: f64, best: &mut StopPoint| {
        let s = s.clamp(0.0, end);
        let c = eval(s);
        if better(&c, best) {
            *best = c;
        }
    };
    match search {
        StopSearch::Exhaustive => {
            let mut s = 1.0;
            while s <= end {
                consider(s, &mut best);
                s += 1.0;
            }
            consider(end, &mut best);
        }
        StopSearch::Fast => {
            for w in path.points.windows(2) {
                let (a, b) = (w[0], w[1]);
                let len = b.spent - a.spent;
                for s in [
                    a.spent.floor(),
                    a.spent.ceil(),
                    b.spent.floor(),
                    b.spent.ceil(),
                ] {
                    if s <= end {
                        consider(s, &mut best);
                    }
                }
                if len <= 0.0 {
                    continue;
                }
                let da = (b.striker_arriving - a.striker_arriving) / len;
                let db = (b.victim_arriving - a.victim_arriving) / len;
                let slope = |s: f64| cost_slope(path.at(s), da, db, striker_w80, victim_w80);
                // Sample the slope on a fine enough grid to separate local minima, then bisect
                // every − to + sign change.
                const SAMPLES: usize = 8;
                let mut prev_s = a.spent;
                let mut prev = slope(prev_s);
                for k in 1..=SAMPLES {
                    let s = a.spent + len * k as f64 / SAMPLES as f64;
                    let cur = slope(s);
                    if prev < 0.0 && cur >= 0.0 {
                        let (mut lo, mut hi) = (prev_s, s);
                        for _ in 0..60 {
                            let mid = 0.5 * (lo + hi);
                            if slope(mid) < 0.0 {
                                lo = mid
                            } else {
                                hi = mid
                            }
                            if hi - lo < 0.25 {
                                break;
                            }
                        }
                        for s in [lo.floor(), lo.ceil(), hi.floor(), hi.ceil()] {
                            if s <= end {
                                consider(s, &mut best);
                            }
                        }
                    }
                    prev_s = s;
                    prev = cur;
                }
            }
            consider(end, &mut best);
        }
    }
    best
}

/// One side's first strike on the other, and what the victim keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrikeOutcome {
    /// ISO3 of the striker.
    pub attacker: String,
    /// ISO3 of the victim.
    pub defender: String,
    /// Victim's warheads (in elements that reach the attacker) before the strike.
    pub defender_warheads: f64,
    /// Attacker's warheads used in its maximal damage-limiting counterforce strike.
    pub attacker_warheads_spent: f64,
    /// Victim's expected surviving warheads after that strike.
    pub surviving_warheads: f64,
    /// Of those, the warheads that arrive on the attacker (reliability × penetration).
    pub arriving_warheads: f64,
    /// The attacker's unacceptable-damage threshold (arriving warheads).
    pub unacceptable_damage: f64,
    /// Second-strike adequacy: arriving / unacceptable damage.
    pub adequacy: f64,
    /// Expected surviving warheads per victim force element (index into its `forces`).
    pub survivors_by_element: Vec<(usize, f64)>,
    /// Where the Kent–Thaler stop rule ends the attacker's strike.
    pub stop: StopPoint,
}

/// Everything the calculus says about one dyad in one alert state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadStability {
    /// Alert state of both sides.
    pub alert: Alert,
    /// A strikes B.
    pub a_strikes: StrikeOutcome,
    /// B strikes A.
    pub b_strikes: StrikeOutcome,
    /// r_A = min(1, C1_A / C2_A): the break-even probability of attack above which A pre-empts.
    pub ratio_a: f64,
    /// r_B likewise.
    pub ratio_b: f64,
    /// First-strike stability index r_A · r_B.
    pub index: f64,
    /// Both sides keep adequacy ≥ 1 against the other's best strike.
    pub mutual_vulnerability: bool,
}

/// The break-even ratio `min(1, c1 / c2)`; 1 when waiting costs nothing.
pub fn break_even(c1: f64, c2: f64) -> f64 {
    if c2 <= 0.0 { 1.0 } else { (c1 / c2).min(1.0) }
}

fn one_strike(
    attacker: &Side,
    defender: &Side,
    settings: &ExchangeSettings,
    withhold: f64,
    search: StopSearch,
) -> Result<StrikeOutcome, BlastError> {
    let problem = StrikeProblem::new(attacker, defender, settings, withhold)?;
    let drawdown = allocate(&problem);
    let striker_full = attacker.arriving_if_all_launched(defender.incoming_penetration);
    let victim_full = defender.arriving_if_all_launched(attacker.incoming_penetration);
    let path = strike_path(
        &problem,
        &drawdown,
        striker_full,
        victim_full,
        defender.incoming_penetration,
        attacker.incoming_penetration,
    );
    let stop = stop_point(&path, attacker.w80, defender.w80, search);
    let survivors_by_element: Vec<(usize, f64)> = defender
        .elements
        .iter()
        .zip(&drawdown.group_survivors)
        .map(|(e, s)| (e.index, e.survivable_warheads + s))
        .collect();
    let surviving: f64 = survivors_by_element.iter().map(|(_, s)| s).sum();
    let arriving = path
        .points
        .last()
        .map_or(victim_full, |p| p.victim_arriving);
    Ok(StrikeOutcome {
        attacker: attacker.iso3.clone(),
        defender: defender.iso3.clone(),
        defender_warheads: defender.warheads(),
        attacker_warheads_spent: drawdown.spent(),
        surviving_warheads: surviving,
        arriving_warheads: arriving,
        unacceptable_damage: attacker.unacceptable_damage,
        adequacy: arriving / attacker.unacceptable_damage,
        survivors_by_element,
        stop,
    })
}

/// Evaluates a dyad: both first strikes, adequacy, mutual vulnerability and the first-strike
/// stability index. `a` and `b` must be resolved for the same alert state and distance.
pub fn evaluate_dyad(
    a: &Side,
    b: &Side,
    alert: Alert,
    settings: &ExchangeSettings,
    withhold: f64,
    search: StopSearch,
) -> Result<DyadStability, BlastError> {
    let a_strikes = one_strike(a, b, settings, withhold, search)?;
    let b_strikes = one_strike(b, a, settings, withhold, search)?;
    let ratio_a = break_even(a_strikes.stop.striker_cost, b_strikes.stop.victim_cost);
    let ratio_b = break_even(b_strikes.stop.striker_cost, a_strikes.stop.victim_cost);
    let mutual_vulnerability = a_strikes.adequacy >= 1.0 && b_strikes.adequacy >= 1.0;
    Ok(DyadStability {
        alert,
        a_strikes,
        b_strikes,
        ratio_a,
        ratio_b,
        index: ratio_a * ratio_b,
        mutual_vulnerability,
    })
}
