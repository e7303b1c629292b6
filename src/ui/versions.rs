//! Both versions of a change since an earlier round: the old entity and
//! the new one, each with its fields, side by side (one above the other
//! when narrow); a field that differs is marked `~` on both sides.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{diff, heading, popup, scrolled, side_by_side, text};
use crate::action::Action;
use crate::app::{App, Comparison};
use crate::briefing::Briefing;
use crate::diff::Entity;
use crate::theme::Theme;
use crate::view::Mode;

/// Narrower than this, the two versions go one above the other.
const SIDE_BY_SIDE_WIDTH: usize = 80;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, change: usize) {
    let title = Line::from(Span::styled(
        format!(
            " Both versions · {} to close ",
            app.keymap.key_for(Mode::Popup, Action::Back)
        ),
        app.theme.styles.title,
    ));
    let inner = popup(frame, area, title, app);
    let lines = match &app.comparison {
        Some(comparison) => change_lines(app, comparison, change, inner.width as usize),
        None => Vec::new(),
    };
    scrolled(frame, inner, lines, app.popup_scroll);
}

/// The change in words, then the old version beside the new.
pub fn change_lines(
    app: &App,
    comparison: &Comparison,
    change: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let Some(change) = comparison.since.changes.get(change) else {
        return Vec::new();
    };
    let mut lines = diff::change_line(change, width, theme);
    lines.push(Line::default());
    let old_fields = change.old_at.map(|at| fields(&comparison.old, at));
    let new_fields = change.new_at.map(|at| fields(&app.briefing, at));
    let before = format!(
        "Before · {} (as of {})",
        comparison.label, comparison.old.meta.as_of
    );
    let after = format!(
        "Now · {} (as of {})",
        app.file_name, app.briefing.meta.as_of
    );
    // One side's fields, or why it has none.
    let side = |these: &Option<Vec<Field>>, others: &Option<Vec<Field>>, absent: &str, width| {
        match these {
            Some(these) => these
                .iter()
                .map(|field| field_lines(field, others.as_deref(), width, theme))
                .collect(),
            None => vec![text::paragraph(absent, width, theme.styles.muted)],
        }
    };
    let heading = |label: &str, width| text::paragraph(label, width, theme.styles.title);
    let (absent, gone) = ("not there before", "not there now");
    if width >= SIDE_BY_SIDE_WIDTH {
        let half = (width - 3) / 2;
        let mut left = vec![heading(&before, half)];
        left.extend(side(&old_fields, &new_fields, absent, half));
        let mut right = vec![heading(&after, half)];
        right.extend(side(&new_fields, &old_fields, gone, half));
        lines.extend(beside(left, right, half, theme));
    } else {
        lines.extend(heading(&before, width));
        lines.extend(
            side(&old_fields, &new_fields, absent, width)
                .into_iter()
                .flatten(),
        );
        lines.push(Line::default());
        lines.extend(heading(&after, width));
        lines.extend(
            side(&new_fields, &old_fields, gone, width)
                .into_iter()
                .flatten(),
        );
    }
    lines
}

/// Two wordings of one thing, the old beside the new (one above the other
/// when narrow): what a changed red line's details show.
pub fn wording_beside(
    before: (&str, &str),
    after: (&str, &str),
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let block = |(label, words): (&str, &str), width: usize| {
        let mut lines = vec![heading(label, theme.styles.muted)];
        lines.extend(text::paragraph(words, width, theme.styles.text));
        lines
    };
    if width >= SIDE_BY_SIDE_WIDTH {
        let half = (width - 3) / 2;
        beside(
            vec![block(before, half)],
            vec![block(after, half)],
            half,
            theme,
        )
    } else {
        let mut lines = block(before, width);
        lines.extend(block(after, width));
        lines
    }
}

/// Two columns `half` wide with a rule between: each block of `left`
/// beside the block of `right` at the same place, the pair as tall as the
/// taller of the two.
fn beside(
    left: Vec<Vec<Line<'static>>>,
    right: Vec<Vec<Line<'static>>>,
    half: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for at in 0..left.len().max(right.len()) {
        let l = left.get(at).cloned().unwrap_or_default();
        let r = right.get(at).cloned().unwrap_or_default();
        let rows = l.len().max(r.len());
        let rule = vec![Line::styled("│", theme.styles.border); rows];
        lines.extend(side_by_side(vec![l, rule, r], &[half, 1, half], rows));
    }
    lines
}

