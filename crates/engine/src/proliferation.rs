//! Process 3, horizontal proliferation: states without weapons explore, pursue, acquire or
//! reverse, and armed states may give their weapons up; the regime detects and (selectively)
//! enforces; capable rivals may strike a programme preventively while it has no survivable force.
//!
//! Willingness is a logistic index (Singh & Way 2004 style) of threat, learned value of
//! weapons, perceived inequity, norm weakness (institutionalist lens only) and the expected cost
//! of enforcement, `verification × enforcement × (1 − selectivity × shield) × sanction cost`,
//! where `shield` is the credibility of the state's ties to a veto-holding nuclear-weapon state.
//! Willingness sets how often a state starts exploring and, once it explores, whether it goes
//! on to pursue or stops; the pace of those transitions and of stopping a pursuit are the rates
//! of the historical record (Bleek 2017, estimated in the `history` crate). Time to a weapon
//! is a log-normal duration, accelerated by latency and sensitive assistance and slowed in
//! the era after 1970, estimated from the record's pursuit spells ([`acquisition_probability`]). An armed ally presses a protégé
//! whose programme goes beyond exploration ([`pursuit_index`], Gerzhoy 2015), and an armed state
//! whose motives have faded may give its weapons up ([`arsenal_reversal_probability`], Liberman
//! 2001); both rates are estimated from the record. A recent security shock — a rival's first
//! weapon, or a crisis the state backed down in after it reached war or a nuclear alert — adds
//! to willingness for `shock_window_years` ([`shock`]; Sagan 1996, the security model).
//! Preventive strikes on programmes are [`crate::prevention`].

use crate::effects;
use crate::ladder::{ALERT_RUNG, CrisisOutcome, Ending, WAR_RUNG};
use crate::probability::{chance, logistic};
use crate::record::EventKind;
use crate::world::World;
use model::{NptStatus, NuclearStatus};
use rand::rngs::ChaCha8Rng;

/// Expected cost of enforcement to `i` if it proliferates; 0 for a state that holds weapons:
/// the regime detects and sanctions programmes (exploring or pursuing states, process 3), never
/// an arsenal, so an armed state weighing whether to keep its weapons risks no enforcement.
pub fn expected_enforcement_cost(w: &World, i: usize) -> f64 {
    if w.actors[i].is_armed() {
        return 0.0;
    }
    let r = &w.regime;
    r.verification * r.enforcement * (1.0 - r.selectivity * w.shield(i)) * w.params.sanction_cost
}

pub use crate::world::Covariates;

/// The covariates of `i`'s willingness this year.
pub fn covariates(w: &World, i: usize) -> Covariates {
    Covariates {
        threat: w.actors[i].threat,
        value: w.actors[i].value,
        inequity: w.regime.inequity,
        norm_weakness: 1.0 - w.regime.norm_strength,
        enforcement_cost: expected_enforcement_cost(w, i),
        ally_dependence: ally_dependence(w, i),
        major_power: if w.actors[i].state.major_power_since.is_some_and(|since| w.year >= since) { 1.0 } else { 0.0 },
        shock: shock(w, i),
    }
}

/// Whether a shock of `year` still counts in `now` under a window of `window` years: it counts
/// from the year after it (so the order in which states move within a year does not matter)
/// to `window` years after it, `1 ≤ now − year ≤ window`.
pub fn shock_counts(year: i32, now: i32, window: f64) -> bool {
    let age = f64::from(now) - f64::from(year);
    age >= 1.0 && age <= window
}

/// The security shock to `i` this year, 1 or 0: 1 when its latest shock
/// ([`note_shocks`]: an active rival's first weapons, or a crisis `i` backed down in after it
/// reached war or a nuclear alert, [`setback_side`]) still counts ([`shock_counts`] within
/// `shock_window_years`). These are the events the record's decisions followed (Sagan 1996, "Why
/// Do States Build Nuclear Weapons? Three Models in Search of a Bomb", International Security
/// 21(3), the security model: states build weapons against foreign threats, nuclear ones above
/// all — India after China's test of 1964 and the defeat of 1962, China after the nuclear threats
/// of the Taiwan Strait crisis of 1954–55), measured as a state in the model can observe them.
pub fn shock(w: &World, i: usize) -> f64 {
    let window = w.params.shock_window_years;
    if w.actors[i].last_shock.is_some_and(|y| shock_counts(y, w.year, window)) { 1.0 } else { 0.0 }
}

