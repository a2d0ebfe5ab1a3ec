//! The simulated world — the state every process reads and writes: actors (states), dyads
//! (rival pairs) with their exchange calculus, alliances, treaties, the regime, and the records
//! of the current year; built from a scenario. The questions several processes ask of it (who
//! protects whom, second-strike adequacy, capability) are answered here. The yearly step that
//! runs the processes is [`crate::schedule`].

use crate::ladder::CrisisOutcome;
use crate::levers::Regime;
use crate::params::Params;
use crate::record::{EventKind, EventRecord, RegimeSignals, YearRecord};
use exchange::forces::Code;
use exchange::stability::{EvalScratch, PreparedDyad};
use exchange::{Alert, DyadStability, Side, StopSearch};
use model::{AllianceKind, Bound, Doctrine, Estimate, Lens, NptStatus, NuclearStatus, Scenario, State};
use std::sync::Arc;

/// The inputs of a state's willingness index in one year: what it sees, before the
/// parameters weigh it (scored by [`crate::proliferation::covariates`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Covariates {
    /// Threat from its most threatening rival ([`crate::threat`]), in [0, 1].
    pub threat: f64,
    /// Learned value of weapons, in [0, 1].
    pub value: f64,
    /// The regime's perceived inequity, in [0, 1].
    pub inequity: f64,
    /// Norm weakness, 1 − norm strength, in [0, 1].
    pub norm_weakness: f64,
    /// Expected cost of enforcement ([`crate::proliferation::expected_enforcement_cost`]).
    pub enforcement_cost: f64,
    /// Dependence on a nuclear-armed ally, the best credibility of a commitment to the state from
    /// an armed guarantor (`proliferation::ally_dependence`), in [0, 1].
    pub ally_dependence: f64,
    /// 1 in a year the state is a major power (`major_power_since`), else 0.
    pub major_power: f64,
    /// 1 in a year that follows a recent security shock to the state
    /// ([`crate::proliferation::shock`]), else 0.
    pub shock: f64,
}

/// One state and its dynamic variables.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The state's scenario record; forces and status are updated as the run goes.
    pub state: State,
    /// Nuclear status.
    pub status: NuclearStatus,
    /// Year the current status began.
    pub status_since: i32,
    /// Latency in [0, 1].
    pub latency: f64,
    /// Conventional power in [0, 1].
    pub conventional: f64,
    /// Command-and-control quality in [0, 1].
    pub c2: f64,
    /// Resolve in [0, 1].
    pub resolve: f64,
    /// Perceived value of nuclear weapons (belief), in [0, 1].
    pub value: f64,
    /// The initial value, toward which beliefs decay.
    pub value_baseline: f64,
    /// Most warheads added per year.
    pub production: f64,
    /// Threat faced this year (process 2).
    pub threat: f64,
    /// Willingness to proliferate this year, in (0, 1).
    pub willingness: f64,
    /// False alarms this year: warnings of attack that proved false, whether or not they led to
    /// use (process 7b and false warnings during crises); counted as they are recorded.
    pub false_alarms: u32,
    /// The inputs of this year's willingness ([`Covariates`]), scored
    /// for every state without weapons.
    pub willingness_inputs: Covariates,
    /// The year of the state's latest security shock (`proliferation::note_shocks`): an active
    /// rival's first weapons, or a crisis it backed down in after war or a nuclear alert; `None`
    /// before any.
    pub last_shock: Option<i32>,
    /// Whether the current programme has been detected.
    pub detected: bool,
    /// Whether the state is under sanctions for its programme.
    pub sanctioned: bool,
    /// Years spent in the current pursuit spell.
    pub pursuit_years: f64,
    /// Progress toward a first weapon, in baseline years of pursuit: each year of pursuit adds
    /// its speed ([`crate::params::pursuit_speed`]); a programme that stops without
    /// sanctions keeps it, one dismantled under sanctions loses it.
    pub pursuit_progress: f64,
    /// Whether the state has received sensitive nuclear assistance (an `assistance` event).
    pub assisted: bool,
    /// Total warheads last year (for the action–reaction process).
    pub warheads_last_year: f64,
    /// Cap on deployed warheads from a treaty in force this year.
    pub treaty_cap: Option<f64>,
    /// Warheads in reserve: taken off launchers by a treaty limit (arms control limited
    /// launchers and deployed warheads, not stockpiles), counted in the stockpile, redeployed
    /// before new production and retired at the fatigue rate ([`crate::arsenal`]).
    pub reserve: f64,
    /// Technology generations (`deploy` events, docs/model.md "Technology that changes").
    pub generations: Generations,
}

