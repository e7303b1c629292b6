//! What a briefing's quotes look like to the search: every searchable field
//! folded once, stored contiguously so one scan covers them all.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use chrono::Datelike;

use super::fold::{Case, fold, fold_into, is_word_char};
use super::matching::Kind;
use super::vocabulary::Vocabulary;
use crate::briefing::{Briefing, Quote};

/// No party, no source: an index that is not there.
pub(crate) const NONE: u32 = u32::MAX;

/// One folded copy of every quote's text and context, back to back: `text
/// '\n' context '\n'` per quote. Folding turns every newline into a space,
/// so a `'\n'` in `buf` only ever separates fields and no match spans two.
///
/// There is no map back to the original characters: an archive of accented
/// quotes would need four bytes of map per byte of text. The highlighter
/// folds the few quotes on screen again, with their maps.
pub(crate) struct Corpus {
    pub buf: String,
    pub spans: Vec<Span>,
    /// Per quote, the letters of its text.
    pub letters: Vec<Letters>,
    /// What folding case lost, to give a term typed with a capital letter
    /// the fields with their case kept.
    pub capitals: Capitals,
}

/// The capitals of every quote's folded fields: for most quotes, folding
/// with case kept gives the same bytes as folding case, but for some ASCII
/// capitals, so their places are enough to restore it. Quotes where case
/// changed more than that (`ẞ`, Cyrillic or Greek capitals) keep their
/// case-kept fields whole.
#[derive(Default)]
pub(crate) struct Capitals {
    /// Byte offsets in the quote's span of [`Corpus::buf`], quote after quote.
    places: Vec<u32>,
    /// Per quote, where its places start in `places` (one more at the end),
    /// with [`Capitals::WHOLE`] set for a quote kept whole in `whole`.
    starts: Vec<u32>,
    /// The quotes kept whole: quote, then `text '\n' context` with case kept.
    whole: Vec<(u32, String)>,
}

/// Which ASCII letters and digits a quote's folded text holds, and how: a
/// one-letter term (the first key typed) is in nearly every quote, and
/// this scores it without reading them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Letters {
    present: u64,
    /// Starting a word of two characters or more.
    starting: u64,
    /// Forming a word by itself.
    alone: u64,
}

impl Capitals {
    const WHOLE: u32 = 1 << 31;

    /// Notes the capitals of the quote whose folded fields are `folded`,
    /// given the same fields folded with case kept.
    fn push(&mut self, quote: usize, folded: &str, kept: &str) {
        let (f, k) = (folded.as_bytes(), kept.as_bytes());
        let only_ascii_capitals = f.len() == k.len()
            && f.iter()
                .zip(k)
                .all(|(&f, &k)| f == k || (k.is_ascii_uppercase() && k.to_ascii_lowercase() == f));
        let start = self.places.len() as u32;
        if only_ascii_capitals {
            self.starts.push(start);
            let places = (0..k.len()).filter(|&i| k[i] != f[i]);
            self.places.extend(places.map(|i| i as u32));
        } else {
            self.starts.push(start | Capitals::WHOLE);
            self.whole.push((quote as u32, kept.to_string()));
        }
    }

    /// Ends the list of starts (for the last quote's end).
    fn finish(&mut self) {
        self.starts.push(self.places.len() as u32);
    }
}

impl Letters {
    fn of(folded: &str) -> Letters {
        let mut letters = Letters::default();
        let mut chars = folded.chars().peekable();
        let mut after_word = false;
        while let Some(c) = chars.next() {
            let word = is_word_char(c);
            if let Some(bit) = Letters::bit(c) {
                letters.present |= bit;
                if !after_word {
                    match chars.peek().is_some_and(|&next| is_word_char(next)) {
                        true => letters.starting |= bit,
                        false => letters.alone |= bit,
                    }
                }
            }
            after_word = word;
        }
        letters
    }

    fn bit(c: char) -> Option<u64> {
        match c {
            'a'..='z' => Some(1 << (c as u32 - 'a' as u32)),
            '0'..='9' => Some(1 << (26 + c as u32 - '0' as u32)),
            _ => None,
        }
    }

    /// How the one-character term `c` (a lower-case ASCII letter or a
    /// digit) best matches the text: what [`Needle::best_kind`] finds.
    pub fn kind(&self, c: char) -> Option<Kind> {
        let bit = Letters::bit(c)?;
        if self.alone & bit != 0 {
            Some(Kind::Word)
        } else if self.starting & bit != 0 {
            Some(Kind::Prefix)
        } else if self.present & bit != 0 {
            Some(Kind::Inside)
        } else {
            None
        }
    }
}

