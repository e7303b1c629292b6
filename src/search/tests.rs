//! The engine end to end on small hand-made briefings: what is found, in
//! which order, and which characters are highlighted.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;

use super::fold::{Case, fold};
use super::{Hit, Index, Order, Query};
use crate::briefing::{
    Briefing, Meta, Party, Quote, QuoteKind, Role, Source, Status, StickingPoint,
};
use proptest::strategy::Strategy;

struct Q {
    speaker: &'static str,
    party: Option<&'static str>,
    text: &'static str,
    said_on: Option<&'static str>,
    context: Option<&'static str>,
    topics: &'static [&'static str],
}

const fn q(speaker: &'static str, text: &'static str) -> Q {
    Q {
        speaker,
        party: None,
        text,
        said_on: None,
        context: None,
        topics: &[],
    }
}

fn briefing(quotes: &[Q]) -> Briefing {
    let party = |id: &str, name: &str| Party {
        id: id.into(),
        name: name.into(),
        short: id.to_uppercase(),
        role: Role::Party,
        color: None,
        summary: None,
        delegation: vec![],
        positions: vec![],
    };
    Briefing {
        format: 1,
        meta: Meta {
            title: "Test".into(),
            summary: None,
            location: None,
            as_of: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().into(),
            starts: None,
            ends: None,
        },
        sources: vec![Source {
            id: "s1".into(),
            outlet: "Harbour Gazette".into(),
            title: Some("Talks resume".into()),
            url: None,
            published: None,
            framing: None,
            text_file: None,
        }],
        parties: vec![party("ru", "Russia"), party("ua", "Ukraine")],
        sticking_points: vec![StickingPoint {
            id: "territory".into(),
            title: "Territory".into(),
            summary: None,
            status: Status::Open,
        }],
        quotes: quotes
            .iter()
            .enumerate()
            .map(|(i, q)| Quote {
                id: format!("q{}", i + 1).into(),
                speaker: q.speaker.into(),
                party: q.party.map(Into::into),
                text: q.text.into(),
                source: "s1".into(),
                said_on: q.said_on.map(|d| d.parse().unwrap()),
                context: q.context.map(Into::into),
                topics: q.topics.iter().map(|&t| t.into()).collect(),
                kind: QuoteKind::Direct,
                discrepancies: Vec::new(),
            })
            .collect(),
        events: vec![],
        discrepancies: vec![],
    }
}

fn search_in(index: &Index, query: &str) -> Vec<Hit> {
    index
        .search(
            &Query::parse(query).unwrap(),
            Order::Relevance,
            &AtomicBool::new(false),
        )
        .unwrap()
}

/// The quote numbers (1-based, as in `q1`) found, best first.
fn found(quotes: &[Q], query: &str) -> Vec<usize> {
    let index = Index::new(Arc::new(briefing(quotes)));
    search_in(&index, query)
        .iter()
        .map(|h| h.quote + 1)
        .collect()
}

/// The characters highlighted in a quote for a query.
fn marks(index: &Index, query: &str, quote: usize) -> Vec<usize> {
    let query = Query::parse(query).unwrap();
    index.highlighter(&query).positions(quote)
}

/// The text with the highlighted characters in brackets.
fn highlighted(text: &'static str, query: &str) -> String {
    let quotes = [q("A", text)];
    let index = Index::new(Arc::new(briefing(&quotes)));
    let hits = search_in(&index, query);
    let matches = &marks(&index, query, hits[0].quote);
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if matches.contains(&i) {
            out.push('[');
            out.push(c);
            out.push(']');
        } else {
            out.push(c);
        }
    }
    out.replace("][", "")
}

#[test]
fn terms_match_in_any_order_folded() {
    let quotes = [
        q("A", "The formula agreed upon in Anchorage"),
        q("B", "A formula for peace"),
        q("C", "Réduction des forces à Zürich"),
    ];
    assert_eq!(found(&quotes, "anchorage formula"), [1]);
    assert_eq!(
        found(&quotes, "FORMULA"),
        Vec::<usize>::new(),
        "smart case: capitals must match"
    );
    assert_eq!(found(&quotes, "formula"), [1, 2]);
    assert_eq!(found(&quotes, "reduction zurich"), [3]);
    assert_eq!(found(&quotes, "réduction ZÜRICH"), Vec::<usize>::new());
    assert_eq!(
        found(&quotes, "réduction Zurich"),
        [3],
        "smart case still folds accents"
    );
}

