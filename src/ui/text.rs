//! File text made into styled, wrapped lines. Every string from a briefing
//! becomes a `Span` through here, after `crate::text::sanitize`'s rules.

use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{
    TAB_WIDTH, escape_char, is_bidi_control, is_forbidden_control, sanitize_inline, truncate,
};

/// One line of file text, sanitised, cut to `width` columns.
pub fn span(text: &str, width: usize, style: Style) -> Span<'static> {
    Span::styled(truncate(&sanitize_inline(text), width).into_owned(), style)
}

/// File text, sanitised, as is (the caller bounds its width).
pub fn raw(text: &str, style: Style) -> Span<'static> {
    Span::styled(sanitize_inline(text).into_owned(), style)
}

/// What one character of file text looks like on screen.
fn shown(c: char, column: usize) -> String {
    match c {
        '\t' => " ".repeat(TAB_WIDTH - column % TAB_WIDTH),
        c if is_forbidden_control(c) || is_bidi_control(c) => escape_char(c),
        c => c.to_string(),
    }
}

/// File text wrapped to `width` columns at spaces (a word longer than a line
/// is broken), newlines kept, with the characters at `marks` (character
/// positions in `text`) drawn in `mark` style. Never splits a character.
pub fn wrap(
    text: &str,
    width: usize,
    style: Style,
    marks: &[usize],
    mark: Style,
) -> Vec<Line<'static>> {
    let style_of = |i: usize| {
        if marks.binary_search(&i).is_ok() {
            style.patch(mark)
        } else {
            style
        }
    };
    wrap_styled(text, width, style_of).lines
}

/// Wrapped text and where each line starts in it.
pub struct Wrapped {
    pub lines: Vec<Line<'static>>,
    /// The character position in the text of each line's first character
    /// (for an empty line, of what follows it).
    pub starts: Vec<usize>,
}

impl Wrapped {
    /// The line that shows the character at position `char_index`.
    pub fn line_of(&self, char_index: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= char_index)
            .saturating_sub(1)
    }
}

/// [`wrap`], each character styled by `style_of(its position)`, with where
/// each line starts.
pub fn wrap_styled(text: &str, width: usize, style_of: impl Fn(usize) -> Style) -> Wrapped {
    let mut out = Wrapper {
        width: width.max(1),
        lines: vec![Vec::new()],
        starts: vec![0],
        column: 0,
        word: Vec::new(),
        word_width: 0,
        word_start: 0,
    };
    for (i, c) in text.chars().enumerate() {
        match c {
            '\n' => {
                out.place_word();
                out.new_line(i + 1);
            }
            ' ' => {
                out.place_word();
                if out.column > 0 && out.column < out.width {
                    out.push(" ".into(), style_of(i));
                }
            }
            c => {
                if out.word.is_empty() {
                    out.word_start = i;
                }
                let piece = shown(c, out.column + out.word_width);
                out.word_width += grapheme_columns(&piece);
                out.word.push((piece, style_of(i)));
            }
        }
    }
    out.place_word();
    Wrapped {
        lines: out
            .lines
            .into_iter()
            .map(|pieces| Line::from(merge(pieces)))
            .collect(),
        starts: out.starts,
    }
}

/// Lines being filled, and the word not yet placed on them (one piece per
/// character of the text).
struct Wrapper {
    width: usize,
    lines: Vec<Vec<(String, Style)>>,
    starts: Vec<usize>,
    column: usize,
    word: Vec<(String, Style)>,
    word_width: usize,
    /// The position in the text of the word's first character.
    word_start: usize,
}

impl Wrapper {
    fn new_line(&mut self, start: usize) {
        self.lines.push(Vec::new());
        self.starts.push(start);
        self.column = 0;
    }

    fn push(&mut self, piece: String, style: Style) {
        self.column += grapheme_columns(&piece);
        self.lines
            .last_mut()
            .expect("there is always a line")
            .push((piece, style));
    }

