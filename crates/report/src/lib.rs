//! Exporters of Deterrence Lab results: one module per format, as in hyperfine.
//!
//! A [`StabilityReport`] gathers what `deterrence stability` computed — the [`Provenance`] of
//! the run, the [`Constants`] used and one [`PairStability`] per adversary pair — and each
//! format module renders it: [`table`] for people, [`json`] for programs (versioned schema),
//! [`csv`] for spreadsheets and statistics packages. The same split holds for the
//! deterrence-region grid ([`csv::grid`]) and the citation list ([`Citation`]).

pub mod bibtex;
pub mod csv;
pub mod json;
pub mod table;

use exchange::dyad::{Constants, PairStability};
use serde::Serialize;

pub use lab::document::JSON_SCHEMA;

/// The one-line caveat printed with every human-readable table.
pub const CAVEAT: &str = "Model estimates from open sources (FAS, SIPRI and stated assumptions), not intelligence \
assessments; expected values of a simplified exchange calculus.";

pub use lab::provenance::{Provenance, fnv1a_hex};

/// Everything `deterrence stability` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StabilityReport {
    /// Provenance of the run.
    pub provenance: Provenance,
    /// Scenario title.
    pub title: Option<String>,
    /// Constants and settings used.
    pub constants: Constants,
    /// Scenario inputs set on top of the scenario (`--set`), if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<lab::Override>,
    /// One entry per adversary pair.
    pub pairs: Vec<PairStability>,
    /// With `--bound worst-for=STATE` / `best-for=STATE`: the inputs fixed at an end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound_for: Option<BoundFor>,
    /// Pairs left out because neither side holds nuclear weapons (`--all` lists them).
    #[serde(skip_serializing_if = "is_zero")]
    pub unarmed_pairs_hidden: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// What `--bound worst-for=STATE` or `best-for=STATE` did: every uncertain input that moves
/// the state's second strike, fixed at the end of its range worse (better) for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoundFor {
    /// `worst` or `best`.
    pub lean: &'static str,
    /// ISO3 of the state.
    pub state: String,
    /// The inputs fixed, in scenario order.
    pub inputs: Vec<FixedInput>,
}

/// One input fixed at an end of its range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixedInput {
    /// Dotted path through the scenario's tables.
    pub path: String,
    /// `low` or `high`.
    pub end: &'static str,
    /// The value used.
    pub value: f64,
}

/// One citation of a data source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Scenario the source is used by.
    pub scenario: String,
    /// Citation key.
    pub key: String,
    /// Full citation.
    pub citation: String,
    /// Address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// What kind of source it is.
    pub kind: SourceKind,
}

/// The kinds of source `deterrence data cite` groups citations by, in the order it prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// Estimates of nuclear forces: Nuclear Notebook, SIPRI Yearbook, FAS status tables,
    /// IISS Military Balance, the Nuclear Weapons Databook.
    ForceEstimate,
    /// Datasets: ICB, COW, UCDP/PRIO, latency, rivalry, economic and military-spending series.
    Dataset,
    /// Official documents and statements: treaties, laws, doctrines, resolutions, speeches,
    /// government and IAEA statements.
    Official,
    /// Books, journal articles and research reports.
    Literature,
    /// News reports and other pages.
    News,
    /// The project's own assumptions (keys starting `assume-`), with their reasoning.
    Assumption,
    /// The historical record in this repository (data/*.csv, docs/record.md).
    Record,
}

/// Whether a citation opens with an author in the form "Surname, I." (a book, article or report).
fn starts_with_author(citation: &str) -> bool {
    let Some((surname, rest)) = citation.split_once(", ") else { return false };
    let mut initial = rest.chars();
    surname.chars().next().is_some_and(char::is_uppercase)
        && surname.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && initial.next().is_some_and(char::is_uppercase)
        && initial.next() == Some('.')
}

/// The distinct sources of a citation list, grouped by kind (in [`SourceKind::ALL`] order, then
/// in order of first use), each with the scenarios or record files that use it.
pub fn distinct_sources(citations: &[Citation]) -> Vec<(&Citation, Vec<&str>)> {
    let mut out: Vec<(&Citation, Vec<&str>)> = Vec::new();
    for kind in SourceKind::ALL {
        let start = out.len();
        for c in citations.iter().filter(|c| c.kind == kind) {
            let same = |(d, _): &&mut (&Citation, Vec<&str>)| {
                d.key == c.key && d.citation == c.citation && d.url == c.url && d.published == c.published
            };
            match out[start..].iter_mut().find(same) {
                Some((_, users)) => {
                    if !users.contains(&c.scenario.as_str()) {
                        users.push(&c.scenario);
                    }
                }
                None => out.push((c, vec![c.scenario.as_str()])),
            }
        }
    }
    out
}

