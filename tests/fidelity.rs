//! The shipped briefing is trustworthy: every quote is verbatim in the article
//! it cites, every quoted fragment elsewhere is in the articles, each red line
//! says how it is known, dates keep the precision the articles give, and the
//! article texts beside it are the seed articles unchanged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Datelike;
use parley::briefing::load::DEFAULT_MAX_BYTES;
use parley::briefing::verbatim::{find_quote, normalize};
use parley::briefing::{Basis, Briefing, Document, PartialDate, QuoteKind, Role, load};

/// The seed article each source's text was copied from (`../shared/seeds/`).
const SEEDS: [(&str, &str); 5] = [
    ("s000", "000_d4fc2e1810634a66.txt"),
    ("s001", "001_d3afe8467d33fb41.txt"),
    ("s002", "002_054364b5cee219ae.txt"),
    ("s003", "003_f6d7c43105e4d3b9.txt"),
    ("s004", "004_2df12b1b1bebbb15.txt"),
];

/// Lines (1-based) of each article that are headline, standfirst, caption or
/// a link to another piece, not the article's report of what was said.
const HEADLINE_LINES: [(&str, &[usize]); 2] = [
    ("s001", &[1, 2, 3, 4, 5, 6]),
    ("s004", &[1, 11, 13, 14, 25]),
];

fn briefing_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/abu-dhabi-2026-01.toml")
}

/// The shipped briefing read from its file, so rule 10 checks every quote
/// against the article texts beside it.
fn shipped() -> Briefing {
    let document = Document::read(&briefing_path(), DEFAULT_MAX_BYTES).unwrap();
    let loaded = load(&document).unwrap_or_else(|invalid| panic!("{}", invalid.render(&document)));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    loaded.briefing
}

/// Every source's article text, by source id, read through its `text_file`.
fn articles(briefing: &Briefing) -> BTreeMap<String, String> {
    let dir = briefing_path().parent().unwrap().to_path_buf();
    briefing
        .sources
        .iter()
        .map(|source| {
            let file = source
                .text_file
                .as_deref()
                .unwrap_or_else(|| panic!("source {} has no text_file", source.id));
            let text =
                std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            (source.id.clone(), text)
        })
        .collect()
}

#[test]
fn the_embedded_briefing_is_the_file_beside_its_articles() {
    assert_eq!(
        parley::briefing::EMBEDDED_TEXT,
        std::fs::read_to_string(briefing_path()).unwrap()
    );
}

#[test]
fn every_quote_is_verbatim_in_the_article_text_its_source_names() {
    let briefing = shipped();
    let articles = articles(&briefing);
    let mut verified = 0;
    for quote in &briefing.quotes {
        if let Err(m) = find_quote(&quote.text, &articles[quote.source.as_str()]) {
            panic!(
                "{} ({}): missing {:?}; closest {:?}",
                quote.id, quote.source, m.missing, m.closest
            );
        }
        verified += 1;
    }
    assert!(verified >= 20, "{verified} quotes");
}

#[test]
fn each_source_reads_its_own_article_and_the_articles_are_the_seeds_unchanged() {
    let briefing = shipped();
    let ids: Vec<&str> = briefing.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, SEEDS.map(|(id, _)| id));
    for source in &briefing.sources {
        assert_eq!(
            source.text_file.as_deref(),
            Some(format!("abu-dhabi-2026-01/{}.txt", source.id).as_str())
        );
    }
    let articles = articles(&briefing);

    // CI and developers have the shared folder beside the project (a helper's
    // worktree can point at it with PARLEY_SHARED); where it exists, every
    // seed must be there and match byte for byte.
    let shared = std::env::var_os("PARLEY_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if !shared.exists() {
        eprintln!(
            "{} is absent: the articles were not compared with the seeds",
            shared.display()
        );
    } else {
        for (id, seed) in SEEDS {
            let path = shared.join("seeds").join(seed);
            let seed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                seed == articles[id].as_bytes(),
                "briefings/abu-dhabi-2026-01/{id}.txt differs from {}",
                path.display()
            );
        }
    }
}

/// Each run of text between straight double quotes in `text`.
fn quoted_fragments(text: &str) -> impl Iterator<Item = &str> {
    text.split('"').skip(1).step_by(2)
}

