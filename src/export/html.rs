//! The briefing as one self-contained HTML page for people who read in a
//! browser, in email or on paper: inline style and script, no request to
//! anywhere, and a Content-Security-Policy that lets only those two run.
//!
//! Every string from the file is sanitised ([`crate::text::sanitize`]) and
//! then HTML-escaped by maud, so a party named `<img onerror=...>` is shown as
//! text. Party colours reach the stylesheet only after [`css_colour`] has
//! parsed them into `#rrggbb`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};
use sha2::{Digest, Sha256};

use super::{quote_date, quotes_newest_first};
use crate::briefing::verbatim::{normalize, plain_typography};
use crate::briefing::{
    Basis, Briefing, Discrepancy, PartialDate, Party, Position, Quote, QuoteKind, Role, Source,
    StickingPoint,
};
use crate::text::sanitize;

/// The full texts of the briefing's sources that could be read, by source id.
#[derive(Debug, Default, Clone)]
pub struct SourceTexts(BTreeMap<String, String>);

impl SourceTexts {
    fn get(&self, source: &str) -> Option<&str> {
        self.0.get(source).map(String::as_str)
    }
}

/// The texts of the sources that have a `text_file`, read from `dir` (the
/// briefing's folder; an embedded briefing has none). A file that cannot be
/// read is left out: the page then shows no "in context" for its quotes.
pub fn source_texts(briefing: &Briefing, dir: Option<&Path>) -> SourceTexts {
    let Some(dir) = dir else {
        return SourceTexts::default();
    };
    SourceTexts(
        briefing
            .sources
            .iter()
            .filter_map(|source| {
                let file = source.text_file.as_deref()?;
                let text = crate::briefing::TextFolder::from(dir)
                    .read(file, crate::briefing::bounded::limit::TEXT_FILE)
                    .ok()?
                    .into_owned();
                Some((source.id.clone(), text))
            })
            .collect(),
    )
}

/// The page: header, red lines, parties, sticking points, quotes, sources
/// (with their discrepancies) and timeline, each a `<section>` with its id.
pub fn render(briefing: &Briefing, texts: &SourceTexts) -> String {
    let style = stylesheet(briefing);
    let policy = content_security_policy(&style, FILTER_SCRIPT);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (Text(&briefing.meta.title)) }
                style { (PreEscaped(&style)) }
            }
            body {
                nav aria-label="Sections" {
                    ul {
                        @for (id, heading) in SECTIONS {
                            li { a href=(format!("#{id}")) { (heading) } }
                        }
                    }
                }
                main {
                    (header(briefing))
                    (red_lines(briefing))
                    (parties(briefing))
                    (sticking_points(briefing))
                    (quotes(briefing, texts))
                    (sources(briefing))
                    (timeline(briefing))
                }
                script { (PreEscaped(FILTER_SCRIPT)) }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// The sections after the header, their ids and headings, in page order.
const SECTIONS: [(&str, &str); 6] = [
    ("red-lines", "Red lines"),
    ("parties", "Parties"),
    ("sticking-points", "Sticking points"),
    ("quotes", "Quotes"),
    ("sources", "Sources"),
    ("timeline", "Timeline"),
];

fn heading(id: &str) -> &'static str {
    SECTIONS
        .iter()
        .find(|(section, _)| *section == id)
        .map_or("", |(_, heading)| heading)
}

/// Text from the briefing file: sanitised, then escaped as it is written.
struct Text<'a>(&'a str);

impl Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        sanitize(self.0).as_ref().render_to(buffer);
    }
}

/// `default-src 'none'` and the page's own style and script by hash: nothing
/// else loads or runs, not even an inline handler smuggled into the markup.
fn content_security_policy(style: &str, script: &str) -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'",
        sha256_source(style),
        sha256_source(script)
    )
}

/// A CSP hash source: `'sha256-<base64 of the digest of the exact bytes>'`.
fn sha256_source(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn header(b: &Briefing) -> Markup {
    let meta = &b.meta;
    let as_of = meta.as_of;
    html! {
        section #header {
            h1 { (Text(&meta.title)) }
            dl.facts {
                @if let Some(location) = &meta.location {
                    dt { "Place" } dd { (Text(location)) }
                }
                @if meta.starts.is_some() || meta.ends.is_some() {
                    dt { "Dates" }
                    dd {
                        @match (meta.starts, meta.ends) {
                            (Some(starts), Some(ends)) if starts == ends => { (when(starts, as_of)) }
                            (Some(starts), Some(ends)) => { (when(starts, as_of)) " to " (when(ends, as_of)) }
                            (Some(starts), None) => { "from " (when(starts, as_of)) }
                            (None, Some(ends)) => { "until " (when(ends, as_of)) }
                            (None, None) => {}
                        }
                    }
                }
                dt { "As of" } dd { (date(as_of)) }
            }
            @if let Some(summary) = &meta.summary {
                p.summary.text { (Text(summary.trim())) }
            }
        }
    }
}

