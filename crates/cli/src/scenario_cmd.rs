//! `deterrence scenario check|list`.

use crate::args::{ScenarioCommand, TextFormat};
use crate::input::{load, provenance};
use model::{NuclearStatus, builtin};
use serde::Serialize;

#[derive(Serialize)]
struct StateSummary {
    iso3: String,
    cow: u32,
    name: String,
    nuclear_status: NuclearStatus,
    force_elements: usize,
    warheads_on_launchers: Option<f64>,
    stockpile_warheads: Option<f64>,
}

#[derive(Serialize)]
struct Summary {
    provenance: report::Provenance,
    valid: bool,
    states: Vec<StateSummary>,
    rivalries: Vec<String>,
    alliances: usize,
    sources: usize,
    uncertain_inputs: usize,
}

/// Runs the command.
pub fn run(cmd: ScenarioCommand) -> anyhow::Result<()> {
    match cmd {
        ScenarioCommand::Check { file, format } => check(&file, format),
        ScenarioCommand::List { format } => list(format),
    }
}

fn check(file: &str, format: TextFormat) -> anyhow::Result<()> {
    let loaded = load(file)?;
    let s = &loaded.scenario;
    let mut uncertain = 0;
    let states = s
        .states
        .iter()
        .map(|st| {
            uncertain += st
                .forces
                .iter()
                .map(|f| {
                    [
                        f.launchers,
                        f.warheads_per_launcher,
                        f.yield_kt,
                        f.cep_m,
                        f.reliability,
                        f.range_km,
                        f.hardness_psi,
                        f.day_to_day_survivable_fraction,
                        f.generated_survivable_fraction,
                    ]
                    .iter()
                    .filter(|e| e.is_uncertain())
                    .count()
                })
                .sum::<usize>();
            StateSummary {
                iso3: st.iso3.clone(),
                cow: st.cow,
                name: st.name.clone(),
                nuclear_status: st.nuclear_status,
                force_elements: st.forces.len(),
                warheads_on_launchers: (!st.forces.is_empty())
                    .then(|| st.forces.iter().map(|f| f.launchers.best * f.warheads_per_launcher.best).sum::<f64>()),
                stockpile_warheads: st.stockpile_warheads.map(|e| e.best),
            }
        })
        .collect();
    let summary = Summary {
        provenance: provenance(&loaded),
        valid: true,
        states,
        rivalries: s.rivalries.iter().map(|r| format!("{}–{}", r.pair[0], r.pair[1])).collect(),
        alliances: s.alliances.len(),
        sources: s.sources.len(),
        uncertain_inputs: uncertain,
    };
    match format {
        TextFormat::Json => print!("{}", report::json::render("scenario-check", &summary)),
        TextFormat::Table => {
            println!(
                "{}: valid scenario `{}`{}",
                loaded.origin,
                s.scenario.name,
                s.scenario.as_of.as_deref().map(|d| format!(" (data as of {d})")).unwrap_or_default()
            );
            println!(
                "{:<5} {:>4}  {:<26} {:<11} {:>8} {:>10} {:>10}",
                "iso3", "cow", "name", "status", "elements", "on launch.", "stockpile"
            );
            for st in &summary.states {
                println!(
                    "{:<5} {:>4}  {:<26} {:<11} {:>8} {:>10} {:>10}",
                    st.iso3,
                    st.cow,
                    st.name,
                    format!("{:?}", st.nuclear_status).to_lowercase(),
                    st.force_elements,
                    st.warheads_on_launchers.map_or("-".into(), |v| format!("{v:.0}")),
                    st.stockpile_warheads.map_or("-".into(), |v| format!("{v:.0}"))
                );
            }
            println!("rivalries: {}", summary.rivalries.join(", "));
            println!(
                "alliances: {}; sources: {}; force inputs given as ranges: {}",
                summary.alliances, summary.sources, summary.uncertain_inputs
            );
        }
    }
    Ok(())
}

fn list(format: TextFormat) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct Entry {
        name: &'static str,
        path: &'static str,
        title: Option<String>,
        as_of: Option<String>,
        default: bool,
    }
    let entries: Vec<Entry> = builtin::BUILTINS
        .iter()
        .map(|b| {
            let parsed = model::parse_scenario(b.text, b.path).ok();
            Entry {
                name: b.name,
                path: b.path,
                title: parsed.as_ref().and_then(|s| s.scenario.title.clone()),
                as_of: parsed.as_ref().and_then(|s| s.scenario.as_of.clone()),
                default: b.name == builtin::DEFAULT,
            }
        })
        .collect();
    match format {
        TextFormat::Json => {
            #[derive(Serialize)]
            struct Body<'a> {
                scenarios: &'a [Entry],
            }
            print!("{}", report::json::render("scenario-list", &Body { scenarios: &entries }));
        }
        TextFormat::Table => {
            for e in &entries {
                println!(
                    "{:<22} {}{}{}",
                    e.name,
                    e.title.as_deref().unwrap_or(""),
                    e.as_of.as_deref().map(|d| format!(" (as of {d})")).unwrap_or_default(),
                    if e.default { " [default]" } else { "" }
                );
            }
        }
    }
    Ok(())
}
