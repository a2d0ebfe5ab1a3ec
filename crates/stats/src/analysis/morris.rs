//! Morris elementary-effects screening.
//!
//! Morris (1991, *Technometrics* 33, 161–174): along a trajectory, the step from point `x` to
//! `x ± Δ e_i` gives the elementary effect `EE_i = (y(x ± Δ e_i) − y(x)) / (±Δ)`. Over `r`
//! trajectories, `μ` is the mean of the effects and `σ` their standard deviation (non-linearity
//! or interactions); Campolongo, Cariboni & Saltelli (2007, *Environ. Model. Softw.* 22,
//! 1509–1518) add `μ*`, the mean of the absolute effects, which ranks factors without sign
//! cancellation. The interval of `μ*` is a bootstrap over trajectories, reported as SALib does
//! (`z_{(1+c)/2}` times the standard deviation of the replicates).

use rand::rngs::ChaCha8Rng;
use serde::Serialize;

use super::{bootstrap_half_width, check_confidence, check_finite, check_resamples};
use crate::StatsError;
use crate::rng::index_below;

/// Morris screening measures of one factor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MorrisIndex {
    /// Mean elementary effect.
    pub mu: f64,
    /// Mean absolute elementary effect.
    pub mu_star: f64,
    /// Standard deviation of the elementary effects (divisor `r − 1`).
    pub sigma: f64,
    /// Bootstrap half-width of the confidence interval of `mu_star`.
    pub mu_star_conf: f64,
}

