//! parley: a terminal briefing dashboard for negotiations.
//!
//! Module map (data flows one way: file -> briefing -> app -> views):
//! - `briefing/`: the file format: model, loader, validation rules (no UI).
//! - `search/`: quote search: folding, query syntax, matching, ranking (no UI).
//! - `history`: the search query history, kept in the user's state folder.
//! - `export/`: the briefing as a markdown memo or JSON (no UI).
//! - `derived`: counts, groupings and orders computed once per briefing.
//! - `clipboard`: where `y` puts a quote (system clipboard, else a file and OSC 52).
//! - `exit`: the exit statuses of the command line and the dashboard.
//! - `text`: the one sanitiser and display-width helpers for file text.
//! - `view`: which view is shown and what has the keyboard (shared small types).
//! - `action`, `keymap`: what a person can ask for, and the keys for it.
//! - `config`: the config file (theme, watch, default briefing, keys), checked.
//! - `reader`: the source reader's state and its text laid out per width.
//! - `app`: the model and `update`, the only place state changes.
//! - `picker`: the picker of a folder's briefings (`parley DIR`) and its `update`.
//! - `session`: a run at the terminal: one dashboard, or a picker and the
//!   briefing it opened.
//! - `hit`: what the last frame showed where, for clicks.
//! - `event`: everything that can change the model, from every source.
//! - `loader`: reading, checking and indexing a briefing off the UI thread.
//! - `watch`: following saves to the briefing file (events, or polling).
//! - `ui/`: drawing, one file per view; pure functions of the `App`.
//! - `theme`: `themes/*.toml` and user theme files -> styles.
//! - `tui`: the run loop, the only code that touches the real terminal.
//! - `cli/`: the command-line subcommands (`check`, `search`, `export`).

pub mod action;
pub mod app;
pub mod briefing;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod derived;
pub mod diff;
pub mod event;
pub mod exit;
pub mod export;
pub mod history;
pub mod hit;
pub mod keymap;
pub mod loader;
pub mod picker;
pub mod reader;
pub mod schema;
pub mod search;
pub mod session;
pub mod text;
pub mod text_line;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod view;
pub mod watch;
