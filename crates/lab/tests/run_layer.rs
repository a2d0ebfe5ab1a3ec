//! The run layer end to end: overrides parsed and checked, inputs set by path and validated,
//! requests prepared, ensembles run in order with progress and cancellation.

// Values set by an override are stored exactly, so exact comparison is the test.
#![allow(clippy::float_cmp)]

use lab::inputs::{get_input, set_inputs, uncertain_inputs};
use lab::{Executor, InputPath, Kind, Loaded, Override, RunRequest, Target};
use std::sync::atomic::{AtomicBool, Ordering};

fn korea() -> Loaded {
    Loaded::builtin("korea").expect("built in")
}

fn world() -> Loaded {
    Loaded::builtin("world-2025").expect("built in")
}

#[test]
fn parameters_levers_and_inputs_parse_from_flags() {
    let p = Override::parse(Kind::Parameter, "accident_hazard=0.05").unwrap();
    assert_eq!(p.target, Target::Parameter("accident_hazard"));
    assert_eq!(p.value, 0.05);
    let l = Override::parse(Kind::Lever, "enforcement = 0.2").unwrap();
    assert_eq!(l.target, Target::Lever(model::RegimeLever::Enforcement));
    let i = Override::parse(Kind::Input, "states.USA.forces.silo_icbm.cep_m=150").unwrap();
    assert_eq!(i.target.name(), "states.USA.forces.silo_icbm.cep_m");
    assert_eq!(
        lab::overrides::flags(&[p, l, i]).join(" "),
        "--param accident_hazard=0.05 --lever enforcement=0.2 --set states.USA.forces.silo_icbm.cep_m=150"
    );
}

#[test]
fn bad_overrides_name_what_is_wrong() {
    let cases = [
        (Kind::Parameter, "no_such_parameter=1", "unknown parameter"),
        (Kind::Parameter, "accident_hazard=NaN", "finite"),
        (Kind::Parameter, "accident_hazard=inf", "finite"),
        (Kind::Parameter, "accident_hazard=2", "accident_hazard"),
        (Kind::Parameter, "accident_hazard", "NAME=VALUE"),
        (Kind::Parameter, "accident_hazard=x", "expected a number"),
        (Kind::Lever, "enforcement=1.5", "[0, 1]"),
        (Kind::Lever, "enforcment=0.5", "unknown regime lever"),
        (Kind::Input, "planets.MARS.x=1", "not a scenario input"),
        (Kind::Input, "states.USA=1", "expected"),
        (Kind::Input, "rivalries.INDPAK.intensity=1", "joined by `-`"),
    ];
    for (kind, text, expected) in cases {
        let e = Override::parse(kind, text).unwrap_err();
        assert!(e.to_string().contains(expected), "{text}: {e}");
    }
}

