//! The record parses with its schema, every row has a source, and known facts hold.

#![allow(clippy::float_cmp)]

use history::panel;
use history::record::{FILES, Record, parse_table};

fn record() -> Record {
    Record::builtin().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_file_parses_and_every_row_has_a_source() {
    let r = record();
    assert!(r.programmes.len() >= 31, "Bleek codes 31 explorers");
    assert!(r.inventories.len() > 400);
    assert!(
        !r.crises.is_empty() && !r.preventive_strikes.is_empty() && !r.regime_events.is_empty() && !r.npt.is_empty()
    );
    for (_, text) in FILES {
        assert!(text.lines().count() > 1);
    }
    assert!(r.programmes.iter().all(|p| !p.source.trim().is_empty()));
    assert!(r.crises.iter().all(|c| !c.source.trim().is_empty()));
    // Unknown is missing, never a made-up 0: no possessor has a 0 estimate before it gave up.
    for inv in &r.inventories {
        if inv.warheads == Some(0.0) {
            let p = r.programmes.iter().find(|p| p.cow == inv.cow).expect("a state with an inventory has a programme");
            assert!(
                p.gave_up_year.is_some() || p.acquire_year.is_none_or(|a| inv.year < a),
                "{} {}",
                inv.iso3,
                inv.year
            );
        }
    }
}

#[test]
fn a_row_without_a_source_is_rejected_with_its_line() {
    let text = "iso3,cow,name,signed,joined,withdrawn,status_2025,source,flag,note\nXXX,1,Test,,,,non-member,,ok,\n";
    let e = parse_table::<history::record::NptRecord>("test.csv", text).expect_err("no source");
    assert_eq!(e.line, 2);
    assert!(e.message.contains("source"), "{e}");
    let bad =
        "iso3,cow,name,signed,joined,withdrawn,status_2025,source,flag,note\nXXX,one,Test,,,,non-member,src,ok,\n";
    let e = parse_table::<history::record::NptRecord>("test.csv", bad).expect_err("bad cow");
    assert!(e.message.contains("cow"), "{e}");
}

#[test]
fn first_tests_of_each_nuclear_armed_state() {
    let r = record();
    let first =
        |iso: &str| r.programmes.iter().find(|p| p.iso3 == iso).and_then(|p| p.first_test.clone()).unwrap_or_default();
    // Dates of first tests (ACA Nuclear Testing Tally, as cited in data/programmes.csv).
    assert_eq!(first("USA"), "1945-07-16");
    assert_eq!(first("RUS"), "1949-08-29");
    assert_eq!(first("GBR"), "1952-10-03");
    assert_eq!(first("FRA"), "1960-02-13");
    assert_eq!(first("CHN"), "1964-10-16");
    assert_eq!(first("IND"), "1974-05-18");
    assert_eq!(first("PAK"), "1998-05-28");
    assert_eq!(first("PRK"), "2006-10-09");
}

#[test]
fn north_korea_withdrew_in_2003_and_south_africa_dismantled() {
    let r = record();
    let prk = r.npt.iter().find(|n| n.iso3 == "PRK").unwrap();
    assert!(prk.withdrawn.as_deref().is_some_and(|d| d.starts_with("2003")));
    assert_eq!(panel::npt_status(&r, 731, 2002), "member");
    assert_eq!(panel::npt_status(&r, 731, 2004), "withdrawn");
    let zaf = r.programmes.iter().find(|p| p.iso3 == "ZAF").unwrap();
    assert_eq!((zaf.acquire_year, zaf.gave_up_year), (Some(1979), Some(1991)));
    assert_eq!(panel::status(&r, 560, 1985).0, "possessing");
    assert_eq!(panel::status(&r, 560, 1995).0, "disarmed");
}

#[test]
fn the_1990_panel_has_the_right_nuclear_armed_states() {
    let r = record();
    let mut armed: Vec<String> = panel::state_years(&r, 1990, 1990)
        .into_iter()
        .filter(|s| s.nuclear_status == "possessing")
        .map(|s| s.iso3)
        .collect();
    armed.sort();
    // Bleek (2017): USA, USSR, UK, France, China, Israel, South Africa (1979–91), India and
    // Pakistan (1987).
    assert_eq!(armed, ["CHN", "FRA", "GBR", "IND", "ISR", "PAK", "RUS", "USA", "ZAF"]);
    // France and China joined the NPT in 1992.
    let fra = panel::state_years(&r, 1991, 1993)
        .into_iter()
        .filter(|s| s.iso3 == "FRA")
        .map(|s| s.npt_status)
        .collect::<Vec<_>>();
    assert_eq!(fra, ["non-member", "nuclear-weapon-state", "nuclear-weapon-state"]);
}

#[test]
fn dyad_panel_is_undirected_or_directed() {
    let r = record();
    let n = panel::states(&r).len();
    let undirected = panel::dyad_years(&r, 2000, 2000, false);
    assert_eq!(undirected.len(), n * (n - 1) / 2);
    assert!(undirected.iter().all(|d| d.ccode1 < d.ccode2));
    let directed = panel::dyad_years(&r, 2000, 2000, true);
    assert_eq!(directed.len(), n * (n - 1));
    let usa_rus = undirected.iter().find(|d| d.ccode1 == 2 && d.ccode2 == 365).unwrap();
    assert!(usa_rus.both_armed);
}

#[test]
fn record_targets_match_the_literature() {
    let t = history::validate::record_targets(&record());
    let names: Vec<String> = history::validate::pattern_specs().into_iter().map(|p| p.name).collect();
    let get = |n: &str| t.values[names.iter().position(|x| x == n).unwrap()].value;
    // OWID's yearly count of nuclear-armed states, built from Bleek 2017 (the sources of
    // data/programmes.csv): 1950: 2, 1960: 4, 1970: 6.
    assert_eq!(get("armed_states_1950"), 2.0);
    assert_eq!(get("armed_states_1960"), 4.0);
    assert_eq!(get("armed_states_1970"), 6.0);
    // FAS stockpile series (Kristensen, Korda & Norris, as packaged by OWID; data/inventories.csv):
    // the world stockpile peaked in 1986 at about 64,000.
    assert_eq!(get("arsenal_peak_year"), 1986.0);
    assert!((60_000.0..70_000.0).contains(&get("arsenal_peak_size")));
    assert_eq!(get("nuclear_use_after_1945"), 0.0);
}

/// The ICB v14 actor-level file (`icb2v14.csv`, International Crisis Behavior project; not
/// redistributed here) named by the environment variable `DETERRENCE_ICB_FILE`, if set.
fn icb_file() -> Option<std::path::PathBuf> {
    std::env::var_os("DETERRENCE_ICB_FILE").map(std::path::PathBuf::from)
}

#[test]
fn icb_escalation_table_from_a_user_copy() {
    let Some(path) = icb_file() else {
        eprintln!("DETERRENCE_ICB_FILE not set: skipped (point it at ICB v14's icb2v14.csv)");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let obs = history::icb::read_actor_file(&text).unwrap();
    assert!(obs.len() > 400, "{} crises", obs.len());
    let table = history::icb::escalation_table(&obs);
    assert_eq!(table.iter().map(|r| r.crises).sum::<u32>() as usize, obs.len());
    // 36 crises with at least two nuclear-armed actors in ICB v14.
    assert_eq!(table[2].crises, 36);
    for row in &table {
        let total: f64 = row.violence_shares.iter().sum();
        assert!((total - 1.0).abs() < 1e-12);
    }
    let bad = history::icb::read_actor_file("a,b\n1,2\n").expect_err("not ICB");
    assert!(bad.0.contains("crisno"));
}
