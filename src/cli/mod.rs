//! The command line: one module per subcommand; `main.rs` only dispatches.

pub mod check;
pub mod colour;
pub mod completions;
pub mod config;
pub mod diff;
pub mod export;
pub mod new;
pub mod open;
pub mod report;
pub mod search;
pub mod stdout;

/// Exit statuses scripts can rely on (kept in `crate::exit`, which the
/// dashboard uses too, so that it never imports the CLI).
pub use crate::exit;
