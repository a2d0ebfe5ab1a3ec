//! The crisis onset rate estimated from the ICB crises of the history scenario's rivalries
//! (`history::onset`), the table it reads, and the engine default that must equal it.

#![allow(clippy::float_cmp)]

use history::onset::{self, RivalryCrisis};

fn replay() -> (model::Scenario, engine::Resolved) {
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    (s, r)
}

fn programmes() -> Vec<history::record::Programme> {
    history::record::Record::builtin().unwrap().programmes
}

/// A small actor-level file: crisis 1 (1962) has both states as actors; crisis 2 (1970) has
/// only the United States, its crisis triggered by the Soviet Union; crisis 3 (1950) has only
/// India, triggered by an entity not in the pair; crisis 4 is of 1940, before the window.
const SMALL_ICB: &str = "\u{feff}icb2,crisno,cracid,crisname,trigent,yrtrig\n\
ICB2,1,2,CUBA,365,1962\n\
ICB2,1,365,CUBA,2,1962\n\
ICB2,2,2,BASE,365,1970\n\
ICB2,3,750,OTHER,996,1950\n\
ICB2,4,2,OLD,365,1940\n";

#[test]
fn from_icb_links_pairs_by_actors_and_triggers() {
    let (s, _) = replay();
    let rows = onset::from_icb(SMALL_ICB, &s).unwrap();
    let got: Vec<(&str, &str, u32, i32, &str)> =
        rows.iter().map(|r| (r.state_a.as_str(), r.state_b.as_str(), r.crisno, r.year, r.link.as_str())).collect();
    assert_eq!(got, [("USA", "RUS", 1, 1962, "actors-and-trigger"), ("USA", "RUS", 2, 1970, "trigger")]);
    assert!(onset::from_icb("crisno,cracid\n1,2\n", &s).unwrap_err().0.contains("trigent"));
    assert!(
        onset::from_icb("icb2,crisno,cracid,crisname,trigent,yrtrig\nICB2,x,2,C,365,1962\n", &s)
            .unwrap_err()
            .0
            .contains("line 2")
    );
}

/// ICB v14's actor-level file (not redistributed here) named by `DETERRENCE_ICB_FILE`, if set:
/// data/rivalry_crises.csv is what [`onset::from_icb`] finds in it.
#[test]
fn the_table_is_the_derivation_from_a_user_copy_of_icb() {
    let Some(path) = std::env::var_os("DETERRENCE_ICB_FILE").map(std::path::PathBuf::from) else {
        eprintln!("DETERRENCE_ICB_FILE not set: skipped (point it at ICB v14's icb2v14.csv)");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (s, _) = replay();
    let strip =
        |r: &RivalryCrisis| (r.state_a.clone(), r.state_b.clone(), r.crisno, r.year, r.crisis.clone(), r.link.clone());
    let derived: Vec<_> = onset::from_icb(&text, &s).unwrap().iter().map(strip).collect();
    let table: Vec<_> = onset::rivalry_crises().iter().map(strip).collect();
    assert_eq!(derived, table);
}

/// Every pair of the table is a rivalry of history-1945.
#[test]
fn the_table_names_only_listed_rivalries() {
    let (s, _) = replay();
    for c in onset::rivalry_crises() {
        assert!(
            s.rivalries.iter().any(|r| r.pair[0] == c.state_a && r.pair[1] == c.state_b),
            "{}-{} is not a rivalry of history-1945",
            c.state_a,
            c.state_b
        );
    }
}

/// The exposure is the engine's own onset factor: the replay's active rivalry-years, with a
/// crisis-year wherever the table has a crisis of an active rivalry.
#[test]
fn observations_cover_the_active_rivalry_years() {
    let (s, r) = replay();
    let obs = onset::observations(&s, &r, &programmes(), &onset::rivalry_crises(), 3, 7);
    // India–Pakistan is active from 1947 (scenario event) to the end of the window.
    let ip: Vec<&onset::DyadYear> = obs.iter().filter(|o| o.pair == ["IND", "PAK"]).collect();
    assert_eq!(ip.len(), 71);
    assert_eq!(ip.first().unwrap().year, 1947);
    // Kargil (1999) is a crisis-year; 2000 is not.
    assert!(ip.iter().any(|o| o.year == 1999 && o.crisis) && ip.iter().any(|o| o.year == 2000 && !o.crisis));
    // Intensity 0.8, stakes 0.8: the exposure is at least 0.8 × 1.3.
    assert!(ip.iter().all(|o| o.exposure >= 0.8 * 1.3 - 1e-9), "{:?}", ip[0]);
    // The US–Soviet rivalry is dormant 1990–2006: no observations then.
    assert!(!obs.iter().any(|o| o.pair == ["USA", "RUS"] && (1990..=2006).contains(&o.year)));
    // A table without crises gives no crisis-year.
    let none = onset::observations(&s, &r, &programmes(), &[], 1, 7);
    assert!(none.iter().all(|o| !o.crisis) && none.len() == obs.len());
}

/// The engine's `crisis_base_rate` is the estimate (to the two decimals the parameter table
/// states) and its source quotes the counts and the interval.
#[test]
fn engine_default_is_the_record_estimate() {
    let (s, r) = replay();
    let e = onset::estimate(&s, &r, &programmes(), 100, 1945).unwrap();
    let p = engine::params::Params::default();
    assert_eq!(
        (p.crisis_base_rate * 100.0).round(),
        (e.fit.rate * 100.0).round(),
        "default {} vs estimate {}",
        p.crisis_base_rate,
        e.fit.rate
    );
    let source = engine::params::SPECS.iter().find(|s| s.name == "crisis_base_rate").unwrap().source;
    let f = &e.fit;
    assert!(
        source.contains(&format!("{} crisis-years in {} active rivalry-years", f.crisis_years, f.dyad_years)),
        "{source}"
    );
    assert!(
        source.contains(&format!("{:.3}, 90 % interval {:.3}–{:.3}", f.rate, f.interval.0, f.interval.1)),
        "{source}"
    );
    assert_eq!(r.params.crisis_base_rate, p.crisis_base_rate);
}
