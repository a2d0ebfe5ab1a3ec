//! Prepared dyad evaluations of every world-2025 rivalry in the generated posture, repeated,
//! for instruction counts (`valgrind --tool=callgrind`): the marginal instructions per
//! evaluation are the difference between two repetition counts divided by the extra
//! evaluations. Prints the evaluations done and a checksum of every result (bit patterns), so
//! two builds can be compared for identical outputs (the first repetition's results, formatted).
//!
//! `cargo run --release -p deterrence-bench --example dyad_evals -- [REPETITIONS] [fast|exhaustive]`
//!
//! With `runs N` instead, it runs world-2025 `N` times (50 years, default options, master seed
//! 1, one thread, keeping the year records and summaries only) and prints a checksum of every
//! summary: the engine's workload, for its marginal instructions per run.

use deterrence_bench::{FNV_OFFSET, checksum_runs, fnv1a, rival_sides, world_2025};
use exchange::stability::{EvalScratch, PreparedDyad};
use exchange::{Alert, StopSearch};

fn main() {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    if first.as_deref() == Some("runs") {
        let n: u64 = args.next().map_or(100, |a| a.parse().expect("N is a whole number"));
        return engine_runs(n);
    }
    let mut args = first.into_iter().chain(args);
    let repetitions: usize = args.next().map_or(1000, |a| a.parse().expect("REPETITIONS is a whole number"));
    let search = match args.next().as_deref() {
        None | Some("fast") => StopSearch::Fast,
        Some("exhaustive") => StopSearch::Exhaustive,
        Some(other) => panic!("unknown search `{other}`: expected fast or exhaustive"),
    };
    let scenario = world_2025();
    let sides = rival_sides(&scenario, Alert::Generated);
    let prepared: Vec<PreparedDyad> =
        sides.iter().map(|(a, b)| PreparedDyad::new(a, b, &scenario.exchange, 0.0).expect("valid")).collect();
    let mut scratch = EvalScratch::default();
    let mut checksum = FNV_OFFSET;
    let mut evaluations = 0usize;
    for rep in 0..repetitions {
        for ((a, b), p) in sides.iter().zip(&prepared) {
            let r = std::hint::black_box(p.evaluate(a, b, Alert::Generated, search, &mut scratch));
            evaluations += 1;
            // Every repetition gives the same results: the first one's are summed (formatting
            // stays out of the marginal instruction count).
            if rep == 0 {
                checksum = fnv1a(checksum, format!("{r:?}").as_bytes());
            }
        }
    }
    println!("{evaluations} evaluations, checksum {checksum:016x}");
}

fn engine_runs(n: u64) {
    let checksum = checksum_runs(&world_2025(), &engine::RunOptions::default(), n);
    println!("{n} runs, checksum {checksum:016x}");
}
