"""Deterrence Lab from Python.

A thin layer over the Rust run layer (``lab``): every function here calls the same library
code the ``deterrence`` command line calls (no subprocess) and returns what the CLI writes as
DataFrames with the same columns as its CSV files. The same scenario, seed and build give the
same numbers, bit for bit, from Python, the CLI and the explorer.

>>> import deterrence_lab as dl
>>> r = dl.run("korea", seed=42, years=10)
>>> list(r.years.columns[:3])
['scenario', 'run', 'year']
"""

from __future__ import annotations

import builtins
import io
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._native import InputError, Scenario

__all__ = [
    "InputError",
    "Scenario",
    "Run",
    "Ensemble",
    "Experiment",
    "scenarios",
    "load_scenario",
    "inputs",
    "run",
    "ensemble",
    "stability",
    "experiment",
    "analyze",
    "panel",
    "outcomes",
    "params",
    "levers",
    "lenses",
    "build_info",
    "read_csv",
]

#: What a scenario argument may be: a loaded :class:`Scenario`, a built-in name, a file path,
#: or TOML text (any string with a line break).
ScenarioLike = Union[Scenario, str, "os.PathLike[str]", None]


def _frame(text: str, frame: str) -> Any:
    """Reads CSV text written by the lab into a DataFrame.

    pandas reads with exact float parsing (:func:`read_csv`), so every number is the exact
    double the lab wrote (Rust prints the shortest text that reads back to the same double);
    polars' parser is exact too. Empty fields (undefined values) are missing.
    """
    if frame == "pandas":
        return read_csv(io.StringIO(text))
    if frame == "polars":
        import polars as pl

        return pl.read_csv(io.StringIO(text), infer_schema_length=None)
    raise InputError(f"frame: expected pandas or polars, got `{frame}`")


def read_csv(source: Any) -> Any:
    """``pandas.read_csv`` with exact float parsing: what the package's DataFrames are, so a
    CSV file the CLI wrote, read with this, equals the package's frame of it. (pandas before 3
    needs ``float_precision="round_trip"`` for that; pandas 3 parses exactly by default and
    deprecates the argument.)"""
    import pandas as pd

    if int(pd.__version__.split(".")[0]) >= 3:
        return pd.read_csv(source)
    return pd.read_csv(source, float_precision="round_trip")


def _table(rows: Sequence[Sequence[Any]], columns: Sequence[str], frame: str) -> Any:
    """A DataFrame from rows (catalogues: scenarios, outcomes, parameters, levers)."""
    if frame == "pandas":
        import pandas as pd

        return pd.DataFrame([list(r) for r in rows], columns=list(columns))
    if frame == "polars":
        import polars as pl

        return pl.DataFrame([list(r) for r in rows], schema=list(columns), orient="row")
    raise InputError(f"frame: expected pandas or polars, got `{frame}`")


def scenarios(frame: str = "pandas") -> Any:
    """The built-in scenarios (``deterrence scenario list``): columns ``name``, ``title``, ``path``.

    >>> "world-2025" in set(dl.scenarios()["name"])
    True
    """
    return _table(_native.scenarios(), ["name", "title", "path"], frame)


def load_scenario(source: ScenarioLike = None, *, origin: Optional[str] = None) -> Scenario:
    """Loads and validates a scenario.

    ``source`` is a built-in name (``"korea"``), a path to a TOML file (``str`` or
    ``pathlib.Path``; a file is preferred over a built-in of the same name, as on the command
    line), TOML text (any string containing a line break; errors are located at ``origin``,
    default ``<text>``), an already loaded :class:`Scenario` (returned as is), or ``None`` for
    the default scenario (``world-2025``). A scenario that cannot be found or is malformed
    raises :class:`InputError` naming the file, line and field.
    """
    if isinstance(source, Scenario):
        return source
    if source is None:
        return _native.load_scenario(_native.default_scenario())
    if isinstance(source, os.PathLike):
        return _native.load_scenario(os.fspath(source))
    if not isinstance(source, str):
        raise InputError(f"scenario: expected a name, a path or TOML text, got {type(source).__name__}")
    if "\n" in source:
        return _native.load_scenario(source, text=True, origin=origin)
    return _native.load_scenario(source)


