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
