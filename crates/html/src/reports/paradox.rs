//! The report of the paradox experiment.

use super::sections::*;
use super::*;
use crate::chart::{Axes, BarGroup, Chart};
use crate::page::{Block, Page, Section, Table, render};

/// The paradox page.
pub fn paradox_report(input: &ParadoxInput<'_>) -> String {
    let mut sections = Vec::new();
    let mut intro = vec![Block::Note(format!(
        "The pre-specified paradox experiment: regime presets strong, eroded and failed × theory lens sets, {} runs \
         per cell; the effect of regime failure on each measure is the difference of means failed − strong with a \
         percentile-bootstrap interval. Scenario discovery: {} Latin-hypercube points. See docs/experiments.md.",
        input.runs_per_cell.map_or_else(|| "n/a".into(), |n| n.to_string()),
        input.discovery_samples.map_or_else(|| "n/a".into(), |n| n.to_string()),
    ))];
    intro.extend(input.notes.iter().cloned().map(Block::Note));
    sections.push(Section { heading: "The paradox experiment".into(), blocks: intro });
    let rows = input
        .verdicts
        .iter()
        .map(|v| {
            vec![
                v.lenses.clone(),
                v.measure.clone(),
                num(v.difference),
                format!("[{}, {}] ({:.0} %)", num(v.ci.0), num(v.ci.1), 100.0 * v.confidence),
                v.verdict.split_once(", ").map_or(v.verdict.as_str(), |(_, t)| t).to_owned(),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Table(Table {
        caption: "Verdicts: lens set × measure".into(),
        header: vec![
            "lens set".into(),
            "measure".into(),
            "difference (failed − strong)".into(),
            "interval".into(),
            "verdict".into(),
        ],
        rows,
    })];
    let mut measures: Vec<&str> = Vec::new();
    for v in &input.verdicts {
        if !measures.contains(&v.measure.as_str()) {
            measures.push(&v.measure);
        }
    }
    for m in measures {
        let vs: Vec<&Verdict> = input.verdicts.iter().filter(|v| v.measure == m).collect();
        blocks.push(Block::Chart(Chart::Bars {
            axes: Axes::new(
                format!("Effect of regime failure on {m}"),
                format!("difference of means, failed − strong ({m}, its own units; whiskers: interval)"),
                "lens set",
            ),
            categories: vs.iter().map(|v| v.lenses.clone()).collect(),
            groups: vec![BarGroup {
                name: "difference".into(),
                values: vs.iter().map(|v| v.difference).collect(),
                intervals: Some(vs.iter().map(|v| v.ci).collect()),
            }],
        }));
    }
    sections.push(Section { heading: "Verdicts".into(), blocks });
    match input.prim {
        Some(p) => sections.push(prim_section(p)),
        None => sections.push(Section {
            heading: "Scenario discovery (PRIM)".into(),
            blocks: vec![Block::Note(
                "No PRIM result: scenario discovery found no run with the outcome, or too few runs.".into(),
            )],
        }),
    }
    render(&Page {
        title: input.title.clone(),
        subtitle: "Does regime failure change the hazards of the nuclear order? Effects of a simplified model's \
                   mechanisms under stated assumptions, not forecasts."
            .into(),
        provenance: input.provenance.clone(),
        sections,
    })
}
