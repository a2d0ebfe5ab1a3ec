//! Crisis escalation by the number of nuclear-armed actors — the table of Asal & Beardsley
//! (2007, "Proliferation and International Crisis Behavior", *Journal of Peace Research*
//! 44(2)) — from the International Crisis Behavior actor-level data (v14) a user supplies, and
//! the same table from simulated crises.
//!
//! ICB codes each actor's nuclear capability (`nuclear`: 1 none, 2 foreseeable, 3 possesses,
//! 4 second-strike) and the severity of violence it experienced (`sevvio`: 1 none, 2 minor
//! clashes, 3 serious clashes, 4 full-scale war). A crisis's nuclear actors are those coded 3 or
//! 4; its violence is the most severe over its actors. Simulated crises map the escalation
//! ladder's conventional levels 1–4 (crisis, clashes, limited war, major war) onto the same
//! four codes — a correspondence, not an identity: limited war (≥ 1,000 battle deaths) may be
//! "serious clashes" in ICB's coding.

use serde::Serialize;

/// Errors reading ICB data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct IcbError(pub String);

/// One row of the escalation table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EscalationRow {
    /// Nuclear-armed actors in the crisis: "0", "1" or "2+".
    pub nuclear_actors: &'static str,
    /// Crises.
    pub crises: u32,
    /// Shares of crises by most severe violence: none, minor clashes, serious clashes, full war.
    pub violence_shares: [f64; 4],
}

/// Crises as (number of nuclear-armed actors, violence 1–4).
pub type CrisisObs = (u32, u8);

/// Reads the ICB actor-level file (icb2v14.csv): one observation per crisis.
pub fn read_actor_file(text: &str) -> Result<Vec<CrisisObs>, IcbError> {
    Ok(read_dated_actor_file(text)?.into_iter().map(|(_, n, v)| (n, v)).collect())
}

/// Reads the ICB actor-level file (icb2v14.csv) as one (year triggered, nuclear actors,
/// violence 1–4) per crisis, the year from its first actor row's `yrtrig` (`None` when blank).
pub fn read_dated_actor_file(text: &str) -> Result<Vec<(Option<i32>, u32, u8)>, IcbError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| IcbError(format!("cannot read the header: {e}")))?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name).ok_or_else(|| {
            IcbError(format!("column `{name}` not found: expected the ICB v14 actor-level file (icb2v14.csv)"))
        })
    };
    let (crisno, nuclear, sevvio, yrtrig) = (col("crisno")?, col("nuclear")?, col("sevvio")?, col("yrtrig")?);
    // (crisno, year, nuclear actors, max violence), in order of first appearance; `index` maps a
    // crisis number to its entry, so the pass is linear in the rows.
    let mut crises: Vec<(u32, Option<i32>, u32, u8)> = Vec::new();
    let mut index: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    let mut rows = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        // The physical line where the record starts (a quoted field may span lines).
        let line = reader.position().line() + 1;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(IcbError(format!("line {line}: {e}"))),
        }
        let line = record.position().map_or(line, |p| p.line());
        rows += 1;
        let id: u32 = record
            .get(crisno)
            .and_then(|x| x.trim().parse().ok())
            .ok_or_else(|| IcbError(format!("line {line}: bad `crisno` (expected a whole number)")))?;
        let nuc: Option<u8> = record.get(nuclear).and_then(|x| x.trim().parse().ok());
        let vio: Option<u8> = record.get(sevvio).and_then(|x| x.trim().parse().ok()).filter(|v| (1..=4).contains(v));
        let year: Option<i32> = record.get(yrtrig).and_then(|x| x.trim().parse().ok());
        let k = *index.entry(id).or_insert_with(|| {
            crises.push((id, year, 0, 0));
            crises.len() - 1
        });
        let entry = &mut crises[k];
        if nuc.is_some_and(|n| n >= 3) {
            entry.2 += 1;
        }
        if let Some(v) = vio {
            entry.3 = entry.3.max(v);
        }
    }
    if rows == 0 {
        return Err(IcbError(
            "the file has a header but no rows: expected the ICB v14 actor-level file (icb2v14.csv), one row per crisis actor"
                .into(),
        ));
    }
    Ok(crises.into_iter().filter(|c| c.3 > 0).map(|(_, y, n, v)| (y, n, v)).collect())
}

/// The escalation table of crisis observations.
pub fn escalation_table(obs: &[CrisisObs]) -> Vec<EscalationRow> {
    ["0", "1", "2+"]
        .into_iter()
        .map(|label| {
            let group: Vec<u8> = obs
                .iter()
                .filter(|(n, _)| match label {
                    "0" => *n == 0,
                    "1" => *n == 1,
                    _ => *n >= 2,
                })
                .map(|(_, v)| *v)
                .collect();
            let n = group.len() as f64;
            let mut shares = [0.0; 4];
            for v in &group {
                shares[usize::from(v - 1)] += 1.0;
            }
            if n > 0.0 {
                for s in &mut shares {
                    *s /= n;
                }
            }
            EscalationRow { nuclear_actors: label, crises: group.len() as u32, violence_shares: shares }
        })
        .collect()
}

/// Crisis observations from simulated dyad-year records (one per crisis).
pub fn simulated(dyad_years: &[engine::observe::DyadYearRecord]) -> Vec<CrisisObs> {
    dyad_years
        .iter()
        .filter(|d| d.crisis && d.max_conventional >= 1)
        .map(|d| (u32::from(d.armed1) + u32::from(d.armed2), d.max_conventional.min(4)))
        .collect()
}

/// Observed and simulated escalation side by side (`deterrence data import icb`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Where the observed crises came from (the file given).
    pub source: String,
    /// The observed table.
    pub observed: Vec<EscalationRow>,
    /// The simulated table.
    pub simulated: Vec<EscalationRow>,
    /// Replays of history-1945 simulated.
    pub simulated_runs: u32,
    /// Master seed of the replays.
    pub seed: u64,
}

/// Compares the ICB actor-level file `text` (named `source`) with `runs` replays of
/// `replay` from `seed`, run through the ensemble executor.
pub fn compare(
    text: &str,
    source: &str,
    replay: &engine::Template,
    runs: u32,
    seed: u64,
) -> Result<Comparison, IcbError> {
    let observed = read_actor_file(text)?;
    let simulated: Vec<CrisisObs> = lab::Executor::new(seed)
        .ensemble(replay, 0..u64::from(runs), |_, out| simulated(&out.dyad_years))
        .unwrap_or_else(|never| unreachable!("an ensemble without a cancellation flag finishes: {never}"))
        .into_iter()
        .flatten()
        .collect();
    Ok(Comparison {
        source: source.to_owned(),
        observed: escalation_table(&observed),
        simulated: escalation_table(&simulated),
        simulated_runs: runs,
        seed,
    })
}
