//! Simulation throughput: world-2025 runs of 50 years.
//!
//! - `run_50_years`: one run on one core (runs per second = 1 / time).
//! - `runs_parallel`: 64 runs spread over every core with rayon (the whole machine's rate);
//!   each run has its own stream, results collected in order.
//! - `scaling`: one run of world-2025 replicated to N states (45, 100, 200, 400; see
//!   `replicated_world`), for how the cost of a run grows with the number of states.

use deterrence_bench::world_2025;
use rayon::prelude::*;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn run_50_years(bencher: divan::Bencher) {
    let scenario = world_2025();
    let resolved = engine::resolve(&scenario, &engine::RunOptions::default()).expect("valid");
    let template = engine::Template::new(&scenario, &resolved);
    let mut i = 0u64;
    bencher.bench_local(|| {
        i += 1;
        divan::black_box(template.run(1, i).summary)
    });
}

#[divan::bench(sample_count = 5)]
fn runs_parallel(bencher: divan::Bencher) {
    let scenario = world_2025();
    let resolved = engine::resolve(&scenario, &engine::RunOptions::default()).expect("valid");
    let template = engine::Template::new(&scenario, &resolved);
    bencher.counter(divan::counter::ItemsCount::new(64usize)).bench(|| {
        let s: Vec<_> = (0..64u64).into_par_iter().map(|i| template.run(1, i).summary).collect();
        divan::black_box(s)
    });
}

/// One run of 50 years of world-2025 replicated to N states (`replicated_world`): how the cost
/// of a run grows with the number of states.
#[divan::bench(args = [45, 100, 200, 400], sample_count = 10)]
fn scaling(bencher: divan::Bencher, n: usize) {
    let scenario = deterrence_bench::replicated_world(n).expect("N is in range");
    let options = engine::RunOptions { years: Some(50), ..engine::RunOptions::default() };
    let resolved = engine::resolve(&scenario, &options).expect("valid");
    let template = engine::Template::new(&scenario, &resolved);
    let mut i = 0u64;
    bencher.bench_local(|| {
        i += 1;
        divan::black_box(template.run_keeping(1, i, engine::Keep::YEARS).summary)
    });
}
