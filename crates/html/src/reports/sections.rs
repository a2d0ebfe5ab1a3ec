//! Sections several reports share: proliferation timelines, escalation ladders, region maps,
//! fan charts, sensitivity indices, PRIM and the design-point table.

use super::*;
use crate::chart::{Axes, Band, BarGroup, Chart, Series};
use crate::frame::Frame;
use crate::page::{Block, Section, Table};
use ::experiment::analysis::{Analysis, PrimReport};

pub(crate) fn proliferation_section(events: &Frame, years: &[f64]) -> Section {
    let kinds = events.texts("kind");
    let ev_years = events.numbers("year");
    let iso1 = events.texts("iso3_1");
    let detail = events.texts("detail");
    let mut series = Vec::new();
    for k in PROLIFERATION_KINDS {
        let mut count = 0.0;
        let points = years
            .iter()
            .map(|&y| {
                count += kinds.iter().zip(&ev_years).filter(|(kind, ey)| **kind == k && (**ey - y).abs() < 0.5).count()
                    as f64;
                (y, count)
            })
            .collect();
        series.push(Series { name: k.into(), points });
    }
    let mut rows = Vec::new();
    for i in 0..kinds.len() {
        if PROLIFERATION_KINDS.contains(&kinds[i]) {
            rows.push(vec![
                num(ev_years[i]),
                kinds[i].to_owned(),
                iso1.get(i).copied().unwrap_or("").to_owned(),
                detail.get(i).copied().unwrap_or("").to_owned(),
            ]);
        }
    }
    let shown = rows.len().min(200);
    let mut blocks = vec![Block::Chart(Chart::Lines {
        axes: Axes::new("Proliferation timeline (cumulative events)", "year", "events so far (count)"),
        series,
    })];
    let caption = if rows.len() > shown {
        format!("Proliferation events (first {shown} of {})", rows.len())
    } else {
        "Proliferation events".into()
    };
    rows.truncate(shown);
    if rows.is_empty() {
        blocks.push(Block::Note("No exploration, pursuit, acquisition, reversal or disarmament in this run.".into()));
    } else {
        blocks.push(Block::Table(Table {
            caption,
            header: vec!["year".into(), "event".into(), "state".into(), "detail".into()],
            rows,
        }));
    }
    Section { heading: "Proliferation timeline".into(), blocks }
}

/// The distribution of crises by highest rung, over the dyad-years of some runs.
pub(crate) fn ladder_section(dyad_years: &[Frame], whose: &str) -> Option<Section> {
    let mut counts = [0usize; 7];
    for f in dyad_years {
        for (c, r) in f.texts("crisis").iter().zip(f.numbers("max_rung")) {
            if (*c == "1" || *c == "true") && (1.0..=7.0).contains(&r) {
                counts[r as usize - 1] += 1;
            }
        }
    }
    let total: usize = counts.iter().sum();
    if dyad_years.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    if total == 0 {
        blocks.push(Block::Note(format!("No crisis occurred {whose}.")));
    } else {
        blocks.push(Block::Chart(Chart::Bars {
            axes: Axes::new(
                "Crisis outcomes on the escalation ladder",
                format!("share of crises by highest rung reached (%, of {total} crises)"),
                "highest rung",
            ),
            categories: RUNGS.iter().map(|s| (*s).to_owned()).collect(),
            groups: vec![BarGroup {
                name: "crises".into(),
                values: counts.iter().map(|&c| 100.0 * c as f64 / total as f64).collect(),
                intervals: None,
            }],
        }));
        blocks.push(Block::Table(Table {
            caption: format!("Crises by highest rung {whose}"),
            header: vec!["rung".into(), "crises".into(), "share".into()],
            rows: RUNGS
                .iter()
                .zip(counts)
                .map(|(r, c)| vec![(*r).to_owned(), c.to_string(), format!("{:.1} %", 100.0 * c as f64 / total as f64)])
                .collect(),
        }));
    }
    Some(Section { heading: "Crisis outcomes".into(), blocks })
}

