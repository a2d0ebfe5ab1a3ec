//! Reading ICB actor-level files: crises grouped by number, nuclear actors counted, violence the
//! most severe over actors; errors name the physical line; a header without rows is an error.

use history::icb::{read_actor_file, read_dated_actor_file};

const HEADER: &str = "crisno,yrtrig,nuclear,sevvio,note\n";

#[test]
fn actors_are_grouped_by_crisis_in_order_of_first_appearance() {
    let text = format!("{HEADER}2,1950,1,1,a\n1,1948,3,2,b\n2,1950,3,3,c\n1,1948,4,4,d\n3,1960,1,,e\n");
    let crises = read_dated_actor_file(&text).unwrap();
    // Crisis 3 has no coded violence and is left out.
    assert_eq!(crises, vec![(Some(1950), 1, 3), (Some(1948), 2, 4)]);
    assert_eq!(read_actor_file(&text).unwrap(), vec![(1, 3), (2, 4)]);
}

#[test]
fn many_crises_are_read_in_one_pass() {
    let mut text = HEADER.to_owned();
    for k in 0..50_000 {
        text.push_str(&format!("{k},1990,1,2,x\n{k},1990,3,1,y\n"));
    }
    let crises = read_actor_file(&text).unwrap();
    assert_eq!(crises.len(), 50_000);
    assert!(crises.iter().all(|&c| c == (1, 2)));
}

#[test]
fn an_error_names_the_physical_line_after_a_multi_line_field() {
    // The note of the first row spans three physical lines; the bad row is on line 5.
    let text = format!("{HEADER}1,1950,1,1,\"one\ntwo\nthree\"\nx,1950,1,1,bad\n");
    let e = read_actor_file(&text).unwrap_err().to_string();
    assert!(e.starts_with("line 5:"), "{e}");
    assert!(e.contains("crisno"), "{e}");
}

#[test]
fn a_header_without_rows_is_an_error() {
    let e = read_actor_file(HEADER).unwrap_err().to_string();
    assert!(e.contains("no rows"), "{e}");
    let e = read_actor_file("a,b\n1,2\n").unwrap_err().to_string();
    assert!(e.contains("column `crisno` not found"), "{e}");
}
