//! `parley [FILE]`: opens the dashboard on a briefing.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::check::{report_file_error, report_invalid};
use super::exit;
use crate::app::App;
use crate::briefing::{Document, load};
use crate::history::{History, default_path};
use crate::text::sanitize_inline;
use crate::theme::{Theme, from_env};
use crate::tui::{Failure, Origin, run as run_dashboard};

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
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Still say what is wrong with the file, if anything.
        if let Err(failure) = open(file.as_deref(), max_bytes, theme) {
            let _ = write!(err, "{}", failure.message);
            return failure.status;
        }
        let _ = writeln!(
            err,
            "parley: the dashboard needs a terminal; for scripts use `parley check`, `parley search` or `parley export`"
        );
        return exit::USAGE;
    }
    let origin = Origin {
        path: file.clone(),
        max_bytes,
        watch,
    };
    match run_dashboard(origin, move || open(file.as_deref(), max_bytes, theme)) {
        Ok(()) => exit::OK,
        Err(failure) => {
            let _ = write!(err, "{}", failure.message);
            failure.status
        }
    }
}

/// Reads and checks the briefing and builds the app; what `check` would
/// print when it cannot.
fn open(file: Option<&Path>, max_bytes: u64, theme: Theme) -> Result<App, Failure> {
    let document = match file {
        None => Document::embedded(),
        Some(path) => Document::read(path, max_bytes).map_err(|error| {
            let mut message = Vec::new();
            let status = report_file_error(&error, &mut message);
            Failure {
                message: String::from_utf8_lossy(&message).into_owned(),
                status,
            }
        })?,
    };
    let loaded = load(&document).map_err(|invalid| {
        let mut message = Vec::new();
        let status = report_invalid(&document, &invalid, &mut message);
        Failure {
            message: String::from_utf8_lossy(&message).into_owned(),
            status,
        }
    })?;
    // The text is not needed once loaded; free it before the search index is built.
    let name = document.name;
    drop(document.text);
    let mut app = App::new(loaded.briefing, name, theme);
    app.reloadable = file.is_some();
    // Without a readable history file, the history lives in memory only.
    app.search.history = default_path()
        .and_then(|path| History::load(path).ok())
        .unwrap_or_else(History::in_memory);
    Ok(app)
}
