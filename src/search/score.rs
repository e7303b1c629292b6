//! Step 2 of a search: score each quote still standing. A group with no
//! plain match in a quote may match it fuzzily when the selection says the
//! fallback is in play.
//!
//! Where the terms occur is collected only when it is needed: for the
//! proximity of several groups (as byte ranges of the folded text), and for
//! the highlights of the few hits on screen ([`Highlighter`], which folds
//! each again with a map back to the original characters). A one-letter
//! query hits nearly every quote of an archive, and positions for all of
//! them cost more than the search.

use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use super::Hit;
use super::fold::{Case, fold_into};
use super::index::{Index, NONE};
use super::matching::{Field, Kind};
use super::plan::{CHECK_EVERY, FuzzyAlt, Plan, SHARED_FIELDS, cancelled, shared_ids};
use super::query::Query;
use super::rank::{self, GroupMatch};
use super::select::Selection;

/// Below this many quotes, scoring stays on the calling thread.
const PARALLEL_FROM: usize = 8192;

pub(crate) fn score_all(
    plan: &Plan,
    selection: &Selection,
    cancel: &AtomicBool,
) -> Option<Vec<Hit>> {
    let fuzzies: Vec<OnceLock<Vec<FuzzyAlt>>> = match selection.fuzzy {
        true => plan.groups.iter().map(|_| OnceLock::new()).collect(),
        false => Vec::new(),
    };
    let records = &selection.records;
    let scorer = Scorer {
        plan,
        fuzzies: &fuzzies,
        collect: match plan.groups.len() > 1 {
            true => Collect::FoldedRanges,
            false => Collect::Score,
        },
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if records.len() < PARALLEL_FROM || threads == 1 {
        return scorer.score_chunk(records, cancel);
    }
    let chunk = records.len().div_ceil(threads);
    let parts: Vec<Option<Vec<Hit>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = records
            .chunks(chunk)
            .map(|part| scope.spawn(|| scorer.score_chunk(part, cancel)))
            .collect();
        let join = |w: std::thread::ScopedJoinHandle<_>| {
            w.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        workers.into_iter().map(join).collect()
    });
    let mut hits = Vec::with_capacity(records.len());
    for part in parts {
        hits.extend(part?);
    }
    Some(hits)
}

struct Scorer<'p, 'q> {
    plan: &'p Plan<'q>,
    /// When the fuzzy fallback is in play: each group's fuzzy matchers
    /// (none for a group that may not be fuzzy: `'exact`, `^x`, a phrase),
    /// made when a quote first needs them (finding the words within typo
    /// distance reads the vocabulary).
    fuzzies: &'p [OnceLock<Vec<FuzzyAlt<'q>>>],
    collect: Collect<'p>,
}

/// What scoring a record collects besides its score.
#[derive(Clone, Copy)]
enum Collect<'p> {
    /// Nothing: how well each group matched is enough.
    Score,
    /// Where each group occurs in the text, as byte ranges of the folded
    /// text (the proximity of several groups needs them).
    FoldedRanges,
    /// Where each group occurs, as character ranges of the original text:
    /// the record's text is read folded again with maps, by [`Case`].
    OriginalRanges(&'p [Refolded; 2]),
}

/// One quote's text folded, with the original character of each byte.
struct Refolded {
    text: String,
    map: Vec<u32>,
    /// Characters in the original text.
    chars: u32,
}

impl Refolded {
    fn new(original: &str, case: Case) -> Refolded {
        let (mut text, mut map) = (String::new(), Vec::new());
        fold_into(original, case, &mut text, Some(&mut map));
        let chars = original.chars().count() as u32;
        Refolded { text, map, chars }
    }

    /// The original characters a folded byte range came from, including
    /// any that folded to nothing right after it (a combining accent stays
    /// highlighted with its letter).
    fn original_range(&self, start: usize, end: usize) -> (u32, u32) {
        let first = self.map[start];
        let last = match self.map.get(end) {
            Some(&next) => next.max(self.map[end - 1] + 1),
            None => self.chars,
        };
        (first, last)
    }
}

/// Buffers reused from one quote to the next.
struct Scratch {
    /// Per group: the character ranges it occupies in the original text.
    occurrences: Vec<Vec<(u32, u32)>>,
    groups: Vec<GroupMatch>,
    window: Vec<usize>,
    /// The quote's fields with case kept (see [`Index::kept_fields`]).
    kept: String,
}

