//! The format's "Evidence" section: basis and linked quotes (rule 11),
//! headline quotes, discrepancy links, position ids, partial dates, and the
//! warnings of rules 12 and 13. Each rule with a file that breaks it,
//! asserting the line, the column and the message.

mod common;
use common::{BASE, findings, loaded, with};
use parley::briefing::{Basis, PartialDate, QuoteKind};

/// [`BASE`] with its red line's basis replaced by `evidence` (lines 17 on).
fn evidence(evidence: &str) -> String {
    BASE.replacen("basis = \"reported\"", evidence, 1)
}

const RU_QUOTE: &str = "\n[[parties]]\nid = \"ru\"\nname = \"Russia\"\nrole = \"mediator\"\n\n[[quotes]]\nid = \"theirs\"\nspeaker = \"B\"\nparty = \"ru\"\ntext = \"no\"\nsource = \"s1\"\n";
const UA_QUOTE: &str = "\n[[quotes]]\nid = \"ours\"\nspeaker = \"A\"\nparty = \"ua\"\ntext = \"never\"\nsource = \"s1\"\n";

#[test]
fn a_basis_outside_the_three_lists_them() {
    assert_eq!(
        findings(&evidence("basis = \"said\"")),
        ["17:9: error: `basis` must be one of `stated`, `reported`, `inferred`, found \"said\""]
    );
}

#[test]
fn a_red_line_without_a_basis_is_a_warning() {
    assert_eq!(
        findings(&evidence("")),
        [
            "14:1: warning: red line has no `basis`: say whether it is \"stated\" (with the party's own `quotes`), \"reported\" or \"inferred\""
        ]
    );
}

#[test]
fn rule11_stated_needs_a_quote() {
    assert_eq!(
        findings(&evidence("basis = \"stated\"")),
        [
            "17:9: error: a `stated` position must cite the party's own words: add `quotes = [\"...\"]` with a quote of `ua`, or say \"reported\" or \"inferred\""
        ]
    );
}

#[test]
fn rule11_stated_needs_a_quote_of_its_own_party() {
    let text = format!(
        "{}{RU_QUOTE}",
        evidence("basis = \"stated\"\nquotes = [\"theirs\"]")
    );
    assert_eq!(
        findings(&text),
        [
            "17:9: error: a `stated` position must cite a quote of its own party `ua`: `theirs` is ru's; cite the party's own words, or say \"reported\" or \"inferred\""
        ]
    );
    let fixed = format!(
        "{}{RU_QUOTE}{UA_QUOTE}",
        evidence("basis = \"stated\"\nquotes = [\"theirs\", \"ours\"]")
    );
    let position = &loaded(&fixed).briefing.parties[0].positions[0];
    assert_eq!(position.basis, Some(Basis::Stated));
    assert_eq!(position.quotes, ["theirs", "ours"]);
}

#[test]
fn rule5_linked_quotes_must_resolve_even_when_derived() {
    let text = format!(
        "{}{UA_QUOTE}",
        evidence("basis = \"stated\"\nquotes = [\"our\"]")
    );
    assert_eq!(
        findings(&text),
        ["18:11: error: no quote has the id `our`; did you mean `ours`?"]
    );
    // A derived id is linked like a written one.
    let derived_quote =
        "\n[[quotes]]\nspeaker = \"Ann Lee\"\nparty = \"ua\"\ntext = \"never\"\nsource = \"s1\"\n";
    let id = loaded(&with(derived_quote)).briefing.quotes[0]
        .id
        .to_string();
    let linked = format!(
        "{}{derived_quote}",
        evidence(&format!("basis = \"stated\"\nquotes = [\"{id}\"]"))
    );
    assert_eq!(findings(&linked), Vec::<String>::new());
}

#[test]
fn headline_quotes_are_a_kind_and_other_kinds_are_refused() {
    let quote =
        "\n[[quotes]]\nspeaker = \"A\"\ntext = \"Clown\"\nsource = \"s1\"\nkind = \"headline\"\n";
    assert_eq!(
        loaded(&with(quote)).briefing.quotes[0].kind,
        QuoteKind::Headline
    );
    let bad = quote.replace("\"headline\"", "\"caption\"");
    assert_eq!(
        findings(&with(&bad)),
        ["24:8: error: `kind` must be one of `direct`, `headline`, found \"caption\""]
    );
}

const RANK: &str = "\n[[discrepancies]]\nid = \"rank\"\nsubject = \"Rank\"\n[[discrepancies.accounts]]\nsource = \"s1\"\nsays = \"General\"\n[[discrepancies.accounts]]\nsource = \"s1\"\nsays = \"Admiral\"\n";

#[test]
fn discrepancy_links_resolve_from_every_kind_of_item() {
    let items = concat!(
        "\n[[parties.delegation]]\nname = \"K\"\nsources = [\"s1\"]\ndiscrepancies = [\"rank\"]\n",
        "\n[[quotes]]\nspeaker = \"A\"\ntext = \"x\"\nsource = \"s1\"\ndiscrepancies = [\"rank\"]\n",
        "\n[[events]]\ndate = 2026-01-01\ntitle = \"E\"\nsources = [\"s1\"]\ndiscrepancies = [\"rank\"]\n",
    );
    let text = format!(
        "{}{items}{RANK}",
        evidence("basis = \"reported\"\ndiscrepancies = [\"rank\"]")
    );
    let briefing = loaded(&text).briefing;
    assert_eq!(briefing.parties[0].positions[0].discrepancies, ["rank"]);
    assert_eq!(briefing.parties[0].delegation[0].discrepancies, ["rank"]);
    assert_eq!(briefing.quotes[0].discrepancies, ["rank"]);
    assert_eq!(briefing.events[0].discrepancies, ["rank"]);
    assert_eq!(briefing.discrepancy("rank").unwrap().subject, "Rank");

    let typo = text.replacen(
        "discrepancies = [\"rank\"]",
        "discrepancies = [\"rnak\"]",
        1,
    );
    assert_eq!(
        findings(&typo),
        ["18:18: error: no discrepancy has the id `rnak`; did you mean `rank`?"]
    );
}

