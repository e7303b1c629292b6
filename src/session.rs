//! One run of parley at the terminal: the dashboard of one briefing
//! (`parley FILE`), or the picker of a folder (`parley DIR`) and the
//! briefing it opened. The run loop hands every event to
//! [`Session::update_all`], which gives it to whichever is on screen; the
//! keys of a briefing opened from a folder (`Mode::Folder`: back to the
//! picker, compare with the previous round) are acted on here. Nothing here
//! touches the terminal.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use crate::action::Action;
use crate::app::{App, Effect};
use crate::briefing::Briefing;
use crate::briefing::rounds::previous_round;
use crate::event::Event;
use crate::history::History;
use crate::loader::{Fresh, Outcome};
use crate::picker::{Picker, PickerEffect};
use crate::view::{Mode, View};

/// What the session asks the run loop to do in the outside world.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// What the dashboard or the picker asked for.
    Effect(Effect),
    /// Load this briefing on the loader thread (one to open, or the
    /// previous round to compare with); the outcome comes back as
    /// `Event::Opened` with this generation. With `earlier_round_of`, the
    /// loaded briefing comes compared with it as its earlier round.
    Open {
        generation: u64,
        path: PathBuf,
        earlier_round_of: Option<Arc<Briefing>>,
    },
    /// Read the picker's folder again; the listing comes back as
    /// `Event::Listed`.
    List,
}

pub struct Session {
    /// `parley DIR`: the folder's picker, kept as it was while a briefing
    /// it opened is on screen.
    pub picker: Option<Picker>,
    /// The briefing on screen.
    pub app: Option<App>,
    /// The briefing's file: what is reloaded and followed.
    path: Option<PathBuf>,
    /// The search history while no briefing is open.
    history: History,
    /// A briefing asked to open, not loaded yet.
    opening: Option<(u64, PathBuf)>,
    /// The previous round asked for to compare the briefing on screen
    /// with, not loaded yet, and how to name it.
    comparing: Option<(u64, String)>,
    generation: u64,
    /// Searches of a briefing closed before may still answer: the next
    /// briefing's are numbered from here.
    searches_before: u64,
    pub requests: Vec<Request>,
}

impl Session {
    /// `parley FILE`: one briefing, no picker.
    pub fn dashboard(app: App, path: Option<PathBuf>) -> Self {
        Self {
            picker: None,
            app: Some(app),
            path,
            history: History::default(),
            opening: None,
            comparing: None,
            generation: 0,
            searches_before: 0,
            requests: Vec::new(),
        }
    }

    /// `parley DIR`: the picker, until a briefing is opened.
    pub fn folder(picker: Picker, history: History) -> Self {
        Self {
            picker: Some(picker),
            app: None,
            path: None,
            history,
            opening: None,
            comparing: None,
            generation: 0,
            searches_before: 0,
            requests: Vec::new(),
        }
    }

    /// The file of the briefing on screen.
    pub fn path(&self) -> Option<&Path> {
        self.app.as_ref().and(self.path.as_deref())
    }

    pub fn quit(&self) -> bool {
        match (&self.app, &self.picker) {
            (Some(app), _) => app.quit,
            (None, Some(picker)) => picker.quit,
            (None, None) => true,
        }
    }

    /// The signal that ended parley, if one did.
    pub fn signal(&self) -> Option<i32> {
        match (&self.app, &self.picker) {
            (Some(app), _) => app.signal,
            (None, Some(picker)) => picker.signal,
            (None, None) => None,
        }
    }

    pub fn wants_ticks(&self) -> bool {
        self.app.as_ref().is_some_and(App::wants_ticks)
    }

    /// The search history, to save when parley ends.
    pub fn history_mut(&mut self) -> &mut History {
        match &mut self.app {
            Some(app) => &mut app.search.history,
            None => &mut self.history,
        }
    }

    /// What to ask of the outside world, oldest first.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// Applies one event.
    pub fn update(&mut self, event: impl Into<Event>) -> bool {
        self.update_all([event.into()])
    }

    /// Applies a batch of events in order to whichever is on screen (as
    /// one batch, so a burst of keys costs one search). Whether the screen
    /// changed.
    pub fn update_all(&mut self, events: impl IntoIterator<Item = Event>) -> bool {
        let mut changed = false;
        let mut pending = Vec::new();
        for event in events {
            match event {
                Event::Opened {
                    generation,
                    outcome,
                } => {
                    changed |= self.deliver(&mut pending);
                    changed |= self.opened(generation, *outcome);
                }
                Event::Listed(listed) => {
                    if let Some(picker) = &mut self.picker {
                        changed |= picker.update(Event::Listed(listed));
                    }
                }
                Event::Key(key) if self.folder_action(key).is_some() => {
                    // The keys before it may change what has the keyboard,
                    // or have quit.
                    changed |= self.deliver(&mut pending);
                    if self.quit() {
                        return true;
                    }
                    match self.folder_action(key) {
                        Some(action) if self.app.as_ref().map(App::mode) == Some(Mode::Normal) => {
                            self.act(action);
                            changed = true;
                        }
                        _ => pending.push(event),
                    }
                }
                event => pending.push(event),
            }
        }
        changed |= self.deliver(&mut pending);
        changed
    }

    /// What `key` asks of a briefing opened from a folder, if anything.
    fn folder_action(&self, key: KeyEvent) -> Option<Action> {
        let app = self.app.as_ref().filter(|_| self.picker.is_some())?;
        app.keymap.action_for(Mode::Folder, key)
    }

