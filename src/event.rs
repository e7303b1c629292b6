//! Everything that can change the model, as one type: what a person does
//! at the terminal and what the background reports. The run loop gathers
//! them from every source into one queue; `App::update` is the only place
//! they act.

use ratatui::crossterm::event::{
    Event as TerminalEvent, KeyEvent, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::briefing::rounds::Summary;
use crate::clipboard::Copied;
use crate::keymap::{Keymap, Mode};
use crate::loader::Outcome;
use crate::search::{Hit, Query};

pub enum Event {
    /// An action asked for directly (tests, and what a mouse event means).
    Action(Action),
    /// A key press: the keymap reads it in the mode it arrives in.
    Key(KeyEvent),
    /// Text pasted in one piece (bracketed paste): one edit.
    Paste(String),
    /// The watched briefing may have changed on disk.
    FileChanged,
    /// A load asked for with `Effect::Load` came to this.
    Loaded {
        generation: u64,
        outcome: Box<Outcome>,
    },
    /// The search worker answered a `SearchRequest`.
    SearchAnswered {
        generation: u64,
        query: Query,
        hits: Vec<Hit>,
    },
    /// Time passed while a load runs: progress to show.
    Tick,
    /// A signal asked parley to stop (SIGTERM, SIGHUP, SIGQUIT, SIGINT).
    Signal(i32),
    /// The terminal cannot be read any more (it was closed).
    InputClosed,
    /// SIGTSTP: give the terminal back and stop until `fg`.
    Suspend,
    /// SIGCONT: parley runs again after a stop; the screen must be redone.
    Resumed,
    /// The file is followed in a way worth saying (polling, or not at all).
    Watching(String),
    /// An `Effect::Copy` was carried out: where the text went.
    Copied(Copied),
    /// The picker's folder was read: its briefings, or why it could not be.
    Listed(Result<Vec<Summary>, String>),
    /// A briefing the session asked for (`session::Request::Open`: one the
    /// picker opens, or the previous round `D` compares with) came to this.
    Opened {
        generation: u64,
        outcome: Box<Outcome>,
    },
}

impl From<Action> for Event {
    fn from(action: Action) -> Self {
        Event::Action(action)
    }
}

impl Event {
    /// The dashboard's event for a terminal event, if it means anything.
    /// Keys are read later, in the mode they arrive in; the mouse means
    /// the same everywhere.
    pub fn from_terminal(event: TerminalEvent) -> Option<Event> {
        match event {
            TerminalEvent::Key(key) => Some(Event::Key(key)),
            TerminalEvent::Resize(width, height) => {
                Some(Event::Action(Action::Resize { width, height }))
            }
            TerminalEvent::Mouse(mouse) => mouse_action(mouse).map(Event::Action),
            TerminalEvent::Paste(text) => Some(Event::Paste(text)),
            TerminalEvent::FocusGained | TerminalEvent::FocusLost => None,
        }
    }

    /// Whether this event ends parley whatever has the keyboard: it is
    /// handled before any work queued with it.
    pub fn quits_anywhere(&self, keymap: &Keymap) -> bool {
        match self {
            Event::Signal(_) | Event::InputClosed => true,
            Event::Key(key) => [Mode::Normal, Mode::Search, Mode::Popup]
                .into_iter()
                .all(|mode| keymap.action_for(mode, *key) == Some(Action::Quit)),
            Event::Action(action) => *action == Action::Quit,
            _ => false,
        }
    }
}

fn mouse_action(mouse: MouseEvent) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            column: mouse.column,
            row: mouse.row,
        }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    #[test]
    fn ctrl_c_and_signals_quit_anywhere_q_does_not() {
        let key = |c, modifiers| Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers));
        let keymap = Keymap::default();
        assert!(key('c', KeyModifiers::CONTROL).quits_anywhere(&keymap));
        assert!(Event::Signal(15).quits_anywhere(&keymap));
        assert!(Event::InputClosed.quits_anywhere(&keymap));
        assert!(
            !key('q', KeyModifiers::NONE).quits_anywhere(&keymap),
            "q is a letter in the search line"
        );
        assert!(!Event::Paste("q".into()).quits_anywhere(&keymap));
    }

    #[test]
    fn a_paste_stays_one_event() {
        let event = Event::from_terminal(TerminalEvent::Paste("a\x1bb".into()));
        assert!(matches!(event, Some(Event::Paste(text)) if text == "a\x1bb"));
    }
}
