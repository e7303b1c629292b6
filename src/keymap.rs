//! Keys to actions, in one table: key handling and the help overlay both read
//! it, so they cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::app::View;

/// Which keys apply: what has the keyboard decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing the views.
    Normal,
    /// Typing into the search line.
    Search,
    /// A popup (details or help) is open.
    Popup,
}

impl Mode {
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Everywhere",
            Mode::Search => "Search line",
            Mode::Popup => "Popups",
        }
    }
}

pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the help shows the keys.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! bind {
    ($mode:ident, [$($key:expr),+], $label:literal, $action:expr, $help:literal) => {
        Binding { mode: Mode::$mode, keys: &[$($key),+], label: $label, action: $action, help: $help }
    };
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every key parley knows, by mode, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    bind!(Normal, [(Char('q'), NONE)], "q", Action::Quit, "quit"),
    bind!(
        Normal,
        [(Char('c'), CTRL)],
        "Ctrl-C",
        Action::Quit,
        "quit, from anywhere"
    ),
    bind!(
        Normal,
        [(Char('z'), CTRL)],
        "Ctrl-Z",
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        Normal,
        [(Char('?'), NONE)],
        "?",
        Action::ToggleHelp,
        "show every key"
    ),
    bind!(
        Normal,
        [(Char('/'), NONE)],
        "/",
        Action::StartSearch,
        "search the quotes"
    ),
    bind!(
        Normal,
        [(Esc, NONE)],
        "Esc",
        Action::Back,
        "back to the red lines"
    ),
    bind!(
        Normal,
        [(Tab, NONE)],
        "Tab",
        Action::NextView,
        "next view (party view: next party)"
    ),
    bind!(
        Normal,
        [(BackTab, SHIFT), (BackTab, NONE)],
        "Shift-Tab",
        Action::PreviousView,
        "previous view (party view: previous party)"
    ),
    bind!(
        Normal,
        [(Char('R'), NONE)],
        "R",
        Action::Show(View::RedLines),
        "red lines"
    ),
    bind!(
        Normal,
        [(Char('p'), NONE)],
        "p",
        Action::Show(View::Party),
        "party view"
    ),
    bind!(
        Normal,
        [(Char('s'), NONE)],
        "s",
        Action::Show(View::StickingPoints),
        "sticking points"
    ),
    bind!(
        Normal,
        [(Char('u'), NONE)],
        "u",
        Action::Show(View::Quotes),
        "quotes"
    ),
    bind!(
        Normal,
        [(Char('o'), NONE)],
        "o",
        Action::Show(View::Sources),
        "sources and discrepancies"
    ),
    bind!(
        Normal,
        [(Char('e'), NONE)],
        "e",
        Action::Show(View::Timeline),
        "timeline of events"
    ),
    bind!(
        Normal,
        [(Char('1'), NONE)],
        "1…9",
        Action::SelectParty(0),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('2'), NONE)],
        "1…9",
        Action::SelectParty(1),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('3'), NONE)],
        "1…9",
        Action::SelectParty(2),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('4'), NONE)],
        "1…9",
        Action::SelectParty(3),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('5'), NONE)],
        "1…9",
        Action::SelectParty(4),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('6'), NONE)],
        "1…9",
        Action::SelectParty(5),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('7'), NONE)],
        "1…9",
        Action::SelectParty(6),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('8'), NONE)],
        "1…9",
        Action::SelectParty(7),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('9'), NONE)],
        "1…9",
        Action::SelectParty(8),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char(']'), NONE)],
        "]",
        Action::NextParty,
        "next party"
    ),
    bind!(
        Normal,
        [(Char('['), NONE)],
        "[",
        Action::PreviousParty,
        "previous party"
    ),
    bind!(
        Normal,
        [(Up, NONE), (Char('k'), NONE)],
        "↑ k",
        Action::Up,
        "move up"
    ),
    bind!(
        Normal,
        [(Down, NONE), (Char('j'), NONE)],
        "↓ j",
        Action::Down,
        "move down"
    ),
    bind!(
        Normal,
        [(Left, NONE), (Char('h'), NONE)],
        "← h",
        Action::Left,
        "column left"
    ),
    bind!(
        Normal,
        [(Right, NONE), (Char('l'), NONE)],
        "→ l",
        Action::Right,
        "column right"
    ),
    bind!(
        Normal,
        [(Char('g'), NONE), (Home, NONE)],
        "g Home",
        Action::Top,
        "go to the top"
    ),
    bind!(
        Normal,
        [(Char('G'), NONE), (End, NONE)],
        "G End",
        Action::Bottom,
        "go to the bottom"
    ),
    bind!(
        Normal,
        [(PageUp, NONE), (Char('b'), CTRL)],
        "PgUp",
        Action::PageUp,
        "page up"
    ),
    bind!(
        Normal,
        [(PageDown, NONE), (Char('f'), CTRL)],
        "PgDn",
        Action::PageDown,
        "page down"
    ),
    bind!(
        Normal,
        [(Enter, NONE)],
        "Enter",
        Action::Open,
        "details and sources of the selection"
    ),
    bind!(
        Normal,
        [(Char('y'), NONE)],
        "y",
        Action::Copy,
        "copy the quote with its citation"
    ),
    bind!(
        Normal,
        [(Char('v'), NONE)],
        "v",
        Action::ReadSource,
        "read the source's text (a quote: at its words)"
    ),
    bind!(
        Normal,
        [(Char('O'), NONE)],
        "O",
        Action::ToggleOrder,
        "quotes by relevance / by date"
    ),
    bind!(
        Normal,
        [(Char('t'), NONE)],
        "t",
        Action::CycleTheme,
        "next theme"
    ),
    bind!(
        Normal,
        [(Char('r'), NONE)],
        "r",
        Action::Reload,
        "reload the briefing file"
    ),
    bind!(
        Search,
        [(Esc, NONE)],
        "Esc",
        Action::Back,
        "leave the search, restore the view"
    ),
    bind!(
        Search,
        [(Enter, NONE)],
        "Enter",
        Action::Open,
        "jump to the selected quote"
    ),
    bind!(Search, [(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit"),
    bind!(
        Search,
        [(Char('z'), CTRL)],
        "Ctrl-Z",
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        Search,
        [(Up, NONE), (Char('p'), CTRL)],
        "↑ Ctrl-P",
        Action::SearchHistoryPrevious,
        "earlier query"
    ),
    bind!(
        Search,
        [(Down, NONE), (Char('n'), CTRL)],
        "↓ Ctrl-N",
        Action::SearchHistoryNext,
        "later query"
    ),
    bind!(
        Search,
        [(Char('k'), CTRL)],
        "Ctrl-K",
        Action::Up,
        "selection up"
    ),
    bind!(
        Search,
        [(Char('j'), CTRL)],
        "Ctrl-J",
        Action::Down,
        "selection down"
    ),
    bind!(
        Search,
        [(Left, NONE)],
        "←",
        Action::SearchCursorLeft,
        "cursor left"
    ),
    bind!(
        Search,
        [(Right, NONE)],
        "→",
        Action::SearchCursorRight,
        "cursor right"
    ),
    bind!(
        Search,
        [(Home, NONE), (Char('a'), CTRL)],
        "Home Ctrl-A",
        Action::SearchCursorHome,
        "cursor to the start"
    ),
    bind!(
        Search,
        [(End, NONE), (Char('e'), CTRL)],
        "End Ctrl-E",
        Action::SearchCursorEnd,
        "cursor to the end"
    ),
    bind!(
        Search,
        [(Backspace, NONE)],
        "Backspace",
        Action::SearchBackspace,
        "delete a character"
    ),
    bind!(
        Search,
        [(Char('w'), CTRL), (Backspace, CTRL)],
        "Ctrl-W",
        Action::SearchDeleteWord,
        "delete a word"
    ),
    bind!(
        Search,
        [(Char('u'), CTRL)],
        "Ctrl-U",
        Action::SearchClear,
        "clear the query"
    ),
    bind!(
        Search,
        [(Char('o'), CTRL)],
        "Ctrl-O",
        Action::ToggleOrder,
        "relevance / date order"
    ),
    bind!(Search, [(PageUp, NONE)], "PgUp", Action::PageUp, "page up"),
    bind!(
        Search,
        [(PageDown, NONE)],
        "PgDn",
        Action::PageDown,
        "page down"
    ),
    bind!(
        Popup,
        [(Esc, NONE), (Char('q'), NONE), (Enter, NONE)],
        "Esc q",
        Action::Back,
        "close the popup"
    ),
    bind!(Popup, [(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit"),
    bind!(
        Popup,
        [(Char('z'), CTRL)],
        "Ctrl-Z",
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        Popup,
        [(Char('?'), NONE)],
        "?",
        Action::ToggleHelp,
        "show or hide the keys"
    ),
    bind!(
        Popup,
        [(Up, NONE), (Char('k'), NONE)],
        "↑ k",
        Action::Up,
        "scroll up"
    ),
    bind!(
        Popup,
        [(Down, NONE), (Char('j'), NONE)],
        "↓ j",
        Action::Down,
        "scroll down"
    ),
    bind!(Popup, [(PageUp, NONE)], "PgUp", Action::PageUp, "page up"),
    bind!(
        Popup,
        [(PageDown, NONE), (Char(' '), NONE)],
        "PgDn Space",
        Action::PageDown,
        "page down"
    ),
    bind!(Popup, [(Char('g'), NONE)], "g", Action::Top, "top"),
    bind!(Popup, [(Char('G'), NONE)], "G", Action::Bottom, "bottom"),
    bind!(
        Popup,
        [(Char('y'), NONE)],
        "y",
        Action::Copy,
        "copy the quote with its citation"
    ),
    bind!(
        Popup,
        [(Char('v'), NONE)],
        "v",
        Action::ReadSource,
        "read the source's text at the quote"
    ),
    bind!(
        Popup,
        [(Char('n'), NONE)],
        "n",
        Action::NextPassage,
        "reader: next highlighted quote"
    ),
    bind!(
        Popup,
        [(Char('N'), NONE)],
        "N",
        Action::PreviousPassage,
        "reader: previous highlighted quote"
    ),
];

/// The action a key press means in `mode`, if any. In the search line, any
/// other printable character is typed.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // Terminals differ on whether `G` or `?` arrive with SHIFT: the character says it.
    let modifiers = match key.code {
        Char(_) => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    let bound = BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| {
            b.keys
                .iter()
                .any(|&(code, mods)| code == key.code && mods == modifiers)
        })
        .map(|b| b.action);
    bound.or(match (mode, key.code) {
        (Mode::Search, Char(c)) if !modifiers.intersects(CTRL | KeyModifiers::ALT) => {
            Some(Action::SearchInput(c))
        }
        _ => None,
    })
}

/// The help overlay's rows: (mode, keys, what they do), one per distinct
/// binding.
pub fn help_rows() -> Vec<(Mode, &'static str, &'static str)> {
    let mut rows: Vec<(Mode, &str, &str)> = Vec::new();
    for b in BINDINGS {
        let row = (b.mode, b.label, b.help);
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn conventional_keys_mean_what_people_expect() {
        assert_eq!(
            action_for(Mode::Normal, key(Char('q'), NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Mode::Normal, key(Char('c'), CTRL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Mode::Search, key(Char('c'), CTRL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Mode::Popup, key(Char('c'), CTRL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Mode::Normal, key(Char('?'), SHIFT)),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            action_for(Mode::Normal, key(Char('G'), SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(Mode::Normal, key(Char('j'), NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Mode::Normal, key(Down, NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Mode::Normal, key(Char('3'), NONE)),
            Some(Action::SelectParty(2))
        );
        assert_eq!(
            action_for(Mode::Normal, key(BackTab, SHIFT)),
            Some(Action::PreviousView)
        );
    }

    #[test]
    fn the_search_line_types_what_it_does_not_bind() {
        assert_eq!(
            action_for(Mode::Search, key(Char('q'), NONE)),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(
            action_for(Mode::Search, key(Char('É'), SHIFT)),
            Some(Action::SearchInput('É'))
        );
        assert_eq!(
            action_for(Mode::Search, key(Char('w'), CTRL)),
            Some(Action::SearchDeleteWord)
        );
        assert_eq!(action_for(Mode::Search, key(Char('x'), CTRL)), None);
    }

    #[test]
    fn popups_close_with_esc_and_q() {
        assert_eq!(action_for(Mode::Popup, key(Esc, NONE)), Some(Action::Back));
        assert_eq!(
            action_for(Mode::Popup, key(Char('q'), NONE)),
            Some(Action::Back)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.mode == b.mode {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.mode);
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_the_party_digits_once() {
        let rows = help_rows();
        assert_eq!(
            rows.iter().filter(|(_, label, _)| *label == "1…9").count(),
            1
        );
        assert!(rows.iter().any(|(m, l, _)| *m == Mode::Normal && *l == "q"));
    }
}
