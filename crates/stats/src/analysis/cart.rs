//! CART, classification trees, as the alternative to PRIM in scenario discovery (Breiman,
//! Friedman, Olshen & Stone 1984, *Classification and Regression Trees*; used for scenario
//! discovery by Lempert, Bryant & Bankes 2008, "Comparing algorithms for scenario discovery",
//! RAND WR-557-NSF, and the EMA Workbench's `cart` module).
//!
//! The tree splits the cases `x` with labels `y` recursively: at each node, over every input and
//! every cut halfway between two consecutive distinct values of that input in the node (cases
//! `≤` the cut go left), the split that most lowers the Gini impurity `2p(1 − p)` weighted by
//! cases, with at least `min_leaf` cases on each side. A node is a leaf when it is pure or no
//! split is valid. Ties go to the earlier input, then the lower cut. The EMA Workbench grows
//! scikit-learn's `DecisionTreeClassifier` with `min_samples_leaf = mass_min · N` (its default
//! `mass_min` 0.05); [`cart`] takes `min_leaf` as a count.
//!
//! Each leaf is a box (an interval per input, from the observed minimum and maximum narrowed by
//! the splits on its path), with the measures PRIM reports: coverage, density, mass and the
//! restricted inputs ([`PrimBox`]). The leaves partition the cases: their masses sum to 1 and
//! their coverages to 1. Leaves where the cases of interest are the majority are the scenarios.

use serde::Serialize;

use super::PrimBox;
use crate::StatsError;

/// A grown tree's leaves, depth first, left (≤ cut) first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CartResult {
    /// One box per leaf.
    pub leaves: Vec<PrimBox>,
    /// The smallest leaf allowed.
    pub min_leaf: usize,
}

/// Grows a classification tree on the cases `x` (one row per case, one column per input) with
/// labels `y` (`true` = case of interest) and leaves of at least `min_leaf` cases (module
/// documentation).
///
/// Errors: no case or no input; rows of unequal length or `y` of another length; a non-finite
/// input; no case of interest; `min_leaf` of 0.
pub fn cart(x: &[Vec<f64>], y: &[bool], min_leaf: usize) -> Result<CartResult, StatsError> {
    let (k, init_lo, init_hi, positives) = super::prim::validate(x, y)?;
    if min_leaf == 0 {
        return Err(StatsError::InvalidParameter {
            name: "min_leaf",
            value: "0".into(),
            rule: "a leaf holds at least one case",
        });
    }
    let n = x.len();
    let mut leaves = Vec::new();
    // Nodes: cases and bounds, depth first, left first.
    let mut stack: Vec<(Vec<usize>, Vec<f64>, Vec<f64>)> = vec![((0..n).collect(), init_lo.clone(), init_hi.clone())];
    let mut order: Vec<usize> = Vec::new();
    while let Some((cases, lower, upper)) = stack.pop() {
        let split = best_split(x, y, &cases, min_leaf, k, &mut order);
        let Some((d, cut)) = split else {
            leaves.push(leaf_box(&lower, &upper, &cases, y, &init_lo, &init_hi, positives, n));
            continue;
        };
        let (left, right): (Vec<usize>, Vec<usize>) = cases.iter().partition(|&&i| x[i][d] <= cut);
        let (mut left_upper, mut right_lower) = (upper.clone(), lower.clone());
        left_upper[d] = cut;
        right_lower[d] = cut;
        stack.push((right, right_lower, upper));
        stack.push((left, lower, left_upper));
    }
    Ok(CartResult { leaves, min_leaf })
}

/// The Gini impurity of a node weighted by its cases: `n · 2p(1 − p)` = `2 h (n − h) / n`.
fn weighted_gini(n: f64, hits: f64) -> f64 {
    if n == 0.0 { 0.0 } else { 2.0 * hits * (n - hits) / n }
}

/// The best split of `cases`: `(input, cut)`, or `None` for a leaf.
// `d` indexes the columns of rows reached through `order`; ties are exact equalities of data
// values.
#[allow(clippy::needless_range_loop, clippy::float_cmp)]
fn best_split(
    x: &[Vec<f64>],
    y: &[bool],
    cases: &[usize],
    min_leaf: usize,
    k: usize,
    order: &mut Vec<usize>,
) -> Option<(usize, f64)> {
    let n = cases.len();
    let hits = cases.iter().filter(|&&i| y[i]).count();
    if hits == 0 || hits == n || n < 2 * min_leaf {
        return None;
    }
    let parent = weighted_gini(n as f64, hits as f64);
    let mut best: Option<(f64, usize, f64)> = None; // (decrease, input, cut)
    for d in 0..k {
        order.clear();
        order.extend_from_slice(cases);
        order.sort_by(|&a, &b| x[a][d].total_cmp(&x[b][d]));
        let mut left_hits = 0usize;
        for pos in 0..n - 1 {
            left_hits += usize::from(y[order[pos]]);
            let (here, next) = (x[order[pos]][d], x[order[pos + 1]][d]);
            let left_n = pos + 1;
            if here == next || left_n < min_leaf || n - left_n < min_leaf {
                continue;
            }
            let after = weighted_gini(left_n as f64, left_hits as f64)
                + weighted_gini((n - left_n) as f64, (hits - left_hits) as f64);
            let decrease = parent - after;
            if decrease > 1e-12 && best.is_none_or(|(b, _, _)| decrease > b + 1e-12) {
                best = Some((decrease, d, (here + next) / 2.0));
            }
        }
    }
    best.map(|(_, d, cut)| (d, cut))
}

