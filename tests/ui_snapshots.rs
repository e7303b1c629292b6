//! Every view drawn into a `TestBackend` at several sizes and snapshotted.
//! Review a changed snapshot as you would review code (`cargo insta review`).

use std::path::Path;

use parley::action::Action;
use parley::app::{App, Mode, View};
use parley::briefing::{Document, load};
use parley::keymap::HelpRow;
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

fn app_for(document: &Document, width: u16, height: u16) -> App {
    let briefing = load(document).unwrap().briefing;
    let mut app = App::new(
        briefing,
        document.name.clone(),
        Theme::builtin("dark").unwrap(),
    );
    app.update(Action::Resize { width, height });
    app
}

fn shipped(width: u16, height: u16) -> App {
    app_for(&Document::embedded(), width, height)
}

fn foreign(width: u16, height: u16) -> App {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings/harbour-talks.toml");
    let mut document = Document::read(&path, u64::MAX).unwrap();
    document.name = "harbour-talks.toml".into();
    app_for(&document, width, height)
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
    terminal
}

fn view_snapshots(name: &str, make: fn(u16, u16) -> App) {
    for (width, height) in [(80, 24), (160, 45)] {
        for view in View::ALL {
            let mut app = make(width, height);
            app.update(Action::Show(view));
            if view == View::Party {
                app.update(Action::SelectParty(1));
            }
            let snapshot = format!("{name}_{view:?}_{width}x{height}");
            insta::assert_snapshot!(snapshot, screen(&app).backend());
        }
    }
}

#[test]
fn every_view_of_the_shipped_briefing() {
    view_snapshots("shipped", shipped);
}

#[test]
fn every_view_of_a_briefing_in_several_scripts() {
    view_snapshots("foreign", foreign);
}

#[test]
fn red_lines_at_40x12_show_one_column_with_an_indicator() {
    let mut app = shipped(40, 12);
    insta::assert_snapshot!("shipped_RedLines_40x12", screen(&app).backend());
    app.update(Action::Right);
    insta::assert_snapshot!(
        "shipped_RedLines_40x12_second_column",
        screen(&app).backend()
    );
}

#[test]
fn help_overlay() {
    let mut app = shipped(80, 24);
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!("help_80x24", screen(&app).backend());
}

/// The keys' part of the help, with each action's name in the config file.
#[test]
fn help_overlay_lists_keys_with_their_config_names() {
    let mut app = shipped(160, 45);
    app.update(Action::ToggleHelp);
    for _ in 0..12 {
        app.update(Action::Down);
    }
    insta::assert_snapshot!("help_keys_160x45", screen(&app).backend());
}

#[test]
fn detail_popup_of_a_red_line() {
    let mut app = shipped(80, 24);
    app.update(Action::Open);
    insta::assert_snapshot!("detail_red_line_80x24", screen(&app).backend());
}

#[test]
fn search_with_matches() {
    let mut app = shipped(80, 24);
    app.update(Action::StartSearch);
    for c in "land issue".chars() {
        app.update(Action::SearchInput(c));
    }
    let terminal = screen(&app);
    insta::assert_snapshot!("search_land_issue_80x24", terminal.backend());
    // The matched words are drawn in the highlight style.
    let buffer = terminal.backend().buffer();
    let highlighted = buffer
        .content()
        .iter()
        .filter(|cell| {
            cell.style().fg == app.theme.styles.highlight.fg
                && cell.style().add_modifier == app.theme.styles.highlight.add_modifier
        })
        .count();
    assert!(
        highlighted >= "land".len(),
        "{highlighted} highlighted cells"
    );
}

#[test]
fn a_tiny_terminal_says_it_is_too_small() {
    for (width, height) in [(1, 1), (3, 2), (10, 3), (19, 24), (80, 5)] {
        let app = shipped(width, height);
        let terminal = screen(&app);
        let text: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        let expected = "terminal too small";
        let room = (width * height) as usize;
        assert!(
            text.starts_with(&expected[..room.min(4)]),
            "{width}x{height}: {text:?}"
        );
        if width >= 10 {
            assert!(
                text.replace(' ', "").contains("terminaltoosmall"),
                "{width}x{height}: {text:?}"
            );
        }
    }
}

#[path = "../examples/support/archive.rs"]
mod archive;

