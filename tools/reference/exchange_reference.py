#!/usr/bin/env python3.11
"""Independent reference values (test vectors) for the Deterrence Lab force-exchange calculus.

Sources of the formulas (no Rust code of the crates was read; the values are independent of it):
  * docs/model.md, Part II "Details" (the repository's statement of the exchange calculus):
    "Kill probability", "Best counterforce first strike", "First-strike stability (Kent & Thaler
    1989)", "Deterrence region (Intriligator & Brito 1984)", "Arms-race stability (Richardson)";
  * the primary literature behind each formula:
    - surface-burst peak overpressure: H. L. Brode, Airblast from Nuclear Bursts - Analytic
      Approximations, Pacific-Sierra Research, PSR Report 1419-3, 1987; cube-root scaling of blast
      with yield: S. Glasstone & P. J. Dolan (eds.), The Effects of Nuclear Weapons, 3rd ed.,
      US Department of Defense and Energy Research and Development Administration, 1977;
    - circular-normal miss distance (CEP its median) and single-shot kill probability: standard
      weaponeering texts, e.g. M. R. Driels, Weaponeering: Conventional Weapon System
      Effectiveness, AIAA Education Series, 2004;
    - first-strike stability: G. A. Kent & D. E. Thaler, First-Strike Stability: A Methodology for
      Evaluating Strategic Forces, RAND R-3765-AF, 1989, and G. A. Kent, R. J. DeValk &
      D. E. Thaler, A Calculus of First-Strike Stability, RAND N-2526, 1988;
    - deterrence cone: M. D. Intriligator & D. L. Brito, "Can Arms Races Lead to the Outbreak of
      War?", Journal of Conflict Resolution, 1984;
    - arms-race dynamics: L. F. Richardson, Arms and Insecurity, 1960.

Standard library only (python3.11). Run:  python3.11 tools/reference/exchange_reference.py

Independence choices (deliberately different algorithms from the ones docs/model.md uses):
  * Brode lethal radius: a very fine logarithmic scan brackets the root (and checks monotonicity),
    then Brent's method (zeroin) solves dP(r) = H to machine precision. A second, independent
    solve uses the secant method in 50-digit decimal arithmetic; both must agree to 1e-13.
  * KT-lite: evaluated in binary floating point AND in 40-digit decimal arithmetic; s* and all
    costs must agree. The float run reports the gap to the runner-up s (no near-ties hidden).
  * Richardson: exact 2x2 spectral (eigen-) decomposition exp(Jt) = sum_i exp(l_i t) P_i,
    cross-checked against a 40-digit Taylor series with scaling-and-squaring.
  * Greedy allocation: exact rational arithmetic (fractions.Fraction), so ties are exact ties.
Every printed float is repr() (shortest round-trip, 15-17 significant digits).
"""

from __future__ import annotations

import cmath
import math
from decimal import Decimal, getcontext
from fractions import Fraction

FT_PER_M_INV = 0.3048        # metres per foot (exact by definition)
M_PER_NMI = 1852.0           # metres per nautical mile (exact by definition)

CHECKS: list[str] = []       # failures of internal cross-checks (must stay empty)


def check(cond: bool, what: str) -> None:
    if not cond:
        CHECKS.append(what)
        print(f"   !!! CROSS-CHECK FAILED: {what}")


def hdr(title: str) -> None:
    print()
    print("=" * 100)
    print(title)
    print("=" * 100)


# =================================================================================================
# 1. Brode (1987) surface-burst peak overpressure
#    dP(r) = 10.47/r^1.22 + 2.9902/r^3.053 - 4.166/(1 + 0.6096 r^1.83) - 0.2905
#            + 1.094 r^2 / (781.2 - 123.4 r + 37.98 r^1.5 + r^2)          [psi]
#    r = scaled ground range in kft/kt^(1/3) = GR_ft / (1000 W_kt^(1/3)).
# =================================================================================================

def brode_dp(r: float) -> float:
    return (10.47 / r ** 1.22
            + 2.9902 / r ** 3.053
            - 4.166 / (1.0 + 0.6096 * r ** 1.83)
            - 0.2905
            + 1.094 * r * r / (781.2 - 123.4 * r + 37.98 * r ** 1.5 + r * r))


def brode_dp_dec(r: Decimal) -> Decimal:
    """Same formula in high-precision decimal arithmetic (used only as a cross-check)."""
    D = Decimal
    return (D("10.47") / r ** D("1.22")
            + D("2.9902") / r ** D("3.053")
            - D("4.166") / (1 + D("0.6096") * r ** D("1.83"))
            - D("0.2905")
            + D("1.094") * r * r / (D("781.2") - D("123.4") * r + D("37.98") * r ** D("1.5") + r * r))


