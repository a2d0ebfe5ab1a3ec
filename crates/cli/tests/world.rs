//! The built-in world-2025 scenario through the real binary: valid, cited, and giving results a
//! strategic-studies reader would find plausible (docs/model.md discusses each expectation).

use std::process::Command;

fn stability_json(args: &[&str]) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_deterrence"))
        .args(["stability", "--format", "json"])
        .args(args)
        .output()
        .expect("binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

fn result<'a>(v: &'a serde_json::Value, alert: &str) -> &'a serde_json::Value {
    v["pairs"][0]["results"].as_array().unwrap().iter().find(|r| r["alert"] == alert).expect("alert present")
}

fn adequacy(r: &serde_json::Value, strikes: &str) -> f64 {
    r[strikes]["adequacy"].as_f64().unwrap()
}

#[test]
fn world_2025_is_the_default_and_is_valid() {
    let o = Command::new(env!("CARGO_BIN_EXE_deterrence")).args(["scenario", "check", "world-2025"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    for iso in ["USA", "RUS", "CHN", "GBR", "FRA", "IND", "PAK", "ISR", "PRK"] {
        assert!(out.contains(iso), "{iso} missing from\n{out}");
    }
    let v = stability_json(&[]);
    assert_eq!(v["provenance"]["scenario"], "world-2025");
    assert_eq!(v["provenance"]["scenario_origin"], "built-in:scenarios/world-2025.toml");
}

#[test]
fn required_adversary_pairs_are_present() {
    let v = stability_json(&["--alert", "generated"]);
    let pairs: Vec<String> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}-{}", p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
        .collect();
    for want in ["USA-RUS", "USA-CHN", "RUS-CHN", "IND-PAK", "IND-CHN", "USA-PRK", "ISR-IRN"] {
        let rev: String = want.split('-').rev().collect::<Vec<_>>().join("-");
        assert!(pairs.contains(&want.to_owned()) || pairs.contains(&rev), "{want} missing from {pairs:?}");
    }
}

#[test]
fn superpowers_keep_secure_second_strikes_when_generated() {
    let v = stability_json(&["--pair", "USA,RUS"]);
    let g = result(&v, "generated");
    assert!(adequacy(g, "a_strikes") >= 1.0, "Russia after a US strike: {}", adequacy(g, "a_strikes"));
    assert!(adequacy(g, "b_strikes") >= 1.0, "US after a Russian strike: {}", adequacy(g, "b_strikes"));
    assert_eq!(g["mutual_vulnerability"], true);
    let index = g["index"].as_f64().unwrap();
    assert!(index > 0.5 && index <= 1.0, "{index}");
    // Generating forces early in a crisis raises first-strike stability (Kent & Thaler 1989).
    let d = result(&v, "day-to-day");
    assert!(d["index"].as_f64().unwrap() <= index);
}

#[test]
fn china_keeps_a_secure_second_strike_against_the_us_only_when_generated() {
    let v = stability_json(&["--pair", "USA,CHN"]);
    let g = result(&v, "generated");
    assert!(adequacy(g, "a_strikes") >= 1.0, "China after a US strike, generated: {}", adequacy(g, "a_strikes"));
    assert!(adequacy(g, "b_strikes") >= 1.0);
    // Day to day China keeps most warheads apart from launchers (SIPRI 2024: ~24 mated).
    let d = result(&v, "day-to-day");
    assert!(adequacy(d, "a_strikes") < adequacy(g, "a_strikes"));
}

#[test]
fn india_and_pakistan_are_mutually_vulnerable_when_generated() {
    let v = stability_json(&["--pair", "IND,PAK"]);
    let g = result(&v, "generated");
    assert_eq!(g["mutual_vulnerability"], true);
    // Both store warheads apart from launchers: day-to-day survivability is lower.
    let d = result(&v, "day-to-day");
    assert!(
        d["a_strikes"]["surviving_warheads"].as_f64().unwrap() < g["a_strikes"]["surviving_warheads"].as_f64().unwrap()
    );
}

#[test]
fn every_source_is_cited() {
    let o = Command::new(env!("CARGO_BIN_EXE_deterrence")).args(["data", "cite", "--format", "json"]).output().unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let cites = v["citations"].as_array().unwrap();
    assert!(cites.len() >= 20, "{}", cites.len());
    assert!(cites.iter().all(|c| !c["citation"].as_str().unwrap().is_empty()));
}
