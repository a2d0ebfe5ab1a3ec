//! Second strike, mutual vulnerability and first-strike stability (docs/model.md, Part II).
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
use crate::forces::{Alert, Code, Side};
use crate::strike::{Drawdown, RangeCache, StrikeProblem, Workspace, allocate_into};
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
    if arriving <= 0.0 { 0.0 } else { 1.0 - (-arriving * LN_5 / w80).exp() }
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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
        // First vertex at or beyond s.
        let k = pts.partition_point(|p| p.spent < s);
        if k >= pts.len() {
            return pts[pts.len() - 1];
        }
        let (a, b) = (pts[k - 1], pts[k]);
        let len = b.spent - a.spent;
        let t = if len > 0.0 { (s - a.spent) / len } else { 1.0 };
        PathPoint {
            spent: s,
            striker_arriving: a.striker_arriving + t * (b.striker_arriving - a.striker_arriving),
            victim_arriving: a.victim_arriving + t * (b.victim_arriving - a.victim_arriving),
        }
    }

    /// Total warheads spent at the end of the path.
    pub fn max_spent(&self) -> f64 {
        self.points.last().map_or(0.0, |p| p.spent)
    }
}

/// What the striker and the victim would deliver on each other's value before any
/// counterforce, and how their defences thin it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathStart {
    /// Striker's arriving warheads if it launched everything at value.
    pub striker_full: f64,
    /// Victim's arriving warheads if it launched everything at value.
    pub victim_full: f64,
    /// Share of the striker's warheads that get through the victim's defences.
    pub victim_penetration: f64,
    /// Share of the victim's warheads that get through the striker's defences.
    pub striker_penetration: f64,
}

/// Builds the path of `problem`'s drawdown: the striker's full arrival falls by each step's
/// warheads × pool reliability × victim penetration; the victim's retaliation falls by each
/// step's destroyed warheads × their reliability × striker penetration.
pub fn strike_path(problem: &StrikeProblem, drawdown: &Drawdown, start: PathStart) -> StrikePath {
    let mut path = StrikePath::default();
    strike_path_into(problem, drawdown, start, &mut path);
    path
}

/// [`strike_path`] writing into an existing path (no allocation once it has grown).
pub fn strike_path_into(problem: &StrikeProblem, drawdown: &Drawdown, start: PathStart, out: &mut StrikePath) {
    let PathStart { striker_full, victim_full, victim_penetration, striker_penetration } = start;
    let points = &mut out.points;
    points.clear();
    let mut p = PathPoint { spent: 0.0, striker_arriving: striker_full, victim_arriving: victim_full };
    points.push(p);
    for step in &drawdown.steps {
        p.spent += step.warheads;
        p.striker_arriving -= step.warheads * problem.pools[step.pool].reliability * victim_penetration;
        p.victim_arriving -= step.destroyed * problem.groups[step.group].reliability * striker_penetration;
        p.striker_arriving = p.striker_arriving.max(0.0);
        p.victim_arriving = p.victim_arriving.max(0.0);
        points.push(p);
    }
}

/// How the stop rule searches the strike sizes (whole warheads, plus the path's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StopSearch {
    /// Branch and bound over the whole numbers (exact: the same answer as `Exhaustive`, with
    /// a handful of evaluations instead of one per warhead) on strike paths along which neither
    /// side's arriving warheads rise as counterforce spending grows, which is every path
    /// [`strike_path`] builds; its bounds do not hold on other paths, where only `Exhaustive` is
    /// exact. Default.
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

/// The stop rule's tie tolerance on costs.
const TIE_TOLERANCE: f64 = 1e-12;

