//! `deterrence params`: every named engine parameter, its default, its value under each lens
//! and its source.

use crate::args::{LensChoice, TextFormat};
use engine::params::{Params, SPECS, with_lenses};
use model::Lens;
use serde::Serialize;

#[derive(Serialize)]
struct Row {
    name: &'static str,
    value: f64,
    default: f64,
    lens_values: Vec<(String, f64)>,
    doc: &'static str,
    source: &'static str,
}

/// Runs the command.
pub fn run(lenses: &[LensChoice], format: TextFormat) -> anyhow::Result<()> {
    let chosen: Vec<Lens> = lenses.iter().map(|&l| l.into()).collect();
    let values = with_lenses(Params::default(), &chosen);
    let per_lens: Vec<(Lens, Params)> = Lens::ALL.iter().map(|&l| (l, with_lenses(Params::default(), &[l]))).collect();
    let base = Params::default();
    let rows: Vec<Row> = SPECS
        .iter()
        .map(|s| Row {
            name: s.name,
            value: values.get(s.name).unwrap_or(f64::NAN),
            default: s.default,
            lens_values: per_lens
                .iter()
                .filter(|(_, p)| p.get(s.name) != base.get(s.name))
                .map(|(l, p)| (l.as_str().to_owned(), p.get(s.name).unwrap_or(f64::NAN)))
                .collect(),
            doc: s.doc,
            source: s.source,
        })
        .collect();
    match format {
        TextFormat::Json => {
            #[derive(Serialize)]
            struct Body<'a> {
                lenses: Vec<&'static str>,
                parameters: &'a [Row],
            }
            let lenses =
                if chosen.is_empty() { vec!["deterrence"] } else { chosen.iter().map(|l| l.as_str()).collect() };
            print!("{}", report::json::render("parameters", &Body { lenses, parameters: &rows }));
        }
        TextFormat::Table => {
            println!("| parameter | default | set by a lens | meaning | source |");
            println!("|---|---|---|---|---|");
            for r in &rows {
                let lens = r.lens_values.iter().map(|(l, v)| format!("{l}: {v}")).collect::<Vec<_>>().join("; ");
                println!("| `{}` | {} | {} | {} | {} |", r.name, r.default, lens, r.doc.trim(), r.source);
            }
        }
    }
    Ok(())
}
