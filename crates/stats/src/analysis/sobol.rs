//! Variance-based (Sobol') sensitivity indices from a Saltelli design, and their diagnostics.
//!
//! Estimators (outputs `f` at the rows of [`crate::design::saltelli`], base rows `j = 1..N`):
//! - first order, Saltelli et al. (2010, *Comput. Phys. Commun.* 181, 259–270, Table 2 (b)):
//!   `S_i = (1/N) Σ_j f(B)_j (f(AB^i)_j − f(A)_j) / V`;
//! - total order, Jansen (1999, *Comput. Phys. Commun.* 117, 35–43), as in Saltelli et al.
//!   (2010, Table 2 (f)): `ST_i = (1/(2N)) Σ_j (f(A)_j − f(AB^i)_j)² / V`;
//! - second order (designs from [`crate::design::saltelli_second_order`]), Saltelli (2002,
//!   "Making best use of model evaluations to compute sensitivity indices", *Comput. Phys.
//!   Commun.* 145, 280–297) as SALib's `second_order` computes it:
//!   `S_il = (1/N) Σ_j (f(BA^i)_j f(AB^l)_j − f(A)_j f(B)_j) / V − S_i − S_l` for `i < l`
//!   (`f(BA^i) f(AB^l)` shares exactly the columns `i` and `l`, so its mean estimates
//!   `V_il^c + E[f]²`, the closed index of the pair);
//! - `V` the variance (divisor `2N`) of the `2N` outputs `f(A)` and `f(B)` together.
//!
//! The outputs are first centred on the mean of `f(A)` and `f(B)`. The first-order estimator's
//! expectation does not depend on a shift of `f`, but its variance does (a shift `c` adds
//! `c · mean(f(AB^i) − f(A))`), so centring is the usual precaution (SALib standardises too).
//! Confidence intervals follow Archer, Saltelli & Sobol' (1997): the base rows are resampled with
//! replacement and the half-width is `z_{(1+c)/2}` times the standard deviation of the bootstrap
//! replicates, the quantity SALib reports as `S1_conf` / `ST_conf` / `S2_conf`.

use std::fmt;

use rand::rngs::ChaCha8Rng;
use serde::Serialize;

use super::{bootstrap_half_width, check_confidence, check_finite, check_resamples};
use crate::StatsError;
use crate::design::SaltelliDesign;
use crate::rng::index_below;

/// The second-order index of one pair of factors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairIndex {
    /// First factor (0-based).
    pub i: usize,
    /// Second factor (0-based, `> i`).
    pub j: usize,
    /// Second-order index `S_ij`: the share of variance due to the interaction of the two alone.
    pub s2: f64,
    /// Half-width of its bootstrap confidence interval (∞ when undefined).
    pub conf: f64,
}

/// First- and total-order Sobol' indices of each factor, with bootstrap half-widths, and the
/// second-order indices of each pair when the design has them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolIndices {
    /// First-order index of each factor.
    pub s1: Vec<f64>,
    /// Half-width of the bootstrap confidence interval of `s1` (∞ when undefined).
    pub s1_conf: Vec<f64>,
    /// Total-order index of each factor.
    pub st: Vec<f64>,
    /// Half-width of the bootstrap confidence interval of `st` (∞ when undefined).
    pub st_conf: Vec<f64>,
    /// Second-order indices, pairs `(i, j)` with `i < j` in lexicographic order (empty unless the
    /// design is [`SaltelliDesign::second_order`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub s2: Vec<PairIndex>,
}

impl SobolIndices {
    /// The second-order index of factors `i` and `j` (either order), if computed.
    pub fn pair(&self, i: usize, j: usize) -> Option<&PairIndex> {
        let (i, j) = (i.min(j), i.max(j));
        self.s2.iter().find(|p| p.i == i && p.j == j)
    }

