//! Errors in scenario files, located by file, line, column and field path.
//!
//! Two kinds of problem reach the user: shape errors found by the TOML reader (syntax, unknown
//! fields, wrong types), which carry a byte span, and meaning errors found by
//! [`crate::validate`], which carry a [`FieldPath`]. [`Locator`] turns either into the other so
//! that every [`Problem`] names both the line and the field.

use std::fmt;
use toml::de::{DeTable, DeValue};

/// One step of a path into the document: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A key of a table.
    Key(String),
    /// An index into an array (including arrays of tables such as `[[states]]`).
    Index(usize),
}

/// A path to a field, such as `states[2].forces[0].launchers`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Step>);

impl FieldPath {
    /// The empty path (the whole document).
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        Self(steps)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Self(steps)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document)");
        }
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// One thing wrong with a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number (0 when the position is unknown).
    pub line: usize,
    /// 1-based column number (0 when unknown).
    pub column: usize,
    /// The field at fault, e.g. `states[0].forces[1].launchers`.
    pub field: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// The offending source line, for display.
    pub snippet: Option<String>,
}

/// A scenario that could not be read: the file name and every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ScenarioError {
    /// The file (or built-in scenario name) the text came from.
    pub file: String,
    /// The problems, in document order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(f, "invalid scenario {}: {n} problem{}", self.file, if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            writeln!(f, "  {}:{}:{}: field `{}`: {}", self.file, p.line, p.column, p.field, p.message)?;
            if let Some(snippet) = &p.snippet {
                writeln!(f, "    | {snippet}")?;
            }
        }
        Ok(())
    }
}

/// Maps between byte offsets, line/column positions and field paths of one TOML text.
pub struct Locator<'a> {
    text: &'a str,
    tree: Option<toml::Spanned<DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    /// Parses `text` for locating; a text with syntax errors still gives line numbers.
    pub fn new(text: &'a str) -> Self {
        Self { text, tree: DeTable::parse(text).ok() }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    /// The text of a 1-based line.
    pub fn line_text(&self, line: usize) -> Option<String> {
        self.text.lines().nth(line.checked_sub(1)?).map(|l| l.trim_end().to_owned())
    }

    /// The byte span of the field at `path` (its key where there is one), or of the nearest
    /// enclosing field that exists.
    pub fn span_of(&self, path: &FieldPath) -> Option<std::ops::Range<usize>> {
        let tree = self.tree.as_ref()?;
        let mut best = None;
        let mut table: Option<&DeTable<'_>> = Some(tree.get_ref());
        let mut value: Option<&toml::Spanned<DeValue<'_>>> = None;
        for step in &path.0 {
            match step {
                Step::Key(k) => {
                    let t = match (table, value.map(|v| v.get_ref())) {
                        (Some(t), None) => t,
                        (_, Some(DeValue::Table(t))) => t,
                        _ => break,
                    };
                    let Some((key, v)) = t.get_key_value(k.as_str()) else {
                        break;
                    };
                    best = Some(key.span().start..v.span().end);
                    value = Some(v);
                    table = None;
                }
                Step::Index(i) => {
                    let Some(DeValue::Array(items)) = value.map(|v| v.get_ref()) else {
                        break;
                    };
                    let Some(item) = items.get(*i) else { break };
                    best = Some(item.span());
                    value = Some(item);
                }
            }
        }
        best
    }

    /// The deepest field whose key or value contains the byte offset.
    ///
    /// The span toml gives an array-of-tables item covers only its `[[header]]`, so containment
    /// is tested against each node's extent: the union of its own span and its descendants'.
    pub fn path_at(&self, offset: usize) -> FieldPath {
        let Some(tree) = self.tree.as_ref() else {
            return FieldPath::root();
        };
        let mut path = FieldPath::root();
        let mut current: &DeTable<'_> = tree.get_ref();
        loop {
            let hit = current.iter().find(|(k, v)| k.span().contains(&offset) || contains(&extent(v), offset));
            let Some((k, v)) = hit else { return path };
            path = path.key(k.get_ref());
            let mut v = v;
            loop {
                match v.get_ref() {
                    DeValue::Table(t) => {
                        current = t;
                        break;
                    }
                    DeValue::Array(items) => {
                        let Some((i, item)) = items.iter().enumerate().find(|(_, it)| contains(&extent(it), offset))
                        else {
                            return path;
                        };
                        path = path.index(i);
                        v = item;
                    }
                    _ => return path,
                }
            }
        }
    }

    /// A problem located at a field path.
    pub fn problem_at_path(&self, path: &FieldPath, message: String) -> Problem {
        let (line, column) = self.span_of(path).map_or((0, 0), |s| self.line_column(s.start));
        Problem { line, column, field: path.to_string(), message, snippet: self.line_text(line) }
    }

    /// A problem from a TOML reader error.
    pub fn problem_from_toml(&self, error: &toml::de::Error) -> Problem {
        let message = error.message().trim().replace('\n', "; ");
        match error.span() {
            Some(span) => {
                let (line, column) = self.line_column(span.start);
                let path = self.path_at(span.start);
                Problem { line, column, field: path.to_string(), message, snippet: self.line_text(line) }
            }
            None => Problem { line: 0, column: 0, field: FieldPath::root().to_string(), message, snippet: None },
        }
    }
}

fn contains(range: &std::ops::Range<usize>, offset: usize) -> bool {
    range.contains(&offset) || (range.is_empty() && range.start == offset)
}

/// The union of a value's span with the spans of everything inside it.
fn extent(value: &toml::Spanned<DeValue<'_>>) -> std::ops::Range<usize> {
    let mut r = value.span();
    let mut widen = |o: std::ops::Range<usize>| {
        r.start = r.start.min(o.start);
        r.end = r.end.max(o.end);
    };
    match value.get_ref() {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                widen(k.span());
                widen(extent(v));
            }
        }
        DeValue::Array(items) => {
            for item in items {
                widen(extent(item));
            }
        }
        _ => {}
    }
    r
}
