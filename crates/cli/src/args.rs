//! Command-line arguments as the user typed them (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The most years any command simulates: the scenario horizon's limit
/// (`model::domain::MAX_HORIZON_YEARS`), so `--years` and a scenario's `horizon_years` agree.
const MAX_YEARS: u32 = model::domain::MAX_HORIZON_YEARS;

/// The most worker threads any command accepts.
const MAX_THREADS: u64 = 1024;

/// `--threads`: 1 to [`MAX_THREADS`], the same on every command.
fn threads_parser() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_THREADS)
}

/// Deterrence Lab: measure and simulate nuclear strategic stability.
#[derive(Debug, Parser)]
#[command(name = "deterrence", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate a scenario year by year: regime, proliferation, forces, crises, learning.
    Run(RunArgs),
    /// Run an experiment: a design over uncertain parameters, replicated, in parallel.
    Experiment(ExperimentArgs),
    /// Calibrate the 1945–2025 replay to the record by ABC-SMC and check it out of sample
    /// (docs/calibration.md).
    Calibrate(CalibrateArgs),
    /// Join the shards of an experiment into the files an unsharded run writes.
    Merge {
        /// Directories holding the shards' results.
        #[arg(required = true)]
        dirs: Vec<std::path::PathBuf>,
        /// Where to write the merged results (default: the first directory).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Write into a non-empty --out directory.
        #[arg(long)]
        force: bool,
    },
    /// Write (or submit) a Slurm job array running an experiment's shards, and a merge job after it.
    Slurm(SlurmArgs),
    /// Analyse an experiment directory: summaries, Sobol, Morris, PRIM.
    Analyze {
        /// The experiment directory.
        dir: std::path::PathBuf,
        /// Output format on standard output.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
        /// Report and paste this PRIM box, by its index on the printed peeling trajectory
        /// (default: the box PRIM chooses).
        #[arg(long, value_name = "INDEX")]
        prim_box: Option<usize>,
    },
    /// The paradox experiment: regime presets × theory lenses, effects with intervals, verdicts,
    /// and the parameter regions where the paradox fails.
    Paradox(ParadoxArgs),
    /// Second-strike survivability, mutual vulnerability and first-strike stability of every
    /// adversary pair (or the deterrence-region grid of one pair with --grid).
    Stability(StabilityArgs),
    /// List the simulation's named parameters with defaults, lens values and sources.
    Params {
        /// Show values with these lenses applied (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',')]
        lens: Vec<LensChoice>,
        /// Output format (`table` prints a Markdown table).
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// List the per-run outcomes experiments, the paradox experiment and the explorer can record.
    Outcomes {
        /// Output format (`table` prints a Markdown table).
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// List the series an experiment can record per run and year (`[record] years`) and per
    /// state and year (`[record] states`).
    Series {
        /// Output format (`table` prints a Markdown table).
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// List the scenario inputs that can be set with `--set PATH=VALUE`: every input of a
    /// scenario whose sources give a range, with its path and range.
    Inputs {
        /// A built-in scenario name or a scenario file path.
        #[arg(default_value = model::builtin::DEFAULT)]
        scenario: String,
        /// Output format (`table` prints a Markdown table).
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// Replay 1945–2025 as an ensemble and score it against the historical record.
    Validate(ValidateArgs),
    /// Forecast from world-2025 (or another scenario): the probability of a new nuclear-armed
    /// state, of nuclear use and of 10 million deaths by 2035 and 2050, and the arsenals by
    /// state, with intervals, lenses and caveats (docs/calibration.md, "The forecast").
    Forecast(ForecastArgs),
    /// Check or list scenarios.
    #[command(subcommand)]
    Scenario(ScenarioCommand),
    /// Data sources.
    #[command(subcommand)]
    Data(DataCommand),
    /// One formula of the exchange calculus at a time (docs/model.md, Part II).
    #[command(subcommand)]
    Calc(CalcCommand),
    /// Serve the browser explorer: sliders, ensembles, fan charts, permalinks (127.0.0.1 only
    /// unless --bind says otherwise).
    Serve {
        /// TCP port (0 picks a free one).
        #[arg(long, default_value_t = 8750)]
        port: u16,
        /// Open the page in a browser (prints the URL when no browser opener is found).
        #[arg(long)]
        open: bool,
        /// Listen on this address instead of 127.0.0.1 (anything but loopback exposes the server
        /// to the network; a warning is printed).
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::IpAddr>,
        /// Draw each run's parameters from a calibration's posterior (the directory `deterrence
        /// calibrate` wrote, or its posterior.csv): run r takes the particle drawn for it by
        /// weight, as in every other command; the page names the posterior with each result.
        #[arg(long, value_name = "DIR")]
        posterior: Option<std::path::PathBuf>,
    },
    /// Write one self-contained HTML report (charts, caveats, provenance) of a run, experiment or
    /// paradox directory, or of a validation JSON file (docs/report.md).
    Report {
        /// A directory from `run --out`, `experiment`, or `paradox`, or a file from
        /// `validate --format json`.
        dir: std::path::PathBuf,
        /// Where to write the HTML (default: DIR/report.html, or the JSON file's name with .html).
        #[arg(short = 'o', long)]
        out: Option<std::path::PathBuf>,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// Versioned JSON.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Output formats of commands without a CSV form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Aligned text for people.
    Table,
    /// Versioned JSON.
    Json,
}

/// Output formats of `data cite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// Grouped text for people.
    Table,
    /// Versioned JSON.
    Json,
    /// BibTeX, one entry per distinct source.
    Bibtex,
}

/// Which alert states to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlertChoice {
    /// Peacetime posture.
    DayToDay,
    /// Crisis (generated) posture.
    Generated,
    /// Both.
    Both,
}

/// Which value of uncertain inputs to use (`--bound`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoundChoice {
    /// Every input at the low end of its range, whoever that favours.
    Low,
    /// Every input at its best estimate.
    Best,
    /// Every input at the high end of its range, whoever that favours.
    High,
    /// Every input at the end of its range worse for this state's second strike.
    WorstFor(String),
    /// Every input at the end of its range better for this state's second strike.
    BestFor(String),
}

impl std::str::FromStr for BoundChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let state = |v: &str| {
            let v = v.trim();
            if v.is_empty() { Err(format!("`{s}` names no state: e.g. worst-for=USA")) } else { Ok(v.to_uppercase()) }
        };
        match s {
            "low" => Ok(BoundChoice::Low),
            "best" => Ok(BoundChoice::Best),
            "high" => Ok(BoundChoice::High),
            _ => match s.split_once('=') {
                Some(("worst-for", v)) => Ok(BoundChoice::WorstFor(state(v)?)),
                Some(("best-for", v)) => Ok(BoundChoice::BestFor(state(v)?)),
                _ => Err(format!(
                    "expected low, best, high, worst-for=STATE or best-for=STATE (e.g. worst-for=USA), got `{s}`"
                )),
            },
        }
    }
}

