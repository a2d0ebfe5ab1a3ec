//! `deterrence_lab._native`: the Python extension module of Deterrence Lab.
//!
//! A thin binding of the run layer (`lab`) and the libraries the command line calls: every
//! function here reads Python arguments into the same typed requests the CLI builds from its
//! flags (`lab::RunRequest`, `lab::Override`, an experiment `Spec`), makes the same one library
//! call, and returns what the CLI's exporters write — CSV text from `report::csv` and
//! `experiment::store`, JSON from `report::json` — which the Python package reads into
//! DataFrames. There is no model logic here. Bad input becomes `deterrence_lab.InputError` with
//! the lab's located message; long computations release the GIL.

use lab::{Kind, Override};
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::path::Path;

create_exception!(
    deterrence_lab,
    InputError,
    PyValueError,
    "Bad input: a scenario, spec, override, name or value the lab refuses. The message is the lab's own, located (file, line, field, what was expected), as the command line prints it."
);

/// An input error with `message`.
fn bad(message: impl Into<String>) -> PyErr {
    // Without the trailing line break, as the CLI prints it.
    InputError::new_err(message.into().trim_end().to_owned())
}

/// A scenario read and validated by the lab: built-in, from a file, or from TOML text.
#[pyclass(frozen, module = "deterrence_lab._native")]
pub struct Scenario {
    loaded: lab::Loaded,
}

#[pymethods]
impl Scenario {
    /// The scenario's name (`[scenario] name`).
    #[getter]
    fn name(&self) -> String {
        self.loaded.scenario.scenario.name.clone()
    }

    /// The scenario's title, if it has one.
    #[getter]
    fn title(&self) -> Option<String> {
        self.loaded.scenario.scenario.title.clone()
    }

    /// Where it came from: `built-in:scenarios/NAME.toml`, a file path, or `<text>`.
    #[getter]
    fn origin(&self) -> String {
        self.loaded.origin.clone()
    }

    /// The TOML text it was read from.
    #[getter]
    fn text(&self) -> String {
        self.loaded.text.clone()
    }

    /// The FNV-1a hash of the text, as manifests record it.
    #[getter]
    fn hash(&self) -> String {
        lab::hash::fnv1a_hex(&self.loaded.text)
    }

    /// ISO3 codes of the scenario's states, in file order.
    #[getter]
    fn states(&self) -> Vec<String> {
        self.loaded.scenario.states.iter().map(|s| s.iso3.clone()).collect()
    }

    /// Every uncertain input (`{ low, best, high }` in the file) as `(path, low, best, high)`,
    /// the list of `deterrence inputs SCENARIO`.
    fn inputs(&self) -> Vec<(String, f64, f64, f64)> {
        lab::inputs::uncertain_inputs(&self.loaded.scenario)
            .into_iter()
            .map(|(p, e)| (p.to_string(), e.low, e.best, e.high))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("Scenario({:?}, origin={:?})", self.loaded.scenario.scenario.name, self.loaded.origin)
    }
}

