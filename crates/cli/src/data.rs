//! `deterrence data cite`: citations for every source the built-in data use.

use crate::args::{DataCommand, TextFormat};
use model::builtin;
use report::Citation;

/// Runs the command.
pub fn run(cmd: DataCommand) -> anyhow::Result<()> {
    match cmd {
        DataCommand::Cite { format } => cite(format),
        DataCommand::Panel { unit, from, to, directed } => crate::history_cmd::panel(unit, from, to, directed),
        DataCommand::Hazards => crate::history_cmd::hazards(),
        DataCommand::Import(crate::args::ImportCommand::Icb { path, runs, seed, format }) => {
            crate::history_cmd::import_icb(&path, runs, seed, format)
        }
    }
}

fn cite(format: TextFormat) -> anyhow::Result<()> {
    let mut citations = Vec::new();
    for b in builtin::BUILTINS {
        let scenario =
            model::parse_scenario(b.text, b.path).map_err(|e| anyhow::anyhow!("built-in scenario is invalid: {e}"))?;
        for s in &scenario.sources {
            citations.push(Citation {
                scenario: b.name.to_owned(),
                key: s.key.clone(),
                citation: s.citation.clone(),
                url: s.url.clone(),
                published: s.published.clone(),
            });
        }
    }
    let record =
        history::record::Record::builtin().map_err(|e| anyhow::anyhow!("the built-in record is invalid: {e}"))?;
    for (file, citation) in record.sources() {
        citations.push(Citation { scenario: file, key: String::new(), citation, url: None, published: None });
    }
    match format {
        TextFormat::Table => print!("{}", report::table::citations(&citations)),
        TextFormat::Json => print!("{}", report::json::citations(&citations)),
    }
    Ok(())
}