/// Arguments of `deterrence stability`.
#[derive(Debug, Args)]
pub struct StabilityArgs {
    /// A built-in scenario name or a scenario file path.
    #[arg(default_value = model::builtin::DEFAULT)]
    pub scenario: String,
    /// Only this pair, e.g. `USA,RUS` (ISO3 or Correlates of War codes).
    #[arg(long, value_name = "A,B")]
    pub pair: Option<String>,
    /// Set a scenario input to an exact value before computing: PATH=VALUE (repeatable), e.g.
    /// `states.RUS.forces.silo_icbm.hardness_psi=5000` (`deterrence inputs` lists the uncertain
    /// ones). Model parameters and levers do not enter the exchange calculus, so `--param` and
    /// `--lever` belong to `run`.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub inputs: Vec<String>,
    /// Alert state of both sides' forces.
    #[arg(long, value_enum, default_value_t = AlertChoice::Both)]
    pub alert: AlertChoice,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Which value of every uncertain input: `best` (the best estimate); `low` / `high` (every
    /// input at the low / high end of its range, whoever that favours: lower damage thresholds
    /// help the retaliator while lower hardness hurts it, so neither is a worst case);
    /// `worst-for=STATE` / `best-for=STATE` (every input that can move STATE's second strike at
    /// the end of its range worse / better for it, judged one input at a time).
    #[arg(long, default_value = "best", value_name = "BOUND", value_parser = clap::value_parser!(BoundChoice))]
    pub bound: BoundChoice,
    /// Also list pairs in which neither side holds nuclear weapons (hidden by default: every
    /// number of such a pair is zero).
    #[arg(long)]
    pub all: bool,
    /// Search every whole strike size in the first-strike stop rule (slow reference method).
    #[arg(long)]
    pub exhaustive: bool,
    /// Emit the deterrence-region grid of this pair instead (CSV).
    #[arg(long, value_name = "A,B", conflicts_with = "pair")]
    pub grid: Option<String>,
    /// Largest warhead total on each grid axis.
    #[arg(long, default_value_t = 2000, requires = "grid")]
    pub max_warheads: u32,
    /// Grid spacing in warheads.
    #[arg(long, default_value_t = 20, requires = "grid")]
    pub step: u32,
}

/// Regime presets on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegimeChoice {
    /// Strong norm, effective verification, impartial enforcement.
    Strong,
    /// Selective non-compliance, eroding norm, inequitable application (today).
    Eroded,
    /// A regime that no longer constrains.
    Failed,
}

