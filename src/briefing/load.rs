//! From a file (or the embedded text) to a checked [`Briefing`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use thiserror::Error;
use toml::de::DeTable;

use super::bounded;
use super::date::{DATE_KEYS, date_message, days_meant};
use super::diagnostic::{Diagnostic, Location, Palette, Rule, render_in};
use super::model::Briefing;
use super::pieces::{SPLIT_ABOVE, Split, split};
use super::read::Reader;
use super::texts::TextFolder;
use super::validate::{cross_references, stated_positions};
use super::verbatim::SourceText;

/// The shipped briefing, built into the binary so `parley` works anywhere.
pub const EMBEDDED_NAME: &str = "abu-dhabi-2026-01.toml (embedded)";
pub const EMBEDDED_TEXT: &str = include_str!("../../briefings/abu-dhabi-2026-01.toml");

/// Files larger than this are refused (`--max-size` changes it).
pub const DEFAULT_MAX_BYTES: u64 = bounded::limit::BRIEFING;

/// How a briefing read from standard input is named in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// A briefing's text and where it came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// How messages name the file.
    pub name: String,
    pub text: String,
    /// Where `text_file` paths are read from: the briefing's folder, or the
    /// texts built in with the shipped briefing. `None` for a briefing read
    /// from standard input, which has no folder.
    pub dir: Option<TextFolder>,
}

impl Document {
    pub fn embedded() -> Self {
        Self {
            name: EMBEDDED_NAME.into(),
            text: EMBEDDED_TEXT.into(),
            dir: Some(TextFolder::Embedded),
        }
    }

    /// Reads a file (standard input for `-` or `/dev/stdin`), at most
    /// `max_bytes` of it, refusing what cannot be a briefing before parsing.
    pub fn read(path: &Path, max_bytes: u64) -> Result<Self, FileError> {
        let from_stdin = bounded::is_stdin(path);
        let name = match from_stdin {
            true => STDIN_NAME.to_string(),
            false => path.display().to_string(),
        };
        let bytes = match from_stdin {
            true => bounded::read_stdin(max_bytes),
            false => bounded::read(path, max_bytes),
        }
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::FileTooLarge => FileError::TooLarge {
                name: name.clone(),
                max: max_bytes,
            },
            kind => FileError::Unreadable {
                name: name.clone(),
                reason: match kind {
                    std::io::ErrorKind::NotFound => "no such file".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    std::io::ErrorKind::IsADirectory => {
                        "is a directory, not a briefing file".to_string()
                    }
                    _ => error.to_string(),
                },
            },
        })?;
        // Standard input has no folder for its text files. A briefing opened
        // through a symbolic link reads them beside the file it points to.
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let target = match is_link {
            true => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            false => path.to_path_buf(),
        };
        let dir = target.parent().filter(|_| !from_stdin).map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        });
        Self::from_bytes(name, bytes, dir.map(Path::to_path_buf))
    }

    /// A briefing's bytes as its text: refused when not UTF-8 (with the
    /// place of the first bad byte) or empty. `dir` is the folder its text
    /// files are read from.
    pub fn from_bytes(
        name: String,
        bytes: Vec<u8>,
        dir: Option<PathBuf>,
    ) -> Result<Self, FileError> {
        let text = String::from_utf8(bytes).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            FileError::NotUtf8 {
                name: name.clone(),
                line,
                column,
                byte: error.as_bytes()[valid.len()],
            }
        })?;
        if text.trim().is_empty() {
            return Err(FileError::Empty { name });
        }
        Ok(Self {
            name,
            text: without_crlf(text),
            dir: dir.map(TextFolder::from),
        })
    }
}

/// Windows line endings made plain: TOML allows them, but a multi-line
/// string would otherwise keep each `\r` and break rule 9. Lines and
/// columns stay those of the file.
fn without_crlf(text: String) -> String {
    if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// A file that could not be taken in as text at all.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum FileError {
    Unreadable {
        name: String,
        reason: String,
    },
    TooLarge {
        name: String,
        max: u64,
    },
    NotUtf8 {
        name: String,
        line: usize,
        column: usize,
        byte: u8,
    },
    Empty {
        name: String,
    },
}

