"""Type stubs of ``deterrence_lab`` (see ``__init__.py`` for the documentation)."""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._native import InputError as InputError
from ._native import Scenario as Scenario

ScenarioLike = Union[Scenario, str, os.PathLike[str], None]
_Values = Optional[Mapping[str, float]]
_Lenses = Union[str, Iterable[str], None]
_PathLike = Union[str, os.PathLike[str]]

@dataclass(frozen=True)
class Run:
    seed: int
    scenario: Scenario
    years: Any
    dyad_years: Any
    events: Any
    states: Any
    manifest: Dict[str, Any]
    outcomes: Dict[str, float]
    csv: Dict[str, str]
    def write(self, directory: _PathLike) -> Path: ...

@dataclass(frozen=True)
class Ensemble:
    seed: int
    runs: int
    scenario: Scenario
    results: Any
    csv: str
    @property
    def outcomes(self) -> Any: ...

@dataclass(frozen=True)
class Experiment:
    runs: int
    results: Any
    years: Any
    states: Any
    summary: Any
    analysis: Optional[Dict[str, Any]]
    directory: Optional[Path]

def scenarios(frame: str = "pandas") -> Any: ...
def load_scenario(source: ScenarioLike = None, *, origin: Optional[str] = None) -> Scenario: ...
def inputs(scenario: ScenarioLike = None, frame: str = "pandas") -> Any: ...
def run(
    scenario: ScenarioLike = None,
    *,
    seed: Optional[int] = None,
    years: Optional[int] = None,
    regime: Optional[str] = None,
    lenses: _Lenses = None,
    params: _Values = None,
    levers: _Values = None,
    set: _Values = None,
    values: _Values = None,
    states: bool = True,
    frame: str = "pandas",
) -> Run: ...
def ensemble(
    scenario: ScenarioLike = None,
    *,
    runs: int,
    seed: Optional[int] = None,
    years: Optional[int] = None,
    regime: Optional[str] = None,
    lenses: _Lenses = None,
    params: _Values = None,
    levers: _Values = None,
    set: _Values = None,
    values: _Values = None,
    threads: Optional[int] = None,
    frame: str = "pandas",
) -> Ensemble: ...
def stability(
    scenario: ScenarioLike = None,
    *,
    set: _Values = None,
    alert: str = "both",
    bound: str = "best",
    pair: Union[str, Tuple[str, str], None] = None,
    all: bool = False,
    exhaustive: bool = False,
    frame: str = "pandas",
) -> Any: ...
def experiment(
    spec: _PathLike,
    *,
    out: Optional[_PathLike] = None,
    resume: bool = False,
    analyse: bool = True,
    threads: Optional[int] = None,
    frame: str = "pandas",
) -> Experiment: ...
def analyze(directory: _PathLike, frame: str = "pandas") -> Experiment: ...
def panel(
    unit: str = "state-year",
    *,
    start: int = 1945,
    end: int = 2025,
    directed: bool = False,
    frame: str = "pandas",
) -> Any: ...
def outcomes(frame: str = "pandas") -> Any: ...
def params(lenses: _Lenses = None, frame: str = "pandas") -> Any: ...
def levers(frame: str = "pandas") -> Any: ...
def lenses() -> List[str]: ...
def build_info() -> Dict[str, str]: ...
def read_csv(source: Any) -> Any: ...