/// Whether `a` beats `b` under the stop rule: lower striker cost; ties (1e-12) to the higher
/// victim cost, then to fewer warheads.
fn better(a: &StopPoint, b: &StopPoint) -> bool {
    const TOL: f64 = TIE_TOLERANCE;
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

/// Applies the Kent–Thaler stop rule to a strike path (with [`StopSearch::Fast`], a path whose
/// arrivals never rise: see there).
pub fn stop_point(path: &StrikePath, striker_w80: f64, victim_w80: f64, search: StopSearch) -> StopPoint {
    stop_point_in(path, striker_w80, victim_w80, search, &mut StopScratch::default())
}

/// Reusable buffers of the fast stop-rule search.
#[derive(Debug, Clone, Default)]
pub struct StopScratch {
    stack: Vec<Interval>,
}

/// [`stop_point`] reusing `scratch` (no allocation once it has grown); the same result.
pub fn stop_point_in(
    path: &StrikePath,
    striker_w80: f64,
    victim_w80: f64,
    search: StopSearch,
    scratch: &mut StopScratch,
) -> StopPoint {
    stop_point_with::<true>(path, striker_w80, victim_w80, search, scratch)
}

/// [`stop_point_in`]; without `SUFFIX_BOUND` the fast search never bounds the rest of the path
/// at once (the tests' check that the bound is applied only where it holds).
fn stop_point_with<const SUFFIX_BOUND: bool>(
    path: &StrikePath,
    striker_w80: f64,
    victim_w80: f64,
    search: StopSearch,
    scratch: &mut StopScratch,
) -> StopPoint {
    let end = path.max_spent();
    let eval = |s: f64| costs_at(path.at(s), striker_w80, victim_w80);
    match search {
        StopSearch::Exhaustive => {
            let mut best = eval(0.0);
            let consider = |s: f64, best: &mut StopPoint| {
                let c = eval(s.clamp(0.0, end));
                if better(&c, best) {
                    *best = c;
                }
            };
            let mut s = 1.0;
            while s <= end {
                consider(s, &mut best);
                s += 1.0;
            }
            consider(end, &mut best);
            best
        }
        StopSearch::Fast => {
            // No counterforce: the first vertex when the path starts at 0 (as `path.at(0)` then
            // returns it), whose terms also start the search.
            let kv = LN_5 / victim_w80;
            let (mut best, first) = match path.points.first() {
                Some(&p0) if p0.spent >= 0.0 => {
                    let (c, t) = costs_and_terms(p0, striker_w80, victim_w80, kv);
                    (c, Some(t))
                }
                _ => (eval(0.0), None),
            };
            let (last, rest_worse) =
                fast_search::<SUFFIX_BOUND>(path, striker_w80, victim_w80, &mut best, first, &mut scratch.stack);
            // The path's end, unless the bound at the last vertex (or over the rest of the path)
            // shows it cannot win.
            let skip = rest_worse
                || last.is_some_and(|(_, _, k)| k.s.to_bits() == end.to_bits() && k.f1 + k.f2 > prune_threshold(&best));
            if !skip {
                let point = path.at(end);
                // The last vertex evaluated, when the end is that very point (the same bits give
                // the same costs); otherwise the end itself, unless its own-damage term alone
                // shows it cannot win.
                let c = match last {
                    Some((v, c, _)) if same_point(&v, &point) => Some(c),
                    _ => costs_unless_worse(point, striker_w80, victim_w80, &best),
                };
                if let Some(c) = c
                    && better(&c, &best)
                {
                    best = c;
                }
            }
            best
        }
    }
}

/// Margin, beyond the tie tolerance of [`better`], by which a lower bound must exceed the best
/// cost before its interval is dropped: it covers the rounding of the bounds (about 1e-16),
/// so every dropped point is certainly worse than the best beyond the tie tolerance.
const BOUND_MARGIN: f64 = 1e-13;

/// The striker cost a lower bound must exceed for its interval to be dropped.
fn prune_threshold(best: &StopPoint) -> f64 {
    best.striker_cost + 1e-12 + BOUND_MARGIN
}

/// The two cost terms at a point of a linear piece, with the slope of the convex one:
/// F1 = D_own^0.75 (concave along a piece) and F2 = 0.3 (1 − D_enemy^0.75) (convex).
#[derive(Debug, Clone, Copy)]
struct Known {
    /// Warheads spent.
    s: f64,
    /// F1 at `s`.
    f1: f64,
    /// F2 at `s`.
    f2: f64,
    /// dF2/ds at `s`; infinite where the striker's arrival is zero (no finite tangent).
    slope2: f64,
}

/// Integer strike sizes `l..=r` not yet visited, between the known points `left` (at or
/// before `l`) and `right` (at or after `r`) of the same linear piece.
#[derive(Debug, Clone, Copy)]
struct Interval {
    l: f64,
    r: f64,
    left: Known,
    right: Known,
}

/// A lower bound of the striker cost F1 + F2 over the integers `l..=r` lying between the known
/// points `left` and `right` of one linear piece: F1 is concave there, so it lies above its
/// chord; F2 is convex, so it lies above both tangents (where a tangent is infinite, F2 is
/// constant beyond that point as the striker's arrival stays zero, and non-decreasing in any
/// case, so F2 at the left point bounds it). The sum of the chord and the larger tangent is
/// convex and piecewise linear, so its least value is at `l`, `r` or where the tangents cross.
fn lower_bound(l: f64, r: f64, left: &Known, right: &Known) -> f64 {
    let width = right.s - left.s;
    let c1 = if width > 0.0 { (right.f1 - left.f1) / width } else { 0.0 };
    // Without a finite tangent on the left, the flat line at F2(left) bounds F2 from below.
    let sl = if left.slope2.is_finite() { left.slope2 } else { 0.0 };
    // chord + left tangent, a line: its least value over [l, r] is at an end.
    let (ul, ur) = (left.f1 + left.f2 + (c1 + sl) * (l - left.s), left.f1 + left.f2 + (c1 + sl) * (r - left.s));
    if !right.slope2.is_finite() {
        return if ul < ur { ul } else { ur };
    }
    // chord + right tangent, another line; the bound is the least of their maximum.
    let sr = right.slope2;
    let base = left.f1 + c1 * (right.s - left.s) + right.f2;
    let (vl, vr) = (base + (c1 + sr) * (l - right.s), base + (c1 + sr) * (r - right.s));
    let at_l = if ul > vl { ul } else { vl };
    let at_r = if ur > vr { ur } else { vr };
    let mut bound = if at_l < at_r { at_l } else { at_r };
    // The two lines cross inside (l, r) when they change order there.
    if (ul - vl) * (ur - vr) < 0.0 {
        let t = (ul - vl) / ((ul - vl) - (ur - vr));
        let cross = ul + t * (ur - ul);
        if cross < bound {
            bound = cross;
        }
    }
    bound
}

/// The fast stop-rule search: branch and bound over whole numbers of warheads, one linear
/// piece of the path at a time, updating `best`; `first` holds the terms at the first vertex
/// when known. Returns the last vertex, its costs and its known terms when the last piece
/// searched computed them.
///
/// The order in which strike sizes are considered is fixed: in each piece its first and last
/// whole numbers, then the rest by recursive halving (the middle, then the left half, then the
/// right half); a piece of one or two whole numbers is evaluated at each (no bound). A size is skipped only when a lower bound of its cost ([`lower_bound`], built
/// from points already evaluated or from the piece's vertices) exceeds the best cost found by
/// more than the tie tolerance: such a size can never replace the best, so skipping it leaves
/// the sequence of improvements, and the answer, unchanged. Same answer as `Exhaustive`.
fn fast_search<const SUFFIX_BOUND: bool>(
    path: &StrikePath,
    striker_w80: f64,
    victim_w80: f64,
    best: &mut StopPoint,
    first: Option<Terms>,
    stack: &mut Vec<Interval>,
) -> (Option<(PathPoint, StopPoint, Known)>, bool) {
    let last_size = path.max_spent().floor();
    let kv = LN_5 / victim_w80;
    let mut last = None;
    // Terms at the vertex a piece starts from, when already computed.
    let mut carried: Option<(usize, Terms)> = first.map(|t| (0, t));
    let vertex = |k: usize| costs_and_terms(path.points[k], striker_w80, victim_w80, kv);
    // Where neither side's arrival ever rises along the path (as along a drawdown), F1 beyond a
    // point is at least F1 at the path's last vertex and F2 at least F2 at that point: their
    // sum bounds the rest of the path, end included. `f2_seen` is F2 at the furthest point
    // evaluated so far.
    let monotone = path
        .points
        .windows(2)
        .all(|w| w[1].victim_arriving <= w[0].victim_arriving && w[1].striker_arriving <= w[0].striker_arriving);
    let mut f1_floor = None;
    let mut f2_seen = first.map(|t| t.f2);
    for k in 0..path.points.len().saturating_sub(1) {
        let (a, b) = (path.points[k], path.points[k + 1]);
        let len = b.spent - a.spent;
        if len <= 0.0 {
            continue;
        }
        let lo = a.spent.ceil().max(1.0);
        let hi = b.spent.floor().min(last_size);
        if lo > hi {
            continue;
        }
        if SUFFIX_BOUND
            && monotone
            && let Some(f2) = f2_seen
        {
            let floor = *f1_floor.get_or_insert_with(|| {
                let end = path.points[path.points.len() - 1];
                pow75(damage(end.victim_arriving, striker_w80))
            });
            if floor + f2 > prune_threshold(best) {
                return (None, true);
            }
        }
        let piece = Piece::new(a, b);
        let (da, point) = (piece.da, |s: f64| piece.at_unsigned(s));
        // Evaluates `s` exactly as `costs_at` does and keeps its terms.
        let visit = |s: f64, best: &mut StopPoint| -> Known {
            let (c, t) = costs_and_terms(point(s), striker_w80, victim_w80, kv);
            if better(&c, best) {
                *best = c;
            }
            t.known(s, da)
        };
        if hi - lo < DIRECT_SPAN {
            // A few whole numbers: evaluating them costs about what the bound's terms at the far
            // vertex would, and those are then computed only if a later piece needs them.
            let mut s = lo;
            while s <= hi {
                f2_seen = Some(visit(s, best).f2);
                s += 1.0;
            }
            last = None;
            continue;
        }
        // Terms at the vertices bound the piece's first and last sizes (and the whole piece).
        let ta = match carried {
            Some((j, t)) if j == k => t,
            _ => vertex(k).1,
        };
        let (cb, tb) = vertex(k + 1);
        carried = Some((k + 1, tb));
        f2_seen = Some(tb.f2);
        let (va, vb) = (ta.known(a.spent, da), tb.known(b.spent, da));
        last = Some((b, cb, vb));
        if lower_bound(lo, hi, &va, &vb) > prune_threshold(best) {
            continue;
        }
        let (left, right) = (visit(lo, best), visit(hi, best));
        stack.clear();
        stack.push(Interval { l: lo + 1.0, r: hi - 1.0, left, right });
        while let Some(Interval { l, r, left, right }) = stack.pop() {
            if l > r || lower_bound(l, r, &left, &right) > prune_threshold(best) {
                continue;
            }
            if r - l < 3.0 {
                let mut s = l;
                while s <= r {
                    visit(s, best);
                    s += 1.0;
                }
                continue;
            }
            let m = ((l + r) / 2.0).floor();
            let mid = visit(m, best);
            stack.push(Interval { l: m + 1.0, r, left: mid, right });
            stack.push(Interval { l, r: m - 1.0, left, right: mid });
        }
    }
    (last, false)
}

/// A piece whose first and last whole numbers are closer than this (one or two whole numbers)
/// is evaluated at each of them, without bounds (measured: cheaper than the far vertex's terms).
const DIRECT_SPAN: f64 = 2.0;

/// The cost terms at a point, independent of the piece: F1, F2 and the factor `g` with
/// dF2/ds = −g · (slope of the striker's arrival), infinite where the arrival is zero.
#[derive(Debug, Clone, Copy)]
struct Terms {
    f1: f64,
    f2: f64,
    g: f64,
}

impl Terms {
    /// The terms at `s` on a piece whose striker's arrival has slope `da`.
    fn known(self, s: f64, da: f64) -> Known {
        let slope2 = if da == 0.0 { 0.0 } else { -self.g * da };
        Known { s, f1: self.f1, f2: self.f2, slope2 }
    }
}

/// [`costs_at`] of `point` (the same operations, so the same bits), with the cost terms at it
/// for the bounds; `kv` is ln 5 / victim w80.
fn costs_and_terms(point: PathPoint, striker_w80: f64, victim_w80: f64, kv: f64) -> (StopPoint, Terms) {
    let ds = damage(point.victim_arriving, striker_w80);
    let x = point.striker_arriving;
    // As `damage(x, victim_w80)`, keeping exp(−x ln 5 / w80) for the slope.
    let (dv, e) = if x <= 0.0 {
        (0.0, 1.0)
    } else {
        let e = (-x * LN_5 / victim_w80).exp();
        (1.0 - e, e)
    };
    let (p_ds, p_dv) = (pow75(ds), pow75(dv));
    let f2 = KT_DENIAL_WEIGHT * (1.0 - p_dv);
    let stop = StopPoint {
        spent: point.spent,
        striker_cost: p_ds + f2,
        victim_cost: p_dv + KT_DENIAL_WEIGHT * (1.0 - p_ds),
        striker_damage: ds,
        victim_damage: dv,
    };
    let g = if dv > 0.0 { KT_DENIAL_WEIGHT * KT_DAMAGE_EXPONENT * kv * e / dv.sqrt().sqrt() } else { f64::INFINITY };
    (stop, Terms { f1: p_ds, f2, g })
}

/// [`costs_at`] of `point`, unless the striker's own-damage term F1 alone exceeds `best`'s
/// striker cost by more than the tie tolerance of [`better`]: the cost F1 + F2 (F2 ≥ 0, so the
/// rounded sum is at least F1) then cannot beat `best`, and `None` is returned without computing
/// the victim's damage.
fn costs_unless_worse(point: PathPoint, striker_w80: f64, victim_w80: f64, best: &StopPoint) -> Option<StopPoint> {
    // As in `costs_at`: the same operations, so the same bits.
    let p_ds = pow75(damage(point.victim_arriving, striker_w80));
    if p_ds > best.striker_cost + TIE_TOLERANCE {
        return None;
    }
    Some(costs_at(point, striker_w80, victim_w80))
}

/// Whether two path points have the same bits.
fn same_point(a: &PathPoint, b: &PathPoint) -> bool {
    a.spent.to_bits() == b.spent.to_bits()
        && a.striker_arriving.to_bits() == b.striker_arriving.to_bits()
        && a.victim_arriving.to_bits() == b.victim_arriving.to_bits()
}

/// One side's first strike on the other, and what the victim keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrikeOutcome {
    /// ISO3 of the striker.
    pub attacker: Code,
    /// ISO3 of the victim.
    pub defender: Code,
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

/// A dyad's two counterforce problems (kill matrices included), built once and reused while
/// the two force structures keep their elements. Building them solves the lethal radius for
/// every target hardness, which costs far more than an evaluation.
#[derive(Debug, Clone)]
pub struct PreparedDyad {
    a_on_b: StrikeProblem,
    b_on_a: StrikeProblem,
    /// Each problem's pool sources (`StrikeProblem::refresh_counts_memo`).
    sources: [Vec<(u64, u64)>; 2],
}

/// Reusable buffers for [`PreparedDyad::evaluate`].
#[derive(Debug, Clone, Default)]
pub struct EvalScratch {
    work: Workspace,
    drawdown: Drawdown,
    path: StrikePath,
    ranges: RangeCache,
    stop: StopScratch,
}

impl PreparedDyad {
    /// Builds both counterforce problems for sides `a` and `b`.
    pub fn new(a: &Side, b: &Side, settings: &ExchangeSettings, withhold: f64) -> Result<Self, BlastError> {
        Ok(PreparedDyad {
            a_on_b: StrikeProblem::new(a, b, settings, withhold)?,
            b_on_a: StrikeProblem::new(b, a, settings, withhold)?,
            sources: Default::default(),
        })
    }

    /// [`PreparedDyad::new`] reusing the lethal-radius solutions kept in `scratch` (same result).
    pub fn new_in(
        a: &Side,
        b: &Side,
        settings: &ExchangeSettings,
        withhold: f64,
        scratch: &mut EvalScratch,
    ) -> Result<Self, BlastError> {
        let ranges = &mut scratch.ranges;
        Ok(PreparedDyad {
            a_on_b: StrikeProblem::new_cached(a, b, settings, withhold, ranges)?,
            b_on_a: StrikeProblem::new_cached(b, a, settings, withhold, ranges)?,
            sources: Default::default(),
        })
    }

    /// Refreshes counts from sides with the same elements; `false` when the structure differs
    /// and the dyad must be prepared again (its contents are then unspecified).
    pub fn refresh(&mut self, a: &Side, b: &Side, withhold: f64) -> bool {
        // A failed refresh may leave one problem half updated; the caller then rebuilds.
        let [sa, sb] = &mut self.sources;
        self.a_on_b.refresh_counts_memo(a, b, withhold, sa) && self.b_on_a.refresh_counts_memo(b, a, withhold, sb)
    }

    /// Evaluates the dyad for sides with the same elements as those it was prepared with.
    pub fn evaluate(
        &self,
        a: &Side,
        b: &Side,
        alert: Alert,
        search: StopSearch,
        scratch: &mut EvalScratch,
    ) -> DyadStability {
        let a_strikes = one_strike(&self.a_on_b, a, b, search, scratch);
        let b_strikes = one_strike(&self.b_on_a, b, a, search, scratch);
        let ratio_a = break_even(a_strikes.stop.striker_cost, b_strikes.stop.victim_cost);
        let ratio_b = break_even(b_strikes.stop.striker_cost, a_strikes.stop.victim_cost);
        let mutual_vulnerability = a_strikes.adequacy >= 1.0 && b_strikes.adequacy >= 1.0;
        DyadStability { alert, a_strikes, b_strikes, ratio_a, ratio_b, index: ratio_a * ratio_b, mutual_vulnerability }
    }
}

fn one_strike(
    problem: &StrikeProblem,
    attacker: &Side,
    defender: &Side,
    search: StopSearch,
    scratch: &mut EvalScratch,
) -> StrikeOutcome {
    allocate_into(problem, 1.0, 1.0, &mut scratch.work, &mut scratch.drawdown);
    let drawdown = &scratch.drawdown;
    let striker_full = attacker.arriving_if_all_launched(defender.incoming_penetration);
    let victim_full = defender.arriving_if_all_launched(attacker.incoming_penetration);
    let start = PathStart {
        striker_full,
        victim_full,
        victim_penetration: defender.incoming_penetration,
        striker_penetration: attacker.incoming_penetration,
    };
    strike_path_into(problem, drawdown, start, &mut scratch.path);
    let path = &scratch.path;
    let stop = stop_point_in(path, attacker.w80, defender.w80, search, &mut scratch.stop);
    let survivors_by_element: Vec<(usize, f64)> = defender
        .elements
        .iter()
        .zip(&drawdown.group_survivors)
        .map(|(e, s)| (e.index, e.survivable_warheads + s))
        .collect();
    let surviving: f64 = survivors_by_element.iter().map(|(_, s)| s).sum();
    let arriving = path.points.last().map_or(victim_full, |p| p.victim_arriving);
    StrikeOutcome {
        attacker: attacker.iso3,
        defender: defender.iso3,
        defender_warheads: defender.warheads(),
        attacker_warheads_spent: drawdown.spent(),
        surviving_warheads: surviving,
        arriving_warheads: arriving,
        unacceptable_damage: attacker.unacceptable_damage,
        adequacy: arriving / attacker.unacceptable_damage,
        survivors_by_element,
        stop,
    }
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
    let prepared = PreparedDyad::new(a, b, settings, withhold)?;
    Ok(prepared.evaluate(a, b, alert, search, &mut EvalScratch::default()))
}

/// One linear piece of a strike path, from vertex `a` toward vertex `b` (of positive length):
/// each side's arrivals change at a constant rate per warhead spent.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// The vertex the piece starts from.
    a: PathPoint,
    /// The striker's arriving warheads per warhead spent.
    da: f64,
    /// The victim's arriving warheads per warhead spent.
    db: f64,
}

