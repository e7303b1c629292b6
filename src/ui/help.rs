//! The help overlay: every key, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{popup, scrolled};
use crate::app::App;
use strum::IntoEnumIterator;

use crate::action::Action;
use crate::keymap::HelpRow;

use crate::view::Mode;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let title = Line::from(Span::styled(
        format!(
            " Keys · {} to close ",
            app.keymap.key_for(Mode::Popup, Action::Back)
        ),
        theme.styles.title,
    ));
    let inner = popup(frame, area, title, app);
    let rows = app.keymap.help_rows();
    let column = |text: fn(&HelpRow) -> &str| {
        rows.iter()
            .map(|row| crate::text::width(text(row)))
            .max()
            .unwrap_or(0)
            + 2
    };
    let (key_width, name_width) = (column(|row| &row.keys), column(|row| &row.names));
    let mut lines = Vec::new();
    let meta = &app.briefing.meta;
    lines.push(Line::from(super::text::span(
        &meta.title,
        inner.width as usize,
        theme.styles.title,
    )));
    if let Some(summary) = &meta.summary {
        lines.extend(super::text::paragraph(
            summary,
            inner.width as usize,
            theme.styles.text,
        ));
    }
    lines.push(Line::default());
    for mode in Mode::iter() {
        lines.push(Line::from(vec![
            Span::styled(mode.title(), theme.styles.title),
            Span::styled(
                format!(" · [{}] in the config file", mode.config_table()),
                theme.styles.muted,
            ),
        ]));
        for row in rows.iter().filter(|row| row.mode == mode) {
            let pad = |text: &str, width: usize| {
                format!(
                    "{text}{}",
                    " ".repeat(width.saturating_sub(crate::text::width(text)))
                )
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&row.keys, key_width)), theme.styles.key),
                Span::styled(pad(&row.names, name_width), theme.styles.muted),
                Span::styled(row.help, theme.styles.text),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        "Markers (red lines first, then other positions)",
        theme.styles.title,
    ));
    let markers = super::evidence::help_rows(&app.keymap);
    let marker_width = markers
        .iter()
        .map(|(glyph, _)| crate::text::width(glyph))
        .max()
        .unwrap_or(0)
        + 2;
    for (glyph, meaning) in markers {
        lines.push(Line::from(vec![
            Span::styled(format!("  {glyph:<marker_width$}"), theme.styles.red_line),
            Span::styled(meaning, theme.styles.text),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Mouse: click selects, the wheel scrolls.",
        theme.styles.muted,
    ));
    scrolled(frame, inner, lines, app.popup_scroll);
}
