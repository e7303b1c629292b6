//! The model (`App`) and `update`, the only place state changes. Nothing here
//! touches the terminal: tests drive it with actions alone.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use crate::action::Action;
use crate::briefing::{Briefing, Role};
use crate::diff::Since;
use crate::event::Event;
use crate::history::History;
use crate::keymap::{Mode, action_for};
use crate::loader::{Fingerprint, Fresh, Outcome};
use crate::search::{Hit, Index, Order, Query, QueryError};
use crate::theme::Theme;

/// The dashboard's views, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    RedLines,
    Party,
    StickingPoints,
    Quotes,
    Sources,
    Timeline,
}

impl View {
    pub const ALL: [View; 6] = [
        View::RedLines,
        View::Party,
        View::StickingPoints,
        View::Quotes,
        View::Sources,
        View::Timeline,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::RedLines => "Red lines",
            View::Party => "Party",
            View::StickingPoints => "Sticking points",
            View::Quotes => "Quotes",
            View::Sources => "Sources",
            View::Timeline => "Timeline",
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|&v| v == self).unwrap_or(0)
    }

    fn offset(self, by: isize) -> View {
        let n = View::ALL.len() as isize;
        View::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

/// One thing on screen that can be selected and opened: every claim, with
/// its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Position { party: usize, index: usize },
    Delegate { party: usize, index: usize },
    Quote(usize),
    StickingPoint(usize),
    Source(usize),
    Discrepancy(usize),
    Event(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Detail(Item),
}

/// What `update` asks the run loop to do in the outside world.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Load the briefing file again on the loader thread; its outcome comes
    /// back as `Event::Loaded` with this generation. With `known`, a file
    /// that still holds that content is not loaded.
    Load {
        generation: u64,
        known: Option<Fingerprint>,
    },
    /// Run a search off the UI thread (large archives only).
    Search(SearchRequest),
    /// Give the terminal back and stop until `fg`.
    Suspend,
    /// Take the terminal again after a stop and draw the whole screen.
    Resume,
}

/// A load of the briefing file that has not answered yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub generation: u64,
    pub started: Instant,
    /// Its progress is in the status bar.
    pub shown: bool,
}

/// A reload that answers sooner than this shows no progress.
const PROGRESS_AFTER: Duration = Duration::from_millis(300);

/// The longest query the search line holds: longer is a paste gone wrong,
/// and would only make every search slow.
pub const QUERY_MAX_CHARS: usize = 1_000;

/// A search for the worker thread; its answer goes to `App::receive_search`.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Which keystroke asked: an answer to an older one is stale.
    pub generation: u64,
    pub query: Query,
    pub order: Order,
    /// Search only these quotes: the hits of the query this one narrows.
    pub within: Option<Vec<usize>>,
}

/// Up to this many quotes, a search runs inside `update` (it takes well
/// under a millisecond); above, on the worker thread.
pub const SEARCH_INLINE_LIMIT: usize = 5_000;

/// The search line and its results.
#[derive(Debug, Default)]
pub struct Search {
    /// The search line has the keyboard.
    pub active: bool,
    pub input: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub order: Order,
    /// The quotes shown in the quotes view, ranked (every quote for an empty query).
    pub results: Vec<Hit>,
    /// The view to go back to when the search is left with `Esc`.
    pub return_to: Option<View>,
    /// Past queries, walked with `Up`/`Down`; the run loop loads and saves it.
    pub history: History,
    /// The query `results` answer, to narrow the next search from.
    pub answered: Option<Query>,
    /// The latest search asked for; results of older ones are dropped.
    pub generation: u64,
    /// A search is running on the worker thread.
    pub pending: bool,
    /// The line was edited since the last search: searched once a batch of
    /// events is through (a burst of keys costs one search).
    pub stale: bool,
    /// The quotes selection to take back when the answer comes: a reload
    /// drops the old hits, which point into the old briefing.
    pub reselect: Option<usize>,
    /// Why the query on the search line is not searched (it is too long).
    pub refused: Option<QueryError>,
}

