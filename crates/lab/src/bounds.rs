//! Bounds that mean what they say for one state: `worst-for=STATE` and `best-for=STATE`.
//!
//! `--bound low` puts every uncertain input at the low end of its range, whoever it favours:
//! a lower damage threshold helps the retaliator while a lower hardness hurts it, so "low" is
//! no worst case. [`for_state`] instead picks, for every uncertain input that can move the
//! state's second strike (its own inputs, its rivals', the rivalries it is in and the exchange
//! settings), the end of the input's range that is worse (or better) for that second strike.
//! Each input is judged one at a time, the others at their best estimates, by a score the
//! caller supplies (higher = a stronger second strike); inputs that do not move the score stay
//! at their best estimate.

use model::Scenario;

/// Which end of each range to pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// The end worse for the state's second strike.
    Worst,
    /// The end better for it.
    Best,
}

/// One input fixed at an end of its range.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Where the input is, as a dotted path through the scenario's tables (rows by key).
    pub path: String,
    /// The value chosen (`low` or `high` of the range).
    pub value: f64,
    /// Whether that is the low end.
    pub low: bool,
}

/// The scenario with every relevant uncertain input fixed at the end of its range that is
/// worse ([`Lean::Worst`]) or better ([`Lean::Best`]) for `state`'s second strike, as judged by
/// `score` (higher = stronger); and the inputs so fixed. `state` is an ISO3 code.
pub fn for_state(
    scenario: &Scenario,
    state: &str,
    lean: Lean,
    score: &(dyn Fn(&Scenario) -> f64 + Sync),
) -> Result<(Scenario, Vec<Choice>), String> {
    use rayon::prelude::*;
    if scenario.state_index(state).is_none() {
        return Err(format!("no state `{state}` in the scenario"));
    }
    let tree = toml::Table::try_from(scenario).map_err(|e| format!("cannot represent the scenario: {e}"))?;
    let sites = sites(&tree, state);
    let base = score(scenario);
    // Each site, one at a time: the score at its low end and at its high end.
    let judged: Vec<Option<Choice>> = sites
        .par_iter()
        .map(|site| {
            let (low, high) = site.range;
            let at = |v: f64| {
                let mut t = tree.clone();
                site.set(&mut t, v);
                crate::inputs::finish(&t).ok().map(|s| score(&s))
            };
            let (s_low, s_high) = (at(low).unwrap_or(base), at(high).unwrap_or(base));
            if (s_low - s_high).abs() <= 1e-12 * (1.0 + s_low.abs().max(s_high.abs())) {
                return None;
            }
            let pick_low = match lean {
                Lean::Worst => s_low < s_high,
                Lean::Best => s_low > s_high,
            };
            Some(Choice { path: site.path.clone(), value: if pick_low { low } else { high }, low: pick_low })
        })
        .collect();
    let mut t = tree.clone();
    let mut chosen = Vec::new();
    for (site, choice) in sites.iter().zip(judged) {
        let Some(choice) = choice else { continue };
        let before = t.clone();
        site.set(&mut t, choice.value);
        // Ends that together break the scenario's rules (a generated fraction below the
        // day-to-day one) are left at their best estimates.
        if crate::inputs::finish(&t).is_err() {
            t = before;
            continue;
        }
        chosen.push(choice);
    }
    let changed = crate::inputs::finish(&t)?;
    Ok((changed, chosen))
}

/// An uncertain number in the scenario's tree: how to reach it, and its range.
struct Site {
    /// Table keys and array indices from the root.
    steps: Vec<Step>,
    /// Readable path (rows by key).
    path: String,
    range: (f64, f64),
}

enum Step {
    Key(String),
    Index(usize),
}

impl Site {
    fn set(&self, tree: &mut toml::Table, value: f64) {
        let mut here: &mut toml::Value = match self.steps.first() {
            Some(Step::Key(k)) => match tree.get_mut(k) {
                Some(v) => v,
                None => return,
            },
            _ => return,
        };
        for step in &self.steps[1..] {
            let next = match (step, here) {
                (Step::Key(k), toml::Value::Table(t)) => t.get_mut(k),
                (Step::Index(i), toml::Value::Array(a)) => a.get_mut(*i),
                _ => None,
            };
            match next {
                Some(v) => here = v,
                None => return,
            }
        }
        *here = toml::Value::Float(value);
    }
}

/// A `{ low, best, high }` table with `low < high`.
fn range_of(value: &toml::Value) -> Option<(f64, f64)> {
    let t = value.as_table()?;
    let n = |k: &str| t.get(k).and_then(|v| v.as_float().or(v.as_integer().map(|i| i as f64)));
    (t.len() == 3 && n("best").is_some()).then_some(())?;
    let (low, high) = (n("low")?, n("high")?);
    (low < high).then_some((low, high))
}

