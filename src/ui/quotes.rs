//! All quotes, newest first or ranked by the search; a preview of the
//! selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::{self, Entry, Place};
use super::{evidence, framed, scrolled, text};
use crate::action::Action;
use crate::app::App;
use crate::search::{Highlighter, Order, Query};
use crate::view::Mode;
use crate::view::View;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [search_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    draw_search_line(frame, search_area, app);
    let wide = body.width >= 110;
    let [list_area, preview_area] = if wide {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    };

    let inner = framed(frame, list_area, Line::from(" Quotes "), true, app);
    let width = inner.width as usize;
    let results = &app.search.results;
    let selected = (!results.is_empty()).then(|| app.selected_index(View::Quotes));
    if results.is_empty() {
        let none = if app.briefing.quotes.is_empty() {
            "This briefing has no quotes."
        } else if app.search.pending {
            "Searching…"
        } else {
            "No quote matches."
        };
        frame.render_widget(
            Paragraph::new(Span::styled(none, app.theme.styles.muted)),
            inner,
        );
    }
    let no_query = Query::default();
    let query = app.search.answered.as_ref().unwrap_or(&no_query);
    let highlighter = app.index.highlighter(query);
    let entry = |i: usize| {
        let quote = results[i].quote;
        quote_entry(app, quote, &highlighter.positions(quote), width, 2)
    };
    list::render(
        frame,
        inner,
        app,
        Place::new(View::Quotes).gap(1),
        results.len(),
        entry,
        selected,
    );
    draw_preview(frame, preview_area, app, &highlighter);
}

fn draw_search_line(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let search = &app.search;
    let total = app.briefing.quotes.len();
    let order = match search.order {
        Order::Relevance if search.line.value().trim().is_empty() => "newest first",
        Order::Relevance => "by relevance",
        Order::Date => "by date",
    };
    // While a large archive is searched, the count is of the last answer.
    let busy = if search.pending { "… " } else { "" };
    let count = format!(" {busy}{} of {total} · {order} ", search.results.len());
    let count_width = crate::text::width(&count) as u16;
    let [input_area, count_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(count_width.min(area.width)),
    ])
    .areas(area);
    let prompt = Span::styled(
        "/ ",
        if search.active {
            theme.styles.title
        } else {
            theme.styles.muted
        },
    );
    let line = if search.line.value().is_empty() && !search.active {
        Line::from(vec![
            prompt,
            Span::styled(
                format!(
                    "type {} to search the quotes",
                    app.keymap.key_for(Mode::Normal, Action::StartSearch)
                ),
                theme.styles.muted,
            ),
        ])
    } else {
        let room = (input_area.width as usize).saturating_sub(3);
        // Keep the cursor in view: show the input's tail when it is long.
        let skip = search.line.cursor().saturating_sub(room);
        let shown: String = search.line.value().chars().skip(skip).collect();
        Line::from(vec![prompt, text::span(&shown, room, theme.styles.text)])
    };
    frame.render_widget(Paragraph::new(line), input_area);
    frame.render_widget(
        Paragraph::new(Span::styled(count, theme.styles.muted)),
        count_area,
    );
    if search.active {
        let before: String = search
            .line
            .value()
            .chars()
            .take(search.line.cursor())
            .collect();
        let room = (input_area.width as usize).saturating_sub(3);
        let column = crate::text::width(&crate::text::sanitize_inline(&before)).min(room);
        frame.set_cursor_position(Position::new(
            input_area.x + 2 + column as u16,
            input_area.y,
        ));
    }
}

/// A quote in a list: who, when and where, then at most `max_lines` lines
/// of the text with the matched characters highlighted.
pub fn quote_entry(app: &App, q: usize, marks: &[usize], width: usize, max_lines: usize) -> Entry {
    let theme = &app.theme;
    let quote = &app.briefing.quotes[q];
    let mut lines = vec![byline(app, q, width)];
    let mut body = text::wrap(
        &quote.text,
        width.saturating_sub(2).max(1),
        theme.styles.text,
        marks,
        theme.styles.highlight,
    );
    if body.len() > max_lines {
        body.truncate(max_lines);
        if let Some(last) = body.pop() {
            body.push(text::ellipsize(last, width.saturating_sub(2)));
        }
    }
    lines.extend(body.into_iter().map(|mut l| {
        l.spans.insert(0, Span::raw("  "));
        l
    }));
    Entry::new(lines)
}

/// "≠ Speaker (Party) · [headline] · date · outlet": contested and headline
/// quotes marked, the date at its precision or "undated".
fn byline(app: &App, q: usize, width: usize) -> Line<'static> {
    let theme = &app.theme;
    let quote = &app.briefing.quotes[q];
    let party = quote.party.as_deref().and_then(|id| app.briefing.party(id));
    let mut spans: Vec<Span<'static>> = evidence::contested(&quote.discrepancies, theme)
        .into_iter()
        .collect();
    spans.push(text::span(&quote.speaker, width, theme.styles.title));
    if let Some(party) = party {
        spans.push(Span::styled(" ", theme.styles.text));
        spans.push(text::raw(
            &format!("({})", party.short),
            theme.party_style(party),
        ));
    }
    spans.push(Span::styled(" · ", theme.styles.muted));
    if let Some(headline) = evidence::headline(quote, theme) {
        spans.push(headline);
    }
    let date = quote.said_on.map_or("undated".to_string(), |d| d.short());
    let outlet = app
        .briefing
        .source(&quote.source)
        .map_or(quote.source.as_str(), |s| s.outlet.as_str());
    spans.push(Span::styled(format!("{date} · "), theme.styles.muted));
    if super::detail::not_in_its_text(app, q) {
        spans.push(Span::styled("⚠ not in its text · ", theme.styles.warning));
    }
    spans.push(text::raw(outlet, theme.styles.muted));
    text::fit(Line::from(spans), width)
}

fn draw_preview(frame: &mut Frame, area: Rect, app: &App, highlighter: &Highlighter) {
    let inner = framed(frame, area, Line::from(" Preview "), false, app);
    let Some(hit) = app.search.results.get(app.selected_index(View::Quotes)) else {
        return;
    };
    let marks = highlighter.positions(hit.quote);
    let lines = super::detail::quote_lines(app, hit.quote, &marks, inner.width as usize);
    scrolled(frame, inner, lines, 0);
}
