//! A briefing written by someone else against the format loads, with every
//! optional section, four parties, non-Latin names and multi-line strings.

use std::path::Path;

use parley::briefing::{Document, Role, Status, load};

fn fixture() -> Document {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings/harbour-talks.toml");
    Document::read(&path, u64::MAX).unwrap()
}

#[test]
fn loads_with_every_optional_section_and_no_findings() {
    let loaded = load(&fixture()).unwrap_or_else(|e| panic!("{}", e.render(&fixture())));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
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
fn assigns_quote_ids_by_place_in_the_file() {
    let b = load(&fixture()).unwrap().briefing;
    let ids: Vec<&str> = b.quotes.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["petrenko-port", "q2", "q3"]);
}
