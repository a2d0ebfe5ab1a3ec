//! `deterrence calc sspk --batch`: many evaluations from a CSV file, equal to one at a time.

mod common;

use common::{run, temp_dir};

#[test]
fn batch_rows_equal_single_evaluations() {
    let dir = temp_dir("calc-batch");
    let file = dir.join("in.csv");
    std::fs::write(
        &file,
        "label,yield_kt,cep_m,hardness_psi,reliability,warheads\nsilo,300,120,2000,0.8,2\nsoft,455,90,5,1,1\n",
    )
    .unwrap();
    let o = run(&["calc", "sspk", "--batch", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "label", "input columns are kept");
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    for (line, (y, c, h, r, n)) in lines.zip([("300", "120", "2000", "0.8", "2"), ("455", "90", "5", "1", "1")]) {
        let row: Vec<&str> = line.split(',').collect();
        let single = run(&[
            "calc",
            "sspk",
            "--yield-kt",
            y,
            "--cep-m",
            c,
            "--hardness-psi",
            h,
            "--reliability",
            r,
            "--warheads",
            n,
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&single.stdout).unwrap();
        for name in ["lethal_radius_m", "sspk", "kill_probability", "kill_probability_n", "lethality_k"] {
            let batch: f64 = row[col(name)].parse().unwrap();
            assert_eq!(batch.to_bits(), v[name].as_f64().unwrap().to_bits(), "{name} of {line}");
        }
    }
}

#[test]
fn a_bad_row_is_named_with_exit_status_2() {
    let dir = temp_dir("calc-batch-bad");
    let file = dir.join("in.csv");
    std::fs::write(&file, "yield_kt,cep_m,hardness_psi\n300,120,2000\n300,-5,2000\n").unwrap();
    let o = run(&["calc", "sspk", "--batch", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains(":3: field `cep_m`"), "{e}");
    let missing = dir.join("missing.csv");
    std::fs::write(&missing, "yield,cep_m,hardness_psi\n1,2,3\n").unwrap();
    let o = run(&["calc", "sspk", "--batch", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no `yield_kt` column"));
}
