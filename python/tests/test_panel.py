"""`dl.panel`: the CLI's `data panel`."""

from __future__ import annotations

import io

import pandas as pd
import pandas.testing as pdt
import pytest

import deterrence_lab as dl


@pytest.mark.parametrize(
    "args,kw",
    [
        (["--unit", "state-year"], dict(unit="state-year")),
        (["--unit", "dyad-year", "--from", "1960", "--to", "1970"], dict(unit="dyad-year", start=1960, end=1970)),
        (["--unit", "dyad-year", "--directed", "--from", "2000", "--to", "2001"],
         dict(unit="dyad-year", start=2000, end=2001, directed=True)),
    ],
)
def test_panel_equals_the_cli(cli, args, kw):
    text = cli.out("data", "panel", *args)
    df = dl.panel(**kw)
    pdt.assert_frame_equal(df, dl.read_csv(io.StringIO(text)))


def test_panel_refuses_bad_arguments():
    with pytest.raises(dl.InputError, match="1945–2025"):
        dl.panel(start=1900)
    with pytest.raises(dl.InputError, match="after end"):
        dl.panel(start=2000, end=1990)
    with pytest.raises(dl.InputError, match="unit: expected state-year or dyad-year"):
        dl.panel("country-year")
    with pytest.raises(dl.InputError, match="directed applies"):
        dl.panel("state-year", directed=True)
