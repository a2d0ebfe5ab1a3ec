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