    /// An upper bound on the noise share `η` of a stochastic output whose noise could not be
    /// estimated from replications: the smallest total index, clamped to `[0, 1]`. In a
    /// Saltelli design every row draws its own noise, so each total index estimates
    /// `ST_i (1 − η) + η ≥ η` (see [`crate::analysis::noise_decomposition`]); a factor with no
    /// effect has total index `η` exactly. A bound in expectation, as noisy as the index.
    pub fn noise_share_bound(&self) -> f64 {
        self.st.iter().copied().fold(f64::INFINITY, f64::min).clamp(0.0, 1.0)
    }

    /// The indices of the mean function `m(x) = E[y | x]` of a stochastic model, from indices
    /// computed on outputs whose variance is a share `eta` of noise (Marrel et al. 2012's
    /// indices of the mean; `eta` from [`crate::analysis::NoiseDecomposition::share_of_mean`]).
    /// Independent noise at every design row biases the estimators, in expectation, to
    /// `S_i (1 − η)`, `S_il (1 − η)` and `ST_i (1 − η) + η`; this inverts that:
    /// `S_i / (1 − η)`, `S_il / (1 − η)`, `(ST_i − η) / (1 − η)`. Half-widths are divided by
    /// `1 − η` (they ignore the uncertainty of `η` itself). `eta` outside `[0, 1)` gives NaN.
    pub fn corrected_for_noise(&self, eta: f64) -> SobolIndices {
        let valid = (0.0..1.0).contains(&eta);
        let scale = |v: f64| if valid { v / (1.0 - eta) } else { f64::NAN };
        SobolIndices {
            s1: self.s1.iter().map(|&v| scale(v)).collect(),
            s1_conf: self.s1_conf.iter().map(|&v| scale(v)).collect(),
            st: self.st.iter().map(|&v| scale(v - eta)).collect(),
            st_conf: self.st_conf.iter().map(|&v| scale(v)).collect(),
            s2: self.s2.iter().map(|p| PairIndex { s2: scale(p.s2), conf: scale(p.conf), ..p.clone() }).collect(),
        }
    }
}

/// Point estimates for the base rows `rows`, written into `s1`, `st` and (second-order designs)
/// `s2`, pairs in lexicographic order. Returns the variance.
fn estimate(
    y: &[f64],
    design: &SaltelliDesign,
    centre: f64,
    rows: &[usize],
    s1: &mut [f64],
    st: &mut [f64],
    s2: &mut [f64],
) -> f64 {
    let k = design.k;
    let block = design.block();
    let b_at = block - 1;
    let m = rows.len() as f64;
    let mut sum = 0.0;
    for &j in rows {
        sum += y[j * block] + y[j * block + b_at];
    }
    let mean = sum / (2.0 * m);
    let mut ss = 0.0;
    for &j in rows {
        let (a, b) = (y[j * block] - mean, y[j * block + b_at] - mean);
        ss += a * a + b * b;
    }
    let variance = ss / (2.0 * m);
    for i in 0..k {
        let (mut first, mut total) = (0.0, 0.0);
        for &j in rows {
            let fa = y[j * block];
            let fab = y[j * block + 1 + i];
            let fb = y[j * block + b_at];
            first += (fb - centre) * (fab - fa);
            total += (fa - fab) * (fa - fab);
        }
        s1[i] = first / m / variance;
        st[i] = total / (2.0 * m) / variance;
    }
    if design.second_order {
        let mut p = 0;
        for i in 0..k {
            for l in i + 1..k {
                let mut closed = 0.0;
                for &j in rows {
                    let fa = y[j * block] - centre;
                    let fb = y[j * block + b_at] - centre;
                    let fba_i = y[j * block + 1 + k + i] - centre;
                    let fab_l = y[j * block + 1 + l] - centre;
                    closed += fba_i * fab_l - fa * fb;
                }
                s2[p] = closed / m / variance - s1[i] - s1[l];
                p += 1;
            }
        }
    }
    variance
}

