"""Times the Python package against the command line (docs/python.md, "Speed").

    python python/benches/speed.py --cli target/release/deterrence [--runs 1000] [--repeats 9]

One run: `dl.run("world-2025", seed=k)` in-process (and the Rust call under it alone) against
the wall time of `deterrence run world-2025 --seed k --out DIR` (a process: start, scenario
parsing, the run, file writes). Ensembles: `dl.ensemble("world-2025", runs=N, seed=1)` against
`deterrence run world-2025 --runs N --seed 1 --out DIR`, as runs per second. The contenders
alternate within each repeat, so a busy machine slows them alike. Prints the minimum and median
time (fastest and median rate) of each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import deterrence_lab as dl


def timed(f) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def cli_run(cli: str, args: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([cli, *args, "--out", str(Path(tmp) / "out")], check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path to the deterrence binary (a release build)")
    ap.add_argument("--scenario", default="world-2025")
    ap.add_argument("--runs", type=int, default=1000, help="runs per ensemble")
    ap.add_argument("--repeats", type=int, default=9)
    a = ap.parse_args()
    s = dl.load_scenario(a.scenario)
    dl.run(s, seed=0)  # warm-up (first call: page faults, thread pool)
    print(f"{a.scenario}; {a.repeats} repeats; {dl.build_info()['tool']} at {dl.build_info()['git_commit']}")

    one = {
        "dl.run(scenario, seed=k)": lambda k: dl.run(s, seed=k),
        "dl.run(scenario, seed=k, states=False)": lambda k: dl.run(s, seed=k, states=False),
        "dl.run('NAME', seed=k, states=False) (parses the scenario)": lambda k: dl.run(a.scenario, seed=k, states=False),
        "the Rust call alone (run + CSV text, no DataFrames)": lambda k: dl._native.run(s, k, states=False),
        "deterrence run NAME --seed k --out DIR (a process)": lambda k: cli_run(a.cli, ["run", a.scenario, "--seed", str(k)]),
    }
    times = {label: [] for label in one}
    for k in range(a.repeats):
        for label, f in one.items():
            times[label].append(timed(lambda: f(k)))
    print("one run (ms)")
    for label, ts in times.items():
        print(f"  {label:<62} min {min(ts) * 1e3:7.1f}   median {statistics.median(ts) * 1e3:7.1f}")

    n = a.runs
    many = {
        "dl.ensemble(scenario, runs=N, seed=1)": lambda: dl.ensemble(s, runs=n, seed=1),
        "deterrence run NAME --runs N --seed 1 --out DIR": lambda: cli_run(
            a.cli, ["run", a.scenario, "--runs", str(n), "--seed", "1"]
        ),
    }
    rates = {label: [] for label in many}
    for _ in range(a.repeats):
        for label, f in many.items():
            rates[label].append(n / timed(f))
    print(f"ensembles of {n} runs (runs/s)")
    for label, rs in rates.items():
        print(f"  {label:<62} max {max(rs):7.1f}   median {statistics.median(rs):7.1f}")


if __name__ == "__main__":
    main()
