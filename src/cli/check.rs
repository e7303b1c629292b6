//! `parley check [FILE...]`: validates briefings and reports every finding.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::exit;
use super::report::Report;
use crate::briefing::diagnostic::{Diagnostic, Palette};
use crate::briefing::load::render_some_in;
use crate::briefing::{Briefing, Document, FileError, Invalid, Unopened, load};
use crate::text::sanitize_inline;

/// How `check` reports what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Messages for people, as compilers write them, and a summary per file.
    #[default]
    Human,
    /// One JSON array of every finding on standard output, for editors and
    /// CI: file, line, column, end_line, end_column, severity, rule,
    /// message, help.
    Json,
}

/// What to check and how to report it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Files and folders to check; none: the embedded briefing.
    pub files: Vec<PathBuf>,
    pub max_bytes: u64,
    pub format: Format,
    /// Warnings fail the check (exit 1), for CI.
    pub strict: bool,
    /// Colour the messages (standard error is a terminal, or `--color always`).
    pub colour: bool,
}

/// Checks each file, and the briefings under each folder (the embedded
/// briefing when none is given). In human
/// form, findings go to `err` and a one-line summary per valid file to
/// `out`; as JSON, every finding goes to `out` in one array. Returns the
/// exit status.
pub fn run(options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (named, mut status) = expand_folders(&options.files, err);
    let documents: Vec<Result<Document, _>> = if options.files.is_empty() {
        vec![Ok(Document::embedded())]
    } else {
        let read = |f: &PathBuf| Document::read(f, options.max_bytes);
        named.iter().map(read).collect()
    };
    let mut report = Report::default();
    for document in documents {
        let file_status = match (document, options.format) {
            (Ok(document), Format::Human) => check_one(&document, options, out, err),
            (Ok(document), Format::Json) => {
                let diagnostics = match load(&document) {
                    Ok(loaded) => {
                        write_notes(&document, &loaded.notes, err);
                        loaded.warnings
                    }
                    Err(invalid) => invalid.diagnostics,
                };
                report.add(&document, &diagnostics);
                verdict(&diagnostics, options.strict)
            }
            (Err(error), Format::Human) => report_file_error(&error, err),
            (Err(error), Format::Json) => {
                report.add_file_error(&error);
                file_error_status(&error)
            }
        };
        status = status.max(file_status);
    }
    if options.format == Format::Json {
        let _ = out.write_all(report.to_json().as_bytes());
    }
    status
}

/// The exit status a file's findings earn.
fn verdict(diagnostics: &[Diagnostic], strict: bool) -> i32 {
    match diagnostics.iter().any(|d| d.is_error() || strict) {
        true => exit::INVALID,
        false => exit::OK,
    }
}

/// Replaces each folder among `files` by the briefings under it (see
/// `briefing::folder`), saying which `.toml` files it passed over. A
/// folder with no briefing is a usage error (exit 2, the status returned).
fn expand_folders(files: &[PathBuf], err: &mut dyn Write) -> (Vec<PathBuf>, i32) {
    let mut expanded = Vec::new();
    let mut status = exit::OK;
    for file in files {
        if !file.is_dir() {
            expanded.push(file.clone());
            continue;
        }
        let shown = file.display().to_string();
        let name = sanitize_inline(&shown);
        match crate::briefing::folder::briefings_in(file) {
            Ok(folder) if folder.briefings.is_empty() => {
                let _ = writeln!(
                    err,
                    "{name}: no briefing (a .toml file with a [briefing] table) in this folder"
                );
                status = exit::USAGE;
            }
            Ok(folder) => {
                for skipped in &folder.skipped {
                    let shown = skipped.display().to_string();
                    let _ = writeln!(
                        err,
                        "{}: note: skipped, not a briefing (no [briefing] table)",
                        sanitize_inline(&shown)
                    );
                }
                expanded.extend(folder.briefings);
            }
            Err(error) => {
                let _ = writeln!(
                    err,
                    "{name}: cannot read the folder: {}",
                    sanitize_inline(&error.to_string())
                );
                status = exit::USAGE;
            }
        }
    }
    (expanded, status)
}

