//! Overrides: one typed value that a front end sets on top of a scenario — a model parameter, the
//! starting value of a regime lever, or a scenario input addressed by path — parsed and checked
//! here and nowhere else.
//!
//! Text forms (the command line's `--param`, `--lever` and `--set`, experiment specs, the
//! explorer's requests):
//! - `NAME=VALUE` with `--param`: an engine parameter (`deterrence params`);
//! - `NAME=VALUE` with `--lever`: a regime lever ([`LEVERS`]), in [0, 1];
//! - `PATH=VALUE` with `--set`: a scenario input ([`crate::inputs`]);
//! - in experiment specs one name space holds all three: `regime.<lever>` (or `lever.<lever>`)
//!   is a lever, a name starting with a scenario table (`states.`, `rivalries.`, `alliances.`,
//!   `exchange.`) is an input, anything else a parameter ([`Target::from_name`]).
//!
//! A value must be finite and within its documented range; an unknown name is an error that
//! lists the known ones.

use crate::inputs::{InputPath, ROOTS};
use model::RegimeLever;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The regime levers by the names files and flags use.
pub const LEVERS: [(&str, RegimeLever); 6] = [
    ("norm_strength", RegimeLever::NormStrength),
    ("verification", RegimeLever::Verification),
    ("enforcement", RegimeLever::Enforcement),
    ("selectivity", RegimeLever::Selectivity),
    ("inequity", RegimeLever::Inequity),
    ("assurance_credibility", RegimeLever::AssuranceCredibility),
];

/// One-line descriptions of the levers, in [`LEVERS`] order (for help text and the explorer).
pub const LEVER_DOCS: [&str; 6] = [
    "strength of the non-proliferation norm (0 none, 1 universal)",
    "how likely safeguards detect a programme (0 never, 1 always)",
    "how likely a detected violator is punished (0 never, 1 always)",
    "how far enforcement spares the protégés of great powers (0 impartial, 1 fully selective)",
    "perceived inequity between nuclear haves and have-nots (0 none, 1 extreme)",
    "credibility of security assurances to non-nuclear states (0 none, 1 complete)",
];

/// The file and flag name of a lever.
pub fn lever_name(lever: RegimeLever) -> &'static str {
    LEVERS.iter().find(|(_, l)| *l == lever).map_or("?", |(n, _)| n)
}

/// A lever by its name.
pub fn lever(name: &str) -> Option<RegimeLever> {
    LEVERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
}

/// What an override sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A model parameter (`deterrence params`).
    Parameter(&'static str),
    /// The starting value of a regime lever.
    Lever(RegimeLever),
    /// A scenario input.
    Input(InputPath),
}

/// Which kind of name a front end accepts in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `--param`: model parameters only.
    Parameter,
    /// `--lever`: regime levers only.
    Lever,
    /// `--set`: scenario inputs only.
    Input,
    /// Experiment specs: any of the three, told apart by the name ([`Target::from_name`]).
    Any,
}

impl Kind {
    /// The flag a user writes for this kind.
    pub fn flag(self) -> &'static str {
        match self {
            Kind::Parameter => "--param",
            Kind::Lever => "--lever",
            Kind::Input => "--set",
            Kind::Any => "parameter",
        }
    }
}

/// An override that names nothing known, or a value outside its range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct OverrideError {
    /// The name or path as given.
    pub name: String,
    /// What is wrong and what was expected, naming the name or path.
    pub message: String,
}

impl Target {
    /// Reads a name of the given kind.
    pub fn parse(kind: Kind, name: &str) -> Result<Target, OverrideError> {
        let name = name.trim();
        let fail = |message: String| OverrideError { name: name.to_owned(), message };
        match kind {
            Kind::Parameter => {
                engine::params::SPECS.iter().find(|s| s.name == name).map(|s| Target::Parameter(s.name)).ok_or_else(
                    || {
                        fail(format!(
                            "unknown parameter `{name}`; known parameters (deterrence params): {}",
                            engine::params::SPECS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
                        ))
                    },
                )
            }
            Kind::Lever => lever(name).map(Target::Lever).ok_or_else(|| {
                fail(format!(
                    "unknown regime lever `{name}`; levers: {}",
                    LEVERS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                ))
            }),
            Kind::Input => InputPath::parse(name).map(Target::Input).map_err(fail),
            Kind::Any => Target::from_name(name),
        }
    }

