//! Maximum-likelihood fitting of a few parameters: Nelder–Mead simplex search, then Newton steps
//! on a finite-difference Hessian, and Wald standard errors from the observed information.
//!
//! For smooth objectives of a handful of parameters (the willingness index of the engine has
//! five), where analytic gradients would tie the optimiser to one model. Nelder & Mead (1965), "A
//! simplex method for function minimization", *Computer Journal* 7(4), with the standard
//! coefficients (reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al. 1998); the
//! Hessian by central differences; the covariance of the estimate is the inverse of the observed
//! information (the Hessian of the negative log-likelihood at the optimum).

use crate::StatsError;

/// A minimum found by [`minimize`].
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// Where the objective is smallest.
    pub x: Vec<f64>,
    /// The objective there.
    pub value: f64,
    /// Simplex iterations used.
    pub iterations: usize,
    /// Whether the simplex converged (spread of values below the tolerance) before the limit.
    pub converged: bool,
}

/// Minimises `f` from `start` by Nelder–Mead with initial steps `step` per coordinate, until the
/// spread of objective values over the simplex falls below `tolerance` (absolute) or
/// `max_iterations` pass; then polishes with [`newton_polish`] when the Hessian there is
/// positive definite. Non-finite objective values count as +∞ (the simplex moves away).
pub fn minimize<F: Fn(&[f64]) -> f64>(
    f: F,
    start: &[f64],
    step: &[f64],
    tolerance: f64,
    max_iterations: usize,
) -> Result<Minimum, StatsError> {
    let n = start.len();
    if n == 0 {
        return Err(StatsError::Empty { what: "starting point" });
    }
    if step.len() != n {
        return Err(StatsError::SizeMismatch { what: "steps per coordinate", expected: n, found: step.len() });
    }
    let eval = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    let mut simplex: Vec<Vec<f64>> = vec![start.to_vec()];
    for (k, s) in step.iter().enumerate() {
        let mut x = start.to_vec();
        x[k] += if *s == 0.0 { 0.1 } else { *s };
        simplex.push(x);
    }
    let mut values: Vec<f64> = simplex.iter().map(|x| eval(x)).collect();
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iterations {
        // Order best to worst (ties keep their order: a stable sort on a total order).
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        simplex = order.iter().map(|&k| simplex[k].clone()).collect();
        values = order.iter().map(|&k| values[k]).collect();
        if (values[n] - values[0]).abs() <= tolerance {
            converged = true;
            break;
        }
        iterations += 1;
        let centroid: Vec<f64> = (0..n).map(|j| simplex[..n].iter().map(|x| x[j]).sum::<f64>() / n as f64).collect();
        let towards =
            |t: f64| -> Vec<f64> { (0..n).map(|j| centroid[j] + t * (simplex[n][j] - centroid[j])).collect() };
        let reflected = towards(-1.0);
        let fr = eval(&reflected);
        if fr < values[0] {
            let expanded = towards(-2.0);
            let fe = eval(&expanded);
            if fe < fr {
                (simplex[n], values[n]) = (expanded, fe);
            } else {
                (simplex[n], values[n]) = (reflected, fr);
            }
        } else if fr < values[n - 1] {
            (simplex[n], values[n]) = (reflected, fr);
        } else {
            let (contracted, fc) = if fr < values[n] {
                let c = towards(-0.5);
                let v = eval(&c);
                (c, v)
            } else {
                let c = towards(0.5);
                let v = eval(&c);
                (c, v)
            };
            if fc < values[n].min(fr) {
                (simplex[n], values[n]) = (contracted, fc);
            } else {
                for k in 1..=n {
                    simplex[k] = (0..n).map(|j| simplex[0][j] + 0.5 * (simplex[k][j] - simplex[0][j])).collect();
                    values[k] = eval(&simplex[k]);
                }
            }
        }
    }
    let best = (0..=n).min_by(|&a, &b| values[a].total_cmp(&values[b])).unwrap_or(0);
    let (x, value) = newton_polish(&eval, &simplex[best], values[best], 20);
    Ok(Minimum { x, value, iterations, converged })
}

