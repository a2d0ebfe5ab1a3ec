//! Event rates from counts and exposure: the maximum-likelihood rate of a Poisson process and
//! its exact (Garwood 1936) confidence interval, the Poisson distribution function they use, and
//! the binomial upper tail of a one-sided exact binomial test.

/// `P(X ≤ k)` for `X ~ Poisson(mean)`, summed term by term in log space (exact to rounding for
/// the counts of event histories, up to a few thousand).
pub fn poisson_cdf(k: u64, mean: f64) -> f64 {
    if mean <= 0.0 {
        return 1.0;
    }
    let mut log_term = -mean; // log P(X = 0)
    let mut sum = log_term.exp();
    for i in 1..=k {
        log_term += mean.ln() - (i as f64).ln();
        sum += log_term.exp();
    }
    sum.min(1.0)
}

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`: the p-value of the one-sided exact binomial test of `k`
/// successes in `n` trials against the success probability `p` (scipy's `binomtest(k, n, p,
/// alternative="greater")`). Summed term by term from the smaller tail, each term a ratio of the
/// one before, so a small tail keeps its relative precision. `p` outside `[0, 1]` is clamped.
pub fn binomial_upper_tail(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    let p = p.clamp(0.0, 1.0);
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let ln_pmf = |x: u64| {
        let small = x.min(n - x);
        let ln_choose: f64 = (1..=small).map(|i| ((n - small + i) as f64 / i as f64).ln()).sum();
        ln_choose + x as f64 * p.ln() + (n - x) as f64 * (1.0 - p).ln()
    };
    let odds = p / (1.0 - p);
    if k as f64 > n as f64 * p {
        // Terms fall from k upwards (k is at or above the mode).
        let (mut term, mut sum) = (1.0, 1.0);
        for x in k..n {
            term *= (n - x) as f64 / (x + 1) as f64 * odds;
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        (ln_pmf(k) + sum.ln()).exp().min(1.0)
    } else {
        // The lower tail P(X ≤ k − 1), terms falling from k − 1 downwards.
        let (mut term, mut sum) = (1.0, 1.0);
        for x in (1..k).rev() {
            term *= x as f64 / (n - x + 1) as f64 / odds;
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        (1.0 - (ln_pmf(k - 1) + sum.ln()).exp()).clamp(0.0, 1.0)
    }
}

/// The maximum-likelihood rate of `events` over `exposure` (events per unit of exposure, e.g.
/// per state-year) and its exact two-sided interval at `confidence` (Garwood 1936): the lower end
/// is the mean at which `P(X ≥ events) = (1 − confidence) / 2` (0 for no events), the upper end
/// the mean at which `P(X ≤ events) = (1 − confidence) / 2`, both divided by the exposure.
/// `None` when the exposure is not positive or the confidence is outside (0, 1).
pub fn poisson_rate(events: u64, exposure: f64, confidence: f64) -> Option<(f64, f64, f64)> {
    if exposure.is_nan() || exposure <= 0.0 || !(confidence > 0.0 && confidence < 1.0) {
        return None;
    }
    let tail = (1.0 - confidence) / 2.0;
    let k = events as f64;
    let top = k + 20.0 * (k + 1.0).sqrt() + 20.0;
    let lower = if events == 0 {
        0.0
    } else {
        // P(X ≥ k) = 1 − P(X ≤ k − 1) rises with the mean.
        bisect(|m| 1.0 - poisson_cdf(events - 1, m) - tail, 0.0, top)
    };
    // P(X ≤ k) falls with the mean.
    let upper = bisect(|m| tail - poisson_cdf(events, m), 0.0, top);
    Some((k / exposure, lower / exposure, upper / exposure))
}

/// The root of an increasing function on `[lo, hi]` by bisection to machine precision.
fn bisect(f: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdf_matches_direct_sums() {
        // P(X ≤ 2; 1.5) = e^-1.5 (1 + 1.5 + 1.125)
        let direct = (-1.5f64).exp() * (1.0 + 1.5 + 1.125);
        assert!((poisson_cdf(2, 1.5) - direct).abs() < 1e-15);
        assert_eq!(poisson_cdf(3, 0.0), 1.0);
    }

    #[test]
    fn garwood_limits_match_published_tables() {
        // Garwood 90 % limits for the mean of a Poisson count: k = 0: (0, −ln 0.05 = 2.9957);
        // k = 6: (2.6130, 11.8424), values checked by summing the Poisson series independently.
        let (_, lo, hi) = poisson_rate(0, 1.0, 0.9).unwrap();
        assert_eq!(lo, 0.0);
        assert!((hi - 2.9957).abs() < 1e-3, "{hi}");
        let (rate, lo, hi) = poisson_rate(6, 1.0, 0.9).unwrap();
        assert_eq!(rate, 6.0);
        assert!((lo - 2.6130).abs() < 1e-3 && (hi - 11.8424).abs() < 1e-3, "{lo} {hi}");
        // Scaling by exposure.
        let (rate, lo2, hi2) = poisson_rate(6, 10.0, 0.9).unwrap();
        assert_eq!(rate, 0.6);
        assert!((lo2 - lo / 10.0).abs() < 1e-12 && (hi2 - hi / 10.0).abs() < 1e-12);
    }

    #[test]
    fn limits_solve_their_defining_equations() {
        for k in [1u64, 5, 31, 200] {
            let (_, lo, hi) = poisson_rate(k, 1.0, 0.95).unwrap();
            assert!((1.0 - poisson_cdf(k - 1, lo) - 0.025).abs() < 1e-9);
            assert!((poisson_cdf(k, hi) - 0.025).abs() < 1e-9);
        }
    }

    #[test]
    fn binomial_tail_matches_exact_rational_sums() {
        // Exact sums Σ_{x ≥ k} C(n, x) p^x (1 − p)^(n − x) in rational arithmetic (Python's
        // fractions), rounded once to f64: (k, n, p, P(X ≥ k)).
        let cases = [
            (7, 20, 0.25, 0.21421805239879177),
            (3, 10, 0.5, 0.9453125),
            (30, 100, 0.2, 0.011248978720991634),
            (1, 5, 1.0 / 3.0, 0.8683127572016461),
            (45, 60, 0.5, 6.725704046424766e-05),
            (2, 40, 0.1, 0.9195263039855228),
            (18, 20, 0.6, 0.003611472059128873),
        ];
        for (k, n, p, exact) in cases {
            let got = binomial_upper_tail(k, n, p);
            assert!((got - exact).abs() <= 1e-13 * exact.max(1e-3), "P(X ≥ {k}; {n}, {p}) = {got}, exact {exact}");
        }
        assert_eq!(binomial_upper_tail(0, 10, 0.3), 1.0);
        assert_eq!(binomial_upper_tail(11, 10, 0.3), 0.0);
        assert_eq!(binomial_upper_tail(4, 10, 0.0), 0.0);
        assert_eq!(binomial_upper_tail(4, 10, 1.0), 1.0);
        // Complement of the Poisson-like identity: P(X ≥ n) = p^n.
        assert!((binomial_upper_tail(12, 12, 0.7) - 0.7f64.powi(12)).abs() < 1e-15);
    }

    #[test]
    fn bad_exposure_or_confidence_gives_none() {
        assert!(poisson_rate(3, 0.0, 0.9).is_none());
        assert!(poisson_rate(3, f64::NAN, 0.9).is_none());
        assert!(poisson_rate(3, 1.0, 1.0).is_none());
    }
}

/// The continuous ranked probability score of an ensemble forecast `samples` for the outcome
/// `observed` (Gneiting & Raftery 2007, eq. 21): `E|X − y| − ½ E|X − X′|` over the empirical
/// distribution of the samples. Lower is better; for a single sample it is the absolute error,
/// so a point forecast (a baseline) is scored on the same scale. NaN samples are left out;
/// `None` without any finite sample or for a non-finite outcome.
pub fn crps(samples: &[f64], observed: f64) -> Option<f64> {
    if !observed.is_finite() {
        return None;
    }
    let mut xs: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len() as f64;
    let spread_to_outcome = xs.iter().map(|x| (x - observed).abs()).sum::<f64>() / n;
    // Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n + 1) x_(i) for sorted x (0-based i).
    let pairwise: f64 = xs.iter().enumerate().map(|(i, x)| (2.0 * i as f64 - n + 1.0) * x).sum::<f64>() * 2.0;
    Some(spread_to_outcome - 0.5 * pairwise / (n * n))
}

#[cfg(test)]
mod crps_tests {
    use super::crps;

    #[test]
    fn crps_of_known_ensembles() {
        // {0, 1} against 0: E|X − 0| = 0.5, E|X − X′| = 0.5 (pairs 0-1 and 1-0 of four) → 0.25.
        assert!((crps(&[0.0, 1.0], 0.0).unwrap() - 0.25).abs() < 1e-15);
        // A single sample: the absolute error.
        assert!((crps(&[3.0], 1.0).unwrap() - 2.0).abs() < 1e-15);
        // Brute force on an uneven ensemble.
        let xs = [0.3, -1.2, 2.5, 0.3, 4.0];
        let y = 1.1;
        let n = xs.len() as f64;
        let a: f64 = xs.iter().map(|x: &f64| (x - y).abs()).sum::<f64>() / n;
        let b: f64 = xs.iter().flat_map(|x| xs.iter().map(move |z| (x - z).abs())).sum::<f64>() / (n * n);
        assert!((crps(&xs, y).unwrap() - (a - 0.5 * b)).abs() < 1e-12);
        // A sharper ensemble centred on the outcome scores better.
        assert!(crps(&[1.0, 1.1, 0.9], 1.0).unwrap() < crps(&[0.0, 1.0, 2.0], 1.0).unwrap());
        assert!(crps(&[], 1.0).is_none() && crps(&[1.0], f64::NAN).is_none());
    }
}

/// Holm's (1979) step-down adjustment of `p` values for multiple comparisons: sort ascending,
/// multiply the i-th smallest (0-based) by `m − i`, make the sequence non-decreasing, cap at 1;
/// returned in the input order. Rejecting where the adjusted value is below α controls the
/// family-wise error rate at α. NaN values stay NaN and do not count in `m`.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let m = order.len();
    let mut out = vec![f64::NAN; p.len()];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

#[cfg(test)]
mod holm_tests {
    use super::holm;

    #[test]
    fn holm_matches_a_hand_computation() {
        // p = (0.01, 0.04, 0.03, 0.005), m = 4: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06,
        // 0.04·1 = 0.04 → raised to 0.06 (monotone).
        let adj = holm(&[0.01, 0.04, 0.03, 0.005]);
        let want = [0.03, 0.06, 0.06, 0.02];
        for (a, w) in adj.iter().zip(want) {
            assert!((a - w).abs() < 1e-12, "{adj:?}");
        }
        let with_nan = holm(&[0.5, f64::NAN, 0.9]);
        assert!(with_nan[1].is_nan() && (with_nan[0] - 1.0).abs() < 1e-12 && (with_nan[2] - 1.0).abs() < 1e-12);
    }
}
