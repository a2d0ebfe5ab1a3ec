//! The domains of a force element's numbers: the ranges every reader of a scenario accepts —
//! scenario validation ([`crate::validate`]), the exchange calculus (`exchange::blast`), the
//! `calc` command — so that a value is valid for every command or for none.
//!
//! The bounds are physical or practical limits, not estimates: far beyond any real force, tight
//! enough that no computation overflows.

use std::ops::RangeInclusive;

/// The most years a scenario's horizon (and any command's `--years`) may span.
pub const MAX_HORIZON_YEARS: u32 = 500;

/// Yield of one warhead, kilotons: above 0, at most 100 Mt (twice the largest device ever
/// tested, the 50-Mt Soviet test of 30 October 1961, and its 100-Mt design yield).
pub const YIELD_KT: (f64, f64) = (0.0, 100_000.0);

/// Target hardness, psi: the range over which the Brode (1987) overpressure fit can be inverted
/// (0.1 psi) up to 100,000 psi, far above the hardest silo ever built (a few thousand psi).
pub const HARDNESS_PSI: RangeInclusive<f64> = 0.1..=100_000.0;

/// Circular error probable, metres: above 0, at most 100 km.
pub const CEP_M: (f64, f64) = (0.0, 100_000.0);

/// Launchers of one force element: 0 to 1,000,000 (the largest force ever fielded had fewer than
/// 10,000 strategic launchers).
pub const LAUNCHERS: RangeInclusive<f64> = 0.0..=1_000_000.0;

/// Warheads per launcher: 0 to 100 (the most ever put on one missile was 14: Trident II's test
/// loading and the SS-18 Mod 4's ten plus decoys).
pub const WARHEADS_PER_LAUNCHER: RangeInclusive<f64> = 0.0..=100.0;

/// Range of a delivery system, km: 0 to 50,000 (beyond any distance on Earth).
pub const RANGE_KM: RangeInclusive<f64> = 0.0..=50_000.0;

/// Whether `v` lies in the half-open domain `(low, high]`.
pub fn above_and_at_most(v: f64, (low, high): (f64, f64)) -> bool {
    v > low && v <= high
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold_their_edges() {
        assert!(above_and_at_most(100_000.0, YIELD_KT));
        assert!(!above_and_at_most(0.0, YIELD_KT));
        assert!(!above_and_at_most(1e308, YIELD_KT));
        assert!(!above_and_at_most(f64::NAN, YIELD_KT));
        assert!(HARDNESS_PSI.contains(&0.1) && !HARDNESS_PSI.contains(&1e9));
        assert!(!LAUNCHERS.contains(&1e308) && LAUNCHERS.contains(&0.0));
    }
}
