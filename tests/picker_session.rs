//! `parley DIR` without a terminal: the session of a picker and the briefing
//! it opens, driven by events as the run loop drives it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

mod common;

use parley::action::Action;
use parley::app::{App, Popup};
use parley::briefing::rounds::list;
use parley::event::Event;
use parley::history::History;
use parley::loader::{LoadRequest, Outcome, load};
use parley::picker::Picker;
use parley::session::{Request, Session};
use parley::theme::Theme;
use parley::view::Mode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn session(dir: &Path) -> Session {
    let mut picker = Picker::new("rounds", Theme::default());
    picker.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let mut session = Session::folder(picker, History::in_memory());
    session.update(Event::Listed(Ok(list(dir, u64::MAX).unwrap())));
    session
}

fn press(session: &mut Session, code: KeyCode) {
    session.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Carries out what the session asked to open, as the run loop does (a
/// reading of the folder, asked for by `b`, is left aside).
fn open_requested(session: &mut Session) -> PathBuf {
    let mut requests = session.take_requests();
    requests.retain(|request| *request != Request::List);
    let [
        Request::Open {
            generation,
            path,
            earlier_round_of,
        },
    ] = requests.as_slice()
    else {
        panic!("expected one briefing to open: {requests:?}");
    };
    let mut outcome = load(&LoadRequest {
        generation: *generation,
        path: Some(path.clone()),
        max_bytes: u64::MAX,
        known: None,
    });
    if let (Outcome::Loaded(fresh), Some(newer)) = (&mut outcome, earlier_round_of) {
        fresh.compare_as_earlier_round_of(Arc::clone(newer));
    }
    session.update(Event::Opened {
        generation: *generation,
        outcome: Box::new(outcome),
    });
    path.clone()
}

fn app(session: &Session) -> &App {
    session.app.as_ref().expect("a briefing is open")
}

fn picker(session: &Session) -> &Picker {
    session.picker.as_ref().unwrap()
}

#[test]
fn enter_opens_the_briefing_and_b_goes_back_to_the_picker_as_it_was() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Char('/'));
    for c in "kelmar".chars() {
        press(&mut session, KeyCode::Char(c));
    }
    press(&mut session, KeyCode::Down);
    press(&mut session, KeyCode::Enter);
    let opened = open_requested(&mut session);
    assert_eq!(opened, dir.path().join("round2.toml"));
    assert_eq!(session.path(), Some(opened.as_path()));
    assert!(app(&session).briefing.meta.title.ends_with("round 2"));
    assert!(app(&session).from_folder);
    assert_eq!((app(&session).width, app(&session).height), (100, 30));

    // In the dashboard's search line, b is typed.
    press(&mut session, KeyCode::Char('/'));
    press(&mut session, KeyCode::Char('b'));
    assert_eq!(app(&session).search.line.value(), "b");
    press(&mut session, KeyCode::Esc);

    press(&mut session, KeyCode::Char('b'));
    assert!(session.app.is_none(), "b leaves the briefing");
    assert_eq!(session.path(), None);
    let picker = picker(&session);
    assert_eq!(picker.filter.value(), "kelmar");
    assert_eq!(
        picker.selected_summary().unwrap().relative,
        "round2.toml",
        "the selection as it was"
    );
    assert!(!session.quit());
}

#[test]
fn d_compares_with_the_previous_round_or_says_there_is_none() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    assert!(app(&session).comparison.is_none());
    press(&mut session, KeyCode::Char('D'));
    assert_eq!(
        app(&session).message.as_deref(),
        Some("comparing with round2.toml…")
    );
    let loaded = open_requested(&mut session);
    assert_eq!(loaded, dir.path().join("round2.toml"));
    let app_now = app(&session);
    assert!(
        app_now.briefing.meta.title.ends_with("round 3"),
        "still round 3"
    );
    let comparison = app_now.comparison.as_ref().expect("compared with round 2");
    assert_eq!(comparison.label, "round2.toml");
    assert!(comparison.old.meta.title.ends_with("round 2"));
    assert_eq!(
        app_now.message.as_deref(),
        Some("compared with round2.toml: d lists what moved")
    );
    press(&mut session, KeyCode::Char('b'));
    press(&mut session, KeyCode::End);
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    press(&mut session, KeyCode::Char('D'));
    let message = app(&session).message.clone().unwrap();
    assert!(message.starts_with("no previous round"), "{message}");
}

#[test]
fn q_in_a_briefing_quits_parley_and_the_keys_apply_only_when_nothing_else_has_them() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    press(&mut session, KeyCode::Char('?'));
    press(&mut session, KeyCode::Char('b'));
    assert!(session.app.is_some(), "the help popup has the keyboard");
    assert_eq!(app(&session).popup, Some(Popup::Help));
    press(&mut session, KeyCode::Esc);
    press(&mut session, KeyCode::Char('q'));
    assert!(session.quit());
}

