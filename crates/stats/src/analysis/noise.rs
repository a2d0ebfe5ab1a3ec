//! The model's own noise in sensitivity indices of a stochastic simulator.
//!
//! A stochastic model gives `y = m(x) + ε(x, ω)`: `m(x) = E[y | x]` is what the factors control,
//! `ε` the run's own randomness (its seed), with `E[ε | x] = 0`. Following Iooss & Ribatet
//! (2009, "Global sensitivity analysis of computer models with functional inputs", *Reliability
//! Engineering & System Safety* 94, 1194–1204), Marrel, Iooss, Da Veiga & Ribatet (2012, "Global
//! sensitivity analysis of stochastic computer models with joint metamodels", *Statistics and
//! Computing* 22, 833–847) and Iooss & Lemaître (2015, "A review on global sensitivity analysis
//! methods", in *Uncertainty Management in Simulation-Optimization of Complex Systems*, Springer),
//! the output variance splits as `Var(y) = Var(m(X)) + E[Var(y | X)] = σ²_m + σ²_ε`, the second
//! term being the noise, which no factor explains.
//!
//! Sobol' indices computed on the mean of `r` replications at each design point see
//! `ȳ(x) = m(x) + ε̄`, whose variance is `σ²_m + σ²_ε / r`. The *noise share* of that mean,
//! `η_r = (σ²_ε / r) / (σ²_m + σ²_ε / r)`, biases the estimators of a Saltelli design, whose rows
//! all draw independent noise: in expectation the first-order index becomes `S_i (1 − η)` and the
//! total-order index `ST_i (1 − η) + η` (each `(f(A) − f(AB^i))²` carries `2σ²_ε / r` of noise),
//! so with one replication every total index carries the whole noise share and they can sum far
//! above 1. [`noise_decomposition`] estimates `σ²_ε` and `σ²_m` from replicated points (one-way
//! random-effects analysis of variance), [`NoiseDecomposition::share_of_mean`] gives `η_r`,
//! [`replications_for_share`] the replications that bring it below a target, and
//! [`crate::analysis::SobolIndices::corrected_for_noise`] removes it from the indices.

use serde::Serialize;

use super::check_finite;
use crate::StatsError;

/// Within-point (noise) and between-point variance of a replicated stochastic output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoiseDecomposition {
    /// Design points.
    pub points: usize,
    /// Replications per point (the harmonic mean when points differ, which is what the variance
    /// of the point means depends on).
    pub replications: f64,
    /// Pooled within-point variance `σ²_ε` (divisor: total runs minus points).
    pub within: f64,
    /// Between-point variance of the true mean, `σ²_m = s²(ȳ) − σ²_ε / r`, floored at 0.
    pub between: f64,
    /// Sample variance of the point means `s²(ȳ)` (divisor: points minus 1).
    pub of_means: f64,
}

impl NoiseDecomposition {
    /// Noise share of a single run, `σ²_ε / (σ²_m + σ²_ε)` (the total index of the seed).
    pub fn share_of_run(&self) -> f64 {
        noise_share(self.within, self.between, 1.0)
    }

    /// Noise share of the mean of this decomposition's replications,
    /// `(σ²_ε / r) / (σ²_m + σ²_ε / r)`: the share of the variance seen by indices computed on
    /// point means that no factor explains.
    pub fn share_of_mean(&self) -> f64 {
        noise_share(self.within, self.between, self.replications)
    }
}

/// Noise share of the mean of `r` replications, `(σ²_ε / r) / (σ²_m + σ²_ε / r)`, for
/// within-point variance `within` = `σ²_ε` and between-point variance `between` = `σ²_m`.
/// 0 when there is no noise; 1 when there is noise and nothing else; NaN when both are 0.
pub fn noise_share(within: f64, between: f64, r: f64) -> f64 {
    let noise = within / r;
    noise / (between + noise)
}

/// The fewest replications `r` for which the noise share of the mean,
/// `(σ²_ε / r) / (σ²_m + σ²_ε / r)`, is at most `target`: `r = ⌈σ²_ε (1 − t) / (t σ²_m)⌉`, at
/// least 1. `None` when the target cannot be reached (`between` = 0 with noise present) or is
/// not in `(0, 1)`.
pub fn replications_for_share(within: f64, between: f64, target: f64) -> Option<u64> {
    if !(target > 0.0 && target < 1.0 && within.is_finite() && between.is_finite() && within >= 0.0) {
        return None;
    }
    if within == 0.0 {
        return Some(1);
    }
    if between <= 0.0 {
        return None;
    }
    let r = (within * (1.0 - target) / (target * between)).ceil();
    // Guard against rounding just above an integer.
    let r = if r > 1.0 && noise_share(within, between, r - 1.0) <= target * (1.0 + 1e-12) { r - 1.0 } else { r };
    (r < u64::MAX as f64).then(|| (r as u64).max(1))
}

