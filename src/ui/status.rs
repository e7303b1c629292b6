//! The status bar: the view, the briefing file, and the most useful keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::text::{sanitize_inline, truncate, width};
use crate::view::Mode;
use crate::view::View;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let hints: &[(&str, &str)] = match app.mode() {
        Mode::Search => &[
            ("Esc", "back"),
            ("Enter", "open"),
            ("↑↓", "history"),
            ("^J/^K", "move"),
        ],
        Mode::Popup => &[("Esc", "close"), ("↑↓", "scroll"), ("y", "copy")],
        Mode::Normal => match app.view {
            View::RedLines => &[
                ("?", "keys"),
                ("h/l", "columns"),
                ("Enter", "sources"),
                ("1-9", "party"),
                ("/", "search"),
                ("Tab", "views"),
                ("q", "quit"),
            ],
            _ => &[
                ("?", "keys"),
                ("Enter", "sources"),
                ("/", "search"),
                ("Tab", "views"),
                ("Esc", "back"),
                ("q", "quit"),
            ],
        },
    };
    let left = format!(
        " {} │ {} ",
        app.view.title(),
        sanitize_inline(&app.file_name)
    );
    let mut spans = vec![Span::styled(
        truncate(&left, area.width as usize).into_owned(),
        theme.status,
    )];
    let mut used = width(&left);
    match &app.message {
        Some(message) => {
            let room = (area.width as usize).saturating_sub(used + 1);
            spans.push(Span::styled(
                format!(" {}", truncate(&sanitize_inline(message), room)),
                theme.warning,
            ));
        }
        None => {
            for (key, what) in hints {
                let piece = width(key) + width(what) + 3;
                if used + piece > area.width as usize {
                    break;
                }
                spans.push(Span::styled(format!(" {key}"), theme.key));
                spans.push(Span::styled(format!(" {what} "), theme.muted));
                used += piece;
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}
