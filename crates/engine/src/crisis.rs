//! Processes 5–7: crisis onset per rival dyad, escalation on the ladder, and outcomes.
//!
//! Rungs (MODEL.md §3.6): 0 dispute, 1 militarised crisis, 2 conventional clashes, 3 limited
//! war, 4 major war, 5 nuclear alert or threat, 6 limited nuclear use, 7 general nuclear war.
//! A crisis starts at rung 1; the sides move in turn (challenger first), each choosing to back
//! down, hold or escalate by a logit quantal response, `P(a) ∝ exp(λ · EU(a))`, to expected
//! utilities whose nuclear costs come from the exchange calculus:
//!
//! `EU(escalate to k) = p_win · stake − cost(k) − P_nuc(k) · prudence · Damage`
//!
//! where P_nuc(k) is the perceived chance that a crisis standing at rung k ends in nuclear use
//! (a small risk already in limited and major war against an armed opponent — Schelling's threat
//! that leaves something to chance — more at the nuclear-threat rung, certainty above it) plus
//! the accident hazard, and cost(k) grows with the square of the rung,
//!
//! with Damage the share of the side's value destroyed in the exchange (Kent–Thaler damage
//! curve): when the side itself initiates general war, the damage it suffers after its own best
//! first strike; otherwise the damage of absorbing the opponent's first strike. The gap between
//! the two is the first-strike incentive. Prudence grows with mutual vulnerability under the
//! deterrence lens; accidents at the nuclear-alert rungs fall with command-and-control quality
//! and are amplified under the organisational lens; conventional rungs look cheaper under mutual
//! vulnerability under the stability–instability lens; norm strength restrains escalation under
//! the institutionalist lens. A crisis ends when a side backs down, after consecutive holds
//! (stalemate), at the top rung, or after the round limit.

use crate::proliferation::chance;
use crate::world::World;
use model::Lens;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use serde::Serialize;

/// The ladder's top rung.
pub const TOP_RUNG: u8 = 7;
/// First rung counted as war (≥ 1,000 battle deaths).
pub const WAR_RUNG: u8 = 3;
/// The major-war rung.
pub const MAJOR_WAR_RUNG: u8 = 4;
/// The nuclear alert / threat rung.
pub const ALERT_RUNG: u8 = 5;
/// First rung with nuclear use.
pub const NUCLEAR_USE_RUNG: u8 = 6;

/// How a crisis ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// The first side of the dyad backed down.
    FirstBackedDown,
    /// The second side backed down.
    SecondBackedDown,
    /// Both held.
    Stalemate,
    /// General nuclear war.
    GeneralWar,
}

/// The record of one crisis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CrisisOutcome {
    /// Highest rung reached.
    pub max_rung: u8,
    /// Which side (0 = the dyad's first state, 1 = its second) challenged.
    pub challenger: u8,
    /// How it ended.
    pub ending: Ending,
    /// Whether any nuclear use came from an accident or inadvertent escalation.
    pub accidental: bool,
    /// The side that first took the crisis to war (rung 3), if any.
    pub war_initiator: Option<u8>,
}

/// Yearly probability that dyad `k` has a crisis.
pub fn onset_probability(w: &World, k: usize) -> f64 {
    let d = &w.dyads[k];
    let p = &w.params;
    let (a, b) = (&w.actors[d.a], &w.actors[d.b]);
    let open_programme = |x: &crate::world::Actor| x.has_programme() && x.detected;
    let window = if open_programme(a) || open_programme(b) { 1.0 } else { 0.0 };
    let mutual = d.stability.as_ref().is_some_and(|s| s.mutual_vulnerability);
    let rate = p.crisis_base_rate
        * d.intensity
        * (0.5 + d.stakes)
        * (1.0 + p.crisis_proliferation_gain * window)
        * (1.0 + if mutual { p.crisis_stability_instability_gain } else { 0.0 });
    1.0 - (-rate).exp()
}

/// One side's view of the crisis.
#[derive(Debug, Clone, Copy)]
struct SideView {
    stake: f64,
    p_win: f64,
    armed: bool,
    no_first_use: bool,
    prudence: f64,
    /// Damage if this side initiates general nuclear war.
    damage_first: f64,
    /// Damage if the opponent strikes first.
    damage_second: f64,
    c2: f64,
}