pub(crate) fn region_section(maps: &[RegionMap]) -> Option<Section> {
    if maps.is_empty() {
        return None;
    }
    let mut blocks = vec![Block::Note(
        "Who deters whom over a grid of the two sides' warhead totals, both force structures scaled from the \
         scenario's (after Intriligator & Brito 1984; docs/model.md, Part II): a side is deterred where the other keeps a \
         secure second strike (second-strike adequacy ≥ 1) after its best counterforce strike. The marker is \
         today's forces in the scenario. Expected values of a simplified exchange calculus."
            .into(),
    )];
    for m in maps {
        blocks.push(Block::Chart(Chart::Heatmap {
            axes: Axes::new(
                format!("Deterrence region: {}–{} ({} posture)", m.a, m.b, m.alert),
                format!("A warheads ({}, count)", m.a),
                format!("B warheads ({}, count)", m.b),
            ),
            x: m.axis_a.clone(),
            y: m.axis_b.clone(),
            cells: m.cells.clone(),
            marker: m.today,
            marker_label: format!("today's forces ({} {}, {} {})", m.a, num(m.today.0), m.b, num(m.today.1)),
        }));
    }
    Some(Section { heading: "Deterrence regions".into(), blocks })
}

/// Per-year quantile bands of one column across runs.
pub(crate) fn band(runs: &[Frame], column: &str) -> Band {
    let mut b = Band::default();
    let Some(first) = runs.first() else { return b };
    let years = first.numbers("year");
    let cols: Vec<Vec<f64>> = runs.iter().map(|f| f.numbers(column)).collect();
    for (i, &y) in years.iter().enumerate() {
        let mut xs: Vec<f64> = cols.iter().filter_map(|c| c.get(i).copied()).filter(|v| v.is_finite()).collect();
        xs.sort_by(f64::total_cmp);
        b.x.push(y);
        b.q05.push(quantile(&xs, 0.05));
        b.q25.push(quantile(&xs, 0.25));
        b.q50.push(quantile(&xs, 0.5));
        b.q75.push(quantile(&xs, 0.75));
        b.q95.push(quantile(&xs, 0.95));
    }
    b
}

/// Where one design point's series come from: the re-run replications and their run indices.
fn point_note(e: &Ensemble) -> String {
    let n = e.years.len();
    let capped = if (n as u32) < e.replications {
        format!(" (the first {n} of its {} replications)", e.replications)
    } else {
        String::new()
    };
    format!(
        "results.csv holds one summary per run, so these yearly series were regenerated by re-running the {n} \
         replications of design point {}{capped} from the manifest: seed {}, run indices {}–{}. Runs are \
         deterministic functions of (scenario, settings, seed, run index), so the series are exactly those of the \
         experiment's runs, not a new sample. Bands: median, 50 % (25–75 %) and 90 % (5–95 %) of the replications, \
         year by year.",
        e.point_label,
        e.seed,
        e.first_run,
        (e.first_run + n as u64).saturating_sub(1)
    )
}

/// The fan charts of an ensemble's yearly measures and the share of its runs with nuclear use
/// so far; `what` names the runs ("replications", "runs").
fn fan_charts(e: &Ensemble, what: &str) -> Vec<Block> {
    let n = e.years.len();
    let mut blocks = Vec::new();
    for (col, title, unit) in MEASURES {
        blocks.push(Block::Chart(Chart::Fan {
            axes: Axes::new(format!("{title} across {what}"), "year", unit),
            band: band(&e.years, col),
        }));
    }
    // Share of runs with nuclear use so far, year by year.
    if let Some(first) = e.years.first() {
        let years = first.numbers("year");
        let uses: Vec<Vec<f64>> = e.years.iter().map(|f| f.numbers("nuclear_use")).collect();
        let points = years
            .iter()
            .enumerate()
            .map(|(i, &y)| {
                let hit = uses.iter().filter(|u| u.iter().take(i + 1).any(|&v| v > 0.0)).count();
                (y, 100.0 * hit as f64 / n.max(1) as f64)
            })
            .collect();
        let cap = |s: &str| s[..1].to_uppercase() + &s[1..];
        blocks.push(Block::Chart(Chart::Lines {
            axes: Axes::new(
                format!("{} with any nuclear use so far", cap(what)),
                "year",
                format!("{what} with nuclear use by this year (%)"),
            ),
            series: vec![Series { name: "any nuclear use".into(), points }],
        }));
    }
    blocks
}

/// The fan charts of one design point's replications, with where they come from.
pub(crate) fn fan_section(e: &Ensemble) -> Section {
    let mut blocks = vec![Block::Note(point_note(e))];
    blocks.extend(fan_charts(e, "replications"));
    Section { heading: "Yearly measures across replications (fan charts)".into(), blocks }
}

