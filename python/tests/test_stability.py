"""`dl.stability`: the CLI's `stability --format csv`."""

from __future__ import annotations

import io

import pandas as pd
import pandas.testing as pdt
import pytest

import deterrence_lab as dl

CASES = [
    ([], {}),
    (["--pair", "USA,RUS", "--alert", "generated"], dict(pair="USA,RUS", alert="generated")),
    (["--bound", "low", "--all"], dict(bound="low", all=True)),
    (["--pair", "IND,PAK", "--alert", "day-to-day", "--bound", "high", "--exhaustive"],
     dict(pair=("IND", "PAK"), alert="day-to-day", bound="high", exhaustive=True)),
    (["--set", "states.USA.forces.ssbn.generated_survivable_fraction=0.9", "--pair", "USA,CHN"],
     dict(set={"states.USA.forces.ssbn.generated_survivable_fraction": 0.9}, pair="USA,CHN")),
]


@pytest.mark.parametrize("args,kw", CASES)
def test_stability_equals_the_cli(cli, args, kw):
    text = cli.out("stability", "world-2025", "--format", "csv", *args)
    df = dl.stability("world-2025", **kw)
    pdt.assert_frame_equal(df, dl.read_csv(io.StringIO(text)))
    assert list(df.columns) == text.splitlines()[0].split(",")


def test_stability_refuses_bad_arguments():
    with pytest.raises(dl.InputError, match="alert: expected day-to-day, generated or both"):
        dl.stability("korea", alert="high")
    with pytest.raises(dl.InputError, match="bound: expected low, best or high"):
        dl.stability("korea", bound="worst")
    with pytest.raises(dl.InputError, match="pair: expects two state codes"):
        dl.stability("korea", pair="USA")
    with pytest.raises(dl.InputError, match="pair: "):
        dl.stability("korea", pair="USA,XXX")
