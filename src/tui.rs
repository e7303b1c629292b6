//! The run loop: the only code that knows about the real terminal.
//!
//! Every source of change sends an [`Event`] into one queue: a thread
//! reading the terminal, one watching signals, the file watcher, the loader
//! and the search worker. The loop waits on that queue (no polling: an idle
//! dashboard sleeps), hands each batch of events to `App::update_all`,
//! carries out the effects `update` asks for, and draws only when an event
//! changed something. The terminal is given back on every way out: quit,
//! Ctrl-C, a panic, SIGTERM, SIGHUP, SIGQUIT, SIGINT; Ctrl-Z gives it back
//! until `fg`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use crate::action::Action;
use crate::app::{App, Effect, SearchRequest, run_request};
use crate::clipboard::Clipboard;
use crate::event::Event;
use crate::keymap::Keymap;
use crate::loader::{self, Fresh, LoadError, LoadRequest, Outcome};
use crate::search::Index;
use crate::session::{Request, Session};

/// How saves to the briefing file are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Not at all (`--no-watch`); `r` still reloads.
    Off,
    /// By file system events, falling back to polling where there are none.
    Events,
    /// By looking at the file every second (`--poll`).
    Poll,
}

/// Where the briefing comes from, for the first load and every reload.
pub struct Origin {
    /// `None`: the briefing built into parley.
    pub path: Option<PathBuf>,
    pub max_bytes: u64,
    pub follow: Follow,
}

impl Origin {
    fn request(&self, generation: u64, known: Option<loader::Fingerprint>) -> LoadRequest {
        LoadRequest {
            generation,
            path: self.path.clone(),
            max_bytes: self.max_bytes,
            known,
        }
    }
}

/// How the dashboard ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal ended it: the exit status is 128 + N.
    Signal(i32),
}

/// Why the dashboard could not run.
pub enum Stopped {
    /// The briefing could not be loaded.
    Load(LoadError),
    /// The terminal failed.
    Terminal(String),
}

fn terminal_failed(error: impl Into<anyhow::Error>) -> Stopped {
    Stopped::Terminal(format!("parley: {}", error.into()))
}

/// How often progress is redrawn while a load runs.
const TICK: Duration = Duration::from_millis(100);

/// At most this many queued events are applied between two frames, so a
/// flood of keys still shows progress and a search per batch.
const MAX_BATCH: usize = 4_096;

/// Opens the dashboard: the terminal is taken at once and the briefing is
/// loaded on the loader thread behind a progress screen, so a large archive
/// can be quit while it loads (with the keys of `keymap`). `make_app`
/// builds the app on the loaded briefing; its history is saved however the
/// loop ends.
pub fn run(
    origin: Origin,
    keymap: &Keymap,
    make_app: impl FnOnce(Fresh) -> App,
) -> Result<Ending, Stopped> {
    with_terminal(|terminal, inbox, events| {
        let name = origin.path.as_ref().map(|p| p.display().to_string());
        match load_behind_progress(terminal, &origin, keymap, name, inbox, events)? {
            Err(ending) => Ok(ending),
            Ok(fresh) => {
                let mut session = Session::dashboard(make_app(fresh), origin.path.clone());
                drive(terminal, &mut session, &origin, None, inbox, events)
            }
        }
    })
}

/// Opens the picker of the briefings under `folder` (`parley DIR`): the
/// folder is read on a thread of its own while the picker shows, and each
/// briefing it opens is loaded on the loader thread and followed as
/// `origin` says (its `path` is not used). The history is saved however
/// the loop ends.
pub fn run_folder(folder: PathBuf, origin: Origin, session: Session) -> Result<Ending, Stopped> {
    with_terminal(|terminal, inbox, events| {
        list_folder(folder.clone(), origin.max_bytes, events);
        let mut session = session;
        drive(
            terminal,
            &mut session,
            &origin,
            Some(&folder),
            inbox,
            events,
        )
    })
}

/// Reads the briefings under `folder` on a thread of its own; the listing
/// comes back as `Event::Listed`.
fn list_folder(folder: PathBuf, max_bytes: u64, events: &Sender<Event>) {
    let sender = events.clone();
    std::thread::spawn(move || {
        let listed =
            crate::briefing::rounds::list(&folder, max_bytes).map_err(|error| error.to_string());
        let _ = sender.send(Event::Listed(listed));
    });
}

