//! Prior distributions over named parameters: uniform, log-uniform, normal truncated to bounds,
//! and gamma, each with its log density and a documented draw.

use rand::rngs::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::special::{ln_gamma, ln_normal_pdf, normal_cdf, standard_gamma, uniform_open};
use crate::StatsError;
use crate::analysis::normal_quantile;

/// The prior of one parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// Uniform on `[lo, hi]` (finite, `lo < hi`): density `1 / (hi − lo)`.
    Uniform {
        /// Lower bound.
        lo: f64,
        /// Upper bound.
        hi: f64,
    },
    /// Log-uniform (reciprocal) on `[lo, hi]` with `0 < lo < hi < ∞`: `ln x` is uniform, density
    /// `1 / (x ln(hi / lo))`. The usual prior for a rate or scale known only to its order of
    /// magnitude.
    LogUniform {
        /// Lower bound (positive).
        lo: f64,
        /// Upper bound.
        hi: f64,
    },
    /// Normal with mean `mean` and standard deviation `sd`, truncated to `[lo, hi]` (either bound
    /// may be infinite): density `φ((x − mean)/sd) / (sd (Φ(b) − Φ(a)))` with `a, b` the
    /// standardised bounds. Drawn by inversion of the truncated distribution function.
    Normal {
        /// Mean of the untruncated normal.
        mean: f64,
        /// Standard deviation of the untruncated normal (positive).
        sd: f64,
        /// Lower bound (may be `-∞`; left out of serialised forms when infinite, and `-∞`
        /// when absent).
        #[serde(default = "neg_infinity", skip_serializing_if = "is_infinite")]
        lo: f64,
        /// Upper bound (may be `+∞`; left out of serialised forms when infinite, and `+∞`
        /// when absent).
        #[serde(default = "pos_infinity", skip_serializing_if = "is_infinite")]
        hi: f64,
    },
    /// Gamma with shape `shape` and rate `rate` (both positive) on `(0, ∞)`: density
    /// `rate^shape x^(shape−1) e^(−rate x) / Γ(shape)`, mean `shape / rate`. The conjugate prior of
    /// a Poisson rate. Drawn by Marsaglia & Tsang (2000).
    Gamma {
        /// Shape (positive).
        shape: f64,
        /// Rate, the inverse of the scale (positive).
        rate: f64,
    },
}

fn neg_infinity() -> f64 {
    f64::NEG_INFINITY
}

fn pos_infinity() -> f64 {
    f64::INFINITY
}

// A serde predicate, which takes its field by reference.
fn is_infinite(x: &f64) -> bool {
    x.is_infinite()
}

impl Distribution {
    /// Check the hyper-parameters; `name` is the parameter's name, quoted in the error.
    ///
    /// # Errors
    /// [`StatsError::InvalidParameter`] for non-finite or inverted bounds, a non-positive lower
    /// bound of a log-uniform, or a non-positive standard deviation, shape or rate.
    pub fn validate(&self, name: &str) -> Result<(), StatsError> {
        let bad = |what: &'static str, rule: &'static str, value: f64| {
            Err(StatsError::InvalidParameter { name: what, value: format!("{value} (parameter {name})"), rule })
        };
        match *self {
            Distribution::Uniform { lo, hi } => {
                if !lo.is_finite() || !hi.is_finite() || lo >= hi {
                    return bad(
                        "uniform prior bounds",
                        "bounds are finite with lo < hi",
                        if lo.is_finite() { hi } else { lo },
                    );
                }
            }
            Distribution::LogUniform { lo, hi } => {
                if !(lo > 0.0 && lo.is_finite() && hi.is_finite() && lo < hi) {
                    return bad(
                        "log-uniform prior bounds",
                        "bounds are finite with 0 < lo < hi",
                        if lo > 0.0 && lo.is_finite() { hi } else { lo },
                    );
                }
            }
            Distribution::Normal { mean, sd, lo, hi } => {
                if !mean.is_finite() {
                    return bad("normal prior mean", "the mean is finite", mean);
                }
                if !(sd > 0.0 && sd.is_finite()) {
                    return bad("normal prior sd", "the standard deviation is positive and finite", sd);
                }
                if lo.is_nan() || hi.is_nan() || lo >= hi {
                    return bad(
                        "normal prior bounds",
                        "lo < hi (infinite bounds allowed)",
                        if lo.is_nan() { lo } else { hi },
                    );
                }
                if self.normal_mass() <= 0.0 {
                    return bad("normal prior bounds", "the bounds hold some probability mass", lo);
                }
            }
            Distribution::Gamma { shape, rate } => {
                if !(shape > 0.0 && shape.is_finite()) {
                    return bad("gamma prior shape", "the shape is positive and finite", shape);
                }
                if !(rate > 0.0 && rate.is_finite()) {
                    return bad("gamma prior rate", "the rate is positive and finite", rate);
                }
            }
        }
        Ok(())
    }

