//! Experiment throughput.
//!
//! - `ensemble_10k`: a 10,000-run, 50-year world-2025 ensemble through the experiment runner
//!   (one design point, 10,000 replications, every core).
//! - `lhs_2k` and `replicated_2k`: 2,000 runs of world-2025 over 50 years through the runner on
//!   every core, as a one-run-per-point Latin hypercube over three model parameters (2,000
//!   points) and as one point with 2,000 replications: the cost of a design point over that of
//!   a replication.
//! - `start_world`: the starting world of one design point over model parameters, built afresh
//!   (`RunRequest::prepare`) and copied from the shared one (`lab::Starts::template`).
//! - `sobol_100k`: Sobol' indices (100 bootstrap resamples) of 98,304 rows (N = 8,192, k = 10).

use deterrence_bench::world_2025;
use rand::SeedableRng;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn ensemble_10k(bencher: divan::Bencher) {
    let scenario = world_2025();
    let spec = experiment::paradox::cells_spec("world-2025", 10_000, 1, None, 0);
    let mut spec = spec;
    spec.cases.truncate(1);
    let plan = experiment::design::plan(&spec).expect("valid");
    let points: Vec<&experiment::design::Point> = plan.points.iter().collect();
    bencher.bench(|| {
        divan::black_box(experiment::runner::run_points(&spec, &scenario, &plan, &points).expect("runs").len())
    });
}

/// A spec of 2,000 runs of world-2025 over 50 years: `design` is its design table and what
/// follows it.
fn spec_2k(design: &str) -> experiment::spec::Spec {
    let text = format!(
        "schema = 1\n[experiment]\nname = \"bench\"\nscenario = \"world-2025\"\nyears = 50\nseed = 7\n{design}"
    );
    experiment::spec::parse_spec(&text, "bench.toml").expect("valid spec")
}

/// A one-run-per-point Latin hypercube of 2,000 points over three model parameters.
fn lhs_spec() -> experiment::spec::Spec {
    spec_2k(
        "replications = 1\noutcomes = [\"war_hazard_nuclear_dyads\", \"crises\"]\n[design]\nkind = \"lhs\"\nsamples = 2000\n\
         [[parameters]]\nname = \"prudence_base\"\nkind = \"real\"\nlow = 2.0\nhigh = 20.0\n\
         [[parameters]]\nname = \"accident_hazard\"\nkind = \"real\"\nlow = 0.0\nhigh = 0.05\n\
         [[parameters]]\nname = \"crisis_base_rate\"\nkind = \"real\"\nlow = 0.02\nhigh = 0.2\n",
    )
}

fn run_design(bencher: divan::Bencher, spec: experiment::spec::Spec) {
    let scenario = world_2025();
    let plan = experiment::design::plan(&spec).expect("valid");
    let points: Vec<&experiment::design::Point> = plan.points.iter().collect();
    bencher.bench(|| {
        // As `deterrence experiment` does: the shared starting world built once per experiment.
        let starts = lab::Starts::new(&scenario);
        divan::black_box(experiment::runner::run_points_from(&spec, &starts, &plan, &points).expect("runs").len())
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn lhs_2k(bencher: divan::Bencher) {
    run_design(bencher, lhs_spec());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn replicated_2k(bencher: divan::Bencher) {
    run_design(
        bencher,
        spec_2k(
            "replications = 2000\noutcomes = [\"war_hazard_nuclear_dyads\", \"crises\"]\n[design]\nkind = \"cases\"\n\
             [[cases]]\nname = \"base\"\nvalues = { prudence_base = 11.0 }\n",
        ),
    );
}

#[divan::bench(args = ["fresh", "shared"])]
fn start_world(bencher: divan::Bencher, how: &str) {
    let scenario = world_2025();
    let spec = lhs_spec();
    let plan = experiment::design::plan(&spec).expect("valid");
    let request = experiment::design::request(&plan, &plan.points[0], spec.experiment.years).expect("valid");
    let starts = lab::Starts::new(&scenario);
    bencher.bench(|| match how {
        "fresh" => divan::black_box(request.prepare(&scenario).expect("valid").template),
        _ => divan::black_box(starts.template(&request).expect("valid")),
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
