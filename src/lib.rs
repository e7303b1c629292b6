//! parley: a terminal briefing dashboard for negotiations.
//!
//! Module map:
//! - `briefing/`: the file format: model, loader, validation rules (no UI).
//! - `text`: the one sanitiser and display-width helpers for file text.
//! - `cli/`: the command-line subcommands (`check`, ...).

pub mod briefing;
pub mod cli;
pub mod text;
