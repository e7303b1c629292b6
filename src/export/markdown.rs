//! The briefing as a markdown memo a person pastes into a report.
//!
//! Every string from the file goes through [`crate::text::sanitize`] and then
//! has markdown's active characters escaped, so file text can neither reach a
//! terminal as a control sequence nor change the memo's structure (a `|`
//! cannot split a table cell, a `#` cannot start a heading).

use std::fmt::Write;

use super::{citation, quotes_newest_first};
use crate::briefing::date::span_text;
use crate::briefing::{Basis, Briefing, Party, Position, QuoteKind, Role, Source};
use crate::text::sanitize;

/// The memo: header, parties, sticking-point matrix, timeline, quotes,
/// sources and discrepancies, in that order; sections with nothing to say
/// are left out.
pub fn render(briefing: &Briefing) -> String {
    let mut md = Memo::default();
    header(&mut md, briefing);
    parties(&mut md, briefing);
    sticking_points(&mut md, briefing);
    timeline(&mut md, briefing);
    quotes(&mut md, briefing);
    sources(&mut md, briefing);
    discrepancies(&mut md, briefing);
    md.0
}

/// The memo being written, one line at a time.
#[derive(Default)]
struct Memo(String);

impl Memo {
    fn line(&mut self, line: impl AsRef<str>) {
        self.0.push_str(line.as_ref());
        self.0.push('\n');
    }

    /// A block (heading, list, table, paragraph) after a blank line.
    fn block(&mut self, line: impl AsRef<str>) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.line(line);
    }

    /// A list, one item a line.
    fn list(&mut self, items: impl IntoIterator<Item = String>) {
        let items: Vec<String> = items.into_iter().collect();
        if !items.is_empty() {
            self.block(items.join("\n"));
        }
    }

    fn table(&mut self, header: &[String], rows: impl IntoIterator<Item = Vec<String>>) {
        self.block(format!("| {} |", header.join(" | ")));
        self.line(format!("|{}", " --- |".repeat(header.len())));
        for row in rows {
            self.line(format!("| {} |", row.join(" | ")));
        }
    }
}

fn header(md: &mut Memo, b: &Briefing) {
    let meta = &b.meta;
    md.block(format!("# {}", inline(&meta.title)));
    let mut facts = Vec::new();
    if let Some(location) = &meta.location {
        facts.push(format!("- **Location:** {}", inline(location)));
    }
    // Worded as the dashboard's header words it: what lies after `as_of`
    // could only be expected when it was written.
    let dates = span_text(meta.starts, meta.ends, meta.as_of);
    if !dates.is_empty() {
        facts.push(format!("- **Dates:** {dates}"));
    }
    facts.push(format!("- **As of:** {}", meta.as_of));
    md.block(facts.join("\n"));
    if let Some(summary) = &meta.summary {
        md.block(paragraph(summary).join("\n"));
    }
}

fn parties(md: &mut Memo, b: &Briefing) {
    if b.parties.is_empty() {
        return;
    }
    md.block("## Parties");
    for party in &b.parties {
        md.block(format!(
            "### {} ({}), {}",
            inline(&party.name),
            inline(&party.short),
            party.role.as_str()
        ));
        if let Some(summary) = &party.summary {
            md.block(paragraph(summary).join("\n"));
        }
        if !party.delegation.is_empty() {
            md.block("**Delegation**");
            md.table(
                &["Name", "Title", "Lead", "Sources"].map(String::from),
                party.delegation.iter().map(|d| {
                    vec![
                        format!("{}{}", contested_mark(&d.discrepancies), inline(&d.name)),
                        d.title.as_deref().map(inline).unwrap_or_default(),
                        if d.lead { "lead" } else { "" }.into(),
                        ids(&d.sources),
                    ]
                }),
            );
        }
        let (red_lines, others): (Vec<&Position>, Vec<&Position>) =
            party.positions.iter().partition(|p| p.red_line);
        for (heading, positions) in [
            ("**Red lines**", red_lines),
            ("**Other positions**", others),
        ] {
            if positions.is_empty() {
                continue;
            }
            md.block(heading);
            md.list(
                positions
                    .into_iter()
                    .map(|p| format!("- {}", position_item(b, p))),
            );
        }
    }
}

