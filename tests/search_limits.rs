//! A query too long to search (a paste, most likely) is refused with a
//! message: `parley search` prints it and exits 2, the dashboard shows it in
//! its status line and lists nothing until the query is short enough.

use std::process::Command;

use parley::action::Action;
use parley::app::App;
use parley::briefing::{Document, load};
use parley::search::MAX_TERMS;
use parley::theme::Theme;

/// `count` distinct words, each in the shipped briefing's text or not.
fn words(count: usize) -> String {
    let words: Vec<String> = (0..count).map(|i| format!("land{i}")).collect();
    words.join(" ")
}

const REFUSAL: &str = "the query has 65 terms, more than the 64 a search takes";

#[test]
fn parley_search_refuses_too_many_terms_and_exits_2() {
    let run = |query: &str| {
        Command::new(env!("CARGO_BIN_EXE_parley"))
            .args(["search", query])
            .output()
            .unwrap()
    };
    let output = run(&words(MAX_TERMS + 1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(REFUSAL), "{stderr}");
    assert!(output.stdout.is_empty());
    // At the limit the query is searched: nothing matches, exit 1.
    let output = run(&words(MAX_TERMS));
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_dashboard_says_why_and_lists_nothing_until_the_query_is_short_enough() {
    let briefing = load(&Document::embedded()).unwrap().briefing;
    let mut app = App::new(briefing, "shipped", Theme::builtin("dark").unwrap());
    app.update(Action::StartSearch);
    for c in "land ".chars().chain(words(MAX_TERMS).chars()) {
        app.update(Action::SearchInput(c));
    }
    assert!(app.search.results.is_empty());
    assert!(
        app.message.as_deref().is_some_and(|m| m.contains(REFUSAL)),
        "{:?}",
        app.message
    );
    let last_word = words(MAX_TERMS).rsplit(' ').next().unwrap().len();
    for _ in 0..=last_word {
        app.update(Action::SearchBackspace);
    }
    assert_eq!(app.message, None, "the refusal goes with the extra term");
    app.update(Action::SearchClear);
    app.update(Action::SearchInput('l'));
    assert!(!app.search.results.is_empty(), "searched again");
}
