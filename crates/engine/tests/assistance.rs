//! Sensitive nuclear assistance (Kroenig 2009) by scheduled `assistance` events: the recipient's
//! latency rises by the gain's share of its gap to 1 and it counts as assisted, so a pursuing
//! recipient's pursuit runs faster and it acquires sooner;
//! other states are untouched; the event draws no random number (same seed, same output; the
//! years before it are the same as without it).

#![allow(clippy::float_cmp)]

use engine::observe::EventKind;
use engine::world::World;
use engine::{events, proliferation};

mod common;

use common::{acquisition_years, idx, pursuing_ddd as scenario};

fn assistance(year: i32, gain: Option<f64>) -> String {
    let gain = gain.map_or(String::new(), |g| format!("latency_gain = {g}\n"));
    format!(
        "\n[[events]]\nyear = {year}\nkind = \"assistance\"\nsupplier = \"AAA\"\nrecipient = \"DDD\"\n{gain}sources = [\"test\"]\n"
    )
}

#[test]
fn assistance_raises_the_recipients_latency_only() {
    let s = scenario(&assistance(2026, Some(0.5)));
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(&s, 2025, 30, r.regime, r.params.clone(), r.lenses.clone());
    let d = idx(&w, "DDD");
    let before: Vec<f64> = w.actors.iter().map(|a| a.latency).collect();
    let speed_before = proliferation::speed_of(&w, d);
    assert!(!w.actors[d].assisted);
    w.year = 2026;
    events::apply_scheduled(&mut w);
    // latency + gain × (1 − latency).
    let expected = before[d] + 0.5 * (1.0 - before[d]);
    assert!((w.actors[d].latency - expected).abs() < 1e-12, "{} vs {expected}", w.actors[d].latency);
    for (i, a) in w.actors.iter().enumerate() {
        if i != d {
            assert_eq!(a.latency, before[i], "{} unaffected", a.state.iso3);
        }
    }
    // The pursuit speeds up by exp(latency_effect × gain × (1 − latency) + assistance_effect).
    assert!(w.actors[d].assisted && w.actors.iter().filter(|a| a.assisted).count() == 1);
    let ratio = proliferation::speed_of(&w, d) / speed_before;
    let p = &w.params;
    let expected_ratio = (p.pursuit_latency_effect * 0.5 * (1.0 - before[d]) + p.pursuit_assistance_effect).exp();
    assert!((ratio - expected_ratio).abs() < 1e-12, "{ratio} vs {expected_ratio}");
    let e = &w.events[0];
    assert_eq!(e.kind, EventKind::Assistance { from: before[d], latency: expected });
    assert_eq!(e.kind.as_str(), "assistance");
    assert_eq!(e.first.unwrap().1.to_string(), "AAA");
    assert_eq!(e.second.unwrap().1.to_string(), "DDD");
    // Without a latency_gain, the parameter applies.
    let s = scenario(&assistance(2026, None));
    let mut w = World::new(&s, 2025, 30, r.regime, r.params.clone(), r.lenses.clone());
    w.year = 2026;
    events::apply_scheduled(&mut w);
    let gain = w.params.assistance_latency_gain;
    assert!((w.actors[d].latency - (before[d] + gain * (1.0 - before[d]))).abs() < 1e-12);
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn a_pursuer_that_receives_assistance_acquires_sooner() {
    // Suppliers' own decisions off, so the scheduled event is the only assistance.
    let off = "\n[simulation.parameters]\nsupply_rate = 0.0\n";
    let (without, with) = (scenario(off), scenario(&format!("{off}{}", assistance(2026, None))));
    let (a, b) = (acquisition_years(&without, 5, 200), acquisition_years(&with, 5, 200));
    let (ma, mb) = (mean(&a), mean(&b));
    // Same seeds, and the event draws no number: without an effect the means would be equal.
    assert!(mb < ma, "mean acquisition year without {ma:.1}, with assistance {mb:.1}");
    // Share of runs in which DDD acquires within the horizon rises too.
    let share = |v: &[f64]| v.iter().filter(|&&y| y < 2055.0).count();
    assert!(share(&b) > share(&a), "{} vs {}", share(&b), share(&a));
}

#[test]
fn runs_with_assistance_are_deterministic_and_draw_in_the_same_order() {
    let s = scenario(&assistance(2035, Some(0.6)));
    common::assert_deterministic_and_no_draw_before(&s, &scenario(""), 2035);
}