/// Sobol' first-order (Saltelli 2010) and total-order (Jansen 1999) indices from the outputs `y`
/// of a [`crate::design::saltelli`] design, in its row order, with bootstrap half-widths at
/// level `confidence` from `resamples` resamples of the base rows; and second-order indices
/// (Saltelli 2002) when the design is [`crate::design::saltelli_second_order`].
///
/// Draw order: resample by resample, `n` base-row indices; the same resample serves every index.
///
/// Errors: a design with fewer than 2 base rows or no factor; `y` not of length
/// [`SaltelliDesign::rows`]; a
/// non-finite output; fewer than 2 resamples; `confidence` not in `(0, 1)`; zero output variance.
pub fn sobol_indices(
    y: &[f64],
    design: &SaltelliDesign,
    resamples: usize,
    confidence: f64,
    rng: &mut ChaCha8Rng,
) -> Result<SobolIndices, StatsError> {
    let SaltelliDesign { n, k, .. } = *design;
    if k == 0 {
        return Err(StatsError::InvalidParameter {
            name: "k",
            value: "0".into(),
            rule: "Sobol' indices need at least one factor",
        });
    }
    if n < 2 {
        return Err(StatsError::SampleTooSmall { method: "Sobol' indices", n, min: 2 });
    }
    if y.len() != design.rows() {
        return Err(StatsError::SizeMismatch {
            what: "Sobol' outputs (n (k + 2), or n (2k + 2) with second order, for the Saltelli design)",
            expected: design.rows(),
            found: y.len(),
        });
    }
    check_finite("Sobol' outputs", y)?;
    check_resamples(resamples)?;
    check_confidence(confidence)?;

    let block = design.block();
    let mut centre = 0.0;
    for j in 0..n {
        centre += y[j * block] + y[j * block + block - 1];
    }
    centre /= (2 * n) as f64;

    let pairs = if design.second_order { k * (k - 1) / 2 } else { 0 };
    let all: Vec<usize> = (0..n).collect();
    let (mut s1, mut st, mut s2) = (vec![0.0; k], vec![0.0; k], vec![0.0; pairs]);
    let variance = estimate(y, design, centre, &all, &mut s1, &mut st, &mut s2);
    if variance.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return Err(StatsError::ZeroVariance { what: "Sobol' indices" });
    }

    // Replicates stored index-major: boot_s1[i][b].
    let mut boot_s1 = vec![Vec::with_capacity(resamples); k];
    let mut boot_st = vec![Vec::with_capacity(resamples); k];
    let mut boot_s2 = vec![Vec::with_capacity(resamples); pairs];
    let mut rows = vec![0usize; n];
    let (mut r1, mut rt, mut r2) = (vec![0.0; k], vec![0.0; k], vec![0.0; pairs]);
    for _ in 0..resamples {
        for r in rows.iter_mut() {
            *r = index_below(rng, n);
        }
        // A resample with zero variance gives non-finite replicates, which the half-width skips.
        estimate(y, design, centre, &rows, &mut r1, &mut rt, &mut r2);
        for i in 0..k {
            boot_s1[i].push(r1[i]);
            boot_st[i].push(rt[i]);
        }
        for (b, &v) in boot_s2.iter_mut().zip(&r2) {
            b.push(v);
        }
    }
    let pair_ids = (0..k).flat_map(|i| (i + 1..k).map(move |j| (i, j)));
    let s2 = pair_ids
        .zip(s2.iter().zip(&boot_s2))
        .map(|((i, j), (&s2, boot))| PairIndex { i, j, s2, conf: bootstrap_half_width(boot, confidence) })
        .collect();
    Ok(SobolIndices {
        s1,
        s1_conf: boot_s1.iter().map(|b| bootstrap_half_width(b, confidence)).collect(),
        st,
        st_conf: boot_st.iter().map(|b| bootstrap_half_width(b, confidence)).collect(),
        s2,
    })
}

