//! One test (at least) per rule of the briefing format, each with a file that
//! breaks it, asserting the line, the column and the message.

mod common;
use common::{BASE, findings, loaded, with};

#[test]
fn the_base_briefing_is_valid_with_no_findings() {
    assert_eq!(findings(BASE), Vec::<String>::new());
    assert_eq!(BASE.lines().count(), 18);
}

// Rule 1: valid TOML.

#[test]
fn rule1_a_syntax_error_is_located() {
    let text = "format = 1\n[briefing]\ntitle = \"unterminated\nas_of = 2026-01-23\n";
    // The string runs to the end of line 3, where the closing quote is missing.
    assert_eq!(
        findings(text),
        ["3:22: error: invalid basic string, expected `\"`"]
    );
}

#[test]
fn rule1_every_syntax_error_is_reported() {
    let text = "format = 1\nx = \ny = ]\n";
    let found = findings(text);
    assert!(found.iter().any(|f| f.starts_with("2:")), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("3:")), "{found:?}");
    // The rules still run on what could be read.
    assert_eq!(
        found[0],
        "1:1: error: missing table `[briefing]` in the top level"
    );
}

// Rule 2: format = 1.

#[test]
fn rule2_format_is_required() {
    let text = BASE.replacen("format = 1\n", "", 1);
    assert_eq!(
        findings(&text)[0],
        "1:1: error: missing key `format`: add `format = 1` at the top of the file"
    );
}

#[test]
fn rule2_a_later_format_is_refused_clearly() {
    let text = BASE.replacen("format = 1", "format = 2", 1);
    assert_eq!(
        findings(&text),
        ["1:10: error: unsupported format 2: this parley reads format 1 only"]
    );
}

#[test]
fn rule2_format_must_be_an_integer() {
    let text = BASE.replacen("format = 1", "format = \"1\"", 1);
    assert_eq!(
        findings(&text),
        ["1:10: error: `format` must be the integer 1, found string"]
    );
}

// Rule 3: required keys present and non-empty; unknown keys are errors.

#[test]
fn rule3_a_missing_required_key_points_at_its_table() {
    let found = findings(&with("\n[[sticking_points]]\nid = \"land\"\n"));
    assert_eq!(
        found,
        ["20:1: error: missing key `title` in [[sticking_points]]"]
    );
}

#[test]
fn rule3_a_missing_briefing_table_is_reported() {
    let text = "format = 1\n";
    assert_eq!(
        findings(text),
        ["1:1: error: missing table `[briefing]` in the top level"]
    );
}

#[test]
fn rule3_required_text_must_not_be_empty() {
    let text = BASE.replacen("title = \"Talks\"", "title = \"  \"", 1);
    assert_eq!(findings(&text), ["4:9: error: `title` must not be empty"]);
}

#[test]
fn rule3_an_unknown_key_names_the_nearest_known_key() {
    let text = BASE.replacen("red_line = true", "redline = true", 1);
    let found = findings(&text);
    assert!(
        found.contains(
            &"16:1: error: unknown key `redline` in [[parties.positions]]; did you mean `red_line`?"
                .to_string()
        ),
        "{found:?}"
    );
}

#[test]
fn rule3_an_unknown_key_with_no_near_match_lists_the_known_ones() {
    let found = findings(&with(
        "\n[[events]]\ndate = 2026-01-01\ntitle = \"x\"\nwhere = \"y\"\n",
    ));
    assert_eq!(
        found,
        [
            "20:1: warning: event has no sources: add `sources = [\"...\"]` so a reader can trace it",
            "23:1: error: unknown key `where` in [[events]]; [[events]] takes `date`, `title`, `detail`, `sources`, `discrepancies`",
        ]
    );
}

#[test]
fn rule3_an_unknown_top_level_table_is_an_error() {
    let found = findings(&with("\n[[quote]]\nspeaker = \"x\"\n"));
    assert_eq!(
        found,
        ["20:3: error: unknown key `quote` in the top level; did you mean `quotes`?"]
    );
}