    /// `Φ(b) − Φ(a)` for the truncated normal (1 for the other kinds).
    fn normal_mass(&self) -> f64 {
        match *self {
            Distribution::Normal { mean, sd, lo, hi } => normal_cdf((hi - mean) / sd) - normal_cdf((lo - mean) / sd),
            _ => 1.0,
        }
    }

    /// Whether `x` lies in the support (closed bounds; `(0, ∞)` for the gamma).
    pub fn contains(&self, x: f64) -> bool {
        match *self {
            Distribution::Uniform { lo, hi }
            | Distribution::LogUniform { lo, hi }
            | Distribution::Normal { lo, hi, .. } => x >= lo && x <= hi,
            Distribution::Gamma { .. } => x > 0.0 && x.is_finite(),
        }
    }

    /// The log density at `x`, normalised; `-∞` outside the support or for NaN.
    pub fn ln_density(&self, x: f64) -> f64 {
        if !self.contains(x) {
            return f64::NEG_INFINITY;
        }
        match *self {
            Distribution::Uniform { lo, hi } => -(hi - lo).ln(),
            Distribution::LogUniform { lo, hi } => -x.ln() - (hi / lo).ln().ln(),
            Distribution::Normal { mean, sd, .. } => ln_normal_pdf((x - mean) / sd) - sd.ln() - self.normal_mass().ln(),
            Distribution::Gamma { shape, rate } => {
                shape * rate.ln() - ln_gamma(shape) + (shape - 1.0) * x.ln() - rate * x
            }
        }
    }

    /// One draw. Uniform and log-uniform use one uniform; the truncated normal uses one uniform
    /// by inversion (`mean + sd Φ⁻¹(Φ(a) + U (Φ(b) − Φ(a)))`, computed on the side of the mean
    /// nearer the truncated region for accuracy in the upper tail); the gamma uses Marsaglia–Tsang
    /// rejection (a variable number of normals and uniforms). Meant for a distribution that passed
    /// [`Self::validate`]; an invalid one gives meaningless values (NaN for a gamma shape that is
    /// not positive and finite), never a panic or an endless loop.
    pub fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        match *self {
            Distribution::Uniform { lo, hi } => lo + uniform_open(rng) * (hi - lo),
            Distribution::LogUniform { lo, hi } => (lo.ln() + uniform_open(rng) * (hi / lo).ln()).exp(),
            Distribution::Normal { mean, sd, lo, hi } => {
                let u = uniform_open(rng);
                // Work on the reflected axis when the region lies above the mean, so that Φ is
                // evaluated where it is small and keeps its relative precision.
                let flip = (lo - mean) > (mean - hi);
                let (a, b) =
                    if flip { ((mean - hi) / sd, (mean - lo) / sd) } else { ((lo - mean) / sd, (hi - mean) / sd) };
                let (pa, pb) = (normal_cdf(a), normal_cdf(b));
                // max/min rather than clamp: never panics, even on bounds that were not validated.
                let z = normal_quantile(pa + u * (pb - pa)).max(a).min(b);
                let x = if flip { mean - sd * z } else { mean + sd * z };
                x.max(lo).min(hi)
            }
            // An invalid shape would make the rejection loop spin forever: NaN instead.
            Distribution::Gamma { shape, .. } if !(shape > 0.0 && shape.is_finite()) => f64::NAN,
            Distribution::Gamma { shape, rate } => standard_gamma(rng, shape) / rate,
        }
    }
}

