//! Process 4, vertical proliferation and posture: armed states move their forces toward what
//! deterrence requires against each armed rival — second-strike adequacy of at least
//! `adequacy_target` after the rival's best first strike (docs/model.md, Part II) — react to rivals'
//! growth (Richardson action–reaction), shift toward survivable basing while adequacy is short,
//! retire excess slowly (fatigue), and respect treaty limits while in force — caps on deployed
//! warheads, on launchers and on MIRVed missiles, and the elimination of a banned range band of
//! ground-launched missiles ([`crate::world::Treaty`]) — within a yearly production limit and
//! the warheads the fissile material produced to date supports ([`fissile_bound`]). The doctrine
//! requirement is the sum over armed rivals ([`crate::targeting::total_requirement`]). Under
//! organisational momentum (`build_momentum`, set by the organisational lens) a build-up under
//! way keeps a share of last year's growth ([`momentum_floor`]). A new arsenal is made by
//! [`crate::effects::acquire`].
//!
//! **Technology generations** (docs/model.md, "Technology that changes"). Once a `deploy` event
//! has brought an element into service ([`deploy`]), growth goes to the newest element of each
//! delivery class in service, in equal shares of warheads; reductions come off the oldest
//! elements first; the systems a deployment retires are withdrawn linearly by their last year,
//! and the warheads withdrawn are replaced on the newest elements without counting against the
//! production limit (modernisation replaces warheads one for one). A state none of whose
//! elements came by a deployment keeps its mix as before: growth to its most survivable element,
//! reductions in proportion.

use crate::params::Params;
use crate::targeting;
use crate::world::World;
use model::{DeliveryClass, Estimate, FissilePoint, ForceElement, NptStatus, State};

/// Runs the process for every armed state, in index order.
pub fn step(w: &mut World) {
    let p = w.params.clone();
    let mut nws_before = 0.0;
    let mut nws_after = 0.0;
    for i in 0..w.actors.len() {
        if !w.actors[i].is_armed() {
            // A state that gave up its weapons gave up its reserve with them.
            w.actors[i].reserve = 0.0;
            continue;
        }
        let stockpile_before = w.actors[i].warheads();
        let eliminated = eliminate_banned(w, i);
        w.actors[i].reserve += eliminated;
        // Strategic warheads on launchers; theatre (non-strategic) weapons are a pool of their
        // own, built toward the theatre requirement. Counted before this year's withdrawals, so
        // that the warheads withdrawn are replaced on the newest elements (a modernisation).
        let theatre_now = theatre_warheads(&w.actors[i].state.forces);
        let total_now = w.actors[i].deployed();
        let current = total_now - theatre_now;
        withdraw(w, i);
        // Adequacy against each armed rival, and rivals' growth last year.
        let mut worst: f64 = f64::INFINITY;
        let mut rival_growth: f64 = 0.0;
        let requirement = targeting::total_requirement(w, i);
        for &k in w.dyads_of(i) {
            let d = &w.dyads[k];
            let j = if d.a == i { d.b } else { d.a };
            // A rivalry that has not begun or has ended (intensity 0) sets no requirement.
            if !w.actors[j].is_armed() || !d.is_active() {
                continue;
            }
            worst = worst.min(w.adequacy(i, j));
            rival_growth = rival_growth.max(w.actors[j].deployed() - w.actors[j].warheads_last_year);
        }
        let mut change = 0.0;
        let short = worst.is_finite() && worst < p.adequacy_target;
        if short {
            // Warheads needed if adequacy scaled with the force (a first-order estimate).
            let needed = if worst > 0.0 { current * (p.adequacy_target / worst - 1.0) } else { f64::INFINITY };
            change += needed;
            improve_survivability(w, i, p.survivability_step);
        } else if worst.is_finite() && worst > 2.0 * p.adequacy_target {
            let required = current * p.adequacy_target / worst;
            change -= p.fatigue_coefficient * (current - required);
        }
        change += p.reaction_coefficient * rival_growth.max(0.0);
        // Targeting doctrine: build toward the requirement, and retire nothing below it.
        if requirement > current || change < 0.0 {
            change = change.max(requirement - current);
        }
        // Organisational momentum: a build-up under way winds down rather than stopping.
        let floor = momentum_floor(p.build_momentum, total_now - w.actors[i].warheads_last_year);
        if floor > 0.0 {
            change = change.max(floor);
        }
        let theatre_want = theatre_change(theatre_now, targeting::theatre_requirement(w, i), p.fatigue_coefficient);
        // Growth draws on the reserve first (redeployment), then on production, which the
        // fissile material produced to date bounds; strategic and theatre growth share it.
        let room = fissile_bound(&p, &w.actors[i].state, w.year)
            .map_or(f64::INFINITY, |b| (b - total_now - w.actors[i].reserve).max(0.0));
        let a = &mut w.actors[i];
        let (change, theatre_change, from_reserve) =
            share_growth(change, theatre_want, a.reserve, a.production.min(room));
        a.reserve -= from_reserve;
        let target = (current + change).max(0.0);
        let cap = a.treaty_cap;
        set_total(w, i, target);
        let limited = strategic_warheads(&w.actors[i].state.forces);
        if let Some(cap) = cap {
            apply_cap(w, i, cap);
        }
        apply_launcher_limits(w, i);
        let a = &mut w.actors[i];
        let deployed = strategic_warheads(&a.state.forces);
        a.reserve = retire_reserve(a.reserve + (limited - deployed).max(0.0), p.fatigue_coefficient);
        change_theatre(&mut w.actors[i], theatre_change);
        let a = &w.actors[i];
        let after = a.warheads();
        if a.state.npt == NptStatus::NuclearWeaponState {
            nws_before += stockpile_before;
            nws_after += after;
        }
        w.actors[i].warheads_last_year = total_now;
        let a = &mut w.actors[i];
        a.c2 += p.c2_improvement * (0.95 - a.c2).max(0.0);
    }
    w.signals.nws_arsenal_growth = if nws_before > 0.0 { nws_after / nws_before - 1.0 } else { 0.0 };
}