def zeroin(f, ax: float, bx: float, tol: float = 0.0, maxit: int = 500) -> float:
    """Brent's (1973) root finder, transcribed from the published ALGOL/FORTRAN 'zeroin' logic:
    inverse quadratic interpolation / secant steps, falling back to bisection only when those
    steps misbehave. Requires f(ax), f(bx) of opposite sign. tol=0 -> full machine precision."""
    eps = 2.220446049250313e-16
    a, b = ax, bx
    fa, fb = f(a), f(b)
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    if (fa > 0) == (fb > 0):
        raise ValueError("root not bracketed")
    c, fc = a, fa
    d = e = b - a
    for _ in range(maxit):
        if (fb > 0) == (fc > 0):           # keep the root between b and c
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):               # b is the best estimate so far
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol1 = 2.0 * eps * abs(b) + 0.5 * tol
        xm = 0.5 * (c - b)
        if abs(xm) <= tol1 or fb == 0.0:
            return b
        if abs(e) >= tol1 and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:                      # secant step
                p = 2.0 * xm * s
                q = 1.0 - s
            else:                           # inverse quadratic interpolation
                q = fa / fc
                rr = fb / fc
                p = s * (2.0 * xm * q * (q - rr) - (b - a) * (rr - 1.0))
                q = (q - 1.0) * (rr - 1.0) * (s - 1.0)
            if p > 0.0:
                q = -q
            else:
                p = -p
            if 2.0 * p < min(3.0 * xm * q - abs(tol1 * q), abs(e * q)):
                e, d = d, p / q             # accept interpolation
            else:
                d = e = xm                  # bisection fallback
        else:
            d = e = xm
        a, fa = b, fb
        b += d if abs(d) > tol1 else math.copysign(tol1, xm)
        fb = f(b)
    raise RuntimeError("zeroin did not converge")


# Fine logarithmic scan of dP(r) on [1e-3, 1e3] kft/kt^(1/3): 400 001 points. It shows that the
# fit is NOT monotone over all r > 0: it decreases strictly up to a minimum near r = 76
# (dP ~ 0.043 psi) and then creeps back up toward its asymptote 1.094 - 0.2905 = 0.8035 psi.
# So dP(r) = H has exactly one root on the decreasing branch, and that root is the only one over
# all r > 0 whenever H > 0.8035 psi (the rising branch stays below the asymptote). The scan
# (i) verifies this shape and that the rational term's denominator never vanishes, and
# (ii) gives Brent a tight bracket on the decreasing branch.
SCAN_N = 400_000
SCAN_LO, SCAN_HI = 1e-3, 1e3
_SCAN_R = [SCAN_LO * (SCAN_HI / SCAN_LO) ** (i / SCAN_N) for i in range(SCAN_N + 1)]
_SCAN_P = [brode_dp(x) for x in _SCAN_R]
SCAN_IMIN = min(range(SCAN_N + 1), key=lambda i: _SCAN_P[i])
SCAN_DECREASING = all(_SCAN_P[i + 1] < _SCAN_P[i] for i in range(SCAN_IMIN))
SCAN_RISING_AFTER = all(_SCAN_P[i + 1] > _SCAN_P[i] for i in range(SCAN_IMIN, SCAN_N))
# coarse extension of the rising branch to r = 1e9: stays increasing and below 0.8035 psi
_EXT = [brode_dp(10 ** (3 + 6 * i / 6000)) for i in range(6001)]
EXT_OK = all(_EXT[i + 1] > _EXT[i] for i in range(6000)) and max(_EXT) < 1.094 - 0.2905
SCAN_MIN_DENOM = min(781.2 - 123.4 * x + 37.98 * x ** 1.5 + x * x for x in _SCAN_R)


def brode_scaled_range(h_psi: float) -> float:
    """Scaled range r (kft/kt^(1/3)) with dP(r) = H: scan bracket, then Brent."""
    # dP is decreasing: find the first scan point with dP < H
    lo, hi = 0, SCAN_IMIN                   # decreasing branch only
    if not (_SCAN_P[0] > h_psi > 1.094 - 0.2905):
        raise ValueError(f"H={h_psi} psi outside the range where the fit has a unique root")
    while hi - lo > 1:                      # index search on the tabulated scan only
        mid = (lo + hi) // 2
        if _SCAN_P[mid] > h_psi:
            lo = mid
        else:
            hi = mid
    return zeroin(lambda x: brode_dp(x) - h_psi, _SCAN_R[lo], _SCAN_R[hi])


def brode_scaled_range_dec(h_psi: float, start: float, digits: int = 50) -> Decimal:
    """Independent high-precision solve by the secant method (decimal arithmetic)."""
    getcontext().prec = digits
    H = Decimal(repr(h_psi))
    x0 = Decimal(repr(start)) * Decimal("0.999999")
    x1 = Decimal(repr(start)) * Decimal("1.000001")
    f0, f1 = brode_dp_dec(x0) - H, brode_dp_dec(x1) - H
    for _ in range(100):
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        if abs(x2 - x1) < Decimal(10) ** (-(digits - 8)):
            return x2
        x0, f0, x1, f1 = x1, f1, x2, brode_dp_dec(x2) - H
    raise RuntimeError("secant did not converge")


def lr_brode_m(yield_kt: float, h_psi: float) -> float:
    """Brode lethal radius in metres: GR_ft = 1000 * W^(1/3) * r, times 0.3048 m/ft."""
    return brode_scaled_range(h_psi) * 1000.0 * yield_kt ** (1.0 / 3.0) * FT_PER_M_INV


