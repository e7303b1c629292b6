//! Keys to actions, in one table: key handling and the help overlay both read
//! it, so they cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
pub use crate::view::Mode;
use crate::view::View;

/// Keys that mean one action in one mode. The help, the status bar's hints
/// and every key name on screen are generated from these: the names come
/// from the keys themselves ([`key_name`]).
pub struct Binding {
    pub mode: Mode,
    /// The first key is the one hints and footers name.
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

/// A key and the modifiers held with it.
pub type Key = (KeyCode, KeyModifiers);

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! bind {
    ($mode:ident, [$($key:expr),+], $action:expr, $help:literal) => {
        Binding { mode: Mode::$mode, keys: &[$($key),+], action: $action, help: $help }
    };
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every key parley knows, by mode, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    bind!(Normal, [(Char('q'), NONE)], Action::Quit, "quit"),
    bind!(
        Normal,
        [(Char('c'), CTRL)],
        Action::Quit,
        "quit, from anywhere"
    ),
    bind!(
        Normal,
        [(Char('z'), CTRL)],
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        Normal,
        [(Char('?'), NONE)],
        Action::ToggleHelp,
        "show every key"
    ),
    bind!(
        Normal,
        [(Char('/'), NONE)],
        Action::StartSearch,
        "search the quotes"
    ),
    bind!(Normal, [(Esc, NONE)], Action::Back, "back to the red lines"),
    bind!(
        Normal,
        [(Tab, NONE)],
        Action::NextView,
        "next view (party view: next party)"
    ),
    bind!(
        Normal,
        [(BackTab, SHIFT), (BackTab, NONE)],
        Action::PreviousView,
        "previous view (party view: previous party)"
    ),
    bind!(
        Normal,
        [(Char('R'), NONE)],
        Action::Show(View::RedLines),
        "red lines"
    ),
    bind!(
        Normal,
        [(Char('p'), NONE)],
        Action::Show(View::Party),
        "party view"
    ),
    bind!(
        Normal,
        [(Char('s'), NONE)],
        Action::Show(View::StickingPoints),
        "sticking points"
    ),
    bind!(
        Normal,
        [(Char('u'), NONE)],
        Action::Show(View::Quotes),
        "quotes"
    ),
    bind!(
        Normal,
        [(Char('o'), NONE)],
        Action::Show(View::Sources),
        "sources and discrepancies"
    ),
    bind!(
        Normal,
        [(Char('e'), NONE)],
        Action::Show(View::Timeline),
        "timeline of events"
    ),
    bind!(
        Normal,
        [(Char('d'), NONE)],
        Action::Show(View::Diff),
        "what moved since an earlier round (--since OLD)"
    ),
    bind!(
        Normal,
        [(Char('1'), NONE)],
        Action::SelectParty(0),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('2'), NONE)],
        Action::SelectParty(1),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('3'), NONE)],
        Action::SelectParty(2),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('4'), NONE)],
        Action::SelectParty(3),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('5'), NONE)],
        Action::SelectParty(4),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('6'), NONE)],
        Action::SelectParty(5),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('7'), NONE)],
        Action::SelectParty(6),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('8'), NONE)],
        Action::SelectParty(7),
        "party view of party N"
    ),
    bind!(
        Normal,
        [(Char('9'), NONE)],
        Action::SelectParty(8),
        "party view of party N"
    ),
    bind!(Normal, [(Char(']'), NONE)], Action::NextParty, "next party"),
    bind!(
        Normal,
        [(Char('['), NONE)],
        Action::PreviousParty,
        "previous party"
    ),
    bind!(
        Normal,
        [(Up, NONE), (Char('k'), NONE)],
        Action::Up,
        "move up"
    ),
    bind!(
        Normal,
        [(Down, NONE), (Char('j'), NONE)],
        Action::Down,
        "move down"
    ),
    bind!(
        Normal,
        [(Char('h'), NONE), (Left, NONE)],
        Action::Left,
        "column left"
    ),
    bind!(
        Normal,
        [(Char('l'), NONE), (Right, NONE)],
        Action::Right,
        "column right"
    ),
    bind!(
        Normal,
        [(Char('g'), NONE), (Home, NONE)],
        Action::Top,
        "go to the top"
    ),
    bind!(
        Normal,
        [(Char('G'), NONE), (End, NONE)],
        Action::Bottom,
        "go to the bottom"
    ),
    bind!(
        Normal,
        [(PageUp, NONE), (Char('b'), CTRL)],
        Action::PageUp,
        "page up"
    ),
    bind!(
        Normal,
        [(PageDown, NONE), (Char('f'), CTRL)],
        Action::PageDown,
        "page down"
    ),
    bind!(
        Normal,
        [(Enter, NONE)],
        Action::Open,
        "details and sources of the selection"
    ),
    bind!(
        Normal,
        [(Char('y'), NONE)],
        Action::Copy,
        "copy the quote with its citation"
    ),
    bind!(
        Normal,
        [(Char('v'), NONE)],
        Action::ReadSource,
        "read the source's text (a quote: at its words)"
    ),
    bind!(
        Normal,
        [(Char('O'), NONE)],
        Action::ToggleOrder,
        "quotes by relevance / by date"
    ),
    bind!(
        Normal,
        [(Char('t'), NONE)],
        Action::CycleTheme,
        "next theme"
    ),
    bind!(
        Normal,
        [(Char('r'), NONE)],
        Action::Reload,
        "reload the briefing file"
    ),
    bind!(
        Search,
        [(Esc, NONE)],
        Action::Back,
        "leave the search, restore the view"
    ),
    bind!(
        Search,
        [(Enter, NONE)],
        Action::Open,
        "jump to the selected quote"
    ),
    bind!(Search, [(Char('c'), CTRL)], Action::Quit, "quit"),
    bind!(
        Search,
        [(Char('z'), CTRL)],
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        Search,
        [(Up, NONE), (Char('p'), CTRL)],
        Action::SearchHistoryPrevious,
        "earlier query"
    ),
    bind!(
        Search,
        [(Down, NONE), (Char('n'), CTRL)],
        Action::SearchHistoryNext,
        "later query"
    ),
    bind!(Search, [(Char('k'), CTRL)], Action::Up, "selection up"),
    bind!(Search, [(Char('j'), CTRL)], Action::Down, "selection down"),
    bind!(
        Search,
        [(Left, NONE)],
        Action::SearchCursorLeft,
        "cursor left"
    ),
    bind!(
        Search,
        [(Right, NONE)],
        Action::SearchCursorRight,
        "cursor right"
    ),
    bind!(
        Search,
        [(Home, NONE), (Char('a'), CTRL)],
        Action::SearchCursorHome,
        "cursor to the start"
    ),
    bind!(
        Search,
        [(End, NONE), (Char('e'), CTRL)],
        Action::SearchCursorEnd,
        "cursor to the end"
    ),
    bind!(
        Search,
        [(Backspace, NONE)],
        Action::SearchBackspace,
        "delete a character"
    ),
    bind!(
        Search,
        [(Char('w'), CTRL), (Backspace, CTRL)],
        Action::SearchDeleteWord,
        "delete a word"
    ),
    bind!(
        Search,
        [(Char('u'), CTRL)],
        Action::SearchClear,
        "clear the query"
    ),
    bind!(
        Search,
        [(Char('o'), CTRL)],
        Action::ToggleOrder,
        "relevance / date order"
    ),
    bind!(Search, [(PageUp, NONE)], Action::PageUp, "page up"),
    bind!(Search, [(PageDown, NONE)], Action::PageDown, "page down"),
    bind!(
        Popup,
        [(Esc, NONE), (Char('q'), NONE), (Enter, NONE)],
        Action::Back,
        "close the popup"
    ),
    bind!(Popup, [(Char('c'), CTRL)], Action::Quit, "quit"),
    bind!(
        Popup,
        [(Char('z'), CTRL)],
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        Popup,
        [(Char('?'), NONE)],
        Action::ToggleHelp,
        "show or hide the keys"
    ),
    bind!(
        Popup,
        [(Up, NONE), (Char('k'), NONE)],
        Action::Up,
        "scroll up"
    ),
    bind!(
        Popup,
        [(Down, NONE), (Char('j'), NONE)],
        Action::Down,
        "scroll down"
    ),
    bind!(Popup, [(PageUp, NONE)], Action::PageUp, "page up"),
    bind!(
        Popup,
        [(PageDown, NONE), (Char(' '), NONE)],
        Action::PageDown,
        "page down"
    ),
    bind!(Popup, [(Char('g'), NONE)], Action::Top, "top"),
    bind!(Popup, [(Char('G'), NONE)], Action::Bottom, "bottom"),
    bind!(
        Popup,
        [(Char('y'), NONE)],
        Action::Copy,
        "copy the quote with its citation"
    ),
    bind!(
        Popup,
        [(Char('v'), NONE)],
        Action::ReadSource,
        "read the source's text at the quote"
    ),
    bind!(
        Popup,
        [(Char('n'), NONE)],
        Action::NextPassage,
        "reader: next highlighted quote"
    ),
    bind!(
        Popup,
        [(Char('N'), NONE)],
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

/// How a key is written on screen: "q", "Ctrl-B", "Shift-Tab", "↑", "PgDn".
pub fn key_name(&(code, modifiers): &Key) -> String {
    let base = match code {
        Char(' ') => "Space".to_string(),
        Char(c) if modifiers.contains(CTRL) => c.to_uppercase().to_string(),
        Char(c) => c.to_string(),
        BackTab => return "Shift-Tab".to_string(),
        Backspace => "Backspace".to_string(),
        Enter => "Enter".to_string(),
        Esc => "Esc".to_string(),
        Tab => "Tab".to_string(),
        Home => "Home".to_string(),
        End => "End".to_string(),
        PageUp => "PgUp".to_string(),
        PageDown => "PgDn".to_string(),
        Up => "↑".to_string(),
        Down => "↓".to_string(),
        Left => "←".to_string(),
        Right => "→".to_string(),
        other => other.to_string(),
    };
    let mut name = String::new();
    if modifiers.contains(CTRL) {
        name.push_str("Ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        name.push_str("Alt-");
    }
    name + &base
}

/// Every key of a binding, named, each name once: "↑ k", "Esc q Enter".
pub fn keys_label(binding: &Binding) -> String {
    let mut names: Vec<String> = Vec::new();
    for key in binding.keys {
        let name = key_name(key);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" ")
}

/// The first binding of `action` in `mode`.
pub fn binding_for(mode: Mode, action: Action) -> Option<&'static Binding> {
    BINDINGS
        .iter()
        .find(|b| b.mode == mode && b.action == action)
}

/// The name of the first key for `action` in `mode`, for hints and footers
/// ("Esc to close").
pub fn key_for(mode: Mode, action: Action) -> String {
    binding_for(mode, action).map_or_else(String::new, |b| key_name(&b.keys[0]))
}

/// One row of the help overlay: the keys, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub mode: Mode,
    pub keys: String,
    pub help: &'static str,
}