/// A quote's text and context, folded, and with case kept when a term of
/// the query needs them.
#[derive(Clone, Copy)]
struct Fields<'a> {
    folded: (&'a str, &'a str),
    kept: Option<(&'a str, &'a str)>,
}

impl<'a> Fields<'a> {
    fn new(index: &'a Index, record: usize, kept: Option<(&'a str, &'a str)>) -> Fields<'a> {
        let corpus = &index.folded;
        Fields {
            folded: (corpus.text(record), corpus.context(record)),
            kept,
        }
    }

    fn get(&self, case: Case) -> (&'a str, &'a str) {
        match case {
            Case::Fold => self.folded,
            // The scorer reads them for every quote of a query with such a term.
            Case::Keep => self
                .kept
                .expect("fields with case kept, for a case-kept term"),
        }
    }
}

/// The characters to highlight in the quotes a query found, one quote at a
/// time: built once per query, asked only for the hits on screen.
pub struct Highlighter<'q> {
    plan: Plan<'q>,
    /// Every group's fuzzy matchers, made when needed: a hit whose group
    /// has no plain match was found by the fallback.
    fuzzies: Vec<OnceLock<Vec<FuzzyAlt<'q>>>>,
}

impl<'q> Highlighter<'q> {
    pub(crate) fn new(index: &'q Index, query: &'q Query) -> Highlighter<'q> {
        let plan = Plan::new(index, query);
        let fuzzies = plan.groups.iter().map(|_| OnceLock::new()).collect();
        Highlighter { plan, fuzzies }
    }

    /// Character positions in the quote's original `text` to highlight,
    /// sorted, without repeats; empty when the query does not match it.
    /// Matches in other fields (speaker, context, ...) are not listed.
    pub fn positions(&self, quote: usize) -> Vec<usize> {
        if quote >= self.plan.index.len() {
            return Vec::new();
        }
        let text = &self.plan.index.briefing.quotes[quote].text;
        let refolded = [Case::Fold, Case::Keep].map(|case| Refolded::new(text, case));
        let scorer = Scorer {
            plan: &self.plan,
            fuzzies: &self.fuzzies,
            collect: Collect::OriginalRanges(&refolded),
        };
        let mut scratch = Scratch::new(self.plan.groups.len());
        if scorer.score_groups(quote, &mut scratch).is_none() {
            return Vec::new();
        }
        let mut positions: Vec<usize> = scratch
            .occurrences
            .iter()
            .flatten()
            .flat_map(|&(from, to)| from as usize..to as usize)
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

impl Scratch {
    fn new(groups: usize) -> Scratch {
        Scratch {
            occurrences: vec![Vec::new(); groups],
            groups: Vec::with_capacity(groups),
            window: Vec::new(),
            kept: String::new(),
        }
    }
}

impl Scorer<'_, '_> {
    fn score_chunk(&self, records: &[u32], cancel: &AtomicBool) -> Option<Vec<Hit>> {
        let mut scratch = Scratch::new(self.plan.groups.len());
        let mut hits = Vec::with_capacity(records.len());
        for (n, &record) in records.iter().enumerate() {
            if n % CHECK_EVERY == CHECK_EVERY - 1 && cancelled(cancel) {
                return None;
            }
            hits.extend(self.score(record as usize, &mut scratch));
        }
        Some(hits)
    }

    fn score(&self, record: usize, scratch: &mut Scratch) -> Option<Hit> {
        let score = self.score_groups(record, scratch)?;
        Some(Hit {
            quote: record,
            score,
        })
    }

    /// Matches every group in the record; unless [`Collect::Score`], each
    /// group's ranges in the text are left in `scratch.occurrences`.
    fn score_groups(&self, record: usize, scratch: &mut Scratch) -> Option<i64> {
        let Scratch {
            occurrences,
            groups,
            window,
            kept,
        } = scratch;
        let index = self.plan.index;
        let kept = self
            .plan
            .keeps_case
            .then(|| index.kept_fields(record, kept));
        let fields = Fields::new(index, record, kept);
        groups.clear();
        for (g, occurrences) in occurrences.iter_mut().enumerate() {
            occurrences.clear();
            let found = self
                .plain_group(record, fields, g, occurrences)
                .or_else(|| {
                    let alts = self.fuzzies.get(g)?.get_or_init(|| self.plan.fuzzies(g));
                    self.fuzzy_group(record, fields, alts, occurrences)
                });
            groups.push(found?);
        }
        let several = occurrences.len() > 1;
        if several {
            occurrences.iter_mut().for_each(|o| o.sort_unstable());
        }
        let window = several
            .then(|| rank::narrowest_window(occurrences, window))
            .flatten();
        Some(rank::score(groups, window))
    }

    /// The record's folded text: as the index holds it, or folded again
    /// with its map.
    fn text<'f>(&'f self, fields: Fields<'f>, case: Case) -> &'f str {
        match self.collect {
            Collect::OriginalRanges(refolded) => &refolded[case as usize].text,
            _ => fields.get(case).0,
        }
    }

    /// A byte range of [`Scorer::text`], as the range to collect.
    fn range(&self, case: Case, start: usize, end: usize) -> (u32, u32) {
        match self.collect {
            Collect::OriginalRanges(refolded) => refolded[case as usize].original_range(start, end),
            _ => (start as u32, end as u32),
        }
    }

    /// The best plain match of group `g`; every occurrence in the text goes to `occurrences`.
    fn plain_group(
        &self,
        record: usize,
        fields: Fields,
        g: usize,
        occurrences: &mut Vec<(u32, u32)>,
    ) -> Option<GroupMatch> {
        let index = self.plan.index;
        let r = &index.records[record];
        let mut best: Option<(Kind, Field)> = None;
        for alt in &self.plan.groups[g] {
            let text = self.text(fields, alt.case);
            match alt.needle.letter {
                // A letter term is always matched with case folded.
                Some(letter) if matches!(self.collect, Collect::Score) => {
                    let kind = index.folded.letters[record].kind(letter);
                    best = best.max(kind.map(|kind| (kind, Field::Text)));
                }
                _ => {
                    for (start, end) in alt.needle.occurrences(text) {
                        best = best.max(Some((alt.needle.kind(text, start, end), Field::Text)));
                        match self.collect {
                            Collect::Score if best == Some((Kind::Word, Field::Text)) => break,
                            Collect::Score => {}
                            _ => occurrences.push(self.range(alt.case, start, end)),
                        }
                    }
                }
            }
            for ((&id, kinds), field) in shared_ids(r).iter().zip(&alt.shared).zip(SHARED_FIELDS) {
                if id != NONE {
                    best = best.max(kinds[id as usize].map(|kind| (kind, field)));
                }
            }
            if best < Some((Kind::Word, Field::Context)) {
                let context = alt.needle.best_kind(fields.get(alt.case).1);
                best = best.max(context.map(|kind| (kind, Field::Context)));
            }
        }
        let (kind, field) = best?;
        Some(GroupMatch {
            kind,
            field,
            fuzzy_score: 0,
        })
    }

    /// The best fuzzy match of a set-aside group, by field then score.
    fn fuzzy_group(
        &self,
        record: usize,
        fields: Fields,
        alts: &[FuzzyAlt],
        occurrences: &mut Vec<(u32, u32)>,
    ) -> Option<GroupMatch> {
        let index = self.plan.index;
        let r = &index.records[record];
        let mut best: Option<(Field, i64)> = None;
        for alt in alts {
            let text = self.text(fields, alt.case);
            if let Some(found) = alt.fuzzy.find(text) {
                best = best.max(Some((Field::Text, found.score)));
                if matches!(self.collect, Collect::Score) {
                    continue;
                }
                for at in found.positions {
                    let end = at + text[at..].chars().next().map_or(1, char::len_utf8);
                    occurrences.push(self.range(alt.case, at, end));
                }
                continue;
            }
            for ((&id, scores), field) in shared_ids(r).iter().zip(&alt.shared).zip(SHARED_FIELDS) {
                if id != NONE {
                    best = best.max(scores[id as usize].map(|score| (field, score)));
                }
            }
            if best < Some((Field::Context, i64::MIN)) {
                let context = alt.fuzzy.find(fields.get(alt.case).1);
                best = best.max(context.map(|m| (Field::Context, m.score)));
            }
        }
        let (field, fuzzy_score) = best?;
        Some(GroupMatch {
            kind: Kind::Fuzzy,
            field,
            fuzzy_score,
        })
    }
}
