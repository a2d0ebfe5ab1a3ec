//! The run's event records: typed kinds whose crisis records name the states, and readable
//! details generated from the typed data.

use engine::ladder::{Ending, UseKind, WAR_RUNG};
use engine::levers::preset;
use engine::observe::{CrisisEnding, EventKind, StateUse};
use engine::params::{Params, with_lenses};
use engine::world::World;
use engine::{crisis, run};
use exchange::forces::Code;
use model::{Lens, RegimePreset};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

fn test_world() -> model::Scenario {
    model::parse_scenario(include_str!("data/test-world.toml"), "test-world.toml").unwrap()
}

#[test]
fn a_crisis_event_names_the_state_that_backed_down_by_its_code() {
    let s = test_world();
    let lenses = [Lens::Deterrence];
    let mut w = World::new(
        &s,
        2025,
        30,
        preset(RegimePreset::Eroded),
        with_lenses(Params::default(), &lenses),
        lenses.to_vec(),
    );
    w.update_stability();
    engine::threat::assess(&mut w);
    w.params.crisis_base_rate = 50.0; // a crisis in every dyad every year
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut backed_down = [0u32; 2];
    for _ in 0..40 {
        w.events.clear();
        crisis::step(&mut w, &mut rng);
        let records: Vec<_> = w.events.iter().filter(|e| e.kind.as_str() == "crisis").collect();
        let outcomes: Vec<_> = w.dyads.iter().filter_map(|d| d.crisis.map(|o| (d.a, d.b, o))).collect();
        assert_eq!(records.len(), outcomes.len());
        for (e, (a, b, o)) in records.into_iter().zip(outcomes) {
            let (ca, cb) = (w.code(a), w.code(b));
            assert_eq!((e.first.unwrap().1, e.second.unwrap().1), (ca, cb));
            let EventKind::Crisis(c) = e.kind else { panic!("not a crisis: {e:?}") };
            assert_eq!(c.rung, o.max_rung);
            assert_eq!(c.challenger, [ca, cb][usize::from(o.challenger)]);
            assert_eq!(c.war_initiator, o.war_initiator.map(|side| [ca, cb][usize::from(side)]));
            let (loser, winner) = match o.ending {
                Ending::FirstBackedDown => (ca, cb),
                Ending::SecondBackedDown => (cb, ca),
                _ => continue,
            };
            backed_down[usize::from(o.ending == Ending::SecondBackedDown)] += 1;
            assert_eq!(c.ending, CrisisEnding::BackedDown { state: loser, prevailed: winner });
            let detail = e.kind.describe();
            assert!(detail.contains(&format!("{loser} backed down")), "{detail}");
            assert!(!detail.contains("BackedDown"), "{detail}");
        }
    }
    assert!(backed_down[0] > 0 && backed_down[1] > 0, "both sides should back down sometimes: {backed_down:?}");
}

#[test]
fn crisis_details_read_as_the_typed_data() {
    let event = engine::observe::CrisisEvent {
        rung: 6,
        conventional: WAR_RUNG,
        nuclear: 6,
        challenger: Code::new("AAA"),
        ending: CrisisEnding::BackedDown { state: Code::new("BBB"), prevailed: Code::new("AAA") },
        war_initiator: Some(Code::new("AAA")),
        nuclear_initiator: Some(Code::new("BBB")),
        accidental: true,
        uses: [None, Some(StateUse { state: Code::new("BBB"), kind: UseKind::Accidental, rung: 6 })],
    };
    assert_eq!(
        EventKind::Crisis(event).describe(),
        "rung 6 (conventional 3, nuclear 6), BBB backed down; challenger AAA, war started by AAA, \
         first nuclear use by BBB; use: BBB accidental (rung 6)"
    );
    let answered = engine::observe::CrisisEvent {
        rung: 7,
        nuclear: 7,
        ending: CrisisEnding::GeneralWar,
        uses: [Some(StateUse { state: Code::new("AAA"), kind: UseKind::Deliberate, rung: 7 }), event.uses[1]],
        ..event
    };
    assert_eq!(
        answered.describe(),
        "rung 7 (conventional 3, nuclear 7), general nuclear war; challenger AAA, war started by AAA, \
         first nuclear use by BBB; use: BBB accidental (rung 6), AAA deliberate (rung 7)"
    );
    let stalemate = engine::observe::CrisisEvent {
        ending: CrisisEnding::Stalemate,
        war_initiator: None,
        nuclear_initiator: None,
        accidental: false,
        uses: [None, None],
        ..event
    };
    assert_eq!(stalemate.describe(), "rung 6 (conventional 3, nuclear 6), stalemate; challenger AAA");
}

#[test]
fn recorded_events_carry_their_kind_name_and_a_detail_made_from_it() {
    let s = test_world();
    let mut crises = 0;
    for lens in [Lens::Deterrence, Lens::Organisational] {
        let options =
            engine::RunOptions { regime: Some(RegimePreset::Failed), lenses: Some(vec![lens]), ..Default::default() };
        let r = engine::resolve(&s, &options).unwrap();
        for i in 0..20 {
            for e in run(&s, &r, 3, i).events {
                assert!(
                    EventKind::NAMES.contains(&e.kind.as_str()),
                    "{} missing from EventKind::NAMES",
                    e.kind.as_str()
                );
                assert_eq!(e.detail, e.kind.describe());
                for rust_name in ["FirstBackedDown", "SecondBackedDown", "Stalemate", "GeneralWar"] {
                    assert!(!e.detail.contains(rust_name), "{}", e.detail);
                }
                crises += u32::from(matches!(e.kind, EventKind::Crisis(_)));
            }
        }
    }
    assert!(crises > 0);
}
