//! The ABC-SMC sampler (population Monte Carlo ABC, Beaumont, Cornuet, Marin & Robert 2009)
//! with adaptive tolerances (Del Moral, Doucet & Jasra 2012), shaped as an executor with
//! observers: plan a generation, propose each particle independently, assemble the weights.

use rand::RngExt;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::distance::Observed;
use super::kernel::{KernelKind, PerturbationKernel};
use super::prior::Prior;
use super::special::log_sum_exp;
use super::weights::{kish_ess, weighted_mean_cov, weighted_quantile};
use crate::StatsError;
use crate::analysis::check_finite;

/// Settings of an ABC-SMC run. Serialisable so a checkpoint can record them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbcConfig {
    /// Particles per generation `N` (at least 2).
    pub particles: usize,
    /// Simulations per proposed parameter vector (at least 1); the distance of a proposal is the
    /// mean of the distances of its replications, which absorbs the simulator's own noise.
    pub replications: usize,
    /// The level `α ∈ (0, 1)` of the adaptive tolerance: `ε_t` is the weighted `α`-quantile of
    /// the distances of generation `t − 1` (Del Moral et al. 2012 fix the fraction of the
    /// population kept alive; `α = 0.5`, the weighted median, is the usual choice).
    pub quantile: f64,
    /// The perturbation kernel's covariance.
    pub kernel: KernelKind,
    /// The most generations to hold, counting generation 0 (the prior); at least 1.
    pub max_generations: usize,
    /// The final tolerance `ε_min ≥ 0`: tolerances are never set below it, and the run stops
    /// after the first generation whose tolerance reaches it. 0 runs until another rule stops.
    pub target_tolerance: f64,
    /// Stop after a generation (other than 0) whose acceptance rate falls below this value in
    /// `[0, 1]` (further generations would cost more than they gain); 0 disables the rule.
    pub min_acceptance_rate: f64,
    /// The most proposals for one particle in one generation (at least 1). When one particle
    /// exhausts it, that generation is abandoned and the run stops with
    /// [`StopReason::AttemptLimit`], keeping the generations already made.
    pub max_attempts: u64,
    /// The master seed of every random stream ([`particle_rng`]).
    pub seed: u64,
}

impl Default for AbcConfig {
    /// 1,000 particles, 1 replication, `α = 0.5`, a multivariate normal kernel, 10 generations,
    /// no target tolerance, no minimum acceptance rate, 100,000 attempts per particle, seed 0.
    fn default() -> Self {
        AbcConfig {
            particles: 1000,
            replications: 1,
            quantile: 0.5,
            kernel: KernelKind::MultivariateNormal,
            max_generations: 10,
            target_tolerance: 0.0,
            min_acceptance_rate: 0.0,
            max_attempts: 100_000,
            seed: 0,
        }
    }
}

impl AbcConfig {
    /// Check every setting lies in its domain.
    ///
    /// # Errors
    /// [`StatsError::SampleTooSmall`] for fewer than 2 particles or fewer than 1 replication,
    /// generation or attempt; [`StatsError::InvalidParameter`] for `quantile`,
    /// `target_tolerance` or `min_acceptance_rate` outside their domains.
    pub fn validate(&self) -> Result<(), StatsError> {
        if self.particles < 2 {
            return Err(StatsError::SampleTooSmall { method: "ABC-SMC (particles)", n: self.particles, min: 2 });
        }
        if self.replications < 1 {
            return Err(StatsError::SampleTooSmall { method: "ABC-SMC (replications)", n: 0, min: 1 });
        }
        if self.max_generations < 1 {
            return Err(StatsError::SampleTooSmall { method: "ABC-SMC (max_generations)", n: 0, min: 1 });
        }
        if self.max_attempts < 1 {
            return Err(StatsError::SampleTooSmall { method: "ABC-SMC (max_attempts)", n: 0, min: 1 });
        }
        if !(self.quantile > 0.0 && self.quantile < 1.0) {
            return Err(StatsError::InvalidParameter {
                name: "quantile",
                value: self.quantile.to_string(),
                rule: "the tolerance quantile lies strictly between 0 and 1",
            });
        }
        if !(self.target_tolerance >= 0.0 && self.target_tolerance.is_finite()) {
            return Err(StatsError::InvalidParameter {
                name: "target_tolerance",
                value: self.target_tolerance.to_string(),
                rule: "the target tolerance is finite and non-negative",
            });
        }
        if !(0.0..=1.0).contains(&self.min_acceptance_rate) {
            return Err(StatsError::InvalidParameter {
                name: "min_acceptance_rate",
                value: self.min_acceptance_rate.to_string(),
                rule: "an acceptance rate lies in [0, 1]",
            });
        }
        Ok(())
    }
}

