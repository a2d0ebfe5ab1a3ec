//! Rivalries that start, change and end by scheduled `rivalry` events: crises happen only while
//! a rivalry is active, an intensity change moves the onset hazard in proportion, and the
//! dormant dyad keeps the order of random draws (same seed, same output; the years before an
//! event are the same as without it).

#![allow(clippy::float_cmp)]

use engine::observe::{EventKind, EventRecord, RivalryChange};
use engine::world::World;
use engine::{crisis, events, run};

const TEST_WORLD: &str = include_str!("data/test-world.toml");

/// The test world (2025–2054) with a high crisis rate, the AAA–BBB rivalry starting at
/// `initial` intensity and the events `events` (TOML) appended.
fn scenario(initial: &str, events: &str) -> model::Scenario {
    let from = "pair = [\"AAA\", \"BBB\"]\nintensity = 0.8";
    assert!(TEST_WORLD.contains(from));
    let text = TEST_WORLD.replacen(from, &format!("pair = [\"AAA\", \"BBB\"]\nintensity = {initial}"), 1)
        + "\n[simulation.parameters]\ncrisis_base_rate = 3.0\n"
        + events;
    model::parse_scenario(&text, "test-world.toml").unwrap()
}

fn rivalry_event(year: i32, intensity: f64) -> String {
    format!(
        "\n[[events]]\nyear = {year}\nkind = \"rivalry\"\npair = [\"BBB\", \"AAA\"]\nintensity = {intensity}\nsources = [\"test\"]\n"
    )
}

fn run_all(s: &model::Scenario, seed: u64) -> Vec<EventRecord> {
    let r = engine::resolve(s, &engine::RunOptions::default()).unwrap();
    (0..4).flat_map(|i| run(s, &r, seed, i).events).collect()
}

/// Years of the crises between AAA and BBB.
fn crisis_years(events: &[EventRecord]) -> Vec<i32> {
    events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Crisis(_)))
        .filter(|e| e.first.map(|f| f.1.to_string()) == Some("AAA".into()))
        .filter(|e| e.second.map(|f| f.1.to_string()) == Some("BBB".into()))
        .map(|e| e.year)
        .collect()
}

#[test]
fn a_rivalry_that_starts_in_2035_has_crises_only_from_2035() {
    let s = scenario("0", &rivalry_event(2035, 0.8));
    let events = run_all(&s, 7);
    let years = crisis_years(&events);
    assert!(years.iter().all(|&y| y >= 2035), "a crisis before the rivalry started: {years:?}");
    assert!(years.len() > 10, "an active rivalry at a high rate has crises: {years:?}");
    let starts: Vec<_> = events.iter().filter(|e| e.kind.as_str() == "rivalry").collect();
    assert_eq!(starts.len(), 4, "one record per run");
    for e in starts {
        assert_eq!(e.year, 2035);
        assert_eq!(e.kind, EventKind::Rivalry { change: RivalryChange::Start, from: 0.0, intensity: 0.8 });
        assert_eq!(e.detail, "started at intensity 0.8");
        // Recorded in the scenario's order of the pair, whatever the event's order.
        assert_eq!(e.first.unwrap().1.to_string(), "AAA");
    }
}

#[test]
fn a_rivalry_ended_in_2035_has_no_crisis_from_2035() {
    let s = scenario("0.8", &rivalry_event(2035, 0.0));
    let events = run_all(&s, 7);
    let years = crisis_years(&events);
    assert!(years.iter().all(|&y| y < 2035), "a crisis after the rivalry ended: {years:?}");
    assert!(years.len() > 10, "the rivalry had crises while active: {years:?}");
    let end = events.iter().find(|e| e.kind.as_str() == "rivalry").unwrap();
    assert_eq!(end.kind, EventKind::Rivalry { change: RivalryChange::End, from: 0.8, intensity: 0.0 });
}