/// The ranges an experiment samples the scenario's uncertain inputs over (`inputs.uncertain` or
/// `inputs.uncertain:PREFIX` in a spec, `experiment::spec::Spec::expand`) as `(path, low,
/// high, best)`: each input's `[low, high]`, with the cuts that keep every sampled point valid (a
/// force element's generated survivable fraction at least its day-to-day one; an input left
/// without a range is not listed).
#[pyfunction]
#[pyo3(signature = (scenario, prefix = ""))]
fn input_ranges(scenario: &Scenario, prefix: &str) -> PyResult<Vec<(String, f64, f64, f64)>> {
    use experiment::spec::{Parameter, ParameterKind, UNCERTAIN_INPUTS};
    let loaded = &scenario.loaded;
    let mut spec = experiment::spec::ensemble_spec(&loaded.origin, &lab::RunRequest::default(), 1, 0);
    let name = if prefix.is_empty() { UNCERTAIN_INPUTS.to_owned() } else { format!("{UNCERTAIN_INPUTS}:{prefix}") };
    spec.parameters = vec![Parameter {
        name,
        kind: ParameterKind::Real,
        low: None,
        high: None,
        distribution: None,
        mode: None,
        values: Vec::new(),
    }];
    let expanded = spec
        .expand(&loaded.scenario)
        .map_err(|problems| bad(problems.into_iter().map(|(_, message)| message).collect::<Vec<_>>().join("; ")))?;
    let best: Vec<(String, f64)> =
        lab::inputs::uncertain_inputs(&loaded.scenario).into_iter().map(|(p, e)| (p.to_string(), e.best)).collect();
    Ok(expanded
        .parameters
        .into_iter()
        .filter_map(|p| {
            let b = best.iter().find(|(n, _)| *n == p.name).map(|(_, b)| *b)?;
            Some((p.name, p.low?, p.high?, b))
        })
        .collect())
}

/// The built-in scenarios as `(name, title, path)`, in the order `deterrence scenario list` lists
/// them.
#[pyfunction]
fn scenarios() -> PyResult<Vec<(String, Option<String>, String)>> {
    model::builtin::BUILTINS
        .iter()
        .map(|b| {
            let loaded = lab::Loaded::builtin(b.name).map_err(|e| bad(e.0))?;
            Ok((b.name.to_owned(), loaded.scenario.scenario.title, b.path.to_owned()))
        })
        .collect()
}

/// The default scenario's name (`world-2025`).
#[pyfunction]
fn default_scenario() -> &'static str {
    model::builtin::DEFAULT
}

/// Loads a scenario: a built-in name or a file path (as `deterrence run NAME_OR_PATH` reads
/// them), or, with `text=True`, TOML text whose errors are located at `origin`.
#[pyfunction]
#[pyo3(signature = (source, text = false, origin = None))]
fn load_scenario(source: &str, text: bool, origin: Option<String>) -> PyResult<Scenario> {
    let loaded = if text {
        lab::Loaded::from_text(source.to_owned(), origin.unwrap_or_else(|| "<text>".to_owned()))
    } else {
        lab::Loaded::load(source)
    };
    loaded.map(|loaded| Scenario { loaded }).map_err(|e| bad(e.0))
}

/// One override as given from Python: which argument it came from (`params`, `levers`, `set`,
/// or `values` for names of the experiment name space), the name or path, and the value.
type Given = (String, String, f64);

/// The run request Python's keyword arguments describe, checked as the CLI checks its flags;
/// errors name the argument (`params: unknown parameter …`).
fn request(
    years: Option<u32>,
    regime: Option<&str>,
    lenses: Option<Vec<String>>,
    overrides: Vec<Given>,
) -> PyResult<lab::RunRequest> {
    let regime = regime
        .map(|r| {
            experiment::spec::parse_preset(r)
                .ok_or_else(|| bad(format!("regime: unknown preset `{r}`; presets: strong, eroded, failed")))
        })
        .transpose()?;
    let lenses = lenses
        .map(|names| {
            names
                .iter()
                .map(|n| {
                    model::Lens::ALL.into_iter().find(|l| l.as_str() == n).ok_or_else(|| {
                        let known: Vec<&str> = model::Lens::ALL.iter().map(|l| l.as_str()).collect();
                        bad(format!("lenses: unknown lens `{n}`; lenses: {}", known.join(", ")))
                    })
                })
                .collect::<PyResult<Vec<_>>>()
        })
        .transpose()?
        .filter(|l| !l.is_empty());
    let mut out = Vec::with_capacity(overrides.len());
    for (arg, name, value) in overrides {
        let kind = match arg.as_str() {
            "params" => Kind::Parameter,
            "levers" => Kind::Lever,
            "set" => Kind::Input,
            _ => Kind::Any,
        };
        let target = lab::Target::parse(kind, &name).map_err(|e| bad(format!("{arg}: {e}")))?;
        out.push(Override::new(target, value).map_err(|e| bad(format!("{arg}: {e}")))?);
    }
    Ok(lab::RunRequest { years, regime, lenses, overrides: out, major_war_particles: 0 })
}

