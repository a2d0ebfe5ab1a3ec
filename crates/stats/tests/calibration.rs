//! ABC-SMC against problems whose posterior is known: a Poisson rate with a gamma prior, a
//! normal mean with a normal prior, simulation-based calibration on a normal toy model, and the
//! building blocks (ESS, tolerance quantile, importance weights, errors, determinism, resume).

use rand::RngExt;
use rand::rngs::ChaCha8Rng;
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

    /// On a discrete distance the median can equal the parent's tolerance; the next tolerance
    /// then steps down to the largest parent distance below it.
    #[test]
    fn tolerance_steps_below_ties_at_the_parent_tolerance() {
        let prior = Prior::from_pairs([("x", Distribution::Uniform { lo: 0.0, hi: 1.0 })]).unwrap();
        let abc = AbcSmc::new(
            prior,
            Observed::unscaled(vec![0.0]).unwrap(),
            AbcConfig { particles: 4, ..AbcConfig::default() },
            |_: &[f64], _: &mut ChaCha8Rng| vec![0.0],
        )
        .unwrap();
        let parent = |tolerance| Generation {
            index: 3,
            tolerance,
            proposals: 4,
            simulations: 4,
            acceptance_rate: 1.0,
            ess: 4.0,
            particles: [0.0, 1.0, 1.0, 0.5]
                .iter()
                .enumerate()
                .map(|(i, &d)| Particle { theta: vec![0.2 * i as f64], weight: 0.25, distance: d })
                .collect(),
        };
        // Median of (0, 0.5, 1, 1) is 0.5 whatever the parent's tolerance.
        assert_eq!(abc.plan(Some(&parent(Some(2.0)))).unwrap().tolerance, Some(0.5));
        let with_ties = Generation {
            particles: [0.0, 1.0, 1.0, 1.0]
                .iter()
                .enumerate()
                .map(|(i, &d)| Particle { theta: vec![0.2 * i as f64], weight: 0.25, distance: d })
                .collect(),
            ..parent(Some(1.0))
        };
        let plan = abc.plan(Some(&with_ties)).unwrap();
        assert_eq!(plan.tolerance, Some(0.0));
        assert_eq!(plan.index, 4);
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
        assert!(matches!(ok.run(Some(bad.clone())), Err(StatsError::SizeMismatch { .. })));
        let empty = Generation { particles: vec![], ..bad };
        assert!(matches!(ok.run(Some(empty.clone())), Err(StatsError::Empty { .. })));
        assert_eq!(empty.draw_index(&mut particle_rng(0, 0, 0, 0)), None);
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

    /// Priors, observations and settings read back from JSON as written; invalid ones are refused
    /// on the way in.
    #[test]
    fn specifications_round_trip_through_json() {
        let prior = Prior::from_pairs([
            ("rate", Distribution::LogUniform { lo: 0.01, hi: 1.0 }),
            ("mu", Distribution::Normal { mean: 0.0, sd: 1.0, lo: f64::NEG_INFINITY, hi: 3.0 }),
            ("g", Distribution::Gamma { shape: 2.0, rate: 1.0 }),
            ("u", Distribution::Uniform { lo: -1.0, hi: 1.0 }),
        ])
        .unwrap();
        let text = serde_json::to_string(&prior).unwrap();
        assert_eq!(serde_json::from_str::<Prior>(&text).unwrap(), prior);
        let bad = r#"[{"name": "x", "distribution": {"kind": "uniform", "lo": 2.0, "hi": 1.0}}]"#;
        assert!(serde_json::from_str::<Prior>(bad).is_err());
        assert!(serde_json::from_str::<Prior>("[]").is_err());
        // Infinite truncation bounds are written by leaving them out.
        let half = r#"[{"name": "x", "distribution": {"kind": "normal", "mean": 0.0, "sd": 1.0, "lo": 0.0}}]"#;
        let half: Prior = serde_json::from_str(half).unwrap();
        assert_eq!(
            half.parameters()[0].distribution,
            Distribution::Normal { mean: 0.0, sd: 1.0, lo: 0.0, hi: f64::INFINITY }
        );
        let observed = Observed::new(vec![1.0, 2.0], vec![0.5, 0.1]).unwrap();
        let text = serde_json::to_string(&observed).unwrap();
        assert_eq!(serde_json::from_str::<Observed>(&text).unwrap(), observed);
        assert!(serde_json::from_str::<Observed>(r#"{"values": [1.0], "scales": [0.0]}"#).is_err());
        let config = AbcConfig { kernel: KernelKind::ComponentWise, seed: 5, ..AbcConfig::default() };
        let text = serde_json::to_string(&config).unwrap();
        assert_eq!(serde_json::from_str::<AbcConfig>(&text).unwrap(), config);
    }

    /// A plan for generation 1 used without its parent, or with another parent, is an error,
    /// not a panic.
    #[test]
    fn plan_without_parent_is_an_error() {
        let abc = toy(AbcConfig { particles: 10, seed: 1, ..AbcConfig::default() });
        let g0 = abc.step(None).unwrap().unwrap();
        let plan = abc.plan(Some(&g0)).unwrap();
        assert!(matches!(abc.propose(&plan, None, 0), Err(StatsError::Empty { .. })));
        let mut other = g0.clone();
        other.particles.truncate(3);
        assert!(matches!(abc.propose(&plan, Some(&other), 0), Err(StatsError::SizeMismatch { .. })));
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

mod known_posteriors {
    use super::*;

    /// Poisson counts `y_1..y_5` with rate λ and a Gamma(2, 1) prior (shape, rate). The sum
    /// `S = Σ y_i ~ Poisson(5λ)` is sufficient, so the summary is the observed sum, 12, and the
    /// exact posterior is Gamma(2 + 12, 1 + 5): mean 14/6 = 2.3333, sd √14/6 = 0.6236.
    ///
    /// The summary is discrete, so once the tolerance falls below 1 ABC accepts exact matches
    /// only and its target is the exact posterior: the only error left is Monte Carlo error.
    /// With weighted particles the standard error of the mean is about `sd / √ESS` and that of
    /// the sd about `sd / √(2 ESS)`; the particles of one generation share ancestors, so the
    /// check allows 4 of these standard errors.
    #[test]
    fn poisson_rate_with_gamma_prior() {
        let prior = Prior::from_pairs([("lambda", Distribution::Gamma { shape: 2.0, rate: 1.0 })]).unwrap();
        let observed = Observed::unscaled(vec![12.0]).unwrap();
        let config = AbcConfig {
            particles: 1000,
            max_generations: 15,
            target_tolerance: 0.0,
            seed: 2026,
            ..AbcConfig::default()
        };
        let abc = AbcSmc::new(prior, observed, config, |theta: &[f64], rng: &mut ChaCha8Rng| {
            vec![poisson(rng, 5.0 * theta[0])]
        })
        .unwrap();
        let run = abc.run(None).unwrap();
        let last = run.generations.last().unwrap();
        assert_eq!(run.stop, StopReason::ToleranceReached);
        assert!(close(last.tolerance.unwrap(), 0.0, 0.0));
        let (mean, sd) = (last.mean()[0], last.sd()[0]);
        let (exact_mean, exact_sd) = (14.0 / 6.0, 14f64.sqrt() / 6.0);
        let se = exact_sd / last.ess.sqrt();
        let simulations: u64 = run.generations.iter().map(|g| g.simulations).sum();
        eprintln!(
            "poisson-gamma: generations {}, tolerances {:?}, last acceptance {:.3}, ESS {:.0}, simulations {simulations}; \
             ABC mean {mean:.4} sd {sd:.4}; exact mean {exact_mean:.4} sd {exact_sd:.4}",
            run.generations.len(),
            run.generations.iter().map(|g| g.tolerance).collect::<Vec<_>>(),
            last.acceptance_rate,
            last.ess,
        );
        assert!(close(mean, exact_mean, 4.0 * se), "mean {mean} vs {exact_mean} (se {se})");
        assert!(close(sd, exact_sd, 4.0 * se / 2f64.sqrt()), "sd {sd} vs {exact_sd} (se {se})");
    }

    /// `n = 10` draws `x_i ~ N(μ, 1)` with mean 0.8; prior μ ~ N(0, 2²) truncated to [−20, 20]
    /// (the truncation holds 1 − 10⁻²³ of the mass). The sample mean is sufficient,
    /// `x̄ ~ N(μ, 1/10)`, and the conjugate posterior is normal with precision 1/4 + 10 = 10.25:
    /// mean 8/10.25 = 0.78049, sd 1/√10.25 = 0.31235.
    ///
    /// The statistic is scaled by its standard error 1/√10 and the run stops at tolerance 0.1
    /// standard errors. ABC with that tolerance is exact for a model whose observation carries an
    /// extra uniform error on ±0.1 standard errors, of variance 0.1²/3 = 0.33 % of the sampling
    /// variance: it widens the posterior sd by under 0.2 % (0.0005), far below the Monte Carlo
    /// error, so the check is the same 4 standard errors as above.
    #[test]
    fn normal_mean_with_normal_prior() {
        let n = 10.0_f64;
        let prior =
            Prior::from_pairs([("mu", Distribution::Normal { mean: 0.0, sd: 2.0, lo: -20.0, hi: 20.0 })]).unwrap();
        let observed = Observed::new(vec![0.8], vec![1.0 / n.sqrt()]).unwrap();
        let config = AbcConfig {
            particles: 1000,
            max_generations: 20,
            target_tolerance: 0.1,
            seed: 1945,
            ..AbcConfig::default()
        };
        let abc = AbcSmc::new(prior, observed, config, move |theta: &[f64], rng: &mut ChaCha8Rng| {
            vec![theta[0] + normal(rng) / n.sqrt()]
        })
        .unwrap();
        let run = abc.run(None).unwrap();
        let last = run.generations.last().unwrap();
        assert_eq!(run.stop, StopReason::ToleranceReached);
        let (mean, sd) = (last.mean()[0], last.sd()[0]);
        let precision = 1.0 / 4.0 + n;
        let (exact_mean, exact_sd) = (n * 0.8 / precision, 1.0 / precision.sqrt());
        let se = exact_sd / last.ess.sqrt();
        let simulations: u64 = run.generations.iter().map(|g| g.simulations).sum();
        eprintln!(
            "normal-normal: generations {}, last tolerance {:?}, last acceptance {:.3}, ESS {:.0}, simulations {simulations}; \
             ABC mean {mean:.4} sd {sd:.4}; exact mean {exact_mean:.4} sd {exact_sd:.4}",
            run.generations.len(),
            last.tolerance,
            last.acceptance_rate,
            last.ess,
        );
        assert!(close(mean, exact_mean, 4.0 * se), "mean {mean} vs {exact_mean} (se {se})");
        assert!(close(sd, exact_sd, 4.0 * se / 2f64.sqrt()), "sd {sd} vs {exact_sd} (se {se})");
    }

    /// Two means with correlated observation errors: `y ~ N(θ, Σ)`, `Σ = 0.1 [[1, 0.8], [0.8, 1]]`,
    /// observed `y = (0.5, −0.3)`, independent priors `θ_k ~ N(0, 2²)` (truncated to ±20). The
    /// conjugate posterior is normal with covariance `(I/4 + Σ⁻¹)⁻¹` and mean `(I/4 + Σ⁻¹)⁻¹ Σ⁻¹ y`:
    /// strongly correlated, which the multivariate kernel must follow.
    ///
    /// Each statistic is scaled by its sd √0.1 and the run stops at tolerance 0.2: accepting
    /// within a disc of radius 0.2 adds a uniform error of variance 0.2²/4 = 1 % of the sampling
    /// variance per coordinate, so the sds widen by about 0.5 % — below the Monte Carlo error.
    /// Means and sds are checked within 4 standard errors as above, the correlation `r` within
    /// 4 `(1 − r²)/√ESS` (the large-sample standard error of a correlation).
    #[test]
    fn correlated_bivariate_normal_means() {
        let (s, r) = (0.1_f64, 0.8_f64);
        let y = [0.5, -0.3];
        let prior = Prior::from_pairs([
            ("a", Distribution::Normal { mean: 0.0, sd: 2.0, lo: -20.0, hi: 20.0 }),
            ("b", Distribution::Normal { mean: 0.0, sd: 2.0, lo: -20.0, hi: 20.0 }),
        ])
        .unwrap();
        let observed = Observed::new(y.to_vec(), vec![s.sqrt(); 2]).unwrap();
        let config = AbcConfig {
            particles: 600,
            max_generations: 20,
            target_tolerance: 0.2,
            seed: 1962,
            ..AbcConfig::default()
        };
        let abc = AbcSmc::new(prior, observed, config, move |t: &[f64], rng: &mut ChaCha8Rng| {
            // y = θ + L e with L the Cholesky factor of Σ.
            let (e1, e2) = (normal(rng), normal(rng));
            vec![t[0] + s.sqrt() * e1, t[1] + s.sqrt() * (r * e1 + (1.0 - r * r).sqrt() * e2)]
        })
        .unwrap();
        let run = abc.run(None).unwrap();
        assert_eq!(run.stop, StopReason::ToleranceReached);
        let last = run.generations.last().unwrap();
        // Σ⁻¹ = [[1, −r], [−r, 1]] / (s (1 − r²)); posterior precision P = I/4 + Σ⁻¹.
        let d = s * (1.0 - r * r);
        let p = [[0.25 + 1.0 / d, -r / d], [-r / d, 0.25 + 1.0 / d]];
        let det = p[0][0] * p[1][1] - p[0][1] * p[1][0];
        let cov = [[p[1][1] / det, -p[0][1] / det], [-p[1][0] / det, p[0][0] / det]];
        let sy = [(y[0] - r * y[1]) / d, (y[1] - r * y[0]) / d];
        let exact_mean = [cov[0][0] * sy[0] + cov[0][1] * sy[1], cov[1][0] * sy[0] + cov[1][1] * sy[1]];
        let exact_sd = [cov[0][0].sqrt(), cov[1][1].sqrt()];
        let exact_corr = cov[0][1] / (exact_sd[0] * exact_sd[1]);
        let (mean, sd) = (last.mean(), last.sd());
        let w = last.weights();
        let corr = last
            .particles
            .iter()
            .zip(&w)
            .map(|(p, w)| w * (p.theta[0] - mean[0]) * (p.theta[1] - mean[1]))
            .sum::<f64>()
            / (sd[0] * sd[1]);
        let simulations: u64 = run.generations.iter().map(|g| g.simulations).sum();
        eprintln!(
            "bivariate: generations {}, last acceptance {:.3}, ESS {:.0}, simulations {simulations}; ABC mean \
             {mean:.4?} sd {sd:.4?} corr {corr:.4}; exact mean {exact_mean:.4?} sd {exact_sd:.4?} corr {exact_corr:.4}",
            run.generations.len(),
            last.acceptance_rate,
            last.ess,
        );
        let root_ess = last.ess.sqrt();
        for k in 0..2 {
            assert!(
                close(mean[k], exact_mean[k], 4.0 * exact_sd[k] / root_ess),
                "mean {k}: {mean:?} vs {exact_mean:?}"
            );
            assert!(
                close(sd[k], exact_sd[k], 4.0 * exact_sd[k] / (2.0 * last.ess).sqrt()),
                "sd {k}: {sd:?} vs {exact_sd:?}"
            );
        }
        assert!(
            close(corr, exact_corr, 4.0 * (1.0 - exact_corr * exact_corr) / root_ess),
            "corr {corr} vs {exact_corr}"
        );
    }
}

mod simulation_based_calibration {
    use super::*;

    use stats::calibration::ln_gamma;

    /// The upper tail `P(χ²_k ≥ x) = Q(k/2, x/2)`, the regularised upper incomplete gamma
    /// function, by its series below `a + 1` and Lentz's continued fraction above (Press et al.,
    /// *Numerical Recipes*, 3rd ed., §6.2).
    fn chi_square_sf(x: f64, k: f64) -> f64 {
        let (a, x) = (k / 2.0, x / 2.0);
        let front = (-x + a * x.ln() - ln_gamma(a)).exp();
        if x < a + 1.0 {
            let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
            while term.abs() > sum.abs() * 1e-15 {
                ap += 1.0;
                term *= x / ap;
                sum += term;
            }
            1.0 - sum * front
        } else {
            let tiny = 1e-300;
            let mut b = x + 1.0 - a;
            let mut c = 1.0 / tiny;
            let mut d = 1.0 / b;
            let mut h = d;
            for i in 1..10_000 {
                let an = -(i as f64) * (i as f64 - a);
                b += 2.0;
                d = an * d + b;
                d = if d.abs() < tiny { tiny } else { d };
                c = b + an / c;
                c = if c.abs() < tiny { tiny } else { c };
                d = 1.0 / d;
                let delta = d * c;
                h *= delta;
                if (delta - 1.0).abs() < 1e-15 {
                    break;
                }
            }
            front * h
        }
    }

    #[test]
    fn chi_square_tail_matches_tables() {
        // Critical values: χ²_19 at 0.01 is 36.191; χ²_9 at 0.05 is 16.919; χ²_2 tail is e^{−x/2}.
        assert!(close(chi_square_sf(36.191, 19.0), 0.01, 1e-4));
        assert!(close(chi_square_sf(16.919, 9.0), 0.05, 1e-4));
        assert!(close(chi_square_sf(3.0, 2.0), (-1.5f64).exp(), 1e-12));
    }

    /// Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari & Gelman 2018,
    /// arXiv:1804.06788, Algorithm 1) on `θ ~ N(0, 1)` (truncated to [−6, 6]), `y ~ N(θ, 1)`.
    /// For each of 200 replications: draw `θ*` from the prior and `y` from the model, run ABC-SMC
    /// (100 particles, down to tolerance 0.2, at most 12 generations), draw `L = 19` parameter
    /// values from the weighted final generation, and record the rank of `θ*` among them
    /// (0..=19). If the ABC posterior is the posterior, the 200 ranks are uniform on the 20
    /// values; the test bins them one per value (10 expected per bin) and requires the
    /// chi-square goodness-of-fit test (19 degrees of freedom) not to reject at the 1 % level.
    /// As a check that the test has power, the same draws shrunk halfway to their mean (an
    /// overconfident posterior) must be rejected at that level.
    ///
    /// The tolerance 0.2 (the observation sd is 1) adds a uniform error of variance 0.2²/3 =
    /// 0.013 to the observation, widening the posterior sd by about 0.3 %, far below what 200
    /// replications can detect.
    #[test]
    fn rank_histogram_is_uniform() {
        const REPLICATIONS: usize = 200;
        const DRAWS: usize = 19;
        let prior =
            Prior::from_pairs([("theta", Distribution::Normal { mean: 0.0, sd: 1.0, lo: -6.0, hi: 6.0 })]).unwrap();
        let mut counts = [0usize; DRAWS + 1];
        let mut overconfident = [0usize; DRAWS + 1];
        let mut simulations = 0;
        for r in 0..REPLICATIONS {
            let mut rng = particle_rng(20_181_804, u64::MAX, r as u64, 0);
            let theta = prior.sample(&mut rng)[0];
            let y = theta + normal(&mut rng);
            let config = AbcConfig {
                particles: 100,
                max_generations: 12,
                target_tolerance: 0.2,
                seed: 1000 + r as u64,
                ..AbcConfig::default()
            };
            let abc = AbcSmc::new(prior.clone(), Observed::unscaled(vec![y]).unwrap(), config, {
                |t: &[f64], rng: &mut ChaCha8Rng| vec![t[0] + normal(rng)]
            })
            .unwrap();
            let run = abc.run(None).unwrap();
            simulations += run.generations.iter().map(|g| g.simulations).sum::<u64>();
            let last = run.generations.last().unwrap();
            let draws: Vec<f64> =
                (0..DRAWS).map(|_| last.particles[last.draw_index(&mut rng).unwrap()].theta[0]).collect();
            counts[draws.iter().filter(|&&d| d < theta).count()] += 1;
            let m = last.mean()[0];
            overconfident[draws.iter().filter(|&&d| m + 0.5 * (d - m) < theta).count()] += 1;
        }
        let chi2 = |counts: &[usize]| {
            let expected = REPLICATIONS as f64 / (DRAWS + 1) as f64;
            let statistic: f64 = counts.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum();
            (statistic, chi_square_sf(statistic, DRAWS as f64))
        };
        let (statistic, p) = chi2(&counts);
        let (bad_statistic, bad_p) = chi2(&overconfident);
        eprintln!(
            "SBC: {REPLICATIONS} replications, {simulations} simulations, ranks {counts:?}, chi2 = {statistic:.2}, \
             p = {p:.3}; overconfident ranks {overconfident:?}, chi2 = {bad_statistic:.2}, p = {bad_p:.2e}"
        );
        assert!(p > 0.01, "rank histogram not uniform: chi2 = {statistic}, p = {p}, counts {counts:?}");
        assert!(bad_p < 0.01, "the test missed an overconfident posterior: p = {bad_p}");
    }
}
