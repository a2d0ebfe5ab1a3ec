//! Ensemble requests: parsing and validation (every problem names its field), the run, and the
//! summaries sent to the page.

use engine::params::{Params, SPECS};
use lab::overrides::{LEVER_DOCS, LEVERS};
use lab::{Kind, Override, Target};
use model::Lens;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::sync::atomic::AtomicBool;

/// Most runs in one ensemble.
pub const MAX_RUNS: u32 = 500;
/// Most years in one ensemble.
pub const MAX_YEARS: u32 = 100;
/// Bootstrap resamples of each interval.
const RESAMPLES: usize = 1000;

/// A problem with a request, naming the field.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestError {
    /// The field, e.g. `levers.norm_strength`.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

fn bad(field: &str, message: impl Into<String>) -> RequestError {
    RequestError { field: Some(field.to_owned()), message: format!("{field}: {}", message.into()) }
}

/// A validated ensemble request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    /// Built-in scenario name.
    pub scenario: String,
    /// Years to simulate.
    pub years: u32,
    /// Replications.
    pub runs: u32,
    /// Master seed.
    pub seed: u64,
    /// Starting regime levers (JSON name, value).
    pub levers: Vec<(String, f64)>,
    /// Parameter overrides (name, value), including `prudence_base` and `accident_hazard`.
    pub parameters: Vec<(String, f64)>,
    /// Scenario inputs set by path (`states.USA.forces.ssbn.generated_survivable_fraction`).
    pub inputs: Vec<(String, f64)>,
    /// Lenses (empty: the scenario's).
    pub lenses: Vec<String>,
}

impl Request {
    /// The run request these settings describe (checked when the request was parsed).
    pub fn run_request(&self) -> Result<lab::RunRequest, RequestError> {
        let mut overrides = Vec::new();
        for (kind, field, pairs) in [
            (Kind::Lever, "levers", &self.levers),
            (Kind::Parameter, "parameters", &self.parameters),
            (Kind::Input, "inputs", &self.inputs),
        ] {
            for (name, v) in pairs {
                overrides.push(override_of(kind, field, name, *v)?);
            }
        }
        Ok(lab::RunRequest {
            years: Some(self.years),
            regime: None,
            lenses: (!self.lenses.is_empty()).then(|| self.lenses.iter().filter_map(|n| lens(n)).collect()),
            overrides,
            major_war_particles: 0,
        })
    }
}

/// One override, its errors naming the request field (`levers.norm_strength`).
fn override_of(kind: Kind, field: &str, name: &str, value: f64) -> Result<Override, RequestError> {
    let at = if field.is_empty() { name.to_owned() } else { format!("{field}.{name}") };
    let target = Target::parse(kind, name).map_err(|e| {
        let hint = match kind {
            Kind::Parameter => "unknown parameter (see /api/params)".to_owned(),
            _ => e.message.clone(),
        };
        bad(&at, hint)
    })?;
    Override::new(target, value).map_err(|e| bad(&at, e.message))
}

