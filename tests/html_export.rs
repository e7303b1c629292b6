//! `parley export --format html` from the command line: the page of a small
//! briefing kept as a snapshot for review, its source text found beside it.

mod common;

use common::{fixture, parley, stderr, stdout};

fn export_html(file: &str) -> String {
    let output = parley(&["export", file, "--format", "html"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

/// The page with a line break before each block element, so a snapshot
/// diff shows which part of the page changed. The page itself is one line.
fn one_block_a_line(page: &str) -> String {
    const BLOCKS: &[&str] = &[
        "head",
        "meta",
        "title",
        "style",
        "body",
        "nav",
        "main",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "div",
        "blockquote",
        "details",
        "script",
    ];
    let mut out = page.to_string();
    for tag in BLOCKS {
        for end in [" ", ">"] {
            out = out.replace(&format!("<{tag}{end}"), &format!("\n<{tag}{end}"));
        }
    }
    out
}

#[test]
fn the_page_of_a_small_briefing() {
    let page = export_html(&fixture("harbour-talks.toml"));
    insta::assert_snapshot!(one_block_a_line(&page));
}

#[test]
fn a_quote_in_a_source_with_a_text_file_shows_its_passage_marked() {
    let page = export_html(&fixture("harbour-talks.toml"));
    assert!(
        page.contains(
            "told reporters that “<mark>the harbour is not for sale —\nnot now, not ever.</mark>”"
        ),
        "{page}"
    );
    assert_eq!(
        page.matches("<details>").count(),
        3,
        "one per quote of wire-1"
    );
}
