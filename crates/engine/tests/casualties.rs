//! Casualties (issue 10, item 6): deaths from nuclear use grow with warheads arriving and with
//! yield as Y^(2/3), are zero without nuclear use; every war has at least 1,000 battle deaths
//! and a major war more than a limited one; the years add up to the summary; runs repeat.

#![allow(clippy::float_cmp)]

use engine::casualties::{self, COW_WAR_THRESHOLD};
use engine::levers::preset;
use engine::params::{Params, with_lenses};
use engine::world::World;
use engine::{crisis, ladder, run};
use model::{Lens, RegimePreset, Scenario};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

fn scenario() -> Scenario {
    model::parse_scenario(include_str!("data/test-world.toml"), "test-world.toml").unwrap()
}

/// A world where crises escalate easily (huge stakes, little prudence, frequent crises).
fn escalating_world() -> World {
    let s = scenario();
    let lenses = [Lens::Organisational];
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
    w.params.prudence_base = 0.1;
    w.params.rung_cost = 0.01;
    w.params.crisis_base_rate = 50.0;
    w
}

/// The tallies of `steps` crisis steps from seed `seed`, one per step.
fn crisis_years(mut w: World, seed: u64, steps: usize) -> Vec<engine::record::YearRecord> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..steps)
        .map(|_| {
            w.tally = Default::default();
            crisis::step(&mut w, &mut rng);
            w.tally.clone()
        })
        .collect()
}

#[test]
fn crises_kill_only_with_nuclear_use_and_wars_at_least_the_cow_threshold() {
    let w = escalating_world();
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut w = w;
    let (mut used, mut unused, mut wars) = (0, 0, 0);
    for _ in 0..30 {
        w.tally = Default::default();
        crisis::step(&mut w, &mut rng);
        let t = &w.tally;
        if t.nuclear_use > 0 {
            used += 1;
            assert!(t.nuclear_deaths > 0.0, "nuclear use without deaths");
        } else {
            unused += 1;
            assert_eq!(t.nuclear_deaths, 0.0, "deaths without nuclear use");
        }
        // Battle deaths: the crises' wars, each by its level.
        let expected: f64 = w
            .dyads
            .iter()
            .filter_map(|d| d.crisis)
            .map(|c| casualties::battle_deaths(&w.params, c.max_conventional))
            .sum();
        assert_eq!(t.battle_deaths, expected);
        assert!(t.battle_deaths >= COW_WAR_THRESHOLD * f64::from(t.wars));
        assert_eq!(t.battle_deaths > 0.0, t.wars > 0);
        wars += t.wars;
    }
    assert!(used > 0 && unused > 0 && wars > 0, "{used} {unused} {wars}");
}

#[test]
fn a_major_war_costs_more_battle_deaths_than_a_limited_war() {
    let p = Params::default();
    let limited = casualties::battle_deaths(&p, ladder::WAR_RUNG);
    let major = casualties::battle_deaths(&p, ladder::MAJOR_WAR_RUNG);
    assert!(limited >= COW_WAR_THRESHOLD && major > limited, "{limited} {major}");
    assert_eq!(casualties::battle_deaths(&p, ladder::WAR_RUNG - 1), 0.0);
}

