//! Property tests: any valid briefing draws at any size, and any sequence of
//! actions leaves the app consistent.

use chrono::{Datelike, NaiveDate};
use parley::action::Action;
use parley::app::{App, Item, Popup, View};
use parley::briefing::*;
use parley::keymap::Mode;
use parley::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Text as a file may hold it: several scripts, combining marks, wide
/// characters, emoji with joiners, bidi controls, tabs, newlines, long words.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("land".to_string()),
        Just("Ангкор".to_string()),
        Just("الأرض".to_string()),
        Just("土地问题".to_string()),
        Just("e\u{301}\u{301}".to_string()),
        Just("👨\u{200d}👩\u{200d}👧".to_string()),
        Just("\u{202e}rtl".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("x".repeat(120)),
        "[a-z]{1,12}",
    ];
    prop::collection::vec(pieces, 1..12).prop_map(|p| p.concat())
}

/// A day, a month or a year: every precision a briefing may give.
fn date() -> impl Strategy<Value = PartialDate> {
    (0i64..20_000, 0u8..3).prop_map(|(d, precision)| {
        let day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(d);
        match precision {
            0 => PartialDate::Year(day.year()),
            1 => PartialDate::Month(day.year(), day.month()),
            _ => PartialDate::Day(day),
        }
    })
}

/// Every other item is contested by the one discrepancy the briefing has.
fn discrepancy_link(i: usize) -> Vec<String> {
    if i % 2 == 1 {
        vec!["d1".into()]
    } else {
        Vec::new()
    }
}

