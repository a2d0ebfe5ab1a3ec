//! Text pieces every part of a page shares, below the page and the charts: HTML escaping,
//! numbers formatted for tables, and the table of text cells (a chart's data table is one).

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A table of text cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Caption shown above the table.
    pub caption: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows of cells (plain text, escaped when rendered).
    pub rows: Vec<Vec<String>>,
}

/// A number for a table: `n/a` for NaN, whole numbers without decimals, else 4 significant digits.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() { "n/a".into() } else { x.to_string() };
    }
    if x.fract().abs() < 1e-9 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let digits = (3 - x.abs().log10().floor() as i32).clamp(0, 8) as usize;
    format!("{x:.digits$}")
}
