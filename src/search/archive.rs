//! Several briefings searched as one archive (`parley search QUERY DIR`).
//!
//! Each briefing keeps its own [`Index`], so a quote's party, source and
//! topic ids are always those of its own file (two files' `s1` never meet),
//! and single-file search is unchanged. The ranked hits of each are merged
//! in the order [`Order`] gives: scores depend on the query and the quote
//! alone, so they compare across files.

use std::cmp::Reverse;
use std::sync::atomic::AtomicBool;

use super::{Hit, Index, Order, Query};

/// A hit in one briefing of an archive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArchiveHit {
    /// Which briefing: an index into the slice searched.
    pub file: usize,
    pub hit: Hit,
}

/// Every hit in every briefing, ranked across them: by relevance (score,
/// then newer, then file and file order) or by date (newer, then score).
/// `None` when `cancel` was set mid-way.
pub fn search_archive(
    indexes: &[Index],
    query: &Query,
    order: Order,
    cancel: &AtomicBool,
) -> Option<Vec<ArchiveHit>> {
    let mut hits = Vec::new();
    for (file, index) in indexes.iter().enumerate() {
        let found = index.search(query, order, cancel)?;
        hits.extend(found.into_iter().map(|hit| ArchiveHit { file, hit }));
    }
    let date = |hit: &ArchiveHit| indexes[hit.file].records[hit.hit.quote].date;
    match order {
        Order::Relevance => {
            hits.sort_by_key(|h| (Reverse(h.hit.score), Reverse(date(h)), h.file, h.hit.quote))
        }
        Order::Date => {
            hits.sort_by_key(|h| (Reverse(date(h)), Reverse(h.hit.score), h.file, h.hit.quote))
        }
    }
    Some(hits)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::briefing::{Document, load};

    const ROUND1: &str = include_str!("../../tests/fixtures/rounds/round1.toml");

    fn index(text: &str) -> Index {
        let document = Document::from_bytes("t.toml".into(), text.into(), None).unwrap();
        Index::new(Arc::new(load(&document).unwrap().briefing))
    }

    fn search(indexes: &[Index], query: &str, order: Order) -> Vec<ArchiveHit> {
        let query = Query::parse(query).unwrap();
        search_archive(indexes, &query, order, &AtomicBool::new(false)).unwrap()
    }

    /// Round 1 with the two parties' ids swapped: the same quotes, each
    /// under the other party's id.
    fn swapped() -> String {
        ROUND1
            .replace("\"coast\"", "\"swap\"")
            .replace("\"isle\"", "\"coast\"")
            .replace("\"swap\"", "\"isle\"")
    }

    #[test]
    fn a_party_filter_reads_each_files_own_ids() {
        let indexes = [index(ROUND1), index(&swapped())];
        let hits = search(&indexes, "trawler @isle", Order::Relevance);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].file, 1);
        let hits = search(&indexes, "trawler @coast", Order::Relevance);
        assert_eq!(hits.iter().map(|h| h.file).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn hits_are_ranked_across_files_not_file_by_file() {
        let weaker = ROUND1.replace(
            "Not one trawler inside twelve miles.",
            "Not one trawlerman.",
        );
        let indexes = [index(&weaker), index(ROUND1)];
        let hits = search(&indexes, "trawler", Order::Relevance);
        assert!(hits.len() >= 2, "{hits:?}");
        assert_eq!(hits[0].file, 1, "the whole-word match first: {hits:?}");
        assert!(hits.windows(2).all(|w| w[0].hit.score >= w[1].hit.score));
    }
}