/// An actor's force elements in order of entry into service: `state.forces` holds first the
/// initial force (the scenario's elements, or the engine's at acquisition), then each element a
/// `deploy` event brought into service, in the order deployed.
#[derive(Debug, Clone, Default)]
pub struct Generations {
    /// Index in `state.forces` of the first deployed element; `None` before any deployment.
    pub first: Option<usize>,
    /// Systems being withdrawn, with the last year of their withdrawal.
    pub retiring: Vec<(String, i32)>,
    /// `deploy` events held until the state is armed.
    pub held: Vec<model::Event>,
    /// Counts deployments and years of withdrawal: a change tells the exchange calculus that the
    /// force's mix changed ([`World::update_stability`]).
    pub revision: u32,
}

impl Generations {
    /// The index of the first deployed element of forces of length `len`, if any is in them.
    pub fn start(&self, len: usize) -> Option<usize> {
        self.first.filter(|&k| k < len)
    }
}

impl Actor {
    /// Whether the state holds nuclear weapons.
    pub fn is_armed(&self) -> bool {
        self.status == NuclearStatus::Possessing
    }

    /// Whether the state has a programme under way.
    pub fn has_programme(&self) -> bool {
        matches!(self.status, NuclearStatus::Exploring | NuclearStatus::Pursuing)
    }

    /// The stockpile: warheads on launchers plus those in reserve.
    pub fn warheads(&self) -> f64 {
        self.deployed() + self.reserve
    }

    /// Warheads on launchers.
    pub fn deployed(&self) -> f64 {
        self.state.forces.iter().map(|f| f.launchers.best * f.warheads_per_launcher.best).sum()
    }
}

/// Default of the speed setting [`World::stability_refresh_threshold`]: a 5 % change in forces
/// moves adequacy by about 5 %.
pub const DEFAULT_STABILITY_REFRESH_THRESHOLD: f64 = 0.05;

/// A rival pair with its cached exchange calculus.
#[derive(Debug, Clone)]
pub struct Dyad {
    /// First state (index into the actors).
    pub a: usize,
    /// Second state.
    pub b: usize,
    /// Rivalry intensity.
    pub intensity: f64,
    /// Stakes.
    pub stakes: f64,
    /// Distance, km.
    pub distance_km: f64,
    /// Shared border.
    pub contiguous: bool,
    /// The generated-alert stability calculus this year (when either side is armed).
    pub stability: Option<DyadStability>,
    /// This year's crisis, if one broke out.
    pub crisis: Option<CrisisOutcome>,
    /// The first side's share of the pair's capability last year (for power shifts).
    pub last_share: Option<f64>,
    /// This year's crisis onset rate per unit of `crisis_base_rate`
    /// ([`crate::crisis::onset_exposure`]), set when the year's onset is drawn.
    pub onset_exposure: f64,
    /// Both sides' (warheads, survivable warheads) and force revisions when the calculus was
    /// last computed.
    computed_for: Option<([f64; 4], [u32; 2])>,
    prepared: Option<PreparedDyad>,
}

impl Dyad {
    /// Whether the rivalry is active: intensity above 0. A dormant dyad (a rivalry that has not
    /// started or has ended, docs/scenario.md `rivalry` events) has no crises, threat or
    /// preventive strikes, and is not counted among the year's nuclear dyads.
    pub fn is_active(&self) -> bool {
        self.intensity > 0.0
    }
}

/// A security commitment.
#[derive(Debug, Clone, Copy)]
pub struct Commitment {
    /// Guarantor.
    pub guarantor: usize,
    /// Protégé.
    pub protege: usize,
    /// Extended nuclear deterrence or a defence pact.
    pub kind: AllianceKind,
    /// Credibility in [0, 1].
    pub credibility: f64,
}

