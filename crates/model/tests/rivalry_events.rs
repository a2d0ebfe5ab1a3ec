//! A scheduled `rivalry` event is checked like any other input: unknown states, intensities
//! out of range, a missing pair or a pair that is not a listed rivalry are located errors.

#![allow(clippy::float_cmp)]

mod common;

use common::{err, line_of, single};
use model::parse_scenario;

/// The mini scenario with one `rivalry` event whose body is `event`.
fn with_event(event: &str) -> String {
    common::with_event("rivalry", event)
}

#[test]
fn a_valid_rivalry_event_parses() {
    let text =
        with_event("pair = [\"BBB\", \"AAA\"]\nintensity = { low = 0.2, best = 0.3, high = 0.5 }\nstakes = 0.6\n");
    let s = parse_scenario(&text, "test.toml").unwrap();
    let e = &s.events[0];
    assert_eq!(e.kind, model::EventKind::Rivalry);
    assert_eq!(e.intensity.unwrap().best, 0.3);
    assert_eq!(e.stakes.unwrap().best, 0.6);
}

#[test]
fn an_unknown_state_is_located() {
    let text = with_event("pair = [\"AAA\", \"ZZZ\"]\nintensity = 0.5\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].pair[1]");
    assert_eq!(p.line, line_of(&text, "ZZZ"));
    assert!(p.message.contains("unknown state `ZZZ`"), "{}", p.message);
}

#[test]
fn an_intensity_out_of_range_is_located() {
    let text = with_event("pair = [\"AAA\", \"BBB\"]\nintensity = 1.5\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].intensity");
    assert_eq!(p.line, line_of(&text, "intensity = 1.5"));
    assert!(p.message.contains("between 0 and 1"), "{}", p.message);
    let text = with_event("pair = [\"AAA\", \"BBB\"]\nintensity = 0.5\nstakes = -0.1\n");
    assert_eq!(single(&err(&text)).field, "events[0].stakes");
}

#[test]
fn a_missing_pair_or_intensity_is_located() {
    let text = with_event("intensity = 0.5\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].pair");
    assert!(p.message.contains("a `rivalry` event needs `pair`"), "{}", p.message);
    let text = with_event("pair = [\"AAA\", \"BBB\"]\n");
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "events[0].intensity");
}

#[test]
fn a_pair_that_is_not_a_listed_rivalry_is_located() {
    let text = with_event("pair = [\"AAA\", \"CCC\"]\nintensity = 0.5\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].pair");
    assert_eq!(p.line, line_of(&text, "pair = [\"AAA\", \"CCC\"]"));
    assert!(p.message.contains("no rivalry AAA–CCC"), "{}", p.message);
    let text = with_event("pair = [\"AAA\", \"AAA\"]\nintensity = 0.5\n");
    assert!(single(&err(&text)).message.contains("two different states"));
}
