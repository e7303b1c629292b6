//! The command line: one module per subcommand; `main.rs` only dispatches.

pub mod check;
pub mod diff;
pub mod export;
pub mod new;
pub mod open;
pub mod search;

/// Exit statuses scripts can rely on.
pub mod exit {
    /// Everything valid (or, for search, something matched).
    pub const OK: i32 = 0;
    /// Something invalid (or nothing matched).
    pub const INVALID: i32 = 1;
    /// A usage error or a file that could not be read.
    pub const USAGE: i32 = 2;
}
