//! Scheduled exogenous events: applied at the start of their year, before any process runs.
//!
//! A scenario schedules events by `model::EventKind` (here `ScheduledKind`); when one fires, the
//! run records what happened as an [`EventKind`] of its own (docs/output.md lists them).
//!
//! A `rivalry` event sets the intensity (and stakes) of a dyad the scenario lists in
//! `[[rivalries]]`. Dyads are fixed when the world is built — one per listed rivalry, in file
//! order — so a rivalry that starts later is carried from the start as a dormant dyad of
//! intensity 0: its index never moves and the crisis process still draws its onset each year
//! (with probability 0), which keeps the order of random draws the same whatever the events.
//!
//! An `assistance` event (Kroenig 2009, sensitive nuclear assistance) raises the recipient's
//! latency ([`assist`]); it draws no random number either, so a run with and a run without it
//! draw the same numbers in the same order until their states differ.
//!
//! A `latency` event (e.g. a state's first enrichment or reprocessing facility, Fuhrmann and
//! Tkach 2015) raises the state's latency to the given value ([`raise_latency`]): never lowers
//! it, since a facility is not un-built by the event; it draws no random number.
//! A `deploy` event brings a new force element into a state's service and starts the
//! withdrawal of the systems it retires ([`crate::arsenal::deploy`]); it draws no random number.
//! A deployment for a state that is not armed is held, and takes effect at the start of the
//! first year that finds the state armed (the technology was there; the state had no weapons
//! to put on it), recorded in that year.

use crate::arsenal;
use crate::effects::{acquire, cascade, disarm, give_assistance, invasion};
use crate::record::{EventKind, RivalryChange};
use crate::world::World;
use model::EventKind as ScheduledKind;
use model::NuclearStatus;

pub use crate::effects::assist;

/// A state's latency after a `latency` event giving `to`: the larger of the two, in [0, 1]. A
/// facility is not un-built by the event, so a state already above `to` (by assistance, or by
/// the growth of its own programme) keeps its latency. It draws no random number.
pub fn raise_latency(latency: f64, to: f64) -> f64 {
    latency.max(to).clamp(0.0, 1.0)
}

/// A state's NPT standing after an `npt` event scheduling `scheduled`, from its `current`
/// standing and whether the run has armed it: a state without weapons cannot join as a
/// nuclear-weapon state (the treaty recognises only states that had exploded a device before
/// 1967), so it joins as a non-nuclear-weapon member instead; an armed state cannot join as a
/// non-nuclear-weapon state (South Africa joined in 1991 after dismantling its weapons), so it
/// keeps its standing. It draws no random number.
pub fn npt_standing(scheduled: model::NptStatus, current: model::NptStatus, armed: bool) -> model::NptStatus {
    match scheduled {
        model::NptStatus::NuclearWeaponState if !armed => model::NptStatus::NonNuclearMember,
        model::NptStatus::NonNuclearMember if armed => current,
        other => other,
    }
}

/// Applies a `deploy` event to armed state `i` and records it.
fn deploy(w: &mut World, i: usize, e: &model::Event) {
    let Some(element) = &e.element else { return };
    arsenal::deploy(w, i, element, &e.retire, e.retire_by.unwrap_or(e.year).max(w.year));
    let kind = EventKind::Deploy {
        class: element.class,
        warheads_per_launcher: element.warheads_per_launcher.best,
        yield_kt: element.yield_kt.best,
        cep_m: element.cep_m.best,
        retired: e.retire.len() as u32,
    };
    w.record(kind, Some(i), None);
}

