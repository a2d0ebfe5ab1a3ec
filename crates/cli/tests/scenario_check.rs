//! `deterrence scenario check` reports every problem of a file at once and exits with status 2.

mod common;

use common::run;
use std::path::PathBuf;

fn korea() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/korea.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` with the first `from` (which must exist) replaced by `to`.
fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "korea.toml lacks {from:?}");
    text.replacen(from, to, 1)
}

/// The 1-based number of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle present") + 1
}

#[test]
fn check_reports_a_type_error_an_unknown_field_and_range_errors_together() {
    let mut text = korea();
    text = replace(&text, "latency = { low = 0.8, best = 0.9, high = 0.95 }", "latency = \"high\"");
    text = replace(&text, "launchers_per_aim_point = 5\n", "launchers_per_aim_point = 5\nlaunchrs = 3\n");
    text = replace(&text, "class = \"mobile_icbm\"", "class = \"truck\"");
    text = replace(
        &text,
        "pair = [\"KOR\", \"PRK\"]\nintensity = { low = 0.7, best = 0.8, high = 0.9 }\ndistance_km = 200",
        "pair = [\"KOR\", \"PRK\"]\nintensity = 7\ndistance_km = -200",
    );
    let dir = common::temp_dir("scenario-check");
    let path = dir.join("broken-korea.toml").to_string_lossy().into_owned();
    std::fs::write(&path, &text).unwrap();

    let o = run(&["scenario", "check", &path]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(o.stdout.is_empty(), "nothing on stdout for an invalid file");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("broken-korea.toml: 5 problems"), "{err}");
    let expected = [
        ("latency = \"high\"", "states[0].latency", "expected a number or a range"),
        ("class = \"truck\"", "states[0].forces[0].class", "unknown variant `truck`"),
        ("launchrs = 3", "states[0].forces[0].launchrs", "unknown field `launchrs`"),
        ("intensity = 7", "rivalries[0].intensity", "expected a fraction between 0 and 1"),
        ("distance_km = -200", "rivalries[0].distance_km", "expected a non-negative distance"),
    ];
    let mut last = 0;
    for (needle, field, message) in expected {
        let line = line_of(&text, needle);
        let at = format!("{path}:{line}:");
        let shown = err
            .lines()
            .find(|l| l.contains(&at))
            .unwrap_or_else(|| panic!("no problem reported at {at} ({field}) in\n{err}"));
        assert!(shown.contains(&format!("field `{field}`")) && shown.contains(message), "{shown}");
        assert!(line > last, "problems in line order");
        last = line;
    }
}

#[test]
fn check_reports_a_syntax_error_alone() {
    let text = replace(&korea(), "latency = { low = 0.8, best = 0.9, high = 0.95 }", "latency = = 0.9");
    let text = replace(&text, "distance_km = 200", "distance_km = -200");
    let dir = common::temp_dir("scenario-check-syntax");
    let path = dir.join("syntax.toml").to_string_lossy().into_owned();
    std::fs::write(&path, &text).unwrap();

    let o = run(&["scenario", "check", &path]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("syntax.toml: 1 problem\n"), "{err}");
    assert!(err.contains(&format!("{path}:{}:", line_of(&text, "latency = = 0.9"))), "{err}");
}