/// One accepted particle: a parameter vector, its importance weight and its distance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Particle {
    /// The parameter vector, in the order of the [`Prior`].
    pub theta: Vec<f64>,
    /// The normalised importance weight (the weights of a generation sum to 1).
    pub weight: f64,
    /// The distance of its simulated statistics to the observed ones (mean over replications).
    pub distance: f64,
}

/// One generation of the sampler: the weighted particles and the diagnostics of how they were
/// obtained. A generation is the whole state the next one needs (with the same [`AbcConfig`],
/// [`Prior`], [`Observed`] and simulator), so it is the checkpoint between generations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generation {
    /// The generation's index `t` (0 for the draws from the prior).
    pub index: usize,
    /// The tolerance `ε_t` proposals had to meet; `None` for generation 0, which accepts every
    /// draw from the prior.
    pub tolerance: Option<f64>,
    /// Parameter vectors proposed, including those outside the prior's support (never simulated).
    pub proposals: u64,
    /// Simulator calls (simulated proposals × replications).
    pub simulations: u64,
    /// Accepted particles / proposals.
    pub acceptance_rate: f64,
    /// Kish's effective sample size of the weights ([`kish_ess`]).
    pub ess: f64,
    /// The particles, in particle-index order.
    pub particles: Vec<Particle>,
}

impl Generation {
    /// The weights, in particle order.
    pub fn weights(&self) -> Vec<f64> {
        self.particles.iter().map(|p| p.weight).collect()
    }

    /// The weighted posterior mean of each parameter.
    pub fn mean(&self) -> Vec<f64> {
        self.moments().0
    }

    /// The weighted posterior standard deviation of each parameter (normalised weights, no
    /// small-sample correction).
    pub fn sd(&self) -> Vec<f64> {
        let (_, cov) = self.moments();
        (0..cov.len()).map(|k| cov[k][k].sqrt()).collect()
    }

    fn moments(&self) -> (Vec<f64>, Vec<Vec<f64>>) {
        let dim = self.particles.first().map_or(0, |p| p.theta.len());
        let points: Vec<&[f64]> = self.particles.iter().map(|p| p.theta.as_slice()).collect();
        weighted_mean_cov(&points, &self.weights(), dim)
    }

    /// The index of one particle drawn with probability equal to its weight (one uniform from
    /// `rng`, inverted through the cumulative weights in particle order); `None` for a
    /// generation without particles.
    pub fn draw_index(&self, rng: &mut ChaCha8Rng) -> Option<usize> {
        if self.particles.is_empty() { None } else { Some(pick(&cumulative(&self.weights()), rng)) }
    }
}

/// Running sums of `weights`, in order.
fn cumulative(weights: &[f64]) -> Vec<f64> {
    let mut total = 0.0;
    weights
        .iter()
        .map(|w| {
            total += w;
            total
        })
        .collect()
}