    /// The word on this line if it fits, else on the next; a word wider
    /// than a line is broken between characters.
    fn place_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        if self.column > 0 && self.column + self.word_width > self.width {
            self.new_line(self.word_start);
        }
        let word = std::mem::take(&mut self.word);
        for (i, (piece, style)) in word.into_iter().enumerate() {
            if self.column > 0 && self.column + grapheme_columns(&piece) > self.width {
                self.new_line(self.word_start + i);
            }
            self.push(piece, style);
        }
        self.word_width = 0;
    }
}

/// Adjacent pieces of one style become one span.
fn merge(pieces: Vec<(String, Style)>) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (piece, style) in pieces {
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&piece),
            _ => spans.push(Span::styled(piece, style)),
        }
    }
    spans
}

/// A line cut to `width` columns: unchanged when it fits; otherwise as many
/// whole graphemes as fit before a `…` (in the style of the text it
/// replaces). Every line a pane draws goes through here, so nothing is ever
/// cut silently at the pane's edge.
pub fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    if columns(&line) <= width {
        return line;
    }
    cut(line, width)
}

/// A line marked as cut: it ends in `…` and fits in `width` columns (for
/// text that goes on beyond what is shown, such as the first lines of a
/// long quote).
pub fn ellipsize(mut line: Line<'static>, width: usize) -> Line<'static> {
    if columns(&line) < width {
        let style = line.spans.last().map(|s| s.style).unwrap_or_default();
        line.push_span(Span::styled("…", style));
        return line;
    }
    cut(line, width)
}

/// The columns `line` takes on screen, grapheme by grapheme as the buffer
/// lays it out. `Line::width` measures the whole string, and counts fewer
/// for some text: an Arabic lam-alef pair is one column to it and two
/// cells in the buffer, and the buffer gives a halfwidth katakana sound
/// mark (ﾞ) one cell more than it counts.
pub fn columns(line: &Line) -> usize {
    line.spans
        .iter()
        .flat_map(|span| span.content.graphemes(true))
        .map(grapheme_columns)
        .sum()
}

/// The cells the buffer gives one grapheme (none for a control, which it
/// leaves out).
fn grapheme_columns(grapheme: &str) -> usize {
    match grapheme.contains(char::is_control) {
        true => 0,
        false => usize::from(grapheme.cell_width()),
    }
}

/// The graphemes of `line` that fit in `width - 1` columns, then `…`.
fn cut(line: Line<'static>, width: usize) -> Line<'static> {
    let Line {
        spans,
        style,
        alignment,
    } = line;
    let mut kept: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let room = width.saturating_sub(1);
    let mut ellipsis_style = spans.first().map(|s| s.style).unwrap_or_default();
    'spans: for span in spans {
        ellipsis_style = span.style;
        let mut piece = String::new();
        for grapheme in span.content.graphemes(true) {
            let w = grapheme_columns(grapheme);
            if used + w > room {
                kept.push(Span::styled(piece, span.style));
                break 'spans;
            }
            used += w;
            piece.push_str(grapheme);
        }
        kept.push(Span::styled(piece, span.style));
    }
    if width > 0 {
        kept.push(Span::styled("…", ellipsis_style));
    }
    kept.retain(|s| !s.content.is_empty());
    Line {
        spans: kept,
        style,
        alignment,
    }
}

/// Plain wrapped text.
pub fn paragraph(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width, style, &[], Style::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let lines = paragraph("the quick brown fox jumps", 10, Style::default());
        assert_eq!(plain(&lines), ["the quick ", "brown fox ", "jumps"]);
        assert!(lines.iter().all(|l| l.width() <= 10));
    }

    #[test]
    fn breaks_a_word_longer_than_the_line_and_keeps_newlines() {
        assert_eq!(
            plain(&paragraph("abcdefghij\nxy", 4, Style::default())),
            ["abcd", "efgh", "ij", "xy"]
        );
    }

    #[test]
    fn wide_characters_are_never_split_or_overflow() {
        let lines = paragraph("日本語のテキスト", 5, Style::default());
        assert!(lines.iter().all(|l| l.width() <= 5), "{:?}", plain(&lines));
        assert_eq!(plain(&lines).concat(), "日本語のテキスト");
    }

    #[test]
    fn control_characters_become_visible_escapes() {
        let text = plain(&paragraph("a\u{1b}[2Jb \u{202e}x", 40, Style::default())).concat();
        assert_eq!(text, "a\\u{1b}[2Jb <U+202E>x");
    }

    #[test]
    fn each_line_knows_where_it_starts_in_the_text() {
        let wrapped = wrap_styled("the quick brown\nfox abcdefgh", 10, |_| Style::default());
        assert_eq!(
            plain(&wrapped.lines),
            ["the quick ", "brown", "fox ", "abcdefgh"]
        );
        assert_eq!(wrapped.starts, [0, 10, 16, 20]);
        assert_eq!(wrapped.line_of(12), 1);
        assert_eq!(wrapped.line_of(16), 2);
        assert_eq!(wrapped.line_of(27), 3);
        let broken = wrap_styled("abcdefghij", 4, |_| Style::default());
        assert_eq!(broken.starts, [0, 4, 8]);
    }

    #[test]
    fn fit_cuts_across_spans_with_an_ellipsis_in_the_cut_span_s_style() {
        let muted = Style::default().add_modifier(ratatui::style::Modifier::DIM);
        let line = Line::from(vec![
            Span::raw("Daily Ledger"),
            Span::styled(" · 2026-01-23 · [s001]", muted),
        ]);
        let cut = fit(line.clone(), 18);
        assert_eq!(plain(std::slice::from_ref(&cut)), ["Daily Ledger · 20…"]);
        assert_eq!(cut.width(), 18);
        assert_eq!(cut.spans.last().unwrap().style, muted);
        assert_eq!(fit(line.clone(), 40), line, "a line that fits is kept");
        assert_eq!(plain(&[fit(line, 1)]), ["…"]);
    }

    #[test]
    fn fit_never_splits_a_grapheme() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let line = Line::from(format!("a{family}b"));
        assert_eq!(plain(&[fit(line, 3)]), ["a…"]);
    }

    #[test]
    fn lines_are_measured_in_the_cells_the_screen_gives_them() {
        // Two lam-alef pairs: two columns to `Line::width`, four cells.
        let arabic = Line::from("لا لا");
        assert_eq!((arabic.width(), columns(&arabic)), (3, 5));
        // ｶﾞ: the buffer gives its halfwidth sound mark a cell more.
        let katakana = Line::from("ｶﾞｶﾞ");
        assert_eq!((katakana.width(), columns(&katakana)), (4, 6));
        assert_eq!(plain(&[fit(katakana.clone(), 4)]), ["ｶﾞ…"]);
        assert_eq!(plain(&[ellipsize(katakana, 6)]), ["ｶﾞ…"]);
        let wrapped = paragraph("ｶﾞｶﾞ ｶﾞｶﾞ", 9, Style::default());
        assert_eq!(plain(&wrapped), ["ｶﾞｶﾞ ", "ｶﾞｶﾞ"]);
        assert!(wrapped.iter().all(|line| columns(line) <= 9));
    }

    #[test]
    fn ellipsize_marks_a_line_that_fits_and_cuts_one_that_does_not() {
        assert_eq!(plain(&[ellipsize(Line::from("abc"), 5)]), ["abc…"]);
        assert_eq!(plain(&[ellipsize(Line::from("abcde"), 5)]), ["abcd…"]);
        assert_eq!(plain(&[ellipsize(Line::from("abcd"), 4)]), ["abc…"]);
    }

    #[test]
    fn marks_style_the_characters_at_their_positions() {
        let mark = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap("née là", 20, Style::default(), &[0, 1, 2], mark);
        assert_eq!(lines[0].spans[0].content, "née");
        assert_eq!(lines[0].spans[0].style, mark);
        assert_eq!(lines[0].spans[1].content, " là");
    }
}