#[test]
fn rule3_a_value_of_the_wrong_type_is_an_error() {
    let text = BASE.replacen("red_line = true", "red_line = \"yes\"", 1);
    assert_eq!(
        findings(&text),
        [
            // No "party has no red lines" warning: it would only follow from the error.
            "16:12: error: `red_line` must be true or false, found string",
        ]
    );
}

#[test]
fn all_errors_are_reported_at_once() {
    let text = BASE
        .replacen("title = \"Talks\"", "title = \"\"", 1)
        .replacen("red_line = true", "redline = true", 1)
        .replacen("[\"s1\"]", "[\"s9\"]", 1);
    let found = findings(&text);
    let errors: Vec<&String> = found.iter().filter(|f| f.contains("error:")).collect();
    assert_eq!(errors.len(), 3, "{found:?}");
}

// Rule 4: ids are slugs, unique within their kind.

#[test]
fn rule4_an_id_must_be_a_slug() {
    let text = BASE.replacen("id = \"ua\"", "id = \"UA Team\"", 1);
    assert_eq!(
        findings(&text),
        [
            "12:6: error: party id \"UA Team\" is not a slug: use lower-case letters, digits, `-` and `_`, starting with a letter or digit"
        ]
    );
}

#[test]
fn rule4_ids_are_unique_within_their_kind() {
    let found = findings(&with("\n[[sources]]\nid = \"s1\"\noutlet = \"Other\"\n"));
    assert_eq!(
        found,
        [
            "21:6: error: duplicate source id `s1` (first declared at line 8): ids must be unique among sources"
        ]
    );
}

#[test]
fn rule4_the_same_id_in_two_kinds_is_fine() {
    let text = with("\n[[sticking_points]]\nid = \"s1\"\ntitle = \"Shared id\"\n");
    loaded(&text);
}

#[test]
fn rule4_quote_ids_without_an_id_derive_from_speaker_and_text() {
    let quote = |speaker: &str, text: &str| {
        format!("\n[[quotes]]\nspeaker = \"{speaker}\"\ntext = \"{text}\"\nsource = \"s1\"\n")
    };
    let ids = |text: &str| -> Vec<String> {
        loaded(text)
            .briefing
            .quotes
            .into_iter()
            .map(|q| q.id.to_string())
            .collect()
    };
    let three = with(&format!(
        "{}{}{}",
        quote("Yuri Ushakov", "one"),
        quote("A", "two").replace("speaker", "id = \"named\"\nspeaker"),
        quote("Yuri Ushakov", "three")
    ));
    let before = ids(&three);
    assert_eq!(before[1], "named");
    for id in [&before[0], &before[2]] {
        assert!(
            id.starts_with("ushakov-") && id.len() == "ushakov-".len() + 6,
            "{id}"
        );
    }
    assert_ne!(before[0], before[2]);
    // A quote inserted first changes no other quote's id.
    let inserted = with(&format!("{}{}", quote("B", "new"), &three[BASE.len()..]));
    assert_eq!(ids(&inserted)[1..], before[..]);
}

#[test]
fn rule4_the_same_words_of_one_speaker_twice_point_at_both() {
    let quote = "\n[[quotes]]\nspeaker = \"A\"\ntext = \"x\"\nsource = \"s1\"\n";
    let found = findings(&with(&format!("{quote}{quote}")));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("25:1: error: this quote repeats the quote at line 20 word for word (same speaker, same text, derived id `a-"),
        "{found:?}"
    );
}

#[test]
fn rule4_a_written_quote_id_may_not_collide_with_a_derived_one() {
    let first = "\n[[quotes]]\nspeaker = \"A\"\ntext = \"x\"\nsource = \"s1\"\n";
    let derived = loaded(&with(first)).briefing.quotes[0].id.to_string();
    let text = with(&format!(
        "{first}\n[[quotes]]\nid = \"{derived}\"\nspeaker = \"B\"\ntext = \"y\"\nsource = \"s1\"\n"
    ));
    assert_eq!(
        findings(&text),
        [format!(
            "26:6: error: duplicate quote id `{derived}` (first declared at line 20): ids must be unique among quotes"
        )]
    );
}