fn briefing() -> impl Strategy<Value = Briefing> {
    (
        (
            text(),
            prop::option::of(text()),
            prop::option::of(text()),
            date(),
        ),
        1usize..4,
        0usize..6,
        0usize..5,
        prop::collection::vec((text(), 0usize..4, 0usize..6, any::<bool>()), 0..30),
        prop::collection::vec((text(), text(), date()), 0..8),
        any::<u64>(),
    )
        .prop_map(
            |(
                (title, summary, location, as_of),
                sources,
                parties,
                points,
                quotes,
                events,
                seed,
            )| {
                let source_ids: Vec<String> = (0..sources).map(|i| format!("s{i}")).collect();
                let point_ids: Vec<String> = (0..points).map(|i| format!("t{i}")).collect();
                let pick = |n: usize, k: u64| (seed.wrapping_mul(k + 1) as usize) % n.max(1);
                let roles = [
                    Role::Party,
                    Role::Party,
                    Role::Mediator,
                    Role::Host,
                    Role::Observer,
                    Role::Party,
                ];
                let parties: Vec<Party> = (0..parties)
                    .map(|i| Party {
                        id: format!("p{i}"),
                        name: format!(
                            "Party {i} {}",
                            title.chars().take(i * 7).collect::<String>()
                        ),
                        short: format!("P{i}"),
                        role: roles[i],
                        color: [
                            None,
                            Some("#aa3300".to_string()),
                            Some("lightblue".to_string()),
                        ][i % 3]
                            .clone(),
                        summary: summary.clone(),
                        delegation: (0..pick(5, i as u64))
                            .map(|d| Delegate {
                                name: format!("Member {d} {title}"),
                                title: location.clone(),
                                lead: d == 0,
                                sources: source_ids.iter().take(d % 3).cloned().collect(),
                                discrepancies: discrepancy_link(d),
                            })
                            .collect(),
                        positions: (0..pick(6, i as u64 + 7))
                            .map(|p| Position {
                                id: (p % 3 != 0).then(|| format!("p{p}")),
                                text: format!("{p} {title}"),
                                red_line: p % 2 == 0,
                                topic: point_ids.get(p % points.max(1)).cloned(),
                                sources: source_ids.iter().take(1).cloned().collect(),
                                basis: [
                                    None,
                                    Some(Basis::Stated),
                                    Some(Basis::Reported),
                                    Some(Basis::Inferred),
                                ][p % 4],
                                quotes: (0..quotes.len())
                                    .take(p % 3)
                                    .map(|q| format!("q{}", q + 1))
                                    .collect(),
                                discrepancies: discrepancy_link(p),
                            })
                            .collect(),
                    })
                    .collect();
                Briefing {
                    format: 1,
                    meta: Meta {
                        title: title.clone(),
                        summary: summary.clone(),
                        location,
                        as_of,
                        starts: Some(as_of),
                        ends: Some(as_of),
                    },
                    sources: source_ids
                        .iter()
                        .map(|id| Source {
                            id: id.clone(),
                            outlet: format!("Outlet {id} {title}"),
                            title: summary.clone(),
                            url: None,
                            published: Some(as_of),
                            framing: summary.clone(),
                            text_file: None,
                        })
                        .collect(),
                    sticking_points: point_ids
                        .iter()
                        .enumerate()
                        .map(|(i, id)| StickingPoint {
                            id: id.clone(),
                            title: format!("Topic {i} {title}"),
                            summary: summary.clone(),
                            status: Status::ALL[i % 4].1,
                        })
                        .collect(),
                    quotes: quotes
                        .iter()
                        .enumerate()
                        .map(|(i, (words, source, party, dated))| Quote {
                            id: format!("q{}", i + 1).into(),
                            speaker: format!("Speaker {i}").into(),
                            party: parties.get(*party).map(|p| p.id.as_str().into()),
                            text: words.clone(),
                            source: source_ids[source % source_ids.len()].as_str().into(),
                            said_on: dated.then_some(as_of),
                            context: summary.clone(),
                            topics: point_ids
                                .iter()
                                .take(i % 3)
                                .map(|t| t.as_str().into())
                                .collect(),
                            kind: QuoteKind::ALL[i % 2].1,
                            discrepancies: discrepancy_link(i)
                                .into_iter()
                                .map(Into::into)
                                .collect(),
                        })
                        .collect(),
                    events: events
                        .iter()
                        .map(|(title, detail, date)| Event {
                            date: *date,
                            title: title.clone(),
                            detail: Some(detail.clone()),
                            sources: source_ids.iter().take(2).cloned().collect(),
                            discrepancies: discrepancy_link(title.len()),
                        })
                        .collect(),
                    discrepancies: vec![Discrepancy {
                        id: Some("d1".into()),
                        subject: title.clone(),
                        note: summary.clone(),
                        accounts: source_ids
                            .iter()
                            .chain(source_ids.iter())
                            .take(3)
                            .map(|s| Account {
                                source: s.clone(),
                                says: title.clone(),
                            })
                            .collect(),
                    }],
                    parties,
                }
            },
        )
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        prop::sample::select(vec![
            Action::Quit,
            Action::ToggleHelp,
            Action::Back,
            Action::NextView,
            Action::PreviousView,
            Action::NextParty,
            Action::PreviousParty,
            Action::Up,
            Action::Down,
            Action::Left,
            Action::Right,
            Action::Top,
            Action::Bottom,
            Action::PageUp,
            Action::PageDown,
            Action::Open,
            Action::Copy,
            Action::CycleTheme,
            Action::StartSearch,
            Action::SearchBackspace,
            Action::SearchDeleteWord,
            Action::SearchClear,
            Action::SearchCursorLeft,
            Action::SearchCursorRight,
            Action::SearchCursorHome,
            Action::SearchCursorEnd,
            Action::SearchHistoryPrevious,
            Action::SearchHistoryNext,
            Action::ToggleOrder,
            Action::Reload,
            Action::ScrollUp,
            Action::ScrollDown,
        ]),
        prop::sample::select(View::ALL.to_vec()).prop_map(Action::Show),
        (0usize..10).prop_map(Action::SelectParty),
        prop::sample::select(vec![
            'a', 'é', '土', ' ', '|', '!', '^', '$', '\'', '"', '@', '#', ':'
        ])
        .prop_map(Action::SearchInput),
        (0u16..200, 0u16..60).prop_map(|(column, row)| Action::Click { column, row }),
        (1u16..300, 1u16..100).prop_map(|(width, height)| Action::Resize { width, height }),
    ]
}

fn draw(app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
}

