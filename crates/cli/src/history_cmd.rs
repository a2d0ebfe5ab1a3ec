//! `deterrence data panel | import icb` and `deterrence validate`: the historical record.

use crate::args::{PanelUnit, TextFormat};
use crate::input::{bad, load};
use history::record::Record;

fn record() -> anyhow::Result<Record> {
    Record::builtin().map_err(|e| anyhow::anyhow!("the built-in record is invalid: {e}"))
}

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

/// `deterrence data panel`.
pub fn panel(unit: PanelUnit, from: i32, to: i32, directed: bool) -> anyhow::Result<()> {
    if from > to {
        return Err(bad(format!("--from {from} is after --to {to}")));
    }
    if !(1945..=2025).contains(&from) || !(1945..=2025).contains(&to) {
        return Err(bad("the record covers 1945–2025: --from and --to must lie within it"));
    }
    if directed && unit == PanelUnit::StateYear {
        return Err(bad("--directed applies to --unit dyad-year"));
    }
    let r = record()?;
    let mut w = csv::Writer::from_writer(Vec::new());
    match unit {
        PanelUnit::StateYear => {
            w.write_record([
                "ccode",
                "iso3",
                "statenme",
                "year",
                "nuclear_status",
                "programme_stage",
                "warheads",
                "npt_status",
            ])?;
            for s in history::panel::state_years(&r, from, to) {
                w.write_record([
                    s.ccode.to_string(),
                    s.iso3,
                    s.name,
                    s.year.to_string(),
                    s.nuclear_status.into(),
                    s.programme_stage.to_string(),
                    opt(s.warheads),
                    s.npt_status.into(),
                ])?;
            }
        }
        PanelUnit::DyadYear => {
            w.write_record([
                "ccode1",
                "ccode2",
                "year",
                "iso3_1",
                "iso3_2",
                "nuclear_status1",
                "nuclear_status2",
                "warheads1",
                "warheads2",
                "npt_status1",
                "npt_status2",
                "both_armed",
            ])?;
            for d in history::panel::dyad_years(&r, from, to, directed) {
                w.write_record([
                    d.ccode1.to_string(),
                    d.ccode2.to_string(),
                    d.year.to_string(),
                    d.iso3_1,
                    d.iso3_2,
                    d.nuclear_status1.into(),
                    d.nuclear_status2.into(),
                    opt(d.warheads1),
                    opt(d.warheads2),
                    d.npt_status1.into(),
                    d.npt_status2.into(),
                    u8::from(d.both_armed).to_string(),
                ])?;
            }
        }
    }
    print!("{}", String::from_utf8_lossy(&w.into_inner()?));
    Ok(())
}

/// The replay of history-1945, prepared (its own settings, no overrides).
fn replay(runs: u32) -> anyhow::Result<lab::Prepared> {
    if runs == 0 {
        return Err(bad("--runs must be at least 1"));
    }
    let loaded = load("history-1945")?;
    lab::RunRequest::default().prepare(&loaded.scenario).map_err(|e| bad(e.to_string()))
}

