//! Running an experiment as a Slurm job array: which shard an array task runs, where it
//! writes, and how an explicit `--shard` and the array's environment are reconciled.
//!
//! This module reads no environment: the front end passes the values of
//! `SLURM_ARRAY_TASK_ID`, `_MIN`, `_COUNT` and `_STEP` in ([`ArrayEnv`]). Task `id` of an
//! array `min..` of `count` tasks with step 1 runs shard `id − min + 1` of `count`; any other
//! step is an error saying so (the shards would not cover the design). Inside an array every
//! task is given the same output directory and writes to its own subdirectory
//! `shard-K-of-N` ([`shard_dir`]); [`crate::store::merge`] finds them there.

use std::path::{Path, PathBuf};

/// The job-array variables Slurm sets in each array task, as text (`None`: not set).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArrayEnv {
    /// `SLURM_ARRAY_TASK_ID`: this task's index.
    pub task_id: Option<String>,
    /// `SLURM_ARRAY_TASK_MIN`: the array's smallest index.
    pub task_min: Option<String>,
    /// `SLURM_ARRAY_TASK_COUNT`: the number of tasks in the array.
    pub task_count: Option<String>,
    /// `SLURM_ARRAY_TASK_STEP`: the step between indices.
    pub task_step: Option<String>,
}

impl ArrayEnv {
    /// The variables' names, in field order.
    pub const NAMES: [&'static str; 4] =
        ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_STEP"];

    /// The variables looked up by name with `get` (the caller's environment, or a test's map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> ArrayEnv {
        let [id, min, count, step] = ArrayEnv::NAMES.map(get);
        ArrayEnv { task_id: id, task_min: min, task_count: count, task_step: step }
    }

    /// Whether this is an array task (`SLURM_ARRAY_TASK_ID` is set).
    pub fn in_array(&self) -> bool {
        self.task_id.is_some()
    }

    /// The shard `(k, n)` this array task runs, or `None` outside an array. An error says
    /// which variable is missing or malformed, or that the step is not 1.
    pub fn shard(&self) -> Result<Option<(usize, usize)>, String> {
        let Some(id) = &self.task_id else { return Ok(None) };
        let number = |name: &str, value: &Option<String>| -> Result<usize, String> {
            let v = value.as_deref().ok_or_else(|| format!("{name} is not set (SLURM_ARRAY_TASK_ID is {id})"))?;
            v.trim().parse::<usize>().map_err(|_| format!("{name} is `{v}`, not a whole number"))
        };
        let id = number("SLURM_ARRAY_TASK_ID", &Some(id.clone()))?;
        let min = number("SLURM_ARRAY_TASK_MIN", &self.task_min)?;
        let count = number("SLURM_ARRAY_TASK_COUNT", &self.task_count)?;
        let step = match &self.task_step {
            Some(_) => number("SLURM_ARRAY_TASK_STEP", &self.task_step)?,
            None => 1,
        };
        if step != 1 {
            return Err(format!(
                "the job array has step {step} (SLURM_ARRAY_TASK_STEP): a shard is one task of an array with step 1 \
                 (e.g. --array=1-{count}); submit such an array, or pass --shard K/N"
            ));
        }
        if count == 0 || id < min || id - min >= count {
            return Err(format!(
                "array task {id} is outside the array of {count} tasks starting at {min} \
                 (SLURM_ARRAY_TASK_ID, _MIN, _COUNT)"
            ));
        }
        Ok(Some((id - min + 1, count)))
    }
}

/// Which shard to run and where, from an explicit `--shard` and the array's environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardChoice {
    /// The shard `(k, n)`, or `None` for the whole experiment.
    pub shard: Option<(usize, usize)>,
    /// Whether the shard writes to its own subdirectory of the output directory (inside a
    /// job array, where every task is given the same directory).
    pub subdirectory: bool,
    /// A disagreement between `--shard` and the environment, to report (the explicit shard
    /// is run).
    pub note: Option<String>,
}

/// Reconciles an explicit `--shard` with the array environment: an explicit shard wins and a
/// disagreement (or an environment that names no shard) is reported in the note; without one
/// the environment decides, and its errors are errors. Inside an array the shard writes to
/// its own subdirectory.
pub fn choose_shard(explicit: Option<(usize, usize)>, env: &ArrayEnv) -> Result<ShardChoice, String> {
    let from_env = env.shard();
    let subdirectory = env.in_array();
    match explicit {
        Some((k, n)) => {
            let note = match from_env {
                Ok(Some(e)) if e != (k, n) => Some(format!(
                    "--shard {k}/{n} differs from the Slurm array task's shard {}/{}; running {k}/{n} as given",
                    e.0, e.1
                )),
                Err(message) => Some(format!("{message}; running --shard {k}/{n} as given")),
                _ => None,
            };
            Ok(ShardChoice { shard: Some((k, n)), subdirectory, note })
        }
        None => Ok(ShardChoice { shard: from_env?, subdirectory, note: None }),
    }
}

