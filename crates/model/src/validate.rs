//! Meaning checks on a deserialised [`Scenario`]: ranges, units and references between tables.
//!
//! Each check reports a [`FieldPath`] and a message saying what was expected; the caller
//! (see [`crate::parse_scenario`]) turns paths into line numbers with a [`crate::error::Locator`].
//! A check that compares a field with other fields (a reference to a state, a duplicate, a
//! posture that must agree with the class) also lists those fields in
//! [`Finding::depends_on`], so that a reader who had to patch a field to get this far can tell
//! which findings the patch may have caused.

use crate::error::FieldPath;
use crate::estimate::Estimate;
use crate::scenario::{DeliveryClass, NuclearStatus, SCHEMA_VERSION, Scenario};

/// A problem found by validation, before it is given a line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The field at fault.
    pub path: FieldPath,
    /// What is wrong and what was expected.
    pub message: String,
    /// The other fields whose values decided this finding (empty when only `path` was read).
    pub depends_on: Vec<FieldPath>,
}

struct Checker {
    findings: Vec<Finding>,
}

impl Checker {
    fn fail(&mut self, path: FieldPath, message: String) {
        self.fail_given(path, Vec::new(), message);
    }

    /// Records a finding that also depends on the fields `depends_on`.
    fn fail_given(&mut self, path: FieldPath, depends_on: Vec<FieldPath>, message: String) {
        self.findings.push(Finding { path, message, depends_on });
    }

    fn check(&mut self, path: FieldPath, e: &Estimate, ok: impl Fn(f64) -> bool, expected: &str) {
        for (label, v) in [("low", e.low), ("best", e.best), ("high", e.high)] {
            if !ok(v) {
                let what = if e.is_uncertain() { format!(" (`{label}`)") } else { String::new() };
                self.fail(path, format!("expected {expected}, got {v}{what}"));
                return;
            }
        }
    }

    fn fraction(&mut self, path: FieldPath, e: &Estimate) {
        self.check(path, e, |v| (0.0..=1.0).contains(&v), "a fraction between 0 and 1");
    }

    fn non_negative(&mut self, path: FieldPath, e: &Estimate, what: &str) {
        self.check(path, e, |v| v >= 0.0, &format!("a non-negative {what}"));
    }

    fn positive(&mut self, path: FieldPath, e: &Estimate, what: &str) {
        self.check(path, e, |v| v > 0.0, &format!("a positive {what}"));
    }

    fn sources(&mut self, path: FieldPath, keys: &[String], scenario: &Scenario) {
        for (i, key) in keys.iter().enumerate() {
            if scenario.source(key).is_none() {
                self.fail_given(
                    path.index(i),
                    every_source_key(scenario),
                    format!("unknown source key `{key}`: expected a key defined in a [[sources]] table"),
                );
            }
        }
    }

    fn state_ref(&mut self, path: FieldPath, code: &str, scenario: &Scenario) -> bool {
        if scenario.states.iter().any(|s| s.iso3 == code) {
            true
        } else {
            let known: Vec<&str> = scenario.states.iter().map(|s| s.iso3.as_str()).collect();
            self.fail_given(
                path,
                every_state_code(scenario),
                format!(
                    "unknown state `{code}`: expected the ISO3 code of a state in this file ({})",
                    known.join(", ")
                ),
            );
            false
        }
    }
}

/// The path of `field` in each item of the array at `array`, or the array itself when it is
/// empty (a value looked up in an empty list depends on the list).
fn in_every_item(array: FieldPath, items: usize, field: &str) -> Vec<FieldPath> {
    if items == 0 {
        return vec![array];
    }
    (0..items).map(|i| array.index(i).key(field)).collect()
}

/// Every state's `iso3`: what a reference to a state is looked up in.
fn every_state_code(scenario: &Scenario) -> Vec<FieldPath> {
    in_every_item(FieldPath::root().key("states"), scenario.states.len(), "iso3")
}