/// Theory lenses on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LensChoice {
    /// Realist deterrence.
    Deterrence,
    /// Liberal institutionalism.
    Institutionalist,
    /// Organisational risk.
    Organisational,
    /// Stability–instability paradox.
    StabilityInstability,
}

/// Arguments of `deterrence run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// A built-in scenario name or a scenario file path.
    #[arg(default_value = model::builtin::DEFAULT)]
    pub scenario: String,
    /// Years to simulate (default: the scenario's horizon).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_YEARS)))]
    pub years: Option<u32>,
    /// Master seed; without it a seed is drawn and printed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Regime preset replacing the scenario's levers.
    #[arg(long, value_enum)]
    pub regime: Option<RegimeChoice>,
    /// Theory lens (repeat or comma-separate to combine).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub lens: Vec<LensChoice>,
    /// Override a model parameter: NAME=VALUE (repeatable; `deterrence params` lists them).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Set the starting value of a regime lever, in [0, 1]: NAME=VALUE (repeatable; norm_strength,
    /// verification, enforcement, selectivity, inequity, assurance_credibility).
    #[arg(long = "lever", value_name = "NAME=VALUE")]
    pub levers: Vec<String>,
    /// Set a scenario input to an exact value: PATH=VALUE (repeatable), e.g.
    /// `states.USA.forces.silo_icbm.cep_m=150`, `rivalries.IND-PAK.intensity=0.5`
    /// (docs/scenario.md, "Inputs by path").
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub inputs: Vec<String>,
    /// Run an ensemble of N runs (run indices 0 to N-1) instead of one run: results, summary
    /// and manifest are written as by `deterrence experiment` (into --out, default
    /// `experiments/run-<scenario>`), and the summary is printed.
    #[arg(long, value_name = "N")]
    pub runs: Option<u32>,
    /// Worker threads for --runs (default: all cores).
    #[arg(long, value_parser = threads_parser())]
    pub threads: Option<usize>,
    /// Estimate each crisis's probability of major war between armed states by multilevel
    /// splitting with N particles per level (the outcome major_war_risk_nuclear_dyads; draws
    /// from its own streams, so the run is unchanged); 0, the default, counts the run's own
    /// major wars.
    #[arg(long, value_name = "N", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=i64::from(engine::MAX_MAJOR_WAR_PARTICLES)))]
    pub major_war_particles: u32,
    /// With --runs: draw each run's parameters from a calibration's posterior (the directory
    /// `deterrence calibrate` wrote, or its posterior.csv): run r takes the particle drawn for
    /// it by weight (docs/calibration.md, "Posteriors in every ensemble").
    #[arg(long, value_name = "DIR")]
    pub posterior: Option<std::path::PathBuf>,
    /// Write years.csv, dyad_years.csv, events.csv and manifest.json into this directory
    /// (with --runs: the experiment directory). It must be new or empty, unless --force.
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
    /// Write into a non-empty --out directory (files of the same names are replaced).
    #[arg(long)]
    pub force: bool,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = TextFormat::Table)]
    pub format: TextFormat,
}

