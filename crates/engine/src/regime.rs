//! Process 1, regime dynamics: the global non-proliferation regime's levers and how they move.
//!
//! The levers are those of MODEL.md §2. "Selective non-compliance", "norm erosion" and
//! "inequitable application" are presets of them ([`preset`]), not magic constants. Each year
//! norm strength rises with enforcement that works and falls with unpunished violations, new
//! nuclear-armed states, nuclear-weapon-state arsenal growth and nuclear use; inequity rises
//! with arsenal growth and exceptions for shielded violators; both drift back toward the
//! regime's baseline.

use crate::params::Params;
use model::{RegimeLever, RegimeLevers, RegimePreset};
use serde::Serialize;

/// The regime's levers, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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

    /// Adds `delta` to a lever, clamped to [0, 1].
    pub fn shock(&mut self, lever: RegimeLever, delta: f64) {
        let slot = match lever {
            RegimeLever::NormStrength => &mut self.norm_strength,
            RegimeLever::Verification => &mut self.verification,
            RegimeLever::Enforcement => &mut self.enforcement,
            RegimeLever::Selectivity => &mut self.selectivity,
            RegimeLever::Inequity => &mut self.inequity,
            RegimeLever::AssuranceCredibility => &mut self.assurance_credibility,
        };
        *slot = (*slot + delta).clamp(0.0, 1.0);
    }
}

/// What happened last year that moves the regime.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RegimeSignals {
    /// Detected programmes against which enforcement was applied.
    pub enforcements: u32,
    /// Detected violations left unpunished.
    pub unpunished: u32,
    /// Of those, violators shielded by a great power (exceptions).
    pub exceptions: u32,
    /// New nuclear-armed states.
    pub acquisitions: u32,
    /// Relative growth of nuclear-weapon-state (NPT) warheads, e.g. 0.02 for +2 %.
    pub nws_arsenal_growth: f64,
    /// Invasions of states without weapons.
    pub invasions_of_non_nuclear: u32,
    /// Nuclear uses.
    pub nuclear_uses: u32,
}

/// One year of regime dynamics: `regime` moves under `signals`, pulled toward `baseline`.
pub fn step(regime: &mut Regime, baseline: &Regime, signals: &RegimeSignals, p: &Params) {
    let growth = signals.nws_arsenal_growth.max(0.0);
    let norm = regime.norm_strength + p.norm_gain_per_enforcement * f64::from(signals.enforcements)
        - p.norm_loss_per_unpunished * f64::from(signals.unpunished)
        - p.norm_loss_per_acquisition * f64::from(signals.acquisitions)
        - p.norm_loss_per_arsenal_growth * growth
        - p.norm_loss_per_nuclear_use * f64::from(signals.nuclear_uses)
        + p.regime_mean_reversion * (baseline.norm_strength - regime.norm_strength);
    regime.norm_strength = norm.clamp(0.0, 1.0);
    let inequity = regime.inequity
        + p.inequity_gain_per_arsenal_growth * growth
        + p.inequity_gain_per_exception * f64::from(signals.exceptions)
        + p.regime_mean_reversion * (baseline.inequity - regime.inequity);
    regime.inequity = inequity.clamp(0.0, 1.0);
    let assurance = regime.assurance_credibility
        - p.assurance_loss_per_invasion * f64::from(signals.invasions_of_non_nuclear)
        + p.regime_mean_reversion * (baseline.assurance_credibility - regime.assurance_credibility);
    regime.assurance_credibility = assurance.clamp(0.0, 1.0);
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
    fn unpunished_violations_erode_and_enforcement_restores_the_norm() {
        let p = Params::default();
        let base = preset(RegimePreset::Eroded);
        let mut r = base;
        step(&mut r, &base, &RegimeSignals { unpunished: 2, ..Default::default() }, &p);
        assert!(r.norm_strength < base.norm_strength);
        // Hand: 0.6 − 2 × 0.03 = 0.54 (no reversion at the baseline).
        assert!((r.norm_strength - 0.54).abs() < 1e-12);
        let mut r2 = base;
        step(&mut r2, &base, &RegimeSignals { enforcements: 2, ..Default::default() }, &p);
        assert!(r2.norm_strength > base.norm_strength);
    }

    #[test]
    fn arsenal_growth_raises_inequity_and_lowers_the_norm() {
        let p = Params::default();
        let base = preset(RegimePreset::Eroded);
        let mut r = base;
        step(&mut r, &base, &RegimeSignals { nws_arsenal_growth: 0.1, ..Default::default() }, &p);
        assert!(r.inequity > base.inequity);
        assert!(r.norm_strength < base.norm_strength);
    }

    #[test]
    fn levers_stay_in_unit_interval() {
        let p = Params::default();
        let base = preset(RegimePreset::Failed);
        let mut r = base;
        for _ in 0..100 {
            step(
                &mut r,
                &base,
                &RegimeSignals {
                    unpunished: 10,
                    acquisitions: 3,
                    nuclear_uses: 1,
                    nws_arsenal_growth: 1.0,
                    invasions_of_non_nuclear: 3,
                    exceptions: 5,
                    ..Default::default()
                },
                &p,
            );
        }
        for v in [r.norm_strength, r.inequity, r.assurance_credibility] {
            assert!((0.0..=1.0).contains(&v));
        }
        r.shock(RegimeLever::Verification, 5.0);
        assert_eq!(r.verification, 1.0);
    }
}
