//! Scenario files: whatever the bytes, reading them gives a located error or a scenario; a
//! scenario `deterrence scenario check` accepts must prepare and run (`deterrence run`) and
//! analyse (`deterrence stability`) without a panic or an infinite number.

use deterrence_fuzz::{assert_no_infinity, assert_not_infinite};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let text = match lab::scenario::utf8_text(data.to_vec()) {
            Ok(text) => text,
            Err(message) => {
                assert!(message.contains("line"), "invalid UTF-8 without a location: {message}");
                return;
            }
        };
        let Ok(loaded) = lab::Loaded::from_text(text, "fuzz.toml".into()) else { return };
        // `run`: a scenario `check` accepts is valid for `run` too.
        let request = lab::RunRequest { years: Some(3), ..Default::default() };
        let prepared = match request.prepare(&loaded.scenario) {
            Ok(p) => p,
            Err(e) => panic!("`check` accepts the scenario but `run` refuses it: {e}"),
        };
        let output = prepared.template.run(1, 0);
        assert_no_infinity("years.csv", &report::csv::years("fuzz", 0, &output.years));
        assert_no_infinity("dyad_years.csv", &report::csv::dyad_years("fuzz", 0, &output.dyad_years));
        assert_no_infinity("events.csv", &report::csv::events("fuzz", 0, &output.events));
        // `stability`: every rival pair, both alert states; an error (a missing threshold) is a
        // message, never a panic.
        let s = &loaded.scenario;
        for (a, b, rivalry) in exchange::dyad::rival_pairs(s) {
            let alerts = exchange::forces::Alert::BOTH;
            let search = exchange::stability::StopSearch::Fast;
            let bound = model::Bound::Best;
            if let Ok(pair) =
                exchange::dyad::analyse_pair(s, a, b, rivalry.distance_km.at(bound), &alerts, bound, search)
            {
                for r in &pair.results {
                    assert_not_infinite("stability ratio_a", r.ratio_a);
                    assert_not_infinite("stability ratio_b", r.ratio_b);
                    assert_not_infinite("stability index", r.index);
                }
            }
        }
    });
}