/// A bilateral arms-control treaty (a scheduled `treaty-cap` event): its limits apply to both
/// parties while it is in force ([`crate::arsenal`]).
#[derive(Debug, Clone)]
pub struct Treaty {
    /// The parties.
    pub parties: [usize; 2],
    /// First and last year in force.
    pub years: (i32, i32),
    /// Cap on each party's deployed warheads (infinite when the treaty sets none).
    pub cap: f64,
    /// Cap on each party's counted launchers, in the order of `parties` (infinite when none).
    pub launcher_caps: [f64; 2],
    /// Classes whose launchers count against `launcher_caps`.
    pub launcher_classes: Vec<model::DeliveryClass>,
    /// Cap on each party's MIRVed ballistic-missile launchers (infinite when none).
    pub mirv_cap: f64,
    /// Range band (km, both ends included) of the ground-launched missiles eliminated.
    pub banned_range_km: Option<[f64; 2]>,
    /// Last year of the elimination of the banned band.
    pub eliminate_by: i32,
}

/// Who is tied to whom: per actor, the dyads it belongs to and the commitments that protect it,
/// each as indices in increasing order. Events change dyads' intensities and commitments'
/// credibilities, never the states they join, so the lists are built once with the world and
/// shared by its copies; what the queries read through them (statuses, credibilities,
/// intensities) is read live.
#[derive(Debug)]
struct Ties {
    /// `dyads[i]`: the dyads with `i` as a side.
    dyads: Vec<Vec<usize>>,
    /// `protecting[i]`: the commitments with `i` as protégé.
    protecting: Vec<Vec<usize>>,
    /// The numbers of dyads and commitments the lists were built from.
    built_for: (usize, usize),
}

impl Ties {
    fn new(actors: usize, dyads: &[Dyad], commitments: &[Commitment]) -> Ties {
        let mut t = Ties {
            dyads: vec![Vec::new(); actors],
            protecting: vec![Vec::new(); actors],
            built_for: (dyads.len(), commitments.len()),
        };
        for (k, d) in dyads.iter().enumerate() {
            t.dyads[d.a].push(k);
            if d.b != d.a {
                t.dyads[d.b].push(k);
            }
        }
        for (k, c) in commitments.iter().enumerate() {
            t.protecting[c.protege].push(k);
        }
        t
    }
}

/// The whole simulated world.
#[derive(Debug, Clone)]
pub struct World {
    /// Current year.
    pub year: i32,
    /// Last simulated year.
    pub last_year: i32,
    /// The states.
    pub actors: Vec<Actor>,
    /// Rival pairs. Adding or removing one, or changing its states, needs [`World::reindex`].
    pub dyads: Vec<Dyad>,
    /// Alliances. Adding or removing one, or changing its states, needs [`World::reindex`].
    pub commitments: Vec<Commitment>,
    /// Treaties.
    pub treaties: Vec<Treaty>,
    /// The regime now.
    pub regime: Regime,
    /// The regime's baseline (preset or scenario levers).
    pub baseline: Regime,
    /// Mechanism parameters (lenses and overrides applied).
    pub params: Params,
    /// Lenses on.
    pub lenses: Vec<Lens>,
    /// The scenario's exchange settings.
    pub exchange: model::ExchangeSettings,
    /// Signals gathered during the year for next year's regime step.
    pub signals: RegimeSignals,
    /// This year's events. Their readable `detail` is written only when a run keeps its events
    /// (`run::Keep`); during the year use `kind.describe()`.
    pub events: Vec<EventRecord>,
    /// This year's counters.
    pub tally: YearRecord,
    /// Speed setting: relative change in either side's warheads or survivable warheads below
    /// which a dyad's exchange calculus is not recomputed ([`World::update_stability`]; 0
    /// recomputes every year). Set from the run options; not a model parameter.
    pub stability_refresh_threshold: f64,
    /// Whether nuclear statuses follow the scenario's `nuclear-status` events only: the
    /// proliferation process then scores every state's willingness and its inputs
    /// ([`Actor::willingness_inputs`]) but makes no transition, detection or preventive strike
    /// of its own. Used to replay the record's programme histories and estimate the
    /// willingness index from them (`history::willingness`); off in every ordinary run.
    pub statuses_from_schedule: bool,
    /// Particles per level of the splitting estimate of major war between armed states (the run
    /// option [`crate::RunOptions::major_war_particles`]; 0 off). Not a model parameter.
    pub major_war_particles: u32,
    /// The run's `(master seed, run index)`, from which each splitting estimate derives its own
    /// random stream ([`crate::crisis::splitting_rng`]).
    pub splitting_run: (u64, u64),
    /// Splitting estimates made so far in the run (each takes the next stream).
    pub splitting_serial: u64,
    scratch: EvalScratch,
    scheduled: Vec<model::Event>,
    ties: Arc<Ties>,
}

