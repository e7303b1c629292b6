//! `parley [FILE]`: opens the dashboard on a briefing.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::check::{report_file_error, report_invalid};
use super::exit;
use crate::app::App;
use crate::briefing::{Document, load};
use crate::text::sanitize_inline;
use crate::theme::from_env;
use crate::tui::{Origin, run as run_dashboard};

/// How the dashboard was asked for on the command line.
pub struct Options<'a> {
    pub file: Option<PathBuf>,
    pub theme: Option<&'a str>,
    pub max_bytes: u64,
    /// Follow edits to the file live.
    pub watch: bool,
}

pub fn run(options: Options, err: &mut dyn Write) -> i32 {
    let Options {
        file,
        theme,
        max_bytes,
        watch,
    } = options;
    let theme = match from_env(theme) {
        Ok(theme) => theme,
        Err(error) => {
            let _ = writeln!(err, "parley: {}", sanitize_inline(&error.to_string()));
            return exit::USAGE;
        }
    };
    let document = match &file {
        None => Document::embedded(),
        Some(path) => match Document::read(path, max_bytes) {
            Ok(document) => document,
            Err(error) => return report_file_error(&error, err),
        },
    };
    let loaded = match load(&document) {
        Ok(loaded) => loaded,
        Err(invalid) => return report_invalid(&document, &invalid, err),
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let _ = writeln!(
            err,
            "parley: the dashboard needs a terminal; for scripts use `parley check`, `parley search` or `parley export`"
        );
        return exit::USAGE;
    }
    let mut app = App::new(loaded.briefing, document.name.clone(), theme);
    app.reloadable = file.is_some();
    match run_dashboard(
        app,
        Origin {
            path: file,
            max_bytes,
            watch,
        },
    ) {
        Ok(()) => exit::OK,
        Err(error) => {
            let _ = writeln!(err, "parley: {error}");
            exit::USAGE
        }
    }
}
