//! `deterrence report PATH [-o report.html]`: one self-contained HTML report of a run, an
//! experiment, a paradox experiment or a validation (`html::load::page_for`), written to a file.

use crate::input::bad;
use std::path::Path;

/// Runs the command.
pub fn run(path: &Path, out: Option<&Path>) -> anyhow::Result<()> {
    let (html, default_out) = html::load::page_for(path).map_err(bad)?;
    let target = out.map_or(default_out, Path::to_path_buf);
    std::fs::write(&target, html).map_err(|e| bad(format!("cannot write {}: {e}", target.display())))?;
    println!("report written to {}", target.display());
    Ok(())
}