// Rule 5: every reference resolves.

#[test]
fn rule5_unknown_references_name_the_missing_id() {
    let text = with(concat!(
        "\n[[parties.delegation]]\nname = \"A\"\nsources = [\"s2\"]\n", // 20-22
        "\n[[sticking_points]]\nid = \"land\"\ntitle = \"Land\"\n",     // 24-26
        "\n[[quotes]]\nspeaker = \"B\"\nparty = \"ru\"\ntext = \"x\"\nsource = \"wire\"\ntopics = [\"lnd\"]\n", // 28-33
        "\n[[events]]\ndate = 2026-01-01\ntitle = \"E\"\nsources = [\"zz\"]\n", // 35-38
        "\n[[discrepancies]]\nsubject = \"S\"\n[[discrepancies.accounts]]\nsource = \"s1\"\nsays = \"a\"\n[[discrepancies.accounts]]\nsource = \"nope\"\nsays = \"b\"\n", // 40-47
    ));
    assert_eq!(
        findings(&text),
        [
            "22:12: error: no source has the id `s2`; did you mean `s1`?",
            "30:9: error: no party has the id `ru`; the parties are `ua`",
            "32:10: error: no source has the id `wire`; the sources are `s1`",
            "33:11: error: no sticking point has the id `lnd`; did you mean `land`?",
            "38:12: error: no source has the id `zz`; the sources are `s1`",
            "46:10: error: no source has the id `nope`; the sources are `s1`",
        ]
    );
}

#[test]
fn rule5_a_position_topic_must_be_a_sticking_point() {
    let text = BASE.replacen(
        "red_line = true",
        "red_line = true\ntopic = \"territory\"",
        1,
    );
    assert_eq!(
        findings(&text),
        [
            "17:9: error: no sticking point has the id `territory`; the file declares no sticking points"
        ]
    );
}

// Rule 6: enumerations.

#[test]
fn rule6_role_must_be_a_listed_value() {
    let text = BASE.replacen(
        "name = \"Ukraine\"",
        "name = \"Ukraine\"\nrole = \"partie\"",
        1,
    );
    assert_eq!(
        findings(&text),
        [
            "14:8: error: `role` must be one of `party`, `mediator`, `host`, `observer`, found \"partie\"; did you mean `party`?"
        ]
    );
}

#[test]
fn rule6_status_must_be_a_listed_value() {
    let found = findings(&with(
        "\n[[sticking_points]]\nid = \"x\"\ntitle = \"X\"\nstatus = \"stuck\"\n",
    ));
    assert_eq!(
        found,
        [
            "23:10: error: `status` must be one of `open`, `narrowing`, `agreed`, `parked`, found \"stuck\""
        ]
    );
}

#[test]
fn rule6_defaults_apply_when_absent() {
    let briefing = loaded(&with("\n[[sticking_points]]\nid = \"x\"\ntitle = \"X\"\n")).briefing;
    assert_eq!(briefing.parties[0].role, parley::briefing::Role::Party);
    assert_eq!(briefing.parties[0].short, "UA");
    assert_eq!(
        briefing.sticking_points[0].status,
        parley::briefing::Status::Open
    );
}

// Rule 7: dates.

#[test]
fn rule7_an_impossible_date_is_an_error() {
    let text = BASE.replacen("as_of = 2026-01-23", "as_of = 2026-02-30", 1);
    let found = findings(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("5:9: error: invalid date"),
        "{found:?}"
    );
}