/// A date at its precision, marked "expected" when it lies after the
/// briefing's `as_of`.
fn when(day: PartialDate, as_of: PartialDate) -> Markup {
    html! {
        (date(day))
        @if day.is_after(as_of) { " " span.expected { "(expected)" } }
    }
}

/// `Fri 23 Jan 2026`, `Aug 2025` or `2014`, as precise as the source.
fn date(day: PartialDate) -> Markup {
    html! { time datetime=(day.to_string()) { (day.human()) } }
}

/// The parties at the table (parties and mediators; every party when none
/// is either): the columns of the red-lines view and the matrix.
fn at_the_table(b: &Briefing) -> Vec<&Party> {
    let at_table: Vec<&Party> = b
        .parties
        .iter()
        .filter(|p| matches!(p.role, Role::Party | Role::Mediator))
        .collect();
    if at_table.is_empty() {
        b.parties.iter().collect()
    } else {
        at_table
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Party => "Party",
        Role::Mediator => "Mediator",
        Role::Host => "Host",
        Role::Observer => "Observer",
    }
}

/// The class that gives a party's elements its colour (see [`stylesheet`]).
fn party_class(b: &Briefing, party: &Party) -> String {
    let index = b.parties.iter().position(|p| p.id == party.id);
    format!("party-{}", index.unwrap_or(0))
}

fn red_lines(b: &Briefing) -> Markup {
    let columns = at_the_table(b);
    let others: Vec<&Party> = b
        .parties
        .iter()
        .filter(|p| !columns.iter().any(|c| c.id == p.id))
        .collect();
    html! {
        section #red-lines {
            h2 { (heading("red-lines")) }
            @if !others.is_empty() {
                ul.others {
                    @for party in &others {
                        li.(party_class(b, party)) {
                            span.muted { (role_name(party.role)) ": " }
                            a href=(format!("#party-{}", party.id)) { (Text(&party.name)) }
                        }
                    }
                }
            }
            div.columns {
                @for party in &columns {
                    article.column.(party_class(b, party)) {
                        h3 { a href=(format!("#party-{}", party.id)) { (Text(&party.name)) } " " span.muted { "(" (Text(&party.short)) ")" } }
                        p.lead {
                            @if let Some(lead) = party.lead() {
                                "Lead: " strong { (Text(&lead.name)) }
                                @if let Some(title) = &lead.title { ", " (Text(title)) }
                                br;
                            }
                            "Delegation: " (party.delegation.len())
                        }
                        @let red: Vec<&Position> = party.red_lines().collect();
                        @let other: Vec<&Position> = party.positions.iter().filter(|p| !p.red_line).collect();
                        @if !red.is_empty() {
                            ul.positions { @for position in &red { (position_item(b, position, true)) } }
                        }
                        @if !other.is_empty() {
                            ul.positions { @for position in &other { (position_item(b, position, true)) } }
                        }
                    }
                }
            }
        }
    }
}

/// A position: its red-line marker, its text, its sticking point (when
/// `with_topic`) and its citations.
fn position_item(b: &Briefing, position: &Position, with_topic: bool) -> Markup {
    html! {
        li.red-line[position.red_line] {
            @if position.red_line { span.marker { "■ red line" } " " }
            (basis(position))
            (Text(&position.text))
            @if with_topic {
                @if let Some(point) = position.topic.as_deref().and_then(|t| b.sticking_point(t)) {
                    " " span.topic { "(" (Text(&point.title)) ")" }
                }
            }
            @for id in &position.quotes {
                " " a.cite href=(format!("#quote-{id}")) title="The party's own words" { "[“" (Text(id)) "”]" }
            }
            (cites(b, &position.sources))
            (contested(b, &position.discrepancies))
        }
    }
}

/// How a position is known: stated (the party's words), reported (a
/// source's narration) or inferred (the author's reading). A red line
/// that does not say is marked too, so a reader never takes it as stated.
fn basis(position: &Position) -> Markup {
    html! {
        @match position.basis {
            Some(basis) => { span class=(format!("basis basis-{}", basis.as_str())) title=(basis_meaning(basis)) { (basis.as_str()) } " " }
            None if position.red_line => { span.basis title="The briefing does not say how this is known" { "basis not given" } " " }
            None => {}
        }
    }
}

fn basis_meaning(basis: Basis) -> &'static str {
    match basis {
        Basis::Stated => "The party says it in its own words",
        Basis::Reported => "A source reports it as the party's position",
        Basis::Inferred => "The briefing's author reads it from what is reported",
    }
}

/// The mark of a contested item (≠), linking each discrepancy that
/// contests it, where its accounts stand side by side.
fn contested<S: AsRef<str>>(b: &Briefing, ids: &[S]) -> Markup {
    html! {
        @for id in ids {
            @let id = id.as_ref();
            " "
            a.contested href=(format!("#discrepancy-{id}")) title=[b.discrepancy(id).map(|d| sanitize(&d.subject).into_owned())] {
                "≠ contested"
            }
        }
    }
}

