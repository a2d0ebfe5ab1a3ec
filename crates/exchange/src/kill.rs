//! Kill probability against a point target (docs/model.md, Part II).
//!
//! Circular-normal miss distance: P(miss ≤ r) = 1 − 0.5^((r/CEP)²). A weapon kills a target of
//! lethal radius LR with SSPK = 1 − 0.5^((LR/CEP)²); with reliability R the per-weapon kill
//! probability is p = R · SSPK, and n independent weapons kill with 1 − (1 − p)^n.

use crate::blast::METRES_PER_NMI;

/// Probability that a weapon with circular error probable `cep` lands within `radius`
/// (same units).
pub fn within_radius(radius: f64, cep: f64) -> f64 {
    let ratio = radius / cep;
    1.0 - 0.5f64.powf(ratio * ratio)
}

/// Single-shot kill probability of a perfectly reliable weapon with lethal radius `lr_m` and
/// CEP `cep_m` (metres).
pub fn sspk(lr_m: f64, cep_m: f64) -> f64 {
    within_radius(lr_m, cep_m)
}

/// Per-weapon kill probability: reliability times SSPK.
pub fn kill_probability(reliability: f64, sspk: f64) -> f64 {
    reliability * sspk
}

/// Probability that at least one of `n` independent weapons, each killing with `p`, kills.
pub fn multi_shot_kill(p: f64, n: f64) -> f64 {
    1.0 - (1.0 - p).powf(n)
}

/// Weapons needed for kill confidence `confidence` with per-weapon kill probability `p`;
/// `None` when `p` is 0 (no number suffices) or `confidence` is 1 with `p` < 1.
pub fn weapons_needed(p: f64, confidence: f64) -> Option<u64> {
    if p >= 1.0 {
        return Some(1);
    }
    if p <= 0.0 || confidence >= 1.0 {
        return None;
    }
    if confidence <= 0.0 {
        return Some(0);
    }
    Some(((1.0 - confidence).ln() / (1.0 - p).ln()).ceil() as u64)
}

/// The classic lethality index K = Y_Mt^(2/3) / CEP_nmi² (counter-military potential per weapon).
pub fn lethality_k(yield_kt: f64, cep_m: f64) -> f64 {
    let cep_nmi = cep_m / METRES_PER_NMI;
    (yield_kt / 1000.0).powf(2.0 / 3.0) / (cep_nmi * cep_nmi)
}

/// Equivalent megatonnage of one warhead: Y^(2/3) up to 1 Mt, Y^(1/2) above.
pub fn equivalent_megatons(yield_kt: f64) -> f64 {
    let y = yield_kt / 1000.0;
    if y <= 1.0 { y.powf(2.0 / 3.0) } else { y.sqrt() }
}
