//! Sampling designs in the unit hypercube.
//!
//! Every design returns points as rows (`Vec<f64>` of one coordinate per factor) in `[0, 1]`,
//! except [`full_factorial`], which returns level indices. The caller maps coordinates to
//! parameter ranges (e.g. `lower + u * (upper - lower)`). Random designs take the generator by
//! `&mut`; the order of draws is documented on each function and is part of its contract.

mod joe_kuo;

use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::StatsError;
use crate::rng::{index_below, permutation, shuffle};

/// Dimensions of the Sobol' sequence covered by the embedded Joe–Kuo direction numbers
/// (dimension 1 plus the 127 table rows): Saltelli designs therefore accept up to 64 factors.
pub const MAX_SOBOL_DIMS: usize = 128;

/// Bits of each Sobol' coordinate: points are multiples of `2^-32`.
const SOBOL_BITS: usize = 32;

/// Latin hypercube sample (McKay, Beckman & Conover 1979): `n` points in `[0, 1)^k`.
///
/// In every dimension each of the `n` strata `[j/n, (j+1)/n)` holds exactly one point, placed
/// uniformly at random inside its stratum; the strata are matched across dimensions by
/// independent uniform permutations (no optimisation of the matching).
///
/// Draw order: for each dimension in turn, a Fisher–Yates permutation of the strata, then one
/// uniform `f64` per point in row order. `n = 0` gives no points; `k = 0` gives `n` empty rows.
pub fn latin_hypercube(n: usize, k: usize, rng: &mut ChaCha8Rng) -> Vec<Vec<f64>> {
    let mut points = vec![vec![0.0; k]; n];
    let width = 1.0 / n as f64;
    for d in 0..k {
        let strata = permutation(rng, n);
        for (row, &stratum) in points.iter_mut().zip(&strata) {
            let u: f64 = rng.random::<f64>();
            let lower = stratum as f64 * width;
            let upper = (stratum + 1) as f64 * width;
            let mut x = (stratum as f64 + u) * width;
            // Rounding must not push the point onto the next stratum's edge.
            if x >= upper {
                x = upper.next_down();
            }
            row[d] = x.max(lower);
        }
    }
    points
}

/// Direction numbers `v_1 .. v_32` (scaled by `2^32`) of Sobol' dimension `dim` (0-based).
///
/// Bratley & Fox (1988) recurrence as stated by Joe & Kuo (2008):
/// `v_i = v_{i-s} ⊕ (v_{i-s} >> s) ⊕ a_1 v_{i-1} ⊕ … ⊕ a_{s-1} v_{i-s+1}`, with `v_i = m_i 2^{32-i}`
/// for `i ≤ s`. Dimension 0 is the van der Corput sequence (`m_i = 1`).
fn direction_numbers(dim: usize) -> [u32; SOBOL_BITS] {
    let mut v = [0u32; SOBOL_BITS];
    if dim == 0 {
        for (i, vi) in v.iter_mut().enumerate() {
            *vi = 1u32 << (SOBOL_BITS - 1 - i);
        }
        return v;
    }
    let (s, a, m) = joe_kuo::ROWS[dim - 1];
    let s = s as usize;
    for i in 0..SOBOL_BITS {
        v[i] = if i < s {
            m[i] << (SOBOL_BITS - 1 - i)
        } else {
            let mut x = v[i - s] ^ (v[i - s] >> s);
            for k in 1..s {
                if (a >> (s - 1 - k)) & 1 == 1 {
                    x ^= v[i - k];
                }
            }
            x
        };
    }
    v
}

