"""The EMA Workbench adapter: the lab as an ``ema_workbench`` model.

>>> from ema_workbench import perform_experiments
>>> from deterrence_lab import ema
>>> m = ema.model("korea", years=20, inputs=False, parameters=["accident_hazard"])
>>> experiments, outcomes = perform_experiments(m, scenarios=16)

The model's uncertainties are the lab's regime levers (each in [0, 1]), engine parameters
(those asked for) and the scenario's uncertain inputs (their ``[low, high]`` ranges, cut as an
experiment cuts them so that every point is a valid scenario); its outcomes are the outcome
catalogue (``deterrence outcomes``). Each experiment runs ``replications`` runs of the lab with
the experiment's values set, from one ``seed`` (common random numbers: experiment ``k`` draws
from the same streams as every other), and reports each outcome's mean over the runs in which
it is defined; with one replication that is the run's value, equal to ``deterrence run SCENARIO
--runs 1 --seed SEED`` with the same values set.

EMA Workbench names must be Python identifiers, so a lab name becomes one by writing ``.`` as
``__`` and any other character that is not a letter, digit or ``_`` as ``_``
(``regime.norm_strength`` → ``regime__norm_strength``, ``states.USA.forces.ssbn.cep_m`` →
``states__USA__forces__ssbn__cep_m``); ``Model.lab_names`` maps them back.
"""

from __future__ import annotations

import math
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import InputError, ScenarioLike, _lenses, _native, load_scenario

__all__ = ["model", "identifier", "uncertainties"]

#: A parameter selection: names (each sampled over ``default × (1 ± spread)`` within the
#: engine's domain), a mapping of names to ``(low, high)``, ``"all"`` or ``None``.
Parameters = Union[None, str, Iterable[str], Mapping[str, Tuple[float, float]]]


def identifier(name: str) -> str:
    """The EMA Workbench name of a lab name (``regime.norm_strength`` →
    ``regime__norm_strength``)."""
    ident = re.sub(r"[^0-9A-Za-z_]", "_", name.replace(".", "__"))
    return ident if ident.isidentifier() else f"_{ident}"


def _parameter_ranges(parameters: Parameters, spread: float) -> List[Tuple[str, float, float]]:
    """``(name, low, high)`` of the parameters asked for."""
    if parameters is None:
        return []
    table = {r[0]: r for r in _native.params([])}
    if isinstance(parameters, str):
        if parameters != "all":
            raise InputError(f'parameters: expected names, a mapping of names to (low, high) or "all", got `{parameters}`')
        chosen: Dict[str, Optional[Tuple[float, float]]] = {n: None for n, r in table.items() if r[1] != 0.0}
    elif isinstance(parameters, Mapping):
        chosen = {str(n): tuple(v) for n, v in parameters.items()}  # type: ignore[misc]
    else:
        chosen = {str(n): None for n in parameters}
    if not 0.0 < spread < 1.0:
        raise InputError(f"spread: expected a number between 0 and 1, got {spread}")
    out = []
    for name, given in chosen.items():
        if name not in table:
            raise InputError(f"parameters: unknown parameter `{name}`; dl.params() lists them")
        _, default, _, low, high, _, _ = table[name]
        if given is None:
            if default == 0.0:
                raise InputError(f"parameters: `{name}` defaults to 0, so it has no relative range: give (low, high)")
            a, b = sorted((default * (1.0 - spread), default * (1.0 + spread)))
            given = (max(a, low), min(b, high))
        lo, hi = float(given[0]), float(given[1])
        if not (math.isfinite(lo) and math.isfinite(hi) and low <= lo < hi <= high):
            raise InputError(f"parameters: `{name}`: expected low < high within [{low}, {high}], got ({lo}, {hi})")
        out.append((name, lo, hi))
    return out


def _lever_ranges(levers: Union[bool, Iterable[str]]) -> List[Tuple[str, float, float]]:
    """``(regime.<lever>, 0, 1)`` of the levers asked for."""
    known = [n for n, _ in _native.levers()]
    if levers is True:
        names = known
    elif levers is False or levers is None:
        names = []
    else:
        names = [str(n) for n in levers]
    for n in names:
        if n not in known:
            raise InputError(f"levers: unknown regime lever `{n}`; levers: {', '.join(known)}")
    return [(f"regime.{n}", 0.0, 1.0) for n in names]


