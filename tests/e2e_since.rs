//! `parley NEW --since OLD` run as a person runs it: the real binary, in
//! tmux where it needs a terminal.

mod common;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::tmux::{Tmux, available, binary};

fn rounds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rounds")
}

/// parley with no terminal and nothing on standard input, as a script runs it.
fn parley(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(rounds())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_old_round_that_cannot_be_read_is_an_error_before_anything_else() {
    let missing = parley(&["round2.toml", "--since", "no-such-round.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    let said = stderr(&missing);
    assert!(
        said.contains("no-such-round.toml: cannot read: no such file"),
        "{said}"
    );
    assert!(
        said.contains("--since no-such-round.toml: cannot compare with it"),
        "{said}"
    );
    // The old round's trouble is told, not the missing terminal's.
    assert!(!said.contains("needs a terminal"), "{said}");

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "format = 1\n[briefing]\ntitle = \"x\"\n").unwrap();
    let invalid = parley(&["round2.toml", "--since", bad.to_str().unwrap()]);
    assert_eq!(invalid.status.code(), Some(2));
    let said = stderr(&invalid);
    assert!(said.contains("bad.toml:2:1"), "file:line:column: {said}");
    assert!(said.contains("missing key `as_of`"), "{said}");

    let no_revision = parley(&["round2.toml", "--since", "no-such-rev:round1.toml"]);
    assert_eq!(
        no_revision.status.code(),
        Some(2),
        "{}",
        stderr(&no_revision)
    );
    assert!(
        stderr(&no_revision).contains("git"),
        "{}",
        stderr(&no_revision)
    );
}

#[test]
fn a_bad_old_round_in_a_terminal_never_takes_the_screen() {
    if !available() {
        return;
    }
    let command = format!(
        "cd {} && {} round2.toml --since no-such-round.toml",
        rounds().display(),
        binary()
    );
    let tmux = Tmux::start_command(&command, 80, 24);
    let screen = tmux.assert_given_back("EXITED 2");
    assert!(
        screen.contains("no-such-round.toml: cannot read"),
        "{screen}"
    );
}

#[test]
fn since_marks_the_views_and_the_diff_view_opens_both_versions() {
    if !available() {
        return;
    }
    let command = format!(
        "cd {} && {} round2.toml --since round1.toml",
        rounds().display(),
        binary()
    );
    let tmux = Tmux::start_command(&command, 100, 30);
    let screen = tmux.wait_for("since round1.toml (as of 2031-05-10)");
    for label in ["  changed [", "  new [", "  lifted ["] {
        assert!(screen.contains(label), "{label:?}:\n{screen}");
    }

    tmux.keys(&["d"]);
    let screen = tmux.wait_for("Since round1.toml (as of 2031-05-10) · 10 changes");
    assert!(
        screen.contains("~ briefing as_of: \"2031-05-10\" → \"2031-06-03\""),
        "{screen}"
    );
    assert!(
        screen.contains("+ red line added: Will not accept any quota"),
        "{screen}"
    );

    // Down to the reworded red line (below the briefing's two), and open it.
    tmux.keys(&["j", "j"]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Both versions");
    assert!(
        screen.contains("Before · round1.toml (as of 2031-05-10)"),
        "{screen}"
    );
    assert!(
        screen.contains("Now · round2.toml (as of 2031-06-03)"),
        "{screen}"
    );
    assert!(
        screen.contains("~ Text: Will not allow trawling inside the"),
        "{screen}"
    );
    assert!(screen.contains("~ Basis: reported"), "{screen}");
    assert!(screen.contains("~ Basis: stated"), "{screen}");

    tmux.keys(&["Escape"]);
    tmux.wait_until_gone("Both versions");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn a_saved_change_is_compared_with_the_same_old_revision() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    };
    let file = dir.path().join("talks.toml");
    git(&["init", "-q"]);
    std::fs::copy(rounds().join("round1.toml"), &file).unwrap();
    git(&["add", "talks.toml"]);
    git(&["commit", "-qm", "round 1"]);
    std::fs::copy(rounds().join("round2.toml"), &file).unwrap();

    let command = format!(
        "cd {} && {} talks.toml --since HEAD:talks.toml",
        dir.path().display(),
        binary()
    );
    let tmux = Tmux::start_command(&command, 100, 30);
    tmux.wait_for("since HEAD:talks.toml (as of 2031-05-10)");
    tmux.keys(&["1"]);
    let screen = tmux.wait_for("Delegation");
    assert!(!screen.contains("left since"), "{screen}");

    // Saved as round 3: the harbour master has left since round 1.
    let round3 = std::fs::read(rounds().join("round3.toml")).unwrap();
    let saved = dir.path().join("talks.toml.new");
    std::fs::write(&saved, round3).unwrap();
    std::fs::rename(&saved, &file).unwrap();
    let screen = tmux.wait_for("left since HEAD:talks.toml: Tobin Ash");
    assert!(
        screen.contains("since HEAD:talks.toml (as of 2031-05-10)"),
        "{screen}"
    );
    assert!(screen.contains("round 3"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}
