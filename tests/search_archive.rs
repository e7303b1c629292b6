//! The engine on a generated archive (`examples/support/archive.rs`): the file
//! is a valid briefing, and typing a query one key at a time, searching
//! only the previous hits whenever the query narrows, always gives what a
//! full search gives; split into two files and searched as one archive, it
//! gives what one index over all the quotes gives.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use parley::briefing::{Document, load};
use parley::search::{ArchiveHit, Hit, Index, Order, Query, search_archive};

#[path = "../examples/support/archive.rs"]
mod gen_archive;

#[test]
fn the_generated_archive_is_a_valid_briefing_without_warnings() {
    let document = Document {
        name: "archive.toml".into(),
        text: gen_archive::archive(300, gen_archive::SEED),
        dir: None,
    };
    let loaded = load(&document).expect("valid");
    assert_eq!(loaded.briefing.quotes.len(), 300);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let words = |t: &str| t.split_whitespace().count();
    assert!(
        loaded
            .briefing
            .quotes
            .iter()
            .all(|q| (8..=48).contains(&words(&q.text)))
    );
    assert_eq!(
        gen_archive::archive(50, 7),
        gen_archive::archive(50, 7),
        "deterministic"
    );
}

#[test]
fn narrowing_searches_give_what_full_searches_give() {
    let document = Document {
        name: "archive.toml".into(),
        text: gen_archive::archive(2_000, gen_archive::SEED),
        dir: None,
    };
    let briefing = load(&document).expect("valid").briefing;
    let index = Index::new(Arc::new(briefing.clone()));
    let cancel = AtomicBool::new(false);
    let typed = [
        "security guarantees",
        "reconstruction negotiatons",
        "reconstruction negotaitions",
        "secruity guarantees",
        "@ru ceasefire !winter",
        "by:zelensky dialog | diplomacy",
        "^the \"front line\"",
        "Geneve reduction",
    ];
    for text in typed {
        let mut previous = Query::parse("").unwrap();
        let mut hits: Vec<Hit> = index.search(&previous, Order::Relevance, &cancel).unwrap();
        for end in (1..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let query = Query::parse(&text[..end]).unwrap();
            let full = index.search(&query, Order::Relevance, &cancel).unwrap();
            if query.narrows(&previous) {
                let within: Vec<usize> = hits.iter().map(|h| h.quote).collect();
                hits = index
                    .search_within(&query, Order::Relevance, &within, &cancel)
                    .unwrap();
                assert_eq!(hits, full, "typing {:?}", &text[..end]);
            }
            hits = full;
            previous = query;
        }
        assert!(!hits.is_empty(), "{text:?} finds something");
    }
}

/// A generated archive's quotes split at `at` into two files with the same
/// parties, sources and sticking points: the text before the first quote
/// is shared, each file keeps its own quotes.
fn split(text: &str, at: usize) -> (String, String) {
    let mut blocks = text.split("\n[[quotes]]\n");
    let head = blocks.next().unwrap();
    let quotes: Vec<&str> = blocks.collect();
    let file = |part: &[&str]| {
        let mut file = head.to_string();
        for quote in part {
            file.push_str("\n[[quotes]]\n");
            file.push_str(quote);
        }
        file
    };
    (file(&quotes[..at]), file(&quotes[at..]))
}

fn index_of(text: String) -> Index {
    let document = Document {
        name: "archive.toml".into(),
        text,
        dir: None,
    };
    Index::new(Arc::new(load(&document).expect("valid").briefing))
}

#[test]
fn an_archive_of_files_ranks_as_one_index_over_all_their_quotes() {
    let text = gen_archive::archive(600, gen_archive::SEED);
    let whole = index_of(text.clone());
    let cancel = AtomicBool::new(false);
    for at in [1, 5, 300, 599] {
        let (first, second) = split(&text, at);
        let files = [index_of(first), index_of(second)];
        for query in [
            "security guarantees",
            "reconstruction negotiatons",
            "secruity guarantees",
            // Matched plainly in one file, only fuzzily in the other.
            "winter tribunal",
            "reactor drones",
            "@ru ceasefire !winter",
            "by:zelensky dialog | diplomacy",
            "#territory",
            "xyzzy",
            "",
        ] {
            let query = Query::parse(query).unwrap();
            for order in [Order::Relevance, Order::Date] {
                let expected = whole.search(&query, order, &cancel).unwrap();
                let merged: Vec<Hit> = search_archive(&files, &query, order, &cancel)
                    .unwrap()
                    .into_iter()
                    .map(|ArchiveHit { file, hit }| Hit {
                        quote: hit.quote + file * at,
                        score: hit.score,
                    })
                    .collect();
                assert_eq!(merged, expected, "{query:?} {order:?}, split at {at}");
            }
        }
    }
}
