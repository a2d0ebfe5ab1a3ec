//! Engine runs of world-2025 replicated to N states (`deterrence_bench::replicated_world`), for
//! how the cost of a run grows with the number of states: `RUNS` runs of 50 years (default
//! options, master seed 1, one thread, keeping the year records and summaries only). Prints the
//! runs done and a checksum of every summary and year record, so two builds can be compared
//! for identical outputs. Under `valgrind --tool=callgrind`, the marginal instructions per run
//! at N are the difference between two run counts divided by the extra runs.
//!
//! `cargo run --release -p deterrence-bench --example scaling -- N RUNS`

use deterrence_bench::{checksum_runs, replicated_world};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(45, |a| a.parse().expect("N is a whole number"));
    let runs: u64 = args.next().map_or(10, |a| a.parse().expect("RUNS is a whole number"));
    let scenario = replicated_world(n).unwrap_or_else(|e| panic!("{e}"));
    let options = engine::RunOptions { years: Some(50), ..engine::RunOptions::default() };
    let checksum = checksum_runs(&scenario, &options, runs);
    println!("{n} states, {runs} runs, checksum {checksum:016x}");
}
