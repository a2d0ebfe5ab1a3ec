//! Processes 5–7: crisis onset per rival dyad, escalation on the ladder, and outcomes.
//!
//! The rungs and the crisis record are in [`crate::ladder`]. A crisis starts at rung 1; the
//! sides move in turn (challenger first), each choosing to back down, hold, escalate
//! conventionally (up to major war) or — if armed — escalate on the nuclear track (alert or
//! threat, then use, then general war; a threat can be made without a war, as in 1962), by a
//! logit quantal response, `P(a) ∝ exp(λ · EU(a))`, to expected utilities whose
//! nuclear costs come from the exchange calculus:
//!
//! `EU(escalate to k) = p_win · stake − cost(k) − P_nuc(k) · prudence · Damage`
//!
//! where P_nuc(k) is the perceived chance that a crisis standing at rung k ends in nuclear use
//! (a small risk already in limited and major war against an armed opponent — Schelling's threat
//! that leaves something to chance — more at the nuclear-threat rung, certainty above it) plus
//! the accident hazard, cost(k) grows with the square of the conventional level, and at the
//! nuclear rungs p_win is escalation dominance: the side that suffers less after its own first
//! strike prevails,
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

use crate::casualties::{self, TargetClass};
use crate::effects;
use crate::ladder::{
    ALERT_RUNG, CLASHES_RUNG, CrisisOutcome, Ending, MAJOR_WAR_RUNG, NUCLEAR_USE_RUNG, SideUse, TOP_RUNG, UseKind,
    WAR_RUNG,
};
use crate::probability::chance;
use crate::record::{CrisisEvent, EventKind};
use crate::world::{Actor, World, allows_first_use};
use exchange::{Alert, Side};
use model::{Bound, Lens};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// Yearly probability that dyad `k` has a crisis: `1 − exp(−crisis_base_rate × exposure)`,
/// the exposure from [`onset_exposure`].
pub fn onset_probability(w: &World, k: usize) -> f64 {
    1.0 - (-w.params.crisis_base_rate * onset_exposure(w, k)).exp()
}

/// Dyad `k`'s crisis onset rate per unit of `crisis_base_rate` this year: intensity ×
/// (0.5 + stakes) × (1 + gain_p × open programme) × (1 + gain_shift × min(1, 10 × power shift))
/// × (1 + gain_si × mutual vulnerability); 0 for a dormant rivalry. The yearly onset hazard is
/// `crisis_base_rate` times this, so a dyad-year's exposure is what the record's crisis rate is
/// estimated against (`history::onset`).
pub fn onset_exposure(w: &World, k: usize) -> f64 {
    let d = &w.dyads[k];
    let p = &w.params;
    let (a, b) = (&w.actors[d.a], &w.actors[d.b]);
    let open_programme = |x: &Actor| x.has_programme() && x.detected;
    let window = if open_programme(a) || open_programme(b) { 1.0 } else { 0.0 };
    let mutual = d.stability.as_ref().is_some_and(|s| s.mutual_vulnerability);
    let shift = d.last_share.map_or(0.0, |last| (capability_share(w, k) - last).abs());
    d.intensity
        * (0.5 + d.stakes)
        * (1.0 + p.crisis_proliferation_gain * window)
        * (1.0 + p.crisis_power_shift_gain * (10.0 * shift).min(1.0))
        * (1.0 + if mutual { p.crisis_stability_instability_gain } else { 0.0 })
}

/// The first side's share of dyad `k`'s capability ([`World::capability`]).
pub fn capability_share(w: &World, k: usize) -> f64 {
    let d = &w.dyads[k];
    let (a, b) = (w.capability(d.a), w.capability(d.b));
    if a + b > 0.0 { a / (a + b) } else { 0.5 }
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
    /// Credibility of a nuclear guarantee protecting this side (when it has no weapons).
    cover: f64,
}

