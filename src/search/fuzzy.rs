//! The fallback for a term that matches nothing plainly: `SkimMatcherV2`
//! over the folded text, so typos and abbreviations still find their quote
//! (`battlefeld` finds `battlefield`).
//!
//! Prose is long and a subsequence of a few letters is found in almost any
//! sentence, so only compact matches count: the pattern's characters must
//! all fall within a window of `2 × length + 8` characters, starting where a
//! word starts (a typo or an abbreviation keeps its first letter). A cheap
//! byte scan finds those windows; the skim matcher then scores each one.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::is_word_char;
use super::matching::word_char_before;
use super::query::Term;

/// Windows scored per field at most: enough for any real typo, and a bound
/// on the cost of a pathological one.
const MAX_WINDOWS: usize = 16;

pub(crate) struct Fuzzy<'q> {
    pattern: &'q str,
    matcher: SkimMatcherV2,
    /// The widest a match may be, in characters.
    limit: usize,
    first_is_word: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FuzzyMatch {
    pub score: i64,
    /// Byte offsets in the field of each matched character.
    pub positions: Vec<usize>,
}

enum Window {
    Ends(usize),
    TooWide,
    RanOut,
}

impl<'q> Fuzzy<'q> {
    pub fn new(term: &'q Term) -> Fuzzy<'q> {
        let matcher = SkimMatcherV2::default();
        Fuzzy {
            pattern: &term.needle,
            matcher: if term.case_sensitive {
                matcher.respect_case()
            } else {
                matcher.ignore_case()
            },
            limit: 2 * term.needle.chars().count() + 8,
            first_is_word: term.needle.chars().next().is_some_and(is_word_char),
        }
    }

    /// The best compact match of the pattern in `hay`.
    pub fn find(&self, hay: &str) -> Option<FuzzyMatch> {
        let first = *self.pattern.as_bytes().first()?;
        let word_start = |at: usize| !self.first_is_word || !word_char_before(hay, at);
        let mut best: Option<FuzzyMatch> = None;
        let mut pending: Option<(usize, usize)> = None;
        let mut scored = 0;
        for start in memchr::memchr_iter(first, hay.as_bytes()).filter(|&at| word_start(at)) {
            let end = match self.window(hay, start) {
                Window::Ends(end) => end,
                Window::TooWide => continue,
                Window::RanOut => break,
            };
            // Greedy ends never decrease as the start moves right; of the
            // windows sharing an end, the last (narrowest) is the one to score.
            match pending {
                Some((_, pending_end)) if pending_end == end => {}
                Some(window) => {
                    self.score(hay, window, &mut best);
                    scored += 1;
                    if scored == MAX_WINDOWS {
                        return best;
                    }
                }
                None => {}
            }
            pending = Some((start, end));
        }
        if let Some(window) = pending {
            self.score(hay, window, &mut best);
        }
        best
    }

    /// Where the earliest completion of the pattern starting at `start` ends.
    fn window(&self, hay: &str, start: usize) -> Window {
        let (h, p) = (hay.as_bytes(), self.pattern.as_bytes());
        let (mut i, mut j, mut chars) = (start + 1, 1, 1);
        while j < p.len() {
            let Some(&b) = h.get(i) else {
                return Window::RanOut;
            };
            if b & 0xc0 != 0x80 {
                chars += 1;
                if chars > self.limit {
                    return Window::TooWide;
                }
            }
            if b == p[j] {
                j += 1;
            }
            i += 1;
        }
        while !hay.is_char_boundary(i) {
            i += 1;
        }
        Window::Ends(i)
    }

    fn score(&self, hay: &str, (start, end): (usize, usize), best: &mut Option<FuzzyMatch>) {
        let window = &hay[start..end];
        let Some((score, indices)) = self.matcher.fuzzy_indices(window, self.pattern) else {
            return;
        };
        if best.as_ref().is_some_and(|b| b.score >= score) {
            return;
        }
        let offsets: Vec<usize> = window.char_indices().map(|(at, _)| start + at).collect();
        *best = Some(FuzzyMatch {
            score,
            positions: indices.into_iter().map(|i| offsets[i]).collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;

    fn find(pattern: &str, hay: &str) -> Option<FuzzyMatch> {
        let query = Query::parse(pattern);
        Fuzzy::new(&query.groups[0][0]).find(hay)
    }

    #[test]
    fn finds_a_typo_and_reports_byte_positions() {
        let found = find("battlefeld", "goals on the battlefield where").unwrap();
        assert_eq!(found.positions.first(), Some(&13));
        assert_eq!(found.positions.len(), 10);
        assert!(find("anchrage", "agreed upon in anchorage, there").is_some());
    }

    #[test]
    fn ignores_scattered_letters_in_long_prose() {
        let hay = "but a talk that took longer than expected, leaving everyone fed up and delayed";
        assert_eq!(find("battlefeld", hay), None);
    }

    #[test]
    fn works_on_non_ascii_text() {
        let found = find("переговры", "начались переговоры в абу-даби").unwrap();
        assert_eq!(found.positions.len(), 9);
        assert!(
            found
                .positions
                .iter()
                .all(|&p| "начались переговоры в абу-даби".is_char_boundary(p))
        );
    }
}
