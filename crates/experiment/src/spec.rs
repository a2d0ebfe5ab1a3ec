//! Experiment specifications (TOML; docs/experiments.md): the scenario, the uncertain
//! parameters and how they vary, the design, replications, seed and outcomes.
//!
//! Reading follows the scenario reader: serde checks shapes (unknown fields are errors),
//! [`validate`] checks meaning, and every problem is located by file, line and field.

use model::{FieldPath, Locator, Problem, ScenarioError};
use serde::{Deserialize, Serialize};

/// The only spec schema this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole experiment specification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Format version; must be 1.
    pub schema: u32,
    /// What to run.
    pub experiment: ExperimentInfo,
    /// How design points are chosen.
    pub design: Design,
    /// The uncertain parameters.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// Correlated pairs of real parameters (Gaussian copula; `lhs` designs).
    #[serde(default)]
    pub correlations: Vec<Correlation>,
    /// Named cases (`cases` designs).
    #[serde(default)]
    pub cases: Vec<Case>,
    /// Analysis settings.
    #[serde(default)]
    pub analysis: AnalysisSettings,
    /// Yearly series recorded from every run (`[record]`; nothing when absent).
    #[serde(default, skip_serializing_if = "Record::is_empty")]
    pub record: Record,
    /// A calibration's posterior (`--posterior DIR`): each run takes the parameters of a
    /// particle drawn for it by weight ([`lab::Posterior::draw`]), on top of its design point's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posterior: Option<lab::Posterior>,
}

/// The yearly series an experiment records from every run (`[record]`), by their names in the
/// series catalogue (`lab::series`): `years.csv` holds the year series, `states.csv` the state
/// variables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Fields of the year record, one column each in `years.csv` (`lab::series::YEAR_SERIES`).
    #[serde(default)]
    pub years: Vec<String>,
    /// State variables, one column each in `states.csv` (`lab::series::STATE_SERIES`).
    #[serde(default)]
    pub states: Vec<String>,
}

impl Record {
    /// Whether nothing is recorded (then no series file is written).
    pub fn is_empty(&self) -> bool {
        self.years.is_empty() && self.states.is_empty()
    }
}

/// The parameter name that stands for every uncertain input of the scenario.
pub const UNCERTAIN_INPUTS: &str = "inputs.uncertain";

/// Whether `name` stands for a group of uncertain scenario inputs: `inputs.uncertain` (every
/// one; `Some("")`) or `inputs.uncertain:<prefix>` (those whose path starts with the prefix).
pub fn uncertain_group(name: &str) -> Option<&str> {
    let rest = name.trim().strip_prefix(UNCERTAIN_INPUTS)?;
    if rest.is_empty() { Some("") } else { rest.strip_prefix(':') }
}

impl Spec {
    /// Whether any parameter stands for a group of uncertain inputs ([`uncertain_group`]).
    pub fn has_input_groups(&self) -> bool {
        self.parameters.iter().any(|p| uncertain_group(&p.name).is_some())
    }