/// Arguments of `deterrence experiment`.
#[derive(Debug, Args)]
pub struct ExperimentArgs {
    /// The experiment specification (TOML; docs/experiments.md).
    pub spec: std::path::PathBuf,
    /// Output directory (default: `experiments/<name>`); new or empty, unless --force,
    /// --resume or --shard (shards of one experiment may share a directory).
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
    /// Write into a non-empty directory (results already there still need --resume).
    #[arg(long)]
    pub force: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = threads_parser())]
    pub threads: Option<usize>,
    /// Run only shard K of N (1-based), e.g. `--shard 2/8` (one Slurm array task each).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Continue an interrupted run in the same directory.
    #[arg(long)]
    pub resume: bool,
    /// Design points per checkpoint [default: 16, or enough points for 512 runs when points
    /// have fewer than 32 replications].
    #[arg(long)]
    pub chunk: Option<usize>,
    /// Draw each run's parameters, on top of its design point's, from a calibration's
    /// posterior (the directory `deterrence calibrate` wrote, or its posterior.csv); the
    /// particles are stored in the manifest's spec, so --resume needs the same posterior.
    #[arg(long, value_name = "DIR")]
    pub posterior: Option<std::path::PathBuf>,
}

/// Arguments of `deterrence validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Runs in the ensemble.
    #[arg(long, default_value_t = 200)]
    pub runs: u32,
    /// Master seed.
    #[arg(long, default_value_t = 1945)]
    pub seed: u64,
    /// Theory lens replacing history-1945's (repeat or comma-separate to combine).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub lens: Vec<LensChoice>,
    /// Override a model parameter: NAME=VALUE (repeatable; `deterrence params` lists them): the
    /// scorecard of a what-if replay.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Draw each replay's parameters from a calibration's posterior (the directory
    /// `deterrence calibrate` wrote, or its posterior.csv): run r takes the particle drawn for
    /// it by weight (docs/calibration.md, "Posteriors in every ensemble").
    #[arg(long, value_name = "DIR")]
    pub posterior: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Table)]
    pub format: TextFormat,
}

