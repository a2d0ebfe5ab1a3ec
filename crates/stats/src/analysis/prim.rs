//! PRIM, the Patient Rule Induction Method, for scenario discovery.
//!
//! Friedman & Fisher (1999, "Bump hunting in high-dimensional data", *Statistics and Computing*
//! 9, 123–143), as used for scenario discovery by Bryant & Lempert (2010, *Technological
//! Forecasting and Social Change* 77, 34–49) and the EMA Workbench: find a box (an interval per
//! input) holding many of the cases of interest (`y = true`) and few others.
//!
//! - **Peeling** ([`prim`]): starting from the box that holds every case, repeatedly cut off a
//!   slice holding a share `alpha` of the cases still in the box, from the lower or the upper
//!   end of one input, choosing the cut that leaves the highest density (Friedman & Fisher's
//!   original objective). Stop when no cut keeps at least `mass_min` of all cases in the box.
//!   Every intermediate box is kept: the *peeling trajectory*, from which one is chosen.
//! - **Pasting** ([`paste`]): the reverse, on one box: repeatedly widen one bound to take in a
//!   share `alpha` of the box's size from the cases just outside it, while that raises density.
//!
//! Measures of a box: *coverage* = positives in the box / all positives; *density* = positives in
//! the box / cases in the box; *mass* = cases in the box / all cases. Boxes are closed
//! (`lower ≤ x ≤ upper`); the starting bounds are each input's observed minimum and maximum, and
//! an input is *restricted* when a bound has moved inside them.
//!
//! **Conventions** ([`PrimConvention`]). Two details change the boxes without changing the
//! method, and implementations differ on them:
//! - *where a bound sits*: the EMA Workbench (Kwakkel 2017, "The Exploratory Modeling Workbench",
//!   *Environmental Modelling & Software* 96, 239–250; its `prim_util.get_quantile`, after the
//!   sdtoolkit of Bryant & Lempert) puts it **halfway** between the last case kept and the first
//!   case cut; [`PrimConvention::DataPoint`] puts it **on** the last case kept. Both keep and cut
//!   the same cases; the midpoint is the better guess of where the true boundary lies, and a
//!   box's bounds no longer depend on which side of a bound a case lies exactly.
//! - *which cut wins a tie* (two cuts leaving the same density): the Workbench keeps the box
//!   with more unrestricted inputs, then the earlier input, then the **upper** side (its
//!   candidates come upper-then-lower and its sort is stable); [`PrimConvention::DataPoint`]
//!   keeps the box holding more cases, then the earlier input, then the **lower** side.
//!
//! [`PrimConvention::Workbench`] is the default ([`prim`], [`paste`]); it also follows the
//! Workbench's slice size, quantile position `(m − 1) alpha` with ties at it cut whole, and its
//! stopping rule (stop when the best cut would leave less than `mass_min`, rather than trying the
//! next best). Every input is peeled as a real number (categories by their index): the
//! Workbench's separate integer and categorical peels are not reproduced.

use serde::Serialize;

use super::check_finite;
use crate::StatsError;

/// One box on a PRIM trajectory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrimBox {
    /// Lower bound of each input (inclusive).
    pub lower: Vec<f64>,
    /// Upper bound of each input (inclusive).
    pub upper: Vec<f64>,
    /// Share of all positive cases inside the box.
    pub coverage: f64,
    /// Share of the cases inside the box that are positive.
    pub density: f64,
    /// Share of all cases inside the box.
    pub mass: f64,
    /// Inputs (0-based) whose bounds are inside the observed range, ascending.
    pub restricted: Vec<usize>,
    /// Number of cases inside the box.
    pub count: usize,
}

/// Where PRIM puts a box bound and which cut wins a tie (see the module documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum PrimConvention {
    /// The EMA Workbench's: bounds halfway between the last case kept and the first case cut,
    /// slices at the quantile position `(m − 1) alpha` with ties there cut whole, tied cuts to
    /// the box with more unrestricted inputs, then the earlier input, then the upper side; stop
    /// when the best cut leaves less than `mass_min`.
    #[default]
    Workbench,
    /// Bounds on the last case kept (`⌈alpha m⌉` order statistics cut, ties at the new bound kept
    /// in), tied cuts to the larger box, then the earlier input, then the lower side; cuts that
    /// leave less than `mass_min` are skipped for the next best.
    DataPoint,
}

