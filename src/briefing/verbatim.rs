//! Is a quote verbatim? Rule 10 of the format, and the shipped briefing's
//! fidelity test, both ask it here.
//!
//! Only typography is forgiven: curly against straight quote marks, dash
//! variants, and runs of whitespace. `...` (or `…`) in a quote stands for an
//! elision: each part must appear, in order.

use std::ops::Range;

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
/// the source that comes closest to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub missing: String,
    pub closest: String,
}

/// Checks that `quote` appears in `source` (elisions allowed, in order).
pub fn find_quote(quote: &str, source: &str) -> Result<(), Mismatch> {
    locate(quote, source).map(drop)
}

/// Where `quote` appears in `source`: the byte range in `source` of each of
/// its parts (one part, or one per stretch between elisions), in order.
pub fn locate(quote: &str, source: &str) -> Result<Vec<Range<usize>>, Mismatch> {
    let (folded, origin) = normalize_mapped(source);
    let quote = normalize(quote).replace('…', "...");
    let mut from = 0;
    let mut found = Vec::new();
    for part in quote.split("...").map(str::trim).filter(|p| !p.is_empty()) {
        match folded[from..].find(part) {
            Some(at) => {
                let (start, end) = (from + at, from + at + part.len());
                let last = origin[end - 1];
                let last_len = source[last..].chars().next().map_or(0, char::len_utf8);
                found.push(origin[start]..last + last_len);
                from = end;
            }
            None => {
                return Err(Mismatch {
                    missing: part.to_string(),
                    closest: closest_passage(part, &folded),
                });
            }
        }
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

/// The passage of `source` sharing the longest run of words with the start
/// of `part`, as long as `part` (for a person to compare by eye).
fn closest_passage(part: &str, source: &str) -> String {
    let wanted: Vec<&str> = part.split(' ').collect();
    let starts = std::iter::once(0).chain(source.match_indices(' ').map(|(i, _)| i + 1));
    let best = starts
        .map(|start| {
            let shared = source[start..]
                .split(' ')
                .zip(&wanted)
                .take_while(|(a, b)| a == *b)
                .count();
            (shared, start)
        })
        .max_by_key(|&(shared, start)| (shared, std::cmp::Reverse(start)));
    let start = best.map_or(0, |(_, start)| start);
    source[start..].chars().take(part.chars().count()).collect()
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
    fn a_mismatch_shows_the_closest_passage() {
        let source = "Ushakov said the talks were productive and useful.";
        let err = find_quote("the talks were fruitful", source).unwrap_err();
        assert_eq!(err.missing, "the talks were fruitful");
        assert_eq!(err.closest, "the talks were producti");
    }
}
