//! The picker of a folder's briefings (`parley DIR`): its model and
//! `update`. Like `App`, it changes only through events and never touches
//! the terminal; `ui::picker` draws it, and `session` switches between it
//! and the dashboard of the briefing it opens.
//!
//! What a row shows is made once, when the folder's listing arrives (its
//! text sanitised for the terminal); the filter is matched once per edit,
//! never per frame.

use std::path::PathBuf;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use tui_input::{Input, InputRequest};

use crate::action::Action;
use crate::briefing::rounds::{State, Summary};
use crate::event::Event;
use crate::keymap::Keymap;
use crate::text::sanitize_inline;
use crate::text_line::{self, Edited};
use crate::theme::Theme;
use crate::view::Mode;

/// One briefing of the folder as the picker shows it, sanitised.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Empty for a file that failed to load.
    pub title: String,
    pub location: String,
    /// The file's path inside the folder.
    pub file: String,
    /// `as_of` at its precision (`Sat 10 May 2031`, `Jun 2031`).
    pub as_of: String,
    pub parties: usize,
    pub red_lines: usize,
    /// Why the file cannot be opened: its first error.
    pub error: Option<String>,
}

impl Row {
    fn of(summary: &Summary) -> Row {
        let file = sanitize_inline(&summary.relative).into_owned();
        match &summary.state {
            State::Valid(facts) => Row {
                title: sanitize_inline(&facts.title).into_owned(),
                location: sanitize_inline(facts.location.as_deref().unwrap_or("")).into_owned(),
                file,
                as_of: facts.as_of.human(),
                parties: facts.parties,
                red_lines: facts.red_lines,
                error: None,
            },
            State::Invalid(error) => Row {
                title: String::new(),
                location: String::new(),
                file,
                as_of: String::new(),
                parties: 0,
                red_lines: 0,
                error: Some(sanitize_inline(error).into_owned()),
            },
        }
    }
}

/// The characters of a row the filter matched, by field (character
/// positions in the row's text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub title: Vec<usize>,
    pub location: Vec<usize>,
    pub file: Vec<usize>,
}

/// A row the filter lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Index into `rows` (and `summaries`).
    pub row: usize,
    pub marks: Marks,
}

/// How far reading the folder has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    Reading,
    Ready,
    /// The folder could not be read.
    Failed(String),
}

/// What the picker asks of the session and the run loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerEffect {
    /// Open this briefing in the dashboard.
    Open(PathBuf),
    /// Give the terminal back and stop until `fg`.
    Suspend,
    /// Take the terminal again after a stop.
    Resume,
    /// Read the folder again: its briefings may have changed since.
    List,
}

pub struct Picker {
    /// The folder, as named on the command line (sanitised).
    pub folder: String,
    pub listing: Listing,
    /// The folder's briefings, in list order (`rounds::order`).
    pub summaries: Vec<Summary>,
    /// One per summary.
    pub rows: Vec<Row>,
    /// The rows the filter lets through, best match first (in list order
    /// without a filter).
    pub shown: Vec<Shown>,
    /// Index into `shown`.
    pub selected: usize,
    /// The filter line.
    pub filter: Input,
    /// The filter line has the keyboard.
    pub filtering: bool,
    /// The help popup is open, scrolled this far.
    pub help: Option<u16>,
    /// A one-line message for the status bar.
    pub message: Option<String>,
    pub theme: Theme,
    /// The keys in use: the defaults with the config file's over them.
    pub keymap: Keymap,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// The signal that ended parley, for the exit status (128 + N).
    pub signal: Option<i32>,
    pub effects: Vec<PickerEffect>,
}

/// Lines of the screen above the rows: the header, the filter line and the
/// column headings (`ui::picker` lays them out so).
pub const ROWS_TOP: u16 = 3;

/// Lines of the screen that are not rows: those above, and the status bar.
const CHROME_ROWS: u16 = ROWS_TOP + 1;

/// Between fields in the text the filter matches: no file text holds it
/// once sanitised, and no key types it.
const FIELD_SEPARATOR: char = '\u{1f}';

