//! Events by date, with the gap between them and the talks' own dates marked.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::list::{self, Entry, Place};
use super::{framed, scrolled, text};
use crate::action::Action;
use crate::app::{App, Item};
use crate::keymap::key_for;
use crate::view::Mode;
use crate::view::View;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(area);
    let inner = framed(frame, list_area, Line::from(" Timeline "), true, app);
    let width = inner.width as usize;
    let theme = &app.theme;
    let meta = &app.briefing.meta;
    let talks = |date: NaiveDate| match (meta.starts, meta.ends) {
        (Some(s), Some(e)) => date >= s && date <= e,
        (Some(s), None) => date == s,
        (None, Some(e)) => date == e,
        (None, None) => false,
    };

    let order = app.events_by_date();
    let events = &app.briefing.events;
    let entry = |i: usize| {
        let event = &events[order[i]];
        let mut lead_in = Vec::new();
        let gap = i
            .checked_sub(1)
            .map(|p| gap_text(events[order[p]].date, event.date));
        if let Some(gap) = gap.filter(|g| !g.is_empty()) {
            lead_in.push(Line::styled(format!("   │ {gap}"), theme.muted));
        }
        let marker = if talks(event.date) {
            Span::styled("◆ ", theme.red_line)
        } else {
            Span::styled("○ ", theme.muted)
        };
        let date = event.date.format("%a %-d %b %Y").to_string();
        let room = width.saturating_sub(crate::text::width(&date) + 4);
        let line = Line::from(vec![
            marker,
            Span::styled(date, theme.title),
            Span::raw("  "),
            text::span(&event.title, room, theme.text),
        ]);
        Entry::new(vec![line]).with_lead_in(lead_in)
    };
    let selected = (!order.is_empty()).then(|| app.selected_index(View::Timeline));
    list::render(
        frame,
        inner,
        app,
        Place::new(View::Timeline),
        order.len(),
        entry,
        selected,
    );

    let title = Line::from(format!(
        " ◆ the talks' own dates · {} for sources ",
        key_for(Mode::Normal, Action::Open)
    ));
    let inner = framed(frame, detail_area, title, false, app);
    if let Some(Item::Event(e)) = app.selected_item() {
        let event = &app.briefing.events[e];
        let mut lines = text::paragraph(&event.title, inner.width as usize, theme.title);
        if let Some(detail) = &event.detail {
            lines.extend(text::paragraph(detail, inner.width as usize, theme.text));
        }
        scrolled(frame, inner, lines, 0);
    }
}

/// "14 days later", "the next day", or nothing for the same day.
pub fn gap_text(from: NaiveDate, to: NaiveDate) -> String {
    match (to - from).num_days() {
        0 => String::new(),
        1 => "the next day".to_string(),
        n if n < 60 => format!("{n} days later"),
        n if n < 730 => format!("{} months later", n / 30),
        n => format!("{} years later", n / 365),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_read_naturally() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(gap_text(d("2026-01-22"), d("2026-01-22")), "");
        assert_eq!(gap_text(d("2026-01-22"), d("2026-01-23")), "the next day");
        assert_eq!(gap_text(d("2026-01-08"), d("2026-01-22")), "14 days later");
        assert_eq!(gap_text(d("2025-08-01"), d("2026-01-22")), "5 months later");
        assert_eq!(gap_text(d("2014-01-01"), d("2022-01-01")), "8 years later");
    }
}
