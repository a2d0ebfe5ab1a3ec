//! Helpers the engine's tests share: the test world (as it is, at the eroded regime, or with a
//! pursuing state), state lookup, acquisition years over runs, and the check that an event draws
//! no random number.

#![allow(dead_code)]

use engine::observe::EventRecord;
use engine::run;
use engine::world::World;

/// The test world's text (2025–2054).
pub const TEST_WORLD: &str = include_str!("../data/test-world.toml");

/// The test world with DDD pursuing from latency 0.1, and `events` appended.
pub fn pursuing_ddd(events: &str) -> model::Scenario {
    let from = "iso3 = \"DDD\"\nname = \"Delta\"\nnpt = \"non-nuclear-member\"\nnuclear_status = \"none\"";
    assert!(TEST_WORLD.contains(from));
    let text = TEST_WORLD.replacen(from, &from.replace("\"none\"", "\"pursuing\""), 1);
    // DDD's own latency line: the first after its iso3 (CCC, before it, has the same line).
    let at = text.find("iso3 = \"DDD\"").unwrap();
    let (head, tail) = text.split_at(at);
    assert!(tail.contains("\nlatency = 0.9\n"), "DDD's latency line");
    let text = format!("{head}{}", tail.replacen("\nlatency = 0.9\n", "\nlatency = 0.1\n", 1));
    model::parse_scenario(&(text + events), "test-world.toml").unwrap()
}

/// The test world as it is.
pub fn test_world() -> model::Scenario {
    model::parse_scenario(TEST_WORLD, "test-world.toml").unwrap()
}

/// The test world's starting world at the eroded regime with `params`, its stability and
/// threat assessed.
pub fn eroded_world(params: engine::params::Params) -> World {
    let regime = engine::levers::preset(model::RegimePreset::Eroded);
    let mut w = World::new(&test_world(), 2025, 30, regime, params, vec![]);
    w.update_stability();
    engine::threat::assess(&mut w);
    w
}

/// The index of the state `iso`.
pub fn idx(w: &World, iso: &str) -> usize {
    w.actors.iter().position(|a| a.state.iso3 == iso).unwrap()
}

/// DDD's first acquisition year in each of `runs` runs, 2055 when it never acquires.
pub fn acquisition_years(s: &model::Scenario, seed: u64, runs: u64) -> Vec<f64> {
    let r = engine::resolve(s, &engine::RunOptions::default()).unwrap();
    (0..runs)
        .map(|i| {
            run(s, &r, seed, i)
                .events
                .iter()
                .find(|e| e.kind.as_str() == "acquire" && e.first.map(|f| f.1.to_string()) == Some("DDD".into()))
                .map_or(2055.0, |e| f64::from(e.year))
        })
        .collect()
}

/// Runs of `with` (a scenario with an event in `year`) are the same for the same seed, and
/// their events before `year` are those of `without`: the event draws no random number.
pub fn assert_deterministic_and_no_draw_before(with: &model::Scenario, without: &model::Scenario, year: i32) {
    let r = engine::resolve(with, &engine::RunOptions::default()).unwrap();
    let rn = engine::resolve(without, &engine::RunOptions::default()).unwrap();
    let before = |events: &[EventRecord]| events.iter().filter(|e| e.year < year).cloned().collect::<Vec<_>>();
    for i in 0..8 {
        let (x, y) = (run(with, &r, 13, i), run(with, &r, 13, i));
        assert_eq!(x.events, y.events, "same seed, same output");
        // Compared as text: a year without a nuclear dyad has a NaN mean stability (NaN ≠ NaN).
        assert_eq!(format!("{:?}", x.years), format!("{:?}", y.years));
        assert_eq!(before(&x.events), before(&run(without, &rn, 13, i).events), "no draw before the event");
    }
}
