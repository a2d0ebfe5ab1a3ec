//! The perturbation kernel of ABC-SMC: a normal centred on a resampled particle, its covariance
//! twice the weighted covariance of the previous generation.

use rand::rngs::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::special::standard_normal;
use super::weights::weighted_mean_cov;
use crate::StatsError;

/// Which covariance the perturbation kernel uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KernelKind {
    /// A multivariate normal with covariance `2 Σ`, `Σ` the weighted empirical covariance
    /// matrix of the previous generation: the multivariate form of Beaumont et al.'s (2009)
    /// choice, analysed by Filippi, Barnes, Cornebise & Stumpf (2013, *Stat. Appl. Genet. Mol.
    /// Biol.* 12(1)). Follows correlated posteriors. The default.
    #[default]
    MultivariateNormal,
    /// Independent normals per parameter with variance `2 σ_k²`, the weighted empirical variance
    /// of each parameter (Beaumont et al. 2009, applied component by component).
    ComponentWise,
}

/// A normal perturbation kernel `K(θ* | θ) = N(θ*; θ, C)`, held as the lower Cholesky factor
/// `L` of `C = L Lᵀ`.
#[derive(Debug, Clone, PartialEq)]
pub struct PerturbationKernel {
    chol: Vec<Vec<f64>>,
    /// `−(d/2) ln 2π − Σ ln L_kk`, the log normalising constant.
    ln_norm: f64,
}