/// The help overlay's rows, in the table's order. Neighbouring bindings
/// that do the same thing for different arguments (the digits that open a
/// party) become one row: "1…9".
pub fn help_rows() -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = Vec::new();
    let mut run_start: Option<String> = None;
    for b in BINDINGS {
        let keys = keys_label(b);
        match rows.last_mut() {
            Some(last) if last.mode == b.mode && last.help == b.help => {
                let first = run_start.get_or_insert_with(|| last.keys.clone());
                last.keys = format!("{first}…{keys}");
            }
            _ => {
                run_start = None;
                rows.push(HelpRow {
                    mode: b.mode,
                    keys,
                    help: b.help,
                });
            }
        }
    }
    rows
}

/// A status-bar hint: the keys of one or more actions (joined by `joiner`)
/// and a word for what they do.
struct HintSpec {
    actions: &'static [Action],
    joiner: &'static str,
    what: &'static str,
}

const fn hint(actions: &'static [Action], what: &'static str) -> HintSpec {
    HintSpec {
        actions,
        joiner: "/",
        what,
    }
}

const HELP: HintSpec = hint(&[Action::ToggleHelp], "keys");
const OPEN: HintSpec = hint(&[Action::Open], "sources");
const SEARCH: HintSpec = hint(&[Action::StartSearch], "search");
const VIEWS: HintSpec = hint(&[Action::NextView], "views");
const BACK: HintSpec = hint(&[Action::Back], "back");
const QUIT: HintSpec = hint(&[Action::Quit], "quit");