#[test]
fn a_sticking_point_of_a_large_archive_lists_what_fits_and_says_how_to_find_the_rest() {
    let document = Document {
        name: "archive.toml".into(),
        text: archive::archive(2_000, archive::SEED),
        dir: None,
    };
    let mut app = app_for(&document, 100, 30);
    app.update(Action::Show(View::StickingPoints));
    let on_first = app.derived.topic_quotes[0].len();
    assert!(
        on_first > 100,
        "{on_first} quotes on the first sticking point"
    );
    let text = |app: &App| -> String {
        let terminal = screen(app);
        let buffer = terminal.backend().buffer().clone();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let pane = text(&app);
    assert!(pane.contains(&format!("Quotes ({on_first})")), "{pane}");
    app.update(Action::Open);
    app.update(Action::Bottom);
    let popup = text(&app);
    assert!(
        popup.contains(&format!("… and {} more: / and #", on_first - 200)),
        "{popup}"
    );
}

/// Key names on screen come from the keymap: no view spells one out itself
/// (five views once did, and drifted from the bindings).
#[test]
fn no_view_spells_out_a_key_name() {
    let names = [
        "Esc", "Enter", "Tab", "Ctrl-", "PgUp", "PgDn", "h/l", "1-9", "q to", "/ to",
    ];
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    for entry in std::fs::read_dir(ui).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        // String literals only: comments may name keys.
        for literal in source.split('"').skip(1).step_by(2) {
            for name in names {
                assert!(
                    !literal.contains(name),
                    "{}: {literal:?} names a key; use keymap::key_for",
                    path.display()
                );
            }
        }
    }
}

/// The selected row's text stays readable: `★ lead` was light cyan on the
/// light cyan selection, and the high-contrast theme drew white on bright
/// yellow.
#[test]
fn a_selected_lead_delegate_is_readable_in_every_theme() {
    for name in Theme::BUILTIN {
        let mut app = shipped(100, 30);
        app.theme = Theme::builtin(name).unwrap();
        app.update(Action::SelectParty(1));
        assert!(matches!(
            app.selected_item(),
            Some(parley::app::Item::Delegate { index: 0, .. })
        ));
        let terminal = screen(&app);
        let buffer = terminal.backend().buffer();
        let star = buffer
            .content()
            .iter()
            .find(|cell| cell.symbol() == "★")
            .expect("the lead is marked");
        let lead_row: Vec<_> = buffer
            .content()
            .iter()
            .skip_while(|cell| cell.symbol() != "★")
            .take("★ lead".chars().count())
            .collect();
        for cell in std::iter::once(star).chain(lead_row) {
            let ratio = parley::theme::contrast(cell.fg, cell.bg).unwrap_or(0.0);
            assert!(
                ratio >= parley::theme::MIN_CONTRAST,
                "{name}: {:?} on {:?} ({ratio:.2}) for {:?}",
                cell.fg,
                cell.bg,
                cell.symbol()
            );
        }
    }
}

/// A click selects the entry drawn under it, as the last frame drew it.
#[test]
fn a_click_selects_the_quote_under_it() {
    let mut app = shipped(80, 24);
    app.update(Action::Show(View::Quotes));
    screen(&app);
    let row_of_second = (0..24)
        .find(|&row| {
            app.click_targets
                .at(View::Quotes, 10, row)
                .is_some_and(|t| t.item_index == 1)
        })
        .expect("the second quote is on screen");
    app.update(Action::Click {
        column: 10,
        row: row_of_second,
    });
    assert_eq!(app.selected_index(View::Quotes), 1);
    let terminal = screen(&app);
    let row: String = (0..80)
        .map(|x| {
            terminal.backend().buffer()[(x, row_of_second)]
                .symbol()
                .to_string()
        })
        .collect();
    let quote = &app.briefing.quotes[app.search.results[1].quote];
    assert!(
        row.contains(quote.speaker.as_str()) || row.contains(&quote.text[..8]),
        "{row}"
    );
}

/// The help's words wrap under themselves on a narrow screen: every
/// action's description is there in full, not cut at the popup's edge.
#[test]
fn help_wraps_every_description_in_full_on_a_narrow_screen() {
    for width in [80, 60] {
        let mut app = shipped(width, 200);
        // Opened from a folder: the help names its keys too.
        app.from_folder = true;
        app.update(Action::ToggleHelp);
        let terminal = screen(&app);
        let buffer = terminal.backend().buffer();
        let rows: Vec<String> = (0..buffer.area.height)
            .map(|y| common::shown_row(buffer, y))
            .collect();
        let top = rows.iter().position(|row| row.contains("┌ Keys")).unwrap();
        let left = rows[top].chars().position(|c| c == '┌').unwrap();
        let right = rows[top].chars().position(|c| c == '┐').unwrap();
        let inside: Vec<String> = rows[top + 1..]
            .iter()
            .take_while(|row| row.chars().nth(left) == Some('│'))
            .map(|row| row.chars().skip(left + 1).take(right - left - 1).collect())
            .collect();
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = words(&inside.join(" "));
        // The picker's own keys are in the picker's help.
        let dashboards = |row: &HelpRow| !matches!(row.mode, Mode::Picker | Mode::PickerFilter);
        for row in app.keymap.help_rows().into_iter().filter(dashboards) {
            assert!(
                shown.contains(&words(row.help)),
                "{width} columns: {:?} is not shown in full in\n{}",
                row.help,
                inside.join("\n")
            );
        }
    }
}
