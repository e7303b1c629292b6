//! `parley NEW --since OLD`: the views mark what moved since the earlier
//! round, the Diff view lists every change and opens both versions, and a
//! reload keeps comparing with the same old round.

use std::path::Path;
use std::sync::Arc;

use parley::action::Action;
use parley::app::{App, Effect, Item, Popup, View};
use parley::briefing::articles::Articles;
use parley::briefing::{Briefing, Document, load};
use parley::diff::Mark;
use parley::event::Event;
use parley::loader::{Fresh, Outcome};
use parley::search::Index;
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

fn round(n: u8) -> Briefing {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/rounds/round{n}.toml"));
    load(&Document::read(&path, u64::MAX).unwrap())
        .unwrap()
        .briefing
}

/// Round 2 opened with `--since round1.toml`.
fn since_round1(width: u16, height: u16) -> App {
    let mut app = App::new(round(2), "round2.toml", theme());
    app.compare_with(round(1), "round1.toml");
    app.update(Action::Resize { width, height });
    app
}

fn theme() -> Theme {
    Theme::builtin("dark").unwrap()
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
    terminal
}

fn rows(buffer: &Buffer) -> Vec<String> {
    let width = buffer.area.width as usize;
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect()
}

/// The cell where `text` starts on screen, first occurrence.
fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    rows(buffer).iter().enumerate().find_map(|(y, row)| {
        let at = row.find(text)?;
        Some((row[..at].chars().count() as u16, y as u16))
    })
}

/// The style of the cell where `text` starts.
fn style_at(buffer: &Buffer, text: &str) -> Style {
    let (x, y) = find(buffer, text).unwrap_or_else(|| panic!("{text:?} not on screen"));
    buffer[(x, y)].style()
}

fn shown(buffer: &Buffer) -> String {
    rows(buffer).join("\n")
}