/// The name of a shard's subdirectory: `shard-K-of-N`.
pub fn shard_dir_name(k: usize, n: usize) -> String {
    format!("shard-{k}-of-{n}")
}

/// Where a shard writes, given the output directory (`dir` itself, or its `shard-K-of-N`
/// subdirectory inside a job array).
pub fn shard_dir(dir: &Path, choice: &ShardChoice) -> PathBuf {
    match choice.shard {
        Some((k, n)) if choice.subdirectory => dir.join(shard_dir_name(k, n)),
        _ => dir.to_owned(),
    }
}

/// Parses a shard subdirectory's name `shard-K-of-N`.
pub fn parse_shard_dir_name(name: &str) -> Option<(usize, usize)> {
    let (k, n) = name.strip_prefix("shard-")?.split_once("-of-")?;
    let (k, n) = (k.parse::<usize>().ok()?, n.parse::<usize>().ok()?);
    (n >= 1 && (1..=n).contains(&k)).then_some((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(id: &str, min: &str, count: &str, step: &str) -> ArrayEnv {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        ArrayEnv { task_id: text(id), task_min: text(min), task_count: text(count), task_step: text(step) }
    }

    #[test]
    fn the_shard_is_the_task_offset_from_the_minimum() {
        assert_eq!(env("1", "1", "4", "1").shard(), Ok(Some((1, 4))));
        assert_eq!(env("4", "1", "4", "1").shard(), Ok(Some((4, 4))));
        assert_eq!(env("0", "0", "8", "1").shard(), Ok(Some((1, 8))));
        assert_eq!(env("12", "10", "5", "1").shard(), Ok(Some((3, 5))));
        // No step given: a step of 1.
        assert_eq!(env("2", "1", "3", "").shard(), Ok(Some((2, 3))));
        // Not in an array.
        assert_eq!(ArrayEnv::default().shard(), Ok(None));
        assert!(!ArrayEnv::default().in_array());
    }

    #[test]
    fn a_step_other_than_one_is_an_error_that_says_so() {
        let e = env("3", "1", "4", "2").shard().unwrap_err();
        assert!(e.contains("step 2") && e.contains("--shard"), "{e}");
    }

    #[test]
    fn missing_or_malformed_variables_are_named() {
        let e = env("3", "", "4", "1").shard().unwrap_err();
        assert!(e.contains("SLURM_ARRAY_TASK_MIN is not set"), "{e}");
        let e = env("3", "1", "four", "1").shard().unwrap_err();
        assert!(e.contains("SLURM_ARRAY_TASK_COUNT is `four`"), "{e}");
        let e = env("9", "1", "4", "1").shard().unwrap_err();
        assert!(e.contains("outside the array"), "{e}");
    }

    #[test]
    fn an_explicit_shard_wins_and_a_disagreement_is_reported() {
        let array = env("2", "1", "4", "1");
        let c = choose_shard(Some((3, 4)), &array).unwrap();
        assert_eq!(c.shard, Some((3, 4)));
        assert!(c.subdirectory);
        assert!(c.note.as_deref().unwrap().contains("differs from the Slurm array task's shard 2/4"));
        // Agreement: nothing to report.
        assert_eq!(choose_shard(Some((2, 4)), &array).unwrap().note, None);
        // A bad environment is only reported when --shard is given, an error otherwise.
        let stepped = env("3", "1", "4", "2");
        assert!(choose_shard(Some((2, 4)), &stepped).unwrap().note.unwrap().contains("step 2"));
        assert!(choose_shard(None, &stepped).is_err());
        // Outside an array: the shard as given, in the directory as given.
        let c = choose_shard(Some((1, 2)), &ArrayEnv::default()).unwrap();
        assert_eq!((c.shard, c.subdirectory, c.note.as_deref()), (Some((1, 2)), false, None));
        assert_eq!(shard_dir(Path::new("out"), &c), PathBuf::from("out"));
    }

    #[test]
    fn array_tasks_write_to_their_own_subdirectory() {
        let c = choose_shard(None, &env("7", "5", "4", "1")).unwrap();
        assert_eq!(c.shard, Some((3, 4)));
        assert_eq!(shard_dir(Path::new("out"), &c), Path::new("out").join("shard-3-of-4"));
        assert_eq!(parse_shard_dir_name("shard-3-of-4"), Some((3, 4)));
        assert_eq!(parse_shard_dir_name("shard-5-of-4"), None);
        assert_eq!(parse_shard_dir_name("shard-x-of-4"), None);
        assert_eq!(parse_shard_dir_name(&shard_dir_name(12, 64)), Some((12, 64)));
    }

    #[test]
    fn variables_are_looked_up_by_name() {
        let e = ArrayEnv::from_lookup(|name| match name {
            "SLURM_ARRAY_TASK_ID" => Some("5".into()),
            "SLURM_ARRAY_TASK_MIN" => Some("1".into()),
            "SLURM_ARRAY_TASK_COUNT" => Some("8".into()),
            "SLURM_ARRAY_TASK_STEP" => Some("1".into()),
            _ => None,
        });
        assert_eq!(e.shard(), Ok(Some((5, 8))));
    }
}
