//! CSV output: one row per attacker–defender–alert for stability, one row per cell for the
//! deterrence-region grid. Plain RFC 4180, a header row, numbers with full precision.

use crate::StabilityReport;
use exchange::dyad::GridCell;

/// Column names of the stability CSV.
pub const STABILITY_COLUMNS: [&str; 16] = [
    "scenario",
    "alert",
    "attacker",
    "defender",
    "defender_warheads",
    "attacker_warheads_spent",
    "surviving_warheads",
    "arriving_warheads",
    "attacker_unacceptable_damage_warheads",
    "adequacy",
    "secure_second_strike",
    "attacker_break_even_ratio",
    "first_strike_stability_index",
    "mutual_vulnerability",
    "stop_rule_warheads_spent",
    "bound",
];

fn write_rows(out: &mut ::csv::Writer<Vec<u8>>, rows: impl Iterator<Item = Vec<String>>) {
    for row in rows {
        // Writing into a Vec cannot fail.
        let _ = out.write_record(&row);
    }
}

fn finish(out: ::csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Renders the stability report as CSV.
pub fn stability(report: &StabilityReport) -> String {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(STABILITY_COLUMNS);
    let bound = format!("{:?}", report.constants.bound).to_lowercase();
    let rows = report.pairs.iter().flat_map(|pair| {
        let bound = bound.clone();
        pair.results.iter().flat_map(move |r| {
            let bound = bound.clone();
            [(&r.a_strikes, r.ratio_a), (&r.b_strikes, r.ratio_b)].into_iter().map(move |(s, ratio)| {
                vec![
                    report.provenance.scenario.clone(),
                    r.alert.as_str().to_owned(),
                    s.attacker.to_string(),
                    s.defender.to_string(),
                    s.defender_warheads.to_string(),
                    s.attacker_warheads_spent.to_string(),
                    s.surviving_warheads.to_string(),
                    s.arriving_warheads.to_string(),
                    s.unacceptable_damage.to_string(),
                    s.adequacy.to_string(),
                    (s.adequacy >= 1.0).to_string(),
                    ratio.to_string(),
                    r.index.to_string(),
                    r.mutual_vulnerability.to_string(),
                    s.stop.spent.to_string(),
                    bound.clone(),
                ]
            })
        })
    });
    write_rows(&mut out, rows);
    finish(out)
}

/// Renders a deterrence-region grid for states `a` and `b`.
pub fn grid(a: &str, b: &str, cells: &[GridCell]) -> String {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record([
        format!("{a}_warheads"),
        format!("{b}_warheads"),
        format!("{b}_adequacy_after_{a}_strike"),
        format!("{a}_adequacy_after_{b}_strike"),
        format!("{a}_deterred"),
        format!("{b}_deterred"),
        "region".to_owned(),
    ]);
    let only_a = format!("only_{a}_deterred");
    let only_b = format!("only_{b}_deterred");
    let rows = cells.iter().map(|c| {
        let region = match (c.a_deterred(), c.b_deterred()) {
            (true, true) => "mutual",
            (true, false) => only_a.as_str(),
            (false, true) => only_b.as_str(),
            (false, false) => "neither",
        };
        vec![
            c.warheads_a.to_string(),
            c.warheads_b.to_string(),
            c.adequacy_b.to_string(),
            c.adequacy_a.to_string(),
            c.a_deterred().to_string(),
            c.b_deterred().to_string(),
            region.to_owned(),
        ]
    });
    write_rows(&mut out, rows);
    finish(out)
}