impl FileError {
    /// Unreadable files are a usage problem (exit 2); the rest are invalid briefings (exit 1).
    pub fn is_unreadable(&self) -> bool {
        matches!(
            self,
            FileError::Unreadable { .. } | FileError::TooLarge { .. }
        )
    }

    /// How messages name the file.
    pub fn name(&self) -> &str {
        match self {
            FileError::Unreadable { name, .. }
            | FileError::TooLarge { name, .. }
            | FileError::NotUtf8 { name, .. }
            | FileError::Empty { name } => name,
        }
    }

    /// The line and column of the problem, when it has a place in the file.
    pub fn location(&self) -> Option<Location> {
        match self {
            FileError::NotUtf8 { line, column, .. } => Some(Location {
                line: *line,
                column: *column,
            }),
            _ => None,
        }
    }

    /// What is wrong, without the file's name or place.
    pub fn message(&self) -> String {
        match self {
            FileError::Unreadable { reason, .. } => format!("cannot read: {reason}"),
            FileError::TooLarge { max, .. } => {
                format!("more than the limit of {max} bytes; raise it with --max-size")
            }
            FileError::NotUtf8 { byte, .. } => {
                format!("not valid UTF-8 (byte 0x{byte:02x}); a briefing is a UTF-8 text file")
            }
            FileError::Empty { .. } => {
                "the file is empty; a briefing starts with `format = 1`".into()
            }
        }
    }

    /// The rule the file breaks: not UTF-8 is rule 1, empty lacks `format` (rule 2).
    pub fn rule(&self) -> Rule {
        match self {
            FileError::Unreadable { .. } => Rule::UNREADABLE,
            FileError::TooLarge { .. } => Rule::TOO_LARGE,
            FileError::NotUtf8 { .. } => Rule::TOML,
            FileError::Empty { .. } => Rule::FORMAT,
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (name, message) = (self.name(), self.message());
        match (self, self.location()) {
            (_, Some(Location { line, column })) => {
                write!(f, "{name}:{line}:{column}: error: {message}")
            }
            (FileError::Empty { .. }, None) => write!(f, "{name}: error: {message}"),
            (_, None) => write!(f, "{name}: {message}"),
        }
    }
}

/// A briefing that passed every rule, with what `check` should still say.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub briefing: Briefing,
    pub warnings: Vec<Diagnostic>,
    /// Plain remarks that are not about a place in the file.
    pub notes: Vec<String>,
    /// How many quotes rule 10 found in how many texts.
    pub verified: Verified,
}

/// How many quotes were checked against their sources' texts (rule 10), and
/// how many texts that took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verified {
    pub quotes: usize,
    pub texts: usize,
}

impl std::fmt::Display for Verified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} quote{} verified against {} text{}",
            self.quotes,
            plural(self.quotes),
            self.texts,
            plural(self.texts)
        )
    }
}

/// At most this many findings are shown for one file; the rest are counted.
pub const MAX_SHOWN_DIAGNOSTICS: usize = 200;

/// Renders at most [`MAX_SHOWN_DIAGNOSTICS`] findings about `document`,
/// then `and N more` for the rest: a broken archive must not print a
/// hundred thousand errors.
pub fn render_some(document: &Document, diagnostics: &[Diagnostic]) -> String {
    render_some_in(Palette::PLAIN, document, diagnostics)
}

/// [`render_some`] in the given colours.
pub fn render_some_in(palette: Palette, document: &Document, diagnostics: &[Diagnostic]) -> String {
    let shown = diagnostics.len().min(MAX_SHOWN_DIAGNOSTICS);
    let mut out = render_in(
        palette,
        &document.name,
        &document.text,
        &diagnostics[..shown],
    );
    if diagnostics.len() > shown {
        // Not `name:`-prefixed: tools read each such line as `name:line:column:`.
        out.push_str(&format!(
            "and {} more (only the first {shown} findings are shown)\n",
            diagnostics.len() - shown
        ));
    }
    out
}

