//! Reading past shape errors, so that one check reports every problem of a file at once.
//!
//! serde stops at the first error in a document. To go on, the text is parsed once into toml's
//! spanned tree ([`DeTable`]), and after each error the offending value is made harmless in that
//! tree before it is deserialised again:
//!
//! - an unknown field is removed (which changes nothing that serde would have read);
//! - a value of the wrong type, or an unknown enum value, is replaced by a *placeholder* of the
//!   kind the error message says was expected (`0`, `""`, `false`, `[]`, `{}`, the first variant),
//!   or removed when the kind cannot be told;
//! - a missing field gets a placeholder (first a number, then whatever kind the number's error
//!   asks for), and is reported unless it is missing because it was removed here.
//!
//! Placeholders carry spans past the end of the text, so an error about one is recognised as
//! such and never reported. Fields that were removed or replaced are *altered*; once the tree
//! deserialises, [`crate::validate::validate`] runs and only findings that neither sit on nor
//! depend on ([`crate::validate::Finding::depends_on`]) an altered field are kept. Nothing is
//! reported after a TOML syntax error: the text has no tree to repair.

use crate::error::{FieldPath, Locator, Problem, Step};
use crate::scenario::Scenario;
use crate::validate;
use serde::Deserialize;
use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeFloat, DeInteger, DeTable, DeValue};

/// At most this many repairs (one per deserialisation) before giving up.
const MAX_ROUNDS: usize = 100;

/// At most this many placeholders tried at one field.
const MAX_PLACEHOLDERS_PER_FIELD: usize = 4;

/// Every problem of a text whose first deserialisation failed with `first_error`, in line order.
///
/// Never empty: the first error is always among the problems.
pub(crate) fn every_problem(text: &str, first_error: &toml::de::Error) -> Vec<Problem> {
    let locator = Locator::new(text);
    let Ok(tree) = DeTable::parse(text) else {
        // A syntax error: report it alone.
        return vec![locator.problem_from_toml(first_error)];
    };
    let mut repair = Repair {
        text_len: text.len(),
        locator,
        tree,
        problems: Vec::new(),
        altered: Vec::new(),
        placeholders_made: 0,
        placeholders_at: Vec::new(),
    };
    let mut scenario = None;
    for _ in 0..MAX_ROUNDS {
        match Scenario::deserialize(toml::de::Deserializer::from(repair.tree.clone())) {
            Ok(s) => {
                scenario = Some(s);
                break;
            }
            Err(e) => {
                if !repair.repair(&e) {
                    break;
                }
            }
        }
    }
    if let Some(scenario) = scenario {
        repair.add_findings(&scenario);
    }
    if repair.problems.is_empty() {
        repair.problems.push(repair.locator.problem_from_toml(first_error));
    }
    in_line_order(repair.problems)
}

/// Removes repeated problems (keeping the first) and sorts by position, keeping the order of
/// problems at the same position.
fn in_line_order(problems: Vec<Problem>) -> Vec<Problem> {
    let mut unique: Vec<Problem> = Vec::with_capacity(problems.len());
    for p in problems {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    unique.sort_by_key(|p| (p.line, p.column));
    unique
}

/// The state of a file being repaired: its tree, what was reported and what was altered.
struct Repair<'a> {
    text_len: usize,
    locator: Locator<'a>,
    tree: Spanned<DeTable<'a>>,
    problems: Vec<Problem>,
    /// Fields removed or replaced by a placeholder. (Removed unknown fields are not listed:
    /// removing one changes no value that serde reads.)
    altered: Vec<FieldPath>,
    placeholders_made: usize,
    /// How many placeholders were put at each field.
    placeholders_at: Vec<(FieldPath, usize)>,
}

/// Where in the tree an error's span points.
enum Node {
    /// The key of a table entry.
    Key(FieldPath),
    /// A value (or the document itself, for the empty path).
    Value(FieldPath),
}

/// A value put in place of a wrong or missing one.
#[derive(Debug, Clone, PartialEq)]
enum Placeholder {
    /// `0`: a number, and the probe for a missing field of unknown kind.
    Integer,
    /// `0.0`.
    Float,
    /// A string (an enum's first variant, or empty).
    Text(String),
    /// `false`.
    Boolean,
    /// An array of this many integer placeholders.
    Array(usize),
    /// `{}`.
    Table,
}

