//! `parley search` as scripts see it: exit status, `--json`, `--stats`, and
//! plain output that carries no terminal escapes when piped.

use std::process::{Command, Output};

fn parley(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parley"))
        .arg("search")
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn a_match_prints_blocks_and_exits_0() {
    let output = parley(&["anchorage formula"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("Yuri Ushakov · Russia · Unattributed news report  [ushakov-anchorage-formula]\n    Without resolving the territorial issue according to the formula"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no escapes when standard output is not a terminal"
    );
}

#[test]
fn no_match_exits_1_with_nothing_printed() {
    let output = parley(&["xyzzyplugh"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let output = parley(&["xyzzyplugh", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "[]\n");
}

#[test]
fn a_file_that_cannot_be_read_or_loaded_exits_2() {
    let output = parley(&["land", "/no/such/briefing.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("/no/such/briefing.toml: cannot read: no such file"));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "format = 1\n[briefing]\ntitle = \"x\"\n").unwrap();
    let output = parley(&["land", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid: 1 error"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn json_is_an_array_of_hits_with_character_positions() {
    let output = parley(&["it's land", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    for key in [
        "id", "text", "speaker", "party", "source", "said_on", "score", "matches",
    ] {
        assert!(hit.get(key).is_some(), "{key} missing in {hit}");
    }
    assert_eq!(hit["id"], "zelensky-all-about-the-land");
    assert_eq!(hit["party"], "ua");
    assert_eq!(hit["source"], "s004");
    assert!(hit["said_on"].is_null());
    assert!(hit["score"].as_i64().unwrap() > 0);
    // "It’s" (curly apostrophe: one character) and "land", by character.
    let matches: Vec<u64> = hit["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_u64().unwrap())
        .collect();
    assert_eq!(matches, [0, 1, 2, 3, 19, 20, 21, 22]);
}

#[test]
fn limit_party_topic_and_order() {
    let ids = |args: &[&str]| -> Vec<String> {
        let output = parley(&[args, &["--json"]].concat());
        let hits: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["", "--limit", "2"]).len(), 2);
    let ushakov = ids(&["", "--party", "ru", "--topic", "territory"]);
    assert!(
        ushakov.contains(&"ushakov-anchorage-formula".to_string()),
        "{ushakov:?}"
    );
    assert!(
        ushakov.iter().all(|id| id.starts_with("ushakov")),
        "{ushakov:?}"
    );
    let by_date = ids(&["ready", "--order", "date"]);
    assert_eq!(
        by_date[0], "zelensky-nearly-ready-s002",
        "the only dated quote with the word"
    );
    assert_eq!(
        parley(&["x", "--order", "alphabetical"]).status.code(),
        Some(2)
    );
    let unknown = parley(&["x", "--party", "zz"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "no party has the id `zz`; the briefing has: ua, ru, us, ae\n"
    );
}

/// `PREFIX` N `MIDDLE` X ` ms`, as (N, X).
fn stat<'a>(line: &'a str, prefix: &str, middle: &str) -> (&'a str, &'a str) {
    let rest = line
        .strip_prefix(prefix)
        .and_then(|l| l.strip_suffix(" ms"));
    rest.and_then(|r| r.split_once(middle))
        .unwrap_or_else(|| panic!("{line:?}"))
}

#[test]
fn stats_go_to_standard_error_in_two_lines() {
    let output = parley(&["ready", "--stats", "--limit", "0"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    let (quotes, load_ms) = stat(lines[0], "load: ", " quotes in ");
    assert_eq!(quotes, "25");
    let (matches, search_ms) = stat(lines[1], "search: ", " matches in ");
    assert_eq!(matches, "4");
    for ms in [load_ms, search_ms] {
        let (whole, decimals) = ms.split_once('.').unwrap();
        assert!(
            whole.chars().all(|c| c.is_ascii_digit()) && !whole.is_empty(),
            "{ms}"
        );
        assert!(
            decimals.len() == 2 && decimals.chars().all(|c| c.is_ascii_digit()),
            "{ms}"
        );
    }
}

#[test]
fn file_text_is_sanitised_in_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    let briefing = "format = 1\n[briefing]\ntitle = \"t\"\nas_of = 2026-01-01\n\
        [[sources]]\nid = \"s1\"\noutlet = \"Wire\"\n\
        [[quotes]]\nspeaker = \"A\\u202eB\"\ntext = \"one\\ttwo \\u202e three\"\nsource = \"s1\"\n";
    std::fs::write(&path, briefing).unwrap();
    let output = parley(&["two", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "A<U+202E>B · Wire  [ab-b1d7e3]\n    one two <U+202E> three\n"
    );
}

/// A folder holding round 1 as `a.toml` and, as `b.toml`, round 1 with
/// `edit` applied.
fn archive(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let round1 = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rounds/round1.toml"
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), &round1).unwrap();
    std::fs::create_dir(dir.path().join("later")).unwrap();
    std::fs::write(dir.path().join("later/b.toml"), edit(&round1)).unwrap();
    dir
}

#[test]
fn a_folder_is_searched_as_one_archive_and_each_hit_names_its_file() {
    let dir = archive(|text| {
        text.replace(
            "Not one trawler inside twelve miles.",
            "Not one trawler twelve miles out.",
        )
    });
    let folder = dir.path().to_str().unwrap();
    let output = parley(&["trawler twelve", folder]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let headers: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with(' ') && !line.is_empty())
        .collect();
    // The terms closer together in later/b.toml rank it before a.toml,
    // which comes first by name.
    assert_eq!(
        headers,
        [
            "later/b.toml · Mara Quell · Coastal League · 2031-05-08 · Harbour Post  [quell-twelve]",
            "a.toml · Mara Quell · Coastal League · 2031-05-08 · Harbour Post  [quell-twelve]",
        ]
    );

    let output = parley(&["trawler twelve", folder, "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let files: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["later/b.toml", "a.toml"]);

    // A single file's hits carry no file name.
    let output = parley(&["trawler", &format!("{folder}/a.toml"), "--json"]);
    assert!(!stdout(&output).contains("\"file\""), "{}", stdout(&output));
}

#[test]
fn party_and_topic_filters_read_each_files_own_ids() {
    // b.toml: the same quotes with the two parties' ids swapped.
    let dir = archive(|text| {
        text.replace("\"coast\"", "\"swap\"")
            .replace("\"isle\"", "\"coast\"")
            .replace("\"swap\"", "\"isle\"")
    });
    let folder = dir.path().to_str().unwrap();
    for (query, party, file) in [
        ("trawler @isle", None, "later/b.toml"),
        ("trawler @coast", None, "a.toml"),
        ("trawler", Some("isle"), "later/b.toml"),
    ] {
        let mut args = vec![query, folder, "--json"];
        if let Some(party) = party {
            args.extend(["--party", party]);
        }
        let output = parley(&args);
        let hits: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let files: Vec<&str> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["file"].as_str().unwrap())
            .collect();
        assert_eq!(files, [file], "{query} {party:?}");
    }
    let output = parley(&["trawler", folder, "--party", "nobody"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_broken_briefing_in_the_folder_is_reported_and_the_rest_searched() {
    let dir = archive(|_| "format = 1\n[briefing]\ntitle = \"x\"\n".to_string());
    let output = parley(&["trawler", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("b.toml"), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("a.toml · Mara Quell"));

    let empty = tempfile::tempdir().unwrap();
    let output = parley(&["trawler", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}