impl SourceKind {
    /// Every kind, in print order.
    pub const ALL: [SourceKind; 7] = [
        SourceKind::ForceEstimate,
        SourceKind::Dataset,
        SourceKind::Official,
        SourceKind::Literature,
        SourceKind::News,
        SourceKind::Record,
        SourceKind::Assumption,
    ];

    /// Heading of the kind's group.
    pub fn heading(self) -> &'static str {
        match self {
            SourceKind::ForceEstimate => "Nuclear force estimates",
            SourceKind::Dataset => "Datasets",
            SourceKind::Official => "Official documents and statements",
            SourceKind::Literature => "Books, articles and reports",
            SourceKind::News => "News reports and other pages",
            SourceKind::Assumption => "Project assumptions",
            SourceKind::Record => "The historical record in this repository",
        }
    }

    /// Classifies a source from its key and citation text (first match wins, in the order
    /// assumption, record, force estimate, dataset, official statements by name, literature,
    /// other official documents, news).
    pub fn classify(key: &str, citation: &str) -> SourceKind {
        let has = |words: &[&str]| words.iter().any(|w| citation.contains(w));
        if key.starts_with("assume-") || citation.starts_with("Project assumption") {
            SourceKind::Assumption
        } else if citation.starts_with("Deterrence Lab historical record") {
            SourceKind::Record
        } else if has(&[
            "Bulletin of the Atomic Scientists",
            "Nuclear Notebook",
            "SIPRI Yearbook",
            "Status of World Nuclear Forces",
            "World Nuclear Forces",
            "World nuclear forces",
            "Military Balance",
            "Nuclear Weapons Databook",
            "stockpiles",
        ]) {
            SourceKind::ForceEstimate
        } else if has(&[
            "Dataset",
            "dataset",
            "Database",
            "database",
            "Correlates of War",
            "COW ",
            "ICB ",
            "ICB v",
            "UCDP",
            "World Development Indicators",
            "Historical Statistics",
            "Handbook of International Rivalries",
            "replication file",
            "Bleek",
        ]) {
            SourceKind::Dataset
        } else if has(&[
            "speech",
            "address",
            "HM Government",
            "Department of",
            "Presidential",
            "Rada law",
            "Government of",
            "Ministry",
        ]) {
            SourceKind::Official
        } else if starts_with_author(citation)
            || has(&[
                "Journal",
                "Review",
                "RAND ",
                "Foreign Affairs",
                "International Security",
                "University Press",
                "Press, ",
                "Fact Sheet",
                "CRS ",
                "Congressional Research Service",
                "Institute",
                "CSIS",
                "Arms Control Association",
                "Arms Control Today",
                "Brookings",
                "Carnegie",
                "Databook",
                "Simon & Schuster",
                "Macmillan",
                "Routledge",
                "Science & Global Security",
                "Monitor",
            ])
        {
            SourceKind::Literature
        } else if has(&[
            "Treaty",
            "treaty",
            "Agreement",
            "resolution",
            "Resolution",
            "law ",
            "Law ",
            "Decree",
            "Doctrine",
            "Department of",
            "Ministry",
            "Government of",
            "IAEA",
            "White House",
            "Memorandum",
            "statement",
            "press release",
            "UN doc",
            "Presidential",
            "FRUS",
            "Foreign Relations of the United States",
            "Security Council",
            "UNODA",
            "speech",
            "Speech",
            "interview",
            "press conference",
            "President",
            "Prime Minister",
            "Minister",
            "Strategic Concept",
            "Royal Navy",
            "Missile Defense Agency",
            "Director of National Intelligence",
            "HM Government",
            "Declaration",
            "Ordonnance",
            "Statute",
            "proposal",
            "Charter",
        ]) {
            SourceKind::Official
        } else {
            SourceKind::News
        }
    }
}

