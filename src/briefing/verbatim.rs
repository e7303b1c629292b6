//! Is a quote verbatim? Rule 10 of the format, and the shipped briefing's
//! fidelity test, both ask it here.
//!
//! Only typography is forgiven: curly against straight quote marks, dash
//! variants, and runs of whitespace. `...` (or `…`) in a quote stands for an
//! elision: each part must appear, in order.
//!
//! A text is folded once and all the quotes citing it are looked for in one
//! pass (an Aho-Corasick automaton over their parts), so a source's quotes
//! cost about one scan of its text, not one scan each.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::diagnostic::LineIndex;

/// Folded texts at least this long are searched with the automaton the
/// `aho-corasick` crate picks (a DFA for a few quotes); shorter ones with a
/// contiguous NFA, which builds in a fraction of the time.
const DFA_ABOVE: usize = 256 * 1024;

/// The text with typographic quote marks and dashes made plain and every run
/// of whitespace made one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            in_space = true;
            continue;
        }
        if in_space {
            out.push(' ');
            in_space = false;
        }
        out.push(plain_typography(c));
    }
    out
}

/// A typographic quote mark or dash made plain (`’` to `'`, `“` to `"`, `—`
/// to `-`); any other character unchanged. Search folds text with it too.
pub fn plain_typography(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
        c => c,
    }
}

/// Where a quote was not found: the part that is missing and the passage of
/// the source that comes closest to it, if any shares a word with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub missing: String,
    pub closest: Option<Passage>,
}

/// A stretch of a source's text as the file holds it (line breaks shown as
/// spaces), and where it starts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// 1-based, as in the text file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub text: String,
}

/// Checks that `quote` appears in `source` (elisions allowed, in order).
/// To check many quotes against one text, use [`SourceText`].
pub fn find_quote(quote: &str, source: &str) -> Result<(), Mismatch> {
    SourceText::new(source)
        .verify(&[quote])
        .pop()
        .expect("one answer per quote")
}

/// Where `quote` appears in `source`: the byte range in `source` of each of
/// its parts (one part, or one per stretch between elisions), in order.
/// The same parts, folding and order as [`SourceText::verify`]; a mismatch
/// comes from it too, with its closest passage.
pub fn locate(quote: &str, source: &str) -> Result<Vec<Range<usize>>, Mismatch> {
    let (folded, origin) = normalize_mapped(source);
    let mut from = 0;
    let mut found = Vec::new();
    for part in parts(quote) {
        let Some(at) = folded[from..].find(part.as_str()) else {
            return Err(SourceText::new(source)
                .verify(&[quote])
                .pop()
                .and_then(Result::err)
                .unwrap_or(Mismatch {
                    missing: part,
                    closest: None,
                }));
        };
        let (start, end) = (from + at, from + at + part.len());
        let last = origin[end - 1];
        let last_len = source[last..].chars().next().map_or(0, char::len_utf8);
        found.push(origin[start]..last + last_len);
        from = end;
    }
    Ok(found)
}

/// [`normalize`], with the byte offset in `text` of the character each
/// byte of the result comes from (a run of whitespace: its first character).
fn normalize_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut space_at = None;
    let start = text.len() - text.trim_start().len();
    for (i, c) in text
        .trim_end()
        .char_indices()
        .skip_while(|&(i, _)| i < start)
    {
        if c.is_whitespace() {
            space_at.get_or_insert(i);
            continue;
        }
        if let Some(at) = space_at.take() {
            out.push(' ');
            origin.push(at);
        }
        let plain = plain_typography(c);
        out.push(plain);
        origin.extend(std::iter::repeat_n(i, plain.len_utf8()));
    }
    (out, origin)
}

/// A source's text, folded once, to check the quotes that cite it.
pub struct SourceText<'a> {
    original: &'a str,
    folded: String,
    /// Built on the first mismatch: most texts never need them.
    words: OnceCell<WordIndex>,
    lines: OnceCell<LineIndex<'a>>,
}

impl<'a> SourceText<'a> {
    pub fn new(original: &'a str) -> Self {
        Self {
            original,
            folded: normalize(original),
            words: OnceCell::new(),
            lines: OnceCell::new(),
        }
    }