#[test]
fn nuclear_deaths_grow_as_yield_to_the_two_thirds() {
    // The same crises (the calculus is cached: yields changed after it do not move decisions)
    // with every warhead eight times larger: 8^(2/3) = 4 times the deaths.
    let w = escalating_world();
    let mut big = w.clone();
    for a in &mut big.actors {
        for f in &mut a.state.forces {
            f.yield_kt.best *= 8.0;
        }
    }
    let (small, large) = (crisis_years(w, 7, 20), crisis_years(big, 7, 20));
    let mut checked = 0;
    for (s, l) in small.iter().zip(&large) {
        assert_eq!(s.nuclear_use, l.nuclear_use, "same crises");
        if s.nuclear_deaths > 0.0 {
            assert!(
                (l.nuclear_deaths / s.nuclear_deaths - 4.0).abs() < 1e-9,
                "{} {}",
                s.nuclear_deaths,
                l.nuclear_deaths
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no nuclear use to check");
}

#[test]
fn nuclear_deaths_grow_with_the_warheads_of_a_limited_use() {
    // limited_use_warheads moves no decision, only the deaths of limited uses.
    let w = escalating_world();
    let mut more = w.clone();
    more.params.limited_use_warheads *= 2.0;
    let (base, doubled) = (crisis_years(w, 11, 30), crisis_years(more, 11, 30));
    let mut grew = 0;
    for (b, d) in base.iter().zip(&doubled) {
        assert_eq!(b.nuclear_use, d.nuclear_use, "same crises");
        assert!(d.nuclear_deaths >= b.nuclear_deaths);
        grew += usize::from(d.nuclear_deaths > b.nuclear_deaths);
    }
    assert!(grew > 0, "no limited use to check");
}

#[test]
fn years_add_up_to_the_summary_and_runs_repeat() {
    let s = scenario();
    let options = engine::RunOptions {
        parameters: vec![("crisis_base_rate".into(), 2.0), ("prudence_base".into(), 0.2)],
        ..Default::default()
    };
    let r = engine::resolve(&s, &options).unwrap();
    let (mut nuclear, mut battle) = (0.0, 0.0);
    for i in 0..20 {
        let out = run(&s, &r, 3, i);
        // Compared as text: a year without a nuclear dyad has a NaN mean stability (NaN ≠ NaN).
        assert_eq!(format!("{out:?}"), format!("{:?}", run(&s, &r, 3, i)), "determinism");
        let years_nuclear: f64 = out.years.iter().map(|y| y.nuclear_deaths).sum();
        let years_battle: f64 = out.years.iter().map(|y| y.battle_deaths).sum();
        assert_eq!(out.summary.nuclear_deaths, years_nuclear);
        assert_eq!(out.summary.battle_deaths, years_battle);
        for y in &out.years {
            assert!(y.battle_deaths >= COW_WAR_THRESHOLD * f64::from(y.wars), "{}", y.year);
            if y.nuclear_use == 0 {
                assert_eq!(y.nuclear_deaths, 0.0, "{}", y.year);
            }
        }
        nuclear += years_nuclear;
        battle += years_battle;
    }
    assert!(battle > 0.0, "no war in 20 runs");
    let _ = nuclear;
}

#[test]
fn general_war_kills_millions_and_more_than_limited_use() {
    // With escalation made cheap, some crises reach general war (rung 7): an exchange of
    // hundreds of warheads, countervalue, far beyond a limited use of a few on forces.
    let mut w = escalating_world();
    w.params.nuclear_use_cost = 0.0;
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let (mut general, mut limited) = (Vec::new(), Vec::new());
    for _ in 0..200 {
        w.tally = Default::default();
        crisis::step(&mut w, &mut rng);
        let crises: Vec<_> = w.dyads.iter().filter_map(|d| d.crisis).collect();
        let used = crises.iter().filter(|c| c.max_nuclear >= ladder::NUCLEAR_USE_RUNG).count();
        if used == 1 {
            let c = crises.iter().find(|c| c.max_nuclear >= ladder::NUCLEAR_USE_RUNG).unwrap();
            if c.max_nuclear == ladder::TOP_RUNG { &mut general } else { &mut limited }.push(w.tally.nuclear_deaths);
        }
    }
    assert!(!general.is_empty() && !limited.is_empty(), "{} general, {} limited", general.len(), limited.len());
    let least_general = general.iter().copied().fold(f64::INFINITY, f64::min);
    let most_limited = limited.iter().copied().fold(0.0, f64::max);
    assert!(least_general > 1e6, "general war: {least_general}");
    assert!(least_general > most_limited, "{least_general} {most_limited}");
}
