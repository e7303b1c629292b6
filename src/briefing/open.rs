//! A briefing file (or the embedded briefing) read and loaded in one step,
//! for every command that goes on to use it: the dashboard, `search` and
//! `export`. What went wrong comes back as the report `check` would print,
//! so each caller says it the same way.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::diagnostic::render;
use super::load::{Document, FileError, Invalid, load};
use super::model::Briefing;
use super::revision::{is_revision, read_revision};
use crate::text::sanitize_inline;

/// Why a briefing could not be opened, with the report to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unopened {
    /// The file could not be read at all (missing, a folder, no permission).
    Unreadable { report: String },
    /// The file was read but is not a valid briefing (too large, not UTF-8,
    /// or invalid: every finding, then a summary line).
    Invalid { report: String },
}

impl Unopened {
    /// What to print: one or more lines, each ending in a newline.
    pub fn report(&self) -> &str {
        match self {
            Unopened::Unreadable { report } | Unopened::Invalid { report } => report,
        }
    }
}

/// Reads `file` (the embedded briefing when `None`) and loads it. Returns
/// its name and the briefing; the file's text is freed on return.
pub fn read_and_load(file: Option<&Path>, max_bytes: u64) -> Result<(String, Briefing), Unopened> {
    match file.map(|f| Document::read(f, max_bytes)) {
        None => load_document(Document::embedded()),
        Some(read) => load_document(read.map_err(|error| file_error(&error))?),
    }
}

/// Reads one side of a comparison (`parley diff`, `--since`), named as on
/// the command line: a file, or `REV:PATH` at a git revision.
pub fn read_side(arg: &str, max_bytes: u64) -> Result<Document, FileError> {
    if is_revision(arg) {
        read_revision(arg, max_bytes)
    } else {
        Document::read(Path::new(arg), max_bytes)
    }
}

/// Reads and loads one side of a comparison (see [`read_side`]).
pub fn load_side(arg: &str, max_bytes: u64) -> Result<(String, Briefing), Unopened> {
    load_document(read_side(arg, max_bytes).map_err(|error| file_error(&error))?)
}

fn load_document(document: Document) -> Result<(String, Briefing), Unopened> {
    match load(&document) {
        Ok(loaded) => Ok((document.name, loaded.briefing)),
        Err(invalid) => Err(Unopened::Invalid {
            report: invalid_report(&document, &invalid),
        }),
    }
}

/// [`read_and_load`] for each of `files` (a folder's briefings), on up to
/// as many threads as there are cores, each taking the next file when it is
/// done with one; the results come back in the order of `files`.
pub fn read_and_load_all(
    files: &[PathBuf],
    max_bytes: u64,
) -> Vec<Result<(String, Briefing), Unopened>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    read_and_load_on(files, max_bytes, cores)
}

/// [`read_and_load_all`] on at most `threads` threads.
fn read_and_load_on(
    files: &[PathBuf],
    max_bytes: u64,
    threads: usize,
) -> Vec<Result<(String, Briefing), Unopened>> {
    let threads = threads.min(files.len());
    if threads <= 1 {
        return files
            .iter()
            .map(|file| read_and_load(Some(file), max_bytes))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(n) else { break };
                    let loaded = read_and_load(Some(file), max_bytes);
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((n, loaded));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(n, _)| *n);
    done.into_iter().map(|(_, loaded)| loaded).collect()
}

/// A file that could not be taken in as text, as one line.
pub fn file_error(error: &FileError) -> Unopened {
    let report = format!("{}\n", sanitize_inline(&error.to_string()));
    if error.is_unreadable() {
        Unopened::Unreadable { report }
    } else {
        Unopened::Invalid { report }
    }
}

/// Every finding in an invalid briefing, then a summary line.
pub fn invalid_report(document: &Document, invalid: &Invalid) -> String {
    let name = sanitize_inline(&document.name);
    let errors = invalid.errors().count();
    let warnings = invalid.diagnostics.len() - errors;
    format!(
        "{}{name}: invalid: {errors} error{}, {warnings} warning{}\n",
        invalid.render(document),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    )
}

/// The first error of an invalid file, as one `file:line:column: message` line.
pub fn first_error(document: &Document, invalid: &Invalid) -> String {
    let Some(first) = invalid.errors().next() else {
        return "invalid briefing".to_string();
    };
    let rendered = render(&document.name, &document.text, std::slice::from_ref(first));
    rendered
        .lines()
        .next()
        .unwrap_or("invalid briefing")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_briefing_opens_under_its_name() {
        let (name, briefing) = read_and_load(None, u64::MAX).unwrap();
        assert_eq!(name, super::super::load::EMBEDDED_NAME);
        assert!(!briefing.quotes.is_empty());
    }

    #[test]
    fn a_folders_briefings_load_on_several_threads_in_the_order_given() {
        let dir = tempfile::tempdir().unwrap();
        // The first file takes longest: the others are done before it.
        let quotes = "\n[[sources]]\nid = \"s\"\noutlet = \"o\"\n".to_string()
            + &(0..2000)
                .map(|q| format!("[[quotes]]\nspeaker = \"a\"\ntext = \"q{q}\"\nsource = \"s\"\n"))
                .collect::<String>();
        let files: Vec<PathBuf> = (0..48)
            .map(|n| {
                let path = dir.path().join(format!("{n}.toml"));
                let head =
                    format!("format = 1\n[briefing]\ntitle = \"t{n}\"\nas_of = 2031-01-01\n");
                let text = match n % 3 {
                    _ if n == 0 => head + &quotes,
                    0 => "format = 1\n[briefing]\ntitle = 3\n".to_string(),
                    _ => head,
                };
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let loaded = read_and_load_on(&files, u64::MAX, 4);
        let titles: Vec<String> = loaded
            .iter()
            .map(|result| match result {
                Ok((_, briefing)) => briefing.meta.title.clone(),
                Err(unopened) => unopened.report().lines().last().unwrap().to_string(),
            })
            .collect();
        let expected: Vec<String> = files
            .iter()
            .enumerate()
            .map(|(n, path)| match n % 3 {
                0 if n > 0 => format!("{}: invalid: 2 errors, 0 warnings", path.display()),
                _ => format!("t{n}"),
            })
            .collect();
        assert_eq!(titles, expected);
    }

    #[test]
    fn a_missing_file_is_unreadable_and_says_so_on_one_line() {
        let error = read_and_load(Some(Path::new("/no/such/briefing.toml")), u64::MAX).unwrap_err();
        assert!(matches!(error, Unopened::Unreadable { .. }), "{error:?}");
        assert!(error.report().contains("no such file"), "{error:?}");
        assert_eq!(error.report().lines().count(), 1);
    }

    #[test]
    fn an_invalid_file_reports_its_findings_and_a_summary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "format = 1\n[briefing]\ntitle = 3\n").unwrap();
        let error = read_and_load(Some(&path), u64::MAX).unwrap_err();
        assert!(matches!(error, Unopened::Invalid { .. }), "{error:?}");
        let last = error.report().lines().last().unwrap().to_string();
        assert!(
            last.ends_with("invalid: 1 error, 0 warnings") || last.contains("invalid:"),
            "{last}"
        );
        assert!(error.report().contains("bad.toml:3:"), "{}", error.report());
    }
}
