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
    let bound = match &report.bound_for {
        Some(b) => format!("{}-for={}", b.lean, b.state),
        None => format!("{:?}", report.constants.bound).to_lowercase(),
    };
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

/// Renders a deterrence-region grid for states `a` and `b`: [`grid_header`] then
/// [`grid_rows`] of every cell.
pub fn grid(a: &str, b: &str, cells: &[GridCell]) -> String {
    let mut out = grid_header(a, b);
    out.push_str(&grid_rows(a, b, cells));
    out
}

/// The header line of a deterrence-region grid.
pub fn grid_header(a: &str, b: &str) -> String {
    format!(
        "{a}_warheads,{b}_warheads,{b}_adequacy_after_{a}_strike,{a}_adequacy_after_{b}_strike,{a}_deterred,{b}_deterred,region\n"
    )
}

/// The lines of `cells` of a deterrence-region grid (no header), so that a large grid can be
/// written a block of rows at a time. Numbers are written in Rust's shortest round-trip form;
/// no field needs quoting (numbers, `true`/`false`, region names built from state codes).
pub fn grid_rows(a: &str, b: &str, cells: &[GridCell]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(cells.len() * 64);
    for c in cells {
        let (da, db) = (c.a_deterred(), c.b_deterred());
        let _ = write!(out, "{},{},{},{},{da},{db},", c.warheads_a, c.warheads_b, c.adequacy_b, c.adequacy_a);
        match (da, db) {
            (true, true) => out.push_str("mutual"),
            (true, false) => {
                let _ = write!(out, "only_{a}_deterred");
            }
            (false, true) => {
                let _ = write!(out, "only_{b}_deterred");
            }
            (false, false) => out.push_str("neither"),
        }
        out.push('\n');
    }
    out
}

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

fn num(x: f64) -> String {
    if x.is_nan() { String::new() } else { x.to_string() }
}

/// `years.csv`: one row per simulated year (docs/model.md §6).
pub fn years(scenario: &str, run: u64, rows: &[engine::observe::YearRecord]) -> String {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record([
        "scenario",
        "run",
        "year",
        "nuclear_armed_states",
        "programmes",
        "warheads_total",
        "warheads_survivable",
        "norm_strength",
        "inequity",
        "assurance_credibility",
        "explorations",
        "pursuits",
        "acquisitions",
        "reversals",
        "detections",
        "enforcements",
        "preventive_strikes",
        "crises",
        "sub_war_crises_involving_nuclear",
        "crises_between_nuclear",
        "violence_free_crises_between_nuclear",
        "wars",
        "wars_between_nuclear",
        "major_wars_between_nuclear",
        "invasions_of_non_nuclear",
        "nuclear_alerts",
        "nuclear_use",
        "deliberate_use",
        "accidental_use",
        "inadvertent_use",
        "false_alarms",
        "nuclear_use_between_nuclear",
        "nuclear_damage",
        "nuclear_deaths",
        "battle_deaths",
        "occupations",
        "nuclear_dyads",
        "mutually_vulnerable_dyads",
        "mean_first_strike_stability",
    ]);
    let rows = rows.iter().map(|y| {
        vec![
            scenario.to_owned(),
            run.to_string(),
            y.year.to_string(),
            y.nuclear_armed_states.to_string(),
            y.programmes.to_string(),
            y.warheads_total.to_string(),
            y.warheads_survivable.to_string(),
            y.norm_strength.to_string(),
            y.inequity.to_string(),
            y.assurance_credibility.to_string(),
            y.explorations.to_string(),
            y.pursuits.to_string(),
            y.acquisitions.to_string(),
            y.reversals.to_string(),
            y.detections.to_string(),
            y.enforcements.to_string(),
            y.preventive_strikes.to_string(),
            y.crises.to_string(),
            y.sub_war_crises_involving_nuclear.to_string(),
            y.crises_between_nuclear.to_string(),
            y.violence_free_crises_between_nuclear.to_string(),
            y.wars.to_string(),
            y.wars_between_nuclear.to_string(),
            y.major_wars_between_nuclear.to_string(),
            y.invasions_of_non_nuclear.to_string(),
            y.nuclear_alerts.to_string(),
            y.nuclear_use.to_string(),
            y.deliberate_use.to_string(),
            y.accidental_use.to_string(),
            y.inadvertent_use.to_string(),
            y.false_alarms.to_string(),
            y.nuclear_use_between_nuclear.to_string(),
            y.nuclear_damage.to_string(),
            y.nuclear_deaths.to_string(),
            y.battle_deaths.to_string(),
            y.occupations.to_string(),
            y.nuclear_dyads.to_string(),
            y.mutually_vulnerable_dyads.to_string(),
            num(y.mean_first_strike_stability),
        ]
    });
    write_rows(&mut out, rows);
    finish(out)
}

