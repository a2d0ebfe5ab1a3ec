//! The paradox experiment's verdicts (`deterrence paradox`).

use experiment::workflow::ParadoxReport;
use std::fmt::Write;

/// Renders the verdicts lens by lens, PRIM's box of the discovery sample, and where the files
/// are (`out`, the experiment directory).
pub fn paradox(report: &ParadoxReport, out_dir: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "The paradox experiment: {}, {} runs per preset × lens cell, seed {}",
        report.scenario, report.runs_per_cell, report.seed
    );
    let _ =
        writeln!(out, "Caveat: effects of a simplified model's mechanisms under stated assumptions, not forecasts.\n");
    let mut last = String::new();
    for e in &report.effects {
        if e.lenses != last {
            let _ = writeln!(out, "{}:", e.lenses);
            last = e.lenses.clone();
        }
        let _ = writeln!(out, "  - {}", e.verdict.split_once(", ").map_or(e.verdict.as_str(), |(_, v)| v));
    }
    if let Some(p) = &report.prim {
        out.push_str(&super::prim(p));
    }
    let _ = writeln!(out, "\nFiles: {out_dir}/paradox.csv, paradox.json, cells/, discovery/");
    out
}
