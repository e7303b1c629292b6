//! The source reader: a source's full text, wrapped and scrollable, every
//! quote that cites it highlighted where the text has it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{popup, text};
use crate::action::Action;
use crate::app::App;
use crate::briefing::articles::{Article, Text};
use crate::reader::{self, Reader};
use crate::view::Mode;

/// Lines above the text: the headline and what the reader holds.
const HEADER_LINES: u16 = 2;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, reader: &Reader) {
    let theme = &app.theme;
    let source = &app.briefing.sources[reader.source];
    let title = Line::from(vec![
        Span::raw(" "),
        text::raw(&source.outlet, theme.styles.title),
        Span::styled(
            format!(
                " · {} to close ",
                app.keymap.key_for(Mode::Popup, Action::Back)
            ),
            theme.styles.title,
        ),
    ]);
    let inner = popup(frame, area, title, app);
    let [header, body] = Layout::vertical([
        Constraint::Length(HEADER_LINES.min(inner.height)),
        Constraint::Min(0),
    ])
    .areas(inner);
    let width = body.width as usize;

    let mut cache = app.reader_layout.borrow_mut();
    let key = (reader.source, body.width, app.theme.name.clone());
    if cache.as_ref().is_none_or(|layout| layout.key != key) {
        *cache = Some(lay_out(app, reader.source, width, key));
    }
    let layout = cache.as_mut().expect("laid out above");
    layout.height = body.height as usize;
    let top = reader.top_line(Some(layout));
    let shown: Vec<Line> = layout
        .lines
        .iter()
        .skip(top)
        .take(body.height as usize)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(shown), body);

    let headline = source.title.as_deref().unwrap_or("(no headline)");
    let lines = vec![
        Line::from(text::span(headline, width, theme.styles.text)),
        Line::from(Span::styled(
            crate::text::truncate(&status(app, reader, layout.lines.len(), top), width)
                .into_owned(),
            theme.styles.muted,
        )),
    ];
    frame.render_widget(Paragraph::new(lines), header);
}

/// "published 13 Mar 2031 · quote 1 of 2: Speaker · n/N next/previous · line 5 of 40".
fn status(app: &App, reader: &Reader, lines: usize, top: usize) -> String {
    let source = &app.briefing.sources[reader.source];
    let mut parts = vec![source.published.map_or("no date".to_string(), |d| {
        format!("published {}", d.short())
    })];
    if let Article::Text(text) = app.articles.get(reader.source) {
        let found = text.passages.len();
        parts.push(match reader.current {
            Some(at) if found > 0 => {
                let quote = &app.briefing.quotes[text.passages[at.min(found - 1)].quote];
                format!(
                    "quote {} of {found}: {}",
                    at.min(found - 1) + 1,
                    crate::text::sanitize_inline(&quote.speaker)
                )
            }
            _ => format!(
                "{found} {} highlighted",
                if found == 1 { "quote" } else { "quotes" }
            ),
        });
        if !text.missing.is_empty() {
            parts.push(format!("{} not found", text.missing.len()));
        }
        if found > 0 {
            parts.push("n/N next/previous".into());
        }
        if lines > 0 {
            parts.push(format!("line {} of {lines}", top + 1));
        }
    }
    parts.join(" · ")
}

/// The reader's lines for one width: quotes the text does not hold first,
/// flagged, then the text with every found quote highlighted.
fn lay_out(app: &App, source: usize, width: usize, key: (usize, u16, String)) -> reader::Layout {
    let theme = &app.theme;
    let mut lines = Vec::new();
    let mut passage_lines = Vec::new();
    match app.articles.get(source) {
        Article::NoText => lines.extend(text::paragraph(
            "This source has no text: the briefing gives no text_file for it.",
            width,
            theme.styles.muted,
        )),
        Article::Unreadable { file, reason } => lines.extend(text::paragraph(
            &format!("The text {file} cannot be read: {reason}."),
            width,
            theme.styles.warning,
        )),
        Article::Text(text) => {
            for &q in &text.missing {
                let quote = &app.briefing.quotes[q];
                lines.extend(text::paragraph(
                    &format!(
                        "⚠ Not found in this text: “{}” — {}",
                        quote.text, quote.speaker
                    ),
                    width,
                    theme.styles.warning,
                ));
            }
            if !text.missing.is_empty() {
                lines.push(Line::default());
            }
            let highlighted = char_ranges(text);
            let style_of = |i: usize| {
                let after = highlighted.partition_point(|r| r.1 <= i);
                match highlighted.get(after) {
                    Some(&(start, _)) if start <= i => {
                        theme.styles.text.patch(theme.styles.highlight)
                    }
                    _ => theme.styles.text,
                }
            };
            let wrapped = text::wrap_styled(&text.text, width, style_of);
            let passage_starts: Vec<usize> = first_chars(text)
                .into_iter()
                .map(|c| wrapped.line_of(c))
                .collect();
            // A blank line between paragraphs (lines of the file), for the
            // eye; `shift[i]` is where wrapped line `i` ends up.
            let chars: Vec<char> = text.text.chars().collect();
            let mut shift = Vec::with_capacity(wrapped.lines.len());
            for (i, line) in wrapped.lines.into_iter().enumerate() {
                let start = wrapped.starts[i];
                let new_paragraph = i > 0
                    && start > 0
                    && chars.get(start - 1) == Some(&'\n')
                    && !line.spans.is_empty()
                    && lines.last().is_some_and(|l: &Line| !l.spans.is_empty());
                if new_paragraph {
                    lines.push(Line::default());
                }
                shift.push(lines.len());
                lines.push(line);
            }
            passage_lines.extend(passage_starts.into_iter().map(|line| shift[line]));
        }
    }
    reader::Layout {
        key,
        lines,
        passage_lines,
        height: 0,
    }
}

/// Every found quote's ranges as character positions, sorted by start.
fn char_ranges(text: &Text) -> Vec<(usize, usize)> {
    let mut bytes: Vec<(usize, usize)> = text
        .passages
        .iter()
        .flat_map(|p| p.ranges.iter().map(|r| (r.start, r.end)))
        .collect();
    bytes.sort_unstable();
    let to_char = char_positions(&text.text);
    bytes
        .into_iter()
        .map(|(start, end)| (to_char(start), to_char(end)))
        .collect()
}

/// Where each passage starts, as a character position.
fn first_chars(text: &Text) -> Vec<usize> {
    let to_char = char_positions(&text.text);
    text.passages
        .iter()
        .map(|p| to_char(p.ranges[0].start))
        .collect()
}

/// A byte offset of `text` (at a character boundary) as a character position.
fn char_positions(text: &str) -> impl Fn(usize) -> usize + '_ {
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    move |byte| boundaries.partition_point(|&b| b < byte)
}
