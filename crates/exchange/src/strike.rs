//! The attacker's best counterforce first strike (docs/model.md, Part II).
//!
//! The attacker's counterforce-capable warheads form [`Pool`]s; the defender's vulnerable aim
//! points form target [`Group`]s; `kill[pool][group]` is the per-warhead kill probability.
//! [`allocate`] spends warheads greedily: each step funds the next shot on the group whose next
//! shot destroys the most expected warheads per attacking warhead (`w · q · p`, `q` the
//! survival of the aim points the shot goes to), at most `max_shots` per aim point. For each group it
//! draws on the remaining pool with the highest kill probability, and among pools that kill
//! equally well (soft targets, where every weapon's kill probability is its reliability), the
//! least lethal one (lethality index K), so the most lethal weapons are kept for the hardest
//! targets. Ties in value go to the harder group, then the earlier one. A step funds a
//! whole round (one more shot on every aim point of the group) unless the pool runs out first.
//! Within a round, shots go to aim points not yet shot in that round (their survival is the
//! survival at the round's start); the next round spreads over all aim points, so its marginal
//! value uses their average survival. Both keep the expected values exact.
//!
//! The steps form a [`Drawdown`]: a piecewise-linear path of warheads spent against the
//! defender's surviving warheads, which the first-strike stability calculus walks along.

use crate::blast::{BlastError, brode_scaled_range, lethal_radius_m};
use crate::forces::Side;
use crate::kill::{kill_probability, lethality_k, sspk};
use model::{ExchangeSettings, LethalRadiusModel};
use serde::Serialize;

/// Relative tolerance for comparing marginal values.
const VALUE_TOLERANCE: f64 = 1e-12;
/// Whether the next shot at group `g`, worth `value`, outranks the best so far (`best`, at group
/// `best_group`): a larger value beyond the relative tolerance, or a value within it at a
/// harder target.
fn outranks(problem: &StrikeProblem, value: f64, g: usize, best: f64, best_group: usize) -> bool {
    let scale = value.abs().max(best.abs());
    if value > best + VALUE_TOLERANCE * scale {
        true
    } else if value >= best - VALUE_TOLERANCE * scale {
        problem.groups[g].hardness_psi > problem.groups[best_group].hardness_psi
    } else {
        false
    }
}

/// Pools whose kill probability is within this relative margin of the best count as equally
/// good; the least lethal of them is used. Kept at rounding level: a wider margin trades kill
/// probability for lethality and makes survivors rise with attacker accuracy.
const POOL_EQUIVALENCE: f64 = 1e-9;

/// Attacking warheads of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pool {
    /// Warheads available for counterforce.
    pub warheads: f64,
    /// Reliability of these warheads (used for what they would do against value instead).
    pub reliability: f64,
    /// Lethality index K = Y_Mt^(2/3)/CEP_nmi².
    pub lethality: f64,
}

/// Vulnerable aim points of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Number of aim points (may be fractional: expected values).
    pub aim_points: f64,
    /// Warheads destroyed with one aim point.
    pub warheads_per_aim_point: f64,
    /// Hardness, psi (orders ties and pool choice).
    pub hardness_psi: f64,
    /// Reliability of the defender's warheads at these aim points (for retaliation).
    pub reliability: f64,
}

/// A counterforce problem: pools, groups, the kill matrix and the per-target cap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrikeProblem {
    /// Attacking pools.
    pub pools: Vec<Pool>,
    /// Target groups.
    pub groups: Vec<Group>,
    /// Row-major `pools × groups` kill probabilities.
    pub kill: Vec<f64>,
    /// Most warheads aimed at one aim point.
    pub max_shots: u32,
}

/// One step of the greedy allocation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Step {
    /// Pool the warheads came from.
    pub pool: usize,
    /// Group they were aimed at.
    pub group: usize,
    /// Warheads spent.
    pub warheads: f64,
    /// Expected defender warheads destroyed.
    pub destroyed: f64,
}

/// The result of a greedy allocation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Drawdown {
    /// Steps in the order they were funded.
    pub steps: Vec<Step>,
    /// Expected surviving warheads at each group's aim points after the full strike.
    pub group_survivors: Vec<f64>,
    /// Warheads spent from each pool.
    pub pool_spent: Vec<f64>,
}

