//! Scenario-level entry points: the stability of every adversary pair, and the
//! deterrence-region grid of one pair.
//!
//! [`analyse_pair`] resolves both states into [`Side`]s for the pair's distance and each
//! requested [`Alert`] state and runs [`evaluate_dyad`]. [`GridSetup`] prepares one pair's
//! counterforce problems once, then answers "who deters whom" for any pair of warhead totals by
//! scaling both force structures proportionally (the mix stays that of the scenario).

use crate::blast::BlastError;
use crate::forces::{Alert, Side};
use crate::stability::{DyadStability, StopSearch, evaluate_dyad};
use crate::strike::{Drawdown, StrikeProblem, Workspace, allocate_into};
use model::{Bound, Estimate, Rivalry, Scenario};
use serde::Serialize;

/// Errors of the scenario-level calculus.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DyadError {
    /// A state code that is not in the scenario.
    #[error("unknown state `{0}`: expected an ISO3 code or Correlates of War code of a state in the scenario")]
    UnknownState(String),
    /// A pair that is not a rivalry of the scenario (its distance is unknown).
    #[error("{0}–{1} is not an adversary pair of this scenario; pairs: {2}")]
    NotAPair(String, String, String),
    /// A state without the thresholds the calculus needs.
    #[error("state `{0}` lacks `{1}`, which the stability calculus needs")]
    MissingThreshold(String, &'static str),
    /// Bad hardness or yield.
    #[error(transparent)]
    Blast(#[from] BlastError),
}

/// The constants and settings a stability result was computed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constants {
    /// Lethal-radius model.
    pub lethal_radius_model: model::LethalRadiusModel,
    /// Most warheads per aim point.
    pub max_warheads_per_target: u32,
    /// Share of counterforce warheads withheld.
    pub withhold_fraction: f64,
    /// CEP above which weapons are not used for counterforce, metres.
    pub counterforce_max_cep_m: f64,
    /// Whether silo ICBMs are launched under attack.
    pub launch_under_attack: bool,
    /// Share of silo ICBMs escaping when launched under attack.
    pub launch_under_attack_escape_fraction: f64,
    /// Kent–Thaler cost exponent on damage.
    pub kt_damage_exponent: f64,
    /// Kent–Thaler weight of enemy aims not denied.
    pub kt_denial_weight: f64,
    /// Which value of every uncertain input was used.
    pub bound: Bound,
    /// How the stop rule searched strike sizes.
    pub stop_search: StopSearch,
}

impl Constants {
    /// The constants for `scenario`'s settings at `bound`.
    pub fn new(scenario: &Scenario, bound: Bound, stop_search: StopSearch) -> Self {
        let s = &scenario.exchange;
        Constants {
            lethal_radius_model: s.lethal_radius_model,
            max_warheads_per_target: s.max_warheads_per_target,
            withhold_fraction: s.withhold_fraction.at(bound),
            counterforce_max_cep_m: s.counterforce_max_cep_m.at(bound),
            launch_under_attack: s.launch_under_attack,
            launch_under_attack_escape_fraction: s.launch_under_attack_escape_fraction.at(bound),
            kt_damage_exponent: crate::stability::KT_DAMAGE_EXPONENT,
            kt_denial_weight: crate::stability::KT_DENIAL_WEIGHT,
            bound,
            stop_search,
        }
    }
}

/// The stability of one adversary pair, for each alert state asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairStability {
    /// ISO3 of the first state of the pair.
    pub a: String,
    /// ISO3 of the second.
    pub b: String,
    /// Names of the two states.
    pub names: [String; 2],
    /// Distance used to decide which elements reach, km.
    pub distance_km: f64,
    /// Results per alert state.
    pub results: Vec<DyadStability>,
    /// Inputs of this pair given as ranges (field paths), i.e. the uncertain numbers.
    pub uncertain_inputs: Vec<String>,
}

/// The adversary pairs of a scenario as state-index pairs with their rivalry, in file order.
pub fn rival_pairs(scenario: &Scenario) -> Vec<(usize, usize, &Rivalry)> {
    scenario
        .rivalries
        .iter()
        .filter_map(|r| Some((scenario.state_index(&r.pair[0])?, scenario.state_index(&r.pair[1])?, r)))
        .collect()
}

/// Finds the rivalry between two states given by ISO3 or COW code; the returned indices are
/// in the order asked.
pub fn find_pair<'s>(scenario: &'s Scenario, a: &str, b: &str) -> Result<(usize, usize, &'s Rivalry), DyadError> {
    let ia = scenario.state_index(a).ok_or_else(|| DyadError::UnknownState(a.to_owned()))?;
    let ib = scenario.state_index(b).ok_or_else(|| DyadError::UnknownState(b.to_owned()))?;
    rival_pairs(scenario)
        .into_iter()
        .find(|(x, y, _)| (*x, *y) == (ia, ib) || (*x, *y) == (ib, ia))
        .map(|(_, _, r)| (ia, ib, r))
        .ok_or_else(|| {
            let list: Vec<String> = scenario.rivalries.iter().map(|r| format!("{}–{}", r.pair[0], r.pair[1])).collect();
            DyadError::NotAPair(scenario.states[ia].iso3.clone(), scenario.states[ib].iso3.clone(), list.join(", "))
        })
}

