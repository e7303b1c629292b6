//! A loaded briefing written out for other tools: a markdown memo to paste
//! into a report, the whole briefing as JSON, or one HTML page for readers
//! without a terminal. Knows nothing of terminals; what it returns is safe to
//! print (no control character from the file).

pub mod html;
pub mod json;
pub mod markdown;

use std::cmp::Reverse;

use crate::briefing::{Briefing, PartialDate, Quote};

/// The date a quote is filed under: when it was said. A quote without
/// `said_on` is undated: its source's publication date is another claim
/// (when it was printed), never silently put in its place.
pub fn quote_date(quote: &Quote) -> Option<PartialDate> {
    quote.said_on
}

/// Quotes newest first; quotes of the same date, and undated quotes (last),
/// keep their file order.
pub fn quotes_newest_first(briefing: &Briefing) -> Vec<&Quote> {
    let mut quotes: Vec<&Quote> = briefing.quotes.iter().collect();
    quotes.sort_by_key(|q| Reverse(quote_date(q)));
    quotes
}

/// "Speaker (Party), Outlet, 2026-01-23" (or "undated", with the source's
/// publication date shown as such where it has one): who said it, where it was printed
/// and when. Raw file text: sanitise (or escape) it before printing.
pub fn citation(briefing: &Briefing, quote: &Quote) -> String {
    let mut parts = vec![
        match quote.party.as_deref().and_then(|id| briefing.party(id)) {
            Some(party) => format!("{} ({})", quote.speaker, party.name),
            None => quote.speaker.to_string(),
        },
    ];
    parts.push(
        briefing
            .source(&quote.source)
            .map_or_else(|| quote.source.to_string(), |s| s.outlet.clone()),
    );
    parts.push(match quote_date(quote) {
        Some(date) => date.to_string(),
        None => match briefing.source(&quote.source).and_then(|s| s.published) {
            Some(published) => format!("undated (published {published})"),
            None => "undated".to_string(),
        },
    });
    parts.join(", ")
}

/// The shipped briefing, for the tests of every format.
#[cfg(test)]
fn shipped() -> Briefing {
    crate::briefing::load(&crate::briefing::Document::embedded())
        .expect("the shipped briefing is valid")
        .briefing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::{Document, load};

    fn briefing(text: &str) -> Briefing {
        let document = Document {
            name: "test.toml".into(),
            text: text.into(),
            dir: None,
        };
        load(&document).expect("valid test briefing").briefing
    }

    const QUOTES: &str = r#"format = 1
[briefing]
title = "T"
as_of = 2026-01-23
[[sources]]
id = "old"
outlet = "Old Wire"
published = 2026-01-01
[[sources]]
id = "new"
outlet = "New Wire"
[[parties]]
id = "ua"
name = "Ukraine"
[[quotes]]
speaker = "A"
text = "undated"
source = "new"
[[quotes]]
speaker = "B"
party = "ua"
text = "dated by its source"
source = "old"
[[quotes]]
speaker = "C"
text = "said later"
source = "new"
said_on = 2026-01-20
[[quotes]]
speaker = "D"
text = "also undated"
source = "new"
"#;

    #[test]
    fn quotes_are_newest_first_then_in_file_order() {
        let briefing = briefing(QUOTES);
        let order: Vec<&str> = quotes_newest_first(&briefing)
            .iter()
            .map(|q| q.speaker.as_str())
            .collect();
        // B's source was published on a date, but B was not said on it.
        assert_eq!(order, ["C", "A", "B", "D"]);
    }

    #[test]
    fn a_citation_names_speaker_party_outlet_and_date() {
        let briefing = briefing(QUOTES);
        let cite = |i: usize| citation(&briefing, &briefing.quotes[i]);
        assert_eq!(cite(0), "A, New Wire, undated");
        assert_eq!(
            cite(1),
            "B (Ukraine), Old Wire, undated (published 2026-01-01)"
        );
        assert_eq!(cite(2), "C, New Wire, 2026-01-20");
    }
}