/// A briefing that broke at least one rule: every finding, sorted by place.
#[derive(Debug, Clone)]
pub struct Invalid {
    pub diagnostics: Vec<Diagnostic>,
}

impl Invalid {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The findings as `check` prints them (at most [`MAX_SHOWN_DIAGNOSTICS`]).
    pub fn render(&self, document: &Document) -> String {
        render_some(document, &self.diagnostics)
    }
}

/// Parses and checks a document against every rule of the format.
pub fn load(document: &Document) -> Result<Loaded, Invalid> {
    let text = document.text.as_str();
    let Split {
        head,
        pieces,
        quotes,
    } = split(text)
        .filter(|_| text.len() > SPLIT_ABOVE)
        .unwrap_or(Split {
            head: 0..text.len(),
            pieces: Vec::new(),
            quotes: 0,
        });
    let mut syntax_errors = Vec::new();
    let mut diagnostics = Vec::new();
    let mut reader = Reader::new(text, &mut diagnostics);

    let (root, errors) = DeTable::parse_recoverable(&text[head]);
    syntax_errors.extend(errors.iter().map(|e| syntax_error(e, 0, text)));
    let mut briefing = reader.read_document(&root);
    drop(root);
    if let Some(briefing) = &mut briefing {
        // Growing by doubling would hold up to twice the quotes at once.
        briefing.quotes.reserve_exact(quotes);
    }
    for piece in pieces {
        let (root, errors) = DeTable::parse_recoverable(&text[piece.clone()]);
        syntax_errors.extend(errors.iter().map(|e| syntax_error(e, piece.start, text)));
        if !errors.is_empty() {
            continue;
        }
        let first = briefing.as_ref().map_or(0, |b| b.quotes.len());
        match (
            reader.read_quotes(&text[piece.clone()], piece.start, &root, first),
            &mut briefing,
        ) {
            (Some(quotes), Some(briefing)) => briefing.quotes.extend(quotes),
            _ => briefing = None,
        }
    }
    let notes = std::mem::take(&mut reader.notes);
    cross_references(&notes, briefing.as_ref(), &mut diagnostics);
    if !syntax_errors.is_empty() {
        // The rules still ran on what could be read, so one bad value does
        // not hide the file's other errors; what only follows from the
        // syntax error (the key it left missing, an id it left undeclared,
        // warnings) is dropped.
        diagnostics.retain(|d| d.is_error() && !follows_from(d, &syntax_errors, text));
        diagnostics.extend(syntax_errors);
        return Err(sorted(diagnostics));
    }
    let mut remarks = Vec::new();
    let verified = match &briefing {
        Some(briefing) => {
            stated_positions(&notes, briefing, &mut diagnostics);
            verify_quotes(document, briefing, &notes, &mut diagnostics, &mut remarks)
        }
        None => Verified::default(),
    };

    match briefing {
        Some(briefing) if !diagnostics.iter().any(Diagnostic::is_error) => {
            let Invalid {
                diagnostics: warnings,
            } = sorted(diagnostics);
            Ok(Loaded {
                briefing,
                warnings,
                notes: remarks,
                verified,
            })
        }
        _ => Err(sorted(diagnostics)),
    }
}

/// A TOML syntax error in the piece of the file that starts at `offset`.
/// On a date key (`said_on = 13/03/2031`) it is the one message about
/// dates, with the day meant, rather than TOML's "string values must be
/// quoted" (which quoting would only trade for another message).
fn syntax_error(error: &toml::de::Error, offset: usize, text: &str) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let span = span.start + offset..span.end + offset;
    let line = line_around(text, span.start);
    let toml_says = || (Rule::TOML, error.message().trim_end().to_string());
    let (rule, message) = match line.split_once('=') {
        Some((key, value)) if DATE_KEYS.contains(&key.trim()) => {
            let value = value.split(" #").next().unwrap_or(value).trim();
            let iso_shaped = value.len() == 10 && value.as_bytes().get(4) == Some(&b'-');
            if iso_shaped && days_meant(value).is_empty() {
                // `2026-02-30`: TOML says exactly what is wrong with the day.
                toml_says()
            } else {
                (Rule::DATES, date_message(key.trim(), value, value))
            }
        }
        _ => toml_says(),
    };
    Diagnostic::error(rule, span, message)
}