impl Drawdown {
    /// Total attacking warheads spent.
    pub fn spent(&self) -> f64 {
        self.steps.iter().map(|s| s.warheads).sum()
    }

    /// Total expected defender warheads destroyed.
    pub fn destroyed(&self) -> f64 {
        self.steps.iter().map(|s| s.destroyed).sum()
    }
}

impl StrikeProblem {
    /// Kill probability of a warhead from `pool` against an aim point of `group`.
    pub fn p(&self, pool: usize, group: usize) -> f64 {
        self.kill[pool * self.groups.len() + group]
    }

    /// Builds the problem of `attacker` striking `defender`'s vulnerable aim points.
    /// Pools are the attacker's counterforce elements (after the withheld share); groups are the
    /// defender's elements in the same order as `defender.elements`.
    pub fn new(
        attacker: &Side,
        defender: &Side,
        settings: &ExchangeSettings,
        withhold_fraction: f64,
    ) -> Result<StrikeProblem, BlastError> {
        Self::new_cached(attacker, defender, settings, withhold_fraction, &mut RangeCache::default())
    }

    /// [`StrikeProblem::new`] taking solved Brode ranges from `ranges` (and adding new ones): a
    /// problem rebuilt when a force structure changes does not solve them again.
    pub fn new_cached(
        attacker: &Side,
        defender: &Side,
        settings: &ExchangeSettings,
        withhold_fraction: f64,
        ranges: &mut RangeCache,
    ) -> Result<StrikeProblem, BlastError> {
        let model = settings.lethal_radius_model;
        let pools: Vec<(Pool, f64, f64)> = attacker
            .elements
            .iter()
            .filter(|e| e.counterforce && e.warheads > 0.0)
            .map(|e| {
                (
                    Pool {
                        warheads: e.warheads * (1.0 - withhold_fraction),
                        reliability: e.reliability,
                        lethality: lethality_k(e.yield_kt, e.cep_m),
                    },
                    e.yield_kt,
                    e.cep_m,
                )
            })
            .collect();
        let groups: Vec<Group> = defender
            .elements
            .iter()
            .map(|e| Group {
                aim_points: e.aim_points,
                warheads_per_aim_point: e.warheads_per_aim_point,
                hardness_psi: e.hardness_psi,
                reliability: e.reliability,
            })
            .collect();
        let mut kill = Vec::with_capacity(pools.len() * groups.len());
        // The Brode range at a hardness does not depend on yield: solve once per group.
        let scaled: Vec<Option<f64>> = groups
            .iter()
            .map(|g| match model {
                LethalRadiusModel::Brode => ranges.brode(g.hardness_psi).map(Some),
                LethalRadiusModel::CubeRoot => Ok(None),
            })
            .collect::<Result<_, _>>()?;
        for (pool, yield_kt, cep_m) in &pools {
            for (g, r) in groups.iter().zip(&scaled) {
                let lr = match r {
                    Some(r) => r * 1000.0 * yield_kt.cbrt() * crate::blast::METRES_PER_FOOT,
                    None => lethal_radius_m(*yield_kt, g.hardness_psi, model)?,
                };
                kill.push(kill_probability(pool.reliability, sspk(lr, *cep_m)));
            }
        }
        Ok(StrikeProblem {
            pools: pools.into_iter().map(|(p, _, _)| p).collect(),
            groups,
            kill,
            max_shots: settings.max_warheads_per_target,
        })
    }
}

impl StrikeProblem {
    /// Refreshes the counts (pool warheads, group aim points and warheads per aim point) from
    /// sides with the same elements as when the problem was built, keeping the kill matrix.
    /// Returns `false`, changing nothing, when the element structure differs (rebuild instead).
    pub fn refresh_counts(&mut self, attacker: &Side, defender: &Side, withhold_fraction: f64) -> bool {
        self.refresh_counts_memo(attacker, defender, withhold_fraction, &mut Vec::new())
    }

