//! The security-shock covariate of willingness (`proliferation::shock`, noted by
//! `proliferation::note_shocks`): its formula against
//! hand-computed cases, and the mechanism — a state whose rival has just acquired weapons, or
//! that has just backed down in a war, starts a programme more often than one without the
//! shock, and no more often once the shock's coefficient is 0.

#![allow(clippy::float_cmp)]

mod common;

use common::{eroded_world, idx, test_world};
use engine::ladder::{CrisisOutcome, Ending};
use engine::params::Params;
use engine::proliferation::{self, setback_side, shock, shock_counts};
use engine::world::World;
use model::NuclearStatus;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

fn outcome(max_conventional: u8, max_nuclear: u8, ending: Ending) -> CrisisOutcome {
    CrisisOutcome {
        max_rung: max_conventional.max(max_nuclear),
        max_conventional,
        max_nuclear,
        challenger: 0,
        ending,
        accidental: false,
        war_initiator: None,
        nuclear_initiator: None,
        uses: [None, None],
    }
}

#[test]
fn a_shock_counts_from_the_year_after_it_for_the_window() {
    // Window 5: a shock of 2020 counts in 2021–2025, not in 2020 itself nor in 2026.
    assert!(!shock_counts(2020, 2020, 5.0));
    assert!(shock_counts(2020, 2021, 5.0));
    assert!(shock_counts(2020, 2025, 5.0));
    assert!(!shock_counts(2020, 2026, 5.0));
    // Window 1: only the next year; window 0: never.
    assert!(shock_counts(2024, 2025, 1.0) && !shock_counts(2023, 2025, 1.0));
    assert!(!shock_counts(2024, 2025, 0.0));
}

#[test]
fn a_setback_is_backing_down_after_war_or_a_nuclear_alert() {
    // War (rung 3) and the first side backed down: a setback for side 0.
    assert_eq!(setback_side(&outcome(3, 0, Ending::FirstBackedDown)), Some(0));
    // Clashes only, but a nuclear alert (rung 5), the second side backed down: side 1.
    assert_eq!(setback_side(&outcome(2, 5, Ending::SecondBackedDown)), Some(1));
    // Clashes without an alert: no setback, whoever backed down.
    assert_eq!(setback_side(&outcome(2, 0, Ending::FirstBackedDown)), None);
    // A stalemate or general war: nobody backed down.
    assert_eq!(setback_side(&outcome(4, 0, Ending::Stalemate)), None);
    assert_eq!(setback_side(&outcome(4, 7, Ending::GeneralWar)), None);
}

#[test]
fn the_shock_is_one_after_a_rivals_recent_acquisition_or_a_recent_setback() {
    let mut w = eroded_world(Params { shock_window_years: 5.0, willingness_shock: 2.0, ..Params::default() });
    let (armed, gamma) = (idx(&w, "BBB"), idx(&w, "CCC"));
    assert!(w.actors[armed].is_armed());
    let k = w.dyads.iter().position(|d| (d.a == armed && d.b == gamma) || (d.a == gamma && d.b == armed)).unwrap();
    assert!(w.dyads[k].is_active());
    w.year = 2025;
    // Noted afresh at each setting: the rival's possession began in `since`.
    let at = |w: &mut World, since: i32| {
        w.actors[gamma].last_shock = None;
        w.actors[armed].status_since = since;
        proliferation::note_shocks(w);
        shock(w, gamma)
    };
    // The rival acquired in 2022: three years ago, within the window.
    assert_eq!(at(&mut w, 2022), 1.0);
    assert_eq!(w.actors[gamma].last_shock, Some(2022));
    assert_eq!(proliferation::covariates(&w, gamma).shock, 1.0);
    // The index rises by the coefficient exactly.
    let c = proliferation::covariates(&w, gamma);
    let without = engine::world::Covariates { shock: 0.0, ..c };
    let rise = proliferation::willingness_index(&w.params, &c) - proliferation::willingness_index(&w.params, &without);
    assert!((rise - 2.0).abs() < 1e-12, "{rise}");
    // Six years ago: outside the window.
    assert_eq!(at(&mut w, 2019), 0.0);
    // This year: not yet noted (a shock counts from the year after it).
    assert_eq!(at(&mut w, 2025), 0.0);
    assert_eq!(w.actors[gamma].last_shock, None);
    // A dormant rivalry carries no shock.
    w.dyads[k].intensity = 0.0;
    assert_eq!(at(&mut w, 2022), 0.0);
    // Backing down in a war last year is a shock; five years on it still is, six not.
    for (setback, want) in [(2024, 1.0), (2020, 1.0), (2019, 0.0)] {
        w.actors[gamma].last_shock = Some(setback);
        assert_eq!(shock(&w, gamma), want, "setback in {setback}");
    }
    // The latest shock is kept: an older one noted later does not replace it.
    w.actors[gamma].last_shock = Some(2024);
    w.dyads[k].intensity = 0.7;
    w.actors[armed].status_since = 2010;
    proliferation::note_shocks(&mut w);
    assert_eq!(w.actors[gamma].last_shock, Some(2024));
}