/// One named parameter and its prior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// The parameter's name (unique within a [`Prior`]).
    pub name: String,
    /// Its prior distribution.
    pub distribution: Distribution,
}

/// A prior over named parameters: the product of independent marginal priors, in the order
/// given (the order of every parameter vector `θ` in the calibration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Parameter>", into = "Vec<Parameter>")]
pub struct Prior {
    parameters: Vec<Parameter>,
}

impl TryFrom<Vec<Parameter>> for Prior {
    type Error = StatsError;

    fn try_from(parameters: Vec<Parameter>) -> Result<Self, StatsError> {
        Prior::new(parameters)
    }
}

impl From<Prior> for Vec<Parameter> {
    fn from(prior: Prior) -> Self {
        prior.parameters
    }
}

impl Prior {
    /// A prior over `parameters`, validated.
    ///
    /// # Errors
    /// [`StatsError::Empty`] with no parameter; [`StatsError::InvalidParameter`] for an empty or
    /// repeated name or invalid hyper-parameters ([`Distribution::validate`]).
    pub fn new(parameters: Vec<Parameter>) -> Result<Self, StatsError> {
        if parameters.is_empty() {
            return Err(StatsError::Empty { what: "prior parameters" });
        }
        for (i, p) in parameters.iter().enumerate() {
            if p.name.is_empty() {
                return Err(StatsError::InvalidParameter {
                    name: "prior parameter name",
                    value: format!("(empty, position {i})"),
                    rule: "every parameter has a name",
                });
            }
            if parameters[..i].iter().any(|q| q.name == p.name) {
                return Err(StatsError::InvalidParameter {
                    name: "prior parameter name",
                    value: p.name.clone(),
                    rule: "parameter names are unique",
                });
            }
            p.distribution.validate(&p.name)?;
        }
        Ok(Prior { parameters })
    }

    /// A prior from `(name, distribution)` pairs; see [`Prior::new`].
    ///
    /// # Errors
    /// As [`Prior::new`].
    pub fn from_pairs<S: Into<String>>(pairs: impl IntoIterator<Item = (S, Distribution)>) -> Result<Self, StatsError> {
        Prior::new(
            pairs.into_iter().map(|(name, distribution)| Parameter { name: name.into(), distribution }).collect(),
        )
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.parameters.len()
    }

    /// Always false: a prior holds at least one parameter.
    pub fn is_empty(&self) -> bool {
        self.parameters.is_empty()
    }