impl Picker {
    pub fn new(folder: &str, theme: Theme) -> Self {
        Self {
            folder: sanitize_inline(folder).into_owned(),
            listing: Listing::Reading,
            summaries: Vec::new(),
            rows: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            filter: Input::default(),
            filtering: false,
            help: None,
            message: None,
            theme,
            keymap: Keymap::default(),
            width: 80,
            height: 24,
            quit: false,
            signal: None,
            effects: Vec::new(),
        }
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Popup
        } else if self.filtering {
            Mode::PickerFilter
        } else {
            Mode::Picker
        }
    }

    /// The summary of the selected row.
    pub fn selected_summary(&self) -> Option<&Summary> {
        let shown = self.shown.get(self.selected)?;
        self.summaries.get(shown.row)
    }

    /// Applies one event.
    pub fn update(&mut self, event: impl Into<Event>) -> bool {
        self.update_all([event.into()])
    }

    /// Applies a batch of events in order; an event that quits is handled
    /// before all the rest. Whether the screen changed.
    pub fn update_all(&mut self, events: impl IntoIterator<Item = Event>) -> bool {
        let mut events: Vec<Event> = events.into_iter().collect();
        if let Some(at) = events.iter().position(|e| e.quits_anywhere(&self.keymap)) {
            let quit = events.swap_remove(at);
            self.handle(quit);
            return true;
        }
        let mut changed = false;
        for event in events {
            changed |= self.handle(event);
            if self.quit {
                return true;
            }
        }
        changed
    }

    fn handle(&mut self, event: Event) -> bool {
        match event {
            Event::Action(action) => {
                self.act(action);
                true
            }
            Event::Key(key) => match self.keymap.action_for(self.mode(), key) {
                Some(action) => {
                    self.act(action);
                    true
                }
                None => false,
            },
            Event::Paste(text) => self.paste(&text),
            Event::Listed(listed) => {
                self.listed(listed);
                true
            }
            Event::Signal(signal) => {
                self.signal = Some(signal);
                self.quit = true;
                true
            }
            Event::InputClosed => {
                self.quit = true;
                true
            }
            Event::Suspend => {
                self.effects.push(PickerEffect::Suspend);
                false
            }
            Event::Resumed => {
                self.effects.push(PickerEffect::Resume);
                true
            }
            // The dashboard's: the picker has no file, search or clipboard.
            Event::FileChanged
            | Event::Loaded { .. }
            | Event::SearchAnswered { .. }
            | Event::Tick
            | Event::Watching(_)
            | Event::Copied(_)
            | Event::Opened { .. } => false,
        }
    }

    /// The folder's listing arrived: its rows are made once, here. Read
    /// again, the selected briefing stays selected wherever its row went.
    fn listed(&mut self, listed: Result<Vec<Summary>, String>) {
        let selected = self.selected_summary().map(|s| s.path.clone());
        self.message = None;
        match listed {
            Ok(summaries) => {
                self.rows = summaries.iter().map(Row::of).collect();
                self.summaries = summaries;
                self.listing = Listing::Ready;
            }
            Err(why) => self.listing = Listing::Failed(sanitize_inline(&why).into_owned()),
        }
        self.shown.clear();
        self.refilter();
        if let Some(at) = selected.and_then(|path| {
            self.shown
                .iter()
                .position(|s| self.summaries[s.row].path == path)
        }) {
            self.selected = at;
        }
    }

    fn act(&mut self, action: Action) {
        match self.mode() {
            Mode::Popup => self.update_help(action),
            Mode::PickerFilter => self.update_filter(action),
            Mode::Picker => self.update_list(action),
            // The picker's own modes are the three above.
            Mode::Normal | Mode::Search | Mode::Folder => {}
        }
    }

    fn update_list(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(PickerEffect::Suspend),
            Action::ToggleHelp => self.help = Some(0),
            Action::StartSearch => {
                self.filtering = true;
                self.filter.handle(InputRequest::GoToEnd);
            }
            Action::Open => self.open_selected(),
            Action::Back => self.clear_filter(),
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::ScrollUp
            | Action::ScrollDown => self.move_selection(action),
            Action::CycleTheme => {
                self.theme = self.theme.next_builtin();
                self.message = Some(format!("theme: {}", self.theme.name));
            }
            Action::Resize { width, height } => self.resize(width, height),
            Action::Reload => {
                self.effects.push(PickerEffect::List);
                self.message = Some("reading the folder again…".into());
            }
            // What only the dashboard does.
            Action::NextView
            | Action::PreviousView
            | Action::Show(_)
            | Action::SelectParty(_)
            | Action::NextParty
            | Action::PreviousParty
            | Action::Left
            | Action::Right
            | Action::Copy
            | Action::ReadSource
            | Action::NextPassage
            | Action::PreviousPassage
            | Action::ToggleOrder
            | Action::BackToPicker
            | Action::ComparePrevious => {}
            Action::Click { row, .. } => self.click(row),
            // Editing needs the filter line open (`StartSearch`).
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchCursorLeft
            | Action::SearchCursorRight
            | Action::SearchCursorHome
            | Action::SearchCursorEnd
            | Action::SearchHistoryPrevious
            | Action::SearchHistoryNext => {}
        }
    }

    fn update_filter(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(PickerEffect::Suspend),
            Action::Back => {
                self.filtering = false;
                self.clear_filter();
            }
            Action::Open => {
                self.filtering = false;
                self.open_selected();
            }
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchCursorLeft
            | Action::SearchCursorRight
            | Action::SearchCursorHome
            | Action::SearchCursorEnd => {
                let edited = text_line::edit(&mut self.filter, action).unwrap_or_default();
                self.filter_edited(edited);
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::ScrollUp
            | Action::ScrollDown => self.move_selection(action),
            Action::Resize { width, height } => self.resize(width, height),
            // The filter line has the keyboard: letters are typed, not obeyed.
            Action::ToggleHelp
            | Action::StartSearch
            | Action::Top
            | Action::Bottom
            | Action::CycleTheme
            | Action::NextView
            | Action::PreviousView
            | Action::Show(_)
            | Action::SelectParty(_)
            | Action::NextParty
            | Action::PreviousParty
            | Action::Left
            | Action::Right
            | Action::Copy
            | Action::ReadSource
            | Action::NextPassage
            | Action::PreviousPassage
            | Action::ToggleOrder
            | Action::Reload
            | Action::BackToPicker
            | Action::ComparePrevious
            | Action::Click { .. }
            | Action::SearchHistoryPrevious
            | Action::SearchHistoryNext => {}
        }
    }

    fn update_help(&mut self, action: Action) {
        let page = self.page() as u16;
        let Some(scroll) = &mut self.help else {
            return;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(PickerEffect::Suspend),
            Action::Back | Action::ToggleHelp | Action::Click { .. } => self.help = None,
            Action::Up | Action::ScrollUp => *scroll = scroll.saturating_sub(1),
            Action::Down | Action::ScrollDown => *scroll = scroll.saturating_add(1),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::PageDown => *scroll = scroll.saturating_add(page),
            Action::Top => *scroll = 0,
            // Drawing clamps the scroll to the help's length.
            Action::Bottom => *scroll = u16::MAX,
            Action::Resize { width, height } => self.resize(width, height),
            // The popup has the keyboard.
            Action::StartSearch
            | Action::Open
            | Action::CycleTheme
            | Action::NextView
            | Action::PreviousView
            | Action::Show(_)
            | Action::SelectParty(_)
            | Action::NextParty
            | Action::PreviousParty
            | Action::Left
            | Action::Right
            | Action::Copy
            | Action::ReadSource
            | Action::NextPassage
            | Action::PreviousPassage
            | Action::ToggleOrder
            | Action::Reload
            | Action::BackToPicker
            | Action::ComparePrevious
            | Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchCursorLeft
            | Action::SearchCursorRight
            | Action::SearchCursorHome
            | Action::SearchCursorEnd
            | Action::SearchHistoryPrevious
            | Action::SearchHistoryNext => {}
        }
    }

    /// Pasted text goes into the filter line as one edit, on one line.
    fn paste(&mut self, text: &str) -> bool {
        if self.mode() != Mode::PickerFilter {
            return false;
        }
        let edited = text_line::paste(&mut self.filter, text);
        self.filter_edited(edited);
        true
    }

    /// After an edit of the filter line: says what did not fit, and
    /// filters again if the text changed.
    fn filter_edited(&mut self, edited: Edited) {
        if edited.cut {
            self.message = Some(format!(
                "the filter holds at most {} characters: the rest was left out",
                text_line::MAX_CHARS
            ));
        }
        if edited.changed {
            self.refilter();
        }
    }

    fn clear_filter(&mut self) {
        if !self.filter.value().is_empty() {
            self.filter.handle(InputRequest::DeleteLine);
            self.refilter();
        }
    }

    /// Enter: the session opens the selected briefing; a file that failed
    /// to load says why instead.
    fn open_selected(&mut self) {
        let Some(shown) = self.shown.get(self.selected) else {
            self.message = Some(match self.listing {
                Listing::Reading => "still reading the folder".into(),
                _ => "no briefing to open".into(),
            });
            return;
        };
        let row = &self.rows[shown.row];
        match &row.error {
            Some(error) => self.message = Some(format!("cannot open: {error}")),
            None => {
                self.message = Some(format!("opening {}…", row.file));
                let path = self.summaries[shown.row].path.clone();
                self.effects.push(PickerEffect::Open(path));
            }
        }
    }

    /// Matches the filter against every row: the rows that match each of
    /// its words (fuzzily, as the skim matcher does; smart case), best
    /// first. The selected briefing stays selected while it is shown.
    fn refilter(&mut self) {
        let keep = self.shown.get(self.selected).map(|s| s.row);
        self.shown = filtered(&self.rows, self.filter.value());
        self.selected = keep
            .and_then(|row| self.shown.iter().position(|s| s.row == row))
            .unwrap_or(0);
    }

    /// Rows a page moves.
    fn page(&self) -> usize {
        (self.height.saturating_sub(CHROME_ROWS) as usize).max(1)
    }

    fn move_selection(&mut self, action: Action) {
        let last = self.shown.len().saturating_sub(1);
        let page = self.page();
        let current = self.selected;
        self.selected = match action {
            Action::Up => current.saturating_sub(1),
            Action::Down => current + 1,
            Action::ScrollUp => current.saturating_sub(3),
            Action::ScrollDown => current + 3,
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => current.saturating_sub(page),
            Action::PageDown => current + page,
            _ => current,
        }
        .min(last);
    }

    /// Selects the row drawn at screen line `y`, if one is.
    fn click(&mut self, y: u16) {
        let Some(line) = y.checked_sub(ROWS_TOP).map(usize::from) else {
            return;
        };
        if line >= self.page() {
            return;
        }
        let first = scroll_offset(self.shown.len(), self.selected, self.page());
        if first + line < self.shown.len() {
            self.selected = first + line;
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
    }
}

