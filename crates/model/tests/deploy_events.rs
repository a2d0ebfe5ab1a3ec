//! A scheduled `deploy` event (a new force element entering service, and the systems it
//! retires) is checked like any other input: a missing state or element, an element with bad
//! numbers, a retired system the state does not have, a duplicate system name and a `retire_by`
//! before the event are located errors; the deploy fields on another kind are errors too.

#![allow(clippy::float_cmp)]

mod common;

use common::{err, line_of, single};
use model::{DeliveryClass, parse_scenario};

/// A one-line element of system `system` with `extra` fields (an inline table).
fn element(system: &str, extra: &str) -> String {
    format!(
        "element = {{ class = \"silo_icbm\", system = \"{system}\", launchers = 0, warheads_per_launcher = 10, \
         yield_kt = 300, cep_m = 100, reliability = 0.85, range_km = 11000, hardness_psi = 2000, \
         day_to_day_survivable_fraction = 0, generated_survivable_fraction = 0{extra} }}\n"
    )
}

/// The mini scenario with one `deploy` event whose body is `event`.
fn with_event(event: &str) -> String {
    common::with_event("deploy", event)
}

#[test]
fn a_valid_deploy_event_parses() {
    let text = with_event(&format!("state = \"AAA\"\n{}retire = [\"A-1\"]\nretire_by = 2010\n", element("A-3", "")));
    let s = parse_scenario(&text, "test.toml").unwrap();
    let e = &s.events[0];
    assert_eq!(e.kind, model::EventKind::Deploy);
    assert_eq!(e.kind.as_str(), "deploy");
    let f = e.element.as_ref().unwrap();
    assert_eq!((f.class, f.system.as_str(), f.warheads_per_launcher.best), (DeliveryClass::SiloIcbm, "A-3", 10.0));
    assert_eq!(e.retire, vec!["A-1".to_string()]);
    assert_eq!(e.retire_by, Some(2010));
    // Retirement is optional.
    let text = with_event(&format!("state = \"AAA\"\n{}", element("A-3", "")));
    assert!(parse_scenario(&text, "test.toml").unwrap().events[0].retire.is_empty());
}

#[test]
fn a_missing_state_or_element_is_located() {
    let text = with_event(&element("A-3", ""));
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "events[0].state");
    assert!(p.message.contains("a `deploy` event needs `state`"), "{}", p.message);
    let text = with_event("state = \"AAA\"\n");
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "events[0].element");
    assert!(p.message.contains("needs `element`"), "{}", p.message);
}

#[test]
fn the_element_is_checked_like_a_force_element() {
    let text = with_event(&format!("state = \"AAA\"\n{}", element("A-3", ", launchers_per_aim_point = 0.5")));
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].element.launchers_per_aim_point");
    assert_eq!(p.line, line_of(&text, "launchers_per_aim_point"));
    // A silo cannot be survivable.
    let body = element("A-3", "").replace("generated_survivable_fraction = 0", "generated_survivable_fraction = 0.5");
    let e = err(&with_event(&format!("state = \"AAA\"\n{body}")));
    assert_eq!(single(&e).field, "events[0].element.generated_survivable_fraction");
}

#[test]
fn a_retired_system_must_be_in_service_and_a_new_one_must_be_new() {
    let text = with_event(&format!("state = \"AAA\"\n{}retire = [\"B-1\"]\n", element("A-3", "")));
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].retire[0]");
    assert!(p.message.contains("no system `B-1`") && p.message.contains("`A-1`"), "{}", p.message);
    let text = with_event(&format!("state = \"AAA\"\n{}", element("A-2", "")));
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].element.system");
    assert!(p.message.contains("already has a system named `A-2`"), "{}", p.message);
}

#[test]
fn an_earlier_deployment_can_be_retired_by_a_later_one() {
    let first = with_event(&format!("state = \"AAA\"\n{}", element("A-3", "")));
    let text = format!(
        "{first}\n[[events]]\nyear = 2008\nkind = \"deploy\"\nstate = \"AAA\"\n{}retire = [\"A-3\"]\nretire_by = 2012\n",
        element("A-4", "")
    );
    parse_scenario(&text, "test.toml").unwrap();
    // Not the other way round: the later system is not in service before 2005.
    let text = format!("{first}\n[[events]]\nyear = 2008\nkind = \"deploy\"\nstate = \"AAA\"\n{}", element("A-4", ""))
        .replacen(
            "kind = \"deploy\"\nstate = \"AAA\"\n",
            "kind = \"deploy\"\nstate = \"AAA\"\nretire = [\"A-4\"]\n",
            1,
        );
    let e = err(&text);
    assert!(e.problems.iter().any(|p| p.field == "events[0].retire[0]"), "{e}");
}

#[test]
fn retire_by_is_checked() {
    let text = with_event(&format!("state = \"AAA\"\n{}retire = [\"A-1\"]\nretire_by = 2001\n", element("A-3", "")));
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].retire_by");
    assert!(p.message.contains("at or after the event's year 2005"), "{}", p.message);
    let text = with_event(&format!("state = \"AAA\"\n{}retire_by = 2010\n", element("A-3", "")));
    let e = err(&text);
    assert_eq!(single(&e).field, "events[0].retire_by");
}

#[test]
fn deploy_fields_on_another_kind_are_errors() {
    let text = common::with_event("disarm", "state = \"AAA\"\nretire = [\"A-1\"]\n");
    let e = err(&text);
    let p = single(&e);
    assert_eq!(p.field, "events[0].retire");
    assert!(p.message.contains("belongs to a `deploy` event"), "{}", p.message);
}