fn views(w: &World, k: usize) -> [SideView; 2] {
    let d = &w.dyads[k];
    let p = &w.params;
    let mutual = d.stability.as_ref().is_some_and(|s| s.mutual_vulnerability);
    let deterrence = w.lens(Lens::Deterrence);
    let make =
        |i: usize, j: usize, first: Option<&exchange::StrikeOutcome>, second: Option<&exchange::StrikeOutcome>| {
            let (me, them) = (&w.actors[i], &w.actors[j]);
            let mine = me.conventional + w.allied_support(i, j);
            let theirs = them.conventional + w.allied_support(j, i);
            let total = mine + theirs;
            SideView {
                stake: d.stakes * (0.5 + me.resolve),
                p_win: if total > 0.0 { mine / total } else { 0.5 },
                armed: me.is_armed(),
                no_first_use: !crate::world::allows_first_use(me),
                prudence: p.prudence_base
                    * (1.0 + if deterrence && mutual { p.prudence_mutual_vulnerability_gain } else { 0.0 }),
                damage_first: first.map_or(0.0, |s| s.stop.striker_damage),
                damage_second: second.map_or(0.0, |s| s.stop.victim_damage),
                c2: me.c2,
            }
        };
    let s = d.stability.as_ref();
    [
        make(d.a, d.b, s.map(|s| &s.a_strikes), s.map(|s| &s.b_strikes)),
        make(d.b, d.a, s.map(|s| &s.b_strikes), s.map(|s| &s.a_strikes)),
    ]
}

/// Probability per round that the crisis goes nuclear by accident or inadvertence at `rung`.
fn accident_probability(w: &World, rung: u8, sides: &[SideView; 2]) -> f64 {
    let p = &w.params;
    let worst_c2 = sides.iter().filter(|s| s.armed).map(|s| s.c2).fold(f64::INFINITY, f64::min);
    if !worst_c2.is_finite() {
        return 0.0;
    }
    match rung {
        r if r >= ALERT_RUNG => p.accident_hazard * p.accident_multiplier * (1.0 - worst_c2),
        r if r >= WAR_RUNG => p.inadvertent_hazard * (1.0 - worst_c2),
        _ => 0.0,
    }
}

/// Probability that a crisis standing at `rung` ends in nuclear use, as a side sees it.
fn nuclear_risk(w: &World, rung: u8, sides: &[SideView; 2]) -> f64 {
    if !sides.iter().any(|s| s.armed) {
        return 0.0;
    }
    let p = &w.params;
    let deliberate = match rung {
        r if r >= NUCLEAR_USE_RUNG => 1.0,
        ALERT_RUNG => p.deliberate_use_at_threat,
        MAJOR_WAR_RUNG => p.nuclear_risk_major_war,
        WAR_RUNG => p.nuclear_risk_limited_war,
        _ => 0.0,
    };
    (deliberate + accident_probability(w, rung, sides)).min(1.0)
}

fn rung_cost(w: &World, rung: u8, mutual: bool) -> f64 {
    let p = &w.params;
    let steps = f64::from(rung.saturating_sub(1));
    let base = p.rung_cost * steps * steps;
    if mutual && rung <= MAJOR_WAR_RUNG { base * p.stability_instability_cost_factor } else { base }
}

/// Expected utilities of (back down, hold, escalate) for side `me` at `rung`; `None` for
/// escalate when the move is not available.
fn utilities(w: &World, rung: u8, me: usize, sides: &[SideView; 2], mutual: bool) -> (f64, f64, Option<f64>) {
    let s = sides[me];
    let p = &w.params;
    let norm = if w.lens(Lens::Institutionalist) { p.norm_restraint * w.regime.norm_strength } else { 0.0 };
    let back = -p.reputation_cost * s.stake;
    let hold = 0.5 * s.p_win * s.stake
        - rung_cost(w, rung, mutual)
        - nuclear_risk(w, rung, sides) * s.prudence * s.damage_second
        - if rung >= WAR_RUNG { norm } else { 0.0 };
    let next = rung + 1;
    let can = next <= TOP_RUNG && (next < ALERT_RUNG || s.armed) && !(next == NUCLEAR_USE_RUNG && s.no_first_use);
    let escalate = can.then(|| {
        let damage = if next == TOP_RUNG { s.damage_first } else { s.damage_second };
        s.p_win * s.stake
            - rung_cost(w, next, mutual)
            - nuclear_risk(w, next, sides) * s.prudence * damage
            - if next >= WAR_RUNG { norm * f64::from(next - WAR_RUNG + 1) } else { 0.0 }
    });
    (back, hold, escalate)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Back,
    Hold,
    Escalate,
}

fn choose(rng: &mut ChaCha8Rng, lambda: f64, u: (f64, f64, Option<f64>)) -> Move {
    let (b, h, e) = u;
    let top = b.max(h).max(e.unwrap_or(f64::NEG_INFINITY));
    let wb = (lambda * (b - top)).exp();
    let wh = (lambda * (h - top)).exp();
    let we = e.map_or(0.0, |e| (lambda * (e - top)).exp());
    let x = rng.random::<f64>() * (wb + wh + we);
    if x < wb {
        Move::Back
    } else if x < wb + wh {
        Move::Hold
    } else {
        Move::Escalate
    }
}