/// A position with its red-line marker and basis, its sticking point, the
/// quotes behind it, its sources and what contests it.
fn position_item(b: &Briefing, position: &Position) -> String {
    let mut item = marked(position);
    let mut notes = Vec::new();
    if let Some(topic) = &position.topic {
        let title = b.sticking_point(topic).map_or(topic, |s| &s.title);
        notes.push(format!("sticking point: {}", inline(title)));
    }
    if !position.quotes.is_empty() {
        notes.push(format!("quotes: {}", ids(&position.quotes)));
    }
    notes.push(if position.sources.is_empty() {
        "no sources".into()
    } else {
        format!("sources: {}", ids(&position.sources))
    });
    if !position.discrepancies.is_empty() {
        notes.push(format!("contested: {}", ids(&position.discrepancies)));
    }
    write!(item, " ({})", notes.join("; ")).expect("writing to a String");
    item
}

/// The position's text after its kind and basis, and `≠` when contested:
/// `**red line, stated**: ...`, `*reported*: ...`. A position whose basis
/// the file does not give says so, rather than reading as the party's word.
fn marked(position: &Position) -> String {
    let basis = position.basis.map_or("basis not given", Basis::as_str);
    let label = if position.red_line {
        format!("**red line, {basis}**")
    } else {
        format!("*{basis}*")
    };
    format!(
        "{}{label}: {}",
        contested_mark(&position.discrepancies),
        inline(&position.text)
    )
}

/// `≠ ` before an item that discrepancies contest.
fn contested_mark<T>(discrepancies: &[T]) -> &'static str {
    if discrepancies.is_empty() { "" } else { "≠ " }
}

/// The matrix: a row per sticking point, a column per party and mediator
/// (and per host or observer that has a position on any sticking point).
fn sticking_points(md: &mut Memo, b: &Briefing) {
    if b.sticking_points.is_empty() {
        return;
    }
    md.block("## Sticking points");
    let on_the_table = |p: &Party| {
        p.positions.iter().any(|pos| {
            pos.topic
                .as_deref()
                .is_some_and(|t| b.sticking_point(t).is_some())
        })
    };
    let columns: Vec<&Party> = b
        .parties
        .iter()
        .filter(|p| matches!(p.role, Role::Party | Role::Mediator) || on_the_table(p))
        .collect();
    let header = ["Sticking point".to_string(), "Status".to_string()]
        .into_iter()
        .chain(columns.iter().map(|p| inline(&p.name)))
        .collect::<Vec<_>>();
    md.table(
        &header,
        b.sticking_points.iter().map(|point| {
            let cells = columns.iter().map(|party| {
                let mut stance: Vec<&Position> = party
                    .positions
                    .iter()
                    .filter(|p| p.topic.as_deref() == Some(point.id.as_str()))
                    .collect();
                stance.sort_by_key(|p| !p.red_line);
                if stance.is_empty() {
                    "—".to_string()
                } else {
                    stance
                        .into_iter()
                        .map(marked)
                        .collect::<Vec<_>>()
                        .join("<br>")
                }
            });
            [inline(&point.title), point.status.as_str().to_string()]
                .into_iter()
                .chain(cells)
                .collect()
        }),
    );
    md.list(b.sticking_points.iter().map(|point| {
        let summary = point.summary.as_deref().map(inline);
        format!(
            "- **{}** ({}){}",
            inline(&point.title),
            point.status.as_str(),
            summary.map(|s| format!(": {s}")).unwrap_or_default()
        )
    }));
}

fn timeline(md: &mut Memo, b: &Briefing) {
    if b.events.is_empty() {
        return;
    }
    md.block("## Timeline");
    let mut events: Vec<_> = b.events.iter().collect();
    events.sort_by_key(|e| e.date);
    md.list(events.into_iter().map(|event| {
        let expected = if b.is_expected(event.date) {
            " (expected)"
        } else {
            ""
        };
        let mut item = format!(
            "- {}**{}**{expected}: {}",
            contested_mark(&event.discrepancies),
            event.date,
            inline(&event.title)
        );
        if let Some(detail) = &event.detail {
            write!(item, ". {}", inline(detail)).expect("writing to a String");
        }
        if !event.sources.is_empty() {
            write!(item, " (sources: {})", ids(&event.sources)).expect("writing to a String");
        }
        if !event.discrepancies.is_empty() {
            write!(item, " (contested: {})", ids(&event.discrepancies))
                .expect("writing to a String");
        }
        item
    }));
}

