//! Force requirements from targeting doctrine (part of process 4, [`crate::arsenal`]).
//!
//! A side's warhead requirement against a rival is its countervalue aim points (the rival's
//! unacceptable damage; for a counterforce doctrine at least McNamara's assured-destruction criterion, Enthoven & Smith, *How Much Is Enough?*, 1971) plus, for a
//! state whose doctrine targets forces, the rival's targetable launchers, each covered at the
//! damage expectancy `counterforce_damage_expectancy` with single-shot kill probability
//! `counterforce_sspk` (`exchange::kill::weapons_needed`). Because the counterforce part counts
//! the rival's launchers, each side's requirement grows with the other's forces (action–reaction:
//! Rathjens, "The Dynamics of the Arms Race", *Scientific American* 220(4), 1969). Minimal
//! deterrents count countervalue only (China: Lewis, *The Minimum Means of Reprisal*, 2007).

use crate::params::Params;
use crate::world::World;
use model::{DeliveryClass, State};

/// Whether `state`'s doctrine targets forces: its scenario entry says `targeting =
/// "counterforce"` (the built-in scenarios say so for the United States and the Soviet Union /
/// Russia); a state without the field is a minimal (countervalue) deterrent.
pub fn targets_forces(state: &State) -> bool {
    state.targeting == Some(model::Targeting::Counterforce)
}

/// The rival's counterforce aim points: every silo, and the launchers of other classes that are
/// not survivable day to day (bombers on their bases, boats in port, weapons in storage).
pub fn counterforce_targets(rival: &State) -> f64 {
    rival
        .forces
        .iter()
        .map(|f| match f.class {
            DeliveryClass::SiloIcbm => f.launchers.best,
            _ => f.launchers.best * (1.0 - f.day_to_day_survivable_fraction.best).clamp(0.0, 1.0),
        })
        .sum()
}

/// Warheads per counterforce target: `weapons_needed(sspk, damage expectancy)`.
pub fn warheads_per_target(p: &Params) -> f64 {
    exchange::kill::weapons_needed(p.counterforce_sspk, p.counterforce_damage_expectancy).map_or(0.0, |n| n as f64)
}

/// `own`'s warhead requirement against `rival`. Countervalue: the rival's unacceptable-damage
/// level (the scenario's `unacceptable_damage_warheads`), and for a counterforce doctrine at least
/// `countervalue_aim_points` (McNamara's assured-destruction criterion); counterforce: the
/// rival's targetable launchers × warheads per target.
pub fn requirement(p: &Params, own: &State, rival: &State) -> f64 {
    let damage = rival.unacceptable_damage_warheads.map_or(0.0, |e| e.best);
    if targets_forces(own) {
        damage.max(p.countervalue_aim_points) + warheads_per_target(p) * counterforce_targets(rival)
    } else {
        damage
    }
}

/// State `i`'s whole requirement: the sum of [`requirement`] over its armed rivals in an active
/// rivalry. Aim points in different states are different targets, so a war plan against
/// several adversaries adds their requirements: SIOP-62 covered the Soviet Union, China and the
/// Warsaw Pact satellites as one target system (Rosenberg, "The Origins of Overkill",
/// International Security 7(4), 1983), and Soviet planning covered the United States, NATO
/// Europe and, after the split, China (Podvig (ed.), Russian Strategic Nuclear Forces, 2001).
pub fn total_requirement(w: &World, i: usize) -> f64 {
    let own = &w.actors[i].state;
    w.dyads_of(i)
        .iter()
        .map(|&k| &w.dyads[k])
        .filter_map(|d| match (d.a == i, d.b == i) {
            (true, _) => Some((d, d.b)),
            (_, true) => Some((d, d.a)),
            _ => None,
        })
        .filter(|(d, j)| d.is_active() && w.actors[*j].is_armed())
        .map(|(_, j)| requirement(&w.params, own, &w.actors[j].state))
        .sum()
}
