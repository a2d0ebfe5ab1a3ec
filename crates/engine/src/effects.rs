//! What happens to states when something happens to one of them — effects that several
//! processes set off, kept here so that the processes call this floor rather than each other:
//!
//! - a state acquires weapons ([`acquire`]: proliferation, or a scheduled status change) or gives
//!   them up ([`disarm`]: a scheduled event);
//! - the lessons others draw (docs/model.md §3), applied when the event happens:
//!   - a state without weapons attacked by an armed or great power ([`invasion`]: crises,
//!     preventive strikes that become wars, scheduled invasions) raises threatened states'
//!     value of weapons (in proportion to their own threat), and its own;
//!   - an armed state that comes through a crisis unattacked ([`nuclear_immunity`]) raises it a
//!     little;
//!   - enforcement that makes a programme reverse ([`enforcement_worked`]) lowers it everywhere;
//!   - an acquisition ([`cascade`]) raises it for the acquirer's rivals and regional neighbours,
//!     more when the acquisition went unpunished.
//!
//! The yearly decay of beliefs is process 8, [`crate::learning`].

use crate::record::EventKind;
use crate::world::World;
use model::{DeliveryClass, Estimate, ForceElement, NuclearStatus};

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
    w.record(EventKind::Acquire { warheads: p.initial_warheads }, Some(i), None);
}

/// `i` gives up its weapons: forces removed, status `disarmed`.
pub fn disarm(w: &mut World, i: usize) {
    let a = &mut w.actors[i];
    a.state.forces.clear();
    a.status = NuclearStatus::Disarmed;
    a.status_since = w.year;
    a.state.nuclear_status = NuclearStatus::Disarmed;
    w.record(EventKind::Disarm, Some(i), None);
}

/// Raises a belief `value` by the share `by` of the way to 1.
fn raise(value: &mut f64, by: f64) {
    *value = (*value + by.clamp(0.0, 1.0) * (1.0 - *value)).clamp(0.0, 1.0);
}

/// `attacker` went to war against `victim`, a state without weapons: counted, signalled to the
/// regime, and learned from.
pub fn invasion(w: &mut World, attacker: usize, victim: usize) {
    w.signals.invasions_of_non_nuclear += 1;
    w.tally.invasions_of_non_nuclear += 1;
    let rate = w.params.learn_invasion;
    for (i, a) in w.actors.iter_mut().enumerate() {
        if i == attacker || a.is_armed() {
            continue;
        }
        let weight = if i == victim { 1.0 } else { a.threat };
        raise(&mut a.value, rate * weight);
    }
}

/// Armed state `i` came through a crisis without being attacked.
pub fn nuclear_immunity(w: &mut World, i: usize) {
    let rate = w.params.learn_nuclear_immunity;
    for (k, a) in w.actors.iter_mut().enumerate() {
        if k != i && !a.is_armed() {
            let t = a.threat;
            raise(&mut a.value, rate * t);
        }
    }
}

/// Enforcement made a programme reverse.
pub fn enforcement_worked(w: &mut World) {
    let rate = w.params.learn_enforcement;
    for a in w.actors.iter_mut().filter(|a| !a.is_armed()) {
        a.value = (a.value * (1.0 - rate)).max(0.0);
    }
}

/// `i` acquired weapons and its rivals and regional neighbours learn from it (a cascade);
/// `unpunished` when no enforcement had been applied to it.
pub fn cascade(w: &mut World, i: usize, unpunished: bool) {
    let rate = w.params.learn_cascade + if unpunished { w.params.learn_unpunished } else { 0.0 };
    let region = w.actors[i].state.region.clone();
    // Rivals in an active rivalry learn; a rivalry not yet begun or ended teaches nothing.
    let rivals: Vec<usize> = w
        .dyads
        .iter()
        .filter(|d| d.is_active())
        .filter_map(|d| {
            if d.a == i {
                Some(d.b)
            } else if d.b == i {
                Some(d.a)
            } else {
                None
            }
        })
        .collect();
    for (k, a) in w.actors.iter_mut().enumerate() {
        if k == i || a.is_armed() {
            continue;
        }
        let neighbour = region.is_some() && a.state.region == region;
        if rivals.contains(&k) || neighbour {
            raise(&mut a.value, rate);
        }
    }
}

/// `s` gives `r` sensitive nuclear assistance closing the share `gain` of its latency gap
/// ([`assist`]): `r` counts as assisted from now on, and the assistance is recorded. Used by
/// scheduled `assistance` events and by the suppliers of [`crate::supply`].
pub fn give_assistance(w: &mut World, s: usize, r: usize, gain: f64) {
    let from = w.actors[r].latency;
    let latency = assist(from, gain);
    w.actors[r].latency = latency;
    w.actors[r].assisted = true;
    w.record(EventKind::Assistance { from, latency }, Some(s), Some(r));
}

/// A recipient's latency after sensitive nuclear assistance closing the share `gain` of its gap
/// to full latency: `latency + gain × (1 − latency)`. Latency speeds a pursuit
/// ([`crate::params::pursuit_speed`]), and the recipient is marked as assisted (the
/// estimated effect of assistance beyond its latency), so the assistance speeds a programme
/// at whatever stage it is in, and readies a state with none. It draws no random number.
pub fn assist(latency: f64, gain: f64) -> f64 {
    (latency + gain.clamp(0.0, 1.0) * (1.0 - latency)).clamp(0.0, 1.0)
}