#[test]
fn rule7_a_date_must_be_a_local_date() {
    let text = BASE.replacen("as_of = 2026-01-23", "as_of = 2026-01-23T10:00:00Z", 1);
    let forms = "a day written unquoted as YYYY-MM-DD, a month in quotes (\"YYYY-MM\") or a year in quotes (\"YYYY\")";
    assert_eq!(
        findings(&text),
        [format!(
            "5:9: error: `as_of` must be {forms}, found a date-time"
        )]
    );
    let quoted = BASE.replacen("as_of = 2026-01-23", "as_of = \"2026-01-23\"", 1);
    assert_eq!(
        findings(&quoted),
        [format!(
            "5:9: error: `as_of` must be {forms}, found \"2026-01-23\"; did you mean `as_of = 2026-01-23` (23 January 2026)?"
        )]
    );
    let garbled = BASE.replacen("as_of = 2026-01-23", "as_of = \"Jan 2026\"", 1);
    assert_eq!(
        findings(&garbled),
        [format!(
            "5:9: error: `as_of` must be {forms}, found \"Jan 2026\""
        )]
    );
}

#[test]
fn rule7_ends_is_not_before_starts() {
    let text = BASE.replacen(
        "as_of = 2026-01-23",
        "as_of = 2026-01-23\nstarts = 2026-01-23\nends = 2026-01-22",
        1,
    );
    assert_eq!(
        findings(&text),
        ["7:8: error: `ends` (2026-01-22) is before `starts` (2026-01-23)"]
    );
}

// Rule 8: one lead per party; two accounts per discrepancy.

#[test]
fn rule8_at_most_one_lead_per_party() {
    let found = findings(&with(
        "\n[[parties.delegation]]\nname = \"A\"\nlead = true\nsources = [\"s1\"]\n[[parties.delegation]]\nname = \"B\"\nlead = true\nsources = [\"s1\"]\n",
    ));
    assert_eq!(
        found,
        [
            "26:8: error: a second `lead = true` in this party's delegation (the first is on line 22): at most one lead per party"
        ]
    );
}

#[test]
fn rule8_a_discrepancy_needs_two_accounts() {
    let found = findings(&with(
        "\n[[discrepancies]]\nsubject = \"Rank\"\n\n[[discrepancies.accounts]]\nsource = \"s1\"\nsays = \"General\"\n",
    ));
    assert_eq!(
        found,
        ["20:1: error: a discrepancy needs at least two `[[discrepancies.accounts]]`, found 1"]
    );
}

// Rule 9: no control characters in text, however written.

#[test]
fn rule9_escaped_control_characters_are_refused() {
    for escape in ["\\u001b", "\\e", "\\x1b", "\\u0085", "\\u0007"] {
        let text = BASE.replacen("Example Wire", &format!("Example{escape}[2J Wire"), 1);
        let found = findings(&text);
        assert_eq!(found.len(), 1, "{escape}: {found:?}");
        assert!(
            found[0].starts_with("9:10: error: control character U+00"),
            "{escape}: {found:?}"
        );
        assert!(found[0].contains("in `outlet`"), "{found:?}");
    }
}

#[test]
fn rule9_a_raw_control_character_is_refused_and_never_echoed() {
    let text = BASE.replacen("Example Wire", "Example\u{1b}[2J Wire", 1);
    let found = findings(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("9:"), "{found:?}");
    let rendered = parley::briefing::load(&common::document(&text))
        .unwrap_err()
        .render(&common::document(&text));
    assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
    assert!(rendered.contains("\\u{1b}"), "{rendered}");
}

#[test]
fn rule9_a_raw_escape_in_a_comment_is_shown_escaped() {
    let text = format!("# note \u{1b}]0;owned\u{7}\n{BASE}");
    let document = common::document(&text);
    let rendered = parley::briefing::load(&document)
        .unwrap_err()
        .render(&document);
    assert!(rendered.starts_with("test.toml:1:"), "{rendered}");
    assert!(
        !rendered.chars().any(|c| c.is_control() && c != '\n'),
        "{rendered:?}"
    );
    assert!(rendered.contains("\\u{1b}]0;owned\\u{7}"), "{rendered}");
}

#[test]
fn rule9_newlines_and_tabs_are_allowed() {
    let text = BASE.replacen("text = \"No.\"", "text = \"\"\"\nNo.\n\tNever.\"\"\"", 1);
    assert_eq!(
        loaded(&text).briefing.parties[0].positions[0].text,
        "No.\n\tNever."
    );
}

