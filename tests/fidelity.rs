//! The shipped briefing is trustworthy: every quote appears verbatim in the
//! article it cites, and it covers what the articles cover.

use std::path::Path;

use parley::briefing::verbatim::find_quote;
use parley::briefing::{Document, Role, load};

fn shipped() -> parley::briefing::Briefing {
    let loaded = load(&Document::embedded()).expect("the shipped briefing is valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.briefing
}

fn article(source_id: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/articles/{source_id}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_quote_is_verbatim_in_the_article_it_cites() {
    let briefing = shipped();
    let failures: Vec<String> = briefing
        .quotes
        .iter()
        .filter_map(|q| {
            find_quote(&q.text, &article(&q.source)).err().map(|m| {
                format!(
                    "{} ({}): missing {:?}; closest {:?}",
                    q.id, q.source, m.missing, m.closest
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        briefing.quotes.len() >= 20,
        "{} quotes",
        briefing.quotes.len()
    );
}

#[test]
fn the_article_fixtures_are_the_seed_articles_unchanged() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        // Only CI and developers have shared/ beside the project.
        return;
    };
    let mut compared = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let number = path.file_name().unwrap().to_str().unwrap()[..3].to_string();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            article(&format!("s{number}")).into_bytes(),
            "{}",
            path.display()
        );
        compared += 1;
    }
    assert_eq!(compared, 5);
}

#[test]
fn the_parties_are_the_three_at_the_table_and_the_host() {
    let briefing = shipped();
    let roles: Vec<(&str, Role)> = briefing
        .parties
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(
        roles,
        [
            ("Ukraine", Role::Party),
            ("Russia", Role::Party),
            ("United States", Role::Mediator),
            ("United Arab Emirates", Role::Host),
        ]
    );
    for id in ["ua", "ru"] {
        let party = briefing.party(id).unwrap();
        assert!(party.lead().is_some(), "{id} has a lead");
        assert!(party.red_lines().count() > 0, "{id} has red lines");
    }
}

#[test]
fn every_claim_cites_a_source_and_no_url_is_invented() {
    let briefing = shipped();
    for party in &briefing.parties {
        for member in &party.delegation {
            assert!(!member.sources.is_empty(), "{} has no source", member.name);
        }
        for position in &party.positions {
            assert!(
                !position.sources.is_empty(),
                "{:?} has no source",
                position.text
            );
        }
    }
    assert!(briefing.sources.iter().all(|s| s.url.is_none()));
    assert_eq!(briefing.sources.len(), 5);
}

#[test]
fn the_sticking_points_and_events_the_articles_name_are_there() {
    let briefing = shipped();
    for id in ["territory", "security-guarantees"] {
        assert!(briefing.sticking_point(id).is_some(), "{id}");
    }
    let dates: Vec<String> = briefing.events.iter().map(|e| e.date.to_string()).collect();
    for date in ["2026-01-22", "2026-01-23", "2026-01-24"] {
        assert!(
            dates.iter().any(|d| d == date),
            "no event on {date}: {dates:?}"
        );
    }
    assert!(
        dates.iter().any(|d| d.starts_with("2025-08")),
        "the Alaska summit: {dates:?}"
    );
}

#[test]
fn the_disagreements_between_articles_are_recorded() {
    let briefing = shipped();
    let subjects: Vec<String> = briefing
        .discrepancies
        .iter()
        .map(|d| d.subject.to_lowercase())
        .collect();
    for needle in [
        "kostyukov's rank",
        "budanov's title",
        "spelling",
        "us delegation",
    ] {
        assert!(
            subjects.iter().any(|s| s.contains(needle)),
            "no discrepancy on {needle}: {subjects:#?}"
        );
    }
}
