//! The details popup: a claim's full text and every source behind it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{evidence, heading, popup, scrolled, text};
use crate::action::Action;
use crate::app::{App, Item};
use crate::briefing::{PartialDate, QuoteKind};
use crate::diff::Mark;
use crate::view::Mode;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, item: Item) {
    let title = Line::from(Span::styled(
        format!(
            " Details · {} to close ",
            app.keymap.key_for(Mode::Popup, Action::Back)
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
                evidence::marker(position, theme),
                Span::raw(" "),
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
            lines.extend(since_lines(app, party, index, width));
            field(&mut lines, "Basis", evidence::basis_words(position.basis));
            if let Some(topic) = &position.topic {
                let title = b
                    .sticking_point(topic)
                    .map_or(topic.as_str(), |s| s.title.as_str());
                field(&mut lines, "Sticking point", title);
            }
            for id in &position.quotes {
                let Some(q) = b.quotes.iter().position(|quote| quote.id == *id) else {
                    continue;
                };
                lines.push(Line::default());
                lines.push(heading("Linked quote", theme.styles.title));
                lines.extend(linked_quote_lines(app, q, width));
            }
            lines.push(Line::default());
            lines.extend(sources_lines(app, &position.sources, width));
            lines.extend(contested_lines(app, &position.discrepancies, width));
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
            lines.extend(contested_lines(app, &member.discrepancies, width));
        }
        Item::Quote(q) => lines.extend(quote_lines(app, q, &[], width)),
        Item::StickingPoint(s) => lines.extend(super::matrix::sticking_point_lines(
            app,
            s,
            width,
            QUOTES_LISTED,
        )),
        Item::Source(s) => lines.extend(super::sources::source_lines(app, s, width)),
        Item::Discrepancy(d) => lines.extend(super::sources::discrepancy_lines(app, d, width)),
        Item::Change(c) => {
            if let Some(comparison) = &app.comparison {
                lines.extend(super::versions::change_lines(app, comparison, c, width));
            }
        }
        Item::Event(e) => {
            let event = &b.events[e];
            let mut header: Vec<Span<'static>> = evidence::contested(&event.discrepancies, theme)
                .into_iter()
                .collect();
            header.push(Span::styled(
                event_date(app, event.date),
                theme.styles.title,
            ));
            lines.push(Line::from(header));
            lines.extend(text::paragraph(&event.title, width, theme.styles.title));
            if let Some(detail) = &event.detail {
                lines.push(Line::default());
                lines.extend(text::paragraph(detail, width, theme.styles.text));
            }
            lines.push(Line::default());
            lines.extend(sources_lines(app, &event.sources, width));
            lines.extend(contested_lines(app, &event.discrepancies, width));
        }
    }
    lines
}

/// How a red line moved since the round compared with: a reworded one's
/// old wording beside the new.
fn since_lines(app: &App, party: usize, index: usize, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let Some(comparison) = &app.comparison else {
        return Vec::new();
    };
    let Some(mark) = comparison.since.mark(party, index) else {
        return Vec::new();
    };
    let old = format!("{} (as of {})", comparison.label, comparison.old.meta.as_of);
    let what = match mark {
        Mark::New => format!("a red line that was not one in {old}"),
        Mark::Changed { .. } => format!("reworded since {old}"),
        Mark::Lifted => format!("no longer a red line since {old}; still a position"),
    };
    // The word the red-lines view shows, then what it means.
    let (label, style) = super::redlines::mark_label(mark, theme);
    let lead = label.len() + 2;
    let mut lines = text::paragraph(&what, width.saturating_sub(lead).max(1), theme.styles.title);
    for (i, line) in lines.iter_mut().enumerate() {
        let prefix = if i == 0 {
            vec![Span::styled(label, style), Span::raw("  ")]
        } else {
            vec![Span::raw(" ".repeat(lead))]
        };
        line.spans.splice(0..0, prefix);
    }
    if let Mark::Changed { before } = mark {
        let now = &app.briefing.parties[party].positions[index].text;
        lines.push(Line::default());
        lines.extend(super::versions::wording_beside(
            ("Was", before),
            ("Now", now),
            width,
            theme,
        ));
    }
    lines.push(Line::default());
    lines
}

/// A quote in full: the words (matches highlighted), speaker, party, date,
/// context and its source.
pub fn quote_lines(app: &App, q: usize, marks: &[usize], width: usize) -> Vec<Line<'static>> {
    let b = &app.briefing;
    let theme = &app.theme;
    let quote = &b.quotes[q];
    let mut lines = quote_words(app, q, marks, width);
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
    lines.extend(text_flag(app, q, width));
    lines.extend(contested_lines(app, &quote.discrepancies, width));
    lines
}

