//! State-year and dyad-year panels from the record, shaped like peacesciencer's: Correlates of
//! War codes and years first, so they join with other peace-science data.

use crate::record::Record;
use serde::Serialize;

/// One state in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateYear {
    /// COW code.
    pub ccode: u32,
    /// ISO3.
    pub iso3: String,
    /// Name.
    pub name: String,
    /// Year.
    pub year: i32,
    /// none, exploring, pursuing, possessing or disarmed (Bleek 2017 stages).
    pub nuclear_status: &'static str,
    /// 0 none, 1 exploring, 2 pursuing, 3 possessing (OWID/NTI-style scale; disarmed is 0).
    pub programme_stage: u8,
    /// Military stockpile; `None` when armed but no estimate exists (never a made-up 0).
    pub warheads: Option<f64>,
    /// non-member, member, nuclear-weapon-state or withdrawn.
    pub npt_status: &'static str,
}

/// The states the record covers: (COW code, ISO3, name), by COW code.
pub fn states(record: &Record) -> Vec<(u32, String, String)> {
    let mut out: Vec<(u32, String, String)> = Vec::new();
    let mut add = |cow: u32, iso3: &str, name: &str| {
        if !out.iter().any(|(c, _, _)| *c == cow) {
            out.push((cow, iso3.to_owned(), name.to_owned()));
        }
    };
    record.programmes.iter().for_each(|p| add(p.cow, &p.iso3, &p.name));
    record.npt.iter().for_each(|n| add(n.cow, &n.iso3, &n.name));
    out.sort_by_key(|(c, _, _)| *c);
    out
}

fn within(start: Option<i32>, end: Option<i32>, year: i32) -> bool {
    start.is_some_and(|s| s <= year) && end.is_none_or(|e| year <= e)
}

/// Nuclear status and stage of state `cow` in `year`.
pub fn status(record: &Record, cow: u32, year: i32) -> (&'static str, u8) {
    let Some(p) = record.programmes.iter().find(|p| p.cow == cow) else { return ("none", 0) };
    if let Some(g) = p.gave_up_year
        && g <= year
        && p.acquire_year.is_some_and(|a| a <= g)
    {
        return ("disarmed", 0);
    }
    if p.acquire_year.is_some_and(|a| a <= year) {
        return ("possessing", 3);
    }
    if within(p.pursue_start, p.pursue_end, year) {
        return ("pursuing", 2);
    }
    if within(p.explore_start, p.explore_end, year) {
        return ("exploring", 1);
    }
    ("none", 0)
}

/// NPT status of state `cow` in `year` (membership counts from the treaty's entry into force,
/// 5 March 1970).
pub fn npt_status(record: &Record, cow: u32, year: i32) -> &'static str {
    let Some(n) = record.npt.iter().find(|n| n.cow == cow) else { return "non-member" };
    if n.withdrawn.as_deref().and_then(Record::year_of).is_some_and(|w| w <= year) {
        return "withdrawn";
    }
    let joined = n.joined.as_deref().and_then(Record::year_of).map(|j| j.max(1970));
    if joined.is_some_and(|j| j <= year) {
        if n.status_2025 == "nuclear-weapon-state" { "nuclear-weapon-state" } else { "member" }
    } else {
        "non-member"
    }
}

/// Stockpile of `cow` in `year`.
pub fn warheads(record: &Record, cow: u32, year: i32, status: &str) -> Option<f64> {
    let est = record.inventories.iter().find(|i| i.cow == cow && i.year == year).and_then(|i| i.warheads);
    match (est, status) {
        (Some(w), _) => Some(w),
        (None, "possessing") => None,
        // A state without weapons has none: that is known, not missing.
        (None, _) => Some(0.0),
    }
}

/// The state-year panel for `from..=to`.
pub fn state_years(record: &Record, from: i32, to: i32) -> Vec<StateYear> {
    let states = states(record);
    let mut out = Vec::with_capacity(states.len() * (to - from + 1).max(0) as usize);
    for (cow, iso3, name) in &states {
        for year in from..=to {
            let (nuclear_status, programme_stage) = status(record, *cow, year);
            out.push(StateYear {
                ccode: *cow,
                iso3: iso3.clone(),
                name: name.clone(),
                year,
                nuclear_status,
                programme_stage,
                warheads: warheads(record, *cow, year, nuclear_status),
                npt_status: npt_status(record, *cow, year),
            });
        }
    }
    out
}

/// One pair of states in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadYear {
    /// COW code of the first state.
    pub ccode1: u32,
    /// COW code of the second state.
    pub ccode2: u32,
    /// Year.
    pub year: i32,
    /// ISO3 of the first state.
    pub iso3_1: String,
    /// ISO3 of the second state.
    pub iso3_2: String,
    /// Nuclear status of the first state.
    pub nuclear_status1: &'static str,
    /// Nuclear status of the second state.
    pub nuclear_status2: &'static str,
    /// Stockpile of the first state.
    pub warheads1: Option<f64>,
    /// Stockpile of the second state.
    pub warheads2: Option<f64>,
    /// NPT status of the first state.
    pub npt_status1: &'static str,
    /// NPT status of the second state.
    pub npt_status2: &'static str,
    /// Both possess weapons.
    pub both_armed: bool,
}

/// The dyad-year panel for `from..=to`: every pair once (ccode1 < ccode2), or both orders when
/// `directed`.
pub fn dyad_years(record: &Record, from: i32, to: i32, directed: bool) -> Vec<DyadYear> {
    let sy = state_years(record, from, to);
    let states = states(record);
    let years = (to - from + 1).max(0) as usize;
    let at = |i: usize, year: i32| &sy[i * years + (year - from) as usize];
    let mut out = Vec::new();
    for i in 0..states.len() {
        for j in 0..states.len() {
            if i == j || (!directed && j < i) {
                continue;
            }
            for year in from..=to {
                let (a, b) = (at(i, year), at(j, year));
                out.push(DyadYear {
                    ccode1: a.ccode,
                    ccode2: b.ccode,
                    year,
                    iso3_1: a.iso3.clone(),
                    iso3_2: b.iso3.clone(),
                    nuclear_status1: a.nuclear_status,
                    nuclear_status2: b.nuclear_status,
                    warheads1: a.warheads,
                    warheads2: b.warheads,
                    npt_status1: a.npt_status,
                    npt_status2: b.npt_status,
                    both_armed: a.nuclear_status == "possessing" && b.nuclear_status == "possessing",
                });
            }
        }
    }
    out.sort_by_key(|d| (d.ccode1, d.ccode2, d.year));
    out
}
