//! `parley [FILE]`: opens the dashboard on a briefing.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::check::read_and_load;
use super::exit;
use crate::app::App;
use crate::briefing::articles::Articles;
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
    let mut message = Vec::new();
    let (name, briefing) =
        read_and_load(file, max_bytes, &mut message).map_err(|status| Failure {
            message: String::from_utf8_lossy(&message).into_owned(),
            status,
        })?;
    let articles = Articles::beside(&briefing, file);
    let mut app = App::new(briefing, name, theme);
    app.set_articles(articles);
    app.reloadable = file.is_some();
    // Without a readable history file, the history lives in memory only.
    app.search.history = default_path()
        .and_then(|path| History::load(path).ok())
        .unwrap_or_else(History::in_memory);
    Ok(app)
}
