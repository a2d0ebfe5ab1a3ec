//! The report of a replay validation.

use super::*;
use crate::chart::{Axes, Chart};
use crate::page::{Block, Page, Section, Table, render};

/// The validation page.
pub fn validation_report(input: &ValidationInput) -> String {
    let d = &input.doc;
    let passed = d.patterns.iter().filter(|p| p.pass).count();
    let rows = d
        .patterns
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.description.clone(),
                opt_num(p.record),
                opt_num(p.median),
                format!("[{}, {}]", opt_num(p.q05), opt_num(p.q95)),
                opt_num(p.tolerance),
                if p.pass { "pass".into() } else { "MISS".into() },
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Note(format!(
            "Replay of history-1945 (1945–2025): {} runs, seed {}. A pattern passes when the record lies in the \
             ensemble's 90 % interval widened by its tolerance, fixed before any result was seen. Score: {passed} \
             of {} patterns. Misses are model findings, not tuned away (docs/validation.md).",
            d.runs,
            d.seed,
            d.patterns.len()
        )),
        Block::Table(Table {
            caption: "Validation scorecard".into(),
            header: vec![
                "pattern".into(),
                "description".into(),
                "record".into(),
                "median".into(),
                "90 % interval".into(),
                "tolerance".into(),
                "result".into(),
            ],
            rows,
        }),
    ];
    let decades: Vec<(f64, &PatternRow)> = d
        .patterns
        .iter()
        .filter_map(|p| p.name.strip_prefix("armed_states_").and_then(|y| y.parse::<f64>().ok()).map(|y| (y, p)))
        .collect();
    if !decades.is_empty() {
        let get = |f: fn(&PatternRow) -> Option<f64>| decades.iter().map(|(_, p)| f(p).unwrap_or(f64::NAN)).collect();
        blocks.push(Block::Chart(Chart::Intervals {
            axes: Axes::new(
                "Nuclear-armed states by decade: record vs ensemble",
                "year (end of decade)",
                "nuclear-armed states (count)",
            ),
            x: decades.iter().map(|(y, _)| *y).collect(),
            low: get(|p| p.q05),
            median: get(|p| p.median),
            high: get(|p| p.q95),
            record: get(|p| p.record),
        }));
    }
    render(&Page {
        title: input.title.clone(),
        subtitle: "Validation: the replayed nuclear age against the historical record.".into(),
        provenance: input.provenance.clone(),
        sections: vec![Section { heading: "Scorecard".into(), blocks }],
    })
}
