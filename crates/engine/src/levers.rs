//! The non-proliferation regime as state: its levers (docs/model.md §2), each in [0, 1], and the
//! presets. "Selective non-compliance", "norm erosion" and "inequitable application" are presets
//! of the levers ([`preset`]), not magic constants. How the levers move each year is process 1,
//! [`crate::regime`].

use model::{RegimeLever, RegimeLevers, RegimePreset};
use serde::{Deserialize, Serialize};

/// The regime's levers, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    /// Strength of the non-proliferation norm.
    pub norm_strength: f64,
    /// Yearly probability that a covert programme is detected.
    pub verification: f64,
    /// Probability that a detected violator bears costly enforcement.
    pub enforcement: f64,
    /// How much enforcement spares violators shielded by a great power (0 impartial, 1 never).
    pub selectivity: f64,
    /// Perceived unfairness of the regime.
    pub inequity: f64,
    /// Credibility of security assurances to states without weapons.
    pub assurance_credibility: f64,
}

/// A preset's levers (documented in docs/model.md).
pub fn preset(p: RegimePreset) -> Regime {
    match p {
        // The regime its advocates describe: near-universal safeguards with access, impartial
        // sanctions, disarmament progress.
        RegimePreset::Strong => Regime {
            norm_strength: 0.85,
            verification: 0.8,
            enforcement: 0.7,
            selectivity: 0.1,
            inequity: 0.3,
            assurance_credibility: 0.75,
        },
        // Close to the argued 2025 values of world-2025 (docs/data.md): selective
        // non-compliance, eroding norm, inequitable application.
        RegimePreset::Eroded => Regime {
            norm_strength: 0.6,
            verification: 0.6,
            enforcement: 0.35,
            selectivity: 0.65,
            inequity: 0.65,
            assurance_credibility: 0.5,
        },
        // A regime that no longer constrains.
        RegimePreset::Failed => Regime {
            norm_strength: 0.2,
            verification: 0.25,
            enforcement: 0.1,
            selectivity: 0.9,
            inequity: 0.9,
            assurance_credibility: 0.2,
        },
    }
}

impl Regime {
    /// The levers given in a scenario (best values).
    pub fn from_levers(l: &RegimeLevers) -> Regime {
        Regime {
            norm_strength: l.norm_strength.best,
            verification: l.verification.best,
            enforcement: l.enforcement.best,
            selectivity: l.selectivity.best,
            inequity: l.inequity.best,
            assurance_credibility: l.assurance_credibility.best,
        }
    }

    /// A lever's value.
    pub fn lever(&self, lever: RegimeLever) -> f64 {
        match lever {
            RegimeLever::NormStrength => self.norm_strength,
            RegimeLever::Verification => self.verification,
            RegimeLever::Enforcement => self.enforcement,
            RegimeLever::Selectivity => self.selectivity,
            RegimeLever::Inequity => self.inequity,
            RegimeLever::AssuranceCredibility => self.assurance_credibility,
        }
    }

    fn slot(&mut self, lever: RegimeLever) -> &mut f64 {
        match lever {
            RegimeLever::NormStrength => &mut self.norm_strength,
            RegimeLever::Verification => &mut self.verification,
            RegimeLever::Enforcement => &mut self.enforcement,
            RegimeLever::Selectivity => &mut self.selectivity,
            RegimeLever::Inequity => &mut self.inequity,
            RegimeLever::AssuranceCredibility => &mut self.assurance_credibility,
        }
    }

    /// Adds `delta` to a lever, clamped to [0, 1].
    pub fn shock(&mut self, lever: RegimeLever, delta: f64) {
        let slot = self.slot(lever);
        *slot = (*slot + delta).clamp(0.0, 1.0);
    }

    /// Sets a lever to `value`, clamped to [0, 1] (exactly `value` when it lies inside).
    pub fn set(&mut self, lever: RegimeLever, value: f64) {
        *self.slot(lever) = value.clamp(0.0, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_ordered_strong_eroded_failed() {
        let (s, e, f) = (preset(RegimePreset::Strong), preset(RegimePreset::Eroded), preset(RegimePreset::Failed));
        for (a, b) in [(s, e), (e, f)] {
            assert!(a.norm_strength > b.norm_strength);
            assert!(a.verification > b.verification);
            assert!(a.enforcement > b.enforcement);
            assert!(a.selectivity < b.selectivity);
            assert!(a.inequity < b.inequity);
        }
    }

    #[test]
    fn set_is_exact() {
        let mut r = preset(RegimePreset::Strong);
        r.set(RegimeLever::Enforcement, 0.05);
        assert_eq!(r.enforcement, 0.05);
        assert_eq!(r.lever(RegimeLever::Enforcement), 0.05);
    }

    #[test]
    fn shocks_stay_in_the_unit_interval() {
        let mut r = preset(RegimePreset::Failed);
        r.shock(RegimeLever::Verification, 5.0);
        assert_eq!(r.verification, 1.0);
        r.shock(RegimeLever::Inequity, -5.0);
        assert_eq!(r.inequity, 0.0);
    }
}
