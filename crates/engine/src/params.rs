//! Named parameters of every mechanism, with defaults, units and sources, and the theory lenses
//! as switchable sets of them (docs/model.md §4).
//!
//! Every number a mechanism uses lives here, so that a run's manifest can list them all, a
//! scenario can override any of them by name (`[simulation.parameters]`), and an experiment can
//! vary them. Defaults are documented assumptions unless a source is named; none is tuned to
//! produce a particular outcome. Settings that only trade accuracy for speed are not model
//! parameters: they are run options ([`crate::RunOptions`]).

use model::Lens;

macro_rules! parameters {
    ($( $(#[doc = $doc:literal])* $name:ident = $default:expr, $source:literal; )*) => {
        /// Every mechanism parameter of the engine (see the field docs for meaning and source).
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Params {
            $( $(#[doc = $doc])* pub $name: f64, )*
        }

        impl Default for Params {
            fn default() -> Self {
                Params { $( $name: $default, )* }
            }
        }

        /// Name, default, description and source of every parameter, in declaration order.
        pub const SPECS: &[ParamSpec] = &[
            $( ParamSpec { name: stringify!($name), default: $default, doc: concat!($($doc),*).trim_ascii(), source: $source }, )*
        ];

        impl Params {
            /// Sets a parameter by name; `Err` when the name is unknown (listing the known names)
            /// or the value lies outside the parameter's domain ([`check`]).
            pub fn set(&mut self, name: &str, value: f64) -> Result<(), String> {
                if SPECS.iter().any(|s| s.name == name) {
                    check(name, value)?;
                }
                match name {
                    $( stringify!($name) => { self.$name = value; Ok(()) } )*
                    _ => Err(format!("unknown parameter `{name}`; known parameters: {}",
                        SPECS.iter().map(|s| s.name).collect::<Vec<_>>().join(", "))),
                }
            }

            /// A parameter's value by name.
            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $( stringify!($name) => Some(self.$name), )*
                    _ => None,
                }
            }
        }
    };
}

/// Largest magnitude of any parameter: far beyond every meaningful value (the largest default is
/// 470,000 deaths per warhead), and small enough that the products of parameters the mechanisms
/// form stay finite (a prudence of 1e308 overflows: crisis utilities become infinite or NaN).
pub const MAX_MAGNITUDE: f64 = 1e9;

/// Checks that `value` lies in the domain of parameter `name`: finite and at most
/// [`MAX_MAGNITUDE`] in magnitude; non-negative except the willingness intercept and the onset shift; shares and
/// probabilities at most 1; round counts from 1 to 1,000.
pub fn check(name: &str, value: f64) -> Result<(), String> {
    if !value.is_finite() {
        return Err(format!("parameter `{name}` needs a finite number, got {value}"));
    }
    if value.abs() > MAX_MAGNITUDE {
        return Err(format!("parameter `{name}` is at most 1e9 in magnitude, got {value:e}"));
    }
    if !matches!(name, "willingness_intercept" | "onset_shift") && value < 0.0 {
        return Err(format!("parameter `{name}` cannot be negative, got {value}"));
    }
    const SHARES: [&str; 34] = [
        "counterforce_sspk",
        "theatre_restraint_factor",
        "build_momentum",
        "counterforce_damage_expectancy",
        "explore_hazard",
        "assistance_latency_gain",
        "supplier_min_latency",
        "programme_reference_willingness",
        "reversal_sanctioned",
        "detection_exploring_factor",
        "preventive_strike_rate",
        "preventive_war_probability",
        "new_arsenal_survivability",
        "new_arsenal_c2",
        "nuclear_risk_limited_war",
        "nuclear_risk_major_war",
        "deliberate_use_at_threat",
        "accident_hazard",
        "inadvertent_hazard",
        "inadvertent_use_hazard",
        "guarantee_cover",
        "threat_nuclear_weight",
        "threat_aggregation",
        "limited_use_damage",
        "regime_mean_reversion",
        "learn_decay",
        "learn_invasion",
        "learn_nuclear_immunity",
        "learn_enforcement",
        "learn_cascade",
        "learn_unpunished",
        "survivability_step",
        "c2_improvement",
        "stability_instability_cost_factor",
    ];
    if SHARES.contains(&name) && value > 1.0 {
        return Err(format!("parameter `{name}` is a share or probability: at most 1, got {value}"));
    }
    if matches!(name, "max_rounds" | "stalemate_rounds") && !(1.0..=1000.0).contains(&value) {
        return Err(format!("parameter `{name}` counts rounds: 1 to 1,000, got {value}"));
    }
    Ok(())
}

/// Documentation of one parameter.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// Name used in scenario files and manifests.
    pub name: &'static str,
    /// Default value (before lenses).
    pub default: f64,
    /// Meaning and unit.
    pub doc: &'static str,
    /// Where the default comes from.
    pub source: &'static str,
}

parameters! {
    // --- 1. Regime dynamics ---
    /// Norm strength gained per programme that reversed under sanctions (enforcement that worked).
    norm_gain_per_enforcement = 0.02, "assumption";
    /// Norm strength lost per detected violation left unpunished.
    norm_loss_per_unpunished = 0.03, "assumption";
    /// Norm strength lost per new nuclear-armed state.
    norm_loss_per_acquisition = 0.05, "assumption";
    /// Norm strength lost per unit of yearly relative growth of nuclear-weapon-state arsenals.
    norm_loss_per_arsenal_growth = 0.5, "assumption (Article VI: growth reads as inequity)";
    /// Yearly pull of norm strength and inequity back toward the regime's baseline.
    regime_mean_reversion = 0.05, "assumption";
    /// Inequity gained per unit of yearly relative growth of nuclear-weapon-state arsenals.
    inequity_gain_per_arsenal_growth = 0.5, "assumption";
    /// Inequity gained per unpunished violation by a state shielded by a great power.
    inequity_gain_per_exception = 0.03, "assumption";
    /// Assurance credibility lost when a state without weapons is invaded.
    assurance_loss_per_invasion = 0.1, "assumption";
    /// Norm strength lost after any nuclear use (the taboo broken).
    norm_loss_per_nuclear_use = 0.2, "assumption";

    // --- 2. Threat assessment ---
    /// Weight of a rival's nuclear arsenal in threat (vs its conventional edge).
    threat_nuclear_weight = 0.6, "assumption";
    /// Share of threat removed by a fully credible nuclear guarantee.
    guarantee_cover = 0.7, "assumption; Bleek & Lorber 2014 find guarantees reduce proliferation";
    /// Share of the threats from a state's other rivals added to the threat from its worst (0: the worst rival alone; 1: the rivals' threats added up, at most 1).
    threat_aggregation = 0.0, "the worst-rival rule, kept because the record does not reject it: the profile likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017; the willingness index refitted at each value, `deterrence data willingness --aggregation`, docs/model.md) rises steadily from 0 to its maximum at 1, the rivals' threats added up (Walt 1987, The Origins of Alliances), but by only 0.76 log-likelihood units: likelihood ratio 1.52 against 0, p = 0.11 (boundary, Self & Liang 1987), not significant at 5 %; range for experiments 0–1";

    // --- 3. Horizontal proliferation ---
    /// Intercept of the willingness index (logit scale).
    willingness_intercept = -0.70, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md); standard error 1.71, 90 % Wald interval −3.51 to 2.10";
    /// Willingness per unit of threat (logit).
    willingness_threat = 6.56, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md); standard error 2.16, 90 % Wald interval 3.01–10.11 (Singh & Way 2004 and Jo & Gartzke 2007 also find that security threat raises proliferation)";
    /// Willingness per unit of learned value of weapons (logit).
    willingness_value = 0.0, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md): the unconstrained estimate is negative, so the constrained maximum sits at the boundary 0 — the scenario's value of weapons and its learned changes add nothing to threat in predicting the record's programmes; range for experiments 0–3";
    /// Willingness per unit of perceived inequity (logit).
    willingness_inequity = 1.75, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md); standard error 4.00, 90 % Wald interval −4.83 to 8.33 (likelihood ratio 0.20 against 0, p = 0.33): the record barely identifies it (inequity is one world-wide series)";
    /// Willingness per unit of norm weakness (1 − norm strength), institutionalist lens only (logit).
    willingness_norm = 0.0, "0 under the deterrence lens: the regime constrains only through costs";
    /// Willingness lost per unit of expected enforcement cost (logit).
    willingness_cost = 30.9, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md); standard error 9.29, 90 % Wald interval 15.63–46.20";
    /// Willingness to pursue lost per unit of dependence on a nuclear-armed ally (logit): the ally's pressure on a protégé's programme once it goes beyond exploration (`proliferation::pursuit_index`).
    ally_pressure = 2.76, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md); standard error 1.77, 90 % Wald interval −0.16 to 5.68 (27 exits from exploration, 14 to pursuit; 6 stops in 243 pursuit-years); Gerzhoy 2015 (International Security 39(4)) on alliance coercion";
    /// Willingness per year of major-power status (logit): rank as a motive (Sagan 1996, the norms model).
    willingness_major_power = 1.38, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md); standard error 1.67, 90 % Wald interval −1.37 to 4.13: weakly identified (likelihood ratio 0.44 against 0, p = 0.25); status as a motive: Sagan 1996 (International Security 21(3)), the norms model; major powers from the Correlates of War list (v2016)";
    /// Willingness per unit of recent security shock (logit): a rival that acquired weapons, or a crisis the state backed down in after it reached war or a nuclear alert, within the last `shock_window_years` (`proliferation::shock`).
    willingness_shock = 0.0, "0, the nested model, because the record does not reject it: maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness --shock`, docs/model.md) gives 0.93 (standard error 1.25, 90 % Wald interval −1.13 to 2.99) at the window of 5 years, log-likelihood −145.59 against −145.87 with it held at 0: likelihood ratio 0.57, p = 0.22 (boundary, Self & Liang 1987), not significant at 5 %; the mechanism is Sagan 1996 (International Security 21(3)), the security model; range for experiments 0–3";
    /// Years a security shock counts in a state's willingness (`proliferation::shock`): a shock of year y counts in years y + 1 to y + window.
    shock_window_years = 5.0, "the maximum of the profile likelihood over 1, 2, 3, 5, 7, 10, 15 and 20 years on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017; the willingness index refitted at each, `deterrence data willingness --shock`, docs/model.md); the profile is flat (within 0.29 log-likelihood units over the grid; with 100 replays its maximum moves to 20 years: the record does not identify the window), and at the default `willingness_shock` of 0 the window has no effect; range for experiments 1–20";
    /// Cost of sanctions to a state that bears them (fraction of a unit stake).
    sanction_cost = 0.6, "assumption";
    /// Yearly hazard of starting to explore at full willingness.
    explore_hazard = 0.0472, "maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path (`deterrence data willingness`, docs/model.md); standard error 0.014, 90 % interval 0.029–0.076 (23 explorations began in 1,327 state-years without a programme)";
    /// Shift of the willingness index in the onset draw only (logit): a state without a programme starts exploring with probability `explore_hazard × logistic(index + onset_shift)` (`proliferation::onset_probability`); 0 is the model with onset proportional to willingness.
    onset_shift = 0.0, "0, the nested model, because the record does not reject it: maximum likelihood on the record's programme histories (Bleek 2017, data/programmes.csv, 1946–2017) with the engine's own covariates along the recorded path, jointly with the willingness index and `explore_hazard` (`deterrence data willingness`, docs/model.md), gives −1.84 (standard error 2.72, 90 % Wald interval −6.32 to 2.63) with `explore_hazard` 0.120 (0.228), log-likelihood −145.46 against −145.87 with it held at 0: likelihood ratio 0.83, p = 0.36, not significant at 5 %; the logit onset law without a fixed ceiling is that of the discrete-time hazard models of Singh & Way 2004 (JCR 48(6)) and Jo & Gartzke 2007 (JCR 51(1)); range for experiments −6 to 2.5 (about the 90 % interval)";
    /// Yearly rate (per year, continuous) at which an exploring state leaves exploration, to pursuit or by stopping; the year's probability is 1 − exp(−rate), and the exit is to pursuit with probability equal to the state's willingness.
    explore_exit_rate = 0.103, "Bleek 2017 (data/programmes.csv): 31 exits from exploration (17 to pursuit, 14 stopped) over 301 exploration-years, 1939–2017, maximum-likelihood events / exposure (`deterrence data hazards`); 90 % Garwood interval 0.075–0.139";
    /// Yearly rate (per year, continuous) at which an armed state at the reference willingness gives up its weapons; at willingness w the rate is `arsenal_reversal_rate × (1 − w) / (1 − programme_reference_willingness)` (`proliferation::arsenal_reversal_probability`).
    arsenal_reversal_rate = 0.0120, "maximum likelihood on the record's 448 armed state-years, 1946–2017 (data/programmes.csv: one reversal, South Africa in 1991; Liberman 2001, International Security 26(2)), at the engine's willingness along the recorded path (`deterrence data willingness`, docs/model.md); standard error 0.0120, 90 % interval 0.0023–0.0619";
    /// Willingness of the average historical programme: the share of exits from exploration that went to pursuit; a pursuing state at this willingness stops at `pursuit_stop_rate`.
    programme_reference_willingness = 0.548, "Bleek 2017 (data/programmes.csv): 17 of 31 exits from exploration went to pursuit (`deterrence data hazards`); 90 % Wilson interval 0.40–0.69";
    /// Median years of pursuit to a first weapon for a programme at latency 0, without sensitive assistance, begun before `pursuit_npt_era_year` (the baseline of the log-normal pursuit-to-bomb duration, `proliferation::acquisition_probability`).
    pursuit_median_years = 9.51, "maximum likelihood on the record's pursuit spells (Bleek 2017, data/pursuits.csv: 17 pursuit histories, 10 ended in a weapon, 7 right-censored), a log-normal accelerated-failure-time model with the engine's latency and assistance along the recorded path (`deterrence data durations`, docs/model.md); standard error 4.7, 90 % interval 4.2–21.3";
    /// Spread (standard deviation of the log) of the log-normal pursuit-to-bomb duration.
    pursuit_sigma = 0.762, "maximum likelihood on the record's pursuit spells (Bleek 2017, data/pursuits.csv: 17 pursuit histories, 10 ended in a weapon, 7 right-censored), a log-normal accelerated-failure-time model with the engine's latency and assistance along the recorded path (`deterrence data durations`, docs/model.md); standard error 0.20, 90 % interval 0.49–1.18";
    /// Log-speed of a pursuit per unit of latency: a pursuit at latency L runs exp(effect × L) times as fast as one at latency 0.
    pursuit_latency_effect = 0.761, "maximum likelihood on the record's pursuit spells (Bleek 2017, data/pursuits.csv: 17 pursuit histories, 10 ended in a weapon, 7 right-censored), a log-normal accelerated-failure-time model with the engine's latency and assistance along the recorded path (`deterrence data durations`, docs/model.md); standard error 1.03, 90 % interval −0.94 to 2.46 (likelihood ratio 0.64 against 0: weakly identified); Fuhrmann & Tkach 2015 (Conflict Management and Peace Science 32(4)) on latency";
    /// Log-speed of a pursuit after its state has received sensitive nuclear assistance (an `assistance` event), over and above the latency the assistance brings.
    pursuit_assistance_effect = 0.0, "maximum likelihood on the record's pursuit spells (Bleek 2017, data/pursuits.csv: 17 pursuit histories, 10 ended in a weapon, 7 right-censored), a log-normal accelerated-failure-time model with the engine's latency and assistance along the recorded path (`deterrence data durations`, docs/model.md): the unconstrained estimate is −0.58 (assisted pursuits — China, Israel, Pakistan, North Korea, Libya, Iran — were no faster once the era is accounted for), so it is held at its boundary 0; assistance still speeds a pursuit through the latency it brings (`assistance_latency_gain`); Kroenig 2009 (JCR 53(2)) finds assistance raises the likelihood of acquisition";
    /// Log-slowdown of a pursuit begun in or after `pursuit_npt_era_year`: such a pursuit runs exp(−effect) times as fast.
    pursuit_npt_era_effect = 1.0, "maximum likelihood on the record's pursuit spells (Bleek 2017, data/pursuits.csv: 17 pursuit histories, 10 ended in a weapon, 7 right-censored), a log-normal accelerated-failure-time model with the engine's latency and assistance along the recorded path (`deterrence data durations`, docs/model.md); standard error 0.45, 90 % interval 0.27–1.74 (likelihood ratio 3.94 against 0, p ≈ 0.02 one-sided); Hymans 2012 (Achieving Nuclear Ambitions) on the lengthening of pursuits after 1970";
    /// First year of the era of slower pursuits (a pursuit spell begun in or after it is slowed by `pursuit_npt_era_effect`).
    pursuit_npt_era_year = 1970.0, "Hymans 2012 (Achieving Nuclear Ambitions, Cambridge UP, ch. 8): programmes before 1970 took less than a decade, later ones at least one and often two or three, and fewer than half succeeded; 1970 is the NPT's entry into force (5 March 1970)";
    /// Yearly rate (per year, continuous) at which a supplier gives sensitive nuclear assistance to an eligible recipient: one that shares its enemy, is not its rival and has a programme (`supply`); the year's probability is 1 − exp(−rate).
    supply_rate = 0.00844, "maximum likelihood along the recorded path of history-1945, 1946–2017 (`deterrence data supply`, docs/model.md): 2 of the record's episodes of sensitive assistance (USSR→China 1958, China→Pakistan 1982; Kroenig 2009, JCR 53(2), and 2010) in 238 eligible supplier–recipient pair-years (a shared enemy, Kroenig 2009, APSR 103(1)); 90 % interval 0.0028–0.025. The other four episodes (France→Israel 1957 and the Khan network's three) fall outside the rule on the scenario's rivalries";
    /// Latency at which a state without weapons can supply sensitive nuclear assistance (it has mastered part of the fuel cycle).
    supplier_min_latency = 0.6, "the latency scenarios give a pilot-scale enrichment or reprocessing plant (history-1945's `latency` events, after Fuhrmann & Tkach 2015); Kroenig 2009 (APSR 103(1)) counts as suppliers the nuclear-weapon states and the states that have mastered parts of the fuel cycle";
    /// Share of a recipient's gap to full latency (1 − latency) closed by one episode of sensitive nuclear assistance (enrichment or reprocessing help, a weapon design, weapons-grade material), when the scenario's `assistance` event gives no `latency_gain`; through latency it shortens the pursuit-to-bomb time and raises the pursue hazard.
    assistance_latency_gain = 0.5, "assumption, range 0.25–0.75: Kroenig 2009 (JCR 53(2)) finds sensitive nuclear assistance a strong, significant determinant of acquisition, and nearly every armed state received substantial help (Kroenig 2010); his effect size is not used here";
    /// Yearly rate (per year, continuous) at which a pursuing state at the reference willingness stops its programme; at willingness w the rate is `pursuit_stop_rate × (1 − w) / (1 − programme_reference_willingness)`.
    pursuit_stop_rate = 0.0238, "Bleek 2017 (data/programmes.csv): 6 pursuers stopped over 252 pursuit-years, 1942–2017, maximum-likelihood events / exposure (`deterrence data hazards`); 90 % Garwood interval 0.010–0.047";
    /// Extra yearly reversal hazard while under sanctions.
    reversal_sanctioned = 0.1, "assumption";
    /// Detection probability of an exploring (not yet pursuing) programme, relative to a pursuing one.
    detection_exploring_factor = 0.3, "assumption";
    /// Yearly rate at which a capable rival strikes a known programme, per unit of exposure (rivalry intensity × progress × uncovered share × retaliation not risked): the yearly probability is 1 − exp(−rate × exposure).
    preventive_strike_rate = 0.04537, "estimate (deterrence data strikes): maximum likelihood on the engine's rule along the recorded path of history-1945, 1946–2025: 3 peacetime strikes (Osirak 1981, Al Kibar 2007, Iran 2025; data/preventive_strikes.csv) in 195 eligible pair-years; 90 % interval 0.018–0.117; strikes within a war (1980, 1991, the US strike of 2025) left out";
    /// Rival's conventional power relative to the target needed to strike preventively.
    preventive_power_ratio = 1.5, "assumption";
    /// Years of pursuit a successful preventive strike destroys.
    preventive_setback_years = 5.0, "assumption";
    /// Probability that a preventive strike starts a war (≥ 1,000 battle deaths).
    preventive_war_probability = 0.2, "assumption: 1 of 4 strikes was part of a war (Iraq 1991)";
    /// Multiplier on preventive-strike rates against a young arsenal without a secure second strike.
    window_strike_multiplier = 0.0, "estimate (deterrence data strikes): 0, no strike on a young arsenal in the record (57 eligible pair-years), one-sided 90 % bound 1.54; the organisational lens sets 2 (Sagan 1994: preventive-war incentives in the transition window), the lens's claim, above the record's bound";
    /// Years after acquisition during which an arsenal without a secure second strike can be struck preventively.
    preventive_window_years = 10.0, "assumption (Debs & Monteiro 2014: the window before a deterrent matures)";
    /// Fall in the log of the preventive-strike rate per unit of the target's conventional power (the scenario's scale, leading power 1): a large target's programme is too costly to prevent.
    preventive_size_effect = 0.0, "estimate (deterrence data strikes): not adopted — the likelihood ratio of the effect (Debs & Monteiro 2014) is 2.72 against the 5 % critical value 3.84 (unconstrained estimate 74, 90 % interval 0–253), so the rule without it stands";

    // --- 4. Vertical proliferation and posture ---
    /// Adequacy margin a nuclear state builds toward against each rival (arriving / D).
    adequacy_target = 1.5, "assumption";
    /// Richardson reaction: own warheads added per rival warhead added last year.
    reaction_coefficient = 0.3, "assumption (Richardson 1960 form)";
    /// Richardson fatigue: yearly share of the excess over requirement retired.
    fatigue_coefficient = 0.02, "assumption";
    /// Organisational momentum of a build-up: an armed state adds at least this share of last year's growth of its deployed warheads, within its production, material and treaty limits (`arsenal::momentum_floor`), so a build-up, once under way, winds down over about 1 / (1 − momentum) years instead of stopping when the requirement and adequacy are met. 0 is no momentum.
    build_momentum = 0.0, "0 without the organisational lens, which sets 0.9 (assumption, range 0.8–0.95: a production programme winds down over about a decade, the span of a strategic system's production run, e.g. Minuteman I–III 1961–1978). Weapons programmes carry momentum of their own once begun (Allison & Morris 1975, 'Armaments and Arms Control: Exploring the Determinants of Military Weapons', Daedalus 104(3)); producers win follow-on orders as a programme ends (Kurth 1972, 'The Political Economy of Weapons Procurement: The Follow-on Imperative', American Economic Review 62(2)); Sagan 1996 ('Why Do States Build Nuclear Bombs?', International Security 21(3)) on the organisations that drive nuclear programmes";
    /// Countervalue aim points of an assured-destruction requirement (warheads against cities and industry).
    countervalue_aim_points = 400.0, "McNamara's assured-destruction criterion: 400 one-megaton equivalents delivered destroy 20-25 % of Soviet population and about 50 % of industry (Enthoven & Smith, How Much Is Enough?, 1971); range 200-1,000";
    /// Single-shot probability that one warhead destroys a counterforce target (a launcher).
    counterforce_sspk = 0.7, "assumption (range 0.5-0.9: silo-killing RVs of the 1970s-80s; kill-probability calculus of crates/exchange kill.rs)";
    /// Damage expectancy a counterforce doctrine demands on each of the rival's targetable launchers.
    counterforce_damage_expectancy = 0.9, "assumption (range 0.8-0.97: SIOP damage-expectancy goals, Ball & Toth, 'Revising the SIOP', International Security 14(4), 1990)";
    /// Theatre (non-strategic) warheads a counterforce-doctrine state builds toward per unit of the conventional power of its rival coalition (its active rivals, plus their allies in proportion to the alliances' credibility; the scenario's scale, leading power 1) (`targeting::theatre_requirement`).
    theatre_warheads_per_power = 11709.0, "estimate (deterrence data nonstrategic): the geometric mean of non-strategic stockpile / rival coalition power over the Cold War rows of data/nonstrategic.csv, the US (10,000) and Soviet (18,900; range 14,800-20,000) non-strategic stockpiles of 1989 (Cochran, Arkin, Norris & Sands, Soviet Nuclear Weapons, Nuclear Weapons Databook IV, 1989), against coalition powers 0.82 and 1.68 in history-1945; standard error 476 (two points). Theatre weapons were held against the rival's conventional forces: NATO's MC 14/2 (1957) and MC 14/3 (1967) doctrines";
    /// Share of the theatre requirement that remains from `theatre_restraint_year` on, when the reciprocal withdrawals of non-strategic weapons announced in 1991 bind.
    theatre_restraint_factor = 0.1099, "estimate (deterrence data nonstrategic): the coefficient of the rows from 1991 on in which a rival is armed (1,287, standard error 81; nine Russian and US stockpiles 2008-2024) over the Cold War one (11,709); 90 % interval 0.097-0.124 (delta method). The Presidential Nuclear Initiatives: Bush's of 27 September 1991 and Gorbachev's of 5 October 1991 (and Yeltsin's of 29 January 1992) withdrew and eliminated most ground- and sea-launched non-strategic weapons (Koch, 'The Presidential Nuclear Initiatives of 1991-1992', National Defense University Case Study 5, 2012)";
    /// First year of the theatre restraint (`theatre_restraint_factor`).
    theatre_restraint_year = 1991.0, "the Presidential Nuclear Initiatives of September-October 1991 (Koch 2012, National Defense University Case Study 5)";
    /// Weapon plutonium per warhead (kg) in the fissile-material bound (docs/model.md, "Fissile material").
    plutonium_per_warhead_kg = 4.0, "assumption, range 3-8: about 4 kg in the IPFM's estimates of warheads per stock (Global Fissile Material Report 2015); 6.2 kg in the Nagasaki bomb; 8 kg the IAEA significant quantity (with losses)";
    /// Weapon-grade HEU per warhead (kg) in the fissile-material bound.
    heu_per_warhead_kg = 18.0, "assumption, range 12-25: IPFM Global Fissile Material Report 2015, 1,370 t of HEU 'enough for more than 76,000 simple, first generation implosion weapons' (18 kg each; 24 kg in the 2011 report's 1,440 t for 60,000); 25 kg the IAEA significant quantity of U-235";
    /// Yearly rise of an element's survivable fraction while adequacy is short.
    survivability_step = 0.05, "assumption";
    /// Initial warheads of a new nuclear-armed state.
    initial_warheads = 6.0, "assumption: early arsenals were a handful";
    /// Yearly warhead production of a new nuclear-armed state.
    new_state_production = 3.0, "assumption";
    /// Survivable fraction of a new arsenal's generated posture.
    new_arsenal_survivability = 0.6, "assumption";
    /// Command-and-control quality of a new arsenal.
    new_arsenal_c2 = 0.7, "assumption";
    /// Yearly improvement of command-and-control quality toward 0.95.
    c2_improvement = 0.02, "assumption";

    // --- 5. Crisis onset ---
    /// Yearly crisis onset hazard of a rival dyad at intensity 1 and stakes 0.5.
    crisis_base_rate = 0.17, "ICB v14 (data/rivalry_crises.csv): 120 crisis-years in 1222 active rivalry-years of the history-1945 rivalries (Thompson & Dreyer 2012 dates), 1946–2017; maximum likelihood on the engine's onset hazard along the record's path (`deterrence data crisis-rate`, 100 replays): 0.170, 90 % interval 0.144–0.195";
    /// Extra onset hazard per unit of open proliferation window (a detected programme).
    crisis_proliferation_gain = 1.0, "assumption";
    /// Extra onset hazard at full power shift (a tenth of the dyad's capability share moving in a year).
    crisis_power_shift_gain = 1.0, "assumption (power-transition theory: Organski & Kugler 1980)";
    /// Extra onset hazard under mutual vulnerability, stability–instability lens.
    crisis_stability_instability_gain = 0.0, "0 without the stability–instability lens";

    // --- 6. Crisis escalation ---
    /// Precision of the logit quantal response (λ).
    choice_precision = 8.0, "assumption (McKelvey & Palfrey 1995 form)";
    /// Base prudence: weight on expected nuclear damage, in crisis stakes per share of the state's value destroyed.
    prudence_base = 10.0, "assumption: a society is worth far more than any crisis stake";
    /// Extra prudence under mutual vulnerability, deterrence lens.
    prudence_mutual_vulnerability_gain = 0.0, "0 without the deterrence lens, 2 with it (Waltz: secure second strikes breed caution)";
    /// Conventional cost scale of the rungs: reaching rung k costs rung_cost × (min(k, 4) − 1)² (fraction of a unit stake).
    rung_cost = 0.12, "assumption: costs grow faster than linearly with intensity";
    /// Cost of the use of force: paid by the side that takes a crisis from threats to violence (rung 1 to the clashes rung 2), on top of the rung cost (fraction of a unit stake); the step's cost in Fearon's (1995) bargaining model of war.
    force_cost = 0.22, "ICB v14 (data/icb_violence.csv): 102 of 245 crises without a nuclear-armed actor, 1946–2017, had no violence (share 0.416, 90 % Wilson interval 0.366–0.469); the cost at which 200 replays of history-1945 keep that share of their crises between two unarmed rivals non-violent, by simulated moments (`deterrence data force-cost`): 0.216, 90 % interval 0.19–0.24. Form: the cost of fighting that opens the bargaining range in Fearon 1995 (International Organization 49(3))";
    /// Share of rung costs perceived under mutual vulnerability, stability–instability lens (1 = no effect).
    stability_instability_cost_factor = 1.0, "1 without the stability–instability lens (Snyder 1965)";
    /// Reputation cost of backing down (fraction of the stake).
    reputation_cost = 0.3, "assumption (Schelling)";
    /// Perceived chance that a limited war against an armed opponent ends in nuclear use.
    nuclear_risk_limited_war = 0.03, "assumption (Schelling: the threat that leaves something to chance)";
    /// Perceived chance that a major war against an armed opponent ends in nuclear use.
    nuclear_risk_major_war = 0.15, "assumption";
    /// Political cost of a nuclear alert or threat (fraction of a unit stake).
    nuclear_threat_cost = 0.3, "assumption: alerts were rare (US DEFCON 2 in October 1962, DEFCON 3 in October 1973; Sagan 1993, The Limits of Safety)";
    /// Political cost of first nuclear use beyond its damage (the taboo; fraction of a unit stake).
    nuclear_use_cost = 2.0, "assumption (Tannenwald 2007: the nuclear taboo)";
    /// Perceived chance that a crisis at the nuclear-threat rung ends in nuclear use.
    deliberate_use_at_threat = 0.3, "assumption";
    /// Accident hazard per move at the nuclear-alert rung for command-and-control quality 0.
    accident_hazard = 0.02, "assumption: 13 cases of near nuclear use 1962–2002 and no accidental detonation (Lewis, Williams, Pelopidas & Aghlani, Too Close for Comfort, Chatham House 2014)";
    /// Multiplier on the accident and false-warning (inadvertent use) hazards, organisational lens.
    accident_multiplier = 1.0, "1 without the organisational lens";
    /// Inadvertent escalation hazard per round at the war rungs (conventional strikes on nuclear forces), organisational lens: the crisis slides to alert (not a use).
    inadvertent_hazard = 0.0, "0 without the organisational lens (Posen 1991)";
    /// False-warning hazard per move at the nuclear-alert rung for command-and-control quality 0: the chance that a side takes a false warning for an attack and uses (inadvertent use; launch on warning, Blair 1993), times accident_multiplier.
    inadvertent_use_hazard = 0.005, "assumption, range 0–0.02: several false warnings came during the 1962 alert, and none of about ten serious US and Soviet false alarms 1956–1995 led to use (Sagan 1993; Lewis et al. 2014)";
    /// Yearly rate of serious false warnings of attack (reaching senior decision-makers) of an armed state at command-and-control quality 0; a state's yearly probability of one is 1 − exp(−rate × (1 − C2) × alert factor).
    false_alarm_rate = 0.6, "about ten US and Soviet/Russian false alarms reached senior leaders 1956–1995 (Sagan 1993; Lewis et al. 2014; Forden, Podvig & Postol 2000): ~0.12 per state-year at C2 0.8; assumption, range 0.25–2 (the public record is biased low)";
    /// Multiplier on a state's false-alarm rate in a year it stood at the nuclear-alert rung in a crisis.
    false_alarm_alert_multiplier = 10.0, "assumption, range 1–30: at least three serious US false warnings came in the weeks of the 1962 alert (Sagan 1993 ch. 3) against ~0.12 a year otherwise";
    /// Restraint on escalation per unit of norm strength, institutionalist lens (fraction of the stake).
    norm_restraint = 0.0, "0 without the institutionalist lens";
    /// Share of a state's value destroyed by a limited nuclear use against it.
    limited_use_damage = 0.05, "assumption: a few weapons on military targets";
    /// Warheads one side fires in a limited nuclear use (rung 6), on military (counterforce) targets.
    limited_use_warheads = 3.0, "assumption, range 1–20: a demonstration or a few weapons on military targets";

    // --- 7b. Casualties (docs/model.md "Casualties") ---
    /// Deaths per warhead arriving on cities (countervalue), per equivalent megaton (a warhead of yield Y counts (Y / 1 Mt)^(2/3)).
    deaths_per_warhead_countervalue = 470000.0, "OTA 1979, The Effects of Nuclear War: a 1-Mt air burst on Detroit kills about 470,000 (220,000 as a ground burst; about 890,000 on Leningrad); range 220,000–890,000";
    /// Deaths per warhead arriving on forces (counterforce: silos, bases, mostly away from cities; mostly fallout deaths), per equivalent megaton.
    deaths_per_warhead_counterforce = 5000.0, "derived from OTA 1979: attacks on US ICBM silos with about 2,000 or more warheads kill 2–20 million; range 1,000–10,000";
    /// Battle deaths of a limited war (conventional level 3).
    battle_deaths_war = 5000.0, "assumption, range 1,000–50,000: the Correlates of War threshold is 1,000 battle deaths (Sarkees & Wayman 2010); COW v4.0 counts 1,001 for the Falklands, 1,172 for Kargil, 14,439 for the 1973 war";
    /// Battle deaths of a major war (conventional level 4).
    battle_deaths_major_war = 50000.0, "assumption, range 15,000–1,000,000: interstate wars of the PRIO battle-deaths data run from thousands to millions (Lacina & Gleditsch 2005)";
    /// Most rounds in one crisis (a round is one move by each side).
    max_rounds = 12.0, "assumption";
    /// Consecutive rounds of holds by both sides that end a crisis in stalemate.
    stalemate_rounds = 2.0, "assumption";

    // --- 8. Learning ---
    /// Rise in threatened non-nuclear states' value of weapons when a state without weapons is invaded.
    learn_invasion = 0.15, "assumption (Libya, Ukraine lessons: Sagan 2011; Narang 2022)";
    /// Rise in others' value of weapons when a nuclear-armed state comes through a crisis unattacked.
    learn_nuclear_immunity = 0.02, "assumption";
    /// Fall in value of weapons across states when enforcement makes a programme reverse.
    learn_enforcement = 0.05, "assumption";
    /// Rise in rivals' and neighbours' value of weapons when a state acquires weapons (cascade).
    learn_cascade = 0.2, "assumption (Lavoy; cascades are rarer than feared: Potter & Mukhatzhanova 2010)";
    /// Extra cascade learning when the acquisition went unpunished.
    learn_unpunished = 0.1, "assumption";
    /// Yearly decay of value of weapons toward its initial level.
    learn_decay = 0.05, "assumption";
}