#[test]
fn case_folding_beyond_ascii() {
    let quotes = [q("A", "ΣΊΣΥΦΟΣ und die Straße"), q("B", "STRASSE")];
    assert_eq!(found(&quotes, "σίσυφος"), [1]);
    assert_eq!(found(&quotes, "strasse"), [1, 2]);
    assert_eq!(found(&quotes, "straße"), [1, 2]);
}

#[test]
fn typography_is_plain() {
    let quotes = [
        q("A", "It’s all about the land — “the issue”"),
        q("B", "its land"),
    ];
    assert_eq!(found(&quotes, "it's"), [1]);
    assert_eq!(found(&quotes, "\"the issue\""), [1]);
    assert_eq!(found(&quotes, "land - the"), [1]);
}

#[test]
fn empty_query_lists_everything_newest_first_then_file_order() {
    let mut quotes = [
        q("A", "one"),
        q("B", "two"),
        q("C", "three"),
        q("D", "four"),
    ];
    quotes[1].said_on = Some("2026-01-20");
    quotes[3].said_on = Some("2026-01-22");
    assert_eq!(found(&quotes, ""), [4, 2, 1, 3]);
    assert_eq!(found(&quotes, "   "), [4, 2, 1, 3]);
}

#[test]
fn whole_word_beats_prefix_beats_inside_beats_fuzzy() {
    let quotes = [
        q("A", "a fuzzy l.a.n.d match somewhere"),
        q("B", "homeland security"),
        q("C", "landmark ruling"),
        q("D", "the land itself"),
    ];
    assert_eq!(found(&quotes, "land"), [4, 3, 2]);
}

#[test]
fn a_scattered_fuzzy_match_in_a_long_quote_never_outranks_the_word() {
    let long = "Battalions at the front line were told to advance early, then to hold \
                the field until every last detail of the plan was settled";
    let quotes = [q("A", long), q("B", "on the battlefield")];
    // Skim alone would find `battlefield` in the long quote (b-a-t-t-l-e-f-i-e-l-d in order).
    assert_eq!(found(&quotes, "battlefield"), [2]);
    assert_eq!(
        found(&quotes, "battlefeld"),
        [2],
        "the typo finds the word, not the scatter"
    );
}

#[test]
fn fuzzy_fallback_only_for_the_term_that_fails() {
    let quotes = [
        q("A", "Russia will continue on the battlefield"),
        q("B", "Ukraine holds the battlefield"),
        q("C", "Russia wants talks"),
    ];
    assert_eq!(found(&quotes, "battlefeld"), [1, 2]);
    assert_eq!(found(&quotes, "russia battlefeld"), [1]);
    assert_eq!(found(&quotes, "battlefeld russia"), [1]);
    assert_eq!(
        found(&quotes, "'battlefeld"),
        Vec::<usize>::new(),
        "exact terms never go fuzzy"
    );
    assert_eq!(found(&quotes, "xqzv"), Vec::<usize>::new());
}

#[test]
fn each_kind_of_typo_is_forgiven_from_five_letters() {
    let quotes = [
        q("A", "Russia will continue on the battlefield"),
        q("B", "Negotiations resumed in Geneva"),
        q("C", "a lasting peace"),
    ];
    let cases = [
        ("battlefiald", 1, "a letter substituted"),
        ("battelfield", 1, "two letters transposed"),
        ("battlefielld", 1, "a letter extra"),
        ("batlefield", 1, "a letter missing"),
        ("negotaitions", 2, "transposed"),
        ("negotiatons", 2, "missing"),
        ("paece", 3, "transposed, five letters"),
        ("peice", 3, "substituted, five letters"),
        ("peacce", 3, "extra, five letters"),
    ];
    for (typed, quote, kind) in cases {
        assert_eq!(found(&quotes, typed), [quote], "{typed}: {kind}");
    }
}