#[test]
fn discrepancy_ids_are_slugs_and_unique() {
    let twice = with(&format!("{RANK}{RANK}"));
    assert_eq!(
        findings(&twice),
        [
            "31:6: error: duplicate discrepancy id `rank` (first declared at line 21): ids must be unique among discrepancies"
        ]
    );
    let upper = with(&RANK.replace("\"rank\"", "\"Rank\""));
    assert_eq!(
        findings(&upper),
        [
            "21:6: error: discrepancy id \"Rank\" is not a slug: use lower-case letters, digits, `-` and `_`, starting with a letter or digit"
        ]
    );
}

#[test]
fn position_ids_are_unique_within_their_party_only() {
    let second = "\n[[parties.positions]]\nid = \"no-land\"\ntext = \"Yes.\"\nsources = [\"s1\"]\n";
    let text = format!(
        "{}{second}",
        evidence("basis = \"reported\"\nid = \"no-land\"")
    );
    assert_eq!(
        findings(&text),
        [
            "22:6: error: duplicate position id `no-land` in this party (first declared at line 18): position ids must be unique within their party"
        ]
    );
    let other_party = format!(
        "{}\n[[parties]]\nid = \"us\"\nname = \"US\"\nrole = \"mediator\"{second}",
        evidence("basis = \"reported\"\nid = \"no-land\"")
    );
    assert_eq!(findings(&other_party), Vec::<String>::new());
    let not_slug = evidence("basis = \"reported\"\nid = \"No Land\"");
    assert_eq!(
        findings(&not_slug),
        [
            "18:6: error: position id \"No Land\" is not a slug: use lower-case letters, digits, `-` and `_`, starting with a letter or digit"
        ]
    );
}

#[test]
fn dates_may_be_a_year_or_a_month_and_keep_their_precision() {
    let text = with(concat!(
        "\n[[events]]\ndate = \"2014\"\ntitle = \"Crimea\"\nsources = [\"s1\"]\n",
        "\n[[events]]\ndate = \"2025-08\"\ntitle = \"Alaska\"\nsources = [\"s1\"]\n",
        "\n[[events]]\ndate = 2026-01-22\ntitle = \"Moscow\"\nsources = [\"s1\"]\n",
    ));
    let dates: Vec<PartialDate> = loaded(&text)
        .briefing
        .events
        .iter()
        .map(|e| e.date)
        .collect();
    assert_eq!(
        dates,
        [
            PartialDate::Year(2014),
            PartialDate::Month(2025, 8),
            PartialDate::Day("2026-01-22".parse().unwrap())
        ]
    );
    let bad = text.replacen("\"2025-08\"", "\"2025-8\"", 1);
    assert_eq!(
        findings(&bad),
        [
            "26:8: error: `date` must be a day written unquoted as YYYY-MM-DD, a month in quotes (\"YYYY-MM\") or a year in quotes (\"YYYY\"), found \"2025-8\""
        ]
    );
}

#[test]
fn rule7_a_partial_end_is_compared_by_its_span() {
    // The month of January 2026 does not end before the 23rd.
    let ok = BASE.replacen(
        "as_of = 2026-01-23",
        "as_of = 2026-01-23\nstarts = 2026-01-23\nends = \"2026-01\"",
        1,
    );
    assert_eq!(findings(&ok), Vec::<String>::new());
    let bad = BASE.replacen(
        "as_of = 2026-01-23",
        "as_of = 2026-01-23\nstarts = 2026-01-23\nends = \"2025\"",
        1,
    );
    assert_eq!(
        findings(&bad),
        ["7:8: error: `ends` (2025) is before `starts` (2026-01-23)"]
    );
}

#[test]
fn rule12_a_quote_is_not_said_after_it_was_published_or_after_as_of() {
    let text = BASE.replacen(
        "outlet = \"Example Wire\"",
        "outlet = \"Example Wire\"\npublished = 2026-01-20",
        1,
    ) + "\n[[quotes]]\nspeaker = \"A\"\ntext = \"x\"\nsource = \"s1\"\nsaid_on = 2026-01-21\n"
        + "\n[[quotes]]\nspeaker = \"A\"\ntext = \"y\"\nsource = \"s1\"\nsaid_on = \"2026-02\"\n";
    assert_eq!(
        findings(&text),
        [
            "25:11: warning: `said_on` (2026-01-21) is after source `s1` was published (2026-01-20): check the date",
            "31:11: warning: `said_on` (2026-02) is after the briefing's `as_of` (2026-01-23): check the date",
        ]
    );
    // A month that holds the publication day is not after it.
    let month = text.replacen("said_on = 2026-01-21", "said_on = \"2026-01\"", 1);
    assert_eq!(findings(&month).len(), 1);
}

#[test]
fn rule13_members_and_events_without_sources_are_warned() {
    let text = with(
        "\n[[parties.delegation]]\nname = \"A\"\n\n[[events]]\ndate = 2026-01-01\ntitle = \"E\"\n",
    );
    assert_eq!(
        findings(&text),
        [
            "20:1: warning: delegation member has no sources: add `sources = [\"...\"]` so a reader can trace it",
            "23:1: warning: event has no sources: add `sources = [\"...\"]` so a reader can trace it",
        ]
    );
}
