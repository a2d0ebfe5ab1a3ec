//! Calibration of a stochastic simulator to observed summary statistics by approximate Bayesian
//! computation with sequential Monte Carlo (ABC-SMC).
//!
//! - [`Prior`]: independent priors over named parameters ([`Distribution`]: uniform,
//!   log-uniform, normal truncated to bounds, gamma), with densities and draws.
//! - [`Observed`]: the observed statistics with one scale (observation error) each, and the
//!   scaled Euclidean distance.
//! - [`AbcSmc`]: the sampler of Beaumont, Cornuet, Marin & Robert (2009, *Biometrika* 96(4),
//!   "Adaptive approximate Bayesian computation") with tolerances set adaptively as a quantile of
//!   the previous generation's distances (Del Moral, Doucet & Jasra 2012, *Statistics and
//!   Computing* 22(5), "An adaptive sequential Monte Carlo method for approximate Bayesian
//!   computation"), normal perturbation kernels with twice the weighted covariance
//!   ([`KernelKind`]), replications per particle, and observers. Each proposal draws from its
//!   own stream ([`particle_rng`]) so a generation's particles can run in any order or on any
//!   thread with bit-identical results; a [`Generation`] is serialisable and is the whole
//!   checkpoint between generations.
//! - [`kish_ess`], [`weighted_quantile`], [`smc_weights`]: the weighted-sample pieces, public
//!   for diagnostics and tests.

mod distance;
mod kernel;
mod prior;
mod smc;
mod special;
mod weights;

pub use distance::Observed;
pub use kernel::{KernelKind, PerturbationKernel};
pub use prior::{Distribution, Parameter, Prior};
pub use smc::{
    AbcConfig, AbcRun, AbcSmc, Generation, GenerationPlan, Observer, Particle, ProposalOutcome, StopReason,
    particle_rng, smc_weights,
};
pub use special::ln_gamma;
pub use special::normal_cdf;
pub use weights::{kish_ess, weighted_quantile};
