//! A calibration's generations shared between processes (`deterrence calibrate --shard K/N`).
//!
//! ABC-SMC makes its generations one after another, but the particles of one generation are
//! independent: particle `i` of generation `t` is proposed from the parent generation on random
//! streams of its own (`stats::calibration::particle_rng`), so its outcome does not depend on which
//! process makes it. A [`Coordinator`] says which particles this process makes and gathers the
//! others':
//!
//! - [`Alone`]: one process makes every particle and keeps nothing on disk;
//! - [`Directory`]: processes that share the calibration's output directory. Shard `K` of `N`
//!   makes the particles `i` with `i mod N = K − 1` (dealt round-robin, so every shard gets cheap
//!   and costly particles alike), writes their outcomes to
//!   `DIR/shards/generation-T/shard-K-of-N.json`, then waits until the files of the generation
//!   hold every particle. Every shard then assembles the same generation from the same outcomes,
//!   in particle order, so the generation — and everything written from it — is the bytes one
//!   process would have made. A process restarted mid-generation reads the outcomes already
//!   written and makes only the rest; a process without a shard (`--resume`) makes whatever
//!   particles are missing, so it finishes a calibration whose shards did not all run.
//!
//! Each file names the spec (its hash), the generation, the parent generation it was made from
//! (the hash of its JSON) and the number of particles; a file that disagrees with the
//! calibration reading it is refused with its path and the field.

use crate::CalibrationError;
use serde::{Deserialize, Serialize};
use stats::calibration::{Generation, ProposalOutcome};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Shard `index` of `count` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Which shard, 1 to `count`.
    pub index: usize,
    /// How many shards share the calibration.
    pub count: usize,
}

impl Shard {
    /// Shard `index` of `count`; an error unless `1 ≤ index ≤ count`.
    pub fn new(index: usize, count: usize) -> Result<Shard, CalibrationError> {
        if index == 0 || index > count {
            return Err(CalibrationError::Setup(format!(
                "shard {index} of {count}: expected 1 <= K <= N (e.g. --shard 2/8)"
            )));
        }
        Ok(Shard { index, count })
    }

    /// Whether this shard makes particle `i` (0-based): particles are dealt round-robin.
    pub fn owns(&self, i: usize) -> bool {
        i % self.count == self.index - 1
    }

    /// The shard's file name in a generation's directory: `shard-K-of-N.json`.
    pub fn file_name(&self) -> String {
        format!("shard-{}-of-{}.json", self.index, self.count)
    }
}

/// How a calibration obtains the outcomes of each generation's particles.
pub trait Coordinator: Sync {
    /// The outcomes of generation `generation` (made from `parent`, `None` for generation 0)
    /// that exist already, by particle index.
    ///
    /// # Errors
    /// Outcomes that cannot be read, or that belong to another calibration.
    fn known(
        &self,
        generation: usize,
        parent: Option<&Generation>,
    ) -> Result<BTreeMap<usize, ProposalOutcome>, CalibrationError>;

    /// Whether this process makes particle `i`'s proposals (when no outcome is known for it).
    fn owns(&self, i: usize) -> bool;

    /// Records `made` (this process's new outcomes of the generation) and returns every one of
    /// the generation's `particles` outcomes in particle order: `known` and `made`, and those
    /// other processes make meanwhile.
    ///
    /// # Errors
    /// The outcomes cannot be recorded, or some are still missing when the coordinator stops
    /// waiting ([`CalibrationError::Incomplete`]).
    fn gather(
        &self,
        generation: usize,
        parent: Option<&Generation>,
        particles: usize,
        known: BTreeMap<usize, ProposalOutcome>,
        made: BTreeMap<usize, ProposalOutcome>,
    ) -> Result<Vec<ProposalOutcome>, CalibrationError>;
}

/// One process making every particle, with nothing on disk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Alone;

impl Coordinator for Alone {
    fn known(&self, _: usize, _: Option<&Generation>) -> Result<BTreeMap<usize, ProposalOutcome>, CalibrationError> {
        Ok(BTreeMap::new())
    }

    fn owns(&self, _: usize) -> bool {
        true
    }