    /// The spec with every `inputs.uncertain[:<prefix>]` parameter replaced, in place, by one
    /// real parameter per uncertain input of `scenario` (`lab::inputs::uncertain_inputs`, in
    /// file order) whose path starts with the prefix: bounds `[low, high]` of the input, the
    /// group's distribution (uniform by default, or triangular with mode = the input's best
    /// value). Inputs listed as parameters of their own, or by an earlier group, are not
    /// repeated. Ranges that could break the scenario's one tie between inputs (a force
    /// element's generated survivable fraction is at least its day-to-day one) are cut so every
    /// point is valid (see `keep_survivability_order`). A spec without groups is returned
    /// unchanged. Problems (a group that picks
    /// nothing, a design that grows too large) name the spec's fields.
    pub fn expand(&self, scenario: &model::Scenario) -> Result<Spec, Vec<(FieldPath, String)>> {
        if !self.has_input_groups() {
            return Ok(self.clone());
        }
        let inputs = lab::inputs::uncertain_inputs(scenario);
        let explicit: Vec<&str> =
            self.parameters.iter().filter(|p| uncertain_group(&p.name).is_none()).map(|p| p.name.as_str()).collect();
        let mut parameters: Vec<Parameter> = Vec::new();
        // For each expanded parameter: the spec's parameter it came from, and its input path.
        let mut origin: Vec<(usize, Option<String>)> = Vec::new();
        let mut problems = Vec::new();
        let root = FieldPath::root().key("parameters");
        for (i, p) in self.parameters.iter().enumerate() {
            let Some(prefix) = uncertain_group(&p.name) else {
                parameters.push(p.clone());
                origin.push((i, None));
                continue;
            };
            let distribution = p.distribution.unwrap_or(Distribution::Uniform);
            let before = parameters.len();
            for (path, e) in &inputs {
                let name = path.as_str();
                if !name.starts_with(prefix) || explicit.contains(&name) || parameters.iter().any(|q| q.name == name) {
                    continue;
                }
                parameters.push(Parameter {
                    name: name.to_owned(),
                    kind: ParameterKind::Real,
                    low: Some(e.low),
                    high: Some(e.high),
                    distribution: Some(distribution),
                    mode: (distribution == Distribution::Triangular).then_some(e.best),
                    values: Vec::new(),
                });
                origin.push((i, Some(name.to_owned())));
            }
            if parameters.len() == before {
                problems.push((
                    root.index(i).key("name"),
                    format!(
                        "`{}` picks no uncertain input of scenario `{}` not already listed{}; `deterrence inputs` lists them",
                        p.name,
                        scenario.scenario.name,
                        if prefix.is_empty() { String::new() } else { format!(" (paths starting with `{prefix}`)") }
                    ),
                ));
            }
        }
        keep_survivability_order(scenario, &mut parameters, &mut origin);
        let expanded = Spec { parameters, ..self.clone() };
        for (path, message) in validate(&expanded) {
            // A problem of an expanded parameter is reported at the group it came from.
            match path.0.as_slice() {
                [model::error::Step::Key(k), model::error::Step::Index(j), ..] if k == "parameters" => {
                    let (i, input) = &origin[*j];
                    let message = input.as_ref().map_or(message.clone(), |n| format!("`{n}`: {message}"));
                    let mut steps = root.index(*i).0;
                    if input.is_none() {
                        steps.extend(path.0[2..].iter().cloned());
                    } else {
                        steps.push(model::error::Step::Key("name".into()));
                    }
                    problems.push((FieldPath(steps), message));
                }
                _ => problems.push((path, message)),
            }
        }
        if problems.is_empty() { Ok(expanded) } else { Err(problems) }
    }
}

/// What to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentInfo {
    /// Name of the experiment.
    pub name: String,
    /// Built-in scenario name or a path (relative to the spec file).
    pub scenario: String,
    /// Years per run (default: the scenario's horizon).
    #[serde(default)]
    pub years: Option<u32>,
    /// Master seed.
    pub seed: u64,
    /// Runs per design point.
    #[serde(default = "one")]
    pub replications: u32,
    /// Outcomes to record (names in the outcome catalogue, `lab::outcome`).
    #[serde(default = "default_outcomes")]
    pub outcomes: Vec<String>,
    /// Particles per level of the splitting estimate of major war between armed states (the
    /// outcome `major_war_risk_nuclear_dyads`; 0, the default, is off). A measurement setting:
    /// the runs themselves do not change.
    #[serde(default)]
    pub major_war_particles: u32,
}

fn one() -> u32 {
    1
}

fn default_outcomes() -> Vec<String> {
    lab::outcome::names().into_iter().map(str::to_owned).collect()
}

/// The design kind and its size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// `factorial`, `lhs`, `sobol`, `morris` or `cases`.
    pub kind: DesignKind,
    /// LHS points; Sobol base sample N (a power of two, at least 8); Morris trajectories.
    #[serde(default)]
    pub samples: Option<u32>,
    /// Levels of real parameters in `factorial` and of the grid in `morris` (default 4).
    #[serde(default)]
    pub levels: Option<u32>,
    /// `sobol` only: also estimate second-order indices (Saltelli 2002), adding the `k` rows
    /// `BA^i` to every base row: `samples × (2k + 2)` points instead of `samples × (k + 2)`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub second_order: bool,
}