/// Arguments of `deterrence forecast`.
#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// A built-in scenario name or a scenario file path.
    #[arg(default_value = model::builtin::DEFAULT)]
    pub scenario: String,
    /// Draw each run's parameters from a calibration's posterior (the directory `deterrence
    /// calibrate` wrote, or its posterior.csv); without it every run uses the defaults and the
    /// intervals are Monte-Carlo intervals only.
    #[arg(long, value_name = "DIR")]
    pub posterior: Option<std::path::PathBuf>,
    /// Runs in the ensemble (run indices 0 to N-1).
    #[arg(long, default_value_t = experiment::forecast::DEFAULT_RUNS)]
    pub runs: u32,
    /// Master seed.
    #[arg(long, default_value_t = 2025)]
    pub seed: u64,
    /// Theory lens replacing the scenario's (repeat or comma-separate to combine).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub lens: Vec<LensChoice>,
    /// Years to simulate (default: the scenario's horizon).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_YEARS)))]
    pub years: Option<u32>,
    /// Worker threads (default: all cores); the output does not depend on it.
    #[arg(long, value_parser = threads_parser())]
    pub threads: Option<usize>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write forecast.json and forecast.csv into this directory (new or empty, unless
    /// --force).
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
    /// Write into a non-empty --out directory (files of the same names are replaced).
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `deterrence paradox`.
#[derive(Debug, Args)]
pub struct ParadoxArgs {
    /// Replications per preset × lens cell.
    #[arg(long, default_value_t = 200)]
    pub runs: u32,
    /// Latin-hypercube points for scenario discovery.
    #[arg(long, default_value_t = 1000)]
    pub samples: u32,
    /// Runs per scenario-discovery point (PRIM peels on every run; several per point carry the
    /// model's own noise).
    #[arg(long, default_value_t = experiment::paradox::DISCOVERY_REPLICATIONS,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub discovery_replications: u32,
    /// Master seed.
    #[arg(long, default_value_t = 20_261_127)]
    pub seed: u64,
    /// Years per run (default: the scenario's 50).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_YEARS)))]
    pub years: Option<u32>,
    /// Particles per level of the splitting estimate of each crisis's probability of major war
    /// between armed states (the measure major_war_risk_nuclear_dyads); 0 counts the runs' own
    /// major wars instead.
    #[arg(long, default_value_t = experiment::paradox::MAJOR_WAR_PARTICLES,
          value_parser = clap::value_parser!(u32).range(0..=i64::from(engine::MAX_MAJOR_WAR_PARTICLES)))]
    pub major_war_particles: u32,
    /// Scenario (default world-2025).
    #[arg(long, default_value = model::builtin::DEFAULT)]
    pub scenario: String,
    /// Output directory; new or empty, unless --force or --resume.
    #[arg(long, default_value = "experiments/paradox")]
    pub out: std::path::PathBuf,
    /// Write into a non-empty directory.
    #[arg(long)]
    pub force: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = threads_parser())]
    pub threads: Option<usize>,
    /// Continue an interrupted paradox run.
    #[arg(long)]
    pub resume: bool,
    /// Draw each run's parameters from a calibration's posterior (the directory `deterrence
    /// calibrate` wrote, or its posterior.csv): every run of every cell takes the particle
    /// drawn for it by weight; the discovery sample draws the parameters it does not sample.
    /// --resume needs the same posterior.
    #[arg(long, value_name = "DIR")]
    pub posterior: Option<std::path::PathBuf>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = TextFormat::Table)]
    pub format: TextFormat,
}

/// `deterrence scenario ...`
#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Validate a scenario file (or built-in name) and print a summary.
    Check {
        /// Scenario file or built-in name.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// List the built-in scenarios.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
}