impl<'a> Repair<'a> {
    /// Reports `error` if it is about the user's text, and changes the tree so that it does not
    /// occur again. Returns false when nothing could be changed (then reading stops).
    fn repair(&mut self, error: &toml::de::Error) -> bool {
        let Some(span) = error.span() else {
            self.report(error);
            return false;
        };
        let message = error.message();
        if let Some(name) = missing_field_name(message) {
            let Some(parent) = self.find_table(&span) else {
                self.report(error);
                return false;
            };
            let field = parent.key(name);
            if !self.is_altered(&field) && !self.is_placeholder(&span) {
                let mut problem = self.locator.problem_from_toml(error);
                problem.field = field.to_string();
                self.problems.push(problem);
            }
            return self.place(&field, Placeholder::Integer);
        }
        let Some(node) = self.find(&span) else {
            self.report(error);
            return false;
        };
        if self.is_placeholder(&span) {
            // The placeholder was of the wrong kind; the error says which kind is expected.
            let Node::Value(path) = node else { return false };
            return match placeholder_for(message) {
                Some(placeholder) => self.place(&path, placeholder),
                None => false,
            };
        }
        self.report(error);
        match node {
            Node::Key(path) => {
                let serde_ignores_it = message.starts_with("unknown field");
                self.remove(&path, !serde_ignores_it)
            }
            Node::Value(path) => match path.0.last() {
                // A bad item of an array: drop the whole array field.
                Some(Step::Index(_)) => match nearest_key(&path) {
                    Some(field) => self.remove(&field, true),
                    None => false,
                },
                Some(Step::Key(_)) => match placeholder_for(message) {
                    Some(placeholder) => self.place(&path, placeholder),
                    None => self.remove(&path, true),
                },
                None => false,
            },
        }
    }

    /// Adds the validation findings that no repair can have caused.
    fn add_findings(&mut self, scenario: &Scenario) {
        for finding in validate::validate(scenario) {
            let touched = self.altered.iter().any(|altered| {
                overlaps(altered, &finding.path) || finding.depends_on.iter().any(|d| overlaps(altered, d))
            });
            if !touched {
                self.problems.push(self.locator.problem_at_path(&finding.path, finding.message));
            }
        }
    }

    fn report(&mut self, error: &toml::de::Error) {
        let placeholder = error.span().is_some_and(|s| self.is_placeholder(&s));
        if !placeholder {
            self.problems.push(self.locator.problem_from_toml(error));
        }
    }

    /// Whether a span belongs to a placeholder (placeholders are put past the end of the text).
    fn is_placeholder(&self, span: &Range<usize>) -> bool {
        span.start > self.text_len
    }

    /// Whether `path` or one of its ancestors was altered.
    fn is_altered(&self, path: &FieldPath) -> bool {
        self.altered.iter().any(|a| path.0.starts_with(&a.0))
    }

    fn mark_altered(&mut self, path: &FieldPath) {
        if !self.is_altered(path) {
            self.altered.push(path.clone());
        }
    }

    /// Removes the field at `path` (which must end with a key).
    fn remove(&mut self, path: &FieldPath, altered: bool) -> bool {
        let Some((Step::Key(key), parent)) = path.0.split_last() else { return false };
        let Some(Container::Table(table)) = container_mut(&mut self.tree, parent) else { return false };
        if table.remove(key.as_str()).is_none() {
            return false;
        }
        if altered {
            self.mark_altered(path);
        }
        true
    }

    /// Puts a placeholder at `path`, replacing what is there (or adding a missing field).
    fn place(&mut self, path: &FieldPath, placeholder: Placeholder) -> bool {
        let tries = match self.placeholders_at.iter_mut().find(|(p, _)| p == path) {
            Some((_, n)) => n,
            None => {
                self.placeholders_at.push((path.clone(), 0));
                &mut self.placeholders_at.last_mut().expect("just pushed").1
            }
        };
        *tries += 1;
        if *tries > MAX_PLACEHOLDERS_PER_FIELD {
            return false;
        }
        let value = self.make(&placeholder);
        let key_span = self.fresh_span();
        let Some((last, parent)) = path.0.split_last() else { return false };
        let done = match (last, container_mut(&mut self.tree, parent)) {
            (Step::Key(key), Some(Container::Table(table))) => {
                match table.get_mut(key.as_str()) {
                    Some(slot) => *slot = value,
                    None => {
                        table.insert(Spanned::new(key_span, Cow::Owned(key.clone())), value);
                    }
                }
                true
            }
            (Step::Index(i), Some(Container::Array(items))) => match items.get_mut(*i) {
                Some(slot) => {
                    *slot = value;
                    true
                }
                None => false,
            },
            _ => false,
        };
        if done {
            self.mark_altered(path);
        }
        done
    }