/// Every run of the drawn design points as one ensemble (points in order).
pub(crate) fn pooled(es: &[Ensemble]) -> Ensemble {
    Ensemble {
        point_label: "every design point drawn".into(),
        first_run: es.first().map_or(0, |e| e.first_run),
        years: es.iter().flat_map(|e| e.years.iter().cloned()).collect(),
        dyad_years: es.iter().flat_map(|e| e.dyad_years.iter().cloned()).collect(),
        replications: es.iter().map(|e| e.replications).sum(),
        seed: es.first().map_or(0, |e| e.seed),
    }
}

/// Fan charts over the whole design (every regenerated run of the drawn points pooled), then
/// each design point's own fan charts, folded so the reader opens the point they want.
/// `points` is the number of design points in the experiment.
pub(crate) fn design_fan_sections(es: &[Ensemble], points: usize) -> Vec<Section> {
    let all = pooled(es);
    let runs = all.years.len();
    let drawn = if es.len() < points {
        format!("the first {} of its {points} design points", es.len())
    } else {
        format!("all {points} design points")
    };
    let mut whole = vec![Block::Note(format!(
        "The experiment's {runs} regenerated runs over {drawn}, pooled: each band mixes the spread between design \
         points with the spread between replications. Each point's runs are re-run from the manifest (seed {}), so \
         they are exactly the experiment's runs. Bands: median, 50 % (25–75 %) and 90 % (5–95 %) of the runs, year \
         by year. Each design point's own fan charts follow in the next section.",
        all.seed
    ))];
    whole.extend(fan_charts(&all, "runs of the whole design"));
    let mut by_point =
        vec![Block::Note("Open a design point to see the fan charts of its replications alone.".to_owned())];
    for e in es {
        let mut blocks = vec![Block::Note(point_note(e))];
        blocks.extend(fan_charts(e, &format!("replications of point {}", e.point_label)));
        by_point.push(Block::Details { summary: format!("Design point {}", e.point_label), blocks });
    }
    vec![
        Section { heading: "Yearly measures over the whole design (fan charts)".into(), blocks: whole },
        Section { heading: "Yearly measures by design point (fan charts)".into(), blocks: by_point },
    ]
}

pub(crate) fn sensitivity_section(a: &Analysis) -> Option<Section> {
    if a.sobol.is_empty() && a.morris.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    for s in &a.sobol {
        let ix = &s.indices;
        let iv = |v: &[f64], h: &[f64]| v.iter().zip(h).map(|(&v, &h)| (v - h, v + h)).collect::<Vec<_>>();
        blocks.push(Block::Chart(Chart::Bars {
            axes: Axes::new(
                format!("Sobol indices of {}", s.outcome),
                "share of output variance (index, 0–1; whiskers: bootstrap interval)",
                "parameter",
            ),
            categories: a.columns.clone(),
            groups: vec![
                BarGroup {
                    name: "first order S1".into(),
                    values: ix.s1.clone(),
                    intervals: Some(iv(&ix.s1, &ix.s1_conf)),
                },
                BarGroup { name: "total ST".into(), values: ix.st.clone(), intervals: Some(iv(&ix.st, &ix.st_conf)) },
            ],
        }));
        for w in &s.warnings {
            blocks.push(Block::Note(format!("Convergence warning ({}): {w}", s.outcome)));
        }
        if !ix.s2.is_empty() {
            let pairs: Vec<String> = ix
                .s2
                .iter()
                .map(|p| {
                    let name = |i: usize| a.columns.get(i).cloned().unwrap_or_else(|| format!("input {i}"));
                    format!("{} × {}: {:.3} ± {:.3}", name(p.i), name(p.j), p.s2, p.conf)
                })
                .collect();
            blocks.push(Block::Note(format!(
                "Second-order Sobol indices of {} (share of variance due to the pair's interaction alone): {}.",
                s.outcome,
                pairs.join("; ")
            )));
        }
        blocks.push(Block::Note(format!("Model noise ({}): {}", s.outcome, s.noise.message)));
    }
    for m in &a.morris {
        blocks.push(Block::Chart(Chart::Bars {
            axes: Axes::new(
                format!("Morris screening of {}", m.outcome),
                format!(
                    "elementary effect ({} per unit of the parameter's range; whiskers: bootstrap interval)",
                    m.outcome
                ),
                "parameter",
            ),
            categories: a.columns.clone(),
            groups: vec![
                BarGroup {
                    name: "μ* (mean absolute effect)".into(),
                    values: m.indices.iter().map(|i| i.mu_star).collect(),
                    intervals: Some(
                        m.indices.iter().map(|i| (i.mu_star - i.mu_star_conf, i.mu_star + i.mu_star_conf)).collect(),
                    ),
                },
                BarGroup {
                    name: "σ (spread of effects)".into(),
                    values: m.indices.iter().map(|i| i.sigma).collect(),
                    intervals: None,
                },
            ],
        }));
    }
    Some(Section { heading: "Sensitivity".into(), blocks })
}

