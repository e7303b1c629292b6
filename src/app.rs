//! The model (`App`) and `update`, the only place state changes. Nothing here
//! touches the terminal: tests drive it with actions alone.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use tui_input::{Input, InputRequest};

use crate::action::Action;
use crate::briefing::Briefing;
use crate::briefing::articles::{Article, Articles};
use crate::clipboard::Copied;
use crate::derived::Derived;
use crate::diff::Since;
use crate::event::Event;
use crate::history::History;
use crate::hit::HitMap;
use crate::keymap::Keymap;
use crate::loader::{Compared, Fingerprint, Fresh, Outcome};
use crate::reader::{LayoutCache, Reader, Top};
use crate::search::{Hit, Index, Order, Query, QueryError};
use crate::text_line::{self, Edited};
use crate::theme::Theme;
use crate::view::PerView;
pub use crate::view::{Mode, View};

/// One thing on screen that can be selected and opened: every claim, with
/// its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Position {
        party: usize,
        index: usize,
    },
    Delegate {
        party: usize,
        index: usize,
    },
    Quote(usize),
    StickingPoint(usize),
    Source(usize),
    Discrepancy(usize),
    Event(usize),
    /// A change since the round compared with (index into `Since::changes`).
    Change(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Detail(Item),
    /// A source's full text, its quotes highlighted.
    Reader(Reader),
}

/// What `update` asks the run loop to do in the outside world.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Copy this text (see `clipboard`); where it went comes back to `copied`.
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

/// The longest query the search line holds.
pub use crate::text_line::MAX_CHARS as QUERY_MAX_CHARS;

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
    /// The query being typed, and the cursor in it.
    pub line: Input,
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

pub struct App {
    /// Shared with the search index, which reads the quotes' texts.
    pub briefing: Arc<Briefing>,
    /// The sources' texts and where the quotes are in them: read with the
    /// briefing, by whoever loads it (see `set_articles`).
    pub articles: Arc<Articles>,
    /// The open reader's text, laid out when last drawn.
    pub reader_layout: LayoutCache,
    /// Computed from `briefing` whenever it is replaced.
    pub derived: Derived,
    /// How the status bar names the briefing.
    pub file_name: String,
    /// Whether `r` has a file to reload.
    pub reloadable: bool,
    pub view: View,
    pub theme: Theme,
    /// The keys in use: the defaults with the config file's over them.
    pub keymap: Keymap,
    pub popup: Option<Popup>,
    pub popup_scroll: u16,
    /// Selected item per view (index into `items(view)`).
    selected: PerView<usize>,
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
    pub click_targets: HitMap,
    /// Opened from the picker of a folder: its keys (`Mode::Folder`) apply.
    pub from_folder: bool,
    /// The earlier round the briefing is compared with (`--since OLD`).
    pub comparison: Option<Comparison>,
}

/// An earlier round and what moved since: computed once per loaded
/// briefing (again on each reload, against the same old round).
pub struct Comparison {
    /// How the old round was named (on the command line: a file or `REV:PATH`).
    pub label: String,
    pub old: Arc<Briefing>,
    pub since: Since,
}

/// Columns narrower than this do not fit a red line legibly.
pub const MIN_COLUMN_WIDTH: u16 = 24;

impl App {
    pub fn new(briefing: Briefing, file_name: impl Into<String>, theme: Theme) -> Self {
        let briefing = Arc::new(briefing);
        let index = Arc::new(Index::new(Arc::clone(&briefing)));
        // Without the loader, no source has a text to show.
        let articles = Arc::new(Articles::read(&briefing, None));
        Self::with_index(briefing, index, articles, file_name, theme)
    }

    /// The app on a briefing loaded and indexed on the loader thread.
    pub fn opened(fresh: Fresh, theme: Theme) -> Self {
        let mut app = Self::with_index(
            fresh.briefing,
            fresh.index,
            fresh.articles,
            fresh.name,
            theme,
        );
        app.fingerprint = fresh.fingerprint;
        app
    }

