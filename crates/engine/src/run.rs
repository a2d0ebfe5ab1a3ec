//! Running a scenario: resolving its settings (preset, lenses, parameter overrides, and the
//! speed settings that are run options rather than model parameters), deriving the run's random
//! stream, and stepping the world year by year.
//!
//! **Random streams.** A run draws every random number from one `ChaCha8Rng`, seeded with the
//! master seed (`seed_from_u64`) and set to stream `run_index` (`set_stream`). Streams are
//! independent, so a run's result depends only on (scenario, settings, seed, run index) — never
//! on thread count, shard or order. Within a run, processes draw in a fixed order (actors and
//! dyads by index).

use crate::levers::{Regime, preset};
use crate::observe::{DyadYearRecord, EventRecord, RunSummary, YearRecord, dyad_rows, summarise};
use crate::params::{Params, with_lenses};
use crate::schedule;
use crate::world::{DEFAULT_STABILITY_REFRESH_THRESHOLD, World};
use model::{FieldPath, Lens, RegimeLever, RegimePreset, Scenario};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What a user asked for on top of the scenario: model settings (years, regime, lenses,
/// parameter overrides, levers) and speed settings, which change how fast a run goes but not
/// the model.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Years to simulate (default: the scenario's horizon, else 50).
    pub years: Option<u32>,
    /// Regime preset replacing the scenario's levers.
    pub regime: Option<RegimePreset>,
    /// Lenses replacing the scenario's.
    pub lenses: Option<Vec<Lens>>,
    /// Extra parameter overrides (after the scenario's).
    pub parameters: Vec<(String, f64)>,
    /// Starting values of regime levers (after any preset), each in [0, 1].
    pub levers: Vec<(RegimeLever, f64)>,
    /// Speed setting: relative change in either side's warheads or survivable warheads below
    /// which a dyad's exchange calculus is kept from an earlier year rather than recomputed
    /// (default [`DEFAULT_STABILITY_REFRESH_THRESHOLD`], 5 %; 0 recomputes every year, at about
    /// half the speed). Not a model parameter: scenarios cannot set it.
    pub stability_refresh_threshold: f64,
    /// Measurement setting: particles per level of the splitting estimate of each crisis's
    /// probability of major war between nuclear-armed states
    /// ([`crate::crisis::major_war_probability`]; 0, the default, counts the run's own major wars
    /// instead). The estimate draws from its own streams, so the run itself is unchanged; only
    /// the outcome `major_war_risk_nuclear_dyads` is measured more precisely.
    pub major_war_particles: u32,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            years: None,
            regime: None,
            lenses: None,
            parameters: Vec::new(),
            levers: Vec::new(),
            stability_refresh_threshold: DEFAULT_STABILITY_REFRESH_THRESHOLD,
            major_war_particles: 0,
        }
    }
}

/// The run options that are speed settings (earlier versions took them as model parameters):
/// naming one among the parameters is an error that points to the run option.
const SPEED_SETTINGS: [&str; 1] = ["stability_refresh_threshold"];

/// Sets parameter `name` of `params`, refusing a run option given as a parameter.
fn set_parameter(params: &mut Params, name: &str, value: f64) -> Result<(), String> {
    if SPEED_SETTINGS.contains(&name) {
        return Err(format!(
            "`{name}` is a run option (a speed setting), not a model parameter: it cannot be set \
             among the parameters; remove it here and set the run option instead (RunOptions::{name})"
        ));
    }
    params.set(name, value)
}

/// The settings a run actually used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolved {
    /// First year.
    pub start_year: i32,
    /// Years simulated.
    pub years: u32,
    /// Lenses on.
    pub lenses: Vec<Lens>,
    /// Regime preset, if one replaced the scenario's levers.
    pub regime_preset: Option<RegimePreset>,
    /// The regime's starting levers.
    pub regime: Regime,
    /// Every parameter value.
    pub params: Params,
    /// Speed setting: the run option [`RunOptions::stability_refresh_threshold`].
    pub stability_refresh_threshold: f64,
    /// Measurement setting: the run option [`RunOptions::major_war_particles`].
    #[serde(default)]
    pub major_war_particles: u32,
}

