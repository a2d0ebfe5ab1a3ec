"""`dl.experiment` and `dl.analyze`: the CLI's `experiment` and `analyze`."""

from __future__ import annotations

import json

import pandas as pd
import pandas.testing as pdt
import pytest

import deterrence_lab as dl

SPEC = """schema = 1

[experiment]
name = "small"
scenario = "korea"
years = 15
seed = 5
replications = 6
outcomes = ["any_nuclear_use", "crises", "nuclear_armed_states_end"]

[design]
kind = "lhs"
samples = 5

[[parameters]]
name = "regime.norm_strength"
kind = "real"
low = 0.1
high = 0.9

[[parameters]]
name = "accident_hazard"
kind = "real"
low = 0.0
high = 0.01

[record]
years = ["nuclear_armed_states", "crises"]
states = ["warheads"]
"""


def _read(path):
    return dl.read_csv(path)


def test_experiment_equals_the_cli(cli, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC, encoding="utf-8")
    cli("experiment", str(spec), "--out", str(tmp_path / "cli"))
    x = dl.experiment(spec, out=tmp_path / "py")
    assert x.runs == 30 and x.directory == tmp_path / "py"
    for name in ("results.csv", "years.csv", "states.csv"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    pdt.assert_frame_equal(x.results, _read(tmp_path / "cli" / "results.csv"))
    pdt.assert_frame_equal(x.years, _read(tmp_path / "cli" / "years.csv"))
    pdt.assert_frame_equal(x.states, _read(tmp_path / "cli" / "states.csv"))
    doc = json.loads(cli.out("analyze", str(tmp_path / "cli"), "--format", "json"))
    assert doc["kind"] == "analysis"
    assert x.analysis == doc
    pdt.assert_frame_equal(x.summary, _read(tmp_path / "cli" / "summary.csv"))


def test_experiment_from_text_in_a_temporary_directory(tmp_path):
    x = dl.experiment(SPEC)
    path = tmp_path / "s.toml"
    path.write_text(SPEC, encoding="utf-8")
    y = dl.experiment(path)
    assert x.directory is None
    pdt.assert_frame_equal(x.results, y.results)
    assert x.years is not None and x.states is not None


def test_analyze_reads_a_directory_again(tmp_path):
    x = dl.experiment(SPEC, out=tmp_path / "x", analyse=False)
    assert x.analysis is None and x.summary is None
    a = dl.analyze(tmp_path / "x")
    pdt.assert_frame_equal(a.results, x.results)
    assert a.analysis["kind"] == "analysis"
    with pytest.raises(dl.InputError, match="holds no experiment results"):
        dl.analyze(tmp_path)


def test_experiment_refuses_a_non_empty_directory_and_resumes(tmp_path):
    dl.experiment(SPEC, out=tmp_path / "x", analyse=False)
    with pytest.raises(dl.InputError, match="is not empty"):
        dl.experiment(SPEC, out=tmp_path / "x")
    again = dl.experiment(SPEC, out=tmp_path / "x", resume=True, analyse=False)
    assert again.runs == 30


def test_bad_specs_are_located(cli, tmp_path):
    bad = SPEC.replace('kind = "lhs"', 'kind = "lhs"\nsamplez = 3')
    spec = tmp_path / "bad.toml"
    spec.write_text(bad, encoding="utf-8")
    cli_err = cli("experiment", str(spec), "--out", str(tmp_path / "o"), check=False)
    assert cli_err.returncode == 2
    with pytest.raises(dl.InputError) as e:
        dl.experiment(spec)
    message = str(e.value)
    assert "invalid experiment spec" in message and f"{spec}:" in message and "samplez" in message
    assert message.strip() in cli_err.stderr
    with pytest.raises(dl.InputError, match="<text>:"):
        dl.experiment(bad)
    with pytest.raises(dl.InputError, match="cannot read experiment spec"):
        dl.experiment(tmp_path / "missing.toml")
