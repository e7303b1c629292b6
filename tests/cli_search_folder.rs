//! `parley search QUERY DIR`: every briefing under a folder searched as one
//! archive, over the three rounds of the Kelmar Strait talks and the
//! harbour talks (whose quotes say "harbour" in their text or their
//! outlet's name), beside a briefing that does not load.

use std::path::Path;
use std::process::Output;

mod common;
use common::{stderr, stdout};

fn parley(args: &[&str]) -> Output {
    common::parley(&[&["search"], args].concat())
}

/// A briefing missing its `as_of`: line 2, column 1 is its `[briefing]`.
const BROKEN: &str = "format = 1\n[briefing]\ntitle = \"x\"\n";

/// round1-3.toml and harbour-talks.toml (with the text file it links to),
/// and `broken.toml`.
fn archive() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    for round in ["round1", "round2", "round3"] {
        let from = fixtures.join(format!("rounds/{round}.toml"));
        std::fs::copy(from, dir.path().join(format!("{round}.toml"))).unwrap();
    }
    for file in ["harbour-talks.toml", "harbour-talks.txt"] {
        std::fs::copy(fixtures.join("briefings").join(file), dir.path().join(file)).unwrap();
    }
    std::fs::write(dir.path().join("broken.toml"), BROKEN).unwrap();
    dir
}