/// Settings [`resolve`] refuses: a parameter override that names no parameter or is out of its
/// domain, a run option given as a parameter, a lever or a run option out of range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct ParameterError {
    /// Where in the scenario (when it came from the file).
    pub path: Option<FieldPath>,
    /// What is wrong.
    pub message: String,
}

/// Resolves the settings of `scenario` under `options`.
pub fn resolve(scenario: &Scenario, options: &RunOptions) -> Result<Resolved, ParameterError> {
    let sim = scenario.simulation.as_ref();
    let start_year = sim.map(|s| s.start_year).unwrap_or_else(|| {
        scenario.scenario.as_of.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()).unwrap_or(2025)
    });
    let years = options.years.or(sim.map(|s| s.horizon_years)).unwrap_or(50);
    let mut lenses = options.lenses.clone().unwrap_or_else(|| sim.map(|s| s.lenses.clone()).unwrap_or_default());
    if lenses.is_empty() {
        lenses.push(Lens::Deterrence);
    }
    lenses.sort();
    lenses.dedup();
    let regime_preset = options.regime.or(sim.and_then(|s| s.regime_preset));
    let mut regime = match (regime_preset, &scenario.regime) {
        (Some(p), _) => preset(p),
        (None, Some(levers)) => Regime::from_levers(levers),
        (None, None) => preset(RegimePreset::Eroded),
    };
    for &(lever, value) in &options.levers {
        if !(0.0..=1.0).contains(&value) {
            return Err(ParameterError {
                path: None,
                message: format!("regime lever {lever:?} must be in [0, 1], got {value}"),
            });
        }
        regime.set(lever, value);
    }
    let mut params = with_lenses(Params::default(), &lenses);
    if let Some(sim) = sim {
        for (name, value) in &sim.parameters {
            set_parameter(&mut params, name, value.best).map_err(|message| ParameterError {
                path: Some(FieldPath::root().key("simulation").key("parameters").key(name)),
                message,
            })?;
        }
    }
    for (name, value) in &options.parameters {
        set_parameter(&mut params, name, *value).map_err(|message| ParameterError { path: None, message })?;
    }
    let threshold = options.stability_refresh_threshold;
    if !(threshold.is_finite() && threshold >= 0.0) {
        return Err(ParameterError {
            path: None,
            message: format!("run option `stability_refresh_threshold` needs a finite number >= 0, got {threshold}"),
        });
    }
    if options.major_war_particles > MAX_MAJOR_WAR_PARTICLES {
        return Err(ParameterError {
            path: None,
            message: format!(
                "run option `major_war_particles` must be at most {MAX_MAJOR_WAR_PARTICLES}, got {}",
                options.major_war_particles
            ),
        });
    }
    Ok(Resolved {
        start_year,
        years,
        lenses,
        regime_preset,
        regime,
        params,
        stability_refresh_threshold: threshold,
        major_war_particles: options.major_war_particles,
    })
}

/// Most particles per level [`RunOptions::major_war_particles`] accepts.
pub const MAX_MAJOR_WAR_PARTICLES: u32 = 100_000;

/// The random stream of run `run_index` under `master_seed`.
pub fn run_rng(master_seed: u64, run_index: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(master_seed);
    rng.set_stream(run_index);
    rng
}

/// Everything one run produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunOutput {
    /// One record per year.
    pub years: Vec<YearRecord>,
    /// One record per dyad and year.
    pub dyad_years: Vec<DyadYearRecord>,
    /// Every event.
    pub events: Vec<EventRecord>,
    /// Headline measures.
    pub summary: RunSummary,
}

/// Runs `scenario` with resolved settings from `(master_seed, run_index)`.
pub fn run(scenario: &Scenario, resolved: &Resolved, master_seed: u64, run_index: u64) -> RunOutput {
    Template::new(scenario, resolved).run(master_seed, run_index)
}

/// The world at its start, built once and copied for each run of an ensemble.
#[derive(Debug, Clone)]
pub struct Template {
    /// The starting world, shared read-only by the templates derived from it
    /// ([`Template::with_settings`]).
    world: Arc<World>,
    /// Settings each run's copy of `world` takes before it starts (a derived template), so a
    /// design point holds no world of its own.
    settings: Option<Arc<Settings>>,
    years: u32,
}

