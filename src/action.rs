//! Everything a person can ask the dashboard for. Keys and mouse events map
//! to these (in `keymap`), and `App::update` is the only place they act.

use tui_input::InputRequest;

use crate::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave parley.
    Quit,
    /// Give the terminal back and stop, as a shell job; `fg` comes back.
    Suspend,
    /// Show or hide the list of every key.
    ToggleHelp,
    /// Close the popup, leave the search line, or go back to the red lines.
    Back,
    /// Next view (in the party view: next party, then the next view).
    NextView,
    /// Previous view (in the party view: previous party, then the previous view).
    PreviousView,
    /// Go to one view.
    Show(View),
    /// Open the party view on the N-th party (0-based).
    SelectParty(usize),
    /// Next party in the party view.
    NextParty,
    /// Previous party in the party view.
    PreviousParty,
    /// Selection up one item.
    Up,
    /// Selection down one item.
    Down,
    /// Column to the left (red lines), or scroll left.
    Left,
    /// Column to the right (red lines), or scroll right.
    Right,
    /// Selection to the first item.
    Top,
    /// Selection to the last item.
    Bottom,
    /// Selection up one page.
    PageUp,
    /// Selection down one page.
    PageDown,
    /// Open the selected item's details and sources (in search: jump to the quote).
    Open,
    /// Copy the selected quote with its citation to the clipboard (OSC 52).
    Copy,
    /// Read a source's full text: the selected source, or the selected
    /// quote's source at the quote's words.
    ReadSource,
    /// In the reader: scroll to the next highlighted quote.
    NextPassage,
    /// In the reader: scroll to the previous highlighted quote.
    PreviousPassage,
    /// Switch to the next built-in theme.
    CycleTheme,
    /// Open the quote search line.
    StartSearch,
    /// Type a character into the search line.
    SearchInput(char),
    /// Delete the character before the cursor.
    SearchBackspace,
    /// Delete the word before the cursor.
    SearchDeleteWord,
    /// Clear the search line.
    SearchClear,
    /// Move the search cursor left.
    SearchCursorLeft,
    /// Move the search cursor right.
    SearchCursorRight,
    /// Move the search cursor to the start.
    SearchCursorHome,
    /// Move the search cursor to the end.
    SearchCursorEnd,
    /// Recall the previous query from history.
    SearchHistoryPrevious,
    /// Recall the next query from history.
    SearchHistoryNext,
    /// Switch quote order between relevance and date.
    ToggleOrder,
    /// Reload the briefing file from disk.
    Reload,
    /// Leave the briefing for the picker of the folder it was opened from.
    BackToPicker,
    /// Find the previous round of the briefing in its folder, to compare.
    ComparePrevious,
    /// Select what is under the mouse pointer.
    Click { column: u16, row: u16 },
    /// Scroll the list up (mouse wheel).
    ScrollUp,
    /// Scroll the list down (mouse wheel).
    ScrollDown,
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
}

/// The names `party-1` … `party-9` of [`Action::SelectParty`].
const PARTY_NAMES: [&str; 9] = [
    "party-1", "party-2", "party-3", "party-4", "party-5", "party-6", "party-7", "party-8",
    "party-9",
];

impl Action {
    /// The action's name in the config file's `[keys]` and in the help;
    /// `None` for what no key can be bound to (typing, the mouse, a resize).
    /// Names are a stable contract: config files are written with them.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::ToggleHelp => "help",
            Action::Back => "back",
            Action::NextView => "next-view",
            Action::PreviousView => "previous-view",
            Action::Show(view) => match view {
                View::RedLines => "view-red-lines",
                View::Party => "view-party",
                View::StickingPoints => "view-sticking-points",
                View::Quotes => "view-quotes",
                View::Sources => "view-sources",
                View::Timeline => "view-timeline",
                View::Diff => "view-diff",
            },
            Action::SelectParty(n) => return PARTY_NAMES.get(n).copied(),
            Action::NextParty => "next-party",
            Action::PreviousParty => "previous-party",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Open => "open",
            Action::Copy => "copy",
            Action::ReadSource => "read-source",
            Action::NextPassage => "next-passage",
            Action::PreviousPassage => "previous-passage",
            Action::CycleTheme => "next-theme",
            Action::StartSearch => "search",
            Action::SearchBackspace => "delete-char",
            Action::SearchDeleteWord => "delete-word",
            Action::SearchClear => "clear-line",
            Action::SearchCursorLeft => "cursor-left",
            Action::SearchCursorRight => "cursor-right",
            Action::SearchCursorHome => "cursor-home",
            Action::SearchCursorEnd => "cursor-end",
            Action::SearchHistoryPrevious => "history-previous",
            Action::SearchHistoryNext => "history-next",
            Action::ToggleOrder => "toggle-order",
            Action::Reload => "reload",
            Action::BackToPicker => "back-to-picker",
            Action::ComparePrevious => "compare-previous",
            Action::SearchInput(_)
            | Action::Click { .. }
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::Resize { .. } => return None,
        })
    }

    /// What an editing action does to the search line, as `tui-input` has it;
    /// `None` for every other action.
    pub fn line_edit(self) -> Option<InputRequest> {
        Some(match self {
            Action::SearchInput(c) => InputRequest::InsertChar(c),
            Action::SearchBackspace => InputRequest::DeletePrevChar,
            Action::SearchDeleteWord => InputRequest::DeletePrevWord,
            Action::SearchClear => InputRequest::DeleteLine,
            Action::SearchCursorLeft => InputRequest::GoToPrevChar,
            Action::SearchCursorRight => InputRequest::GoToNextChar,
            Action::SearchCursorHome => InputRequest::GoToStart,
            Action::SearchCursorEnd => InputRequest::GoToEnd,
            _ => return None,
        })
    }
}