/// Every `[[sources]]` key: what a citation key is looked up in.
fn every_source_key(scenario: &Scenario) -> Vec<FieldPath> {
    in_every_item(FieldPath::root().key("sources"), scenario.sources.len(), "key")
}

/// Whether `text` is a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a year from 1900 to 2200,
/// a month from 1 to 12 and a day that exists in that month.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, digits: usize| {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let Some(year) = parts.first().and_then(|y| number(y, 4)).filter(|y| (1900..=2200).contains(y)) else {
        return false;
    };
    match parts.len() {
        1 => true,
        2 | 3 => {
            let Some(month) = number(parts[1], 2).filter(|m| (1..=12).contains(m)) else { return false };
            if parts.len() == 2 {
                return true;
            }
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            number(parts[2], 2).is_some_and(|d| (1..=days).contains(&d))
        }
        _ => false,
    }
}

/// Checks everything serde cannot: value ranges, posture consistency and references.
/// Returns every finding, in document order; an empty vector means the scenario is valid.
pub fn validate(scenario: &Scenario) -> Vec<Finding> {
    let mut c = Checker { findings: Vec::new() };
    let root = FieldPath::root();
    if scenario.schema != SCHEMA_VERSION {
        c.fail(root.key("schema"), format!("expected schema version {SCHEMA_VERSION}, got {}", scenario.schema));
    }
    if scenario.scenario.name.trim().is_empty() {
        c.fail(root.key("scenario").key("name"), "expected a non-empty scenario name".into());
    }
    if let Some(date) = &scenario.scenario.as_of
        && !is_date(date)
    {
        c.fail(
            root.key("scenario").key("as_of"),
            format!("expected a date YYYY, YYYY-MM or YYYY-MM-DD (year 1900 to 2200), got `{date}`"),
        );
    }

    let ex = &scenario.exchange;
    let p = root.key("exchange");
    if ex.max_warheads_per_target == 0 || ex.max_warheads_per_target > 16 {
        c.fail(
            p.key("max_warheads_per_target"),
            format!("expected a whole number from 1 to 16, got {}", ex.max_warheads_per_target),
        );
    }
    c.fraction(p.key("withhold_fraction"), &ex.withhold_fraction);
    c.positive(p.key("counterforce_max_cep_m"), &ex.counterforce_max_cep_m, "distance in metres");
    c.fraction(p.key("launch_under_attack_escape_fraction"), &ex.launch_under_attack_escape_fraction);

    if let Some(r) = &scenario.regime {
        let p = root.key("regime");
        for (name, e) in [
            ("norm_strength", &r.norm_strength),
            ("verification", &r.verification),
            ("enforcement", &r.enforcement),
            ("selectivity", &r.selectivity),
            ("inequity", &r.inequity),
            ("assurance_credibility", &r.assurance_credibility),
        ] {
            c.fraction(p.key(name), e);
        }
        c.sources(p.key("sources"), &r.sources, scenario);
    }

    // Duplicates are found through an index of first definitions (linear in the file), and each
    // depends on the first definition it repeats.
    let mut first_key: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (i, s) in scenario.sources.iter().enumerate() {
        let p = root.key("sources").index(i);
        if s.key.trim().is_empty() {
            c.fail(p.key("key"), "expected a non-empty source key".into());
        }
        if let Some(&first) = first_key.get(s.key.as_str()) {
            c.fail_given(
                p.key("key"),
                vec![root.key("sources").index(first).key("key")],
                format!("duplicate source key `{}`: each key is defined once", s.key),
            );
        } else {
            first_key.insert(&s.key, i);
        }
    }

    let mut first_iso: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let mut first_cow: std::collections::BTreeMap<_, usize> = std::collections::BTreeMap::new();
    for (i, s) in scenario.states.iter().enumerate() {
        let p = root.key("states").index(i);
        let valid_iso = s.iso3.len() == 3 && s.iso3.bytes().all(|b| b.is_ascii_uppercase());
        if !valid_iso {
            c.fail(p.key("iso3"), format!("expected three upper-case letters (ISO 3166-1 alpha-3), got `{}`", s.iso3));
        }
        if let Some(&first) = first_iso.get(s.iso3.as_str()) {
            c.fail_given(
                p.key("iso3"),
                vec![root.key("states").index(first).key("iso3")],
                format!("duplicate state `{}`: each state is defined once", s.iso3),
            );
        } else {
            first_iso.insert(&s.iso3, i);
        }
        if let Some(&first) = first_cow.get(&s.cow) {
            c.fail_given(
                p.key("cow"),
                vec![root.key("states").index(first).key("cow")],
                format!("duplicate Correlates of War code {}: each state is defined once", s.cow),
            );
        } else {
            first_cow.insert(s.cow, i);
        }
        if let Some(e) = &s.stockpile_warheads {
            c.non_negative(p.key("stockpile_warheads"), e, "warhead count");
        }
        if let Some(e) = &s.unacceptable_damage_warheads {
            c.positive(p.key("unacceptable_damage_warheads"), e, "warhead count");
        }
        if let Some(e) = &s.w80_warheads {
            c.positive(p.key("w80_warheads"), e, "warhead count");
        }
        if let Some(e) = &s.incoming_penetration_fraction {
            c.fraction(p.key("incoming_penetration_fraction"), e);
        }
        for (name, e) in [
            ("latency", &s.latency),
            ("economic_capacity", &s.economic_capacity),
            ("conventional_power", &s.conventional_power),
            ("command_control_quality", &s.command_control_quality),
            ("resolve", &s.resolve),
            ("value_of_weapons", &s.value_of_weapons),
        ] {
            if let Some(e) = e {
                c.fraction(p.key(name), e);
            }
        }
        if let Some(e) = &s.production_warheads_per_year {
            c.non_negative(p.key("production_warheads_per_year"), e, "number of warheads per year");
        }
        if let Some(year) = s.major_power_since.filter(|&y| !(1816..=3000).contains(&y)) {
            c.fail(
                p.key("major_power_since"),
                format!("expected a year from 1816 (the Correlates of War state system begins) to 3000, got {year}"),
            );
        }
        let mut previous: Option<&crate::scenario::FissilePoint> = None;
        for (k, point) in s.fissile_material.iter().enumerate() {
            let at = p.key("fissile_material").index(k);
            c.non_negative(at.key("plutonium_tonnes"), &point.plutonium_tonnes, "mass in tonnes");
            c.non_negative(at.key("heu_tonnes"), &point.heu_tonnes, "mass in tonnes");
            if let Some(before) = previous {
                if point.year <= before.year {
                    c.fail(
                        at.key("year"),
                        format!("expected years in increasing order, got {} after {}", point.year, before.year),
                    );
                } else if point.plutonium_tonnes.best < before.plutonium_tonnes.best
                    || point.heu_tonnes.best < before.heu_tonnes.best
                {
                    c.fail(at, "expected cumulative production that never falls (`best` below the year before)".into());
                }
            }
            previous = Some(point);
        }
        c.sources(p.key("sources"), &s.sources, scenario);

        let armed = s.nuclear_status == NuclearStatus::Possessing;
        let has_weapons =
            s.forces.iter().any(|f| f.launchers.best.abs() > 0.0 && f.warheads_per_launcher.best.abs() > 0.0);
        if armed && !has_weapons {
            c.fail_given(
                p.key("nuclear_status"),
                vec![p.key("forces")],
                format!(
                    "state `{}` is `possessing` but has no force element with launchers and warheads: \
                     expected at least one [[states.forces]] entry",
                    s.iso3
                ),
            );
        }
        if !armed && !s.forces.is_empty() {
            c.fail_given(
                p.key("forces"),
                vec![p.key("nuclear_status")],
                format!(
                    "state `{}` has nuclear_status other than `possessing` but lists forces: expected no \
                     [[states.forces]] entries (or nuclear_status = \"possessing\")",
                    s.iso3
                ),
            );
        }

        for (j, f) in s.forces.iter().enumerate() {
            check_force(&mut c, p.key("forces").index(j), f, scenario);
        }
    }

    let mut in_rivalry = vec![false; scenario.states.len()];
    for (i, r) in scenario.rivalries.iter().enumerate() {
        let p = root.key("rivalries").index(i);
        for (k, code) in r.pair.iter().enumerate() {
            if c.state_ref(p.key("pair").index(k), code, scenario)
                && let Some(idx) = scenario.states.iter().position(|s| &s.iso3 == code)
            {
                in_rivalry[idx] = true;
            }
        }
        if r.pair[0] == r.pair[1] {
            c.fail(p.key("pair"), format!("expected two different states, got `{}` twice", r.pair[0]));
        }
        let dup = scenario.rivalries[..i].iter().any(|o| {
            (o.pair[0] == r.pair[0] && o.pair[1] == r.pair[1]) || (o.pair[0] == r.pair[1] && o.pair[1] == r.pair[0])
        });
        if dup {
            let every_pair = in_every_item(root.key("rivalries"), scenario.rivalries.len(), "pair");
            c.fail_given(
                p.key("pair"),
                every_pair,
                format!("duplicate rivalry {}–{}: each pair is listed once", r.pair[0], r.pair[1]),
            );
        }
        c.fraction(p.key("intensity"), &r.intensity);
        c.non_negative(p.key("distance_km"), &r.distance_km, "distance in kilometres");
        if let Some(e) = &r.stakes {
            c.fraction(p.key("stakes"), e);
        }
        c.sources(p.key("sources"), &r.sources, scenario);
    }
    for (idx, s) in scenario.states.iter().enumerate() {
        if !in_rivalry[idx] {
            continue;
        }
        let p = root.key("states").index(idx);
        let mut depends_on = in_every_item(root.key("rivalries"), scenario.rivalries.len(), "pair");
        depends_on.push(p.key("iso3"));
        if s.unacceptable_damage_warheads.is_none() {
            c.fail_given(
                p.key("unacceptable_damage_warheads"),
                depends_on.clone(),
                format!(
                    "state `{}` is in a rivalry, so it needs an unacceptable-damage threshold (arriving warheads)",
                    s.iso3
                ),
            );
        }
        if s.w80_warheads.is_none() {
            c.fail_given(
                p.key("w80_warheads"),
                depends_on,
                format!("state `{}` is in a rivalry, so it needs w80_warheads (arriving warheads destroying 80 % of its value)", s.iso3),
            );
        }
    }

    for (i, a) in scenario.alliances.iter().enumerate() {
        let p = root.key("alliances").index(i);
        c.state_ref(p.key("guarantor"), &a.guarantor, scenario);
        c.state_ref(p.key("protege"), &a.protege, scenario);
        if a.guarantor == a.protege {
            c.fail_given(
                p.key("protege"),
                vec![p.key("guarantor")],
                format!("expected a state other than the guarantor `{}`", a.guarantor),
            );
        }
        c.fraction(p.key("credibility"), &a.credibility);
        c.sources(p.key("sources"), &a.sources, scenario);
    }
    if let Some(sim) = &scenario.simulation {
        let p = root.key("simulation");
        if !(1900..=2300).contains(&sim.start_year) {
            c.fail(p.key("start_year"), format!("expected a year from 1900 to 2300, got {}", sim.start_year));
        }
        if sim.horizon_years == 0 || sim.horizon_years > crate::domain::MAX_HORIZON_YEARS {
            c.fail(
                p.key("horizon_years"),
                format!("expected 1 to {} years, got {}", crate::domain::MAX_HORIZON_YEARS, sim.horizon_years),
            );
        }
        for (i, lens) in sim.lenses.iter().enumerate() {
            if sim.lenses[..i].contains(lens) {
                c.fail(p.key("lenses").index(i), format!("lens `{}` is listed twice", lens.as_str()));
            }
        }
    }
    for (i, e) in scenario.events.iter().enumerate() {
        check_event(&mut c, root.key("events").index(i), e, scenario);
    }
    c.findings
}