/// Absolute tolerance added to the confidence half-width before an index that moved between
/// the half and the full sample is called unstable.
pub const STABILITY_FLOOR: f64 = 0.05;

/// Confidence half-width above which an index is reported as too uncertain to rank factors.
pub const MAX_CONF_HALF_WIDTH: f64 = 0.1;

/// Which index a diagnostic is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IndexKind {
    /// First-order index.
    S1,
    /// Total-order index.
    ST,
}

impl fmt::Display for IndexKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IndexKind::S1 => "S1",
            IndexKind::ST => "ST",
        })
    }
}

/// One finding of [`sobol_convergence`], with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SobolIssue {
    /// The index is negative and its interval does not reach zero (`value + conf < 0`).
    NegativeBeyondCi {
        /// Which index.
        kind: IndexKind,
        /// Factor (0-based).
        factor: usize,
        /// The estimate.
        value: f64,
        /// Its half-width.
        conf: f64,
    },
    /// The index moved between the first half of the base sample and the whole of it by more
    /// than `tolerance` = its half-width plus [`STABILITY_FLOOR`].
    Unstable {
        /// Which index.
        kind: IndexKind,
        /// Factor (0-based).
        factor: usize,
        /// Estimate on the first `n/2` base rows.
        half: f64,
        /// Estimate on all `n` base rows.
        full: f64,
        /// The allowed movement.
        tolerance: f64,
    },
    /// The half-width exceeds [`MAX_CONF_HALF_WIDTH`].
    WideInterval {
        /// Which index.
        kind: IndexKind,
        /// Factor (0-based).
        factor: usize,
        /// The estimate.
        value: f64,
        /// Its half-width.
        conf: f64,
    },
    /// The base sample is too small to split in half for the stability check.
    TooSmallToSplit {
        /// Base rows.
        n: usize,
    },
    /// The base sample is not a power of two, where the Sobol' net is balanced.
    NotPowerOfTwo {
        /// Base rows.
        n: usize,
    },
    /// A second-order index is negative and its interval does not reach zero.
    PairNegativeBeyondCi {
        /// First factor (0-based).
        i: usize,
        /// Second factor (0-based).
        j: usize,
        /// The estimate.
        value: f64,
        /// Its half-width.
        conf: f64,
    },
    /// A second-order index's half-width exceeds [`MAX_CONF_HALF_WIDTH`].
    PairWideInterval {
        /// First factor (0-based).
        i: usize,
        /// Second factor (0-based).
        j: usize,
        /// The estimate.
        value: f64,
        /// Its half-width.
        conf: f64,
    },
}

impl SobolIssue {
    /// The finding as a sentence, naming factors by `names[i]` when given, else `factor i`.
    pub fn describe(&self, names: &[&str]) -> String {
        let name = |i: usize| names.get(i).map_or_else(|| format!("factor {i}"), |s| (*s).to_string());
        match *self {
            SobolIssue::NegativeBeyondCi { kind, factor, value, conf } => format!(
                "{kind} of {} = {value:.4} ± {conf:.4} is negative beyond its confidence interval: \
                 the sample is too small (increase the base sample)",
                name(factor)
            ),
            SobolIssue::Unstable { kind, factor, half, full, tolerance } => format!(
                "{kind} of {} is unstable as the sample grows: {half:.4} on the first half of the base \
                 sample, {full:.4} on all of it (moved {:.4} > {tolerance:.4})",
                name(factor),
                (full - half).abs()
            ),
            SobolIssue::WideInterval { kind, factor, value, conf } => format!(
                "{kind} of {} = {value:.4} ± {conf:.4}: the interval is wider than ±{MAX_CONF_HALF_WIDTH}, \
                 too uncertain to rank factors (increase the base sample)",
                name(factor)
            ),
            SobolIssue::TooSmallToSplit { n } => {
                format!("base sample of {n} rows is too small to check stability on its first half (need 4)")
            }
            SobolIssue::PairNegativeBeyondCi { i, j, value, conf } => format!(
                "S2 of {} × {} = {value:.4} ± {conf:.4} is negative beyond its confidence interval: \
                 the sample is too small (increase the base sample)",
                name(i),
                name(j)
            ),
            SobolIssue::PairWideInterval { i, j, value, conf } => format!(
                "S2 of {} × {} = {value:.4} ± {conf:.4}: the interval is wider than ±{MAX_CONF_HALF_WIDTH}, \
                 too uncertain to tell an interaction (increase the base sample)",
                name(i),
                name(j)
            ),
            SobolIssue::NotPowerOfTwo { n } => format!(
                "base sample of {n} rows is not a power of two; the Sobol' sequence is best balanced at powers of two"
            ),
        }
    }
}

