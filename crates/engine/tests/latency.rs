//! Scheduled `latency` events (e.g. a state's first enrichment or reprocessing facility): in the
//! event's year the state's latency becomes the larger of its latency and the given value, so a
//! pursuer's time to a weapon falls; a state already above the value keeps its latency (a
//! facility is not un-built); other states are untouched; the event draws no random number.

#![allow(clippy::float_cmp)]

use engine::observe::{EventKind, EventRecord};
use engine::world::World;
use engine::{events, proliferation, run};

mod common;

use common::{acquisition_years, idx};

use common::pursuing_ddd as scenario;

fn latency_event(year: i32, value: f64) -> String {
    format!(
        "\n[[events]]\nyear = {year}\nkind = \"latency\"\nstate = \"DDD\"\nlatency = {value}\nsources = [\"test\"]\n"
    )
}

/// The world of `s` in `year` after that year's scheduled events.
fn after_events(s: &model::Scenario, year: i32) -> World {
    let r = engine::resolve(s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(s, 2025, 30, r.regime, r.params.clone(), r.lenses.clone());
    w.year = year;
    events::apply_scheduled(&mut w);
    w
}

#[test]
fn raise_latency_keeps_the_larger_value() {
    assert_eq!(events::raise_latency(0.05, 0.6), 0.6);
    assert_eq!(events::raise_latency(0.8, 0.6), 0.8);
    assert_eq!(events::raise_latency(0.6, 0.6), 0.6);
}

#[test]
fn the_event_raises_the_states_latency_in_its_year_only() {
    let s = scenario(&latency_event(2030, 0.6));
    let none = scenario("");
    let r = engine::resolve(&none, &engine::RunOptions::default()).unwrap();
    let w0 = World::new(&none, 2025, 30, r.regime, r.params.clone(), r.lenses.clone());
    let d = idx(&w0, "DDD");
    let before: Vec<f64> = w0.actors.iter().map(|a| a.latency).collect();
    assert_eq!(before[d], 0.1);
    // Not before its year.
    let w = after_events(&s, 2029);
    assert_eq!(w.actors[d].latency, 0.1);
    assert!(w.events.is_empty());
    // In its year: DDD's latency is the scheduled value; nobody else moves.
    let w = after_events(&s, 2030);
    assert_eq!(w.actors[d].latency, 0.6, "the latency event was not applied");
    for (i, a) in w.actors.iter().enumerate() {
        if i != d {
            assert_eq!(a.latency, before[i], "{} unaffected", a.state.iso3);
        }
    }
    // The pursuit speeds up by exp(latency_effect × (0.6 − 0.1)).
    let ratio = proliferation::speed_of(&w, d) / proliferation::speed_of(&w0, d);
    assert!((ratio - (w.params.pursuit_latency_effect * 0.5).exp()).abs() < 1e-12, "{ratio}");
    // Recorded as a `latency` event of DDD alone, with its before and after.
    assert_eq!(w.events.len(), 1);
    let e = &w.events[0];
    assert_eq!(e.kind, EventKind::Latency { from: 0.1, latency: 0.6 });
    assert_eq!(e.kind.as_str(), "latency");
    assert_eq!(e.kind.describe(), "latency 0.10 to 0.60");
    assert_eq!(e.first.unwrap().1.to_string(), "DDD");
    assert!(e.second.is_none());
}

#[test]
fn the_event_never_lowers_latency() {
    // DDD at 0.1 scheduled to 0.05: it stays at 0.1 (and the event is still recorded).
    let w = after_events(&scenario(&latency_event(2030, 0.05)), 2030);
    let d = idx(&w, "DDD");
    assert_eq!(w.actors[d].latency, 0.1);
    assert_eq!(w.events[0].kind, EventKind::Latency { from: 0.1, latency: 0.1 });
    // Two events in one year: the higher wins whatever their order.
    for (a, b) in [(0.4, 0.7), (0.7, 0.4)] {
        let s = scenario(&(latency_event(2030, a) + &latency_event(2030, b)));
        let w = after_events(&s, 2030);
        assert_eq!(w.actors[d].latency, 0.7, "{a} then {b}");
    }
}

#[test]
fn a_pursuer_whose_latency_rises_acquires_sooner() {
    let (without, with) = (scenario(""), scenario(&latency_event(2026, 0.8)));
    let (a, b) = (acquisition_years(&without, 7, 200), acquisition_years(&with, 7, 200));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (ma, mb) = (mean(&a), mean(&b));
    assert!(mb < ma - 2.0, "mean acquisition year without {ma:.1}, with the latency event {mb:.1}");
}

#[test]
fn runs_with_a_latency_event_are_deterministic_and_draw_in_the_same_order() {
    let s = scenario(&latency_event(2035, 0.7));
    common::assert_deterministic_and_no_draw_before(&s, &scenario(""), 2035);
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    for i in 0..8 {
        let x = run(&s, &r, 13, i);
        assert!(x.events.iter().any(|e| e.year == 2035 && e.kind.as_str() == "latency"), "recorded in 2035");
    }
}

#[test]
fn history_1945_records_its_latency_events_in_their_years() {
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let scheduled: Vec<(i32, String, f64)> = s
        .events
        .iter()
        .filter(|e| e.kind == model::EventKind::Latency)
        .map(|e| (e.year, e.state.clone().unwrap(), e.latency.unwrap().best))
        .collect();
    assert!(scheduled.len() >= 7, "{scheduled:?}");
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let out = run(&s, &r, 1945, 0);
    let recorded: Vec<&EventRecord> = out.events.iter().filter(|e| e.kind.as_str() == "latency").collect();
    assert_eq!(recorded.len(), scheduled.len());
    for (year, iso, value) in &scheduled {
        let e = recorded
            .iter()
            .find(|e| e.year == *year && e.first.map(|f| f.1.to_string()).as_deref() == Some(iso.as_str()))
            .unwrap_or_else(|| panic!("no latency event for {iso} in {year}"));
        let EventKind::Latency { from, latency } = e.kind else { panic!("{:?}", e.kind) };
        assert_eq!(latency, from.max(*value), "{iso} {year}");
    }
}