    /// [`StrikeProblem::refresh_counts`] with `sources`, the (yield, CEP) bit patterns each pool's
    /// lethality was last checked against: a pool whose element still has them has the same
    /// lethality (a function of those two numbers alone), so its power function is not
    /// evaluated again. Filled on success; the caller keeps it with the problem.
    pub(crate) fn refresh_counts_memo(
        &mut self,
        attacker: &Side,
        defender: &Side,
        withhold_fraction: f64,
        sources: &mut Vec<(u64, u64)>,
    ) -> bool {
        let pools = attacker.elements.iter().filter(|e| e.counterforce && e.warheads > 0.0);
        if defender.elements.len() != self.groups.len() {
            return false;
        }
        // Same structure means the same kill matrix: a kill probability depends on the pool's
        // reliability and lethality K = Y^(2/3)/CEP² and the group's hardness alone (the lethal
        // radius scales as Y^(1/3) in both lethal-radius models), so an element that left a pool
        // while another joined (a generation replacing the one before) is caught here. One pass
        // checks the count and every pool.
        let mut count = 0;
        for e in pools.clone() {
            let Some(p) = self.pools.get(count) else { return false };
            let known = sources.get(count) == Some(&(e.yield_kt.to_bits(), e.cep_m.to_bits()));
            if !(same(p.reliability, e.reliability) && (known || same(p.lethality, lethality_k(e.yield_kt, e.cep_m)))) {
                return false;
            }
            count += 1;
        }
        let same_pools = count == self.pools.len();
        let same_groups = self
            .groups
            .iter()
            .zip(&defender.elements)
            .all(|(g, e)| same(g.hardness_psi, e.hardness_psi) && same(g.reliability, e.reliability));
        if !(same_pools && same_groups) {
            return false;
        }
        sources.clear();
        for (pool, e) in self.pools.iter_mut().zip(pools) {
            pool.warheads = e.warheads * (1.0 - withhold_fraction);
            sources.push((e.yield_kt.to_bits(), e.cep_m.to_bits()));
        }
        for (g, e) in self.groups.iter_mut().zip(&defender.elements) {
            g.aim_points = e.aim_points;
            g.warheads_per_aim_point = e.warheads_per_aim_point;
        }
        true
    }
}

/// Brode scaled ranges already solved, by hardness (exact bits): the bisection is the costly part
/// of building a problem, and a run's hardness values are few.
#[derive(Debug, Clone, Default)]
pub struct RangeCache(Vec<(u64, f64)>);

impl RangeCache {
    /// Most hardness values kept (a linear search stays cheap).
    const CAPACITY: usize = 64;

    /// [`brode_scaled_range`] of `hardness_psi`, solved once.
    pub fn brode(&mut self, hardness_psi: f64) -> Result<f64, BlastError> {
        let key = hardness_psi.to_bits();
        if let Some(&(_, r)) = self.0.iter().find(|(k, _)| *k == key) {
            return Ok(r);
        }
        let r = brode_scaled_range(hardness_psi)?;
        if self.0.len() < Self::CAPACITY {
            self.0.push((key, r));
        }
        Ok(r)
    }
}

/// Bit-for-bit equality: the kill matrix was computed from exactly these inputs.
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}

/// Runs the greedy allocation of the module docs.
pub fn allocate(problem: &StrikeProblem) -> Drawdown {
    let mut work = Workspace::default();
    let mut out = Drawdown::default();
    allocate_into(problem, 1.0, 1.0, &mut work, &mut out);
    out
}

/// Reusable buffers of [`allocate_into`].
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    remaining: Vec<f64>,
    groups: Vec<GroupState>,
    /// The groups with a next shot, in increasing order.
    active: Vec<usize>,
    #[cfg(test)]
    reference: ReferenceWorkspace,
}

/// One target group's state during the allocation.
#[derive(Debug, Clone, Copy)]
struct GroupState {
    /// Aim points, scaled.
    aim_points: f64,
    /// Warheads destroyed with one aim point.
    warheads_per_aim_point: f64,
    /// Whether the group can be shot at all (aim points and warheads per aim point positive).
    live: bool,
    /// Completed rounds.
    rounds: u32,
    /// Share of the current round funded.
    partial: f64,
    /// Expected survival of the group's aim points.
    standing: f64,
    /// Survival at the start of the current round.
    round_start: f64,
    /// The pool of the group's next shot; [`NO_SHOT`] when it has none.
    pool: usize,
    /// The next shot's expected warheads destroyed per attacking warhead.
    value: f64,
}