/// Takes the terminal, runs `body` with the event queue (the terminal and
/// signals already feeding it), and gives the terminal back.
fn with_terminal(
    body: impl FnOnce(
        &mut ratatui::DefaultTerminal,
        &Receiver<Event>,
        &Sender<Event>,
    ) -> Result<Ending, Stopped>,
) -> Result<Ending, Stopped> {
    let (events, inbox) = channel();
    let stopping = watch_signals(events.clone()).map_err(terminal_failed)?;
    install_panic_hook();
    let mut terminal = ratatui::init();
    let result = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste)
        .map_err(terminal_failed)
        .and_then(|()| {
            read_terminal(events.clone());
            body(&mut terminal, &inbox, &events)
        });
    restore();
    stopping.store(true, Ordering::Relaxed);
    result
}

/// Runs the loop on `session` until it quits; saves the search history.
/// `folder`: the picker's, read again when the session asks.
fn drive(
    terminal: &mut ratatui::DefaultTerminal,
    session: &mut Session,
    origin: &Origin,
    folder: Option<&Path>,
    inbox: &Receiver<Event>,
    events: &Sender<Event>,
) -> Result<Ending, Stopped> {
    let looped = event_loop(terminal, session, origin, folder, inbox, events);
    // Losing the history is not worth failing the quit over.
    let _ = session.history_mut().save();
    looped.map_err(terminal_failed)?;
    Ok(session.signal().map_or(Ending::Quit, Ending::Signal))
}

/// Reads the terminal on a thread of its own, so the loop can wait on all
/// sources at once. Reading goes on until nothing is pending (crossterm's
/// poll(2) source: see Cargo.toml), so a burst of keys arrives whole.
fn read_terminal(events: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            let event = match event::read() {
                Ok(event) => Event::from_terminal(event),
                Err(_) => Some(Event::InputClosed),
            };
            let closed = matches!(event, Some(Event::InputClosed));
            if let Some(event) = event
                && (events.send(event).is_err() || closed)
            {
                return;
            }
        }
    });
}

/// Loads the briefing on the loader thread, drawing a progress screen until
/// it is done. `Err(ending)` when the person quit or a signal came first.
fn load_behind_progress(
    terminal: &mut ratatui::DefaultTerminal,
    origin: &Origin,
    keymap: &Keymap,
    name: Option<String>,
    inbox: &Receiver<Event>,
    events: &Sender<Event>,
) -> Result<Result<Fresh, Ending>, Stopped> {
    let sender = events.clone();
    loader::spawn(origin.request(0, None), None, move |generation, outcome| {
        let _ = sender.send(Event::Loaded {
            generation,
            outcome: Box::new(outcome),
        });
    });
    let started = Instant::now();
    loop {
        // Most briefings open before the first frame would show.
        let event = match inbox.recv_timeout(if started.elapsed() < TICK {
            TICK / 2
        } else {
            TICK
        }) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(Err(Ending::Quit)),
        };
        match event {
            Some(Event::Loaded { outcome, .. }) => {
                return match *outcome {
                    Outcome::Loaded(fresh) => Ok(Ok(fresh)),
                    Outcome::Failed(error) => Err(Stopped::Load(error)),
                    Outcome::Unchanged(_) => unreachable!("a first load knows no content"),
                };
            }
            Some(Event::Signal(signal)) => return Ok(Err(Ending::Signal(signal))),
            Some(Event::InputClosed) => return Ok(Err(Ending::Quit)),
            Some(Event::Key(key))
                if keymap.action_for(crate::keymap::Mode::Normal, key) == Some(Action::Quit) =>
            {
                return Ok(Err(Ending::Quit));
            }
            Some(Event::Suspend) => suspend(terminal).map_err(terminal_failed)?,
            Some(Event::Resumed) => take_terminal(terminal).map_err(terminal_failed)?,
            _ => {}
        }
        let elapsed = started.elapsed().as_secs_f64();
        terminal
            .draw(|frame| crate::ui::loading(frame, keymap, name.as_deref(), elapsed))
            .map_err(terminal_failed)?;
    }
}