fn check_event(c: &mut Checker, p: FieldPath, e: &crate::scenario::Event, scenario: &Scenario) {
    use crate::scenario::EventKind;
    match &scenario.simulation {
        Some(sim) => {
            let last = sim.start_year + sim.horizon_years as i32 - 1;
            if e.year < sim.start_year || e.year > last {
                let simulation = FieldPath::root().key("simulation");
                c.fail_given(
                    p.key("year"),
                    vec![simulation.key("start_year"), simulation.key("horizon_years")],
                    format!("expected a year within the simulated horizon {}–{last}, got {}", sim.start_year, e.year),
                );
            }
        }
        None => c.fail_given(
            p.key("year"),
            vec![FieldPath::root().key("simulation")],
            "events need a [simulation] table giving start_year and horizon_years".into(),
        ),
    }
    let kind = e.kind.as_str();
    let need = |c: &mut Checker, field: &str, present: bool| {
        if !present {
            c.fail_given(p.key(field), vec![p.key("kind")], format!("a `{kind}` event needs `{field}`"));
        }
    };
    match e.kind {
        EventKind::TreatyCap => {
            need(c, "parties", e.parties.is_some());
            need(c, "until_year", e.until_year.is_some());
            let limits = [
                e.deployed_cap_warheads.is_some(),
                e.launcher_caps.is_some(),
                e.mirv_cap.is_some(),
                e.banned_range_km.is_some(),
            ];
            if !limits.contains(&true) {
                c.fail_given(
                    p.key("deployed_cap_warheads"),
                    vec![p.key("kind")],
                    "a `treaty-cap` event needs at least one limit: `deployed_cap_warheads`, \
                     `launcher_caps`, `mirv_cap` or `banned_range_km`"
                        .into(),
                );
            }
        }
        EventKind::RegimeShock => {
            need(c, "lever", e.lever.is_some());
            need(c, "delta", e.delta.is_some());
        }
        EventKind::Disarm => need(c, "state", e.state.is_some()),
        EventKind::Invasion => {
            need(c, "state", e.state.is_some());
            need(c, "attacker", e.attacker.is_some());
        }
        EventKind::AllianceCredibility => {
            need(c, "guarantor", e.guarantor.is_some());
            need(c, "protege", e.protege.is_some());
            need(c, "credibility", e.credibility.is_some());
        }
        EventKind::NuclearStatus => {
            need(c, "state", e.state.is_some());
            need(c, "nuclear_status", e.nuclear_status.is_some());
        }
        EventKind::Rivalry => {
            need(c, "pair", e.pair.is_some());
            need(c, "intensity", e.intensity.is_some());
        }
        EventKind::Assistance => {
            need(c, "supplier", e.supplier.is_some());
            need(c, "recipient", e.recipient.is_some());
        }
        EventKind::Latency => {
            need(c, "state", e.state.is_some());
            need(c, "latency", e.latency.is_some());
        }
        EventKind::Deploy => {
            need(c, "state", e.state.is_some());
            need(c, "element", e.element.is_some());
        }
        EventKind::Npt => {
            need(c, "state", e.state.is_some());
            need(c, "npt", e.npt.is_some());
        }
    }
    check_deploy(c, &p, e, scenario);
    for (field, code) in [
        ("state", &e.state),
        ("attacker", &e.attacker),
        ("guarantor", &e.guarantor),
        ("protege", &e.protege),
        ("supplier", &e.supplier),
        ("recipient", &e.recipient),
    ] {
        if let Some(code) = code {
            c.state_ref(p.key(field), code, scenario);
        }
    }
    if let Some(parties) = &e.parties {
        for (k, code) in parties.iter().enumerate() {
            c.state_ref(p.key("parties").index(k), code, scenario);
        }
    }
    if let (Some(pair), EventKind::Rivalry) = (&e.pair, e.kind) {
        let known = [0, 1].map(|k| c.state_ref(p.key("pair").index(k), &pair[k], scenario));
        if pair[0] == pair[1] {
            c.fail(p.key("pair"), format!("expected two different states, got `{}` twice", pair[0]));
        } else if known == [true, true] {
            let listed = scenario.rivalries.iter().any(|r| {
                (r.pair[0] == pair[0] && r.pair[1] == pair[1]) || (r.pair[0] == pair[1] && r.pair[1] == pair[0])
            });
            if !listed {
                c.fail_given(
                    p.key("pair"),
                    in_every_item(FieldPath::root().key("rivalries"), scenario.rivalries.len(), "pair"),
                    format!(
                        "no rivalry {}–{} in [[rivalries]]: a `rivalry` event changes a listed rivalry \
                         (list one that starts later with `intensity = 0`)",
                        pair[0], pair[1]
                    ),
                );
            }
        }
    }
    if let (Some(supplier), Some(recipient)) = (&e.supplier, &e.recipient)
        && supplier == recipient
    {
        c.fail_given(
            p.key("recipient"),
            vec![p.key("supplier")],
            format!("expected a recipient other than the supplier, got `{recipient}` for both"),
        );
    }
    if let Some(gain) = &e.latency_gain {
        c.fraction(p.key("latency_gain"), gain);
    }
    if let Some(latency) = &e.latency {
        c.fraction(p.key("latency"), latency);
    }
    if let Some(intensity) = &e.intensity {
        c.fraction(p.key("intensity"), intensity);
    }
    if let Some(stakes) = &e.stakes {
        c.fraction(p.key("stakes"), stakes);
    }
    if let (Some(until), true) = (e.until_year, e.kind == EventKind::TreatyCap)
        && until < e.year
    {
        c.fail_given(
            p.key("until_year"),
            vec![p.key("year"), p.key("kind")],
            format!("expected a year at or after the event's year {}, got {until}", e.year),
        );
    }
    if let Some(cap) = &e.deployed_cap_warheads {
        c.non_negative(p.key("deployed_cap_warheads"), cap, "warhead count");
    }
    check_treaty_limits(c, &p, e);
    if let Some(cred) = &e.credibility {
        c.fraction(p.key("credibility"), cred);
    }
    if let Some(delta) = &e.delta {
        c.check(p.key("delta"), delta, |v| (-1.0..=1.0).contains(&v), "a change between -1 and 1");
    }
    c.sources(p.key("sources"), &e.sources, scenario);
}