// Rule 10: quotes verbatim in their source's text_file.

#[test]
fn rule10_quotes_are_checked_against_the_text_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s1.txt"),
        "He said the talks were “productive” — and long.\n",
    )
    .unwrap();
    let text = BASE.replacen(
        "outlet = \"Example Wire\"",
        "outlet = \"Example Wire\"\ntext_file = \"s1.txt\"",
        1,
    ) + "\n[[quotes]]\nspeaker = \"A\"\ntext = \"the talks were \\\"productive\\\" - and long\"\nsource = \"s1\"\n"
        + "\n[[quotes]]\nspeaker = \"A\"\ntext = \"the talks were fruitful\"\nsource = \"s1\"\n";
    let document = parley::briefing::Document {
        dir: Some(dir.path().into()),
        ..common::document(&text)
    };
    assert_eq!(
        common::findings_of(&document),
        [
            "28:8: error: quote is not verbatim in s1.txt: \"the talks were fruitful\" does not appear; the closest passage, at s1.txt:1:9, is \"the talks were\""
        ]
    );
}

#[test]
fn rule10_elided_parts_must_appear_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s1.txt"), "one two three four five").unwrap();
    let quote = |t: &str| {
        BASE.replacen(
            "outlet = \"Example Wire\"",
            "outlet = \"W\"\ntext_file = \"s1.txt\"",
            1,
        ) + &format!("\n[[quotes]]\nspeaker = \"A\"\ntext = \"{t}\"\nsource = \"s1\"\n")
    };
    let check = |t: &str| {
        common::findings_of(&parley::briefing::Document {
            dir: Some(dir.path().into()),
            ..common::document(&quote(t))
        })
    };
    assert!(check("one two ... five").is_empty());
    assert_eq!(check("five ... one").len(), 1);
}

#[test]
fn rule10_an_unreadable_text_file_is_an_error_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = BASE.replacen(
        "outlet = \"Example Wire\"",
        "outlet = \"W\"\ntext_file = \"missing.txt\"",
        1,
    );
    let document = parley::briefing::Document {
        dir: Some(dir.path().into()),
        ..common::document(&text)
    };
    let found = common::findings_of(&document);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("10:13: error: cannot read text_file "),
        "{found:?}"
    );
}

#[test]
fn rule10_a_briefing_from_standard_input_says_verification_was_skipped() {
    let text = BASE.replacen(
        "outlet = \"Example Wire\"",
        "outlet = \"W\"\ntext_file = \"s1.txt\"",
        1,
    );
    let document = parley::briefing::Document {
        dir: None,
        ..common::document(&text)
    };
    let loaded = parley::briefing::load(&document).unwrap();
    assert_eq!(loaded.notes.len(), 1);
    assert!(loaded.notes[0].starts_with("quotes were not verified"));
}

/// [`BASE`] whose source `s1` has `text_file = "s1.txt"` in `dir`, which
/// holds `article`, with `quotes` appended.
fn citing_article(dir: &std::path::Path, article: &str, quotes: &str) -> Vec<String> {
    std::fs::write(dir.join("s1.txt"), article).unwrap();
    let text = BASE.replacen(
        "outlet = \"Example Wire\"",
        "outlet = \"W\"\ntext_file = \"s1.txt\"",
        1,
    ) + quotes;
    common::findings_of(&parley::briefing::Document {
        dir: Some(dir.into()),
        ..common::document(&text)
    })
}

#[test]
fn rule10_the_closest_passage_is_the_nearest_one_at_its_place_in_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = "Zelensky spoke in Davos on Thursday.\n\
                   Talks were due on Friday, he said. “It’s all about the land. This is the issue\n\
                   which is not solved yet,” Zelensky told reporters.\n";
    let found = citing_article(
        dir.path(),
        article,
        "\n[[quotes]]\nspeaker = \"Z\"\ntext = \"It's about the land. This is the issue which is not solved yet\"\nsource = \"s1\"\n",
    );
    assert_eq!(
        found,
        [
            "23:8: error: quote is not verbatim in s1.txt: \"It's about the land. This is the issue which is not solved yet\" does not appear; the closest passage, at s1.txt:2:36, is \"“It’s all about the land. This is the issue which is not solved yet,”\""
        ]
    );
}

