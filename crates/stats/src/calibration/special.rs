//! Special functions and elementary draws the priors and kernels need, spelled out so the order
//! in which they consume the generator is documented.

use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// A uniform draw in the open interval `(0, 1)`: one `f64` in `[0, 1)` from the generator,
/// redrawn in the (probability 2⁻⁵³) case it is exactly 0.
pub(crate) fn uniform_open(rng: &mut ChaCha8Rng) -> f64 {
    loop {
        let u: f64 = rng.random();
        if u > 0.0 {
            return u;
        }
    }
}

/// A standard normal draw by the Box–Muller transform (Box & Muller 1958, *Ann. Math. Stat.*
/// 29(2)): two uniforms, the cosine branch kept, the sine branch discarded so every draw
/// consumes exactly two uniforms.
pub(crate) fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1 = uniform_open(rng);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A Gamma(shape, rate = 1) draw by Marsaglia & Tsang (2000, *ACM TOMS* 26(3)): squeeze-free
/// rejection from a transformed normal for `shape ≥ 1`; for `shape < 1`, a Gamma(shape + 1)
/// draw times `U^{1/shape}`, as they propose.
pub(crate) fn standard_gamma(rng: &mut ChaCha8Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        let g = standard_gamma(rng, shape + 1.0);
        return g * uniform_open(rng).powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = standard_normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = uniform_open(rng);
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// `ln Γ(x)` for `x > 0` by the Lanczos approximation (C. Lanczos 1964, *SIAM J. Numer. Anal.*
/// B 1) with g = 7 and P. Godfrey's nine coefficients (relative error about 1e-15); arguments
/// below 1/2 go through `Γ(x) = Γ(x + 1) / x` (only positive arguments arise).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Γ(x) = Γ(x + 1) / x keeps the series in its accurate range.
        return ln_gamma(x + 1.0) - x.ln();
    }
    let x = x - 1.0;
    let mut sum = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (std::f64::consts::TAU).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The complementary error function by the Chebyshev fit of Press et al. (*Numerical Recipes*,
/// 2nd ed., §6.2, `erfcc`): fractional error below 1.2e-7 everywhere.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// The standard normal distribution function `Φ(z)`, from [`erfc`] (fractional error below
/// 1.2e-7); exact 0 and 1 at the infinities.
pub fn normal_cdf(z: f64) -> f64 {
    if z == f64::NEG_INFINITY {
        return 0.0;
    }
    if z == f64::INFINITY {
        return 1.0;
    }
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// `ln φ(z)`, the log standard normal density.
pub(crate) fn ln_normal_pdf(z: f64) -> f64 {
    -0.5 * z * z - 0.5 * (std::f64::consts::TAU).ln()
}

/// `ln Σ exp(x_i)` without overflow; `-∞` for an empty slice or all `-∞`.
pub(crate) fn log_sum_exp(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return f64::NEG_INFINITY;
    }
    max + values.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn ln_gamma_matches_factorials() {
        let mut fact = 1.0_f64;
        for n in 1..20 {
            assert!((ln_gamma(f64::from(n)) - fact.ln()).abs() < 1e-12, "n = {n}");
            fact *= f64::from(n);
        }
        // Γ(1/2) = √π.
        assert!((ln_gamma(0.5) - 0.5 * std::f64::consts::PI.ln()).abs() < 1e-12);
    }

    #[test]
    fn normal_cdf_matches_reference_values() {
        for (z, p) in [
            (0.0, 0.5),
            (1.959_963_984_540_054, 0.975),
            (-1.0, 0.158_655_253_931_457_05),
            (3.0, 0.998_650_101_968_369_9),
        ] {
            assert!((normal_cdf(z) - p).abs() < 2e-7, "z = {z}");
        }
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
    }

    #[test]
    fn draws_have_the_right_moments() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let n = 20_000;
        let z: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
        let mean = z.iter().sum::<f64>() / n as f64;
        let var = z.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.04, "{mean} {var}");
        for shape in [0.5, 3.0] {
            let g: Vec<f64> = (0..n).map(|_| standard_gamma(&mut rng, shape)).collect();
            let mean = g.iter().sum::<f64>() / n as f64;
            let var = g.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64;
            assert!((mean - shape).abs() < 0.05 * shape.max(1.0), "shape {shape}: mean {mean}");
            assert!((var - shape).abs() < 0.1 * shape.max(1.0), "shape {shape}: var {var}");
        }
    }

    #[test]
    fn log_sum_exp_is_stable() {
        assert!((log_sum_exp(&[1000.0, 1000.0]) - (1000.0 + 2f64.ln())).abs() < 1e-12);
        assert_eq!(log_sum_exp(&[]), f64::NEG_INFINITY);
    }
}
