//! `deterrence data strikes`: the record's strikes as counted, the estimate, the tests and the
//! engine's defaults.

use std::process::Command;

#[test]
fn data_strikes_prints_the_counts_the_estimate_the_tests_and_the_defaults() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_deterrence")).args(args).output().unwrap();
    let o = run(&["data", "strikes", "--runs", "2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("(3) ISR→IRQ 1981, ISR→SYR 2007, ISR→IRN 2025"), "{out}");
    assert!(out.contains("(3) IRN→IRQ 1980, USA→IRQ 1991, USA→IRN 2025"), "{out}");
    assert!(out.contains("preventive_strike_rate without the size effect: 0.045"), "{out}");
    assert!(out.contains("likelihood ratio of the size effect") && out.contains("not supported"), "{out}");
    assert!(out.contains("window_strike_multiplier 0, one-sided 90% bound"), "{out}");
    assert!(out.contains("engine defaults: preventive_strike_rate 0.04537"), "{out}");
    let o = run(&["data", "strikes", "--runs", "0"]);
    assert_eq!(o.status.code(), Some(2), "--runs 0 is a usage error");
}