/// Applies the theory lenses to default parameters: each lens switches on its mechanisms, and
/// lenses combine. An empty list means `deterrence` alone.
pub fn with_lenses(mut p: Params, lenses: &[Lens]) -> Params {
    let default = [Lens::Deterrence];
    let lenses = if lenses.is_empty() { &default[..] } else { lenses };
    for lens in lenses {
        match lens {
            Lens::Deterrence => {
                // Waltz: mutual vulnerability makes leaders prudent.
                p.prudence_mutual_vulnerability_gain = 2.0;
            }
            Lens::Institutionalist => {
                // Norm strength restrains proliferation and escalation beyond costs.
                p.willingness_norm = 3.0;
                p.norm_restraint = 0.5;
            }
            Lens::Organisational => {
                // Sagan: accidents, weak C2 in new arsenals, preventive-war windows.
                p.accident_multiplier = 5.0;
                p.inadvertent_hazard = 0.02;
                p.new_arsenal_c2 = 0.4;
                p.new_arsenal_survivability = 0.2;
                p.window_strike_multiplier = 2.0;
                // Organisational momentum: a build-up under way winds down over a decade.
                p.build_momentum = 0.9;
            }
            Lens::StabilityInstability => {
                // Snyder: secure second strikes make lower rungs look safe.
                p.crisis_stability_instability_gain = 1.0;
                p.stability_instability_cost_factor = 0.5;
            }
        }
    }
    p
}

