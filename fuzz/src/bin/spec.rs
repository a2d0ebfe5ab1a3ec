//! Experiment specs: whatever the bytes, `parse_spec` gives located errors or a spec, and a
//! spec it accepts gives its design size and (when small) its design points without a panic.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let Ok(spec) = experiment::spec::parse_spec(text, "fuzz.toml") else { return };
        let size = experiment::spec::design_size(&spec);
        if size.is_some_and(|n| n <= 10_000) {
            let _ = experiment::design::plan(&spec);
        }
    });
}
