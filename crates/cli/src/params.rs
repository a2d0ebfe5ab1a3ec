//! The catalogues: `deterrence params` (every named engine parameter, its default, its value
//! under each lens and its source), `deterrence outcomes` (every per-run outcome) and
//! `deterrence series` (what an experiment can record per year and per state) and
//! `deterrence inputs` (every uncertain scenario input, by path).

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
        TextFormat::Table if chosen.is_empty() => {
            println!("| parameter | default | set by a lens | meaning | source |");
            println!("|---|---|---|---|---|");
            for r in &rows {
                let lens = r.lens_values.iter().map(|(l, v)| format!("{l}: {v}")).collect::<Vec<_>>().join("; ");
                println!("| `{}` | {} | {} | {} | {} |", r.name, r.default, lens, r.doc.trim(), r.source);
            }
        }
        TextFormat::Table => {
            let names = chosen.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(" + ");
            let changed = rows.iter().filter(|r| r.value.to_bits() != r.default.to_bits()).count();
            println!(
                "Values with the lens {names}: {changed} parameters differ from the default (in bold); the rest keep it."
            );
            println!();
            println!("| parameter | default | with {names} | meaning | source |");
            println!("|---|---|---|---|---|");
            for r in &rows {
                let value = if r.value.to_bits() == r.default.to_bits() {
                    r.value.to_string()
                } else {
                    format!("**{}**", r.value)
                };
                println!("| `{}` | {} | {} | {} | {} |", r.name, r.default, value, r.doc.trim(), r.source);
            }
        }
    }
    Ok(())
}

/// `deterrence outcomes`.
pub fn outcomes(format: TextFormat) -> anyhow::Result<()> {
    match format {
        TextFormat::Json => {
            #[derive(Serialize)]
            struct Body {
                outcomes: &'static [lab::Outcome],
            }
            print!("{}", report::json::render("outcomes", &Body { outcomes: &lab::OUTCOMES }));
        }
        TextFormat::Table => {
            println!("| outcome | label | unit | how it is computed from a run |");
            println!("|---|---|---|---|");
            for o in &lab::OUTCOMES {
                println!("| `{}` | {} | {} | {} |", o.name, o.label, o.unit, o.description);
            }
        }
    }
    Ok(())
}

/// `deterrence series`.
pub fn series(format: TextFormat) -> anyhow::Result<()> {
    use lab::series::{STATE_SERIES, YEAR_SERIES};
    match format {
        TextFormat::Json => {
            #[derive(Serialize)]
            struct Body {
                years: &'static [lab::series::YearSeries],
                states: &'static [lab::series::StateSeries],
            }
            print!("{}", report::json::render("series", &Body { years: &YEAR_SERIES, states: &STATE_SERIES }));
        }
        TextFormat::Table => {
            println!("| series | recorded | unit | meaning |");
            println!("|---|---|---|---|");
            for s in &YEAR_SERIES {
                println!("| `{}` | per run and year (`[record] years`) | {} | {} |", s.name, s.unit, s.description);
            }
            for s in &STATE_SERIES {
                println!("| `{}` | per state and year (`[record] states`) | {} | {} |", s.name, s.unit, s.description);
            }
        }
    }
    Ok(())
}

/// `deterrence inputs SCENARIO`.
pub fn inputs(scenario: &str, format: TextFormat) -> anyhow::Result<()> {
    let loaded = crate::input::load(scenario)?;
    let list = lab::inputs::uncertain_inputs(&loaded.scenario);
    match format {
        TextFormat::Json => {
            #[derive(Serialize)]
            struct Input {
                path: String,
                low: f64,
                best: f64,
                high: f64,
            }
            #[derive(Serialize)]
            struct Body {
                provenance: lab::Provenance,
                inputs: Vec<Input>,
            }
            let inputs = list
                .iter()
                .map(|(p, e)| Input { path: p.to_string(), low: e.low, best: e.best, high: e.high })
                .collect();
            print!(
                "{}",
                report::json::render("inputs", &Body { provenance: lab::Provenance::current(&loaded), inputs })
            );
        }
        TextFormat::Table => {
            println!("| input (`--set PATH=VALUE`) | low | best | high |");
            println!("|---|---|---|---|");
            for (p, e) in &list {
                println!("| `{p}` | {} | {} | {} |", e.low, e.best, e.high);
            }
        }
    }
    Ok(())
}