/// Design kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DesignKind {
    /// Every combination of levels.
    Factorial,
    /// Latin hypercube sample.
    Lhs,
    /// Saltelli's extension of a Sobol' sequence, for Sobol indices.
    Sobol,
    /// Morris elementary-effects trajectories.
    Morris,
    /// Named cases listed in the spec.
    Cases,
}

/// An uncertain parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// What it sets: an engine parameter (`deterrence params`), `regime` (a preset),
    /// `lenses` (`+`-joined lens names), or `regime.<lever>` (a starting lever value).
    pub name: String,
    /// `real`, `integer` or `categorical`.
    pub kind: ParameterKind,
    /// Lower bound (real, integer).
    #[serde(default)]
    pub low: Option<f64>,
    /// Upper bound (real, integer).
    #[serde(default)]
    pub high: Option<f64>,
    /// Distribution of a real parameter (default uniform).
    #[serde(default)]
    pub distribution: Option<Distribution>,
    /// Mode of a triangular distribution.
    #[serde(default)]
    pub mode: Option<f64>,
    /// Values of a categorical parameter.
    #[serde(default)]
    pub values: Vec<String>,
}

/// Parameter kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParameterKind {
    /// A real number in [low, high].
    Real,
    /// A whole number in [low, high].
    Integer,
    /// One of `values`.
    Categorical,
}

/// Distributions of real parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Distribution {
    /// Uniform on [low, high].
    Uniform,
    /// Triangular on [low, high] with `mode`.
    Triangular,
    /// Uniform in the logarithm (low > 0).
    LogUniform,
}

/// A correlated pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// Names of two real parameters.
    pub pair: [String; 2],
    /// Correlation of their normal scores, in (−1, 1).
    pub rho: f64,
}

/// A named case: values for some parameters; the rest keep their scenario defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Case name.
    pub name: String,
    /// Parameter values (numbers, or strings for categorical parameters).
    pub values: std::collections::BTreeMap<String, toml::Value>,
}

/// Analysis settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalysisSettings {
    /// The outcome whose positive values PRIM looks for (`any_nuclear_use` by default).
    pub prim_outcome: String,
    /// Bootstrap resamples.
    pub resamples: u32,
    /// Confidence level of intervals.
    pub confidence: f64,
    /// Noise share of the replication mean that `analyze` asks replications to bring Sobol'
    /// indices below (default 0.1): it reports how many replications per point would do.
    pub noise_target: f64,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings {
            prim_outcome: "any_nuclear_use".into(),
            resamples: 1000,
            confidence: 0.95,
            noise_target: 0.1,
        }
    }
}

/// Most runs one experiment may have (split larger ones into several experiments).
pub const MAX_RUNS: u64 = 100_000_000;

/// Number of design points (saturating at `u64::MAX` on overflow).
pub fn design_size(spec: &Spec) -> Option<u64> {
    let k = spec.parameters.len() as u64;
    let samples = u64::from(spec.design.samples.unwrap_or(0));
    let levels = u64::from(spec.design.levels.unwrap_or(4));
    match spec.design.kind {
        DesignKind::Cases => Some(spec.cases.len() as u64),
        DesignKind::Lhs => Some(samples),
        DesignKind::Sobol if spec.design.second_order => samples.checked_mul(2 * k + 2),
        DesignKind::Sobol => samples.checked_mul(k + 2),
        DesignKind::Morris => samples.checked_mul(k + 1),
        DesignKind::Factorial => spec.parameters.iter().try_fold(1u64, |acc, p| {
            let n = match p.kind {
                ParameterKind::Categorical => p.values.len() as u64,
                ParameterKind::Integer => {
                    let span = (p.high.unwrap_or(0.0) - p.low.unwrap_or(0.0)).floor().max(0.0) as u64 + 1;
                    span.min(levels.max(2))
                }
                ParameterKind::Real => levels,
            };
            acc.checked_mul(n)
        }),
    }
    .or(Some(u64::MAX))
}