/// The first index whose cumulative weight exceeds `U · total`, skipping zero weights.
fn pick(cumulative: &[f64], rng: &mut ChaCha8Rng) -> usize {
    let total = cumulative[cumulative.len() - 1];
    let u: f64 = rng.random::<f64>() * total;
    cumulative.iter().position(|&c| c > u).unwrap_or(cumulative.len() - 1)
}

/// Why a run stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum StopReason {
    /// The last generation's tolerance reached [`AbcConfig::target_tolerance`].
    ToleranceReached,
    /// The last generation's acceptance rate fell below [`AbcConfig::min_acceptance_rate`].
    AcceptanceRateBelowMinimum,
    /// [`AbcConfig::max_generations`] generations exist.
    MaxGenerations,
    /// A particle of this generation exhausted [`AbcConfig::max_attempts`]; the generation was
    /// abandoned.
    AttemptLimit {
        /// The abandoned generation's index.
        generation: usize,
    },
}

/// The result of [`AbcSmc::run`]: the generations made in this call, in order, and why it
/// stopped. The posterior approximation is the last generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbcRun {
    /// The generations made by this call (a resumed generation is not repeated).
    pub generations: Vec<Generation>,
    /// Why the run stopped.
    pub stop: StopReason,
}

/// Told of every generation as soon as it is made (progress bars, checkpoints, logs), in the
/// style of argmin's observers. Any `FnMut(&Generation)` is an observer.
pub trait Observer {
    /// Called once per generation made, in order.
    fn observe(&mut self, generation: &Generation);
}

impl<F: FnMut(&Generation)> Observer for F {
    fn observe(&mut self, generation: &Generation) {
        self(generation);
    }
}

/// The random stream of one proposal: ChaCha8 keyed by the 256 bits `seed ‖ generation ‖
/// attempt ‖ "abc-smc\0"` (each a little-endian `u64`) on stream `particle`. Distinct
/// `(seed, generation, particle, attempt)` give distinct streams, and the stream of a proposal
/// does not depend on which other proposals ran, in which order or on which thread, so a
/// generation's particles can be simulated in parallel with bit-identical results.
///
/// The proposal draws, in order: the parent particle (one uniform; not in generation 0), the
/// parameter vector (the prior's draws in generation 0, else the kernel's normals), then
/// everything the simulator draws, replication after replication.
pub fn particle_rng(seed: u64, generation: u64, particle: u64, attempt: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&generation.to_le_bytes());
    key[16..24].copy_from_slice(&attempt.to_le_bytes());
    key[24..].copy_from_slice(b"abc-smc\0");
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(particle);
    rng
}

/// Everything the proposals of one generation share: its index, tolerance, the perturbation
/// kernel and the cumulative weights of the parent generation. Built by [`AbcSmc::plan`].
#[derive(Debug, Clone, PartialEq)]
pub struct GenerationPlan {
    /// The index of the generation to make.
    pub index: usize,
    /// Its tolerance (`None` for generation 0).
    pub tolerance: Option<f64>,
    /// The perturbation kernel fitted to the parent generation (`None` for generation 0).
    pub kernel: Option<PerturbationKernel>,
    cumulative: Vec<f64>,
}

/// The outcome of the proposals for one particle ([`AbcSmc::propose`]). Serialisable, so
/// processes that share a generation's particles can exchange their outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalOutcome {
    /// The accepted parameter vector and its distance, or `None` if every attempt failed.
    pub accepted: Option<(Vec<f64>, f64)>,
    /// Proposals made.
    pub proposals: u64,
    /// Simulator calls made.
    pub simulations: u64,
}

