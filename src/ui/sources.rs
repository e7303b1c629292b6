//! Sources (outlet, headline, date, framing, how much cites them), then the
//! discrepancies between them, accounts side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::list::{self, Entry, Place};
use super::{framed, heading, scrolled, side_by_side, text};
use crate::action::Action;
use crate::app::{App, Item};
use crate::view::{Mode, View};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let inner = framed(
        frame,
        list_area,
        Line::from(" Sources and discrepancies "),
        true,
        app,
    );
    let width = inner.width as usize;
    let theme = &app.theme;
    let b = &app.briefing;

    let count = app.item_count(View::Sources);
    let entry = |i: usize| match app.item_at(View::Sources, i) {
        Some(Item::Source(s)) => {
            let source = &b.sources[s];
            let cited = app.derived.citations[s];
            let date = source
                .published
                .map_or("no date".to_string(), |d| d.short());
            let mut lines = vec![Line::from(vec![
                text::span(&source.outlet, width / 2, theme.styles.title),
                Span::styled(format!(" · {date} · cited by {cited}"), theme.styles.muted),
                Span::styled(
                    format!(" · [{}]", crate::text::sanitize_inline(&source.id)),
                    theme.styles.muted,
                ),
            ])];
            if let Some(title) = &source.title {
                lines.push(Line::from(text::span(title, width, theme.styles.text)));
            }
            let lead_in = if i == 0 {
                vec![heading("Sources", theme.styles.title)]
            } else {
                Vec::new()
            };
            Entry::new(lines).with_lead_in(lead_in)
        }
        Some(Item::Discrepancy(d)) => {
            let discrepancy = &b.discrepancies[d];
            let accounts = discrepancy.accounts.len();
            let lines = vec![Line::from(vec![
                Span::styled("≠ ", theme.styles.red_line),
                text::span(
                    &discrepancy.subject,
                    width.saturating_sub(16),
                    theme.styles.text,
                ),
                Span::styled(format!(" · {accounts} accounts"), theme.styles.muted),
            ])];
            let lead_in = if d == 0 {
                vec![
                    Line::default(),
                    heading("Discrepancies", theme.styles.title),
                ]
            } else {
                Vec::new()
            };
            Entry::new(lines).with_lead_in(lead_in)
        }
        _ => Entry::new(Vec::new()),
    };
    let selected = (count > 0).then(|| app.selected_index(View::Sources));
    list::render(
        frame,
        inner,
        app,
        Place::new(View::Sources),
        count,
        entry,
        selected,
    );

    let inner = framed(frame, detail_area, Line::from(" Selected "), false, app);
    let width = inner.width as usize;
    let lines = match app.selected_item() {
        Some(Item::Source(s)) => source_lines(app, s, width),
        Some(Item::Discrepancy(d)) => discrepancy_lines(app, d, width),
        _ => Vec::new(),
    };
    scrolled(frame, inner, lines, 0);
}

/// A source in full.
pub fn source_lines(app: &App, s: usize, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let source = &app.briefing.sources[s];
    let mut lines = vec![Line::from(vec![
        text::raw(&source.outlet, theme.styles.title),
        Span::styled(
            format!(" · cited by {} claims", app.derived.citations[s]),
            theme.styles.muted,
        ),
    ])];
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value {
            lines.extend(text::paragraph(
                &format!("{label}: {value}"),
                width,
                theme.styles.text,
            ));
        }
    };
    field("Headline", source.title.clone());
    field("Published", source.published.map(|d| d.human()));
    field("URL", source.url.clone());
    field("Framing", source.framing.clone());
    field(
        "Full text",
        source.text_file.as_ref().map(|file| {
            format!(
                "{file} ({} reads it)",
                app.keymap.key_for(Mode::Normal, Action::Open)
            )
        }),
    );
    lines
}

/// A discrepancy: the subject, the note, then each account in its own column.
pub fn discrepancy_lines(app: &App, d: usize, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let b = &app.briefing;
    let discrepancy = &b.discrepancies[d];
    let mut lines = vec![Line::from(text::raw(
        &discrepancy.subject,
        theme.styles.title,
    ))];
    if let Some(note) = &discrepancy.note {
        lines.extend(text::paragraph(note, width, theme.styles.muted));
    }
    lines.push(Line::default());
    let n = discrepancy.accounts.len().max(1);
    let column = (width.saturating_sub(n) / n).max(1);
    let cells: Vec<Vec<Line<'static>>> = discrepancy
        .accounts
        .iter()
        .map(|account| {
            let outlet = b
                .source(&account.source)
                .map_or(account.source.as_str(), |s| s.outlet.as_str());
            let mut cell = vec![Line::from(text::span(
                &format!("{} · {outlet}", account.source),
                column,
                theme.styles.title,
            ))];
            cell.extend(text::paragraph(&account.says, column, theme.styles.text));
            cell
        })
        .collect();
    lines.extend(side_by_side(cells, &vec![column; n], usize::MAX));
    lines
}