#[test]
fn a_briefing_opened_alone_has_no_b_and_its_help_does_not_name_it() {
    let dir = common::rounds_folder(&[]);
    let request = LoadRequest {
        generation: 0,
        path: Some(dir.path().join("round3.toml")),
        max_bytes: u64::MAX,
        known: None,
    };
    let parley::loader::Outcome::Loaded(fresh) = load(&request) else {
        panic!("round3 loads");
    };
    let mut alone = Session::dashboard(App::opened(fresh, Theme::default()), request.path);
    press(&mut alone, KeyCode::Char('b'));
    press(&mut alone, KeyCode::Char('D'));
    assert!(alone.app.is_some());
    assert_eq!(app(&alone).message, None);
    let keymap = &app(&alone).keymap;
    let b = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE);
    assert_eq!(keymap.action_for(Mode::Normal, b), None, "b is free");

    let help = |app: &mut App| {
        app.update(Action::Resize {
            width: 120,
            height: 200,
        });
        app.update(Action::ToggleHelp);
        let mut terminal = Terminal::new(TestBackend::new(120, 200)).unwrap();
        terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
        format!("{}", terminal.backend())
    };
    let alone_help = help(alone.app.as_mut().unwrap());
    assert!(alone_help.contains("quit"), "{alone_help}");
    assert!(!alone_help.contains("back to the folder's briefings"));

    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    let folder_help = help(session.app.as_mut().unwrap());
    assert!(folder_help.contains("back to the folder's briefings"));
    assert!(folder_help.contains("compare with the previous round in the folder"));
}

#[test]
fn an_invalid_file_is_not_opened_and_a_file_broken_since_the_listing_says_why() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    std::fs::write(dir.path().join("round3.toml"), "format = 1\n").unwrap();
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    assert!(session.app.is_none());
    let message = picker(&session).message.clone().unwrap();
    assert!(
        message.starts_with("cannot open: ") && message.contains("round3.toml"),
        "{message}"
    );
}

#[test]
fn the_status_bar_of_a_briefing_from_the_folder_names_the_way_back() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    let app = app(&session);
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
    let status = format!("{}", terminal.backend());
    let status = status.lines().last().unwrap().to_string();
    assert!(
        status.contains("? keys  b briefings  D previous round"),
        "{status}"
    );
}

#[test]
fn a_previous_round_that_loads_after_b_compares_nothing() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    press(&mut session, KeyCode::Char('D'));
    let compare = session.take_requests();
    press(&mut session, KeyCode::Char('b'));
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    // Round 2 arrives for the briefing left, once another is open.
    session.requests = compare;
    open_requested(&mut session);
    assert!(app(&session).comparison.is_none());
}

#[test]
fn b_after_q_in_one_batch_does_not_undo_the_quit() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    session.update_all([key('q'), key('b')]);
    assert!(session.quit());
}

/// `D` asks for the previous round with the briefing on screen, so the
/// loader compares the two on its thread; the session takes that
/// comparison as it comes, and makes its own only when the briefing on
/// screen is another by then.
#[test]
fn d_takes_the_comparison_made_on_the_loader_thread_for_the_briefing_on_screen() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    let on_screen = Arc::clone(&app(&session).briefing);

    for (same_briefing, expected_departed) in [(true, 0), (false, 1)] {
        press(&mut session, KeyCode::Char('D'));
        let requests = session.take_requests();
        let [
            Request::Open {
                generation,
                path,
                earlier_round_of: Some(newer),
            },
        ] = requests.as_slice()
        else {
            panic!("D asks for the previous round with the briefing on screen: {requests:?}");
        };
        assert!(Arc::ptr_eq(newer, &on_screen));
        let Outcome::Loaded(mut fresh) = load(&LoadRequest {
            generation: *generation,
            path: Some(path.clone()),
            max_bytes: u64::MAX,
            known: None,
        }) else {
            panic!("round 2 loads");
        };
        // Compared on the loader thread with round 3 as the screen has it,
        // or with a copy of it (the briefing on screen having been replaced).
        let against = if same_briefing {
            Arc::clone(newer)
        } else {
            Arc::new((**newer).clone())
        };
        fresh.compare_as_earlier_round_of(against);
        // Marked, so that taking it as it came shows: no one departed.
        fresh.compared_as_earlier.as_mut().unwrap().since = parley::diff::Since::default();
        session.update(Event::Opened {
            generation: *generation,
            outcome: Box::new(Outcome::Loaded(fresh)),
        });
        let comparison = app(&session).comparison.as_ref().expect("compared");
        assert_eq!(
            comparison.since.departed("coast").len(),
            expected_departed,
            "taken from the loader: {same_briefing}"
        );
    }
}

/// Back in the picker, the folder is read again: the briefing may have
/// been edited while it was open.
#[test]
fn b_reads_the_folder_again() {
    let dir = common::rounds_folder(&[]);
    let mut session = session(dir.path());
    press(&mut session, KeyCode::Enter);
    open_requested(&mut session);
    press(&mut session, KeyCode::Char('b'));
    assert!(session.app.is_none());
    assert_eq!(session.take_requests(), [Request::List]);
}