/// [`GroupState::pool`] of a group without a next shot.
const NO_SHOT: usize = usize::MAX;

/// The greedy allocation with every pool's warheads multiplied by `pool_scale` and every
/// group's aim points by `group_scale` (force structures scaled, mix unchanged), writing into
/// `out` and reusing `work`: no allocation once the buffers have grown.
///
/// The same operations in the same order as the rule as first written (kept as the tests'
/// reference), with each group's state held together and its next shot recomputed only when it
/// may change: the funded group's value after every step (its pool cannot change unless a pool
/// runs dry), and when a pool runs dry the groups whose eligible pools included it.
pub fn allocate_into(
    problem: &StrikeProblem,
    pool_scale: f64,
    group_scale: f64,
    work: &mut Workspace,
    out: &mut Drawdown,
) {
    let n_groups = problem.groups.len();
    let kill = &problem.kill[..];
    let max_shots = problem.max_shots;
    let Workspace { remaining, groups, active, .. } = work;
    remaining.clear();
    remaining.extend(problem.pools.iter().map(|p| p.warheads * pool_scale));
    groups.clear();
    groups.extend(problem.groups.iter().map(|g| {
        let aim_points = g.aim_points * group_scale;
        GroupState {
            aim_points,
            warheads_per_aim_point: g.warheads_per_aim_point,
            live: !(aim_points <= 0.0 || g.warheads_per_aim_point <= 0.0),
            rounds: 0,
            partial: 0.0,
            standing: 1.0,
            round_start: 1.0,
            pool: NO_SHOT,
            value: 0.0,
        }
    }));
    out.steps.clear();
    active.clear();
    for (g, state) in groups.iter_mut().enumerate() {
        next_shot(problem, kill, remaining, state, g, max_shots);
        if state.pool != NO_SHOT {
            active.push(g);
        }
    }
    // A group without a next shot never has one again (its rounds, survival and reach do not
    // come back): the scans skip it by keeping to `active`, in the same order.
    loop {
        let mut best: Option<(f64, usize)> = None;
        for &g in active.iter() {
            let value = groups[g].value;
            let better = best.is_none_or(|(bv, bg)| outranks(problem, value, g, bv, bg));
            if better {
                best = Some((value, g));
            }
        }
        let Some((_, g)) = best else { break };
        let state = &mut groups[g];
        let pool = state.pool;
        let aim_points = state.aim_points;
        let need = aim_points * (1.0 - state.partial);
        let spend = need.min(remaining[pool]);
        let covered = spend / aim_points;
        let p = kill[pool * n_groups + g];
        let destroyed = aim_points * state.warheads_per_aim_point * state.round_start * covered * p;
        state.standing -= state.round_start * covered * p;
        remaining[pool] -= spend;
        if spend >= need * (1.0 - 1e-12) {
            state.rounds += 1;
            state.partial = 0.0;
            state.round_start = state.standing;
        } else {
            state.partial += covered;
        }
        let mut lost = false;
        if remaining[pool] < 1e-9 {
            remaining[pool] = 0.0;
            // As in the reference: the group just funded, and the groups whose chosen pool's
            // kill probability does not exceed the emptied pool's beyond POOL_EQUIVALENCE.
            for &h in active.iter() {
                let c = &mut groups[h];
                let may_change =
                    h == g || kill[pool * n_groups + h] >= kill[c.pool * n_groups + h] * (1.0 - POOL_EQUIVALENCE);
                if may_change {
                    next_shot(problem, kill, remaining, c, h, max_shots);
                    lost |= c.pool == NO_SHOT;
                }
            }
        } else {
            // No pool ran dry: the group's pool is unchanged, only its value moves.
            shot_value(kill, state, g, n_groups, pool, max_shots);
            lost = state.pool == NO_SHOT;
        }
        if lost {
            active.retain(|&h| groups[h].pool != NO_SHOT);
        }
        out.steps.push(Step { pool, group: g, warheads: spend, destroyed });
    }
    out.group_survivors.clear();
    out.group_survivors.extend(groups.iter().map(|g| g.aim_points * g.warheads_per_aim_point * g.standing));
    out.pool_spent.clear();
    out.pool_spent.extend(problem.pools.iter().zip(remaining.iter()).map(|(p, r)| p.warheads * pool_scale - r));
}

