//! The evidence on screen: basis markers and their legend, a position's
//! details (basis, linked quotes, contested accounts), dates at their
//! precision, and the source reader with every quote highlighted in place.

use std::path::{Path, PathBuf};

use parley::action::Action;
use parley::app::{App, Item, Popup, View};
use parley::briefing::articles::Articles;
use parley::briefing::{Briefing, Document, load};
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn briefing(path: &Path) -> Briefing {
    let document = Document::read(path, u64::MAX).unwrap();
    load(&document).unwrap().briefing
}

/// An app on a fixture, its texts read from beside it, as `parley FILE` opens it.
fn app(path: &str, width: u16, height: u16) -> App {
    let path = fixture(path);
    let briefing = briefing(&path);
    let articles = Articles::read(
        &briefing,
        path.parent()
            .map(parley::briefing::TextFolder::from)
            .as_ref(),
    );
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut app = App::new(briefing, name, Theme::builtin("dark").unwrap());
    app.set_articles(articles);
    app.update(Action::Resize { width, height });
    app
}

fn orchard(width: u16, height: u16) -> App {
    app("briefings/orchard-evidence.toml", width, height)
}

fn ferry(width: u16, height: u16) -> App {
    app("reader/ferry-talks.toml", width, height)
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
    terminal
}