/// The first `n` points of the `dims`-dimensional Sobol' sequence (Sobol' 1967), with the
/// Joe & Kuo (2008) direction numbers `new-joe-kuo-6.21201`, in Gray-code order (Antonov &
/// Saleev 1979), as Joe & Kuo's reference generator produces them.
///
/// **The initial all-zero point is skipped**: point 1 is `(0.5, …, 0.5)`, then for dimension 1
/// `0.75, 0.25, 0.375, 0.875, …` and for dimension 2 `0.25, 0.75, 0.375, 0.875, …`. The zero point
/// would put every factor at its lower bound in every design (and sits on the boundary, where
/// inverse-CDF transforms diverge). Owen (2020, "On dropping the first Sobol' point") notes that
/// dropping it costs the exact balance of power-of-two prefixes; we accept that, as SALib's
/// classic Saltelli sampler and Joe & Kuo's printed tables do, and [`saltelli`] uses the same
/// convention. Coordinates are multiples of `2^-32` in `[0, 1)`.
///
/// Errors: `dims` of 0 or above [`MAX_SOBOL_DIMS`]; `n` at or above `2^32`.
pub fn sobol_points(n: usize, dims: usize) -> Result<Vec<Vec<f64>>, StatsError> {
    if dims == 0 {
        return Err(StatsError::InvalidParameter {
            name: "dims",
            value: "0".into(),
            rule: "a Sobol' sequence needs at least one dimension",
        });
    }
    if dims > MAX_SOBOL_DIMS {
        return Err(StatsError::DimensionTooHigh { dims, max: MAX_SOBOL_DIMS });
    }
    if n as u64 >= 1u64 << SOBOL_BITS {
        return Err(StatsError::InvalidParameter {
            name: "n",
            value: n.to_string(),
            rule: "at most 2^32 - 1 Sobol' points (32-bit direction numbers)",
        });
    }
    let directions: Vec<[u32; SOBOL_BITS]> = (0..dims).map(direction_numbers).collect();
    let scale = 1.0 / (1u64 << SOBOL_BITS) as f64;
    let mut state = vec![0u32; dims];
    let mut points = Vec::with_capacity(n);
    // Point i (i ≥ 1) is point i-1 with direction number c flipped, c = trailing zeros of i:
    // the Gray code of i differs from that of i-1 in exactly that bit.
    for i in 1..=n as u64 {
        let c = i.trailing_zeros() as usize;
        let point = state
            .iter_mut()
            .zip(&directions)
            .map(|(x, v)| {
                *x ^= v[c];
                f64::from(*x) * scale
            })
            .collect();
        points.push(point);
    }
    Ok(points)
}

/// The shape of a Saltelli design, needed to read its outputs back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaltelliDesign {
    /// Base sample size: rows of the matrices `A` and `B`.
    pub n: usize,
    /// Number of factors.
    pub k: usize,
    /// Whether each block also holds the `k` rows `BA^i` needed for second-order indices
    /// ([`saltelli_second_order`]).
    #[serde(default)]
    pub second_order: bool,
}

impl SaltelliDesign {
    /// A first-order design (blocks `A, AB^1 … AB^k, B`) of `n` base rows and `k` factors.
    pub fn first_order(n: usize, k: usize) -> SaltelliDesign {
        SaltelliDesign { n, k, second_order: false }
    }

    /// Rows per base row: `A_j`, the `k` rows `AB_j^i`, (with second order, the `k` rows
    /// `BA_j^i`,) and `B_j`: `k + 2`, or `2k + 2` with second order.
    pub fn block(&self) -> usize {
        if self.second_order { 2 * self.k + 2 } else { self.k + 2 }
    }

    /// Total number of model runs, `n (k + 2)`, or `n (2k + 2)` with second order.
    pub fn rows(&self) -> usize {
        self.n * self.block()
    }

    /// The design restricted to its first `n` base rows, whose outputs are the first
    /// `n` blocks (blocks are contiguous).
    pub fn prefix(&self, n: usize) -> SaltelliDesign {
        SaltelliDesign { n, ..*self }
    }
}

/// Saltelli's design for first- and total-order Sobol' indices (Saltelli 2002; Saltelli et al.
/// 2010, *Comput. Phys. Commun.* 181, 259–270): `n (k + 2)` rows in `[0, 1)^k`.
///
/// The matrices `A` and `B` are the first `k` and the last `k` columns of the first `n` points of
/// the `2k`-dimensional Sobol' sequence ([`sobol_points`], zero point skipped). Rows come in one
/// contiguous block per base row `j`: `A_j`, then `AB_j^1 … AB_j^k` (row `A_j` with column `i`
/// taken from `B_j`), then `B_j`. So the outputs of the first `m` base rows are the first
/// `m (k + 2)` outputs, which [`crate::analysis::sobol_convergence`] uses.
///
/// Rule on `n`: at least 2 (a variance needs two base rows), otherwise
/// [`StatsError::SampleTooSmall`]. Any `n ≥ 2` is accepted; powers of two are recommended (the
/// Sobol' net is best balanced there) and [`crate::analysis::sobol_convergence`] warns otherwise.
/// `k` must be at least 1 and at most `MAX_SOBOL_DIMS / 2`.
pub fn saltelli(n: usize, k: usize) -> Result<(SaltelliDesign, Vec<Vec<f64>>), StatsError> {
    saltelli_rows(SaltelliDesign::first_order(n, k))
}

