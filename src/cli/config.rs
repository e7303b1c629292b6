//! `parley config`: where the config file is, whether it is valid, and a
//! commented one with every default.

use std::io::Write;

use super::exit;
use crate::briefing::diagnostic::Palette;
use crate::config::{self, ConfigError, Location};
use crate::text::sanitize_inline;

/// What `parley config` is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The config file's path, whether or not it exists.
    Path,
    /// Check it: exit 0 when valid (or absent at the default place), 1
    /// when invalid, 2 when it cannot be read.
    Check,
    /// A config file with every setting and key at its default.
    Default,
}

pub fn run(
    ask: Ask,
    location: &Location,
    palette: Palette,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let written = match ask {
        Ask::Path => match location.path() {
            Some(path) => writeln!(out, "{}", path.display()),
            None => {
                let _ = writeln!(
                    err,
                    "parley: no home folder to keep a config file in; name one with --config or {}",
                    config::ENV
                );
                return exit::USAGE;
            }
        },
        Ask::Default => out.write_all(config::default_text().as_bytes()),
        Ask::Check => return check(location, palette, err),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => exit::OK,
        Err(_) => exit::USAGE,
    }
}

fn check(location: &Location, palette: Palette, err: &mut dyn Write) -> i32 {
    let shown = location.path().map_or_else(
        || "no config file".to_string(),
        |path| sanitize_inline(&path.display().to_string()).into_owned(),
    );
    match config::read(location) {
        Ok(_) if location.path().is_some_and(|path| path.is_file()) => {
            let _ = writeln!(err, "{shown}: ok");
            exit::OK
        }
        Ok(_) => {
            let _ = writeln!(err, "{shown}: no config file; the defaults apply");
            exit::OK
        }
        Err(error) => {
            let _ = write!(err, "{}", error.render(palette));
            match error {
                ConfigError::Unreadable { .. } => exit::USAGE,
                ConfigError::Invalid { .. } => exit::INVALID,
            }
        }
    }
}
