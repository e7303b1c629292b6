//! Events by date, with the gap between them and the talks' own dates marked.

use crate::briefing::PartialDate;
use crate::briefing::date::gap_text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::list::{self, Entry, Place};
use super::{evidence, framed, scrolled, text};
use crate::action::Action;
use crate::app::{App, Item};
use crate::view::Mode;
use crate::view::View;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(area);
    let inner = framed(frame, list_area, Line::from(" Timeline "), true, app);
    let width = inner.width as usize;
    let theme = &app.theme;
    let meta = &app.briefing.meta;
    // The talks' own days: an event known only to the month or year is
    // not marked as one of them.
    let talks = |date: PartialDate| {
        let (first, last) = match (meta.starts, meta.ends) {
            (Some(s), Some(e)) => (s, e),
            (Some(one), None) | (None, Some(one)) => (one, one),
            (None, None) => return false,
        };
        date.day()
            .is_some_and(|d| d >= first.first_day() && d <= last.last_day())
    };

    let order = app.events_by_date();
    let events = &app.briefing.events;
    let entry = |i: usize| {
        let event = &events[order[i]];
        let mut lead_in = Vec::new();
        let gap = i
            .checked_sub(1)
            .and_then(|p| gap_text(events[order[p]].date, event.date));
        if let Some(gap) = gap {
            lead_in.push(Line::styled(format!("   │ {gap}"), theme.styles.muted));
        }
        let marker = if talks(event.date) {
            Span::styled("◆ ", theme.styles.red_line)
        } else {
            Span::styled("○ ", theme.styles.muted)
        };
        let date = super::detail::event_date(app, event.date);
        let contested = evidence::contested(&event.discrepancies, theme);
        let room = width.saturating_sub(
            crate::text::width(&date) + 4 + contested.as_ref().map_or(0, Span::width),
        );
        let mut line = Line::from(vec![
            marker,
            Span::styled(date, theme.styles.title),
            Span::raw("  "),
        ]);
        line.spans.extend(contested);
        line.push_span(text::span(&event.title, room, theme.styles.text));
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
        app.keymap.key_for(Mode::Normal, Action::Open)
    ));
    let inner = framed(frame, detail_area, title, false, app);
    if let Some(Item::Event(e)) = app.selected_item() {
        let event = &app.briefing.events[e];
        let mut lines = text::paragraph(
            &format!(
                "{} · {}",
                super::detail::event_date(app, event.date),
                event.title
            ),
            inner.width as usize,
            theme.styles.title,
        );
        if let Some(detail) = &event.detail {
            lines.extend(text::paragraph(
                detail,
                inner.width as usize,
                theme.styles.text,
            ));
        }
        scrolled(frame, inner, lines, 0);
    }
}
