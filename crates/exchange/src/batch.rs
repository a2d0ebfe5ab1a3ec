//! Many kill-probability evaluations at once: lethal radius, SSPK, per-weapon and multi-shot kill
//! probability and the lethality index for each (yield, CEP, hardness, reliability, warheads).
//!
//! The Brode lethal radius is `r(H) · Y^(1/3)`: the scaled range `r` depends on the hardness
//! alone (its inversion is the expensive part, 80 bisection steps of the overpressure fit), so a
//! batch solves it once per distinct hardness and scales it by each yield's cube root. Every
//! value is computed with the same operations, in the same order, as the scalar functions of
//! [`crate::blast`] and [`crate::kill`], so results are bit-identical to them (tested).

use crate::blast::{BlastError, METRES_PER_FOOT, METRES_PER_NMI, brode_scaled_range, lethal_radius_m};
use crate::kill::{kill_probability, multi_shot_kill, sspk};
use model::LethalRadiusModel;
use serde::Serialize;

/// One evaluation's inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KillInput {
    /// Yield, kilotons.
    pub yield_kt: f64,
    /// Circular error probable, metres.
    pub cep_m: f64,
    /// Target hardness, psi.
    pub hardness_psi: f64,
    /// Reliability (probability the weapon arrives and detonates), in [0, 1].
    pub reliability: f64,
    /// Warheads on the target.
    pub warheads: f64,
}

/// One evaluation's results.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KillOutput {
    /// Lethal radius, metres.
    pub lethal_radius_m: f64,
    /// Single-shot kill probability of a reliable weapon.
    pub sspk: f64,
    /// Per-weapon kill probability: reliability × SSPK.
    pub kill_probability: f64,
    /// Kill probability of all the warheads together.
    pub kill_probability_n: f64,
    /// Lethality index K = Y_Mt^(2/3) / CEP_nmi².
    pub lethality_k: f64,
}

/// Slots of a [`Memo`]'s direct-mapped cache.
const MEMO_SLOTS: usize = 256;

/// A memo of a function of one `f64` by its bit pattern: a direct-mapped cache of recent
/// values, then a sorted list of every value seen (few distinct values in practice: a grid's
/// axes, a force's targets). Deterministic: nothing depends on iteration order.
struct Memo<T: Copy> {
    slots: Vec<Option<(u64, T)>>,
    seen: Vec<(u64, T)>,
}

impl<T: Copy> Memo<T> {
    fn new() -> Self {
        Memo { slots: vec![None; MEMO_SLOTS], seen: Vec::new() }
    }

    fn get(&mut self, x: f64, f: impl FnOnce(f64) -> T) -> T {
        let bits = x.to_bits();
        // Fibonacci hashing of the bit pattern onto the slots.
        let slot = ((bits ^ (bits >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize % MEMO_SLOTS;
        if let Some((b, v)) = self.slots[slot]
            && b == bits
        {
            return v;
        }
        let v = match self.seen.binary_search_by_key(&bits, |(b, _)| *b) {
            Ok(k) => self.seen[k].1,
            Err(k) => {
                let v = f(x);
                self.seen.insert(k, (bits, v));
                v
            }
        };
        self.slots[slot] = Some((bits, v));
        v
    }
}

/// Evaluates every input, in order; an input whose yield or hardness is outside the supported
/// range gives that error and does not stop the others.
pub fn evaluate(inputs: &[KillInput], model: LethalRadiusModel) -> Vec<Result<KillOutput, BlastError>> {
    // Quantities of one input each, computed once per distinct value.
    let mut ranges: Memo<Result<f64, BlastError>> = Memo::new();
    let mut cube_roots: Memo<f64> = Memo::new();
    let mut k_numerators: Memo<f64> = Memo::new();
    inputs
        .iter()
        .map(|i| {
            let lr = match model {
                LethalRadiusModel::Brode => {
                    if !(i.yield_kt.is_finite() && i.yield_kt > 0.0) {
                        return Err(BlastError::Yield(i.yield_kt));
                    }
                    let r = ranges.get(i.hardness_psi, brode_scaled_range)?;
                    r * 1000.0 * cube_roots.get(i.yield_kt, f64::cbrt) * METRES_PER_FOOT
                }
                LethalRadiusModel::CubeRoot => lethal_radius_m(i.yield_kt, i.hardness_psi, model)?,
            };
            let s = sspk(lr, i.cep_m);
            let p = kill_probability(i.reliability, s);
            // pow(x, 1) is exactly x, so one warhead skips the power without changing a bit.
            let kill_probability_n =
                if i.warheads.to_bits() == 1.0f64.to_bits() { 1.0 - (1.0 - p) } else { multi_shot_kill(p, i.warheads) };
            // As `kill::lethality_k`: Y_Mt^(2/3) / CEP_nmi², the numerator memoised by yield.
            let cep_nmi = i.cep_m / METRES_PER_NMI;
            let numerator = k_numerators.get(i.yield_kt, |y| (y / 1000.0).powf(2.0 / 3.0));
            Ok(KillOutput {
                lethal_radius_m: lr,
                sspk: s,
                kill_probability: p,
                kill_probability_n,
                lethality_k: numerator / (cep_nmi * cep_nmi),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kill::lethality_k;

    fn scalar(i: &KillInput, model: LethalRadiusModel) -> Result<KillOutput, BlastError> {
        let lr = lethal_radius_m(i.yield_kt, i.hardness_psi, model)?;
        let s = sspk(lr, i.cep_m);
        let p = kill_probability(i.reliability, s);
        Ok(KillOutput {
            lethal_radius_m: lr,
            sspk: s,
            kill_probability: p,
            kill_probability_n: multi_shot_kill(p, i.warheads),
            lethality_k: lethality_k(i.yield_kt, i.cep_m),
        })
    }

    #[test]
    fn a_batch_equals_the_scalar_functions_bit_for_bit() {
        let mut inputs = Vec::new();
        for y in [5.0, 100.0, 455.0, 800.0] {
            for c in [90.0, 150.0, 400.0] {
                for h in [5.0, 300.0, 2000.0, 5000.0, 0.05, 300.0] {
                    for n in [1.0, 2.0, 0.0, 3.5] {
                        inputs.push(KillInput {
                            yield_kt: y,
                            cep_m: c,
                            hardness_psi: h,
                            reliability: 0.8,
                            warheads: n,
                        });
                    }
                }
            }
        }
        inputs.push(KillInput { yield_kt: -1.0, cep_m: 100.0, hardness_psi: 300.0, reliability: 1.0, warheads: 1.0 });
        for model in [LethalRadiusModel::Brode, LethalRadiusModel::CubeRoot] {
            let batch = evaluate(&inputs, model);
            for (i, b) in inputs.iter().zip(&batch) {
                let s = scalar(i, model);
                match (b, &s) {
                    (Ok(b), Ok(s)) => {
                        for (x, y) in [
                            (b.lethal_radius_m, s.lethal_radius_m),
                            (b.sspk, s.sspk),
                            (b.kill_probability_n, s.kill_probability_n),
                            (b.lethality_k, s.lethality_k),
                        ] {
                            assert_eq!(x.to_bits(), y.to_bits(), "{i:?}");
                        }
                    }
                    (Err(b), Err(s)) => assert_eq!(b, s),
                    other => panic!("{i:?}: {other:?}"),
                }
            }
        }
    }
}