/// The line of `text` that holds byte `at`.
fn line_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or("")
}

/// Whether a rule's error only follows from a syntax error: a required key
/// missing from the table the syntax error is in (the parser dropped its
/// bad value), an id unresolved because the line declaring it did not
/// parse, or the reader's own complaint about the same value.
fn follows_from(diagnostic: &Diagnostic, syntax_errors: &[Diagnostic], text: &str) -> bool {
    let message = diagnostic.message.as_str();
    syntax_errors.iter().any(|e| {
        let in_table = diagnostic.span.start <= e.span.start && e.span.start <= diagnostic.span.end;
        let missing_key = message.starts_with("missing key `") && in_table;
        let unresolved_id = message.starts_with("no ")
            && message
                .split('`')
                .nth(1)
                .is_some_and(|id| line_around(text, e.span.start).contains(id));
        // The parser's recovery may keep the bad value for the reader too.
        let same_place = diagnostic.span.start == e.span.start;
        missing_key || unresolved_id || same_place
    })
}

fn sorted(mut diagnostics: Vec<Diagnostic>) -> Invalid {
    diagnostics.sort_by_key(|d| (d.span.start, d.severity));
    Invalid { diagnostics }
}

/// Rule 10: quotes citing a source with a `text_file` appear in that file.
/// Each text is read once (bounded, inside the briefing's folder) and all
/// its quotes are looked for in one pass.
fn verify_quotes(
    document: &Document,
    briefing: &Briefing,
    notes: &super::read::Notes,
    diagnostics: &mut Vec<Diagnostic>,
    remarks: &mut Vec<String>,
) -> Verified {
    let mut verified = Verified::default();
    if notes.text_files.is_empty() {
        return verified;
    }
    let Some(folder) = &document.dir else {
        remarks.push(
            "quotes were not verified against their sources' text files: a briefing read from standard input has no folder beside it"
                .into(),
        );
        return verified;
    };
    let mut quotes_of: HashMap<&str, Vec<&super::read::QuoteText>> = HashMap::new();
    for quote in &notes.quote_texts {
        quotes_of
            .entry(quote.source.as_str())
            .or_default()
            .push(quote);
    }
    let mut texts = HashSet::new();
    for (source_id, span) in &notes.text_files {
        let Some(file) = briefing
            .source(source_id)
            .and_then(|s| s.text_file.as_deref())
        else {
            continue;
        };
        let text = match folder.read(file, bounded::limit::TEXT_FILE) {
            Ok(text) => text,
            Err(reason) => {
                diagnostics.push(Diagnostic::error(
                    Rule::VERBATIM,
                    span.clone(),
                    format!("cannot read text_file `{file}`: {reason}"),
                ));
                continue;
            }
        };
        texts.insert(file);
        let quotes = quotes_of.remove(source_id.as_str()).unwrap_or_default();
        let words: Vec<&str> = quotes
            .iter()
            .map(|q| briefing.quotes[q.quote].text.as_str())
            .collect();
        let answers = SourceText::new(&text).verify(&words);
        verified.quotes += quotes.len();
        for (quote, answer) in quotes.iter().zip(answers) {
            let Err(mismatch) = answer else { continue };
            let closest = match &mismatch.closest {
                Some(passage) => format!(
                    "the closest passage, at {file}:{}:{}, is {:?}",
                    passage.line, passage.column, passage.text
                ),
                None => "no passage of the text shares a word with it".into(),
            };
            diagnostics.push(Diagnostic::error(
                Rule::VERBATIM,
                quote.span.clone(),
                format!(
                    "quote is not verbatim in {file}: {:?} does not appear; {closest}",
                    mismatch.missing
                ),
            ));
        }
    }
    verified.texts = texts.len();
    verified
}
