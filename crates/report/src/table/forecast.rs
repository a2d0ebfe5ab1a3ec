//! The forecast table (`deterrence forecast`): what the runs drew their parameters from, the
//! probabilities with their intervals, the arsenals by state, and the caveats.

use experiment::forecast::Forecast;
use std::fmt::Write as _;

fn pct(x: f64) -> String {
    if x.is_nan() { "n/a".into() } else { format!("{:.1} %", 100.0 * x) }
}

fn warheads(x: f64) -> String {
    if x.is_nan() {
        "n/a".into()
    } else if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// The forecast as text.
pub fn forecast(f: &Forecast) -> String {
    let mut out = String::new();
    let p = &f.provenance;
    let _ = writeln!(out, "Forecast from {} ({}–{}): {} runs, seed {}", p.scenario, f.span.0, f.span.1, f.runs, f.seed);
    let lenses = if f.lenses.is_empty() { "none".to_owned() } else { f.lenses.join(", ") };
    let _ = writeln!(out, "Lenses: {lenses}");
    if !f.settings.is_empty() {
        let _ = writeln!(out, "Settings: {}", f.settings.join(" "));
    }
    match &f.posterior {
        Some(s) => {
            let _ = writeln!(
                out,
                "Parameters: drawn by weight from the posterior {} ({} particles of {}; FNV-1a {})",
                s.origin,
                s.particles,
                s.names.join(", "),
                s.hash
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Parameters: the defaults (no --posterior): the intervals are Monte-Carlo intervals only"
            );
        }
    }
    let _ = writeln!(out, "Intervals: {}\n", f.intervals);
    let mut rows = Vec::new();
    for q in &f.probabilities {
        rows.push(vec![
            q.label.clone(),
            format!("by {}", q.year),
            String::new(),
            pct(q.estimate),
            format!("[{}, {}]", pct(q.low), pct(q.high)),
            format!("{} of {}", q.runs_with, q.runs),
        ]);
    }
    let header = vec![vec![
        "probability".to_owned(),
        "year".to_owned(),
        String::new(),
        "estimate".to_owned(),
        "90% interval".to_owned(),
        "runs".to_owned(),
    ]];
    out.push_str(&super::Table { header, rows }.render());
    if !f.arsenals.is_empty() {
        out.push('\n');
        let header = vec![vec![
            "arsenal (warheads)".to_owned(),
            "state".to_owned(),
            "year".to_owned(),
            "mean".to_owned(),
            "5th–95th pct".to_owned(),
            "armed share".to_owned(),
        ]];
        let rows = f
            .arsenals
            .iter()
            .map(|a| {
                vec![
                    String::new(),
                    a.state.clone(),
                    a.year.to_string(),
                    warheads(a.mean),
                    format!("[{}, {}]", warheads(a.low), warheads(a.high)),
                    pct(a.armed_share),
                ]
            })
            .collect();
        out.push_str(&super::Table { header, rows }.render());
    }
    let _ = writeln!(out, "\nCaveats:");
    for c in &f.caveats {
        let _ = writeln!(out, "- {c}");
    }
    out
}
