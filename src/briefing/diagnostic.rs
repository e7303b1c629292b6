//! Errors and warnings about a briefing file, each tied to a place in it, and
//! their rendering the way compilers show them: `path:line:column: message`,
//! then the offending line with a caret under the place.

use std::fmt::Write as _;
use std::ops::Range;

use anstyle::{AnsiColor, Color, Style};

use crate::text::{sanitize_inline, width};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The rule of the format a finding is about: its number in the format's
/// list of validation rules, or a short stable name for a check that list
/// does not number (the warnings, a colour). Tools match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Numbered(u8),
    Named(&'static str),
}

impl Rule {
    pub const TOML: Rule = Rule::Numbered(1);
    pub const FORMAT: Rule = Rule::Numbered(2);
    pub const KEYS: Rule = Rule::Numbered(3);
    pub const IDS: Rule = Rule::Numbered(4);
    pub const REFERENCES: Rule = Rule::Numbered(5);
    pub const ENUMERATIONS: Rule = Rule::Numbered(6);
    pub const DATES: Rule = Rule::Numbered(7);
    pub const COUNTS: Rule = Rule::Numbered(8);
    pub const CONTROL_CHARACTERS: Rule = Rule::Numbered(9);
    pub const VERBATIM: Rule = Rule::Numbered(10);
    /// A `stated` position cites its own party's words.
    pub const STATED: Rule = Rule::Numbered(11);
    /// Nothing said after it was published, or after `as_of`.
    pub const CHRONOLOGY: Rule = Rule::Numbered(12);
    /// A position, delegate or event with no sources.
    pub const UNSOURCED: Rule = Rule::Numbered(13);
    /// A source's `url` is an http, https or mailto link.
    pub const URL: Rule = Rule::Numbered(14);
    pub const COLOR: Rule = Rule::Named("color");
    /// A quote's text wrapped in its own quotation marks.
    pub const WRAPPED_QUOTE: Rule = Rule::Named("wrapped-quote");
    pub const NO_RED_LINES: Rule = Rule::Named("no-red-lines");
    /// A red line that does not say whether it is stated, reported or inferred.
    pub const NO_BASIS: Rule = Rule::Named("no-basis");
    pub const UNCITED_SOURCE: Rule = Rule::Named("uncited-source");
    pub const BIDI_CONTROL: Rule = Rule::Named("bidi-control");
    /// A file that could not be read at all.
    pub const UNREADABLE: Rule = Rule::Named("unreadable");
    /// A file over `--max-size`.
    pub const TOO_LARGE: Rule = Rule::Named("too-large");
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rule::Numbered(n) => write!(f, "{n}"),
            Rule::Named(name) => f.write_str(name),
        }
    }
}

/// One finding about a file, at a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub rule: Rule,
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it, where there is something to suggest.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(rule: Rule, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            rule,
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(rule: Rule, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(rule, span, message)
        }
    }

    pub fn with_help(self, help: Option<String>) -> Self {
        Self { help, ..self }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message and its help as one line: `message; help`.
    pub fn full_message(&self) -> String {
        match &self.help {
            Some(help) => format!("{}; {help}", self.message),
            None => self.message.clone(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// Where each line of a text starts, to turn byte offsets into locations.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    pub fn location(&self, offset: usize) -> Location {
        let offset = char_boundary(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        Location {
            line: line + 1,
            column,
        }
    }

    /// The text of line `line` (1-based), without its line ending.
    fn line_text(&self, line: usize) -> &'a str {
        let start = self.starts[line - 1];
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }
}

/// The nearest char boundary at or before `offset`, within the text.
fn char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The widest stretch of a line shown under a message: a 5 MB line must not
/// become a 5 MB error.
const SNIPPET_COLUMNS: usize = 100;
/// How far before the caret a cut line starts showing.
const SNIPPET_LEAD: usize = 40;

/// How the parts of a rendered diagnostic look: plain, or coloured the way
/// rustc colours its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub error: Style,
    pub warning: Style,
    /// The location and the message.
    pub message: Style,
    /// The gutter: line numbers and bars.
    pub gutter: Style,
}

impl Palette {
    pub const PLAIN: Palette = Palette {
        error: Style::new(),
        warning: Style::new(),
        message: Style::new(),
        gutter: Style::new(),
    };

    pub const COLOURED: Palette = Palette {
        error: Style::new()
            .bold()
            .fg_color(Some(Color::Ansi(AnsiColor::Red))),
        warning: Style::new()
            .bold()
            .fg_color(Some(Color::Ansi(AnsiColor::Yellow))),
        message: Style::new().bold(),
        gutter: Style::new()
            .bold()
            .fg_color(Some(Color::Ansi(AnsiColor::Blue))),
    };

    /// Coloured, or plain.
    pub fn when(colour: bool) -> Palette {
        match colour {
            true => Palette::COLOURED,
            false => Palette::PLAIN,
        }
    }

    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }
}

/// Renders diagnostics for the file shown as `path`: each as
/// `path:line:column: error: message`, the line, and a caret under the span.
/// Nothing from the file reaches the output unsanitised.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    render_in(Palette::PLAIN, path, text, diagnostics)
}

/// [`render`] in the colours of `palette`.
pub fn render_in(palette: Palette, path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for diagnostic in diagnostics {
        render_one(&mut out, palette, path, &index, diagnostic);
    }
    out
}

