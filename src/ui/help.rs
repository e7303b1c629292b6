//! The help overlay: every key, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{popup, scrolled};
use crate::app::App;
use crate::keymap::{Mode, help_rows};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let title = Line::from(Span::styled(" Keys · Esc to close ", theme.title));
    let inner = popup(frame, area, title, app);
    let rows = help_rows();
    let key_width = rows
        .iter()
        .map(|(_, label, _)| crate::text::width(label))
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    let meta = &app.briefing.meta;
    lines.push(Line::from(super::text::span(
        &meta.title,
        inner.width as usize,
        theme.title,
    )));
    if let Some(summary) = &meta.summary {
        lines.extend(super::text::paragraph(
            summary,
            inner.width as usize,
            theme.text,
        ));
    }
    lines.push(Line::default());
    for mode in [Mode::Normal, Mode::Search, Mode::Popup] {
        lines.push(Line::styled(mode.title(), theme.title));
        for (_, label, help) in rows.iter().filter(|(m, _, _)| *m == mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {label:<key_width$}"), theme.key),
                Span::styled(*help, theme.text),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        "Markers (red lines first, then other positions)",
        theme.title,
    ));
    let markers = super::evidence::help_rows();
    let marker_width = markers
        .iter()
        .map(|(glyph, _)| crate::text::width(glyph))
        .max()
        .unwrap_or(0)
        + 2;
    for (glyph, meaning) in markers {
        lines.push(Line::from(vec![
            Span::styled(format!("  {glyph:<marker_width$}"), theme.red_line),
            Span::styled(meaning, theme.text),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Mouse: click selects, the wheel scrolls.",
        theme.muted,
    ));
    scrolled(frame, inner, lines, app.popup_scroll);
}
