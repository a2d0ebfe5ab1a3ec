//! Every mechanism has a test that fails if the mechanism is removed or inverted (issue 3).

#![allow(clippy::float_cmp)]

use engine::levers::preset;
use engine::params::{Params, with_lenses};
use engine::world::World;
use engine::{crisis, effects, ladder, proliferation, run};
use model::{Estimate, Lens, NuclearStatus, RegimePreset, Scenario};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

fn scenario() -> Scenario {
    model::parse_scenario(include_str!("data/test-world.toml"), "test-world.toml").unwrap()
}

fn world_with(s: &Scenario, regime: RegimePreset, lenses: &[Lens]) -> World {
    let mut w = World::new(s, 2025, 30, preset(regime), with_lenses(Params::default(), lenses), lenses.to_vec());
    w.update_stability();
    engine::threat::assess(&mut w);
    w
}

fn idx(w: &World, iso: &str) -> usize {
    w.actors.iter().position(|a| a.state.iso3 == iso).unwrap()
}

fn dyad(w: &World, a: &str, b: &str) -> usize {
    let (ia, ib) = (idx(w, a), idx(w, b));
    w.dyads.iter().position(|d| (d.a, d.b) == (ia, ib) || (d.a, d.b) == (ib, ia)).unwrap()
}

#[test]
fn proliferation_starts_fall_as_verification_enforcement_and_norm_rise() {
    let s = scenario();
    // Willingness of the unallied latent state under each preset (institutionalist lens, so the
    // norm counts in itself as well as through costs).
    let lenses = [Lens::Deterrence, Lens::Institutionalist];
    let will = |p| {
        let w = world_with(&s, p, &lenses);
        proliferation::willingness(&w, idx(&w, "DDD"))
    };
    let (strong, eroded, failed) = (will(RegimePreset::Strong), will(RegimePreset::Eroded), will(RegimePreset::Failed));
    assert!(strong < eroded && eroded < failed, "{strong} {eroded} {failed}");
    // Each lever on its own, others fixed.
    let base = world_with(&s, RegimePreset::Eroded, &lenses);
    let d = idx(&base, "DDD");
    for lever in ["verification", "enforcement", "norm_strength"] {
        let mut up = base.clone();
        match lever {
            "verification" => up.regime.verification += 0.3,
            "enforcement" => up.regime.enforcement += 0.3,
            _ => up.regime.norm_strength += 0.3,
        }
        assert!(proliferation::willingness(&up, d) < proliferation::willingness(&base, d), "{lever}");
    }
    // And in whole runs: fewer programmes started under a strong regime than a failed one.
    let starts = |p| {
        let r = engine::resolve(&s, &engine::RunOptions { regime: Some(p), ..Default::default() }).unwrap();
        (0..200).map(|i| run(&s, &r, 11, i).years.iter().map(|y| y.explorations).sum::<u32>()).sum::<u32>()
    };
    let (st, fa) = (starts(RegimePreset::Strong), starts(RegimePreset::Failed));
    assert!(st < fa, "strong {st} failed {fa}");
}

#[test]
fn norm_strength_restrains_proliferation_only_under_the_institutionalist_lens() {
    let s = scenario();
    for (lenses, matters) in [(vec![Lens::Deterrence], false), (vec![Lens::Institutionalist], true)] {
        let w = world_with(&s, RegimePreset::Eroded, &lenses);
        let d = idx(&w, "DDD");
        let mut up = w.clone();
        up.regime.norm_strength = 1.0;
        let (a, b) = (proliferation::willingness(&w, d), proliferation::willingness(&up, d));
        assert_eq!(b < a, matters, "{lenses:?}: {a} → {b}");
    }
}

#[test]
fn selectivity_shields_allies_of_enforcers_and_not_their_adversaries() {
    let s = scenario();
    let mut w = world_with(&s, RegimePreset::Eroded, &[]);
    let (ally, loner) = (idx(&w, "CCC"), idx(&w, "DDD"));
    w.regime.selectivity = 0.0;
    let impartial =
        (proliferation::expected_enforcement_cost(&w, ally), proliferation::expected_enforcement_cost(&w, loner));
    assert!((impartial.0 - impartial.1).abs() < 1e-15);
    w.regime.selectivity = 1.0;
    let selective =
        (proliferation::expected_enforcement_cost(&w, ally), proliferation::expected_enforcement_cost(&w, loner));
    assert!(selective.0 < impartial.0, "the ally is shielded");
    assert!((selective.1 - impartial.1).abs() < 1e-15, "the unallied state is not");
}

