//! The report of a replay validation.

use super::*;
use crate::page::{Block, Page, Section, Table, render};

/// The heading of a pattern group as written in the document.
fn group_heading(group: Option<&str>) -> String {
    match group {
        Some("decades") => "Nuclear-armed states by decade".into(),
        Some("programmes") => "Programmes".into(),
        Some("arsenals") => "Arsenals".into(),
        Some("acquisition") => "Per-state acquisition".into(),
        Some("crises") => "Crises between armed principals".into(),
        Some(other) => other.to_owned(),
        None => "Patterns".into(),
    }
}

fn signed(x: Option<f64>) -> String {
    match x {
        Some(v) if v > 0.0 => format!("+{}", num(v)),
        other => opt_num(other),
    }
}

/// The validation page: the pass rule, one scorecard table per group (record, median or share,
/// distance from the record, tolerance, pass or miss, 90 % interval as information), the
/// decade chart, and the rows of data/ each record value was computed from.
pub fn validation_report(input: &ValidationInput) -> String {
    let d = &input.doc;
    let passed = d.patterns.iter().filter(|p| p.pass).count();
    let rule = d.rule.clone().unwrap_or_else(|| {
        "A pattern passes when the record lies in the ensemble's 90 % interval widened by its tolerance (the rule \
         before issue 10)."
            .into()
    });
    let mut blocks = vec![Block::Note(format!(
        "Replay of history-1945 (1945–2025): {} runs, seed {}. {rule} Tolerances were fixed before any result was \
         seen. Score: {passed} of {} patterns. Misses are model findings, not tuned away (docs/validation.md).",
        d.runs,
        d.seed,
        d.patterns.len()
    ))];
    let mut groups: Vec<(Option<&str>, Vec<&PatternRow>)> = Vec::new();
    for p in &d.patterns {
        let g = p.group.as_deref();
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(p),
            None => groups.push((g, vec![p])),
        }
    }
    for (group, patterns) in &groups {
        let rows = patterns
            .iter()
            .map(|p| {
                let distance = p.distance.or_else(|| p.median.zip(p.record).map(|(m, r)| m - r));
                vec![
                    p.name.clone(),
                    p.description.clone(),
                    opt_num(p.record),
                    opt_num(p.median),
                    signed(distance),
                    opt_num(p.tolerance),
                    if p.pass { "pass".into() } else { "MISS".into() },
                    format!("[{}, {}]", opt_num(p.q05), opt_num(p.q95)),
                    p.runs_with_value.map_or_else(|| "n/a".into(), |n| n.to_string()),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: format!("Validation scorecard: {}", group_heading(*group)),
            header: vec![
                "pattern".into(),
                "description".into(),
                "record".into(),
                "median (share)".into(),
                "median − record".into(),
                "tolerance".into(),
                "result".into(),
                "90 % interval (information)".into(),
                "runs with a value".into(),
            ],
            rows,
        }));
    }
    blocks.extend(decade_chart("Nuclear-armed states by decade: record vs ensemble".into(), d.patterns.iter()));
    let mut sections = vec![Section { heading: "Scorecard".into(), blocks }];
    let used: Vec<Vec<String>> = d
        .patterns
        .iter()
        .filter(|p| !p.record_rows.is_empty())
        .map(|p| vec![p.name.clone(), p.record_rows.join("; "), p.sources.len().to_string()])
        .collect();
    if !used.is_empty() {
        sections.push(Section {
            heading: "Where the record values come from".into(),
            blocks: vec![Block::Table(Table {
                caption: "Rows of data/ each record value was computed from (sources under Provenance)".into(),
                header: vec!["pattern".into(), "rows".into(), "distinct sources".into()],
                rows: used,
            })],
        });
    }
    render(&Page {
        title: input.title.clone(),
        subtitle: "Validation: the replayed nuclear age against the historical record.".into(),
        provenance: input.provenance.clone(),
        sections,
    })
}
