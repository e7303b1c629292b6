//! The picker of a folder's briefings: a pure function of the `Picker`.
//! One row per briefing (as of, title, location, counts, file), the
//! filter's matched letters highlighted, files that failed to load marked
//! invalid with their first error.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::fit;
use super::{MIN_HEIGHT, MIN_WIDTH, centered};
use crate::action::Action;
use crate::keymap::Keymap;
use crate::picker::{Listing, Marks, Picker, ROWS_TOP, Row, scroll_offset};
use crate::text::{truncate, width};
use crate::theme::Theme;
use crate::view::{Mode, View};

/// Columns between two columns.
const GAP: usize = 2;
/// The title column is made this wide, or as wide as the longest title
/// if that is less (but at least `MIN_TITLE`), while another column could
/// make room for it.
const WANTED_TITLE: usize = 40;
const MIN_TITLE: usize = 20;
/// "Wed 10 May 2031".
const AS_OF_WIDTH: usize = 15;

/// How wide each column is drawn; 0 leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    pub as_of: usize,
    pub title: usize,
    pub location: usize,
    pub parties: usize,
    pub red_lines: usize,
    pub file: usize,
}

/// The columns for a screen `total` columns wide, with the longest title,
/// location and file name to show: the file goes first when the title
/// would be cut, then the location, then the counts; the title takes the rest.
pub fn widths(total: usize, title: usize, location: usize, file: usize) -> Widths {
    let wanted = title.clamp(MIN_TITLE, WANTED_TITLE);
    let mut w = Widths {
        as_of: AS_OF_WIDTH,
        title: 0,
        location: location.clamp("Location".len(), 20),
        parties: "Parties".len(),
        red_lines: "Red lines".len(),
        file: file.clamp("File".len(), 30),
    };
    let used = |w: &Widths| {
        let columns = [w.as_of, w.location, w.parties, w.red_lines, w.file];
        columns.iter().sum::<usize>() + GAP * columns.iter().filter(|&&c| c > 0).count()
    };
    for drop in 0..3 {
        if total.saturating_sub(used(&w)) >= wanted {
            break;
        }
        match drop {
            0 => w.file = 0,
            1 => w.location = 0,
            _ => (w.parties, w.red_lines) = (0, 0),
        }
    }
    w.title = total.saturating_sub(used(&w));
    w
}