impl Piece {
    /// The piece from `a` to `b`; `b.spent > a.spent`.
    fn new(a: PathPoint, b: PathPoint) -> Piece {
        let len = b.spent - a.spent;
        Piece {
            a,
            da: (b.striker_arriving - a.striker_arriving) / len,
            db: (b.victim_arriving - a.victim_arriving) / len,
        }
    }

    /// [`Piece::at`] with an arrival below zero (or NaN) set to +0 by a comparison instead of
    /// `max`, which may keep −0 where `max` gives +0: the costs are the same, as the damage of
    /// an arrival at or below zero is 0 whatever its sign.
    fn at_unsigned(&self, s: f64) -> PathPoint {
        let a = self.a;
        let clamp = |x: f64| if x > 0.0 { x } else { 0.0 };
        PathPoint {
            spent: s,
            striker_arriving: clamp(a.striker_arriving + (s - a.spent) * self.da),
            victim_arriving: clamp(a.victim_arriving + (s - a.spent) * self.db),
        }
    }

    /// The point at `s` warheads spent (arrivals kept at or above 0): the tests' reference.
    #[cfg(test)]
    fn at(&self, s: f64) -> PathPoint {
        let a = self.a;
        PathPoint {
            spent: s,
            striker_arriving: (a.striker_arriving + (s - a.spent) * self.da).max(0.0),
            victim_arriving: (a.victim_arriving + (s - a.spent) * self.db).max(0.0),
        }
    }
}

