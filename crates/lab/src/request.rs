//! Run requests: what a user asks for on top of a scenario — years, regime preset, lenses and
//! [`Override`]s — and their preparation into a starting world that an ensemble copies.

use crate::inputs::{InputError, InputPath, set_inputs};
use crate::overrides::{Override, OverrideError, Target, lever_name};
use model::{FieldPath, Lens, RegimePreset, Scenario};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Most years one run may simulate: a scenario horizon's limit
/// (`model::domain::MAX_HORIZON_YEARS`), so a request and a scenario file agree.
pub const MAX_YEARS: u32 = model::domain::MAX_HORIZON_YEARS;

/// What to run on top of a scenario (the seed and run indices belong to the ensemble).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    /// Years to simulate (default: the scenario's horizon, else 50).
    pub years: Option<u32>,
    /// Regime preset replacing the scenario's levers.
    pub regime: Option<RegimePreset>,
    /// Lenses replacing the scenario's.
    pub lenses: Option<Vec<Lens>>,
    /// Values set on top of the scenario, applied in order.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Particles per level of the splitting estimate of major war between armed states (the
    /// engine's run option `major_war_particles`; 0, the default, is off).
    #[serde(default)]
    pub major_war_particles: u32,
}

/// A request that cannot be prepared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestError {
    /// An override names nothing known or has a value outside its range.
    #[error(transparent)]
    Override(#[from] OverrideError),
    /// A scenario input override cannot be applied.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Years outside 1 to [`MAX_YEARS`].
    #[error("years: expected 1 to {MAX_YEARS}, got {0}")]
    Years(u32),
    /// The scenario's own `[simulation.parameters]` hold a bad value (located in the file).
    #[error("field `{path}`: {message}")]
    Scenario {
        /// The field in the scenario file.
        path: FieldPath,
        /// What is wrong.
        message: String,
    },
}

/// A request prepared against a scenario: the scenario with its inputs overridden, the settings
/// resolved, and the starting world every run of an ensemble copies.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The scenario with input overrides applied.
    pub scenario: Scenario,
    /// The settings the runs use.
    pub resolved: engine::Resolved,
    /// The starting world.
    pub template: engine::Template,
}

/// The starting worlds of many requests on one scenario, e.g. the points of a design. The
/// actors, dyads and kill matrices of a starting world depend on the scenario's forces, not on
/// parameters, levers, lenses or years: they are built once here and copied into the world of
/// each request that changes only those ([`engine::Template::with_settings`]); a request that
/// sets scenario inputs gets a world built afresh. Either way the world equals that of
/// [`RunRequest::prepare`].
#[derive(Debug, Clone)]
pub struct Starts<'s> {
    scenario: &'s Scenario,
    /// The scenario's own starting world; `None` when the scenario's settings do not resolve
    /// (every request then fails as in [`RunRequest::prepare`]).
    base: Option<engine::Template>,
}

impl<'s> Starts<'s> {
    /// Builds the shared part of the starting worlds of requests on `scenario`.
    pub fn new(scenario: &'s Scenario) -> Starts<'s> {
        let base = RunRequest::default()
            .resolve_on(scenario)
            .ok()
            .map(|(scenario, resolved)| engine::Template::new(&scenario, &resolved));
        Starts { scenario, base }
    }

    /// The starting world of `request`: the template of `request.prepare(scenario)`, refused
    /// with the same errors.
    pub fn template(&self, request: &RunRequest) -> Result<engine::Template, RequestError> {
        let (scenario, resolved) = request.resolve_on(self.scenario)?;
        Ok(match (&scenario, &self.base) {
            (Cow::Borrowed(s), Some(base)) => base.with_settings(s, &resolved),
            _ => engine::Template::new(&scenario, &resolved),
        })
    }
}

impl RunRequest {
    /// The engine options of this request (parameters and levers; inputs are applied to the
    /// scenario by [`RunRequest::prepare`]).
    pub fn run_options(&self) -> engine::RunOptions {
        let mut o = engine::RunOptions {
            years: self.years,
            regime: self.regime,
            lenses: self.lenses.clone(),
            major_war_particles: self.major_war_particles,
            ..Default::default()
        };
        for ov in &self.overrides {
            match &ov.target {
                Target::Parameter(p) => o.parameters.push(((*p).to_owned(), ov.value)),
                Target::Lever(l) => o.levers.push((*l, ov.value)),
                Target::Input(_) => {}
            }
        }
        o
    }

