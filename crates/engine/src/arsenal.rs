//! Process 4, vertical proliferation and posture: armed states move their forces toward what
//! deterrence requires against each armed rival — second-strike adequacy of at least
//! `adequacy_target` after the rival's best first strike (docs/model.md, Part II) — react to rivals'
//! growth (Richardson action–reaction), shift toward survivable basing while adequacy is short,
//! retire excess slowly (fatigue), and respect treaty caps while in force, within a yearly
//! production limit. A new arsenal is made by [`crate::effects::acquire`].

use crate::targeting;
use crate::world::World;
use model::{DeliveryClass, Estimate, ForceElement, NptStatus};

/// Runs the process for every armed state, in index order.
pub fn step(w: &mut World) {
    let p = w.params.clone();
    let mut nws_before = 0.0;
    let mut nws_after = 0.0;
    for i in 0..w.actors.len() {
        if !w.actors[i].is_armed() {
            continue;
        }
        let current = w.actors[i].warheads();
        // Adequacy against each armed rival, and rivals' growth last year.
        let mut worst: f64 = f64::INFINITY;
        let mut rival_growth: f64 = 0.0;
        let mut requirement: f64 = 0.0;
        for d in &w.dyads {
            let j = if d.a == i {
                d.b
            } else if d.b == i {
                d.a
            } else {
                continue;
            };
            if !w.actors[j].is_armed() {
                continue;
            }
            worst = worst.min(w.adequacy(i, j));
            requirement = requirement.max(targeting::requirement(&p, &w.actors[i].state, &w.actors[j].state));
            rival_growth = rival_growth.max(w.actors[j].warheads() - w.actors[j].warheads_last_year);
        }
        let mut change = 0.0;
        let short = worst.is_finite() && worst < p.adequacy_target;
        if short {
            // Warheads needed if adequacy scaled with the force (a first-order estimate).
            let needed = if worst > 0.0 { current * (p.adequacy_target / worst - 1.0) } else { f64::INFINITY };
            change += needed;
            improve_survivability(w, i, p.survivability_step);
        } else if worst.is_finite() && worst > 2.0 * p.adequacy_target {
            let required = current * p.adequacy_target / worst;
            change -= p.fatigue_coefficient * (current - required);
        }
        change += p.reaction_coefficient * rival_growth.max(0.0);
        // Targeting doctrine: build toward the requirement, and retire nothing below it.
        if requirement > current || change < 0.0 {
            change = change.max(requirement - current);
        }
        let a = &w.actors[i];
        change = change.min(a.production);
        let target = (current + change).max(0.0);
        let cap = a.treaty_cap;
        set_total(w, i, target);
        if let Some(cap) = cap {
            apply_cap(w, i, cap);
        }
        let after = w.actors[i].warheads();
        if w.actors[i].state.npt == NptStatus::NuclearWeaponState {
            nws_before += current;
            nws_after += after;
        }
        w.actors[i].warheads_last_year = current;
        let a = &mut w.actors[i];
        a.c2 += p.c2_improvement * (0.95 - a.c2).max(0.0);
    }
    w.signals.nws_arsenal_growth = if nws_before > 0.0 { nws_after / nws_before - 1.0 } else { 0.0 };
}

/// Raises the survivable fractions of `i`'s most survivable non-silo element by `step`.
fn improve_survivability(w: &mut World, i: usize, step: f64) {
    let forces = &mut w.actors[i].state.forces;
    let best = forces
        .iter()
        .enumerate()
        .filter(|(_, f)| f.class != DeliveryClass::SiloIcbm && f.launchers.best > 0.0)
        .max_by(|(ia, a), (ib, b)| {
            a.generated_survivable_fraction.best.total_cmp(&b.generated_survivable_fraction.best).then(ib.cmp(ia))
        })
        .map(|(k, _)| k);
    if let Some(k) = best {
        let f = &mut forces[k];
        let g = (f.generated_survivable_fraction.best + step).min(0.95);
        let d = (f.day_to_day_survivable_fraction.best + step / 2.0).min(g);
        f.generated_survivable_fraction = Estimate::exact(g);
        f.day_to_day_survivable_fraction = Estimate::exact(d);
    }
}

/// Treaty counting (New START style): warheads on ballistic missiles plus one per bomber.
pub fn treaty_count(forces: &[ForceElement]) -> f64 {
    forces
        .iter()
        .map(|f| match f.class {
            DeliveryClass::SiloIcbm | DeliveryClass::MobileIcbm | DeliveryClass::Ssbn => {
                f.launchers.best * f.warheads_per_launcher.best
            }
            DeliveryClass::Bomber => f.launchers.best,
            DeliveryClass::Nonstrategic => 0.0,
        })
        .sum()
}

/// Scales `i`'s strategic elements down so that their treaty count is at most `cap`.
fn apply_cap(w: &mut World, i: usize, cap: f64) {
    let forces = &mut w.actors[i].state.forces;
    let counted = treaty_count(forces);
    if counted <= cap || counted <= 0.0 {
        return;
    }
    let scale = cap / counted;
    for f in forces.iter_mut().filter(|f| f.class != DeliveryClass::Nonstrategic) {
        f.launchers = Estimate::exact(f.launchers.best * scale);
    }
}

/// Sets `i`'s warheads on launchers to `target`: growth goes to the most survivable element,
/// reductions are spread in proportion.
pub fn set_total(w: &mut World, i: usize, target: f64) {
    let forces = &mut w.actors[i].state.forces;
    let current: f64 = forces.iter().map(|f| f.launchers.best * f.warheads_per_launcher.best).sum();
    if forces.is_empty() || (target - current).abs() < 1e-9 {
        return;
    }
    if target > current {
        let k = forces
            .iter()
            .enumerate()
            .filter(|(_, f)| f.warheads_per_launcher.best > 0.0)
            .max_by(|(ia, a), (ib, b)| {
                a.generated_survivable_fraction.best.total_cmp(&b.generated_survivable_fraction.best).then(ib.cmp(ia))
            })
            .map(|(k, _)| k);
        if let Some(k) = k {
            let f = &mut forces[k];
            let add = (target - current) / f.warheads_per_launcher.best;
            f.launchers = Estimate::exact(f.launchers.best + add);
        }
    } else if current > 0.0 {
        let scale = target / current;
        for f in forces.iter_mut() {
            f.launchers = Estimate::exact(f.launchers.best * scale);
        }
    }
}