def inputs(scenario: ScenarioLike = None, frame: str = "pandas") -> Any:
    """Every uncertain input of a scenario (``deterrence inputs SCENARIO``): columns ``path``,
    ``low``, ``best``, ``high``. Any path can be set with ``set={path: value}``.
    """
    return _table(load_scenario(scenario).inputs(), ["path", "low", "best", "high"], frame)


def _overrides(
    params: Optional[Mapping[str, float]],
    levers: Optional[Mapping[str, float]],
    set: Optional[Mapping[str, float]],
    values: Optional[Mapping[str, float]] = None,
) -> List[Tuple[str, str, float]]:
    """The overrides of the keyword arguments, tagged with the argument they came from (the
    lab parses and checks them; errors name the argument)."""
    out: List[Tuple[str, str, float]] = []
    for arg, given in (("params", params), ("levers", levers), ("set", set), ("values", values)):
        if given is None:
            continue
        if not isinstance(given, Mapping):
            raise InputError(f"{arg}: expected a mapping of names to numbers, got {type(given).__name__}")
        for name, value in given.items():
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise InputError(f"{arg}: `{name}`: expected a number, got {value!r}") from None
            out.append((arg, str(name), number))
    return out


def _lenses(lenses: Union[str, Iterable[str], None]) -> Optional[List[str]]:
    """Lens names from a list or a ``+``/``,``-separated string."""
    if lenses is None:
        return None
    if isinstance(lenses, str):
        return [p.strip() for p in lenses.replace("+", ",").split(",") if p.strip()]
    return [str(l) for l in lenses]


def _seed(seed: Optional[int]) -> int:
    """The seed asked for, or a fresh one (recorded on the result, as the CLI prints it)."""
    if seed is None:
        return secrets.randbits(63)
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**64:
        raise InputError(f"seed: expected a whole number from 0 to 2^64 - 1, got {seed!r}")
    return seed


