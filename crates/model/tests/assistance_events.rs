//! A scheduled `assistance` event (sensitive nuclear assistance, Kroenig 2009) is checked like
//! any other input: a missing supplier or recipient, an unknown state, a state helping itself
//! and a latency gain outside [0, 1] are located errors.

#![allow(clippy::float_cmp)]

mod common;

use common::{err, line_of, single};
use model::parse_scenario;

/// The mini scenario with one `assistance` event whose body is `event`.
fn with_event(event: &str) -> String {
    common::with_event("assistance", event)
}

#[test]
fn a_valid_assistance_event_parses() {
    let text =
        with_event("supplier = \"AAA\"\nrecipient = \"BBB\"\nlatency_gain = { low = 0.25, best = 0.5, high = 0.75 }\n");
    let s = parse_scenario(&text, "test.toml").unwrap();
    let e = &s.events[0];
    assert_eq!(e.kind, model::EventKind::Assistance);
    assert_eq!(e.kind.as_str(), "assistance");
    assert_eq!(e.supplier.as_deref(), Some("AAA"));
    assert_eq!(e.recipient.as_deref(), Some("BBB"));
    assert_eq!(e.latency_gain.unwrap().best, 0.5);
    // The gain is optional: the engine's default applies.
    let text = with_event("supplier = \"AAA\"\nrecipient = \"BBB\"\n");
    assert!(parse_scenario(&text, "test.toml").unwrap().events[0].latency_gain.is_none());
}

#[test]
fn a_missing_supplier_or_recipient_is_located() {
    let text = with_event("recipient = \"BBB\"\n");
    let p = err(&text).problems.into_iter().find(|p| p.field == "events[0].supplier").expect("supplier located");
    assert!(
        p.message.contains("an `assistance` event needs `supplier`") || p.message.contains("needs `supplier`"),
        "{}",
        p.message
    );
    let text = with_event("supplier = \"AAA\"\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].recipient");
    assert!(p.message.contains("needs `recipient`"), "{}", p.message);
}

#[test]
fn an_unknown_state_is_located() {
    let text = with_event("supplier = \"ZZZ\"\nrecipient = \"BBB\"\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].supplier");
    assert_eq!(p.line, line_of(&text, "ZZZ"));
    assert!(p.message.contains("unknown state `ZZZ`"), "{}", p.message);
    let text = with_event("supplier = \"AAA\"\nrecipient = \"QQQ\"\n");
    assert_eq!(single(&err(&text)).field, "events[0].recipient");
}

#[test]
fn a_state_cannot_assist_itself() {
    let text = with_event("supplier = \"AAA\"\nrecipient = \"AAA\"\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].recipient");
    assert!(p.message.contains("other than the supplier"), "{}", p.message);
}

#[test]
fn a_gain_out_of_range_is_located() {
    for gain in ["1.5", "-0.1", "{ low = 0.2, best = 0.5, high = 1.2 }"] {
        let text = with_event(&format!("supplier = \"AAA\"\nrecipient = \"BBB\"\nlatency_gain = {gain}\n"));
        let e = err(&text);
        let p = single(&e);
        assert_eq!(p.field, "events[0].latency_gain");
        assert_eq!(p.line, line_of(&text, "latency_gain"));
        assert!(p.message.contains("between 0 and 1"), "{}", p.message);
    }
}