/// The pace of a pursuit, in baseline years of progress per year:
/// `exp(latency_effect × latency + assistance_effect × assisted − npt_era_effect × [start ≥ era])`,
/// `start` the year the pursuit spell began. The time to a first weapon is log-normal in these
/// baseline years (`proliferation::acquisition_probability`), so the covariates accelerate or slow the whole
/// pursuit (an accelerated-failure-time model, estimated from the record's pursuit spells by
/// `deterrence data durations`): latency (Fuhrmann & Tkach 2015), sensitive nuclear assistance
/// received (Kroenig 2009) and the era after 1970, when pursuits grew longer (Hymans 2012).
pub fn pursuit_speed(p: &Params, latency: f64, assisted: bool, start: i32) -> f64 {
    let era = if f64::from(start) >= p.pursuit_npt_era_year { 1.0 } else { 0.0 };
    let assisted = if assisted { 1.0 } else { 0.0 };
    (p.pursuit_latency_effect * latency + p.pursuit_assistance_effect * assisted - p.pursuit_npt_era_effect * era).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_bounds_the_magnitude_of_every_parameter() {
        assert!(check("prudence_base", MAX_MAGNITUDE).is_ok());
        let e = check("prudence_base", 1e308).unwrap_err();
        assert!(e.contains("prudence_base") && e.contains("at most 1e9"), "{e}");
        assert!(check("willingness_intercept", -1e10).is_err());
        assert!(check("willingness_intercept", -5.0).is_ok());
        assert!(SPECS.iter().all(|s| check(s.name, s.default).is_ok()), "every default lies in its domain");
    }
}