fn views(w: &World, k: usize) -> [SideView; 2] {
    let d = &w.dyads[k];
    let p = &w.params;
    let mutual = d.stability.as_ref().is_some_and(|s| s.mutual_vulnerability);
    let deterrence = w.lens(Lens::Deterrence);
    let make =
        |i: usize, j: usize, first: Option<&exchange::StrikeOutcome>, second: Option<&exchange::StrikeOutcome>| {
            let (me, them) = (&w.actors[i], &w.actors[j]);
            // Extended deterrence: against an opponent without weapons, a credible nuclear
            // guarantor stands in for its retaliation (a guarantor's arsenal is taken to devastate).
            let opponent_cover = if them.is_armed() { 0.0 } else { w.nuclear_cover(j, Some(i)) };
            let mine = me.conventional + w.allied_support(i, j);
            let theirs = them.conventional + w.allied_support(j, i);
            let total = mine + theirs;
            SideView {
                stake: d.stakes * (0.5 + me.resolve),
                p_win: if total > 0.0 { mine / total } else { 0.5 },
                armed: me.is_armed(),
                no_first_use: !allows_first_use(me),
                prudence: p.prudence_base
                    * (1.0 + if deterrence && mutual { p.prudence_mutual_vulnerability_gain } else { 0.0 }),
                damage_first: first.map_or(0.0, |s| s.stop.striker_damage).max(opponent_cover),
                damage_second: second.map_or(0.0, |s| s.stop.victim_damage).max(opponent_cover),
                c2: me.c2,
                cover: if me.is_armed() { 0.0 } else { w.nuclear_cover(i, Some(j)) },
            }
        };
    let s = d.stability.as_ref();
    [
        make(d.a, d.b, s.map(|s| &s.a_strikes), s.map(|s| &s.b_strikes)),
        make(d.b, d.a, s.map(|s| &s.b_strikes), s.map(|s| &s.a_strikes)),
    ]
}

/// Per-move probability that armed side `s` uses by accident at the alert rung.
fn accident_hazard(w: &World, s: &SideView) -> f64 {
    let p = &w.params;
    if s.armed { p.accident_hazard * p.accident_multiplier * (1.0 - s.c2) } else { 0.0 }
}

/// Per-move probability that armed side `s` takes a false warning for an attack and uses at
/// the alert rung.
fn false_warning_hazard(w: &World, s: &SideView) -> f64 {
    let p = &w.params;
    if s.armed { p.inadvertent_use_hazard * p.accident_multiplier * (1.0 - s.c2) } else { 0.0 }
}

/// Per-move probability that a crisis at the war rungs slides to alert without a choice
/// (conventional operations against nuclear forces), from the weaker command and control.
fn slide_hazard(w: &World, sides: &[SideView; 2]) -> f64 {
    let worst_c2 = sides.iter().filter(|s| s.armed).map(|s| s.c2).fold(f64::INFINITY, f64::min);
    if worst_c2.is_finite() { w.params.inadvertent_hazard * (1.0 - worst_c2) } else { 0.0 }
}

/// Probability per move that the crisis goes nuclear (or, below alert, to alert) without a
/// choice at `rung`: at the alert rung, any side's accident or false warning; at the war rungs,
/// inadvertent escalation to alert.
fn accident_probability(w: &World, rung: u8, sides: &[SideView; 2]) -> f64 {
    match rung {
        r if r >= ALERT_RUNG => {
            1.0 - sides
                .iter()
                .map(|s| (1.0 - accident_hazard(w, s)) * (1.0 - false_warning_hazard(w, s)))
                .product::<f64>()
        }
        r if r >= WAR_RUNG => slide_hazard(w, sides),
        _ => 0.0,
    }
}

/// Per-move accident, false-warning or inadvertent-escalation probability in dyad `k`'s crises
/// at `rung`.
pub fn accident_probability_at(w: &World, k: usize, rung: u8) -> f64 {
    accident_probability(w, rung, &views(w, k))
}

/// Where a crisis stands: its conventional level (1 crisis … 4 major war), its nuclear level
/// (0 none, 5 alert or threat, 6 limited use, 7 general war; its rung is the higher of the
/// two), and each side's own nuclear use so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Conventional level, 1 to 4.
    pub conventional: u8,
    /// Nuclear level: 0, or 5 to 7.
    pub nuclear: u8,
    /// Each side's own use so far (index 0 = the dyad's first state).
    pub uses: [Option<SideUse>; 2],
}

impl Position {
    /// The start of every crisis: rung 1, no nuclear step.
    pub const START: Position = Position { conventional: 1, nuclear: 0, uses: [None, None] };