    fn gather(
        &self,
        generation: usize,
        _: Option<&Generation>,
        particles: usize,
        mut known: BTreeMap<usize, ProposalOutcome>,
        made: BTreeMap<usize, ProposalOutcome>,
    ) -> Result<Vec<ProposalOutcome>, CalibrationError> {
        known.extend(made);
        in_order(known, particles).map_err(|missing| {
            CalibrationError::Incomplete(format!("generation {generation}: {} particles were not made", missing.len()))
        })
    }
}

/// The outcomes of one shard's particles of one generation: the file
/// `DIR/shards/generation-T/shard-K-of-N.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardFile {
    /// FNV-1a hash of the spec text.
    pub spec_hash: String,
    /// The generation's index.
    pub generation: usize,
    /// [`parent_hash`] of the generation it was made from.
    pub parent_hash: String,
    /// The generation's number of particles.
    pub particles: usize,
    /// The shard that wrote it.
    pub shard: Shard,
    /// `(particle index, outcome)`, in particle order.
    pub outcomes: Vec<(usize, ProposalOutcome)>,
}

/// The identity of a parent generation: the FNV-1a hash of its JSON, or `prior` for none.
pub fn parent_hash(parent: Option<&Generation>) -> String {
    match parent {
        None => "prior".to_owned(),
        Some(g) => lab::hash::fnv1a_hex(&serde_json::to_string(g).unwrap_or_default()),
    }
}

/// Processes sharing a calibration's output directory, one of them this one.
pub struct Directory {
    dir: PathBuf,
    shard: Option<Shard>,
    spec_hash: String,
    wait: Duration,
    poll: Duration,
    on_wait: Box<dyn Fn(&str) + Send + Sync>,
}

impl Directory {
    /// The coordinator of `dir` (the calibration's `--out`) for spec `spec_hash`: as shard
    /// `shard`, or, with `None`, as the process that makes every missing particle. A shard waits
    /// at most `wait` for the others' particles of a generation, looking every `poll`.
    pub fn new(dir: &Path, shard: Option<Shard>, spec_hash: &str, wait: Duration, poll: Duration) -> Directory {
        Directory {
            dir: dir.to_path_buf(),
            shard,
            spec_hash: spec_hash.to_owned(),
            wait,
            poll,
            on_wait: Box::new(|_| {}),
        }
    }

    /// Tell `f` (once per generation) when this shard starts waiting for the others.
    pub fn on_wait(mut self, f: impl Fn(&str) + Send + Sync + 'static) -> Directory {
        self.on_wait = Box::new(f);
        self
    }

    /// The directory holding generation `generation`'s shard files.
    pub fn generation_dir(&self, generation: usize) -> PathBuf {
        generation_dir(&self.dir, generation)
    }

    fn read(
        &self,
        generation: usize,
        parent: &str,
        particles: Option<usize>,
    ) -> Result<BTreeMap<usize, ProposalOutcome>, CalibrationError> {
        let dir = self.generation_dir(generation);
        let mut out: BTreeMap<usize, ProposalOutcome> = BTreeMap::new();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(CalibrationError::Setup(format!("cannot read {}: {e}", dir.display()))),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("shard-"))
            })
            .collect();
        paths.sort();
        for path in paths {
            let at = path.display();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| CalibrationError::Setup(format!("cannot read {at}: {e}")))?;
            let file: ShardFile = serde_json::from_str(&text)
                .map_err(|e| CalibrationError::Setup(format!("{at}: not a calibration shard file: {e}")))?;
            let refuse = |field: &str, found: String, expected: String| {
                CalibrationError::Setup(format!(
                    "{at}: field `{field}` is {found}, expected {expected}: the file belongs to another calibration; move it away or use another --out"
                ))
            };
            if file.spec_hash != self.spec_hash {
                return Err(refuse("spec_hash", file.spec_hash, format!("{} (this spec)", self.spec_hash)));
            }
            if file.generation != generation {
                return Err(refuse("generation", file.generation.to_string(), generation.to_string()));
            }
            if file.parent_hash != parent {
                return Err(refuse("parent_hash", file.parent_hash, format!("{parent} (the parent generation here)")));
            }
            if let Some(n) = particles
                && file.particles != n
            {
                return Err(refuse("particles", file.particles.to_string(), n.to_string()));
            }
            for (i, outcome) in file.outcomes {
                if particles.is_some_and(|n| i >= n) {
                    return Err(refuse("outcomes", format!("particle {i}"), "particles below `particles`".into()));
                }
                if let Some(previous) = out.get(&i)
                    && previous != &outcome
                {
                    return Err(CalibrationError::Setup(format!(
                        "{at}: particle {i}'s outcome differs from another shard file's in {}",
                        dir.display()
                    )));
                }
                out.insert(i, outcome);
            }
        }
        Ok(out)
    }
}

