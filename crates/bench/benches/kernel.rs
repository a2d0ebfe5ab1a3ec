//! The kill-probability kernel on one core: lethal radius (Brode), SSPK, reliability,
//! multi-shot kill and lethality index over a (yield, CEP, hardness) grid.
//!
//! - `batch_1m`: `exchange::batch::evaluate` over the 100 × 100 × 100 grid (1,000,000
//!   evaluations); `tools/bench/sspk_numpy.py` times vectorised numpy on the same grid.
//! - `scalar_10k`: the scalar functions one evaluation at a time over the first 10,000 points
//!   (each lethal radius solved afresh), for comparison.

use deterrence_bench::kernel_grid;
use model::LethalRadiusModel;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn batch_1m(bencher: divan::Bencher) {
    let grid = kernel_grid(100);
    bencher
        .counter(divan::counter::ItemsCount::new(grid.len()))
        .bench(|| divan::black_box(exchange::batch::evaluate(&grid, LethalRadiusModel::Brode)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn scalar_10k(bencher: divan::Bencher) {
    let grid: Vec<_> = kernel_grid(100).into_iter().take(10_000).collect();
    bencher.counter(divan::counter::ItemsCount::new(grid.len())).bench(|| {
        grid.iter()
            .map(|i| {
                let lr = exchange::blast::lethal_radius_m(i.yield_kt, i.hardness_psi, LethalRadiusModel::Brode)
                    .expect("valid");
                exchange::kill::multi_shot_kill(
                    exchange::kill::kill_probability(i.reliability, exchange::kill::sspk(lr, i.cep_m)),
                    i.warheads,
                )
            })
            .sum::<f64>()
    });
}
