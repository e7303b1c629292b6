//! The run loop: the only code that knows about the real terminal. It reads
//! events, maps them to actions, lets `App::update` act, carries out the
//! effects `update` asks for, and draws. The terminal is given back on every
//! way out: quit, Ctrl-C, a panic, SIGTERM, SIGHUP, SIGQUIT.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use base64::Engine;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::action::Action;
use crate::app::{App, Effect, SearchRequest, run_request};
use crate::briefing::articles::Articles;
use crate::briefing::diagnostic::render;
use crate::briefing::{Document, load};
use crate::keymap::{Mode, action_for};
use crate::search::Index;

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
/// The text is base64-encoded, so nothing in it can act on the terminal.
pub fn osc52(text: &str) -> String {
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

/// Where the briefing came from, for `r` (reload) and live reload.
pub struct Origin {
    pub path: Option<PathBuf>,
    pub max_bytes: u64,
    /// Follow saves to the file as they happen.
    pub watch: bool,
}

/// How long the file must be quiet before a change is read: editors write
/// a file in several steps.
const SETTLE: Duration = Duration::from_millis(200);

/// Watches the briefing file's folder (editors such as vim save by writing
/// a new file and renaming it over the old one, which a watch on the file
/// itself would lose) and signals when the file changes.
fn watch(path: &Path) -> anyhow::Result<(Debouncer<RecommendedWatcher>, Receiver<()>)> {
    let path = std::path::absolute(path)?;
    let folder = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = path.file_name().map(|n| n.to_os_string());
    let (changed, receiver) = channel();
    let mut debouncer = new_debouncer(SETTLE, move |result: DebounceEventResult| {
        if let Ok(events) = result
            && events
                .iter()
                .any(|e| e.path.file_name().map(|n| n.to_os_string()) == name)
        {
            let _ = changed.send(());
        }
    })?;
    debouncer
        .watcher()
        .watch(&folder, RecursiveMode::NonRecursive)?;
    Ok((debouncer, receiver))
}

/// What failed before the dashboard could open, and the exit status.
pub struct Failure {
    pub message: String,
    pub status: i32,
}

/// Opens the dashboard: the terminal is taken at once and the briefing is
/// loaded on another thread behind a progress screen, so a large archive
/// can be quit while it loads. `open` reads and checks the briefing and
/// builds the app.
pub fn run(
    origin: Origin,
    open: impl FnOnce() -> Result<App, Failure> + Send + 'static,
) -> Result<(), Failure> {
    let quit_signal = watch_signals().map_err(io_failure)?;
    install_panic_hook();
    let mut terminal = ratatui::init();
    let result = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste)
        .map_err(io_failure)
        .and_then(|()| {
            let name = origin.path.as_ref().map(|p| p.display().to_string());
            match load_behind_progress(&mut terminal, name, &quit_signal, open)? {
                Some(mut app) => {
                    event_loop(&mut terminal, &mut app, &origin, &quit_signal).map_err(io_failure)
                }
                None => Ok(()),
            }
        });
    restore();
    result
}

fn io_failure(error: impl Into<anyhow::Error>) -> Failure {
    Failure {
        message: format!("parley: {}", error.into()),
        status: crate::cli::exit::USAGE,
    }
}

/// Runs `open` on a thread, drawing a progress screen until it is done.
/// `None` when the person quit first.
fn load_behind_progress(
    terminal: &mut ratatui::DefaultTerminal,
    name: Option<String>,
    quit_signal: &AtomicBool,
    open: impl FnOnce() -> Result<App, Failure> + Send + 'static,
) -> Result<Option<App>, Failure> {
    let (done, opened) = channel();
    std::thread::spawn(move || {
        let _ = done.send(open());
    });
    let started = std::time::Instant::now();
    loop {
        // Most briefings open before the first frame would show.
        if let Ok(result) = opened.recv_timeout(Duration::from_millis(50)) {
            return result.map(Some);
        }
        if quit_signal.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let elapsed = started.elapsed().as_secs_f64();
        terminal
            .draw(|frame| crate::ui::loading(frame, name.as_deref(), elapsed))
            .map_err(io_failure)?;
        while event::poll(Duration::ZERO).map_err(io_failure)? {
            if let Event::Key(key) = event::read().map_err(io_failure)?
                && action_for(Mode::Normal, key) == Some(Action::Quit)
            {
                return Ok(None);
            }
        }
    }
}

/// How long the run loop has to notice a signal before parley leaves anyway.
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// SIGTERM, SIGHUP, SIGQUIT and SIGINT set the returned flag, which the run
/// loop checks between frames and quits through its normal path. When the
/// terminal has gone away (the usual reason for a SIGHUP), reading it can
/// block the loop for good; so if the loop has not finished after a grace
/// period, this thread restores what it can and ends the process.
fn watch_signals() -> std::io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let quit = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGINT])?;
    let flag = Arc::clone(&quit);
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            flag.store(true, Ordering::Relaxed);
            std::thread::sleep(SIGNAL_GRACE);
            restore();
            std::process::exit(0);
        }
    });
    Ok(quit)
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
    jobs: std::sync::mpsc::Sender<(SearchRequest, Arc<Index>, Arc<AtomicBool>)>,
    answers: Receiver<(u64, crate::search::Query, Vec<crate::search::Hit>)>,
    running: Option<Arc<AtomicBool>>,
}

