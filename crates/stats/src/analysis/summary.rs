//! Descriptive summaries and the percentile bootstrap of a mean.

use rand::rngs::ChaCha8Rng;
use serde::Serialize;

use crate::rng::index_below;

/// Descriptive statistics of one output over runs (replications or design points).
///
/// NaN values are "missing": excluded from every statistic and counted in `missing`. Infinite
/// values are kept. Statistics that need more values than there are (everything when `n = 0`,
/// `sd` when `n < 2`) are NaN.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Number of non-missing values.
    pub n: usize,
    /// Number of NaN values left out.
    pub missing: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (divisor `n − 1`).
    pub sd: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// 5 % quantile (type 7).
    pub q05: f64,
    /// 25 % quantile (type 7).
    pub q25: f64,
    /// Median (type 7).
    pub q50: f64,
    /// 75 % quantile (type 7).
    pub q75: f64,
    /// 95 % quantile (type 7).
    pub q95: f64,
}

/// The `p`-quantile of ascending `sorted` values by Hyndman & Fan's (1996) type 7, the default of
/// R and NumPy: `h = (n − 1) p`, `Q = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)` (0-based).
///
/// NaN for an empty slice or `p` outside `[0, 1]`.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let frac = h - lo as f64;
    if frac > 0.0 { sorted[lo] + frac * (sorted[hi] - sorted[lo]) } else { sorted[lo] }
}

/// Sequential mean of a non-empty slice.
fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Summarise `values`: count, missing, mean, standard deviation, extremes and the 5, 25, 50,
/// 75 and 95 % quantiles (type 7, see [`quantile_sorted`]).
pub fn summarise(values: &[f64]) -> Summary {
    let mut kept: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let missing = values.len() - kept.len();
    let n = kept.len();
    if n == 0 {
        let nan = f64::NAN;
        return Summary {
            n,
            missing,
            mean: nan,
            sd: nan,
            min: nan,
            max: nan,
            q05: nan,
            q25: nan,
            q50: nan,
            q75: nan,
            q95: nan,
        };
    }
    // Mean and sd in input order (two passes), then the quantiles from the sorted values.
    let m = mean(&kept);
    let sd =
        if n < 2 { f64::NAN } else { (kept.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1) as f64).sqrt() };
    kept.sort_by(f64::total_cmp);
    let sorted = kept;
    Summary {
        n,
        missing,
        mean: m,
        sd,
        min: sorted[0],
        max: sorted[n - 1],
        q05: quantile_sorted(&sorted, 0.05),
        q25: quantile_sorted(&sorted, 0.25),
        q50: quantile_sorted(&sorted, 0.5),
        q75: quantile_sorted(&sorted, 0.75),
        q95: quantile_sorted(&sorted, 0.95),
    }
}

/// Percentile bootstrap confidence interval `(lower, upper)` for the mean of `values` (Efron &
/// Tibshirani 1993, ch. 13): `resamples` resamples of the same size drawn with replacement, and
/// the `(1 − c)/2` and `(1 + c)/2` type-7 quantiles of their means.
///
/// NaN values are left out first (as in [`summarise`]). Draw order: resample by resample, one
/// index per value. Returns `(NaN, NaN)` when there is no value, no resample, or `confidence` is
/// not strictly between 0 and 1.
pub fn bootstrap_mean_ci(values: &[f64], resamples: usize, confidence: f64, rng: &mut ChaCha8Rng) -> (f64, f64) {
    let data: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if data.is_empty() || resamples == 0 || !(confidence > 0.0 && confidence < 1.0) {
        return (f64::NAN, f64::NAN);
    }
    let n = data.len();
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| {
            let mut sum = 0.0;
            for _ in 0..n {
                sum += data[index_below(rng, n)];
            }
            sum / n as f64
        })
        .collect();
    means.sort_by(f64::total_cmp);
    let tail = (1.0 - confidence) / 2.0;
    (quantile_sorted(&means, tail), quantile_sorted(&means, 1.0 - tail))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    /// R: `quantile(1:10, c(.05, .25, .5, .75, .95))` = 1.45 3.25 5.50 7.75 9.55.
    #[test]
    fn type7_quantiles_of_one_to_ten() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        let s = summarise(&values);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert_eq!(s.n, 10);
        assert_eq!(s.missing, 0);
        assert!(close(s.q05, 1.45));
        assert!(close(s.q25, 3.25));
        assert!(close(s.q50, 5.5));
        assert!(close(s.q75, 7.75));
        assert!(close(s.q95, 9.55));
        assert!(close(s.mean, 5.5));
        assert!(close(s.sd, (55.0f64 / 6.0).sqrt()));
        assert_eq!((s.min, s.max), (1.0, 10.0));
    }

    #[test]
    fn nans_are_missing_not_values() {
        let s = summarise(&[3.0, f64::NAN, 1.0, 2.0, f64::NAN]);
        assert_eq!((s.n, s.missing), (3, 2));
        assert_eq!(s.q50, 2.0);
        let empty = summarise(&[f64::NAN]);
        assert_eq!((empty.n, empty.missing), (0, 1));
        assert!(empty.mean.is_nan() && empty.q50.is_nan());
        let one = summarise(&[4.0]);
        assert_eq!((one.mean, one.q05, one.q95), (4.0, 4.0, 4.0));
        assert!(one.sd.is_nan());
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_mean() {
        let values: Vec<f64> = (0..200).map(|i| f64::from(i % 17) * 0.5).collect();
        let a = bootstrap_mean_ci(&values, 500, 0.95, &mut ChaCha8Rng::seed_from_u64(42));
        let b = bootstrap_mean_ci(&values, 500, 0.95, &mut ChaCha8Rng::seed_from_u64(42));
        assert_eq!(a.0.to_bits(), b.0.to_bits());
        assert_eq!(a.1.to_bits(), b.1.to_bits());
        let m = mean(&values);
        assert!(a.0 < m && m < a.1, "{a:?} around {m}");
        let c = bootstrap_mean_ci(&values, 500, 0.95, &mut ChaCha8Rng::seed_from_u64(43));
        assert_ne!(a.0.to_bits(), c.0.to_bits());
        assert!(bootstrap_mean_ci(&[], 10, 0.9, &mut ChaCha8Rng::seed_from_u64(1)).0.is_nan());
        assert!(bootstrap_mean_ci(&values, 10, 1.0, &mut ChaCha8Rng::seed_from_u64(1)).0.is_nan());
    }
}
