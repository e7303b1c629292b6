//! Exit statuses scripts can rely on, for the command line and the dashboard.

/// Everything valid (or, for search, something matched).
pub const OK: i32 = 0;
/// Something invalid (or nothing matched).
pub const INVALID: i32 = 1;
/// A usage error or a file that could not be read.
pub const USAGE: i32 = 2;