/// [`briefing::read_and_load`](crate::briefing::read_and_load), reporting to
/// `err` as `check` does when the briefing cannot be loaded, and returning
/// `check`'s exit status then.
pub fn read_and_load(
    file: Option<&Path>,
    max_bytes: u64,
    err: &mut dyn Write,
) -> Result<(String, Briefing), i32> {
    crate::briefing::read_and_load(file, max_bytes).map_err(|unopened| report(&unopened, err))
}

/// Prints why a briefing could not be opened; returns the exit status: 2
/// for an unreadable file, 1 for one that is not a valid briefing.
fn report(unopened: &Unopened, err: &mut dyn Write) -> i32 {
    let _ = write!(err, "{}", unopened.report());
    match unopened {
        Unopened::Unreadable { .. } => exit::USAGE,
        Unopened::Invalid { .. } => exit::INVALID,
    }
}

fn check_one(
    document: &Document,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let name = sanitize_inline(&document.name);
    let palette = Palette::when(options.colour);
    match load(document) {
        Ok(loaded) => {
            let warnings = &loaded.warnings;
            let _ = write!(err, "{}", render_some_in(palette, document, warnings));
            write_notes(document, &loaded.notes, err);
            if options.strict && !warnings.is_empty() {
                let warnings = plural(warnings.len(), "warning");
                let _ = writeln!(err, "{name}: invalid under --strict: 0 errors, {warnings}");
                return exit::INVALID;
            }
            let counts = loaded.briefing.counts();
            let mut summary = match warnings.len() {
                0 => format!("{name}: ok: {counts}"),
                n => format!("{name}: ok, {}: {counts}", plural(n, "warning")),
            };
            if loaded.verified.texts > 0 {
                summary.push_str(&format!("; {}", loaded.verified));
            }
            match writeln!(out, "{summary}").and_then(|()| out.flush()) {
                Ok(()) => exit::OK,
                Err(error) => report_write_error(&error, err),
            }
        }
        Err(invalid) => report_invalid_in(palette, document, &invalid, err),
    }
}

/// Remarks that are not about a place in the file, such as quotes left
/// unverified.
fn write_notes(document: &Document, notes: &[String], err: &mut dyn Write) {
    let name = sanitize_inline(&document.name);
    for note in notes {
        let _ = writeln!(err, "{name}: note: {}", sanitize_inline(note));
    }
}

/// "1 warning", "2 warnings".
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Reports output that could not be written (a full disk, a closed
/// standard output); returns 2. A reader that stopped early (`| head`) is
/// not reported: the status is still 2, since the output is incomplete.
pub fn report_write_error(error: &std::io::Error, err: &mut dyn Write) -> i32 {
    if error.kind() != std::io::ErrorKind::BrokenPipe {
        let _ = writeln!(err, "parley: cannot write to standard output: {error}");
    }
    exit::USAGE
}

/// Reports a file that could not be taken in as text; returns the exit
/// status: 2 for an unreadable file, 1 for one that cannot be a briefing.
pub fn report_file_error(error: &FileError, err: &mut dyn Write) -> i32 {
    let _ = writeln!(err, "{}", sanitize_inline(&error.to_string()));
    file_error_status(error)
}

fn file_error_status(error: &FileError) -> i32 {
    if error.is_unreadable() {
        exit::USAGE
    } else {
        exit::INVALID
    }
}

/// Reports every finding in an invalid briefing and a summary line; returns 1.
pub fn report_invalid(document: &Document, invalid: &Invalid, err: &mut dyn Write) -> i32 {
    report_invalid_in(Palette::PLAIN, document, invalid, err)
}

fn report_invalid_in(
    palette: Palette,
    document: &Document,
    invalid: &Invalid,
    err: &mut dyn Write,
) -> i32 {
    let name = sanitize_inline(&document.name);
    let rendered = render_some_in(palette, document, &invalid.diagnostics);
    let _ = write!(err, "{rendered}");
    let errors = invalid.errors().count();
    let warnings = invalid.diagnostics.len() - errors;
    let _ = writeln!(
        err,
        "{name}: invalid: {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    exit::INVALID
}