/// A peeling trajectory and the box chosen from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrimResult {
    /// Boxes from the whole input space (index 0) to the last peel.
    pub trajectory: Vec<PrimBox>,
    /// Index of the chosen box in `trajectory`.
    pub chosen: usize,
    /// Whether the chosen box reaches the density threshold (see [`prim`]).
    pub threshold_met: bool,
    /// The conventions the boxes follow.
    pub convention: PrimConvention,
}

/// Validated inputs shared by [`prim`], [`paste`], [`quasi_p_values`] and CART: `(k, observed
/// minima, observed maxima, positives)`.
pub(super) fn validate(x: &[Vec<f64>], y: &[bool]) -> Result<(usize, Vec<f64>, Vec<f64>, usize), StatsError> {
    if x.is_empty() {
        return Err(StatsError::Empty { what: "PRIM inputs" });
    }
    if y.len() != x.len() {
        return Err(StatsError::SizeMismatch { what: "PRIM labels (one per case)", expected: x.len(), found: y.len() });
    }
    let k = x[0].len();
    if k == 0 {
        return Err(StatsError::Empty { what: "PRIM inputs (no input dimension)" });
    }
    let mut lo = vec![f64::INFINITY; k];
    let mut hi = vec![f64::NEG_INFINITY; k];
    for (i, row) in x.iter().enumerate() {
        if row.len() != k {
            return Err(StatsError::SizeMismatch { what: "PRIM input row length", expected: k, found: row.len() });
        }
        check_finite("PRIM inputs", row).map_err(|e| match e {
            StatsError::NonFinite { what, index, value } => StatsError::NonFinite { what, index: i * k + index, value },
            other => other,
        })?;
        for ((l, h), &v) in lo.iter_mut().zip(hi.iter_mut()).zip(row) {
            *l = l.min(v);
            *h = h.max(v);
        }
    }
    let positives = y.iter().filter(|&&b| b).count();
    if positives == 0 {
        return Err(StatsError::NoPositives);
    }
    Ok((k, lo, hi, positives))
}

fn fraction_param(name: &'static str, value: f64, rule: &'static str, ok: bool) -> Result<(), StatsError> {
    if ok { Ok(()) } else { Err(StatsError::InvalidParameter { name, value: value.to_string(), rule }) }
}

/// The measures of the box `[lower, upper]` holding the cases `members`.
#[allow(clippy::too_many_arguments)]
fn make_box(
    lower: &[f64],
    upper: &[f64],
    members: &[usize],
    y: &[bool],
    init_lo: &[f64],
    init_hi: &[f64],
    positives: usize,
) -> PrimBox {
    let count = members.len();
    let pos = members.iter().filter(|&&i| y[i]).count();
    PrimBox {
        lower: lower.to_vec(),
        upper: upper.to_vec(),
        coverage: pos as f64 / positives as f64,
        density: if count == 0 { 0.0 } else { pos as f64 / count as f64 },
        mass: count as f64 / y.len() as f64,
        restricted: (0..lower.len()).filter(|&d| lower[d] > init_lo[d] || upper[d] < init_hi[d]).collect(),
        count,
    }
}

/// Cases to cut off per peel or take in per paste: `⌈alpha m⌉`, at least one.
fn slice_size(alpha: f64, m: usize) -> usize {
    ((alpha * m as f64).ceil() as usize).max(1)
}

/// The new bound when cutting `c` of the ascending `values` from one end: the `c`-th order
/// statistic from that end, so cases tied with it stay in. When the tie at the extreme fills the
/// whole slice (a discrete input), the whole tied group is cut instead, so a discrete input can
/// still be peeled one value at a time. `None` when every value is the same.
fn peel_bound(values: &[f64], c: usize, upper_side: bool) -> Option<f64> {
    let m = values.len();
    let (first, last) = (values[0], values[m - 1]);
    if upper_side {
        let bound = values[m - 1 - c];
        if bound < last {
            return Some(bound);
        }
        let below_max = values.partition_point(|&v| v < last);
        (below_max > 0).then(|| values[below_max - 1])
    } else {
        let bound = values[c];
        if bound > first {
            return Some(bound);
        }
        let above_min = values.partition_point(|&v| v <= first);
        (above_min < m).then(|| values[above_min])
    }
}

