//! Process 4, vertical proliferation and posture: armed states move their forces toward what
//! deterrence requires against each armed rival — second-strike adequacy of at least
//! `adequacy_target` after the rival's best first strike (EXCHANGE.md) — react to rivals'
//! growth (Richardson action–reaction), shift toward survivable basing while adequacy is short,
//! retire excess slowly (fatigue), and respect treaty caps while in force, within a yearly
//! production limit.

use crate::world::World;
use model::{DeliveryClass, Estimate, ForceElement, NptStatus, NuclearStatus};

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

/// `i` acquires weapons: a first-generation force that can reach its rivals, weak command and
/// control (under the organisational lens), modest survivability.
pub fn acquire(w: &mut World, i: usize) {
    let p = w.params.clone();
    let reach = w.dyads.iter().filter(|d| d.a == i || d.b == i).map(|d| d.distance_km).fold(1000.0f64, f64::max);
    let a = &mut w.actors[i];
    a.status = NuclearStatus::Possessing;
    a.state.nuclear_status = NuclearStatus::Possessing;
    a.status_since = w.year;
    a.c2 = p.new_arsenal_c2;
    a.production = a.production.max(p.new_state_production);
    a.detected = true;
    a.state.forces = vec![ForceElement {
        class: DeliveryClass::MobileIcbm,
        system: "first-generation force (engine)".into(),
        launchers: Estimate::exact(p.initial_warheads),
        warheads_per_launcher: Estimate::exact(1.0),
        launchers_per_aim_point: Estimate::exact(2.0),
        yield_kt: Estimate::exact(20.0),
        cep_m: Estimate::exact(1500.0),
        reliability: Estimate::exact(0.7),
        range_km: Estimate::exact(reach),
        hardness_psi: Estimate::exact(5.0),
        day_to_day_survivable_fraction: Estimate::exact(p.new_arsenal_survivability / 2.0),
        generated_survivable_fraction: Estimate::exact(p.new_arsenal_survivability),
        sources: vec![],
        note: Some("created by the engine on acquisition".into()),
    }];
    a.warheads_last_year = p.initial_warheads;
    w.tally.acquisitions += 1;
    w.signals.acquisitions += 1;
    w.record("acquire", Some(i), None, format!("{} warheads", p.initial_warheads));
}