/// Every text of the briefing that may quote an article, with where it is
/// and the sources its quoted fragments must come from.
fn prose(briefing: &Briefing) -> Vec<(String, String, Vec<String>)> {
    let any: Vec<String> = briefing.sources.iter().map(|s| s.id.clone()).collect();
    let mut texts = Vec::new();
    let mut add = |place: &str, text: &Option<String>, sources: &[String]| {
        if let Some(text) = text {
            texts.push((place.to_string(), text.clone(), sources.to_vec()));
        }
    };
    add("briefing summary", &briefing.meta.summary, &any);
    for source in &briefing.sources {
        add(&source.id, &source.framing, &any);
    }
    for party in &briefing.parties {
        add(&party.id, &party.summary, &any);
        for position in &party.positions {
            let place = position.id.clone().unwrap_or_default();
            add(&place, &Some(position.text.clone()), &position.sources);
        }
    }
    for point in &briefing.sticking_points {
        add(&point.id, &Some(point.title.clone()), &any);
        add(&point.id, &point.summary, &any);
    }
    for quote in &briefing.quotes {
        add(&quote.id, &quote.context, &[quote.source.to_string()]);
    }
    for event in &briefing.events {
        add(&event.title, &Some(event.title.clone()), &event.sources);
        add(&event.title, &event.detail, &event.sources);
    }
    for discrepancy in &briefing.discrepancies {
        let sources: Vec<String> = discrepancy
            .accounts
            .iter()
            .map(|a| a.source.clone())
            .collect();
        add(&discrepancy.subject, &discrepancy.note, &sources);
        for account in &discrepancy.accounts {
            add(
                &discrepancy.subject,
                &Some(account.says.clone()),
                std::slice::from_ref(&account.source),
            );
        }
    }
    texts
}

