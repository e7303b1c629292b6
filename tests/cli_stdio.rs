//! Standard input and output as scripts use them: `-` for the briefing, a
//! full disk or a closed standard output reported with exit 2, and a reader
//! that stops early (`| head`) left in peace.

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/briefings")
        .join(name)
        .display()
        .to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs parley with `input` on its standard input.
fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = common::parley_command()
        .args(args)
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs parley through `sh` with its standard output closed (`>&-`).
fn with_stdout_closed(args: &str) -> Output {
    common::isolated(Command::new("sh"))
        .args([
            "-c",
            &format!("exec \"$0\" {args} >&-"),
            env!("CARGO_BIN_EXE_parley"),
        ])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap()
}

#[test]
fn a_dash_reads_the_briefing_from_standard_input() {
    let briefing = std::fs::read(fixture("harbour-talks.toml")).unwrap();

    let output = with_stdin(&["check", "-"], &briefing);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    // The fixture's red lines give no basis: three warnings.
    assert!(
        text(&output.stdout).starts_with("<stdin>: ok, 3 warnings: 4 parties, "),
        "{}",
        text(&output.stdout)
    );
    // Standard input has no folder: its text files cannot be found.
    assert!(
        text(&output.stderr).ends_with(
            "<stdin>: note: quotes were not verified against their sources' text files: a briefing read from standard input has no folder beside it\n"
        ),
        "{}",
        text(&output.stderr)
    );

    let output = with_stdin(&["search", "harbour", "-", "--json"], &briefing);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with('['));

    let output = with_stdin(&["export", "-", "--format", "json"], &briefing);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["parties"].as_array().unwrap().len(), 4);
}

#[test]
fn an_invalid_briefing_on_standard_input_is_located_as_stdin() {
    let output = with_stdin(&["check", "-"], b"format = 1\n[briefing]\ntitel = \"x\"\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("<stdin>:3:1: error: unknown key `titel`"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn check_into_a_full_disk_exits_2() {
    let full = std::fs::File::create("/dev/full").unwrap();
    let output = common::parley_command()
        .args(["check", &fixture("harbour-talks.toml")])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).ends_with(
            "parley: cannot write to standard output: No space left on device (os error 28)\n"
        ),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn a_closed_standard_output_is_an_error_for_check_and_export() {
    let output = with_stdout_closed("check");
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        "parley: cannot write to standard output: standard output is closed\n"
    );

    let output = with_stdout_closed("export");
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        "cannot write to standard output: standard output is closed\n"
    );
}

#[test]
fn search_into_a_reader_that_stopped_early_stays_quiet() {
    // 2,000 matching quotes print far more than a pipe holds, so parley is
    // still writing when `head -c 1` has read its byte and left.
    let dir = tempfile::tempdir().unwrap();
    let mut briefing = String::from(
        "format = 1\n[briefing]\ntitle = \"T\"\nas_of = 2026-01-01\n\
         [[sources]]\nid = \"s\"\noutlet = \"O\"\n",
    );
    for i in 0..2_000 {
        briefing.push_str(&format!(
            "[[quotes]]\nspeaker = \"A\"\ntext = \"harbour talks number {i} went on late\"\nsource = \"s\"\n"
        ));
    }
    let path = dir.path().join("many.toml");
    std::fs::write(&path, briefing).unwrap();
    let output = common::isolated(Command::new("sh"))
        .args([
            "-c",
            "\"$0\" search --limit 100000 harbour \"$1\" | head -c 1 >/dev/null",
            env!("CARGO_BIN_EXE_parley"),
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn the_dashboard_opens_a_briefing_from_standard_input_and_keys_still_work() {
    if !common::tmux::available() {
        return;
    }
    let args = format!("- < '{}'", fixture("harbour-talks.toml"));
    let tmux = common::tmux::Tmux::start(&args, 100, 30);
    let screen = tmux.wait_for("Red lines");
    assert!(screen.contains("Harbour talks"), "{screen}");
    // Keys come from the terminal, not from standard input (the briefing).
    assert!(screen.contains("│ <stdin>"), "{screen}");
    tmux.keys(&["2"]);
    tmux.wait_for("Southern League · party · 2/4");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}
