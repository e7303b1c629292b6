//! File text made into styled, wrapped lines. Every string from a briefing
//! becomes a `Span` through here, after `crate::text::sanitize`'s rules.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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
    let width = width.max(1);
    let mut lines: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    let mut column = 0;
    // The current word, not yet placed: (piece, style) and its width.
    let mut word: Vec<(String, Style)> = Vec::new();
    let mut word_width = 0;

    fn place(
        lines: &mut Vec<Vec<(String, Style)>>,
        column: &mut usize,
        word: &mut Vec<(String, Style)>,
        word_width: &mut usize,
        width: usize,
    ) {
        if word.is_empty() {
            return;
        }
        if *column > 0 && *column + *word_width > width {
            lines.push(Vec::new());
            *column = 0;
        }
        for (piece, style) in word.drain(..) {
            let w = piece.width();
            if *column > 0 && *column + w > width {
                lines.push(Vec::new());
                *column = 0;
            }
            lines.last_mut().unwrap().push((piece, style));
            *column += w;
        }
        *word_width = 0;
    }

    for (i, c) in text.chars().enumerate() {
        let style_here = if marks.binary_search(&i).is_ok() {
            style.patch(mark)
        } else {
            style
        };
        match c {
            '\n' => {
                place(&mut lines, &mut column, &mut word, &mut word_width, width);
                lines.push(Vec::new());
                column = 0;
            }
            ' ' => {
                place(&mut lines, &mut column, &mut word, &mut word_width, width);
                if column > 0 && column < width {
                    lines.last_mut().unwrap().push((" ".into(), style_here));
                    column += 1;
                }
            }
            c => {
                let piece = shown(c, column + word_width);
                word_width += piece.width();
                word.push((piece, style_here));
            }
        }
    }
    place(&mut lines, &mut column, &mut word, &mut word_width, width);
    lines
        .into_iter()
        .map(|pieces| Line::from(merge(pieces)))
        .collect()
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
    if line.width() <= width {
        return line;
    }
    cut(line, width)
}

/// A line marked as cut: it ends in `…` and fits in `width` columns (for
/// text that goes on beyond what is shown, such as the first lines of a
/// long quote).
pub fn ellipsize(mut line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() < width {
        let style = line.spans.last().map(|s| s.style).unwrap_or_default();
        line.push_span(Span::styled("…", style));
        return line;
    }
    cut(line, width)
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
            let w = grapheme.width();
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
