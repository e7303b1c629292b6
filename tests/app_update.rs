//! `update` drives every action in the keymap with no terminal at all.

use parley::action::Action;
use parley::app::{App, Effect, Item, Popup, View};
use parley::briefing::{Document, load};
use parley::keymap::{BINDINGS, Mode};
use parley::theme::Theme;

fn shipped() -> App {
    let briefing = load(&Document::embedded()).unwrap().briefing;
    let mut app = App::new(
        briefing,
        "abu-dhabi-2026-01.toml (embedded)",
        Theme::builtin("dark").unwrap(),
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn apply(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
    }
}

#[test]
fn opens_on_the_red_lines_of_the_first_party() {
    let app = shipped();
    assert_eq!(app.view, View::RedLines);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(
        app.columns(),
        [0, 1, 2],
        "Ukraine, Russia, the US; the host is not a column"
    );
    assert!(matches!(
        app.selected_item(),
        Some(Item::Position { party: 0, .. })
    ));
    // Red lines come first in a column.
    let Some(Item::Position { party, index }) = app.selected_item() else {
        unreachable!()
    };
    assert!(app.briefing.parties[party].positions[index].red_line);
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut app = shipped();
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn tab_walks_the_views_and_the_parties_inside_the_party_view() {
    let mut app = shipped();
    app.update(Action::NextView);
    assert_eq!((app.view, app.party), (View::Party, 0));
    apply(
        &mut app,
        &[Action::NextView, Action::NextView, Action::NextView],
    );
    assert_eq!((app.view, app.party), (View::Party, 3));
    app.update(Action::NextView);
    assert_eq!(app.view, View::StickingPoints);
    apply(
        &mut app,
        &[Action::NextView, Action::NextView, Action::NextView],
    );
    assert_eq!(app.view, View::Timeline);
    app.update(Action::NextView);
    assert_eq!(app.view, View::Diff, "reachable without --since");
    app.update(Action::NextView);
    assert_eq!(app.view, View::RedLines, "wraps around");
    app.update(Action::PreviousView);
    assert_eq!(app.view, View::Diff);
}

#[test]
fn digits_open_a_party_and_brackets_cycle() {
    let mut app = shipped();
    app.update(Action::SelectParty(1));
    assert_eq!((app.view, app.party), (View::Party, 1));
    app.update(Action::NextParty);
    assert_eq!(app.party, 2);
    app.update(Action::PreviousParty);
    app.update(Action::PreviousParty);
    app.update(Action::PreviousParty);
    assert_eq!(app.party, 3, "wraps to the last party");
    app.update(Action::SelectParty(8));
    assert_eq!(app.party, 3, "no ninth party: nothing happens");
    app.update(Action::Right);
    assert_eq!(app.party, 0);
}

#[test]
fn the_party_view_lists_delegates_then_positions_then_quotes() {
    let mut app = shipped();
    app.update(Action::SelectParty(0));
    let items = app.items(View::Party);
    let ukraine = &app.briefing.parties[0];
    assert!(matches!(items[0], Item::Delegate { party: 0, index: 0 }));
    let positions = items
        .iter()
        .filter(|i| matches!(i, Item::Position { .. }))
        .count();
    assert_eq!(positions, ukraine.positions.len());
    let first_quote = items
        .iter()
        .position(|i| matches!(i, Item::Quote(_)))
        .unwrap();
    assert!(
        items[first_quote..]
            .iter()
            .all(|i| matches!(i, Item::Quote(_)))
    );
}

#[test]
fn direct_view_keys_and_esc() {
    let mut app = shipped();
    for view in View::ALL {
        app.update(Action::Show(view));
        assert_eq!(app.view, view);
    }
    app.update(Action::Back);
    assert_eq!(app.view, View::RedLines);
}

#[test]
fn moving_stays_within_the_list() {
    let mut app = shipped();
    app.update(Action::Show(View::Quotes));
    let len = app.items(View::Quotes).len();
    app.update(Action::Up);
    assert_eq!(app.selected_index(View::Quotes), 0);
    app.update(Action::Down);
    assert_eq!(app.selected_index(View::Quotes), 1);
    app.update(Action::Bottom);
    assert_eq!(app.selected_index(View::Quotes), len - 1);
    app.update(Action::Down);
    assert_eq!(app.selected_index(View::Quotes), len - 1);
    app.update(Action::PageUp);
    assert_eq!(
        app.selected_index(View::Quotes),
        len - 1 - 16,
        "a page is the body height at 80x24"
    );
    app.update(Action::Top);
    assert_eq!(app.selected_index(View::Quotes), 0);
    app.update(Action::PageDown);
    assert_eq!(app.selected_index(View::Quotes), 16);
    app.update(Action::ScrollUp);
    assert_eq!(app.selected_index(View::Quotes), 13);
    app.update(Action::ScrollDown);
    assert_eq!(app.selected_index(View::Quotes), 16);
}

#[test]
fn h_and_l_move_between_red_line_columns_and_scroll_when_narrow() {
    let mut app = shipped();
    app.update(Action::Resize {
        width: 40,
        height: 12,
    });
    assert_eq!(app.visible_columns(), 1);
    app.update(Action::Right);
    assert_eq!((app.column, app.first_column), (1, 1));
    apply(&mut app, &[Action::Right, Action::Right, Action::Right]);
    assert_eq!(
        (app.column, app.first_column),
        (2, 2),
        "stops at the last column"
    );
    app.update(Action::Left);
    assert_eq!((app.column, app.first_column), (1, 1));
    app.update(Action::Resize {
        width: 160,
        height: 45,
    });
    assert_eq!((app.visible_columns(), app.first_column), (3, 0));
}

#[test]
fn enter_opens_details_and_esc_closes_them() {
    let mut app = shipped();
    let item = app.selected_item().unwrap();
    app.update(Action::Open);
    assert_eq!(app.popup, Some(Popup::Detail(item)));
    assert_eq!(app.mode(), Mode::Popup);
    apply(
        &mut app,
        &[Action::Down, Action::Down, Action::PageDown, Action::Up],
    );
    assert!(app.popup_scroll > 0);
    app.update(Action::Top);
    assert_eq!(app.popup_scroll, 0);
    app.update(Action::Back);
    assert_eq!(app.popup, None);
    assert_eq!(
        app.view,
        View::RedLines,
        "closing a popup does not change the view"
    );
}

#[test]
fn question_mark_toggles_help() {
    let mut app = shipped();
    app.update(Action::ToggleHelp);
    assert_eq!(app.popup, Some(Popup::Help));
    app.update(Action::ToggleHelp);
    assert_eq!(app.popup, None);
}

#[test]
fn y_copies_the_selected_quote_with_its_citation() {
    let mut app = shipped();
    app.update(Action::Copy);
    assert!(app.effects.is_empty(), "a position is not a quote");
    assert_eq!(app.message.as_deref(), Some("select a quote to copy it"));
    app.update(Action::Show(View::Quotes));
    let Some(Item::Quote(q)) = app.selected_item() else {
        panic!("a quote is selected")
    };
    app.update(Action::Copy);
    assert_eq!(
        app.message, None,
        "nothing is said to be copied before the run loop knows where it went"
    );
    let quote = &app.briefing.quotes[q];
    let Some(Effect::Copy(text)) = app.effects.last() else {
        panic!("copy requested")
    };
    assert_eq!(
        text,
        &format!(
            "“{}” — {} (United Arab Emirates), Unattributed news report [{}], 2026-01-23",
            quote.text, quote.speaker, quote.source
        )
    );
}

#[test]
fn a_citation_names_the_article_by_its_headline_and_source_id() {
    let app = shipped();
    let with_headline = app
        .briefing
        .quotes
        .iter()
        .position(|q| q.source == "s001")
        .expect("a quote from the i24NEWS article");
    let quote = &app.briefing.quotes[with_headline];
    let speaker_and_party = app.citation(with_headline);
    assert!(
        speaker_and_party.contains(
            ", i24NEWS, “Trilateral Russia-U.S.-Ukraine talks kick off in UAE amid Witkoff's Moscow visit” [s001]"
        ),
        "{speaker_and_party}"
    );
    assert!(speaker_and_party.starts_with(&format!("“{}” — {}", quote.text, quote.speaker)));
}

#[test]
fn t_cycles_themes() {
    let mut app = shipped();
    let first = app.theme.name.clone();
    app.update(Action::CycleTheme);
    assert_ne!(app.theme.name, first);
    app.update(Action::CycleTheme);
    app.update(Action::CycleTheme);
    assert_eq!(app.theme.name, first);
}

#[test]
fn reloading_the_embedded_briefing_says_there_is_nothing_to_reload() {
    let mut app = shipped();
    app.update(Action::Reload);
    assert!(app.effects.is_empty());
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("nothing to reload")
    );
    app.reloadable = true;
    app.update(Action::Reload);
    assert_eq!(
        app.effects,
        [Effect::Load {
            generation: 1,
            known: None
        }],
        "by hand, the file is read even if it looks unchanged"
    );
}

#[test]
fn search_types_filters_and_esc_restores_the_view() {
    let mut app = shipped();
    app.update(Action::SelectParty(1));
    app.update(Action::StartSearch);
    assert_eq!((app.view, app.mode()), (View::Quotes, Mode::Search));
    for c in "anchorage".chars() {
        app.update(Action::SearchInput(c));
    }
    assert_eq!(app.search.line.value(), "anchorage");
    let texts: Vec<&str> = app
        .search
        .results
        .iter()
        .map(|h| app.briefing.quotes[h.quote].text.as_str())
        .collect();
    assert!(
        !texts.is_empty() && texts.len() < app.briefing.quotes.len(),
        "{texts:?}"
    );
    assert!(texts[0].to_lowercase().contains("anchorage"), "{texts:?}");
    app.update(Action::Back);
    assert_eq!(
        (app.view, app.party, app.mode()),
        (View::Party, 1, Mode::Normal)
    );
    assert_eq!(app.search.history.entries(), ["anchorage"]);
}

#[test]
fn the_search_line_edits_like_a_shell() {
    let mut app = shipped();
    app.update(Action::StartSearch);
    for c in "down to one".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchDeleteWord);
    assert_eq!(app.search.line.value(), "down to ");
    app.update(Action::SearchBackspace);
    assert_eq!(
        (app.search.line.value(), app.search.line.cursor()),
        ("down to", 7)
    );
    app.update(Action::SearchCursorHome);
    app.update(Action::SearchInput('é'));
    assert_eq!(app.search.line.value(), "édown to");
    app.update(Action::SearchCursorRight);
    app.update(Action::SearchCursorLeft);
    app.update(Action::SearchCursorEnd);
    assert_eq!(app.search.line.cursor(), 8);
    app.update(Action::SearchClear);
    assert_eq!((app.search.line.value(), app.search.line.cursor()), ("", 0));
    assert_eq!(app.search.results.len(), app.briefing.quotes.len());
}