    /// Reads a name of the experiment name space: `regime.<lever>` or `lever.<lever>` is a
    /// lever; a path starting with a scenario table is an input; anything else a parameter.
    pub fn from_name(name: &str) -> Result<Target, OverrideError> {
        let name = name.trim();
        if let Some(l) = name.strip_prefix("regime.").or_else(|| name.strip_prefix("lever.")) {
            return Target::parse(Kind::Lever, l).map_err(|e| OverrideError {
                name: name.to_owned(),
                message: e.message.replace(&format!("`{l}`"), &format!("`{name}`")),
            });
        }
        if ROOTS.iter().any(|r| name.starts_with(&format!("{r}."))) {
            return Target::parse(Kind::Input, name);
        }
        Target::parse(Kind::Parameter, name).map_err(|e| OverrideError {
            message: format!(
                "{}; or `regime.<lever>`, or a scenario input such as `states.USA.forces.ssbn.generated_survivable_fraction`",
                e.message
            ),
            ..e
        })
    }

    /// The name in the experiment name space (`regime.<lever>` for levers).
    pub fn name(&self) -> String {
        match self {
            Target::Parameter(p) => (*p).to_owned(),
            Target::Lever(l) => format!("regime.{}", lever_name(*l)),
            Target::Input(p) => p.to_string(),
        }
    }

    /// Checks a value: finite, levers in [0, 1], parameters within their domain. (Inputs are
    /// checked against the scenario when applied: their ranges are the scenario's validation.)
    pub fn check(&self, value: f64) -> Result<(), OverrideError> {
        let fail = |message: String| OverrideError { name: self.name(), message };
        if !value.is_finite() {
            return Err(fail(format!("`{}` needs a finite number, got {value}", self.name())));
        }
        match self {
            Target::Parameter(p) => engine::params::check(p, value).map_err(fail),
            Target::Lever(l) if !(0.0..=1.0).contains(&value) => {
                Err(fail(format!("regime lever `{}` lies in [0, 1], got {value}", lever_name(*l))))
            }
            Target::Lever(_) | Target::Input(_) => Ok(()),
        }
    }
}

/// One value set on top of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// What it sets.
    pub target: Target,
    /// The value.
    pub value: f64,
}

impl Override {
    /// A checked override.
    pub fn new(target: Target, value: f64) -> Result<Override, OverrideError> {
        target.check(value)?;
        Ok(Override { target, value })
    }

    /// Reads `NAME=VALUE` of the given kind, as typed after `--param`, `--lever` or `--set`.
    pub fn parse(kind: Kind, text: &str) -> Result<Override, OverrideError> {
        let Some((name, value)) = text.split_once('=') else {
            let what = if kind == Kind::Input { "PATH=VALUE" } else { "NAME=VALUE" };
            return Err(OverrideError { name: text.to_owned(), message: format!("expected {what}, got `{text}`") });
        };
        let target = Target::parse(kind, name)?;
        let value: f64 = value.trim().parse().map_err(|_| OverrideError {
            name: name.trim().to_owned(),
            message: format!("`{}`: expected a number, got `{}`", name.trim(), value.trim()),
        })?;
        Override::new(target, value)
    }
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.target.name(), self.value)
    }
}

/// The command-line flags that reproduce `overrides` (`--param`, `--lever`, `--set`).
pub fn flags(overrides: &[Override]) -> Vec<String> {
    overrides
        .iter()
        .map(|o| match &o.target {
            Target::Parameter(p) => format!("--param {p}={}", o.value),
            Target::Lever(l) => format!("--lever {}={}", lever_name(*l), o.value),
            Target::Input(p) => format!("--set {p}={}", o.value),
        })
        .collect()
}

/// Overrides are written in manifests as `{ "name": …, "value": … }` in the experiment name
/// space, and read back through [`Target::from_name`].
impl Serialize for Override {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Override", 2)?;
        st.serialize_field("name", &self.target.name())?;
        st.serialize_field("value", &self.value)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Override {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            name: String,
            value: f64,
        }
        let raw = Raw::deserialize(d)?;
        let target = Target::from_name(&raw.name).map_err(serde::de::Error::custom)?;
        Override::new(target, raw.value).map_err(serde::de::Error::custom)
    }
}
