//! Drawing: a pure function of the `App`, generic over any backend, so tests
//! draw into a `TestBackend`. One file per view; this one lays out the frame.

mod detail;
mod diff;
pub mod evidence;
mod help;
pub mod list;
mod matrix;
mod party;
pub mod picker;
mod quotes;
mod reader;
mod redlines;
mod sources;
mod status;
pub mod text;
mod timeline;
mod versions;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs};

use crate::app::{App, Item, Popup};
use crate::briefing::Briefing;
use crate::keymap::Keymap;
use crate::view::View;

/// Below this the frame cannot hold a header, a view and a status bar.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

pub fn draw(frame: &mut Frame, app: &App) {
    app.click_targets.clear();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app);
        return;
    }
    let [header, tabs, banner, body, status] = Layout::vertical([
        Constraint::Length(header_height(area, app)),
        Constraint::Length(1),
        Constraint::Length(u16::from(app.banner.is_some())),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, app);
    draw_tabs(frame, tabs, app);
    if let Some(error) = &app.banner {
        frame.render_widget(
            Paragraph::new(text::span(
                error,
                banner.width as usize,
                app.theme.styles.warning,
            )),
            banner,
        );
    }
    match app.view {
        View::RedLines => redlines::draw(frame, body, app),
        View::Party => party::draw(frame, body, app),
        View::StickingPoints => matrix::draw(frame, body, app),
        View::Quotes => quotes::draw(frame, body, app),
        View::Sources => sources::draw(frame, body, app),
        View::Timeline => timeline::draw(frame, body, app),
        View::Diff => diff::draw(frame, body, app),
    }
    status::draw(frame, status, app);
    match app.popup {
        Some(Popup::Help) => help::draw(frame, area, app),
        Some(Popup::Detail(Item::Change(change))) => versions::draw(frame, area, app, change),
        Some(Popup::Detail(item)) => detail::draw(frame, area, app, item),
        Some(Popup::Reader(open)) => reader::draw(frame, area, app, &open),
        None => {}
    }
}

/// Title and facts; on a tall terminal, the briefing's summary too.
fn header_height(area: Rect, app: &App) -> u16 {
    match area.height {
        h if h >= 30 && app.briefing.meta.summary.is_some() => 2 + SUMMARY_LINES,
        h if h >= 16 => 2,
        _ => 1,
    }
}

/// How much of the summary the header shows; `?` shows all of it.
const SUMMARY_LINES: u16 = 2;

/// The progress screen while a briefing loads.
pub fn loading(frame: &mut Frame, keymap: &Keymap, name: Option<&str>, seconds: f64) {
    const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
    let area = frame.area();
    let spinner = SPINNER[(seconds * 10.0) as usize % SPINNER.len()];
    let what = name.map_or("the briefing".to_string(), |n| {
        crate::text::sanitize_inline(n).into_owned()
    });
    let quit = keymap.key_for(crate::view::Mode::Normal, crate::action::Action::Quit);
    let message = format!("{spinner} Loading {what}… {seconds:.1} s · {quit} to quit");
    frame.render_widget(
        Paragraph::new(text::paragraph(
            &message,
            area.width as usize,
            Style::default(),
        )),
        area,
    );
}

