"""Reference values for the stats crate's agreement tests with SALib and the EMA Workbench.

Prints what crates/stats/tests/known_answers.rs checks against:

- `sobol_second_order::agrees_with_salib_on_the_same_outputs`: SALib's first-, total- and
  second-order Sobol' indices of the Ishigami function (a = 7, b = 0.1) on a Saltelli design
  with N = 1024 base rows, built here from SciPy's unscrambled Sobol' sequence in 6 dimensions
  with its first point dropped (A = the first 3 columns, B = the last 3), in SALib's row order
  (A, AB_1..AB_3, BA_1..BA_3, B for each base row);
- `prim_workbench::peeling_matches_the_ema_workbench`: the EMA Workbench's PRIM peeling
  trajectory (objective ORIGINAL, peel_alpha = mass_min = 0.05, threshold 0.8) on 1,000 cases
  from irrational rotations, as (cases, positives, input, upper side, new bound) per peel;
- `prim_workbench::quasi_p_values_match_the_ema_workbench`: the Workbench's quasi-p-values of
  boxes 20, 31, 36 and 48 of that trajectory.

The values in the tests are reproduced by SALib 1.6.0, SciPy 1.17.1 and ema_workbench 2.5.3:

    python3 -m venv /tmp/ref && /tmp/ref/bin/pip install "SALib==1.6.0" scipy "ema_workbench==2.5.3"
    /tmp/ref/bin/python tools/reference/scenario_discovery.py
"""

import warnings

import numpy as np
import pandas as pd
from scipy.stats import qmc

warnings.filterwarnings("ignore")


def ishigami(x):
    return np.sin(x[:, 0]) + 7.0 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def salib_indices():
    from SALib.analyze import sobol

    n, k = 1024, 3
    points = qmc.Sobol(d=2 * k, scramble=False).random(n + 1)[1:]
    a, b = points[:, :k], points[:, k:]
    rows = []
    for j in range(n):
        rows.append(a[j])
        for i in range(k):
            ab = a[j].copy()
            ab[i] = b[j, i]
            rows.append(ab)
        for i in range(k):
            ba = b[j].copy()
            ba[i] = a[j, i]
            rows.append(ba)
        rows.append(b[j])
    x = -np.pi + 2.0 * np.pi * np.array(rows)
    problem = {"num_vars": k, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * k}
    s = sobol.analyze(problem, ishigami(x), calc_second_order=True, print_to_console=False, seed=1)
    print("SALib S1", [f"{v:.10f}" for v in s["S1"]])
    print("SALib ST", [f"{v:.10f}" for v in s["ST"]])
    print("SALib S2", {(i, j): f"{s['S2'][i, j]:.10e}" for i in range(k) for j in range(i + 1, k)})


def rotation_cases():
    def frac(i, c):
        return (i * c) % 1.0

    rows, labels = [], []
    for i in range(1, 1001):
        t = float(i)
        p = [frac(t, 0.6180339887498949), frac(t, 0.41421356237309515), frac(t, 0.7320508075688772), float(i % 3)]
        rows.append(p)
        labels.append(((p[0] > 0.6) and (p[1] < 0.4)) ^ (frac(t, 0.2360679774997898) < 0.03))
    return pd.DataFrame(rows, columns=["x1", "x2", "x3", "x4"]), np.array(labels)


def workbench_prim():
    from ema_workbench.analysis import prim
    from ema_workbench.analysis.prim import PRIMObjectiveFunctions

    x, y = rotation_cases()
    p = prim.Prim(x, y, threshold=0.8, obj_function=PRIMObjectiveFunctions.ORIGINAL, peel_alpha=0.05, mass_min=0.05)
    box = p.find_box()
    lims = box.box_lims
    for j in range(1, len(lims)):
        before, after = lims[j - 1], lims[j]
        inside = np.all((x.values >= after.loc[0].values) & (x.values <= after.loc[1].values), axis=1)
        for d, name in enumerate(x.columns):
            for side, row in ((False, 0), (True, 1)):
                if after.loc[row, name] != before.loc[row, name]:
                    print(f"peel {j}: ({int(inside.sum())}, {int(y[inside].sum())}, {d}, {str(side).lower()}, {float(after.loc[row, name])!r})")
    for index in (20, 31, 36, 48):
        box.select(index)
        print(f"box {index} qp", box.qp[index])


if __name__ == "__main__":
    salib_indices()
    workbench_prim()
