//! `deterrence calc`: one formula of the exchange calculus at a time (docs/model.md, Part II).

use crate::args::{CalcCommand, TextFormat};
use crate::input::bad;
use exchange::StopSearch;
use exchange::blast::lethal_radius_m;
use exchange::cone::ConeParams;
use exchange::kill::{kill_probability, lethality_k, multi_shot_kill, sspk};
use exchange::ktlite::{KtSide, kt_lite};
use exchange::richardson::Richardson;
use serde::Serialize;

/// `calc sspk --batch`: every row of a CSV file through `exchange::batch::evaluate`, rows
/// checked first (line and column named, exit status 2), results appended to each row.
fn sspk_batch(
    path: &std::path::Path,
    default_reliability: f64,
    default_warheads: f64,
    model: model::LethalRadiusModel,
) -> anyhow::Result<String> {
    use exchange::batch::{KillInput, evaluate};
    let name = path.display().to_string();
    let text = if name == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| bad(format!("cannot read standard input: {e}")))?
    } else {
        lab::scenario::read_utf8(std::path::Path::new(path)).map_err(|e| bad(format!("cannot read {name}: {e}")))?
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| bad(format!("{name}: {e}")))?.clone();
    let column = |c: &str| header.iter().position(|h| h.trim() == c);
    let need = |c: &str| {
        column(c).ok_or_else(|| {
            bad(format!("{name}: no `{c}` column (header: {})", header.iter().collect::<Vec<_>>().join(",")))
        })
    };
    let (yc, cc, hc) = (need("yield_kt")?, need("cep_m")?, need("hardness_psi")?);
    let (rc, wc) = (column("reliability"), column("warheads"));
    let mut rows = Vec::new();
    let mut inputs = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let line = k + 2;
        let record = record.map_err(|e| bad(format!("{name}:{line}: {e}")))?;
        let field = |i: usize, what: &str, ok: &dyn Fn(f64) -> bool, expected: &str| -> anyhow::Result<f64> {
            let t = record.get(i).unwrap_or("").trim();
            match t.parse::<f64>() {
                Ok(x) if ok(x) => Ok(x),
                _ => Err(bad(format!("{name}:{line}: field `{what}`: expected {expected}, got `{t}`"))),
            }
        };
        let positive = |x: f64| x.is_finite() && x > 0.0;
        let fraction = |x: f64| (0.0..=1.0).contains(&x);
        let count = |x: f64| x.is_finite() && x >= 0.0;
        inputs.push(KillInput {
            yield_kt: field(yc, "yield_kt", &positive, "a positive yield in kilotons")?,
            cep_m: field(cc, "cep_m", &positive, "a positive CEP in metres")?,
            hardness_psi: field(hc, "hardness_psi", &positive, "a positive hardness in psi")?,
            reliability: match rc {
                Some(i) => field(i, "reliability", &fraction, "a fraction between 0 and 1")?,
                None => default_reliability,
            },
            warheads: match wc {
                Some(i) => field(i, "warheads", &count, "a non-negative number of warheads")?,
                None => default_warheads,
            },
        });
        rows.push(record);
    }
    let results = evaluate(&inputs, model);
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<&str> = header.iter().collect();
    head.extend(["lethal_radius_m", "sspk", "kill_probability", "kill_probability_n", "lethality_k"]);
    out.write_record(&head)?;
    for (k, (record, result)) in rows.iter().zip(results).enumerate() {
        let r = result.map_err(|e| bad(format!("{name}:{}: {e}", k + 2)))?;
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        row.extend(
            [r.lethal_radius_m, r.sspk, r.kill_probability, r.kill_probability_n, r.lethality_k].map(|x| x.to_string()),
        );
        out.write_record(&row)?;
    }
    Ok(String::from_utf8_lossy(&out.into_inner()?).into_owned())
}

