//! A scheduled `treaty-cap` event's limits — a warhead cap, launcher caps per party (SALT I's
//! freeze, SALT II's aggregate), a MIRV sub-limit, and a banned range band of ground-launched
//! missiles with its end of elimination (INF) — parse, and bad ones are located errors.

#![allow(clippy::float_cmp)]

mod common;

use common::{err, line_of, single};
use model::{DeliveryClass, parse_scenario};

/// The mini scenario with one `treaty-cap` event (AAA and BBB, in force 2005–2010) whose other
/// fields are `event`.
fn with_event(event: &str) -> String {
    common::with_event("treaty-cap", &format!("parties = [\"AAA\", \"BBB\"]\nuntil_year = 2010\n{event}"))
}

#[test]
fn launcher_mirv_and_band_limits_parse() {
    let text = with_event(
        "launcher_caps = [1710, { low = 2347, best = 2358, high = 2358 }]\nlauncher_classes = [\"silo_icbm\", \"ssbn\"]\n\
         mirv_cap = 1200\nbanned_range_km = [500, 5500]\neliminate_by = 2008\n",
    );
    let s = parse_scenario(&text, "test.toml").unwrap();
    let e = &s.events[0];
    let caps = e.launcher_caps.unwrap();
    assert_eq!((caps[0].best, caps[1].best, caps[1].low), (1710.0, 2358.0, 2347.0));
    assert_eq!(e.launcher_classes, vec![DeliveryClass::SiloIcbm, DeliveryClass::Ssbn]);
    assert_eq!(e.mirv_cap.unwrap().best, 1200.0);
    assert_eq!(e.banned_range_km, Some([500.0, 5500.0]));
    assert_eq!(e.eliminate_by, Some(2008));
    assert!(e.deployed_cap_warheads.is_none(), "a treaty may limit launchers only");
}

#[test]
fn a_treaty_without_any_limit_is_located() {
    let e = err(&with_event(""));
    let p = single(&e);
    assert_eq!(p.field, "events[0].deployed_cap_warheads");
    assert!(p.message.contains("at least one limit"), "{}", p.message);
}

#[test]
fn negative_caps_are_located() {
    let text = with_event("launcher_caps = [100, -5]\n");
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "events[0].launcher_caps[1]");
    assert_eq!(p.line, line_of(&text, "launcher_caps"));
    let p = single(&err(&with_event("mirv_cap = -1\n"))).clone();
    assert_eq!(p.field, "events[0].mirv_cap");
}

#[test]
fn a_band_out_of_order_or_an_elimination_outside_the_treaty_is_located() {
    let p = single(&err(&with_event("banned_range_km = [5500, 500]\n"))).clone();
    assert_eq!(p.field, "events[0].banned_range_km");
    assert!(p.message.contains("0 ≤ low ≤ high"), "{}", p.message);
    let p = single(&err(&with_event("banned_range_km = [500, 5500]\neliminate_by = 2012\n"))).clone();
    assert_eq!(p.field, "events[0].eliminate_by");
    assert!(p.message.contains("2005 to its until_year 2010"), "{}", p.message);
    let p = single(&err(&with_event("mirv_cap = 10\neliminate_by = 2006\n"))).clone();
    assert_eq!(p.field, "events[0].banned_range_km");
}

#[test]
fn classes_without_caps_and_nonstrategic_classes_are_located() {
    let p = single(&err(&with_event("mirv_cap = 10\nlauncher_classes = [\"ssbn\"]\n"))).clone();
    assert_eq!(p.field, "events[0].launcher_caps");
    let p = single(&err(&with_event("launcher_caps = [1, 1]\nlauncher_classes = [\"nonstrategic\"]\n"))).clone();
    assert_eq!(p.field, "events[0].launcher_classes[0]");
}

#[test]
fn treaty_fields_on_another_kind_are_located() {
    let text = common::with_event("disarm", "state = \"AAA\"\nmirv_cap = 10\n");
    let p = single(&err(&text)).clone();
    assert_eq!(p.field, "events[0].mirv_cap");
    assert!(p.message.contains("belongs to a `treaty-cap` event"), "{}", p.message);
}
