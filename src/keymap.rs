//! Keys to actions. [`BINDINGS`] is the default table; a [`Keymap`] is the
//! table in use (the defaults with the config file's `[keys]` over them),
//! owned by the model. Key handling, the help overlay, the status bar's
//! hints and every key named on screen read the same keymap, so they cannot
//! drift apart.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
pub use crate::view::Mode;
use crate::view::View;

/// Keys that mean one action in one mode. The help, the status bar's hints
/// and every key name on screen are generated from these: the names come
/// from the keys themselves ([`key_name`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    /// The first key is the one hints and footers name.
    pub keys: Cow<'static, [Key]>,
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
        Binding {
            mode: Mode::$mode,
            keys: Cow::Borrowed(&[$($key),+]),
            action: $action,
            help: $help,
        }
    };
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every key parley knows by default, by mode, in the order the help lists
/// them. Keys are written as [`normalized`] makes them.
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
        [(BackTab, NONE)],
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
    bind!(
        Folder,
        [(Char('b'), NONE)],
        Action::BackToPicker,
        "back to the folder's briefings"
    ),
    bind!(
        Folder,
        [(Char('D'), NONE)],
        Action::ComparePrevious,
        "compare with the previous round in the folder"
    ),
    bind!(Picker, [(Char('q'), NONE)], Action::Quit, "quit"),
    bind!(
        Picker,
        [(Char('c'), CTRL)],
        Action::Quit,
        "quit, from anywhere"
    ),
    bind!(
        Picker,
        [(Char('z'), CTRL)],
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        Picker,
        [(Char('?'), NONE)],
        Action::ToggleHelp,
        "show every key"
    ),
    bind!(
        Picker,
        [(Char('/'), NONE)],
        Action::StartSearch,
        "filter the briefings"
    ),
    bind!(
        Picker,
        [(Enter, NONE), (Char('l'), NONE), (Right, NONE)],
        Action::Open,
        "open the selected briefing"
    ),
    bind!(Picker, [(Esc, NONE)], Action::Back, "clear the filter"),
    bind!(
        Picker,
        [(Up, NONE), (Char('k'), NONE)],
        Action::Up,
        "move up"
    ),
    bind!(
        Picker,
        [(Down, NONE), (Char('j'), NONE)],
        Action::Down,
        "move down"
    ),
    bind!(
        Picker,
        [(Home, NONE), (Char('g'), NONE)],
        Action::Top,
        "go to the newest"
    ),
    bind!(
        Picker,
        [(End, NONE), (Char('G'), NONE)],
        Action::Bottom,
        "go to the oldest"
    ),
    bind!(
        Picker,
        [(PageUp, NONE), (Char('b'), CTRL)],
        Action::PageUp,
        "page up"
    ),
    bind!(
        Picker,
        [(PageDown, NONE), (Char('f'), CTRL)],
        Action::PageDown,
        "page down"
    ),
    bind!(
        Picker,
        [(Char('t'), NONE)],
        Action::CycleTheme,
        "next theme"
    ),
    bind!(
        Picker,
        [(Char('r'), NONE)],
        Action::Reload,
        "read the folder again"
    ),
    bind!(
        PickerFilter,
        [(Esc, NONE)],
        Action::Back,
        "clear the filter and leave it"
    ),
    bind!(
        PickerFilter,
        [(Enter, NONE)],
        Action::Open,
        "open the selected briefing"
    ),
    bind!(PickerFilter, [(Char('c'), CTRL)], Action::Quit, "quit"),
    bind!(
        PickerFilter,
        [(Char('z'), CTRL)],
        Action::Suspend,
        "suspend parley (fg brings it back)"
    ),
    bind!(
        PickerFilter,
        [(Up, NONE), (Char('p'), CTRL), (Char('k'), CTRL)],
        Action::Up,
        "selection up"
    ),
    bind!(
        PickerFilter,
        [(Down, NONE), (Char('n'), CTRL), (Char('j'), CTRL)],
        Action::Down,
        "selection down"
    ),
    bind!(PickerFilter, [(PageUp, NONE)], Action::PageUp, "page up"),
    bind!(
        PickerFilter,
        [(PageDown, NONE)],
        Action::PageDown,
        "page down"
    ),
    bind!(
        PickerFilter,
        [(Left, NONE)],
        Action::SearchCursorLeft,
        "cursor left"
    ),
    bind!(
        PickerFilter,
        [(Right, NONE)],
        Action::SearchCursorRight,
        "cursor right"
    ),
    bind!(
        PickerFilter,
        [(Home, NONE), (Char('a'), CTRL)],
        Action::SearchCursorHome,
        "cursor to the start"
    ),
    bind!(
        PickerFilter,
        [(End, NONE), (Char('e'), CTRL)],
        Action::SearchCursorEnd,
        "cursor to the end"
    ),
    bind!(
        PickerFilter,
        [(Backspace, NONE)],
        Action::SearchBackspace,
        "delete a character"
    ),
    bind!(
        PickerFilter,
        [(Char('w'), CTRL), (Backspace, CTRL)],
        Action::SearchDeleteWord,
        "delete a word"
    ),
    bind!(
        PickerFilter,
        [(Char('u'), CTRL)],
        Action::SearchClear,
        "clear the filter"
    ),
];