/// Checks a `treaty-cap` event's launcher, MIRV and range-band limits at `p`: fields that only a
/// treaty takes, counts that are not negative, a band whose bounds are in order, and an end of
/// elimination within the treaty's years.
fn check_treaty_limits(c: &mut Checker, p: &FieldPath, e: &crate::scenario::Event) {
    use crate::scenario::{DeliveryClass, EventKind};
    let treaty = e.kind == EventKind::TreatyCap;
    for (field, given) in [
        ("launcher_caps", e.launcher_caps.is_some()),
        ("launcher_classes", !e.launcher_classes.is_empty()),
        ("mirv_cap", e.mirv_cap.is_some()),
        ("banned_range_km", e.banned_range_km.is_some()),
        ("eliminate_by", e.eliminate_by.is_some()),
    ] {
        if given && !treaty {
            c.fail_given(
                p.key(field),
                vec![p.key("kind")],
                format!("`{field}` belongs to a `treaty-cap` event, not a `{}` one", e.kind.as_str()),
            );
        }
    }
    if let Some(caps) = &e.launcher_caps {
        for (k, cap) in caps.iter().enumerate() {
            c.non_negative(p.key("launcher_caps").index(k), cap, "launcher count");
        }
    }
    for (k, class) in e.launcher_classes.iter().enumerate() {
        if *class == DeliveryClass::Nonstrategic {
            c.fail(
                p.key("launcher_classes").index(k),
                "expected a strategic class (silo_icbm, mobile_icbm, ssbn, bomber), got nonstrategic".into(),
            );
        }
    }
    if !e.launcher_classes.is_empty() && e.launcher_caps.is_none() {
        c.fail_given(
            p.key("launcher_caps"),
            vec![p.key("launcher_classes")],
            "`launcher_classes` says which launchers `launcher_caps` counts, but no `launcher_caps` is given".into(),
        );
    }
    if let Some(cap) = &e.mirv_cap {
        c.non_negative(p.key("mirv_cap"), cap, "launcher count");
    }
    if let Some([low, high]) = e.banned_range_km
        && !(low.is_finite() && high.is_finite() && 0.0 <= low && low <= high)
    {
        c.fail(
            p.key("banned_range_km"),
            format!("expected a range band [low, high] in km with 0 ≤ low ≤ high, got [{low}, {high}]"),
        );
    }
    if let Some(by) = e.eliminate_by {
        if e.banned_range_km.is_none() {
            c.fail_given(
                p.key("banned_range_km"),
                vec![p.key("eliminate_by")],
                "`eliminate_by` ends the elimination of `banned_range_km`, which is not given".into(),
            );
        }
        let until = e.until_year.unwrap_or(e.year);
        if by < e.year || by > until {
            c.fail_given(
                p.key("eliminate_by"),
                vec![p.key("year"), p.key("until_year")],
                format!("expected a year from the event's year {} to its until_year {until}, got {by}", e.year),
            );
        }
    }
}