/// The side of crisis `c` (0 the dyad's first state, 1 its second) that suffered a setback: the
/// side that backed down in a crisis that reached war ([`WAR_RUNG`]) or a nuclear alert or
/// threat ([`ALERT_RUNG`]); `None` for a lesser crisis, a stalemate or general war.
pub fn setback_side(c: &CrisisOutcome) -> Option<usize> {
    if c.max_conventional < WAR_RUNG && c.max_nuclear < ALERT_RUNG {
        return None;
    }
    match c.ending {
        Ending::FirstBackedDown => Some(0),
        Ending::SecondBackedDown => Some(1),
        Ending::Stalemate | Ending::GeneralWar => None,
    }
}

/// Notes each state's latest security shock in `last_shock`, once a year before willingness is
/// scored: the year an active rival's possession of weapons began, if before this year, and last
/// year for the side that suffered a setback ([`setback_side`]) in last year's crisis, which the
/// dyads hold until this year's crisis process runs. One pass over the dyads.
pub fn note_shocks(w: &mut World) {
    let year = w.year;
    for k in 0..w.dyads.len() {
        let d = &w.dyads[k];
        let (a, b) = (d.a, d.b);
        if let Some(side) = d.crisis.as_ref().and_then(setback_side) {
            note_shock(w, if side == 0 { a } else { b }, year - 1);
        }
        if !w.dyads[k].is_active() {
            continue;
        }
        for (i, rival) in [(a, b), (b, a)] {
            let since = w.actors[rival].status_since;
            if w.actors[rival].is_armed() && since < year {
                note_shock(w, i, since);
            }
        }
    }
}

/// Notes a shock to `i` in `year` unless a later one is already noted.
fn note_shock(w: &mut World, i: usize, year: i32) {
    let last = &mut w.actors[i].last_shock;
    *last = Some(last.map_or(year, |l| l.max(year)));
}

/// How much `i` depends on a nuclear-armed ally: the best credibility of any commitment to it
/// from a guarantor that holds weapons, in [0, 1] (0 without one). The leverage an ally has over
/// its protégé's programme grows with the protégé's dependence on it (Gerzhoy 2015).
pub fn ally_dependence(w: &World, i: usize) -> f64 {
    w.commitments_to(i)
        .filter(|c| w.actors[c.guarantor].is_armed())
        .map(|c| c.credibility)
        .fold(0.0, f64::max)
        .clamp(0.0, 1.0)
}

/// The willingness index on the logit scale:
/// `intercept + threat·β_t + value·β_v + inequity·β_i + norm weakness·β_n − cost·β_c +
/// major power·β_m + shock·β_s`.
pub fn willingness_index(p: &crate::params::Params, c: &Covariates) -> f64 {
    p.willingness_intercept
        + p.willingness_threat * c.threat
        + p.willingness_major_power * c.major_power
        + p.willingness_shock * c.shock
        + p.willingness_value * c.value
        + p.willingness_inequity * c.inequity
        + p.willingness_norm * c.norm_weakness
        - p.willingness_cost * c.enforcement_cost
}

/// The willingness index of a state deciding whether to pursue, or to go on pursuing, a
/// programme it has begun: [`willingness_index`] less `ally_pressure × ally dependence`. An
/// armed ally presses a protégé whose programme has gone beyond exploration, with leverage in
/// proportion to the protégé's dependence on it (Gerzhoy 2015, "Alliance Coercion and Nuclear
/// Restraint"; the United States on West Germany, South Korea and Taiwan); an exploration is
/// too early to press, so onsets use [`willingness_index`].
pub fn pursuit_index(p: &crate::params::Params, c: &Covariates) -> f64 {
    willingness_index(p, c) - p.ally_pressure * c.ally_dependence
}

