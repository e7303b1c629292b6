//! Diagnostics a new user can act on: one bad value does not hide the
//! others, one message for a mistyped date, no warning that only follows
//! from an error, and suggestions for mistyped ids.

mod common;
use common::{BASE, findings, with};

#[test]
fn a_bad_value_does_not_hide_the_files_other_errors() {
    let text = with(concat!(
        "topic = \"lnd\"\n",
        "redline = true\n",
        "\n[[sticking_points]]\nid = \"land\"\ntitle = \"Land\"\n",
        "\n[[quotes]]\nspeaker = \"A\"\ntext = 5\nsource = \"s2\"\nsaid_on = 13/03/2031\n",
    ));
    assert_eq!(
        findings(&text),
        [
            "19:9: error: no sticking point has the id `lnd`; did you mean `land`?",
            "20:1: error: unknown key `redline` in [[parties.positions]]; did you mean `red_line`?",
            "28:8: error: `text` must be a string, found integer",
            "29:10: error: no source has the id `s2`; did you mean `s1`?",
            "30:11: error: `said_on` must be a day written unquoted as YYYY-MM-DD, a month in quotes (\"YYYY-MM\") or a year in quotes (\"YYYY\"), found 13/03/2031; did you mean `said_on = 2031-03-13` (13 March 2031)?",
        ]
    );
}

#[test]
fn a_date_gets_one_message_quoted_or_not() {
    let unquoted = BASE.replacen("as_of = 2026-01-23", "as_of = 23/01/2026", 1);
    let quoted = BASE.replacen("as_of = 2026-01-23", "as_of = \"23/01/2026\"", 1);
    let advice = "must be a day written unquoted as YYYY-MM-DD, a month in quotes (\"YYYY-MM\") or a year in quotes (\"YYYY\")";
    assert_eq!(
        findings(&unquoted),
        [format!(
            "5:9: error: `as_of` {advice}, found 23/01/2026; did you mean `as_of = 2026-01-23` (23 January 2026)?"
        )]
    );
    assert_eq!(
        findings(&quoted),
        [format!(
            "5:9: error: `as_of` {advice}, found \"23/01/2026\"; did you mean `as_of = 2026-01-23` (23 January 2026)?"
        )]
    );
    let ambiguous = BASE.replacen("as_of = 2026-01-23", "as_of = 04/03/2026", 1);
    assert!(
        findings(&ambiguous)[0].ends_with("did you mean `as_of = 2026-03-04` (4 March 2026) or `as_of = 2026-04-03` (3 April 2026)?"),
        "{:?}",
        findings(&ambiguous)
    );
}

#[test]
fn no_warning_follows_from_an_error() {
    // A `redline` typo leaves the party without red lines: the warning
    // would only repeat the error.
    let typo = BASE.replacen("red_line = true", "redline = true", 1);
    assert_eq!(
        findings(&typo),
        ["16:1: error: unknown key `redline` in [[parties.positions]]; did you mean `red_line`?"]
    );
    // A mistyped source id leaves its source uncited.
    let source = BASE.replacen("sources = [\"s1\"]", "sources = [\"s11\"]", 1);
    assert_eq!(
        findings(&source),
        ["18:12: error: no source has the id `s11`; did you mean `s1`?"]
    );
}

#[test]
fn mistyped_ids_get_a_prefix_a_title_or_the_list() {
    let points = "\n[[sticking_points]]\nid = \"gazette-0313\"\ntitle = \"Gazette\"\n\n[[sticking_points]]\nid = \"shifts\"\ntitle = \"Split shifts\"\n";
    let prefix = format!(
        "{}{points}",
        BASE.replacen("red_line = true", "red_line = true\ntopic = \"gazette\"", 1)
    );
    assert_eq!(
        findings(&prefix),
        ["17:9: error: no sticking point has the id `gazette`; did you mean `gazette-0313`?"]
    );
    let title = format!(
        "{}{points}",
        BASE.replacen(
            "red_line = true",
            "red_line = true\ntopic = \"Split shifts\"",
            1
        )
    );
    assert_eq!(
        findings(&title),
        [
            "17:9: error: no sticking point has the id `Split shifts`; `Split shifts` is the title of `shifts`: refer to it by its id, `shifts`"
        ]
    );
    let listed = format!(
        "{}{points}",
        BASE.replacen("red_line = true", "red_line = true\ntopic = \"wages\"", 1)
    );
    assert_eq!(
        findings(&listed),
        [
            "17:9: error: no sticking point has the id `wages`; the sticking points are `gazette-0313`, `shifts`"
        ]
    );
}