/// A quote behind a position: its words, who said them and when, and the
/// one source it is in.
fn linked_quote_lines(app: &App, q: usize, width: usize) -> Vec<Line<'static>> {
    let quote = &app.briefing.quotes[q];
    let mut lines = quote_words(app, q, &[], width);
    // The source's line, without the "Source" heading.
    lines.extend(
        sources_lines(app, &[quote.source.to_string()], width)
            .into_iter()
            .skip(1),
    );
    lines.extend(text_flag(app, q, width));
    lines
}

/// Whether the quote's source text holds it, and the key that shows it there.
fn text_flag(app: &App, q: usize, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    if not_in_its_text(app, q) {
        text::paragraph(
            "⚠ Not found in its source's text: v shows the text",
            width,
            theme.styles.warning,
        )
    } else if app.articles.place_of(q).is_some() {
        text::paragraph("v reads it in its source's text", width, theme.styles.muted)
    } else {
        Vec::new()
    }
}

/// A quote's words (a headline's marked), then who said them and when, and
/// the context.
fn quote_words(app: &App, q: usize, marks: &[usize], width: usize) -> Vec<Line<'static>> {
    let b = &app.briefing;
    let theme = &app.theme;
    let quote = &b.quotes[q];
    let mut lines = Vec::new();
    if quote.kind == QuoteKind::Headline {
        lines.push(Line::styled(
            "Headline: these words are a headline's, not the speaker's own",
            theme.styles.title,
        ));
    }
    lines.extend(text::wrap(
        &format!("“{}”", quote.text),
        width,
        theme.styles.text,
        &shift(marks),
        theme.styles.highlight,
    ));
    lines.push(Line::default());
    let mut who = vec![Span::styled("— ", theme.styles.muted)];
    who.extend(evidence::contested(&quote.discrepancies, theme));
    who.push(text::raw(&quote.speaker, theme.styles.title));
    if let Some(party) = quote.party.as_deref().and_then(|id| b.party(id)) {
        who.push(Span::raw(", "));
        who.push(text::raw(&party.name, theme.party_style(party)));
    }
    who.push(Span::styled(
        quote
            .said_on
            .map_or(", undated".to_string(), |d| format!(", {}", d.human())),
        theme.styles.muted,
    ));
    lines.push(Line::from(who));
    if let Some(context) = &quote.context {
        lines.extend(text::paragraph(context, width, theme.styles.muted));
    }
    lines
}

/// The quote's source has a text, and the quote is not in it.
pub fn not_in_its_text(app: &App, q: usize) -> bool {
    let id = &app.briefing.quotes[q].source;
    app.briefing
        .sources
        .iter()
        .position(|s| s.id == *id)
        .is_some_and(|s| app.articles.is_missing(s, q))
}

/// An event's date at its precision, "expected" when after `as_of`.
pub fn event_date(app: &App, date: PartialDate) -> String {
    if app.briefing.is_expected(date) {
        format!("{} (expected)", date.human())
    } else {
        date.human()
    }
}

/// "Contested" and each discrepancy linked, its accounts side by side.
fn contested_lines(app: &App, ids: &[impl AsRef<str>], width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for id in ids {
        let Some(d) = app
            .briefing
            .discrepancies
            .iter()
            .position(|d| d.id.as_deref() == Some(id.as_ref()))
        else {
            continue;
        };
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", evidence::CONTESTED), theme.styles.warning),
            Span::styled("Contested", theme.styles.title),
        ]));
        lines.extend(super::sources::discrepancy_lines(app, d, width));
    }
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
        let date = source.published.map_or("no date".to_string(), |d| {
            format!("published {}", d.short())
        });
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