/// Up to `steps` Newton steps `x ← x − H⁻¹ g` on central-difference derivatives, each kept only
/// if it lowers `f` (halving the step up to ten times); stops when the Hessian is not positive
/// definite or a step does not help. Returns the point and its value.
pub fn newton_polish<F: Fn(&[f64]) -> f64>(f: &F, start: &[f64], value: f64, steps: usize) -> (Vec<f64>, f64) {
    let (mut x, mut fx) = (start.to_vec(), value);
    for _ in 0..steps {
        let g = gradient(f, &x);
        let Some(h_inv) = hessian(f, &x).and_then(|h| invert_positive_definite(&h)) else { break };
        let direction: Vec<f64> = h_inv.iter().map(|row| row.iter().zip(&g).map(|(a, b)| a * b).sum()).collect();
        let mut t = 1.0;
        let mut improved = false;
        for _ in 0..10 {
            let trial: Vec<f64> = x.iter().zip(&direction).map(|(xi, d)| xi - t * d).collect();
            let ft = f(&trial);
            if ft.is_finite() && ft < fx {
                let gain = fx - ft;
                (x, fx) = (trial, ft);
                improved = gain > 1e-12 * (1.0 + fx.abs());
                break;
            }
            t *= 0.5;
        }
        if !improved {
            break;
        }
    }
    (x, fx)
}

/// Finite-difference step for coordinate value `x`: `1e-4 × max(1, |x|)`.
fn fd_step(x: f64) -> f64 {
    1e-4 * x.abs().max(1.0)
}

/// The gradient of `f` at `x` by central differences.
pub fn gradient<F: Fn(&[f64]) -> f64>(f: &F, x: &[f64]) -> Vec<f64> {
    (0..x.len())
        .map(|k| {
            let h = fd_step(x[k]);
            let (mut up, mut down) = (x.to_vec(), x.to_vec());
            up[k] += h;
            down[k] -= h;
            (f(&up) - f(&down)) / (2.0 * h)
        })
        .collect()
}

/// The Hessian of `f` at `x` by central differences (symmetric by construction); `None` when
/// `f` is not finite around `x`.
pub fn hessian<F: Fn(&[f64]) -> f64>(f: &F, x: &[f64]) -> Option<Vec<Vec<f64>>> {
    let n = x.len();
    let at = |shifts: &[(usize, f64)]| {
        let mut y = x.to_vec();
        for &(k, d) in shifts {
            y[k] += d;
        }
        f(&y)
    };
    let f0 = f(x);
    let mut h = vec![vec![0.0; n]; n];
    for i in 0..n {
        let hi = fd_step(x[i]);
        h[i][i] = (at(&[(i, hi)]) - 2.0 * f0 + at(&[(i, -hi)])) / (hi * hi);
        for j in 0..i {
            let hj = fd_step(x[j]);
            let v = (at(&[(i, hi), (j, hj)]) - at(&[(i, hi), (j, -hj)]) - at(&[(i, -hi), (j, hj)])
                + at(&[(i, -hi), (j, -hj)]))
                / (4.0 * hi * hj);
            h[i][j] = v;
            h[j][i] = v;
        }
    }
    h.iter().flatten().all(|v| v.is_finite()).then_some(h)
}