    /// The crisis's rung: the higher of the two levels.
    pub fn rung(self) -> u8 {
        self.conventional.max(self.nuclear)
    }

    /// Records side `me`'s use of kind `kind` at `rung` (a side's kind is that of its first use).
    fn used(&mut self, me: usize, kind: UseKind, rung: u8) {
        self.nuclear = self.nuclear.max(rung);
        self.uses[me] = Some(match self.uses[me] {
            Some(u) => SideUse { rung: u.rung.max(rung), ..u },
            None => SideUse { kind, rung },
        });
    }
}

/// Probability that a crisis at `pos` ends in nuclear use: a small perceived risk already in
/// war against an armed opponent, more at the nuclear-threat rung, certainty after use; plus
/// accidents.
fn nuclear_risk(w: &World, pos: Position, sides: &[SideView; 2]) -> f64 {
    if !sides.iter().any(|s| s.armed) {
        return 0.0;
    }
    let p = &w.params;
    let conventional = match pos.conventional {
        MAJOR_WAR_RUNG => p.nuclear_risk_major_war,
        WAR_RUNG => p.nuclear_risk_limited_war,
        _ => 0.0,
    };
    let nuclear = match pos.nuclear {
        n if n >= NUCLEAR_USE_RUNG => 1.0,
        ALERT_RUNG => p.deliberate_use_at_threat,
        _ => 0.0,
    };
    (conventional.max(nuclear) + accident_probability(w, pos.rung(), sides)).min(1.0)
}

/// Conventional cost of fighting at conventional level `level`: rung_cost × (level − 1)²,
/// scaled down under mutual vulnerability by the stability–instability lens.
fn rung_cost(w: &World, level: u8, mutual: bool) -> f64 {
    let p = &w.params;
    let steps = f64::from(level.min(MAJOR_WAR_RUNG).saturating_sub(1));
    let base = p.rung_cost * steps * steps;
    if mutual { base * p.stability_instability_cost_factor } else { base }
}

/// Institutionalist restraint at `pos`: norm strength weighs on war and, twice as much per
/// step, on nuclear rungs.
fn norm_cost(w: &World, pos: Position) -> f64 {
    if !w.lens(Lens::Institutionalist) {
        return 0.0;
    }
    let steps = f64::from(pos.conventional.saturating_sub(2)) + 2.0 * f64::from(pos.nuclear.saturating_sub(4));
    w.params.norm_restraint * w.regime.norm_strength * steps
}

/// Chance that `me` prevails at the nuclear rungs: the side that suffers less after its own
/// first strike holds escalation dominance (a side without weapons has none).
fn nuclear_edge(sides: &[SideView; 2], me: usize) -> f64 {
    let strength = |s: &SideView| if s.armed { 1.0 - s.damage_first } else { s.cover };
    let (mine, theirs) = (strength(&sides[me]), strength(&sides[1 - me]));
    if mine + theirs > 0.0 { mine / (mine + theirs) } else { 0.5 }
}

/// Chance that `me`, struck first, prevails in the general exchange the first user started:
/// what `me` keeps after absorbing that strike against what the first user keeps after `me`'s
/// surviving forces answer.
fn retaliation_edge(sides: &[SideView; 2], me: usize) -> f64 {
    let (mine, theirs) = (1.0 - sides[me].damage_second, 1.0 - sides[1 - me].damage_first);
    if mine + theirs > 0.0 { mine / (mine + theirs) } else { 0.5 }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Back,
    Hold,
    Conventional,
    Nuclear,
}

/// Expected utilities of back down, hold, conventional escalation and nuclear escalation for
/// side `me` (0 = the dyad's first state) of dyad `k` at `pos`; `None` where a move is not
/// available. The crisis chooses by these ([`play`]).
pub fn move_utilities(w: &World, k: usize, pos: Position, me: usize) -> [Option<f64>; 4] {
    let mutual = w.dyads[k].stability.as_ref().is_some_and(|s| s.mutual_vulnerability);
    utilities(w, pos, me, &views(w, k), mutual)
}