/// The spec of `deterrence run --runs N`: one case holding `request`'s settings, `runs`
/// replications from `seed`, every outcome.
pub fn ensemble_spec(scenario: &str, request: &lab::RunRequest, runs: u32, seed: u64) -> Spec {
    let mut values = std::collections::BTreeMap::new();
    if let Some(r) = request.regime {
        values.insert("regime".to_owned(), toml::Value::String(r.as_str().to_owned()));
    }
    if let Some(l) = &request.lenses {
        let names: Vec<&str> = l.iter().map(|l| l.as_str()).collect();
        values.insert("lenses".to_owned(), toml::Value::String(names.join("+")));
    }
    for o in &request.overrides {
        values.insert(o.target.name(), toml::Value::Float(o.value));
    }
    let stem = std::path::Path::new(scenario)
        .file_stem()
        .map_or_else(|| scenario.to_owned(), |s| s.to_string_lossy().into_owned());
    Spec {
        schema: SCHEMA_VERSION,
        experiment: ExperimentInfo {
            name: format!("run-{stem}"),
            scenario: scenario.to_owned(),
            years: request.years,
            seed,
            replications: runs,
            outcomes: default_outcomes(),
            major_war_particles: request.major_war_particles,
        },
        design: Design { kind: DesignKind::Cases, samples: None, levels: None, second_order: false },
        parameters: Vec::new(),
        correlations: Vec::new(),
        cases: vec![Case { name: "request".into(), values }],
        analysis: AnalysisSettings::default(),
        record: Record::default(),
        posterior: None,
    }
}

/// Parses lens names joined with `+` (e.g. `deterrence+organisational`).
pub fn parse_lenses(text: &str) -> Option<Vec<model::Lens>> {
    text.split('+')
        .map(|t| model::Lens::ALL.iter().copied().find(|l| l.as_str() == t.trim()))
        .collect::<Option<Vec<_>>>()
        .filter(|v| !v.is_empty())
}

/// Parses a regime preset name.
pub fn parse_preset(text: &str) -> Option<model::RegimePreset> {
    [model::RegimePreset::Strong, model::RegimePreset::Eroded, model::RegimePreset::Failed]
        .into_iter()
        .find(|p| p.as_str() == text)
}

