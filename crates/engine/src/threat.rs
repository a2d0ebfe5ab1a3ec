//! Process 2, threat assessment: each state scores the threat from each rival from the rival's
//! nuclear status and conventional edge, weighted by the rivalry's intensity and discounted by
//! the credibility of its own allies' nuclear guarantees. Its threat combines these
//! ([`aggregate`]): the largest, plus a share `threat_aggregation` (κ) of the rest, at most 1 —
//! κ = 0 is the worst-rival rule, κ = 1 adds the rivals' threats up, as Walt's (1987) states
//! balancing against the aggregate of those who threaten them.

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

/// A state's threat from the largest of its rivals' threats, `max`, and their sum, `sum`:
/// `max + kappa × (sum − max)`, at most 1 (but never below `max`). `kappa` = 0 is the worst
/// rival alone; `kappa` = 1 the rivals' threats added up.
pub fn aggregate(max: f64, sum: f64, kappa: f64) -> f64 {
    max.max((max + kappa * (sum - max)).min(1.0))
}

/// Sets every actor's threat for the year: [`aggregate`] of its rivals' threats with
/// `threat_aggregation`.
pub fn assess(w: &mut World) {
    let covers = Covers::new(w);
    let n = w.actors.len();
    let mut max = vec![0.0f64; n];
    let mut sum = vec![0.0f64; n];
    for d in &w.dyads {
        let (a, b) = (d.a, d.b);
        let ta = threat_with_cover(w, a, b, d.intensity, covers.cover(a, b));
        let tb = threat_with_cover(w, b, a, d.intensity, covers.cover(b, a));
        (max[a], sum[a]) = (max[a].max(ta), sum[a] + ta);
        (max[b], sum[b]) = (max[b].max(tb), sum[b] + tb);
    }
    let kappa = w.params.threat_aggregation;
    for ((a, m), s) in w.actors.iter_mut().zip(max).zip(sum) {
        a.threat = aggregate(m, s, kappa);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregation_adds_a_share_of_the_other_rivals_and_stops_at_one() {
        // Rivals' threats 0.5, 0.3, 0.1: max 0.5, sum 0.9.
        assert_eq!(aggregate(0.5, 0.9, 0.0), 0.5);
        assert!((aggregate(0.5, 0.9, 0.25) - 0.6).abs() < 1e-15, "0.5 + 0.25 × 0.4");
        assert!((aggregate(0.5, 0.9, 1.0) - 0.9).abs() < 1e-15, "the sum");
        assert_eq!(aggregate(0.7, 1.5, 1.0), 1.0, "at most 1");
        assert_eq!(aggregate(0.0, 0.0, 0.5), 0.0);
    }

    /// history-1945's first year with `kappa` as the aggregation and each of Israel's rivalries
    /// (Egypt, Syria, Iraq, Iran) at intensity 0.5 at least: Israel's threat, and the largest of
    /// its rivals' threats taken one at a time.
    fn israel_with_every_rival_active(kappa: f64) -> (f64, f64) {
        let b = model::builtin::get("history-1945").unwrap();
        let s = model::parse_scenario(b.text, b.path).unwrap();
        let mut r = crate::resolve(&s, &crate::RunOptions::default()).unwrap();
        r.params.threat_aggregation = kappa;
        let mut w = World::new(&s, r.start_year, r.years, r.regime, r.params, r.lenses);
        let isr = w.actors.iter().position(|a| a.state.iso3 == "ISR").unwrap();
        for d in &mut w.dyads {
            if d.a == isr || d.b == isr {
                d.intensity = d.intensity.max(0.5);
            }
        }
        assess(&mut w);
        let worst = w
            .dyads
            .iter()
            .filter(|d| d.a == isr || d.b == isr)
            .map(|d| dyad_threat(&w, isr, if d.a == isr { d.b } else { d.a }, d.intensity))
            .fold(0.0f64, f64::max);
        (w.actors[isr].threat, worst)
    }

    #[test]
    fn a_state_facing_several_rivals_perceives_more_threat_than_from_its_worst_alone() {
        let (alone, worst) = israel_with_every_rival_active(0.0);
        assert_eq!(alone.to_bits(), worst.to_bits(), "κ = 0 is the worst-rival rule");
        let (together, worst) = israel_with_every_rival_active(0.5);
        assert!(together > worst + 0.05, "{together} vs {worst}");
        assert!(together <= 1.0);
    }

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
                    w.reindex();
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
