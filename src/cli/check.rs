//! `parley check [FILE...]`: validates briefings and reports every finding.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::exit;
use crate::briefing::diagnostic::render;
use crate::briefing::open::{file_error, invalid_report};
use crate::briefing::{Briefing, Document, FileError, Invalid, Unopened, load};
use crate::text::sanitize_inline;

/// Checks each file (the embedded briefing when none is given), printing
/// findings to `err` and a one-line summary per valid file to `out`.
/// Returns the exit status.
pub fn run(files: &[PathBuf], max_bytes: u64, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (named, mut status) = expand_folders(files, err);
    let documents: Vec<Result<Document, _>> = if files.is_empty() {
        vec![Ok(Document::embedded())]
    } else {
        named.iter().map(|f| Document::read(f, max_bytes)).collect()
    };
    for document in documents {
        let file_status = match document {
            Ok(document) => check_one(&document, out, err),
            Err(error) => report_file_error(&error, err),
        };
        status = status.max(file_status);
    }
    status
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

fn check_one(document: &Document, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let name = sanitize_inline(&document.name);
    match load(document) {
        Ok(loaded) => {
            let _ = write!(
                err,
                "{}",
                render(&document.name, &document.text, &loaded.warnings)
            );
            for note in &loaded.notes {
                let _ = writeln!(err, "{name}: note: {}", sanitize_inline(note));
            }
            let _ = writeln!(out, "{name}: ok: {}", loaded.briefing.counts());
            exit::OK
        }
        Err(invalid) => report_invalid(document, &invalid, err),
    }
}

/// Reports a file that could not be taken in as text; returns the exit
/// status: 2 for an unreadable file, 1 for one that cannot be a briefing.
pub fn report_file_error(error: &FileError, err: &mut dyn Write) -> i32 {
    report(&file_error(error), err)
}

/// Reports every finding in an invalid briefing and a summary line; returns 1.
pub fn report_invalid(document: &Document, invalid: &Invalid, err: &mut dyn Write) -> i32 {
    let _ = write!(err, "{}", invalid_report(document, invalid));
    exit::INVALID
}
