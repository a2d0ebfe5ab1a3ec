//! The report of an explorer ensemble (`deterrence serve`, "download report").

use super::num;
use crate::chart::{Axes, Band, Chart, Series};
use crate::page::{Block, Page, Provenance, Section, Source, Table, render};

/// One paradox measure of an explorer ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRow {
    /// What the mean over runs is.
    pub label: String,
    /// Mean over runs.
    pub mean: f64,
    /// Lower end of the interval.
    pub lo: f64,
    /// Upper end of the interval.
    pub hi: f64,
    /// Runs with the measure defined.
    pub n: usize,
}

/// Inputs of an explorer ensemble's report.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplorerInput {
    /// Built-in scenario name.
    pub scenario: String,
    /// Master seed.
    pub seed: u64,
    /// Runs.
    pub runs: u32,
    /// Years per run.
    pub years: u32,
    /// First simulated year.
    pub start_year: i32,
    /// Lenses on.
    pub lenses: Vec<String>,
    /// Settings given on top of the scenario, as (label, value): levers, parameters, inputs.
    pub settings: Vec<(String, String)>,
    /// The request as JSON (to paste back into the explorer or a script).
    pub settings_json: String,
    /// Tool and version.
    pub tool: String,
    /// The years, as chart x values.
    pub x: Vec<f64>,
    /// Fan charts: (title, unit, band).
    pub fans: Vec<(String, String, Band)>,
    /// Share of runs with nuclear use by each year.
    pub nuclear_use_share: Vec<f64>,
    /// The paradox measures.
    pub measures: Vec<MeasureRow>,
    /// How the intervals were computed.
    pub interval: String,
    /// The scenario's data sources (listed as links under the provenance).
    pub sources: Vec<Source>,
}

/// The explorer ensemble page: fan charts of the yearly series, the share of runs with nuclear
/// use, the paradox measures with their intervals, and the settings, tool and the scenario's data
/// sources as provenance.
pub fn explorer_report(input: &ExplorerInput) -> String {
    let mut blocks: Vec<Block> = input
        .fans
        .iter()
        .map(|(title, unit, band)| {
            Block::Chart(Chart::Fan { axes: Axes::new(title, "year", unit), band: band.clone() })
        })
        .collect();
    blocks.push(Block::Chart(Chart::Lines {
        axes: Axes::new("Share of runs with nuclear use by each year", "year", "share"),
        series: vec![Series {
            name: "share of runs".into(),
            points: input.x.iter().copied().zip(input.nuclear_use_share.iter().copied()).collect(),
        }],
    }));
    let cell = |x: f64| if x.is_finite() { format!("{x:.4}") } else { "–".to_owned() };
    let rows = input
        .measures
        .iter()
        .map(|m| vec![m.label.clone(), cell(m.mean), cell(m.lo), cell(m.hi), m.n.to_string()])
        .collect();
    let paradox = Block::Table(Table {
        caption: format!("Paradox measures ({})", input.interval),
        header: ["measure", "mean", "low", "high", "runs"].map(String::from).to_vec(),
        rows,
    });
    let mut facts = vec![
        ("scenario".to_owned(), input.scenario.clone()),
        ("seed".to_owned(), input.seed.to_string()),
        ("runs".to_owned(), input.runs.to_string()),
        ("years".to_owned(), input.years.to_string()),
        ("start year".to_owned(), num(f64::from(input.start_year))),
    ];
    facts.extend(input.settings.iter().cloned());
    facts.push(("lenses".to_owned(), input.lenses.join(", ")));
    facts.push(("settings (JSON)".to_owned(), input.settings_json.clone()));
    facts.push(("tool".to_owned(), input.tool.clone()));
    let page = Page {
        title: format!("Deterrence Lab ensemble: {}", input.scenario),
        subtitle: format!(
            "{} runs of {} years, seed {} (downloaded from the explorer)",
            input.runs, input.years, input.seed
        ),
        provenance: Provenance { facts, sources: input.sources.clone(), ..Provenance::default() },
        sections: vec![
            Section { heading: "Yearly series across runs (median, 50 % and 90 % bands)".into(), blocks },
            Section { heading: "Paradox measures".into(), blocks: vec![paradox] },
        ],
    };
    render(&page)
}
