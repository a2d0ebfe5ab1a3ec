//! Process 3, prevention: capable rivals may strike a proliferator's programme preventively, or
//! (under the organisational lens) an arsenal too young to be survivable.
//!
//! Each year every active rivalry is considered in both directions. A target is in the window
//! when its programme pursues and is known (detected), or when it acquired its first weapons less
//! than `preventive_window_years` ago. A striker is capable when it holds weapons, or — against a
//! programme only — when its conventional power is at least `preventive_power_ratio` times the
//! target's (no state has struck an existing arsenal conventionally). A target that holds a
//! secure second strike against the striker is never struck. The yearly probability is
//! `1 − exp(−preventive_strike_rate × exposure)` ([`strike_probability`]), with the exposure
//! ([`Exposure::value`]) the product of the rivalry's intensity, the programme's progress, the
//! share of the target left uncovered by armed allies, the young-arsenal multiplier, the
//! retaliation not risked, and the cost of the war that may follow: `exp(−preventive_size_effect
//! × target size)`, the target's conventional power on the scenario's scale (Debs & Monteiro
//! 2014: prevention is credible when the cost of preventive war is low relative to the shift
//! it prevents — a great power's programme is too costly to prevent, a small state's is not).
//! The rate, the multiplier and the size effect are estimated from the record along its
//! recorded path (`history::strikes`, `deterrence data strikes`).

use crate::effects;
use crate::probability::chance;
use crate::record::EventKind;
use crate::world::World;
use model::NuclearStatus;
use rand::rngs::ChaCha8Rng;

/// What a (striker, target) pair puts at risk in a year: the factors of the engine's strike
/// probability other than the rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exposure {
    /// Rivalry intensity.
    pub intensity: f64,
    /// The programme's progress as a share of the median time to a weapon (1 for an arsenal).
    pub progress: f64,
    /// The share of the target not covered by commitments from armed allies of its own.
    pub cover: f64,
    /// The target's second-strike adequacy against the striker, in [0, 1).
    pub retaliation: f64,
    /// Whether the target is a young arsenal rather than a programme.
    pub young_arsenal: bool,
    /// The target's conventional power (the scenario's scale: the leading power is 1).
    pub target_size: f64,
}

impl Exposure {
    /// The exposure under `p`: intensity × progress × cover × (1 − retaliation) ×
    /// (`window_strike_multiplier` for a young arsenal, else 1) × exp(−`preventive_size_effect`
    /// × target size).
    pub fn value(&self, p: &crate::params::Params) -> f64 {
        let window = if self.young_arsenal { p.window_strike_multiplier } else { 1.0 };
        self.intensity
            * self.progress
            * self.cover
            * (1.0 - self.retaliation)
            * window
            * (-p.preventive_size_effect * self.target_size).exp()
    }
}

/// The yearly probability that `striker` strikes a target with `exposure`:
/// `1 − exp(−preventive_strike_rate × exposure.value())`.
pub fn strike_probability(p: &crate::params::Params, exposure: &Exposure) -> f64 {
    1.0 - (-p.preventive_strike_rate * exposure.value(p)).exp()
}

/// The exposure of `target` to a strike by `striker` on dyad `k` this year, or `None` when the
/// pair is outside the rule: the rivalry is dormant, the target is neither a known programme
/// (`programme`: its progress share, when it pursues and is known) nor a young arsenal, the
/// striker is not capable, or the target holds a secure second strike against it. Whether a
/// programme is known is the caller's: the engine's detection ([`step`]), or the record
/// (`history::strikes`).
pub fn exposure(w: &World, k: usize, striker: usize, target: usize, programme: Option<f64>) -> Option<Exposure> {
    let p = &w.params;
    let d = &w.dyads[k];
    if !d.is_active() {
        return None;
    }
    let (t, s) = (&w.actors[target], &w.actors[striker]);
    let (young_arsenal, progress) = match programme {
        Some(progress) if !t.is_armed() => (false, progress),
        // Only a young arsenal is in the window; a mature one has other ways to retaliate.
        _ if t.status == NuclearStatus::Possessing
            && f64::from(w.year - t.status_since) < p.preventive_window_years =>
        {
            (true, 1.0)
        }
        _ => return None,
    };
    // A programme can be struck by an armed or conventionally stronger rival; an arsenal only by
    // an armed one (no state has struck an existing arsenal conventionally).
    let capable = s.is_armed() || (!t.is_armed() && s.conventional >= p.preventive_power_ratio * t.conventional);
    if !capable {
        return None;
    }
    let retaliation = w.adequacy(target, striker);
    if retaliation >= 1.0 {
        return None;
    }
    Some(Exposure {
        intensity: d.intensity,
        progress,
        cover: 1.0 - w.protection(target, striker),
        retaliation,
        young_arsenal,
        target_size: t.conventional,
    })
}