/// The yearly probability that a state without a programme whose willingness index is `index`
/// ([`willingness_index`]) starts exploring: `explore_hazard × logistic(index + onset_shift)`.
/// At `onset_shift` 0 it is `explore_hazard × willingness`; a negative shift with a larger
/// `explore_hazard` makes onset rise more steeply with the index, as in the discrete-time hazard
/// models of Singh & Way (2004) and Jo & Gartzke (2007), where the covariates set the onset
/// probability through a logit link. The shift applies to onset only, not to the decisions to
/// pursue or stop.
pub fn onset_probability(p: &crate::params::Params, index: f64) -> f64 {
    p.explore_hazard * logistic(index + p.onset_shift)
}

/// `i`'s willingness to proliferate, in (0, 1): the logistic of [`willingness_index`].
pub fn willingness(w: &World, i: usize) -> f64 {
    logistic(willingness_index(&w.params, &covariates(w, i)))
}

pub use crate::params::pursuit_speed;

/// The pace of `i`'s pursuit this year ([`pursuit_speed`] at its latency, assistance and the
/// start of its pursuit spell).
pub fn speed_of(w: &World, i: usize) -> f64 {
    let a = &w.actors[i];
    pursuit_speed(&w.params, a.latency, a.assisted, a.status_since)
}

/// The probability that a pursuit with `progress` baseline years behind it has not yet produced
/// a weapon: the log-normal survival `1 − Φ((ln progress − ln pursuit_median_years) / pursuit_sigma)`
/// (1 at no progress).
pub fn pursuit_survival(p: &crate::params::Params, progress: f64) -> f64 {
    if progress <= 0.0 {
        return 1.0;
    }
    let z = (progress.ln() - p.pursuit_median_years.max(1e-9).ln()) / p.pursuit_sigma.max(1e-9);
    1.0 - crate::probability::normal_cdf(z)
}

/// The probability that a pursuit with `progress` baseline years behind it produces its first
/// weapon in a year that adds `speed` more: the log-normal hazard over the year,
/// `1 − S(progress + speed) / S(progress)` ([`pursuit_survival`]); 1 once the survival is 0.
pub fn acquisition_probability(p: &crate::params::Params, progress: f64, speed: f64) -> f64 {
    let before = pursuit_survival(p, progress);
    if before <= 0.0 {
        return 1.0;
    }
    (1.0 - pursuit_survival(p, progress + speed) / before).clamp(0.0, 1.0)
}

/// How far `i`'s pursuit has gone, in [0, 1]: its progress as a share of the median baseline
/// time to a weapon (what a rival weighs when it considers a preventive strike).
pub fn progress_share(w: &World, i: usize) -> f64 {
    (w.actors[i].pursuit_progress / w.params.pursuit_median_years.max(1e-9)).min(1.0)
}

/// The yearly probability that a pursuing state at willingness `will` stops its programme:
/// `1 − exp(−pursuit_stop_rate × (1 − will) / (1 − programme_reference_willingness))`, plus
/// `reversal_sanctioned` under sanctions (capped at 1). At the willingness of the average
/// historical programme it is the recorded rate (Bleek 2017); a state whose motives fade (its
/// rival made peace, an ally's guarantee covers it) stops sooner, a driven one later.
pub fn stop_probability(p: &crate::params::Params, will: f64, sanctioned: bool) -> f64 {
    let relative = (1.0 - will) / (1.0 - p.programme_reference_willingness).max(1e-9);
    let base = 1.0 - (-p.pursuit_stop_rate * relative).exp();
    (base + if sanctioned { p.reversal_sanctioned } else { 0.0 }).min(1.0)
}

/// The yearly probability that an armed state at willingness `will` gives up its arsenal:
/// `1 − exp(−arsenal_reversal_rate × (1 − will) / (1 − programme_reference_willingness))`, the
/// form of [`stop_probability`] with the record's rate of giving up weapons. A possessor whose
/// motives have faded — its threat gone, as South Africa's was after the Angolan settlement of
/// 1988 (Liberman 2001) — gives up sooner than one that still faces an armed rival.
pub fn arsenal_reversal_probability(p: &crate::params::Params, will: f64) -> f64 {
    let relative = (1.0 - will) / (1.0 - p.programme_reference_willingness).max(1e-9);
    1.0 - (-p.arsenal_reversal_rate * relative).exp()
}

