//! The distinct words of an index, for the typo fallback: a misspelt term
//! is compared with every word of about its length (a Levenshtein automaton
//! with transpositions, walked over each word's bytes), once per query
//! rather than once per quote, and only the few words within reach are
//! then looked for in the quotes.
//!
//! How many typos a term forgives depends on its length in characters:
//! none below [`ONE_TYPO_FROM`], one from there, two from [`TWO_TYPOS_FROM`].
//! A typo is one letter substituted, two neighbours transposed, one extra
//! or one missing (the restricted Damerau-Levenshtein distance).

use fnv::FnvHashSet;
use std::sync::LazyLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder};

use super::fold::is_word_char;

/// A term this long (in characters) forgives one typo.
pub(crate) const ONE_TYPO_FROM: usize = 5;
/// A term this long forgives two.
pub(crate) const TWO_TYPOS_FROM: usize = 9;
/// The most typos any term forgives.
pub(crate) const MAX_TYPOS: u8 = 2;
/// From this many bytes of text, the words are gathered on two threads.
const PARALLEL_FROM: usize = 1 << 22;
/// Longer terms are not compared with words: no word is that long, and
/// the automaton grows with the term.
const LONGEST_TERM: usize = 64;

/// Building the parametric tables takes a fraction of a millisecond; one
/// builder per distance serves every term.
static BUILDERS: LazyLock<[LevenshteinAutomatonBuilder; 2]> = LazyLock::new(|| {
    [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ]
});

/// How many typos a term of this many characters forgives.
pub(crate) fn typos_forgiven(chars: usize) -> u8 {
    match chars {
        _ if chars > LONGEST_TERM => 0,
        _ if chars >= TWO_TYPOS_FROM => 2,
        _ if chars >= ONE_TYPO_FROM => 1,
        _ => 0,
    }
}

/// An automaton telling how far a text is from `term`, up to `typos`
/// (at least 1).
pub(crate) fn automaton(term: &str, typos: u8) -> DFA {
    BUILDERS[usize::from(typos.clamp(1, MAX_TYPOS)) - 1].build_dfa(term)
}

/// The distance `dfa` finds from its term to `text`, when within its reach.
pub(crate) fn distance(dfa: &DFA, text: &str) -> Option<u8> {
    match dfa.eval(text) {
        Distance::Exact(d) => Some(d),
        Distance::AtLeast(_) => None,
    }
}

/// Calls `found` with each word of `text`, a run of letters and digits in
/// any script: a byte scan, reading characters only in a run that holds
/// non-ASCII bytes (splitting by characters throughout took twice as long).
fn each_word<'t>(text: &'t str, mut found: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let may_be_word = |b: u8| b.is_ascii_alphanumeric() || !b.is_ascii();
    let mut at = 0;
    while at < bytes.len() {
        if !may_be_word(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        let mut ascii = true;
        while at < bytes.len() && may_be_word(bytes[at]) {
            ascii &= bytes[at].is_ascii();
            at += 1;
        }
        let run = &text[start..at];
        match ascii {
            true => found(run),
            false => run
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .for_each(&mut found),
        }
    }
}

/// The distinct words of `text` long enough to keep.
fn distinct_words(text: &str) -> FnvHashSet<&str> {
    let mut distinct = FnvHashSet::default();
    // Byte length bounds the length in characters from above.
    each_word(text, |w| {
        if w.len() >= Vocabulary::SHORTEST {
            distinct.insert(w);
        }
    });
    distinct
}

/// Every distinct word of the folded texts that a term could reach with a
/// typo (words shorter than [`ONE_TYPO_FROM`] less one cannot be), stored
/// back to back, shortest first.
#[derive(Default)]
pub(crate) struct Vocabulary {
    words: String,
    /// Where each word ends in `words`.
    ends: Vec<u32>,
    /// Per length in characters, the index of its first word (one more at
    /// the end): the words of one length are `firsts[n]..firsts[n + 1]`.
    firsts: Vec<u32>,
}

impl Vocabulary {
    const SHORTEST: usize = ONE_TYPO_FROM - 1;

