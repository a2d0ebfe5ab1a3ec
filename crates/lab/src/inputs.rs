//! Scenario inputs addressed by path, so that any number of a scenario file can be overridden
//! from the command line (`--set`), an experiment spec or the explorer, and varied within its
//! `{ low, best, high }` range.
//!
//! Paths follow the scenario file's tables, with rows picked by their key instead of their
//! position:
//!
//! | path | picks |
//! |---|---|
//! | `states.USA.unacceptable_damage_warheads` | a field of the state with ISO3 code `USA` |
//! | `states.USA.forces.silo_icbm.cep_m` | a field of every USA force element of class `silo_icbm`, or of the one element with that `system` name |
//! | `rivalries.IND-PAK.intensity` | a field of the rivalry between `IND` and `PAK` (either order) |
//! | `alliances.USA-JPN.credibility` | a field of the alliance with guarantor `USA` and protégé `JPN` |
//! | `exchange.withhold_fraction` | a setting of the exchange calculus |
//!
//! Setting a path replaces the input by an exact value (`low = best = high`); the changed
//! scenario is validated again, so a value outside the field's documented range is an error
//! naming the path, as is a path that picks nothing, picks more than one row, or names a field
//! that is not an uncertain number.

use model::{Estimate, Scenario};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The tables an input path can start with.
pub const ROOTS: [&str; 4] = ["states", "rivalries", "alliances", "exchange"];

/// A scenario input addressed by path (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InputPath(String);

impl fmt::Display for InputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<InputPath> for String {
    fn from(p: InputPath) -> String {
        p.0
    }
}

impl TryFrom<String> for InputPath {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        InputPath::parse(&text)
    }
}