/// One field of an entity: its name, and its value in words.
type Field = (&'static str, String);

/// A field as lines: `~` before it when its value differs from the other
/// version's (or the other lacks it), its name, and the value wrapped
/// beside it.
fn field_lines(
    (name, value): &Field,
    others: Option<&[Field]>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let differs =
        others.is_some_and(|others| !others.iter().any(|(other, v)| other == name && v == value));
    let gutter = if differs {
        Span::styled(format!("{CHANGED_FIELD} "), theme.styles.warning)
    } else {
        Span::raw("  ")
    };
    let label = format!("{name}: ");
    let lead = 2 + label.len();
    let mut lines = text::paragraph(value, width.saturating_sub(lead).max(1), theme.styles.text);
    for (i, line) in lines.iter_mut().enumerate() {
        let prefix = if i == 0 {
            vec![
                gutter.clone(),
                Span::styled(label.clone(), theme.styles.muted),
            ]
        } else {
            vec![Span::raw(" ".repeat(lead))]
        };
        line.spans.splice(0..0, prefix);
    }
    lines
}

/// Marks a field whose value differs between the two versions.
const CHANGED_FIELD: &str = "~";

/// An entity of `briefing` as its fields, in the file's words.
fn fields(briefing: &Briefing, at: Entity) -> Vec<Field> {
    let b = briefing;
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    let optional = |value: Option<&str>| value.unwrap_or("not given").to_string();
    let topic_title = |id: &str| {
        b.sticking_point(id)
            .map_or_else(|| id.to_string(), |s| s.title.clone())
    };
    let yes_no = |yes: bool| if yes { "yes" } else { "no" }.to_string();
    match at {
        Entity::Briefing => vec![
            ("Title", b.meta.title.clone()),
            ("As of", b.meta.as_of.to_string()),
            ("Location", optional(b.meta.location.as_deref())),
        ],
        Entity::Party(p) => {
            let party = &b.parties[p];
            vec![
                ("Name", party.name.clone()),
                ("Role", party.role.as_str().to_string()),
                ("Delegates", party.delegation.len().to_string()),
                ("Positions", party.positions.len().to_string()),
            ]
        }
        Entity::Delegate { party, index } => {
            let p = &b.parties[party];
            let member = &p.delegation[index];
            vec![
                ("Delegation", p.name.clone()),
                ("Name", member.name.clone()),
                ("Title", optional(member.title.as_deref())),
                ("Lead", yes_no(member.lead)),
                ("Sources", list(&member.sources)),
            ]
        }
        Entity::Position { party, index } => {
            let p = &b.parties[party];
            let position = &p.positions[index];
            vec![
                ("Party", p.name.clone()),
                ("Red line", yes_no(position.red_line)),
                ("Text", position.text.clone()),
                (
                    "Basis",
                    position
                        .basis
                        .map_or("not given", |basis| basis.as_str())
                        .to_string(),
                ),
                (
                    "Sticking point",
                    position
                        .topic
                        .as_deref()
                        .map_or_else(|| "none".to_string(), topic_title),
                ),
                ("Sources", list(&position.sources)),
                ("Quotes", list(&position.quotes)),
            ]
        }
        Entity::StickingPoint(s) => {
            let point = &b.sticking_points[s];
            vec![
                ("Title", point.title.clone()),
                ("Status", point.status.as_str().to_string()),
                ("Summary", optional(point.summary.as_deref())),
            ]
        }
        Entity::Quote(q) => {
            let quote = &b.quotes[q];
            let party = quote.party.as_deref().map(|id| {
                b.party(id)
                    .map_or_else(|| id.to_string(), |p| p.name.clone())
            });
            vec![
                ("Speaker", quote.speaker.to_string()),
                ("Party", optional(party.as_deref())),
                ("Words", quote.text.clone()),
                (
                    "Said on",
                    quote
                        .said_on
                        .map_or_else(|| "undated".to_string(), |d| d.to_string()),
                ),
                ("Source", quote.source.to_string()),
                (
                    "Topics",
                    list(
                        &quote
                            .topics
                            .iter()
                            .map(|t| topic_title(t))
                            .collect::<Vec<_>>(),
                    ),
                ),
            ]
        }
        Entity::Event(e) => {
            let event = &b.events[e];
            vec![
                ("Date", event.date.to_string()),
                ("Title", event.title.clone()),
                ("Detail", optional(event.detail.as_deref())),
                ("Sources", list(&event.sources)),
            ]
        }
        Entity::Source(s) => {
            let source = &b.sources[s];
            vec![
                ("Id", source.id.clone()),
                ("Outlet", source.outlet.clone()),
                ("Headline", optional(source.title.as_deref())),
                (
                    "Published",
                    source
                        .published
                        .map_or_else(|| "no date".to_string(), |d| d.to_string()),
                ),
                ("Address", optional(source.url.as_deref())),
            ]
        }
        Entity::Discrepancy(d) => {
            let discrepancy = &b.discrepancies[d];
            let mut fields = vec![("Subject", discrepancy.subject.clone())];
            for account in &discrepancy.accounts {
                fields.push(("Account", format!("{}: {}", account.source, account.says)));
            }
            fields
        }
    }
}
