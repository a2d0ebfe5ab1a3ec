//! A calibration's posterior as the source of each run's parameters (`--posterior DIR`).
//!
//! `deterrence calibrate` writes its last generation of weighted particles to `posterior.csv`
//! (`particle, weight, distance`, then one column per calibrated parameter). An ensemble that
//! draws from it gives run `r` of master seed `s` the particle drawn with probability
//! proportional to its weight from a stream of its own — ChaCha8 seeded with
//! `s ^ POSTERIOR_SALT`, stream `r` — so the run's own random stream is untouched, and the
//! particle of a run does not depend on thread count, shard or resume point.

use crate::overrides::{Override, Target};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

/// Mixed into the master seed to derive the particle draws' streams ("posterio" in ASCII).
pub const POSTERIOR_SALT: u64 = 0x706f_7374_6572_696f;

/// Weighted particles over named parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Posterior {
    /// Where the particles came from (the file as the user named it).
    pub origin: String,
    /// Parameter names (each a `--param`, `--lever` or `--set` target name).
    pub names: Vec<String>,
    /// Particle weights (non-negative, finite, not all zero; need not sum to 1).
    pub weights: Vec<f64>,
    /// One row of values per particle, in the order of `names`.
    pub values: Vec<Vec<f64>>,
}

impl Posterior {
    /// Reads `posterior.csv` text (as `deterrence calibrate` writes it); `file` names it in
    /// errors. Every problem is returned, each located by line and column name.
    pub fn from_csv(text: &str, file: &str) -> Result<Posterior, Vec<String>> {
        let mut problems = Vec::new();
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) => return Err(vec![format!("{file}: {e}")]),
        };
        if header.len() < 4 || header[..3] != ["particle", "weight", "distance"] {
            return Err(vec![format!(
                "{file}:1: expected the header `particle,weight,distance,PARAMETER…` of a calibration's posterior.csv, found `{}`",
                header.join(",")
            )]);
        }
        let names: Vec<String> = header[3..].to_vec();
        let targets: Vec<Option<Target>> = names
            .iter()
            .map(|name| {
                Target::from_name(name).map_err(|e| problems.push(format!("{file}:1: column `{name}`: {e}"))).ok()
            })
            .collect();
        let (mut weights, mut values) = (Vec::new(), Vec::new());
        for rec in reader.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{file}: {e}"));
                    break;
                }
            };
            let line = rec.position().map_or(0, |p| p.line());
            if rec.len() != header.len() {
                problems.push(format!("{file}:{line}: expected {} fields, found {}", header.len(), rec.len()));
                continue;
            }
            let weight = rec.get(1).unwrap_or_default();
            match weight.parse::<f64>() {
                Ok(w) if w.is_finite() && w >= 0.0 => weights.push(w),
                _ => problems
                    .push(format!("{file}:{line}: field `weight`: expected a finite number ≥ 0, found `{weight}`")),
            }
            let mut row = Vec::with_capacity(names.len());
            for (k, name) in names.iter().enumerate() {
                let text = rec.get(3 + k).unwrap_or_default();
                match text.parse::<f64>() {
                    Ok(x) => match targets[k].as_ref().map(|t| t.check(x)) {
                        Some(Err(e)) => problems.push(format!("{file}:{line}: field `{name}`: {e}")),
                        _ => row.push(x),
                    },
                    Err(_) => {
                        problems.push(format!("{file}:{line}: field `{name}`: expected a number, found `{text}`"))
                    }
                }
            }
            values.push(row);
        }
        if problems.is_empty() && values.is_empty() {
            problems.push(format!("{file}: holds no particle"));
        }
        if problems.is_empty() && weights.iter().sum::<f64>() <= 0.0 {
            problems.push(format!("{file}: every weight is 0"));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Posterior { origin: file.to_owned(), names, weights, values })
    }

    /// The checks [`Posterior::from_csv`] makes, for a posterior read from elsewhere (e.g. a
    /// manifest or an experiment spec): names, finite non-negative weights with a positive sum,
    /// one value per name in each target's domain. Problems are returned unlocated.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let targets: Vec<Option<Target>> = self
            .names
            .iter()
            .map(|n| Target::from_name(n).map_err(|e| problems.push(format!("parameter `{n}`: {e}"))).ok())
            .collect();
        if self.values.is_empty() {
            problems.push("holds no particle".into());
        }
        if self.weights.len() != self.values.len() {
            problems.push(format!("{} weights for {} particles", self.weights.len(), self.values.len()));
        }
        if self.weights.iter().any(|w| !w.is_finite() || *w < 0.0) || self.weights.iter().sum::<f64>() <= 0.0 {
            problems.push("weights must be finite, ≥ 0 and not all 0".into());
        }
        for (j, row) in self.values.iter().enumerate() {
            if row.len() != self.names.len() {
                problems.push(format!("particle {j}: {} values for {} parameters", row.len(), self.names.len()));
                continue;
            }
            for ((x, t), n) in row.iter().zip(&targets).zip(&self.names) {
                if let Some(Err(e)) = t.as_ref().map(|t| t.check(*x)) {
                    problems.push(format!("particle {j}, `{n}`: {e}"));
                }
            }
        }
        problems
    }

    /// The particle of run `run` of master seed `seed`: index `j` with probability
    /// `weights[j] / Σ weights` (inverse CDF of one uniform draw).
    pub fn draw(&self, seed: u64, run: u64) -> usize {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ POSTERIOR_SALT);
        rng.set_stream(run);
        let total: f64 = self.weights.iter().sum();
        let u = rng.random::<f64>() * total;
        let mut acc = 0.0;
        for (j, w) in self.weights.iter().enumerate() {
            acc += w;
            if u < acc {
                return j;
            }
        }
        // Rounding can leave u at the very top: the last particle with weight.
        self.weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
    }

    /// The overrides that set particle `j`'s values.
    pub fn overrides(&self, j: usize) -> Vec<Override> {
        self.names
            .iter()
            .zip(&self.values[j])
            .filter_map(|(n, &x)| Override::new(Target::from_name(n).ok()?, x).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "particle,weight,distance,accident_hazard,willingness_intercept\n\
                       0,0.1,0.5,0.001,-1.0\n1,0.3,0.4,0.002,-0.5\n2,0.6,0.2,0.003,-2.0\n";

    #[test]
    fn reads_a_posterior_and_draws_by_weight() {
        let p = Posterior::from_csv(CSV, "post.csv").unwrap();
        assert_eq!(p.names, ["accident_hazard", "willingness_intercept"]);
        assert_eq!(p.weights, [0.1, 0.3, 0.6]);
        assert!(p.problems().is_empty());
        let n = 60_000u64;
        let mut counts = [0u64; 3];
        for r in 0..n {
            counts[p.draw(7, r)] += 1;
        }
        // Pearson's chi-square against the weights, 2 degrees of freedom: 13.8 is the 0.1 %
        // critical value, so a correct sampler fails this about once in a thousand seeds.
        let chi2: f64 = counts
            .iter()
            .zip(&p.weights)
            .map(|(&c, &w)| {
                let e = w * n as f64;
                (c as f64 - e).powi(2) / e
            })
            .sum();
        assert!(chi2 < 13.8, "counts {counts:?}, chi-square {chi2}");
        // The same seed and run give the same particle; the draw ignores the run's own stream.
        assert_eq!(p.draw(7, 11), p.draw(7, 11));
        let o = p.overrides(2);
        assert_eq!(o.len(), 2);
        assert_eq!(o[1].value, -2.0);
    }

    #[test]
    fn zero_weights_are_never_drawn() {
        let p = Posterior::from_csv(
            "particle,weight,distance,accident_hazard\n0,0,1,0.001\n1,2,1,0.002\n2,0,1,0.003\n",
            "p",
        )
        .unwrap();
        assert!((0..5_000).all(|r| p.draw(1, r) == 1));
    }

    #[test]
    fn every_problem_is_located() {
        let bad = "particle,weight,distance,accident_hazard,no_such_parameter\n\
                   0,-1,0.5,0.001,1\n1,x,0.4,abc,1\n2,1,0.2\n";
        let e = Posterior::from_csv(bad, "post.csv").unwrap_err().join("\n");
        assert!(e.contains("post.csv:1: column `no_such_parameter`"), "{e}");
        assert!(e.contains("post.csv:2: field `weight`: expected a finite number ≥ 0, found `-1`"), "{e}");
        assert!(e.contains("post.csv:3: field `weight`"), "{e}");
        assert!(e.contains("post.csv:3: field `accident_hazard`: expected a number, found `abc`"), "{e}");
        assert!(e.contains("post.csv:4: expected 5 fields, found 3"), "{e}");
        let e = Posterior::from_csv("a,b\n1,2\n", "x.csv").unwrap_err().join("\n");
        assert!(e.contains("x.csv:1: expected the header `particle,weight,distance,PARAMETER…`"), "{e}");
        let e = Posterior::from_csv("particle,weight,distance,accident_hazard\n", "x.csv").unwrap_err().join("\n");
        assert!(e.contains("holds no particle"), "{e}");
        let e = Posterior::from_csv("particle,weight,distance,accident_hazard\n0,0,1,0.1\n", "x.csv")
            .unwrap_err()
            .join("\n");
        assert!(e.contains("every weight is 0"), "{e}");
    }
}