/// The EMA Workbench's peeling quantile (`prim_util.get_quantile`) of the ascending `values`:
/// at position `i = (m − 1) q`, the midpoint of the order statistics `⌊i⌋` and `⌈i⌉`; when those
/// are tied, the tie is stepped over outwards (down for `q > 0.5`, up otherwise) to the next
/// distinct value, so a tied group is cut whole. Returns a value of `values` when every value
/// from the position outwards is tied (then the cut removes nothing).
// Ties are exact equalities of data values.
#[allow(clippy::float_cmp)]
fn workbench_quantile(values: &[f64], q: f64) -> f64 {
    let m = values.len();
    let i = (m - 1) as f64 * q;
    let (mut lo, mut hi) = (i.floor() as usize, i.ceil() as usize);
    if q > 0.5 {
        while values[lo] == values[hi] && lo > 0 {
            lo -= 1;
        }
    } else {
        while values[lo] == values[hi] && hi < m - 1 {
            hi += 1;
        }
    }
    (values[lo] + values[hi]) / 2.0
}

/// A candidate move: the input, the side, the new bound, and what the box would then hold.
struct Move {
    dim: usize,
    upper_side: bool,
    bound: f64,
    count: usize,
    positives: usize,
    /// Inputs left unrestricted by the move (used by [`PrimConvention::Workbench`] on ties).
    unrestricted: usize,
}

impl Move {
    fn density(&self) -> f64 {
        self.positives as f64 / self.count as f64
    }

    /// Higher density wins; then more cases (a gentler move); earlier candidates win ties.
    fn beats(&self, other: &Move) -> bool {
        let (a, b) = (self.density(), other.density());
        a > b || (a >= b && self.count > other.count)
    }

    /// The Workbench's order: higher density (an empty box scores −1), then more unrestricted
    /// inputs; earlier candidates win ties.
    fn beats_workbench(&self, other: &Move) -> bool {
        let score = |m: &Move| if m.count == 0 { -1.0 } else { m.density() };
        let (a, b) = (score(self), score(other));
        a > b || (a >= b && self.unrestricted > other.unrestricted)
    }
}

/// PRIM peeling (Friedman & Fisher 1999) of the cases `x` (one row per case, one column per
/// input) with labels `y` (`true` = case of interest), with the EMA Workbench's conventions:
/// [`prim_with`] and [`PrimConvention::Workbench`].
pub fn prim(
    x: &[Vec<f64>],
    y: &[bool],
    peel_alpha: f64,
    mass_min: f64,
    threshold: f64,
) -> Result<PrimResult, StatsError> {
    prim_with(x, y, peel_alpha, mass_min, threshold, PrimConvention::Workbench)
}