/// The one constraint a scenario's validation puts between inputs: a force element's
/// generated survivable fraction is at least its day-to-day fraction (generating forces does
/// not make them more vulnerable). Sampling both independently within their ranges could break
/// it, so where the highest day-to-day value a design can draw exceeds the lowest generated
/// value, the ranges of *expanded* parameters (never those listed explicitly) are cut so that
/// every point is valid: the day-to-day range is cut from above at that generated value; when
/// that leaves it no range the day-to-day input is not sampled (it keeps its value), and the
/// generated range is cut from below at that value if needed (or, left without a range, not
/// sampled either). The cut bounds are those recorded in the manifest.
fn keep_survivability_order(
    scenario: &model::Scenario,
    parameters: &mut Vec<Parameter>,
    origin: &mut Vec<(usize, Option<String>)>,
) {
    const DAY: &str = ".day_to_day_survivable_fraction";
    const GENERATED: &str = ".generated_survivable_fraction";
    let mut elements: Vec<String> = Vec::new();
    for (p, (_, input)) in parameters.iter().zip(origin.iter()) {
        if input.is_none() {
            continue;
        }
        if let Some(e) = p.name.strip_suffix(DAY).or_else(|| p.name.strip_suffix(GENERATED))
            && e.starts_with("states.")
            && e.contains(".forces.")
            && !elements.iter().any(|x| x == e)
        {
            elements.push(e.to_owned());
        }
    }
    let fixed = |name: &str| {
        lab::InputPath::parse(name).ok().and_then(|path| lab::inputs::get_input(scenario, &path).ok()).map(|e| e.best)
    };
    let clamp_mode = |p: &mut Parameter| {
        if let (Some(m), Some(lo), Some(hi)) = (p.mode, p.low, p.high) {
            p.mode = Some(m.clamp(lo, hi));
        }
    };
    for element in elements {
        let (day, generated) = (format!("{element}{DAY}"), format!("{element}{GENERATED}"));
        let find = |parameters: &[Parameter], name: &str| parameters.iter().position(|p| p.name == name);
        let expanded = |origin: &[(usize, Option<String>)], i: usize| origin[i].1.is_some();
        let (d, g) = (find(parameters, &day), find(parameters, &generated));
        let day_max = d.map_or_else(|| fixed(&day), |i| parameters[i].high);
        let generated_min = g.map_or_else(|| fixed(&generated), |i| parameters[i].low);
        let (Some(day_max), Some(generated_min)) = (day_max, generated_min) else { continue };
        if day_max <= generated_min {
            continue;
        }
        if let Some(i) = d.filter(|&i| expanded(origin, i)) {
            if parameters[i].low.is_some_and(|lo| lo < generated_min) {
                parameters[i].high = Some(generated_min);
                clamp_mode(&mut parameters[i]);
                continue;
            }
            // No room for the day-to-day fraction below the generated one: keep its value.
            parameters.remove(i);
            origin.remove(i);
        }
        let day_max = match find(parameters, &day) {
            Some(i) => parameters[i].high,
            None => fixed(&day),
        };
        let Some(day_max) = day_max else { continue };
        if let Some(j) = find(parameters, &generated).filter(|&j| expanded(origin, j))
            && parameters[j].low.is_some_and(|lo| lo < day_max)
        {
            if parameters[j].high.is_some_and(|hi| hi > day_max) {
                parameters[j].low = Some(day_max);
                clamp_mode(&mut parameters[j]);
            } else {
                parameters.remove(j);
                origin.remove(j);
            }
        }
    }
}

/// Reads and validates a spec from TOML text named `file`.
pub fn parse_spec(text: &str, file: &str) -> Result<Spec, ScenarioError> {
    let locator = Locator::new(text);
    let spec: Spec = toml::from_str(text)
        .map_err(|e| ScenarioError { file: file.to_owned(), problems: vec![locator.problem_from_toml(&e)] })?;
    let findings = validate(&spec);
    if findings.is_empty() {
        return Ok(spec);
    }
    let mut problems: Vec<Problem> = findings.into_iter().map(|(p, m)| locator.problem_at_path(&p, m)).collect();
    problems.sort_by_key(|p| (p.line, p.column));
    Err(ScenarioError { file: file.to_owned(), problems })
}

