//! Stability calculus throughput on world-2025 postures.
//!
//! - `dyad_evaluation`: full dyad evaluations (both counterforce strikes, adequacy, mutual
//!   vulnerability, Kent–Thaler index) of every rivalry of world-2025 in the generated posture,
//!   kill matrices prepared (as the engine will cache them); divan reports items per second.
//! - `dyad_evaluation_unprepared`: the same, building the kill matrices each time.
//! - `dyad_evaluation_exhaustive`: the same with the exhaustive reference stop rule.
//! - `deterrence_grid_1000`: a 1000 × 1000 USA–RUS deterrence-region grid, rows in parallel on
//!   every available core (rayon).

use deterrence_bench::{rival_sides, world_2025};
use exchange::dyad::{GridScratch, GridSetup, find_pair};
use exchange::stability::{EvalScratch, PreparedDyad, evaluate_dyad};
use exchange::{Alert, Side, StopSearch};
use model::Bound;
use rayon::prelude::*;

fn main() {
    divan::main();
}

/// A dyad evaluation with its kill matrices prepared (as the engine runs it every year).
#[divan::bench(args = [StopSearch::Fast, StopSearch::Exhaustive])]
fn dyad_evaluation(bencher: divan::Bencher, search: StopSearch) {
    let scenario = world_2025();
    let sides = rival_sides(&scenario, Alert::Generated);
    let prepared: Vec<PreparedDyad> =
        sides.iter().map(|(a, b)| PreparedDyad::new(a, b, &scenario.exchange, 0.0).expect("valid")).collect();
    let mut scratch = EvalScratch::default();
    bencher.counter(divan::counter::ItemsCount::new(sides.len())).bench_local(|| {
        for ((a, b), p) in sides.iter().zip(&prepared) {
            divan::black_box(p.evaluate(a, b, Alert::Generated, search, &mut scratch));
        }
    });
}

/// A dyad evaluation from scratch: kill matrices (lethal radius solved per hardness) included.
#[divan::bench]
fn dyad_evaluation_unprepared(bencher: divan::Bencher) {
    let scenario = world_2025();
    let sides = rival_sides(&scenario, Alert::Generated);
    bencher.counter(divan::counter::ItemsCount::new(sides.len())).bench_local(|| {
        for (a, b) in &sides {
            divan::black_box(evaluate_dyad(a, b, Alert::Generated, &scenario.exchange, 0.0, StopSearch::Fast).ok());
        }
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn deterrence_grid_1000(bencher: divan::Bencher) {
    let scenario = world_2025();
    let (ia, ib, r) = find_pair(&scenario, "USA", "RUS").expect("USA–RUS is a rivalry");
    let side = |i| {
        Side::from_state(&scenario.states[i], Alert::Generated, r.distance_km.best, &scenario.exchange, Bound::Best)
    };
    let setup = GridSetup::new(side(ia), side(ib), &scenario, Bound::Best).expect("valid");
    let axis: Vec<f64> = (0..1000).map(|k| f64::from(k) * 4.0).collect();
    bencher.bench(|| {
        let rows: Vec<usize> = axis
            .par_iter()
            .map_init(GridScratch::default, |scratch, &na| {
                axis.iter().filter(|&&nb| setup.cell(na, nb, scratch).a_deterred()).count()
            })
            .collect();
        divan::black_box(rows)
    });
}