/// Parses and validates a JSON request body.
///
/// A leading UTF-8 byte order mark is ignored (RFC 8259 §8.1 allows a parser to). A body that is
/// not JSON is an error giving the line and column, naming no field; `null` is never a value (a
/// field left out takes its default, a field set to `null` is an error naming it); numbers get
/// the domains the command line gives them (`lab::Override`, `engine::params::check`).
pub fn parse_request(body: &[u8]) -> Result<Request, RequestError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(body);
    let value: Value = serde_json::from_slice(body).map_err(|e| json_error(body, &e))?;
    let Value::Object(map) = value else {
        return Err(RequestError { field: None, message: "the request must be a JSON object".into() });
    };
    const KNOWN: [&str; 10] = [
        "scenario",
        "years",
        "runs",
        "seed",
        "levers",
        "prudence_base",
        "accident_hazard",
        "parameters",
        "inputs",
        "lenses",
    ];
    if let Some(k) = map.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(bad(k, format!("unknown field; known fields: {}", KNOWN.join(", "))));
    }
    if let Some(k) = map.iter().find_map(|(k, v)| v.is_null().then_some(k)) {
        return Err(null_error(k));
    }
    let scenario = match map.get("scenario") {
        None => model::builtin::DEFAULT.to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(bad("scenario", "expected a scenario name (a string)")),
    };
    if model::builtin::get(&scenario).is_none() {
        let names: Vec<&str> = model::builtin::BUILTINS.iter().map(|b| b.name).collect();
        return Err(bad("scenario", format!("unknown scenario `{scenario}`; built-in: {}", names.join(", "))));
    }
    let years = integer(&map, "years", 1, u64::from(MAX_YEARS))?.map_or(20, |v| v as u32);
    let runs = integer(&map, "runs", 1, u64::from(MAX_RUNS))?.map_or(20, |v| v as u32);
    let seed = integer(&map, "seed", 0, u64::MAX)?.unwrap_or(1);
    let levers = pairs(&map, "levers", Kind::Lever)?;
    let mut parameters = Vec::new();
    for name in ["prudence_base", "accident_hazard"] {
        if let Some(v) = number(map.get(name), name)? {
            override_of(Kind::Parameter, "", name, v)?;
            parameters.push((name.to_owned(), v));
        }
    }
    parameters.extend(pairs(&map, "parameters", Kind::Parameter)?);
    let inputs = pairs(&map, "inputs", Kind::Input)?;
    let mut lenses = Vec::new();
    match map.get("lenses") {
        None => {}
        Some(Value::Array(items)) => {
            for item in items {
                let Some(name) = item.as_str() else {
                    return Err(bad("lenses", "expected lens names (strings)"));
                };
                if lens(name).is_none() {
                    let names: Vec<&str> = Lens::ALL.iter().map(|l| l.as_str()).collect();
                    return Err(bad("lenses", format!("unknown lens `{name}`; lenses: {}", names.join(", "))));
                }
                lenses.push(name.to_owned());
            }
        }
        Some(_) => return Err(bad("lenses", "expected an array of lens names")),
    }
    let request = Request { scenario, years, runs, seed, levers, parameters, inputs, lenses };
    if !request.inputs.is_empty() {
        // Inputs are checked against the scenario: a path that picks nothing or a value outside
        // the field's range is an error naming the field before anything runs.
        let loaded = load(&request.scenario)?;
        request.run_request()?.resolve(&loaded.scenario).map_err(|e| match e {
            lab::RequestError::Input(i) => bad(&format!("inputs.{}", i.path), i.message),
            other => bad("inputs", other.to_string()),
        })?;
    }
    Ok(request)
}

/// The `(name, value)` pairs of an object field (`levers`, `parameters`, `inputs`), each checked.
fn pairs(map: &Map<String, Value>, field: &str, kind: Kind) -> Result<Vec<(String, f64)>, RequestError> {
    match map.get(field) {
        None => Ok(Vec::new()),
        Some(Value::Object(o)) => {
            let mut out = Vec::new();
            for (name, v) in o {
                let at = format!("{field}.{name}");
                let Some(v) = number(Some(v), &at)? else { continue };
                override_of(kind, field, name, v)?;
                out.push((name.clone(), v));
            }
            Ok(out)
        }
        Some(_) => Err(bad(field, format!("expected an object of {field} values"))),
    }
}

/// `field` set to `null`.
fn null_error(field: &str) -> RequestError {
    bad(field, "null is not a value here: leave the field out to take its default, or give a value")
}

/// A body that is not JSON: where (line and column, in bytes after a leading byte order mark),
/// and no field, since none could be read. `NaN` and `Infinity`, which are not JSON, and a byte
/// order mark past the start get a hint.
fn json_error(body: &[u8], e: &serde_json::Error) -> RequestError {
    let text = String::from_utf8_lossy(body);
    let line = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
    let rest = line.get(e.column().saturating_sub(1)..).unwrap_or("");
    let hint = if ["NaN", "Infinity", "-Infinity"].iter().any(|t| rest.starts_with(t)) {
        " (numbers must be finite: NaN and Infinity are not JSON)"
    } else if rest.starts_with('\u{feff}') {
        " (a byte order mark, U+FEFF, is allowed only at the very start of the body)"
    } else {
        ""
    };
    RequestError {
        field: None,
        message: format!(
            "the request body is not valid JSON at line {}, column {}: {}{hint}",
            e.line(),
            e.column(),
            reason(e)
        ),
    }
}