/// Everything needed to reproduce a simulation run (written as `manifest.json`).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunManifest {
    /// Provenance of the scenario and the tool.
    pub provenance: Provenance,
    /// Master seed.
    pub seed: u64,
    /// Run indices covered (a single run: `[0, 0]`).
    pub run_index_range: [u64; 2],
    /// How the run's random stream is derived.
    pub rng: String,
    /// Versions of the random-number crates (from Cargo.lock).
    pub rand_versions: String,
    /// Settings the run used: lenses, regime preset and levers, every parameter.
    pub resolved: engine::Resolved,
    /// The scenario as resolved (TOML), with any scenario-input overrides applied.
    pub scenario_toml: String,
    /// The overrides given on top of the scenario (parameters, levers, inputs), in order
    /// (absent from manifests written before overrides existed: none).
    #[serde(default)]
    pub overrides: Vec<lab::Override>,
}

impl RunManifest {
    /// Reads a run manifest (`manifest.json`: a JSON document of kind `run-manifest`),
    /// refusing another JSON schema version or kind by name.
    pub fn from_json(text: &str) -> Result<RunManifest, String> {
        let mut v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let obj = v.as_object_mut().ok_or("a run manifest is a JSON object")?;
        match (obj.remove("schema").and_then(|s| s.as_u64()), obj.remove("kind")) {
            (Some(s), Some(serde_json::Value::String(k))) if s == u64::from(JSON_SCHEMA) && k == "run-manifest" => {
                serde_json::from_value(v).map_err(|e| e.to_string())
            }
            (schema, kind) => Err(format!(
                "expected a run manifest of JSON schema {JSON_SCHEMA} (kind `run-manifest`), found schema {} and kind {}",
                schema.map_or_else(|| "none".to_owned(), |s| s.to_string()),
                kind.map_or_else(|| "none".to_owned(), |k| k.to_string())
            )),
        }
    }
}

/// A run's report: manifest, headline measures and records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// Manifest.
    pub manifest: RunManifest,
    /// Title of the scenario.
    pub title: Option<String>,
    /// The run's records and summary.
    pub output: engine::RunOutput,
}

#[cfg(test)]
mod manifest_tests {
    use super::*;

    fn manifest() -> RunManifest {
        let loaded = lab::Loaded::builtin("korea").unwrap();
        let request = lab::RunRequest {
            years: Some(3),
            overrides: vec![lab::Override::parse(lab::Kind::Lever, "inequity=0.25").unwrap()],
            ..Default::default()
        };
        let prepared = request.prepare(&loaded.scenario).unwrap();
        RunManifest {
            provenance: lab::Provenance::current(&loaded),
            seed: 4,
            run_index_range: [0, 0],
            rng: lab::provenance::RNG_STREAM.into(),
            rand_versions: lab::provenance::RAND_VERSIONS.into(),
            resolved: prepared.resolved,
            scenario_toml: String::new(),
            overrides: request.overrides,
        }
    }

    #[test]
    fn run_manifests_read_back_what_was_written() {
        let m = manifest();
        let text = json::render("run-manifest", &m);
        assert_eq!(RunManifest::from_json(&text).unwrap(), m);
    }

    #[test]
    fn another_kind_or_schema_is_refused_by_name() {
        let m = manifest();
        let e = RunManifest::from_json(&json::render("paradox", &m)).unwrap_err();
        assert!(e.contains("kind `run-manifest`"), "{e}");
        let e = RunManifest::from_json("{\"schema\": 9, \"kind\": \"run-manifest\"}").unwrap_err();
        assert!(e.contains("schema 9"), "{e}");
    }
}

#[cfg(test)]
mod source_kind_tests {
    use super::SourceKind::{self, *};

    #[test]
    fn kinds_by_key_and_text() {
        let k = SourceKind::classify;
        assert_eq!(k("assume-x", "Project assumption. Why."), Assumption);
        assert_eq!(k("fas-nn", "Kristensen, H. M. 'X', Bulletin of the Atomic Scientists 81(2)"), ForceEstimate);
        assert_eq!(k("ucdp", "UCDP/PRIO Armed Conflict Dataset v25.1"), Dataset);
        assert_eq!(k("m", "Miller, S. E. 'The Case', Foreign Affairs 72(3)"), Literature);
        assert_eq!(k("h", "Hollande, F., speech on nuclear deterrence, Istres"), Official);
        assert_eq!(k("t", "The North Atlantic Treaty, Washington, 4 April 1949"), Official);
        assert_eq!(k("n", "NATO: Finland became the 31st member on 4 April 2023"), News);
        assert_eq!(k("r", "Deterrence Lab historical record in this repository: data/npt.csv"), Record);
    }
}
