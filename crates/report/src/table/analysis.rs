//! An experiment's analysis (`deterrence analyze`, `deterrence run --runs`).

use experiment::analysis::{Analysis, CartReport, PrimReport};
use std::fmt::Write;

fn fmt(x: f64) -> String {
    if x.is_nan() { "n/a".into() } else { format!("{x:.4}") }
}

/// Renders an experiment's analysis: per-point summaries (the first 40 points), Sobol and
/// Morris indices, PRIM and the analysis notes.
pub fn analysis(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Analysis of `{}`", a.experiment);
    let _ = writeln!(out, "\nPer design point (mean [CI] over replications):");
    for p in a.points.iter().take(40) {
        let label = if p.case.is_empty() { format!("point {}", p.point) } else { p.case.clone() };
        let _ = writeln!(out, "  {label} {}", p.values.join(", "));
        for o in &p.outcomes {
            let _ = writeln!(
                out,
                "    {:<36} {} [{} – {}]  (median {}, n {})",
                o.outcome,
                fmt(o.summary.mean),
                fmt(o.mean_ci.0),
                fmt(o.mean_ci.1),
                fmt(o.summary.q50),
                o.summary.n
            );
        }
    }
    if a.points.len() > 40 {
        let _ = writeln!(out, "  ... {} more points in summary.csv", a.points.len() - 40);
    }
    for s in &a.sobol {
        let _ = writeln!(
            out,
            "\nSobol indices of `{}` on the mean over replications (first order S1 ± CI, total ST ± CI):",
            s.outcome
        );
        sobol_rows(&mut out, &a.columns, &s.indices);
        for w in &s.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
        let noisy = s.noise.share_of_mean.is_none_or(|e| e > s.noise.target);
        let _ = writeln!(out, "  {}: {}", if noisy { "warning" } else { "noise" }, s.noise.message);
        if let Some(c) = &s.noise.corrected {
            let _ = writeln!(out, "  Noise-corrected indices (of the mean response E[y | x]):");
            sobol_rows(&mut out, &a.columns, c);
        }
    }
    for m in &a.morris {
        let _ = writeln!(out, "\nMorris elementary effects of `{}`:", m.outcome);
        for (c, ix) in a.columns.iter().zip(&m.indices) {
            let _ = writeln!(
                out,
                "  {c:<28} mu* {} (± {})  mu {}  sigma {}",
                fmt(ix.mu_star),
                fmt(ix.mu_star_conf),
                fmt(ix.mu),
                fmt(ix.sigma)
            );
        }
    }
    if let Some(p) = &a.prim {
        out.push_str(&prim(p));
    }
    if let Some(c) = &a.cart {
        out.push_str(&cart(c));
    }
    if let Some(f) = &a.feature_scores {
        out.push_str(&feature_scores(f));
    }
    for n in &a.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out
}

/// Renders CART's leaves (coverage, density, mass and restricted inputs of each), then the
/// bounds of the leaves where the cases of interest are the majority.
pub fn cart(c: &CartReport) -> String {
    let mut out = String::new();
    let r = &c.result;
    let _ = writeln!(
        out,
        "\nCART leaves for `{} > 0` (a classification tree, leaves of at least {} runs; base rate {:.3}):",
        c.outcome, r.min_leaf, c.base_rate
    );
    let _ = writeln!(out, "  {:>5}  {:>8}  {:>7}  {:>5}  {:>10}", "leaf", "coverage", "density", "mass", "restricted");
    for (i, b) in r.leaves.iter().enumerate() {
        let mark = if b.density > 0.5 { "  <- scenario" } else { "" };
        let _ = writeln!(
            out,
            "  {i:>5}  {:>8.3}  {:>7.3}  {:>5.3}  {:>10}{mark}",
            b.coverage,
            b.density,
            b.mass,
            b.restricted.len()
        );
    }
    for (i, b) in r.leaves.iter().enumerate().filter(|(_, b)| b.density > 0.5) {
        let _ = writeln!(
            out,
            "  leaf {i} bounds (coverage {:.3}, density {:.3}, mass {:.3}):",
            b.coverage, b.density, b.mass
        );
        bounds(&mut out, &c.columns, &c.categories, b, &[]);
    }
    out
}

/// Renders the feature scores: one line per parameter, one column per outcome (at most eight
/// outcomes to a block, so the table stays readable).
pub fn feature_scores(f: &experiment::analysis::FeatureScores) -> String {
    let mut out = String::new();
    let o = &f.options;
    let _ = writeln!(
        out,
        "\nFeature scores (extra trees on {} design points: {} trees, {} parameter(s) tried per split, leaves of at \
         least {}, bootstrap; the share of each outcome's explained variation each parameter carries):",
        f.points, o.trees, o.features, o.min_leaf
    );
    for (block, names) in f.outcomes.chunks(8).enumerate() {
        let first = block * 8;
        let mut header = format!("  {:<28}", "parameter");
        for (k, _) in names.iter().enumerate() {
            let _ = write!(header, " {:>7}", format!("[{}]", first + k + 1));
        }
        let _ = writeln!(out, "{header}");
        for (c, column) in f.columns.iter().enumerate() {
            let mut line = format!("  {column:<28}");
            for scores in &f.scores[first..first + names.len()] {
                let _ = write!(line, " {:>7.3}", scores[c]);
            }
            let _ = writeln!(out, "{line}");
        }
        for (k, name) in names.iter().enumerate() {
            let _ = writeln!(out, "    [{}] {name}", first + k + 1);
        }
    }
    let _ = writeln!(
        out,
        "  Scores near 1/{k} = {:.3} for every parameter say the trees found no parameter that explains the outcome \
         beyond chance (for a noisy outcome with one replication per point, noise alone does this).",
        1.0 / f.columns.len() as f64,
        k = f.columns.len()
    );
    out
}