/// The anchor of a discrepancy: its id, or its place in the file when it
/// has none (nothing links to it then). The dot, which no id can hold,
/// keeps `discrepancy.1` apart from a discrepancy whose id is `1`.
fn discrepancy_anchor(index: usize, discrepancy: &Discrepancy) -> String {
    match &discrepancy.id {
        Some(id) => format!("discrepancy-{id}"),
        None => format!("discrepancy.{}", index + 1),
    }
}

/// Links to the cited sources' entries: ` [s000] [s002]`.
fn cites(b: &Briefing, sources: &[String]) -> Markup {
    html! {
        @for id in sources {
            " "
            a.cite href=(format!("#source-{id}")) title=[b.source(id).map(|s| sanitize(&s.outlet).into_owned())] {
                "[" (Text(id)) "]"
            }
        }
    }
}

fn parties(b: &Briefing) -> Markup {
    html! {
        section #parties {
            h2 { (heading("parties")) }
            @for party in &b.parties {
                article.party.(party_class(b, party)) id=(format!("party-{}", party.id)) {
                    h3 { (Text(&party.name)) " " span.muted { "(" (Text(&party.short)) "), " (party.role.as_str()) } }
                    @if let Some(summary) = &party.summary { p.text { (Text(summary.trim())) } }
                    @if !party.delegation.is_empty() {
                        table.delegation {
                            caption { "Delegation" }
                            thead { tr { th scope="col" { "Name" } th scope="col" { "Title" } th scope="col" { "Lead" } th scope="col" { "Sources" } } }
                            tbody {
                                @for delegate in &party.delegation {
                                    tr {
                                        th scope="row" { (Text(&delegate.name)) (contested(b, &delegate.discrepancies)) }
                                        td { @if let Some(title) = &delegate.title { (Text(title)) } }
                                        td { @if delegate.lead { "lead" } }
                                        td { (cites(b, &delegate.sources)) }
                                    }
                                }
                            }
                        }
                    }
                    @for (point, positions) in by_sticking_point(b, party) {
                        h4 { (Text(point.map_or("Not tied to a sticking point", |p| p.title.as_str()))) }
                        ul.positions { @for position in positions { (position_item(b, position, false)) } }
                    }
                }
            }
        }
    }
}

/// A party's positions grouped by sticking point, in the briefing's order of
/// sticking points (red lines first in each), then those tied to none.
fn by_sticking_point<'a>(
    b: &'a Briefing,
    party: &'a Party,
) -> Vec<(Option<&'a StickingPoint>, Vec<&'a Position>)> {
    let mut untied: Vec<&Position> = party
        .positions
        .iter()
        .filter(|p| {
            p.topic
                .as_deref()
                .is_none_or(|t| b.sticking_point(t).is_none())
        })
        .collect();
    untied.sort_by_key(|p| !p.red_line);
    b.sticking_points
        .iter()
        .map(|point| (Some(point), stance(party, &point.id)))
        .chain(std::iter::once((None, untied)))
        .filter(|(_, positions)| !positions.is_empty())
        .collect()
}