#[test]
fn preventive_strikes_never_hit_a_state_with_a_secure_second_strike() {
    let s = scenario();
    let mut params = with_lenses(Params::default(), &[Lens::Organisational]);
    params.preventive_strike_rate = 1.0;
    params.preventive_window_years = 100.0;
    // BBB is young (acquired this year) but secure: never struck. Then make it insecure: struck.
    let mut strikes = [0u32; 2];
    for (case, survivable) in [(0, 0.8), (1, 0.0)] {
        for seed in 0..50 {
            let mut w =
                World::new(&s, 2025, 30, preset(RegimePreset::Eroded), params.clone(), vec![Lens::Organisational]);
            let b = idx(&w, "BBB");
            w.actors[b].status_since = 2025;
            for f in &mut w.actors[b].state.forces {
                f.generated_survivable_fraction = Estimate::exact(survivable);
                f.day_to_day_survivable_fraction = Estimate::exact(survivable.min(0.3));
            }
            w.update_stability();
            let secure = w.adequacy(b, idx(&w, "AAA")) >= 1.0;
            assert_eq!(secure, case == 0);
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            engine::threat::assess(&mut w);
            proliferation::step(&mut w, &mut rng);
            strikes[case] += w.tally.preventive_strikes;
        }
    }
    assert_eq!(strikes[0], 0, "a secure arsenal was struck");
    assert!(strikes[1] > 0, "an insecure young arsenal was never struck");
}

/// Share of `n` crises of dyad `k` that reach nuclear use.
fn nuclear_share(w: &World, k: usize, n: u64) -> f64 {
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    let uses = (0..n).filter(|_| crisis::play(w, k, &mut rng).max_nuclear >= ladder::NUCLEAR_USE_RUNG).count();
    uses as f64 / n as f64
}

#[test]
fn nuclear_escalation_becomes_rarer_as_the_opponents_retaliation_grows() {
    let s = scenario();
    let mut shares = Vec::new();
    for survivable in [0.0, 0.4, 0.8] {
        let mut w = world_with(&s, RegimePreset::Eroded, &[Lens::Deterrence]);
        // A less prudent leadership, so that nuclear use is frequent enough to measure.
        w.params.prudence_base = 1.0;
        let b = idx(&w, "BBB");
        for f in &mut w.actors[b].state.forces {
            f.generated_survivable_fraction = Estimate::exact(survivable);
        }
        w.update_stability();
        let k = dyad(&w, "AAA", "BBB");
        shares.push((w.adequacy(b, idx(&w, "AAA")), nuclear_share(&w, k, 4000)));
    }
    assert!(shares[0].0 < shares[1].0 && shares[1].0 < shares[2].0, "{shares:?}");
    assert!(shares[0].1 > shares[2].1, "nuclear use should fall as retaliation grows: {shares:?}");
}

#[test]
fn accident_hazard_rises_with_alert_and_falls_with_command_and_control() {
    let s = scenario();
    let w = world_with(&s, RegimePreset::Eroded, &[Lens::Organisational]);
    let k = dyad(&w, "AAA", "BBB");
    let at = |w: &World, r| crisis::accident_probability_at(w, k, r);
    assert_eq!(at(&w, 1), 0.0);
    assert!(at(&w, ladder::WAR_RUNG) > 0.0);
    assert!(at(&w, ladder::ALERT_RUNG) > at(&w, ladder::WAR_RUNG));
    let mut better = w.clone();
    for a in &mut better.actors {
        a.c2 = (a.c2 + 0.15).min(1.0);
    }
    assert!(at(&better, ladder::ALERT_RUNG) < at(&w, ladder::ALERT_RUNG));
    // Without the organisational lens the hazard is smaller.
    let plain = world_with(&s, RegimePreset::Eroded, &[Lens::Deterrence]);
    assert!(crisis::accident_probability_at(&plain, k, ladder::ALERT_RUNG) < at(&w, ladder::ALERT_RUNG));
}

#[test]
fn mutual_second_strikes_raise_low_level_crisis_onset_under_stability_instability() {
    let s = scenario();
    let si = world_with(&s, RegimePreset::Eroded, &[Lens::StabilityInstability]);
    let plain = world_with(&s, RegimePreset::Eroded, &[Lens::Deterrence]);
    let k = dyad(&si, "AAA", "BBB");
    assert!(si.dyads[k].stability.as_ref().unwrap().mutual_vulnerability);
    assert!(crisis::onset_probability(&si, k) > crisis::onset_probability(&plain, k));
    // Only mutual vulnerability triggers it.
    let mut fragile = si.clone();
    let b = idx(&fragile, "BBB");
    for f in &mut fragile.actors[b].state.forces {
        f.generated_survivable_fraction = Estimate::exact(0.0);
    }
    fragile.update_stability();
    assert!(!fragile.dyads[k].stability.as_ref().unwrap().mutual_vulnerability);
    assert!((crisis::onset_probability(&fragile, k) - crisis::onset_probability(&plain, k)).abs() < 1e-15);
}