/// serde_json's message without its trailing ` at line L column C`.
fn reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

fn number(v: Option<&Value>, field: &str) -> Result<Option<f64>, RequestError> {
    match v {
        None => Ok(None),
        Some(Value::Null) => Err(null_error(field)),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(bad(field, "expected a finite number")),
        },
        Some(_) => Err(bad(field, "expected a finite number")),
    }
}

fn integer(map: &Map<String, Value>, field: &str, min: u64, max: u64) -> Result<Option<u64>, RequestError> {
    match map.get(field) {
        None => Ok(None),
        Some(Value::Null) => Err(null_error(field)),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(x) if (min..=max).contains(&x) => Ok(Some(x)),
            _ => Err(bad(field, format!("expected a whole number from {min} to {max}, got {n}"))),
        },
        Some(_) => Err(bad(field, format!("expected a whole number from {min} to {max}"))),
    }
}

fn lens(name: &str) -> Option<Lens> {
    Lens::ALL.into_iter().find(|l| l.as_str() == name)
}

fn load(name: &str) -> Result<lab::Loaded, RequestError> {
    lab::Loaded::builtin(name).map_err(|e| bad("scenario", e.0))
}

/// The built-in scenarios with their starting settings (for the page's defaults).
pub fn scenarios() -> Value {
    let list: Vec<Value> = model::builtin::BUILTINS
        .iter()
        .filter_map(|b| {
            let s = model::parse_scenario(b.text, b.path).ok()?;
            let r = engine::resolve(&s, &engine::RunOptions::default()).ok()?;
            let levers: Map<String, Value> =
                LEVERS.iter().map(|(n, l)| ((*n).to_owned(), json!(r.regime.lever(*l)))).collect();
            Some(json!({
                "name": b.name,
                "title": s.scenario.title,
                "start_year": r.start_year,
                "horizon": r.years.min(MAX_YEARS),
                "levers": levers,
                "prudence_base": r.params.get("prudence_base"),
                "accident_hazard": r.params.get("accident_hazard"),
                "lenses": r.lenses.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
                "parameters": parameter_values(&r.params),
            }))
        })
        .collect();
    let levers: Vec<Value> = LEVERS
        .iter()
        .zip(LEVER_DOCS)
        .map(|((name, _), doc)| json!({ "name": name, "label": name.replace('_', " "), "description": doc }))
        .collect();
    json!({
        "default": model::builtin::DEFAULT,
        "scenarios": list,
        "lenses": Lens::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        "levers": levers,
    })
}

/// The processes the parameters belong to: each group's title and the first parameter of it in
/// declaration order (`engine::params::SPECS` lists them process by process).
pub const GROUPS: [(&str, &str); 9] = [
    ("Regime dynamics", "norm_gain_per_enforcement"),
    ("Threat assessment", "threat_nuclear_weight"),
    ("Horizontal proliferation", "willingness_intercept"),
    ("Vertical proliferation and posture", "adequacy_target"),
    ("Crisis onset", "crisis_base_rate"),
    ("Crisis escalation", "choice_precision"),
    ("Casualties", "deaths_per_warhead_countervalue"),
    ("Crisis length", "max_rounds"),
    ("Learning", "learn_invasion"),
];

/// The process (a [`GROUPS`] title) parameter `name` belongs to, or `None` for an unknown name.
pub fn group_of(name: &str) -> Option<&'static str> {
    let index = SPECS.iter().position(|s| s.name == name)?;
    GROUPS
        .iter()
        .filter_map(|(title, first)| SPECS.iter().position(|s| s.name == *first).map(|i| (i, *title)))
        .filter(|(i, _)| *i <= index)
        .max_by_key(|(i, _)| *i)
        .map(|(_, title)| title)
}

