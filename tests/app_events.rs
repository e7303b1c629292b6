//! Every source of change goes through `App::update`: reloads, search
//! answers from the worker, pastes, bursts of keys and signals, driven as
//! events with no terminal at all. Each path here once changed state
//! outside `update`, or did too much work inside it.

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use parley::action::Action;
use parley::app::{App, Effect, Popup, QUERY_MAX_CHARS, SEARCH_INLINE_LIMIT, View, run_request};
use parley::briefing::FileError;
use parley::briefing::articles::Articles;
use parley::event::Event;
use parley::loader::{Fingerprint, Fresh, LoadError, Outcome};
use parley::search::Index;
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// More quotes than a search answers inline: searches go to the worker.
const LARGE: usize = SEARCH_INLINE_LIMIT + 500;
/// Fewer, still searched on the worker.
const SMALLER: usize = SEARCH_INLINE_LIMIT + 100;

fn fresh(quotes: usize) -> Fresh {
    let briefing = Arc::new(common::loaded(&common::archive(quotes)).briefing);
    Fresh {
        name: "archive.toml".into(),
        index: Arc::new(Index::new(Arc::clone(&briefing))),
        articles: Arc::new(Articles::read(&briefing, None)),
        briefing,
        fingerprint: None,
        compared: None,
        compared_as_earlier: None,
    }
}

/// An app on an archive of `quotes` quotes, read from a file, every search
/// it asked for answered.
fn app_of(quotes: usize) -> App {
    let mut app = App::opened(fresh(quotes), Theme::builtin("dark").unwrap());
    app.reloadable = true;
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    answer_searches(&mut app);
    app
}

/// What the search worker would answer to the searches the app asked for.
fn worker_answers(app: &mut App) -> Vec<Event> {
    let mut answers = Vec::new();
    app.effects.retain(|effect| match effect {
        Effect::Search(request) => {
            let hits = run_request(&app.index, request, &AtomicBool::new(false)).unwrap();
            answers.push(Event::SearchAnswered {
                generation: request.generation,
                query: request.query.clone(),
                hits,
            });
            false
        }
        _ => true,
    });
    answers
}

fn answer_searches(app: &mut App) {
    for answer in worker_answers(app) {
        app.update(answer);
    }
}

/// The generation of the load the app asked the loader thread for.
fn load_asked_for(app: &mut App) -> (u64, Option<Fingerprint>) {
    let at = app
        .effects
        .iter()
        .position(|e| matches!(e, Effect::Load { .. }))
        .expect("a load was asked for");
    match app.effects.remove(at) {
        Effect::Load { generation, known } => (generation, known),
        _ => unreachable!(),
    }
}

/// The file changes on disk and the loader thread comes back with `outcome`.
fn file_changes_to(app: &mut App, outcome: Outcome) -> bool {
    app.update(Event::FileChanged);
    let (generation, _) = load_asked_for(app);
    app.update_all([Event::Loaded {
        generation,
        outcome: Box::new(outcome),
    }])
}

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
    format!("{}", terminal.backend())
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn a_reload_that_shrinks_the_archive_under_the_last_selected_quote() {
    let mut app = app_of(LARGE);
    app.update(Action::Show(View::Quotes));
    app.update(Action::Bottom);
    assert_eq!(app.selected_index(View::Quotes), LARGE - 1);
    draw(&app);

    // Saved with fewer quotes: the new search runs on the worker, and
    // meanwhile no hit of the old archive may reach the screen.
    assert!(file_changes_to(&mut app, Outcome::Loaded(fresh(SMALLER))));
    assert!(app.search.pending);
    assert!(app.search.results.iter().all(|hit| hit.quote < SMALLER));
    draw(&app);

    answer_searches(&mut app);
    assert_eq!(app.search.results.len(), SMALLER);
    assert_eq!(
        app.selected_index(View::Quotes),
        SMALLER - 1,
        "the selection comes back, within the new bounds"
    );
    assert!(draw(&app).contains(&format!("Quote {} ", SMALLER - 1)));
}

