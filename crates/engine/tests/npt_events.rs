//! `npt` events: a state's standing with the treaty changes in the event's year, within what the
//! treaty allows the run's state to be; a member's detected programme can be enforced against,
//! a non-member's cannot.

use engine::events::npt_standing;
use model::NptStatus::{NonMember, NonNuclearMember, NuclearWeaponState, Withdrawn};

const TEST_WORLD: &str = include_str!("data/test-world.toml");

#[test]
fn standing_follows_the_treaty_for_armed_and_unarmed_states() {
    assert_eq!(npt_standing(NuclearWeaponState, NonMember, true), NuclearWeaponState);
    assert_eq!(npt_standing(NuclearWeaponState, NonMember, false), NonNuclearMember);
    assert_eq!(npt_standing(NonNuclearMember, NonMember, false), NonNuclearMember);
    assert_eq!(npt_standing(NonNuclearMember, NonMember, true), NonMember);
    assert_eq!(npt_standing(Withdrawn, NonNuclearMember, true), Withdrawn);
}

fn scenario(events: &str) -> model::Scenario {
    model::parse_scenario(&format!("{TEST_WORLD}\n{events}"), "test-world.toml").unwrap()
}

fn event(year: i32, state: &str, npt: &str) -> String {
    format!("[[events]]\nyear = {year}\nkind = \"npt\"\nstate = \"{state}\"\nnpt = \"{npt}\"\n")
}

#[test]
fn the_event_changes_the_standing_in_its_year_and_is_recorded() {
    let s = scenario(&event(2027, "DDD", "withdrawn"));
    let t = engine::Template::new(&s, &engine::resolve(&s, &engine::RunOptions::default()).unwrap());
    let out = t.run_keeping(1, 0, engine::Keep::ALL);
    let e = out.events.iter().find(|e| e.kind.as_str() == "npt").expect("an npt event recorded");
    assert_eq!(e.year, 2027);
    assert_eq!(e.kind, engine::record::EventKind::Npt { status: Withdrawn });
}

#[test]
fn a_bad_event_is_located() {
    let text = format!("{TEST_WORLD}\n[[events]]\nyear = 2027\nkind = \"npt\"\nstate = \"DDD\"\n");
    let e = model::parse_scenario(&text, "t.toml").unwrap_err().to_string();
    assert!(e.contains("npt"), "{e}");
    let text = format!("{TEST_WORLD}\n{}", event(2027, "DDD", "member"));
    assert!(model::parse_scenario(&text, "t.toml").is_err());
}
