//! The details popup: a claim's full text and every source behind it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{heading, popup, scrolled, text};
use crate::action::Action;
use crate::app::{App, Item};
use crate::diff::Mark;
use crate::keymap::key_for;
use crate::view::Mode;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, item: Item) {
    let title = Line::from(Span::styled(
        format!(
            " Details · {} to close ",
            key_for(Mode::Popup, Action::Back)
        ),
        app.theme.styles.title,
    ));
    let inner = popup(frame, area, title, app);
    let lines = item_lines(app, item, inner.width as usize);
    scrolled(frame, inner, lines, app.popup_scroll);
}

/// At most this many quotes are listed under a sticking point; the rest are
/// one search away.
const QUOTES_LISTED: usize = 200;

/// Everything about one item, wrapped to `width`.
pub fn item_lines(app: &App, item: Item, width: usize) -> Vec<Line<'static>> {
    let b = &app.briefing;
    let theme = &app.theme;
    let mut lines = Vec::new();
    let field = |lines: &mut Vec<Line<'static>>, label: &str, value: &str| {
        let mut wrapped = text::paragraph(
            value,
            width.saturating_sub(label.len() + 2).max(1),
            theme.styles.text,
        );
        for (i, line) in wrapped.iter_mut().enumerate() {
            let prefix = if i == 0 {
                format!("{label}: ")
            } else {
                " ".repeat(label.len() + 2)
            };
            line.spans
                .insert(0, Span::styled(prefix, theme.styles.muted));
        }
        lines.extend(wrapped);
    };
    match item {
        Item::Position { party, index } => {
            let p = &b.parties[party];
            let position = &p.positions[index];
            lines.push(Line::from(vec![
                text::raw(&p.name, theme.party_style(p)),
                Span::styled(
                    if position.red_line {
                        " · red line"
                    } else {
                        " · position"
                    },
                    if position.red_line {
                        theme.styles.red_line
                    } else {
                        theme.styles.muted
                    },
                ),
            ]));
            lines.push(Line::default());
            lines.extend(text::paragraph(&position.text, width, theme.styles.text));
            lines.push(Line::default());
            let mark = app
                .comparison
                .as_ref()
                .and_then(|c| c.since.mark(&p.id, index));
            match mark {
                Some(Mark::Changed { before }) => field(&mut lines, "Was", before),
                Some(Mark::New) => field(&mut lines, "Since", "new red line"),
                Some(Mark::Lifted) => field(&mut lines, "Since", "red line lifted"),
                None => {}
            }
            if let Some(topic) = &position.topic {
                let title = b
                    .sticking_point(topic)
                    .map_or(topic.as_str(), |s| s.title.as_str());
                field(&mut lines, "Sticking point", title);
            }
            lines.extend(sources_lines(app, &position.sources, width));
        }
        Item::Delegate { party, index } => {
            let p = &b.parties[party];
            let member = &p.delegation[index];
            lines.push(Line::from(vec![
                text::raw(&member.name, theme.styles.title),
                Span::styled(if member.lead { " · lead" } else { "" }, theme.styles.title),
            ]));
            field(&mut lines, "Delegation", &p.name);
            field(
                &mut lines,
                "Title",
                member.title.as_deref().unwrap_or("not given"),
            );
            lines.push(Line::default());
            lines.extend(sources_lines(app, &member.sources, width));
        }
        Item::Quote(q) => lines.extend(quote_lines(app, q, &[], width)),
        Item::StickingPoint(s) => lines.extend(super::matrix::sticking_point_lines(
            app,
            s,
            width,
            QUOTES_LISTED,
        )),
        Item::Source(s) => lines.extend(super::sources::source_lines(app, s, width)),
        Item::Discrepancy(d) => {
            let discrepancy = &b.discrepancies[d];
            lines.push(Line::from(text::raw(
                &discrepancy.subject,
                theme.styles.title,
            )));
            if let Some(note) = &discrepancy.note {
                lines.extend(text::paragraph(note, width, theme.styles.muted));
            }
            for account in &discrepancy.accounts {
                lines.push(Line::default());
                let outlet = b
                    .source(&account.source)
                    .map_or(account.source.as_str(), |s| s.outlet.as_str());
                lines.push(Line::from(vec![
                    text::raw(&account.source, theme.styles.title),
                    Span::styled(" · ", theme.styles.muted),
                    text::raw(outlet, theme.styles.muted),
                ]));
                lines.extend(text::paragraph(&account.says, width, theme.styles.text));
            }
        }
        Item::Event(e) => {
            let event = &b.events[e];
            lines.push(Line::from(vec![
                Span::styled(event.date.to_string(), theme.styles.title),
                Span::raw(" "),
                text::raw(&event.title, theme.styles.title),
            ]));
            if let Some(detail) = &event.detail {
                lines.push(Line::default());
                lines.extend(text::paragraph(detail, width, theme.styles.text));
            }
            lines.push(Line::default());
            lines.extend(sources_lines(app, &event.sources, width));
        }
    }
    lines
}

