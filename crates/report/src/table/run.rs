//! One run for a person (`deterrence run`): key events, headline measures, provenance and a
//! legend of every word and number printed.

use engine::ladder;
use engine::observe::{EventKind, EventRecord, RunSummary};
use std::fmt::Write;

/// Whether the run table's timeline shows an event: crises that reached war or a nuclear step
/// (rung 3 or higher) and the kinds listed here; every event is in events.csv.
fn on_timeline(kind: &EventKind) -> bool {
    match kind {
        EventKind::Crisis(c) => c.rung >= ladder::WAR_RUNG,
        EventKind::FalseAlarm { on_alert, led_to_use } => *on_alert || *led_to_use,
        EventKind::Acquire { .. }
        | EventKind::Disarm
        | EventKind::Pursue { .. }
        | EventKind::Reversal { .. }
        | EventKind::Enforcement { .. }
        | EventKind::Unpunished { .. }
        | EventKind::PreventiveStrike { .. }
        | EventKind::NuclearUse
        | EventKind::War
        | EventKind::Invasion
        | EventKind::TreatyCap { .. }
        | EventKind::RegimeShock { .. }
        | EventKind::AllianceCredibility { .. }
        | EventKind::Rivalry { .. }
        | EventKind::Assistance { .. }
        | EventKind::Latency { .. }
        | EventKind::Npt { .. } => true,
        EventKind::Deploy { .. } => true,
        EventKind::Explore { .. } | EventKind::Detected | EventKind::Status { .. } | EventKind::Occupation => false,
    }
}

/// What each kind the timeline can show means, in the legend's order.
const KIND_LEGEND: &[(&str, &str)] = &[
    ("pursue", "a state moved from exploring weapons to pursuing them"),
    ("acquire", "a state acquired weapons (the warheads of its first force)"),
    ("reversal", "a state abandoned its programme (\"under sanctions\": enforcement worked)"),
    ("enforcement", "sanctions on a detected violation of the NPT"),
    ("unpunished", "a detected violation of the NPT went unpunished"),
    ("preventive-strike", "a rival struck a programme or a young arsenal"),
    ("nuclear-use", "nuclear retaliation for a preventive strike (use in a crisis: its rung)"),
    ("war", "a preventive strike became a war"),
    ("crisis", "a crisis between rivals that reached rung 3 or higher"),
    (
        "false-alarm",
        "a state's warning systems reported an attack that was not happening while it stood on alert \
         in a crisis (peacetime false alarms are in events.csv); \"taken for an attack\": it used \
         nuclear weapons on that warning (inadvertent use)",
    ),
    ("disarm", "a state gave up its weapons (scheduled in the scenario)"),
    ("invasion", "an invasion scheduled in the scenario"),
    ("treaty-cap", "a cap on both parties' deployed warheads came into force (scheduled)"),
    ("regime-shock", "a regime lever jumped by the amount shown (scheduled)"),
    ("alliance-credibility", "a guarantor's commitment took the credibility shown (scheduled)"),
    ("rivalry", "a rivalry started, changed intensity or ended (scheduled); intensity 0 means no rivalry"),
    ("assistance", "a state gave another sensitive nuclear assistance; the recipient's latency rose (scheduled)"),
    (
        "latency",
        "a state's latency rose to a scheduled value, e.g. its first enrichment or reprocessing plant (scheduled)",
    ),
    (
        "deploy",
        "a new delivery system entered a state's service: class, warheads per launcher, yield and CEP \
         (scheduled; held until the state is armed)",
    ),
    ("npt", "a state joined the NPT (as a non-nuclear-weapon or a nuclear-weapon state) or withdrew (scheduled)"),
];

/// Width of the legend's lines.
const LEGEND_WIDTH: usize = 100;