impl SearchWorker {
    fn start() -> Self {
        let (jobs, inbox) = channel::<(SearchRequest, Arc<Index>, Arc<AtomicBool>)>();
        let (reply, answers) = channel();
        std::thread::spawn(move || {
            while let Ok(mut job) = inbox.recv() {
                // Only the newest waiting request matters.
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                }
                let (request, index, cancel) = job;
                if let Some(hits) = run_request(&index, &request, &cancel)
                    && reply
                        .send((request.generation, request.query, hits))
                        .is_err()
                {
                    return;
                }
            }
        });
        Self {
            jobs,
            answers,
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

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    origin: &Origin,
    quit_signal: &AtomicBool,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    // The watcher lives as long as the loop; without a file there is nothing to watch.
    let watcher = match (&origin.path, origin.watch) {
        (Some(path), true) => Some(watch(path)?),
        _ => None,
    };
    let mut searcher = SearchWorker::start();
    // For the end-to-end test of the panic path: a panic after the first
    // frame must still give the terminal back, then print its message.
    let panic_for_test = std::env::var_os("PARLEY_TEST_PANIC").is_some();
    while !app.quit && !quit_signal.load(Ordering::Relaxed) {
        if let Some((_, changes)) = &watcher
            && changes.try_iter().count() > 0
        {
            reload(app, origin);
        }
        for (generation, query, hits) in searcher.answers.try_iter() {
            app.receive_search(generation, query, hits);
        }
        for effect in std::mem::take(&mut app.effects) {
            match effect {
                Effect::Copy(text) => {
                    let mut out = std::io::stdout();
                    out.write_all(osc52(&text).as_bytes())?;
                    out.flush()?;
                }
                Effect::Reload => reload(app, origin),
                Effect::Search(request) => searcher.ask(request, Arc::clone(&app.index)),
            }
        }
        terminal.draw(|frame| crate::ui::draw(frame, app))?;
        assert!(
            !panic_for_test,
            "PARLEY_TEST_PANIC is set: panicking on purpose"
        );
        // Poll with a timeout so that signals, file changes and search
        // answers are noticed even when no key comes.
        let mut wait = Duration::from_millis(if app.search.pending { 5 } else { 100 });
        while event::poll(wait)? {
            for action in actions_for(app.mode(), event::read()?) {
                app.update(action);
            }
            // Take every key already typed before drawing again.
            wait = Duration::ZERO;
        }
    }
    // Losing the history is not worth failing the quit over.
    let _ = app.search.history.save();
    Ok(())
}

fn actions_for(mode: Mode, event: Event) -> Vec<Action> {
    match event {
        Event::Key(key) => action_for(mode, key).into_iter().collect(),
        Event::Resize(width, height) => vec![Action::Resize { width, height }],
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => vec![Action::Click {
                column: mouse.column,
                row: mouse.row,
            }],
            MouseEventKind::ScrollUp => vec![Action::ScrollUp],
            MouseEventKind::ScrollDown => vec![Action::ScrollDown],
            _ => Vec::new(),
        },
        // Pasted text is typed into the search line; control characters are dropped.
        Event::Paste(text) if mode == Mode::Search => text
            .chars()
            .filter(|c| !c.is_control())
            .map(Action::SearchInput)
            .collect(),
        _ => Vec::new(),
    }
}

fn reload(app: &mut App, origin: &Origin) {
    let Some(path) = &origin.path else { return };
    let result = Document::read(path, origin.max_bytes)
        .map_err(|e| e.to_string())
        .and_then(|document| load(&document).map_err(|invalid| first_error(&document, &invalid)));
    match result {
        Ok(loaded) => {
            let articles = Articles::beside(&loaded.briefing, Some(path));
            app.replace_briefing(loaded.briefing);
            app.set_articles(articles);
            app.banner = None;
            app.message = Some("reloaded".into());
        }
        Err(error) => app.banner = Some(format!("{error} (showing the last good version)")),
    }
}

/// The first error of an invalid file, as one `file:line:column: message` line.
pub fn first_error(document: &Document, invalid: &crate::briefing::Invalid) -> String {
    let Some(first) = invalid.errors().next() else {
        return "invalid briefing".to_string();
    };
    let rendered = render(&document.name, &document.text, std::slice::from_ref(first));
    rendered
        .lines()
        .next()
        .unwrap_or("invalid briefing")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_wraps_base64_of_the_text() {
        assert_eq!(osc52("“hi” — A"), "\x1b]52;c;4oCcaGnigJ0g4oCUIEE=\x07");
        // Whatever the text holds, only the sequence's own escape and bell appear.
        let sequence = osc52("evil\x1b]0;title\x07");
        assert_eq!(sequence.chars().filter(|c| c.is_control()).count(), 2);
    }

    #[test]
    fn a_paste_types_into_the_search_line_without_controls() {
        let actions = actions_for(Mode::Search, Event::Paste("a\x1bb".into()));
        assert_eq!(
            actions,
            [Action::SearchInput('a'), Action::SearchInput('b')]
        );
        assert!(actions_for(Mode::Normal, Event::Paste("q".into())).is_empty());
    }
}