fn est(e: Option<Estimate>, default: f64) -> f64 {
    e.map_or(default, |e| e.best)
}

impl World {
    /// Builds the world of `scenario` at its start year with the given regime and parameters.
    pub fn new(
        scenario: &Scenario,
        start_year: i32,
        years: u32,
        regime: Regime,
        params: Params,
        lenses: Vec<Lens>,
    ) -> World {
        let actors: Vec<Actor> = scenario
            .states
            .iter()
            .map(|s| {
                let armed = s.nuclear_status == NuclearStatus::Possessing;
                let value = est(s.value_of_weapons, if armed { 0.8 } else { 0.1 });
                // The simulation needs the numbers, not the citations: dropping them keeps
                // per-run copies of the world small.
                let mut state = s.clone();
                state.sources = Vec::new();
                state.note = None;
                for f in &mut state.forces {
                    f.sources = Vec::new();
                    f.note = None;
                }
                let mut a = Actor {
                    state,
                    status: s.nuclear_status,
                    // An arsenal without a stated start is taken as long established.
                    status_since: s.status_since.unwrap_or(if armed { start_year - 100 } else { start_year }),
                    latency: est(s.latency, 0.1),
                    conventional: est(s.conventional_power, 0.05),
                    c2: start_c2(s, &params),
                    resolve: est(s.resolve, 0.5),
                    value,
                    value_baseline: value,
                    production: start_production(s, &params),
                    threat: 0.0,
                    willingness: 0.0,
                    willingness_inputs: Covariates::default(),
                    last_shock: None,
                    false_alarms: 0,
                    detected: false,
                    sanctioned: false,
                    pursuit_years: 0.0,
                    pursuit_progress: 0.0,
                    assisted: false,
                    warheads_last_year: 0.0,
                    treaty_cap: None,
                    reserve: 0.0,
                    generations: Generations::default(),
                };
                if a.has_programme() {
                    if a.status == NuclearStatus::Pursuing {
                        a.pursuit_years = f64::from((start_year - a.status_since).max(0));
                        // Years pursued before the run, at the pace of a programme that began with
                        // no latency (the latency the scenario gives is that programme's own).
                        a.pursuit_progress =
                            a.pursuit_years * crate::params::pursuit_speed(&params, 0.0, false, a.status_since);
                    }
                    // A programme the scenario dates is public knowledge: detected.
                    a.detected = s.status_since.is_some();
                }
                a.warheads_last_year = a.warheads();
                a
            })
            .collect();
        let idx = |code: &str| scenario.state_index(code).unwrap_or(0);
        let dyads = scenario
            .rivalries
            .iter()
            .map(|r| Dyad {
                a: idx(&r.pair[0]),
                b: idx(&r.pair[1]),
                intensity: r.intensity.best,
                stakes: est(r.stakes, 0.5),
                distance_km: r.distance_km.best,
                contiguous: r.contiguous.unwrap_or(false),
                stability: None,
                crisis: None,
                last_share: None,
                onset_exposure: 0.0,
                computed_for: None,
                prepared: None,
            })
            .collect::<Vec<_>>();
        let commitments = scenario
            .alliances
            .iter()
            .map(|a| Commitment {
                guarantor: idx(&a.guarantor),
                protege: idx(&a.protege),
                kind: a.kind,
                credibility: a.credibility.best,
            })
            .collect::<Vec<_>>();
        let ties = Arc::new(Ties::new(actors.len(), &dyads, &commitments));
        let mut scheduled: Vec<model::Event> = scenario.events.clone();
        scheduled.sort_by_key(|e| e.year); // stable: same-year events keep file order
        let treaties = scheduled
            .iter()
            .filter(|e| e.kind == model::EventKind::TreatyCap)
            .filter_map(|e| {
                let p = e.parties.as_ref()?;
                let classes = if e.launcher_classes.is_empty() {
                    model::DeliveryClass::ALL.iter().copied().filter(|c| c.is_strategic()).collect()
                } else {
                    e.launcher_classes.clone()
                };
                Some(Treaty {
                    parties: [idx(&p[0]), idx(&p[1])],
                    years: (e.year, e.until_year.unwrap_or(e.year)),
                    cap: e.deployed_cap_warheads.map_or(f64::INFINITY, |c| c.best),
                    launcher_caps: e.launcher_caps.map_or([f64::INFINITY; 2], |c| [c[0].best, c[1].best]),
                    launcher_classes: classes,
                    mirv_cap: e.mirv_cap.map_or(f64::INFINITY, |c| c.best),
                    banned_range_km: e.banned_range_km,
                    eliminate_by: e.eliminate_by.unwrap_or(e.year),
                })
            })
            .collect();
        World {
            year: start_year,
            last_year: start_year + years as i32 - 1,
            actors,
            dyads,
            commitments,
            treaties,
            regime,
            baseline: regime,
            params,
            lenses,
            exchange: scenario.exchange.clone(),
            signals: RegimeSignals::default(),
            events: Vec::new(),
            tally: YearRecord::default(),
            stability_refresh_threshold: DEFAULT_STABILITY_REFRESH_THRESHOLD,
            statuses_from_schedule: false,
            major_war_particles: 0,
            splitting_run: (0, 0),
            splitting_serial: 0,
            scratch: EvalScratch::default(),
            scheduled,
            ties,
        }
    }

