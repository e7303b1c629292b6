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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let status = match cli.command {
        Some(Command::Check { files }) => cli::check::run(&files, cli.max_size, &mut out, &mut err),
        None => {
            let files: Vec<PathBuf> = cli.file.into_iter().collect();
            cli::check::run(&files, cli.max_size, &mut out, &mut err)
        }
    };
    ExitCode::from(status as u8)
}
