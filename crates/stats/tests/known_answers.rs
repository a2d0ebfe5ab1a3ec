//! Every design and estimator against a problem whose answer is known in closed form.

#![allow(clippy::float_cmp)]

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use stats::analysis::{IndexKind, SobolIssue, paste};
use stats::design::{morris_delta, saltelli};
use stats::{
    bootstrap_mean_ci, full_factorial, latin_hypercube, morris_indices, morris_trajectories, prim, sobol_convergence,
    sobol_indices, sobol_points, summarise,
};

mod sobol_ishigami {
    use super::*;
    use std::f64::consts::PI;

    const A: f64 = 7.0;
    const B: f64 = 0.1;

    /// Ishigami & Homma (1990): `f = sin x1 + a sin² x2 + b x3⁴ sin x1`, `x_i ~ U(−π, π)`.
    fn ishigami(x: &[f64]) -> f64 {
        x[0].sin() + A * x[1].sin().powi(2) + B * x[2].powi(4) * x[0].sin()
    }

    /// Closed forms (e.g. Sobol' & Levitan 1999; Saltelli et al. 2008, *Global Sensitivity
    /// Analysis: The Primer*, §4.6), from E[sin² x] = 1/2, E[sin⁴ x] = 3/8, E[x⁴] = π⁴/5,
    /// E[x⁸] = π⁸/9 for x ~ U(−π, π):
    /// - `V1 = Var(E[f | x1]) = Var((1 + b π⁴/5) sin x1) = (1 + b π⁴/5)² / 2`;
    /// - `V2 = Var(a sin² x2) = a² (3/8 − 1/4) = a²/8`;
    /// - `V3 = 0` (E[f | x3] is constant since E[sin x1] = 0);
    /// - `V13 = b² Var(x3⁴) / 2 = b² π⁸ (1/9 − 1/25) / 2 = b² π⁸ (1/18 − 1/50)`;
    /// - `V = V1 + V2 + V13 = a²/8 + b π⁴/5 + b² π⁸/18 + 1/2`.
    ///
    /// So S = (V1, V2, 0)/V ≈ (0.3139, 0.4424, 0) and ST = (V1 + V13, V2, V13)/V ≈
    /// (0.5576, 0.4424, 0.2437).
    fn analytic() -> ([f64; 3], [f64; 3]) {
        let v = A * A / 8.0 + B * PI.powi(4) / 5.0 + B * B * PI.powi(8) / 18.0 + 0.5;
        let v1 = (1.0 + B * PI.powi(4) / 5.0).powi(2) / 2.0;
        let v2 = A * A / 8.0;
        let v13 = B * B * PI.powi(8) * (1.0 / 18.0 - 1.0 / 50.0);
        assert!((v - (v1 + v2 + v13)).abs() < 1e-10, "variance decomposition");
        ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
    }

    fn outputs(n: usize) -> (stats::SaltelliDesign, Vec<f64>) {
        let (design, unit) = saltelli(n, 3).unwrap();
        let y = unit.iter().map(|u| ishigami(&u.iter().map(|&t| -PI + 2.0 * PI * t).collect::<Vec<_>>())).collect();
        (design, y)
    }

    #[test]
    fn analytic_values_are_the_published_ones() {
        let (s1, st) = analytic();
        let published_s1 = [0.3139, 0.4424, 0.0];
        let published_st = [0.5576, 0.4424, 0.2437];
        for i in 0..3 {
            assert!((s1[i] - published_s1[i]).abs() < 1e-4);
            assert!((st[i] - published_st[i]).abs() < 1e-4);
        }
    }