    /// Gives a world at its start — built by [`World::new`] and not yet stepped — other
    /// settings: regime, parameters, lenses and years. What depends on them at the start (the
    /// default command-and-control quality and production of states the scenario leaves
    /// unstated) is derived again; forces, dyads and their exchange calculus depend on none of
    /// them and are kept. The result equals `World::new` with these settings (tested), without
    /// rebuilding the actors or the kill matrices.
    pub(crate) fn resettle(&mut self, years: u32, regime: Regime, params: Params, lenses: Vec<Lens>) {
        for a in &mut self.actors {
            a.c2 = start_c2(&a.state, &params);
            a.production = start_production(&a.state, &params);
        }
        self.last_year = self.year + years as i32 - 1;
        self.regime = regime;
        self.baseline = regime;
        self.params = params;
        self.lenses = lenses;
    }

    /// Rebuilds the per-actor lists of dyads and commitments ([`World::dyads_of`],
    /// [`World::commitments_to`]) after dyads or commitments were added, removed or given other
    /// states. [`World::new`] builds them; nothing in a run needs this.
    pub fn reindex(&mut self) {
        self.ties = Arc::new(Ties::new(self.actors.len(), &self.dyads, &self.commitments));
    }

    /// The indices of the dyads with `i` as a side, in increasing order.
    pub fn dyads_of(&self, i: usize) -> &[usize] {
        debug_assert_eq!(self.ties.built_for, (self.dyads.len(), self.commitments.len()), "World::reindex needed");
        &self.ties.dyads[i]
    }

    /// The commitments with `i` as protégé, in order.
    pub fn commitments_to(&self, i: usize) -> impl Iterator<Item = &Commitment> {
        debug_assert_eq!(self.ties.built_for, (self.dyads.len(), self.commitments.len()), "World::reindex needed");
        self.ties.protecting[i].iter().map(|&k| &self.commitments[k])
    }

    /// The index of the first dyad, in index order, between `x` and `y` (either way round).
    pub fn dyad_between(&self, x: usize, y: usize) -> Option<usize> {
        self.dyads_of(x).iter().copied().find(|&k| {
            let d = &self.dyads[k];
            (d.a, d.b) == (x, y) || (d.a, d.b) == (y, x)
        })
    }

    /// Whether a lens is on.
    pub fn lens(&self, lens: Lens) -> bool {
        self.lenses.contains(&lens) || (lens == Lens::Deterrence && self.lenses.is_empty())
    }

    /// Records an event of this year between `first` and `second` (indices into the actors).
    pub fn record(&mut self, kind: EventKind, first: Option<usize>, second: Option<usize>) {
        if let (EventKind::FalseAlarm { .. }, Some(i)) = (&kind, first) {
            self.actors[i].false_alarms += 1;
        }
        let state = |i: Option<usize>| i.map(|i| (self.actors[i].state.cow, self.code(i)));
        // The readable detail is written when the run keeps its events (`run::simulate`).
        let record =
            EventRecord { year: self.year, kind, first: state(first), second: state(second), detail: String::new() };
        self.events.push(record);
    }

    /// The ISO3 code of actor `i`.
    pub fn code(&self, i: usize) -> Code {
        Code::new(&self.actors[i].state.iso3)
    }

    /// The scheduled events of the current year.
    pub fn events_this_year(&self) -> Vec<model::Event> {
        self.scheduled.iter().filter(|e| e.year == self.year).cloned().collect()
    }

