//! Properties every design and statistic must have, for arbitrary sizes and seeds.

#![allow(clippy::float_cmp)]

use proptest::prelude::*;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use stats::design::saltelli;
use stats::{
    bootstrap_mean_ci, full_factorial, latin_hypercube, morris_trajectories, prim, sobol_indices, sobol_points,
    summarise,
};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn latin_hypercube_stratifies_every_dimension(n in 1usize..80, k in 0usize..6, seed: u64) {
        let x = latin_hypercube(n, k, &mut ChaCha8Rng::seed_from_u64(seed));
        prop_assert_eq!(x.len(), n);
        for d in 0..k {
            let mut strata: Vec<usize> = x.iter().map(|p| (p[d] * n as f64).floor() as usize).collect();
            strata.sort_unstable();
            prop_assert_eq!(strata, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn sobol_prefixes_agree_and_stay_in_the_unit_cube(n in 0usize..300, m in 0usize..300, dims in 1usize..=128) {
        let long = sobol_points(n.max(m), dims).unwrap();
        let short = sobol_points(n.min(m), dims).unwrap();
        prop_assert_eq!(&long[..short.len()], &short[..]);
        prop_assert!(long.iter().flatten().all(|v| (0.0..1.0).contains(v)));
    }

    #[test]
    fn saltelli_rows_share_columns_with_a_and_b(n in 2usize..40, k in 1usize..8) {
        let (design, rows) = saltelli(n, k).unwrap();
        prop_assert_eq!(rows.len(), n * (k + 2));
        for j in 0..n {
            let block = &rows[j * (k + 2)..(j + 1) * (k + 2)];
            let (a, b) = (&block[0], &block[k + 1]);
            for i in 0..k {
                for c in 0..k {
                    prop_assert_eq!(block[1 + i][c], if c == i { b[c] } else { a[c] });
                }
            }
        }
        prop_assert_eq!(design.rows(), rows.len());
    }

    #[test]
    fn morris_trajectories_move_each_factor_once(r in 1usize..10, k in 1usize..8, half in 1usize..5, seed: u64) {
        let levels = 2 * half;
        let x = morris_trajectories(r, k, levels, &mut ChaCha8Rng::seed_from_u64(seed)).unwrap();
        prop_assert_eq!(x.len(), r * (k + 1));
        let delta = levels as f64 / (2.0 * (levels as f64 - 1.0));
        for t in 0..r {
            let mut moved = vec![0; k];
            for s in 1..=k {
                let (p, q) = (&x[t * (k + 1) + s - 1], &x[t * (k + 1) + s]);
                let changed: Vec<usize> = (0..k).filter(|&i| (q[i] - p[i]) != 0.0).collect();
                prop_assert_eq!(changed.len(), 1);
                prop_assert!(((q[changed[0]] - p[changed[0]]).abs() - delta).abs() < 1e-12);
                moved[changed[0]] += 1;
            }
            prop_assert_eq!(moved, vec![1; k]);
        }
        prop_assert!(x.iter().flatten().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn full_factorial_is_every_combination_in_order(levels in proptest::collection::vec(1usize..5, 0..5)) {
        let f = full_factorial(&levels);
        prop_assert_eq!(f.len(), levels.iter().product::<usize>());
        prop_assert!(f.windows(2).all(|w| w[0] < w[1]), "strictly increasing lexicographic order");
        prop_assert!(f.iter().all(|c| c.iter().zip(&levels).all(|(i, l)| i < l)));
    }

    #[test]
    fn summary_statistics_are_ordered(values in proptest::collection::vec(prop_oneof![
        9 => -1e6f64..1e6,
        1 => Just(f64::NAN),
    ], 0..60)) {
        let s = summarise(&values);
        prop_assert_eq!(s.n + s.missing, values.len());
        if s.n > 0 {
            let q = [s.min, s.q05, s.q25, s.q50, s.q75, s.q95, s.max];
            prop_assert!(q.windows(2).all(|w| w[0] <= w[1]), "{:?}", q);
            prop_assert!(s.mean >= s.min - 1e-9 && s.mean <= s.max + 1e-9);
        }
    }

    #[test]
    fn bootstrap_interval_is_ordered_and_inside_the_data(values in proptest::collection::vec(-100.0f64..100.0, 1..40), seed: u64) {
        let (lo, hi) = bootstrap_mean_ci(&values, 200, 0.9, &mut ChaCha8Rng::seed_from_u64(seed));
        let s = summarise(&values);
        prop_assert!(lo <= hi);
        prop_assert!(lo >= s.min - 1e-9 && hi <= s.max + 1e-9);
    }

    #[test]
    fn sobol_indices_ignore_affine_rescaling(scale in 0.01f64..100.0, shift in -1e3f64..1e3, seed: u64) {
        let (design, x) = saltelli(64, 3).unwrap();
        let y: Vec<f64> = x.iter().map(|r| (6.0 * r[0]).sin() + r[1] * r[2] + 0.3 * r[2]).collect();
        let z: Vec<f64> = y.iter().map(|v| scale * v + shift).collect();
        let a = sobol_indices(&y, &design, 50, 0.95, &mut ChaCha8Rng::seed_from_u64(seed)).unwrap();
        let b = sobol_indices(&z, &design, 50, 0.95, &mut ChaCha8Rng::seed_from_u64(seed)).unwrap();
        for i in 0..3 {
            prop_assert!((a.s1[i] - b.s1[i]).abs() < 1e-6, "{} vs {}", a.s1[i], b.s1[i]);
            prop_assert!((a.st[i] - b.st[i]).abs() < 1e-6);
            prop_assert!((a.s1_conf[i] - b.s1_conf[i]).abs() < 1e-6);
        }
    }

    #[test]
    fn prim_boxes_shrink_and_respect_the_minimum_mass(
        n in 20usize..300,
        k in 1usize..4,
        alpha in 0.02f64..0.5,
        mass_min in 0.01f64..0.5,
        seed: u64,
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let x: Vec<Vec<f64>> = (0..n).map(|_| (0..k).map(|_| rng.random::<f64>()).collect()).collect();
        let mut y: Vec<bool> = x.iter().map(|p| p[0] + rng.random::<f64>() * 0.5 > 0.8).collect();
        y[0] = true;
        let r = prim(&x, &y, alpha, mass_min, 0.7).unwrap();
        prop_assert!(r.chosen < r.trajectory.len());
        prop_assert_eq!(r.trajectory[0].count, n);
        for w in r.trajectory.windows(2) {
            prop_assert!(w[1].count < w[0].count);
            for d in 0..k {
                prop_assert!(w[1].lower[d] >= w[0].lower[d] && w[1].upper[d] <= w[0].upper[d]);
            }
        }
        for b in &r.trajectory[1..] {
            prop_assert!(b.mass >= mass_min - 1e-12);
            prop_assert!((0.0..=1.0).contains(&b.coverage) && (0.0..=1.0).contains(&b.density));
        }
    }
}
