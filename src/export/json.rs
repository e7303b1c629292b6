//! The whole loaded briefing as one JSON document (quote ids included, as
//! derived by the loader): a stable contract for scripts.

use crate::briefing::Briefing;
use crate::text::json_safe;

/// Pretty-printed JSON, ending in a newline. Characters that must not reach
/// a terminal raw (controls that JSON itself does not escape, such as DEL and
/// C1, and bidi controls) are written as `\uXXXX` escapes: the data is the
/// same, the bytes are safe to print.
pub fn render(briefing: &Briefing) -> String {
    let pretty = serde_json::to_string_pretty(briefing).expect("a briefing serialises to JSON");
    let mut out = json_safe(&pretty).into_owned();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::shipped;
    use crate::text::{is_bidi_control, is_forbidden_control};

    #[test]
    fn the_json_holds_the_whole_briefing() {
        let briefing = shipped();
        let value: serde_json::Value = serde_json::from_str(&render(&briefing)).unwrap();
        assert_eq!(value, serde_json::to_value(&briefing).unwrap());
        assert_eq!(value["format"], 1);
        assert_eq!(value["meta"]["as_of"], "2026-01-23");
        assert_eq!(value["parties"][2]["role"], "mediator");
    }

    #[test]
    fn bidi_and_c1_controls_are_escaped_but_the_data_is_unchanged() {
        let mut briefing = shipped();
        briefing.meta.title = "abc\u{202e}def\u{85}\u{7f}\u{1b}".into();
        let json = render(&briefing);
        assert!(
            json.contains(r#""title": "abc\u202edef\u0085\u007f\u001b""#),
            "{json}"
        );
        assert!(
            !json
                .chars()
                .any(|c| c != '\n' && (is_forbidden_control(c) || is_bidi_control(c)))
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["meta"]["title"], "abc\u{202e}def\u{85}\u{7f}\u{1b}");
    }
}