/// Checks one force element (`[[states.forces]]`, or a `deploy` event's `element`) at `p`.
fn check_force(c: &mut Checker, p: FieldPath, f: &crate::scenario::ForceElement, scenario: &Scenario) {
    use crate::domain;
    c.check(
        p.key("launchers"),
        &f.launchers,
        |v| domain::LAUNCHERS.contains(&v),
        "a launcher count from 0 to 1,000,000",
    );
    c.check(
        p.key("warheads_per_launcher"),
        &f.warheads_per_launcher,
        |v| domain::WARHEADS_PER_LAUNCHER.contains(&v),
        "a number of warheads from 0 to 100",
    );
    c.check(
        p.key("launchers_per_aim_point"),
        &f.launchers_per_aim_point,
        |v| (1.0..=1e6).contains(&v),
        "a number from 1 to 1,000,000",
    );
    c.check(
        p.key("yield_kt"),
        &f.yield_kt,
        |v| domain::above_and_at_most(v, domain::YIELD_KT),
        "a yield in kilotons above 0 and at most 100,000",
    );
    c.check(
        p.key("cep_m"),
        &f.cep_m,
        |v| domain::above_and_at_most(v, domain::CEP_M),
        "a CEP in metres above 0 and at most 100,000",
    );
    c.fraction(p.key("reliability"), &f.reliability);
    c.check(
        p.key("range_km"),
        &f.range_km,
        |v| domain::RANGE_KM.contains(&v),
        "a range in kilometres from 0 to 50,000",
    );
    c.check(
        p.key("hardness_psi"),
        &f.hardness_psi,
        |v| domain::HARDNESS_PSI.contains(&v),
        "a hardness in psi from 0.1 to 100,000",
    );
    c.fraction(p.key("day_to_day_survivable_fraction"), &f.day_to_day_survivable_fraction);
    c.fraction(p.key("generated_survivable_fraction"), &f.generated_survivable_fraction);
    if f.class == DeliveryClass::SiloIcbm {
        for (name, e) in [
            ("day_to_day_survivable_fraction", &f.day_to_day_survivable_fraction),
            ("generated_survivable_fraction", &f.generated_survivable_fraction),
        ] {
            if e.high > 0.0 {
                c.fail_given(
                    p.key(name),
                    vec![p.key("class")],
                    format!(
                        "expected 0 for a silo_icbm (silos cannot flee; use [exchange] \
                         launch_under_attack instead), got {}",
                        e.high
                    ),
                );
            }
        }
    } else if f.generated_survivable_fraction.best < f.day_to_day_survivable_fraction.best {
        c.fail_given(
            p.key("generated_survivable_fraction"),
            vec![p.key("class"), p.key("day_to_day_survivable_fraction")],
            format!(
                "expected at least the day-to-day fraction {} (generating forces does not make them \
                 more vulnerable), got {}",
                f.day_to_day_survivable_fraction.best, f.generated_survivable_fraction.best
            ),
        );
    }
    c.sources(p.key("sources"), &f.sources, scenario);
}

