//! The Intriligator–Brito deterrence region (Intriligator & Brito, *Journal of Conflict Resolution* 28(1), 1984).
//!
//! With missile stocks M_A, M_B, counterforce effectiveness f (enemy missiles destroyed per
//! missile fired at them), countervalue effectiveness v (damage per missile) and unacceptable
//! damage thresholds Ā, B̄: B deters A iff `M_B ≥ f_A M_A + Ā / v_B`; A deters B iff
//! `M_A ≥ f_B M_B + B̄ / v_A`. Both hold inside the cone of mutual deterrence, whose vertex
//! exists iff `f_A f_B < 1`. Boundaries are inclusive.

use serde::{Deserialize, Serialize};

/// Parameters of the cone.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ConeParams {
    /// B's missiles destroyed per A missile fired at them.
    pub f_a: f64,
    /// A's missiles destroyed per B missile fired at them.
    pub f_b: f64,
    /// Damage to B per A missile on value.
    pub v_a: f64,
    /// Damage to A per B missile on value.
    pub v_b: f64,
    /// A's unacceptable damage.
    pub d_a: f64,
    /// B's unacceptable damage.
    pub d_b: f64,
}

/// Who deters whom at a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deterrence {
    /// B's retaliation after A's full counterforce strike is at least A's unacceptable damage.
    pub b_deters_a: bool,
    /// A's retaliation after B's full counterforce strike is at least B's unacceptable damage.
    pub a_deters_b: bool,
}

impl Deterrence {
    /// Both deter: inside the cone of mutual deterrence.
    pub fn mutual(&self) -> bool {
        self.b_deters_a && self.a_deters_b
    }
}

impl ConeParams {
    /// Who deters whom at force levels (`m_a`, `m_b`).
    pub fn at(&self, m_a: f64, m_b: f64) -> Deterrence {
        Deterrence {
            b_deters_a: m_b >= self.f_a * m_a + self.d_a / self.v_b,
            a_deters_b: m_a >= self.f_b * m_b + self.d_b / self.v_a,
        }
    }

    /// The vertex of the cone, or `None` when `f_A f_B ≥ 1` (no mutual deterrence anywhere).
    pub fn vertex(&self) -> Option<(f64, f64)> {
        let det = 1.0 - self.f_a * self.f_b;
        if det <= 0.0 {
            return None;
        }
        let (ra, rb) = (self.d_a / self.v_b, self.d_b / self.v_a);
        Some(((rb + self.f_b * ra) / det, (ra + self.f_a * rb) / det))
    }
}