/// Sets group `g`'s next shot (the reference's `candidate`): none when the group cannot be shot
/// or is capped, else the pool [`choose_pool`] picks and the shot's value.
fn next_shot(
    problem: &StrikeProblem,
    kill: &[f64],
    remaining: &[f64],
    state: &mut GroupState,
    g: usize,
    max_shots: u32,
) {
    state.pool = NO_SHOT;
    if !state.live || state.rounds >= max_shots {
        return;
    }
    let n_groups = problem.groups.len();
    let mut p_max = 0.0f64;
    for (i, r) in remaining.iter().enumerate() {
        if *r > 0.0 {
            p_max = p_max.max(kill[i * n_groups + g]);
        }
    }
    if p_max <= 0.0 {
        return;
    }
    let threshold = p_max * (1.0 - POOL_EQUIVALENCE);
    let mut choice = NO_SHOT;
    for (i, r) in remaining.iter().enumerate() {
        if *r > 0.0 && kill[i * n_groups + g] >= threshold {
            // The reference's rule, NaN included: keep the earlier choice unless it is more lethal.
            choice = match choice {
                NO_SHOT => i,
                c if problem.pools[c].lethality <= problem.pools[i].lethality => c,
                _ => i,
            };
        }
    }
    if choice != NO_SHOT {
        shot_value(kill, state, g, n_groups, choice, max_shots);
    }
}

/// Sets group `g`'s next shot from `pool` (the reference's `shot`): its value, or none when the
/// group is capped or the value is not positive.
fn shot_value(kill: &[f64], state: &mut GroupState, g: usize, n_groups: usize, pool: usize, max_shots: u32) {
    state.pool = NO_SHOT;
    if !state.live || state.rounds >= max_shots {
        return;
    }
    let value = state.warheads_per_aim_point * state.round_start * kill[pool * n_groups + g];
    if value > 0.0 {
        state.pool = pool;
        state.value = value;
    }
}

/// Buffers of the reference allocation.
#[cfg(test)]
#[derive(Debug, Clone, Default)]
struct ReferenceWorkspace {
    remaining: Vec<f64>,
    rounds: Vec<u32>,
    partial: Vec<f64>,
    standing: Vec<f64>,
    round_start: Vec<f64>,
    candidates: Vec<Option<(usize, f64)>>,
}