/// Expected utilities of back down, hold, conventional escalation and nuclear escalation for
/// side `me` at `pos`; `None` where a move is not available.
fn utilities(w: &World, pos: Position, me: usize, sides: &[SideView; 2], mutual: bool) -> [Option<f64>; 4] {
    let s = sides[me];
    let p = &w.params;
    let win = |pos: Position| if pos.nuclear >= ALERT_RUNG { nuclear_edge(sides, me) } else { s.p_win };
    let value = |pos: Position, share: f64, damage: f64| {
        share * win(pos) * s.stake
            - rung_cost(w, pos.conventional, mutual)
            - nuclear_risk(w, pos, sides) * s.prudence * damage
            - norm_cost(w, pos)
    };
    let back = -p.reputation_cost * s.stake;
    let hold = value(pos, 0.5, s.damage_second);
    // The first violent step also costs the side that takes it the cost of using force.
    let force = if pos.conventional < CLASHES_RUNG { p.force_cost } else { 0.0 };
    let conventional = (pos.conventional < MAJOR_WAR_RUNG)
        .then(|| value(Position { conventional: pos.conventional + 1, ..pos }, 1.0, s.damage_second) - force);
    let next = if pos.nuclear == 0 { ALERT_RUNG } else { pos.nuclear + 1 };
    // Whether the *opponent* has used: a side's own use (even an accident) releases it from
    // nothing.
    let opponent_used = pos.uses[1 - me].is_some();
    let nuclear_allowed =
        s.armed && next <= TOP_RUNG && !(next >= NUCLEAR_USE_RUNG && s.no_first_use && !opponent_used);
    let nuclear = nuclear_allowed.then(|| {
        let to = Position { nuclear: next, ..pos };
        // Political costs: of the threat itself, and of being the first to use deliberately
        // (until the opponent has used).
        let political = match next {
            ALERT_RUNG => p.nuclear_threat_cost,
            _ if !opponent_used => p.nuclear_use_cost,
            _ => 0.0,
        };
        if next == TOP_RUNG && opponent_used && pos.uses[me].is_none() {
            // Retaliation: the exchange the first user started, answered by what survives.
            retaliation_edge(sides, me) * s.stake
                - rung_cost(w, pos.conventional, mutual)
                - s.prudence * s.damage_second
                - norm_cost(w, to)
                - political
        } else if next == TOP_RUNG {
            // General war started by the side that used first: it strikes first and suffers
            // what survives its strike.
            win(to) * s.stake
                - rung_cost(w, pos.conventional, mutual)
                - s.prudence * s.damage_first
                - norm_cost(w, to)
                - political
        } else {
            value(to, 1.0, s.damage_second) - political
        }
    });
    [Some(back), Some(hold), conventional, nuclear]
}

fn choose(rng: &mut ChaCha8Rng, lambda: f64, u: [Option<f64>; 4]) -> Move {
    const MOVES: [Move; 4] = [Move::Back, Move::Hold, Move::Conventional, Move::Nuclear];
    let top = u.iter().flatten().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let weights: [f64; 4] = u.map(|x| x.map_or(0.0, |x| (lambda * (x - top)).exp()));
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (m, wt) in MOVES.iter().zip(weights) {
        if x < wt {
            return *m;
        }
        x -= wt;
    }
    Move::Hold
}

/// What stays fixed while a crisis of one dyad is played: the sides' views, the hazards and the
/// limits on its length.
struct Setting<'w> {
    w: &'w World,
    sides: [SideView; 2],
    mutual: bool,
    /// Moves at most (two per round).
    moves: u32,
    /// Consecutive holds that end it in stalemate.
    stalemate: u32,
    slide: f64,
    /// Each side's (accident, false warning) hazard per move at the alert rung.
    hazards: [(f64, f64); 2],
}

impl<'w> Setting<'w> {
    fn new(w: &'w World, k: usize) -> Setting<'w> {
        let sides = views(w, k);
        let rounds = w.params.max_rounds.max(1.0) as u32;
        Setting {
            w,
            sides,
            mutual: w.dyads[k].stability.as_ref().is_some_and(|s| s.mutual_vulnerability),
            moves: rounds.saturating_mul(2),
            stalemate: (w.params.stalemate_rounds.max(1.0) as u32).saturating_mul(2),
            slide: slide_hazard(w, &sides),
            hazards: sides.map(|s| (accident_hazard(w, &s), false_warning_hazard(w, &s))),
        }
    }

    /// The crisis at its start, the challenger drawn (one draw).
    fn start<'s>(&'s self, rng: &mut ChaCha8Rng) -> Game<'s, 'w> {
        let challenger: u8 = if rng.random::<f64>() < 0.5 { 0 } else { 1 };
        let pos = Position::START;
        Game {
            setting: self,
            pos,
            max: (pos.rung(), pos.conventional, pos.nuclear),
            holds: 0,
            war_initiator: None,
            nuclear_initiator: None,
            challenger,
            mover: usize::from(challenger),
            moves: 0,
            ending: if self.moves == 0 { Some(Ending::Stalemate) } else { None },
        }
    }
}

