//! `--posterior DIR`: each run of an ensemble takes the parameters of a particle drawn for it,
//! its own random stream untouched; bad posteriors are located errors (exit 2).

mod common;

use common::{read, run, temp_dir};

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_one_particle_posterior_equals_setting_its_values() {
    let d = temp_dir("posterior-one");
    std::fs::write(d.join("posterior.csv"), "particle,weight,distance,accident_hazard\n0,1,0.1,0.05\n").unwrap();
    let (a, b) = (d.join("a"), d.join("b"));
    let base = ["run", "south-asia", "--runs", "30", "--years", "15", "--seed", "9"];
    ok(&run(&[&base[..], &["--posterior", d.to_str().unwrap(), "--out", a.to_str().unwrap()]].concat()));
    ok(&run(&[&base[..], &["--param", "accident_hazard=0.05", "--out", b.to_str().unwrap()]].concat()));
    // Same runs, same outcomes (the last fields of each row); `--param` adds a column.
    let outcomes = |dir: &std::path::Path| -> Vec<String> {
        read(dir, "results.csv")
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                f[f.len() - 20..].join(",")
            })
            .collect()
    };
    assert_eq!(outcomes(&a), outcomes(&b));
    assert!(read(&a, "manifest.json").contains("\"posterior\""));
}

#[test]
fn draws_are_the_same_on_any_thread_count_and_each_run_is_its_particles_run() {
    let d = temp_dir("posterior-two");
    let write = |name: &str, rows: &str| {
        let p = d.join(name);
        std::fs::write(&p, format!("particle,weight,distance,accident_hazard,prudence_base\n{rows}")).unwrap();
        p
    };
    let mixed = write("mixed.csv", "0,1,0.1,0,0.2\n1,3,0.1,0.9,0.9\n");
    let only0 = write("only0.csv", "0,1,0.1,0,0.2\n");
    let only1 = write("only1.csv", "0,1,0.1,0.9,0.9\n");
    let ensemble = |post: &std::path::Path, threads: &str, name: &str| -> Vec<String> {
        let out = d.join(name);
        let args = ["run", "south-asia", "--runs", "60", "--years", "20", "--seed", "4", "--threads", threads];
        ok(&run(&[&args[..], &["--posterior", post.to_str().unwrap(), "--out", out.to_str().unwrap()]].concat()));
        read(&out, "results.csv").lines().skip(1).map(str::to_owned).collect()
    };
    let (m1, m2) = (ensemble(&mixed, "1", "m1"), ensemble(&mixed, "2", "m2"));
    assert_eq!(m1, m2, "thread count changed the draws");
    let (a, b) = (ensemble(&only0, "2", "a"), ensemble(&only1, "2", "b"));
    // Every run of the mixture is that run under one of the particles (its own stream is
    // untouched by the draw), and both particles are drawn.
    let (mut from_a, mut from_b) = (0, 0);
    for r in 0..60 {
        assert!(m1[r] == a[r] || m1[r] == b[r], "run {r} is neither particle's run");
        from_a += usize::from(m1[r] == a[r] && m1[r] != b[r]);
        from_b += usize::from(m1[r] == b[r] && m1[r] != a[r]);
    }
    assert!(from_a > 0 && from_b > 0, "particle 0 in {from_a} runs, particle 1 in {from_b}");
}

#[test]
fn bad_posteriors_are_located_errors() {
    let d = temp_dir("posterior-bad");
    let post = d.join("posterior.csv");
    std::fs::write(&post, "particle,weight,distance,accident_hazard\n0,x,0.1,0.01\n").unwrap();
    let o = run(&[
        "run",
        "south-asia",
        "--runs",
        "3",
        "--posterior",
        post.to_str().unwrap(),
        "--out",
        d.join("o").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("posterior.csv:2: field `weight`"));
    // A parameter set both by the run and by the posterior.
    std::fs::write(&post, "particle,weight,distance,accident_hazard\n0,1,0.1,0.01\n").unwrap();
    let o = run(&[
        "run",
        "south-asia",
        "--runs",
        "3",
        "--param",
        "accident_hazard=0.02",
        "--posterior",
        post.to_str().unwrap(),
        "--out",
        d.join("p").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("set by the design and by the posterior"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A directory without posterior.csv.
    let o = run(&["run", "south-asia", "--runs", "3", "--posterior", d.join("nothing").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    // Without --runs.
    let o = run(&["run", "south-asia", "--posterior", post.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_explorer_refuses_a_bad_posterior_before_it_listens() {
    let d = temp_dir("posterior-serve");
    let post = d.join("posterior.csv");
    std::fs::write(&post, "particle,weight,distance,accident_hazard\n0,x,0.1,0.01\n").unwrap();
    let o = run(&["serve", "--port", "0", "--posterior", post.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("posterior.csv:2: field `weight`"));
    let o = run(&["serve", "--port", "0", "--posterior", d.join("missing").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--posterior: cannot read"));
}
