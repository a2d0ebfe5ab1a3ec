//! `deterrence stability`: every adversary pair's stability, or one pair's deterrence grid.

use crate::args::{AlertChoice, BoundChoice, Format, StabilityArgs};
use crate::input::{bad, load, pair, provenance};
use exchange::dyad::{Constants, GridScratch, GridSetup, analyse_pair, find_pair, rival_pairs};
use exchange::{Alert, Side, StopSearch};
use model::Bound;
use rayon::prelude::*;

/// Rows of a deterrence-region grid computed and written per block (`--grid`).
const GRID_BLOCK_ROWS: usize = 64;

/// Runs the command.
pub fn run(args: StabilityArgs) -> anyhow::Result<()> {
    let loaded = load(&args.scenario)?;
    let overrides: Vec<lab::Override> = args
        .inputs
        .iter()
        .map(|t| lab::Override::parse(lab::Kind::Input, t).map_err(|e| bad(format!("--set {e}"))))
        .collect::<anyhow::Result<_>>()?;
    let request = lab::RunRequest { overrides: overrides.clone(), ..Default::default() };
    let changed =
        lab::inputs::set_inputs(&loaded.scenario, &request.inputs()).map_err(|e| bad(format!("--set {e}")))?;
    let search = if args.exhaustive { StopSearch::Exhaustive } else { StopSearch::Fast };
    let alerts: Vec<Alert> = match args.alert {
        AlertChoice::DayToDay => vec![Alert::DayToDay],
        AlertChoice::Generated => vec![Alert::Generated],
        AlertChoice::Both => Alert::BOTH.to_vec(),
    };
    let (bound, changed, bound_for) = match &args.bound {
        BoundChoice::Low => (Bound::Low, changed, None),
        BoundChoice::Best => (Bound::Best, changed, None),
        BoundChoice::High => (Bound::High, changed, None),
        BoundChoice::WorstFor(state) | BoundChoice::BestFor(state) => {
            let lean = if matches!(args.bound, BoundChoice::WorstFor(_)) {
                lab::bounds::Lean::Worst
            } else {
                lab::bounds::Lean::Best
            };
            let (s, b) = bound_for(&changed, state, lean, &alerts, search)?;
            (Bound::Best, s, Some(b))
        }
    };
    let scenario = &changed;

    if let Some(grid) = &args.grid {
        if args.format != Format::Csv {
            return Err(bad("--grid writes CSV only: add --format csv"));
        }
        if args.step == 0 || args.max_warheads == 0 {
            return Err(bad("--step and --max-warheads must be positive"));
        }
        let side = u64::from(args.max_warheads / args.step) + 1;
        if side * side > 10_000_000 {
            return Err(bad(format!(
                "--max-warheads {} with --step {} makes {} grid cells; at most 10,000,000: raise --step",
                args.max_warheads,
                args.step,
                side * side
            )));
        }
        if args.alert == AlertChoice::Both {
            return Err(bad("--grid needs one alert state: --alert day-to-day or --alert generated"));
        }
        let (a, b) = pair(grid, "--grid")?;
        let (ia, ib, rivalry) = find_pair(scenario, &a, &b).map_err(|e| bad(e.to_string()))?;
        let distance = rivalry.distance_km.at(bound);
        let side = |i| Side::from_state(&scenario.states[i], alerts[0], distance, &scenario.exchange, bound);
        let setup = GridSetup::new(side(ia), side(ib), scenario, bound).map_err(|e| bad(e.to_string()))?;
        let axis: Vec<f64> = (0..=args.max_warheads / args.step).map(|k| f64::from(k * args.step)).collect();
        let (a, b) = (&scenario.states[ia].iso3, &scenario.states[ib].iso3);
        // Streamed a block of rows at a time: each block's rows are computed and formatted in
        // parallel and written in order, so memory stays flat in the grid's size and the bytes
        // are those of one serial pass.
        print!("{}", report::csv::grid_header(a, b));
        for block in axis.chunks(GRID_BLOCK_ROWS) {
            let texts: Vec<String> = block
                .par_iter()
                .map_init(GridScratch::default, |scratch, &na| {
                    report::csv::grid_rows(a, b, &setup.row(na, &axis, scratch))
                })
                .collect();
            print!("{}", texts.concat());
        }
        return Ok(());
    }

    let pairs = match &args.pair {
        Some(p) => {
            let (a, b) = pair(p, "--pair")?;
            let (ia, ib, r) = find_pair(scenario, &a, &b).map_err(|e| bad(e.to_string()))?;
            vec![(ia, ib, r)]
        }
        None => rival_pairs(scenario),
    };
    // Pairs in which neither side holds weapons: every number is zero; hidden unless --all
    // (or the pair was asked for by name).
    let total = pairs.len();
    let pairs: Vec<_> = if args.all || args.pair.is_some() {
        pairs
    } else {
        pairs.into_iter().filter(|(ia, ib, _)| armed(&scenario.states[*ia]) || armed(&scenario.states[*ib])).collect()
    };
    let unarmed_pairs_hidden = total - pairs.len();
    let mut results = Vec::with_capacity(pairs.len());
    for (ia, ib, r) in pairs {
        let analysed = analyse_pair(scenario, ia, ib, r.distance_km.at(bound), &alerts, bound, search)
            .map_err(|e| bad(format!("{}: {e}", loaded.origin)))?;
        results.push(analysed);
    }
    let report = report::StabilityReport {
        provenance: provenance(&loaded),
        title: scenario.scenario.title.clone(),
        constants: Constants::new(scenario, bound, search),
        inputs: overrides,
        pairs: results,
        bound_for,
        unarmed_pairs_hidden,
    };
    let text = match args.format {
        Format::Table => report::table::stability(&report),
        Format::Json => report::json::stability(&report),
        Format::Csv => report::csv::stability(&report),
    };
    print!("{text}");
    Ok(())
}