    /// The scenario inputs this request sets, in order.
    pub fn inputs(&self) -> Vec<(InputPath, f64)> {
        self.overrides
            .iter()
            .filter_map(|o| match &o.target {
                Target::Input(p) => Some((p.clone(), o.value)),
                _ => None,
            })
            .collect()
    }

    /// Checks the request and applies it to `scenario`: inputs set and validated, settings
    /// resolved, the starting world built.
    pub fn prepare(&self, scenario: &Scenario) -> Result<Prepared, RequestError> {
        let (scenario, resolved) = self.resolve(scenario)?;
        let template = engine::Template::new(&scenario, &resolved);
        Ok(Prepared { scenario, resolved, template })
    }

    /// Checks the request against `scenario` and resolves its settings without building the
    /// starting world: the scenario with inputs applied, and the settings runs would use.
    pub fn resolve(&self, scenario: &Scenario) -> Result<(Scenario, engine::Resolved), RequestError> {
        self.resolve_on(scenario).map(|(s, r)| (s.into_owned(), r))
    }

    /// Checks the request against `scenario` as [`RunRequest::resolve`] does, without copying
    /// the scenario when the request sets no input.
    pub fn check(&self, scenario: &Scenario) -> Result<(), RequestError> {
        self.resolve_on(scenario).map(|_| ())
    }

    /// [`RunRequest::resolve`], borrowing `scenario` when no input changes it.
    fn resolve_on<'s>(&self, scenario: &'s Scenario) -> Result<(Cow<'s, Scenario>, engine::Resolved), RequestError> {
        if let Some(y) = self.years
            && !(1..=MAX_YEARS).contains(&y)
        {
            return Err(RequestError::Years(y));
        }
        for o in &self.overrides {
            o.target.check(o.value)?;
        }
        let inputs = self.inputs();
        let scenario =
            if inputs.is_empty() { Cow::Borrowed(scenario) } else { Cow::Owned(set_inputs(scenario, &inputs)?) };
        let resolved = engine::resolve(&scenario, &self.run_options()).map_err(|e| match e.path {
            Some(path) => RequestError::Scenario { path, message: e.message },
            None => RequestError::Override(OverrideError { name: "parameter".into(), message: e.message }),
        })?;
        Ok((scenario, resolved))
    }

    /// The command-line flags that reproduce this request after `deterrence run SCENARIO`.
    pub fn flags(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(y) = self.years {
            out.push(format!("--years {y}"));
        }
        if let Some(r) = self.regime {
            out.push(format!("--regime {}", r.as_str()));
        }
        if let Some(l) = &self.lenses {
            out.push(format!("--lens {}", l.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",")));
        }
        out.extend(crate::overrides::flags(&self.overrides));
        if self.major_war_particles > 0 {
            out.push(format!("--major-war-particles {}", self.major_war_particles));
        }
        out
    }

    /// A short description of the settings for headings (`lenses …, regime …, 2 overrides`).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(r) = self.regime {
            parts.push(format!("regime {}", r.as_str()));
        }
        if let Some(l) = &self.lenses {
            parts.push(format!("lenses {}", l.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("+")));
        }
        for o in &self.overrides {
            parts.push(match &o.target {
                Target::Lever(l) => format!("{} = {}", lever_name(*l), o.value),
                _ => format!("{} = {}", o.target.name(), o.value),
            });
        }
        parts.join(", ")
    }
}