/// How long the run loop has to act on a signal before parley leaves anyway.
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

/// Turns signals into events. SIGTERM, SIGHUP, SIGQUIT and SIGINT end the
/// loop through its normal quit path; SIGTSTP suspends, SIGCONT redraws.
/// When the terminal has gone away (the usual reason for a SIGHUP), the
/// loop can block on it for good: if it has not finished after a grace
/// period, this thread restores what it can and ends the process with the
/// same status. The returned flag tells it the loop has finished.
fn watch_signals(events: Sender<Event>) -> std::io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let finished = Arc::new(AtomicBool::new(false));
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGTSTP, SIGCONT])?;
    let done = Arc::clone(&finished);
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let event = match signal {
                SIGTSTP => Event::Suspend,
                SIGCONT => Event::Resumed,
                _ => Event::Signal(signal),
            };
            let ends = matches!(event, Event::Signal(_));
            let _ = events.send(event);
            if ends {
                std::thread::sleep(SIGNAL_GRACE);
                if !done.load(Ordering::Relaxed) {
                    restore();
                    std::process::exit(128 + signal);
                }
                return;
            }
        }
    });
    Ok(finished)
}

/// Undoes everything `run` set up; safe to call twice.
fn restore() {
    release_mouse_and_paste();
    ratatui::restore();
}

/// What `run` turns on beyond what `ratatui::init` does.
fn release_mouse_and_paste() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
}

/// Sets the terminal up again as `run` did (after a stop), and has the
/// next frame drawn whole.
fn take_terminal(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    // Not `Terminal::clear`: it asks the terminal where the cursor is, and
    // the answer would go to the thread reading the keys. A blank frame on
    // the blank screen makes the next frame draw every cell.
    terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
    Ok(())
}

/// Ctrl-Z: gives the terminal back and stops, as a shell job does; `fg`
/// continues here.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    take_terminal(terminal)
}

/// `ratatui::init` restores raw mode and the alternate screen on a panic;
/// this also turns mouse capture and bracketed paste off, before the panic
/// message prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release_mouse_and_paste();
        previous(info);
    }));
}

/// Searches a large archive off the UI thread. Each request cancels the one
/// before it, so the newest keystroke is answered first.
struct SearchWorker {
    jobs: Sender<(SearchRequest, Arc<Index>, Arc<AtomicBool>)>,
    running: Option<Arc<AtomicBool>>,
}

impl SearchWorker {
    fn start(answers: Sender<Event>) -> Self {
        let (jobs, inbox) = channel::<(SearchRequest, Arc<Index>, Arc<AtomicBool>)>();
        std::thread::spawn(move || {
            while let Ok(mut job) = inbox.recv() {
                // Only the newest waiting request matters.
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                }
                let (request, index, cancel) = job;
                if let Some(hits) = run_request(&index, &request, &cancel) {
                    let answer = Event::SearchAnswered {
                        generation: request.generation,
                        query: request.query,
                        hits,
                    };
                    if answers.send(answer).is_err() {
                        return;
                    }
                }
            }
        });
        Self {
            jobs,
            running: None,
        }
    }

    fn ask(&mut self, request: SearchRequest, index: Arc<Index>) {
        if let Some(previous) = self.running.take() {
            previous.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.running = Some(Arc::clone(&cancel));
        let _ = self.jobs.send((request, index, cancel));
    }
}