/// Where a path points, once split.
enum Address<'a> {
    State { code: &'a str, field: &'a str },
    Force { code: &'a str, element: String, field: &'a str },
    Rivalry { a: &'a str, b: &'a str, field: &'a str },
    Alliance { guarantor: &'a str, protege: &'a str, field: &'a str },
    Exchange { field: &'a str },
}

const SHAPES: &str = "expected `states.<ISO3>.<field>`, `states.<ISO3>.forces.<class or system>.<field>`, \
`rivalries.<A>-<B>.<field>`, `alliances.<guarantor>-<protégé>.<field>` or `exchange.<field>`";

impl InputPath {
    /// Checks the shape of a path (whether it picks anything is checked against a scenario).
    pub fn parse(text: &str) -> Result<InputPath, String> {
        let path = InputPath(text.trim().to_owned());
        path.address()?;
        Ok(path)
    }

    /// The path as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn address(&self) -> Result<Address<'_>, String> {
        let parts: Vec<&str> = self.0.split('.').collect();
        if parts.iter().any(|p| p.trim().is_empty()) {
            return Err(format!("`{}` has an empty segment; {SHAPES}", self.0));
        }
        let pair = |text: &'static str, key: &'_ str| -> Result<(), String> {
            Err(format!("`{key}` should be two state codes joined by `-` (e.g. {text})"))
        };
        match parts.as_slice() {
            ["states", code, "forces", rest @ .., field] if !rest.is_empty() => {
                Ok(Address::Force { code, element: rest.join("."), field })
            }
            ["states", code, field] => Ok(Address::State { code, field }),
            ["rivalries", key, field] => match key.split_once('-') {
                Some((a, b)) => Ok(Address::Rivalry { a, b, field }),
                None => pair("IND-PAK", key).map(|()| unreachable!()),
            },
            ["alliances", key, field] => match key.split_once('-') {
                Some((guarantor, protege)) => Ok(Address::Alliance { guarantor, protege, field }),
                None => pair("USA-JPN", key).map(|()| unreachable!()),
            },
            ["exchange", field] => Ok(Address::Exchange { field }),
            [root, ..] if !ROOTS.contains(root) => {
                Err(format!("`{}` is not a scenario input: a path starts with {}; {SHAPES}", self.0, ROOTS.join(", ")))
            }
            _ => Err(format!("`{}`: {SHAPES}", self.0)),
        }
    }
}

/// A scenario input that could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Returns `scenario` with each `(path, value)` set to an exact value, in order, validated again.
pub fn set_inputs(scenario: &Scenario, values: &[(InputPath, f64)]) -> Result<Scenario, InputError> {
    if values.is_empty() {
        return Ok(scenario.clone());
    }
    let base = toml::Table::try_from(scenario)
        .map_err(|e| InputError { path: String::new(), message: format!("cannot represent the scenario: {e}") })?;
    let mut tree = base.clone();
    for (path, value) in values {
        put(&mut tree, path, *value)?;
    }
    // One read and one validation for all the values: the common case, and the only fair one
    // when values depend on each other (a generated fraction raised before a day-to-day one).
    if let Ok(changed) = finish(&tree) {
        return Ok(changed);
    }
    // Something is wrong: find the first value that makes the scenario invalid, to name it.
    let mut tree = base;
    for (path, value) in values {
        put(&mut tree, path, *value)?;
        if let Err(message) = finish(&tree) {
            return Err(InputError { path: path.to_string(), message });
        }
    }
    let last = values.last().map(|(p, _)| p.to_string()).unwrap_or_default();
    Err(InputError { path: last, message: finish(&tree).err().unwrap_or_default() })
}

/// Sets one value in the scenario's tree: finite, a path that picks something, a number field.
fn put(tree: &mut toml::Table, path: &InputPath, value: f64) -> Result<(), InputError> {
    let fail = |message: String| InputError { path: path.to_string(), message };
    if !value.is_finite() {
        return Err(fail(format!("expected a finite number, got {value}")));
    }
    let (tables, field) = locate(tree, path).map_err(fail)?;
    for table in tables {
        match table.get(field) {
            None | Some(toml::Value::Float(_) | toml::Value::Integer(_)) => {}
            Some(toml::Value::Table(t)) if t.contains_key("best") => {}
            Some(_) => return Err(fail(format!("`{field}` is not a number input"))),
        }
        table.insert(field.to_owned(), toml::Value::Float(value));
    }
    Ok(())
}

/// Reads the tree back into a scenario and validates it; the first problem as a message.
pub(crate) fn finish(tree: &toml::Table) -> Result<Scenario, String> {
    let changed: Scenario = toml::Value::Table(tree.clone())
        .try_into()
        .map_err(|e: toml::de::Error| format!("not a number input here: {}", e.message().trim()))?;
    match model::validate::validate(&changed).into_iter().next() {
        Some(f) => Err(format!("{} (field `{}`)", f.message, f.path)),
        None => Ok(changed),
    }
}

/// The current value of an input.
pub fn get_input(scenario: &Scenario, path: &InputPath) -> Result<Estimate, InputError> {
    let fail = |message: String| InputError { path: path.to_string(), message };
    let mut tree = toml::Table::try_from(scenario).map_err(|e| fail(e.to_string()))?;
    let (mut tables, field) = locate(&mut tree, path).map_err(fail)?;
    if tables.len() != 1 {
        return Err(fail(format!("the path picks {} force elements; name one by its `system`", tables.len())));
    }
    let table = tables.remove(0);
    match table.get(field) {
        Some(toml::Value::Float(x)) => Ok(Estimate::exact(*x)),
        Some(toml::Value::Integer(i)) => Ok(Estimate::exact(*i as f64)),
        Some(toml::Value::Table(t)) => {
            let n = |k: &str| t.get(k).and_then(|v| v.as_float().or(v.as_integer().map(|i| i as f64)));
            match (n("low"), n("best"), n("high")) {
                (Some(low), Some(best), Some(high)) => {
                    Estimate::range(low, best, high).ok_or_else(|| fail(format!("`{field}` has no valid range")))
                }
                _ => Err(fail(format!("`{field}` is not a number input"))),
            }
        }
        Some(_) => Err(fail(format!("`{field}` is not a number input"))),
        None => Err(fail(format!("`{field}` is not given in this scenario"))),
    }
}

/// Every input of `scenario` whose sources give a range (`low < high`), with its path, in file
/// order: the inputs an experiment can sample within their ranges.
pub fn uncertain_inputs(scenario: &Scenario) -> Vec<(InputPath, Estimate)> {
    let mut out = Vec::new();
    let Ok(tree) = toml::Table::try_from(scenario) else { return out };
    let mut push = |prefix: String, table: &toml::Table| {
        for (key, value) in table {
            if let Some(e) = as_range(value)
                && e.is_uncertain()
            {
                out.push((InputPath(format!("{prefix}.{key}")), e));
            }
        }
    };
    if let Some(toml::Value::Table(t)) = tree.get("exchange") {
        push("exchange".into(), t);
    }
    for state in rows(&tree, "states") {
        let Some(code) = state.get("iso3").and_then(toml::Value::as_str) else { continue };
        push(format!("states.{code}"), state);
        let forces: Vec<&toml::Table> = state
            .get("forces")
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
            .unwrap_or_default();
        for f in &forces {
            let text = |t: &toml::Table, k: &str| t.get(k).and_then(toml::Value::as_str).map(str::to_owned);
            let unique = |k: &str, v: &str| forces.iter().filter(|g| text(g, k).as_deref() == Some(v)).count() == 1;
            let selector = [text(f, "class"), text(f, "system")]
                .into_iter()
                .zip(["class", "system"])
                .find_map(|(v, k)| v.filter(|v| unique(k, v) && !v.contains(['.'])));
            if let Some(sel) = selector {
                push(format!("states.{code}.forces.{sel}"), f);
            }
        }
    }
    for r in rows(&tree, "rivalries") {
        if let Some(pair) = codes(r, "pair") {
            push(format!("rivalries.{}-{}", pair[0], pair[1]), r);
        }
    }
    for a in rows(&tree, "alliances") {
        let text = |k: &str| a.get(k).and_then(toml::Value::as_str);
        if let (Some(g), Some(p)) = (text("guarantor"), text("protege")) {
            push(format!("alliances.{g}-{p}"), a);
        }
    }
    out
}

fn as_range(value: &toml::Value) -> Option<Estimate> {
    let t = value.as_table()?;
    let n = |k: &str| t.get(k).and_then(|v| v.as_float().or(v.as_integer().map(|i| i as f64)));
    (t.len() == 3).then_some(())?;
    Estimate::range(n("low")?, n("best")?, n("high")?)
}

fn rows<'a>(tree: &'a toml::Table, key: &str) -> impl Iterator<Item = &'a toml::Table> {
    tree.get(key).and_then(toml::Value::as_array).into_iter().flatten().filter_map(toml::Value::as_table)
}