/// Saltelli's (2002, "Making best use of model evaluations to compute sensitivity indices",
/// *Comput. Phys. Commun.* 145, 280–297) design for first-, second- and total-order Sobol'
/// indices, in SALib's layout (`saltelli.sample(..., calc_second_order=True)`): `n (2k + 2)` rows,
/// one block per base row `j`: `A_j`, `AB_j^1 … AB_j^k`, then `BA_j^1 … BA_j^k` (row `B_j` with
/// column `i` taken from `A_j`), then `B_j`. `A` and `B` are as in [`saltelli`], so the `A`,
/// `AB^i` and `B` rows are the same points. Rules on `n` and `k` as [`saltelli`].
pub fn saltelli_second_order(n: usize, k: usize) -> Result<(SaltelliDesign, Vec<Vec<f64>>), StatsError> {
    saltelli_rows(SaltelliDesign { n, k, second_order: true })
}

fn saltelli_rows(design: SaltelliDesign) -> Result<(SaltelliDesign, Vec<Vec<f64>>), StatsError> {
    let SaltelliDesign { n, k, second_order } = design;
    if k == 0 {
        return Err(StatsError::InvalidParameter {
            name: "k",
            value: "0".into(),
            rule: "a Saltelli design needs at least one factor",
        });
    }
    if n < 2 {
        return Err(StatsError::SampleTooSmall { method: "Sobol' indices (Saltelli design)", n, min: 2 });
    }
    if 2 * k > MAX_SOBOL_DIMS {
        return Err(StatsError::DimensionTooHigh { dims: 2 * k, max: MAX_SOBOL_DIMS });
    }
    let rows = n.checked_mul(design.block()).ok_or_else(|| StatsError::InvalidParameter {
        name: "n",
        value: n.to_string(),
        rule: "n (k + 2) rows (n (2k + 2) with second order) must fit in memory",
    })?;
    let base = sobol_points(n, 2 * k)?;
    let mut out = Vec::with_capacity(rows);
    for point in base {
        let (a, b) = point.split_at(k);
        out.push(a.to_vec());
        for i in 0..k {
            let mut ab = a.to_vec();
            ab[i] = b[i];
            out.push(ab);
        }
        if second_order {
            for i in 0..k {
                let mut ba = b.to_vec();
                ba[i] = a[i];
                out.push(ba);
            }
        }
        out.push(b.to_vec());
    }
    Ok((design, out))
}

/// The Morris step `Δ = p / (2 (p − 1))` for `p` levels (Morris 1991; Campolongo et al. 2007).
pub fn morris_delta(levels: usize) -> f64 {
    levels as f64 / (2.0 * (levels as f64 - 1.0))
}