pub fn draw(frame: &mut Frame, picker: &Picker) {
    let area = frame.area();
    let styles = &picker.theme.styles;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let message = format!(
            "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        );
        let lines = super::text::paragraph(&message, area.width as usize, styles.warning);
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // The rows start at `ROWS_TOP`, where a click looks for them.
    let [header, filter, headings, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let total = area.width as usize;
    frame.render_widget(Paragraph::new(header_line(picker, total)), header);
    draw_filter(frame, filter, picker);
    let longest = |field: fn(&Row) -> &str| {
        picker
            .rows
            .iter()
            .map(|row| width(field(row)))
            .max()
            .unwrap_or(0)
    };
    let w = widths(
        total,
        longest(|row| &row.title),
        longest(|row| &row.location),
        longest(|row| &row.file),
    );
    let heading = |label: &str| Span::styled(label.to_string(), styles.title);
    frame.render_widget(
        Paragraph::new(row_line(
            &w,
            [
                heading("As of"),
                heading("Title"),
                heading("Location"),
                heading("Parties"),
                heading("Red lines"),
                heading("File"),
            ]
            .map(Line::from),
        )),
        headings,
    );
    debug_assert_eq!(body.y, ROWS_TOP);
    draw_rows(frame, body, picker, &w);
    draw_status(frame, status, picker);
    if let Some(scroll) = picker.help {
        draw_help(frame, area, &picker.theme, &picker.keymap, scroll);
    }
}

fn header_line(picker: &Picker, total: usize) -> Line<'static> {
    let styles = &picker.theme.styles;
    let count = match &picker.listing {
        Listing::Reading => "reading the folder…".to_string(),
        Listing::Failed(why) => format!("cannot read the folder: {why}"),
        Listing::Ready if picker.shown.len() == picker.rows.len() => {
            format!("{} briefings, newest first", picker.rows.len())
        }
        Listing::Ready => format!("{} of {} briefings", picker.shown.len(), picker.rows.len()),
    };
    fit(
        Line::from(vec![
            Span::styled(picker.folder.clone(), styles.title),
            Span::styled(format!(" · {count}"), styles.muted),
        ]),
        total,
    )
}

fn draw_filter(frame: &mut Frame, area: Rect, picker: &Picker) {
    let styles = &picker.theme.styles;
    let prompt = picker.keymap.key_for(Mode::Picker, Action::StartSearch);
    let value = picker.filter.value();
    let line = if picker.filtering || !value.is_empty() {
        let room = (area.width as usize).saturating_sub(width(&prompt) + 2);
        let shown = crate::text::sanitize_inline(value);
        Line::from(vec![
            Span::styled(format!("{prompt} "), styles.key),
            Span::styled(truncate(&shown, room).into_owned(), styles.text),
        ])
    } else {
        Line::styled(format!("{prompt} to filter"), styles.muted)
    };
    frame.render_widget(Paragraph::new(fit(line, area.width as usize)), area);
    if picker.filtering {
        let before: String = value.chars().take(picker.filter.visual_cursor()).collect();
        let column = width(&prompt) + 1 + width(&before);
        if column < area.width as usize {
            frame.set_cursor_position((area.x + column as u16, area.y));
        }
    }
}

fn draw_rows(frame: &mut Frame, area: Rect, picker: &Picker, w: &Widths) {
    let styles = &picker.theme.styles;
    let visible = area.height as usize;
    if picker.shown.is_empty() {
        let why = match picker.listing {
            Listing::Reading => "",
            _ if picker.rows.is_empty() => "no briefing in this folder",
            _ => "no briefing matches the filter",
        };
        frame.render_widget(Paragraph::new(Line::styled(why, styles.muted)), area);
        return;
    }
    let first = scroll_offset(picker.shown.len(), picker.selected, visible);
    let lines: Vec<Line<'static>> = picker
        .shown
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(at, shown)| {
            let line = row(&picker.rows[shown.row], &shown.marks, w, &picker.theme);
            if at == picker.selected {
                line.style(styles.selection)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// One briefing's row: its cells, the filter's letters in the highlight style.
fn row(row: &Row, marks: &Marks, w: &Widths, theme: &Theme) -> Line<'static> {
    let styles = &theme.styles;
    let count = |n: usize| Line::styled(n.to_string(), styles.text).right_aligned();
    let cells = match &row.error {
        Some(error) => [
            Line::styled("invalid", styles.warning),
            Line::styled(error.clone(), styles.warning),
            Line::default(),
            Line::default(),
            Line::default(),
            marked(&row.file, &marks.file, styles.muted, styles.highlight),
        ],
        None => [
            Line::styled(row.as_of.clone(), styles.muted),
            marked(&row.title, &marks.title, styles.text, styles.highlight),
            marked(
                &row.location,
                &marks.location,
                styles.text,
                styles.highlight,
            ),
            count(row.parties),
            count(row.red_lines),
            marked(&row.file, &marks.file, styles.muted, styles.highlight),
        ],
    };
    row_line(w, cells)
}

/// Sanitised text with the characters at `marks` in the `mark` style.
fn marked(text: &str, marks: &[usize], style: Style, mark: Style) -> Line<'static> {
    let style_of = |marked: bool| if marked { style.patch(mark) } else { style };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut piece = String::new();
    let mut piece_marked = false;
    for (at, c) in text.chars().enumerate() {
        let is_marked = marks.binary_search(&at).is_ok();
        if is_marked != piece_marked && !piece.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut piece),
                style_of(piece_marked),
            ));
        }
        piece_marked = is_marked;
        piece.push(c);
    }
    if !piece.is_empty() {
        spans.push(Span::styled(piece, style_of(piece_marked)));
    }
    Line::from(spans)
}