/// Where one quote's fields are in [`Corpus::buf`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    pub start: u32,
    pub text_end: u32,
    /// End of the context (the separator after it is not included).
    pub end: u32,
}

/// The metadata of one quote, as small numbers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record {
    pub speaker: u32,
    pub party: u32,
    pub source: u32,
    /// Range in [`Index::topics`].
    pub topics: (u32, u32),
    /// `said_on` as days since the common era, `i32::MIN` when unknown.
    pub date: i32,
}

/// Texts shared by many quotes (speaker names, parties, sources), folded both ways.
pub(crate) struct Shared {
    pub folded: Vec<String>,
    pub cased: Vec<String>,
}

impl Shared {
    fn new<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> Shared {
        Shared {
            folded: texts.clone().map(|t| fold(t, Case::Fold)).collect(),
            cased: texts.map(|t| fold(t, Case::Keep)).collect(),
        }
    }

    pub fn texts(&self, case: Case) -> &[String] {
        match case {
            Case::Fold => &self.folded,
            Case::Keep => &self.cased,
        }
    }
}

/// Folded copies of every searchable field of a briefing's quotes, built
/// once; [`Index::search`](super::Index::search) runs on it.
pub struct Index {
    /// The briefing indexed, for the original texts the highlighter needs.
    pub(crate) briefing: Arc<Briefing>,
    pub(crate) folded: Corpus,
    pub(crate) records: Vec<Record>,
    pub(crate) speakers: Shared,
    pub(crate) parties: Shared,
    /// Outlet, a newline, then the headline.
    pub(crate) sources: Shared,
    pub(crate) party_ids: Vec<String>,
    pub(crate) source_ids: Vec<String>,
    pub(crate) topic_ids: Vec<String>,
    pub(crate) topics: Vec<u32>,
    /// The distinct folded words of every searchable field, for the typo
    /// fallback: gathered when it is first needed (a quarter of the time
    /// the index takes to build, which opening a briefing waits for).
    vocabulary: OnceLock<Vocabulary>,
}

impl Index {
    pub fn new(briefing: Arc<Briefing>) -> Index {
        let mut speaker_ids: HashMap<&str, u32> = HashMap::new();
        let mut speaker_names: Vec<&str> = Vec::new();
        let position =
            |ids: &[String], id: &str| ids.iter().position(|x| x == id).map_or(NONE, |i| i as u32);
        let party_ids: Vec<String> = briefing.parties.iter().map(|p| p.id.clone()).collect();
        let source_ids: Vec<String> = briefing.sources.iter().map(|s| s.id.clone()).collect();
        let topic_ids: Vec<String> = briefing
            .sticking_points
            .iter()
            .map(|s| s.id.clone())
            .collect();
        let mut topics = Vec::new();
        let records = briefing
            .quotes
            .iter()
            .map(|quote| {
                let next = speaker_names.len() as u32;
                let speaker = *speaker_ids.entry(&quote.speaker).or_insert_with(|| {
                    speaker_names.push(&quote.speaker);
                    next
                });
                let first_topic = topics.len() as u32;
                topics.extend(quote.topics.iter().map(|t| position(&topic_ids, t)));
                Record {
                    speaker,
                    party: quote
                        .party
                        .as_deref()
                        .map_or(NONE, |p| position(&party_ids, p)),
                    source: position(&source_ids, &quote.source),
                    topics: (first_topic, topics.len() as u32),
                    date: quote
                        .said_on
                        .map_or(i32::MIN, |d| d.first_day().num_days_from_ce()),
                }
            })
            .collect();
        let source_text = |s: &crate::briefing::Source| match &s.title {
            Some(title) => format!("{}\n{title}", s.outlet),
            None => s.outlet.clone(),
        };
        let source_texts: Vec<String> = briefing.sources.iter().map(source_text).collect();
        let folded = Corpus::new(&briefing.quotes);
        let speakers = Shared::new(speaker_names.iter().copied());
        let parties = Shared::new(briefing.parties.iter().map(|p| p.name.as_str()));
        let sources = Shared::new(source_texts.iter().map(String::as_str));
        Index {
            folded,
            records,
            speakers,
            parties,
            sources,
            vocabulary: OnceLock::new(),
            party_ids,
            source_ids,
            topic_ids,
            topics,
            briefing,
        }
    }

