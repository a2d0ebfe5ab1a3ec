//! `deterrence stability`: every adversary pair's stability, or one pair's deterrence grid.

use crate::args::{AlertChoice, Format, StabilityArgs};
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
    let scenario = &changed;
    let bound: Bound = args.bound.into();
    let search = if args.exhaustive { StopSearch::Exhaustive } else { StopSearch::Fast };
    let alerts: Vec<Alert> = match args.alert {
        AlertChoice::DayToDay => vec![Alert::DayToDay],
        AlertChoice::Generated => vec![Alert::Generated],
        AlertChoice::Both => Alert::BOTH.to_vec(),
    };

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
    };
    let text = match args.format {
        Format::Table => report::table::stability(&report),
        Format::Json => report::json::stability(&report),
        Format::Csv => report::csv::stability(&report),
    };
    print!("{text}");
    Ok(())
}