#[test]
fn every_quoted_fragment_outside_the_quotes_is_in_an_article_it_cites() {
    let briefing = shipped();
    let articles = articles(&briefing);
    let mut checked = 0;
    let mut failures = Vec::new();
    for (place, text, sources) in prose(&briefing) {
        for fragment in quoted_fragments(&text) {
            let in_article = |id: &String| find_quote(fragment, &articles[id.as_str()]).is_ok();
            if !sources.iter().any(in_article) {
                failures.push(format!("{place}: {fragment:?} is in none of {sources:?}"));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 50, "{checked} fragments");
}

#[test]
fn words_only_a_headline_or_teaser_prints_are_headline_quotes() {
    let briefing = shipped();
    let articles = articles(&briefing);
    let mut headlines = Vec::new();
    for quote in &briefing.quotes {
        let headline_lines = HEADLINE_LINES
            .iter()
            .find(|(id, _)| *id == quote.source.as_str())
            .map_or(&[][..], |(_, lines)| *lines);
        let found_on: Vec<usize> = articles[quote.source.as_str()]
            .lines()
            .enumerate()
            .filter(|(_, line)| find_quote(&quote.text, line).is_ok())
            .map(|(i, _)| i + 1)
            .collect();
        assert!(!found_on.is_empty(), "{} is on no single line", quote.id);
        let only_in_headlines = found_on.iter().all(|n| headline_lines.contains(n));
        let expected = if only_in_headlines {
            QuoteKind::Headline
        } else {
            QuoteKind::Direct
        };
        assert_eq!(quote.kind, expected, "{} (lines {found_on:?})", quote.id);
        if only_in_headlines {
            headlines.push(quote.id.to_string());
        }
    }
    assert_eq!(headlines, ["trump-want-to-make-a-deal"]);
}

#[test]
fn no_headline_paraphrase_is_kept_as_a_quote() {
    let briefing = shipped();
    for quote in &briefing.quotes {
        assert_ne!(
            normalize(&quote.text),
            "sincerely desires",
            "s001's standfirst rewrites Ushakov's \"sincere desire\""
        );
    }
}

#[test]
fn every_position_has_an_id_and_a_basis() {
    let briefing = shipped();
    let mut positions = 0;
    for party in &briefing.parties {
        let mut ids = std::collections::HashSet::new();
        for position in &party.positions {
            let id = position.id.as_deref().unwrap_or_else(|| {
                panic!("{}: position without an id: {:?}", party.id, position.text)
            });
            assert!(ids.insert(id), "{}: {id} twice", party.id);
            assert!(position.basis.is_some(), "{id} has no basis");
            positions += 1;
        }
    }
    assert!(positions >= 20, "{positions} positions");
}

#[test]
fn every_red_line_has_a_basis_and_a_stated_one_quotes_its_own_party() {
    let briefing = shipped();
    let mut judged = BTreeMap::new();
    for party in &briefing.parties {
        for line in party.red_lines() {
            let id = line.id.clone().unwrap_or_default();
            let basis = line
                .basis
                .unwrap_or_else(|| panic!("red line {id} has no basis"));
            match basis {
                Basis::Stated => {
                    let own_words = line.quotes.iter().any(|quote| {
                        let quote = briefing
                            .quote(quote)
                            .unwrap_or_else(|| panic!("{id}: no quote {quote}"));
                        quote.party.as_deref() == Some(party.id.as_str())
                            && quote.kind == QuoteKind::Direct
                    });
                    assert!(
                        own_words,
                        "stated red line {id} quotes no one of {}",
                        party.id
                    );
                }
                Basis::Reported => assert!(!line.sources.is_empty(), "{id} cites no report"),
                Basis::Inferred => {}
            }
            judged.insert(id, basis);
        }
    }
    assert_eq!(
        judged,
        BTreeMap::from([
            ("ru-anchorage-formula".to_string(), Basis::Stated),
            ("ua-no-ceding-land".to_string(), Basis::Reported),
            (
                "ua-no-treaty-without-deterrence".to_string(),
                Basis::Reported
            ),
        ])
    );
}

#[test]
fn every_stated_position_quotes_its_own_party() {
    let briefing = shipped();
    let mut stated = 0;
    for party in &briefing.parties {
        for position in party
            .positions
            .iter()
            .filter(|p| p.basis == Some(Basis::Stated))
        {
            assert!(
                position.quotes.iter().any(|q| briefing
                    .quote(q)
                    .is_some_and(|q| q.party.as_deref() == Some(party.id.as_str()))),
                "{:?}",
                position.id
            );
            stated += 1;
        }
    }
    assert!(stated > 0);
}

#[test]
fn kyivs_land_stance_is_recorded_as_a_discrepancy_not_chosen_silently() {
    let briefing = shipped();
    let tension = briefing
        .discrepancy("ua-territory-stance")
        .expect("the discrepancy on Ukraine's territorial stance");
    let accounts: Vec<&str> = tension.accounts.iter().map(|a| a.says.as_str()).collect();
    assert!(
        accounts
            .iter()
            .any(|a| a.contains("rejected the notion of ceding land")),
        "{accounts:?}"
    );
    assert!(
        accounts
            .iter()
            .any(|a| a.contains("the Russians have to be ready for compromises, not only Ukraine")),
        "{accounts:?}"
    );
    let ukraine = briefing.party("ua").unwrap();
    let contested: Vec<&str> = ukraine
        .positions
        .iter()
        .filter(|p| p.discrepancies.iter().any(|d| d == "ua-territory-stance"))
        .filter_map(|p| p.id.as_deref())
        .collect();
    assert_eq!(
        contested,
        ["ua-no-ceding-land", "ua-russia-must-compromise"]
    );
}

#[test]
fn every_discrepancy_has_an_id_and_every_link_names_one() {
    let briefing = shipped();
    for discrepancy in &briefing.discrepancies {
        assert!(discrepancy.id.is_some(), "{}", discrepancy.subject);
    }
    let mut links: Vec<&str> = Vec::new();
    for party in &briefing.parties {
        links.extend(
            party
                .delegation
                .iter()
                .flat_map(|d| &d.discrepancies)
                .map(String::as_str),
        );
        links.extend(
            party
                .positions
                .iter()
                .flat_map(|p| &p.discrepancies)
                .map(String::as_str),
        );
    }
    links.extend(
        briefing
            .quotes
            .iter()
            .flat_map(|q| &q.discrepancies)
            .map(|d| d.as_str()),
    );
    links.extend(
        briefing
            .events
            .iter()
            .flat_map(|e| &e.discrepancies)
            .map(String::as_str),
    );
    assert!(links.len() > 20, "{} links", links.len());
    for link in links {
        assert!(briefing.discrepancy(link).is_some(), "{link}");
    }
}

#[test]
fn no_partial_date_event_is_shown_as_the_first_of_a_month() {
    let briefing = shipped();
    let mut partial = Vec::new();
    for event in &briefing.events {
        match event.date {
            PartialDate::Day(day) => assert_ne!(
                day.day(),
                1,
                "{}: no article dates anything to the 1st",
                event.title
            ),
            PartialDate::Year(_) | PartialDate::Month(..) => {
                partial.push((event.date.to_string(), event.date.human()));
            }
        }
    }
    let partial: Vec<(&str, &str)> = partial
        .iter()
        .map(|(iso, shown)| (iso.as_str(), shown.as_str()))
        .collect();
    assert_eq!(
        partial,
        [
            ("2014", "2014"),
            ("2022", "2022"),
            ("2022", "2022"),
            ("2025-08", "Aug 2025"),
        ]
    );
}

#[test]
fn every_day_derived_from_a_weekday_says_so() {
    let briefing = shipped();
    let mut days = 0;
    for event in &briefing.events {
        if event.date.day().is_some() {
            let detail = event.detail.as_deref().unwrap_or_default();
            assert!(
                detail.contains("derived from the weekday") || detail.contains("January 22, 2026"),
                "{}: {detail}",
                event.title
            );
            days += 1;
        }
    }
    for quote in briefing.quotes.iter().filter(|q| q.said_on.is_some()) {
        let context = quote.context.as_deref().unwrap_or_default();
        assert!(context.contains("derived from the weekday"), "{}", quote.id);
        days += 1;
    }
    assert!(days >= 6, "{days} dated items");
}

#[test]
fn the_expected_end_is_after_as_of_and_only_ever_called_expected() {
    let briefing = shipped();
    let as_of = briefing.meta.as_of;
    let ends = briefing.meta.ends.expect("the expected end");
    assert!(ends.is_after(as_of));
    let after: Vec<&str> = briefing
        .events
        .iter()
        .filter(|e| e.date.is_after(as_of))
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(after, ["Talks expected to wrap up"]);
    let summary = briefing.meta.summary.as_deref().unwrap();
    assert!(
        summary.contains("expected to wrap up on Saturday"),
        "{summary}"
    );
}

#[test]
fn changing_one_word_of_a_shipped_quote_fails_the_check_at_that_line() {
    let mut document = Document::read(&briefing_path(), DEFAULT_MAX_BYTES).unwrap();
    let original = "This is the issue which is not solved yet\"";
    let at = document.text.find(original).expect("the land quote");
    let line = document.text[..at].lines().count();
    document.text =
        document
            .text
            .replacen(original, "This is the issue which is not settled yet\"", 1);
    let invalid = load(&document).expect_err("a changed quote is not verbatim");
    let report = invalid.render(&document);
    assert!(
        report.contains(&format!("{}:{line}:", document.name)),
        "line {line}: {report}"
    );
    assert!(report.contains("not verbatim"), "{report}");
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
    }
    assert!(
        briefing.party("us").unwrap().lead().is_none(),
        "no article says who leads the US side in Abu Dhabi"
    );
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
                position.id
            );
        }
    }
    for event in &briefing.events {
        assert!(!event.sources.is_empty(), "{} has no source", event.title);
    }
    assert!(briefing.sources.iter().all(|s| s.url.is_none()));
    assert!(briefing.sources.iter().all(|s| s.published.is_none()));
    assert_eq!(briefing.sources.len(), 5);
}

#[test]
fn the_sticking_points_and_events_the_articles_name_are_there() {
    let briefing = shipped();
    for id in ["territory", "security-guarantees", "hostilities"] {
        assert!(briefing.sticking_point(id).is_some(), "{id}");
    }
    let dates: Vec<String> = briefing.events.iter().map(|e| e.date.to_string()).collect();
    for date in ["2025-08", "2026-01-22", "2026-01-23", "2026-01-24"] {
        assert!(
            dates.iter().any(|d| d == date),
            "no event on {date}: {dates:?}"
        );
    }
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
        "ukraine's stance on ceding land",
        "what the abu dhabi talks are",
        "what was agreed in alaska",
        "how jared kushner is described",
    ] {
        assert!(
            subjects.iter().any(|s| s.contains(needle)),
            "no discrepancy on {needle}: {subjects:#?}"
        );
    }
}