/// Applies this year's scheduled events and the treaty caps in force.
pub fn apply_scheduled(w: &mut World) {
    // Deployments held for states that have since become armed take effect first.
    for i in 0..w.actors.len() {
        if !w.actors[i].generations.held.is_empty() && w.actors[i].is_armed() {
            for e in std::mem::take(&mut w.actors[i].generations.held) {
                deploy(w, i, &e);
            }
        }
    }
    for e in w.events_this_year() {
        let find = |w: &World, code: &Option<String>| {
            code.as_deref().and_then(|c| w.actors.iter().position(|a| a.state.iso3 == c))
        };
        match e.kind {
            ScheduledKind::TreatyCap => {
                let parties = e.parties.clone().unwrap_or_default();
                w.record(
                    EventKind::TreatyCap {
                        cap_warheads: e.deployed_cap_warheads.map_or(f64::INFINITY, |c| c.best),
                        until: e.until_year.unwrap_or(e.year),
                    },
                    find(w, &Some(parties[0].clone())),
                    find(w, &Some(parties[1].clone())),
                );
            }
            ScheduledKind::RegimeShock => {
                if let (Some(lever), Some(delta)) = (e.lever, e.delta) {
                    w.regime.shock(lever, delta.best);
                    w.baseline.shock(lever, delta.best);
                    w.record(EventKind::RegimeShock { lever, delta: delta.best }, None, None);
                }
            }
            ScheduledKind::Disarm => {
                if let Some(i) = find(w, &e.state) {
                    disarm(w, i);
                }
            }
            ScheduledKind::Invasion => {
                if let (Some(v), Some(a)) = (find(w, &e.state), find(w, &e.attacker)) {
                    invasion(w, a, v);
                    w.tally.wars += 1;
                    w.record(EventKind::Invasion, Some(a), Some(v));
                }
            }
            ScheduledKind::AllianceCredibility => {
                if let (Some(g), Some(p), Some(c)) = (find(w, &e.guarantor), find(w, &e.protege), e.credibility) {
                    for k in w.commitments.iter_mut().filter(|k| k.guarantor == g && k.protege == p) {
                        k.credibility = c.best;
                    }
                    w.record(EventKind::AllianceCredibility { credibility: c.best }, Some(g), Some(p));
                }
            }
            ScheduledKind::NuclearStatus => {
                if let (Some(i), Some(status)) = (find(w, &e.state), e.nuclear_status) {
                    if status == NuclearStatus::Possessing && !w.actors[i].is_armed() {
                        // A scheduled acquisition is an acquisition: rivals and neighbours draw
                        // the same lesson as from one the engine generates.
                        let unpunished = !w.actors[i].sanctioned;
                        acquire(w, i);
                        cascade(w, i, unpunished);
                    } else if status == NuclearStatus::Disarmed {
                        disarm(w, i);
                    } else {
                        w.actors[i].status = status;
                        w.actors[i].status_since = w.year;
                        w.record(EventKind::Status { status }, Some(i), None);
                    }
                }
            }
            ScheduledKind::Rivalry => {
                let pair = e.pair.clone().unwrap_or_default();
                let (x, y) = (find(w, &Some(pair[0].clone())), find(w, &Some(pair[1].clone())));
                let k =
                    w.dyads.iter().position(|d| (Some(d.a), Some(d.b)) == (x, y) || (Some(d.b), Some(d.a)) == (x, y));
                if let (Some(k), Some(intensity)) = (k, e.intensity) {
                    let d = &mut w.dyads[k];
                    let from = d.intensity;
                    d.intensity = intensity.best;
                    if let Some(stakes) = e.stakes {
                        d.stakes = stakes.best;
                    }
                    let (a, b) = (d.a, d.b);
                    let change = RivalryChange::of(from, intensity.best);
                    w.record(EventKind::Rivalry { change, from, intensity: intensity.best }, Some(a), Some(b));
                }
            }
            ScheduledKind::Assistance => {
                if let (Some(s), Some(r)) = (find(w, &e.supplier), find(w, &e.recipient)) {
                    let gain = e.latency_gain.map_or(w.params.assistance_latency_gain, |g| g.best);
                    give_assistance(w, s, r, gain);
                }
            }
            ScheduledKind::Latency => {
                if let (Some(i), Some(to)) = (find(w, &e.state), e.latency) {
                    let from = w.actors[i].latency;
                    let latency = raise_latency(from, to.best);
                    w.actors[i].latency = latency;
                    w.record(EventKind::Latency { from, latency }, Some(i), None);
                }
            }
            ScheduledKind::Npt => {
                if let (Some(i), Some(scheduled)) = (find(w, &e.state), e.npt) {
                    let status = npt_standing(scheduled, w.actors[i].state.npt, w.actors[i].is_armed());
                    w.actors[i].state.npt = status;
                    w.record(EventKind::Npt { status }, Some(i), None);
                }
            }
            ScheduledKind::Deploy => {
                if let Some(i) = find(w, &e.state) {
                    if w.actors[i].is_armed() {
                        deploy(w, i, &e);
                    } else {
                        w.actors[i].generations.held.push(e.clone());
                    }
                }
            }
        }
    }
    let year = w.year;
    for a in &mut w.actors {
        a.treaty_cap = None;
    }
    for k in 0..w.treaties.len() {
        let (parties, years, cap) = (w.treaties[k].parties, w.treaties[k].years, w.treaties[k].cap);
        if (years.0..=years.1).contains(&year) && cap.is_finite() {
            for p in parties {
                let c = w.actors[p].treaty_cap.map_or(cap, |c| c.min(cap));
                w.actors[p].treaty_cap = Some(c);
            }
        }
    }
}
