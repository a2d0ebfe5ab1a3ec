//! Integration tests that run the real `deterrence` binary.

#![allow(clippy::float_cmp)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_deterrence"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../model/tests/data").join(name).to_string_lossy().into_owned()
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("deterrence-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", stdout(o)))
}

mod stability {
    use super::*;

    #[test]
    fn table_has_caveat_units_and_every_ordered_pair() {
        let o = run(&["stability", &fixture("mini.toml")]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("Caveat: Model estimates from open sources"), "{out}");
        assert!(out.contains("Units: warheads"), "{out}");
        for row in [
            "day-to-day  AAA       BBB",
            "day-to-day  BBB       AAA",
            "generated   AAA       BBB",
            "generated   BBB       AAA",
        ] {
            assert!(out.contains(row), "missing {row:?} in\n{out}");
        }
        assert!(out.contains("Provenance: deterrence"), "{out}");
    }

    #[test]
    fn json_is_versioned_with_provenance_and_constants() {
        let o = run(&["stability", &fixture("mini.toml"), "--format", "json", "--alert", "generated"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["schema"], 1);
        assert_eq!(v["kind"], "stability");
        assert_eq!(v["provenance"]["scenario"], "mini");
        assert_eq!(v["provenance"]["scenario_hash"].as_str().unwrap().len(), 16);
        assert_eq!(v["constants"]["max_warheads_per_target"], 2);
        assert_eq!(v["constants"]["kt_denial_weight"], 0.3);
        let results = v["pairs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(results[0]["alert"], "generated");
        let index = results[0]["index"].as_f64().unwrap();
        assert!(index > 0.0 && index <= 1.0);
        // The uncertain reliability range of AAA's silos is reported.
        let uncertain = v["pairs"][0]["uncertain_inputs"].as_array().unwrap();
        assert!(uncertain.iter().any(|u| u.as_str().unwrap().contains("reliability")), "{uncertain:?}");
    }

    #[test]
    fn csv_has_header_and_two_rows_per_pair_and_alert() {
        let o = run(&["stability", &fixture("mini.toml"), "--format", "csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("scenario,alert,attacker,defender,defender_warheads"), "{}", lines[0]);
        assert_eq!(lines.len(), 1 + 4);
    }

    #[test]
    fn bounds_change_the_numbers() {
        let best = stdout(&run(&["stability", &fixture("mini.toml"), "--format", "csv", "--bound", "best"]));
        let low = stdout(&run(&["stability", &fixture("mini.toml"), "--format", "csv", "--bound", "low"]));
        assert_ne!(best, low);
        assert!(low.lines().nth(1).unwrap().ends_with(",low"));
    }

    /// `worst-for=STATE` / `best-for=STATE` pick, input by input, the end of its range worse /
    /// better for that state's second strike; `low` lowers the damage thresholds too, so it is
    /// no worst case (issue 14).
    #[test]
    fn worst_and_best_for_a_state_bracket_its_second_strike() {
        let adequacy = |bound: &str| -> (f64, serde_json::Value) {
            let o =
                run(&["stability", "--pair", "USA,RUS", "--alert", "day-to-day", "--format", "json", "--bound", bound]);
            assert!(o.status.success(), "{bound}: {}", stderr(&o));
            let v = json(&o);
            // RUS strikes first; the USA's retaliation.
            let a = v["pairs"][0]["results"][0]["b_strikes"]["adequacy"].as_f64().unwrap();
            (a, v)
        };
        let (best, v) = adequacy("best");
        assert!(v.get("bound_for").is_none());
        let (worst, v) = adequacy("worst-for=USA");
        let (better, _) = adequacy("best-for=usa");
        let (low, _) = adequacy("low");
        assert!(worst < best && best < better, "worst {worst}, best {best}, best-for {better}");
        assert!(worst < low, "the worst case for the USA is worse than every input at its low end");
        assert_eq!(v["bound_for"]["lean"], "worst");
        assert_eq!(v["bound_for"]["state"], "USA");
        let fixed = v["bound_for"]["inputs"].as_array().unwrap();
        assert!(fixed.len() > 5, "{fixed:?}");
        // The damage Russia finds unacceptable is raised in the USA's worst case.
        assert!(
            fixed.iter().any(
                |i| i["path"].as_str().unwrap().starts_with("states.RUS.unacceptable_damage") && i["end"] == "high"
            ),
            "{fixed:?}"
        );
        let csv = stdout(&run(&["stability", "--pair", "USA,RUS", "--format", "csv", "--bound", "worst-for=USA"]));
        assert!(csv.lines().nth(1).unwrap().ends_with(",worst-for=USA"), "{csv}");
        let table = stdout(&run(&["stability", "--pair", "USA,RUS", "--bound", "worst-for=USA"]));
        assert!(table.contains("Bound: worst for USA"), "{table}");
        for bad in ["worst-for=ZZZ", "worst-for=", "lowest"] {
            let o = run(&["stability", "--bound", bad]);
            assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        }
    }

    /// Pairs with no armed side are hidden unless --all; no number prints as a negative zero.
    #[test]
    fn unarmed_pairs_hidden_unless_all_and_no_negative_zeros() {
        let shown = stdout(&run(&["stability"]));
        let all = stdout(&run(&["stability", "--all"]));
        assert!(shown.contains("pairs in which neither side holds nuclear weapons"), "{shown}");
        assert!(all.lines().count() > shown.lines().count());
        for text in [&shown, &all] {
            assert!(!text.contains("-0.0"), "a negative zero:\n{text}");
        }
        let v = json(&run(&["stability", "--format", "json"]));
        assert!(v["unarmed_pairs_hidden"].as_u64().unwrap() > 0);
    }

    #[test]
    fn pair_filter_accepts_iso3_and_cow_codes() {
        for p in ["AAA,BBB", "bbb,aaa", "1,2"] {
            let o = run(&["stability", &fixture("mini.toml"), "--pair", p, "--format", "csv"]);
            assert!(o.status.success(), "{p}: {}", stderr(&o));
            assert_eq!(stdout(&o).lines().count(), 5);
        }
    }

    #[test]
    fn unknown_or_unpaired_states_exit_2() {
        let o = run(&["stability", &fixture("mini.toml"), "--pair", "AAA,ZZZ"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("unknown state `ZZZ`"), "{}", stderr(&o));
        let o = run(&["stability", &fixture("mini.toml"), "--pair", "AAA,CCC"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("not an adversary pair"), "{}", stderr(&o));
        let o = run(&["stability", &fixture("mini.toml"), "--pair", "AAA"]);
        assert_eq!(o.status.code(), Some(2));
    }

    #[test]
    fn grid_is_csv_with_one_row_per_cell() {
        let o = run(&[
            "stability",
            &fixture("mini.toml"),
            "--grid",
            "AAA,BBB",
            "--max-warheads",
            "100",
            "--step",
            "10",
            "--alert",
            "generated",
            "--format",
            "csv",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "AAA_warheads,BBB_warheads,BBB_adequacy_after_AAA_strike,AAA_adequacy_after_BBB_strike,AAA_deterred,BBB_deterred,region"
        );
        assert_eq!(lines.len(), 1 + 11 * 11);
        // With no warheads nobody retaliates; with many on both sides deterrence is mutual.
        assert!(lines[1].starts_with("0,0,0,0,false,false,neither"), "{}", lines[1]);
        assert!(lines.last().unwrap().ends_with("mutual"), "{}", lines.last().unwrap());
        // Without --format csv it is an input error.
        let o = run(&["stability", &fixture("mini.toml"), "--grid", "AAA,BBB", "--alert", "generated"]);
        assert_eq!(o.status.code(), Some(2));
    }

    #[test]
    fn unknown_scenario_exits_2() {
        let o = run(&["stability", "no-such-scenario"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("built-in: world-2025"), "{}", stderr(&o));
    }
}

mod scenario {
    use super::*;

    #[test]
    fn check_prints_a_summary() {
        let o = run(&["scenario", "check", &fixture("mini.toml")]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("valid scenario `mini`"), "{out}");
        assert!(out.contains("AAA"), "{out}");
        let v = json(&run(&["scenario", "check", &fixture("mini.toml"), "--format", "json"]));
        assert_eq!(v["kind"], "scenario-check");
        assert_eq!(v["states"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn malformed_files_exit_2_naming_file_line_and_field() {
        let mini = std::fs::read_to_string(fixture("mini.toml")).unwrap();
        let cases = [
            ("syntax.toml", mini.replacen("launchers = 50", "launchers = = 50", 1), "launchers"),
            ("unknown.toml", mini.replacen("cep_m = 150", "cep_m = 150\ncep_metres = 150", 1), "cep_metres"),
            ("type.toml", mini.replacen("cep_m = 150", "cep_m = \"small\"", 1), "states[0].forces[0].cep_m"),
            ("negative.toml", mini.replacen("launchers = 60", "launchers = -60", 1), "states[1].forces[0].launchers"),
            ("fraction.toml", mini.replacen("intensity = 0.7", "intensity = 1.7", 1), "rivalries[0].intensity"),
            (
                "pair.toml",
                mini.replacen("pair = [\"AAA\", \"BBB\"]", "pair = [\"AAA\", \"QQQ\"]", 1),
                "rivalries[0].pair[1]",
            ),
        ];
        for (name, text, field) in cases {
            let path = temp_file(name, &text);
            let o = run(&["scenario", "check", &path]);
            assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(err.contains(&format!("{path}:")), "{name}: no file:line in {err}");
            assert!(err.contains(field), "{name}: field {field} not named in {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }

    #[test]
    fn list_names_the_default() {
        let o = run(&["scenario", "list"]);
        assert!(o.status.success());
        assert!(stdout(&o).contains("world-2025"));
        assert!(stdout(&o).contains("[default]"));
    }
}

mod calc {
    use super::*;

    #[test]
    fn lethal_radius_and_sspk_match_the_reference_vectors() {
        let v =
            json(&run(&["calc", "lethal-radius", "--yield-kt", "300", "--hardness-psi", "2000", "--format", "json"]));
        assert!((v["lethal_radius_m"].as_f64().unwrap() - 247.77694044741347).abs() < 1e-6);
        let v = json(&run(&[
            "calc",
            "sspk",
            "--yield-kt",
            "300",
            "--cep-m",
            "120",
            "--hardness-psi",
            "2000",
            "--reliability",
            "0.8",
            "--warheads",
            "2",
            "--format",
            "json",
        ]));
        assert!((v["kill_probability_n"].as_f64().unwrap() - 0.9416027631106415).abs() < 1e-9);
    }

    #[test]
    fn fss_cone_and_richardson() {
        let v = json(&run(&[
            "calc",
            "fss",
            "--a",
            "100,10,500,0.75,400",
            "--b",
            "100,10,500,0.75,400",
            "--format",
            "json",
        ]));
        assert!((v["index"].as_f64().unwrap() - 0.9136901660958162).abs() < 1e-12);
        let v = json(&run(&[
            "calc", "cone", "--fa", "0.5", "--fb", "0.5", "--va", "1", "--vb", "1", "--da", "100", "--db", "100",
            "--point", "400,250", "--format", "json",
        ]));
        assert_eq!(v["vertex"][0].as_f64().unwrap().round(), 200.0);
        assert_eq!(v["b_deters_a"], false);
        assert_eq!(v["a_deters_b"], true);
        let v = json(&run(&[
            "calc",
            "richardson",
            "--a",
            "2",
            "--b",
            "2",
            "--m",
            "5",
            "--n",
            "3",
            "--r",
            "5",
            "--s",
            "5",
            "--t",
            "1",
            "--format",
            "json",
        ]));
        assert!((v["state"][0].as_f64().unwrap() - 1.920793850332177).abs() < 1e-10);
        assert_eq!(v["stable"], true);
    }

    #[test]
    fn bad_calc_input_exits_2() {
        for args in [
            vec!["calc", "lethal-radius", "--yield-kt", "-5", "--hardness-psi", "100"],
            vec![
                "calc",
                "sspk",
                "--yield-kt",
                "100",
                "--cep-m",
                "100",
                "--hardness-psi",
                "100",
                "--reliability",
                "1.5",
            ],
            vec!["calc", "fss", "--a", "1,2,3", "--b", "1,2,3,0.5,10"],
            vec!["calc", "lethal-radius", "--yield-kt", "abc", "--hardness-psi", "100"],
        ] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        }
    }
}

mod pipes {
    use std::io::Read;
    use std::process::{Command, Stdio};

    #[test]
    fn a_closed_pipe_is_not_a_panic() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_deterrence"))
            .args(["params"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away at once
        let status = child.wait().unwrap();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        assert!(!err.contains("panicked"), "{err}");
        assert!(status.success(), "{status:?}: {err}");
    }
}

mod params {
    use super::*;

    /// `params --lens L` shows the values with the lens applied, not the default table again.
    #[test]
    fn a_lens_shows_its_values() {
        let plain = stdout(&run(&["params"]));
        let o = run(&["params", "--lens", "organisational"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let lens = stdout(&o);
        assert_ne!(plain, lens);
        assert!(lens.contains("| with organisational |"), "{lens}");
        let v = json(&run(&["params", "--lens", "organisational", "--format", "json"]));
        let changed: Vec<&serde_json::Value> = v["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["value"].as_f64() != p["default"].as_f64())
            .collect();
        assert!(!changed.is_empty());
        for p in changed {
            let row = lens.lines().find(|l| l.starts_with(&format!("| `{}` ", p["name"].as_str().unwrap()))).unwrap();
            assert!(row.contains(&format!("**{}**", p["value"].as_f64().unwrap())), "{row}");
        }
    }
}

#[test]
fn serve_on_all_interfaces_prints_a_url_a_browser_can_open() {
    use std::io::BufRead;
    let mut child = bin()
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("binary runs");
    let stdout = child.stdout.take().expect("piped stdout");
    // The first two lines arrive as soon as the server listens (or stdout closes if it fails).
    let lines: Vec<String> = std::io::BufReader::new(stdout).lines().take(2).map_while(Result::ok).collect();
    let _ = child.kill();
    let out = child.wait_with_output().expect("the server stops");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(lines.len(), 2, "{lines:?} {stderr}");
    assert!(lines[0].starts_with("Deterrence Lab explorer: http://127.0.0.1:"), "{lines:?}");
    assert!(!lines[0].contains("0.0.0.0"), "{lines:?}");
    assert!(lines[1].contains("listening on all interfaces, 0.0.0.0:"), "{lines:?}");
    assert!(stderr.contains("warning: binding to 0.0.0.0"), "{stderr}");
}

/// Flag and scenario domains are the same on every command: a value outside them is a usage or
/// input error (exit 2) wherever it is given, and a scenario is valid for every command or for
/// none.
#[test]
fn the_same_domains_hold_on_every_command() {
    for args in [
        &["paradox", "--years", "0"][..],
        &["paradox", "--years", "1000000"],
        &["run", "--years", "501"],
        &["paradox", "--threads", "0"],
        &["experiment", "x.toml", "--out", "x", "--threads", "0"],
        &["run", "--runs", "2", "--threads", "5000"],
        &["calc", "sspk", "--yield-kt", "1e308", "--cep-m", "100", "--hardness-psi", "1000"],
        &["calc", "sspk", "--yield-kt", "100", "--cep-m", "100", "--hardness-psi", "1000", "--warheads", "0"],
        &["calc", "lethal-radius", "--yield-kt", "1e308", "--hardness-psi", "1000"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let world =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/data/test-world.toml"))
            .unwrap();
    for (from, to, field) in [
        ("hardness_psi = 2000", "hardness_psi = 1e9", "hardness_psi"),
        ("launchers = 300", "launchers = 1e308", "launchers"),
        ("horizon_years = 30", "horizon_years = 30\n[simulation.parameters]\nprudence_base = -3", "prudence_base"),
    ] {
        assert!(world.contains(from), "{from}");
        let path = temp_file(&format!("domain-{field}.toml"), &world.replacen(from, to, 1));
        for args in [
            &["scenario", "check", path.as_str()][..],
            &["run", path.as_str(), "--seed", "1", "--years", "2"],
            &["stability", path.as_str()],
        ] {
            let o = run(args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(stderr(&o).contains(field), "{args:?}: {}", stderr(&o));
        }
    }
}

#[test]
fn invalid_utf8_in_a_scenario_or_spec_is_located() {
    let dir = std::env::temp_dir().join(format!("deterrence-cli-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, b"schema = 1\n[scenario]\nname = \"x\xff\"\n").unwrap();
    let p = path.to_string_lossy().into_owned();
    for args in [
        &["scenario", "check", p.as_str()][..],
        &["run", p.as_str(), "--seed", "1"],
        &["experiment", p.as_str(), "--out", dir.join("out").to_str().unwrap()],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("line 3, byte column 10: invalid UTF-8"), "{args:?}: {}", stderr(&o));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
