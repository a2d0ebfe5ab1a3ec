//! Shared checks of the fuzz targets (`src/bin/*.rs`, run by `scripts/fuzz`): what every
//! reader of user input must keep whatever bytes it is given — no panic (AFL records any as a
//! crash), no infinite number in any output, and one verdict per file for every command.

/// Panics (a crash for the fuzzer) if a field of the CSV text `csv` is an infinity.
pub fn assert_no_infinity(what: &str, csv: &str) {
    for (line, row) in csv.lines().enumerate() {
        for field in row.split(',') {
            let f = field.trim_matches('"');
            assert!(!matches!(f, "inf" | "-inf" | "+inf"), "{what}: line {} holds an infinite value: {row}", line + 1);
        }
    }
}

/// Panics if `x` is infinite.
pub fn assert_not_infinite(what: &str, x: f64) {
    assert!(!x.is_infinite(), "{what} is infinite");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "infinite")]
    fn an_infinite_field_is_caught() {
        assert_no_infinity("years.csv", "year,x\n2025,inf\n");
    }

    #[test]
    fn finite_and_empty_fields_pass() {
        assert_no_infinity("years.csv", "year,x,y\n2025,1.5,\n2026,NaN-free,3\n");
        assert_not_infinite("x", f64::NAN);
    }
}