/// Plays one crisis of dyad `k`.
pub fn play(w: &World, k: usize, rng: &mut ChaCha8Rng) -> CrisisOutcome {
    let sides = views(w, k);
    let mutual = w.dyads[k].stability.as_ref().is_some_and(|s| s.mutual_vulnerability);
    let challenger: u8 = if rng.random::<f64>() < 0.5 { 0 } else { 1 };
    let mut rung: u8 = 1;
    let mut max_rung = rung;
    let mut holds = 0u32;
    let mut accidental = false;
    let mut war_initiator = None;
    let mut mover = challenger as usize;
    let rounds = w.params.max_rounds.max(1.0) as u32;
    for _ in 0..rounds * 2 {
        let m = choose(rng, w.params.choice_precision, utilities(w, rung, mover, &sides, mutual));
        match m {
            Move::Back => {
                let ending = if mover == 0 { Ending::FirstBackedDown } else { Ending::SecondBackedDown };
                return CrisisOutcome { max_rung, challenger, ending, accidental, war_initiator };
            }
            Move::Hold => {
                holds += 1;
            }
            Move::Escalate => {
                holds = 0;
                rung += 1;
                if rung == WAR_RUNG && war_initiator.is_none() {
                    war_initiator = Some(mover as u8);
                }
            }
        }
        // Accidents and inadvertent escalation, independent of anyone's choice.
        if rung < NUCLEAR_USE_RUNG && chance(rng, accident_probability(w, rung, &sides)) {
            rung = if rung >= ALERT_RUNG { NUCLEAR_USE_RUNG } else { ALERT_RUNG };
            accidental |= rung >= NUCLEAR_USE_RUNG;
            holds = 0;
        }
        max_rung = max_rung.max(rung);
        if rung >= TOP_RUNG {
            return CrisisOutcome { max_rung, challenger, ending: Ending::GeneralWar, accidental, war_initiator };
        }
        if holds >= 2 * w.params.stalemate_rounds.max(1.0) as u32 {
            break;
        }
        mover = 1 - mover;
    }
    CrisisOutcome { max_rung, challenger, ending: Ending::Stalemate, accidental, war_initiator }
}

/// Runs onset, escalation and outcomes for every dyad, in order.
pub fn step(w: &mut World, rng: &mut ChaCha8Rng) {
    for k in 0..w.dyads.len() {
        w.dyads[k].crisis = None;
        if !chance(rng, onset_probability(w, k)) {
            continue;
        }
        let outcome = play(w, k, rng);
        w.dyads[k].crisis = Some(outcome);
        record(w, k, outcome);
    }
}

/// Process 7: counts the crisis's outcomes, signals the regime, triggers learning.
fn record(w: &mut World, k: usize, o: CrisisOutcome) {
    let (a, b) = (w.dyads[k].a, w.dyads[k].b);
    let both_armed = w.actors[a].is_armed() && w.actors[b].is_armed();
    w.tally.crises += 1;
    if o.max_rung >= WAR_RUNG {
        w.tally.wars += 1;
        if both_armed {
            w.tally.wars_between_nuclear += 1;
        }
        if o.max_rung >= MAJOR_WAR_RUNG && both_armed {
            w.tally.major_wars_between_nuclear += 1;
        }
    } else if both_armed || w.actors[a].is_armed() != w.actors[b].is_armed() {
        w.tally.sub_war_crises_involving_nuclear += 1;
    }
    if o.max_rung >= ALERT_RUNG {
        w.tally.nuclear_alerts += 1;
    }
    if o.max_rung >= NUCLEAR_USE_RUNG {
        w.tally.nuclear_use += 1;
        w.signals.nuclear_uses += 1;
        if o.accidental {
            w.tally.accidental_use += 1;
        }
    }
    w.record(
        "crisis",
        Some(a),
        Some(b),
        format!("rung {} ({:?}){}", o.max_rung, o.ending, if o.accidental { ", accidental use" } else { "" }),
    );
    // Learning from outcomes: a state without weapons attacked; armed states left unattacked.
    if o.max_rung >= WAR_RUNG
        && let Some(init) = o.war_initiator
    {
        let (attacker, victim) = if init == 0 { (a, b) } else { (b, a) };
        if !w.actors[victim].is_armed() && (w.actors[attacker].is_armed() || w.actors[attacker].conventional > 0.5) {
            crate::learning::invasion(w, attacker, victim);
        }
    } else {
        for i in [a, b] {
            if w.actors[i].is_armed() {
                crate::learning::nuclear_immunity(w, i);
            }
        }
    }
}
