//! From a spec to design points: each point assigns values to the uncertain parameters.
//!
//! Real parameters come from unit-interval coordinates through their distribution's inverse
//! CDF; integers by flooring; categorical parameters by splitting [0, 1) into equal parts. The
//! unit coordinates come from the design (`stats::design`): a full factorial grid, a Latin
//! hypercube (optionally with correlated pairs through a Gaussian copula), Saltelli's Sobol'
//! extension, or Morris trajectories; `cases` designs list values directly.

use crate::spec::{
    Case, DesignKind, Distribution, Parameter, ParameterKind, Spec, parse_lenses, parse_preset, uncertain_group,
};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use serde::Serialize;

/// A parameter value at a design point.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A number (real or integer parameters, regime levers).
    Number(f64),
    /// A category (regime preset, lens set, or a categorical number given as text).
    Text(String),
}

impl Value {
    /// The value as a number for analysis: numbers as they are, categories by their index in
    /// `categories` (or NaN when unknown).
    pub fn numeric(&self, categories: &[String]) -> f64 {
        match self {
            Value::Number(x) => *x,
            Value::Text(t) => categories.iter().position(|c| c == t).map_or(f64::NAN, |i| i as f64),
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(x) => write!(f, "{x}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// One design point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// Index in the design (0-based).
    pub index: usize,
    /// Case name (`cases` designs).
    pub case: Option<String>,
    /// Values in the order of [`Plan::columns`].
    pub values: Vec<Option<Value>>,
}

/// The design: parameter columns and points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Parameter names, in column order.
    pub columns: Vec<String>,
    /// Categories of each column (empty for numeric columns).
    pub categories: Vec<Vec<String>>,
    /// The points, in design order.
    pub points: Vec<Point>,
    /// For `sobol` designs: the base sample size N and number of factors k.
    pub saltelli: Option<(usize, usize)>,
    /// For `morris` designs: trajectories r and levels p.
    pub morris: Option<(usize, usize)>,
}

/// Errors building a design.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DesignError(pub String);

/// Seed of the design's own random stream (LHS, Morris), derived from the master seed so that
/// it never collides with a run's stream: runs use stream = run index, the design uses the
/// last stream.
fn design_rng(seed: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::MAX);
    rng
}

/// Builds the design points of `spec`. A spec with `inputs.uncertain` parameters must be
/// expanded against its scenario first ([`Spec::expand`]).
pub fn plan(spec: &Spec) -> Result<Plan, DesignError> {
    if let Some(p) = spec.parameters.iter().find(|p| uncertain_group(&p.name).is_some()) {
        return Err(DesignError(format!(
            "parameter `{}` stands for the scenario's uncertain inputs: expand the spec against the scenario first (Spec::expand)",
            p.name
        )));
    }
    let params = &spec.parameters;
    let k = params.len();
    let levels = spec.design.levels.unwrap_or(4) as usize;
    let samples = spec.design.samples.unwrap_or(0) as usize;
    let err = |e: stats::StatsError| DesignError(e.to_string());
    let mut saltelli = None;
    let mut morris = None;
    let unit_rows: Vec<Vec<f64>> = match spec.design.kind {
        DesignKind::Cases => return Ok(plan_cases(spec)),
        DesignKind::Factorial => {
            let counts: Vec<usize> = params
                .iter()
                .map(|p| match p.kind {
                    ParameterKind::Categorical => p.values.len(),
                    ParameterKind::Integer => {
                        let span = (p.high.unwrap_or(0.0) - p.low.unwrap_or(0.0)).floor() as usize + 1;
                        span.min(levels.max(2))
                    }
                    ParameterKind::Real => levels,
                })
                .collect();
            stats::design::full_factorial(&counts)
                .into_iter()
                .map(|row| {
                    row.iter()
                        .zip(&counts)
                        .zip(params)
                        .map(|((&i, &n), p)| match p.kind {
                            // Categories: the middle of each equal part of [0, 1).
                            ParameterKind::Categorical => (i as f64 + 0.5) / n as f64,
                            // Numbers: evenly spaced levels including both ends.
                            _ => {
                                if n > 1 {
                                    i as f64 / (n - 1) as f64
                                } else {
                                    0.5
                                }
                            }
                        })
                        .collect()
                })
                .collect()
        }
        DesignKind::Lhs => {
            let mut rows = stats::design::latin_hypercube(samples, k, &mut design_rng(spec.experiment.seed));
            correlate(spec, &mut rows);
            rows
        }
        DesignKind::Sobol => {
            let (design, rows) = if spec.design.second_order {
                stats::design::saltelli_second_order(samples, k)
            } else {
                stats::design::saltelli(samples, k)
            }
            .map_err(err)?;
            saltelli = Some((design.n, design.k));
            rows
        }
        DesignKind::Morris => {
            morris = Some((samples, levels));
            stats::design::morris_trajectories(samples, k, levels, &mut design_rng(spec.experiment.seed))
                .map_err(err)?
        }
    };
    let points = unit_rows
        .iter()
        .enumerate()
        .map(|(index, u)| Point {
            index,
            case: None,
            values: params.iter().zip(u).map(|(p, &x)| Some(map_value(p, x))).collect(),
        })
        .collect();
    Ok(Plan {
        columns: params.iter().map(|p| p.name.clone()).collect(),
        categories: params
            .iter()
            .map(|p| if p.kind == ParameterKind::Categorical { p.values.clone() } else { Vec::new() })
            .collect(),
        points,
        saltelli,
        morris,
    })
}

/// Maps a unit coordinate to a parameter value.
pub fn map_value(p: &Parameter, u: f64) -> Value {
    let u = u.clamp(0.0, 1.0);
    let (lo, hi) = (p.low.unwrap_or(0.0), p.high.unwrap_or(1.0));
    match p.kind {
        ParameterKind::Categorical => {
            let n = p.values.len().max(1);
            let i = ((u * n as f64).floor() as usize).min(n - 1);
            let v = &p.values[i];
            match (p.name.as_str(), v.parse::<f64>()) {
                ("regime" | "lenses", _) => Value::Text(v.clone()),
                (_, Ok(x)) => Value::Number(x),
                _ => Value::Text(v.clone()),
            }
        }
        ParameterKind::Integer => {
            let span = (hi - lo).floor() + 1.0;
            Value::Number((lo + (u * span).floor()).min(hi.floor()))
        }
        ParameterKind::Real => Value::Number(match p.distribution.unwrap_or(Distribution::Uniform) {
            Distribution::Uniform => lo + u * (hi - lo),
            Distribution::LogUniform => (lo.ln() + u * (hi.ln() - lo.ln())).exp(),
            Distribution::Triangular => {
                let m = p.mode.unwrap_or((lo + hi) / 2.0);
                let f = (m - lo) / (hi - lo);
                if u < f {
                    lo + (u * (hi - lo) * (m - lo)).sqrt()
                } else {
                    hi - ((1.0 - u) * (hi - lo) * (hi - m)).sqrt()
                }
            }
        }),
    }
}

/// Induces the spec's correlations in LHS rows with a Gaussian copula: normal scores
/// z = Φ⁻¹(u), the second of each pair replaced by ρ z₁ + √(1 − ρ²) z₂, then back through Φ.
fn correlate(spec: &Spec, rows: &mut [Vec<f64>]) {
    for c in &spec.correlations {
        let idx = |name: &str| spec.parameters.iter().position(|p| p.name == name);
        let (Some(i), Some(j)) = (idx(&c.pair[0]), idx(&c.pair[1])) else { continue };
        for row in rows.iter_mut() {
            let z1 = stats::analysis::normal_quantile(row[i].clamp(1e-12, 1.0 - 1e-12));
            let z2 = stats::analysis::normal_quantile(row[j].clamp(1e-12, 1.0 - 1e-12));
            let z = c.rho * z1 + (1.0 - c.rho * c.rho).sqrt() * z2;
            row[j] = normal_cdf(z);
        }
    }
}

fn plan_cases(spec: &Spec) -> Plan {
    let mut columns: Vec<String> = Vec::new();
    for c in &spec.cases {
        for name in c.values.keys() {
            if !columns.contains(name) {
                columns.push(name.clone());
            }
        }
    }
    let value = |c: &Case, name: &str| {
        c.values.get(name).map(|v| match v {
            toml::Value::String(s) => Value::Text(s.clone()),
            toml::Value::Integer(i) => Value::Number(*i as f64),
            toml::Value::Float(x) => Value::Number(*x),
            other => Value::Text(other.to_string()),
        })
    };
    let points = spec
        .cases
        .iter()
        .enumerate()
        .map(|(index, c)| Point {
            index,
            case: Some(c.name.clone()),
            values: columns.iter().map(|n| value(c, n)).collect(),
        })
        .collect();
    let categories = columns
        .iter()
        .map(|n| {
            let mut cats: Vec<String> = Vec::new();
            for c in &spec.cases {
                if let Some(toml::Value::String(s)) = c.values.get(n)
                    && !cats.contains(s)
                {
                    cats.push(s.clone());
                }
            }
            cats
        })
        .collect();
    Plan { columns, categories, points, saltelli: None, morris: None }
}

/// The run request of design point `point` of `spec`: [`request`] with the spec's measurement
/// setting (`major_war_particles`).
pub fn spec_request(spec: &Spec, plan: &Plan, point: &Point) -> Result<lab::RunRequest, DesignError> {
    let mut r = request(plan, point, spec.experiment.years)?;
    r.major_war_particles = spec.experiment.major_war_particles;
    Ok(r)
}

/// The run request of a design point: its regime preset, lenses and overrides (parameters,
/// levers and scenario inputs, named as in `lab::Target::from_name`).
pub fn request(plan: &Plan, point: &Point, years: Option<u32>) -> Result<lab::RunRequest, DesignError> {
    let mut r = lab::RunRequest { years, ..Default::default() };
    for (name, value) in plan.columns.iter().zip(&point.values) {
        let Some(value) = value else { continue };
        match (name.as_str(), value) {
            ("regime", Value::Text(t)) => r.regime = parse_preset(t),
            ("lenses", Value::Text(t)) => r.lenses = parse_lenses(t),
            (n, Value::Number(x)) => {
                let target = lab::Target::from_name(n).map_err(|e| DesignError(e.to_string()))?;
                r.overrides.push(lab::Override::new(target, *x).map_err(|e| DesignError(e.to_string()))?);
            }
            (n, Value::Text(t)) => return Err(DesignError(format!("{n}: expected a number, got `{t}`"))),
        }
    }
    Ok(r)
}

/// Standard normal CDF, Φ(z) (the statistics crate's, from Numerical Recipes' erfc; fractional
/// error below 1.2e-7, ample for mapping copula scores to strata).
pub use stats::calibration::normal_cdf;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_tables() {
        // Φ(0) = 0.5, Φ(1.959964) = 0.975, Φ(−1) = 0.158655 (standard normal tables).
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
        assert!((normal_cdf(-1.0) - 0.158_655_25).abs() < 1e-6);
        // Round trip with the quantile function.
        for p in [0.01, 0.2, 0.5, 0.9, 0.999] {
            assert!((normal_cdf(stats::analysis::normal_quantile(p)) - p).abs() < 1e-6);
        }
    }