    #[test]
    fn estimates_within_0_02_and_intervals_cover() {
        let (s1, st) = analytic();
        let (design, y) = outputs(1 << 13);
        let mut rng = ChaCha8Rng::seed_from_u64(2026);
        let est = sobol_indices(&y, &design, 1000, 0.95, &mut rng).unwrap();
        for i in 0..3 {
            eprintln!(
                "x{}: S1 = {:.4} ± {:.4} (exact {:.4}), ST = {:.4} ± {:.4} (exact {:.4})",
                i + 1,
                est.s1[i],
                est.s1_conf[i],
                s1[i],
                est.st[i],
                est.st_conf[i],
                st[i]
            );
            assert!((est.s1[i] - s1[i]).abs() < 0.02, "S1[{i}] = {} vs {}", est.s1[i], s1[i]);
            assert!((est.st[i] - st[i]).abs() < 0.02, "ST[{i}] = {} vs {}", est.st[i], st[i]);
            assert!((est.s1[i] - s1[i]).abs() <= est.s1_conf[i], "CI of S1[{i}] misses the exact value");
            assert!((est.st[i] - st[i]).abs() <= est.st_conf[i], "CI of ST[{i}] misses the exact value");
        }
    }

    #[test]
    fn same_seed_gives_identical_bits() {
        let (design, y) = outputs(256);
        let a = sobol_indices(&y, &design, 200, 0.95, &mut ChaCha8Rng::seed_from_u64(5)).unwrap();
        let b = sobol_indices(&y, &design, 200, 0.95, &mut ChaCha8Rng::seed_from_u64(5)).unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a.s1), bits(&b.s1));
        assert_eq!(bits(&a.s1_conf), bits(&b.s1_conf));
        assert_eq!(bits(&a.st), bits(&b.st));
        assert_eq!(bits(&a.st_conf), bits(&b.st_conf));
    }
}

mod sobol_diagnostics {
    use super::*;

    /// An additive function: `S_i = ST_i = c_i² / Σ c²`.
    fn additive(n: usize) -> (stats::SaltelliDesign, Vec<f64>) {
        let (design, x) = saltelli(n, 3).unwrap();
        (design, x.iter().map(|r| r[0] + 2.0 * r[1] + 3.0 * r[2]).collect())
    }