/// Checks meaning: names, ranges, sizes. Returns (field, message) pairs.
pub fn validate(spec: &Spec) -> Vec<(FieldPath, String)> {
    let mut out = Vec::new();
    let root = FieldPath::root();
    if spec.schema != SCHEMA_VERSION {
        out.push((root.key("schema"), format!("expected schema version {SCHEMA_VERSION}, got {}", spec.schema)));
    }
    let e = root.key("experiment");
    if spec.experiment.replications == 0 {
        out.push((e.key("replications"), "expected at least 1 replication".into()));
    }
    if spec.experiment.major_war_particles > engine::MAX_MAJOR_WAR_PARTICLES {
        out.push((
            e.key("major_war_particles"),
            format!(
                "expected at most {} particles per level, got {}",
                engine::MAX_MAJOR_WAR_PARTICLES,
                spec.experiment.major_war_particles
            ),
        ));
    }
    if let Some(y) = spec.experiment.years
        && !(1..=500).contains(&y)
    {
        out.push((e.key("years"), format!("expected 1 to 500 years, got {y}")));
    }
    if let Some(points) = design_size(spec)
        && points.saturating_mul(u64::from(spec.experiment.replications)) > MAX_RUNS
    {
        out.push((
            root.key("design"),
            format!(
                "the design has {points} points × {} replications: more than {MAX_RUNS} runs; split it or use shards",
                spec.experiment.replications
            ),
        ));
    }
    for (i, o) in spec.experiment.outcomes.iter().enumerate() {
        if let Err(err) = lab::Outcome::find(o) {
            out.push((e.key("outcomes").index(i), err.to_string()));
        }
    }
    let r = root.key("record");
    for (key, names) in [("years", &spec.record.years), ("states", &spec.record.states)] {
        for (i, name) in names.iter().enumerate() {
            let found = if key == "years" {
                lab::YearSeries::find(name).map(|_| ())
            } else {
                lab::StateSeries::find(name).map(|_| ())
            };
            match found {
                Err(err) => out.push((r.key(key).index(i), err.to_string())),
                Ok(()) if names[..i].contains(name) => {
                    out.push((r.key(key).index(i), format!("series `{name}` is listed twice")));
                }
                Ok(()) => {}
            }
        }
    }
    let a = root.key("analysis");
    if let Err(err) = lab::Outcome::find(&spec.analysis.prim_outcome) {
        out.push((a.key("prim_outcome"), err.to_string()));
    }
    if !(spec.analysis.confidence > 0.0 && spec.analysis.confidence < 1.0) {
        out.push((
            a.key("confidence"),
            format!("expected a level strictly between 0 and 1, got {}", spec.analysis.confidence),
        ));
    }
    if !(spec.analysis.noise_target > 0.0 && spec.analysis.noise_target < 1.0) {
        out.push((
            a.key("noise_target"),
            format!("expected a noise share strictly between 0 and 1, got {}", spec.analysis.noise_target),
        ));
    }
    if spec.design.second_order && spec.design.kind != DesignKind::Sobol {
        out.push((root.key("design").key("second_order"), "second-order indices need a `sobol` design".into()));
    }
    for (i, p) in spec.parameters.iter().enumerate() {
        let path = root.key("parameters").index(i);
        if spec.parameters[..i].iter().any(|q| q.name == p.name) {
            out.push((path.key("name"), format!("parameter `{}` is listed twice", p.name)));
        }
        check_parameter(p, &path, &mut out);
    }
    let d = root.key("design");
    let k = spec.parameters.len();
    match spec.design.kind {
        DesignKind::Cases => {
            if spec.cases.is_empty() {
                out.push((d.key("kind"), "a `cases` design needs at least one [[cases]] entry".into()));
            }
        }
        kind => {
            if k == 0 {
                out.push((
                    root.key("parameters"),
                    format!("a `{kind:?}` design needs at least one [[parameters]] entry").to_lowercase(),
                ));
            }
            let samples = spec.design.samples;
            match kind {
                DesignKind::Lhs | DesignKind::Morris if samples.unwrap_or(0) < 2 => {
                    out.push((d.key("samples"), "expected `samples` of at least 2".into()));
                }
                DesignKind::Sobol => match samples {
                    Some(n) if n >= 8 && n.is_power_of_two() => {}
                    Some(n) => out.push((
                        d.key("samples"),
                        format!("sample size too small or irregular for Sobol: expected a power of two of at least 8 base samples, got {n}"),
                    )),
                    None => out.push((d.key("samples"), "a `sobol` design needs `samples` (a power of two, at least 8)".into())),
                },
                _ => {}
            }
            if let Some(l) = spec.design.levels
                && l < 2
            {
                out.push((d.key("levels"), format!("expected at least 2 levels, got {l}")));
            }
            if kind == DesignKind::Morris && spec.design.levels.unwrap_or(4) % 2 == 1 {
                out.push((d.key("levels"), "a `morris` design needs an even number of levels".into()));
            }
        }
    }
    for (i, c) in spec.correlations.iter().enumerate() {
        let path = root.key("correlations").index(i);
        if !(c.rho > -1.0 && c.rho < 1.0) {
            out.push((path.key("rho"), format!("expected a correlation strictly between -1 and 1, got {}", c.rho)));
        }
        for (j, name) in c.pair.iter().enumerate() {
            match spec.parameters.iter().find(|p| &p.name == name) {
                Some(p) if uncertain_group(&p.name).is_some() => out.push((
                    path.key("pair").index(j),
                    format!("`{name}` stands for several inputs; correlate one input by its path"),
                )),
                Some(p) if p.kind == ParameterKind::Real => {}
                // An input a group of uncertain inputs may supply: checked once the group is
                // expanded against the scenario (`Spec::expand`).
                None if spec.has_input_groups()
                    && matches!(lab::Target::from_name(name), Ok(lab::Target::Input(_))) => {}
                Some(_) => out.push((path.key("pair").index(j), format!("`{name}` is not a real parameter"))),
                None => out.push((path.key("pair").index(j), format!("unknown parameter `{name}`"))),
            }
        }
        if spec.design.kind != DesignKind::Lhs {
            out.push((path.key("pair"), "correlations apply to `lhs` designs only".into()));
        }
    }
    for (i, c) in spec.cases.iter().enumerate() {
        let path = root.key("cases").index(i);
        for (name, value) in &c.values {
            let vpath = path.key("values").key(name);
            match name.as_str() {
                "regime" => match value.as_str().and_then(parse_preset) {
                    Some(_) => {}
                    None => out.push((vpath, "expected `strong`, `eroded` or `failed`".into())),
                },
                "lenses" => {
                    if value.as_str().and_then(parse_lenses).is_none() {
                        out.push((vpath, "expected lens names joined with `+`".into()));
                    }
                }
                n => {
                    let number = value.as_float().or(value.as_integer().map(|i| i as f64));
                    if let Err(e) = lab::Target::from_name(n) {
                        out.push((vpath, e.to_string()));
                    } else if let Some(x) = number {
                        if let Err(m) = check_value(n, x) {
                            out.push((vpath, m));
                        }
                    } else {
                        out.push((vpath, "expected a number".into()));
                    }
                }
            }
        }
    }
    if let Some(post) = &spec.posterior {
        let path = root.key("posterior");
        for p in post.problems() {
            out.push((path.clone(), p));
        }
        // A parameter set both by the design and by the posterior has no one value.
        let designed: Vec<&str> = spec
            .parameters
            .iter()
            .map(|p| p.name.as_str())
            .chain(spec.cases.iter().flat_map(|c| c.values.keys().map(String::as_str)))
            .collect();
        for n in &post.names {
            if designed.contains(&n.as_str()) {
                out.push((
                    path.key("names"),
                    format!("`{n}` is set by the design and by the posterior: drop it from one of them"),
                ));
            }
        }
    }
    out
}

