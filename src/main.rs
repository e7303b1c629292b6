//! The `parley` binary: parses the command line and hands off to `cli/`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use parley::briefing::load::DEFAULT_MAX_BYTES;
use parley::cli;
use parley::cli::colour::{self, ColorWhen};
use parley::config::Location;

/// A terminal dashboard for negotiation briefings: each party's red lines,
/// delegations, sticking points, and the verbatim quotes behind every claim.
///
/// With no subcommand, opens FILE in the dashboard. A FILE named close to a
/// subcommand (`chek`) opens only when it exists, else parley suggests the
/// subcommand; write `./chek` (or `./check`) to mean the file.
#[derive(Debug, Parser)]
#[command(
    name = "parley",
    version,
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Briefing file to open (default: the config file's `open`, else the
    /// shipped Abu Dhabi briefing), or a folder: a picker of the briefings
    /// under it, newest first.
    file: Option<PathBuf>,

    /// Theme: a built-in name (dark, light, high-contrast) or a theme file
    /// (over the config file's `theme`).
    #[arg(long, value_name = "NAME|PATH")]
    theme: Option<String>,

    /// Do not follow edits to FILE (by default a saved change shows at once).
    #[arg(long, overrides_with = "watch")]
    no_watch: bool,

    /// Follow edits to FILE even when the config file says `watch = false`.
    #[arg(long, overrides_with = "no_watch")]
    watch: bool,

    /// Follow edits by looking at FILE every second instead of waiting for
    /// file system events (for network and other file systems without them).
    #[arg(long, conflicts_with = "no_watch")]
    poll: bool,

    /// Mark what moved since an earlier round: OLD is a briefing file, or
    /// REV:PATH at a git revision (e.g. HEAD~1:briefings/x.toml). The Diff
    /// view lists every change.
    #[arg(long, value_name = "OLD")]
    since: Option<String>,

    /// The config file to read instead of the default one (`parley config
    /// --path` names it); it must exist. PARLEY_CONFIG names one too.
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,

    /// Refuse briefing files larger than this many bytes.
    #[arg(long, global = true, default_value_t = DEFAULT_MAX_BYTES, value_name = "BYTES")]
    max_size: u64,

    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    color: ColorWhen,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate briefing files against the format and report every problem.
    ///
    /// Exit status: 0 when every file is valid (warnings allowed, unless
    /// --strict), 1 when one is not, 2 when one cannot be read.
    Check {
        /// Files to check, or folders: every briefing under them (default: the
        /// shipped briefing).
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: cli::check::Format,
        /// Fail (exit 1) on warnings too, for CI.
        #[arg(long)]
        strict: bool,
    },
    /// Write a briefing as a markdown memo or as JSON.
    Export {
        /// Briefing to export (default: the shipped briefing).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: cli::export::Format,
        /// Write to this file (replaced atomically) instead of standard output.
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Print a JSON Schema of the briefing format.
    ///
    /// For editors that check TOML as you type; the same as
    /// docs/parley.schema.json.
    Schema,
    /// Write a commented starter briefing that passes `check`.
    ///
    /// To standard output, or to PATH, never over an existing file.
    New {
        /// Where to write it.
        path: Option<PathBuf>,
    },
    /// Compare two rounds: what moved between OLD and NEW.
    ///
    /// Each is a file, or REV:PATH at a git revision. Exit status: 0 when
    /// nothing changed, 1 when something did, 2 on an error.
    Diff {
        /// The earlier briefing: a file or REV:PATH (e.g. HEAD~1:briefings/x.toml).
        old: String,
        /// The later briefing: a file or REV:PATH.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: cli::diff::DiffFormat,
        /// Print JSON (the same as --format json).
        #[arg(long)]
        json: bool,
    },
    /// Search the quotes: words in any order, typos forgiven.
    ///
    /// Takes fzf's syntax ('exact ^start end$ !not a|b "a phrase") and
    /// filters (@party #topic src:ID by:NAME). A folder's briefings are
    /// searched as one archive, each hit naming its file. Exit status: 0
    /// when something matched, 1 when nothing did, 2 when no briefing can be
    /// loaded.
    Search {
        /// What to look for.
        query: String,
        /// Briefing to search, or a folder of them (default: the shipped
        /// briefing).
        file: Option<PathBuf>,
        /// Only quotes of this party id.
        #[arg(long, value_name = "ID")]
        party: Option<String>,
        /// Only quotes on this sticking point id.
        #[arg(long, value_name = "ID")]
        topic: Option<String>,
        /// Show at most this many results.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Result order.
        #[arg(long, value_enum, default_value_t)]
        order: cli::search::SortOrder,
        /// Print a JSON array instead of text.
        #[arg(long)]
        json: bool,
        /// Print load and search times to standard error.
        #[arg(long)]
        stats: bool,
    },
    /// Show where the config file is, check it, or print one with every default.
    ///
    /// The dashboard reads it: theme, watch, the briefing to open, and keys.
    /// See docs/config.md.
    #[command(group(clap::ArgGroup::new("ask").required(true)))]
    Config {
        /// Print the config file's path (whether or not the file exists).
        #[arg(long, group = "ask")]
        path: bool,
        /// Check the config file: exit 0 when valid, 1 when not, 2 when it
        /// cannot be read.
        #[arg(long, group = "ask")]
        check: bool,
        /// Print a config file with every setting and every action's keys at
        /// their defaults.
        #[arg(long, group = "ask")]
        default: bool,
    },
    /// Print a shell completion script.
    ///
    /// For example, for bash: `parley completions bash >
    /// ~/.local/share/bash-completion/completions/parley`.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command.
    ///
    /// `parley man | man -l -` reads it; `parley man --dir
    /// ~/.local/share/man/man1` installs it for `man parley`.
    Man {
        /// Write parley.1, parley-check.1, ... into this folder instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // Read before clap parses, so that its own messages (which follow
    // anstream's global choice) obey it too.
    let colour_when = ColorWhen::from_args(&args);
    colour_when.apply();
    let cli = Cli::command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .unwrap_or_else(|error| error.exit());
    if let Some(file) = &cli.file
        && let Some(near) = meant_subcommand(file)
    {
        unknown_subcommand(file, &near).exit();
    }
    // Not locked for the whole run: the dashboard's signal watcher must be
    // able to write to the terminal from its own thread.
    let mut out = cli::stdout::checked();
    let mut err = std::io::stderr();
    let status = match cli.command {
        Some(Command::Check {
            files,
            format,
            strict,
        }) => {
            let options = cli::check::Options {
                files,
                max_bytes: cli.max_size,
                format,
                strict,
                colour: colour::enabled(&std::io::stderr()),
            };
            cli::check::run(&options, &mut out, &mut err)
        }
        Some(Command::Export {
            file,
            format,
            output,
        }) => {
            let (file, output) = (file.as_deref(), output.as_deref());
            cli::export::run(file, format, output, cli.max_size, &mut out, &mut err)
        }
        Some(Command::Schema) => {
            match std::io::Write::write_all(&mut out, parley::schema::text().as_bytes()) {
                Ok(()) => cli::exit::OK,
                Err(_) => cli::exit::USAGE,
            }
        }
        Some(Command::New { path }) => cli::new::run(path.as_deref(), &mut out, &mut err),
        Some(Command::Diff {
            old,
            new,
            format,
            json,
        }) => {
            let format = if json {
                cli::diff::DiffFormat::Json
            } else {
                format
            };
            cli::diff::run(&old, &new, format, cli.max_size, &mut out, &mut err)
        }
        Some(Command::Search {
            query,
            file,
            party,
            topic,
            limit,
            order,
            json,
            stats,
        }) => {
            let options = cli::search::Options {
                query: &query,
                file: file.as_deref(),
                party: party.as_deref(),
                topic: topic.as_deref(),
                limit,
                order,
                json,
                stats,
                max_bytes: cli.max_size,
                colour: colour::enabled(&std::io::stdout()),
            };
            cli::search::run(&options, &mut out, &mut err)
        }
        Some(Command::Config {
            path,
            check,
            default: _,
        }) => {
            let ask = match (path, check) {
                (true, _) => cli::config::Ask::Path,
                (false, true) => cli::config::Ask::Check,
                (false, false) => cli::config::Ask::Default,
            };
            let palette = colour::palette(&std::io::stderr());
            cli::config::run(ask, &Location::new(cli.config), palette, &mut out, &mut err)
        }
        Some(Command::Completions { shell }) => {
            cli::completions::completions(shell, Cli::command(), &mut out, &mut err)
        }
        Some(Command::Man { dir }) => {
            cli::completions::man(Cli::command(), dir.as_deref(), &mut out, &mut err)
        }
        None => {
            let options = cli::open::Options {
                file: cli.file,
                theme: cli.theme.as_deref(),
                max_bytes: cli.max_size,
                watch: match (cli.no_watch, cli.watch || cli.poll) {
                    (true, _) => Some(false),
                    (false, true) => Some(true),
                    (false, false) => None,
                },
                colour: colour::enabled(&std::io::stdout()),
                poll: cli.poll,
                since: cli.since,
                config: Location::new(cli.config),
            };
            cli::open::run(options, &mut err)
        }
    };
    ExitCode::from(status as u8)
}

/// The subcommand `file` was probably meant to be: a bare word (no folder,
/// no extension) that names no existing file and is a typo or two away from
/// a subcommand. An existing file always wins; `./chek` is always a path.
fn meant_subcommand(file: &Path) -> Option<String> {
    let word = file.to_str()?;
    if word.contains(std::path::is_separator) || word.contains('.') || file.exists() {
        return None;
    }
    let command = Cli::command();
    command
        .get_subcommands()
        .map(|c| {
            (
                strsim::damerau_levenshtein(word, c.get_name()),
                c.get_name(),
            )
        })
        .filter(|&(distance, name)| distance <= 2 && distance < name.len() / 2)
        .min()
        .map(|(_, name)| name.to_string())
}

/// clap's usage error for an unknown subcommand, with the suggestion and
/// how to open a file of that name.
fn unknown_subcommand(word: &Path, near: &str) -> clap::Error {
    let word = word.display();
    let message = format!(
        "unrecognized subcommand '{word}'\n\n  tip: a similar subcommand exists: '{near}'\n  tip: to open a briefing file named '{word}', write './{word}'\n"
    );
    let error = clap::Error::raw(clap::error::ErrorKind::InvalidSubcommand, message);
    error.format(&mut Cli::command())
}
