//! The README's screen capture is the dashboard as the current build draws
//! it: the red lines of the shipped briefing at 100x30, colours left out.
//! `UPDATE_README=1 cargo test --test readme_capture` writes it anew.

use parley::action::Action;
use parley::app::App;
use parley::briefing::{Document, load};
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

/// The line in the README just before the capture's code block.
const INTRO: &str =
    "`parley` opens on the red lines (a 100x30 terminal; colours not shown):\n\n```\n";

/// What `parley` shows on opening, at 100x30, as plain text: each row
/// without its trailing blanks.
fn capture() -> String {
    let document = Document::embedded();
    let briefing = load(&document).unwrap().briefing;
    let theme = Theme::builtin("dark").unwrap();
    let mut app = App::new(briefing, document.name.clone(), theme);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| parley::ui::draw(frame, &app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        text.push_str(common::shown_row(buffer, y).trim_end());
        text.push('\n');
    }
    text
}

#[test]
fn the_readme_shows_what_the_dashboard_draws() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme.find(INTRO).expect("the capture's introduction") + INTRO.len();
    let end = start + readme[start..].find("```\n").expect("the capture's end");
    let now = capture();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{now}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        now,
        "the README's capture is not what the dashboard draws; \
         UPDATE_README=1 cargo test --test readme_capture writes it anew"
    );
}
