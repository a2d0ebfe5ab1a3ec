//! A CSV table held as text, with typed column access (the run files and regenerated series).

/// A parsed CSV table: a header row and rows of text cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// Column names.
    pub header: Vec<String>,
    /// Rows of cells, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

impl Frame {
    /// Parses CSV text with a header row.
    pub fn parse(text: &str) -> Result<Frame, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| e.to_string())?.iter().map(str::to_owned).collect();
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| e.to_string())?;
            rows.push(rec.iter().map(str::to_owned).collect());
        }
        Ok(Frame { header, rows })
    }

    /// Index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// A column as numbers (NaN where empty or not a number); empty when the column is missing.
    pub fn numbers(&self, name: &str) -> Vec<f64> {
        let Some(i) = self.column(name) else { return Vec::new() };
        self.rows.iter().map(|r| r.get(i).and_then(|c| c.trim().parse().ok()).unwrap_or(f64::NAN)).collect()
    }

    /// A column as text; empty when the column is missing.
    pub fn texts(&self, name: &str) -> Vec<&str> {
        let Some(i) = self.column(name) else { return Vec::new() };
        self.rows.iter().map(|r| r.get(i).map_or("", String::as_str)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Frame;

    #[test]
    fn parses_and_reads_columns() {
        let f = Frame::parse("year,x,k\n2025,1.5,a\n2026,,b\n").unwrap();
        assert_eq!(f.rows.len(), 2);
        let x = f.numbers("x");
        assert!((x[0] - 1.5).abs() < 1e-12 && x[1].is_nan());
        assert_eq!(f.texts("k"), vec!["a", "b"]);
        assert!(f.numbers("missing").is_empty());
    }
}