/// The range `engine::params::check` accepts for parameter `name`: the least and the greatest
/// value (each at most [`engine::params::MAX_MAGNITUDE`] in magnitude).
pub fn range_of(name: &str) -> (f64, f64) {
    let big = engine::params::MAX_MAGNITUDE;
    let min = if engine::params::check(name, 0.0).is_err() {
        1.0
    } else if engine::params::check(name, -1.0).is_err() {
        0.0
    } else {
        -big
    };
    let max = if engine::params::check(name, 1.5).is_err() {
        1.0
    } else if engine::params::check(name, 1001.0).is_err() {
        1000.0
    } else {
        big
    };
    (min, max)
}

/// The unit of parameter `name`, read from its description and range: a share or probability,
/// a logit coefficient, a yearly rate or hazard, years, deaths, warheads, rounds, or a fraction
/// of a unit crisis stake; anything else is a multiplier or index without unit.
pub fn unit_of(name: &str) -> &'static str {
    let Some(spec) = SPECS.iter().find(|s| s.name == name) else { return "" };
    let doc = spec.doc.to_lowercase();
    let share = engine::params::check(name, 1.5).is_err();
    let rounds = !share && engine::params::check(name, 1001.0).is_err();
    if doc.contains("(logit") || doc.ends_with("(logit).") {
        "logit coefficient"
    } else if rounds {
        "rounds"
    } else if doc.starts_with("deaths per warhead") {
        "deaths per equivalent megaton"
    } else if doc.contains("battle deaths") {
        "battle deaths"
    } else if doc.contains("fraction of a unit stake") || doc.contains("fraction of the stake") {
        "fraction of a unit crisis stake"
    } else if share && (doc.starts_with("yearly") || doc.contains("per year")) {
        "probability per year"
    } else if share {
        "share or probability (0–1)"
    } else if doc.starts_with("yearly rate") {
        "rate per year"
    } else if doc.contains("years") {
        "years"
    } else if doc.contains("warheads") || doc.contains("aim points") {
        "warheads"
    } else {
        "multiplier or index (no unit)"
    }
}

/// Every parameter's value in `params`, by name.
fn parameter_values(params: &Params) -> Map<String, Value> {
    SPECS.iter().map(|s| (s.name.to_owned(), json!(params.get(s.name)))).collect()
}

/// The parameter values a scenario runs with under `lenses` (its own lenses when empty): the
/// defaults the page compares its inputs with after a lens is switched.
pub fn scenario_parameters(name: &str, lenses: &[String]) -> Result<Value, RequestError> {
    let loaded = load(name)?;
    let mut options = engine::RunOptions::default();
    if !lenses.is_empty() {
        let mut on = Vec::new();
        for l in lenses {
            on.push(lens(l).ok_or_else(|| bad("lenses", format!("unknown lens `{l}`")))?);
        }
        options.lenses = Some(on);
    }
    let r = engine::resolve(&loaded.scenario, &options).map_err(|e| bad("scenario", e.to_string()))?;
    Ok(json!({ "scenario": name, "parameters": parameter_values(&r.params) }))
}

/// Every named parameter with its default (before lenses), documentation, source, process
/// ([`group_of`]), unit ([`unit_of`]) and accepted range ([`range_of`]), and the processes in
/// order.
pub fn params() -> Value {
    let defaults = Params::default();
    let list: Vec<Value> = SPECS
        .iter()
        .map(|s| {
            let (min, max) = range_of(s.name);
            json!({
                "name": s.name,
                "default": defaults.get(s.name),
                "doc": s.doc,
                "source": s.source,
                "group": group_of(s.name),
                "unit": unit_of(s.name),
                "min": min,
                "max": max,
            })
        })
        .collect();
    let groups: Vec<&str> = GROUPS.iter().map(|(title, _)| *title).collect();
    json!({ "parameters": list, "groups": groups })
}