/// A place on screen that a click selects: the rows `area` covers show
/// `item_index` of `view`'s items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClickTarget {
    pub view: View,
    pub area: Rect,
    pub item_index: usize,
    /// For the red-lines view: the column (party) the item is in.
    pub column: Option<usize>,
}

pub struct App {
    /// Shared with the search index, which reads the quotes' texts.
    pub briefing: Arc<Briefing>,
    /// How the status bar names the briefing.
    pub file_name: String,
    /// Whether `r` has a file to reload.
    pub reloadable: bool,
    pub view: View,
    pub theme: Theme,
    pub popup: Option<Popup>,
    pub popup_scroll: u16,
    /// Selected item per view (index into `items(view)`).
    selected: [usize; 6],
    /// Red lines: the focused column (index into `columns()`) and the first shown.
    pub column: usize,
    pub first_column: usize,
    /// Party view: which party.
    pub party: usize,
    pub search: Search,
    /// Shared with the search worker thread.
    pub index: Arc<Index>,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// A one-line message for the status bar (copy confirmations).
    pub message: Option<String>,
    /// Shown above the view until the next good load: why the last reload failed.
    pub banner: Option<String>,
    pub effects: Vec<Effect>,
    /// The briefing file's content as loaded: a file event that leaves it
    /// as it was costs no reload.
    pub fingerprint: Option<Fingerprint>,
    /// A reload on the loader thread.
    pub loading: Option<Loading>,
    /// The last load asked for; answers to older ones are dropped.
    load_generation: u64,
    /// The signal that ended parley, for the exit status (128 + N).
    pub signal: Option<i32>,
    /// Filled in by drawing, read by clicks: what is where on screen.
    pub click_targets: RefCell<Vec<ClickTarget>>,
    /// `--since OLD`: the round this one is compared with.
    pub comparison: Option<Comparison>,
}

/// The earlier round the briefing is compared with, and what moved since,
/// computed once per loaded briefing (again on each reload).
pub struct Comparison {
    /// How the command line named it (a file or `REV:PATH`).
    pub old_name: String,
    pub old: Arc<Briefing>,
    pub since: Since,
}

/// Columns narrower than this do not fit a red line legibly.
pub const MIN_COLUMN_WIDTH: u16 = 24;

impl App {
    pub fn new(briefing: Briefing, file_name: impl Into<String>, theme: Theme) -> Self {
        let briefing = Arc::new(briefing);
        let index = Arc::new(Index::new(Arc::clone(&briefing)));
        Self::with_index(briefing, index, file_name, theme)
    }

    /// The app on a briefing loaded and indexed on the loader thread.
    pub fn opened(fresh: Fresh, theme: Theme) -> Self {
        let mut app = Self::with_index(fresh.briefing, fresh.index, fresh.name, theme);
        app.fingerprint = fresh.fingerprint;
        app
    }

    fn with_index(
        briefing: Arc<Briefing>,
        index: Arc<Index>,
        file_name: impl Into<String>,
        theme: Theme,
    ) -> Self {
        let mut app = Self {
            briefing,
            file_name: file_name.into(),
            reloadable: false,
            view: View::RedLines,
            theme,
            popup: None,
            popup_scroll: 0,
            selected: [0; 6],
            column: 0,
            first_column: 0,
            party: 0,
            search: Search::default(),
            index,
            width: 80,
            height: 24,
            quit: false,
            message: None,
            banner: None,
            effects: Vec::new(),
            fingerprint: None,
            loading: None,
            load_generation: 0,
            signal: None,
            click_targets: RefCell::new(Vec::new()),
            comparison: None,
        };
        app.run_search();
        app
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.popup.is_some() {
            Mode::Popup
        } else if self.search.active {
            Mode::Search
        } else {
            Mode::Normal
        }
    }

