//! Ranking: one number per hit, compared before the date and file order.
//!
//! From most to least significant: how each term matched (whole word >
//! word prefix > inside a word > fuzzy), how good the fuzzy matches are
//! (a word with fewer typos first, then skim matches by their score),
//! how close together the terms are in the text, and which field each term
//! matched in (text > speaker > context > party > source).

use super::matching::{Field, Kind};
use super::{Hit, Order, merge};

/// How one group of the query matched one quote.
pub(crate) struct GroupMatch {
    pub kind: Kind,
    pub field: Field,
    /// The fuzzy match's score when `kind` is [`Kind::Fuzzy`] (see [`fuzzy`](super::fuzzy)).
    pub fuzzy_score: i64,
}

/// Proximity is measured in bytes of the folded text (a character, for
/// most Latin text) up to this; farther is as bad.
const FAR: i64 = 4095;
/// A fuzzy match's quality is its score up to this (a word one typo away
/// scores one less, a skim match less again); a plain match counts as this.
pub(crate) const BEST_FUZZY: i64 = 1023;

pub(crate) fn score(groups: &[GroupMatch], window: Option<u32>) -> i64 {
    if groups.is_empty() {
        return 0;
    }
    let kinds: i64 = groups.iter().map(|g| g.kind as i64).sum();
    let fuzzy: i64 = groups
        .iter()
        .map(|g| match g.kind {
            Kind::Fuzzy => g.fuzzy_score.clamp(0, BEST_FUZZY),
            _ => BEST_FUZZY,
        })
        .sum();
    let proximity = match window {
        _ if groups.len() == 1 => FAR,
        Some(width) => FAR - i64::from(width).min(FAR),
        None => 0,
    };
    let fields: i64 = groups.iter().map(|g| g.field as i64).sum();
    (kinds << 44) | (fuzzy.min(0xffff) << 28) | (proximity << 16) | fields.min(0xffff)
}

/// The narrowest span of text (in characters) holding one occurrence of
/// every group, given each group's occurrences as sorted character ranges.
/// `next` is scratch space.
pub(crate) fn narrowest_window(
    occurrences: &[Vec<(u32, u32)>],
    next: &mut Vec<usize>,
) -> Option<u32> {
    if occurrences.iter().any(Vec::is_empty) {
        return None;
    }
    next.clear();
    next.resize(occurrences.len(), 0);
    let mut best = u32::MAX;
    loop {
        let (mut lowest, mut start, mut end) = (0, u32::MAX, 0);
        for (group, (list, &i)) in occurrences.iter().zip(next.iter()).enumerate() {
            let (from, to) = list[i];
            if from < start {
                (lowest, start) = (group, from);
            }
            end = end.max(to);
        }
        best = best.min(end.saturating_sub(start));
        next[lowest] += 1;
        if next[lowest] == occurrences[lowest].len() {
            return Some(best);
        }
    }
}

/// Puts the hits in order: by relevance (score, then newer, then file
/// order) or by date (newer, then score, then file order). Undated quotes
/// count as oldest.
///
/// Each hit becomes one 128-bit key holding all three, so a comparison is
/// one integer compare; a long list is sorted in halves on two threads and
/// merged.
pub(crate) fn sort(hits: &mut [Hit], dates: impl Fn(usize) -> i32, order: Order) {
    let mut keys: Vec<u128> = hits
        .iter()
        .map(|hit| Key::of(hit, dates(hit.quote), order))
        .collect();
    if keys.len() < PARALLEL_SORT_FROM {
        keys.sort_unstable();
    } else {
        let half = keys.len() / 2;
        let (left, right) = keys.split_at_mut(half);
        std::thread::scope(|scope| {
            scope.spawn(|| left.sort_unstable());
            right.sort_unstable();
        });
        // Keys are unique (the quote is in them): merging drops nothing.
        keys = merge(left, right);
    }
    for (hit, &key) in hits.iter_mut().zip(&keys) {
        *hit = Key::hit(key, order);
    }
}

/// A hit's place in `order` short of file order: lower comes first, and
/// hits of equal score and date share it. Hits of different briefings
/// compare by it (see [`archive`](super::archive)).
pub(crate) fn place(hit: &Hit, date: i32, order: Order) -> u128 {
    Key::of(hit, date, order) >> 32
}

/// Below this many hits, one thread sorts them all.
const PARALLEL_SORT_FROM: usize = 16_384;

/// A hit's place in the order, packed: best first is `u64` of the score
/// flipped, newest first is the distance of the date from the latest
/// possible, and the quote index comes last.
struct Key;

impl Key {
    const SIGN: u64 = 1 << 63;

    fn of(hit: &Hit, date: i32, order: Order) -> u128 {
        let best_first = u128::from(!(hit.score as u64 ^ Key::SIGN));
        let newest_first = u128::from(i32::MAX.abs_diff(date));
        let quote = hit.quote as u128 & 0xffff_ffff;
        match order {
            Order::Relevance => best_first << 64 | newest_first << 32 | quote,
            Order::Date => newest_first << 96 | best_first << 32 | quote,
        }
    }

    fn hit(key: u128, order: Order) -> Hit {
        let best_first = match order {
            Order::Relevance => (key >> 64) as u64,
            Order::Date => (key >> 32) as u64,
        };
        Hit {
            quote: (key & 0xffff_ffff) as usize,
            score: (!best_first ^ Key::SIGN) as i64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowest_window_takes_one_occurrence_of_each() {
        let a = vec![(0, 3), (40, 43)];
        let b = vec![(20, 25), (45, 50)];
        let next = &mut Vec::new();
        assert_eq!(narrowest_window(&[a.clone(), b], next), Some(10));
        assert_eq!(narrowest_window(&[a, vec![]], next), None);
    }

    #[test]
    fn a_word_in_the_speaker_outranks_a_fuzzy_match_in_the_text() {
        let word = GroupMatch {
            kind: Kind::Word,
            field: Field::Source,
            fuzzy_score: 0,
        };
        let fuzzy = GroupMatch {
            kind: Kind::Fuzzy,
            field: Field::Text,
            fuzzy_score: 5000,
        };
        assert!(score(&[word], None) > score(&[fuzzy], None));
    }

    #[test]
    fn sorting_by_packed_keys_keeps_every_hit_and_its_score() {
        // Enough hits for the two-thread path, with ties, undated quotes
        // and extreme scores.
        let hits: Vec<Hit> = (0..40_000)
            .map(|q| Hit {
                quote: q,
                score: [i64::MIN, -1, 0, 7, i64::MAX][q % 5]
                    + (q % 3) as i64 * ((q % 5 == 2) as i64),
            })
            .collect();
        let date = |q: usize| {
            if q.is_multiple_of(7) {
                i32::MIN
            } else {
                (q % 11) as i32
            }
        };
        for order in [Order::Relevance, Order::Date] {
            let mut sorted = hits.clone();
            sort(&mut sorted, date, order);
            let mut expected = hits.clone();
            expected.sort_by_key(|h| {
                let (best, newest) = (-i128::from(h.score), -i128::from(date(h.quote)));
                match order {
                    Order::Relevance => (best, newest, h.quote),
                    Order::Date => (newest, best, h.quote),
                }
            });
            assert_eq!(sorted, expected);
        }
    }
}
