//! The calculus against independently computed values.
//!
//! Sources of the expected values:
//! - "T…" vectors: the project's check cases, closed-form values of the formulas of docs/model.md,
//!   Part II, that can be recomputed by hand (10 digits); the larger ones (T1.5, T3, T3.3,
//!   T4.1–T4.5) are also worked in tools/reference/VECTORS.md;
//! - "V…" vectors: tools/reference/VECTORS.md, computed by tools/reference/exchange_reference.py
//!   (Brent's method and 50-digit decimal checks, written without reading this crate);
//! - "hand": worked in the comment next to the assertion.

#![allow(clippy::float_cmp)]

use exchange::blast::{brode_scaled_range, brode_surface_overpressure_psi, lethal_radius_m};
use exchange::cone::ConeParams;
use exchange::kill::{equivalent_megatons, lethality_k, multi_shot_kill, sspk, weapons_needed, within_radius};
use exchange::ktlite::{KtSide, kt_lite};
use exchange::richardson::Richardson;
use exchange::stability::{StopSearch, damage, kt_cost};
use exchange::strike::{Group, Pool, StrikeProblem, allocate};
use model::LethalRadiusModel::{Brode, CubeRoot};

fn close(actual: f64, expected: f64, tol: f64) {
    assert!((actual - expected).abs() <= tol, "expected {expected}, got {actual} (tolerance {tol})");
}

fn rel(actual: f64, expected: f64, tol: f64) {
    assert!(
        ((actual - expected) / expected).abs() <= tol,
        "expected {expected}, got {actual} (relative tolerance {tol})"
    );
}

#[test]
fn t1_1_sspk_from_lr_over_cep() {
    close(sspk(1.0, 1.0), 0.5, 1e-15);
    close(sspk(2.0, 1.0), 0.9375, 1e-15);
    close(sspk(0.5, 1.0), 0.1591035847, 1e-10);
    close(sspk(1.5, 1.0), 0.7897758962, 1e-10);
}

#[test]
fn t1_2_rayleigh_identity() {
    let cep = (2.0 * 2f64.ln()).sqrt();
    close(cep, 1.1774100225, 1e-10);
    close(within_radius(0.8, cep), 1.0 - (-0.32f64).exp(), 1e-15);
    close(within_radius(0.8, cep), 0.2738509629, 1e-10);
}

#[test]
fn t1_5_and_t1_6_multiple_shots() {
    let p = 0.8 * 0.9375;
    close(p, 0.75, 1e-15);
    close(multi_shot_kill(p, 1.0), 0.75, 1e-15);
    close(multi_shot_kill(p, 2.0), 0.9375, 1e-15);
    close(multi_shot_kill(p, 3.0), 0.984375, 1e-15);
    close(multi_shot_kill(0.04, 17.0), 0.5004131923, 1e-10);
    close(multi_shot_kill(0.04, 69.0), 0.9401980866, 1e-10);
    assert_eq!(weapons_needed(0.04, 0.5), Some(17));
    assert_eq!(weapons_needed(0.0, 0.5), None);
    assert_eq!(weapons_needed(1.0, 0.99), Some(1));
}

#[test]
fn t1_9_equivalent_megatons() {
    close(equivalent_megatons(100.0), 0.2154434690, 1e-10);
    close(equivalent_megatons(1000.0), 1.0, 1e-15);
    close(equivalent_megatons(9000.0), 3.0, 1e-15);
}

#[test]
fn v1_brode_overpressure() {
    rel(brode_surface_overpressure_psi(0.5), 45.359889737195886, 1e-12);
    rel(brode_surface_overpressure_psi(1.0), 10.583049403564262, 1e-12);
    rel(brode_surface_overpressure_psi(2.0), 3.2558653049869144, 1e-12);
    rel(brode_surface_overpressure_psi(5.0), 0.9147922415790717, 1e-12);
}

#[test]
fn v2_brode_scaled_range_and_lethal_radius() {
    for (h, r) in [
        (5.0, 1.5247482148203126),
        (10.0, 1.0304180745150655),
        (20.0, 0.7263795832779393),
        (100.0, 0.35995842564753266),
        (300.0, 0.2366490435632025),
        (1000.0, 0.15412269434494832),
        (2000.0, 0.12143359109891194),
        (3000.0, 0.10582261618805984),
        (5000.0, 0.08910560640966558),
    ] {
        rel(brode_scaled_range(h).unwrap(), r, 1e-9);
    }
    for (y, h, lr) in [
        (1.0, 1000.0, 46.97659723634025),
        (100.0, 300.0, 334.8007197052543),
        (300.0, 2000.0, 247.77694044741347),
        (455.0, 2000.0, 284.68042135115627),
        (800.0, 3000.0, 299.4264208922787),
        (100.0, 5.0, 2157.147106976603),
        (20.0, 10.0, 852.5210200512722),
        (1000.0, 100.0, 1097.1532813736794),
    ] {
        rel(lethal_radius_m(y, h, Brode).unwrap(), lr, 1e-9);
    }
}

