//! A query resolved against one index: prebuilt searchers for its terms,
//! what each term does in the texts quotes share (speakers, parties,
//! sources), and its filters as numbers.

use std::sync::atomic::{AtomicBool, Ordering};

use memchr::memmem::Finder;

use super::fold::Case;
use super::fuzzy::Fuzzy;
use super::index::{Index, NONE, Record, Shared};
use super::matching::{Field, Kind, Needle};
use super::merge;
use super::query::{Filter, Query, Term};

/// How many quotes are looked at between two checks of the cancel flag.
pub(crate) const CHECK_EVERY: usize = 4096;

/// From this many bytes of folded text, a scan is split over two threads.
const PARALLEL_SCAN_FROM: usize = 1 << 22;

pub(crate) fn cancelled(cancel: &AtomicBool) -> bool {
    cancel.load(Ordering::Relaxed)
}

/// One alternative of a group (or an exclusion), ready to match.
pub(crate) struct Alt<'q> {
    pub needle: Needle<'q>,
    pub case: Case,
    /// For a term matched with case kept: the term with case folded, to
    /// find in the folded text the quotes that may hold it.
    candidates: Option<Finder<'static>>,
    /// The best plain match in each speaker, party and source text.
    pub shared: [Vec<Option<Kind>>; 3],
}

pub(crate) const SHARED_FIELDS: [Field; 3] = [Field::Speaker, Field::Party, Field::Source];

impl<'q> Alt<'q> {
    /// The term occurs plainly in the record's speaker, party or source.
    pub fn in_shared(&self, record: &Record) -> bool {
        shared_ids(record)
            .iter()
            .zip(&self.shared)
            .any(|(&id, kinds)| id != NONE && kinds[id as usize].is_some())
    }

    fn new(index: &Index, term: &'q Term) -> Alt<'q> {
        let needle = Needle::new(term);
        let case = if term.case_sensitive {
            Case::Keep
        } else {
            Case::Fold
        };
        let kinds = |shared: &Shared| {
            let texts = shared.texts(case);
            texts.iter().map(|t| needle.best_kind(t)).collect()
        };
        let shared = [
            kinds(&index.speakers),
            kinds(&index.parties),
            kinds(&index.sources),
        ];
        let candidates =
            (case == Case::Keep).then(|| Finder::new(term.folded().as_bytes()).into_owned());
        Alt {
            needle,
            case,
            candidates,
            shared,
        }
    }

    pub fn term(&self) -> &'q Term {
        self.needle.term
    }
}

/// The shared texts (speaker, party, source) of a record, as indices.
pub(crate) fn shared_ids(record: &Record) -> [u32; 3] {
    [record.speaker, record.party, record.source]
}

/// A filter with its ids looked up.
enum Resolved {
    Party(u32),
    Topic(u32),
    Source(u32),
    Speakers(Vec<bool>),
}

impl Resolved {
    fn new(index: &Index, filter: &Filter) -> Resolved {
        let find =
            |ids: &[String], id: &str| ids.iter().position(|x| x == id).map_or(NONE, |i| i as u32);
        match filter {
            Filter::Party(id) => Resolved::Party(find(&index.party_ids, id)),
            Filter::Topic(id) => Resolved::Topic(find(&index.topic_ids, id)),
            Filter::Source(id) => Resolved::Source(find(&index.source_ids, id)),
            Filter::Speaker(name) => Resolved::Speakers(
                index
                    .speakers
                    .folded
                    .iter()
                    .map(|s| s.contains(name.as_str()))
                    .collect(),
            ),
        }
    }

    fn accepts(&self, index: &Index, record: &Record) -> bool {
        match self {
            Resolved::Party(p) => *p != NONE && record.party == *p,
            Resolved::Source(s) => *s != NONE && record.source == *s,
            Resolved::Topic(t) => {
                let (from, to) = record.topics;
                *t != NONE && index.topics[from as usize..to as usize].contains(t)
            }
            Resolved::Speakers(ok) => ok[record.speaker as usize],
        }
    }
}

pub(crate) struct Plan<'q> {
    pub index: &'q Index,
    pub groups: Vec<Vec<Alt<'q>>>,
    /// Some term of the groups is matched with case kept.
    pub keeps_case: bool,
    exclusions: Vec<Alt<'q>>,
    /// Filters by kind: a record must pass one of each kind.
    filters: Vec<Vec<Resolved>>,
    excluded_filters: Vec<Resolved>,
}

