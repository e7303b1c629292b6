//! `parley [FILE]`: opens the dashboard on a briefing; `parley DIR`, the
//! picker of the briefings under a folder.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::check::{read_and_load, report_file_error, report_invalid};
use super::exit;
use crate::app::App;
use crate::briefing::bounded;
use crate::briefing::open::load_side;
use crate::config::{self, Location};
use crate::history::{History, default_path};
use crate::loader::LoadError;
use crate::picker::Picker;
use crate::session::Session;
use crate::text::sanitize_inline;
use crate::tui::{Ending, Follow, Origin, Stopped, run as run_dashboard, run_folder};

/// How the dashboard was asked for on the command line.
pub struct Options<'a> {
    /// FILE; without it, the config file's `open`, else the shipped briefing.
    pub file: Option<PathBuf>,
    /// `--theme`, over the config file's `theme`.
    pub theme: Option<&'a str>,
    pub max_bytes: u64,
    /// Follow edits to the file live (`--watch`, `--no-watch`); `None`: as
    /// the config file says, else yes.
    pub watch: Option<bool>,
    /// Draw in the theme's colours (`--color`, NO_COLOR); otherwise with
    /// attributes only.
    pub colour: bool,
    /// Follow them by looking at the file every second, not by events.
    pub poll: bool,
    /// `--since OLD`: mark what moved since this earlier round (a file or
    /// `REV:PATH`).
    pub since: Option<String>,
    /// The config file, read before anything else.
    pub config: Location,
}

pub fn run(options: Options, err: &mut dyn Write) -> i32 {
    let Options {
        file,
        theme,
        max_bytes,
        watch,
        colour,
        poll,
        since,
        config,
    } = options;
    // A bad config file stops parley before the terminal is taken.
    let config = match config::read(&config) {
        Ok(config) => config,
        Err(error) => {
            let palette = super::colour::palette(&std::io::stderr());
            let _ = write!(err, "{}", error.render(palette));
            return exit::USAGE;
        }
    };
    let (file, watch) = (config.briefing(file), config.watch(watch));
    // crossterm drops colours under NO_COLOR by itself: `--color always`
    // must be able to override that, as it does for the other commands.
    ratatui::crossterm::style::force_color_output(colour);
    let theme = config.theme(theme);
    let theme = match theme.map(|theme| if colour { theme } else { theme.without_color() }) {
        Ok(theme) => theme,
        Err(error) => {
            let _ = writeln!(err, "parley: {}", sanitize_inline(&error.to_string()));
            return exit::USAGE;
        }
    };
    // The earlier round is read once, before the terminal is taken: a
    // reload compares the new content with it again.
    let old = match since {
        None => None,
        Some(label) => match load_side(&label, max_bytes) {
            Ok((_, old)) => Some((old, label)),
            Err(unopened) => {
                let _ = write!(err, "{}", unopened.report());
                let _ = writeln!(
                    err,
                    "parley: --since {}: cannot compare with it",
                    sanitize_inline(&label)
                );
                return exit::USAGE;
            }
        },
    };
    // A briefing on standard input leaves the keys to come from the
    // terminal itself (crossterm reads /dev/tty then).
    let from_stdin = file.as_deref().is_some_and(bounded::is_stdin);
    let unusable =
        if !std::io::stdout().is_terminal() || !(from_stdin || std::io::stdin().is_terminal()) {
            Some("the dashboard needs a terminal".to_string())
        } else {
            cannot_address_cursor(std::env::var("TERM").ok().as_deref())
        };
    let folder = file
        .as_deref()
        .filter(|f| f.is_dir())
        .map(Path::to_path_buf);
    if folder.is_some() && old.is_some() {
        let _ = writeln!(
            err,
            "parley: --since compares one briefing, not a folder: open one from the picker and press D for its previous round"
        );
        return exit::USAGE;
    }
    if let (Some(why), Some(_)) = (&unusable, &folder) {
        let _ = writeln!(
            err,
            "parley: {}; for scripts use `parley check DIR` or `parley search QUERY DIR`",
            sanitize_inline(why)
        );
        return exit::USAGE;
    }
    if let Some(why) = unusable {
        // Still say what is wrong with the file, if anything.
        let mut message = Vec::new();
        if let Err(status) = read_and_load(file.as_deref(), max_bytes, &mut message) {
            let _ = err.write_all(&message);
            return status;
        }
        let _ = writeln!(
            err,
            "parley: {}; for scripts use `parley check`, `parley search` or `parley export`",
            sanitize_inline(&why)
        );
        return exit::USAGE;
    }
    if let Some(folder) = folder {
        let origin = Origin {
            path: None,
            max_bytes,
            follow: following(watch, poll),
        };
        let shown = folder.display().to_string();
        let history = default_path()
            .and_then(|path| History::load(path).ok())
            .unwrap_or_else(History::in_memory);
        let mut picker = Picker::new(&shown, theme);
        picker.keymap = config.keymap;
        let session = Session::folder(picker, history);
        return status(run_folder(folder, origin, session), err);
    }
    let origin = Origin {
        path: file,
        max_bytes,
        // Standard input has nothing to watch or reload.
        follow: following(watch && !from_stdin, poll),
    };
    let reloadable = origin.path.is_some() && !from_stdin;
    let keymap = config.keymap;
    let outcome = run_dashboard(origin, &keymap.clone(), move |fresh| {
        let mut app = App::opened(fresh, theme);
        app.reloadable = reloadable;
        if let Some((old, label)) = old {
            app.compare_with(old, label);
        }
        app.keymap = keymap;
        // Without a readable history file, the history lives in memory only.
        app.search.history = default_path()
            .and_then(|path| History::load(path).ok())
            .unwrap_or_else(History::in_memory);
        app
    });
    status(outcome, err)
}

