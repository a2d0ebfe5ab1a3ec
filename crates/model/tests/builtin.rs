//! The built-in scenarios parse, and every number in them has a source.

use model::builtin::BUILTINS;
use model::parse_scenario;

#[test]
fn builtins_are_valid_and_fully_sourced() {
    for b in BUILTINS {
        let s = parse_scenario(b.text, b.path).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.scenario.as_of.is_some(), "{}: as_of missing", b.name);
        for st in &s.states {
            assert!(!st.sources.is_empty(), "{}: state {} has no sources", b.name, st.iso3);
            for f in &st.forces {
                assert!(!f.sources.is_empty(), "{}: {} {} has no sources", b.name, st.iso3, f.system);
            }
        }
        for r in &s.rivalries {
            assert!(!r.sources.is_empty(), "{}: rivalry {:?} has no sources", b.name, r.pair);
        }
        for a in &s.alliances {
            assert!(!a.sources.is_empty(), "{}: alliance {}→{} has no sources", b.name, a.guarantor, a.protege);
        }
        if let Some(r) = &s.regime {
            assert!(!r.sources.is_empty(), "{}: regime has no sources", b.name);
        }
        for src in &s.sources {
            assert!(
                src.published.is_some() || src.key.starts_with("assume-"),
                "{}: source {} has no date",
                b.name,
                src.key
            );
        }
    }
}

#[test]
fn nine_nuclear_armed_states_with_known_stockpiles() {
    let b = model::builtin::get("world-2025").unwrap();
    let s = parse_scenario(b.text, b.path).unwrap();
    let armed: Vec<&str> = s
        .states
        .iter()
        .filter(|st| st.nuclear_status == model::NuclearStatus::Possessing)
        .map(|st| st.iso3.as_str())
        .collect();
    assert_eq!(armed, ["USA", "RUS", "CHN", "GBR", "FRA", "IND", "PAK", "ISR", "PRK"]);
    // SIPRI Yearbook 2025 (January 2025) stockpiles.
    for (iso, stock) in [
        ("USA", 3700.0),
        ("RUS", 4309.0),
        ("CHN", 600.0),
        ("GBR", 225.0),
        ("FRA", 290.0),
        ("IND", 180.0),
        ("PAK", 170.0),
        ("ISR", 90.0),
        ("PRK", 50.0),
    ] {
        let st = &s.states[s.state_index(iso).unwrap()];
        let e = st.stockpile_warheads.expect("stockpile given");
        assert!(e.low <= stock && stock <= e.high, "{iso}: {stock} outside {e}");
        let on_launchers: f64 = st.forces.iter().map(|f| f.launchers.best * f.warheads_per_launcher.best).sum();
        assert!(on_launchers <= e.high + 1e-9, "{iso}: {on_launchers} warheads on launchers exceed the stockpile {e}");
    }
}
