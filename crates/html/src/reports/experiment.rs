//! The report of an experiment directory.

use super::sections::*;
use super::*;
use crate::page::{Block, Page, Section, render};

/// The experiment page.
pub fn experiment_report(input: &ExperimentInput<'_>) -> String {
    let a = input.analysis;
    let mut sections = Vec::new();
    let mut intro = vec![Block::Note(format!("Experiment `{}`: {}.", a.experiment, input.design))];
    intro.extend(input.notes.iter().cloned().map(Block::Note));
    sections.push(Section { heading: "Experiment".into(), blocks: intro });
    match input.ensembles.as_slice() {
        [] => {}
        [e] => {
            sections.push(fan_section(e));
            sections.extend(ladder_section(&e.dyad_years, "in the regenerated replications"));
        }
        many => {
            sections.extend(design_fan_sections(many, input.points));
            sections.extend(ladder_section(&pooled(many).dyad_years, "in the regenerated runs of the design"));
        }
    }
    sections.extend(sensitivity_section(a));
    if let Some(p) = &a.prim {
        sections.push(prim_section(p));
    }
    if let Some(c) = &a.cart {
        sections.push(cart_section(c));
    }
    if let Some(f) = &a.feature_scores {
        sections.push(feature_score_section(f));
    }
    sections.push(Section { heading: "Per-point summary".into(), blocks: vec![Block::Table(points_table(a))] });
    sections.extend(region_section(&input.region_maps));
    sections.extend(notes_section("Analysis notes", &a.notes));
    render(&Page {
        title: input.title.clone(),
        subtitle: "An experiment: an ensemble of replicated runs over a design of uncertain assumptions.".into(),
        provenance: input.provenance.clone(),
        sections,
    })
}