/// The least growth organisational momentum asks of a state this year: `momentum ×
/// max(0, last_growth)`, `last_growth` being the change of its deployed warheads last year
/// (docs/model.md, process 4). Production, material and treaties still limit what is built.
pub fn momentum_floor(momentum: f64, last_growth: f64) -> f64 {
    momentum * last_growth.max(0.0)
}

/// Where a year's wanted `change` in deployed warheads comes from: growth is met first from the
/// `reserve` (warheads taken off launchers by a treaty, redeployed without new production), then
/// by at most `production` new warheads; a reduction takes nothing from either. Returns the
/// change allowed and the warheads drawn from the reserve.
pub fn growth_sources(change: f64, reserve: f64, production: f64) -> (f64, f64) {
    if change <= 0.0 {
        return (change, 0.0);
    }
    let from_reserve = change.min(reserve.max(0.0));
    (from_reserve + (change - from_reserve).min(production.max(0.0)), from_reserve)
}

/// How a year's wanted strategic `change` and wanted theatre change `theatre` are met: the
/// strategic growth first from the `reserve` ([`growth_sources`]); then both growths share at
/// most `production` new warheads in proportion to what each still wants (each want counted at
/// most at the whole production, so an unbounded want takes half when the other is as large). Reductions take
/// nothing. Returns the strategic change allowed, the theatre change allowed and the warheads
/// drawn from the reserve. With `theatre` ≤ 0 the strategic side is [`growth_sources`] exactly.
pub fn share_growth(change: f64, theatre: f64, reserve: f64, production: f64) -> (f64, f64, f64) {
    let production = production.max(0.0);
    let from_reserve = if change > 0.0 { change.min(reserve.max(0.0)) } else { 0.0 };
    // Each side wants at most the whole production (a want may be unbounded).
    let strategic_need = if change > 0.0 { (change - from_reserve).min(production) } else { 0.0 };
    let theatre_need = theatre.max(0.0).min(production);
    let need = strategic_need + theatre_need;
    let scale = if need > production { production / need } else { 1.0 };
    let strategic = if change > 0.0 { from_reserve + strategic_need * scale } else { change };
    let theatre = if theatre > 0.0 { theatre_need * scale } else { theatre };
    (strategic, theatre, from_reserve)
}

/// The wanted change of a theatre pool of `now` warheads against a requirement of `required`:
/// the whole gap when short, and `fatigue` of the excess retired when above (as a reserve is).
pub fn theatre_change(now: f64, required: f64, fatigue: f64) -> f64 {
    if required > now { required - now } else { -fatigue.clamp(0.0, 1.0) * (now - required) }
}

/// Warheads on the theatre (non-strategic) elements of `forces`.
pub fn theatre_warheads(forces: &[ForceElement]) -> f64 {
    forces.iter().filter(|f| !f.class.is_strategic()).map(|f| f.launchers.best * f.warheads_per_launcher.best).sum()
}