/// The cells laid out in their columns (right-aligned cells to the
/// right), each cut to its width with `…`.
fn row_line(w: &Widths, cells: [Line<'static>; 6]) -> Line<'static> {
    let columns = [w.as_of, w.title, w.location, w.parties, w.red_lines, w.file];
    let mut line = Line::default();
    for (cell, column) in cells.into_iter().zip(columns) {
        if column == 0 {
            continue;
        }
        if !line.spans.is_empty() {
            line.push_span(Span::raw(" ".repeat(GAP)));
        }
        let right = cell.alignment == Some(ratatui::layout::HorizontalAlignment::Right);
        let cell = fit(cell, column);
        let pad = Span::raw(" ".repeat(column.saturating_sub(cell.width())));
        if right {
            line.push_span(pad.clone());
        }
        line.spans.extend(cell.spans);
        if !right {
            line.push_span(pad);
        }
    }
    line
}

fn draw_status(frame: &mut Frame, area: Rect, picker: &Picker) {
    let styles = &picker.theme.styles;
    let total = area.width as usize;
    let left = format!(" Briefings │ {} ", picker.folder);
    let mut used = width(&left);
    let mut spans = vec![Span::styled(
        truncate(&left, total).into_owned(),
        styles.status,
    )];
    match &picker.message {
        Some(message) => {
            let room = total.saturating_sub(used + 1);
            let message = crate::text::sanitize_inline(message);
            spans.push(Span::styled(
                format!(" {}", truncate(&message, room)),
                styles.warning,
            ));
        }
        None => {
            // The help's hints are the dashboard's popups', less the copy
            // the picker has nothing for.
            let hints = picker
                .keymap
                .hints(picker.mode(), View::RedLines)
                .into_iter()
                .filter(|hint| hint.named.iter().all(|&(_, a)| a != Action::Copy));
            for hint in hints {
                let piece = width(&hint.keys) + width(hint.what) + 3;
                if used + piece > total {
                    break;
                }
                spans.push(Span::styled(format!(" {}", hint.keys), styles.key));
                spans.push(Span::styled(format!(" {} ", hint.what), styles.muted));
                used += piece;
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(styles.status), area);
}

/// The picker's keys, and those of a briefing opened from it, generated
/// from the keymap.
fn draw_help(frame: &mut Frame, area: Rect, theme: &Theme, keymap: &Keymap, scroll: u16) {
    let styles = &theme.styles;
    let outer = centered(
        area,
        area.width.saturating_sub(4).clamp(area.width.min(20), 80),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, outer);
    let title = format!(
        " Keys · {} to close ",
        keymap.key_for(Mode::Popup, Action::Back)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(styles.focus)
        .title(Line::styled(title, styles.title))
        .style(styles.text);
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let rows = keymap.help_rows();
    let modes = [Mode::Picker, Mode::PickerFilter, Mode::Folder];
    let key_width = rows
        .iter()
        .filter(|row| modes.contains(&row.mode))
        .map(|row| width(&row.keys))
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    for mode in modes {
        lines.push(Line::styled(mode.title(), styles.title));
        for row in rows.iter().filter(|row| row.mode == mode) {
            let pad = key_width.saturating_sub(width(&row.keys));
            let mut keys = Some(Span::styled(
                format!("  {}{}", row.keys, " ".repeat(pad)),
                styles.key,
            ));
            // Words that do not fit wrap under themselves, not under the keys.
            let room = usize::from(inner.width)
                .saturating_sub(2 + key_width)
                .max(1);
            for words in super::text::paragraph(row.help, room, styles.text) {
                let lead = keys
                    .take()
                    .unwrap_or_else(|| Span::raw(" ".repeat(2 + key_width)));
                lines.push(Line::from(
                    std::iter::once(lead).chain(words.spans).collect::<Vec<_>>(),
                ));
            }
        }
        lines.push(Line::default());
    }
    super::scrolled(frame, inner, lines, scroll);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_screens_drop_the_file_then_the_location_then_the_counts() {
        let wide = widths(160, 38, 9, 20);
        assert!(wide.file > 0 && wide.location > 0 && wide.parties > 0);
        assert!(wide.title >= 38, "{wide:?}");
        // The title's 38 columns come before the location's.
        let at_80 = widths(80, 38, 9, 20);
        assert_eq!((at_80.file, at_80.location), (0, 0), "{at_80:?}");
        assert!(at_80.parties > 0 && at_80.title >= 38, "{at_80:?}");
        let short_titles = widths(80, 20, 9, 20);
        assert!(short_titles.location > 0, "{short_titles:?}");
        let at_50 = widths(50, 38, 9, 20);
        assert_eq!((at_50.parties, at_50.red_lines), (0, 0), "{at_50:?}");
        assert_eq!(at_50.as_of + GAP + at_50.title, 50, "{at_50:?}");
    }
}