/// A `deploy` event's own fields: its element, the systems it retires (each in service for the
/// state before the event: a `[[states.forces]]` entry or an earlier `deploy`), and `retire_by`;
/// on other kinds these fields are errors.
fn check_deploy(c: &mut Checker, p: &FieldPath, e: &crate::scenario::Event, scenario: &Scenario) {
    use crate::scenario::EventKind;
    if e.kind != EventKind::Deploy {
        for (field, present) in
            [("element", e.element.is_some()), ("retire", !e.retire.is_empty()), ("retire_by", e.retire_by.is_some())]
        {
            if present {
                c.fail_given(p.key(field), vec![p.key("kind")], format!("`{field}` belongs to a `deploy` event"));
            }
        }
        return;
    }
    if let Some(f) = &e.element {
        check_force(c, p.key("element"), f, scenario);
    }
    let Some(code) = &e.state else { return };
    let Some(state) = scenario.state_index(code).map(|k| &scenario.states[k]) else { return };
    // Systems in service for the state before this event: its forces, then earlier deployments
    // (an earlier year, or the same year earlier in the file).
    let here = scenario.events.iter().position(|x| std::ptr::eq(x, e)).unwrap_or(scenario.events.len());
    let mut known: Vec<&str> = state.forces.iter().map(|f| f.system.as_str()).collect();
    for (k, x) in scenario.events.iter().enumerate() {
        let earlier = x.year < e.year || (x.year == e.year && k < here);
        if x.kind == EventKind::Deploy && earlier && x.state.as_deref() == Some(code.as_str()) {
            known.extend(x.element.as_ref().map(|f| f.system.as_str()));
        }
    }
    if let Some(f) = &e.element
        && known.contains(&f.system.as_str())
    {
        c.fail(
            p.key("element").key("system"),
            format!("state `{code}` already has a system named `{}`: expected a new name", f.system),
        );
    }
    for (k, name) in e.retire.iter().enumerate() {
        if !known.contains(&name.as_str()) {
            c.fail_given(
                p.key("retire").index(k),
                vec![p.key("state"), p.key("year")],
                format!(
                    "state `{code}` has no system `{name}` in service before {}: expected one of {}",
                    e.year,
                    known.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
    match (e.retire_by, e.retire.is_empty()) {
        (Some(_), true) => c.fail_given(
            p.key("retire_by"),
            vec![p.key("retire")],
            "`retire_by` needs systems to retire in `retire`".into(),
        ),
        (Some(by), false) if by < e.year => c.fail_given(
            p.key("retire_by"),
            vec![p.key("year")],
            format!("expected a year at or after the event's year {}, got {by}", e.year),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod date_tests {
    use super::is_date;

    #[test]
    fn dates_are_years_months_or_days_that_exist() {
        for ok in ["2025", "1945-12", "2024-02-29", "2025-01-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in
            ["2-nan-01", "25", "2025-13", "2025-02-29", "1900-00", "2025-1", "2025-01-32", "", "2025-01-01-01", "1899"]
        {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
