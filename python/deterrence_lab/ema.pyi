"""Type stubs of ``deterrence_lab.ema`` (see ``ema.py`` for the documentation)."""

from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import ScenarioLike

Parameters = Union[None, str, Iterable[str], Mapping[str, Tuple[float, float]]]

def identifier(name: str) -> str: ...
def uncertainties(
    scenario: ScenarioLike = None,
    *,
    parameters: Parameters = None,
    levers: Union[bool, Iterable[str]] = True,
    inputs: Union[bool, str, Iterable[str]] = True,
    spread: float = 0.5,
) -> List[Tuple[str, float, float]]: ...
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
) -> Any: ...
