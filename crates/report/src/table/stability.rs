//! The stability table (`deterrence stability`).

use super::{Table, count, ratio};
use crate::{CAVEAT, StabilityReport};
use std::fmt::Write;

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
    if let Some(b) = &report.bound_for {
        let lows = b.inputs.iter().filter(|i| i.end == "low").count();
        let _ = writeln!(
            out,
            "Bound: {} for {}: {} uncertain inputs that move {}'s second strike set to the end of their range \
             {} for it ({} low, {} high; listed in --format json), judged one at a time; the rest at best.",
            b.lean,
            b.state,
            b.inputs.len(),
            b.state,
            if b.lean == "worst" { "worse" } else { "better" },
            lows,
            b.inputs.len() - lows
        );
    }
    if report.unarmed_pairs_hidden > 0 {
        let _ = writeln!(
            out,
            "Hidden: {} pairs in which neither side holds nuclear weapons (every number zero); --all lists them.",
            report.unarmed_pairs_hidden
        );
    }
    let uncertain: usize = report.pairs.iter().map(|p| p.uncertain_inputs.len()).sum();
    if uncertain > 0 && report.bound_for.is_none() {
        let _ = writeln!(
            out,
            "Uncertain: {uncertain} inputs of these pairs are ranges (listed in --format json); \
             rerun with --bound worst-for=STATE or best-for=STATE to see their effect on one state's second \
             strike (--bound low / high: every input at the low / high end)."
        );
    }
    let _ = writeln!(
        out,
        "Provenance: {} (commit {}), scenario {} [{}], hash {}.",
        p.tool, p.git_commit, p.scenario, p.scenario_origin, p.scenario_hash
    );
    out
}