#[test]
fn four_letters_forgive_only_letters_left_out() {
    let quotes = [q("A", "our land by the sea")];
    // As before typos were forgiven: a compact subsequence starting a word.
    assert_eq!(found(&quotes, "lnd"), [1], "a letter left out");
    for typo in ["lnad", "lamd", "seaa", "laan"] {
        assert_eq!(found(&quotes, typo), Vec::<usize>::new(), "{typo}");
    }
    assert_eq!(
        found(&quotes, "laand"),
        [1],
        "five letters forgive one typo"
    );
}

#[test]
fn nine_letters_forgive_two_typos_eight_only_one() {
    let quotes = [q("A", "security first"), q("B", "the agreement holds")];
    assert_eq!(found(&quotes, "secruity"), [1], "8 letters, one typo");
    assert_eq!(
        found(&quotes, "sacuroty"),
        Vec::<usize>::new(),
        "8 letters, two typos"
    );
    assert_eq!(found(&quotes, "agraemont"), [2], "9 letters, two typos");
    assert_eq!(
        found(&quotes, "agraamont"),
        Vec::<usize>::new(),
        "9 letters, three typos"
    );
}

#[test]
fn a_capital_in_a_typo_d_term_keeps_case_and_counts_as_a_typo() {
    let quotes = [q("A", "the peace holds"), q("B", "Peace talks")];
    assert_eq!(
        found(&quotes, "Peice"),
        [2],
        "one typo: `peace` would be two"
    );
    let quotes = [q("A", "the battlefield"), q("B", "Battlefield reports")];
    assert_eq!(found(&quotes, "Battelfield"), [2, 1], "fewer typos first");
}

#[test]
fn an_exact_word_outranks_a_typo_match() {
    // A quote holding the word as typed hides those holding it with a typo.
    let quotes = [q("A", "the battlefield"), q("B", "the battelfield")];
    assert_eq!(found(&quotes, "battelfield"), [2]);
    assert_eq!(found(&quotes, "battlefield"), [1]);
    let quotes = [
        q("A", "ceasefire near the battlefield"),
        q("B", "ceasefire near the battelfield"),
    ];
    assert_eq!(found(&quotes, "ceasefire battelfield"), [2]);
    // Where every quote needs the fallback: fewer typos first, and a word
    // within typo distance before letters found scattered.
    let quotes = [
        q("A", "the negotiation began"),
        q("B", "the negotiations began"),
    ];
    assert_eq!(found(&quotes, "negotaitions"), [2, 1]);
    let quotes = [q("A", "the battle field"), q("B", "the battlefield")];
    assert_eq!(found(&quotes, "battlefeld"), [2, 1]);
}

#[test]
fn closer_terms_rank_first() {
    let quotes = [
        q(
            "A",
            "security is one thing, and after a long detour we reach guarantees",
        ),
        q("B", "security guarantees now"),
    ];
    assert_eq!(found(&quotes, "guarantees security"), [2, 1]);
}

#[test]
fn text_beats_speaker_beats_context_beats_party_beats_source() {
    let mut quotes = [
        q("Someone", "nothing here"),
        q("Someone", "nothing here"),
        q("Someone", "nothing here"),
        q("Gazette Man", "nothing here"),
        q("Someone", "a gazette said so"),
    ];
    quotes[1].party = Some("ru");
    quotes[2].context = Some("quoted by the gazette");
    let index = Index::new(Arc::new(briefing(&quotes)));
    let order: Vec<usize> = search_in(&index, "gazette")
        .iter()
        .map(|h| h.quote + 1)
        .collect();
    // Every quote cites the Harbour Gazette; the field decides.
    assert_eq!(order, [5, 4, 3, 1, 2]);
    assert_eq!(found(&quotes, "russia"), [2]);
}

