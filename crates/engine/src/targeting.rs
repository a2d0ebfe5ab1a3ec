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
//!
//! A counterforce doctrine also holds theatre (non-strategic) weapons against the conventional
//! forces of its rivals and their allies ([`theatre_requirement`]): NATO's doctrines of massive
//! retaliation and flexible response (MC 14/2, 1957; MC 14/3, 1967) answered the Warsaw Pact's
//! conventional strength with thousands of battlefield weapons, and the Soviet Union built more
//! against NATO and China. The requirement is `theatre_warheads_per_power` × the rival
//! coalition's conventional power ([`rival_coalition_power`]), scaled by
//! `theatre_restraint_factor` from `theatre_restraint_year` (the Presidential Nuclear Initiatives
//! of 1991); both coefficients are estimated from data/nonstrategic.csv (`deterrence data
//! nonstrategic`).

use crate::params::Params;
use crate::world::World;
use model::{DeliveryClass, State};

/// Whether `state`'s doctrine targets forces: its scenario entry says `targeting =
/// "counterforce"` (the built-in scenarios say so for the United States and the Soviet Union /
/// Russia); a state without the field is a minimal (countervalue) deterrent.
pub fn targets_forces(state: &State) -> bool {
    state.targeting == Some(model::Targeting::Counterforce)
}

/// The rival's counterforce aim points: every silo, and the strategic launchers of other
/// classes that are not survivable day to day (bombers on their bases, boats in port). Theatre
/// (non-strategic) weapons are not counted: they are held at a few dozen storage sites and
/// dispersed in war, not one aim point per warhead.
pub fn counterforce_targets(rival: &State) -> f64 {
    rival
        .forces
        .iter()
        .map(|f| match f.class {
            DeliveryClass::SiloIcbm => f.launchers.best,
            DeliveryClass::Nonstrategic => 0.0,
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

/// The conventional power of state `i`'s rival coalition, counted while at least one of its
/// active rivals is armed (0 otherwise): each state in an active rivalry with `i` counts its
/// whole conventional power, and each ally of such a rival (a commitment in either
/// direction, other than with `i`) counts its conventional power times the commitment's
/// credibility; a state counted more than once counts at its largest weight. The same rule as
/// the estimate's (`history::nonstrategic::rival_coalition_power`), on the run's current
/// rivalries and credibilities.
pub fn rival_coalition_power(w: &World, i: usize) -> f64 {
    let mut rival = vec![false; w.actors.len()];
    let mut armed = false;
    for &k in w.dyads_of(i) {
        let d = &w.dyads[k];
        let j = if d.a == i { d.b } else { d.a };
        if d.is_active() && j != i {
            rival[j] = true;
            armed |= w.actors[j].is_armed();
        }
    }
    // Requirements are held against armed rivals ([`total_requirement`]): without one, no
    // coalition is counted.
    if !armed {
        return 0.0;
    }
    let mut weight: Vec<f64> = rival.iter().map(|&r| if r { 1.0 } else { 0.0 }).collect();
    for c in &w.commitments {
        for (of, ally) in [(c.guarantor, c.protege), (c.protege, c.guarantor)] {
            if rival[of] && ally != i && c.credibility > 0.0 {
                weight[ally] = weight[ally].max(c.credibility);
            }
        }
    }
    weight.iter().zip(&w.actors).map(|(wt, a)| wt * a.conventional).sum()
}

/// State `i`'s theatre (non-strategic) warhead requirement: for a counterforce doctrine,
/// `theatre_warheads_per_power` × [`rival_coalition_power`], times `theatre_restraint_factor`
/// from `theatre_restraint_year` on; 0 for a minimal deterrent.
pub fn theatre_requirement(w: &World, i: usize) -> f64 {
    let p = &w.params;
    if !targets_forces(&w.actors[i].state) || p.theatre_warheads_per_power <= 0.0 {
        return 0.0;
    }
    let restraint = if f64::from(w.year) >= p.theatre_restraint_year { p.theatre_restraint_factor } else { 1.0 };
    p.theatre_warheads_per_power * restraint * rival_coalition_power(w, i)
}
