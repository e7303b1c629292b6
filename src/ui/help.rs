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

/// Below this many columns for the words, the help leaves out the config
/// names of the actions.
const MIN_HELP_WIDTH: usize = 24;

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
    let key_width = column(|row| &row.keys);
    // The config names go first when the words would have too little room.
    let name_width = Some(column(|row| &row.names))
        .filter(|names| usize::from(inner.width) >= 2 + key_width + names + MIN_HELP_WIDTH)
        .unwrap_or(0);
    let help_width = usize::from(inner.width)
        .saturating_sub(2 + key_width + name_width)
        .max(1);
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
    let shown = |mode: &Mode| match mode {
        Mode::Normal | Mode::Search | Mode::Popup => true,
        Mode::Folder => app.from_folder,
        Mode::Picker | Mode::PickerFilter => false,
    };
    for mode in Mode::iter().filter(shown) {
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
            let names = if name_width == 0 { "" } else { &row.names };
            let mut lead = vec![
                Span::styled(format!("  {}", pad(&row.keys, key_width)), theme.styles.key),
                Span::styled(pad(names, name_width), theme.styles.muted),
            ];
            // Words that do not fit wrap under themselves, not under the keys.
            for words in super::text::paragraph(row.help, help_width, theme.styles.text) {
                let mut spans = std::mem::take(&mut lead);
                if spans.is_empty() {
                    spans.push(Span::raw(" ".repeat(2 + key_width + name_width)));
                }
                spans.extend(words.spans);
                lines.push(Line::from(spans));
            }
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
