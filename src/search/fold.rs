//! The form text is searched in: accents removed, typography made plain,
//! whitespace runs made one space and (for [`Case::Fold`]) full Unicode case
//! folding, with a map from each folded byte back to the character it came
//! from, so matches can be highlighted in the original text.

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::briefing::verbatim::plain_typography;

/// Whether folding also folds case (the default) or keeps it (for a term
/// typed with a capital letter: smart case).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    Fold,
    Keep,
}

/// `text` folded into a new string.
pub fn fold(text: &str, case: Case) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, case, &mut out, None);
    out
}

/// Appends the folded form of `text` to `out`. When `map` is given, it
/// receives one entry per byte appended: the index (in characters) of the
/// character of `text` that byte came from. A character that folds to
/// nothing (a combining accent, the second space of a run) adds no entry.
pub fn fold_into(text: &str, case: Case, out: &mut String, mut map: Option<&mut Vec<u32>>) {
    if map.is_none() && fold_ascii_into(text, case, out) {
        return;
    }
    let base = out.len();
    let map_base = map.as_ref().map_or(0, |m| m.len());
    let mut rest = text;
    let mut index = 0u32;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let before = out.len();
        if c.is_ascii() {
            push_ascii(c, case, out);
        } else {
            fold_char(c, case, out);
        }
        if let Some(map) = map.as_deref_mut() {
            if out.len() == before + 1 {
                map.push(index);
            } else {
                map.resize(map_base + out.len() - base, index);
            }
        }
        index += 1;
    }
}

/// The quick way for most text: appends `text` folded if it is ASCII with
/// no whitespace run (none either where it meets what `out` ends with),
/// byte for byte. Returns false, appending nothing, for any other text.
fn fold_ascii_into(text: &str, case: Case, out: &mut String) -> bool {
    let bytes = text.as_bytes();
    let run = |w: &[u8]| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace();
    let joins_a_space =
        out.ends_with(' ') && bytes.first().is_some_and(|b| b.is_ascii_whitespace());
    if !text.is_ascii() || joins_a_space || bytes.windows(2).any(run) {
        return false;
    }
    out.extend(bytes.iter().map(|&b| match b {
        b if b.is_ascii_whitespace() => ' ',
        b if case == Case::Fold => b.to_ascii_lowercase() as char,
        b => b as char,
    }));
    true
}

fn push_ascii(c: char, case: Case, out: &mut String) {
    if c.is_ascii_whitespace() {
        push_space(out);
    } else if case == Case::Fold {
        out.push(c.to_ascii_lowercase());
    } else {
        out.push(c);
    }
}

fn push_space(out: &mut String) {
    if !out.ends_with(' ') {
        out.push(' ');
    }
}

fn push_plain(c: char, out: &mut String) {
    if c.is_whitespace() {
        push_space(out);
    } else if !is_invisible(c) {
        out.push(c);
    }
}

fn fold_char(c: char, case: Case, out: &mut String) {
    let c = plain_typography(c);
    if c.is_ascii() {
        return push_ascii(c, case, out);
    }
    if is_hangul_syllable(c) {
        // Decomposing would turn each syllable into jamo; it has no case or accents.
        return out.push(c);
    }
    if let Some(plain) = latin_without_decomposition(c) {
        return plain.chars().for_each(|p| push_ascii(p, case, out));
    }
    let unaccented = std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d));
    match case {
        Case::Keep => unaccented.for_each(|d| push_plain(d, out)),
        // Folding case can produce decomposable characters again (U+0130
        // folds to `i` and a combining dot), so decompose once more.
        Case::Fold => unaccented
            .default_case_fold()
            .nfkd()
            .filter(|d| !is_combining_mark(*d))
            .for_each(|d| push_plain(d, out)),
    }
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// Format characters that are invisible and would split words: soft hyphen,
/// zero-width space and joiners, bidi controls, word joiner, BOM.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// Latin letters that read as a plain letter but have no Unicode
/// decomposition to strip an accent from.
fn latin_without_decomposition(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'ħ' => "h",
        'Ħ' => "H",
        'ı' => "i",
        'ŧ' => "t",
        'Ŧ' => "T",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'þ' => "th",
        'Þ' => "TH",
        _ => return None,
    })
}

/// A letter or digit: what words are made of, in any script.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        fold(text, Case::Fold)
    }

    #[test]
    fn removes_accents_precomposed_and_combining() {
        assert_eq!(folded("réduction"), "reduction");
        assert_eq!(folded("Ångström"), "angstrom");
        assert_eq!(folded("re\u{301}duction"), "reduction");
        assert_eq!(folded("Kraków, Łódź, Øresund"), "krakow, lodz, oresund");
    }

    #[test]
    fn folds_case_beyond_ascii() {
        assert_eq!(folded("ΣΊΣΥΦΟΣ"), folded("σίσυφος"));
        assert_eq!(folded("ΣΊΣΥΦΟΣ"), "σισυφοσ");
        assert_eq!(folded("straße"), "strasse");
        assert_eq!(folded("STRASSE"), "strasse");
        assert_eq!(folded("ПУТИН"), "путин");
        assert_eq!(folded("İstanbul"), "istanbul");
    }

    #[test]
    fn makes_typography_plain() {
        assert_eq!(
            folded("It’s “nearly” ready — de‑escalation"),
            "it's \"nearly\" ready - de-escalation"
        );
        assert_eq!(folded("ﬁnal…"), "final...");
    }

    #[test]
    fn collapses_whitespace_and_drops_invisible_characters() {
        assert_eq!(folded("one \n\t two\u{a0}three"), "one two three");
        assert_eq!(folded("nego\u{ad}tiation\u{200b}s"), "negotiations");
    }

    #[test]
    fn keeps_case_when_asked_but_still_removes_accents() {
        assert_eq!(
            fold("Réduction ÅNGSTRÖM straße", Case::Keep),
            "Reduction ANGSTROM straße"
        );
    }

    #[test]
    fn leaves_cjk_and_hangul_whole() {
        assert_eq!(folded("日本語のテキスト"), "日本語のテキスト");
        assert_eq!(folded("한국어"), "한국어");
    }

    #[test]
    fn maps_every_folded_byte_to_its_original_character() {
        let mut out = String::new();
        let mut map = Vec::new();
        fold_into("Ée\u{301}ß  x", Case::Fold, &mut out, Some(&mut map));
        assert_eq!(out, "eess x");
        // É -> e (0); e + combining acute -> e (1, the accent adds nothing);
        // ß -> ss (3, 3); the two spaces -> one (4); x (6).
        assert_eq!(map, [0, 1, 3, 3, 4, 6]);
    }

    proptest::proptest! {
        /// The quick way for ASCII text folds exactly as the character by
        /// character way the highlighter takes (it needs the map).
        #[test]
        fn the_ascii_shortcut_folds_as_the_mapped_way(
            before in "[a \t]{0,3}",
            text in "[A-Za-z0-9 \t\n.,'-]{0,30}",
        ) {
            for case in [Case::Fold, Case::Keep] {
                let (mut quick, mut mapped) = (before.clone(), before.clone());
                fold_into(&text, case, &mut quick, None);
                fold_into(&text, case, &mut mapped, Some(&mut Vec::new()));
                proptest::prop_assert_eq!(quick, mapped);
            }
        }
    }
}