    /// The words of `corpus` (read in halves on two threads when large)
    /// and of the `shared` texts.
    pub fn new<'a>(corpus: &'a str, shared: impl Iterator<Item = &'a str>) -> Vocabulary {
        let half = corpus.len() / 2;
        let split = match corpus.len() >= PARALLEL_FROM {
            // At a field separator: no word spans it.
            true => memchr::memchr(b'\n', &corpus.as_bytes()[half..])
                .map_or(corpus.len(), |at| half + at),
            false => corpus.len(),
        };
        let (first, second) = corpus.split_at(split);
        let mut distinct = std::thread::scope(|scope| {
            let second = scope.spawn(|| distinct_words(second));
            let mut distinct = distinct_words(first);
            let second = second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            distinct.extend(second);
            distinct
        });
        for text in shared {
            distinct.extend(distinct_words(text));
        }
        let mut sorted: Vec<(usize, &str)> = distinct
            .into_iter()
            .map(|w| (w.chars().count(), w))
            .filter(|&(chars, _)| chars >= Vocabulary::SHORTEST)
            .collect();
        sorted.sort_unstable();
        let longest = sorted.last().map_or(0, |&(chars, _)| chars);
        let mut vocabulary = Vocabulary {
            words: String::with_capacity(sorted.iter().map(|(_, w)| w.len()).sum()),
            ends: Vec::with_capacity(sorted.len()),
            firsts: Vec::with_capacity(longest + 2),
        };
        for (chars, word) in sorted {
            while vocabulary.firsts.len() <= chars {
                vocabulary.firsts.push(vocabulary.ends.len() as u32);
            }
            vocabulary.words.push_str(word);
            vocabulary.ends.push(vocabulary.words.len() as u32);
        }
        vocabulary.firsts.push(vocabulary.ends.len() as u32);
        vocabulary
    }

    fn word(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.words[start as usize..self.ends[i] as usize]
    }

    /// The words within `typos` of `term` (`chars` characters long), with
    /// their distances.
    pub fn near(&self, term: &str, chars: usize, typos: u8) -> Vec<(&str, u8)> {
        let dfa = automaton(term, typos);
        let typos = usize::from(typos);
        let last_length = self.firsts.len().saturating_sub(2);
        let from = chars.saturating_sub(typos).min(last_length + 1);
        let to = (chars + typos).min(last_length);
        if from > to {
            return Vec::new();
        }
        let range = self.firsts[from] as usize..self.firsts[to + 1] as usize;
        range
            .filter_map(|i| {
                let word = self.word(i);
                distance(&dfa, word).map(|d| (word, d))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(texts: &[&str], term: &str) -> Vec<(String, u8)> {
        let vocabulary = Vocabulary::new("", texts.iter().copied());
        let typos = typos_forgiven(term.chars().count());
        let mut found: Vec<(String, u8)> = vocabulary
            .near(term, term.chars().count(), typos)
            .into_iter()
            .map(|(w, d)| (w.to_string(), d))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn holds_each_word_once_and_no_short_ones() {
        let vocabulary = Vocabulary::new(
            "the peace, the peace talks",
            ["peace łódź 東京"].into_iter(),
        );
        let words: Vec<&str> = (0..vocabulary.ends.len())
            .map(|i| vocabulary.word(i))
            .collect();
        assert_eq!(words, ["łódź", "peace", "talks"]);
    }

    #[test]
    fn finds_each_kind_of_typo_within_reach() {
        let texts = ["on the battlefield, negotiations resumed", "peace talks"];
        let one = |w: &str| vec![(w.to_string(), 1)];
        assert_eq!(near(&texts, "paece"), one("peace"), "transposed");
        assert_eq!(near(&texts, "peice"), one("peace"), "substituted");
        assert_eq!(near(&texts, "peaace"), one("peace"), "extra");
        assert_eq!(near(&texts, "talk"), [], "four letters forgive nothing");
        assert_eq!(
            near(&texts, "battelfiald"),
            vec![("battlefield".to_string(), 2)]
        );
        assert_eq!(
            near(&texts, "negotaitions"),
            vec![("negotiations".to_string(), 1)]
        );
        assert_eq!(
            near(&texts, "negotaitons"),
            vec![("negotiations".to_string(), 2)]
        );
        assert_eq!(near(&texts, "negtaitons"), [], "three typos are too many");
    }

    #[test]
    fn typos_forgiven_by_length() {
        let forgiven: Vec<u8> = (0..=10).map(typos_forgiven).collect();
        assert_eq!(forgiven, [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
        assert_eq!(typos_forgiven(LONGEST_TERM + 1), 0);
    }

    #[test]
    fn a_large_corpus_read_in_halves_gives_the_same_words() {
        // The middle falls inside a `résumé`.
        let corpus = format!(
            "a b c\n{}",
            "negotiations résumé\n".repeat(PARALLEL_FROM / 20 + 7)
        );
        let in_halves = Vocabulary::new(&corpus, std::iter::empty());
        let whole = Vocabulary::new("", std::iter::once(corpus.as_str()));
        assert_eq!(
            in_halves.words,
            "resumenegotiations".replace("resume", "résumé")
        );
        assert_eq!((in_halves.words, in_halves.ends), (whole.words, whole.ends));
    }

    proptest::proptest! {
        /// The byte scan finds the words splitting by characters finds.
        #[test]
        fn each_word_finds_what_a_character_split_finds(text in "[a-z0-9 ,.'\\-éł東ß—«»、\n]{0,40}") {
            let mut found = Vec::new();
            each_word(&text, |w| found.push(w));
            let split: Vec<&str> = text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(found, split);
        }
    }
}
