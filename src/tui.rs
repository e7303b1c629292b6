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
use crate::app::{App, Effect};
use crate::briefing::{Document, load};
use crate::keymap::{Mode, action_for};

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

pub fn run(mut app: App, origin: Origin) -> anyhow::Result<()> {
    let quit_signal = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&quit_signal))?;
    }
    install_panic_hook();
    let mut terminal = ratatui::init();
    execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let result = event_loop(&mut terminal, &mut app, &origin, &quit_signal);
    restore();
    result
}

/// Undoes everything `run` set up; safe to call twice.
fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

/// `ratatui::init` restores raw mode and the alternate screen on a panic;
/// this also turns mouse capture and bracketed paste off, before the panic
/// message prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        previous(info);
    }));
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
    while !app.quit && !quit_signal.load(Ordering::Relaxed) {
        if let Some((_, changes)) = &watcher
            && changes.try_iter().count() > 0
        {
            reload(app, origin);
        }
        terminal.draw(|frame| crate::ui::draw(frame, app))?;
        // Poll with a timeout so that a signal is noticed even when no key comes.
        if event::poll(Duration::from_millis(100))? {
            for action in actions_for(app.mode(), event::read()?) {
                app.update(action);
            }
        }
        for effect in std::mem::take(&mut app.effects) {
            match effect {
                Effect::Copy(text) => {
                    let mut out = std::io::stdout();
                    out.write_all(osc52(&text).as_bytes())?;
                    out.flush()?;
                }
                Effect::Reload => reload(app, origin),
            }
        }
    }
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
            app.replace_briefing(loaded.briefing);
            app.banner = None;
            app.message = Some("reloaded".into());
        }
        Err(error) => app.banner = Some(format!("{error} (showing the last good version)")),
    }
}

/// The first error of an invalid file, as one `file:line:column: message` line.
pub fn first_error(document: &Document, invalid: &crate::briefing::Invalid) -> String {
    let rendered = invalid.render(document);
    rendered
        .lines()
        .find(|l| l.contains(": error: "))
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
