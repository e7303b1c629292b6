//! The loaded briefing: plain data, as the format (version 1) describes it.
//!
//! Every optional key has its default filled in by the loader, so the rest of
//! the program never has to know what was written and what was defaulted.

use serde::Serialize;

pub use super::date::PartialDate;

/// One negotiation (or one round of it), as loaded from a briefing file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Briefing {
    pub format: u32,
    pub meta: Meta,
    pub sources: Vec<Source>,
    pub parties: Vec<Party>,
    pub sticking_points: Vec<StickingPoint>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub discrepancies: Vec<Discrepancy>,
}

/// The `[briefing]` table: what the header shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub title: String,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub as_of: PartialDate,
    pub starts: Option<PartialDate>,
    pub ends: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    pub outlet: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub framing: Option<String>,
    /// Path to the source's full text, as written (relative to the briefing file).
    pub text_file: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Party,
    Mediator,
    Host,
    Observer,
}

impl Role {
    pub const ALL: [(&'static str, Role); 4] = [
        ("party", Role::Party),
        ("mediator", Role::Mediator),
        ("host", Role::Host),
        ("observer", Role::Observer),
    ];

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("party", |(name, _)| name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    pub id: String,
    pub name: String,
    /// Defaults to the id upper-cased.
    pub short: String,
    pub role: Role,
    /// `#rrggbb` or a named ANSI colour, as written; the UI decides how to show it.
    pub color: Option<String>,
    pub summary: Option<String>,
    pub delegation: Vec<Delegate>,
    pub positions: Vec<Position>,
}

impl Party {
    pub fn lead(&self) -> Option<&Delegate> {
        self.delegation.iter().find(|d| d.lead)
    }

    pub fn red_lines(&self) -> impl Iterator<Item = &Position> {
        self.positions.iter().filter(|p| p.red_line)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delegate {
    pub name: String,
    pub title: Option<String>,
    pub lead: bool,
    pub sources: Vec<String>,
    /// Ids of the discrepancies that contest this member (their rank, their presence).
    pub discrepancies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Position {
    /// Optional slug, unique within the party: keeps its identity across rounds.
    pub id: Option<String>,
    pub text: String,
    pub red_line: bool,
    pub topic: Option<String>,
    pub sources: Vec<String>,
    /// How the position is known; `None` when the file does not say.
    pub basis: Option<Basis>,
    /// Ids of the quotes behind it: the party's own words.
    pub quotes: Vec<String>,
    /// Ids of the discrepancies that contest it.
    pub discrepancies: Vec<String>,
}

/// How strongly a position is supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The party says it in its own words (a linked quote of the party).
    Stated,
    /// A source reports it as the party's position in its own narration.
    Reported,
    /// The briefing's author reads it from what is reported.
    Inferred,
}

impl Basis {
    pub const ALL: [(&'static str, Basis); 3] = [
        ("stated", Basis::Stated),
        ("reported", Basis::Reported),
        ("inferred", Basis::Inferred),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Reported => "reported",
            Basis::Inferred => "inferred",
        }
    }

    /// Strength order, weakest first: `inferred < reported < stated`.
    pub fn strength(self) -> u8 {
        match self {
            Basis::Inferred => 0,
            Basis::Reported => 1,
            Basis::Stated => 2,
        }
    }
}

/// Whether a quote's words are the speaker's own or only a headline's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words the source attributes to the speaker.
    #[default]
    Direct,
    /// Words that appear only in a headline, standfirst, caption or teaser.
    Headline,
}

impl QuoteKind {
    pub const ALL: [(&'static str, QuoteKind); 2] = [
        ("direct", QuoteKind::Direct),
        ("headline", QuoteKind::Headline),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Headline => "headline",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Open,
    Narrowing,
    Agreed,
    Parked,
}

impl Status {
    pub const ALL: [(&'static str, Status); 4] = [
        ("open", Status::Open),
        ("narrowing", Status::Narrowing),
        ("agreed", Status::Agreed),
        ("parked", Status::Parked),
    ];

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("open", |(name, _)| name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StickingPoint {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// As written, or derived from the speaker and the text when absent
    /// (`ushakov-3f9a1c`; see `briefing::quote_id`), so that adding or
    /// moving a quote changes no other quote's id.
    pub id: Id,
    pub speaker: Id,
    pub party: Option<Id>,
    pub text: String,
    pub source: Id,
    pub said_on: Option<PartialDate>,
    pub context: Option<String>,
    pub topics: Vec<Id>,
    pub kind: QuoteKind,
    /// Ids of the discrepancies that contest it.
    pub discrepancies: Vec<Id>,
}

/// A short string (an id, a speaker's name) kept inline up to 24 bytes: an
/// archive has five of these per quote, and a heap allocation each would
/// cost more than the quote's text.
pub type Id = compact_str::CompactString;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub date: PartialDate,
    pub title: String,
    pub detail: Option<String>,
    pub sources: Vec<String>,
    /// Ids of the discrepancies that contest it.
    pub discrepancies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discrepancy {
    /// Optional slug, unique: what contested items link to.
    pub id: Option<String>,
    pub subject: String,
    pub note: Option<String>,
    pub accounts: Vec<Account>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Account {
    pub source: String,
    pub says: String,
}

/// How many of each thing a briefing holds: the `parley check` summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub parties: usize,
    pub delegates: usize,
    pub positions: usize,
    pub red_lines: usize,
    pub sticking_points: usize,
    pub quotes: usize,
    pub sources: usize,
    pub events: usize,
    pub discrepancies: usize,
}

impl Briefing {
    pub fn counts(&self) -> Counts {
        let positions = self.parties.iter().flat_map(|p| &p.positions);
        Counts {
            parties: self.parties.len(),
            delegates: self.parties.iter().map(|p| p.delegation.len()).sum(),
            positions: positions.clone().count(),
            red_lines: positions.filter(|p| p.red_line).count(),
            sticking_points: self.sticking_points.len(),
            quotes: self.quotes.len(),
            sources: self.sources.len(),
            events: self.events.len(),
            discrepancies: self.discrepancies.len(),
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    /// How many claims (delegates, positions, quotes, events, discrepancy
    /// accounts) cite the source `id`.
    pub fn citations(&self, id: &str) -> usize {
        let cites = |sources: &[String]| usize::from(sources.iter().any(|s| s == id));
        let parties: usize = self
            .parties
            .iter()
            .map(|p| {
                p.delegation
                    .iter()
                    .map(|d| cites(&d.sources))
                    .sum::<usize>()
                    + p.positions.iter().map(|x| cites(&x.sources)).sum::<usize>()
            })
            .sum();
        let quotes = self.quotes.iter().filter(|q| q.source == id).count();
        let events: usize = self.events.iter().map(|e| cites(&e.sources)).sum();
        let accounts = self
            .discrepancies
            .iter()
            .flat_map(|d| &d.accounts)
            .filter(|a| a.source == id)
            .count();
        parties + quotes + events + accounts
    }

    /// The quotes of the party `id` (their indices), in file order.
    pub fn quotes_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = usize> + 'a {
        (0..self.quotes.len()).filter(move |&q| self.quotes[q].party.as_deref() == Some(id))
    }

    pub fn sticking_point(&self, id: &str) -> Option<&StickingPoint> {
        self.sticking_points.iter().find(|s| s.id == id)
    }

    pub fn discrepancy(&self, id: &str) -> Option<&Discrepancy> {
        self.discrepancies
            .iter()
            .find(|d| d.id.as_deref() == Some(id))
    }

    /// The quote with the id `id` (a linear scan: for the few links a
    /// position or a popup follows, not for every quote of an archive).
    pub fn quote(&self, id: &str) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.id == id)
    }

    /// Anything dated after `as_of` could only be expected when written.
    pub fn is_expected(&self, date: PartialDate) -> bool {
        date.is_after(self.meta.as_of)
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let parts = [
            plural(self.parties, "party", "parties"),
            plural(self.delegates, "delegate", "delegates"),
            plural(self.positions, "position", "positions"),
            plural(self.red_lines, "red line", "red lines"),
            plural(self.sticking_points, "sticking point", "sticking points"),
            plural(self.quotes, "quote", "quotes"),
            plural(self.sources, "source", "sources"),
            plural(self.events, "event", "events"),
            plural(self.discrepancies, "discrepancy", "discrepancies"),
        ];
        f.write_str(&parts.join(", "))
    }
}