def lr_cuberoot_m(yield_kt: float, h_psi: float, c: float = 2.62) -> float:
    """LR_nmi = c * Y_Mt^(1/3) * H^(-1/3), converted with 1 nmi = 1852 m."""
    return c * (yield_kt / 1000.0) ** (1.0 / 3.0) * h_psi ** (-1.0 / 3.0) * M_PER_NMI


def c_implied(h_psi: float) -> float:
    """c(H) = LR_nmi * H^(1/3) / Y_Mt^(1/3) for the Brode LR; yield cancels:
    c = r * 1000 ft * 0.3048 m/ft * 1000^(1/3) / 1852 m * H^(1/3) = r * H^(1/3) * 3048/1852."""
    return brode_scaled_range(h_psi) * h_psi ** (1.0 / 3.0) * 3048.0 / 1852.0


# =================================================================================================
# 2. SSPK, reliability, n shots, lethality K
# =================================================================================================

def sspk(lr_m: float, cep_m: float) -> float:
    return 1.0 - 0.5 ** ((lr_m / cep_m) ** 2)


def pkill_n(p: float, n: int) -> float:
    return 1.0 - (1.0 - p) ** n


def lethality_k(yield_kt: float, cep_m: float) -> float:
    return (yield_kt / 1000.0) ** (2.0 / 3.0) / (cep_m / M_PER_NMI) ** 2


# =================================================================================================
# 3. KT-lite: the reduced Kent-Thaler first-strike stability model (docs/model.md, Part II,
#    "First-strike stability"; Kent & Thaler 1989)
# =================================================================================================

LN5 = math.log(5.0)


def dmg(w: float, w80: float) -> float:
    return 1.0 - math.exp(-w * LN5 / w80) if w > 0 else 0.0


def kt_cost(d_own: float, d_enemy: float) -> float:
    return d_own ** 0.75 + 0.3 * (1.0 - d_enemy ** 0.75)


def kt_strike(att: dict, vic: dict, table: bool = False):
    """Striker 'att' spends s in {0..min(nf_vic, W_att)} warheads, one per enemy fixed launcher.
    Returns s*, C1 (striker cost), C2 (victim cost), gap to the runner-up, and optionally the table."""
    W = att["nf"] * att["mf"] + att["ws"]
    rows = []
    for s in range(0, min(vic["nf"], W) + 1):
        surv = vic["ws"] + vic["mf"] * (vic["nf"] - att["p"] * s)     # victim survivors W_B'
        d_att = dmg(surv, att["w80"])                                  # striker's own damage
        d_vic = dmg(W - s, vic["w80"])                                 # victim's damage
        rows.append((s, kt_cost(d_att, d_vic), kt_cost(d_vic, d_att), surv, d_att, d_vic))
    # stop rule: min striker cost; tie -> max victim cost; tie -> smaller s (exact comparisons)
    order = sorted(rows, key=lambda t: (t[1], -t[2], t[0]))
    best = order[0]
    gap = order[1][1] - best[1] if len(order) > 1 else float("inf")
    return (best[0], best[1], best[2], gap, rows if table else None)


def kt_strike_dec(att: dict, vic: dict, digits: int = 40):
    """The same model in 40-digit decimal arithmetic (cross-check only)."""
    getcontext().prec = digits
    D = Decimal
    ln5 = D(5).ln()
    e75 = D("0.75")

    def dm(w, w80):
        return 1 - (-w * ln5 / w80).exp() if w > 0 else D(0)

    def pw(x):
        return x ** e75 if x > 0 else D(0)

    def cost(a, b):
        return pw(a) + D("0.3") * (1 - pw(b))

    p = D(repr(att["p"]))
    W = D(att["nf"] * att["mf"] + att["ws"])
    rows = []
    for s in range(0, min(vic["nf"], att["nf"] * att["mf"] + att["ws"]) + 1):
        surv = D(vic["ws"]) + D(vic["mf"]) * (D(vic["nf"]) - p * s)
        da, dv = dm(surv, D(att["w80"])), dm(W - s, D(vic["w80"]))
        rows.append((s, cost(da, dv), cost(dv, da)))
    best = sorted(rows, key=lambda t: (t[1], -t[2], t[0]))[0]
    return best