fn too_small(frame: &mut Frame, area: Rect, app: &App) {
    let message = format!(
        "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
        area.width, area.height
    );
    let lines = text::paragraph(&message, area.width as usize, app.theme.styles.warning);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The dates line: "23–24 Jan 2026 · as of 2026-01-23".
pub fn dates(briefing: &Briefing) -> String {
    let meta = &briefing.meta;
    let span = crate::briefing::date::span_text(meta.starts, meta.ends, meta.as_of);
    let as_of = format!("as of {}", meta.as_of);
    if span.is_empty() {
        as_of
    } else {
        format!("{span} · {as_of}")
    }
}

fn draw_header(frame: &mut Frame, area: Rect, app: &App) {
    let meta = &app.briefing.meta;
    let width = area.width as usize;
    let theme = &app.theme;
    let place = meta.location.as_deref().unwrap_or("");
    // What the briefing is compared with comes first: it tells how to read
    // every mark below.
    let since = (app.comparison.as_ref())
        .map(|c| format!("since {} (as of {})", c.label, c.old.meta.as_of));
    let facts = since
        .into_iter()
        .chain([place.to_string(), dates(&app.briefing)])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let mut lines = vec![Line::from(text::span(
        &meta.title,
        width,
        theme.styles.title,
    ))];
    if area.height >= 2 {
        lines.push(Line::from(text::span(&facts, width, theme.styles.muted)));
        if let Some(summary) = meta.summary.as_deref().filter(|_| area.height > 2) {
            let mut wrapped = text::paragraph(summary, width, theme.styles.text);
            if wrapped.len() > SUMMARY_LINES as usize {
                wrapped.truncate(SUMMARY_LINES as usize);
                if let Some(last) = wrapped.pop() {
                    wrapped.push(text::ellipsize(last, width));
                }
            }
            lines.extend(wrapped);
        }
    } else {
        let used = crate::text::width(&lines[0].to_string());
        if used + 3 < width {
            lines[0].push_span(Span::styled(" · ", theme.styles.muted));
            lines[0].push_span(text::span(&facts, width - used - 3, theme.styles.muted));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App) {
    let titles = View::ALL.iter().map(|v| match v {
        View::Party => app
            .briefing
            .parties
            .get(app.party)
            .map_or("Party".to_string(), |p| {
                format!("Party: {}", crate::text::sanitize_inline(&p.short))
            }),
        v => v.title().to_string(),
    });
    let selected = View::ALL.iter().position(|&v| v == app.view);
    let tabs = Tabs::new(titles)
        .select(selected)
        .style(app.theme.styles.muted)
        .highlight_style(app.theme.styles.title.patch(app.theme.styles.selection))
        .divider("│")
        .padding(" ", " ");
    frame.render_widget(tabs, area);
}

/// A bordered pane with a title; focused panes use the focus style.
pub fn pane(title: Line<'static>, focused: bool, app: &App) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            app.theme.styles.focus
        } else {
            app.theme.styles.border
        })
        .title(title)
}

/// Draws a bordered pane and returns the area inside it.
pub fn framed(
    frame: &mut Frame,
    area: Rect,
    title: Line<'static>,
    focused: bool,
    app: &App,
) -> Rect {
    let block = pane(title, focused, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Draws a popup frame over `area`, returning its inner area.
pub fn popup(frame: &mut Frame, area: Rect, title: Line<'static>, app: &App) -> Rect {
    let outer = centered(
        area,
        area.width.saturating_sub(4).clamp(area.width.min(20), 100),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, outer);
    let block = pane(title, true, app).style(app.theme.styles.text);
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    inner
}

/// Renders scrollable lines, clamping the scroll to the content.
pub fn scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: u16) {
    let max = lines.len().saturating_sub(area.height as usize) as u16;
    let width = area.width as usize;
    let lines: Vec<Line<'static>> = lines.into_iter().map(|l| text::fit(l, width)).collect();
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), area);
}

/// A heading line inside a pane.
pub fn heading(label: &str, style: Style) -> Line<'static> {
    Line::from(Span::styled(label.to_string(), style))
}

/// Cells laid out side by side: each cell's lines padded to its width, one
/// space between cells, as many rows as the tallest cell (at most `max_rows`).
pub fn side_by_side(
    cells: Vec<Vec<Line<'static>>>,
    widths: &[usize],
    max_rows: usize,
) -> Vec<Line<'static>> {
    let rows = cells.iter().map(Vec::len).max().unwrap_or(0).min(max_rows);
    (0..rows)
        .map(|row| {
            let mut line = Line::default();
            for (cell, &width) in cells.iter().zip(widths) {
                let part = cell.get(row).cloned().unwrap_or_default();
                let part = if row + 1 == max_rows && cell.len() > max_rows {
                    text::ellipsize(part, width)
                } else {
                    text::fit(part, width)
                };
                let pad = width.saturating_sub(text::columns(&part));
                for span in part.spans {
                    line.push_span(span);
                }
                line.push_span(Span::raw(" ".repeat(pad)));
                line.push_span(Span::raw(" "));
            }
            line
        })
        .collect()
}
