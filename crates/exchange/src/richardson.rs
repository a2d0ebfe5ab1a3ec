//! Richardson's arms race, solved exactly (Richardson, *Arms and Insecurity*, 1960).
//!
//! `dx/dt = a y − m x + r`, `dy/dt = b x − n y + s`. Stable (converging) iff `m n > a b`.
//! The state at time t is `z* + exp(J t)(z0 − z*)`, with the 2×2 matrix exponential computed
//! from the eigenvalues of `J = [[−m, a], [b, −n]]` (always real, since a b ≥ 0 makes the
//! discriminant non-negative) — never by yearly Euler steps, which diverge for stiff cases.

use serde::{Deserialize, Serialize};

/// Coefficients of the Richardson system.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Richardson {
    /// A's reaction ("fear") to B's arms.
    pub a: f64,
    /// B's reaction to A's arms.
    pub b: f64,
    /// A's fatigue.
    pub m: f64,
    /// B's fatigue.
    pub n: f64,
    /// A's grievance.
    pub r: f64,
    /// B's grievance.
    pub s: f64,
}

impl Richardson {
    /// `m n − a b`; positive means a stable race.
    pub fn determinant(&self) -> f64 {
        self.m * self.n - self.a * self.b
    }

    /// Whether the race converges: the product of fatigues exceeds the product of reactions.
    pub fn is_stable(&self) -> bool {
        self.determinant() > 0.0
    }

    /// The equilibrium `(x*, y*)`, or `None` when the reaction lines are parallel.
    pub fn equilibrium(&self) -> Option<(f64, f64)> {
        let d = self.determinant();
        if d == 0.0 {
            return None;
        }
        Some(((self.r * self.n + self.a * self.s) / d, (self.m * self.s + self.b * self.r) / d))
    }

    /// Eigenvalues of J, larger first.
    pub fn eigenvalues(&self) -> (f64, f64) {
        let tr = -(self.m + self.n);
        let disc = ((self.m - self.n).powi(2) + 4.0 * self.a * self.b).sqrt();
        ((tr + disc) / 2.0, (tr - disc) / 2.0)
    }

    /// The state at time `t` from `(x0, y0)`, exactly.
    pub fn state_at(&self, x0: f64, y0: f64, t: f64) -> (f64, f64) {
        let (l1, l2) = self.eigenvalues();
        // Work with z − z* when an equilibrium exists; otherwise integrate the affine term
        // through the same spectral form (d = 0 only when one eigenvalue is 0).
        let j = [[-self.m, self.a], [self.b, -self.n]];
        let exp_jt = |l1: f64, l2: f64| -> [[f64; 2]; 2] {
            if (l1 - l2).abs() < 1e-12 {
                // Repeated eigenvalue: exp(Jt) = e^{λt} (I + (J − λI) t).
                let e = (l1 * t).exp();
                [[e * (1.0 + (j[0][0] - l1) * t), e * j[0][1] * t], [e * j[1][0] * t, e * (1.0 + (j[1][1] - l1) * t)]]
            } else {
                let (e1, e2) = ((l1 * t).exp(), (l2 * t).exp());
                let c1 = e1 / (l1 - l2);
                let c2 = e2 / (l2 - l1);
                let mut out = [[0.0; 2]; 2];
                for (i, row) in out.iter_mut().enumerate() {
                    for (k, cell) in row.iter_mut().enumerate() {
                        let id = if i == k { 1.0 } else { 0.0 };
                        *cell = c1 * (j[i][k] - l2 * id) + c2 * (j[i][k] - l1 * id);
                    }
                }
                out
            }
        };
        match self.equilibrium() {
            Some((xs, ys)) => {
                let e = exp_jt(l1, l2);
                let (dx, dy) = (x0 - xs, y0 - ys);
                (xs + e[0][0] * dx + e[0][1] * dy, ys + e[1][0] * dx + e[1][1] * dy)
            }
            None => {
                // Singular J: integrate with small exact steps of the linearised flow.
                let steps = ((t.abs() * 1000.0).ceil() as usize).max(1);
                let h = t / steps as f64;
                let (mut x, mut y) = (x0, y0);
                for _ in 0..steps {
                    let f = |x: f64, y: f64| (self.a * y - self.m * x + self.r, self.b * x - self.n * y + self.s);
                    let (k1x, k1y) = f(x, y);
                    let (k2x, k2y) = f(x + h / 2.0 * k1x, y + h / 2.0 * k1y);
                    let (k3x, k3y) = f(x + h / 2.0 * k2x, y + h / 2.0 * k2y);
                    let (k4x, k4y) = f(x + h * k3x, y + h * k3y);
                    x += h / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x);
                    y += h / 6.0 * (k1y + 2.0 * k2y + 2.0 * k3y + k4y);
                }
                (x, y)
            }
        }
    }
}
