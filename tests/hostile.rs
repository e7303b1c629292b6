//! Files from someone else must never take over the terminal, crash parley or
//! flood the screen: hostile fixtures, and the bytes that reach a terminal.

mod common;

use parley::action::Action;
use parley::app::{App, View};
use parley::briefing::{Document, load};
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Every text field of the format, as `table.key = value` lines to put in a
/// briefing one at a time.
const TEXT_FIELDS: &[(&str, &str)] = &[
    ("[briefing]", "title"),
    ("[briefing]", "summary"),
    ("[briefing]", "location"),
    ("[[sources]]", "outlet"),
    ("[[sources]]", "title"),
    ("[[sources]]", "framing"),
    ("[[parties]]", "name"),
    ("[[parties]]", "summary"),
    ("[[parties.delegation]]", "name"),
    ("[[parties.delegation]]", "title"),
    ("[[parties.positions]]", "text"),
    ("[[sticking_points]]", "title"),
    ("[[sticking_points]]", "summary"),
    ("[[quotes]]", "speaker"),
    ("[[quotes]]", "text"),
    ("[[quotes]]", "context"),
    ("[[events]]", "title"),
    ("[[events]]", "detail"),
    ("[[discrepancies]]", "subject"),
    ("[[discrepancies]]", "note"),
    ("[[discrepancies.accounts]]", "says"),
];

/// A valid briefing with every table, where `table.key` is set to `value`
/// (a TOML string literal as written in the file).
fn briefing_with(table: &str, key: &str, value: &str) -> String {
    let field = |t: &str, k: &str, default: &str| {
        if t == table && k == key {
            format!("{k} = {value}")
        } else {
            format!("{k} = \"{default}\"")
        }
    };
    let b = "[briefing]";
    format!(
        "format = 1\n{b}\n{}\n{}\n{}\nas_of = 2026-01-01\n\n\
         [[sources]]\nid = \"s\"\n{}\n{}\n{}\n\n\
         [[parties]]\nid = \"a\"\n{}\n{}\n\n\
         [[parties.delegation]]\n{}\n{}\nsources = [\"s\"]\n\n\
         [[parties.positions]]\n{}\nred_line = true\nbasis = \"reported\"\ntopic = \"t\"\nsources = [\"s\"]\n\n\
         [[sticking_points]]\nid = \"t\"\n{}\n{}\n\n\
         [[quotes]]\n{}\n{}\n{}\nparty = \"a\"\nsource = \"s\"\ntopics = [\"t\"]\n\n\
         [[events]]\ndate = 2026-01-01\n{}\n{}\nsources = [\"s\"]\n\n\
         [[discrepancies]]\n{}\n{}\n\
         [[discrepancies.accounts]]\nsource = \"s\"\n{}\n\
         [[discrepancies.accounts]]\nsource = \"s\"\nsays = \"other\"\n",
        field(b, "title", "Title"),
        field(b, "summary", "Summary"),
        field(b, "location", "Place"),
        field("[[sources]]", "outlet", "Outlet"),
        field("[[sources]]", "title", "Headline"),
        field("[[sources]]", "framing", "Framing"),
        field("[[parties]]", "name", "Party A"),
        field("[[parties]]", "summary", "Stands firm"),
        field("[[parties.delegation]]", "name", "Member"),
        field("[[parties.delegation]]", "title", "Envoy"),
        field("[[parties.positions]]", "text", "Never"),
        field("[[sticking_points]]", "title", "Topic"),
        field("[[sticking_points]]", "summary", "About"),
        field("[[quotes]]", "speaker", "Speaker"),
        field("[[quotes]]", "text", "Words"),
        field("[[quotes]]", "context", "Context"),
        field("[[events]]", "title", "Event"),
        field("[[events]]", "detail", "Detail"),
        field("[[discrepancies]]", "subject", "Subject"),
        field("[[discrepancies]]", "note", "Note"),
        field("[[discrepancies.accounts]]", "says", "one"),
    )
}

#[test]
fn the_hostile_fixture_template_is_valid_when_harmless() {
    let text = briefing_with("", "", "");
    assert_eq!(common::findings(&text), Vec::<String>::new());
}

#[test]
fn escape_sequences_in_every_text_field_are_refused_with_their_place() {
    for (table, key) in TEXT_FIELDS {
        for escape in [
            r#""x\u001b[2Jy""#,
            r#""x\ey""#,
            r#""x\x1b]0;pwned\x07y""#,
            r#""x\u009b31my""#,
        ] {
            let text = briefing_with(table, key, escape);
            let found = common::findings(&text);
            let line = text
                .lines()
                .position(|l| l.starts_with(&format!("{key} = {escape}")))
                .unwrap()
                + 1;
            let expected = format!("{line}:{}: error: control character U+", key.len() + 4);
            assert!(
                found
                    .iter()
                    .any(|f| f.starts_with(&expected) && f.contains(&format!("in `{key}`"))),
                "{table} {key} {escape}: {found:?}"
            );
        }
    }
}