/// Checks a numeric value for a parameter, lever or scenario input (`lab::Target::from_name`):
/// finite, levers in [0, 1], engine parameters within their domain. Scenario inputs are checked
/// against the scenario when the design runs.
pub fn check_value(name: &str, x: f64) -> Result<(), String> {
    let target = lab::Target::from_name(name).map_err(|e| e.message)?;
    target.check(x).map_err(|e| e.message)
}

/// Whether `name` is an engine parameter, a regime lever or a scenario input path.
pub fn known_numeric(name: &str) -> bool {
    lab::Target::from_name(name).is_ok()
}

/// Checks an `inputs.uncertain[:<prefix>]` parameter: real, its bounds and mode taken from
/// each input, uniform or triangular.
fn check_input_group(p: &Parameter, prefix: &str, path: &FieldPath, out: &mut Vec<(FieldPath, String)>) {
    if p.kind != ParameterKind::Real {
        out.push((
            path.key("kind"),
            format!("`{}` is real: each uncertain input is sampled within its [low, high] range", p.name),
        ));
    }
    for (field, given) in [("low", p.low.is_some()), ("high", p.high.is_some()), ("mode", p.mode.is_some())] {
        if given {
            out.push((
                path.key(field),
                format!(
                    "`{}` takes `{field}` from each input's {{ low, best, high }} range; leave `{field}` out",
                    p.name
                ),
            ));
        }
    }
    if !p.values.is_empty() {
        out.push((path.key("values"), "`values` is for categorical parameters".into()));
    }
    if p.distribution == Some(Distribution::LogUniform) {
        out.push((
            path.key("distribution"),
            format!("`{}` takes `uniform` (on [low, high]) or `triangular` (mode = each input's best value)", p.name),
        ));
    }
    let after_colon = p.name.trim().len() > UNCERTAIN_INPUTS.len();
    if after_colon && !prefix.split('.').next().is_some_and(|root| lab::inputs::ROOTS.contains(&root)) {
        out.push((
            path.key("name"),
            format!(
                "expected `{UNCERTAIN_INPUTS}:<prefix>` with a path prefix starting with {} (e.g. `{UNCERTAIN_INPUTS}:states.RUS.`), got `{}`",
                lab::inputs::ROOTS.join(", "),
                p.name
            ),
        ));
    }
}