/// Rivals consider striking known programmes and arsenals that are not yet survivable, each
/// active rivalry in index order, both directions ([`exposure`], [`strike_probability`]).
pub fn step(w: &mut World, rng: &mut ChaCha8Rng) {
    for k in 0..w.dyads.len() {
        let (a, b) = (w.dyads[k].a, w.dyads[k].b);
        for (target, striker) in [(a, b), (b, a)] {
            let t = &w.actors[target];
            // The progress share as `proliferation::progress_share` has it (this module is called by
            // the proliferation process and imports none).
            let share = (t.pursuit_progress / w.params.pursuit_median_years.max(1e-9)).min(1.0);
            let programme = (t.status == NuclearStatus::Pursuing && t.detected).then_some(share);
            let Some(x) = exposure(w, k, striker, target, programme) else { continue };
            if !chance(rng, strike_probability(&w.params, &x)) {
                continue;
            }
            strike(w, striker, target, rng);
        }
    }
}

fn strike(w: &mut World, striker: usize, target: usize, rng: &mut ChaCha8Rng) {
    let p = w.params.clone();
    w.tally.preventive_strikes += 1;
    let retaliation = w.adequacy(target, striker);
    if w.actors[target].is_armed() {
        // The young arsenal is destroyed; what is left of the programme must rebuild.
        w.actors[target].state.forces.clear();
        let a = &mut w.actors[target];
        a.status = NuclearStatus::Pursuing;
        a.state.nuclear_status = NuclearStatus::Pursuing;
        a.status_since = w.year;
        a.pursuit_years = 0.0;
        if chance(rng, retaliation) {
            w.tally.nuclear_use += 1;
            w.tally.deliberate_use += 1;
            w.signals.nuclear_uses += 1;
            w.record(EventKind::NuclearUse, Some(target), Some(striker));
        }
    } else {
        let a = &mut w.actors[target];
        a.pursuit_progress = (a.pursuit_progress - p.preventive_setback_years).max(0.0);
    }
    w.actors[target].value = (w.actors[target].value + p.learn_invasion).min(1.0);
    w.record(EventKind::PreventiveStrike { target_adequacy: retaliation }, Some(striker), Some(target));
    if chance(rng, p.preventive_war_probability) {
        w.tally.wars += 1;
        w.record(EventKind::War, Some(striker), Some(target));
        if !w.actors[target].is_armed() {
            effects::invasion(w, striker, target);
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::params::Params;

    fn programme() -> Exposure {
        Exposure { intensity: 0.5, progress: 0.4, cover: 0.5, retaliation: 0.0, young_arsenal: false, target_size: 0.0 }
    }

    #[test]
    fn the_strike_probability_is_one_minus_exp_of_rate_times_exposure() {
        let p = Params { preventive_strike_rate: 0.2, preventive_size_effect: 0.0, ..Params::default() };
        // 0.2 × 0.5 × 0.4 × 0.5 = 0.02: 1 − e^(−0.02) = 0.019801326693244747.
        assert!((strike_probability(&p, &programme()) - 0.019_801_326_693_244_747).abs() < 1e-15);
        // Half the retaliation risked, half the exposure: 1 − e^(−0.01).
        let deterred = Exposure { retaliation: 0.5, ..programme() };
        assert!((strike_probability(&p, &deterred) - (1.0 - (-0.01f64).exp())).abs() < 1e-15);
    }

    #[test]
    fn a_larger_target_is_struck_less_by_exp_of_the_size_effect() {
        let p = Params { preventive_strike_rate: 0.2, preventive_size_effect: 10.0, ..Params::default() };
        let big = Exposure { target_size: 0.3, ..programme() };
        // exp(−10 × 0.3) = 0.049787068367863944 of the exposure 0.5 × 0.4 × 0.5 = 0.1.
        assert!((big.value(&p) - 0.1 * 0.049_787_068_367_863_944).abs() < 1e-15);
        assert!(strike_probability(&p, &big) < strike_probability(&p, &programme()));
        // Removing the effect restores the full exposure.
        let off = Params { preventive_size_effect: 0.0, ..p };
        assert!((big.value(&off) - 0.1).abs() < 1e-15);
    }

    #[test]
    fn a_young_arsenal_takes_the_window_multiplier() {
        let young = Exposure { young_arsenal: true, progress: 1.0, ..programme() };
        let p = Params { window_strike_multiplier: 0.0, ..Params::default() };
        assert_eq!(strike_probability(&p, &young), 0.0);
        let p = Params { window_strike_multiplier: 2.0, preventive_size_effect: 0.0, ..p };
        // 2 × 0.5 × 1 × 0.5 = 0.5 of the rate.
        assert!((young.value(&p) - 0.5).abs() < 1e-15);
    }
}