fn text_of(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn red_lines_carry_their_basis_and_the_legend_explains_it() {
    for (width, height) in [(80, 24), (160, 45)] {
        let app = orchard(width, height);
        let terminal = screen(&app);
        let shown = text_of(terminal.backend().buffer());
        assert!(
            shown.contains("■ stated □ reported ◇ inferred ? no basis ≠ contested"),
            "{shown}"
        );
        // The council said its red line itself; the league's is the author's reading.
        assert!(shown.contains("■ Will not accept any diversion"), "{shown}");
        assert!(shown.contains("◇ Appears to make a shared"), "{shown}");
        insta::assert_snapshot!(
            format!("orchard_red_lines_{width}x{height}"),
            terminal.backend()
        );
    }
}

#[test]
fn other_positions_and_contested_members_are_marked_in_the_party_view() {
    let mut app = orchard(80, 24);
    app.update(Action::SelectParty(0));
    let shown = text_of(screen(&app).backend().buffer());
    assert!(shown.contains("≠ Ilse Marrow"), "{shown}");
    assert!(shown.contains("○ ≠ Wants a fixed summer quota."), "{shown}");
}

#[test]
fn a_position_shows_its_basis_linked_quote_and_contesting_accounts() {
    let mut app = orchard(80, 24);
    app.update(Action::Open);
    assert_eq!(
        app.popup,
        Some(Popup::Detail(Item::Position { party: 0, index: 0 }))
    );
    let terminal = screen(&app);
    let shown = text_of(terminal.backend().buffer());
    assert!(shown.contains("Basis: stated: the party says it in its own words"));
    assert!(shown.contains("“Not one litre leaves the upper channel.”"));
    assert!(shown.contains("— Ilse Marrow, Northern Valley Council, Wed 12 Mar 2031"));
    insta::assert_snapshot!("orchard_position_stated_80x24", terminal.backend());

    // The summer quota: reported, and contested by two accounts side by side.
    app.update(Action::Back);
    app.update(Action::Down);
    app.update(Action::Open);
    let terminal = screen(&app);
    let shown = text_of(terminal.backend().buffer());
    assert!(
        shown.contains("Basis: reported: a source reports it"),
        "{shown}"
    );
    let accounts = shown
        .lines()
        .find(|line| line.contains("A third of the summer"))
        .expect("the first account");
    assert!(
        accounts.contains("A quarter of the summer"),
        "accounts side by side: {accounts}"
    );
    insta::assert_snapshot!("orchard_position_contested_80x24", terminal.backend());
}

#[test]
fn a_headline_quote_is_marked_and_an_undated_quote_says_so() {
    let mut app = orchard(100, 30);
    app.update(Action::Show(View::Quotes));
    let shown = text_of(screen(&app).backend().buffer());
    let byline = shown
        .lines()
        .find(|line| line.contains("Oren Vale"))
        .expect("Vale's quote is listed");
    assert!(
        byline.contains("≠ Oren Vale (SOUTH) · [headline] undated · Valmere Gazette"),
        "{byline}"
    );
    // The source's publication date is never shown as when it was said.
    assert!(!byline.contains("2031"), "{byline}");
}

#[test]
fn the_timeline_shows_years_months_and_what_is_expected() {
    let mut app = orchard(80, 24);
    app.update(Action::Show(View::Timeline));
    let terminal = screen(&app);
    let shown = text_of(terminal.backend().buffer());
    assert!(shown.contains("○ 2029  The drought"), "{shown}");
    assert!(shown.contains("│ about 2 years later"), "{shown}");
    assert!(shown.contains("Mar 2031  Second round opens"), "{shown}");
    assert!(
        shown.contains("Wed 2 Apr 2031 (expected)  Second round due to close"),
        "{shown}"
    );
    assert!(!shown.contains("1 Jan 2029") && !shown.contains("1 Mar 2031"));
    insta::assert_snapshot!("orchard_timeline_80x24", terminal.backend());
}

/// Cells drawn in the reader's quote highlight, as text, row by row.
fn highlighted(buffer: &Buffer, app: &App) -> Vec<String> {
    let style = app.theme.styles.text.patch(app.theme.styles.highlight);
    let width = buffer.area.width as usize;
    buffer
        .content()
        .chunks(width)
        .map(|row| {
            row.iter()
                .filter(|c| c.fg == style.fg.unwrap() && c.bg == style.bg.unwrap())
                .map(|c| c.symbol())
                .collect::<String>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

#[test]
fn the_reader_shows_a_source_with_its_quotes_highlighted_in_place() {
    for (width, height) in [(80, 24), (160, 45)] {
        let mut app = ferry(width, height);
        app.update(Action::Show(View::Sources));
        app.update(Action::Open);
        assert!(matches!(app.popup, Some(Popup::Reader(_))));
        let terminal = screen(&app);
        let buffer = terminal.backend().buffer();
        let shown = text_of(buffer);
        assert!(shown.contains("Ferry talks stall over the winter timetable"));
        assert!(shown.contains("3 quotes highlighted"), "{shown}");
        // The quote's words, and only they, are highlighted: not the
        // quotation marks around them, nor "she said" after them.
        let marked = highlighted(buffer, &app).concat();
        assert!(
            marked.contains("Two crossings a day is the least an island can live on"),
            "{marked:?}"
        );
        assert!(
            !marked.contains(['“', '”', ',']) && !marked.contains("she"),
            "{marked:?}"
        );
        assert!(!marked.contains("TALLMOOR"), "{marked:?}");
        // Both parts of an elided quote, not what lies between them.
        assert!(marked.contains("We lose money on every empty sailing"));
        assert!(marked.contains("one boat is all the winter carries"));
        assert!(!marked.contains("We have said so"), "{marked:?}");
        insta::assert_snapshot!(format!("reader_{width}x{height}"), terminal.backend());
    }
}

#[test]
fn n_and_shift_n_go_from_quote_to_quote_and_a_quote_opens_at_its_words() {
    let mut app = ferry(80, 24);
    app.update(Action::Show(View::Sources));
    app.update(Action::Open);
    screen(&app);
    let line_of = |app: &App| {
        let Some(Popup::Reader(reader)) = app.popup else {
            panic!("the reader is open");
        };
        (
            reader.current,
            reader.top_line(app.reader_layout.borrow().as_ref()),
        )
    };
    assert_eq!(line_of(&app), (None, 0));
    app.update(Action::NextPassage);
    app.update(Action::NextPassage);
    app.update(Action::NextPassage);
    let terminal = screen(&app);
    let (current, top) = line_of(&app);
    assert_eq!(current, Some(2));
    assert!(top > 0, "the last quote is further down: {top}");
    let shown = text_of(terminal.backend().buffer());
    assert!(shown.contains("quote 3 of 3: Maire Brennan"), "{shown}");
    assert!(shown.contains("We will be back at the table on Monday"));
    app.update(Action::Copy);
    assert!(
        matches!(app.effects.last(), Some(parley::app::Effect::Copy(text)) if text.starts_with("“We will be back at the table on Monday” — Maire Brennan")),
        "y copies the quote gone to: {:?}",
        app.effects
    );
    app.update(Action::NextPassage);
    assert_eq!(line_of(&app).0, Some(0), "n wraps to the first quote");
    app.update(Action::PreviousPassage);
    assert_eq!(line_of(&app).0, Some(2), "N wraps to the last");
    app.update(Action::Back);
    assert_eq!(app.popup, None);

    // From the quotes view, `v` opens the source at the quote's words.
    app.update(Action::Show(View::Quotes));
    let monday = app
        .items(View::Quotes)
        .iter()
        .position(|item| matches!(item, Item::Quote(2)))
        .unwrap();
    for _ in 0..monday {
        app.update(Action::Down);
    }
    app.update(Action::ReadSource);
    let Some(Popup::Reader(reader)) = app.popup else {
        panic!("v opens the reader");
    };
    assert_eq!((reader.source, reader.current), (0, Some(2)));
    let shown = text_of(screen(&app).backend().buffer());
    assert!(
        shown.contains("We will be back at the table on Monday"),
        "{shown}"
    );

    // And from a quote's details.
    app.update(Action::Back);
    app.update(Action::Open);
    app.update(Action::ReadSource);
    assert!(matches!(app.popup, Some(Popup::Reader(r)) if r.current == Some(2)));
}

#[test]
fn a_text_is_laid_out_once_per_width_not_once_per_frame() {
    let mut app = ferry(80, 24);
    app.update(Action::Show(View::Sources));
    app.update(Action::Open);
    let laid_out = |app: &App| app.reader_layout.borrow().as_ref().unwrap().lines.as_ptr();
    screen(&app);
    let first = laid_out(&app);
    app.update(Action::Down);
    app.update(Action::NextPassage);
    screen(&app);
    assert_eq!(laid_out(&app), first, "scrolling keeps the laid-out text");
    app.update(Action::Resize {
        width: 100,
        height: 24,
    });
    screen(&app);
    assert_ne!(laid_out(&app), first, "a new width lays it out again");
}

#[test]
fn a_source_without_a_text_says_so_and_a_quote_not_in_its_text_is_flagged() {
    let mut app = ferry(80, 24);
    app.update(Action::Show(View::Sources));
    app.update(Action::Down);
    app.update(Action::Open);
    let shown = text_of(screen(&app).backend().buffer());
    assert!(
        shown.contains("This source has no text: the briefing gives no text_file"),
        "{shown}"
    );

    // The text changed under the briefing: Hale's words are gone from it.
    let path = fixture("reader/ferry-talks.toml");
    let text = std::fs::read_to_string(fixture("reader/ferry-courier.txt")).unwrap();
    let briefing = briefing(&path);
    let changed = text.replace("empty sailing", "half-empty sailing");
    app.set_articles(Articles::from_texts(&briefing, vec![Some(changed), None]));
    app.update(Action::Back);
    app.update(Action::Up);
    app.update(Action::Open);
    let shown = text_of(screen(&app).backend().buffer());
    assert!(
        shown.contains("⚠ Not found in this text: “We lose money on every empty"),
        "{shown}"
    );
    assert!(shown.contains("2 quotes highlighted"), "{shown}");
    assert!(shown.contains("1 not found"), "{shown}");

    app.update(Action::Back);
    app.update(Action::Show(View::Quotes));
    let shown = text_of(screen(&app).backend().buffer());
    let byline = shown
        .lines()
        .find(|line| line.contains("Tomas Hale"))
        .unwrap();
    assert!(byline.contains("⚠ not in its text"), "{byline}");
}

#[test]
fn the_reader_never_reads_outside_the_briefings_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET WORDS").unwrap();
    let text = std::fs::read_to_string(fixture("reader/ferry-talks.toml"))
        .unwrap()
        .replace(
            "text_file = \"ferry-courier.txt\"",
            &format!(
                "text_file = {:?}",
                outside.path().join("secret.txt").display().to_string()
            ),
        );
    let path = dir.path().join("ferry.toml");
    std::fs::write(&path, text).unwrap();
    let document = Document {
        name: "ferry.toml".into(),
        text: std::fs::read_to_string(&path).unwrap(),
        dir: None,
    };
    let briefing = load(&document).unwrap().briefing;
    let articles = Articles::read(
        &briefing,
        path.parent()
            .map(parley::briefing::TextFolder::from)
            .as_ref(),
    );
    let mut app = App::new(briefing, "ferry.toml", Theme::builtin("dark").unwrap());
    app.set_articles(articles);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Show(View::Sources));
    app.update(Action::Open);
    let shown = text_of(screen(&app).backend().buffer());
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("cannot be read"), "{shown}");
}

#[test]
fn a_sticking_point_lists_a_headline_quote_as_a_headline() {
    let mut briefing = briefing(&fixture("briefings/orchard-evidence.toml"));
    briefing.quotes[1].topics.push("quota".into());
    let mut app = App::new(briefing, "orchard", Theme::builtin("dark").unwrap());
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app.update(Action::Show(View::StickingPoints));
    app.update(Action::Down);
    app.update(Action::Open);
    let shown = text_of(screen(&app).backend().buffer());
    assert!(
        shown.contains("• ≠ [headline] “Thirsty orchards cannot wait” — Oren Vale"),
        "{shown}"
    );
}

#[test]
fn the_help_explains_every_marker() {
    let mut app = orchard(90, 100);
    app.update(Action::ToggleHelp);
    let shown = text_of(screen(&app).backend().buffer());
    for row in [
        "■ ●         stated: in the party's own words",
        "□ ○         reported: in a source's narration",
        "◇ ◌         inferred: the briefing author's reading",
        "? ·         basis not given",
        "≠           contested",
        "[headline]  a headline's words, not the speaker's own",
        "v                      read-source           read the source's text at the quote",
        "n                      next-passage          reader: next highlighted quote",
    ] {
        assert!(shown.contains(row), "{row:?} missing:\n{shown}");
    }
}

#[test]
fn every_shipped_quote_is_highlighted_in_its_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/abu-dhabi-2026-01.toml");
    let briefing = briefing(&path);
    let articles = Articles::read(
        &briefing,
        path.parent()
            .map(parley::briefing::TextFolder::from)
            .as_ref(),
    );
    for (q, quote) in briefing.quotes.iter().enumerate() {
        assert!(
            articles.place_of(q).is_some(),
            "{} is not placed in {}",
            quote.id,
            quote.source
        );
    }
}
