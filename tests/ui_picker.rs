//! The picker of a folder's briefings drawn into a `TestBackend`: the rounds
//! fixtures and a broken file, at several sizes, with the filter typed.

mod common;

use parley::action::Action;
use parley::briefing::rounds::list;
use parley::event::Event;
use parley::picker::Picker;
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Not a valid briefing: month 13.
const BROKEN: (&str, &str) = (
    "broken.toml",
    "format = 1\n[briefing]\ntitle = \"Kelmar notes\"\nas_of = 2031-13-01\n",
);

/// The picker on the rounds folder, named "rounds" on screen.
fn picker(width: u16, height: u16) -> (tempfile::TempDir, Picker) {
    let dir = common::rounds_folder(&[BROKEN]);
    let mut picker = Picker::new("rounds", Theme::builtin("dark").unwrap());
    picker.update(Action::Resize { width, height });
    picker.update(Event::Listed(Ok(list(dir.path(), u64::MAX).unwrap())));
    (dir, picker)
}

fn press(picker: &mut Picker, code: KeyCode) {
    picker.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn screen(picker: &Picker) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(picker.width, picker.height)).unwrap();
    terminal
        .draw(|frame| parley::ui::picker::draw(frame, picker))
        .unwrap();
    terminal
}

fn line(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

#[test]
fn the_rounds_newest_first_and_the_broken_file_marked_invalid() {
    for (width, height) in [(80, 24), (160, 45)] {
        let (_dir, picker) = picker(width, height);
        let terminal = screen(&picker);
        insta::assert_snapshot!(format!("picker_{width}x{height}"), terminal.backend());
        let buffer = terminal.backend().buffer();
        let rows: Vec<String> = (3..7).map(|y| line(buffer, y)).collect();
        assert!(
            rows[0].starts_with("Sat 21 Jun 2031  Kelmar Strait"),
            "{rows:?}"
        );
        assert!(rows[1].starts_with("Tue 3 Jun 2031 "), "{rows:?}");
        assert!(rows[2].starts_with("Sat 10 May 2031"), "{rows:?}");
        assert!(
            rows[3].starts_with("invalid          broken.toml:4:9: "),
            "{rows:?}"
        );
    }
}

#[test]
fn a_small_terminal_keeps_the_date_and_title_and_a_tiny_one_says_so() {
    let (_dir, small) = picker(44, 10);
    insta::assert_snapshot!("picker_44x10", screen(&small).backend());
    let (_dir, tiny) = picker(19, 5);
    let shown = line(screen(&tiny).backend().buffer(), 0);
    assert!(shown.starts_with("terminal too small"), "{shown}");
}

#[test]
fn the_filter_shows_what_matches_with_the_matched_letters_highlighted() {
    let (_dir, mut picker) = picker(80, 24);
    press(&mut picker, KeyCode::Char('/'));
    for c in "round".chars() {
        press(&mut picker, KeyCode::Char(c));
    }
    let terminal = screen(&picker);
    insta::assert_snapshot!("picker_filtered_80x24", terminal.backend());
    let buffer = terminal.backend().buffer();
    let highlight = picker.theme.styles.highlight;
    // The second row is not selected: its styles are the filter's alone.
    let y = 4;
    let row = line(buffer, y);
    assert!(row.starts_with("Tue 3 Jun 2031"), "{row}");
    let title = row.find("Kelmar").unwrap() as u16;
    let word = row.find("round 2").unwrap() as u16;
    for x in word..word + 5 {
        let cell = &buffer[(x, y)];
        assert_eq!(cell.bg, highlight.bg.unwrap(), "{x}: {cell:?}");
        assert!(
            cell.modifier.contains(highlight.add_modifier),
            "{x}: {cell:?}"
        );
    }
    for x in [title, word - 1, word + 5] {
        assert_ne!(
            buffer[(x, y)].bg,
            highlight.bg.unwrap(),
            "{x} is not matched"
        );
    }
    // The broken file does not match "round".
    assert!(!(3..10).any(|y| line(buffer, y).contains("invalid")));
}

#[test]
fn the_help_lists_the_pickers_keys_from_the_keymap() {
    let (_dir, mut picker) = picker(80, 40);
    press(&mut picker, KeyCode::Char('?'));
    let terminal = screen(&picker);
    insta::assert_snapshot!("picker_help_80x40", terminal.backend());
}

/// Keys a person might press in the picker, and text they might type.
fn key_strategy() -> impl proptest::strategy::Strategy<Value = KeyCode> {
    use proptest::prelude::*;
    prop_oneof![
        Just(KeyCode::Char('/')),
        Just(KeyCode::Char('?')),
        Just(KeyCode::Esc),
        Just(KeyCode::Enter),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::Backspace),
        proptest::char::range('a', 'z').prop_map(KeyCode::Char),
        Just(KeyCode::Char(' ')),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 48, ..Default::default() })]

    /// Any keys at any size leave the selection on a shown row (or none
    /// shown) and draw without panicking.
    #[test]
    fn any_keys_at_any_size_keep_the_picker_consistent(
        keys in proptest::collection::vec(key_strategy(), 0..40),
        width in 1u16..200,
        height in 1u16..60,
    ) {
        let (_dir, mut picker) = picker(width, height);
        for code in keys {
            press(&mut picker, code);
            proptest::prop_assert!(
                picker.selected < picker.shown.len().max(1),
                "{} of {}", picker.selected, picker.shown.len()
            );
            proptest::prop_assert!(picker.shown.iter().all(|s| s.row < picker.rows.len()));
            screen(&picker);
        }
    }
}

#[test]
fn the_help_wraps_every_description_in_full_on_a_narrow_screen() {
    let (_dir, mut picker) = picker(50, 80);
    press(&mut picker, KeyCode::Char('?'));
    let terminal = screen(&picker);
    let buffer = terminal.backend().buffer();
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = words(
        &(0..buffer.area.height)
            .map(|y| line(buffer, y).replace('│', " "))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let rows = picker.keymap.help_rows();
    let picker_rows = rows.iter().filter(|row| {
        matches!(
            row.mode,
            parley::view::Mode::Picker
                | parley::view::Mode::PickerFilter
                | parley::view::Mode::Folder
        )
    });
    for row in picker_rows {
        assert!(
            shown.contains(&words(row.help)),
            "{:?} cut in\n{shown}",
            row.help
        );
    }
}