#[test]
fn experiment_names_tell_the_three_kinds_apart() {
    assert_eq!(Target::from_name("regime.norm_strength").unwrap(), Target::Lever(model::RegimeLever::NormStrength));
    assert_eq!(Target::from_name("lever.inequity").unwrap(), Target::Lever(model::RegimeLever::Inequity));
    assert!(matches!(Target::from_name("rivalries.IND-PAK.intensity").unwrap(), Target::Input(_)));
    assert_eq!(Target::from_name("prudence_base").unwrap(), Target::Parameter("prudence_base"));
    let e = Target::from_name("regime.nope").unwrap_err();
    assert_eq!(e.name, "regime.nope");
    // Overrides serialise in the experiment name space and read back.
    let o = Override::new(Target::from_name("regime.verification").unwrap(), 0.3).unwrap();
    let json = serde_json::to_string(&o).unwrap();
    assert_eq!(json, r#"{"name":"regime.verification","value":0.3}"#);
    assert_eq!(serde_json::from_str::<Override>(&json).unwrap(), o);
}

#[test]
fn inputs_are_set_by_class_system_and_pair() {
    let w = world();
    let path = |t: &str| InputPath::parse(t).unwrap();
    let changed = set_inputs(
        &w.scenario,
        &[
            (path("states.USA.forces.silo_icbm.cep_m"), 150.0),
            (path("states.USA.unacceptable_damage_warheads"), 77.0),
            (path("rivalries.PAK-IND.intensity"), 0.25),
            (path("exchange.withhold_fraction"), 0.1),
        ],
    )
    .unwrap();
    let usa = &changed.states[changed.state_index("USA").unwrap()];
    let silo = usa.forces.iter().find(|f| f.class == model::DeliveryClass::SiloIcbm).unwrap();
    assert_eq!((silo.cep_m.low, silo.cep_m.best, silo.cep_m.high), (150.0, 150.0, 150.0));
    assert_eq!(usa.unacceptable_damage_warheads.unwrap().best, 77.0);
    let r = changed
        .rivalries
        .iter()
        .find(|r| r.pair.contains(&"IND".to_owned()) && r.pair.contains(&"PAK".to_owned()))
        .unwrap();
    assert_eq!(r.intensity.best, 0.25);
    assert_eq!(changed.exchange.withhold_fraction.best, 0.1);
    // Everything else is untouched.
    let before = &w.scenario.states[w.scenario.state_index("RUS").unwrap()];
    let after = &changed.states[changed.state_index("RUS").unwrap()];
    assert_eq!(before.forces.len(), after.forces.len());
    assert_eq!(before.forces[0].launchers, after.forces[0].launchers);
    // By system name, the same element.
    let system = silo.system.clone();
    let by_system = set_inputs(&w.scenario, &[(path(&format!("states.USA.forces.{system}.cep_m")), 160.0)]).unwrap();
    assert_eq!(get_input(&by_system, &path("states.USA.forces.silo_icbm.cep_m")).unwrap().best, 160.0);
}

#[test]
fn a_class_path_sets_every_element_of_the_class() {
    let w = world();
    let path = InputPath::parse("states.RUS.forces.silo_icbm.hardness_psi").unwrap();
    let rus = |s: &model::Scenario| s.states[s.state_index("RUS").unwrap()].clone();
    let silos = |s: &model::Scenario| {
        rus(s).forces.into_iter().filter(|f| f.class == model::DeliveryClass::SiloIcbm).collect::<Vec<_>>()
    };
    assert!(silos(&w.scenario).len() > 1, "the test needs a class with several elements");
    let changed = set_inputs(&w.scenario, &[(path.clone(), 700.0)]).unwrap();
    assert!(silos(&changed).iter().all(|f| f.hardness_psi.best == 700.0));
    // Other classes keep their values.
    let other = |s: &model::Scenario| {
        rus(s).forces.iter().find(|f| f.class == model::DeliveryClass::Ssbn).unwrap().hardness_psi
    };
    assert_eq!(other(&w.scenario), other(&changed));
    // Reading a class with several elements is ambiguous.
    assert!(get_input(&changed, &path).unwrap_err().message.contains("name one by its `system`"));
}

#[test]
fn bad_inputs_are_errors_naming_the_path() {
    let w = world();
    let cases = [
        ("states.XXX.resolve", -0.0, "no state `XXX`"),
        ("states.USA.forces.canoe.cep_m", 1.0, "no force element `canoe`"),
        ("states.USA.forces.silo_icbm.cep_m", -5.0, "above 0"),
        ("states.USA.command_control_quality", 1.5, "between 0 and 1"),
        ("states.USA.name", 1.0, "not a number input"),
        ("states.USA.no_such_field", 1.0, "not a number input"),
        ("rivalries.USA-BRA.intensity", 0.5, "no rivalry"),
        ("states.USA.resolve", f64::NAN, "finite"),
    ];
    for (p, v, expected) in cases {
        let e = set_inputs(&w.scenario, &[(InputPath::parse(p).unwrap(), v)]).unwrap_err();
        assert_eq!(e.path, p);
        assert!(e.message.contains(expected), "{p}={v}: {e}");
    }
}

#[test]
fn uncertain_inputs_list_ranges_that_can_be_set() {
    let w = world();
    let list = uncertain_inputs(&w.scenario);
    assert!(list.len() > 50, "{}", list.len());
    assert!(list.iter().any(|(p, _)| p.as_str() == "rivalries.USA-RUS.intensity"));
    for (path, e) in &list {
        assert!(e.low < e.high, "{path}");
        assert_eq!(get_input(&w.scenario, path).unwrap(), *e, "{path}");
        // Every listed input can be set anywhere in its range.
        set_inputs(&w.scenario, &[(path.clone(), e.low)]).unwrap_or_else(|err| panic!("{err}"));
    }
}

#[test]
fn an_input_override_changes_the_runs() {
    let k = korea();
    let base = RunRequest { years: Some(30), ..Default::default() }.prepare(&k.scenario).unwrap();
    let calm = RunRequest {
        years: Some(30),
        overrides: vec![Override::parse(Kind::Input, "rivalries.USA-PRK.intensity=0").unwrap()],
        ..Default::default()
    }
    .prepare(&k.scenario)
    .unwrap();
    let crises = |p: &lab::Prepared| -> u32 {
        Executor::new(7).ensemble(&p.template, 0..40, |_, o| o.summary.crises).unwrap().iter().sum()
    };
    assert!(crises(&base) > crises(&calm), "{} vs {}", crises(&base), crises(&calm));
}

#[test]
fn executor_results_match_serial_runs_in_order() {
    let k = korea();
    let p = RunRequest { years: Some(20), ..Default::default() }.prepare(&k.scenario).unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let observe = |done: u64, total: u64| seen.lock().unwrap().push((done, total));
    let parallel = Executor::new(3).observe(&observe).every(5).ensemble(&p.template, 10..30, |i, o| (i, o)).unwrap();
    for (i, out) in &parallel {
        // Compared as printed: NaN (a year without armed pairs) equals nothing, not even itself.
        assert_eq!(format!("{out:?}"), format!("{:?}", engine::run(&p.scenario, &p.resolved, 3, *i)));
    }
    assert_eq!(parallel.iter().map(|(i, _)| *i).collect::<Vec<_>>(), (10..30).collect::<Vec<_>>());
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen, vec![(5, 20), (10, 20), (15, 20), (20, 20)]);
}