/// PRIM peeling (Friedman & Fisher 1999) of the cases `x` (one row per case, one column per
/// input) with labels `y` (`true` = case of interest), following `convention`.
///
/// [`PrimConvention::Workbench`]: each peel considers, for every input, its upper then its lower
/// side, cutting at the Workbench quantile (`alpha` from below, `1 − alpha` from above; see the
/// module documentation) with the bound halfway between the last case kept and the first cut;
/// it takes the cut leaving the highest density (ties: more unrestricted inputs, then the
/// earlier candidate), and stops when that cut would remove nothing or leave a mass below
/// `mass_min`.
///
/// [`PrimConvention::DataPoint`]: each peel considers, for every input, cutting the lower or
/// the upper `peel_alpha` share of the cases in the box (`⌈alpha m⌉` order statistics; ties at
/// the new bound stay in, so a cut may remove fewer; when the extreme value's ties fill the
/// whole slice, as with a boolean or integer input, the tied group is cut whole), and takes the
/// one leaving the highest density (ties: the larger box, then the lower input index, then the
/// lower side). A cut that removes nothing, or leaves less than `mass_min` of all cases, is not
/// a candidate; peeling stops when there is none.
///
/// **Choice of box** (our default; EMA Workbench leaves it to the user): among the boxes whose
/// density is at least `threshold`, the one with the highest coverage, the earliest (largest) on
/// ties. If no box reaches the threshold, the box with the highest density (earliest on ties),
/// and `threshold_met` is false.
///
/// Errors: no case; labels not one per case; rows of unequal length or no input; non-finite
/// inputs; no positive case; `peel_alpha` not in `(0, 0.5]`; `mass_min` not in `(0, 1]`;
/// `threshold` not in `[0, 1]`.
// `d` indexes the column of every row (`x[i][d]`), which an iterator cannot express.
#[allow(clippy::needless_range_loop)]
pub fn prim_with(
    x: &[Vec<f64>],
    y: &[bool],
    peel_alpha: f64,
    mass_min: f64,
    threshold: f64,
    convention: PrimConvention,
) -> Result<PrimResult, StatsError> {
    let (k, init_lo, init_hi, positives) = validate(x, y)?;
    fraction_param(
        "peel_alpha",
        peel_alpha,
        "the peeling share lies in (0, 0.5]",
        peel_alpha > 0.0 && peel_alpha <= 0.5,
    )?;
    fraction_param("mass_min", mass_min, "the minimum mass lies in (0, 1]", mass_min > 0.0 && mass_min <= 1.0)?;
    fraction_param("threshold", threshold, "the density threshold lies in [0, 1]", (0.0..=1.0).contains(&threshold))?;

    let n = x.len();
    let mut lower = init_lo.clone();
    let mut upper = init_hi.clone();
    let mut members: Vec<usize> = (0..n).collect();
    let mut trajectory = vec![make_box(&lower, &upper, &members, y, &init_lo, &init_hi, positives)];
    let mut values = Vec::with_capacity(n);
    let workbench = convention == PrimConvention::Workbench;
    let restricted_after = |lower: &[f64], upper: &[f64], d: usize, upper_side: bool, bound: f64| {
        (0..k)
            .filter(|&e| {
                let (lo, hi) = match (e == d, upper_side) {
                    (true, true) => (lower[e], bound),
                    (true, false) => (bound, upper[e]),
                    (false, _) => (lower[e], upper[e]),
                };
                lo > init_lo[e] || hi < init_hi[e]
            })
            .count()
    };
    loop {
        let m = members.len();
        let c = slice_size(peel_alpha, m);
        if !workbench && c >= m {
            break;
        }
        let mut best: Option<Move> = None;
        for d in 0..k {
            values.clear();
            values.extend(members.iter().map(|&i| x[i][d]));
            values.sort_by(f64::total_cmp);
            let sides = if workbench { [true, false] } else { [false, true] };
            for upper_side in sides {
                let bound = if workbench {
                    workbench_quantile(&values, if upper_side { 1.0 - peel_alpha } else { peel_alpha })
                } else {
                    let Some(bound) = peel_bound(&values, c, upper_side) else { continue };
                    bound
                };
                let (mut count, mut pos) = (0, 0);
                for &i in &members {
                    let v = x[i][d];
                    if (upper_side && v <= bound) || (!upper_side && v >= bound) {
                        count += 1;
                        pos += usize::from(y[i]);
                    }
                }
                if !workbench && (count as f64) < mass_min * n as f64 {
                    continue;
                }
                let unrestricted =
                    if workbench { k - restricted_after(&lower, &upper, d, upper_side, bound) } else { 0 };
                let candidate = Move { dim: d, upper_side, bound, count, positives: pos, unrestricted };
                let wins = best
                    .as_ref()
                    .is_none_or(|b| if workbench { candidate.beats_workbench(b) } else { candidate.beats(b) });
                if wins {
                    best = Some(candidate);
                }
            }
        }
        let Some(peel) = best else { break };
        if workbench && (peel.count >= m || peel.positives == 0 || (peel.count as f64 / n as f64) < mass_min) {
            break;
        }
        let d = peel.dim;
        if peel.upper_side {
            upper[d] = peel.bound;
            members.retain(|&i| x[i][d] <= peel.bound);
        } else {
            lower[d] = peel.bound;
            members.retain(|&i| x[i][d] >= peel.bound);
        }
        trajectory.push(make_box(&lower, &upper, &members, y, &init_lo, &init_hi, positives));
    }

    let qualifying = trajectory.iter().enumerate().filter(|(_, b)| b.density >= threshold);
    let best_coverage = qualifying.fold(None, |best: Option<(usize, f64)>, (i, b)| match best {
        Some((_, c)) if c >= b.coverage => best,
        _ => Some((i, b.coverage)),
    });
    let (chosen, threshold_met) = match best_coverage {
        Some((i, _)) => (i, true),
        None => {
            let mut arg = 0;
            for (i, b) in trajectory.iter().enumerate() {
                if b.density > trajectory[arg].density {
                    arg = i;
                }
            }
            (arg, false)
        }
    };
    Ok(PrimResult { trajectory, chosen, threshold_met, convention })
}

/// PRIM pasting (Friedman & Fisher 1999, §3): widen `start` to raise its density.
///
/// Each step considers, for every input and side, moving that bound outwards just far enough to
/// take in `⌈paste_alpha m⌉` of the cases lying outside the box on that side but inside it on
/// every other input (`m` = cases in the box; ties at the new bound come in too), and takes the
/// move giving the highest density, if that is strictly higher than the box's. It stops when no
/// move raises density. Returns the pasted box (the same box when no paste helps).
///
/// The new bound follows the EMA Workbench's convention ([`PrimConvention::Workbench`]):
/// halfway between the outermost case taken in and the next case further out (the observed
/// minimum or maximum when none is left); [`paste_with`] takes the convention.
///
/// Errors: as [`prim`] for `x` and `y`; `start` not of dimension `k`; `paste_alpha` not in
/// `(0, 1]`.
pub fn paste(x: &[Vec<f64>], y: &[bool], start: &PrimBox, paste_alpha: f64) -> Result<PrimBox, StatsError> {
    paste_with(x, y, start, paste_alpha, PrimConvention::Workbench)
}