/// Appends `text` to `out`, wrapped at [`LEGEND_WIDTH`]: the first line after `first`, the
/// others after `rest` (both indents).
fn wrap_into(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = first.to_owned();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > LEGEND_WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_owned();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// The legend that ends the run table: its columns, every kind and word of the key events, the
/// rungs, and the headline measures (`measures`: name and meaning).
fn run_legend(measures: &[(&str, &str)]) -> String {
    let mut out = String::from("Legend:\n");
    wrap_into(
        &mut out,
        "  ",
        "    ",
        "Key events: year, kind, who, detail; every event, shown or not, is in events.csv. Kinds shown:",
    );
    for (kind, meaning) in KIND_LEGEND {
        wrap_into(&mut out, &format!("    {kind:<21}"), &" ".repeat(25), meaning);
    }
    wrap_into(
        &mut out,
        "  ",
        "    ",
        "Who: the ISO3 codes of the states involved: one state, or first–second: striker–target \
         (preventive-strike, war), retaliator–striker (nuclear-use), attacker–victim (invasion), \
         guarantor–protégé (alliance-credibility), the parties (treaty-cap), the rival pair as the \
         scenario lists it (crisis, rivalry).",
    );
    let rungs = |range: std::ops::RangeInclusive<u8>| {
        range.map(|r| format!("{r} {}", ladder::rung_name(r))).collect::<Vec<_>>().join(", ")
    };
    wrap_into(
        &mut out,
        "  ",
        "    ",
        &format!(
            "Rungs: {} (conventional track); {} (nuclear track). A crisis's rung is the higher of its \
             conventional level (1-4) and its nuclear level (0 = no nuclear step, else 5-7).",
            rungs(1..=ladder::MAJOR_WAR_RUNG),
            rungs(ladder::ALERT_RUNG..=ladder::TOP_RUNG)
        ),
    );
    wrap_into(
        &mut out,
        "  ",
        "    ",
        "Crisis endings: \"X backed down\" (X conceded; its rival prevailed), \"stalemate\" (both held, \
         or the round limit passed), \"general nuclear war\". Then: challenger = the state that moved \
         first; war started by = the first to take it to rung 3; first nuclear use by = the first to use, \
         whatever the kind of use; use: each state that used, how its first use came about and the \
         highest rung of its own use (6 limited use, 7 general war). Kinds of use: deliberate = chosen \
         (retaliation included); accidental = an accident at the alert rung (an unauthorised or \
         accidental launch); inadvertent = a false warning taken for an attack at the alert rung. \
         Accidents and false warnings act only before anyone has used, so later use is deliberate.",
    );
    wrap_into(
        &mut out,
        "  ",
        "    ",
        "Other details: willingness = a state's inclination to proliferate (0-1); shield = the \
         credibility of its ties to a veto-holding nuclear-weapon state (0-1), which spares it \
         enforcement; target adequacy = the target's retaliation against the striker (arriving \
         warheads / the striker's unacceptable damage; 1 or more is a secure second strike).",
    );
    wrap_into(
        &mut out,
        "  ",
        "    ",
        "Headline measures (an armed dyad-year is one rival pair of two armed states in one year; \
         n/a: there was none):",
    );
    for (name, meaning) in measures {
        wrap_into(&mut out, "    ", "      ", &format!("{name}: {meaning}"));
    }
    out
}

/// The key-events lines of the run table: the events [`on_timeline`], or `(none)`.
fn key_events(events: &[EventRecord]) -> String {
    let mut out = String::new();
    for e in events.iter().filter(|e| on_timeline(&e.kind)) {
        let who = match (&e.first, &e.second) {
            (Some(a), Some(b)) => format!("{}–{}", a.1, b.1),
            (Some(a), None) => a.1.to_string(),
            _ => String::new(),
        };
        let _ = writeln!(out, "  {}  {:<18} {:<8} {}", e.year, e.kind.as_str(), who, e.detail);
    }
    if out.is_empty() {
        out.push_str("  (none)\n");
    }
    out
}

/// The headline measures of a run: name, value as printed, and meaning (for the legend).
fn headline_measures(s: &RunSummary) -> [(&'static str, String, &'static str); 11] {
    let fmt = |x: f64| if x.is_nan() { "n/a".to_owned() } else { format!("{x:.4}") };
    [
        (
            "nuclear-armed states at the end",
            s.nuclear_armed_states_end.to_string(),
            "states holding weapons in the last year.",
        ),
        (
            "acquisitions / reversals",
            format!("{} / {}", s.acquisitions, s.reversals),
            "states that acquired weapons / programmes abandoned.",
        ),
        ("preventive strikes", s.preventive_strikes.to_string(), "strikes on programmes or young arsenals."),
        (
            "crises (sub-war, involving an armed state)",
            format!("{} ({})", s.crises, s.sub_war_crises_involving_nuclear),
            "all crises (in brackets: those that stayed below war, rung 3, with at least one armed side).",
        ),
        (
            "wars (between armed states)",
            format!("{} ({})", s.wars, s.wars_between_nuclear),
            "crises that reached rung 3, preventive strikes that became wars, scheduled invasions (in \
             brackets: crises at war between two armed states).",
        ),
        (
            "nuclear uses (first year)",
            format!("{} ({})", s.nuclear_uses, s.first_nuclear_use_year.map_or("none".into(), |y| y.to_string())),
            "crises that reached rung 6 or 7, and retaliations for preventive strikes (in brackets: the \
             year of the first).",
        ),
        (
            "deaths: nuclear / battle",
            format!("{:.0} / {:.0}", s.nuclear_deaths, s.battle_deaths),
            "deaths from nuclear use (warheads arriving x deaths per warhead on cities or forces, OTA \
             1979, x (yield / 1 Mt)^(2/3); not capped by population) / battle deaths of the wars (at \
             least 1,000 a war, the Correlates of War threshold); orders of magnitude, not forecasts.",
        ),
        (
            "major-war hazard per armed dyad-year",
            fmt(s.major_war_hazard_nuclear_dyads),
            "major wars (rung 4) between two armed states, divided by the armed dyad-years.",
        ),
        (
            "nuclear-use hazard per armed dyad-year",
            fmt(s.nuclear_use_hazard_nuclear_dyads),
            "nuclear uses in crises between two armed states, divided by the armed dyad-years.",
        ),
        (
            "share of armed dyad-years mutually vulnerable",
            fmt(s.share_mutually_vulnerable),
            "share in which each side keeps a secure second strike after the other's best first strike.",
        ),
        (
            "mean first-strike stability index",
            fmt(s.mean_first_strike_stability),
            "r_A x r_B (Kent & Thaler 1989; 1 = no incentive to strike first), averaged over the armed \
             dyad-years.",
        ),
    ]
}

/// The command that reruns exactly this run: the scenario (its built-in name, or the file), the
/// seed, and every setting spelled out — years, lenses, preset and each override.
pub fn reproduce(m: &crate::RunManifest) -> String {
    let p = &m.provenance;
    let scenario =
        if p.scenario_origin.starts_with("built-in:") { p.scenario.clone() } else { p.scenario_origin.clone() };
    let quote = |t: &str| {
        if t.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:".contains(c)) {
            t.to_owned()
        } else {
            format!("'{t}'")
        }
    };
    let r = &m.resolved;
    let mut parts = vec![
        "deterrence run".to_owned(),
        quote(&scenario),
        format!("--seed {}", m.seed),
        format!("--years {}", r.years),
    ];
    parts.push(format!("--lens {}", r.lenses.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",")));
    if let Some(preset) = r.regime_preset {
        parts.push(format!("--regime {}", preset.as_str()));
    }
    for flag in lab::overrides::flags(&m.overrides) {
        let (name, value) = flag.split_once(' ').unwrap_or((flag.as_str(), ""));
        parts.push(format!("{name} {}", quote(value)));
    }
    parts.join(" ")
}

