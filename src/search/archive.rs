//! Several briefings searched as one archive (`parley search QUERY DIR`).
//!
//! Each briefing keeps its own [`Index`], so a quote's party, source and
//! topic ids are always those of its own file (two files' `s1` never meet)
//! and an id one file lacks simply matches nothing there. The hits are
//! those one index over every quote would give:
//! - a score depends on the query and the quote alone, so the ranked lists
//!   of the files merge into one by the same order [`Index::search`] uses,
//!   ties going to the earlier file;
//! - the fuzzy fallback is in play only when no quote of any file matches
//!   every group plainly, so only the files whose quotes matched the most
//!   groups plainly contribute (a misspelt match in one file does not join
//!   the plain matches of another).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::AtomicBool;

use super::{Hit, Index, Order, Query, rank};

/// A hit in one briefing of an archive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArchiveHit {
    /// Which briefing: an index into the slice searched.
    pub file: usize,
    pub hit: Hit,
}

/// Every hit in every briefing, in one ranking: by relevance (score, then
/// newer, then file, then the file's order) or by date (newer, then score,
/// then file and the file's order). `None` when `cancel` was set mid-way.
pub fn search_archive(
    indexes: &[Index],
    query: &Query,
    order: Order,
    cancel: &AtomicBool,
) -> Option<Vec<ArchiveHit>> {
    let mut found = Vec::with_capacity(indexes.len());
    for index in indexes {
        found.push(index.run(query, order, None, cancel)?);
    }
    let most_plain = found.iter().map(|f| f.plain_groups).max().unwrap_or(0);
    let ranked: Vec<Vec<Hit>> = found
        .into_iter()
        .map(|f| match f.plain_groups == most_plain {
            true => f.hits,
            false => Vec::new(),
        })
        .collect();
    Some(merge_ranked(indexes, &ranked, order))
}

/// Merges each file's ranked hits into one ranking: a k-way merge on each
/// hit's place in `order`, the earlier file first among equals.
fn merge_ranked(indexes: &[Index], ranked: &[Vec<Hit>], order: Order) -> Vec<ArchiveHit> {
    let place = |file: usize, n: usize| {
        let hit = &ranked[file][n];
        rank::place(hit, indexes[file].records[hit.quote].date, order)
    };
    let mut next: BinaryHeap<Reverse<(u128, usize, usize)>> = ranked
        .iter()
        .enumerate()
        .filter(|(_, hits)| !hits.is_empty())
        .map(|(file, _)| Reverse((place(file, 0), file, 0)))
        .collect();
    let mut merged = Vec::with_capacity(ranked.iter().map(Vec::len).sum());
    while let Some(Reverse((_, file, n))) = next.pop() {
        merged.push(ArchiveHit {
            file,
            hit: ranked[file][n],
        });
        if n + 1 < ranked[file].len() {
            next.push(Reverse((place(file, n + 1), file, n + 1)));
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::briefing::{Document, load};

    const ROUND1: &str = include_str!("../../tests/fixtures/rounds/round1.toml");
    const TWELVE: &str = "Not one trawler inside twelve miles.";

    fn index(text: &str) -> Index {
        let document = Document::from_bytes("t.toml".into(), text.into(), None).unwrap();
        Index::new(Arc::new(load(&document).unwrap().briefing))
    }

    fn search(indexes: &[Index], query: &str, order: Order) -> Vec<ArchiveHit> {
        let query = Query::parse(query).unwrap();
        search_archive(indexes, &query, order, &AtomicBool::new(false)).unwrap()
    }

    fn files(hits: &[ArchiveHit]) -> Vec<usize> {
        hits.iter().map(|h| h.file).collect()
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
        assert_eq!(
            files(&search(&indexes, "trawler @isle", Order::Relevance)),
            [1]
        );
        assert_eq!(
            files(&search(&indexes, "trawler @coast", Order::Relevance)),
            [0]
        );
        let unknown_in_one = [
            index(ROUND1),
            index(&ROUND1.replace("\"isle\"", "\"islands\"")),
        ];
        assert_eq!(
            files(&search(&unknown_in_one, "@isle", Order::Relevance)),
            [0]
        );
    }

    #[test]
    fn hits_are_ranked_across_files_not_file_by_file() {
        // The first file's quote matches `trawler` only inside a word.
        let weaker = ROUND1.replace(TWELVE, "Not one trawlerman inside twelve miles.");
        let indexes = [index(&weaker), index(ROUND1)];
        let hits = search(&indexes, "trawler", Order::Relevance);
        assert_eq!(files(&hits), [1, 0], "{hits:?}");
        assert!(hits[0].hit.score > hits[1].hit.score, "{hits:?}");
    }

    #[test]
    fn equal_hits_keep_file_order_then_each_files_order() {
        let indexes = [index(ROUND1), index(ROUND1)];
        let hits = search(&indexes, "harbour", Order::Relevance);
        let single = indexes[0]
            .search(
                &Query::parse("harbour").unwrap(),
                Order::Relevance,
                &AtomicBool::new(false),
            )
            .unwrap();
        // Each quote of file 0 comes just before its twin in file 1.
        let expected: Vec<ArchiveHit> = single
            .iter()
            .flat_map(|&hit| [ArchiveHit { file: 0, hit }, ArchiveHit { file: 1, hit }])
            .collect();
        assert!(single.len() > 1);
        assert_eq!(hits, expected);
    }

    #[test]
    fn by_date_the_newest_quote_of_any_file_comes_first() {
        // The second file's trawler quote is a weaker match, said a year later.
        let weaker_but_newer = ROUND1
            .replace(TWELVE, "Not one trawlerman.")
            .replace("said_on = 2031-05-08", "said_on = 2032-05-08");
        let indexes = [index(ROUND1), index(&weaker_but_newer)];
        assert_eq!(files(&search(&indexes, "trawler", Order::Date)), [1, 0]);
        assert_eq!(
            files(&search(&indexes, "trawler", Order::Relevance)),
            [0, 1]
        );
    }

    #[test]
    fn a_fuzzy_match_in_one_file_does_not_join_plain_matches_in_another() {
        let misspelt = ROUND1.replace(TWELVE, "Not one trawlre inside twelve miles.");
        let alone = search(&[index(&misspelt)], "trawler", Order::Relevance);
        assert_eq!(files(&alone), [0], "on its own, the typo is forgiven");
        let indexes = [index(&misspelt), index(ROUND1)];
        assert_eq!(files(&search(&indexes, "trawler", Order::Relevance)), [1]);
    }
}
