//! Human-readable tables, one module per report kind: aligned columns, units in the headers,
//! the caveat line, the uncertain inputs named, and a legend where words need explaining.

mod analysis;
mod citations;
mod history;
mod paradox;
mod run;
mod stability;

pub use analysis::{analysis, prim};
pub use citations::citations;
pub use history::{icb, validation};
pub use paradox::paradox;
pub use run::run;
pub use stability::stability;

/// A simple aligned text table: the first column left-aligned, the rest right-aligned.
pub(crate) struct Table {
    pub(crate) header: Vec<Vec<String>>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn render(&self) -> String {
        let cols = self.header.first().map_or(0, Vec::len);
        let mut width = vec![0usize; cols];
        for row in self.header.iter().chain(&self.rows) {
            for (i, cell) in row.iter().enumerate() {
                width[i] = width[i].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, row: &[String]| {
            let mut s = String::new();
            for (i, cell) in row.iter().enumerate() {
                let pad = width[i] - cell.chars().count();
                if i < 3 {
                    s.push_str(cell);
                    s.push_str(&" ".repeat(pad));
                } else {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                }
                if i + 1 < row.len() {
                    s.push_str("  ");
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        for h in &self.header {
            line(&mut out, h);
        }
        let total: usize = width.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        out.push_str(&"-".repeat(total));
        out.push('\n');
        for r in &self.rows {
            line(&mut out, r);
        }
        out
    }
}

pub(crate) fn count(x: f64) -> String {
    let x = x + 0.0; // no "-0"
    if x.is_nan() {
        "n/a".into()
    } else if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

pub(crate) fn ratio(x: f64) -> String {
    if x.is_nan() { "n/a".into() } else { format!("{x:.2}") }
}