/// Renders a run for a person: key events year by year, the headline measures, the provenance,
/// and a legend of the words and numbers it prints.
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
    out.push_str(&key_events(&o.events));
    let _ = writeln!(out);
    let _ = writeln!(out, "Headline measures:");
    let measures = headline_measures(&o.summary);
    for (name, value, _) in &measures {
        let _ = writeln!(out, "  {name:<46} {value}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Provenance: {} (commit {}), scenario {} [{}], hash {}.",
        m.provenance.tool,
        m.provenance.git_commit,
        m.provenance.scenario,
        m.provenance.scenario_origin,
        m.provenance.scenario_hash,
    );
    let _ = writeln!(out, "Reproduce: {}", reproduce(m));
    let _ = writeln!(out);
    out.push_str(&run_legend(&measures.map(|(name, _, meaning)| (name, meaning))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::ladder::UseKind;
    use engine::observe::{CrisisEnding, CrisisEvent, RivalryChange, StateUse};
    use exchange::forces::Code;
    use model::{NuclearStatus, RegimeLever};

    fn crisis(rung: u8, conventional: u8, nuclear: u8) -> EventKind {
        EventKind::Crisis(CrisisEvent {
            rung,
            conventional,
            nuclear,
            challenger: Code::new("AAA"),
            ending: CrisisEnding::BackedDown { state: Code::new("BBB"), prevailed: Code::new("AAA") },
            war_initiator: (conventional >= ladder::WAR_RUNG).then(|| Code::new("AAA")),
            nuclear_initiator: (nuclear >= ladder::NUCLEAR_USE_RUNG).then(|| Code::new("BBB")),
            accidental: nuclear >= ladder::NUCLEAR_USE_RUNG,
            uses: [
                (nuclear >= ladder::TOP_RUNG).then(|| StateUse {
                    state: Code::new("AAA"),
                    kind: UseKind::Deliberate,
                    rung: ladder::TOP_RUNG,
                }),
                (nuclear >= ladder::NUCLEAR_USE_RUNG).then(|| StateUse {
                    state: Code::new("BBB"),
                    kind: UseKind::Accidental,
                    rung: ladder::NUCLEAR_USE_RUNG,
                }),
            ],
        })
    }

    /// One event of every kind (a crisis at war), each between AAA and BBB.
    fn one_of_each_kind() -> Vec<EventRecord> {
        let kinds = [
            EventKind::Explore { willingness: 0.5 },
            EventKind::Pursue { willingness: 0.5 },
            EventKind::Acquire { warheads: 6.0 },
            EventKind::Disarm,
            EventKind::Reversal { under_sanctions: true },
            EventKind::Detected,
            EventKind::Enforcement { shield: 0.5 },
            EventKind::Unpunished { shield: 0.5 },
            EventKind::PreventiveStrike { target_adequacy: 0.2 },
            EventKind::NuclearUse,
            EventKind::War,
            crisis(7, 3, 7),
            EventKind::FalseAlarm { on_alert: true, led_to_use: true },
            EventKind::Occupation,
            EventKind::Invasion,
            EventKind::TreatyCap { cap_warheads: 1550.0, until: 2026 },
            EventKind::RegimeShock { lever: RegimeLever::Verification, delta: -0.1 },
            EventKind::AllianceCredibility { credibility: 0.5 },
            EventKind::Status { status: NuclearStatus::Exploring },
            EventKind::Rivalry { change: RivalryChange::Start, from: 0.0, intensity: 0.7 },
            EventKind::Assistance { from: 0.1, latency: 0.55 },
            EventKind::Latency { from: 0.05, latency: 0.6 },
            EventKind::Deploy {
                class: model::DeliveryClass::SiloIcbm,
                warheads_per_launcher: 3.0,
                yield_kt: 170.0,
                cep_m: 280.0,
                retired: 1,
            },
            EventKind::Npt { status: model::NptStatus::Withdrawn },
        ];
        assert_eq!(kinds.map(|k| k.as_str()), EventKind::NAMES, "a new kind: add it here");
        let (a, b) = (Some((1, Code::new("AAA"))), Some((2, Code::new("BBB"))));
        kinds.into_iter().map(|k| EventRecord::new(2025, k, a, b)).collect()
    }

    fn legend() -> String {
        let summary = engine::observe::summarise(&[]);
        run_legend(&headline_measures(&summary).map(|(name, _, meaning)| (name, meaning)))
    }

    #[test]
    fn the_legend_explains_every_event_kind_the_timeline_can_print() {
        let legend = legend();
        let printed = key_events(&one_of_each_kind());
        let kinds: Vec<&str> = printed.lines().filter_map(|l| l.split_whitespace().nth(1)).collect();
        assert!(kinds.len() >= 10 && kinds.contains(&"crisis"), "{printed}");
        for kind in kinds {
            let entry = format!("    {kind} ");
            assert!(legend.lines().any(|l| l.starts_with(&entry)), "the legend lacks `{kind}`:\n{legend}");
        }
        // And no legend entry for a kind the timeline never prints.
        for (kind, _) in KIND_LEGEND {
            assert!(printed.contains(&format!(" {kind} ")), "`{kind}` is explained but never printed");
        }
    }

    #[test]
    fn the_legend_explains_rungs_endings_details_and_measures() {
        // Words as read, whatever the line breaks.
        let legend = legend().split_whitespace().collect::<Vec<_>>().join(" ");
        for rung in 1..=ladder::TOP_RUNG {
            assert!(legend.contains(&format!("{rung} {}", ladder::rung_name(rung))), "rung {rung}");
        }
        for word in [
            "Who:",
            "backed down",
            "stalemate",
            "general nuclear war",
            "challenger",
            "war started by",
            "first nuclear use by",
            "deliberate =",
            "accidental =",
            "inadvertent =",
            "willingness",
            "shield",
            "target adequacy",
            "armed dyad-year",
            "n/a",
        ] {
            assert!(legend.contains(word), "the legend lacks `{word}`:\n{legend}");
        }
        for (name, _, _) in headline_measures(&engine::observe::summarise(&[])) {
            assert!(legend.contains(&format!("{name}: ")), "the legend lacks the measure `{name}`");
        }
    }

    #[test]
    fn crises_reach_the_timeline_by_their_rung() {
        let (a, b) = (Some((1, Code::new("AAA"))), Some((2, Code::new("BBB"))));
        let shown = |k: EventKind| !key_events(&[EventRecord::new(2025, k, a, b)]).contains("(none)");
        assert!(!shown(crisis(1, 1, 0)));
        assert!(!shown(crisis(2, 2, 0)));
        assert!(shown(crisis(3, 3, 0)), "limited war");
        assert!(shown(crisis(5, 2, 5)), "a nuclear threat without war");
        let line = key_events(&[EventRecord::new(2025, crisis(6, 4, 6), a, b)]);
        assert!(line.contains("AAA–BBB") && line.contains("BBB backed down"), "{line}");
    }
}