    /// A span past the end of the text, different from every other placeholder's.
    fn fresh_span(&mut self) -> Range<usize> {
        self.placeholders_made += 1;
        let start = self.text_len + 2 * self.placeholders_made;
        start..start + 1
    }

    fn make(&mut self, placeholder: &Placeholder) -> Spanned<DeValue<'a>> {
        let value = match placeholder {
            Placeholder::Integer => DeValue::Integer(DeInteger::default()),
            Placeholder::Float => DeValue::Float(DeFloat::default()),
            Placeholder::Text(s) => DeValue::String(Cow::Owned(s.clone())),
            Placeholder::Boolean => DeValue::Boolean(false),
            Placeholder::Array(n) => {
                let mut items = DeArray::new();
                for _ in 0..*n {
                    items.push(self.make(&Placeholder::Integer));
                }
                DeValue::Array(items)
            }
            Placeholder::Table => DeValue::Table(DeTable::new()),
        };
        Spanned::new(self.fresh_span(), value)
    }

    /// The key or value whose span is exactly `span`; the deepest one when several are.
    fn find(&self, span: &Range<usize>) -> Option<Node> {
        let mut found = (self.tree.span() == *span).then(|| Node::Value(FieldPath::root()));
        search_table(self.tree.get_ref(), &FieldPath::root(), span, &mut found);
        found
    }

    /// The table whose span is exactly `span` (where serde puts a "missing field" error).
    fn find_table(&self, span: &Range<usize>) -> Option<FieldPath> {
        let mut found = (self.tree.span() == *span).then(FieldPath::root);
        let mut matches = None;
        search_table(self.tree.get_ref(), &FieldPath::root(), span, &mut matches);
        // Only tables can miss a field: skip an array of tables that shares its first item's span.
        if let Some(Node::Value(path)) = matches
            && matches!(value_at(self.tree.get_ref(), &path.0).map(|v| v.get_ref()), Some(DeValue::Table(_)))
        {
            found = Some(path);
        }
        found
    }
}

/// Looks for `span` among the keys and values of `table` (at `path`), recording the last and
/// deepest match in `found`.
fn search_table(table: &DeTable<'_>, path: &FieldPath, span: &Range<usize>, found: &mut Option<Node>) {
    for (key, value) in table.iter() {
        let path = path.key(key.get_ref());
        if key.span() == *span {
            *found = Some(Node::Key(path.clone()));
        }
        search_value(value, &path, span, found);
    }
}

fn search_value(value: &Spanned<DeValue<'_>>, path: &FieldPath, span: &Range<usize>, found: &mut Option<Node>) {
    if value.span() == *span {
        *found = Some(Node::Value(path.clone()));
    }
    match value.get_ref() {
        DeValue::Table(t) => search_table(t, path, span, found),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                search_value(item, &path.index(i), span, found);
            }
        }
        _ => {}
    }
}

