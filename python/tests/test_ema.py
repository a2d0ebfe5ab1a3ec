"""The EMA Workbench adapter: a small `perform_experiments` with the real `ema-workbench`,
every experiment's outcomes checked against the CLI's for the same values and seed; PRIM,
feature scoring and SALib run on the results unchanged."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import deterrence_lab as dl
from deterrence_lab import ema

from ema_workbench import Samplers  # the real package: a hard requirement of the tests


def _cli_values(lab_names, row):
    """The CLI flags setting an experiment's values."""
    args = []
    for ident, lab in lab_names.items():
        v = repr(float(row[ident]))
        if lab.startswith("regime."):
            args += ["--lever", f"{lab[len('regime.'):]}={v}"]
        elif lab.split(".")[0] in ("states", "rivalries", "alliances", "exchange"):
            args += ["--set", f"{lab}={v}"]
        else:
            args += ["--param", f"{lab}={v}"]
    return args


@pytest.mark.parametrize("replications", [1, 3])
def test_perform_experiments_matches_the_cli(cli, tmp_path, replications):
    from ema_workbench import perform_experiments

    m = ema.model(
        "korea",
        years=15,
        levers=["norm_strength", "enforcement"],
        parameters=["accident_hazard"],
        inputs="states.PRK.",
        outcomes=["nuclear_uses", "crises", "war_hazard_nuclear_dyads", "nuclear_armed_states_end"],
        replications=replications,
        seed=11,
    )
    names = [u.name for u in m.uncertainties]
    assert names[:3] == ["regime__norm_strength", "regime__enforcement", "accident_hazard"]
    assert len(names) > 3 and all(n.startswith("states__PRK__") for n in names[3:])
    experiments, outcomes = perform_experiments(m, scenarios=4, uncertainty_sampling=Samplers.LHS)
    assert len(experiments) == 4 and set(outcomes) == {o.name for o in m.outcomes}
    for k, row in experiments.iterrows():
        out = tmp_path / f"cli-{replications}-{k}"
        cli(
            "run", "korea", "--years", "15", "--runs", str(replications), "--seed", "11",
            *_cli_values(m.lab_names, row), "--out", str(out),
        )
        results = dl.read_csv(out / "results.csv")
        for name, values in outcomes.items():
            kept = [v for v in results[name] if v == v]
            expected = sum(kept) / len(kept) if kept else math.nan
            got = values[k]
            if replications == 1:
                assert (math.isnan(got) and math.isnan(expected)) or got == expected, (k, name)
            else:
                assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected, rel=1e-12), (k, name)


def test_ranges_are_the_labs():
    m = ema.model("korea", parameters={"accident_hazard": (0.0, 0.01)}, inputs=True)
    by_name = {u.name: u for u in m.uncertainties}
    for lever in dl.levers()["name"]:
        u = by_name[f"regime__{lever}"]
        assert (u.lower_bound, u.upper_bound) == (0.0, 1.0)
    assert (by_name["accident_hazard"].lower_bound, by_name["accident_hazard"].upper_bound) == (0.0, 0.01)
    inputs = dl.inputs("korea").set_index("path")
    n_inputs = 0
    for ident, lab in m.lab_names.items():
        if lab in inputs.index:
            n_inputs += 1
            u = by_name[ident]
            assert inputs.loc[lab, "low"] <= u.lower_bound < u.upper_bound <= inputs.loc[lab, "high"], lab
    assert n_inputs > 0
    assert [o.name for o in m.outcomes] == list(dl.outcomes()["name"])
    # Relative ranges stay in the engine's domain.
    p = dl.params().set_index("name")
    (name, lo, hi), = ema.uncertainties("korea", parameters=["counterforce_sspk"], levers=False, inputs=False)
    assert lo == pytest.approx(p.loc[name, "default"] * 0.5) and hi == min(1.0, p.loc[name, "default"] * 1.5)


def test_levers_as_policies():
    m = ema.model("korea", inputs=False, parameters=["accident_hazard"], policy_levers=True)
    assert [l.name for l in m.levers] == [f"regime__{n}" for n in dl.levers()["name"]]
    assert [u.name for u in m.uncertainties] == ["accident_hazard"]


def test_adapter_errors():
    with pytest.raises(dl.InputError, match="unknown parameter `nope`"):
        ema.model("korea", parameters=["nope"])
    with pytest.raises(dl.InputError, match="unknown regime lever `nerve`"):
        ema.model("korea", levers=["nerve"])
    with pytest.raises(dl.InputError, match="unknown outcome `utility`"):
        ema.model("korea", outcomes=["utility"])
    with pytest.raises(dl.InputError, match="not an uncertain input"):
        ema.model("korea", inputs=["states.PRK.nothing"])
    with pytest.raises(dl.InputError, match="picks no uncertain input"):
        ema.model("korea", inputs="states.ZZZ.")
    with pytest.raises(dl.InputError, match="defaults to 0"):
        zero = dl.params().query("default == 0")["name"].iloc[0]
        ema.model("korea", parameters=[zero])


def test_prim_feature_scoring_and_salib_run_unchanged():
    from ema_workbench import perform_experiments
    from ema_workbench.analysis import feature_scoring, prim
    from ema_workbench.em_framework.salib_samplers import get_SALib_problem
    from SALib.analyze import sobol

    m = ema.model(
        "korea", years=30, levers=["norm_strength", "enforcement", "inequity"], inputs="rivalries.",
        outcomes=["crises", "wars"], replications=2,
    )
    experiments, outcomes = perform_experiments(m, scenarios=40)
    x = experiments[[u.name for u in m.uncertainties]]
    scores = feature_scoring.get_feature_scores_all(x, outcomes)
    assert set(scores.index) == set(x.columns)
    y = outcomes["crises"] > np.median(outcomes["crises"])
    assert 0 < y.sum() < len(y), "the outcome must vary for PRIM to have something to find"
    box = prim.Prim(x, y, threshold=0.5).find_box()
    assert len(box.peeling_trajectory) >= 1
    sobol_experiments, sobol_outcomes = perform_experiments(m, scenarios=8, uncertainty_sampling=Samplers.SOBOL)
    problem = get_SALib_problem(m.uncertainties)
    indices = sobol.analyze(problem, sobol_outcomes["crises"].astype(float), calc_second_order=True)
    assert len(indices["S1"]) == len(m.uncertainties)
