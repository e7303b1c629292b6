//! The source reader in the real binary, in tmux: from the Sources view,
//! `Enter` opens an article and its body reads on screen.

mod common;
use common::tmux::{Tmux, available};

#[test]
fn the_embedded_briefing_opens_its_first_article() {
    if !available() {
        return;
    }
    let tmux = Tmux::start("", 120, 40);
    tmux.wait_for("Red lines");
    tmux.keys(&["o"]);
    tmux.wait_for("Sources and discrepancies");
    tmux.keys(&["Enter"]);
    // A sentence of the first article's body (s000), on a line of its own.
    let screen = tmux.wait_for(
        "Witkoff and the American delegation are now en route to Abu Dhabi to continue negotiations.",
    );
    assert!(screen.contains("quotes highlighted"), "{screen}");

    tmux.keys(&["n"]);
    tmux.wait_for("quote 1 of");
    tmux.keys(&["Escape"]);
    tmux.wait_until_gone("quote 1 of");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}

#[test]
fn a_briefing_file_opens_its_text_and_goes_from_quote_to_quote() {
    if !available() {
        return;
    }
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reader/ferry-talks.toml"
    );
    let tmux = Tmux::start(file, 80, 24);
    tmux.wait_for("Red lines");
    tmux.keys(&["o"]);
    tmux.wait_for("Sources and discrepancies");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("3 quotes highlighted");
    assert!(
        screen.contains("TALLMOOR — Talks between the Outer Isles Council"),
        "{screen}"
    );
    for _ in 0..3 {
        tmux.keys(&["n"]);
    }
    let screen = tmux.wait_for("quote 3 of 3: Maire Brennan");
    assert!(
        screen.contains("We will be back at the table on Monday"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_until_gone("quote 3 of 3");
    tmux.keys(&["q"]);
    tmux.assert_given_back("EXITED 0");
}