    /// For each quote, in order: found, or what is missing and the closest
    /// passage. One pass over the text finds every quote's parts.
    pub fn verify<Q: AsRef<str>>(&self, quotes: &[Q]) -> Vec<Result<(), Mismatch>> {
        let quotes: Vec<Vec<String>> = quotes.iter().map(|q| parts(q.as_ref())).collect();
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_of: HashMap<&str, usize> = HashMap::new();
        for part in quotes.iter().flatten() {
            pattern_of.entry(part.as_str()).or_insert_with(|| {
                patterns.push(part);
                patterns.len() - 1
            });
        }
        let first = self.first_occurrences(&patterns);
        quotes
            .iter()
            .map(|parts| {
                let mut from = 0;
                for part in parts {
                    let at = match first[pattern_of[part.as_str()]] {
                        Some(at) if at >= from => Some(at),
                        // Found only before the previous part: look again after it.
                        Some(_) => self.folded[from..].find(part.as_str()).map(|at| from + at),
                        None => None,
                    };
                    match at {
                        Some(at) => from = at + part.len(),
                        None => {
                            return Err(Mismatch {
                                missing: part.clone(),
                                closest: self.closest_passage(part),
                            });
                        }
                    }
                }
                Ok(())
            })
            .collect()
    }

    /// Where each pattern first starts in the folded text, in one pass that
    /// stops once every pattern has been seen.
    fn first_occurrences(&self, patterns: &[&str]) -> Vec<Option<usize>> {
        let mut first = vec![None; patterns.len()];
        if patterns.is_empty() {
            return first;
        }
        // A DFA searches fastest but is slow to build: a few quotes in an
        // article are all seen a few kilobytes in, and building one for
        // each text was a fifth of listing a folder of briefings. It pays
        // off only over a long text.
        let kind = (self.folded.len() < DFA_ABOVE).then_some(AhoCorasickKind::ContiguousNFA);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(patterns)
            .expect("patterns of a few kilobytes build an automaton");
        let mut unseen = patterns.len();
        // Nested quotes ("a", "a a", "a a a" ...) over a repetitive text
        // match at every place at once; past this many matches the patterns
        // not seen yet are looked for one by one instead.
        let budget = 4 * self.folded.len() + 100_000;
        // Overlapping matches come in order of their end, so the first one
        // of a pattern is also the one that starts first.
        for (count, found) in automaton.find_overlapping_iter(&self.folded).enumerate() {
            if count > budget {
                for (slot, pattern) in first.iter_mut().zip(patterns) {
                    if slot.is_none() {
                        *slot = memchr::memmem::find(self.folded.as_bytes(), pattern.as_bytes());
                    }
                }
                break;
            }
            let slot = &mut first[found.pattern().as_usize()];
            if slot.is_none() {
                *slot = Some(found.start());
                unseen -= 1;
                if unseen == 0 {
                    break;
                }
            }
        }
        first
    }

    /// The passage sharing the most words with `part` in the same order
    /// (allowing for a word added or dropped), as the file prints it.
    fn closest_passage(&self, part: &str) -> Option<Passage> {
        let words = self.words.get_or_init(|| WordIndex::new(self.original));
        let (first, last) = words.best_alignment(part)?;
        let start = words.spans[first].0;
        let end = words.spans[last].1;
        let location = self
            .lines
            .get_or_init(|| LineIndex::new(self.original))
            .location(start);
        Some(Passage {
            line: location.line,
            column: location.column,
            text: self.original[start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        })
    }
}

/// The parts of a quote between its elisions, folded.
fn parts(quote: &str) -> Vec<String> {
    normalize(quote)
        .replace('…', "...")
        .split("...")
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_string)
        .collect()
}

/// A word for comparing by eye, as a hash: lower case, plain typography,
/// without the punctuation around it (`“It’s` and `it's` are one word).
/// Hashed rather than kept, so indexing a long text allocates nothing per
/// word; a collision only costs a stray vote.
fn word_key(word: &str) -> Option<u64> {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return None;
    }
    // FNV-1a over the folded characters.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word
        .chars()
        .map(plain_typography)
        .flat_map(char::to_lowercase)
    {
        hash ^= u64::from(u32::from(c));
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Some(hash)
}

/// A word so common in a text (`the`, `and`) says little about where a
/// passage is; above this many occurrences it casts no votes.
const COMMON_WORD: usize = 2_000;

/// The words of a text, where each is, and where each key occurs.
struct WordIndex {
    /// Byte range of each word in the text.
    spans: Vec<(usize, usize)>,
    /// Word numbers of each key, in text order.
    occurrences: HashMap<u64, Vec<u32>>,
}