/// `deterrence data ...`
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Citations for every source the built-in data use, grouped by kind (force estimates,
    /// datasets, official documents, literature, news, the record, project assumptions).
    Cite {
        /// Output format (`bibtex` prints one @misc entry per distinct source).
        #[arg(long, value_enum, default_value_t = CiteFormat::Table)]
        format: CiteFormat,
    },
    /// A state-year or dyad-year panel of the record (CSV, Correlates of War codes).
    Panel {
        /// Unit of observation.
        #[arg(long, value_enum, default_value_t = PanelUnit::StateYear)]
        unit: PanelUnit,
        /// First year.
        #[arg(long, default_value_t = 1945)]
        from: i32,
        /// Last year.
        #[arg(long, default_value_t = 2025)]
        to: i32,
        /// Both orders of every pair (dyad-year only).
        #[arg(long)]
        directed: bool,
    },
    /// Programme transition rates estimated from the record (Bleek 2017 dates): the rates the
    /// proliferation process uses by default, with counts, exposure and 90 % intervals.
    Hazards,
    /// Pursuit-to-bomb durations estimated from the record's pursuit spells (Bleek 2017,
    /// data/pursuits.csv): a log-normal duration model with right-censoring and the effects of
    /// latency, sensitive assistance and the era after 1970, with the engine's defaults beside it.
    Durations,
    /// The suppliers' rate of sensitive nuclear assistance estimated from the record: eligible
    /// supplier–recipient pair-years along the recorded path of history-1945 (Kroenig's rule: a
    /// shared enemy) and the record's episodes among them, with the engine's default beside it.
    Supply,
    /// Proliferation timing by stage: each state's onset, pursuit start and acquisition year in
    /// replays of history-1945 against Bleek's (2017) recorded dates, and the lags between them.
    Timing {
        /// Replays of history-1945.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        runs: u32,
        /// Master seed of those replays.
        #[arg(long, default_value_t = 1945)]
        seed: u64,
    },
    /// The willingness index of the proliferation process fitted to the record's programme
    /// histories by maximum likelihood (docs/model.md "Willingness estimated from the record"):
    /// estimates, standard errors, 90 % intervals, and the engine's defaults beside them.
    Willingness {
        /// Replays of the record's path whose covariates the likelihood averages over.
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=10_000))]
        runs: u64,
        /// Master seed of those replays.
        #[arg(long, default_value_t = 1945)]
        seed: u64,
        /// Also fit `guarantee_cover` and `threat_nuclear_weight`, which shape the threat every
        /// state sees, by profile likelihood (a replay and an inner fit per point: about a minute).
        #[arg(long)]
        profile: bool,
        /// Also fit `threat_aggregation`, the share of a state's other rivals' threats added to
        /// its worst rival's, by profile likelihood over a grid of 0 to 1 (a replay and an inner
        /// fit per point), with its likelihood-ratio test against 0.
        #[arg(long)]
        aggregation: bool,
        /// Also fit `shock_window_years`, the years a security shock counts in willingness, by
        /// profile likelihood over a grid of 1 to 20 years (a replay and an inner fit per
        /// point), with the likelihood-ratio test of `willingness_shock` against 0.
        #[arg(long)]
        shock: bool,
    },
    /// Warhead production capacities estimated from the record: each state's average stockpile
    /// growth over its build-up in the FAS series (data/inventories.csv), with the slowest and
    /// fastest five years as the range, and the history-1945 scenario's inputs beside them.
    Production,
    /// Fissile material produced (data/fissile.csv) and how close each recorded stockpile came
    /// to the warheads it supports: the history-1945 series, the year of the smallest ratio of
    /// bound to FAS stockpile, and that ratio at the engine's per-warhead masses.
    Fissile,
    /// Non-strategic warheads of the United States and the Soviet Union/Russia
    /// (data/nonstrategic.csv) and the least-squares coefficient of a theatre requirement,
    /// warheads ≈ c × the rival coalition's conventional power in history-1945, by era.
    Nonstrategic,
    /// The cost of the use of force in crises estimated from the record: the value at which
    /// replays of history-1945 keep crises between states without nuclear weapons as often free
    /// of violence as ICB v14's (data/icb_violence.csv), with the engine's default beside it.
    ForceCost {
        /// Replays of history-1945 per candidate cost.
        #[arg(long, default_value_t = 200)]
        runs: u32,
        /// Master seed.
        #[arg(long, default_value_t = 1945)]
        seed: u64,
    },
    /// The preventive-strike rate estimated from the record: eligible striker–target pair-years
    /// along the recorded path of history-1945 (the engine's rule) and the record's peacetime
    /// strikes among them (data/preventive_strikes.csv), the rate by maximum likelihood, the
    /// young-arsenal multiplier's bound and the likelihood-ratio test of the target-size effect
    /// (Debs & Monteiro 2014), with the engine's defaults beside them.
    Strikes {
        /// Replays of history-1945 along the record's path (arsenals vary between them).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        runs: u32,
        /// Master seed.
        #[arg(long, default_value_t = 1945)]
        seed: u64,
    },
    /// The crisis onset rate estimated from the record: the `crisis_base_rate` at which the
    /// history-1945 rivalries had their ICB v14 crises, 1946–2017 (data/rivalry_crises.csv), by
    /// maximum likelihood on the engine's onset hazard along the record's path, with the
    /// engine's default beside it. `--icb PATH` instead lists the rivalries' crises found in a
    /// user copy of ICB v14's actor-level file (the derivation of data/rivalry_crises.csv).
    CrisisRate {
        /// Replays of the record's path whose exposures are averaged.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
        runs: u64,
        /// Master seed of those replays.
        #[arg(long, default_value_t = 1945)]
        seed: u64,
        /// ICB v14's actor-level file (icb2v14.csv): print the rivalries' crises found in it.
        #[arg(long)]
        icb: Option<std::path::PathBuf>,
    },
    /// Read external data a user supplies.
    #[command(subcommand)]
    Import(ImportCommand),
}

