//! A scheduled `latency` event (a state's latency rises to a given value, e.g. its first
//! enrichment or reprocessing facility) is checked like any other input: a missing state or
//! value, an unknown state and a value outside [0, 1] are located errors.

#![allow(clippy::float_cmp)]

mod common;

use common::{err, line_of, single};
use model::parse_scenario;

/// The mini scenario with one `latency` event whose body is `event`.
fn with_event(event: &str) -> String {
    common::with_event("latency", event)
}

#[test]
fn a_valid_latency_event_parses() {
    let text = with_event("state = \"BBB\"\nlatency = { low = 0.5, best = 0.6, high = 0.7 }\n");
    let s = parse_scenario(&text, "test.toml").unwrap();
    let e = &s.events[0];
    assert_eq!(e.kind, model::EventKind::Latency);
    assert_eq!(e.kind.as_str(), "latency");
    assert_eq!(e.state.as_deref(), Some("BBB"));
    assert_eq!(e.latency.unwrap().best, 0.6);
    // A plain number is an estimate too; 0 and 1 are allowed.
    for value in ["0.6", "0", "1"] {
        let text = with_event(&format!("state = \"AAA\"\nlatency = {value}\n"));
        let s = parse_scenario(&text, "test.toml").unwrap();
        assert_eq!(s.events[0].latency.unwrap().best, value.parse::<f64>().unwrap());
    }
}

#[test]
fn a_missing_state_or_value_is_located() {
    let text = with_event("latency = 0.6\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].state");
    assert!(p.message.contains("a `latency` event needs `state`"), "{}", p.message);
    let text = with_event("state = \"BBB\"\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].latency");
    assert!(p.message.contains("a `latency` event needs `latency`"), "{}", p.message);
}

#[test]
fn an_unknown_state_is_located() {
    let text = with_event("state = \"ZZZ\"\nlatency = 0.6\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].state");
    assert_eq!(p.line, line_of(&text, "ZZZ"));
    assert!(p.message.contains("unknown state `ZZZ`"), "{}", p.message);
}

#[test]
fn a_latency_out_of_range_is_located() {
    for value in ["1.2", "-0.1", "{ low = 0.5, best = 0.6, high = 1.1 }", "{ low = -0.1, best = 0.6, high = 0.7 }"] {
        let text = with_event(&format!("state = \"BBB\"\nlatency = {value}\n"));
        let e = err(&text);
        let p = single(&e);
        assert_eq!(p.field, "events[0].latency");
        assert_eq!(p.line, line_of(&text, "latency = "));
        assert!(p.message.contains("between 0 and 1"), "{}", p.message);
    }
}

#[test]
fn a_misspelt_field_is_rejected() {
    // `deny_unknown_fields`: `latency_value` is not a field of an event.
    let text = with_event("state = \"BBB\"\nlatency_value = 0.6\n");
    let e = err(&text);
    assert!(e.to_string().contains("latency_value"), "{e}");
}