/// One run, reduced to what the page needs.
struct Reduced {
    armed: Vec<f64>,
    warheads: Vec<f64>,
    norm: Vec<f64>,
    crises: Vec<f64>,
    /// Whether nuclear use happened by the end of each year.
    used_by: Vec<bool>,
    summary: engine::observe::RunSummary,
    /// The run's dyad-years, reduced for the dyad view.
    dyads: crate::views::DyadRun,
    /// Each state's status class by year (`views::status_by_year`).
    status: Vec<Vec<u8>>,
}

/// A yearly fan: quantiles across runs.
#[derive(Debug, Clone, Serialize)]
pub struct Fan {
    /// 5 % quantile by year.
    pub q05: Vec<f64>,
    /// 25 % quantile.
    pub q25: Vec<f64>,
    /// Median.
    pub q50: Vec<f64>,
    /// 75 % quantile.
    pub q75: Vec<f64>,
    /// 95 % quantile.
    pub q95: Vec<f64>,
}

impl Fan {
    fn band(&self, x: &[f64]) -> html::chart::Band {
        html::chart::Band {
            x: x.to_vec(),
            q05: self.q05.clone(),
            q25: self.q25.clone(),
            q50: self.q50.clone(),
            q75: self.q75.clone(),
            q95: self.q95.clone(),
        }
    }
}

fn fan(runs: &[Reduced], pick: impl Fn(&Reduced) -> &Vec<f64>, years: usize) -> Fan {
    let mut f = Fan { q05: vec![], q25: vec![], q50: vec![], q75: vec![], q95: vec![] };
    for y in 0..years {
        let values: Vec<f64> = runs.iter().filter_map(|r| pick(r).get(y).copied()).collect();
        let s = stats::summarise(&values);
        f.q05.push(s.q05);
        f.q25.push(s.q25);
        f.q50.push(s.q50);
        f.q75.push(s.q75);
        f.q95.push(s.q95);
    }
    f
}

/// A posterior the server's ensembles draw their parameters from (`deterrence serve
/// --posterior`), with where it came from.
#[derive(Debug, Clone)]
pub struct ServedPosterior {
    /// The weighted particles.
    pub posterior: lab::Posterior,
    /// Its file and the hash of its text, shown with every result.
    pub source: experiment::draws::PosteriorSource,
}

/// Runs a validated request (blocking; parallel over runs with rayon, results in run order).
pub fn run(req: &Request) -> Result<EnsembleResult, RequestError> {
    run_with_progress(req, None, |_| {}, &AtomicBool::new(false))
}

/// How often progress is reported: every `max(1, runs / 50)` finished runs (and at the last).
pub fn progress_step(runs: u32) -> u32 {
    (runs / 50).max(1)
}