def kt_fss(A: dict, B: dict, label: str, show_table: bool = False) -> dict:
    sA, c1A, c2B, gapA, tabA = kt_strike(A, B, show_table)   # A strikes first
    sB, c1B, c2A, gapB, tabB = kt_strike(B, A, show_table)   # B strikes first
    rA = min(1.0, c1A / c2A)
    rB = min(1.0, c1B / c2B)
    idx = rA * rB
    # decimal cross-check
    dA = kt_strike_dec(A, B)
    dB = kt_strike_dec(B, A)
    check(dA[0] == sA and dB[0] == sB, f"{label}: s* float vs decimal")
    for fv, dv, nm in ((c1A, dA[1], "C1_A"), (c2B, dA[2], "C2_B"), (c1B, dB[1], "C1_B"), (c2A, dB[2], "C2_A")):
        check(abs(Decimal(repr(fv)) - dv) < Decimal("1e-13"), f"{label}: {nm} float vs decimal")
    print(f"-- {label}")
    print(f"   A = {A}")
    print(f"   B = {B}")
    print(f"   A strikes: s*_A = {sA}   C1_A = {c1A!r}   C2_B = {c2B!r}   (runner-up gap in C_A {gapA:.3e})")
    print(f"   B strikes: s*_B = {sB}   C1_B = {c1B!r}   C2_A = {c2A!r}   (runner-up gap in C_B {gapB:.3e})")
    print(f"   C1_A/C2_A = {c1A / c2A!r}   C1_B/C2_B = {c1B / c2B!r}")
    print(f"   r_A = {rA!r}   r_B = {rB!r}   index = {idx!r}")
    print(f"   decimal check: C1_A={dA[1]:.20f} C2_B={dA[2]:.20f} C1_B={dB[1]:.20f} C2_A={dB[2]:.20f}")
    if show_table:
        for name, tab in (("A strikes B", tabA), ("B strikes A", tabB)):
            print(f"   full table, {name}:  s | victim survivors | D_striker | D_victim | C_striker | C_victim")
            for s, cs, cv, surv, da, dv in tab:
                print(f"      {s:3d} | {surv!r:>22} | {da!r:>22} | {dv!r:>22} | {cs!r:>22} | {cv!r:>22}")
    return dict(sA=sA, c1A=c1A, c2B=c2B, sB=sB, c1B=c1B, c2A=c2A, rA=rA, rB=rB, index=idx)


# =================================================================================================
# 4. Intriligator-Brito cone (docs/model.md, Part II, "Deterrence region"; Intriligator & Brito
#    1984), exact rationals
# =================================================================================================

def ib_vertex(fA, fB, vA, vB, Abar, Bbar):
    den = 1 - fA * fB
    MA = (Bbar / vA + fB * Abar / vB) / den
    MB = (Abar / vB + fA * Bbar / vA) / den
    return MA, MB


def ib_flags(MA, MB, fA, fB, vA, vB, Abar, Bbar):
    b_deters_a = MB >= fA * MA + Abar / vB
    a_deters_b = MA >= fB * MB + Bbar / vA
    return b_deters_a, a_deters_b


# =================================================================================================
# 5. Richardson: dx/dt = a y - m x + r, dy/dt = b x - n y + s;  z(t) = z* + exp(Jt)(z0 - z*)
# =================================================================================================

def richardson(a, b, m, n, r, s):
    J = ((-m, a), (b, -n))
    tr = -(m + n)
    det = m * n - a * b                     # Delta
    disc = tr * tr - 4.0 * det              # = (m-n)^2 + 4ab
    sq = cmath.sqrt(disc)
    l1, l2 = (tr - sq) / 2.0, (tr + sq) / 2.0
    eq = None if det == 0 else ((r * n + a * s) / det, (m * s + b * r) / det)
    return J, det, l1, l2, eq


def expm_spectral(J, l1, l2, t):
    """exp(Jt) = e^{l1 t} P1 + e^{l2 t} P2 with spectral projectors P1 = (J - l2 I)/(l1 - l2),
    P2 = (J - l1 I)/(l2 - l1) (eigen-decomposition of a 2x2 matrix with distinct eigenvalues).
    Repeated eigenvalue: exp(Jt) = e^{l t}(I + (J - l I) t)."""
    (j11, j12), (j21, j22) = J
    if abs(l1 - l2) < 1e-12 * max(1.0, abs(l1)):
        lam = l1
        e = cmath.exp(lam * t)
        M = ((e * (1 + (j11 - lam) * t), e * j12 * t), (e * j21 * t, e * (1 + (j22 - lam) * t)))
    else:
        e1, e2 = cmath.exp(l1 * t), cmath.exp(l2 * t)
        d = l1 - l2
        M = (((e1 * (j11 - l2) - e2 * (j11 - l1)) / d, (e1 - e2) * j12 / d),
             ((e1 - e2) * j21 / d, (e1 * (j22 - l2) - e2 * (j22 - l1)) / d))
    return tuple(tuple(v.real for v in row) for row in M)


def expm_taylor_dec(J, t, digits=40):
    """exp(Jt) by Taylor series with scaling and squaring, in decimal arithmetic (cross-check)."""
    getcontext().prec = digits
    D = Decimal
    A = [[D(repr(J[i][j])) * D(repr(t)) for j in range(2)] for i in range(2)]
    norm = max(abs(A[0][0]) + abs(A[0][1]), abs(A[1][0]) + abs(A[1][1]))
    k = 0
    while norm > D("0.01"):
        norm /= 2
        k += 1
    A = [[x / (D(2) ** k) for x in row] for row in A]

    def mul(X, Y):
        return [[X[i][0] * Y[0][j] + X[i][1] * Y[1][j] for j in range(2)] for i in range(2)]

    E = [[D(1), D(0)], [D(0), D(1)]]
    term = [[D(1), D(0)], [D(0), D(1)]]
    for i in range(1, 60):
        term = mul(term, A)
        term = [[x / i for x in row] for row in term]
        E = [[E[p][q] + term[p][q] for q in range(2)] for p in range(2)]
    for _ in range(k):
        E = mul(E, E)
    return E


