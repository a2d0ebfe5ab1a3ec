//! Human-readable tables: aligned columns, units in the headers, the caveat line, and the
//! uncertain inputs named.

use crate::{CAVEAT, Citation, StabilityReport};
use std::fmt::Write;

/// A simple aligned text table: the first column left-aligned, the rest right-aligned.
struct Table {
    header: Vec<Vec<String>>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn render(&self) -> String {
        let cols = self.header.first().map_or(0, Vec::len);
        let mut width = vec![0usize; cols];
        for row in self.header.iter().chain(&self.rows) {
            for (i, cell) in row.iter().enumerate() {
                width[i] = width[i].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, row: &[String]| {
            let mut s = String::new();
            for (i, cell) in row.iter().enumerate() {
                let pad = width[i] - cell.chars().count();
                if i < 3 {
                    s.push_str(cell);
                    s.push_str(&" ".repeat(pad));
                } else {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                }
                if i + 1 < row.len() {
                    s.push_str("  ");
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        for h in &self.header {
            line(&mut out, h);
        }
        let total: usize = width.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        out.push_str(&"-".repeat(total));
        out.push('\n');
        for r in &self.rows {
            line(&mut out, r);
        }
        out
    }
}

fn count(x: f64) -> String {
    let x = x + 0.0; // no "-0"
    if x.is_nan() {
        "n/a".into()
    } else if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn ratio(x: f64) -> String {
    if x.is_nan() { "n/a".into() } else { format!("{x:.2}") }
}

/// Renders the stability report for a person.
pub fn stability(report: &StabilityReport) -> String {
    let mut out = String::new();
    let p = &report.provenance;
    let _ = writeln!(
        out,
        "Strategic stability: {}{}{}",
        p.scenario,
        report.title.as_deref().map(|t| format!(" — {t}")).unwrap_or_default(),
        p.data_as_of.as_deref().map(|d| format!(" (data as of {d})")).unwrap_or_default()
    );
    let _ = writeln!(out, "Caveat: {CAVEAT}");
    let _ = writeln!(out);
    let header = vec![
        vec![
            "alert",
            "attacker",
            "defender",
            "defender",
            "attacker",
            "surviving",
            "arriving",
            "unaccept.",
            "adequacy",
            "secure",
            "break-even",
            "FSS",
            "mutually",
        ],
        vec![
            "",
            "",
            "",
            "warheads",
            "CF spent",
            "warheads",
            "warheads",
            "damage",
            "A",
            "2nd",
            "r(attacker)",
            "index",
            "vulnerable",
        ],
    ]
    .into_iter()
    .map(|r| r.into_iter().map(str::to_owned).collect())
    .collect();
    let mut rows = Vec::new();
    for pair in &report.pairs {
        for r in &pair.results {
            for (s, rr) in [(&r.a_strikes, r.ratio_a), (&r.b_strikes, r.ratio_b)] {
                rows.push(vec![
                    r.alert.as_str().to_owned(),
                    s.attacker.to_string(),
                    s.defender.to_string(),
                    count(s.defender_warheads),
                    count(s.attacker_warheads_spent),
                    count(s.surviving_warheads),
                    count(s.arriving_warheads),
                    count(s.unacceptable_damage),
                    ratio(s.adequacy),
                    if s.adequacy >= 1.0 { "yes" } else { "no" }.to_owned(),
                    ratio(rr),
                    ratio(r.index),
                    if r.mutual_vulnerability { "yes" } else { "no" }.to_owned(),
                ]);
            }
        }
    }
    out.push_str(&Table { header, rows }.render());
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Units: warheads (expected values). CF spent: attacker warheads in its best counterforce strike. \
         Arriving: surviving x reliability x penetration. A = arriving / attacker's unacceptable damage \
         (secure second strike when A >= 1). r: break-even probability of enemy attack above which the \
         attacker would pre-empt (Kent & Thaler 1989); FSS index = r_A x r_B (1 = no first-strike incentive)."
    );
    let c = &report.constants;
    let _ = writeln!(
        out,
        "Constants: lethal radius {:?}; max {} warheads per target; withhold {}; counterforce CEP <= {} m; \
         launch under attack {}; Kent-Thaler cost exponent {} and denial weight {}; inputs at {:?} values.",
        c.lethal_radius_model,
        c.max_warheads_per_target,
        c.withhold_fraction,
        c.counterforce_max_cep_m,
        if c.launch_under_attack { "yes" } else { "no" },
        c.kt_damage_exponent,
        c.kt_denial_weight,
        c.bound
    );
    let uncertain: usize = report.pairs.iter().map(|p| p.uncertain_inputs.len()).sum();
    if uncertain > 0 {
        let _ = writeln!(
            out,
            "Uncertain: {uncertain} inputs of these pairs are ranges (listed in --format json); \
             rerun with --bound low or --bound high to see their effect."
        );
    }
    let _ = writeln!(
        out,
        "Provenance: {} (commit {}), scenario {} [{}], hash {}.",
        p.tool, p.git_commit, p.scenario, p.scenario_origin, p.scenario_hash
    );
    out
}

/// Renders citations for a person.
pub fn citations(citations: &[Citation]) -> String {
    let mut out = String::new();
    let mut last = "";
    for c in citations {
        if c.scenario != last {
            let what = if c.scenario.starts_with("data/") { "record file" } else { "scenario" };
            let _ = writeln!(out, "Sources of {what} {}:", c.scenario);
            last = &c.scenario;
        }
        if c.key.is_empty() {
            let _ = write!(out, "  {}", c.citation);
        } else {
            let _ = write!(out, "  [{}] {}", c.key, c.citation);
        }
        if let Some(d) = &c.published {
            let _ = write!(out, " ({d})");
        }
        if let Some(u) = &c.url {
            let _ = write!(out, " <{u}>");
        }
        out.push('\n');
    }
    out
}

/// Event kinds shown in the timeline (the rest are in events.csv).
const TIMELINE_KINDS: &[&str] = &[
    "acquire",
    "disarm",
    "pursue",
    "reversal",
    "enforcement",
    "unpunished",
    "preventive-strike",
    "nuclear-use",
    "war",
    "invasion",
    "treaty-cap",
    "regime-shock",
    "alliance-credibility",
];

/// Renders a run for a person: key events year by year, then the headline measures.
pub fn run(report: &crate::RunReport) -> String {
    let m = &report.manifest;
    let o = &report.output;
    let mut out = String::new();
    let r = &m.resolved;
    let _ = writeln!(
        out,
        "Simulation: {}{} — {}–{}, seed {}, lenses {}, regime {}",
        m.provenance.scenario,
        report.title.as_deref().map(|t| format!(" ({t})")).unwrap_or_default(),
        r.start_year,
        r.start_year + r.years as i32 - 1,
        m.seed,
        r.lenses.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("+"),
        r.regime_preset.map_or("as in the scenario", |p| p.as_str()),
    );
    let _ = writeln!(out, "Caveat: one stochastic run of a simplified model; only ensembles support conclusions.");
    let _ = writeln!(out);
    let _ = writeln!(out, "Key events:");
    let mut shown = 0;
    for e in &o.events {
        let notable_crisis = e.kind == "crisis" && !e.detail.starts_with("rung 1 ") && !e.detail.starts_with("rung 2 ");
        if !(TIMELINE_KINDS.contains(&e.kind) || notable_crisis) {
            continue;
        }
        let who = match (&e.first, &e.second) {
            (Some(a), Some(b)) => format!("{}–{}", a.1, b.1),
            (Some(a), None) => a.1.to_string(),
            _ => String::new(),
        };
        let _ = writeln!(out, "  {}  {:<18} {:<8} {}", e.year, e.kind, who, e.detail);
        shown += 1;
    }
    if shown == 0 {
        let _ = writeln!(out, "  (none)");
    }
    let s = &o.summary;
    let _ = writeln!(out);
    let _ = writeln!(out, "Headline measures:");
    let fmt = |x: f64| if x.is_nan() { "n/a".to_owned() } else { format!("{x:.4}") };
    let rows = [
        ("nuclear-armed states at the end", s.nuclear_armed_states_end.to_string()),
        ("acquisitions / reversals", format!("{} / {}", s.acquisitions, s.reversals)),
        ("preventive strikes", s.preventive_strikes.to_string()),
        (
            "crises (sub-war, involving an armed state)",
            format!("{} ({})", s.crises, s.sub_war_crises_involving_nuclear),
        ),
        ("wars (between armed states)", format!("{} ({})", s.wars, s.wars_between_nuclear)),
        (
            "nuclear uses (first year)",
            format!("{} ({})", s.nuclear_uses, s.first_nuclear_use_year.map_or("none".into(), |y| y.to_string())),
        ),
        ("major-war hazard per armed dyad-year", fmt(s.major_war_hazard_nuclear_dyads)),
        ("nuclear-use hazard per armed dyad-year", fmt(s.nuclear_use_hazard_nuclear_dyads)),
        ("share of armed dyad-years mutually vulnerable", fmt(s.share_mutually_vulnerable)),
        ("mean first-strike stability index", fmt(s.mean_first_strike_stability)),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "  {k:<46} {v}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Provenance: {} (commit {}), scenario {} [{}], hash {}; rerun with --seed {} to reproduce.",
        m.provenance.tool,
        m.provenance.git_commit,
        m.provenance.scenario,
        m.provenance.scenario_origin,
        m.provenance.scenario_hash,
        m.seed
    );
    out
}
