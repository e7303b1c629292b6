//! The shipped briefing, searched the way a reader remembers a quote: a few
//! of its words in any order, misspelt, typed with a plain apostrophe. The
//! intended quote must come first.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use parley::briefing::{Briefing, Document, load};
use parley::search::{Index, Order, Query};

fn shipped() -> Briefing {
    load(&Document::embedded())
        .expect("the shipped briefing loads")
        .briefing
}

/// The ids of the hits for `query`, best first.
fn ranked(briefing: &Briefing, index: &Index, query: &str) -> Vec<String> {
    let hits = index
        .search(
            &Query::parse(query).unwrap(),
            Order::Relevance,
            &AtomicBool::new(false),
        )
        .unwrap();
    hits.iter()
        .map(|h| briefing.quotes[h.quote].id.to_string())
        .collect()
}

#[test]
fn the_remembered_quote_comes_first() {
    let cases = [
        // A few words, in another order than the quote's.
        ("anchorage formula", "ushakov-anchorage-formula"),
        ("defend itself europe", "zelensky-davos-last-year"),
        (
            "nothing changed year passed",
            "zelensky-nothing-has-changed",
        ),
        ("compromises russians", "zelensky-russians-compromises"),
        ("trilateral working group", "ushakov-working-group-today"),
        (
            "special military operation",
            "ushakov-until-this-is-achieved",
        ),
        (
            "genuinely interested diplomatic",
            "ushakov-genuinely-interested",
        ),
        ("press not expected", "tass-press-not-expected"),
        ("desire sincere", "ushakov-sincere-desire"),
        ("make deal want", "trump-want-to-make-a-deal"),
        // Misspelt: no plain match, so the fuzzy fallback finds it.
        ("battlefeld troops", "ushakov-battlefield"),
        (
            "exceptionaly frank",
            "russian-officials-exceptionally-substantive",
        ),
        ("dialogue deescalation", "abdullah-dialogue-de-escalation"),
        // Typos: a letter substituted, two transposed, in the text or the context.
        ("battlefiald", "ushakov-battlefield"),
        ("battelfield russian troops", "ushakov-battlefield"),
        ("negotaitions", "abdullah-dialogue-de-escalation"),
        ("sustainabel solutoins", "abdullah-dialogue-de-escalation"),
        // A straight apostrophe for the text's curly one, and no capital.
        ("it's all about the land", "zelensky-all-about-the-land"),
        ("its all about land", "zelensky-all-about-the-land"),
        // Filters with a word.
        ("by:zelensky davos", "zelensky-davos-last-year"),
        (
            "@ru #territory long-term settlement",
            "ushakov-anchorage-formula",
        ),
    ];
    let briefing = shipped();
    let index = Index::new(Arc::new(briefing.clone()));
    let mut wrong = Vec::new();
    for (query, intended) in cases {
        let ids = ranked(&briefing, &index, query);
        if ids.first().map(String::as_str) != Some(intended) {
            wrong.push(format!("{query:?}: wanted {intended} first, got {ids:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_word_match_outranks_a_longer_word_that_contains_it() {
    let briefing = shipped();
    let index = Index::new(Arc::new(briefing.clone()));
    let ids = ranked(&briefing, &index, "issue");
    assert_eq!(ids[0], "witkoff-down-to-one-issue");
    assert!(
        ids.contains(&"kremlin-working-group".to_string()),
        "\"issues\""
    );
}

#[test]
fn date_order_puts_dated_quotes_first() {
    let briefing = shipped();
    let index = Index::new(Arc::new(briefing.clone()));
    let hits = index
        .search(
            &Query::parse("").unwrap(),
            Order::Date,
            &AtomicBool::new(false),
        )
        .unwrap();
    let dates: Vec<_> = hits
        .iter()
        .map(|h| briefing.quotes[h.quote].said_on)
        .collect();
    assert_eq!(
        dates.len(),
        briefing.quotes.len(),
        "an empty query finds every quote"
    );
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    assert!(dated >= 2, "{dates:?}");
    assert!(dates[dated..].iter().all(Option::is_none), "{dates:?}");
    assert!(dates[..dated].is_sorted_by(|a, b| a >= b), "{dates:?}");
}