impl WordIndex {
    fn new(text: &str) -> Self {
        let mut spans = Vec::new();
        let mut occurrences: HashMap<u64, Vec<u32>> = HashMap::new();
        let base = text.as_ptr() as usize;
        for word in text.split_whitespace() {
            let start = word.as_ptr() as usize - base;
            let number = u32::try_from(spans.len()).unwrap_or(u32::MAX);
            spans.push((start, start + word.len()));
            if let Some(key) = word_key(word) {
                occurrences.entry(key).or_default().push(number);
            }
        }
        Self { spans, occurrences }
    }

    /// The first and last word of the passage most of `part`'s words line
    /// up with: each shared word votes for where `part` would start; a
    /// start's score counts the votes one word either side too, so a word
    /// dropped or added in the quote still finds its passage.
    fn best_alignment(&self, part: &str) -> Option<(usize, usize)> {
        let mut votes: HashMap<i64, Vec<u32>> = HashMap::new();
        for (i, word) in part.split(' ').enumerate() {
            let Some(at) = word_key(word).and_then(|key| self.occurrences.get(&key)) else {
                continue;
            };
            if at.len() > COMMON_WORD {
                continue;
            }
            for &j in at {
                votes.entry(i64::from(j) - i as i64).or_default().push(j);
            }
        }
        let count = |start: i64| votes.get(&start).map_or(0, Vec::len);
        let best = votes
            .keys()
            .map(|&start| {
                let near = count(start - 1) + count(start) + count(start + 1);
                (near, count(start), std::cmp::Reverse(start))
            })
            .max()?;
        let start = best.2.0;
        let voters = (start - 1..=start + 1)
            .filter_map(|s| votes.get(&s))
            .flatten();
        let (first, last) = voters.fold((u32::MAX, 0), |(lo, hi), &j| (lo.min(j), hi.max(j)));
        Some((first as usize, last as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgives_only_typography() {
        assert_eq!(
            normalize("“It’s  all\n about — the land”"),
            "\"It's all about - the land\""
        );
        assert!(
            find_quote(
                "post-war security",
                "on post\u{2011}war security guarantees"
            )
            .is_ok()
        );
        assert!(find_quote("It's all about the land", "“It’s all about the land. This").is_ok());
        assert!(find_quote("it's all about the land", "It’s all about the land").is_err());
    }

    #[test]
    fn elisions_must_appear_in_order() {
        let source = "one two three four five";
        assert!(find_quote("one two ... four five", source).is_ok());
        assert!(find_quote("one … five", source).is_ok());
        assert!(find_quote("four five ... one two", source).is_err());
    }

    #[test]
    fn locate_gives_each_part_where_the_source_has_it() {
        let source = "  He said: “It’s all\n about the land.” Then … more words here.";
        let found = locate("It's all about the land", source).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(&source[found[0].clone()], "It’s all\n about the land");
        let found = locate("He said ... more words", source).unwrap();
        let parts: Vec<&str> = found.iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(parts, ["He said", "more words"]);
        assert_eq!(
            normalize_mapped(source).0,
            normalize(source),
            "the mapped fold is the fold"
        );
        assert!(locate("about the sea", source).is_err());
    }

    #[test]
    fn a_part_found_first_before_the_previous_part_is_looked_for_after_it() {
        let source = "b x a y b";
        assert!(find_quote("a ... b", source).is_ok());
        assert!(find_quote("b ... a ... b", source).is_ok());
        assert!(find_quote("a ... b ... a", source).is_err());
    }

    #[test]
    fn many_quotes_are_checked_in_one_pass_each_on_its_own() {
        let source = SourceText::new("alpha beta gamma delta");
        let answers = source.verify(&["beta gamma", "gamma alpha", "alpha ... delta", "beta"]);
        let found: Vec<bool> = answers.iter().map(Result::is_ok).collect();
        assert_eq!(found, [true, false, true, true]);
    }

    #[test]
    fn the_closest_passage_is_the_real_one_with_its_place_in_the_file() {
        let source = "Talks opened on Friday.\n\
                      The envoy said: “It’s all about the land. This is\n\
                      what we discuss.” Officials agreed.";
        let error =
            find_quote("It's about the land. This is what we discuss.", source).unwrap_err();
        assert_eq!(
            error.closest,
            Some(Passage {
                line: 2,
                column: 17,
                text: "“It’s all about the land. This is what we discuss.”".into(),
            })
        );
    }

    #[test]
    fn a_passage_sharing_no_word_is_none() {
        let error = find_quote("zebra quagga", "the talks were long").unwrap_err();
        assert_eq!(error.missing, "zebra quagga");
        assert_eq!(error.closest, None);
    }
}