/// The matrix: a row per sticking point, a column per party at the table
/// (and per other party with a position on a sticking point).
fn sticking_points(b: &Briefing) -> Markup {
    let table = at_the_table(b);
    let columns: Vec<&Party> = b
        .parties
        .iter()
        .filter(|p| {
            table.iter().any(|t| t.id == p.id)
                || p.positions.iter().any(|pos| {
                    pos.topic
                        .as_deref()
                        .is_some_and(|t| b.sticking_point(t).is_some())
                })
        })
        .collect();
    html! {
        section #sticking-points {
            h2 { (heading("sticking-points")) }
            @if !b.sticking_points.is_empty() {
                div.matrix {
                    table {
                        thead {
                            tr {
                                th scope="col" { "Sticking point" }
                                th scope="col" { "Status" }
                                @for party in &columns { th.(party_class(b, party)) scope="col" { (Text(&party.name)) } }
                            }
                        }
                        tbody {
                            @for point in &b.sticking_points {
                                tr {
                                    th scope="row" {
                                        (Text(&point.title))
                                        @if let Some(summary) = &point.summary { p.summary.text { (Text(summary.trim())) } }
                                    }
                                    td { (point.status.as_str()) }
                                    @for party in &columns {
                                        @let stance = stance(party, &point.id);
                                        td class=[stance.iter().any(|p| p.red_line).then_some("red-line")] {
                                            @if stance.is_empty() { span.muted { "—" } }
                                            @else { ul.positions { @for position in stance { (position_item(b, position, false)) } } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A party's positions on one sticking point, red lines first.
fn stance<'a>(party: &'a Party, topic: &str) -> Vec<&'a Position> {
    let mut positions: Vec<&Position> = party
        .positions
        .iter()
        .filter(|p| p.topic.as_deref() == Some(topic))
        .collect();
    positions.sort_by_key(|p| !p.red_line);
    positions
}

fn quotes(b: &Briefing, texts: &SourceTexts) -> Markup {
    html! {
        section #quotes {
            h2 { (heading("quotes")) }
            div.filter role="search" {
                label for="filter" { "Filter quotes " }
                input #filter type="search" autocomplete="off" placeholder="words, all must match";
                " " output #filter-count for="filter" aria-live="polite" {}
            }
            @for quote in quotes_newest_first(b) { (quote_item(b, quote, texts)) }
        }
    }
}

fn quote_item(b: &Briefing, quote: &Quote, texts: &SourceTexts) -> Markup {
    let party = quote.party.as_deref().and_then(|id| b.party(id));
    let source = b.source(&quote.source);
    let passage = texts.get(&quote.source).map(|text| in_context(quote, text));
    let headline = quote.kind == QuoteKind::Headline;
    html! {
        article.quote.(party.map(|p| party_class(b, p)).unwrap_or_default()).headline[headline] id=(format!("quote-{}", quote.id)) {
            div.quote-main {
                @if headline {
                    p.kind { span.headline-mark { "Headline" } " — words from a headline, standfirst or caption, not the speaker's own" }
                }
                blockquote.text { (Text(quote.text.trim())) }
                p.said {
                    "— " strong { (Text(&quote.speaker)) }
                    @if let Some(party) = party { " (" (Text(&party.name)) ")" }
                    ", "
                    @match (quote_date(quote), source.and_then(|s| s.published)) {
                        (Some(day), _) => { (when(day, b.meta.as_of)) }
                        (None, Some(published)) => { "undated (published " (date(published)) ")" }
                        (None, None) => { "undated" }
                    }
                    ", "
                    a href=(format!("#source-{}", quote.source)) {
                        (Text(source.map_or(quote.source.as_str(), |s| s.outlet.as_str())))
                    }
                }
                @if let Some(context) = &quote.context { p.context.muted { (Text(context)) } }
                @if !quote.discrepancies.is_empty() { p.context { (contested(b, &quote.discrepancies)) } }
            }
            @if let Some(passage) = passage {
                details { summary { "In context" } (passage) }
            }
        }
    }
}

/// The source's whole text with the quote's words marked (each part of an
/// elided quote on its own).
fn in_context(quote: &Quote, text: &str) -> Markup {
    let marks = locate(&quote.text, text);
    let mut pieces = Vec::new();
    let mut at = 0;
    for range in &marks {
        pieces.push((&text[at..range.start], false));
        pieces.push((&text[range.clone()], true));
        at = range.end;
    }
    pieces.push((&text[at..], false));
    html! {
        div.article.text {
            @for (piece, marked) in pieces {
                @if marked { mark { (Text(piece)) } } @else { (Text(piece)) }
            }
        }
    }
}

/// Where each part of `quote` stands in `text`, as [`normalize`] compares
/// them (typography and whitespace runs forgiven, `...` an elision): byte
/// ranges of `text`, in order. Empty when the quote is not there.
fn locate(quote: &str, text: &str) -> Vec<Range<usize>> {
    // The text normalised as `normalize` does, with the byte range of the
    // original each normalised byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<Range<usize>> = Vec::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() {
            let mut end = at + c.len_utf8();
            while let Some(&(next, w)) = chars.peek().filter(|(_, w)| w.is_whitespace()) {
                end = next + w.len_utf8();
                chars.next();
            }
            folded.push(' ');
            origin.push(at..end);
            continue;
        }
        let plain = plain_typography(c);
        folded.push(plain);
        origin.extend(std::iter::repeat_n(at..at + c.len_utf8(), plain.len_utf8()));
    }
    let quote = normalize(quote).replace('…', "...");
    let mut from = 0;
    let mut ranges = Vec::new();
    for part in quote.split("...").map(str::trim).filter(|p| !p.is_empty()) {
        let Some(found) = folded[from..].find(part) else {
            return Vec::new();
        };
        let start = from + found;
        from = start + part.len();
        ranges.push(origin[start].start..origin[from - 1].end);
    }
    ranges
}

fn sources(b: &Briefing) -> Markup {
    html! {
        section #sources {
            h2 { (heading("sources")) }
            ol.sources {
                @for source in &b.sources { (source_item(source)) }
            }
            @if !b.discrepancies.is_empty() {
                h3 { "Discrepancies" }
                @for (i, discrepancy) in b.discrepancies.iter().enumerate() {
                    article.discrepancy id=(discrepancy_anchor(i, discrepancy)) {
                        h4 { (Text(&discrepancy.subject)) }
                        @if let Some(note) = &discrepancy.note { p.text { (Text(note.trim())) } }
                        ul.accounts {
                            @for account in &discrepancy.accounts {
                                li.account {
                                    a href=(format!("#source-{}", account.source)) {
                                        (Text(b.source(&account.source).map_or(account.source.as_str(), |s| s.outlet.as_str())))
                                        " [" (Text(&account.source)) "]"
                                    }
                                    p.text { (Text(account.says.trim())) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn source_item(source: &Source) -> Markup {
    html! {
        li id=(format!("source-{}", source.id)) {
            strong { (Text(&source.outlet)) } " " span.muted { "[" (Text(&source.id)) "]" }
            @if let Some(title) = &source.title { br; "“" (Text(title)) "”" }
            @if let Some(published) = source.published { br; "Published " (date(published)) }
            @if let Some(url) = &source.url {
                br;
                @if let Some(href) = safe_link(url) { a href=(href) rel="noreferrer" { (Text(url)) } }
                @else { span.muted { (Text(url)) } }
            }
            @if let Some(framing) = &source.framing { p.framing.text { (Text(framing.trim())) } }
        }
    }
}

/// A URL the page may link: http, https or mailto only (a `javascript:`
/// URL, or anything else, is shown as text).
fn safe_link(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme = url.split_once(':')?.0.to_ascii_lowercase();
    let linkable = matches!(scheme.as_str(), "http" | "https" | "mailto")
        && !url.chars().any(|c| c.is_control() || c.is_whitespace());
    linkable.then(|| sanitize(url).into_owned())
}

fn timeline(b: &Briefing) -> Markup {
    let mut events: Vec<_> = b.events.iter().collect();
    events.sort_by_key(|e| e.date);
    let as_of = b.meta.as_of;
    html! {
        section #timeline {
            h2 { (heading("timeline")) }
            ol.timeline {
                @for event in events {
                    li {
                        (when(event.date, as_of)) ": " strong { (Text(&event.title)) }
                        @if let Some(detail) = &event.detail { p.text { (Text(detail.trim())) } }
                        (cites(b, &event.sources))
                        (contested(b, &event.discrepancies))
                    }
                }
            }
        }
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours of one scheme. Each text colour is checked against each
/// background it is drawn on for WCAG AA (4.5:1) in the tests.
struct Palette {
    background: Rgb,
    /// Cards, columns, table heads.
    surface: Rgb,
    text: Rgb,
    muted: Rgb,
    link: Rgb,
    red_line: Rgb,
    /// Behind marked words in a source's text (drawn in `text`).
    mark: Rgb,
    /// Rules and borders (not text).
    border: Rgb,
}

const LIGHT: Palette = Palette {
    background: Rgb(0xff, 0xff, 0xff),
    surface: Rgb(0xf3, 0xf4, 0xf6),
    text: Rgb(0x1b, 0x1f, 0x24),
    muted: Rgb(0x55, 0x5d, 0x68),
    link: Rgb(0x05, 0x50, 0xae),
    red_line: Rgb(0xb0, 0x1e, 0x1e),
    mark: Rgb(0xff, 0xe8, 0x7a),
    border: Rgb(0xc4, 0xc9, 0xd0),
};

const DARK: Palette = Palette {
    background: Rgb(0x12, 0x16, 0x1c),
    surface: Rgb(0x1e, 0x24, 0x2c),
    text: Rgb(0xe6, 0xea, 0xef),
    muted: Rgb(0xa3, 0xad, 0xb8),
    link: Rgb(0x8c, 0xc4, 0xff),
    red_line: Rgb(0xff, 0x8f, 0x87),
    mark: Rgb(0x5a, 0x48, 0x00),
    border: Rgb(0x3d, 0x46, 0x51),
};

impl Palette {
    fn variables(&self) -> String {
        format!(
            "--bg:{};--surface:{};--fg:{};--muted:{};--link:{};--red:{};--mark:{};--border:{};",
            self.background,
            self.surface,
            self.text,
            self.muted,
            self.link,
            self.red_line,
            self.mark,
            self.border
        )
    }
}

/// The page's whole stylesheet: the two palettes, the layout, print rules,
/// and one rule per party colour.
fn stylesheet(b: &Briefing) -> String {
    let mut css = format!(
        ":root{{color-scheme:light dark;{}}}\n@media screen and (prefers-color-scheme:dark){{:root{{{}}}}}\n{}",
        LIGHT.variables(),
        DARK.variables(),
        LAYOUT_CSS
    );
    for (i, party) in b.parties.iter().enumerate() {
        if let Some(colour) = party.color.as_deref().and_then(css_colour) {
            writeln!(css, ".party-{i}{{--party:{colour}}}").expect("writing to a String");
        }
    }
    css
}

/// A party's `color` as CSS: `#rrggbb` as written, or a named ANSI colour as
/// a terminal shows it; anything else is no colour (never copied into CSS).
fn css_colour(colour: &str) -> Option<Rgb> {
    if let Some(hex) = colour.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    let name: String = colour
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    let rgb = match name.as_str() {
        "black" => Rgb(0x00, 0x00, 0x00),
        "red" => Rgb(0xcd, 0x00, 0x00),
        "green" => Rgb(0x00, 0xcd, 0x00),
        "yellow" => Rgb(0xcd, 0xcd, 0x00),
        "blue" => Rgb(0x00, 0x00, 0xee),
        "magenta" => Rgb(0xcd, 0x00, 0xcd),
        "cyan" => Rgb(0x00, 0xcd, 0xcd),
        "gray" | "grey" => Rgb(0xe5, 0xe5, 0xe5),
        "darkgray" | "darkgrey" => Rgb(0x7f, 0x7f, 0x7f),
        "lightred" => Rgb(0xff, 0x00, 0x00),
        "lightgreen" => Rgb(0x00, 0xff, 0x00),
        "lightyellow" => Rgb(0xff, 0xff, 0x00),
        "lightblue" => Rgb(0x5c, 0x5c, 0xff),
        "lightmagenta" => Rgb(0xff, 0x00, 0xff),
        "lightcyan" => Rgb(0x00, 0xff, 0xff),
        "white" => Rgb(0xff, 0xff, 0xff),
        _ => return None,
    };
    Some(rgb)
}

const LAYOUT_CSS: &str = r#"*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
nav{background:var(--surface);border-bottom:1px solid var(--border)}
nav ul{list-style:none;margin:0 auto;max-width:90rem;padding:.5rem 1.5rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
main{max-width:90rem;margin:0 auto;padding:1rem 1.5rem 3rem}
a{color:var(--link)}
h1{font-size:1.8rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.4rem;border-bottom:1px solid var(--border);padding-bottom:.25rem;margin:2.5rem 0 1rem}
h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:1rem 0 .25rem}
.text{white-space:pre-line}
.muted,.cite,.topic,.expected,.said,.context{color:var(--muted)}
.said strong{color:var(--fg)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.facts dt{font-weight:600}.facts dd{margin:0}
.others{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
.others li{border-left:.3rem solid var(--party,var(--border));padding-left:.5rem}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:1rem;align-items:start}
.column{background:var(--surface);border-top:.4rem solid var(--party,var(--border));border-radius:.25rem;padding:.25rem 1rem .75rem}
.column h3{margin-top:.5rem}
.positions{padding-left:1.1rem;margin:.5rem 0}
.positions li{margin:.35rem 0}
.marker{color:var(--red);font-weight:700}
.basis{font-size:.8em;text-transform:uppercase;letter-spacing:.04em;border:1px solid var(--muted);border-radius:.2rem;padding:0 .3rem;color:var(--muted);white-space:nowrap}
.basis-stated{color:var(--fg);border-color:var(--fg)}
.contested{color:var(--red);font-weight:600;white-space:nowrap}
.headline-mark{font-weight:700;text-transform:uppercase;font-size:.8em;letter-spacing:.04em;color:var(--fg);border:1px solid var(--fg);border-radius:.2rem;padding:0 .3rem}
.kind{margin:0 0 .25rem;color:var(--muted);font-size:.9em}
.quote.headline blockquote{font-style:italic}
.party{border-left:.3rem solid var(--party,var(--border));padding-left:1rem;margin:1.5rem 0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--border);padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--surface)}
thead th[class*=party-]{border-top:.3rem solid var(--party,var(--border))}
td.red-line{box-shadow:inset .3rem 0 0 var(--red)}
tbody th{font-weight:600}
tbody th .summary{font-weight:400;color:var(--muted);margin:.25rem 0 0}
.matrix{overflow-x:auto}
.filter{position:sticky;top:0;background:var(--bg);padding:.5rem 0;z-index:1}
.filter input{font:inherit;padding:.35rem .6rem;width:min(28rem,100%);color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:.25rem}
.quote{border-left:.3rem solid var(--party,var(--border));padding:.1rem 0 .1rem 1rem;margin:1.25rem 0;content-visibility:auto;contain-intrinsic-size:auto 6rem}
.quote blockquote{margin:0;font-size:1.05rem}
.said,.context{margin:.25rem 0}
details{margin:.25rem 0}
summary{cursor:pointer;color:var(--link)}
.article{background:var(--surface);padding:.75rem 1rem;border-radius:.25rem;margin-top:.5rem}
mark{background:var(--mark);color:var(--fg)}
.sources li{margin:.75rem 0}
.framing{margin:.25rem 0;color:var(--muted)}
.accounts{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem}
.account{background:var(--surface);border-radius:.25rem;padding:.5rem .75rem}
.account p{margin:.25rem 0 0}
.timeline li{margin:.5rem 0}
.timeline p{margin:.15rem 0}
[hidden]{display:none!important}
@media (max-width:40rem){main{padding:.5rem .75rem 2rem}nav ul{padding:.5rem .75rem}.columns,.accounts{grid-template-columns:1fr}h1{font-size:1.5rem}}
@media print{
@page{margin:14mm}
body{font-size:10pt}
nav,.filter,details{display:none}
main{max-width:none;padding:0;display:flex;flex-direction:column}
main>section{break-before:page}
main>section:first-child,#red-lines{break-before:auto}
#sources{order:1}
.columns{grid-template-columns:repeat(auto-fit,minmax(5cm,1fr))}
.quote,.account,tr,li{break-inside:avoid}
.matrix{overflow:visible}
h2,h3,h4{break-after:avoid}
a{color:inherit;text-decoration:none}
}
"#;

/// The quote filter: every typed word must appear (case, accents and
/// typographic quote marks and dashes folded, as parley's search does) in a
/// quote's text, speaker, party, date or source; the others
/// get `hidden`. `#q=WORDS` in the address fills it in on load.
const FILTER_SCRIPT: &str = r#"
(function () {
  var box = document.getElementById('filter');
  var count = document.getElementById('filter-count');
  var quotes = Array.prototype.slice.call(document.querySelectorAll('.quote'));
  function fold(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'").replace(/[\u201c-\u201f\u2033\u00ab\u00bb]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, '-');
  }
  var texts = quotes.map(function (q) { return fold(q.querySelector('.quote-main').textContent); });
  function apply() {
    var words = fold(box.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < quotes.length; i++) {
      var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      if (quotes[i].hidden === hit) quotes[i].hidden = !hit;
      if (hit) shown++;
    }
    count.textContent = shown + ' of ' + quotes.length + ' quotes shown';
  }
  function fromAddress() {
    var match = /^#q=(.*)$/.exec(location.hash);
    if (!match) return;
    try { box.value = decodeURIComponent(match[1].replace(/\+/g, ' ')); } catch (e) { box.value = match[1]; }
    apply();
    document.getElementById('quotes').scrollIntoView();
  }
  box.addEventListener('input', function () {
    apply();
    history.replaceState(null, '', box.value ? '#q=' + encodeURIComponent(box.value) : location.pathname);
  });
  window.addEventListener('hashchange', fromAddress);
  apply();
  fromAddress();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::shipped;

    /// The text between `open` and the next `close` after it.
    fn between<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
        let start = page.find(open).expect(open) + open.len();
        let end = start + page[start..].find(close).expect(close);
        &page[start..end]
    }

    #[test]
    fn a_party_named_as_markup_is_shown_as_text() {
        let mut briefing = shipped();
        briefing.parties[0].name = "<img src=x onerror=alert(1)>".into();
        let page = render(&briefing, &SourceTexts::default());
        assert!(!page.contains("<img"), "an img element reached the page");
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    #[test]
    fn a_quote_cannot_close_the_script_or_open_one() {
        let mut briefing = shipped();
        briefing.quotes[0].text = "</script><script>alert(1)</script>".into();
        briefing.quotes[0].speaker = "\"><script>alert(2)</script>".into();
        let page = render(&briefing, &SourceTexts::default());
        assert_eq!(
            page.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert_eq!(page.matches("</script>").count(), 1);
        assert!(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;script&gt;alert(2)"));
    }

    #[test]
    fn text_is_sanitised_before_it_is_escaped() {
        let mut briefing = shipped();
        briefing.meta.title = "bell\u{7} and \u{202e}override".into();
        let page = render(&briefing, &SourceTexts::default());
        assert!(page.contains("<title>bell\\u{7} and &lt;U+202E&gt;override</title>"));
    }

    #[test]
    fn the_policy_allows_exactly_the_pages_own_style_and_script() {
        let page = render(&shipped(), &SourceTexts::default());
        let policy = between(
            &page,
            "http-equiv=\"Content-Security-Policy\" content=\"",
            "\"",
        );
        let style = between(&page, "<style>", "</style>");
        let script = between(&page, "<script>", "</script>");
        assert_eq!(
            policy,
            format!(
                "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'",
                sha256_source(style),
                sha256_source(script)
            )
        );
        assert!(
            !page.contains(" style=\""),
            "an inline style attribute the policy blocks"
        );
    }

    #[test]
    fn a_sha256_source_is_the_base64_digest() {
        // The example from the CSP specification: `alert('Hello, world.');`.
        assert_eq!(
            sha256_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    #[test]
    fn sections_come_in_order_with_their_ids() {
        let page = render(&shipped(), &SourceTexts::default());
        let ids = [
            "header",
            "red-lines",
            "parties",
            "sticking-points",
            "quotes",
            "sources",
            "timeline",
        ];
        let places: Vec<usize> = ids
            .iter()
            .map(|id| page.find(&format!("<section id=\"{id}\">")).expect(id))
            .collect();
        assert!(places.is_sorted(), "{places:?}");
    }

    #[test]
    fn every_citation_links_to_a_source_entry() {
        let briefing = shipped();
        let page = render(&briefing, &SourceTexts::default());
        let mut links = 0;
        for link in page.split("href=\"#source-").skip(1) {
            let id = &link[..link.find('"').unwrap()];
            assert!(page.contains(&format!("<li id=\"source-{id}\">")), "{id}");
            links += 1;
        }
        assert!(links > briefing.quotes.len(), "{links} links");
    }

    #[test]
    fn party_colours_reach_css_only_when_they_parse() {
        assert_eq!(css_colour("#0057B7"), Some(Rgb(0x00, 0x57, 0xb7)));
        assert_eq!(css_colour("light-blue"), css_colour("lightblue"));
        assert!(css_colour("LightBlue").is_some());
        for bad in [
            "#0057b",
            "#0057b7;}",
            "red;}body{display:none",
            "#ggg000",
            "url(x)",
            "",
        ] {
            assert_eq!(css_colour(bad), None, "{bad}");
        }
        let mut briefing = shipped();
        briefing.parties[0].color = Some("red;}body{display:none}".into());
        briefing.parties[1].color = Some("#D52B1E".into());
        let css = stylesheet(&briefing);
        assert!(!css.contains("display:none}\n.party"), "{css}");
        assert!(!css.contains(".party-0{"));
        assert!(css.contains(".party-1{--party:#d52b1e}"));
    }

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        assert_eq!(
            safe_link("https://example.org/a"),
            Some("https://example.org/a".into())
        );
        assert!(safe_link("HTTP://example.org").is_some());
        assert!(safe_link("mailto:desk@example.org").is_some());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "example.org/no-scheme",
            "https://example.org/a b",
        ] {
            assert_eq!(safe_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_quote_is_found_in_its_source_despite_typography_and_elisions() {
        let text = "He said: “It’s all\n  about — the land.” Then more. And the end.";
        let marks = locate("It's all about - the land", text);
        assert_eq!(marks.len(), 1);
        assert_eq!(&text[marks[0].clone()], "It’s all\n  about — the land");
        let marks = locate("He said ... the end", text);
        let parts: Vec<&str> = marks.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, ["He said", "the end"]);
        assert!(locate("not in the text", text).is_empty());
    }

    #[test]
    fn in_context_marks_the_quote_in_the_escaped_article() {
        let mut briefing = shipped();
        briefing.quotes.truncate(1);
        briefing.quotes[0].text = "a <b> quote".into();
        let source = briefing.quotes[0].source.to_string();
        let texts = SourceTexts([(source, "Before, a <b> quote, after.".to_string())].into());
        let page = render(&briefing, &texts);
        assert!(
            page.contains("<details><summary>In context</summary><div class=\"article text\">Before, <mark>a &lt;b&gt; quote</mark>, after.</div></details>"),
            "{page}"
        );
    }

    /// The shipped briefing with `text` as a party's name, a quote, its
    /// speaker, a source's outlet (also a link title) and an event.
    fn page_with(text: &str) -> String {
        let mut briefing = shipped();
        briefing.parties[0].name = text.into();
        briefing.quotes[0].text = text.into();
        briefing.quotes[0].speaker = text.into();
        briefing.sources[0].outlet = text.into();
        briefing.events[0].title = text.into();
        render(&briefing, &SourceTexts::default())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn no_text_adds_or_closes_an_element(text in ".{0,40}|[<>&\"'/a-z= ]{0,40}") {
            let tags = |page: &str| (page.matches('<').count(), page.matches('>').count());
            proptest::prop_assert_eq!(tags(&page_with(&text)), tags(&page_with("x")));
        }
    }

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(Rgb(r, g, b): Rgb) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_is_computed_as_wcag_does() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(Rgb(0x76, 0x76, 0x76), white) - 4.54).abs() < 0.01);
        // Green weighs most and blue least in luminance.
        assert!((contrast(Rgb(255, 0, 0), white) - 4.00).abs() < 0.01);
        assert!((contrast(Rgb(0, 0, 255), white) - 8.59).abs() < 0.01);
    }

    #[test]
    fn every_text_colour_meets_wcag_aa_on_every_background_in_both_schemes() {
        for (scheme, p) in [("light", &LIGHT), ("dark", &DARK)] {
            let pairs = [
                ("text", p.text, "background", p.background),
                ("text", p.text, "surface", p.surface),
                ("text", p.text, "mark", p.mark),
                ("muted", p.muted, "background", p.background),
                ("muted", p.muted, "surface", p.surface),
                ("link", p.link, "background", p.background),
                ("link", p.link, "surface", p.surface),
                ("red line", p.red_line, "background", p.background),
                ("red line", p.red_line, "surface", p.surface),
            ];
            for (fg_name, fg, bg_name, bg) in pairs {
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= 4.5,
                    "{scheme}: {fg_name} {fg} on {bg_name} {bg} is {ratio:.2}:1, below 4.5:1"
                );
            }
        }
    }
}