#[test]
fn an_intensity_change_scales_the_onset_hazard() {
    let stakes = "\n[[events]]\nyear = 2030\nkind = \"rivalry\"\npair = [\"AAA\", \"BBB\"]\nintensity = 0.2\nstakes = 0.9\nsources = [\"test\"]\n";
    let s = scenario("0.8", stakes);
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(&s, 2025, 30, r.regime, r.params.clone(), r.lenses.clone());
    w.update_stability();
    let k = 0;
    let hazard = |w: &World| -(1.0 - crisis::onset_probability(w, k)).ln();
    let before = hazard(&w);
    w.year = 2030;
    events::apply_scheduled(&mut w);
    assert_eq!((w.dyads[k].intensity, w.dyads[k].stakes), (0.2, 0.9));
    let after = hazard(&w);
    // Onset hazard ∝ intensity · (0.5 + stakes): 0.2 · 1.4 against 0.8 · 1.1.
    let expected = (0.2 * 1.4) / (0.8 * 1.1);
    assert!((after / before - expected).abs() < 1e-9, "hazard {before} -> {after}, ratio expected {expected}");
    let e = &w.events[0];
    assert_eq!(e.kind, EventKind::Rivalry { change: RivalryChange::Change, from: 0.8, intensity: 0.2 });
    assert_eq!(e.kind.describe(), "intensity 0.8 to 0.2");
}

#[test]
fn runs_with_rivalry_events_are_deterministic_and_draw_in_the_same_order() {
    let s = scenario("0", &(rivalry_event(2035, 0.8) + &rivalry_event(2045, 0.3)));
    let (a, b) = (run_all(&s, 11), run_all(&s, 11));
    assert_eq!(a, b, "same seed, same output");
    // A dormant dyad still takes its onset draw: the years before the rivalry starts are the
    // same as in a run where it never starts.
    let never = scenario("0", "");
    let before = |events: &[EventRecord]| events.iter().filter(|e| e.year < 2035).cloned().collect::<Vec<_>>();
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let rn = engine::resolve(&never, &engine::RunOptions::default()).unwrap();
    for i in 0..4 {
        assert_eq!(before(&run(&s, &r, 11, i).events), before(&run(&never, &rn, 11, i).events));
    }
}

/// The onset hazard is `crisis_base_rate` times the dyad's exposure (the rate per unit of base
/// rate the record's estimate is made against), and the year's onset step leaves that exposure
/// on the dyad for observers.
#[test]
fn the_onset_hazard_is_the_base_rate_times_the_exposure() {
    let s = scenario("0.8", "");
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(&s, 2025, 30, r.regime, r.params.clone(), r.lenses.clone());
    w.update_stability();
    let k = 0;
    let d = &w.dyads[k];
    // No programme, no power shift yet, no stability–instability lens: intensity · (0.5 + stakes).
    let exposure = crisis::onset_exposure(&w, k);
    assert!((exposure - d.intensity * (0.5 + d.stakes)).abs() < 1e-12, "{exposure}");
    let p = crisis::onset_probability(&w, k);
    assert!((p - (1.0 - (-3.0 * exposure).exp())).abs() < 1e-12, "{p}");
    // Doubling the base rate doubles the hazard.
    w.params.crisis_base_rate = 6.0;
    assert!((-(1.0 - crisis::onset_probability(&w, k)).ln() - 6.0 * exposure).abs() < 1e-9);
    assert_eq!(w.dyads[k].onset_exposure, 0.0, "not yet drawn");
    let mut rng = engine::run::run_rng(1, 0);
    crisis::step(&mut w, &mut rng);
    assert!((w.dyads[k].onset_exposure - exposure).abs() < 1e-12);
    // A dormant rivalry has exposure 0.
    w.dyads[k].intensity = 0.0;
    assert_eq!(crisis::onset_exposure(&w, k), 0.0);
    assert_eq!(crisis::onset_probability(&w, k), 0.0);
}