    /// Parties shown as red-line columns: those at the table (role party or
    /// mediator); hosts and observers go in a header line. When no party is
    /// at the table, every party gets a column.
    pub fn columns(&self) -> Vec<usize> {
        let at_table: Vec<usize> = (0..self.briefing.parties.len())
            .filter(|&i| matches!(self.briefing.parties[i].role, Role::Party | Role::Mediator))
            .collect();
        if at_table.is_empty() {
            (0..self.briefing.parties.len()).collect()
        } else {
            at_table
        }
    }

    /// How many red-line columns fit the terminal's width.
    pub fn visible_columns(&self) -> usize {
        let total = self.columns().len();
        ((self.width / MIN_COLUMN_WIDTH) as usize).clamp(1, total.max(1))
    }

    /// A party's positions: red lines first, then the rest, in file order.
    pub fn red_lines_first(&self, party: usize) -> Vec<usize> {
        let positions = &self.briefing.parties[party].positions;
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_by_key(|&i| !positions[i].red_line);
        order
    }

    /// A party's positions grouped by sticking point (in the file's order of
    /// sticking points, positions without one last), red lines first in each.
    pub fn positions_by_topic(&self, party: usize) -> Vec<usize> {
        let positions = &self.briefing.parties[party].positions;
        let topic_rank = |topic: &Option<String>| {
            topic
                .as_deref()
                .and_then(|t| self.briefing.sticking_points.iter().position(|s| s.id == t))
                .unwrap_or(usize::MAX)
        };
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_by_key(|&i| (topic_rank(&positions[i].topic), !positions[i].red_line));
        order
    }

