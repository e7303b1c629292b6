//! The real binary in tmux, used as a person would.

mod common;
use common::tmux::{Tmux, available};

#[test]
fn red_lines_party_view_help_and_quit() {
    if !available() {
        return;
    }
    let tmux = Tmux::start("", 80, 24);
    let screen = tmux.wait_for("Red lines");
    for party in ["Ukraine", "Russia", "United States"] {
        assert!(screen.contains(party), "{party} missing:\n{screen}");
    }
    assert!(screen.contains("■"), "red-line markers:\n{screen}");
    assert!(screen.contains("Rejects ceding land"), "{screen}");
    assert!(tmux.alternate_screen());

    tmux.keys(&["2"]);
    let screen = tmux.wait_for("Delegation");
    assert!(screen.contains("Russia · party · 2/4"), "{screen}");
    assert!(screen.contains("Igor Kostyukov"), "{screen}");

    tmux.keys(&["?"]);
    let screen = tmux.wait_for("Keys · Esc to close");
    assert!(screen.contains("quit"), "{screen}");
    // A key straight after Esc would read as Alt-key: wait for the popup to close.
    tmux.keys(&["Escape"]);
    tmux.wait_until_gone("Keys · Esc to close");

    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn ctrl_c_quits_from_the_search_line() {
    if !available() {
        return;
    }
    let tmux = Tmux::start("", 100, 30);
    tmux.wait_for("Red lines");
    tmux.keys(&["/"]);
    tmux.type_text("formula anchorage");
    tmux.wait_for("Without resolving the territorial issue");
    tmux.keys(&["C-c"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn the_search_history_is_kept_between_sessions() {
    if !available() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let env = format!("XDG_STATE_HOME={}", state.path().display());
    let first = Tmux::start_with_env(&env, "", 100, 30);
    first.wait_for("Red lines");
    first.keys(&["/"]);
    first.type_text("battlefield");
    first.wait_for("1 of 25");
    first.keys(&["Escape"]);
    first.wait_until_gone("1 of 25");
    first.keys(&["q"]);
    first.wait_for("END");
    let saved = std::fs::read_to_string(state.path().join("parley/history")).unwrap();
    assert_eq!(saved, "battlefield\n");

    let second = Tmux::start_with_env(&env, "", 100, 30);
    second.wait_for("Red lines");
    second.keys(&["/"]);
    second.wait_until_gone("type / to search");
    second.keys(&["Up"]);
    let screen = second.wait_for("/ battlefield");
    assert!(screen.contains("1 of 25"), "{screen}");
}