/// Runs the command.
pub fn run(cmd: CalcCommand) -> anyhow::Result<()> {
    match cmd {
        CalcCommand::LethalRadius { yield_kt, hardness_psi, model, format } => {
            let lr = lethal_radius_m(yield_kt, hardness_psi, model.into()).map_err(|e| bad(e.to_string()))?;
            #[derive(Serialize)]
            struct Out {
                yield_kt: f64,
                hardness_psi: f64,
                model: model::LethalRadiusModel,
                lethal_radius_m: f64,
            }
            emit(
                format,
                "calc-lethal-radius",
                &Out { yield_kt, hardness_psi, model: model.into(), lethal_radius_m: lr },
                || {
                    format!(
                        "lethal radius: {lr:.1} m ({:.4} nmi) for {yield_kt} kt against {hardness_psi} psi ({:?})\n",
                        lr / 1852.0,
                        model
                    )
                },
            )
        }
        CalcCommand::Sspk { batch: Some(path), reliability, warheads, model, .. } => {
            print!("{}", sspk_batch(&path, reliability, f64::from(warheads), model.into())?);
            Ok(())
        }
        CalcCommand::Sspk { yield_kt, cep_m, hardness_psi, reliability, warheads, model, format, batch: None } => {
            let (Some(yield_kt), Some(cep_m), Some(hardness_psi)) = (yield_kt, cep_m, hardness_psi) else {
                return Err(bad("--yield-kt, --cep-m and --hardness-psi are needed without --batch"));
            };
            if !(0.0..=1.0).contains(&reliability) {
                return Err(bad(format!("--reliability expects a fraction between 0 and 1, got {reliability}")));
            }
            if !(cep_m.is_finite() && cep_m > 0.0) {
                return Err(bad(format!("--cep-m expects a positive distance in metres, got {cep_m}")));
            }
            let lr = lethal_radius_m(yield_kt, hardness_psi, model.into()).map_err(|e| bad(e.to_string()))?;
            let s = sspk(lr, cep_m);
            let p = kill_probability(reliability, s);
            let pk = multi_shot_kill(p, f64::from(warheads));
            let k = lethality_k(yield_kt, cep_m);
            #[derive(Serialize)]
            struct Out {
                lethal_radius_m: f64,
                sspk: f64,
                kill_probability: f64,
                warheads: u32,
                kill_probability_n: f64,
                lethality_k: f64,
            }
            emit(
                format,
                "calc-sspk",
                &Out {
                    lethal_radius_m: lr,
                    sspk: s,
                    kill_probability: p,
                    warheads,
                    kill_probability_n: pk,
                    lethality_k: k,
                },
                || {
                    format!(
                        "lethal radius {lr:.1} m\nSSPK          {s:.6}\np = R x SSPK  {p:.6}\nP_kill({warheads})    {pk:.6}\nK             {k:.3} (Mt^2/3 / nmi^2)\n"
                    )
                },
            )
        }
        CalcCommand::Fss { a, b, format } => {
            let (a, b) = (kt_side(&a, "--a")?, kt_side(&b, "--b")?);
            let r = kt_lite(&a, &b, StopSearch::Exhaustive);
            emit(format, "calc-fss", &r, || {
                format!(
                    "A strikes first: s* = {}, C1_A = {:.6}, C2_B = {:.6}\nB strikes first: s* = {}, C1_B = {:.6}, C2_A = {:.6}\n\
                     r_A = {:.6}  r_B = {:.6}  first-strike stability index = {:.6}\n",
                    r.a_first.spent,
                    r.a_first.striker_cost,
                    r.a_first.victim_cost,
                    r.b_first.spent,
                    r.b_first.striker_cost,
                    r.b_first.victim_cost,
                    r.ratio_a,
                    r.ratio_b,
                    r.index
                )
            })
        }
        CalcCommand::Cone { fa, fb, va, vb, da, db, point, format } => {
            for (flag, v) in [("--fa", fa), ("--fb", fb), ("--da", da), ("--db", db)] {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(bad(format!("{flag} expects a non-negative number, got {v}")));
                }
            }
            for (flag, v) in [("--va", va), ("--vb", vb)] {
                if !(v.is_finite() && v > 0.0) {
                    return Err(bad(format!("{flag} expects a positive number, got {v}")));
                }
            }
            let c = ConeParams { f_a: fa, f_b: fb, v_a: va, v_b: vb, d_a: da, d_b: db };
            let at = match point {
                Some(p) => {
                    let parts: Vec<f64> = p
                        .split(',')
                        .map(|x| x.trim().parse::<f64>())
                        .collect::<Result<_, _>>()
                        .map_err(|_| bad(format!("--point expects MA,MB numbers, got `{p}`")))?;
                    let [ma, mb] = parts[..] else {
                        return Err(bad(format!("--point expects MA,MB, got `{p}`")));
                    };
                    if !(ma.is_finite() && mb.is_finite()) {
                        return Err(bad(format!("--point expects finite numbers, got `{p}`")));
                    }
                    Some((ma, mb, c.at(ma, mb)))
                }
                None => None,
            };
            #[derive(Serialize)]
            struct Out {
                vertex: Option<(f64, f64)>,
                point: Option<(f64, f64)>,
                b_deters_a: Option<bool>,
                a_deters_b: Option<bool>,
            }
            let out = Out {
                vertex: c.vertex(),
                point: at.map(|(a, b, _)| (a, b)),
                b_deters_a: at.map(|(_, _, d)| d.b_deters_a),
                a_deters_b: at.map(|(_, _, d)| d.a_deters_b),
            };
            emit(format, "calc-cone", &out, || {
                let mut s = match c.vertex() {
                    Some((x, y)) => format!("cone vertex: M_A = {x:.4}, M_B = {y:.4}\n"),
                    None => "no cone of mutual deterrence: f_A x f_B >= 1\n".to_owned(),
                };
                if let Some((a, b, d)) = at {
                    s.push_str(&format!("at ({a}, {b}): B deters A: {}; A deters B: {}\n", d.b_deters_a, d.a_deters_b));
                }
                s
            })
        }
        CalcCommand::Richardson { a, b, m, n, r, s, x0, y0, t, format } => {
            for (flag, v) in [("--a", a), ("--b", b), ("--m", m), ("--n", n)] {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(bad(format!("{flag} expects a non-negative coefficient, got {v}")));
                }
            }
            for (flag, v) in [("--r", r), ("--s", s), ("--x0", x0), ("--y0", y0)] {
                if !v.is_finite() {
                    return Err(bad(format!("{flag} expects a finite number, got {v}")));
                }
            }
            if !(t.is_finite() && (0.0..=1e4).contains(&t)) {
                return Err(bad(format!("--t expects a time from 0 to 10,000, got {t}")));
            }
            let sys = Richardson { a, b, m, n, r, s };
            let (l1, l2) = sys.eigenvalues();
            let (x, y) = sys.state_at(x0, y0, t);
            #[derive(Serialize)]
            struct Out {
                determinant: f64,
                stable: bool,
                equilibrium: Option<(f64, f64)>,
                eigenvalues: (f64, f64),
                t: f64,
                state: (f64, f64),
            }
            let out = Out {
                determinant: sys.determinant(),
                stable: sys.is_stable(),
                equilibrium: sys.equilibrium(),
                eigenvalues: (l1, l2),
                t,
                state: (x, y),
            };
            emit(format, "calc-richardson", &out, || {
                format!(
                    "mn - ab = {:.6} ({})\nequilibrium: {}\neigenvalues: {l1:.6}, {l2:.6}\nstate at t = {t}: x = {x:.6}, y = {y:.6}\n",
                    out.determinant,
                    if out.stable { "stable: the race converges" } else { "unstable: no convergence" },
                    out.equilibrium.map_or("none".into(), |(x, y)| format!("x* = {x:.6}, y* = {y:.6}"))
                )
            })
        }
    }
}