/// Prepares `request` on `loaded`, with the CLI's error mapping (`crates/cli/src/input.rs`):
/// the scenario's own settings located in its file, the rest naming the argument.
fn prepare(loaded: &lab::Loaded, request: &lab::RunRequest) -> PyResult<lab::Prepared> {
    request.prepare(&loaded.scenario).map_err(|e| prepare_error(loaded, e))
}

/// The Python error of a request that cannot be prepared.
fn prepare_error(loaded: &lab::Loaded, e: lab::RequestError) -> PyErr {
    match e {
        lab::RequestError::Scenario { path, message } => {
            let p = model::Locator::new(&loaded.text).problem_at_path(&path, message);
            bad(format!(
                "invalid scenario {}:\n  {}:{}:{}: field `{}`: {}",
                loaded.origin, loaded.origin, p.line, p.column, p.field, p.message
            ))
        }
        lab::RequestError::Years(y) => bad(format!("years: expected 1 to {}, got {y}", lab::request::MAX_YEARS)),
        lab::RequestError::Input(e) => bad(format!("set: {e}")),
        lab::RequestError::Override(e) => bad(format!("params: {e}")),
    }
}

/// Runs `f` on a rayon pool of `threads` threads, or on the global pool (every core) when
/// `threads` is `None`.
fn on_pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> PyResult<T> + Send) -> PyResult<T> {
    match threads {
        None => f(),
        Some(0) => Err(bad("threads: must be at least 1")),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?
            .install(f),
    }
}