/// A crisis in play: everything that changes from move to move, so that it can be copied and
/// played on (the splitting estimate, [`major_war_probability`]).
#[derive(Clone)]
struct Game<'s, 'w> {
    setting: &'s Setting<'w>,
    pos: Position,
    /// Highest (rung, conventional level, nuclear level) so far.
    max: (u8, u8, u8),
    holds: u32,
    war_initiator: Option<u8>,
    nuclear_initiator: Option<u8>,
    challenger: u8,
    mover: usize,
    moves: u32,
    ending: Option<Ending>,
}

impl Game<'_, '_> {
    /// One move by the side whose turn it is, then the hazards of the position it leaves;
    /// `false` once the crisis has ended.
    fn advance(&mut self, rng: &mut ChaCha8Rng) -> bool {
        if self.ending.is_some() {
            return false;
        }
        let Setting { w, sides, mutual, moves, stalemate, slide, hazards } = *self.setting;
        let pos = &mut self.pos;
        self.moves += 1;
        match choose(rng, w.params.choice_precision, utilities(w, *pos, self.mover, &sides, mutual)) {
            Move::Back => {
                self.ending = Some(if self.mover == 0 { Ending::FirstBackedDown } else { Ending::SecondBackedDown });
                return false;
            }
            Move::Hold => self.holds += 1,
            Move::Conventional => {
                self.holds = 0;
                pos.conventional += 1;
                if pos.conventional == WAR_RUNG && self.war_initiator.is_none() {
                    self.war_initiator = Some(self.mover as u8);
                }
            }
            Move::Nuclear => {
                self.holds = 0;
                let next = if pos.nuclear == 0 { ALERT_RUNG } else { pos.nuclear + 1 };
                if next >= NUCLEAR_USE_RUNG {
                    pos.used(self.mover, UseKind::Deliberate, next);
                    if self.nuclear_initiator.is_none() {
                        self.nuclear_initiator = Some(self.mover as u8);
                    }
                } else {
                    pos.nuclear = next;
                }
            }
        }
        // Accidents, false warnings and inadvertent escalation, independent of anyone's choice.
        if pos.nuclear == ALERT_RUNG {
            'sides: for (i, &(accident, false_warning)) in hazards.iter().enumerate() {
                for (hazard, kind) in [(accident, UseKind::Accidental), (false_warning, UseKind::Inadvertent)] {
                    if hazard > 0.0 && chance(rng, hazard) {
                        pos.used(i, kind, NUCLEAR_USE_RUNG);
                        self.nuclear_initiator = Some(i as u8);
                        self.holds = 0;
                        break 'sides;
                    }
                }
            }
        } else if pos.nuclear == 0 && pos.conventional >= WAR_RUNG && slide > 0.0 && chance(rng, slide) {
            pos.nuclear = ALERT_RUNG;
            self.holds = 0;
        }
        self.max = (self.max.0.max(pos.rung()), self.max.1.max(pos.conventional), self.max.2.max(pos.nuclear));
        if pos.nuclear >= TOP_RUNG {
            self.ending = Some(Ending::GeneralWar);
            return false;
        }
        if self.holds >= stalemate || self.moves >= moves {
            self.ending = Some(Ending::Stalemate);
            return false;
        }
        self.mover = 1 - self.mover;
        true
    }

    /// The record of the crisis (once it has ended).
    fn outcome(&self) -> CrisisOutcome {
        let accidental = self
            .nuclear_initiator
            .and_then(|i| self.pos.uses[usize::from(i)])
            .is_some_and(|u: SideUse| u.kind == UseKind::Accidental);
        CrisisOutcome {
            max_rung: self.max.0,
            max_conventional: self.max.1,
            max_nuclear: self.max.2,
            challenger: self.challenger,
            ending: self.ending.unwrap_or(Ending::Stalemate),
            accidental,
            war_initiator: self.war_initiator,
            nuclear_initiator: self.nuclear_initiator,
            uses: self.pos.uses,
        }
    }
}