/// The first row shown when `rows` rows of one line each are drawn in
/// `visible` lines with `selected` selected: the list scrolls only once the
/// selection would leave the bottom.
pub fn scroll_offset(rows: usize, selected: usize, visible: usize) -> usize {
    let selected = selected.min(rows.saturating_sub(1));
    (selected + 1).saturating_sub(visible)
}

/// The rows that match every word of `filter` in their title, location or
/// file (one text, so a word may match across them), best total score
/// first, then in list order; every row, in list order, for an empty filter.
pub fn filtered(rows: &[Row], filter: &str) -> Vec<Shown> {
    let words: Vec<&str> = filter.split_whitespace().collect();
    if words.is_empty() {
        return (0..rows.len())
            .map(|row| Shown {
                row,
                marks: Marks::default(),
            })
            .collect();
    }
    let matcher = SkimMatcherV2::default().smart_case();
    let mut scored: Vec<(i64, Shown)> = rows
        .iter()
        .enumerate()
        .filter_map(|(row, fields)| {
            let text = format!(
                "{}{FIELD_SEPARATOR}{}{FIELD_SEPARATOR}{}",
                fields.title, fields.location, fields.file
            );
            let mut score = 0;
            let mut matched = Vec::new();
            for word in &words {
                let (points, indices) = matcher.fuzzy_indices(&text, word)?;
                score += points;
                matched.extend(indices);
            }
            matched.sort_unstable();
            matched.dedup();
            Some((
                score,
                Shown {
                    row,
                    marks: split_marks(fields, &matched),
                },
            ))
        })
        .collect();
    scored.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.row.cmp(&y.row)));
    scored.into_iter().map(|(_, shown)| shown).collect()
}