    #[test]
    fn a_tiny_sample_is_flagged() {
        let (design, y) = additive(8);
        let d = sobol_convergence(&y, &design, 500, 0.95, &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        for w in &d.warnings {
            eprintln!("N = 8: {w}");
        }
        assert!(!d.warnings.is_empty());
        assert_eq!(d.warnings.len(), d.issues.len());
        assert!(d.issues.iter().any(|i| matches!(i, SobolIssue::WideInterval { .. })));
        assert!(d.half.is_some());
    }

    #[test]
    fn a_large_sample_is_quiet() {
        let (design, y) = additive(1 << 12);
        let d = sobol_convergence(&y, &design, 500, 0.95, &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        for i in 0..3 {
            let exact = [1.0, 4.0, 9.0][i] / 14.0;
            assert!((d.full.s1[i] - exact).abs() < 0.02);
        }
    }

    /// Outputs written directly (no model): `f(AB^1) = f(A) − f(B)` makes the S1 numerator of
    /// factor 0 `−mean(f(B)²)`, far below zero with a narrow interval.
    #[test]
    fn negative_indices_are_reported_with_numbers() {
        let design = stats::SaltelliDesign { n: 256, k: 2 };
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut y = Vec::with_capacity(design.rows());
        for _ in 0..design.n {
            let (a, b): (f64, f64) = (rng.random(), rng.random());
            y.extend([a, a - b, a + 0.1 * b, b]);
        }
        let d = sobol_convergence(&y, &design, 300, 0.95, &mut ChaCha8Rng::seed_from_u64(3)).unwrap();
        let negative = d
            .issues
            .iter()
            .find_map(|i| match *i {
                SobolIssue::NegativeBeyondCi { kind: IndexKind::S1, factor: 0, value, conf } => Some((value, conf)),
                _ => None,
            })
            .expect("S1 of factor 0 is negative beyond its interval");
        assert!(negative.0 + negative.1 < 0.0);
        let text = d.issues[0].describe(&["alpha", "beta"]);
        assert!(text.starts_with("S1 of alpha = -"), "{text}");
        assert!(text.contains("negative beyond its confidence interval"));
    }

    /// A "model" that changes half-way through the base sample (outputs of the first half depend
    /// on x1 only, the rest on x2 only): the first-half indices disagree with the full ones.
    #[test]
    fn indices_that_move_with_the_sample_are_unstable() {
        let (design, x) = saltelli(1024, 2).unwrap();
        let half_rows = design.prefix(512).rows();
        let y: Vec<f64> = x.iter().enumerate().map(|(row, p)| if row < half_rows { p[0] } else { p[1] }).collect();
        let d = sobol_convergence(&y, &design, 300, 0.95, &mut ChaCha8Rng::seed_from_u64(4)).unwrap();
        let half = d.half.as_ref().unwrap();
        assert!(half.s1[0] > 0.9, "first half sees only x1: {:?}", half.s1);
        let unstable: Vec<_> = d
            .issues
            .iter()
            .filter_map(|i| match *i {
                SobolIssue::Unstable { kind, factor, half, full, tolerance } => {
                    assert!((full - half).abs() > tolerance);
                    Some((kind, factor))
                }
                _ => None,
            })
            .collect();
        assert!(unstable.contains(&(IndexKind::S1, 0)), "{:?}", d.warnings);
        assert!(d.warnings.iter().any(|w| w.contains("unstable as the sample grows")));
        // A non-power-of-two base sample is reported.
        let (design, y) = additive(100);
        let d = sobol_convergence(&y, &design, 100, 0.95, &mut ChaCha8Rng::seed_from_u64(3)).unwrap();
        assert!(d.issues.contains(&SobolIssue::NotPowerOfTwo { n: 100 }));
        assert_eq!(IndexKind::S1.to_string(), "S1");
    }
}

mod morris_screening {
    use super::*;

    #[test]
    fn ranks_linear_quadratic_and_inert_factors() {
        let (r, k, levels) = (40, 3, 4);
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let x = morris_trajectories(r, k, levels, &mut rng).unwrap();
        let y: Vec<f64> = x.iter().map(|p| 10.0 * p[0] + p[1] * p[1]).collect();
        let m = morris_indices(&x, &y, r, k, 500, 0.95, &mut rng).unwrap();
        for (i, mi) in m.iter().enumerate() {
            eprintln!(
                "x{}: mu = {:.4}, mu* = {:.4} ± {:.4}, sigma = {:.4}",
                i + 1,
                mi.mu,
                mi.mu_star,
                mi.mu_star_conf,
                mi.sigma
            );
        }
        assert!(m[0].mu_star > m[1].mu_star && m[1].mu_star > m[2].mu_star);
        assert!((m[0].mu_star - 10.0).abs() < 1e-9 && (m[0].mu - 10.0).abs() < 1e-9);
        assert!(m[0].sigma < 1e-9, "linear term has no spread: {}", m[0].sigma);
        assert!(m[1].sigma > 0.1, "quadratic term's effect depends on where it is taken");
        assert_eq!((m[2].mu, m[2].mu_star, m[2].sigma), (0.0, 0.0, 0.0));
        // x2's effect (x + Δ)² − x² over Δ is 2x + Δ, between Δ and 2(1 − Δ) + Δ.
        let delta = morris_delta(levels);
        assert!(m[1].mu_star >= delta - 1e-12 && m[1].mu_star <= 2.0 - delta + 1e-12);
    }
}

mod prim_discovery {
    use super::*;

    #[test]
    fn recovers_a_known_box_with_label_noise() {
        let mut rng = ChaCha8Rng::seed_from_u64(1999);
        let n = 4000;
        let x: Vec<Vec<f64>> = (0..n).map(|_| (0..3).map(|_| rng.random::<f64>()).collect()).collect();
        let y: Vec<bool> = x
            .iter()
            .map(|p| {
                let truth = p[0] > 0.6 && p[1] < 0.4;
                // 2 % of the labels flipped.
                if rng.random::<f64>() < 0.02 { !truth } else { truth }
            })
            .collect();
        let result = prim(&x, &y, 0.05, 0.05, 0.9).unwrap();
        assert!(result.threshold_met);
        let b = &result.trajectory[result.chosen];
        eprintln!(
            "chosen box {} of {}: x1 in [{:.3}, {:.3}], x2 in [{:.3}, {:.3}], x3 in [{:.3}, {:.3}]; \
             coverage {:.3}, density {:.3}, mass {:.3}, restricted {:?}",
            result.chosen,
            result.trajectory.len(),
            b.lower[0],
            b.upper[0],
            b.lower[1],
            b.upper[1],
            b.lower[2],
            b.upper[2],
            b.coverage,
            b.density,
            b.mass,
            b.restricted
        );
        assert!((b.lower[0] - 0.6).abs() < 0.05, "x1 lower bound {}", b.lower[0]);
        assert!((b.upper[1] - 0.4).abs() < 0.05, "x2 upper bound {}", b.upper[1]);
        assert_eq!(b.restricted, vec![0, 1], "x3 must stay unrestricted");
        assert!(b.density >= 0.9 && b.coverage >= 0.8);
        // Pasting never lowers density.
        let pasted = paste(&x, &y, b, 0.05).unwrap();
        assert!(pasted.density >= b.density);
        assert!(pasted.coverage >= b.coverage);
    }

    #[test]
    fn falls_back_to_the_densest_box_when_the_threshold_is_out_of_reach() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let x: Vec<Vec<f64>> = (0..500).map(|_| vec![rng.random::<f64>(), rng.random::<f64>()]).collect();
        let y: Vec<bool> = (0..500).map(|_| rng.random::<f64>() < 0.3).collect();
        let result = prim(&x, &y, 0.1, 0.1, 1.0).unwrap();
        assert!(!result.threshold_met);
        let best = result.trajectory.iter().map(|b| b.density).fold(0.0, f64::max);
        assert_eq!(result.trajectory[result.chosen].density, best);
    }
}

mod designs {
    use super::*;