#[test]
fn v2_implied_cube_root_coefficient_matches_four_figure_table() {
    // c(H) = LR_nmi · H^(1/3) / Y_Mt^(1/3), to 4 significant figures (tools/reference/VECTORS.md §2).
    for (h, c) in [
        (20.0, 3.245),
        (100.0, 2.750),
        (300.0, 2.607),
        (1000.0, 2.537),
        (2000.0, 2.518),
        (3000.0, 2.512),
        (5000.0, 2.508),
    ] {
        let lr_nmi = lethal_radius_m(1000.0, h, Brode).unwrap() / 1852.0;
        rel(lr_nmi * f64::cbrt(h), c, 5e-4);
    }
}

#[test]
fn v3_cube_root_lethal_radius() {
    // (1 kt, 1000 psi): 2.62 · 1852 · 0.1 · 0.1 = 48.5224 m exactly.
    rel(lethal_radius_m(1.0, 1000.0, CubeRoot).unwrap(), 48.5224, 1e-12);
    rel(lethal_radius_m(300.0, 2000.0, CubeRoot).unwrap(), 257.8137207865317, 1e-12);
    rel(lethal_radius_m(100.0, 5.0, CubeRoot).unwrap(), 1317.1005735946471, 1e-12);
    // The cube-root form overstates LR at silo hardness by 3–4 % (tools/reference/VECTORS.md §3).
    let over = lethal_radius_m(300.0, 2000.0, CubeRoot).unwrap() / lethal_radius_m(300.0, 2000.0, Brode).unwrap();
    assert!((1.03..1.05).contains(&over), "{over}");
}

#[test]
fn v4_sspk_kill_probability_and_lethality() {
    struct Case {
        y: f64,
        cep: f64,
        h: f64,
        r: f64,
        n: f64,
        sspk: f64,
        p: f64,
        pk: f64,
        k: f64,
    }
    for c in [
        Case {
            y: 300.0,
            cep: 120.0,
            h: 2000.0,
            r: 0.8,
            n: 2.0,
            sspk: 0.947930996890408,
            p: 0.7583447975123265,
            pk: 0.9416027631106415,
            k: 106.74158379052363,
        },
        Case {
            y: 100.0,
            cep: 100.0,
            h: 1000.0,
            r: 0.85,
            n: 2.0,
            sspk: 0.9629506499513227,
            p: 0.8185080524586243,
            pk: 0.9670606729776385,
            k: 73.8950416107912,
        },
        Case {
            y: 455.0,
            cep: 90.0,
            h: 3000.0,
            r: 0.8,
            n: 1.0,
            sspk: 0.9948391604571722,
            p: 0.7958713283657378,
            pk: 0.7958713283657378,
            k: 250.49816197284844,
        },
        Case {
            y: 800.0,
            cep: 350.0,
            h: 2000.0,
            r: 0.75,
            n: 2.0,
            sspk: 0.4872778932718804,
            p: 0.3654584199539103,
            pk: 0.597356983192612,
            k: 24.12899317903386,
        },
        Case { y: 150.0, cep: 200.0, h: 10.0, r: 0.8, n: 1.0, sspk: 1.0, p: 0.8, pk: 0.8, k: 24.20747429702367 },
    ] {
        let s = sspk(lethal_radius_m(c.y, c.h, Brode).unwrap(), c.cep);
        close(s, c.sspk, 1e-9);
        close(c.r * s, c.p, 1e-9);
        close(multi_shot_kill(c.r * s, c.n), c.pk, 1e-9);
        rel(lethality_k(c.y, c.cep), c.k, 1e-12);
    }
}

#[test]
fn t2_1_kent_thaler_cost_anchors() {
    close(kt_cost(0.0, 1.0), 0.0, 1e-15);
    close(kt_cost(1.0, 0.0), 1.3, 1e-15);
    close(kt_cost(1.0, 1.0), 1.0, 1e-15);
    close(kt_cost(0.0, 0.0), 0.3, 1e-15);
    close(kt_cost(0.5, 0.5), 0.7162224903, 1e-10);
    close(kt_cost(0.8, 0.2), 1.0561760839, 1e-10);
    close(kt_cost(0.2, 0.8), 0.3453006530, 1e-10);
}