/// Panel units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PanelUnit {
    /// One row per state and year.
    StateYear,
    /// One row per pair of states and year.
    DyadYear,
}

/// `deterrence data import ...`
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// International Crisis Behavior actor-level data (v14 CSV): crisis escalation by the number
    /// of nuclear-armed actors, next to the same table from simulated crises.
    Icb {
        /// Path to icb2v14.csv.
        path: std::path::PathBuf,
        /// Replays of history-1945 for the simulated table.
        #[arg(long, default_value_t = 50)]
        runs: u32,
        /// Master seed.
        #[arg(long, default_value_t = 1945)]
        seed: u64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
}

/// `deterrence calc ...`
#[derive(Debug, Subcommand)]
pub enum CalcCommand {
    /// Lethal radius (metres) of a surface burst against a hardness.
    LethalRadius {
        /// Yield, kilotons.
        #[arg(long)]
        yield_kt: f64,
        /// Target hardness, psi.
        #[arg(long)]
        hardness_psi: f64,
        /// Blast model.
        #[arg(long, value_enum, default_value_t = BlastModel::Brode)]
        model: BlastModel,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// Single-shot kill probability, per-weapon kill probability, N-shot kill and lethality K.
    Sspk {
        /// Yield, kilotons.
        #[arg(long, required_unless_present = "batch")]
        yield_kt: Option<f64>,
        /// CEP, metres.
        #[arg(long, required_unless_present = "batch")]
        cep_m: Option<f64>,
        /// Target hardness, psi.
        #[arg(long, required_unless_present = "batch")]
        hardness_psi: Option<f64>,
        /// Evaluate every row of a CSV file instead (columns `yield_kt`, `cep_m`,
        /// `hardness_psi`, optional `reliability` and `warheads`; other columns are kept) and
        /// write CSV with the results appended to each row. `-` reads standard input.
        #[arg(long, value_name = "IN.csv", conflicts_with_all = ["yield_kt", "cep_m", "hardness_psi"])]
        batch: Option<std::path::PathBuf>,
        /// Reliability.
        #[arg(long, default_value_t = 1.0)]
        reliability: f64,
        /// Warheads on the target (1 to 1,000,000).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        warheads: u32,
        /// Blast model.
        #[arg(long, value_enum, default_value_t = BlastModel::Brode)]
        model: BlastModel,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// The reduced Kent–Thaler first-strike stability model (KT-lite).
    Fss {
        /// Side A: fixed launchers, warheads per fixed launcher, survivable warheads, kill probability, w80.
        #[arg(long, value_name = "NF,MF,WS,P,W80")]
        a: String,
        /// Side B, same fields.
        #[arg(long, value_name = "NF,MF,WS,P,W80")]
        b: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// The Intriligator–Brito cone of mutual deterrence.
    Cone {
        /// B missiles destroyed per A missile fired at them.
        #[arg(long)]
        fa: f64,
        /// A missiles destroyed per B missile fired at them.
        #[arg(long)]
        fb: f64,
        /// Damage to B per A missile on value.
        #[arg(long)]
        va: f64,
        /// Damage to A per B missile on value.
        #[arg(long)]
        vb: f64,
        /// A's unacceptable damage.
        #[arg(long)]
        da: f64,
        /// B's unacceptable damage.
        #[arg(long)]
        db: f64,
        /// A point `MA,MB` to classify.
        #[arg(long, value_name = "MA,MB")]
        point: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
    /// Richardson arms race: equilibrium, eigenvalues, stability, exact state at time t.
    Richardson {
        /// A's reaction to B.
        #[arg(long)]
        a: f64,
        /// B's reaction to A.
        #[arg(long)]
        b: f64,
        /// A's fatigue.
        #[arg(long)]
        m: f64,
        /// B's fatigue.
        #[arg(long)]
        n: f64,
        /// A's grievance.
        #[arg(long, allow_hyphen_values = true)]
        r: f64,
        /// B's grievance.
        #[arg(long, allow_hyphen_values = true)]
        s: f64,
        /// A's initial level.
        #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
        x0: f64,
        /// B's initial level.
        #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
        y0: f64,
        /// Time.
        #[arg(long, default_value_t = 1.0)]
        t: f64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
    },
}

/// Lethal-radius model on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BlastModel {
    /// Brode (1987) surface-burst fit.
    Brode,
    /// Cube-root form with c = 2.62.
    CubeRoot,
}

impl From<BlastModel> for model::LethalRadiusModel {
    fn from(m: BlastModel) -> Self {
        match m {
            BlastModel::Brode => model::LethalRadiusModel::Brode,
            BlastModel::CubeRoot => model::LethalRadiusModel::CubeRoot,
        }
    }
}

impl From<RegimeChoice> for model::RegimePreset {
    fn from(r: RegimeChoice) -> Self {
        match r {
            RegimeChoice::Strong => model::RegimePreset::Strong,
            RegimeChoice::Eroded => model::RegimePreset::Eroded,
            RegimeChoice::Failed => model::RegimePreset::Failed,
        }
    }
}

impl From<LensChoice> for model::Lens {
    fn from(l: LensChoice) -> Self {
        match l {
            LensChoice::Deterrence => model::Lens::Deterrence,
            LensChoice::Institutionalist => model::Lens::Institutionalist,
            LensChoice::Organisational => model::Lens::Organisational,
            LensChoice::StabilityInstability => model::Lens::StabilityInstability,
        }
    }
}

/// Arguments of `deterrence slurm`.
#[derive(Debug, clap::Args)]
pub struct SlurmArgs {
    /// The experiment specification (TOML; docs/experiments.md).
    pub spec: std::path::PathBuf,
    /// The experiment's directory: shards in `shard-K-of-N/`, merged results at the top,
    /// scripts and logs in `slurm/`.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Array tasks, one shard each.
    #[arg(long)]
    pub tasks: usize,
    /// Slurm partition (default: the cluster's default partition).
    #[arg(long)]
    pub partition: Option<String>,
    /// Time limit of each task, in Slurm's format (e.g. `2:00:00`).
    #[arg(long)]
    pub time: Option<String>,
    /// CPUs per task (`--cpus-per-task`), used as the task's worker threads.
    #[arg(long, default_value_t = 1)]
    pub cpus: usize,
    /// Memory per task, in Slurm's format (e.g. `4G`).
    #[arg(long)]
    pub mem: Option<String>,
    /// Design points per checkpoint (`deterrence experiment --chunk`): what a requeued task
    /// can lose at most (default: as `deterrence experiment`, 16 points or enough for 512 runs).
    #[arg(long)]
    pub chunk: Option<usize>,
    /// A shell line run before the command in each job, e.g. `--setup "module load gcc"`
    /// (repeatable).
    #[arg(long, value_name = "LINE")]
    pub setup: Vec<String>,
    /// Submit the jobs with sbatch instead of printing the commands.
    #[arg(long)]
    pub submit: bool,
}

/// Arguments of `deterrence calibrate`.
#[derive(Debug, clap::Args)]
pub struct CalibrateArgs {
    /// The calibration spec (TOML; docs/calibration.md).
    pub spec: std::path::PathBuf,
    /// Output directory (must be empty or absent unless --resume).
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Continue from the directory's checkpoint (the same spec file), making any particles
    /// that shards left unmade.
    #[arg(long)]
    pub resume: bool,
    /// Worker threads (default: all cores); the results do not depend on it.
    #[arg(long, value_parser = threads_parser())]
    pub threads: Option<usize>,
    /// Make only shard K of N (1-based) of every generation's particles, e.g. `--shard 2/8`;
    /// the N shards share --out (a shared file system) and run at the same time; shard 1 writes
    /// the results, the bytes one process writes.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// With --shard: the longest wait, in seconds, for the other shards' particles of a
    /// generation before stopping (run the same command again to continue).
    #[arg(long, value_name = "SECONDS", requires = "shard")]
    pub wait: Option<u64>,
}
