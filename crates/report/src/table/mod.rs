//! Human-readable tables, one module per report kind: aligned columns, units in the headers,
//! the caveat line, the uncertain inputs named, and a legend where words need explaining.

mod analysis;
mod citations;
mod forecast;
mod history;
mod paradox;
mod run;
mod stability;

pub use analysis::{analysis, prim};
pub use citations::citations;
pub use forecast::forecast;
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
    if x.is_nan() {
        "n/a".into()
    } else if x.abs() >= 100.0 {
        unsigned_zero(format!("{x:.0}"))
    } else {
        unsigned_zero(format!("{x:.1}"))
    }
}

pub(crate) fn ratio(x: f64) -> String {
    if x.is_nan() { "n/a".into() } else { unsigned_zero(format!("{x:.2}")) }
}

/// A formatted number that rounds to zero, without a minus sign ("-0.00" becomes "0.00").
pub(crate) fn unsigned_zero(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        _ => s,
    }
}

#[cfg(test)]
mod number_tests {
    use super::*;

    #[test]
    fn no_negative_zeros() {
        assert_eq!(ratio(-0.0), "0.00");
        assert_eq!(ratio(-0.001), "0.00");
        assert_eq!(ratio(-0.5), "-0.50");
        assert_eq!(count(-0.0), "0.0");
        assert_eq!(count(-0.04), "0.0");
        assert_eq!(count(-3.0), "-3.0");
        assert_eq!(count(1234.4), "1234");
    }
}