#[test]
fn the_process_notes_last_years_setbacks_before_it_scores_willingness() {
    let mut w = eroded_world(Params { shock_window_years: 5.0, ..Params::default() });
    let (armed, gamma) = (idx(&w, "BBB"), idx(&w, "CCC"));
    let k = w.dyads.iter().position(|d| (d.a == armed && d.b == gamma) || (d.a == gamma && d.b == armed)).unwrap();
    let gamma_side = if w.dyads[k].a == gamma { Ending::FirstBackedDown } else { Ending::SecondBackedDown };
    w.year = 2030;
    w.actors[armed].status_since = 1990;
    assert_eq!(shock(&w, gamma), 0.0);
    // Last year's crisis, still held by the dyad: a war in which Gamma backed down.
    w.dyads[k].crisis = Some(outcome(3, 0, gamma_side));
    proliferation::step(&mut w, &mut ChaCha8Rng::seed_from_u64(1));
    assert_eq!(w.actors[gamma].last_shock, Some(2029));
    assert!(
        w.actors[armed].last_shock.is_none_or(|y| y < 2025),
        "the side that held suffered no setback: {:?}",
        w.actors[armed].last_shock
    );
    assert_eq!(w.actors[gamma].willingness_inputs.shock, 1.0);
}

/// In how many of `n` seeds state `i` of `w` (with no programme) starts exploring this year,
/// with the parameters `set` changes.
fn onsets(w: &World, i: usize, n: u64, set: impl Fn(&mut Params)) -> u32 {
    let mut count = 0;
    for seed in 0..n {
        let mut v = w.clone();
        set(&mut v.params);
        proliferation::step(&mut v, &mut ChaCha8Rng::seed_from_u64(seed));
        count += u32::from(v.actors[i].status == NuclearStatus::Exploring);
    }
    count
}

#[test]
fn a_state_whose_rival_just_acquired_starts_a_programme_more_often() {
    // Willingness held low so the shock can raise it: intercept −3.
    let base =
        Params { willingness_intercept: -3.0, explore_hazard: 0.5, shock_window_years: 5.0, ..Params::default() };
    let mut w = eroded_world(base);
    let (armed, delta) = (idx(&w, "BBB"), idx(&w, "DDD"));
    assert_eq!(w.actors[delta].status, NuclearStatus::None);
    w.year = 2025;
    w.actors[armed].status_since = 2023;
    proliferation::note_shocks(&mut w);
    assert_eq!(shock(&w, delta), 1.0);
    let shocked = onsets(&w, delta, 2000, |p| p.willingness_shock = 2.0);
    // The mechanism removed: coefficient 0.
    let removed = onsets(&w, delta, 2000, |p| p.willingness_shock = 0.0);
    // The shock long past: no effect even with the coefficient.
    let mut old = w.clone();
    old.actors[armed].status_since = 2000;
    old.actors[delta].last_shock = None;
    let past = onsets(&old, delta, 2000, |p| p.willingness_shock = 2.0);
    assert!(shocked > removed + 60, "shocked {shocked}, removed {removed}");
    assert_eq!(past, removed, "a shock outside the window changes nothing");
}

#[test]
fn at_a_coefficient_of_zero_the_window_changes_no_run_and_runs_reproduce() {
    let s = test_world();
    let run_with = |set: &dyn Fn(&mut Params)| {
        let mut resolved = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
        set(&mut resolved.params);
        let t = engine::Template::new(&s, &resolved);
        (0..4).map(|run| format!("{:?}", t.run(7, run).years)).collect::<Vec<_>>()
    };
    // The shock is scored but weighs nothing: any window gives the same runs.
    let short = run_with(&|p| {
        p.willingness_shock = 0.0;
        p.shock_window_years = 1.0;
    });
    let long = run_with(&|p| {
        p.willingness_shock = 0.0;
        p.shock_window_years = 20.0;
    });
    assert_eq!(short, long);
    // With a coefficient, the same seed gives the same runs.
    let on = |p: &mut Params| p.willingness_shock = 2.0;
    assert_eq!(run_with(&on), run_with(&on));
}
