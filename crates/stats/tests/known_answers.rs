//! Every design and estimator against a problem whose answer is known in closed form.

#![allow(clippy::float_cmp)]

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use stats::analysis::{IndexKind, SobolIssue, noise_decomposition, noise_share, paste, replications_for_share};
use stats::design::{morris_delta, saltelli, saltelli_second_order};
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

mod sobol_second_order {
    use super::*;
    use std::f64::consts::PI;

    fn ishigami_outputs(n: usize) -> (stats::SaltelliDesign, Vec<f64>) {
        let (design, unit) = saltelli_second_order(n, 3).unwrap();
        let y = unit
            .iter()
            .map(|u| {
                let x: Vec<f64> = u.iter().map(|&t| -PI + 2.0 * PI * t).collect();
                x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
            })
            .collect();
        (design, y)
    }

    /// Ishigami's only interaction is x1–x3: `S13 = V13 / V = b² π⁸ (1/18 − 1/50) / V ≈ 0.2437`
    /// (see `sobol_ishigami::analytic`), and `S12 = S23 = 0`.
    #[test]
    fn ishigami_pairs_match_the_closed_form() {
        let (a, b) = (7.0, 0.1);
        let v = a * a / 8.0 + b * PI.powi(4) / 5.0 + b * b * PI.powi(8) / 18.0 + 0.5;
        let s13 = b * b * PI.powi(8) * (1.0 / 18.0 - 1.0 / 50.0) / v;
        assert!((s13 - 0.2437).abs() < 1e-4);
        let (design, y) = ishigami_outputs(1 << 13);
        let est = sobol_indices(&y, &design, 500, 0.95, &mut ChaCha8Rng::seed_from_u64(7)).unwrap();
        assert_eq!(est.s2.len(), 3);
        for (pair, exact) in [((0, 1), 0.0), ((0, 2), s13), ((1, 2), 0.0)] {
            let p = est.pair(pair.0, pair.1).unwrap();
            eprintln!("S{}{} = {:.4} ± {:.4} (exact {exact:.4})", pair.0 + 1, pair.1 + 1, p.s2, p.conf);
            assert!((p.s2 - exact).abs() < 0.03, "S2{pair:?} = {} vs {exact}", p.s2);
            assert!((p.s2 - exact).abs() <= p.conf, "the interval of S2{pair:?} misses the exact value");
        }
        // The first- and total-order rows are those of the first-order design.
        let (first_design, first_unit) = saltelli(1 << 13, 3).unwrap();
        let first_y: Vec<f64> = first_unit
            .iter()
            .map(|u| {
                let x: Vec<f64> = u.iter().map(|&t| -PI + 2.0 * PI * t).collect();
                x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
            })
            .collect();
        let first = sobol_indices(&first_y, &first_design, 10, 0.95, &mut ChaCha8Rng::seed_from_u64(7)).unwrap();
        assert_eq!(first.s1, est.s1);
        assert_eq!(first.st, est.st);
        assert!(first.s2.is_empty());
        // The convergence check knows second-order indices: quiet at this size, loud at N = 8.
        let d = sobol_convergence(&y, &design, 300, 0.95, &mut ChaCha8Rng::seed_from_u64(8)).unwrap();
        assert!(!d.issues.iter().any(|i| matches!(i, SobolIssue::PairWideInterval { .. })), "{:?}", d.warnings);
        let (small, y8) = ishigami_outputs(8);
        let d = sobol_convergence(&y8, &small, 300, 0.95, &mut ChaCha8Rng::seed_from_u64(8)).unwrap();
        let wide =
            d.issues.iter().find(|i| matches!(i, SobolIssue::PairWideInterval { .. })).expect("S2 too uncertain");
        assert!(wide.describe(&["x1", "x2", "x3"]).starts_with("S2 of x1 × x2 = "), "{}", wide.describe(&[]));
    }