/// The value at `steps` below `table`.
fn value_at<'t, 'a>(table: &'t DeTable<'a>, steps: &[Step]) -> Option<&'t Spanned<DeValue<'a>>> {
    let (first, rest) = steps.split_first()?;
    let Step::Key(key) = first else { return None };
    let mut value = table.get(key.as_str())?;
    for step in rest {
        value = match (step, value.get_ref()) {
            (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str())?,
            (Step::Index(i), DeValue::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// A table or an array of the tree, to change one of its entries.
enum Container<'t, 'a> {
    Table(&'t mut DeTable<'a>),
    Array(&'t mut DeArray<'a>),
}

/// The table or array at `steps` in the document; the empty path is the document.
fn container_mut<'t, 'a>(root: &'t mut Spanned<DeTable<'a>>, steps: &[Step]) -> Option<Container<'t, 'a>> {
    let mut container = Container::Table(root.get_mut());
    for step in steps {
        let value = match (step, container) {
            (Step::Key(k), Container::Table(t)) => t.get_mut(k.as_str())?,
            (Step::Index(i), Container::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
        container = match value.get_mut() {
            DeValue::Table(t) => Container::Table(t),
            DeValue::Array(items) => Container::Array(items),
            _ => return None,
        };
    }
    Some(container)
}

/// `path` cut back to its last key (`a.b[2][0]` → `a.b`).
fn nearest_key(path: &FieldPath) -> Option<FieldPath> {
    let last_key = path.0.iter().rposition(|s| matches!(s, Step::Key(_)))?;
    Some(FieldPath(path.0[..=last_key].to_vec()))
}

/// Whether one path is equal to, inside or around the other.
fn overlaps(a: &FieldPath, b: &FieldPath) -> bool {
    a.0.starts_with(&b.0) || b.0.starts_with(&a.0)
}

/// The field named by serde's "missing field `x`" message.
fn missing_field_name(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

/// A placeholder of the kind an error message says was expected, when it can be told.
fn placeholder_for(message: &str) -> Option<Placeholder> {
    if message == "wanted string or table" {
        // toml's words for an enum given a number: an empty name makes serde list the variants.
        return Some(Placeholder::Text(String::new()));
    }
    if message.starts_with("unknown variant `") {
        let (_, expected) = message.rsplit_once(", expected ")?;
        let first_variant = expected.split('`').nth(1)?;
        return Some(Placeholder::Text(first_variant.to_owned()));
    }
    let serde_words = ["invalid type: ", "invalid value: ", "invalid length "];
    if !serde_words.iter().any(|w| message.starts_with(w)) {
        return None;
    }
    let (_, expected) = message.rsplit_once(", expected ")?;
    let integer_types = ["u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize"];
    let placeholder = match expected {
        e if e.starts_with("a number or a range") => Placeholder::Integer,
        e if integer_types.contains(&e) => Placeholder::Integer,
        "f32" | "f64" => Placeholder::Float,
        "a string" | "a borrowed string" | "a character" => Placeholder::Text(String::new()),
        e if e.starts_with("enum ") => Placeholder::Text(String::new()),
        "a boolean" => Placeholder::Boolean,
        "a sequence" => Placeholder::Array(0),
        "a map" => Placeholder::Table,
        e if e.starts_with("struct ") => Placeholder::Table,
        e => {
            let length: usize = e.strip_prefix("an array of length ")?.parse().ok()?;
            Placeholder::Array(length.min(16))
        }
    };
    Some(placeholder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_expected_kind() {
        let cases = [
            (
                "invalid type: string \"x\", expected a number or a range `{ low = .., best = .., high = .. }`",
                Some(Placeholder::Integer),
            ),
            ("invalid value: integer `-1`, expected u32", Some(Placeholder::Integer)),
            ("invalid type: integer `0`, expected a string", Some(Placeholder::Text(String::new()))),
            ("invalid type: integer `0`, expected a boolean", Some(Placeholder::Boolean)),
            ("invalid type: integer `0`, expected a sequence", Some(Placeholder::Array(0))),
            ("invalid length 1, expected an array of length 2", Some(Placeholder::Array(2))),
            ("invalid type: integer `0`, expected struct ScenarioInfo", Some(Placeholder::Table)),
            ("invalid type: integer `0`, expected a map", Some(Placeholder::Table)),
            ("unknown variant `sub`, expected one of `silo_icbm`, `ssbn`", Some(Placeholder::Text("silo_icbm".into()))),
            ("unknown variant `x`, expected `a` or `b`", Some(Placeholder::Text("a".into()))),
            ("unknown variant `x`, there are no variants", None),
            ("wanted string or table", Some(Placeholder::Text(String::new()))),
            ("expected low <= best <= high in a range, got low = 1, best = 0, high = 2", None),
            ("unknown key `lo` in a range, expected `low`, `best` and `high`", None),
        ];
        for (message, expected) in cases {
            assert_eq!(placeholder_for(message), expected, "{message}");
        }
    }

    #[test]
    fn paths_overlap_when_one_contains_the_other() {
        let states = FieldPath::root().key("states");
        let iso3 = states.index(1).key("iso3");
        assert!(overlaps(&states, &iso3));
        assert!(overlaps(&iso3, &states));
        assert!(overlaps(&iso3, &iso3));
        assert!(!overlaps(&iso3, &states.index(0).key("iso3")));
        assert_eq!(nearest_key(&states.index(1).key("pair").index(0)), Some(states.index(1).key("pair")));
    }
}
