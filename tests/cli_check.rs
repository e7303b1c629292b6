//! `parley check` as scripts see it: output, and exit status 0, 1 or 2.

mod common;

use common::{fixture, parley, stderr};

#[test]
fn with_no_file_it_checks_the_embedded_briefing_from_any_folder() {
    let output = parley(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("abu-dhabi-2026-01.toml (embedded): ok: 4 parties, "),
        "{stdout}"
    );
    assert!(stdout.contains(" quotes, 5 sources, "), "{stdout}");
    // Its quotes are checked against the article texts built in with it.
    let quotes = stdout.split(" quotes, 5 sources").next().unwrap();
    let quotes = quotes.rsplit(", ").next().unwrap();
    assert!(
        stdout.ends_with(&format!("; {quotes} quotes verified against 5 texts\n")),
        "{stdout}"
    );
}

#[test]
fn a_valid_file_prints_its_summary_and_exits_0() {
    let output = parley(&["check", &fixture("harbour-talks.toml")]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.ends_with("harbour-talks.toml: ok, 3 warnings: 4 parties, 3 delegates, 2 positions, 2 red lines, 2 sticking points, 3 quotes, 2 sources, 2 events, 1 discrepancy; 3 quotes verified against 1 text\n"), "{stdout}");
}

#[test]
fn an_invalid_file_prints_located_errors_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "format = 1\n[briefing]\ntitle = \"x\"\nas_of = 2026-01-01\nsumary = \"typo\"\n",
    )
    .unwrap();
    let output = parley(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let expected = format!(
        "{}:5:1: error: unknown key `sumary` in [briefing]; did you mean `summary`?\n  |\n5 | sumary = \"typo\"\n  | ^^^^^^\n{}: invalid: 1 error, 0 warnings\n",
        path.display(),
        path.display()
    );
    assert_eq!(err, expected);
}

#[test]
fn warnings_print_but_leave_the_status_at_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warn.toml");
    std::fs::write(&path, "format = 1\n[briefing]\ntitle = \"x\"\nas_of = 2026-01-01\n[[sources]]\nid = \"a\"\noutlet = \"b\"\n").unwrap();
    let output = parley(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains(":6:6: warning: source `a` is not cited by anything"));
}

#[test]
fn unreadable_files_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    for (path, reason) in [
        (missing.to_str().unwrap(), "cannot read: no such file"),
        (
            // A folder is checked for the briefings under it: this one has none.
            dir.path().to_str().unwrap(),
            "no briefing (a .toml file with a [briefing] table) in this folder",
        ),
    ] {
        let output = parley(&["check", path]);
        assert_eq!(output.status.code(), Some(2), "{path}");
        assert_eq!(stderr(&output), format!("{path}: {reason}\n"));
    }
}

#[test]
fn a_file_that_is_not_utf8_or_is_empty_gets_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"format = 1\ntitle = \"caf\xe9\"\n").unwrap();
    let output = parley(&["check", latin1.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "{}:2:13: error: not valid UTF-8 (byte 0xe9); a briefing is a UTF-8 text file\n",
            latin1.display()
        )
    );

    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "  \n").unwrap();
    let output = parley(&["check", empty.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "{}: error: the file is empty; a briefing starts with `format = 1`\n",
            empty.display()
        )
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let output = parley(&["check", "--max-size", "100", &fixture("harbour-talks.toml")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(
        "harbour-talks.toml: more than the limit of 100 bytes; raise it with --max-size"
    ));
}

#[test]
fn several_files_exit_with_the_worst_status() {
    let output = parley(&[
        "check",
        &fixture("harbour-talks.toml"),
        "/no/such/file.toml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("harbour-talks.toml: ok, 3 warnings:")
    );
}

#[test]
fn a_usage_error_exits_2() {
    assert_eq!(parley(&["check", "--no-such-flag"]).status.code(), Some(2));
}