#[test]
fn invading_a_disarmed_state_raises_threatened_states_value_of_weapons() {
    let s = scenario();
    let mut w = world_with(&s, RegimePreset::Eroded, &[]);
    let (b, c, d) = (idx(&w, "BBB"), idx(&w, "CCC"), idx(&w, "DDD"));
    w.actors[c].status = NuclearStatus::Disarmed;
    let before = w.actors[d].value;
    assert!(w.actors[d].threat > 0.0);
    effects::invasion(&mut w, b, c);
    assert!(w.actors[d].value > before);
    assert!(w.actors[c].value > 0.3);
    // The opposite lesson: enforcement that works lowers it.
    let after = w.actors[d].value;
    effects::enforcement_worked(&mut w);
    assert!(w.actors[d].value < after);
}

#[test]
fn acquisition_raises_rivals_and_neighbours_willingness() {
    let s = scenario();
    let mut w = world_with(&s, RegimePreset::Eroded, &[]);
    let (c, d) = (idx(&w, "CCC"), idx(&w, "DDD"));
    let before = proliferation::willingness(&w, d);
    effects::acquire(&mut w, c);
    effects::cascade(&mut w, c, true);
    assert!(proliferation::willingness(&w, d) > before, "a neighbour's acquisition raises willingness");
    assert_eq!(w.actors[c].status, NuclearStatus::Possessing);
    assert!(w.actors[c].warheads() > 0.0);
}

#[test]
fn treaty_caps_bind_while_in_force_and_lapse_after() {
    let text = include_str!("data/test-world.toml").to_owned()
        + "\n[[events]]\nyear = 2025\nkind = \"treaty-cap\"\nparties = [\"AAA\", \"BBB\"]\nuntil_year = 2026\ndeployed_cap_warheads = 200\nsources = [\"test\"]\n";
    let s = model::parse_scenario(&text, "capped.toml").unwrap();
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    let mut w = World::new(&s, r.start_year, r.years, r.regime, r.params.clone(), r.lenses.clone());
    w.update_stability();
    let mut rng = engine::run::run_rng(1, 0);
    let a = idx(&w, "AAA");
    engine::schedule::step(&mut w, &mut rng);
    assert!(engine::arsenal::treaty_count(&w.actors[a].state.forces) <= 200.0 + 1e-9);
    assert!(w.events.iter().any(|e| e.kind.as_str() == "treaty-cap"));
    for _ in 0..3 {
        w.year += 1;
        engine::schedule::step(&mut w, &mut rng);
    }
    assert!(w.actors[a].treaty_cap.is_none());
}

#[test]
fn power_shifts_raise_crisis_onset() {
    let s = scenario();
    let mut w = world_with(&s, RegimePreset::Eroded, &[]);
    let k = dyad(&w, "BBB", "CCC");
    w.dyads[k].last_share = Some(crisis::capability_share(&w, k));
    let steady = crisis::onset_probability(&w, k);
    let c = idx(&w, "CCC");
    w.actors[c].conventional += 0.2;
    assert!(crisis::onset_probability(&w, k) > steady);
}

#[test]
fn outcomes_count_wars_and_nuclear_use_from_the_ladder() {
    // Make escalation attractive (huge stakes, little prudence) and check the tallies follow
    // the crisis records.
    let s = scenario();
    let mut w = world_with(&s, RegimePreset::Eroded, &[Lens::Organisational]);
    w.params.prudence_base = 0.1;
    w.params.rung_cost = 0.01;
    w.params.crisis_base_rate = 50.0;
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut wars = 0;
    for _ in 0..20 {
        w.tally = Default::default();
        crisis::step(&mut w, &mut rng);
        let from_records =
            w.dyads.iter().filter(|d| d.crisis.is_some_and(|c| c.max_conventional >= ladder::WAR_RUNG)).count();
        assert_eq!(w.tally.wars as usize, from_records);
        let uses =
            w.dyads.iter().filter(|d| d.crisis.is_some_and(|c| c.max_nuclear >= ladder::NUCLEAR_USE_RUNG)).count();
        assert_eq!(w.tally.nuclear_use as usize, uses);
        assert_eq!(w.tally.nuclear_damage > 0.0, uses > 0);
        wars += from_records;
    }
    assert!(wars > 0, "no war at all with escalation made cheap");
}