/// The PRIM section: the trade-off curve with the chosen box marked, and its bounds.
pub(crate) fn prim_section(p: &PrimReport) -> Section {
    let r = &p.result;
    let points: Vec<(f64, f64)> = r.trajectory.iter().map(|b| (b.coverage, b.density)).collect();
    let mut blocks = vec![Block::Note(format!(
        "PRIM (Friedman & Fisher 1999) looks for the region of the parameter space where {} > 0. Each point is a \
         box on the peeling trajectory: coverage is the share of all such runs inside the box, density the share \
         of the box's runs that are such runs. The chosen box is the widest-coverage box whose density is at least \
         halfway from the base rate to certainty{}.",
        p.outcome,
        if r.threshold_met { "" } else { " (no box reached that threshold; the densest is shown)" }
    ))];
    blocks.push(Block::Chart(Chart::Curve {
        axes: Axes::new(
            format!("PRIM trade-off: {} > 0", p.outcome),
            "coverage (share of positive runs in the box, 0–1)",
            "density (share of the box's runs that are positive, 0–1)",
        ),
        points,
        chosen: Some(r.chosen),
        curve_label: "peeling trajectory".into(),
        chosen_label: "chosen box".into(),
    }));
    if let Some(b) = r.trajectory.get(p.selected) {
        let mut rows = Vec::new();
        for &d in &b.restricted {
            let name = p.columns.get(d).cloned().unwrap_or_else(|| format!("input {d}"));
            let range = range_text(b.lower[d], b.upper[d], p.categories.get(d));
            let qp = p.quasi_p.iter().find(|q| q.input == d).map_or(String::new(), |q| {
                let sides: Vec<String> = [("lower", q.lower), ("upper", q.upper)]
                    .into_iter()
                    .filter_map(|(side, v)| v.map(|v| format!("{side} {}", p_value(v))))
                    .collect();
                sides.join(", ")
            });
            rows.push(vec![name, range, qp]);
        }
        if rows.is_empty() {
            rows.push(vec!["(no restriction)".into(), "the whole space".into(), String::new()]);
        }
        blocks.push(Block::Table(Table {
            caption: format!(
                "{} (step {} of {}): coverage {}, density {}, mass {}, {} runs; quasi-p: the chance of its density \
                 were that one bound removed (Bryant & Lempert 2010)",
                if p.selected == r.chosen { "Chosen box" } else { "Selected box" },
                p.selected,
                r.trajectory.len().saturating_sub(1),
                num(b.coverage),
                num(b.density),
                num(b.mass),
                b.count
            ),
            header: vec!["parameter".into(), "bounds".into(), "quasi-p".into()],
            rows,
        }));
    }
    Section { heading: "Scenario discovery (PRIM)".into(), blocks }
}

/// A box's bounds on one parameter: `lo to hi`, or the categories inside them.
fn range_text(lo: f64, hi: f64, categories: Option<&Vec<String>>) -> String {
    match categories.filter(|c| !c.is_empty()) {
        Some(c) => {
            let inside: Vec<&str> = c
                .iter()
                .enumerate()
                .filter(|(i, _)| (*i as f64) >= lo - 1e-9 && (*i as f64) <= hi + 1e-9)
                .map(|(_, s)| s.as_str())
                .collect();
            format!("one of {}", inside.join(", "))
        }
        None => format!("{} to {}", num(lo), num(hi)),
    }
}

