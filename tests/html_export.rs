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

/// The `<li>` (or other element) of `page` that holds `text`, from its
/// opening tag to the end of the text.
fn item_with<'a>(page: &'a str, open: &str, text: &str) -> &'a str {
    let at = page
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not in the page"));
    let start = page[..at].rfind(open).expect(open);
    &page[start..at + text.len()]
}

#[test]
fn evidence_is_marked_basis_precision_headlines_and_contested_items() {
    let page = export_html(&fixture("orchard-evidence.toml"));
    // Each red line says how it is known; a stated one links its quote.
    let stated = item_with(
        &page,
        "<li",
        "Will not accept any diversion of the upper channel.",
    );
    assert!(
        stated.contains("<span class=\"basis basis-stated\""),
        "{stated}"
    );
    let inferred = item_with(
        &page,
        "<li",
        "Appears to make a shared reservoir a condition of any deal.",
    );
    assert!(inferred.contains(">inferred</span>"), "{inferred}");
    assert!(page.contains("<a class=\"cite\" href=\"#quote-marrow-channel\""));
    assert!(page.contains("id=\"quote-marrow-channel\""));
    // Dates at their precision; after as_of, expected.
    assert!(page.contains(
        "<dd><time datetime=\"2031-03\">Mar 2031</time> to <time datetime=\"2031-04-02\">Wed 2 Apr 2031</time> <span class=\"expected\">(expected)</span></dd>"
    ), "{page}");
    assert!(page.contains("Published <time datetime=\"2031-03\">Mar 2031</time>"));
    // A headline quote is marked as not the speaker's own words.
    let headline = item_with(&page, "<article", "Thirsty orchards cannot wait");
    assert!(
        headline.starts_with("<article class=\"quote party-1 headline\""),
        "{headline}"
    );
    assert!(headline.contains("<span class=\"headline-mark\">Headline</span>"));
    // Every contested mark links a discrepancy shown on the page.
    let marks: Vec<&str> = page
        .split("<a class=\"contested\" href=\"#")
        .skip(1)
        .collect();
    assert_eq!(marks.len(), 5);
    for mark in marks {
        let anchor = &mark[..mark.find('"').unwrap()];
        assert!(
            page.contains(&format!("<article class=\"discrepancy\" id=\"{anchor}\">")),
            "{anchor}"
        );
    }
}

#[test]
fn the_shipped_briefing_shows_its_built_in_articles_in_context() {
    let output = common::parley_command()
        .args(["export", "--format", "html"])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    let shipped = parley::briefing::load(&parley::briefing::Document::embedded()).unwrap();
    // Every quote of the embedded briefing has its passage, from the texts
    // built into the binary (no file beside it).
    assert_eq!(
        page.matches("<details").count(),
        shipped.briefing.quotes.len(),
        "one passage in context per quote"
    );
    assert!(
        page.contains("<mark>"),
        "the quote is marked in its article"
    );
}
