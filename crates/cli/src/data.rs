//! `deterrence data cite`: citations for every source the built-in data use.

use crate::args::{CiteFormat, DataCommand};
use model::builtin;
use report::{Citation, SourceKind};

/// Runs the command.
pub fn run(cmd: DataCommand) -> anyhow::Result<()> {
    match cmd {
        DataCommand::Cite { format } => cite(format),
        DataCommand::Panel { unit, from, to, directed } => crate::history_cmd::panel(unit, from, to, directed),
        DataCommand::Hazards => crate::history_cmd::hazards(),
        DataCommand::Durations => crate::history_cmd::durations(),
        DataCommand::Supply => crate::history_cmd::supply(),
        DataCommand::Strikes { runs, seed } => crate::history_cmd::strikes(runs, seed),
        DataCommand::Timing { runs, seed } => crate::history_cmd::timing(runs, seed),
        DataCommand::Production => crate::history_cmd::production(),
        DataCommand::Fissile => crate::history_cmd::fissile(),
        DataCommand::Nonstrategic => crate::history_cmd::nonstrategic(),
        DataCommand::Willingness { runs, seed, profile, aggregation, shock } => {
            crate::history_cmd::willingness(runs, seed, profile, aggregation, shock)
        }
        DataCommand::ForceCost { runs, seed } => crate::history_cmd::force_cost(runs, seed),
        DataCommand::CrisisRate { runs, seed, icb } => crate::history_cmd::crisis_rate(runs, seed, icb.as_deref()),
        DataCommand::Import(crate::args::ImportCommand::Icb { path, runs, seed, format }) => {
            crate::history_cmd::import_icb(&path, runs, seed, format)
        }
    }
}

fn cite(format: CiteFormat) -> anyhow::Result<()> {
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
                kind: SourceKind::classify(&s.key, &s.citation),
            });
        }
    }
    let record =
        history::record::Record::builtin().map_err(|e| anyhow::anyhow!("the built-in record is invalid: {e}"))?;
    for (file, source) in record.sources() {
        // A record file's source is "citation; URL".
        let (citation, url) = match source.split_once("; http") {
            Some((c, u)) => (c.trim().to_owned(), Some(format!("http{}", u.trim()))),
            None => (source, None),
        };
        let kind = SourceKind::classify("", &citation);
        citations.push(Citation { scenario: file, key: String::new(), citation, url, published: None, kind });
    }
    match format {
        CiteFormat::Table => print!("{}", report::table::citations(&citations)),
        CiteFormat::Json => print!("{}", report::json::citations(&citations)),
        CiteFormat::Bibtex => print!("{}", report::bibtex::citations(&citations)),
    }
    Ok(())
}