/// A key as the keymap compares it. Terminals differ on whether `G`, `?`
/// or Shift-Tab arrive with SHIFT held (and on whether Shift-Tab is Tab
/// with SHIFT): the key code already says it.
pub fn normalized((code, modifiers): Key) -> Key {
    match code {
        Char(_) | BackTab => (code, modifiers - SHIFT),
        Tab if modifiers.contains(SHIFT) => (BackTab, modifiers - SHIFT),
        _ => (code, modifiers),
    }
}

/// The keys in use: the defaults, with the user's keys for some actions.
/// Owned by the model; views ask it for every key they name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// Two actions on one key in one mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    pub mode: Mode,
    pub key: Key,
    pub actions: [Action; 2],
}

impl Keymap {
    /// Every binding, in the order the help lists them.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// `keys` for `action` in `mode` instead of its current keys (an empty
    /// list unbinds it). Each key stays in the help row it had, so writing
    /// an action's default keys changes nothing; a new key joins the
    /// action's first row, and a row left with no key goes. An action with
    /// no binding in `mode` is left alone: nothing in that mode acts on it.
    pub fn remap(&mut self, mode: Mode, action: Action, keys: Vec<Key>) {
        let rows: Vec<usize> = (0..self.bindings.len())
            .filter(|&i| self.bindings[i].mode == mode && self.bindings[i].action == action)
            .collect();
        let Some(&first) = rows.first() else {
            return;
        };
        let mut keys: Vec<Key> = keys.into_iter().map(normalized).collect();
        let mut seen = Vec::new();
        keys.retain(|key| {
            let new = !seen.contains(key);
            seen.push(*key);
            new
        });
        let row_of = |key: &Key| {
            rows.iter()
                .copied()
                .find(|&row| self.bindings[row].keys.contains(key))
                .unwrap_or(first)
        };
        let placed: Vec<(usize, Key)> = keys.iter().map(|key| (row_of(key), *key)).collect();
        for &row in &rows {
            let mine = placed.iter().filter(|(r, _)| *r == row).map(|(_, k)| *k);
            self.bindings[row].keys = Cow::Owned(mine.collect());
        }
        // An unbound action keeps one row, so the help still names it.
        let kept = rows
            .iter()
            .copied()
            .find(|&row| !self.bindings[row].keys.is_empty())
            .unwrap_or(first);
        let mut index = 0;
        self.bindings.retain(|b| {
            index += 1;
            let row = index - 1;
            row == kept || !(rows.contains(&row) && b.keys.is_empty())
        });
    }

