//! ICB actor-level files (`deterrence data import icb`): whatever the text, the reader gives an
//! error or observations, never a panic; the escalation table of what it reads has no infinity.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        if let Ok(obs) = history::icb::read_actor_file(text) {
            let _ = history::icb::escalation_table(&obs);
        }
        let _ = history::icb::read_dated_actor_file(text);
    });
}