/// Warheads on the strategic elements of `forces` (every class but non-strategic).
pub fn strategic_warheads(forces: &[ForceElement]) -> f64 {
    forces.iter().filter(|f| f.class.is_strategic()).map(|f| f.launchers.best * f.warheads_per_launcher.best).sum()
}

/// System name of the theatre element the engine creates for a state that has none.
pub const THEATRE_SYSTEM: &str = "theatre weapons (engine)";

/// Applies a theatre change to `a`: growth goes to its newest non-strategic element, or to a new
/// one ([`THEATRE_SYSTEM`]) with the yield, accuracy, reliability and hardness of its newest
/// strategic element, one warhead per delivery, range 0 (outside the strategic exchange
/// calculus) and survivable fractions 0 (stored); a reduction scales its non-strategic elements
/// down in proportion.
pub fn change_theatre(a: &mut crate::world::Actor, change: f64) {
    let forces = &mut a.state.forces;
    if change > 0.0 {
        let newest = (0..forces.len())
            .rev()
            .find(|&k| !forces[k].class.is_strategic() && forces[k].warheads_per_launcher.best > 0.0);
        if let Some(k) = newest {
            let f = &mut forces[k];
            f.launchers = Estimate::exact(f.launchers.best + change / f.warheads_per_launcher.best);
            return;
        }
        let Some(model) = forces.iter().rev().find(|f| f.class.is_strategic()) else { return };
        let element = ForceElement {
            class: DeliveryClass::Nonstrategic,
            system: THEATRE_SYSTEM.into(),
            launchers: Estimate::exact(change),
            warheads_per_launcher: Estimate::exact(1.0),
            launchers_per_aim_point: Estimate::exact(1.0),
            yield_kt: model.yield_kt,
            cep_m: model.cep_m,
            reliability: model.reliability,
            range_km: Estimate::exact(0.0),
            hardness_psi: model.hardness_psi,
            day_to_day_survivable_fraction: Estimate::exact(0.0),
            generated_survivable_fraction: Estimate::exact(0.0),
            sources: vec![],
            note: None,
        };
        forces.push(element);
        a.generations.revision += 1;
    } else if change < 0.0 {
        let now = theatre_warheads(forces);
        if now <= 0.0 {
            return;
        }
        let scale = ((now + change) / now).max(0.0);
        for f in forces.iter_mut().filter(|f| !f.class.is_strategic()) {
            f.launchers = Estimate::exact(f.launchers.best * scale);
        }
    }
}

/// Cumulative fissile material of `series` at the end of `year`, (plutonium, HEU) in tonnes
/// (best values): linear between the dated points (a constant production rate between dated
/// totals), the last point's totals after it (no production the data do not show), and `None`
/// before the first point or without points (unknown: no bound).
pub fn material_at(series: &[FissilePoint], year: i32) -> Option<(f64, f64)> {
    let first = series.first()?;
    if year < first.year {
        return None;
    }
    let value = |f: &FissilePoint| (f.plutonium_tonnes.best, f.heu_tonnes.best);
    for pair in series.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if year < b.year {
            let t = f64::from(year - a.year) / f64::from(b.year - a.year);
            let (pa, ha) = value(a);
            let (pb, hb) = value(b);
            return Some((pa + t * (pb - pa), ha + t * (hb - ha)));
        }
    }
    series.last().map(value)
}

/// Warheads that `plutonium` and `heu` tonnes can make at `pu_kg` and `heu_kg` a warhead:
/// 1,000 × (plutonium / pu_kg + heu / heu_kg). Either material can make a warhead, so the sum
/// is the most the stock can support (a warhead that needs both supports fewer); `None` if a
/// per-warhead mass is not positive (no bound).
pub fn warheads_supported(plutonium: f64, heu: f64, pu_kg: f64, heu_kg: f64) -> Option<f64> {
    (pu_kg > 0.0 && heu_kg > 0.0).then(|| 1000.0 * (plutonium.max(0.0) / pu_kg + heu.max(0.0) / heu_kg))
}

/// The fissile-material bound on `state`'s stockpile in `year` ([`material_at`],
/// [`warheads_supported`]), or `None` where its material is unknown.
pub fn fissile_bound(p: &Params, state: &State, year: i32) -> Option<f64> {
    let (plutonium, heu) = material_at(&state.fissile_material, year)?;
    warheads_supported(plutonium, heu, p.plutonium_per_warhead_kg, p.heu_per_warhead_kg)
}

