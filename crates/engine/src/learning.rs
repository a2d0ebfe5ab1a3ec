//! Process 8, learning: states update their perceived value of nuclear weapons from what they
//! see happen to others, and beliefs decay slowly back toward their initial level.
//!
//! - A state without weapons attacked by an armed or great power raises threatened states'
//!   value of weapons (in proportion to their own threat), and its own.
//! - An armed state that comes through a crisis unattacked raises it a little.
//! - Enforcement that makes a programme reverse lowers it everywhere.
//! - An acquisition raises it for the acquirer's rivals and regional neighbours (cascades),
//!   more when the acquisition went unpunished.

use crate::world::World;

fn raise(value: &mut f64, by: f64) {
    *value = (*value + by.clamp(0.0, 1.0) * (1.0 - *value)).clamp(0.0, 1.0);
}

/// `attacker` went to war against `victim`, a state without weapons.
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

/// `i` acquired weapons; `unpunished` when no enforcement had been applied to it.
pub fn acquisition(w: &mut World, i: usize, unpunished: bool) {
    let rate = w.params.learn_cascade + if unpunished { w.params.learn_unpunished } else { 0.0 };
    let region = w.actors[i].state.region.clone();
    let rivals: Vec<usize> = w
        .dyads
        .iter()
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

/// Yearly decay of beliefs toward their initial level.
pub fn step(w: &mut World) {
    let decay = w.params.learn_decay;
    for a in &mut w.actors {
        a.value = (a.value + decay * (a.value_baseline - a.value)).clamp(0.0, 1.0);
    }
}
