//! `parley check DIR`: every briefing under a folder, recursively.

mod common;
use common::{BASE, parley, stderr, stdout};

#[test]
fn check_a_folder_checks_every_briefing_and_exits_with_the_worst() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("a.toml", BASE);
    write("rounds/b.toml", BASE);
    write(".hidden/c.toml", "not even toml [");
    write("target/d.toml", "not even toml [");
    write("Cargo.toml", "[package]\nname = \"x\"\n");
    let output = parley(&["check", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    let summaries: Vec<&str> = printed
        .lines()
        .map(|l| l.split(": ok").next().unwrap())
        .collect();
    let root_name = root.display().to_string();
    assert_eq!(
        summaries,
        [
            format!("{root_name}/a.toml"),
            format!("{root_name}/rounds/b.toml")
        ]
    );
    assert!(
        stderr(&output).contains("Cargo.toml: note: skipped, not a briefing"),
        "{}",
        stderr(&output)
    );

    write("rounds/e.toml", &BASE.replace("as_of = 2026-01-23\n", ""));
    let output = parley(&["check", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output).lines().count(),
        2,
        "the two valid files still get their summary"
    );
    assert!(
        stderr(&output).contains("rounds/e.toml: invalid: 1 error"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_folder_without_briefings_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = parley(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("no briefing (a .toml file with a [briefing] table) in this folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn new_writes_a_starter_that_passes_check_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.toml");
    let path_str = path.to_str().unwrap();
    let written = parley(&["new", path_str]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let checked = parley(&["check", path_str]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert_eq!(stderr(&checked), "", "the starter has no warnings");
    assert!(
        stdout(&checked).contains(": ok: 2 parties, 1 delegate, 2 positions, 2 red lines"),
        "{}",
        stdout(&checked)
    );

    std::fs::write(&path, "mine").unwrap();
    let again = parley(&["new", path_str]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");

    let printed = parley(&["new"]);
    assert_eq!(stdout(&printed), parley::cli::new::STARTER);
}
