//! `parley completions SHELL` and `parley man [--dir DIR]`: what the shells
//! and `man` need, generated from the command-line definition itself so they
//! cannot fall behind it.

use std::io::Write;
use std::path::Path;

use clap::Command;
use clap_complete::Shell;

use super::exit;
use crate::text::sanitize_inline;

/// Writes the completion script for `shell` to `out`.
pub fn completions(
    shell: Shell,
    mut command: Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let name = command.get_name().to_string();
    // Built whole first: clap_complete panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    status(
        out.write_all(&script).and_then(|()| out.flush()),
        "the completions",
        None,
        err,
    )
}

/// Writes the manual page of `command` to `out`, or, given a folder, one
/// page per command into it (`parley.1`, `parley-check.1`, ...), as `man`
/// finds them in a `man1` folder.
pub fn man(command: Command, dir: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match dir {
        None => clap_mangen::Man::new(command).render(out),
        Some(dir) => clap_mangen::generate_to(command, dir),
    };
    status(result, "the manual", dir, err)
}

/// The exit status of writing `what` to `dir` (standard output when
/// `None`), reporting a failure to `err`.
fn status(result: std::io::Result<()>, what: &str, dir: Option<&Path>, err: &mut dyn Write) -> i32 {
    match result {
        // A reader that stopped early (`| head`) is not an error.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            let place = dir.map_or("standard output".into(), |d| d.display().to_string());
            let message = format!("parley: cannot write {what} to {place}: {error}");
            let _ = writeln!(err, "{}", sanitize_inline(&message));
            exit::USAGE
        }
        _ => exit::OK,
    }
}
