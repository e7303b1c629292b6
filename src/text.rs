//! Text that came from a file, made safe and measurable for a terminal.
//!
//! This is the one place that decides what of a briefing's text may reach the
//! terminal: every pane, popup, error message and command output passes text
//! through [`sanitize`] before printing it.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns between tab stops when a tab is expanded.
pub const TAB_WIDTH: usize = 4;

/// A C0 or C1 control character (or DEL) that must never reach the terminal.
/// Newline and tab are not included: text fields may hold them.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}'
}

/// A bidirectional override, embedding or isolate (U+202A..=U+202E,
/// U+2066..=U+2069): shown as a visible escape, never obeyed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible form of a character that may not be shown raw.
pub fn escape_char(c: char) -> String {
    if is_bidi_control(c) {
        format!("<U+{:04X}>", c as u32)
    } else {
        format!("\\u{{{:x}}}", c as u32)
    }
}

/// Text made safe to print: control characters and bidi controls become
/// visible escapes, tabs become spaces up to the next tab stop. Newlines are
/// kept (callers that need one line use [`sanitize_inline`]); zero-width
/// joiners, which scripts and emoji need, are kept.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_rewrite) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            c if is_forbidden_control(c) || is_bidi_control(c) => {
                let escaped = escape_char(c);
                column += escaped.len();
                out.push_str(&escaped);
            }
            c => {
                column += c.width().unwrap_or(0);
                out.push(c);
            }
        }
    }
    out.into()
}

/// [`sanitize`], then newlines shown as `\n`: for text that must stay on one line.
pub fn sanitize_inline(text: &str) -> Cow<'_, str> {
    match sanitize(text) {
        Cow::Borrowed(s) if !s.contains('\n') => Cow::Borrowed(s),
        s => Cow::Owned(s.replace('\n', "\\n")),
    }
}

/// Serialised JSON with every character that must not reach a terminal raw
/// (DEL and C1 controls, which JSON leaves as they are, and bidi controls)
/// written as a `\uXXXX` escape: the same data, safe bytes. Outside strings
/// JSON is ASCII, so such a character can only sit inside a string.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && (is_forbidden_control(c) || is_bidi_control(c));
    if !json.chars().any(unsafe_char) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_rewrite(c: char) -> bool {
    c == '\t' || is_forbidden_control(c) || is_bidi_control(c)
}

/// Display width of already-sanitised text.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The longest prefix of `text` that fits in `max` columns, never splitting
/// a grapheme (a letter with its combining marks, an emoji with its
/// joiners); a cut always ends in `…`.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = width(grapheme);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(grapheme);
    }
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_keeps_newlines() {
        assert_eq!(sanitize("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\nc");
        assert_eq!(sanitize("bell\u{7}\u{9b}"), "bell\\u{7}\\u{9b}");
        assert_eq!(sanitize("del\u{7f}"), "del\\u{7f}");
    }

    #[test]
    fn shows_bidi_controls_as_visible_escapes() {
        assert_eq!(sanitize("abc\u{202e}def\u{2066}"), "abc<U+202E>def<U+2066>");
    }

    #[test]
    fn expands_tabs_to_the_next_stop() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("abcd\tb"), "abcd    b");
        assert_eq!(sanitize("x\n\ty"), "x\n    y");
    }

    #[test]
    fn keeps_joiners_that_scripts_and_emoji_need() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(sanitize(family), family);
        assert_eq!(sanitize("می\u{200c}خواهم"), "می\u{200c}خواهم");
    }

    #[test]
    fn json_safe_escapes_what_json_leaves_raw() {
        let json = serde_json::to_string("a\u{202e}b\u{85}\u{7f}\u{1b}\n").unwrap();
        let safe = json_safe(&json);
        assert_eq!(safe, r#""a\u202eb\u0085\u007f\u001b\n""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{202e}b\u{85}\u{7f}\u{1b}\n");
        assert_eq!(json_safe("[1]"), "[1]");
    }

    #[test]
    fn inline_shows_newlines_escaped() {
        assert_eq!(sanitize_inline("one\ntwo"), "one\\ntwo");
        assert_eq!(sanitize_inline("plain"), "plain");
    }

    #[test]
    fn truncates_by_display_width_without_splitting_characters() {
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 0), "");
        assert!(width(&truncate("é́é́é́é́", 3)) <= 3);
    }

    #[test]
    fn truncation_keeps_graphemes_whole_and_always_ends_in_an_ellipsis() {
        // A letter with two combining accents stays with its accents.
        assert_eq!(truncate("e\u{301}\u{301}bcdef", 3), "e\u{301}\u{301}b…");
        // An emoji family is one grapheme of width 2: it fits whole or not at all.
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(
            truncate(&format!("{family}{family}x"), 4),
            format!("{family}…")
        );
        assert_eq!(truncate(&format!("{family}abc"), 2), "…");
        for max in 1..8 {
            let cut = truncate("2026-01-23", max);
            assert!(cut.ends_with('…') && width(&cut) <= max, "{max}: {cut}");
        }
    }
}
