//! The terminal is always given back, small terminals are survived, and a
//! briefing being edited is followed live: the real binary in tmux.

mod common;
use std::path::{Path, PathBuf};

use common::archive;
use common::tmux::{Tmux, available};

fn signal(tmux: &Tmux, name: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), &tmux.child_pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name} failed");
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    if !available() {
        return;
    }
    // The exit status says which signal ended parley: 128 + N.
    for (name, status) in [("TERM", 143), ("HUP", 129), ("QUIT", 131), ("INT", 130)] {
        let tmux = Tmux::start("", 80, 24);
        tmux.wait_for("Red lines");
        signal(&tmux, name);
        tmux.assert_given_back(&format!("EXITED {status}"));
    }
}

#[test]
fn a_panic_gives_the_terminal_back_then_prints_its_message() {
    if !available() {
        return;
    }
    let tmux = Tmux::start_with_env("RUST_BACKTRACE=0 PARLEY_TEST_PANIC=1", "", 80, 24);
    let screen = tmux.assert_given_back("EXITED 101");
    assert!(
        screen.contains("panicking on purpose"),
        "the panic message is shown:\n{screen}"
    );
}

#[test]
fn closing_the_terminal_ends_parley() {
    if !available() {
        return;
    }
    let tmux = Tmux::start("", 80, 24);
    tmux.wait_for("Red lines");
    let parley = tmux.child_pid();
    drop(tmux); // kills the tmux server: the pane's terminal is gone
    let start = std::time::Instant::now();
    while std::path::Path::new(&format!("/proc/{parley}/stat")).exists() && !zombie(parley) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "parley {parley} outlived its terminal"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// An exited process its parent has not reaped yet.
fn zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z'))
    })
}

#[test]
fn a_resize_storm_down_to_1x1_and_back() {
    if !available() {
        return;
    }
    let tmux = Tmux::start("", 80, 24);
    tmux.wait_for("Red lines");
    for (width, height) in [
        (60, 20),
        (30, 10),
        (10, 4),
        (1, 1),
        (2, 1),
        (1, 3),
        (45, 12),
        (1, 1),
        (200, 60),
        (5, 5),
    ] {
        tmux.resize(width, height);
    }
    tmux.resize(1, 1);
    tmux.wait_for("t");
    tmux.resize(12, 4);
    tmux.wait_for("terminal");
    tmux.resize(100, 30);
    let screen = tmux.wait_for("Red lines │");
    assert!(screen.contains("United States"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

fn fixture_copy(dir: &Path) -> PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings");
    for name in ["harbour-talks.toml", "harbour-talks.txt"] {
        std::fs::copy(fixtures.join(name), dir.join(name)).unwrap();
    }
    dir.join("harbour-talks.toml")
}

#[test]
fn live_reload_follows_in_place_saves_rename_saves_and_broken_saves() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let original = std::fs::read_to_string(&path).unwrap();
    let tmux = Tmux::start(&format!("'{}'", path.display()), 100, 30);
    tmux.wait_for("Harbour talks — round 3");
    tmux.keys(&["2"]);
    tmux.wait_for("Southern League · party · 2/4");

    // An in-place save (truncate and write), as most editors do.
    std::fs::write(&path, original.replace("round 3", "round 4")).unwrap();
    let screen = tmux.wait_for("Harbour talks — round 4");
    assert!(
        screen.contains("Southern League · party · 2/4"),
        "the view is kept:\n{screen}"
    );

    // A save by rename, as vim does.
    let temporary = dir.path().join(".harbour-talks.toml.swp");
    std::fs::write(&temporary, original.replace("round 3", "round 5")).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
    tmux.wait_for("Harbour talks — round 5");

    // A broken save keeps the last good briefing, with the error on screen.
    std::fs::write(
        &path,
        original
            .replace("round 3", "round 6")
            .replace("role = \"host\"", "role = \"hots\""),
    )
    .unwrap();
    let screen = tmux.wait_for("error: `role` must be one of");
    assert!(screen.contains("Harbour talks — round 5"), "{screen}");
    assert!(
        screen.contains("harbour-talks.toml:"),
        "the banner names the file:\n{screen}"
    );

    // The next good save clears the error.
    std::fs::write(&path, original.replace("round 3", "round 7")).unwrap();
    let screen = tmux.wait_for("Harbour talks — round 7");
    assert!(!screen.contains("error:"), "{screen}");

    // Nothing parley does writes to the briefing.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original.replace("round 3", "round 7")
    );
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn r_reloads_by_hand_even_without_watching() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let original = std::fs::read_to_string(&path).unwrap();
    let tmux = Tmux::start(&format!("--no-watch '{}'", path.display()), 100, 30);
    tmux.wait_for("Harbour talks — round 3");
    std::fs::write(&path, original.replace("round 3", "round 9")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert!(
        tmux.screen().contains("round 3"),
        "--no-watch still reloaded"
    );
    tmux.keys(&["r"]);
    tmux.wait_for("Harbour talks — round 9");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

/// [`archive`] written to a file in a folder of its own (kept while the
/// returned folder lives).
fn archive_file(quotes: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.toml");
    std::fs::write(&path, archive(quotes)).unwrap();
    (dir, path)
}

#[test]
fn a_large_archive_shows_progress_and_quits_at_once_while_loading() {
    if !available() {
        return;
    }
    let (_dir, path) = archive_file(100_000);
    let tmux = Tmux::start(&format!("--no-watch '{}'", path.display()), 100, 30);
    tmux.wait_for_passing("Loading");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn a_large_archive_opens_and_searches() {
    if !available() {
        return;
    }
    let (_dir, path) = archive_file(20_000);
    let tmux = Tmux::start(&format!("--no-watch '{}'", path.display()), 100, 30);
    tmux.wait_for("Red lines │");
    tmux.keys(&["/"]);
    tmux.type_text("quote 1999 harbour");
    let screen = tmux.wait_for("12 of 20000");
    // 1999 as a whole word ranks before 19990..19999, where it is a prefix.
    let first = screen.find("Quote 1").map(|at| &screen[at..at + 10]);
    assert_eq!(first, Some("Quote 1999"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_until_gone("12 of 20000");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}
