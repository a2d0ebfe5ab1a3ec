"""Times the Python package against the command line (docs/python.md, "Speed").

    python python/bench.py --cli target/release/deterrence [--runs 200] [--repeats 7]

One run: `dl.run("world-2025", seed=k)` in-process against the wall time of `deterrence run
world-2025 --seed k --out DIR` (a process: start, scenario parsing, the run, file writes).
Ensembles: `dl.ensemble("world-2025", runs=N, seed=1)` against `deterrence run world-2025
--runs N --seed 1 --out DIR`, as runs per second. Prints the minimum and median of each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import deterrence_lab as dl


def timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def cli_run(cli: str, args: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([cli, *args, "--out", str(Path(tmp) / "out")], check=True, stdout=subprocess.DEVNULL)


def line(label: str, values: list, unit: str = "ms", scale: float = 1000.0) -> None:
    print(f"{label:<58} min {min(values) * scale:9.1f} {unit}   median {statistics.median(values) * scale:9.1f} {unit}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path to the deterrence binary (a release build)")
    ap.add_argument("--scenario", default="world-2025")
    ap.add_argument("--runs", type=int, default=200, help="runs per ensemble")
    ap.add_argument("--repeats", type=int, default=7)
    a = ap.parse_args()
    s = dl.load_scenario(a.scenario)
    dl.run(s, seed=0)  # warm-up (first import, page faults)
    print(f"{a.scenario}, 50 years; {a.repeats} repeats; build {dl.build_info()['git_commit']}")

    py_run = [timed(lambda k=k: dl.run(s, seed=k)) for k in range(a.repeats)]
    py_run_nostates = [timed(lambda k=k: dl.run(s, seed=k, states=False)) for k in range(a.repeats)]
    py_run_name = [timed(lambda k=k: dl.run(a.scenario, seed=k, states=False)) for k in range(a.repeats)]
    cli_one = [timed(lambda k=k: cli_run(a.cli, ["run", a.scenario, "--seed", str(k)])) for k in range(a.repeats)]
    line("dl.run(scenario, seed=k)", py_run)
    line("dl.run(scenario, seed=k, states=False)", py_run_nostates)
    line("dl.run('name', seed=k, states=False) (parses the scenario)", py_run_name)
    line("deterrence run NAME --seed k --out DIR (process)", cli_one)

    n = a.runs
    py_ens = [timed(lambda: dl.ensemble(s, runs=n, seed=1)) for _ in range(a.repeats)]
    cli_ens = [timed(lambda: cli_run(a.cli, ["run", a.scenario, "--runs", str(n), "--seed", "1"])) for _ in range(a.repeats)]
    rate = lambda ts: [n / t for t in ts]  # noqa: E731
    print(f"{'ensembles of ' + str(n) + ' runs, runs/s (higher is faster)':<58} {'max':>3} {'':>13}   median")
    for label, ts in (("dl.ensemble(runs=N, seed=1)", py_ens), ("deterrence run NAME --runs N --seed 1 --out DIR", cli_ens)):
        r = rate(ts)
        print(f"{label:<58} max {max(r):9.1f} /s   median {statistics.median(r):9.1f} /s")


if __name__ == "__main__":
    main()
