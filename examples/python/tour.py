# %% [markdown]
# # Deterrence Lab from Python: a tour
#
# A notebook in the percent format (`# %%` cells): run it as a script
# (`python examples/python/tour.py`), open it in VS Code or JupyterLab with jupytext, or paste
# the cells into a notebook. It needs `pip install ./python` (docs/python.md); the EMA
# Workbench part needs `pip install ema-workbench`. It takes well under a minute.

# %%
import deterrence_lab as dl

print(dl.build_info()["tool"])
print(dl.scenarios()[["name", "title"]].to_string(index=False))

# %% [markdown]
# ## One run
#
# `dl.run` is `deterrence run`: the same seed gives the same numbers as the command line.
# `years`, `dyad_years` and `events` have the columns of the CSV files `--out` writes;
# `states` holds every state variable by year.

# %%
r = dl.run("korea", seed=42, years=30, regime="failed", lenses=["organisational"])
print(r.years[["year", "nuclear_armed_states", "warheads_total", "norm_strength", "crises"]].tail())
print(r.events.head())
print(r.states.query("iso3 == 'PRK'")[["year", "status", "warheads"]].tail(3))
print({k: v for k, v in r.outcomes.items() if k in ("crises", "wars", "nuclear_uses")})

# %% [markdown]
# ## An ensemble
#
# `dl.ensemble` is `deterrence run --runs N`: runs in parallel on every core, one row of
# outcomes per run.

# %%
e = dl.ensemble("korea", runs=64, seed=1, years=30, levers={"norm_strength": 0.3})
summary = e.outcomes.describe().T[["mean", "std", "min", "max"]]
print(summary.loc[["crises", "wars", "any_nuclear_use", "nuclear_armed_states_end"]])

# %% [markdown]
# ## Forces: stability of every armed pair
#
# `dl.stability` is `deterrence stability --format csv`.

# %%
s = dl.stability("world-2025", pair="USA,RUS", alert="generated")
print(s[["attacker", "defender", "surviving_warheads", "adequacy", "first_strike_stability_index"]])
worse = dl.stability(
    "world-2025", pair="USA,RUS", alert="generated",
    set={"states.RUS.forces.ssbn.generated_survivable_fraction": 0.3},
)
print(worse[["attacker", "defender", "surviving_warheads", "adequacy"]])

# %% [markdown]
# ## The record, the catalogues

# %%
panel = dl.panel("state-year", start=1945, end=2025)
print(panel.groupby("year")["warheads"].sum().loc[[1950, 1970, 1986, 2000, 2025]])
print(dl.params().query("name == 'accident_hazard'")[["name", "default", "low", "high"]])
print(dl.outcomes()["name"].tolist())

# %% [markdown]
# ## Scenario discovery with the EMA Workbench
#
# `deterrence_lab.ema.model` is an `ema_workbench` model whose uncertainties are the lab's
# regime levers, parameters and the scenario's uncertain inputs, and whose outcomes are the
# outcome catalogue. Here: which regime settings and rivalries make crises frequent on the
# Korean peninsula?

# %%
from ema_workbench import perform_experiments
from ema_workbench.analysis import feature_scoring, prim

from deterrence_lab import ema

model = ema.model(
    "korea", years=30, inputs="rivalries.", parameters=["accident_hazard"],
    outcomes=["crises", "wars", "nuclear_armed_states_end"], replications=4, seed=7,
)
experiments, outcomes = perform_experiments(model, scenarios=48)
x = experiments[[u.name for u in model.uncertainties]]
print(feature_scoring.get_feature_scores_all(x, outcomes).round(3))
frequent = outcomes["crises"] >= sorted(outcomes["crises"])[len(outcomes["crises"]) * 3 // 4]
box = prim.Prim(x, frequent, threshold=0.6).find_box()
print(box.peeling_trajectory.tail(3))