/// `r` Morris trajectories of `k + 1` points each on the `p`-level grid `{0, 1/(p−1), …, 1}`
/// (Morris 1991, *Technometrics* 33, 161–174, the orientation matrix
/// `B* = (J x* + (Δ/2)[(2B − J) D* + J]) P*`; Campolongo, Cariboni & Saltelli 2007, without the
/// trajectory optimisation). Rows are returned trajectory by trajectory, `r (k + 1)` in all.
///
/// Within a trajectory each consecutive pair of points differs in exactly one factor, by `+Δ` or
/// `−Δ` with `Δ = p / (2(p − 1))`, and every factor moves exactly once. Per trajectory, the draws
/// are: a base level for each factor uniformly from `{0, 1, …, p/2 − 1}` (so `x* + Δ ≤ 1`), a
/// direction for each factor (a fair coin from one `f64` draw), then a Fisher–Yates permutation
/// giving the order in which factors move. Coordinates are computed as `level / (p − 1)`, so
/// they lie exactly on the grid.
///
/// Errors: `r` or `k` zero; `levels` below 2 or odd (with odd `p`, `Δ` is not on the grid).
pub fn morris_trajectories(
    r: usize,
    k: usize,
    levels: usize,
    rng: &mut ChaCha8Rng,
) -> Result<Vec<Vec<f64>>, StatsError> {
    if r == 0 {
        return Err(StatsError::SampleTooSmall { method: "Morris trajectories", n: 0, min: 1 });
    }
    if k == 0 {
        return Err(StatsError::InvalidParameter {
            name: "k",
            value: "0".into(),
            rule: "a Morris design needs at least one factor",
        });
    }
    if levels < 2 || levels % 2 == 1 {
        return Err(StatsError::InvalidParameter {
            name: "levels",
            value: levels.to_string(),
            rule: "the Morris grid needs an even number of levels, at least 2",
        });
    }
    let half = levels / 2; // Δ in grid steps
    let top = (levels - 1) as f64;
    let mut rows = Vec::with_capacity(r * (k + 1));
    let mut base = vec![0usize; k];
    let mut up = vec![true; k];
    let mut order: Vec<usize> = (0..k).collect();
    for _ in 0..r {
        for b in base.iter_mut() {
            *b = index_below(rng, half);
        }
        for u in up.iter_mut() {
            *u = rng.random::<f64>() < 0.5;
        }
        order.iter_mut().enumerate().for_each(|(i, o)| *o = i);
        shuffle(rng, &mut order);
        // Level indices of the current point: a factor stepping down starts at base + Δ.
        let mut level: Vec<usize> = base.iter().zip(&up).map(|(&b, &u)| if u { b } else { b + half }).collect();
        rows.push(level.iter().map(|&l| l as f64 / top).collect());
        for &factor in &order {
            level[factor] = if up[factor] { level[factor] + half } else { level[factor] - half };
            rows.push(level.iter().map(|&l| l as f64 / top).collect());
        }
    }
    Ok(rows)
}

