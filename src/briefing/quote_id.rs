//! Ids for quotes written without one, derived from who said what.
//!
//! Numbering quotes by their place in the file renumbered every later quote
//! when one was inserted, breaking copied citations and matching between
//! rounds. A slug of the speaker's last name and a hash of the speaker and
//! the text (`ushakov-3f9a1c`) changes only when the quote itself does.

use std::hash::Hasher;

/// Hex digits of the hash in an id; more only where two different quotes
/// of one speaker would otherwise share an id (see [`QuoteIds`]).
const SHORT_DIGITS: usize = 6;

/// The hash of a quote's speaker and text, white space runs folded so that
/// re-wrapping a multi-line string keeps the id.
pub fn quote_hash(speaker: &str, text: &str) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(speaker.trim().as_bytes());
    hasher.write_u8(0);
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.write_u8(b' ');
        }
        hasher.write(word.as_bytes());
    }
    hasher.finish()
}

/// The speaker's last name as a slug: `Yuri Ushakov` -> `ushakov`,
/// `Юрий Ушаков` -> `ushakov`; `quote` when nothing is left.
pub fn speaker_slug(speaker: &str) -> String {
    let last = speaker.split_whitespace().last().unwrap_or("");
    let slug: String = deunicode::deunicode(last)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if slug.is_empty() {
        "quote".into()
    } else {
        slug
    }
}

/// `slug-` and the first `digits` hex digits of `hash`.
pub fn derived_id(slug: &str, hash: u64, digits: usize) -> String {
    let hex = format!("{hash:016x}");
    format!("{slug}-{}", &hex[..digits.min(16)])
}

/// The shortest derived id for a quote that no different quote already
/// holds: six digits, or more where six would clash. `taken` tells whether
/// an id is held, and by which hash.
pub fn shortest_free_id(slug: &str, hash: u64, taken: impl Fn(&str) -> Option<u64>) -> String {
    let mut digits = SHORT_DIGITS;
    loop {
        let id = derived_id(slug, hash, digits);
        match taken(&id) {
            Some(other) if other != hash && digits < 16 => digits += 2,
            _ => return id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_depends_on_speaker_and_words_not_on_wrapping() {
        let one = quote_hash("Yuri Ushakov", "It's all  about\n  the land");
        assert_eq!(one, quote_hash("Yuri Ushakov", "It's all about the land"));
        assert_ne!(one, quote_hash("Yuri Ushakov", "It's all about the sea"));
        assert_ne!(
            one,
            quote_hash("Kirill Dmitriev", "It's all about the land")
        );
        let id = derived_id(&speaker_slug("Yuri Ushakov"), one, 6);
        assert!(
            id.starts_with("ushakov-") && id.len() == "ushakov-".len() + 6,
            "{id}"
        );
    }

    #[test]
    fn slugs_transliterate_and_never_come_out_empty() {
        assert_eq!(speaker_slug("Юрий Ушаков"), "ushakov");
        assert_eq!(speaker_slug("Volodymyr Zelensky"), "zelensky");
        assert_eq!(speaker_slug("O'Brien-Smith"), "obriensmith");
        assert_eq!(speaker_slug("  "), "quote");
        assert_eq!(speaker_slug("—"), "quote");
    }

    #[test]
    fn a_clash_with_a_different_quote_lengthens_the_id() {
        let hash = 0x3f9a_1c00_0000_0001;
        let other = 0x3f9a_1cff_0000_0000;
        let held = derived_id("a", other, 6);
        let id = shortest_free_id("a", hash, |id| (id == held).then_some(other));
        assert_eq!(id, "a-3f9a1c00");
        // The same quote again keeps the short id: the caller reports it.
        let same = shortest_free_id("a", hash, |id| (id == "a-3f9a1c").then_some(hash));
        assert_eq!(same, "a-3f9a1c");
    }
}
