//! The history-1945 scenario's fissile-material series are data/fissile.csv's
//! (`history::fissile::series`), so no state has a bound set by hand.

use history::fissile::{rows, series};

/// Every state's `fissile_material` equals the series the rule builds from data/fissile.csv
/// (empty for a state without one), to the value written in the scenario.
#[test]
fn history_1945_fissile_series_are_the_data() {
    let rows = rows().unwrap();
    let b = model::builtin::get("history-1945").unwrap();
    let s = model::parse_scenario(b.text, b.path).unwrap();
    let mut with = 0;
    for state in &s.states {
        let want = series(&rows, &state.iso3);
        if std::env::var("FISSILE_PRINT").is_ok() && !want.is_empty() {
            let fmt = |e: model::Estimate| {
                let r = |x: f64| (x * 1000.0).round() / 1000.0;
                if e.low < e.high {
                    format!("{{ low = {}, best = {}, high = {} }}", r(e.low), r(e.best), r(e.high))
                } else {
                    format!("{}", r(e.best))
                }
            };
            let points: Vec<String> = want
                .iter()
                .map(|p| {
                    format!(
                        "{{ year = {}, plutonium_tonnes = {}, heu_tonnes = {} }}",
                        p.year,
                        fmt(p.plutonium_tonnes),
                        fmt(p.heu_tonnes)
                    )
                })
                .collect();
            println!("{} fissile_material = [{}]", state.iso3, points.join(", "));
        }
        if std::env::var("FISSILE_PRINT").is_ok() {
            continue;
        }
        assert_eq!(state.fissile_material.len(), want.len(), "{}", state.iso3);
        for (got, want) in state.fissile_material.iter().zip(&want) {
            let close = |a: model::Estimate, b: model::Estimate| {
                (a.low - b.low).abs() < 1e-3 && (a.best - b.best).abs() < 1e-3 && (a.high - b.high).abs() < 1e-3
            };
            assert!(
                got.year == want.year
                    && close(got.plutonium_tonnes, want.plutonium_tonnes)
                    && close(got.heu_tonnes, want.heu_tonnes),
                "{}: {got:?} vs {want:?}",
                state.iso3
            );
        }
        with += usize::from(!want.is_empty());
    }
    assert_eq!(with, 5, "the United States, the Soviet Union, the United Kingdom, France and China");
}
