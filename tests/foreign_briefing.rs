//! A briefing written by someone else against the format loads, with every
//! optional section, four parties, non-Latin names and multi-line strings.

use std::path::Path;

use parley::briefing::{Basis, Document, PartialDate, QuoteKind, Role, Status, load};

fn fixture() -> Document {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings/harbour-talks.toml");
    Document::read(&path, u64::MAX).unwrap()
}

fn evidence_fixture() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/briefings/orchard-evidence.toml");
    Document::read(&path, u64::MAX).unwrap()
}

#[test]
fn loads_with_every_optional_section_and_only_the_evidence_warnings() {
    // Written before the "Evidence" section: it uses none of its keys, and
    // loads, told only what the new warnings ask of it.
    let loaded = load(&fixture()).unwrap_or_else(|e| panic!("{}", e.render(&fixture())));
    let warnings: Vec<&str> = loaded.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        warnings,
        [
            "red line has no `basis`: say whether it is \"stated\" (with the party's own `quotes`), \"reported\" or \"inferred\"",
            "red line has no `basis`: say whether it is \"stated\" (with the party's own `quotes`), \"reported\" or \"inferred\"",
            "event has no sources: add `sources = [\"...\"]` so a reader can trace it",
        ]
    );
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    let b = loaded.briefing;
    let counts = b.counts();
    assert_eq!(
        counts.to_string(),
        "4 parties, 3 delegates, 2 positions, 2 red lines, 2 sticking points, 3 quotes, 2 sources, 2 events, 1 discrepancy"
    );
}

#[test]
fn keeps_names_in_every_script_and_multi_line_strings_whole() {
    let b = load(&fixture()).unwrap().briefing;
    let names: Vec<&str> = b.parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Северная Республика",
            "Southern League",
            "دولة المضيف",
            "Observer Mission 👀"
        ]
    );
    let north = b.party("north").unwrap();
    assert_eq!(north.short, "СР");
    assert_eq!(north.lead().unwrap().name, "李明");
    assert_eq!(
        north.positions[0].text,
        "The port stays\nunder northern control."
    );
    assert_eq!(b.parties[1].short, "SOUTH");
    assert_eq!(b.parties[2].role, Role::Host);
    assert_eq!(b.parties[3].role, Role::Observer);
    assert_eq!(b.sticking_points[0].status, Status::Narrowing);
    assert_eq!(
        b.meta.summary.as_deref(),
        Some("Four delegations meet over the northern harbour.\nNothing is agreed yet.")
    );
    assert_eq!(
        b.events[0].detail.as_deref(),
        Some("Delegations arrive.\nTalks begin in the afternoon.")
    );
}

#[test]
fn derives_quote_ids_from_speaker_and_words_in_any_script() {
    let b = load(&fixture()).unwrap().briefing;
    let ids: Vec<&str> = b.quotes.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["petrenko-port", "liming-5ce520", "lzhr-35ae76"]);
}

#[test]
fn a_briefing_with_every_evidence_key_loads_with_no_findings() {
    let document = evidence_fixture();
    let loaded = load(&document).unwrap_or_else(|e| panic!("{}", e.render(&document)));
    assert!(
        loaded.warnings.is_empty(),
        "{}",
        loaded_warnings(&document, &loaded)
    );
    let b = loaded.briefing;
    let north = &b.parties[0];
    assert_eq!(north.positions[0].basis, Some(Basis::Stated));
    assert_eq!(north.positions[0].quotes, ["marrow-channel"]);
    assert_eq!(north.positions[1].discrepancies, ["quota-size"]);
    assert_eq!(north.delegation[0].discrepancies, ["marrow-title"]);
    assert_eq!(b.parties[1].positions[0].basis, Some(Basis::Inferred));
    assert_eq!(b.quotes[1].kind, QuoteKind::Headline);
    assert_eq!(b.meta.starts, Some(PartialDate::Month(2031, 3)));
    assert_eq!(b.events[0].date, PartialDate::Year(2029));
    assert!(
        b.is_expected(b.events[2].date),
        "an event after as_of is expected"
    );
    assert!(!b.is_expected(b.events[1].date));
}

fn loaded_warnings(document: &Document, loaded: &parley::briefing::Loaded) -> String {
    parley::briefing::diagnostic::render(&document.name, &document.text, &loaded.warnings)
}
