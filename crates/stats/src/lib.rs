//! Sampling designs and sensitivity / scenario-discovery statistics for experiments.
//!
//! Pure functions: no I/O, no threads, no knowledge of the model. Randomness comes only from a
//! `ChaCha8Rng` the caller passes in, and every reduction runs sequentially in a fixed order, so
//! the same inputs and the same generator state give bit-identical outputs.
//!
//! The two halves cooperate through plain vectors in the unit hypercube:
//! - [`design`] builds the points to run: [`design::latin_hypercube`],
//!   [`design::sobol_points`] (Joe–Kuo direction numbers), [`design::saltelli`] (the
//!   `A, AB_1..AB_k, B` blocks for Sobol' indices; [`design::saltelli_second_order`] adds the
//!   `BA_1..BA_k` rows for second-order indices), [`design::morris_trajectories`] and
//!   [`design::full_factorial`]. The caller maps each coordinate in `[0, 1]` to a parameter range.
//! - [`analysis`] reads the outputs back: [`analysis::summarise`] and
//!   [`analysis::bootstrap_mean_ci`] for replicated outputs; [`analysis::sobol_indices`] (Saltelli
//!   2010 first order, Jansen 1999 total order, bootstrap intervals) and
//!   [`analysis::sobol_convergence`] (negative and unstable indices, too-wide intervals);
//!   [`analysis::noise_decomposition`] (within- and between-point variance of a stochastic
//!   model's replicated outputs, the noise share of the indices and the replications that bring
//!   it down; Marrel et al. 2012);
//!   [`analysis::morris_indices`] (μ, μ*, σ); and [`analysis::prim`], Friedman–Fisher PRIM
//!   peeling for scenario discovery, with [`analysis::paste`].
//!
//! [`calibration`] fits a simulator's parameters to observed summary statistics: priors over
//! named parameters and ABC-SMC ([`calibration::AbcSmc`]; Beaumont et al. 2009, Del Moral et al.
//! 2012) with adaptive tolerances, per-proposal random streams and serialisable generations.
//!
//! Errors are values ([`StatsError`]), never panics, for every input the caller can get wrong.

#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod analysis;
pub mod calibration;
pub mod design;
mod error;
pub mod optimize;
mod rng;
pub mod splitting;

pub use analysis::{
    MorrisIndex, PrimBox, PrimResult, SobolDiagnostics, SobolIndices, Summary, bootstrap_mean_ci, morris_indices, prim,
    sobol_convergence, sobol_indices, summarise,
};
pub use design::{
    SaltelliDesign, full_factorial, latin_hypercube, morris_trajectories, saltelli, saltelli_second_order, sobol_points,
};
pub use error::StatsError;