/// Levels of the splitting estimate: the highest conventional level above the crisis rung
/// (1 clashes, 2 limited war, 3 major war).
impl stats::splitting::Splittable for Game<'_, '_> {
    fn level(&self) -> usize {
        usize::from(self.max.1.saturating_sub(1))
    }
    fn step(&mut self, rng: &mut ChaCha8Rng) -> bool {
        self.advance(rng)
    }
}

/// Plays one crisis of dyad `k`.
pub fn play(w: &World, k: usize, rng: &mut ChaCha8Rng) -> CrisisOutcome {
    let setting = Setting::new(w, k);
    let mut game = setting.start(rng);
    while game.advance(rng) {}
    game.outcome()
}

/// The probability that a crisis of dyad `k`, breaking out in the world as it stands, reaches
/// major war (conventional level 4), estimated by fixed-effort multilevel splitting
/// (`stats::splitting`) with `particles` copies per level, through the levels clashes, limited
/// war and major war. Draws only from `rng`.
pub fn major_war_probability(w: &World, k: usize, particles: usize, rng: &mut ChaCha8Rng) -> f64 {
    let setting = Setting::new(w, k);
    let target = usize::from(MAJOR_WAR_RUNG - 1);
    stats::splitting::fixed_effort(|r| setting.start(r), target, particles, rng).probability
}

/// The random stream of the `serial`-th splitting estimate of run `(master_seed, run_index)`:
/// the master seed's key, on a stream with the top bit set (the runs' own streams are their
/// indices, far below it), so an estimate never draws from, or moves, the run's own stream.
pub fn splitting_rng(master_seed: u64, run_index: u64, serial: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(master_seed);
    rng.set_stream((1 << 63) | ((run_index & 0x7F_FFFF_FFFF) << 24) | (serial & 0xFF_FFFF));
    rng
}

/// The crisis's contribution to the run's expected major wars between armed states: with
/// splitting on, the estimated probability that a crisis in this world reaches major war (a
/// conditional Monte Carlo estimate, unbiased for the expected count); otherwise whether this
/// crisis did.
fn major_war_risk(w: &mut World, k: usize, outcome: &CrisisOutcome) -> f64 {
    if w.major_war_particles == 0 {
        return if outcome.max_conventional >= MAJOR_WAR_RUNG { 1.0 } else { 0.0 };
    }
    let (seed, run) = w.splitting_run;
    let mut rng = splitting_rng(seed, run, w.splitting_serial);
    w.splitting_serial += 1;
    major_war_probability(w, k, w.major_war_particles as usize, &mut rng)
}

/// Runs onset, escalation and outcomes for every dyad, in order, then the year's false alarms.
pub fn step(w: &mut World, rng: &mut ChaCha8Rng) {
    for k in 0..w.dyads.len() {
        w.dyads[k].crisis = None;
        let exposure = onset_exposure(w, k);
        w.dyads[k].onset_exposure = exposure;
        let crisis = chance(rng, 1.0 - (-w.params.crisis_base_rate * exposure).exp());
        w.dyads[k].last_share = Some(capability_share(w, k));
        if !crisis {
            continue;
        }
        let outcome = play(w, k, rng);
        let (a, b) = (w.dyads[k].a, w.dyads[k].b);
        if w.actors[a].is_armed() && w.actors[b].is_armed() {
            w.tally.major_war_risk_between_nuclear += major_war_risk(w, k, &outcome);
        }
        w.dyads[k].crisis = Some(outcome);
        record(w, k, outcome);
    }
    false_alarms(w, rng);
}

/// Whether state `i` stood on alert this year: in a crisis that reached the alert rung.
pub fn on_alert(w: &World, i: usize) -> bool {
    w.dyads_of(i).iter().any(|&k| w.dyads[k].crisis.is_some_and(|c| c.max_nuclear >= ALERT_RUNG))
}

