//! The explorer's ensembles without the server: scenario inputs in requests, cancellation, and
//! the typed result.

use std::sync::atomic::{AtomicBool, Ordering};
use web::ensemble::{parse_request, run, run_with_progress};

#[test]
fn inputs_are_checked_against_the_scenario_and_change_the_runs() {
    let ok = parse_request(br#"{"scenario":"korea","years":10,"runs":4,"inputs":{"rivalries.USA-PRK.intensity":0}}"#)
        .expect("valid");
    assert_eq!(ok.inputs, vec![("rivalries.USA-PRK.intensity".to_owned(), 0.0)]);
    let bad = parse_request(br#"{"scenario":"korea","inputs":{"states.XXX.resolve":0.5}}"#).unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("inputs.states.XXX.resolve"), "{}", bad.message);
    let range = parse_request(br#"{"scenario":"korea","inputs":{"states.USA.resolve":3}}"#).unwrap_err();
    assert!(range.message.contains("between 0 and 1"), "{}", range.message);
    let calm = run(&ok).expect("runs");
    let base = run(&parse_request(br#"{"scenario":"korea","years":10,"runs":4}"#).unwrap()).expect("runs");
    assert_eq!(calm.request.inputs.len(), 1);
    assert_ne!(calm.fans.crises.q95, base.fans.crises.q95);
}

#[test]
fn a_cancelled_ensemble_stops_with_an_error() {
    let req = parse_request(br#"{"scenario":"korea","years":5,"runs":40}"#).unwrap();
    let cancel = AtomicBool::new(false);
    let seen = std::sync::Mutex::new(0u32);
    // The client "goes away" at the first progress report.
    let out = run_with_progress(
        &req,
        |done| {
            *seen.lock().unwrap() = done;
            cancel.store(true, Ordering::Relaxed);
        },
        &cancel,
    );
    let e = out.unwrap_err();
    assert!(e.message.contains("cancelled"), "{}", e.message);
    assert!(*seen.lock().unwrap() < 40);
}

#[test]
fn the_result_names_catalogue_outcomes() {
    let r = run(&parse_request(br#"{"scenario":"korea","years":5,"runs":3}"#).unwrap()).unwrap();
    for m in &r.paradox {
        assert!(lab::Outcome::find(m.name).is_ok(), "{}", m.name);
    }
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["years"].as_array().unwrap().len(), 5);
    let html = web::ensemble::report(&r);
    assert!(html.contains("Paradox measures"));
}