/// `dyad_years.csv`: a directed-free dyad-year panel with Correlates of War codes.
pub fn dyad_years(scenario: &str, run: u64, rows: &[engine::observe::DyadYearRecord]) -> String {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record([
        "scenario",
        "run",
        "year",
        "ccode1",
        "ccode2",
        "iso3_1",
        "iso3_2",
        "armed1",
        "armed2",
        "surviving1",
        "surviving2",
        "adequacy1",
        "adequacy2",
        "fss_index",
        "mutual_vulnerability",
        "crisis",
        "max_rung",
        "max_conventional",
        "max_nuclear",
        "war",
        "nuclear_use",
    ]);
    let rows = rows.iter().map(|d| {
        vec![
            scenario.to_owned(),
            run.to_string(),
            d.year.to_string(),
            d.ccode1.to_string(),
            d.ccode2.to_string(),
            d.iso3_1.to_string(),
            d.iso3_2.to_string(),
            u8::from(d.armed1).to_string(),
            u8::from(d.armed2).to_string(),
            opt(d.surviving1),
            opt(d.surviving2),
            opt(d.adequacy1),
            opt(d.adequacy2),
            opt(d.fss_index),
            u8::from(d.mutual_vulnerability).to_string(),
            u8::from(d.crisis).to_string(),
            d.max_rung.to_string(),
            d.max_conventional.to_string(),
            d.max_nuclear.to_string(),
            u8::from(d.war).to_string(),
            u8::from(d.nuclear_use).to_string(),
        ]
    });
    write_rows(&mut out, rows);
    finish(out)
}

/// `events.csv`: one row per event.
pub fn events(scenario: &str, run: u64, rows: &[engine::observe::EventRecord]) -> String {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["scenario", "run", "year", "kind", "ccode1", "iso3_1", "ccode2", "iso3_2", "detail"]);
    let rows = rows.iter().map(|e| {
        let code = |x: &Option<(u32, exchange::forces::Code)>| {
            x.map_or((String::new(), String::new()), |(c, i)| (c.to_string(), i.to_string()))
        };
        let ((c1, i1), (c2, i2)) = (code(&e.first), code(&e.second));
        vec![
            scenario.to_owned(),
            run.to_string(),
            e.year.to_string(),
            e.kind.as_str().to_owned(),
            c1,
            i1,
            c2,
            i2,
            e.detail.clone(),
        ]
    });
    write_rows(&mut out, rows);
    finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(na: f64, nb: f64, adequacy_b: f64, adequacy_a: f64) -> GridCell {
        GridCell { warheads_a: na, warheads_b: nb, adequacy_b, adequacy_a }
    }

    #[test]
    fn grid_rows_written_in_blocks_equal_one_csv_pass() {
        let cells = [
            cell(0.0, 0.0, 0.0, 0.0),
            cell(0.0, 25.0, 1.5, 0.0),
            cell(25.0, 0.0, 0.0, 2.0),
            cell(25.0, 25.0, 1.0, 1.0),
        ];
        let blocks: String = cells.chunks(3).map(|c| grid_rows("AAA", "BBB", c)).collect();
        let whole = grid("AAA", "BBB", &cells);
        assert_eq!(format!("{}{blocks}", grid_header("AAA", "BBB")), whole);
        // The same bytes a CSV writer produces record by record.
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record([
            "AAA_warheads",
            "BBB_warheads",
            "BBB_adequacy_after_AAA_strike",
            "AAA_adequacy_after_BBB_strike",
            "AAA_deterred",
            "BBB_deterred",
            "region",
        ])
        .unwrap();
        for (c, region) in cells.iter().zip(["neither", "only_AAA_deterred", "only_BBB_deterred", "mutual"]) {
            let row = [
                c.warheads_a.to_string(),
                c.warheads_b.to_string(),
                c.adequacy_b.to_string(),
                c.adequacy_a.to_string(),
                c.a_deterred().to_string(),
                c.b_deterred().to_string(),
                region.to_owned(),
            ];
            w.write_record(&row).unwrap();
        }
        assert_eq!(whole, String::from_utf8(w.into_inner().unwrap()).unwrap());
    }
}
