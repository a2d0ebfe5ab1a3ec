//! Process 1, regime dynamics: how the non-proliferation regime's levers ([`crate::levers`])
//! move each year.
//!
//! Norm strength rises with enforcement that works and falls with unpunished violations, new
//! nuclear-armed states, nuclear-weapon-state arsenal growth and nuclear use; inequity rises
//! with arsenal growth and exceptions for shielded violators; assurance credibility falls with
//! invasions of states without weapons; all three drift back toward the regime's baseline. The
//! signals are what the other processes gathered during the previous year
//! ([`RegimeSignals`]).

use crate::levers::Regime;
use crate::params::Params;
use crate::record::RegimeSignals;
use crate::world::World;

/// Runs the process: the levers move under the signals gathered since the last step, which are
/// used up.
pub fn step(w: &mut World) {
    let signals = std::mem::take(&mut w.signals);
    update_levers(&mut w.regime, &w.baseline, &signals, &w.params);
}

/// One year of regime dynamics: `regime` moves under `signals`, pulled toward `baseline`.
pub fn update_levers(regime: &mut Regime, baseline: &Regime, signals: &RegimeSignals, p: &Params) {
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
    use crate::levers::preset;
    use model::RegimePreset;

    #[test]
    fn unpunished_violations_erode_and_enforcement_restores_the_norm() {
        let p = Params::default();
        let base = preset(RegimePreset::Eroded);
        let mut r = base;
        update_levers(&mut r, &base, &RegimeSignals { unpunished: 2, ..Default::default() }, &p);
        assert!(r.norm_strength < base.norm_strength);
        // Hand: 0.6 − 2 × 0.03 = 0.54 (no reversion at the baseline).
        assert!((r.norm_strength - 0.54).abs() < 1e-12);
        let mut r2 = base;
        update_levers(&mut r2, &base, &RegimeSignals { enforcements: 2, ..Default::default() }, &p);
        assert!(r2.norm_strength > base.norm_strength);
    }

    #[test]
    fn arsenal_growth_raises_inequity_and_lowers_the_norm() {
        let p = Params::default();
        let base = preset(RegimePreset::Eroded);
        let mut r = base;
        update_levers(&mut r, &base, &RegimeSignals { nws_arsenal_growth: 0.1, ..Default::default() }, &p);
        assert!(r.inequity > base.inequity);
        assert!(r.norm_strength < base.norm_strength);
    }

    #[test]
    fn levers_stay_in_unit_interval() {
        let p = Params::default();
        let base = preset(RegimePreset::Failed);
        let mut r = base;
        for _ in 0..100 {
            update_levers(
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
    }
}
