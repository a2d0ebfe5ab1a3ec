"""`dl.run`: the same seed gives the CLI's files byte for byte, and DataFrames with the CSV
files' columns and values."""

from __future__ import annotations

import json

import pandas as pd
import pandas.testing as pdt
import pytest

import deterrence_lab as dl
from conftest import flags

CASES = [
    ("world-2025", 42, {}),
    (
        "korea",
        7,
        dict(
            years=30,
            regime="failed",
            lenses=["organisational", "stability-instability"],
            params={"accident_hazard": 0.002},
            levers={"norm_strength": 0.3},
            sets={"states.PRK.stockpile_warheads": 60},
        ),
    ),
]


def _cli_args(scenario, seed, kw):
    args = ["run", scenario, "--seed", str(seed)]
    if "years" in kw:
        args += ["--years", str(kw["years"])]
    if "regime" in kw:
        args += ["--regime", kw["regime"]]
    if "lenses" in kw:
        args += ["--lens", ",".join(kw["lenses"])]
    return args + flags(kw.get("params"), kw.get("levers"), kw.get("sets"))


def _py(scenario, seed, kw, **extra):
    return dl.run(
        scenario,
        seed=seed,
        years=kw.get("years"),
        regime=kw.get("regime"),
        lenses=kw.get("lenses"),
        params=kw.get("params"),
        levers=kw.get("levers"),
        set=kw.get("sets"),
        **extra,
    )


@pytest.mark.parametrize("scenario,seed,kw", CASES, ids=[c[0] for c in CASES])
def test_run_equals_the_cli_byte_for_byte(cli, tmp_path, scenario, seed, kw):
    out = tmp_path / "cli"
    cli(*_cli_args(scenario, seed, kw), "--out", str(out))
    r = _py(scenario, seed, kw)
    for name in ("years", "dyad_years", "events"):
        cli_text = (out / f"{name}.csv").read_text(encoding="utf-8")
        assert r.csv[name] == cli_text, name
        # The DataFrame is the CSV file: same columns, same values (exact doubles).
        expected = dl.read_csv(out / f"{name}.csv")
        frame = getattr(r, name)
        assert list(frame.columns) == cli_text.splitlines()[0].split(",")
        pdt.assert_frame_equal(frame, expected, check_exact=True)
    assert r.manifest == json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert r.manifest["seed"] == seed


def test_numbers_are_the_doubles_the_cli_wrote(cli, tmp_path):
    # Bit for bit: every float column of years.csv read back equals Python's to the last bit.
    out = tmp_path / "cli"
    cli("run", "south-asia", "--seed", "3", "--out", str(out))
    r = dl.run("south-asia", seed=3)
    expected = dl.read_csv(out / "years.csv")
    for c in expected.select_dtypes("float").columns:
        a = r.years[c].to_numpy()
        b = expected[c].to_numpy()
        assert (a.view("u8") == b.view("u8")).all() or pd.isna(a).tolist() == pd.isna(b).tolist(), c


def test_states_match_an_experiment_recording_every_state_variable(cli, tmp_path):
    series = json.loads(cli.out("series", "--format", "json"))
    states = [s["name"] for s in series["states"]]
    spec = tmp_path / "spec.toml"
    spec.write_text(
        "schema = 1\n[experiment]\nname = \"states\"\nscenario = \"korea\"\nyears = 15\nseed = 11\n"
        "replications = 1\n[design]\nkind = \"cases\"\n[[cases]]\nname = \"base\"\nvalues = {}\n"
        f"[record]\nstates = {json.dumps(states)}\n",
        encoding="utf-8",
    )
    out = tmp_path / "x"
    cli("experiment", str(spec), "--out", str(out))
    r = dl.run("korea", seed=11, years=15)
    assert r.csv["states"] == (out / "states.csv").read_text(encoding="utf-8")
    assert list(r.states.columns) == ["point", "replication", "run", "year", "iso3", *states]


def test_outcomes_are_the_catalogue_of_the_run(cli, tmp_path):
    out = tmp_path / "cli"
    cli("run", "korea", "--runs", "1", "--seed", "42", "--years", "25", "--out", str(out))
    expected = dl.read_csv(out / "results.csv").iloc[0]
    r = dl.run("korea", seed=42, years=25)
    assert list(r.outcomes) == list(dl.outcomes()["name"])
    for name, value in r.outcomes.items():
        assert (pd.isna(value) and pd.isna(expected[name])) or value == expected[name], name


def test_polars_frames_hold_the_same_values():
    import polars as pl
    a = dl.run("korea", seed=5, years=20)
    b = dl.run("korea", seed=5, years=20, frame="polars")
    assert isinstance(b.years, pl.DataFrame)
    assert b.years.columns == list(a.years.columns)
    for name in ("years", "dyad_years", "events", "states"):
        pf, pd_ = getattr(b, name), getattr(a, name)
        assert pf.columns == list(pd_.columns), name
        for c in pf.columns:
            left = [None if v is None or v != v else v for v in pf[c].to_list()]
            right = [None if v != v else v for v in pd_[c].tolist()]
            assert left == right, (name, c)
    assert b.events.height == len(a.events)


def test_a_run_without_a_seed_records_one_that_reproduces_it():
    a = dl.run("korea", years=10)
    b = dl.run("korea", years=10, seed=a.seed)
    assert a.csv == b.csv
    assert a.manifest["seed"] == a.seed


def test_states_can_be_left_out_without_changing_the_run():
    a = dl.run("korea", seed=9, years=10, states=False)
    b = dl.run("korea", seed=9, years=10)
    assert a.states is None and "states" not in a.csv
    assert a.csv["years"] == b.csv["years"] and a.csv["events"] == b.csv["events"]


def test_scenarios_from_text_path_and_object_run_the_same(tmp_path):
    s = dl.load_scenario("korea")
    path = tmp_path / "k.toml"
    path.write_text(s.text, encoding="utf-8")
    a = dl.run(s, seed=1, years=10)
    b = dl.run(path, seed=1, years=10)
    c = dl.run(s.text, seed=1, years=10)
    assert a.csv["years"] == b.csv["years"] == c.csv["years"]
    assert b.manifest["provenance"]["scenario_origin"] == str(path)
    assert c.manifest["provenance"]["scenario_origin"] == "<text>"


def test_values_use_the_experiment_name_space():
    a = dl.run("korea", seed=2, years=10, levers={"norm_strength": 0.2}, params={"accident_hazard": 0.01})
    b = dl.run("korea", seed=2, years=10, values={"regime.norm_strength": 0.2, "accident_hazard": 0.01})
    assert a.csv["years"] == b.csv["years"]


def test_write_puts_the_cli_files_in_a_directory(tmp_path):
    r = dl.run("korea", seed=4, years=5)
    d = r.write(tmp_path / "out")
    assert sorted(p.name for p in d.iterdir()) == [
        "dyad_years.csv", "events.csv", "manifest.json", "states.csv", "years.csv"
    ]
    assert (d / "years.csv").read_text(encoding="utf-8") == r.csv["years"]