#[test]
fn rule10_a_text_file_outside_the_briefing_folder_is_refused_unread() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "SECRET-MARKER the talks were fruitful").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("briefing");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(&secret, dir.path().join("secret.txt")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, folder.join("link.txt")).unwrap();
    let cases = [
        (secret.display().to_string(), "an absolute path"),
        (
            "../secret.txt".to_string(),
            "leaves the briefing's folder (`..`)",
        ),
        (
            "link.txt".to_string(),
            "a symbolic link that leads out of the briefing's folder",
        ),
    ];
    for (path, reason) in cases {
        let text = BASE.replacen(
            "outlet = \"Example Wire\"",
            &format!("outlet = \"W\"\ntext_file = \"{path}\""),
            1,
        ) + "\n[[quotes]]\nspeaker = \"A\"\ntext = \"the talks were productive\"\nsource = \"s1\"\n";
        let found = common::findings_of(&parley::briefing::Document {
            dir: Some(folder.as_path().into()),
            ..common::document(&text)
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("10:13: error: cannot read text_file `{path}`: ")),
            "{found:?}"
        );
        assert!(found[0].contains(reason), "{found:?}");
        assert!(!found[0].contains("SECRET"), "{found:?}");
    }
}

#[test]
fn rule10_a_quote_in_its_own_quotation_marks_is_a_warning() {
    let found = common::findings(&with(
        "\n[[quotes]]\nspeaker = \"A\"\ntext = \"“We will not give up land”\"\nsource = \"s1\"\n",
    ));
    assert_eq!(
        found,
        [
            "22:8: warning: the quote is wrapped in its own quotation marks (“…”); `text` holds the words without them, and parley adds its own"
        ]
    );
}

#[test]
fn a_quote_of_only_an_elision_is_an_error() {
    let found = common::findings(&with(
        "\n[[quotes]]\nspeaker = \"A\"\ntext = \" … \"\nsource = \"s1\"\n",
    ));
    assert_eq!(
        found,
        ["22:8: error: a quote's `text` must hold the words said, not only an elision (`...`)"]
    );
}

#[test]
fn rule3_text_of_only_invisible_characters_counts_as_empty() {
    let text = BASE.replacen(
        "title = \"Talks\"",
        "title = \"\u{200b}\u{2060} \u{feff}\"",
        1,
    );
    assert_eq!(
        common::findings(&text),
        ["4:9: error: `title` must not be empty"]
    );
    let found = common::findings(&with(
        "\n[[quotes]]\nspeaker = \"A\"\ntext = \"\\u200B\\u200D\"\nsource = \"s1\"\n",
    ));
    assert_eq!(found, ["22:8: error: `text` must not be empty"]);
}

#[test]
fn a_url_that_is_not_a_web_or_mail_link_is_an_error() {
    for (url, message) in [
        (
            "javascript:alert(1)",
            "`url` must be an http, https or mailto link, not a `javascript:` one",
        ),
        (
            "file:///etc/passwd",
            "`url` must be an http, https or mailto link, not a `file:` one",
        ),
        (
            "www.example.com",
            "`url` must be a whole link starting with https://, http:// or mailto:",
        ),
    ] {
        let text = BASE.replacen(
            "outlet = \"Example Wire\"",
            &format!("outlet = \"W\"\nurl = \"{url}\""),
            1,
        );
        assert_eq!(common::findings(&text), [format!("10:7: error: {message}")]);
    }
    let text = BASE.replacen(
        "outlet = \"Example Wire\"",
        "outlet = \"W\"\nurl = \"https://example.com/a?b=c\"",
        1,
    );
    assert!(common::findings(&text).is_empty());
}