/// The importance weights of ABC-SMC (Beaumont et al. 2009, Algorithm 2; Del Moral et al. 2012):
/// for each proposed `θ_i`, `w_i ∝ π(θ_i) / Σ_j W_j K(θ_i | θ_j)` over the parent particles
/// `θ_j` with normalised weights `W_j`, computed in log space and normalised to sum to 1 (sums
/// in particle order).
///
/// # Errors
/// [`StatsError::Empty`] for no parent or no proposal; [`StatsError::SizeMismatch`] for a
/// vector whose length differs from the prior's or the kernel's dimension; the errors of
/// [`kish_ess`] for invalid parent weights; [`StatsError::InvalidParameter`] when every proposal
/// lies outside the prior's support.
pub fn smc_weights(
    prior: &Prior,
    kernel: &PerturbationKernel,
    parents: &[Particle],
    proposed: &[Vec<f64>],
) -> Result<Vec<f64>, StatsError> {
    if parents.is_empty() {
        return Err(StatsError::Empty { what: "parent particles" });
    }
    if proposed.is_empty() {
        return Err(StatsError::Empty { what: "proposed particles" });
    }
    let dim = prior.len();
    if kernel.dim() != dim {
        return Err(StatsError::SizeMismatch { what: "kernel dimension", expected: dim, found: kernel.dim() });
    }
    for theta in parents.iter().map(|p| &p.theta).chain(proposed) {
        if theta.len() != dim {
            return Err(StatsError::SizeMismatch { what: "parameter vector", expected: dim, found: theta.len() });
        }
    }
    let parent_weights: Vec<f64> = parents.iter().map(|p| p.weight).collect();
    kish_ess(&parent_weights)?;
    let total: f64 = parent_weights.iter().sum();
    let ln_w: Vec<f64> = parent_weights.iter().map(|w| (w / total).ln()).collect();
    let mut terms = vec![0.0; parents.len()];
    let mut scratch = vec![0.0; dim];
    let ln_new: Vec<f64> = proposed
        .iter()
        .map(|theta| {
            for (j, p) in parents.iter().enumerate() {
                terms[j] = ln_w[j] + kernel.ln_density_in(theta, &p.theta, &mut scratch);
            }
            prior.ln_density(theta) - log_sum_exp(&terms)
        })
        .collect();
    let max = ln_new.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return Err(StatsError::InvalidParameter {
            name: "proposed particles",
            value: format!("{} proposals", proposed.len()),
            rule: "at least one proposal lies in the prior's support within reach of the kernel",
        });
    }
    let unnormalised: Vec<f64> = ln_new.iter().map(|l| (l - max).exp()).collect();
    let sum: f64 = unnormalised.iter().sum();
    Ok(unnormalised.iter().map(|w| w / sum).collect())
}

/// The ABC-SMC executor (Beaumont et al. 2009; Del Moral et al. 2012): a prior, observed
/// statistics, settings and a simulator; observers are passed to [`AbcSmc::run_observed`].
///
/// The simulator maps a parameter vector and a generator to summary statistics (one per
/// observed statistic). Generation 0 draws `N` particles from the prior and accepts them all.
/// Generation `t ≥ 1` sets `ε_t = max(ε_min, q_α)` with `q_α` the weighted `α`-quantile of
/// generation `t − 1`'s distances (stepped below `ε_{t−1}` on ties, see [`AbcSmc::plan`]);
/// each particle is proposed by drawing a parent by weight and perturbing it with the kernel
/// ([`KernelKind`]), rejected without simulation outside the prior's support, else simulated
/// `replications` times and accepted when the mean distance is at most `ε_t`; accepted
/// particles get the weights of [`smc_weights`]. The run stops by the rules of [`AbcConfig`].
///
/// [`AbcSmc::run`] does all this serially. The three steps are public so a caller can run the
/// proposals of a generation in parallel: [`AbcSmc::plan`], then [`AbcSmc::propose`] for every
/// particle index in any order or on any thread, then [`AbcSmc::assemble`] with the outcomes in
/// particle order; the result is bit-identical to [`AbcSmc::step`].
///
/// The sampler holds no mutable state: it is `Sync` whenever the simulator is, so `&AbcSmc` can
/// be shared across threads. Observers are passed to [`AbcSmc::run_observed`].
pub struct AbcSmc<F> {
    prior: Prior,
    observed: Observed,
    config: AbcConfig,
    simulator: F,
}