    /// Gives the events gathered so far to whichever is on screen, and
    /// takes what it asks for.
    fn deliver(&mut self, pending: &mut Vec<Event>) -> bool {
        if pending.is_empty() {
            return false;
        }
        let events = std::mem::take(pending);
        let changed = match (&mut self.app, &mut self.picker) {
            (Some(app), _) => {
                let changed = app.update_all(events);
                self.requests
                    .extend(app.effects.drain(..).map(Request::Effect));
                changed
            }
            (None, Some(picker)) => picker.update_all(events),
            (None, None) => false,
        };
        self.take_picker_effects();
        changed
    }

    fn take_picker_effects(&mut self) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        for effect in std::mem::take(&mut picker.effects) {
            match effect {
                PickerEffect::Open(path) => {
                    self.generation += 1;
                    self.opening = Some((self.generation, path.clone()));
                    self.requests.push(Request::Open {
                        generation: self.generation,
                        path,
                        earlier_round_of: None,
                    });
                }
                PickerEffect::Suspend => self.requests.push(Request::Effect(Effect::Suspend)),
                PickerEffect::Resume => self.requests.push(Request::Effect(Effect::Resume)),
                PickerEffect::List => self.requests.push(Request::List),
            }
        }
    }

    /// A briefing asked for is loaded (or failed to): the one the picker
    /// opens replaces it on screen; a previous round is compared with the
    /// briefing on screen.
    fn opened(&mut self, generation: u64, outcome: Outcome) -> bool {
        if let Some((_, label)) = self.comparing.take_if(|(g, _)| *g == generation) {
            return self.compared(label, outcome);
        }
        let Some(picker) = &mut self.picker else {
            return false;
        };
        let Some((_, path)) = self.opening.take_if(|(g, _)| *g == generation) else {
            return false;
        };
        match outcome {
            Outcome::Loaded(fresh) => {
                let mut app = App::opened(fresh, picker.theme.clone());
                app.keymap = picker.keymap.clone();
                app.reloadable = true;
                app.from_folder = true;
                app.search.history = std::mem::take(&mut self.history);
                app.search.generation += self.searches_before;
                if app.search.pending {
                    // Asked under the number the bump just gave away.
                    app.run_search();
                }
                app.update(Action::Resize {
                    width: picker.width,
                    height: picker.height,
                });
                picker.message = None;
                self.path = Some(path);
                self.app = Some(app);
            }
            Outcome::Failed(error) => {
                picker.message = Some(format!("cannot open: {}", error.first_line()));
            }
            // Asked for without a fingerprint: always loaded.
            Outcome::Unchanged(_) => {}
        }
        true
    }

    fn act(&mut self, action: Action) {
        match action {
            Action::BackToPicker => self.back_to_picker(),
            Action::ComparePrevious => self.compare_previous(),
            // Only the two above are `Mode::Folder`'s.
            _ => {}
        }
    }

    /// `b`: the picker again, its selection and filter as they were.
    fn back_to_picker(&mut self) {
        let (Some(mut app), Some(picker)) = (self.app.take(), &mut self.picker) else {
            return;
        };
        picker.theme = app.theme.clone();
        picker.width = app.width;
        picker.height = app.height;
        picker.message = None;
        self.history = std::mem::take(&mut app.search.history);
        self.searches_before = app.search.generation + 1;
        self.path = None;
        // A previous round still loading was for the briefing just left.
        self.comparing = None;
        // The briefing may have been edited while it was open.
        picker.message = Some("reading the folder again…".into());
        self.requests.push(Request::List);
    }

    /// `D`: the briefing on screen compared with its previous round in the
    /// folder (by the rule of `briefing::rounds`), which is loaded first.
    fn compare_previous(&mut self) {
        let (Some(app), Some(picker)) = (&mut self.app, &self.picker) else {
            return;
        };
        let summaries = &picker.summaries;
        let current = summaries
            .iter()
            .position(|s| Some(&s.path) == self.path.as_ref());
        let Some(previous) = current
            .and_then(|at| previous_round(summaries, at))
            .map(|at| &summaries[at])
        else {
            app.message = Some(
                "no previous round of this briefing in the folder (same title stem or parties, older as_of)"
                    .into(),
            );
            return;
        };
        app.message = Some(format!("comparing with {}…", previous.relative));
        self.generation += 1;
        self.comparing = Some((self.generation, previous.relative.clone()));
        self.requests.push(Request::Open {
            generation: self.generation,
            path: previous.path.clone(),
            earlier_round_of: Some(Arc::clone(&app.briefing)),
        });
    }

    /// The previous round `D` asked for is loaded: the briefing on screen
    /// marks what moved since it (as `parley NEW --since OLD` does).
    fn compared(&mut self, label: String, outcome: Outcome) -> bool {
        let Some(app) = &mut self.app else {
            return false;
        };
        match outcome {
            Outcome::Loaded(fresh) => {
                let Fresh {
                    briefing,
                    compared_as_earlier,
                    ..
                } = fresh;
                app.compare_with_computed(briefing, label.clone(), compared_as_earlier);
                // The header says since when; the way to the list is worth a word.
                let diff = app.keymap.key_for(Mode::Normal, Action::Show(View::Diff));
                app.message = Some(format!("compared with {label}: {diff} lists what moved"));
            }
            Outcome::Failed(error) => {
                app.message = Some(format!("cannot compare: {}", error.first_line()));
            }
            // Asked for without a fingerprint: always loaded.
            Outcome::Unchanged(_) => {}
        }
        true
    }
}
