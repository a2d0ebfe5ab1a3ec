//! Observed summary statistics and the scaled Euclidean distance to simulated ones.

use serde::{Deserialize, Serialize};

use crate::StatsError;
use crate::analysis::check_finite;

/// The observed summary statistics `s_obs` with one scale per statistic (its observation error
/// or natural spread), defining the distance
/// `ρ(s, s_obs) = √(Σ_k ((s_k − s_obs,k) / scale_k)²)`.
///
/// Scaling puts statistics of different units on one footing; a scale equal to a statistic's
/// observation standard error makes `ρ` a number of standard errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ObservedFields", into = "ObservedFields")]
pub struct Observed {
    values: Vec<f64>,
    scales: Vec<f64>,
}

/// The serialised form of [`Observed`], validated on the way in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ObservedFields {
    values: Vec<f64>,
    scales: Vec<f64>,
}

impl TryFrom<ObservedFields> for Observed {
    type Error = StatsError;

    fn try_from(f: ObservedFields) -> Result<Self, StatsError> {
        Observed::new(f.values, f.scales)
    }
}

impl From<Observed> for ObservedFields {
    fn from(o: Observed) -> Self {
        ObservedFields { values: o.values, scales: o.scales }
    }
}

impl Observed {
    /// Observed statistics `values` with their `scales`.
    ///
    /// # Errors
    /// [`StatsError::Empty`] with no statistic, [`StatsError::SizeMismatch`] when the lengths
    /// differ, [`StatsError::NonFinite`] for a non-finite value or scale,
    /// [`StatsError::InvalidParameter`] for a scale that is not positive.
    pub fn new(values: Vec<f64>, scales: Vec<f64>) -> Result<Self, StatsError> {
        if values.is_empty() {
            return Err(StatsError::Empty { what: "observed statistics" });
        }
        if scales.len() != values.len() {
            return Err(StatsError::SizeMismatch {
                what: "scales of the observed statistics",
                expected: values.len(),
                found: scales.len(),
            });
        }
        check_finite("observed statistics", &values)?;
        check_finite("scales of the observed statistics", &scales)?;
        if let Some(i) = scales.iter().position(|&s| s <= 0.0) {
            return Err(StatsError::InvalidParameter {
                name: "scale of an observed statistic",
                value: format!("{} at index {i}", scales[i]),
                rule: "scales are positive",
            });
        }
        Ok(Observed { values, scales })
    }

    /// Observed statistics all with scale 1 (plain Euclidean distance).
    ///
    /// # Errors
    /// As [`Observed::new`].
    pub fn unscaled(values: Vec<f64>) -> Result<Self, StatsError> {
        let scales = vec![1.0; values.len()];
        Observed::new(values, scales)
    }

    /// The observed values.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The scales.
    pub fn scales(&self) -> &[f64] {
        &self.scales
    }

    /// The number of statistics.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Always false: there is at least one statistic.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The scaled Euclidean distance from simulated statistics `simulated`, summed in order.
    ///
    /// # Errors
    /// [`StatsError::SizeMismatch`] when `simulated` has the wrong length,
    /// [`StatsError::NonFinite`] for a NaN or infinite simulated statistic.
    pub fn distance(&self, simulated: &[f64]) -> Result<f64, StatsError> {
        if simulated.len() != self.values.len() {
            return Err(StatsError::SizeMismatch {
                what: "simulated summary statistics",
                expected: self.values.len(),
                found: simulated.len(),
            });
        }
        check_finite("simulated summary statistics", simulated)?;
        let mut sum = 0.0;
        for ((s, o), h) in simulated.iter().zip(&self.values).zip(&self.scales) {
            let z = (s - o) / h;
            sum += z * z;
        }
        Ok(sum.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_distance_by_hand() {
        let o = Observed::new(vec![1.0, 10.0], vec![0.5, 4.0]).unwrap();
        // ((2 − 1)/0.5, (18 − 10)/4) = (2, 2): distance √8.
        assert!((o.distance(&[2.0, 18.0]).unwrap() - 8f64.sqrt()).abs() < 1e-15);
        assert!(matches!(o.distance(&[1.0]), Err(StatsError::SizeMismatch { .. })));
        assert!(matches!(o.distance(&[1.0, f64::NAN]), Err(StatsError::NonFinite { index: 1, .. })));
    }

    #[test]
    fn bad_observations_are_errors() {
        assert!(Observed::new(vec![], vec![]).is_err());
        assert!(Observed::new(vec![1.0], vec![1.0, 2.0]).is_err());
        assert!(Observed::new(vec![f64::NAN], vec![1.0]).is_err());
        assert!(Observed::new(vec![1.0], vec![0.0]).is_err());
        assert!(Observed::unscaled(vec![1.0]).is_ok());
    }
}
