//! `parley export` as a person and a script use it: the memo, the JSON, and
//! `--output` that never leaves a half-written or overwritten-by-mistake file.

mod common;

use std::path::PathBuf;

use common::{BASE, fixture, parley, stderr, stdout};
use parley::text::{is_bidi_control, is_forbidden_control};

/// Runs `parley` and expects exit status 0.
fn export(args: &[&str]) -> String {
    let output = parley(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

/// Runs `parley`, expects `status`, nothing on standard output, and a
/// message on standard error, which it returns.
fn refused(args: &[&str], status: i32) -> String {
    let output = parley(args);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(status), "{err}");
    assert!(output.stdout.is_empty(), "{err}");
    assert_printable(&err);
    err
}

fn assert_printable(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c != '\n' && is_forbidden_control(c)) || is_bidi_control(c))
        .collect();
    assert!(bad.is_empty(), "raw control characters {bad:?} in:\n{text}");
}

/// The shared test briefing in a temporary folder, its one position's text
/// (line 16, TOML basic-string syntax) replaced by `position`.
fn briefing_with_position(position: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("briefing.toml");
    let text = BASE.replace("text = \"No.\"", &format!("text = \"{position}\""));
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn the_memo_of_the_shipped_briefing_names_every_party_and_cites_its_quotes() {
    let memo = export(&["export"]);
    assert!(
        memo.starts_with("# Trilateral Russia-US-Ukraine security talks, Abu Dhabi\n"),
        "{memo}"
    );
    for party in [
        "### Ukraine (UA), party",
        "### Russia (RU), party",
        "### United States (US), mediator",
        "### United Arab Emirates (UAE), host",
    ] {
        assert!(memo.contains(party), "{party}");
    }
    assert!(memo.contains("\n| Sticking point | Status | Ukraine | Russia | United States |\n"));
    assert!(memo.contains("**red line, "));
    // Newest first: the one quote dated the 23rd, the Emirati statement, opens the section.
    let quotes = &memo[memo.find("## Quotes").unwrap()..];
    assert!(
        quotes.contains(
            "\n> — Sheikh Abdullah bin Zayed Al Nahyan (United Arab Emirates), Unattributed news report, 2026-01-23"
        ),
        "{quotes}"
    );
    assert_eq!(memo.matches("\n> — ").count(), 25);
    assert_printable(&memo);
    assert_eq!(
        memo,
        export(&["export", "--format", "md"]),
        "md is markdown"
    );
}

#[test]
fn the_json_is_the_whole_briefing_with_derived_quote_ids() {
    let json = export(&["export", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let quotes = value["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 25);
    assert!(
        quotes
            .iter()
            .all(|q| q["id"].as_str().is_some_and(|id| !id.is_empty()))
    );
    assert_eq!(value["parties"].as_array().unwrap().len(), 4);
    assert_eq!(value["sources"].as_array().unwrap().len(), 5);
    assert_eq!(
        value["meta"]["title"],
        "Trilateral Russia-US-Ukraine security talks, Abu Dhabi"
    );

    let foreign = export(&["export", "--format", "json", &fixture("harbour-talks.toml")]);
    let value: serde_json::Value = serde_json::from_str(&foreign).unwrap();
    let ids: Vec<&str> = value["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    // Quotes without an `id` get one from the speaker and the words.
    assert_eq!(ids, ["petrenko-port", "liming-5ce520", "lzhr-35ae76"]);
}

#[test]
fn a_foreign_briefing_exports_in_its_own_scripts() {
    let memo = export(&["export", &fixture("harbour-talks.toml")]);
    for text in [
        "# Harbour talks — round 3 🕊️",
        "### Северная Республика (СР), party",
        "### دولة المضيف (HOST), host",
        "### Observer Mission 👀 (OBS), observer",
        "| 李明 | 团长 | lead | `wire-1`, `radio_2` |",
        "**red line, basis not given**: The port stays under northern control.",
        "> Мы не отдадим порт",
        "> — Ольга Петренко (Северная Республика), Harbour Wire, 2025-11-29 (`wire-1`)",
        "- **Радио Север** (`radio_2`): Ли Мин",
    ] {
        assert!(memo.contains(text), "missing {text:?} in:\n{memo}");
    }
    // The host has no position on a sticking point, so no column; the observer neither.
    assert!(
        memo.contains("\n| Sticking point | Status | Северная Республика | Southern League |\n"),
        "{memo}"
    );
    assert_printable(&memo);
}

#[test]
fn output_writes_the_file_and_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.md");
    std::fs::write(&path, "an older memo").unwrap();
    let output = parley(&["export", "--output", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), export(&["export"]));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["memo.md"], "no temporary file is left behind");
}

#[test]
fn a_failed_export_exits_non_zero_and_leaves_files_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder/memo.md");
    let err = refused(&["export", "-o", missing.to_str().unwrap()], 2);
    let folder = missing.parent().unwrap();
    let expected = format!(
        "{}: cannot write: the folder {} does not exist\n",
        missing.display(),
        folder.display()
    );
    assert_eq!(err, expected);
    assert!(!folder.exists());

    // An invalid briefing: the existing memo is not touched.
    let existing = dir.path().join("memo.md");
    std::fs::write(&existing, "an older memo").unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "format = 1\n[briefing]\ntitle = \"x\"\n").unwrap();
    let args = [
        "export",
        bad.to_str().unwrap(),
        "-o",
        existing.to_str().unwrap(),
    ];
    let err = refused(&args, 1);
    assert!(err.ends_with(": invalid: 1 error, 0 warnings\n"), "{err}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "an older memo");

    // A folder as the output.
    let err = refused(&["export", "-o", dir.path().to_str().unwrap()], 2);
    let expected = format!("{}: cannot write: is a directory\n", dir.path().display());
    assert_eq!(err, expected);
}

#[test]
fn the_briefing_itself_is_never_the_output() {
    let (dir, path) = briefing_with_position("No.");
    let before = std::fs::read_to_string(&path).unwrap();
    let same = dir.path().join(".").join("briefing.toml");
    let args = [
        "export",
        path.to_str().unwrap(),
        "--output",
        same.to_str().unwrap(),
    ];
    let err = refused(&args, 2);
    assert!(
        err.contains("parley never writes to a briefing file"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn unreadable_and_invalid_briefings_are_reported_like_check() {
    let err = refused(&["export", "/no/such/briefing.toml"], 2);
    assert_eq!(err, "/no/such/briefing.toml: cannot read: no such file\n");

    // An escape sequence cannot get through: the file is refused at load,
    // and the message shows the character escaped.
    let (_dir, path) = briefing_with_position("red \\u001b[31m line");
    for format in ["markdown", "json"] {
        let err = refused(&["export", "--format", format, path.to_str().unwrap()], 1);
        let located = "briefing.toml:15:8: error: control character U+001B in `text`";
        assert!(err.contains(located), "{err}");
        assert!(
            err.ends_with("briefing.toml: invalid: 1 error, 0 warnings\n"),
            "{err}"
        );
    }
}

#[test]
fn a_bidi_control_is_shown_as_an_escape() {
    let (_dir, path) = briefing_with_position("abc\u{202e}def");
    let memo = export(&["export", path.to_str().unwrap()]);
    assert!(
        memo.contains("- **red line, reported**: abc\\<U+202E\\>def (sources: `s1`)"),
        "{memo}"
    );
    assert_printable(&memo);

    let json = export(&["export", "--format", "json", path.to_str().unwrap()]);
    assert!(json.contains(r#""text": "abc\u202edef""#), "{json}");
    assert_printable(&json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["parties"][0]["positions"][0]["text"],
        "abc\u{202e}def"
    );
}
