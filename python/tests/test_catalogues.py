"""The catalogues: scenarios, outcomes, parameters, levers, lenses, inputs, build info."""

from __future__ import annotations

import json

import pytest

import deterrence_lab as dl


def test_scenarios_are_the_built_ins(cli):
    s = dl.scenarios()
    assert list(s.columns) == ["name", "title", "path"]
    assert {"world-2025", "korea", "south-asia", "history-1945"} <= set(s["name"])
    listed = cli.out("scenario", "list")
    lines = listed.splitlines()
    assert len(lines) == len(s)
    for line, (name, title) in zip(lines, zip(s["name"], s["title"])):
        assert line.split()[0] == name and title in line
    for name in s["name"]:
        assert dl.load_scenario(name).name  # every built-in loads


def test_outcomes_are_the_catalogue(cli):
    doc = json.loads(cli.out("outcomes", "--format", "json"))
    o = dl.outcomes()
    assert list(o.columns) == ["name", "label", "unit", "description"]
    assert o.to_dict("records") == [
        {k: x[k] for k in ("name", "label", "unit", "description")} for x in doc["outcomes"]
    ]


@pytest.mark.parametrize("lenses", [[], ["organisational"], ["stability-instability", "institutionalist"]])
def test_params_are_deterrence_params(cli, lenses):
    args = ["params", "--format", "json"] + (["--lens", ",".join(lenses)] if lenses else [])
    doc = json.loads(cli.out(*args))
    p = dl.params(lenses)
    assert list(p.columns) == ["name", "default", "value", "low", "high", "description", "source"]
    assert list(p["name"]) == [r["name"] for r in doc["parameters"]]
    assert list(p["default"]) == [r["default"] for r in doc["parameters"]]
    assert list(p["value"]) == [r["value"] for r in doc["parameters"]]
    assert list(p["description"]) == [r["doc"] for r in doc["parameters"]]


def test_parameter_ranges_are_the_engine_domain():
    p = dl.params().set_index("name")
    assert (p["low"] <= p["default"]).all() and (p["default"] <= p["high"]).all()
    assert p.loc["counterforce_sspk", ["low", "high"]].tolist() == [0.0, 1.0]
    assert p.loc["max_rounds", ["low", "high"]].tolist() == [1.0, 1000.0]
    assert p.loc["willingness_intercept", "low"] == -1e9
    # The ends are values the lab accepts; just past them it refuses.
    dl.run("korea", seed=1, years=1, params={"counterforce_sspk": 1.0})
    with pytest.raises(dl.InputError, match="at most 1"):
        dl.run("korea", seed=1, years=1, params={"counterforce_sspk": 1.0000001})


def test_levers_and_lenses():
    lv = dl.levers()
    assert list(lv["name"]) == [
        "norm_strength", "verification", "enforcement", "selectivity", "inequity", "assurance_credibility"
    ]
    assert (lv["low"] == 0).all() and (lv["high"] == 1).all()
    assert dl.lenses() == ["deterrence", "institutionalist", "organisational", "stability-instability"]


def test_inputs_are_deterrence_inputs(cli):
    doc = json.loads(cli.out("inputs", "korea", "--format", "json"))
    i = dl.inputs("korea")
    assert list(i.columns) == ["path", "low", "best", "high"]
    assert i.to_dict("records") == doc["inputs"]


def test_scenario_object(cli):
    s = dl.load_scenario("korea")
    assert s.origin == "built-in:scenarios/korea.toml"
    assert "PRK" in s.states
    assert s.hash == dl.run(s, seed=1, years=1).manifest["provenance"]["scenario_hash"]
    assert "korea" in repr(s)


def test_build_info_is_the_manifests():
    info = dl.build_info()
    m = dl.run("korea", seed=1, years=1).manifest
    assert info["git_commit"] == m["provenance"]["git_commit"]
    assert info["rand_versions"] == m["rand_versions"]
    assert info["rng"] == m["rng"]


def test_polars_catalogues():
    import polars as pl
    assert isinstance(dl.params(frame="polars"), pl.DataFrame)
    assert dl.outcomes(frame="polars").columns == ["name", "label", "unit", "description"]
    with pytest.raises(dl.InputError, match="frame"):
        dl.outcomes(frame="arrow")


def test_the_default_scenario_is_world_2025():
    assert dl.load_scenario().name == dl.load_scenario("world-2025").name
    assert dl.load_scenario().origin == "built-in:scenarios/world-2025.toml"
    a = dl.run(seed=3, years=2, states=False)
    b = dl.run("world-2025", seed=3, years=2, states=False)
    assert a.csv == b.csv
