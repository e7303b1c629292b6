//! `parley NEW --since OLD`: the red lines view marks what moved since the
//! earlier round, and a reload keeps comparing with it.

use std::path::Path;
use std::sync::Arc;

use parley::action::Action;
use parley::app::App;
use parley::briefing::{Briefing, Document, load};
use parley::event::Event;
use parley::loader::{Fresh, Outcome};
use parley::search::Index;
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn round(n: u8) -> Briefing {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/rounds/round{n}.toml"));
    load(&Document::read(&path, u64::MAX).unwrap())
        .unwrap()
        .briefing
}

/// Round 2 opened with `--since round1.toml`.
fn since_round1(width: u16, height: u16) -> App {
    let mut app = App::new(round(2), "round2.toml", Theme::builtin("dark").unwrap());
    app.compare_with("round1.toml", round(1));
    app.update(Action::Resize { width, height });
    app
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
    terminal
}

/// The cells where `text` starts on screen, first occurrence.
fn find(terminal: &Terminal<TestBackend>, text: &str) -> Option<(u16, u16)> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    for y in 0..area.height {
        let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(at) = row.find(text) {
            let x = row[..at].chars().count() as u16;
            return Some((x, y));
        }
    }
    None
}

fn modifier_at(terminal: &Terminal<TestBackend>, text: &str) -> Modifier {
    let (x, y) = find(terminal, text).unwrap_or_else(|| panic!("{text} not on screen"));
    terminal.backend().buffer()[(x, y)].modifier
}

#[test]
fn red_lines_since_round_one_read_new_changed_and_lifted() {
    for (width, height) in [(80, 24), (160, 45)] {
        let app = since_round1(width, height);
        let terminal = screen(&app);
        insta::assert_snapshot!(
            format!("since_RedLines_{width}x{height}"),
            terminal.backend()
        );
        assert!(find(&terminal, "since round1.toml (as of 2031-05-10)").is_some());
        for label in ["  new ", "  changed ", "  lifted "] {
            assert!(find(&terminal, label).is_some(), "{label}");
        }
        // The lifted red line stays in place, struck through.
        let lifted = modifier_at(&terminal, "Demands");
        assert!(lifted.contains(Modifier::CROSSED_OUT), "{lifted:?}");
        let kept = modifier_at(&terminal, "Proposes");
        assert!(!kept.contains(Modifier::CROSSED_OUT), "{kept:?}");
    }
}

#[test]
fn without_since_nothing_is_marked() {
    let mut app = App::new(round(2), "round2.toml", Theme::builtin("dark").unwrap());
    app.update(Action::Resize {
        width: 160,
        height: 45,
    });
    let terminal = screen(&app);
    assert!(find(&terminal, "since").is_none());
    assert!(find(&terminal, "lifted").is_none());
    assert!(!modifier_at(&terminal, "Demands").contains(Modifier::CROSSED_OUT));
}

#[test]
fn a_changed_red_lines_detail_shows_the_old_wording_beside_the_new() {
    let mut app = since_round1(80, 24);
    // The coast column's first red line is the reworded one.
    app.update(Action::Open);
    let terminal = screen(&app);
    insta::assert_snapshot!("since_detail_changed_80x24", terminal.backend());
    assert!(find(&terminal, "Was:").is_some());
    assert!(find(&terminal, "near spawning").is_some());
}

#[test]
fn a_reload_keeps_comparing_with_the_old_round() {
    let mut app = since_round1(160, 45);
    app.reloadable = true;
    app.update(Event::FileChanged);
    let generation = app
        .effects
        .iter()
        .find_map(|effect| match effect {
            parley::app::Effect::Load { generation, .. } => Some(*generation),
            _ => None,
        })
        .expect("a load was asked for");
    // Saved again as round 3.
    let briefing = Arc::new(round(3));
    let fresh = Fresh {
        name: "round2.toml".into(),
        index: Arc::new(Index::new(Arc::clone(&briefing))),
        briefing,
        fingerprint: None,
    };
    app.update(Event::Loaded {
        generation,
        outcome: Box::new(Outcome::Loaded(fresh)),
    });
    let comparison = app.comparison.as_ref().expect("still compared");
    assert_eq!(comparison.old_name, "round1.toml");
    let expected = parley::diff::Since::new(&round(1), &round(3));
    assert_eq!(comparison.since, expected);
    assert_ne!(
        comparison.since,
        parley::diff::Since::new(&round(1), &round(2))
    );
}

#[test]
fn the_party_view_marks_a_delegate_who_joined() {
    let mut app = since_round1(160, 45);
    app.update(Action::Show(parley::app::View::Party));
    app.update(Action::SelectParty(1));
    let terminal = screen(&app);
    insta::assert_snapshot!("since_Party_isle_160x45", terminal.backend());
    assert!(modifier_at(&terminal, "Oskar Brenn (new)").contains(Modifier::BOLD));
    assert!(find(&terminal, "Petra Lind (new)").is_none());
}

#[test]
fn the_matrix_marks_cells_whose_stance_or_status_moved() {
    let mut app = since_round1(160, 45);
    app.update(Action::Show(parley::app::View::StickingPoints));
    let terminal = screen(&app);
    insta::assert_snapshot!("since_StickingPoints_160x45", terminal.backend());
    let buffer = terminal.backend().buffer();
    let moved_rows = (0..buffer.area.height)
        .flat_map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.match_indices("moved").map(|_| y).collect::<Vec<_>>()
        })
        .count();
    // coast on the zone and the quota, isle on the zone; monitoring's status.
    assert_eq!(moved_rows, 4);
}
