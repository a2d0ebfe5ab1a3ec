//! The standard normal quantile function.

/// The standard normal quantile `Φ⁻¹(p)` by Acklam's rational approximation (P. J. Acklam,
/// "An algorithm for computing the inverse normal cumulative distribution function", 2003;
/// relative error below 1.15e-9 over `(0, 1)`).
///
/// Returns `-∞` at 0, `+∞` at 1 and NaN outside `[0, 1]` or for NaN.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    const P_LOW: f64 = 0.02425;

    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < P_LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p <= 1.0 - P_LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::normal_quantile;

    /// Reference values of Φ⁻¹ (Python `statistics.NormalDist().inv_cdf`, Wichura's AS241).
    #[test]
    fn matches_reference_quantiles() {
        let cases = [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_053_6),
            (0.025, -1.959_963_984_540_053_8),
            (0.95, 1.644_853_626_951_471_5),
            (0.995, 2.575_829_303_548_9),
            (0.841_344_746_068_542_9, 1.0),
            (0.01, -2.326_347_874_040_840_8),
            (1e-5, -4.264_890_793_922_825_6),
            (1.0 - 1e-10, 6.361_340_889_697_421),
        ];
        for (p, z) in cases {
            let got = normal_quantile(p);
            assert!((got - z).abs() <= 1e-8 * z.abs().max(1.0), "Φ⁻¹({p}) = {got}, expected {z}");
        }
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
        assert!(normal_quantile(1.5).is_nan());
        assert!(normal_quantile(f64::NAN).is_nan());
    }

    #[test]
    fn is_antisymmetric_and_increasing() {
        let mut last = f64::NEG_INFINITY;
        for i in 1..1000 {
            let p = f64::from(i) / 1000.0;
            let z = normal_quantile(p);
            assert!(z > last);
            assert!((z + normal_quantile(1.0 - p)).abs() < 1e-8);
            last = z;
        }
    }
}