/// `dir/shards/generation-T`.
pub fn generation_dir(dir: &Path, generation: usize) -> PathBuf {
    dir.join("shards").join(format!("generation-{generation}"))
}

/// The outcomes in particle order, or the particles missing.
fn in_order(outcomes: BTreeMap<usize, ProposalOutcome>, particles: usize) -> Result<Vec<ProposalOutcome>, Vec<usize>> {
    let missing: Vec<usize> = (0..particles).filter(|i| !outcomes.contains_key(i)).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(outcomes.into_values().take(particles).collect())
}

impl Coordinator for Directory {
    fn known(
        &self,
        generation: usize,
        parent: Option<&Generation>,
    ) -> Result<BTreeMap<usize, ProposalOutcome>, CalibrationError> {
        self.read(generation, &parent_hash(parent), None)
    }

    fn owns(&self, i: usize) -> bool {
        self.shard.is_none_or(|s| s.owns(i))
    }

    fn gather(
        &self,
        generation: usize,
        parent: Option<&Generation>,
        particles: usize,
        known: BTreeMap<usize, ProposalOutcome>,
        made: BTreeMap<usize, ProposalOutcome>,
    ) -> Result<Vec<ProposalOutcome>, CalibrationError> {
        let parent = parent_hash(parent);
        if let Some(shard) = self.shard
            && !made.is_empty()
        {
            let file = ShardFile {
                spec_hash: self.spec_hash.clone(),
                generation,
                parent_hash: parent.clone(),
                particles,
                shard,
                outcomes: made.iter().map(|(&i, o)| (i, o.clone())).collect(),
            };
            let dir = self.generation_dir(generation);
            let write = || -> std::io::Result<()> {
                std::fs::create_dir_all(&dir)?;
                let text = serde_json::to_string(&file).map_err(std::io::Error::other)?;
                crate::output::write_atomic(&dir, &shard.file_name(), &text)
            };
            write().map_err(|e| CalibrationError::Setup(format!("cannot write {}: {e}", dir.display())))?;
        }
        let started = Instant::now();
        let mut all = known;
        all.extend(made);
        let mut told = false;
        loop {
            let missing = match in_order(all, particles) {
                Ok(outcomes) => return Ok(outcomes),
                Err(missing) => missing,
            };
            let describe = || describe_missing(&missing, self.shard, &self.generation_dir(generation));
            if self.shard.is_none() {
                return Err(CalibrationError::Incomplete(describe()));
            }
            if started.elapsed() >= self.wait {
                return Err(CalibrationError::Incomplete(format!(
                    "{}; waited {:.0} s (--wait): run the missing shards, then this command again, or run without --shard (with --resume) to make the missing particles in this process",
                    describe(),
                    self.wait.as_secs_f64()
                )));
            }
            if !told {
                (self.on_wait)(&format!("waiting for the other shards: {}", describe()));
                told = true;
            }
            std::thread::sleep(self.poll.min(self.wait.saturating_sub(started.elapsed())));
            // A shard's own outcomes are in its file, written above: the files hold them all.
            all = self.read(generation, &parent, Some(particles))?;
        }
    }
}

/// "generation T: K of P particles missing (those of shards a, b of N) in DIR".
fn describe_missing(missing: &[usize], shard: Option<Shard>, dir: &Path) -> String {
    let whose = match shard {
        Some(s) => {
            let mut shards: Vec<usize> = missing.iter().map(|i| i % s.count + 1).collect();
            shards.sort_unstable();
            shards.dedup();
            let list: Vec<String> = shards.iter().map(ToString::to_string).collect();
            format!(" (those of shard{} {} of {})", if list.len() == 1 { "" } else { "s" }, list.join(", "), s.count)
        }
        None => String::new(),
    };
    format!("{} particle(s) missing{whose} in {}", missing.len(), dir.display())
}
