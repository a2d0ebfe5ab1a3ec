//! The starting worlds of an ensemble of one request, each run with the parameters of the
//! posterior particle drawn for it ([`lab::Posterior::draw`]), or all runs from one world
//! without a posterior. The forecast and the replay validation under a posterior build their
//! runs here; experiments draw in [`crate::runner`] the same way, so run `r` of seed `s` takes
//! the same particle everywhere.

use lab::{Job, Posterior, RunRequest, Starts};
use std::collections::BTreeMap;

/// A posterior as the user named it: where it came from and a hash of its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PosteriorSource {
    /// The file the particles were read from, as named.
    pub origin: String,
    /// FNV-1a 64-bit hash of the file's text, in hex ([`lab::hash::fnv1a_hex`]).
    pub hash: String,
    /// Particles in the file.
    pub particles: usize,
    /// The parameters it sets.
    pub names: Vec<String>,
}

impl PosteriorSource {
    /// The source of `posterior` read from `text`.
    pub fn new(posterior: &Posterior, text: &str) -> PosteriorSource {
        PosteriorSource {
            origin: posterior.origin.clone(),
            hash: lab::hash::fnv1a_hex(text),
            particles: posterior.values.len(),
            names: posterior.names.clone(),
        }
    }
}

/// The starting worlds of runs `0..runs` of one request.
#[derive(Debug, Clone)]
pub struct Worlds {
    /// One starting world per particle drawn (one in all without a posterior).
    pub templates: Vec<engine::Template>,
    /// For each run, the index of its world in `templates`.
    pub world_of_run: Vec<usize>,
    /// For each world, the particle it holds (none without a posterior).
    pub particle_of_world: Vec<Option<usize>>,
    /// The request's settings before any particle (lenses, start year and years every world
    /// shares).
    pub resolved: engine::Resolved,
}

impl Worlds {
    /// Builds the worlds of runs `0..runs` of `request` on `scenario` at master seed `seed`: run
    /// `r` takes the particle `posterior.draw(seed, r)`, its values set on top of the request.
    /// A parameter set both by the request and by the posterior is refused, as is a request or
    /// particle the scenario rejects (the message names the particle).
    pub fn new(
        scenario: &model::Scenario,
        request: &RunRequest,
        posterior: Option<&Posterior>,
        seed: u64,
        runs: u64,
    ) -> Result<Worlds, String> {
        let (resolved_scenario, resolved) = request.resolve(scenario).map_err(|e| e.to_string())?;
        let Some(posterior) = posterior else {
            // One world: built once from the request as resolved (the shared starts below pay
            // off only when several particles' worlds are built).
            let template = engine::Template::new(&resolved_scenario, &resolved);
            return Ok(Worlds {
                templates: vec![template],
                world_of_run: vec![0; usize::try_from(runs).unwrap_or(usize::MAX)],
                particle_of_world: vec![None],
                resolved,
            });
        };
        for name in &posterior.names {
            if request.overrides.iter().any(|o| o.target.name() == *name) {
                return Err(format!("`{name}` is set by the request and by the posterior: drop it from one of them"));
            }
        }
        let starts = Starts::new(scenario);
        let mut index: BTreeMap<usize, usize> = BTreeMap::new();
        let mut world_of_run = Vec::with_capacity(usize::try_from(runs).unwrap_or(0));
        let mut particle_of_world = Vec::new();
        for r in 0..runs {
            let j = posterior.draw(seed, r);
            let next = index.len();
            let w = *index.entry(j).or_insert_with(|| {
                particle_of_world.push(Some(j));
                next
            });
            world_of_run.push(w);
        }
        let templates = particle_of_world
            .iter()
            .map(|j| {
                let j = j.unwrap_or_default();
                let mut req = request.clone();
                req.overrides.extend(posterior.overrides(j));
                starts.template(&req).map_err(|e| format!("posterior particle {j}: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Worlds { templates, world_of_run, particle_of_world, resolved })
    }

    /// The ensemble's jobs, run `r` from its world, in run order.
    pub fn jobs(&self) -> Vec<Job<'_>> {
        self.world_of_run
            .iter()
            .enumerate()
            .map(|(r, &w)| Job { template: &self.templates[w], run: r as u64 })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab::{Kind, Override};

    fn posterior() -> Posterior {
        Posterior::from_csv("particle,weight,distance,accident_hazard\n0,1,0,0.001\n1,3,0,0.05\n", "p.csv").unwrap()
    }

    #[test]
    fn each_run_takes_the_world_of_its_particle() {
        let s = lab::Loaded::builtin("south-asia").unwrap().scenario;
        let p = posterior();
        let w = Worlds::new(&s, &RunRequest::default(), Some(&p), 5, 40).unwrap();
        assert_eq!(w.world_of_run.len(), 40);
        assert_eq!(w.templates.len(), 2, "both particles drawn in 40 runs");
        for (r, &k) in w.world_of_run.iter().enumerate() {
            assert_eq!(w.particle_of_world[k], Some(p.draw(5, r as u64)));
        }
        let without = Worlds::new(&s, &RunRequest::default(), None, 5, 3).unwrap();
        assert_eq!((without.templates.len(), without.world_of_run.clone()), (1, vec![0, 0, 0]));
    }

    #[test]
    fn a_parameter_set_twice_is_refused() {
        let s = lab::Loaded::builtin("south-asia").unwrap().scenario;
        let request = RunRequest {
            overrides: vec![Override::parse(Kind::Parameter, "accident_hazard=0.01").unwrap()],
            ..RunRequest::default()
        };
        let e = Worlds::new(&s, &request, Some(&posterior()), 1, 3).unwrap_err();
        assert!(e.contains("`accident_hazard` is set by the request and by the posterior"), "{e}");
    }

    #[test]
    fn the_source_hashes_the_text() {
        let text = "particle,weight,distance,accident_hazard\n0,1,0,0.001\n";
        let p = Posterior::from_csv(text, "p.csv").unwrap();
        let s = PosteriorSource::new(&p, text);
        assert_eq!(s.hash, lab::hash::fnv1a_hex(text));
        assert_eq!((s.particles, s.origin.as_str()), (1, "p.csv"));
    }
}