impl<'q> Plan<'q> {
    pub fn new(index: &'q Index, query: &'q Query) -> Plan<'q> {
        let mut filters: Vec<Vec<(&Filter, Resolved)>> = Vec::new();
        for filter in &query.filters {
            let resolved = Resolved::new(index, filter);
            let same = |kind: &&mut Vec<(&Filter, Resolved)>| {
                std::mem::discriminant(kind[0].0) == std::mem::discriminant(filter)
            };
            match filters.iter_mut().find(same) {
                Some(kind) => kind.push((filter, resolved)),
                None => filters.push(vec![(filter, resolved)]),
            }
        }
        let alts = |terms: &'q [Term]| terms.iter().map(|t| Alt::new(index, t)).collect();
        let groups: Vec<Vec<Alt>> = query.groups.iter().map(|g| alts(g)).collect();
        Plan {
            index,
            keeps_case: groups.iter().flatten().any(|alt| alt.case == Case::Keep),
            groups,
            exclusions: alts(&query.exclusions),
            filters: filters
                .into_iter()
                .map(|kind| kind.into_iter().map(|(_, r)| r).collect())
                .collect(),
            excluded_filters: query
                .excluded_filters
                .iter()
                .map(|f| Resolved::new(index, f))
                .collect(),
        }
    }

    /// True when [`Plan::keeps`] keeps every record.
    pub fn keeps_all(&self) -> bool {
        self.filters.is_empty() && self.excluded_filters.is_empty() && self.exclusions.is_empty()
    }

    /// Passes the filters and no exclusion matches.
    pub fn keeps(&self, record: usize) -> bool {
        let index = self.index;
        let r = &index.records[record];
        self.filters
            .iter()
            .all(|kind| kind.iter().any(|f| f.accepts(index, r)))
            && !self.excluded_filters.iter().any(|f| f.accepts(index, r))
            && !self
                .exclusions
                .iter()
                .any(|alt| self.has_plain(alt, record))
    }

    /// The term occurs plainly in some field of the record.
    pub fn has_plain(&self, alt: &Alt, record: usize) -> bool {
        alt.in_shared(&self.index.records[record])
            || self.in_fields(alt, record, &mut String::new())
    }

    /// The term occurs plainly in the record's text or context. `buf` holds
    /// the fields with case kept, when the term needs them.
    fn in_fields(&self, alt: &Alt, record: usize, buf: &mut String) -> bool {
        let (text, context) = match alt.case {
            Case::Fold => {
                let corpus = &self.index.folded;
                (corpus.text(record), corpus.context(record))
            }
            Case::Keep => self.index.kept_fields(record, buf),
        };
        alt.needle.is_in(text) || alt.needle.is_in(context)
    }

    /// Every record in which some alternative of `group` occurs plainly, in
    /// order, without repeats.
    pub fn scan(&self, group: &[Alt], cancel: &AtomicBool) -> Option<Vec<u32>> {
        let mut found: Vec<u32> = Vec::new();
        for alt in group {
            found = merge(&found, &self.scan_text(alt, cancel)?);
            let shared_hit = alt
                .shared
                .iter()
                .any(|kinds| kinds.iter().any(Option::is_some));
            if shared_hit {
                let shared: Vec<u32> = (0..self.index.len() as u32)
                    .filter(|&r| alt.in_shared(&self.index.records[r as usize]))
                    .collect();
                found = merge(&found, &shared);
            }
        }
        Some(found)
    }

    /// The records whose text or context holds `alt`, in order: one pass
    /// over the folded text, skipping to the next record at each hit. A
    /// large corpus is scanned in halves on two threads.
    fn scan_text(&self, alt: &Alt, cancel: &AtomicBool) -> Option<Vec<u32>> {
        let records = self.index.len();
        let corpus = &self.index.folded;
        if corpus.buf.len() < PARALLEL_SCAN_FROM {
            return self.scan_records(alt, 0..records, cancel);
        }
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| self.scan_records(alt, records / 2..records, cancel));
            let first = self.scan_records(alt, 0..records / 2, cancel);
            let second = second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, second)
        });
        let mut found = first?;
        found.extend(second?);
        Some(found)
    }

    fn scan_records(
        &self,
        alt: &Alt,
        records: std::ops::Range<usize>,
        cancel: &AtomicBool,
    ) -> Option<Vec<u32>> {
        let corpus = &self.index.folded;
        let spans = &corpus.spans;
        let mut found: Vec<u32> = Vec::new();
        let Some(last) = records.end.checked_sub(1).filter(|&l| l >= records.start) else {
            return Some(found);
        };
        let finder = alt.candidates.as_ref().unwrap_or(&alt.needle.finder);
        let mut kept = String::new();
        let bytes = &corpus.buf.as_bytes()[..spans[last].end as usize];
        let (mut at, mut record) = (spans[records.start].start as usize, records.start);
        while let Some(offset) = finder.find(&bytes[at..]) {
            let pos = at + offset;
            while (spans[record].end as usize) < pos {
                record += 1;
            }
            let span = spans[record];
            let next_record = span.end as usize + 1;
            let holds = match alt.case {
                Case::Fold => {
                    let (field_start, field_end) = if pos < span.text_end as usize {
                        (span.start, span.text_end)
                    } else {
                        (span.text_end + 1, span.end)
                    };
                    let field = &corpus.buf[field_start as usize..field_end as usize];
                    let start = pos - field_start as usize;
                    let end = start + alt.term().needle.len();
                    alt.needle.anchors_hold(field, start, end)
                }
                // A candidate: the whole record is checked with case kept.
                Case::Keep => self.in_fields(alt, record, &mut kept),
            };
            if holds {
                found.push(record as u32);
                if found.len().is_multiple_of(CHECK_EVERY) && cancelled(cancel) {
                    return None;
                }
            }
            at = match (holds, alt.case) {
                (false, Case::Fold) => pos + 1,
                _ => next_record,
            };
            if at >= bytes.len() {
                break;
            }
        }
        Some(found)
    }

    /// The fuzzy matchers for a group that found no plain match.
    pub fn fuzzies(&self, group: usize) -> Vec<FuzzyAlt<'q>> {
        self.groups[group]
            .iter()
            .filter(|alt| alt.term().fuzzy)
            .map(|alt| {
                let fuzzy = Fuzzy::new(alt.term(), self.index.vocabulary());
                let scores = |shared: &Shared| {
                    let texts = shared.texts(alt.case);
                    texts
                        .iter()
                        .map(|t| fuzzy.find(t).map(|m| m.score))
                        .collect()
                };
                let shared = [
                    scores(&self.index.speakers),
                    scores(&self.index.parties),
                    scores(&self.index.sources),
                ];
                FuzzyAlt {
                    fuzzy,
                    case: alt.case,
                    shared,
                }
            })
            .collect()
    }
}

/// A fuzzy matcher with its scores in the shared texts.
pub(crate) struct FuzzyAlt<'q> {
    pub fuzzy: Fuzzy<'q>,
    pub case: Case,
    pub shared: [Vec<Option<i64>>; 3],
}