/// Character positions in the joined text, as positions in each field.
fn split_marks(row: &Row, matched: &[usize]) -> Marks {
    let title = row.title.chars().count();
    let location = row.location.chars().count();
    let location_start = title + 1;
    let file_start = location_start + location + 1;
    let mut marks = Marks::default();
    for &at in matched {
        if at < title {
            marks.title.push(at);
        } else if (location_start..location_start + location).contains(&at) {
            marks.location.push(at - location_start);
        } else if at >= file_start {
            marks.file.push(at - file_start);
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::briefing::rounds::Facts;

    fn summary(relative: &str, title: &str, location: &str, as_of: &str) -> Summary {
        Summary {
            path: PathBuf::from("dir").join(relative),
            relative: relative.into(),
            state: State::Valid(Facts {
                title: title.into(),
                location: Some(location.into()),
                as_of: as_of.parse().unwrap(),
                parties: 2,
                red_lines: 3,
                party_ids: vec!["a".into(), "b".into()],
            }),
        }
    }

    fn picker() -> Picker {
        let mut picker = Picker::new("dir", Theme::default());
        let summaries = vec![
            summary(
                "r3.toml",
                "Strait talks, round 3",
                "Port Avel",
                "2031-06-21",
            ),
            summary(
                "r2.toml",
                "Strait talks, round 2",
                "Port Avel",
                "2031-06-03",
            ),
            summary("geneva.toml", "Harbour accord", "Geneva", "2031-05-01"),
            Summary {
                path: PathBuf::from("dir/broken.toml"),
                relative: "broken.toml".into(),
                state: State::Invalid("dir/broken.toml:3:9: error: bad".into()),
            },
        ];
        picker.update(Event::Listed(Ok(summaries)));
        picker
    }

    fn key(picker: &mut Picker, code: KeyCode) {
        picker.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn typed(picker: &mut Picker, text: &str) {
        for c in text.chars() {
            key(picker, KeyCode::Char(c));
        }
    }

    fn shown_files(picker: &Picker) -> Vec<&str> {
        picker
            .shown
            .iter()
            .map(|s| picker.rows[s.row].file.as_str())
            .collect()
    }

    #[test]
    fn the_filter_keeps_rows_matching_every_word_with_the_letters_marked() {
        let mut picker = picker();
        key(&mut picker, KeyCode::Char('/'));
        assert_eq!(picker.mode(), Mode::PickerFilter);
        typed(&mut picker, "gnv");
        assert_eq!(shown_files(&picker), ["geneva.toml"]);
        // "g", "n", "v" of "Geneva" in the location field (smart case).
        let marks = &picker.shown[0].marks;
        assert_eq!(marks.location, [0, 2, 4], "{marks:?}");
        assert!(marks.title.is_empty(), "{marks:?}");

        key(&mut picker, KeyCode::Esc);
        assert_eq!(picker.mode(), Mode::Picker);
        assert_eq!(picker.filter.value(), "");
        assert_eq!(shown_files(&picker).len(), 4, "Esc clears the filter");

        key(&mut picker, KeyCode::Char('/'));
        typed(&mut picker, "strait 2");
        assert_eq!(shown_files(&picker), ["r2.toml"]);
        // A word may match in the file name: "broken" only in one.
        key(&mut picker, KeyCode::Esc);
        key(&mut picker, KeyCode::Char('/'));
        typed(&mut picker, "brok");
        assert_eq!(shown_files(&picker), ["broken.toml"]);
        assert_eq!(picker.shown[0].marks.file, [0, 1, 2, 3]);
    }

    #[test]
    fn the_selection_follows_its_briefing_through_the_filter() {
        let mut picker = picker();
        key(&mut picker, KeyCode::Char('j'));
        assert_eq!(picker.selected_summary().unwrap().relative, "r2.toml");
        key(&mut picker, KeyCode::Char('/'));
        typed(&mut picker, "round");
        assert_eq!(picker.selected_summary().unwrap().relative, "r2.toml");
        key(&mut picker, KeyCode::Char('x'));
        assert!(picker.shown.is_empty());
        assert_eq!(picker.selected_summary(), None);
    }

    #[test]
    fn moving_stays_within_the_rows() {
        let mut picker = picker();
        key(&mut picker, KeyCode::Up);
        assert_eq!(picker.selected, 0);
        key(&mut picker, KeyCode::End);
        assert_eq!(picker.selected, 3);
        key(&mut picker, KeyCode::Down);
        assert_eq!(picker.selected, 3);
        key(&mut picker, KeyCode::PageUp);
        assert_eq!(picker.selected, 0);
        key(&mut picker, KeyCode::PageDown);
        assert_eq!(picker.selected, 3);
        key(&mut picker, KeyCode::Home);
        key(&mut picker, KeyCode::Char('j'));
        assert_eq!(picker.selected, 1);
        key(&mut picker, KeyCode::Char('k'));
        assert_eq!(picker.selected, 0);
    }

    #[test]
    fn enter_opens_a_valid_briefing_and_says_why_an_invalid_one_cannot() {
        let mut picker = picker();
        key(&mut picker, KeyCode::Enter);
        assert_eq!(
            picker.effects,
            [PickerEffect::Open(PathBuf::from("dir/r3.toml"))]
        );
        picker.effects.clear();
        key(&mut picker, KeyCode::End);
        key(&mut picker, KeyCode::Enter);
        assert!(picker.effects.is_empty());
        assert_eq!(
            picker.message.as_deref(),
            Some("cannot open: dir/broken.toml:3:9: error: bad")
        );
    }

    #[test]
    fn a_click_selects_the_row_under_it() {
        let mut picker = picker();
        picker.update(Action::Resize {
            width: 80,
            height: 6,
        });
        // Two rows fit: rows 2 and 3 show once the third is selected.
        key(&mut picker, KeyCode::Char('j'));
        key(&mut picker, KeyCode::Char('j'));
        picker.update(Action::Click { column: 5, row: 3 });
        assert_eq!(picker.selected_summary().unwrap().relative, "r2.toml");
        picker.update(Action::Click { column: 5, row: 5 });
        assert_eq!(picker.selected, 1, "the status bar is no row");
        picker.update(Action::Click { column: 5, row: 1 });
        assert_eq!(picker.selected, 1, "the filter line is no row");
    }

    #[test]
    fn q_quits_the_list_but_is_typed_in_the_filter() {
        let mut picker = picker();
        key(&mut picker, KeyCode::Char('/'));
        key(&mut picker, KeyCode::Char('q'));
        assert!(!picker.quit);
        assert_eq!(picker.filter.value(), "q");
        key(&mut picker, KeyCode::Esc);
        key(&mut picker, KeyCode::Char('?'));
        assert_eq!(picker.mode(), Mode::Popup);
        key(&mut picker, KeyCode::Esc);
        key(&mut picker, KeyCode::Char('q'));
        assert!(picker.quit);
    }

    #[test]
    fn rows_are_sanitised_once() {
        let mut picker = Picker::new("d\x1bir", Theme::default());
        picker.update(Event::Listed(Ok(vec![summary(
            "a.toml",
            "Talks\x1b[31m",
            "Here\u{202e}",
            "2031",
        )])));
        assert_eq!(picker.folder, "d\\u{1b}ir");
        assert_eq!(picker.rows[0].title, "Talks\\u{1b}[31m");
        assert_eq!(picker.rows[0].location, "Here<U+202E>");
        assert_eq!(picker.rows[0].as_of, "2031");
    }

    #[test]
    fn r_reads_the_folder_again_and_the_selection_follows_its_briefing() {
        let mut picker = picker();
        key(&mut picker, KeyCode::Down);
        assert_eq!(picker.selected_summary().unwrap().relative, "r2.toml");
        key(&mut picker, KeyCode::Char('r'));
        assert_eq!(picker.effects, [PickerEffect::List]);
        assert_eq!(picker.message.as_deref(), Some("reading the folder again…"));

        // Read again: a newer round came in above, and r2 was edited.
        let mut summaries = picker.summaries.clone();
        let State::Valid(facts) = &mut summaries[1].state else {
            panic!("r2 is valid")
        };
        facts.title = "Strait talks, round 2 (revised)".into();
        summaries.insert(
            0,
            summary(
                "r4.toml",
                "Strait talks, round 4",
                "Port Avel",
                "2031-07-01",
            ),
        );
        picker.update(Event::Listed(Ok(summaries)));
        assert_eq!(picker.message, None);
        assert_eq!(shown_files(&picker)[..3], ["r4.toml", "r3.toml", "r2.toml"]);
        assert_eq!(picker.selected, 2, "the selection followed r2 down");
        assert_eq!(
            picker.rows[picker.shown[2].row].title,
            "Strait talks, round 2 (revised)"
        );
    }
}