/// Runs the process for every state, in index order: states without weapons explore, pursue,
/// acquire or reverse; armed states may give up their weapons
/// ([`arsenal_reversal_probability`]).
pub fn step(w: &mut World, rng: &mut ChaCha8Rng) {
    note_shocks(w);
    let p = w.params.clone();
    for i in 0..w.actors.len() {
        let inputs = covariates(w, i);
        let index = willingness_index(&p, &inputs);
        let will = logistic(index);
        let pursue_will = logistic(pursuit_index(&p, &inputs));
        w.actors[i].willingness = will;
        w.actors[i].willingness_inputs = inputs;
        if w.statuses_from_schedule {
            continue;
        }
        if w.actors[i].is_armed() {
            if p.arsenal_reversal_rate > 0.0 && chance(rng, arsenal_reversal_probability(&p, will)) {
                effects::disarm(w, i);
            }
            continue;
        }
        let status = w.actors[i].status;
        match status {
            NuclearStatus::None | NuclearStatus::Disarmed => {
                if chance(rng, onset_probability(&p, index)) {
                    set_status(w, i, NuclearStatus::Exploring);
                    w.tally.explorations += 1;
                    w.record(EventKind::Explore { willingness: will }, Some(i), None);
                }
            }
            NuclearStatus::Exploring => {
                detect(w, i, rng);
                // Competing risks at the recorded pace (Bleek 2017): the state leaves exploration
                // at `explore_exit_rate`, to pursuit with probability equal to its willingness to
                // pursue ([`pursuit_index`]).
                if chance(rng, 1.0 - (-p.explore_exit_rate).exp()) {
                    if chance(rng, pursue_will) {
                        set_status(w, i, NuclearStatus::Pursuing);
                        w.tally.pursuits += 1;
                        w.record(EventKind::Pursue { willingness: pursue_will }, Some(i), None);
                    } else {
                        reverse_programme(w, i);
                    }
                } else if w.actors[i].sanctioned && chance(rng, p.reversal_sanctioned) {
                    reverse_programme(w, i);
                }
            }
            NuclearStatus::Pursuing => {
                detect(w, i, rng);
                if chance(rng, stop_probability(&p, pursue_will, w.actors[i].sanctioned)) {
                    reverse_programme(w, i);
                    continue;
                }
                // A year of pursuit at its pace; the weapon comes with the log-normal hazard.
                let speed = speed_of(w, i);
                let progress = w.actors[i].pursuit_progress;
                w.actors[i].pursuit_years += 1.0;
                w.actors[i].pursuit_progress = progress + speed;
                if chance(rng, acquisition_probability(&p, progress, speed)) {
                    let unpunished = !w.actors[i].sanctioned;
                    effects::acquire(w, i);
                    effects::cascade(w, i, unpunished);
                }
            }
            NuclearStatus::Possessing => {}
        }
    }
    if !w.statuses_from_schedule {
        crate::prevention::step(w, rng);
    }
}

fn set_status(w: &mut World, i: usize, status: NuclearStatus) {
    let a = &mut w.actors[i];
    a.status = status;
    a.state.nuclear_status = status;
    a.status_since = w.year;
    if status == NuclearStatus::Pursuing {
        a.pursuit_years = 0.0;
    }
}

/// The regime's verification may detect `i`'s programme; a detected violation by a member of
/// the NPT is enforced against with probability `enforcement × (1 − selectivity × shield)`.
fn detect(w: &mut World, i: usize, rng: &mut ChaCha8Rng) {
    if w.actors[i].detected {
        return;
    }
    let factor = if w.actors[i].status == NuclearStatus::Pursuing { 1.0 } else { w.params.detection_exploring_factor };
    if !chance(rng, w.regime.verification * factor) {
        return;
    }
    w.actors[i].detected = true;
    w.tally.detections += 1;
    let member = w.actors[i].state.npt == NptStatus::NonNuclearMember;
    if !member {
        w.record(EventKind::Detected, Some(i), None);
        return;
    }
    let shield = w.shield(i);
    if chance(rng, w.regime.enforcement * (1.0 - w.regime.selectivity * shield)) {
        w.actors[i].sanctioned = true;
        w.tally.enforcements += 1;
        w.record(EventKind::Enforcement { shield }, Some(i), None);
    } else {
        w.signals.unpunished += 1;
        if shield > 0.0 {
            w.signals.exceptions += 1;
        }
        w.record(EventKind::Unpunished { shield }, Some(i), None);
    }
}