#[test]
fn enter_in_search_jumps_to_the_quote() {
    let mut app = shipped();
    app.update(Action::StartSearch);
    for c in "battlefield".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Popup);
    let Some(Popup::Detail(Item::Quote(q))) = app.popup else {
        panic!("{:?}", app.popup)
    };
    assert!(app.briefing.quotes[q].text.contains("battlefield"));
}

#[test]
fn history_walks_back_and_forth() {
    let mut app = shipped();
    for query in ["land", "formula"] {
        app.update(Action::StartSearch);
        app.update(Action::SearchClear);
        for c in query.chars() {
            app.update(Action::SearchInput(c));
        }
        app.update(Action::Back);
    }
    app.update(Action::StartSearch);
    app.update(Action::SearchClear);
    app.update(Action::SearchHistoryPrevious);
    assert_eq!(app.search.line.value(), "formula");
    app.update(Action::SearchHistoryPrevious);
    assert_eq!(app.search.line.value(), "land");
    app.update(Action::SearchHistoryNext);
    assert_eq!(app.search.line.value(), "formula");
    app.update(Action::SearchHistoryNext);
    assert_eq!(app.search.line.value(), "");
}

#[test]
fn order_toggles_between_relevance_and_date() {
    let mut app = shipped();
    let before = app.search.order;
    app.update(Action::ToggleOrder);
    assert_ne!(app.search.order, before);
}