/// The box of a leaf and its measures.
#[allow(clippy::too_many_arguments)]
fn leaf_box(
    lower: &[f64],
    upper: &[f64],
    cases: &[usize],
    y: &[bool],
    init_lo: &[f64],
    init_hi: &[f64],
    positives: usize,
    total: usize,
) -> PrimBox {
    let count = cases.len();
    let hits = cases.iter().filter(|&&i| y[i]).count();
    PrimBox {
        lower: lower.to_vec(),
        upper: upper.to_vec(),
        coverage: hits as f64 / positives as f64,
        density: if count == 0 { 0.0 } else { hits as f64 / count as f64 },
        mass: count as f64 / total as f64,
        restricted: (0..lower.len()).filter(|&d| lower[d] > init_lo[d] || upper[d] < init_hi[d]).collect(),
        count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_by_hand() {
        // 4 cases, 1 hit: 2 · 1 · 3 / 4 = 1.5 (= 4 · 2 · 0.25 · 0.75).
        assert!((weighted_gini(4.0, 1.0) - 1.5).abs() < 1e-15);
        assert_eq!(weighted_gini(3.0, 3.0), 0.0);
    }

    /// Six cases on one input, hits at 0.4, 0.5 and 0.6 only: the tree isolates the hits in one
    /// leaf, by the splits computed below.
    #[test]
    fn a_hand_checked_tree() {
        let x: Vec<Vec<f64>> = [0.1, 0.2, 0.4, 0.5, 0.6, 0.9].iter().map(|&v| vec![v]).collect();
        let y = [false, false, true, true, true, false];
        // Root: n 6, h 3, weighted Gini 3. Cut 0.3: {2, 0} + {4, 3} = 0 + 1.5 → 1.5.
        // Cut 0.75: {5, 3} + {1, 0} = 2.4 → 0.6. Cut 0.3 wins; then {0.4, 0.5, 0.6, 0.9} splits
        // at 0.75 (1.5 → 0). Leaves, left first: [0.1, 0.3], [0.3, 0.75], [0.75, 0.9].
        let r = cart(&x, &y, 1).unwrap();
        let bounds: Vec<(f64, f64)> = r.leaves.iter().map(|b| (b.lower[0], b.upper[0])).collect();
        assert_eq!(bounds, [(0.1, 0.30000000000000004), (0.30000000000000004, 0.75), (0.75, 0.9)]);
        let density: Vec<f64> = r.leaves.iter().map(|b| b.density).collect();
        assert_eq!(density, [0.0, 1.0, 0.0]);
        assert_eq!(r.leaves[1].coverage, 1.0);
        assert_eq!(r.leaves[1].restricted, [0]);
        // A leaf must hold 3 cases: only the cut at 0.45 ({0.1, 0.2, 0.4} | {0.5, 0.6, 0.9})
        // is allowed, and each side is then too small to split again.
        let r = cart(&x, &y, 3).unwrap();
        assert_eq!(r.leaves.len(), 2);
        assert!((r.leaves[0].upper[0] - 0.45).abs() < 1e-15);
    }

    /// A box in two of three inputs: the leaves partition the cases, and the positive leaves
    /// together hold every case of interest and nothing else.
    #[test]
    fn recovers_a_box_and_partitions_the_cases() {
        let n = 20;
        let mut x = Vec::new();
        for i in 0..n {
            for j in 0..n {
                x.push(vec![i as f64 / n as f64, j as f64 / n as f64, ((i * 7 + j * 3) % n) as f64 / n as f64]);
            }
        }
        let y: Vec<bool> = x.iter().map(|r| r[0] >= 0.5 && r[1] < 0.3).collect();
        let r = cart(&x, &y, 5).unwrap();
        let mass: f64 = r.leaves.iter().map(|b| b.mass).sum();
        let coverage: f64 = r.leaves.iter().map(|b| b.coverage).sum();
        assert!((mass - 1.0).abs() < 1e-12 && (coverage - 1.0).abs() < 1e-12);
        let scenarios: Vec<&PrimBox> = r.leaves.iter().filter(|b| b.density > 0.5).collect();
        assert_eq!(scenarios.len(), 1, "{:?}", r.leaves);
        let b = scenarios[0];
        assert_eq!((b.density, b.coverage), (1.0, 1.0));
        assert_eq!(b.restricted, [0, 1]);
        assert!((b.lower[0] - 0.475).abs() < 1e-12 && (b.upper[1] - 0.275).abs() < 1e-12, "{b:?}");
        assert!(cart(&x, &y, 0).unwrap_err().to_string().contains("min_leaf"));
    }
}
