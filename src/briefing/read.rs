//! Reads a parsed TOML document into a [`Briefing`], checking every rule that
//! one value can be checked against on its own (rules 2, 3, 4, 6, 7, 8 and
//! 9; ids are checked for uniqueness as they are declared), and noting the
//! ids declared and the references it could not resolve as it read, with
//! their places, for the cross-reference rules in `validate`.
//!
//! Each table is read through a [`TableReader`]: the keys the code asks for
//! are the schema, so the "unknown key" check and its "did you mean" list can
//! never drift from what is actually read.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::date::{FORMS, date_message};
use super::diagnostic::{Diagnostic, LineIndex, Rule, Severity};
use super::model::*;
use super::quote_id::{quote_hash, shortest_free_id, speaker_slug};
use crate::text::{is_bidi_control, is_forbidden_control};

pub type Span = Range<usize>;

/// The kinds of things that carry ids; ids are unique within a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    Source,
    Party,
    StickingPoint,
    Quote,
    Discrepancy,
}

impl IdKind {
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Source => "source",
            IdKind::Party => "party",
            IdKind::StickingPoint => "sticking point",
            IdKind::Quote => "quote",
            IdKind::Discrepancy => "discrepancy",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            IdKind::Source => "sources",
            IdKind::Party => "parties",
            IdKind::StickingPoint => "sticking points",
            IdKind::Quote => "quotes",
            IdKind::Discrepancy => "discrepancies",
        }
    }
}

/// An id, and where it is written.
///
/// Twelve bytes, the id stored once in [`Names`]: a file may declare and
/// refer to a great many.
#[derive(Debug, Clone, Copy)]
pub struct Located {
    pub id: Name,
    start: u32,
    end: u32,
}

impl Located {
    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }
}

/// An id read from the file, as a number: see [`Names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Name(u32);

/// Every distinct id the reader met, each stored once.
#[derive(Debug, Default)]
pub struct Names {
    numbers: HashMap<Rc<str>, Name>,
    texts: Vec<Rc<str>>,
}

impl Names {
    fn name(&mut self, id: &str) -> Name {
        if let Some(&name) = self.numbers.get(id) {
            return name;
        }
        let name = Name(self.texts.len() as u32);
        let text: Rc<str> = Rc::from(id);
        self.texts.push(Rc::clone(&text));
        self.numbers.insert(text, name);
        name
    }

    pub fn text(&self, name: Name) -> &str {
        &self.texts[name.0 as usize]
    }
}

#[derive(Debug)]
pub struct QuoteText {
    /// Index into `Briefing::quotes`.
    pub quote: usize,
    pub span: Span,
    pub source: String,
}

/// A `stated` position, for rule 11 once the quotes are read: it must cite
/// a quote of its own party.
#[derive(Debug)]
pub struct StatedClaim {
    pub party: String,
    pub quotes: Vec<String>,
    /// The `basis` value, where the error points.
    pub span: Span,
}

/// What the reader noted for the checks that need the whole file.
#[derive(Debug, Default)]
pub struct Notes {
    pub names: Names,
    pub declared: Vec<(IdKind, Located)>,
    /// References not resolved while reading: the validator resolves them
    /// or reports them.
    pub references: Vec<(IdKind, Located)>,
    /// Where each id is first declared, by kind (see [`Reader::declare`]).
    first_declared: HashMap<(IdKind, Id), usize>,
    /// Everything referred to, resolved while reading (see [`Notes::settle`]).
    pub cited: HashSet<(IdKind, Name)>,
    /// Once sources, parties and sticking points are all read: their ids.
    settled: Option<HashSet<(IdKind, Name)>>,
    /// The text, its span and its cited source of each quote that cites a
    /// source with a `text_file`, in file order, for rule 10.
    pub quote_texts: Vec<QuoteText>,
    /// Each source's `text_file` value span, by source id.
    pub text_files: Vec<(String, Span)>,
    /// The positions that say they are `stated` (rule 11).
    pub stated: Vec<StatedClaim>,
    /// `as_of` and each source's `published` day, for rule 12 as quotes are read.
    as_of: Option<PartialDate>,
    published: HashMap<String, NaiveDate>,
    /// The hash behind each derived quote id, to tell a clash of two
    /// different quotes (the later one gets a longer id) from one quote
    /// written twice (an error).
    derived: HashMap<Id, u64>,
}

impl Notes {
    /// Every source, party and sticking point has been read: from now on a
    /// reference to one is resolved as it is read, and only an unresolved
    /// one is kept (an archive's quotes make hundreds of thousands).
    fn settle(&mut self) {
        let ids = self.declared.iter().map(|(kind, d)| (*kind, d.id));
        self.settled = Some(ids.collect());
    }

