//! Benchmarks of Deterrence Lab (run with `cargo bench -p deterrence-bench`).
//!
//! This crate is never a dependency of the others, so benchmark tooling never slows their
//! builds. Helpers here prepare the inputs the benchmarks time.

use exchange::{Alert, Side};
use model::{Bound, Scenario, builtin, parse_scenario};

/// The built-in default scenario, parsed.
pub fn world_2025() -> Scenario {
    let b = builtin::get(builtin::DEFAULT).expect("default scenario is built in");
    parse_scenario(b.text, b.path).expect("built-in scenario is valid")
}

/// Both sides of every rivalry of `scenario`, resolved for `alert`.
pub fn rival_sides(scenario: &Scenario, alert: Alert) -> Vec<(Side, Side)> {
    exchange::dyad::rival_pairs(scenario)
        .into_iter()
        .map(|(a, b, r)| {
            let d = r.distance_km.best;
            (
                Side::from_state(&scenario.states[a], alert, d, &scenario.exchange, Bound::Best),
                Side::from_state(&scenario.states[b], alert, d, &scenario.exchange, Bound::Best),
            )
        })
        .collect()
}

/// The (yield, CEP, hardness) grid of the kill-probability kernel benchmark and of
/// `tools/bench/sspk_numpy.py`: `n` values each, yields 1–1,000 kt, CEPs 50–500 m and hardness
/// 5–5,000 psi, evenly spaced on a log scale, yield slowest; reliability 0.8, one warhead.
pub fn kernel_grid(n: usize) -> Vec<exchange::batch::KillInput> {
    let axis = |lo: f64, hi: f64| -> Vec<f64> {
        (0..n).map(|k| lo * (hi / lo).powf(k as f64 / (n.max(2) - 1) as f64)).collect()
    };
    let (ys, cs, hs) = (axis(1.0, 1000.0), axis(50.0, 500.0), axis(5.0, 5000.0));
    let mut out = Vec::with_capacity(n * n * n);
    for &y in &ys {
        for &c in &cs {
            for &h in &hs {
                out.push(exchange::batch::KillInput {
                    yield_kt: y,
                    cep_m: c,
                    hardness_psi: h,
                    reliability: 0.8,
                    warheads: 1.0,
                });
            }
        }
    }
    out
}
