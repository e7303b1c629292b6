//! The opening view: one column per party at the table, red lines first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::{self, Entry, Place};
use super::{evidence, framed, text};
use crate::action::Action;
use crate::app::App;
use crate::briefing::{Party, Role};
use crate::diff::Mark;
use crate::theme::Theme;
use crate::view::Mode;
use crate::view::View;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let columns = app.columns();
    let visible = app.visible_columns();
    let others: Vec<&Party> = app
        .briefing
        .parties
        .iter()
        .enumerate()
        .filter(|(i, _)| !columns.contains(i))
        .map(|(_, p)| p)
        .collect();
    let hidden = columns.len() > visible;

    let mut top_text: Vec<Line> = Vec::new();
    let mut line = Line::default();
    for (i, party) in others.iter().enumerate() {
        if i > 0 {
            line.push_span(Span::styled(" · ", app.theme.styles.muted));
        }
        let role = match party.role {
            Role::Host => "Host",
            Role::Observer => "Observer",
            Role::Mediator => "Mediator",
            Role::Party => "Party",
        };
        line.push_span(Span::styled(format!("{role}: "), app.theme.styles.muted));
        line.push_span(text::raw(&party.name, app.theme.party_style(party)));
    }
    // The markers' legend, for the first look: beside the other parties
    // when it fits, else on a line of its own.
    let legend = Line::from(evidence::legend(&app.theme));
    if others.is_empty() {
        top_text.push(legend);
    } else if line.width() + 3 + legend.width() <= area.width as usize {
        line.push_span(Span::styled("   ", app.theme.styles.muted));
        line.spans.extend(legend.spans);
        top_text.push(line);
    } else {
        top_text.push(line);
        top_text.push(legend);
    }
    if hidden {
        let first = app.first_column + 1;
        let last = app.first_column + visible;
        let shown = if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        };
        top_text.push(Line::from(vec![
            Span::styled(
                format!("◀ {shown}/{} ▶", columns.len()),
                app.theme.styles.title,
            ),
            Span::styled(
                format!(
                    "  {}/{} to scroll",
                    app.keymap.key_for(Mode::Normal, Action::Left),
                    app.keymap.key_for(Mode::Normal, Action::Right)
                ),
                app.theme.styles.muted,
            ),
        ]));
    }
    let [top, body] = Layout::vertical([
        Constraint::Length(top_text.len() as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top_text), top);

    let shown: Vec<usize> = columns
        .iter()
        .copied()
        .skip(app.first_column)
        .take(visible)
        .collect();
    let areas = Layout::horizontal(vec![
        Constraint::Ratio(1, shown.len().max(1) as u32);
        shown.len()
    ])
    .split(body);
    for (slot, (&party, &column_area)) in shown.iter().zip(areas.iter()).enumerate() {
        let column = app.first_column + slot;
        draw_column(frame, column_area, app, party, column);
    }
}

fn draw_column(frame: &mut Frame, area: Rect, app: &App, party_index: usize, column: usize) {
    let party = &app.briefing.parties[party_index];
    let theme = &app.theme;
    let focused = column == app.column;
    let title = Line::from(vec![
        Span::raw(" "),
        text::raw(&party.name, theme.party_style(party)),
        Span::raw(" "),
    ]);
    let inner = framed(frame, area, title, focused, app);
    let width = inner.width as usize;

    let lead = party
        .lead()
        .map_or("no lead named".to_string(), |d| format!("Lead: {}", d.name));
    let size = match party.delegation.len() {
        1 => "1 delegate".to_string(),
        n => format!("{n} delegates"),
    };
    let mut header = text::paragraph(&lead, width, theme.styles.text);
    header.push(Line::from(Span::styled(size, theme.styles.muted)));
    header.extend(gone_line(app, party, width));
    let header_height = (header.len() as u16 + 1).min(inner.height);
    let [header_area, list_area] =
        Layout::vertical([Constraint::Length(header_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(header), header_area);

    let positions = app.red_lines_first(party_index);
    let entry = |i: usize| position_entry(app, party_index, positions[i], width);
    let selected = focused.then(|| app.selected_index(View::RedLines));
    let place = Place {
        view: View::RedLines,
        column: Some(column),
        gap: 1,
    };
    list::render(
        frame,
        list_area,
        app,
        place,
        positions.len(),
        entry,
        selected,
    );
}

/// A position: its basis marker (`≠` too when contested), the text, and
/// its sticking point; with `--since`, how it moved (`new`, `changed`, or
/// `lifted` and struck through, where it stood).
pub fn position_entry(app: &App, party: usize, index: usize, width: usize) -> Entry {
    let theme = &app.theme;
    let position = &app.briefing.parties[party].positions[index];
    let mark = (app.comparison.as_ref()).and_then(|c| c.since.mark(party, index));
    let mut lines = evidence::position_lines(position, width, theme);
    if let Some(Mark::Lifted) = mark {
        for span in lines.iter_mut().flat_map(|line| line.spans.iter_mut()) {
            span.style = span.style.patch(lifted_style(theme));
        }
    }
    let mut last = vec![Span::raw("  ")];
    if let Some(mark) = mark {
        let (label, style) = mark_label(mark, theme);
        last.push(Span::styled(label, style));
        last.push(Span::raw(" "));
    }
    if let Some(topic) = &position.topic {
        let title = app
            .briefing
            .sticking_point(topic)
            .map_or(topic.as_str(), |s| s.title.as_str());
        let used = last.iter().map(Span::width).sum::<usize>();
        last.push(text::span(
            &format!("[{title}]"),
            width.saturating_sub(used),
            theme.styles.muted,
        ));
    }
    if last.len() > 1 {
        lines.push(Line::from(last));
    }
    Entry::new(lines)
}

/// With `--since`: how many of the party's red lines went with their
/// position, and the key of the view that lists them.
fn gone_line(app: &App, party: &Party, width: usize) -> Option<Line<'static>> {
    let comparison = app.comparison.as_ref()?;
    let gone = comparison.since.red_lines_gone(&party.id);
    if gone == 0 {
        return None;
    }
    let what = format!(
        "- {gone} red line{} gone ({}: Diff)",
        if gone == 1 { "" } else { "s" },
        app.keymap.key_for(Mode::Normal, Action::Show(View::Diff))
    );
    Some(Line::from(text::span(&what, width, app.theme.styles.muted)))
}

/// How a red line lifted since the round compared with is drawn, where it
/// stood: dimmed and struck through.
pub fn lifted_style(theme: &Theme) -> Style {
    theme
        .styles
        .muted
        .add_modifier(Modifier::CROSSED_OUT | Modifier::DIM)
}

/// The word a moved red line reads, and its style.
pub fn mark_label(mark: &Mark, theme: &Theme) -> (&'static str, Style) {
    match mark {
        Mark::New => ("new", theme.styles.red_line.add_modifier(Modifier::BOLD)),
        Mark::Changed { .. } => ("changed", theme.styles.warning.add_modifier(Modifier::BOLD)),
        Mark::Lifted => ("lifted", theme.styles.muted.add_modifier(Modifier::BOLD)),
    }
}
