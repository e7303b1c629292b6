//! The briefing file format (version 1): its model, loader and rules.
//! Knows nothing of terminals.

pub mod articles;
pub mod bounded;
pub mod date;
pub mod diagnostic;
pub mod folder;
pub mod load;
pub mod model;
pub mod open;
mod pieces;
pub mod quote_id;
mod read;
pub mod revision;
pub mod rounds;
pub mod texts;
mod validate;
pub mod verbatim;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{Document, EMBEDDED_TEXT, FileError, Invalid, Loaded, Verified, load};
pub use model::*;
pub use open::{Unopened, read_and_load, read_and_load_all};
pub use read::{NAMED_COLORS, did_you_mean};
pub use texts::TextFolder;