/// The allocation as written before [`allocate_into`] held each group's state together: the
/// tests' reference. With `REFRESH_ALL` every group's next shot is recomputed whenever a pool
/// runs dry and the funded group's by [`candidate`] after every step (the rule as first
/// written); without it only the groups that may change are.
#[cfg(test)]
fn allocate_with<const REFRESH_ALL: bool>(
    problem: &StrikeProblem,
    pool_scale: f64,
    group_scale: f64,
    work: &mut Workspace,
    out: &mut Drawdown,
) {
    let n_groups = problem.groups.len();
    let work = &mut work.reference;
    work.remaining.clear();
    work.remaining.extend(problem.pools.iter().map(|p| p.warheads * pool_scale));
    work.rounds.clear();
    work.rounds.resize(n_groups, 0);
    work.partial.clear();
    work.partial.resize(n_groups, 0.0);
    work.standing.clear();
    work.standing.resize(n_groups, 1.0);
    work.round_start.clear();
    work.round_start.resize(n_groups, 1.0);
    out.steps.clear();
    let ReferenceWorkspace { remaining, rounds, partial, standing, round_start, candidates } = work;
    // Each group's next shot (pool, value); recomputed for the group just funded, and for
    // every group when a pool runs dry (the only event that changes other groups' choice).
    candidates.clear();
    candidates.extend((0..n_groups).map(|g| candidate(problem, remaining, rounds, round_start, group_scale, g)));
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for (g, c) in candidates.iter().enumerate() {
            let Some((pool, value)) = *c else { continue };
            let better = best.is_none_or(|(bv, bg, _)| outranks(problem, value, g, bv, bg));
            if better {
                best = Some((value, g, pool));
            }
        }
        let Some((_, g, pool)) = best else { break };
        let group = &problem.groups[g];
        let aim_points = group.aim_points * group_scale;
        let need = aim_points * (1.0 - partial[g]);
        let spend = need.min(remaining[pool]);
        let covered = spend / aim_points;
        let p = problem.p(pool, g);
        let destroyed = aim_points * group.warheads_per_aim_point * round_start[g] * covered * p;
        standing[g] -= round_start[g] * covered * p;
        remaining[pool] -= spend;
        if spend >= need * (1.0 - 1e-12) {
            rounds[g] += 1;
            partial[g] = 0.0;
            round_start[g] = standing[g];
        } else {
            partial[g] += covered;
        }
        if remaining[pool] < 1e-9 {
            remaining[pool] = 0.0;
            // Only the group just funded and the groups that could have drawn on the pool now
            // empty can change their choice: a group with no shot keeps none (its rounds,
            // survival and reach do not come back), and a group whose eligible pools (within
            // POOL_EQUIVALENCE of its best) did not include this one keeps the same best, the
            // same eligible pools and so the same choice. A pool is eligible only if its kill
            // probability is within POOL_EQUIVALENCE of the chosen pool's or above, which is
            // tested (a superset, so no group that may change is skipped).
            for (h, c) in candidates.iter_mut().enumerate() {
                let may_change = REFRESH_ALL
                    || h == g
                    || c.is_some_and(|(chosen, _)| {
                        problem.p(pool, h) >= problem.p(chosen, h) * (1.0 - POOL_EQUIVALENCE)
                    });
                if may_change {
                    *c = candidate(problem, remaining, rounds, round_start, group_scale, h);
                }
            }
        } else if REFRESH_ALL {
            candidates[g] = candidate(problem, remaining, rounds, round_start, group_scale, g);
        } else {
            // No pool ran dry, so the set of pools with warheads left, and with it the pool
            // group g draws on, is unchanged: only the shot's value moves.
            candidates[g] = shot(problem, rounds, round_start, group_scale, g, pool);
        }
        out.steps.push(Step { pool, group: g, warheads: spend, destroyed });
    }
    out.group_survivors.clear();
    out.group_survivors.extend(
        problem
            .groups
            .iter()
            .zip(standing.iter())
            .map(|(g, q)| g.aim_points * group_scale * g.warheads_per_aim_point * q),
    );
    out.pool_spent.clear();
    out.pool_spent.extend(problem.pools.iter().zip(remaining.iter()).map(|(p, r)| p.warheads * pool_scale - r));
}

/// Group `g`'s next shot: the pool to draw on and the expected warheads destroyed per
/// attacking warhead; `None` when the group is exhausted, capped or out of reach.
#[cfg(test)]
fn candidate(
    problem: &StrikeProblem,
    remaining: &[f64],
    rounds: &[u32],
    round_start: &[f64],
    group_scale: f64,
    g: usize,
) -> Option<(usize, f64)> {
    let group = &problem.groups[g];
    if group.aim_points * group_scale <= 0.0 || group.warheads_per_aim_point <= 0.0 || rounds[g] >= problem.max_shots {
        return None;
    }
    let pool = choose_pool(problem, remaining, g)?;
    shot(problem, rounds, round_start, group_scale, g, pool)
}

/// [`candidate`] for group `g` when the pool it draws on is known to be `pool`.
#[cfg(test)]
fn shot(
    problem: &StrikeProblem,
    rounds: &[u32],
    round_start: &[f64],
    group_scale: f64,
    g: usize,
    pool: usize,
) -> Option<(usize, f64)> {
    let group = &problem.groups[g];
    if group.aim_points * group_scale <= 0.0 || group.warheads_per_aim_point <= 0.0 || rounds[g] >= problem.max_shots {
        return None;
    }
    let value = group.warheads_per_aim_point * round_start[g] * problem.p(pool, g);
    (value > 0.0).then_some((pool, value))
}

