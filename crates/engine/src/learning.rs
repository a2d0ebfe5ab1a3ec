//! Process 8, learning: beliefs about the value of nuclear weapons decay slowly back toward
//! their initial level each year.
//!
//! The lessons that raise or lower those beliefs — an invasion of a state without weapons, an
//! armed state left unattacked, enforcement that worked, an acquisition — are applied when the
//! event happens, by the process where it happens, through [`crate::effects`].

use crate::world::World;

/// Yearly decay of beliefs toward their initial level.
pub fn step(w: &mut World) {
    let decay = w.params.learn_decay;
    for a in &mut w.actors {
        a.value = (a.value + decay * (a.value_baseline - a.value)).clamp(0.0, 1.0);
    }
}
