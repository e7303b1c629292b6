//! The whole loaded briefing as one JSON document (quote ids included, as
//! derived by the loader): a stable contract for scripts.

use serde_json::Value;

use crate::briefing::{Briefing, PartialDate};
use crate::text::json_safe;

/// Pretty-printed JSON, ending in a newline. Characters that must not reach
/// a terminal raw (controls that JSON itself does not escape, such as DEL and
/// C1, and bidi controls) are written as `\uXXXX` escapes: the data is the
/// same, the bytes are safe to print.
///
/// Dates are ISO 8601 at their precision (`2014`, `2025-08`, `2026-01-23`);
/// what is dated after `as_of` also says `"expected": true` (events) or
/// `"starts_expected"` / `"ends_expected"` (the briefing's dates), so a
/// script need not compare partial dates to tell fact from expectation.
pub fn render(briefing: &Briefing) -> String {
    let pretty = serde_json::to_string_pretty(&with_expectations(briefing))
        .expect("a briefing serialises to JSON");
    let mut out = json_safe(&pretty).into_owned();
    out.push('\n');
    out
}

/// The briefing as a JSON value, with what lies after `as_of` marked.
fn with_expectations(briefing: &Briefing) -> Value {
    let mut value = serde_json::to_value(briefing).expect("a briefing serialises to JSON");
    let expected = |date: Option<PartialDate>| date.is_some_and(|d| briefing.is_expected(d));
    let meta = &briefing.meta;
    if let Some(object) = value["meta"].as_object_mut() {
        object.insert("starts_expected".into(), expected(meta.starts).into());
        object.insert("ends_expected".into(), expected(meta.ends).into());
    }
    if let Some(events) = value["events"].as_array_mut() {
        for (json, event) in events.iter_mut().zip(&briefing.events) {
            if let Some(object) = json.as_object_mut() {
                object.insert("expected".into(), expected(Some(event.date)).into());
            }
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::shipped;
    use crate::text::{is_bidi_control, is_forbidden_control};

    #[test]
    fn the_json_holds_the_whole_briefing() {
        let briefing = shipped();
        let mut value: serde_json::Value = serde_json::from_str(&render(&briefing)).unwrap();
        // Beside the briefing as loaded, only the expectations are added.
        assert_eq!(value["meta"]["ends_expected"], true);
        assert_eq!(value["meta"]["starts_expected"], false);
        let meta = value["meta"].as_object_mut().unwrap();
        meta.remove("ends_expected");
        meta.remove("starts_expected");
        for event in value["events"].as_array_mut().unwrap() {
            event.as_object_mut().unwrap().remove("expected");
        }
        assert_eq!(value, serde_json::to_value(&briefing).unwrap());
        assert_eq!(value["format"], 1);
        assert_eq!(value["meta"]["as_of"], "2026-01-23");
        assert_eq!(value["parties"][2]["role"], "mediator");
    }

    #[test]
    fn dates_keep_their_precision_and_evidence_keys_are_written() {
        let document = crate::briefing::Document {
            name: "orchard-evidence.toml".into(),
            text: include_str!("../../tests/fixtures/briefings/orchard-evidence.toml").into(),
            dir: None,
        };
        let briefing = crate::briefing::load(&document).unwrap().briefing;
        let value: serde_json::Value = serde_json::from_str(&render(&briefing)).unwrap();
        assert_eq!(value["meta"]["starts"], "2031-03");
        assert_eq!(value["meta"]["ends_expected"], true);
        let events = &value["events"];
        assert_eq!(events[0]["date"], "2029");
        assert_eq!(events[0]["expected"], false);
        assert_eq!(events[1]["date"], "2031-03");
        assert_eq!(events[2]["date"], "2031-04-02");
        assert_eq!(events[2]["expected"], true);
        assert_eq!(value["sources"][1]["published"], "2031-03");
        let quotes = &value["quotes"];
        assert_eq!(quotes[1]["kind"], "headline");
        assert!(quotes[1]["said_on"].is_null());
        assert_eq!(quotes[1]["discrepancies"][0], "quota-size");
        let position = &value["parties"][0]["positions"][0];
        assert_eq!(position["basis"], "stated");
        assert_eq!(position["quotes"][0], "marrow-channel");
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
