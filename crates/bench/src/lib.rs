//! Benchmarks of Deterrence Lab (run with `cargo bench -p deterrence-bench`).
//!
//! This crate is never a dependency of the others, so benchmark tooling never slows their
//! builds. Helpers here prepare the inputs the benchmarks time.

use exchange::{Alert, Side};
use model::{Bound, Scenario, builtin, parse_scenario};

/// The built-in default scenario, parsed.
pub fn world_2025() -> Scenario {
    let b = builtin::get(builtin::DEFAULT).expect("default scenario is built in");
    parse_scenario(b.text, b.path).expect("built-in scenario is valid")
}

/// Folds `bytes` into an FNV-1a 64-bit `checksum` (start from [`FNV_OFFSET`]): the examples'
/// check that two builds give identical outputs.
pub fn fnv1a(checksum: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(checksum, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The FNV-1a 64-bit offset basis, the checksum of no bytes.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Runs `scenario` `runs` times under `options` (master seed 1, runs 0 to `runs − 1`, one
/// thread, keeping year records and summaries) and returns the FNV-1a checksum of every run's
/// summary and year records, formatted.
pub fn checksum_runs(scenario: &Scenario, options: &engine::RunOptions, runs: u64) -> u64 {
    let resolved = engine::resolve(scenario, options).expect("valid");
    let template = engine::Template::new(scenario, &resolved);
    (0..runs).fold(FNV_OFFSET, |checksum, i| {
        let out = template.run_keeping(1, i, engine::Keep::YEARS);
        fnv1a(checksum, format!("{:?}{:?}", out.summary, out.years).as_bytes())
    })
}

/// Both sides of every rivalry of `scenario`, resolved for `alert`.
pub fn rival_sides(scenario: &Scenario, alert: Alert) -> Vec<(Side, Side)> {
    exchange::dyad::rival_pairs(scenario)
        .into_iter()
        .map(|(a, b, r)| {
            let d = r.distance_km.best;
            (
                Side::from_state(&scenario.states[a], alert, d, &scenario.exchange, Bound::Best),
                Side::from_state(&scenario.states[b], alert, d, &scenario.exchange, Bound::Best),
            )
        })
        .collect()
}

/// The (yield, CEP, hardness) grid of the kill-probability kernel benchmark and of
/// `tools/bench/sspk_numpy.py`: `n` values each, yields 1–1,000 kt, CEPs 50–500 m and hardness
/// 5–5,000 psi, evenly spaced on a log scale, yield slowest; reliability 0.8, one warhead.
pub fn kernel_grid(n: usize) -> Vec<exchange::batch::KillInput> {
    let axis = |lo: f64, hi: f64| -> Vec<f64> {
        (0..n).map(|k| lo * (hi / lo).powf(k as f64 / (n.max(2) - 1) as f64)).collect()
    };
    let (ys, cs, hs) = (axis(1.0, 1000.0), axis(50.0, 500.0), axis(5.0, 5000.0));
    let mut out = Vec::with_capacity(n * n * n);
    for &y in &ys {
        for &c in &cs {
            for &h in &hs {
                out.push(exchange::batch::KillInput {
                    yield_kt: y,
                    cep_m: c,
                    hardness_psi: h,
                    reliability: 0.8,
                    warheads: 1.0,
                });
            }
        }
    }
    out
}

/// The largest number of states [`replicated_world`] builds: world-2025's 45 and one fresh code
/// for each of the 676 codes `XAA`–`XZZ`.
pub const MAX_REPLICATED_STATES: usize = 45 + 26 * 26;

/// The ISO 3166-1 alpha-3 code of state `m` of a replicated world whose first block holds
/// `first` (world-2025's codes): the first block keeps its codes, the others take codes of
/// the range `XAA`–`XZZ`, which ISO 3166-1 leaves to users (no country has one), in order.
fn replica_code(m: usize, first: &[String]) -> String {
    if m < first.len() {
        return first[m].clone();
    }
    let q = m - first.len();
    let letter = |k: usize| char::from(b'A' + (k % 26) as u8);
    format!("X{}{}", letter(q / 26), letter(q))
}

/// World-2025 replicated to `n` states, for measuring how the engine's cost grows with the
/// number of states. The rule: state `m` (0 ≤ m < n) is world-2025's state `m mod 45` in block
/// `m / 45`. Block 0 is world-2025 itself; in block `b` ≥ 1 the states take the codes `XAA`,
/// `XAB`, … in order (a range ISO 3166-1 leaves to users), the Correlates of War number
/// 1000 + m, and their regions suffixed with `/b` (regional neighbours stay inside a block).
/// Every rivalry, alliance and scheduled event of world-2025 that names states is copied into
/// each block that holds all the states it names, with that block's codes; an event that names
/// no state (the regime shocks) is kept once. Blocks share no tie (only the regime, which every
/// state shares), so every state has the rivals, allies and neighbours it has in world-2025 (a
/// state of the last, partial block may lack some), and the density of rivalries and alliances
/// per state stays world-2025's. An error for `n` = 0 or above [`MAX_REPLICATED_STATES`].
pub fn replicated_world(n: usize) -> Result<Scenario, String> {
    let base = world_2025();
    let k = base.states.len();
    if n == 0 || n > k + 26 * 26 {
        return Err(format!("the number of states must be 1 to {}, got {n}", k + 26 * 26));
    }
    let codes: Vec<String> = base.states.iter().map(|s| s.iso3.clone()).collect();
    let index = |code: &str| codes.iter().position(|c| c == code);
    // The code in block `b` of world-2025's state `code`, if that copy is among the n states.
    let rename = |code: &str, b: usize| -> Option<String> {
        let m = b * k + index(code)?;
        (m < n).then(|| replica_code(m, &codes))
    };
    let blocks = n.div_ceil(k);
    let mut out = base.clone();
    out.scenario.name = format!("{}-replicated-{n}", base.scenario.name);
    out.states.clear();
    out.rivalries.clear();
    out.alliances.clear();
    out.events.clear();
    for m in 0..n {
        let (b, s) = (m / k, m % k);
        let mut state = base.states[s].clone();
        state.iso3 = replica_code(m, &codes);
        if b > 0 {
            // Correlates of War state numbers run from 2 to 990: 1000 + m is nobody's.
            state.cow = 1000 + m as u32;
            state.region = state.region.map(|r| format!("{r}/{b}"));
        }
        out.states.push(state);
    }
    for b in 0..blocks {
        for r in &base.rivalries {
            if let (Some(x), Some(y)) = (rename(&r.pair[0], b), rename(&r.pair[1], b)) {
                out.rivalries.push(model::Rivalry { pair: [x, y], ..r.clone() });
            }
        }
        for a in &base.alliances {
            if let (Some(g), Some(p)) = (rename(&a.guarantor, b), rename(&a.protege, b)) {
                out.alliances.push(model::Alliance { guarantor: g, protege: p, ..a.clone() });
            }
        }
        for e in &base.events {
            if let Some(e) = replicate_event(e, b, &rename) {
                out.events.push(e);
            }
        }
    }
    // Same-year events keep their order within a block; the engine sorts them by year only.
    out.events.sort_by_key(|e| e.year);
    Ok(out)
}

/// Event `e` of world-2025 in block `b`: its state codes renamed by `rename`, or `None` when a
/// state it names is not in the world, or when it names no state and `b` is not block 0.
fn replicate_event(e: &model::Event, b: usize, rename: &dyn Fn(&str, usize) -> Option<String>) -> Option<model::Event> {
    let mut e = e.clone();
    let mut named = false;
    let mut missing = false;
    let mut one = |code: &mut Option<String>| {
        if let Some(c) = code.as_deref() {
            named = true;
            match rename(c, b) {
                Some(r) => *code = Some(r),
                None => missing = true,
            }
        }
    };
    one(&mut e.state);
    one(&mut e.attacker);
    one(&mut e.guarantor);
    one(&mut e.protege);
    one(&mut e.supplier);
    one(&mut e.recipient);
    let mut pair = |p: &mut Option<[String; 2]>| {
        if let Some([x, y]) = p.as_mut() {
            for c in [x, y] {
                let mut slot = Some(c.clone());
                one(&mut slot);
                *c = slot.unwrap_or_default();
            }
        }
    };
    pair(&mut e.parties);
    pair(&mut e.pair);
    if missing || (!named && b > 0) { None } else { Some(e) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_is_world_2025_and_runs_the_same() {
        let base = world_2025();
        let one = replicated_world(base.states.len()).unwrap();
        let codes = |s: &Scenario| s.states.iter().map(|x| x.iso3.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&one), codes(&base));
        assert_eq!(format!("{:?}", one.rivalries), format!("{:?}", base.rivalries));
        assert_eq!(format!("{:?}", one.alliances), format!("{:?}", base.alliances));
        assert_eq!(format!("{:?}", one.events), format!("{:?}", base.events));
        let run = |s: &Scenario| {
            let r = engine::resolve(s, &engine::RunOptions::default()).unwrap();
            format!("{:?}", engine::run(s, &r, 7, 3).summary)
        };
        assert_eq!(run(&one), run(&base));
    }

    #[test]
    fn blocks_copy_every_tie_with_fresh_codes_and_validate() {
        let base = world_2025();
        let k = base.states.len();
        let s = replicated_world(2 * k + 14).unwrap();
        assert!(model::validate::validate(&s).is_empty(), "{:?}", model::validate::validate(&s));
        assert_eq!(s.states.len(), 2 * k + 14);
        assert_eq!(s.states[k].iso3, "XAA");
        assert_eq!(s.states[k + 27].iso3, "XBB");
        assert_eq!(
            s.states[k].region.as_deref(),
            Some(format!("{}/1", base.states[0].region.as_deref().unwrap()).as_str())
        );
        let mut codes: Vec<_> = s.states.iter().map(|x| x.iso3.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), s.states.len(), "codes are unique");
        // The third, partial block holds world-2025's first 14 states and the ties among them.
        let first_14 = |c: &str| base.states[..14].iter().any(|x| x.iso3 == c);
        let rivalries = base.rivalries.iter().filter(|r| r.pair.iter().all(|c| first_14(c))).count();
        let alliances = base.alliances.iter().filter(|a| first_14(&a.guarantor) && first_14(&a.protege)).count();
        assert!(rivalries > 0 && alliances > 0);
        assert_eq!(s.rivalries.len(), 2 * base.rivalries.len() + rivalries);
        assert_eq!(s.alliances.len(), 2 * base.alliances.len() + alliances);
        // Block 1's copy of each rivalry joins the copies of its states.
        let at = |code: &str| s.state_index(code).unwrap();
        for (r, copy) in base.rivalries.iter().zip(&s.rivalries[base.rivalries.len()..]) {
            assert_eq!(at(&copy.pair[0]), k + base.state_index(&r.pair[0]).unwrap());
            assert_eq!(at(&copy.pair[1]), k + base.state_index(&r.pair[1]).unwrap());
        }
        // Events naming states are copied per block; the regime shocks, naming none, once.
        let naming = base.events.iter().filter(|e| e.parties.is_some()).count();
        let shocks = base.events.len() - naming;
        assert_eq!(s.events.len(), 3 * naming + shocks);
        let r = engine::resolve(&s, &engine::RunOptions::default()).unwrap();
        assert_eq!(engine::run(&s, &r, 1, 0).years.len(), 50);
    }

    #[test]
    fn out_of_range_sizes_are_errors() {
        assert!(replicated_world(0).is_err());
        assert!(replicated_world(MAX_REPLICATED_STATES + 1).is_err());
        assert_eq!(replicated_world(MAX_REPLICATED_STATES).unwrap().states.last().unwrap().iso3, "XZZ");
    }
}