    /// Every key that two different actions claim in one mode, each pair once.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if a.mode != b.mode || a.action == b.action {
                    continue;
                }
                for key in a.keys.iter().filter(|k| b.keys.contains(k)) {
                    conflicts.push(Conflict {
                        mode: a.mode,
                        key: *key,
                        actions: [a.action, b.action],
                    });
                }
            }
        }
        conflicts
    }

    /// The action a key press means in `mode`, if any. In the search line,
    /// any other printable character is typed.
    pub fn action_for(&self, mode: Mode, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let pressed = normalized((key.code, key.modifiers));
        let bound = self
            .bindings
            .iter()
            .filter(|b| b.mode == mode)
            .find(|b| b.keys.contains(&pressed))
            .map(|b| b.action);
        bound.or(match (mode, pressed) {
            (Mode::Search | Mode::PickerFilter, (Char(c), modifiers))
                if !modifiers.intersects(CTRL | KeyModifiers::ALT) =>
            {
                Some(Action::SearchInput(c))
            }
            _ => None,
        })
    }

    /// The first binding of `action` in `mode`, if it has a key.
    pub fn binding_for(&self, mode: Mode, action: Action) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.action == action && !b.keys.is_empty())
    }

    /// The name of the first key for `action` in `mode`, for hints and
    /// footers ("Esc to close"); empty when the action has no key.
    pub fn key_for(&self, mode: Mode, action: Action) -> String {
        self.binding_for(mode, action)
            .map_or_else(String::new, |b| key_name(&b.keys[0]))
    }

    /// The help overlay's rows, in the table's order. Neighbouring bindings
    /// that do the same thing for different arguments, on keys that follow
    /// each other (the digits that open a party), become one row: "1…9".
    pub fn help_rows(&self) -> Vec<HelpRow> {
        let mut rows: Vec<HelpRow> = Vec::new();
        // The first key and name of the run the last row stands for, and its last key.
        let mut run: Option<(String, String, String)> = None;
        for b in &self.bindings {
            let keys = keys_label(b);
            let name = b.action.name().unwrap_or_default();
            let follows = |last_key: &str| successive(last_key, &keys);
            match (rows.last_mut(), &mut run) {
                (Some(last), Some((first_key, first_name, last_key)))
                    if last.mode == b.mode && last.help == b.help && follows(last_key) =>
                {
                    last.keys = format!("{first_key}…{keys}");
                    last.names = format!("{first_name}…{name}");
                    *last_key = keys;
                }
                _ => {
                    run = Some((keys.clone(), name.to_string(), keys.clone()));
                    rows.push(HelpRow {
                        mode: b.mode,
                        keys,
                        names: name.to_string(),
                        help: b.help,
                    });
                }
            }
        }
        rows
    }

    /// The status bar's hints for a mode and view, most useful first. An
    /// action the user left without a key gives no hint.
    pub fn hints(&self, mode: Mode, view: View) -> Vec<Hint> {
        hint_specs(mode, view)
            .iter()
            .filter_map(|spec| {
                let named: Vec<(Key, Action)> = spec
                    .actions
                    .iter()
                    .filter_map(|&action| {
                        self.binding_for(mode, action).map(|b| (b.keys[0], action))
                    })
                    .collect();
                (!named.is_empty()).then(|| Hint {
                    keys: named
                        .iter()
                        .map(|(key, _)| key_name(key))
                        .collect::<Vec<_>>()
                        .join(spec.joiner),
                    what: spec.what,
                    named,
                })
            })
            .collect()
    }
}

/// Whether key label `next` is the character after the single character `last`.
fn successive(last: &str, next: &str) -> bool {
    let single = |s: &str| {
        let mut chars = s.chars();
        chars.next().filter(|_| chars.next().is_none())
    };
    match (single(last), single(next)) {
        (Some(a), Some(b)) => char::from_u32(a as u32 + 1) == Some(b),
        _ => false,
    }
}