/// [`paste`] with the bound placed by `convention`: halfway to the next case out
/// ([`PrimConvention::Workbench`]) or on the outermost case taken in
/// ([`PrimConvention::DataPoint`]). The moves considered and chosen are the same.
pub fn paste_with(
    x: &[Vec<f64>],
    y: &[bool],
    start: &PrimBox,
    paste_alpha: f64,
    convention: PrimConvention,
) -> Result<PrimBox, StatsError> {
    let (k, init_lo, init_hi, positives) = validate(x, y)?;
    fraction_param(
        "paste_alpha",
        paste_alpha,
        "the pasting share lies in (0, 1]",
        paste_alpha > 0.0 && paste_alpha <= 1.0,
    )?;
    if start.lower.len() != k || start.upper.len() != k {
        return Err(StatsError::SizeMismatch { what: "PRIM box dimension", expected: k, found: start.lower.len() });
    }
    let mut lower = start.lower.clone();
    let mut upper = start.upper.clone();
    let inside = |row: &[f64], lower: &[f64], upper: &[f64], skip: usize| {
        (0..k).all(|d| d == skip || (row[d] >= lower[d] && row[d] <= upper[d]))
    };
    let mut members: Vec<usize> = (0..x.len()).filter(|&i| inside(&x[i], &lower, &upper, k)).collect();
    let mut outside = Vec::new();
    loop {
        let m = members.len();
        let pos = members.iter().filter(|&&i| y[i]).count();
        let c = slice_size(paste_alpha, m.max(1));
        let mut best: Option<Move> = None;
        for d in 0..k {
            for upper_side in [false, true] {
                outside.clear();
                outside.extend(
                    x.iter()
                        .filter(|row| inside(row, &lower, &upper, d))
                        .map(|row| row[d])
                        .filter(|&v| if upper_side { v > upper[d] } else { v < lower[d] }),
                );
                if outside.is_empty() {
                    continue;
                }
                // Nearest first.
                if upper_side {
                    outside.sort_by(f64::total_cmp);
                } else {
                    outside.sort_by(|a, b| b.total_cmp(a));
                }
                let take = c.min(outside.len());
                let last_in = outside[take - 1];
                // Ties with the last case taken in come in too; the next case out is the first
                // value beyond them.
                #[allow(clippy::float_cmp)] // ties are exact equalities of data values
                let next_out = outside[take..].iter().copied().find(|&v| v != last_in);
                let bound = match (convention, next_out) {
                    (PrimConvention::DataPoint, _) => last_in,
                    (PrimConvention::Workbench, Some(v)) => (last_in + v) / 2.0,
                    (PrimConvention::Workbench, None) => {
                        if upper_side {
                            init_hi[d]
                        } else {
                            init_lo[d]
                        }
                    }
                };
                let (mut count, mut added_pos) = (m, pos);
                for (row, &label) in x.iter().zip(y) {
                    let v = row[d];
                    let newly = if upper_side { v > upper[d] && v <= bound } else { v < lower[d] && v >= bound };
                    if newly && inside(row, &lower, &upper, d) {
                        count += 1;
                        added_pos += usize::from(label);
                    }
                }
                let candidate = Move { dim: d, upper_side, bound, count, positives: added_pos, unrestricted: 0 };
                if best.as_ref().is_none_or(|b| candidate.beats(b)) {
                    best = Some(candidate);
                }
            }
        }
        let current = if m == 0 { 0.0 } else { pos as f64 / m as f64 };
        match best {
            Some(mv) if mv.density() > current => {
                if mv.upper_side {
                    upper[mv.dim] = mv.bound;
                } else {
                    lower[mv.dim] = mv.bound;
                }
                members = (0..x.len()).filter(|&i| inside(&x[i], &lower, &upper, k)).collect();
            }
            _ => break,
        }
    }
    Ok(make_box(&lower, &upper, &members, y, &init_lo, &init_hi, positives))
}