/// Whether a state holds nuclear weapons: any force element with warheads.
fn armed(state: &model::State) -> bool {
    state.forces.iter().any(|f| f.launchers.high * f.warheads_per_launcher.high > 0.0)
}

/// `--bound worst-for=STATE` / `best-for=STATE`: the scenario with every uncertain input that
/// moves STATE's second strike at the end of its range worse / better for it. The score is the
/// sum, over STATE's rival pairs and the alert states asked for, of its second-strike adequacy
/// after the rival's best first strike.
fn bound_for(
    scenario: &model::Scenario,
    state: &str,
    lean: lab::bounds::Lean,
    alerts: &[Alert],
    search: StopSearch,
) -> anyhow::Result<(model::Scenario, report::BoundFor)> {
    let i = scenario.state_index(state).ok_or_else(|| bad(format!("--bound: no state `{state}` in the scenario")))?;
    let iso3 = scenario.states[i].iso3.clone();
    if !rival_pairs(scenario).iter().any(|(a, b, _)| *a == i || *b == i) {
        return Err(bad(format!("--bound: {iso3} has no rivals in this scenario, so no second strike to weigh")));
    }
    let score = |s: &model::Scenario| -> f64 {
        let Some(me) = s.state_index(&iso3) else { return 0.0 };
        let mut total = 0.0;
        for (a, b, r) in rival_pairs(s).into_iter().filter(|(a, b, _)| *a == me || *b == me) {
            let Ok(p) = analyse_pair(s, a, b, r.distance_km.best, alerts, Bound::Best, search) else { continue };
            for d in &p.results {
                // The adequacy of `state`'s retaliation after the rival strikes first.
                let x = if a == me { d.b_strikes.adequacy } else { d.a_strikes.adequacy };
                if x.is_finite() {
                    total += x;
                }
            }
        }
        total
    };
    let (changed, chosen) =
        lab::bounds::for_state(scenario, &iso3, lean, &score).map_err(|e| bad(format!("--bound: {e}")))?;
    let inputs = chosen
        .into_iter()
        .map(|c| report::FixedInput { path: c.path, end: if c.low { "low" } else { "high" }, value: c.value })
        .collect();
    let lean = match lean {
        lab::bounds::Lean::Worst => "worst",
        lab::bounds::Lean::Best => "best",
    };
    Ok((changed, report::BoundFor { lean, state: iso3, inputs }))
}