fn uncertain_inputs(scenario: &Scenario, idx: usize, out: &mut Vec<String>) {
    let s = &scenario.states[idx];
    let mut push = |name: String, e: &Estimate| {
        if e.is_uncertain() {
            out.push(format!("{}: {name} = {e}", s.iso3));
        }
    };
    if let Some(e) = &s.unacceptable_damage_warheads {
        push("unacceptable_damage_warheads".into(), e);
    }
    if let Some(e) = &s.w80_warheads {
        push("w80_warheads".into(), e);
    }
    if let Some(e) = &s.incoming_penetration_fraction {
        push("incoming_penetration_fraction".into(), e);
    }
    for f in &s.forces {
        for (field, e) in [
            ("launchers", &f.launchers),
            ("warheads_per_launcher", &f.warheads_per_launcher),
            ("launchers_per_aim_point", &f.launchers_per_aim_point),
            ("yield_kt", &f.yield_kt),
            ("cep_m", &f.cep_m),
            ("reliability", &f.reliability),
            ("range_km", &f.range_km),
            ("hardness_psi", &f.hardness_psi),
            ("day_to_day_survivable_fraction", &f.day_to_day_survivable_fraction),
            ("generated_survivable_fraction", &f.generated_survivable_fraction),
        ] {
            push(format!("{} {field}", f.system), e);
        }
    }
}

fn check_thresholds(scenario: &Scenario, idx: usize) -> Result<(), DyadError> {
    let s = &scenario.states[idx];
    if s.unacceptable_damage_warheads.is_none() {
        return Err(DyadError::MissingThreshold(s.iso3.clone(), "unacceptable_damage_warheads"));
    }
    if s.w80_warheads.is_none() {
        return Err(DyadError::MissingThreshold(s.iso3.clone(), "w80_warheads"));
    }
    Ok(())
}

/// The stability of the pair (`a`, `b`) (state indices) at `distance_km`, for each alert state.
pub fn analyse_pair(
    scenario: &Scenario,
    a: usize,
    b: usize,
    distance_km: f64,
    alerts: &[Alert],
    bound: Bound,
    search: StopSearch,
) -> Result<PairStability, DyadError> {
    check_thresholds(scenario, a)?;
    check_thresholds(scenario, b)?;
    let settings = &scenario.exchange;
    let withhold = settings.withhold_fraction.at(bound);
    let mut results = Vec::with_capacity(alerts.len());
    for &alert in alerts {
        let sa = Side::from_state(&scenario.states[a], alert, distance_km, settings, bound);
        let sb = Side::from_state(&scenario.states[b], alert, distance_km, settings, bound);
        results.push(evaluate_dyad(&sa, &sb, alert, settings, withhold, search)?);
    }
    let mut uncertain = Vec::new();
    uncertain_inputs(scenario, a, &mut uncertain);
    uncertain_inputs(scenario, b, &mut uncertain);
    Ok(PairStability {
        a: scenario.states[a].iso3.clone(),
        b: scenario.states[b].iso3.clone(),
        names: [scenario.states[a].name.clone(), scenario.states[b].name.clone()],
        distance_km,
        results,
        uncertain_inputs: uncertain,
    })
}

/// One pair's counterforce problems, prepared once for the deterrence-region grid.
#[derive(Debug, Clone)]
pub struct GridSetup {
    a: Side,
    b: Side,
    a_on_b: StrikeProblem,
    b_on_a: StrikeProblem,
    /// A's warheads (in reaching elements) in the scenario.
    pub base_a: f64,
    /// B's warheads in the scenario.
    pub base_b: f64,
}

/// Who deters whom at one grid point, with both adequacies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GridCell {
    /// A's warheads.
    pub warheads_a: f64,
    /// B's warheads.
    pub warheads_b: f64,
    /// B's second-strike adequacy after A's best counterforce strike.
    pub adequacy_b: f64,
    /// A's second-strike adequacy after B's best counterforce strike.
    pub adequacy_a: f64,
}

impl GridCell {
    /// B retains a secure second strike, so A is deterred.
    pub fn a_deterred(&self) -> bool {
        self.adequacy_b >= 1.0
    }
    /// A retains a secure second strike, so B is deterred.
    pub fn b_deterred(&self) -> bool {
        self.adequacy_a >= 1.0
    }
}

impl GridSetup {
    /// Prepares the grid for sides resolved for one alert state.
    pub fn new(a: Side, b: Side, scenario: &Scenario, bound: Bound) -> Result<Self, DyadError> {
        let settings = &scenario.exchange;
        let withhold = settings.withhold_fraction.at(bound);
        let a_on_b = StrikeProblem::new(&a, &b, settings, withhold)?;
        let b_on_a = StrikeProblem::new(&b, &a, settings, withhold)?;
        let (base_a, base_b) = (a.warheads(), b.warheads());
        Ok(GridSetup { a, b, a_on_b, b_on_a, base_a, base_b })
    }