    /// Events by date (file order within a day).
    pub fn events_by_date(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.briefing.events.len()).collect();
        order.sort_by_key(|&i| self.briefing.events[i].date);
        order
    }

    /// A red-lines column's items: the party's positions, red lines first.
    pub fn items_for_column(&self, party: usize) -> Vec<Item> {
        self.red_lines_first(party)
            .into_iter()
            .map(|index| Item::Position { party, index })
            .collect()
    }

    /// The selectable items of a view, in the order the view shows them.
    pub fn items(&self, view: View) -> Vec<Item> {
        let b = &self.briefing;
        match view {
            View::RedLines => match self.columns().get(self.column) {
                Some(&party) => self.items_for_column(party),
                None => Vec::new(),
            },
            View::Party => {
                let party = self.party;
                let Some(p) = b.parties.get(party) else {
                    return Vec::new();
                };
                let delegates =
                    (0..p.delegation.len()).map(|index| Item::Delegate { party, index });
                let positions = self
                    .positions_by_topic(party)
                    .into_iter()
                    .map(|index| Item::Position { party, index });
                let quotes = b.quotes_of(&p.id).map(Item::Quote);
                delegates.chain(positions).chain(quotes).collect()
            }
            View::StickingPoints => (0..b.sticking_points.len())
                .map(Item::StickingPoint)
                .collect(),
            View::Quotes => self
                .search
                .results
                .iter()
                .map(|hit| Item::Quote(hit.quote))
                .collect(),
            View::Sources => (0..b.sources.len())
                .map(Item::Source)
                .chain((0..b.discrepancies.len()).map(Item::Discrepancy))
                .collect(),
            View::Timeline => self.events_by_date().into_iter().map(Item::Event).collect(),
        }
    }

    /// How many items `items(view)` holds, without building them: `update`
    /// keeps selections in bounds after every action, and a 100,000-quote
    /// archive should not cost a list per view per key.
    pub fn item_count(&self, view: View) -> usize {
        let b = &self.briefing;
        match view {
            View::RedLines => self
                .columns()
                .get(self.column)
                .map_or(0, |&party| b.parties[party].positions.len()),
            View::Party => b.parties.get(self.party).map_or(0, |p| {
                p.delegation.len() + p.positions.len() + b.quotes_of(&p.id).count()
            }),
            View::StickingPoints => b.sticking_points.len(),
            View::Quotes => self.search.results.len(),
            View::Sources => b.sources.len() + b.discrepancies.len(),
            View::Timeline => b.events.len(),
        }
    }

    pub fn selected_index(&self, view: View) -> usize {
        self.selected[view.index()]
    }

    pub fn selected_item(&self) -> Option<Item> {
        self.items(self.view)
            .get(self.selected_index(self.view))
            .copied()
    }

    /// Rows a page moves: the body's height less the chrome around it.
    fn page(&self) -> usize {
        (self.height.saturating_sub(8) as usize).max(1)
    }

    /// Applies one event.
    pub fn update(&mut self, event: impl Into<Event>) {
        self.update_all([event.into()]);
    }

    /// Applies a batch of events in order, as one: an event that quits is
    /// handled before all the rest, and edits to the search line are
    /// searched once, after the last of them. Whether the screen changed.
    pub fn update_all(&mut self, events: impl IntoIterator<Item = Event>) -> bool {
        let mut events: Vec<Event> = events.into_iter().collect();
        if let Some(at) = events.iter().position(Event::quits_anywhere) {
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
        if self.search.stale {
            self.run_search();
            self.clamp();
        }
        changed
    }

    /// Whether the run loop should send `Event::Tick`: only while there is
    /// progress to show, so an idle dashboard sleeps.
    pub fn wants_ticks(&self) -> bool {
        self.loading.is_some()
    }

    fn handle(&mut self, event: Event) -> bool {
        match event {
            Event::Action(action) => {
                self.act(action);
                true
            }
            Event::Key(key) => match action_for(self.mode(), key) {
                Some(action) => {
                    self.act(action);
                    true
                }
                None => false,
            },
            Event::Paste(text) => self.paste(&text),
            Event::FileChanged => {
                if self.reloadable {
                    self.start_load(false);
                }
                false
            }
            Event::Loaded {
                generation,
                outcome,
            } => self.loaded(generation, *outcome),
            Event::SearchAnswered {
                generation,
                query,
                hits,
            } => self.receive_search(generation, query, hits),
            Event::Tick => self.tick(),
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
                self.effects.push(Effect::Suspend);
                false
            }
            Event::Resumed => {
                self.effects.push(Effect::Resume);
                true
            }
            Event::Watching(message) => {
                self.message = Some(message);
                true
            }
        }
    }

    fn act(&mut self, action: Action) {
        let edits_query = matches!(
            action,
            Action::SearchInput(_)
                | Action::SearchBackspace
                | Action::SearchDeleteWord
                | Action::SearchClear
        );
        // Anything else may read the results: they answer what was typed.
        if !edits_query && self.search.stale {
            self.run_search();
        }
        match self.mode() {
            Mode::Popup => self.update_popup(action),
            Mode::Search => self.update_search(action),
            Mode::Normal => self.update_normal(action),
        }
        self.clamp();
    }

    /// Pasted text goes into the search line as one edit, line breaks as
    /// spaces and other control characters dropped, up to the line's length.
    fn paste(&mut self, text: &str) -> bool {
        if self.mode() != Mode::Search {
            return false;
        }
        let search = &mut self.search;
        let room = QUERY_MAX_CHARS.saturating_sub(search.input.chars().count());
        let mut clean = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .filter(|c| !c.is_control());
        let pasted: String = clean.by_ref().take(room).collect();
        if clean.next().is_some() {
            self.message = Some(too_long_message());
        }
        let at = byte_at(&search.input, search.cursor);
        search.input.insert_str(at, &pasted);
        search.cursor += pasted.chars().count();
        self.query_changed();
        true
    }

    /// Asks the loader thread for the file; by hand (`r`) it is read even
    /// when it looks unchanged.
    fn start_load(&mut self, by_hand: bool) {
        self.load_generation += 1;
        self.loading = Some(Loading {
            generation: self.load_generation,
            started: Instant::now(),
            shown: false,
        });
        self.effects.push(Effect::Load {
            generation: self.load_generation,
            known: if by_hand { None } else { self.fingerprint },
        });
    }

    fn loaded(&mut self, generation: u64, outcome: Outcome) -> bool {
        let Some(loading) = self.loading.filter(|l| l.generation == generation) else {
            return false;
        };
        self.loading = None;
        if loading.shown {
            self.message = None;
        }
        match outcome {
            Outcome::Unchanged(fingerprint) => {
                self.fingerprint = Some(fingerprint);
                loading.shown
            }
            Outcome::Loaded(fresh) => {
                self.fingerprint = fresh.fingerprint;
                self.swap_briefing(fresh.briefing, fresh.index);
                self.banner = None;
                self.message = Some("reloaded".into());
                true
            }
            Outcome::Failed(error) => {
                self.banner = Some(format!(
                    "{} (showing the last good version)",
                    error.first_line()
                ));
                true
            }
        }
    }

    fn tick(&mut self) -> bool {
        let Some(loading) = &mut self.loading else {
            return false;
        };
        let elapsed = loading.started.elapsed();
        if elapsed < PROGRESS_AFTER {
            return false;
        }
        loading.shown = true;
        self.message = Some(format!(
            "reloading {}… {:.1} s",
            self.file_name,
            elapsed.as_secs_f64()
        ));
        true
    }

    fn update_popup(&mut self, action: Action) {
        let page = self.page() as u16;
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Back => self.close_popup(),
            Action::ToggleHelp => {
                self.popup = if self.popup == Some(Popup::Help) {
                    None
                } else {
                    Some(Popup::Help)
                };
                self.popup_scroll = 0;
            }
            Action::Up | Action::ScrollUp => {
                self.popup_scroll = self.popup_scroll.saturating_sub(1)
            }
            Action::Down | Action::ScrollDown => {
                self.popup_scroll = self.popup_scroll.saturating_add(1)
            }
            Action::PageUp => self.popup_scroll = self.popup_scroll.saturating_sub(page),
            Action::PageDown => self.popup_scroll = self.popup_scroll.saturating_add(page),
            Action::Top => self.popup_scroll = 0,
            // Drawing clamps the scroll to the popup's content.
            Action::Bottom => self.popup_scroll = u16::MAX,
            Action::Copy => self.copy(),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { .. } => self.close_popup(),
            _ => {}
        }
    }

    fn close_popup(&mut self) {
        self.popup = None;
        self.popup_scroll = 0;
    }

    fn update_search(&mut self, action: Action) {
        let search = &mut self.search;
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Back => {
                search.active = false;
                self.view = search.return_to.take().unwrap_or(View::Quotes);
                self.remember_query();
            }
            Action::Open => {
                search.active = false;
                search.return_to = None;
                self.remember_query();
                self.open_selected();
            }
            Action::SearchInput(_) if search.input.chars().count() >= QUERY_MAX_CHARS => {
                self.message = Some(too_long_message());
            }
            Action::SearchInput(c) => {
                let at = byte_at(&search.input, search.cursor);
                search.input.insert(at, c);
                search.cursor += 1;
                self.query_changed();
            }
            Action::SearchBackspace if search.cursor > 0 => {
                let at = byte_at(&search.input, search.cursor - 1);
                search.input.remove(at);
                search.cursor -= 1;
                self.query_changed();
            }
            Action::SearchDeleteWord => {
                let chars: Vec<char> = search.input.chars().collect();
                let mut start = search.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (from, to) = (
                    byte_at(&search.input, start),
                    byte_at(&search.input, search.cursor),
                );
                search.input.replace_range(from..to, "");
                search.cursor = start;
                self.query_changed();
            }
            Action::SearchClear => {
                search.input.clear();
                search.cursor = 0;
                self.query_changed();
            }
            Action::SearchCursorLeft => search.cursor = search.cursor.saturating_sub(1),
            Action::SearchCursorRight => {
                search.cursor = (search.cursor + 1).min(search.input.chars().count())
            }
            Action::SearchCursorHome => search.cursor = 0,
            Action::SearchCursorEnd => search.cursor = search.input.chars().count(),
            Action::SearchHistoryPrevious => {
                let recalled = search.history.previous(&search.input).map(str::to_string);
                self.recall(recalled);
            }
            Action::SearchHistoryNext => {
                let recalled = search.history.next().map(str::to_string);
                self.recall(recalled);
            }
            Action::ToggleOrder => self.toggle_order(),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::ScrollUp
            | Action::ScrollDown => self.move_selection(action),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { column, row } => self.click(column, row),
            _ => {}
        }
    }

    fn update_normal(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::ToggleHelp => {
                self.popup = Some(Popup::Help);
                self.popup_scroll = 0;
            }
            Action::Back => self.view = View::RedLines,
            Action::NextView => self.cycle(1),
            Action::PreviousView => self.cycle(-1),
            Action::Show(view) => self.view = view,
            Action::SelectParty(n) if n < self.briefing.parties.len() => self.show_party(n),
            Action::NextParty => {
                self.show_party((self.party + 1) % self.briefing.parties.len().max(1))
            }
            Action::PreviousParty => {
                let n = self.briefing.parties.len().max(1);
                self.show_party((self.party + n - 1) % n)
            }
            Action::Left if self.view == View::RedLines => {
                self.focus_column(self.column.saturating_sub(1))
            }
            Action::Right if self.view == View::RedLines => self.focus_column(self.column + 1),
            Action::Left if self.view == View::Party => self.update_normal(Action::PreviousParty),
            Action::Right if self.view == View::Party => self.update_normal(Action::NextParty),
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::ScrollUp
            | Action::ScrollDown => self.move_selection(action),
            Action::Open => self.open_selected(),
            Action::Copy => self.copy(),
            Action::CycleTheme => {
                self.theme = self.theme.next_builtin();
                self.message = Some(format!("theme: {}", self.theme.name));
            }
            Action::StartSearch => {
                if self.view != View::Quotes {
                    self.search.return_to = Some(self.view);
                }
                self.view = View::Quotes;
                self.search.active = true;
                self.search.cursor = self.search.input.chars().count();
                self.search.history.stop_walking();
            }
            Action::ToggleOrder => self.toggle_order(),
            Action::Reload if self.reloadable => self.start_load(true),
            Action::Reload => {
                self.message =
                    Some("nothing to reload: this is the briefing built into parley".into())
            }
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { column, row } => self.click(column, row),
            _ => {}
        }
    }

    /// `Tab` walks the views; in the party view it walks the parties first.
    fn cycle(&mut self, by: isize) {
        let parties = self.briefing.parties.len();
        if self.view == View::Party {
            let next = self.party as isize + by;
            if next >= 0 && (next as usize) < parties {
                self.show_party(next as usize);
                return;
            }
        }
        self.view = self.view.offset(by);
        if self.view == View::Party && parties > 0 {
            let party = if by > 0 { 0 } else { parties - 1 };
            self.show_party(party);
        }
    }

    fn show_party(&mut self, party: usize) {
        if party != self.party {
            self.selected[View::Party.index()] = 0;
        }
        self.party = party;
        self.view = View::Party;
    }

    fn focus_column(&mut self, column: usize) {
        let total = self.columns().len();
        if total == 0 {
            return;
        }
        let column = column.min(total - 1);
        if column != self.column {
            self.selected[View::RedLines.index()] = 0;
        }
        self.column = column;
        self.keep_column_visible();
    }

    fn keep_column_visible(&mut self) {
        let visible = self.visible_columns();
        if self.column < self.first_column {
            self.first_column = self.column;
        } else if self.column >= self.first_column + visible {
            self.first_column = self.column + 1 - visible;
        }
        let total = self.columns().len();
        self.first_column = self.first_column.min(total.saturating_sub(visible));
    }

    fn move_selection(&mut self, action: Action) {
        let len = self.item_count(self.view);
        let last = len.saturating_sub(1);
        let page = self.page();
        let current = &mut self.selected[self.view.index()];
        *current = match action {
            Action::Up => current.saturating_sub(1),
            Action::Down => (*current + 1).min(last),
            Action::ScrollUp => current.saturating_sub(3),
            Action::ScrollDown => (*current + 3).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => current.saturating_sub(page),
            Action::PageDown => (*current + page).min(last),
            _ => *current,
        };
    }

    fn open_selected(&mut self) {
        if let Some(item) = self.selected_item() {
            self.popup = Some(Popup::Detail(item));
            self.popup_scroll = 0;
        }
    }

    /// The quote the person is looking at: in a detail popup, or selected.
    fn current_quote(&self) -> Option<usize> {
        match (self.popup, self.selected_item()) {
            (Some(Popup::Detail(Item::Quote(q))), _) => Some(q),
            (Some(_), _) => None,
            (None, Some(Item::Quote(q))) => Some(q),
            _ => None,
        }
    }

    fn copy(&mut self) {
        match self.current_quote() {
            Some(q) => {
                let quote = &self.briefing.quotes[q];
                self.effects.push(Effect::Copy(self.citation(q)));
                self.message = Some(format!("copied quote {} with its citation", quote.id));
            }
            None => self.message = Some("select a quote to copy it".into()),
        }
    }

    /// A quote as a person pastes it: the words, then who said them, where
    /// and when (the same citation the markdown export prints).
    pub fn citation(&self, q: usize) -> String {
        let quote = &self.briefing.quotes[q];
        format!(
            "“{}” — {}",
            quote.text,
            crate::export::citation(&self.briefing, quote)
        )
    }

    fn toggle_order(&mut self) {
        self.search.order = match self.search.order {
            Order::Relevance => Order::Date,
            Order::Date => Order::Relevance,
        };
        self.run_search();
    }

    fn query_changed(&mut self) {
        self.search.history.stop_walking();
        self.selected[View::Quotes.index()] = 0;
        self.search.reselect = None;
        self.search.stale = true;
    }

    /// Runs the current query: inline for a briefing of ordinary size, on
    /// the worker thread for a large archive. A query that narrows the one
    /// the results answer searches only those results.
    pub fn run_search(&mut self) {
        self.search.stale = false;
        let query = match Query::parse(&self.search.input) {
            Ok(query) => query,
            Err(refused) => return self.refuse_search(refused),
        };
        if self.search.refused.take().is_some() {
            self.message = None;
        }
        let within = match &self.search.answered {
            Some(answered) if !answered.is_empty() && query.narrows(answered) => {
                Some(self.search.results.iter().map(|hit| hit.quote).collect())
            }
            _ => None,
        };
        self.search.generation += 1;
        let request = SearchRequest {
            generation: self.search.generation,
            query,
            order: self.search.order,
            within,
        };
        if self.briefing.quotes.len() <= SEARCH_INLINE_LIMIT {
            let hits =
                run_request(&self.index, &request, &AtomicBool::new(false)).unwrap_or_default();
            self.receive_search(request.generation, request.query, hits);
        } else {
            self.search.pending = true;
            self.effects.push(Effect::Search(request));
        }
    }

    /// A query that cannot be searched: no results, and why in the status
    /// line, unless it already says something else (the line's length cap).
    fn refuse_search(&mut self, refused: QueryError) {
        self.search.generation += 1;
        self.search.pending = false;
        self.search.results.clear();
        self.search.answered = None;
        if self.message.is_none() || self.search.refused.is_some() {
            self.message = Some(refused.to_string());
        }
        self.search.refused = Some(refused);
        self.clamp();
    }

    /// Takes a search's answer, unless a newer search has been asked for.
    fn receive_search(&mut self, generation: u64, query: Query, hits: Vec<Hit>) -> bool {
        if generation != self.search.generation {
            return false;
        }
        self.search.results = hits;
        self.search.answered = Some(query);
        self.search.pending = false;
        if let Some(selected) = self.search.reselect.take() {
            self.selected[View::Quotes.index()] = selected;
        }
        self.clamp();
        true
    }

    fn remember_query(&mut self) {
        self.search.history.push(self.search.input.trim());
    }

    /// Puts a query from the history on the search line.
    fn recall(&mut self, query: Option<String>) {
        let Some(query) = query else { return };
        self.search.input = query;
        self.search.cursor = self.search.input.chars().count();
        self.selected[View::Quotes.index()] = 0;
        self.search.reselect = None;
        self.run_search();
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.keep_column_visible();
    }

    fn click(&mut self, column: u16, row: u16) {
        let target = self
            .click_targets
            .borrow()
            .iter()
            .find(|t| t.view == self.view && t.area.contains((column, row).into()))
            .copied();
        if let Some(target) = target {
            if let Some(c) = target.column {
                self.focus_column(c);
            }
            self.selected[self.view.index()] = target.item_index;
        }
    }

    /// Replaces the briefing (a reload), keeping the view, the selections
    /// where they still exist, and the search query.
    pub fn replace_briefing(&mut self, briefing: Briefing) {
        let briefing = Arc::new(briefing);
        let index = Arc::new(Index::new(Arc::clone(&briefing)));
        self.swap_briefing(briefing, index);
    }

    /// Compares the briefing with an earlier round (`--since OLD`); a
    /// reload keeps comparing with it.
    pub fn compare_with(&mut self, old_name: impl Into<String>, old: Briefing) {
        let old = Arc::new(old);
        self.comparison = Some(Comparison {
            old_name: old_name.into(),
            since: Since::new(&old, &self.briefing),
            old,
        });
    }

    fn swap_briefing(&mut self, briefing: Arc<Briefing>, index: Arc<Index>) {
        self.briefing = briefing;
        self.index = index;
        if let Some(comparison) = &mut self.comparison {
            comparison.since = Since::new(&comparison.old, &self.briefing);
        }
        // The hits point into the old briefing's quotes: none may outlive
        // it. The selection comes back, within bounds, with the new answer.
        self.search.results.clear();
        self.search.answered = None;
        self.search.reselect = Some(self.selected[View::Quotes.index()]);
        if let Some(Popup::Detail(_)) = self.popup {
            self.popup = None;
        }
        self.run_search();
        self.clamp();
    }

    /// Keeps every index within what the briefing and the screen hold.
    fn clamp(&mut self) {
        let parties = self.briefing.parties.len();
        self.party = self.party.min(parties.saturating_sub(1));
        let columns = self.columns().len();
        self.column = self.column.min(columns.saturating_sub(1));
        self.keep_column_visible();
        for view in View::ALL {
            let len = self.item_count(view);
            let selected = &mut self.selected[view.index()];
            *selected = (*selected).min(len.saturating_sub(1));
        }
        self.search.cursor = self.search.cursor.min(self.search.input.chars().count());
    }
}

fn too_long_message() -> String {
    format!("the search line holds at most {QUERY_MAX_CHARS} characters: the rest was left out")
}

/// Runs one search request against an index; `None` when cancelled.
pub fn run_request(
    index: &Index,
    request: &SearchRequest,
    cancel: &AtomicBool,
) -> Option<Vec<Hit>> {
    match &request.within {
        Some(within) => index.search_within(&request.query, request.order, within, cancel),
        None => index.search(&request.query, request.order, cancel),
    }
}

/// The byte offset of the `chars`-th character.
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}