#[test]
fn newer_said_on_breaks_ties_and_date_order_puts_it_first() {
    let mut quotes = [q("A", "land"), q("B", "land"), q("C", "our land is ours")];
    quotes[1].said_on = Some("2026-01-22");
    quotes[2].said_on = Some("2026-01-23");
    assert_eq!(found(&quotes, "land"), [3, 2, 1]);
    let index = Index::new(Arc::new(briefing(&quotes)));
    let hits = index
        .search(
            &Query::parse("land").unwrap(),
            Order::Date,
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!(
        hits.iter().map(|h| h.quote + 1).collect::<Vec<_>>(),
        [3, 2, 1]
    );
}

#[test]
fn fzf_syntax() {
    let quotes = [
        q("A", "nearly, nearly ready"),
        q("B", "ready or not"),
        q("C", "not ready yet."),
        q("D", "already done"),
    ];
    assert_eq!(found(&quotes, "^ready"), [2]);
    assert_eq!(found(&quotes, "yet$"), [3]);
    assert_eq!(found(&quotes, "ready !not"), [1, 4]);
    assert_eq!(found(&quotes, "'ready"), [1, 2, 3, 4]);
    assert_eq!(found(&quotes, "done | yet"), [3, 4]);
    assert_eq!(found(&quotes, "\"nearly ready\""), [1]);
    assert_eq!(found(&quotes, "\"ready nearly\""), Vec::<usize>::new());
    assert_eq!(found(&quotes, "!ready"), Vec::<usize>::new());
}

#[test]
fn filters() {
    let mut quotes = [
        q("Yuri Ushakov", "talks"),
        q("Volodymyr Zelensky", "talks"),
        q("Someone", "talks"),
    ];
    quotes[0].party = Some("ru");
    quotes[0].topics = &["territory"];
    quotes[1].party = Some("ua");
    assert_eq!(found(&quotes, "@ru"), [1]);
    assert_eq!(
        found(&quotes, "talks @ru | @ua"),
        [1, 2],
        "a `|` between filters means nothing"
    );
    assert_eq!(
        found(&quotes, "@ru @ua"),
        [1, 2],
        "filters of one kind: either"
    );
    assert_eq!(found(&quotes, "!@ru talks"), [2, 3]);
    assert_eq!(found(&quotes, "#territory"), [1]);
    assert_eq!(found(&quotes, "@ua #territory"), Vec::<usize>::new());
    assert_eq!(found(&quotes, "by:ushak"), [1]);
    assert_eq!(found(&quotes, "by:zelénsky talks"), [2]);
    assert_eq!(found(&quotes, "src:s1 @zz"), Vec::<usize>::new());
    assert_eq!(found(&quotes, "src:s1").len(), 3);
}

#[test]
fn highlights_every_occurrence_in_original_character_positions() {
    assert_eq!(
        highlighted("the land, the LAND", "land"),
        "the [land], the [LAND]"
    );
    assert_eq!(
        highlighted("Ångström réduction", "angstrom"),
        "[Ångström] réduction"
    );
    assert_eq!(
        highlighted("Ångström réduction", "reduc"),
        "Ångström [réduc]tion"
    );
}

#[test]
fn highlights_combining_accents_with_their_letters() {
    let text = "re\u{301}duction de\u{301}cide\u{301}e";
    let quotes = [q("A", text)];
    let index = Index::new(Arc::new(briefing(&quotes)));
    assert_eq!(marks(&index, "reduction", 0), (0..10).collect::<Vec<_>>());
    assert_eq!(marks(&index, "decidee", 0), (11..20).collect::<Vec<_>>());
}

#[test]
fn highlights_cjk_and_expanded_letters() {
    assert_eq!(
        highlighted("東京で日本語の交渉", "日本語"),
        "東京で[日本語]の交渉"
    );
    assert_eq!(highlighted("die Straße", "strasse"), "die [Straße]");
    assert_eq!(highlighted("die Straße", "stras"), "die [Straß]e");
}

#[test]
fn highlights_fuzzy_matches_and_nothing_outside_the_text() {
    assert_eq!(
        highlighted("goals on the battlefield", "battelfiald"),
        "goals on the [battlefield]",
        "a typo marks the word it matched"
    );
    assert_eq!(
        highlighted("goals on the battlefield", "btlfld"),
        "goals on the [b]at[tl]e[f]ie[ld]",
        "letters left out mark the letters found"
    );
    let quotes = [q("Yuri Ushakov", "talks")];
    let index = Index::new(Arc::new(briefing(&quotes)));
    assert_eq!(search_in(&index, "ushakov").len(), 1);
    assert_eq!(marks(&index, "ushakov", 0), Vec::<usize>::new());
}

#[test]
fn multi_line_quotes_are_searched_whole() {
    assert_eq!(
        highlighted("first line\nsecond line", "line second"),
        "first [line]\n[second] [line]"
    );
    assert_eq!(
        highlighted("first line\n  second", "\"line second\""),
        "first [line\n  second]"
    );
}

#[test]
fn a_cancelled_search_returns_none() {
    let quotes: Vec<Q> = (0..10_000)
        .map(|_| q("A", "the same words again"))
        .collect();
    let index = Index::new(Arc::new(briefing(&quotes)));
    let cancel = AtomicBool::new(true);
    assert_eq!(
        index.search(&Query::parse("words").unwrap(), Order::Relevance, &cancel),
        None
    );
    assert_eq!(
        index.search(&Query::parse("").unwrap(), Order::Relevance, &cancel),
        None
    );
}

#[test]
fn a_misspelling_found_inside_another_word_does_not_hide_the_quote() {
    let quotes = [
        q("A", "Europe must defend itself"),
        q("B", "It's all about the land"),
    ];
    // `its` occurs only in `itself`; the other words agree on quote 2, where
    // `its` then matches fuzzily (`it's`).
    assert_eq!(found(&quotes, "its all about land"), [2]);
    assert_eq!(found(&quotes, "its"), [1]);
}

#[test]
fn merge_keeps_order_and_drops_repeats() {
    assert_eq!(super::merge(&[1, 3, 5], &[2, 3, 6, 7]), [1, 2, 3, 5, 6, 7]);
    assert_eq!(super::merge(&[], &[4]), [4]);
    assert_eq!(super::merge(&[4], &[]), [4]);
}

/// An index of quotes with these texts and contexts.
fn index_of(fields: &[(String, Option<String>)]) -> Index {
    let mut briefing = briefing(&[q("A", "")]);
    let template = briefing.quotes[0].clone();
    briefing.quotes = fields
        .iter()
        .map(|(text, context)| Quote {
            text: text.clone(),
            context: context.clone(),
            ..template.clone()
        })
        .collect();
    Index::new(Arc::new(briefing))
}

/// Words whose case folds simply (ASCII), or not (`ẞ`, Cyrillic, Greek,
/// dotted I), for the fields with case kept.
const CASED_WORDS: [&str; 14] = [
    "Sea",
    "sea",
    "SEA",
    "Straße",
    "STRASSE",
    "ẞ",
    "Путин",
    "ПУТИН",
    "путин",
    "İstanbul",
    "Σίσυφος",
    "É",
    "é",
    "Ré",
];

fn cased_text() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(&CASED_WORDS[..]), 0..6)
        .prop_map(|words| words.join(" "))
}