    /// Adequacies when A holds `warheads_a` and B `warheads_b`, both force structures scaled
    /// from the scenario's. `scratch` is reused between calls to avoid allocation.
    pub fn cell(&self, warheads_a: f64, warheads_b: f64, scratch: &mut GridScratch) -> GridCell {
        let ka = if self.base_a > 0.0 { warheads_a / self.base_a } else { 0.0 };
        let kb = if self.base_b > 0.0 { warheads_b / self.base_b } else { 0.0 };
        let adequacy_b = scaled_adequacy(&self.a_on_b, &self.a, &self.b, ka, kb, scratch);
        let adequacy_a = scaled_adequacy(&self.b_on_a, &self.b, &self.a, kb, ka, scratch);
        GridCell { warheads_a, warheads_b, adequacy_b, adequacy_a }
    }
}

impl GridSetup {
    /// One row of the grid: A at `warheads_a`, B at each of `axis_b`, in order.
    pub fn row(&self, warheads_a: f64, axis_b: &[f64], scratch: &mut GridScratch) -> Vec<GridCell> {
        axis_b.iter().map(|&nb| self.cell(warheads_a, nb, scratch)).collect()
    }
}

/// A deterrence-region map of one rival pair (Intriligator & Brito): the grid of cells over
/// both sides' warhead totals, with the pair's position in the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionGrid {
    /// First state's ISO3 code.
    pub a: String,
    /// Second state's ISO3 code.
    pub b: String,
    /// The alert state of both sides.
    pub alert: Alert,
    /// A's warhead totals (rows).
    pub axis_a: Vec<f64>,
    /// B's warhead totals (columns).
    pub axis_b: Vec<f64>,
    /// One row per value of `axis_a`, one cell per value of `axis_b`.
    pub cells: Vec<Vec<GridCell>>,
    /// Both sides' warheads in the scenario.
    pub today: (f64, f64),
    /// The pair's inputs that are ranges, as in [`PairStability::uncertain_inputs`].
    pub uncertain_inputs: Vec<String>,
}

/// Deterrence-region maps of the scenario's first `max_maps` rivalries between two armed
/// states, in the generated posture at best estimates, `points` values per axis from 0 to 1.5
/// times the larger arsenal (at least 10). Returns the maps and a note for each pair that could
/// not be mapped, or for a scenario without armed rivals.
pub fn region_grids(scenario: &Scenario, max_maps: usize, points: usize) -> (Vec<RegionGrid>, Vec<String>) {
    let (bound, alert) = (Bound::Best, Alert::Generated);
    let mut maps = Vec::new();
    let mut notes = Vec::new();
    let mut scratch = GridScratch::default();
    for (ia, ib, rivalry) in rival_pairs(scenario) {
        if maps.len() == max_maps {
            break;
        }
        let distance = rivalry.distance_km.at(bound);
        let side = |i: usize| Side::from_state(&scenario.states[i], alert, distance, &scenario.exchange, bound);
        let (sa, sb) = (side(ia), side(ib));
        if sa.warheads() <= 0.0 || sb.warheads() <= 0.0 {
            continue;
        }
        let (a, b) = (scenario.states[ia].iso3.clone(), scenario.states[ib].iso3.clone());
        let setup = match GridSetup::new(sa, sb, scenario, bound) {
            Ok(s) => s,
            Err(e) => {
                notes.push(format!("No deterrence-region map for {a}–{b}: {e}"));
                continue;
            }
        };
        let max = (1.5 * setup.base_a.max(setup.base_b)).max(10.0);
        let steps = points.max(2);
        let axis: Vec<f64> = (0..steps).map(|k| max * k as f64 / (steps - 1) as f64).collect();
        let cells = axis.iter().map(|&na| setup.row(na, &axis, &mut scratch)).collect();
        let uncertain_inputs = analyse_pair(scenario, ia, ib, distance, &[alert], bound, StopSearch::Fast)
            .map(|p| p.uncertain_inputs)
            .unwrap_or_default();
        maps.push(RegionGrid {
            a,
            b,
            alert,
            axis_a: axis.clone(),
            axis_b: axis,
            cells,
            today: (setup.base_a, setup.base_b),
            uncertain_inputs,
        });
    }
    if maps.is_empty() {
        notes.push("No deterrence-region map: the scenario has no rivalry between two armed states.".into());
    }
    (maps, notes)
}

/// Reusable buffers for [`GridSetup::cell`].
#[derive(Debug, Clone, Default)]
pub struct GridScratch {
    work: Workspace,
    drawdown: Drawdown,
}

fn scaled_adequacy(
    problem: &StrikeProblem,
    attacker: &Side,
    defender: &Side,
    k_att: f64,
    k_def: f64,
    scratch: &mut GridScratch,
) -> f64 {
    allocate_into(problem, k_att, k_def, &mut scratch.work, &mut scratch.drawdown);
    let drawdown = &scratch.drawdown;
    let arriving: f64 = defender
        .elements
        .iter()
        .zip(&drawdown.group_survivors)
        .map(|(e, s)| (e.survivable_warheads * k_def + s) * e.reliability)
        .sum::<f64>()
        * attacker.incoming_penetration;
    arriving / attacker.unacceptable_damage
}