/// A quote in full: the words (matches highlighted), speaker, party, date,
/// context and its source.
pub fn quote_lines(app: &App, q: usize, marks: &[usize], width: usize) -> Vec<Line<'static>> {
    let b = &app.briefing;
    let theme = &app.theme;
    let quote = &b.quotes[q];
    let mut lines = text::wrap(
        &format!("“{}”", quote.text),
        width,
        theme.styles.text,
        &shift(marks),
        theme.styles.highlight,
    );
    lines.push(Line::default());
    let mut who = vec![
        Span::styled("— ", theme.styles.muted),
        text::raw(&quote.speaker, theme.styles.title),
    ];
    if let Some(party) = quote.party.as_deref().and_then(|id| b.party(id)) {
        who.push(Span::raw(", "));
        who.push(text::raw(&party.name, theme.party_style(party)));
    }
    who.push(Span::styled(
        quote
            .said_on
            .map_or(", undated".to_string(), |d| format!(", {d}")),
        theme.styles.muted,
    ));
    lines.push(Line::from(who));
    if let Some(context) = &quote.context {
        lines.extend(text::paragraph(context, width, theme.styles.muted));
    }
    if !quote.topics.is_empty() {
        let topics: Vec<&str> = quote
            .topics
            .iter()
            .map(|t| b.sticking_point(t).map_or(t.as_str(), |s| s.title.as_str()))
            .collect();
        lines.extend(text::paragraph(
            &format!("Topics: {}", topics.join(", ")),
            width,
            theme.styles.muted,
        ));
    }
    lines.push(Line::default());
    lines.extend(sources_lines(app, &[quote.source.to_string()], width));
    lines
}

/// Marks in a quote's text, moved past the opening quotation mark.
fn shift(marks: &[usize]) -> Vec<usize> {
    marks.iter().map(|m| m + 1).collect()
}

/// "Sources" and, for each, its outlet, headline and date.
pub fn sources_lines(app: &App, ids: &[String], width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = vec![heading(
        if ids.len() == 1 { "Source" } else { "Sources" },
        theme.styles.title,
    )];
    if ids.is_empty() {
        lines.push(Line::styled("none cited", theme.styles.red_line));
    }
    for id in ids {
        let Some(source) = app.briefing.source(id) else {
            continue;
        };
        let date = source
            .published
            .map_or("no date".to_string(), |d| d.to_string());
        let line = vec![
            Span::styled("• ", theme.styles.muted),
            text::raw(&source.outlet, theme.styles.text),
            Span::styled(
                format!(" · {date} · [{}]", crate::text::sanitize_inline(id)),
                theme.styles.muted,
            ),
        ];
        lines.push(text::fit(Line::from(line), width));
        if let Some(title) = &source.title {
            let mut headline =
                text::paragraph(title, width.saturating_sub(2).max(1), theme.styles.muted);
            for l in &mut headline {
                l.spans.insert(0, Span::raw("  "));
            }
            lines.extend(headline);
        }
    }
    lines
}
