//! Small probability helpers shared by the processes that draw random numbers.
//!
//! Every draw goes through the run's one `ChaCha8Rng`, in the fixed order of the schedule
//! ([`crate::run`] explains the streams); [`chance`] makes exactly one draw per call.

use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// Draws once: whether an event of probability `p` (clamped to [0, 1]) comes true.
pub fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random::<f64>() < p.clamp(0.0, 1.0)
}

/// The logistic function `1 / (1 + e^(−z))`, from the logit scale to (0, 1).
pub fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The standard normal distribution function `Φ(z)` (the statistics crate's, from Numerical
/// Recipes' erfc: fractional error below 1.2e-7; exact 0 and 1 at the infinities).
pub use stats::calibration::normal_cdf;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_reference_values() {
        // Φ(1.96) = 0.9750021, Φ(−1) = 0.1586553, Φ(0) = 0.5.
        assert!((normal_cdf(1.96) - 0.975_002_104_851_779_5).abs() < 2e-7);
        assert!((normal_cdf(-1.0) - 0.158_655_253_931_457).abs() < 2e-7);
        assert!((normal_cdf(0.0) - 0.5).abs() < 2e-7);
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
    }
}