/// One-way random-effects analysis of variance of replicated outputs: `groups[p]` holds the
/// outputs of the replications at design point `p`.
///
/// `σ²_ε` is the pooled within-point variance `Σ_p Σ_i (y_pi − ȳ_p)² / Σ_p (r_p − 1)`, unbiased
/// whatever the factors do; `σ²_m = s²(ȳ) − σ²_ε / r̃` with `s²(ȳ)` the sample variance of the
/// point means and `r̃` the harmonic mean of the `r_p` (exact for equal replications, since then
/// `E[s²(ȳ)] = σ²_m + σ²_ε / r`), floored at 0.
///
/// Errors: fewer than 2 points; a point with no output; no point with 2 or more outputs (then
/// `σ²_ε` cannot be estimated: [`StatsError::SampleTooSmall`]); a non-finite output.
pub fn noise_decomposition(groups: &[Vec<f64>]) -> Result<NoiseDecomposition, StatsError> {
    let points = groups.len();
    if points < 2 {
        return Err(StatsError::SampleTooSmall { method: "a noise decomposition (design points)", n: points, min: 2 });
    }
    let (mut ss_within, mut df_within, mut inverse_r) = (0.0, 0usize, 0.0);
    let mut means = Vec::with_capacity(points);
    for g in groups {
        if g.is_empty() {
            return Err(StatsError::Empty { what: "a design point's outputs" });
        }
        check_finite("replicated outputs", g)?;
        let mean = g.iter().sum::<f64>() / g.len() as f64;
        ss_within += g.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>();
        df_within += g.len() - 1;
        inverse_r += 1.0 / g.len() as f64;
        means.push(mean);
    }
    if df_within == 0 {
        return Err(StatsError::SampleTooSmall {
            method: "a noise decomposition (replications per point)",
            n: 1,
            min: 2,
        });
    }
    let replications = points as f64 / inverse_r;
    let within = ss_within / df_within as f64;
    let grand = means.iter().sum::<f64>() / points as f64;
    let of_means = means.iter().map(|m| (m - grand) * (m - grand)).sum::<f64>() / (points - 1) as f64;
    let between = (of_means - within / replications).max(0.0);
    Ok(NoiseDecomposition { points, replications, within, between, of_means })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two points, two replications each: `{1, 3}` and `{5, 9}`. Within: (1 + 1 + 4 + 4) / 2 = 5;
    /// means 2 and 7, `s²(ȳ)` = 12.5; between = 12.5 − 5/2 = 10; the mean of two runs is
    /// 2.5 / 12.5 = 20 % noise, one run 5 / 15.
    #[test]
    fn hand_computed_anova() {
        let d = noise_decomposition(&[vec![1.0, 3.0], vec![5.0, 9.0]]).unwrap();
        assert_eq!(d.within, 5.0);
        assert_eq!(d.of_means, 12.5);
        assert_eq!(d.between, 10.0);
        assert_eq!(d.replications, 2.0);
        assert!((d.share_of_mean() - 0.2).abs() < 1e-15);
        assert!((d.share_of_run() - 1.0 / 3.0).abs() < 1e-15);
    }

    /// Unequal replications: the harmonic mean of 1 and 3 is 1.5.
    #[test]
    fn unequal_replications_use_the_harmonic_mean() {
        let d = noise_decomposition(&[vec![4.0], vec![0.0, 1.0, 2.0]]).unwrap();
        assert_eq!(d.replications, 1.5);
        assert_eq!(d.within, 1.0);
        // Means 4 and 1: s² = 4.5; between = 4.5 − 1/1.5.
        assert!((d.between - (4.5 - 1.0 / 1.5)).abs() < 1e-15);
    }

    #[test]
    fn share_formula_and_replications_needed() {
        // σ²_ε = 9, σ²_m = 1: one run is 90 % noise; the mean of 81 runs is 10 %.
        assert!((noise_share(9.0, 1.0, 1.0) - 0.9).abs() < 1e-15);
        assert!((noise_share(9.0, 1.0, 81.0) - 0.1).abs() < 1e-15);
        assert_eq!(replications_for_share(9.0, 1.0, 0.1), Some(81));
        assert!(noise_share(9.0, 1.0, 80.0) > 0.1);
        // σ²_ε = 1, σ²_m = 3: (1/r)/(3 + 1/r) ≤ 0.05 ⇔ r ≥ 19/3, so 7.
        assert_eq!(replications_for_share(1.0, 3.0, 0.05), Some(7));
        assert!(noise_share(1.0, 3.0, 6.0) > 0.05 && noise_share(1.0, 3.0, 7.0) <= 0.05);
        assert_eq!(replications_for_share(0.0, 3.0, 0.1), Some(1));
        assert_eq!(replications_for_share(0.1, 30.0, 0.1), Some(1));
        assert_eq!(replications_for_share(1.0, 0.0, 0.1), None);
        assert_eq!(replications_for_share(1.0, 1.0, 1.0), None);
        assert_eq!(noise_share(0.0, 2.0, 3.0), 0.0);
    }

    #[test]
    fn rejects_what_cannot_be_estimated() {
        assert!(matches!(noise_decomposition(&[vec![1.0, 2.0]]), Err(StatsError::SampleTooSmall { .. })));
        assert!(matches!(noise_decomposition(&[vec![1.0], vec![2.0]]), Err(StatsError::SampleTooSmall { .. })));
        assert!(matches!(noise_decomposition(&[vec![1.0], vec![]]), Err(StatsError::Empty { .. })));
        assert!(matches!(noise_decomposition(&[vec![1.0, f64::NAN], vec![2.0]]), Err(StatsError::NonFinite { .. })));
    }
}
