//! Reading outputs back: summaries, bootstrap intervals, Sobol' and Morris sensitivity indices,
//! the noise share of a stochastic model's outputs, PRIM and CART scenario discovery, and feature scoring
//! with extremely randomized trees.
//!
//! Every function takes outputs in the row order of the design that produced them and reduces
//! sequentially in that order. Bootstraps draw from the caller's `ChaCha8Rng` in a documented
//! order, so the same inputs and generator state give the same intervals.

mod cart;
mod morris;
mod noise;
mod normal;
mod prim;
mod rates;
mod sobol;
mod summary;
mod trees;

pub use cart::{CartResult, cart};
pub use morris::{MorrisIndex, morris_indices};
pub use noise::{NoiseDecomposition, noise_decomposition, noise_share, replications_for_share};
pub use normal::normal_quantile;
pub use prim::{PrimBox, PrimConvention, PrimResult, QuasiP, paste, paste_with, prim, prim_with, quasi_p_values};
pub use rates::{binomial_upper_tail, crps, holm, poisson_cdf, poisson_rate};
pub use sobol::{
    IndexKind, MAX_CONF_HALF_WIDTH, PairIndex, STABILITY_FLOOR, SobolDiagnostics, SobolIndices, SobolIssue,
    sobol_convergence, sobol_indices,
};
pub use summary::{Summary, bootstrap_mean_ci, quantile_sorted, summarise};
pub use trees::{ExtraTreesOptions, extra_trees_scores};

use crate::StatsError;

/// Check a confidence level lies strictly between 0 and 1.
pub(crate) fn check_confidence(confidence: f64) -> Result<(), StatsError> {
    if confidence > 0.0 && confidence < 1.0 {
        Ok(())
    } else {
        Err(StatsError::InvalidParameter {
            name: "confidence",
            value: confidence.to_string(),
            rule: "a confidence level lies strictly between 0 and 1",
        })
    }
}

/// Check there are enough bootstrap resamples for a standard deviation.
pub(crate) fn check_resamples(resamples: usize) -> Result<(), StatsError> {
    if resamples >= 2 {
        Ok(())
    } else {
        Err(StatsError::SampleTooSmall { method: "a bootstrap interval (resamples)", n: resamples, min: 2 })
    }
}

/// The first non-finite value of `values`, as an error.
pub(crate) fn check_finite(what: &'static str, values: &[f64]) -> Result<(), StatsError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(StatsError::NonFinite { what, index, value: values[index] }),
        None => Ok(()),
    }
}

/// Normal-approximation half-width `z_{(1+c)/2} · sd` of bootstrap replicates, as SALib reports
/// it (Archer, Saltelli & Sobol' 1997). Non-finite replicates are left out; with fewer than two
/// finite ones the half-width is infinite (no information).
pub(crate) fn bootstrap_half_width(replicates: &[f64], confidence: f64) -> f64 {
    let finite: Vec<f64> = replicates.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.len() < 2 {
        return f64::INFINITY;
    }
    let n = finite.len() as f64;
    let mean = finite.iter().sum::<f64>() / n;
    let ss: f64 = finite.iter().map(|v| (v - mean) * (v - mean)).sum();
    normal_quantile(0.5 + confidence / 2.0) * (ss / (n - 1.0)).sqrt()
}
