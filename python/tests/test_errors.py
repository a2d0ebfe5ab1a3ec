"""Errors cross the boundary as `deterrence_lab.InputError` (a `ValueError`) carrying the lab's
located message, the one the CLI prints; never a panic."""

from __future__ import annotations

import pytest

import deterrence_lab as dl

BAD_SCENARIO = """schema = 1

[scenario]
name = "broken"
start_year = 2025

[[states]]
iso3 = "AAA"
name = "A"
gdp_usd_bn = "lots"
"""


def _cli_message(cli, *args):
    p = cli(*args, check=False)
    assert p.returncode == 2, (args, p.returncode, p.stderr)
    assert p.stderr.startswith("error: ")
    return p.stderr[len("error: "):].strip()


def test_input_error_is_a_value_error():
    assert issubclass(dl.InputError, ValueError)
    assert dl.InputError.__module__.startswith("deterrence_lab")


def test_malformed_scenario_text_is_located_like_the_cli(cli, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(BAD_SCENARIO, encoding="utf-8")
    with pytest.raises(dl.InputError) as e:
        dl.load_scenario(path)
    assert str(e.value) == _cli_message(cli, "run", str(path), "--seed", "1")
    assert f"{path}:" in str(e.value) and "gdp_usd_bn" in str(e.value)
    with pytest.raises(dl.InputError) as t:
        dl.load_scenario(BAD_SCENARIO, origin="mine.toml")
    assert "mine.toml:" in str(t.value)
    assert str(t.value).replace("mine.toml", str(path)) == str(e.value)


def test_unknown_scenario_names_the_built_ins(cli):
    with pytest.raises(dl.InputError) as e:
        dl.run("no-such-scenario", seed=1)
    assert str(e.value) == _cli_message(cli, "run", "no-such-scenario", "--seed", "1")
    assert "world-2025" in str(e.value)


@pytest.mark.parametrize(
    "kw,flag,arg",
    [
        (dict(params={"nope": 1.0}), ["--param", "nope=1"], "params"),
        (dict(params={"accident_hazard": -1.0}), ["--param", "accident_hazard=-1"], "params"),
        (dict(levers={"norm_strength": 1.5}), ["--lever", "norm_strength=1.5"], "levers"),
        (dict(levers={"nerve": 0.5}), ["--lever", "nerve=0.5"], "levers"),
        (dict(set={"states.XXX.forces.ssbn.cep_m": 1.0}), ["--set", "states.XXX.forces.ssbn.cep_m=1"], "set"),
        (dict(set={"states.PRK.population": -5.0}), ["--set", "states.PRK.population=-5"], "set"),
    ],
)
def test_override_errors_carry_the_labs_message(cli, kw, flag, arg):
    with pytest.raises(dl.InputError) as e:
        dl.run("korea", seed=1, years=5, **kw)
    message = str(e.value)
    assert message.startswith(f"{arg}: ")
    cli_message = _cli_message(cli, "run", "korea", "--seed", "1", "--years", "5", *flag)
    # The same lab message after the argument's name (`params:`) or the flag (`--param`).
    assert message.split(": ", 1)[1] == cli_message.split(" ", 1)[1]


def test_other_argument_errors():
    with pytest.raises(dl.InputError, match=r"years: expected 1 to \d+, got 0"):
        dl.run("korea", seed=1, years=0)
    with pytest.raises(dl.InputError, match="regime: unknown preset `bad`"):
        dl.run("korea", seed=1, regime="bad")
    with pytest.raises(dl.InputError, match="lenses: unknown lens `realist`"):
        dl.run("korea", seed=1, lenses=["realist"])
    with pytest.raises(dl.InputError, match="seed: expected a whole number"):
        dl.run("korea", seed=-1)
    with pytest.raises(dl.InputError, match="runs: expected a whole number of at least 1"):
        dl.ensemble("korea", runs=0, seed=1)
    with pytest.raises(dl.InputError, match="threads: must be at least 1"):
        dl.ensemble("korea", runs=2, seed=1, threads=0)
    with pytest.raises(dl.InputError, match="params: `accident_hazard`: expected a number"):
        dl.run("korea", seed=1, params={"accident_hazard": "high"})
    with pytest.raises(dl.InputError, match="params: expected a mapping"):
        dl.run("korea", seed=1, params=[("accident_hazard", 0.1)])
    with pytest.raises(dl.InputError, match="params: .*finite"):
        dl.run("korea", seed=1, params={"accident_hazard": float("nan")})
    with pytest.raises(dl.InputError, match="scenario: expected a name"):
        dl.run(42, seed=1)


def test_errors_leave_the_module_usable():
    for _ in range(3):
        with pytest.raises(dl.InputError):
            dl.ensemble("korea", runs=2, seed=1, params={"nope": 1})
    assert len(dl.ensemble("korea", runs=2, seed=1, years=3).results) == 2