/// `deterrence validate`: the scorecard of the replay at history-1945's own settings, or under
/// `--lens`, `--param` and a calibration's `--posterior` (each run its particle's replay); the
/// printed header and the JSON document name them.
pub fn validate(args: crate::args::ValidateArgs) -> anyhow::Result<()> {
    /// What the replays ran under (`conditions` of the JSON document).
    #[derive(serde::Serialize)]
    struct Conditions {
        lenses: Vec<String>,
        overrides: Vec<String>,
        posterior: Option<experiment::draws::PosteriorSource>,
    }
    #[derive(serde::Serialize)]
    struct Document<'a> {
        conditions: Conditions,
        #[serde(flatten)]
        validation: &'a history::validate::Validation,
    }
    let (runs, seed) = (args.runs, args.seed);
    let r = record()?;
    let replay = replay(runs)?;
    let mut overrides = Vec::new();
    for t in &args.params {
        overrides.push(lab::Override::parse(lab::Kind::Parameter, t).map_err(|e| bad(format!("--param {e}")))?);
    }
    let request = lab::RunRequest {
        lenses: (!args.lens.is_empty()).then(|| args.lens.iter().map(|&l| l.into()).collect()),
        overrides,
        ..lab::RunRequest::default()
    };
    let posterior = args.posterior.as_deref().map(crate::forecast::read_posterior).transpose()?;
    let default = request == lab::RunRequest::default() && posterior.is_none();
    let v = if default {
        history::validate::validate(&replay.scenario, &replay.resolved, &r, runs, seed)
    } else {
        let worlds = experiment::draws::Worlds::new(
            &replay.scenario,
            &request,
            posterior.as_ref().map(|(p, _)| p),
            seed,
            u64::from(runs),
        )
        .map_err(|e| bad(format!("validate: {e}")))?;
        let recorder = history::validate::state_recorder();
        let sims = lab::Executor::new(seed)
            .run_with(&worlds.jobs(), |_, job| {
                let (out, series) = recorder.run(job.template, seed, job.run);
                history::validate::run_targets(&out.years, &history::validate::state_years(&series.states))
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        history::validate::scorecard(&r, runs, seed, &sims)
    };
    let lenses = match &request.lenses {
        Some(l) => l.iter().map(|l| l.as_str().to_owned()).collect(),
        None => replay.resolved.lenses.iter().map(|l| l.as_str().to_owned()).collect(),
    };
    let conditions = Conditions {
        lenses,
        overrides: request.overrides.iter().map(|o| format!("{}={}", o.target.name(), o.value)).collect(),
        posterior: posterior.map(|(_, s)| s),
    };
    match args.format {
        TextFormat::Json => {
            print!("{}", report::json::render("validation", &Document { conditions, validation: &v }));
        }
        TextFormat::Table => {
            let lenses = if conditions.lenses.is_empty() { "none".to_owned() } else { conditions.lenses.join(", ") };
            let what_if =
                if conditions.overrides.is_empty() { "none".to_owned() } else { conditions.overrides.join(", ") };
            let parameters = match &conditions.posterior {
                Some(p) => format!(
                    "drawn by weight from the posterior {} ({} particles of {}; FNV-1a {})",
                    p.origin,
                    p.particles,
                    p.names.join(", "),
                    p.hash
                ),
                None => "the defaults".to_owned(),
            };
            if !default {
                println!("Under lenses {lenses}; parameters set: {what_if}; other parameters: {parameters}");
            }
            print!("{}", report::table::validation(&v));
        }
    }
    Ok(())
}

/// `deterrence data force-cost`: the cost of the use of force estimated from ICB's crises
/// without nuclear-armed actors, and the engine's default beside it.
pub fn force_cost(runs: u32, seed: u64) -> anyhow::Result<()> {
    let replay = replay(runs)?;
    let e = history::force::estimate_force_cost(&replay.scenario, &replay.resolved, runs, seed)
        .ok_or_else(|| anyhow::anyhow!("data/icb_violence.csv has no row for crises without nuclear-armed actors"))?;
    let p = engine::params::Params::default();
    let (from, to) = e.years;
    println!("Cost of the use of force (`force_cost`) from ICB v14 crises without a nuclear-armed actor, {from}–{to}");
    println!();
    println!(
        "ICB: {} of {} crises without violence: share {:.3}, 90% Wilson interval [{:.3}, {:.3}] (data/icb_violence.csv)",
        e.non_violent, e.crises, e.share.0, e.share.1, e.share.2
    );
    println!(
        "Estimate: {:.3}, 90% interval [{:.3}, {:.3}] (the costs at the interval's ends); engine default {}",
        e.cost.0, e.cost.1, e.cost.2, p.force_cost
    );
    println!();
    println!(
        "Simulated moments: the cost at which {} replays of history-1945 (seed {}) keep the same share of their crises between two unarmed sides, {from}–{to}, at the crisis rung (bisection, common random numbers). Crises between armed states are left out: the validation scores them (`no_violence_share_armed`). Parameter `force_cost` (docs/model.md).",
        e.runs, e.seed
    );
    Ok(())
}

/// `deterrence data crisis-rate`: the crisis onset rate estimated from the rivalries' ICB
/// crises, and the engine's default beside it; with `icb`, the rivalries' crises in that file.
pub fn crisis_rate(runs: u64, seed: u64, icb: Option<&std::path::Path>) -> anyhow::Result<()> {
    let replay = replay(1)?;
    if let Some(path) = icb {
        let text = lab::scenario::read_utf8(path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
        let rows =
            history::onset::from_icb(&text, &replay.scenario).map_err(|e| bad(format!("{}: {e}", path.display())))?;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["state_a", "state_b", "crisno", "year", "crisis", "link"])?;
        for r in rows {
            w.write_record([r.state_a, r.state_b, r.crisno.to_string(), r.year.to_string(), r.crisis, r.link])?;
        }
        print!("{}", String::from_utf8_lossy(&w.into_inner()?));
        return Ok(());
    }
    let r = record()?;
    let e = history::onset::estimate(&replay.scenario, &replay.resolved, &r.programmes, runs, seed)
        .ok_or_else(|| anyhow::anyhow!("data/rivalry_crises.csv gives no crisis-year and quiet year to fit"))?;
    let p = engine::params::Params::default();
    let (from, to) = (history::onset::FIRST_YEAR, history::onset::LAST_YEAR);
    println!("Crisis onset rate (`crisis_base_rate`) from the ICB v14 crises of history-1945's rivalries, {from}–{to}");
    println!();
    println!("{:<10} {:>12} {:>10} {:>9} {:>11}", "rivalry", "crisis-years", "dyad-years", "exposure", "crises/exp");
    for (pair, k, n, x) in &e.by_rivalry {
        let ratio = if *x > 0.0 { format!("{:.3}", f64::from(*k) / x) } else { "-".into() };
        println!("{:<10} {:>12} {:>10} {:>9.1} {:>11}", format!("{}-{}", pair[0], pair[1]), k, n, x, ratio);
    }
    let f = &e.fit;
    println!();
    println!(
        "Estimate: {:.4} (s.e. {:.4}), 90% interval [{:.4}, {:.4}]; {} crisis-years in {} active dyad-years, exposure {:.1}; engine default {}",
        f.rate, f.se, f.interval.0, f.interval.1, f.crisis_years, f.dyad_years, f.exposure, p.crisis_base_rate
    );
    println!();
    println!(
        "Maximum likelihood: a dyad-year has a crisis with probability 1 - exp(-rate x exposure), the exposure being the engine's onset rate per unit of base rate (intensity, stakes, programme, power-shift and stability-instability factors) averaged over {} replays of history-1945 whose statuses follow the record (seed {}). Crises: data/rivalry_crises.csv. Parameter `crisis_base_rate` (docs/model.md).",
        e.runs, e.seed
    );
    Ok(())
}

/// `deterrence data import icb PATH`.
pub fn import_icb(path: &std::path::Path, runs: u32, seed: u64, format: TextFormat) -> anyhow::Result<()> {
    let text = lab::scenario::read_utf8(path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
    let replay = replay(runs)?;
    let c = history::icb::compare(&text, &path.display().to_string(), &replay.template, runs, seed)
        .map_err(|e| bad(format!("{}: {e}", path.display())))?;
    match format {
        TextFormat::Json => print!("{}", report::json::render("icb-escalation", &c)),
        TextFormat::Table => print!("{}", report::table::icb(&c)),
    }
    Ok(())
}

/// `deterrence data production`: each state's build-up in the FAS stockpile series, the
/// production capacity estimated from it, and the history-1945 scenario's input beside it.
pub fn production() -> anyhow::Result<()> {
    let record =
        history::record::Record::builtin().map_err(|e| anyhow::anyhow!("the built-in record is invalid: {e}"))?;
    let b = model::builtin::get("history-1945").ok_or_else(|| anyhow::anyhow!("history-1945 is not built in"))?;
    let scenario = model::parse_scenario(b.text, b.path).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "Warhead production capacity from the FAS stockpile series (data/inventories.csv, {}): average yearly growth over the build-up",
        history::production::SERIES
    );
    println!();
    println!(
        "{:<6} {:>9} {:>9} {:>9} {:>10} {:>21} {:>14}",
        "state", "first", "peak", "peak size", "estimate", "range (5-year rates)", "history-1945"
    );
    for s in &scenario.states {
        let Some(u) = history::production::build_up(&record, &s.iso3) else { continue };
        let input = s.production_warheads_per_year.map_or("-".to_owned(), |e| format!("{}", e.best));
        println!(
            "{:<6} {:>9} {:>9} {:>9} {:>10.1} {:>21} {:>14}",
            s.iso3,
            u.first_year,
            u.peak_year,
            u.peak,
            u.rate,
            format!("[{:.1}, {:.1}]", u.low, u.high),
            input
        );
    }
    println!();
    println!(
        "Estimate: (peak - first stockpile above zero) / years between; the build-up ends in the first year of the series' maximum. Range: the slowest and fastest mean yearly growth over the {}-year windows inside the build-up. Scenario input `production_warheads_per_year` (docs/scenarios.md, source estimate-h45-production).",
        history::production::WINDOW_YEARS
    );
    Ok(())
}

/// `deterrence data fissile`: each state's fissile-material series from data/fissile.csv, the
/// warheads it supports at the engine's per-warhead masses, and the year in which the FAS
/// stockpile came closest to that bound.
/// `deterrence data nonstrategic`: the non-strategic series and the theatre coefficient fitted
/// on the whole record, the Cold War (to 1990) and after it, with each observation's ratio.
pub fn nonstrategic() -> anyhow::Result<()> {
    let rows = history::nonstrategic::rows().map_err(|e| anyhow::anyhow!("data/nonstrategic.csv is invalid: {e}"))?;
    let scenario = load("history-1945")?.scenario;
    let record = record()?;
    println!(
        "Non-strategic warheads (data/nonstrategic.csv; `stockpile` = all assigned to forces, `deployed` = deployed in Europe only)"
    );
    println!();
    println!("{:<6} {:>6} {:>9} {:>15} {:<10} {:<9}", "state", "year", "warheads", "range", "measure", "flag");
    for r in &rows {
        let range = match (r.low, r.high) {
            (Some(l), Some(h)) => format!("{l:.0}–{h:.0}"),
            _ => "-".to_string(),
        };
        println!("{:<6} {:>6} {:>9.0} {:>15} {:<10} {:<9}", r.iso3, r.year, r.warheads, range, r.measure, r.flag);
    }
    println!();
    println!(
        "Theatre requirement, ln N = ln c + ln P (least squares over `stockpile` rows; P = the rival coalition's conventional power in history-1945, leading power 1, counted while one of the state's rivals is armed):"
    );
    println!();
    println!("{:<12} {:>7} {:>10} {:>10}   observations (N / P)", "years", "points", "c", "se");
    for (label, years) in [("1945–2025", 1945..=2025), ("1945–1990", 1945..=1990), ("1991–2025", 1991..=2025)] {
        let armed = |j: &str, y: i32| history::nonstrategic::armed_in(&record.inventories, j, y);
        match history::nonstrategic::estimate(&scenario, &rows, years, armed) {
            Ok(fit) => {
                let ratios: Vec<String> =
                    fit.points.iter().map(|p| format!("{} {} {:.0}", p.iso3, p.year, p.warheads / p.power)).collect();
                println!(
                    "{label:<12} {:>7} {:>10.0} {:>10.0}   {}",
                    fit.points.len(),
                    fit.c,
                    fit.se,
                    ratios.join(", ")
                );
            }
            Err(e) => println!("{label:<12} {e}"),
        }
    }
    println!();
    println!(
        "One coefficient fits the record only if the ratios agree across eras; the engine holds the coefficient before 1991 (`theatre_warheads_per_power`) and the share of it after (`theatre_restraint_factor`): docs/model.md, process 4."
    );
    Ok(())
}

pub fn fissile() -> anyhow::Result<()> {
    let record =
        history::record::Record::builtin().map_err(|e| anyhow::anyhow!("the built-in record is invalid: {e}"))?;
    let rows = history::fissile::rows().map_err(|e| anyhow::anyhow!("data/fissile.csv is invalid: {e}"))?;
    let p = engine::params::Params::default();
    let (pu_kg, heu_kg) = (p.plutonium_per_warhead_kg, p.heu_per_warhead_kg);
    println!(
        "Fissile material produced (data/fissile.csv) and the warheads it supports: 1000 x (Pu / {pu_kg} kg + HEU / {heu_kg} kg)"
    );
    println!();
    println!("{:<6} {:>6} {:>14} {:>10} {:>10}", "state", "year", "plutonium (t)", "HEU (t)", "warheads");
    let mut states: Vec<&str> = rows.iter().map(|r| r.iso3.as_str()).collect();
    states.dedup();
    for iso3 in &states {
        let series = history::fissile::series(&rows, iso3);
        if series.is_empty() {
            println!("{iso3:<6} {:>6} {:>14} {:>10} {:>10}", "-", "-", "-", "no bound (unknown totals)");
        }
        for f in &series {
            let bound = engine::arsenal::warheads_supported(f.plutonium_tonnes.best, f.heu_tonnes.best, pu_kg, heu_kg)
                .unwrap_or(f64::INFINITY);
            println!(
                "{iso3:<6} {:>6} {:>14.1} {:>10.1} {:>10.0}",
                f.year, f.plutonium_tonnes.best, f.heu_tonnes.best, bound
            );
        }
    }
    println!();
    println!("Closest approach of the FAS stockpile (data/inventories.csv) to the bound:");
    println!();
    println!(
        "{:<6} {:>6} {:>14} {:>10} {:>10} {:>10} {:>8}",
        "state", "year", "plutonium (t)", "HEU (t)", "bound", "stockpile", "ratio"
    );
    for iso3 in &states {
        let Some(h) = history::fissile::headroom(&record, &rows, iso3, pu_kg, heu_kg) else { continue };
        println!(
            "{:<6} {:>6} {:>14.1} {:>10.1} {:>10.0} {:>10.0} {:>8.2}",
            h.iso3, h.year, h.plutonium, h.heu, h.bound, h.stockpile, h.ratio
        );
    }
    println!();
    println!(
        "Material is linear between dated totals and held after the last; a ratio above 1 means the record stays within the bound, and both per-warhead masses could grow by that factor before it would not (docs/model.md, \"Fissile material\")."
    );
    Ok(())
}

/// `deterrence data hazards`: the programme transition rates of the record and the engine's
/// defaults beside them.
pub fn hazards() -> anyhow::Result<()> {
    let record =
        history::record::Record::builtin().map_err(|e| anyhow::anyhow!("the built-in record is invalid: {e}"))?;
    let h = history::hazards::programme_hazards(&record.programmes)
        .ok_or_else(|| anyhow::anyhow!("the record holds no programme exposure"))?;
    let p = engine::params::Params::default();
    println!(
        "Programme transitions in data/programmes.csv (Bleek 2017), spells open in {} censored there",
        history::hazards::CENSOR_YEAR
    );
    println!();
    println!(
        "{:<34} {:>8} {:>10} {:>9} {:>17} {:>15}",
        "transition", "events", "exposure", "estimate", "90% interval", "engine default"
    );
    let row = |name: &str, events: u64, exposure: String, (est, lo, hi): (f64, f64, f64), default: f64| {
        println!(
            "{name:<34} {events:>8} {exposure:>10} {est:>9.4} {:>17} {default:>15}",
            format!("[{lo:.4}, {hi:.4}]")
        );
    };
    let exits = h.to_pursuit + h.stopped_exploring;
    row(
        "leave exploration (per year)",
        exits,
        format!("{} y", h.explore_years),
        h.explore_exit_rate,
        p.explore_exit_rate,
    );
    row(
        "share of exits to pursuit",
        h.to_pursuit,
        format!("{exits} exits"),
        h.pursue_share,
        p.programme_reference_willingness,
    );
    row(
        "stop a pursuit (per year)",
        h.stopped_pursuing,
        format!("{} y", h.pursuit_years),
        h.pursuit_stop_rate,
        p.pursuit_stop_rate,
    );
    println!();
    println!(
        "{} pursuits ended in a weapon, {} stopped. Rates: maximum likelihood (events / exposure), exact Garwood intervals; share: Wilson interval. Parameters `explore_exit_rate`, `programme_reference_willingness`, `pursuit_stop_rate` (docs/model.md).",
        h.acquired, h.stopped_pursuing
    );
    Ok(())
}

/// `deterrence data willingness`: the willingness index fitted to the record's programmes, and
/// the engine's defaults beside the estimates, and the onset shift estimated with it and tested
/// against 0; with `shock`, the profile likelihood of the shock window and the test of the
/// shock's coefficient.
pub fn willingness(runs: u64, seed: u64, profile: bool, aggregation: bool, shock: bool) -> anyhow::Result<()> {
    let record = record()?;
    let replay = replay(1)?;
    let observations =
        history::willingness::observations(&replay.scenario, &replay.resolved, &record.programmes, runs, seed);
    let fit = history::willingness::fit(&replay.resolved.params, &observations, runs)
        .ok_or_else(|| anyhow::anyhow!("the record does not identify every coefficient (singular information)"))?;
    let defaults = engine::params::Params::default();
    println!(
        "Willingness index fitted to data/programmes.csv (Bleek 2017), {}–{}, covariates from {} replays of history-1945 along the recorded path (seed {seed})",
        history::willingness::FIRST_YEAR,
        history::hazards::CENSOR_YEAR,
        fit.runs
    );
    println!();
    println!("{:<24} {:>10} {:>9} {:>21} {:>15}", "parameter", "estimate", "std err", "90% interval", "engine default");
    print_estimates(&fit.estimates, &defaults);
    // Giving up weapons, at the adopted index: the fit with the shock if the likelihood ratio
    // rejects a shock coefficient of 0 at 5 %, else the nested fit with it held at 0.
    let shock_test =
        history::willingness::likelihood_ratio(&replay.resolved.params, &observations, &fit, "willingness_shock");
    let shock_adopted = shock_test.is_some_and(|lr| lr.p_value < 0.05);
    let adopted = if shock_adopted {
        fit.clone()
    } else {
        history::willingness::fit_held(&replay.resolved.params, &observations, runs, &["willingness_shock"])
            .ok_or_else(|| anyhow::anyhow!("the nested fit (willingness_shock held at 0) failed"))?
    };
    // The onset shift, estimated jointly with the adopted index and adopted (every estimate as
    // refitted) if the likelihood ratio rejects a shift of 0 at 5 %.
    let held: &[&str] = if shock_adopted { &[] } else { &["willingness_shock"] };
    let shift = history::willingness::fit_onset_shift(&replay.resolved.params, &observations, runs, held)
        .ok_or_else(|| anyhow::anyhow!("the fit with the onset shift failed"))?;
    let onset_adopted = shift.test.p_value < 0.05;
    let adopted = if onset_adopted { shift.fit.clone() } else { adopted };
    let mut fitted = replay.resolved.params.clone();
    for e in &adopted.estimates {
        fitted.set(e.name, e.value).map_err(|e| anyhow::anyhow!("the fitted index is out of its domain: {e}"))?;
    }
    let armed: Vec<&history::willingness::Observation> =
        observations.iter().filter(|o| o.risk == history::willingness::Risk::ArmedYear).collect();
    let gave_up = armed.iter().filter(|o| o.event).count();
    match history::willingness::fit_arsenal_reversal(&fitted, &observations) {
        Some(e) => println!(
            "{:<24} {:>10.6} {:>9.6} {:>21} {:>15}",
            e.name,
            e.value,
            e.se,
            format!("[{:.4}, {:.4}]", e.interval.0, e.interval.1),
            defaults.arsenal_reversal_rate
        ),
        None => println!("arsenal_reversal_rate: not identified (no armed state gave up its weapons in the record)"),
    }
    let [onset, exit, pursuit] = fit.counts;
    println!();
    println!(
        "Likelihood-ratio tests against 0 (the rest refitted; p = ½ P(χ²₁ > LR), 0 being the boundary: Self & Liang 1987):"
    );
    for e in fit.estimates.iter().filter(|e| e.value > 0.0) {
        if let Some(lr) = history::willingness::likelihood_ratio(&replay.resolved.params, &observations, &fit, e.name) {
            println!("  {:<24} LR {:>7.2}  p {:.3}", e.name, lr.statistic, lr.p_value);
        }
    }
    println!();
    println!(
        "Trials: {} state-years without a programme ({} explorations began), {} exits from exploration ({} to pursuit), {} years of pursuit ({} stopped). Log-likelihood {:.3}. Wald standard errors from the observed information; the intercept, coefficients and explore_hazard are the engine's parameters of the same names (docs/model.md). arsenal_reversal_rate is fitted separately, on {} armed state-years ({} gave up its weapons), at the adopted index.",
        onset.0,
        onset.1,
        exit.0,
        exit.1,
        pursuit.0,
        pursuit.1,
        fit.log_likelihood,
        armed.len(),
        gave_up
    );
    if !shock_adopted {
        println!();
        println!(
            "willingness_shock is not significant at 5 % (likelihood ratio above), so the engine's index is the nested fit with it held at 0 (log-likelihood {:.3}; `--shock` prints it); arsenal_reversal_rate above is fitted at that index.",
            adopted.log_likelihood
        );
    }
    println!();
    println!(
        "Onset shift (onset probability explore_hazard × logistic(index + onset_shift), estimated with the {} index): onset_shift {:.4} (std err {:.4}; engine default {}), log-likelihood {:.3} against {:.3} with it held at 0: likelihood ratio {:.2}, p = P(χ²₁ > LR) = {:.3}: {}. The joint fit:",
        if shock_adopted { "full" } else { "adopted (willingness_shock held at 0)" },
        shift.fit.estimates.last().map_or(f64::NAN, |e| e.value),
        shift.fit.estimates.last().map_or(f64::NAN, |e| e.se),
        defaults.onset_shift,
        shift.fit.log_likelihood,
        shift.nested.log_likelihood,
        shift.test.statistic,
        shift.test.p_value,
        if onset_adopted {
            "significant at 5 %, so the engine's index is the joint fit"
        } else {
            "not significant at 5 %, so the engine keeps the shift at 0 and the nested estimates"
        }
    );
    print_estimates(&shift.fit.estimates, &defaults);
    if profile {
        let (values, se, ll) =
            history::willingness::profile(&replay.scenario, &replay.resolved, &record.programmes, runs, seed)
                .ok_or_else(|| anyhow::anyhow!("the profile likelihood has no maximum in [0, 1]²"))?;
        println!();
        println!("{:<24} {:>10} {:>9} {:>15}", "profiled parameter", "estimate", "std err", "engine default");
        for (k, name) in history::willingness::PROFILED.iter().enumerate() {
            println!("{name:<24} {:>10.4} {:>9.4} {:>15}", values[k], se[k], defaults.get(name).unwrap_or(f64::NAN));
        }
        println!();
        println!(
            "Profile log-likelihood {ll:.3} at its maximum (each point replays the record's path with those values and refits the index); standard errors from its curvature."
        );
    }
    if shock {
        let s = history::willingness::shock_window_profile(
            &replay.scenario,
            &replay.resolved,
            &record.programmes,
            runs,
            seed,
        )
        .ok_or_else(|| anyhow::anyhow!("the profile likelihood of shock_window_years failed at a grid point"))?;
        println!();
        println!("Profile log-likelihood of shock_window_years (D; the index refitted at each point):");
        for (window, ll, coefficient) in &s.points {
            println!("  D {window:>4.0}  {ll:>10.3}  willingness_shock {coefficient:>8.4}");
        }
        let estimate = s.fit.estimates.iter().find(|e| e.name == "willingness_shock").map_or(f64::NAN, |e| e.value);
        let se = s.fit.estimates.iter().find(|e| e.name == "willingness_shock").map_or(f64::NAN, |e| e.se);
        let significant = s.test.p_value < 0.05;
        println!();
        println!(
            "shock_window_years {} (engine default {}); willingness_shock {:.4} (std err {:.4}; engine default {}), log-likelihood {:.3} against {:.3} with it held at 0: likelihood ratio {:.2}, p = ½ P(χ²₁ > LR) = {:.3} (0 being the boundary: Self & Liang 1987; D maximised over, so p is a little optimistic): {}.",
            s.window,
            defaults.shock_window_years,
            estimate,
            se,
            defaults.willingness_shock,
            s.fit.log_likelihood,
            s.nested.log_likelihood,
            s.test.statistic,
            s.test.p_value,
            if significant {
                "significant at 5 %, so the engine's index is the fit with the shock"
            } else {
                "not significant at 5 %, so the engine's index is the nested fit, the shock held at 0"
            }
        );
        if !significant {
            println!();
            println!("The nested fit (willingness_shock held at 0, D = {}):", s.window);
            print_estimates(&s.nested.estimates, &defaults);
        }
    }
    if aggregation {
        let a = history::willingness::aggregation_profile(
            &replay.scenario,
            &replay.resolved,
            &record.programmes,
            runs,
            seed,
        )
        .ok_or_else(|| anyhow::anyhow!("the profile likelihood of threat_aggregation failed at a grid point"))?;
        println!();
        println!("Profile log-likelihood of threat_aggregation (κ; the index refitted at each point):");
        for (kappa, ll) in &a.points {
            println!("  κ {kappa:>4.2}  {ll:>10.3}");
        }
        println!();
        println!(
            "threat_aggregation {:.3} (log-likelihood {:.3}; engine default {}); likelihood ratio against κ = 0 (the worst rival alone) {:.2}, p = ½ P(χ²₁ > LR) = {:.3} (0 being the boundary: Self & Liang 1987): {}.",
            a.estimate,
            a.log_likelihood,
            defaults.threat_aggregation,
            a.test.statistic,
            a.test.p_value,
            if a.test.p_value < 0.05 { "significant at 5 %" } else { "not significant at 5 %" }
        );
    }
    Ok(())
}

/// `deterrence data durations`.
pub fn durations() -> anyhow::Result<()> {
    let record = record()?;
    let replay = replay(1)?;
    let histories =
        history::durations::record_histories(&replay.scenario, &replay.resolved, &record.programmes, &record.pursuits);
    let fit = history::durations::fit(&replay.resolved.params, &histories)
        .ok_or_else(|| anyhow::anyhow!("the record does not identify the duration model (singular information)"))?;
    let defaults = engine::params::Params::default();
    println!(
        "Pursuit-to-bomb durations fitted to data/pursuits.csv (Bleek 2017): {} pursuit histories, {} ended in a weapon, the rest censored (open spells at {}); covariates along the recorded path of history-1945",
        fit.counts.0,
        fit.counts.1,
        history::hazards::CENSOR_YEAR
    );
    println!();
    println!("{:<26} {:>10} {:>9} {:>21} {:>15}", "parameter", "estimate", "std err", "90% interval", "engine default");
    for e in &fit.estimates {
        let default = defaults.get(e.name).unwrap_or(f64::NAN);
        let interval =
            if e.se.is_nan() { "held at 0".to_owned() } else { format!("[{:.4}, {:.4}]", e.interval.0, e.interval.1) };
        println!("{:<26} {:>10.4} {:>9.4} {:>21} {:>15}", e.name, e.value, e.se, interval, default);
    }
    println!();
    println!("log-likelihood {:.3}", fit.log_likelihood);
    let names = ["latency", "assistance", "era after 1970"];
    for ((name, ll), free) in names.iter().zip(fit.without).zip(fit.unconstrained) {
        println!(
            "{name} effect: likelihood ratio {:.2} against 0 (log-likelihood without it {ll:.3}); unconstrained estimate {free:.4}",
            2.0 * (fit.log_likelihood - ll)
        );
    }
    Ok(())
}

/// `deterrence data supply`.
pub fn supply() -> anyhow::Result<()> {
    let record = record()?;
    let replay = replay(1)?;
    let s = history::supply::supply_rate(&replay.scenario, &replay.resolved, &record.programmes)
        .ok_or_else(|| anyhow::anyhow!("no supplier–recipient pair is eligible along the record's path"))?;
    let list =
        |v: &[(i32, String, String)]| v.iter().map(|(y, a, b)| format!("{a}→{b} {y}")).collect::<Vec<_>>().join(", ");
    println!(
        "Sensitive nuclear assistance by suppliers (Kroenig 2009: a shared enemy), along the recorded path of history-1945, {}–{}",
        history::willingness::FIRST_YEAR,
        history::hazards::CENSOR_YEAR
    );
    println!();
    println!("eligible pair-years at risk: {}", s.trials);
    println!("episodes on an eligible pair ({}): {}", s.events.len(), list(&s.events));
    println!("episodes outside the rule ({}): {}", s.outside.len(), list(&s.outside));
    let (rate, lo, hi) = s.rate;
    println!(
        "supply_rate: {rate:.4} a year, 90% interval [{lo:.4}, {hi:.4}]; engine default {}",
        engine::params::Params::default().supply_rate
    );
    Ok(())
}

/// `deterrence data strikes`.
pub fn strikes(runs: u32, seed: u64) -> anyhow::Result<()> {
    use history::strikes::{CHI2_90, CHI2_95, Counted};
    let record = record()?;
    let replay = replay(runs)?;
    let params = &replay.resolved.params;
    let (trials, recorded) = history::strikes::trials(
        &replay.scenario,
        &replay.resolved,
        &record.programmes,
        &record.preventive_strikes,
        u64::from(runs),
        seed,
    );
    let default = engine::params::Params::default();
    println!(
        "Preventive strikes (the engine's rule) along the recorded path of history-1945, {}–{} ({runs} replays, seed {seed})",
        history::strikes::FIRST_YEAR,
        history::strikes::LAST_YEAR
    );
    println!();
    let list = |c: Counted| {
        let v: Vec<String> = recorded.iter().filter(|r| r.3 == c).map(|(y, s, t, _)| format!("{s}→{t} {y}")).collect();
        format!("({}) {}", v.len(), v.join(", "))
    };
    println!("record: peacetime strikes on eligible pairs {}", list(Counted::Event));
    println!("        peacetime strikes outside the rule {}", list(Counted::Outside));
    println!("        strikes within a war, pair-year left out {}", list(Counted::InWar));
    println!("        not a military strike by a state {}", list(Counted::NotMilitary));
    let programmes: Vec<&history::strikes::Trial> = trials.iter().filter(|t| !t.young_arsenal()).collect();
    let p0 = engine::params::Params { preventive_size_effect: 0.0, ..params.clone() };
    let mean = |t: &history::strikes::Trial, p: &engine::params::Params| {
        t.exposures.iter().map(|x| x.value(p)).sum::<f64>() / t.exposures.len().max(1) as f64
    };
    println!(
        "programme pair-years: {} (exposure {:.2} without the size effect)",
        programmes.len(),
        programmes.iter().map(|t| mean(t, &p0)).sum::<f64>()
    );
    // Exposure by target, largest first.
    let mut by_target: Vec<(String, usize, f64, f64)> = Vec::new();
    for t in &programmes {
        let size = t.exposures.first().map_or(0.0, |x| x.target_size);
        match by_target.iter_mut().find(|r| r.0 == t.target) {
            Some(r) => {
                r.1 += 1;
                r.2 += mean(t, &p0);
            }
            None => by_target.push((t.target.clone(), 1, mean(t, &p0), size)),
        }
    }
    by_target.sort_by(|a, b| b.2.total_cmp(&a.2));
    println!("  by target (pair-years, exposure, conventional power):");
    for (t, n, x, size) in &by_target {
        println!("    {t:<4} {n:>4} {x:>8.3} {size:>6.3}");
    }
    let (without, with, lr) = history::strikes::size_test(params, &trials)
        .ok_or_else(|| anyhow::anyhow!("the record has no peacetime strike on an eligible pair"))?;
    println!();
    println!(
        "preventive_strike_rate without the size effect: {:.5}, 90% interval [{:.4}, {:.4}]; log-likelihood {:.3}",
        without.rate, without.interval.0, without.interval.1, without.log_likelihood
    );
    println!(
        "with the size effect (Debs & Monteiro 2014): rate {:.4} [{:.4}, {:.4}], preventive_size_effect {:.3} [{:.3}, {:.3}]; log-likelihood {:.3}",
        with.rate,
        with.interval.0,
        with.interval.1,
        with.size_effect,
        with.size_interval.0,
        with.size_interval.1,
        with.log_likelihood
    );
    let adopted = lr > CHI2_95;
    println!(
        "likelihood ratio of the size effect: {lr:.2} against χ²₁ 5% critical value {CHI2_95:.3}: {}",
        if adopted { "supported, adopted" } else { "not supported" }
    );
    let chosen = if adopted { with } else { without };
    let at = engine::params::Params {
        preventive_strike_rate: chosen.rate,
        preventive_size_effect: chosen.size_effect,
        ..params.clone()
    };
    let (exposure, n, k) = history::strikes::window_exposure(&at, &trials);
    println!();
    println!(
        "young-arsenal pair-years: {n} (exposure {exposure:.2} at multiplier 1), strikes {k}: window_strike_multiplier 0, one-sided 90% bound {:.3} (likelihood ratio {CHI2_90:.3})",
        history::strikes::window_upper_bound(chosen.rate, exposure)
    );
    println!();
    println!(
        "engine defaults: preventive_strike_rate {}, preventive_size_effect {}, window_strike_multiplier {} (organisational lens {})",
        default.preventive_strike_rate,
        default.preventive_size_effect,
        default.window_strike_multiplier,
        engine::params::with_lenses(default.clone(), &[model::Lens::Organisational]).window_strike_multiplier
    );
    Ok(())
}

/// `deterrence data timing`.
pub fn timing(runs: u32, seed: u64) -> anyhow::Result<()> {
    let record = record()?;
    let replay = replay(runs)?;
    let rows = history::timing::timing(&replay.scenario, &replay.resolved, &record.programmes, runs, seed);
    println!(
        "Proliferation stages in {runs} replays of history-1945 (seed {seed}) against Bleek 2017 (data/programmes.csv): share of runs reaching the stage by {}, median [10–90 % over those runs]",
        history::validate::LAST_YEAR
    );
    println!();
    let year = |y: Option<i32>| y.map_or("-".to_owned(), |y| y.to_string());
    let cell = |s: &history::timing::Spread| {
        if s.median.is_nan() {
            format!("{:>3.0}%", 100.0 * s.share)
        } else {
            format!("{:>3.0}% {:.0} [{:.0}–{:.0}]", 100.0 * s.share, s.median, s.q10, s.q90)
        }
    };
    let lag = |s: &history::timing::Spread| {
        if s.median.is_nan() { "-".to_owned() } else { format!("{:.0} [{:.0}–{:.0}]", s.median, s.q10, s.q90) }
    };
    println!(
        "{:<5} {:>17} {:>22} {:>22} {:>22} {:>14} {:>14}",
        "state", "record e/p/a", "onset", "pursuit", "acquisition", "onset→pursuit", "pursuit→bomb"
    );
    for t in rows.iter().filter(|t| t.record.0.is_some() || t.acquisition.share > 0.0) {
        let (e, p, a) = t.record;
        println!(
            "{:<5} {:>17} {:>22} {:>22} {:>22} {:>14} {:>14}",
            t.iso3,
            format!("{}/{}/{}", year(e), year(p), year(a)),
            cell(&t.onset),
            cell(&t.pursuit),
            cell(&t.acquisition),
            lag(&t.onset_to_pursuit),
            lag(&t.pursuit_to_acquisition)
        );
    }
    Ok(())
}

/// One row per estimate: name, estimate, standard error, 90 % interval and the engine's default.
fn print_estimates(estimates: &[history::Estimate], defaults: &engine::params::Params) {
    for e in estimates {
        println!(
            "{:<24} {:>10.4} {:>9.4} {:>21} {:>15}",
            e.name,
            e.value,
            e.se,
            format!("[{:.4}, {:.4}]", e.interval.0, e.interval.1),
            defaults.get(e.name).unwrap_or(f64::NAN)
        );
    }
}
