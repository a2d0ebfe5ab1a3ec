//! `deterrence data panel | import icb` and `deterrence validate`: the historical record.

use crate::args::{PanelUnit, TextFormat};
use crate::input::{bad, load};
use history::record::Record;
use std::fmt::Write as _;

fn record() -> anyhow::Result<Record> {
    Record::builtin().map_err(|e| anyhow::anyhow!("the built-in record is invalid: {e}"))
}

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

/// `deterrence data panel`.
pub fn panel(unit: PanelUnit, from: i32, to: i32, directed: bool) -> anyhow::Result<()> {
    if from > to {
        return Err(bad(format!("--from {from} is after --to {to}")));
    }
    if !(1945..=2025).contains(&from) || !(1945..=2025).contains(&to) {
        return Err(bad("the record covers 1945–2025: --from and --to must lie within it"));
    }
    if directed && unit == PanelUnit::StateYear {
        return Err(bad("--directed applies to --unit dyad-year"));
    }
    let r = record()?;
    let mut w = csv::Writer::from_writer(Vec::new());
    match unit {
        PanelUnit::StateYear => {
            w.write_record([
                "ccode",
                "iso3",
                "statenme",
                "year",
                "nuclear_status",
                "programme_stage",
                "warheads",
                "npt_status",
            ])?;
            for s in history::panel::state_years(&r, from, to) {
                w.write_record([
                    s.ccode.to_string(),
                    s.iso3,
                    s.name,
                    s.year.to_string(),
                    s.nuclear_status.into(),
                    s.programme_stage.to_string(),
                    opt(s.warheads),
                    s.npt_status.into(),
                ])?;
            }
        }
        PanelUnit::DyadYear => {
            w.write_record([
                "ccode1",
                "ccode2",
                "year",
                "iso3_1",
                "iso3_2",
                "nuclear_status1",
                "nuclear_status2",
                "warheads1",
                "warheads2",
                "npt_status1",
                "npt_status2",
                "both_armed",
            ])?;
            for d in history::panel::dyad_years(&r, from, to, directed) {
                w.write_record([
                    d.ccode1.to_string(),
                    d.ccode2.to_string(),
                    d.year.to_string(),
                    d.iso3_1,
                    d.iso3_2,
                    d.nuclear_status1.into(),
                    d.nuclear_status2.into(),
                    opt(d.warheads1),
                    opt(d.warheads2),
                    d.npt_status1.into(),
                    d.npt_status2.into(),
                    u8::from(d.both_armed).to_string(),
                ])?;
            }
        }
    }
    print!("{}", String::from_utf8_lossy(&w.into_inner()?));
    Ok(())
}

fn replay(runs: u32, seed: u64) -> anyhow::Result<(model::Scenario, engine::Resolved)> {
    let loaded = load("history-1945")?;
    let resolved = engine::resolve(&loaded.scenario, &engine::RunOptions::default()).map_err(|e| bad(e.to_string()))?;
    if runs == 0 {
        return Err(bad("--runs must be at least 1"));
    }
    let _ = seed;
    Ok((loaded.scenario, resolved))
}

/// `deterrence validate`.
pub fn validate(runs: u32, seed: u64, format: TextFormat) -> anyhow::Result<()> {
    let r = record()?;
    let (scenario, resolved) = replay(runs, seed)?;
    let v = history::validate::validate(&scenario, &resolved, &r, runs, seed);
    match format {
        TextFormat::Json => print!("{}", report::json::render("validation", &v)),
        TextFormat::Table => {
            let mut out = String::new();
            let _ = writeln!(out, "Replay of history-1945 (1945–2025): {} runs, seed {}", v.runs, v.seed);
            let _ = writeln!(
                out,
                "A pattern passes when the record lies in the ensemble's 90 % interval widened by its tolerance.\n"
            );
            let _ = writeln!(
                out,
                "{:<26} {:>10} {:>10} {:>22} {:>9}  result",
                "pattern", "record", "median", "90% interval", "tolerance"
            );
            for p in &v.patterns {
                let _ = writeln!(
                    out,
                    "{:<26} {:>10} {:>10} {:>22} {:>9}  {}",
                    p.name,
                    num(p.record),
                    num(p.median),
                    format!("[{}, {}]", num(p.q05), num(p.q95)),
                    num(p.tolerance),
                    if p.pass { "pass" } else { "MISS" }
                );
            }
            let passed = v.patterns.iter().filter(|p| p.pass).count();
            let _ = writeln!(
                out,
                "\nScore: {passed} of {} patterns ({:.0} %). Misses are model findings, not tuned away: see docs/validation.md.",
                v.patterns.len(),
                100.0 * v.score
            );
            print!("{out}");
        }
    }
    Ok(())
}

fn num(x: f64) -> String {
    if x.is_nan() {
        "n/a".into()
    } else if x.fract().abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// `deterrence data import icb PATH`.
pub fn import_icb(path: &std::path::Path, runs: u32, seed: u64, format: TextFormat) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
    let observed = history::icb::read_actor_file(&text).map_err(|e| bad(format!("{}: {e}", path.display())))?;
    let (scenario, resolved) = replay(runs, seed)?;
    let template = engine::Template::new(&scenario, &resolved);
    let simulated: Vec<_> = lab::Executor::new(seed)
        .ensemble(&template, 0..u64::from(runs), |_, out| history::icb::simulated(&out.dyad_years))
        .map_err(|e| anyhow::anyhow!(e))?
        .into_iter()
        .flatten()
        .collect();
    let (obs_table, sim_table) =
        (history::icb::escalation_table(&observed), history::icb::escalation_table(&simulated));
    match format {
        TextFormat::Json => {
            #[derive(serde::Serialize)]
            struct Body<'a> {
                source: String,
                observed: &'a [history::icb::EscalationRow],
                simulated: &'a [history::icb::EscalationRow],
                simulated_runs: u32,
                seed: u64,
            }
            print!(
                "{}",
                report::json::render(
                    "icb-escalation",
                    &Body {
                        source: path.display().to_string(),
                        observed: &obs_table,
                        simulated: &sim_table,
                        simulated_runs: runs,
                        seed
                    }
                )
            );
        }
        TextFormat::Table => {
            let mut out = String::new();
            let _ = writeln!(out, "Crisis escalation by number of nuclear-armed actors (after Asal & Beardsley 2007)");
            let _ = writeln!(
                out,
                "Observed: ICB v14 actor-level data ({}); simulated: {runs} replays of history-1945, seed {seed}.\n",
                path.display()
            );
            for (label, table) in [("observed (ICB)", &obs_table), ("simulated", &sim_table)] {
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
            print!("{out}");
        }
    }
    Ok(())
}