    /// A quote's text and context folded with case kept, written into
    /// `buf`: the folded fields with their capitals restored.
    pub(crate) fn kept_fields<'b>(&self, record: usize, buf: &'b mut String) -> (&'b str, &'b str) {
        let corpus = &self.folded;
        let capitals = &corpus.capitals;
        buf.clear();
        let first = capitals.starts[record];
        if first & Capitals::WHOLE != 0 {
            let at = capitals
                .whole
                .partition_point(|(q, _)| (*q as usize) < record);
            buf.push_str(&capitals.whole[at].1);
        } else {
            let span = corpus.spans[record];
            buf.push_str(&corpus.buf[span.start as usize..span.end as usize]);
            let last = capitals.starts[record + 1] & !Capitals::WHOLE;
            for &at in &capitals.places[first as usize..last as usize] {
                buf[at as usize..at as usize + 1].make_ascii_uppercase();
            }
        }
        // Folding turns every newline into a space: the first one is the separator.
        let text_end = buf.find('\n').unwrap_or(buf.len());
        let (text, context) = buf.split_at(text_end);
        (text, context.get(1..).unwrap_or(""))
    }

    /// The distinct folded words of the quotes and their shared texts.
    pub(crate) fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary.get_or_init(|| {
            let shared = [&self.speakers, &self.parties, &self.sources];
            let shared = shared
                .into_iter()
                .flat_map(|s| s.folded.iter().map(String::as_str));
            Vocabulary::new(&self.folded.buf, shared)
        })
    }

    /// How many quotes the index holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

impl Corpus {
    /// Folds every quote's fields one after the other. (Folding in halves on
    /// two threads took 100 ms off 100,000 quotes, but held the second half
    /// twice while joining them: 6 MB more at the peak of the dashboard.)
    fn new(quotes: &[Quote]) -> Corpus {
        let bytes: usize = quotes
            .iter()
            .map(|q| q.text.len() + q.context.as_ref().map_or(0, String::len) + 2)
            .sum();
        let mut corpus = Corpus {
            // Folding can lengthen text (`ß`, ligatures): room to spare, so
            // that the buffer is never copied to grow.
            buf: String::with_capacity(bytes + bytes / 8),
            spans: Vec::with_capacity(quotes.len()),
            letters: Vec::with_capacity(quotes.len()),
            capitals: Capitals::default(),
        };
        let mut kept = String::new();
        for (q, quote) in quotes.iter().enumerate() {
            let start = corpus.buf.len();
            fold_into(&quote.text, Case::Fold, &mut corpus.buf, None);
            let text_end = corpus.buf.len();
            corpus.letters.push(Letters::of(&corpus.buf[start..]));
            corpus.buf.push('\n');
            kept.clear();
            fold_into(&quote.text, Case::Keep, &mut kept, None);
            kept.push('\n');
            if let Some(context) = &quote.context {
                fold_into(context, Case::Fold, &mut corpus.buf, None);
                fold_into(context, Case::Keep, &mut kept, None);
            }
            corpus.capitals.push(q, &corpus.buf[start..], &kept);
            corpus.spans.push(Span {
                start: start as u32,
                text_end: text_end as u32,
                end: corpus.buf.len() as u32,
            });
            corpus.buf.push('\n');
        }
        corpus.capitals.finish();
        corpus
    }

    pub fn text(&self, record: usize) -> &str {
        let span = self.spans[record];
        &self.buf[span.start as usize..span.text_end as usize]
    }

    pub fn context(&self, record: usize) -> &str {
        let span = self.spans[record];
        &self.buf[span.text_end as usize + 1..span.end as usize]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::search::matching::Needle;
    use crate::search::query::Query;

    /// What reading the text finds for a one-letter term.
    fn read(text: &str, letter: char) -> Option<Kind> {
        let query = Query::parse(&letter.to_string()).unwrap();
        Needle::new(&query.groups[0][0]).best_kind(text)
    }

    #[test]
    fn letters_know_how_a_letter_matches() {
        let letters = Letters::of("a stay, sun-dried x9 éa");
        assert_eq!(letters.kind('a'), Some(Kind::Word));
        assert_eq!(letters.kind('s'), Some(Kind::Prefix));
        assert_eq!(letters.kind('t'), Some(Kind::Inside));
        assert_eq!(letters.kind('9'), Some(Kind::Inside));
        assert_eq!(letters.kind('q'), None);
    }

    proptest! {
        #[test]
        fn letters_agree_with_reading_the_text(
            text in "[abs1 ,.\\-é東ß]{0,40}",
            letter in "[abs1q]",
        ) {
            let letter = letter.chars().next().unwrap();
            let folded = fold(&text, Case::Fold);
            prop_assert_eq!(Letters::of(&folded).kind(letter), read(&folded, letter));
        }
    }
}