/// Every combination of level indices for factors with `levels[i]` levels each, in
/// lexicographic order with the last factor varying fastest: for `[2, 3]`,
/// `[0,0], [0,1], [0,2], [1,0], [1,1], [1,2]`.
///
/// A factor with zero levels gives no combination; no factors gives the one empty combination.
pub fn full_factorial(levels: &[usize]) -> Vec<Vec<usize>> {
    if levels.contains(&0) {
        return Vec::new();
    }
    let total: usize = levels.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut current = vec![0usize; levels.len()];
    loop {
        out.push(current.clone());
        let mut d = levels.len();
        loop {
            if d == 0 {
                return out;
            }
            d -= 1;
            current[d] += 1;
            if current[d] < levels[d] {
                break;
            }
            current[d] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn sobol_first_points_match_the_published_sequence() {
        let p = sobol_points(8, 3).unwrap();
        let d1: Vec<f64> = p.iter().map(|x| x[0]).collect();
        let d2: Vec<f64> = p.iter().map(|x| x[1]).collect();
        let d3: Vec<f64> = p.iter().map(|x| x[2]).collect();
        assert_eq!(d1, [0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875]);
        assert_eq!(d2, [0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625, 0.3125]);
        assert_eq!(d3, [0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375]);
    }

    /// Every dimension is a (0, 1)-sequence: with the zero point, the first `2^m` points put one
    /// point in each interval `[j 2^-m, (j+1) 2^-m)`; without it, the first `2^m − 1` points fill
    /// every interval but the first.
    #[test]
    fn every_dimension_stratifies_dyadic_intervals() {
        let m = 10;
        let n = (1usize << m) - 1;
        let points = sobol_points(n, MAX_SOBOL_DIMS).unwrap();
        for d in 0..MAX_SOBOL_DIMS {
            let mut hits = vec![0u32; 1 << m];
            for p in &points {
                hits[(p[d] * f64::from(1u32 << m)) as usize] += 1;
            }
            assert_eq!(hits[0], 0, "dimension {}", d + 1);
            assert!(hits[1..].iter().all(|&h| h == 1), "dimension {}", d + 1);
        }
    }

    #[test]
    fn sobol_rejects_bad_dimensions() {
        assert!(matches!(sobol_points(4, 0), Err(StatsError::InvalidParameter { .. })));
        assert_eq!(sobol_points(4, 129), Err(StatsError::DimensionTooHigh { dims: 129, max: 128 }));
        assert_eq!(sobol_points(4, 128).unwrap().len(), 4);
        assert!(sobol_points(0, 5).unwrap().is_empty());
    }

    #[test]
    fn saltelli_blocks_are_in_the_documented_order() {
        let (design, rows) = saltelli(4, 3).unwrap();
        assert_eq!(design.rows(), 4 * 5);
        assert_eq!(rows.len(), 20);
        let base = sobol_points(4, 6).unwrap();
        for (j, point) in base.iter().enumerate() {
            let block = &rows[j * 5..(j + 1) * 5];
            assert_eq!(block[0], point[..3]);
            assert_eq!(block[4], point[3..]);
            for i in 0..3 {
                for c in 0..3 {
                    let expected = if c == i { point[3 + c] } else { point[c] };
                    assert_eq!(block[1 + i][c], expected);
                }
            }
        }
        assert!(matches!(saltelli(1, 3), Err(StatsError::SampleTooSmall { n: 1, min: 2, .. })));
        assert!(matches!(saltelli(8, 65), Err(StatsError::DimensionTooHigh { dims: 130, .. })));
        assert!(saltelli(8, 64).is_ok());
    }

    /// SALib's second-order layout: `A, AB^1..AB^k, BA^1..BA^k, B`, the first-order rows
    /// unchanged.
    #[test]
    fn second_order_blocks_add_the_ba_rows() {
        let (design, rows) = saltelli_second_order(4, 3).unwrap();
        assert!(design.second_order);
        assert_eq!((design.block(), design.rows(), rows.len()), (8, 32, 32));
        let (_, first) = saltelli(4, 3).unwrap();
        let base = sobol_points(4, 6).unwrap();
        for (j, point) in base.iter().enumerate() {
            let block = &rows[j * 8..(j + 1) * 8];
            assert_eq!(block[..4], first[j * 5..j * 5 + 4]);
            assert_eq!(block[7], first[j * 5 + 4]);
            for i in 0..3 {
                for c in 0..3 {
                    let expected = if c == i { point[c] } else { point[3 + c] };
                    assert_eq!(block[4 + i][c], expected);
                }
            }
        }
        assert_eq!(design.prefix(2), SaltelliDesign { n: 2, k: 3, second_order: true });
        assert_eq!(SaltelliDesign::first_order(4, 3).rows(), 20);
        assert!(matches!(saltelli_second_order(1, 3), Err(StatsError::SampleTooSmall { .. })));
    }

    #[test]
    fn morris_steps_one_factor_by_delta() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let (r, k, p) = (5, 4, 4);
        let rows = morris_trajectories(r, k, p, &mut rng).unwrap();
        assert_eq!(rows.len(), r * (k + 1));
        let delta = morris_delta(p);
        assert!((delta - 2.0 / 3.0).abs() < 1e-15);
        for t in 0..r {
            let traj = &rows[t * (k + 1)..(t + 1) * (k + 1)];
            let mut moved = vec![0; k];
            for w in traj.windows(2) {
                let changed: Vec<usize> = (0..k).filter(|&i| (w[1][i] - w[0][i]) != 0.0).collect();
                assert_eq!(changed.len(), 1);
                let i = changed[0];
                assert!(((w[1][i] - w[0][i]).abs() - delta).abs() < 1e-12);
                moved[i] += 1;
            }
            assert_eq!(moved, vec![1; k]);
            for x in traj.iter().flatten() {
                assert!((0.0..=1.0).contains(x));
                let level = x * (p - 1) as f64;
                assert!((level - level.round()).abs() < 1e-12);
            }
        }
        assert!(morris_trajectories(2, 2, 3, &mut rng).is_err());
        assert!(morris_trajectories(0, 2, 4, &mut rng).is_err());
    }

    #[test]
    fn factorial_order_and_count() {
        assert_eq!(
            full_factorial(&[2, 3]),
            vec![vec![0, 0], vec![0, 1], vec![0, 2], vec![1, 0], vec![1, 1], vec![1, 2]]
        );
        assert_eq!(full_factorial(&[3, 4, 5]).len(), 60);
        assert_eq!(full_factorial(&[]), vec![Vec::<usize>::new()]);
        assert!(full_factorial(&[3, 0]).is_empty());
    }
}