/// Each hit as `file id` (the file relative to `dir`), from `--json` output.
fn hits(dir: &Path, args: &[&str]) -> Vec<String> {
    let folder = dir.to_str().unwrap();
    let output = parley(&[args, &[folder, "--json"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    hits.as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            let file = hit["file"].as_str().unwrap();
            let file = file.strip_prefix(&format!("{folder}/")).unwrap();
            format!("{file} {}", hit["id"].as_str().unwrap())
        })
        .collect()
}

/// Every hit for `harbour`, best first: the two quotes that say it in
/// their text, then those whose outlet's name says it, newer first.
const HARBOUR: [&str; 7] = [
    "round1.toml ash-53efb1",
    "harbour-talks.toml liming-5ce520",
    "round1.toml quell-twelve",
    "round2.toml quell-twelve",
    "round3.toml quell-twelve",
    "harbour-talks.toml petrenko-port",
    "harbour-talks.toml lzhr-35ae76",
];

#[test]
fn the_files_hits_are_ranked_as_one_list_by_score() {
    let dir = archive();
    assert_eq!(hits(dir.path(), &["harbour"]), HARBOUR);

    let folder = dir.path().to_str().unwrap();
    let output = parley(&["harbour", folder, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let scores: Vec<i64> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["score"].as_i64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores[1] > scores[2], "a text match outranks an outlet's");
}

#[test]
fn plain_output_names_each_hits_file_as_grep_does() {
    let dir = archive();
    let folder = dir.path().to_str().unwrap();
    let output = parley(&["harbour", folder, "--limit", "2"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{folder}/round1.toml: Tobin Ash · Coastal League · 2031-05-09 · Harbour Post  [ash-53efb1]\n    \
             The harbour will be ready for inspections.\n\
             \n\
             {folder}/harbour-talks.toml: 李明 · Северная Республика · undated · Harbour Wire  [liming-5ce520]\n    \
             the harbour is not for sale - not now, not ever.\n"
        )
    );
}

#[test]
fn with_colour_the_file_is_magenta_and_the_match_bold() {
    let dir = archive();
    let folder = dir.path().to_str().unwrap();
    let output = parley(&["harbour", folder, "--limit", "1", "--color", "always"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "\u{1b}[35m{folder}/round1.toml\u{1b}[0m: Tobin Ash · Coastal League · 2031-05-09 · Harbour Post  [ash-53efb1]\n    \
             The \u{1b}[1mharbour\u{1b}[0m will be ready for inspections.\n"
        )
    );
}

#[test]
fn limit_and_date_order_apply_to_the_whole_archive() {
    let dir = archive();
    assert_eq!(hits(dir.path(), &["harbour", "--limit", "3"]), HARBOUR[..3]);
    assert_eq!(
        hits(dir.path(), &["harbour", "--order", "date"]),
        [
            "round1.toml ash-53efb1",
            "round1.toml quell-twelve",
            "round2.toml quell-twelve",
            "round3.toml quell-twelve",
            "harbour-talks.toml petrenko-port",
            // Undated, last: the better match first.
            "harbour-talks.toml liming-5ce520",
            "harbour-talks.toml lzhr-35ae76",
        ]
    );
}

#[test]
fn party_filters_read_each_files_own_ids() {
    let dir = archive();
    // Only the harbour talks have a party `north`, only the rounds `coast`.
    assert_eq!(
        hits(dir.path(), &["harbour @north"]),
        [
            "harbour-talks.toml liming-5ce520",
            "harbour-talks.toml petrenko-port"
        ]
    );
    let coast = [
        "round1.toml ash-53efb1",
        "round1.toml quell-twelve",
        "round2.toml quell-twelve",
        "round3.toml quell-twelve",
    ];
    assert_eq!(hits(dir.path(), &["harbour @coast"]), coast);
    assert_eq!(hits(dir.path(), &["harbour", "--party", "coast"]), coast);
    assert_eq!(
        hits(dir.path(), &["harbour", "--topic", "port"]),
        [
            "harbour-talks.toml liming-5ce520",
            "harbour-talks.toml petrenko-port"
        ]
    );

    let output = parley(&["harbour", dir.path().to_str().unwrap(), "--party", "nobody"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).lines().last().unwrap(),
        "no party has the id `nobody`; the briefings have: north, south, host, obs, coast, isle"
    );
}

#[test]
fn a_briefing_that_does_not_load_is_reported_and_the_rest_searched() {
    let dir = archive();
    let folder = dir.path().to_str().unwrap();
    let output = parley(&["harbour", folder, "--stats"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output)
            .lines()
            .filter(|l| l.starts_with(folder))
            .count(),
        7
    );
    let err = stderr(&output);
    assert!(
        err.starts_with(&format!(
            "{folder}/broken.toml:2:1: error: missing key `as_of` in [briefing]\n"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{folder}/broken.toml: skipped, not searched\n")),
        "{err}"
    );
    let totals: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("load: ") || l.starts_with("search: "))
        .map(|l| l.split(" in ").next().unwrap())
        .collect();
    assert_eq!(
        totals,
        [
            "load: 10 quotes from 4 briefings (1 skipped)",
            "search: 7 matches"
        ]
    );
}

#[test]
fn exit_status_is_0_for_a_match_1_for_none_2_when_nothing_loads() {
    let dir = archive();
    let folder = dir.path().to_str().unwrap();
    assert_eq!(parley(&["harbour", folder]).status.code(), Some(0));
    let none = parley(&["xyzzyplugh", folder]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(stdout(&none), "");

    let broken = tempfile::tempdir().unwrap();
    std::fs::write(broken.path().join("broken.toml"), BROKEN).unwrap();
    let output = parley(&["harbour", broken.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).ends_with(": no briefing here could be loaded\n"),
        "{}",
        stderr(&output)
    );

    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("Cargo.toml"), "[package]\n").unwrap();
    let output = parley(&["harbour", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .ends_with(": no briefing (a .toml file with a [briefing] table) in this folder\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_name_reaches_the_terminal_sanitised_and_json_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let round1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rounds/round1.toml");
    std::fs::copy(round1, dir.path().join("a\u{1b}[2Jb.toml")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let output = parley(&["trawler", folder]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.starts_with(&format!("{folder}/a\\u{{1b}}[2Jb.toml: Mara Quell")),
        "{text}"
    );

    let output = parley(&["trawler", folder, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json[0]["file"], format!("{folder}/a\u{1b}[2Jb.toml"));

    // A single file's hits name no file.
    let output = parley(&["trawler", &format!("{folder}/a\u{1b}[2Jb.toml"), "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(json[0].get("file").is_none(), "{json}");
}