    /// The parameters, in order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// The parameter names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.parameters.iter().map(|p| p.name.as_str()).collect()
    }

    /// The joint log density `Σ ln π_k(θ_k)`; `-∞` outside the support or for a vector of the
    /// wrong length.
    pub fn ln_density(&self, theta: &[f64]) -> f64 {
        if theta.len() != self.parameters.len() {
            return f64::NEG_INFINITY;
        }
        let mut total = 0.0;
        for (p, &x) in self.parameters.iter().zip(theta) {
            total += p.distribution.ln_density(x);
            if total == f64::NEG_INFINITY {
                break;
            }
        }
        total
    }

    /// One joint draw: the parameters drawn in order from the same generator.
    pub fn sample(&self, rng: &mut ChaCha8Rng) -> Vec<f64> {
        self.parameters.iter().map(|p| p.distribution.sample(rng)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn integrate(d: &Distribution, lo: f64, hi: f64) -> f64 {
        let n = 200_000;
        let h = (hi - lo) / n as f64;
        (0..n).map(|i| d.ln_density(lo + (i as f64 + 0.5) * h).exp() * h).sum()
    }

    #[test]
    fn densities_integrate_to_one() {
        let cases = [
            (Distribution::Uniform { lo: -1.0, hi: 3.0 }, -2.0, 4.0),
            (Distribution::LogUniform { lo: 0.1, hi: 10.0 }, 0.0, 11.0),
            (Distribution::Normal { mean: 1.0, sd: 2.0, lo: 0.0, hi: 3.0 }, -1.0, 4.0),
            (Distribution::Gamma { shape: 3.0, rate: 2.0 }, 0.0, 30.0),
        ];
        for (d, lo, hi) in cases {
            d.validate("x").unwrap();
            let mass = integrate(&d, lo, hi);
            assert!((mass - 1.0).abs() < 1e-4, "{d:?}: {mass}");
        }
    }

    #[test]
    fn draws_stay_in_support_and_match_means() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let cases = [
            (Distribution::Uniform { lo: -1.0, hi: 3.0 }, 1.0),
            (Distribution::LogUniform { lo: 1.0, hi: std::f64::consts::E }, std::f64::consts::E - 1.0),
            // Standard normal truncated to [0, ∞): mean √(2/π).
            (
                Distribution::Normal { mean: 0.0, sd: 1.0, lo: 0.0, hi: f64::INFINITY },
                (2.0 / std::f64::consts::PI).sqrt(),
            ),
            // Far upper tail: mean of N(0,1) | x ∈ [4, 5] ≈ 4.2189 (φ(4) − φ(5)) / (Φ(5) − Φ(4)).
            (Distribution::Normal { mean: 0.0, sd: 1.0, lo: 4.0, hi: 5.0 }, 4.218_9),
            (Distribution::Gamma { shape: 2.5, rate: 0.5 }, 5.0),
        ];
        for (d, mean) in cases {
            let n = 20_000;
            let draws: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
            assert!(draws.iter().all(|&x| d.contains(x)), "{d:?}");
            let m = draws.iter().sum::<f64>() / n as f64;
            assert!((m - mean).abs() < 0.03 * mean.abs().max(1.0), "{d:?}: {m} vs {mean}");
        }
    }

    #[test]
    fn bad_priors_are_errors() {
        assert!(matches!(Prior::new(vec![]), Err(StatsError::Empty { .. })));
        let bad = [
            Distribution::Uniform { lo: 1.0, hi: 1.0 },
            Distribution::Uniform { lo: 0.0, hi: f64::INFINITY },
            Distribution::Uniform { lo: f64::NAN, hi: 1.0 },
            Distribution::LogUniform { lo: 0.0, hi: 1.0 },
            Distribution::LogUniform { lo: 2.0, hi: 1.0 },
            Distribution::Normal { mean: 0.0, sd: 0.0, lo: -1.0, hi: 1.0 },
            Distribution::Normal { mean: 0.0, sd: 1.0, lo: 1.0, hi: -1.0 },
            Distribution::Normal { mean: 0.0, sd: 1.0, lo: 50.0, hi: 60.0 },
            Distribution::Gamma { shape: -1.0, rate: 1.0 },
            Distribution::Gamma { shape: 1.0, rate: f64::NAN },
        ];
        for d in bad {
            assert!(matches!(Prior::from_pairs([("x", d.clone())]), Err(StatsError::InvalidParameter { .. })), "{d:?}");
        }
        let u = Distribution::Uniform { lo: 0.0, hi: 1.0 };
        assert!(Prior::from_pairs([("a", u.clone()), ("a", u.clone())]).is_err());
        assert!(Prior::from_pairs([("", u)]).is_err());
    }

    #[test]
    fn joint_density_is_the_product() {
        let prior = Prior::from_pairs([
            ("a", Distribution::Uniform { lo: 0.0, hi: 2.0 }),
            ("b", Distribution::Uniform { lo: 0.0, hi: 4.0 }),
        ])
        .unwrap();
        assert!((prior.ln_density(&[1.0, 1.0]) - (1.0f64 / 8.0).ln()).abs() < 1e-15);
        assert_eq!(prior.ln_density(&[3.0, 1.0]), f64::NEG_INFINITY);
        assert_eq!(prior.ln_density(&[1.0]), f64::NEG_INFINITY);
        assert_eq!(prior.names(), ["a", "b"]);
    }
}
