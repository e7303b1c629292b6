//! Ranking: one number per hit, compared before the date and file order.
//!
//! From most to least significant: how each term matched (whole word >
//! word prefix > inside a word > fuzzy), how good the fuzzy matches are,
//! how close together the terms are in the text, and which field each term
//! matched in (text > speaker > context > party > source).

use super::matching::{Field, Kind};
use super::{Hit, Order};

/// How one group of the query matched one quote.
pub(crate) struct GroupMatch {
    pub kind: Kind,
    pub field: Field,
    /// The skim score when `kind` is [`Kind::Fuzzy`].
    pub fuzzy_score: i64,
}

/// Proximity is measured in characters up to this; farther is as bad.
const FAR: i64 = 4095;
/// A fuzzy match's quality is its skim score up to this; a plain match counts as this.
const BEST_FUZZY: i64 = 1023;

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
pub(crate) fn sort(hits: &mut [Hit], dates: impl Fn(usize) -> i32, order: Order) {
    // Keys computed once each, packed: cheaper to compare than to look up.
    hits.sort_by_cached_key(|hit| {
        let best_first = (i64::MAX - hit.score) as u64;
        let newest_first = u64::from(i32::MAX.abs_diff(dates(hit.quote)));
        let age = newest_first << 32 | hit.quote as u64;
        match order {
            Order::Relevance => (best_first, age),
            Order::Date => (age, best_first),
        }
    });
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
}
