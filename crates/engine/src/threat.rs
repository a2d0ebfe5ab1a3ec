//! Process 2, threat assessment: each state scores the threat from each rival from the rival's
//! nuclear status and conventional edge, weighted by the rivalry's intensity and discounted by
//! the credibility of its own allies' nuclear guarantees; its threat is the largest of these.

use crate::world::World;

/// The threat `i` perceives from rival `j` with rivalry `intensity`.
pub fn dyad_threat(w: &World, i: usize, j: usize, intensity: f64) -> f64 {
    let (me, them) = (&w.actors[i], &w.actors[j]);
    let nuclear = if them.is_armed() { 1.0 } else { 0.0 };
    let total = me.conventional + them.conventional;
    let conventional = if total > 0.0 { them.conventional / total } else { 0.5 };
    let raw =
        intensity * (w.params.threat_nuclear_weight * nuclear + (1.0 - w.params.threat_nuclear_weight) * conventional);
    raw * (1.0 - w.params.guarantee_cover * w.nuclear_cover(i, Some(j)))
}

/// Sets every actor's threat for the year.
pub fn assess(w: &mut World) {
    let mut threat = vec![0.0f64; w.actors.len()];
    for d in &w.dyads {
        threat[d.a] = threat[d.a].max(dyad_threat(w, d.a, d.b, d.intensity));
        threat[d.b] = threat[d.b].max(dyad_threat(w, d.b, d.a, d.intensity));
    }
    for (a, t) in w.actors.iter_mut().zip(threat) {
        a.threat = t;
    }
}