/// [`run`], calling `progress(done)` with an increasing count of finished runs every
/// [`progress_step`] runs and once all are done, and stopping early (an error) once `cancel` is
/// set. The result is the same as [`run`]'s.
pub fn run_with_progress(
    req: &Request,
    posterior: Option<&ServedPosterior>,
    progress: impl Fn(u32) + Sync,
    cancel: &AtomicBool,
) -> Result<EnsembleResult, RequestError> {
    let started = std::time::Instant::now();
    let loaded = load(&req.scenario)?;
    let request = req.run_request()?;
    // Run r takes the world of the posterior particle drawn for it (the draw of every other
    // command: `experiment::draws`), or every run the request's one world.
    let worlds = experiment::draws::Worlds::new(
        &loaded.scenario,
        &request,
        posterior.map(|p| &p.posterior),
        req.seed,
        u64::from(req.runs),
    )
    .map_err(|e| bad("parameters", e))?;
    let resolved = &worlds.resolved;
    let horizon = req.years as usize;
    let observe = |done: u64, _total: u64| progress(done as u32);
    let jobs = worlds.jobs();
    let mut runs = lab::Executor::new(req.seed)
        .observe(&observe)
        .every(u64::from(progress_step(req.runs)))
        .cancel_on(cancel)
        .run(&jobs, |i, out| {
            let mut used = false;
            let r = Reduced {
                armed: out.years.iter().map(|y| f64::from(y.nuclear_armed_states)).collect(),
                warheads: out.years.iter().map(|y| y.warheads_total).collect(),
                norm: out.years.iter().map(|y| y.norm_strength).collect(),
                crises: out.years.iter().map(|y| f64::from(y.crises)).collect(),
                used_by: out
                    .years
                    .iter()
                    .map(|y| {
                        used |= y.nuclear_use > 0;
                        used
                    })
                    .collect(),
                summary: out.summary.clone(),
                dyads: crate::views::DyadRun::new(&out.dyad_years, resolved.start_year, horizon),
                status: crate::views::status_by_year(
                    &loaded.scenario.states,
                    &out.events,
                    resolved.start_year,
                    horizon,
                ),
            };
            let last = out.years.last().map(|y| y.year);
            let dyads: Vec<_> = if i == 0 {
                out.dyad_years.into_iter().filter(|d| Some(d.year) == last && d.armed1 && d.armed2).collect()
            } else {
                Vec::new()
            };
            (r, dyads)
        })
        .map_err(|e| RequestError { field: None, message: e.to_string() })?;
    let first_dyads = runs.first_mut().map(|(_, d)| std::mem::take(d)).unwrap_or_default();
    let mut reduced: Vec<Reduced> = runs.into_iter().map(|(r, _)| r).collect();
    let n_years = reduced.first().map_or(0, |r| r.armed.len());
    let dyad_runs: Vec<crate::views::DyadRun> = reduced.iter_mut().map(|r| std::mem::take(&mut r.dyads)).collect();
    let status_runs: Vec<Vec<Vec<u8>>> = reduced.iter_mut().map(|r| std::mem::take(&mut r.status)).collect();
    let dyads = crate::views::dyad_views(&dyad_runs, n_years);
    drop(dyad_runs);
    let states = crate::views::status_views(&loaded.scenario.states, &status_runs, n_years);
    let years: Vec<i32> = (0..n_years as i32).map(|y| resolved.start_year + y).collect();
    let use_share: Vec<f64> = (0..n_years)
        .map(|y| {
            reduced.iter().filter(|r| r.used_by.get(y).copied().unwrap_or(false)).count() as f64 / reduced.len() as f64
        })
        .collect();
    // The bootstrap draws from its own stream of the master seed (past any run index used).
    let mut rng = engine::run::run_rng(req.seed, u64::MAX);
    let mut paradox = Vec::new();
    for (name, label) in MEASURES {
        let outcome = lab::Outcome::find(name).map_err(|e| RequestError { field: None, message: e.to_string() })?;
        let values: Vec<f64> = reduced.iter().map(|r| outcome.of(&r.summary)).collect();
        let s = stats::summarise(&values);
        let (lo, hi) = stats::bootstrap_mean_ci(&values, RESAMPLES, 0.95, &mut rng);
        paradox.push(Measure { name, label, mean: s.mean, lo, hi, n: s.n, missing: s.missing });
    }
    Ok(EnsembleResult {
        schema: lab::document::JSON_SCHEMA,
        tool: lab::provenance::TOOL,
        request: req.clone(),
        start_year: resolved.start_year,
        lenses: resolved.lenses.iter().map(|l| l.as_str()).collect(),
        years,
        fans: Fans {
            nuclear_armed_states: fan(&reduced, |r| &r.armed, n_years),
            warheads_total: fan(&reduced, |r| &r.warheads, n_years),
            norm_strength: fan(&reduced, |r| &r.norm, n_years),
            crises: fan(&reduced, |r| &r.crises, n_years),
        },
        nuclear_use_share: use_share,
        paradox,
        interval: format!("95 % percentile bootstrap of the mean over runs ({RESAMPLES} resamples)"),
        dyads_final_year_first_run: first_dyads,
        dyads,
        states,
        min_n: crate::views::MIN_N,
        elapsed_ms: started.elapsed().as_millis() as u64,
        posterior: posterior.map(|p| p.source.clone()),
    })
}

