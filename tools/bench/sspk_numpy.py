"""Vectorised numpy on the kill-probability kernel's grid, on one core, for comparison with
`cargo bench -p deterrence-bench --bench kernel` (batch_1m).

The grid is that of `deterrence_bench::kernel_grid(100)`: 100 yields (1-1,000 kt), 100 CEPs
(50-500 m) and 100 hardness values (5-5,000 psi), log-spaced, yield slowest; reliability 0.8,
one warhead. Two numpy versions are timed:

- `straightforward`: every element's Brode lethal radius by vectorised bisection (80 halvings
  of a geometric interval, as `exchange::blast::brode_scaled_range`), then SSPK and kill
  probabilities;
- `unique`: the bisection only over the distinct hardness values (np.unique), the rest per
  element, i.e. numpy doing what `exchange::batch::evaluate` does.

Usage: OMP_NUM_THREADS=1 python3 tools/bench/sspk_numpy.py [--repeat 5]
Prints the minimum and median seconds of each version over the repeats.
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

METRES_PER_FOOT = 0.3048
METRES_PER_NMI = 1852.0


def grid(n=100):
    def axis(lo, hi):
        k = np.arange(n) / (n - 1)
        return lo * (hi / lo) ** k

    y, c, h = np.meshgrid(axis(1.0, 1000.0), axis(50.0, 500.0), axis(5.0, 5000.0), indexing="ij")
    return y.ravel(), c.ravel(), h.ravel()


def overpressure(r):
    return (
        10.47 / r**1.22
        + 2.9902 / r**3.053
        - 4.166 / (1.0 + 0.6096 * r**1.83)
        - 0.2905
        + 1.094 * r * r / (781.2 - 123.4 * r + 37.98 * r**1.5 + r * r)
    )


def scaled_range(h):
    lo = np.full_like(h, 1e-3)
    hi = np.full_like(h, 50.0)
    for _ in range(80):
        mid = np.sqrt(lo * hi)
        above = overpressure(mid) > h
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return 0.5 * (lo + hi)


def rest(r, y, c, reliability=0.8, warheads=1.0):
    lr = r * 1000.0 * np.cbrt(y) * METRES_PER_FOOT
    ratio = lr / c
    sspk = 1.0 - 0.5 ** (ratio * ratio)
    p = reliability * sspk
    pn = 1.0 - (1.0 - p) ** warheads
    k = (y / 1000.0) ** (2.0 / 3.0) / (c / METRES_PER_NMI) ** 2
    return lr, sspk, pn, k


def straightforward(y, c, h):
    return rest(scaled_range(h), y, c)


def unique(y, c, h):
    values, index = np.unique(h, return_inverse=True)
    return rest(scaled_range(values)[index], y, c)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    y, c, h = grid()
    for name, f in [("straightforward", straightforward), ("unique", unique)]:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            f(y, c, h)
            times.append(time.perf_counter() - t)
        print(f"numpy {name}: {len(y)} evaluations, min {min(times):.4f} s, median {statistics.median(times):.4f} s")


if __name__ == "__main__":
    main()