#[test]
fn a_search_answer_for_the_old_briefing_is_dropped_after_a_reload() {
    let mut app = app_of(LARGE);
    app.update(Action::StartSearch);
    for c in "quote 50".chars() {
        app.update(Action::SearchInput(c));
    }
    // The worker answers against the old archive, but the answers arrive
    // after the reload.
    let stale = worker_answers(&mut app);
    assert!(!stale.is_empty());
    file_changes_to(&mut app, Outcome::Loaded(fresh(SMALLER)));
    for answer in stale {
        assert!(!app.update_all([answer]), "a stale answer changes nothing");
    }
    assert!(app.search.pending, "still waiting for the new answer");
    assert!(app.search.results.is_empty());
    draw(&app);

    answer_searches(&mut app);
    assert!(!app.search.pending);
    assert!(!app.search.results.is_empty());
    assert!(app.search.results.iter().all(|hit| hit.quote < SMALLER));
    draw(&app);
}

#[test]
fn a_reload_during_a_search_searches_the_new_briefing() {
    let mut app = app_of(LARGE);
    app.update(Action::StartSearch);
    for c in "harbour".chars() {
        app.update(Action::SearchInput(c));
    }
    assert!(app.search.pending, "the search is still running");
    app.effects.clear(); // the worker never answers the old request

    file_changes_to(&mut app, Outcome::Loaded(fresh(SMALLER)));
    let asked: Vec<u64> = app
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Search(request) => Some(request.generation),
            _ => None,
        })
        .collect();
    assert_eq!(
        asked,
        [app.search.generation],
        "one search, of the new briefing"
    );
    answer_searches(&mut app);
    assert_eq!(app.search.line.value(), "harbour", "the query is kept");
    assert_eq!(app.search.results.len(), SMALLER);
    assert_eq!(app.mode(), parley::keymap::Mode::Search);
}

#[test]
fn a_file_event_that_finds_the_same_content_changes_nothing() {
    let mut app = app_of(20);
    let known = Fingerprint {
        size: 10,
        modified: None,
        hash: 7,
    };
    app.fingerprint = Some(known);
    app.update(Action::Open);
    assert!(matches!(app.popup, Some(Popup::Detail(_))));

    // Another program read the file: the loader finds the content unchanged.
    app.update(Event::FileChanged);
    assert!(app.wants_ticks(), "progress while the loader looks");
    let (generation, asked_known) = load_asked_for(&mut app);
    assert_eq!(asked_known, Some(known), "only new content is loaded");
    let changed = app.update_all([Event::Loaded {
        generation,
        outcome: Box::new(Outcome::Unchanged(known)),
    }]);
    assert!(!changed, "nothing to draw");
    assert!(
        matches!(app.popup, Some(Popup::Detail(_))),
        "the popup stays open"
    );
    assert_eq!(app.message, None);
    assert!(!app.wants_ticks(), "an idle dashboard sleeps");
    assert!(!app.update_all([Event::Tick]), "and a tick draws nothing");
}

#[test]
fn only_the_newest_load_counts_and_a_broken_one_keeps_the_last_good_briefing() {
    let mut app = app_of(20);
    app.update(Event::FileChanged);
    let (older, _) = load_asked_for(&mut app);
    app.update(Event::FileChanged);
    let (newer, _) = load_asked_for(&mut app);
    assert!(newer > older);
    app.update(Event::Loaded {
        generation: older,
        outcome: Box::new(Outcome::Loaded(fresh(3))),
    });
    assert_eq!(app.briefing.quotes.len(), 20, "an older load is dropped");
    let empty = FileError::Empty {
        name: "archive.toml".into(),
    };
    app.update(Event::Loaded {
        generation: newer,
        outcome: Box::new(Outcome::Failed(LoadError::File(empty))),
    });
    assert_eq!(app.briefing.quotes.len(), 20);
    let banner = app.banner.as_deref().unwrap();
    assert!(
        banner.contains("archive.toml: error: the file is empty")
            && banner.ends_with("(showing the last good version)"),
        "{banner}"
    );
    assert!(file_changes_to(&mut app, Outcome::Loaded(fresh(5))));
    assert_eq!(app.briefing.quotes.len(), 5);
    assert_eq!(app.banner, None, "a good load clears the error");
    assert_eq!(app.message.as_deref(), Some("reloaded"));
}

