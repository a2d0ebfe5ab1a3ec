//! The typed run layer of Deterrence Lab: what every front end (the command line, the explorer,
//! experiments, the replay validation, reports) shares between reading a user's request and
//! rendering a result.
//!
//! - [`scenario`] — a scenario named by the user (built-in or file), with its text and origin;
//! - [`overrides`] — one typed [`Override`]: a model parameter, a regime lever or a scenario
//!   input, parsed and checked in one place;
//! - [`posterior`] — a calibration's weighted particles, one drawn for each run of an ensemble
//!   (`--posterior DIR`);
//! - [`bounds`] — every uncertain input at the end of its range worse (or better) for one
//!   state's second strike (`--bound worst-for=STATE`);
//! - [`inputs`] — scenario inputs addressed by path (`states.USA.forces.silo_icbm.cep_m`), set
//!   and listed (every uncertain `{ low, best, high }` input);
//! - [`request`] — a [`RunRequest`] (years, preset, lenses, overrides) prepared against a scenario
//!   into a starting world;
//! - [`executor`] — the one ensemble loop: runs in run-index order on rayon, with progress and
//!   cancellation;
//! - [`outcome`] — the catalogue of per-run measures;
//! - [`series`] — the catalogue of yearly series (year-record fields and state variables) an
//!   experiment can record from each run, and the recorder that reads them;
//! - [`provenance`] — where a result came from, built in one place;
//! - [`document`] — the versioned JSON envelope of every JSON output.
//!
//! Below it: `model`, `exchange`, `engine` (no I/O, no threads). Above it: `experiment`,
//! `history`, `report`, `html`, `web` and `cli`.

#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod bounds;
pub mod document;
pub mod executor;
pub mod hash;
pub mod inputs;
pub mod outcome;
pub mod overrides;
pub mod posterior;
pub mod provenance;
pub mod request;
pub mod scenario;
pub mod series;

pub use executor::{Cancelled, Executor, Job};
pub use inputs::{InputError, InputPath};
pub use outcome::{OUTCOMES, Outcome, UnknownOutcome};
pub use overrides::{Kind, Override, OverrideError, Target};
pub use posterior::Posterior;
pub use provenance::Provenance;
pub use request::{Prepared, RequestError, RunRequest, Starts};
pub use scenario::{LoadError, Loaded};
pub use series::{Recorder, RunSeries, StateSeries, UnknownSeries, YearSeries};
