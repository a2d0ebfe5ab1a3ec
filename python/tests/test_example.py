"""The notebook-style example (examples/python/) runs from start to end."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_tour_runs(tmp_path):
    tour = ROOT / "examples" / "python" / "tour.py"
    p = subprocess.run(
        [sys.executable, str(tour)], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=600
    )
    assert p.returncode == 0, p.stderr
    assert "world-2025" in p.stdout and "first_strike_stability_index" in p.stdout
    assert "mass" in p.stdout and "coverage" in p.stdout  # the PRIM peeling trajectory
