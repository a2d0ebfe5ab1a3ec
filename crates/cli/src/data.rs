//! `deterrence data cite`: citations for every source the built-in data use.

use crate::args::{DataCommand, TextFormat};
use model::builtin;
use report::Citation;

/// Runs the command.
pub fn run(cmd: DataCommand) -> anyhow::Result<()> {
    match cmd {
        DataCommand::Cite { format } => cite(format),
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
    match format {
        TextFormat::Table => print!("{}", report::table::citations(&citations)),
        TextFormat::Json => print!("{}", report::json::citations(&citations)),
    }
    Ok(())
}