#[test]
fn a_crlf_briefing_with_multi_line_strings_loads_as_if_it_had_lf() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings/crlf.toml");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.windows(2).filter(|w| w == b"\r\n").count() > 10,
        "the fixture must keep its CRLF line endings"
    );
    let document = parley::briefing::Document::read(&path, 1 << 20).unwrap();
    let loaded = parley::briefing::load(&document).unwrap();
    let summary = loaded.briefing.meta.summary.as_deref().unwrap();
    assert_eq!(summary, "Two lines,\nwritten on Windows.\n");
    assert_eq!(loaded.briefing.quotes[0].text, "We will meet\nagain.");
}

// Warnings: reported, but the file is valid.

#[test]
fn warnings_leave_the_file_valid() {
    let text = BASE.replacen(
        "red_line = true\nbasis = \"reported\"\nsources = [\"s1\"]\n",
        "",
        1,
    ) + "\n[[sources]]\nid = \"s2\"\noutlet = \"Un\u{202e}cited\"\n";
    let loaded = loaded(&text);
    let found = common::findings(&text);
    assert_eq!(
        found,
        [
            "8:6: warning: source `s1` is not cited by anything",
            "11:1: warning: party `ua` has no red lines",
            "14:1: warning: position has no sources: add `sources = [\"...\"]` so a reader can trace it",
            "18:6: warning: source `s2` is not cited by anything",
            "19:13: warning: bidirectional control character U+202E in `outlet`: it is shown as a visible escape, not obeyed",
        ]
    );
    assert_eq!(loaded.warnings.len(), 5);
}

#[test]
fn hosts_and_mediators_need_no_red_lines() {
    let text = with("\n[[parties]]\nid = \"ae\"\nname = \"UAE\"\nrole = \"host\"\n");
    assert!(findings(&text).is_empty());
}

#[test]
fn a_colour_is_hex_or_a_named_ansi_colour() {
    let ok = BASE.replacen(
        "name = \"Ukraine\"",
        "name = \"Ukraine\"\ncolor = \"LightBlue\"",
        1,
    );
    loaded(&ok);
    let bad = BASE.replacen(
        "name = \"Ukraine\"",
        "name = \"Ukraine\"\ncolor = \"#12345\"",
        1,
    );
    let found = findings(&bad);
    assert!(
        found[0].starts_with("14:9: error: `color` must be \"#rrggbb\""),
        "{found:?}"
    );
}

/// The shipped briefing, as built in with its article texts, with
/// `replace` applied.
fn shipped_with(replace: (&str, &str)) -> parley::briefing::Document {
    let embedded = parley::briefing::Document::embedded();
    parley::briefing::Document {
        text: embedded.text.replacen(replace.0, replace.1, 1),
        ..embedded
    }
}

#[test]
fn rule10_every_shipped_quote_is_verified_against_the_texts_built_in() {
    let loaded = parley::briefing::load(&shipped_with(("", ""))).unwrap();
    let briefing = &loaded.briefing;
    assert!(briefing.sources.iter().all(|s| s.text_file.is_some()));
    assert_eq!(
        loaded.verified,
        parley::briefing::Verified {
            quotes: briefing.quotes.len(),
            texts: briefing.sources.len(),
        }
    );
}

#[test]
fn rule10_a_word_dropped_from_a_shipped_quote_points_at_its_real_passage() {
    let quote = "text = \"It’s all about the land. This is the issue which is not solved yet\"";
    let document = shipped_with((quote, &quote.replace("all ", "")));
    let line = document.text[..document.text.find("text = \"It’s about").unwrap()]
        .lines()
        .count()
        + 1;
    assert_eq!(
        common::findings_of(&document),
        [format!(
            "{line}:8: error: quote is not verbatim in abu-dhabi-2026-01/s004.txt: \"It's about the land. This is the issue which is not solved yet\" does not appear; the closest passage, at abu-dhabi-2026-01/s004.txt:27:1, is \"“It’s all about the land. This is the issue which is not solved yet,”\""
        )]
    );
}
