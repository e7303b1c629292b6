//! The briefing file format (version 1): its model, loader and rules.
//! Knows nothing of terminals.

pub mod diagnostic;
pub mod load;
pub mod model;
pub mod open;
mod pieces;
mod read;
mod validate;
pub mod verbatim;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{Document, EMBEDDED_TEXT, FileError, Invalid, Loaded, load};
pub use model::*;
pub use open::{Unopened, read_and_load};