/// How saves to a briefing are followed: not at all, by events, or by polling.
fn following(watch: bool, poll: bool) -> Follow {
    match (watch, poll) {
        (false, _) => Follow::Off,
        (true, false) => Follow::Events,
        (true, true) => Follow::Poll,
    }
}

/// The exit status of a dashboard or picker that ended so, saying why
/// when it could not run.
fn status(outcome: Result<Ending, Stopped>, err: &mut dyn Write) -> i32 {
    match outcome {
        Ok(Ending::Quit) => exit::OK,
        Ok(Ending::Signal(signal)) => 128 + signal,
        Err(Stopped::Load(LoadError::File(error))) => report_file_error(&error, err),
        Err(Stopped::Load(LoadError::Invalid(failed))) => {
            let (document, invalid) = &*failed;
            report_invalid(document, invalid, err)
        }
        Err(Stopped::Terminal(message)) => {
            let _ = writeln!(err, "{}", sanitize_inline(&message));
            exit::USAGE
        }
    }
}

/// Why a terminal of type `term` cannot show the dashboard, if it cannot:
/// it must be able to move the cursor (`dumb`, no type at all, or a type
/// whose terminfo entry has no `cup`, cannot). A type the system's terminal
/// database does not know is given the benefit of the doubt: parley speaks
/// the ANSI sequences nearly every terminal understands.
fn cannot_address_cursor(term: Option<&str>) -> Option<String> {
    match term.map(str::trim) {
        None | Some("") => Some("the terminal's type is not set (TERM)".into()),
        Some("dumb") => Some("a dumb terminal (TERM=dumb) cannot move the cursor".into()),
        Some(name) => match terminfo::Database::from_name(name) {
            Ok(entry) if entry.get::<terminfo::capability::CursorAddress>().is_none() => {
                Some(format!("the terminal (TERM={name}) cannot move the cursor"))
            }
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dumb_or_unnamed_terminal_is_refused() {
        assert!(cannot_address_cursor(Some("dumb")).is_some());
        assert!(cannot_address_cursor(Some("")).is_some());
        assert!(cannot_address_cursor(None).is_some());
        assert_eq!(cannot_address_cursor(Some("xterm-256color")), None);
        assert_eq!(cannot_address_cursor(Some("tmux-256color")), None);
    }
}
