//! Scheduled exogenous events: applied at the start of their year, before any process runs.

use crate::effects::{acquire, disarm, invasion};
use crate::world::World;
use model::{EventKind, NuclearStatus};

/// Applies this year's scheduled events and the treaty caps in force.
pub fn apply_scheduled(w: &mut World) {
    for e in w.events_this_year() {
        let find = |w: &World, code: &Option<String>| {
            code.as_deref().and_then(|c| w.actors.iter().position(|a| a.state.iso3 == c))
        };
        match e.kind {
            EventKind::TreatyCap => {
                let parties = e.parties.clone().unwrap_or_default();
                w.record(
                    "treaty-cap",
                    find(w, &Some(parties[0].clone())),
                    find(w, &Some(parties[1].clone())),
                    format!(
                        "deployed warheads capped at {} until {}",
                        e.deployed_cap_warheads.map_or(0.0, |c| c.best),
                        e.until_year.unwrap_or(e.year)
                    ),
                );
            }
            EventKind::RegimeShock => {
                if let (Some(lever), Some(delta)) = (e.lever, e.delta) {
                    w.regime.shock(lever, delta.best);
                    w.baseline.shock(lever, delta.best);
                    w.record("regime-shock", None, None, format!("{lever:?} {:+}", delta.best));
                }
            }
            EventKind::Disarm => {
                if let Some(i) = find(w, &e.state) {
                    disarm(w, i);
                }
            }
            EventKind::Invasion => {
                if let (Some(v), Some(a)) = (find(w, &e.state), find(w, &e.attacker)) {
                    invasion(w, a, v);
                    w.tally.wars += 1;
                    w.record("invasion", Some(a), Some(v), "scheduled".into());
                }
            }
            EventKind::AllianceCredibility => {
                if let (Some(g), Some(p), Some(c)) = (find(w, &e.guarantor), find(w, &e.protege), e.credibility) {
                    for k in w.commitments.iter_mut().filter(|k| k.guarantor == g && k.protege == p) {
                        k.credibility = c.best;
                    }
                    w.record("alliance-credibility", Some(g), Some(p), format!("credibility {}", c.best));
                }
            }
            EventKind::NuclearStatus => {
                if let (Some(i), Some(status)) = (find(w, &e.state), e.nuclear_status) {
                    if status == NuclearStatus::Possessing && !w.actors[i].is_armed() {
                        acquire(w, i);
                    } else if status == NuclearStatus::Disarmed {
                        disarm(w, i);
                    } else {
                        w.actors[i].status = status;
                        w.actors[i].status_since = w.year;
                        w.record("status", Some(i), None, format!("{status:?}"));
                    }
                }
            }
        }
    }
    let year = w.year;
    for a in &mut w.actors {
        a.treaty_cap = None;
    }
    for t in w.treaties.clone() {
        if (t.years.0..=t.years.1).contains(&year) {
            for p in t.parties {
                let cap = w.actors[p].treaty_cap.map_or(t.cap, |c| c.min(t.cap));
                w.actors[p].treaty_cap = Some(cap);
            }
        }
    }
}