/// The paradox measures the page shows (catalogue outcomes) and what their mean over runs is
/// called.
pub const MEASURES: [(&str, &str); 4] = [
    ("share_mutually_vulnerable", "share of armed dyad-years mutually vulnerable"),
    ("mean_first_strike_stability", "mean first-strike stability index"),
    ("any_nuclear_use", "probability of any nuclear use"),
    ("war_hazard_nuclear_dyads", "war hazard per armed dyad-year"),
];

/// One paradox measure over the runs: its mean with a bootstrap interval.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    /// Outcome name (`deterrence outcomes`).
    pub name: &'static str,
    /// What the mean over runs is.
    pub label: &'static str,
    /// Mean over runs with the measure defined.
    pub mean: f64,
    /// Lower end of the interval.
    pub lo: f64,
    /// Upper end of the interval.
    pub hi: f64,
    /// Runs with the measure defined.
    pub n: usize,
    /// Runs where it is undefined.
    pub missing: usize,
}

/// The yearly fans of the page's four series.
#[derive(Debug, Clone, Serialize)]
pub struct Fans {
    /// Nuclear-armed states.
    pub nuclear_armed_states: Fan,
    /// Warheads, all states.
    pub warheads_total: Fan,
    /// Norm strength.
    pub norm_strength: Fan,
    /// Crises per year.
    pub crises: Fan,
}

/// An ensemble's result, as sent to the page (`POST /api/ensemble`) and rendered as an HTML
/// report (`POST /api/report`).
#[derive(Debug, Clone, Serialize)]
pub struct EnsembleResult {
    /// JSON schema version.
    pub schema: u32,
    /// Tool and version.
    pub tool: &'static str,
    /// The validated request.
    pub request: Request,
    /// First simulated year.
    pub start_year: i32,
    /// Lenses on.
    pub lenses: Vec<&'static str>,
    /// The simulated years.
    pub years: Vec<i32>,
    /// Yearly fans across runs.
    pub fans: Fans,
    /// Share of runs with nuclear use by the end of each year.
    pub nuclear_use_share: Vec<f64>,
    /// The paradox measures.
    pub paradox: Vec<Measure>,
    /// How the intervals were computed.
    pub interval: String,
    /// The final year's dyads of two armed states in run 0.
    pub dyads_final_year_first_run: Vec<engine::observe::DyadYearRecord>,
    /// Every rival pair's yearly series over the runs (the dyad view).
    pub dyads: Vec<crate::views::DyadView>,
    /// Every state's nuclear status by year over the runs (the world map).
    pub states: Vec<crate::views::StatusView>,
    /// Fewest runs for which a band or interval is shown.
    pub min_n: usize,
    /// Wall-clock time of the ensemble.
    pub elapsed_ms: u64,
    /// The posterior the runs drew their parameters from (`deterrence serve --posterior`):
    /// its file, the hash of its text, its particles and the parameters it sets; absent when
    /// every run used the request's values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posterior: Option<experiment::draws::PosteriorSource>,
}

/// The data sources of built-in scenario `name` (none for an unknown name).
fn scenario_sources(name: &str) -> Vec<html::page::Source> {
    let Ok(loaded) = load(name) else { return Vec::new() };
    loaded
        .scenario
        .sources
        .iter()
        .map(|s| html::page::Source {
            key: s.key.clone(),
            citation: s.citation.clone(),
            url: s.url.clone(),
            published: s.published.clone(),
        })
        .collect()
}