#[test]
fn every_action_in_the_keymap_leaves_the_state_consistent() {
    for binding in BINDINGS {
        for start in View::ALL {
            let mut app = shipped();
            app.update(Action::Show(start));
            match binding.mode {
                Mode::Search => app.update(Action::StartSearch),
                Mode::Popup => app.update(Action::Open),
                // A briefing opened from a folder: its keys apply in Normal.
                Mode::Normal | Mode::Folder => app.from_folder = true,
                // The picker's own: `picker` tests them.
                Mode::Picker | Mode::PickerFilter => continue,
            }
            app.update(binding.action);
            let items = app.items(app.view).len();
            assert!(
                app.selected_index(app.view) < items.max(1),
                "{:?} in {start:?}",
                binding.action
            );
            assert!(app.party < app.briefing.parties.len());
            assert!(app.first_column + app.visible_columns() <= app.columns().len());
        }
    }
}

#[test]
fn the_status_line_says_where_a_copy_went() {
    let mut app = shipped();
    let copied = parley::clipboard::Copied::File {
        path: "/home/me/.local/state/parley/copied.txt".into(),
        in_tmux: true,
    };
    app.copied(&copied);
    let message = app.message.clone().unwrap();
    assert!(
        message.contains("saved to /home/me/.local/state/parley/copied.txt"),
        "{message}"
    );
    assert!(message.contains("set-clipboard on"), "{message}");
}