/// The reserve after a year's retirements: it is excess over what the state may deploy, and
/// excess is retired at the fatigue rate (`fatigue_coefficient` of it a year).
pub fn retire_reserve(reserve: f64, fatigue: f64) -> f64 {
    (reserve * (1.0 - fatigue.clamp(0.0, 1.0))).max(0.0)
}

/// Raises the survivable fractions of `i`'s most survivable strategic non-silo element by `step`.
fn improve_survivability(w: &mut World, i: usize, step: f64) {
    let forces = &mut w.actors[i].state.forces;
    let best = forces
        .iter()
        .enumerate()
        .filter(|(_, f)| f.class.is_strategic() && f.class != DeliveryClass::SiloIcbm)
        .filter(|(_, f)| f.launchers.best > 0.0)
        .max_by(|(ia, a), (ib, b)| {
            a.generated_survivable_fraction.best.total_cmp(&b.generated_survivable_fraction.best).then(ib.cmp(ia))
        })
        .map(|(k, _)| k);
    if let Some(k) = best {
        let f = &mut forces[k];
        let g = (f.generated_survivable_fraction.best + step).min(0.95);
        let d = (f.day_to_day_survivable_fraction.best + step / 2.0).min(g);
        f.generated_survivable_fraction = Estimate::exact(g);
        f.day_to_day_survivable_fraction = Estimate::exact(d);
    }
}

/// Treaty counting (New START style): warheads on ballistic missiles plus one per bomber.
pub fn treaty_count(forces: &[ForceElement]) -> f64 {
    forces
        .iter()
        .map(|f| match f.class {
            DeliveryClass::SiloIcbm | DeliveryClass::MobileIcbm | DeliveryClass::Ssbn => {
                f.launchers.best * f.warheads_per_launcher.best
            }
            DeliveryClass::Bomber => f.launchers.best,
            DeliveryClass::Nonstrategic => 0.0,
        })
        .sum()
}

/// Scales `i`'s strategic elements down so that their treaty count is at most `cap`.
fn apply_cap(w: &mut World, i: usize, cap: f64) {
    let forces = &mut w.actors[i].state.forces;
    let counted = treaty_count(forces);
    if counted <= cap || counted <= 0.0 {
        return;
    }
    let scale = cap / counted;
    for f in forces.iter_mut().filter(|f| f.class.is_strategic()) {
        f.launchers = Estimate::exact(f.launchers.best * scale);
    }
}

/// Whether `f` is a ground-launched missile (a silo or mobile ICBM element) whose range lies in
/// `band` (km, both ends included): the missiles an INF-style ban eliminates.
pub fn in_band(f: &ForceElement, band: [f64; 2]) -> bool {
    matches!(f.class, DeliveryClass::SiloIcbm | DeliveryClass::MobileIcbm)
        && (band[0]..=band[1]).contains(&f.range_km.best)
}

/// The range bands banned for `i` by the treaties in force this year, with each band's last
/// year of elimination.
fn banned_bands(w: &World, i: usize) -> Vec<([f64; 2], i32)> {
    w.treaties
        .iter()
        .filter(|t| t.parties.contains(&i) && (t.years.0..=t.years.1).contains(&w.year))
        .filter_map(|t| t.banned_range_km.map(|b| (b, t.eliminate_by)))
        .collect()
}

/// Share of a banned element's launchers kept in `year` when its elimination ends in `by`:
/// (by − year) / (by − year + 1), so the last launchers go in year `by` (as for a withdrawal).
pub fn elimination_keep(year: i32, by: i32) -> f64 {
    if year >= by { 0.0 } else { f64::from(by - year) / f64::from(by - year + 1) }
}

/// Eliminates `i`'s ground-launched missiles in a range band banned by a treaty in force
/// (INF): each year an element keeps [`elimination_keep`] of its launchers. Returns the warheads
/// they carried, which go to the reserve (INF eliminated missiles and launchers, not warheads);
/// they are not replaced for free (unlike a modernisation's withdrawal), and growth never goes
/// to a banned element.
fn eliminate_banned(w: &mut World, i: usize) -> f64 {
    let bands = banned_bands(w, i);
    if bands.is_empty() {
        return 0.0;
    }
    let year = w.year;
    let a = &mut w.actors[i];
    let mut removed = 0.0;
    for f in a.state.forces.iter_mut().filter(|f| f.launchers.best > 0.0) {
        if let Some(&(_, by)) = bands.iter().find(|(b, _)| in_band(f, *b)) {
            let keep = f.launchers.best * elimination_keep(year, by);
            removed += (f.launchers.best - keep) * f.warheads_per_launcher.best;
            f.launchers = Estimate::exact(keep);
        }
    }
    if removed > 0.0 {
        a.generations.revision += 1;
    }
    removed
}