def richardson_state(a, b, m, n, r, s, x0, y0, t):
    J, det, l1, l2, eq = richardson(a, b, m, n, r, s)
    xs, ys = eq
    E = expm_spectral(J, l1, l2, t)
    dx, dy = x0 - xs, y0 - ys
    x = xs + E[0][0] * dx + E[0][1] * dy
    y = ys + E[1][0] * dx + E[1][1] * dy
    # cross-check with the decimal Taylor exponential
    Ed = expm_taylor_dec(J, t)
    Dd = Decimal
    xd = Dd(repr(xs)) + Ed[0][0] * Dd(repr(dx)) + Ed[0][1] * Dd(repr(dy))
    yd = Dd(repr(ys)) + Ed[1][0] * Dd(repr(dx)) + Ed[1][1] * Dd(repr(dy))
    scale = max(1.0, abs(x), abs(y))
    check(abs(float(xd) - x) <= 1e-12 * scale and abs(float(yd) - y) <= 1e-12 * scale,
          f"Richardson spectral vs Taylor at t={t}")
    return x, y


def richardson_report(label, a, b, m, n, r, s, x0, y0, times, expect=None):
    J, det, l1, l2, eq = richardson(a, b, m, n, r, s)
    stable = det > 0 and (m + n) > 0          # tr < 0 and det > 0  <=> both eigenvalues < 0
    print(f"-- {label}: a={a} b={b} m={m} n={n} r={r} s={s}, from (x0,y0)=({x0},{y0})")
    print(f"   Delta = mn - ab = {det!r};  equilibrium (x*, y*) = ({eq[0]!r}, {eq[1]!r})")
    print(f"   eigenvalues of J = [[-m, a], [b, -n]]: {l1.real!r}, {l2.real!r}"
          f"  (imag parts {l1.imag}, {l2.imag});  stable (mn > ab): {stable}")
    out = {}
    for t in times:
        x, y = richardson_state(a, b, m, n, r, s, x0, y0, t)
        out[t] = (x, y)
        tail = ""
        if expect and t in expect:
            ex, ey = expect[t]
            ok = abs(x - ex) < 1e-7 and abs(y - ey) < 1e-7
            check(ok, f"{label} t={t} vs 8-digit check value")
            tail = f"   [8-digit check value: ({ex}, {ey}) -> {'agrees within 1e-7' if ok else 'DISAGREES'}]"
        print(f"   t = {t:>4}:  x = {x!r:<22} y = {y!r:<22}{tail}")
    return out


# =================================================================================================
# 6. Expected survivors and a greedy counterforce allocation (exact rationals)
# =================================================================================================

def greedy_allocation(targets, n_warheads, cap=2, tie_to_harder=True):
    """targets: list of (name, count_of_aim_points, warheads_per_aim_point, hardness_psi, p).
    Every 'shot' = the k-th warhead on one aim point (k = 1..cap), marginal value
    w * p * (1-p)^(k-1) expected victim warheads destroyed. Shots are taken in decreasing
    marginal value; ties go to the harder target (or softer one if tie_to_harder=False), then
    to the lower shot number, then to list order. Each warhead funds one whole shot."""
    shots = []
    for ti, (name, count, w, hard, p) in enumerate(targets):
        for j in range(count):
            for k in range(1, cap + 1):
                mv = w * p * (1 - p) ** (k - 1)
                if mv > 0:
                    shots.append((mv, hard, k, ti, j))
    sgn = -1 if tie_to_harder else 1
    shots.sort(key=lambda x: (-x[0], sgn * x[1], x[2], x[3], x[4]))
    taken = shots[:n_warheads]
    nshots = {}
    for mv, hard, k, ti, j in taken:
        nshots[(ti, j)] = nshots.get((ti, j), 0) + 1
    per_element = []
    for ti, (name, count, w, hard, p) in enumerate(targets):
        surv = sum(w * (1 - p) ** nshots.get((ti, j), 0) for j in range(count))
        alloc = [nshots.get((ti, j), 0) for j in range(count)]
        per_element.append((name, alloc, surv, count * w))
    total_surv = sum(e[2] for e in per_element)
    destroyed = sum(x[0] for x in taken)
    return taken, per_element, total_surv, destroyed


def fmt_frac(q: Fraction) -> str:
    return f"{q} = {float(q)!r}"


# =================================================================================================
# main: print every vector
# =================================================================================================

