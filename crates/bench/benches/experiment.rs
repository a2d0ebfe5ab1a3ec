//! Experiment throughput.
//!
//! - `ensemble_10k`: a 10,000-run, 50-year world-2025 ensemble through the experiment runner
//!   (one design point, 10,000 replications, every core).
//! - `sobol_100k`: Sobol' indices (100 bootstrap resamples) of 98,304 rows (N = 8,192, k = 10).

use deterrence_bench::world_2025;
use rand::SeedableRng;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn ensemble_10k(bencher: divan::Bencher) {
    let scenario = world_2025();
    let spec = experiment::paradox::cells_spec("world-2025", 10_000, 1, None);
    let mut spec = spec;
    spec.cases.truncate(1);
    let plan = experiment::design::plan(&spec).expect("valid");
    let points: Vec<&experiment::design::Point> = plan.points.iter().collect();
    bencher.bench(|| {
        divan::black_box(experiment::runner::run_points(&spec, &scenario, &plan, &points).expect("runs").len())
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn sobol_100k(bencher: divan::Bencher) {
    let (design, x) = stats::design::saltelli(8192, 10).expect("valid");
    // Ishigami-like test function on the first three factors, linear in the rest.
    let y: Vec<f64> = x
        .iter()
        .map(|r| {
            let p = |u: f64| std::f64::consts::PI * (2.0 * u - 1.0);
            p(r[0]).sin()
                + 7.0 * p(r[1]).sin().powi(2)
                + 0.1 * p(r[2]).powi(4) * p(r[0]).sin()
                + r[3..].iter().sum::<f64>()
        })
        .collect();
    bencher.bench(|| {
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(1);
        divan::black_box(stats::analysis::sobol_indices(&y, &design, 100, 0.95, &mut rng).expect("valid"))
    });
}