fn kt_side(text: &str, flag: &str) -> anyhow::Result<KtSide> {
    let v: Vec<f64> = text
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad(format!("{flag} expects five numbers NF,MF,WS,P,W80, got `{text}`")))?;
    let [nf, mf, ws, p, w80] = v[..] else {
        return Err(bad(format!("{flag} expects five numbers NF,MF,WS,P,W80, got `{text}`")));
    };
    if [nf, mf, ws].iter().any(|x| !(x.is_finite() && *x >= 0.0))
        || !(0.0..=1.0).contains(&p)
        || !(w80.is_finite() && w80 > 0.0)
    {
        return Err(bad(format!("{flag}: counts must be non-negative, P a fraction and W80 positive; got `{text}`")));
    }
    if nf > 1e7 || ws > 1e7 {
        return Err(bad(format!("{flag}: at most 10,000,000 launchers or warheads; got `{text}`")));
    }
    Ok(KtSide { fixed_launchers: nf, warheads_per_fixed: mf, survivable_warheads: ws, kill_probability: p, w80 })
}

fn emit<T: Serialize>(format: TextFormat, kind: &str, value: &T, text: impl FnOnce() -> String) -> anyhow::Result<()> {
    match format {
        TextFormat::Json => print!("{}", report::json::render(kind, value)),
        TextFormat::Table => print!("{}", text()),
    }
    Ok(())
}
