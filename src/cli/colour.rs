//! `--color auto|always|never`: one decision for every command, clap's own
//! messages included. `auto` follows the conventions anstream implements:
//! `NO_COLOR` turns colour off, `CLICOLOR_FORCE` turns it on even into a
//! pipe, and otherwise a terminal gets colour and a pipe or file does not.

use std::ffi::OsString;

use anstream::stream::RawStream;

use crate::briefing::diagnostic::Palette;

/// When to colour output, as `--color` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, unless NO_COLOR is set (or CLICOLOR_FORCE asks for it anyway).
    #[default]
    Auto,
    /// Colour even into a pipe or a file, whatever the environment says.
    Always,
    /// Never colour.
    Never,
}

impl ColorWhen {
    /// The `--color` value among `args` (the last one wins, as clap takes
    /// it), read before clap parses them: clap's own help and error
    /// messages, printed while parsing, must follow it too. A value clap
    /// will refuse counts as `auto` here; clap then reports it.
    pub fn from_args(args: &[OsString]) -> ColorWhen {
        let mut found = ColorWhen::Auto;
        let mut args = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
        while let Some(arg) = args.next() {
            let value = match arg {
                "--" => break,
                "--color" => args.next().unwrap_or(""),
                _ => match arg.strip_prefix("--color=") {
                    Some(value) => value,
                    None => continue,
                },
            };
            found = <ColorWhen as clap::ValueEnum>::from_str(value, false).unwrap_or_default();
        }
        found
    }

    /// Makes this the choice of every anstream stream in the process.
    pub fn apply(self) {
        anstream::ColorChoice::write_global(match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        });
    }
}

/// Whether text written to `stream` should be coloured, under the choice
/// [`ColorWhen::apply`] made.
pub fn enabled(stream: &impl RawStream) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
}

/// The colours of findings written to `stream`.
pub fn palette(stream: &impl RawStream) -> Palette {
    Palette::when(enabled(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(args: &[&str]) -> ColorWhen {
        let args: Vec<OsString> = std::iter::once("parley")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        ColorWhen::from_args(&args)
    }

    #[test]
    fn the_flag_is_found_in_either_spelling_and_the_last_wins() {
        assert_eq!(from(&[]), ColorWhen::Auto);
        assert_eq!(from(&["check", "--color", "never"]), ColorWhen::Never);
        assert_eq!(from(&["--color=always", "search", "x"]), ColorWhen::Always);
        assert_eq!(
            from(&["--color=always", "check", "--color", "never"]),
            ColorWhen::Never
        );
    }

    #[test]
    fn a_bad_value_or_one_after_the_separator_leaves_auto() {
        assert_eq!(from(&["--color", "purple"]), ColorWhen::Auto);
        assert_eq!(from(&["--color"]), ColorWhen::Auto);
        assert_eq!(from(&["search", "--", "--color=never"]), ColorWhen::Auto);
    }
}
