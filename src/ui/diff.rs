//! The Diff view: every change since the round compared with (`--since`),
//! grouped as `parley diff` prints them, each with its `+` / `-` / `~`
//! marker; Enter opens both versions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::{self, Entry, Place};
use super::{framed, text};
use crate::app::App;
use crate::diff::{Change, ChangeKind, describe};
use crate::theme::Theme;
use crate::view::View;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let Some(comparison) = &app.comparison else {
        let inner = framed(frame, area, Line::from(" Diff "), true, app);
        let width = inner.width as usize;
        let mut lines = text::paragraph(
            "Nothing to compare: this briefing was opened without --since. \
             To see what moved since an earlier round, open it as",
            width,
            theme.styles.text,
        );
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::raw("    "),
            text::span(
                "parley NEW --since OLD",
                width.saturating_sub(4),
                theme.styles.title,
            ),
        ]));
        lines.push(Line::default());
        lines.extend(text::paragraph(
            "where OLD is the earlier briefing: a file, or REV:PATH at a git \
             revision (HEAD~1:briefings/talks.toml). The red lines, party and \
             sticking-point views then mark what moved, and this view lists it.",
            width,
            theme.styles.text,
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let since = &comparison.since;
    let old = format!("{} (as of {})", comparison.label, comparison.old.meta.as_of);
    let count = since.rows.len();
    let title = Line::from(vec![
        Span::raw(" "),
        text::span(
            &format!(
                "Since {old} · {count} change{}",
                if count == 1 { "" } else { "s" }
            ),
            area.width.saturating_sub(4) as usize,
            theme.styles.title,
        ),
        Span::raw(" "),
    ]);
    let inner = framed(frame, area, title, true, app);
    let width = inner.width as usize;
    if since.rows.is_empty() {
        let message = format!("Nothing moved since {old}.");
        frame.render_widget(
            Paragraph::new(text::paragraph(&message, width, theme.styles.text)),
            inner,
        );
        return;
    }
    let entry = |i: usize| {
        let row = &since.rows[i];
        let mut lead_in = Vec::new();
        if let Some(heading) = &row.heading {
            if i > 0 {
                lead_in.push(Line::default());
            }
            lead_in.push(Line::from(text::span(heading, width, theme.styles.title)));
        }
        if let Some(topic) = &row.topic {
            lead_in.push(Line::from(vec![
                Span::raw("  "),
                text::span(
                    &format!("[{topic}]"),
                    width.saturating_sub(2),
                    theme.styles.muted,
                ),
            ]));
        }
        // Under a sticking point, one step further in, as `parley diff` prints.
        let change = &since.changes[row.change];
        let indent = if row.in_topic { 4 } else { 2 };
        let mut lines = change_line(change, width.saturating_sub(indent), theme);
        for line in &mut lines {
            line.spans.insert(0, Span::raw(" ".repeat(indent)));
        }
        Entry::new(lines).with_lead_in(lead_in)
    };
    let selected = Some(app.selected_index(View::Diff));
    list::render(
        frame,
        inner,
        app,
        Place::new(View::Diff),
        count,
        entry,
        selected,
    );
}

/// The style a change's marker is drawn in: added, removed (a red line
/// lifted) and changed each their own.
pub fn marker_style(change: ChangeKind, theme: &Theme) -> Style {
    match change {
        ChangeKind::Added => theme.styles.title,
        ChangeKind::Removed => theme.styles.red_line,
        ChangeKind::Changed | ChangeKind::Status | ChangeKind::Basis => theme.styles.warning,
    }
}

/// A change as `parley diff` writes it: its marker, then what moved in
/// words, wrapped to `width` under the words.
pub fn change_line(change: &Change, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = text::paragraph(
        &describe(change),
        width.saturating_sub(2).max(1),
        theme.styles.text,
    );
    for (i, line) in lines.iter_mut().enumerate() {
        let lead = if i == 0 {
            Span::styled(
                change.change.marker().to_string(),
                marker_style(change.change, theme),
            )
        } else {
            Span::raw(" ")
        };
        line.spans.splice(0..0, [lead, Span::raw(" ")]);
    }
    lines
}