fn quotes(md: &mut Memo, b: &Briefing) {
    if b.quotes.is_empty() {
        return;
    }
    md.block("## Quotes");
    for quote in quotes_newest_first(b) {
        let mut lines: Vec<String> = Vec::new();
        if quote.kind == QuoteKind::Headline {
            lines.push("> **Headline**: a headline's words, not the speaker's own".into());
            lines.push(">".into());
        }
        lines.extend(paragraph(&quote.text).into_iter().map(|line| quoted(&line)));
        lines.push(">".into());
        lines.push(format!(
            "> — {} ({})",
            inline(&citation(b, quote)),
            id(&quote.source)
        ));
        // Two spaces end a line inside the blockquote (a hard break).
        if let Some(context) = &quote.context {
            let last = lines.last_mut().expect("the citation line");
            last.push_str("  ");
            lines.push(format!("> Context: {}", inline(context)));
        }
        if !quote.discrepancies.is_empty() {
            let last = lines.last_mut().expect("the citation line");
            last.push_str("  ");
            lines.push(format!("> ≠ Contested: {}", ids(&quote.discrepancies)));
        }
        md.block(lines.join("\n"));
    }
}

fn sources(md: &mut Memo, b: &Briefing) {
    if b.sources.is_empty() {
        return;
    }
    md.block("## Sources");
    md.list(b.sources.iter().flat_map(|source| {
        let item = format!("- **{}** ({})", inline(&source.outlet), id(&source.id));
        std::iter::once(item).chain(
            source_details(source)
                .into_iter()
                .map(|d| format!("  - {d}")),
        )
    }));
}

fn source_details(source: &Source) -> Vec<String> {
    let mut details = Vec::new();
    if let Some(title) = &source.title {
        details.push(format!("Headline: {}", inline(title)));
    }
    if let Some(published) = source.published {
        details.push(format!("Published: {published}"));
    }
    if let Some(url) = &source.url {
        details.push(format!("URL: {}", link(url)));
    }
    if let Some(framing) = &source.framing {
        details.push(format!("Framing: {}", inline(framing)));
    }
    details
}

fn discrepancies(md: &mut Memo, b: &Briefing) {
    if b.discrepancies.is_empty() {
        return;
    }
    md.block("## Discrepancies");
    for discrepancy in &b.discrepancies {
        let slug = discrepancy
            .id
            .as_deref()
            .map(|d| format!(" ({})", id(d)))
            .unwrap_or_default();
        md.block(format!("### {}{slug}", inline(&discrepancy.subject)));
        if let Some(note) = &discrepancy.note {
            md.block(paragraph(note).join("\n"));
        }
        md.list(discrepancy.accounts.iter().map(|account| {
            let outlet = b.source(&account.source).map_or("", |s| s.outlet.as_str());
            format!(
                "- **{}** ({}): {}",
                inline(outlet),
                id(&account.source),
                inline(&account.says)
            )
        }));
    }
}

/// File text inside a line (a heading, list item or table cell): sanitised,
/// on one line (a newline becomes a space), markdown's characters escaped.
pub fn inline(text: &str) -> String {
    let safe = sanitize(text);
    let words: Vec<&str> = safe
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    escape(&words.join(" "))
}

/// File text as lines of its own (a paragraph or a quote), its line breaks
/// kept; no line can start a heading, list, rule or code block.
fn paragraph(text: &str) -> Vec<String> {
    sanitize(text.trim())
        .split('\n')
        .map(|line| {
            let line = escape(line.trim());
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let first = line[digits..].chars().next();
            let starts_block = match first {
                Some('.' | ')') => digits > 0,
                Some('-' | '+' | '=') => digits == 0,
                _ => false,
            };
            if starts_block {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line
            }
        })
        .collect()
}

fn quoted(line: &str) -> String {
    if line.is_empty() {
        ">".into()
    } else {
        format!("> {line}")
    }
}

