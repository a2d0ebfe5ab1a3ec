//! The cost of the use of force estimated from ICB's crises without nuclear-armed actors
//! (`history::force`), and the engine default that must equal it.

#![allow(clippy::float_cmp)]

use history::force::{calibrate, read_violence_table, tabulate, violence_table};
use history::validate::wilson90;

#[test]
fn the_violence_table_has_the_icb_counts() {
    let t = violence_table();
    let labels: Vec<&str> = t.iter().map(|r| r.nuclear_actors.as_str()).collect();
    assert_eq!(labels, ["0", "1", "2+"]);
    // ICB v14, crises triggered 1946–2017: 245 without a nuclear-armed actor, 96 with one, 36
    // with two or more (the 36 of the escalation table, all after 1945).
    assert_eq!(t.iter().map(|r| r.crises()).collect::<Vec<_>>(), [245, 96, 36]);
    assert_eq!(t[0].counts, [102, 39, 71, 33]);
    assert!(t.iter().all(|r| (r.from, r.to) == (1946, 2017) && r.source.contains("ICB v14")));
    assert!(
        read_violence_table(
            "nuclear_actors,from,to,none,minor_clashes,serious_clashes,full_war,source\n0,x,2017,1,2,3,4,s\n"
        )
        .is_err()
    );
}

#[test]
fn tabulate_counts_crises_in_the_window_by_nuclear_actors_and_violence() {
    let crises = [
        (Some(1950), 0, 1),
        (Some(1950), 0, 4),
        (Some(1962), 2, 1),
        (Some(1999), 3, 3), // three nuclear actors count as 2+
        (Some(1940), 0, 1), // before the window
        (Some(2018), 1, 2), // after it
        (None, 0, 1),       // undated
        (Some(1990), 1, 2),
    ];
    let t = tabulate(&crises, 1946, 2017);
    assert_eq!(t, [[1, 0, 0, 1], [0, 1, 0, 0], [1, 0, 1, 0]]);
}

/// ICB v14's actor-level file (not redistributed here) named by `DETERRENCE_ICB_FILE`, if set:
/// data/icb_violence.csv is its tabulation.
#[test]
fn the_violence_table_is_the_tabulation_of_a_user_copy_of_icb() {
    let Some(path) = std::env::var_os("DETERRENCE_ICB_FILE").map(std::path::PathBuf::from) else {
        eprintln!("DETERRENCE_ICB_FILE not set: skipped (point it at ICB v14's icb2v14.csv)");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let crises = history::icb::read_dated_actor_file(&text).unwrap();
    let t = tabulate(&crises, 1946, 2017);
    for (row, counts) in violence_table().iter().zip(t) {
        assert_eq!(row.counts, counts, "{} nuclear actors", row.nuclear_actors);
    }
}

fn replay() -> (model::Scenario, engine::Resolved) {
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
    (s, r)
}

/// The share of non-violent crises between unarmed sides falls as the cost rises, so the
/// bisection lands where the share crosses its target.
#[test]
fn calibration_finds_the_cost_where_the_share_crosses_the_target() {
    let (s, r) = replay();
    let share = |cost: f64| {
        let mut r = r.clone();
        r.params.force_cost = cost;
        let (calm, all) = history::force::simulated_unarmed(&engine::Template::new(&s, &r), 20, 5, 1946, 2017);
        assert!(all > 100, "{all} crises");
        calm as f64 / all as f64
    };
    assert!(share(0.0) < share(0.3) && share(0.3) < share(1.0));
    let target = 0.5;
    let cost = calibrate(&s, &r, target, 20, 5, (1946, 2017));
    assert!(cost > 0.0 && cost < history::force::MAX_FORCE_COST);
    // The simulated share (20 replays) is a step function with noise: within a hundredth of
    // the crossing it can step back, so the bracket checked is five hundredths either side.
    assert!(share(cost + 0.05) >= target && share(cost - 0.05) < target, "{cost}");
    // Targets outside the reachable range land on the bracket's ends.
    assert_eq!(calibrate(&s, &r, 0.0, 5, 5, (1946, 2017)), 0.0);
    assert_eq!(calibrate(&s, &r, 1.01, 5, 5, (1946, 2017)), history::force::MAX_FORCE_COST);
}

/// The engine's `force_cost` is the estimate (to the two decimals the parameter table states)
/// and its source quotes the counts and the interval of the ICB share.
#[test]
fn engine_default_is_the_record_estimate() {
    let (s, r) = replay();
    let row = violence_table().into_iter().find(|r| r.nuclear_actors == "0").unwrap();
    let (k, n) = (f64::from(row.counts[0]), f64::from(row.crises()));
    let estimate = calibrate(&s, &r, k / n, 200, 1945, (row.from, row.to));
    let p = engine::params::Params::default();
    assert_eq!(
        (p.force_cost * 100.0).round(),
        (estimate * 100.0).round(),
        "default {} vs estimate {estimate}",
        p.force_cost
    );
    let source = engine::params::SPECS.iter().find(|s| s.name == "force_cost").unwrap().source;
    let (lo, hi) = wilson90(k, n);
    assert!(source.contains(&format!(
        "{} of {} crises without a nuclear-armed actor, {}–{}",
        row.counts[0],
        row.crises(),
        row.from,
        row.to
    )));
    assert!(source.contains(&format!("share {:.3}, 90 % Wilson interval {lo:.3}–{hi:.3}", k / n)), "{source}");
    assert!(source.contains(&format!("{estimate:.3}")), "{source} lacks {estimate:.3}");
    // The replay's own settings leave the default in place.
    assert_eq!(r.params.force_cost, p.force_cost);
}
