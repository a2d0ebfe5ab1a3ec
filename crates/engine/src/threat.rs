//! Process 2, threat assessment: each state scores the threat from each rival from the rival's
//! nuclear status and conventional edge, weighted by the rivalry's intensity and discounted by
//! the credibility of its own allies' nuclear guarantees; its threat is the largest of these.

use crate::world::World;
use model::AllianceKind;

/// The threat `i` perceives from rival `j` with rivalry `intensity`.
pub fn dyad_threat(w: &World, i: usize, j: usize, intensity: f64) -> f64 {
    threat_with_cover(w, i, j, intensity, w.nuclear_cover(i, Some(j)))
}

/// [`dyad_threat`] given `cover`, the value of [`World::nuclear_cover`]`(i, Some(j))`.
fn threat_with_cover(w: &World, i: usize, j: usize, intensity: f64, cover: f64) -> f64 {
    let (me, them) = (&w.actors[i], &w.actors[j]);
    let nuclear = if them.is_armed() { 1.0 } else { 0.0 };
    let total = me.conventional + them.conventional;
    let conventional = if total > 0.0 { them.conventional / total } else { 0.5 };
    let raw =
        intensity * (w.params.threat_nuclear_weight * nuclear + (1.0 - w.params.threat_nuclear_weight) * conventional);
    raw * (1.0 - w.params.guarantee_cover * cover)
}

/// Every actor's [`World::nuclear_cover`] from guarantors other than any one `except`, read
/// in constant time: per protégé, the best credibility of nuclear guarantees from armed
/// guarantors, the guarantor giving it (the first in order among equals), and the best from
/// every other guarantor. Maxima do not depend on order, so each value is exactly the one
/// [`World::nuclear_cover`] folds.
struct Covers {
    best: Vec<(f64, usize, f64)>,
}

impl Covers {
    fn new(w: &World) -> Covers {
        let mut best = vec![(0.0f64, usize::MAX, 0.0f64); w.actors.len()];
        let guarantees = || {
            w.commitments
                .iter()
                .filter(|c| c.kind == AllianceKind::NuclearGuarantee && w.actors[c.guarantor].is_armed())
        };
        for c in guarantees() {
            let b = &mut best[c.protege];
            if c.credibility > b.0 {
                (b.0, b.1) = (c.credibility, c.guarantor);
            }
        }
        for c in guarantees() {
            let b = &mut best[c.protege];
            if c.guarantor != b.1 {
                b.2 = b.2.max(c.credibility);
            }
        }
        Covers { best }
    }

    /// `World::nuclear_cover(i, Some(except))`.
    fn cover(&self, i: usize, except: usize) -> f64 {
        let (best, guarantor, others) = self.best[i];
        if guarantor == except { others } else { best }
    }
}

/// Sets every actor's threat for the year.
pub fn assess(w: &mut World) {
    let covers = Covers::new(w);
    let mut threat = vec![0.0f64; w.actors.len()];
    for d in &w.dyads {
        let (a, b) = (d.a, d.b);
        threat[a] = threat[a].max(threat_with_cover(w, a, b, d.intensity, covers.cover(a, b)));
        threat[b] = threat[b].max(threat_with_cover(w, b, a, d.intensity, covers.cover(b, a)));
    }
    for (a, t) in w.actors.iter_mut().zip(threat) {
        a.threat = t;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_read_in_constant_time_equal_the_fold() {
        for name in ["world-2025", "history-1945", "cascade", "korea"] {
            let b = model::builtin::get(name).unwrap();
            let s = model::parse_scenario(b.text, b.path).unwrap();
            let r = crate::resolve(&s, &crate::RunOptions::default()).unwrap();
            let mut w = World::new(&s, r.start_year, r.years, r.regime, r.params, r.lenses);
            // Then arm every state, so that every guarantee counts; then tie each guarantee
            // with one from the next state.
            for step in 0..3 {
                if step == 1 {
                    for a in &mut w.actors {
                        a.status = model::NuclearStatus::Possessing;
                    }
                }
                if step == 2 {
                    let n = w.actors.len();
                    let ties: Vec<_> = w
                        .commitments
                        .iter()
                        .map(|c| crate::world::Commitment { guarantor: (c.guarantor + 1) % n, ..*c })
                        .collect();
                    w.commitments.extend(ties);
                }
                let covers = Covers::new(&w);
                for i in 0..w.actors.len() {
                    for j in 0..w.actors.len() {
                        assert_eq!(
                            covers.cover(i, j).to_bits(),
                            w.nuclear_cover(i, Some(j)).to_bits(),
                            "{name} {i} {j}"
                        );
                    }
                }
            }
        }
    }
}