def _input_ranges(scenario: Any, inputs: Union[bool, str, Iterable[str]]) -> List[Tuple[str, float, float]]:
    """``(path, low, high)`` of the uncertain inputs asked for."""
    if inputs is False or inputs is None:
        return []
    if inputs is True:
        return [(p, lo, hi) for p, lo, hi, _ in _native.input_ranges(scenario)]
    if isinstance(inputs, str):
        return [(p, lo, hi) for p, lo, hi, _ in _native.input_ranges(scenario, inputs)]
    ranges = {p: (lo, hi) for p, lo, hi, _ in _native.input_ranges(scenario)}
    out = []
    for p in inputs:
        if p not in ranges:
            raise InputError(
                f"inputs: `{p}` is not an uncertain input of scenario `{scenario.name}` with a range; dl.inputs() lists them"
            )
        out.append((p, *ranges[p]))
    return out


def uncertainties(
    scenario: ScenarioLike = None,
    *,
    parameters: Parameters = None,
    levers: Union[bool, Iterable[str]] = True,
    inputs: Union[bool, str, Iterable[str]] = True,
    spread: float = 0.5,
) -> List[Tuple[str, float, float]]:
    """The ``(lab name, low, high)`` of every uncertainty :func:`model` would declare:
    regime levers, then parameters, then scenario inputs."""
    s = load_scenario(scenario)
    return _lever_ranges(levers) + _parameter_ranges(parameters, spread) + _input_ranges(s, inputs)


def model(
    scenario: ScenarioLike = None,
    *,
    name: str = "deterrence",
    parameters: Parameters = None,
    levers: Union[bool, Iterable[str]] = True,
    inputs: Union[bool, str, Iterable[str]] = True,
    outcomes: Optional[Sequence[str]] = None,
    policy_levers: bool = False,
    years: Optional[int] = None,
    regime: Optional[str] = None,
    lenses: Union[str, Iterable[str], None] = None,
    replications: int = 1,
    seed: int = 0,
    spread: float = 0.5,
    threads: Optional[int] = None,
) -> Any:
    """An ``ema_workbench.Model`` of the lab on ``scenario``.

    - ``levers``: regime levers as uncertainties (``True``: all six; or a list of names);
      with ``policy_levers=True`` they are the model's EMA *levers* (policies) instead;
    - ``parameters``: engine parameters (names, sampled over ``default × (1 ± spread)``
      within the engine's domain; a mapping of names to ``(low, high)``; or ``"all"``, every
      parameter with a non-zero default);
    - ``inputs``: the scenario's uncertain inputs (``True``: all; a path prefix such as
      ``"states.PRK."``; or a list of paths), over their ranges;
    - ``outcomes``: catalogue outcomes (default: all) as ``ScalarOutcome``s;
    - ``years``, ``regime``, ``lenses``: fixed settings of every run (as in :func:`run`);
    - ``replications``, ``seed``: runs per experiment and their master seed.

    ``Model.lab_names`` maps each EMA name to the lab's.
    """
    from ema_workbench import Model, RealParameter, ScalarOutcome

    s = load_scenario(scenario)
    catalogue = [o[0] for o in _native.outcomes()]
    wanted = list(outcomes) if outcomes is not None else catalogue
    for o in wanted:
        if o not in catalogue:
            raise InputError(f"outcomes: unknown outcome `{o}`; outcomes: {', '.join(catalogue)}")
    if not isinstance(replications, int) or replications < 1:
        raise InputError(f"replications: expected a whole number of at least 1, got {replications!r}")
    lever_ranges = _lever_ranges(levers)
    other = _parameter_ranges(parameters, spread) + _input_ranges(s, inputs)
    lab_names: Dict[str, str] = {}
    for lab_name, _, _ in lever_ranges + other:
        ident = identifier(lab_name)
        if ident in lab_names and lab_names[ident] != lab_name:
            raise InputError(f"`{lab_name}` and `{lab_names[ident]}` have the same EMA name `{ident}`")
        lab_names[ident] = lab_name
    lens_list = _lenses(lenses)

    def run_experiment(**values: float) -> Dict[str, float]:
        """Runs one experiment: the lab's ensemble with these values set."""
        from . import ensemble

        given = {lab_names[k]: v for k, v in values.items() if k in lab_names}
        e = ensemble(
            s,
            runs=replications,
            seed=seed,
            years=years,
            regime=regime,
            lenses=lens_list,
            values=given,
            threads=threads,
        )
        means = e.results[wanted].mean(skipna=True)
        return {o: float(means[o]) for o in wanted}

    m = Model(identifier(name), function=run_experiment)
    as_params = [RealParameter(identifier(n), lo, hi) for n, lo, hi in lever_ranges]
    if policy_levers:
        m.levers = as_params
        m.uncertainties = [RealParameter(identifier(n), lo, hi) for n, lo, hi in other]
    else:
        m.uncertainties = as_params + [RealParameter(identifier(n), lo, hi) for n, lo, hi in other]
    m.outcomes = [ScalarOutcome(o) for o in wanted]
    m.lab_names = lab_names
    m.lab_scenario = s
    return m