fn render_one(
    out: &mut String,
    palette: Palette,
    path: &str,
    index: &LineIndex,
    diagnostic: &Diagnostic,
) {
    let Location { line, column } = index.location(diagnostic.span.start);
    let label = diagnostic.severity.as_str();
    let path = sanitize_inline(path);
    let message = diagnostic.full_message();
    let message = sanitize_inline(&message);
    let (strong, mark, gutter_style) = (
        palette.message,
        palette.severity(diagnostic.severity),
        palette.gutter,
    );
    let _ = writeln!(
        out,
        "{strong}{path}:{line}:{column}:{strong:#} {mark}{label}{mark:#}{strong}: {message}{strong:#}"
    );

    let line_text = index.line_text(line);
    let line_start = line_text.as_ptr() as usize - index.text.as_ptr() as usize;
    let start = char_boundary(line_text, diagnostic.span.start - line_start);
    let end = char_boundary(
        line_text,
        diagnostic.span.end.saturating_sub(line_start).max(start),
    );
    let before = sanitize_inline(&line_text[..start]);
    let marked = sanitize_inline(&line_text[start..end]);
    let after = sanitize_inline(&line_text[end..]);
    let (shown, caret_column, caret_len) = window(&before, &marked, &after);

    let gutter = line.to_string().len();
    let bar = format!("{gutter_style}{:gutter$} |{gutter_style:#}", "");
    let _ = writeln!(out, "{bar}");
    let _ = writeln!(out, "{gutter_style}{line} |{gutter_style:#} {shown}");
    let _ = writeln!(
        out,
        "{bar} {}{mark}{}{mark:#}",
        " ".repeat(caret_column),
        "^".repeat(caret_len.max(1))
    );
}

/// The part of a line to show, cut to [`SNIPPET_COLUMNS`] around the caret,
/// with the caret's column and length in that shown text.
fn window(before: &str, marked: &str, after: &str) -> (String, usize, usize) {
    let marked_width = width(marked).min(SNIPPET_COLUMNS / 2);
    let total = width(before) + width(marked) + width(after);
    if total <= SNIPPET_COLUMNS {
        let marked_width = width(marked);
        return (
            format!("{before}{marked}{after}"),
            width(before),
            marked_width,
        );
    }
    let mut shown = String::new();
    let lead = if width(before) > SNIPPET_LEAD {
        shown.push('…');
        shown.push_str(&take_last_columns(before, SNIPPET_LEAD - 1));
        SNIPPET_LEAD
    } else {
        shown.push_str(before);
        width(before)
    };
    let rest = format!("{marked}{after}");
    shown.push_str(&take_first_columns(&rest, SNIPPET_COLUMNS - lead - 1));
    if width(&rest) > SNIPPET_COLUMNS - lead - 1 {
        shown.push('…');
    }
    (shown, lead, marked_width)
}

fn take_first_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= columns
        })
        .collect()
}

fn take_last_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut tail: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= columns
        })
        .collect();
    tail.reverse();
    tail.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based_in_characters() {
        let text = "a = 1\nné = \"x\"\n";
        let index = LineIndex::new(text);
        assert_eq!(index.location(0), Location { line: 1, column: 1 });
        assert_eq!(index.location(6), Location { line: 2, column: 1 });
        // After "né " (4 bytes, 3 characters).
        assert_eq!(index.location(10), Location { line: 2, column: 4 });
        assert_eq!(index.location(text.len()), Location { line: 3, column: 1 });
    }

    #[test]
    fn renders_location_line_and_caret() {
        let text = "[briefing]\nredline = true\n";
        let rendered = render(
            "b.toml",
            text,
            &[Diagnostic::error(
                Rule::KEYS,
                11..18,
                "unknown key `redline`",
            )],
        );
        assert_eq!(
            rendered,
            "b.toml:2:1: error: unknown key `redline`\n  |\n2 | redline = true\n  | ^^^^^^^\n"
        );
    }

    #[test]
    fn never_echoes_control_characters() {
        let text = "x = \"\u{1b}[2J\"\n";
        let rendered = render(
            "f\u{1b}.toml",
            text,
            &[Diagnostic::error(Rule::KEYS, 4..10, "bad \u{7}")],
        );
        assert!(
            !rendered.chars().any(|c| c.is_control() && c != '\n'),
            "{rendered:?}"
        );
        assert!(rendered.contains("\\u{1b}[2J"));
    }

    #[test]
    fn a_huge_line_is_cut_around_the_caret() {
        let mut text = "x".repeat(5_000_000);
        text.push_str(" = oops");
        let at = 5_000_003;
        let rendered = render(
            "big.toml",
            &text,
            &[Diagnostic::error(Rule::KEYS, at..at + 4, "here")],
        );
        assert!(rendered.len() < 1_000, "{} bytes", rendered.len());
        assert!(rendered.starts_with("big.toml:1:5000004: error: here"));
        let lines: Vec<&str> = rendered.lines().collect();
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        let marked: String = lines[2].chars().skip(caret).take(4).collect();
        assert_eq!(marked, "oops");
    }

    #[test]
    fn caret_accounts_for_wide_characters() {
        let text = "name = \"日本\" bad\n";
        let at = text.find("bad").unwrap();
        let rendered = render(
            "w.toml",
            text,
            &[Diagnostic::error(Rule::KEYS, at..at + 3, "here")],
        );
        let lines: Vec<&str> = rendered.lines().collect();
        let caret_col = width(&lines[3][..lines[3].find('^').unwrap()]);
        let bad_col = width(&lines[2][..lines[2].find("bad").unwrap()]);
        assert_eq!(caret_col, bad_col);
    }
}