#[test]
fn t2_2_damage_curve() {
    close(damage(400.0, 400.0), 0.8, 1e-15);
    close(damage(0.0, 400.0), 0.0, 0.0);
    // Two w80s leave 4 % of value: 1 − 0.2² = 0.96 (hand).
    close(damage(800.0, 400.0), 0.96, 1e-14);
}

fn kt(nf: f64, mf: f64, ws: f64, p: f64, w80: f64) -> KtSide {
    KtSide { fixed_launchers: nf, warheads_per_fixed: mf, survivable_warheads: ws, kill_probability: p, w80 }
}

struct KtExpect {
    s_a: f64,
    c1_a: f64,
    c2_b: f64,
    s_b: f64,
    c1_b: f64,
    c2_a: f64,
    r_a: f64,
    r_b: f64,
    index: f64,
}

fn check_kt(a: KtSide, b: KtSide, e: KtExpect) {
    for search in [StopSearch::Exhaustive, StopSearch::Fast] {
        let r = kt_lite(&a, &b, search);
        assert_eq!(r.a_first.spent, e.s_a, "{search:?}");
        assert_eq!(r.b_first.spent, e.s_b, "{search:?}");
        close(r.a_first.striker_cost, e.c1_a, 1e-12);
        close(r.a_first.victim_cost, e.c2_b, 1e-12);
        close(r.b_first.striker_cost, e.c1_b, 1e-12);
        close(r.b_first.victim_cost, e.c2_a, 1e-12);
        close(r.ratio_a, e.r_a, 1e-12);
        close(r.ratio_b, e.r_b, 1e-12);
        close(r.index, e.index, 1e-12);
    }
}

#[test]
fn v5a_kt_lite_symmetric() {
    let s = kt(100.0, 10.0, 500.0, 0.75, 400.0);
    check_kt(
        s,
        s,
        KtExpect {
            s_a: 100.0,
            c1_a: 0.96389100497322,
            c2_b: 1.0083898186454632,
            s_b: 100.0,
            c1_b: 0.96389100497322,
            c2_a: 1.0083898186454632,
            r_a: 0.9558714171350748,
            r_b: 0.9558714171350748,
            index: 0.9136901660958162,
        },
    );
}

#[test]
fn v5b_kt_lite_asymmetric() {
    check_kt(
        kt(200.0, 3.0, 300.0, 0.8, 300.0),
        kt(50.0, 10.0, 100.0, 0.5, 200.0),
        KtExpect {
            s_a: 50.0,
            c1_a: 0.7308275455869022,
            c2_b: 1.080021374195875,
            s_b: 0.0,
            c1_b: 1.0085090629976496,
            c2_a: 0.9700084535434542,
            r_a: 0.7534238932837948,
            r_b: 0.9337862074706905,
            index: 0.703536839927277,
        },
    );
}

#[test]
fn v5c_no_counterforce_gives_index_exactly_one() {
    for search in [StopSearch::Exhaustive, StopSearch::Fast] {
        let r = kt_lite(&kt(100.0, 10.0, 500.0, 0.0, 400.0), &kt(100.0, 10.0, 500.0, 0.0, 400.0), search);
        assert_eq!(r.index, 1.0);
        let r = kt_lite(&kt(200.0, 3.0, 300.0, 0.0, 300.0), &kt(50.0, 10.0, 100.0, 0.0, 200.0), search);
        assert_eq!(r.index, 1.0);
        assert_eq!((r.a_first.spent, r.b_first.spent), (0.0, 0.0));
    }
}

#[test]
fn v5d_mirving_lowers_the_index() {
    // Same 1,000 fixed warheads: 100 × 10 (MIRVed) vs 1,000 × 1.
    let single = kt(1000.0, 1.0, 500.0, 0.75, 400.0);
    check_kt(
        single,
        single,
        KtExpect {
            s_a: 897.0,
            c1_a: 0.9931043775562032,
            c2_b: 0.9410644129831948,
            s_b: 897.0,
            c1_b: 0.9931043775562032,
            c2_a: 0.9410644129831948,
            r_a: 1.0,
            r_b: 1.0,
            index: 1.0,
        },
    );
    let mirv = kt(100.0, 10.0, 500.0, 0.75, 400.0);
    assert!(kt_lite(&mirv, &mirv, StopSearch::Fast).index < kt_lite(&single, &single, StopSearch::Fast).index);
}