/// The inverse of a symmetric positive-definite matrix by its Cholesky factor; `None` when the
/// matrix is not positive definite (or not square).
pub fn invert_positive_definite(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    if a.iter().any(|row| row.len() != n) {
        return None;
    }
    // A = L Lᵀ.
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = a[i][i] - s;
                if !(d > 0.0 && d.is_finite()) {
                    return None;
                }
                l[i][i] = d.sqrt();
            } else {
                l[i][j] = (a[i][j] - s) / l[j][j];
            }
        }
    }
    // Columns of A⁻¹ solve L Lᵀ x = e_c.
    let column = |c: usize| {
        let mut y = vec![0.0; n];
        for i in 0..n {
            let rhs = if i == c { 1.0 } else { 0.0 };
            y[i] = (rhs - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
        }
        let mut x = vec![0.0; n];
        for i in (0..n).rev() {
            x[i] = (y[i] - (i + 1..n).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
        }
        x
    };
    let columns: Vec<Vec<f64>> = (0..n).map(column).collect();
    Some((0..n).map(|r| columns.iter().map(|col| col[r]).collect()).collect())
}

/// Wald standard errors of a maximum-likelihood estimate `x` of the negative log-likelihood
/// `nll`: square roots of the diagonal of the inverse observed information. `None` when the
/// information is not positive definite (a parameter the data do not identify).
pub fn standard_errors<F: Fn(&[f64]) -> f64>(nll: &F, x: &[f64]) -> Option<Vec<f64>> {
    let inv = invert_positive_definite(&hessian(nll, x)?)?;
    Some((0..x.len()).map(|k| inv[k][k].sqrt()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let rosenbrock = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = minimize(rosenbrock, &[-1.2, 1.0], &[0.5, 0.5], 1e-14, 5000).unwrap();
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6, "{:?}", m.x);
    }

    #[test]
    fn the_quadratic_minimum_and_its_curvature() {
        // f = ½ (x − μ)ᵀ A (x − μ) with A = [[4, 1], [1, 2]]: minimum at μ, Hessian A, and the
        // inverse of A is [[2, −1], [−1, 4]] / 7.
        let mu = [0.3, -1.7];
        let f = |x: &[f64]| {
            let (a, b) = (x[0] - mu[0], x[1] - mu[1]);
            0.5 * (4.0 * a * a + 2.0 * a * b + 2.0 * b * b)
        };
        let m = minimize(f, &[2.0, 2.0], &[1.0, 1.0], 1e-16, 2000).unwrap();
        assert!((m.x[0] - mu[0]).abs() < 1e-7 && (m.x[1] - mu[1]).abs() < 1e-7);
        let h = hessian(&f, &m.x).unwrap();
        for (got, want) in h.iter().flatten().zip([4.0, 1.0, 1.0, 2.0]) {
            assert!((got - want).abs() < 1e-5, "{h:?}");
        }
        let inv = invert_positive_definite(&h).unwrap();
        for (got, want) in inv.iter().flatten().zip([2.0 / 7.0, -1.0 / 7.0, -1.0 / 7.0, 4.0 / 7.0]) {
            assert!((got - want).abs() < 1e-5, "{inv:?}");
        }
        let se = standard_errors(&f, &m.x).unwrap();
        assert!((se[0] - (2.0f64 / 7.0).sqrt()).abs() < 1e-5 && (se[1] - (4.0f64 / 7.0).sqrt()).abs() < 1e-5);
    }

    #[test]
    fn logistic_regression_on_a_binary_covariate_has_the_closed_form_estimate() {
        // With one binary covariate the MLE is the pair of empirical logits: intercept
        // logit(3/10), slope logit(7/10) − logit(3/10) = 2 ln(7/3); their standard errors are
        // sqrt(1/3 + 1/7) and sqrt(2 (1/3 + 1/7)) (the inverse information of a 2×2 table).
        let mut data = Vec::new();
        for k in 0..10 {
            data.push((0.0, k < 3));
            data.push((1.0, k < 7));
        }
        let nll = |b: &[f64]| -> f64 {
            data.iter()
                .map(|&(x, y)| {
                    let p = 1.0 / (1.0 + (-(b[0] + b[1] * x)).exp());
                    -(if y { p.ln() } else { (1.0 - p).ln() })
                })
                .sum()
        };
        let m = minimize(nll, &[0.0, 0.0], &[1.0, 1.0], 1e-12, 2000).unwrap();
        let (a, b) = ((3.0f64 / 7.0).ln(), 2.0 * (7.0f64 / 3.0).ln());
        assert!((m.x[0] - a).abs() < 1e-6 && (m.x[1] - b).abs() < 1e-6, "{:?}", m.x);
        let se = standard_errors(&nll, &m.x).unwrap();
        let v: f64 = 1.0 / 3.0 + 1.0 / 7.0;
        assert!((se[0] - v.sqrt()).abs() < 1e-4 && (se[1] - (2.0 * v).sqrt()).abs() < 1e-4, "{se:?}");
    }

    #[test]
    fn an_unidentified_parameter_has_no_standard_error() {
        // The objective does not depend on x[1]: its information is 0.
        let f = |x: &[f64]| (x[0] - 1.0).powi(2);
        assert!(standard_errors(&f, &[1.0, 0.0]).is_none());
        assert!(invert_positive_definite(&[vec![1.0, 2.0], vec![2.0, 1.0]]).is_none(), "indefinite");
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert!(matches!(minimize(|_| 0.0, &[], &[], 1e-9, 10), Err(StatsError::Empty { .. })));
        assert!(matches!(minimize(|_| 0.0, &[0.0], &[1.0, 1.0], 1e-9, 10), Err(StatsError::SizeMismatch { .. })));
    }
}
