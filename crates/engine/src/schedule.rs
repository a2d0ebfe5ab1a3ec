//! The yearly schedule: one year of the simulation runs the processes in docs/model.md §3 order.
//!
//! Scheduled events of the year come first ([`events`]); then 1. [`regime`], 2. [`threat`],
//! 3. [`proliferation`] (the suppliers' decisions first, [`supply`]), 4. [`arsenal`], the exchange calculus of every armed dyad
//! ([`World::update_stability`]), 5.–7. [`crisis`] (then the year's false alarms,
//! [`crisis::false_alarms`]), 8. [`learning`], 9. [`observe`]. The order
//! fixes the order of random draws, so it is part of what makes a run reproducible.

use crate::record::YearRecord;
use crate::world::World;
use crate::{arsenal, crisis, events, learning, observe, proliferation, regime, supply, threat};
use rand::rngs::ChaCha8Rng;

/// Advances `w` one year through every process, in docs/model.md §3 order. The caller moves
/// [`World::year`] on afterwards.
pub fn step(w: &mut World, rng: &mut ChaCha8Rng) {
    w.events.clear();
    w.tally = YearRecord { year: w.year, ..YearRecord::default() };
    for a in &mut w.actors {
        a.false_alarms = 0;
    }
    events::apply_scheduled(w);
    regime::step(w);
    threat::assess(w);
    supply::step(w, rng);
    proliferation::step(w, rng);
    arsenal::step(w);
    w.update_stability();
    crisis::step(w, rng);
    learning::step(w);
    observe::finish_year(w);
}
