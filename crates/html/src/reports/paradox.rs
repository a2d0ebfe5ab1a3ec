//! The report of the paradox experiment.

use super::sections::*;
use super::*;
use crate::chart::{Axes, Chart, ForestRow, Tone};
use ::experiment::paradox::VerdictKind;

/// The colour and word of a verdict kind.
fn tone(kind: VerdictKind) -> Tone {
    match kind {
        VerdictKind::Raises => Tone::Raises,
        VerdictKind::Lowers => Tone::Lowers,
        VerdictKind::NoChange => Tone::NoChange,
        VerdictKind::Inconclusive | VerdictKind::Undefined => Tone::Inconclusive,
    }
}
use crate::page::{Block, Page, Section, Table, render};

/// The paradox page: the experiment, a forest plot of the effects per measure with the verdicts
/// in words below, and scenario discovery.
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
    let table = Block::Table(Table {
        caption: "Verdicts in words: lens set × measure".into(),
        header: vec![
            "lens set".into(),
            "measure".into(),
            "difference (failed − strong)".into(),
            "interval".into(),
            "verdict".into(),
        ],
        rows,
    });
    let mut blocks = vec![Block::Note(
        "One forest plot per measure (each in its own units): the effect of regime failure under each lens set, \
         its interval, and the verdict by colour and word; the verdicts in words follow in the table below."
            .into(),
    )];
    let mut measures: Vec<&str> = Vec::new();
    for v in &input.verdicts {
        if !measures.contains(&v.measure.as_str()) {
            measures.push(&v.measure);
        }
    }
    for m in measures {
        let vs: Vec<&Verdict> = input.verdicts.iter().filter(|v| v.measure == m).collect();
        blocks.push(Block::Chart(Chart::Forest {
            axes: Axes::new(
                format!("Effect of regime failure on {}", m.replace('_', " ")),
                format!("difference of means, failed − strong ({m})"),
                "lens set",
            ),
            rows: vs
                .iter()
                .map(|v| ForestRow {
                    label: v.lenses.clone(),
                    estimate: v.difference,
                    interval: v.ci,
                    tone: tone(v.kind),
                })
                .collect(),
        }));
    }
    blocks.push(table);
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