@dataclass(frozen=True)
class Run:
    """One simulated run: what ``deterrence run SCENARIO --seed SEED --out DIR`` writes.

    ``years``, ``dyad_years`` and ``events`` have the columns of ``years.csv``,
    ``dyad_years.csv`` and ``events.csv`` (docs/output.md); ``states`` those of an experiment's
    ``states.csv`` with every state variable recorded (``deterrence series``); ``manifest`` is
    ``manifest.json`` as a dict; ``outcomes`` the outcome catalogue's values of this run;
    ``csv`` the files' exact text (``csv["years"]`` is byte for byte the CLI's ``years.csv``).
    """

    seed: int
    scenario: Scenario
    years: Any
    dyad_years: Any
    events: Any
    states: Any
    manifest: Dict[str, Any]
    outcomes: Dict[str, float]
    csv: Dict[str, str] = field(repr=False)

    def write(self, directory: Union[str, "os.PathLike[str]"]) -> Path:
        """Writes ``years.csv``, ``dyad_years.csv``, ``events.csv`` and ``manifest.json`` (and
        ``states.csv`` when recorded) into ``directory``, created if needed; returns it."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        for name, text in self.csv.items():
            (d / (f"{name}.json" if name == "manifest" else f"{name}.csv")).write_text(text, encoding="utf-8")
        return d


def run(
    scenario: ScenarioLike = None,
    *,
    seed: Optional[int] = None,
    years: Optional[int] = None,
    regime: Optional[str] = None,
    lenses: Union[str, Iterable[str], None] = None,
    params: Optional[Mapping[str, float]] = None,
    levers: Optional[Mapping[str, float]] = None,
    set: Optional[Mapping[str, float]] = None,
    values: Optional[Mapping[str, float]] = None,
    states: bool = True,
    frame: str = "pandas",
) -> Run:
    """Simulates one run, as ``deterrence run SCENARIO --seed SEED`` with the same flags.

    ``regime`` is a preset (``strong``, ``eroded``, ``failed``); ``lenses`` lens names
    (``["organisational"]`` or ``"deterrence+organisational"``); ``params`` engine parameters
    (``--param``), ``levers`` regime levers in [0, 1] (``--lever``), ``set`` scenario inputs by
    path (``--set``), ``values`` names of the experiment name space (``regime.<lever>``, a
    parameter or an input path). Without ``seed`` a fresh one is drawn and recorded on the
    result. ``states=False`` skips the per-state table (``Run.states`` is then ``None``).
    ``frame="polars"`` returns polars DataFrames.

    >>> r = dl.run("korea", seed=42, regime="failed", params={"accident_hazard": 0.001})
    >>> r.outcomes["nuclear_uses"] >= 0
    True
    """
    s = load_scenario(scenario)
    seed = _seed(seed)
    files, outcomes_ = _native.run(
        s,
        seed,
        years=years,
        regime=regime,
        lenses=_lenses(lenses),
        overrides=_overrides(params, levers, set, values),
        states=states,
    )
    text = dict(files)
    return Run(
        seed=seed,
        scenario=s,
        years=_frame(text["years"], frame),
        dyad_years=_frame(text["dyad_years"], frame),
        events=_frame(text["events"], frame),
        states=_frame(text["states"], frame) if states else None,
        manifest=json.loads(text["manifest"]),
        outcomes=dict(outcomes_),
        csv=text,
    )


@dataclass(frozen=True)
class Ensemble:
    """An ensemble of runs of one request, as ``deterrence run SCENARIO --runs N --seed SEED``
    runs it. ``results`` has the columns of that command's ``results.csv``: ``point``,
    ``case``, ``replication``, ``run``, the request's settings, then every outcome
    (``dl.outcomes()``); ``csv`` is that file's exact text.
    """

    seed: int
    runs: int
    scenario: Scenario
    results: Any
    csv: str = field(repr=False)

    @property
    def outcomes(self) -> Any:
        """The outcome columns of ``results`` only (one row per run)."""
        names = [o[0] for o in _native.outcomes()]
        return self.results[[c for c in names if c in self.results.columns]]


def ensemble(
    scenario: ScenarioLike = None,
    *,
    runs: int,
    seed: Optional[int] = None,
    years: Optional[int] = None,
    regime: Optional[str] = None,
    lenses: Union[str, Iterable[str], None] = None,
    params: Optional[Mapping[str, float]] = None,
    levers: Optional[Mapping[str, float]] = None,
    set: Optional[Mapping[str, float]] = None,
    values: Optional[Mapping[str, float]] = None,
    threads: Optional[int] = None,
    frame: str = "pandas",
) -> Ensemble:
    """Runs ``runs`` replications of one request in parallel, with the GIL released, on every
    core (or ``threads``). Run ``i`` draws from stream ``(seed, i)``, so the results do not
    depend on the thread count and equal the CLI's ``deterrence run SCENARIO --runs N --seed
    SEED`` (same flags as :func:`run`).

    >>> e = dl.ensemble("korea", runs=8, seed=1, years=20)
    >>> len(e.results)
    8
    """
    if not isinstance(runs, int) or isinstance(runs, bool) or not 1 <= runs < 2**32:
        raise InputError(f"runs: expected a whole number of at least 1, got {runs!r}")
    s = load_scenario(scenario)
    seed = _seed(seed)
    text = _native.ensemble(
        s,
        runs,
        seed,
        years=years,
        regime=regime,
        lenses=_lenses(lenses),
        overrides=_overrides(params, levers, set, values),
        threads=threads,
    )
    return Ensemble(seed=seed, runs=runs, scenario=s, results=_frame(text, frame), csv=text)


def stability(
    scenario: ScenarioLike = None,
    *,
    set: Optional[Mapping[str, float]] = None,
    alert: str = "both",
    bound: str = "best",
    pair: Union[str, Tuple[str, str], None] = None,
    all: bool = False,
    exhaustive: bool = False,
    frame: str = "pandas",
) -> Any:
    """Every armed adversary pair's second-strike adequacy and first-strike stability, as
    ``deterrence stability SCENARIO --format csv`` computes them: one row per pair, alert state
    and attacker, with the columns of that CSV.

    ``set`` sets scenario inputs by path (``--set``); ``alert`` is ``day-to-day``,
    ``generated`` or ``both``; ``bound`` puts every uncertain input at ``low``, ``best`` or
    ``high``; ``pair="USA,RUS"`` (or a tuple) analyses one pair; ``all`` keeps pairs in which
    neither side is armed; ``exhaustive`` uses the exhaustive stop-rule search.

    >>> df = dl.stability("world-2025", pair="USA,RUS", alert="generated")
    >>> sorted(df["attacker"])
    ['RUS', 'USA']
    """
    s = load_scenario(scenario)
    if isinstance(pair, str):
        parts = [p.strip() for p in pair.split(",")]
        if len(parts) != 2 or not builtins.all(parts):
            raise InputError(f"pair: expects two state codes separated by a comma, e.g. USA,RUS; got `{pair}`")
        pair = (parts[0], parts[1])
    text = _native.stability(
        s,
        overrides=_overrides(None, None, set),
        alert=alert,
        bound=bound,
        pair=pair,
        all=all,
        exhaustive=exhaustive,
    )
    return _frame(text, frame)



@dataclass(frozen=True)
class Experiment:
    """An experiment run from a spec, as ``deterrence experiment SPEC --out DIR`` writes it.

    ``results`` is ``results.csv`` (one row per run: design point, case, replication, run, the
    design's parameter values, the outcomes); ``years`` and ``states`` are ``years.csv`` and
    ``states.csv`` when the spec's ``[record]`` asks for them (else ``None``); ``summary`` is
    ``summary.csv`` and ``analysis`` the document of ``deterrence analyze DIR --format json``
    (when analysed); ``directory`` the output directory (``None`` when it was temporary).
    """

    runs: int
    results: Any
    years: Any
    states: Any
    summary: Any
    analysis: Optional[Dict[str, Any]]
    directory: Optional[Path]


def _spec_source(spec: Union[str, "os.PathLike[str]"]) -> Tuple[str, str, Optional[str]]:
    """(text, origin, base directory) of a spec given as a path or as TOML text."""
    if isinstance(spec, os.PathLike) or (isinstance(spec, str) and "\n" not in spec):
        path = Path(os.fspath(spec))
        if path.is_dir():
            raise InputError(f"{path} is a directory; experiment expects a spec file (TOML, docs/experiments.md)")
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as e:
            raise InputError(f"cannot read experiment spec {path}: {e.strerror or e}") from None
        except UnicodeDecodeError as e:
            raise InputError(f"cannot read experiment spec {path}: invalid UTF-8 at byte {e.start}") from None
        return text, str(path), str(path.parent)
    if isinstance(spec, str):
        return spec, "<text>", None
    raise InputError(f"spec: expected a path or TOML text, got {type(spec).__name__}")


def _read_dir(directory: Path, runs: int, analyse: bool, frame: str) -> Experiment:
    """The frames of an experiment directory."""

    def optional(name: str) -> Any:
        p = directory / name
        return _frame(p.read_text(encoding="utf-8"), frame) if p.is_file() else None

    analysis = summary = None
    if analyse:
        doc, summary_text = _native.analyze(str(directory))
        analysis = json.loads(doc)
        summary = _frame(summary_text, frame)
    return Experiment(
        runs=runs,
        results=optional("results.csv"),
        years=optional("years.csv"),
        states=optional("states.csv"),
        summary=summary,
        analysis=analysis,
        directory=directory,
    )


def experiment(
    spec: Union[str, "os.PathLike[str]"],
    *,
    out: Union[str, "os.PathLike[str]", None] = None,
    resume: bool = False,
    analyse: bool = True,
    threads: Optional[int] = None,
    frame: str = "pandas",
) -> Experiment:
    """Runs an experiment spec (docs/experiments.md), as ``deterrence experiment SPEC --out
    DIR``, then analyses it as ``deterrence analyze DIR`` (unless ``analyse=False``).

    ``spec`` is a path to a spec file or TOML text (a string with a line break; a scenario
    file it names is then read relative to the working directory). Without ``out`` the files
    go to a temporary directory that is removed once read; with ``out`` that directory must
    be empty (or ``resume=True`` continues an interrupted run there).

    >>> x = dl.experiment("examples/lens-cases.toml")
    >>> x.analysis["kind"]
    'analysis'
    """
    text, origin, base = _spec_source(spec)
    if out is None:
        with tempfile.TemporaryDirectory(prefix="deterrence-") as tmp:
            runs = _native.experiment(text, origin, tmp, base=base, resume=False, threads=threads)
            x = _read_dir(Path(tmp), runs, analyse, frame)
            return Experiment(**{**x.__dict__, "directory": None})
    d = Path(os.fspath(out))
    if d.exists() and not d.is_dir():
        raise InputError(f"{d} is a file; out expects a directory")
    if d.is_dir() and any(d.iterdir()) and not resume:
        raise InputError(f"{d} is not empty; choose another out, or pass resume=True to continue a run there")
    d.mkdir(parents=True, exist_ok=True)
    runs = _native.experiment(text, origin, str(d), base=base, resume=resume, threads=threads)
    return _read_dir(d, runs, analyse, frame)


def analyze(directory: Union[str, "os.PathLike[str]"], frame: str = "pandas") -> Experiment:
    """Reads and analyses an experiment directory (from :func:`experiment`, ``deterrence
    experiment`` or ``deterrence run --runs``), as ``deterrence analyze DIR``."""
    d = Path(os.fspath(directory))
    if not (d / "results.csv").is_file():
        raise InputError(f"{d} holds no experiment results (results.csv); analyze expects an experiment directory")
    results = _frame((d / "results.csv").read_text(encoding="utf-8"), frame)
    return _read_dir(d, len(results), True, frame)


def panel(
    unit: str = "state-year",
    *,
    start: int = 1945,
    end: int = 2025,
    directed: bool = False,
    frame: str = "pandas",
) -> Any:
    """The 1945–2025 record as a panel with COW codes, as ``deterrence data panel --unit UNIT``:
    ``unit="state-year"`` (``ccode``, ``iso3``, ``statenme``, ``year``, ``nuclear_status``,
    ``programme_stage``, ``warheads``, ``npt_status``) or ``unit="dyad-year"`` (``directed=True``
    for both orders of each pair).

    >>> dl.panel("state-year", start=1964, end=1964).query("iso3 == 'CHN'")["nuclear_status"].item()
    'armed'
    """
    return _frame(_native.panel(unit, start, end, directed), frame)


def outcomes(frame: str = "pandas") -> Any:
    """The outcome catalogue (``deterrence outcomes``): ``name``, ``label``, ``unit``,
    ``description`` — the per-run measures of ``Run.outcomes``, ``Ensemble.results`` and
    experiments."""
    return _table(_native.outcomes(), ["name", "label", "unit", "description"], frame)


def params(lenses: Union[str, Iterable[str], None] = None, frame: str = "pandas") -> Any:
    """Every engine parameter (``deterrence params``): ``name``, ``default``, ``value`` (with
    ``lenses`` on), ``low`` and ``high`` (the range the engine accepts), ``description``,
    ``source``."""
    rows = _native.params(_lenses(lenses) or [])
    return _table(rows, ["name", "default", "value", "low", "high", "description", "source"], frame)


def levers(frame: str = "pandas") -> Any:
    """The regime levers (``--lever NAME=VALUE``): ``name``, ``low``, ``high``, ``description``."""
    return _table([(n, 0.0, 1.0, d) for n, d in _native.levers()], ["name", "low", "high", "description"], frame)


def lenses() -> List[str]:
    """The theory lens names."""
    return list(_native.lenses())


def build_info() -> Dict[str, str]:
    """Where results come from: ``tool`` (name and version), ``git_commit``, ``rand_versions``,
    ``rng`` (the random stream), as every manifest records them."""
    return dict(_native.build_info())