/// Follows saves to `path` as `follow` says, telling the session how.
fn follow(
    path: Option<&Path>,
    follow: Follow,
    session: &mut Session,
    events: &Sender<Event>,
) -> Option<crate::watch::Watch> {
    let path = path.filter(|_| follow != Follow::Off)?;
    let sender = events.clone();
    let changed = move || {
        let _ = sender.send(Event::FileChanged);
    };
    match crate::watch::start(path, follow == Follow::Poll, changed) {
        Ok(watch) => {
            if let Some(note) = &watch.note {
                session.update(Event::Watching(note.clone()));
            }
            Some(watch)
        }
        Err(error) => {
            session.update(Event::Watching(format!(
                "not following saves to the file ({error}): r reloads"
            )));
            None
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    session: &mut Session,
    origin: &Origin,
    folder: Option<&Path>,
    inbox: &Receiver<Event>,
    events: &Sender<Event>,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    session.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    // The watch of the briefing on screen; without a file there is nothing
    // to watch. A briefing opened from a folder gets its own.
    let mut watched = session.path().map(Path::to_path_buf);
    let mut _watch = follow(watched.as_deref(), origin.follow, session, events);
    let mut searcher = SearchWorker::start(events.clone());
    let mut clipboard = Clipboard::new(crate::clipboard::default_file());
    // For the end-to-end test of the panic path: a panic after the first
    // frame must still give the terminal back, then print its message.
    let panic_for_test = std::env::var_os("PARLEY_TEST_PANIC").is_some();
    let mut dirty = true;
    loop {
        if session.path() != watched.as_deref() {
            watched = session.path().map(Path::to_path_buf);
            _watch = follow(watched.as_deref(), origin.follow, session, events);
        }
        for request in session.take_requests() {
            let effect = match request {
                Request::Effect(effect) => effect,
                Request::List => {
                    if let Some(folder) = folder {
                        list_folder(folder.to_path_buf(), origin.max_bytes, events);
                    }
                    continue;
                }
                Request::Open {
                    generation,
                    path,
                    earlier_round_of,
                } => {
                    let sender = events.clone();
                    let request = LoadRequest {
                        generation,
                        path: Some(path),
                        max_bytes: origin.max_bytes,
                        known: None,
                    };
                    loader::spawn(request, None, move |generation, mut outcome| {
                        // On the loader's thread: `D` costs the screen nothing.
                        if let (Outcome::Loaded(fresh), Some(newer)) =
                            (&mut outcome, earlier_round_of)
                        {
                            fresh.compare_as_earlier_round_of(newer);
                        }
                        let _ = sender.send(Event::Opened {
                            generation,
                            outcome: Box::new(outcome),
                        });
                    });
                    continue;
                }
            };
            match effect {
                Effect::Copy(text) => {
                    let copied = clipboard.copy(&text, &mut std::io::stdout());
                    let _ = events.send(Event::Copied(copied));
                }
                Effect::Load { generation, known } => {
                    let sender = events.clone();
                    let request = LoadRequest {
                        generation,
                        path: session.path().map(Path::to_path_buf),
                        max_bytes: origin.max_bytes,
                        known,
                    };
                    // A reload comes compared with the same old round.
                    let old = session
                        .app
                        .as_ref()
                        .and_then(|app| app.comparison.as_ref())
                        .map(|c| Arc::clone(&c.old));
                    loader::spawn(request, old, move |generation, outcome| {
                        let _ = sender.send(Event::Loaded {
                            generation,
                            outcome: Box::new(outcome),
                        });
                    });
                }
                Effect::Search(request) => {
                    if let Some(app) = &session.app {
                        searcher.ask(request, Arc::clone(&app.index))
                    }
                }
                Effect::Suspend => {
                    suspend(terminal)?;
                    dirty = true;
                }
                Effect::Resume => {
                    take_terminal(terminal)?;
                    dirty = true;
                }
            }
        }
        if session.quit() {
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| match (&session.app, &session.picker) {
                (Some(app), _) => crate::ui::draw(frame, app),
                (None, Some(picker)) => crate::ui::picker::draw(frame, picker),
                (None, None) => {}
            })?;
            dirty = false;
            assert!(
                !panic_for_test,
                "PARLEY_TEST_PANIC is set: panicking on purpose"
            );
        }
        // Sleeps until something happens; ticks only while a load runs.
        let first = if session.wants_ticks() {
            match inbox.recv_timeout(TICK) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => Event::Tick,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match inbox.recv() {
                Ok(event) => event,
                Err(_) => return Ok(()),
            }
        };
        // Everything already queued goes in the same batch: a burst of
        // keys costs one search and one frame.
        let batch = std::iter::once(first).chain(inbox.try_iter().take(MAX_BATCH));
        dirty |= session.update_all(batch);
    }
}
