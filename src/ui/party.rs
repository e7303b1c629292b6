//! One party: summary, delegation, positions by sticking point, its quotes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::{self, Entry, Place};
use super::redlines::position_entry;
use super::{evidence, framed, heading, quotes, text};
use crate::app::{App, Item};
use crate::text::{sanitize_inline, truncate, width as text_width};
use crate::view::View;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Some(party) = app.briefing.parties.get(app.party) else {
        frame.render_widget(Paragraph::new("This briefing has no parties."), area);
        return;
    };
    let theme = &app.theme;
    let title = Line::from(vec![
        Span::raw(" "),
        text::raw(&party.name, theme.party_style(party)),
        Span::styled(
            format!(
                " · {} · {}/{} ",
                party.role.as_str(),
                app.party + 1,
                app.briefing.parties.len()
            ),
            theme.styles.muted,
        ),
    ]);
    let inner = framed(frame, area, title, true, app);
    let width = inner.width as usize;

    let summary = party
        .summary
        .as_deref()
        .map(|s| text::paragraph(s, width, theme.styles.text))
        .unwrap_or_default();
    let summary_height = (summary.len() as u16).min(inner.height / 3);
    let [summary_area, list_area] = Layout::vertical([
        Constraint::Length(summary_height + u16::from(summary_height > 0)),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(summary), summary_area);

    let count = app.item_count(View::Party);
    let item = |i: usize| app.item_at(View::Party, i);
    let group = |item: &Item| match *item {
        Item::Delegate { .. } => "Delegation".to_string(),
        Item::Position { party, index } => {
            format!("Positions · {}", party_topic(app, party, index))
        }
        _ => "Quotes".to_string(),
    };
    let entry = |i: usize| {
        let entry = match item(i) {
            Some(Item::Delegate { index, .. }) => delegate_entry(app, index, width),
            Some(Item::Position { party, index }) => position_entry(app, party, index, width),
            Some(Item::Quote(q)) => quotes::quote_entry(app, q, &[], width, 3),
            _ => Entry::new(Vec::new()),
        };
        // A heading where a group starts.
        let this = item(i).map(|it| group(&it)).unwrap_or_default();
        if i > 0 && item(i - 1).map(|it| group(&it)).as_ref() == Some(&this) {
            return entry;
        }
        let mut lead_in = if i > 0 {
            vec![Line::default()]
        } else {
            Vec::new()
        };
        lead_in.push(heading(&this, theme.styles.title));
        if this == "Delegation" {
            lead_in.extend(departed_line(app, width));
            lead_in.push(delegation_header(width, app));
        }
        entry.with_lead_in(lead_in)
    };
    let selected = Some(app.selected_index(View::Party));
    list::render(
        frame,
        list_area,
        app,
        Place::new(View::Party),
        count,
        entry,
        selected,
    );
}

fn party_topic(app: &App, party: usize, index: usize) -> String {
    let position = &app.briefing.parties[party].positions[index];
    match position.topic.as_deref() {
        Some(id) => app
            .briefing
            .sticking_point(id)
            .map_or(id, |s| s.title.as_str())
            .to_string(),
        None => "no sticking point".to_string(),
    }
}

/// Column widths of the delegation table: name, title, lead, sources.
fn delegation_widths(width: usize) -> [usize; 4] {
    let lead = 6;
    let sources = (width / 5).clamp(8, 24);
    // Each cell is followed by one space.
    let rest = width.saturating_sub(lead + sources + 4);
    let name = (rest * 2 / 5).max(4);
    [name, rest.saturating_sub(name), lead, sources]
}

fn cell(text: &str, width: usize) -> String {
    let text = truncate(&sanitize_inline(text), width).into_owned();
    let pad = width.saturating_sub(text_width(&text));
    format!("{text}{} ", " ".repeat(pad))
}

fn delegation_header(width: usize, app: &App) -> Line<'static> {
    let [n, t, l, s] = delegation_widths(width);
    Line::styled(
        format!(
            "{}{}{}{}",
            cell("Name", n),
            cell("Title", t),
            cell("Lead", l),
            cell("Sources", s)
        ),
        app.theme.styles.muted,
    )
}

/// The names of the shown party's delegates who left since the round
/// compared with, as a line over the delegation.
fn departed_line(app: &App, width: usize) -> Vec<Line<'static>> {
    let (Some(comparison), Some(party)) = (&app.comparison, app.briefing.parties.get(app.party))
    else {
        return Vec::new();
    };
    let departed = comparison.since.departed(&party.id);
    if departed.is_empty() {
        return Vec::new();
    }
    let label = format!("{DEPARTED} left since {}: ", comparison.label);
    let mut line = Line::from(text::span(&label, width, app.theme.styles.red_line));
    let room = width.saturating_sub(line.width());
    line.push_span(text::span(
        &departed.join(", "),
        room,
        app.theme.styles.text,
    ));
    vec![line]
}

/// Marks a delegate who joined since the round compared with.
const JOINED: &str = "+";
/// Marks the delegates who left.
const DEPARTED: &str = "-";

fn delegate_entry(app: &App, index: usize, width: usize) -> Entry {
    let party = &app.briefing.parties[app.party];
    let member = &party.delegation[index];
    let [n, t, l, s] = delegation_widths(width);
    let joined = (app.comparison.as_ref()).is_some_and(|c| c.since.joined(app.party, index));
    let mut name = Vec::new();
    if joined {
        name.push(Span::styled(
            format!("{JOINED} "),
            app.theme.styles.title.add_modifier(Modifier::BOLD),
        ));
    }
    name.extend(evidence::contested(&member.discrepancies, &app.theme));
    let room = n.saturating_sub(name.iter().map(Span::width).sum());
    let label = if joined {
        format!("{} (new)", member.name)
    } else {
        member.name.clone()
    };
    name.push(Span::styled(cell(&label, room), app.theme.styles.text));
    let line = Line::from_iter(name.into_iter().chain([
        Span::styled(
            cell(member.title.as_deref().unwrap_or("—"), t),
            app.theme.styles.text,
        ),
        Span::styled(
            cell(if member.lead { "★ lead" } else { "" }, l),
            app.theme.styles.title,
        ),
        Span::styled(cell(&member.sources.join(", "), s), app.theme.styles.muted),
    ]));
    Entry::new(vec![line])
}