/// CART: every leaf of the tree as a box, the scenario leaves (cases of interest the majority)
/// first.
pub(crate) fn cart_section(c: &::experiment::analysis::CartReport) -> Section {
    let r = &c.result;
    let note = format!(
        "CART (Breiman et al. 1984; for scenario discovery, Lempert, Bryant & Bankes 2008) splits the runs into a tree \
         of boxes by the parameter cuts that best separate runs with {} > 0 (base rate {}) from the rest, with leaves of \
         at least {} runs. Each leaf is a box; a leaf where such runs are the majority is a scenario. PRIM's boxes \
         trade coverage against density step by step; CART's leaves partition the space at once.",
        c.outcome,
        num(c.base_rate),
        r.min_leaf
    );
    let mut order: Vec<usize> = (0..r.leaves.len()).collect();
    order.sort_by_key(|&i| u8::from(r.leaves[i].density <= 0.5));
    let rows = order
        .into_iter()
        .map(|i| {
            let b = &r.leaves[i];
            let restricted: Vec<String> = b
                .restricted
                .iter()
                .map(|&d| {
                    let name = c.columns.get(d).cloned().unwrap_or_else(|| format!("input {d}"));
                    format!("{name}: {}", range_text(b.lower[d], b.upper[d], c.categories.get(d)))
                })
                .collect();
            vec![
                i.to_string(),
                if b.density > 0.5 { "scenario".into() } else { String::new() },
                num(b.coverage),
                num(b.density),
                num(b.mass),
                if restricted.is_empty() { "the whole space".into() } else { restricted.join("; ") },
            ]
        })
        .collect();
    Section {
        heading: "Scenario discovery (CART)".into(),
        blocks: vec![
            Block::Note(note),
            Block::Table(Table {
                caption: format!("The tree's {} leaves", r.leaves.len()),
                header: ["leaf", "", "coverage", "density", "mass", "bounds"].map(String::from).to_vec(),
                rows,
            }),
        ],
    }
}

/// Feature scores: one row per parameter, one column per outcome.
pub(crate) fn feature_score_section(f: &::experiment::analysis::FeatureScores) -> Section {
    let o = &f.options;
    let note = format!(
        "Feature scores (extremely randomized trees, Geurts et al. 2006, as the EMA Workbench scores the inputs of \
         an ensemble): the share of each outcome's variation over the design points that splits on each parameter \
         explain, summing to 1 per outcome. {} trees on {} design points (the mean over replications), {} \
         parameter(s) tried per split, leaves of at least {} points, bootstrap samples. A score is a ranking aid, \
         not a variance decomposition: use Sobol' indices for that.",
        o.trees, f.points, o.features, o.min_leaf
    );
    let mut header = vec!["parameter".to_owned()];
    header.extend(f.outcomes.iter().cloned());
    let rows = f
        .columns
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let mut row = vec![name.clone()];
            row.extend(f.scores.iter().map(|s| format!("{:.3}", s[c])));
            row
        })
        .collect();
    Section {
        heading: "Feature scores".into(),
        blocks: vec![
            Block::Note(note),
            Block::Table(Table { caption: "Feature scores by outcome".into(), header, rows }),
        ],
    }
}

/// A p-value with three decimals, or `< 0.001`.
fn p_value(v: f64) -> String {
    if v < 0.001 { "< 0.001".into() } else { format!("{v:.3}") }
}

pub(crate) fn points_table(a: &Analysis) -> Table {
    const SHOWN: usize = 30;
    let outcomes: Vec<String> =
        a.points.first().map(|p| p.outcomes.iter().map(|o| o.outcome.clone()).collect()).unwrap_or_default();
    let mut header = vec!["point".to_owned()];
    if a.points.iter().any(|p| !p.case.is_empty()) {
        header.push("case".into());
    }
    let with_case = header.len() == 2;
    header.extend(a.columns.iter().cloned());
    header.extend(outcomes.iter().map(|o| format!("{o}: mean [CI], median")));
    let rows = a
        .points
        .iter()
        .take(SHOWN)
        .map(|p| {
            let mut row = vec![p.point.to_string()];
            if with_case {
                row.push(p.case.clone());
            }
            row.extend(p.values.iter().cloned());
            row.extend(p.outcomes.iter().map(|o| {
                format!("{} [{}, {}], {}", num(o.summary.mean), num(o.mean_ci.0), num(o.mean_ci.1), num(o.summary.q50))
            }));
            row
        })
        .collect();
    let caption = if a.points.len() > SHOWN {
        format!("Per design point, over its replications (first {SHOWN} of {} points)", a.points.len())
    } else {
        "Per design point, over its replications".into()
    };
    Table { caption, header, rows }
}