/// The pool to use next against group `g`: among pools with warheads left, those within
/// [`POOL_EQUIVALENCE`] of the best kill probability, the least lethal (then the first).
#[cfg(test)]
fn choose_pool(problem: &StrikeProblem, remaining: &[f64], g: usize) -> Option<usize> {
    let mut p_max = 0.0f64;
    for (i, r) in remaining.iter().enumerate() {
        if *r > 0.0 {
            p_max = p_max.max(problem.p(i, g));
        }
    }
    if p_max <= 0.0 {
        return None;
    }
    let mut choice: Option<usize> = None;
    for (i, r) in remaining.iter().enumerate() {
        if *r > 0.0 && problem.p(i, g) >= p_max * (1.0 - POOL_EQUIVALENCE) {
            choice = match choice {
                Some(c) if problem.pools[c].lethality <= problem.pools[i].lethality => Some(c),
                _ => Some(i),
            };
        }
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_gen::Gen;

    /// The allocation as first written (every group's next shot recomputed whenever a pool runs
    /// dry): the reference the current one is tested bit-identical against.
    fn reference_allocate_into(
        problem: &StrikeProblem,
        pool_scale: f64,
        group_scale: f64,
        work: &mut Workspace,
        out: &mut Drawdown,
    ) {
        allocate_with::<true>(problem, pool_scale, group_scale, work, out);
    }

    /// A random problem with repeated kill probabilities and lethalities (ties), empty pools
    /// and groups, and pools that run dry.
    fn problem(r: &mut Gen) -> StrikeProblem {
        let (n_pools, n_groups) = (r.below(9), r.below(11));
        let shared_p = [0.8, 0.95 * 0.8, 0.5, 0.999_999_999_5 * 0.8];
        let pools: Vec<Pool> = (0..n_pools)
            .map(|_| Pool {
                warheads: if r.below(6) == 0 { 0.0 } else { (r.next() * 400.0).round() + r.below(2) as f64 * 0.5 },
                reliability: 0.8,
                lethality: [10.0, 20.0, 20.0, 55.5][r.below(4)] * (1.0 + r.below(2) as f64 * r.next()),
            })
            .collect();
        let groups: Vec<Group> = (0..n_groups)
            .map(|_| Group {
                aim_points: if r.below(8) == 0 { 0.0 } else { (r.next() * 150.0).round() + r.below(3) as f64 * 0.25 },
                warheads_per_aim_point: [1.0, 3.0, 10.0, 0.0][r.below(4)],
                hardness_psi: [5.0, 300.0, 1000.0, 1000.0][r.below(4)],
                reliability: 0.9,
            })
            .collect();
        let kill = (0..n_pools * n_groups)
            .map(|_| if r.below(3) == 0 { shared_p[r.below(4)] } else { r.next() * 0.9 })
            .collect();
        StrikeProblem { pools, groups, kill, max_shots: 1 + r.below(4) as u32 }
    }

    #[test]
    fn allocation_is_bit_identical_to_the_reference() {
        let mut r = Gen(0x9e37_79b9_7f4a_7c15);
        let (mut work, mut out, mut steps) = (Workspace::default(), Drawdown::default(), 0);
        for case in 0..20_000 {
            let p = problem(&mut r);
            let (ps, gs) = if case % 3 == 0 { (r.next() * 2.0, r.next() * 2.0) } else { (1.0, 1.0) };
            allocate_into(&p, ps, gs, &mut work, &mut out);
            let mut reference = Drawdown::default();
            reference_allocate_into(&p, ps, gs, &mut Workspace::default(), &mut reference);
            assert_eq!(format!("{out:?}"), format!("{reference:?}"), "case {case}: {p:?}");
            // The allocation before each group's state was held together (refreshing only the
            // groups that may change), also kept as a reference.
            allocate_with::<false>(&p, ps, gs, &mut Workspace::default(), &mut reference);
            assert_eq!(format!("{out:?}"), format!("{reference:?}"), "case {case}: {p:?}");
            steps += out.steps.len();
        }
        // The cases exercise long drawdowns, not only empty ones.
        assert!(steps > 100_000, "{steps}");
    }
}
