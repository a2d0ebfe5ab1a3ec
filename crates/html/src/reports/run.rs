//! The report of one run (`deterrence run --out DIR`).

use super::sections::*;
use super::*;
use crate::chart::{Axes, Chart, Series};
use crate::page::{Block, Page, Section, render};

/// The single-run page.
pub fn run_report(input: &RunInput) -> String {
    let mut sections = Vec::new();
    sections.extend(notes_section("Notes", &input.notes));
    let years = input.years.numbers("year");
    let line = |col: &str, name: &str| Series {
        name: name.into(),
        points: years.iter().copied().zip(input.years.numbers(col)).collect(),
    };
    let blocks = vec![
        Block::Chart(Chart::Lines {
            axes: Axes::new("Nuclear-armed states", "year", "nuclear-armed states (count)"),
            series: vec![
                line("nuclear_armed_states", "nuclear-armed states"),
                line("programmes", "programmes under way"),
            ],
        }),
        Block::Chart(Chart::Lines {
            axes: Axes::new("Warheads: total and survivable", "year", "warheads (count)"),
            series: vec![
                line("warheads_total", "total"),
                line("warheads_survivable", "survivable (generated posture)"),
            ],
        }),
        Block::Chart(Chart::Lines {
            axes: Axes::new("Norm strength", "year", "norm strength (index, 0–1)"),
            series: vec![line("norm_strength", "norm strength")],
        }),
        Block::Chart(Chart::Lines {
            axes: Axes::new("Crises, wars and nuclear use", "year", "events per year (count)"),
            series: vec![line("crises", "crises"), line("wars", "wars"), line("nuclear_use", "nuclear use")],
        }),
    ];
    sections.push(Section { heading: "Yearly measures".into(), blocks });
    sections.push(proliferation_section(&input.events, &years));
    if let Some(s) = ladder_section(std::slice::from_ref(&input.dyad_years), "in this run") {
        sections.push(s);
    }
    sections.extend(region_section(&input.region_maps));
    render(&Page {
        title: input.title.clone(),
        subtitle: "A single simulation run: one possible history under the stated assumptions, not a forecast.".into(),
        provenance: input.provenance.clone(),
        sections,
    })
}
