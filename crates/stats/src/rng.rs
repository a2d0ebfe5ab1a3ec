//! Random draws used by the designs and bootstraps, spelled out so their order is documented.

use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// A uniform index in `0..n` (`n > 0`), drawn as a `u64` so it never depends on the width of
/// `usize`.
pub(crate) fn index_below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    debug_assert!(n > 0);
    // The value is below `n`, which came from a usize, so the cast back is lossless.
    rng.random_range(0..n as u64) as usize
}

/// Fisher–Yates shuffle from the last element down (Knuth, TAOCP vol. 2, Algorithm P).
pub(crate) fn shuffle<T>(rng: &mut ChaCha8Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = index_below(rng, i + 1);
        items.swap(i, j);
    }
}

/// A uniform permutation of `0..n`.
pub(crate) fn permutation(rng: &mut ChaCha8Rng, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    shuffle(rng, &mut p);
    p
}
