//! ABC-SMC against problems whose posterior is known: a Poisson rate with a gamma prior, a
//! normal mean with a normal prior, simulation-based calibration on a normal toy model, and the
//! building blocks (ESS, tolerance quantile, importance weights, errors, determinism, resume).

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use stats::StatsError;
use stats::calibration::{
    AbcConfig, AbcSmc, Distribution, Generation, KernelKind, Observed, Particle, PerturbationKernel, Prior, StopReason,
    kish_ess, particle_rng, smc_weights, weighted_quantile,
};

/// A uniform in (0, 1).
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    loop {
        let u: f64 = rng.random();
        if u > 0.0 {
            return u;
        }
    }
}

/// A standard normal by Box–Muller (cosine branch).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1 = uniform(rng);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A Poisson draw by Knuth's product of uniforms (fine for the means below 60 used here).
fn poisson(rng: &mut ChaCha8Rng, mean: f64) -> f64 {
    let limit = (-mean).exp();
    let mut k = 0.0;
    let mut p = uniform(rng);
    while p > limit {
        k += 1.0;
        p *= uniform(rng);
    }
    k
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

mod building_blocks {
    use super::*;

    #[test]
    fn kish_ess_of_known_weights() {
        assert!(close(kish_ess(&[1.0; 8]).unwrap(), 8.0, 1e-12));
        assert!(close(kish_ess(&[0.25; 4]).unwrap(), 4.0, 1e-12));
        assert!(close(kish_ess(&[1.0, 0.0, 0.0]).unwrap(), 1.0, 1e-12));
        // (1 + 2 + 3 + 4)² / (1 + 4 + 9 + 16) = 100 / 30.
        assert!(close(kish_ess(&[1.0, 2.0, 3.0, 4.0]).unwrap(), 10.0 / 3.0, 1e-12));
        assert!(matches!(kish_ess(&[]), Err(StatsError::Empty { .. })));
        assert!(matches!(kish_ess(&[1.0, f64::NAN]), Err(StatsError::NonFinite { index: 1, .. })));
        assert!(matches!(kish_ess(&[1.0, -1.0]), Err(StatsError::InvalidParameter { .. })));
        assert!(matches!(kish_ess(&[0.0, 0.0]), Err(StatsError::InvalidParameter { .. })));
    }

    #[test]
    fn tolerance_is_the_weighted_quantile_of_distances() {
        let d = [4.0, 1.0, 3.0, 2.0];
        // Equal weights: the distribution function steps 0.25, 0.5, 0.75, 1 at 1, 2, 3, 4.
        let eq = [1.0; 4];
        assert!(close(weighted_quantile(&d, &eq, 0.5).unwrap(), 2.0, 0.0));
        assert!(close(weighted_quantile(&d, &eq, 0.51).unwrap(), 3.0, 0.0));
        assert!(close(weighted_quantile(&d, &eq, 0.0).unwrap(), 1.0, 0.0));
        assert!(close(weighted_quantile(&d, &eq, 1.0).unwrap(), 4.0, 0.0));
        // Weights (0.1, 0.6, 0.1, 0.2) on (4, 1, 3, 2): F(1) = 0.6, so the median is 1; F(2) = 0.8.
        let w = [0.1, 0.6, 0.1, 0.2];
        assert!(close(weighted_quantile(&d, &w, 0.5).unwrap(), 1.0, 0.0));
        assert!(close(weighted_quantile(&d, &w, 0.7).unwrap(), 2.0, 0.0));
        assert!(close(weighted_quantile(&d, &w, 0.85).unwrap(), 3.0, 0.0));
        // Ties are summed: F(0) = 0.5 over two particles at distance 0.
        assert!(close(weighted_quantile(&[0.0, 0.0, 1.0, 2.0], &eq, 0.5).unwrap(), 0.0, 0.0));
        assert!(weighted_quantile(&d, &eq, 1.5).is_err());
        assert!(weighted_quantile(&d, &eq[..3], 0.5).is_err());
        assert!(weighted_quantile(&[], &[], 0.5).is_err());
        assert!(weighted_quantile(&[f64::NAN], &[1.0], 0.5).is_err());
    }

    /// One parameter, prior U(0, 10) (density 0.1), parents θ = 1 and 3 with weights ¼ and ¾,
    /// kernel N(0, 1). Proposals θ = 1 and 2:
    /// - θ = 1: Σ W K = ¼ φ(0) + ¾ φ(2), so w ∝ 0.1 / (¼ φ(0) + ¾ φ(2));
    /// - θ = 2: Σ W K = ¼ φ(1) + ¾ φ(1) = φ(1), so w ∝ 0.1 / φ(1).
    #[test]
    fn importance_weights_on_a_hand_computed_case() {
        let prior = Prior::from_pairs([("x", Distribution::Uniform { lo: 0.0, hi: 10.0 })]).unwrap();
        let kernel = PerturbationKernel::from_covariance(&[vec![1.0]]).unwrap();
        let parents = [
            Particle { theta: vec![1.0], weight: 0.25, distance: 0.0 },
            Particle { theta: vec![3.0], weight: 0.75, distance: 0.0 },
        ];
        let phi = |z: f64| (-0.5 * z * z).exp() / std::f64::consts::TAU.sqrt();
        let a = 0.1 / (0.25 * phi(0.0) + 0.75 * phi(2.0));
        let b = 0.1 / phi(1.0);
        let w = smc_weights(&prior, &kernel, &parents, &[vec![1.0], vec![2.0]]).unwrap();
        assert!(close(w[0], a / (a + b), 1e-14), "{w:?}");
        assert!(close(w[1], b / (a + b), 1e-14), "{w:?}");
        // Unnormalised parent weights give the same answer.
        let scaled = [
            Particle { theta: vec![1.0], weight: 1.0, distance: 0.0 },
            Particle { theta: vec![3.0], weight: 3.0, distance: 0.0 },
        ];
        assert_eq!(w, smc_weights(&prior, &kernel, &scaled, &[vec![1.0], vec![2.0]]).unwrap());
        // A proposal outside the prior gets weight 0.
        let w = smc_weights(&prior, &kernel, &parents, &[vec![1.0], vec![-1.0]]).unwrap();
        assert!(close(w[0], 1.0, 1e-15) && close(w[1], 0.0, 0.0));
        assert!(smc_weights(&prior, &kernel, &parents, &[vec![-1.0]]).is_err());
        assert!(smc_weights(&prior, &kernel, &[], &[vec![1.0]]).is_err());
        assert!(smc_weights(&prior, &kernel, &parents, &[vec![1.0, 2.0]]).is_err());
    }

    fn toy(config: AbcConfig) -> AbcSmc<impl Fn(&[f64], &mut ChaCha8Rng) -> Vec<f64>> {
        let prior =
            Prior::from_pairs([("mu", Distribution::Normal { mean: 0.0, sd: 1.0, lo: -5.0, hi: 5.0 })]).unwrap();
        let observed = Observed::unscaled(vec![0.5]).unwrap();
        AbcSmc::new(prior, observed, config, |theta: &[f64], rng: &mut ChaCha8Rng| vec![theta[0] + normal(rng)])
            .unwrap()
    }

    #[test]
    fn bad_settings_and_simulators_are_errors_not_panics() {
        let prior = Prior::from_pairs([("mu", Distribution::Uniform { lo: 0.0, hi: 1.0 })]).unwrap();
        let observed = Observed::unscaled(vec![0.5]).unwrap();
        let sim = |_: &[f64], _: &mut ChaCha8Rng| vec![0.0];
        for config in [
            AbcConfig { particles: 1, ..AbcConfig::default() },
            AbcConfig { replications: 0, ..AbcConfig::default() },
            AbcConfig { quantile: 1.0, ..AbcConfig::default() },
            AbcConfig { quantile: f64::NAN, ..AbcConfig::default() },
            AbcConfig { max_generations: 0, ..AbcConfig::default() },
            AbcConfig { target_tolerance: -1.0, ..AbcConfig::default() },
            AbcConfig { min_acceptance_rate: 2.0, ..AbcConfig::default() },
            AbcConfig { max_attempts: 0, ..AbcConfig::default() },
        ] {
            assert!(AbcSmc::new(prior.clone(), observed.clone(), config.clone(), sim).is_err(), "{config:?}");
        }
        let config = AbcConfig { particles: 10, max_generations: 3, ..AbcConfig::default() };
        let nan = AbcSmc::new(prior.clone(), observed.clone(), config.clone(), |_: &[f64], _: &mut ChaCha8Rng| {
            vec![f64::NAN]
        })
        .unwrap();
        assert!(matches!(nan.run(None), Err(StatsError::NonFinite { index: 0, .. })));
        let short =
            AbcSmc::new(prior.clone(), observed.clone(), config.clone(), |_: &[f64], _: &mut ChaCha8Rng| vec![])
                .unwrap();
        assert!(matches!(short.run(None), Err(StatsError::SizeMismatch { expected: 1, found: 0, .. })));
        // A saved generation that does not fit the prior is refused.
        let ok = AbcSmc::new(prior, observed, config, sim).unwrap();
        let bad = Generation {
            index: 0,
            tolerance: None,
            proposals: 1,
            simulations: 1,
            acceptance_rate: 1.0,
            ess: 1.0,
            particles: vec![Particle { theta: vec![0.1, 0.2], weight: 1.0, distance: 0.0 }],
        };
        assert!(matches!(ok.run(Some(bad)), Err(StatsError::SizeMismatch { .. })));
        // Empty priors are refused where the prior is built.
        assert!(matches!(Prior::new(vec![]), Err(StatsError::Empty { .. })));
    }

    #[test]
    fn attempt_limit_stops_and_keeps_earlier_generations() {
        // Generation 0 matches the data exactly (distance 0, so ε_1 = 0); every later
        // simulation misses by 1, so generation 1 cannot fill.
        let prior = Prior::from_pairs([("mu", Distribution::Uniform { lo: 0.0, hi: 1.0 })]).unwrap();
        let observed = Observed::unscaled(vec![0.0]).unwrap();
        let config = AbcConfig { particles: 5, max_attempts: 20, max_generations: 5, ..AbcConfig::default() };
        let calls = std::cell::Cell::new(0);
        let abc = AbcSmc::new(prior, observed, config, |_: &[f64], _: &mut ChaCha8Rng| {
            calls.set(calls.get() + 1);
            vec![if calls.get() <= 5 { 0.0 } else { 1.0 }]
        })
        .unwrap();
        let run = abc.run(None).unwrap();
        assert_eq!(run.generations.len(), 1);
        assert_eq!(run.stop, StopReason::AttemptLimit { generation: 1 });
    }

    #[test]
    fn stop_rules() {
        let run =
            toy(AbcConfig { particles: 50, max_generations: 3, seed: 1, ..AbcConfig::default() }).run(None).unwrap();
        assert_eq!(run.stop, StopReason::MaxGenerations);
        assert_eq!(run.generations.len(), 3);
        let g = &run.generations;
        assert!(g[0].tolerance.is_none() && close(g[0].acceptance_rate, 1.0, 0.0));
        assert!(g[2].tolerance.unwrap() <= g[1].tolerance.unwrap());
        for gen_ in g {
            let total: f64 = gen_.weights().iter().sum();
            assert!(close(total, 1.0, 1e-12));
            assert!(gen_.ess > 1.0 && gen_.ess <= 50.0 + 1e-9);
            assert!(gen_.simulations <= gen_.proposals && gen_.simulations >= 50);
        }
        let run = toy(AbcConfig {
            particles: 50,
            max_generations: 20,
            target_tolerance: 0.3,
            seed: 1,
            ..AbcConfig::default()
        })
        .run(None)
        .unwrap();
        assert_eq!(run.stop, StopReason::ToleranceReached);
        assert!(close(run.generations.last().unwrap().tolerance.unwrap(), 0.3, 0.0));
        let run = toy(AbcConfig {
            particles: 50,
            max_generations: 20,
            min_acceptance_rate: 0.3,
            seed: 1,
            ..AbcConfig::default()
        })
        .run(None)
        .unwrap();
        assert_eq!(run.stop, StopReason::AcceptanceRateBelowMinimum);
        assert!(run.generations.last().unwrap().acceptance_rate < 0.3);
    }

    #[test]
    fn replications_multiply_the_simulations() {
        let config = AbcConfig { particles: 20, max_generations: 2, replications: 3, seed: 4, ..AbcConfig::default() };
        let run = toy(config).run(None).unwrap();
        for g in &run.generations {
            // Proposals outside the prior's support are not simulated.
            assert_eq!(g.simulations % 3, 0);
            assert!(g.simulations <= 3 * g.proposals && g.simulations >= 3 * 20);
        }
    }

    #[test]
    fn observers_see_every_generation_in_order() {
        let abc = toy(AbcConfig { particles: 20, max_generations: 4, seed: 2, ..AbcConfig::default() });
        let mut seen = Vec::new();
        let mut count = 0;
        let mut log = |g: &Generation| seen.push((g.index, g.tolerance));
        let mut counter = |_: &Generation| count += 1;
        let run = abc.run_observed(None, &mut [&mut log, &mut counter]).unwrap();
        assert_eq!(seen, run.generations.iter().map(|g| (g.index, g.tolerance)).collect::<Vec<_>>());
        assert_eq!(count, 4);
    }

    #[test]
    fn streams_are_distinct_per_coordinate() {
        let first = |s, g, p, a| particle_rng(s, g, p, a).random::<u64>();
        let base = first(1, 2, 3, 4);
        assert_eq!(base, first(1, 2, 3, 4));
        for other in [first(0, 2, 3, 4), first(1, 0, 3, 4), first(1, 2, 0, 4), first(1, 2, 3, 0), first(1, 3, 2, 4)] {
            assert_ne!(base, other);
        }
    }

    /// The proposals of a generation run on two threads, each taking every other particle in
    /// reverse order, assemble to exactly the serial generation.
    #[test]
    fn proposals_are_independent_of_order_and_threads() {
        let abc = toy(AbcConfig { particles: 40, max_generations: 3, seed: 9, ..AbcConfig::default() });
        let g0 = abc.step(None).unwrap().unwrap();
        let serial = abc.step(Some(&g0)).unwrap().unwrap();
        let plan = abc.plan(Some(&g0)).unwrap();
        let halves: Vec<Vec<(usize, _)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|t| {
                    let (abc, plan, g0) = (&abc, &plan, &g0);
                    scope.spawn(move || {
                        (0..40)
                            .rev()
                            .filter(|i| i % 2 == t)
                            .map(|i| (i, abc.propose(plan, Some(g0), i).unwrap()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut outcomes: Vec<_> = halves.into_iter().flatten().collect();
        outcomes.sort_by_key(|(i, _)| *i);
        let parallel = abc.assemble(&plan, Some(&g0), outcomes.into_iter().map(|(_, o)| o).collect()).unwrap().unwrap();
        assert_eq!(serial, parallel);
    }

    /// Three generations in one run equal one generation, saved as JSON, read back and run for
    /// two more — bit for bit.
    #[test]
    fn resume_from_a_saved_generation_is_bit_identical() {
        let config = AbcConfig { particles: 60, max_generations: 3, seed: 77, ..AbcConfig::default() };
        let whole = toy(config.clone()).run(None).unwrap();
        assert_eq!(whole.generations.len(), 3);
        let first = toy(AbcConfig { max_generations: 1, ..config.clone() }).run(None).unwrap();
        assert_eq!(first.stop, StopReason::MaxGenerations);
        let saved = serde_json::to_string(&first.generations[0]).unwrap();
        let restored: Generation = serde_json::from_str(&saved).unwrap();
        assert_eq!(restored, first.generations[0]);
        let rest = toy(config).run(Some(restored)).unwrap();
        assert_eq!(rest.generations.len(), 2);
        assert_eq!(whole.generations[0], first.generations[0]);
        assert_eq!(whole.generations[1..], rest.generations[..]);
        assert_eq!(
            serde_json::to_string(&whole.generations[2]).unwrap(),
            serde_json::to_string(&rest.generations[1]).unwrap()
        );
    }

    #[test]
    fn component_wise_kernel_also_runs() {
        let run = toy(AbcConfig {
            particles: 50,
            max_generations: 3,
            kernel: KernelKind::ComponentWise,
            seed: 3,
            ..AbcConfig::default()
        })
        .run(None)
        .unwrap();
        assert_eq!(run.generations.len(), 3);
    }
}
