//! The spec files of examples/ (used by the README tour) stay valid and run: each is read with
//! located errors, expanded against its scenario, and its first design points run at a small
//! size (3 years, 2 replications) through the same runner as `deterrence experiment`.

use experiment::spec::{DesignKind, parse_spec};
use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_reads_expands_and_runs() {
    let files = examples();
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(&file).expect("readable");
        let mut spec = parse_spec(&text, &name).unwrap_or_else(|e| panic!("{e}"));
        let loaded = lab::Loaded::load(&spec.experiment.scenario).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Small but of the same kind: a few years, two replications, the smallest valid sizes.
        spec.experiment.years = Some(3);
        spec.experiment.replications = 2;
        match spec.design.kind {
            DesignKind::Lhs | DesignKind::Morris => spec.design.samples = Some(2),
            DesignKind::Sobol => spec.design.samples = Some(8),
            _ => {}
        }
        let spec = spec.expand(&loaded.scenario).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let plan = experiment::design::plan(&spec).unwrap_or_else(|e| panic!("{name}: {e}"));
        let points: Vec<&experiment::design::Point> = plan.points.iter().take(4).collect();
        let records = experiment::runner::run_points(&spec, &loaded.scenario, &plan, &points)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(records.len(), points.len() * 2, "{name}");
        assert!(records.iter().all(|r| r.outcomes.len() == spec.experiment.outcomes.len()), "{name}");
    }
}

#[test]
fn the_readme_tour_uses_the_examples() {
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    for file in examples() {
        let rel = format!("examples/{}", file.file_name().unwrap().to_string_lossy());
        assert!(readme.contains(&rel), "README does not mention {rel}");
    }
}