    /// SALib 1.6.0 `sobol.analyze(problem, Y, calc_second_order=True)` on the same outputs (the
    /// Ishigami function at this design, N = 1024, built independently from SciPy's unscrambled
    /// Sobol' sequence with its first point dropped). SALib centres every output on the mean of
    /// all of them and we on the mean of `f(A)` and `f(B)`: S1 and ST do not depend on the
    /// centre, S2 does through `c · mean(f(BA^i) + f(AB^l) − f(A) − f(B)) / V`, a term that
    /// vanishes in expectation; on this sample it stays below 1e-5.
    /// `tools/reference/scenario_discovery.py` prints SALib's values.
    #[test]
    fn agrees_with_salib_on_the_same_outputs() {
        let salib_s1 = [0.333_160_357_5, 0.442_094_003_4, 0.018_593_277_4];
        let salib_st = [0.558_497_772_5, 0.443_771_378_9, 0.242_287_574_7];
        let salib_s2 = [((0, 1), -1.070_141_633_0e-4), ((0, 2), 2.277_218_646_2e-1), ((1, 2), 4.333_183_192_3e-3)];
        let (design, y) = ishigami_outputs(1024);
        let est = sobol_indices(&y, &design, 100, 0.95, &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        for i in 0..3 {
            eprintln!("S1 {} vs {}; ST {} vs {}", est.s1[i], salib_s1[i], est.st[i], salib_st[i]);
            assert!((est.s1[i] - salib_s1[i]).abs() < 1e-6);
            assert!((est.st[i] - salib_st[i]).abs() < 1e-6);
        }
        for ((i, j), want) in salib_s2 {
            let got = est.pair(i, j).unwrap().s2;
            eprintln!("S2 ({i}, {j}) {got} vs {want}");
            assert!((got - want).abs() < 1e-5, "S2 ({i}, {j}) = {got} vs SALib {want}");
        }
    }
}

mod noisy_model {
    use super::*;

    const C: [f64; 4] = [1.0, 2.0, 3.0, 0.0];
    /// `Var(f) = Σ c² / 12` for `f = Σ c_i x_i`, `x_i ~ U(0, 1)`.
    const VAR_F: f64 = 14.0 / 12.0;

    /// `y = Σ c_i x_i + ε`, `ε` uniform with variance `VAR_F` (a single run is half noise), `r`
    /// replications per row of a Saltelli design: the groups of outputs per row.
    fn replicated(n: usize, r: usize, seed: u64) -> (stats::SaltelliDesign, Vec<Vec<f64>>) {
        let (design, x) = saltelli(n, 4).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let half_width = (3.0 * VAR_F).sqrt(); // U(−h, h) has variance h² / 3.
        let groups = x
            .iter()
            .map(|p| {
                let f: f64 = p.iter().zip(&C).map(|(a, c)| a * c).sum();
                (0..r).map(|_| f + half_width * (2.0 * rng.random::<f64>() - 1.0)).collect()
            })
            .collect();
        (design, groups)
    }

    fn means(groups: &[Vec<f64>]) -> Vec<f64> {
        groups.iter().map(|g| g.iter().sum::<f64>() / g.len() as f64).collect()
    }