    /// Best credibility of nuclear guarantees protecting `i` from armed guarantors other than
    /// `except`.
    pub fn nuclear_cover(&self, i: usize, except: Option<usize>) -> f64 {
        self.commitments_to(i)
            .filter(|c| c.kind == AllianceKind::NuclearGuarantee && Some(c.guarantor) != except)
            .filter(|c| self.actors[c.guarantor].is_armed())
            .map(|c| c.credibility)
            .fold(0.0, f64::max)
    }

    /// The best credibility of any commitment to `i` from an armed guarantor other than
    /// `rival`: what deters a rival from attacking `i`.
    pub fn protection(&self, i: usize, rival: usize) -> f64 {
        self.commitments_to(i)
            .filter(|c| c.guarantor != rival && self.actors[c.guarantor].is_armed())
            .map(|c| c.credibility)
            .fold(0.0, f64::max)
    }

    /// How strongly great powers shield `i` from enforcement: the best credibility of any
    /// commitment to it from a nuclear-weapon state of the NPT (a permanent Security Council
    /// member with a veto).
    pub fn shield(&self, i: usize) -> f64 {
        self.commitments_to(i)
            .filter(|c| self.actors[c.guarantor].state.npt == NptStatus::NuclearWeaponState)
            .map(|c| c.credibility)
            .fold(0.0, f64::max)
    }

    /// Support `i` can expect from allies in a crisis with `rival`: the best credibility times
    /// the guarantor's conventional power.
    pub fn allied_support(&self, i: usize, rival: usize) -> f64 {
        self.commitments_to(i)
            .filter(|c| c.guarantor != rival)
            .map(|c| c.credibility * self.actors[c.guarantor].conventional)
            .fold(0.0, f64::max)
    }

    /// Recomputes the generated-alert exchange calculus of every dyad of two armed states whose
    /// forces moved by more than [`World::stability_refresh_threshold`] since it was last
    /// computed. (Against a side without weapons the calculus is trivial — no retaliation,
    /// nothing to strike — and the mechanisms use zero adequacy and damage directly.)
    pub fn update_stability(&mut self) {
        let withhold = self.exchange.withhold_fraction.best;
        for d in &mut self.dyads {
            let (a, b) = (&self.actors[d.a], &self.actors[d.b]);
            if !(a.is_armed() && b.is_armed()) {
                d.stability = None;
                d.prepared = None;
                d.computed_for = None;
                continue;
            }
            let key = [a.deployed(), survivable(a), b.deployed(), survivable(b)];
            let revisions = [a.generations.revision, b.generations.revision];
            let threshold = self.stability_refresh_threshold;
            // A deployment or a withdrawal changes the mix (yields, accuracy, MIRV, basing) even
            // when totals barely move: the calculus is then recomputed whatever the threshold.
            let unchanged = d.stability.is_some()
                && d.computed_for.is_some_and(|(old, rev)| {
                    rev == revisions && old.iter().zip(key).all(|(o, n)| (n - o).abs() <= threshold * o.abs().max(1.0))
                });
            if unchanged {
                continue;
            }
            d.computed_for = Some((key, revisions));
            let sa = Side::from_state(&a.state, Alert::Generated, d.distance_km, &self.exchange, Bound::Best);
            let sb = Side::from_state(&b.state, Alert::Generated, d.distance_km, &self.exchange, Bound::Best);
            let fresh = match &mut d.prepared {
                Some(p) => !p.refresh(&sa, &sb, withhold),
                None => true,
            };
            if fresh {
                // Hardness and yields come from validated scenarios, so preparation succeeds;
                // a failure leaves the dyad without a calculus this year rather than panicking.
                d.prepared = PreparedDyad::new_in(&sa, &sb, &self.exchange, withhold, &mut self.scratch).ok();
            }
            d.stability = d
                .prepared
                .as_ref()
                .map(|p| p.evaluate(&sa, &sb, Alert::Generated, StopSearch::Fast, &mut self.scratch));
        }
    }