/// One line per factor (S1, ST with half-widths), then one per pair when second-order indices
/// were computed.
fn sobol_rows(out: &mut String, columns: &[String], ix: &stats::analysis::SobolIndices) {
    for (i, c) in columns.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {c:<28} S1 {} ± {}   ST {} ± {}",
            fmt(ix.s1[i]),
            fmt(ix.s1_conf[i]),
            fmt(ix.st[i]),
            fmt(ix.st_conf[i])
        );
    }
    if !ix.s2.is_empty() {
        let _ = writeln!(out, "  second order S2 ± CI (interaction of the pair alone):");
        for p in &ix.s2 {
            let pair = format!("{} × {}", columns[p.i], columns[p.j]);
            let _ = writeln!(out, "    {pair:<40} S2 {} ± {}", fmt(p.s2), fmt(p.conf));
        }
    }
}

/// Renders PRIM's whole peeling trajectory (coverage, density, mass and restricted inputs of
/// every box, by index, so a box can be picked with `analyze --prim-box`), then the selected
/// box's bounds and the same box after pasting.
pub fn prim(p: &PrimReport) -> String {
    let mut out = String::new();
    let r = &p.result;
    let _ =
        writeln!(out, "\nPRIM boxes for `{} > 0`: the peeling trajectory (pick one with --prim-box INDEX):", p.outcome);
    let _ = writeln!(out, "  {:>5}  {:>8}  {:>7}  {:>5}  {:>10}", "box", "coverage", "density", "mass", "restricted");
    for (i, b) in r.trajectory.iter().enumerate() {
        let mut mark = String::new();
        if i == r.chosen {
            mark.push_str(if r.threshold_met { "  <- chosen" } else { "  <- chosen (densest; threshold not met)" });
        }
        if i == p.selected && i != r.chosen {
            mark.push_str("  <- selected");
        }
        let _ = writeln!(
            out,
            "  {i:>5}  {:>8.3}  {:>7.3}  {:>5.3}  {:>10}{mark}",
            b.coverage,
            b.density,
            b.mass,
            b.restricted.len()
        );
    }
    if let Some(b) = r.trajectory.get(p.selected) {
        let _ = writeln!(
            out,
            "  box {} bounds (coverage {:.3}, density {:.3}, mass {:.3}):",
            p.selected, b.coverage, b.density, b.mass
        );
        bounds(&mut out, &p.columns, &p.categories, b, &p.quasi_p);
    }
    if let Some(b) = &p.pasted {
        let _ = writeln!(
            out,
            "  box {} after pasting (coverage {:.3}, density {:.3}, mass {:.3}):",
            p.selected, b.coverage, b.density, b.mass
        );
        bounds(&mut out, &p.columns, &p.categories, b, &p.pasted_quasi_p);
    }
    let _ = writeln!(
        out,
        "  qp: quasi-p-value of each restricted bound (Bryant & Lempert 2010), the chance of the box's density if \
         that bound were removed; near 1, the bound adds little"
    );
    out
}

/// The restricted inputs of `b`: a range, or the categories inside it, with the quasi-p-values
/// `qp` of its bounds.
fn bounds(
    out: &mut String,
    columns: &[String],
    categories: &[Vec<String>],
    b: &stats::analysis::PrimBox,
    qp: &[stats::analysis::QuasiP],
) {
    if b.restricted.is_empty() {
        let _ = writeln!(out, "    (no input restricted)");
    }
    for &d in &b.restricted {
        let name = &columns[d];
        let cats = &categories[d];
        let q = qp.iter().find(|q| q.input == d).map_or(String::new(), quasi_p_text);
        if cats.is_empty() {
            let _ = writeln!(out, "    {name:<28} {} to {}{q}", fmt(b.lower[d]), fmt(b.upper[d]));
        } else {
            let inside: Vec<&str> = cats
                .iter()
                .enumerate()
                .filter(|(k, _)| (*k as f64) >= b.lower[d] && (*k as f64) <= b.upper[d])
                .map(|(_, c)| c.as_str())
                .collect();
            let _ = writeln!(out, "    {name:<28} one of {}{q}", inside.join(", "));
        }
    }
}

/// `  (qp lower 0.012, upper 0.34)`: the quasi-p-values of the restricted bounds.
fn quasi_p_text(q: &stats::analysis::QuasiP) -> String {
    let parts: Vec<String> = [("lower", q.lower), ("upper", q.upper)]
        .into_iter()
        .filter_map(|(side, v)| v.map(|v| format!("{side} {}", p_value(v))))
        .collect();
    format!("  (qp {})", parts.join(", "))
}

/// A p-value with three decimals, or `< 0.001`.
fn p_value(v: f64) -> String {
    if v < 0.001 { "< 0.001".into() } else { format!("{v:.3}") }
}