impl<F> AbcSmc<F>
where
    F: Fn(&[f64], &mut ChaCha8Rng) -> Vec<f64>,
{
    /// A sampler, its settings validated.
    ///
    /// # Errors
    /// The errors of [`AbcConfig::validate`].
    pub fn new(prior: Prior, observed: Observed, config: AbcConfig, simulator: F) -> Result<Self, StatsError> {
        config.validate()?;
        Ok(AbcSmc { prior, observed, config, simulator })
    }

    /// The settings.
    pub fn config(&self) -> &AbcConfig {
        &self.config
    }

    /// The prior.
    pub fn prior(&self) -> &Prior {
        &self.prior
    }

    /// Check a parent generation can seed the next one: particles present, each of the prior's
    /// dimension, finite, with valid weights and distances.
    fn check_parent(&self, parent: &Generation) -> Result<(), StatsError> {
        if parent.particles.is_empty() {
            return Err(StatsError::Empty { what: "particles of the parent generation" });
        }
        for p in &parent.particles {
            if p.theta.len() != self.prior.len() {
                return Err(StatsError::SizeMismatch {
                    what: "parameter vector of the parent generation",
                    expected: self.prior.len(),
                    found: p.theta.len(),
                });
            }
            check_finite("parameter vector of the parent generation", &p.theta)?;
        }
        let distances: Vec<f64> = parent.particles.iter().map(|p| p.distance).collect();
        check_finite("distances of the parent generation", &distances)?;
        kish_ess(&parent.weights())?;
        Ok(())
    }

    /// What the proposals of the generation after `parent` share (generation 0 when `parent`
    /// is `None`): its index, the tolerance `max(ε_min, weighted α-quantile of the parent's
    /// distances)` and the kernel fitted to the parent. When the quantile equals the parent's
    /// own tolerance (ties on a discrete distance, e.g. a count), the largest parent distance
    /// strictly below that tolerance is used instead, so tolerances keep decreasing; if there is
    /// none, the tolerance stays and another rule must stop the run.
    ///
    /// # Errors
    /// [`StatsError::Empty`], [`StatsError::SizeMismatch`], [`StatsError::NonFinite`] or
    /// [`StatsError::InvalidParameter`] for a parent generation that does not fit the prior or
    /// holds invalid weights or distances.
    pub fn plan(&self, parent: Option<&Generation>) -> Result<GenerationPlan, StatsError> {
        let Some(parent) = parent else {
            return Ok(GenerationPlan { index: 0, tolerance: None, kernel: None, cumulative: Vec::new() });
        };
        self.check_parent(parent)?;
        let weights = parent.weights();
        let distances: Vec<f64> = parent.particles.iter().map(|p| p.distance).collect();
        let mut q = weighted_quantile(&distances, &weights, self.config.quantile)?;
        if let Some(previous) = parent.tolerance
            && q >= previous
        {
            // Ties at the parent's tolerance (a discrete distance): step down to the largest
            // distance below it, so the tolerance keeps decreasing while it can.
            q = distances
                .iter()
                .zip(&weights)
                .filter(|&(&d, &w)| w > 0.0 && d < previous)
                .map(|(&d, _)| d)
                .fold(q, |acc, d| if acc >= previous { d } else { acc.max(d) });
        }
        let tolerance = q.max(self.config.target_tolerance);
        let points: Vec<&[f64]> = parent.particles.iter().map(|p| p.theta.as_slice()).collect();
        let kernel = PerturbationKernel::fit(self.config.kernel, &points, &weights, self.prior.len());
        Ok(GenerationPlan {
            index: parent.index + 1,
            tolerance: Some(tolerance),
            kernel: Some(kernel),
            cumulative: cumulative(&weights),
        })
    }

    /// Propose particle `particle` of the planned generation: attempts `0, 1, …` each on its
    /// own stream ([`particle_rng`]) until one is accepted or [`AbcConfig::max_attempts`] are
    /// spent. `parent` must be the generation the plan was made from.
    ///
    /// # Errors
    /// [`StatsError::SizeMismatch`] when the simulator returns the wrong number of statistics,
    /// [`StatsError::NonFinite`] when it returns NaN or an infinity, [`StatsError::Empty`] when
    /// a plan for generation `t ≥ 1` is used without its parent, [`StatsError::SizeMismatch`]
    /// when `parent` holds a different number of particles from the plan's parent.
    pub fn propose(
        &self,
        plan: &GenerationPlan,
        parent: Option<&Generation>,
        particle: usize,
    ) -> Result<ProposalOutcome, StatsError> {
        if let Some(parent) = parent
            && plan.kernel.is_some()
            && parent.particles.len() != plan.cumulative.len()
        {
            return Err(StatsError::SizeMismatch {
                what: "particles of the plan's parent generation",
                expected: plan.cumulative.len(),
                found: parent.particles.len(),
            });
        }
        let mut outcome = ProposalOutcome { accepted: None, proposals: 0, simulations: 0 };
        for attempt in 0..self.config.max_attempts {
            let mut rng = particle_rng(self.config.seed, plan.index as u64, particle as u64, attempt);
            let theta = match (&plan.kernel, parent) {
                (None, _) => self.prior.sample(&mut rng),
                (Some(kernel), Some(parent)) => {
                    let j = pick(&plan.cumulative, &mut rng);
                    kernel.sample_unchecked(&parent.particles[j].theta, &mut rng)
                }
                (Some(_), None) => return Err(StatsError::Empty { what: "parent generation of the plan" }),
            };
            outcome.proposals += 1;
            if self.prior.ln_density(&theta) == f64::NEG_INFINITY {
                continue;
            }
            let mut total = 0.0;
            for _ in 0..self.config.replications {
                let stats = (self.simulator)(&theta, &mut rng);
                outcome.simulations += 1;
                total += self.observed.distance(&stats)?;
            }
            let distance = total / self.config.replications as f64;
            if plan.tolerance.is_none_or(|eps| distance <= eps) {
                outcome.accepted = Some((theta, distance));
                return Ok(outcome);
            }
        }
        Ok(outcome)
    }

    /// Build the planned generation from the outcomes of [`AbcSmc::propose`] for particles
    /// `0..N` in order: weights (equal in generation 0, else [`smc_weights`]), acceptance rate,
    /// ESS. `None` when some particle was not accepted within the attempt limit.
    ///
    /// # Errors
    /// [`StatsError::SizeMismatch`] unless there is one outcome per particle,
    /// [`StatsError::Empty`] when a plan for generation `t ≥ 1` is used without its parent; the
    /// errors of [`smc_weights`].
    pub fn assemble(
        &self,
        plan: &GenerationPlan,
        parent: Option<&Generation>,
        outcomes: Vec<ProposalOutcome>,
    ) -> Result<Option<Generation>, StatsError> {
        if outcomes.len() != self.config.particles {
            return Err(StatsError::SizeMismatch {
                what: "proposal outcomes",
                expected: self.config.particles,
                found: outcomes.len(),
            });
        }
        let proposals: u64 = outcomes.iter().map(|o| o.proposals).sum();
        let simulations: u64 = outcomes.iter().map(|o| o.simulations).sum();
        let mut accepted = Vec::with_capacity(outcomes.len());
        for o in outcomes {
            match o.accepted {
                Some(a) => accepted.push(a),
                None => return Ok(None),
            }
        }
        let n = accepted.len();
        let weights = match (&plan.kernel, parent) {
            (Some(kernel), Some(parent)) => {
                let thetas: Vec<Vec<f64>> = accepted.iter().map(|(t, _)| t.clone()).collect();
                smc_weights(&self.prior, kernel, &parent.particles, &thetas)?
            }
            (None, _) => vec![1.0 / n as f64; n],
            (Some(_), None) => return Err(StatsError::Empty { what: "parent generation of the plan" }),
        };
        let ess = kish_ess(&weights)?;
        let particles = accepted
            .into_iter()
            .zip(weights)
            .map(|((theta, distance), weight)| Particle { theta, weight, distance })
            .collect();
        Ok(Some(Generation {
            index: plan.index,
            tolerance: plan.tolerance,
            proposals,
            simulations,
            acceptance_rate: n as f64 / proposals as f64,
            ess,
            particles,
        }))
    }

    /// Make the generation after `parent` (generation 0 for `None`), serially:
    /// [`AbcSmc::plan`], [`AbcSmc::propose`] for each particle, [`AbcSmc::assemble`].
    ///
    /// # Errors
    /// Those of the three steps.
    pub fn step(&self, parent: Option<&Generation>) -> Result<Option<Generation>, StatsError> {
        let plan = self.plan(parent)?;
        let outcomes =
            (0..self.config.particles).map(|i| self.propose(&plan, parent, i)).collect::<Result<Vec<_>, _>>()?;
        self.assemble(&plan, parent, outcomes)
    }

    /// Whether to stop after `generation`, and why: its tolerance reached the target, its
    /// acceptance rate fell below the minimum (generations after 0), or the generation count
    /// reached its maximum — checked in this order.
    pub fn stop_after(&self, generation: &Generation) -> Option<StopReason> {
        if generation.tolerance.is_some_and(|eps| eps <= self.config.target_tolerance) {
            return Some(StopReason::ToleranceReached);
        }
        if generation.index > 0 && generation.acceptance_rate < self.config.min_acceptance_rate {
            return Some(StopReason::AcceptanceRateBelowMinimum);
        }
        if generation.index + 1 >= self.config.max_generations {
            return Some(StopReason::MaxGenerations);
        }
        None
    }

    /// Run generations until a stop rule holds. From scratch when `resume` is `None`; otherwise
    /// continue after the saved generation `resume` (which is checked against the stop rules
    /// first and not repeated in the result). Running `k` generations and then resuming from the
    /// last gives the same generations, bit for bit, as one longer run.
    ///
    /// # Errors
    /// Those of [`AbcSmc::step`], and those of [`AbcSmc::plan`] for an invalid `resume`.
    pub fn run(&self, resume: Option<Generation>) -> Result<AbcRun, StatsError> {
        self.run_observed(resume, &mut [])
    }

    /// [`AbcSmc::run`], telling each observer of every generation as soon as it is made, in
    /// the order the observers are given.
    ///
    /// # Errors
    /// As [`AbcSmc::run`].
    pub fn run_observed(
        &self,
        resume: Option<Generation>,
        observers: &mut [&mut dyn Observer],
    ) -> Result<AbcRun, StatsError> {
        let notify = |observers: &mut [&mut dyn Observer], g: &Generation| {
            for o in observers.iter_mut() {
                o.observe(g);
            }
        };
        let mut generations = Vec::new();
        let mut current = match resume {
            Some(g) => {
                self.check_parent(&g)?;
                g
            }
            None => match self.step(None)? {
                Some(g) => {
                    notify(observers, &g);
                    generations.push(g.clone());
                    g
                }
                None => return Ok(AbcRun { generations, stop: StopReason::AttemptLimit { generation: 0 } }),
            },
        };
        loop {
            if let Some(stop) = self.stop_after(&current) {
                return Ok(AbcRun { generations, stop });
            }
            match self.step(Some(&current))? {
                Some(g) => {
                    notify(observers, &g);
                    generations.push(g.clone());
                    current = g;
                }
                None => {
                    return Ok(AbcRun {
                        generations,
                        stop: StopReason::AttemptLimit { generation: current.index + 1 },
                    });
                }
            }
        }
    }
}