    fn refer(&mut self, kind: IdKind, located: Located) {
        match &self.settled {
            Some(ids) if ids.contains(&(kind, located.id)) => {
                self.cited.insert((kind, located.id));
            }
            _ => self.references.push((kind, located)),
        }
    }
}

pub struct Reader<'d> {
    pub diagnostics: &'d mut Vec<Diagnostic>,
    pub notes: Notes,
    /// The text the parsed table came from: the whole file, or one piece of it.
    text: &'d str,
    /// Where `text` starts in the file: spans are shifted by it.
    offset: usize,
    /// The whole file, for line numbers.
    file: &'d str,
    /// Where the file's lines start, once a message needs a line number.
    lines: Option<LineIndex<'d>>,
}

impl<'d> Reader<'d> {
    pub fn new(file: &'d str, diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Reader {
            diagnostics,
            notes: Notes::default(),
            text: file,
            offset: 0,
            file,
            lines: None,
        }
    }

    /// Reads the whole document (or, for a file read in pieces, its first
    /// piece). `None` when a required part is missing or malformed (the
    /// diagnostics say why).
    pub fn read_document(&mut self, root: &Spanned<DeTable<'_>>) -> Option<Briefing> {
        self.document(root.get_ref())
    }

    /// Reads the `[[quotes]]` of one piece of the file, which starts at
    /// `offset` and holds nothing but quotes; `first` is how many quotes
    /// came before it (their index in the briefing).
    pub fn read_quotes(
        &mut self,
        piece: &'d str,
        offset: usize,
        root: &Spanned<DeTable<'_>>,
        first: usize,
    ) -> Option<Vec<Quote>> {
        (self.text, self.offset) = (piece, offset);
        let mut top = TableReader::new(root.get_ref(), 0..0, "the top level");
        let quotes = self.each_indexed(&mut top, "quotes", |reader, table, span, i| {
            reader.quote(table, span, first + i)
        });
        top.finish(self);
        (self.text, self.offset) = (self.file, 0);
        quotes
    }

    /// A span of `text`, as a span of the file.
    fn in_file(&self, span: Span) -> Span {
        span.start + self.offset..span.end + self.offset
    }

    fn locate(&mut self, id: &str, span: Span) -> Located {
        // Spans past 4 GiB (a --max-size raised that far) saturate: the
        // location is then wrong, never a panic.
        let at = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        let span = self.in_file(span);
        Located {
            id: self.notes.names.name(id),
            start: at(span.start),
            end: at(span.end),
        }
    }

    /// Notes an id declared at `span`: a second declaration of an id of
    /// the same kind is an error. Quote ids are not kept for the references
    /// (nothing refers to a quote, and an archive has a hundred thousand).
    fn declare(&mut self, kind: IdKind, id: &str, span: Span) {
        let start = self.in_file(span.clone()).start;
        let first = *self
            .notes
            .first_declared
            .entry((kind, Id::from(id)))
            .or_insert(start);
        if first != start {
            let line = self.line(first);
            let (noun, plural) = (kind.noun(), kind.plural());
            self.error(
                Rule::IDS,
                span.clone(),
                format!(
                    "duplicate {noun} id `{id}` (first declared at line {line}): ids must be unique among {plural}"
                ),
            );
        }
        if kind != IdKind::Quote {
            let located = self.locate(id, span);
            self.notes.declared.push((kind, located));
        }
    }

    /// The line number of an offset in the file. The index of the file's
    /// lines is built the first time a message needs one: for a large file
    /// it is megabytes, not worth building for a valid one.
    fn line(&mut self, offset: usize) -> usize {
        let file = self.file;
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(file));
        lines.location(offset).line
    }

    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    fn error(&mut self, rule: Rule, span: Span, message: impl Into<String>) {
        self.report(Diagnostic::error(rule, span, message));
    }

    fn warning(&mut self, rule: Rule, span: Span, message: impl Into<String>) {
        self.report(Diagnostic::warning(rule, span, message));
    }

    /// Records a finding whose span is in the piece being read.
    fn report(&mut self, diagnostic: Diagnostic) {
        let span = self.in_file(diagnostic.span.clone());
        self.diagnostics.push(Diagnostic { span, ..diagnostic });
    }

    fn document(&mut self, root: &DeTable<'_>) -> Option<Briefing> {
        let mut top = TableReader::new(root, 0..0, "the top level");
        let format = self.format(&mut top);
        let meta = match top.table(self, "briefing", Need::Required) {
            Some((table, span)) => self.meta(table, span),
            None => None,
        };
        let sources = self.each(&mut top, "sources", Self::source);
        let parties = self.each(&mut top, "parties", Self::party);
        let sticking_points = self.each(&mut top, "sticking_points", Self::sticking_point);
        self.notes.settle();
        let quotes = self.each_indexed(&mut top, "quotes", Self::quote);
        let events = self.each(&mut top, "events", Self::event);
        let discrepancies = self.each(&mut top, "discrepancies", Self::discrepancy);
        top.finish(self);
        Some(Briefing {
            format: format?,
            meta: meta?,
            sources: sources?,
            parties: parties?,
            sticking_points: sticking_points?,
            quotes: quotes?,
            events: events?,
            discrepancies: discrepancies?,
        })
    }

    fn format(&mut self, top: &mut TableReader<'_, '_>) -> Option<u32> {
        let Some(value) = top.value("format") else {
            self.error(
                Rule::FORMAT,
                0..0,
                "missing key `format`: add `format = 1` at the top of the file",
            );
            return None;
        };
        match value.get_ref() {
            DeValue::Integer(n) if i64::from_str_radix(n.as_str(), n.radix()) == Ok(1) => Some(1),
            DeValue::Integer(n) => {
                self.error(
                    Rule::FORMAT,
                    value.span(),
                    format!("unsupported format {n}: this parley reads format 1 only"),
                );
                None
            }
            other => {
                self.error(
                    Rule::FORMAT,
                    value.span(),
                    format!("`format` must be the integer 1, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// Reads an optional array of tables with `read` for each element.
    /// `None` when any element could not be read.
    fn each<T>(
        &mut self,
        top: &mut TableReader<'_, '_>,
        key: &'static str,
        mut read: impl FnMut(&mut Self, &DeTable<'_>, Span) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.each_indexed(top, key, |reader, table, span, _| read(reader, table, span))
    }

    fn each_indexed<T>(
        &mut self,
        top: &mut TableReader<'_, '_>,
        key: &'static str,
        mut read: impl FnMut(&mut Self, &DeTable<'_>, Span, usize) -> Option<T>,
    ) -> Option<Vec<T>> {
        let tables = top.tables(self, key)?;
        let items: Vec<Option<T>> = tables
            .into_iter()
            .enumerate()
            .map(|(i, (table, span))| read(self, table, span, i))
            .collect();
        items.into_iter().collect()
    }

    fn meta(&mut self, table: &DeTable<'_>, span: Span) -> Option<Meta> {
        let mut t = TableReader::new(table, span, "[briefing]");
        let title = t.string(self, "title", Need::Required);
        let summary = t.string(self, "summary", Need::Optional);
        let location = t.string(self, "location", Need::Optional);
        let as_of = t.date(self, "as_of", Need::Required);
        let starts = t.date(self, "starts", Need::Optional);
        let ends = t.date(self, "ends", Need::Optional);
        t.finish(self);
        self.notes.as_of = as_of.as_ref().map(|d| d.value);
        if let (Some(starts), Some(ends)) = (&starts, &ends)
            && ends.value.last_day() < starts.value.first_day()
        {
            self.error(
                Rule::DATES,
                ends.span.clone(),
                format!(
                    "`ends` ({}) is before `starts` ({})",
                    ends.value, starts.value
                ),
            );
        }
        Some(Meta {
            title: title?.value,
            summary: summary.map(|s| s.value),
            location: location.map(|s| s.value),
            as_of: as_of?.value,
            starts: starts.map(|d| d.value),
            ends: ends.map(|d| d.value),
        })
    }

    fn source(&mut self, table: &DeTable<'_>, span: Span) -> Option<Source> {
        let mut t = TableReader::new(table, span, "[[sources]]");
        let id = t.id(self, IdKind::Source);
        let outlet = t.string(self, "outlet", Need::Required);
        let title = t.string(self, "title", Need::Optional);
        let url = t.string(self, "url", Need::Optional);
        let published = t.date(self, "published", Need::Optional);
        let framing = t.string(self, "framing", Need::Optional);
        let text_file = t.string(self, "text_file", Need::Optional);
        t.finish(self);
        if let Some(url) = &url
            && let Some(problem) = super::validate::url_problem(&url.value)
        {
            self.error(Rule::URL, url.span.clone(), problem);
        }
        let id = id?;
        if let Some(day) = published.as_ref().and_then(|d| d.value.day()) {
            self.notes.published.insert(id.clone(), day);
        }
        if let Some(file) = &text_file {
            let span = self.in_file(file.span.clone());
            self.notes.text_files.push((id.clone(), span));
        }
        Some(Source {
            id,
            outlet: outlet?.value,
            title: title.map(|s| s.value),
            url: url.map(|s| s.value),
            published: published.map(|d| d.value),
            framing: framing.map(|s| s.value),
            text_file: text_file.map(|s| s.value),
        })
    }

    fn party(&mut self, table: &DeTable<'_>, span: Span) -> Option<Party> {
        let errors_before = self.error_count();
        let mut t = TableReader::new(table, span.clone(), "[[parties]]");
        let id = t.id(self, IdKind::Party);
        let name = t.string(self, "name", Need::Required);
        let short = t.string(self, "short", Need::Optional);
        let role = t.choice(self, "role", &Role::ALL);
        let color = t.string(self, "color", Need::Optional);
        if let Some(color) = &color
            && !is_color(&color.value)
        {
            self.error(
                Rule::COLOR,
                color.span.clone(),
                format!(
                    "`color` must be \"#rrggbb\" or a named ANSI colour ({}), found {:?}",
                    NAMED_COLORS.join(", "),
                    color.value
                ),
            );
        }
        let summary = t.string(self, "summary", Need::Optional);
        let delegation = t.tables(self, "delegation").map(|tables| {
            tables
                .into_iter()
                .map(|(d, s)| self.delegate(d, s))
                .collect::<Vec<_>>()
        });
        let positions = t.tables(self, "positions").map(|tables| {
            tables
                .into_iter()
                .map(|(p, s)| self.position(p, s))
                .collect::<Vec<_>>()
        });
        t.finish(self);

        let delegation: Vec<(Delegate, Option<Span>)> =
            delegation?.into_iter().collect::<Option<_>>()?;
        let leads: Vec<&Span> = delegation
            .iter()
            .filter_map(|(_, lead)| lead.as_ref())
            .collect();
        for extra in leads.iter().skip(1) {
            let first = self.line(self.in_file(leads[0].clone()).start);
            self.error(
                Rule::COUNTS,
                (*extra).clone(),
                format!(
                    "a second `lead = true` in this party's delegation (the first is on line {first}): at most one lead per party"
                ),
            );
        }
        let positions: Vec<(Position, PositionPlaces)> =
            positions?.into_iter().collect::<Option<_>>()?;
        let id = id?;
        self.position_ids_unique(&positions);
        let positions: Vec<Position> = positions
            .into_iter()
            .map(|(position, places)| {
                if let Some(span) = places.stated {
                    self.notes.stated.push(StatedClaim {
                        party: id.clone(),
                        quotes: position.quotes.clone(),
                        span,
                    });
                }
                position
            })
            .collect();
        // Hosts, mediators and observers are not expected to hold red lines;
        // and after an error in the party (a `redline` typo, say) the
        // warning would only follow from it.
        if role == Some(Role::Party)
            && !positions.iter().any(|p| p.red_line)
            && self.error_count() == errors_before
        {
            self.warning(
                Rule::NO_RED_LINES,
                span,
                format!("party `{id}` has no red lines"),
            );
        }
        Some(Party {
            short: short.map_or_else(|| id.to_uppercase(), |s| s.value),
            id,
            name: name?.value,
            role: role?,
            color: color.map(|c| c.value),
            summary: summary.map(|s| s.value),
            delegation: delegation.into_iter().map(|(d, _)| d).collect(),
            positions,
        })
    }

    /// A delegate, and the span of its `lead = true` if it has one.
    fn delegate(&mut self, table: &DeTable<'_>, span: Span) -> Option<(Delegate, Option<Span>)> {
        let mut t = TableReader::new(table, span.clone(), "[[parties.delegation]]");
        let name = t.string(self, "name", Need::Required);
        let title = t.string(self, "title", Need::Optional);
        let lead = t.bool(self, "lead");
        let sources = t.references(self, "sources", IdKind::Source);
        let discrepancies = t.references(self, "discrepancies", IdKind::Discrepancy);
        t.finish(self);
        let sources = sources?;
        if sources.is_empty() {
            self.warning(
                Rule::UNSOURCED,
                span,
                "delegation member has no sources: add `sources = [\"...\"]` so a reader can trace it",
            );
        }
        let lead_span = lead.as_ref().filter(|l| l.value).map(|l| l.span.clone());
        Some((
            Delegate {
                name: name?.value,
                title: title.map(|s| s.value),
                lead: lead.is_some_and(|l| l.value),
                sources,
                discrepancies: discrepancies?,
            },
            lead_span,
        ))
    }

    /// Position ids are unique within their party.
    fn position_ids_unique(&mut self, positions: &[(Position, PositionPlaces)]) {
        let mut seen: HashMap<&str, &Span> = HashMap::new();
        for (position, places) in positions {
            let (Some(id), Some(span)) = (&position.id, &places.id) else {
                continue;
            };
            if let Some(first) = seen.insert(id, span) {
                let line = self.line(self.in_file(first.clone()).start);
                self.error(
                    Rule::IDS,
                    span.clone(),
                    format!(
                        "duplicate position id `{id}` in this party (first declared at line {line}): position ids must be unique within their party"
                    ),
                );
            }
        }
    }

    fn position(&mut self, table: &DeTable<'_>, span: Span) -> Option<(Position, PositionPlaces)> {
        let mut t = TableReader::new(table, span.clone(), "[[parties.positions]]");
        let id = t.string(self, "id", Need::Optional);
        let text = t.string(self, "text", Need::Required);
        let red_line = t.bool(self, "red_line");
        let topic = t.reference(self, "topic", IdKind::StickingPoint, Need::Optional);
        let sources = t.references(self, "sources", IdKind::Source);
        let basis = t.choice_of(self, "basis", &Basis::ALL);
        let quotes = t.references(self, "quotes", IdKind::Quote);
        let discrepancies = t.references(self, "discrepancies", IdKind::Discrepancy);
        let basis_span = t.table.get("basis").map(|b| b.span());
        t.finish(self);
        if let Some(id) = &id
            && !is_slug(&id.value)
        {
            self.not_a_slug("position", id);
        }
        let sources = sources?;
        if sources.is_empty() {
            self.warning(
                Rule::UNSOURCED,
                span.clone(),
                "position has no sources: add `sources = [\"...\"]` so a reader can trace it",
            );
        }
        let basis = basis?;
        let red_line = red_line.is_some_and(|r| r.value);
        if red_line && basis.is_none() {
            self.warning(
                Rule::NO_BASIS,
                span,
                "red line has no `basis`: say whether it is \"stated\" (with the party's own `quotes`), \"reported\" or \"inferred\"",
            );
        }
        let places = PositionPlaces {
            id: id.as_ref().map(|id| id.span.clone()),
            stated: basis_span.filter(|_| basis == Some(Basis::Stated)),
        };
        Some((
            Position {
                id: id.map(|id| id.value),
                text: text?.value,
                red_line,
                topic: topic.map(|t| t.value),
                sources,
                basis,
                quotes: quotes?,
                discrepancies: discrepancies?,
            },
            places,
        ))
    }

    fn not_a_slug(&mut self, noun: &str, id: &At<String>) {
        self.error(
            Rule::IDS,
            id.span.clone(),
            format!(
                "{noun} id {:?} is not a slug: use lower-case letters, digits, `-` and `_`, starting with a letter or digit",
                id.value
            ),
        );
    }

    fn sticking_point(&mut self, table: &DeTable<'_>, span: Span) -> Option<StickingPoint> {
        let mut t = TableReader::new(table, span, "[[sticking_points]]");
        let id = t.id(self, IdKind::StickingPoint);
        let title = t.string(self, "title", Need::Required);
        let summary = t.string(self, "summary", Need::Optional);
        let status = t.choice(self, "status", &Status::ALL);
        t.finish(self);
        Some(StickingPoint {
            id: id?,
            title: title?.value,
            summary: summary.map(|s| s.value),
            status: status?,
        })
    }

    fn quote(&mut self, table: &DeTable<'_>, span: Span, index: usize) -> Option<Quote> {
        let mut t = TableReader::new(table, span.clone(), "[[quotes]]");
        let explicit = t.value("id").is_some().then(|| t.id(self, IdKind::Quote));
        let speaker = t.string(self, "speaker", Need::Required);
        let party = t.reference(self, "party", IdKind::Party, Need::Optional);
        let text = t.string(self, "text", Need::Required);
        let source = t.reference(self, "source", IdKind::Source, Need::Required);
        let said_on = t.date(self, "said_on", Need::Optional);
        let context = t.string(self, "context", Need::Optional);
        let topics = t.references(self, "topics", IdKind::StickingPoint);
        let kind = t.choice(self, "kind", &QuoteKind::ALL);
        let discrepancies = t.references(self, "discrepancies", IdKind::Discrepancy);
        t.finish(self);
        if let Some(text) = &text
            && let Some((severity, message)) = super::validate::quote_text_problem(&text.value)
        {
            let span = self.in_file(text.span.clone());
            self.diagnostics.push(match severity {
                Severity::Error => Diagnostic::error(Rule::VERBATIM, span, message),
                Severity::Warning => Diagnostic::warning(Rule::WRAPPED_QUOTE, span, message),
            });
        }
        let (speaker, text, source) = (speaker?, text?, source?);
        let id = match explicit {
            Some(id) => id?,
            None => self.derive_quote_id(&speaker.value, &text.value, span),
        };
        if let Some(said_on) = &said_on {
            self.said_on_in_time(said_on, &source.value);
        }
        // Sources are read before quotes, so their text files are known.
        if self
            .notes
            .text_files
            .iter()
            .any(|(id, _)| *id == source.value)
        {
            self.notes.quote_texts.push(QuoteText {
                quote: index,
                span: self.in_file(text.span.clone()),
                source: source.value.clone(),
            });
        }
        Some(Quote {
            id: id.into(),
            speaker: speaker.value.into(),
            party: party.map(|p| p.value.into()),
            text: text.value,
            source: source.value.into(),
            said_on: said_on.map(|d| d.value),
            context: context.map(|c| c.value),
            topics: topics?.into_iter().map(Id::from).collect(),
            kind: kind?,
            discrepancies: discrepancies?.into_iter().map(Id::from).collect(),
        })
    }

    /// The id of a quote written without one (see `quote_id`): the same
    /// speaker and words twice is a duplicate, pointing at the first; a
    /// different quote whose short id clashes gets a longer one.
    fn derive_quote_id(&mut self, speaker: &str, text: &str, span: Span) -> String {
        let hash = quote_hash(speaker, text);
        let derived = &self.notes.derived;
        let id = shortest_free_id(&speaker_slug(speaker), hash, |id| derived.get(id).copied());
        if self
            .notes
            .derived
            .insert(Id::from(id.as_str()), hash)
            .is_some()
        {
            let start = self.in_file(span.clone()).start;
            let first = self
                .notes
                .first_declared
                .get(&(IdKind::Quote, Id::from(id.as_str())))
                .copied()
                .unwrap_or(start);
            let line = self.line(first);
            self.error(
                Rule::IDS,
                span,
                format!(
                    "this quote repeats the quote at line {line} word for word (same speaker, same text, derived id `{id}`): remove one, or give each an explicit `id`"
                ),
            );
            return id;
        }
        self.declare(IdKind::Quote, &id, span);
        id
    }

    /// Rule 12: a quote is not said after its source was published, nor
    /// after the briefing's `as_of` (warnings).
    fn said_on_in_time(&mut self, said_on: &At<PartialDate>, source: &str) {
        if let (Some(day), Some(&published)) =
            (said_on.value.day(), self.notes.published.get(source))
            && day > published
        {
            self.warning(
                Rule::CHRONOLOGY,
                said_on.span.clone(),
                format!(
                    "`said_on` ({}) is after source `{source}` was published ({published}): check the date",
                    said_on.value
                ),
            );
        }
        if let Some(as_of) = self.notes.as_of
            && said_on.value.is_after(as_of)
        {
            self.warning(
                Rule::CHRONOLOGY,
                said_on.span.clone(),
                format!(
                    "`said_on` ({}) is after the briefing's `as_of` ({as_of}): check the date",
                    said_on.value
                ),
            );
        }
    }

    fn event(&mut self, table: &DeTable<'_>, span: Span) -> Option<Event> {
        let mut t = TableReader::new(table, span.clone(), "[[events]]");
        let date = t.date(self, "date", Need::Required);
        let title = t.string(self, "title", Need::Required);
        let detail = t.string(self, "detail", Need::Optional);
        let sources = t.references(self, "sources", IdKind::Source);
        let discrepancies = t.references(self, "discrepancies", IdKind::Discrepancy);
        t.finish(self);
        let sources = sources?;
        if sources.is_empty() {
            self.warning(
                Rule::UNSOURCED,
                span,
                "event has no sources: add `sources = [\"...\"]` so a reader can trace it",
            );
        }
        Some(Event {
            date: date?.value,
            title: title?.value,
            detail: detail.map(|d| d.value),
            sources,
            discrepancies: discrepancies?,
        })
    }

    fn discrepancy(&mut self, table: &DeTable<'_>, span: Span) -> Option<Discrepancy> {
        let mut t = TableReader::new(table, span.clone(), "[[discrepancies]]");
        let id = t
            .value("id")
            .is_some()
            .then(|| t.id(self, IdKind::Discrepancy));
        let subject = t.string(self, "subject", Need::Required);
        let note = t.string(self, "note", Need::Optional);
        let accounts = t.tables(self, "accounts").map(|tables| {
            tables
                .into_iter()
                .map(|(a, s)| self.account(a, s))
                .collect::<Vec<_>>()
        });
        t.finish(self);
        let accounts: Vec<Account> = accounts?.into_iter().collect::<Option<_>>()?;
        if accounts.len() < 2 {
            self.error(
                Rule::COUNTS,
                span,
                format!(
                    "a discrepancy needs at least two `[[discrepancies.accounts]]`, found {}",
                    accounts.len()
                ),
            );
        }
        let id = match id {
            Some(id) => Some(id?),
            None => None,
        };
        Some(Discrepancy {
            id,
            subject: subject?.value,
            note: note.map(|n| n.value),
            accounts,
        })
    }

    fn account(&mut self, table: &DeTable<'_>, span: Span) -> Option<Account> {
        let mut t = TableReader::new(table, span, "[[discrepancies.accounts]]");
        let source = t.reference(self, "source", IdKind::Source, Need::Required);
        let says = t.string(self, "says", Need::Required);
        t.finish(self);
        Some(Account {
            source: source?.value,
            says: says?.value,
        })
    }

    /// Rule 9 (and the bidi warning) for one string value.
    fn check_text(&mut self, key: &str, value: &str, span: &Span) {
        if let Some(c) = value.chars().find(|&c| is_forbidden_control(c)) {
            let at = self.raw_position(span, c).unwrap_or_else(|| span.clone());
            self.error(
                Rule::CONTROL_CHARACTERS,
                at,
                format!(
                    "control character U+{:04X} in `{key}`: text may hold newlines and tabs, but no other control character",
                    c as u32
                ),
            );
        }
        if let Some(c) = value.chars().find(|&c| is_bidi_control(c)) {
            let at = self.raw_position(span, c).unwrap_or_else(|| span.clone());
            self.warning(
                Rule::BIDI_CONTROL,
                at,
                format!(
                    "bidirectional control character U+{:04X} in `{key}`: it is shown as a visible escape, not obeyed",
                    c as u32
                ),
            );
        }
    }

    /// Where a character typed raw (not as an escape) sits inside a span.
    fn raw_position(&self, span: &Span, c: char) -> Option<Span> {
        let slice = self.text.get(span.clone())?;
        slice
            .find(c)
            .map(|at| span.start + at..span.start + at + c.len_utf8())
    }
}

pub const NAMED_COLORS: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

fn is_color(value: &str) -> bool {
    match value.strip_prefix('#') {
        Some(hex) => hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()),
        None => NAMED_COLORS.contains(&value.to_ascii_lowercase().as_str()),
    }
}

/// An id is a short slug: `[a-z0-9][a-z0-9_-]*`.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
}

/// Where a position's evidence keys are written, for the checks that
/// need its party or the quotes.
struct PositionPlaces {
    id: Option<Span>,
    /// The `basis` value, when it is `stated`.
    stated: Option<Span>,
}

/// A value read from the file, with its place.
struct At<T> {
    value: T,
    span: Span,
}

/// Reads one table's keys, remembering which were asked for; `finish` reports
/// the rest as unknown.
struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Span,
    name: &'static str,
    known: Vec<&'static str>,
}

impl<'a, 'i> TableReader<'a, 'i> {
    fn new(table: &'a DeTable<'i>, span: Span, name: &'static str) -> Self {
        Self {
            table,
            span,
            name,
            known: Vec::new(),
        }
    }

    fn value(&mut self, key: &'static str) -> Option<&'a Spanned<DeValue<'i>>> {
        if !self.known.contains(&key) {
            self.known.push(key);
        }
        self.table.get(key)
    }

    /// The value of `key`, or an error when it is required and missing.
    fn present(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
        need: Need,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        let value = self.value(key);
        if value.is_none() && need == Need::Required {
            reader.error(
                Rule::KEYS,
                self.span.clone(),
                format!("missing key `{key}` in {}", self.name),
            );
        }
        value
    }

    fn wrong_type(&self, reader: &mut Reader, key: &str, expected: &str, found: &Spanned<DeValue>) {
        reader.error(Rule::KEYS, found.span(), mismatch(key, expected, found));
    }

    fn string(&mut self, reader: &mut Reader, key: &'static str, need: Need) -> Option<At<String>> {
        let value = self.present(reader, key, need)?;
        let DeValue::String(text) = value.get_ref() else {
            self.wrong_type(reader, key, "a string", value);
            return None;
        };
        reader.check_text(key, text, &value.span());
        if need == Need::Required && super::validate::is_blank(text) {
            reader.error(
                Rule::KEYS,
                value.span(),
                format!("`{key}` must not be empty"),
            );
            return None;
        }
        Some(At {
            value: text.to_string(),
            span: value.span(),
        })
    }

    fn bool(&mut self, reader: &mut Reader, key: &'static str) -> Option<At<bool>> {
        let value = self.value(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(At {
                value: *b,
                span: value.span(),
            }),
            _ => {
                self.wrong_type(reader, key, "true or false", value);
                None
            }
        }
    }

    /// A date at the precision the file gives: a TOML local date (a day),
    /// or a string `"YYYY-MM"` (a month) or `"YYYY"` (a year).
    fn date(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
        need: Need,
    ) -> Option<At<PartialDate>> {
        let value = self.present(reader, key, need)?;
        let date = match value.get_ref() {
            DeValue::String(text) => match PartialDate::parse_partial(text) {
                Some(date) => date,
                None => {
                    let found = format!("{:?}", text.as_ref() as &str);
                    reader.error(Rule::DATES, value.span(), date_message(key, &found, text));
                    return None;
                }
            },
            DeValue::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
                (Some(date), None, None) => {
                    let day = NaiveDate::from_ymd_opt(
                        date.year.into(),
                        date.month.into(),
                        date.day.into(),
                    );
                    let Some(day) = day else {
                        reader.error(
                            Rule::DATES,
                            value.span(),
                            format!("`{key}` is not a calendar date"),
                        );
                        return None;
                    };
                    PartialDate::Day(day)
                }
                _ => {
                    reader.error(
                        Rule::DATES,
                        value.span(),
                        date_message(key, "a date-time", ""),
                    );
                    return None;
                }
            },
            _ => {
                reader.error(Rule::DATES, value.span(), mismatch(key, FORMS, value));
                return None;
            }
        };
        Some(At {
            value: date,
            span: value.span(),
        })
    }

    fn choice<T: Copy + Default>(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
        options: &[(&'static str, T)],
    ) -> Option<T> {
        self.choice_of(reader, key, options)
            .map(Option::unwrap_or_default)
    }

    /// An optional choice: `Some(None)` when absent, `None` when wrong.
    fn choice_of<T: Copy>(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
        options: &[(&'static str, T)],
    ) -> Option<Option<T>> {
        let Some(text) = self.string(reader, key, Need::Optional) else {
            // Absent is no choice; a wrong type was reported by `string`.
            return self.table.get(key).is_none().then_some(None);
        };
        let found = options.iter().find(|(name, _)| *name == text.value);
        if found.is_none() {
            let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
            let help = did_you_mean(&text.value, &names).map(|n| format!("did you mean `{n}`?"));
            let message = format!(
                "`{key}` must be one of {}, found {:?}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                text.value
            );
            reader
                .report(Diagnostic::error(Rule::ENUMERATIONS, text.span, message).with_help(help));
        }
        found.map(|(_, value)| Some(*value))
    }

    /// The table's `id`: required, a slug; declared for the uniqueness check.
    fn id(&mut self, reader: &mut Reader, kind: IdKind) -> Option<String> {
        let id = self.string(reader, "id", Need::Required)?;
        if !is_slug(&id.value) {
            reader.not_a_slug(kind.noun(), &id);
        }
        reader.declare(kind, &id.value, id.span);
        Some(id.value)
    }

    fn reference(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
        kind: IdKind,
        need: Need,
    ) -> Option<At<String>> {
        let id = self.string(reader, key, need)?;
        let located = reader.locate(&id.value, id.span.clone());
        reader.notes.refer(kind, located);
        Some(id)
    }

    /// An optional array of ids (absent is an empty list).
    fn references(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
        kind: IdKind,
    ) -> Option<Vec<String>> {
        let Some(value) = self.value(key) else {
            return Some(Vec::new());
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(reader, key, "an array of ids", value);
            return None;
        };
        let ids: Vec<Option<String>> = items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(id) => {
                    reader.check_text(key, id, &item.span());
                    let located = reader.locate(id, item.span());
                    reader.notes.refer(kind, located);
                    Some(id.to_string())
                }
                _ => {
                    self.wrong_type(reader, key, "an array of id strings", item);
                    None
                }
            })
            .collect();
        ids.into_iter().collect()
    }

    /// A sub-table written as `[name]`.
    fn table(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
        need: Need,
    ) -> Option<(&'a DeTable<'i>, Span)> {
        let Some(value) = self.value(key) else {
            if need == Need::Required {
                reader.error(
                    Rule::KEYS,
                    self.span.clone(),
                    format!("missing table `[{key}]` in {}", self.name),
                );
            }
            return None;
        };
        match value.get_ref() {
            DeValue::Table(table) => Some((table, value.span())),
            _ => {
                self.wrong_type(reader, key, &format!("a table `[{key}]`"), value);
                None
            }
        }
    }

    /// An optional array of tables written as `[[name]]` (absent is empty).
    fn tables(
        &mut self,
        reader: &mut Reader,
        key: &'static str,
    ) -> Option<Vec<(&'a DeTable<'i>, Span)>> {
        let Some(value) = self.value(key) else {
            return Some(Vec::new());
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                reader,
                key,
                &format!("an array of tables `[[{key}]]`"),
                value,
            );
            return None;
        };
        tables_in(items).or_else(|| {
            self.wrong_type(
                reader,
                key,
                &format!("an array of tables `[[{key}]]`"),
                value,
            );
            None
        })
    }

    /// Reports every key that nothing asked for, naming the nearest known one.
    fn finish(self, reader: &mut Reader) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref();
            if self.known.contains(&name.as_ref()) {
                continue;
            }
            let help = match did_you_mean(name, &self.known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "{} takes {}",
                    self.name,
                    self.known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let message = format!("unknown key `{name}` in {}", self.name);
            reader.report(Diagnostic::error(Rule::KEYS, key.span(), message).with_help(Some(help)));
        }
    }
}

/// "`key` must be EXPECTED, found TYPE".
fn mismatch(key: &str, expected: &str, found: &Spanned<DeValue>) -> String {
    format!(
        "`{key}` must be {expected}, found {}",
        found.get_ref().type_str()
    )
}

fn tables_in<'a, 'i>(items: &'a DeArray<'i>) -> Option<Vec<(&'a DeTable<'i>, Span)>> {
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::Table(table) => Some((table, item.span())),
            _ => None,
        })
        .collect()
}

/// The known name closest to `name`, if one is close enough to be a typo.
pub fn did_you_mean<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(name, k), *k))
        .filter(|(distance, k)| *distance <= k.len().div_ceil(3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}