    /// Known answer: `σ²_ε = σ²_m = 14/12`, so the mean of 4 replications is
    /// `(1/4) / (1 + 1/4) = 20 %` noise, the indices on the means are expected at
    /// `S_i (1 − η)` and `ST_i (1 − η) + η` with `S_i = ST_i = c_i² / 14`, the inert factor's
    /// ST at `η`, the corrected indices at `c_i² / 14`, and 9 replications bring the noise share
    /// of the mean to 10 % (`r ≥ σ²_ε (1 − 0.1) / (0.1 σ²_m) = 9`).
    #[test]
    fn noise_share_and_corrected_indices() {
        let (design, groups) = replicated(1 << 12, 4, 31);
        let d = noise_decomposition(&groups).unwrap();
        eprintln!("{d:?}, share of mean {}", d.share_of_mean());
        assert_eq!(d.replications, 4.0);
        assert!((d.within / VAR_F - 1.0).abs() < 0.02, "within {}", d.within);
        assert!((d.between / VAR_F - 1.0).abs() < 0.05, "between {}", d.between);
        assert!((d.share_of_mean() - 0.2).abs() < 0.01);
        assert!((d.share_of_run() - 0.5).abs() < 0.02);
        assert!((noise_share(VAR_F, VAR_F, 4.0) - 0.2).abs() < 1e-15);
        assert_eq!(replications_for_share(VAR_F, VAR_F, 0.1), Some(9));
        let needed = replications_for_share(d.within, d.between, 0.1).unwrap();
        assert!((8..=10).contains(&needed), "{needed}");

        let y = means(&groups);
        let raw = sobol_indices(&y, &design, 200, 0.95, &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        let eta = d.share_of_mean();
        let fixed = raw.corrected_for_noise(eta);
        for (i, c) in C.iter().enumerate() {
            let exact = c * c / 14.0;
            eprintln!(
                "x{i}: raw S1 {:.4} ST {:.4}; corrected S1 {:.4} ST {:.4}",
                raw.s1[i], raw.st[i], fixed.s1[i], fixed.st[i]
            );
            assert!((raw.s1[i] - 0.8 * exact).abs() < 0.03, "raw S1[{i}] = {}", raw.s1[i]);
            assert!((raw.st[i] - (0.8 * exact + 0.2)).abs() < 0.03, "raw ST[{i}] = {}", raw.st[i]);
            assert!((fixed.s1[i] - exact).abs() < 0.03, "corrected S1[{i}] = {}", fixed.s1[i]);
            assert!((fixed.st[i] - exact).abs() < 0.03, "corrected ST[{i}] = {}", fixed.st[i]);
        }
        assert!((raw.noise_share_bound() - 0.2).abs() < 0.03);
    }

    /// One replication: each run is half noise and the four total indices sum to
    /// `(1 − η) + 4η = 2.5`; the noise cannot be estimated, but the smallest total index (that of
    /// the inert factor) bounds it.
    #[test]
    fn one_replication_counts_the_noise_in_every_total_index() {
        let (design, groups) = replicated(1 << 12, 1, 32);
        assert!(noise_decomposition(&groups).is_err());
        let y = means(&groups);
        let raw = sobol_indices(&y, &design, 100, 0.95, &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        let sum: f64 = raw.st.iter().sum();
        eprintln!("sum of ST with one replication: {sum:.4}");
        assert!((sum - 2.5).abs() < 0.1, "{sum}");
        assert!((raw.noise_share_bound() - 0.5).abs() < 0.05);
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
        let design = stats::SaltelliDesign::first_order(256, 2);
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

mod prim_workbench {
    use super::*;
    use stats::analysis::{PrimConvention, prim_with};

    /// Cases from irrational rotations (the same doubles in any language), 4 inputs of which the
    /// last takes the tied values 0, 1, 2; the box `x1 > 0.6, x2 < 0.4` with 3 % of the labels
    /// flipped by a fifth rotation.
    fn cases() -> (Vec<Vec<f64>>, Vec<bool>) {
        let frac = |i: f64, c: f64| (i * c) % 1.0;
        let x: Vec<Vec<f64>> = (1..=1000)
            .map(|i| {
                let t = f64::from(i);
                vec![
                    frac(t, 0.618_033_988_749_894_9),
                    frac(t, 0.414_213_562_373_095_15),
                    frac(t, 0.732_050_807_568_877_2),
                    f64::from(i % 3),
                ]
            })
            .collect();
        let y = x
            .iter()
            .zip(1..=1000)
            .map(|(p, i)| ((p[0] > 0.6) && (p[1] < 0.4)) ^ (frac(f64::from(i), 0.236_067_977_499_789_8) < 0.03))
            .collect();
        (x, y)
    }

    /// The EMA Workbench 2.5.3's peeling trajectory on these cases
    /// (`Prim(x, y, threshold=0.8, obj_function=PRIMObjectiveFunctions.ORIGINAL, peel_alpha=0.05,
    /// mass_min=0.05)`, then `_peel` on the box of all cases): for each peel, the cases and
    /// positives left in the box, the input, the side (`true` = upper) and the new bound. Bounds
    /// sit halfway between cases; the tied input x4 is peeled at 0.5, cutting the value 0 whole.
    /// `tools/reference/scenario_discovery.py` prints the Workbench's trajectory.
    #[test]
    fn peeling_matches_the_ema_workbench() {
        let moves: [(usize, usize, usize, bool, f64); 48] = [
            (950, 190, 1, true, 0.9499269370552028),
            (902, 189, 1, true, 0.9011537017761526),
            (856, 187, 1, true, 0.855518528076729),
            (813, 186, 1, true, 0.8128419472075663),
            (772, 186, 1, true, 0.7722574073914998),
            (733, 185, 1, true, 0.7327188881019708),
            (696, 183, 1, true, 0.6961389616426814),
            (661, 181, 1, true, 0.660605055709965),
            (627, 181, 1, true, 0.6269837220809311),
            (595, 181, 1, true, 0.5945878777278253),
            (565, 180, 1, true, 0.5641046056784127),
            (536, 179, 1, true, 0.5357133746821034),
            (509, 177, 1, true, 0.5083681642123281),
            (483, 177, 1, true, 0.4829355260462549),
            (458, 177, 1, true, 0.457502887880203),
            (435, 177, 1, true, 0.4341622907672118),
            (413, 176, 1, true, 0.41291373470731685),
            (392, 172, 1, true, 0.3914857098980704),
            (372, 166, 0, false, 0.046411229955431565),
            (353, 166, 0, false, 0.09341558055567134),
            (335, 166, 0, false, 0.14160617244556306),
            (318, 166, 0, false, 0.18669114432029232),
            (302, 166, 0, false, 0.22926361682472418),
            (286, 166, 0, false, 0.2724292099739456),
            (271, 166, 0, false, 0.3087904424480854),
            (257, 166, 0, false, 0.3486238636552912),
            (244, 166, 0, false, 0.3761213399377823),
            (231, 166, 0, false, 0.4146285030643213),
            (219, 166, 0, false, 0.4440453580723016),
            (208, 166, 0, false, 0.4709497137099561),
            (197, 165, 0, false, 0.5007331374358728),
            (129, 109, 3, false, 0.5),
            (122, 105, 0, false, 0.5301499924439028),
            (115, 105, 0, false, 0.5574209167994866),
            (109, 105, 0, false, 0.5849183930819635),
            (103, 103, 0, false, 0.6071643186969311),
            (97, 97, 0, true, 0.9778940911761254),
            (92, 92, 0, true, 0.9556481655611435),
            (87, 87, 0, true, 0.9418994274198838),
            (82, 82, 0, true, 0.9223925531021422),
            (77, 77, 0, true, 0.9011063168499263),
            (73, 73, 0, true, 0.887357578708702),
            (69, 69, 0, true, 0.8691769624716201),
            (65, 65, 0, true, 0.8538754143228289),
            (61, 61, 0, true, 0.8416794861891503),
            (57, 57, 0, true, 0.8219460599444943),
            (54, 54, 0, true, 0.8128557518259782),
            (51, 51, 0, true, 0.7991070136847043),
        ];
        let (x, y) = cases();
        let r = prim(&x, &y, 0.05, 0.05, 0.8).unwrap();
        assert_eq!(r.convention, PrimConvention::Workbench);
        assert_eq!(r.trajectory.len(), moves.len() + 1);
        let positives = y.iter().filter(|&&b| b).count();
        assert_eq!(positives, 190);
        for (j, &(count, pos, dim, upper, bound)) in moves.iter().enumerate() {
            let (before, after) = (&r.trajectory[j], &r.trajectory[j + 1]);
            assert_eq!(
                (after.count, (after.coverage * positives as f64).round() as usize),
                (count, pos),
                "box {}",
                j + 1
            );
            let (got, was) =
                if upper { (after.upper[dim], before.upper[dim]) } else { (after.lower[dim], before.lower[dim]) };
            assert_ne!(got, was, "box {}: the bound of input {dim} moves", j + 1);
            assert!((got - bound).abs() < 1e-15, "box {}: bound {got} vs {bound}", j + 1);
        }
        // The old convention keeps the same cases but puts bounds on them.
        let d = prim_with(&x, &y, 0.05, 0.05, 0.8, PrimConvention::DataPoint).unwrap();
        let on_data = |b: &stats::PrimBox| {
            (0..4).all(|k| x.iter().any(|p| p[k] == b.lower[k]) && x.iter().any(|p| p[k] == b.upper[k]))
        };
        assert!(d.trajectory.iter().all(on_data));
        assert!(!r.trajectory.iter().all(on_data));
    }

    /// The EMA Workbench 2.5.3's quasi-p-values (`PrimBox.qp` after `select(i)`, its
    /// `calculate_qp`) of four boxes of the same trajectory, `[lower, upper]` per restricted
    /// input with −1 for a side left alone (`tools/reference/scenario_discovery.py` prints them).
    /// Ours agree to 1e-9 relative, including values near 1e-45.
    #[test]
    fn quasi_p_values_match_the_ema_workbench() {
        type Expected = &'static [(usize, f64, f64)];
        let boxes: [(usize, Expected); 4] = [
            (20, &[(0, 0.12762825486652324, -1.0), (1, -1.0, 1.2214789795574803e-31)]),
            (31, &[(0, 7.222167988059235e-31, -1.0), (1, -1.0, 6.401802388932937e-45)]),
            (36, &[(0, 4.0342015620906346e-38, -1.0), (1, -1.0, 1.855775976465248e-41), (3, 1.0, -1.0)]),
            (48, &[(0, 7.474307208567938e-28, 1.0), (1, -1.0, 1.1180521815202864e-20), (3, 1.0, -1.0)]),
        ];
        let (x, y) = cases();
        let r = prim(&x, &y, 0.05, 0.05, 0.8).unwrap();
        let close = |got: Option<f64>, want: f64| match got {
            None => want == -1.0,
            Some(v) => want >= 0.0 && (v - want).abs() <= 1e-9 * want,
        };
        for (index, expected) in boxes {
            let q = stats::analysis::quasi_p_values(&x, &y, &r.trajectory[index]).unwrap();
            assert_eq!(q.len(), expected.len(), "box {index}: {q:?}");
            for (got, &(input, lower, upper)) in q.iter().zip(expected) {
                assert_eq!(got.input, input, "box {index}");
                assert!(
                    close(got.lower, lower) && close(got.upper, upper),
                    "box {index}: {got:?} vs [{lower}, {upper}]"
                );
            }
        }
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