/// How a key is written on screen: "q", "Ctrl-B", "Shift-Tab", "↑", "PgDn".
/// The config file takes these names too (see [`parse_key`]).
pub fn key_name(&(code, modifiers): &Key) -> String {
    let mut modifiers = modifiers;
    let base = match code {
        Char(' ') => "Space".to_string(),
        Char(c) if modifiers.contains(CTRL) => c.to_uppercase().to_string(),
        Char(c) => c.to_string(),
        BackTab => {
            modifiers |= SHIFT;
            "Tab".to_string()
        }
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
    if modifiers.contains(SHIFT) {
        name.push_str("Shift-");
    }
    name + &base
}

/// How the config file writes a key: "q", "G", "ctrl-b", "shift-tab", "up",
/// "pgdn", "space". [`parse_key`] reads these and [`key_name`]'s alike.
pub fn config_key_name(&(code, modifiers): &Key) -> String {
    let mut modifiers = modifiers;
    let base = match code {
        Char(' ') => "space".to_string(),
        // `ctrl-B` reads as Ctrl-B, the key terminals send as Ctrl and `b`.
        Char(c) if modifiers.contains(CTRL) && c.is_uppercase() => {
            modifiers |= SHIFT;
            c.to_lowercase().to_string()
        }
        Char(c) => c.to_string(),
        BackTab => {
            modifiers |= SHIFT;
            "tab".to_string()
        }
        PageUp => "pgup".to_string(),
        PageDown => "pgdn".to_string(),
        other => other.to_string().to_lowercase(),
    };
    let mut name = String::new();
    for (modifier, word) in MODIFIERS {
        if modifiers.contains(modifier) {
            name.push_str(word);
            name.push('-');
        }
    }
    name + &base
}

/// Modifiers as key names write them, in the order they are written.
const MODIFIERS: [(KeyModifiers, &str); 3] =
    [(CTRL, "ctrl"), (KeyModifiers::ALT, "alt"), (SHIFT, "shift")];

/// Keys with a name rather than a character, lower-case; `f1`…`f12` aside.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("enter", Enter),
    ("return", Enter),
    ("esc", Esc),
    ("escape", Esc),
    ("tab", Tab),
    ("space", Char(' ')),
    ("backspace", Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", Up),
    ("↑", Up),
    ("down", Down),
    ("↓", Down),
    ("left", Left),
    ("←", Left),
    ("right", Right),
    ("→", Right),
    ("pgup", PageUp),
    ("pageup", PageUp),
    ("pgdn", PageDown),
    ("pgdown", PageDown),
    ("pagedown", PageDown),
    ("home", Home),
    ("end", End),
];

/// Why a key name could not be read, with the nearest name that can.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyNameError {
    #[error("an empty key name")]
    Empty,
    #[error("unknown modifier `{modifier}`")]
    UnknownModifier {
        modifier: String,
        near: Option<&'static str>,
    },
    #[error("unknown key `{name}`")]
    UnknownKey {
        name: String,
        near: Option<&'static str>,
    },
}

impl KeyNameError {
    /// A name close to the one written, if there is one.
    pub fn near(&self) -> Option<&'static str> {
        match self {
            KeyNameError::Empty => None,
            KeyNameError::UnknownModifier { near, .. } | KeyNameError::UnknownKey { near, .. } => {
                *near
            }
        }
    }
}

/// Reads a key name: one character (`x`, `X`, `?`), or a named key (`enter`,
/// `esc`, `tab`, `space`, `backspace`, `up`, `pgdn`, `home`, `f1`…`f12`, …),
/// after any of `ctrl-`, `alt-` and `shift-`. Case does not matter except
/// in a character; the names the help shows (`Ctrl-B`, `↑`, `PgDn`) read too.
pub fn parse_key(text: &str) -> Result<Key, KeyNameError> {
    let mut rest = text;
    let mut modifiers = NONE;
    while let Some((word, after)) = rest.split_once('-')
        && !word.is_empty()
        && !after.is_empty()
    {
        let lower = word.to_lowercase();
        let Some((modifier, _)) = MODIFIERS.iter().find(|(_, w)| *w == lower) else {
            let words = MODIFIERS.map(|(_, w)| w);
            return Err(KeyNameError::UnknownModifier {
                modifier: word.to_string(),
                near: crate::briefing::did_you_mean(&lower, &words),
            });
        };
        modifiers |= *modifier;
        rest = after;
    }
    if rest.is_empty() {
        return Err(KeyNameError::Empty);
    }
    let lower = rest.to_lowercase();
    let named = NAMED_KEYS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, code)| *code);
    let function = lower
        .strip_prefix('f')
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n))
        .map(KeyCode::F);
    let mut chars = rest.chars();
    let single = chars.next().filter(|_| chars.next().is_none());
    let code = match (named.or(function), single) {
        (Some(code), _) => code,
        (None, Some(c)) => Char(c),
        (None, None) => {
            let names: Vec<&str> = NAMED_KEYS.iter().map(|(name, _)| *name).collect();
            return Err(KeyNameError::UnknownKey {
                name: rest.to_string(),
                near: crate::briefing::did_you_mean(&lower, &names),
            });
        }
    };
    Ok(match code {
        // `shift-x` is `X`, and `ctrl-B` is the Ctrl-B the help shows.
        Char(c) if modifiers.contains(SHIFT) && c.to_uppercase().count() == 1 => {
            let upper = c.to_uppercase().next().unwrap_or(c);
            normalized((Char(upper), modifiers))
        }
        Char(c) if modifiers.contains(CTRL) && c.to_lowercase().count() == 1 => {
            let lower = c.to_lowercase().next().unwrap_or(c);
            (Char(lower), modifiers)
        }
        code => normalized((code, modifiers)),
    })
}