/// The stop rule's fast search as first written (before bounds from evaluated points and
/// vertices): the reference the current search is tested bit-identical against.
#[cfg(test)]
pub(crate) fn reference_stop_point(path: &StrikePath, striker_w80: f64, victim_w80: f64) -> StopPoint {
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
    // Branch and bound over whole numbers of warheads, one linear piece of the path at
    // a time. Within a piece the striker's own-damage term F1(s) = D_own^0.75 is
    // concave in s (so it lies above its chord) and the "aims not denied" term
    // F2(s) = 0.3 (1 − D_enemy^0.75) is convex (so it lies above its tangents): the
    // chord of F1 plus the tangent of F2 at the interval's middle bounds the cost from
    // below, and the bound tightens quadratically as intervals shrink. Intervals whose
    // bound exceeds the best cost found (beyond the tie tolerance) are dropped; the
    // rest are split. Same answer as Exhaustive where no piece has zero length.
    let mut stack: Vec<(f64, f64)> = Vec::new();
    for w in path.points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = b.spent - a.spent;
        if len <= 0.0 {
            continue;
        }
        let piece = Piece::new(a, b);
        let (da, point) = (piece.da, |s: f64| piece.at(s));
        let f1 = |s: f64| pow75(damage(point(s).victim_arriving, striker_w80));
        let kv = LN_5 / victim_w80;
        // F2 and its slope at s (slope +∞ where the striker's arrival reaches zero).
        let f2 = |s: f64| {
            let x = point(s).striker_arriving;
            let e = (-kv * x).exp();
            let d = if x > 0.0 { 1.0 - e } else { 0.0 };
            let value = KT_DENIAL_WEIGHT * (1.0 - pow75(d));
            let slope = if da == 0.0 {
                0.0
            } else if d > 0.0 {
                -KT_DENIAL_WEIGHT * KT_DAMAGE_EXPONENT * kv * e * da / d.sqrt().sqrt()
            } else {
                f64::INFINITY
            };
            (value, slope)
        };
        let lo = a.spent.ceil().max(1.0);
        let hi = b.spent.floor().min(end.floor());
        let visit = |s: f64, best: &mut StopPoint| {
            let c = costs_at(point(s), striker_w80, victim_w80);
            if better(&c, best) {
                *best = c;
            }
        };
        if lo > hi {
            continue;
        }
        visit(lo, &mut best);
        visit(hi, &mut best);
        stack.clear();
        stack.push((lo + 1.0, hi - 1.0));
        while let Some((l, r)) = stack.pop() {
            if l > r {
                continue;
            }
            if r - l < 3.0 {
                let mut s = l;
                while s <= r {
                    visit(s, &mut best);
                    s += 1.0;
                }
                continue;
            }
            let m = ((l + r) / 2.0).floor();
            let (f2m, slope) = f2(m);
            let bound = if slope.is_finite() {
                (f1(l) + f2m + slope * (l - m)).min(f1(r) + f2m + slope * (r - m))
            } else {
                // No finite tangent: F2 is increasing, so F2(l) bounds it.
                f1(r) + f2(l).0
            };
            if bound > best.striker_cost + 1e-12 {
                continue;
            }
            visit(m, &mut best);
            stack.push((m + 1.0, r));
            stack.push((l, m - 1.0));
        }
    }
    consider(end, &mut best);
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_gen::Gen;

    /// A random strike path: pieces of whole, fractional or zero length, arrivals falling at
    /// varied rates to zero or not, small and huge arsenals against small and large w80 (so
    /// that damage saturates and costs tie to within rounding).
    fn path(r: &mut Gen) -> (StrikePath, f64, f64) {
        let scale = [10.0, 300.0, 5000.0, 20_000.0][r.below(4)];
        let mut p = PathPoint { spent: 0.0, striker_arriving: r.next() * scale, victim_arriving: r.next() * scale };
        let mut points = vec![p];
        for _ in 0..r.below(14) {
            p.spent += match r.below(5) {
                0 => 0.0,
                1 => r.next() * 3.0,
                2 => (r.next() * 40.0).round(),
                _ => r.next() * scale * 0.2,
            };
            p.striker_arriving = (p.striker_arriving - r.next() * scale * 0.1).max(0.0);
            p.victim_arriving = (p.victim_arriving - r.next() * scale * 0.15).max(0.0);
            points.push(p);
        }
        let w80 = |r: &mut Gen| [5.0, 60.0, 150.0, 500.0][r.below(4)] * (0.5 + r.next());
        (StrikePath { points }, w80(r), w80(r))
    }

    /// A random path whose arrivals may rise as well as fall between vertices (not a drawdown,
    /// whose arrivals never rise): the fast search's bound over the rest of the path must not
    /// apply to it.
    fn rising_path(r: &mut Gen) -> (StrikePath, f64, f64) {
        let (mut path, ws, wv) = path(r);
        let scale = path.points[0].striker_arriving.max(path.points[0].victim_arriving).max(1.0);
        for p in path.points.iter_mut().skip(1) {
            if r.below(3) == 0 {
                p.striker_arriving += r.next() * scale * 0.5;
            }
            if r.below(3) == 0 {
                p.victim_arriving += r.next() * scale * 0.5;
            }
        }
        (path, ws, wv)
    }

    #[test]
    fn the_bound_over_the_rest_of_a_path_is_not_used_where_arrivals_rise() {
        let mut r = Gen(0x51a7_e5ee_d00d_f00d);
        let mut scratch = StopScratch::default();
        for case in 0..20_000 {
            let (path, ws, wv) = rising_path(&mut r);
            let with = stop_point_with::<true>(&path, ws, wv, StopSearch::Fast, &mut scratch);
            let without = stop_point_with::<false>(&path, ws, wv, StopSearch::Fast, &mut scratch);
            assert_eq!(bits(&with), bits(&without), "case {case}: {path:?} {ws} {wv}");
        }
    }

    fn bits(p: &StopPoint) -> [u64; 5] {
        [p.spent, p.striker_cost, p.victim_cost, p.striker_damage, p.victim_damage].map(f64::to_bits)
    }

    #[test]
    fn fast_stop_search_is_bit_identical_to_the_reference() {
        let mut r = Gen(0x2545_f491_4f6c_dd1d);
        let mut scratch = StopScratch::default();
        let mut not_at_zero = 0;
        for case in 0..20_000 {
            let (path, ws, wv) = path(&mut r);
            let fast = stop_point_in(&path, ws, wv, StopSearch::Fast, &mut scratch);
            let reference = reference_stop_point(&path, ws, wv);
            assert_eq!(bits(&fast), bits(&reference), "case {case}: {path:?} {ws} {wv}");
            not_at_zero += usize::from(fast.spent > 0.0);
        }
        // Many optima lie inside the paths, not at no counterforce.
        assert!(not_at_zero > 5_000, "{not_at_zero}");
    }

    #[test]
    fn lower_bound_holds_on_random_pieces() {
        let mut r = Gen(7);
        for _ in 0..5_000 {
            let (path, ws, wv) = path(&mut r);
            let kv = LN_5 / wv;
            for w in path.points.windows(2) {
                let (a, b) = (w[0], w[1]);
                let len = b.spent - a.spent;
                if len < 2.0 {
                    continue;
                }
                let piece = Piece::new(a, b);
                let (da, at) = (piece.da, |s: f64| piece.at(s));
                let known = |s: f64| costs_and_terms(at(s), ws, wv, kv).1.known(s, da);
                let (left, right) = (known(a.spent), known(b.spent));
                let (l, h) = (a.spent.ceil(), b.spent.floor());
                let bound = lower_bound(l, h, &left, &right);
                let mut s = l;
                while s <= h {
                    let c = costs_at(at(s), ws, wv).striker_cost;
                    assert!(bound <= c + BOUND_MARGIN, "{bound} > {c} at {s} on {a:?}–{b:?}");
                    s += 1.0;
                }
            }
        }
    }
}