/// What [`Template::with_settings`] changes in a starting world.
#[derive(Debug)]
struct Settings {
    regime: Regime,
    params: Params,
    lenses: Vec<Lens>,
    stability_refresh_threshold: f64,
    major_war_particles: u32,
}

impl Template {
    /// Builds the starting world of `scenario` under `resolved` settings.
    pub fn new(scenario: &Scenario, resolved: &Resolved) -> Template {
        let mut world = World::new(
            scenario,
            resolved.start_year,
            resolved.years,
            resolved.regime,
            resolved.params.clone(),
            resolved.lenses.clone(),
        );
        world.stability_refresh_threshold = resolved.stability_refresh_threshold;
        world.major_war_particles = resolved.major_war_particles;
        world.update_stability();
        Template { world: Arc::new(world), settings: None, years: resolved.years }
    }

    /// The starting world of a run: a copy of the shared world with this template's settings.
    fn start(&self) -> World {
        let mut world = World::clone(&self.world);
        if let Some(s) = &self.settings {
            world.resettle(self.years, s.regime, s.params.clone(), s.lenses.clone());
            world.stability_refresh_threshold = s.stability_refresh_threshold;
            world.major_war_particles = s.major_war_particles;
            world.statuses_from_schedule = false;
        }
        world
    }

    /// The starting world of the same scenario under other `resolved` settings: equal to
    /// `Template::new(scenario, resolved)` for the `scenario` this template was built from, but
    /// sharing this one's world: each run copies it and changes what the settings change
    /// (regime, parameters, lenses, years, the refresh threshold). The actors, dyads and the
    /// dyads' kill matrices and exchange calculus depend on the scenario's forces only and are
    /// neither rebuilt nor copied per template: a design point over model parameters then
    /// costs about what a replication costs.
    /// Settings with another start year (another scenario) are built afresh from `scenario`.
    pub fn with_settings(&self, scenario: &Scenario, resolved: &Resolved) -> Template {
        if resolved.start_year != self.world.year {
            return Template::new(scenario, resolved);
        }
        let settings = Settings {
            regime: resolved.regime,
            params: resolved.params.clone(),
            lenses: resolved.lenses.clone(),
            stability_refresh_threshold: resolved.stability_refresh_threshold,
            major_war_particles: resolved.major_war_particles,
        };
        Template { world: Arc::clone(&self.world), settings: Some(Arc::new(settings)), years: resolved.years }
    }

    /// The same world with nuclear statuses that follow the scenario's `nuclear-status` events
    /// only ([`World::statuses_from_schedule`]): each year's willingness and its inputs are
    /// scored for every state without weapons, and no programme moves on its own. For
    /// replaying a recorded history of programmes, not for simulating one.
    pub fn with_statuses_from_schedule(self) -> Template {
        let mut world = self.start();
        world.statuses_from_schedule = true;
        Template { world: Arc::new(world), settings: None, years: self.years }
    }

    /// Runs from `(master_seed, run_index)`: the same result as [`run`].
    pub fn run(&self, master_seed: u64, run_index: u64) -> RunOutput {
        simulate(self.start(), self.years, master_seed, run_index, Keep::ALL, |_| {})
    }

    /// Runs from `(master_seed, run_index)` keeping only the records `keep` asks for: the year
    /// records and the summary are always there; dyad-year rows and events (with their readable
    /// details) are built only when kept. The run itself — every draw, every number — is that
    /// of [`Template::run`]; only what is copied out differs.
    pub fn run_keeping(&self, master_seed: u64, run_index: u64, keep: Keep) -> RunOutput {
        simulate(self.start(), self.years, master_seed, run_index, keep, |_| {})
    }

    /// Runs from `(master_seed, run_index)` like [`Template::run`], calling `observe` with the
    /// world at the end of each simulated year (after every process of the year, before the
    /// year moves on: [`World::year`] is the year just simulated, [`World::tally`] its record
    /// and [`World::events`] its events). The observer only reads the world and draws no
    /// random numbers, so the output is exactly that of [`Template::run`]; without an observer
    /// ([`Template::run`]) the loop is the same code with nothing called.
    pub fn run_observed<F: FnMut(&World)>(&self, master_seed: u64, run_index: u64, observe: F) -> RunOutput {
        simulate(self.start(), self.years, master_seed, run_index, Keep::ALL, observe)
    }

