//! Quote search: one engine for the dashboard and `parley search`.
//!
//! [`Index::new`] folds every searchable field of a briefing's quotes once
//! (see [`fold`]); [`Query::parse`] reads what a person typed (see [`query`]
//! for the syntax), refusing more than [`MAX_TERMS`] terms;
//! [`Index::search`] returns the ranked [`Hit`]s, and
//! [`Index::highlighter`] the characters to highlight in the ones shown.
//! [`search_archive`] searches several briefings' indexes as one archive.
//!
//! How a query runs:
//! 1. [`select`]: each group of terms is matched plainly (folded
//!    substring), the first by one scan over all folded text, the next ones
//!    only in the quotes still standing. When no quote matches every group,
//!    the quotes matching the most groups go on, and the fuzzy fallback is
//!    in play.
//! 2. [`score`]: each quote is scored; a group with no plain match in it
//!    must match it fuzzily ([`fuzzy`]: a word within typo distance, found
//!    through the index's [`vocabulary`], or letters left out), or the
//!    quote drops out. Positions are left for the highlighter, which finds
//!    them the same way.
//! 3. [`rank`]: hits are ordered.
//!
//! Knows nothing about terminals.

mod archive;
pub mod fold;
mod fuzzy;
mod index;
mod matching;
mod plan;
pub mod query;
mod rank;
mod score;
mod select;
#[cfg(test)]
mod tests;
mod vocabulary;

use std::sync::atomic::AtomicBool;

pub use archive::{ArchiveHit, search_archive};
pub use index::Index;
pub use query::{MAX_TERMS, Query, QueryError};
pub use score::Highlighter;

use plan::Plan;
use score::score_all;
use select::select;

/// Which order results come in.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Order {
    /// Best match first (then newer, then file order).
    #[default]
    Relevance,
    /// Newest `said_on` first (undated last), then best match.
    Date,
}

/// One quote that matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Index into `briefing.quotes`.
    pub quote: usize,
    /// Higher is better; comparable between hits of one query only (in any
    /// briefing: a score depends on the query and the quote alone).
    pub score: i64,
}

impl Index {
    /// What to highlight in the quotes `query` finds (see [`Highlighter`]).
    pub fn highlighter<'q>(&'q self, query: &'q Query) -> Highlighter<'q> {
        Highlighter::new(self, query)
    }

    /// All hits, ranked. `None` when `cancel` was set mid-way.
    pub fn search(&self, query: &Query, order: Order, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        self.run(query, order, None, cancel).map(|found| found.hits)
    }

    /// Same, but only among `candidates`: the quote indices of every hit of
    /// a previous search whose query this one narrows
    /// ([`Query::narrows`]). When no candidate matches every term plainly
    /// (the fuzzy fallback is needed), or when the candidates are most of
    /// the quotes, this searches everything instead: the results are always
    /// those of [`Index::search`].
    pub fn search_within(
        &self,
        query: &Query,
        order: Order,
        candidates: &[usize],
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        if candidates.len() >= 4096 && candidates.len() > self.len() / 4 {
            // Checking most quotes one by one costs more than one scan of all.
            return self.search(query, order, cancel);
        }
        let mut within: Vec<u32> = candidates
            .iter()
            .filter(|&&q| q < self.len())
            .map(|&q| q as u32)
            .collect();
        within.sort_unstable();
        within.dedup();
        self.run(query, order, Some(within), cancel)
            .map(|found| found.hits)
    }

    fn run(
        &self,
        query: &Query,
        order: Order,
        within: Option<Vec<u32>>,
        cancel: &AtomicBool,
    ) -> Option<Found> {
        let plan = Plan::new(self, query);
        let searched_within = within.is_some();
        let selection = select(&plan, within, cancel)?;
        let may_be_fuzzy = plan.groups.iter().flatten().any(|alt| alt.term().fuzzy);
        if searched_within && selection.fuzzy && may_be_fuzzy {
            return self.run(query, order, None, cancel);
        }
        let mut hits = score_all(&plan, &selection, cancel)?;
        rank::sort(&mut hits, |q| self.records[q].date, order);
        Some(Found {
            hits,
            plain_groups: selection.plain_groups,
        })
    }
}

/// The ranked hits of one index, and how many of the query's groups the
/// quotes scored matched plainly (see [`select::Selection`]).
struct Found {
    hits: Vec<Hit>,
    plain_groups: usize,
}

/// Two sorted lists as one, sorted, without repeats.
fn merge<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let next = a[i].min(b[j]);
        merged.push(next);
        i += usize::from(a[i] == next);
        j += usize::from(b[j] == next);
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}
