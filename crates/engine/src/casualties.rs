//! Casualties: deaths from nuclear use and battle deaths of wars (docs/model.md "Casualties").
//!
//! A deliberately simple accounting model, not a weapons-effects calculation:
//!
//! - **Nuclear deaths** = warheads arriving × deaths per warhead of the target class
//!   (countervalue: cities; counterforce: forces, mostly away from cities, mostly fallout
//!   deaths) × the warheads' equivalent megatons, (Y / 1 Mt)^(2/3): the areas of blast and
//!   thermal damage grow as the two-thirds power of yield (Glasstone & Dolan 1977, ch. 3 and
//!   5). The per-warhead figures come from the cases of U.S. Congress OTA, *The Effects of
//!   Nuclear War* (1979). States carry no population, so deaths are **not capped** by the
//!   victim's population, and overlapping attacks on one city are not discounted: a large
//!   exchange's deaths can exceed what a state could lose. Long-term and indirect deaths
//!   (famine after soot in the stratosphere, medical collapse) are not counted.
//! - **Battle deaths** of a war = a figure for a limited war (conventional level 3) and one for
//!   a major war (level 4), never below the Correlates of War threshold of 1,000 battle deaths
//!   (Sarkees & Wayman 2010).

use crate::ladder::{MAJOR_WAR_RUNG, WAR_RUNG};
use crate::params::Params;
use exchange::stability::LN_5;

/// Yield of the reference warhead of the per-warhead death figures: 1 Mt (OTA 1979's Detroit
/// and Leningrad cases), kilotons.
pub const REFERENCE_YIELD_KT: f64 = 1000.0;

/// Battle deaths that make an armed conflict a war (Correlates of War; Sarkees & Wayman 2010).
pub const COW_WAR_THRESHOLD: f64 = 1000.0;

/// What the arriving warheads are aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetClass {
    /// Cities and industry.
    Countervalue,
    /// Forces: silos, bases, command posts.
    Counterforce,
}

/// Equivalent megatons of one warhead of `yield_kt` kilotons: (Y / 1 Mt)^(2/3).
pub fn equivalent_mt(yield_kt: f64) -> f64 {
    if yield_kt > 0.0 { (yield_kt / REFERENCE_YIELD_KT).powf(2.0 / 3.0) } else { 0.0 }
}

/// Mean equivalent megatons per warhead of a state's forces (weighted by warheads); 0 without
/// forces.
pub fn mean_equivalent_mt(state: &model::State) -> f64 {
    let (mut warheads, mut emt) = (0.0, 0.0);
    for f in &state.forces {
        let n = f.launchers.best * f.warheads_per_launcher.best;
        warheads += n;
        emt += n * equivalent_mt(f.yield_kt.best);
    }
    if warheads > 0.0 { emt / warheads } else { 0.0 }
}

/// Deaths from `warheads` arriving on targets of `class`, each of `emt` equivalent megatons.
pub fn nuclear_deaths(p: &Params, warheads: f64, emt: f64, class: TargetClass) -> f64 {
    let per = match class {
        TargetClass::Countervalue => p.deaths_per_warhead_countervalue,
        TargetClass::Counterforce => p.deaths_per_warhead_counterforce,
    };
    warheads.max(0.0) * emt.max(0.0) * per
}

/// Warheads arriving on a side's value that destroy the share `damage` of it, the inverse of
/// [`exchange::stability::damage`]: −ln(1 − damage) × w80 / ln 5, at most `most` (the
/// warheads that could arrive at all). 0 when w80 is unknown.
pub fn arriving_for_damage(damage: f64, w80: f64, most: f64) -> f64 {
    if damage.is_nan() || damage <= 0.0 || !w80.is_finite() {
        return 0.0;
    }
    let d = damage.min(1.0 - 1e-12);
    (-(1.0 - d).ln() * w80 / LN_5).min(most.max(0.0))
}

/// Battle deaths of a war that reached conventional level `conventional` (0 below war): the
/// major-war figure at level 4 (never below the limited-war figure), the limited-war figure at
/// level 3, never below the COW threshold of 1,000.
pub fn battle_deaths(p: &Params, conventional: u8) -> f64 {
    let war = p.battle_deaths_war.max(COW_WAR_THRESHOLD);
    if conventional >= MAJOR_WAR_RUNG {
        p.battle_deaths_major_war.max(war)
    } else if conventional >= WAR_RUNG {
        war
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deaths_scale_with_yield_to_the_two_thirds_and_with_warheads() {
        let p = Params::default();
        let one_mt = nuclear_deaths(&p, 1.0, equivalent_mt(1000.0), TargetClass::Countervalue);
        assert!((one_mt - p.deaths_per_warhead_countervalue).abs() < 1e-6);
        let eight_mt = nuclear_deaths(&p, 1.0, equivalent_mt(8000.0), TargetClass::Countervalue);
        assert!((eight_mt / one_mt - 4.0).abs() < 1e-9, "8 Mt kills 8^(2/3) = 4 times 1 Mt");
        let small = nuclear_deaths(&p, 1.0, equivalent_mt(100.0), TargetClass::Countervalue);
        assert!(small < one_mt && small > 0.1 * one_mt, "100 kt: 0.215 of 1 Mt");
        let ten = nuclear_deaths(&p, 10.0, equivalent_mt(100.0), TargetClass::Countervalue);
        assert!((ten / small - 10.0).abs() < 1e-9);
        assert_eq!(nuclear_deaths(&p, 0.0, 1.0, TargetClass::Countervalue), 0.0);
        let cf = nuclear_deaths(&p, 1.0, 1.0, TargetClass::Counterforce);
        assert!(cf > 0.0 && cf < one_mt, "counterforce targets are less populated");
    }

    #[test]
    fn arriving_inverts_the_damage_curve() {
        let w80 = 50.0;
        let d = exchange::stability::damage(30.0, w80);
        assert!((arriving_for_damage(d, w80, 1e9) - 30.0).abs() < 1e-9);
        assert_eq!(arriving_for_damage(d, w80, 10.0), 10.0);
        assert_eq!(arriving_for_damage(0.0, w80, 100.0), 0.0);
        assert!(arriving_for_damage(1.0, w80, 100.0) <= 100.0);
    }

    #[test]
    fn battle_deaths_follow_the_cow_threshold() {
        let mut p = Params::default();
        assert_eq!(battle_deaths(&p, 2), 0.0);
        assert!(battle_deaths(&p, 3) >= COW_WAR_THRESHOLD);
        assert!(battle_deaths(&p, 4) > battle_deaths(&p, 3));
        p.battle_deaths_war = 10.0;
        assert_eq!(battle_deaths(&p, 3), COW_WAR_THRESHOLD);
    }
}