def main() -> None:
    hdr("0. Self-checks of the Brode fit")
    print(f"   scan of dP(r) on [{SCAN_LO}, {SCAN_HI}] kft/kt^(1/3), {SCAN_N + 1} log-spaced points:")
    print(f"   strictly decreasing on [1e-3, {_SCAN_R[SCAN_IMIN]!r}] = {SCAN_DECREASING};"
          f" minimum dP = {_SCAN_P[SCAN_IMIN]!r} psi at r = {_SCAN_R[SCAN_IMIN]!r};"
          f" strictly increasing after it (to r=1e3) = {SCAN_RISING_AFTER}")
    print(f"   rising branch r in [1e3, 1e9] stays increasing and below the asymptote"
          f" 1.094-0.2905 = {1.094 - 0.2905!r} psi: {EXT_OK}  (dP(1e3) = {_SCAN_P[-1]!r}, dP(1e9) = {_EXT[-1]!r})")
    print(f"   => dP(r) = H has a unique root for every H > 0.8035 psi; two roots for 0.043 < H < 0.8035;"
          f" none below.  min of 781.2-123.4r+37.98r^1.5+r^2 on the scan = {SCAN_MIN_DENOM!r} (>0)")
    check(SCAN_DECREASING and SCAN_RISING_AFTER and EXT_OK and SCAN_MIN_DENOM > 0, "Brode shape/denominator")

    # ---------------------------------------------------------------- vector 1
    hdr("1. Brode (1987) surface-burst overpressure dP(r), r in kft/kt^(1/3), psi")
    getcontext().prec = 50
    for r in (0.5, 1.0, 2.0, 5.0):
        v = brode_dp(r)
        vd = brode_dp_dec(Decimal(repr(r)))
        check(abs(Decimal(repr(v)) - vd) < Decimal("1e-13") * abs(vd), f"dP({r}) float vs decimal")
        print(f"   dP({r}) = {v!r:<22} psi   (50-digit: {vd:.25f})")
    # e.g. 1 kt at 1000 ft (r=1)
    print(f"   (r=1 equals 1 kt at 1000 ft = 304.8 m; dP(GR=1000 ft, 1 kt) = {brode_dp(1000/1000/1.0)!r})")

    # ---------------------------------------------------------------- vector 2
    hdr("2. Brode lethal radius (metres) = 1000 ft * W_kt^(1/3) * r_H * 0.3048, r_H solves dP(r)=H")
    cases = [(1, 1000), (100, 300), (300, 2000), (455, 2000), (800, 3000), (100, 5), (20, 10), (1000, 100)]
    rH = {}
    for H in sorted({h for _, h in cases} | {20, 100, 300, 1000, 2000, 3000, 5000}):
        r = brode_scaled_range(H)
        rd = brode_scaled_range_dec(H, r)
        rel = abs(float(rd) / r - 1.0)
        check(rel < 1e-13, f"r_H({H}) Brent vs 50-digit secant rel diff {rel:.2e}")
        rH[H] = r
        print(f"   H = {H:>5} psi: r_H = {r!r:<22} kft/kt^(1/3)   (50-digit secant {rd:.20f}; rel diff {rel:.1e};"
              f" residual dP(r_H)-H = {brode_dp(r) - H:.2e})")
    print()
    for Y, H in cases:
        lr = lr_brode_m(Y, H)
        # third check: the method of docs/model.md (bisection, here geometric, on ground range in feet, 1..1e6 ft)
        lo, hi = 1.0, 1e6
        for _ in range(200):
            mid = math.sqrt(lo * hi)
            lo, hi = (mid, hi) if brode_dp(mid / (1000.0 * Y ** (1 / 3))) > H else (lo, mid)
        rel = abs(lo * FT_PER_M_INV / lr - 1.0)
        check(rel < 1e-13, f"LR({Y},{H}) Brent vs ground-range bisection")
        print(f"   LR_brode(Y={Y:>4} kt, H={H:>4} psi) = {lr!r:<22} m   (= {lr / M_PER_NMI!r} nmi;"
              f" ground-range bisection rel diff {rel:.1e})")
    print()
    table = {20: 3.245, 100: 2.750, 300: 2.607, 1000: 2.537, 2000: 2.518, 3000: 2.512, 5000: 2.508}
    print("   implied c(H) = LR_nmi * H^(1/3) / Y_Mt^(1/3)  (yield-independent; = r_H * H^(1/3) * 3048/1852)")
    for H, ct in table.items():
        c = c_implied(H)
        # yield independence check: compute from a 1 kt and a 550 kt LR
        c1 = lr_brode_m(1, H) / M_PER_NMI * H ** (1 / 3) / (1 / 1000) ** (1 / 3)
        c550 = lr_brode_m(550, H) / M_PER_NMI * H ** (1 / 3) / (550 / 1000) ** (1 / 3)
        check(abs(c1 / c - 1) < 1e-13 and abs(c550 / c - 1) < 1e-13, f"c({H}) yield independence")
        dev = (c / ct - 1) * 100
        ok = abs(dev) < 0.5
        check(ok, f"c({H}) vs 4-figure table within 0.5%")
        print(f"   c({H:>4}) = {c!r:<22} 4-figure table {ct}  deviation {dev:+.4f} %  {'OK (<0.5%)' if ok else 'FAIL'}")

    # ---------------------------------------------------------------- vector 3
    hdr("3. Cube-root lethal radius LR = 2.62 * Y_Mt^(1/3) * H^(-1/3) nmi * 1852 m/nmi")
    for Y, H in cases:
        lc = lr_cuberoot_m(Y, H)
        lb = lr_brode_m(Y, H)
        print(f"   LR_cuberoot(Y={Y:>4} kt, H={H:>4} psi) = {lc!r:<22} m   (vs Brode: {100 * (lc / lb - 1):+.4f} %)")

    # ---------------------------------------------------------------- vector 4
    hdr("4. SSPK = 1 - 0.5^((LR/CEP)^2) with Brode LR; p = R*SSPK; P_kill(n) = 1-(1-p)^n; K = Y_Mt^(2/3)/CEP_nmi^2")
    sspk_cases = [(300, 120, 2000, 0.8, 2), (100, 100, 1000, 0.85, 2), (455, 90, 3000, 0.8, 1),
                  (800, 350, 2000, 0.75, 2), (150, 200, 10, 0.8, 1)]
    for Y, C, H, R, n in sspk_cases:
        lr = lr_brode_m(Y, H)
        q = (lr / C) ** 2
        ss = sspk(lr, C)
        p = R * ss
        pk = pkill_n(p, n)
        K = lethality_k(Y, C)
        ss_cr = sspk(lr_cuberoot_m(Y, H), C)
        print(f"-- Y={Y} kt, CEP={C} m, H={H} psi, R={R}, n={n}")
        print(f"   LR = {lr!r} m;  (LR/CEP)^2 = {q!r}")
        print(f"   SSPK = {ss!r};  p = R*SSPK = {p!r}")
        print(f"   P_kill(n={n}) = {pk!r};  P_kill(1..3) = {pkill_n(p, 1)!r}, {pkill_n(p, 2)!r}, {pkill_n(p, 3)!r}")
        print(f"   K = {K!r}   (CEP = {C / M_PER_NMI!r} nmi, Y^(2/3) = {(Y / 1000) ** (2 / 3)!r})")
        print(f"   [info] SSPK with the cube-root c=2.62 LR instead: {ss_cr!r}")

    # ---------------------------------------------------------------- vector 5
    hdr("5. KT-lite first-strike stability (Kent & Thaler 1989; docs/model.md, Part II)")
    S = lambda nf, mf, ws, p, w80: dict(nf=nf, mf=mf, ws=ws, p=p, w80=w80)
    kt_fss(S(100, 10, 500, 0.75, 400), S(100, 10, 500, 0.75, 400), "(a) symmetric nf=100 mf=10 ws=500 p=0.75 w80=400")
    kt_fss(S(200, 3, 300, 0.8, 300), S(50, 10, 100, 0.5, 200), "(b) asymmetric")
    c0 = kt_fss(S(100, 10, 500, 0.0, 400), S(100, 10, 500, 0.0, 400), "(c1) no counterforce, symmetric (p=0)")
    c0b = kt_fss(S(200, 3, 300, 0.0, 300), S(50, 10, 100, 0.0, 200), "(c2) no counterforce, case (b) forces with p=0")
    check(c0["index"] == 1.0 and c0b["index"] == 1.0, "p=0 index exactly 1")
    print(f"   (c) index exactly 1.0: {c0['index'] == 1.0 and c0b['index'] == 1.0}")
    d1 = kt_fss(S(100, 10, 500, 0.75, 400), S(100, 10, 500, 0.75, 400), "(d1) MIRVed: nf=100 mf=10 (1000 fixed warheads)")
    d2 = kt_fss(S(1000, 1, 500, 0.75, 400), S(1000, 1, 500, 0.75, 400), "(d2) single-warhead: nf=1000 mf=1 (1000 fixed warheads)")
    check(d1["index"] < d2["index"], "MIRVing lowers the index")
    print(f"   (d) index MIRVed {d1['index']!r} < single-warhead {d2['index']!r}: {d1['index'] < d2['index']}")
    kt_fss(S(10, 3, 5, 0.7, 20), S(8, 2, 10, 0.6, 15), "(e) small case", show_table=True)

    # ---------------------------------------------------------------- vector 6
    hdr("6. Intriligator-Brito cone (exact rationals)")
    F = Fraction
    for lab, par, pts in (
        ("T3 check", (F(1, 2), F(1, 2), F(1), F(1), F(100), F(100)),
         [(300, 300), (150, 150), (400, 250), (250, 400), (200, 200)]),
        ("new case", (F(1, 2), F(1, 4), F(2), F(1), F(100), F(50)), [(100, 100), (300, 200), (200, 300)]),
    ):
        fA, fB, vA, vB, Ab, Bb = par
        MA, MB = ib_vertex(*par)
        print(f"-- {lab}: f_A={fA} f_B={fB} v_A={vA} v_B={vB} Abar={Ab} Bbar={Bb};  f_A*f_B = {fA * fB} (<1: cone exists)")
        print(f"   vertex (M_A*, M_B*) = ({fmt_frac(MA)}, {fmt_frac(MB)})")
        check(ib_flags(MA, MB, *par) == (True, True), "vertex is on both boundaries (inclusive)")
        for pa, pb in pts:
            bda, adb = ib_flags(F(pa), F(pb), *par)
            print(f"   point (M_A, M_B) = ({pa}, {pb}): B deters A [M_B >= f_A M_A + Abar/v_B: "
                  f"{pb} >= {fA * pa + Ab / vB}] = {bda};  A deters B [M_A >= f_B M_B + Bbar/v_A: "
                  f"{pa} >= {fB * pb + Bb / vA}] = {adb};  mutual = {bda and adb}")

    # ---------------------------------------------------------------- vector 7
    hdr("7. Richardson: exact solution z(t) = z* + exp(Jt)(z0 - z*) by 2x2 eigen-decomposition")
    richardson_report("T4.1/T4.2 Case I", 2, 2, 5, 3, 5, 5, 0, 0, (0.5, 1, 5),
                      expect={0.5: (1.41382439, 1.81400847), 1: (1.92079385, 2.61334796),
                              5: (2.27242412, 3.18132767)})
    out = richardson_report("T4.4 runaway", 2, 2, 1, 1, 1, 1, 0, 0, (1, 3))
    check(abs(out[1][0] - (math.e - 1)) < 1e-12 and abs(out[3][0] - (math.exp(3) - 1)) < 1e-11, "T4.4 e^t-1")
    richardson_report("T4.5 symmetric stable", 0.5, 0.5, 1, 1, 10, 10, 0, 0, (1,))
    richardson_report("T3.3 deterrence-driven", 0.1, 0.1, 0.2, 0.2, 20, 20, 0, 0, (10,))
    richardson_report("NEW case", 0.3, 0.5, 0.6, 0.4, 10, 5, 50, 20, (1, 5, 20))

    # ---------------------------------------------------------------- vector 8
    hdr("8. Kill probability of n shots and expected survivors")
    p = Fraction(3, 4)
    print("-- T1.5: 100 silos x 10 warheads, p = 0.75 (= 0.8 * 0.9375)")
    for n in (1, 2, 3):
        pk = 1 - (1 - p) ** n
        surv = 100 * 10 * (1 - p) ** n
        print(f"   n={n}: P_kill = {fmt_frac(pk)};  expected surviving warheads = {fmt_frac(surv)};"
              f"  attacker warheads spent = {100 * n};  exchange ratio m(1-(1-p)^n)/n = {fmt_frac(10 * pk / n)}")

    print()
    print("-- Mini allocation (defined here): attacker 12 warheads; cap 2 warheads per aim point")
    print("   defender: 5 silos x 10 warheads (2000 psi, p = 0.6); 4 soft aim points x 3 warheads (5 psi, p = 0.8)")
    targets = [("silo", 5, 10, 2000, Fraction(3, 5)), ("soft", 4, 3, 5, Fraction(4, 5))]
    print("   marginal values w*p*(1-p)^(k-1): silo k=1: 6, silo k=2: 12/5, soft k=1: 12/5, soft k=2: 12/25")
    for tie_h, lab in ((True, "PRIMARY (ties to the harder target)"), (False, "variant (ties to the softer target)")):
        taken, per, tot, destroyed = greedy_allocation(targets, 12, cap=2, tie_to_harder=tie_h)
        print(f"   {lab}:")
        print("      shot order (marginal, target, k): " +
              ", ".join(f"{mv}:{targets[ti][0]}{j + 1}#{k}" for mv, h, k, ti, j in taken))
        for name, alloc, surv, total in per:
            print(f"      {name}: warheads per aim point {alloc}; expected survivors {fmt_frac(surv)} of {total}")
        print(f"      TOTAL expected surviving warheads = {fmt_frac(tot)};  destroyed = {fmt_frac(destroyed)} of 62")
    # a larger salvo where the cap binds
    taken, per, tot, destroyed = greedy_allocation(targets, 20, cap=2)
    print(f"   cap-binding variant, attacker 20 warheads: shots used {len(taken)} (max 5*2+4*2 = 18);"
          f" survivors " + "; ".join(f"{nm} {fmt_frac(s)}" for nm, a, s, t in per) + f"; TOTAL {fmt_frac(tot)}")
    # alternative reading: whole aim points funded with both shots at once (2 warheads per target)
    alt = Fraction(0)
    left = 12
    for name, count, w, hard, pp in sorted(targets, key=lambda t: (-t[2] * t[4], -t[3])):
        for _ in range(count):
            k = min(2, left)
            left -= k
            alt += w * (1 - pp) ** k
    print(f"   [info only] if instead each aim point were funded with 2 warheads at once (silos first):"
          f" TOTAL {fmt_frac(alt)}")
    # float-tie warning for implementers
    f_silo2, f_soft1 = 10 * 0.6 * (1 - 0.6), 3 * 0.8
    print(f"   [f64 note] silo k=2 marginal in f64 = {f_silo2!r}, soft k=1 = {f_soft1!r}; "
          f"exactly equal in f64: {f_silo2 == f_soft1} (use an epsilon or exact comparison for ties)")

    hdr("Cross-check summary")
    if CHECKS:
        print("   FAILURES:")
        for c in CHECKS:
            print("   -", c)
        raise SystemExit(1)
    print("   all internal cross-checks passed")


if __name__ == "__main__":
    main()
