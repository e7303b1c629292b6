//! Plain (non-fuzzy) matching of one term in one folded field: where it
//! occurs, and how well (whole word, word prefix, inside a word).

use memchr::memmem::Finder;

use super::fold::is_word_char;
use super::query::Term;

/// How a term matched, worst first: ranking compares these before anything else.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Kind {
    Fuzzy,
    Inside,
    Prefix,
    Word,
}

/// Which field a term matched in, worst first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Field {
    Source,
    Party,
    Context,
    Speaker,
    Text,
}

/// A term ready to be looked for: its needle and a prebuilt searcher.
pub(crate) struct Needle<'q> {
    pub term: &'q Term,
    pub finder: Finder<'q>,
    /// The term is one lower-case ASCII letter or digit, unanchored and
    /// folded: [`Letters`](super::index::Letters) know how it matches.
    pub letter: Option<char>,
    starts_with_word: bool,
    ends_with_word: bool,
}

impl<'q> Needle<'q> {
    pub fn new(term: &'q Term) -> Needle<'q> {
        Needle {
            term,
            finder: Finder::new(term.needle.as_bytes()),
            letter: match term.needle.as_bytes() {
                &[b] if (b.is_ascii_lowercase() || b.is_ascii_digit())
                    && !term.case_sensitive
                    && !term.at_start
                    && !term.at_end =>
                {
                    Some(char::from(b))
                }
                _ => None,
            },
            starts_with_word: term.needle.chars().next().is_some_and(is_word_char),
            ends_with_word: term.needle.chars().next_back().is_some_and(is_word_char),
        }
    }

    /// Does the term occur in `hay` (anchors respected)?
    pub fn is_in(&self, hay: &str) -> bool {
        self.occurrences(hay).next().is_some()
    }

    /// The best kind of occurrence in `hay`, if the term occurs.
    pub fn best_kind(&self, hay: &str) -> Option<Kind> {
        let mut best = None;
        for (start, end) in self.occurrences(hay) {
            let kind = self.kind(hay, start, end);
            best = best.max(Some(kind));
            if kind == Kind::Word {
                break;
            }
        }
        best
    }

    /// Every occurrence of the term in `hay` (anchors respected), as byte ranges.
    pub fn occurrences<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let len = self.term.needle.len();
        let anchored = self.term.at_start || self.term.at_end;
        // Not `Finder::find_iter`: it clones the whole searcher on each call,
        // which costs more than the search in a short field.
        let mut at = 0;
        std::iter::from_fn(move || {
            let start = at + self.finder.find(hay.as_bytes().get(at..)?)?;
            at = start + len.max(1);
            Some((start, start + len))
        })
        .filter(move |&(start, end)| !anchored || self.anchors_hold(hay, start, end))
    }

    pub fn anchors_hold(&self, hay: &str, start: usize, end: usize) -> bool {
        (!self.term.at_start || only_filler(&hay[..start]))
            && (!self.term.at_end || only_filler(&hay[end..]))
    }

    /// Whole word, word prefix or inside a word, by the characters around it.
    pub fn kind(&self, hay: &str, start: usize, end: usize) -> Kind {
        let starts_word = !self.starts_with_word || !word_char_before(hay, start);
        let ends_word = !self.ends_with_word || !word_char_at(hay, end);
        match (starts_word, ends_word) {
            (true, true) => Kind::Word,
            (true, false) => Kind::Prefix,
            _ => Kind::Inside,
        }
    }
}

/// The character before byte `at` is a letter or digit.
pub(crate) fn word_char_before(hay: &str, at: usize) -> bool {
    match hay.as_bytes()[..at].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => hay[..at].chars().next_back().is_some_and(is_word_char),
    }
}

pub(crate) fn word_char_at(hay: &str, at: usize) -> bool {
    match hay.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => hay[at..].chars().next().is_some_and(is_word_char),
    }
}

/// Spaces and punctuation only: what an anchored term may have before or
/// after it (`^it's` still finds `“It’s all about the land`).
fn only_filler(text: &str) -> bool {
    text.chars().all(|c| !is_word_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;

    fn kinds(query: &str, hay: &str) -> Vec<Kind> {
        let query = Query::parse(query).unwrap();
        let needle = Needle::new(&query.groups[0][0]);
        needle
            .occurrences(hay)
            .map(|(s, e)| needle.kind(hay, s, e))
            .collect()
    }

    #[test]
    fn classifies_each_occurrence() {
        assert_eq!(
            kinds("land", "land, landmark, homeland, island-land"),
            [
                Kind::Word,
                Kind::Prefix,
                Kind::Inside,
                Kind::Inside,
                Kind::Word
            ]
        );
        assert_eq!(kinds("de-esc", "de-escalation"), [Kind::Prefix]);
        assert_eq!(kinds("-escalation", "de-escalation"), [Kind::Word]);
    }

    #[test]
    fn anchors_skip_punctuation_and_spaces() {
        assert_eq!(kinds("^it's", "\"it's all about the land"), [Kind::Word]);
        assert_eq!(kinds("^all", "it's all about the land"), []);
        assert_eq!(kinds("land$", "about the land.\" "), [Kind::Word]);
        assert_eq!(kinds("land$", "land or sea"), []);
    }
}