/// A hint as shown: the key names, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub what: &'static str,
    /// The actions named, with the key that names each (for the tests).
    pub named: Vec<(Key, Action)>,
}

/// The status bar's hints for a mode and view, most useful first.
pub fn hints(mode: Mode, view: View) -> Vec<Hint> {
    let specs: &[HintSpec] = match mode {
        Mode::Search => &[
            hint(&[Action::Back], "back"),
            hint(&[Action::Open], "open"),
            hint(
                &[Action::SearchHistoryPrevious, Action::SearchHistoryNext],
                "history",
            ),
            hint(&[Action::Down, Action::Up], "move"),
        ],
        Mode::Popup => &[
            hint(&[Action::Back], "close"),
            hint(&[Action::Up, Action::Down], "scroll"),
            hint(&[Action::Copy], "copy"),
        ],
        Mode::Normal => match view {
            View::RedLines => &[
                HELP,
                hint(&[Action::Left, Action::Right], "columns"),
                OPEN,
                HintSpec {
                    actions: &[Action::SelectParty(0), Action::SelectParty(8)],
                    joiner: "…",
                    what: "party",
                },
                SEARCH,
                VIEWS,
                QUIT,
            ],
            View::Party => &[
                HELP,
                OPEN,
                hint(&[Action::PreviousParty, Action::NextParty], "party"),
                SEARCH,
                VIEWS,
                BACK,
                QUIT,
            ],
            View::Quotes => &[
                HELP,
                OPEN,
                SEARCH,
                hint(&[Action::Copy], "copy"),
                VIEWS,
                BACK,
                QUIT,
            ],
            View::StickingPoints | View::Sources | View::Timeline => {
                &[HELP, OPEN, SEARCH, VIEWS, BACK, QUIT]
            }
            View::Diff => &[
                HELP,
                hint(&[Action::Open], "both versions"),
                VIEWS,
                BACK,
                QUIT,
            ],
        },
    };
    specs
        .iter()
        .map(|spec| {
            let named: Vec<(Key, Action)> = spec
                .actions
                .iter()
                .filter_map(|&action| binding_for(mode, action).map(|b| (b.keys[0], action)))
                .collect();
            Hint {
                keys: named
                    .iter()
                    .map(|(key, _)| key_name(key))
                    .collect::<Vec<_>>()
                    .join(spec.joiner),
                what: spec.what,
                named,
            }
        })
        .collect()
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
        let digits: Vec<&HelpRow> = rows
            .iter()
            .filter(|r| r.help == "party view of party N")
            .collect();
        assert_eq!(digits.len(), 1);
        assert_eq!(digits[0].keys, "1…9");
        assert!(rows.iter().any(|r| r.mode == Mode::Normal && r.keys == "q"));
    }

    #[test]
    fn keys_are_named_as_people_write_them() {
        assert_eq!(key_name(&(Char('b'), CTRL)), "Ctrl-B");
        assert_eq!(key_name(&(Backspace, CTRL)), "Ctrl-Backspace");
        assert_eq!(key_name(&(BackTab, SHIFT)), "Shift-Tab");
        assert_eq!(key_name(&(Char(' '), NONE)), "Space");
        assert_eq!(key_name(&(PageDown, NONE)), "PgDn");
    }

    /// The help names every key of every binding, in the row of its mode
    /// and action: what once went missing (Enter closing a popup, Ctrl-B,
    /// Ctrl-F, Ctrl-Backspace) cannot again.
    #[test]
    fn the_help_names_every_bound_key() {
        let rows = help_rows();
        for b in BINDINGS {
            let row = rows
                .iter()
                .find(|r| r.mode == b.mode && r.help == b.help)
                .unwrap_or_else(|| panic!("no help row for {:?} {:?}", b.mode, b.action));
            for key in b.keys {
                let name = key_name(key);
                let in_range = match row.keys.split_once('…') {
                    Some((first, last)) => first <= name.as_str() && name.as_str() <= last,
                    None => false,
                };
                let listed = in_range || row.keys.split(' ').any(|k| k == name);
                assert!(
                    listed,
                    "{name} missing from {:?} row {:?}",
                    b.mode, row.keys
                );
            }
        }
        let popup_close = rows
            .iter()
            .find(|r| r.mode == Mode::Popup && r.help == "close the popup")
            .unwrap();
        assert!(popup_close.keys.contains("Enter"), "{popup_close:?}");
        let all: String = rows.iter().map(|r| r.keys.clone() + " ").collect();
        for name in ["Ctrl-B", "Ctrl-F", "Ctrl-Backspace"] {
            assert!(all.contains(name), "{name}: {all}");
        }
    }

    /// Every hint's key, pressed in that mode, does what the hint names.
    #[test]
    fn every_status_bar_hint_names_a_key_that_does_it() {
        use strum::IntoEnumIterator;
        for mode in Mode::iter() {
            for view in View::iter() {
                for hint in hints(mode, view) {
                    assert!(!hint.named.is_empty() && !hint.keys.is_empty(), "{hint:?}");
                    for (key, action) in &hint.named {
                        let pressed = action_for(mode, KeyEvent::new(key.0, key.1));
                        assert_eq!(pressed, Some(*action), "{mode:?} {view:?} {hint:?}");
                    }
                }
            }
        }
        let red_lines: Vec<String> = hints(Mode::Normal, View::RedLines)
            .into_iter()
            .map(|h| format!("{} {}", h.keys, h.what))
            .collect();
        assert_eq!(
            red_lines,
            [
                "? keys",
                "h/l columns",
                "Enter sources",
                "1…9 party",
                "/ search",
                "Tab views",
                "q quit"
            ]
        );
    }
}