proptest::proptest! {
    #[test]
    fn fields_with_case_kept_are_the_fields_folded_with_case_kept(
        fields in proptest::collection::vec(
            (cased_text(), proptest::option::of(cased_text())),
            1..8,
        ),
    ) {
        let index = index_of(&fields);
        let mut buf = String::new();
        for (record, (text, context)) in fields.iter().enumerate() {
            let expected_context = context.as_deref().map_or(String::new(), |c| fold(c, Case::Keep));
            let (kept_text, kept_context) = index.kept_fields(record, &mut buf);
            proptest::prop_assert_eq!(kept_text, fold(text, Case::Keep));
            proptest::prop_assert_eq!(kept_context, expected_context);
        }
    }

    #[test]
    fn a_term_with_capitals_finds_exactly_the_quotes_holding_it(
        fields in proptest::collection::vec(
            (cased_text(), proptest::option::of(cased_text())),
            1..8,
        ),
        word in proptest::sample::select(&["Sea", "SEA", "Путин", "ПУТИН", "STRASSE", "Straße", "İstanbul", "É", "Ré"][..]),
    ) {
        let index = index_of(&fields);
        let query = Query::parse(word).unwrap();
        let needle = &query.groups[0][0].needle;
        let holds = |t: &str| fold(t, Case::Keep).contains(needle.as_str());
        let expected: Vec<usize> = (0..fields.len())
            .filter(|&r| holds(&fields[r].0) || fields[r].1.as_deref().is_some_and(holds))
            .collect();
        // With no plain match the fuzzy fallback answers instead.
        if !expected.is_empty() {
            let mut found: Vec<usize> = search_in(&index, word).iter().map(|h| h.quote).collect();
            found.sort_unstable();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