    /// Second-strike adequacy of `victim` after `striker`'s best strike, from this year's
    /// calculus: 0 when the victim has no weapons or the pair is not a rivalry; against a
    /// striker without weapons (nothing to disarm the victim with), all the victim's reaching
    /// warheads retaliate.
    pub fn adequacy(&self, victim: usize, striker: usize) -> f64 {
        let Some(k) = self.dyad_between(striker, victim) else { return 0.0 };
        let d = &self.dyads[k];
        if let Some(s) = &d.stability {
            return if d.a == striker { s.a_strikes.adequacy } else { s.b_strikes.adequacy };
        }
        let (v, s) = (&self.actors[victim], &self.actors[striker]);
        if !v.is_armed() {
            return 0.0;
        }
        let side = Side::from_state(&v.state, Alert::Generated, d.distance_km, &self.exchange, Bound::Best);
        let penetration = s.state.incoming_penetration_fraction.map_or(1.0, |e| e.best);
        let d_striker = s.state.unacceptable_damage_warheads.map_or(f64::NAN, |e| e.best);
        side.arriving_if_all_launched(penetration) / d_striker
    }

    /// Capability of `i` for power shifts: conventional power plus, if armed, up to 0.5 for
    /// its arsenal (saturating at 1,000 warheads).
    pub fn capability(&self, i: usize) -> f64 {
        let a = &self.actors[i];
        a.conventional + if a.is_armed() { 0.5 * (a.warheads() / 1000.0).min(1.0) } else { 0.0 }
    }

    /// Share of `victim`'s value destroyed if `attacker` launched everything at it.
    pub fn full_strike_damage(&self, attacker: usize, victim: usize) -> f64 {
        let Some(d) = self.dyad_between(attacker, victim).map(|k| &self.dyads[k]) else { return 0.0 };
        let (a, v) = (&self.actors[attacker], &self.actors[victim]);
        let side = Side::from_state(&a.state, Alert::Generated, d.distance_km, &self.exchange, Bound::Best);
        let penetration = v.state.incoming_penetration_fraction.map_or(1.0, |e| e.best);
        let w80 = v.state.w80_warheads.map_or(f64::NAN, |e| e.best);
        exchange::stability::damage(side.arriving_if_all_launched(penetration), w80)
    }
}

/// Command-and-control quality of `s` at the start: the scenario's, else 0.8 for an arsenal and
/// the parameter `new_arsenal_c2` for a state without weapons.
fn start_c2(s: &State, params: &Params) -> f64 {
    let armed = s.nuclear_status == NuclearStatus::Possessing;
    est(s.command_control_quality, if armed { 0.8 } else { params.new_arsenal_c2 })
}

/// Warheads `s` adds per year at most, at the start: the scenario's, else the parameter
/// `new_state_production` for an arsenal and 0 for a state without weapons.
fn start_production(s: &State, params: &Params) -> f64 {
    let armed = s.nuclear_status == NuclearStatus::Possessing;
    est(s.production_warheads_per_year, if armed { params.new_state_production } else { 0.0 })
}

/// Warheads that survive in the generated posture, by element.
fn survivable(a: &Actor) -> f64 {
    a.state
        .forces
        .iter()
        .map(|f| f.launchers.best * f.warheads_per_launcher.best * f.generated_survivable_fraction.best)
        .sum()
}