    /// [`Template::run_observed`] keeping only the records `keep` asks for
    /// ([`Template::run_keeping`]).
    pub fn run_observed_keeping<F: FnMut(&World)>(
        &self,
        master_seed: u64,
        run_index: u64,
        keep: Keep,
        observe: F,
    ) -> RunOutput {
        simulate(self.start(), self.years, master_seed, run_index, keep, observe)
    }
}

/// Which records of a run are copied out ([`Template::run_keeping`]); year records and the
/// summary always are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    /// One row per dyad and year.
    pub dyad_years: bool,
    /// Every event, with its readable detail.
    pub events: bool,
}

impl Keep {
    /// Every record.
    pub const ALL: Keep = Keep { dyad_years: true, events: true };
    /// Year records and the summary only (what experiments and the replay validation use).
    pub const YEARS: Keep = Keep { dyad_years: false, events: false };
}

fn simulate<F: FnMut(&World)>(
    mut world: World,
    years_to_run: u32,
    master_seed: u64,
    run_index: u64,
    keep: Keep,
    mut observe: F,
) -> RunOutput {
    let mut rng = run_rng(master_seed, run_index);
    world.splitting_run = (master_seed, run_index);
    let resolved_years = years_to_run;
    let mut years = Vec::with_capacity(resolved_years as usize);
    let mut dyad_years =
        Vec::with_capacity(if keep.dyad_years { resolved_years as usize * world.dyads.len() } else { 0 });
    let mut events = Vec::new();
    for _ in 0..resolved_years {
        schedule::step(&mut world, &mut rng);
        observe(&world);
        years.push(world.tally.clone());
        if keep.dyad_years {
            dyad_years.extend(dyad_rows(&world));
        }
        if keep.events {
            // Details are written only for events that are kept (`World::record` leaves them
            // empty: the processes only need the kinds).
            for e in &mut world.events {
                e.detail = e.kind.describe();
            }
            events.append(&mut world.events);
        }
        world.year += 1;
    }
    let summary = summarise(&years);
    RunOutput { years, dyad_years, events, summary }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeping_fewer_records_runs_the_same_run() {
        let scenario = test_world("");
        let resolved = resolve(&scenario, &RunOptions::default()).unwrap();
        let t = Template::new(&scenario, &resolved);
        for run in 0..8 {
            let all = t.run(3, run);
            let years = t.run_keeping(3, run, Keep::YEARS);
            // Compared as printed: a year without armed pairs has a NaN mean stability, which
            // equals nothing, not even itself.
            assert_eq!(format!("{:?}", (&all.years, &all.summary)), format!("{:?}", (&years.years, &years.summary)));
            assert!(years.dyad_years.is_empty() && years.events.is_empty());
            let events_only = t.run_keeping(3, run, Keep { dyad_years: false, events: true });
            assert_eq!(events_only.events, all.events, "details are written for kept events");
            assert!(all.events.iter().all(|e| e.detail == e.kind.describe()));
        }
    }

    fn test_world(extra_parameters: &str) -> Scenario {
        let text = include_str!("../tests/data/test-world.toml")
            .replace("horizon_years = 30", &format!("horizon_years = 30\n[simulation.parameters]\n{extra_parameters}"));
        model::parse_scenario(&text, "test-world.toml").unwrap()
    }

    #[test]
    fn a_template_with_other_settings_equals_one_built_afresh() {
        // Every scenario built in, and the test world; each parameter moved (new_arsenal_c2 and
        // new_state_production are the ones the starting world reads), levers, lenses, presets,
        // years and the refresh threshold.
        let mut scenarios: Vec<Scenario> =
            model::builtin::BUILTINS.iter().map(|b| model::parse_scenario(b.text, b.path).unwrap()).collect();
        scenarios.push(test_world(""));
        // Armed states without a stated production take the parameter's.
        let text = include_str!("../tests/data/test-world.toml").replace("production_warheads_per_year = 20", "");
        scenarios.push(model::parse_scenario(&text, "test-world.toml").unwrap());
        let mut settings: Vec<RunOptions> = vec![RunOptions::default()];
        for (k, spec) in crate::params::SPECS.iter().enumerate() {
            let mut value = spec.default * 1.25 + 0.01 * (k as f64 + 1.0);
            if crate::params::check(spec.name, value).is_err() {
                value = spec.default * 0.5;
            }
            settings.push(RunOptions {
                years: Some(7 + k as u32 % 20),
                parameters: vec![(spec.name.to_owned(), value)],
                ..RunOptions::default()
            });
        }
        settings.push(RunOptions {
            regime: Some(RegimePreset::Strong),
            lenses: Some(vec![Lens::Organisational, Lens::Deterrence]),
            levers: vec![(RegimeLever::Enforcement, 0.9)],
            stability_refresh_threshold: 0.0,
            ..RunOptions::default()
        });
        for s in &scenarios {
            let base = Template::new(s, &resolve(s, &RunOptions::default()).unwrap());
            for o in &settings {
                let Ok(r) = resolve(s, o) else { continue };
                let fresh = Template::new(s, &r);
                let derived = base.with_settings(s, &r);
                // The Debug text holds every field of the world, numbers to the last bit.
                assert_eq!(format!("{:?}", derived.start()), format!("{:?}", fresh.start()), "{}", s.scenario.name);
                assert_eq!(derived.years, fresh.years);
                // (Debug text again: a summary may hold NaN, which `==` never matches.)
                assert_eq!(format!("{:?}", derived.run(11, 2)), format!("{:?}", fresh.run(11, 2)));
            }
        }
    }

    #[test]
    fn an_observer_sees_every_year_and_changes_nothing() {
        let s = test_world("");
        let t = Template::new(&s, &resolve(&s, &RunOptions { years: Some(12), ..RunOptions::default() }).unwrap());
        let plain = t.run(5, 3);
        let mut seen = Vec::new();
        let observed = t.run_observed(5, 3, |w| {
            seen.push((w.year, w.tally.year, w.actors.iter().filter(|a| a.is_armed()).count() as u32))
        });
        assert_eq!(plain, observed);
        assert_eq!(seen.len(), 12);
        for ((year, tally_year, armed), y) in seen.iter().zip(&plain.years) {
            assert_eq!((*year, *tally_year, *armed), (y.year, y.year, y.nuclear_armed_states));
        }
    }

    #[test]
    fn the_refresh_threshold_is_a_run_option_recorded_with_the_settings() {
        let s = test_world("");
        let r = resolve(&s, &RunOptions::default()).unwrap();
        assert_eq!(r.stability_refresh_threshold, 0.05);
        let fresh = RunOptions { stability_refresh_threshold: 0.0, ..RunOptions::default() };
        let r0 = resolve(&s, &fresh).unwrap();
        assert_eq!(r0.stability_refresh_threshold, 0.0);
        assert_eq!(r0.params, r.params, "a speed setting changes no model parameter");
        assert_eq!(Template::new(&s, &r0).start().stability_refresh_threshold, 0.0);
        let bad = RunOptions { stability_refresh_threshold: -1.0, ..RunOptions::default() };
        assert!(resolve(&s, &bad).unwrap_err().message.contains("stability_refresh_threshold"));
    }

    #[test]
    fn the_refresh_threshold_among_the_parameters_is_refused_as_a_run_option() {
        let s = test_world("stability_refresh_threshold = 0.1");
        let e = resolve(&s, &RunOptions::default()).unwrap_err();
        assert_eq!(
            e.path,
            Some(FieldPath::root().key("simulation").key("parameters").key("stability_refresh_threshold"))
        );
        assert!(e.message.contains("`stability_refresh_threshold` is a run option"), "{}", e.message);
        let options =
            RunOptions { parameters: vec![("stability_refresh_threshold".into(), 0.1)], ..RunOptions::default() };
        let e = resolve(&test_world(""), &options).unwrap_err();
        assert_eq!(e.path, None);
        assert!(e.message.contains("is a run option"), "{}", e.message);
    }
}
