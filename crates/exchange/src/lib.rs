//! The force-exchange and strategic-stability calculus (docs/model.md, Part II).
//!
//! Pure functions, no randomness, no I/O. The pieces cooperate bottom-up:
//! - [`blast`]: lethal radius of a surface burst against a hardness (Brode 1987, or cube-root);
//! - [`kill`]: circular-normal kill probability, reliability, multiple shots, lethality index;
//! - [`batch`]: many kill-probability evaluations at once (lethal radii solved once per hardness);
//! - [`forces`]: a state's forces resolved into a [`forces::Side`] for one dyad and alert state;
//! - [`strike`]: the deterministic greedy counterforce allocation and its drawdown;
//! - [`stability`]: surviving and arriving warheads, second-strike adequacy, mutual
//!   vulnerability, and the Kent–Thaler first-strike stability index along the drawdown;
//! - [`ktlite`]: the reduced Kent–Thaler model as a special case (test anchor);
//! - [`cone`]: the Intriligator–Brito deterrence region;
//! - [`richardson`]: Richardson arms-race stability, solved exactly;
//! - [`dyad`]: the scenario-level entry points (every adversary pair, the deterrence grid).

#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod batch;
pub mod blast;
pub mod cone;
pub mod dyad;
pub mod forces;
pub mod kill;
pub mod ktlite;
pub mod richardson;
pub mod stability;
pub mod strike;
#[cfg(test)]
mod test_gen;

pub use forces::{Alert, Side};
pub use stability::{DyadStability, StopSearch, StrikeOutcome};
