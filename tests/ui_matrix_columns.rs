//! The sticking-point table keeps every cell inside its column, whatever
//! the script, when a cell runs past the rows it is given and is cut
//! (`tests/fixtures/briefings/long-cells.toml`, at 160x45).

use std::path::Path;

use parley::action::Action;
use parley::app::{App, View};
use parley::briefing::{Document, load};
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::shown_row as row;

fn sticking_points(width: u16, height: u16) -> Terminal<TestBackend> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings/long-cells.toml");
    let mut document = Document::read(&path, u64::MAX).unwrap();
    document.name = "long-cells.toml".into();
    let briefing = load(&document).unwrap().briefing;
    let theme = Theme::builtin("dark").unwrap();
    let mut app = App::new(briefing, document.name.clone(), theme);
    app.update(Action::Resize { width, height });
    app.update(Action::Show(View::StickingPoints));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| parley::ui::draw(frame, &app))
        .unwrap();
    terminal
}

#[test]
fn no_cell_crosses_its_column_border_at_160x45() {
    let terminal = sticking_points(160, 45);
    let buffer = terminal.backend().buffer();
    let header = (0..buffer.area.height)
        .find(|&y| row(buffer, y).starts_with("│Sticking point "))
        .expect("the table's header row");
    // Each character of the header row is one column wide.
    let header_text = row(buffer, header);
    let column_of = |title: &str| {
        let byte = header_text.find(title).unwrap();
        header_text[..byte].chars().count() as u16
    };
    let starts: Vec<u16> = ["Status", "Coastal League", "Isle Federation"]
        .map(column_of)
        .to_vec();
    // The party columns share the width alike: the last one ends as wide
    // after its start as the one before it.
    let last_end = 2 * starts[2] - starts[1] - 1;
    let borders: Vec<u16> = starts.iter().map(|x| x - 1).chain([last_end]).collect();
    let mut cut = 0;
    for y in header..buffer.area.height {
        let shown = row(buffer, y);
        if shown.starts_with('└') {
            break;
        }
        cut += shown.matches('…').count();
        for &x in &borders {
            assert_eq!(
                buffer[(x, y)].symbol(),
                " ",
                "column {x} of row {y} is the space between two columns:\n{shown}"
            );
        }
    }
    assert!(cut >= 2, "both long cells are cut to their rows");
    insta::assert_snapshot!("long_cells_StickingPoints_160x45", terminal.backend());
}