#[test]
fn a_paste_is_one_edit_and_one_search() {
    let mut app = app_of(20);
    app.update(Action::StartSearch);
    let generation = app.search.generation;
    app.update(Event::Paste("harbour\nceasefire\tline\x1b".into()));
    assert_eq!(app.search.line.value(), "harbour ceasefire line");
    assert_eq!(app.search.line.cursor(), 22);
    assert_eq!(app.search.generation, generation + 1, "searched once");
    assert_eq!(app.search.results.len(), 20);

    // Outside the search line a paste does nothing.
    app.update(Action::Back);
    let view = app.view;
    assert!(!app.update_all([Event::Paste("q".into())]));
    assert!(!app.quit);
    assert_eq!(app.view, view);
}

#[test]
fn a_burst_of_keys_is_searched_once_after_the_last() {
    let mut app = app_of(20);
    app.update(Action::StartSearch);
    let generation = app.search.generation;
    assert!(app.update_all("quote 7 harbour".chars().map(key)));
    assert_eq!(app.search.line.value(), "quote 7 harbour");
    assert_eq!(app.search.generation, generation + 1, "searched once");
    assert_eq!(app.search.results.first().map(|hit| hit.quote), Some(7));

    // A key that reads the results in the same burst sees them up to date.
    let mut burst = vec![ctrl('u')];
    burst.extend("quote 12".chars().map(key));
    burst.push(Event::Key(KeyEvent::from(KeyCode::Enter)));
    app.update_all(burst);
    assert_eq!(app.search.line.value(), "quote 12");
    assert!(
        matches!(app.popup, Some(Popup::Detail(parley::app::Item::Quote(12)))),
        "Enter opened the best hit of the query as typed: {:?}",
        app.popup
    );
}

#[test]
fn the_query_has_a_length_cap_that_says_so() {
    let mut app = app_of(20);
    app.update(Action::StartSearch);
    app.update(Event::Paste("harbour ".repeat(125_000))); // 1 MB
    assert_eq!(app.search.line.value().chars().count(), QUERY_MAX_CHARS);
    let message = app.message.clone().unwrap();
    assert!(
        message.contains(&format!("at most {QUERY_MAX_CHARS} characters")),
        "{message}"
    );
    app.message = None;
    app.update(Action::SearchInput('x'));
    assert_eq!(app.search.line.value().chars().count(), QUERY_MAX_CHARS);
    assert!(!app.search.line.value().ends_with('x'));
    assert!(app.message.is_some(), "typing past the cap says so too");
}

#[test]
fn quitting_comes_before_the_work_queued_with_it() {
    let mut app = app_of(20);
    app.update(Action::StartSearch);
    let generation = app.search.generation;
    app.update_all([
        Event::Paste("harbour ".repeat(125_000)),
        key('a'),
        ctrl('c'),
        key('b'),
    ]);
    assert!(app.quit);
    assert_eq!(
        app.search.line.value(),
        "",
        "nothing queued before the quit was done"
    );
    assert_eq!(app.search.generation, generation, "no search ran");
}

#[test]
fn a_signal_quits_and_is_kept_for_the_exit_status() {
    let mut app = app_of(20);
    app.update_all([key('j'), Event::Signal(15)]);
    assert!(app.quit);
    assert_eq!(app.signal, Some(15));

    let mut app = app_of(20);
    app.update(ctrl('z'));
    assert_eq!(app.effects, [Effect::Suspend]);
    assert!(!app.quit);
}