#[test]
fn a_raw_escape_typed_into_a_string_never_reaches_the_error_output() {
    for (table, key) in TEXT_FIELDS {
        let text = briefing_with(table, key, "\"x\u{1b}[2Jy\"");
        let document = common::document(&text);
        let rendered = load(&document).unwrap_err().render(&document);
        assert!(!rendered.contains('\u{1b}'), "{table} {key}: {rendered:?}");
        assert!(rendered.contains("\\u{1b}[2J"), "{rendered}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let text = format!(
        "format = 1\nx = {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let found = common::findings(&text);
    assert!(
        found.iter().any(|f| f.starts_with("2:")),
        "{:?}",
        &found[..2]
    );
    let inline = format!(
        "format = 1\nx = {}1{}\n",
        "{a=".repeat(depth),
        "}".repeat(depth)
    );
    assert!(!common::findings(&inline).is_empty());
}

#[test]
fn a_5_mb_line_gives_a_short_error() {
    let text = format!(
        "format = 1\n[briefing]\ntitle = \"{}\" oops\nas_of = 2026-01-01\n",
        "x".repeat(5_000_000)
    );
    let document = common::document(&text);
    let rendered = load(&document).unwrap_err().render(&document);
    assert!(rendered.len() < 2_000, "{} bytes of error", rendered.len());
    assert!(rendered.starts_with("test.toml:3:"), "{rendered}");
}

/// Draws every view (and every popup) of a briefing through a real crossterm
/// backend into memory, returning the bytes a terminal would receive.
fn terminal_bytes(text: &str) -> Vec<u8> {
    let briefing = load(&common::document(text))
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics))
        .briefing;
    let mut app = App::new(briefing, "hostile.toml", Theme::builtin("dark").unwrap());
    app.update(Action::Resize {
        width: 100,
        height: 40,
    });
    let written = Recorder::default();
    // A fixed viewport: the test's own terminal (if any) must not decide the size.
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 100, 40));
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(written.clone()),
        ratatui::TerminalOptions { viewport },
    )
    .unwrap();
    for view in View::ALL {
        app.update(Action::Show(view));
        app.update(Action::Top);
        for _ in 0..app.items(view).len().max(1) {
            terminal.draw(|f| parley::ui::draw(f, &app)).unwrap();
            app.update(Action::Open);
            terminal.draw(|f| parley::ui::draw(f, &app)).unwrap();
            app.update(Action::Back);
            app.update(Action::Down);
        }
    }
    drop(terminal);
    written.0.borrow().clone()
}

/// A writer that keeps what is written, shared with the test.
#[derive(Clone, Default)]
struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Recorder {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every escape in the output starts a CSI sequence crossterm wrote itself
/// (cursor moves, colours); no other control character appears.
fn assert_only_drawing_sequences(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        if c == '\u{1b}' {
            assert_eq!(
                text[i + 1..].chars().next(),
                Some('['),
                "a non-CSI escape at byte {i}"
            );
        } else {
            assert!(
                !c.is_control() || c == '\r' || c == '\n',
                "control character {c:?} at byte {i}"
            );
            assert!(
                !parley::text::is_bidi_control(c),
                "bidi control {c:?} reached the terminal"
            );
        }
    }
}

#[test]
fn bidi_overrides_show_as_visible_escapes_and_never_reach_the_terminal() {
    for (table, key) in TEXT_FIELDS {
        let text = briefing_with(table, key, "\"abc\u{202e}txt.exe\u{2066}\"");
        let found = common::findings(&text);
        assert!(
            found
                .iter()
                .any(|f| f.contains("warning: bidirectional control character U+202E")),
            "{key}: {found:?}"
        );
        let bytes = terminal_bytes(&text);
        assert_only_drawing_sequences(&bytes);
        let shown = String::from_utf8_lossy(&bytes);
        assert!(
            shown.contains("<U+202E>"),
            "{table} {key}: the escape is not shown"
        );
    }
}

#[test]
fn tabs_are_expanded_and_joiners_kept() {
    let text = briefing_with("[[quotes]]", "text", "\"a\\tb 👨\u{200d}👩\u{200d}👧\"");
    let bytes = terminal_bytes(&text);
    assert_only_drawing_sequences(&bytes);
    let shown = String::from_utf8_lossy(&bytes);
    assert!(!shown.contains('\t'));
    assert!(
        shown.contains("👨\u{200d}👩\u{200d}👧"),
        "the family emoji is kept whole"
    );
}

#[test]
fn the_shipped_and_foreign_briefings_draw_only_drawing_sequences() {
    // Its text_files are not beside an inline document; only the drawing matters here.
    let shipped: String = parley::briefing::EMBEDDED_TEXT
        .lines()
        .filter(|line| !line.starts_with("text_file = "))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_only_drawing_sequences(&terminal_bytes(&shipped));
    let foreign = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/briefings/harbour-talks.toml"
    ))
    .unwrap();
    // Its text_file is not beside an inline document; only the drawing matters here.
    let foreign = foreign.replace("text_file = \"harbour-talks.txt\"\n", "");
    assert_only_drawing_sequences(&terminal_bytes(&foreign));
}

#[test]
fn nothing_the_loader_does_writes_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    let text = briefing_with("", "", "");
    std::fs::write(&path, &text).unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let document = Document::read(&path, u64::MAX).unwrap();
    load(&document).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}
