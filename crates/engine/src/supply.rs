//! Sensitive nuclear assistance that suppliers decide to give (Kroenig 2009, "Exporting the
//! Bomb: Why States Provide Sensitive Nuclear Assistance", APSR 103(1); Kroenig 2010): a state
//! exports sensitive nuclear technology when the recipient's weapons would constrain an enemy of
//! its own, and not when they would threaten itself. Here a **supplier** is a state that holds
//! weapons or has mastered part of the fuel cycle (latency at least `supplier_min_latency`, a
//! pilot enrichment or reprocessing plant); a **recipient** is a state with a programme
//! (exploring or pursuing) that has not yet received assistance; the pair is **eligible** when
//! the two are not rivals and share an enemy (a third state that is an active rival of both).
//! Each eligible pair-year the supplier assists with probability `1 − exp(−supply_rate)`, the
//! rate estimated from the record (`deterrence data supply`); the assistance is the scheduled
//! kind's ([`crate::effects::give_assistance`], gain `assistance_latency_gain`). A recipient is
//! assisted at most once by this process. With `supply_rate` 0 (as in `history-1945`, which
//! schedules the record's assistance) the process draws no random number.

use crate::effects::give_assistance;
use crate::probability::chance;
use crate::world::World;
use rand::rngs::ChaCha8Rng;

/// Whether `i` can supply sensitive assistance: it is armed, or its latency is at least
/// `supplier_min_latency`.
pub fn can_supply(w: &World, i: usize) -> bool {
    let a = &w.actors[i];
    a.is_armed() || a.latency >= w.params.supplier_min_latency
}

/// Whether `a` and `b` are active rivals (a rivalry of positive intensity).
pub fn rivals(w: &World, a: usize, b: usize) -> bool {
    w.dyads.iter().any(|d| d.intensity > 0.0 && ((d.a == a && d.b == b) || (d.a == b && d.b == a)))
}

/// Whether `s` and `r` share an enemy: a third state that is an active rival of both.
pub fn common_enemy(w: &World, s: usize, r: usize) -> bool {
    let enemy_of = |x: usize, d: &crate::world::Dyad| {
        if d.intensity <= 0.0 {
            None
        } else if d.a == x {
            Some(d.b)
        } else if d.b == x {
            Some(d.a)
        } else {
            None
        }
    };
    w.dyads.iter().filter_map(|d| enemy_of(s, d)).any(|t| t != r && w.dyads.iter().any(|d| enemy_of(r, d) == Some(t)))
}

/// Whether `s` could supply `r` this year by the rule (module docs), leaving aside whether `r`
/// has already been assisted: `s` can supply, `r` has a programme and no weapons, they are not
/// rivals, and they share an enemy.
pub fn eligible(w: &World, s: usize, r: usize) -> bool {
    s != r
        && w.actors[r].has_programme()
        && can_supply(w, s)
        && !w.actors[r].is_armed()
        && !rivals(w, s, r)
        && common_enemy(w, s, r)
}

/// Each state's active rivals as a bit set (one `u64` word per 64 states, all states' sets in
/// one flat allocation), built once a year so the suppliers' step tests rivalry and a shared
/// enemy in a few word operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnemySets {
    /// Words per state.
    words: usize,
    /// State `i`'s set is `bits[i × words .. (i + 1) × words]`.
    bits: Vec<u64>,
}

impl EnemySets {
    /// State `i`'s set of active rivals.
    pub fn of(&self, i: usize) -> &[u64] {
        &self.bits[i * self.words..(i + 1) * self.words]
    }
}

/// The year's [`EnemySets`].
pub fn enemy_sets(w: &World) -> EnemySets {
    let n = w.actors.len();
    let words = n.div_ceil(64);
    let mut bits = vec![0u64; n * words];
    for d in w.dyads.iter().filter(|d| d.intensity > 0.0) {
        bits[d.a * words + d.b / 64] |= 1 << (d.b % 64);
        bits[d.b * words + d.a / 64] |= 1 << (d.a % 64);
    }
    EnemySets { words, bits }
}

/// [`eligible`] from the year's [`enemy_sets`]: the same rule, computed from the bit sets.
pub fn eligible_in(w: &World, sets: &EnemySets, s: usize, r: usize) -> bool {
    if s == r || !w.actors[r].has_programme() || w.actors[r].is_armed() || !can_supply(w, s) {
        return false;
    }
    if sets.of(s)[r / 64] & (1 << (r % 64)) != 0 {
        return false;
    }
    sets.of(s).iter().zip(sets.of(r)).enumerate().any(|(k, (x, y))| {
        let mut shared = x & y;
        // Neither of the pair counts as the enemy they share.
        for i in [s, r] {
            if i / 64 == k {
                shared &= !(1 << (i % 64));
            }
        }
        shared != 0
    })
}

/// Runs the suppliers' decisions for the year: recipients in index order, and for each the
/// eligible suppliers in index order until one assists. Draws one number per eligible pair
/// considered, none when `supply_rate` is 0, no state has a programme without assistance, or
/// statuses follow the schedule.
pub fn step(w: &mut World, rng: &mut ChaCha8Rng) {
    let rate = w.params.supply_rate;
    if w.statuses_from_schedule || rate <= 0.0 || !w.actors.iter().any(|a| a.has_programme() && !a.assisted) {
        return;
    }
    let p = 1.0 - (-rate).exp();
    let gain = w.params.assistance_latency_gain;
    let sets = enemy_sets(w);
    // Suppliers are those able to supply at the start of the step.
    let supplier: Vec<bool> = (0..w.actors.len()).map(|s| can_supply(w, s)).collect();
    let mut candidates = Vec::new();
    for r in 0..w.actors.len() {
        // A recipient without an enemy shares none.
        if w.actors[r].assisted || !w.actors[r].has_programme() || sets.of(r).iter().all(|&x| x == 0) {
            continue;
        }
        // Only a rival of one of r's enemies can share an enemy with r: the candidates, in
        // index order, are the suppliers among them, so the eligible pairs and their draws
        // come in the same order as over every supplier.
        sharing_candidates(w, r, &mut candidates);
        candidates.retain(|&s| supplier[s]);
        for &s in &candidates {
            if eligible_in(w, &sets, s, r) && chance(rng, p) {
                give_assistance(w, s, r, gain);
                break;
            }
        }
    }
}

/// Fills `out` with the active rivals of `r`'s active rivals (its enemies' enemies), other
/// than `r`, in increasing index order without repeats: the only states that can share an
/// enemy with `r`. Reads each state's own dyads ([`World::dyads_of`]).
pub fn sharing_candidates(w: &World, r: usize, out: &mut Vec<usize>) {
    out.clear();
    let active_rivals = |x: usize| {
        w.dyads_of(x)
            .iter()
            .map(|&k| &w.dyads[k])
            .filter(|d| d.intensity > 0.0)
            .map(move |d| if d.a == x { d.b } else { d.a })
    };
    for t in active_rivals(r) {
        out.extend(active_rivals(t).filter(|&s| s != r));
    }
    out.sort_unstable();
    out.dedup();
}