/// Ends `i`'s programme. A programme that stops unsanctioned keeps the progress its pursuit made
/// (`pursuit_progress`: if it resumes, the years it already spent count; Fuhrmann & Tkach 2015:
/// most programmes leave enrichment or reprocessing capacity behind); one that stops under
/// sanctions loses it (dismantling is what enforcement demands: Iraq 1991, Libya 2003).
fn reverse_programme(w: &mut World, i: usize) {
    let sanctioned = w.actors[i].sanctioned;
    set_status(w, i, NuclearStatus::None);
    let a = &mut w.actors[i];
    a.detected = false;
    a.sanctioned = false;
    a.pursuit_years = 0.0;
    if sanctioned {
        a.pursuit_progress = 0.0;
    }
    w.tally.reversals += 1;
    if sanctioned {
        // Enforcement that worked.
        w.signals.enforcements += 1;
        effects::enforcement_worked(w);
    }
    w.record(EventKind::Reversal { under_sanctions: sanctioned }, Some(i), None);
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::params::Params;

    #[test]
    fn arsenal_reversal_follows_the_stop_form_with_its_own_rate() {
        let p = Params { arsenal_reversal_rate: 0.01, programme_reference_willingness: 0.5, ..Params::default() };
        // At the reference willingness, the rate itself: 1 − e^(−0.01).
        assert!((arsenal_reversal_probability(&p, 0.5) - (1.0 - (-0.01f64).exp())).abs() < 1e-15);
        // At willingness 0, twice the rate: 1 − e^(−0.02).
        assert!((arsenal_reversal_probability(&p, 0.0) - 0.019_801_326_693_244_7).abs() < 1e-15);
        assert_eq!(arsenal_reversal_probability(&p, 1.0), 0.0);
    }

    #[test]
    fn the_pursuit_duration_is_log_normal_in_baseline_years() {
        let p = Params { pursuit_median_years: 10.0, pursuit_sigma: 1.0, ..Params::default() };
        assert_eq!(pursuit_survival(&p, 0.0), 1.0);
        // At the median, half the pursuits are still going.
        assert!((pursuit_survival(&p, 10.0) - 0.5).abs() < 1e-7);
        // One sigma above: 1 − Φ(1) = 0.158655.
        assert!((pursuit_survival(&p, 10.0 * 1f64.exp()) - 0.158_655_253_931_457).abs() < 1e-7);
        // From the median, a year worth 10 baseline years: 1 − (1 − Φ(ln 2)) / 0.5 = 0.511783.
        assert!((acquisition_probability(&p, 10.0, 10.0) - 0.511_782_808_428_834_5).abs() < 1e-6);
        // No progress, no weapon.
        assert_eq!(acquisition_probability(&p, 5.0, 0.0), 0.0);
    }

    #[test]
    fn the_pursuit_speed_multiplies_the_covariate_effects() {
        let p = Params {
            pursuit_latency_effect: 0.4,
            pursuit_assistance_effect: 0.3,
            pursuit_npt_era_effect: 1.0,
            pursuit_npt_era_year: 1970.0,
            ..Params::default()
        };
        // exp(0.4 × 0.5 + 0.3 − 1.0) = exp(−0.5).
        assert!((pursuit_speed(&p, 0.5, true, 1980) - 0.606_530_659_712_633_4).abs() < 1e-15);
        // Before the era: exp(0.2 + 0.3).
        assert!((pursuit_speed(&p, 0.5, true, 1969) - 0.5f64.exp()).abs() < 1e-15);
        assert_eq!(pursuit_speed(&p, 0.0, false, 1950), 1.0);
    }

    #[test]
    fn the_pursuit_index_subtracts_the_allys_pressure() {
        let p = Params { ally_pressure: 2.0, ..Params::default() };
        let c = Covariates { threat: 0.5, ally_dependence: 0.8, ..Covariates::default() };
        // 2.0 × 0.8 = 1.6 below the onset index.
        assert!((willingness_index(&p, &c) - pursuit_index(&p, &c) - 1.6).abs() < 1e-12);
        let alone = Covariates { ally_dependence: 0.0, ..c };
        assert_eq!(pursuit_index(&p, &alone), willingness_index(&p, &alone));
    }
}