#[test]
fn v5e_kt_lite_small_case() {
    check_kt(
        kt(10.0, 3.0, 5.0, 0.7, 20.0),
        kt(8.0, 2.0, 10.0, 0.6, 15.0),
        KtExpect {
            s_a: 8.0,
            c1_a: 0.7745727141192037,
            c2_b: 1.0296955494688993,
            s_b: 10.0,
            c1_b: 0.9408696055247443,
            c2_a: 0.8220210108364899,
            r_a: 0.9422784866909877,
            r_b: 0.9137357212139355,
            index: 0.8609935126209654,
        },
    );
}

#[test]
fn t3_intriligator_brito_cone() {
    let c = ConeParams { f_a: 0.5, f_b: 0.5, v_a: 1.0, v_b: 1.0, d_a: 100.0, d_b: 100.0 };
    let (va, vb) = c.vertex().unwrap();
    close(va, 200.0, 1e-12);
    close(vb, 200.0, 1e-12);
    let flags = |a, b| {
        let d = c.at(a, b);
        (d.b_deters_a, d.a_deters_b)
    };
    assert_eq!(flags(300.0, 300.0), (true, true));
    assert_eq!(flags(150.0, 150.0), (false, false));
    assert_eq!(flags(400.0, 250.0), (false, true));
    assert_eq!(flags(250.0, 400.0), (true, false));
    assert_eq!(flags(200.0, 200.0), (true, true));
    let steep = ConeParams { f_a: 1.2, f_b: 1.2, ..c };
    assert_eq!(steep.vertex(), None);
    assert!((1..100).all(|k| !steep.at(k as f64 * 100.0, k as f64 * 100.0).mutual()));
}

#[test]
fn v6_cone_asymmetric_case() {
    let c = ConeParams { f_a: 0.5, f_b: 0.25, v_a: 2.0, v_b: 1.0, d_a: 100.0, d_b: 50.0 };
    let (va, vb) = c.vertex().unwrap();
    rel(va, 400.0 / 7.0, 1e-12);
    rel(vb, 900.0 / 7.0, 1e-12);
    let flags = |a, b| {
        let d = c.at(a, b);
        (d.b_deters_a, d.a_deters_b)
    };
    assert_eq!(flags(100.0, 100.0), (false, true));
    assert_eq!(flags(300.0, 200.0), (false, true));
    assert_eq!(flags(200.0, 300.0), (true, true));
}

#[test]
fn t4_richardson_exact_solution() {
    let r = Richardson { a: 2.0, b: 2.0, m: 5.0, n: 3.0, r: 5.0, s: 5.0 };
    close(r.determinant(), 11.0, 1e-12);
    let (x, y) = r.equilibrium().unwrap();
    close(x, 25.0 / 11.0, 1e-12);
    close(y, 35.0 / 11.0, 1e-12);
    let (l1, l2) = r.eigenvalues();
    close(l1, -1.7639320225002102, 1e-12);
    close(l2, -6.23606797749979, 1e-12);
    assert!(r.is_stable());
    for (t, x, y) in [
        (0.5, 1.4138243931293102, 1.81400847157702),
        (1.0, 1.920793850332177, 2.61334796466815),
        (5.0, 2.272424120279812, 3.1813276708544316),
    ] {
        let (sx, sy) = r.state_at(0.0, 0.0, t);
        close(sx, x, 1e-10);
        close(sy, y, 1e-10);
    }
    // T4.4 runaway: x = y = e^t − 1.
    let run = Richardson { a: 2.0, b: 2.0, m: 1.0, n: 1.0, r: 1.0, s: 1.0 };
    assert!(!run.is_stable());
    close(run.state_at(0.0, 0.0, 1.0).0, 1.718281828459045, 1e-10);
    close(run.state_at(0.0, 0.0, 3.0).1, 19.085536923187668, 1e-9);
    // T4.5 and T3.3 (deterrence-driven: the equilibrium is the cone vertex (200, 200)).
    let sym = Richardson { a: 0.5, b: 0.5, m: 1.0, n: 1.0, r: 10.0, s: 10.0 };
    close(sym.state_at(0.0, 0.0, 1.0).0, 7.869386805747331, 1e-10);
    let det = Richardson { a: 0.1, b: 0.1, m: 0.2, n: 0.2, r: 20.0, s: 20.0 };
    close(det.equilibrium().unwrap().0, 200.0, 1e-9);
    close(det.state_at(0.0, 0.0, 10.0).0, 126.42411176571153, 1e-10);
}