/// A self-contained HTML report of an ensemble result (`html::reports::explorer_report`).
pub fn report(result: &EnsembleResult) -> String {
    let req = &result.request;
    let x: Vec<f64> = result.years.iter().map(|&y| f64::from(y)).collect();
    let f = &result.fans;
    let fans = vec![
        ("Nuclear-armed states".to_owned(), "count".to_owned(), f.nuclear_armed_states.band(&x)),
        ("Warheads, all states".to_owned(), "count".to_owned(), f.warheads_total.band(&x)),
        ("Norm strength".to_owned(), "0–1".to_owned(), f.norm_strength.band(&x)),
        ("Crises per year".to_owned(), "count".to_owned(), f.crises.band(&x)),
    ];
    let mut settings = Vec::new();
    for (key, pairs) in [("levers", &req.levers), ("parameters", &req.parameters), ("inputs", &req.inputs)] {
        for (name, value) in pairs {
            settings.push((format!("{key}: {name}"), value.to_string()));
        }
    }
    if let Some(p) = &result.posterior {
        settings.push((
            "posterior".to_owned(),
            format!(
                "{} drawn by weight from {} ({} particles; FNV-1a {})",
                p.names.join(", "),
                p.origin,
                p.particles,
                p.hash
            ),
        ));
    }
    let input = html::reports::ExplorerInput {
        scenario: req.scenario.clone(),
        seed: req.seed,
        runs: req.runs,
        years: req.years,
        start_year: result.start_year,
        lenses: result.lenses.iter().map(|l| (*l).to_owned()).collect(),
        settings,
        settings_json: serde_json::to_string(req).unwrap_or_default(),
        tool: result.tool.to_owned(),
        x: x.clone(),
        fans,
        nuclear_use_share: result.nuclear_use_share.clone(),
        measures: result
            .paradox
            .iter()
            .map(|m| html::reports::MeasureRow { label: m.label.to_owned(), mean: m.mean, lo: m.lo, hi: m.hi, n: m.n })
            .collect(),
        interval: result.interval.clone(),
        sources: scenario_sources(&req.scenario),
    };
    html::reports::explorer_report(&input)
}

/// The per-year series the page draws, which [`page_json`] lightens: the fans, the share with
/// nuclear use, the pair view's bands and the map's counts.
pub const SERIES: [&str; 4] = ["fans", "nuclear_use_share", "dyads", "states"];

/// `x` to the precision the page shows, plus a digit: four significant digits below 1,000, one
/// decimal from 1,000 up (the page shows three significant digits, one decimal from 10, whole
/// numbers from 1,000). Zero, non-finite and tiny (below 10⁻²⁰⁰) values are left as they are.
pub fn shown(x: f64) -> f64 {
    let a = x.abs();
    if x == 0.0 || !x.is_finite() || a < 1e-200 {
        return x;
    }
    let decimals = if a >= 1000.0 { 1 } else { 3 - a.log10().floor() as i32 };
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// Every number of `v` through [`shown`], a whole result as an integer (`5`, not `5.0`), and an
/// array of `years` equal numbers or nulls as that one value.
fn lighten(v: &mut Value, years: usize) {
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = shown(n.as_f64().unwrap_or(f64::NAN));
            *v = if x.fract() == 0.0 && x.abs() < 9.0e15 { json!(x as i64) } else { json!(x) };
        }
        Value::Array(items) => {
            items.iter_mut().for_each(|item| lighten(item, years));
            let scalar = |x: &Value| x.is_number() || x.is_null();
            if items.len() == years && years > 1 && items.iter().all(scalar) && items.iter().all(|x| *x == items[0]) {
                *v = items[0].clone();
            }
        }
        Value::Object(map) => map.values_mut().for_each(|item| lighten(item, years)),
        _ => {}
    }
}

/// A result as the page receives it (`/api/ensemble`, `/api/ensemble/stream`): the numbers of
/// the series it draws ([`SERIES`]) rounded to [`shown`], and a series whose years all hold the
/// same value sent as that one value (the page expands it). For 20 runs × 50 years of
/// `world-2025` this is about a third of the full-precision size, and the page shows the same.
/// The request, the paradox measures, the armed-pairs table and everything else are exact.
pub fn page_json(result: &EnsembleResult) -> Value {
    let mut v = serde_json::to_value(result).unwrap_or(Value::Null);
    let years = result.years.len();
    if let Value::Object(map) = &mut v {
        for key in SERIES {
            if let Some(part) = map.get_mut(key) {
                lighten(part, years);
            }
        }
    }
    v
}