    #[test]
    fn latin_hypercube_has_one_point_per_stratum() {
        let (n, k) = (37, 5);
        let x = latin_hypercube(n, k, &mut ChaCha8Rng::seed_from_u64(8));
        assert_eq!(x.len(), n);
        for d in 0..k {
            let mut strata: Vec<usize> = x.iter().map(|p| (p[d] * n as f64).floor() as usize).collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..n).collect::<Vec<_>>());
            assert!(x.iter().all(|p| (0.0..1.0).contains(&p[d])));
        }
        let again = latin_hypercube(n, k, &mut ChaCha8Rng::seed_from_u64(8));
        assert_eq!(x, again);
        assert!(latin_hypercube(0, 3, &mut ChaCha8Rng::seed_from_u64(8)).is_empty());
    }

    #[test]
    fn full_factorial_counts_and_orders() {
        let f = full_factorial(&[2, 2, 3]);
        assert_eq!(f.len(), 12);
        assert_eq!(f[0], vec![0, 0, 0]);
        assert_eq!(f[1], vec![0, 0, 1]);
        assert_eq!(f[3], vec![0, 1, 0]);
        assert_eq!(f[11], vec![1, 1, 2]);
    }

    #[test]
    fn sobol_first_points() {
        let p = sobol_points(5, 2).unwrap();
        assert_eq!(p.iter().map(|x| x[0]).collect::<Vec<_>>(), [0.5, 0.75, 0.25, 0.375, 0.875]);
        assert_eq!(p.iter().map(|x| x[1]).collect::<Vec<_>>(), [0.5, 0.25, 0.75, 0.375, 0.875]);
    }
}

mod summaries {
    use super::*;

    #[test]
    fn quantiles_of_one_to_ten_are_type_7() {
        let s = summarise(&(1..=10).map(f64::from).collect::<Vec<_>>());
        let expected = [1.45, 3.25, 5.5, 7.75, 9.55];
        for (got, want) in [s.q05, s.q25, s.q50, s.q75, s.q95].into_iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn bootstrap_is_reproducible_for_a_seed() {
        let values: Vec<f64> = (0..50).map(|i| f64::from(i).sqrt()).collect();
        let a = bootstrap_mean_ci(&values, 1000, 0.9, &mut ChaCha8Rng::seed_from_u64(77));
        let b = bootstrap_mean_ci(&values, 1000, 0.9, &mut ChaCha8Rng::seed_from_u64(77));
        assert_eq!((a.0.to_bits(), a.1.to_bits()), (b.0.to_bits(), b.1.to_bits()));
        assert!(a.0 < a.1);
    }
}