#[test]
fn a_cancelled_ensemble_stops_and_says_so() {
    let k = korea();
    let p = RunRequest { years: Some(5), ..Default::default() }.prepare(&k.scenario).unwrap();
    let flag = AtomicBool::new(true);
    let e = Executor::new(1).cancel_on(&flag).ensemble(&p.template, 0..8, |_, o| o.summary).unwrap_err();
    assert_eq!((e.done, e.total), (0, 8));
    flag.store(false, Ordering::Relaxed);
    assert_eq!(Executor::new(1).cancel_on(&flag).ensemble(&p.template, 0..8, |_, _| ()).unwrap().len(), 8);
}

#[test]
fn requests_check_years_and_locate_scenario_parameters() {
    let k = korea();
    let e = RunRequest { years: Some(0), ..Default::default() }.prepare(&k.scenario).unwrap_err();
    assert!(e.to_string().contains("1 to 500"), "{e}");
    let r = RunRequest {
        regime: Some(model::RegimePreset::Failed),
        lenses: Some(vec![model::Lens::Organisational]),
        overrides: vec![Override::parse(Kind::Lever, "verification=0.1").unwrap()],
        years: Some(12),
        major_war_particles: 0,
    };
    assert_eq!(r.flags().join(" "), "--years 12 --regime failed --lens organisational --lever verification=0.1");
    let split = RunRequest { major_war_particles: 30, ..r.clone() };
    assert!(split.flags().join(" ").ends_with("--lever verification=0.1 --major-war-particles 30"));
    assert_eq!(split.prepare(&k.scenario).unwrap().resolved.major_war_particles, 30);
    let p = r.prepare(&k.scenario).unwrap();
    assert_eq!(p.resolved.years, 12);
    assert!((p.resolved.regime.lever(model::RegimeLever::Verification) - 0.1).abs() < 1e-12);
}

#[test]
fn values_are_validated_together_and_a_bad_one_is_named() {
    let w = world();
    let path = |t: &str| InputPath::parse(t).unwrap();
    // Day-to-day above today's generated fraction is invalid alone, valid with the generated
    // fraction raised too: the order of the values does not matter.
    let both = [
        (path("states.USA.forces.ssbn.day_to_day_survivable_fraction"), 0.95),
        (path("states.USA.forces.ssbn.generated_survivable_fraction"), 0.97),
    ];
    let changed = set_inputs(&w.scenario, &both).unwrap();
    assert_eq!(get_input(&changed, &both[0].0).unwrap().best, 0.95);
    let alone = set_inputs(&w.scenario, &both[..1]).unwrap_err();
    assert_eq!(alone.path, "states.USA.forces.ssbn.day_to_day_survivable_fraction");
    // With several values, the one that breaks the scenario is named.
    let e = set_inputs(
        &w.scenario,
        &[
            (path("rivalries.USA-RUS.intensity"), 0.5),
            (path("states.RUS.resolve"), 4.0),
            (path("states.USA.resolve"), 0.5),
        ],
    )
    .unwrap_err();
    assert_eq!(e.path, "states.RUS.resolve", "{e}");
}

#[test]
fn shared_starting_worlds_run_as_prepared_ones() {
    let loaded = world();
    let starts = lab::Starts::new(&loaded.scenario);
    let parse = |kind, text| Override::parse(kind, text).unwrap();
    let requests = [
        RunRequest::default(),
        RunRequest { years: Some(12), ..RunRequest::default() },
        RunRequest {
            overrides: vec![
                parse(Kind::Parameter, "prudence_base=3.5"),
                parse(Kind::Parameter, "new_arsenal_c2=0.35"),
                parse(Kind::Parameter, "new_state_production=9"),
                parse(Kind::Lever, "enforcement=0.1"),
            ],
            ..RunRequest::default()
        },
        RunRequest {
            regime: Some(model::RegimePreset::Strong),
            lenses: Some(vec![model::Lens::Organisational]),
            ..RunRequest::default()
        },
        RunRequest {
            overrides: vec![parse(Kind::Input, "states.USA.forces.silo_icbm.cep_m=150")],
            ..RunRequest::default()
        },
    ];
    for request in &requests {
        let shared = starts.template(request).unwrap();
        let prepared = request.prepare(&loaded.scenario).unwrap();
        for run in [0, 5] {
            // Debug text: summaries may hold NaN, which `==` never matches.
            assert_eq!(format!("{:?}", shared.run(3, run)), format!("{:?}", prepared.template.run(3, run)));
        }
    }
    let bad = RunRequest { years: Some(0), ..RunRequest::default() };
    assert_eq!(starts.template(&bad).unwrap_err(), bad.prepare(&loaded.scenario).unwrap_err());
    assert_eq!(bad.check(&loaded.scenario).unwrap_err(), bad.prepare(&loaded.scenario).unwrap_err());
}
