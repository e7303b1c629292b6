//! The `parley` binary: parses the command line and hands off to `cli/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use parley::briefing::load::DEFAULT_MAX_BYTES;
use parley::cli;

/// A terminal dashboard for negotiation briefings: each party's red lines,
/// delegations, sticking points, and the verbatim quotes behind every claim.
#[derive(Debug, Parser)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Briefing file to open (default: the shipped Abu Dhabi briefing).
    file: Option<PathBuf>,

    /// Theme: a built-in name (dark, light, high-contrast) or a theme file.
    #[arg(long, value_name = "NAME|PATH")]
    theme: Option<String>,

    /// Do not follow edits to FILE (by default a saved change shows at once).
    #[arg(long)]
    no_watch: bool,

    /// Follow edits by looking at FILE every second instead of waiting for
    /// file system events (for network and other file systems without them).
    #[arg(long, conflicts_with = "no_watch")]
    poll: bool,

    /// Mark what moved since an earlier round: OLD is a file or REV:PATH at
    /// a git revision (e.g. HEAD~1:briefings/x.toml).
    #[arg(long, value_name = "OLD")]
    since: Option<String>,

    /// Refuse briefing files larger than this many bytes.
    #[arg(long, global = true, default_value_t = DEFAULT_MAX_BYTES, value_name = "BYTES")]
    max_size: u64,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate briefing files against the format and report every problem.
    Check {
        /// Files to check (default: the shipped briefing).
        files: Vec<PathBuf>,
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
    /// Print a JSON Schema of the briefing format, for editors that check
    /// TOML as you type (the same as docs/parley.schema.json).
    Schema,
    /// Write a commented starter briefing that passes `check` (to standard
    /// output, or to PATH, never over an existing file).
    New {
        /// Where to write it.
        path: Option<PathBuf>,
    },
    /// Compare two rounds: what moved between OLD and NEW (each a file, or
    /// REV:PATH at a git revision). Exit 0 when nothing changed, 1 when
    /// something did, 2 on an error.
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
    /// Search the quotes: words in any order, typos forgiven, fzf's syntax
    /// ('exact ^start end$ !not a|b "a phrase") and filters (@party #topic
    /// src:ID by:NAME). Exit 0 when something matched, 1 when nothing did.
    Search {
        /// What to look for.
        query: String,
        /// Briefing to search, or a folder whose briefings are searched as
        /// one archive (default: the shipped briefing).
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Not locked for the whole run: the dashboard's signal watcher must be
    // able to write to the terminal from its own thread.
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    let status = match cli.command {
        Some(Command::Check { files }) => cli::check::run(&files, cli.max_size, &mut out, &mut err),
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
                bold: std::io::IsTerminal::is_terminal(&std::io::stdout()),
            };
            cli::search::run(&options, &mut out, &mut err)
        }
        None => {
            let options = cli::open::Options {
                file: cli.file,
                theme: cli.theme.as_deref(),
                max_bytes: cli.max_size,
                watch: !cli.no_watch,
                poll: cli.poll,
                since: cli.since,
            };
            cli::open::run(options, &mut err)
        }
    };
    ExitCode::from(status as u8)
}
