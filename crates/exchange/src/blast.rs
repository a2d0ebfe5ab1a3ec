//! Lethal radius of a surface burst against a target of given hardness (docs/model.md, Part II).
//!
//! Default: H. L. Brode, *Airblast from Nuclear Bursts — Analytic Approximations*, PSR Report
//! 1419-3 (1987), surface-burst fit of peak overpressure against scaled ground range, solved for
//! the range at which the overpressure equals the target's hardness. Fast option: the
//! cube-root form `LR_nmi = 2.62 · Y_Mt^(1/3) · H^(−1/3)` used by public calculators, which
//! overstates LR by 3–4 % at silo hardness (compare `deterrence calc lethal-radius` with and
//! without `--model cube-root`).

use model::LethalRadiusModel;

/// Metres per foot.
pub const METRES_PER_FOOT: f64 = 0.3048;
/// Metres per nautical mile.
pub const METRES_PER_NMI: f64 = 1852.0;
/// Coefficient of the cube-root lethal-radius form (nmi · psi^(1/3) / Mt^(1/3)).
pub const CUBE_ROOT_COEFFICIENT: f64 = 2.62;
/// Lowest hardness (psi) at which the Brode fit is monotone in range and can be inverted
/// (the scenario domain, `model::domain::HARDNESS_PSI`).
pub const MIN_HARDNESS_PSI: f64 = *model::domain::HARDNESS_PSI.start();
/// Highest hardness (psi) accepted (the scenario domain, `model::domain::HARDNESS_PSI`).
pub const MAX_HARDNESS_PSI: f64 = *model::domain::HARDNESS_PSI.end();

/// Scaled ranges (kft/kt^(1/3)) between which the Brode fit is inverted; it decreases
/// monotonically over this interval (it turns up again beyond ~70).
const BRODE_R_MIN: f64 = 1e-3;
const BRODE_R_MAX: f64 = 50.0;

/// Why a lethal radius cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum BlastError {
    /// Hardness outside the range where the fit can be inverted.
    #[error("hardness {0} psi is outside the supported range {MIN_HARDNESS_PSI}–{MAX_HARDNESS_PSI} psi")]
    Hardness(f64),
    /// Yield outside its domain (`model::domain::YIELD_KT`).
    #[error("yield {0} kt is outside the supported range: above 0 and at most 100,000 kt")]
    Yield(f64),
}

/// Brode (1987) peak overpressure of a surface burst (psi) at scaled ground range `r`
/// (thousands of feet per kt^(1/3)).
pub fn brode_surface_overpressure_psi(r: f64) -> f64 {
    10.47 / r.powf(1.22) + 2.9902 / r.powf(3.053) - 4.166 / (1.0 + 0.6096 * r.powf(1.83)) - 0.2905
        + 1.094 * r * r / (781.2 - 123.4 * r + 37.98 * r.powf(1.5) + r * r)
}

/// The scaled range (kft/kt^(1/3)) at which Brode's surface-burst overpressure equals
/// `hardness_psi`, by bisection (80 halvings of a geometric interval: far below 1e-12 relative).
pub fn brode_scaled_range(hardness_psi: f64) -> Result<f64, BlastError> {
    if !(MIN_HARDNESS_PSI..=MAX_HARDNESS_PSI).contains(&hardness_psi) {
        return Err(BlastError::Hardness(hardness_psi));
    }
    let (mut lo, mut hi) = (BRODE_R_MIN, BRODE_R_MAX);
    for _ in 0..80 {
        let mid = (lo * hi).sqrt();
        if brode_surface_overpressure_psi(mid) > hardness_psi {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// Lethal radius in metres of a `yield_kt` surface burst against `hardness_psi`.
pub fn lethal_radius_m(yield_kt: f64, hardness_psi: f64, model: LethalRadiusModel) -> Result<f64, BlastError> {
    if !model::domain::above_and_at_most(yield_kt, model::domain::YIELD_KT) {
        return Err(BlastError::Yield(yield_kt));
    }
    if !(MIN_HARDNESS_PSI..=MAX_HARDNESS_PSI).contains(&hardness_psi) {
        return Err(BlastError::Hardness(hardness_psi));
    }
    Ok(match model {
        LethalRadiusModel::Brode => brode_scaled_range(hardness_psi)? * 1000.0 * yield_kt.cbrt() * METRES_PER_FOOT,
        LethalRadiusModel::CubeRoot => {
            CUBE_ROOT_COEFFICIENT * (yield_kt / 1000.0).cbrt() / hardness_psi.cbrt() * METRES_PER_NMI
        }
    })
}
