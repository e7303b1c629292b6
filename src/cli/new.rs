//! `parley new [PATH]`: a commented starter briefing that passes `check`.

use std::io::Write;
use std::path::Path;

use super::exit;
use crate::text::sanitize_inline;

/// The starter, every key commented; a test checks that it is valid.
pub const STARTER: &str = include_str!("starter.toml");

/// Writes the starter to `path` (never over an existing file), or to `out`
/// when no path is given.
pub fn run(path: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(path) = path else {
        return match out.write_all(STARTER.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => exit::OK,
            Err(_) => exit::USAGE,
        };
    };
    let shown = path.display().to_string();
    let name = sanitize_inline(&shown);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let written = file.and_then(|mut file| file.write_all(STARTER.as_bytes()));
    match written {
        Ok(()) => {
            let _ = writeln!(
                err,
                "{name}: written; fill it in, then `parley check {name}`"
            );
            exit::OK
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                err,
                "{name}: already exists; parley new never writes over a file"
            );
            exit::USAGE
        }
        Err(error) => {
            let _ = writeln!(
                err,
                "{name}: cannot write: {}",
                sanitize_inline(&error.to_string())
            );
            exit::USAGE
        }
    }
}
