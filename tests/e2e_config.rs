//! The config file with the real binary in tmux: its keys are the ones the
//! dashboard answers to, and its theme and briefing are the ones it opens.

mod common;
use common::tmux::{Tmux, available};

/// A config folder (for XDG_CONFIG_HOME) holding `parley/config.toml`.
fn config_home(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("parley")).unwrap();
    std::fs::write(home.path().join("parley/config.toml"), text).unwrap();
    home
}

#[test]
fn a_remapped_quit_key_quits_and_the_old_one_does_not() {
    if !available() {
        return;
    }
    let home = config_home("[keys]\nquit = [\"x\"]\n");
    let env = format!("XDG_CONFIG_HOME={}", home.path().display());
    let tmux = Tmux::start_with_env(&env, "", 160, 30);
    let screen = tmux.wait_for("Red lines");
    assert!(
        screen.contains(" x quit"),
        "the hint names the new key:\n{screen}"
    );

    // `q` no longer quits: the key after it is still read by the dashboard.
    tmux.keys(&["q", "?"]);
    let screen = tmux.wait_for("Keys · Esc to close");
    assert!(!screen.contains("EXITED"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_until_gone("Keys · Esc to close");

    tmux.keys(&["x"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn the_briefing_the_config_file_opens_and_a_file_argument_over_it() {
    if !available() {
        return;
    }
    let home = config_home(&format!(
        "open = {:?}\n",
        common::fixture("harbour-talks.toml")
    ));
    let env = format!("XDG_CONFIG_HOME={}", home.path().display());
    let tmux = Tmux::start_with_env(&env, "", 100, 30);
    tmux.wait_for("Harbour talks");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");

    // FILE wins over `open`: the shipped briefing here.
    let shipped =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/abu-dhabi-2026-01.toml");
    let tmux = Tmux::start_with_env(&env, &shipped.display().to_string(), 100, 30);
    let screen = tmux.wait_for("Red lines");
    assert!(screen.contains("Abu Dhabi"), "{screen}");
    assert!(!screen.contains("Harbour talks"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}