/// The lower Cholesky factor of a symmetric matrix, or `None` if it is not positive definite.
fn cholesky(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let d = a.len();
    let mut l = vec![vec![0.0; d]; d];
    for i in 0..d {
        for j in 0..=i {
            let s = a[i][j] - l[i][..j].iter().zip(&l[j][..j]).map(|(x, y)| x * y).sum::<f64>();
            if i == j {
                if !(s > 0.0 && s.is_finite()) {
                    return None;
                }
                l[i][i] = s.sqrt();
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    }
    Some(l)
}

impl PerturbationKernel {
    /// A kernel with the given covariance matrix (square, symmetric, positive definite).
    ///
    /// # Errors
    /// [`StatsError::Empty`] for a 0×0 matrix, [`StatsError::SizeMismatch`] for a ragged or
    /// non-square one, [`StatsError::NonFinite`] for a non-finite entry,
    /// [`StatsError::InvalidParameter`] if it is not symmetric positive definite.
    pub fn from_covariance(cov: &[Vec<f64>]) -> Result<Self, StatsError> {
        let d = cov.len();
        if d == 0 {
            return Err(StatsError::Empty { what: "kernel covariance" });
        }
        for (i, row) in cov.iter().enumerate() {
            if row.len() != d {
                return Err(StatsError::SizeMismatch { what: "kernel covariance row", expected: d, found: row.len() });
            }
            if let Some(j) = row.iter().position(|v| !v.is_finite()) {
                return Err(StatsError::NonFinite { what: "kernel covariance", index: i * d + j, value: row[j] });
            }
        }
        let symmetric =
            (0..d).all(|i| (0..i).all(|j| (cov[i][j] - cov[j][i]).abs() <= 1e-12 * (cov[i][i] * cov[j][j]).sqrt()));
        let chol = cholesky(cov).filter(|_| symmetric).ok_or_else(|| StatsError::InvalidParameter {
            name: "kernel covariance",
            value: format!("{cov:?}"),
            rule: "a covariance matrix is symmetric positive definite",
        })?;
        Ok(Self::from_cholesky(chol))
    }

    fn from_cholesky(chol: Vec<Vec<f64>>) -> Self {
        let d = chol.len();
        let ln_det_half: f64 = (0..d).map(|k| chol[k][k].ln()).sum();
        let ln_norm = -0.5 * d as f64 * std::f64::consts::TAU.ln() - ln_det_half;
        PerturbationKernel { chol, ln_norm }
    }

    /// The kernel for the next generation from the weighted particles `points` (rows of length
    /// `dim`) of the previous one: covariance `2 Σ` ([`KernelKind::MultivariateNormal`]) or
    /// `2 diag Σ` ([`KernelKind::ComponentWise`]). A variance that is zero or negligible (all
    /// particles equal in a coordinate) is raised to `1e-12 · max(1, m_k²)`, `m_k` the weighted
    /// mean, so the kernel stays proper; a covariance that is still not positive definite (exact
    /// collinearity) falls back to its diagonal. Weights are assumed valid (non-negative, finite,
    /// positive sum).
    pub fn fit(kind: KernelKind, points: &[&[f64]], weights: &[f64], dim: usize) -> Self {
        let (mean, cov) = weighted_mean_cov(points, weights, dim);
        let mut c: Vec<Vec<f64>> = cov.iter().map(|row| row.iter().map(|v| 2.0 * v).collect()).collect();
        for k in 0..dim {
            let floor = 1e-12 * mean[k].abs().powi(2).max(1.0);
            if c[k][k] < floor || !c[k][k].is_finite() {
                c[k][k] = floor;
            }
        }
        let diagonal = |c: &[Vec<f64>]| -> Vec<Vec<f64>> {
            (0..dim).map(|i| (0..dim).map(|j| if i == j { c[i][i].sqrt() } else { 0.0 }).collect()).collect()
        };
        let chol = match kind {
            KernelKind::ComponentWise => diagonal(&c),
            KernelKind::MultivariateNormal => cholesky(&c).unwrap_or_else(|| diagonal(&c)),
        };
        Self::from_cholesky(chol)
    }

    /// The dimension.
    pub fn dim(&self) -> usize {
        self.chol.len()
    }

    /// The covariance matrix `L Lᵀ`.
    pub fn covariance(&self) -> Vec<Vec<f64>> {
        let d = self.dim();
        (0..d)
            .map(|i| (0..d).map(|j| (0..=i.min(j)).map(|k| self.chol[i][k] * self.chol[j][k]).sum()).collect())
            .collect()
    }

    /// Check a vector has the kernel's dimension.
    fn check_dim(&self, what: &'static str, v: &[f64]) -> Result<(), StatsError> {
        if v.len() == self.dim() {
            Ok(())
        } else {
            Err(StatsError::SizeMismatch { what, expected: self.dim(), found: v.len() })
        }
    }

    /// A draw `θ + L z` around `center = θ`, `z` a vector of `d` standard normals drawn in
    /// coordinate order.
    ///
    /// # Errors
    /// [`StatsError::SizeMismatch`] when `center` does not have the kernel's dimension.
    pub fn sample(&self, center: &[f64], rng: &mut ChaCha8Rng) -> Result<Vec<f64>, StatsError> {
        self.check_dim("kernel centre", center)?;
        Ok(self.sample_unchecked(center, rng))
    }

    /// [`Self::sample`] for a centre known to have the kernel's dimension.
    pub(crate) fn sample_unchecked(&self, center: &[f64], rng: &mut ChaCha8Rng) -> Vec<f64> {
        let z: Vec<f64> = (0..self.dim()).map(|_| standard_normal(rng)).collect();
        center.iter().enumerate().map(|(i, c)| c + (0..=i).map(|k| self.chol[i][k] * z[k]).sum::<f64>()).collect()
    }

    /// `ln K(x | center) = ln N(x; center, L Lᵀ)`, by forward substitution `L y = x − center`.
    ///
    /// # Errors
    /// [`StatsError::SizeMismatch`] when `x` or `center` does not have the kernel's dimension.
    pub fn ln_density(&self, x: &[f64], center: &[f64]) -> Result<f64, StatsError> {
        self.check_dim("kernel argument", x)?;
        self.check_dim("kernel centre", center)?;
        let mut y = vec![0.0; self.dim()];
        Ok(self.ln_density_in(x, center, &mut y))
    }

    /// [`Self::ln_density`] with a caller's scratch buffer of length `d` (no allocation in the
    /// `N²` loop of the importance weights), for vectors known to have the kernel's dimension.
    pub(crate) fn ln_density_in(&self, x: &[f64], center: &[f64], y: &mut [f64]) -> f64 {
        let d = self.dim();
        let mut quad = 0.0;
        for i in 0..d {
            let s = (x[i] - center[i]) - self.chol[i][..i].iter().zip(&y[..i]).map(|(l, v)| l * v).sum::<f64>();
            y[i] = s / self.chol[i][i];
            quad += y[i] * y[i];
        }
        self.ln_norm - 0.5 * quad
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn density_matches_the_bivariate_formula() {
        let k = PerturbationKernel::from_covariance(&[vec![4.0, 1.2], vec![1.2, 1.0]]).unwrap();
        // det = 4 − 1.44 = 2.56; inverse = [1, −1.2; −1.2, 4] / 2.56; x − c = (1, −1):
        // quadratic form = (1 + 2.4 + 4) / 2.56 = 2.890625.
        let expected = -(std::f64::consts::TAU).ln() - 0.5 * 2.56f64.ln() - 0.5 * 2.890_625;
        assert!((k.ln_density(&[1.0, -1.0], &[0.0, 0.0]).unwrap() - expected).abs() < 1e-13);
        assert!(k.ln_density(&[1.0], &[0.0, 0.0]).is_err());
        assert!(k.sample(&[0.0], &mut rand::SeedableRng::seed_from_u64(1)).is_err());
        let c = k.covariance();
        assert!((c[0][1] - 1.2).abs() < 1e-14 && (c[1][1] - 1.0).abs() < 1e-14);
    }

    #[test]
    fn fit_doubles_the_covariance_and_survives_degenerate_particles() {
        let pts: [&[f64]; 2] = [&[0.0, 5.0], &[2.0, 5.0]];
        let k = PerturbationKernel::fit(KernelKind::MultivariateNormal, &pts, &[1.0, 1.0], 2);
        let c = k.covariance();
        assert!((c[0][0] - 2.0).abs() < 1e-14);
        assert!(c[1][1] > 0.0 && c[1][1] < 1e-9);
        assert!(k.ln_density(&[1.0, 5.0], &[0.0, 5.0]).unwrap().is_finite());
        let kw = PerturbationKernel::fit(KernelKind::ComponentWise, &pts, &[1.0, 1.0], 2);
        assert!((kw.covariance()[0][0] - 2.0).abs() < 1e-14);
    }

    #[test]
    fn bad_covariances_are_errors() {
        assert!(PerturbationKernel::from_covariance(&[]).is_err());
        assert!(PerturbationKernel::from_covariance(&[vec![1.0, 0.0]]).is_err());
        assert!(PerturbationKernel::from_covariance(&[vec![-1.0]]).is_err());
        assert!(PerturbationKernel::from_covariance(&[vec![f64::NAN]]).is_err());
        assert!(PerturbationKernel::from_covariance(&[vec![1.0, 2.0], vec![2.0, 1.0]]).is_err());
    }
}