/// The quasi-p-values of one restricted input of a box (Bryant & Lempert 2010; the EMA
/// Workbench's `calculate_qp`): for each bound moved inside the observed range, the p-value of
/// the one-sided binomial test that the box's density is no higher than the density of the same
/// box with that one bound moved back to the observed minimum or maximum. A small value says the
/// bound selects cases of interest beyond chance; a value near 1 says the restriction adds
/// little and a simpler box would do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuasiP {
    /// The input (0-based).
    pub input: usize,
    /// For the lower bound; `None` when it is not restricted.
    pub lower: Option<f64>,
    /// For the upper bound; `None` when it is not restricted.
    pub upper: Option<f64>,
}

/// The quasi-p-values of every restricted input of `b`, in input order, for the cases `x`
/// with labels `y` ([`QuasiP`]): with `H` cases of interest among the box's `T` cases, and
/// `p = H′ / T′` their share in the box with one bound removed, the value is
/// `P(X ≥ H)` for `X ~ Binomial(T, p)` ([`super::binomial_upper_tail`]). The observed range of
/// each input is the starting box, as in [`prim`].
///
/// Errors: as [`prim`] for `x` and `y`; `b` not of dimension `k`.
pub fn quasi_p_values(x: &[Vec<f64>], y: &[bool], b: &PrimBox) -> Result<Vec<QuasiP>, StatsError> {
    let (k, init_lo, init_hi, _) = validate(x, y)?;
    if b.lower.len() != k || b.upper.len() != k {
        return Err(StatsError::SizeMismatch { what: "PRIM box dimension", expected: k, found: b.lower.len() });
    }
    let counts = |lower: &[f64], upper: &[f64]| {
        let (mut total, mut hits) = (0u64, 0u64);
        for (row, &label) in x.iter().zip(y) {
            if (0..k).all(|d| row[d] >= lower[d] && row[d] <= upper[d]) {
                total += 1;
                hits += u64::from(label);
            }
        }
        (total, hits)
    };
    let (t_box, h_box) = counts(&b.lower, &b.upper);
    let test = |lower: &[f64], upper: &[f64]| {
        let (t, h) = counts(lower, upper);
        // The widened box holds the box, so it is never empty while the box is not.
        let p = if t == 0 { 0.0 } else { h as f64 / t as f64 };
        super::binomial_upper_tail(h_box, t_box, p)
    };
    let mut out = Vec::new();
    for d in 0..k {
        let lower_restricted = b.lower[d] > init_lo[d];
        let upper_restricted = b.upper[d] < init_hi[d];
        if !lower_restricted && !upper_restricted {
            continue;
        }
        let lower = lower_restricted.then(|| {
            let mut wider = b.lower.clone();
            wider[d] = init_lo[d];
            test(&wider, &b.upper)
        });
        let upper = upper_restricted.then(|| {
            let mut wider = b.upper.clone();
            wider[d] = init_hi[d];
            test(&b.lower, &wider)
        });
        out.push(QuasiP { input: d, lower, upper });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One input, positives from 0.50: peeling from below by 10 % slices (10, 9, 9, 8, 7, 6, 6
    /// cases) reaches density 1 after cutting 0.54, overshooting the boundary by one slice. The
    /// Workbench puts the bound halfway to the first case kept, 0.545; the data-point convention
    /// on it, 0.55; both hold the same 45 cases.
    #[test]
    fn one_dimensional_threshold() {
        let x: Vec<Vec<f64>> = (0..100).map(|i| vec![f64::from(i) / 100.0]).collect();
        let y: Vec<bool> = (0..100).map(|i| i >= 50).collect();
        for convention in [PrimConvention::Workbench, PrimConvention::DataPoint] {
            let r = prim_with(&x, &y, 0.1, 0.05, 1.0, convention).unwrap();
            assert!(r.threshold_met);
            let b = &r.trajectory[r.chosen];
            assert_eq!(r.chosen, 7);
            assert_eq!(b.density, 1.0);
            assert_eq!(b.count, 45);
            assert!((b.coverage - 0.9).abs() < 1e-12);
            let expected = if convention == PrimConvention::Workbench { (0.54 + 0.55) / 2.0 } else { 0.55 };
            assert_eq!(b.lower[0], expected);
            assert_eq!(b.restricted, vec![0]);
            assert_eq!(r.trajectory[0].mass, 1.0);
            assert!(r.trajectory.last().unwrap().mass >= 0.05);
            // Masses shrink along the trajectory.
            assert!(r.trajectory.windows(2).all(|w| w[1].count < w[0].count));
        }
        assert_eq!(prim(&x, &y, 0.1, 0.05, 1.0).unwrap().convention, PrimConvention::Workbench);
    }

    /// The EMA Workbench 2.5.3's `prim_util.get_quantile` on the same data.
    #[test]
    fn workbench_quantile_matches_get_quantile() {
        let ten: Vec<f64> = (0..10).map(f64::from).collect();
        let eleven: Vec<f64> = (0..11).map(f64::from).collect();
        assert_eq!(workbench_quantile(&ten, 0.05), 0.5);
        assert_eq!(workbench_quantile(&ten, 0.95), 8.5);
        assert_eq!(workbench_quantile(&eleven, 0.1), 1.5);
        // A tie at the quantile is stepped over outwards: cut whole.
        assert_eq!(workbench_quantile(&[0.0, 0.0, 0.0, 1.0, 2.0, 3.0], 0.1), 0.5);
        assert_eq!(workbench_quantile(&[0.0, 1.0, 2.0, 3.0, 3.0, 3.0], 0.9), 2.5);
        assert_eq!(workbench_quantile(&[0.0, 0.0, 1.0, 1.0, 2.0, 2.0], 0.5), 1.5);
        assert_eq!(workbench_quantile(&[0.0, 1.0, 2.0], 0.4), 0.5);
        assert_eq!(workbench_quantile(&[5.0, 5.0, 5.0], 0.1), 5.0);
    }

    /// On ties between cuts the Workbench takes the upper side, the data-point convention the
    /// lower: 20 cases, positives in the middle, symmetric, so cutting either end leaves the same
    /// density.
    #[test]
    fn tied_cuts_go_upper_in_the_workbench_and_lower_otherwise() {
        let x: Vec<Vec<f64>> = (0..20).map(|i| vec![f64::from(i)]).collect();
        let y: Vec<bool> = (0..20).map(|i| (5..15).contains(&i)).collect();
        let wb = prim(&x, &y, 0.05, 0.5, 1.0).unwrap();
        assert!(wb.trajectory[1].upper[0] < 19.0 && wb.trajectory[1].lower[0] == 0.0);
        let dp = prim_with(&x, &y, 0.05, 0.5, 1.0, PrimConvention::DataPoint).unwrap();
        assert!(dp.trajectory[1].lower[0] > 0.0 && dp.trajectory[1].upper[0] == 19.0);
    }

    #[test]
    fn pasting_recovers_a_box_peeled_too_far() {
        let x: Vec<Vec<f64>> = (0..100).map(|i| vec![f64::from(i) / 100.0]).collect();
        let y: Vec<bool> = (0..100).map(|i| i >= 50).collect();
        let tight = PrimBox {
            lower: vec![0.8],
            upper: vec![0.99],
            coverage: 0.0,
            density: 0.0,
            mass: 0.0,
            restricted: vec![],
            count: 0,
        };
        // Density is already 1 and cannot rise: pasting leaves the box alone.
        let same = paste(&x, &y, &tight, 0.1).unwrap();
        assert_eq!(same.lower, vec![0.8]);
        assert_eq!(same.count, 20);
        // A box that took in negatives sheds nothing by pasting, but a box with a negative
        // majority gains by taking in positives.
        let mixed = PrimBox { lower: vec![0.45], upper: vec![0.52], ..tight };
        let pasted = paste(&x, &y, &mixed, 0.5).unwrap();
        assert!(pasted.density > 3.0 / 8.0);
        assert!(pasted.upper[0] > 0.52);
        // The same moves with the bound on the last case taken in: the Workbench's bound lies
        // halfway from it to the next case out. Positives in [0.50, 0.70) so pasting stops inside.
        let y: Vec<bool> = (0..100).map(|i| (50..70).contains(&i)).collect();
        let halfway = paste(&x, &y, &mixed, 0.5).unwrap();
        let on_data = paste_with(&x, &y, &mixed, 0.5, PrimConvention::DataPoint).unwrap();
        assert_eq!(on_data.count, halfway.count);
        assert!(on_data.upper[0] > 0.52 && on_data.upper[0] < 0.99, "{}", on_data.upper[0]);
        assert!(
            (halfway.upper[0] - (on_data.upper[0] + 0.005)).abs() < 1e-12,
            "{} vs {}",
            halfway.upper[0],
            on_data.upper[0]
        );
    }

    /// A boolean input (half the cases at each value) is peeled by cutting a whole value.
    #[test]
    fn discrete_inputs_are_peeled_one_value_at_a_time() {
        let x: Vec<Vec<f64>> = (0..200).map(|i| vec![f64::from(i % 2), f64::from(i) / 200.0]).collect();
        let y: Vec<bool> = (0..200).map(|i| i % 2 == 1 && i >= 100).collect();
        let r = prim(&x, &y, 0.05, 0.05, 1.0).unwrap();
        let b = &r.trajectory[r.chosen];
        assert_eq!(b.density, 1.0);
        assert_eq!(b.lower[0], 0.5, "the zero value is cut whole, the bound halfway to 1");
        assert!(b.lower[1] >= 0.5);
        assert_eq!(b.restricted, vec![0, 1]);
        assert_eq!(peel_bound(&[1.0, 1.0, 1.0], 1, false), None);
        assert_eq!(peel_bound(&[0.0, 0.0, 1.0, 2.0], 1, false), Some(1.0));
        assert_eq!(peel_bound(&[0.0, 1.0, 2.0, 2.0], 1, true), Some(1.0));
        assert_eq!(peel_bound(&[0.0, 1.0, 2.0, 3.0], 1, true), Some(2.0));
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = vec![vec![0.0], vec![1.0]];
        assert_eq!(prim(&x, &[false, false], 0.1, 0.1, 0.5), Err(StatsError::NoPositives));
        assert!(matches!(prim(&x, &[true], 0.1, 0.1, 0.5), Err(StatsError::SizeMismatch { .. })));
        assert!(matches!(prim(&x, &[true, false], 0.0, 0.1, 0.5), Err(StatsError::InvalidParameter { .. })));
        assert!(matches!(prim(&x, &[true, false], 0.1, 0.0, 0.5), Err(StatsError::InvalidParameter { .. })));
        assert!(matches!(prim(&[], &[], 0.1, 0.1, 0.5), Err(StatsError::Empty { .. })));
        let bad = vec![vec![0.0], vec![f64::NAN]];
        assert!(matches!(prim(&bad, &[true, false], 0.1, 0.1, 0.5), Err(StatsError::NonFinite { index: 1, .. })));
    }

    /// Quasi-p-values on a hand-checked case: ten cases on one input (and a second input the
    /// box leaves alone, which gets no value), positives at 0.6 and above plus one at 0.1.
    #[test]
    fn quasi_p_values_by_hand() {
        let v = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
        let x: Vec<Vec<f64>> = v.iter().map(|&a| vec![a, 1.0 - a]).collect();
        let y: Vec<bool> = v.iter().map(|&a| a >= 0.55 || a == 0.1).collect();
        let b = PrimBox {
            lower: vec![0.55, 0.0],
            upper: vec![0.85, 1.0],
            coverage: 0.0,
            density: 0.0,
            mass: 0.0,
            restricted: vec![0],
            count: 0,
        };
        // [0.55, 0.85] holds 0.6, 0.7, 0.8: H = T = 3. Without the lower bound: [0, 0.85],
        // 9 cases, 4 positive (0.1, 0.6, 0.7, 0.8): P(X ≥ 3; 3, 4/9) = (4/9)^3. Without the
        // upper bound: [0.55, 0.9], 4 cases, all positive: p = 1, value 1.
        let q = quasi_p_values(&x, &y, &b).unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].input, 0);
        let lower = q[0].lower.unwrap();
        assert!((lower - (4.0f64 / 9.0).powi(3)).abs() < 1e-14, "{lower}");
        assert_eq!(q[0].upper, Some(1.0));
    }

    /// A box that finds a real region has small quasi-p-values on the input that matters; a bound
    /// on an input that does not matter has a large one.
    #[test]
    fn quasi_p_separates_real_from_spurious_restrictions() {
        let n = 400;
        let x: Vec<Vec<f64>> = (0..n).map(|i| vec![(i % 20) as f64 / 20.0, (i / 20) as f64 / 20.0]).collect();
        let y: Vec<bool> = x.iter().map(|r| r[0] >= 0.5).collect();
        let b = PrimBox {
            lower: vec![0.475, 0.0],
            upper: vec![0.95, 0.925],
            coverage: 0.0,
            density: 0.0,
            mass: 0.0,
            restricted: vec![0, 1],
            count: 0,
        };
        let q = quasi_p_values(&x, &y, &b).unwrap();
        assert_eq!(q.len(), 2);
        assert!(q[0].lower.unwrap() < 1e-20, "{:?}", q[0]);
        assert_eq!(q[0].upper, None);
        assert_eq!(q[1].lower, None);
        assert!(q[1].upper.unwrap() > 0.99, "{:?}", q[1]);
        let wrong = PrimBox { lower: vec![0.0], ..b };
        assert!(quasi_p_values(&x, &y, &wrong).is_err());
    }
}
