//! The run loop, as a person meets it in a real terminal (tmux): a file
//! being read is not a file being saved, pastes and bursts of keys do not
//! freeze or stall, `q` always quits, signals and Ctrl-Z give the terminal
//! back, and the search history survives them and a second window.

mod common;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::tmux::{Tmux, available, binary};

fn fixture_copy(dir: &Path) -> PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings");
    for name in ["harbour-talks.toml", "harbour-talks.txt"] {
        std::fs::copy(fixtures.join(name), dir.join(name)).unwrap();
    }
    dir.join("harbour-talks.toml")
}

fn kill(tmux: &Tmux, signal: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &tmux.child_pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} failed");
}

/// Long enough for a reload set off by a read to have happened, were it
/// going to (the watcher settles for 200 ms); this measures nothing.
const A_MOMENT: Duration = Duration::from_millis(1_500);

#[test]
fn another_program_reading_the_file_sets_off_no_reload() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let tmux = Tmux::start(&format!("'{}'", path.display()), 120, 30);
    tmux.wait_for("Harbour talks — round 3");
    let parley = tmux.child_pid();

    // As `cat` and `parley check` in another pane do.
    let _ = std::fs::read(&path).unwrap();
    let check = common::parley_command()
        .args(["check", &path.display().to_string()])
        .output()
        .unwrap();
    assert!(check.status.success());
    std::thread::sleep(A_MOMENT);
    let idle_from = Tmux::cpu_ticks(parley);

    tmux.keys(&["Enter"]);
    tmux.wait_for("Details · Esc to close");
    std::thread::sleep(A_MOMENT);
    let screen = tmux.screen();
    assert!(
        screen.contains("Details · Esc to close"),
        "a reload closed the popup:\n{screen}"
    );
    assert!(!screen.contains("reloaded"), "{screen}");
    // A reload loop kept a core busy; an idle dashboard sleeps. (Generous:
    // the key press and its frame cost a little.)
    let ticks = Tmux::cpu_ticks(parley) - idle_from;
    assert!(ticks < 30, "{ticks} clock ticks of CPU in 1.5 s of idling");

    // A real save still shows.
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, original.replace("round 3", "round 4")).unwrap();
    tmux.wait_for("Harbour talks — round 4");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn a_burst_of_5000_keys_arrives_whole() {
    if !available() {
        return;
    }
    let tmux = Tmux::start("", 100, 30);
    tmux.wait_for("Red lines");
    // Read 1 KiB at a time under edge-triggered polling, the end of the
    // burst waited in the terminal until another key came.
    let burst = "j".repeat(4_999) + "?";
    tmux.type_text(&burst);
    tmux.wait_for("Keys · Esc to close");
    tmux.keys(&["C-c"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn q_quits_after_a_one_megabyte_paste_into_the_search_line() {
    if !available() {
        return;
    }
    let tmux = Tmux::start("", 160, 30);
    tmux.wait_for("Red lines");
    tmux.keys(&["/"]);
    tmux.wait_until_gone("type / to search");
    tmux.paste(&"harbour ".repeat(131_072));
    // One edit, cut to the line's length, and said so.
    tmux.wait_for("at most 1000 characters");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Red lines │");
    let parley = tmux.child_pid();
    tmux.keys(&["q"]);
    Tmux::wait_for_exit(parley);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn q_quits_while_a_reload_hangs_on_a_fifo() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let tmux = Tmux::start(&format!("'{}'", path.display()), 120, 30);
    tmux.wait_for("Harbour talks — round 3");
    // The watched file is replaced by a FIFO that nobody writes to: reading
    // it never ends (or is refused).
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::rename(&fifo, &path).unwrap();
    tmux.wait_for_any(&["reloading", "error", "cannot read"]);
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn sigterm_saves_the_history_and_exits_143() {
    if !available() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let env = format!("XDG_STATE_HOME={}", state.path().display());
    let tmux = Tmux::start_with_env(&env, "", 100, 30);
    tmux.wait_for("Red lines");
    tmux.keys(&["/"]);
    tmux.type_text("battlefield");
    let one_hit = format!("1 of {}", shipped_quotes());
    tmux.wait_for(&one_hit);
    tmux.keys(&["Escape"]);
    tmux.wait_until_gone(&one_hit);
    kill(&tmux, "TERM");
    tmux.assert_given_back("EXITED 143");
    let saved = std::fs::read_to_string(state.path().join("parley/history")).unwrap();
    assert_eq!(saved, "battlefield\n");
}

#[test]
fn two_windows_keep_each_others_history() {
    if !available() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let env = format!("XDG_STATE_HOME={}", state.path().display());
    let first = Tmux::start_with_env(&env, "", 100, 30);
    let second = Tmux::start_with_env(&env, "", 100, 30);
    let total = shipped_quotes();
    for (window, query, hits) in [
        (&first, "battlefield", format!("1 of {total}")),
        (&second, "guarantees", format!("of {total}")),
    ] {
        window.wait_for("Red lines");
        window.keys(&["/"]);
        window.type_text(query);
        window.wait_for(&hits);
        window.keys(&["Escape"]);
        window.wait_for("Red lines │");
    }
    first.keys(&["q"]);
    first.assert_given_back("EXITED 0");
    second.keys(&["q"]);
    second.assert_given_back("EXITED 0");
    let saved = std::fs::read_to_string(state.path().join("parley/history")).unwrap();
    assert_eq!(saved, "battlefield\nguarantees\n");
}

#[test]
fn ctrl_z_suspends_and_fg_brings_the_screen_back() {
    if !available() {
        return;
    }
    let tmux = Tmux::shell(100, 30);
    tmux.wait_for("SHELL>");
    tmux.type_text(binary());
    tmux.keys(&["Enter"]);
    tmux.wait_for("Red lines │");
    assert!(tmux.alternate_screen());

    tmux.keys(&["C-z"]);
    let screen = tmux.wait_for("Stopped");
    assert!(
        !tmux.alternate_screen(),
        "still in the dashboard:\n{screen}"
    );

    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Red lines │");
    assert!(tmux.alternate_screen());
    assert!(screen.contains("United States"), "redrawn whole:\n{screen}");
    tmux.keys(&["2"]);
    tmux.wait_for("Delegation");
    tmux.keys(&["q"]);
    tmux.wait_until_gone("Delegation");
    assert!(!tmux.alternate_screen());
    tmux.type_text("echo \"EXITED $?\"");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn a_dumb_terminal_is_refused_with_a_pointer_to_the_subcommands() {
    if !available() {
        return;
    }
    let tmux = Tmux::start_with_env("TERM=dumb", "", 200, 30);
    let screen = tmux.wait_for("EXITED");
    assert!(screen.contains("EXITED 2"), "{screen}");
    assert!(screen.contains("TERM=dumb"), "{screen}");
    for subcommand in ["parley check", "parley search", "parley export"] {
        assert!(screen.contains(subcommand), "{screen}");
    }

    // A terminal type whose terminfo entry cannot address the cursor.
    let terminfo = tempfile::tempdir().unwrap();
    let source = terminfo.path().join("nocup.src");
    std::fs::write(
        &source,
        "nocup|a printing terminal,\n\tam, cols#80, bel=^G, cr=\\r,\n",
    )
    .unwrap();
    let compiled = std::process::Command::new("tic")
        .arg("-o")
        .arg(terminfo.path())
        .arg(&source)
        .status()
        .unwrap();
    assert!(compiled.success());
    let env = format!("TERMINFO={} TERM=nocup", terminfo.path().display());
    let tmux = Tmux::start_with_env(&env, "", 200, 30);
    let screen = tmux.wait_for("EXITED");
    assert!(screen.contains("EXITED 2"), "{screen}");
    assert!(
        screen.contains("the terminal (TERM=nocup) cannot move the cursor"),
        "{screen}"
    );
}

#[test]
fn a_symlinked_briefing_follows_its_target_and_reads_articles_beside_it() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let target = fixture_copy(&articles);
    let link = dir.path().join("talks.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // The text_file beside the target is where its quotes are checked.
    let tmux = Tmux::start(&format!("'{}'", link.display()), 120, 30);
    tmux.wait_for("Harbour talks — round 3");
    let original = std::fs::read_to_string(&target).unwrap();
    std::fs::write(&target, original.replace("round 3", "round 4")).unwrap();
    tmux.wait_for("Harbour talks — round 4");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn a_folder_that_cannot_be_watched_is_polled_and_says_so() {
    if !available() {
        return;
    }
    // An execute-only folder: the file can be opened by name, the folder
    // not read, so it cannot be watched. Root reads anything, so as root
    // parley runs as nobody, from a copy nobody may run.
    let dir = tempfile::tempdir().unwrap();
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let folder = dir.path().join("briefings");
    std::fs::create_dir(&folder).unwrap();
    let path = fixture_copy(&folder);
    let command = if root {
        let copy = dir.path().join("parley");
        std::fs::copy(binary(), &copy).unwrap();
        format!(
            "setpriv --reuid=65534 --regid=65534 --clear-groups '{}' '{}'",
            copy.display(),
            path.display()
        )
    } else {
        format!("'{}' '{}'", binary(), path.display())
    };
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    mode(dir.path(), 0o711);
    mode(&folder, 0o711);
    let tmux = Tmux::start_command(&command, 160, 30);
    let screen = tmux.wait_for("Harbour talks — round 3");
    assert!(
        screen.contains("polling every 1 s: its folder cannot be watched (permission denied)"),
        "{screen}"
    );
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, original.replace("round 3", "round 4")).unwrap();
    tmux.wait_for("Harbour talks — round 4");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
    mode(&folder, 0o755);
}

/// How many quotes the shipped briefing holds (the search line counts them).
fn shipped_quotes() -> usize {
    let document = parley::briefing::Document::embedded();
    parley::briefing::load(&document)
        .unwrap()
        .briefing
        .quotes
        .len()
}
