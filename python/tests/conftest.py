"""Shared fixtures: the repository root and the `deterrence` binary the tests use as the
reference (the same build's CLI; `scripts/test` builds it and passes it in DETERRENCE_BIN)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _binary() -> Path:
    given = os.environ.get("DETERRENCE_BIN")
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for profile in ("release", "debug"):
        candidate = target / profile / "deterrence"
        if candidate.is_file():
            return candidate
    raise RuntimeError(
        "no `deterrence` binary to compare against: build it (cargo build -p deterrence-cli) "
        "or set DETERRENCE_BIN to its path"
    )


class Cli:
    """Runs the `deterrence` binary from the repository root."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        p = subprocess.run(
            [str(self.path), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
        )
        if check and p.returncode != 0:
            raise AssertionError(f"deterrence {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
        return p

    def out(self, *args: str) -> str:
        """Standard output of a successful command."""
        return self(*args).stdout


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = _binary()
    if not path.is_file():
        raise RuntimeError(f"DETERRENCE_BIN={path} is not a file")
    return Cli(path)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def flags(params=None, levers=None, sets=None) -> List[str]:
    """The CLI flags of Python's override arguments (values written exactly, with repr)."""
    out: List[str] = []
    for flag, given in (("--param", params), ("--lever", levers), ("--set", sets)):
        for k, v in (given or {}).items():
            out += [flag, f"{k}={float(v)!r}"]
    return out