/// Whether the doctrine allows first use.
pub fn allows_first_use(actor: &Actor) -> bool {
    actor.state.doctrine != Some(Doctrine::NoFirstUse)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(name: &str) -> World {
        let b = model::builtin::get(name).unwrap();
        let s = model::parse_scenario(b.text, b.path).unwrap();
        let r = crate::resolve(&s, &crate::RunOptions::default()).unwrap();
        World::new(&s, r.start_year, r.years, r.regime, r.params, r.lenses)
    }

    fn at(w: &World, code: &str) -> usize {
        w.actors.iter().position(|a| a.state.iso3 == code).unwrap()
    }

    #[test]
    fn ties_list_world_2025s_dyads_and_commitments_in_file_order() {
        let w = world("world-2025");
        // Rivalries 1, 2, 6 and 10 of the file name the United States; 1, 3, 11–13 and 20–22 Russia.
        assert_eq!(w.dyads_of(at(&w, "USA")), [0, 1, 5, 9]);
        assert_eq!(w.dyads_of(at(&w, "RUS")), [0, 2, 10, 11, 12, 19, 20, 21]);
        assert!(w.dyads_of(at(&w, "BRA")).is_empty());
        // Alliances 4, 10 and 12 of the file protect Germany (the US, the UK, France).
        let guarantors = |code: &str| w.commitments_to(at(&w, code)).map(|c| w.code(c.guarantor)).collect::<Vec<_>>();
        assert_eq!(guarantors("DEU"), [Code::new("USA"), Code::new("GBR"), Code::new("FRA")]);
        assert_eq!(guarantors("PRK"), [Code::new("RUS"), Code::new("CHN")]);
        assert_eq!(w.dyad_between(at(&w, "PAK"), at(&w, "IND")), Some(3));
        assert_eq!(w.dyad_between(at(&w, "IND"), at(&w, "USA")), None);
    }

    /// What each query read before the ties: a scan over every dyad or commitment.
    fn by_scan(w: &World, i: usize, j: usize) -> [f64; 6] {
        let to = |i: usize| w.commitments.iter().filter(move |c| c.protege == i);
        let max = |it: &mut dyn Iterator<Item = f64>| it.fold(0.0, f64::max);
        let adequacy =
            w.dyads.iter().find(|d| (d.a, d.b) == (j, i) || (d.a, d.b) == (i, j)).map_or(0.0, |d| match &d.stability {
                Some(s) if d.a == j => s.a_strikes.adequacy,
                Some(s) => s.b_strikes.adequacy,
                None if !w.actors[i].is_armed() => 0.0,
                None => {
                    let side =
                        Side::from_state(&w.actors[i].state, Alert::Generated, d.distance_km, &w.exchange, Bound::Best);
                    let s = &w.actors[j].state;
                    side.arriving_if_all_launched(s.incoming_penetration_fraction.map_or(1.0, |e| e.best))
                        / s.unacceptable_damage_warheads.map_or(f64::NAN, |e| e.best)
                }
            });
        let armed = |c: &&Commitment| w.actors[c.guarantor].is_armed();
        [
            adequacy,
            max(&mut to(i)
                .filter(|c| c.kind == AllianceKind::NuclearGuarantee && c.guarantor != j)
                .filter(armed)
                .map(|c| c.credibility)),
            max(&mut to(i).filter(|c| c.kind == AllianceKind::NuclearGuarantee).filter(armed).map(|c| c.credibility)),
            max(&mut to(i).filter(|c| c.guarantor != j).filter(armed).map(|c| c.credibility)),
            max(&mut to(i)
                .filter(|c| w.actors[c.guarantor].state.npt == NptStatus::NuclearWeaponState)
                .map(|c| c.credibility)),
            max(&mut to(i).filter(|c| c.guarantor != j).map(|c| c.credibility * w.actors[c.guarantor].conventional)),
        ]
    }

    fn by_ties(w: &World, i: usize, j: usize) -> [f64; 6] {
        [
            w.adequacy(i, j),
            w.nuclear_cover(i, Some(j)),
            w.nuclear_cover(i, None),
            w.protection(i, j),
            w.shield(i),
            w.allied_support(i, j),
        ]
    }

    #[test]
    fn queries_through_the_ties_equal_the_scans_as_statuses_and_credibilities_change() {
        for name in ["world-2025", "history-1945", "cascade", "korea", "south-asia"] {
            let mut w = world(name);
            let n = w.actors.len();
            // As built; with every state armed (mid-year, before any calculus: the fallback of
            // adequacy) and then with the calculus; with every other state disarmed and the
            // credibilities changed; then with commitments added and reindexed.
            for step in 0..5 {
                match step {
                    1 => w.actors.iter_mut().for_each(|a| a.status = NuclearStatus::Possessing),
                    2 => w.update_stability(),
                    3 => {
                        for k in (0..n).step_by(2) {
                            w.actors[k].status = NuclearStatus::Disarmed;
                        }
                        for (k, c) in w.commitments.iter_mut().enumerate() {
                            c.credibility = (k % 7) as f64 / 7.0;
                        }
                    }
                    4 => {
                        let more: Vec<_> =
                            w.commitments.iter().map(|c| Commitment { protege: (c.protege + 1) % n, ..*c }).collect();
                        w.commitments.extend(more);
                        w.reindex();
                    }
                    _ => {}
                }
                for i in 0..n {
                    let expected: Vec<usize> =
                        (0..w.dyads.len()).filter(|&k| w.dyads[k].a == i || w.dyads[k].b == i).collect();
                    assert_eq!(w.dyads_of(i), expected, "{name} {i}");
                    for j in 0..n {
                        let (a, b) = (by_ties(&w, i, j), by_scan(&w, i, j));
                        assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{name} step {step}: {i} {j}");
                    }
                }
            }
        }
    }
}