    /// `second_order = true` gives SALib's `N (2k + 2)` rows: `A, AB^1..AB^k, BA^1..BA^k, B`.
    #[test]
    fn second_order_sobol_plans_add_the_ba_rows() {
        let text = |second: &str| {
            format!(
                "schema = 1\n[experiment]\nname = \"s\"\nscenario = \"world-2025\"\nseed = 1\n\
                 [design]\nkind = \"sobol\"\nsamples = 8\n{second}\n\
                 [[parameters]]\nname = \"accident_hazard\"\nkind = \"real\"\nlow = 0.0\nhigh = 0.1\n\
                 [[parameters]]\nname = \"prudence_base\"\nkind = \"real\"\nlow = 1.0\nhigh = 2.0\n"
            )
        };
        let first = crate::spec::parse_spec(&text(""), "first.toml").unwrap();
        let second = crate::spec::parse_spec(&text("second_order = true"), "second.toml").unwrap();
        assert_eq!(crate::spec::design_size(&first), Some(8 * 4));
        assert_eq!(crate::spec::design_size(&second), Some(8 * 6));
        let (a, b) = (plan(&first).unwrap(), plan(&second).unwrap());
        assert_eq!((a.points.len(), b.points.len()), (32, 48));
        // Base row 0: A, AB^1, AB^2 and B are the same points in both designs.
        for (i, j) in [(0, 0), (1, 1), (2, 2), (3, 5)] {
            assert_eq!(a.points[i].values, b.points[j].values, "row {i} vs {j}");
        }
        let bad = crate::spec::parse_spec(&text("second_order = true").replace("sobol", "lhs"), "bad.toml");
        assert!(bad.unwrap_err().to_string().contains("second-order indices need a `sobol` design"));
    }
}
