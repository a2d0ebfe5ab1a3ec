"""The same seed gives the explorer's numbers: `POST /api/ensemble` of `deterrence serve`
against `dl.ensemble` with the same request."""

from __future__ import annotations

import json
import subprocess
import urllib.request

import pytest

import deterrence_lab as dl


@pytest.fixture()
def explorer(cli):
    p = subprocess.Popen(
        [str(cli.path), "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = p.stdout.readline()
        assert "http://" in line, line + p.stderr.read()
        url = line[line.index("http://"):].split()[0]
        yield url
    finally:
        p.terminate()
        p.wait(timeout=10)


def _post(url, body):
    req = urllib.request.Request(
        url + "api/ensemble",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def test_explorer_ensemble_equals_python(explorer):
    body = {
        "scenario": "korea",
        "years": 20,
        "runs": 16,
        "seed": 5,
        "levers": {"norm_strength": 0.4},
        "parameters": {"accident_hazard": 0.002},
        "lenses": ["organisational"],
    }
    page = _post(explorer, body)
    e = dl.ensemble(
        "korea", runs=16, seed=5, years=20, levers={"norm_strength": 0.4},
        params={"accident_hazard": 0.002}, lenses=["organisational"],
    )
    assert len(page["paradox"]) == 4
    for m in page["paradox"]:
        values = [float(v) for v in e.results[m["name"]]]
        kept = [v for v in values if v == v]
        assert m["n"] == len(kept) and m["missing"] == len(values) - len(kept), m["name"]
        if kept:
            # The explorer's mean is the plain sum in run order over the runs with a value.
            assert m["mean"] == sum(kept) / len(kept), m["name"]
    # Its first run is Python's single run with the same seed.
    r = dl.run("korea", seed=5, years=20, levers={"norm_strength": 0.4},
               params={"accident_hazard": 0.002}, lenses=["organisational"])
    last = r.dyad_years[r.dyad_years["year"] == r.dyad_years["year"].max()]
    armed = last[(last["armed1"] == 1) & (last["armed2"] == 1)]
    assert len(page["dyads_final_year_first_run"]) == len(armed)
    compared = 0
    for d, (_, row) in zip(page["dyads_final_year_first_run"], armed.iterrows()):
        for key, value in d.items():
            if key in row.index and key not in ("scenario", "run"):
                expected = row[key]
                if value is None:
                    assert expected != expected, key  # missing on both sides
                else:
                    assert (int(value) if isinstance(value, bool) else value) == expected, key
                compared += 1
    assert compared >= len(armed) * 5
