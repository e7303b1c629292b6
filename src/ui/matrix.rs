//! Sticking points: one row each, one column per party at the table, each
//! cell that party's stance (its positions on that topic); below, the
//! selected row in full with the quotes on it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::list::{self, Entry, Place};
use super::{evidence, framed, heading, scrolled, side_by_side, text};
use crate::action::Action;
use crate::app::App;
use crate::briefing::Status;
use crate::view::{Mode, View};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let inner = framed(
        frame,
        table_area,
        Line::from(" Sticking points "),
        true,
        app,
    );
    let columns = app.columns();
    let widths = column_widths(inner.width as usize, columns.len());
    let theme = &app.theme;

    let mut header_cells = vec![
        vec![Line::styled("Sticking point", theme.styles.muted)],
        vec![Line::styled("Status", theme.styles.muted)],
    ];
    for &party in columns {
        let p = &app.briefing.parties[party];
        header_cells.push(vec![Line::from(text::span(
            &p.name,
            widths[header_cells.len()],
            app.theme.party_style(p),
        ))]);
    }
    let [header_area, rows_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(side_by_side(header_cells, &widths, 1)),
        header_area,
    );

    let max_rows = if inner.height >= 20 { 4 } else { 2 };
    let points = &app.briefing.sticking_points;
    let since = app.comparison.as_ref().map(|c| &c.since);
    let entry = |i: usize| {
        let point = &points[i];
        let mut status = vec![Line::styled(
            point.status.as_str(),
            status_style(app, point.status),
        )];
        if since.is_some_and(|s| s.status_moved(&point.id)) {
            status.push(moved(app));
        }
        let mut cells = vec![
            text::paragraph(&point.title, widths[0], theme.styles.text),
            status,
        ];
        for (c, &party) in columns.iter().enumerate() {
            let mut cell = stance_cell(app, i, party, widths[c + 2]);
            let id = &app.briefing.parties[party].id;
            if since.is_some_and(|s| s.cell_moved(id, &point.id)) {
                // First, so that a cell cut to the row's height still shows it.
                cell.insert(0, moved(app));
            }
            cells.push(cell);
        }
        Entry::new(side_by_side(cells, &widths, max_rows))
    };
    let selected = (!points.is_empty()).then(|| app.selected_index(View::StickingPoints));
    let place = Place::new(View::StickingPoints).gap(1);
    list::render(frame, rows_area, app, place, points.len(), entry, selected);

    let inner = framed(frame, detail_area, Line::from(" Selected "), false, app);
    if let Some(s) = selected {
        // Every quote is at least one line: no more can show than there are rows.
        let lines = sticking_point_lines(app, s, inner.width as usize, inner.height as usize);
        scrolled(frame, inner, lines, 0);
    }
}

/// What marks a cell or a status that moved since the round compared with.
pub const MOVED: &str = "~ moved";

fn moved(app: &App) -> Line<'static> {
    Line::styled(MOVED, app.theme.styles.warning.add_modifier(Modifier::BOLD))
}

/// Topic, status, then each party's share of what is left.
fn column_widths(width: usize, parties: usize) -> Vec<usize> {
    let spacing = parties + 2;
    let topic = (width / 5).clamp(12, 28);
    let status = 9;
    let rest = width.saturating_sub(topic + status + spacing);
    let each = (rest / parties.max(1)).max(1);
    let mut widths = vec![topic, status];
    widths.extend(std::iter::repeat_n(each, parties));
    widths
}

fn status_style(app: &App, status: Status) -> ratatui::style::Style {
    match status {
        Status::Open => app.theme.styles.red_line,
        Status::Agreed => app.theme.styles.title,
        Status::Narrowing | Status::Parked => app.theme.styles.muted,
    }
}

/// A party's stance on sticking point `s`: its positions on it, red lines marked.
fn stance_cell(app: &App, s: usize, party: usize, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let positions = &app.derived.stances[s][party];
    if positions.is_empty() {
        return vec![Line::styled("—", theme.styles.muted)];
    }
    let mut lines = Vec::new();
    for &index in positions {
        let position = &app.briefing.parties[party].positions[index];
        let wrapped = evidence::position_lines(position, width, theme);
        lines.extend(wrapped);
    }
    lines
}

/// A sticking point in full: summary, every party's stance, and the first
/// `quote_limit` quotes on it (a note says how many more there are and how
/// to find them: a topic of a large archive has thousands).
pub fn sticking_point_lines(
    app: &App,
    s: usize,
    width: usize,
    quote_limit: usize,
) -> Vec<Line<'static>> {
    let b = &app.briefing;
    let theme = &app.theme;
    let point = &b.sticking_points[s];
    let mut lines = vec![Line::from(vec![
        text::raw(&point.title, theme.styles.title),
        Span::styled(
            format!(" · {}", point.status.as_str()),
            status_style(app, point.status),
        ),
    ])];
    if let Some(summary) = &point.summary {
        lines.extend(text::paragraph(summary, width, theme.styles.text));
    }
    for (party, p) in b.parties.iter().enumerate() {
        if app.derived.stances[s][party].is_empty() {
            continue;
        }
        lines.push(Line::default());
        lines.push(Line::from(text::raw(&p.name, theme.party_style(p))));
        lines.extend(stance_cell(app, s, party, width));
    }
    let quotes = &app.derived.topic_quotes[s];
    if !quotes.is_empty() {
        lines.push(Line::default());
        lines.push(heading(
            &format!("Quotes ({})", quotes.len()),
            theme.styles.title,
        ));
        for &q in quotes.iter().take(quote_limit) {
            let quote = &b.quotes[q];
            let marks = [
                evidence::contested(&quote.discrepancies, theme),
                evidence::headline(quote, theme),
            ]
            .into_iter()
            .flatten()
            .map(|span| span.content.into_owned())
            .collect::<String>();
            let mut wrapped = text::paragraph(
                &format!("{}“{}” — {}", marks, quote.text, quote.speaker),
                width.saturating_sub(2).max(1),
                theme.styles.text,
            );
            for (i, line) in wrapped.iter_mut().enumerate() {
                line.spans.insert(
                    0,
                    Span::styled(if i == 0 { "• " } else { "  " }, theme.styles.muted),
                );
            }
            lines.extend(wrapped);
        }
        if quotes.len() > quote_limit {
            lines.extend(text::paragraph(
                &format!(
                    "… and {} more: {} and #{} to find them all",
                    quotes.len() - quote_limit,
                    app.keymap.key_for(Mode::Normal, Action::StartSearch),
                    point.id
                ),
                width,
                theme.styles.muted,
            ));
        }
    }
    lines
}