/// Every uncertain number that can move `state`'s second strike: the exchange settings, the
/// inputs of `state` and of its rivals (their force elements included), and the rivalries
/// `state` is in.
fn sites(tree: &toml::Table, state: &str) -> Vec<Site> {
    let mut out = Vec::new();
    let rivalries: Vec<&toml::Value> =
        tree.get("rivalries").and_then(toml::Value::as_array).into_iter().flatten().collect();
    let pair_of = |r: &toml::Value| -> Option<[String; 2]> {
        let p = r.get("pair")?.as_array()?;
        Some([p.first()?.as_str()?.to_owned(), p.get(1)?.as_str()?.to_owned()])
    };
    let mut involved = vec![state.to_owned()];
    for r in &rivalries {
        if let Some([a, b]) = pair_of(r) {
            if a == state {
                involved.push(b);
            } else if b == state {
                involved.push(a);
            }
        }
    }
    // Ranges anywhere below `value`, reached by `steps` and named `path`.
    fn walk(value: &toml::Value, steps: &mut Vec<Step>, path: &str, out: &mut Vec<Site>) {
        if let Some(range) = range_of(value) {
            out.push(Site { steps: steps.iter().map(Step::clone_step).collect(), path: path.to_owned(), range });
            return;
        }
        match value {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    steps.push(Step::Key(k.clone()));
                    walk(v, steps, &format!("{path}.{k}"), out);
                    steps.pop();
                }
            }
            toml::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    let name = v
                        .get("system")
                        .or_else(|| v.get("class"))
                        .and_then(toml::Value::as_str)
                        .map_or_else(|| i.to_string(), |s| format!("{s}#{i}"));
                    steps.push(Step::Index(i));
                    walk(v, steps, &format!("{path}.{name}"), out);
                    steps.pop();
                }
            }
            _ => {}
        }
    }
    if let Some(ex) = tree.get("exchange") {
        walk(ex, &mut vec![Step::Key("exchange".into())], "exchange", &mut out);
    }
    for (i, s) in tree.get("states").and_then(toml::Value::as_array).into_iter().flatten().enumerate() {
        let Some(code) = s.get("iso3").and_then(toml::Value::as_str) else { continue };
        if involved.iter().any(|c| c == code) {
            walk(s, &mut vec![Step::Key("states".into()), Step::Index(i)], &format!("states.{code}"), &mut out);
        }
    }
    for (i, r) in rivalries.iter().enumerate() {
        if let Some([a, b]) = pair_of(r)
            && (a == state || b == state)
        {
            walk(r, &mut vec![Step::Key("rivalries".into()), Step::Index(i)], &format!("rivalries.{a}-{b}"), &mut out);
        }
    }
    out
}

impl Step {
    fn clone_step(&self) -> Step {
        match self {
            Step::Key(k) => Step::Key(k.clone()),
            Step::Index(i) => Step::Index(*i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy score: the USA's silo hardness minus Russia's ICBM yield, so that the worst case
    /// for the USA is its lowest hardness and Russia's highest yield.
    #[test]
    fn worst_and_best_pick_opposite_ends_of_each_range_that_matters() {
        let b = model::builtin::get("world-2025").unwrap();
        let scenario = model::parse_scenario(b.text, b.path).unwrap();
        let get =
            |s: &Scenario, p: &str| crate::inputs::get_input(s, &crate::InputPath::parse(p).unwrap()).unwrap().best;
        let hardness = "states.USA.forces.silo_icbm.hardness_psi";
        let score = move |s: &Scenario| {
            crate::inputs::get_input(s, &crate::InputPath::parse(hardness).unwrap()).map_or(0.0, |e| e.best)
        };
        let range = crate::inputs::get_input(&scenario, &crate::InputPath::parse(hardness).unwrap()).unwrap();
        assert!(range.low < range.high, "the test needs an uncertain hardness");
        let (worst, chosen) = for_state(&scenario, "USA", Lean::Worst, &score).unwrap();
        assert_eq!(get(&worst, hardness), range.low);
        assert_eq!(chosen.len(), 1, "only the input that moves the score is fixed: {chosen:?}");
        assert!(chosen[0].low);
        let (best, _) = for_state(&scenario, "USA", Lean::Best, &score).unwrap();
        assert_eq!(get(&best, hardness), range.high);
        assert!(for_state(&scenario, "XXX", Lean::Worst, &score).is_err());
    }
}