/// Every key of a binding, named, each name once: "↑ k", "Esc q Enter".
pub fn keys_label(binding: &Binding) -> String {
    let mut names: Vec<String> = Vec::new();
    for key in binding.keys.iter() {
        let name = key_name(key);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" ")
}

/// One row of the help overlay: the keys, the action's name in the config
/// file, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub mode: Mode,
    pub keys: String,
    pub names: String,
    pub help: &'static str,
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

/// The hints a mode and view show, most useful first.
fn hint_specs(mode: Mode, view: View) -> &'static [HintSpec] {
    const SEARCH_LINE: &[HintSpec] = &[
        hint(&[Action::Back], "back"),
        hint(&[Action::Open], "open"),
        hint(
            &[Action::SearchHistoryPrevious, Action::SearchHistoryNext],
            "history",
        ),
        hint(&[Action::Down, Action::Up], "move"),
    ];
    const POPUP: &[HintSpec] = &[
        hint(&[Action::Back], "close"),
        hint(&[Action::Up, Action::Down], "scroll"),
        hint(&[Action::Copy], "copy"),
    ];
    const RED_LINES: &[HintSpec] = &[
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
    ];
    const PARTY: &[HintSpec] = &[
        HELP,
        OPEN,
        hint(&[Action::PreviousParty, Action::NextParty], "party"),
        SEARCH,
        VIEWS,
        BACK,
        QUIT,
    ];
    const QUOTES: &[HintSpec] = &[
        HELP,
        OPEN,
        SEARCH,
        hint(&[Action::Copy], "copy"),
        VIEWS,
        BACK,
        QUIT,
    ];
    const OTHER_VIEWS: &[HintSpec] = &[HELP, OPEN, SEARCH, VIEWS, BACK, QUIT];
    const PICKER: &[HintSpec] = &[
        HELP,
        hint(&[Action::Open], "open"),
        hint(&[Action::StartSearch], "filter"),
        hint(&[Action::Down, Action::Up], "move"),
        QUIT,
    ];
    const PICKER_FILTER: &[HintSpec] = &[
        hint(&[Action::Back], "clear"),
        hint(&[Action::Open], "open"),
        hint(&[Action::Down, Action::Up], "move"),
    ];
    const FOLDER: &[HintSpec] = &[
        hint(&[Action::BackToPicker], "briefings"),
        hint(&[Action::ComparePrevious], "previous round"),
    ];
    const DIFF: &[HintSpec] = &[
        HELP,
        hint(&[Action::Open], "both versions"),
        VIEWS,
        BACK,
        QUIT,
    ];
    match mode {
        Mode::Search => SEARCH_LINE,
        Mode::Popup => POPUP,
        Mode::Picker => PICKER,
        Mode::PickerFilter => PICKER_FILTER,
        Mode::Folder => FOLDER,
        Mode::Normal => match view {
            View::RedLines => RED_LINES,
            View::Party => PARTY,
            View::Quotes => QUOTES,
            View::StickingPoints | View::Sources | View::Timeline => OTHER_VIEWS,
            View::Diff => DIFF,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
        Keymap::default().action_for(mode, key)
    }

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

    /// A briefing opened from a folder reads its keys in `Normal` mode too:
    /// none of them may mean something there already.
    #[test]
    fn the_folder_keys_are_free_in_the_dashboard() {
        let keymap = Keymap::default();
        let folder: Vec<&Binding> = keymap
            .bindings()
            .iter()
            .filter(|b| b.mode == Mode::Folder)
            .collect();
        assert_eq!(folder.len(), 2);
        for binding in folder {
            for key in binding.keys.iter() {
                let pressed = KeyEvent::new(key.0, key.1);
                assert_eq!(action_for(Mode::Normal, pressed), None, "{key:?}");
                assert_eq!(action_for(Mode::Folder, pressed), Some(binding.action));
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.mode == b.mode {
                    for k in a.keys.iter() {
                        assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.mode);
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_the_party_digits_once() {
        let rows = Keymap::default().help_rows();
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
        let rows = Keymap::default().help_rows();
        for b in BINDINGS {
            let row = rows
                .iter()
                .find(|r| r.mode == b.mode && r.help == b.help)
                .unwrap_or_else(|| panic!("no help row for {:?} {:?}", b.mode, b.action));
            for key in b.keys.iter() {
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
                for hint in Keymap::default().hints(mode, view) {
                    assert!(!hint.named.is_empty() && !hint.keys.is_empty(), "{hint:?}");
                    for (key, action) in &hint.named {
                        let pressed = action_for(mode, KeyEvent::new(key.0, key.1));
                        assert_eq!(pressed, Some(*action), "{mode:?} {view:?} {hint:?}");
                    }
                }
            }
        }
        let red_lines: Vec<String> = Keymap::default()
            .hints(Mode::Normal, View::RedLines)
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

    #[test]
    fn every_default_key_reads_back_from_its_help_name_and_its_config_name() {
        for binding in BINDINGS {
            for key in binding.keys.iter() {
                let key = normalized(*key);
                assert_eq!(parse_key(&key_name(&key)), Ok(key), "{}", key_name(&key));
                assert_eq!(
                    parse_key(&config_key_name(&key)),
                    Ok(key),
                    "{}",
                    config_key_name(&key)
                );
            }
        }
    }

    #[test]
    fn key_names_are_read_as_people_write_them() {
        let read = |text: &str| parse_key(text).unwrap();
        assert_eq!(read("x"), (Char('x'), NONE));
        assert_eq!(read("X"), (Char('X'), NONE));
        assert_eq!(read("shift-x"), (Char('X'), NONE));
        assert_eq!(read("ctrl-f"), (Char('f'), CTRL));
        assert_eq!(read("Ctrl-F"), (Char('f'), CTRL));
        assert_eq!(read("alt-x"), (Char('x'), KeyModifiers::ALT));
        assert_eq!(read("shift-tab"), (BackTab, NONE));
        assert_eq!(read("ENTER"), (Enter, NONE));
        assert_eq!(read("pgdown"), (PageDown, NONE));
        assert_eq!(read("f12"), (KeyCode::F(12), NONE));
        assert_eq!(read("space"), (Char(' '), NONE));
        assert_eq!(read("-"), (Char('-'), NONE));
        assert_eq!(read("ctrl--"), (Char('-'), CTRL));
        assert_eq!(read("shift-up"), (Up, SHIFT));
        assert_eq!(key_name(&(Up, SHIFT)), "Shift-↑");
    }

    #[test]
    fn unreadable_key_names_say_what_was_meant() {
        assert_eq!(
            parse_key("ctlr-f"),
            Err(KeyNameError::UnknownModifier {
                modifier: "ctlr".into(),
                near: Some("ctrl")
            })
        );
        assert_eq!(
            parse_key("pgdwn"),
            Err(KeyNameError::UnknownKey {
                name: "pgdwn".into(),
                near: Some("pgdn")
            })
        );
        assert_eq!(parse_key("f13").unwrap_err().near(), None);
        assert_eq!(parse_key(""), Err(KeyNameError::Empty));
    }

    #[test]
    fn a_remapped_action_answers_only_to_its_new_keys() {
        let mut keymap = Keymap::default();
        keymap.remap(Mode::Normal, Action::Quit, vec![(Char('x'), NONE)]);
        let press = |c, modifiers| keymap.action_for(Mode::Normal, key(Char(c), modifiers));
        assert_eq!(press('x', NONE), Some(Action::Quit));
        assert_eq!(press('q', NONE), None);
        // Both default rows of quit were replaced, Ctrl-C's too.
        assert_eq!(press('c', CTRL), None);
        // Other modes keep their own keys.
        assert_eq!(
            keymap.action_for(Mode::Search, key(Char('c'), CTRL)),
            Some(Action::Quit)
        );
        assert_eq!(keymap.key_for(Mode::Normal, Action::Quit), "x");
        let quit_hint = keymap.hints(Mode::Normal, View::RedLines).pop().unwrap();
        assert_eq!((quit_hint.keys.as_str(), quit_hint.what), ("x", "quit"));
        assert!(keymap.conflicts().is_empty());
    }

    #[test]
    fn remapping_an_action_to_its_own_keys_changes_nothing() {
        let mut keymap = Keymap::default();
        for binding in BINDINGS {
            let keys: Vec<Key> = BINDINGS
                .iter()
                .filter(|b| b.mode == binding.mode && b.action == binding.action)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            keymap.remap(binding.mode, binding.action, keys);
        }
        assert_eq!(keymap, Keymap::default());
    }

    #[test]
    fn a_kept_key_keeps_its_row_in_the_help() {
        let mut keymap = Keymap::default();
        keymap.remap(
            Mode::Normal,
            Action::Quit,
            vec![(Char('c'), CTRL), (Char('x'), NONE)],
        );
        let quit_rows: Vec<(String, &str)> = keymap
            .help_rows()
            .into_iter()
            .filter(|r| r.mode == Mode::Normal && r.names == "quit")
            .map(|r| (r.keys, r.help))
            .collect();
        assert_eq!(
            quit_rows,
            [
                ("x".to_string(), "quit"),
                ("Ctrl-C".to_string(), "quit, from anywhere")
            ]
        );
        keymap.remap(Mode::Normal, Action::Quit, vec![(Char('c'), CTRL)]);
        let quit_rows = keymap
            .help_rows()
            .into_iter()
            .filter(|r| r.mode == Mode::Normal && r.names == "quit")
            .count();
        assert_eq!(quit_rows, 1);
    }

    #[test]
    fn an_unbound_action_gives_no_hint() {
        let mut keymap = Keymap::default();
        keymap.remap(Mode::Normal, Action::ToggleHelp, Vec::new());
        let hints = keymap.hints(Mode::Normal, View::Quotes);
        assert!(hints.iter().all(|h| h.what != "keys"), "{hints:?}");
        assert_eq!(keymap.key_for(Mode::Normal, Action::ToggleHelp), "");
    }

    #[test]
    fn a_key_taken_from_another_action_is_a_conflict_naming_both() {
        let mut keymap = Keymap::default();
        keymap.remap(Mode::Normal, Action::Quit, vec![(Char('j'), NONE)]);
        assert_eq!(
            keymap.conflicts(),
            [Conflict {
                mode: Mode::Normal,
                key: (Char('j'), NONE),
                actions: [Action::Quit, Action::Down],
            }]
        );
    }

    #[test]
    fn the_help_keeps_a_remapped_digit_out_of_the_range() {
        let mut keymap = Keymap::default();
        keymap.remap(
            Mode::Normal,
            Action::SelectParty(2),
            vec![(Char('x'), NONE)],
        );
        let rows: Vec<(String, String)> = keymap
            .help_rows()
            .into_iter()
            .filter(|r| r.help == "party view of party N")
            .map(|r| (r.keys, r.names))
            .collect();
        assert_eq!(
            rows,
            [
                ("1…2".into(), "party-1…party-2".into()),
                ("x".into(), "party-3".into()),
                ("4…9".into(), "party-4…party-9".into()),
            ]
        );
    }

    #[test]
    fn every_bound_action_has_a_name_of_its_own() {
        let mut names: Vec<(&str, Action)> = Vec::new();
        for binding in BINDINGS {
            let name = binding
                .action
                .name()
                .unwrap_or_else(|| panic!("{:?} has no name", binding.action));
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name}"
            );
            if let Some((_, other)) = names.iter().find(|(n, _)| *n == name) {
                assert_eq!(*other, binding.action, "two actions named {name}");
            }
            names.push((name, binding.action));
        }
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        fn any_key() -> impl Strategy<Value = Key> {
            let code = prop_oneof![
                proptest::char::range(' ', '~').prop_map(Char),
                (1u8..=12).prop_map(KeyCode::F),
                proptest::sample::select(
                    NAMED_KEYS.iter().map(|(_, code)| *code).collect::<Vec<_>>()
                ),
                Just(BackTab),
            ];
            let modifiers = (0u8..8).prop_map(|bits| {
                let mut modifiers = NONE;
                for (bit, (modifier, _)) in MODIFIERS.iter().enumerate() {
                    if bits & (1 << bit) != 0 {
                        modifiers |= *modifier;
                    }
                }
                modifiers
            });
            (code, modifiers).prop_map(normalized)
        }

        proptest! {
            /// Whatever key `parley config --default` writes reads back as that key.
            #[test]
            fn every_key_reads_back_from_its_config_name(key in any_key()) {
                prop_assert_eq!(parse_key(&config_key_name(&key)), Ok(key));
            }
        }
    }
}