fn codes(t: &toml::Table, key: &str) -> Option<[String; 2]> {
    let a = t.get(key)?.as_array()?;
    match a.as_slice() {
        [x, y] => Some([x.as_str()?.to_owned(), y.as_str()?.to_owned()]),
        _ => None,
    }
}

/// The tables holding the path's field (one, except for a force class with several elements),
/// and the field name.
fn locate<'t, 'p>(
    tree: &'t mut toml::Table,
    path: &'p InputPath,
) -> Result<(Vec<&'t mut toml::Table>, &'p str), String> {
    let address = path.address()?;
    let rows_mut = |tree: &'t mut toml::Table, key: &str| -> Vec<&'t mut toml::Table> {
        match tree.get_mut(key) {
            Some(toml::Value::Array(a)) => a.iter_mut().filter_map(toml::Value::as_table_mut).collect(),
            _ => Vec::new(),
        }
    };
    let text = |t: &toml::Table, k: &str| t.get(k).and_then(toml::Value::as_str).map(str::to_owned);
    let only = |mut found: Vec<&'t mut toml::Table>, what: String, known: Vec<String>| match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!("no {what} in this scenario; known: {}", known.join(", "))),
        n => Err(format!("{n} rows match {what}; name one by its `system`: {}", known.join(", "))),
    };
    match address {
        Address::Exchange { field } => match tree.get_mut("exchange") {
            Some(toml::Value::Table(t)) => Ok((vec![t], field)),
            _ => Err("the scenario has no [exchange] table".into()),
        },
        Address::State { code, field } => {
            let states = rows_mut(tree, "states");
            let known = states.iter().filter_map(|s| text(s, "iso3")).collect();
            let found = states.into_iter().filter(|s| text(s, "iso3").as_deref() == Some(code)).collect();
            Ok((vec![only(found, format!("state `{code}`"), known)?], field))
        }
        Address::Force { code, element, field } => {
            let states = rows_mut(tree, "states");
            let known = states.iter().filter_map(|s| text(s, "iso3")).collect();
            let found = states.into_iter().filter(|s| text(s, "iso3").as_deref() == Some(code)).collect();
            let state = only(found, format!("state `{code}`"), known)?;
            let forces = rows_mut(state, "forces");
            let known: Vec<String> = forces
                .iter()
                .map(|f| {
                    format!("{} ({})", text(f, "system").unwrap_or_default(), text(f, "class").unwrap_or_default())
                })
                .collect();
            let by_system: Vec<usize> =
                (0..forces.len()).filter(|&i| text(forces[i], "system").as_deref() == Some(element.as_str())).collect();
            let pick: Vec<usize> = if by_system.is_empty() {
                (0..forces.len()).filter(|&i| text(forces[i], "class").as_deref() == Some(element.as_str())).collect()
            } else {
                by_system
            };
            let found: Vec<&mut toml::Table> =
                forces.into_iter().enumerate().filter(|(i, _)| pick.contains(i)).map(|(_, f)| f).collect();
            if found.is_empty() {
                return Err(format!(
                    "no force element `{element}` of `{code}` (a delivery class or a system name); known: {}",
                    known.join(", ")
                ));
            }
            Ok((found, field))
        }
        Address::Rivalry { a, b, field } => {
            let rivalries = rows_mut(tree, "rivalries");
            let known =
                rivalries.iter().filter_map(|r| codes(r, "pair")).map(|p| format!("{}-{}", p[0], p[1])).collect();
            let found = rivalries
                .into_iter()
                .filter(|r| codes(r, "pair").is_some_and(|p| (p[0] == a && p[1] == b) || (p[0] == b && p[1] == a)))
                .collect();
            Ok((vec![only(found, format!("rivalry `{a}-{b}`"), known)?], field))
        }
        Address::Alliance { guarantor, protege, field } => {
            let alliances = rows_mut(tree, "alliances");
            let key = |t: &toml::Table| {
                format!("{}-{}", text(t, "guarantor").unwrap_or_default(), text(t, "protege").unwrap_or_default())
            };
            let known = alliances.iter().map(|t| key(t)).collect();
            let wanted = format!("{guarantor}-{protege}");
            let found = alliances.into_iter().filter(|t| key(t) == wanted).collect();
            Ok((vec![only(found, format!("alliance `{wanted}` (guarantor-protégé)"), known)?], field))
        }
    }
}