#[test]
fn v7_richardson_new_case() {
    let r = Richardson { a: 0.3, b: 0.5, m: 0.6, n: 0.4, r: 10.0, s: 5.0 };
    close(r.determinant(), 0.09, 1e-12);
    let (x, y) = r.equilibrium().unwrap();
    rel(x, 550.0 / 9.0, 1e-12);
    rel(y, 800.0 / 9.0, 1e-12);
    let (l1, l2) = r.eigenvalues();
    close(l1, -0.1, 1e-12);
    close(l2, -0.9, 1e-12);
    for (t, x, y) in [
        (1.0, 41.64563769846586, 35.96736885865736),
        (5.0, 43.125027921010016, 58.3525193019793),
        (20.0, 57.05105290169013, 82.12212443938085),
    ] {
        let (sx, sy) = r.state_at(50.0, 20.0, t);
        close(sx, x, 1e-10);
        close(sy, y, 1e-10);
    }
}

fn problem(pools: Vec<(f64, f64)>, groups: Vec<(f64, f64, f64)>, kill: Vec<f64>, max_shots: u32) -> StrikeProblem {
    StrikeProblem {
        pools: pools.into_iter().map(|(w, k)| Pool { warheads: w, reliability: 1.0, lethality: k }).collect(),
        groups: groups
            .into_iter()
            .map(|(n, w, h)| Group { aim_points: n, warheads_per_aim_point: w, hardness_psi: h, reliability: 1.0 })
            .collect(),
        kill,
        max_shots,
    }
}

#[test]
fn t1_5_expected_survivors_of_silo_field() {
    // 100 silos × 10 warheads, p = 0.75: one per silo leaves 250, two leave 62.5.
    let one = allocate(&problem(vec![(100.0, 1.0)], vec![(100.0, 10.0, 2000.0)], vec![0.75], 2));
    close(one.group_survivors[0], 250.0, 1e-9);
    let two = allocate(&problem(vec![(200.0, 1.0)], vec![(100.0, 10.0, 2000.0)], vec![0.75], 2));
    close(two.group_survivors[0], 62.5, 1e-9);
    close(two.spent(), 200.0, 1e-9);
}

#[test]
fn v8_hand_worked_allocation() {
    // 12 warheads; 5 silos × 10 warheads (p 0.6) and 4 soft points × 3 (p 0.8); cap 2.
    // Silo 1st shots (6 each), then the 12/5 tie goes to the harder silos' 2nd shots, then
    // 2 of 4 soft points: silos 5·10·0.4² = 8, soft 2·3·0.2 + 2·3 = 7.2, total 15.2.
    let d = allocate(&problem(vec![(12.0, 1.0)], vec![(5.0, 10.0, 2000.0), (4.0, 3.0, 5.0)], vec![0.6, 0.8], 2));
    close(d.group_survivors[0], 8.0, 1e-12);
    close(d.group_survivors[1], 7.2, 1e-12);
    close(d.spent(), 12.0, 1e-12);
    // Cap binds: 20 warheads, only 18 shots exist: silos 8, soft 4·3·0.2² = 0.48.
    let d = allocate(&problem(vec![(20.0, 1.0)], vec![(5.0, 10.0, 2000.0), (4.0, 3.0, 5.0)], vec![0.6, 0.8], 2));
    close(d.group_survivors[0], 8.0, 1e-12);
    close(d.group_survivors[1], 0.48, 1e-12);
    close(d.spent(), 18.0, 1e-12);
}

#[test]
fn most_lethal_weapons_go_to_the_hardest_targets() {
    // Two pools: accurate (K 100) kills silos with 0.9, soft targets with 0.8; crude (K 5) kills
    // silos with 0.1, soft with 0.8. Soft targets should get the crude weapons, silos the
    // accurate ones (hand: 10 silos, 10 soft points, 10 of each weapon, one shot each).
    let p = problem(
        vec![(10.0, 100.0), (10.0, 5.0)],
        vec![(10.0, 5.0, 2000.0), (10.0, 5.0, 5.0)],
        vec![0.9, 0.8, 0.1, 0.8],
        1,
    );
    let d = allocate(&p);
    close(d.group_survivors[0], 10.0 * 5.0 * 0.1, 1e-12);
    close(d.group_survivors[1], 10.0 * 5.0 * 0.2, 1e-12);
}
