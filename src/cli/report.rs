//! `parley check --format json`: every finding of every file checked as one
//! JSON array, a stable contract for editors and CI.
//!
//! Each element has `file`, `line`, `column`, `end_line`, `end_column`
//! (1-based; columns count characters; the end is the character after the
//! span), `severity` (`error` or `warning`), `rule` (the format's rule
//! number as a string, such as `"5"`, or a short name such as
//! `"uncited-source"` for a check the format does not number), `message`
//! and `help` (a suggested fix, or null). A file that cannot be read has
//! null positions.

use serde::Serialize;

use crate::briefing::diagnostic::{Diagnostic, LineIndex, Location, Severity};
use crate::briefing::{Document, FileError};
use crate::text::json_safe;

/// One finding, as the JSON array holds it.
#[derive(Debug, Serialize, PartialEq, Eq)]
struct Entry {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: &'static str,
    rule: String,
    message: String,
    help: Option<String>,
}

/// The findings of the files checked so far.
#[derive(Debug, Default)]
pub struct Report {
    entries: Vec<Entry>,
}

impl Report {
    /// Adds a document's findings, locating each in its text.
    pub fn add(&mut self, document: &Document, diagnostics: &[Diagnostic]) {
        let lines = LineIndex::new(&document.text);
        for diagnostic in diagnostics {
            let start = lines.location(diagnostic.span.start);
            let end = lines.location(diagnostic.span.end);
            self.entries.push(Entry {
                file: document.name.clone(),
                line: Some(start.line),
                column: Some(start.column),
                end_line: Some(end.line),
                end_column: Some(end.column),
                severity: diagnostic.severity.as_str(),
                rule: diagnostic.rule.to_string(),
                message: diagnostic.message.clone(),
                help: diagnostic.help.clone(),
            });
        }
    }

    /// Adds a file that could not be taken in as text.
    pub fn add_file_error(&mut self, error: &FileError) {
        let at = error.location();
        // The end of a bad byte is the character after it.
        let end = at.map(|Location { line, column }| (line, column + 1));
        self.entries.push(Entry {
            file: error.name().to_string(),
            line: at.map(|l| l.line),
            column: at.map(|l| l.column),
            end_line: end.map(|(line, _)| line),
            end_column: end.map(|(_, column)| column),
            severity: Severity::Error.as_str(),
            rule: error.rule().to_string(),
            message: error.message(),
            help: None,
        });
    }

    /// The JSON array, with a final newline; no raw control character.
    pub fn to_json(&self) -> String {
        let json = serde_json::to_string_pretty(&self.entries).expect("findings serialise to JSON");
        format!("{}\n", json_safe(&json))
    }
}