/// Launchers of `forces` in `classes`.
pub fn launcher_count(forces: &[ForceElement], classes: &[DeliveryClass]) -> f64 {
    forces.iter().filter(|f| classes.contains(&f.class)).map(|f| f.launchers.best).sum()
}

/// Whether `f` is a MIRVed ballistic missile as SALT II counts them: a silo or mobile ICBM or an
/// SLBM with more than one warhead per launcher.
pub fn is_mirved(f: &ForceElement) -> bool {
    matches!(f.class, DeliveryClass::SiloIcbm | DeliveryClass::MobileIcbm | DeliveryClass::Ssbn)
        && f.warheads_per_launcher.best > 1.0
}

/// Cuts the launchers of the elements of `forces` for which `counted` holds to at most `cap`.
/// With `oldest_first` (a state whose forces came by deployments, so that their order is their
/// age) the oldest counted elements go first, as reductions do ([`set_total`]); otherwise the
/// counted elements are scaled down in proportion. Returns whether anything changed.
pub fn cut_to_cap(
    forces: &mut [ForceElement],
    counted: impl Fn(&ForceElement) -> bool,
    cap: f64,
    oldest_first: bool,
) -> bool {
    let n: f64 = forces.iter().filter(|f| counted(f)).map(|f| f.launchers.best).sum();
    if n <= cap || n <= 0.0 {
        return false;
    }
    if oldest_first {
        let mut cut = n - cap.max(0.0);
        for f in forces.iter_mut().filter(|f| counted(f)) {
            let take = cut.min(f.launchers.best);
            f.launchers = Estimate::exact(f.launchers.best - take);
            cut -= take;
            if cut <= 0.0 {
                break;
            }
        }
    } else {
        let scale = cap.max(0.0) / n;
        for f in forces.iter_mut().filter(|f| counted(f)) {
            f.launchers = Estimate::exact(f.launchers.best * scale);
        }
    }
    true
}

/// Applies the launcher caps (SALT I's freeze, SALT II's aggregate) and MIRV sub-limits of the
/// treaties in force to party `i`: the launchers over a cap are cut ([`cut_to_cap`]: the oldest
/// first once deployments give the forces an order of age, as the parties retired older
/// launchers to stay within SALT while they deployed MIRVed ones); their warheads go to the
/// reserve ([`step`]).
fn apply_launcher_limits(w: &mut World, i: usize) {
    let year = w.year;
    let a = &mut w.actors[i];
    let oldest_first = a.generations.start(a.state.forces.len()).is_some();
    let mut changed = false;
    for t in w.treaties.iter().filter(|t| (t.years.0..=t.years.1).contains(&year)) {
        let Some(k) = t.parties.iter().position(|&p| p == i) else { continue };
        let forces = &mut a.state.forces;
        if t.launcher_caps[k].is_finite() {
            let classes = &t.launcher_classes;
            changed |= cut_to_cap(forces, |f| classes.contains(&f.class), t.launcher_caps[k], oldest_first);
        }
        if t.mirv_cap.is_finite() {
            changed |= cut_to_cap(forces, is_mirved, t.mirv_cap, oldest_first);
        }
    }
    if changed {
        a.generations.revision += 1;
    }
}

