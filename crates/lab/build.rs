//! Records the git commit the lab is built from and the versions of the random-number crates,
//! for the provenance of every output (`lab::provenance`).
use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| !o.stdout.is_empty());
    let commit = if dirty && commit != "unknown" { format!("{commit}-dirty") } else { commit };
    println!("cargo:rustc-env=DETERRENCE_GIT_COMMIT={commit}");
    // Versions of the random-number crates, from the lockfile (provenance of every run).
    let lock = std::fs::read_to_string("../../Cargo.lock").unwrap_or_default();
    let mut versions = Vec::new();
    let mut name = String::new();
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = n.trim_matches('"').to_owned();
        } else if let Some(v) = line.strip_prefix("version = ")
            && matches!(name.as_str(), "rand" | "rand_core" | "chacha20")
        {
            versions.push(format!("{name} {}", v.trim_matches('"')));
        }
    }
    println!("cargo:rustc-env=DETERRENCE_RAND_VERSIONS={}", versions.join(", "));
    println!("cargo:rerun-if-changed=../../Cargo.lock");
    println!("cargo:rerun-if-changed=../../.git/HEAD");
    println!("cargo:rerun-if-changed=../../.git/index");
}