/// Sobol' indices with the checks that catch a sample too small to trust them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolDiagnostics {
    /// Each finding as a sentence (factors named `factor i`; use [`SobolIssue::describe`] for
    /// names). Empty when nothing was found.
    pub warnings: Vec<String>,
    /// The findings with their numbers, in the same order as `warnings`.
    pub issues: Vec<SobolIssue>,
    /// Indices on the whole base sample.
    pub full: SobolIndices,
    /// Indices on the first `n/2` base rows (`None` when `n < 4`).
    pub half: Option<SobolIndices>,
    /// Base rows of the design.
    pub n: usize,
}

/// [`sobol_indices`] plus convergence diagnostics, in this order:
/// 1. the base sample is not a power of two;
/// 2. for each factor, S1 then ST: an index negative beyond its interval (`index + conf < 0`),
///    then an interval wider than ±[`MAX_CONF_HALF_WIDTH`]; then the same two checks for each
///    second-order index, when the design has them;
/// 3. the indices recomputed on the first `n/2` base rows (the first `n/2` blocks of outputs): an
///    index that moved by more than its full-sample half-width plus [`STABILITY_FLOOR`] is
///    "unstable as the sample grows". With `n < 4` this check is replaced by a warning.
///
/// Draw order: the full-sample bootstrap, then the half-sample bootstrap, from the same `rng`.
/// Errors as [`sobol_indices`] on the full sample; if the first half alone has zero variance,
/// the stability check is skipped with a [`SobolIssue::TooSmallToSplit`] warning instead.
pub fn sobol_convergence(
    y: &[f64],
    design: &SaltelliDesign,
    resamples: usize,
    confidence: f64,
    rng: &mut ChaCha8Rng,
) -> Result<SobolDiagnostics, StatsError> {
    let full = sobol_indices(y, design, resamples, confidence, rng)?;
    let n = design.n;
    let mut issues = Vec::new();
    if !n.is_power_of_two() {
        issues.push(SobolIssue::NotPowerOfTwo { n });
    }
    for factor in 0..design.k {
        for (kind, value, conf) in [
            (IndexKind::S1, full.s1[factor], full.s1_conf[factor]),
            (IndexKind::ST, full.st[factor], full.st_conf[factor]),
        ] {
            if value + conf < 0.0 {
                issues.push(SobolIssue::NegativeBeyondCi { kind, factor, value, conf });
            }
            if conf > MAX_CONF_HALF_WIDTH {
                issues.push(SobolIssue::WideInterval { kind, factor, value, conf });
            }
        }
    }
    for p in &full.s2 {
        let (i, j, value, conf) = (p.i, p.j, p.s2, p.conf);
        if value + conf < 0.0 {
            issues.push(SobolIssue::PairNegativeBeyondCi { i, j, value, conf });
        }
        if conf > MAX_CONF_HALF_WIDTH {
            issues.push(SobolIssue::PairWideInterval { i, j, value, conf });
        }
    }
    let mut half = None;
    if n < 4 {
        issues.push(SobolIssue::TooSmallToSplit { n });
    } else {
        let prefix = design.prefix(n / 2);
        match sobol_indices(&y[..prefix.rows()], &prefix, resamples, confidence, rng) {
            Ok(h) => {
                for factor in 0..design.k {
                    for (kind, f, hv, conf) in [
                        (IndexKind::S1, full.s1[factor], h.s1[factor], full.s1_conf[factor]),
                        (IndexKind::ST, full.st[factor], h.st[factor], full.st_conf[factor]),
                    ] {
                        let tolerance = conf + STABILITY_FLOOR;
                        if (f - hv).abs() > tolerance {
                            issues.push(SobolIssue::Unstable { kind, factor, half: hv, full: f, tolerance });
                        }
                    }
                }
                half = Some(h);
            }
            Err(StatsError::ZeroVariance { .. }) => issues.push(SobolIssue::TooSmallToSplit { n }),
            Err(e) => return Err(e),
        }
    }
    let warnings = issues.iter().map(|i| i.describe(&[])).collect();
    Ok(SobolDiagnostics { warnings, issues, full, half, n })
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;
    use crate::design::saltelli;

    /// For a linear model `y = Σ c_i x_i` with uniform inputs, `S_i = ST_i = c_i² / Σ c²`.
    #[test]
    fn linear_model_indices() {
        let c = [1.0, 2.0, 3.0];
        let (design, x) = saltelli(1 << 12, 3).unwrap();
        let y: Vec<f64> = x.iter().map(|r| r.iter().zip(&c).map(|(a, b)| a * b).sum()).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let s = sobol_indices(&y, &design, 200, 0.95, &mut rng).unwrap();
        for (i, ci) in c.iter().enumerate() {
            let exact = ci * ci / 14.0;
            assert!((s.s1[i] - exact).abs() < 0.02, "S1[{i}] = {}", s.s1[i]);
            assert!((s.st[i] - exact).abs() < 0.02, "ST[{i}] = {}", s.st[i]);
            assert!(s.s1_conf[i] > 0.0 && s.s1_conf[i] < 0.1);
        }
    }

    #[test]
    fn rejects_bad_inputs() {
        let (design, x) = saltelli(8, 2).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let y: Vec<f64> = x.iter().map(|r| r[0]).collect();
        assert!(matches!(
            sobol_indices(&y[1..], &design, 10, 0.95, &mut rng),
            Err(StatsError::SizeMismatch { expected: 32, found: 31, .. })
        ));
        let mut bad = y.clone();
        bad[5] = f64::NAN;
        assert!(matches!(
            sobol_indices(&bad, &design, 10, 0.95, &mut rng),
            Err(StatsError::NonFinite { index: 5, .. })
        ));
        assert!(matches!(sobol_indices(&y, &design, 1, 0.95, &mut rng), Err(StatsError::SampleTooSmall { .. })));
        assert!(matches!(sobol_indices(&y, &design, 10, 1.0, &mut rng), Err(StatsError::InvalidParameter { .. })));
        let flat = vec![3.0; y.len()];
        assert!(matches!(sobol_indices(&flat, &design, 10, 0.95, &mut rng), Err(StatsError::ZeroVariance { .. })));
    }

    #[test]
    fn same_seed_same_bits() {
        let (design, x) = saltelli(64, 3).unwrap();
        let y: Vec<f64> = x.iter().map(|r| (r[0] * 6.0).sin() + r[1] * r[2]).collect();
        let a = sobol_indices(&y, &design, 100, 0.9, &mut ChaCha8Rng::seed_from_u64(9)).unwrap();
        let b = sobol_indices(&y, &design, 100, 0.9, &mut ChaCha8Rng::seed_from_u64(9)).unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a.s1_conf), bits(&b.s1_conf));
        assert_eq!(bits(&a.st_conf), bits(&b.st_conf));
        assert_eq!(bits(&a.s1), bits(&b.s1));
    }
}
