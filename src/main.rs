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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
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
        None => {
            let options = cli::open::Options {
                file: cli.file,
                theme: cli.theme.as_deref(),
                max_bytes: cli.max_size,
                watch: !cli.no_watch,
            };
            cli::open::run(options, &mut err)
        }
    };
    ExitCode::from(status as u8)
}