/// Yearly probability of at least one serious false warning of attack for state `i`:
/// `1 − exp(−false_alarm_rate × (1 − C2) × alert)`, with alert `false_alarm_alert_multiplier`
/// in a year the state stood on alert ([`on_alert`]), else 1; 0 without weapons.
pub fn false_alarm_probability(w: &World, i: usize) -> f64 {
    let a = &w.actors[i];
    if !a.is_armed() {
        return 0.0;
    }
    let p = &w.params;
    let alert = if on_alert(w, i) { p.false_alarm_alert_multiplier } else { 1.0 };
    1.0 - (-p.false_alarm_rate * (1.0 - a.c2).max(0.0) * alert).exp()
}

/// Process 7b: each armed state, in order, may have a false alarm this year (one draw each).
/// These alarms lead to no use: the crisis's false-warning hazard is where a warning taken for
/// an attack leads to use ([`UseKind::Inadvertent`]).
pub fn false_alarms(w: &mut World, rng: &mut ChaCha8Rng) {
    for i in 0..w.actors.len() {
        if !w.actors[i].is_armed() {
            continue;
        }
        let p = false_alarm_probability(w, i);
        if p > 0.0 && chance(rng, p) {
            w.tally.false_alarms += 1;
            let on_alert = on_alert(w, i);
            w.record(EventKind::FalseAlarm { on_alert, led_to_use: false }, Some(i), None);
        }
    }
}

/// Shares of value destroyed (summed over both sides) by the crisis's nuclear use: limited
/// use costs the target `limited_use_damage`; general war is the exchange the first user
/// started, whoever took it to the top rung: the first user suffers what the other side's
/// surviving forces deliver, the other side what the first user's strike does (from the
/// exchange calculus, or every weapon arriving when the other side has none).
fn nuclear_damage(w: &World, k: usize, o: CrisisOutcome) -> f64 {
    let d = &w.dyads[k];
    let init = o.nuclear_initiator.unwrap_or(0);
    let (user, target) = if init == 0 { (d.a, d.b) } else { (d.b, d.a) };
    if o.max_nuclear < TOP_RUNG {
        return w.params.limited_use_damage;
    }
    match &d.stability {
        Some(s) => {
            let strike = if init == 0 { &s.a_strikes } else { &s.b_strikes };
            strike.stop.striker_damage + strike.stop.victim_damage
        }
        None => w.full_strike_damage(user, target),
    }
}

/// Deaths from the crisis's nuclear use (casualties model, [`crate::casualties`]). Limited
/// use: each side that used fires `limited_use_warheads` on the other's forces
/// (counterforce). General war: the exchange the first user started, as in
/// [`nuclear_damage`]: the victim suffers the striker's counterforce warheads (counterforce)
/// and the warheads that destroy its share of value (countervalue, the inverse of the damage
/// curve), the striker the victim's retaliation (countervalue).
fn nuclear_deaths(w: &World, k: usize, o: CrisisOutcome) -> f64 {
    let p = &w.params;
    let d = &w.dyads[k];
    let init = usize::from(o.nuclear_initiator.unwrap_or(0));
    let sides = [d.a, d.b];
    let emt = |i: usize| casualties::mean_equivalent_mt(&w.actors[i].state);
    if o.max_nuclear < TOP_RUNG {
        let mut deaths = 0.0;
        let nobody = o.uses.iter().all(Option::is_none);
        for (side, &user) in sides.iter().enumerate() {
            if o.uses[side].is_some() || (side == init && nobody) {
                deaths += casualties::nuclear_deaths(p, p.limited_use_warheads, emt(user), TargetClass::Counterforce);
            }
        }
        return deaths;
    }
    let (user, target) = (sides[init], sides[1 - init]);
    let w80 = |i: usize| w.actors[i].state.w80_warheads.map_or(f64::NAN, |e| e.best);
    let full = |from: usize, on: usize| {
        let side = Side::from_state(&w.actors[from].state, Alert::Generated, d.distance_km, &w.exchange, Bound::Best);
        side.arriving_if_all_launched(w.actors[on].state.incoming_penetration_fraction.map_or(1.0, |e| e.best))
    };
    match &d.stability {
        Some(s) => {
            let strike = if init == 0 { &s.a_strikes } else { &s.b_strikes };
            let on_value = casualties::arriving_for_damage(strike.stop.victim_damage, w80(target), full(user, target));
            let on_forces = strike.stop.spent;
            let retaliation =
                casualties::arriving_for_damage(strike.stop.striker_damage, w80(user), strike.arriving_warheads);
            casualties::nuclear_deaths(p, on_value, emt(user), TargetClass::Countervalue)
                + casualties::nuclear_deaths(p, on_forces, emt(user), TargetClass::Counterforce)
                + casualties::nuclear_deaths(p, retaliation, emt(target), TargetClass::Countervalue)
        }
        None => casualties::nuclear_deaths(p, full(user, target), emt(user), TargetClass::Countervalue),
    }
}

