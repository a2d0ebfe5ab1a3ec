//! The explorer's ensembles without the server: scenario inputs in requests, cancellation, and
//! the typed result.
// Rounding is checked exactly: the page must get the very numbers `shown` gives.
#![allow(clippy::float_cmp)]

use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use web::ensemble::{SERIES, page_json, parse_request, run, run_with_progress, shown};

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
        None,
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

fn served_posterior() -> web::ensemble::ServedPosterior {
    let text = "particle,weight,distance,accident_hazard\n0,1,0,0.001\n1,3,0,0.05\n";
    let posterior = lab::Posterior::from_csv(text, "posterior.csv").unwrap();
    let source = experiment::draws::PosteriorSource::new(&posterior, text);
    web::ensemble::ServedPosterior { posterior, source }
}

#[test]
fn a_served_posterior_draws_each_runs_parameters_as_every_command_does() {
    let req = parse_request(br#"{"scenario":"korea","years":10,"runs":40}"#).unwrap();
    let p = served_posterior();
    let with = run_with_progress(&req, Some(&p), |_| {}, &AtomicBool::new(false)).unwrap();
    // The same runs built the way `run --runs --posterior` and the forecast build them.
    let loaded = lab::Loaded::builtin("korea").unwrap();
    let request = req.run_request().unwrap();
    let worlds = experiment::draws::Worlds::new(&loaded.scenario, &request, Some(&p.posterior), req.seed, 40).unwrap();
    assert_eq!(worlds.templates.len(), 2, "both particles drawn in 40 runs");
    let outcome = lab::Outcome::find("any_nuclear_use").unwrap();
    let values = lab::Executor::new(req.seed).run(&worlds.jobs(), |_, out| outcome.of(&out.summary)).unwrap();
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let shown = with.paradox.iter().find(|m| m.name == "any_nuclear_use").unwrap();
    assert_eq!(shown.mean, mean);
    // The result names its posterior; without one, the field is absent.
    let json = page_json(&with);
    assert_eq!(json["posterior"]["origin"], "posterior.csv");
    assert_eq!(json["posterior"]["particles"], 2);
    assert!(web::ensemble::report(&with).contains("drawn by weight from posterior.csv"));
    let without = run(&req).unwrap();
    assert!(page_json(&without).get("posterior").is_none());
}

#[test]
fn a_parameter_set_by_the_page_and_the_posterior_is_refused() {
    let req =
        parse_request(br#"{"scenario":"korea","years":5,"runs":4,"parameters":{"accident_hazard":0.01}}"#).unwrap();
    let e = run_with_progress(&req, Some(&served_posterior()), |_| {}, &AtomicBool::new(false)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("parameters"));
    assert!(e.message.contains("`accident_hazard` is set by the request and by the posterior"), "{}", e.message);
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

#[test]
fn every_parameter_has_a_process_unit_and_range() {
    let catalogue = web::ensemble::params();
    let list = catalogue["parameters"].as_array().unwrap();
    assert_eq!(list.len(), engine::params::SPECS.len(), "all parameters reachable");
    let groups: Vec<&str> = catalogue["groups"].as_array().unwrap().iter().map(|g| g.as_str().unwrap()).collect();
    for p in list {
        let name = p["name"].as_str().unwrap();
        assert!(groups.contains(&p["group"].as_str().unwrap_or("")), "{name} has a process");
        assert!(!p["unit"].as_str().unwrap().is_empty(), "{name} has a unit");
        let (min, max, default) =
            (p["min"].as_f64().unwrap(), p["max"].as_f64().unwrap(), p["default"].as_f64().unwrap());
        assert!(min <= default && default <= max, "{name}: default {default} within [{min}, {max}]");
        assert!(engine::params::check(name, min).is_ok() && engine::params::check(name, max).is_ok(), "{name}");
    }
    // Every group's first parameter exists, so no group silently swallows another.
    for (title, first) in web::ensemble::GROUPS {
        assert_eq!(web::ensemble::group_of(first), Some(title), "{first}");
    }
    assert_eq!(web::ensemble::group_of("prudence_base"), Some("Crisis escalation"));
    assert_eq!(web::ensemble::group_of("no_such_parameter"), None);
    assert_eq!(web::ensemble::range_of("accident_hazard"), (0.0, 1.0));
    assert_eq!(web::ensemble::range_of("max_rounds"), (1.0, 1000.0));
    assert!(web::ensemble::range_of("willingness_intercept").0 <= -engine::params::MAX_MAGNITUDE);
    assert_eq!(web::ensemble::unit_of("willingness_threat"), "logit coefficient");
    assert_eq!(web::ensemble::unit_of("pursuit_median_years"), "years");
    assert_eq!(web::ensemble::unit_of("max_rounds"), "rounds");
    assert_eq!(web::ensemble::unit_of("nuclear_use_cost"), "fraction of a unit crisis stake");
}

#[test]
fn scenario_defaults_follow_the_lenses() {
    let own = web::ensemble::scenario_parameters("world-2025", &[]).unwrap();
    let org = web::ensemble::scenario_parameters("world-2025", &["organisational".to_owned()]).unwrap();
    assert_eq!(own["parameters"].as_object().unwrap().len(), engine::params::SPECS.len());
    assert_ne!(own["parameters"]["accident_multiplier"], org["parameters"]["accident_multiplier"]);
    let e = web::ensemble::scenario_parameters("world-2025", &["astrology".to_owned()]).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("lenses"));
    let scenarios = web::ensemble::scenarios();
    let first = &scenarios["scenarios"][0]["parameters"];
    assert_eq!(first.as_object().unwrap().len(), engine::params::SPECS.len(), "each scenario lists every parameter");
}

#[test]
fn shown_keeps_a_digit_more_than_the_page_shows() {
    assert_eq!(shown(0.123_456_789), 0.1235);
    assert_eq!(shown(-0.000_123_456), -0.000_123_5);
    assert_eq!(shown(5.678_901), 5.679);
    assert_eq!(shown(87.654_32), 87.65);
    assert_eq!(shown(987.654_3), 987.7);
    assert_eq!(shown(12_345.678), 12_345.7);
    assert_eq!(shown(3.0), 3.0);
    for x in [0.0, f64::NAN, 1e-250] {
        assert!(shown(x).to_bits() == x.to_bits(), "{x} left as it is");
    }
    // Printed short: the nearest double to the rounded decimal.
    assert_eq!(serde_json::to_string(&shown(0.1 + 0.2)).unwrap(), "0.3");
    assert_eq!(serde_json::to_string(&shown(2.0 / 3.0)).unwrap(), "0.6667");
}

/// Every number of `v`, in order.
fn numbers(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Number(n) => out.push(n.as_f64().unwrap()),
        Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        Value::Object(m) => m.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

/// `v` with every scalar that stands for a year's series (where `full` has an array of
/// `years` values) expanded back to that many copies.
fn expand(v: &Value, full: &Value) -> Value {
    match (v, full) {
        (Value::Array(a), Value::Array(f)) => Value::Array(a.iter().zip(f).map(|(x, y)| expand(x, y)).collect()),
        (Value::Object(m), Value::Object(f)) => {
            Value::Object(m.iter().map(|(k, x)| (k.clone(), expand(x, &f[k]))).collect())
        }
        (x, Value::Array(f)) => Value::Array(vec![x.clone(); f.len()]),
        (x, _) => x.clone(),
    }
}

#[test]
fn the_page_gets_its_series_rounded_to_what_it_shows_and_the_rest_exact() {
    let req = parse_request(br#"{"scenario":"world-2025","years":30,"runs":6,"seed":4}"#).unwrap();
    let result = run(&req).unwrap();
    let full = serde_json::to_value(&result).unwrap();
    let page = page_json(&result);
    for key in ["request", "paradox", "dyads_final_year_first_run", "years", "lenses"] {
        assert_eq!(page[key], full[key], "{key} exact");
    }
    let mut collapsed = 0;
    for key in SERIES {
        let expanded = expand(&page[key], &full[key]);
        let (mut got, mut want) = (Vec::new(), Vec::new());
        numbers(&expanded, &mut got);
        numbers(&full[key], &mut want);
        assert_eq!(got.len(), want.len(), "{key}: every number kept");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(*g, shown(*w), "{key}: {w} sent as {g}");
        }
        // Nulls stay nulls (a band not shown is still not shown).
        assert_eq!(
            expanded.to_string().matches("null").count(),
            full[key].to_string().matches("null").count(),
            "{key}"
        );
        collapsed += usize::from(page[key].to_string().len() < full[key].to_string().len() / 2);
    }
    assert!(collapsed >= 2, "the big parts shrink");
    // Every series is an array of one value per year or one value for all years.
    for d in page["dyads"].as_array().unwrap() {
        for band in ["adequacy1", "adequacy2", "fsi", "max_rung"] {
            for q in ["q05", "q50", "q95", "n"] {
                let v = &d[band][q];
                assert!(v.as_array().map_or(!v.is_object(), |a| a.len() == 30), "{band}.{q}: {v}");
            }
        }
    }
    let light = page.to_string().len();
    let heavy = full.to_string().len();
    assert!(light * 2 < heavy, "page JSON {light} bytes, full {heavy}");
}