/// A CSV header and rows as one text.
fn csv_text(header: &[String], rows: Vec<u8>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    let mut bytes = w.into_inner().unwrap_or_default();
    bytes.extend(rows);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// What [`run`] returns: the files as `(name, text)` and the outcomes as `(name, value)`.
type RunFiles = (Vec<(String, String)>, Vec<(&'static str, f64)>);

/// One run, as `deterrence run SCENARIO --seed SEED --out DIR` writes it: the files as
/// `(name, text)` pairs — `years`, `dyad_years`, `events` (the CSV files), `manifest`
/// (`manifest.json`) and, when `states` is true, `states` (the per-state yearly variables, as an
/// experiment's `states.csv` records them) — and the catalogue's outcomes of this run as
/// `(name, value)`, in catalogue order.
#[pyfunction]
#[pyo3(signature = (scenario, seed, years = None, regime = None, lenses = None, overrides = Vec::new(), states = true))]
#[allow(clippy::too_many_arguments)]
fn run(
    py: Python<'_>,
    scenario: &Scenario,
    seed: u64,
    years: Option<u32>,
    regime: Option<&str>,
    lenses: Option<Vec<String>>,
    overrides: Vec<Given>,
    states: bool,
) -> PyResult<RunFiles> {
    let loaded = &scenario.loaded;
    let request = request(years, regime, lenses, overrides)?;
    py.detach(|| {
        let prepared = prepare(loaded, &request)?;
        let names: Vec<String> =
            if states { lab::series::STATE_SERIES.iter().map(|s| s.name.to_owned()).collect() } else { Vec::new() };
        let recorder = lab::Recorder::new(&[], &names).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        // The CLI's single run: run index 0 of `seed` (`Template::run(seed, 0)`), every record
        // kept. The state variables are read by an observer that draws nothing (as an
        // experiment's `[record] states` reads them), so the run is the same with or without.
        let mut rows = Vec::new();
        let output = if states {
            prepared.template.run_observed(seed, 0, |w| rows.extend(recorder.state_rows(w)))
        } else {
            prepared.template.run(seed, 0)
        };
        let series = lab::RunSeries { years: Vec::new(), states: rows };
        let name = &loaded.scenario.scenario.name;
        let manifest = report::RunManifest {
            provenance: lab::Provenance::current(loaded),
            seed,
            run_index_range: [0, 0],
            rng: lab::provenance::RNG_STREAM.into(),
            rand_versions: lab::provenance::RAND_VERSIONS.to_owned(),
            resolved: prepared.resolved.clone(),
            scenario_toml: toml::to_string(&prepared.scenario).unwrap_or_default(),
            overrides: request.overrides.clone(),
        };
        let outcomes: Vec<(&'static str, f64)> =
            lab::OUTCOMES.iter().map(|o| (o.name, o.of(&output.summary))).collect();
        let record = experiment::runner::RunRecord {
            point: 0,
            case: None,
            replication: 0,
            run: 0,
            values: Vec::new(),
            outcomes: Vec::new(),
            series,
        };
        let series = experiment::store::Series::States;
        let mut files = vec![
            ("years".to_owned(), report::csv::years(name, 0, &output.years)),
            ("dyad_years".to_owned(), report::csv::dyad_years(name, 0, &output.dyad_years)),
            ("events".to_owned(), report::csv::events(name, 0, &output.events)),
            ("manifest".to_owned(), report::json::render("run-manifest", &manifest)),
        ];
        if states {
            let header = experiment::store::series_header(series, &names);
            files.push((
                "states".to_owned(),
                csv_text(&header, experiment::store::series_rows(series, std::slice::from_ref(&record))),
            ));
        }
        Ok((files, outcomes))
    })
}

/// An ensemble of `runs` runs of one request, as `deterrence run SCENARIO --runs N --seed SEED`
/// runs it (an experiment of one case: `experiment::spec::ensemble_spec`): the text of its
/// `results.csv`, every run's outcomes. Runs in parallel on every core (or `threads`) with the
/// GIL released; results do not depend on the thread count.
#[pyfunction]
#[pyo3(signature = (scenario, runs, seed, years = None, regime = None, lenses = None, overrides = Vec::new(), threads = None))]
#[allow(clippy::too_many_arguments)]
fn ensemble(
    py: Python<'_>,
    scenario: &Scenario,
    runs: u32,
    seed: u64,
    years: Option<u32>,
    regime: Option<&str>,
    lenses: Option<Vec<String>>,
    overrides: Vec<Given>,
    threads: Option<usize>,
) -> PyResult<String> {
    if runs == 0 {
        return Err(bad("runs: must be at least 1"));
    }
    let loaded = &scenario.loaded;
    let request = request(years, regime, lenses, overrides)?;
    py.detach(|| {
        request.check(&loaded.scenario).map_err(|e| prepare_error(loaded, e))?;
        let spec = experiment::spec::ensemble_spec(&loaded.origin, &request, runs, seed);
        let plan = experiment::design::plan(&spec).map_err(|e| bad(e.to_string()))?;
        let points: Vec<&experiment::design::Point> = plan.points.iter().collect();
        let records = on_pool(threads, || {
            experiment::runner::run_points(&spec, &loaded.scenario, &plan, &points).map_err(|e| bad(e.to_string()))
        })?;
        let header = experiment::store::csv_header(&plan, &spec.experiment.outcomes);
        Ok(csv_text(&header, experiment::store::csv_rows(&records)))
    })
}

/// Every adversary pair's second-strike adequacy and first-strike stability, as
/// `deterrence stability SCENARIO --format csv` computes them (with `--set`, `--alert`,
/// `--bound low|best|high`, `--pair`, `--all`, `--exhaustive`): the CSV text.
#[pyfunction]
#[pyo3(signature = (scenario, overrides = Vec::new(), alert = "both", bound = "best", pair = None, all = false, exhaustive = false))]
#[allow(clippy::too_many_arguments)]
fn stability(
    py: Python<'_>,
    scenario: &Scenario,
    overrides: Vec<Given>,
    alert: &str,
    bound: &str,
    pair: Option<(String, String)>,
    all: bool,
    exhaustive: bool,
) -> PyResult<String> {
    use exchange::dyad::{Constants, analyse_pair, find_pair, rival_pairs};
    let loaded = &scenario.loaded;
    let request = request(None, None, None, overrides)?;
    let alerts: Vec<exchange::Alert> = match alert {
        "day-to-day" => vec![exchange::Alert::DayToDay],
        "generated" => vec![exchange::Alert::Generated],
        "both" => exchange::Alert::BOTH.to_vec(),
        other => return Err(bad(format!("alert: expected day-to-day, generated or both, got `{other}`"))),
    };
    let bound = match bound {
        "low" => model::Bound::Low,
        "best" => model::Bound::Best,
        "high" => model::Bound::High,
        other => return Err(bad(format!("bound: expected low, best or high, got `{other}`"))),
    };
    let search = if exhaustive { exchange::StopSearch::Exhaustive } else { exchange::StopSearch::Fast };
    py.detach(|| {
        let changed =
            lab::inputs::set_inputs(&loaded.scenario, &request.inputs()).map_err(|e| bad(format!("set: {e}")))?;
        let scenario = &changed;
        let pairs = match &pair {
            Some((a, b)) => vec![find_pair(scenario, a, b).map_err(|e| bad(format!("pair: {e}")))?],
            None => rival_pairs(scenario),
        };
        let total = pairs.len();
        let armed = |s: &model::State| s.forces.iter().any(|f| f.launchers.high * f.warheads_per_launcher.high > 0.0);
        let pairs: Vec<_> = if all || pair.is_some() {
            pairs
        } else {
            pairs.into_iter().filter(|(a, b, _)| armed(&scenario.states[*a]) || armed(&scenario.states[*b])).collect()
        };
        let unarmed_pairs_hidden = total - pairs.len();
        let results = pairs
            .into_iter()
            .map(|(a, b, r)| {
                analyse_pair(scenario, a, b, r.distance_km.at(bound), &alerts, bound, search)
                    .map_err(|e| bad(format!("{}: {e}", loaded.origin)))
            })
            .collect::<PyResult<Vec<_>>>()?;
        let report = report::StabilityReport {
            provenance: lab::Provenance::current(loaded),
            title: scenario.scenario.title.clone(),
            constants: Constants::new(scenario, bound, search),
            inputs: request.overrides.clone(),
            pairs: results,
            bound_for: None,
            unarmed_pairs_hidden,
        };
        Ok(report::csv::stability(&report))
    })
}

/// Loads the scenario a spec names as `deterrence experiment` does: a built-in name, or a
/// file relative to the spec's directory (`base`).
fn spec_scenario(spec: &experiment::spec::Spec, base: Option<&Path>) -> PyResult<lab::Loaded> {
    let name = &spec.experiment.scenario;
    if model::builtin::get(name).is_some() && !Path::new(name).is_file() {
        return lab::Loaded::load(name).map_err(|e| bad(e.0));
    }
    let path = match base {
        Some(dir) if Path::new(name).is_relative() => dir.join(name),
        _ => Path::new(name).to_path_buf(),
    };
    lab::Loaded::load(&path.to_string_lossy()).map_err(|e| bad(e.0))
}

/// Runs an experiment spec (TOML text read from `origin`; a scenario file it names is looked
/// for relative to `base`) into the empty directory `dir`, as `deterrence experiment SPEC --out
/// DIR` does, and returns the number of runs. `resume` continues an interrupted run there.
#[pyfunction(name = "experiment")]
#[pyo3(signature = (text, origin, dir, base = None, resume = false, threads = None))]
fn run_experiment(
    py: Python<'_>,
    text: &str,
    origin: &str,
    dir: &str,
    base: Option<&str>,
    resume: bool,
    threads: Option<usize>,
) -> PyResult<u64> {
    let spec = experiment::spec::parse_spec(text, origin)
        .map_err(|e| bad(e.to_string().replacen("invalid scenario", "invalid experiment spec", 1)))?;
    let loaded = spec_scenario(&spec, base.map(Path::new))?;
    let options = experiment::workflow::RunOptions {
        shard: None,
        resume,
        chunk: experiment::default_chunk(spec.experiment.replications),
    };
    py.detach(|| {
        on_pool(threads, || {
            experiment::workflow::run(&spec, &loaded, Path::new(dir), options, &spec.experiment.name, &mut |_, _, _| {})
                .map_err(|e| bad(e.to_string()))
        })
    })
}

/// Analyses an experiment directory as `deterrence analyze DIR --format json` does: the
/// analysis JSON document and the text of its `summary.csv`.
#[pyfunction]
fn analyze(py: Python<'_>, dir: &str) -> PyResult<(String, String)> {
    py.detach(|| {
        let (_, analysis, doc) = experiment::workflow::analyse_dir(Path::new(dir)).map_err(|e| bad(e.to_string()))?;
        Ok((doc, experiment::workflow::summary_csv(&analysis)))
    })
}

/// The state-year (`unit="state-year"`) or dyad-year (`unit="dyad-year"`) panel of the
/// 1945–2025 record with COW codes: the CSV text `deterrence data panel` prints.
#[pyfunction]
#[pyo3(signature = (unit = "state-year", start = 1945, end = 2025, directed = false))]
fn panel(unit: &str, start: i32, end: i32, directed: bool) -> PyResult<String> {
    if start > end {
        return Err(bad(format!("start {start} is after end {end}")));
    }
    if !(1945..=2025).contains(&start) || !(1945..=2025).contains(&end) {
        return Err(bad("the record covers 1945–2025: start and end must lie within it"));
    }
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    let r = history::record::Record::builtin()
        .map_err(|e| PyRuntimeError::new_err(format!("the built-in record is invalid: {e}")))?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| PyRuntimeError::new_err(e.to_string());
    match unit {
        "state-year" => {
            if directed {
                return Err(bad("directed applies to unit=\"dyad-year\""));
            }
            w.write_record([
                "ccode",
                "iso3",
                "statenme",
                "year",
                "nuclear_status",
                "programme_stage",
                "warheads",
                "npt_status",
            ])
            .map_err(err)?;
            for s in history::panel::state_years(&r, start, end) {
                w.write_record([
                    s.ccode.to_string(),
                    s.iso3,
                    s.name,
                    s.year.to_string(),
                    s.nuclear_status.into(),
                    s.programme_stage.to_string(),
                    opt(s.warheads),
                    s.npt_status.into(),
                ])
                .map_err(err)?;
            }
        }
        "dyad-year" => {
            w.write_record([
                "ccode1",
                "ccode2",
                "year",
                "iso3_1",
                "iso3_2",
                "nuclear_status1",
                "nuclear_status2",
                "warheads1",
                "warheads2",
                "npt_status1",
                "npt_status2",
                "both_armed",
            ])
            .map_err(err)?;
            for d in history::panel::dyad_years(&r, start, end, directed) {
                w.write_record([
                    d.ccode1.to_string(),
                    d.ccode2.to_string(),
                    d.year.to_string(),
                    d.iso3_1,
                    d.iso3_2,
                    d.nuclear_status1.into(),
                    d.nuclear_status2.into(),
                    opt(d.warheads1),
                    opt(d.warheads2),
                    d.npt_status1.into(),
                    d.npt_status2.into(),
                    u8::from(d.both_armed).to_string(),
                ])
                .map_err(err)?;
            }
        }
        other => return Err(bad(format!("unit: expected state-year or dyad-year, got `{other}`"))),
    }
    let bytes = w.into_inner().map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The outcome catalogue (`deterrence outcomes`) as `(name, label, unit, description)`.
#[pyfunction]
fn outcomes() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    lab::OUTCOMES.iter().map(|o| (o.name, o.label, o.unit, o.description)).collect()
}

/// The regime levers as `(name, description)`; each lies in [0, 1].
#[pyfunction]
fn levers() -> Vec<(&'static str, &'static str)> {
    lab::overrides::LEVERS.iter().zip(lab::overrides::LEVER_DOCS).map(|((n, _), d)| (*n, d)).collect()
}

/// The lens names.
#[pyfunction]
fn lenses() -> Vec<&'static str> {
    model::Lens::ALL.iter().map(|l| l.as_str()).collect()
}

/// One row of [`params`]: name, default, value with the lenses asked for, lowest and highest
/// value the engine accepts, description, source.
type ParamRow = (&'static str, f64, f64, f64, f64, &'static str, &'static str);

/// Every engine parameter (`deterrence params`) as `(name, default, value, low, high,
/// description, source)`: `value` is the value with `lenses` on, `low`–`high` the domain the
/// engine accepts for it (`engine::params::check`: shares at most 1, round counts 1 to 1,000,
/// magnitudes at most 1e9, only the willingness intercept may be negative).
#[pyfunction]
#[pyo3(signature = (lenses = Vec::new()))]
fn params(lenses: Vec<String>) -> PyResult<Vec<ParamRow>> {
    let chosen = lenses
        .iter()
        .map(|n| {
            model::Lens::ALL
                .into_iter()
                .find(|l| l.as_str() == n)
                .ok_or_else(|| bad(format!("lenses: unknown lens `{n}`; lenses: {}", self::lenses().join(", "))))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let values = engine::params::with_lenses(engine::params::Params::default(), &chosen);
    let max = engine::params::MAX_MAGNITUDE;
    Ok(engine::params::SPECS
        .iter()
        .map(|s| {
            // The domain, read from the engine's own check (the one place it is defined): the
            // lowest and highest of the candidate ends it accepts.
            let ok = |x: f64| engine::params::check(s.name, x).is_ok();
            let low = [-max, 0.0, 1.0].into_iter().find(|&x| ok(x)).unwrap_or(f64::NAN);
            let high = [max, 1000.0, 1.0].into_iter().find(|&x| ok(x)).unwrap_or(f64::NAN);
            (s.name, s.default, values.get(s.name).unwrap_or(f64::NAN), low, high, s.doc, s.source)
        })
        .collect())
}

/// Where results come from: tool and version, git commit, rand versions and RNG stream.
#[pyfunction]
fn build_info() -> Vec<(&'static str, &'static str)> {
    vec![
        ("tool", lab::provenance::TOOL),
        ("git_commit", lab::provenance::GIT_COMMIT),
        ("rand_versions", lab::provenance::RAND_VERSIONS),
        ("rng", lab::provenance::RNG_STREAM),
    ]
}

/// The module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add_class::<Scenario>()?;
    m.add_function(wrap_pyfunction!(scenarios, m)?)?;
    m.add_function(wrap_pyfunction!(default_scenario, m)?)?;
    m.add_function(wrap_pyfunction!(load_scenario, m)?)?;
    m.add_function(wrap_pyfunction!(input_ranges, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(ensemble, m)?)?;
    m.add_function(wrap_pyfunction!(stability, m)?)?;
    m.add_function(wrap_pyfunction!(run_experiment, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(panel, m)?)?;
    m.add_function(wrap_pyfunction!(outcomes, m)?)?;
    m.add_function(wrap_pyfunction!(levers, m)?)?;
    m.add_function(wrap_pyfunction!(lenses, m)?)?;
    m.add_function(wrap_pyfunction!(params, m)?)?;
    m.add_function(wrap_pyfunction!(build_info, m)?)?;
    Ok(())
}