/// Backslash before every character markdown (CommonMark and GFM) could read
/// as markup; each is ASCII punctuation, so the escape is always valid.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Source ids as code: `s000`, `s002`.
fn ids(list: &[impl AsRef<str>]) -> String {
    list.iter()
        .map(|i| id(i.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An id as code, `s000` (ids are slugs; anything else is escaped text).
fn id(id: &str) -> String {
    let safe = sanitize(id);
    if safe.contains(['`', '\n']) {
        inline(id)
    } else {
        format!("`{safe}`")
    }
}

/// A URL as an autolink when it can be one, else as escaped text.
fn link(url: &str) -> String {
    let safe = sanitize(url);
    if safe == url && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        format!("<{url}>")
    } else {
        inline(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::shipped;
    use crate::text::is_forbidden_control;

    #[test]
    fn the_memo_of_the_shipped_briefing_has_every_section() {
        let memo = render(&shipped());
        assert!(memo.starts_with("# Trilateral Russia-US-Ukraine security talks, Abu Dhabi\n\n- **Location:** Abu Dhabi, United Arab Emirates\n- **Dates:** 23–24 Jan 2026 (24 Jan expected)\n- **As of:** 2026-01-23\n"), "{memo}");
        for heading in [
            "## Parties",
            "## Sticking points",
            "## Timeline",
            "## Quotes",
            "## Sources",
            "## Discrepancies",
        ] {
            assert!(memo.contains(&format!("\n{heading}\n")), "{heading}");
        }
        assert!(memo.contains("\n### Ukraine (UA), party\n"));
        assert!(memo.contains("\n### United Arab Emirates (UAE), host\n"));
        assert!(memo.contains("\n| Sticking point | Status | Ukraine | Russia | United States |\n| --- | --- | --- | --- | --- |\n"));
        assert!(memo.contains("| Name | Title | Lead | Sources |"));
        assert!(memo.contains("- **red line, "));
        assert!(memo.ends_with('\n') && !memo.ends_with("\n\n"));
    }

    /// The memo's "Dates:" line for round 1 of the Kelmar Strait talks (8 to
    /// 9 May 2031) with `edit` applied.
    fn dates_line(edit: impl Fn(&str) -> String) -> String {
        let document = crate::briefing::Document {
            name: "round1.toml".into(),
            text: edit(include_str!("../../tests/fixtures/rounds/round1.toml")),
            dir: None,
        };
        let briefing = crate::briefing::load(&document).expect("valid").briefing;
        let memo = render(&briefing);
        let line = memo.lines().find(|l| l.starts_with("- **Dates:** "));
        line.unwrap_or_else(|| panic!("no dates line in\n{memo}"))
            .to_string()
    }

    #[test]
    fn the_dates_line_says_expected_for_what_lies_after_as_of() {
        let as_of = |date: &'static str| {
            move |text: &str| text.replace("as_of = 2031-05-10", &format!("as_of = {date}"))
        };
        assert_eq!(dates_line(as_of("2031-05-10")), "- **Dates:** 8–9 May 2031");
        assert_eq!(
            dates_line(as_of("2031-05-08")),
            "- **Dates:** 8–9 May 2031 (9 May expected)"
        );
        assert_eq!(
            dates_line(as_of("2031-05-01")),
            "- **Dates:** 8–9 May 2031 (expected)"
        );
        let starts_only =
            |text: &str| as_of("2031-05-01")(&text.replace("ends = 2031-05-09\n", ""));
        assert_eq!(
            dates_line(starts_only),
            "- **Dates:** expected from 8 May 2031"
        );
    }

    /// A briefing written by someone else with every evidence key.
    fn orchard() -> Briefing {
        let document = crate::briefing::Document {
            name: "orchard-evidence.toml".into(),
            text: include_str!("../../tests/fixtures/briefings/orchard-evidence.toml").into(),
            dir: None,
        };
        crate::briefing::load(&document)
            .expect("the orchard fixture is valid")
            .briefing
    }

    #[test]
    fn the_memo_says_how_each_line_is_known_and_what_is_contested() {
        let memo = render(&orchard());
        for expected in [
            "- **Dates:** Mar 2031–2 Apr 2031 (end expected)\n",
            "| ≠ Ilse Marrow | Chief negotiator | lead | `gazette` |\n",
            "- **red line, stated**: Will not accept any diversion of the upper channel. (sticking point: The upper channel; quotes: `marrow-channel`; sources: `gazette`)\n",
            "- ≠ *reported*: Wants a fixed summer quota. (sticking point: Summer quota; sources: `bulletin`; contested: `quota-size`)\n",
            "- **red line, inferred**: Appears to make a shared reservoir",
            "- **2029**: The drought",
            "- **2031-03**: Second round opens",
            "- **2031-04-02** (expected): Second round due to close",
            "> **Headline**: a headline's words, not the speaker's own\n>\n> Thirsty orchards cannot wait\n>\n> — Oren Vale (Southern Growers' League), Valmere Gazette, undated (published 2031-03-13) (`gazette`)  \n> ≠ Contested: `quota-size`\n",
            "### The summer quota on the table (`quota-size`)\n",
        ] {
            assert!(memo.contains(expected), "{expected}\nnot in\n{memo}");
        }
        // A red line without a basis never reads as stated.
        let mut briefing = orchard();
        briefing.parties[0].positions[0].basis = None;
        assert!(render(&briefing).contains("- **red line, basis not given**: Will not accept"));
    }

    #[test]
    fn every_table_row_has_as_many_cells_as_its_header() {
        let memo = render(&shipped());
        let mut width = 0;
        for line in memo.lines() {
            if !line.starts_with('|') {
                width = 0;
                continue;
            }
            let cells = line.replace("\\|", "").matches('|').count();
            if width == 0 {
                width = cells;
            }
            assert_eq!(cells, width, "{line}");
        }
    }

    #[test]
    fn markup_in_file_text_is_escaped() {
        assert_eq!(
            inline("a | b\nc *d* [e](f) <g>"),
            "a \\| b c \\*d\\* \\[e\\](f) \\<g\\>"
        );
        assert_eq!(
            paragraph("# Title\n- item\n1. one\n12) two\n=== \n  code"),
            [
                "\\# Title",
                "\\- item",
                "1\\. one",
                "12\\) two",
                "\\===",
                "code"
            ]
        );
        assert_eq!(paragraph("-1 is 1.5"), ["\\-1 is 1.5"]);
        assert_eq!(ids(&["s000", "s-1"]), "`s000`, `s-1`");
        assert_eq!(link("https://example.org/a_b"), "<https://example.org/a_b>");
        assert_eq!(link("https://x.org/<script>"), "https://x.org/\\<script\\>");
    }

    #[test]
    fn file_text_cannot_bring_control_characters_or_obeyed_bidi_controls() {
        let mut briefing = shipped();
        briefing.meta.title = "bell\u{7}\u{1b}[2J\u{9b}\r".into();
        briefing.parties[0].name = "Ukr\u{202e}aine\tX".into();
        briefing.quotes[0].text = "line one\u{2066}\nline two\u{85}".into();
        let memo = render(&briefing);
        assert!(!memo.chars().any(|c| c != '\n' && is_forbidden_control(c)));
        assert!(!memo.chars().any(crate::text::is_bidi_control));
        assert!(
            memo.starts_with("# bell\\\\u{7}\\\\u{1b}\\[2J\\\\u{9b}\\\\u{d}\n"),
            "{memo}"
        );
        assert!(memo.contains("### Ukr\\<U+202E\\>aine X (UA), party"));
    }

    #[test]
    fn multi_line_quotes_stay_one_blockquote_with_their_citation() {
        let mut briefing = shipped();
        briefing.quotes.truncate(1);
        briefing.quotes[0].text = "first line\n\n- not a list".into();
        briefing.quotes[0].said_on =
            Some(chrono::NaiveDate::from_ymd_opt(2026, 1, 23).unwrap().into());
        briefing.quotes[0].context = None;
        let memo = render(&briefing);
        assert!(memo.contains("## Quotes\n\n> first line\n>\n> \\- not a list\n>\n> — Yuri Ushakov (Russia), Unattributed news report, 2026-01-23 (`s000`)\n"), "{memo}");
    }
}
