//! The fallback for a term that matches nothing plainly, two ways:
//!
//! - Typos: a whole word of the field within the term's typo distance
//!   ([`vocabulary`](super::vocabulary): one substituted, transposed, extra
//!   or missing letter from 5 letters, two from 9), so `battelfield` and
//!   `negotaitions` find their word. The vocabulary gives the few words
//!   within reach once per query; one automaton then finds them in a field.
//! - Letters left out: `SkimMatcherV2` over the folded text, for terms of
//!   any length (`battlefeld`, `ngtns`). Prose is long and a subsequence of
//!   a few letters is found in almost any sentence, so only compact matches
//!   count: the pattern's characters must all fall within a window of
//!   `2 × length + 8` characters, starting where a word starts (a typo or
//!   an abbreviation keeps its first letter). A cheap byte scan finds those
//!   windows; the skim matcher then scores each one.
//!
//! A word within typo distance scores above any skim match, fewer typos
//! higher.

use aho_corasick::{AhoCorasick, MatchKind};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use levenshtein_automata::DFA;

use super::fold::is_word_char;
use super::matching::{word_char_at, word_char_before};
use super::query::Term;
use super::rank::BEST_FUZZY;
use super::vocabulary::{self, MAX_TYPOS, Vocabulary};

/// Windows scored per field at most: enough for any real typo, and a bound
/// on the cost of a pathological one.
const MAX_WINDOWS: usize = 16;

/// The best a skim match scores: below a word within typo distance.
const BEST_SKIM: i64 = BEST_FUZZY - 1 - MAX_TYPOS as i64;

pub(crate) struct Fuzzy<'q> {
    pattern: &'q str,
    matcher: SkimMatcherV2,
    /// The widest a match may be, in characters.
    limit: usize,
    first_is_word: bool,
    /// The words within typo distance, when the term forgives typos and the
    /// index has such words.
    typos: Option<Typos>,
}

/// The vocabulary's words within a term's typo distance, to find in a field.
struct Typos {
    /// Finds the words; ASCII case ignored for a term matched with case
    /// kept (the vocabulary is folded), whose distance is then checked. A
    /// word whose capitals are not ASCII (`Путин`) is then not found by a
    /// case-sensitive term: it is left to the skim matcher.
    words: AhoCorasick,
    /// Each word's distance from the term with case folded.
    distances: Vec<u8>,
    /// For a term matched with case kept: the distance with case kept (a
    /// capital where the term has none counts as a typo).
    kept: Option<DFA>,
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

impl Typos {
    fn new(term: &Term, vocabulary: &Vocabulary) -> Option<Typos> {
        let chars = term.needle.chars().count();
        let typos = vocabulary::typos_forgiven(chars);
        if typos == 0 || !term.needle.chars().all(is_word_char) {
            return None;
        }
        let folded = term.folded();
        let near = vocabulary.near(folded, folded.chars().count(), typos);
        if near.is_empty() {
            return None;
        }
        let words = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(term.case_sensitive)
            .build(near.iter().map(|&(word, _)| word))
            .expect("a few words, each far below any automaton limit");
        Some(Typos {
            words,
            distances: near.iter().map(|&(_, d)| d).collect(),
            kept: term
                .case_sensitive
                .then(|| vocabulary::automaton(&term.needle, typos)),
        })
    }

    /// The whole word of `hay` nearest the term: its byte range and distance.
    fn find(&self, hay: &str) -> Option<(usize, usize, u8)> {
        let mut best: Option<(usize, usize, u8)> = None;
        for found in self.words.find_iter(hay) {
            let (start, end) = (found.start(), found.end());
            // The words are whole runs of letters: a run that goes on is
            // another word.
            if word_char_before(hay, start) || word_char_at(hay, end) {
                continue;
            }
            let distance = match &self.kept {
                Some(dfa) => vocabulary::distance(dfa, &hay[start..end]),
                None => Some(self.distances[found.pattern().as_usize()]),
            };
            if let Some(distance) = distance
                && best.is_none_or(|(_, _, d)| distance < d)
            {
                best = Some((start, end, distance));
            }
        }
        best
    }
}

impl<'q> Fuzzy<'q> {
    pub fn new(term: &'q Term, vocabulary: &Vocabulary) -> Fuzzy<'q> {
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
            typos: Typos::new(term, vocabulary),
        }
    }

    /// The best match of the pattern in `hay`: the word nearest it within
    /// its typo distance, or else the best compact skim match.
    pub fn find(&self, hay: &str) -> Option<FuzzyMatch> {
        if let Some((start, end, distance)) = self.typos.as_ref().and_then(|t| t.find(hay)) {
            return Some(FuzzyMatch {
                score: BEST_FUZZY - i64::from(distance),
                positions: hay[start..end]
                    .char_indices()
                    .map(|(at, _)| start + at)
                    .collect(),
            });
        }
        self.skim(hay)
    }

    /// The best compact skim match of the pattern in `hay`.
    fn skim(&self, hay: &str) -> Option<FuzzyMatch> {
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
        let score = score.min(BEST_SKIM);
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
        let query = Query::parse(pattern).unwrap();
        let vocabulary = Vocabulary::new(hay, std::iter::empty());
        Fuzzy::new(&query.groups[0][0], &vocabulary).find(hay)
    }

    #[test]
    fn a_typo_matches_the_whole_word_and_reports_its_byte_positions() {
        let hay = "goals on the battlefield where";
        let found = find("battelfield", hay).unwrap();
        assert_eq!(found.positions, (13..24).collect::<Vec<_>>());
        assert_eq!(found.score, BEST_FUZZY - 1);
        assert_eq!(find("battelfiald", hay).unwrap().score, BEST_FUZZY - 2);
    }

    #[test]
    fn letters_left_out_match_as_a_compact_subsequence() {
        let found = find("btlfld", "goals on the battlefield where").unwrap();
        assert_eq!(found.positions.first(), Some(&13));
        assert_eq!(found.positions.len(), 6);
        assert!(
            found.score <= BEST_SKIM,
            "below any word within typo distance"
        );
        assert!(find("anchrage", "agreed upon in anchorage, there").is_some());
    }

    #[test]
    fn ignores_scattered_letters_in_long_prose() {
        let hay = "but a talk that took longer than expected, leaving everyone fed up and delayed";
        assert_eq!(find("battlefeld", hay), None);
    }

    #[test]
    fn works_on_non_ascii_text() {
        let hay = "начались переговоры в абу-даби";
        for (typed, marked) in [("переговры", 10), ("пргврв", 6)] {
            let found = find(typed, hay).unwrap();
            assert_eq!(found.positions.len(), marked, "{typed}");
            assert_eq!(found.positions[0], hay.find('п').unwrap(), "{typed}");
            assert!(found.positions.iter().all(|&p| hay.is_char_boundary(p)));
        }
    }
}
