//! Weighted-sample summaries the sampler needs: Kish's effective sample size, the weighted
//! quantile that sets the next tolerance, weighted means and covariances.

use crate::StatsError;
use crate::analysis::check_finite;

/// Check weights are finite, non-negative and not all zero; return their sum.
fn check_weights(weights: &[f64]) -> Result<f64, StatsError> {
    if weights.is_empty() {
        return Err(StatsError::Empty { what: "weights" });
    }
    check_finite("weights", weights)?;
    if let Some(index) = weights.iter().position(|&w| w < 0.0) {
        return Err(StatsError::InvalidParameter {
            name: "weights",
            value: format!("{} at index {index}", weights[index]),
            rule: "weights are non-negative",
        });
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Err(StatsError::InvalidParameter {
            name: "weights",
            value: "all zero".to_string(),
            rule: "at least one weight is positive",
        });
    }
    Ok(total)
}

/// Kish's effective sample size `(Σ w)² / Σ w²` (Kish 1965, *Survey Sampling*; Liu 2001,
/// *Monte Carlo Strategies in Scientific Computing*): `n` for equal weights, 1 when one
/// weight holds everything. Weights need not be normalised.
///
/// # Errors
/// [`StatsError::Empty`], [`StatsError::NonFinite`], or [`StatsError::InvalidParameter`] for a
/// negative weight or all weights zero.
pub fn kish_ess(weights: &[f64]) -> Result<f64, StatsError> {
    let total = check_weights(weights)?;
    let squares: f64 = weights.iter().map(|w| (w / total) * (w / total)).sum();
    Ok(1.0 / squares)
}

/// The weighted `q`-quantile: the smallest value `v` among `values` whose weighted distribution
/// function `Σ_{values_i ≤ v} w_i / Σ w` reaches `q` (the inverse of the weighted empirical
/// distribution function, type 1 of Hyndman & Fan 1996 with weights). Ties are summed; the
/// result is always one of the values. `q = 0` gives the smallest value with positive weight.
///
/// # Errors
/// [`StatsError::Empty`] or [`StatsError::SizeMismatch`] for the inputs,
/// [`StatsError::NonFinite`] for a non-finite value or weight, [`StatsError::InvalidParameter`]
/// for `q` outside `[0, 1]` or invalid weights.
pub fn weighted_quantile(values: &[f64], weights: &[f64], q: f64) -> Result<f64, StatsError> {
    if values.is_empty() {
        return Err(StatsError::Empty { what: "quantile values" });
    }
    if weights.len() != values.len() {
        return Err(StatsError::SizeMismatch {
            what: "quantile weights",
            expected: values.len(),
            found: weights.len(),
        });
    }
    if !(0.0..=1.0).contains(&q) {
        return Err(StatsError::InvalidParameter {
            name: "quantile",
            value: q.to_string(),
            rule: "a quantile level lies in [0, 1]",
        });
    }
    check_finite("quantile values", values)?;
    let total = check_weights(weights)?;
    let mut order: Vec<usize> = (0..values.len()).filter(|&i| weights[i] > 0.0).collect();
    // Stable sort by value, then index: a total, deterministic order.
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)));
    let mut cumulative = 0.0;
    let mut k = 0;
    while k < order.len() {
        let v = values[order[k]];
        // Sum the whole tie block before comparing.
        while k < order.len() && values[order[k]].total_cmp(&v).is_eq() {
            cumulative += weights[order[k]] / total;
            k += 1;
        }
        // A relative slack of 1e-12 absorbs rounding in the running sum (e.g. q = 1).
        if cumulative >= q - 1e-12 {
            return Ok(v);
        }
    }
    Ok(values[order[order.len() - 1]])
}

/// The weighted mean and covariance matrix (normalised weights, no small-sample correction:
/// `Σ w_i (θ_i − m)(θ_i − m)ᵀ / Σ w`) of the rows of `points`, each of length `dim`, reduced
/// sequentially in row order. Assumes the weights passed [`kish_ess`]'s checks.
pub(crate) fn weighted_mean_cov(points: &[&[f64]], weights: &[f64], dim: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    let total: f64 = weights.iter().sum();
    let mut mean = vec![0.0; dim];
    for (p, &w) in points.iter().zip(weights) {
        for k in 0..dim {
            mean[k] += w / total * p[k];
        }
    }
    let mut cov = vec![vec![0.0; dim]; dim];
    for (p, &w) in points.iter().zip(weights) {
        for a in 0..dim {
            for b in 0..=a {
                cov[a][b] += w / total * (p[a] - mean[a]) * (p[b] - mean[b]);
            }
        }
    }
    // Mirror the lower triangle into the upper one.
    let full = (0..dim).map(|a| (0..dim).map(|b| if b <= a { cov[a][b] } else { cov[b][a] }).collect()).collect();
    (mean, full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_mean_cov_by_hand() {
        let pts: [&[f64]; 3] = [&[0.0, 1.0], &[2.0, 1.0], &[4.0, 4.0]];
        let (m, c) = weighted_mean_cov(&pts, &[1.0, 2.0, 1.0], 2);
        // Mean (0·¼ + 2·½ + 4·¼, 1·¼ + 1·½ + 4·¼) = (2, 1.75).
        assert!((m[0] - 2.0).abs() < 1e-15 && (m[1] - 1.75).abs() < 1e-15);
        // Var x = ¼·4 + 0 + ¼·4 = 2; cov = ¼(−2)(−0.75) + 0 + ¼(2)(2.25) = 1.5.
        assert!((c[0][0] - 2.0).abs() < 1e-15);
        assert!((c[0][1] - 1.5).abs() < 1e-15 && (c[1][0] - 1.5).abs() < 1e-15);
    }
}