/// Morris measures `μ`, `μ*`, `σ` and the bootstrap half-width of `μ*` for each of the `k`
/// factors, from `r` trajectories `x` (rows in trajectory order, `k + 1` rows each, as
/// [`crate::design::morris_trajectories`] returns them) and their outputs `y`.
///
/// Each consecutive pair of points in a trajectory must differ in exactly one factor; the effect
/// is `(y_next − y_prev) / (x_next − x_prev)` in that factor, so the sign of the step is taken
/// into account. Pass the unit-grid design (not values rescaled to parameter units) to get the
/// conventional effects. Every factor must move exactly once per trajectory.
///
/// Draw order: resample by resample, `r` trajectory indices, shared by every factor.
///
/// Errors: fewer than 2 trajectories; no factor; sizes that disagree with `r (k + 1)` rows of `k`
/// values; non-finite values; a step that changes no factor, several factors, or a factor twice;
/// fewer than 2 resamples; `confidence` not in `(0, 1)`.
pub fn morris_indices(
    x: &[Vec<f64>],
    y: &[f64],
    r: usize,
    k: usize,
    resamples: usize,
    confidence: f64,
    rng: &mut ChaCha8Rng,
) -> Result<Vec<MorrisIndex>, StatsError> {
    if r < 2 {
        return Err(StatsError::SampleTooSmall { method: "Morris indices (trajectories)", n: r, min: 2 });
    }
    if k == 0 {
        return Err(StatsError::InvalidParameter {
            name: "k",
            value: "0".into(),
            rule: "Morris indices need at least one factor",
        });
    }
    let rows = r * (k + 1);
    if x.len() != rows {
        return Err(StatsError::SizeMismatch {
            what: "Morris design rows (r (k + 1))",
            expected: rows,
            found: x.len(),
        });
    }
    if y.len() != rows {
        return Err(StatsError::SizeMismatch { what: "Morris outputs (r (k + 1))", expected: rows, found: y.len() });
    }
    for (i, row) in x.iter().enumerate() {
        if row.len() != k {
            return Err(StatsError::SizeMismatch {
                what: "Morris design row length (k)",
                expected: k,
                found: row.len(),
            });
        }
        check_finite("Morris design", row).map_err(|e| match e {
            StatsError::NonFinite { what, index, value } => StatsError::NonFinite { what, index: i * k + index, value },
            other => other,
        })?;
    }
    check_finite("Morris outputs", y)?;
    check_resamples(resamples)?;
    check_confidence(confidence)?;

    // effects[i][t]: the elementary effect of factor i in trajectory t.
    let mut effects = vec![vec![f64::NAN; r]; k];
    for (t, (points, outputs)) in x.chunks(k + 1).zip(y.chunks(k + 1)).enumerate() {
        let mut seen = vec![false; k];
        for step in 1..=k {
            let (prev, next) = (&points[step - 1], &points[step]);
            let mut changed = (0..k).filter(|&i| (next[i] - prev[i]) != 0.0);
            let factor = match (changed.next(), changed.next()) {
                (Some(i), None) => i,
                (None, _) => {
                    return Err(StatsError::NotATrajectory {
                        trajectory: t,
                        step,
                        problem: "no factor changes".into(),
                    });
                }
                (Some(i), Some(j)) => {
                    return Err(StatsError::NotATrajectory {
                        trajectory: t,
                        step,
                        problem: format!("factors {i} and {j} both change"),
                    });
                }
            };
            if seen[factor] {
                return Err(StatsError::NotATrajectory {
                    trajectory: t,
                    step,
                    problem: format!("factor {factor} changes a second time"),
                });
            }
            seen[factor] = true;
            let dx = next[factor] - prev[factor];
            effects[factor][t] = (outputs[step] - outputs[step - 1]) / dx;
        }
    }

    let rf = r as f64;
    let mut out: Vec<MorrisIndex> = effects
        .iter()
        .map(|ee| {
            let mu = ee.iter().sum::<f64>() / rf;
            let mu_star = ee.iter().map(|e| e.abs()).sum::<f64>() / rf;
            let sigma = (ee.iter().map(|e| (e - mu) * (e - mu)).sum::<f64>() / (rf - 1.0)).sqrt();
            MorrisIndex { mu, mu_star, sigma, mu_star_conf: f64::NAN }
        })
        .collect();

    let mut replicates = vec![Vec::with_capacity(resamples); k];
    let mut pick = vec![0usize; r];
    for _ in 0..resamples {
        for p in pick.iter_mut() {
            *p = index_below(rng, r);
        }
        for (ee, reps) in effects.iter().zip(replicates.iter_mut()) {
            reps.push(pick.iter().map(|&t| ee[t].abs()).sum::<f64>() / rf);
        }
    }
    for (index, reps) in out.iter_mut().zip(&replicates) {
        index.mu_star_conf = bootstrap_half_width(reps, confidence);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn detects_malformed_trajectories() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let x = vec![vec![0.0, 0.0], vec![0.5, 0.5], vec![0.5, 1.0], vec![0.0, 0.0], vec![0.5, 0.0], vec![0.5, 0.5]];
        let y = vec![0.0; 6];
        assert!(matches!(
            morris_indices(&x, &y, 2, 2, 10, 0.95, &mut rng),
            Err(StatsError::NotATrajectory { trajectory: 0, step: 1, .. })
        ));
        let x = vec![vec![0.0, 0.0], vec![0.5, 0.0], vec![1.0, 0.0], vec![0.0, 0.0], vec![0.5, 0.0], vec![0.5, 0.5]];
        assert!(matches!(
            morris_indices(&x, &y, 2, 2, 10, 0.95, &mut rng),
            Err(StatsError::NotATrajectory { trajectory: 0, step: 2, .. })
        ));
        assert!(matches!(morris_indices(&x, &y[1..], 2, 2, 10, 0.95, &mut rng), Err(StatsError::SizeMismatch { .. })));
    }

    #[test]
    fn signed_steps_give_the_slope() {
        // y = 3 x0 − 2 x1: every effect is exact whichever way the step goes.
        let x = vec![
            vec![0.0, 2.0 / 3.0],
            vec![2.0 / 3.0, 2.0 / 3.0],
            vec![2.0 / 3.0, 0.0],
            vec![1.0 / 3.0, 0.0],
            vec![1.0 / 3.0, 2.0 / 3.0],
            vec![1.0, 2.0 / 3.0],
        ];
        let y: Vec<f64> = x.iter().map(|p| 3.0 * p[0] - 2.0 * p[1]).collect();
        let m = morris_indices(&x, &y, 2, 2, 50, 0.95, &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        assert!((m[0].mu - 3.0).abs() < 1e-12 && (m[0].mu_star - 3.0).abs() < 1e-12);
        assert!((m[1].mu + 2.0).abs() < 1e-12 && (m[1].mu_star - 2.0).abs() < 1e-12);
        assert!(m[0].sigma < 1e-12 && m[1].sigma < 1e-12);
        assert!(m[0].mu_star_conf < 1e-12);
    }
}
