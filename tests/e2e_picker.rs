//! `parley DIR` in tmux, as a person uses it: the picker of a folder's
//! briefings, its filter, a briefing opened and left again.

mod common;
use common::tmux::{Tmux, available};

/// Not a valid briefing: month 13.
const BROKEN: (&str, &str) = (
    "broken.toml",
    "format = 1\n[briefing]\ntitle = \"Notes\"\nas_of = 2031-13-01\n",
);

/// The rounds the picker's rows show, top to bottom.
fn rounds_shown(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .filter(|line| line.contains("Kelmar"))
        .filter_map(|line| {
            ["round 3", "round 2", "round 1"]
                .into_iter()
                .find(|round| line.contains(round))
        })
        .collect()
}

#[test]
fn the_picker_lists_filters_opens_goes_back_and_quits() {
    if !available() {
        return;
    }
    let dir = common::rounds_folder(&[BROKEN]);
    let tmux = Tmux::start(&dir.path().display().to_string(), 100, 24);
    let screen = tmux.wait_for("4 briefings, newest first");
    assert_eq!(
        rounds_shown(&screen),
        ["round 3", "round 2", "round 1"],
        "{screen}"
    );
    assert!(
        screen.contains("invalid          broken.toml:4:9: error"),
        "{screen}"
    );
    assert!(tmux.alternate_screen());

    // Enter on the broken file says why it cannot be opened.
    tmux.keys(&["End", "Enter"]);
    tmux.wait_for("cannot open: broken.toml:4:9");

    tmux.keys(&["/"]);
    tmux.type_text("round 2");
    let screen = tmux.wait_for("1 of 4 briefings");
    assert_eq!(rounds_shown(&screen), ["round 2"], "{screen}");

    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Red lines │ ");
    assert!(
        screen.contains("Kelmar Strait fisheries talks, round 2"),
        "{screen}"
    );
    assert!(screen.contains("round2.toml"), "{screen}");

    tmux.keys(&["D"]);
    let screen = tmux.wait_for("since round1.toml (as of 2031-05-10)");
    assert!(
        screen.contains("compared with round1.toml: d lists what moved"),
        "{screen}"
    );

    // Edited while it is open: back in the picker, the folder is read again.
    let round2 = dir.path().join("round2.toml");
    let edited = std::fs::read_to_string(&round2)
        .unwrap()
        .replace("talks, round 2\"", "talks, round 2 (revised)\"");
    std::fs::write(&round2, edited).unwrap();
    tmux.keys(&["b"]);
    tmux.wait_for("talks, round 2 (revised)");
    let screen = tmux.wait_for("1 of 4 briefings");
    assert!(
        screen.contains("/ round 2"),
        "the filter as it was:\n{screen}"
    );
    assert_eq!(rounds_shown(&screen), ["round 2"], "{screen}");

    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn without_a_terminal_parley_dir_points_to_check() {
    let dir = common::rounds_folder(&[]);
    let folder = dir.path().display().to_string();
    let output = common::parley(&[&folder]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = common::stderr(&output);
    assert!(
        stderr.contains("the dashboard needs a terminal") && stderr.contains("parley check DIR"),
        "{stderr}"
    );
    assert!(!stderr.contains("is a directory"), "{stderr}");
}

#[test]
fn a_folder_is_not_compared_with_since() {
    let dir = common::rounds_folder(&[]);
    let folder = dir.path().display().to_string();
    let old = dir.path().join("round1.toml").display().to_string();
    let output = common::parley(&[&folder, "--since", &old]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = common::stderr(&output);
    assert!(
        stderr.contains("--since compares one briefing, not a folder"),
        "{stderr}"
    );
}
