//! The replay of 1945–2025 against the record (`deterrence validate`) and the ICB escalation
//! comparison (`deterrence data import icb`).

use history::icb::Comparison;
use history::validate::Validation;
use std::fmt::Write;

fn num(x: f64) -> String {
    if x.is_nan() {
        "n/a".into()
    } else if x.fract().abs() < 1e-9 {
        format!("{x:.0}")
    } else if x.abs() < 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    }
}

fn signed(x: f64) -> String {
    if x.is_nan() {
        "n/a".into()
    } else if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

/// Renders a validation, grouped (decades, programmes, arsenals, per-state acquisition,
/// crises): one line per pattern with the record, the ensemble median (or share of runs), the
/// median's distance from the record, the tolerance, pass or miss, and the 90 % interval as
/// information; then the score.
pub fn validation(v: &Validation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Replay of history-1945 (1945–2025): {} runs, seed {}", v.runs, v.seed);
    let _ = writeln!(out, "{}\n", v.rule);
    let _ = writeln!(
        out,
        "{:<26} {:>9} {:>9} {:>10} {:>9}  {:<6} {:>20}",
        "pattern", "record", "median", "distance", "tolerance", "result", "90% interval"
    );
    let mut group = None;
    for p in &v.patterns {
        if group != Some(p.group) {
            group = Some(p.group);
            let _ = writeln!(out, "-- {}", p.group.heading());
        }
        let _ = writeln!(
            out,
            "{:<26} {:>9} {:>9} {:>10} {:>9}  {:<6} {:>20}",
            p.name,
            num(p.record),
            num(p.median),
            signed(p.distance),
            num(p.tolerance),
            if p.pass { "pass" } else { "MISS" },
            format!("[{}, {}]", num(p.q05), num(p.q95)),
        );
    }
    let passed = v.patterns.iter().filter(|p| p.pass).count();
    let _ = writeln!(
        out,
        "\nShares (acquires_*, gives_up_*) are the share of runs, their interval the 90 % Wilson interval. A median \
         acquisition year of n/a means fewer than half the runs acquire by 2025; an interval end of n/a lies beyond 2025."
    );
    let _ = writeln!(
        out,
        "Score: {passed} of {} patterns ({:.0} %). Misses are model findings, not tuned away: see docs/validation.md.",
        v.patterns.len(),
        100.0 * v.score
    );
    out
}

/// Renders the observed and simulated escalation tables.
pub fn icb(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Crisis escalation by number of nuclear-armed actors (after Asal & Beardsley 2007)");
    let _ = writeln!(
        out,
        "Observed: ICB v14 actor-level data ({}); simulated: {} replays of history-1945, seed {}.\n",
        c.source, c.simulated_runs, c.seed
    );
    for (label, table) in [("observed (ICB)", &c.observed), ("simulated", &c.simulated)] {
        let _ = writeln!(out, "{label}:");
        let _ = writeln!(
            out,
            "  {:<14} {:>7} {:>8} {:>8} {:>8} {:>9}",
            "nuclear actors", "crises", "none", "minor", "serious", "full war"
        );
        for r in table.iter() {
            let s = r.violence_shares;
            let _ = writeln!(
                out,
                "  {:<14} {:>7} {:>8.3} {:>8.3} {:>8.3} {:>9.3}",
                r.nuclear_actors, r.crises, s[0], s[1], s[2], s[3]
            );
        }
    }
    let _ = writeln!(
        out,
        "\nSimulated violence maps the ladder's conventional levels 1–4 onto ICB's four codes (see docs/validation.md)."
    );
    out
}