    fn with_index(
        briefing: Arc<Briefing>,
        index: Arc<Index>,
        articles: Arc<Articles>,
        file_name: impl Into<String>,
        theme: Theme,
    ) -> Self {
        let mut app = Self {
            derived: Derived::new(&briefing),
            briefing,
            articles,
            reader_layout: LayoutCache::default(),
            file_name: file_name.into(),
            reloadable: false,
            view: View::RedLines,
            theme,
            keymap: Keymap::default(),
            popup: None,
            popup_scroll: 0,
            selected: PerView::default(),
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
            click_targets: HitMap::default(),
            from_folder: false,
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

    /// Parties shown as red-line columns (indices into `parties`).
    pub fn columns(&self) -> &[usize] {
        &self.derived.columns
    }

    /// How many red-line columns fit the terminal's width.
    pub fn visible_columns(&self) -> usize {
        let total = self.columns().len();
        ((self.width / MIN_COLUMN_WIDTH) as usize).clamp(1, total.max(1))
    }

    /// A party's positions: red lines first, then the rest, in file order.
    pub fn red_lines_first(&self, party: usize) -> &[usize] {
        &self.derived.red_lines_first[party]
    }

    /// Events by date (file order within a day).
    pub fn events_by_date(&self) -> &[usize] {
        &self.derived.events_by_date
    }

    /// The selectable items of a view, in the order the view shows them.
    /// Views draw from `item_at`, which builds none of the others.
    pub fn items(&self, view: View) -> Vec<Item> {
        (0..self.item_count(view))
            .filter_map(|i| self.item_at(view, i))
            .collect()
    }

    /// The `index`-th item of a view, in the order the view shows them.
    pub fn item_at(&self, view: View, index: usize) -> Option<Item> {
        let b = &self.briefing;
        let d = &self.derived;
        match view {
            View::RedLines => {
                let party = *self.columns().get(self.column)?;
                let position = *d.red_lines_first[party].get(index)?;
                Some(Item::Position {
                    party,
                    index: position,
                })
            }
            View::Party => {
                let party = self.party;
                let p = b.parties.get(party)?;
                let positions = &d.positions_by_topic[party];
                let index = match index.checked_sub(p.delegation.len()) {
                    None => return Some(Item::Delegate { party, index }),
                    Some(rest) => rest,
                };
                match index.checked_sub(positions.len()) {
                    None => Some(Item::Position {
                        party,
                        index: positions[index],
                    }),
                    Some(rest) => d.party_quotes[party].get(rest).map(|&q| Item::Quote(q)),
                }
            }
            View::StickingPoints => {
                (index < b.sticking_points.len()).then_some(Item::StickingPoint(index))
            }
            View::Quotes => self
                .search
                .results
                .get(index)
                .map(|hit| Item::Quote(hit.quote)),
            View::Sources => match index.checked_sub(b.sources.len()) {
                None => Some(Item::Source(index)),
                Some(rest) => (rest < b.discrepancies.len()).then_some(Item::Discrepancy(rest)),
            },
            View::Timeline => d.events_by_date.get(index).map(|&e| Item::Event(e)),
            View::Diff => {
                let since = &self.comparison.as_ref()?.since;
                since.rows.get(index).map(|row| Item::Change(row.change))
            }
        }
    }

    /// How many items a view holds.
    pub fn item_count(&self, view: View) -> usize {
        let b = &self.briefing;
        let d = &self.derived;
        match view {
            View::RedLines => self
                .columns()
                .get(self.column)
                .map_or(0, |&party| b.parties[party].positions.len()),
            View::Party => b.parties.get(self.party).map_or(0, |p| {
                p.delegation.len() + p.positions.len() + d.party_quotes[self.party].len()
            }),
            View::StickingPoints => b.sticking_points.len(),
            View::Quotes => self.search.results.len(),
            View::Sources => b.sources.len() + b.discrepancies.len(),
            View::Timeline => b.events.len(),
            View::Diff => self.comparison.as_ref().map_or(0, |c| c.since.rows.len()),
        }
    }

    pub fn selected_index(&self, view: View) -> usize {
        self.selected[view]
    }

    pub fn selected_item(&self) -> Option<Item> {
        self.item_at(self.view, self.selected_index(self.view))
    }

    /// Rows a page moves: the body's height less the chrome around it.
    fn page(&self) -> usize {
        (self.height.saturating_sub(8) as usize).max(1)
    }

    /// Gives the app the sources' texts, read with the briefing.
    pub fn set_articles(&mut self, articles: Articles) {
        self.articles = Arc::new(articles);
        self.reader_layout.take();
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
            Event::Key(key) => match self.keymap.action_for(self.mode(), key) {
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
            Event::Copied(copied) => {
                self.copied(&copied);
                true
            }
            Event::Watching(message) => {
                self.message = Some(message);
                true
            }
            // The picker's and the session's: a dashboard has no use for them.
            Event::Listed(_) | Event::Opened { .. } => false,
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
            Mode::Popup if matches!(self.popup, Some(Popup::Reader(_))) => {
                self.update_reader(action)
            }
            Mode::Popup => self.update_popup(action),
            Mode::Search => self.update_search(action),
            Mode::Normal => self.update_normal(action),
            // The app's own modes are the three above.
            Mode::Picker | Mode::PickerFilter | Mode::Folder => {}
        }
        self.clamp();
    }

    /// Pasted text goes into the search line as one edit, line breaks as
    /// spaces and other control characters dropped, up to the line's length.
    fn paste(&mut self, text: &str) -> bool {
        if self.mode() != Mode::Search {
            return false;
        }
        let edited = text_line::paste(&mut self.search.line, text);
        self.line_edited(edited);
        true
    }

    /// After an edit of the search line: says what did not fit, and
    /// searches again if the text changed.
    fn line_edited(&mut self, edited: Edited) {
        if edited.cut {
            self.message = Some(format!(
                "the search line holds at most {QUERY_MAX_CHARS} characters: the rest was left out"
            ));
        }
        if edited.changed {
            self.query_changed();
        }
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
                self.swap_briefing(fresh.briefing, fresh.index, fresh.articles, fresh.compared);
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
            Action::ReadSource => self.read_source(),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { .. } => self.close_popup(),
            // A popup has the keyboard: what acts on the view behind it waits.
            Action::NextView
            | Action::PreviousView
            | Action::Show(_)
            | Action::SelectParty(_)
            | Action::NextParty
            | Action::PreviousParty
            | Action::Left
            | Action::Right
            | Action::Open
            | Action::CycleTheme
            | Action::StartSearch
            | Action::ToggleOrder
            | Action::Reload
            | Action::BackToPicker
            | Action::ComparePrevious => {}
            // Only the reader has passages to go between.
            Action::NextPassage | Action::PreviousPassage => {}
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

    /// The reader has the keyboard: scroll, jump between quotes, close.
    fn update_reader(&mut self, action: Action) {
        self.message = None;
        let Some(Popup::Reader(open)) = self.popup else {
            return;
        };
        // Where things are on screen, as last drawn (this source's text only).
        let (top, last, page, passage_lines) = {
            let cache = self.reader_layout.borrow();
            let layout = cache.as_ref().filter(|l| l.key.0 == open.source);
            (
                open.top_line(layout),
                layout.map_or(0, |l| l.last_top()),
                layout.map_or(self.page(), |l| l.height.saturating_sub(1).max(1)),
                layout.map_or_else(Vec::new, |l| l.passage_lines.clone()),
            )
        };
        let Some(Popup::Reader(reader)) = &mut self.popup else {
            return;
        };
        let passages = match self.articles.get(reader.source) {
            Article::Text(text) => text.passages.len(),
            _ => 0,
        };
        let scroll_to = |line: usize| Top::Line(line.min(last));
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.close_popup(),
            Action::ToggleHelp => self.popup = Some(Popup::Help),
            Action::Up => reader.top = scroll_to(top.saturating_sub(1)),
            Action::Down => reader.top = scroll_to(top + 1),
            Action::ScrollUp => reader.top = scroll_to(top.saturating_sub(3)),
            Action::ScrollDown => reader.top = scroll_to(top + 3),
            Action::PageUp => reader.top = scroll_to(top.saturating_sub(page)),
            Action::PageDown => reader.top = scroll_to(top + page),
            Action::Top => reader.top = Top::Line(0),
            Action::Bottom => reader.top = scroll_to(usize::MAX),
            Action::NextPassage | Action::PreviousPassage if passages > 0 => {
                let forward = action == Action::NextPassage;
                // From the last quote gone to; without one, from the screen.
                let next = match reader.current {
                    Some(at) if forward => (at + 1) % passages,
                    Some(at) => (at + passages - 1) % passages,
                    None => {
                        let after = passage_lines.iter().position(|&line| line >= top);
                        match (forward, after) {
                            (true, Some(p)) => p,
                            (true, None) => 0,
                            (false, Some(p)) => (p + passages - 1) % passages,
                            (false, None) => passages - 1,
                        }
                    }
                };
                reader.current = Some(next);
                reader.top = Top::Passage(next);
            }
            Action::NextPassage | Action::PreviousPassage => {
                self.message = Some("no quote of the briefing is found in this text".into())
            }
            Action::Copy => self.copy(),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Suspend => self.effects.push(Effect::Suspend),
            // The reader has the keyboard: what acts on the view behind it waits.
            Action::NextView
            | Action::PreviousView
            | Action::Show(_)
            | Action::SelectParty(_)
            | Action::NextParty
            | Action::PreviousParty
            | Action::Left
            | Action::Right
            | Action::Open
            | Action::ReadSource
            | Action::CycleTheme
            | Action::StartSearch
            | Action::ToggleOrder
            | Action::Reload
            | Action::BackToPicker
            | Action::ComparePrevious
            | Action::Click { .. } => {}
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

    /// Opens the reader on the selected source, or on the source of the
    /// quote in view at the quote's words.
    fn read_source(&mut self) {
        let item = match self.popup {
            Some(Popup::Detail(item)) => Some(item),
            Some(_) => None,
            None => self.selected_item(),
        };
        let reader = match item {
            Some(Item::Source(s)) => Some(Reader::new(s, None)),
            Some(Item::Quote(q)) => match self.articles.place_of(q) {
                Some((source, passage)) => Some(Reader::new(source, Some(passage))),
                None => {
                    let id = &self.briefing.quotes[q].source;
                    self.briefing
                        .sources
                        .iter()
                        .position(|s| s.id == *id)
                        .map(|s| Reader::new(s, None))
                }
            },
            _ => None,
        };
        match reader {
            Some(reader) => self.open_reader(reader),
            None => self.message = Some("select a source or a quote to read its text".into()),
        }
    }

    fn open_reader(&mut self, reader: Reader) {
        self.popup = Some(Popup::Reader(reader));
        self.popup_scroll = 0;
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
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchCursorLeft
            | Action::SearchCursorRight
            | Action::SearchCursorHome
            | Action::SearchCursorEnd => {
                let edited = text_line::edit(&mut search.line, action).unwrap_or_default();
                self.line_edited(edited);
            }
            Action::SearchHistoryPrevious => {
                let recalled = search
                    .history
                    .previous(search.line.value())
                    .map(str::to_string);
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
            // The search line has the keyboard: letters are typed, not obeyed.
            Action::ToggleHelp
            | Action::NextView
            | Action::PreviousView
            | Action::Show(_)
            | Action::SelectParty(_)
            | Action::NextParty
            | Action::PreviousParty
            | Action::Left
            | Action::Right
            | Action::Top
            | Action::Bottom
            | Action::Copy
            | Action::ReadSource
            | Action::NextPassage
            | Action::PreviousPassage
            | Action::CycleTheme
            | Action::StartSearch
            | Action::Reload
            | Action::BackToPicker
            | Action::ComparePrevious => {}
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
            Action::SelectParty(n) => {
                if n < self.briefing.parties.len() {
                    self.show_party(n)
                }
            }
            Action::NextParty => {
                self.show_party((self.party + 1) % self.briefing.parties.len().max(1))
            }
            Action::PreviousParty => {
                let n = self.briefing.parties.len().max(1);
                self.show_party((self.party + n - 1) % n)
            }
            Action::Left => match self.view {
                View::RedLines => self.focus_column(self.column.saturating_sub(1)),
                View::Party => self.update_normal(Action::PreviousParty),
                View::StickingPoints
                | View::Quotes
                | View::Sources
                | View::Timeline
                | View::Diff => {}
            },
            Action::Right => match self.view {
                View::RedLines => self.focus_column(self.column + 1),
                View::Party => self.update_normal(Action::NextParty),
                View::StickingPoints
                | View::Quotes
                | View::Sources
                | View::Timeline
                | View::Diff => {}
            },
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
            Action::ReadSource => self.read_source(),
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
                self.search.line.handle(InputRequest::GoToEnd);
                self.search.history.stop_walking();
            }
            Action::ToggleOrder => self.toggle_order(),
            Action::Reload => {
                if self.reloadable {
                    self.start_load(true)
                } else {
                    self.message =
                        Some("nothing to reload: this is the briefing built into parley".into())
                }
            }
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { column, row } => self.click(column, row),
            // Only the reader has passages to go between.
            Action::NextPassage | Action::PreviousPassage => {}
            // The session of a folder acts on these before the app sees
            // them (`session::Session::update_all`).
            Action::BackToPicker | Action::ComparePrevious => {}
            // Editing the search line needs the search line open (`StartSearch`).
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
            self.selected[View::Party] = 0;
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
            self.selected[View::RedLines] = 0;
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
        let current = &mut self.selected[self.view];
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
        match self.selected_item() {
            // A source opens on its text.
            Some(Item::Source(s)) => self.open_reader(Reader::new(s, None)),
            Some(item) => {
                self.popup = Some(Popup::Detail(item));
                self.popup_scroll = 0;
            }
            None => {}
        }
    }

    /// The quote the person is looking at: in a detail popup, or selected.
    fn current_quote(&self) -> Option<usize> {
        match (self.popup, self.selected_item()) {
            (Some(Popup::Detail(Item::Quote(q))), _) => Some(q),
            // In the reader: the quote `n`/`N` went to.
            (Some(Popup::Reader(reader)), _) => match self.articles.get(reader.source) {
                Article::Text(text) => reader
                    .current
                    .and_then(|at| text.passages.get(at))
                    .map(|p| p.quote),
                _ => None,
            },
            (Some(_), _) => None,
            (None, Some(Item::Quote(q))) => Some(q),
            _ => None,
        }
    }

    fn copy(&mut self) {
        match self.current_quote() {
            Some(q) => {
                // Where it went is said by `copied`, once the run loop knows.
                self.effects.push(Effect::Copy(self.citation(q)));
                self.message = None;
            }
            None => self.message = Some("select a quote to copy it".into()),
        }
    }

    /// The run loop's report of an `Effect::Copy`: where the text went.
    pub fn copied(&mut self, copied: &Copied) {
        self.message = Some(copied.message());
    }

    /// A quote as a person pastes it: the words, who said them (and for
    /// which party), the outlet, the article's headline where it has one
    /// and the source's id (several sources share an outlet), and the date:
    /// "“…” — Yuri Ushakov (Russia), Unattributed news report [s000], 2026-01-23".
    pub fn citation(&self, q: usize) -> String {
        let b = &self.briefing;
        let quote = &b.quotes[q];
        let mut parts = vec![match quote.party.as_deref().and_then(|id| b.party(id)) {
            Some(party) => format!("{} ({})", quote.speaker, party.name),
            None => quote.speaker.to_string(),
        }];
        let source = b.source(&quote.source);
        match source {
            Some(source) => {
                let mut article = source.outlet.clone();
                if let Some(headline) = &source.title {
                    article.push_str(&format!(", “{headline}”"));
                }
                parts.push(format!("{article} [{}]", source.id));
            }
            None => parts.push(format!("[{}]", quote.source)),
        }
        // As the export says it: a source's publication date is not when the
        // words were said.
        parts.push(
            match (
                crate::export::quote_date(quote),
                source.and_then(|s| s.published),
            ) {
                (Some(said), _) => said.to_string(),
                (None, Some(published)) => format!("undated (published {published})"),
                (None, None) => "undated".to_string(),
            },
        );
        format!("“{}” — {}", quote.text, parts.join(", "))
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
        self.selected[View::Quotes] = 0;
        self.search.reselect = None;
        self.search.stale = true;
    }

    /// Runs the current query: inline for a briefing of ordinary size, on
    /// the worker thread for a large archive. A query that narrows the one
    /// the results answer searches only those results.
    pub fn run_search(&mut self) {
        self.search.stale = false;
        let query = match Query::parse(self.search.line.value()) {
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
            self.selected[View::Quotes] = selected;
        }
        self.clamp();
        true
    }

    fn remember_query(&mut self) {
        self.search.history.push(self.search.line.value().trim());
    }

    /// Puts a query from the history on the search line.
    fn recall(&mut self, query: Option<String>) {
        let Some(query) = query else { return };
        self.search.line = Input::new(query);
        self.selected[View::Quotes] = 0;
        self.search.reselect = None;
        self.run_search();
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.keep_column_visible();
    }

    fn click(&mut self, column: u16, row: u16) {
        if let Some(target) = self.click_targets.at(self.view, column, row) {
            if let Some(c) = target.column {
                self.focus_column(c);
            }
            self.selected[self.view] = target.item_index;
        }
    }

    /// Replaces the briefing (a reload), keeping the view, the selections
    /// where they still exist, and the search query.
    pub fn replace_briefing(&mut self, briefing: Briefing) {
        let briefing = Arc::new(briefing);
        let index = Arc::new(Index::new(Arc::clone(&briefing)));
        // Without the loader, no source has a text to show.
        let articles = Arc::new(Articles::read(&briefing, None));
        self.swap_briefing(briefing, index, articles, None);
    }

    /// Compares the briefing with an earlier round, `label` naming it (as
    /// `--since` does): the views mark what moved and the Diff view lists
    /// it. A reload compares the new content with the same old round.
    pub fn compare_with(&mut self, old: Briefing, label: impl Into<String>) {
        self.compare_with_computed(Arc::new(old), label, None);
    }

    /// [`App::compare_with`], taking `computed` (what moved since `old`,
    /// made on the loader thread) when it was made for the briefing on
    /// screen; else, a reload having come in between, comparing again.
    pub fn compare_with_computed(
        &mut self,
        old: Arc<Briefing>,
        label: impl Into<String>,
        computed: Option<Box<Compared>>,
    ) {
        let since = match computed {
            Some(computed) if Arc::ptr_eq(&computed.against, &self.briefing) => computed.since,
            _ => Since::new(&old, &self.briefing),
        };
        self.comparison = Some(Comparison {
            label: label.into(),
            old,
            since,
        });
        self.clamp();
    }

    /// `compared`: the new briefing compared on the loader thread, taken
    /// when it is against the same old round as the one on screen.
    fn swap_briefing(
        &mut self,
        briefing: Arc<Briefing>,
        index: Arc<Index>,
        articles: Arc<Articles>,
        compared: Option<Box<Compared>>,
    ) {
        self.derived = Derived::new(&briefing);
        if let Some(comparison) = &mut self.comparison {
            comparison.since = match compared {
                Some(compared) if Arc::ptr_eq(&compared.against, &comparison.old) => compared.since,
                _ => Since::new(&comparison.old, &briefing),
            };
        }
        self.briefing = briefing;
        self.index = index;
        // The texts' places are of the new briefing's quotes.
        self.articles = articles;
        // The hits point into the old briefing's quotes: none may outlive
        // it. The selection comes back, within bounds, with the new answer.
        self.search.results.clear();
        self.search.answered = None;
        self.search.reselect = Some(self.selected[View::Quotes]);
        if let Some(Popup::Detail(_) | Popup::Reader(_)) = self.popup {
            self.popup = None;
        }
        self.reader_layout.take();
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
            let selected = &mut self.selected[view];
            *selected = (*selected).min(len.saturating_sub(1));
        }
    }
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