/// Sets `i`'s warheads on strategic launchers to `target` (theatre elements are left to
/// [`change_theatre`]). Without deployed generations: growth goes to the most survivable
/// element, reductions are spread in proportion. With them: growth is shared equally by the
/// newest element of each class in service (not being withdrawn), reductions come off the
/// oldest elements first.
pub fn set_total(w: &mut World, i: usize, target: f64) {
    let bands: Vec<[f64; 2]> = banned_bands(w, i).into_iter().map(|(b, _)| b).collect();
    let a = &mut w.actors[i];
    let start = a.generations.start(a.state.forces.len());
    let retiring = &a.generations.retiring;
    let forces = &mut a.state.forces;
    let current = strategic_warheads(forces);
    if forces.is_empty() || (target - current).abs() < 1e-9 {
        return;
    }
    if let Some(start) = start {
        if target > current {
            let newest = newest_by_class(forces, start, retiring, &bands);
            if newest.is_empty() {
                return grow_most_survivable(forces, target - current, &bands);
            }
            let share = (target - current) / newest.len() as f64;
            for k in newest {
                let f = &mut forces[k];
                f.launchers = Estimate::exact(f.launchers.best + share / f.warheads_per_launcher.best);
            }
        } else {
            let mut cut = current - target;
            for f in forces.iter_mut().filter(|f| f.class.is_strategic()) {
                let warheads = f.launchers.best * f.warheads_per_launcher.best;
                if cut <= 0.0 || warheads <= 0.0 {
                    continue;
                }
                let take = cut.min(warheads);
                f.launchers = Estimate::exact(f.launchers.best * (1.0 - take / warheads));
                cut -= take;
            }
        }
    } else if target > current {
        grow_most_survivable(forces, target - current, &bands);
    } else if current > 0.0 {
        let scale = target / current;
        for f in forces.iter_mut().filter(|f| f.class.is_strategic()) {
            f.launchers = Estimate::exact(f.launchers.best * scale);
        }
    }
}

/// Adds `add` warheads to the most survivable strategic element with warheads per launcher,
/// outside the banned range `bands`.
fn grow_most_survivable(forces: &mut [ForceElement], add: f64, bands: &[[f64; 2]]) {
    let k = forces
        .iter()
        .enumerate()
        .filter(|(_, f)| f.class.is_strategic())
        .filter(|(_, f)| f.warheads_per_launcher.best > 0.0 && !bands.iter().any(|&b| in_band(f, b)))
        .max_by(|(ia, a), (ib, b)| {
            a.generated_survivable_fraction.best.total_cmp(&b.generated_survivable_fraction.best).then(ib.cmp(ia))
        })
        .map(|(k, _)| k);
    if let Some(k) = k {
        let f = &mut forces[k];
        f.launchers = Estimate::exact(f.launchers.best + add / f.warheads_per_launcher.best);
    }
}

/// The newest deployed element (index `start` on) of each strategic delivery class, among those with
/// warheads per launcher, not being withdrawn and not in a banned range band, in class order.
fn newest_by_class(
    forces: &[ForceElement],
    start: usize,
    retiring: &[(String, i32)],
    bands: &[[f64; 2]],
) -> Vec<usize> {
    DeliveryClass::ALL
        .iter()
        .filter(|c| c.is_strategic())
        .filter_map(|&c| {
            (start..forces.len()).rev().find(|&k| {
                let f = &forces[k];
                f.class == c
                    && f.warheads_per_launcher.best > 0.0
                    && !retiring.iter().any(|(s, _)| *s == f.system)
                    && !bands.iter().any(|&b| in_band(f, b))
            })
        })
        .collect()
}

/// A deployment (a scheduled `deploy` event, [`crate::events`]): `element` enters `i`'s
/// service as its newest element, and the systems named in `retire` begin their withdrawal,
/// which ends in `retire_by` (withdrawals already under way keep the earlier end). Draws no
/// random number.
pub fn deploy(w: &mut World, i: usize, element: &ForceElement, retire: &[String], retire_by: i32) {
    let mut element = element.clone();
    // The run needs the numbers, not the citations (as for the scenario's forces).
    element.sources = Vec::new();
    element.note = None;
    let a = &mut w.actors[i];
    let len = a.state.forces.len();
    if a.generations.start(len).is_none() {
        a.generations.first = Some(len);
    }
    a.state.forces.push(element);
    for system in retire {
        if !a.generations.retiring.iter().any(|(s, _)| s == system) {
            a.generations.retiring.push((system.clone(), retire_by));
        }
    }
    a.generations.revision += 1;
}

/// Withdraws `i`'s retiring systems: each year an element keeps the share (by − year) /
/// (by − year + 1) of its launchers, so the last go in year `by`; finished withdrawals are
/// dropped from the list.
pub fn withdraw(w: &mut World, i: usize) {
    let year = w.year;
    let a = &mut w.actors[i];
    if a.generations.retiring.is_empty() {
        return;
    }
    for (system, by) in &a.generations.retiring {
        let keep = if year >= *by { 0.0 } else { f64::from(by - year) / f64::from(by - year + 1) };
        for f in a.state.forces.iter_mut().filter(|f| f.system == *system) {
            f.launchers = Estimate::exact(f.launchers.best * keep);
        }
    }
    a.generations.retiring.retain(|(_, by)| *by > year);
    a.generations.revision += 1;
}