/// Process 7: counts the crisis's outcomes, signals the regime, triggers learning.
fn record(w: &mut World, k: usize, o: CrisisOutcome) {
    let (a, b) = (w.dyads[k].a, w.dyads[k].b);
    let both_armed = w.actors[a].is_armed() && w.actors[b].is_armed();
    w.tally.crises += 1;
    if both_armed {
        w.tally.crises_between_nuclear += 1;
        if o.max_conventional < crate::ladder::CLASHES_RUNG {
            w.tally.violence_free_crises_between_nuclear += 1;
        }
    }
    if o.max_conventional >= WAR_RUNG {
        w.tally.wars += 1;
        w.tally.battle_deaths += casualties::battle_deaths(&w.params, o.max_conventional);
        if both_armed {
            w.tally.wars_between_nuclear += 1;
        }
        if o.max_conventional >= MAJOR_WAR_RUNG && both_armed {
            w.tally.major_wars_between_nuclear += 1;
        }
    } else if both_armed || w.actors[a].is_armed() != w.actors[b].is_armed() {
        w.tally.sub_war_crises_involving_nuclear += 1;
    }
    if o.max_nuclear >= ALERT_RUNG {
        w.tally.nuclear_alerts += 1;
    }
    if o.max_nuclear >= NUCLEAR_USE_RUNG {
        w.tally.nuclear_use += 1;
        w.signals.nuclear_uses += 1;
        match o.first_use() {
            Some(UseKind::Accidental) => w.tally.accidental_use += 1,
            Some(UseKind::Inadvertent) => w.tally.inadvertent_use += 1,
            _ => w.tally.deliberate_use += 1,
        }
        w.tally.nuclear_damage += nuclear_damage(w, k, o);
        w.tally.nuclear_deaths += nuclear_deaths(w, k, o);
        if both_armed {
            w.tally.nuclear_use_between_nuclear += 1;
        }
    }
    // Occupation or regime change: a state without weapons that backs down in a major war it
    // did not start.
    if o.max_conventional >= MAJOR_WAR_RUNG
        && let Some(init) = o.war_initiator
    {
        let loser_backed = matches!((init, o.ending), (0, Ending::SecondBackedDown) | (1, Ending::FirstBackedDown));
        let victim = if init == 0 { b } else { a };
        if loser_backed && !w.actors[victim].is_armed() {
            w.tally.occupations += 1;
            let attacker = if init == 0 { a } else { b };
            w.record(EventKind::Occupation, Some(attacker), Some(victim));
        }
    }
    // A false warning taken for an attack is a false alarm too: recorded before the crisis.
    for (side, (user, other)) in [(a, b), (b, a)].into_iter().enumerate() {
        if o.uses[side].is_some_and(|u| u.kind == UseKind::Inadvertent) {
            w.tally.false_alarms += 1;
            w.record(EventKind::FalseAlarm { on_alert: true, led_to_use: true }, Some(user), Some(other));
        }
    }
    let states = [w.code(a), w.code(b)];
    w.record(EventKind::Crisis(CrisisEvent::new(&o, states)), Some(a), Some(b));
    // Learning from outcomes: a state without weapons attacked; armed states left unattacked.
    if o.max_conventional >= WAR_RUNG
        && let Some(init) = o.war_initiator
    {
        let (attacker, victim) = if init == 0 { (a, b) } else { (b, a) };
        if !w.actors[victim].is_armed() && (w.actors[attacker].is_armed() || w.actors[attacker].conventional > 0.5) {
            effects::invasion(w, attacker, victim);
        }
    } else {
        for i in [a, b] {
            if w.actors[i].is_armed() {
                effects::nuclear_immunity(w, i);
            }
        }
    }
}