fn assert_consistent(app: &App) -> Result<(), TestCaseError> {
    let b = &app.briefing;
    for view in View::ALL {
        let len = app.items(view).len();
        prop_assert_eq!(app.item_count(view), len, "{:?}", view);
        prop_assert!(
            app.selected_index(view) < len.max(1),
            "{view:?}: {} of {len}",
            app.selected_index(view)
        );
    }
    prop_assert!(app.party < b.parties.len().max(1));
    // The comparison is always of the briefing shown, never of one before it.
    if let Some(comparison) = &app.comparison {
        prop_assert!(comparison.since == parley::diff::Since::new(&comparison.old, b));
    }
    let columns = app.columns().len();
    prop_assert!(app.column < columns.max(1));
    prop_assert!(app.first_column <= app.column);
    prop_assert!(app.first_column + app.visible_columns() <= columns.max(1));
    prop_assert!(app.search.line.cursor() <= app.search.line.value().chars().count());
    prop_assert!(app.search.results.iter().all(|h| h.quote < b.quotes.len()));
    if app.mode() == Mode::Search {
        prop_assert_eq!(app.view, View::Quotes);
    }
    if let Some(Popup::Detail(item)) = app.popup {
        let valid = match item {
            Item::Position { party, index } => b
                .parties
                .get(party)
                .is_some_and(|p| index < p.positions.len()),
            Item::Delegate { party, index } => b
                .parties
                .get(party)
                .is_some_and(|p| index < p.delegation.len()),
            Item::Quote(q) => q < b.quotes.len(),
            Item::StickingPoint(s) => s < b.sticking_points.len(),
            Item::Source(s) => s < b.sources.len(),
            Item::Discrepancy(d) => d < b.discrepancies.len(),
            Item::Event(e) => e < b.events.len(),
            Item::Change(c) => app
                .comparison
                .as_ref()
                .is_some_and(|comparison| c < comparison.since.changes.len()),
        };
        prop_assert!(valid, "{item:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_briefing_draws_at_any_size(briefing in briefing(), width in 1u16..300, height in 1u16..100) {
        let mut app = App::new(briefing, "random.toml", Theme::builtin("dark").unwrap());
        app.update(Action::Resize { width, height });
        for view in View::ALL {
            app.update(Action::Show(view));
            draw(&app);
            app.update(Action::Open);
            draw(&app);
            app.update(Action::Back);
        }
        app.update(Action::ToggleHelp);
        draw(&app);
    }

    #[test]
    fn any_action_sequence_keeps_the_app_consistent(
        briefing in briefing(),
        actions in prop::collection::vec(action(), 1..300),
    ) {
        let mut app = App::new(briefing, "random.toml", Theme::builtin("dark").unwrap());
        app.update(Action::Resize { width: 80, height: 24 });
        for (i, action) in actions.into_iter().enumerate() {
            app.update(action);
            if app.quit {
                app.quit = false;
            }
            assert_consistent(&app)?;
            if i % 25 == 0 {
                draw(&app);
            }
        }
        draw(&app);
    }

    /// `--since`: any briefing compared with any other draws every view and
    /// both versions of every change at any size, and stays consistent
    /// through any actions and a reload to a third.
    #[test]
    fn any_comparison_draws_and_survives_a_reload(
        old in briefing(),
        new in briefing(),
        next in briefing(),
        width in 1u16..300,
        height in 1u16..100,
        actions in prop::collection::vec(action(), 1..100),
    ) {
        let mut app = App::new(new, "new.toml", Theme::builtin("dark").unwrap());
        app.compare_with(old, "old.toml");
        app.update(Action::Resize { width, height });
        for view in View::ALL {
            app.update(Action::Show(view));
            draw(&app);
        }
        app.update(Action::Show(View::Diff));
        for _ in 0..app.item_count(View::Diff) {
            app.update(Action::Open);
            draw(&app);
            app.update(Action::Back);
            app.update(Action::Down);
        }
        let half = actions.len() / 2;
        for (i, action) in actions.into_iter().enumerate() {
            if i == half {
                app.replace_briefing(next.clone());
            }
            app.update(action);
            app.quit = false;
            assert_consistent(&app)?;
        }
        draw(&app);
    }
}
