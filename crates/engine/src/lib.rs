//! The year-by-year simulation of Deterrence Lab (docs/model.md, in ODD form).
//!
//! A [`world::World`] is built from a scenario and stepped one year at a time; each year runs
//! the processes in docs/model.md §3 order, one module each:
//! 1. [`regime`] — the regime's levers move with enforcement, violations, growth and use;
//! 2. [`threat`] — each state scores the threat from its rivals, net of allied guarantees;
//! 3. [`proliferation`] — explore, pursue, acquire, reverse; detection, selective enforcement;
//!    [`prevention`] — preventive strikes on programmes;
//! 4. [`arsenal`] — forces move toward second-strike adequacy, react to rivals, respect caps;
//! 5. to 7. [`crisis`] — onset per rival dyad, escalation on the ladder, outcomes;
//! 8. [`learning`] — beliefs about the value of weapons decay toward their baseline;
//! 9. [`observe`] — year, dyad-year and event records.
//!
//! Scheduled events ([`events`]) apply at the start of their year. Every mechanism's numbers
//! are named [`params::Params`]; the theory lenses are switchable sets of them
//! ([`params::with_lenses`]). [`run::run`] drives one run from `(seed, run index)`; the core
//! does no I/O and spawns no threads.
//!
//! # How the modules stand on each other
//!
//! Each floor imports only from floors below it; no process imports another process.
//!
//! - **Top**: [`run`](mod@run) (settings, random stream, the run loop) on [`schedule`] (the order of the
//!   processes within a year, [`schedule::step`]).
//! - **Processes**: [`events`], [`regime`], [`threat`], [`proliferation`], [`prevention`], [`arsenal`],
//!   [`crisis`], [`learning`], [`observe`]. Each reads and writes the world.
//! - **Shared effects**: [`effects`] — acquiring and giving up weapons, and the lessons states
//!   draw from events, which several processes set off.
//! - **State**: [`world`] — the world, its actors, dyads, commitments and treaties.
//! - **Ground**: [`params`] (model parameters), [`levers`] (the regime's levers and presets),
//!   [`ladder`] (rungs and crisis outcomes), [`record`] (the year's counters, regime signals and
//!   events; [`observe`] re-exports the run's records) and `probability` (one-draw helpers).

#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod arsenal;
pub mod casualties;
pub mod crisis;
pub mod effects;
pub mod events;
pub mod ladder;
pub mod learning;
pub mod levers;
pub mod observe;
pub mod params;
pub mod prevention;
mod probability;
pub mod proliferation;
pub mod record;
pub mod regime;
pub mod run;
pub mod schedule;
pub mod supply;
pub mod targeting;
pub mod threat;
pub mod world;

pub use run::{Keep, MAX_MAJOR_WAR_PARTICLES, Resolved, RunOptions, RunOutput, Template, resolve, run};
