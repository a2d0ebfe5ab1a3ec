//! The year-by-year simulation of Deterrence Lab (design: MODEL.md, in ODD form in
//! docs/model.md).
//!
//! A [`world::World`] is built from a scenario and stepped one year at a time; each year runs
//! the processes in MODEL.md §3 order, one module each:
//! 1. [`regime`] — the regime's levers move with enforcement, violations, growth and use;
//! 2. [`threat`] — each state scores the threat from its rivals, net of allied guarantees;
//! 3. [`proliferation`] — explore, pursue, acquire, reverse; detection, selective enforcement,
//!    preventive strikes;
//! 4. [`arsenal`] — forces move toward second-strike adequacy, react to rivals, respect caps;
//! 5. to 7. [`crisis`] — onset per rival dyad, escalation on the ladder, outcomes;
//! 8. [`learning`] — beliefs about the value of weapons update from what happened;
//! 9. [`observe`] — year, dyad-year and event records.
//!
//! Scheduled events ([`events`]) apply at the start of their year. Every mechanism's numbers
//! are named [`params::Params`]; the theory lenses are switchable sets of them
//! ([`params::with_lenses`]). [`run::run`] drives one run from `(seed, run index)`; the core
//! does no I/O and spawns no threads.

#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod arsenal;
pub mod crisis;
pub mod events;
pub mod learning;
pub mod observe;
pub mod params;
pub mod proliferation;
pub mod regime;
pub mod run;
pub mod threat;
pub mod world;

pub use run::{Resolved, RunOptions, RunOutput, Template, resolve, run};
