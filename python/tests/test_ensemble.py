"""`dl.ensemble`: the CLI's `run --runs` results byte for byte, independent of threads, with the
GIL released."""

from __future__ import annotations

import threading
import time

import pandas as pd
import pandas.testing as pdt

import deterrence_lab as dl
from conftest import flags


def test_ensemble_equals_run_runs_byte_for_byte(cli, tmp_path):
    out = tmp_path / "cli"
    params, levers = {"accident_hazard": 0.003}, {"enforcement": 0.8}
    cli(
        "run", "korea", "--runs", "24", "--seed", "7", "--years", "30", "--regime", "eroded",
        "--lens", "organisational", *flags(params, levers), "--out", str(out),
    )
    e = dl.ensemble(
        "korea", runs=24, seed=7, years=30, regime="eroded", lenses="organisational",
        params=params, levers=levers,
    )
    text = (out / "results.csv").read_text(encoding="utf-8")
    assert e.csv == text
    pdt.assert_frame_equal(e.results, dl.read_csv(out / "results.csv"))
    assert len(e.results) == 24 and list(e.results["run"]) == list(range(24))
    assert list(e.outcomes.columns) == list(dl.outcomes()["name"])


def test_thread_count_does_not_change_results():
    a = dl.ensemble("south-asia", runs=16, seed=3, years=20, threads=1)
    b = dl.ensemble("south-asia", runs=16, seed=3, years=20, threads=3)
    c = dl.ensemble("south-asia", runs=16, seed=3, years=20)
    assert a.csv == b.csv == c.csv


def test_first_run_of_an_ensemble_is_the_single_run():
    e = dl.ensemble("korea", runs=3, seed=99, years=20)
    r = dl.run("korea", seed=99, years=20)
    for name, value in r.outcomes.items():
        x = e.results[name].iloc[0]
        assert (pd.isna(x) and pd.isna(value)) or x == value, name


def test_the_gil_is_released_while_runs_compute():
    # A Python thread keeps counting while the ensemble runs: it could not if the ensemble
    # held the GIL for its whole duration.
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    try:
        start = time.perf_counter()
        dl.ensemble("world-2025", runs=400, seed=1, years=100)
        end = time.perf_counter()
    finally:
        stop.set()
        t.join()
    during = [x for x in ticks if start < x < end]
    assert end - start > 0.05, "the ensemble was too short to tell"
    assert len(during) >= 5, f"only {len(during)} ticks in {end - start:.3f} s"
