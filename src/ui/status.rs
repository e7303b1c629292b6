//! The status bar: the view, the briefing file, and the most useful keys
//! (named by the keymap).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Mode};
use crate::text::{sanitize_inline, truncate, width};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let mut hints = app.keymap.hints(app.mode(), app.view);
    if app.from_folder && app.mode() == Mode::Normal {
        // Opened from a folder's picker: the way back comes right after `?`.
        let at = hints.len().min(1);
        hints.splice(at..at, app.keymap.hints(Mode::Folder, app.view));
    }
    let left = format!(
        " {} │ {} ",
        app.view.title(),
        sanitize_inline(&app.file_name)
    );
    let mut spans = vec![Span::styled(
        truncate(&left, area.width as usize).into_owned(),
        theme.styles.status,
    )];
    let mut used = width(&left);
    match &app.message {
        Some(message) => {
            let room = (area.width as usize).saturating_sub(used + 1);
            spans.push(Span::styled(
                format!(" {}", truncate(&sanitize_inline(message), room)),
                theme.styles.warning,
            ));
        }
        None => {
            for hint in hints {
                let piece = width(&hint.keys) + width(hint.what) + 3;
                if used + piece > area.width as usize {
                    break;
                }
                spans.push(Span::styled(format!(" {}", hint.keys), theme.styles.key));
                spans.push(Span::styled(format!(" {} ", hint.what), theme.styles.muted));
                used += piece;
            }
        }
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.styles.status),
        area,
    );
}