fn check_parameter(p: &Parameter, path: &FieldPath, out: &mut Vec<(FieldPath, String)>) {
    if let Some(prefix) = uncertain_group(&p.name) {
        return check_input_group(p, prefix, path, out);
    }
    match p.name.as_str() {
        "regime" | "lenses" if p.kind != ParameterKind::Categorical => {
            out.push((path.key("kind"), format!("`{}` is categorical", p.name)));
        }
        "regime" | "lenses" => {}
        n => {
            if let Err(e) = lab::Target::from_name(n) {
                out.push((
                    path.key("name"),
                    format!("{}; or `regime`, `lenses` or `{UNCERTAIN_INPUTS}` (every uncertain scenario input)", e),
                ));
            }
        }
    }
    match p.kind {
        ParameterKind::Real | ParameterKind::Integer => {
            if p.kind == ParameterKind::Integer && [p.low, p.high].iter().flatten().any(|v| v.fract().abs() > 0.0) {
                out.push((path.key("low"), "an integer parameter needs whole-number bounds".into()));
            }
            for (field, v) in [("low", p.low), ("high", p.high)] {
                if let Some(v) = v
                    && known_numeric(&p.name)
                    && let Err(m) = check_value(&p.name, v)
                {
                    out.push((path.key(field), m));
                }
            }
            match (p.low, p.high) {
                (Some(lo), Some(hi)) if lo < hi && lo.is_finite() && hi.is_finite() => {
                    if p.distribution == Some(Distribution::LogUniform) && lo <= 0.0 {
                        out.push((path.key("low"), "a log-uniform range needs low > 0".into()));
                    }
                    if p.distribution == Some(Distribution::Triangular) {
                        match p.mode {
                            Some(m) if (lo..=hi).contains(&m) => {}
                            _ => out.push((
                                path.key("mode"),
                                "a triangular distribution needs a mode within [low, high]".into(),
                            )),
                        }
                    }
                    if matches!(lab::Target::from_name(&p.name), Ok(lab::Target::Lever(_))) && (lo < 0.0 || hi > 1.0) {
                        out.push((path.key("high"), "regime levers range within [0, 1]".into()));
                    }
                }
                (Some(lo), Some(hi)) => out
                    .push((path.key("high"), format!("empty range: expected low < high, got low = {lo}, high = {hi}"))),
                _ => out.push((path.key("low"), "a real or integer parameter needs `low` and `high`".into())),
            }
            if !p.values.is_empty() {
                out.push((path.key("values"), "`values` is for categorical parameters".into()));
            }
        }
        ParameterKind::Categorical => {
            if p.values.is_empty() {
                out.push((path.key("values"), "a categorical parameter needs at least one value".into()));
            }
            for (j, v) in p.values.iter().enumerate() {
                let ok = match p.name.as_str() {
                    "regime" => parse_preset(v).is_some(),
                    "lenses" => parse_lenses(v).is_some(),
                    n => v.parse::<f64>().is_ok_and(|x| check_value(n, x).is_ok()),
                };
                if !ok {
                    let expected = match p.name.as_str() {
                        "regime" => "`strong`, `eroded` or `failed`",
                        "lenses" => {
                            "lens names (deterrence, institutionalist, organisational, stability-instability) joined with `+`"
                        }
                        _ => "a number",
                    };
                    out.push((path.key("values").index(j), format!("unknown value `{v}`: expected {expected}")));
                }
            }
        }
    }
}