#[test]
fn red_lines_read_new_changed_and_lifted_where_they_stand() {
    for (width, height) in SIZES {
        // Both columns in view; the coast's first red line selected.
        let app = since_round1(width, height);
        let terminal = screen(&app);
        let buffer = terminal.backend().buffer();
        insta::assert_snapshot!(format!("red_lines_{width}x{height}"), terminal.backend());
        let text = shown(buffer);
        assert!(
            text.contains("since round1.toml (as of 2031-05-10)"),
            "{text}"
        );
        for label in ["  new ", "  changed ", "  lifted "] {
            assert!(text.contains(label), "{label:?} in\n{text}");
        }
        // Struck through and dimmed, in place: not the selection's doing,
        // which neither strikes through nor dims.
        let lifted = style_at(buffer, "Demands access");
        assert!(
            lifted
                .add_modifier
                .contains(Modifier::CROSSED_OUT | Modifier::DIM),
            "{lifted:?}"
        );
        let kept = style_at(buffer, "Proposes joint");
        assert!(
            !kept.add_modifier.contains(Modifier::CROSSED_OUT),
            "{kept:?}"
        );
        // A new red line's word in the red-line style, unselected.
        let theme = theme();
        let new = style_at(buffer, "new [");
        assert_eq!(new.fg, theme.styles.red_line.fg);
        assert!(new.add_modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn a_red_line_gone_with_its_position_is_counted_in_its_column() {
    let old = round(1);
    let mut new = old.clone();
    let isle = new.parties.iter().position(|p| p.id == "isle").unwrap();
    new.parties[isle].positions.retain(|p| !p.red_line);
    let mut app = App::new(new, "edited.toml", theme());
    app.compare_with(old, "round1.toml");
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let terminal = screen(&app);
    let text = shown(terminal.backend().buffer());
    let gone: Vec<&str> = text.lines().filter(|l| l.contains("gone")).collect();
    assert_eq!(gone.len(), 1, "{text}");
    // In the isle's column (the right one), not the coast's.
    let (left, right) = gone[0].split_at(gone[0].find("││").unwrap());
    assert!(!left.contains("gone"), "{}", gone[0]);
    assert!(right.contains("- 1 red line gone (d: Diff)"), "{}", gone[0]);
}

#[test]
fn without_since_nothing_is_marked_and_the_diff_view_says_how_to_ask() {
    let mut app = App::new(round(2), "round2.toml", theme());
    app.update(Action::Resize {
        width: 160,
        height: 45,
    });
    app.update(Action::Right);
    let terminal = screen(&app);
    let text = shown(terminal.backend().buffer());
    assert!(!text.contains("since"), "{text}");
    assert!(!text.contains("lifted"), "{text}");
    let demands = style_at(terminal.backend().buffer(), "Demands access");
    assert!(!demands.add_modifier.contains(Modifier::CROSSED_OUT));

    for (width, height) in SIZES {
        let mut app = App::new(round(2), "round2.toml", theme());
        app.update(Action::Resize { width, height });
        app.update(Action::Show(View::Diff));
        assert_eq!(app.view, View::Diff, "reachable without --since");
        let terminal = screen(&app);
        insta::assert_snapshot!(
            format!("diff_without_since_{width}x{height}"),
            terminal.backend()
        );
        let text = shown(terminal.backend().buffer());
        assert!(text.contains("Nothing to compare"), "{text}");
        assert!(text.contains("--since OLD"), "{text}");
        // Enter on nothing opens nothing.
        app.update(Action::Open);
        assert_eq!(app.popup, None);
    }
}

#[test]
fn a_changed_red_lines_details_show_the_old_wording_beside_the_new() {
    for (width, height) in SIZES {
        let mut app = since_round1(width, height);
        // The coast's first red line is the reworded one.
        let Some(Item::Position { party, index }) = app.selected_item() else {
            panic!("a position is selected");
        };
        assert!(matches!(
            app.comparison.as_ref().unwrap().since.mark(party, index),
            Some(Mark::Changed { .. })
        ));
        app.update(Action::Open);
        let terminal = screen(&app);
        insta::assert_snapshot!(
            format!("changed_details_{width}x{height}"),
            terminal.backend()
        );
        let text = shown(terminal.backend().buffer());
        assert!(
            text.contains("changed  reworded since round1.toml (as of 2031-05-10)"),
            "{text}"
        );
        assert!(text.contains("Was"), "{text}");
        assert!(text.contains("Now"), "{text}");
        // Side by side when wide, one above the other when narrow.
        let was = rows(terminal.backend().buffer())
            .into_iter()
            .find(|row| row.contains("Was"))
            .unwrap();
        assert_eq!(was.contains("│ Now"), width >= 160, "{was}");
    }
}

#[test]
fn the_party_view_marks_who_joined_and_names_who_left() {
    for (width, height) in SIZES {
        let mut app = since_round1(width, height);
        app.update(Action::SelectParty(1));
        let terminal = screen(&app);
        let buffer = terminal.backend().buffer();
        insta::assert_snapshot!(format!("party_isle_{width}x{height}"), terminal.backend());
        let joined = style_at(buffer, "+ Oskar Brenn (new)");
        assert!(joined.add_modifier.contains(Modifier::BOLD), "{joined:?}");
        assert_eq!(joined.fg, theme().styles.title.fg);
        assert!(find(buffer, "Petra Lind (new)").is_none());
    }
    // Round 3 against round 2: the harbour master left the coast's delegation.
    let mut app = App::new(round(3), "round3.toml", theme());
    app.compare_with(round(2), "round2.toml");
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::SelectParty(0));
    let terminal = screen(&app);
    insta::assert_snapshot!("party_coast_left_80x24", terminal.backend());
    let text = shown(terminal.backend().buffer());
    assert!(
        text.contains("- left since round2.toml: Tobin Ash"),
        "{text}"
    );
}

#[test]
fn the_matrix_marks_cells_whose_stance_or_status_moved() {
    for (width, height) in SIZES {
        let mut app = since_round1(width, height);
        app.update(Action::Show(View::StickingPoints));
        let terminal = screen(&app);
        insta::assert_snapshot!(
            format!("sticking_points_{width}x{height}"),
            terminal.backend()
        );
        let moved = rows(terminal.backend().buffer())
            .iter()
            .map(|row| row.matches("~ moved").count())
            .sum::<usize>();
        // The coast on the zone and the quota, the isle on the zone; and
        // monitoring's status (narrowing, then agreed). The selected row's
        // full view below repeats none of them.
        assert_eq!(moved, 4, "at {width}x{height}");
        let style = style_at(terminal.backend().buffer(), "~ moved");
        assert!(style.add_modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn the_diff_view_lists_every_change_grouped_with_its_marker() {
    for (width, height) in SIZES {
        let mut app = since_round1(width, height);
        app.update(Action::Show(View::Diff));
        let terminal = screen(&app);
        insta::assert_snapshot!(format!("diff_{width}x{height}"), terminal.backend());
        let text = shown(terminal.backend().buffer());
        assert!(
            text.contains("Since round1.toml (as of 2031-05-10)"),
            "{text}"
        );
        assert!(text.contains("Coastal League (coast)"), "{text}");
        assert!(text.contains("[Quota split]"), "{text}");
    }
    let mut app = since_round1(160, 45);
    app.update(Action::Show(View::Diff));
    // Off the selection (the first row), each marker in its meaning's style.
    app.update(Action::Bottom);
    let terminal = screen(&app);
    let buffer = terminal.backend().buffer();
    let styles = &theme().styles;
    let added = style_at(buffer, "+ red line added");
    assert_eq!(added.fg, styles.title.fg);
    let lifted = style_at(buffer, "- red line lifted");
    assert_eq!(lifted.fg, styles.red_line.fg);
    let changed = style_at(buffer, "~ red line changed");
    assert_eq!(
        (changed.fg, changed.bg),
        (styles.warning.fg, styles.warning.bg)
    );
    assert_ne!(added.fg, lifted.fg);
    // The words after the marker are plain text.
    let (x, y) = find(buffer, "+ red line added").unwrap();
    assert_eq!(buffer[(x + 2, y)].style().fg, styles.text.fg);
}

#[test]
fn enter_on_a_change_opens_both_versions() {
    for (width, height) in SIZES {
        let mut app = since_round1(width, height);
        app.update(Action::Show(View::Diff));
        // Down to the reworded red line.
        let since = &app.comparison.as_ref().unwrap().since;
        let at = since
            .rows
            .iter()
            .position(|row| {
                let change = &since.changes[row.change];
                change.kind == parley::diff::Kind::RedLine
                    && change.change == parley::diff::ChangeKind::Changed
            })
            .unwrap();
        for _ in 0..at {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        assert!(matches!(app.popup, Some(Popup::Detail(Item::Change(_)))));
        let terminal = screen(&app);
        insta::assert_snapshot!(format!("versions_{width}x{height}"), terminal.backend());
        let seen = rows(terminal.backend().buffer());
        let text = seen.join("\n");
        assert!(
            text.contains("Before · round1.toml (as of 2031-05-10)"),
            "{text}"
        );
        assert!(
            text.contains("Now · round2.toml (as of 2031-06-03)"),
            "{text}"
        );
        // The fields that moved are marked on both sides (the wording, the
        // basis, the quotes linked); the party's is the same.
        let count = |field: &str| text.matches(&format!("~ {field}: ")).count();
        assert_eq!(count("Text"), 2, "{text}");
        assert_eq!(count("Basis"), 2, "{text}");
        assert_eq!(count("Party"), 0, "{text}");
        assert_eq!(text.matches("  Party: Coastal League").count(), 2, "{text}");
        if width < 160 {
            // One above the other: the rest of the new version further down.
            app.update(Action::Bottom);
            let terminal = screen(&app);
            insta::assert_snapshot!(
                format!("versions_{width}x{height}_scrolled"),
                terminal.backend()
            );
            let text = shown(terminal.backend().buffer());
            assert!(text.contains("~ Quotes: quell-twelve"), "{text}");
        } else {
            assert_eq!(count("Quotes"), 2, "{text}");
        }
        let row = seen
            .iter()
            .find(|row| row.contains("Before · round1.toml"))
            .unwrap();
        assert_eq!(
            row.contains("Now · round2.toml"),
            width >= 160,
            "side by side when wide: {row}"
        );
    }
}

#[test]
fn a_change_with_one_side_says_the_other_is_not_there() {
    let mut app = since_round1(80, 24);
    app.update(Action::Show(View::Diff));
    let since = &app.comparison.as_ref().unwrap().since;
    let removed_quote = since
        .rows
        .iter()
        .position(|row| {
            let change = &since.changes[row.change];
            change.kind == parley::diff::Kind::Quote
        })
        .unwrap();
    for _ in 0..removed_quote {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    let terminal = screen(&app);
    let text = shown(terminal.backend().buffer());
    assert!(text.contains("Tobin Ash"), "{text}");
    assert!(text.contains("not there now"), "{text}");
}

/// Round 3 as the loader hands it over (not compared on its thread).
fn round3_loaded() -> Fresh {
    let briefing = Arc::new(round(3));
    Fresh {
        name: "round2.toml".into(),
        index: Arc::new(Index::new(Arc::clone(&briefing))),
        articles: Arc::new(Articles::read(&briefing, None)),
        briefing,
        fingerprint: None,
        compared: None,
        compared_as_earlier: None,
    }
}

/// The file changed on disk, and the loader answered with `fresh`.
fn reload(app: &mut App, fresh: Fresh) {
    app.reloadable = true;
    app.update(Event::FileChanged);
    let generation = app
        .effects
        .iter()
        .find_map(|effect| match effect {
            Effect::Load { generation, .. } => Some(*generation),
            _ => None,
        })
        .expect("a load was asked for");
    app.effects.clear();
    app.update(Event::Loaded {
        generation,
        outcome: Box::new(Outcome::Loaded(fresh)),
    });
}

#[test]
fn a_reload_keeps_comparing_with_the_same_old_round() {
    let mut app = since_round1(160, 45);
    // The file, saved again, now holds round 3.
    reload(&mut app, round3_loaded());
    let comparison = app.comparison.as_ref().expect("still compared");
    assert_eq!(comparison.label, "round1.toml");
    assert_eq!(
        comparison.since,
        parley::diff::Since::new(&round(1), &round(3))
    );
    assert_ne!(
        comparison.since,
        parley::diff::Since::new(&round(1), &round(2))
    );
    // The marks follow: round 3 has the harbour master gone since round 1.
    assert_eq!(comparison.since.departed("coast"), ["Tobin Ash"]);
    app.update(Action::SelectParty(0));
    let terminal = screen(&app);
    let text = shown(terminal.backend().buffer());
    assert!(text.contains("left since round1.toml: Tobin Ash"), "{text}");
    assert!(
        text.contains("since round1.toml (as of 2031-05-10)"),
        "{text}"
    );
}

#[test]
fn a_comparison_made_on_the_loader_thread_is_taken_only_against_the_same_old_round() {
    // Against the round on screen: taken as it comes, not computed again
    // (the loader's stands out: it compares round 3 with itself).
    let mut app = since_round1(80, 24);
    let old = Arc::clone(&app.comparison.as_ref().unwrap().old);
    let mut fresh = round3_loaded();
    fresh.compare_with(old);
    let from_loader = parley::diff::Since::new(&round(1), &round(3));
    assert_eq!(fresh.compared.as_ref().unwrap().since, from_loader);
    fresh.compared.as_mut().unwrap().since = parley::diff::Since::default();
    reload(&mut app, fresh);
    assert_eq!(
        app.comparison.as_ref().unwrap().since,
        parley::diff::Since::default()
    );

    // Against another old round (the comparison changed meanwhile): computed again.
    let mut app = since_round1(80, 24);
    let mut fresh = round3_loaded();
    fresh.compare_with(Arc::new(round(3)));
    reload(&mut app, fresh);
    assert_eq!(app.comparison.as_ref().unwrap().since, from_loader);
}
